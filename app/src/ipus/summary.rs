//! The services organiser's half-yearly summary of the plans' realisation
//! (`/pracownik/realizacja-ipus`), for the director and the community organiser: the plans of
//! the half-year by where they stand and by service, what is overdue, the monitoring done and
//! the outcomes — how many plans were completed, ended on resignation and followed up.

use super::desk::{Task, TaskKind};
use super::monitoring::EntryKind;
use crate::domain::coded::coded_enum;
use crate::domain::label::labels;
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

coded_enum! {
    /// Where a plan stands: closed on a resignation or completed; with a version in force, running
    /// or ended (its period over, not closed yet); otherwise awaiting approval or a draft.
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

labels!(Standing, summary {
    Draft => standing_draft,
    AwaitingApproval => standing_awaiting_approval,
    Running => standing_running,
    Ended => standing_ended,
    Completed => standing_completed,
    Resigned => standing_resigned,
});

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

/// The half-year's plans counted: drafted by its end and not closed before it began.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SummaryCounts {
    pub plans: u32,
    /// Where those plans stand today, every standing listed; the services in them.
    pub by_standing: Vec<(Standing, u32)>,
    /// By name.
    pub by_service: Vec<ServiceLine>,
    /// Plans closed within the half-year without and with a resignation, and the follow-ups
    /// recorded within it (of any plan).
    pub completed: u32,
    pub resigned: u32,
    pub follow_ups: u32,
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

impl RealisationSummary {
    /// The summary of `half` as of `today` from its `counts`, the tasks due (`overdue`: those
    /// before today), the half-year's monitoring `entries` and coordinators' `meetings`.
    pub fn new(
        half: HalfYear,
        today: NaiveDate,
        counts: SummaryCounts,
        tasks: Vec<Task>,
        entries: &[EntryLine],
        meetings: u32,
    ) -> RealisationSummary {
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
        let overdue = tasks
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
            plans: counts.plans,
            by_standing: counts.by_standing,
            by_service: counts.by_service,
            overdue,
            entries,
            completed: counts.completed,
            resigned: counts.resigned,
            follow_ups: counts.follow_ups,
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
    let scope = crate::cases::access::server::programmes_in_scope(&access).await?;
    let store = &access.state.store;
    let counts = store.summary_counts(scope.as_deref(), half, today).await?;
    // What is overdue, oldest first: the desk's tasks of every plan in scope.
    let tasks = store.desk(None, scope.as_deref(), today, true).await?.tasks;
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
        half, today, counts, tasks, &entries, meetings,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ipus::desk::DeskPlan;
    use crate::ipus::rules::VersionState;

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

    #[test]
    fn the_summary_lists_what_is_overdue_every_kind_of_entry_and_the_half_chosen() {
        let today = day(2026, 11, 24);
        let half = HalfYear::containing(today);
        let task = |number: &str, due: NaiveDate, kind: TaskKind| Task {
            due,
            kind,
            plan: DeskPlan::sample(number, VersionState::Approved),
        };
        let tasks = vec![
            task("4", day(2026, 10, 31), TaskKind::Closing),
            task("1", day(2026, 11, 20), TaskKind::Drafting),
            task("3", today, TaskKind::QualityCheck),
        ];
        let entries = [EntryLine {
            kind: EntryKind::HomeVisit,
            count: 3,
            problems: 1,
        }];
        let counts = SummaryCounts {
            plans: 5,
            ..SummaryCounts::default()
        };
        let summary = RealisationSummary::new(half, today, counts, tasks, &entries, 2);
        assert_eq!(summary.plans, 5);
        let overdue: Vec<(TaskKind, &str)> = summary
            .overdue
            .iter()
            .map(|o| (o.kind, o.number.as_str()))
            .collect();
        assert_eq!(
            overdue,
            [(TaskKind::Closing, "4"), (TaskKind::Drafting, "1")],
            "due today is not overdue"
        );
        assert_eq!(summary.entries.len(), EntryKind::ALL.len());
        assert!(summary.entries.contains(&entries[0]));
        assert_eq!(summary.meetings, 2);
        let earlier = HalfYear::parse("2020-1").unwrap();
        let chosen =
            RealisationSummary::new(earlier, today, SummaryCounts::default(), Vec::new(), &[], 0);
        assert_eq!(
            chosen.halves.last(),
            Some(&earlier),
            "offered where it was chosen"
        );
    }
}
