//! The Individual Social Services Plan (IPUS, art. 38–41 and 45 of the act): drafted for a case on
//! the plan path, approved by the director or an authorised services organiser, updated in
//! versions, monitored and closed with a follow-up six months later.

pub mod authorisations;
pub mod desk;
pub mod desk_pages;
#[cfg(feature = "ssr")]
mod desk_store;
#[cfg(feature = "ssr")]
pub mod document;
#[cfg(feature = "ssr")]
mod facts_store;
pub mod meetings;
pub mod meetings_pages;
#[cfg(feature = "ssr")]
mod meetings_store;
pub mod model;
pub mod monitoring;
#[cfg(feature = "ssr")]
mod monitoring_store;
pub mod pages;
pub mod participation_pages;
pub mod plans;
#[cfg(feature = "ssr")]
mod programme_store;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod store;
pub mod summary;
pub mod summary_pages;

pub use model::*;
pub use rules::*;
