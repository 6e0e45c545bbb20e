//! What the case file holds that pages show too: where each requested service stands, what
//! happened in the case (the timeline) and a service's limit with what is used of it.

use crate::domain::coded::coded_enum;
use crate::domain::label::labels;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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

labels!(RequestStatus, cases {
    Requested => request_requested,
    Qualified => request_qualified,
    Refused => request_refused,
    Waiting => request_waiting,
    Resigned => request_resigned,
    Completed => request_completed,
    Lapsed => request_lapsed,
    Withdrawn => request_withdrawn,
    Forwarded => request_forwarded,
});

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

labels!(EventKind, cases {
    Registered => event_registered,
    AttachmentAdded => event_attachment_added,
    NeedsRecognitionPlanned => event_needs_recognition,
    NeedsRecognised => event_needs_recognised,
    Qualified => event_qualified,
    Refused => event_refused,
    PlanApproved => event_plan_approved,
    PlanClosed => event_plan_closed,
    Withdrawn => event_withdrawn,
    Resigned => event_resigned,
    ServiceCompleted => event_service_completed,
    WaitingListClosed => event_waiting_list_closed,
    Assigned => event_assigned,
    PathChosen => event_path_chosen,
    WaitingListed => event_waiting_listed,
    Promoted => event_promoted,
    Forwarded => event_forwarded,
    DecisionDelivered => event_decision_delivered,
    DecisionOverturned => event_decision_overturned,
    PlanMovedToProgramme => event_plan_moved,
    NoteAdded => event_note_added,
});

impl EventKind {
    /// Shown to the resident in "Moje sprawy" (the rest is the staff's working record).
    pub fn is_public(self) -> bool {
        !matches!(self, Self::Assigned | Self::PathChosen | Self::NoteAdded)
    }
}

/// One entry of a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    pub service_name: Option<String>,
    pub detail: String,
}

/// A service's limit for the programme period and what qualified requests use of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capacity {
    pub kind: crate::programme::LimitKind,
    /// Places, units, or grosze of the budget.
    pub limit: i64,
    pub used: i64,
    /// Requests on the waiting list.
    pub waiting: u32,
}

impl Capacity {
    pub fn remaining(&self) -> i64 {
        (self.limit - self.used).max(0)
    }

    /// A request taking `need` of the limit can be granted now.
    pub fn fits(&self, need: i64) -> bool {
        self.used.saturating_add(need) <= self.limit
    }
}
