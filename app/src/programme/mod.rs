//! The Social Services Programme (PUS) as executable configuration. Its fee rules (element 7
//! of art. 5 ust. 3) are computed here, exactly, in grosze.

pub mod admin;
pub mod editing_pages;
pub mod eligibility;
pub mod ending;
pub mod fees;
pub mod forms;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

pub use model::*;
