//! An application (wniosek) as the resident and the info point fill it in, and as a case once
//! registered (art. 35): who applies for whom, the requested services and what happened since.

use super::person::PersonInput;
use crate::domain::coded::coded_enum;
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

coded_enum! {
    /// Where one requested service stands.
    RequestStatus {
        Requested = "requested",
        Qualified = "qualified",
        Refused = "refused",
        /// Qualified, but the limit is used up: on the waiting list.
        Waiting = "waiting",
        /// The resident resigned from a granted service (art. 44).
        Resigned = "resigned",
        /// Granted and delivered in full: a one-off or up to three months' service done, or
        /// the individual plan it belonged to closed.
        Completed = "completed",
        /// On the waiting list when the programme ended: the list closed.
        Lapsed = "lapsed",
        Withdrawn = "withdrawn",
        /// Forwarded to the team, post, office or authority that handles it.
        Forwarded = "forwarded",
    }
}

impl RequestStatus {
    /// A decision or qualification has been made about this service.
    pub fn is_decided(self) -> bool {
        matches!(
            self,
            Self::Qualified
                | Self::Refused
                | Self::Waiting
                | Self::Resigned
                | Self::Completed
                | Self::Forwarded
        )
    }
}

coded_enum! {
    /// What happened in a case (the timeline).
    EventKind {
        Registered = "registered",
        AttachmentAdded = "attachment_added",
        NeedsRecognitionPlanned = "needs_recognition_planned",
        NeedsRecognised = "needs_recognised",
        Qualified = "qualified",
        Refused = "refused",
        PlanApproved = "plan_approved",
        /// The plan ended: ran its course or the person resigned.
        PlanClosed = "plan_closed",
        Withdrawn = "withdrawn",
        Resigned = "resigned",
        /// A granted service was delivered in full and its place freed.
        ServiceCompleted = "service_completed",
        /// The programme ended and its waiting list closed: the request lapsed.
        WaitingListClosed = "waiting_list_closed",
        /// Staff only: a coordinator was assigned.
        Assigned = "assigned",
        /// Staff only: the path (one-off, up to three months, IPUS) was chosen.
        PathChosen = "path_chosen",
        /// Qualified, but the service's limit is used up: on the waiting list.
        WaitingListed = "waiting_listed",
        /// A place freed and the oldest waiting request got it.
        Promoted = "promoted",
        /// The application, or a service in it, went to whoever handles it.
        Forwarded = "forwarded",
        /// A decision reached the party (the appeal deadline runs).
        DecisionDelivered = "decision_delivered",
        /// A refusal was overturned: the service is qualified again.
        DecisionOverturned = "decision_overturned",
        /// The plan moved onto the programme's new version: the service is now its copy there.
        PlanMovedToProgramme = "plan_moved_to_programme",
        /// Staff only: an internal note was added.
        NoteAdded = "note_added",
    }
}

impl EventKind {
    /// Shown to the resident in "Moje sprawy" (the rest is the staff's working record).
    pub fn is_public(self) -> bool {
        !matches!(self, Self::Assigned | Self::PathChosen | Self::NoteAdded)
    }
}

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

/// One entry of a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    pub service_name: Option<String>,
    pub detail: String,
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
