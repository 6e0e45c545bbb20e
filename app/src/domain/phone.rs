//! Phone number, Polish-first, stored in E.164 form ("+48123456789").

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a string is not an acceptable phone number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    /// Something other than digits, spaces, dashes, parentheses and a
    /// leading '+'.
    #[error("phone_not_digits")]
    NotDigits,
    /// Not 9 digits for a national number, not 8–15 digits for an
    /// international one, or not 9 digits after +48.
    #[error("phone_wrong_length")]
    WrongLength,
    /// Country code starting with 0 (no such E.164 code).
    #[error("phone_bad_country_code")]
    BadCountryCode,
}

impl PhoneError {
    /// Stable translation key for this reason.
    pub fn key(&self) -> &'static str {
        match self {
            Self::NotDigits => "phone_not_digits",
            Self::WrongLength => "phone_wrong_length",
            Self::BadCountryCode => "phone_bad_country_code",
        }
    }
}

/// A phone number in E.164 form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

const POLAND: &str = "48";
// Polish numbers are a closed 9-digit plan (no trunk prefix since 2005).
const POLISH_NATIONAL_LEN: usize = 9;

impl PhoneNumber {
    /// Parses a phone number.
    ///
    /// Spaces, dashes and parentheses are dropped. A number starting with
    /// '+' or the international prefix "00" keeps its country code and must
    /// have 8–15 digits in all (E.164); anything else must be a 9-digit
    /// Polish number and gets +48. After +48 exactly 9 digits are required,
    /// because that is the Polish numbering plan.
    pub fn parse(input: &str) -> Result<Self, PhoneError> {
        let cleaned: String = input
            .chars()
            .filter(|c| !(c.is_whitespace() || matches!(c, '-' | '(' | ')')))
            .collect();
        let (international, digits) = match cleaned.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => match cleaned.strip_prefix("00") {
                Some(rest) => (true, rest),
                None => (false, cleaned.as_str()),
            },
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PhoneError::NotDigits);
        }
        if !international {
            if digits.len() != POLISH_NATIONAL_LEN {
                return Err(PhoneError::WrongLength);
            }
            return Ok(Self(format!("+{POLAND}{digits}")));
        }
        if !(8..=15).contains(&digits.len()) {
            return Err(PhoneError::WrongLength);
        }
        if digits.starts_with('0') {
            return Err(PhoneError::BadCountryCode);
        }
        if digits.starts_with(POLAND) && digits.len() != POLAND.len() + POLISH_NATIONAL_LEN {
            return Err(PhoneError::WrongLength);
        }
        Ok(Self(format!("+{digits}")))
    }

    /// E.164 form, e.g. "+48123456789".
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_polish(&self) -> bool {
        self.0.starts_with("+48")
    }
}

string_newtype!(PhoneNumber, PhoneError);

impl fmt::Display for PhoneNumber {
    /// "+48 123 456 789" for Polish numbers; plain E.164 for the rest, since
    /// grouping conventions differ per country.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_polish() {
            let n = &self.0[3..];
            write!(f, "+48 {} {} {}", &n[0..3], &n[3..6], &n[6..9])
        } else {
            f.write_str(&self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::from_serde_str;

    #[test]
    fn accepts_polish_shapes() {
        for s in [
            "+48 123 456 789",
            "+48123456789",
            "123-456-789",
            "123 456 789",
            "123456789",
            "0048 123 456 789",
            "0048123456789",
            " +48 (123) 456-789 ",
            "+48\u{a0}123\u{a0}456\u{a0}789",
        ] {
            assert_eq!(
                PhoneNumber::parse(s).unwrap().as_str(),
                "+48123456789",
                "{s}"
            );
        }
    }

    #[test]
    fn accepts_landline_with_area_code_in_parens() {
        let p = PhoneNumber::parse("(12) 345 67 89").unwrap();
        assert_eq!(p.as_str(), "+48123456789");
    }

    #[test]
    fn display_groups_polish_numbers() {
        let p = PhoneNumber::parse("600700800").unwrap();
        assert_eq!(p.to_string(), "+48 600 700 800");
        assert!(p.is_polish());
    }

    #[test]
    fn keeps_foreign_country_codes() {
        let de = PhoneNumber::parse("+49 30 1234567").unwrap();
        assert_eq!(de.as_str(), "+49301234567");
        assert_eq!(de.to_string(), "+49301234567");
        assert!(!de.is_polish());

        let ua = PhoneNumber::parse("00380 44 123 4567").unwrap();
        assert_eq!(ua.as_str(), "+380441234567");
    }

    #[test]
    fn e164_length_bounds() {
        assert!(PhoneNumber::parse("+1234567").is_err()); // 7 digits
        assert_eq!(
            PhoneNumber::parse("+12345678").unwrap().as_str(),
            "+12345678"
        ); // 8
        assert!(PhoneNumber::parse("+123456789012345").is_ok()); // 15
        assert_eq!(
            PhoneNumber::parse("+1234567890123456"),
            Err(PhoneError::WrongLength)
        ); // 16
        assert_eq!(PhoneNumber::parse("+"), Err(PhoneError::WrongLength));
    }

    #[test]
    fn polish_numbers_need_nine_digits() {
        for s in [
            "12345678",
            "1234567890",
            "+48 12345678",
            "+48 1234567890",
            "0 12 345 67 89",
        ] {
            assert_eq!(PhoneNumber::parse(s), Err(PhoneError::WrongLength), "{s}");
        }
        assert_eq!(PhoneNumber::parse(""), Err(PhoneError::WrongLength));
    }

    #[test]
    fn rejects_other_characters() {
        for s in [
            "123.456.789",
            "12345678a",
            "++48123456789",
            "+48 123 456 789 wew. 12",
            "48+123456789",
        ] {
            assert_eq!(PhoneNumber::parse(s), Err(PhoneError::NotDigits), "{s}");
        }
    }

    #[test]
    fn rejects_country_code_zero() {
        assert_eq!(
            PhoneNumber::parse("+0123456789"),
            Err(PhoneError::BadCountryCode)
        );
        assert_eq!(
            PhoneNumber::parse("000123456789"),
            Err(PhoneError::BadCountryCode)
        );
    }

    #[test]
    fn conversions_and_serde() {
        let p: PhoneNumber = "123-456-789".parse().unwrap();
        assert_eq!(p.as_ref(), "+48123456789");
        assert_eq!(String::from(p.clone()), "+48123456789");
        assert_eq!(from_serde_str::<PhoneNumber>("+48123456789").unwrap(), p);
        // Display output parses back to the same number.
        let shown = p.to_string();
        assert_eq!(shown, "+48 123 456 789");
        assert_eq!(PhoneNumber::parse(&shown).unwrap(), p);
        assert!(from_serde_str::<PhoneNumber>("12").is_err());
    }

    #[test]
    fn error_display_is_the_key() {
        for e in [
            PhoneError::NotDigits,
            PhoneError::WrongLength,
            PhoneError::BadCountryCode,
        ] {
            assert_eq!(e.to_string(), e.key());
        }
    }
}
