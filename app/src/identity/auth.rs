//! Signing in and out, and "who am I". Staff land in the staff area (`/pracownik`).

use crate::domain::Role;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The signed-in person, as the staff area shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub display_name: String,
    pub email: String,
    pub roles: Vec<Role>,
}

#[server(prefix = "/api", endpoint = "login")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(password), err))]
pub async fn log_in(
    email: String,
    password: String,
    powrot: Option<String>,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    server::log_in(access, &email, &password, powrot.as_deref()).await
}

#[server(prefix = "/api", endpoint = "logout")]
#[cfg_attr(feature = "ssr", tracing::instrument(err))]
pub async fn log_out() -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageOwnData).await?;
    server::log_out(access).await
}

#[server(prefix = "/api", endpoint = "whoami")]
#[cfg_attr(feature = "ssr", tracing::instrument(err))]
pub async fn who_am_i() -> Result<Me, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::EnterStaffArea).await?;
    let user = access.user.ok_or(AppError::Unauthenticated)?;
    Ok(Me {
        display_name: user.display_name,
        email: user.email.to_string(),
        roles: user.roles,
    })
}

#[cfg(feature = "ssr")]
mod server {
    use crate::audit::{AuditAction, AuditEvent};
    use crate::domain::Email;
    use crate::error::AppError;
    use crate::gate::Access;
    use crate::identity::sessions::{SIGNED_IN_AT_KEY, USER_ID_KEY};
    use crate::preferences::safe_return_path;
    use crate::store::to_db_time;

    /// Failed attempts allowed per account, and per address, in `THROTTLE_WINDOW`.
    const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
    const MAX_FAILURES_PER_IP: i64 = 20;
    const THROTTLE_MINUTES: i64 = 15;

    fn invalid_credentials() -> AppError {
        AppError::invalid("password", "login_failed")
    }

    pub async fn log_in(
        access: Access,
        email: &str,
        password: &str,
        back: Option<&str>,
    ) -> Result<(), AppError> {
        let Ok(email) = Email::parse(email) else {
            return Err(AppError::invalid("email", "email_invalid"));
        };
        let store = &access.state.store;
        let now = access.state.clock.now();
        let account = email.account_key();
        let since = now - chrono::Duration::minutes(THROTTLE_MINUTES);
        let (by_account, by_ip) = store
            .failed_logins_since(&account, access.ip.as_deref(), since)
            .await?;
        if by_account >= MAX_FAILURES_PER_ACCOUNT || by_ip >= MAX_FAILURES_PER_IP {
            return Err(AppError::TooManyRequests);
        }
        let verified = store.verify_password(&email, password).await? == Some(true);
        let user = match verified {
            true => Some(store.user_by_email(&email).await?).filter(|u| u.active),
            false => None,
        };
        let Some(user) = user else {
            let event = AuditEvent {
                record_type: Some("account".into()),
                record_id: Some(account),
                ip: access.ip.clone(),
                purpose: Some("authentication".into()),
                ..AuditEvent::new(AuditAction::LoginFailed)
            };
            store.audit(&event, now).await?;
            return Err(invalid_credentials());
        };
        let session = access.session.as_ref().ok_or(AppError::Internal)?;
        // A new session id at login defeats session fixation.
        session.cycle_id().await.map_err(|_| AppError::Internal)?;
        let stored = async {
            session.insert(USER_ID_KEY, &user.id).await?;
            session.insert(SIGNED_IN_AT_KEY, to_db_time(now)).await
        };
        stored.await.map_err(|_| AppError::Internal)?;
        let event = AuditEvent {
            actor_id: Some(user.id.clone()),
            actor_role: Some(roles_text(&user.roles)),
            record_type: Some("account".into()),
            record_id: Some(user.id.clone()),
            person_id: Some(user.id.clone()),
            ip: access.ip.clone(),
            purpose: Some("authentication".into()),
            ..AuditEvent::new(AuditAction::Login)
        };
        store.audit(&event, now).await?;
        let target = back.filter(|b| !b.is_empty()).unwrap_or("/pracownik");
        leptos_axum::redirect(&safe_return_path(Some(target)));
        Ok(())
    }

    pub async fn log_out(access: Access) -> Result<(), AppError> {
        if let (Some(user), Some(session)) = (&access.user, &access.session) {
            let event = AuditEvent {
                actor_id: Some(user.id.clone()),
                actor_role: Some(roles_text(&user.roles)),
                person_id: Some(user.id.clone()),
                ip: access.ip.clone(),
                purpose: Some("authentication".into()),
                ..AuditEvent::new(AuditAction::Logout)
            };
            access
                .state
                .store
                .audit(&event, access.state.clock.now())
                .await?;
            session.delete().await.map_err(|_| AppError::Internal)?;
        }
        leptos_axum::redirect("/");
        Ok(())
    }

    pub fn roles_text(roles: &[crate::domain::Role]) -> String {
        roles.iter().map(|r| r.code()).collect::<Vec<_>>().join(",")
    }
}

#[cfg(feature = "ssr")]
pub use server::roles_text;
