//! A person's own account: profile data, live sessions, signing out everywhere, and keeping an
//! idle session alive when the warning asks.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The editable profile. Empty strings mean "not given"; PESEL is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub display_name: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub pesel: String,
}

impl Profile {
    /// Validates and normalises typed values with the domain types.
    pub fn parse(
        display_name: &str,
        phone: &str,
        address: &str,
        pesel: &str,
    ) -> Result<Self, AppError> {
        use crate::domain::{Pesel, PhoneNumber};
        let mut errors = crate::error::FieldErrors::new();
        let display_name = display_name.trim();
        if display_name.is_empty() || display_name.chars().count() > 200 {
            errors.insert("display_name".into(), "name_required".into());
        }
        let phone = match phone.trim() {
            "" => String::new(),
            typed => PhoneNumber::parse(typed)
                .map(|p| p.as_str().to_owned())
                .unwrap_or_else(|_| {
                    errors.insert("phone".into(), "phone_invalid".into());
                    typed.to_owned()
                }),
        };
        let pesel = match pesel.trim() {
            "" => String::new(),
            typed => Pesel::parse(typed)
                .map(|p| p.as_str().to_owned())
                .unwrap_or_else(|err| {
                    errors.insert("pesel".into(), err.key().into());
                    typed.to_owned()
                }),
        };
        let address = address.trim();
        if address.chars().count() > 300 {
            errors.insert("address".into(), "too_long".into());
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        Ok(Profile {
            display_name: display_name.to_owned(),
            email: String::new(),
            phone,
            address: address.to_owned(),
            pesel,
        })
    }
}

/// A live session on the "my sessions" page (times in UTC; the page shows Warsaw time).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MySession {
    pub signed_in_at: Option<chrono::DateTime<chrono::Utc>>,
    pub last_active_at: chrono::DateTime<chrono::Utc>,
    pub ip: Option<String>,
    pub agent: Option<String>,
    pub current: bool,
}

/// Who is signed in, for the header link and the idle warning (`None` when nobody is).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignedIn {
    pub display_name: String,
    pub staff: bool,
}

#[server(prefix = "/api", endpoint = "session_user")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn session_user() -> Result<Option<SignedIn>, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    Ok(access.user.map(|user| SignedIn {
        staff: user.kind == crate::identity::UserKind::Staff,
        display_name: user.display_name,
    }))
}

#[server(prefix = "/api", endpoint = "profile")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_profile() -> Result<Profile, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageOwnData).await?;
    let user = access.signed_in()?;
    let profile = access.state.store.profile_of(&user.id).await?;
    server::audit_own(&access, crate::audit::AuditAction::Read).await?;
    Ok(profile)
}

#[server(prefix = "/api", endpoint = "profile_save")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn save_profile(
    display_name: String,
    phone: String,
    address: String,
    pesel: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageOwnData).await?;
    let user = access.signed_in()?;
    let profile = Profile::parse(&display_name, &phone, &address, &pesel)?;
    access
        .state
        .store
        .update_profile(&user.id, &profile)
        .await?;
    server::audit_own(&access, crate::audit::AuditAction::Update).await?;
    leptos_axum::redirect("/moje-konto?zapisano=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "my_sessions")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn my_sessions() -> Result<Vec<MySession>, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageOwnData).await?;
    server::my_sessions(access).await
}

/// Ends every session of the signed-in person, this one included.
#[server(prefix = "/api", endpoint = "logout_everywhere")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn log_out_everywhere() -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageOwnData).await?;
    let user = access.signed_in()?;
    access.state.store.delete_sessions_of(&user.id).await?;
    if let Some(session) = &access.session {
        session.delete().await.map_err(|_| AppError::Internal)?;
    }
    server::audit_own(&access, crate::audit::AuditAction::Logout).await?;
    leptos_axum::redirect("/logowanie");
    Ok(())
}

/// Called by the idle warning's "stay signed in" button: any request renews the session.
#[server(prefix = "/api", endpoint = "keep_alive")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn keep_alive() -> Result<bool, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    let Some(session) = &access.session else {
        return Ok(false);
    };
    // Writing marks the session modified, so its expiry moves forward.
    let now = crate::store::to_db_time(access.state.clock.now());
    session
        .insert("seen_at", now)
        .await
        .map_err(|_| AppError::Internal)?;
    Ok(access.user.is_some())
}

#[cfg(feature = "ssr")]
mod server {
    use super::MySession;
    use crate::audit::{AuditAction, AuditEvent};
    use crate::error::AppError;
    use crate::gate::Access;

    pub async fn audit_own(access: &Access, action: AuditAction) -> Result<(), AppError> {
        let Some(user) = &access.user else {
            return Ok(());
        };
        let event = AuditEvent {
            purpose: Some("own_account".into()),
            ..crate::identity::auth::by(user, access, action)
        };
        access.record(&event).await
    }

    pub async fn my_sessions(access: Access) -> Result<Vec<MySession>, AppError> {
        let user = access.signed_in()?;
        let current = access
            .session
            .as_ref()
            .and_then(|s| s.id())
            .map(|id| id.to_string());
        let idle = chrono::Duration::minutes(crate::identity::sessions::IDLE_MINUTES);
        let sessions = access
            .state
            .store
            .sessions_of(&user.id, access.state.clock.now())
            .await?;
        Ok(sessions
            .into_iter()
            .map(|s| MySession {
                current: Some(&s.id) == current.as_ref(),
                signed_in_at: s.signed_in_at,
                last_active_at: s.expires_at - idle,
                ip: s.ip,
                agent: s.agent,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_fields_are_validated_together() {
        let ok = Profile::parse(
            " Anna Nowak ",
            "600 700 800",
            "ul. Kościuszki 1",
            "44051401458",
        )
        .unwrap();
        assert_eq!(ok.display_name, "Anna Nowak");
        assert_eq!(ok.phone, "+48600700800");
        let Err(AppError::Invalid(errors)) = Profile::parse("", "12", "", "44051401459") else {
            panic!("expected field errors");
        };
        assert_eq!(errors["display_name"], "name_required");
        assert_eq!(errors["phone"], "phone_invalid");
        assert_eq!(errors["pesel"], "pesel_bad_checksum");
        assert!(Profile::parse("Jan", "", "", "").is_ok());
    }
}
