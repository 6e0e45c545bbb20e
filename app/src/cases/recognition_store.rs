//! Needs recognitions of a case.

use super::recognition::{NeedsRecognition, RecognitionPlace};
use crate::applications::EventKind;
use crate::case_file::timeline::insert_event;
use crate::store::{Store, StoreError, StoreResult, from_db_time, new_id, to_db_time};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

const COLUMNS: &str = "r.id, r.held_on, r.place, r.place_detail, r.participants, r.needs, \
                       r.services_used, r.proposal, u.display_name, r.created_at";

fn recognition_from_row(row: &AnyRow) -> StoreResult<NeedsRecognition> {
    let held_on: String = row.try_get("held_on")?;
    let place: String = row.try_get("place")?;
    Ok(NeedsRecognition {
        id: row.try_get("id")?,
        held_on: held_on
            .parse()
            .map_err(|_| StoreError::Corrupt(held_on.clone()))?,
        place: RecognitionPlace::from_code(&place).ok_or(StoreError::Corrupt(place))?,
        place_detail: row.try_get("place_detail")?,
        participants: row.try_get("participants")?,
        needs: row.try_get("needs")?,
        services_used: row.try_get("services_used")?,
        proposal: row.try_get("proposal")?,
        recorded_by: row.try_get("display_name")?,
        recorded_at: from_db_time(&row.try_get::<String, _>("created_at")?)?,
    })
}

impl Store {
    /// Records a needs recognition and its timeline entry; answers its id.
    pub async fn record_recognition(
        &self,
        id: &str,
        recognition: &NeedsRecognition,
        actor_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<String> {
        let recognition_id = new_id();
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO needs_recognitions (id, application_id, held_on, place, place_detail, \
             participants, needs, services_used, proposal, recorded_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(&recognition_id)
        .bind(id)
        .bind(recognition.held_on.to_string())
        .bind(recognition.place.code())
        .bind(&recognition.place_detail)
        .bind(&recognition.participants)
        .bind(&recognition.needs)
        .bind(&recognition.services_used)
        .bind(&recognition.proposal)
        .bind(actor_id)
        .bind(to_db_time(now))
        .execute(&mut *tx)
        .await?;
        insert_event(
            &mut tx,
            id,
            now,
            Some(actor_id),
            EventKind::NeedsRecognised,
            None,
            "",
        )
        .await?;
        tx.commit().await?;
        Ok(recognition_id)
    }

    /// The needs recognitions of case `id`, in order.
    pub async fn recognitions_of(&self, id: &str) -> StoreResult<Vec<NeedsRecognition>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM needs_recognitions r JOIN users u ON u.id = r.recorded_by \
             WHERE r.application_id = $1 ORDER BY r.held_on, r.created_at"
        ))
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(recognition_from_row).collect()
    }

    pub async fn recognition(
        &self,
        id: &str,
        recognition_id: &str,
    ) -> StoreResult<NeedsRecognition> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM needs_recognitions r JOIN users u ON u.id = r.recorded_by \
             WHERE r.application_id = $1 AND r.id = $2"
        ))
        .bind(id)
        .bind(recognition_id)
        .fetch_one(self.pool())
        .await?;
        recognition_from_row(&row)
    }
}
