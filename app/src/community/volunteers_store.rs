//! Volunteers and their assignments to activities, in the database.

use super::volunteers::{
    Assignment, AssignmentStatus, Availability, NewVolunteer, Skill, Volunteer, VolunteerStatus,
};
use crate::store::rows::{coded, count};
use crate::store::{Store, StoreError, StoreResult, from_db_time, new_id, to_db_time};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

const VOLUNTEER_COLUMNS: &str = "id, name, email, phone, birth_year, skills, availability, \
     areas, languages, driving_licence, about, status, decision_note, agreement_from, \
     agreement_until, created_at FROM volunteers";

/// Codes stored as a comma-separated list.
fn codes<T>(row: &AnyRow, column: &str, parse: impl Fn(&str) -> Option<T>) -> StoreResult<Vec<T>> {
    let text: String = row.try_get(column)?;
    text.split(',')
        .filter(|code| !code.is_empty())
        .map(|code| parse(code).ok_or_else(|| StoreError::Corrupt(code.to_owned())))
        .collect()
}

fn join<T: Copy>(items: &[T], code: impl Fn(T) -> &'static str) -> String {
    items
        .iter()
        .map(|item| code(*item))
        .collect::<Vec<_>>()
        .join(",")
}

fn day(row: &AnyRow, column: &str) -> StoreResult<Option<NaiveDate>> {
    crate::store::from_db_optional_day(row.try_get(column)?)
}

fn volunteer_from(row: &AnyRow) -> StoreResult<Volunteer> {
    let birth_year: Option<i64> = row.try_get("birth_year")?;
    Ok(Volunteer {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        email: row.try_get("email")?,
        phone: row.try_get("phone")?,
        birth_year: birth_year.and_then(|y| i32::try_from(y).ok()),
        skills: codes(row, "skills", Skill::from_code)?,
        availability: codes(row, "availability", Availability::from_code)?,
        areas: row.try_get("areas")?,
        languages: row.try_get("languages")?,
        driving_licence: row.try_get::<i64, _>("driving_licence")? != 0,
        about: row.try_get("about")?,
        status: coded(row, "status", VolunteerStatus::from_code)?,
        decision_note: row.try_get("decision_note")?,
        agreement_from: day(row, "agreement_from")?,
        agreement_until: day(row, "agreement_until")?,
        created_at: from_db_time(&row.try_get::<String, _>("created_at")?)?,
    })
}

impl Store {
    /// Records an offer; `None` when this contact has offered already.
    pub async fn insert_volunteer(
        &self,
        offer: &NewVolunteer,
        token_hash: &str,
        locale: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<String>> {
        let id = new_id();
        let inserted = sqlx::query(
            "INSERT INTO volunteers (id, name, email, phone, contact_key, birth_year, skills, \
             availability, areas, languages, driving_licence, about, status, decision_note, \
             token_hash, locale, consent_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, \
             $6, $7, $8, $9, $10, $11, $12, 'applied', '', $13, $14, $15, $15, $15) \
             ON CONFLICT (contact_key) DO NOTHING",
        )
        .bind(&id)
        .bind(&offer.name)
        .bind(&offer.email)
        .bind(&offer.phone)
        .bind(&offer.contact_key)
        .bind(offer.birth_year.map(i64::from))
        .bind(join(&offer.skills, Skill::code))
        .bind(join(&offer.availability, Availability::code))
        .bind(&offer.areas)
        .bind(&offer.languages)
        .bind(i64::from(offer.driving_licence))
        .bind(&offer.about)
        .bind(token_hash)
        .bind(locale)
        .bind(to_db_time(now))
        .execute(self.pool())
        .await?;
        Ok((inserted.rows_affected() == 1).then_some(id))
    }

    /// Every volunteer, those waiting for a decision first, then by name.
    pub async fn volunteers(&self) -> StoreResult<Vec<Volunteer>> {
        let rows = sqlx::query(&format!(
            "SELECT {VOLUNTEER_COLUMNS} ORDER BY CASE status WHEN 'applied' THEN 0 ELSE 1 END, name"
        ))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(volunteer_from).collect()
    }

    pub async fn volunteer(&self, id: &str) -> StoreResult<Volunteer> {
        let row = sqlx::query(&format!("SELECT {VOLUNTEER_COLUMNS} WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        volunteer_from(&row)
    }

    pub async fn volunteer_by_token(&self, token_hash: &str) -> StoreResult<Volunteer> {
        let row = sqlx::query(&format!("SELECT {VOLUNTEER_COLUMNS} WHERE token_hash = $1"))
            .bind(token_hash)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        volunteer_from(&row)
    }

    /// The language a volunteer offered help in (their e-mails are written in it).
    pub async fn volunteer_locale(&self, id: &str) -> StoreResult<String> {
        let row = sqlx::query("SELECT locale FROM volunteers WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(row.try_get("locale")?)
    }

    /// Approves (with the agreement's period) or declines an offer.
    pub async fn decide_volunteer(
        &self,
        id: &str,
        status: VolunteerStatus,
        period: Option<(NaiveDate, NaiveDate)>,
        note: &str,
        by: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let decided = sqlx::query(
            "UPDATE volunteers SET status = $2, agreement_from = $3, agreement_until = $4, \
             decision_note = $5, decided_by = $6, decided_at = $7, updated_at = $7 WHERE id = $1",
        )
        .bind(id)
        .bind(status.code())
        .bind(period.map(|(from, _)| from.to_string()))
        .bind(period.map(|(_, until)| until.to_string()))
        .bind(note)
        .bind(by)
        .bind(to_db_time(now))
        .execute(self.pool())
        .await?;
        match decided.rows_affected() {
            0 => Err(StoreError::NotFound),
            _ => Ok(()),
        }
    }

    /// Proposes a volunteer for an activity (once: proposing again changes nothing).
    pub async fn insert_assignment(
        &self,
        volunteer_id: &str,
        activity_id: &str,
        role: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO volunteer_assignments (id, volunteer_id, activity_id, role, status, \
             minutes, created_at, updated_at) VALUES ($1, $2, $3, $4, 'proposed', NULL, $5, $5) \
             ON CONFLICT (volunteer_id, activity_id) DO NOTHING",
        )
        .bind(new_id())
        .bind(volunteer_id)
        .bind(activity_id)
        .bind(role)
        .bind(to_db_time(now))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    async fn assignments_where(&self, condition: &str, id: &str) -> StoreResult<Vec<Assignment>> {
        let rows = sqlx::query(&format!(
            "SELECT s.id AS assignment_id, s.volunteer_id, v.name AS volunteer_name, \
             s.activity_id, s.role, s.status AS assignment_status, s.minutes \
             FROM volunteer_assignments s JOIN volunteers v ON v.id = s.volunteer_id \
             JOIN community_activities a ON a.id = s.activity_id \
             WHERE {condition} = $1 ORDER BY a.starts_at"
        ))
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        let mut assignments = Vec::with_capacity(rows.len());
        for row in rows {
            let minutes: Option<i64> = row.try_get("minutes")?;
            assignments.push(Assignment {
                id: row.try_get("assignment_id")?,
                volunteer_id: row.try_get("volunteer_id")?,
                volunteer_name: row.try_get("volunteer_name")?,
                activity: self
                    .activity(&row.try_get::<String, _>("activity_id")?)
                    .await?,
                role: row.try_get("role")?,
                status: coded(&row, "assignment_status", AssignmentStatus::from_code)?,
                minutes: minutes.and_then(|m| u32::try_from(m).ok()),
            });
        }
        Ok(assignments)
    }

    pub async fn assignments_of_volunteer(
        &self,
        volunteer_id: &str,
    ) -> StoreResult<Vec<Assignment>> {
        self.assignments_where("s.volunteer_id", volunteer_id).await
    }

    pub async fn assignments_of_activity(&self, activity_id: &str) -> StoreResult<Vec<Assignment>> {
        self.assignments_where("s.activity_id", activity_id).await
    }

    /// The volunteer's answer to a proposal (only while it is proposed; else `Conflict`).
    pub async fn answer_assignment(
        &self,
        volunteer_id: &str,
        assignment_id: &str,
        status: AssignmentStatus,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let answered = sqlx::query(
            "UPDATE volunteer_assignments SET status = $3, updated_at = $4 \
             WHERE id = $1 AND volunteer_id = $2 AND status = 'proposed'",
        )
        .bind(assignment_id)
        .bind(volunteer_id)
        .bind(status.code())
        .bind(to_db_time(now))
        .execute(self.pool())
        .await?;
        match answered.rows_affected() {
            0 => Err(StoreError::Conflict),
            _ => Ok(()),
        }
    }

    /// Records the hours of a confirmed assignment whose activity has begun (else `Conflict`).
    pub async fn record_volunteer_hours(
        &self,
        volunteer_id: &str,
        assignment_id: &str,
        minutes: u32,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let recorded = sqlx::query(
            "UPDATE volunteer_assignments SET status = 'done', minutes = $3, updated_at = $4 \
             WHERE id = $1 AND volunteer_id = $2 AND status IN ('confirmed', 'done') \
             AND activity_id IN (SELECT id FROM community_activities WHERE starts_at <= $4)",
        )
        .bind(assignment_id)
        .bind(volunteer_id)
        .bind(i64::from(minutes))
        .bind(to_db_time(now))
        .execute(self.pool())
        .await?;
        match recorded.rows_affected() {
            0 => Err(StoreError::Conflict),
            _ => Ok(()),
        }
    }

    /// Upcoming activities that need volunteers: (id, title, start), soonest first.
    pub async fn activities_needing_volunteers(
        &self,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<(String, String, DateTime<Utc>)>> {
        let rows = sqlx::query(
            "SELECT a.id, a.title, a.starts_at, a.volunteers_needed, \
             (SELECT COUNT(*) FROM volunteer_assignments s WHERE s.activity_id = a.id \
              AND s.status IN ('proposed', 'confirmed')) AS taken \
             FROM community_activities a WHERE a.starts_at >= $1 AND a.volunteers_needed > 0 \
             ORDER BY a.starts_at LIMIT 100",
        )
        .bind(to_db_time(now))
        .fetch_all(self.pool())
        .await?;
        let mut open = Vec::new();
        for row in rows {
            if count(&row, "taken")? < count(&row, "volunteers_needed")? {
                open.push((
                    row.try_get("id")?,
                    row.try_get("title")?,
                    from_db_time(&row.try_get::<String, _>("starts_at")?)?,
                ));
            }
        }
        Ok(open)
    }
}
