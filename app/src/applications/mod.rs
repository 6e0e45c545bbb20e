//! Applying for services: the resident's online wizard and the info point's registration of
//! paper and in-person applications (one form for both), the resident's "Moje sprawy", the
//! receipt, attachments and the e-mails that tell the resident what happened.

pub mod case_pages;
pub mod case_views;
pub mod model;
pub mod my_cases;
pub mod person;
pub mod wizard;
pub mod wizard_pages;

#[cfg(feature = "ssr")]
pub mod files;
#[cfg(feature = "ssr")]
pub(crate) mod notify;
#[cfg(feature = "ssr")]
mod receipt;
#[cfg(feature = "ssr")]
pub mod store;

pub use model::*;
pub use person::PersonInput;

/// Largest attachment accepted, in megabytes.
pub const MAX_ATTACHMENT_MB: u32 = 5;
/// Most attachments one application may carry.
pub const MAX_ATTACHMENTS: usize = 10;
