//! The data protection officer's register of data-subject requests (RODO art. 15–22): what was
//! asked, by whom, when it came in and the deadline — one month (art. 12 ust. 3) — and how it
//! ended. Corrections asked for (art. 16) are tracked here too.

use crate::domain::coded::coded_enum;
use crate::domain::label::labels;
use crate::error::AppError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

coded_enum! {
    /// What the person asked for.
    RequestKind {
        /// A copy of their data (art. 15).
        Access = "access",
        /// Their data corrected (art. 16).
        Rectification = "rectification",
        /// Their data erased (art. 17).
        Erasure = "erasure",
        /// Processing restricted (art. 18).
        Restriction = "restriction",
        /// Their data in a portable form (art. 20).
        Portability = "portability",
        /// An objection to processing (art. 21).
        Objection = "objection",
    }
}

labels!(RequestKind, privacy {
    Access => kind_access,
    Rectification => kind_rectification,
    Erasure => kind_erasure,
    Restriction => kind_restriction,
    Portability => kind_portability,
    Objection => kind_objection,
});

/// One request in the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataRequest {
    pub id: String,
    pub kind: RequestKind,
    /// Who asked, as the officer describes them (name, PESEL, e-mail).
    pub subject: String,
    pub received_on: NaiveDate,
    /// One month after `received_on` (art. 12 ust. 3).
    pub due_on: NaiveDate,
    pub notes: String,
    /// How it ended, once closed.
    pub outcome: Option<String>,
    pub closed_on: Option<NaiveDate>,
}

/// The register as the officer's page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestRegister {
    pub requests: Vec<DataRequest>,
    pub today: NaiveDate,
}

/// Longest description of the person and of the notes kept.
const MAX_SUBJECT: usize = 200;
const MAX_NOTES: usize = 4_000;

/// The deadline of a request received on `day`: the same day a month later, or the month's
/// last day when that month is shorter.
pub fn due_on(day: NaiveDate) -> NaiveDate {
    day.checked_add_months(chrono::Months::new(1))
        .unwrap_or(day)
}

/// A request as typed, checked: a known kind, someone named, a day not in the future.
pub fn check_request(
    kind: &str,
    subject: &str,
    received_on: &str,
    notes: &str,
    today: NaiveDate,
) -> Result<(RequestKind, String, NaiveDate, String), AppError> {
    let mut errors = crate::error::FieldErrors::new();
    let kind = RequestKind::from_code(kind);
    if kind.is_none() {
        errors.insert("kind".into(), "choose_one".into());
    }
    let subject = subject.trim();
    if subject.is_empty() || subject.chars().count() > MAX_SUBJECT {
        errors.insert("subject".into(), "required".into());
    }
    let day = NaiveDate::parse_from_str(received_on.trim(), "%Y-%m-%d").ok();
    match day {
        None => {
            errors.insert("received_on".into(), "date_invalid".into());
        }
        Some(day) if day > today => {
            errors.insert("received_on".into(), "date_in_future".into());
        }
        Some(_) => {}
    }
    if notes.chars().count() > MAX_NOTES {
        errors.insert("notes".into(), "too_long".into());
    }
    match (kind, day) {
        (Some(kind), Some(day)) if errors.is_empty() => {
            Ok((kind, subject.to_owned(), day, notes.trim().to_owned()))
        }
        _ => Err(AppError::Invalid(errors)),
    }
}

/// The register, newest first (the officer).
#[leptos::server(prefix = "/api", endpoint = "data_requests")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn data_requests() -> Result<RequestRegister, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ReadAuditLog).await?;
    let requests = access.state.store.data_requests().await?;
    let event = crate::audit::AuditEvent {
        record_type: Some("data_request".into()),
        purpose: Some("data_subject_requests".into()),
        ..access.event(crate::audit::AuditAction::Read)
    };
    access.record(&event).await?;
    Ok(RequestRegister {
        requests,
        today: crate::domain::warsaw_date(access.state.clock.now()),
    })
}

/// Records a request received (the same request sent twice is kept once).
#[leptos::server(prefix = "/api", endpoint = "record_data_request")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn record_data_request(
    kind: String,
    subject: String,
    received_on: String,
    #[server(default)] notes: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ReadAuditLog).await?;
    let today = crate::domain::warsaw_date(access.state.clock.now());
    let (kind, subject, day, notes) = check_request(&kind, &subject, &received_on, &notes, today)?;
    let id = access
        .state
        .store
        .record_data_request(kind, &subject, day, &notes, access.state.clock.now())
        .await?;
    let event = crate::audit::AuditEvent {
        record_type: Some("data_request".into()),
        record_id: Some(id),
        purpose: Some("data_subject_requests".into()),
        ..access.event(crate::audit::AuditAction::Create)
    };
    access.record(&event).await
}

/// Closes a request with how it ended.
#[leptos::server(prefix = "/api", endpoint = "close_data_request")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn close_data_request(id: String, outcome: String) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ReadAuditLog).await?;
    let outcome = outcome.trim();
    if outcome.is_empty() || outcome.chars().count() > MAX_NOTES {
        return Err(AppError::invalid(&format!("outcome-{id}"), "required"));
    }
    let today = crate::domain::warsaw_date(access.state.clock.now());
    if !access
        .state
        .store
        .close_data_request(&id, outcome, today)
        .await?
    {
        return Err(AppError::NotFound);
    }
    let event = crate::audit::AuditEvent {
        record_type: Some("data_request".into()),
        record_id: Some(id),
        purpose: Some("data_subject_requests".into()),
        ..access.event(crate::audit::AuditAction::Update)
    };
    access.record(&event).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_deadline_is_one_month_later() {
        assert_eq!(due_on(day("2026-12-06")), day("2027-01-06"));
        assert_eq!(due_on(day("2027-01-31")), day("2027-02-28"));
        assert_eq!(due_on(day("2028-01-31")), day("2028-02-29"));
    }

    #[test]
    fn a_request_needs_a_kind_a_person_and_a_past_day() {
        let today = day("2026-12-06");
        let ok = check_request("access", " Halina Kowalska ", "2026-12-01", "", today).unwrap();
        assert_eq!(ok.0, RequestKind::Access);
        assert_eq!(ok.1, "Halina Kowalska");
        let Err(AppError::Invalid(errors)) = check_request("x", "", "2026-12-07", "", today) else {
            panic!("invalid request accepted");
        };
        assert_eq!(errors["kind"], "choose_one");
        assert_eq!(errors["subject"], "required");
        assert_eq!(errors["received_on"], "date_in_future");
        let Err(AppError::Invalid(errors)) = check_request("access", "A", "jutro", "", today)
        else {
            panic!("a word accepted as a date");
        };
        assert_eq!(errors["received_on"], "date_invalid");
    }
}
