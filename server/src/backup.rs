//! Backups: the embedded SQLite database with `VACUUM INTO`, PostgreSQL with its own
//! `pg_dump` and `pg_restore` (custom format), both while the server runs for a backup and with
//! the server stopped for a restore.

use crate::config::Config;
use crate::database::CliResult;
use app::store::{Backend, Store};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Online backup: a consistent copy while the server keeps running.
pub async fn backup(config: &Config, file: &Path) -> CliResult {
    if file.exists() {
        return Err(format!("Plik {} już istnieje — nie nadpisuję.", file.display()).into());
    }
    match Backend::of_url(&config.database_url)? {
        Backend::Sqlite => {
            let store =
                Store::connect_waiting(&config.database_url, app::store::COMMAND_WAIT).await?;
            sqlx::query("VACUUM INTO $1")
                .bind(file.to_string_lossy().into_owned())
                .execute(store.pool())
                .await?;
            store.close().await;
        }
        Backend::Postgres => postgres_tool(
            Command::new("pg_dump")
                .arg("--format=custom")
                .arg("--no-owner")
                .arg(format!("--file={}", file.display()))
                .arg(&config.database_url),
        )?,
    }
    println!("Kopia zapasowa zapisana w {}.", file.display());
    Ok(())
}

/// Replaces the database with a checked backup, then applies newer migrations.
pub async fn restore(config: &Config, file: &Path) -> CliResult {
    if !file.is_file() {
        return Err(format!("Nie ma pliku {}.", file.display()).into());
    }
    match Backend::of_url(&config.database_url)? {
        Backend::Sqlite => restore_sqlite(config, file).await?,
        Backend::Postgres => {
            // A file pg_restore cannot list is not a backup: refused before anything changes.
            postgres_tool(Command::new("pg_restore").arg("--list").arg(file)).map_err(|_| {
                format!(
                    "{} nie jest kopią bazy PostgreSQL (pg_dump).",
                    file.display()
                )
            })?;
            postgres_tool(
                Command::new("pg_restore")
                    .args([
                        "--clean",
                        "--if-exists",
                        "--no-owner",
                        "--single-transaction",
                    ])
                    .arg("--exit-on-error")
                    .arg(format!("--dbname={}", config.database_url))
                    .arg(file),
            )?;
        }
    }
    crate::database::open_store(config).await?.close().await;
    println!("Baza odtworzona z {}.", file.display());
    Ok(())
}

async fn restore_sqlite(config: &Config, file: &Path) -> CliResult {
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
    // Copied beside it, then renamed over it: the database is never half written, and a
    // connection some process still has open keeps the old file instead of locking the new one.
    let copy = PathBuf::from(format!("{}.restoring", target.display()));
    std::fs::copy(file, &copy)?;
    std::fs::rename(&copy, &target)?;
    Ok(())
}

/// Runs a PostgreSQL client tool; its own message when it fails.
fn postgres_tool(command: &mut Command) -> CliResult {
    let name = command.get_program().to_string_lossy().into_owned();
    let output = command.output().map_err(|e| {
        format!(
            "Nie można uruchomić {name} ({e}) — zainstaluj klienta PostgreSQL (postgresql-client)."
        )
    })?;
    if !output.status.success() {
        return Err(format!(
            "{name} zakończył się błędem: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )
        .into());
    }
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

fn sqlite_path(url: &str) -> PathBuf {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    PathBuf::from(rest.split('?').next().unwrap_or(rest))
}
