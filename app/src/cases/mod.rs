//! Case handling: the staff's inbox and case registry, the case page with its deadline clock,
//! assignment to a coordinator, the path a case takes (art. 42) and internal notes.

pub mod handling;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod store;

pub use model::*;
