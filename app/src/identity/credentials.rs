//! Account secrets besides the password: single-use links (e-mail confirmation, password reset),
//! the TOTP second factor and its recovery codes. Links and recovery codes are stored only as
//! SHA-256 hashes, so a copy of the database cannot be used to sign in.

use crate::store::{Store, StoreError, StoreResult, to_db_time};
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

/// What a single-use link is for, and how long it stays valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    ConfirmEmail,
    ResetPassword,
}

impl TokenPurpose {
    fn code(self) -> &'static str {
        match self {
            TokenPurpose::ConfirmEmail => "confirm_email",
            TokenPurpose::ResetPassword => "reset_password",
        }
    }

    pub fn lifetime(self) -> Duration {
        match self {
            TokenPurpose::ConfirmEmail => Duration::hours(48),
            TokenPurpose::ResetPassword => Duration::hours(1),
        }
    }
}

/// 256 random bits, URL-safe.
pub fn random_token() -> String {
    use base64::Engine;
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn hash_secret(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Argon2 (password-auth's defaults), off the async runtime.
pub async fn hash_password(password: &str) -> StoreResult<String> {
    let password = password.to_owned();
    bounded_argon2(move || password_auth::generate_hash(password)).await
}

/// Checks `password` against `hash`; without a hash (no such account) it checks against a
/// fixed one, so an unknown e-mail costs the same time as a wrong password.
pub async fn verify_password_hash(password: &str, hash: Option<String>) -> StoreResult<bool> {
    let password = password.to_owned();
    let known = hash.is_some();
    let matches = bounded_argon2(move || {
        let hash = hash.unwrap_or_else(|| UNKNOWN_ACCOUNT_HASH.clone());
        password_auth::verify_password(password, &hash).is_ok()
    })
    .await?;
    Ok(known && matches)
}

/// A hash of a random password, made once, for accounts that do not exist.
static UNKNOWN_ACCOUNT_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| password_auth::generate_hash(random_token()));

/// Argon2 takes about 19 MiB and tens of milliseconds per call: at most one call per core runs
/// at a time, so a burst of registrations or sign-ins waits instead of exhausting memory.
async fn bounded_argon2<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> StoreResult<T> {
    static PERMITS: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::sync::Semaphore::new(cores)
    });
    let _permit = PERMITS
        .acquire()
        .await
        .map_err(|e| StoreError::Io(e.to_string()))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| StoreError::Io(e.to_string()))
}

/// The second factor as stored: the shared secret (base32) and the last step accepted.
#[derive(Debug, Clone, PartialEq)]
pub struct TotpState {
    pub secret: String,
    pub last_step: Option<i64>,
}

impl Store {
    /// Issues a single-use link token for `user_id`; earlier unused ones of the same purpose
    /// stop working.
    pub async fn issue_token(
        &self,
        user_id: &str,
        purpose: TokenPurpose,
        now: DateTime<Utc>,
    ) -> StoreResult<String> {
        let token = random_token();
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "UPDATE account_tokens SET used_at = $1 \
             WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
        )
        .bind(to_db_time(now))
        .bind(user_id)
        .bind(purpose.code())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO account_tokens (token_hash, user_id, purpose, expires_at, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(hash_secret(&token))
        .bind(user_id)
        .bind(purpose.code())
        .bind(to_db_time(now + purpose.lifetime()))
        .bind(to_db_time(now))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// The account a token belongs to while it is unused and not expired.
    pub async fn token_owner(
        &self,
        token: &str,
        purpose: TokenPurpose,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<String>> {
        Ok(sqlx::query_scalar(
            "SELECT user_id FROM account_tokens WHERE token_hash = $1 AND purpose = $2 \
             AND used_at IS NULL AND expires_at > $3",
        )
        .bind(hash_secret(token))
        .bind(purpose.code())
        .bind(to_db_time(now))
        .fetch_optional(self.pool())
        .await?)
    }

    /// Uses a token up and returns its account; `None` when unknown, used or expired. Two
    /// concurrent uses cannot both succeed.
    pub async fn consume_token(
        &self,
        token: &str,
        purpose: TokenPurpose,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<String>> {
        let Some(user_id) = self.token_owner(token, purpose, now).await? else {
            return Ok(None);
        };
        let used = sqlx::query(
            "UPDATE account_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL",
        )
        .bind(to_db_time(now))
        .bind(hash_secret(token))
        .execute(self.pool())
        .await?;
        Ok((used.rows_affected() == 1).then_some(user_id))
    }

    pub async fn mark_email_confirmed(&self, user_id: &str, now: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query(
            "UPDATE users SET email_confirmed_at = $1 WHERE id = $2 AND email_confirmed_at IS NULL",
        )
        .bind(to_db_time(now))
        .bind(user_id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn email_confirmed(&self, user_id: &str) -> StoreResult<bool> {
        let at: Option<String> =
            sqlx::query_scalar("SELECT email_confirmed_at FROM users WHERE id = $1")
                .bind(user_id)
                .fetch_one(self.pool())
                .await?;
        Ok(at.is_some())
    }

    pub async fn set_password(&self, user_id: &str, password: &str) -> StoreResult<()> {
        let hash = hash_password(password).await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The enrolled second factor, if any.
    pub async fn totp_of(&self, user_id: &str) -> StoreResult<Option<TotpState>> {
        let row: Option<(Option<String>, Option<i64>)> = sqlx::query_as(
            "SELECT totp_secret, totp_last_step FROM users \
             WHERE id = $1 AND totp_enabled_at IS NOT NULL",
        )
        .bind(user_id)
        .fetch_optional(self.pool())
        .await?;
        let Some((Some(sealed), last_step)) = row else {
            return Ok(None);
        };
        Ok(Some(TotpState {
            secret: self.keys()?.open(&sealed)?,
            last_step,
        }))
    }

    /// Removes the second factor and its recovery codes: the next sign-in enrols a new one.
    pub async fn clear_totp(&self, user_id: &str) -> StoreResult<()> {
        self.replace_totp(user_id, None, &[]).await
    }

    /// Seals the second-factor secrets stored before they were encrypted (once, at start).
    pub async fn seal_plain_totp_secrets(&self) -> StoreResult<u64> {
        let keys = self.keys()?;
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL")
                .fetch_all(self.pool())
                .await?;
        let mut sealed = 0;
        for (id, secret) in rows {
            if crate::store::Keys::is_sealed(&secret) {
                continue;
            }
            sqlx::query("UPDATE users SET totp_secret = $1 WHERE id = $2 AND totp_secret = $3")
                .bind(keys.seal(&secret))
                .bind(&id)
                .bind(&secret)
                .execute(self.pool())
                .await?;
            sealed += 1;
        }
        Ok(sealed)
    }

    /// Stores a confirmed secret with the step of the code that confirmed it, and new
    /// recovery codes (hashed) in place of any old ones.
    pub async fn enable_totp(
        &self,
        user_id: &str,
        secret: &str,
        step: i64,
        recovery_codes: &[String],
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let sealed = self.keys()?.seal(secret);
        let enabled = (sealed, step, to_db_time(now));
        self.replace_totp(user_id, Some(enabled), recovery_codes)
            .await
    }

    /// Sets (secret, step, enabled at) or clears the second factor, and replaces the recovery
    /// codes (hashed), in one transaction.
    async fn replace_totp(
        &self,
        user_id: &str,
        enabled: Option<(String, i64, String)>,
        recovery_codes: &[String],
    ) -> StoreResult<()> {
        let (secret, step, at) = match enabled {
            Some((secret, step, at)) => (Some(secret), Some(step), Some(at)),
            None => (None, None, None),
        };
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "UPDATE users SET totp_secret = $1, totp_last_step = $2, totp_enabled_at = $3 \
             WHERE id = $4",
        )
        .bind(secret)
        .bind(step)
        .bind(at)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        for code in recovery_codes {
            sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
                .bind(user_id)
                .bind(hash_secret(code))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Accepts a code's time step only if it is later than every step accepted before, so a
    /// code (even one seen over a shoulder) works once.
    pub async fn accept_totp_step(&self, user_id: &str, step: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE users SET totp_last_step = $1 \
             WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
        )
        .bind(step)
        .bind(user_id)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Uses up a recovery code; false when it is unknown or was used before.
    pub async fn use_recovery_code(
        &self,
        user_id: &str,
        code: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE recovery_codes SET used_at = $1 \
             WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
        )
        .bind(to_db_time(now))
        .bind(user_id)
        .bind(hash_secret(code))
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn recovery_codes_left(&self, user_id: &str) -> StoreResult<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL",
        )
        .bind(user_id)
        .fetch_one(self.pool())
        .await?)
    }
}
