//! Sessions live in the database (table `sessions`), not in memory: tower-sessions manages the
//! cookie, id rotation and expiry; this is its storage.

use crate::store::{Store, StoreError, from_db_time, to_db_time};
use chrono::{DateTime, Utc};
use sqlx::Row;
use tower_sessions::SessionStore;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};

/// Minutes of inactivity after which a session ends.
pub const IDLE_MINUTES: i64 = 30;

/// The session key under which the signed-in user's id is kept.
pub const USER_ID_KEY: &str = "user_id";
/// When the user signed in (RFC 3339): the absolute session limit counts from it.
pub const SIGNED_IN_AT_KEY: &str = "signed_in_at";
/// Where the session was opened from (shown on the "my sessions" page).
pub const CLIENT_IP_KEY: &str = "client_ip";
pub const CLIENT_AGENT_KEY: &str = "client_agent";

/// One live session as its owner sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionInfo {
    pub id: String,
    pub signed_in_at: Option<DateTime<Utc>>,
    pub expires_at: DateTime<Utc>,
    pub ip: Option<String>,
    pub agent: Option<String>,
}

#[derive(Debug, Clone)]
pub struct DbSessionStore {
    store: Store,
}

impl DbSessionStore {
    pub fn new(store: Store) -> Self {
        DbSessionStore { store }
    }
}

fn backend(err: impl std::fmt::Display) -> Error {
    Error::Backend(err.to_string())
}

fn expiry(record: &Record) -> Result<String> {
    let at = DateTime::<Utc>::from_timestamp(
        record.expiry_date.unix_timestamp(),
        record.expiry_date.nanosecond(),
    )
    .ok_or_else(|| Error::Encode("session expiry out of range".into()))?;
    Ok(to_db_time(at))
}

fn user_of(record: &Record) -> Option<String> {
    record
        .data
        .get(USER_ID_KEY)
        .and_then(|v| v.as_str())
        .map(str::to_owned)
}

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // A new id on the (astronomically unlikely) collision.
        loop {
            let data =
                serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
            let inserted = sqlx::query(
                "INSERT INTO sessions (id, user_id, data, expires_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(record.id.to_string())
            .bind(user_of(record))
            .bind(data)
            .bind(expiry(record)?)
            .execute(self.store.pool())
            .await
            .map_err(StoreError::from);
            match inserted {
                Ok(_) => return Ok(()),
                Err(StoreError::Conflict) => record.id = Id::default(),
                Err(err) => return Err(backend(err)),
            }
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        sqlx::query(
            "INSERT INTO sessions (id, user_id, data, expires_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id) DO UPDATE SET user_id = $2, data = $3, expires_at = $4",
        )
        .bind(record.id.to_string())
        .bind(user_of(record))
        .bind(data)
        .bind(expiry(record)?)
        .execute(self.store.pool())
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let now = to_db_time(Utc::now());
        let row =
            sqlx::query("SELECT data, expires_at FROM sessions WHERE id = $1 AND expires_at > $2")
                .bind(id.to_string())
                .bind(now)
                .fetch_optional(self.store.pool())
                .await
                .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        let data: String = row.try_get("data").map_err(backend)?;
        let expires: String = row.try_get("expires_at").map_err(backend)?;
        let expires = from_db_time(&expires).map_err(backend)?;
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(expires.timestamp())
            .map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data: serde_json::from_str(&data).map_err(|e| Error::Decode(e.to_string()))?,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(id.to_string())
            .execute(self.store.pool())
            .await
            .map_err(backend)?;
        Ok(())
    }
}

impl Store {
    /// Ends every session of a user ("log out everywhere").
    pub async fn delete_sessions_of(&self, user_id: &str) -> crate::store::StoreResult<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected())
    }

    /// The live sessions of a user, most recently active first.
    pub async fn sessions_of(
        &self,
        user_id: &str,
        now: DateTime<Utc>,
    ) -> crate::store::StoreResult<Vec<SessionInfo>> {
        let rows = sqlx::query(
            "SELECT id, data, expires_at FROM sessions WHERE user_id = $1 AND expires_at > $2 \
             ORDER BY expires_at DESC",
        )
        .bind(user_id)
        .bind(to_db_time(now))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let data: String = row.try_get("data")?;
                let data: serde_json::Value = serde_json::from_str(&data)
                    .map_err(|_| StoreError::Corrupt("session data".into()))?;
                let text = |key: &str| data.get(key).and_then(|v| v.as_str()).map(str::to_owned);
                let expires: String = row.try_get("expires_at")?;
                Ok(SessionInfo {
                    id: row.try_get("id")?,
                    signed_in_at: text(SIGNED_IN_AT_KEY)
                        .as_deref()
                        .map(from_db_time)
                        .transpose()?,
                    expires_at: from_db_time(&expires)?,
                    ip: text(CLIENT_IP_KEY),
                    agent: text(CLIENT_AGENT_KEY),
                })
            })
            .collect()
    }

    /// Removes expired sessions; run periodically.
    pub async fn delete_expired_sessions(
        &self,
        now: DateTime<Utc>,
    ) -> crate::store::StoreResult<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(to_db_time(now))
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected())
    }
}
