//! The audit trail: who did what to whose data, when, from where and why. Append-only and
//! hash-chained: each entry's hash covers the previous entry's hash, so changing or removing a
//! row breaks the chain, which `cus audit verify` detects.

#[cfg(feature = "ssr")]
pub mod csv;
mod filter;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

pub use filter::{AuditFilter, AuditQuery, PAGE_SIZE, warsaw_time};

use crate::domain::label::labels;
use serde::{Deserialize, Serialize};

/// What happened, for the log (stable codes, shown through translations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditAction {
    Read,
    Create,
    Update,
    Delete,
    Export,
    Login,
    LoginFailed,
    Logout,
    PermissionDenied,
}

labels!(AuditAction, audit_log {
    Read => action_read,
    Create => action_create,
    Update => action_update,
    Delete => action_delete,
    Export => action_export,
    Login => action_login,
    LoginFailed => action_login_failed,
    Logout => action_logout,
    PermissionDenied => action_permission_denied,
});

impl AuditAction {
    pub const ALL: [AuditAction; 9] = [
        AuditAction::Read,
        AuditAction::Create,
        AuditAction::Update,
        AuditAction::Delete,
        AuditAction::Export,
        AuditAction::Login,
        AuditAction::LoginFailed,
        AuditAction::Logout,
        AuditAction::PermissionDenied,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AuditAction::Read => "read",
            AuditAction::Create => "create",
            AuditAction::Update => "update",
            AuditAction::Delete => "delete",
            AuditAction::Export => "export",
            AuditAction::Login => "login",
            AuditAction::LoginFailed => "login_failed",
            AuditAction::Logout => "logout",
            AuditAction::PermissionDenied => "permission_denied",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// One entry to append.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub actor_id: Option<String>,
    /// The role the actor acted in (codes joined by commas when several applied).
    pub actor_role: Option<String>,
    pub action: String,
    pub record_type: Option<String>,
    pub record_id: Option<String>,
    /// Whose personal data was touched.
    pub person_id: Option<String>,
    pub ip: Option<String>,
    /// Why (the purpose of processing), e.g. "qualification".
    pub purpose: Option<String>,
}

impl AuditEvent {
    pub fn new(action: AuditAction) -> Self {
        AuditEvent {
            action: action.code().to_owned(),
            ..Default::default()
        }
    }
}

/// A stored entry, as the data protection officer sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub event: AuditEvent,
    pub hash: String,
}

/// The outcome of checking the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChainCheck {
    Intact { entries: i64 },
    Broken { seq: i64 },
}

/// An entry as the log viewer lists it: the entry and the actor's e-mail, when known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditLine {
    pub entry: AuditEntry,
    pub actor_email: Option<String>,
}
