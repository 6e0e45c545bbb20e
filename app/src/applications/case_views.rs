//! Parts of a case as both the resident ("Moje sprawy") and the staff's case page show them: a
//! requested service's state, the timeline, attachments, decisions and forwardings.

use super::model::*;
use crate::domain::{Labelled, warsaw_display};
use crate::i18n::*;
use leptos::prelude::*;

/// A requested service's state with what was granted (units and fee) or its waiting-list place.
#[component]
pub fn RequestState(request: RequestedService) -> impl IntoView {
    let i18n = use_i18n();
    let status = request.status.label(i18n).to_string();
    if let Some(position) = request.waiting_position {
        return view! { {status} " (" {t!(i18n, qualify.position, position = move || position)} ")" }
            .into_any();
    }
    match (request.status, request.grant) {
        (RequestStatus::Qualified, Some(grant)) => {
            let per_unit = grant.fee_per_unit.to_string();
            let total = grant.fee_total.to_string();
            view! {
                {status} ": "
                {t!(
                    i18n,
                    qualify.granted,
                    units = move || grant.units,
                    per_unit = move || per_unit.clone(),
                    total = move || total.clone()
                )}
            }
            .into_any()
        }
        _ => status.into_any(),
    }
}

/// One entry of a case's timeline. Staff also see who acted and which entries are internal.
#[component]
pub fn TimelineEntry(
    event: CaseEvent,
    #[prop(default = None)] actor: Option<String>,
    #[prop(optional)] internal: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let service = event.service_name.map(|name| format!(" — {name}"));
    let detail = match (event.kind, crate::cases::CasePath::from_code(&event.detail)) {
        (EventKind::PathChosen, Some(path)) => path.label(i18n).to_string(),
        _ => event.detail,
    };
    let detail = (!detail.is_empty()).then(|| view! { <p>{detail}</p> });
    let internal =
        internal.then(|| view! { " " <span class="tag">{t!(i18n, inbox.internal)}</span> });
    view! {
        <li>
            <time datetime=event.at.to_rfc3339()>{warsaw_display(event.at)}</time>
            " " <strong>{event.kind.label(i18n)}</strong> {service}
            {actor.map(|who| format!(" · {who}"))} {internal} {detail}
        </li>
    }
}

/// A case's attachments as items of its document list.
#[component]
pub fn AttachmentItems(id: String, attachments: Vec<AttachmentInfo>) -> impl IntoView {
    attachments
        .into_iter()
        .map(|f| {
            view! {
                <li>
                    <a href=format!("/wnioski/{}/zalaczniki/{}", id, f.id) rel="external">
                        {f.file_name}
                    </a>
                </li>
            }
        })
        .collect_view()
}

/// The decisions of a case as items of its document list: number, service, dates and the
/// appeal deadline once delivery is known.
#[component]
pub fn DecisionItems(
    id: String,
    decisions: Vec<crate::cases::decision::DecisionSummary>,
) -> impl IntoView {
    let i18n = use_i18n();
    decisions
        .into_iter()
        .map(|d| {
            let number = d.number.clone();
            let issued = crate::domain::date_display(d.issued_on);
            let appeal = d.appeal_due.map(|due| {
                let due = crate::domain::date_display(due);
                view! { " · " {t!(i18n, cases.appeal_due, date = move || due.clone())} }
            });
            let overturned = d.overturned_on.map(|on| {
                let on = crate::domain::date_display(on);
                view! { " · " {t!(i18n, cases.overturned_on, date = move || on.clone())} }
            });
            view! {
                <li>
                    <a href=format!("/wnioski/{}/decyzje/{}.pdf", id, d.id) rel="external">
                        {t!(i18n, cases.decision, number = move || number.clone())}
                    </a>
                    {format!(" — {} · ", d.service_name)}
                    {t!(i18n, cases.issued_on, date = move || issued.clone())}
                    {appeal}
                    {overturned}
                </li>
            }
        })
        .collect_view()
}

/// The letters about forwardings, as items of a case's document list.
#[component]
pub fn ForwardingItems(
    id: String,
    forwardings: Vec<crate::cases::forwarding::Forwarding>,
) -> impl IntoView {
    let i18n = use_i18n();
    forwardings
        .into_iter()
        .map(|f| {
            view! {
                <li>
                    <a href=format!("/wnioski/{}/przekazanie/{}.pdf", id, f.id) rel="external">
                        {t!(i18n, cases.forwarding_letter)}
                    </a>
                    {format!(" — {} → {} · {}", f.services.join(", "), f.recipient, warsaw_display(f.at))}
                </li>
            }
        })
        .collect_view()
}
