use super::{NewStaffUser, Profile, User, UserKind};
use crate::domain::{Email, Role};
use crate::store::{Store, StoreError, StoreResult, new_id, to_db_time};
use chrono::{DateTime, Utc};
use sqlx::Row;

/// What `insert_user` writes.
pub(super) struct NewAccount<'a> {
    pub kind: UserKind,
    pub email: &'a Email,
    pub display_name: &'a str,
    pub roles: &'a [Role],
    pub provider_id: Option<&'a str>,
}

impl Store {
    /// Creates a staff account.
    #[tracing::instrument(skip_all, err)]
    pub async fn create_staff_user(
        &self,
        user: &NewStaffUser,
        password: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<String> {
        let account = NewAccount {
            kind: UserKind::Staff,
            email: &user.email,
            display_name: &user.display_name,
            roles: &user.roles,
            provider_id: None,
        };
        self.insert_user(account, password, now).await
    }

    /// One account row with its roles; the password is hashed (argon2) off the async runtime.
    pub(super) async fn insert_user(
        &self,
        account: NewAccount<'_>,
        password: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<String> {
        let hash = super::credentials::hash_password(password).await?;
        let id = new_id();
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO users (id, email, display_name, password_hash, kind, provider_id, \
             active, created_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7)",
        )
        .bind(&id)
        .bind(account.email.account_key())
        .bind(account.display_name)
        .bind(&hash)
        .bind(account.kind.code())
        .bind(account.provider_id)
        .bind(to_db_time(now))
        .execute(&mut *tx)
        .await?;
        for role in account.roles {
            sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
                .bind(&id)
                .bind(role.code())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn user_by_email(&self, email: &Email) -> StoreResult<User> {
        self.user_where("email", &email.account_key()).await
    }

    #[tracing::instrument(skip_all, err)]
    pub async fn user_by_id(&self, id: &str) -> StoreResult<User> {
        self.user_where("id", id).await
    }

    /// One user by a unique column (`id` or `email`).
    async fn user_where(&self, column: &'static str, value: &str) -> StoreResult<User> {
        let row = sqlx::query(&format!(
            "SELECT id, email, display_name, kind, active FROM users WHERE {column} = $1"
        ))
        .bind(value)
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
        let known = hash.is_some();
        let ok = super::credentials::verify_password_hash(password, hash).await?;
        Ok(known.then_some(ok))
    }
}

impl Store {
    /// E-mails of the active accounts whose password is still `password`: every staff and
    /// provider account, and the accounts of `also` (residents choose their own passwords,
    /// so checking every one of them would only cost time).
    pub async fn active_accounts_with_password(
        &self,
        password: &str,
        also: &[&str],
    ) -> StoreResult<Vec<String>> {
        let mut candidates: Vec<(String, String)> = sqlx::query_as(
            "SELECT email, password_hash FROM users WHERE active = 1 AND kind <> 'resident' \
             ORDER BY email",
        )
        .fetch_all(self.pool())
        .await?;
        for email in also {
            let row: Option<(String, String)> = sqlx::query_as(
                "SELECT email, password_hash FROM users WHERE active = 1 AND email = $1",
            )
            .bind(email.to_lowercase())
            .fetch_optional(self.pool())
            .await?;
            candidates.extend(row);
        }
        let mut exposed = Vec::new();
        for (email, hash) in candidates {
            if super::credentials::verify_password_hash(password, Some(hash)).await? {
                exposed.push(email);
            }
        }
        Ok(exposed)
    }
}

/// A sign-in attempt just counted, with the attempts it was counted among.
pub struct SignInAttempt {
    /// Its place in the order attempts were recorded.
    pub seq: i64,
    pub by_account: i64,
    pub by_ip: i64,
}

impl Store {
    /// Records an attempt for `account` from `ip`, then counts the attempts since `since`
    /// (failed ones, and those still being checked) recorded up to and including this one.
    /// Counting in the order recorded makes the limit exact: of N parallel attempts the k-th
    /// recorded counts k, whenever it counts.
    pub async fn begin_sign_in_attempt(
        &self,
        account: &str,
        ip: Option<&str>,
        now: DateTime<Utc>,
        since: DateTime<Utc>,
    ) -> StoreResult<SignInAttempt> {
        // One account's attempts are counted one at a time: otherwise an attempt could count
        // before another with a lower number had committed, and both pass (PostgreSQL; SQLite
        // runs one writing transaction at a time anyway).
        let mut tx = self.pool().begin().await?;
        if self.backend() == crate::store::Backend::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))")
                .bind(account)
                .execute(&mut *tx)
                .await?;
        }
        let seq: i64 = sqlx::query_scalar(
            "INSERT INTO sign_in_attempts (account, ip, at) VALUES ($1, $2, $3) RETURNING seq",
        )
        .bind(account)
        .bind(ip)
        .bind(to_db_time(now))
        .fetch_one(&mut *tx)
        .await?;
        let since = to_db_time(since);
        let mut count = async |column: &'static str, value: Option<&str>| -> StoreResult<i64> {
            let Some(value) = value else { return Ok(0) };
            Ok(sqlx::query_scalar::<_, i64>(&format!(
                "SELECT COUNT(*) FROM sign_in_attempts \
                 WHERE {column} = $1 AND at >= $2 AND seq <= $3"
            ))
            .bind(value)
            .bind(&since)
            .bind(seq)
            .fetch_one(&mut *tx)
            .await?)
        };
        let by_account = count("account", Some(account)).await?;
        let by_ip = count("ip", ip).await?;
        tx.commit().await?;
        Ok(SignInAttempt {
            seq,
            by_account,
            by_ip,
        })
    }

    /// Takes back an attempt that succeeded (or was refused unchecked).
    pub async fn end_sign_in_attempt(&self, seq: i64) -> StoreResult<()> {
        sqlx::query("DELETE FROM sign_in_attempts WHERE seq = $1")
            .bind(seq)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Forgets attempts older than `before` (the hourly cleanup).
    pub async fn delete_sign_in_attempts_before(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        Ok(sqlx::query("DELETE FROM sign_in_attempts WHERE at < $1")
            .bind(to_db_time(before))
            .execute(self.pool())
            .await?
            .rows_affected())
    }
}

impl Store {
    /// Creates a resident account, unconfirmed until the e-mail link is used.
    #[tracing::instrument(skip_all, err)]
    pub async fn create_resident(
        &self,
        email: &Email,
        display_name: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<String> {
        let account = NewAccount {
            kind: UserKind::Resident,
            email,
            display_name,
            roles: &[],
            provider_id: None,
        };
        self.insert_user(account, password, now).await
    }

    pub async fn profile_of(&self, user_id: &str) -> StoreResult<Profile> {
        let row = sqlx::query(
            "SELECT display_name, email, phone, address, pesel FROM users WHERE id = $1",
        )
        .bind(user_id)
        .fetch_one(self.pool())
        .await?;
        let text = |column: &str| -> StoreResult<String> {
            Ok(row
                .try_get::<Option<String>, _>(column)?
                .unwrap_or_default())
        };
        Ok(Profile {
            display_name: text("display_name")?,
            email: text("email")?,
            phone: text("phone")?,
            address: text("address")?,
            pesel: text("pesel")?,
        })
    }

    /// Saves the editable part of a profile (not the e-mail, which identifies the account).
    pub async fn update_profile(&self, user_id: &str, profile: &Profile) -> StoreResult<()> {
        let optional = |value: &str| (!value.is_empty()).then(|| value.to_owned());
        sqlx::query(
            "UPDATE users SET display_name = $1, phone = $2, address = $3, pesel = $4 \
             WHERE id = $5",
        )
        .bind(&profile.display_name)
        .bind(optional(&profile.phone))
        .bind(optional(&profile.address))
        .bind(optional(&profile.pesel))
        .bind(user_id)
        .execute(self.pool())
        .await?;
        Ok(())
    }
}
