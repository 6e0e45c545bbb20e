//! The plans desk and the half-yearly summary, read from the plans' stored facts
//! (`facts_store.rs`): the desk counts and selects each list in SQL, a page of each, and the
//! summary counts in SQL, whatever the number of plans; no query binds a value per plan. And the
//! summary's count of monitoring entries.

use super::desk::{Desk, DeskCounts, DeskPlan, LIST_LIMIT};
use super::monitoring::EntryKind;
use super::rules::{PlanPeriod, VersionState};
use super::summary::{EntryLine, HalfYear, ServiceLine, Standing, SummaryCounts};
use crate::store::rows::corrupt;
use crate::store::{Backend, Store, StoreResult, from_db_optional_day, placeholders};
use chrono::{Days, NaiveDate};
use sqlx::Row;
use std::collections::HashMap;

/// Which plans a desk or summary reads, as conditions over `plans p`, their `applications a` or
/// their facts `plan_facts f`, with their bound values: each query selects them again rather than
/// binding one value per plan, so it works whatever the number of plans.
pub(super) struct PlanFilter<'a> {
    pub(super) sql: String,
    pub(super) values: Vec<&'a str>,
}

impl PlanFilter<'_> {
    /// `head` (ending in a WHERE clause) with the conditions and `tail`.
    pub(super) fn sql(&self, head: &str, tail: &str) -> String {
        format!("{head}{}{tail}", self.sql)
    }

    /// `sql` (made by `Self::sql`) with the conditions' values bound.
    pub(super) fn bind<'q>(
        &'q self,
        sql: &'q str,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        let mut query = sqlx::query(sql);
        for value in &self.values {
            query = query.bind(*value);
        }
        query
    }
}

impl<'a> PlanFilter<'a> {
    /// The plans of cases coordinated by `coordinator` (everyone's when `None`) of the
    /// programmes in `scope` (every programme when `None`); `None` when the scope is empty.
    fn of(coordinator: Option<&'a str>, scope: Option<&'a [String]>) -> Option<Self> {
        let mut filter = PlanFilter {
            sql: String::new(),
            values: Vec::new(),
        };
        if let Some(coordinator) = coordinator {
            filter.values.push(coordinator);
            filter.sql.push_str(" AND f.coordinator_id = $1");
        }
        if let Some(scope) = scope {
            if scope.is_empty() {
                return None;
            }
            let list = placeholders(filter.values.len() + 1, scope.len());
            filter.values.extend(scope.iter().map(String::as_str));
            filter
                .sql
                .push_str(&format!(" AND f.programme_id IN ({list})"));
        }
        Some(filter)
    }
}

/// Plans' facts with their cases (the person's name as `person`), as the desk lists them.
fn fact_rows(backend: Backend) -> String {
    let person = match backend {
        Backend::Sqlite => "json_extract(a.subject, '$.name')",
        Backend::Postgres => "(a.subject::json ->> 'name')",
    };
    format!(
        "SELECT p.id, p.number, p.application_id, a.case_number, {person} AS person, \
         u.display_name AS coordinator, f.version, f.state, f.period_start, f.period_end, \
         f.drafting_due, f.closed, f.quality_check_due, f.follow_up_due \
         FROM plan_facts f JOIN plans p ON p.id = f.plan_id \
         JOIN applications a ON a.id = p.application_id \
         LEFT JOIN users u ON u.id = a.coordinator_id"
    )
}

/// The plan-list conditions over `plan_facts f`, as of `today`.
struct Lists {
    running: &'static str,
    ending: String,
    follow_ups: String,
    /// The earliest day something is due for the plan (`9999-12-31` when nothing is).
    next_due: String,
}

impl Lists {
    fn new(today: NaiveDate, backend: Backend) -> Lists {
        let ending = today + Days::new(super::desk::ENDING_DAYS);
        let least = match backend {
            Backend::Sqlite => "min",
            Backend::Postgres => "LEAST",
        };
        let running = "f.closed = 0 AND f.period_start IS NOT NULL";
        let never = "'9999-12-31'";
        Lists {
            running,
            ending: format!("{running} AND f.period_end BETWEEN '{today}' AND '{ending}'"),
            follow_ups: format!("f.follow_up_due <= '{today}'"),
            next_due: format!(
                "{least}(COALESCE(CASE WHEN f.state = 'draft' THEN f.drafting_due END, {never}), \
                 COALESCE(CASE WHEN {running} THEN f.period_end END, {never}), \
                 COALESCE(CASE WHEN {running} AND f.period_end >= '{today}' \
                 THEN f.quality_check_due END, {never}), COALESCE(f.follow_up_due, {never}))"
            ),
        }
    }
}

impl Store {
    /// The desk of the plans `coordinator` coordinates (everyone's when `None`) in `scope`
    /// (every programme when `None`) as of `today`: each list's count and its first
    /// `LIST_LIMIT` plans, oldest first, and the tasks due within a week, soonest first.
    pub async fn desk(
        &self,
        coordinator: Option<&str>,
        scope: Option<&[String]>,
        today: NaiveDate,
        all: bool,
    ) -> StoreResult<Desk> {
        let Some(chosen) = PlanFilter::of(coordinator, scope) else {
            return Ok(Desk::new(Vec::new(), today, all));
        };
        let lists = Lists::new(today, self.backend());
        let counted = |condition: &str| format!("SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)");
        let sql = chosen.sql(
            &format!(
                "SELECT {}, {}, {}, {}, {} FROM plan_facts f WHERE 1 = 1",
                counted("f.closed = 0 AND f.state = 'submitted'"),
                counted("f.closed = 0 AND f.state = 'draft'"),
                counted(lists.running),
                counted(&lists.ending),
                counted(&lists.follow_ups),
            ),
            "",
        );
        let row = chosen.bind(&sql).fetch_one(self.pool()).await?;
        let number = |i: usize| -> StoreResult<u32> {
            let n = row.try_get::<Option<i64>, _>(i)?.unwrap_or(0);
            u32::try_from(n).map_err(|e| corrupt(e.to_string()))
        };
        let counts = DeskCounts {
            awaiting_approval: number(0)?,
            drafts: number(1)?,
            running: number(2)?,
            ending_soon: number(3)?,
            follow_ups_due: number(4)?,
        };
        let rows = fact_rows(self.backend());
        let chosen = &chosen;
        // The first `limit` plans meeting `condition` in `order`, chosen from the facts alone.
        let picked = |condition: &str, order: &str, limit: usize| {
            let sql = chosen.sql(
                &format!(
                    "{rows} WHERE f.plan_id IN (SELECT f.plan_id FROM plan_facts f \
                     WHERE {condition}"
                ),
                &format!(" ORDER BY {order} LIMIT {limit}) ORDER BY {order}"),
            );
            async move {
                let found = chosen.bind(&sql).fetch_all(self.pool()).await?;
                found.iter().map(fact_row).collect::<StoreResult<Vec<_>>>()
            }
        };
        let oldest = "f.created_at, f.plan_id";
        let list = |condition: String| picked(&condition, oldest, LIST_LIMIT);
        let week = today + Days::new(super::desk::WEEK);
        let soonest = format!("{}, f.plan_id", lists.next_due);
        let due_within_week = format!("{} <= '{week}'", lists.next_due);
        // A plan's tasks are due on or after its earliest due day, so the plans first due hold
        // the first tasks.
        let due = picked(&due_within_week, &soonest, LIST_LIMIT).await?;
        let mut tasks = Desk::new(due, today, all).tasks;
        tasks.truncate(LIST_LIMIT);
        Ok(Desk {
            today: Some(today),
            awaiting_approval: list("f.closed = 0 AND f.state = 'submitted'".into()).await?,
            drafts: list("f.closed = 0 AND f.state = 'draft'".into()).await?,
            running: list(lists.running.into()).await?,
            ending_soon: list(lists.ending.clone()).await?,
            follow_ups_due: list(lists.follow_ups.clone()).await?,
            tasks,
            all,
            counts,
        })
    }

    /// The half-year's plans in `scope` (every programme when `None`) counted as of `today`:
    /// by where they stand and by service, and the outcomes within it.
    pub async fn summary_counts(
        &self,
        scope: Option<&[String]>,
        half: HalfYear,
        today: NaiveDate,
    ) -> StoreResult<SummaryCounts> {
        let Some(chosen) = PlanFilter::of(None, scope) else {
            return Ok(SummaryCounts::default());
        };
        let (first, last) = (half.first_day(), half.last_day());
        // Drafted by the end of the half-year and not closed before it began.
        let concerns =
            format!("f.created_on <= '{last}' AND (f.ended_on IS NULL OR f.ended_on >= '{first}')");
        let standing = format!(
            "CASE WHEN f.closed = 1 AND f.resigned = 1 THEN 'resigned' \
             WHEN f.closed = 1 THEN 'completed' \
             WHEN f.period_start IS NOT NULL AND f.period_end < '{today}' THEN 'ended' \
             WHEN f.period_start IS NOT NULL THEN 'running' \
             WHEN f.state = 'submitted' THEN 'awaiting_approval' ELSE 'draft' END"
        );
        let sql = chosen.sql(
            &format!("SELECT {standing} AS standing, COUNT(*) AS plans FROM plan_facts f WHERE {concerns}"),
            " GROUP BY 1",
        );
        let mut standings = HashMap::new();
        for row in chosen.bind(&sql).fetch_all(self.pool()).await? {
            let code: String = row.try_get("standing")?;
            let standing = Standing::from_code(&code).ok_or_else(|| corrupt(code))?;
            standings.insert(standing, count(row.try_get("plans")?)?);
        }
        let sql = chosen.sql(
            &format!(
                "SELECT s.name, COUNT(*) AS plans, SUM(s.units) AS units FROM plan_fact_services s \
                 JOIN plan_facts f ON f.plan_id = s.plan_id WHERE {concerns}"
            ),
            " GROUP BY s.name",
        );
        let mut by_service = chosen
            .bind(&sql)
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| {
                Ok(ServiceLine {
                    name: row.try_get("name")?,
                    plans: count(row.try_get("plans")?)?,
                    units: count(row.try_get("units")?)?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        by_service.sort_by(|a, b| a.name.cmp(&b.name));
        let within = |column: &str| format!("f.{column} BETWEEN '{first}' AND '{last}'");
        let counted = |condition: String| format!("SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)");
        let ended = |resigned: u8| {
            counted(format!(
                "{concerns} AND f.closed = 1 AND f.resigned = {resigned} AND {}",
                within("ended_on")
            ))
        };
        let sql = chosen.sql(
            &format!(
                "SELECT {}, {}, {} FROM plan_facts f WHERE 1 = 1",
                ended(0),
                ended(1),
                // A follow-up comes six months after the end: usually of an earlier half-year's plan.
                counted(within("follow_up_on")),
            ),
            "",
        );
        let row = chosen.bind(&sql).fetch_one(self.pool()).await?;
        let outcome = |i: usize| count(row.try_get::<Option<i64>, _>(i)?.unwrap_or(0));
        Ok(SummaryCounts {
            plans: standings.values().sum(),
            by_standing: Standing::ALL
                .iter()
                .map(|s| (*s, standings.get(s).copied().unwrap_or(0)))
                .collect(),
            by_service,
            completed: outcome(0)?,
            resigned: outcome(1)?,
            follow_ups: outcome(2)?,
        })
    }

    /// The monitoring entries made from `from` to `to` (days included) in plans of the
    /// programmes in `scope` (every programme when `None`), by kind.
    pub async fn plan_entry_counts(
        &self,
        scope: Option<&[String]>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<EntryLine>> {
        let mut sql = String::from(
            "SELECT e.kind, COUNT(*) AS entries, SUM(e.problem) AS problems FROM plan_entries e \
             WHERE e.happened_on BETWEEN $1 AND $2",
        );
        let mut values = vec![from.to_string(), to.to_string()];
        if let Some(scope) = scope {
            if scope.is_empty() {
                return Ok(Vec::new());
            }
            sql.push_str(&format!(
                " AND e.plan_id IN (SELECT plan_id FROM plan_facts WHERE programme_id IN ({}))",
                placeholders(3, scope.len())
            ));
            values.extend(scope.iter().cloned());
        }
        sql.push_str(" GROUP BY e.kind");
        let mut query = sqlx::query(&sql);
        for value in &values {
            query = query.bind(value);
        }
        query
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| {
                let kind: String = row.try_get("kind")?;
                let number = |column: &str| -> StoreResult<u32> {
                    let value = row.try_get::<Option<i64>, _>(column)?.unwrap_or(0);
                    u32::try_from(value).map_err(|e| corrupt(e.to_string()))
                };
                Ok(EntryLine {
                    kind: EntryKind::from_code(&kind).ok_or_else(|| corrupt(kind))?,
                    count: number("entries")?,
                    problems: number("problems")?,
                })
            })
            .collect()
    }
}

/// A plan from its `fact_rows` row.
fn fact_row(row: &sqlx::any::AnyRow) -> StoreResult<DeskPlan> {
    let day = |column: &str| from_db_optional_day(row.try_get(column)?);
    let state: String = row.try_get("state")?;
    let period = match (day("period_start")?, day("period_end")?) {
        (Some(start), Some(end)) => Some(PlanPeriod { start, end }),
        _ => None,
    };
    Ok(DeskPlan {
        id: row.try_get("id")?,
        number: row.try_get("number")?,
        case_id: row.try_get("application_id")?,
        case_number: row
            .try_get::<Option<String>, _>("case_number")?
            .unwrap_or_default(),
        person: row
            .try_get::<Option<String>, _>("person")?
            .unwrap_or_default(),
        coordinator: row
            .try_get::<Option<String>, _>("coordinator")?
            .unwrap_or_default(),
        version: u32::try_from(row.try_get::<i64, _>("version")?)
            .map_err(|e| corrupt(e.to_string()))?,
        state: VersionState::from_code(&state).ok_or_else(|| corrupt(state))?,
        period,
        drafting_due: day("drafting_due")?,
        closed: row.try_get::<i64, _>("closed")? != 0,
        follow_up_due: day("follow_up_due")?,
        quality_check_due: day("quality_check_due")?,
    })
}

fn count(n: i64) -> StoreResult<u32> {
    u32::try_from(n).map_err(|e| corrupt(e.to_string()))
}
