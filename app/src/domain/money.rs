//! Money in Polish złoty, held as a whole number of grosze (1 zł = 100 gr).
//! Never floats: binary fractions cannot represent 0,10 zł exactly.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub, SubAssign};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Why a string is not an amount of money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("money_empty")]
    Empty,
    /// Anything but `[-]digits[,|.digits][ zł]`, digits optionally grouped
    /// by threes with spaces.
    #[error("money_bad_format")]
    BadFormat,
    /// More than 2 digits after the decimal separator.
    #[error("money_too_many_decimals")]
    TooManyDecimals,
    /// Does not fit in i64 grosze.
    #[error("money_overflow")]
    Overflow,
}

impl MoneyError {
    /// Stable translation key for this reason.
    pub fn key(&self) -> &'static str {
        match self {
            Self::Empty => "money_empty",
            Self::BadFormat => "money_bad_format",
            Self::TooManyDecimals => "money_too_many_decimals",
            Self::Overflow => "money_overflow",
        }
    }
}

/// An amount in grosze; may be negative (refunds, corrections).
///
/// Serde form is the plain integer number of grosze.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Grosze(i64);

const NBSP: char = '\u{a0}';
const NARROW_NBSP: char = '\u{202f}';

/// Thousands separators accepted on input: space, no-break space and narrow
/// no-break space (what Polish locale formatting in office tools emits).
fn is_group_separator(c: char) -> bool {
    matches!(c, ' ' | NBSP | NARROW_NBSP)
}

impl Grosze {
    pub const fn new(grosze: i64) -> Self {
        Self(grosze)
    }

    pub const fn zero() -> Self {
        Self(0)
    }

    /// The amount in grosze.
    pub const fn value(self) -> i64 {
        self.0
    }

    /// `None` on overflow.
    pub fn checked_add(self, other: Grosze) -> Option<Grosze> {
        self.0.checked_add(other.0).map(Grosze)
    }

    /// `None` on overflow.
    pub fn checked_sub(self, other: Grosze) -> Option<Grosze> {
        self.0.checked_sub(other.0).map(Grosze)
    }

    /// `self × basis_points / 10 000` (100 bp = 1 %, 10 000 bp = 100 %).
    ///
    /// Rounding: half away from zero to a whole grosz (0,5 gr → 1 gr,
    /// −0,5 gr → −1 gr). Computed in i128 so the product cannot overflow;
    /// a result beyond the i64 range saturates at `i64::MIN`/`i64::MAX`.
    pub fn percent(self, basis_points: u32) -> Grosze {
        let product = i128::from(self.0) * i128::from(basis_points);
        let quotient = product / 10_000;
        let remainder = product % 10_000; // same sign as `product`
        let rounded = if remainder.abs() * 2 >= 10_000 {
            quotient + product.signum()
        } else {
            quotient
        };
        Grosze(saturate(rounded))
    }

    /// Parses a złoty amount as people type it: "12,50", "12.50", "12",
    /// "1 234,56", "12,5" (= 12,50 zł), "-3,10". A trailing "zł" is allowed
    /// so that the `Display` form parses back. Surrounding whitespace is
    /// ignored.
    ///
    /// Rejected: more than 2 decimals, a sign other than a leading '-',
    /// both ',' and '.' (ambiguous: "1.234,56" vs "1,234.56"), thousands
    /// groups that are not 3 digits, and a missing integer part (",50").
    pub fn parse_pln(input: &str) -> Result<Grosze, MoneyError> {
        let mut s = input.trim();
        if let Some(rest) = s.strip_suffix("zł") {
            s = rest.trim_end_matches(is_group_separator);
        }
        if s.is_empty() {
            return Err(MoneyError::Empty);
        }
        let (negative, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };

        let mut parts = body.split([',', '.']);
        let int_part = parts.next().unwrap_or_default();
        let frac_part = parts.next();
        if parts.next().is_some() {
            return Err(MoneyError::BadFormat);
        }

        let groups: Vec<&str> = int_part.split(is_group_separator).collect();
        let is_digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
        if !groups.iter().all(|g| is_digits(g)) {
            return Err(MoneyError::BadFormat);
        }
        // With grouping, "1 234" is fine but "12 34" or "1234 567" is a typo.
        if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
            return Err(MoneyError::BadFormat);
        }

        let frac = match frac_part {
            None => "",
            Some(f) if !is_digits(f) => return Err(MoneyError::BadFormat),
            Some(f) if f.len() > 2 => return Err(MoneyError::TooManyDecimals),
            Some(f) => f,
        };

        let mut zloty: i128 = 0;
        for b in groups.iter().flat_map(|g| g.bytes()) {
            zloty = zloty
                .checked_mul(10)
                .and_then(|z| z.checked_add(i128::from(b - b'0')))
                .ok_or(MoneyError::Overflow)?;
        }
        let frac_grosze: i128 = match frac.as_bytes() {
            [] => 0,
            [d] => i128::from(d - b'0') * 10,
            [d1, d2] => i128::from(d1 - b'0') * 10 + i128::from(d2 - b'0'),
            _ => return Err(MoneyError::TooManyDecimals),
        };
        let magnitude = zloty
            .checked_mul(100)
            .and_then(|g| g.checked_add(frac_grosze))
            .ok_or(MoneyError::Overflow)?;
        let signed = if negative { -magnitude } else { magnitude };
        i64::try_from(signed)
            .map(Grosze)
            .map_err(|_| MoneyError::Overflow)
    }
}

fn saturate(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

/// Saturating: an overflow sticks at `i64::MAX`/`i64::MIN` instead of
/// panicking or wrapping. Use `checked_add` where overflow must be caught.
impl Add for Grosze {
    type Output = Grosze;
    fn add(self, rhs: Grosze) -> Grosze {
        Grosze(self.0.saturating_add(rhs.0))
    }
}

/// Saturating, like `Add`.
impl AddAssign for Grosze {
    fn add_assign(&mut self, rhs: Grosze) {
        *self = *self + rhs;
    }
}

/// Saturating: see `Add`. Use `checked_sub` where overflow must be caught.
impl Sub for Grosze {
    type Output = Grosze;
    fn sub(self, rhs: Grosze) -> Grosze {
        Grosze(self.0.saturating_sub(rhs.0))
    }
}

/// Saturating, like `Sub`.
impl SubAssign for Grosze {
    fn sub_assign(&mut self, rhs: Grosze) {
        *self = *self - rhs;
    }
}

/// Saturating sum (see `Add`).
impl Sum for Grosze {
    fn sum<I: Iterator<Item = Grosze>>(iter: I) -> Grosze {
        iter.fold(Grosze::zero(), Add::add)
    }
}

/// Saturating sum (see `Add`).
impl<'a> Sum<&'a Grosze> for Grosze {
    fn sum<I: Iterator<Item = &'a Grosze>>(iter: I) -> Grosze {
        iter.copied().sum()
    }
}

impl FromStr for Grosze {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_pln(s)
    }
}

impl fmt::Display for Grosze {
    /// Polish format: "1 234,56 zł", "-0,05 zł", with no-break spaces
    /// (U+00A0) between thousands groups and before "zł" so a line never
    /// breaks inside an amount.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let abs = self.0.unsigned_abs();
        let zloty = (abs / 100).to_string();
        let mut grouped = String::with_capacity(zloty.len() + zloty.len() / 3);
        for (i, c) in zloty.chars().enumerate() {
            if i > 0 && (zloty.len() - i).is_multiple_of(3) {
                grouped.push(NBSP);
            }
            grouped.push(c);
        }
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "{sign}{grouped},{:02}{NBSP}zł", abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::IntoDeserializer;
    use serde::de::value::Error as DeError;

    fn g(v: i64) -> Grosze {
        Grosze::new(v)
    }

    #[test]
    fn parses_typical_inputs() {
        let cases = [
            ("12,50", 1250),
            ("12.50", 1250),
            ("12", 1200),
            ("1 234,56", 123_456),
            ("12,5", 1250),
            ("12,05", 1205),
            ("0,01", 1),
            ("0", 0),
            ("-12,50", -1250),
            ("-0,05", -5),
            ("-0", 0),
            ("  7,99 ", 799),
            ("1234567,89", 123_456_789),
            ("1 234 567,89", 123_456_789),
            ("1\u{a0}234,56", 123_456),
            ("1\u{202f}234,56", 123_456),
            ("12 zł", 1200),
            ("12,50zł", 1250),
            ("007", 700),
        ];
        for (s, v) in cases {
            assert_eq!(Grosze::parse_pln(s), Ok(g(v)), "{s:?}");
        }
    }

    #[test]
    fn rejects_too_many_decimals() {
        assert_eq!(
            Grosze::parse_pln("12,505"),
            Err(MoneyError::TooManyDecimals)
        );
        assert_eq!(Grosze::parse_pln("0.001"), Err(MoneyError::TooManyDecimals));
    }

    #[test]
    fn rejects_bad_formats() {
        for s in [
            "+12",
            "12-",
            "- 12",
            "--12",
            "(12)",
            "12,",
            ",50",
            ".5",
            "1.234,56",
            "1,234.56",
            "12,5,0",
            "12 34",
            "1234 567",
            "1 23",
            " 1 234 ,56",
            "12,5 0",
            "abc",
            "12zl",
            "12 PLN",
            "-",
            "1e3",
            "١٢",
        ] {
            assert_eq!(Grosze::parse_pln(s), Err(MoneyError::BadFormat), "{s:?}");
        }
    }

    #[test]
    fn rejects_empty() {
        assert_eq!(Grosze::parse_pln(""), Err(MoneyError::Empty));
        assert_eq!(Grosze::parse_pln("   "), Err(MoneyError::Empty));
        assert_eq!(Grosze::parse_pln("zł"), Err(MoneyError::Empty));
    }

    #[test]
    fn overflow_bounds() {
        // i64::MAX grosze = 92 233 720 368 547 758,07 zł.
        assert_eq!(Grosze::parse_pln("92233720368547758,07"), Ok(g(i64::MAX)));
        assert_eq!(
            Grosze::parse_pln("92233720368547758,08"),
            Err(MoneyError::Overflow)
        );
        assert_eq!(Grosze::parse_pln("-92233720368547758,08"), Ok(g(i64::MIN)));
        assert_eq!(
            Grosze::parse_pln(&"9".repeat(60)),
            Err(MoneyError::Overflow)
        );
    }

    #[test]
    fn display_polish_format() {
        let cases = [
            (0, "0,00\u{a0}zł"),
            (5, "0,05\u{a0}zł"),
            (-5, "-0,05\u{a0}zł"),
            (1250, "12,50\u{a0}zł"),
            (99_999, "999,99\u{a0}zł"),
            (100_000, "1\u{a0}000,00\u{a0}zł"),
            (123_456, "1\u{a0}234,56\u{a0}zł"),
            (-123_456_789, "-1\u{a0}234\u{a0}567,89\u{a0}zł"),
            (
                i64::MIN,
                "-92\u{a0}233\u{a0}720\u{a0}368\u{a0}547\u{a0}758,08\u{a0}zł",
            ),
        ];
        for (v, s) in cases {
            assert_eq!(g(v).to_string(), s, "{v}");
        }
    }

    #[test]
    fn display_round_trips_through_parse() {
        for v in [0, 1, -1, 1250, 123_456, -987_654_321, i64::MAX, i64::MIN] {
            assert_eq!(g(v).to_string().parse::<Grosze>(), Ok(g(v)), "{v}");
        }
    }

    #[test]
    fn percent_rounds_half_away_from_zero() {
        assert_eq!(g(1000).percent(2300), g(230)); // 23 % of 10,00 zł
        assert_eq!(g(199).percent(2300), g(46)); // 45,77 gr → 46
        assert_eq!(g(1).percent(5000), g(1)); // 0,5 gr → 1
        assert_eq!(g(1).percent(4999), g(0)); // 0,4999 gr → 0
        assert_eq!(g(-1).percent(5000), g(-1)); // -0,5 gr → -1
        assert_eq!(g(-1).percent(4999), g(0));
        assert_eq!(g(15).percent(3333), g(5)); // 4,9995 gr → 5
        assert_eq!(g(12_345).percent(0), g(0));
        assert_eq!(g(12_345).percent(10_000), g(12_345));
        assert_eq!(g(1000).percent(15_000), g(1500)); // above 100 % is allowed
    }

    #[test]
    fn percent_saturates_instead_of_overflowing() {
        assert_eq!(g(i64::MAX).percent(u32::MAX), g(i64::MAX));
        assert_eq!(g(i64::MIN).percent(u32::MAX), g(i64::MIN));
        assert_eq!(g(i64::MAX).percent(10_000), g(i64::MAX));
    }

    #[test]
    fn arithmetic() {
        assert_eq!(g(150) + g(250), g(400));
        assert_eq!(g(150) - g(250), g(-100));
        let mut x = g(10);
        x += g(5);
        x -= g(3);
        assert_eq!(x, g(12));
        assert_eq!(Grosze::zero(), Grosze::default());
        assert_eq!(g(42).value(), 42);
    }

    #[test]
    fn checked_arithmetic_reports_overflow() {
        assert_eq!(g(1).checked_add(g(2)), Some(g(3)));
        assert_eq!(g(i64::MAX).checked_add(g(1)), None);
        assert_eq!(g(i64::MIN).checked_sub(g(1)), None);
        assert_eq!(g(0).checked_sub(g(1)), Some(g(-1)));
    }

    #[test]
    fn operators_saturate() {
        assert_eq!(g(i64::MAX) + g(1), g(i64::MAX));
        assert_eq!(g(i64::MIN) - g(1), g(i64::MIN));
        assert_eq!(g(i64::MIN) + g(-1), g(i64::MIN));
    }

    #[test]
    fn sums() {
        let items = [g(100), g(250), g(-50)];
        assert_eq!(items.iter().sum::<Grosze>(), g(300));
        assert_eq!(items.into_iter().sum::<Grosze>(), g(300));
        assert_eq!(std::iter::empty::<Grosze>().sum::<Grosze>(), Grosze::zero());
        assert_eq!(
            [g(i64::MAX), g(1), g(-1)].into_iter().sum::<Grosze>(),
            g(i64::MAX - 1)
        );
    }

    #[test]
    fn ordering() {
        assert!(g(-1) < g(0));
        assert!(g(1250) > g(1249));
    }

    #[test]
    fn serde_is_the_plain_integer() {
        let de: Result<Grosze, DeError> = Grosze::deserialize(1250_i64.into_deserializer());
        assert_eq!(de, Ok(g(1250)));
        let de: Result<Grosze, DeError> = Grosze::deserialize("12,50".into_deserializer());
        assert!(de.is_err());
    }

    #[test]
    fn error_display_is_the_key() {
        for e in [
            MoneyError::Empty,
            MoneyError::BadFormat,
            MoneyError::TooManyDecimals,
            MoneyError::Overflow,
        ] {
            assert_eq!(e.to_string(), e.key());
        }
    }
}
