//! REGON — the Polish statistical business number (9 digits for an entity,
//! 14 digits for one of its local units).

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a string is not a REGON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RegonError {
    #[error("regon_wrong_length")]
    WrongLength,
    #[error("regon_not_digits")]
    NotDigits,
    #[error("regon_bad_checksum")]
    BadChecksum,
    /// A 14-digit REGON whose first 9 digits are not a valid REGON.
    #[error("regon_bad_base_checksum")]
    BadBaseChecksum,
}

impl RegonError {
    /// Stable translation key for this reason.
    pub fn key(&self) -> &'static str {
        match self {
            Self::WrongLength => "regon_wrong_length",
            Self::NotDigits => "regon_not_digits",
            Self::BadChecksum => "regon_bad_checksum",
            Self::BadBaseChecksum => "regon_bad_base_checksum",
        }
    }
}

/// A valid 9- or 14-digit REGON.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Regon(String);

const WEIGHTS_9: [u32; 8] = [8, 9, 2, 3, 4, 5, 6, 7];
const WEIGHTS_14: [u32; 13] = [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8];

/// Whether the last digit is the check digit of the others. Remainder 10
/// maps to check digit 0 (unlike NIP, where it means "invalid").
fn checksum_ok(digits: &[u32], weights: &[u32]) -> bool {
    let sum: u32 = weights.iter().zip(digits).map(|(w, d)| w * d).sum();
    let check = match sum % 11 {
        10 => 0,
        r => r,
    };
    digits.last() == Some(&check)
}

impl Regon {
    /// Parses a REGON; surrounding whitespace is ignored.
    pub fn parse(input: &str) -> Result<Self, RegonError> {
        let s = input.trim();
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(RegonError::NotDigits);
        }
        let d: Vec<u32> = s.bytes().map(|b| u32::from(b - b'0')).collect();
        match d.len() {
            9 => {
                if !checksum_ok(&d, &WEIGHTS_9) {
                    return Err(RegonError::BadChecksum);
                }
            }
            14 => {
                // Own checksum first: a failure there is most likely a typo.
                if !checksum_ok(&d, &WEIGHTS_14) {
                    return Err(RegonError::BadChecksum);
                }
                if !checksum_ok(&d[..9], &WEIGHTS_9) {
                    return Err(RegonError::BadBaseChecksum);
                }
            }
            _ => return Err(RegonError::WrongLength),
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True for a 14-digit REGON (a local unit of an entity).
    pub fn is_local_unit(&self) -> bool {
        self.0.len() == 14
    }

    /// The 9-digit REGON of the entity itself (itself if already 9 digits).
    pub fn entity(&self) -> Regon {
        // Parse validated the first 9 digits of a 14-digit REGON.
        Regon(self.0[..9].to_owned())
    }
}

string_newtype!(Regon, RegonError);

impl fmt::Display for Regon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::from_serde_str;

    #[test]
    fn parses_nine_digit_regons() {
        for s in ["123456785", "000331501", "012100784", "732065814"] {
            let r = Regon::parse(s).unwrap();
            assert_eq!(r.as_str(), s);
            assert!(!r.is_local_unit());
            assert_eq!(r.entity(), r);
        }
    }

    #[test]
    fn remainder_ten_means_check_digit_zero() {
        // 12345616 has weighted sum ≡ 10 (mod 11).
        assert!(Regon::parse("123456160").is_ok());
        assert_eq!(Regon::parse("123456161"), Err(RegonError::BadChecksum));
        // 14-digit: 1234567850001 has weighted sum ≡ 10 (mod 11).
        assert!(Regon::parse("12345678500010").is_ok());
    }

    #[test]
    fn parses_fourteen_digit_regons() {
        for s in [
            "12345678500002",
            "01210078400019",
            "00033150100167",
            "73206581400123",
        ] {
            let r = Regon::parse(s).unwrap();
            assert!(r.is_local_unit());
            assert_eq!(r.entity().as_str(), &s[..9]);
        }
    }

    #[test]
    fn rejects_bad_checksums() {
        assert_eq!(Regon::parse("123456784"), Err(RegonError::BadChecksum));
        assert_eq!(Regon::parse("12345678500003"), Err(RegonError::BadChecksum));
    }

    #[test]
    fn fourteen_digits_need_a_valid_base() {
        // Own check digit (7) is right, but 123456784 is not a valid REGON.
        assert_eq!(
            Regon::parse("12345678400007"),
            Err(RegonError::BadBaseChecksum)
        );
    }

    #[test]
    fn rejects_wrong_length_and_non_digits() {
        for s in [
            "",
            "12345678",
            "1234567850",
            "1234567850000",
            "123456785000020",
        ] {
            assert_eq!(Regon::parse(s), Err(RegonError::WrongLength), "{s}");
        }
        assert_eq!(Regon::parse("12345678X"), Err(RegonError::NotDigits));
        assert_eq!(Regon::parse("123-456-785"), Err(RegonError::NotDigits));
    }

    #[test]
    fn trims_and_converts() {
        let r: Regon = " 123456785\t".parse().unwrap();
        assert_eq!(r.to_string(), "123456785");
        assert_eq!(r.as_ref(), "123456785");
        assert_eq!(String::from(r.clone()), "123456785");
        assert_eq!(from_serde_str::<Regon>("123456785").unwrap(), r);
        assert!(from_serde_str::<Regon>("123456784").is_err());
    }

    #[test]
    fn error_display_is_the_key() {
        for e in [
            RegonError::WrongLength,
            RegonError::NotDigits,
            RegonError::BadChecksum,
            RegonError::BadBaseChecksum,
        ] {
            assert_eq!(e.to_string(), e.key());
        }
    }
}
