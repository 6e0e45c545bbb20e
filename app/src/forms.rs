//! Checks shared by the staff forms: each returns what it read and puts its field's error key
//! into `FieldErrors` (shown next to the field).

use crate::error::FieldErrors;
use chrono::NaiveDate;

/// Longest text of one field of a record (notes, minutes, plan texts), in characters.
pub const MAX_TEXT: usize = 5000;

/// `text` trimmed; `required` when empty, `too_long` past `MAX_TEXT` characters.
pub fn check_text(errors: &mut FieldErrors, field: &str, text: &str, required: bool) -> String {
    let text = text.trim();
    if required && text.is_empty() {
        errors.insert(field.into(), "required".into());
    } else if text.chars().count() > MAX_TEXT {
        errors.insert(field.into(), "too_long".into());
    }
    text.to_owned()
}

/// A day typed as `YYYY-MM-DD` that has come by `today` (`domain::past_day`).
pub fn check_past_day(
    errors: &mut FieldErrors,
    field: &str,
    text: &str,
    today: NaiveDate,
) -> Option<NaiveDate> {
    crate::domain::past_day(text, today)
        .map_err(|key| errors.insert(field.into(), key.into()))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_trimmed_required_and_bounded() {
        let mut errors = FieldErrors::new();
        assert_eq!(check_text(&mut errors, "a", "  tak ", true), "tak");
        check_text(&mut errors, "b", "  ", true);
        check_text(&mut errors, "c", "", false);
        check_text(&mut errors, "d", &"ż".repeat(MAX_TEXT + 1), false);
        assert_eq!(errors.get("b").map(String::as_str), Some("required"));
        assert_eq!(errors.get("d").map(String::as_str), Some("too_long"));
        assert_eq!(errors.len(), 2);
    }

    #[test]
    fn a_day_must_have_come() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let mut errors = FieldErrors::new();
        assert_eq!(
            check_past_day(&mut errors, "a", "2026-11-24", today),
            Some(today)
        );
        assert_eq!(check_past_day(&mut errors, "b", "2026-11-25", today), None);
        assert_eq!(check_past_day(&mut errors, "c", "jutro", today), None);
        assert_eq!(errors.get("b").map(String::as_str), Some("date_in_future"));
        assert_eq!(errors.get("c").map(String::as_str), Some("date_invalid"));
    }
}
