//! Storage for the administrator's account pages: list, read, create provider accounts,
//! change name and roles, deactivate and reactivate.

use super::UserKind;
use super::accounts::{Account, NewProviderUser};
use crate::domain::Role;
use crate::store::{Store, StoreError, StoreResult};
use chrono::{DateTime, Utc};
use sqlx::Row;
use std::collections::BTreeMap;

const ACCOUNT_COLUMNS: &str = "id, email, display_name, kind, provider_id, active";

fn account_from_row(row: &sqlx::any::AnyRow) -> StoreResult<Account> {
    let kind: String = row.try_get("kind")?;
    Ok(Account {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        kind: UserKind::from_code(&kind).ok_or(StoreError::Corrupt(kind))?,
        provider_id: row.try_get("provider_id")?,
        active: row.try_get::<i64, _>("active")? == 1,
        roles: Vec::new(),
    })
}

fn parse_role(code: &str) -> StoreResult<Role> {
    Role::from_code(code).ok_or_else(|| StoreError::Corrupt(code.to_owned()))
}

impl Store {
    /// Accounts whose e-mail or name contains `search` (any case; empty: all), by name, at
    /// most `limit`.
    #[tracing::instrument(skip_all, err)]
    pub async fn list_accounts(&self, search: &str, limit: i64) -> StoreResult<Vec<Account>> {
        let pattern = format!("%{}%", search.trim().to_lowercase());
        let rows = sqlx::query(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM users \
             WHERE lower(email) LIKE $1 OR lower(display_name) LIKE $1 \
             ORDER BY display_name, email LIMIT $2"
        ))
        .bind(&pattern)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        let mut accounts = rows
            .iter()
            .map(account_from_row)
            .collect::<StoreResult<Vec<_>>>()?;
        let mut roles: BTreeMap<String, Vec<Role>> = BTreeMap::new();
        let grants = sqlx::query("SELECT user_id, role FROM user_roles ORDER BY role")
            .fetch_all(self.pool())
            .await?;
        for grant in &grants {
            let user_id: String = grant.try_get("user_id")?;
            let role: String = grant.try_get("role")?;
            roles.entry(user_id).or_default().push(parse_role(&role)?);
        }
        for account in &mut accounts {
            account.roles = roles.remove(&account.id).unwrap_or_default();
        }
        Ok(accounts)
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn account_by_id(&self, id: &str) -> StoreResult<Account> {
        let row = sqlx::query(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM users WHERE id = $1"
        ))
        .bind(id)
        .fetch_one(self.pool())
        .await?;
        let mut account = account_from_row(&row)?;
        account.roles = self.roles_of(id).await?;
        Ok(account)
    }

    /// Creates an account of a provider's employee (role `provider_staff`).
    #[tracing::instrument(skip_all, err)]
    pub async fn create_provider_user(
        &self,
        user: &NewProviderUser,
        password: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<String> {
        let account = super::store::NewAccount {
            kind: UserKind::Provider,
            email: &user.email,
            display_name: &user.display_name,
            roles: &[Role::ProviderStaff],
            provider_id: Some(&user.provider_id),
        };
        self.insert_user(account, password, now).await
    }

    /// Replaces an account's display name and roles.
    #[tracing::instrument(skip_all, err)]
    pub async fn update_account(
        &self,
        id: &str,
        display_name: &str,
        roles: &[Role],
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
            .bind(display_name)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM user_roles WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for role in roles {
            sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
                .bind(id)
                .bind(role.code())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Deactivates (the person can no longer sign in) or reactivates an account.
    #[tracing::instrument(skip_all, err)]
    pub async fn set_account_active(&self, id: &str, active: bool) -> StoreResult<()> {
        let done = sqlx::query("UPDATE users SET active = $1 WHERE id = $2")
            .bind(i64::from(active))
            .bind(id)
            .execute(self.pool())
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Active accounts holding the administrator role.
    pub async fn count_active_administrators(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM users u JOIN user_roles r ON r.user_id = u.id \
             WHERE r.role = $1 AND u.active = 1",
        )
        .bind(Role::Administrator.code())
        .fetch_one(self.pool())
        .await?)
    }
}
