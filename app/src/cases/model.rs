//! A registered application as staff handle it: the path it takes (art. 42), who coordinates
//! it, its deadlines, and the inbox's filters and rows.

use crate::applications::{Application, CaseEvent, RequestedService};
use crate::domain::coded::coded_enum;
use crate::domain::label::labels;
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

coded_enum! {
    /// The three paths of art. 42 (seed 004): what follows qualification.
    CasePath {
        /// A one-off service.
        OneOff = "one_off",
        /// Support for up to three months.
        ShortTerm = "short_term",
        /// An individual social services plan (IPUS), 3–12 months.
        Plan = "ipus",
    }
}

labels!(CasePath, inbox {
    OneOff => path_one_off,
    ShortTerm => path_short_term,
    Plan => path_plan,
});

/// Days the coordinator has to draft an IPUS, from registration (seed 004).
pub const PLAN_DRAFTING_DAYS: u64 = 30;
/// "Due this week": a deadline at most this many days ahead.
pub const DUE_SOON_DAYS: u64 = 7;

/// How a deadline stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeadlineState {
    OnTime,
    DueSoon,
    Overdue,
}

/// The deadline clock of a case: days since registration, the IPUS drafting limit and the KPA
/// limit for a decision (art. 35 §3: one month, two for a particularly complicated case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadlines {
    pub registered_on: NaiveDate,
    pub days_since: i64,
    pub plan_due: NaiveDate,
    pub decision_due: NaiveDate,
}

impl Deadlines {
    pub fn new(registered_on: NaiveDate, complicated: bool, today: NaiveDate) -> Self {
        Deadlines {
            registered_on,
            days_since: (today - registered_on).num_days(),
            plan_due: registered_on + Days::new(PLAN_DRAFTING_DAYS),
            decision_due: decision_due(registered_on, complicated),
        }
    }

    /// Where `due` stands on `today`.
    pub fn state(due: NaiveDate, today: NaiveDate) -> DeadlineState {
        if today > due {
            DeadlineState::Overdue
        } else if due <= today + Days::new(DUE_SOON_DAYS) {
            DeadlineState::DueSoon
        } else {
            DeadlineState::OnTime
        }
    }
}

pub use crate::domain::working_days::decision_due;

/// The inbox's filters, sort and page, as they appear in its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InboxQuery {
    /// Name, PESEL or case number.
    pub q: String,
    /// An application status code; empty means open cases.
    pub status: String,
    pub service: String,
    pub programme: String,
    /// "me", "none" or a coordinator's id.
    pub coordinator: String,
    pub channel: String,
    /// "overdue" or "week".
    pub deadline: String,
    /// "oldest" (default), "newest" or "number".
    pub sort: String,
    pub page: u32,
}

impl InboxQuery {
    /// The query string of this query on another page.
    pub fn with_page(&self, page: u32) -> String {
        let page = page.to_string();
        crate::components::pagination::query_string([
            ("q", self.q.as_str()),
            ("status", &self.status),
            ("service", &self.service),
            ("programme", &self.programme),
            ("coordinator", &self.coordinator),
            ("channel", &self.channel),
            ("deadline", &self.deadline),
            ("sort", &self.sort),
            ("page", &page),
        ])
    }
}

/// One line of the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxRow {
    pub id: String,
    pub case_number: String,
    pub person: String,
    pub programme: String,
    pub services: Vec<String>,
    pub channel: crate::applications::Channel,
    pub status: crate::applications::ApplicationStatus,
    pub coordinator: Option<String>,
    pub path: Option<CasePath>,
    pub deadlines: Deadlines,
    /// Some requested service still waits for qualification or refusal.
    pub open: bool,
}

/// One page of the inbox, with what its filters offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxPage {
    pub rows: Vec<InboxRow>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    pub today: NaiveDate,
    pub programmes: Vec<(String, String)>,
    pub services: Vec<(String, String)>,
    pub coordinators: Vec<(String, String)>,
}

/// An internal note on a case (not shown to the resident).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseNote {
    pub at: DateTime<Utc>,
    pub author: String,
    pub body: String,
}

/// A timeline entry with who did it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffEvent {
    pub event: CaseEvent,
    pub actor: Option<String>,
    pub public: bool,
}

/// Everything the case page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffCase {
    pub application: Application,
    pub programme_name: String,
    pub programme_version: i64,
    pub services: Vec<RequestedService>,
    pub events: Vec<StaffEvent>,
    pub notes: Vec<CaseNote>,
    pub attachments: Vec<crate::applications::AttachmentInfo>,
    pub decisions: Vec<super::decision::DecisionSummary>,
    pub recognitions: Vec<super::recognition::NeedsRecognition>,
    pub forwardings: Vec<super::forwarding::Forwarding>,
    pub handling: Handling,
    /// The individual plan, once started.
    pub plan: Option<crate::ipus::PlanSummary>,
    pub deadlines: Option<Deadlines>,
    /// Some service still awaits a decision: the KPA deadline runs.
    pub awaiting: bool,
    /// The centre's setting: a request on the waiting list keeps the deadline running.
    pub waiting_keeps_deadline: bool,
    /// Other open cases of the same PESEL (case numbers and ids).
    pub same_pesel: Vec<(String, String)>,
    /// Coordinators the case may be assigned to (id, name).
    pub coordinators: Vec<(String, String)>,
    pub today: NaiveDate,
    /// What the viewer may do here.
    pub may_assign_others: bool,
    pub may_act: bool,
}

/// Who coordinates a case and how it proceeds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handling {
    pub coordinator_id: Option<String>,
    pub coordinator: Option<String>,
    pub path: Option<CasePath>,
    pub complicated: bool,
    /// The day the deadlines count from; None for a draft.
    pub registered_on: Option<NaiveDate>,
    /// Some service still awaits a decision: the KPA deadline runs.
    pub awaiting: bool,
}

pub use crate::case_file::model::Capacity;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacity_fits_up_to_the_limit() {
        let capacity = Capacity {
            kind: crate::programme::LimitKind::Places,
            limit: 3,
            used: 2,
            waiting: 0,
        };
        assert!(capacity.fits(1));
        assert!(!capacity.fits(2));
        assert_eq!(capacity.remaining(), 1);
        let over = Capacity {
            used: 5,
            ..capacity
        };
        assert_eq!(
            over.remaining(),
            0,
            "a lowered limit never shows a negative remainder"
        );
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_decision_is_due_a_month_later_or_on_the_months_last_day() {
        assert_eq!(decision_due(day("2026-03-15"), false), day("2026-04-15"));
        // 28 February 2026 is a Saturday: the deadline ends on Monday (art. 57 § 4).
        assert_eq!(decision_due(day("2026-01-31"), false), day("2026-03-02"));
        assert_eq!(decision_due(day("2028-01-31"), false), day("2028-02-29"));
        // 28 February 2027 is a Sunday.
        assert_eq!(decision_due(day("2026-12-31"), true), day("2027-03-01"));
        // 11 November (Independence Day) is a holiday; 1 November 2026 a Sunday and a holiday.
        assert_eq!(decision_due(day("2026-10-11"), false), day("2026-11-12"));
        assert_eq!(decision_due(day("2026-10-01"), false), day("2026-11-02"));
        // 28 March 2027 is Easter Sunday, the 29th Easter Monday.
        assert_eq!(decision_due(day("2027-02-28"), false), day("2027-03-30"));
    }

    #[test]
    fn the_clock_counts_days_and_the_plan_limit() {
        let clock = Deadlines::new(day("2026-11-01"), false, day("2026-11-23"));
        assert_eq!(clock.days_since, 22);
        assert_eq!(clock.plan_due, day("2026-12-01"));
        assert_eq!(clock.decision_due, day("2026-12-01"));
        assert_eq!(
            Deadlines::state(clock.plan_due, day("2026-11-23")),
            DeadlineState::OnTime
        );
        assert_eq!(
            Deadlines::state(clock.plan_due, day("2026-11-24")),
            DeadlineState::DueSoon
        );
        assert_eq!(
            Deadlines::state(clock.plan_due, day("2026-12-01")),
            DeadlineState::DueSoon
        );
        assert_eq!(
            Deadlines::state(clock.plan_due, day("2026-12-02")),
            DeadlineState::Overdue
        );
    }

    #[test]
    fn page_links_keep_the_filters() {
        let query = InboxQuery {
            q: "Kowalska Zofia".into(),
            deadline: "overdue".into(),
            ..InboxQuery::default()
        };
        assert_eq!(
            query.with_page(2),
            "?q=Kowalska+Zofia&deadline=overdue&page=2"
        );
    }
}
