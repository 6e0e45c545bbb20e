//! Roles of people using the system: centre staff, service providers'
//! staff and residents.

use serde::{Deserialize, Serialize};

/// Why a string is not a role code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RoleError {
    #[error("role_unknown_code")]
    UnknownCode,
}

impl RoleError {
    /// Stable translation key for this reason.
    pub fn key(&self) -> &'static str {
        match self {
            Self::UnknownCode => "role_unknown_code",
        }
    }
}

/// A role. Serde form is `code()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Role {
    Director,
    DeputyDirector,
    ServicesOrganiser,
    PlanCoordinator,
    CommunityOrganiser,
    InfoPointClerk,
    SocialWorker,
    DataProtectionOfficer,
    Administrator,
    ProviderStaff,
    Resident,
}

impl Role {
    /// Every role. Keep in sync when adding one.
    pub const ALL: [Role; 11] = [
        Self::Director,
        Self::DeputyDirector,
        Self::ServicesOrganiser,
        Self::PlanCoordinator,
        Self::CommunityOrganiser,
        Self::InfoPointClerk,
        Self::SocialWorker,
        Self::DataProtectionOfficer,
        Self::Administrator,
        Self::ProviderStaff,
        Self::Resident,
    ];

    /// Stable ASCII snake_case code used in the DB and in URLs. Never change
    /// an existing code: stored grants depend on it.
    pub fn code(self) -> &'static str {
        match self {
            Self::Director => "director",
            Self::DeputyDirector => "deputy_director",
            Self::ServicesOrganiser => "services_organiser",
            Self::PlanCoordinator => "plan_coordinator",
            Self::CommunityOrganiser => "community_organiser",
            Self::InfoPointClerk => "info_point_clerk",
            Self::SocialWorker => "social_worker",
            Self::DataProtectionOfficer => "data_protection_officer",
            Self::Administrator => "administrator",
            Self::ProviderStaff => "provider_staff",
            Self::Resident => "resident",
        }
    }

    /// The role for an exact code (case-sensitive, as stored).
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The Polish name of the role.
    pub fn label_pl(self) -> &'static str {
        match self {
            Self::Director => "dyrektor",
            Self::DeputyDirector => "zastępca dyrektora",
            Self::ServicesOrganiser => "organizator usług społecznych",
            Self::PlanCoordinator => "koordynator indywidualnych planów usług społecznych",
            Self::CommunityOrganiser => "organizator społeczności lokalnej",
            Self::InfoPointClerk => "pracownik Punktu Informacyjnego",
            Self::SocialWorker => "pracownik socjalny",
            Self::DataProtectionOfficer => "inspektor ochrony danych",
            Self::Administrator => "administrator",
            Self::ProviderStaff => "pracownik wykonawcy usług",
            Self::Resident => "mieszkaniec",
        }
    }

    /// True for the centre's own employees. Provider staff work for an
    /// outside contractor and residents are clients, so both are false.
    pub fn is_staff(self) -> bool {
        match self {
            Self::Director
            | Self::DeputyDirector
            | Self::ServicesOrganiser
            | Self::PlanCoordinator
            | Self::CommunityOrganiser
            | Self::InfoPointClerk
            | Self::SocialWorker
            | Self::DataProtectionOfficer
            | Self::Administrator => true,
            Self::ProviderStaff | Self::Resident => false,
        }
    }
}

code_enum!(Role, RoleError);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::from_serde_str;
    use std::collections::HashSet;

    #[test]
    fn all_is_complete_and_unique() {
        let codes: HashSet<_> = Role::ALL.iter().map(|r| r.code()).collect();
        let labels: HashSet<_> = Role::ALL.iter().map(|r| r.label_pl()).collect();
        let variants: HashSet<_> = Role::ALL.iter().collect();
        assert_eq!(codes.len(), Role::ALL.len());
        assert_eq!(labels.len(), Role::ALL.len());
        assert_eq!(variants.len(), Role::ALL.len());
    }

    #[test]
    fn codes_are_ascii_snake_case() {
        for r in Role::ALL {
            let c = r.code();
            assert!(
                !c.is_empty() && !c.starts_with('_') && !c.ends_with('_'),
                "{c}"
            );
            assert!(
                c.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{c}"
            );
        }
    }

    #[test]
    fn from_code_round_trips() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
            assert_eq!(r.code().parse::<Role>(), Ok(r));
            assert_eq!(r.to_string(), r.code());
        }
        assert_eq!(Role::from_code("Director"), None);
        assert_eq!("admin".parse::<Role>(), Err(RoleError::UnknownCode));
    }

    #[test]
    fn staff_split() {
        let staff: Vec<Role> = Role::ALL.into_iter().filter(|r| r.is_staff()).collect();
        assert_eq!(staff.len(), 9);
        assert!(Role::SocialWorker.is_staff());
        assert!(Role::Administrator.is_staff());
        assert!(Role::DataProtectionOfficer.is_staff());
        assert!(!Role::ProviderStaff.is_staff());
        assert!(!Role::Resident.is_staff());
    }

    #[test]
    fn labels() {
        assert_eq!(Role::DeputyDirector.label_pl(), "zastępca dyrektora");
        assert_eq!(
            Role::InfoPointClerk.label_pl(),
            "pracownik Punktu Informacyjnego"
        );
        assert_eq!(
            Role::PlanCoordinator.label_pl(),
            "koordynator indywidualnych planów usług społecznych"
        );
    }

    #[test]
    fn serde_uses_the_code() {
        assert_eq!(
            from_serde_str::<Role>("info_point_clerk").unwrap(),
            Role::InfoPointClerk
        );
        assert!(from_serde_str::<Role>("InfoPointClerk").is_err());
        let s: &'static str = Role::InfoPointClerk.into();
        assert_eq!(s, "info_point_clerk");
    }

    #[test]
    fn error_display_is_the_key() {
        let e = RoleError::UnknownCode;
        assert_eq!(e.to_string(), e.key());
    }
}
