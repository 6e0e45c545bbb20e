//! `/pracownik/audyt`: the data protection officer reads and filters the audit trail. The
//! filter is a plain GET form, so every view has a shareable URL and works without JavaScript.

use super::{AuditAction, AuditLine, AuditQuery, PAGE_SIZE, warsaw_time};
use crate::components::form::{ErrorSummary, FieldError, field_errors};
use crate::components::page::ErrorNotice;
use crate::components::page::PageTitle;
use crate::domain::{Labelled, Role};
use crate::error::{AppError, FieldErrors};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;
use serde::{Deserialize, Serialize};

type I18n = leptos_i18n::I18nContext<Locale>;

/// One page of matching entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub lines: Vec<AuditLine>,
    pub total: i64,
    pub page: u32,
}

impl AuditPage {
    pub fn pages(&self) -> u32 {
        u32::try_from((self.total + PAGE_SIZE - 1) / PAGE_SIZE)
            .unwrap_or(u32::MAX)
            .max(1)
    }
}

/// Entries matching `query`, newest first. Reading the log is itself audited.
#[server(prefix = "/api", endpoint = "audit_log")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn audit_log(query: AuditQuery) -> Result<AuditPage, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ReadAuditLog).await?;
    let filter = query.to_filter()?;
    let store = &access.state.store;
    let page = query.page();
    let total = store.audit_count(&filter).await?;
    let offset = i64::from(page - 1) * PAGE_SIZE;
    let lines = store.audit_search(&filter, PAGE_SIZE, offset).await?;
    let event = crate::audit::AuditEvent {
        record_type: Some("audit_log".into()),
        record_id: Some(query.to_query_string(None)).filter(|q| !q.is_empty()),
        purpose: Some("audit_review".into()),
        ..access.event(AuditAction::Read)
    };
    access.record(&event).await?;
    Ok(AuditPage { lines, total, page })
}

/// The translated name of an action's code as stored, or the code itself when it is not one.
fn action_label(i18n: I18n, action: &str) -> String {
    match AuditAction::from_code(action) {
        Some(action) => action.label(i18n).to_string(),
        None => action.to_owned(),
    }
}

/// Role codes as stored in the audit trail (`director,administrator`) → translated names.
fn roles_label(i18n: I18n, codes: &str) -> String {
    codes
        .split(',')
        .filter(|c| !c.is_empty())
        .map(|code| match Role::from_code(code.trim()) {
            Some(role) => role.label(i18n).to_string(),
            None => code.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn query_from_map(map: &ParamsMap) -> AuditQuery {
    let get = |key: &str| map.get(key).unwrap_or_default();
    AuditQuery {
        from: get("od"),
        to: get("do"),
        actor: get("kto"),
        action: get("akcja"),
        person: get("osoba"),
        record_type: get("typ"),
        record_id: get("rekord"),
        ip: get("ip"),
        page: get("strona").trim().parse().unwrap_or(1),
    }
}

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| query_from_map(&params.read()));
    let data = Resource::new(move || query.get(), audit_log);
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, audit_log.title).to_string()) />
        <h1>{t!(i18n, audit_log.title)}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                let query = query.get();
                match data.await {
                    Ok(page) => {
                        view! {
                            <FilterForm query=query.clone() errors=FieldErrors::new() />
                            <Results page query />
                        }
                            .into_any()
                    }
                    Err(AppError::Unauthenticated) => {
                        view! { <Redirect path="/logowanie?powrot=/pracownik/audyt" /> }.into_any()
                    }
                    Err(error @ AppError::Invalid(_)) => {
                        let errors = field_errors(Some(&error));
                        view! {
                            <ErrorSummary error=Signal::stored(Some(error)) />
                            <FilterForm query errors />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One text input of the filter.
#[component]
fn FilterField(
    name: &'static str,
    label: String,
    value: String,
    #[prop(default = "text")] kind: &'static str,
    errors: FieldErrors,
) -> impl IntoView {
    let invalid = errors.contains_key(name);
    let described = invalid.then(|| format!("{name}-error"));
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <FieldError field=name errors=Signal::stored(errors) />
            <input
                id=name
                name=name
                type=kind
                value=value
                aria-invalid=invalid.then_some("true")
                aria-describedby=described
            />
        </div>
    }
}

#[component]
fn FilterForm(query: AuditQuery, errors: FieldErrors) -> impl IntoView {
    let i18n = use_i18n();
    let selected = query.action.clone();
    let options = AuditAction::ALL
        .into_iter()
        .map(|action| {
            let code = action.code();
            view! {
                <option value=code selected=selected == code>
                    {action.label(i18n)}
                </option>
            }
        })
        .collect_view();
    let text = |key: &str| -> String {
        match key {
            "od" => t_string!(i18n, audit_log.from),
            "do" => t_string!(i18n, audit_log.to),
            "kto" => t_string!(i18n, audit_log.actor_filter),
            "osoba" => t_string!(i18n, audit_log.person),
            "typ" => t_string!(i18n, audit_log.record_type),
            "rekord" => t_string!(i18n, audit_log.record_id),
            _ => t_string!(i18n, audit_log.ip),
        }
        .to_string()
    };
    view! {
        <form method="get" action="/pracownik/audyt" class="form form--filter">
            <fieldset>
                <legend>{t!(i18n, audit_log.filter_legend)}</legend>
                <FilterField
                    name="od"
                    label=text("od")
                    value=query.from
                    kind="date"
                    errors=errors.clone()
                />
                <FilterField
                    name="do"
                    label=text("do")
                    value=query.to
                    kind="date"
                    errors=errors.clone()
                />
                <FilterField name="kto" label=text("kto") value=query.actor errors=errors.clone() />
                <div class="field">
                    <label for="akcja">{t!(i18n, audit_log.action)}</label>
                    <select id="akcja" name="akcja">
                        <option value="" selected=query.action.is_empty()>
                            {t!(i18n, audit_log.any_action)}
                        </option>
                        {options}
                    </select>
                </div>
                <FilterField
                    name="osoba"
                    label=text("osoba")
                    value=query.person
                    errors=errors.clone()
                />
                <FilterField
                    name="typ"
                    label=text("typ")
                    value=query.record_type
                    errors=errors.clone()
                />
                <FilterField
                    name="rekord"
                    label=text("rekord")
                    value=query.record_id
                    errors=errors.clone()
                />
                <FilterField name="ip" label=text("ip") value=query.ip errors />
            </fieldset>
            <button type="submit" class="button">
                {t!(i18n, audit_log.apply)}
            </button>
            " "
            <a href="/pracownik/audyt">{t!(i18n, audit_log.clear)}</a>
        </form>
    }
}

#[component]
fn Results(page: AuditPage, query: AuditQuery) -> impl IntoView {
    let i18n = use_i18n();
    let total = page.total;
    let pages = page.pages();
    let current = page.page;
    let csv = format!("/pracownik/audyt.csv{}", query.to_query_string(None));
    let link = move |to: u32| format!("/pracownik/audyt{}", query.to_query_string(Some(to)));
    let rows = page
        .lines
        .into_iter()
        .map(|line| view! { <Row line /> })
        .collect_view();
    view! {
        <p class="result-count" role="status">
            {t!(i18n, audit_log.entries, count = move || total)}
        </p>
        <p>
            <a href=csv rel="external" download class="button button--secondary">
                {t!(i18n, audit_log.export_csv)}
            </a>
        </p>
        <div
            class="table-wrap"
            tabindex="0"
            role="region"
            aria-label=move || t_string!(i18n, audit_log.caption)
        >
            <table class="table">
                <caption>{t!(i18n, audit_log.caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, audit_log.col_time)}</th>
                        <th scope="col">{t!(i18n, audit_log.col_actor)}</th>
                        <th scope="col">{t!(i18n, audit_log.col_role)}</th>
                        <th scope="col">{t!(i18n, audit_log.col_action)}</th>
                        <th scope="col">{t!(i18n, audit_log.col_record)}</th>
                        <th scope="col">{t!(i18n, audit_log.col_person)}</th>
                        <th scope="col">{t!(i18n, audit_log.col_ip)}</th>
                        <th scope="col">{t!(i18n, audit_log.col_purpose)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <nav class="pagination" aria-label=move || t_string!(i18n, audit_log.pagination)>
            {(current > 1)
                .then(|| {
                    view! {
                        <a href=link(current - 1) rel="prev">
                            {t!(i18n, audit_log.previous)}
                        </a>
                    }
                })}
            " "
            <span>
                {t!(i18n, audit_log.page_of, page = move || current, pages = move || pages)}
            </span>
            " "
            {(current < pages)
                .then(|| {
                    view! {
                        <a href=link(current + 1) rel="next">
                            {t!(i18n, audit_log.next)}
                        </a>
                    }
                })}
        </nav>
    }
}

#[component]
fn Row(line: AuditLine) -> impl IntoView {
    let i18n = use_i18n();
    let e = line.entry.event;
    let dash = || "–".to_string();
    let actor = line.actor_email.or(e.actor_id).unwrap_or_else(dash);
    let role = e
        .actor_role
        .as_deref()
        .map(|codes| roles_label(i18n, codes))
        .unwrap_or_else(dash);
    let record = match (e.record_type, e.record_id) {
        (Some(kind), Some(id)) => format!("{kind}: {id}"),
        (Some(kind), None) => kind,
        (None, Some(id)) => id,
        (None, None) => dash(),
    };
    view! {
        <tr>
            <td>
                <time datetime=line.entry.at.clone()>{warsaw_time(&line.entry.at)}</time>
            </td>
            <td>{actor}</td>
            <td>{role}</td>
            <td>{action_label(i18n, &e.action)}</td>
            <td class="break">{record}</td>
            <td>{e.person_id.unwrap_or_else(dash)}</td>
            <td>{e.ip.unwrap_or_else(dash)}</td>
            <td>{e.purpose.unwrap_or_else(dash)}</td>
        </tr>
    }
}
