//! A service's limit in the store (art. 42 ust. 2): what qualified requests use of it, the
//! waiting list in order of registration, and promotion when a place frees. Every change runs
//! in one transaction that first locks the service, so two coordinators never give away the
//! same last place.

use super::model::Capacity;
use crate::applications::{EventKind, RequestStatus};
use crate::case_file::places::{Grant, Promotion, capacity_in, end_service, lock_service, takes};
use crate::case_file::record::{AWAITS_DECISION, update_awaiting};
use crate::case_file::timeline::insert_event;
use crate::programme::Service;
use crate::store::{Store, StoreResult, to_db_time};
use chrono::{DateTime, Utc};

impl Store {
    /// Sets whether a request on the waiting list keeps the KPA deadline running (the centre's
    /// `waiting_list_keeps_deadline`); when that changes, every registered case is counted
    /// again as awaiting a decision or not.
    pub async fn set_waiting_keeps_deadline(&self, keeps: bool) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        let changed = sqlx::query(
            "UPDATE case_policy SET waiting_keeps_deadline = $1 \
             WHERE id = 1 AND waiting_keeps_deadline <> $1",
        )
        .bind(i32::from(keeps))
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() > 0 {
            sqlx::query(&format!(
                "UPDATE applications SET awaiting = CASE WHEN {AWAITS_DECISION} THEN 1 ELSE 0 END \
                 WHERE status = 'registered'"
            ))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Records that granted service `service_id` of case `id` has been delivered in full (a
    /// one-off or up to three months' service) and gives its place to the waiting list; None
    /// when the service is not granted (a second submit).
    pub async fn complete_service(
        &self,
        id: &str,
        service_id: &str,
        actor_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Promotion>> {
        let mut tx = self.pool().begin().await?;
        lock_service(&mut tx, service_id).await?;
        let ended = end_service(
            &mut tx,
            id,
            service_id,
            &[RequestStatus::Qualified],
            RequestStatus::Completed,
            EventKind::ServiceCompleted,
            Some(actor_id),
            "",
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(ended)
    }

    /// The service's limit and what is used of it; None when it has no limit.
    pub async fn capacity(&self, service: &Service) -> StoreResult<Option<Capacity>> {
        let mut tx = self.pool().begin().await?;
        let capacity = capacity_in(&mut tx, service).await?;
        tx.commit().await?;
        Ok(capacity)
    }

    /// Qualifies the requested `service` of case `id` with `grant`: granted when it fits the
    /// limit and nobody waits before it, else put on the waiting list. Answers the new status,
    /// or None when the service no longer awaits qualification (a second submit).
    pub async fn qualify_request(
        &self,
        id: &str,
        service: &Service,
        grant: &Grant,
        actor_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<RequestStatus>> {
        let mut tx = self.pool().begin().await?;
        lock_service(&mut tx, &service.id).await?;
        let status = match capacity_in(&mut tx, service).await? {
            Some(capacity)
                if capacity.waiting > 0
                    || !capacity.fits(takes(
                        capacity.kind,
                        i64::from(grant.units),
                        grant.cost_total.value(),
                    )) =>
            {
                RequestStatus::Waiting
            }
            _ => RequestStatus::Qualified,
        };
        let updated = sqlx::query(
            "UPDATE application_services SET status = $3, units = $4, fee_per_unit = $5, \
             fee_total = $6, cost_total = $7, fee_record = $8, decided_at = $9, decided_by = $10 \
             WHERE application_id = $1 AND service_id = $2 AND status = 'requested'",
        )
        .bind(id)
        .bind(&service.id)
        .bind(status.code())
        .bind(i64::from(grant.units))
        .bind(grant.fee_per_unit.value())
        .bind(grant.fee_total.value())
        .bind(grant.cost_total.value())
        .bind(&grant.record)
        .bind(to_db_time(now))
        .bind(actor_id)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 0 {
            tx.rollback().await?;
            return Ok(None);
        }
        update_awaiting(&mut tx, id).await?;
        let kind = match status {
            RequestStatus::Waiting => EventKind::WaitingListed,
            _ => EventKind::Qualified,
        };
        insert_event(
            &mut tx,
            id,
            now,
            Some(actor_id),
            kind,
            Some(&service.id),
            "",
        )
        .await?;
        tx.commit().await?;
        Ok(Some(status))
    }

    /// The fee record kept with a qualification (JSON), if any.
    pub async fn fee_record(&self, id: &str, service_id: &str) -> StoreResult<Option<String>> {
        Ok(sqlx::query_scalar::<_, Option<String>>(
            "SELECT fee_record FROM application_services WHERE application_id = $1 \
             AND service_id = $2",
        )
        .bind(id)
        .bind(service_id)
        .fetch_optional(self.pool())
        .await?
        .flatten())
    }

    /// The service's waiting list in order (case numbers).
    pub async fn waiting_list(&self, service_id: &str) -> StoreResult<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT a.case_number FROM application_services w \
             JOIN applications a ON a.id = w.application_id \
             WHERE w.service_id = $1 AND w.status = 'waiting' \
             ORDER BY a.registered_on, a.case_number",
        )
        .bind(service_id)
        .fetch_all(self.pool())
        .await?)
    }
}
