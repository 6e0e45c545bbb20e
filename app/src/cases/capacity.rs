//! A service's limit in the store (art. 42 ust. 2): what qualified requests use of it, the
//! waiting list in order of registration, and promotion when a place frees. Every change runs
//! in one transaction that first locks the service, so two coordinators never give away the
//! same last place.

use super::model::Capacity;
use crate::applications::store::{Tx, insert_event, update_awaiting};
use crate::applications::{EventKind, RequestStatus};
use crate::domain::Grosze;
use crate::programme::store::from_json;
use crate::programme::{LimitKind, Service};
use crate::store::{Store, StoreResult, to_db_time};
use chrono::{DateTime, Utc};
use sqlx::Row;

/// What a qualification grants, and the record of how its fee was computed.
#[derive(Debug, Clone)]
pub struct Grant {
    pub units: u32,
    pub fee_per_unit: Grosze,
    pub fee_total: Grosze,
    /// What the granted units are worth (units × unit cost), counted against a budget limit.
    pub cost_total: Grosze,
    /// JSON of the inputs, the exemption and the quote.
    pub record: String,
}

/// How much of a limit of `kind` a request with these units and cost takes.
fn takes(kind: LimitKind, units: i64, cost: i64) -> i64 {
    match kind {
        LimitKind::Places => 1,
        LimitKind::Units => units,
        LimitKind::Budget => cost,
    }
}

/// Takes the service's lock for the rest of the transaction (a row lock on PostgreSQL, the write
/// lock on SQLite): capacity is read and given away under it.
pub(crate) async fn lock_service(tx: &mut Tx<'_>, service_id: &str) -> StoreResult<()> {
    sqlx::query("UPDATE services SET position = position WHERE id = $1")
        .bind(service_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn capacity_in(tx: &mut Tx<'_>, service: &Service) -> StoreResult<Option<Capacity>> {
    let Some(limit) = service.limit else {
        return Ok(None);
    };
    let row = sqlx::query(
        "SELECT COUNT(*) AS places, CAST(COALESCE(SUM(units), 0) AS BIGINT) AS units, \
         CAST(COALESCE(SUM(cost_total), 0) AS BIGINT) AS budget, \
         (SELECT COUNT(*) FROM application_services w WHERE w.service_id = $1 \
         AND w.status = 'waiting') AS waiting \
         FROM application_services WHERE service_id = $1 AND status = 'qualified'",
    )
    .bind(&service.id)
    .fetch_one(&mut **tx)
    .await?;
    let used: i64 = row.try_get(match limit.kind {
        LimitKind::Places => "places",
        LimitKind::Units => "units",
        LimitKind::Budget => "budget",
    })?;
    let waiting: i64 = row.try_get("waiting")?;
    Ok(Some(Capacity {
        kind: limit.kind,
        limit: limit.amount,
        used,
        waiting: u32::try_from(waiting).unwrap_or(u32::MAX),
    }))
}

async fn service_in(tx: &mut Tx<'_>, service_id: &str) -> StoreResult<Service> {
    let details: String = sqlx::query_scalar("SELECT details FROM services WHERE id = $1")
        .bind(service_id)
        .fetch_one(&mut **tx)
        .await?;
    from_json(&details)
}

/// Gives freed capacity of the service to its waiting list, oldest registration first, for as
/// long as the next request fits (nobody skips the queue); answers the applications promoted.
pub(crate) async fn promote_waiting(
    tx: &mut Tx<'_>,
    service_id: &str,
    now: DateTime<Utc>,
) -> StoreResult<Vec<String>> {
    let service = service_in(tx, service_id).await?;
    let mut promoted = Vec::new();
    loop {
        let next = sqlx::query(
            "SELECT w.application_id, COALESCE(w.units, 0) AS units, \
             COALESCE(w.cost_total, 0) AS cost FROM application_services w \
             JOIN applications a ON a.id = w.application_id \
             WHERE w.service_id = $1 AND w.status = 'waiting' \
             ORDER BY a.registered_on, a.case_number LIMIT 1",
        )
        .bind(service_id)
        .fetch_optional(&mut **tx)
        .await?;
        let Some(next) = next else { break };
        let id: String = next.try_get("application_id")?;
        if let Some(capacity) = capacity_in(tx, &service).await? {
            let need = takes(capacity.kind, next.try_get("units")?, next.try_get("cost")?);
            if !capacity.fits(need) {
                break;
            }
        }
        sqlx::query(
            "UPDATE application_services SET status = 'qualified' \
             WHERE application_id = $1 AND service_id = $2",
        )
        .bind(&id)
        .bind(service_id)
        .execute(&mut **tx)
        .await?;
        insert_event(
            tx,
            &id,
            now,
            None,
            EventKind::Promoted,
            Some(service_id),
            "",
        )
        .await?;
        promoted.push(id);
    }
    Ok(promoted)
}

impl Store {
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
