//! The 14 statutory areas of social services (art. 2 ust. 1 of the act of
//! 19 July 2019 on the provision of social services by a social services
//! centre — ustawa o realizowaniu usług społecznych przez CUS).

use super::coded::coded_enum;
use super::label::labels;

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

coded_enum! {
    /// A statutory social-services area, in the order of the act. Serde form is `code()` (the
    /// variants' snake_case names).
    ServiceArea: ServiceAreaError {
        FamilyPolicy = "family_policy",
        FamilySupport = "family_support",
        FosterCare = "foster_care",
        SocialAssistance = "social_assistance",
        HealthPromotion = "health_promotion",
        DisabilitySupport = "disability_support",
        PublicEducation = "public_education",
        Unemployment = "unemployment",
        Culture = "culture",
        SportAndTourism = "sport_and_tourism",
        CivicActivity = "civic_activity",
        Housing = "housing",
        Environment = "environment",
        Reintegration = "reintegration",
    }
}

labels!(ServiceArea, areas {
    FamilyPolicy => family_policy,
    FamilySupport => family_support,
    FosterCare => foster_care,
    SocialAssistance => social_assistance,
    HealthPromotion => health_promotion,
    DisabilitySupport => disability_support,
    PublicEducation => public_education,
    Unemployment => unemployment,
    Culture => culture,
    SportAndTourism => sport_and_tourism,
    CivicActivity => civic_activity,
    Housing => housing,
    Environment => environment,
    Reintegration => reintegration,
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Labelled;
    use crate::domain::test_support::from_serde_str;
    use crate::i18n::Locale;
    use std::collections::HashSet;

    #[test]
    fn all_is_complete_and_unique() {
        let codes: HashSet<_> = ServiceArea::ALL.iter().map(|a| a.code()).collect();
        let labels: HashSet<_> = ServiceArea::ALL
            .iter()
            .map(|a| a.label_in(Locale::pl))
            .collect();
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
            ServiceArea::FosterCare.label_in(Locale::pl),
            "System pieczy zastępczej"
        );
        assert_eq!(
            ServiceArea::Reintegration.label_in(Locale::pl),
            "Reintegracja zawodowa i społeczna"
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
        for a in ServiceArea::ALL {
            assert_eq!(from_serde_str::<ServiceArea>(a.code()).ok(), Some(a));
        }
        let s: &'static str = ServiceArea::SportAndTourism.into();
        assert_eq!(s, "sport_and_tourism");
    }

    #[test]
    fn error_display_is_the_key() {
        let e = ServiceAreaError::UnknownCode;
        assert_eq!(e.to_string(), e.key());
    }
}
