//! The 14 statutory areas of social services (art. 2 ust. 1 of the act of
//! 19 July 2019 on the provision of social services by a social services
//! centre — ustawa o realizowaniu usług społecznych przez CUS).

use serde::{Deserialize, Serialize};

/// Why a string is not a service area code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ServiceAreaError {
    #[error("service_area_unknown_code")]
    UnknownCode,
}

impl ServiceAreaError {
    /// Stable translation key for this reason.
    pub fn key(&self) -> &'static str {
        match self {
            Self::UnknownCode => "service_area_unknown_code",
        }
    }
}

/// A statutory social-services area. Serde form is `code()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum ServiceArea {
    FamilyPolicy,
    FamilySupport,
    FosterCare,
    SocialAssistance,
    HealthPromotion,
    DisabilitySupport,
    PublicEducation,
    Unemployment,
    Culture,
    SportAndTourism,
    CivicActivity,
    Housing,
    Environment,
    Reintegration,
}

impl ServiceArea {
    /// Every area, in the order of the act. Keep in sync when adding one.
    pub const ALL: [ServiceArea; 14] = [
        Self::FamilyPolicy,
        Self::FamilySupport,
        Self::FosterCare,
        Self::SocialAssistance,
        Self::HealthPromotion,
        Self::DisabilitySupport,
        Self::PublicEducation,
        Self::Unemployment,
        Self::Culture,
        Self::SportAndTourism,
        Self::CivicActivity,
        Self::Housing,
        Self::Environment,
        Self::Reintegration,
    ];

    /// Stable ASCII snake_case code used in the DB and in URLs. Never change
    /// an existing code: stored rows and bookmarked links depend on it.
    pub fn code(self) -> &'static str {
        match self {
            Self::FamilyPolicy => "family_policy",
            Self::FamilySupport => "family_support",
            Self::FosterCare => "foster_care",
            Self::SocialAssistance => "social_assistance",
            Self::HealthPromotion => "health_promotion",
            Self::DisabilitySupport => "disability_support",
            Self::PublicEducation => "public_education",
            Self::Unemployment => "unemployment",
            Self::Culture => "culture",
            Self::SportAndTourism => "sport_and_tourism",
            Self::CivicActivity => "civic_activity",
            Self::Housing => "housing",
            Self::Environment => "environment",
            Self::Reintegration => "reintegration",
        }
    }

    /// The area for an exact code (case-sensitive, as stored).
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The statutory Polish name.
    pub fn label_pl(self) -> &'static str {
        match self {
            Self::FamilyPolicy => "polityka prorodzinna",
            Self::FamilySupport => "wspieranie rodziny",
            Self::FosterCare => "system pieczy zastępczej",
            Self::SocialAssistance => "pomoc społeczna",
            Self::HealthPromotion => "promocja i ochrona zdrowia",
            Self::DisabilitySupport => "wspieranie osób niepełnosprawnych",
            Self::PublicEducation => "edukacja publiczna",
            Self::Unemployment => "przeciwdziałanie bezrobociu",
            Self::Culture => "kultura",
            Self::SportAndTourism => "kultura fizyczna i turystyka",
            Self::CivicActivity => "pobudzanie aktywności obywatelskiej",
            Self::Housing => "mieszkalnictwo",
            Self::Environment => "ochrona środowiska",
            Self::Reintegration => "reintegracja zawodowa i społeczna",
        }
    }
}

code_enum!(ServiceArea, ServiceAreaError);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::from_serde_str;
    use std::collections::HashSet;

    #[test]
    fn all_is_complete_and_unique() {
        let codes: HashSet<_> = ServiceArea::ALL.iter().map(|a| a.code()).collect();
        let labels: HashSet<_> = ServiceArea::ALL.iter().map(|a| a.label_pl()).collect();
        let variants: HashSet<_> = ServiceArea::ALL.iter().collect();
        assert_eq!(codes.len(), 14);
        assert_eq!(labels.len(), 14);
        assert_eq!(variants.len(), 14);
    }

    #[test]
    fn codes_are_ascii_snake_case() {
        for a in ServiceArea::ALL {
            let c = a.code();
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
        for a in ServiceArea::ALL {
            assert_eq!(ServiceArea::from_code(a.code()), Some(a));
            assert_eq!(a.code().parse::<ServiceArea>(), Ok(a));
            assert_eq!(a.to_string(), a.code());
        }
        assert_eq!(ServiceArea::from_code("Family_Policy"), None);
        assert_eq!(ServiceArea::from_code(""), None);
        assert_eq!(
            "housing ".parse::<ServiceArea>(),
            Err(ServiceAreaError::UnknownCode)
        );
    }

    #[test]
    fn known_codes_and_labels() {
        assert_eq!(ServiceArea::FamilyPolicy.code(), "family_policy");
        assert_eq!(
            ServiceArea::FosterCare.label_pl(),
            "system pieczy zastępczej"
        );
        assert_eq!(
            ServiceArea::Reintegration.label_pl(),
            "reintegracja zawodowa i społeczna"
        );
        assert_eq!(ServiceArea::ALL[0], ServiceArea::FamilyPolicy);
        assert_eq!(ServiceArea::ALL[13], ServiceArea::Reintegration);
    }

    #[test]
    fn serde_uses_the_code() {
        assert_eq!(
            from_serde_str::<ServiceArea>("sport_and_tourism").unwrap(),
            ServiceArea::SportAndTourism
        );
        // Variant names are not accepted: only codes are.
        assert!(from_serde_str::<ServiceArea>("SportAndTourism").is_err());
        let s: &'static str = ServiceArea::SportAndTourism.into();
        assert_eq!(s, "sport_and_tourism");
    }

    #[test]
    fn error_display_is_the_key() {
        let e = ServiceAreaError::UnknownCode;
        assert_eq!(e.to_string(), e.key());
    }
}
