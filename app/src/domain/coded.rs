//! `coded_enum!`: an enum whose variants have stable codes — stored in the database, used in
//! URLs and forms — with `code()`, `from_code()` and `ALL`. Serde uses the variants'
//! snake_case names (which for most enums are the codes; never rename a variant that is
//! stored as JSON). Translated names: `labels!` under the enum (see `domain::label`).
//!
//! `Name: Error { … }` also generates `Display` (the code), `FromStr` and `TryFrom<String>`
//! (`Error::UnknownCode` for an unknown code) and `From<Name> for &'static str`.

macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// The stable code. Never change an existing one: stored rows depend on it.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The variant for an exact code (case-sensitive, as stored).
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
    ($(#[$meta:meta])* $name:ident: $err:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $crate::domain::coded::coded_enum! { $(#[$meta])* $name { $($(#[$vmeta])* $variant = $code),+ } }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $err;
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                Self::from_code(s).ok_or($err::UnknownCode)
            }
        }

        impl ::core::convert::TryFrom<::std::string::String> for $name {
            type Error = $err;
            fn try_from(s: ::std::string::String) -> ::core::result::Result<Self, Self::Error> {
                s.parse()
            }
        }

        impl ::core::convert::From<$name> for &'static str {
            fn from(v: $name) -> &'static str {
                v.code()
            }
        }
    };
}

pub(crate) use coded_enum;
