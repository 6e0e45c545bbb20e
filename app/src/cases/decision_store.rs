//! The decision register: refusals issued with their yearly number, the document as issued,
//! delivery and the appeal deadline.

use super::decision::{DecisionDocument, DecisionSummary};
use crate::applications::EventKind;
use crate::case_file::counters::{Counter, next_in_year};
use crate::case_file::record::update_awaiting;
use crate::case_file::timeline::insert_event;
use crate::store::rows::{from_json, to_json};
use crate::store::{Store, StoreError, StoreResult, new_id, to_db_time};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sqlx::Row;

fn date(text: Option<String>) -> StoreResult<Option<NaiveDate>> {
    text.map(|t| t.parse().map_err(|_| StoreError::Corrupt(t)))
        .transpose()
}

impl Store {
    /// Refuses the requested service with a decision numbered in `issued_on`'s year: the
    /// document (made by `document` from the number), the service's status, the timeline entry
    /// naming the decision, all in one transaction. False when the service no longer awaits a
    /// decision.
    pub async fn issue_refusal(
        &self,
        id: &str,
        service_id: &str,
        issued_on: NaiveDate,
        actor_id: &str,
        now: DateTime<Utc>,
        document: impl FnOnce(&str) -> DecisionDocument,
    ) -> StoreResult<bool> {
        let mut tx = self.pool().begin().await?;
        let refused = sqlx::query(
            "UPDATE application_services SET status = 'refused', decided_at = $3, decided_by = $4 \
             WHERE application_id = $1 AND service_id = $2 AND status = 'requested'",
        )
        .bind(id)
        .bind(service_id)
        .bind(to_db_time(now))
        .bind(actor_id)
        .execute(&mut *tx)
        .await?;
        if refused.rows_affected() == 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        let year = issued_on.year();
        let number = format!(
            "{}/{year}",
            next_in_year(&mut tx, Counter::Decisions, i64::from(year)).await?
        );
        sqlx::query(
            "INSERT INTO decisions (id, application_id, service_id, number, issued_on, issued_by, \
             content, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(new_id())
        .bind(id)
        .bind(service_id)
        .bind(&number)
        .bind(issued_on.to_string())
        .bind(actor_id)
        .bind(to_json(&document(&number))?)
        .bind(to_db_time(now))
        .execute(&mut *tx)
        .await?;
        update_awaiting(&mut tx, id).await?;
        insert_event(
            &mut tx,
            id,
            now,
            Some(actor_id),
            EventKind::Refused,
            Some(service_id),
            &number,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The decisions of a case, oldest first.
    pub async fn decisions_of(&self, id: &str) -> StoreResult<Vec<DecisionSummary>> {
        let rows = sqlx::query(
            "SELECT d.id, d.number, d.service_id, s.name, d.issued_on, d.delivered_on, \
             d.appeal_due, d.overturned_on FROM decisions d JOIN services s ON s.id = d.service_id \
             WHERE d.application_id = $1 ORDER BY d.created_at",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let issued: String = row.try_get("issued_on")?;
                Ok(DecisionSummary {
                    id: row.try_get("id")?,
                    number: row.try_get("number")?,
                    service_id: row.try_get("service_id")?,
                    service_name: row.try_get("name")?,
                    issued_on: date(Some(issued))?.unwrap_or_default(),
                    delivered_on: date(row.try_get("delivered_on")?)?,
                    appeal_due: date(row.try_get("appeal_due")?)?,
                    overturned_on: date(row.try_get("overturned_on")?)?,
                })
            })
            .collect()
    }

    /// Records that the refusal of `service_id` in case `id` was overturned: the service awaits
    /// qualification again (and the case a decision), with a timeline entry naming the
    /// decision. Answers its number; None when the service is not refused (a second submit).
    pub async fn overturn_refusal(
        &self,
        id: &str,
        service_id: &str,
        overturned_on: NaiveDate,
        actor_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<String>> {
        let mut tx = self.pool().begin().await?;
        let reopened = sqlx::query(
            "UPDATE application_services SET status = 'requested' \
             WHERE application_id = $1 AND service_id = $2 AND status = 'refused'",
        )
        .bind(id)
        .bind(service_id)
        .execute(&mut *tx)
        .await?;
        if reopened.rows_affected() == 0 {
            tx.rollback().await?;
            return Ok(None);
        }
        let number: Option<String> = sqlx::query_scalar(
            "UPDATE decisions SET overturned_on = $3 WHERE application_id = $1 \
             AND service_id = $2 AND overturned_on IS NULL RETURNING number",
        )
        .bind(id)
        .bind(service_id)
        .bind(overturned_on.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        let number = number.unwrap_or_default();
        update_awaiting(&mut tx, id).await?;
        insert_event(
            &mut tx,
            id,
            now,
            Some(actor_id),
            EventKind::DecisionOverturned,
            Some(service_id),
            &number,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(number))
    }

    /// A decision of case `id` as issued, with its number.
    pub async fn decision_document(
        &self,
        id: &str,
        decision_id: &str,
    ) -> StoreResult<(String, DecisionDocument)> {
        let row = sqlx::query(
            "SELECT number, content FROM decisions WHERE id = $1 AND application_id = $2",
        )
        .bind(decision_id)
        .bind(id)
        .fetch_one(self.pool())
        .await?;
        let content: String = row.try_get("content")?;
        Ok((row.try_get("number")?, from_json(&content)?))
    }

    /// Records delivery and the appeal deadline, with a timeline entry naming the decision;
    /// false when case `id` has no such decision.
    pub async fn record_delivery(
        &self,
        id: &str,
        decision_id: &str,
        delivered_on: NaiveDate,
        appeal_due: NaiveDate,
        actor_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let mut tx = self.pool().begin().await?;
        let number: Option<String> = sqlx::query_scalar(
            "UPDATE decisions SET delivered_on = $3, appeal_due = $4 \
             WHERE id = $1 AND application_id = $2 RETURNING number",
        )
        .bind(decision_id)
        .bind(id)
        .bind(delivered_on.to_string())
        .bind(appeal_due.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(number) = number else {
            tx.rollback().await?;
            return Ok(false);
        };
        insert_event(
            &mut tx,
            id,
            now,
            Some(actor_id),
            EventKind::DecisionDelivered,
            None,
            &number,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}
