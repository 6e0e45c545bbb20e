//! Opening the configured database, for the server and for every command: the schema brought up
//! to date, the key bound, the audit head signed.

use crate::config::Config;
use app::store::Store;

/// What a command answers: nothing, or an error to print.
pub type CliResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// Connects, brings the schema up to date, takes the key (the one this database knows), signs an
/// older audit trail's head and seals second-factor secrets stored before they were encrypted.
pub async fn open_store(
    config: &Config,
) -> Result<Store, Box<dyn std::error::Error + Send + Sync>> {
    open_store_waiting(config, app::store::COMMAND_WAIT).await
}

/// `open_store`, waiting up to `wait` for a connection (the server waits `SERVING_WAIT`).
pub async fn open_store_waiting(
    config: &Config,
    wait: std::time::Duration,
) -> Result<Store, Box<dyn std::error::Error + Send + Sync>> {
    let store = Store::connect_waiting(&config.database_url, wait).await?;
    store.migrate().await?;
    // The key file is made only for a database that has never had a key: a command run from
    // another folder must not start a second key.
    let keys = config.keys(store.key_fingerprint().await?.is_none())?;
    store.bind_key(&keys).await?;
    let store = store.with_keys(keys);
    store.anchor_audit_head().await?;
    let sealed = store.seal_plain_totp_secrets().await?;
    if sealed > 0 {
        tracing::info!(sealed, "second-factor secrets encrypted");
    }
    Ok(store)
}
