//! What a form sent without JavaScript held when it was refused. The server keeps its fields
//! (passwords and one-time codes excepted) for the one page that shows the error, and the
//! form's fields take their values from it: nothing typed is lost.

use serde::{Deserialize, Serialize};

/// The fields of a refused form, in the order sent, and the page it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormEcho {
    pub path: String,
    pub fields: Vec<(String, String)>,
}

impl FormEcho {
    /// The session key it waits under until the page is shown.
    pub const SESSION_KEY: &'static str = "form_echo";

    /// Whether a field is kept: never a password or a one-time code, nor the server's own.
    pub fn keeps(name: &str) -> bool {
        !(name.contains("password") || name == "kod" || name.starts_with("__"))
    }

    /// What was typed into field `name`.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
    }

    /// Whether the checkbox or radio button `name` with `value` was ticked.
    pub fn ticked(&self, name: &str, value: &str) -> bool {
        self.fields.iter().any(|(f, v)| f == name && v == value)
    }
}

/// The refused form this page is showing again, if any (only while rendering on the server:
/// without JavaScript there is nothing else).
pub fn echo() -> Option<FormEcho> {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()?
            .extensions
            .get::<FormEcho>()
            .cloned()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// What field `name` showed when the form was refused, if the page shows it again.
pub fn echoed(name: &str) -> Option<String> {
    echo().and_then(|echo| echo.value(name).map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_not_kept_and_ticks_are_read_by_value() {
        assert!(!FormEcho::keeps("password"));
        assert!(!FormEcho::keeps("new_password"));
        assert!(!FormEcho::keeps("kod"));
        assert!(FormEcho::keeps("person[pesel]"));
        let echo = FormEcho {
            path: "/x".into(),
            fields: vec![
                ("roles[]".into(), "director".into()),
                ("roles[]".into(), "coordinator".into()),
                ("name".into(), "Anna".into()),
            ],
        };
        assert_eq!(echo.value("name"), Some("Anna"));
        assert!(echo.ticked("roles[]", "coordinator"));
        assert!(!echo.ticked("roles[]", "administrator"));
        assert_eq!(echo.value("email"), None);
    }
}
