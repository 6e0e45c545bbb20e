//! What happened (stages 5 and 6): the organiser records who came to an activity — registered
//! people and walk-ins, as counts, never a list of names — its outcome for a goal counted by
//! hand and a short evaluation, and evaluates the community's stage. The plan's goals move
//! with it (`plan::GoalProgress`).

use super::forms::check_optional_count;
use crate::error::{AppError, FieldErrors};
use crate::forms::check_text;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Most people an activity can count.
const MAX_PEOPLE: u32 = 100_000;

/// What the attendance form records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAttendance {
    pub attended: u32,
    pub walk_ins: u32,
    pub outcome: Option<u32>,
    pub evaluation: String,
}

/// The attendance form's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AttendanceForm {
    pub attended: String,
    pub walk_ins: String,
    pub outcome: String,
    pub evaluation: String,
}

impl AttendanceForm {
    /// The counts of an activity that has begun by `now` (`starts_at`); registered people who
    /// came cannot outnumber those `registered`.
    pub fn parse(
        &self,
        starts_at: DateTime<Utc>,
        registered: u32,
        now: DateTime<Utc>,
    ) -> Result<NewAttendance, AppError> {
        let mut errors = FieldErrors::new();
        let attended = check_optional_count(&mut errors, "attended", &self.attended, MAX_PEOPLE);
        if attended.is_none() && !errors.contains_key("attended") {
            errors.insert("attended".into(), "required".into());
        }
        if attended.is_some_and(|n| n > registered) {
            errors.insert("attended".into(), "more_than_registered".into());
        }
        let walk_ins = check_optional_count(&mut errors, "walk_ins", &self.walk_ins, MAX_PEOPLE);
        let outcome = check_optional_count(&mut errors, "outcome", &self.outcome, MAX_PEOPLE);
        let evaluation = check_text(&mut errors, "evaluation", &self.evaluation, false);
        if starts_at > now {
            errors.insert("attended".into(), "activity_not_held".into());
        }
        match errors.is_empty() {
            true => Ok(NewAttendance {
                attended: attended.unwrap_or(0),
                walk_ins: walk_ins.unwrap_or(0),
                outcome,
                evaluation,
            }),
            false => Err(AppError::Invalid(errors)),
        }
    }
}

#[server(prefix = "/api", endpoint = "record_attendance")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn record_attendance(activity: String, input: AttendanceForm) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::OrganiseCommunity).await?;
    let by = access.signed_in()?.id.clone();
    let store = &access.state.store;
    let now = access.state.clock.now();
    let held = store.activity(&activity).await?;
    let attendance = input.parse(held.starts_at, held.registered, now)?;
    store
        .record_attendance(&activity, &attendance, &by, now)
        .await?;
    crate::community::trail::audit(
        &access,
        "community_activity",
        &activity,
        crate::audit::AuditAction::Update,
    )
    .await?;
    leptos_axum::redirect(&format!("/pracownik/wydarzenia/{activity}?frekwencja=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "record_stage_evaluation")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn record_stage_evaluation(
    community: String,
    #[server(default)] evaluation: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::OrganiseCommunity).await?;
    let by = access.signed_in()?.id.clone();
    let mut errors = FieldErrors::new();
    let text = check_text(&mut errors, "stage_evaluation", &evaluation, true);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let store = &access.state.store;
    let stage = store.community(&community).await?.stage;
    store
        .insert_evaluation(&community, stage, &text, &by, access.state.clock.now())
        .await?;
    crate::community::trail::audit(
        &access,
        "community",
        &community,
        crate::audit::AuditAction::Update,
    )
    .await?;
    leptos_axum::redirect(&format!("/pracownik/spolecznosci/{community}?ocena=1"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn attendance_is_counted_after_the_start_within_the_registered() {
        let start = at("2026-05-10T15:00:00Z");
        let form = AttendanceForm {
            attended: "8".into(),
            walk_ins: "3".into(),
            ..Default::default()
        };
        let attendance = form
            .parse(start, 10, at("2026-05-10T18:00:00Z"))
            .expect("a held activity");
        assert_eq!((attendance.attended, attendance.walk_ins), (8, 3));
        assert_eq!(attendance.outcome, None);
        let Err(AppError::Invalid(errors)) = form.parse(start, 5, at("2026-05-10T18:00:00Z"))
        else {
            panic!("more came than registered");
        };
        assert_eq!(errors["attended"], "more_than_registered");
        let Err(AppError::Invalid(errors)) = form.parse(start, 10, at("2026-05-09T18:00:00Z"))
        else {
            panic!("attendance before the activity");
        };
        assert_eq!(errors["attended"], "activity_not_held");
        let Err(AppError::Invalid(errors)) =
            AttendanceForm::default().parse(start, 10, at("2026-05-11T00:00:00Z"))
        else {
            panic!("no count");
        };
        assert_eq!(errors["attended"], "required");
    }
}
