//! Human-readable case number, e.g. "CUS/2026/000123".

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a string or parts are not a case number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CaseNumberError {
    /// Not three parts separated by '/'.
    #[error("case_number_bad_format")]
    BadFormat,
    /// Prefix is not 2–10 letters A–Z.
    #[error("case_number_bad_prefix")]
    BadPrefix,
    /// Year is not 4 digits in 1000–9999.
    #[error("case_number_bad_year")]
    BadYear,
    /// Sequence is not a whole number ≥ 1 that fits in u64.
    #[error("case_number_bad_sequence")]
    BadSequence,
}

impl CaseNumberError {
    /// Stable translation key for this reason.
    pub fn key(&self) -> &'static str {
        match self {
            Self::BadFormat => "case_number_bad_format",
            Self::BadPrefix => "case_number_bad_prefix",
            Self::BadYear => "case_number_bad_year",
            Self::BadSequence => "case_number_bad_sequence",
        }
    }
}

/// A case number `PREFIX/YYYY/NNNNNN`: prefix of 2–10 uppercase letters,
/// 4-digit year, sequence ≥ 1 zero-padded to at least 6 digits.
///
/// Always held in canonical form, so equal numbers have equal strings.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CaseNumber {
    text: String,
    prefix_len: usize,
    year: i32,
    sequence: u64,
}

const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

impl CaseNumber {
    /// Builds a case number from its parts. The prefix must already be
    /// uppercase: this is the path for numbers the system issues, so a
    /// lowercase prefix there is a bug worth surfacing.
    pub fn new(prefix: &str, year: i32, sequence: u64) -> Result<Self, CaseNumberError> {
        if !(2..=10).contains(&prefix.len()) || !prefix.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(CaseNumberError::BadPrefix);
        }
        if !YEARS.contains(&year) {
            return Err(CaseNumberError::BadYear);
        }
        if sequence == 0 {
            return Err(CaseNumberError::BadSequence);
        }
        Ok(Self {
            text: format!("{prefix}/{year}/{sequence:06}"),
            prefix_len: prefix.len(),
            year,
            sequence,
        })
    }

    /// Parses `PREFIX/YYYY/N…`. Lenient where people retype numbers: the
    /// prefix may be lowercase and the sequence unpadded ("cus/2026/123");
    /// the result is canonical ("CUS/2026/000123"). Surrounding whitespace is
    /// ignored.
    pub fn parse(input: &str) -> Result<Self, CaseNumberError> {
        let mut parts = input.trim().split('/');
        let (Some(prefix), Some(year), Some(seq), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(CaseNumberError::BadFormat);
        };
        let prefix = prefix.to_ascii_uppercase();
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CaseNumberError::BadYear);
        }
        let year: i32 = year.parse().map_err(|_| CaseNumberError::BadYear)?;
        // u64::from_str would accept a leading '+', so check digits first.
        if seq.is_empty() || !seq.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CaseNumberError::BadSequence);
        }
        let seq: u64 = seq.parse().map_err(|_| CaseNumberError::BadSequence)?;
        Self::new(&prefix, year, seq)
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn prefix(&self) -> &str {
        &self.text[..self.prefix_len]
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn sequence(&self) -> u64 {
        self.sequence
    }
}

string_newtype!(CaseNumber, CaseNumberError);

impl fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::from_serde_str;

    #[test]
    fn new_pads_sequence_to_six_digits() {
        let c = CaseNumber::new("CUS", 2026, 123).unwrap();
        assert_eq!(c.as_str(), "CUS/2026/000123");
        assert_eq!(c.prefix(), "CUS");
        assert_eq!(c.year(), 2026);
        assert_eq!(c.sequence(), 123);
        assert_eq!(
            CaseNumber::new("CUS", 2026, 1).unwrap().as_str(),
            "CUS/2026/000001"
        );
        assert_eq!(
            CaseNumber::new("CUS", 2026, 999_999).unwrap().as_str(),
            "CUS/2026/999999"
        );
    }

    #[test]
    fn sequence_grows_past_six_digits() {
        let c = CaseNumber::new("CUS", 2026, 1_000_000).unwrap();
        assert_eq!(c.as_str(), "CUS/2026/1000000");
        assert_eq!(CaseNumber::parse("CUS/2026/1000000").unwrap(), c);
        let max = CaseNumber::new("CUS", 2026, u64::MAX).unwrap();
        assert_eq!(max.as_str(), format!("CUS/2026/{}", u64::MAX));
    }

    #[test]
    fn parses_canonical_form() {
        let c = CaseNumber::parse("CUS/2026/000123").unwrap();
        assert_eq!((c.prefix(), c.year(), c.sequence()), ("CUS", 2026, 123));
        let c = CaseNumber::parse("PI/2025/004200").unwrap();
        assert_eq!(c.prefix(), "PI");
    }

    #[test]
    fn parse_normalises_case_padding_and_whitespace() {
        let canonical = CaseNumber::new("CUS", 2026, 123).unwrap();
        for s in [
            "cus/2026/123",
            " CUS/2026/000123 ",
            "Cus/2026/0000123",
            "CUS/2026/123",
        ] {
            assert_eq!(CaseNumber::parse(s).unwrap(), canonical, "{s}");
        }
    }

    #[test]
    fn prefix_bounds() {
        assert!(CaseNumber::new("AB", 2026, 1).is_ok());
        assert!(CaseNumber::new("ABCDEFGHIJ", 2026, 1).is_ok());
        for p in ["A", "ABCDEFGHIJK", "", "cus", "CU5", "CUŚ", "C-S"] {
            assert_eq!(
                CaseNumber::new(p, 2026, 1),
                Err(CaseNumberError::BadPrefix),
                "{p}"
            );
        }
        assert_eq!(
            CaseNumber::parse("C/2026/1"),
            Err(CaseNumberError::BadPrefix)
        );
        assert_eq!(
            CaseNumber::parse("/2026/1"),
            Err(CaseNumberError::BadPrefix)
        );
    }

    #[test]
    fn year_bounds() {
        assert!(CaseNumber::new("CUS", 1000, 1).is_ok());
        assert!(CaseNumber::new("CUS", 9999, 1).is_ok());
        assert_eq!(
            CaseNumber::new("CUS", 999, 1),
            Err(CaseNumberError::BadYear)
        );
        assert_eq!(
            CaseNumber::new("CUS", 10_000, 1),
            Err(CaseNumberError::BadYear)
        );
        assert_eq!(
            CaseNumber::new("CUS", -2026, 1),
            Err(CaseNumberError::BadYear)
        );
        for s in [
            "CUS/26/000001",
            "CUS/02026/000001",
            "CUS/0999/000001",
            "CUS/20a6/000001",
            "CUS/+202/1",
        ] {
            assert_eq!(CaseNumber::parse(s), Err(CaseNumberError::BadYear), "{s}");
        }
    }

    #[test]
    fn sequence_must_be_positive_digits() {
        assert_eq!(
            CaseNumber::new("CUS", 2026, 0),
            Err(CaseNumberError::BadSequence)
        );
        for s in [
            "CUS/2026/000000",
            "CUS/2026/",
            "CUS/2026/+12",
            "CUS/2026/-1",
            "CUS/2026/12a",
            "CUS/2026/99999999999999999999",
        ] {
            assert_eq!(
                CaseNumber::parse(s),
                Err(CaseNumberError::BadSequence),
                "{s}"
            );
        }
    }

    #[test]
    fn wrong_number_of_parts() {
        for s in ["", "CUS", "CUS/2026", "CUS/2026/1/2", "CUS-2026-000123"] {
            assert_eq!(CaseNumber::parse(s), Err(CaseNumberError::BadFormat), "{s}");
        }
    }

    #[test]
    fn conversions_and_serde() {
        let c: CaseNumber = "CUS/2026/000123".parse().unwrap();
        assert_eq!(c.to_string(), "CUS/2026/000123");
        assert_eq!(c.as_ref(), "CUS/2026/000123");
        assert_eq!(String::from(c.clone()), "CUS/2026/000123");
        assert_eq!(from_serde_str::<CaseNumber>("CUS/2026/000123").unwrap(), c);
        assert!(from_serde_str::<CaseNumber>("CUS/2026/0").is_err());
    }

    #[test]
    fn error_display_is_the_key() {
        for e in [
            CaseNumberError::BadFormat,
            CaseNumberError::BadPrefix,
            CaseNumberError::BadYear,
            CaseNumberError::BadSequence,
        ] {
            assert_eq!(e.to_string(), e.key());
        }
    }
}
