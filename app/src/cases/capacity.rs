//! A service's limit in the store (art. 42 ust. 2): what qualified requests use of it, the
//! waiting list in order of registration, and promotion when a place frees. Every change runs
//! in one transaction that first locks the service, so two coordinators never give away the
//! same last place.

use super::model::Capacity;
use crate::applications::store::{AWAITS_DECISION, Tx, insert_event, update_awaiting};
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
        update_awaiting(tx, &id).await?;
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

/// The requests of one service that got a freed place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promotion {
    pub service_id: String,
    /// The applications promoted from the waiting list, in order.
    pub applications: Vec<String>,
}

/// Ends service `service_id` of case `id` when it is in one of the states `from` — it becomes
/// `to`, with an `event` in the timeline — and gives the freed capacity to the waiting list.
/// The service must be locked already. Answers the promotion, or None when the service was in
/// none of the states `from`.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn end_service(
    tx: &mut Tx<'_>,
    id: &str,
    service_id: &str,
    from: &[RequestStatus],
    to: RequestStatus,
    event: EventKind,
    actor_id: Option<&str>,
    reason: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<Promotion>> {
    let states = from
        .iter()
        .map(|status| format!("'{}'", status.code()))
        .collect::<Vec<_>>()
        .join(", ");
    let result = sqlx::query(&format!(
        "UPDATE application_services SET status = $3 WHERE application_id = $1 \
         AND service_id = $2 AND status IN ({states})"
    ))
    .bind(id)
    .bind(service_id)
    .bind(to.code())
    .execute(&mut **tx)
    .await?;
    if result.rows_affected() == 0 {
        return Ok(None);
    }
    update_awaiting(tx, id).await?;
    insert_event(tx, id, now, actor_id, event, Some(service_id), reason).await?;
    let applications = promote_waiting(tx, service_id, now).await?;
    Ok(Some(Promotion {
        service_id: service_id.to_owned(),
        applications,
    }))
}

/// Completes every granted service of case `id` (its plan ended: `to` is completed, or
/// resigned when the person resigned), each with its timeline entry, locking the services in
/// a fixed order; answers who got the freed places.
pub(crate) async fn end_granted_services(
    tx: &mut Tx<'_>,
    id: &str,
    to: RequestStatus,
    actor_id: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> StoreResult<Vec<Promotion>> {
    let services: Vec<String> = sqlx::query_scalar(
        "SELECT service_id FROM application_services WHERE application_id = $1 \
         AND status = 'qualified' ORDER BY service_id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    let event = match to {
        RequestStatus::Resigned => EventKind::Resigned,
        _ => EventKind::ServiceCompleted,
    };
    let mut promotions = Vec::new();
    for service_id in &services {
        lock_service(tx, service_id).await?;
        let ended = end_service(
            tx,
            id,
            service_id,
            &[RequestStatus::Qualified],
            to,
            event,
            Some(actor_id),
            reason,
            now,
        )
        .await?;
        promotions.extend(ended);
    }
    Ok(promotions)
}

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
