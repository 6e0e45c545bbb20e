//! A person's part in activities, seen from outside the calendar: the activities a plan's
//! section E can name, a person's sign-ups (their account's, or made for their case), and the
//! sign-up an account may cancel; and forgetting who signed up once an activity is over.

use super::{ActivityRef, PersonRegistration, RegistrationStatus};
use crate::store::rows::coded;
use crate::store::{Store, StoreError, StoreResult, from_db_time, to_db_time};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

const REF_COLUMNS: &str = "a.id AS activity_id, a.title, a.starts_at, a.place, a.public, \
     c.name AS community_name";
const REF_FROM: &str = "FROM community_activities a JOIN communities c ON c.id = a.community_id";

fn activity_ref(row: &AnyRow) -> StoreResult<ActivityRef> {
    Ok(ActivityRef {
        id: row.try_get("activity_id")?,
        title: row.try_get("title")?,
        starts_at: from_db_time(&row.try_get::<String, _>("starts_at")?)?,
        place: row.try_get("place")?,
        community_name: row.try_get("community_name")?,
        public: super::store::flag(row, "public")?,
    })
}

impl Store {
    /// Activities, public and internal, starting from `from` until `until`, soonest first;
    /// at most `limit`.
    pub async fn activity_refs_between(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<ActivityRef>> {
        let rows = sqlx::query(&format!(
            "SELECT {REF_COLUMNS} {REF_FROM} WHERE a.starts_at >= $1 AND a.starts_at < $2 \
             ORDER BY a.starts_at, a.title LIMIT $3"
        ))
        .bind(to_db_time(from))
        .bind(to_db_time(until))
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(activity_ref).collect()
    }

    pub async fn activity_ref(&self, id: &str) -> StoreResult<ActivityRef> {
        let row = sqlx::query(&format!("SELECT {REF_COLUMNS} {REF_FROM} WHERE a.id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        activity_ref(&row)
    }

    /// The sign-ups, not cancelled, made with the account `user_id` or for the case
    /// `application_id`, the latest activity first.
    pub async fn registrations_of_person(
        &self,
        user_id: Option<&str>,
        application_id: Option<&str>,
    ) -> StoreResult<Vec<PersonRegistration>> {
        let rows = sqlx::query(&format!(
            "SELECT r.id, r.status, {REF_COLUMNS} FROM activity_registrations r \
             JOIN community_activities a ON a.id = r.activity_id \
             JOIN communities c ON c.id = a.community_id \
             WHERE r.status <> 'cancelled' AND (r.user_id = $1 OR r.application_id = $2) \
             ORDER BY a.starts_at DESC, r.id"
        ))
        .bind(user_id)
        .bind(application_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(PersonRegistration {
                    id: row.try_get("id")?,
                    activity: activity_ref(row)?,
                    status: coded(row, "status", RegistrationStatus::from_code)?,
                })
            })
            .collect()
    }

    /// The token hash of the sign-up `id` made with the account `user_id` (to cancel it as
    /// the link would); `NotFound` for anyone else's.
    pub async fn own_registration_token(&self, id: &str, user_id: &str) -> StoreResult<String> {
        let row = sqlx::query(
            "SELECT token_hash FROM activity_registrations WHERE id = $1 AND user_id = $2",
        )
        .bind(id)
        .bind(user_id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(row.try_get("token_hash")?)
    }

    /// Erases the name and contact of every sign-up for an activity that ended before
    /// `before` (the consent keeps them until the event is over); the sign-up itself stays,
    /// for the counts and the person's plan. Returns how many were erased.
    pub async fn forget_past_sign_ups(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        let done = sqlx::query(
            "UPDATE activity_registrations SET name = '', contact = '', \
             contact_key = 'forgotten:' || id WHERE contact_key NOT LIKE 'forgotten:%' \
             AND activity_id IN (SELECT id FROM community_activities WHERE ends_at < $1)",
        )
        .bind(to_db_time(before))
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected())
    }
}
