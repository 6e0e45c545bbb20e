//! Attendance of activities and the organiser's stage evaluations, in the database.

use super::attendance::NewAttendance;
use super::{Evaluation, Stage};
use crate::store::rows::coded;
use crate::store::{Store, StoreError, StoreResult, from_db_time, new_id, to_db_time};
use chrono::{DateTime, Utc};
use sqlx::Row;

impl Store {
    /// Sign-ups with a place, not yet reminded, of activities starting from `from` to `until`:
    /// (registration id, contact, locale, activity).
    pub async fn due_reminders(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> StoreResult<Vec<(String, String, String, super::Activity)>> {
        let rows = sqlx::query(
            "SELECT r.id, r.contact, r.locale, r.activity_id FROM activity_registrations r \
             JOIN community_activities a ON a.id = r.activity_id \
             WHERE r.status = 'registered' AND r.reminded_at IS NULL \
             AND a.starts_at >= $1 AND a.starts_at < $2 ORDER BY a.starts_at",
        )
        .bind(to_db_time(from))
        .bind(to_db_time(until))
        .fetch_all(self.pool())
        .await?;
        let mut due = Vec::with_capacity(rows.len());
        // Each activity is read once, however many of its sign-ups are due.
        let mut activities = std::collections::HashMap::<String, super::Activity>::new();
        for row in rows {
            let id: String = row.try_get("activity_id")?;
            let activity = match activities.get(&id) {
                Some(known) => known.clone(),
                None => {
                    let read = self.activity(&id).await?;
                    activities.insert(id, read.clone());
                    read
                }
            };
            due.push((
                row.try_get("id")?,
                row.try_get("contact")?,
                row.try_get("locale")?,
                activity,
            ));
        }
        Ok(due)
    }

    /// Marks a sign-up reminded; `false` when another instance did it first.
    pub async fn mark_reminded(
        &self,
        registration_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let marked = sqlx::query(
            "UPDATE activity_registrations SET reminded_at = $2 WHERE id = $1 \
             AND reminded_at IS NULL",
        )
        .bind(registration_id)
        .bind(to_db_time(now))
        .execute(self.pool())
        .await?;
        Ok(marked.rows_affected() == 1)
    }

    /// Records (or corrects) who came to an activity and what it achieved.
    pub async fn record_attendance(
        &self,
        activity_id: &str,
        attendance: &NewAttendance,
        by: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let updated = sqlx::query(
            "UPDATE community_activities SET attended = $2, walk_ins = $3, outcome = $4, \
             evaluation = $5, attendance_by = $6, attendance_at = $7, updated_at = $7 \
             WHERE id = $1",
        )
        .bind(activity_id)
        .bind(i64::from(attendance.attended))
        .bind(i64::from(attendance.walk_ins))
        .bind(attendance.outcome.map(i64::from))
        .bind(&attendance.evaluation)
        .bind(by)
        .bind(to_db_time(now))
        .execute(self.pool())
        .await?;
        match updated.rows_affected() {
            0 => Err(StoreError::NotFound),
            _ => Ok(()),
        }
    }

    pub async fn insert_evaluation(
        &self,
        community_id: &str,
        stage: Stage,
        text: &str,
        by: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO community_evaluations (id, community_id, stage, text, recorded_by, \
             recorded_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(new_id())
        .bind(community_id)
        .bind(stage.code())
        .bind(text)
        .bind(by)
        .bind(to_db_time(now))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// A community's stage evaluations, newest first.
    pub async fn evaluations_of(&self, community_id: &str) -> StoreResult<Vec<Evaluation>> {
        let rows = sqlx::query(
            "SELECT e.stage, e.text, u.display_name, e.recorded_at FROM community_evaluations e \
             JOIN users u ON u.id = e.recorded_by WHERE e.community_id = $1 \
             ORDER BY e.recorded_at DESC, e.id DESC",
        )
        .bind(community_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Evaluation {
                    stage: coded(row, "stage", Stage::from_code)?,
                    text: row.try_get("text")?,
                    by: row.try_get("display_name")?,
                    at: from_db_time(&row.try_get::<String, _>("recorded_at")?)?,
                })
            })
            .collect()
    }
}
