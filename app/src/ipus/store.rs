//! Individual plans and their versions: drafted, submitted, approved or returned, superseded.
//! A submitted or approved version is never written again (every write names the states it
//! may change); the approval authorisations of art. 41.

use super::authorisations::AuthorisationRow;
use super::model::{Plan, PlanSummary, PlanVersion};
use super::rules::{Authorisation, Offer, PlanContent, VersionState};
use crate::applications::EventKind;
use crate::case_file::counters::{Counter, next_in_year};
use crate::case_file::timeline::insert_event;
use crate::store::Tx;
use crate::store::rows::corrupt;
use crate::store::rows::{from_json, to_json};
use crate::store::{
    Store, StoreError, StoreResult, from_db_day, from_db_optional_day, from_db_time, new_id,
    to_db_time,
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

/// The approved version a new one starts from: `Conflict` while another is pending or once the
/// plan is closed.
pub(super) fn updatable(plan: &Plan) -> StoreResult<&PlanVersion> {
    let approved = plan.approved().ok_or(StoreError::Conflict)?;
    if plan.pending().is_some() || plan.closed_at.is_some() {
        return Err(StoreError::Conflict);
    }
    Ok(approved)
}

fn time(text: Option<String>) -> StoreResult<Option<DateTime<Utc>>> {
    text.map(|t| from_db_time(&t)).transpose()
}

fn version_from_row(row: &AnyRow) -> StoreResult<PlanVersion> {
    let state: String = row.try_get("state")?;
    Ok(PlanVersion {
        version: u32::try_from(row.try_get::<i64, _>("version")?)
            .map_err(|e| corrupt(e.to_string()))?,
        state: VersionState::from_code(&state).ok_or_else(|| corrupt(state))?,
        content: from_json(&row.try_get::<String, _>("content")?)?,
        agreed_on: from_db_optional_day(row.try_get("agreed_on")?)?,
        delay_reason: row.try_get("delay_reason")?,
        drafted_by: row.try_get("drafted_by")?,
        updated_at: from_db_time(&row.try_get::<String, _>("updated_at")?)?,
        submitted_by: row.try_get("submitted_by")?,
        submitted_at: time(row.try_get("submitted_at")?)?,
        decided_by: row.try_get("decided_by")?,
        decided_on: from_db_optional_day(row.try_get("decided_on")?)?,
        comments: row.try_get("comments")?,
    })
}

/// What a coordinator saves of a draft.
pub struct Draft<'a> {
    pub content: &'a PlanContent,
    pub agreed_on: Option<NaiveDate>,
    pub delay_reason: &'a str,
}

impl Store {
    /// Starts the plan of case `application_id` with its first draft; answers the plan's id.
    /// A case has one plan: a second start is a conflict.
    pub async fn create_plan(
        &self,
        application_id: &str,
        draft: &Draft<'_>,
        coordinator_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<String> {
        let id = new_id();
        let mut tx = self.pool().begin().await?;
        let year = i64::from(now.year());
        let number = next_in_year(&mut tx, Counter::Plans, year).await?;
        sqlx::query(
            "INSERT INTO plans (id, application_id, number, coordinator_id, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&id)
        .bind(application_id)
        .bind(format!("IPUS {number}/{year}"))
        .bind(coordinator_id)
        .bind(to_db_time(now))
        .execute(&mut *tx)
        .await?;
        insert_version(&mut tx, &id, 1, draft, coordinator_id, now).await?;
        tx.commit().await?;
        self.refresh_plan_facts(&id).await?;
        Ok(id)
    }

    /// The plan `id` with its versions.
    pub async fn plan(&self, id: &str) -> StoreResult<Plan> {
        let row = sqlx::query(
            "SELECT id, application_id, number, coordinator_id, created_at, closed_at \
             FROM plans WHERE id = $1",
        )
        .bind(id)
        .fetch_one(self.pool())
        .await?;
        let versions =
            sqlx::query("SELECT * FROM plan_versions WHERE plan_id = $1 ORDER BY version")
                .bind(id)
                .fetch_all(self.pool())
                .await?
                .iter()
                .map(version_from_row)
                .collect::<StoreResult<_>>()?;
        Ok(Plan {
            id: row.try_get("id")?,
            application_id: row.try_get("application_id")?,
            number: row.try_get("number")?,
            coordinator_id: row.try_get("coordinator_id")?,
            created_at: from_db_time(&row.try_get::<String, _>("created_at")?)?,
            closed_at: time(row.try_get("closed_at")?)?,
            versions,
        })
    }

    /// The id of case `application_id`'s plan, if it has one.
    pub async fn plan_of_case(&self, application_id: &str) -> StoreResult<Option<String>> {
        Ok(
            sqlx::query("SELECT id FROM plans WHERE application_id = $1")
                .bind(application_id)
                .fetch_optional(self.pool())
                .await?
                .map(|row| row.try_get("id"))
                .transpose()?,
        )
    }

    /// Each version of case `application_id`'s plan as a one-line summary, oldest first (none
    /// when the case has no plan): one query, no version's content read.
    pub async fn plan_summaries(&self, application_id: &str) -> StoreResult<Vec<PlanSummary>> {
        sqlx::query(
            "SELECT p.id, p.number, v.version, v.state FROM plans p \
             JOIN plan_versions v ON v.plan_id = p.id WHERE p.application_id = $1 \
             ORDER BY v.version",
        )
        .bind(application_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|row| {
            let state: String = row.try_get("state")?;
            Ok(PlanSummary {
                id: row.try_get("id")?,
                number: row.try_get("number")?,
                version: u32::try_from(row.try_get::<i64, _>("version")?)
                    .map_err(|e| corrupt(e.to_string()))?,
                state: VersionState::from_code(&state).ok_or_else(|| corrupt(state))?,
            })
        })
        .collect()
    }

    /// The providers offering each service qualified in case `application_id`.
    pub async fn plan_offers(&self, application_id: &str) -> StoreResult<Vec<Offer>> {
        sqlx::query(
            "SELECT t.service_id, p.id, p.name FROM application_services a \
             JOIN service_tags t ON t.service_id = a.service_id AND t.kind = 'provider' \
             JOIN providers p ON p.id = t.value \
             WHERE a.application_id = $1 AND a.status = 'qualified' ORDER BY p.name, p.id",
        )
        .bind(application_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|row| {
            Ok(Offer {
                service_id: row.try_get("service_id")?,
                provider_id: row.try_get("id")?,
                provider_name: row.try_get("name")?,
            })
        })
        .collect()
    }

    /// Saves the draft `version`; `Conflict` when it is locked.
    pub async fn save_plan_draft(
        &self,
        id: &str,
        version: u32,
        draft: &Draft<'_>,
        (by, now): (&str, DateTime<Utc>),
    ) -> StoreResult<()> {
        let saved = sqlx::query(
            "UPDATE plan_versions SET content = $3, agreed_on = $4, delay_reason = $5, \
             updated_at = $6, drafted_by = $7 WHERE plan_id = $1 AND version = $2 \
             AND state = 'draft'",
        )
        .bind(id)
        .bind(i64::from(version))
        .bind(to_json(draft.content)?)
        .bind(draft.agreed_on.map(|d| d.to_string()))
        .bind(draft.delay_reason)
        .bind(to_db_time(now))
        .bind(by)
        .execute(self.pool())
        .await?;
        locked_unless_changed(saved.rows_affected())?;
        self.refresh_plan_facts(id).await
    }

    /// Submits the draft `version` for approval, as it was when it was checked (saved at
    /// `checked`): `Conflict` when it was saved since or is locked.
    pub async fn submit_plan(
        &self,
        id: &str,
        (version, checked): (u32, DateTime<Utc>),
        (by, now): (&str, DateTime<Utc>),
    ) -> StoreResult<()> {
        let submitted = sqlx::query(
            "UPDATE plan_versions SET state = 'submitted', submitted_at = $3, updated_at = $3, \
             submitted_by = $4 WHERE plan_id = $1 AND version = $2 \
             AND state = 'draft' AND updated_at = $5",
        )
        .bind(id)
        .bind(i64::from(version))
        .bind(to_db_time(now))
        .bind(by)
        .bind(to_db_time(checked))
        .execute(self.pool())
        .await?;
        locked_unless_changed(submitted.rows_affected())?;
        self.refresh_plan_facts(id).await
    }

    /// Approves the submitted `version` (the one approved before is superseded) or returns it with
    /// `comments`: the returned version stays as it was, and the next one, a draft with the same
    /// content, continues the work. A timeline entry of the case for an approval.
    pub async fn decide_plan(
        &self,
        id: &str,
        version: u32,
        approve: bool,
        comments: &str,
        (by, on, now): (&str, NaiveDate, DateTime<Utc>),
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        let state = if approve { "approved" } else { "returned" };
        let decided = sqlx::query(
            "UPDATE plan_versions SET state = $3, decided_by = $4, decided_on = $5, \
             comments = $6, updated_at = $7 WHERE plan_id = $1 AND version = $2 \
             AND state = 'submitted'",
        )
        .bind(id)
        .bind(i64::from(version))
        .bind(state)
        .bind(by)
        .bind(on.to_string())
        .bind(comments)
        .bind(to_db_time(now))
        .execute(&mut *tx)
        .await?;
        locked_unless_changed(decided.rows_affected())?;
        if approve {
            sqlx::query(
                "UPDATE plan_versions SET state = 'superseded' WHERE plan_id = $1 \
                 AND version < $2 AND state = 'approved'",
            )
            .bind(id)
            .bind(i64::from(version))
            .execute(&mut *tx)
            .await?;
            let application_id = case_of_plan(&mut tx, id).await?;
            let detail = version.to_string();
            insert_event(
                &mut tx,
                &application_id,
                now,
                Some(by),
                EventKind::PlanApproved,
                None,
                &detail,
            )
            .await?;
        } else {
            sqlx::query(
                "INSERT INTO plan_versions (plan_id, version, state, content, agreed_on, \
                 delay_reason, drafted_by, updated_at) SELECT plan_id, version + 1, 'draft', \
                 content, NULL, delay_reason, drafted_by, $3 FROM plan_versions \
                 WHERE plan_id = $1 AND version = $2",
            )
            .bind(id)
            .bind(i64::from(version))
            .bind(to_db_time(now))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        self.refresh_plan_facts(id).await
    }

    /// Starts an update: a new draft from the approved version. `Conflict` while another version
    /// is a draft or awaits approval, before any is approved, or once the plan is closed.
    pub async fn start_plan_update(
        &self,
        id: &str,
        by: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<u32> {
        let plan = self.plan(id).await?;
        let approved = updatable(&plan)?;
        let next = plan.versions.len() as u32 + 1;
        let draft = Draft {
            content: &approved.content,
            agreed_on: None,
            delay_reason: "",
        };
        let mut tx = self.pool().begin().await?;
        insert_version(&mut tx, id, next, &draft, by, now).await?;
        tx.commit().await?;
        self.refresh_plan_facts(id).await?;
        Ok(next)
    }

    /// Authorises `user_id` to approve plans from `from` (until `until`).
    pub async fn grant_approval(
        &self,
        user_id: &str,
        authorisation: Authorisation,
        by: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<String> {
        let id = new_id();
        // The same authorisation twice (a double submit) is granted once.
        sqlx::query(
            "INSERT INTO approval_authorisations (id, user_id, from_day, until_day, granted_by, \
             granted_at) SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS (SELECT 1 FROM \
             approval_authorisations WHERE user_id = $2 AND from_day = $3 \
             AND COALESCE(until_day, '') = COALESCE($4, '') AND revoked_at IS NULL)",
        )
        .bind(&id)
        .bind(user_id)
        .bind(authorisation.from.to_string())
        .bind(authorisation.until.map(|d| d.to_string()))
        .bind(by)
        .bind(to_db_time(now))
        .execute(self.pool())
        .await?;
        Ok(id)
    }

    /// Ends an authorisation now.
    pub async fn revoke_approval(&self, id: &str, now: DateTime<Utc>) -> StoreResult<()> {
        let revoked = sqlx::query(
            "UPDATE approval_authorisations SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
        )
        .bind(id)
        .bind(to_db_time(now))
        .execute(self.pool())
        .await?;
        if revoked.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Every authorisation, newest first, with the names of its holder and grantor.
    pub async fn approval_authorisation_rows(&self) -> StoreResult<Vec<AuthorisationRow>> {
        sqlx::query(
            "SELECT a.id, h.display_name AS holder, a.from_day, a.until_day, \
             g.display_name AS granted_by, a.granted_at, a.revoked_at \
             FROM approval_authorisations a JOIN users h ON h.id = a.user_id \
             JOIN users g ON g.id = a.granted_by ORDER BY a.granted_at DESC",
        )
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|row| {
            Ok(AuthorisationRow {
                id: row.try_get("id")?,
                holder: row.try_get("holder")?,
                from: from_db_day(&row.try_get::<String, _>("from_day")?)?,
                until: from_db_optional_day(row.try_get("until_day")?)?,
                granted_by: row.try_get("granted_by")?,
                granted_at: from_db_time(&row.try_get::<String, _>("granted_at")?)?,
                revoked_at: time(row.try_get("revoked_at")?)?,
            })
        })
        .collect()
    }

    /// The authorisations of `user_id` not revoked.
    pub async fn approval_authorisations(&self, user_id: &str) -> StoreResult<Vec<Authorisation>> {
        sqlx::query(
            "SELECT from_day, until_day FROM approval_authorisations \
             WHERE user_id = $1 AND revoked_at IS NULL ORDER BY from_day",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|row| {
            Ok(Authorisation {
                from: from_db_day(&row.try_get::<String, _>("from_day")?)?,
                until: from_db_optional_day(row.try_get("until_day")?)?,
            })
        })
        .collect()
    }
}

/// The case plan `id` belongs to.
pub(crate) async fn case_of_plan(tx: &mut Tx<'_>, id: &str) -> StoreResult<String> {
    Ok(
        sqlx::query("SELECT application_id FROM plans WHERE id = $1")
            .bind(id)
            .fetch_one(&mut **tx)
            .await?
            .try_get("application_id")?,
    )
}

fn locked_unless_changed(rows: u64) -> StoreResult<()> {
    if rows == 0 {
        Err(StoreError::Conflict)
    } else {
        Ok(())
    }
}

pub(super) async fn insert_version(
    tx: &mut Tx<'_>,
    id: &str,
    version: u32,
    draft: &Draft<'_>,
    by: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO plan_versions (plan_id, version, state, content, agreed_on, delay_reason, \
         drafted_by, updated_at) VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(i64::from(version))
    .bind(to_json(draft.content)?)
    .bind(draft.agreed_on.map(|d| d.to_string()))
    .bind(draft.delay_reason)
    .bind(by)
    .bind(to_db_time(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
