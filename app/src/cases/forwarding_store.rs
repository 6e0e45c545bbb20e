//! Forwardings of a case.

use super::forwarding::{ForwardTarget, Forwarding};
use crate::applications::EventKind;
use crate::case_file::record::update_awaiting;
use crate::case_file::timeline::insert_event;
use crate::store::rows::{from_json, to_json};
use crate::store::{Store, StoreError, StoreResult, from_db_time, new_id, to_db_time};
use chrono::{DateTime, Utc};
use sqlx::Row;

impl Store {
    /// Forwards the requested `services` of case `id`: one record, the services' status, a
    /// timeline entry each, in one transaction.
    #[allow(clippy::too_many_arguments)]
    pub async fn forward(
        &self,
        id: &str,
        services: &[String],
        target: ForwardTarget,
        recipient: &str,
        reason: &str,
        actor_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<String> {
        let forwarding_id = new_id();
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO forwardings (id, application_id, service_ids, target, recipient, reason, \
             forwarded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&forwarding_id)
        .bind(id)
        .bind(to_json(&services)?)
        .bind(target.code())
        .bind(recipient)
        .bind(reason)
        .bind(actor_id)
        .bind(to_db_time(now))
        .execute(&mut *tx)
        .await?;
        for service in services {
            sqlx::query(
                "UPDATE application_services SET status = 'forwarded', decided_at = $3, \
                 decided_by = $4 WHERE application_id = $1 AND service_id = $2 \
                 AND status = 'requested'",
            )
            .bind(id)
            .bind(service)
            .bind(to_db_time(now))
            .bind(actor_id)
            .execute(&mut *tx)
            .await?;
            insert_event(
                &mut tx,
                id,
                now,
                Some(actor_id),
                EventKind::Forwarded,
                Some(service),
                recipient,
            )
            .await?;
        }
        update_awaiting(&mut tx, id).await?;
        tx.commit().await?;
        Ok(forwarding_id)
    }

    /// The forwardings of case `id`, oldest first, with the services' names.
    pub async fn forwardings_of(&self, id: &str) -> StoreResult<Vec<Forwarding>> {
        let names: std::collections::HashMap<String, String> = self
            .requested_services(id)
            .await?
            .into_iter()
            .map(|r| (r.service_id, r.name))
            .collect();
        let rows = sqlx::query(
            "SELECT id, service_ids, target, recipient, reason, created_at FROM forwardings \
             WHERE application_id = $1 ORDER BY created_at",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let target: String = row.try_get("target")?;
                let services: Vec<String> = from_json(&row.try_get::<String, _>("service_ids")?)?;
                Ok(Forwarding {
                    id: row.try_get("id")?,
                    services: services
                        .iter()
                        .map(|s| names.get(s).cloned().unwrap_or_else(|| s.clone()))
                        .collect(),
                    target: ForwardTarget::from_code(&target).ok_or(StoreError::Corrupt(target))?,
                    recipient: row.try_get("recipient")?,
                    reason: row.try_get("reason")?,
                    at: from_db_time(&row.try_get::<String, _>("created_at")?)?,
                })
            })
            .collect()
    }
}
