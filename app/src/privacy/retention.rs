//! Retention: once a programme's period for keeping case files has passed (its archival
//! category, counted from 1 January after the case ended), the case's personal data goes — the
//! application, its people, notes, attachments and their files, decisions, recognitions,
//! forwardings, plans and the e-mails about it. What the statistics count stays in
//! `retired_cases`. The audit trail is not touched (it names records by id and searches by keyed
//! PESEL hashes), so its chain still verifies; each removal is itself audited.
//!
//! A case has ended when it was withdrawn or closed, or when nothing in it still runs: every
//! plan closed, and (without a plan) no service still requested, waiting or granted. Its end is
//! the day of the last entry in its timeline. Category "BE" cases are listed for the state
//! archive's assessment and kept; category "A" cases are kept for ever.

use crate::audit::{AuditAction, AuditEvent};
use crate::domain::{ArchivalCategory, warsaw_date};
use crate::store::{Store, StoreResult, from_db_time, to_db_time};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sqlx::Row;
use std::path::Path;

/// A case past its programme's period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueCase {
    pub id: String,
    pub case_number: Option<String>,
    pub programme: String,
    pub category: ArchivalCategory,
    pub ended_on: NaiveDate,
    pub kept_until: NaiveDate,
}

impl DueCase {
    /// "BE": the state archive assesses the files before anything is removed.
    pub fn awaits_assessment(&self) -> bool {
        matches!(self.category, ArchivalCategory::Review(_))
    }
}

/// The ended cases whose last entry is before `cutoff`, of one programme version.
const ENDED_BEFORE: &str = "\
    SELECT a.id, a.case_number, last.at AS last_at FROM applications a \
    JOIN (SELECT application_id, MAX(at) AS at FROM case_events GROUP BY application_id) last \
      ON last.application_id = a.id \
    WHERE a.programme_id = $1 AND a.status <> 'draft' AND last.at < $2 \
      AND (a.status IN ('withdrawn', 'closed') OR ( \
        NOT EXISTS (SELECT 1 FROM plans p WHERE p.application_id = a.id AND p.closed_at IS NULL) \
        AND (EXISTS (SELECT 1 FROM plans p WHERE p.application_id = a.id) \
          OR NOT EXISTS (SELECT 1 FROM application_services s WHERE s.application_id = a.id \
            AND s.status IN ('requested', 'waiting', 'qualified'))))) \
    ORDER BY last.at";

impl Store {
    /// Every case past its period on `today`, oldest end first (category "A" never is).
    pub async fn cases_past_retention(&self, today: NaiveDate) -> StoreResult<Vec<DueCase>> {
        let mut due = Vec::new();
        for programme in self.programmes().await? {
            let category = programme.retention.category;
            let Some(before) = category.ended_before(today) else {
                continue;
            };
            let rows = sqlx::query(ENDED_BEFORE)
                .bind(&programme.id)
                .bind(to_db_time(warsaw_midnight(before)))
                .fetch_all(self.pool())
                .await?;
            for row in rows {
                let ended_on = warsaw_date(from_db_time(&row.try_get::<String, _>("last_at")?)?);
                due.push(DueCase {
                    id: row.try_get("id")?,
                    case_number: row.try_get("case_number")?,
                    programme: programme.name.clone(),
                    category,
                    ended_on,
                    kept_until: category.kept_until(ended_on).unwrap_or(today),
                });
            }
        }
        due.sort_by_key(|case| case.ended_on);
        Ok(due)
    }

    /// Removes the case's personal data, keeping its statistical row; answers the ids of its
    /// attachments (whose files the caller deletes). Audited before anything goes.
    pub async fn retire_case(
        &self,
        case: &DueCase,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<String>> {
        let event = AuditEvent {
            record_type: Some("application".into()),
            record_id: Some(case.id.clone()),
            purpose: Some("retention".into()),
            ..AuditEvent::new(AuditAction::Delete)
        };
        self.audit(&event, now).await?;
        let mut tx = self.pool().begin().await?;
        let attachments: Vec<String> =
            sqlx::query_scalar("SELECT id FROM attachments WHERE application_id = $1")
                .bind(&case.id)
                .fetch_all(&mut *tx)
                .await?;
        let services: Vec<(String, String)> = sqlx::query_as(
            "SELECT service_id, status FROM application_services WHERE application_id = $1 \
             ORDER BY position",
        )
        .bind(&case.id)
        .fetch_all(&mut *tx)
        .await?;
        let services: Vec<serde_json::Value> = services
            .into_iter()
            .map(|(service_id, status)| serde_json::json!({"service_id": service_id, "status": status}))
            .collect();
        let had_plan: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM plans WHERE application_id = $1")
                .bind(&case.id)
                .fetch_one(&mut *tx)
                .await?;
        sqlx::query(
            "INSERT INTO retired_cases (id, programme_id, case_number, channel, registered_on, \
             ended_on, services, had_plan, category, retired_at) \
             SELECT id, programme_id, case_number, channel, registered_on, $2, $3, $4, $5, $6 \
             FROM applications WHERE id = $1",
        )
        .bind(&case.id)
        .bind(case.ended_on.to_string())
        .bind(serde_json::Value::Array(services).to_string())
        .bind(i64::from(had_plan > 0))
        .bind(case.category.to_string())
        .bind(to_db_time(now))
        .execute(&mut *tx)
        .await?;
        if let Some(number) = &case.case_number {
            sqlx::query("DELETE FROM outbox WHERE subject LIKE $1 OR body_text LIKE $1")
                .bind(format!("%{number}%"))
                .execute(&mut *tx)
                .await?;
        }
        // Everything else about the case goes with it (ON DELETE CASCADE).
        sqlx::query("DELETE FROM applications WHERE id = $1")
            .bind(&case.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(attachments)
    }
}

/// Retires every due case but those awaiting the archive's assessment, deleting their files
/// from `files_dir`; answers what went.
pub async fn apply_retention(
    store: &Store,
    files_dir: &Path,
    now: DateTime<Utc>,
) -> StoreResult<Vec<DueCase>> {
    let due = store.cases_past_retention(warsaw_date(now)).await?;
    let mut retired = Vec::new();
    for case in due.into_iter().filter(|case| !case.awaits_assessment()) {
        for attachment in store.retire_case(&case, now).await? {
            let path = files_dir.join(&attachment);
            if let Err(error) = tokio::fs::remove_file(&path).await
                && error.kind() != std::io::ErrorKind::NotFound
            {
                tracing::warn!(%error, attachment, "a retired case's file could not be deleted");
            }
        }
        retired.push(case);
    }
    if !retired.is_empty() {
        tracing::info!(
            cases = retired.len(),
            "retention: case files past their period removed"
        );
    }
    Ok(retired)
}

/// Midnight in Warsaw at the start of `day`, in UTC.
fn warsaw_midnight(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    chrono_tz::Europe::Warsaw
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |at| at.with_timezone(&Utc))
}
