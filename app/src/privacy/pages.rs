//! `/pracownik/iod`: the data protection officer's page — a person's data found by PESEL (as
//! PDF and JSON downloads) and the register of data-subject requests with their deadlines. The
//! lookup is a GET form and plain links, the register `ActionForm`s: everything works without
//! JavaScript.

use super::requests::*;
use crate::components::form::{
    ErrorSummary, SelectField, TextArea, TextField, last_error, successes,
};
use crate::components::page::{PageTitle, page_failure};
use crate::domain::{Labelled, Pesel, date_display};
use crate::error::AppError;
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn DataProtectionPage() -> impl IntoView {
    let i18n = use_i18n();
    let record = ServerAction::<RecordDataRequest>::new();
    let close = ServerAction::<CloseDataRequest>::new();
    let recorded = successes(record);
    let closed = successes(close);
    let list = Resource::new(move || (recorded.get(), closed.get()), |_| data_requests());
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, privacy.title).to_string()) />
        <h1>{t!(i18n, privacy.title)}</h1>
        <p>{t!(i18n, privacy.intro)}</p>
        <Transition>
            {move || Suspend::new(async move {
                match list.await {
                    Err(error) => page_failure(error, "/pracownik/iod"),
                    Ok(list) => {
                        view! {
                            <PersonLookup />
                            <RequestForm today=list.today record />
                            <RequestList list close />
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// Finds a person's data by PESEL (a GET form); a valid number gives the two downloads.
#[component]
fn PersonLookup() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let typed = move || query.read().get("pesel").unwrap_or_default();
    let checked = move || {
        let text = typed();
        (!text.trim().is_empty()).then(|| Pesel::parse(text.trim()))
    };
    let error = Signal::derive(move || match checked() {
        Some(Err(e)) => Some(AppError::invalid("pesel", e.key())),
        _ => None,
    });
    view! {
        <section aria-labelledby="lookup-heading">
            <h2 id="lookup-heading">{t!(i18n, privacy.lookup_heading)}</h2>
            <p>{t!(i18n, privacy.lookup_text)}</p>
            <form method="get" action="/pracownik/iod" class="form" id="person-lookup">
                <TextField id="pesel" value=Signal::derive(typed) error>
                    {t!(i18n, privacy.pesel)}
                </TextField>
                <button type="submit" class="button">{t!(i18n, privacy.lookup_submit)}</button>
            </form>
            {move || {
                let Some(Ok(pesel)) = checked() else { return None };
                let pesel = pesel.as_str().to_owned();
                Some(view! {
                    <ul class="downloads">
                        <li>
                            <a href=format!("/pracownik/iod/dane.pdf?pesel={pesel}")>
                                {t!(i18n, privacy.download_pdf)}
                            </a>
                        </li>
                        <li>
                            <a href=format!("/pracownik/iod/dane.json?pesel={pesel}")>
                                {t!(i18n, privacy.download_json)}
                            </a>
                        </li>
                    </ul>
                })
            }}
        </section>
    }
}

/// Records a request received.
#[component]
fn RequestForm(today: chrono::NaiveDate, record: ServerAction<RecordDataRequest>) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(record);
    let kinds = RequestKind::ALL
        .iter()
        .map(|kind| (kind.code().to_owned(), kind.label(i18n).to_string()))
        .collect::<Vec<_>>();
    view! {
        <section aria-labelledby="record-heading">
            <h2 id="record-heading">{t!(i18n, privacy.record_heading)}</h2>
            <ActionForm action=record attr:class="form">
                <ErrorSummary error />
                <SelectField id="kind" name="kind" options=kinds selected="" error>
                    {t!(i18n, privacy.kind)}
                </SelectField>
                <TextField id="subject" error>
                    {t!(i18n, privacy.subject)}
                </TextField>
                <TextField id="received_on" kind="date" value=today.to_string() error>
                    {t!(i18n, privacy.received_on)}
                </TextField>
                <TextArea id="notes" name="notes" rows=3 error>
                    {t!(i18n, privacy.notes)}
                </TextArea>
                <button type="submit" class="button">{t!(i18n, privacy.record_submit)}</button>
            </ActionForm>
        </section>
    }
}

/// The register, with the deadline of each open request and a form to close it.
#[component]
fn RequestList(list: RequestRegister, close: ServerAction<CloseDataRequest>) -> impl IntoView {
    let i18n = use_i18n();
    let count = list.requests.len();
    let today = list.today;
    let error = last_error(close);
    let rows = list
        .requests
        .into_iter()
        .map(|request| view! { <RequestRow request today close error /> })
        .collect_view();
    view! {
        <section aria-labelledby="register-heading">
            <h2 id="register-heading">{t!(i18n, privacy.register_heading)} " (" {count} ")"</h2>
            {if count == 0 {
                view! { <p>{t!(i18n, privacy.none)}</p> }.into_any()
            } else {
                view! {
                    <ErrorSummary error />
                    <ol class="data-requests">{rows}</ol>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn RequestRow(
    request: DataRequest,
    today: chrono::NaiveDate,
    close: ServerAction<CloseDataRequest>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let overdue = request.closed_on.is_none() && request.due_on < today;
    let state = match (&request.outcome, request.closed_on) {
        (Some(outcome), Some(day)) => view! {
            <p>{t!(i18n, privacy.closed_on)} " " {date_display(day)} ": " {outcome.clone()}</p>
        }
        .into_any(),
        _ => {
            let id = request.id.clone();
            view! {
                <ActionForm action=close attr:class="form">
                    <input type="hidden" name="id" value=id.clone() />
                    <TextField id=format!("outcome-{id}") name="outcome" error>
                        {t!(i18n, privacy.outcome)}
                    </TextField>
                    <button type="submit" class="button">{t!(i18n, privacy.close_submit)}</button>
                </ActionForm>
            }
            .into_any()
        }
    };
    view! {
        <li class="data-request">
            <h3>{request.kind.label(i18n)} " — " {request.subject.clone()}</h3>
            <dl class="facts">
                <dt>{t!(i18n, privacy.received_on)}</dt>
                <dd>{date_display(request.received_on)}</dd>
                <dt>{t!(i18n, privacy.due_on)}</dt>
                <dd>
                    {date_display(request.due_on)}
                    {overdue.then(|| view! { " " <span class="tag tag--warning">{t!(i18n, privacy.overdue)}</span> })}
                </dd>
                {(!request.notes.is_empty()).then(|| view! {
                    <dt>{t!(i18n, privacy.notes)}</dt>
                    <dd class="pre-line">{request.notes.clone()}</dd>
                })}
            </dl>
            {state}
        </li>
    }
}
