//! `/pracownik/spolecznosci/:id/plan?rok=`: a community's OSL plan for a year — the goals of
//! the version in force with their progress, the draft with the forms that change it and
//! adopt it, and every version with its PDF.

use super::plan::{
    AddPlanGoal, AddPlanTask, AdoptOslPlan, GoalMeasure, GoalProgress, PlanFile, PlanVersion,
    RemovePlanItem, load_osl_plan,
};
use crate::components::choice::coded_options;
use crate::components::form::{ErrorSummary, SelectField, TextArea, TextField, last_error};
use crate::components::page::{PageTitle, page_failure};
use crate::components::table::ScrollTable;
use crate::domain::{Labelled, date_display, warsaw_display};
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn OslPlanPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let data = Resource::new(
        move || {
            let query = query.read();
            (
                id.get(),
                query.get("rok"),
                query.get("zapisano"),
                query.get("przyjeto"),
            )
        },
        |(id, year, _, _)| load_osl_plan(id, year),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => page_failure(error, &format!("/pracownik/spolecznosci/{}/plan", id.get_untracked())),
                    Ok(file) => view! { <PlanView file /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PlanView(file: PlanFile) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let community = file.community.id.clone();
    let year = file.year;
    let title = format!(
        "{} {year} — {}",
        t_string!(i18n, osl_plan.title),
        file.community.name
    );
    let page_title = title.clone();
    let base = format!("/pracownik/spolecznosci/{community}");
    let draft = file.draft().cloned();
    let in_force = file
        .current()
        .filter(|v| v.state != super::plan::PlanState::Draft)
        .cloned();
    let may_edit = file.may_edit;
    view! {
        <PageTitle text=Signal::derive(move || page_title.clone()) />
        <nav aria-label=move || t_string!(i18n, catalogue.breadcrumb).to_string() class="breadcrumb">
            <a href="/pracownik/spolecznosci">{t!(i18n, community.list_title)}</a>
            " › "
            <a href=base.clone()>{file.community.name.clone()}</a>
        </nav>
        <h1>{title}</h1>
        <Show when=move || query.read().get("zapisano").is_some()>
            <p class="notice notice--success" role="status">{t!(i18n, osl_plan.saved)}</p>
        </Show>
        <Show when=move || query.read().get("przyjeto").is_some()>
            <p class="notice notice--success" role="status">{t!(i18n, osl_plan.adopted_notice)}</p>
        </Show>
        <nav aria-label=move || t_string!(i18n, osl_plan.years).to_string() class="month-nav">
            <a href=format!("{base}/plan?rok={}", year - 1)>{format!("← {}", year - 1)}</a>
            <a href=format!("{base}/plan?rok={}", year + 1)>{format!("{} →", year + 1)}</a>
        </nav>
        <h2>{t!(i18n, osl_plan.goals)}</h2>
        <GoalsProgress progress=file.progress.clone() />
        {match in_force {
            Some(version) => view! {
                <h2>{t!(i18n, osl_plan.in_force)}</h2>
                <VersionTables community=community.clone() version removable=false />
            }.into_any(),
            None => view! { <p>{t!(i18n, osl_plan.none_adopted)}</p> }.into_any(),
        }}
        {may_edit.then(|| view! { <DraftEditor community=community.clone() year draft=draft.clone() /> })}
        <Versions community=community.clone() versions=file.versions.clone() />
    }
}

/// Each goal with its indicator's value against the target (also used on the community page).
#[component]
pub fn GoalsProgress(progress: Vec<GoalProgress>) -> impl IntoView {
    let i18n = use_i18n();
    if progress.is_empty() {
        return view! { <p>{t!(i18n, osl_plan.no_goals)}</p> }.into_any();
    }
    progress
        .into_iter()
        .enumerate()
        .map(|(i, progress)| {
            let label_id = format!("goal-{i}");
            let value = progress.value();
            let (target, baseline, percent) = (
                progress.goal.target,
                progress.goal.baseline,
                progress.percent(),
            );
            let text = move || {
                t!(
                    i18n,
                    osl_plan.progress_text,
                    value = move || value,
                    target = move || target,
                    baseline = move || baseline,
                    percent = move || percent
                )
            };
            view! {
                <div class="goal">
                    <h3 id=label_id.clone()>{progress.goal.statement.clone()}</h3>
                    <p>
                        {format!(
                            "{}: {} ({})",
                            t_string!(i18n, osl_plan.indicator),
                            progress.goal.indicator,
                            progress.goal.measure.label(i18n)
                        )}
                    </p>
                    <progress
                        aria-labelledby=label_id
                        max=progress.goal.target
                        value=value.min(progress.goal.target)
                    >
                        {text()}
                    </progress>
                    <p>{text()}</p>
                </div>
            }
        })
        .collect_view()
        .into_any()
}

/// A version's goals and tasks; in the draft each has a remove button.
#[component]
fn VersionTables(community: String, version: PlanVersion, removable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let remove = ServerAction::<RemovePlanItem>::new();
    let year = version.year;
    let remove_button = move |item: String, name: String| {
        let community = community.clone();
        let label = format!("{}: {name}", t_string!(i18n, osl_plan.remove));
        removable.then(|| {
            view! {
                <ActionForm action=remove attr:class="inline-form">
                    <input type="hidden" name="community" value=community />
                    <input type="hidden" name="year" value=year />
                    <input type="hidden" name="item" value=item />
                    <button type="submit" class="button button--secondary" aria-label=label>
                        {t!(i18n, osl_plan.remove)}
                    </button>
                </ActionForm>
            }
        })
    };
    let caption_prefix = if removable { "draft" } else { "adopted" };
    let goal_rows = version
        .goals
        .iter()
        .map(|goal| {
            view! {
                <tr>
                    <td>{goal.statement.clone()}</td>
                    <td>{goal.indicator.clone()}</td>
                    <td>{goal.measure.label(i18n)}</td>
                    <td>{goal.baseline}</td>
                    <td>{goal.target}</td>
                    <td>{remove_button(goal.id.clone(), goal.statement.clone())}</td>
                </tr>
            }
        })
        .collect_view();
    let task_rows = version
        .tasks
        .iter()
        .map(|task| {
            let goal = task
                .goal_id
                .as_deref()
                .and_then(|id| version.goal(id))
                .map(|goal| goal.statement.clone())
                .unwrap_or_default();
            view! {
                <tr>
                    <td>{task.name.clone()}</td>
                    <td>{goal}</td>
                    <td>{task.responsible.clone()}</td>
                    <td>{task.partners.clone()}</td>
                    <td>{format!("{} – {}", date_display(task.from), date_display(task.until))}</td>
                    <td>{task.budget.to_string()}</td>
                    <td>{remove_button(task.id.clone(), task.name.clone())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ScrollTable
            id=format!("{caption_prefix}-goals-caption")
            caption=t_string!(i18n, osl_plan.goals_table).to_string()
            headings=vec![
                t_string!(i18n, osl_plan.statement).to_string(),
                t_string!(i18n, osl_plan.indicator).to_string(),
                t_string!(i18n, osl_plan.measure).to_string(),
                t_string!(i18n, osl_plan.baseline).to_string(),
                t_string!(i18n, osl_plan.target).to_string(),
                t_string!(i18n, osl_map.actions).to_string(),
            ]
        >
            {goal_rows}
        </ScrollTable>
        <ScrollTable
            id=format!("{caption_prefix}-tasks-caption")
            caption=t_string!(i18n, osl_plan.tasks_table).to_string()
            headings=vec![
                t_string!(i18n, osl_plan.task).to_string(),
                t_string!(i18n, osl_plan.task_goal).to_string(),
                t_string!(i18n, osl_plan.responsible).to_string(),
                t_string!(i18n, osl_plan.partners).to_string(),
                t_string!(i18n, osl_plan.period).to_string(),
                t_string!(i18n, osl_plan.budget).to_string(),
                t_string!(i18n, osl_map.actions).to_string(),
            ]
        >
            {task_rows}
        </ScrollTable>
        <p>{format!("{}: {}", t_string!(i18n, osl_plan.total), version.budget())}</p>
    }
}

#[component]
fn DraftEditor(community: String, year: i32, draft: Option<PlanVersion>) -> impl IntoView {
    let i18n = use_i18n();
    let goals: Vec<(String, String)> = draft
        .as_ref()
        .map(|d| {
            d.goals
                .iter()
                .map(|g| (g.id.clone(), g.statement.clone()))
                .collect()
        })
        .unwrap_or_default();
    view! {
        <h2>{t!(i18n, osl_plan.draft)}</h2>
        {match draft.clone() {
            Some(draft) => view! {
                <p>{let number = draft.version; t!(i18n, osl_plan.draft_version, version = move || number)}</p>
                <VersionTables community=community.clone() version=draft removable=true />
            }.into_any(),
            None => view! { <p>{t!(i18n, osl_plan.draft_none)}</p> }.into_any(),
        }}
        <GoalForm community=community.clone() year />
        <TaskForm community=community.clone() year goals />
        {draft.map(|draft| view! { <AdoptForm community=community.clone() year draft /> })}
    }
}

#[component]
fn GoalForm(community: String, year: i32) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<AddPlanGoal>::new();
    let error = last_error(action);
    let measures = coded_options(&GoalMeasure::ALL, GoalMeasure::code, |m| m.label(i18n));
    view! {
        <h3>{t!(i18n, osl_plan.add_goal)}</h3>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="community" value=community />
            <input type="hidden" name="year" value=year />
            <TextField id="goal_statement" name="input[statement]" error>{t!(i18n, osl_plan.statement)}</TextField>
            <TextField
                id="goal_indicator"
                name="input[indicator]"
                hint=Signal::derive(move || t_string!(i18n, osl_plan.indicator_hint).to_string())
                error
            >
                {t!(i18n, osl_plan.indicator)}
            </TextField>
            <SelectField id="goal_measure" name="input[measure]" options=measures selected=String::new() error>
                {t!(i18n, osl_plan.measure)}
            </SelectField>
            <TextField id="goal_baseline" name="input[baseline]" kind="number" error>{t!(i18n, osl_plan.baseline)}</TextField>
            <TextField id="goal_target" name="input[target]" kind="number" error>{t!(i18n, osl_plan.target)}</TextField>
            <button type="submit" class="button">{t!(i18n, osl_plan.add_goal)}</button>
        </ActionForm>
    }
}

#[component]
fn TaskForm(community: String, year: i32, goals: Vec<(String, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<AddPlanTask>::new();
    let error = last_error(action);
    view! {
        <h3>{t!(i18n, osl_plan.add_task)}</h3>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="community" value=community />
            <input type="hidden" name="year" value=year />
            <TextField id="task_name" name="input[name]" error>{t!(i18n, osl_plan.task)}</TextField>
            <SelectField id="task_goal" name="input[goal]" options=goals selected=String::new() error>
                {t!(i18n, osl_plan.task_goal)}
            </SelectField>
            <TextField id="task_responsible" name="input[responsible]" error>{t!(i18n, osl_plan.responsible)}</TextField>
            <TextField id="task_partners" name="input[partners]" error>{t!(i18n, osl_plan.partners)}</TextField>
            <TextField id="task_from" name="input[from]" kind="date" error>{t!(i18n, osl_plan.from)}</TextField>
            <TextField id="task_until" name="input[until]" kind="date" error>{t!(i18n, osl_plan.until)}</TextField>
            <TextField
                id="task_budget"
                name="input[budget]"
                hint=Signal::derive(move || t_string!(i18n, osl_plan.budget_hint).to_string())
                error
            >
                {t!(i18n, osl_plan.budget)}
            </TextField>
            <button type="submit" class="button">{t!(i18n, osl_plan.add_task)}</button>
        </ActionForm>
    }
}

#[component]
fn AdoptForm(community: String, year: i32, draft: PlanVersion) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<AdoptOslPlan>::new();
    let error = last_error(action);
    view! {
        <h3>{t!(i18n, osl_plan.adopt_title)}</h3>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="community" value=community />
            <input type="hidden" name="year" value=year />
            <input type="hidden" name="revision" value=draft.revision />
            <TextArea id="changes" name="changes" rows=3 error>{t!(i18n, osl_plan.changes)}</TextArea>
            <button type="submit" class="button">{t!(i18n, osl_plan.adopt)}</button>
        </ActionForm>
    }
}

#[component]
fn Versions(community: String, versions: Vec<PlanVersion>) -> impl IntoView {
    let i18n = use_i18n();
    if versions.is_empty() {
        return ().into_any();
    }
    let rows = versions
        .into_iter()
        .map(|version| {
            let href = format!(
                "/pracownik/spolecznosci/{community}/plan.pdf?rok={}&wersja={}",
                version.year, version.version
            );
            let number = version.version;
            view! {
                <tr>
                    <td>{version.version}</td>
                    <td>{version.state.label(i18n)}</td>
                    <td>{version.adopted_at.map(warsaw_display).unwrap_or_default()}</td>
                    <td>{version.changes.clone()}</td>
                    <td><a href=href download>{t!(i18n, osl_plan.pdf_of, version = move || number)}</a></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ScrollTable
            id="versions-caption"
            caption=t_string!(i18n, osl_plan.versions).to_string()
            headings=vec![
                t_string!(i18n, osl_plan.version).to_string(),
                t_string!(i18n, osl_plan.state).to_string(),
                t_string!(i18n, osl_plan.adopted_at).to_string(),
                t_string!(i18n, osl_plan.changes).to_string(),
                t_string!(i18n, osl_plan.pdf).to_string(),
            ]
        >
            {rows}
        </ScrollTable>
    }
    .into_any()
}
