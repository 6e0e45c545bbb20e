//! The services organiser's half-yearly summary of the plans' realisation
//! (`/pracownik/realizacja-ipus`), for the director and the community organiser: the plans of
//! the half-year by where they stand and by service, what is overdue, the monitoring done and
//! the outcomes — how many plans were completed, ended on resignation and followed up.

use super::desk::{Desk, DeskPlan, TaskKind};
use super::monitoring::EntryKind;
use super::rules::VersionState;
use crate::domain::coded::coded_enum;
use crate::error::AppError;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// How many half-years the page offers to choose from.
pub const HALVES_OFFERED: usize = 6;

/// A half of a calendar year: January–June or July–December.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct HalfYear {
    pub year: i32,
    pub second: bool,
}

impl HalfYear {
    pub fn containing(day: NaiveDate) -> HalfYear {
        HalfYear {
            year: day.year(),
            second: day.month() > 6,
        }
    }

    /// `2026-1` or `2026-2`.
    pub fn parse(code: &str) -> Option<HalfYear> {
        let (year, half) = code.trim().split_once('-')?;
        let year: i32 = year.parse().ok()?;
        let second = match half {
            "1" => false,
            "2" => true,
            _ => return None,
        };
        NaiveDate::from_ymd_opt(year, 1, 1)?;
        Some(HalfYear { year, second })
    }

    pub fn code(self) -> String {
        format!("{}-{}", self.year, if self.second { 2 } else { 1 })
    }

    pub fn first_day(self) -> NaiveDate {
        let month = if self.second { 7 } else { 1 };
        NaiveDate::from_ymd_opt(self.year, month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        let (month, day) = if self.second { (12, 31) } else { (6, 30) };
        NaiveDate::from_ymd_opt(self.year, month, day).unwrap_or(NaiveDate::MAX)
    }

    pub fn previous(self) -> HalfYear {
        if self.second {
            HalfYear {
                second: false,
                ..self
            }
        } else {
            HalfYear {
                year: self.year - 1,
                second: true,
            }
        }
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        (self.first_day()..=self.last_day()).contains(&day)
    }

    /// The half-year of `today` and the ones before it, newest first.
    pub fn recent(today: NaiveDate, count: usize) -> Vec<HalfYear> {
        std::iter::successors(Some(HalfYear::containing(today)), |h| Some(h.previous()))
            .take(count)
            .collect()
    }
}

/// A plan with what the summary counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryPlan {
    pub desk: DeskPlan,
    pub created_on: NaiveDate,
    /// The services (name, units) of the version in force, or of the last version until one
    /// is approved.
    pub services: Vec<(String, u32)>,
    /// The day a closed plan ended, and whether it ended on resignation.
    pub ended_on: Option<NaiveDate>,
    pub resigned: bool,
    pub follow_up_on: Option<NaiveDate>,
}

coded_enum! {
    /// Where a plan stands.
    Standing {
        Draft = "draft",
        AwaitingApproval = "awaiting_approval",
        Running = "running",
        /// Its period is over and it is not closed yet.
        Ended = "ended",
        Completed = "completed",
        Resigned = "resigned",
    }
}

impl SummaryPlan {
    pub fn standing(&self, today: NaiveDate) -> Standing {
        let plan = &self.desk;
        match (plan.closed, plan.period) {
            (true, _) if self.resigned => Standing::Resigned,
            (true, _) => Standing::Completed,
            (false, Some(period)) if period.end < today => Standing::Ended,
            (false, Some(_)) => Standing::Running,
            (false, None) if plan.state == VersionState::Submitted => Standing::AwaitingApproval,
            (false, None) => Standing::Draft,
        }
    }

    /// Drafted by the end of the half-year and not closed before it began.
    fn concerns(&self, half: HalfYear) -> bool {
        self.created_on <= half.last_day() && self.ended_on.is_none_or(|e| e >= half.first_day())
    }
}

/// One service: in how many plans, and the hours or units planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceLine {
    pub name: String,
    pub plans: u32,
    pub units: u32,
}

/// The monitoring entries of one kind in the half-year, and how many flagged a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryLine {
    pub kind: EntryKind,
    pub count: u32,
    pub problems: u32,
}

/// Something overdue today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueLine {
    pub due: NaiveDate,
    pub kind: TaskKind,
    pub plan_id: String,
    pub number: String,
    pub coordinator: String,
}

/// The summary of one half-year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RealisationSummary {
    pub half: HalfYear,
    /// The half-years the page offers, newest first.
    pub halves: Vec<HalfYear>,
    pub today: NaiveDate,
    /// The plans of the half-year: drafted by its end and not closed before it began.
    pub plans: u32,
    /// Where those plans stand today, every standing listed; the services in them.
    pub by_standing: Vec<(Standing, u32)>,
    pub by_service: Vec<ServiceLine>,
    /// What is overdue today, in any plan.
    pub overdue: Vec<OverdueLine>,
    /// Every kind listed.
    pub entries: Vec<EntryLine>,
    /// Outcomes within the half-year: plans closed without and with a resignation, and the
    /// follow-ups recorded (of any plan).
    pub completed: u32,
    pub resigned: u32,
    pub follow_ups: u32,
    /// Coordinators' meetings held within the half-year.
    pub meetings: u32,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl RealisationSummary {
    /// Sums up `plans` for `half` as of `today`; `entries` and `meetings` are already the
    /// half-year's.
    pub fn new(
        half: HalfYear,
        today: NaiveDate,
        plans: Vec<SummaryPlan>,
        entries: &[EntryLine],
        meetings: u32,
    ) -> RealisationSummary {
        let within = |day: Option<NaiveDate>| day.is_some_and(|d| half.contains(d));
        // A follow-up comes six months after the end: usually for a plan of an earlier half-year.
        let follow_ups = count(plans.iter().filter(|p| within(p.follow_up_on)).count());
        let desk = Desk::new(plans.iter().map(|p| p.desk.clone()).collect(), today, true);
        let plans: Vec<SummaryPlan> = plans.into_iter().filter(|p| p.concerns(half)).collect();
        let by_standing = Standing::ALL
            .iter()
            .map(|s| {
                (
                    *s,
                    count(plans.iter().filter(|p| p.standing(today) == *s).count()),
                )
            })
            .collect();
        let mut by_service: Vec<ServiceLine> = Vec::new();
        for (name, units) in plans.iter().flat_map(|p| &p.services) {
            match by_service.iter_mut().find(|line| &line.name == name) {
                Some(line) => {
                    line.plans += 1;
                    line.units = line.units.saturating_add(*units);
                }
                None => by_service.push(ServiceLine {
                    name: name.clone(),
                    plans: 1,
                    units: *units,
                }),
            }
        }
        by_service.sort_by(|a, b| a.name.cmp(&b.name));
        let ended_within = |resigned: bool| {
            count(
                plans
                    .iter()
                    .filter(|p| p.desk.closed && p.resigned == resigned && within(p.ended_on))
                    .count(),
            )
        };
        let (completed, resigned) = (ended_within(false), ended_within(true));
        let entries = EntryKind::ALL
            .iter()
            .map(|kind| {
                entries
                    .iter()
                    .find(|line| line.kind == *kind)
                    .copied()
                    .unwrap_or(EntryLine {
                        kind: *kind,
                        count: 0,
                        problems: 0,
                    })
            })
            .collect();
        let overdue = desk
            .tasks
            .into_iter()
            .filter(|task| task.due < today)
            .map(|task| OverdueLine {
                due: task.due,
                kind: task.kind,
                plan_id: task.plan.id,
                number: task.plan.number,
                coordinator: task.plan.coordinator,
            })
            .collect();
        let mut halves = HalfYear::recent(today, HALVES_OFFERED);
        if !halves.contains(&half) {
            halves.push(half);
            halves.sort_by(|a, b| b.cmp(a));
        }
        RealisationSummary {
            half,
            halves,
            today,
            plans: count(plans.len()),
            by_standing,
            by_service,
            overdue,
            entries,
            completed,
            resigned,
            follow_ups,
            meetings,
        }
    }
}

/// The summary of the half-year `period` (`2026-2`; the current one when empty or unknown).
#[server(prefix = "/api", endpoint = "plan_realisation_summary")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn plan_realisation_summary(period: String) -> Result<RealisationSummary, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ReviewPlans).await?;
    let today = crate::domain::warsaw_date(access.state.clock.now());
    let half = HalfYear::parse(&period).unwrap_or(HalfYear::containing(today));
    let scope = crate::cases::scope::server::programmes_in_scope(&access).await?;
    let store = &access.state.store;
    let plans = store.summary_plans(None, scope.as_deref()).await?;
    let (from, to) = (half.first_day(), half.last_day());
    let entries = store.plan_entry_counts(scope.as_deref(), from, to).await?;
    let meetings = store.coordinator_meetings_held(from, to).await?;
    let event = crate::audit::AuditEvent {
        record_type: Some("plan".into()),
        purpose: Some("plan_realisation_summary".into()),
        ..access.event(crate::audit::AuditAction::Read)
    };
    access.record(&event).await?;
    Ok(RealisationSummary::new(
        half, today, plans, &entries, meetings,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ipus::rules::PlanPeriod;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn half_years_parse_and_follow_each_other() {
        let half = HalfYear::parse("2026-2").unwrap();
        assert_eq!(
            (half.first_day(), half.last_day()),
            (day(2026, 7, 1), day(2026, 12, 31))
        );
        assert_eq!(half.code(), "2026-2");
        assert_eq!(half.previous().code(), "2026-1");
        assert_eq!(half.previous().previous().code(), "2025-2");
        assert_eq!(HalfYear::parse("2026-3"), None);
        assert_eq!(HalfYear::parse("rok"), None);
        assert_eq!(HalfYear::containing(day(2026, 6, 30)).code(), "2026-1");
        let recent: Vec<String> = HalfYear::recent(day(2026, 11, 24), 3)
            .into_iter()
            .map(HalfYear::code)
            .collect();
        assert_eq!(recent, ["2026-2", "2026-1", "2025-2"]);
    }

    fn plan(number: &str, state: VersionState, created_on: NaiveDate) -> SummaryPlan {
        SummaryPlan {
            desk: DeskPlan::sample(number, state),
            created_on,
            services: vec![("Asystent".into(), 10)],
            ended_on: None,
            resigned: false,
            follow_up_on: None,
        }
    }

    #[test]
    fn the_half_year_is_summed_up_by_standing_service_and_outcome() {
        let today = day(2026, 11, 24);
        let half = HalfYear::containing(today);
        let period = PlanPeriod::new(day(2026, 8, 1), day(2027, 1, 31)).unwrap();
        let over = PlanPeriod::new(day(2026, 5, 1), day(2026, 10, 31)).unwrap();
        let with_period = |p: SummaryPlan, period: PlanPeriod| SummaryPlan {
            desk: DeskPlan {
                period: Some(period),
                ..p.desk
            },
            ..p
        };
        let closed = |p: SummaryPlan, on: NaiveDate, resigned: bool| SummaryPlan {
            desk: DeskPlan {
                closed: true,
                ..p.desk
            },
            ended_on: Some(on),
            resigned,
            ..p
        };
        let plans = vec![
            SummaryPlan {
                desk: DeskPlan {
                    drafting_due: Some(day(2026, 11, 20)),
                    ..plan("1", VersionState::Draft, day(2026, 10, 21)).desk
                },
                ..plan("1", VersionState::Draft, day(2026, 10, 21))
            },
            plan("2", VersionState::Submitted, day(2026, 11, 1)),
            SummaryPlan {
                services: vec![("Asystent".into(), 20), ("Dowóz".into(), 4)],
                ..with_period(plan("3", VersionState::Approved, day(2026, 7, 10)), period)
            },
            with_period(plan("4", VersionState::Approved, day(2026, 4, 1)), over),
            closed(
                with_period(plan("5", VersionState::Approved, day(2026, 4, 1)), over),
                day(2026, 9, 30),
                true,
            ),
            SummaryPlan {
                follow_up_on: Some(day(2026, 8, 3)),
                ..closed(
                    with_period(plan("6", VersionState::Approved, day(2025, 6, 1)), over),
                    day(2026, 2, 1),
                    false,
                )
            },
            // Drafted after the half-year: not counted.
            plan("7", VersionState::Draft, day(2027, 1, 2)),
        ];
        let entries = [EntryLine {
            kind: EntryKind::HomeVisit,
            count: 3,
            problems: 1,
        }];
        let summary = RealisationSummary::new(half, today, plans, &entries, 2);
        assert_eq!(summary.plans, 5);
        assert_eq!(
            summary.by_standing,
            [
                (Standing::Draft, 1),
                (Standing::AwaitingApproval, 1),
                (Standing::Running, 1),
                (Standing::Ended, 1),
                (Standing::Completed, 0),
                (Standing::Resigned, 1),
            ]
        );
        let services: Vec<(&str, u32, u32)> = summary
            .by_service
            .iter()
            .map(|l| (l.name.as_str(), l.plans, l.units))
            .collect();
        assert_eq!(services, [("Asystent", 5, 60), ("Dowóz", 1, 4)]);
        assert_eq!(
            (summary.completed, summary.resigned, summary.follow_ups),
            (0, 1, 1),
            "plan 6 ended in the half-year before and was followed up in this one"
        );
        let overdue: Vec<(TaskKind, &str)> = summary
            .overdue
            .iter()
            .map(|o| (o.kind, o.number.as_str()))
            .collect();
        assert_eq!(
            overdue,
            [(TaskKind::Closing, "4"), (TaskKind::Drafting, "1")]
        );
        assert_eq!(summary.entries.len(), EntryKind::ALL.len());
        assert!(summary.entries.contains(&entries[0]));
        assert_eq!(summary.meetings, 2);
        let earlier = HalfYear::parse("2020-1").unwrap();
        let chosen = RealisationSummary::new(earlier, today, Vec::new(), &[], 0);
        assert_eq!(
            chosen.halves.last(),
            Some(&earlier),
            "offered where it was chosen"
        );
    }
}
