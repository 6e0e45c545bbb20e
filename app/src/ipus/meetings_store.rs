//! The coordinators' meetings as stored: the record, its attendees and invited providers.

use super::meetings::{Meeting, NewMeeting};
use crate::store::{Store, StoreError, StoreResult, from_db_day, from_db_time, new_id, to_db_time};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use std::collections::HashMap;

impl Store {
    /// Records a meeting and answers its id; the same day, agenda and minutes again (a double
    /// submit) answer the id of the meeting recorded first.
    pub async fn record_coordinator_meeting(
        &self,
        meeting: &NewMeeting,
        by: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<String> {
        use sha2::Digest;
        let digest = format!(
            "{:x}",
            sha2::Sha256::digest(format!(
                "{}\n{}\n{}",
                meeting.held_on, meeting.agenda, meeting.minutes
            ))
        );
        let id = new_id();
        let mut tx = self.pool().begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO coordinator_meetings (id, held_on, agenda, minutes, recorded_by, \
             recorded_at, digest) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(meeting.held_on.to_string())
        .bind(&meeting.agenda)
        .bind(&meeting.minutes)
        .bind(by)
        .bind(to_db_time(now))
        .bind(&digest)
        .execute(&mut *tx)
        .await;
        match inserted.map_err(StoreError::from) {
            Ok(_) => {}
            Err(StoreError::Conflict) => {
                drop(tx);
                let row = sqlx::query("SELECT id FROM coordinator_meetings WHERE digest = $1")
                    .bind(&digest)
                    .fetch_one(self.pool())
                    .await?;
                return Ok(row.try_get("id")?);
            }
            Err(other) => return Err(other),
        }
        let links = [
            (
                "coordinator_meeting_attendees",
                "user_id",
                &meeting.attendee_ids,
            ),
            (
                "coordinator_meeting_providers",
                "provider_id",
                &meeting.provider_ids,
            ),
        ];
        for (table, column, ids) in links {
            for linked in ids {
                sqlx::query(&format!(
                    "INSERT INTO {table} (meeting_id, {column}) VALUES ($1, $2)"
                ))
                .bind(&id)
                .bind(linked)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Every meeting, the latest first, with the names of attendees and invited providers.
    pub async fn coordinator_meetings(&self) -> StoreResult<Vec<Meeting>> {
        let mut names: HashMap<String, (Vec<String>, Vec<String>)> = HashMap::new();
        let people = sqlx::query(
            "SELECT a.meeting_id, u.display_name AS name, 'attendee' AS kind \
             FROM coordinator_meeting_attendees a JOIN users u ON u.id = a.user_id \
             UNION ALL SELECT p.meeting_id, r.name, 'provider' AS kind \
             FROM coordinator_meeting_providers p JOIN providers r ON r.id = p.provider_id \
             ORDER BY name",
        )
        .fetch_all(self.pool())
        .await?;
        for row in people {
            let entry = names.entry(row.try_get("meeting_id")?).or_default();
            let list = if row.try_get::<String, _>("kind")? == "attendee" {
                &mut entry.0
            } else {
                &mut entry.1
            };
            list.push(row.try_get("name")?);
        }
        sqlx::query(
            "SELECT m.id, m.held_on, m.agenda, m.minutes, u.display_name, m.recorded_at \
             FROM coordinator_meetings m JOIN users u ON u.id = m.recorded_by \
             ORDER BY m.held_on DESC, m.recorded_at DESC",
        )
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let (attendees, providers) = names.remove(&id).unwrap_or_default();
            Ok(Meeting {
                held_on: from_db_day(&row.try_get::<String, _>("held_on")?)?,
                agenda: row.try_get("agenda")?,
                minutes: row.try_get("minutes")?,
                attendees,
                providers,
                recorded_by: row.try_get("display_name")?,
                recorded_at: from_db_time(&row.try_get::<String, _>("recorded_at")?)?,
                id,
            })
        })
        .collect()
    }

    /// How many meetings were held from `from` to `to` (days included).
    pub async fn coordinator_meetings_held(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<u32> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS held FROM coordinator_meetings WHERE held_on BETWEEN $1 AND $2",
        )
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_one(self.pool())
        .await?;
        u32::try_from(row.try_get::<i64, _>("held")?)
            .map_err(|e| crate::store::rows::corrupt(e.to_string()))
    }
}
