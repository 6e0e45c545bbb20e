use super::{NewStaffUser, User, UserKind};
use crate::domain::{Email, Role};
use crate::store::{Store, StoreError, StoreResult, new_id, to_db_time};
use chrono::{DateTime, Utc};
use sqlx::Row;

impl Store {
    /// Creates a staff account. The password is hashed (argon2) off the async runtime.
    #[tracing::instrument(skip(self, password), fields(email = %user.email), err)]
    pub async fn create_staff_user(
        &self,
        user: &NewStaffUser,
        password: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<String> {
        let password = password.to_owned();
        let hash = tokio::task::spawn_blocking(move || password_auth::generate_hash(password))
            .await
            .map_err(|e| StoreError::Io(e.to_string()))?;
        let id = new_id();
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO users (id, email, display_name, password_hash, kind, active, created_at) \
             VALUES ($1, $2, $3, $4, $5, 1, $6)",
        )
        .bind(&id)
        .bind(user.email.account_key())
        .bind(&user.display_name)
        .bind(&hash)
        .bind(UserKind::Staff.code())
        .bind(to_db_time(now))
        .execute(&mut *tx)
        .await?;
        for role in &user.roles {
            sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
                .bind(&id)
                .bind(role.code())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    #[tracing::instrument(skip(self), err)]
    pub async fn user_by_email(&self, email: &Email) -> StoreResult<User> {
        let row =
            sqlx::query("SELECT id, email, display_name, kind, active FROM users WHERE email = $1")
                .bind(email.account_key())
                .fetch_one(self.pool())
                .await?;
        let id: String = row.try_get("id")?;
        let roles = self.roles_of(&id).await?;
        let email: String = row.try_get("email")?;
        let kind: String = row.try_get("kind")?;
        Ok(User {
            email: Email::parse(&email).map_err(|_| StoreError::Corrupt("user e-mail".into()))?,
            display_name: row.try_get("display_name")?,
            kind: UserKind::from_code(&kind).ok_or(StoreError::Corrupt(kind))?,
            active: row.try_get::<i64, _>("active")? == 1,
            roles,
            id,
        })
    }

    pub async fn roles_of(&self, user_id: &str) -> StoreResult<Vec<Role>> {
        let codes: Vec<String> =
            sqlx::query_scalar("SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role")
                .bind(user_id)
                .fetch_all(self.pool())
                .await?;
        codes
            .iter()
            .map(|code| Role::from_code(code).ok_or_else(|| StoreError::Corrupt(code.clone())))
            .collect()
    }

    pub async fn count_users(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(self.pool())
            .await?)
    }

    /// Checks a password against the stored hash; `None` when the account does not exist.
    pub async fn verify_password(
        &self,
        email: &Email,
        password: &str,
    ) -> StoreResult<Option<bool>> {
        let hash: Option<String> =
            sqlx::query_scalar("SELECT password_hash FROM users WHERE email = $1")
                .bind(email.account_key())
                .fetch_optional(self.pool())
                .await?;
        let Some(hash) = hash else { return Ok(None) };
        let password = password.to_owned();
        let ok = tokio::task::spawn_blocking(move || {
            password_auth::verify_password(password, &hash).is_ok()
        })
        .await
        .map_err(|e| StoreError::Io(e.to_string()))?;
        Ok(Some(ok))
    }
}
