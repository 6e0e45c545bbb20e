//! The centre that runs this installation: its information from configuration (`info`) and the
//! resource every page reads it through.

pub mod info;

pub use info::*;

use crate::error::AppError;
use leptos::prelude::*;

/// The centre's public data, loaded once per page and shared by the layout and pages.
pub type CentreResource = OnceResource<Result<CentreInfo, AppError>>;

/// The centre's public information (every page's header and footer use it).
#[server(prefix = "/api", endpoint = "centre_info")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_centre_info() -> Result<CentreInfo, AppError> {
    let access = crate::gate::require(crate::gate::Permission::ViewPublicInformation).await?;
    Ok(access.state.centre.as_ref().clone())
}
