//! Collecting a person's data from every table that holds it, and the request register.

use super::model::*;
use crate::domain::{Pesel, warsaw_display};
use crate::store::{Store, StoreResult, from_db_time};
use chrono::{DateTime, Utc};

/// Entries of the audit trail about the person included in an export (newest first).
const MAX_ACCESSES: i64 = 1_000;

/// seq, at, action, actor role, record type, purpose.
type AccessRow = (
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

impl Store {
    /// Everything about the account `user_id` and the applications it owns.
    pub async fn personal_data_of_user(
        &self,
        user_id: &str,
        controller: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<PersonalData> {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM applications WHERE owner_id = $1 ORDER BY created_at",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await?;
        self.collect_personal_data(Some(user_id), ids, controller, now)
            .await
    }

    /// Everything about the person with this PESEL: their account (by the PESEL in its profile)
    /// and every application for them, including paper ones without an account.
    pub async fn personal_data_by_pesel(
        &self,
        pesel: &Pesel,
        controller: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<PersonalData> {
        let account: Option<String> =
            sqlx::query_scalar("SELECT id FROM users WHERE pesel = $1 ORDER BY created_at LIMIT 1")
                .bind(pesel.as_str())
                .fetch_optional(self.pool())
                .await?;
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM applications WHERE subject_pesel = $1 OR owner_id = $2 \
             ORDER BY created_at",
        )
        .bind(pesel.as_str())
        .bind(account.as_deref().unwrap_or_default())
        .fetch_all(self.pool())
        .await?;
        self.collect_personal_data(account.as_deref(), ids, controller, now)
            .await
    }

    async fn collect_personal_data(
        &self,
        user_id: Option<&str>,
        application_ids: Vec<String>,
        controller: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<PersonalData> {
        let mut applications = Vec::with_capacity(application_ids.len());
        for id in &application_ids {
            applications.push(self.application_data(id).await?);
        }
        let (account, sessions) = match user_id {
            Some(user_id) => (
                Some(self.account_data(user_id).await?),
                self.sessions_of(user_id, now)
                    .await?
                    .into_iter()
                    .map(|s| SessionData {
                        signed_in_at: s.signed_in_at.map(warsaw_display),
                        ip: s.ip,
                        browser: s.agent,
                    })
                    .collect(),
            ),
            None => (None, Vec::new()),
        };
        // Entries name the person (their account) or the record (a paper application).
        let mut entries = std::collections::BTreeMap::new();
        let people = user_id
            .map(str::to_owned)
            .into_iter()
            .chain(application_ids.iter().cloned());
        for person in people {
            let rows: Vec<AccessRow> = sqlx::query_as(
                "SELECT seq, at, action, actor_role, record_type, purpose FROM audit_log \
                 WHERE person_id = $1 OR record_id = $1 ORDER BY seq DESC LIMIT $2",
            )
            .bind(&person)
            .bind(MAX_ACCESSES)
            .fetch_all(self.pool())
            .await?;
            entries.extend(rows.into_iter().map(|row| (row.0, row)));
        }
        let mut accesses = Vec::with_capacity(entries.len());
        for (_, (_, at, action, by_role, record, purpose)) in entries.into_iter().rev() {
            accesses.push(AccessData {
                at: warsaw_display(from_db_time(&at)?),
                action,
                by_role,
                record,
                purpose,
            });
        }
        Ok(PersonalData {
            generated_at: warsaw_display(now),
            controller: controller.to_owned(),
            account,
            applications,
            sessions,
            accesses,
        })
    }

    async fn account_data(&self, user_id: &str) -> StoreResult<AccountData> {
        let profile = self.profile_of(user_id).await?;
        let created: String = sqlx::query_scalar("SELECT created_at FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(self.pool())
            .await?;
        Ok(AccountData {
            email: profile.email,
            display_name: profile.display_name,
            phone: profile.phone,
            address: profile.address,
            pesel: profile.pesel,
            created_at: warsaw_display(from_db_time(&created)?),
        })
    }

    /// One application as exported: the data typed, the services, the timeline the resident
    /// sees and the attachments' names.
    async fn application_data(&self, id: &str) -> StoreResult<ApplicationData> {
        let application = self.application(id).await?;
        let programme: String = sqlx::query_scalar("SELECT name FROM programmes WHERE id = $1")
            .bind(&application.programme_id)
            .fetch_one(self.pool())
            .await?;
        let services = self
            .requested_services(id)
            .await?
            .into_iter()
            .map(|s| ServiceData {
                name: s.name,
                status: s.status.code().to_owned(),
            })
            .collect();
        let timeline = self
            .case_events(id, true)
            .await?
            .into_iter()
            .map(|e| EventData {
                at: warsaw_display(e.at),
                kind: e.kind.code().to_owned(),
                service: e.service_name,
                detail: e.detail,
            })
            .collect();
        let attachments = self
            .attachments(id)
            .await?
            .into_iter()
            .map(|a| AttachmentData {
                file_name: a.file_name,
                content_type: a.content_type,
                size_bytes: a.size_bytes,
            })
            .collect();
        let applicant = application
            .needs_applicant()
            .then(|| application.applicant.clone());
        Ok(ApplicationData {
            case_number: application.case_number.clone(),
            programme,
            status: application.status.code().to_owned(),
            channel: application.channel.code().to_owned(),
            received_on: application
                .received_on
                .map(|d| d.format("%d.%m.%Y").to_string()),
            submitted_at: application.submitted_at.map(warsaw_display),
            applicant_role: application.applicant_role.map(|r| r.code().to_owned()),
            person: application.subject,
            applicant,
            services,
            timeline,
            attachments,
        })
    }
}

impl Store {
    /// The register, newest first.
    pub async fn data_requests(&self) -> StoreResult<Vec<super::requests::DataRequest>> {
        use super::requests::{DataRequest, RequestKind};
        use crate::store::{from_db_day, from_db_optional_day};
        type Row = (
            String,
            String,
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT id, kind, subject, received_on, due_on, notes, outcome, closed_on \
             FROM data_requests ORDER BY received_on DESC, created_at DESC",
        )
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(
                |(id, kind, subject, received, due, notes, outcome, closed)| {
                    Ok(DataRequest {
                        kind: RequestKind::from_code(&kind)
                            .ok_or_else(|| crate::store::StoreError::Corrupt(kind.clone()))?,
                        received_on: from_db_day(&received)?,
                        due_on: from_db_day(&due)?,
                        closed_on: from_db_optional_day(closed)?,
                        id,
                        subject,
                        notes,
                        outcome,
                    })
                },
            )
            .collect()
    }

    /// Records a request; the same one recorded twice (a double submit) is kept once. Answers
    /// the request's id.
    pub async fn record_data_request(
        &self,
        kind: super::requests::RequestKind,
        subject: &str,
        received_on: chrono::NaiveDate,
        notes: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<String> {
        let id = crate::store::new_id();
        sqlx::query(
            "INSERT INTO data_requests (id, kind, subject, received_on, due_on, notes, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (kind, subject, received_on) DO NOTHING",
        )
        .bind(&id)
        .bind(kind.code())
        .bind(subject)
        .bind(received_on.to_string())
        .bind(super::requests::due_on(received_on).to_string())
        .bind(notes)
        .bind(crate::store::to_db_time(now))
        .execute(self.pool())
        .await?;
        Ok(sqlx::query_scalar(
            "SELECT id FROM data_requests WHERE kind = $1 AND subject = $2 AND received_on = $3",
        )
        .bind(kind.code())
        .bind(subject)
        .bind(received_on.to_string())
        .fetch_one(self.pool())
        .await?)
    }

    /// Closes an open request; false when there is no such open request.
    pub async fn close_data_request(
        &self,
        id: &str,
        outcome: &str,
        today: chrono::NaiveDate,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE data_requests SET outcome = $1, closed_on = $2 \
             WHERE id = $3 AND closed_on IS NULL",
        )
        .bind(outcome)
        .bind(today.to_string())
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
