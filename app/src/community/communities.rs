//! The organiser's server functions: communities, their stages, activities and who signed up.
//! Changes need `OrganiseCommunity`, reading `ReadCommunity` (the services organiser too);
//! reading a sign-up list (names and contacts) is audited.

use super::forms::ActivityForm;
use super::{Activity, CommunityFile, CommunitySummary, Registration};
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "communities")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_communities() -> Result<Vec<CommunitySummary>, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ReadCommunity).await?;
    let now = access.state.clock.now();
    Ok(access.state.store.communities(now).await?)
}

#[server(prefix = "/api", endpoint = "create_community")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn create_community(
    #[server(default)] name: String,
    /// Radio buttons: absent when none is chosen.
    #[server(default)]
    kind: String,
    #[server(default)] territory: String,
    #[server(default)] place: String,
    #[server(default)] teryt: String,
    #[server(default)] group: String,
    #[server(default)] description: String,
) -> Result<(), AppError> {
    use super::forms::NewCommunity;
    use crate::gate::{Permission, require};
    let access = require(Permission::OrganiseCommunity).await?;
    let organiser = access.signed_in()?.id.clone();
    let community = NewCommunity::parse(
        &name,
        &kind,
        &territory,
        &place,
        &teryt,
        &group,
        &description,
    )?;
    let store = &access.state.store;
    let now = access.state.clock.now();
    // The same form sent twice opens the community recorded the first time.
    let existing = store
        .communities(now)
        .await?
        .into_iter()
        .find(|summary| summary.community.name == community.name);
    let id = match existing {
        Some(summary) => summary.community.id,
        None => {
            let id = store.insert_community(&community, &organiser, now).await?;
            crate::community::trail::audit(
                &access,
                "community",
                &id,
                crate::audit::AuditAction::Create,
            )
            .await?;
            id
        }
    };
    leptos_axum::redirect(&format!("/pracownik/spolecznosci/{id}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "community")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_community(id: String) -> Result<CommunityFile, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ReadCommunity).await?;
    use super::plan::server::{plan_file, this_year};
    let store = &access.state.store;
    let plan = plan_file(&access, &id, this_year(&access)).await?;
    Ok(CommunityFile {
        history: store.stage_history(&id).await?,
        activities: store.activities_of(&id).await?,
        progress: plan.progress,
        evaluations: store.evaluations_of(&id).await?,
        supporting: store.programme_supporting_activities().await?,
        may_edit: plan.may_edit,
        community: plan.community,
    })
}

#[server(prefix = "/api", endpoint = "move_community_stage")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn move_community_stage(
    id: String,
    /// The stage the form was shown at: a move made meanwhile is not overwritten.
    from: String,
    #[server(default)] stage: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use super::{Stage, forms::parse_stage_move};
    use crate::gate::{Permission, require};
    use crate::store::StoreError;
    let access = require(Permission::OrganiseCommunity).await?;
    let by = access.signed_in()?.id.clone();
    let from = Stage::from_code(&from).ok_or(AppError::NotFound)?;
    let (to, reason) = parse_stage_move(from, &stage, &reason)?;
    let now = access.state.clock.now();
    match access
        .state
        .store
        .move_stage(&id, from, to, &reason, &by, now)
        .await
    {
        Err(StoreError::Conflict) => return Err(AppError::invalid("stage", "stage_moved")),
        other => other?,
    }
    crate::community::trail::audit(&access, "community", &id, crate::audit::AuditAction::Update)
        .await?;
    leptos_axum::redirect(&format!("/pracownik/spolecznosci/{id}?etap=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "create_activity")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn create_activity(community: String, input: ActivityForm) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::OrganiseCommunity).await?;
    let by = access.signed_in()?.id.clone();
    let now = access.state.clock.now();
    let activity = input.parse(now)?;
    let store = &access.state.store;
    store.community(&community).await?;
    if let Some(goal) = &activity.goal_id {
        // A goal of the plan in force (or drafted) for the year the activity takes place.
        use chrono::Datelike;
        let year = crate::domain::warsaw_date(activity.starts_at).year();
        let plan = super::plan::server::plan_file(&access, &community, year).await?;
        if !plan.progress.iter().any(|p| &p.goal.id == goal) {
            return Err(AppError::invalid("goal", "choose_one"));
        }
    }
    if let Some(supporting) = &activity.supporting_activity_id {
        let known = store.programme_supporting_activities().await?;
        if !known.iter().any(|(id, _)| id == supporting) {
            return Err(AppError::invalid("supporting", "choose_one"));
        }
    }
    let id = store
        .insert_activity(&community, &activity, &by, now)
        .await?;
    crate::community::trail::audit(
        &access,
        "community_activity",
        &id,
        crate::audit::AuditAction::Create,
    )
    .await?;
    leptos_axum::redirect(&format!("/pracownik/wydarzenia/{id}?dodano=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "activity_registrations")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_activity_registrations(
    id: String,
) -> Result<(Activity, Vec<Registration>, bool), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ReadCommunity).await?;
    let store = &access.state.store;
    let activity = store.activity(&id).await?;
    let registrations = store.registrations_of(&id).await?;
    crate::community::trail::audit(
        &access,
        "community_activity",
        &id,
        crate::audit::AuditAction::Read,
    )
    .await?;
    let may_edit = Permission::OrganiseCommunity.allowed_for(&access.signed_in()?.roles);
    Ok((activity, registrations, may_edit))
}
