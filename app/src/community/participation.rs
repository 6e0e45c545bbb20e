//! Activities in a person's life outside the calendar: the resident's own sign-ups (seen and
//! cancelled from the account, `/moje-wydarzenia`), and the activities of an individual plan —
//! chosen in its section E, the person signed up by the coordinator, the volunteers on them.

use super::PersonRegistration;
use crate::error::AppError;
use leptos::prelude::*;

/// How far ahead a plan's section E offers activities.
pub const PLAN_HORIZON_DAYS: i64 = 183;
/// At most this many activities are offered.
pub const PLAN_CHOICES: i64 = 300;

#[server(prefix = "/api", endpoint = "my_activities")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_my_activities() -> Result<Vec<PersonRegistration>, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageOwnData).await?;
    let user = access.signed_in()?;
    let list = access
        .state
        .store
        .registrations_of_person(Some(&user.id), None)
        .await?;
    let event = crate::audit::AuditEvent {
        record_type: Some("activity_registration".into()),
        person_id: Some(user.id.clone()),
        purpose: Some("own_activities".into()),
        ..access.event(crate::audit::AuditAction::Read)
    };
    access.record(&event).await?;
    Ok(list)
}

#[server(prefix = "/api", endpoint = "cancel_my_registration")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn cancel_my_registration(id: String) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageOwnData).await?;
    let user = access.signed_in()?;
    let hash = access
        .state
        .store
        .own_registration_token(&id, &user.id)
        .await?;
    super::calendar::server::cancel_hashed(&access, &hash).await?;
    leptos_axum::redirect("/moje-wydarzenia?odwolano=1");
    Ok(())
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::applications::Application;
    use crate::audit::AuditAction;
    use crate::community::forms::SignUp;
    use crate::community::store::SignUpOutcome;
    use crate::community::{
        ActivityRef, PlanParticipation, PlanVolunteer, Registrant, RegistrationStatus,
    };
    use crate::gate::Access;
    use crate::identity::credentials::{hash_secret, random_token};
    use crate::ipus::Plan;

    /// The account whose sign-ups are the person's own: the applicant's, when they applied for
    /// themselves (a representative's account holds the representative's sign-ups).
    fn person_account(application: &Application) -> Option<&str> {
        application
            .owner_id
            .as_deref()
            .filter(|_| !application.needs_applicant())
    }

    /// The activity ids any version of `plan` names in section E.
    fn named(plan: &Plan) -> Vec<&str> {
        let mut ids: Vec<&str> = plan
            .versions
            .iter()
            .flat_map(|v| v.content.activities.iter())
            .map(|a| a.activity_id.as_str())
            .filter(|id| !id.is_empty())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The activities section E of `plan` may name: the coming ones and those it named.
    pub async fn plan_choices(access: &Access, plan: &Plan) -> Result<Vec<ActivityRef>, AppError> {
        let store = &access.state.store;
        let now = access.state.clock.now();
        let until = now + chrono::Duration::days(PLAN_HORIZON_DAYS);
        let mut calendar = store
            .activity_refs_between(now, until, PLAN_CHOICES)
            .await?;
        for id in named(plan) {
            if !calendar.iter().any(|a| a.id == id) {
                match store.activity_ref(id).await {
                    Ok(found) => calendar.push(found),
                    Err(crate::store::StoreError::NotFound) => continue,
                    Err(other) => return Err(other.into()),
                }
            }
        }
        Ok(calendar)
    }

    /// What the plan page shows of the person's activities (volunteers' names read are audited).
    pub async fn for_plan(
        access: &Access,
        plan: &Plan,
        application: &Application,
    ) -> Result<PlanParticipation, AppError> {
        let store = &access.state.store;
        let calendar = plan_choices(access, plan).await?;
        let mut volunteers = Vec::new();
        for id in named(plan) {
            for assignment in store.assignments_of_activity(id).await? {
                crate::community::volunteers::server::audit(
                    access,
                    &assignment.volunteer_id,
                    AuditAction::Read,
                )
                .await?;
                volunteers.push(PlanVolunteer {
                    activity_id: id.to_owned(),
                    name: assignment.volunteer_name,
                    status: assignment.status,
                });
            }
        }
        let registrations = store
            .registrations_of_person(person_account(application), Some(&application.id))
            .await?;
        Ok(PlanParticipation {
            calendar,
            registrations,
            volunteers,
        })
    }

    /// Signs the person of `plan` (a plan the caller may edit, of `application`) up for
    /// `activity_id`, one its section E names.
    pub async fn sign_up_from_plan(
        access: &Access,
        plan: &Plan,
        application: &Application,
        activity_id: &str,
    ) -> Result<RegistrationStatus, AppError> {
        if !named(plan).contains(&activity_id) {
            return Err(AppError::invalid("activity", "choose_one"));
        }
        let store = &access.state.store;
        let activity = store.activity(activity_id).await?;
        let now = access.state.clock.now();
        if activity.starts_at <= now {
            return Err(AppError::invalid("activity", "activity_started"));
        }
        let person = &application.subject;
        let contact = [&person.email, &person.phone]
            .into_iter()
            .map(|c| c.trim())
            .find(|c| !c.is_empty())
            .unwrap_or_default();
        // Without a usable contact the case itself keeps the sign-up one per person.
        let sign_up = SignUp::parse(&person.name, contact, true).unwrap_or_else(|_| SignUp {
            name: person.name.trim().to_owned(),
            contact: String::new(),
            contact_key: format!("case:{}", application.id),
            email: None,
        });
        let token = random_token();
        let registrant = Registrant {
            user_id: person_account(application),
            application_id: Some(&application.id),
        };
        let outcome = store
            .sign_up(
                activity_id,
                &sign_up,
                "pl",
                registrant,
                &hash_secret(&token),
                now,
            )
            .await?;
        let status = match outcome {
            SignUpOutcome::Already(status) => return Ok(status),
            SignUpOutcome::New(status) => status,
        };
        crate::community::calendar::server::audit(access, activity_id, AuditAction::Create).await?;
        crate::cases::handling::server::audit_change(access, application, "activity_sign_up")
            .await?;
        crate::community::calendar::server::confirm(
            &access.state,
            &sign_up,
            status,
            crate::i18n::Locale::pl,
            &activity,
            &token,
        )
        .await?;
        Ok(status)
    }
}
