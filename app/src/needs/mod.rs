//! Needs reports (zgłoszenie potrzeby): anyone tells the centre about a need or a missing
//! service; staff triage them and see them counted by area, group and place — the programme's
//! unmet-demand input. Public reports are rate-limited per address and guarded by a honeypot
//! field instead of a third-party captcha.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

use crate::domain::ServiceArea;
use crate::domain::coded::coded_enum;
use crate::domain::label::labels;
use crate::error::{AppError, FieldErrors};
use crate::programme::TargetGroup;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Reports one address may send in an hour.
pub const REPORTS_PER_HOUR: i64 = 5;
const MAX_DESCRIPTION: usize = 2000;
const MAX_SHORT: usize = 200;

coded_enum! {
    NeedStatus {
        New = "new",
        Reviewed = "reviewed",
        /// Matched to an existing service.
        LinkedToService = "linked",
        /// Passed to the director (a gap the programme should fill).
        PassedToDirector = "to_director",
    }
}

labels!(NeedStatus, needs {
    New => status_new,
    Reviewed => status_reviewed,
    LinkedToService => status_linked,
    PassedToDirector => status_to_director,
});

/// A checked report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewNeed {
    pub area: ServiceArea,
    pub target_group: TargetGroup,
    pub place: String,
    pub description: String,
    pub contact: String,
}

impl NewNeed {
    pub fn parse(
        area: &str,
        group: &str,
        place: &str,
        description: &str,
        contact: &str,
    ) -> Result<Self, AppError> {
        let mut errors = FieldErrors::new();
        let area = ServiceArea::from_code(area);
        if area.is_none() {
            errors.insert("area".into(), "choose_one".into());
        }
        let target_group = TargetGroup::from_code(group);
        if target_group.is_none() {
            errors.insert("group".into(), "choose_one".into());
        }
        let description = description.trim();
        if description.is_empty() {
            errors.insert("description".into(), "required".into());
        } else if description.chars().count() > MAX_DESCRIPTION {
            errors.insert("description".into(), "too_long".into());
        }
        for (field, value) in [("place", place), ("contact", contact)] {
            if value.trim().chars().count() > MAX_SHORT {
                errors.insert(field.into(), "too_long".into());
            }
        }
        match (area, target_group) {
            (Some(area), Some(target_group)) if errors.is_empty() => Ok(NewNeed {
                area,
                target_group,
                place: place.trim().to_owned(),
                description: description.to_owned(),
                contact: contact.trim().to_owned(),
            }),
            _ => Err(AppError::Invalid(errors)),
        }
    }
}

/// A report as staff see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedReport {
    pub id: String,
    pub need: NewNeed,
    pub status: NeedStatus,
    pub service_id: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The triage page: the reports (filtered by status) and the counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedsOverview {
    pub reports: Vec<NeedReport>,
    pub by_area: Vec<(String, i64)>,
    pub by_group: Vec<(String, i64)>,
    pub by_place: Vec<(String, i64)>,
    /// Published services a report can be linked to (id, name).
    pub services: Vec<(String, String)>,
}

#[server(prefix = "/api", endpoint = "report_need")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn report_need(
    area: String,
    group: String,
    #[server(default)] place: String,
    description: String,
    #[server(default)] contact: String,
    /// The honeypot: hidden from people, filled in by bots.
    #[server(default)]
    website: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    let need = NewNeed::parse(&area, &group, &place, &description, &contact)?;
    if website.is_empty() {
        server::record(&access, &need).await?;
    } else {
        tracing::info!("needs report with the honeypot filled: dropped");
    }
    leptos_axum::redirect("/zgloszenie-potrzeby/wyslano");
    Ok(())
}

#[server(prefix = "/api", endpoint = "needs_overview")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_needs_overview(status: Option<String>) -> Result<NeedsOverview, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageProgramme).await?;
    let status = status.as_deref().and_then(NeedStatus::from_code);
    let store = &access.state.store;
    let overview = NeedsOverview {
        reports: store.needs(status).await?,
        by_area: store.need_counts("area").await?,
        by_group: store.need_counts("target_group").await?,
        by_place: store.need_counts("place").await?,
        services: store
            .published_services()
            .await?
            .into_iter()
            .map(|(service, _)| (service.id, service.name))
            .collect(),
    };
    let event = crate::audit::AuditEvent {
        record_type: Some("needs_report".into()),
        purpose: Some("needs_triage".into()),
        ..access.event(crate::audit::AuditAction::Read)
    };
    access.record(&event).await?;
    Ok(overview)
}

#[server(prefix = "/api", endpoint = "triage_need")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn triage_need(
    id: String,
    status: String,
    #[server(default)] service: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ManageProgramme).await?;
    let status = NeedStatus::from_code(&status)
        .ok_or_else(|| AppError::invalid(&format!("status-{id}"), "choose_one"))?;
    let service = Some(service).filter(|s| !s.is_empty());
    if status == NeedStatus::LinkedToService && service.is_none() {
        return Err(AppError::invalid(
            &format!("service-{id}"),
            "service_required",
        ));
    }
    let now = access.state.clock.now();
    access
        .state
        .store
        .set_need_status(&id, status, service.as_deref(), now)
        .await?;
    let event = crate::audit::AuditEvent {
        record_type: Some("needs_report".into()),
        record_id: Some(id),
        purpose: Some("needs_triage".into()),
        ..access.event(crate::audit::AuditAction::Update)
    };
    access.record(&event).await?;
    leptos_axum::redirect("/pracownik/potrzeby?zapisano=1");
    Ok(())
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::gate::Access;

    /// Stores a report unless its address has sent too many this hour.
    pub async fn record(access: &Access, need: &NewNeed) -> Result<(), AppError> {
        use sha2::Digest;
        let source = format!(
            "{:x}",
            sha2::Sha256::digest(access.ip.as_deref().unwrap_or("unknown").as_bytes())
        );
        let now = access.state.clock.now();
        let store = &access.state.store;
        let recent = store
            .needs_from_source_since(&source, now - chrono::Duration::hours(1))
            .await?;
        if recent >= REPORTS_PER_HOUR {
            return Err(AppError::TooManyRequests);
        }
        let reporter = access.user.as_ref().map(|u| u.id.as_str());
        let id = store.insert_need(need, reporter, &source, now).await?;
        let event = crate::audit::AuditEvent {
            record_type: Some("needs_report".into()),
            record_id: Some(id),
            purpose: Some("needs_report".into()),
            ..access.event(crate::audit::AuditAction::Create)
        };
        access.record(&event).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_need_an_area_a_group_and_a_description() {
        let need = NewNeed::parse(
            "social_assistance",
            "seniors",
            " Osiedle Kosynierów ",
            "Brak opieki",
            "",
        )
        .unwrap();
        assert_eq!(need.place, "Osiedle Kosynierów");
        let Err(AppError::Invalid(errors)) = NewNeed::parse("", "nobody", "", "  ", "") else {
            panic!("expected errors");
        };
        assert_eq!(errors["area"], "choose_one");
        assert_eq!(errors["group"], "choose_one");
        assert_eq!(errors["description"], "required");
    }
}
