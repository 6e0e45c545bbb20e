//! A plan and the programme version its services come from: which version that is, whether a
//! newer one replaced it, and moving the plan onto it (a new draft version with the services
//! mapped to their copies, the granted requests following them).

use super::rules::{PlanContent, PlannedService, ProgrammeVersion};
use super::store::{Draft, insert_version, updatable};
use crate::applications::EventKind;
use crate::case_file::timeline::insert_event;
use crate::store::rows::corrupt;
use crate::store::{Store, StoreError, StoreResult};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

fn programme_version(row: &AnyRow) -> StoreResult<ProgrammeVersion> {
    Ok(ProgrammeVersion {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        version: u32::try_from(row.try_get::<i64, _>("version")?)
            .map_err(|e| corrupt(e.to_string()))?,
    })
}

/// A plan moved onto a new programme version: its new draft and what could not follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedPlan {
    pub version: u32,
    pub programme: ProgrammeVersion,
    /// Planned services the new version no longer offers (left out of the draft).
    pub left_out: Vec<String>,
}

impl Store {
    /// The programme version of case `application_id`'s services (its granted ones first).
    pub async fn programme_of_case(
        &self,
        application_id: &str,
    ) -> StoreResult<Option<ProgrammeVersion>> {
        sqlx::query(
            "SELECT p.id, p.name, p.version FROM application_services a \
             JOIN services s ON s.id = a.service_id JOIN programmes p ON p.id = s.programme_id \
             WHERE a.application_id = $1 \
             ORDER BY CASE WHEN a.status = 'qualified' THEN 0 ELSE 1 END, a.position LIMIT 1",
        )
        .bind(application_id)
        .fetch_optional(self.pool())
        .await?
        .as_ref()
        .map(programme_version)
        .transpose()
    }

    /// The published version that replaced the programme version of case `application_id`'s
    /// services, if one did.
    pub async fn programme_successor(
        &self,
        application_id: &str,
    ) -> StoreResult<Option<ProgrammeVersion>> {
        let Some(current) = self.programme_of_case(application_id).await? else {
            return Ok(None);
        };
        sqlx::query(
            "SELECT n.id, n.name, n.version FROM programmes o \
             JOIN programmes n ON n.lineage_id = o.lineage_id \
             WHERE o.id = $1 AND n.status = 'published' AND n.version > o.version",
        )
        .bind(&current.id)
        .fetch_optional(self.pool())
        .await?
        .as_ref()
        .map(programme_version)
        .transpose()
    }

    /// Service `service_id`'s copy in programme version `programme_id`: followed through the
    /// versions between them, or, for versions copied before copies were recorded, by name.
    async fn copy_in(&self, service_id: &str, programme_id: &str) -> StoreResult<Option<String>> {
        let mut id = service_id.to_owned();
        // Each step is one version newer; a lineage has fewer versions than this.
        for _ in 0..100 {
            let copy: Option<AnyRow> =
                sqlx::query("SELECT id, programme_id FROM services WHERE copied_from = $1")
                    .bind(&id)
                    .fetch_optional(self.pool())
                    .await?;
            let Some(copy) = copy else { break };
            id = copy.try_get("id")?;
            if copy.try_get::<String, _>("programme_id")? == programme_id {
                return Ok(Some(id));
            }
        }
        Ok(sqlx::query_scalar(
            "SELECT n.id FROM services n JOIN services o ON o.name = n.name \
             WHERE o.id = $1 AND n.programme_id = $2",
        )
        .bind(service_id)
        .bind(programme_id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Moves plan `id` onto the published version that replaced its programme version: a new
    /// draft version from the approved one, each service mapped to its copy (a provider the copy
    /// no longer lists is left for the coordinator to choose again), and the case's granted
    /// requests moved with it, each with its timeline entry. `Conflict` while another version is
    /// pending, once closed, or when no newer version replaced the plan's.
    pub async fn move_plan_to_programme(
        &self,
        id: &str,
        by: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<MovedPlan> {
        let plan = self.plan(id).await?;
        let approved = updatable(&plan)?;
        let target = self
            .programme_successor(&plan.application_id)
            .await?
            .ok_or(StoreError::Conflict)?;
        let granted: Vec<String> = sqlx::query_scalar(
            "SELECT service_id FROM application_services \
             WHERE application_id = $1 AND status = 'qualified' ORDER BY position",
        )
        .bind(&plan.application_id)
        .fetch_all(self.pool())
        .await?;
        let mut moves = Vec::new();
        for old in granted {
            if let Some(new) = self.copy_in(&old, &target.id).await? {
                moves.push((old, new));
            }
        }
        let mut services = Vec::new();
        let mut left_out = Vec::new();
        for planned in &approved.content.services {
            let Some((_, new)) = moves.iter().find(|(old, _)| *old == planned.service_id) else {
                left_out.push(planned.name.clone());
                continue;
            };
            services.push(self.planned_in(planned, new).await?);
        }
        let content = PlanContent {
            services,
            programme: Some(target.clone()),
            ..approved.content.clone()
        };
        let version = plan.versions.len() as u32 + 1;
        let draft = Draft {
            content: &content,
            agreed_on: None,
            delay_reason: "",
        };
        let mut tx = self.pool().begin().await?;
        insert_version(&mut tx, id, version, &draft, by, now).await?;
        for (old, new) in &moves {
            sqlx::query(
                "UPDATE application_services SET service_id = $3 \
                 WHERE application_id = $1 AND service_id = $2",
            )
            .bind(&plan.application_id)
            .bind(old)
            .bind(new)
            .execute(&mut *tx)
            .await?;
            insert_event(
                &mut tx,
                &plan.application_id,
                now,
                Some(by),
                EventKind::PlanMovedToProgramme,
                Some(new),
                &target.version.to_string(),
            )
            .await?;
        }
        tx.commit().await?;
        self.refresh_plan_facts(id).await?;
        Ok(MovedPlan {
            version,
            programme: target,
            left_out,
        })
    }

    /// `planned` as a service of its copy `service_id`: the copy's name, the provider kept when
    /// the copy still lists it.
    async fn planned_in(
        &self,
        planned: &PlannedService,
        service_id: &str,
    ) -> StoreResult<PlannedService> {
        let copy = self.service(service_id).await?;
        let offered = copy.provider_ids.contains(&planned.provider_id);
        Ok(PlannedService {
            service_id: copy.id,
            name: copy.name,
            provider_id: if offered {
                planned.provider_id.clone()
            } else {
                String::new()
            },
            provider_name: if offered {
                planned.provider_name.clone()
            } else {
                String::new()
            },
            moved_from: Some(planned.service_id.clone()),
            ..planned.clone()
        })
    }
}
