//! "Moje sprawy": the list of one's applications and one case with its timeline, documents,
//! withdrawal and resignation; and the info point's "register an application" page.

use super::case_views::*;
use super::model::*;
use super::my_cases::*;
use super::wizard::StartOnBehalf;
use crate::components::choice::coded_options;
use crate::components::form::{ErrorSummary, SelectField, TextArea, TextField, last_error};
use crate::components::page::{PageTitle, page_failure};
use crate::domain::{Labelled, warsaw_display};
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/moje-sprawy`.
#[component]
pub fn MyCasesPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| my_applications());
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, cases.title).to_string()) />
        <h1>{t!(i18n, cases.title)}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                match list.await {
                    Err(error) => page_failure(error, "/moje-sprawy"),
                    Ok(list) if list.is_empty() => view! {
                        <p>{t!(i18n, cases.none)}</p>
                        <p><a class="button" href="/uslugi">{t!(i18n, cases.browse)}</a></p>
                    }
                        .into_any(),
                    Ok(list) => view! { <CaseList list /> }.into_any(),
                }
            })}
        </Suspense>
        <p><a href="/moje-wydarzenia">{t!(i18n, cases.my_activities)}</a></p>
    }
}

#[component]
fn CaseList(list: Vec<ApplicationSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let count = list.len() as i32;
    let items = list
        .into_iter()
        .map(|case| {
            let (href, title) = match (&case.case_number, case.status) {
                (Some(number), _) => (format!("/moje-sprawy/{}", case.id), number.clone()),
                (None, _) => (
                    Step::Services.path(&case.id),
                    t_string!(i18n, cases.draft_title).to_string(),
                ),
            };
            let when = case.submitted_at.unwrap_or(case.created_at);
            view! {
                <li class="case-card">
                    <h2>
                        <a href=href>{title}</a>
                    </h2>
                    <p>
                        <span class="tag">{case.status.label(i18n)}</span>
                        " " {warsaw_display(when)}
                    </p>
                    <p>{case.programme_name} ": " {case.services.join(", ")}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <p>{t!(i18n, counts.applications, count = move || count)}</p>
        <ul class="case-list">{items}</ul>
    }
}

/// `/moje-sprawy/:id`.
#[component]
pub fn MyCasePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let case = Resource::new(
        move || {
            (
                id(),
                query.read().get("wycofano"),
                query.read().get("rezygnacja"),
            )
        },
        |(id, _, _)| load_my_case(id),
    );
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, cases.case_title).to_string()) />
        <Show when=move || query.read().get("wycofano").is_some()>
            <p class="notice notice--success" role="status">{t!(i18n, cases.withdrawn_notice)}</p>
        </Show>
        <Show when=move || query.read().get("rezygnacja").is_some()>
            <p class="notice notice--success" role="status">{t!(i18n, cases.resigned_notice)}</p>
        </Show>
        <Suspense>
            {move || Suspend::new(async move {
                match case.await {
                    Err(error) => page_failure(error, &format!("/moje-sprawy/{}", id())),
                    Ok(case) => view! { <CaseView case /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CaseView(case: MyCase) -> impl IntoView {
    let i18n = use_i18n();
    let withdraw = ServerAction::<WithdrawApplication>::new();
    let withdraw_error = last_error(withdraw);
    let can_withdraw = case.can_withdraw();
    let a = case.application.clone();
    let id = a.id.clone();
    let services = case
        .services
        .iter()
        .map(|s| {
            let resign = matches!(s.status, RequestStatus::Qualified | RequestStatus::Waiting)
                .then(|| view! { <ResignForm id=id.clone() service=s.clone() /> });
            view! {
                <tr>
                    <th scope="row">{s.name.clone()}</th>
                    <td><RequestState request=s.clone() /></td>
                    <td>{resign}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h1>
            {t!(i18n, cases.case_title)} " "
            <span class="case-number">{a.case_number.clone().unwrap_or_default()}</span>
        </h1>
        <dl class="facts">
            <dt>{t!(i18n, cases.status)}</dt>
            <dd>{a.status.label(i18n)}</dd>
            <dt>{t!(i18n, apply.programme)}</dt>
            <dd>{case.programme_name.clone()}</dd>
            <dt>{t!(i18n, apply.registered_at)}</dt>
            <dd>{a.submitted_at.map(warsaw_display).unwrap_or_default()}</dd>
            <dt>{t!(i18n, apply.channel)}</dt>
            <dd>{a.channel.label(i18n)}</dd>
        </dl>
        <h2>{t!(i18n, cases.services)}</h2>
        <table class="table">
            <caption class="visually-hidden">{t!(i18n, cases.services)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, cases.service)}</th>
                    <th scope="col">{t!(i18n, cases.status)}</th>
                    <th scope="col">{t!(i18n, cases.actions)}</th>
                </tr>
            </thead>
            <tbody>{services}</tbody>
        </table>
        <h2>{t!(i18n, cases.timeline)}</h2>
        <ol class="timeline">
            {case.events.clone().into_iter().map(|event| view! { <TimelineEntry event /> }).collect_view()}
        </ol>
        <h2>{t!(i18n, cases.documents)}</h2>
        <ul>
            <li>
                <a href=format!("/wnioski/{}/potwierdzenie.pdf", id) rel="external">
                    {t!(i18n, apply.download_receipt)}
                </a>
            </li>
            <AttachmentItems id=id.clone() attachments=case.attachments.clone() />
            <DecisionItems id=id.clone() decisions=case.decisions.clone() />
            <ForwardingItems id=id.clone() forwardings=case.forwardings.clone() />
            {case.plan.clone().map(|plan| view! {
                <li>
                    <a href=crate::ipus::plan_pdf_href(&id, plan.version) rel="external">
                        {t!(i18n, plans.title)} " " {plan.number.clone()}
                    </a>
                    " · " {t!(i18n, plans.version)} " " {plan.version}
                </li>
            })}
        </ul>
        {can_withdraw
            .then(|| {
                view! {
                    <h2>{t!(i18n, cases.withdraw_heading)}</h2>
                    <p>{t!(i18n, cases.withdraw_text)}</p>
                    <ErrorSummary error=withdraw_error />
                    <ActionForm action=withdraw attr:class="form">
                        <input type="hidden" name="id" value=id.clone() />
                        <button type="submit" class="button button--warning">
                            {t!(i18n, cases.withdraw_button)}
                        </button>
                    </ActionForm>
                }
            })}
    }
}

#[component]
fn ResignForm(id: String, service: RequestedService) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ResignService>::new();
    let error = last_error(action);
    view! {
        <details>
            <summary>{t!(i18n, cases.resign_button)}</summary>
            <ActionForm action=action attr:class="form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="service" value=service.service_id />
                <TextArea id="reason" name="reason" rows=2 error>
                    {t!(i18n, cases.resign_reason)}
                </TextArea>
                <button type="submit" class="button button--warning">
                    {t!(i18n, cases.resign_confirm)}
                </button>
            </ActionForm>
        </details>
    }
}

/// `/pracownik/wnioski/nowy`: the info point starts an application that came on paper, in
/// person, by e-mail or by phone; the wizard that follows is the resident's.
#[component]
pub fn RegisterApplicationPage() -> impl IntoView {
    let i18n = use_i18n();
    let programmes = Resource::new(|| (), |_| super::wizard::open_programmes());
    let action = ServerAction::<StartOnBehalf>::new();
    let error = last_error(action);
    let channels = coded_options(&Channel::ALL[1..], Channel::code, |c| c.label(i18n));
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, apply.register_title).to_string()) />
        <a class="back-link" href="/pracownik">{t!(i18n, apply.back)}</a>
        <h1>{t!(i18n, apply.register_title)}</h1>
        <p>{t!(i18n, apply.register_intro)}</p>
        <Suspense>
            {move || {
                let channels = channels.clone();
                Suspend::new(async move {
                    match programmes.await {
                        Err(error) => page_failure(error, "/pracownik/wnioski/nowy"),
                        Ok(list) => {
                            let only = if list.len() == 1 { list[0].0.clone() } else { String::new() };
                            view! {
                                <ErrorSummary error />
                                <ActionForm action=action attr:class="form">
                                    <SelectField id="programme" name="programme" options=list selected=only error>
                                        {t!(i18n, apply.programme)}
                                    </SelectField>
                                    <SelectField id="channel" name="channel" options=channels selected=String::new() error>
                                        {t!(i18n, apply.channel)}
                                    </SelectField>
                                    <TextField id="received_on" kind="date" required=true error>
                                        {t!(i18n, apply.received_on)}
                                    </TextField>
                                    <button type="submit" class="button">
                                        {t!(i18n, apply.start_button)}
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}
