//! The plans' facts (`plan_facts`, `plan_fact_services`): what the desk and the half-yearly
//! summary need of each plan, computed here from its versions, monitoring entries and closing
//! and stored whenever one of them changes, so the desk reads one narrow row a plan.

use super::desk::DeskPlan;
use super::desk_store::PlanFilter;
use super::monitoring::quality_check_due;
use super::rules::{CheckFrequency, PlanContent, PlanPeriod, VersionState, drafting_due};
use crate::applications::PersonInput;
use crate::store::rows::corrupt;
use crate::store::rows::from_json;
use crate::store::{
    Store, StoreResult, from_db_day, from_db_optional_day, from_db_time, value_rows,
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

/// A plan's facts as computed.
struct PlanFacts {
    desk: DeskPlan,
    created_on: NaiveDate,
    /// The services (name, units) of the version in force, or of the last version until one
    /// is approved.
    services: Vec<(String, u32)>,
    /// The day a closed plan ended, and whether it ended on resignation.
    ended_on: Option<NaiveDate>,
    resigned: bool,
    follow_up_on: Option<NaiveDate>,
}

/// Plans whose facts are written in one statement.
const FACT_ROWS: usize = 500;

impl Store {
    /// Computes and stores the facts of plan `id` (after any change to it).
    pub async fn refresh_plan_facts(&self, id: &str) -> StoreResult<()> {
        let chosen = PlanFilter {
            sql: " AND p.id = $1".into(),
            values: vec![id],
        };
        let plans = self.computed_plans(&chosen).await?;
        self.store_plan_facts(&plans, Some(id)).await
    }

    /// Computes and stores the facts of every plan (once, for plans made before the facts were
    /// kept, and after the scale generator wrote its plans).
    pub async fn refresh_all_plan_facts(&self) -> StoreResult<()> {
        let chosen = PlanFilter {
            sql: String::new(),
            values: Vec::new(),
        };
        let plans = self.computed_plans(&chosen).await?;
        self.store_plan_facts(&plans, None).await
    }

    /// Replaces the stored facts of plan `only` (of every plan when `None`) with `plans`.
    async fn store_plan_facts(&self, plans: &[PlanFacts], only: Option<&str>) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        for table in ["plan_fact_services", "plan_facts"] {
            let sql = match only {
                Some(_) => format!("DELETE FROM {table} WHERE plan_id = $1"),
                None => format!("DELETE FROM {table}"),
            };
            let mut query = sqlx::query(&sql);
            if let Some(id) = only {
                query = query.bind(id);
            }
            query.execute(&mut *tx).await?;
        }
        let day = |day: Option<NaiveDate>| day.map(|d| d.to_string());
        for chunk in plans.chunks(FACT_ROWS) {
            let sql = format!(
                "INSERT INTO plan_facts (plan_id, version, state, period_start, period_end, \
                 drafting_due, closed, quality_check_due, follow_up_due, created_on, ended_on, \
                 resigned, follow_up_on) VALUES {}",
                value_rows(chunk.len(), 13)
            );
            let mut query = sqlx::query(&sql);
            for plan in chunk {
                let desk = &plan.desk;
                query = query
                    .bind(desk.id.clone())
                    .bind(i64::from(desk.version))
                    .bind(desk.state.code())
                    .bind(day(desk.period.map(|p| p.start)))
                    .bind(day(desk.period.map(|p| p.end)))
                    .bind(day(desk.drafting_due))
                    .bind(i64::from(desk.closed))
                    .bind(day(desk.quality_check_due))
                    .bind(day(desk.follow_up_due))
                    .bind(plan.created_on.to_string())
                    .bind(day(plan.ended_on))
                    .bind(i64::from(plan.resigned))
                    .bind(day(plan.follow_up_on));
            }
            query.execute(&mut *tx).await?;
        }
        let services: Vec<(&str, usize, &(String, u32))> = plans
            .iter()
            .flat_map(|plan| {
                plan.services
                    .iter()
                    .enumerate()
                    .map(|(i, service)| (plan.desk.id.as_str(), i, service))
            })
            .collect();
        for chunk in services.chunks(FACT_ROWS) {
            let sql = format!(
                "INSERT INTO plan_fact_services (plan_id, position, name, units) VALUES {}",
                value_rows(chunk.len(), 4)
            );
            let mut query = sqlx::query(&sql);
            for (plan, position, (name, units)) in chunk {
                query = query
                    .bind(plan.to_string())
                    .bind(*position as i64)
                    .bind(name.clone())
                    .bind(i64::from(*units));
            }
            query.execute(&mut *tx).await?;
        }
        let copies = "UPDATE plan_facts SET \
             created_at = (SELECT p.created_at FROM plans p WHERE p.id = plan_facts.plan_id), \
             programme_id = (SELECT a.programme_id FROM plans p \
             JOIN applications a ON a.id = p.application_id WHERE p.id = plan_facts.plan_id), \
             coordinator_id = (SELECT a.coordinator_id FROM plans p \
             JOIN applications a ON a.id = p.application_id WHERE p.id = plan_facts.plan_id)";
        match only {
            Some(id) => {
                let sql = format!("{copies} WHERE plan_id = $1");
                sqlx::query(&sql).bind(id).execute(&mut *tx).await?;
            }
            None => {
                sqlx::query(copies).execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// The facts of the plans `chosen` selects, computed from their versions, monitoring
    /// entries and closing.
    async fn computed_plans(&self, chosen: &PlanFilter<'_>) -> StoreResult<Vec<PlanFacts>> {
        let sql = chosen.sql(
            "SELECT p.id, p.number, p.application_id, a.case_number, a.subject, \
                 a.registered_on, u.display_name AS coordinator, p.created_at, p.closed_at, \
                 c.ended_on, c.resignation, c.follow_up_due, c.follow_up_on \
                 FROM plans p JOIN applications a ON a.id = p.application_id \
                 LEFT JOIN users u ON u.id = a.coordinator_id \
                 LEFT JOIN plan_closures c ON c.plan_id = p.id WHERE 1 = 1",
            " ORDER BY p.created_at, p.number",
        );
        let rows = chosen.bind(&sql).fetch_all(self.pool()).await?;
        let ids: Vec<String> = rows
            .iter()
            .map(|row| row.try_get("id"))
            .collect::<Result<_, _>>()?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut versions = self.desk_versions(chosen).await?;
        let checks = self.last_quality_checks(chosen).await?;
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
            plans.push(PlanFacts {
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
    async fn desk_versions(
        &self,
        plans: &PlanFilter<'_>,
    ) -> StoreResult<HashMap<String, VersionFacts>> {
        let sql = plans.sql(
            "SELECT v.plan_id, v.version, v.state, v.content, v.submitted_at \
             FROM plan_versions v JOIN plans p ON p.id = v.plan_id \
             JOIN applications a ON a.id = p.application_id WHERE 1 = 1",
            " ORDER BY v.plan_id, v.version",
        );
        let query = plans.bind(&sql);
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
    async fn last_quality_checks(
        &self,
        plans: &PlanFilter<'_>,
    ) -> StoreResult<HashMap<String, NaiveDate>> {
        let sql = plans.sql(
            "SELECT e.plan_id, MAX(e.happened_on) AS last FROM plan_entries e \
             JOIN plans p ON p.id = e.plan_id JOIN applications a ON a.id = p.application_id \
             WHERE e.kind = 'quality_check'",
            " GROUP BY e.plan_id",
        );
        let query = plans.bind(&sql);
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
