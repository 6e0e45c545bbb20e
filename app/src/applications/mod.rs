//! Applying for services: the resident's online wizard and the info point's registration of
//! paper and in-person applications (one form for both), the resident's "Moje sprawy", the
//! receipt, attachments and the e-mails that tell the resident what happened.

pub mod case_pages;
pub mod cases;
pub mod model;
pub mod person;
pub mod wizard;
pub mod wizard_pages;

#[cfg(feature = "ssr")]
pub mod files;
#[cfg(feature = "ssr")]
pub(crate) mod notify;
#[cfg(feature = "ssr")]
mod receipt;
#[cfg(feature = "ssr")]
pub mod store;

pub use model::*;
pub use person::PersonInput;

/// Largest attachment accepted, in megabytes.
pub const MAX_ATTACHMENT_MB: u32 = 5;
/// Most attachments one application may carry.
pub const MAX_ATTACHMENTS: usize = 10;

#[cfg(feature = "ssr")]
pub(crate) mod access {
    use super::Application;
    use crate::audit::{AuditAction, AuditEvent};
    use crate::error::AppError;
    use crate::gate::Access;

    /// An audit event about one application and the person it is for.
    pub fn case_event(
        access: &Access,
        action: AuditAction,
        application: &Application,
    ) -> AuditEvent {
        AuditEvent {
            record_type: Some("application".into()),
            record_id: Some(application.id.clone()),
            person_id: application.owner_id.clone(),
            purpose: Some("application".into()),
            ..access.event(action)
        }
    }

    /// The application, when the signed-in person filled it in or it is theirs. To anyone else
    /// it does not exist (404, as an unknown id), and the attempt is audited.
    pub async fn own_application(access: &Access, id: &str) -> Result<Application, AppError> {
        let user = access.signed_in()?;
        let application = access.state.store.application(id).await?;
        if application.drafted_by == user.id || application.owner_id.as_deref() == Some(&user.id) {
            return Ok(application);
        }
        Err(hidden(access, &application, "not_own_application").await)
    }

    /// Audits a refused act on an application the caller may read (`purpose` says why) and
    /// answers 403.
    pub async fn refused(access: &Access, application: &Application, purpose: &str) -> AppError {
        deny(access, application, purpose, AppError::Forbidden).await
    }

    /// Audits an attempt to read an application the caller may not see and answers 404, as for
    /// an unknown id: nobody learns which records exist by trying ids.
    pub async fn hidden(access: &Access, application: &Application, purpose: &str) -> AppError {
        deny(access, application, purpose, AppError::NotFound).await
    }

    async fn deny(
        access: &Access,
        application: &Application,
        purpose: &str,
        answer: AppError,
    ) -> AppError {
        let event = AuditEvent {
            purpose: Some(purpose.into()),
            ..case_event(access, AuditAction::PermissionDenied, application)
        };
        match access.record(&event).await {
            Ok(()) => answer,
            Err(error) => error,
        }
    }
}
