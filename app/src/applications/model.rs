//! An application (wniosek) as the resident and the info point fill it in, and as a case once
//! registered (art. 35): who applies for whom, the requested services and what happened since.

use super::person::PersonInput;
use crate::domain::coded::coded_enum;
use crate::domain::label::labels;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

coded_enum! {
    /// Who files the application for the person the services are for.
    ApplicantRole {
        /// The person concerned applies themselves.
        Person = "person",
        /// A legal representative (parent of a minor, guardian).
        LegalRepresentative = "legal_representative",
        /// A de facto carer (opiekun faktyczny).
        DeFactoCarer = "de_facto_carer",
    }
}

labels!(ApplicantRole, apply {
    Person => role_person,
    LegalRepresentative => role_legal_representative,
    DeFactoCarer => role_de_facto_carer,
});

coded_enum! {
    /// How the application reached the centre.
    Channel {
        Online = "online",
        InPerson = "in_person",
        Paper = "paper",
        Email = "email",
        Phone = "phone",
    }
}

labels!(Channel, apply {
    Online => channel_online,
    InPerson => channel_in_person,
    Paper => channel_paper,
    Email => channel_email,
    Phone => channel_phone,
});

coded_enum! {
    ApplicationStatus {
        Draft = "draft",
        /// Registered with a case number; being handled.
        Registered = "registered",
        /// Withdrawn by the applicant before a decision.
        Withdrawn = "withdrawn",
        Closed = "closed",
    }
}

labels!(ApplicationStatus, cases {
    Draft => status_draft,
    Registered => status_registered,
    Withdrawn => status_withdrawn,
    Closed => status_closed,
});

pub use crate::case_file::model::{CaseEvent, EventKind, RequestStatus};

/// One requested service of an application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestedService {
    pub service_id: String,
    pub name: String,
    pub status: RequestStatus,
    /// Units and fee, once qualified (kept on the waiting list too).
    pub grant: Option<GrantedTerms>,
    /// Place on the service's waiting list (1 = next), while waiting.
    pub waiting_position: Option<u32>,
}

/// What a qualification granted: the units and the fee the resident pays for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantedTerms {
    pub units: u32,
    pub fee_per_unit: crate::domain::Grosze,
    pub fee_total: crate::domain::Grosze,
}

/// A service of the programme offered on the "which services" step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceChoice {
    pub id: String,
    pub name: String,
    pub chosen: bool,
}

/// An uploaded document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentInfo {
    pub id: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
}

/// A resignation from a service (art. 44), as the director's queue lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resignation {
    pub application_id: String,
    pub case_number: String,
    pub event: CaseEvent,
}

/// An application as stored (draft or case).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Application {
    pub id: String,
    pub programme_id: String,
    pub owner_id: Option<String>,
    pub drafted_by: String,
    pub channel: Channel,
    pub received_on: Option<NaiveDate>,
    pub applicant_role: Option<ApplicantRole>,
    pub subject: PersonInput,
    pub applicant: PersonInput,
    pub conditions_declared: bool,
    pub privacy_acknowledged: bool,
    pub locale: String,
    pub status: ApplicationStatus,
    pub case_number: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl Application {
    /// Filed at the info point by a clerk (not by the resident online).
    pub fn on_behalf(&self) -> bool {
        self.channel != Channel::Online
    }

    /// The applicant's own data is asked for only when someone applies for another person.
    pub fn needs_applicant(&self) -> bool {
        self.applicant_role
            .is_some_and(|role| role != ApplicantRole::Person)
    }
}

/// A line of "Moje sprawy".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationSummary {
    pub id: String,
    pub case_number: Option<String>,
    pub status: ApplicationStatus,
    pub programme_name: String,
    pub services: Vec<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// The wizard's steps, in order. `Applicant` is skipped when the person applies themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Services,
    Who,
    Person,
    Applicant,
    Declarations,
    Attachments,
    Review,
}

labels!(Step, apply {
    Services => step_services,
    Who => step_who,
    Person => step_person,
    Applicant => step_applicant,
    Declarations => step_declarations,
    Attachments => step_attachments,
    Review => step_review,
});

impl Step {
    pub const ALL: [Step; 7] = [
        Step::Services,
        Step::Who,
        Step::Person,
        Step::Applicant,
        Step::Declarations,
        Step::Attachments,
        Step::Review,
    ];

    /// The path segment of the step's page.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Services => "uslugi",
            Step::Who => "kto",
            Step::Person => "osoba",
            Step::Applicant => "wnioskodawca",
            Step::Declarations => "oswiadczenia",
            Step::Attachments => "zalaczniki",
            Step::Review => "podsumowanie",
        }
    }

    /// The steps this application goes through.
    pub fn steps_for(needs_applicant: bool) -> Vec<Step> {
        Step::ALL
            .into_iter()
            .filter(|step| needs_applicant || *step != Step::Applicant)
            .collect()
    }

    pub fn path(self, application_id: &str) -> String {
        format!("/wnioski/{application_id}/{}", self.slug())
    }
}

/// Where the step after `step` is.
pub fn next_step(step: Step, needs_applicant: bool) -> Step {
    let steps = Step::steps_for(needs_applicant);
    let at = steps.iter().position(|s| *s == step).unwrap_or(0);
    steps.get(at + 1).copied().unwrap_or(Step::Review)
}

/// Where the step before `step` is (`None` on the first).
pub fn previous_step(step: Step, needs_applicant: bool) -> Option<Step> {
    let steps = Step::steps_for(needs_applicant);
    let at = steps.iter().position(|s| *s == step)?;
    at.checked_sub(1).map(|i| steps[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_applicant_step_appears_only_for_someone_else() {
        assert_eq!(next_step(Step::Person, false), Step::Declarations);
        assert_eq!(next_step(Step::Person, true), Step::Applicant);
        assert_eq!(previous_step(Step::Declarations, false), Some(Step::Person));
        assert_eq!(
            previous_step(Step::Declarations, true),
            Some(Step::Applicant)
        );
        assert_eq!(previous_step(Step::Services, true), None);
        assert_eq!(Step::steps_for(false).len(), 6);
    }

    #[test]
    fn decided_requests() {
        assert!(RequestStatus::Qualified.is_decided());
        assert!(!RequestStatus::Requested.is_decided());
    }
}
