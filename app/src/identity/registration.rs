//! Residents create their own accounts: register, confirm the e-mail address through a
//! single-use link, and reset a forgotten password the same way. Answers never reveal whether
//! an address has an account.

use crate::error::AppError;
use leptos::prelude::*;

/// Passwords: at least this long (NIST SP 800-63B favours length over composition rules).
pub const MIN_PASSWORD_CHARS: usize = 12;
const MAX_PASSWORD_CHARS: usize = 256;

/// Checks a new password and its repetition; the error names the field at fault.
pub fn check_new_password(password: &str, repeated: &str) -> Result<(), AppError> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_CHARS {
        return Err(AppError::invalid("password", "password_too_short"));
    }
    if length > MAX_PASSWORD_CHARS {
        return Err(AppError::invalid("password", "password_too_long"));
    }
    if password != repeated {
        return Err(AppError::invalid("password_repeat", "password_mismatch"));
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "register")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn register(
    name: String,
    email: String,
    password: String,
    password_repeat: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    server::register(access, &name, &email, &password, &password_repeat).await
}

#[server(prefix = "/api", endpoint = "confirm_email")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    server::confirm_email(access, &token).await
}

#[server(prefix = "/api", endpoint = "password_reset_request")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    server::request_password_reset(access, &email).await
}

#[server(prefix = "/api", endpoint = "password_reset")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn reset_password(
    token: String,
    password: String,
    password_repeat: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    server::reset_password(access, &token, &password, &password_repeat).await
}

#[cfg(feature = "ssr")]
mod server {
    use super::check_new_password;
    use crate::audit::{AuditAction, AuditEvent};
    use crate::domain::Email;
    use crate::error::AppError;
    use crate::gate::Access;
    use crate::identity::UserKind;
    use crate::identity::credentials::TokenPurpose;
    use crate::store::StoreError;

    const MAX_NAME_CHARS: usize = 200;

    fn audit_event(action: AuditAction, user_id: &str, access: &Access) -> AuditEvent {
        AuditEvent {
            actor_id: Some(user_id.to_owned()),
            record_type: Some("account".into()),
            record_id: Some(user_id.to_owned()),
            person_id: Some(user_id.to_owned()),
            ip: access.ip.clone(),
            purpose: Some("account_management".into()),
            ..AuditEvent::new(action)
        }
    }

    async fn send_link(
        access: &Access,
        to: &Email,
        purpose: TokenPurpose,
        token: &str,
    ) -> Result<(), AppError> {
        let base = access.state.centre.portal_url.trim_end_matches('/');
        let (path, mail) = match purpose {
            TokenPurpose::ConfirmEmail => (
                "/potwierdz-email",
                super::mail::confirm(crate::preferences::visitor_locale()),
            ),
            TokenPurpose::ResetPassword => (
                "/nowe-haslo",
                super::mail::reset(crate::preferences::visitor_locale()),
            ),
        };
        let body = format!(
            "{}\n\n{base}{path}?token={token}\n\n{}",
            mail.intro, mail.outro
        );
        access
            .state
            .store
            .enqueue_email(to, &mail.subject, &body, access.state.clock.now())
            .await?;
        Ok(())
    }

    pub async fn register(
        access: Access,
        name: &str,
        email: &str,
        password: &str,
        repeated: &str,
    ) -> Result<(), AppError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
            return Err(AppError::invalid("name", "name_required"));
        }
        let email = Email::parse(email).map_err(|_| AppError::invalid("email", "email_invalid"))?;
        check_new_password(password, repeated)?;
        let store = &access.state.store;
        let now = access.state.clock.now();
        if flooded(&access, &email).await? {
            return done();
        }
        match store.user_by_email(&email).await {
            Err(StoreError::NotFound) => {
                let id = match store.create_resident(&email, name, password, now).await {
                    Ok(id) => id,
                    // A double submit: the first request created the account and sent the link.
                    Err(StoreError::Conflict) => return done(),
                    Err(err) => return Err(err.into()),
                };
                store
                    .audit(&audit_event(AuditAction::Create, &id, &access), now)
                    .await?;
                let token = store
                    .issue_token(&id, TokenPurpose::ConfirmEmail, now)
                    .await?;
                send_link(&access, &email, TokenPurpose::ConfirmEmail, &token).await?;
            }
            // Registering again before confirming sends a fresh link.
            Ok(user)
                if user.kind == UserKind::Resident && !store.email_confirmed(&user.id).await? =>
            {
                let token = store
                    .issue_token(&user.id, TokenPurpose::ConfirmEmail, now)
                    .await?;
                send_link(&access, &email, TokenPurpose::ConfirmEmail, &token).await?;
            }
            // The address already has an account: tell its owner, not the visitor.
            Ok(_) => {
                let mail = super::mail::already_registered(crate::preferences::visitor_locale());
                let base = access.state.centre.portal_url.trim_end_matches('/');
                let body = format!("{}\n\n{base}/haslo\n\n{}", mail.intro, mail.outro);
                store
                    .enqueue_email(&email, &mail.subject, &body, now)
                    .await?;
            }
            Err(err) => return Err(err.into()),
        }
        done()
    }

    fn done() -> Result<(), AppError> {
        leptos_axum::redirect("/rejestracja/sprawdz-poczte");
        Ok(())
    }

    pub async fn confirm_email(access: Access, token: &str) -> Result<(), AppError> {
        let store = &access.state.store;
        let now = access.state.clock.now();
        let Some(user_id) = store
            .consume_token(token, TokenPurpose::ConfirmEmail, now)
            .await?
        else {
            return Err(AppError::invalid("token", "link_invalid"));
        };
        store.mark_email_confirmed(&user_id, now).await?;
        store
            .audit(&audit_event(AuditAction::Update, &user_id, &access), now)
            .await?;
        leptos_axum::redirect("/logowanie?potwierdzono=1");
        Ok(())
    }

    /// Links mailed to one address from the public forms (registration, reset) in an hour.
    const MAX_MAILS_PER_HOUR: i64 = 3;

    /// Counts one more mail to `email` and answers whether it is over the hour's allowance (then
    /// nothing is sent, and the page says the same as always).
    async fn flooded(access: &Access, email: &Email) -> Result<bool, AppError> {
        let now = access.state.clock.now();
        let since = now - chrono::Duration::hours(1);
        let sent = access
            .state
            .store
            .count_public_form_mail(email, now, since)
            .await?;
        if sent > MAX_MAILS_PER_HOUR {
            tracing::warn!("a public form asked for more e-mail to one address; none sent");
        }
        Ok(sent > MAX_MAILS_PER_HOUR)
    }

    pub async fn request_password_reset(access: Access, email: &str) -> Result<(), AppError> {
        let email = Email::parse(email).map_err(|_| AppError::invalid("email", "email_invalid"))?;
        let store = &access.state.store;
        let now = access.state.clock.now();
        match store.user_by_email(&email).await {
            // A mailbox that got its share this hour gets nothing more; the page says the same.
            Ok(user) if user.active && !flooded(&access, &email).await? => {
                let token = store
                    .issue_token(&user.id, TokenPurpose::ResetPassword, now)
                    .await?;
                send_link(&access, &email, TokenPurpose::ResetPassword, &token).await?;
            }
            Ok(_) | Err(StoreError::NotFound) => {}
            Err(err) => return Err(err.into()),
        }
        leptos_axum::redirect("/haslo/wyslano");
        Ok(())
    }

    pub async fn reset_password(
        access: Access,
        token: &str,
        password: &str,
        repeated: &str,
    ) -> Result<(), AppError> {
        check_new_password(password, repeated)?;
        let store = &access.state.store;
        let now = access.state.clock.now();
        let Some(user_id) = store
            .consume_token(token, TokenPurpose::ResetPassword, now)
            .await?
        else {
            return Err(AppError::invalid("password", "link_invalid"));
        };
        store.set_password(&user_id, password).await?;
        // Whoever held the link owns the mailbox.
        store.mark_email_confirmed(&user_id, now).await?;
        // A changed password ends every session, including a thief's.
        store.delete_sessions_of(&user_id).await?;
        store
            .audit(&audit_event(AuditAction::Update, &user_id, &access), now)
            .await?;
        leptos_axum::redirect("/logowanie?haslo=1");
        Ok(())
    }
}

/// E-mail texts in the recipient's language (from the translation files).
#[cfg(feature = "ssr")]
mod mail {
    use crate::i18n::*;

    pub struct Mail {
        pub subject: String,
        pub intro: String,
        pub outro: String,
    }

    pub fn confirm(locale: Locale) -> Mail {
        Mail {
            subject: td_string!(locale, mail.confirm_subject).to_string(),
            intro: td_string!(locale, mail.confirm_intro).to_string(),
            outro: td_string!(locale, mail.confirm_outro).to_string(),
        }
    }

    pub fn reset(locale: Locale) -> Mail {
        Mail {
            subject: td_string!(locale, mail.reset_subject).to_string(),
            intro: td_string!(locale, mail.reset_intro).to_string(),
            outro: td_string!(locale, mail.reset_outro).to_string(),
        }
    }

    pub fn already_registered(locale: Locale) -> Mail {
        Mail {
            subject: td_string!(locale, mail.exists_subject).to_string(),
            intro: td_string!(locale, mail.exists_intro).to_string(),
            outro: td_string!(locale, mail.exists_outro).to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_passwords() {
        assert!(check_new_password("dwanaście-zn", "dwanaście-zn").is_ok());
        assert_eq!(
            check_new_password("krótkie", "krótkie"),
            Err(AppError::invalid("password", "password_too_short"))
        );
        assert_eq!(
            check_new_password("długie-hasło-1", "długie-hasło-2"),
            Err(AppError::invalid("password_repeat", "password_mismatch"))
        );
        let huge = "x".repeat(300);
        assert_eq!(
            check_new_password(&huge, &huge),
            Err(AppError::invalid("password", "password_too_long"))
        );
    }
}
