//! The administrator's account management: list and search accounts, create staff and
//! provider accounts, change names and roles, deactivate and reactivate. Every change is
//! audited (record type `account`); the last active administrator cannot be removed.

use super::UserKind;
use crate::domain::{Email, Role};
use crate::error::{AppError, FieldErrors};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Most accounts one list shows.
pub const LIST_LIMIT: i64 = 200;

/// An account as the administrator sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub kind: UserKind,
    pub roles: Vec<Role>,
    pub active: bool,
    pub provider_id: Option<String>,
}

/// A provider employee's account to create.
#[derive(Debug, Clone)]
pub struct NewProviderUser {
    pub email: Email,
    pub display_name: String,
    pub provider_id: String,
}

/// The roles an administrator may give a staff account: the centre's staff roles.
pub fn staff_roles() -> impl Iterator<Item = Role> {
    Role::ALL.into_iter().filter(|r| r.is_staff())
}

/// Checked staff role codes from checkboxes; at least one, each a staff role.
pub fn parse_staff_roles(codes: &[String], errors: &mut FieldErrors) -> Vec<Role> {
    let mut roles: Vec<Role> = codes
        .iter()
        .filter_map(|code| Role::from_code(code))
        .filter(|r| r.is_staff())
        .collect();
    roles.sort();
    roles.dedup();
    if roles.is_empty()
        || roles.len()
            != codes
                .iter()
                .collect::<std::collections::BTreeSet<_>>()
                .len()
    {
        errors.insert("roles".into(), "roles_required".into());
    }
    roles
}

/// A display name: trimmed, not empty.
pub fn parse_display_name(name: &str, errors: &mut FieldErrors) -> String {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        errors.insert("display_name".into(), "name_required".into());
    }
    name.to_owned()
}

/// The initial password: the one rule for every new password
/// (`registration::check_new_password`), reported on this form's fields.
pub fn check_password(password: &str, again: &str, errors: &mut FieldErrors) {
    if let Err(crate::error::AppError::Invalid(found)) =
        super::registration::check_new_password(password, again)
    {
        for (field, key) in found {
            let field = if field == "password_repeat" {
                "password_again".to_owned()
            } else {
                field
            };
            errors.insert(field, key);
        }
    }
}

#[server(prefix = "/api", endpoint = "accounts")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn list_accounts(search: String) -> Result<Vec<Account>, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageAccounts).await?;
    let accounts = access
        .state
        .store
        .list_accounts(&search, LIST_LIMIT)
        .await?;
    // Names and addresses of people are personal data: reading the list is recorded too.
    let event = crate::audit::AuditEvent {
        record_type: Some("account".into()),
        record_id: Some(search).filter(|search| !search.is_empty()),
        purpose: Some("account_management".into()),
        ..access.event(crate::audit::AuditAction::Read)
    };
    access.record(&event).await?;
    Ok(accounts)
}

/// The staff roles an administrator may give (and, through the gate, whether they may).
#[server(prefix = "/api", endpoint = "account_roles")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn account_roles() -> Result<Vec<Role>, AppError> {
    use crate::gate::{Permission, require};
    require(Permission::ManageAccounts).await?;
    Ok(staff_roles().collect())
}

#[server(prefix = "/api", endpoint = "account")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn account_details(id: String) -> Result<Account, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageAccounts).await?;
    let account = access.state.store.account_by_id(&id).await?;
    let event = server::account_event(&access, crate::audit::AuditAction::Read, &id);
    access.record(&event).await?;
    Ok(account)
}

/// Creates a staff account (`kind = staff`, roles) or a provider account (`kind = provider`,
/// provider id), then shows it.
#[server(prefix = "/api", endpoint = "create_account")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
#[allow(clippy::too_many_arguments)]
pub async fn create_account(
    kind: String,
    email: String,
    display_name: String,
    #[server(default)] roles: Vec<String>,
    #[server(default)] provider_id: String,
    password: String,
    password_again: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageAccounts).await?;
    let form = server::NewAccountForm {
        kind,
        email,
        display_name,
        roles,
        provider_id,
        password,
        password_again,
    };
    let id = server::create(&access, form).await?;
    leptos_axum::redirect(&format!("/pracownik/konta/{id}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "update_account")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn update_account(
    id: String,
    display_name: String,
    #[server(default)] roles: Vec<String>,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageAccounts).await?;
    server::update(&access, &id, &display_name, &roles).await
}

/// Deactivates (ending every session of the person) or reactivates an account.
#[server(prefix = "/api", endpoint = "set_account_active")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn set_account_active(id: String, active: bool) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageAccounts).await?;
    server::set_active(&access, &id, active).await
}

/// Clears a staff or provider account's second factor and recovery codes and ends its sessions;
/// at the next sign-in the person enrols a new one (a lost phone). Nobody resets their own: a
/// second administrator does (four eyes).
#[server(prefix = "/api", endpoint = "reset_second_factor")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn reset_second_factor(id: String) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageAccounts).await?;
    server::reset_second_factor(&access, &id).await
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::audit::{AuditAction, AuditEvent};
    use crate::gate::Access;
    use crate::identity::NewStaffUser;
    use crate::store::StoreError;

    fn invalid_unless_empty(errors: FieldErrors) -> Result<(), AppError> {
        if errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(errors))
        }
    }

    pub struct NewAccountForm {
        pub kind: String,
        pub email: String,
        pub display_name: String,
        pub roles: Vec<String>,
        pub provider_id: String,
        pub password: String,
        pub password_again: String,
    }

    pub fn account_event(access: &Access, action: AuditAction, id: &str) -> AuditEvent {
        AuditEvent {
            record_type: Some("account".into()),
            record_id: Some(id.to_owned()),
            person_id: Some(id.to_owned()),
            purpose: Some("account_management".into()),
            ..access.event(action)
        }
    }

    pub async fn create(access: &Access, form: NewAccountForm) -> Result<String, AppError> {
        let mut errors = FieldErrors::new();
        let kind = UserKind::from_code(&form.kind)
            .filter(|k| *k != UserKind::Resident)
            .unwrap_or_else(|| {
                errors.insert("kind".into(), "generic".into());
                UserKind::Staff
            });
        let email = Email::parse(&form.email)
            .map_err(|_| errors.insert("email".into(), "email_invalid".into()))
            .ok();
        let display_name = parse_display_name(&form.display_name, &mut errors);
        let roles = match kind {
            UserKind::Staff => parse_staff_roles(&form.roles, &mut errors),
            _ => Vec::new(),
        };
        let provider_id = form.provider_id.trim().to_owned();
        if kind == UserKind::Provider && provider_id.is_empty() {
            errors.insert("provider_id".into(), "provider_required".into());
        }
        check_password(&form.password, &form.password_again, &mut errors);
        invalid_unless_empty(errors)?;
        let email = email.ok_or(AppError::Internal)?;
        let store = &access.state.store;
        let now = access.state.clock.now();
        let created = match kind {
            UserKind::Provider => {
                let user = NewProviderUser {
                    email,
                    display_name,
                    provider_id,
                };
                store.create_provider_user(&user, &form.password, now).await
            }
            _ => {
                let user = NewStaffUser {
                    email,
                    display_name,
                    roles,
                };
                store.create_staff_user(&user, &form.password, now).await
            }
        };
        let id = match created {
            Ok(id) => id,
            Err(StoreError::Conflict) => return Err(AppError::invalid("email", "email_taken")),
            Err(err) => return Err(err.into()),
        };
        access
            .record(&account_event(access, AuditAction::Create, &id))
            .await?;
        Ok(id)
    }

    /// Refuses a change that would leave no active administrator.
    async fn keep_an_administrator(
        access: &Access,
        account: &Account,
        still_admin: bool,
        field: &str,
    ) -> Result<(), AppError> {
        let is_admin = account.active && account.roles.contains(&Role::Administrator);
        if is_admin && !still_admin && access.state.store.count_active_administrators().await? <= 1
        {
            return Err(AppError::invalid(field, "last_admin"));
        }
        Ok(())
    }

    pub async fn update(
        access: &Access,
        id: &str,
        display_name: &str,
        roles: &[String],
    ) -> Result<(), AppError> {
        let store = &access.state.store;
        let account = store.account_by_id(id).await?;
        let mut errors = FieldErrors::new();
        let display_name = parse_display_name(display_name, &mut errors);
        let roles = match account.kind {
            UserKind::Staff => parse_staff_roles(roles, &mut errors),
            // Provider and resident accounts keep their single role.
            _ => account.roles.clone(),
        };
        invalid_unless_empty(errors)?;
        let still_admin = roles.contains(&Role::Administrator);
        keep_an_administrator(access, &account, still_admin, "roles").await?;
        // Nobody grants themselves roles or takes their own away: another administrator does.
        let own = access.user.as_ref().is_some_and(|user| user.id == id);
        let mut before = account.roles.clone();
        let mut after = roles.clone();
        before.sort_by_key(|role| role.code());
        after.sort_by_key(|role| role.code());
        if own && before != after {
            return Err(AppError::invalid("roles", "own_roles"));
        }
        store.update_account(id, &display_name, &roles).await?;
        access
            .record(&account_event(access, AuditAction::Update, id))
            .await
    }

    pub async fn set_active(access: &Access, id: &str, active: bool) -> Result<(), AppError> {
        let store = &access.state.store;
        let account = store.account_by_id(id).await?;
        if !active {
            keep_an_administrator(access, &account, false, "deactivate").await?;
        }
        store.set_account_active(id, active).await?;
        if !active {
            store.delete_sessions_of(id).await?;
        }
        let event = AuditEvent {
            record_id: Some(id.to_owned()),
            purpose: Some(
                if active {
                    "account_reactivated"
                } else {
                    "account_deactivated"
                }
                .into(),
            ),
            ..account_event(access, AuditAction::Update, id)
        };
        access.record(&event).await
    }

    pub async fn reset_second_factor(access: &Access, id: &str) -> Result<(), AppError> {
        if access.user.as_ref().is_some_and(|user| user.id == id) {
            return Err(AppError::invalid("second_factor", "own_second_factor"));
        }
        let store = &access.state.store;
        let account = store.account_by_id(id).await?;
        if account.kind == UserKind::Resident {
            return Err(AppError::NotFound);
        }
        store.clear_totp(id).await?;
        store.delete_sessions_of(id).await?;
        let event = AuditEvent {
            purpose: Some("second_factor_reset".into()),
            ..account_event(access, AuditAction::Update, id)
        };
        access.record(&event).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_must_be_staff_roles_and_at_least_one() {
        let mut errors = FieldErrors::new();
        let roles = parse_staff_roles(
            &["director".into(), "administrator".into(), "director".into()],
            &mut errors,
        );
        assert_eq!(roles, [Role::Director, Role::Administrator]);
        assert!(errors.is_empty());
        for codes in [
            vec![],
            vec!["resident".to_owned()],
            vec!["director".into(), "root".into()],
        ] {
            let mut errors = FieldErrors::new();
            parse_staff_roles(&codes, &mut errors);
            assert_eq!(
                errors.get("roles").map(String::as_str),
                Some("roles_required"),
                "{codes:?}"
            );
        }
    }

    #[test]
    fn passwords_are_long_and_typed_twice() {
        let mut errors = FieldErrors::new();
        check_password("krótkie", "krótkie", &mut errors);
        assert_eq!(errors["password"], "password_too_short");
        let mut errors = FieldErrors::new();
        check_password("bardzo-długie-hasło", "bardzo-dlugie-haslo", &mut errors);
        assert_eq!(errors["password_again"], "password_mismatch");
        let mut errors = FieldErrors::new();
        check_password("zażółć-gęślą-1", "zażółć-gęślą-1", &mut errors);
        assert!(errors.is_empty());
        parse_display_name("   ", &mut errors);
        assert_eq!(errors["display_name"], "name_required");
    }
}
