//! The case file (akta sprawy), below applications, cases and IPUS: what every room that handles
//! a case writes into it inside the case's transaction. The case's row and the inbox's copies of
//! it (`record`), the timeline (`timeline`), the yearly numbers of cases, decisions and plans
//! (`counters`) and a service's places with its waiting list (`places`). Rooms above call these;
//! nothing here imports a room above it.

pub mod model;

#[cfg(feature = "ssr")]
pub mod counters;
#[cfg(feature = "ssr")]
pub mod places;
#[cfg(feature = "ssr")]
pub mod record;
#[cfg(feature = "ssr")]
pub mod timeline;
