//! The public needs-report form and the staff triage page.

use super::*;
use crate::components::choice::coded_options;
use crate::components::form::{ErrorSummary, SelectField, TextArea, TextField, last_error};
use crate::components::page::{PageTitle, page_failure};
use crate::components::table::ScrollTable;
use crate::domain::{Labelled, warsaw_display};
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos_router::hooks::use_query_map;

/// `/zgloszenie-potrzeby`.
#[component]
pub fn NeedsReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ReportNeed>::new();
    let error = last_error(action);
    let areas = coded_options(&ServiceArea::ALL, ServiceArea::code, |a| a.label(i18n));
    let groups = coded_options(&TargetGroup::ALL, TargetGroup::code, |g| g.label(i18n));
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, needs.title).to_string()) />
        <h1>{t!(i18n, needs.title)}</h1>
        <p class="lead">{t!(i18n, needs.intro)}</p>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form">
            <SelectField id="area" name="area" options=areas selected=String::new() error>
                {t!(i18n, needs.area)}
            </SelectField>
            <SelectField id="group" name="group" options=groups selected=String::new() error>
                {t!(i18n, needs.group)}
            </SelectField>
            <TextField
                id="place"
                hint=Signal::derive(move || t_string!(i18n, needs.place_hint).to_string())
                error
            >
                {t!(i18n, needs.place)}
            </TextField>
            <TextArea id="description" name="description" rows=6 error>
                {t!(i18n, needs.description)}
            </TextArea>
            <TextField
                id="contact"
                autocomplete="email"
                hint=Signal::derive(move || t_string!(i18n, needs.contact_hint).to_string())
                error
            >
                {t!(i18n, needs.contact)}
            </TextField>
            <div class="honeypot">
                <label for="website">{t!(i18n, needs.honeypot)}</label>
                <input type="text" id="website" name="website" tabindex="-1" autocomplete="off" />
            </div>
            <button type="submit" class="button">
                {t!(i18n, needs.send)}
            </button>
        </ActionForm>
    }
}

/// `/zgloszenie-potrzeby/wyslano`.
#[component]
pub fn NeedsReportSentPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, needs.sent_title).to_string()) />
        <div class="panel panel--success">
            <h1>{t!(i18n, needs.sent_title)}</h1>
            <p>{t!(i18n, needs.sent_text)}</p>
        </div>
        <p>
            <a href="/uslugi">{t!(i18n, cases.browse)}</a>
        </p>
    }
}

/// `/pracownik/potrzeby`: reports to triage and the counts by area, group and place.
#[component]
pub fn NeedsTriagePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let status = move || query.read().get("status");
    let overview = Resource::new(
        move || (status(), query.read().get("zapisano")),
        |(status, _)| load_needs_overview(status),
    );
    let filter_options = coded_options(&NeedStatus::ALL, NeedStatus::code, |s| s.label(i18n));
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, needs.triage_title).to_string()) />
        <h1>{t!(i18n, needs.triage_title)}</h1>
        <Show when=move || query.read().get("zapisano").is_some()>
            <p class="notice notice--success" role="status">{t!(i18n, needs.saved)}</p>
        </Show>
        <form method="get" class="form form--inline">
            <div class="field">
                <label for="status-filter">{t!(i18n, needs.status)}</label>
                <select id="status-filter" name="status">
                    <option value="">{t!(i18n, needs.all)}</option>
                    {filter_options
                        .into_iter()
                        .map(|(value, text)| {
                            let selected = status().as_deref() == Some(value.as_str());
                            view! { <option value=value selected=selected>{text}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="button button--secondary">{t!(i18n, needs.filter)}</button>
        </form>
        <Suspense>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(error) => page_failure(error, "/pracownik/potrzeby"),
                    Ok(overview) => view! { <Triage overview /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Triage(overview: NeedsOverview) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<TriageNeed>::new();
    let error = last_error(action);
    let statuses = coded_options(&NeedStatus::ALL, NeedStatus::code, |s| s.label(i18n));
    let rows = overview
        .reports
        .into_iter()
        .map(|report| {
            let status_id = format!("status-{}", report.id);
            let service_id = format!("service-{}", report.id);
            let area = report.need.area.label(i18n).to_string();
            let status_options = statuses
                .iter()
                .map(|(value, text)| {
                    let selected = value == report.status.code();
                    view! { <option value=value.clone() selected=selected>{text.clone()}</option> }
                })
                .collect_view();
            let service_options = overview
                .services
                .iter()
                .map(|(value, text)| {
                    let selected = report.service_id.as_deref() == Some(value.as_str());
                    view! { <option value=value.clone() selected=selected>{text.clone()}</option> }
                })
                .collect_view();
            let report_id = report.id.clone();
            let group = report.need.target_group.label(i18n).to_string();
            view! {
                <tr>
                    <td>{warsaw_display(report.created_at)}</td>
                    <td>{area} <br /> {group} <br /> {report.need.place.clone()}</td>
                    <td>{report.need.description.clone()}</td>
                    <td>{report.need.contact.clone()}</td>
                    <td>
                        <ActionForm action=action attr:class="form form--compact">
                            <input type="hidden" name="id" value=report_id />
                            <label for=status_id.clone()>{t!(i18n, needs.status)}</label>
                            <select id=status_id name="status">{status_options}</select>
                            <label for=service_id.clone()>{t!(i18n, needs.service)}</label>
                            <select id=service_id name="service">
                                <option value="">{t!(i18n, needs.no_service)}</option>
                                {service_options}
                            </select>
                            <button type="submit" class="button button--secondary">{t!(i18n, needs.save)}</button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let counts = |caption: String, label: Box<dyn Fn(&str) -> String>, list: Vec<(String, i64)>| {
        view! {
            <table class="table table--narrow">
                <caption>{caption}</caption>
                <tbody>
                    {list
                        .into_iter()
                        .map(|(value, n)| view! { <tr><th scope="row">{label(&value)}</th><td>{n}</td></tr> })
                        .collect_view()}
                </tbody>
            </table>
        }
    };
    let by_area = counts(
        t_string!(i18n, needs.by_area).to_string(),
        Box::new(move |code| {
            ServiceArea::from_code(code)
                .map(|a| a.label(i18n).to_string())
                .unwrap_or_default()
        }),
        overview.by_area,
    );
    let by_group = counts(
        t_string!(i18n, needs.by_group).to_string(),
        Box::new(move |code| {
            TargetGroup::from_code(code)
                .map(|g| g.label(i18n).to_string())
                .unwrap_or_default()
        }),
        overview.by_group,
    );
    let by_place = counts(
        t_string!(i18n, needs.by_place).to_string(),
        Box::new(|place: &str| place.to_owned()),
        overview.by_place,
    );
    view! {
        <ErrorSummary error />
        <h2>{t!(i18n, needs.counts)}</h2>
        <div class="columns">{by_area} {by_group} {by_place}</div>
        <h2>{t!(i18n, needs.reports)}</h2>
        <ScrollTable
            id="needs-caption"
            caption=t_string!(i18n, needs.reports).to_string()
            caption_hidden=true
            headings=vec![
                t_string!(i18n, needs.received).to_string(),
                t_string!(i18n, needs.where_who).to_string(),
                t_string!(i18n, needs.description).to_string(),
                t_string!(i18n, needs.contact).to_string(),
                t_string!(i18n, needs.triage).to_string(),
            ]
        >
            {rows}
        </ScrollTable>
    }
}
