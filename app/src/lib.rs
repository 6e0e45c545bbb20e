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
pub mod applications;
pub mod audit;
pub mod case_file;
pub mod cases;
pub mod catalogue;
pub mod centre;
pub mod community;
pub mod components;
#[cfg(feature = "ssr")]
mod data_migrations;
pub mod documents;
pub mod domain;
pub mod error;
pub mod forms;
pub mod gate;
pub mod help;
pub mod identity;
pub mod ipus;
pub mod needs;
pub mod notifications;
pub mod preferences;
pub mod privacy;
pub mod programme;
pub mod providers;
pub mod shell;

#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;

pub use app::{App, ShipsBundle, shell as html_shell};

#[cfg(test)]
mod structure_tests;

#[cfg(all(test, feature = "ssr"))]
mod translation_tests {
    use crate::i18n::*;
    use leptos::prelude::*;

    fn applications(locale: Locale, n: i32) -> String {
        let html = td!(locale, counts.applications, count = move || n)
            .into_view()
            .to_html();
        // Hydration markers between text nodes are not part of what a person reads.
        html.replace("<!>", "")
    }

    /// Polish and Ukrainian need four plural categories (one, few, many, other); English two.
    #[test]
    fn plural_forms() {
        let pl = |n| applications(Locale::pl, n);
        assert_eq!(pl(1), "1 wniosek");
        assert_eq!(pl(2), "2 wnioski");
        assert_eq!(pl(4), "4 wnioski");
        assert_eq!(pl(5), "5 wniosków");
        assert_eq!(pl(12), "12 wniosków");
        assert_eq!(pl(22), "22 wnioski");
        assert_eq!(pl(25), "25 wniosków");
        let days = |n: i32| {
            let html = td!(Locale::pl, counts.days, count = move || n)
                .into_view()
                .to_html();
            html.replace("<!>", "")
        };
        assert_eq!(days(1), "1 dzień");
        assert_eq!(days(14), "14 dni");
        let uk = |n| applications(Locale::uk, n);
        assert_eq!(uk(1), "1 заява");
        assert_eq!(uk(3), "3 заяви");
        assert_eq!(uk(11), "11 заяв");
        assert_eq!(uk(21), "21 заява");
        assert_eq!(applications(Locale::en, 1), "1 application");
        assert_eq!(applications(Locale::en, 2), "2 applications");
    }
}
