//! E-mail address, checked pragmatically (not full RFC 5322): enough to catch
//! typos; whether it really delivers is only known by sending to it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a string is not an acceptable e-mail address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    /// Longer than 254 bytes in total (the SMTP path limit).
    #[error("email_too_long")]
    TooLong,
    #[error("email_contains_whitespace")]
    ContainsWhitespace,
    #[error("email_missing_at")]
    MissingAt,
    #[error("email_multiple_at")]
    MultipleAt,
    #[error("email_empty_local_part")]
    EmptyLocalPart,
    /// Local part longer than 64 bytes.
    #[error("email_local_part_too_long")]
    LocalPartTooLong,
    /// Domain has no dot, or has an empty label ("a@.pl", "a@b..pl", "a@b.pl.").
    #[error("email_bad_domain")]
    BadDomain,
}

impl EmailError {
    /// Stable translation key for this reason.
    pub fn key(&self) -> &'static str {
        match self {
            Self::TooLong => "email_too_long",
            Self::ContainsWhitespace => "email_contains_whitespace",
            Self::MissingAt => "email_missing_at",
            Self::MultipleAt => "email_multiple_at",
            Self::EmptyLocalPart => "email_empty_local_part",
            Self::LocalPartTooLong => "email_local_part_too_long",
            Self::BadDomain => "email_bad_domain",
        }
    }
}

const MAX_TOTAL: usize = 254;
const MAX_LOCAL: usize = 64;

/// An e-mail address with a lowercased domain. The local part keeps its case
/// because, strictly, it may be case-sensitive on the receiving server.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email {
    address: String,
    // Byte index of the '@' in `address`.
    at: usize,
}

impl Email {
    /// Parses an address; surrounding whitespace is ignored.
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let s = input.trim();
        if s.chars().any(char::is_whitespace) {
            return Err(EmailError::ContainsWhitespace);
        }
        let (local, domain) = match s.split_once('@') {
            None => return Err(EmailError::MissingAt),
            Some((_, d)) if d.contains('@') => return Err(EmailError::MultipleAt),
            Some(parts) => parts,
        };
        if local.is_empty() {
            return Err(EmailError::EmptyLocalPart);
        }
        if local.len() > MAX_LOCAL {
            return Err(EmailError::LocalPartTooLong);
        }
        if !domain.contains('.') || domain.split('.').any(str::is_empty) {
            return Err(EmailError::BadDomain);
        }
        let address = format!("{local}@{}", domain.to_lowercase());
        // Checked after lowercasing, since that can change the byte length.
        if address.len() > MAX_TOTAL {
            return Err(EmailError::TooLong);
        }
        Ok(Self {
            address,
            at: local.len(),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.address
    }

    /// The part before '@', case preserved.
    pub fn local_part(&self) -> &str {
        &self.address[..self.at]
    }

    /// The part after '@', lowercased.
    pub fn domain(&self) -> &str {
        &self.address[self.at + 1..]
    }

    /// The whole address lowercased: accounts are matched on this, because people do not
    /// remember how they capitalised their address.
    pub fn account_key(&self) -> String {
        self.address.to_lowercase()
    }
}

string_newtype!(Email, EmailError);

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.address)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::from_serde_str;

    #[test]
    fn parses_and_lowercases_domain_only() {
        let e = Email::parse("  Jan.Kowalski@Gmina-Przykladowa.PL ").unwrap();
        assert_eq!(e.as_str(), "Jan.Kowalski@gmina-przykladowa.pl");
        assert_eq!(e.local_part(), "Jan.Kowalski");
        assert_eq!(e.domain(), "gmina-przykladowa.pl");
    }

    #[test]
    fn accepts_common_shapes() {
        for s in [
            "a@b.pl",
            "cus+zapisy@um.warszawa.pl",
            "o'brien@example.co.uk",
            "zażółć@gęślą.pl",
            "sekretariat@mops.krakow.pl",
        ] {
            assert!(Email::parse(s).is_ok(), "{s}");
        }
    }

    #[test]
    fn lowercases_non_ascii_domain() {
        assert_eq!(Email::parse("x@GĘŚLĄ.PL").unwrap().domain(), "gęślą.pl");
    }

    #[test]
    fn rejects_missing_or_multiple_at() {
        assert_eq!(Email::parse(""), Err(EmailError::MissingAt));
        assert_eq!(Email::parse("jan.kowalski.pl"), Err(EmailError::MissingAt));
        assert_eq!(Email::parse("a@b@c.pl"), Err(EmailError::MultipleAt));
    }

    #[test]
    fn rejects_whitespace_inside() {
        assert_eq!(
            Email::parse("jan kowalski@x.pl"),
            Err(EmailError::ContainsWhitespace)
        );
        assert_eq!(
            Email::parse("jan@x .pl"),
            Err(EmailError::ContainsWhitespace)
        );
        assert_eq!(
            Email::parse("jan@x\u{a0}.pl"),
            Err(EmailError::ContainsWhitespace)
        );
    }

    #[test]
    fn local_part_bounds() {
        assert_eq!(Email::parse("@x.pl"), Err(EmailError::EmptyLocalPart));
        let ok = format!("{}@x.pl", "a".repeat(64));
        assert!(Email::parse(&ok).is_ok());
        let long = format!("{}@x.pl", "a".repeat(65));
        assert_eq!(Email::parse(&long), Err(EmailError::LocalPartTooLong));
    }

    #[test]
    fn total_length_bound() {
        // 64 + 1 + 189 = 254 bytes: the maximum.
        let local = "a".repeat(64);
        let domain = |n: usize| format!("{}.pl", "d".repeat(n - 3));
        let at_max = format!("{local}@{}", domain(189));
        assert_eq!(at_max.len(), 254);
        assert!(Email::parse(&at_max).is_ok());
        let over = format!("{local}@{}", domain(190));
        assert_eq!(Email::parse(&over), Err(EmailError::TooLong));
    }

    #[test]
    fn rejects_bad_domains() {
        for s in ["a@", "a@localhost", "a@.pl", "a@x.", "a@x..pl", "a@."] {
            assert_eq!(Email::parse(s), Err(EmailError::BadDomain), "{s}");
        }
    }

    #[test]
    fn conversions_and_serde() {
        let e: Email = "Ala@Example.COM".parse().unwrap();
        assert_eq!(e.to_string(), "Ala@example.com");
        assert_eq!(e.as_ref(), "Ala@example.com");
        assert_eq!(String::from(e.clone()), "Ala@example.com");
        assert_eq!(from_serde_str::<Email>("Ala@EXAMPLE.com").unwrap(), e);
        assert!(from_serde_str::<Email>("nope").is_err());
    }

    #[test]
    fn error_display_is_the_key() {
        for e in [
            EmailError::TooLong,
            EmailError::ContainsWhitespace,
            EmailError::MissingAt,
            EmailError::MultipleAt,
            EmailError::EmptyLocalPart,
            EmailError::LocalPartTooLong,
            EmailError::BadDomain,
        ] {
            assert_eq!(e.to_string(), e.key());
        }
    }
}
