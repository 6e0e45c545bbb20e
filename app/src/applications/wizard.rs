//! The application wizard's server functions: one per step. Each saves the step on the draft
//! (kept in the database, so a resident can stop and resume) and sends the browser to the next
//! step; with JavaScript off that is a plain form POST and a redirect.

use super::model::*;
use super::person::PersonInput;
use crate::centre::PrivacyNotice;
use crate::error::AppError;
use crate::programme::PersonalDataField;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Everything the wizard's pages show of one draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationForm {
    pub application: Application,
    pub programme_name: String,
    /// The personal data the programme asks for (element 9).
    pub asked: Vec<PersonalDataField>,
    pub services: Vec<ServiceChoice>,
    pub attachments: Vec<AttachmentInfo>,
    pub privacy: PrivacyNotice,
}

impl ApplicationForm {
    pub fn chosen_services(&self) -> impl Iterator<Item = &ServiceChoice> {
        self.services.iter().filter(|s| s.chosen)
    }
}

#[server(prefix = "/api", endpoint = "application_form")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_application_form(id: String) -> Result<ApplicationForm, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageOwnData).await?;
    let application = crate::cases::access::server::own_case(&access, &id).await?;
    server::form_of(&access, application).await
}

/// "Apply" on a service page: starts (or resumes) the signed-in resident's application to the
/// service's programme with this service chosen.
#[server(prefix = "/api", endpoint = "start_application")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn start_application(service: String) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageOwnData).await?;
    let user = access.signed_in()?;
    let service = access.state.store.published_service(&service).await?;
    let id = server::start(
        &access,
        &service.programme_id,
        Some(&user.id),
        Channel::Online,
        None,
        std::slice::from_ref(&service.id),
    )
    .await?;
    leptos_axum::redirect(&Step::Services.path(&id));
    Ok(())
}

/// The info point registers an application that came in person, on paper, by e-mail or phone.
#[server(prefix = "/api", endpoint = "start_on_behalf")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn start_on_behalf(
    programme: String,
    channel: String,
    received_on: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::RegisterOnBehalf).await?;
    let mut errors = crate::error::FieldErrors::new();
    let channel = match Channel::from_code(&channel) {
        Some(channel) if channel != Channel::Online => Some(channel),
        _ => {
            errors.insert("channel".into(), "choose_one".into());
            None
        }
    };
    let today = crate::domain::clock::warsaw_date(access.state.clock.now());
    let received_on = crate::forms::check_past_day(&mut errors, "received_on", &received_on, today);
    let programme = access
        .state
        .store
        .programme(&programme)
        .await
        .ok()
        .filter(|p| p.status == crate::programme::ProgrammeStatus::Published);
    if programme.is_none() {
        errors.insert("programme".into(), "choose_one".into());
    }
    let (Some(channel), Some(received_on), Some(programme)) = (channel, received_on, programme)
    else {
        return Err(AppError::Invalid(errors));
    };
    let id = server::start(
        &access,
        &programme.id,
        None,
        channel,
        Some(received_on),
        &[],
    )
    .await?;
    leptos_axum::redirect(&Step::Services.path(&id));
    Ok(())
}

#[server(prefix = "/api", endpoint = "choose_services")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn choose_services(
    id: String,
    #[server(default)] services: Vec<String>,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageOwnData).await?;
    let application = server::draft(&access, &id).await?;
    let offered = access
        .state
        .store
        .services_of(&application.programme_id)
        .await?;
    let chosen: Vec<String> = offered
        .into_iter()
        .filter(|s| services.contains(&s.id))
        .map(|s| s.id)
        .collect();
    if chosen.is_empty() {
        return Err(AppError::invalid("services", "services_required"));
    }
    access
        .state
        .store
        .set_requested_services(&id, &chosen)
        .await?;
    server::saved(&access, &application, Step::Services).await
}

#[server(prefix = "/api", endpoint = "save_who")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn save_who(id: String, role: Option<String>) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageOwnData).await?;
    let mut application = server::draft(&access, &id).await?;
    let role = role
        .as_deref()
        .and_then(ApplicantRole::from_code)
        .ok_or_else(|| AppError::invalid("role", "choose_one"))?;
    let now = access.state.clock.now();
    access
        .state
        .store
        .save_applicant_role(&id, role, application.channel, application.received_on, now)
        .await?;
    application.applicant_role = Some(role);
    server::saved(&access, &application, Step::Who).await
}

/// The person the services are for (`applicant: false`) or the applicant (`true`).
#[server(prefix = "/api", endpoint = "save_person")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn save_person(
    id: String,
    #[server(default)] applicant: bool,
    person: PersonInput,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageOwnData).await?;
    let application = server::draft(&access, &id).await?;
    let asked = if applicant {
        super::person::APPLICANT_FIELDS.to_vec()
    } else {
        access
            .state
            .store
            .programme(&application.programme_id)
            .await?
            .personal_data
    };
    // What was typed is kept in the draft even when wrong, so the form (with or without
    // JavaScript) shows it again next to the messages; moving on needs it valid.
    let (person, errors) = person.review(&asked);
    let now = access.state.clock.now();
    access
        .state
        .store
        .save_person(&id, applicant, &person, now)
        .await?;
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let step = if applicant {
        Step::Applicant
    } else {
        Step::Person
    };
    server::saved(&access, &application, step).await
}

#[server(prefix = "/api", endpoint = "save_declarations")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn save_declarations(
    id: String,
    conditions: Option<String>,
    privacy: Option<String>,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageOwnData).await?;
    let application = server::draft(&access, &id).await?;
    let mut errors = crate::error::FieldErrors::new();
    if conditions.is_none() {
        errors.insert("conditions".into(), "declaration_required".into());
    }
    if privacy.is_none() {
        errors.insert("privacy".into(), "privacy_required".into());
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let now = access.state.clock.now();
    access
        .state
        .store
        .save_declarations(&id, true, true, now)
        .await?;
    server::saved(&access, &application, Step::Declarations).await
}

#[server(prefix = "/api", endpoint = "remove_attachment")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn remove_attachment(id: String, attachment: String) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageOwnData).await?;
    let application = server::draft(&access, &id).await?;
    if access
        .state
        .store
        .delete_attachment(&id, &attachment)
        .await?
    {
        super::files::delete_file(&access.state, &attachment).await;
        let event = crate::cases::access::server::case_event(
            &access,
            crate::audit::AuditAction::Delete,
            &application,
        );
        access.record(&event).await?;
    }
    leptos_axum::redirect(&Step::Attachments.path(&id));
    Ok(())
}

/// Registers the application: a case number, the receipt and an e-mail. Submitting again (a
/// double click, a retried request) finds the case already registered and shows the same one.
#[server(prefix = "/api", endpoint = "submit_application")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn submit_application(id: String) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageOwnData).await?;
    let application = crate::cases::access::server::own_case(&access, &id).await?;
    server::submit(&access, application).await?;
    leptos_axum::redirect(&format!("/wnioski/{id}/zlozono"));
    Ok(())
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::audit::AuditAction;
    use crate::gate::Access;

    pub async fn form_of(
        access: &Access,
        application: Application,
    ) -> Result<ApplicationForm, AppError> {
        let store = &access.state.store;
        let programme = store.programme(&application.programme_id).await?;
        let requested = store.requested_services(&application.id).await?;
        let services = store
            .services_of(&programme.id)
            .await?
            .into_iter()
            .map(|s| ServiceChoice {
                chosen: requested.iter().any(|r| r.service_id == s.id),
                id: s.id,
                name: s.name,
            })
            .collect();
        let attachments = store.attachments(&application.id).await?;
        let event =
            crate::cases::access::server::case_event(access, AuditAction::Read, &application);
        access.record(&event).await?;
        Ok(ApplicationForm {
            programme_name: programme.name,
            asked: programme.personal_data,
            services,
            attachments,
            privacy: access.state.centre.privacy.clone(),
            application,
        })
    }

    pub async fn start(
        access: &Access,
        programme_id: &str,
        owner_id: Option<&str>,
        channel: Channel,
        received_on: Option<chrono::NaiveDate>,
        service_ids: &[String],
    ) -> Result<String, AppError> {
        let user = access.signed_in()?;
        let locale = crate::preferences::visitor_locale();
        let draft = super::super::store::NewDraft {
            programme_id,
            drafted_by: &user.id,
            owner_id,
            channel,
            received_on,
            service_ids,
            locale: leptos_i18n::Locale::as_str(locale),
        };
        let id = access
            .state
            .store
            .start_application(&draft, access.state.clock.now())
            .await?;
        let application = access.state.store.application(&id).await?;
        let event =
            crate::cases::access::server::case_event(access, AuditAction::Create, &application);
        access.record(&event).await?;
        Ok(id)
    }

    /// The signed-in person's draft; a registered case is shown, not edited.
    pub async fn draft(access: &Access, id: &str) -> Result<Application, AppError> {
        let application = crate::cases::access::server::own_case(access, id).await?;
        if application.status != ApplicationStatus::Draft {
            return Err(AppError::invalid("form", "already_submitted"));
        }
        Ok(application)
    }

    /// Audits the saved step and sends the browser to the next one.
    pub async fn saved(
        access: &Access,
        application: &Application,
        step: Step,
    ) -> Result<(), AppError> {
        let event =
            crate::cases::access::server::case_event(access, AuditAction::Update, application);
        access.record(&event).await?;
        let next = next_step(step, application.needs_applicant());
        leptos_axum::redirect(&next.path(&application.id));
        Ok(())
    }

    /// What is still missing before the application can be registered (first such step).
    async fn incomplete(
        access: &Access,
        application: &Application,
    ) -> Result<Option<Step>, AppError> {
        let store = &access.state.store;
        if store.requested_services(&application.id).await?.is_empty() {
            return Ok(Some(Step::Services));
        }
        if application.applicant_role.is_none() {
            return Ok(Some(Step::Who));
        }
        let asked = store
            .programme(&application.programme_id)
            .await?
            .personal_data;
        if application.subject.check(&asked).is_err() {
            return Ok(Some(Step::Person));
        }
        if application.needs_applicant()
            && application
                .applicant
                .check(&super::super::person::APPLICANT_FIELDS)
                .is_err()
        {
            return Ok(Some(Step::Applicant));
        }
        if !application.conditions_declared || !application.privacy_acknowledged {
            return Ok(Some(Step::Declarations));
        }
        Ok(None)
    }

    pub async fn submit(access: &Access, application: Application) -> Result<(), AppError> {
        let user = access.signed_in()?;
        if application.status == ApplicationStatus::Draft
            && let Some(step) = incomplete(access, &application).await?
        {
            return Err(AppError::invalid("form", step_error(step)));
        }
        let now = access.state.clock.now();
        let index = crate::case_file::record::CaseIndex {
            registered_on: application
                .received_on
                .unwrap_or_else(|| crate::domain::warsaw_date(now)),
            pesel: Some(application.subject.pesel.clone()).filter(|p| !p.is_empty()),
            name: application.subject.name.clone(),
        };
        let submitted = access
            .state
            .store
            .submit_application(
                &application.id,
                &access.state.centre.case_prefix,
                &user.id,
                &index,
                now,
            )
            .await?;
        if submitted.newly {
            let event =
                crate::cases::access::server::case_event(access, AuditAction::Update, &application);
            access.record(&event).await?;
            let registered = access.state.store.application(&application.id).await?;
            super::super::notify::submitted(access, &registered).await?;
        }
        Ok(())
    }

    fn step_error(step: Step) -> &'static str {
        match step {
            Step::Services => "services_required",
            Step::Who => "role_missing",
            Step::Person | Step::Applicant => "person_missing",
            _ => "declaration_required",
        }
    }
}

/// Published programmes (id, name), for the info point's choice.
#[server(prefix = "/api", endpoint = "open_programmes")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn open_programmes() -> Result<Vec<(String, String)>, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::RegisterOnBehalf).await?;
    Ok(access
        .state
        .store
        .programmes()
        .await?
        .into_iter()
        .filter(|p| p.status == crate::programme::ProgrammeStatus::Published)
        .map(|p| (p.id, p.name))
        .collect())
}
