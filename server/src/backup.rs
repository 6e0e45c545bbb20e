//! Backups of the embedded SQLite database. PostgreSQL uses its own tools (see README).

use crate::cli::CliResult;
use crate::config::Config;
use app::store::{Backend, Store};
use std::path::{Path, PathBuf};

const POSTGRES_HINT: &str = "Dla PostgreSQL użyj narzędzi serwera: \
    pg_dump --format=custom --file=cus.dump \"$DATABASE_URL\" oraz \
    pg_restore --clean --if-exists --no-owner --dbname=\"$DATABASE_URL\" cus.dump";

/// Online backup: `VACUUM INTO` writes a consistent copy while the server keeps running.
pub async fn backup(config: &Config, file: &Path) -> CliResult {
    require_sqlite(config)?;
    if file.exists() {
        return Err(format!("Plik {} już istnieje — nie nadpisuję.", file.display()).into());
    }
    let store = Store::connect(&config.database_url).await?;
    sqlx::query("VACUUM INTO $1")
        .bind(file.to_string_lossy().into_owned())
        .execute(store.pool())
        .await?;
    store.close().await;
    println!("Kopia zapasowa zapisana w {}.", file.display());
    Ok(())
}

/// Replaces the database file with a checked backup, then applies newer migrations.
pub async fn restore(config: &Config, file: &Path) -> CliResult {
    require_sqlite(config)?;
    if !file.is_file() {
        return Err(format!("Nie ma pliku {}.", file.display()).into());
    }
    check_integrity(file).await?;
    let target = sqlite_path(&config.database_url);
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", target.display()));
        if side.exists() {
            std::fs::remove_file(side)?;
        }
    }
    std::fs::copy(file, &target)?;
    crate::cli::open_store(config).await?.close().await;
    println!("Baza {} odtworzona z {}.", target.display(), file.display());
    Ok(())
}

async fn check_integrity(file: &Path) -> CliResult {
    use sqlx::Connection;
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(file)
        .read_only(true);
    let not_sqlite = |e: sqlx::Error| format!("{} nie jest bazą SQLite: {e}", file.display());
    let mut conn = sqlx::SqliteConnection::connect_with(&options)
        .await
        .map_err(not_sqlite)?;
    let verdict: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .map_err(not_sqlite)?;
    conn.close().await?;
    if verdict != "ok" {
        return Err(format!("Kopia {} jest uszkodzona: {verdict}", file.display()).into());
    }
    Ok(())
}

fn require_sqlite(config: &Config) -> CliResult {
    match Backend::of_url(&config.database_url)? {
        Backend::Sqlite => Ok(()),
        Backend::Postgres => Err(POSTGRES_HINT.into()),
    }
}

fn sqlite_path(url: &str) -> PathBuf {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    PathBuf::from(rest.split('?').next().unwrap_or(rest))
}
