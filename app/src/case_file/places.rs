//! A service's places under its limit (art. 42 ust. 2), inside a case's transaction: the lock
//! every change takes first, so two coordinators never give away the same last place, what
//! qualified requests use, and the waiting list's promotion, oldest registration first, when a
//! place frees.

use super::model::Capacity;
use super::model::{EventKind, RequestStatus};
use super::record::update_awaiting;
use super::timeline::insert_event;
use crate::domain::Grosze;
use crate::programme::{LimitKind, Service};
use crate::store::rows::from_json;
use crate::store::{StoreResult, Tx};
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
pub(crate) fn takes(kind: LimitKind, units: i64, cost: i64) -> i64 {
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

pub(crate) async fn capacity_in(
    tx: &mut Tx<'_>,
    service: &Service,
) -> StoreResult<Option<Capacity>> {
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
