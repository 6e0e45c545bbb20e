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
    #[error("database: {0}")]
    Database(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict,
            _ => StoreError::Database(err),
        }
    }
}
