//! Data-subject rights (RODO art. 15, 16 and 20): everything the centre keeps about a person, as
//! JSON (to take elsewhere) and as a readable PDF — for residents from "Moje konto", and for the
//! data protection officer about anyone, found by PESEL, so paper applicants too — and the
//! officer's register of requests (access, rectification, portability, …) with their deadline;
//! and retention: case files removed once their programme's period for keeping them has passed.

pub mod model;
pub mod pages;
pub mod requests;

#[cfg(feature = "ssr")]
pub mod files;
#[cfg(feature = "ssr")]
pub mod retention;
#[cfg(feature = "ssr")]
mod store;

pub use model::*;
