//! Domain types: validated identifiers, money, codes (with their translated names) and roles.
//!
//! Every type here is "parse, don't validate": once you hold a value, it is
//! known to be well-formed, so the rest of the application never re-checks.
//! Errors carry reasons only; each error enum has `key()` returning a stable
//! translation key, because user-facing text lives in translation files.

/// The string plumbing every validated string newtype shares.
///
/// The type must have `parse(&str) -> Result<Self, $err>` and
/// `as_str(&self) -> &str`. Generated: `FromStr`, `AsRef<str>`,
/// `TryFrom<String>`, `TryFrom<&str>` and `From<$ty> for String`; the last
/// two `String` conversions are what `#[serde(try_from/into = "String")]`
/// uses, so serde input goes through `parse` too.
macro_rules! string_newtype {
    ($ty:ident, $err:ty) => {
        impl ::core::str::FromStr for $ty {
            type Err = $err;
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl ::core::convert::AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::core::convert::TryFrom<::std::string::String> for $ty {
            type Error = $err;
            fn try_from(s: ::std::string::String) -> ::core::result::Result<Self, Self::Error> {
                Self::parse(&s)
            }
        }

        impl ::core::convert::TryFrom<&str> for $ty {
            type Error = $err;
            fn try_from(s: &str) -> ::core::result::Result<Self, Self::Error> {
                Self::parse(s)
            }
        }

        impl ::core::convert::From<$ty> for ::std::string::String {
            fn from(v: $ty) -> ::std::string::String {
                v.as_str().to_owned()
            }
        }
    };
}

pub mod archival;
pub mod case_number;
pub mod clock;
pub mod coded;
pub mod email;
pub mod krs;
pub mod label;
pub mod money;
pub mod nip;
pub mod pesel;
pub mod phone;
pub mod postal_code;
pub mod regon;
pub mod role;
pub mod search_text;
pub mod service_area;
pub mod teryt;
pub mod working_days;

pub use archival::{ArchivalCategory, ArchivalError, JrwaSymbol, Retention};
pub use case_number::{CaseNumber, CaseNumberError};
pub use clock::{Clock, date_display, past_day, warsaw_date, warsaw_display};
pub use email::{Email, EmailError};
pub use krs::{Krs, KrsError};
pub use label::Labelled;
pub use money::{Grosze, MoneyError};
pub use nip::{Nip, NipError};
pub use pesel::{Pesel, PeselError, Sex};
pub use phone::{PhoneError, PhoneNumber};
pub use postal_code::{PostalCode, PostalCodeError};
pub use regon::{Regon, RegonError};
pub use role::{Role, RoleError};
pub use service_area::{ServiceArea, ServiceAreaError};
pub use teryt::{Teryt, TerytError};

/// Helpers shared by the unit tests of the sibling modules.
#[cfg(test)]
pub(crate) mod test_support {
    use serde::Deserialize;
    use serde::de::IntoDeserializer;
    use serde::de::value::Error as DeError;

    /// Runs a value's serde `Deserialize` on a plain string, as a JSON
    /// string field would; no serde_json needed.
    pub fn from_serde_str<'de, T: Deserialize<'de>>(s: &'de str) -> Result<T, DeError> {
        T::deserialize(s.into_deserializer())
    }
}
