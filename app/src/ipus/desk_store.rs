//! The plans desk's rows: three queries (plans with their cases, their versions, their last
//! quality checks) whatever the number of plans.

use super::desk::DeskPlan;
use super::monitoring::quality_check_due;
use super::rules::{PlanContent, PlanPeriod, VersionState, drafting_due};
use crate::applications::PersonInput;
use crate::applications::store::corrupt;
use crate::programme::store::from_json;
use crate::store::{Store, StoreResult, from_db_day, from_db_optional_day, placeholders};
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
    /// Some version was submitted once.
    submitted: bool,
}

impl Store {
    /// The plans of cases coordinated by `coordinator` (everyone's when `None`) of the
    /// programmes in `scope` (every programme when `None`), oldest first.
    pub async fn desk_plans(
        &self,
        coordinator: Option<&str>,
        scope: Option<&[String]>,
    ) -> StoreResult<Vec<DeskPlan>> {
        let mut sql = String::from(
            "SELECT p.id, p.number, p.application_id, a.case_number, a.subject, a.registered_on, \
             u.display_name AS coordinator, p.closed_at, c.follow_up_due, c.follow_up_on \
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
            let (period, submitted) = (facts.period, facts.submitted);
            let subject: PersonInput = from_json(&row.try_get::<String, _>("subject")?)?;
            let closed = row.try_get::<Option<String>, _>("closed_at")?.is_some();
            let follow_up_on = from_db_optional_day(row.try_get("follow_up_on")?)?;
            plans.push(DeskPlan {
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
                    .map(|p| quality_check_due(checks.get(&id).copied(), p.start)),
                id,
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
            if state == VersionState::Approved {
                let content: PlanContent = from_json(&row.try_get::<String, _>("content")?)?;
                entry.period = Some(content.period);
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
}
