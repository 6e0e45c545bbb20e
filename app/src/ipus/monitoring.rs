//! Monitoring and closing a plan (art. 45): entries while it runs — contacts, home visits,
//! quality checks, the use of the granted services, each possibly flagging a problem —, the
//! closing (section F: the summary conversation, the course and the results, or a resignation
//! with its reason) and the follow-up six months after the end (section G).

use super::rules::PlanPeriod;
use crate::domain::coded::coded_enum;
use crate::domain::label::labels;
use crate::error::{AppError, FieldErrors};
use crate::forms::{check_past_day, check_text};
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

coded_enum! {
    /// What a monitoring entry records.
    EntryKind {
        Phone = "phone",
        HomeVisit = "home_visit",
        ProviderContact = "provider_contact",
        QualityCheck = "quality_check",
        UseOfServices = "use_of_services",
    }
}

labels!(EntryKind, plans {
    Phone => kind_phone,
    HomeVisit => kind_home_visit,
    ProviderContact => kind_provider_contact,
    QualityCheck => kind_quality_check,
    UseOfServices => kind_use_of_services,
});

/// A monitoring entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanEntry {
    pub id: String,
    pub happened_on: NaiveDate,
    pub kind: EntryKind,
    pub body: String,
    pub problem: bool,
    pub author: String,
    pub created_at: DateTime<Utc>,
}

/// A closed plan: section F and the follow-up of section G.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    pub ended_on: NaiveDate,
    /// Why the person resigned, when the plan ended early on resignation; empty otherwise.
    pub resignation: String,
    pub conversation_on: Option<NaiveDate>,
    pub course: String,
    pub results: String,
    pub follow_up_due: NaiveDate,
    pub follow_up_on: Option<NaiveDate>,
    pub follow_up_findings: String,
}

/// The day of the last quality check among `entries`.
pub fn last_quality_check(entries: &[PlanEntry]) -> Option<NaiveDate> {
    entries
        .iter()
        .filter(|e| e.kind == EntryKind::QualityCheck)
        .map(|e| e.happened_on)
        .max()
}

/// The day the next quality check is due: as often as the plan says after the last one, or
/// after the plan's start when there was none.
pub fn quality_check_due(
    last_check: Option<NaiveDate>,
    start: NaiveDate,
    frequency: super::rules::CheckFrequency,
) -> NaiveDate {
    frequency.next_after(last_check.unwrap_or(start))
}

/// A monitoring entry as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EntryForm {
    pub happened_on: String,
    pub kind: String,
    pub body: String,
    /// "on" when ticked.
    pub problem: String,
}

impl EntryForm {
    /// The entry (without id and author), or the errors by field.
    pub fn check(&self, today: NaiveDate) -> Result<PlanEntry, FieldErrors> {
        let mut errors = FieldErrors::new();
        let happened_on = check_past_day(&mut errors, "happened_on", &self.happened_on, today);
        let kind = EntryKind::from_code(self.kind.trim());
        if kind.is_none() {
            errors.insert("kind".into(), "choose_one".into());
        }
        let body = check_text(&mut errors, "body", &self.body, true);
        match (happened_on, kind) {
            (Some(happened_on), Some(kind)) if errors.is_empty() => Ok(PlanEntry {
                id: String::new(),
                happened_on,
                kind,
                body,
                problem: !self.problem.is_empty(),
                author: String::new(),
                created_at: DateTime::<Utc>::MIN_UTC,
            }),
            _ => Err(errors),
        }
    }
}

/// The closing as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClosingForm {
    pub ended_on: String,
    /// "completed" or "resignation".
    pub reason: String,
    pub resignation: String,
    pub conversation_on: String,
    pub course: String,
    pub results: String,
}

impl ClosingForm {
    /// The closure of a plan over `period`, or the errors by field. A plan that ran its course
    /// needs the summary conversation; a resignation needs its reason and may come before the
    /// start. The follow-up is due six
    /// months after the end — the day it ended, when that came before the planned end.
    pub fn check(&self, period: PlanPeriod, today: NaiveDate) -> Result<Closure, FieldErrors> {
        let mut errors = FieldErrors::new();
        let ended_on = check_past_day(&mut errors, "ended_on", &self.ended_on, today);
        let resigned = match self.reason.trim() {
            "completed" => Some(false),
            "resignation" => Some(true),
            _ => {
                errors.insert("reason".into(), "choose_one".into());
                None
            }
        };
        // Only a resignation ends a plan before it started.
        if resigned == Some(false) && ended_on.is_some_and(|day| day < period.start) {
            errors.insert("ended_on".into(), "period_order".into());
        }
        let resignation = check_text(
            &mut errors,
            "resignation",
            &self.resignation,
            resigned == Some(true),
        );
        let conversation_on = match (self.conversation_on.trim(), resigned) {
            ("", Some(false)) => {
                errors.insert("conversation_on".into(), "required".into());
                None
            }
            ("", _) => None,
            (text, _) => check_past_day(&mut errors, "conversation_on", text, today),
        };
        let course = check_text(&mut errors, "course", &self.course, true);
        let results = check_text(&mut errors, "results", &self.results, true);
        match (ended_on, resigned) {
            (Some(ended_on), Some(resigned)) if errors.is_empty() => {
                let end = ended_on.min(period.end);
                Ok(Closure {
                    ended_on,
                    resignation: if resigned { resignation } else { String::new() },
                    conversation_on,
                    course,
                    results,
                    follow_up_due: PlanPeriod {
                        start: period.start,
                        end,
                    }
                    .follow_up_due(),
                    follow_up_on: None,
                    follow_up_findings: String::new(),
                })
            }
            _ => Err(errors),
        }
    }
}

/// The follow-up (section G) as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FollowUpForm {
    pub held_on: String,
    pub findings: String,
}

impl FollowUpForm {
    /// The day and findings of the follow-up due on `due`; it is not held before then.
    pub fn check(
        &self,
        due: NaiveDate,
        today: NaiveDate,
    ) -> Result<(NaiveDate, String), FieldErrors> {
        let mut errors = FieldErrors::new();
        let held_on = check_past_day(&mut errors, "held_on", &self.held_on, today);
        if held_on.is_some_and(|day| day < due) {
            errors.insert("held_on".into(), "follow_up_too_early".into());
        }
        let findings = check_text(&mut errors, "findings", &self.findings, true);
        match held_on {
            Some(held_on) if errors.is_empty() => Ok((held_on, findings)),
            _ => Err(errors),
        }
    }
}

/// Records a monitoring entry of the running plan `id`.
#[server(prefix = "/api", endpoint = "add_plan_entry")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn add_plan_entry(id: String, form: EntryForm) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::QualifyAndPlan).await?;
    server::add_entry(&access, &id, &form).await
}

/// Closes the plan `id` (section F).
#[server(prefix = "/api", endpoint = "close_plan")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn close_plan(id: String, form: ClosingForm) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::QualifyAndPlan).await?;
    server::close(&access, &id, &form).await
}

/// Records the follow-up of the closed plan `id` (section G).
#[server(prefix = "/api", endpoint = "record_follow_up")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn record_follow_up(id: String, form: FollowUpForm) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::QualifyAndPlan).await?;
    server::follow_up(&access, &id, &form).await
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::cases::handling::server::audit_change as audit_plan;
    use crate::gate::Access;
    use crate::ipus::plans::server::{plan_to_act, plan_to_edit};
    use crate::store::StoreError;

    fn today(access: &Access) -> NaiveDate {
        crate::domain::warsaw_date(access.state.clock.now())
    }

    pub async fn add_entry(access: &Access, id: &str, form: &EntryForm) -> Result<(), AppError> {
        let user = access.signed_in()?;
        let (plan, application, _) = plan_to_edit(access, id).await?;
        if plan.running().is_none() {
            return Err(AppError::invalid("form", "plan_not_running"));
        }
        let entry = form.check(today(access)).map_err(AppError::Invalid)?;
        let now = access.state.clock.now();
        access
            .state
            .store
            .add_plan_entry(id, &entry, &user.id, now)
            .await?;
        audit_plan(access, &application, "plan_monitoring").await
    }

    pub async fn close(access: &Access, id: &str, form: &ClosingForm) -> Result<(), AppError> {
        let user = access.signed_in()?;
        let (plan, application, _) = plan_to_act(access, id).await?;
        let period = plan
            .approved()
            .map(|v| v.content.period)
            .ok_or_else(|| AppError::invalid("form", "plan_not_running"))?;
        if plan
            .pending()
            .is_some_and(|v| v.state == crate::ipus::VersionState::Submitted)
        {
            return Err(AppError::invalid("form", "plan_pending_approval"));
        }
        let closure = form
            .check(period, today(access))
            .map_err(AppError::Invalid)?;
        let now = access.state.clock.now();
        let promotions = match access
            .state
            .store
            .close_plan(id, &closure, &user.id, now)
            .await
        {
            // Closed already (a double submit): nothing more to do. A closed plan is read here so
            // that the second submit answers like the first.
            Err(StoreError::Conflict) => return Ok(()),
            other => other?,
        };
        audit_plan(access, &application, "plan_closed").await?;
        crate::cases::qualification::server::tell_promoted(access, &promotions).await
    }

    pub async fn follow_up(access: &Access, id: &str, form: &FollowUpForm) -> Result<(), AppError> {
        let user = access.signed_in()?;
        let (_, application, _) = plan_to_act(access, id).await?;
        let store = &access.state.store;
        let closure = store
            .plan_closure(id)
            .await?
            .ok_or_else(|| AppError::invalid("findings", "plan_not_closed"))?;
        let (held_on, findings) = form
            .check(closure.follow_up_due, today(access))
            .map_err(AppError::Invalid)?;
        store
            .record_follow_up(id, held_on, &findings, &user.id)
            .await?;
        audit_plan(access, &application, "plan_follow_up").await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn period() -> PlanPeriod {
        PlanPeriod::new(day(2026, 12, 1), day(2027, 5, 31)).unwrap()
    }

    fn entry(kind: EntryKind, on: NaiveDate) -> PlanEntry {
        PlanEntry {
            id: String::new(),
            happened_on: on,
            kind,
            body: "x".into(),
            problem: false,
            author: String::new(),
            created_at: DateTime::<Utc>::MIN_UTC,
        }
    }

    #[test]
    fn a_quality_check_is_due_as_often_as_the_plan_says_after_the_last() {
        use crate::ipus::rules::{CheckFrequency, FrequencyUnit};
        let every = |every, unit| CheckFrequency { every, unit };
        let start = day(2026, 12, 1);
        let legacy = CheckFrequency::default();
        assert_eq!(
            quality_check_due(None, start, legacy),
            day(2026, 12, 31),
            "30 days before"
        );
        let entries = [
            entry(EntryKind::QualityCheck, day(2027, 1, 10)),
            entry(EntryKind::HomeVisit, day(2027, 2, 1)),
            entry(EntryKind::QualityCheck, day(2026, 12, 20)),
        ];
        let last = last_quality_check(&entries);
        assert_eq!(quality_check_due(last, start, legacy), day(2027, 2, 9));
        let monthly = every(1, FrequencyUnit::Months);
        assert_eq!(quality_check_due(None, start, monthly), day(2027, 1, 1));
        assert_eq!(quality_check_due(last, start, monthly), day(2027, 2, 10));
        let fortnightly = every(2, FrequencyUnit::Weeks);
        assert_eq!(
            quality_check_due(last, start, fortnightly),
            day(2027, 1, 24)
        );
        let end_of_month = day(2027, 1, 31);
        assert_eq!(
            quality_check_due(None, end_of_month, monthly),
            day(2027, 2, 28),
            "the month's last day when it has no 31st"
        );
        assert_eq!(
            quality_check_due(None, start, every(10, FrequencyUnit::Days)),
            day(2026, 12, 11)
        );
    }

    #[test]
    fn an_entry_needs_its_day_kind_and_text() {
        let today = day(2027, 1, 15);
        let form = EntryForm {
            happened_on: "2027-01-14".into(),
            kind: "home_visit".into(),
            body: "Wizyta: usługi realizowane zgodnie z harmonogramem".into(),
            problem: "on".into(),
        };
        let entry = form.check(today).unwrap();
        assert_eq!(entry.kind, EntryKind::HomeVisit);
        assert!(entry.problem);
        let errors = EntryForm {
            happened_on: "2027-01-16".into(),
            ..Default::default()
        }
        .check(today)
        .unwrap_err();
        assert_eq!(errors["happened_on"], "date_in_future");
        assert_eq!(errors["kind"], "choose_one");
        assert_eq!(errors["body"], "required");
    }

    fn closing() -> ClosingForm {
        ClosingForm {
            ended_on: "2027-05-31".into(),
            reason: "completed".into(),
            resignation: String::new(),
            conversation_on: "2027-05-28".into(),
            course: "Usługi realizowano zgodnie z planem".into(),
            results: "Osoba samodzielnie funkcjonuje w domu".into(),
        }
    }

    #[test]
    fn a_completed_plan_needs_the_summary_conversation() {
        let today = day(2027, 6, 2);
        let closure = closing().check(period(), today).unwrap();
        assert_eq!(closure.follow_up_due, day(2027, 11, 30));
        assert!(closure.resignation.is_empty());
        let errors = ClosingForm {
            conversation_on: String::new(),
            course: " ".into(),
            ..closing()
        }
        .check(period(), today)
        .unwrap_err();
        assert_eq!(errors["conversation_on"], "required");
        assert_eq!(errors["course"], "required");
    }

    #[test]
    fn a_resignation_ends_the_plan_early_with_its_reason() {
        let today = day(2027, 2, 20);
        let early = ClosingForm {
            ended_on: "2027-02-15".into(),
            reason: "resignation".into(),
            conversation_on: String::new(),
            ..closing()
        };
        let errors = early.clone().check(period(), today).unwrap_err();
        assert_eq!(errors["resignation"], "required");
        let closure = ClosingForm {
            resignation: "Przeprowadzka do córki".into(),
            ..early
        }
        .check(period(), today)
        .unwrap();
        assert_eq!(
            closure.follow_up_due,
            day(2027, 8, 15),
            "six months after the early end"
        );
        let before = ClosingForm {
            ended_on: "2026-11-30".into(),
            ..closing()
        };
        let errors = before.check(period(), today).unwrap_err();
        assert_eq!(errors["ended_on"], "period_order");
    }

    #[test]
    fn the_follow_up_is_held_from_its_due_day() {
        let due = day(2027, 11, 30);
        let form = FollowUpForm {
            held_on: "2027-11-29".into(),
            findings: "Osoba radzi sobie samodzielnie".into(),
        };
        let errors = form.check(due, day(2027, 12, 1)).unwrap_err();
        assert_eq!(errors["held_on"], "follow_up_too_early");
        let on_time = FollowUpForm {
            held_on: "2027-11-30".into(),
            ..form
        };
        assert_eq!(on_time.check(due, day(2027, 12, 1)).unwrap().0, due);
    }
}
