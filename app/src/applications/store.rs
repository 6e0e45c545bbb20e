//! Applications, their requested services, the case timeline and attachments.

use super::model::*;
use super::person::PersonInput;
use crate::case_file::counters::{Counter, next_in_year};
use crate::case_file::places::{self, Promotion};
use crate::case_file::record::{
    CaseIndex, Value, copy_case_state, update_application, update_awaiting,
};
use crate::case_file::timeline::{case_event_from_row, insert_event};
use crate::domain::Grosze;
use crate::store::rows::corrupt;
use crate::store::rows::{from_json, to_json};
use crate::store::{Store, StoreError, StoreResult, from_db_time, new_id, to_db_time};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

const APPLICATION_COLUMNS: &str = "id, programme_id, owner_id, drafted_by, channel, received_on, \
     applicant_role, subject, applicant, conditions_declared, privacy_acknowledged, locale, \
     status, case_number, submitted_at, created_at";

fn optional_time(row: &AnyRow, column: &str) -> StoreResult<Option<DateTime<Utc>>> {
    row.try_get::<Option<String>, _>(column)?
        .map(|text| from_db_time(&text))
        .transpose()
}

fn application_from_row(row: &AnyRow) -> StoreResult<Application> {
    let channel: String = row.try_get("channel")?;
    let status: String = row.try_get("status")?;
    let role: Option<String> = row.try_get("applicant_role")?;
    let received_on: Option<String> = row.try_get("received_on")?;
    Ok(Application {
        id: row.try_get("id")?,
        programme_id: row.try_get("programme_id")?,
        owner_id: row.try_get("owner_id")?,
        drafted_by: row.try_get("drafted_by")?,
        channel: Channel::from_code(&channel).ok_or_else(|| corrupt(channel))?,
        received_on: received_on
            .map(|d| d.parse().map_err(|_| corrupt(d)))
            .transpose()?,
        applicant_role: role
            .map(|r| ApplicantRole::from_code(&r).ok_or_else(|| corrupt(r)))
            .transpose()?,
        subject: from_json(&row.try_get::<String, _>("subject")?)?,
        applicant: from_json(&row.try_get::<String, _>("applicant")?)?,
        conditions_declared: row.try_get::<i64, _>("conditions_declared")? != 0,
        privacy_acknowledged: row.try_get::<i64, _>("privacy_acknowledged")? != 0,
        locale: row.try_get("locale")?,
        status: ApplicationStatus::from_code(&status).ok_or_else(|| corrupt(status))?,
        case_number: row.try_get("case_number")?,
        submitted_at: optional_time(row, "submitted_at")?,
        created_at: from_db_time(&row.try_get::<String, _>("created_at")?)?,
    })
}

/// What starting an application needs.
pub struct NewDraft<'a> {
    pub programme_id: &'a str,
    pub drafted_by: &'a str,
    /// The resident the case belongs to (the drafter online; none at the info point).
    pub owner_id: Option<&'a str>,
    pub channel: Channel,
    pub received_on: Option<NaiveDate>,
    pub service_ids: &'a [String],
    pub locale: &'a str,
}

/// The outcome of submitting a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submitted {
    pub case_number: String,
    /// False when an earlier request (a double submit) already registered it.
    pub newly: bool,
}

impl Store {
    /// Starts an application, or resumes the drafter's open draft for the same programme and
    /// adds the services to it; a double click leads to the same draft.
    pub async fn start_application(
        &self,
        draft: &NewDraft<'_>,
        now: DateTime<Utc>,
    ) -> StoreResult<String> {
        if let Some(id) = self
            .open_draft(draft.drafted_by, draft.programme_id)
            .await?
        {
            self.add_requested_services(&id, draft.service_ids).await?;
            return Ok(id);
        }
        let id = new_id();
        let empty = to_json(&PersonInput::default())?;
        let inserted = sqlx::query(&format!(
            "INSERT INTO applications ({APPLICATION_COLUMNS}, updated_at) VALUES \
             ($1, $2, $3, $4, $5, $6, NULL, $7, $7, 0, 0, $8, 'draft', NULL, NULL, $9, $9)"
        ))
        .bind(&id)
        .bind(draft.programme_id)
        .bind(draft.owner_id)
        .bind(draft.drafted_by)
        .bind(draft.channel.code())
        .bind(draft.received_on.map(|d| d.to_string()))
        .bind(&empty)
        .bind(draft.locale)
        .bind(to_db_time(now))
        .execute(self.pool())
        .await;
        let id = match inserted {
            Ok(_) => id,
            // Two first requests at once: the other one created the draft.
            Err(err) => match StoreError::from(err) {
                StoreError::Conflict => self
                    .open_draft(draft.drafted_by, draft.programme_id)
                    .await?
                    .ok_or(StoreError::Conflict)?,
                other => return Err(other),
            },
        };
        self.add_requested_services(&id, draft.service_ids).await?;
        Ok(id)
    }

    async fn open_draft(
        &self,
        drafted_by: &str,
        programme_id: &str,
    ) -> StoreResult<Option<String>> {
        let row = sqlx::query(
            "SELECT id FROM applications WHERE drafted_by = $1 AND programme_id = $2 \
             AND status = 'draft'",
        )
        .bind(drafted_by)
        .bind(programme_id)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|r| r.try_get("id")).transpose()?)
    }

    /// Adds the services to case `id`, each with the case's state (see `copy_case_state`).
    async fn add_requested_services(&self, id: &str, service_ids: &[String]) -> StoreResult<()> {
        for service_id in service_ids {
            let result = sqlx::query(
                "INSERT INTO application_services (application_id, service_id, position, status, \
                 case_status, registered_on, case_number) \
                 SELECT $1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM application_services \
                 WHERE application_id = $1), 'requested', status, registered_on, case_number \
                 FROM applications WHERE id = $1",
            )
            .bind(id)
            .bind(service_id)
            .execute(self.pool())
            .await;
            match result.map_err(StoreError::from) {
                Ok(_) | Err(StoreError::Conflict) => {}
                Err(other) => return Err(other),
            }
        }
        Ok(())
    }

    /// Replaces the services a draft asks for.
    pub async fn set_requested_services(
        &self,
        id: &str,
        service_ids: &[String],
    ) -> StoreResult<()> {
        sqlx::query("DELETE FROM application_services WHERE application_id = $1")
            .bind(id)
            .execute(self.pool())
            .await?;
        self.add_requested_services(id, service_ids).await
    }

    pub async fn application(&self, id: &str) -> StoreResult<Application> {
        let row = sqlx::query(&format!(
            "SELECT {APPLICATION_COLUMNS} FROM applications WHERE id = $1"
        ))
        .bind(id)
        .fetch_one(self.pool())
        .await?;
        application_from_row(&row)
    }

    pub async fn requested_services(&self, id: &str) -> StoreResult<Vec<RequestedService>> {
        let rows = sqlx::query(
            "SELECT a.service_id, s.name, a.status, a.units, a.fee_per_unit, a.fee_total, \
             CASE WHEN a.status = 'waiting' THEN (SELECT COUNT(*) FROM application_services w \
             JOIN applications o ON o.id = w.application_id WHERE w.service_id = a.service_id \
             AND w.status = 'waiting' AND (o.registered_on < me.registered_on OR \
             (o.registered_on = me.registered_on AND o.case_number <= me.case_number))) END \
             AS waiting_position \
             FROM application_services a JOIN services s ON s.id = a.service_id \
             JOIN applications me ON me.id = a.application_id \
             WHERE a.application_id = $1 ORDER BY a.position",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let status: String = row.try_get("status")?;
                let units: Option<i64> = row.try_get("units")?;
                let grant = match (
                    units,
                    row.try_get("fee_per_unit")?,
                    row.try_get("fee_total")?,
                ) {
                    (Some(units), Some(per_unit), Some(total)) => Some(GrantedTerms {
                        units: u32::try_from(units).map_err(|_| corrupt(units.to_string()))?,
                        fee_per_unit: Grosze::new(per_unit),
                        fee_total: Grosze::new(total),
                    }),
                    _ => None,
                };
                let position: Option<i64> = row.try_get("waiting_position")?;
                Ok(RequestedService {
                    service_id: row.try_get("service_id")?,
                    name: row.try_get("name")?,
                    status: RequestStatus::from_code(&status).ok_or_else(|| corrupt(status))?,
                    grant,
                    waiting_position: position.and_then(|p| u32::try_from(p).ok()),
                })
            })
            .collect()
    }

    /// Saves who applies (and, at the info point, how and when the application came in).
    pub async fn save_applicant_role(
        &self,
        id: &str,
        role: ApplicantRole,
        channel: Channel,
        received_on: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let values = [
            ("applicant_role", Value::Text(Some(role.code().to_owned()))),
            ("channel", Value::Text(Some(channel.code().to_owned()))),
            (
                "received_on",
                Value::Text(received_on.map(|d| d.to_string())),
            ),
        ];
        self.update_draft(id, &values, now).await
    }

    /// Saves the person concerned (`applicant: false`) or the applicant.
    pub async fn save_person(
        &self,
        id: &str,
        applicant: bool,
        person: &PersonInput,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let column = if applicant { "applicant" } else { "subject" };
        let values = [(column, Value::Text(Some(to_json(person)?)))];
        self.update_draft(id, &values, now).await
    }

    pub async fn save_declarations(
        &self,
        id: &str,
        conditions: bool,
        privacy: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let values = [
            ("conditions_declared", Value::Flag(conditions)),
            ("privacy_acknowledged", Value::Flag(privacy)),
        ];
        self.update_draft(id, &values, now).await
    }

    /// Sets `values` on a draft (NotFound when `id` is not a draft any more).
    async fn update_draft(
        &self,
        id: &str,
        values: &[(&str, Value)],
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        if !update_application(&mut tx, id, "draft", values, now).await? {
            return Err(StoreError::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }

    /// Registers a draft: the next case number of the year, the registration time, and the
    /// first timeline entry, in one transaction. Submitting again returns the same number.
    pub async fn submit_application(
        &self,
        id: &str,
        prefix: &str,
        actor_id: &str,
        index: &CaseIndex,
        now: DateTime<Utc>,
    ) -> StoreResult<Submitted> {
        let year = i64::from(now.year());
        let mut tx = self.pool().begin().await?;
        let number = next_in_year(&mut tx, Counter::Cases, year).await?;
        let case_number = crate::domain::CaseNumber::new(prefix, now.year(), number as u64)
            .map_err(|e| corrupt(e.key()))?
            .to_string();
        let registered = sqlx::query(
            "UPDATE applications SET status = 'registered', case_number = $2, submitted_at = $3, \
             updated_at = $3, registered_on = $4, decision_due = $5, subject_pesel = $6, \
             name_words = $7, awaiting = 1 WHERE id = $1 AND status = 'draft'",
        )
        .bind(id)
        .bind(&case_number)
        .bind(to_db_time(now))
        .bind(index.registered_on.to_string())
        .bind(crate::domain::working_days::decision_due(index.registered_on, false).to_string())
        .bind(index.pesel.as_deref())
        .bind(index.name_words())
        .execute(&mut *tx)
        .await?;
        if registered.rows_affected() == 0 {
            tx.rollback().await?;
            let application = self.application(id).await?;
            return application
                .case_number
                .map(|case_number| Submitted {
                    case_number,
                    newly: false,
                })
                .ok_or(StoreError::NotFound);
        }
        copy_case_state(&mut tx, id).await?;
        insert_event(
            &mut tx,
            id,
            now,
            Some(actor_id),
            EventKind::Registered,
            None,
            "",
        )
        .await?;
        tx.commit().await?;
        Ok(Submitted {
            case_number,
            newly: true,
        })
    }

    /// Adds a timeline entry.
    pub async fn add_case_event(
        &self,
        id: &str,
        now: DateTime<Utc>,
        actor_id: Option<&str>,
        kind: EventKind,
        service_id: Option<&str>,
        detail: &str,
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        insert_event(&mut tx, id, now, actor_id, kind, service_id, detail).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The timeline, oldest first; `public_only` for the resident's view.
    pub async fn case_events(&self, id: &str, public_only: bool) -> StoreResult<Vec<CaseEvent>> {
        let rows = sqlx::query(
            "SELECT e.at, e.kind, s.name AS service_name, e.detail FROM case_events e \
             LEFT JOIN services s ON s.id = e.service_id \
             WHERE e.application_id = $1 AND (e.public = 1 OR $2 = 0) ORDER BY e.at, e.id",
        )
        .bind(id)
        .bind(i64::from(public_only))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(case_event_from_row).collect()
    }

    /// The resident's applications (drafts included), newest first.
    pub async fn applications_of(&self, owner_id: &str) -> StoreResult<Vec<ApplicationSummary>> {
        let rows = sqlx::query(
            "SELECT a.id, a.case_number, a.status, a.submitted_at, a.created_at, p.name \
             FROM applications a JOIN programmes p ON p.id = a.programme_id \
             WHERE a.owner_id = $1 ORDER BY a.created_at DESC",
        )
        .bind(owner_id)
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: String = row.try_get("id")?;
            let status: String = row.try_get("status")?;
            let services = self.requested_services(&id).await?;
            out.push(ApplicationSummary {
                case_number: row.try_get("case_number")?,
                status: ApplicationStatus::from_code(&status).ok_or_else(|| corrupt(status))?,
                programme_name: row.try_get("name")?,
                services: services.into_iter().map(|s| s.name).collect(),
                submitted_at: optional_time(row, "submitted_at")?,
                created_at: from_db_time(&row.try_get::<String, _>("created_at")?)?,
                id,
            });
        }
        Ok(out)
    }

    /// Withdraws a registered application on which nothing has been granted or refused yet (its
    /// services are requested or on the waiting list); the waiting list moves on without it.
    /// None when withdrawal is no longer possible.
    pub async fn withdraw_application(
        &self,
        id: &str,
        actor_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Vec<Promotion>>> {
        let mut tx = self.pool().begin().await?;
        let waiting: Vec<String> = sqlx::query_scalar(
            "SELECT service_id FROM application_services WHERE application_id = $1 \
             AND status = 'waiting' ORDER BY service_id",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        for service_id in &waiting {
            places::lock_service(&mut tx, service_id).await?;
        }
        let result = sqlx::query(
            "UPDATE applications SET status = 'withdrawn', awaiting = 0, updated_at = $2 \
             WHERE id = $1 AND status = 'registered' AND NOT EXISTS (SELECT 1 FROM \
             application_services WHERE application_id = $1 \
             AND status NOT IN ('requested', 'waiting'))",
        )
        .bind(id)
        .bind(to_db_time(now))
        .execute(&mut *tx)
        .await?;
        if result.rows_affected() == 0 {
            tx.rollback().await?;
            return Ok(None);
        }
        sqlx::query(
            "UPDATE application_services SET status = 'withdrawn' WHERE application_id = $1",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        copy_case_state(&mut tx, id).await?;
        insert_event(
            &mut tx,
            id,
            now,
            Some(actor_id),
            EventKind::Withdrawn,
            None,
            "",
        )
        .await?;
        let mut promotions = Vec::new();
        for service_id in waiting {
            let applications = places::promote_waiting(&mut tx, &service_id, now).await?;
            promotions.push(Promotion {
                service_id,
                applications,
            });
        }
        tx.commit().await?;
        Ok(Some(promotions))
    }

    /// Records a resignation from a granted (or waiting) service and gives the freed capacity to
    /// the waiting list; answers the promotion, or None when the service is not in a state one
    /// can resign from.
    pub async fn resign_from_service(
        &self,
        id: &str,
        service_id: &str,
        actor_id: &str,
        reason: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Promotion>> {
        let mut tx = self.pool().begin().await?;
        places::lock_service(&mut tx, service_id).await?;
        let ended = places::end_service(
            &mut tx,
            id,
            service_id,
            &[RequestStatus::Qualified, RequestStatus::Waiting],
            RequestStatus::Resigned,
            EventKind::Resigned,
            Some(actor_id),
            reason,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(ended)
    }

    /// Sets one requested service's status (qualification comes with case handling), and
    /// whether the case still awaits a decision on some service.
    pub async fn set_request_status(
        &self,
        id: &str,
        service_id: &str,
        status: RequestStatus,
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "UPDATE application_services SET status = $3 WHERE application_id = $1 AND service_id = $2",
        )
        .bind(id)
        .bind(service_id)
        .bind(status.code())
        .execute(&mut *tx)
        .await?;
        update_awaiting(&mut tx, id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Resignations, newest first: the director's queue.
    pub async fn resignations(&self) -> StoreResult<Vec<Resignation>> {
        let rows = sqlx::query(
            "SELECT e.application_id, a.case_number, e.at, e.kind, s.name AS service_name, \
             e.detail FROM case_events e JOIN applications a ON a.id = e.application_id \
             LEFT JOIN services s ON s.id = e.service_id WHERE e.kind = 'resigned' \
             ORDER BY e.at DESC LIMIT 500",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Resignation {
                    application_id: row.try_get("application_id")?,
                    case_number: row
                        .try_get::<Option<String>, _>("case_number")?
                        .unwrap_or_default(),
                    event: case_event_from_row(row)?,
                })
            })
            .collect()
    }

    pub async fn insert_attachment(
        &self,
        application_id: &str,
        info: &AttachmentInfo,
        sha256: &str,
        uploaded_by: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO attachments (id, application_id, file_name, content_type, size_bytes, \
             sha256, uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&info.id)
        .bind(application_id)
        .bind(&info.file_name)
        .bind(&info.content_type)
        .bind(info.size_bytes)
        .bind(sha256)
        .bind(uploaded_by)
        .bind(to_db_time(now))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn attachments(&self, application_id: &str) -> StoreResult<Vec<AttachmentInfo>> {
        let rows = sqlx::query(
            "SELECT id, file_name, content_type, size_bytes FROM attachments \
             WHERE application_id = $1 ORDER BY created_at, id",
        )
        .bind(application_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(AttachmentInfo {
                    id: row.try_get("id")?,
                    file_name: row.try_get("file_name")?,
                    content_type: row.try_get("content_type")?,
                    size_bytes: row.try_get("size_bytes")?,
                })
            })
            .collect()
    }

    /// Removes an attachment of a draft; false when there is none (or the case is registered).
    pub async fn delete_attachment(&self, application_id: &str, id: &str) -> StoreResult<bool> {
        let result = sqlx::query(
            "DELETE FROM attachments WHERE id = $1 AND application_id = $2 AND application_id IN \
             (SELECT id FROM applications WHERE status = 'draft')",
        )
        .bind(id)
        .bind(application_id)
        .execute(self.pool())
        .await?;
        Ok(result.rows_affected() == 1)
    }
}
