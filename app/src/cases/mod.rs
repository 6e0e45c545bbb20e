//! Case handling: the staff's inbox and case registry, the case page with its deadline clock,
//! assignment to a coordinator, the path a case takes (art. 42), internal notes, and the
//! qualification of each requested service within the service's limit.

pub mod access;
pub mod case_views;
pub mod decision;
pub mod forwarding;
pub mod handling;
pub mod model;
pub mod pages;
pub mod qualification;
pub mod qualification_pages;
pub mod recognition;
pub mod scope;
pub mod templates;

#[cfg(feature = "ssr")]
pub mod capacity;
#[cfg(feature = "ssr")]
pub mod decision_store;
#[cfg(feature = "ssr")]
pub mod forwarding_store;
#[cfg(feature = "ssr")]
pub mod recognition_store;
#[cfg(feature = "ssr")]
pub mod scope_store;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod templates_store;

pub use model::*;
