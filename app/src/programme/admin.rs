//! Server functions of the staff area's programme pages (services organiser and director):
//! programmes and their versions, services, fee rules and publication.

use super::forms::{FeeInput, ProgrammeInput, ServiceInput};
use super::{Package, Programme, Service, SupportingActivity};
use crate::catalogue::FeeQuestion;
use crate::error::AppError;
use crate::programme::fees::FeeQuote;
use crate::providers::Provider;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A programme version with everything the staff page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeOverview {
    pub programme: Programme,
    pub services: Vec<Service>,
    pub packages: Vec<Package>,
    pub activities: Vec<SupportingActivity>,
    /// Every version of the same programme, newest first.
    pub versions: Vec<Programme>,
}

/// A service (or none yet) of a programme version, with the fee preview when asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceEditing {
    pub programme: Programme,
    pub service: Option<Service>,
    pub providers: Vec<Provider>,
    pub fee_input: FeeInput,
    pub preview: Option<Result<FeeQuote, String>>,
}

#[cfg(feature = "ssr")]
mod server {
    use crate::audit::AuditAction;
    use crate::error::AppError;
    use crate::gate::{Access, Permission, require};

    pub async fn manager() -> Result<Access, AppError> {
        require(Permission::ManageProgramme).await
    }

    /// Changes to the programme are not personal data, but who changed what is kept all the same.
    pub async fn record(
        access: &Access,
        action: AuditAction,
        record_type: &str,
        id: &str,
    ) -> Result<(), AppError> {
        let event = crate::audit::AuditEvent {
            record_type: Some(record_type.into()),
            record_id: Some(id.into()),
            purpose: Some("programme_management".into()),
            ..access.event(action)
        };
        access.record(&event).await
    }

    /// Records an item of version `programme_id` added (`created`) or changed, and goes back to
    /// the version's page.
    pub async fn saved(
        access: &Access,
        created: bool,
        record_type: &str,
        id: &str,
        programme_id: &str,
    ) -> Result<(), AppError> {
        let action = if created {
            AuditAction::Create
        } else {
            AuditAction::Update
        };
        record(access, action, record_type, id).await?;
        leptos_axum::redirect(&format!("/pracownik/programy/{programme_id}"));
        Ok(())
    }

    /// The id of the record being changed, or a new one when it is being added.
    pub fn id_or_new(id: &str) -> String {
        if id.is_empty() {
            crate::store::new_id()
        } else {
            id.to_owned()
        }
    }

    /// Only a draft version changes; a published one changes by a new version.
    pub fn ensure_draft(programme: &super::Programme) -> Result<(), AppError> {
        if programme.status == super::super::ProgrammeStatus::Draft {
            Ok(())
        } else {
            Err(AppError::invalid("programme", "programme_not_draft"))
        }
    }
}

#[server(prefix = "/api", endpoint = "programmes")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn programmes() -> Result<Vec<Programme>, AppError> {
    let access = server::manager().await?;
    Ok(access.state.store.programmes().await?)
}

#[server(prefix = "/api", endpoint = "create_programme")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn create_programme(input: ProgrammeInput) -> Result<(), AppError> {
    let access = server::manager().await?;
    let draft = input.check().map_err(AppError::Invalid)?;
    let id = crate::store::new_id();
    let programme = Programme {
        lineage_id: id.clone(),
        id: id.clone(),
        version: 1,
        name: draft.name,
        gminas: draft.gminas,
        resolution_number: draft.resolution_number,
        resolution_date: draft.resolution_date,
        period_from: draft.period_from,
        period_to: draft.period_to,
        status: super::ProgrammeStatus::Draft,
        elements: draft.elements,
        personal_data: draft.personal_data,
        retention: draft.retention,
    };
    access
        .state
        .store
        .insert_programme(&programme, access.state.clock.now())
        .await?;
    server::record(&access, crate::audit::AuditAction::Create, "programme", &id).await?;
    leptos_axum::redirect(&format!("/pracownik/programy/{id}"));
    Ok(())
}

/// Changes what a draft version says: its elements, period, resolution and the rest. A new
/// version is changed the same way before it is published with its own resolution.
#[server(prefix = "/api", endpoint = "update_programme")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn update_programme(id: String, input: ProgrammeInput) -> Result<(), AppError> {
    let access = server::manager().await?;
    let store = &access.state.store;
    let current = store.programme(&id).await?;
    server::ensure_draft(&current)?;
    let draft = input.check().map_err(AppError::Invalid)?;
    let programme = Programme {
        name: draft.name,
        gminas: draft.gminas,
        resolution_number: draft.resolution_number,
        resolution_date: draft.resolution_date,
        period_from: draft.period_from,
        period_to: draft.period_to,
        elements: draft.elements,
        personal_data: draft.personal_data,
        retention: draft.retention,
        ..current
    };
    match store.update_programme(&programme).await {
        Err(crate::store::StoreError::Conflict) => {
            return Err(AppError::invalid("programme", "programme_not_draft"));
        }
        other => other?,
    }
    server::record(&access, crate::audit::AuditAction::Update, "programme", &id).await?;
    leptos_axum::redirect(&format!("/pracownik/programy/{id}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "programme_admin")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn programme_admin(id: String) -> Result<ProgrammeOverview, AppError> {
    let access = server::manager().await?;
    let store = &access.state.store;
    let programme = store.programme(&id).await?;
    let versions = store
        .programmes()
        .await?
        .into_iter()
        .filter(|other| other.lineage_id == programme.lineage_id)
        .collect();
    Ok(ProgrammeOverview {
        services: store.services_of(&id).await?,
        packages: store.packages(Some(&id)).await?,
        activities: store.supporting_activities(&id).await?,
        versions,
        programme,
    })
}

/// Publishes a draft version (the version it replaces is superseded).
#[server(prefix = "/api", endpoint = "publish_programme")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn publish_programme(id: String) -> Result<(), AppError> {
    let access = server::manager().await?;
    let store = &access.state.store;
    let programme = store.programme(&id).await?;
    server::ensure_draft(&programme)?;
    if store.services_of(&id).await?.is_empty() {
        return Err(AppError::invalid("programme", "programme_without_services"));
    }
    // A new version is adopted by a resolution of its own.
    let reused = store.programmes().await?.into_iter().any(|other| {
        other.lineage_id == programme.lineage_id
            && other.id != programme.id
            && other.resolution_number.trim() == programme.resolution_number.trim()
    });
    if reused {
        return Err(AppError::invalid("programme", "resolution_reused"));
    }
    store
        .publish_programme(&id, access.state.clock.now())
        .await?;
    server::record(&access, crate::audit::AuditAction::Update, "programme", &id).await?;
    leptos_axum::redirect(&format!("/pracownik/programy/{id}"));
    Ok(())
}

/// Adds a package (services grouped under one name) to a draft version, or changes one
/// (`package_id`).
#[server(prefix = "/api", endpoint = "save_package")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn save_package(
    programme_id: String,
    #[server(default)] package_id: String,
    name: String,
    #[server(default)] description: String,
    #[server(default)] service_ids: Vec<String>,
) -> Result<(), AppError> {
    let access = server::manager().await?;
    let store = &access.state.store;
    let programme = store.programme(&programme_id).await?;
    server::ensure_draft(&programme)?;
    let own: Vec<String> = store
        .services_of(&programme_id)
        .await?
        .into_iter()
        .map(|service| service.id)
        .collect();
    let mut check = super::forms::Checker::default();
    let name = check.name("package_name", &name);
    let description = check.text("package_description", &description);
    let service_ids: Vec<String> = service_ids
        .into_iter()
        .filter(|id| own.contains(id))
        .collect();
    if service_ids.is_empty() {
        check.fail("package_services", "choose_one");
    }
    let package = check
        .finish(Package {
            id: server::id_or_new(&package_id),
            programme_id: programme.id.clone(),
            name,
            description,
            service_ids,
        })
        .map_err(AppError::Invalid)?;
    if package_id.is_empty() {
        store.insert_package(&package).await?;
    } else {
        store.update_package(&package).await?;
    }
    server::saved(
        &access,
        package_id.is_empty(),
        "package",
        &package.id,
        &programme.id,
    )
    .await
}

/// Adds a supporting activity (info point, volunteer club, workshops) to a draft version, or
/// changes one (`activity_id`).
#[server(prefix = "/api", endpoint = "save_activity")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn save_activity(
    programme_id: String,
    #[server(default)] activity_id: String,
    name: String,
    #[server(default)] description: String,
) -> Result<(), AppError> {
    let access = server::manager().await?;
    let store = &access.state.store;
    let programme = store.programme(&programme_id).await?;
    server::ensure_draft(&programme)?;
    let mut check = super::forms::Checker::default();
    let name = check.name("activity_name", &name);
    let description = check.text("activity_description", &description);
    let activity = check
        .finish(SupportingActivity {
            id: server::id_or_new(&activity_id),
            programme_id: programme.id.clone(),
            name,
            description,
        })
        .map_err(AppError::Invalid)?;
    if activity_id.is_empty() {
        store.insert_supporting_activity(&activity).await?;
    } else {
        store.update_supporting_activity(&activity).await?;
    }
    server::saved(
        &access,
        activity_id.is_empty(),
        "activity",
        &activity.id,
        &programme.id,
    )
    .await
}

/// Removes a service, package or supporting activity (`kind`) from a draft version.
#[server(prefix = "/api", endpoint = "remove_from_programme")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn remove_from_programme(
    programme_id: String,
    kind: String,
    item_id: String,
) -> Result<(), AppError> {
    let access = server::manager().await?;
    let store = &access.state.store;
    server::ensure_draft(&store.programme(&programme_id).await?)?;
    let removed = match kind.as_str() {
        "service" => store.remove_service(&programme_id, &item_id).await,
        "package" => store.remove_package(&programme_id, &item_id).await,
        "activity" => {
            store
                .remove_supporting_activity(&programme_id, &item_id)
                .await
        }
        _ => return Err(AppError::NotFound),
    };
    match removed {
        // Removed already (a double submit): nothing more to do.
        Err(crate::store::StoreError::NotFound) => {}
        other => other?,
    }
    server::record(&access, crate::audit::AuditAction::Delete, &kind, &item_id).await?;
    leptos_axum::redirect(&format!("/pracownik/programy/{programme_id}"));
    Ok(())
}

/// Starts a new draft version of a programme (for a new resolution).
#[server(prefix = "/api", endpoint = "programme_new_version")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn new_programme_version(id: String) -> Result<(), AppError> {
    let access = server::manager().await?;
    let copy = access
        .state
        .store
        .new_programme_version(&id, access.state.clock.now())
        .await?;
    server::record(
        &access,
        crate::audit::AuditAction::Create,
        "programme",
        &copy.id,
    )
    .await?;
    leptos_axum::redirect(&format!("/pracownik/programy/{}", copy.id));
    Ok(())
}

#[server(prefix = "/api", endpoint = "service_admin")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn service_admin(
    programme_id: String,
    service_id: Option<String>,
    question: FeeQuestion,
) -> Result<ServiceEditing, AppError> {
    let access = server::manager().await?;
    let store = &access.state.store;
    let programme = store.programme(&programme_id).await?;
    let service = match service_id {
        Some(id) => {
            let service = store.service(&id).await?;
            if service.programme_id != programme.id {
                return Err(AppError::NotFound);
            }
            Some(service)
        }
        None => None,
    };
    let preview = service
        .as_ref()
        .and_then(|service| question.quote(&service.fee));
    Ok(ServiceEditing {
        fee_input: service
            .as_ref()
            .map(|service| FeeInput::of(&service.fee))
            .unwrap_or_default(),
        providers: store.providers().await?,
        programme,
        service,
        preview,
    })
}

/// Adds a service to a draft version, or changes one (`service_id` given); the fee stays as
/// it was (a new service starts free until its fee is set).
#[server(prefix = "/api", endpoint = "save_service")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn save_service(
    programme_id: String,
    #[server(default)] service_id: String,
    input: ServiceInput,
) -> Result<(), AppError> {
    use super::fees::{DiscountCombination, FeeRule, FeeSchedule};
    let access = server::manager().await?;
    let store = &access.state.store;
    let programme = store.programme(&programme_id).await?;
    server::ensure_draft(&programme)?;
    let known: Vec<String> = store.providers().await?.into_iter().map(|p| p.id).collect();
    let draft = input.check(&known).map_err(AppError::Invalid)?;
    let existing = if service_id.is_empty() {
        None
    } else {
        Some(store.service(&service_id).await?)
    };
    let service = Service {
        id: existing
            .as_ref()
            .map_or_else(crate::store::new_id, |s| s.id.clone()),
        programme_id: programme.id.clone(),
        name: draft.name,
        area: draft.area,
        form: draft.form,
        goal: draft.goal,
        characteristics: draft.characteristics,
        target_groups: draft.target_groups,
        places: draft.places,
        unit: draft.unit,
        conditions: draft.conditions,
        documents: draft.documents,
        provider_ids: draft.provider_ids,
        limit: draft.limit,
        fee: existing.map(|s| s.fee).unwrap_or(FeeSchedule {
            rule: FeeRule::Free,
            discounts: Vec::new(),
            combination: DiscountCombination::Highest,
        }),
    };
    if service_id.is_empty() {
        store.insert_service(&service).await?;
    } else {
        store.replace_service(&service).await?;
    }
    server::record(
        &access,
        crate::audit::AuditAction::Update,
        "service",
        &service.id,
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/pracownik/programy/{}/uslugi/{}",
        programme.id, service.id
    ));
    Ok(())
}

/// Sets the fee rule of a service of a draft version.
#[server(prefix = "/api", endpoint = "save_fee")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn save_fee(service_id: String, input: FeeInput) -> Result<(), AppError> {
    let access = server::manager().await?;
    let store = &access.state.store;
    let service = store.service(&service_id).await?;
    let programme = store.programme(&service.programme_id).await?;
    server::ensure_draft(&programme)?;
    let fee = input.check().map_err(AppError::Invalid)?;
    store
        .replace_service(&Service {
            fee,
            ..service.clone()
        })
        .await?;
    server::record(
        &access,
        crate::audit::AuditAction::Update,
        "service",
        &service.id,
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/pracownik/programy/{}/uslugi/{}",
        programme.id, service.id
    ));
    Ok(())
}
