//! The one storage boundary. Server functions call `Store` methods; each room adds its own
//! `impl Store` block in `<room>/store.rs`.
//!
//! Design: sqlx `Any` with a portable SQL subset (`$n` placeholders, TEXT timestamps in fixed
//! RFC 3339 UTC, INTEGER 0/1 booleans, TEXT UUIDv7 ids). Every query is written once and runs
//! on SQLite and PostgreSQL; only the DDL differs, so `migrations/` has a folder per backend.

mod error;
mod keys;
pub mod rows;
pub mod testing;
mod time;

pub use error::StoreError;
pub use keys::Keys;
pub use time::{from_db_day, from_db_optional_day, from_db_time, to_db_time};

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};
use std::str::FromStr;
use std::time::Duration;

pub type StoreResult<T> = Result<T, StoreError>;

/// A transaction on the store's pool.
pub type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

/// Which database engine a `Store` talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> StoreResult<Self> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::UnsupportedUrl)
        }
    }
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// The key kept outside the database (`with_keys`); secrets are not stored without it.
    keys: Option<std::sync::Arc<Keys>>,
}

impl std::fmt::Debug for Store {
    // The URL may hold a password: never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend)
            .finish()
    }
}

/// While the database is away (a restart), a request waits this long for a connection and then
/// answers 503 instead of hanging; the pool reconnects by itself once it is back.
pub const SERVING_WAIT: Duration = Duration::from_secs(5);
/// A command run by hand answers nobody else, and may run on a busy machine: it waits longer.
pub const COMMAND_WAIT: Duration = Duration::from_secs(60);

/// Puts a new or restored SQLite file (rollback journal, as `VACUUM INTO` leaves a copy) into WAL
/// mode with one connection, before the pool opens several: switching takes an exclusive lock, and
/// connections racing for it answer "database is locked". A file in WAL mode stays so.
async fn switch_to_wal(url: &str, wait: Duration) -> StoreResult<()> {
    use sqlx::{ConnectOptions, Connection};
    let options = sqlx::sqlite::SqliteConnectOptions::from_str(url)?
        .busy_timeout(wait)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal);
    options.connect().await?.close().await?;
    Ok(())
}

impl Store {
    /// Connects to `url` for serving (`SERVING_WAIT`). A SQLite file (and its folder) is created
    /// when missing; every SQLite connection runs in WAL mode with a busy timeout and foreign
    /// keys on.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        Self::connect_waiting(url, SERVING_WAIT).await
    }

    /// `connect`, waiting up to `wait` for a connection.
    pub async fn connect_waiting(url: &str, wait: Duration) -> StoreResult<Self> {
        install_default_drivers();
        let backend = Backend::of_url(url)?;
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_url(url)?,
            Backend::Postgres => url.to_owned(),
        };
        if backend == Backend::Sqlite {
            switch_to_wal(&url, wait).await?;
        }
        let options = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(wait);
        let options = if backend == Backend::Sqlite {
            options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    // The busy timeout first: switching to WAL waits for a lock too.
                    conn.execute(
                        "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
                         PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
                    )
                    .await?;
                    Ok(())
                })
            })
        } else {
            options
        };
        let pool = options.connect(&url).await?;
        Ok(Store {
            pool,
            backend,
            keys: None,
        })
    }

    /// The store with the key that seals secrets and keys the audit chain.
    pub fn with_keys(mut self, keys: Keys) -> Self {
        self.keys = Some(std::sync::Arc::new(keys));
        self
    }

    /// The fingerprint of the key this database was first used with, if any.
    pub async fn key_fingerprint(&self) -> StoreResult<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT fingerprint FROM key_fingerprint WHERE id = 1")
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// Remembers `keys` as this database's key; a database first used with another key is
    /// refused (`StoreError::WrongKey`).
    pub async fn bind_key(&self, keys: &Keys) -> StoreResult<()> {
        match self.key_fingerprint().await? {
            Some(known) if known == keys.fingerprint() => Ok(()),
            Some(_) => Err(StoreError::WrongKey),
            None => {
                sqlx::query(
                    "INSERT INTO key_fingerprint (id, fingerprint) VALUES (1, $1) \
                     ON CONFLICT (id) DO NOTHING",
                )
                .bind(keys.fingerprint())
                .execute(&self.pool)
                .await?;
                // Another process may have bound its key first.
                match self.key_fingerprint().await? {
                    Some(known) if known == keys.fingerprint() => Ok(()),
                    _ => Err(StoreError::WrongKey),
                }
            }
        }
    }

    /// The key, or an error where none was given (a secret is never stored in the clear).
    pub fn keys(&self) -> StoreResult<&Keys> {
        self.keys
            .as_deref()
            .ok_or_else(|| StoreError::Io("no key configured for secrets".into()))
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Applies the pending schema migrations of this backend (`Store::migrate` then runs the
    /// data migrations, which need the rooms' code).
    pub async fn migrate_schema(&self) -> StoreResult<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await?;
        Ok(())
    }

    /// True when the database answers a trivial query.
    pub async fn is_healthy(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// `sqlite://data/cus.db` → creates `data/` and asks sqlx to create the file (`mode=rwc`).
fn prepare_sqlite_url(url: &str) -> StoreResult<String> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Err(StoreError::UnsupportedUrl);
    }
    if let Some(parent) = std::path::Path::new(path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent).map_err(|e| StoreError::Io(e.to_string()))?;
    }
    // Validate the URL early so a typo is reported at start-up, not at first query.
    sqlx::sqlite::SqliteConnectOptions::from_str(url)?;
    Ok(if url.contains('?') {
        url.to_owned()
    } else {
        format!("{url}?mode=rwc")
    })
}

/// `$first, $first+1, …` for a list of `count` bound values (`IN (…)`).
pub fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `rows` groups of `width` placeholders for a many-row INSERT: `($1, $2), ($3, $4)`.
pub fn value_rows(rows: usize, width: usize) -> String {
    (0..rows)
        .map(|row| format!("({})", placeholders(row * width + 1, width)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A new time-ordered id (UUIDv7) as stored in the database.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
