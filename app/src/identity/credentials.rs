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
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password))
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
        Ok(row.and_then(|(secret, last_step)| {
            Some(TotpState {
                secret: secret?,
                last_step,
            })
        }))
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
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "UPDATE users SET totp_secret = $1, totp_last_step = $2, totp_enabled_at = $3 \
             WHERE id = $4",
        )
        .bind(secret)
        .bind(step)
        .bind(to_db_time(now))
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
