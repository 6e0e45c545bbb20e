//! The OSL plan of a community for a year (stage 4): measurable goals (an indicator, its
//! baseline and target, and how progress is counted), tasks with the people responsible,
//! partners, period and budget. Plans have versions like the programme's: changes go into a
//! draft, the organiser adopts it, and the adopted version before it is kept as superseded.
//! Each goal's progress is counted from the activities that serve it (`attendance`).

use super::Community;
use crate::domain::Grosze;
use crate::domain::coded::coded_enum;
use crate::domain::label::labels;
use crate::error::AppError;
use crate::programme::forms::Checker;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

coded_enum! {
    /// How a goal's indicator grows.
    GoalMeasure {
        /// By the people who attended the goal's activities (registered and walk-ins).
        Participants = "participants",
        /// By the goal's activities held (with attendance recorded).
        Activities = "activities",
        /// By the outcome the organiser records for each activity.
        Manual = "manual",
    }
}

labels!(GoalMeasure, osl_plan {
    Participants => measure_participants,
    Activities => measure_activities,
    Manual => measure_manual,
});

coded_enum! {
    /// Where a version of a plan stands.
    PlanState {
        Draft = "draft",
        Adopted = "adopted",
        /// A later version was adopted; it stays readable.
        Superseded = "superseded",
    }
}

labels!(PlanState, osl_plan {
    Draft => state_draft,
    Adopted => state_adopted,
    Superseded => state_superseded,
});

/// Highest baseline or target.
const MAX_INDICATOR: u32 = 1_000_000;
/// Earliest and latest plan year.
const YEARS: std::ops::RangeInclusive<i32> = 2020..=2100;

/// A measurable goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub id: String,
    pub statement: String,
    pub indicator: String,
    pub measure: GoalMeasure,
    pub baseline: u32,
    pub target: u32,
}

/// A task of the plan (a row of seed 004's table).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub name: String,
    /// The goal it serves.
    pub goal_id: Option<String>,
    pub responsible: String,
    pub partners: String,
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub budget: Grosze,
}

/// One version of a community's plan for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanVersion {
    pub id: String,
    pub year: i32,
    pub version: u32,
    pub state: PlanState,
    pub goals: Vec<Goal>,
    pub tasks: Vec<Task>,
    pub changes: String,
    /// The draft's saves so far (a stale form cannot adopt it).
    pub revision: u32,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub adopted_by: Option<String>,
    pub adopted_at: Option<DateTime<Utc>>,
}

impl PlanVersion {
    pub fn budget(&self) -> Grosze {
        self.tasks.iter().fold(Grosze::zero(), |sum, task| {
            sum.checked_add(task.budget).unwrap_or(sum)
        })
    }

    pub fn goal(&self, id: &str) -> Option<&Goal> {
        self.goals.iter().find(|goal| goal.id == id)
    }
}

/// What the activities serving a goal added up to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contribution {
    /// Activities with attendance recorded.
    pub activities: u32,
    pub participants: u32,
    pub outcome: u32,
}

/// A goal with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalProgress {
    pub goal: Goal,
    pub contribution: Contribution,
}

impl GoalProgress {
    /// The indicator's value now: the baseline and what the activities added.
    pub fn value(&self) -> u32 {
        let added = match self.goal.measure {
            GoalMeasure::Participants => self.contribution.participants,
            GoalMeasure::Activities => self.contribution.activities,
            GoalMeasure::Manual => self.contribution.outcome,
        };
        self.goal.baseline.saturating_add(added)
    }

    /// The way from the baseline to the target covered, 0 to 100.
    pub fn percent(&self) -> u32 {
        let span = self.goal.target.saturating_sub(self.goal.baseline).max(1);
        let done = self.value().saturating_sub(self.goal.baseline).min(span);
        (u64::from(done) * 100 / u64::from(span)) as u32
    }
}

/// A community's plan page for one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanFile {
    pub community: Community,
    pub year: i32,
    /// Every version of the year, newest first.
    pub versions: Vec<PlanVersion>,
    /// The goals of the version in force (else the draft) with their progress.
    pub progress: Vec<GoalProgress>,
    pub may_edit: bool,
}

impl PlanFile {
    pub fn draft(&self) -> Option<&PlanVersion> {
        self.versions.iter().find(|v| v.state == PlanState::Draft)
    }

    /// The adopted version, else the draft.
    pub fn current(&self) -> Option<&PlanVersion> {
        self.versions
            .iter()
            .find(|v| v.state == PlanState::Adopted)
            .or_else(|| self.draft())
    }
}

/// The goal form's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoalForm {
    pub statement: String,
    pub indicator: String,
    pub measure: String,
    pub baseline: String,
    pub target: String,
}

impl GoalForm {
    /// The goal (its id still empty); the target must lie above the baseline.
    pub fn parse(&self) -> Result<Goal, AppError> {
        let mut check = Checker::default();
        let statement = check.name("goal_statement", &self.statement);
        let indicator = check.name("goal_indicator", &self.indicator);
        let measure = check.choice("goal_measure", &self.measure, GoalMeasure::from_code);
        let baseline = check
            .number("goal_baseline", &self.baseline, MAX_INDICATOR)
            .unwrap_or(0);
        let target = check.number("goal_target", &self.target, MAX_INDICATOR);
        match target {
            None => check.fail("goal_target", "required"),
            Some(target) if target <= baseline => check.fail("goal_target", "target_not_above"),
            Some(_) => {}
        }
        let goal = measure.zip(target).map(|(measure, target)| Goal {
            // Given when the draft takes it (`server::change_draft`).
            id: String::new(),
            statement,
            indicator,
            measure,
            baseline,
            target,
        });
        finish(check, goal)
    }
}

/// The task form's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskForm {
    pub name: String,
    /// A goal's id, or empty.
    pub goal: String,
    pub responsible: String,
    pub partners: String,
    pub from: String,
    pub until: String,
    /// In złoty; empty = 0.
    pub budget: String,
}

impl TaskForm {
    /// The task (its id still empty); its goal must be one of `goals`.
    pub fn parse(&self, goals: &[Goal]) -> Result<Task, AppError> {
        let mut check = Checker::default();
        let name = check.name("task_name", &self.name);
        let goal_id = match self.goal.trim() {
            "" => None,
            id if goals.iter().any(|goal| goal.id == id) => Some(id.to_owned()),
            _ => {
                check.fail("task_goal", "choose_one");
                None
            }
        };
        let responsible = check.name("task_responsible", &self.responsible);
        let partners = check.text("task_partners", &self.partners);
        let from = check.date("task_from", &self.from);
        let until = check.date("task_until", &self.until);
        if from.zip(until).is_some_and(|(from, until)| until < from) {
            check.fail("task_until", "period_order");
        }
        let budget = check
            .amount("task_budget", &self.budget, false)
            .unwrap_or_default();
        let task = from.zip(until).map(|(from, until)| Task {
            // Given when the draft takes it (`server::change_draft`).
            id: String::new(),
            name,
            goal_id,
            responsible,
            partners,
            from,
            until,
            budget,
        });
        finish(check, task)
    }
}

fn finish<T>(check: Checker, value: Option<T>) -> Result<T, AppError> {
    match check.finish(value).map_err(AppError::Invalid)? {
        Some(value) => Ok(value),
        None => Err(AppError::invalid("form", "generic")),
    }
}

/// A plan year from the address; this year when absent or out of range.
pub fn plan_year(text: Option<&str>, this_year: i32) -> i32 {
    text.and_then(|t| t.trim().parse().ok())
        .filter(|year| YEARS.contains(year))
        .unwrap_or(this_year)
}

#[server(prefix = "/api", endpoint = "osl_plan")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_osl_plan(community: String, year: Option<String>) -> Result<PlanFile, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ReadCommunity).await?;
    let year = plan_year(year.as_deref(), server::this_year(&access));
    server::plan_file(&access, &community, year).await
}

#[server(prefix = "/api", endpoint = "add_plan_goal")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn add_plan_goal(community: String, year: i32, input: GoalForm) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::OrganiseCommunity).await?;
    let goal = Goal {
        id: crate::store::new_id(),
        ..input.parse()?
    };
    server::change_draft(&access, &community, year, |draft| {
        draft.goals.push(goal.clone());
        Ok(())
    })
    .await
}

#[server(prefix = "/api", endpoint = "add_plan_task")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn add_plan_task(community: String, year: i32, input: TaskForm) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::OrganiseCommunity).await?;
    server::change_draft(&access, &community, year, |draft| {
        let task = Task {
            id: crate::store::new_id(),
            ..input.parse(&draft.goals)?
        };
        draft.tasks.push(task);
        Ok(())
    })
    .await
}

#[server(prefix = "/api", endpoint = "remove_plan_item")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn remove_plan_item(community: String, year: i32, item: String) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::OrganiseCommunity).await?;
    server::change_draft(&access, &community, year, |draft| {
        draft.goals.retain(|goal| goal.id != item);
        draft.tasks.retain(|task| task.id != item);
        for task in &mut draft.tasks {
            if task.goal_id.as_deref() == Some(item.as_str()) {
                task.goal_id = None;
            }
        }
        Ok(())
    })
    .await
}

#[server(prefix = "/api", endpoint = "adopt_osl_plan")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn adopt_osl_plan(
    community: String,
    year: i32,
    /// The draft's revision the form was shown with: a draft changed meanwhile is not adopted.
    revision: u32,
    #[server(default)] changes: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    use crate::store::StoreError;
    let access = require(Permission::OrganiseCommunity).await?;
    let by = access.signed_in()?.id.clone();
    let file = server::plan_file(&access, &community, year).await?;
    let draft = file.draft().ok_or(AppError::NotFound)?;
    let mut check = Checker::default();
    let changes = check.text("changes", &changes);
    if draft.version > 1 && changes.is_empty() {
        check.fail("changes", "required");
    }
    if draft.goals.is_empty() {
        check.fail("changes", "plan_without_goals");
    }
    check.finish(()).map_err(AppError::Invalid)?;
    let now = access.state.clock.now();
    match access
        .state
        .store
        .adopt_osl_plan(&draft.id, revision, &changes, &by, now)
        .await
    {
        Err(StoreError::Conflict) => return Err(AppError::invalid("changes", "plan_changed")),
        other => other?,
    }
    crate::community::trail::audit(
        &access,
        "osl_plan",
        &draft.id,
        crate::audit::AuditAction::Update,
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/pracownik/spolecznosci/{community}/plan?rok={year}&przyjeto=1"
    ));
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::{GoalProgress, PlanFile, PlanVersion};
    use crate::error::AppError;
    use crate::gate::{Access, Permission};
    use crate::store::StoreError;
    use chrono::Datelike;

    pub fn this_year(access: &Access) -> i32 {
        crate::domain::warsaw_date(access.state.clock.now()).year()
    }

    pub async fn plan_file(
        access: &Access,
        community: &str,
        year: i32,
    ) -> Result<PlanFile, AppError> {
        let store = &access.state.store;
        let community = store.community(community).await?;
        let versions = store.osl_plan_versions(&community.id, year).await?;
        let mut file = PlanFile {
            community,
            year,
            versions,
            progress: Vec::new(),
            may_edit: Permission::OrganiseCommunity.allowed_for(&access.signed_in()?.roles),
        };
        if let Some(current) = file.current() {
            let goals = current.goals.clone();
            let ids: Vec<String> = goals.iter().map(|goal| goal.id.clone()).collect();
            let contributions = store.goal_contributions(&ids).await?;
            file.progress = goals
                .into_iter()
                .map(|goal| GoalProgress {
                    contribution: contributions.get(&goal.id).copied().unwrap_or_default(),
                    goal,
                })
                .collect();
        }
        Ok(file)
    }

    /// Applies `change` to the year's draft (made from the newest version when there is none),
    /// saves it and goes back to the plan page.
    pub async fn change_draft(
        access: &Access,
        community: &str,
        year: i32,
        change: impl Fn(&mut PlanVersion) -> Result<(), AppError>,
    ) -> Result<(), AppError> {
        if !super::YEARS.contains(&year) {
            return Err(AppError::NotFound);
        }
        let by = access.signed_in()?.id.clone();
        let store = &access.state.store;
        store.community(community).await?;
        let now = access.state.clock.now();
        // Another save in between (`Conflict`): read the draft again and apply the change to it.
        let mut attempts = 0;
        let draft = loop {
            let mut draft = store.osl_plan_draft(community, year, &by, now).await?;
            change(&mut draft)?;
            match store.save_osl_plan_draft(&draft, now).await {
                Err(StoreError::Conflict) if attempts < 3 => attempts += 1,
                other => break other.map(|()| draft)?,
            }
        };
        crate::community::trail::audit(
            access,
            "osl_plan",
            &draft.id,
            crate::audit::AuditAction::Update,
        )
        .await?;
        leptos_axum::redirect(&format!(
            "/pracownik/spolecznosci/{community}/plan?rok={year}&zapisano=1"
        ));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal(measure: GoalMeasure, baseline: u32, target: u32) -> Goal {
        Goal {
            id: "g".into(),
            statement: "Więcej seniorów w zajęciach".into(),
            indicator: "uczestnicy warsztatów".into(),
            measure,
            baseline,
            target,
        }
    }

    #[test]
    fn a_goal_needs_a_target_above_its_baseline() {
        let form = GoalForm {
            statement: "Integracja sąsiedzka".into(),
            indicator: "uczestnicy".into(),
            measure: "participants".into(),
            baseline: "10".into(),
            target: "10".into(),
        };
        let Err(AppError::Invalid(errors)) = form.parse() else {
            panic!("a target at the baseline was accepted");
        };
        assert_eq!(errors["goal_target"], "target_not_above");
        let goal = GoalForm {
            target: "40".into(),
            ..form
        }
        .parse()
        .expect("a measurable goal");
        assert_eq!((goal.baseline, goal.target), (10, 40));
        assert_eq!(goal.measure, GoalMeasure::Participants);
    }

    #[test]
    fn a_task_has_an_ordered_period_a_known_goal_and_a_budget_in_grosze() {
        let goals = vec![goal(GoalMeasure::Activities, 0, 4)];
        let form = TaskForm {
            name: "Warsztaty".into(),
            goal: "g".into(),
            responsible: "Organizator".into(),
            from: "2026-03-01".into(),
            until: "2026-06-30".into(),
            budget: "1 250,50".into(),
            ..Default::default()
        };
        let task = form.parse(&goals).expect("a complete task");
        assert_eq!(task.budget, Grosze::new(125_050));
        assert_eq!(task.goal_id.as_deref(), Some("g"));
        let Err(AppError::Invalid(errors)) = TaskForm {
            goal: "other".into(),
            until: "2026-02-01".into(),
            budget: "dużo".into(),
            ..form
        }
        .parse(&goals) else {
            panic!("a bad task was accepted");
        };
        assert_eq!(errors["task_goal"], "choose_one");
        assert_eq!(errors["task_until"], "period_order");
        assert_eq!(errors["task_budget"], "amount_invalid");
    }

    #[test]
    fn progress_counts_what_the_goal_measures_from_its_baseline() {
        let contribution = Contribution {
            activities: 2,
            participants: 18,
            outcome: 3,
        };
        let by = |measure| GoalProgress {
            goal: goal(measure, 10, 40),
            contribution,
        };
        assert_eq!(by(GoalMeasure::Participants).value(), 28);
        assert_eq!(by(GoalMeasure::Participants).percent(), 60);
        assert_eq!(by(GoalMeasure::Activities).value(), 12);
        assert_eq!(by(GoalMeasure::Manual).value(), 13);
        let beyond = GoalProgress {
            goal: goal(GoalMeasure::Participants, 0, 10),
            contribution,
        };
        assert_eq!(beyond.percent(), 100);
    }

    #[test]
    fn the_year_comes_from_the_address_within_range() {
        assert_eq!(plan_year(Some("2027"), 2026), 2027);
        assert_eq!(plan_year(Some("1999"), 2026), 2026);
        assert_eq!(plan_year(None, 2026), 2026);
    }
}
