//! Monitoring entries, the closing and the follow-up of plans, as stored.

use super::monitoring::{Closure, EntryKind, PlanEntry};
use crate::applications::{EventKind, RequestStatus};
use crate::case_file::places::{Promotion, end_granted_services};
use crate::case_file::timeline::insert_event;
use crate::store::rows::corrupt;
use crate::store::{
    Store, StoreError, StoreResult, from_db_day, from_db_optional_day, from_db_time, new_id,
    to_db_time,
};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

impl Store {
    /// Records a monitoring entry; the same day, kind and text again (a double submit) is
    /// recorded once.
    pub async fn add_plan_entry(
        &self,
        plan_id: &str,
        entry: &PlanEntry,
        author_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(format!(
            "{}\n{}\n{}",
            entry.happened_on,
            entry.kind.code(),
            entry.body
        ));
        let inserted = sqlx::query(
            "INSERT INTO plan_entries (id, plan_id, happened_on, kind, body, problem, author_id, \
             created_at, digest) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(new_id())
        .bind(plan_id)
        .bind(entry.happened_on.to_string())
        .bind(entry.kind.code())
        .bind(&entry.body)
        .bind(i32::from(entry.problem))
        .bind(author_id)
        .bind(to_db_time(now))
        .bind(format!("{digest:x}"))
        .execute(self.pool())
        .await;
        match inserted.map_err(StoreError::from) {
            // A quality check moves the next one.
            Ok(_) => self.refresh_plan_facts(plan_id).await,
            Err(StoreError::Conflict) => Ok(()),
            Err(other) => Err(other),
        }
    }

    /// The plan's entries, newest first, with their authors' names.
    pub async fn plan_entries(&self, plan_id: &str) -> StoreResult<Vec<PlanEntry>> {
        sqlx::query(
            "SELECT e.id, e.happened_on, e.kind, e.body, e.problem, u.display_name, e.created_at \
             FROM plan_entries e JOIN users u ON u.id = e.author_id WHERE e.plan_id = $1 \
             ORDER BY e.happened_on DESC, e.created_at DESC",
        )
        .bind(plan_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|row| {
            let kind: String = row.try_get("kind")?;
            Ok(PlanEntry {
                id: row.try_get("id")?,
                happened_on: from_db_day(&row.try_get::<String, _>("happened_on")?)?,
                kind: EntryKind::from_code(&kind).ok_or_else(|| corrupt(kind))?,
                body: row.try_get("body")?,
                problem: row.try_get::<i32, _>("problem")? != 0,
                author: row.try_get("display_name")?,
                created_at: from_db_time(&row.try_get::<String, _>("created_at")?)?,
            })
        })
        .collect()
    }

    /// Closes the plan with its section F; the follow-up becomes due. The case's granted
    /// services end with it (completed, or resigned on a resignation) and their places go to
    /// the waiting lists: answers who got them. `Conflict` when it was closed already.
    pub async fn close_plan(
        &self,
        plan_id: &str,
        closure: &Closure,
        by: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<Promotion>> {
        let mut tx = self.pool().begin().await?;
        let reason = if closure.resignation.is_empty() {
            "completed"
        } else {
            "resignation"
        };
        let closed = sqlx::query(
            "UPDATE plans SET closed_at = $2, close_reason = $3 WHERE id = $1 AND closed_at IS NULL",
        )
        .bind(plan_id)
        .bind(to_db_time(now))
        .bind(reason)
        .execute(&mut *tx)
        .await?;
        if closed.rows_affected() == 0 {
            return Err(StoreError::Conflict);
        }
        sqlx::query(
            "INSERT INTO plan_closures (plan_id, ended_on, resignation, conversation_on, course, \
             results, closed_by, follow_up_due) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(plan_id)
        .bind(closure.ended_on.to_string())
        .bind(&closure.resignation)
        .bind(closure.conversation_on.map(|d| d.to_string()))
        .bind(&closure.course)
        .bind(&closure.results)
        .bind(by)
        .bind(closure.follow_up_due.to_string())
        .execute(&mut *tx)
        .await?;
        let application_id = super::store::case_of_plan(&mut tx, plan_id).await?;
        insert_event(
            &mut tx,
            &application_id,
            now,
            Some(by),
            EventKind::PlanClosed,
            None,
            reason,
        )
        .await?;
        let ended = if closure.resignation.is_empty() {
            RequestStatus::Completed
        } else {
            RequestStatus::Resigned
        };
        let promotions = end_granted_services(
            &mut tx,
            &application_id,
            ended,
            by,
            &closure.resignation,
            now,
        )
        .await?;
        tx.commit().await?;
        self.refresh_plan_facts(plan_id).await?;
        Ok(promotions)
    }

    /// The closing of the plan, once closed.
    pub async fn plan_closure(&self, plan_id: &str) -> StoreResult<Option<Closure>> {
        let row = sqlx::query("SELECT * FROM plan_closures WHERE plan_id = $1")
            .bind(plan_id)
            .fetch_optional(self.pool())
            .await?;
        let Some(row) = row else { return Ok(None) };
        let optional_day = |column: &str| -> StoreResult<Option<NaiveDate>> {
            from_db_optional_day(row.try_get(column)?)
        };
        Ok(Some(Closure {
            ended_on: from_db_day(&row.try_get::<String, _>("ended_on")?)?,
            resignation: row.try_get("resignation")?,
            conversation_on: optional_day("conversation_on")?,
            course: row.try_get("course")?,
            results: row.try_get("results")?,
            follow_up_due: from_db_day(&row.try_get::<String, _>("follow_up_due")?)?,
            follow_up_on: optional_day("follow_up_on")?,
            follow_up_findings: row.try_get("follow_up_findings")?,
        }))
    }

    /// Records the follow-up (section G); a second record replaces the first.
    pub async fn record_follow_up(
        &self,
        plan_id: &str,
        held_on: NaiveDate,
        findings: &str,
        by: &str,
    ) -> StoreResult<()> {
        let recorded = sqlx::query(
            "UPDATE plan_closures SET follow_up_on = $2, follow_up_findings = $3, \
             follow_up_by = $4 WHERE plan_id = $1",
        )
        .bind(plan_id)
        .bind(held_on.to_string())
        .bind(findings)
        .bind(by)
        .execute(self.pool())
        .await?;
        if recorded.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        self.refresh_plan_facts(plan_id).await
    }
}
