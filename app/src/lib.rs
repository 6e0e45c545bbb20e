//! The CUS platform: shared types, pages, server functions and (behind `ssr`) server-only code.
#![recursion_limit = "512"]

// Translations from `locales/*.json`, checked at compile time. (leptos_i18n 0.6 also offers
// build.rs code generation; it pulls the ICU data exporter into the build, so we keep the macro.)
#[allow(deprecated)]
mod translations {
    leptos_i18n::load_locales!();
}
pub use translations::i18n;

pub mod accessibility;
pub mod app;
pub mod audit;
pub mod centre;
pub mod components;
pub mod domain;
pub mod error;
pub mod gate;
pub mod identity;
pub mod notifications;
pub mod preferences;
pub mod shell;

#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;

pub use app::{App, shell as html_shell};
