//! Polish postal code, `NN-NNN`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a string is not a Polish postal code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PostalCodeError {
    /// Not `NN-NNN` nor `NNNNN`.
    #[error("postal_code_bad_format")]
    BadFormat,
}

impl PostalCodeError {
    /// Stable translation key for this reason.
    pub fn key(&self) -> &'static str {
        match self {
            Self::BadFormat => "postal_code_bad_format",
        }
    }
}

/// A Polish postal code, always stored as `NN-NNN`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PostalCode(String);

impl PostalCode {
    /// Parses `NN-NNN`, or `NNNNN` (normalised to `NN-NNN`, as forms and
    /// imports often drop the dash). Surrounding whitespace is ignored.
    pub fn parse(input: &str) -> Result<Self, PostalCodeError> {
        let s = input.trim().as_bytes();
        let digits = |bs: &[u8]| bs.iter().all(u8::is_ascii_digit);
        let (head, tail) = match s.len() {
            6 if s[2] == b'-' => (&s[..2], &s[3..]),
            5 => (&s[..2], &s[2..]),
            _ => return Err(PostalCodeError::BadFormat),
        };
        if !digits(head) || !digits(tail) {
            return Err(PostalCodeError::BadFormat);
        }
        // All bytes checked as ASCII digits, so this is valid UTF-8.
        let mut out = String::with_capacity(6);
        out.extend(head.iter().map(|&b| char::from(b)));
        out.push('-');
        out.extend(tail.iter().map(|&b| char::from(b)));
        Ok(Self(out))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_newtype!(PostalCode, PostalCodeError);

impl fmt::Display for PostalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::from_serde_str;

    #[test]
    fn parses_canonical_form() {
        for s in ["00-950", "31-000", "80-001", "99-999", "00-000"] {
            assert_eq!(PostalCode::parse(s).unwrap().as_str(), s);
        }
    }

    #[test]
    fn normalises_five_digits_and_trims() {
        assert_eq!(PostalCode::parse("00950").unwrap().as_str(), "00-950");
        assert_eq!(PostalCode::parse("  31-000\n").unwrap().as_str(), "31-000");
        assert_eq!(PostalCode::parse(" 31000 ").unwrap().as_str(), "31-000");
    }

    #[test]
    fn rejects_everything_else() {
        for s in [
            "",
            "0-0950",
            "009-50",
            "00 950",
            "00–950",
            "00-9500",
            "0095",
            "000950",
            "0a-950",
            "00-95a",
            "00--950",
            "00-95",
            "ab-cde",
            "००-९५०",
        ] {
            assert_eq!(PostalCode::parse(s), Err(PostalCodeError::BadFormat), "{s}");
        }
    }

    #[test]
    fn conversions_and_serde() {
        let p: PostalCode = "00950".parse().unwrap();
        assert_eq!(p.to_string(), "00-950");
        assert_eq!(p.as_ref(), "00-950");
        assert_eq!(String::from(p.clone()), "00-950");
        assert_eq!(from_serde_str::<PostalCode>("00-950").unwrap(), p);
        assert!(from_serde_str::<PostalCode>("0-950").is_err());
    }

    #[test]
    fn error_display_is_the_key() {
        assert_eq!(
            PostalCodeError::BadFormat.to_string(),
            PostalCodeError::BadFormat.key()
        );
    }
}
