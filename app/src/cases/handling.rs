//! Server functions of case handling: the inbox, the case page, assignment, path and notes.
//! Coordinators act on the cases assigned to them; services organisers and directors on all
//! (and assign them). Every read of a case and every change is audited.

use super::model::*;
use crate::error::AppError;
use leptos::prelude::*;

/// Longest internal note, in characters.
pub const MAX_NOTE: usize = 4000;

#[server(prefix = "/api", endpoint = "inbox")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_inbox(query: InboxQuery) -> Result<InboxPage, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::HandleCases).await?;
    let user = access.signed_in()?;
    let store = &access.state.store;
    let today = crate::domain::warsaw_date(access.state.clock.now());
    let page = query.page.max(1);
    let scope = crate::cases::access::server::programmes_in_scope(&access).await?;
    let (rows, total) = store
        .inbox(&query, &user.id, scope.as_deref(), today)
        .await?;
    let searched = query.q.trim();
    let event = crate::audit::AuditEvent {
        record_type: Some("application".into()),
        // What was looked for, so a search for one person shows in their trail; a PESEL only
        // as its hash (the trail is read by more people than the case file).
        record_id: match searched {
            "" => None,
            text => Some(server::searched_for(store.keys()?, text)),
        },
        purpose: Some(
            if searched.is_empty() {
                "inbox"
            } else {
                "inbox_search"
            }
            .into(),
        ),
        ..access.event(crate::audit::AuditAction::Read)
    };
    access.record(&event).await?;
    let programmes = store.programmes().await?;
    let services = store.service_choices().await?;
    Ok(InboxPage {
        rows,
        total,
        page,
        pages: u32::try_from(total.div_ceil(u64::from(server::PAGE_SIZE))).unwrap_or(1),
        today,
        programmes: programmes.into_iter().map(|p| (p.id, p.name)).collect(),
        services,
        coordinators: store.coordinators().await?,
    })
}

#[server(prefix = "/api", endpoint = "staff_case")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_staff_case(id: String) -> Result<StaffCase, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::HandleCases).await?;
    server::staff_case(&access, &id).await
}

#[server(prefix = "/api", endpoint = "assign_case")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn assign_case(id: String, coordinator: String) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::HandleCases).await?;
    server::assign(&access, &id, &coordinator).await
}

#[server(prefix = "/api", endpoint = "choose_path")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn choose_path(
    id: String,
    path: Option<String>,
    complicated: Option<String>,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::QualifyAndPlan).await?;
    let path = path
        .as_deref()
        .and_then(CasePath::from_code)
        .ok_or_else(|| AppError::invalid("path", "choose_one"))?;
    let (application, handling) = crate::cases::access::server::case_to_act(&access, &id).await?;
    let user = access.signed_in()?;
    let (complicated, now) = (complicated.is_some(), access.state.clock.now());
    access
        .state
        .store
        .set_case_path(
            &id,
            path,
            complicated,
            handling.registered_on,
            (&user.id, now),
        )
        .await?;
    server::audit_change(&access, &application, "case_path").await
}

#[server(prefix = "/api", endpoint = "add_case_note")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn add_case_note(id: String, body: String) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::HandleCases).await?;
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::invalid("body", "required"));
    }
    if body.chars().count() > MAX_NOTE {
        return Err(AppError::invalid("body", "too_long"));
    }
    let (application, _) = crate::cases::access::server::case_to_act(&access, &id).await?;
    let user = access.signed_in()?;
    let now = access.state.clock.now();
    access
        .state
        .store
        .add_case_note(&id, &user.id, body, now)
        .await?;
    server::audit_change(&access, &application, "case_note").await
}

/// The director's queue: resignations from granted services (art. 44), newest first.
#[server(prefix = "/api", endpoint = "resignations")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_resignations() -> Result<Vec<crate::applications::Resignation>, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::AssignCases).await?;
    let queue = access.state.store.resignations().await?;
    let event = crate::audit::AuditEvent {
        record_type: Some("application".into()),
        purpose: Some("resignations".into()),
        ..access.event(crate::audit::AuditAction::Read)
    };
    access.record(&event).await?;
    Ok(queue)
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::*;
    use crate::applications::Application;
    use crate::audit::AuditAction;
    use crate::cases::access::server::{
        acts_on, case_event, case_to_handle, in_scope, oversees, programmes_in_scope, refused,
    };
    pub use crate::cases::store::PAGE_SIZE;
    use crate::domain::Role;
    use crate::gate::Access;

    /// How an inbox search is written to the audit trail: as typed, but with every run of 11
    /// digits (a PESEL) replaced by `pesel:` and 16 hex digits of its HMAC under the audit key
    /// (a plain hash of so few possible numbers would be reversed at once).
    pub fn searched_for(keys: &crate::store::Keys, text: &str) -> String {
        let mut out = String::from("search:");
        let mut digits = String::new();
        let flush = |digits: &mut String, out: &mut String| {
            if digits.len() == 11 {
                out.push_str("pesel:");
                out.push_str(&keys.audit_mac(&format!("pesel {digits}"))[..16]);
            } else {
                out.push_str(digits);
            }
            digits.clear();
        };
        for c in text.chars().take(100) {
            if c.is_ascii_digit() {
                digits.push(c);
            } else {
                flush(&mut digits, &mut out);
                out.push(c);
            }
        }
        flush(&mut digits, &mut out);
        out
    }

    pub async fn audit_change(
        access: &Access,
        application: &Application,
        purpose: &str,
    ) -> Result<(), AppError> {
        let event = crate::audit::AuditEvent {
            purpose: Some(purpose.into()),
            ..case_event(access, AuditAction::Update, application)
        };
        access.record(&event).await
    }

    /// `coordinator` is a user id, "me" or empty (nobody). A coordinator may only take an
    /// unassigned case for themselves.
    pub async fn assign(access: &Access, id: &str, coordinator: &str) -> Result<(), AppError> {
        let user = access.signed_in()?;
        let store = &access.state.store;
        let target = match coordinator {
            "" => None,
            "me" => Some(user.id.clone()),
            other => Some(other.to_owned()),
        };
        let application = store.application(id).await?;
        in_scope(access, &application).await?;
        let handling = store.handling(id).await?;
        let taking_free_case = target.as_deref() == Some(user.id.as_str())
            && handling.coordinator_id.is_none()
            && user
                .roles
                .iter()
                .any(|r| matches!(r, Role::PlanCoordinator | Role::ServicesOrganiser));
        if !(oversees(access) || taking_free_case) {
            return Err(refused(access, &application, "assign_not_allowed").await);
        }
        if let Some(target) = &target
            && !store.coordinators().await?.iter().any(|(c, _)| c == target)
        {
            return Err(AppError::invalid("coordinator", "choose_one"));
        }
        let now = access.state.clock.now();
        store
            .assign_case(id, target.as_deref(), &user.id, now)
            .await?;
        audit_change(access, &application, "case_assignment").await
    }

    pub async fn staff_case(access: &Access, id: &str) -> Result<StaffCase, AppError> {
        let store = &access.state.store;
        let application = case_to_handle(access, id).await?;
        let event = crate::audit::AuditEvent {
            purpose: Some("case_handling".into()),
            ..case_event(access, AuditAction::Read, &application)
        };
        access.record(&event).await?;
        let today = crate::domain::warsaw_date(access.state.clock.now());
        let handling = store.handling(id).await?;
        let registered_on = handling.registered_on;
        let programme = store.programme(&application.programme_id).await?;
        let pesel = application.subject.pesel.clone();
        let same_pesel = if pesel.is_empty() {
            Vec::new()
        } else {
            let scope = programmes_in_scope(access).await?;
            store
                .open_cases_with_pesel(&pesel, id, scope.as_deref())
                .await?
        };
        let plan = store.plan_summaries(id).await?.pop();
        let may_assign_others = oversees(access);
        let may_act = acts_on(access, &handling);
        Ok(StaffCase {
            programme_name: programme.name,
            programme_version: i64::from(programme.version),
            services: store.requested_services(id).await?,
            events: store.staff_case_events(id).await?,
            notes: store.case_notes(id).await?,
            attachments: store.attachments(id).await?,
            decisions: store.decisions_of(id).await?,
            recognitions: store.recognitions_of(id).await?,
            forwardings: store.forwardings_of(id).await?,
            deadlines: registered_on.map(|on| Deadlines::new(on, handling.complicated, today)),
            awaiting: handling.awaiting,
            waiting_keeps_deadline: access.state.centre.decisions.waiting_list_keeps_deadline,
            handling,
            plan,
            same_pesel,
            coordinators: store.coordinators().await?,
            today,
            may_assign_others,
            may_act,
            application,
        })
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn a_searched_pesel_is_audited_as_its_keyed_hash() {
        let keys = crate::store::Keys::random();
        let audited = super::server::searched_for(&keys, "Kowalska 44051401458");
        assert!(audited.starts_with("search:Kowalska pesel:"), "{audited}");
        assert_eq!(audited.len(), "search:Kowalska pesel:".len() + 16);
        assert_eq!(
            audited,
            super::server::searched_for(&keys, "Kowalska 44051401458")
        );
        assert_ne!(
            audited,
            super::server::searched_for(&crate::store::Keys::random(), "Kowalska 44051401458"),
            "another key, another hash"
        );
        assert_eq!(
            super::server::searched_for(&keys, "cus/2026/12"),
            "search:cus/2026/12"
        );
    }
}
