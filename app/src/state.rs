//! What every request can reach on the server: the store, the clock and the configuration.
//! Nothing here holds data that matters; it all lives in the database.

use crate::centre::info::CentreInfo;
use crate::domain::Clock;
use crate::store::Store;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

#[derive(Clone, axum::extract::FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Store,
    pub clock: Clock,
    pub centre: Arc<CentreInfo>,
    /// Where uploaded attachments are kept (outside the web root).
    pub files: Arc<std::path::PathBuf>,
}

/// The client's address as the server resolved it (see the server's `client_ip` middleware).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientIp(pub String);
