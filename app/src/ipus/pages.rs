//! `/pracownik/plany/:id`: the individual plan — section A from the case, the draft as a form
//! (sections B–E), submitting it, the approver's decision, updates, the versions and what changed
//! between them.

use super::model::{Plan, PlanVersion, plan_pdf_href};
use super::monitoring::*;
use super::participation_pages::{PlanParticipationView, activity_options};
use super::plans::*;
use super::rules::*;
use crate::cases::case_views::{Due, PersonFacts};
use crate::components::choice::coded_options;
use crate::components::form::{
    CheckboxField, ErrorSummary, Radios, SelectField, TextArea, TextField, last_error, successes,
};
use crate::components::page::{PageTitle, page_failure};
use crate::components::table::ScrollTable;
use crate::domain::{Labelled, date_display, warsaw_display};
use crate::error::AppError;
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_params_map;

/// The plan page's actions; the page reloads after each success.
#[derive(Clone, Copy)]
struct PlanActions {
    save: ServerAction<SavePlan>,
    submit: ServerAction<SubmitPlan>,
    decide: ServerAction<DecidePlan>,
    update: ServerAction<StartPlanUpdate>,
    move_plan: ServerAction<MovePlanToProgramme>,
    entry: ServerAction<AddPlanEntry>,
    close: ServerAction<ClosePlan>,
    follow_up: ServerAction<RecordFollowUp>,
    sign_up: ServerAction<super::plans::SignUpFromPlan>,
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let actions = PlanActions {
        save: ServerAction::new(),
        submit: ServerAction::new(),
        decide: ServerAction::new(),
        update: ServerAction::new(),
        move_plan: ServerAction::new(),
        entry: ServerAction::new(),
        close: ServerAction::new(),
        follow_up: ServerAction::new(),
        sign_up: ServerAction::new(),
    };
    let done = [
        successes(actions.save),
        successes(actions.submit),
        successes(actions.decide),
        successes(actions.update),
        successes(actions.move_plan),
        successes(actions.entry),
        successes(actions.close),
        successes(actions.follow_up),
        successes(actions.sign_up),
    ];
    let plan = Resource::new(
        move || (id(), done.map(|count| count.get())),
        |(id, _)| load_plan(id),
    );
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, plans.title).to_string()) />
        // A transition keeps the page (and the focus) while it reloads after an action.
        <Transition>
            {move || Suspend::new(async move {
                match plan.await {
                    Err(error) => page_failure(error, &format!("/pracownik/plany/{}", id())),
                    Ok(details) => view! { <PlanView details actions /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn PlanView(details: PlanDetails, actions: PlanActions) -> impl IntoView {
    let i18n = use_i18n();
    let plan = details.plan.clone();
    let latest = plan.versions.last().cloned();
    let current = latest.clone().map(|version| {
        let editable = version.state == VersionState::Draft && details.may_edit;
        if editable {
            view! {
                <PlanEditor details=details.clone() version=version.clone() actions />
                <SubmitForm id=plan.id.clone() version=version.version action=actions.submit />
            }
            .into_any()
        } else {
            view! { <VersionContent version=version.clone() people=details.people.clone() /> }
                .into_any()
        }
    });
    let decide = (details.may_decide).then(|| latest.clone()).flatten().map(
        |v| view! { <DecideForm id=plan.id.clone() version=v.version action=actions.decide /> },
    );
    let update = (details.may_edit
        && details.closure.is_none()
        && plan.pending().is_none()
        && plan.approved().is_some())
    .then(|| view! { <UpdateForm id=plan.id.clone() action=actions.update /> });
    let move_plan = details
        .programme_successor
        .clone()
        .filter(|_| update.is_some())
        .map(|to| view! { <MoveForm id=plan.id.clone() to action=actions.move_plan /> });
    let state = latest.as_ref().map(|v| {
        format!(
            "{} {} · {}",
            t_string!(i18n, plans.version),
            v.version,
            v.state.label(i18n)
        )
    });
    view! {
        <nav aria-label=move || t_string!(i18n, catalogue.breadcrumb).to_string() class="breadcrumb">
            <a href=format!("/pracownik/sprawy/{}", plan.application_id)>
                {t!(i18n, inbox.case_title)} " " {details.case_number.clone()}
            </a>
        </nav>
        <h1>{t!(i18n, plans.title)} " " {plan.number.clone()}</h1>
        <p class="plan-state">{state}</p>
        {details.drafting_due.map(|due| view! {
            <section aria-labelledby="drafting-heading" class="panel">
                <h2 id="drafting-heading">{t!(i18n, plans.drafting_heading)}</h2>
                <p>
                    {t!(i18n, plans.drafting_due)} " "
                    <Due due today=details.today open=true />
                </p>
                {(details.today > due).then(|| view! { <p>{t!(i18n, plans.drafting_overdue)}</p> })}
            </section>
        })}
        <SectionA details=details.clone() />
        {current}
        {decide}
        {move_plan}
        {update}
        {latest.clone().map(|version| view! {
            <PlanParticipationView
                plan_id=plan.id.clone()
                activities=version.content.activities
                participation=details.participation.clone()
                today=details.today
                may_edit=details.may_edit && plan.closed_at.is_none()
                action=actions.sign_up
            />
        })}
        <Monitoring details=details.clone() actions />
        <Versions plan=plan.clone() people=details.people.clone() />
        <VersionChanges plan />
    }
}

#[component]
fn SectionA(details: PlanDetails) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="section-a-heading">
            <h2 id="section-a-heading">{t!(i18n, plans.section_a)}</h2>
            <PersonFacts person=details.subject.clone() />
            {details.representative.clone().map(|(role, person)| view! {
                <h3>{role.label(i18n)}</h3>
                <PersonFacts person />
            })}
            <dl class="facts">
                <dt>{t!(i18n, inbox.coordinator)}</dt>
                <dd>{details.coordinator.clone().unwrap_or_else(|| t_string!(i18n, inbox.unassigned).to_string())}</dd>
            </dl>
        </section>
    }
}

/// The draft as a form: sections B–E, the agreement and the reason for a delay.
#[component]
fn PlanEditor(details: PlanDetails, version: PlanVersion, actions: PlanActions) -> impl IntoView {
    let i18n = use_i18n();
    let (save, submit) = (actions.save, actions.submit);
    let (save_error, submit_error) = (last_error(save), last_error(submit));
    // The error of whichever was sent last (without JavaScript only one of them has one).
    let error = Signal::derive(move || {
        let (saves, submits) = (save.version().get(), submit.version().get());
        if saves > submits {
            save_error.get()
        } else if submits > saves {
            submit_error.get()
        } else {
            submit_error.get().or_else(|| save_error.get())
        }
    });
    let content = version.content.clone();
    // The plan's services, then qualified services not in it yet (left out while without units).
    let mut rows = content.services.clone();
    for (service_id, name) in &details.services {
        if !rows.iter().any(|s| &s.service_id == service_id) {
            rows.push(PlannedService {
                service_id: service_id.clone(),
                name: name.clone(),
                ..Default::default()
            });
        }
    }
    let services = rows
        .into_iter()
        .enumerate()
        .map(|(i, service)| {
            let offers = details
                .offers
                .iter()
                .filter(|o| o.service_id == service.service_id)
                .map(|o| (o.provider_id.clone(), o.provider_name.clone()))
                .collect();
            view! { <ServiceRow i service offers error /> }
        })
        .collect_view();
    let mut activities = content.activities.clone();
    activities.extend([SupportingActivity::default(), SupportingActivity::default()]);
    let choices = activity_options(&details.participation.calendar);
    let activities = activities
        .into_iter()
        .enumerate()
        .map(|(i, activity)| {
            let choices = choices.clone();
            view! { <ActivityRow i activity choices error /> }
        })
        .collect_view();
    let period = content.period;
    let draft = format!("plan-{}-{}", details.plan.id, version.version);
    view! {
        <section aria-labelledby="editor-heading">
            <h2 id="editor-heading">{t!(i18n, plans.editor_heading)}</h2>
            <ActionForm
                action=save
                attr:class="form plan-form"
                attr:data-draft=draft
            >
                {move || matches!(save.value().get(), Some(Ok(_))).then(|| view! {
                    <p class="notice" role="status">{t!(i18n, plans.saved)}</p>
                })}
                <ErrorSummary error />
                <input type="hidden" name="id" value=details.plan.id.clone() />
                <input type="hidden" name="version" value=version.version />
                <fieldset>
                    <legend>{t!(i18n, plans.section_b)}</legend>
                    <TextField id="start" name="form[start]" kind="date" value=period.start.to_string() error>
                        {t!(i18n, plans.start)}
                    </TextField>
                    <TextField id="end" name="form[end]" kind="date" value=period.end.to_string()
                        hint=Signal::derive(move || t_string!(i18n, plans.period_hint).to_string()) error>
                        {t!(i18n, plans.end)}
                    </TextField>
                </fieldset>
                <h3 id="services" tabindex="-1">{t!(i18n, plans.section_cd)}</h3>
                {services}
                <fieldset>
                    <legend>{t!(i18n, plans.section_e)}</legend>
                    {activities}
                </fieldset>
                <TextArea id="expected_effects" name="form[expected_effects]" value=content.expected_effects.clone() error>
                    {t!(i18n, plans.expected_effects)}
                </TextArea>
                <TextField id="quality_checks" name="form[quality_checks]" value=content.quality_checks.clone()
                    hint=Signal::derive(move || t_string!(i18n, plans.quality_hint).to_string()) error>
                    {t!(i18n, plans.quality_checks)}
                </TextField>
                <TextField id="quality_every" name="form[quality_every]"
                    value=content.quality_frequency.every.to_string() error>
                    {t!(i18n, plans.quality_every)}
                </TextField>
                <SelectField id="quality_unit" name="form[quality_unit]" options=frequency_units(i18n)
                    selected=content.quality_frequency.unit.code() error>
                    {t!(i18n, plans.quality_unit)}
                </SelectField>
                <TextField id="agreed_on" name="form[agreed_on]" kind="date"
                    value=version.agreed_on.map(|d| d.to_string()).unwrap_or_default()
                    hint=Signal::derive(move || t_string!(i18n, plans.agreed_hint).to_string()) error>
                    {t!(i18n, plans.agreed_on)}
                </TextField>
                <TextArea id="delay_reason" name="form[delay_reason]" value=version.delay_reason.clone() error>
                    {t!(i18n, plans.delay_reason)}
                </TextArea>
                <button type="submit" class="button">{t!(i18n, plans.save)}</button>
            </ActionForm>
        </section>
    }
}

/// One planned service (sections C and D) as rows of `form[services][i][…]`.
#[component]
fn ServiceRow(
    i: usize,
    service: PlannedService,
    offers: Vec<(String, String)>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let field = move |name: &str| format!("services[{i}].{name}");
    let name = move |name: &str| format!("form[services][{i}][{name}]");
    let units = if service.units == 0 {
        String::new()
    } else {
        service.units.to_string()
    };
    view! {
        <fieldset class="plan-service" id=field("service_id")>
            <legend>{service.name.clone()}</legend>
            <input type="hidden" name=name("service_id") value=service.service_id.clone() />
            <TextField id=field("units") name=name("units") value=units
                hint=Signal::derive(move || t_string!(i18n, plans.units_hint).to_string()) error>
                {t!(i18n, plans.units)}
            </TextField>
            <TextField id=field("schedule") name=name("schedule") value=service.schedule.clone()
                hint=Signal::derive(move || t_string!(i18n, plans.schedule_hint).to_string()) error>
                {t!(i18n, plans.schedule)}
            </TextField>
            <SelectField id=field("provider_id") name=name("provider_id") options=offers
                selected=service.provider_id.clone() error>
                {t!(i18n, plans.provider)}
            </SelectField>
            <TextField id=field("place") name=name("place") value=service.place.clone() error>
                {t!(i18n, plans.place)}
            </TextField>
            <TextField id=field("form") name=name("form") value=service.form.clone() error>
                {t!(i18n, plans.form)}
            </TextField>
        </fieldset>
    }
}

/// One supporting activity (section E); an empty row is left out.
#[component]
fn ActivityRow(
    i: usize,
    activity: SupportingActivity,
    /// The calendar's activities it can be.
    choices: Vec<(String, String)>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="plan-activity">
            <SelectField id=format!("activities[{i}].activity_id") name=format!("form[activities][{i}][activity_id]")
                options=choices selected=activity.activity_id.clone() error>
                {t!(i18n, plans.activity_from_calendar)} " " {i + 1}
            </SelectField>
            <TextField id=format!("activities[{i}].description") name=format!("form[activities][{i}][description]")
                value=activity.description.clone() error>
                {t!(i18n, plans.activity)} " " {i + 1}
            </TextField>
            <TextField id=format!("activities[{i}].by") name=format!("form[activities][{i}][by]")
                value=activity.by.clone() error>
                {t!(i18n, plans.activity_by)} " " {i + 1}
            </TextField>
        </div>
    }
}

#[component]
fn SubmitForm(id: String, version: u32, action: ServerAction<SubmitPlan>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="submit-heading">
            <h2 id="submit-heading">{t!(i18n, plans.submit_heading)}</h2>
            <p>{t!(i18n, plans.submit_text)}</p>
            <ActionForm action attr:class="form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="version" value=version />
                <button type="submit" class="button">{t!(i18n, plans.submit)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn DecideForm(id: String, version: u32, action: ServerAction<DecidePlan>) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(action);
    let options = vec![
        (
            "approve".to_owned(),
            t_string!(i18n, plans.approve).to_string(),
        ),
        (
            "return".to_owned(),
            t_string!(i18n, plans.return_plan).to_string(),
        ),
    ];
    view! {
        <section aria-labelledby="decide-heading">
            <h2 id="decide-heading">{t!(i18n, plans.decide_heading)}</h2>
            <ActionForm action attr:class="form">
                <ErrorSummary error />
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="version" value=version />
                <Radios id="decision" name="decision" legend=t_string!(i18n, plans.decision).to_string()
                    options selected="" error />
                <TextArea id="comments" name="comments" error>
                    {t!(i18n, plans.comments)}
                </TextArea>
                <button type="submit" class="button">{t!(i18n, plans.decide)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn UpdateForm(id: String, action: ServerAction<StartPlanUpdate>) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(action);
    view! {
        <section aria-labelledby="update-heading">
            <h2 id="update-heading">{t!(i18n, plans.update_heading)}</h2>
            <p>{t!(i18n, plans.update_text)}</p>
            <ActionForm action attr:class="form">
                <ErrorSummary error />
                <input type="hidden" name="id" value=id />
                <button type="submit" class="button">{t!(i18n, plans.update)}</button>
            </ActionForm>
        </section>
    }
}

/// Moving the plan onto the programme version that replaced its own.
#[component]
fn MoveForm(
    id: String,
    to: ProgrammeVersion,
    action: ServerAction<MovePlanToProgramme>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(action);
    view! {
        <section aria-labelledby="move-heading" class="panel">
            <h2 id="move-heading">{t!(i18n, plans.move_heading)}</h2>
            <p>
                {t!(i18n, plans.move_text, name = to.name.clone(), version = to.version)}
            </p>
            <ActionForm action attr:class="form">
                <ErrorSummary error />
                <input type="hidden" name="id" value=id />
                <button type="submit" class="button">
                    {t!(i18n, plans.move_plan, version = to.version)}
                </button>
            </ActionForm>
        </section>
    }
}

/// Sections B–E of a version as text.
#[component]
fn VersionContent(version: PlanVersion, people: Choices) -> impl IntoView {
    let i18n = use_i18n();
    let content = version.content;
    let services = content
        .services
        .iter()
        .map(|s| {
            view! {
                <tr>
                    <th scope="row">{s.name.clone()}</th>
                    <td>{s.units}</td>
                    <td>{s.schedule.clone()}</td>
                    <td>{s.provider_name.clone()}</td>
                    <td>{s.place.clone()}</td>
                    <td>{s.form.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let activities = content
        .activities
        .iter()
        .map(|a| view! { <li>{a.description.clone()} " — " {a.by.clone()}</li> })
        .collect_view();
    let no_activities = content.activities.is_empty();
    let decided_by = version
        .decided_by
        .as_deref()
        .map(|id| name_of(&people, id))
        .unwrap_or_default();
    view! {
        <section aria-labelledby="content-heading">
            <h2 id="content-heading">
                {t!(i18n, plans.version)} " " {version.version} " · " {version.state.label(i18n)}
            </h2>
            <h3>{t!(i18n, plans.section_b)}</h3>
            <p>{period_text(content.period)}</p>
            <h3>{t!(i18n, plans.section_cd)}</h3>
            <ScrollTable
                id="services-caption"
                caption=t_string!(i18n, plans.section_cd).to_string()
                caption_hidden=true
                headings=vec![
                    t_string!(i18n, plans.service).to_string(),
                    t_string!(i18n, plans.units).to_string(),
                    t_string!(i18n, plans.schedule).to_string(),
                    t_string!(i18n, plans.provider).to_string(),
                    t_string!(i18n, plans.place).to_string(),
                    t_string!(i18n, plans.form).to_string(),
                ]
            >
                {services}
            </ScrollTable>
            <h3>{t!(i18n, plans.section_e)}</h3>
            {if no_activities {
                view! { <p>{t!(i18n, plans.no_activities)}</p> }.into_any()
            } else {
                view! { <ul>{activities}</ul> }.into_any()
            }}
            <dl class="facts">
                <dt>{t!(i18n, plans.expected_effects)}</dt>
                <dd>{content.expected_effects.clone()}</dd>
                <dt>{t!(i18n, plans.quality_checks)}</dt>
                <dd>{content.quality_checks.clone()}</dd>
                <dt>{t!(i18n, plans.quality_frequency)}</dt>
                <dd>{frequency_text(i18n.get_locale(), content.quality_frequency)}</dd>
                <dt>{t!(i18n, plans.agreed_on)}</dt>
                <dd>{version.agreed_on.map(date_display).unwrap_or_default()}</dd>
                {(!version.delay_reason.is_empty()).then(|| view! {
                    <dt>{t!(i18n, plans.delay_reason)}</dt>
                    <dd>{version.delay_reason.clone()}</dd>
                })}
                {version.decided_on.map(|on| view! {
                    <dt>{t!(i18n, plans.decided)}</dt>
                    <dd>{date_display(on)} " · " {decided_by.clone()}</dd>
                })}
                {(!version.comments.is_empty()).then(|| view! {
                    <dt>{t!(i18n, plans.comments)}</dt>
                    <dd>{version.comments.clone()}</dd>
                })}
            </dl>
        </section>
    }
}

/// Every version: its state, who saved, submitted and decided it, the comments.
#[component]
fn Versions(plan: Plan, people: Choices) -> impl IntoView {
    let i18n = use_i18n();
    let rows = plan
        .versions
        .iter()
        .rev()
        .map(|v| {
            let submitted = v.submitted_at.map(|at| {
                let by = v.submitted_by.as_deref().map(|id| name_of(&people, id));
                format!("{} · {}", warsaw_display(at), by.unwrap_or_default())
            });
            let decided = v.decided_on.map(|on| {
                let by = v.decided_by.as_deref().map(|id| name_of(&people, id));
                format!("{} · {}", date_display(on), by.unwrap_or_default())
            });
            view! {
                <tr>
                    <th scope="row">{v.version}</th>
                    <td>{v.state.label(i18n)}</td>
                    <td>{warsaw_display(v.updated_at)} " · " {name_of(&people, &v.drafted_by)}</td>
                    <td>{submitted}</td>
                    <td>{decided}</td>
                    <td>{v.comments.clone()}</td>
                    <td>
                        <a href=plan_pdf_href(&plan.application_id, v.version) rel="external">
                            {t!(i18n, plans.pdf)}
                            <span class="visually-hidden">" — " {t!(i18n, plans.version)} " " {v.version}</span>
                        </a>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="versions-heading">
            <h2 id="versions-heading">{t!(i18n, plans.versions)}</h2>
            <ScrollTable
                id="versions-caption"
                caption=t_string!(i18n, plans.versions).to_string()
                caption_hidden=true
                headings=vec![
                    t_string!(i18n, plans.version).to_string(),
                    t_string!(i18n, plans.state).to_string(),
                    t_string!(i18n, plans.last_saved).to_string(),
                    t_string!(i18n, plans.submitted).to_string(),
                    t_string!(i18n, plans.decided).to_string(),
                    t_string!(i18n, plans.comments).to_string(),
                    t_string!(i18n, plans.document).to_string(),
                ]
            >
                {rows}
            </ScrollTable>
        </section>
    }
}

/// What changed from each version to the next, newest first.
#[component]
fn VersionChanges(plan: Plan) -> impl IntoView {
    let i18n = use_i18n();
    let pairs: Vec<_> = plan
        .versions
        .windows(2)
        .rev()
        .map(|pair| {
            (
                pair[0].version,
                pair[1].version,
                diff(&pair[0].content, &pair[1].content),
            )
        })
        .collect();
    (!pairs.is_empty()).then(|| {
        let lists = pairs
            .into_iter()
            .map(|(old, new, changes)| {
                let items = if changes.is_empty() {
                    view! { <li>{t!(i18n, plans.no_changes)}</li> }.into_any()
                } else {
                    changes
                        .iter()
                        .map(|c| view! { <li>{change_text(i18n, c)}</li> })
                        .collect_view()
                        .into_any()
                };
                view! {
                    <h3>{t!(i18n, plans.changes_between, new = move || new, old = move || old)}</h3>
                    <ul class="plan-changes">{items}</ul>
                }
            })
            .collect_view();
        view! {
            <section aria-labelledby="changes-heading">
                <h2 id="changes-heading">{t!(i18n, plans.changes)}</h2>
                {lists}
            </section>
        }
    })
}

pub fn period_text(period: PlanPeriod) -> String {
    format!(
        "{} – {}",
        date_display(period.start),
        date_display(period.end)
    )
}

/// One change in words: "Złota Rączka: liczba jednostek 10 → 20; …".
pub fn change_text(i18n: I18nContext<Locale>, change: &Change) -> String {
    let service = |s: &PlannedService| {
        format!(
            "{} ({} {})",
            s.name,
            s.units,
            t_string!(i18n, plans.units_short)
        )
    };
    let arrow = |label: String, from: &str, to: &str| format!("{label}: {from} → {to}");
    match change {
        Change::Period { from, to } => arrow(
            t_string!(i18n, plans.section_b).to_string(),
            &period_text(*from),
            &period_text(*to),
        ),
        Change::ServiceAdded(s) => {
            format!("{}: {}", t_string!(i18n, plans.service_added), service(s))
        }
        Change::ServiceRemoved(s) => {
            format!("{}: {}", t_string!(i18n, plans.service_removed), service(s))
        }
        Change::ServiceChanged { from, to } => {
            let fields = [
                (
                    t_string!(i18n, plans.units),
                    from.units.to_string(),
                    to.units.to_string(),
                ),
                (
                    t_string!(i18n, plans.schedule),
                    from.schedule.clone(),
                    to.schedule.clone(),
                ),
                (
                    t_string!(i18n, plans.provider),
                    from.provider_name.clone(),
                    to.provider_name.clone(),
                ),
                (
                    t_string!(i18n, plans.place),
                    from.place.clone(),
                    to.place.clone(),
                ),
                (
                    t_string!(i18n, plans.form),
                    from.form.clone(),
                    to.form.clone(),
                ),
            ];
            let parts: Vec<String> = fields
                .into_iter()
                .filter(|(_, old, new)| old != new)
                .map(|(label, old, new)| arrow(label.to_lowercase(), &old, &new))
                .collect();
            format!("{}: {}", to.name, parts.join("; "))
        }
        Change::ActivityAdded(a) => format!(
            "{}: {} — {}",
            t_string!(i18n, plans.activity_added),
            a.description,
            a.by
        ),
        Change::ActivityRemoved(a) => format!(
            "{}: {} — {}",
            t_string!(i18n, plans.activity_removed),
            a.description,
            a.by
        ),
        Change::ExpectedEffects { from, to } => arrow(
            t_string!(i18n, plans.expected_effects).to_string(),
            from,
            to,
        ),
        Change::QualityChecks { from, to } => {
            arrow(t_string!(i18n, plans.quality_checks).to_string(), from, to)
        }
        Change::Programme { from, to } => {
            let text = |p: &Option<ProgrammeVersion>| {
                p.as_ref().map_or_else(String::new, |p| {
                    format!(
                        "{} ({} {})",
                        p.name,
                        t_string!(i18n, plans.version),
                        p.version
                    )
                })
            };
            arrow(
                t_string!(i18n, plans.programme).to_string(),
                &text(from),
                &text(to),
            )
        }
        Change::QualityFrequency { from, to } => arrow(
            t_string!(i18n, plans.quality_frequency).to_string(),
            &frequency_text(i18n.get_locale(), *from),
            &frequency_text(i18n.get_locale(), *to),
        ),
    }
}

/// "co 2 tygodnie": how often the quality is checked, in `locale` (with its plural forms).
pub fn frequency_text(locale: Locale, frequency: CheckFrequency) -> String {
    let count = move || i32::try_from(frequency.every).unwrap_or(i32::MAX);
    let html = match frequency.unit {
        FrequencyUnit::Days => td!(locale, plans.every_days, count).into_view().to_html(),
        FrequencyUnit::Weeks => td!(locale, plans.every_weeks, count).into_view().to_html(),
        FrequencyUnit::Months => td!(locale, plans.every_months, count).into_view().to_html(),
    };
    // Hydration markers between text nodes are not part of the text.
    html.replace("<!>", "")
}

/// The units a quality-check frequency is counted in, for a `<select>`.
fn frequency_units(i18n: I18nContext<Locale>) -> Vec<(String, String)> {
    coded_options(&FrequencyUnit::ALL, FrequencyUnit::code, |u| u.label(i18n))
}

/// Monitoring while the approved plan runs, its closing (section F) and the follow-up (G).
#[component]
fn Monitoring(details: PlanDetails, actions: PlanActions) -> impl IntoView {
    let i18n = use_i18n();
    let approved = details.plan.approved().is_some();
    let running = details.plan.running().is_some();
    let id = details.plan.id.clone();
    let rows = details
        .entries
        .iter()
        .map(|e| {
            view! {
                <tr class:entry--problem=e.problem>
                    <td>{date_display(e.happened_on)}</td>
                    <td>{e.kind.label(i18n)}</td>
                    <td class="note-body">{e.body.clone()}</td>
                    <td>{e.problem.then(|| view! { <strong>{t!(i18n, plans.yes)}</strong> })}</td>
                    <td>{e.author.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let has_entries = !details.entries.is_empty();
    approved.then(|| view! {
        <section aria-labelledby="monitoring-heading">
            <h2 id="monitoring-heading">{t!(i18n, plans.monitoring)}</h2>
            {details.quality_check_due.map(|due| view! {
                <p>{t!(i18n, plans.quality_due)} ": " <Due due today=details.today open=true /></p>
            })}
            {if has_entries {
                view! {
                    <ScrollTable
                        id="entries-caption"
                        caption=t_string!(i18n, plans.monitoring).to_string()
                        caption_hidden=true
                        class="plan-entries"
                        headings=vec![
                            t_string!(i18n, plans.entry_day).to_string(),
                            t_string!(i18n, plans.entry_kind).to_string(),
                            t_string!(i18n, plans.entry_body).to_string(),
                            t_string!(i18n, plans.entry_problem).to_string(),
                            t_string!(i18n, plans.entry_author).to_string(),
                        ]
                    >
                        {rows}
                    </ScrollTable>
                }
                .into_any()
            } else {
                view! { <p>{t!(i18n, plans.entries_none)}</p> }.into_any()
            }}
            {(running && details.may_edit).then(|| view! {
                <EntryFormView id=id.clone() today=details.today action=actions.entry />
            })}
        </section>
        {(running && details.may_edit).then(|| view! {
            <ClosingFormView id=id.clone() today=details.today action=actions.close />
        })}
        {details.closure.clone().map(|closure| view! {
            <ClosureView closure=closure.clone() />
            <FollowUp id=id.clone() closure today=details.today may_edit=details.may_edit action=actions.follow_up />
        })}
    })
}

#[component]
fn EntryFormView(
    id: String,
    today: chrono::NaiveDate,
    action: ServerAction<AddPlanEntry>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(action);
    let kinds = EntryKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), k.label(i18n).to_string()))
        .collect();
    let draft = format!("entry-{id}");
    view! {
        <h3>{t!(i18n, plans.add_entry)}</h3>
        <ActionForm action attr:class="form" attr:data-draft=draft>
            <ErrorSummary error />
            <input type="hidden" name="id" value=id />
            <TextField id="happened_on" name="form[happened_on]" kind="date" value=today.to_string() error>
                {t!(i18n, plans.entry_day)}
            </TextField>
            <Radios id="kind" name="form[kind]" legend=t_string!(i18n, plans.entry_kind).to_string()
                options=kinds selected="" error />
            <TextArea id="body" name="form[body]" error>{t!(i18n, plans.entry_body)}</TextArea>
            <CheckboxField id="problem" name="form[problem]" error>{t!(i18n, plans.problem_flag)}</CheckboxField>
            <button type="submit" class="button">{t!(i18n, plans.save_entry)}</button>
        </ActionForm>
    }
}

#[component]
fn ClosingFormView(
    id: String,
    today: chrono::NaiveDate,
    action: ServerAction<ClosePlan>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(action);
    let reasons = vec![
        (
            "completed".to_owned(),
            t_string!(i18n, plans.reason_completed).to_string(),
        ),
        (
            "resignation".to_owned(),
            t_string!(i18n, plans.reason_resignation).to_string(),
        ),
    ];
    let draft = format!("closing-{id}");
    view! {
        <section aria-labelledby="closing-heading">
            <h2 id="closing-heading">{t!(i18n, plans.closing)}</h2>
            <p>{t!(i18n, plans.closing_text)}</p>
            <ActionForm action attr:class="form" attr:data-draft=draft>
                <ErrorSummary error />
                <input type="hidden" name="id" value=id />
                <TextField id="ended_on" name="form[ended_on]" kind="date" value=today.to_string() error>
                    {t!(i18n, plans.ended_on)}
                </TextField>
                <Radios id="reason" name="form[reason]" legend=t_string!(i18n, plans.reason).to_string()
                    options=reasons selected="" error />
                <TextField id="resignation" name="form[resignation]" error>{t!(i18n, plans.resignation)}</TextField>
                <TextField id="conversation_on" name="form[conversation_on]" kind="date" error>
                    {t!(i18n, plans.conversation_on)}
                </TextField>
                <TextArea id="course" name="form[course]" rows=6 error>{t!(i18n, plans.course)}</TextArea>
                <TextArea id="results" name="form[results]" rows=6 error>{t!(i18n, plans.results)}</TextArea>
                <button type="submit" class="button">{t!(i18n, plans.close)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn ClosureView(closure: Closure) -> impl IntoView {
    let i18n = use_i18n();
    let reason = if closure.resignation.is_empty() {
        t_string!(i18n, plans.reason_completed).to_string()
    } else {
        format!(
            "{}: {}",
            t_string!(i18n, plans.reason_resignation),
            closure.resignation
        )
    };
    view! {
        <section aria-labelledby="closure-heading">
            <h2 id="closure-heading">{t!(i18n, plans.closed)}</h2>
            <dl class="facts">
                <dt>{t!(i18n, plans.ended_on)}</dt>
                <dd>{date_display(closure.ended_on)}</dd>
                <dt>{t!(i18n, plans.reason)}</dt>
                <dd>{reason}</dd>
                {closure.conversation_on.map(|on| view! {
                    <dt>{t!(i18n, plans.conversation_on)}</dt>
                    <dd>{date_display(on)}</dd>
                })}
                <dt>{t!(i18n, plans.course)}</dt>
                <dd class="note-body">{closure.course.clone()}</dd>
                <dt>{t!(i18n, plans.results)}</dt>
                <dd class="note-body">{closure.results.clone()}</dd>
            </dl>
        </section>
    }
}

/// Section G: the follow-up's due day, its record, or the form once it is due.
#[component]
fn FollowUp(
    id: String,
    closure: Closure,
    today: chrono::NaiveDate,
    may_edit: bool,
    action: ServerAction<RecordFollowUp>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(action);
    let due = closure.follow_up_due;
    let record = closure.follow_up_on.map(|on| {
        view! {
            <dl class="facts">
                <dt>{t!(i18n, plans.follow_up_on)}</dt>
                <dd>{date_display(on)}</dd>
                <dt>{t!(i18n, plans.findings)}</dt>
                <dd class="note-body">{closure.follow_up_findings.clone()}</dd>
            </dl>
        }
    });
    let form = (may_edit && closure.follow_up_on.is_none() && today >= due).then(|| view! {
        <ActionForm action attr:class="form">
            <ErrorSummary error />
            <input type="hidden" name="id" value=id />
            <TextField id="held_on" name="form[held_on]" kind="date" value=today.to_string() error>
                {t!(i18n, plans.follow_up_on)}
            </TextField>
            <TextArea id="findings" name="form[findings]" rows=6 error>{t!(i18n, plans.findings)}</TextArea>
            <button type="submit" class="button">{t!(i18n, plans.save_follow_up)}</button>
        </ActionForm>
    });
    view! {
        <section aria-labelledby="follow-up-heading">
            <h2 id="follow-up-heading">{t!(i18n, plans.follow_up)}</h2>
            <p>
                {t!(i18n, plans.follow_up_due)} ": "
                <Due due today open=closure.follow_up_on.is_none() />
            </p>
            {record}
            {form}
        </section>
    }
}
