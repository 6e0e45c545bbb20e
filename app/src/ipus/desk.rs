//! The plans desk (`/pracownik/plany`): a coordinator's plans by state — drafts, awaiting
//! approval, running, ending within 30 days, follow-ups due — and this week's tasks; the
//! director and the services organiser see every plan in their scope, the approval queue first.

use super::rules::{PlanPeriod, VersionState};
use crate::domain::label::labels;
use crate::error::AppError;
use chrono::{Days, NaiveDate};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Days ahead that make "this week's tasks" and "ending soon".
pub const WEEK: u64 = 7;
pub const ENDING_DAYS: u64 = 30;

/// One plan as the desk lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskPlan {
    pub id: String,
    pub number: String,
    pub case_id: String,
    pub case_number: String,
    pub person: String,
    pub coordinator: String,
    /// The last version and where it stands.
    pub version: u32,
    pub state: VersionState,
    /// The period of the version in force, once one was approved.
    pub period: Option<PlanPeriod>,
    /// The 30-day deadline, while no version was ever submitted.
    pub drafting_due: Option<NaiveDate>,
    pub closed: bool,
    /// The follow-up six months after the end, until it is recorded.
    pub follow_up_due: Option<NaiveDate>,
    /// The next quality check, while the plan runs.
    pub quality_check_due: Option<NaiveDate>,
}

impl DeskPlan {
    fn running(&self) -> bool {
        self.period.is_some() && !self.closed
    }
}

/// What is due for a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaskKind {
    Drafting,
    QualityCheck,
    PlanEnds,
    /// The plan's period is over: the summary conversation and the closing are due.
    Closing,
    FollowUp,
}

labels!(TaskKind, plans {
    Drafting => task_drafting,
    QualityCheck => task_quality_check,
    PlanEnds => task_plan_ends,
    FollowUp => task_follow_up,
    Closing => task_closing,
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub due: NaiveDate,
    pub kind: TaskKind,
    pub plan: DeskPlan,
}

/// Plans a desk's list shows (its count says how many there are in all).
pub const LIST_LIMIT: usize = 50;

/// How many plans each of the desk's lists has in all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskCounts {
    pub awaiting_approval: u32,
    pub drafts: u32,
    pub running: u32,
    pub ending_soon: u32,
    pub follow_ups_due: u32,
}

/// The desk's lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Desk {
    pub today: Option<NaiveDate>,
    pub awaiting_approval: Vec<DeskPlan>,
    pub drafts: Vec<DeskPlan>,
    pub running: Vec<DeskPlan>,
    pub ending_soon: Vec<DeskPlan>,
    pub follow_ups_due: Vec<DeskPlan>,
    /// Due within a week, overdue ones included; soonest first.
    pub tasks: Vec<Task>,
    /// Everyone's plans (an overseer) rather than one coordinator's.
    pub all: bool,
    /// Each list's plans in all; a list holds at most `LIST_LIMIT` of them.
    pub counts: DeskCounts,
}

impl Desk {
    /// Sorts `plans` into the desk's lists as of `today`.
    pub fn new(plans: Vec<DeskPlan>, today: NaiveDate, all: bool) -> Desk {
        let mut desk = Desk {
            today: Some(today),
            all,
            ..Desk::default()
        };
        let week = today + Days::new(WEEK);
        for plan in plans {
            let mut due = Vec::new();
            if let Some(on) = plan
                .drafting_due
                .filter(|_| plan.state == VersionState::Draft)
            {
                due.push((on, TaskKind::Drafting));
            }
            let over = plan.period.filter(|p| plan.running() && p.end < today);
            if let Some(period) = over {
                due.push((period.end, TaskKind::Closing));
            } else if let Some(on) = plan.quality_check_due.filter(|_| plan.running()) {
                due.push((on, TaskKind::QualityCheck));
            }
            if let Some(period) = plan.period.filter(|_| plan.running()) {
                if period.ends_within(today, WEEK) {
                    due.push((period.end, TaskKind::PlanEnds));
                }
                if period.ends_within(today, ENDING_DAYS) {
                    desk.ending_soon.push(plan.clone());
                }
            }
            if let Some(on) = plan.follow_up_due {
                due.push((on, TaskKind::FollowUp));
                if on <= today {
                    desk.follow_ups_due.push(plan.clone());
                }
            }
            for (on, kind) in due.into_iter().filter(|(on, _)| *on <= week) {
                desk.tasks.push(Task {
                    due: on,
                    kind,
                    plan: plan.clone(),
                });
            }
            match plan.state {
                _ if plan.closed => {}
                VersionState::Submitted => desk.awaiting_approval.push(plan.clone()),
                VersionState::Draft => desk.drafts.push(plan.clone()),
                _ => {}
            }
            if plan.running() {
                desk.running.push(plan);
            }
        }
        desk.tasks
            .sort_by(|a, b| (a.due, &a.plan.number).cmp(&(b.due, &b.plan.number)));
        let count = |list: &Vec<DeskPlan>| u32::try_from(list.len()).unwrap_or(u32::MAX);
        desk.counts = DeskCounts {
            awaiting_approval: count(&desk.awaiting_approval),
            drafts: count(&desk.drafts),
            running: count(&desk.running),
            ending_soon: count(&desk.ending_soon),
            follow_ups_due: count(&desk.follow_ups_due),
        };
        desk
    }
}

/// The desk of the signed-in coordinator, or every plan in scope for an overseer.
#[server(prefix = "/api", endpoint = "load_plan_desk")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_plan_desk() -> Result<Desk, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::HandleCases).await?;
    let user = access.signed_in()?;
    let all = crate::cases::access::server::oversees(&access)
        || Permission::ApprovePlans.allowed_for(&user.roles);
    let scope = crate::cases::access::server::programmes_in_scope(&access).await?;
    let coordinator = (!all).then_some(user.id.as_str());
    let today = crate::domain::warsaw_date(access.state.clock.now());
    let store = &access.state.store;
    let desk = store
        .desk(coordinator, scope.as_deref(), today, all)
        .await?;
    let event = crate::audit::AuditEvent {
        record_type: Some("plan".into()),
        purpose: Some("plan_desk".into()),
        ..access.event(crate::audit::AuditAction::Read)
    };
    access.record(&event).await?;
    Ok(desk)
}

/// A plan numbered `number` whose last version is in `state`, with nothing due (for tests).
#[cfg(test)]
impl DeskPlan {
    pub(crate) fn sample(number: &str, state: VersionState) -> DeskPlan {
        DeskPlan {
            id: number.into(),
            number: number.into(),
            case_id: String::new(),
            case_number: String::new(),
            person: String::new(),
            coordinator: String::new(),
            version: 1,
            state,
            period: None,
            drafting_due: None,
            closed: false,
            follow_up_due: None,
            quality_check_due: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn plans_are_sorted_by_state_and_what_is_due_this_week() {
        let today = day(2027, 3, 10);
        let running = PlanPeriod::new(day(2026, 12, 1), day(2027, 5, 31)).unwrap();
        let ending = PlanPeriod::new(day(2026, 12, 15), day(2027, 3, 15)).unwrap();
        let plans = vec![
            DeskPlan {
                drafting_due: Some(day(2027, 3, 12)),
                ..DeskPlan::sample("IPUS 1/2027", VersionState::Draft)
            },
            DeskPlan::sample("IPUS 2/2027", VersionState::Submitted),
            DeskPlan {
                period: Some(running),
                quality_check_due: Some(day(2027, 3, 1)),
                ..DeskPlan::sample("IPUS 3/2027", VersionState::Approved)
            },
            DeskPlan {
                period: Some(ending),
                quality_check_due: Some(day(2027, 4, 1)),
                ..DeskPlan::sample("IPUS 4/2027", VersionState::Approved)
            },
            DeskPlan {
                period: Some(running),
                closed: true,
                follow_up_due: Some(day(2027, 3, 10)),
                ..DeskPlan::sample("IPUS 5/2026", VersionState::Approved)
            },
            DeskPlan {
                period: Some(running),
                closed: true,
                follow_up_due: Some(day(2027, 9, 30)),
                ..DeskPlan::sample("IPUS 6/2026", VersionState::Approved)
            },
            DeskPlan {
                period: Some(PlanPeriod::new(day(2026, 11, 1), day(2027, 2, 28)).unwrap()),
                quality_check_due: Some(day(2027, 3, 1)),
                ..DeskPlan::sample("IPUS 7/2026", VersionState::Approved)
            },
        ];
        let desk = Desk::new(plans, today, false);
        let numbers = |list: &[DeskPlan]| list.iter().map(|p| p.number.clone()).collect::<Vec<_>>();
        assert_eq!(numbers(&desk.drafts), ["IPUS 1/2027"]);
        assert_eq!(numbers(&desk.awaiting_approval), ["IPUS 2/2027"]);
        assert_eq!(
            numbers(&desk.running),
            ["IPUS 3/2027", "IPUS 4/2027", "IPUS 7/2026"]
        );
        assert_eq!(numbers(&desk.ending_soon), ["IPUS 4/2027"]);
        assert_eq!(numbers(&desk.follow_ups_due), ["IPUS 5/2026"]);
        let tasks: Vec<(TaskKind, &str)> = desk
            .tasks
            .iter()
            .map(|t| (t.kind, t.plan.number.as_str()))
            .collect();
        assert_eq!(
            tasks,
            [
                (TaskKind::Closing, "IPUS 7/2026"),
                (TaskKind::QualityCheck, "IPUS 3/2027"),
                (TaskKind::FollowUp, "IPUS 5/2026"),
                (TaskKind::Drafting, "IPUS 1/2027"),
                (TaskKind::PlanEnds, "IPUS 4/2027"),
            ]
        );
    }
}
