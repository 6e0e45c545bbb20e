//! The community organising room's entries in the audit trail.

use crate::audit::{AuditAction, AuditEvent};
use crate::error::AppError;
use crate::gate::Access;

/// Records `action` on a record of the room, for the purpose of community organising.
pub async fn audit(
    access: &Access,
    record_type: &str,
    id: &str,
    action: AuditAction,
) -> Result<(), AppError> {
    let event = AuditEvent {
        record_type: Some(record_type.into()),
        record_id: Some(id.into()),
        purpose: Some("community_organising".into()),
        ..access.event(action)
    };
    access.record(&event).await
}
