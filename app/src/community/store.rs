//! Communities, their stage history, activities and sign-ups in the database.

use super::forms::{NewActivity, NewCommunity, SignUp};
use super::{
    Accessibility, Activity, ActivityKind, Attendance, CalendarFilter, Community, CommunityKind,
    CommunitySummary, MyRegistration, Registrant, Registration, RegistrationStatus, Stage,
    StageChange, Territory,
};
use crate::domain::ServiceArea;
use crate::programme::TargetGroup;
use crate::store::rows::{coded, count, optional_coded};
use crate::store::{Store, StoreError, StoreResult, Tx, from_db_time, new_id, to_db_time};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

const COMMUNITY_COLUMNS: &str = "c.id, c.name, c.kind, c.territory, c.place, c.teryt, \
     c.target_group, c.description, c.organiser_id, u.display_name AS organiser_name, c.stage, \
     c.created_at";
const COMMUNITY_FROM: &str = "FROM communities c JOIN users u ON u.id = c.organiser_id";

const ACTIVITY_COLUMNS: &str = "a.id, a.community_id, c.name AS community_name, a.kind, a.title, \
     a.description, a.starts_at, a.ends_at, a.place, a.step_free, a.hearing_loop, \
     a.sign_language, a.capacity, a.public, a.partners, a.volunteers_needed, a.area, \
     a.target_group, a.goal_id, a.attended, a.walk_ins, a.outcome, a.evaluation, \
     a.attendance_at, a.supporting_activity_id, s.name AS supporting_name, \
     (SELECT COUNT(*) FROM activity_registrations r \
      WHERE r.activity_id = a.id AND r.status = 'registered') AS registered, \
     (SELECT COUNT(*) FROM activity_registrations r \
      WHERE r.activity_id = a.id AND r.status = 'waiting') AS waiting \
     FROM community_activities a JOIN communities c ON c.id = a.community_id \
     LEFT JOIN supporting_activities s ON s.id = a.supporting_activity_id";

pub(super) fn flag(row: &AnyRow, column: &str) -> StoreResult<bool> {
    Ok(row.try_get::<i64, _>(column)? != 0)
}

pub(super) fn community_from(row: &AnyRow) -> StoreResult<Community> {
    Ok(Community {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        kind: coded(row, "kind", CommunityKind::from_code)?,
        territory: optional_coded(row, "territory", Territory::from_code)?,
        place: row.try_get("place")?,
        teryt: row.try_get("teryt")?,
        target_group: optional_coded(row, "target_group", TargetGroup::from_code)?,
        description: row.try_get("description")?,
        organiser_id: row.try_get("organiser_id")?,
        organiser_name: row.try_get("organiser_name")?,
        stage: coded(row, "stage", Stage::from_code)?,
        created_at: from_db_time(&row.try_get::<String, _>("created_at")?)?,
    })
}

fn activity_from(row: &AnyRow) -> StoreResult<Activity> {
    Ok(Activity {
        id: row.try_get("id")?,
        community_id: row.try_get("community_id")?,
        community_name: row.try_get("community_name")?,
        kind: coded(row, "kind", ActivityKind::from_code)?,
        title: row.try_get("title")?,
        description: row.try_get("description")?,
        starts_at: from_db_time(&row.try_get::<String, _>("starts_at")?)?,
        ends_at: from_db_time(&row.try_get::<String, _>("ends_at")?)?,
        place: row.try_get("place")?,
        accessibility: Accessibility {
            step_free: flag(row, "step_free")?,
            hearing_loop: flag(row, "hearing_loop")?,
            sign_language: flag(row, "sign_language")?,
        },
        capacity: count(row, "capacity")?,
        public: flag(row, "public")?,
        partners: row.try_get("partners")?,
        volunteers_needed: count(row, "volunteers_needed")?,
        area: coded(row, "area", ServiceArea::from_code)?,
        target_group: coded(row, "target_group", TargetGroup::from_code)?,
        registered: count(row, "registered")?,
        waiting: count(row, "waiting")?,
        goal_id: row.try_get("goal_id")?,
        attendance: attendance_from(row)?,
        supporting: match row.try_get::<Option<String>, _>("supporting_activity_id")? {
            Some(id) => Some((
                id,
                row.try_get::<Option<String>, _>("supporting_name")?
                    .unwrap_or_default(),
            )),
            None => None,
        },
    })
}

fn attendance_from(row: &AnyRow) -> StoreResult<Option<Attendance>> {
    let Some(at) = row.try_get::<Option<String>, _>("attendance_at")? else {
        return Ok(None);
    };
    let number = |column: &str| -> StoreResult<Option<u32>> {
        let value: Option<i64> = row.try_get(column)?;
        Ok(value.map(|n| u32::try_from(n).unwrap_or(0)))
    };
    Ok(Some(Attendance {
        attended: number("attended")?.unwrap_or(0),
        walk_ins: number("walk_ins")?.unwrap_or(0),
        outcome: number("outcome")?,
        evaluation: row.try_get("evaluation")?,
        recorded_at: from_db_time(&at)?,
    }))
}

/// SHA-256 of the parts, hex: the same form sent twice gives the same digest.
pub(super) fn digest(parts: &[&str]) -> String {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    format!("{:x}", hasher.finalize())
}

/// What a sign-up led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignUpOutcome {
    /// A new sign-up, with a place or on the waiting list.
    New(RegistrationStatus),
    /// This contact had signed up already: nothing changed.
    Already(RegistrationStatus),
}

/// The person a cancelled place went to (first on the waiting list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promoted {
    pub registration_id: String,
    pub name: String,
    pub contact: String,
    pub locale: String,
}

impl Store {
    /// Records a community in its first stage (the diagnosis); returns its id.
    pub async fn insert_community(
        &self,
        community: &NewCommunity,
        organiser_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<String> {
        let id = new_id();
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO communities (id, name, kind, territory, place, teryt, target_group, \
             description, organiser_id, stage, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
        )
        .bind(&id)
        .bind(&community.name)
        .bind(community.kind.code())
        .bind(community.territory.map(Territory::code).unwrap_or_default())
        .bind(&community.place)
        .bind(&community.teryt)
        .bind(
            community
                .target_group
                .map(TargetGroup::code)
                .unwrap_or_default(),
        )
        .bind(&community.description)
        .bind(organiser_id)
        .bind(Stage::Diagnosis.code())
        .bind(to_db_time(now))
        .execute(&mut *tx)
        .await?;
        insert_stage_change(&mut tx, &id, None, Stage::Diagnosis, "", organiser_id, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Every community with its upcoming activities' count, by name.
    pub async fn communities(&self, now: DateTime<Utc>) -> StoreResult<Vec<CommunitySummary>> {
        let rows = sqlx::query(&format!(
            "SELECT {COMMUNITY_COLUMNS}, (SELECT COUNT(*) FROM community_activities a \
             WHERE a.community_id = c.id AND a.ends_at >= $1) AS upcoming {COMMUNITY_FROM} \
             ORDER BY c.name"
        ))
        .bind(to_db_time(now))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(CommunitySummary {
                    community: community_from(row)?,
                    upcoming: count(row, "upcoming")?,
                })
            })
            .collect()
    }

    pub async fn community(&self, id: &str) -> StoreResult<Community> {
        let row = sqlx::query(&format!(
            "SELECT {COMMUNITY_COLUMNS} {COMMUNITY_FROM} WHERE c.id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        community_from(&row)
    }

    /// The moves between stages, first to last.
    pub async fn stage_history(&self, community_id: &str) -> StoreResult<Vec<StageChange>> {
        let rows = sqlx::query(
            "SELECT s.from_stage, s.to_stage, s.reason, u.display_name, s.changed_at \
             FROM community_stage_changes s JOIN users u ON u.id = s.changed_by \
             WHERE s.community_id = $1 ORDER BY s.changed_at, s.id",
        )
        .bind(community_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let from: Option<String> = row.try_get("from_stage")?;
                Ok(StageChange {
                    from: from.as_deref().and_then(Stage::from_code),
                    to: coded(row, "to_stage", Stage::from_code)?,
                    reason: row.try_get("reason")?,
                    by: row.try_get("display_name")?,
                    at: from_db_time(&row.try_get::<String, _>("changed_at")?)?,
                })
            })
            .collect()
    }

    /// Moves a community to `to`, if it still stands at `from` (a move from another tab
    /// meanwhile is refused with `Conflict`).
    pub async fn move_stage(
        &self,
        community_id: &str,
        from: Stage,
        to: Stage,
        reason: &str,
        by: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        let moved = sqlx::query(
            "UPDATE communities SET stage = $3, updated_at = $4 WHERE id = $1 AND stage = $2",
        )
        .bind(community_id)
        .bind(from.code())
        .bind(to.code())
        .bind(to_db_time(now))
        .execute(&mut *tx)
        .await?;
        if moved.rows_affected() == 0 {
            return Err(StoreError::Conflict);
        }
        insert_stage_change(&mut tx, community_id, Some(from), to, reason, by, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records an activity; the same activity sent again (community, title, start) is the one
    /// recorded the first time. Returns its id.
    pub async fn insert_activity(
        &self,
        community_id: &str,
        activity: &NewActivity,
        by: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<String> {
        let digest = digest(&[
            community_id,
            &activity.title,
            &to_db_time(activity.starts_at),
        ]);
        let flag = |on: bool| i64::from(on);
        sqlx::query(
            "INSERT INTO community_activities (id, community_id, kind, title, description, \
             starts_at, ends_at, place, step_free, hearing_loop, sign_language, capacity, public, \
             partners, volunteers_needed, area, target_group, created_by, created_at, updated_at, \
             digest, goal_id, supporting_activity_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, \
             $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19, $20, $21, $22) \
             ON CONFLICT (digest) DO NOTHING",
        )
        .bind(new_id())
        .bind(community_id)
        .bind(activity.kind.code())
        .bind(&activity.title)
        .bind(&activity.description)
        .bind(to_db_time(activity.starts_at))
        .bind(to_db_time(activity.ends_at))
        .bind(&activity.place)
        .bind(flag(activity.accessibility.step_free))
        .bind(flag(activity.accessibility.hearing_loop))
        .bind(flag(activity.accessibility.sign_language))
        .bind(i64::from(activity.capacity))
        .bind(flag(activity.public))
        .bind(&activity.partners)
        .bind(i64::from(activity.volunteers_needed))
        .bind(activity.area.code())
        .bind(activity.target_group.code())
        .bind(by)
        .bind(to_db_time(now))
        .bind(&digest)
        .bind(activity.goal_id.as_deref())
        .bind(activity.supporting_activity_id.as_deref())
        .execute(self.pool())
        .await?;
        let row = sqlx::query("SELECT id FROM community_activities WHERE digest = $1")
            .bind(&digest)
            .fetch_one(self.pool())
            .await?;
        Ok(row.try_get("id")?)
    }

    pub async fn activity(&self, id: &str) -> StoreResult<Activity> {
        let row = sqlx::query(&format!("SELECT {ACTIVITY_COLUMNS} WHERE a.id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        activity_from(&row)
    }

    /// A community's activities, soonest first.
    pub async fn activities_of(&self, community_id: &str) -> StoreResult<Vec<Activity>> {
        let rows = sqlx::query(&format!(
            "SELECT {ACTIVITY_COLUMNS} WHERE a.community_id = $1 ORDER BY a.starts_at"
        ))
        .bind(community_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(activity_from).collect()
    }

    /// Public activities that end at or after `from` and start before `until`, soonest first,
    /// as the filter allows; `community` is a community id ('' for all); `(limit, offset)`
    /// pages them.
    pub async fn public_activities(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
        filter: &CalendarFilter,
        (limit, offset): (u32, u32),
    ) -> StoreResult<Vec<Activity>> {
        let rows = sqlx::query(&format!(
            "SELECT {ACTIVITY_COLUMNS} WHERE a.public = 1 AND a.ends_at >= $1 AND a.starts_at < $2 \
             AND ($3 = '' OR a.community_id = $3) AND ($4 = '' OR a.area = $4) \
             AND ($5 = '' OR a.target_group = $5) AND ($6 = 0 OR a.step_free = 1) \
             ORDER BY a.starts_at, a.title, a.id LIMIT $7 OFFSET $8"
        ))
        .bind(to_db_time(from))
        .bind(to_db_time(until))
        .bind(&filter.community)
        .bind(&filter.area)
        .bind(&filter.group)
        .bind(i64::from(filter.step_free))
        .bind(i64::from(limit))
        .bind(i64::from(offset))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(activity_from).collect()
    }

    /// The supporting activities of the programmes in force (id, name), for an activity to be
    /// part of.
    pub async fn programme_supporting_activities(&self) -> StoreResult<Vec<(String, String)>> {
        let rows = sqlx::query(
            "SELECT s.id, s.name FROM supporting_activities s \
             JOIN programmes p ON p.id = s.programme_id WHERE p.status = 'published' \
             ORDER BY s.name, s.id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("id")?, row.try_get("name")?)))
            .collect()
    }

    /// Communities that have public activities ending at or after `from` (id, name).
    pub async fn communities_with_public_activities(
        &self,
        from: DateTime<Utc>,
    ) -> StoreResult<Vec<(String, String)>> {
        let rows = sqlx::query(
            "SELECT c.id, c.name FROM communities c WHERE EXISTS (SELECT 1 FROM \
             community_activities a WHERE a.community_id = c.id AND a.public = 1 \
             AND a.ends_at >= $1) ORDER BY c.name",
        )
        .bind(to_db_time(from))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("id")?, row.try_get("name")?)))
            .collect()
    }

    /// Signs someone up: a place while there is one, the waiting list after. The same contact
    /// twice is one sign-up.
    pub async fn sign_up(
        &self,
        activity_id: &str,
        sign_up: &SignUp,
        locale: &str,
        registrant: Registrant<'_>,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<SignUpOutcome> {
        let mut tx = self.pool().begin().await?;
        let capacity = lock_activity(&mut tx, activity_id).await?;
        let existing = sqlx::query(
            "SELECT status FROM activity_registrations WHERE activity_id = $1 \
             AND contact_key = $2 AND status <> 'cancelled'",
        )
        .bind(activity_id)
        .bind(&sign_up.contact_key)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = existing {
            return Ok(SignUpOutcome::Already(coded(
                &row,
                "status",
                RegistrationStatus::from_code,
            )?));
        }
        let status = if registered_count(&mut tx, activity_id).await? < capacity {
            RegistrationStatus::Registered
        } else {
            RegistrationStatus::Waiting
        };
        sqlx::query(
            "INSERT INTO activity_registrations (id, activity_id, name, contact, contact_key, \
             user_id, locale, status, token_hash, created_at, updated_at, application_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11)",
        )
        .bind(new_id())
        .bind(activity_id)
        .bind(&sign_up.name)
        .bind(&sign_up.contact)
        .bind(&sign_up.contact_key)
        .bind(registrant.user_id)
        .bind(locale)
        .bind(status.code())
        .bind(token_hash)
        .bind(to_db_time(now))
        .bind(registrant.application_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(SignUpOutcome::New(status))
    }

    /// The sign-up behind a link's token, with its place on the waiting list.
    pub async fn registration_by_token(&self, token_hash: &str) -> StoreResult<MyRegistration> {
        let row = sqlx::query(
            "SELECT id, activity_id, name, status, created_at FROM activity_registrations \
             WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        let status = coded(&row, "status", RegistrationStatus::from_code)?;
        let activity_id: String = row.try_get("activity_id")?;
        let position = match status {
            RegistrationStatus::Waiting => {
                let ahead = sqlx::query(
                    "SELECT COUNT(*) AS n FROM activity_registrations WHERE activity_id = $1 \
                     AND status = 'waiting' AND (created_at < $2 OR (created_at = $2 AND id < $3))",
                )
                .bind(&activity_id)
                .bind(row.try_get::<String, _>("created_at")?)
                .bind(row.try_get::<String, _>("id")?)
                .fetch_one(self.pool())
                .await?;
                Some(count(&ahead, "n")? + 1)
            }
            _ => None,
        };
        Ok(MyRegistration {
            name: row.try_get("name")?,
            status,
            position,
            activity: self.activity(&activity_id).await?,
        })
    }

    /// Cancels the sign-up behind a link's token; a place it held goes to the first on the
    /// waiting list, who is returned. Cancelling twice changes nothing.
    pub async fn cancel_registration(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Promoted>> {
        let mut tx = self.pool().begin().await?;
        let row =
            sqlx::query("SELECT activity_id FROM activity_registrations WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
        let activity_id: String = row.try_get("activity_id")?;
        let capacity = lock_activity(&mut tx, &activity_id).await?;
        let cancelled = sqlx::query(
            "UPDATE activity_registrations SET status = 'cancelled', updated_at = $2 \
             WHERE token_hash = $1 AND status <> 'cancelled'",
        )
        .bind(token_hash)
        .bind(to_db_time(now))
        .execute(&mut *tx)
        .await?;
        let promoted = if cancelled.rows_affected() == 0 {
            None
        } else {
            promote_first_waiting(&mut tx, &activity_id, capacity, now).await?
        };
        tx.commit().await?;
        Ok(promoted)
    }

    /// An activity's sign-ups, in the order they came (cancelled ones too).
    pub async fn registrations_of(&self, activity_id: &str) -> StoreResult<Vec<Registration>> {
        let rows = sqlx::query(
            "SELECT id, name, contact, status, created_at FROM activity_registrations \
             WHERE activity_id = $1 ORDER BY created_at, id",
        )
        .bind(activity_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Registration {
                    id: row.try_get("id")?,
                    name: row.try_get("name")?,
                    contact: row.try_get("contact")?,
                    status: coded(row, "status", RegistrationStatus::from_code)?,
                    created_at: from_db_time(&row.try_get::<String, _>("created_at")?)?,
                })
            })
            .collect()
    }
}

async fn insert_stage_change(
    tx: &mut Tx<'_>,
    community_id: &str,
    from: Option<Stage>,
    to: Stage,
    reason: &str,
    by: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO community_stage_changes (id, community_id, from_stage, to_stage, reason, \
         changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new_id())
    .bind(community_id)
    .bind(from.map(Stage::code))
    .bind(to.code())
    .bind(reason)
    .bind(by)
    .bind(to_db_time(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Holds the activity's row until the transaction ends (sign-ups and cancellations of one
/// activity wait for each other); returns its capacity.
async fn lock_activity(tx: &mut Tx<'_>, activity_id: &str) -> StoreResult<u32> {
    let locked = sqlx::query("UPDATE community_activities SET capacity = capacity WHERE id = $1")
        .bind(activity_id)
        .execute(&mut **tx)
        .await?;
    if locked.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    let row = sqlx::query("SELECT capacity FROM community_activities WHERE id = $1")
        .bind(activity_id)
        .fetch_one(&mut **tx)
        .await?;
    count(&row, "capacity")
}

async fn registered_count(tx: &mut Tx<'_>, activity_id: &str) -> StoreResult<u32> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM activity_registrations WHERE activity_id = $1 \
         AND status = 'registered'",
    )
    .bind(activity_id)
    .fetch_one(&mut **tx)
    .await?;
    count(&row, "n")
}

/// Gives a free place to the first on the waiting list, if there is a free place and someone
/// waits.
async fn promote_first_waiting(
    tx: &mut Tx<'_>,
    activity_id: &str,
    capacity: u32,
    now: DateTime<Utc>,
) -> StoreResult<Option<Promoted>> {
    if registered_count(tx, activity_id).await? >= capacity {
        return Ok(None);
    }
    let Some(row) = sqlx::query(
        "SELECT id, name, contact, locale FROM activity_registrations WHERE activity_id = $1 \
         AND status = 'waiting' ORDER BY created_at, id LIMIT 1",
    )
    .bind(activity_id)
    .fetch_optional(&mut **tx)
    .await?
    else {
        return Ok(None);
    };
    let promoted = Promoted {
        registration_id: row.try_get("id")?,
        name: row.try_get("name")?,
        contact: row.try_get("contact")?,
        locale: row.try_get("locale")?,
    };
    sqlx::query(
        "UPDATE activity_registrations SET status = 'registered', updated_at = $2 WHERE id = $1",
    )
    .bind(&promoted.registration_id)
    .bind(to_db_time(now))
    .execute(&mut **tx)
    .await?;
    Ok(Some(promoted))
}
