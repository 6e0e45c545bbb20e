//! The organiser's pages: `/pracownik/spolecznosci` (the communities), `…/nowa` (a new one),
//! `…/:id` (where it stands in the six stages, how it got there, its activities and a new
//! activity) and `/pracownik/wydarzenia/:id` (an activity and who signed up).

use super::attendance::{RecordAttendance, RecordStageEvaluation};
use super::calendar_pages::when_text;
use super::communities::{
    CreateActivity, CreateCommunity, MoveCommunityStage, load_activity_registrations,
    load_communities, load_community,
};
use super::plan_pages::GoalsProgress;
use super::volunteer_pages::ActivityVolunteers;
use super::{
    Activity, ActivityKind, CommunityFile, CommunityKind, CommunitySummary, Evaluation,
    Registration, Stage, Territory,
};
use crate::components::choice::coded_options;
use crate::components::form::{
    CheckboxField, ErrorSummary, Radios, SelectField, TextArea, TextField, last_error,
};
use crate::components::page::{PageTitle, page_failure};
use crate::components::table::ScrollTable;
use crate::domain::{Labelled, ServiceArea, warsaw_display};
use crate::i18n::*;
use crate::programme::TargetGroup;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/pracownik/spolecznosci`.
#[component]
pub fn CommunitiesPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| load_communities());
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, community.list_title).to_string()) />
        <h1>{t!(i18n, community.list_title)}</h1>
        <p>
            <a class="button" href="/pracownik/spolecznosci/nowa">{t!(i18n, community.new)}</a>
            " "
            <a href="/wydarzenia">{t!(i18n, community.public_calendar)}</a>
        </p>
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => page_failure(error, "/pracownik/spolecznosci"),
                    Ok(list) => view! { <CommunityList list /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CommunityList(list: Vec<CommunitySummary>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p>{t!(i18n, community.none)}</p> }.into_any();
    }
    let rows = list
        .into_iter()
        .map(
            |CommunitySummary {
                 community,
                 upcoming,
             }| {
                let href = format!("/pracownik/spolecznosci/{}", community.id);
                let stage = format!(
                    "{}. {}",
                    community.stage.number(),
                    community.stage.label(i18n)
                );
                view! {
                    <tr>
                        <td><a href=href>{community.name.clone()}</a></td>
                        <td>{community.kind.label(i18n)}</td>
                        <td>{stage}</td>
                        <td>{community.organiser_name.clone()}</td>
                        <td>{upcoming}</td>
                    </tr>
                }
            },
        )
        .collect_view();
    view! {
        <ScrollTable
            id="communities-caption"
            caption=t_string!(i18n, community.list_title).to_string()
            caption_hidden=true
            headings=vec![
                t_string!(i18n, community.name).to_string(),
                t_string!(i18n, community.kind).to_string(),
                t_string!(i18n, community.stage).to_string(),
                t_string!(i18n, community.organiser).to_string(),
                t_string!(i18n, community.upcoming).to_string(),
            ]
        >
            {rows}
        </ScrollTable>
    }
    .into_any()
}

/// `/pracownik/spolecznosci/nowa`.
#[component]
pub fn NewCommunityPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CreateCommunity>::new();
    let error = last_error(action);
    let kinds = coded_options(&CommunityKind::ALL, CommunityKind::code, |k| k.label(i18n));
    let territories = coded_options(&Territory::ALL, Territory::code, |t| t.label(i18n));
    let groups = coded_options(&TargetGroup::ALL, TargetGroup::code, |g| g.label(i18n));
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, community.new).to_string()) />
        <nav aria-label=move || t_string!(i18n, catalogue.breadcrumb).to_string() class="breadcrumb">
            <a href="/pracownik/spolecznosci">{t!(i18n, community.list_title)}</a>
        </nav>
        <h1>{t!(i18n, community.new)}</h1>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form">
            <TextField id="name" error>{t!(i18n, community.name)}</TextField>
            <Radios
                id="kind"
                name="kind"
                legend=t_string!(i18n, community.kind).to_string()
                options=kinds
                selected=String::new()
                error
            />
            <SelectField id="territory" name="territory" options=territories selected=String::new() error>
                {t!(i18n, community.territory)}
            </SelectField>
            <TextField
                id="place"
                hint=Signal::derive(move || t_string!(i18n, community.place_hint).to_string())
                error
            >
                {t!(i18n, community.place)}
            </TextField>
            <TextField
                id="teryt"
                hint=Signal::derive(move || t_string!(i18n, community.teryt_hint).to_string())
                error
            >
                {t!(i18n, community.teryt)}
            </TextField>
            <SelectField id="group" name="group" options=groups selected=String::new() error>
                {t!(i18n, community.group)}
            </SelectField>
            <TextArea id="description" name="description" error>
                {t!(i18n, community.description)}
            </TextArea>
            <button type="submit" class="button">{t!(i18n, community.create)}</button>
        </ActionForm>
    }
}

/// `/pracownik/spolecznosci/:id`.
#[component]
pub fn CommunityPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let data = Resource::new(
        move || (id.get(), query.read().get("etap")),
        |(id, _)| load_community(id),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => page_failure(error, &format!("/pracownik/spolecznosci/{}", id.get_untracked())),
                    Ok(file) => view! { <CommunityView file /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CommunityView(file: CommunityFile) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let CommunityFile {
        community,
        history,
        activities,
        progress,
        evaluations,
        supporting,
        may_edit,
    } = file;
    let goals: Vec<(String, String)> = progress
        .iter()
        .map(|p| (p.goal.id.clone(), p.goal.statement.clone()))
        .collect();
    let map_href = format!("/pracownik/spolecznosci/{}/mapa", community.id);
    let plan_href = format!("/pracownik/spolecznosci/{}/plan", community.id);
    let title = community.name.clone();
    let whom = match (community.territory, community.target_group) {
        (Some(territory), _) => {
            format!("{}: {}", territory.label(i18n), community.place)
        }
        (None, Some(group)) => group.label(i18n).to_string(),
        (None, None) => community.place.clone(),
    };
    let stages = Stage::ALL
        .iter()
        .map(|stage| {
            let current = *stage == community.stage;
            view! {
                <li aria-current=current.then_some("step") class:stage--current=current>
                    {stage.label(i18n)}
                </li>
            }
        })
        .collect_view();
    let history_rows = history
        .into_iter()
        .map(|change| {
            let from = change
                .from
                .map(|s| s.label(i18n).to_string())
                .unwrap_or_default();
            view! {
                <tr>
                    <td>{warsaw_display(change.at)}</td>
                    <td>{from}</td>
                    <td>{change.to.label(i18n)}</td>
                    <td>{change.reason}</td>
                    <td>{change.by}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <PageTitle text=Signal::derive(move || title.clone()) />
        <nav aria-label=move || t_string!(i18n, catalogue.breadcrumb).to_string() class="breadcrumb">
            <a href="/pracownik/spolecznosci">{t!(i18n, community.list_title)}</a>
        </nav>
        <h1>{community.name.clone()}</h1>
        <Show when=move || query.read().get("etap").is_some()>
            <p class="notice notice--success" role="status">{t!(i18n, community.moved)}</p>
        </Show>
        <dl class="facts">
            <dt>{t!(i18n, community.kind)}</dt>
            <dd>{community.kind.label(i18n)}</dd>
            <dt>{t!(i18n, community.whom)}</dt>
            <dd>{whom}</dd>
            {(!community.teryt.is_empty()).then(|| view! {
                <dt>{t!(i18n, community.teryt)}</dt>
                <dd>{community.teryt.clone()}</dd>
            })}
            <dt>{t!(i18n, community.organiser)}</dt>
            <dd>{community.organiser_name.clone()}</dd>
        </dl>
        <p>{community.description.clone()}</p>
        <ul class="links">
            <li><a href=map_href>{t!(i18n, osl_map.title)}</a></li>
            <li><a href=plan_href>{t!(i18n, osl_plan.title)}</a></li>
        </ul>
        <h2>{t!(i18n, osl_plan.goals)}</h2>
        <GoalsProgress progress />
        <h2>{t!(i18n, community.stages)}</h2>
        <ol class="stages">{stages}</ol>
        {may_edit.then(|| view! { <StageMove id=community.id.clone() current=community.stage /> })}
        <ScrollTable
            id="history-caption"
            caption=t_string!(i18n, community.history).to_string()
            headings=vec![
                t_string!(i18n, community.when).to_string(),
                t_string!(i18n, community.from).to_string(),
                t_string!(i18n, community.to).to_string(),
                t_string!(i18n, community.reason).to_string(),
                t_string!(i18n, community.by).to_string(),
            ]
        >
            {history_rows}
        </ScrollTable>
        <Evaluations evaluations />
        {may_edit.then(|| view! { <EvaluationForm community=community.id.clone() /> })}
        <h2>{t!(i18n, community.activities)}</h2>
        <ActivityList activities />
        {may_edit.then(|| view! { <NewActivity community=community.id.clone() goals supporting /> })}
    }
}

#[component]
fn StageMove(id: String, current: Stage) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<MoveCommunityStage>::new();
    let error = last_error(action);
    let stages = coded_options(&Stage::ALL, Stage::code, |s| {
        format!("{}. {}", s.number(), s.label(i18n))
    });
    view! {
        <h3>{t!(i18n, community.move_title)}</h3>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="from" value=current.code() />
            <SelectField id="stage" name="stage" options=stages selected=String::new() error>
                {t!(i18n, community.move_to)}
            </SelectField>
            <TextArea id="reason" name="reason" rows=3 error>
                {t!(i18n, community.reason)}
            </TextArea>
            <button type="submit" class="button button--secondary">{t!(i18n, community.move_button)}</button>
        </ActionForm>
    }
}

#[component]
fn ActivityList(activities: Vec<Activity>) -> impl IntoView {
    let i18n = use_i18n();
    if activities.is_empty() {
        return view! { <p>{t!(i18n, community.no_activities)}</p> }.into_any();
    }
    let rows = activities
        .into_iter()
        .map(|activity| {
            let href = format!("/pracownik/wydarzenia/{}", activity.id);
            let public = if activity.public {
                t_string!(i18n, community.public)
            } else {
                t_string!(i18n, community.internal)
            };
            view! {
                <tr>
                    <td><a href=href>{activity.title.clone()}</a></td>
                    <td>{when_text(activity.starts_at, activity.ends_at)}</td>
                    <td>{activity.kind.label(i18n)}</td>
                    <td>{public}</td>
                    <td>{format!("{} / {}", activity.registered, activity.capacity)}</td>
                    <td>{activity.waiting}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ScrollTable
            id="activities-caption"
            caption=t_string!(i18n, community.activities).to_string()
            caption_hidden=true
            headings=vec![
                t_string!(i18n, community.activity_title).to_string(),
                t_string!(i18n, community.when).to_string(),
                t_string!(i18n, community.activity_kind).to_string(),
                t_string!(i18n, community.visibility).to_string(),
                t_string!(i18n, community.registered).to_string(),
                t_string!(i18n, community.waiting).to_string(),
            ]
        >
            {rows}
        </ScrollTable>
    }
    .into_any()
}

#[component]
fn Evaluations(evaluations: Vec<Evaluation>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let rows = evaluations
        .into_iter()
        .map(|evaluation| {
            view! {
                <tr>
                    <td>{warsaw_display(evaluation.at)}</td>
                    <td>{evaluation.stage.label(i18n)}</td>
                    <td>{evaluation.text}</td>
                    <td>{evaluation.by}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2>{t!(i18n, community.evaluations)}</h2>
        <Show when=move || query.read().get("ocena").is_some()>
            <p class="notice notice--success" role="status">{t!(i18n, community.evaluation_saved)}</p>
        </Show>
        <ScrollTable
            id="evaluations-caption"
            caption=t_string!(i18n, community.evaluations).to_string()
            caption_hidden=true
            headings=vec![
                t_string!(i18n, community.when).to_string(),
                t_string!(i18n, community.stage).to_string(),
                t_string!(i18n, community.evaluation).to_string(),
                t_string!(i18n, community.by).to_string(),
            ]
        >
            {rows}
        </ScrollTable>
    }
}

#[component]
fn EvaluationForm(community: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RecordStageEvaluation>::new();
    let error = last_error(action);
    view! {
        <ErrorSummary error />
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="community" value=community />
            <TextArea id="stage_evaluation" name="evaluation" rows=3 error>
                {t!(i18n, community.evaluation_new)}
            </TextArea>
            <button type="submit" class="button button--secondary">{t!(i18n, community.evaluation_save)}</button>
        </ActionForm>
    }
}

#[component]
fn NewActivity(
    community: String,
    goals: Vec<(String, String)>,
    supporting: Vec<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CreateActivity>::new();
    let error = last_error(action);
    let kinds = coded_options(&ActivityKind::ALL, ActivityKind::code, |k| k.label(i18n));
    let areas = coded_options(&ServiceArea::ALL, ServiceArea::code, |a| a.label(i18n));
    let groups = coded_options(&TargetGroup::ALL, TargetGroup::code, |g| g.label(i18n));
    view! {
        <h3>{t!(i18n, community.new_activity)}</h3>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form" attr:data-draft="activity">
            <input type="hidden" name="community" value=community />
            <SelectField id="kind" name="input[kind]" options=kinds selected=String::new() error>
                {t!(i18n, community.activity_kind)}
            </SelectField>
            <TextField id="title" name="input[title]" error>{t!(i18n, community.activity_title)}</TextField>
            <TextArea id="description" name="input[description]" error>
                {t!(i18n, community.description)}
            </TextArea>
            <TextField id="day" name="input[day]" kind="date" error>{t!(i18n, community.day)}</TextField>
            <TextField
                id="starts"
                name="input[starts]"
                kind="time"
                hint=Signal::derive(move || t_string!(i18n, community.time_hint).to_string())
                error
            >
                {t!(i18n, community.starts)}
            </TextField>
            <TextField id="ends" name="input[ends]" kind="time" error>{t!(i18n, community.ends)}</TextField>
            <TextField id="place" name="input[place]" error>{t!(i18n, community.activity_place)}</TextField>
            <fieldset class="field">
                <legend>{t!(i18n, calendar.accessibility)}</legend>
                <CheckboxField id="step_free" name="input[step_free]" error>{t!(i18n, calendar.step_free)}</CheckboxField>
                <CheckboxField id="hearing_loop" name="input[hearing_loop]" error>{t!(i18n, calendar.hearing_loop)}</CheckboxField>
                <CheckboxField id="sign_language" name="input[sign_language]" error>{t!(i18n, calendar.sign_language)}</CheckboxField>
            </fieldset>
            <TextField id="capacity" name="input[capacity]" kind="number" error>{t!(i18n, community.capacity)}</TextField>
            <CheckboxField id="public" name="input[public]" error>{t!(i18n, community.public_hint)}</CheckboxField>
            <TextField id="partners" name="input[partners]" error>{t!(i18n, community.partners)}</TextField>
            <TextField id="volunteers" name="input[volunteers]" kind="number" error>{t!(i18n, community.volunteers)}</TextField>
            <SelectField id="area" name="input[area]" options=areas selected=String::new() error>
                {t!(i18n, catalogue.filter_area)}
            </SelectField>
            <SelectField id="group" name="input[group]" options=groups selected=String::new() error>
                {t!(i18n, catalogue.filter_group)}
            </SelectField>
            <SelectField id="goal" name="input[goal]" options=goals selected=String::new() error>
                {t!(i18n, community.goal)}
            </SelectField>
            <SelectField id="supporting" name="input[supporting]" options=supporting selected=String::new() error>
                {t!(i18n, community.supporting)}
            </SelectField>
            <button type="submit" class="button">{t!(i18n, community.add_activity)}</button>
        </ActionForm>
    }
}

/// `/pracownik/wydarzenia/:id`.
#[component]
pub fn StaffActivityPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let data = Resource::new(move || id.get(), load_activity_registrations);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => page_failure(error, &format!("/pracownik/wydarzenia/{}", id.get_untracked())),
                    Ok((activity, registrations, may_edit)) => {
                        view! { <StaffActivity activity registrations may_edit /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn StaffActivity(
    activity: Activity,
    registrations: Vec<Registration>,
    may_edit: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let title = activity.title.clone();
    let community_href = format!("/pracownik/spolecznosci/{}", activity.community_id);
    let public_href = format!("/wydarzenia/{}", activity.id);
    let rows = registrations
        .into_iter()
        .map(|registration| {
            view! {
                <tr>
                    <td>{warsaw_display(registration.created_at)}</td>
                    <td>{registration.name}</td>
                    <td>{registration.contact}</td>
                    <td>{registration.status.label(i18n)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <PageTitle text=Signal::derive(move || title.clone()) />
        <nav aria-label=move || t_string!(i18n, catalogue.breadcrumb).to_string() class="breadcrumb">
            <a href=community_href>{activity.community_name.clone()}</a>
        </nav>
        <h1>{activity.title.clone()}</h1>
        <Show when=move || query.read().get("dodano").is_some()>
            <p class="notice notice--success" role="status">{t!(i18n, community.activity_added)}</p>
        </Show>
        <Show when=move || query.read().get("frekwencja").is_some()>
            <p class="notice notice--success" role="status">{t!(i18n, community.attendance_saved)}</p>
        </Show>
        <dl class="facts">
            <dt>{t!(i18n, community.when)}</dt>
            <dd>{when_text(activity.starts_at, activity.ends_at)}</dd>
            <dt>{t!(i18n, community.activity_place)}</dt>
            <dd>{activity.place.clone()}</dd>
            <dt>{t!(i18n, community.registered)}</dt>
            <dd>{format!("{} / {}", activity.registered, activity.capacity)}</dd>
            <dt>{t!(i18n, community.waiting)}</dt>
            <dd>{activity.waiting}</dd>
            <dt>{t!(i18n, community.volunteers)}</dt>
            <dd>{activity.volunteers_needed}</dd>
            {activity.supporting.clone().map(|(_, name)| view! {
                <dt>{t!(i18n, community.supporting_of)}</dt>
                <dd>{name}</dd>
            })}
            {activity.attendance.clone().map(|attendance| view! {
                <dt>{t!(i18n, community.attendance)}</dt>
                <dd>
                    {
                        let (attended, walk_ins, total) =
                            (attendance.attended, attendance.walk_ins, attendance.total());
                        t!(
                            i18n,
                            community.attendance_text,
                            attended = move || attended,
                            walk_ins = move || walk_ins,
                            total = move || total
                        )
                    }
                </dd>
                <dt>{t!(i18n, community.evaluation)}</dt>
                <dd>{attendance.evaluation}</dd>
            })}
        </dl>
        {activity.public.then(|| view! { <p><a href=public_href>{t!(i18n, community.public_page)}</a></p> })}
        {may_edit.then(|| view! { <AttendanceForm activity=activity.clone() /> })}
        <ActivityVolunteers activity=activity.id.clone() may_edit />
        <ScrollTable
            id="registrations-caption"
            caption=t_string!(i18n, community.registrations).to_string()
            headings=vec![
                t_string!(i18n, community.signed_up_at).to_string(),
                t_string!(i18n, calendar.name).to_string(),
                t_string!(i18n, calendar.contact).to_string(),
                t_string!(i18n, community.status).to_string(),
            ]
        >
            {rows}
        </ScrollTable>
    }
}

#[component]
fn AttendanceForm(activity: Activity) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RecordAttendance>::new();
    let error = last_error(action);
    let known = activity.attendance.clone();
    let number = |n: Option<u32>| Signal::stored(n.map(|n| n.to_string()).unwrap_or_default());
    view! {
        <h2>{t!(i18n, community.attendance_title)}</h2>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="activity" value=activity.id.clone() />
            <TextField
                id="attended"
                name="input[attended]"
                kind="number"
                value=number(known.as_ref().map(|a| a.attended))
                hint=Signal::derive(move || t_string!(i18n, community.attended_hint).to_string())
                error
            >
                {t!(i18n, community.attended)}
            </TextField>
            <TextField
                id="walk_ins"
                name="input[walk_ins]"
                kind="number"
                value=number(known.as_ref().map(|a| a.walk_ins))
                error
            >
                {t!(i18n, community.walk_ins)}
            </TextField>
            <TextField
                id="outcome"
                name="input[outcome]"
                kind="number"
                value=number(known.as_ref().and_then(|a| a.outcome))
                hint=Signal::derive(move || t_string!(i18n, community.outcome_hint).to_string())
                error
            >
                {t!(i18n, community.outcome)}
            </TextField>
            <TextArea
                id="evaluation"
                name="input[evaluation]"
                value=known.map(|a| a.evaluation).unwrap_or_default()
                rows=3
                error
            >
                {t!(i18n, community.evaluation)}
            </TextArea>
            <button type="submit" class="button">{t!(i18n, community.attendance_save)}</button>
        </ActionForm>
    }
}
