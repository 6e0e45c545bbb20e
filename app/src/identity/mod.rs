//! People who use the platform: staff, residents and provider staff, with their roles.

pub mod accounts;
pub mod accounts_pages;
#[cfg(feature = "ssr")]
mod accounts_store;
pub mod auth;
#[cfg(feature = "ssr")]
pub mod credentials;
pub mod pages;
pub mod permissions_page;
pub mod profile;
pub mod profile_pages;
#[cfg(feature = "ssr")]
pub mod provider;
pub mod registration;
pub mod registration_pages;
pub mod second_factor_pages;
#[cfg(feature = "ssr")]
pub mod sessions;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod totp;

pub use profile::Profile;

use crate::domain::label::labels;
use crate::domain::{Email, Role};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UserKind {
    Staff,
    Resident,
    Provider,
}

labels!(UserKind, accounts {
    Staff => kind_staff,
    Resident => kind_resident,
    Provider => kind_provider,
});

impl UserKind {
    pub fn code(self) -> &'static str {
        match self {
            UserKind::Staff => "staff",
            UserKind::Resident => "resident",
            UserKind::Provider => "provider",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [UserKind::Staff, UserKind::Resident, UserKind::Provider]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub email: Email,
    pub display_name: String,
    pub kind: UserKind,
    pub roles: Vec<Role>,
    pub active: bool,
}

/// A staff account to create (from the CLI or the administrator's page).
#[derive(Debug, Clone)]
pub struct NewStaffUser {
    pub email: Email,
    pub display_name: String,
    pub roles: Vec<Role>,
}
