//! The case's timeline: what happened, when and by whom; the resident sees the public kinds.

use super::model::{CaseEvent, EventKind};
use crate::store::rows::corrupt;
use crate::store::{StoreResult, Tx, from_db_time, new_id, to_db_time};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

/// Adds a timeline entry; the resident sees it unless its kind is internal.
pub(crate) async fn insert_event(
    tx: &mut Tx<'_>,
    id: &str,
    now: DateTime<Utc>,
    actor_id: Option<&str>,
    kind: EventKind,
    service_id: Option<&str>,
    detail: &str,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO case_events (id, application_id, at, actor_id, kind, service_id, detail, public) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(new_id())
    .bind(id)
    .bind(to_db_time(now))
    .bind(actor_id)
    .bind(kind.code())
    .bind(service_id)
    .bind(detail)
    .bind(i64::from(kind.is_public()))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A timeline entry from a row with `at`, `kind`, `service_name` and `detail`.
pub(crate) fn case_event_from_row(row: &AnyRow) -> StoreResult<CaseEvent> {
    let kind: String = row.try_get("kind")?;
    Ok(CaseEvent {
        at: from_db_time(&row.try_get::<String, _>("at")?)?,
        kind: EventKind::from_code(&kind).ok_or_else(|| corrupt(kind))?,
        service_name: row.try_get("service_name")?,
        detail: row.try_get("detail")?,
    })
}
