//! `/pracownik/realizacja-ipus`: the half-yearly summary of the plans' realisation.

use super::summary::*;
use crate::cases::case_views::Due;
use crate::components::page::{PageTitle, page_failure};
use crate::components::table::ScrollTable;
use crate::domain::{Labelled, date_display};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_query_map;

/// "I półrocze 2026".
fn half_label(i18n: I18nContext<Locale>, half: HalfYear) -> String {
    let which = if half.second {
        t_string!(i18n, summary.second_half)
    } else {
        t_string!(i18n, summary.first_half)
    };
    format!("{which} {}", half.year)
}

#[component]
pub fn PlanSummaryPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let period = Memo::new(move |_| params.read().get("okres").unwrap_or_default());
    let summary = Resource::new(move || period.get(), plan_realisation_summary);
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, summary.title).to_string()) />
        <h1>{t!(i18n, summary.title)}</h1>
        <p>{t!(i18n, summary.intro)}</p>
        <Suspense>
            {move || Suspend::new(async move {
                match summary.await {
                    Err(error) => page_failure(error, "/pracownik/realizacja-ipus"),
                    Ok(summary) => view! { <SummaryView summary /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SummaryView(summary: RealisationSummary) -> impl IntoView {
    let i18n = use_i18n();
    let options = summary
        .halves
        .iter()
        .map(|half| {
            let selected = *half == summary.half;
            view! { <option value=half.code() selected=selected>{half_label(i18n, *half)}</option> }
        })
        .collect_view();
    let (from, to) = (summary.half.first_day(), summary.half.last_day());
    view! {
        <form method="get" class="form summary-period">
            <div class="field">
                <label for="okres">{t!(i18n, summary.period)}</label>
                <select id="okres" name="okres">{options}</select>
            </div>
            <button type="submit" class="button button--secondary">{t!(i18n, summary.show)}</button>
        </form>
        <h2 class="summary-heading">
            {half_label(i18n, summary.half)} ": " {date_display(from)} " – " {date_display(to)}
        </h2>
        <p>
            {t!(i18n, summary.plans_count)} " " <strong>{summary.plans}</strong> ". "
            {t!(i18n, summary.as_of)} " " {date_display(summary.today)} "."
        </p>
        <Standings summary=summary.clone() />
        <Services lines=summary.by_service.clone() />
        <Outcomes summary=summary.clone() />
        <Monitoring lines=summary.entries.clone() />
        <Overdue lines=summary.overdue today=summary.today />
    }
}

#[component]
fn Standings(summary: RealisationSummary) -> impl IntoView {
    let i18n = use_i18n();
    let rows = summary
        .by_standing
        .iter()
        .map(|(standing, count)| {
            view! {
                <tr>
                    <th scope="row">{standing.label(i18n)}</th>
                    <td class="number">{*count}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="standing-heading">
            <h2 id="standing-heading">{t!(i18n, summary.by_standing)}</h2>
            <ScrollTable
                id="standing-caption"
                caption=t_string!(i18n, summary.by_standing).to_string()
                caption_hidden=true
                class="summary-standing"
                headings=vec![
                    t_string!(i18n, summary.col_standing).to_string(),
                    t_string!(i18n, summary.col_plans).to_string(),
                ]
            >
                {rows}
            </ScrollTable>
        </section>
    }
}

#[component]
fn Services(lines: Vec<ServiceLine>) -> impl IntoView {
    let i18n = use_i18n();
    let empty = lines.is_empty();
    let rows = lines
        .into_iter()
        .map(|line| {
            view! {
                <tr>
                    <th scope="row">{line.name}</th>
                    <td class="number">{line.plans}</td>
                    <td class="number">{line.units}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="services-heading">
            <h2 id="services-heading">{t!(i18n, summary.by_service)}</h2>
            {if empty {
                view! { <p>{t!(i18n, summary.nothing)}</p> }.into_any()
            } else {
                view! {
                    <ScrollTable
                        id="services-caption"
                        caption=t_string!(i18n, summary.by_service).to_string()
                        caption_hidden=true
                        class="summary-services"
                        headings=vec![
                            t_string!(i18n, summary.col_service).to_string(),
                            t_string!(i18n, summary.col_plans).to_string(),
                            t_string!(i18n, summary.col_units).to_string(),
                        ]
                    >
                        {rows}
                    </ScrollTable>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn Outcomes(summary: RealisationSummary) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="outcomes-heading">
            <h2 id="outcomes-heading">{t!(i18n, summary.outcomes)}</h2>
            <dl class="facts summary-outcomes">
                <dt>{t!(i18n, summary.completed)}</dt>
                <dd>{summary.completed}</dd>
                <dt>{t!(i18n, summary.resigned)}</dt>
                <dd>{summary.resigned}</dd>
                <dt>{t!(i18n, summary.follow_ups)}</dt>
                <dd>{summary.follow_ups}</dd>
                <dt>{t!(i18n, summary.meetings)}</dt>
                <dd>{summary.meetings}</dd>
            </dl>
        </section>
    }
}

#[component]
fn Monitoring(lines: Vec<EntryLine>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = lines
        .into_iter()
        .map(|line| {
            view! {
                <tr>
                    <th scope="row">{line.kind.label(i18n)}</th>
                    <td class="number">{line.count}</td>
                    <td class="number">{line.problems}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="monitoring-heading">
            <h2 id="monitoring-heading">{t!(i18n, summary.monitoring)}</h2>
            <ScrollTable
                id="monitoring-caption"
                caption=t_string!(i18n, summary.monitoring).to_string()
                caption_hidden=true
                class="summary-monitoring"
                headings=vec![
                    t_string!(i18n, summary.col_entry).to_string(),
                    t_string!(i18n, summary.col_entries).to_string(),
                    t_string!(i18n, summary.col_problems).to_string(),
                ]
            >
                {rows}
            </ScrollTable>
        </section>
    }
}

#[component]
fn Overdue(lines: Vec<OverdueLine>, today: chrono::NaiveDate) -> impl IntoView {
    let i18n = use_i18n();
    let count = lines.len();
    let rows = lines
        .into_iter()
        .map(|line| {
            view! {
                <tr>
                    <td><Due due=line.due today open=true /></td>
                    <td>{line.kind.label(i18n)}</td>
                    <th scope="row">
                        <a href=format!("/pracownik/plany/{}", line.plan_id)>{line.number}</a>
                    </th>
                    <td>{line.coordinator}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="overdue-heading">
            <h2 id="overdue-heading">{t!(i18n, summary.overdue)} " (" {count} ")"</h2>
            {if count == 0 {
                view! { <p>{t!(i18n, summary.nothing_overdue)}</p> }.into_any()
            } else {
                view! {
                    <ScrollTable
                        id="overdue-caption"
                        caption=t_string!(i18n, summary.overdue).to_string()
                        caption_hidden=true
                        class="summary-overdue"
                        headings=vec![
                            t_string!(i18n, plans.col_due).to_string(),
                            t_string!(i18n, plans.col_task).to_string(),
                            t_string!(i18n, plans.col_plan).to_string(),
                            t_string!(i18n, plans.col_coordinator).to_string(),
                        ]
                    >
                        {rows}
                    </ScrollTable>
                }
                .into_any()
            }}
        </section>
    }
}
