//! PESEL — the Polish national identification number.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Why a string is not a PESEL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PeselError {
    #[error("pesel_wrong_length")]
    WrongLength,
    #[error("pesel_not_digits")]
    NotDigits,
    #[error("pesel_bad_month")]
    BadMonth,
    #[error("pesel_no_such_date")]
    NoSuchDate,
    #[error("pesel_bad_checksum")]
    BadChecksum,
}

impl PeselError {
    /// Stable translation key for this reason.
    pub fn key(&self) -> &'static str {
        match self {
            Self::WrongLength => "pesel_wrong_length",
            Self::NotDigits => "pesel_not_digits",
            Self::BadMonth => "pesel_bad_month",
            Self::NoSuchDate => "pesel_no_such_date",
            Self::BadChecksum => "pesel_bad_checksum",
        }
    }
}

/// Sex as encoded in the PESEL (10th digit: even = female, odd = male).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Female,
    Male,
}

/// A valid PESEL: 11 digits `YYMMDDZZZPK` with an existing birth date and a
/// correct check digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Pesel {
    digits: String,
    // Derived from `digits` at parse time so `birth_date()` cannot fail later.
    birth_date: NaiveDate,
}

const WEIGHTS: [u32; 10] = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

impl Pesel {
    /// Parses a PESEL; surrounding whitespace is ignored.
    ///
    /// Checks run in order: digits, length, checksum, month, date. The
    /// checksum goes before the date because a failed checksum usually means
    /// a typo, and then "no such date" would point the user the wrong way.
    pub fn parse(input: &str) -> Result<Self, PeselError> {
        let s = input.trim();
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PeselError::NotDigits);
        }
        if s.len() != 11 {
            return Err(PeselError::WrongLength);
        }
        let d: Vec<u32> = s.bytes().map(|b| u32::from(b - b'0')).collect();

        let sum: u32 = WEIGHTS.iter().zip(&d).map(|(w, x)| w * x).sum();
        if (10 - sum % 10) % 10 != d[10] {
            return Err(PeselError::BadChecksum);
        }

        let yy = d[0] * 10 + d[1];
        let mm = d[2] * 10 + d[3];
        let dd = d[4] * 10 + d[5];
        // The month field carries the century: +80 → 1800s, +0 → 1900s,
        // +20 → 2000s, +40 → 2100s, +60 → 2200s.
        let century = match mm / 20 {
            0 => 1900,
            1 => 2000,
            2 => 2100,
            3 => 2200,
            4 => 1800,
            _ => return Err(PeselError::BadMonth),
        };
        let month = mm % 20;
        if !(1..=12).contains(&month) {
            return Err(PeselError::BadMonth);
        }
        let year = century + yy as i32;
        let birth_date = NaiveDate::from_ymd_opt(year, month, dd).ok_or(PeselError::NoSuchDate)?;

        Ok(Self {
            digits: s.to_owned(),
            birth_date,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.digits
    }

    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    pub fn sex(&self) -> Sex {
        // Index 9 is the 10th digit; parse guaranteed ASCII digits.
        if (self.digits.as_bytes()[9] - b'0').is_multiple_of(2) {
            Sex::Female
        } else {
            Sex::Male
        }
    }

    /// Age in completed years on `date`; 0 if `date` is before the birth.
    ///
    /// Someone born on 29 February gains a year on 28 February in non-leap
    /// years, following art. 112 of the Polish Civil Code (the term ends at
    /// the start of the last day of the month when the matching day is
    /// missing).
    pub fn age_on(&self, date: NaiveDate) -> u32 {
        let birth = self.birth_date;
        if date < birth {
            return 0;
        }
        let anniversary = NaiveDate::from_ymd_opt(date.year(), birth.month(), birth.day())
            .or_else(|| NaiveDate::from_ymd_opt(date.year(), 2, 28));
        let years = date.year() - birth.year();
        let had_birthday = anniversary.is_none_or(|a| date >= a);
        let age = if had_birthday { years } else { years - 1 };
        u32::try_from(age).unwrap_or(0)
    }
}

string_newtype!(Pesel, PeselError);

impl fmt::Display for Pesel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.digits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::from_serde_str;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn parses_male_born_1944() {
        let p = Pesel::parse("44051401359").unwrap();
        assert_eq!(p.birth_date(), ymd(1944, 5, 14));
        assert_eq!(p.sex(), Sex::Male);
        assert_eq!(p.as_str(), "44051401359");
    }

    #[test]
    fn parses_female_born_1902_and_2002() {
        let p = Pesel::parse("02070803628").unwrap();
        assert_eq!(p.birth_date(), ymd(1902, 7, 8));
        assert_eq!(p.sex(), Sex::Female);

        // Month 27 = July of the 2000s; check digit computed: 4.
        let p = Pesel::parse("02270803624").unwrap();
        assert_eq!(p.birth_date(), ymd(2002, 7, 8));
        assert_eq!(p.sex(), Sex::Female);
    }

    #[test]
    fn the_commonly_quoted_02270803628_has_a_wrong_check_digit() {
        // Weighted sum of the first ten digits is 146 → check digit 4, not 8.
        assert_eq!(Pesel::parse("02270803628"), Err(PeselError::BadChecksum));
    }

    #[test]
    fn decodes_every_century() {
        // Checksums computed by hand with weights 1,3,7,9,1,3,7,9,1,3.
        let cases = [
            ("99923101237", ymd(1899, 12, 31)),
            ("85123101236", ymd(1985, 12, 31)),
            ("02320101232", ymd(2002, 12, 1)),
            ("01410101237", ymd(2101, 1, 1)),
            ("24622901237", ymd(2224, 2, 29)),
        ];
        for (s, date) in cases {
            assert_eq!(Pesel::parse(s).unwrap().birth_date(), date, "{s}");
        }
    }

    #[test]
    fn sex_from_tenth_digit() {
        assert_eq!(Pesel::parse("01410101237").unwrap().sex(), Sex::Male);
        assert_eq!(Pesel::parse("01410101244").unwrap().sex(), Sex::Female);
    }

    #[test]
    fn leap_days() {
        assert_eq!(
            Pesel::parse("00222901239").unwrap().birth_date(),
            ymd(2000, 2, 29)
        );
        assert_eq!(
            Pesel::parse("20222901237").unwrap().birth_date(),
            ymd(2020, 2, 29)
        );
        // 1900, 2100 and 2023 are not leap years.
        assert_eq!(Pesel::parse("00022901233"), Err(PeselError::NoSuchDate));
        assert_eq!(Pesel::parse("00422901235"), Err(PeselError::NoSuchDate));
        assert_eq!(Pesel::parse("23222901238"), Err(PeselError::NoSuchDate));
    }

    #[test]
    fn rejects_dates_that_do_not_exist() {
        assert_eq!(Pesel::parse("02223001239"), Err(PeselError::NoSuchDate)); // 30 Feb
        assert_eq!(Pesel::parse("02043101232"), Err(PeselError::NoSuchDate)); // 31 Apr
        assert_eq!(Pesel::parse("02010001235"), Err(PeselError::NoSuchDate)); // day 00
    }

    #[test]
    fn rejects_bad_months() {
        // All with correct check digits, so the month is what fails.
        assert_eq!(Pesel::parse("00000101237"), Err(PeselError::BadMonth)); // 00
        assert_eq!(Pesel::parse("00130101233"), Err(PeselError::BadMonth)); // 13
        assert_eq!(Pesel::parse("00530101235"), Err(PeselError::BadMonth)); // 2100s + 13
        assert_eq!(Pesel::parse("00730101231"), Err(PeselError::BadMonth)); // 2200s + 13
        assert_eq!(Pesel::parse("00930101237"), Err(PeselError::BadMonth)); // 1800s + 13
        assert_eq!(Pesel::parse("93930101239"), Err(PeselError::BadMonth)); // ≥ 93
    }

    #[test]
    fn rejects_bad_checksum() {
        assert_eq!(Pesel::parse("44051401358"), Err(PeselError::BadChecksum));
        assert_eq!(Pesel::parse("44051401350"), Err(PeselError::BadChecksum));
    }

    #[test]
    fn check_digit_zero_case() {
        // Weighted sum ≡ 0 (mod 10) must give check digit 0, not 10.
        let p = Pesel::parse("85010100210").unwrap();
        assert_eq!(p.birth_date(), ymd(1985, 1, 1));
        assert_eq!(Pesel::parse("85010100920").unwrap().sex(), Sex::Female);
    }

    #[test]
    fn rejects_wrong_length_and_non_digits() {
        assert_eq!(Pesel::parse(""), Err(PeselError::WrongLength));
        assert_eq!(Pesel::parse("4405140135"), Err(PeselError::WrongLength));
        assert_eq!(Pesel::parse("440514013590"), Err(PeselError::WrongLength));
        assert_eq!(Pesel::parse("4405140135a"), Err(PeselError::NotDigits));
        assert_eq!(Pesel::parse("440514 01359"), Err(PeselError::NotDigits));
        assert_eq!(Pesel::parse("４4051401359"), Err(PeselError::NotDigits));
    }

    #[test]
    fn trims_surrounding_whitespace() {
        let p = Pesel::parse("  44051401359\n").unwrap();
        assert_eq!(p.as_str(), "44051401359");
    }

    #[test]
    fn age_on_counts_completed_years() {
        let p = Pesel::parse("44051401359").unwrap();
        assert_eq!(p.age_on(ymd(2026, 5, 13)), 81);
        assert_eq!(p.age_on(ymd(2026, 5, 14)), 82);
        assert_eq!(p.age_on(ymd(1944, 5, 14)), 0);
        assert_eq!(p.age_on(ymd(1900, 1, 1)), 0);
    }

    #[test]
    fn age_of_someone_born_on_29_february() {
        let p = Pesel::parse("00222901239").unwrap();
        assert_eq!(p.age_on(ymd(2018, 2, 27)), 17);
        assert_eq!(p.age_on(ymd(2018, 2, 28)), 18);
        assert_eq!(p.age_on(ymd(2020, 2, 28)), 19);
        assert_eq!(p.age_on(ymd(2020, 2, 29)), 20);
    }

    #[test]
    fn string_conversions_and_serde() {
        let p: Pesel = "44051401359".parse().unwrap();
        assert_eq!(p.to_string(), "44051401359");
        assert_eq!(p.as_ref(), "44051401359");
        assert_eq!(String::from(p.clone()), "44051401359");
        assert_eq!(from_serde_str::<Pesel>("44051401359").unwrap(), p);
        assert!(from_serde_str::<Pesel>("44051401358").is_err());
    }

    #[test]
    fn error_display_is_the_key() {
        for e in [
            PeselError::WrongLength,
            PeselError::NotDigits,
            PeselError::BadMonth,
            PeselError::NoSuchDate,
            PeselError::BadChecksum,
        ] {
            assert_eq!(e.to_string(), e.key());
            assert!(e.key().starts_with("pesel_"));
        }
    }
}
