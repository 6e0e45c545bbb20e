//! The one authorisation gate. Every server function starts with `require(permission)`; it
//! answers with the request's `Access` (state and who is asking) or an error.

use serde::{Deserialize, Serialize};

/// Everything a server function may need permission for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// Public pages: the centre's contact data, the catalogue, the accessibility statement.
    ViewPublicInformation,
}

impl Permission {
    /// Permissions granted to everybody, signed in or not.
    pub fn is_public(self) -> bool {
        matches!(self, Permission::ViewPublicInformation)
    }
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use super::Permission;
    use crate::error::AppError;
    use crate::state::AppState;
    use leptos::prelude::use_context;

    /// What a server function gets once the gate has let it through.
    pub struct Access {
        pub state: AppState,
        pub permission: Permission,
    }

    pub async fn require(permission: Permission) -> Result<Access, AppError> {
        let state = use_context::<AppState>().ok_or_else(|| {
            tracing::error!("AppState missing from the request context");
            AppError::Internal
        })?;
        if permission.is_public() {
            return Ok(Access { state, permission });
        }
        tracing::warn!(?permission, "permission denied");
        Err(AppError::Forbidden)
    }
}
