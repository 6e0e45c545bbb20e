//! The OSL plans' versions and what the activities added to their goals, in the database.

use super::plan::{Contribution, PlanState, PlanVersion};
use crate::store::rows::{coded, json_column as json, to_json};
use crate::store::{
    Store, StoreError, StoreResult, from_db_time, new_id, placeholders, to_db_time,
};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::HashMap;

const PLAN_COLUMNS: &str = "p.id, p.year, p.version, p.state, p.goals, p.tasks, p.changes, \
     p.revision, c.display_name AS created_by, p.created_at, a.display_name AS adopted_by, \
     p.adopted_at FROM osl_plans p JOIN users c ON c.id = p.created_by \
     LEFT JOIN users a ON a.id = p.adopted_by";

fn plan_from(row: &AnyRow) -> StoreResult<PlanVersion> {
    let number = |column: &str| -> StoreResult<i64> { Ok(row.try_get::<i64, _>(column)?) };
    let adopted_at: Option<String> = row.try_get("adopted_at")?;
    Ok(PlanVersion {
        id: row.try_get("id")?,
        year: i32::try_from(number("year")?).unwrap_or_default(),
        version: u32::try_from(number("version")?).unwrap_or_default(),
        state: coded(row, "state", PlanState::from_code)?,
        goals: json(row, "goals")?,
        tasks: json(row, "tasks")?,
        changes: row.try_get("changes")?,
        revision: u32::try_from(number("revision")?).unwrap_or_default(),
        created_by: row.try_get("created_by")?,
        created_at: from_db_time(&row.try_get::<String, _>("created_at")?)?,
        adopted_by: row.try_get("adopted_by")?,
        adopted_at: adopted_at.as_deref().map(from_db_time).transpose()?,
    })
}

impl Store {
    /// Every version of a community's plan for `year`, newest first.
    pub async fn osl_plan_versions(
        &self,
        community_id: &str,
        year: i32,
    ) -> StoreResult<Vec<PlanVersion>> {
        let rows = sqlx::query(&format!(
            "SELECT {PLAN_COLUMNS} WHERE p.community_id = $1 AND p.year = $2 \
             ORDER BY p.version DESC"
        ))
        .bind(community_id)
        .bind(i64::from(year))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(plan_from).collect()
    }

    /// The year's draft; when there is none, a new one copied from the newest version (or
    /// empty for the first).
    pub async fn osl_plan_draft(
        &self,
        community_id: &str,
        year: i32,
        by: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<PlanVersion> {
        let versions = self.osl_plan_versions(community_id, year).await?;
        if let Some(draft) = versions.iter().find(|v| v.state == PlanState::Draft) {
            return Ok(draft.clone());
        }
        let newest = versions.first();
        // Two first edits at once: the unique indexes keep one draft, both then use it.
        sqlx::query(
            "INSERT INTO osl_plans (id, community_id, year, version, state, goals, tasks, \
             changes, revision, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, 'draft', $5, $6, '', 0, $7, $8, $8) ON CONFLICT DO NOTHING",
        )
        .bind(new_id())
        .bind(community_id)
        .bind(i64::from(year))
        .bind(i64::from(newest.map_or(0, |v| v.version) + 1))
        .bind(to_json(
            &newest.map(|v| v.goals.clone()).unwrap_or_default(),
        )?)
        .bind(to_json(
            &newest.map(|v| v.tasks.clone()).unwrap_or_default(),
        )?)
        .bind(by)
        .bind(to_db_time(now))
        .execute(self.pool())
        .await?;
        self.osl_plan_versions(community_id, year)
            .await?
            .into_iter()
            .find(|v| v.state == PlanState::Draft)
            .ok_or(StoreError::Conflict)
    }

    /// Saves the draft's goals and tasks, if nobody saved it since it was read (`Conflict`).
    pub async fn save_osl_plan_draft(
        &self,
        draft: &PlanVersion,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let saved = sqlx::query(
            "UPDATE osl_plans SET goals = $2, tasks = $3, revision = revision + 1, \
             updated_at = $4 WHERE id = $1 AND state = 'draft' AND revision = $5",
        )
        .bind(&draft.id)
        .bind(to_json(&draft.goals)?)
        .bind(to_json(&draft.tasks)?)
        .bind(to_db_time(now))
        .bind(i64::from(draft.revision))
        .execute(self.pool())
        .await?;
        match saved.rows_affected() {
            0 => Err(StoreError::Conflict),
            _ => Ok(()),
        }
    }

    /// Adopts the draft as it stood at `revision`; the version adopted before is superseded.
    pub async fn adopt_osl_plan(
        &self,
        draft_id: &str,
        revision: u32,
        changes: &str,
        by: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        let adopted = sqlx::query(
            "UPDATE osl_plans SET state = 'adopted', changes = $3, adopted_by = $4, \
             adopted_at = $5, updated_at = $5 WHERE id = $1 AND state = 'draft' AND revision = $2",
        )
        .bind(draft_id)
        .bind(i64::from(revision))
        .bind(changes)
        .bind(by)
        .bind(to_db_time(now))
        .execute(&mut *tx)
        .await?;
        if adopted.rows_affected() == 0 {
            return Err(StoreError::Conflict);
        }
        sqlx::query(
            "UPDATE osl_plans SET state = 'superseded', updated_at = $2 \
             WHERE state = 'adopted' AND id <> $1 AND (community_id, year) = \
             (SELECT community_id, year FROM osl_plans WHERE id = $1)",
        )
        .bind(draft_id)
        .bind(to_db_time(now))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// What the activities with attendance recorded added to each of the goals.
    pub async fn goal_contributions(
        &self,
        goal_ids: &[String],
    ) -> StoreResult<HashMap<String, Contribution>> {
        if goal_ids.is_empty() {
            return Ok(HashMap::new());
        }
        let sql = format!(
            "SELECT goal_id, COUNT(*) AS activities, \
             CAST(SUM(COALESCE(attended, 0) + COALESCE(walk_ins, 0)) AS BIGINT) AS participants, \
             CAST(SUM(COALESCE(outcome, 0)) AS BIGINT) AS outcome \
             FROM community_activities WHERE attendance_at IS NOT NULL AND goal_id IN ({}) \
             GROUP BY goal_id",
            placeholders(1, goal_ids.len())
        );
        let mut query = sqlx::query(&sql);
        for id in goal_ids {
            query = query.bind(id);
        }
        let rows = query.fetch_all(self.pool()).await?;
        let count = |row: &AnyRow, column: &str| -> StoreResult<u32> {
            Ok(u32::try_from(row.try_get::<i64, _>(column)?).unwrap_or(u32::MAX))
        };
        rows.iter()
            .map(|row| {
                Ok((
                    row.try_get("goal_id")?,
                    Contribution {
                        activities: count(row, "activities")?,
                        participants: count(row, "participants")?,
                        outcome: count(row, "outcome")?,
                    },
                ))
            })
            .collect()
    }
}
