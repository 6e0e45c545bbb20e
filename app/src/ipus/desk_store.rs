//! The plans desk's and the half-yearly summary's rows: three queries (plans with their cases,
//! their versions, their last quality checks) whatever the number of plans; and the summary's
//! count of monitoring entries.

use super::desk::DeskPlan;
use super::monitoring::{EntryKind, quality_check_due};
use super::rules::{CheckFrequency, PlanContent, PlanPeriod, VersionState, drafting_due};
use super::summary::{EntryLine, SummaryPlan};
use crate::applications::PersonInput;
use crate::applications::store::corrupt;
use crate::programme::store::from_json;
use crate::store::{
    Store, StoreResult, from_db_day, from_db_optional_day, from_db_time, placeholders,
};
use chrono::NaiveDate;
use sqlx::Row;
use std::collections::HashMap;

/// What the desk needs of a plan's versions.
#[derive(Default)]
struct VersionFacts {
    /// The last version and its state.
    last: Option<(u32, VersionState)>,
    /// The period of the version in force.
    period: Option<PlanPeriod>,
    /// How often the version in force has its quality checked.
    frequency: CheckFrequency,
    /// Some version was submitted once.
    submitted: bool,
    /// The services (name, units) of the version in force, or of the last version.
    services: Vec<(String, u32)>,
}

impl Store {
    /// The plans of cases coordinated by `coordinator` (everyone's when `None`) of the
    /// programmes in `scope` (every programme when `None`), oldest first.
    pub async fn desk_plans(
        &self,
        coordinator: Option<&str>,
        scope: Option<&[String]>,
    ) -> StoreResult<Vec<DeskPlan>> {
        let plans = self.summary_plans(coordinator, scope).await?;
        Ok(plans.into_iter().map(|plan| plan.desk).collect())
    }

    /// `desk_plans` with what the half-yearly summary counts.
    pub async fn summary_plans(
        &self,
        coordinator: Option<&str>,
        scope: Option<&[String]>,
    ) -> StoreResult<Vec<SummaryPlan>> {
        let mut sql = String::from(
            "SELECT p.id, p.number, p.application_id, a.case_number, a.subject, a.registered_on, \
             u.display_name AS coordinator, p.created_at, p.closed_at, c.ended_on, c.resignation, \
             c.follow_up_due, c.follow_up_on \
             FROM plans p JOIN applications a ON a.id = p.application_id \
             LEFT JOIN users u ON u.id = a.coordinator_id \
             LEFT JOIN plan_closures c ON c.plan_id = p.id WHERE 1 = 1",
        );
        let mut values: Vec<&str> = Vec::new();
        if let Some(coordinator) = coordinator {
            values.push(coordinator);
            sql.push_str(&format!(" AND a.coordinator_id = ${}", values.len()));
        }
        if let Some(scope) = scope {
            if scope.is_empty() {
                return Ok(Vec::new());
            }
            let list = placeholders(values.len() + 1, scope.len());
            values.extend(scope.iter().map(String::as_str));
            sql.push_str(&format!(" AND a.programme_id IN ({list})"));
        }
        sql.push_str(" ORDER BY p.created_at, p.number");
        let mut query = sqlx::query(&sql);
        for value in &values {
            query = query.bind(*value);
        }
        let rows = query.fetch_all(self.pool()).await?;
        let ids: Vec<String> = rows
            .iter()
            .map(|row| row.try_get("id"))
            .collect::<Result<_, _>>()?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut versions = self.desk_versions(&ids).await?;
        let checks = self.last_quality_checks(&ids).await?;
        let mut plans = Vec::with_capacity(rows.len());
        for (row, id) in rows.iter().zip(ids) {
            let facts = versions.remove(&id).unwrap_or_default();
            let (version, state) = facts
                .last
                .ok_or_else(|| corrupt(format!("plan {id} without versions")))?;
            let (period, submitted, services) = (facts.period, facts.submitted, facts.services);
            let frequency = facts.frequency;
            let subject: PersonInput = from_json(&row.try_get::<String, _>("subject")?)?;
            let closed = row.try_get::<Option<String>, _>("closed_at")?.is_some();
            let follow_up_on = from_db_optional_day(row.try_get("follow_up_on")?)?;
            let created_at = from_db_time(&row.try_get::<String, _>("created_at")?)?;
            let desk = DeskPlan {
                number: row.try_get("number")?,
                case_id: row.try_get("application_id")?,
                case_number: row
                    .try_get::<Option<String>, _>("case_number")?
                    .unwrap_or_default(),
                person: subject.name,
                coordinator: row
                    .try_get::<Option<String>, _>("coordinator")?
                    .unwrap_or_default(),
                version,
                state,
                period,
                drafting_due: from_db_optional_day(row.try_get("registered_on")?)?
                    .filter(|_| !submitted)
                    .map(drafting_due),
                closed,
                follow_up_due: from_db_optional_day(row.try_get("follow_up_due")?)?
                    .filter(|_| follow_up_on.is_none()),
                quality_check_due: period
                    .filter(|_| !closed)
                    .map(|p| quality_check_due(checks.get(&id).copied(), p.start, frequency)),
                id,
            };
            plans.push(SummaryPlan {
                desk,
                created_on: crate::domain::warsaw_date(created_at),
                services,
                ended_on: from_db_optional_day(row.try_get("ended_on")?)?,
                resigned: !row
                    .try_get::<Option<String>, _>("resignation")?
                    .unwrap_or_default()
                    .is_empty(),
                follow_up_on,
            });
        }
        Ok(plans)
    }

    /// What the desk needs of each plan's versions.
    async fn desk_versions(&self, ids: &[String]) -> StoreResult<HashMap<String, VersionFacts>> {
        let sql = format!(
            "SELECT plan_id, version, state, content, submitted_at FROM plan_versions \
             WHERE plan_id IN ({}) ORDER BY plan_id, version",
            placeholders(1, ids.len())
        );
        let mut query = sqlx::query(&sql);
        for id in ids {
            query = query.bind(id);
        }
        let mut out: HashMap<String, VersionFacts> = HashMap::new();
        for row in query.fetch_all(self.pool()).await? {
            let state: String = row.try_get("state")?;
            let state = VersionState::from_code(&state).ok_or_else(|| corrupt(state))?;
            let version = u32::try_from(row.try_get::<i64, _>("version")?)
                .map_err(|e| corrupt(e.to_string()))?;
            let entry = out.entry(row.try_get("plan_id")?).or_default();
            entry.last = Some((version, state));
            let in_force = state == VersionState::Approved;
            if in_force || entry.period.is_none() {
                let content: PlanContent = from_json(&row.try_get::<String, _>("content")?)?;
                entry.services = content
                    .services
                    .into_iter()
                    .map(|s| (s.name, s.units))
                    .collect();
                if in_force {
                    entry.period = Some(content.period);
                    entry.frequency = content.quality_frequency;
                }
            }
            entry.submitted |= row.try_get::<Option<String>, _>("submitted_at")?.is_some();
        }
        Ok(out)
    }

    /// The day of each plan's last quality check.
    async fn last_quality_checks(&self, ids: &[String]) -> StoreResult<HashMap<String, NaiveDate>> {
        let sql = format!(
            "SELECT plan_id, MAX(happened_on) AS last FROM plan_entries \
             WHERE kind = 'quality_check' AND plan_id IN ({}) GROUP BY plan_id",
            placeholders(1, ids.len())
        );
        let mut query = sqlx::query(&sql);
        for id in ids {
            query = query.bind(id);
        }
        query
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| {
                Ok((
                    row.try_get("plan_id")?,
                    from_db_day(&row.try_get::<String, _>("last")?)?,
                ))
            })
            .collect()
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
             JOIN plans p ON p.id = e.plan_id JOIN applications a ON a.id = p.application_id \
             WHERE e.happened_on BETWEEN $1 AND $2",
        );
        let mut values = vec![from.to_string(), to.to_string()];
        if let Some(scope) = scope {
            if scope.is_empty() {
                return Ok(Vec::new());
            }
            sql.push_str(&format!(
                " AND a.programme_id IN ({})",
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
