//! KRS — the National Court Register number (no check digit).

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a string is not a KRS number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum KrsError {
    #[error("krs_wrong_length")]
    WrongLength,
    #[error("krs_not_digits")]
    NotDigits,
}

impl KrsError {
    /// Stable translation key for this reason.
    pub fn key(&self) -> &'static str {
        match self {
            Self::WrongLength => "krs_wrong_length",
            Self::NotDigits => "krs_not_digits",
        }
    }
}

/// A KRS number: exactly 10 digits, leading zeros significant.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Krs(String);

impl Krs {
    /// Parses a KRS number; surrounding whitespace is ignored. Short forms
    /// without leading zeros are rejected rather than padded, so a missing
    /// digit is not silently turned into a different register entry.
    pub fn parse(input: &str) -> Result<Self, KrsError> {
        let s = input.trim();
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(KrsError::NotDigits);
        }
        if s.len() != 10 {
            return Err(KrsError::WrongLength);
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_newtype!(Krs, KrsError);

impl fmt::Display for Krs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::from_serde_str;

    #[test]
    fn parses_ten_digits_keeping_leading_zeros() {
        for s in ["0000012345", "0000000001", "9999999999", "  0000123456 "] {
            let k = Krs::parse(s).unwrap();
            assert_eq!(k.as_str(), s.trim());
        }
    }

    #[test]
    fn rejects_wrong_length() {
        for s in ["", "12345", "000001234", "00000123456"] {
            assert_eq!(Krs::parse(s), Err(KrsError::WrongLength), "{s}");
        }
    }

    #[test]
    fn rejects_non_digits() {
        for s in ["KRS0000012345", "00000-12345", "000001234a", "0000 012345"] {
            assert_eq!(Krs::parse(s), Err(KrsError::NotDigits), "{s}");
        }
    }

    #[test]
    fn conversions_and_serde() {
        let k: Krs = "0000012345".parse().unwrap();
        assert_eq!(k.to_string(), "0000012345");
        assert_eq!(k.as_ref(), "0000012345");
        assert_eq!(String::from(k.clone()), "0000012345");
        assert_eq!(from_serde_str::<Krs>("0000012345").unwrap(), k);
        assert!(from_serde_str::<Krs>("12345").is_err());
    }

    #[test]
    fn error_display_is_the_key() {
        for e in [KrsError::WrongLength, KrsError::NotDigits] {
            assert_eq!(e.to_string(), e.key());
        }
    }
}
