//! Ending a programme (art. 6: the council ends it, or its period runs out early): the
//! consequences are shown before the services organiser confirms. Nothing new can be applied
//! for; applications already registered are still settled, granted services and running plans
//! go on to their end, and the waiting lists close — each request on them lapses and its
//! resident is told.

use super::Programme;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What ending the programme's published version would touch, counted over all its versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndingPreview {
    pub programme: Programme,
    /// Registered cases with a service not yet qualified: they are still settled.
    pub awaiting: u32,
    /// Services granted and not ended: they go on.
    pub granted: u32,
    /// Individual plans not closed: they go on.
    pub running_plans: u32,
    /// Requests on the waiting lists: they lapse, and their residents are told.
    pub waiting: u32,
}

#[server(prefix = "/api", endpoint = "programme_ending")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn programme_ending(id: String) -> Result<EndingPreview, AppError> {
    let access = crate::gate::require(crate::gate::Permission::ManageProgramme).await?;
    let store = &access.state.store;
    let programme = store.programme(&id).await?;
    Ok(store.ending_preview(programme).await?)
}

/// Ends the published version `id`, once `confirm` says the consequences were read.
#[server(prefix = "/api", endpoint = "end_programme")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn end_programme(id: String, #[server(default)] confirm: String) -> Result<(), AppError> {
    let access = crate::gate::require(crate::gate::Permission::ManageProgramme).await?;
    let store = &access.state.store;
    let programme = store.programme(&id).await?;
    let back = format!("/pracownik/programy/{id}");
    match programme.status {
        super::ProgrammeStatus::Published => {}
        // Ended already (a double submit): nothing more to do.
        super::ProgrammeStatus::Ended => {
            leptos_axum::redirect(&back);
            return Ok(());
        }
        _ => return Err(AppError::invalid("programme", "programme_not_published")),
    }
    if confirm != "yes" {
        return Err(AppError::invalid("confirm", "confirm_required"));
    }
    let lapsed = match store.end_programme(&id, access.state.clock.now()).await {
        // Ended by a submit that came first.
        Err(crate::store::StoreError::Conflict) => Vec::new(),
        other => other?,
    };
    let event = crate::audit::AuditEvent {
        record_type: Some("programme".into()),
        record_id: Some(id.clone()),
        purpose: Some("programme_management".into()),
        ..access.event(crate::audit::AuditAction::Update)
    };
    access.record(&event).await?;
    for (application_id, service_id) in lapsed {
        let application = store.application(&application_id).await?;
        let service = store.service(&service_id).await?;
        crate::applications::notify::waiting_list_closed(&access, &application, &service.name)
            .await?;
    }
    leptos_axum::redirect(&back);
    Ok(())
}

#[cfg(feature = "ssr")]
mod store {
    use super::EndingPreview;
    use crate::applications::EventKind;
    use crate::case_file::record::update_awaiting;
    use crate::case_file::timeline::insert_event;
    use crate::programme::Programme;
    use crate::store::{Store, StoreError, StoreResult, to_db_time};
    use chrono::{DateTime, Utc};
    use sqlx::Row;

    /// The requests of any version of lineage `$1`, by state.
    const REQUESTS_OF_LINEAGE: &str = "FROM application_services r \
         JOIN services s ON s.id = r.service_id \
         JOIN programmes p ON p.id = s.programme_id WHERE p.lineage_id = $1";

    impl Store {
        pub async fn ending_preview(&self, programme: Programme) -> StoreResult<EndingPreview> {
            let row = sqlx::query(&format!(
                "SELECT \
                 (SELECT COUNT(DISTINCT r.application_id) {REQUESTS_OF_LINEAGE} \
                   AND r.status = 'requested' AND r.case_status = 'registered') AS awaiting, \
                 (SELECT COUNT(*) {REQUESTS_OF_LINEAGE} AND r.status = 'qualified') AS granted, \
                 (SELECT COUNT(*) {REQUESTS_OF_LINEAGE} AND r.status = 'waiting') AS waiting, \
                 (SELECT COUNT(*) FROM plans l JOIN applications a ON a.id = l.application_id \
                   JOIN programmes p ON p.id = a.programme_id \
                   WHERE p.lineage_id = $1 AND l.closed_at IS NULL) AS running_plans"
            ))
            .bind(&programme.lineage_id)
            .fetch_one(self.pool())
            .await?;
            let count = |column: &str| -> StoreResult<u32> {
                let n: i64 = row.try_get(column)?;
                u32::try_from(n).map_err(|e| StoreError::Corrupt(e.to_string()))
            };
            Ok(EndingPreview {
                awaiting: count("awaiting")?,
                granted: count("granted")?,
                running_plans: count("running_plans")?,
                waiting: count("waiting")?,
                programme,
            })
        }

        /// Ends published version `id`: its waiting lists (over every version) close, each
        /// request lapsing with a timeline entry. Answers the lapsed requests (application,
        /// service); `Conflict` when the version is not published.
        pub async fn end_programme(
            &self,
            id: &str,
            now: DateTime<Utc>,
        ) -> StoreResult<Vec<(String, String)>> {
            let mut tx = self.pool().begin().await?;
            let lineage: String = sqlx::query_scalar(
                "UPDATE programmes SET status = 'ended', ended_at = $2 \
                 WHERE id = $1 AND status = 'published' RETURNING lineage_id",
            )
            .bind(id)
            .bind(to_db_time(now))
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::Conflict)?;
            let waiting = sqlx::query(&format!(
                "SELECT r.application_id, r.service_id {REQUESTS_OF_LINEAGE} \
                 AND r.status = 'waiting' ORDER BY r.application_id, r.service_id"
            ))
            .bind(&lineage)
            .fetch_all(&mut *tx)
            .await?;
            let mut lapsed = Vec::with_capacity(waiting.len());
            for row in waiting {
                let application_id: String = row.try_get("application_id")?;
                let service_id: String = row.try_get("service_id")?;
                sqlx::query(
                    "UPDATE application_services SET status = 'lapsed' \
                     WHERE application_id = $1 AND service_id = $2",
                )
                .bind(&application_id)
                .bind(&service_id)
                .execute(&mut *tx)
                .await?;
                update_awaiting(&mut tx, &application_id).await?;
                insert_event(
                    &mut tx,
                    &application_id,
                    now,
                    None,
                    EventKind::WaitingListClosed,
                    Some(&service_id),
                    "",
                )
                .await?;
                lapsed.push((application_id, service_id));
            }
            tx.commit().await?;
            Ok(lapsed)
        }
    }
}
