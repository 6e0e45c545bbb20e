//! TERYT gmina code (TERC register): `WWPPGGR` — voivodeship, powiat
//! (county), gmina (municipality) and the gmina kind digit (RODZ).

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a string is not a TERYT gmina code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TerytError {
    #[error("teryt_wrong_length")]
    WrongLength,
    #[error("teryt_not_digits")]
    NotDigits,
    /// Voivodeship code is not an even number 02–32.
    #[error("teryt_bad_voivodeship")]
    BadVoivodeship,
    /// Powiat code 00 (codes start at 01).
    #[error("teryt_bad_county")]
    BadCounty,
    /// Gmina code 00 (codes start at 01).
    #[error("teryt_bad_municipality")]
    BadMunicipality,
    /// Kind digit (RODZ) 0; it must be 1–9.
    #[error("teryt_bad_kind")]
    BadKind,
}

impl TerytError {
    /// Stable translation key for this reason.
    pub fn key(&self) -> &'static str {
        match self {
            Self::WrongLength => "teryt_wrong_length",
            Self::NotDigits => "teryt_not_digits",
            Self::BadVoivodeship => "teryt_bad_voivodeship",
            Self::BadCounty => "teryt_bad_county",
            Self::BadMunicipality => "teryt_bad_municipality",
            Self::BadKind => "teryt_bad_kind",
        }
    }
}

/// A 7-digit TERYT gmina code, e.g. "1465011" (Warszawa).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Teryt(String);

impl Teryt {
    /// Parses a gmina code; surrounding whitespace is ignored.
    pub fn parse(input: &str) -> Result<Self, TerytError> {
        let s = input.trim();
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(TerytError::NotDigits);
        }
        if s.len() != 7 {
            return Err(TerytError::WrongLength);
        }
        let two = |i: usize| (s.as_bytes()[i] - b'0') * 10 + (s.as_bytes()[i + 1] - b'0');
        let woj = two(0);
        // Voivodeships are numbered 02, 04, …, 32 (16 of them).
        if !woj.is_multiple_of(2) || !(2..=32).contains(&woj) {
            return Err(TerytError::BadVoivodeship);
        }
        if two(2) == 0 {
            return Err(TerytError::BadCounty);
        }
        if two(4) == 0 {
            return Err(TerytError::BadMunicipality);
        }
        if s.as_bytes()[6] == b'0' {
            return Err(TerytError::BadKind);
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Voivodeship code (WOJ), 2 digits, e.g. "14".
    pub fn voivodeship(&self) -> &str {
        &self.0[0..2]
    }

    /// Powiat code (POW), 2 digits; 61+ are cities with powiat rights.
    pub fn county(&self) -> &str {
        &self.0[2..4]
    }

    /// Gmina code (GMI), 2 digits, within its powiat.
    pub fn municipality(&self) -> &str {
        &self.0[4..6]
    }

    /// Gmina kind (RODZ), 1–9: e.g. 1 urban, 2 rural, 3 urban-rural.
    pub fn kind(&self) -> u8 {
        self.0.as_bytes()[6] - b'0'
    }
}

string_newtype!(Teryt, TerytError);

impl fmt::Display for Teryt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::from_serde_str;

    #[test]
    fn parses_and_splits_real_codes() {
        let waw = Teryt::parse("1465011").unwrap(); // Warszawa
        assert_eq!(waw.voivodeship(), "14");
        assert_eq!(waw.county(), "65");
        assert_eq!(waw.municipality(), "01");
        assert_eq!(waw.kind(), 1);

        for s in ["1261011", "0264011", "2261011", "3262011"] {
            assert!(Teryt::parse(s).is_ok(), "{s}");
        }
    }

    #[test]
    fn voivodeship_bounds() {
        assert!(Teryt::parse("0201011").is_ok());
        assert!(Teryt::parse("3201011").is_ok());
        for s in [
            "0001011", "0101011", "0301011", "3301011", "3401011", "9901011",
        ] {
            assert_eq!(Teryt::parse(s), Err(TerytError::BadVoivodeship), "{s}");
        }
    }

    #[test]
    fn county_municipality_and_kind() {
        assert_eq!(Teryt::parse("1400011"), Err(TerytError::BadCounty));
        assert_eq!(Teryt::parse("1465001"), Err(TerytError::BadMunicipality));
        assert_eq!(Teryt::parse("1465010"), Err(TerytError::BadKind));
        assert_eq!(Teryt::parse("1465019").unwrap().kind(), 9);
        assert_eq!(Teryt::parse("1499992").unwrap().kind(), 2);
    }

    #[test]
    fn rejects_wrong_length_and_non_digits() {
        for s in ["", "146501", "14650111", "14650112"] {
            assert_eq!(Teryt::parse(s), Err(TerytError::WrongLength), "{s}");
        }
        for s in ["14 65 01 1", "146501a", "14-65-011"] {
            assert_eq!(Teryt::parse(s), Err(TerytError::NotDigits), "{s}");
        }
    }

    #[test]
    fn conversions_and_serde() {
        let t: Teryt = " 1465011 ".parse().unwrap();
        assert_eq!(t.to_string(), "1465011");
        assert_eq!(t.as_ref(), "1465011");
        assert_eq!(String::from(t.clone()), "1465011");
        assert_eq!(from_serde_str::<Teryt>("1465011").unwrap(), t);
        assert!(from_serde_str::<Teryt>("1565011").is_err());
    }

    #[test]
    fn error_display_is_the_key() {
        for e in [
            TerytError::WrongLength,
            TerytError::NotDigits,
            TerytError::BadVoivodeship,
            TerytError::BadCounty,
            TerytError::BadMunicipality,
            TerytError::BadKind,
        ] {
            assert_eq!(e.to_string(), e.key());
        }
    }
}
