//! A plan and its versions, as the pages and the store share them.

use super::rules::{PlanContent, VersionState};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One version of a plan as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanVersion {
    pub version: u32,
    pub state: VersionState,
    pub content: PlanContent,
    pub agreed_on: Option<NaiveDate>,
    pub delay_reason: String,
    /// Who last saved it.
    pub drafted_by: String,
    pub updated_at: DateTime<Utc>,
    pub submitted_by: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub comments: String,
}

/// A plan with every version, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub id: String,
    pub application_id: String,
    pub number: String,
    pub coordinator_id: String,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub versions: Vec<PlanVersion>,
}

impl Plan {
    /// The version in force: the last approved one.
    pub fn approved(&self) -> Option<&PlanVersion> {
        self.versions
            .iter()
            .rev()
            .find(|v| v.state == VersionState::Approved)
    }

    /// The version in force while the plan runs: approved and not closed.
    pub fn running(&self) -> Option<&PlanVersion> {
        self.approved().filter(|_| self.closed_at.is_none())
    }

    /// The version being worked on or awaiting approval, if any.
    pub fn pending(&self) -> Option<&PlanVersion> {
        self.versions
            .last()
            .filter(|v| matches!(v.state, VersionState::Draft | VersionState::Submitted))
    }
}

/// A plan as its case page shows it: the number and where its last version stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub id: String,
    pub number: String,
    pub version: u32,
    pub state: VersionState,
}

/// Where version `version` of case `case_id`'s plan is printed.
pub fn plan_pdf_href(case_id: &str, version: u32) -> String {
    format!("/wnioski/{case_id}/plan/{version}.pdf")
}
