use thiserror::Error;

/// What can go wrong below the store boundary. Callers map it to a page or a status; the
/// details go to the log, never to the person.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("record not found")]
    NotFound,
    #[error("record already exists")]
    Conflict,
    #[error("DATABASE_URL must start with sqlite: or postgres://")]
    UnsupportedUrl,
    #[error("stored value is malformed: {0}")]
    Corrupt(String),
    #[error("i/o: {0}")]
    Io(String),
    #[error(
        "ten klucz (secrets_key / key_file) nie jest kluczem tej bazy: uruchom polecenie w folderze \
         serwera albo wskaż właściwy klucz (CUS_SECRETS_KEY, CUS_KEY_FILE)"
    )]
    WrongKey,
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database cannot be reached now (restarting, network): try again shortly.
    #[error("database unavailable: {0}")]
    Unavailable(sqlx::Error),
    #[error("database: {0}")]
    Database(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict,
            sqlx::Error::Io(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => StoreError::Unavailable(err),
            // Connection exceptions (08…) and a server shutting down or restarting (57P…).
            sqlx::Error::Database(db)
                if db
                    .code()
                    .is_some_and(|code| code.starts_with("08") || code.starts_with("57P")) =>
            {
                StoreError::Unavailable(err)
            }
            _ => StoreError::Database(err),
        }
    }
}
