//! "Sprawdź, co Ci przysługuje": a resident's few answers tested against each service's
//! structured conditions. It only advises — qualification by staff decides.

use super::model::Conditions;
use serde::{Deserialize, Serialize};

/// What the self-check asks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    pub age: Option<u8>,
    /// Lives in a gmina the programme serves.
    pub resident: bool,
    pub disability_certificate: bool,
}

/// A condition the answers do not meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unmet {
    /// Younger than the minimum age.
    MinAge(u8),
    /// Older than the maximum age.
    MaxAge(u8),
    /// The service needs residence in the programme's gmina.
    Residence,
    /// The service needs a disability certificate.
    DisabilityCertificate,
}

/// The conditions of `conditions` that `answers` do not meet; empty means the person may apply.
/// An unknown age meets any age range: the self-check never excludes on a missing answer.
pub fn unmet(conditions: &Conditions, answers: &Answers) -> Vec<Unmet> {
    let mut unmet = Vec::new();
    if let (Some(min), Some(age)) = (conditions.min_age, answers.age)
        && age < min
    {
        unmet.push(Unmet::MinAge(min));
    }
    if let (Some(max), Some(age)) = (conditions.max_age, answers.age)
        && age > max
    {
        unmet.push(Unmet::MaxAge(max));
    }
    if conditions.residence_required && !answers.resident {
        unmet.push(Unmet::Residence);
    }
    if conditions.disability_certificate_required && !answers.disability_certificate {
        unmet.push(Unmet::DisabilityCertificate);
    }
    unmet
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seniors_with_certificate() -> Conditions {
        Conditions {
            min_age: Some(60),
            max_age: Some(99),
            residence_required: true,
            disability_certificate_required: true,
            ..Conditions::default()
        }
    }

    #[test]
    fn all_conditions_met() {
        let answers = Answers {
            age: Some(60),
            resident: true,
            disability_certificate: true,
        };
        assert!(unmet(&seniors_with_certificate(), &answers).is_empty());
    }

    #[test]
    fn each_unmet_condition_is_named() {
        let answers = Answers {
            age: Some(59),
            resident: false,
            disability_certificate: false,
        };
        assert_eq!(
            unmet(&seniors_with_certificate(), &answers),
            vec![
                Unmet::MinAge(60),
                Unmet::Residence,
                Unmet::DisabilityCertificate
            ]
        );
        let too_old = Answers {
            age: Some(100),
            resident: true,
            disability_certificate: true,
        };
        assert_eq!(
            unmet(&seniors_with_certificate(), &too_old),
            vec![Unmet::MaxAge(99)]
        );
    }

    #[test]
    fn unknown_age_and_open_conditions_exclude_nobody() {
        let answers = Answers::default();
        assert!(unmet(&Conditions::default(), &answers).is_empty());
        let age_only = Conditions {
            min_age: Some(18),
            ..Conditions::default()
        };
        assert!(unmet(&age_only, &answers).is_empty());
    }
}
