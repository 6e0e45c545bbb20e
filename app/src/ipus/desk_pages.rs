//! `/pracownik/plany`: the plans desk.

use super::desk::*;
use super::pages::period_text;
use crate::cases::case_views::Due;
use crate::components::page::{PageTitle, page_failure};
use crate::components::table::ScrollTable;
use crate::domain::{Labelled, date_display};
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn PlansDeskPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = Resource::new(|| (), |_| load_plan_desk());
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, plans.desk_title).to_string()) />
        <h1>{t!(i18n, plans.desk_title)}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                match desk.await {
                    Err(error) => page_failure(error, "/pracownik/plany"),
                    Ok(desk) => view! { <DeskView desk /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn plan_link(plan: &DeskPlan) -> impl IntoView + use<> {
    view! { <a href=format!("/pracownik/plany/{}", plan.id)>{plan.number.clone()}</a> }
}

#[component]
fn DeskView(desk: Desk) -> impl IntoView {
    let i18n = use_i18n();
    let today = desk.today.unwrap_or_default();
    let tasks = desk
        .tasks
        .iter()
        .map(|task| {
            view! {
                <tr>
                    <td><Due due=task.due today open=true /></td>
                    <td>{task.kind.label(i18n)}</td>
                    <th scope="row">{plan_link(&task.plan)}</th>
                    <td>{task.plan.person.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let has_tasks = !desk.tasks.is_empty();
    let counts = desk.counts;
    let lists = [
        (
            "awaiting",
            t_string!(i18n, plans.awaiting),
            desk.awaiting_approval,
            counts.awaiting_approval,
        ),
        (
            "drafts",
            t_string!(i18n, plans.drafts),
            desk.drafts,
            counts.drafts,
        ),
        (
            "running",
            t_string!(i18n, plans.running),
            desk.running,
            counts.running,
        ),
        (
            "ending",
            t_string!(i18n, plans.ending),
            desk.ending_soon,
            counts.ending_soon,
        ),
        (
            "follow-ups",
            t_string!(i18n, plans.follow_ups),
            desk.follow_ups_due,
            counts.follow_ups_due,
        ),
    ];
    view! {
        <p>
            {if desk.all { t!(i18n, plans.desk_all).into_any() } else { t!(i18n, plans.desk_mine).into_any() }}
            " " {t!(i18n, inbox.today)} " " {date_display(today)}
        </p>
        <section aria-labelledby="tasks-heading">
            <h2 id="tasks-heading">{t!(i18n, plans.tasks)}</h2>
            {if has_tasks {
                view! {
                    <ScrollTable
                        id="tasks-caption"
                        caption=t_string!(i18n, plans.tasks).to_string()
                        caption_hidden=true
                        class="desk-tasks"
                        headings=vec![
                            t_string!(i18n, plans.col_due).to_string(),
                            t_string!(i18n, plans.col_task).to_string(),
                            t_string!(i18n, plans.col_plan).to_string(),
                            t_string!(i18n, plans.col_person).to_string(),
                        ]
                    >
                        {tasks}
                    </ScrollTable>
                }
                .into_any()
            } else {
                view! { <p>{t!(i18n, plans.no_tasks)}</p> }.into_any()
            }}
        </section>
        {lists
            .into_iter()
            .map(|(key, title, plans, count)| view! { <PlanList key title=title.to_string() plans count /> })
            .collect_view()}
    }
}

/// One of the desk's lists, with its count (of which the first `LIST_LIMIT` are shown).
#[component]
fn PlanList(key: &'static str, title: String, plans: Vec<DeskPlan>, count: u32) -> impl IntoView {
    let i18n = use_i18n();
    let (heading, labelled_by) = (format!("{key}-heading"), format!("{key}-heading"));
    let shown = plans.len();
    let cut = (count as usize) > shown;
    let rows = plans
        .iter()
        .map(|plan| {
            let period = plan.period.map(period_text).unwrap_or_default();
            view! {
                <tr>
                    <th scope="row">{plan_link(plan)}</th>
                    <td>{plan.person.clone()}</td>
                    <td>
                        <a href=format!("/pracownik/sprawy/{}", plan.case_id)>{plan.case_number.clone()}</a>
                    </td>
                    <td>{plan.coordinator.clone()}</td>
                    <td>{t!(i18n, plans.version)} " " {plan.version} " · " {plan.state.label(i18n)}</td>
                    <td>{period}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby=labelled_by class=format!("desk-{key}")>
            <h2 id=heading>{title.clone()} " (" {count} ")"</h2>
            {cut.then(|| view! { <p>{t!(i18n, plans.first_shown, shown = move || shown)}</p> })}
            {if count == 0 {
                view! { <p>{t!(i18n, plans.none)}</p> }.into_any()
            } else {
                view! {
                    <ScrollTable
                        id=format!("{key}-caption")
                        caption=title.clone()
                        caption_hidden=true
                        headings=vec![
                            t_string!(i18n, plans.col_plan).to_string(),
                            t_string!(i18n, plans.col_person).to_string(),
                            t_string!(i18n, plans.col_case).to_string(),
                            t_string!(i18n, plans.col_coordinator).to_string(),
                            t_string!(i18n, plans.state).to_string(),
                            t_string!(i18n, plans.col_period).to_string(),
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
