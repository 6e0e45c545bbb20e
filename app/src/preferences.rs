//! Display preferences a visitor can switch without JavaScript: high contrast and larger text.
//! They live in one cookie the server reads when it renders the page.

use serde::{Deserialize, Serialize};

pub const COOKIE: &str = "cus_display";
/// leptos_i18n's cookie, read on every render to choose the language.
pub const LANGUAGE_COOKIE: &str = "i18n_pref_locale";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayPrefs {
    pub high_contrast: bool,
    pub large_text: bool,
}

impl DisplayPrefs {
    /// Cookie value: a comma-separated list of switched-on options.
    pub fn from_cookie_value(value: &str) -> Self {
        let has = |name| value.split(',').any(|part| part.trim() == name);
        DisplayPrefs {
            high_contrast: has("contrast"),
            large_text: has("large"),
        }
    }

    pub fn to_cookie_value(self) -> String {
        let mut parts = Vec::new();
        if self.high_contrast {
            parts.push("contrast");
        }
        if self.large_text {
            parts.push("large");
        }
        parts.join(",")
    }

    /// Classes for the `<html>` element.
    pub fn html_class(self) -> String {
        let mut classes = Vec::new();
        if self.high_contrast {
            classes.push("high-contrast");
        }
        if self.large_text {
            classes.push("large-text");
        }
        classes.join(" ")
    }

    /// Reads the preferences from a `Cookie:` header value.
    pub fn from_cookie_header(header: &str) -> Self {
        cookie_value(header, COOKIE)
            .map(Self::from_cookie_value)
            .unwrap_or_default()
    }
}

/// The value of cookie `name` in a `Cookie:` header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then_some(value)
    })
}

/// Longest return path kept; a longer one is not a page of ours.
const MAX_RETURN_PATH: usize = 2048;

/// A return path is accepted only when it stays on this site: one leading `/` (not `//`, which
/// browsers read as another host), no backslash (some read it as `/`), no whitespace or control
/// character (a header cannot carry them and browsers strip some). Anything else is `/`.
pub fn safe_return_path(path: Option<&str>) -> String {
    let local = |p: &str| {
        p.starts_with('/')
            && !p.starts_with("//")
            && p.len() <= MAX_RETURN_PATH
            && !p
                .chars()
                .any(|c| c == '\\' || c.is_whitespace() || c.is_control())
    };
    match path {
        Some(p) if local(p) => p.to_owned(),
        _ => "/".to_owned(),
    }
}

/// The visitor's language (cookie), for e-mails written during their request.
#[cfg(feature = "ssr")]
pub fn visitor_locale() -> crate::i18n::Locale {
    use leptos_i18n::Locale as _;
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| {
            let header = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
            let code = cookie_value(header, LANGUAGE_COOKIE)?;
            crate::i18n::Locale::get_all()
                .iter()
                .find(|l| l.as_str() == code)
                .copied()
        })
        .unwrap_or_default()
}

/// The locale with this code, Polish when unknown.
#[cfg(feature = "ssr")]
pub fn locale_of(code: &str) -> crate::i18n::Locale {
    use leptos_i18n::Locale as _;
    crate::i18n::Locale::get_all()
        .iter()
        .find(|l| l.as_str() == code)
        .copied()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_round_trip() {
        let prefs = DisplayPrefs {
            high_contrast: true,
            large_text: true,
        };
        assert_eq!(
            DisplayPrefs::from_cookie_value(&prefs.to_cookie_value()),
            prefs
        );
        assert_eq!(DisplayPrefs::from_cookie_value(""), DisplayPrefs::default());
    }

    #[test]
    fn reads_from_header_among_other_cookies() {
        let prefs = DisplayPrefs::from_cookie_header("a=1; cus_display=large; b=2");
        assert!(prefs.large_text && !prefs.high_contrast);
        assert_eq!(prefs.html_class(), "large-text");
    }

    #[test]
    fn return_path_stays_local() {
        assert_eq!(safe_return_path(Some("/uslugi?q=a")), "/uslugi?q=a");
        assert_eq!(safe_return_path(Some("//evil.example")), "/");
        assert_eq!(safe_return_path(Some("https://evil.example")), "/");
        assert_eq!(safe_return_path(None), "/");
        for hostile in [
            "/\\evil.example",
            "/\tevil",
            "/ //evil",
            "/\r\nSet-Cookie: a=b",
            "/\u{7f}",
            "/\u{a0}x",
            "",
        ] {
            assert_eq!(safe_return_path(Some(hostile)), "/", "{hostile:?}");
        }
    }

    proptest::proptest! {
        /// Whatever is typed into `powrot`, the answer is a path of this site that fits in a
        /// `Location` header, and a local path comes back unchanged.
        #[test]
        fn any_return_path_is_local_and_a_valid_header(input in ".{0,64}", tail in "[a-z0-9/?=&%._-]{0,40}") {
            for candidate in [input.clone(), format!("/{input}"), format!("/{tail}")] {
                let path = safe_return_path(Some(&candidate));
                proptest::prop_assert!(path.starts_with('/'));
                proptest::prop_assert!(!path.starts_with("//"));
                proptest::prop_assert!(http::HeaderValue::from_str(&path).is_ok());
                proptest::prop_assert!(path == "/" || path == candidate);
            }
            let plain = format!("/{}", tail.trim_start_matches('/'));
            proptest::prop_assert_eq!(safe_return_path(Some(&plain)), plain);
        }
    }
}
