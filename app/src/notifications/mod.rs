//! E-mail to people. Every message goes through the `outbox` table; the server's delivery job
//! sends it over SMTP when configured, or writes it to the log when not.

#[cfg(feature = "ssr")]
pub mod store;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OutgoingEmail {
    pub id: String,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
}
