//! How long case files are kept: the file class of the office's list (JRWA, jednolity rzeczowy
//! wykaz akt) and its archival category — "A" kept for ever (handed to the state archive),
//! "B<n>" kept n years and then destroyed, "BE<n>" kept n years and then assessed by the state
//! archive before anything is destroyed. The years count from 1 January of the year after the
//! case ended.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Longest period a category may state.
const MAX_YEARS: u16 = 100;

/// Why a string is not an archival category or a JRWA symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ArchivalError {
    #[error("archival_category_invalid")]
    Category,
    #[error("jrwa_symbol_invalid")]
    Symbol,
}

impl ArchivalError {
    /// Stable translation key for this reason.
    pub fn key(&self) -> &'static str {
        match self {
            Self::Category => "archival_category_invalid",
            Self::Symbol => "jrwa_symbol_invalid",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum ArchivalCategory {
    /// "A": never destroyed.
    Permanent,
    /// "B<n>": destroyed (here: the personal data removed) after n years.
    Destroy(u16),
    /// "BE<n>": after n years the state archive decides; nothing is removed on its own.
    Review(u16),
}

impl ArchivalCategory {
    /// Parses "A", "B10", "BE5" (any case, surrounding whitespace ignored).
    pub fn parse(input: &str) -> Result<Self, ArchivalError> {
        let text = input.trim().to_ascii_uppercase();
        if text == "A" {
            return Ok(Self::Permanent);
        }
        let (review, digits) = match text.strip_prefix("BE") {
            Some(rest) => (true, rest),
            None => (
                false,
                text.strip_prefix('B').ok_or(ArchivalError::Category)?,
            ),
        };
        if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ArchivalError::Category);
        }
        let years: u16 = digits.parse().map_err(|_| ArchivalError::Category)?;
        if years == 0 || years > MAX_YEARS {
            return Err(ArchivalError::Category);
        }
        Ok(if review {
            Self::Review(years)
        } else {
            Self::Destroy(years)
        })
    }

    /// The years files are kept; None for ever.
    pub fn years(self) -> Option<u16> {
        match self {
            Self::Permanent => None,
            Self::Destroy(years) | Self::Review(years) => Some(years),
        }
    }

    /// The first day on which the files of a case that ended on `ended_on` are past their
    /// period: 1 January of the year after the end, plus the years. None when kept for ever.
    pub fn kept_until(self, ended_on: NaiveDate) -> Option<NaiveDate> {
        let years = i32::from(self.years()?);
        NaiveDate::from_ymd_opt(ended_on.year() + 1 + years, 1, 1)
    }

    /// Cases that ended before this day are past their period on `today`. None when kept for ever.
    pub fn ended_before(self, today: NaiveDate) -> Option<NaiveDate> {
        let years = i32::from(self.years()?);
        NaiveDate::from_ymd_opt(today.year() - years, 1, 1)
    }
}

impl Default for ArchivalCategory {
    /// Ten years, then destroyed: what the JRWA of most gminas gives social services cases.
    fn default() -> Self {
        Self::Destroy(10)
    }
}

impl fmt::Display for ArchivalCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Permanent => f.write_str("A"),
            Self::Destroy(years) => write!(f, "B{years}"),
            Self::Review(years) => write!(f, "BE{years}"),
        }
    }
}

impl TryFrom<String> for ArchivalCategory {
    type Error = ArchivalError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<ArchivalCategory> for String {
    fn from(category: ArchivalCategory) -> Self {
        category.to_string()
    }
}

/// A JRWA file-class symbol: one to four digits, e.g. "8111".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct JrwaSymbol(String);

impl JrwaSymbol {
    pub fn parse(input: &str) -> Result<Self, ArchivalError> {
        let s = input.trim();
        if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ArchivalError::Symbol);
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_newtype!(JrwaSymbol, ArchivalError);

/// How long a programme's case files are kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    /// The file class in the centre's JRWA; None until the programme states it.
    pub symbol: Option<JrwaSymbol>,
    pub category: ArchivalCategory,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn categories_parse_and_print_back() {
        for (text, category) in [
            ("A", ArchivalCategory::Permanent),
            ("b10", ArchivalCategory::Destroy(10)),
            (" BE5 ", ArchivalCategory::Review(5)),
            ("B50", ArchivalCategory::Destroy(50)),
        ] {
            assert_eq!(ArchivalCategory::parse(text), Ok(category), "{text}");
            assert_eq!(ArchivalCategory::parse(&category.to_string()), Ok(category));
        }
        for bad in [
            "", "B", "B0", "BE", "C5", "B-1", "B101", "B1000", "AB", "B 10", "10",
        ] {
            assert_eq!(
                ArchivalCategory::parse(bad),
                Err(ArchivalError::Category),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn years_count_from_the_first_of_january_after_the_end() {
        let b10 = ArchivalCategory::Destroy(10);
        assert_eq!(b10.kept_until(day(2015, 6, 1)), Some(day(2026, 1, 1)));
        assert_eq!(b10.kept_until(day(2015, 12, 31)), Some(day(2026, 1, 1)));
        // On 2026-01-01 every case that ended in 2015 or before is past; one of 2016 is not.
        assert_eq!(b10.ended_before(day(2026, 1, 1)), Some(day(2016, 1, 1)));
        assert_eq!(b10.ended_before(day(2025, 12, 31)), Some(day(2015, 1, 1)));
        assert_eq!(
            ArchivalCategory::Permanent.kept_until(day(2015, 6, 1)),
            None
        );
        assert_eq!(
            ArchivalCategory::Permanent.ended_before(day(2026, 1, 1)),
            None
        );
        assert_eq!(
            ArchivalCategory::Review(5).kept_until(day(2020, 3, 3)),
            Some(day(2026, 1, 1))
        );
    }

    #[test]
    fn jrwa_symbols_are_one_to_four_digits() {
        assert_eq!(JrwaSymbol::parse(" 8111 ").unwrap().as_str(), "8111");
        assert!(JrwaSymbol::parse("0").is_ok());
        for bad in ["", "81110", "81a", "8.1"] {
            assert_eq!(
                JrwaSymbol::parse(bad),
                Err(ArchivalError::Symbol),
                "{bad:?}"
            );
        }
    }
}
