//! The coordinators' meetings (`/pracownik/spotkania-koordynatorow`): the services organiser
//! meets the plan coordinators at least every three months, with providers invited when
//! needed, and records the day, the agenda, who attended and the minutes.

use super::rules::add_months;
use crate::error::{AppError, FieldErrors};
use crate::forms::{check_past_day, check_text};
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The next meeting is due this many months after the last one.
pub const MEETING_MONTHS: u32 = 3;

/// A recorded meeting, with the names of who attended and which providers were invited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: String,
    pub held_on: NaiveDate,
    pub agenda: String,
    pub minutes: String,
    pub attendees: Vec<String>,
    pub providers: Vec<String>,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

/// A meeting as checked, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMeeting {
    pub held_on: NaiveDate,
    pub agenda: String,
    pub minutes: String,
    pub attendee_ids: Vec<String>,
    pub provider_ids: Vec<String>,
}

/// The meeting form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeetingForm {
    pub held_on: String,
    pub agenda: String,
    pub minutes: String,
    pub attendee_ids: Vec<String>,
    pub provider_ids: Vec<String>,
}

/// Who may be ticked on the form: (id, name) of staff and of providers.
pub struct MeetingChoices<'a> {
    pub staff: &'a [(String, String)],
    pub providers: &'a [(String, String)],
}

fn known(ids: &[String], choices: &[(String, String)]) -> bool {
    ids.iter()
        .all(|id| choices.iter().any(|(known, _)| known == id))
}

impl MeetingForm {
    /// The meeting, or the errors by field: a day that has come, an agenda, the minutes, at
    /// least one attendee, and only people and providers the form offered.
    pub fn check(
        &self,
        today: NaiveDate,
        choices: MeetingChoices<'_>,
    ) -> Result<NewMeeting, FieldErrors> {
        let mut errors = FieldErrors::new();
        let held_on = check_past_day(&mut errors, "held_on", &self.held_on, today);
        let agenda = check_text(&mut errors, "agenda", &self.agenda, true);
        let minutes = check_text(&mut errors, "minutes", &self.minutes, true);
        if self.attendee_ids.is_empty() {
            errors.insert("attendee_ids".into(), "attendees_required".into());
        } else if !known(&self.attendee_ids, choices.staff) {
            errors.insert("attendee_ids".into(), "choose_one".into());
        }
        if !known(&self.provider_ids, choices.providers) {
            errors.insert("provider_ids".into(), "choose_one".into());
        }
        let distinct = |ids: &[String]| {
            let mut ids = ids.to_vec();
            ids.sort();
            ids.dedup();
            ids
        };
        match held_on {
            Some(held_on) if errors.is_empty() => Ok(NewMeeting {
                held_on,
                agenda,
                minutes,
                attendee_ids: distinct(&self.attendee_ids),
                provider_ids: distinct(&self.provider_ids),
            }),
            _ => Err(errors),
        }
    }
}

/// The day the next meeting is due: three months after the last, or today when none was held.
pub fn next_meeting_due(last: Option<NaiveDate>, today: NaiveDate) -> NaiveDate {
    last.map_or(today, |day| add_months(day, MEETING_MONTHS))
}

/// The meetings page: the records, newest first, and what the form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meetings {
    pub meetings: Vec<Meeting>,
    pub next_due: NaiveDate,
    pub today: NaiveDate,
    /// The form is shown to the services organiser and the director only.
    pub may_record: bool,
    pub staff: Vec<(String, String)>,
    pub providers: Vec<(String, String)>,
}

#[server(prefix = "/api", endpoint = "coordinator_meetings")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn coordinator_meetings() -> Result<Meetings, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ReadMeetings).await?;
    server::meetings(&access).await
}

/// Records a coordinators' meeting; the same record sent twice is kept once.
#[server(prefix = "/api", endpoint = "record_coordinator_meeting")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn record_coordinator_meeting(form: MeetingForm) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::AssignCases).await?;
    server::record(&access, &form).await
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::audit::{AuditAction, AuditEvent};
    use crate::domain::Role;
    use crate::gate::{Access, Permission};

    /// Who may attend: the plans team, the centre's management and the community organiser
    /// (everyone who reads the records).
    const ATTENDING: [Role; 6] = [
        Role::PlanCoordinator,
        Role::ServicesOrganiser,
        Role::Director,
        Role::DeputyDirector,
        Role::SocialWorker,
        Role::CommunityOrganiser,
    ];

    fn event(access: &Access, action: AuditAction) -> AuditEvent {
        AuditEvent {
            record_type: Some("coordinator_meeting".into()),
            purpose: Some("plan_monitoring".into()),
            ..access.event(action)
        }
    }

    async fn choices(
        access: &Access,
    ) -> Result<(Vec<(String, String)>, Vec<(String, String)>), AppError> {
        let store = &access.state.store;
        let staff = store.staff_with_roles(&ATTENDING).await?;
        let providers = store
            .providers()
            .await?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect();
        Ok((staff, providers))
    }

    pub async fn meetings(access: &Access) -> Result<Meetings, AppError> {
        let user = access.signed_in()?;
        let meetings = access.state.store.coordinator_meetings().await?;
        access.record(&event(access, AuditAction::Read)).await?;
        let today = crate::domain::warsaw_date(access.state.clock.now());
        let may_record = Permission::AssignCases.allowed_for(&user.roles);
        // The form's choices, for those who see the form.
        let (staff, providers) = if may_record {
            choices(access).await?
        } else {
            Default::default()
        };
        Ok(Meetings {
            next_due: next_meeting_due(meetings.first().map(|m| m.held_on), today),
            meetings,
            today,
            may_record,
            staff,
            providers,
        })
    }

    pub async fn record(access: &Access, form: &MeetingForm) -> Result<(), AppError> {
        let user = access.signed_in()?;
        let (staff, providers) = choices(access).await?;
        let now = access.state.clock.now();
        let today = crate::domain::warsaw_date(now);
        let choices = MeetingChoices {
            staff: &staff,
            providers: &providers,
        };
        let meeting = form.check(today, choices).map_err(AppError::Invalid)?;
        let id = access
            .state
            .store
            .record_coordinator_meeting(&meeting, &user.id, now)
            .await?;
        let created = AuditEvent {
            record_id: Some(id),
            ..event(access, AuditAction::Create)
        };
        access.record(&created).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn pairs(ids: &[&str]) -> Vec<(String, String)> {
        ids.iter()
            .map(|id| (id.to_string(), id.to_uppercase()))
            .collect()
    }

    #[test]
    fn a_meeting_needs_its_day_agenda_minutes_and_attendees() {
        let today = day(2026, 11, 24);
        let (staff, providers) = (pairs(&["k1", "k2"]), pairs(&["p1"]));
        let choices = || MeetingChoices {
            staff: &staff,
            providers: &providers,
        };
        let form = MeetingForm {
            held_on: "2026-11-20".into(),
            agenda: " Przegląd planów ".into(),
            minutes: "Omówiono 4 plany.".into(),
            attendee_ids: vec!["k2".into(), "k1".into(), "k2".into()],
            provider_ids: vec!["p1".into()],
        };
        let meeting = form.check(today, choices()).unwrap();
        assert_eq!(meeting.held_on, day(2026, 11, 20));
        assert_eq!(meeting.agenda, "Przegląd planów");
        assert_eq!(meeting.attendee_ids, ["k1", "k2"], "each once");
        assert_eq!(meeting.provider_ids, ["p1"]);

        let empty = MeetingForm {
            held_on: "2026-11-25".into(),
            ..MeetingForm::default()
        };
        let errors = empty.check(today, choices()).unwrap_err();
        let keys: Vec<(&str, &str)> = errors
            .iter()
            .map(|(f, k)| (f.as_str(), k.as_str()))
            .collect();
        assert_eq!(
            keys,
            [
                ("agenda", "required"),
                ("attendee_ids", "attendees_required"),
                ("held_on", "date_in_future"),
                ("minutes", "required"),
            ]
        );

        let stranger = MeetingForm {
            attendee_ids: vec!["x".into()],
            provider_ids: vec!["y".into()],
            ..form
        };
        let errors = stranger.check(today, choices()).unwrap_err();
        assert_eq!(errors.get("attendee_ids").unwrap(), "choose_one");
        assert_eq!(errors.get("provider_ids").unwrap(), "choose_one");
    }

    #[test]
    fn the_next_meeting_is_due_three_months_after_the_last() {
        let today = day(2026, 11, 24);
        assert_eq!(next_meeting_due(None, today), today);
        assert_eq!(
            next_meeting_due(Some(day(2026, 8, 31)), today),
            day(2026, 11, 30)
        );
    }
}
