//! NIP — the Polish tax identification number.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a string is not a NIP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NipError {
    #[error("nip_wrong_length")]
    WrongLength,
    #[error("nip_not_digits")]
    NotDigits,
    #[error("nip_bad_checksum")]
    BadChecksum,
}

impl NipError {
    /// Stable translation key for this reason.
    pub fn key(&self) -> &'static str {
        match self {
            Self::WrongLength => "nip_wrong_length",
            Self::NotDigits => "nip_not_digits",
            Self::BadChecksum => "nip_bad_checksum",
        }
    }
}

/// A valid NIP, stored as its 10 digits only.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nip(String);

const WEIGHTS: [u32; 9] = [6, 5, 7, 2, 3, 4, 5, 6, 7];

impl Nip {
    /// Parses a NIP. Surrounding whitespace is ignored and dashes/spaces
    /// inside are dropped, since NIPs are commonly written "123-456-32-18"
    /// or "123-45-63-218".
    pub fn parse(input: &str) -> Result<Self, NipError> {
        let digits: String = input
            .trim()
            .chars()
            .filter(|c| *c != '-' && *c != ' ')
            .collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NipError::NotDigits);
        }
        if digits.len() != 10 {
            return Err(NipError::WrongLength);
        }
        let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
        let sum: u32 = WEIGHTS.iter().zip(&d).map(|(w, x)| w * x).sum();
        // A remainder of 10 cannot be a check digit: such numbers are never issued.
        if sum % 11 != d[9] {
            return Err(NipError::BadChecksum);
        }
        Ok(Self(digits))
    }

    /// The 10 digits, no separators.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The usual written form "123-456-32-18".
    pub fn formatted(&self) -> String {
        let s = &self.0;
        format!("{}-{}-{}-{}", &s[0..3], &s[3..6], &s[6..8], &s[8..10])
    }
}

string_newtype!(Nip, NipError);

impl fmt::Display for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::from_serde_str;

    #[test]
    fn parses_valid_numbers() {
        // Check digits verified: weighted sum mod 11 equals the last digit.
        for s in [
            "1234563218",
            "5213017228",
            "5260250274",
            "7740001454",
            "5252248481",
        ] {
            assert_eq!(Nip::parse(s).unwrap().as_str(), s);
        }
    }

    #[test]
    fn accepts_dashes_and_spaces_and_stores_digits_only() {
        for s in [
            "123-456-32-18",
            "123-45-63-218",
            "123 456 32 18",
            " 1234563218 ",
            "123-456 32-18",
        ] {
            assert_eq!(Nip::parse(s).unwrap().as_str(), "1234563218", "{s}");
        }
    }

    #[test]
    fn display_and_formatted() {
        let n = Nip::parse("123-456-32-18").unwrap();
        assert_eq!(n.to_string(), "1234563218");
        assert_eq!(n.formatted(), "123-456-32-18");
    }

    #[test]
    fn check_digit_zero() {
        assert!(Nip::parse("1234563000").is_ok());
    }

    #[test]
    fn remainder_ten_is_never_valid() {
        // 123456303 has weighted sum ≡ 10 (mod 11): no last digit can fix it.
        for last in 0..=9 {
            let s = format!("123456303{last}");
            assert_eq!(Nip::parse(&s), Err(NipError::BadChecksum), "{s}");
        }
    }

    #[test]
    fn rejects_bad_checksum() {
        assert_eq!(Nip::parse("1234563219"), Err(NipError::BadChecksum));
        assert_eq!(Nip::parse("1234563281"), Err(NipError::BadChecksum));
    }

    #[test]
    fn rejects_wrong_length_and_non_digits() {
        assert_eq!(Nip::parse(""), Err(NipError::WrongLength));
        assert_eq!(Nip::parse("---"), Err(NipError::WrongLength));
        assert_eq!(Nip::parse("123456321"), Err(NipError::WrongLength));
        assert_eq!(Nip::parse("12345632180"), Err(NipError::WrongLength));
        assert_eq!(Nip::parse("PL1234563218"), Err(NipError::NotDigits));
        assert_eq!(Nip::parse("123.456.32.18"), Err(NipError::NotDigits));
    }

    #[test]
    fn string_conversions_and_serde() {
        let n: Nip = "123-456-32-18".parse().unwrap();
        assert_eq!(String::from(n.clone()), "1234563218");
        assert_eq!(n.as_ref(), "1234563218");
        assert_eq!(from_serde_str::<Nip>("123-456-32-18").unwrap(), n);
        assert!(from_serde_str::<Nip>("1234563219").is_err());
    }

    #[test]
    fn error_display_is_the_key() {
        for e in [
            NipError::WrongLength,
            NipError::NotDigits,
            NipError::BadChecksum,
        ] {
            assert_eq!(e.to_string(), e.key());
        }
    }
}
