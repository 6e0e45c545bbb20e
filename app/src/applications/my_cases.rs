//! "Moje sprawy": the resident's applications, each with its services, timeline and documents;
//! withdrawing an application not yet decided and resigning from a granted service (art. 44).

use super::model::*;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One case as its resident sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyCase {
    pub application: Application,
    pub programme_name: String,
    pub services: Vec<RequestedService>,
    pub events: Vec<CaseEvent>,
    pub attachments: Vec<AttachmentInfo>,
    pub decisions: Vec<crate::cases::decision::DecisionSummary>,
    pub forwardings: Vec<crate::cases::forwarding::Forwarding>,
    /// The individual plan's version in force, once one is approved.
    pub plan: Option<crate::ipus::PlanSummary>,
}

impl MyCase {
    /// Withdrawal is possible until something has been granted or refused (a place on the
    /// waiting list can be given up).
    pub fn can_withdraw(&self) -> bool {
        self.application.status == ApplicationStatus::Registered
            && self
                .services
                .iter()
                .all(|s| matches!(s.status, RequestStatus::Requested | RequestStatus::Waiting))
    }
}

#[server(prefix = "/api", endpoint = "my_applications")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn my_applications() -> Result<Vec<ApplicationSummary>, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageOwnData).await?;
    let user = access.signed_in()?;
    let list = access.state.store.applications_of(&user.id).await?;
    let event = crate::audit::AuditEvent {
        record_type: Some("application".into()),
        person_id: Some(user.id.clone()),
        purpose: Some("own_cases".into()),
        ..access.event(crate::audit::AuditAction::Read)
    };
    access.record(&event).await?;
    Ok(list)
}

#[server(prefix = "/api", endpoint = "my_case")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_my_case(id: String) -> Result<MyCase, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageOwnData).await?;
    let application = crate::cases::access::server::own_case(&access, &id).await?;
    let store = &access.state.store;
    // The version in force only: drafts and returned versions are the staff's.
    let plan = store
        .plan_summaries(&id)
        .await?
        .into_iter()
        .rev()
        .find(|version| version.state == crate::ipus::VersionState::Approved);
    let case = MyCase {
        plan,
        programme_name: store.programme(&application.programme_id).await?.name,
        services: store.requested_services(&id).await?,
        events: store.case_events(&id, true).await?,
        attachments: store.attachments(&id).await?,
        decisions: store.decisions_of(&id).await?,
        forwardings: store.forwardings_of(&id).await?,
        application,
    };
    let event = crate::cases::access::server::case_event(
        &access,
        crate::audit::AuditAction::Read,
        &case.application,
    );
    access.record(&event).await?;
    Ok(case)
}

#[server(prefix = "/api", endpoint = "withdraw_application")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn withdraw_application(id: String) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageOwnData).await?;
    let application = crate::cases::access::server::own_case(&access, &id).await?;
    let user = access.signed_in()?;
    let now = access.state.clock.now();
    let Some(promotions) = access
        .state
        .store
        .withdraw_application(&id, &user.id, now)
        .await?
    else {
        return Err(AppError::invalid("withdraw", "cannot_withdraw"));
    };
    let event = crate::cases::access::server::case_event(
        &access,
        crate::audit::AuditAction::Update,
        &application,
    );
    access.record(&event).await?;
    super::notify::withdrawn(&access, &application).await?;
    crate::cases::qualification::server::tell_promoted(&access, &promotions).await?;
    leptos_axum::redirect(&format!("/moje-sprawy/{id}?wycofano=1"));
    Ok(())
}

/// Resignation from a granted service: recorded in the case, sent to the director's queue.
#[server(prefix = "/api", endpoint = "resign_service")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn resign_service(
    id: String,
    service: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageOwnData).await?;
    let application = crate::cases::access::server::own_case(&access, &id).await?;
    let user = access.signed_in()?;
    let reason = reason.trim();
    if reason.chars().count() > 1000 {
        return Err(AppError::invalid("reason", "too_long"));
    }
    let requested = access.state.store.requested_services(&id).await?;
    let name = requested
        .iter()
        .find(|s| s.service_id == service)
        .map(|s| s.name.clone())
        .ok_or(AppError::NotFound)?;
    let now = access.state.clock.now();
    let Some(promotion) = access
        .state
        .store
        .resign_from_service(&id, &service, &user.id, reason, now)
        .await?
    else {
        return Err(AppError::invalid("reason", "cannot_resign"));
    };
    let event = crate::cases::access::server::case_event(
        &access,
        crate::audit::AuditAction::Update,
        &application,
    );
    access.record(&event).await?;
    super::notify::resigned(&access, &application, &name).await?;
    crate::cases::qualification::server::tell_promoted(&access, &[promotion]).await?;
    leptos_axum::redirect(&format!("/moje-sprawy/{id}?rezygnacja=1"));
    Ok(())
}
