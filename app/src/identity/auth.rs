//! Signing in (password, then the TOTP second factor for staff), signing out, and "who am I".
//!
//! A correct password alone signs in a resident. For staff it only marks the session as
//! *pending* (`PENDING_USER_KEY`); the second factor — or, on the first sign-in, enrolling one —
//! completes it. The session id is rotated at every step.

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

/// What the enrolment page shows: the QR code and the same key for typing by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TotpEnrolment {
    pub qr_data_url: String,
    pub secret: String,
    pub account: String,
}

#[server(prefix = "/api", endpoint = "login")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn log_in(
    email: String,
    password: String,
    powrot: Option<String>,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    server::log_in(access, &email, &password, powrot.as_deref()).await
}

/// Completes a staff sign-in with a code from the app or a recovery code.
#[server(prefix = "/api", endpoint = "second_factor")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn verify_second_factor(kod: String) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    server::verify_second_factor(access, &kod).await
}

/// Starts (or shows again) the enrolment of a second factor for a pending staff sign-in.
#[server(prefix = "/api", endpoint = "totp_enrolment")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn start_totp_enrolment() -> Result<TotpEnrolment, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    server::start_totp_enrolment(access).await
}

/// Confirms the enrolment with the first code from the app; signs in and issues recovery codes.
#[server(prefix = "/api", endpoint = "totp_confirm")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn confirm_totp_enrolment(kod: String) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    server::confirm_totp_enrolment(access, &kod).await
}

/// The recovery codes issued at enrolment, shown once.
#[server(prefix = "/api", endpoint = "recovery_codes")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn take_recovery_codes() -> Result<Vec<String>, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::EnterStaffArea).await?;
    let session = access.session.as_ref().ok_or(AppError::Internal)?;
    let codes: Option<Vec<String>> = session
        .remove(server::RECOVERY_CODES_KEY)
        .await
        .map_err(|_| AppError::Internal)?;
    Ok(codes.unwrap_or_default())
}

#[server(prefix = "/api", endpoint = "logout")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn log_out() -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageOwnData).await?;
    server::log_out(access).await
}

#[server(prefix = "/api", endpoint = "whoami")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
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
    use super::TotpEnrolment;
    use crate::audit::{AuditAction, AuditEvent};
    use crate::domain::Email;
    use crate::error::AppError;
    use crate::gate::Access;
    use crate::identity::provider::{IdentityProvider, PasswordProvider, Proof};
    use crate::identity::sessions::{
        CLIENT_AGENT_KEY, CLIENT_IP_KEY, SIGNED_IN_AT_KEY, USER_ID_KEY,
    };
    use crate::identity::totp;
    use crate::identity::{User, UserKind};
    use crate::preferences::safe_return_path;
    use crate::store::{from_db_time, to_db_time};
    use tower_sessions::Session;

    /// Failed attempts allowed per account, and per address, in `THROTTLE_MINUTES` (the address
    /// limit is higher: a centre's staff may share one public address).
    const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
    const MAX_FAILURES_PER_IP: i64 = 20;
    const THROTTLE_MINUTES: i64 = 15;
    /// A password accepted for staff waits this long for the second factor.
    const PENDING_MINUTES: i64 = 10;

    const PENDING_USER_KEY: &str = "pending_user_id";
    const PENDING_AT_KEY: &str = "pending_at";
    const RETURN_KEY: &str = "return_to";
    const ENROL_SECRET_KEY: &str = "totp_enrolment_secret";
    pub const RECOVERY_CODES_KEY: &str = "recovery_codes";

    fn internal<E>(_: E) -> AppError {
        AppError::Internal
    }

    fn session(access: &Access) -> Result<&Session, AppError> {
        access.session.as_ref().ok_or(AppError::Internal)
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
        let attempt = begin_attempt(&access, &account).await?;
        let proof = Proof::Password {
            email: email.clone(),
            password: password.to_owned(),
        };
        let Some(user) = PasswordProvider.authenticate(store, &proof).await? else {
            record_failure(&access, &account, "authentication").await?;
            return Err(AppError::invalid("password", "login_failed"));
        };
        store.end_sign_in_attempt(attempt).await?;
        // Residents prove their address first; staff and provider accounts are set up by staff.
        if user.kind == UserKind::Resident && !store.email_confirmed(&user.id).await? {
            return Err(AppError::invalid("email", "email_not_confirmed"));
        }
        let session = session(&access)?;
        if user.kind != UserKind::Staff {
            return complete_sign_in(&access, &user, back).await;
        }
        // Staff: the password is only the first step.
        session.cycle_id().await.map_err(internal)?;
        let pending = async {
            session.insert(PENDING_USER_KEY, &user.id).await?;
            session.insert(PENDING_AT_KEY, to_db_time(now)).await?;
            session.insert(RETURN_KEY, back.unwrap_or_default()).await
        };
        pending.await.map_err(internal)?;
        let next = match store.totp_of(&user.id).await? {
            Some(_) => "/logowanie/kod",
            None => {
                // Chosen here, once: the enrolment page only reads it, so two loads of the page
                // racing to save the session (a client fetch and a reload) cannot show one secret
                // and keep another.
                // Sealed like the enrolled secrets: sessions live in the database too.
                let sealed = store.keys()?.seal(&totp::new_secret());
                session
                    .insert(ENROL_SECRET_KEY, sealed)
                    .await
                    .map_err(internal)?;
                "/logowanie/nowy-kod"
            }
        };
        leptos_axum::redirect(next);
        Ok(())
    }

    /// Counts a sign-in attempt (password or code) before it is checked, and refuses it past
    /// the limits. Parallel attempts each see the others, so no more than the limit are ever
    /// checked. A successful attempt is taken back (`end_sign_in_attempt`); a failed one stays
    /// counted for `THROTTLE_MINUTES`. Answers the attempt's number.
    async fn begin_attempt(access: &Access, account: &str) -> Result<i64, AppError> {
        let store = &access.state.store;
        let now = access.state.clock.now();
        let since = now - chrono::Duration::minutes(THROTTLE_MINUTES);
        let attempt = store
            .begin_sign_in_attempt(account, access.ip.as_deref(), now, since)
            .await?;
        if attempt.by_account > MAX_FAILURES_PER_ACCOUNT || attempt.by_ip > MAX_FAILURES_PER_IP {
            store.end_sign_in_attempt(attempt.seq).await?;
            return Err(AppError::TooManyRequests);
        }
        Ok(attempt.seq)
    }

    /// A failed password or code, counted for throttling and audited.
    async fn record_failure(access: &Access, account: &str, purpose: &str) -> Result<(), AppError> {
        let event = AuditEvent {
            record_type: Some("account".into()),
            record_id: Some(account.to_owned()),
            ip: access.ip.clone(),
            purpose: Some(purpose.into()),
            ..AuditEvent::new(AuditAction::LoginFailed)
        };
        access
            .state
            .store
            .audit(&event, access.state.clock.now())
            .await?;
        Ok(())
    }

    /// The staff member whose password was accepted a moment ago in this session.
    async fn pending_user(access: &Access) -> Result<User, AppError> {
        let session = session(access)?;
        let user_id: Option<String> = session.get(PENDING_USER_KEY).await.map_err(internal)?;
        let at: Option<String> = session.get(PENDING_AT_KEY).await.map_err(internal)?;
        let fresh = at
            .as_deref()
            .and_then(|at| from_db_time(at).ok())
            .is_some_and(|at| {
                access.state.clock.now() - at < chrono::Duration::minutes(PENDING_MINUTES)
            });
        match user_id {
            Some(user_id) if fresh => {
                let user = access.state.store.user_by_id(&user_id).await?;
                user.active.then_some(user).ok_or(AppError::Unauthenticated)
            }
            _ => Err(AppError::Unauthenticated),
        }
    }

    pub async fn verify_second_factor(access: Access, code: &str) -> Result<(), AppError> {
        let user = pending_user(&access).await?;
        let account = user.email.account_key();
        let attempt = begin_attempt(&access, &account).await?;
        let store = &access.state.store;
        let now = access.state.clock.now();
        let Some(totp_state) = store.totp_of(&user.id).await? else {
            store.end_sign_in_attempt(attempt).await?;
            return Err(AppError::Unauthenticated);
        };
        let accepted = match totp::matching_step(&totp_state.secret, code, now.timestamp()) {
            Some(step) => store.accept_totp_step(&user.id, step).await?,
            None => {
                let recovery = totp::normalise_recovery_code(code);
                recovery.len() == 14 && store.use_recovery_code(&user.id, &recovery, now).await?
            }
        };
        if !accepted {
            record_failure(&access, &account, "second_factor").await?;
            return Err(AppError::invalid("kod", "code_invalid"));
        }
        store.end_sign_in_attempt(attempt).await?;
        let back: Option<String> = session(&access)?.get(RETURN_KEY).await.map_err(internal)?;
        complete_sign_in(&access, &user, back.as_deref()).await
    }

    pub async fn start_totp_enrolment(access: Access) -> Result<TotpEnrolment, AppError> {
        let user = pending_user(&access).await?;
        if access.state.store.totp_of(&user.id).await?.is_some() {
            return Err(AppError::Forbidden);
        }
        let secret = enrolment_secret(&access).await?;
        let account = user.email.to_string();
        let url = totp::enrolment_url(&secret, &access.state.centre.name, &account)
            .ok_or(AppError::Internal)?;
        Ok(TotpEnrolment {
            qr_data_url: totp::qr_data_url(&url).ok_or(AppError::Internal)?,
            secret,
            account,
        })
    }

    /// The secret chosen for this session's enrolment, unsealed.
    async fn enrolment_secret(access: &Access) -> Result<String, AppError> {
        let sealed: String = session(access)?
            .get(ENROL_SECRET_KEY)
            .await
            .map_err(internal)?
            .ok_or(AppError::Unauthenticated)?;
        Ok(access.state.store.keys()?.open(&sealed)?)
    }

    pub async fn confirm_totp_enrolment(access: Access, code: &str) -> Result<(), AppError> {
        let user = pending_user(&access).await?;
        let account = user.email.account_key();
        let attempt = begin_attempt(&access, &account).await?;
        let session = session(&access)?;
        let secret = enrolment_secret(&access).await?;
        let now = access.state.clock.now();
        let Some(step) = totp::matching_step(&secret, code, now.timestamp()) else {
            record_failure(&access, &account, "second_factor_enrolment").await?;
            return Err(AppError::invalid("kod", "code_invalid"));
        };
        let store = &access.state.store;
        store.end_sign_in_attempt(attempt).await?;
        let codes = totp::new_recovery_codes();
        store
            .enable_totp(&user.id, &secret, step, &codes, now)
            .await?;
        let event = AuditEvent {
            record_type: Some("second_factor".into()),
            ..by(&user, &access, AuditAction::Create)
        };
        access.record(&event).await?;
        let stored = async {
            session.remove::<String>(ENROL_SECRET_KEY).await?;
            session.insert(RECOVERY_CODES_KEY, &codes).await
        };
        stored.await.map_err(internal)?;
        complete_sign_in(&access, &user, Some("/pracownik/kody-odzyskiwania")).await
    }

    /// An audit event by `user` about their own account, from this request's address.
    pub fn by(user: &User, access: &Access, action: AuditAction) -> AuditEvent {
        AuditEvent {
            actor_id: Some(user.id.clone()),
            actor_role: Some(crate::gate::roles_text(&user.roles)),
            record_type: Some("account".into()),
            record_id: Some(user.id.clone()),
            person_id: Some(user.id.clone()),
            purpose: Some("authentication".into()),
            ..access.event(action)
        }
    }

    /// Binds the session to `user` under a new id and goes on to `back` (or the user's start).
    pub(crate) async fn complete_sign_in(
        access: &Access,
        user: &User,
        back: Option<&str>,
    ) -> Result<(), AppError> {
        let session = session(access)?;
        let now = access.state.clock.now();
        // A new session id at sign-in defeats session fixation.
        session.cycle_id().await.map_err(internal)?;
        let agent = leptos_axum::extract::<http::HeaderMap>()
            .await
            .ok()
            .and_then(|h| {
                let agent = h.get(http::header::USER_AGENT)?.to_str().ok()?;
                Some(agent.chars().take(200).collect::<String>())
            });
        let stored = async {
            session.remove::<String>(PENDING_USER_KEY).await?;
            session.remove::<String>(PENDING_AT_KEY).await?;
            session.remove::<String>(RETURN_KEY).await?;
            session.insert(USER_ID_KEY, &user.id).await?;
            session.insert(SIGNED_IN_AT_KEY, to_db_time(now)).await?;
            session.insert(CLIENT_IP_KEY, &access.ip).await?;
            session.insert(CLIENT_AGENT_KEY, agent).await
        };
        stored.await.map_err(internal)?;
        access.record(&by(user, access, AuditAction::Login)).await?;
        let start = match user.kind {
            UserKind::Staff => "/pracownik",
            UserKind::Resident | UserKind::Provider => "/moje-konto",
        };
        let target = back.filter(|b| !b.is_empty()).unwrap_or(start);
        leptos_axum::redirect(&safe_return_path(Some(target)));
        Ok(())
    }

    pub async fn log_out(access: Access) -> Result<(), AppError> {
        if let (Some(user), Some(session)) = (&access.user, &access.session) {
            access
                .record(&by(user, &access, AuditAction::Logout))
                .await?;
            session.delete().await.map_err(internal)?;
        }
        leptos_axum::redirect("/");
        Ok(())
    }
}

#[cfg(feature = "ssr")]
pub use server::{RECOVERY_CODES_KEY, by};
