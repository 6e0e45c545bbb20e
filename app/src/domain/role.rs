//! Roles of people using the system: centre staff, service providers'
//! staff and residents.

use super::coded::coded_enum;
use super::label::labels;

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

coded_enum! {
    /// A role. Serde form is `code()` (the variants' snake_case names).
    Role: RoleError {
        Director = "director",
        DeputyDirector = "deputy_director",
        ServicesOrganiser = "services_organiser",
        PlanCoordinator = "plan_coordinator",
        CommunityOrganiser = "community_organiser",
        InfoPointClerk = "info_point_clerk",
        SocialWorker = "social_worker",
        DataProtectionOfficer = "data_protection_officer",
        Administrator = "administrator",
        ProviderStaff = "provider_staff",
        Resident = "resident",
    }
}

labels!(Role, permissions {
    Director => role_director,
    DeputyDirector => role_deputy_director,
    ServicesOrganiser => role_services_organiser,
    PlanCoordinator => role_plan_coordinator,
    CommunityOrganiser => role_community_organiser,
    InfoPointClerk => role_info_point_clerk,
    SocialWorker => role_social_worker,
    DataProtectionOfficer => role_data_protection_officer,
    Administrator => role_administrator,
    ProviderStaff => role_provider_staff,
    Resident => role_resident,
});

impl Role {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Labelled;
    use crate::domain::test_support::from_serde_str;
    use crate::i18n::Locale;
    use std::collections::HashSet;

    #[test]
    fn all_is_complete_and_unique() {
        let codes: HashSet<_> = Role::ALL.iter().map(|r| r.code()).collect();
        let labels: HashSet<_> = Role::ALL.iter().map(|r| r.label_in(Locale::pl)).collect();
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
        assert_eq!(
            Role::DeputyDirector.label_in(Locale::pl),
            "zastępca dyrektora"
        );
        assert_eq!(
            Role::InfoPointClerk.label_in(Locale::pl),
            "pracownik Punktu Informacyjnego"
        );
        assert_eq!(
            Role::PlanCoordinator.label_in(Locale::pl),
            "koordynator indywidualnych planów usług społecznych"
        );
        assert_eq!(
            Role::SocialWorker.label_in(Locale::uk),
            "соціальний працівник"
        );
    }

    #[test]
    fn serde_uses_the_code() {
        assert_eq!(
            from_serde_str::<Role>("info_point_clerk").unwrap(),
            Role::InfoPointClerk
        );
        assert!(from_serde_str::<Role>("InfoPointClerk").is_err());
        for r in Role::ALL {
            assert_eq!(from_serde_str::<Role>(r.code()).ok(), Some(r));
        }
        let s: &'static str = Role::InfoPointClerk.into();
        assert_eq!(s, "info_point_clerk");
    }

    #[test]
    fn error_display_is_the_key() {
        let e = RoleError::UnknownCode;
        assert_eq!(e.to_string(), e.key());
    }
}
