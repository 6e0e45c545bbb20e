//! `/pracownik/sprawy` (the inbox) and `/pracownik/sprawy/:id` (one case).

use super::case_views::{Due, PersonFacts};
use super::decision::RecordDelivery;
use super::forwarding::{ForwardCase, ForwardTarget};
use super::handling::*;
use super::model::*;
use super::recognition::{RecognitionPlace, RecordRecognition};
use crate::applications::case_views::{
    AttachmentItems, DecisionItems, ForwardingItems, RequestState, TimelineEntry,
};
use crate::applications::{ApplicationStatus, Channel};
use crate::components::choice::{Choice, coded_options};
use crate::components::form::{ErrorSummary, TextArea, TextField, last_error};
use crate::components::page::{PageTitle, page_failure};
use crate::components::pagination::Pagination;
use crate::components::table::ScrollTable;
use crate::domain::{Labelled, date_display, warsaw_display};
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use leptos_router::params::ParamsMap;

fn inbox_query(params: &ParamsMap) -> InboxQuery {
    let get = |key: &str| params.get(key).unwrap_or_default();
    InboxQuery {
        q: get("q"),
        status: get("status"),
        service: get("service"),
        programme: get("programme"),
        coordinator: get("coordinator"),
        channel: get("channel"),
        deadline: get("deadline"),
        sort: get("sort"),
        page: get("page").parse().unwrap_or(1).max(1),
    }
}

#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| inbox_query(&params.read()));
    let data = Resource::new(move || query.get(), load_inbox);
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, inbox.title).to_string()) />
        <h1>{t!(i18n, inbox.title)}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => page_failure(error, "/pracownik/sprawy"),
                    Ok(page) => view! { <Inbox page query=query.get_untracked() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Inbox(page: InboxPage, query: InboxQuery) -> impl IntoView {
    let i18n = use_i18n();
    let statuses = coded_options(&ApplicationStatus::ALL[1..], ApplicationStatus::code, |s| {
        s.label(i18n)
    });
    let channels = coded_options(&Channel::ALL, Channel::code, |c| c.label(i18n));
    let mut coordinators = vec![
        ("me".to_owned(), t_string!(i18n, inbox.mine).to_string()),
        (
            "none".to_owned(),
            t_string!(i18n, inbox.unassigned).to_string(),
        ),
    ];
    coordinators.extend(page.coordinators);
    let deadlines = vec![
        (
            "overdue".to_owned(),
            t_string!(i18n, inbox.overdue).to_string(),
        ),
        (
            "week".to_owned(),
            t_string!(i18n, inbox.due_this_week).to_string(),
        ),
    ];
    let sorts = vec![
        (
            "newest".to_owned(),
            t_string!(i18n, inbox.sort_newest).to_string(),
        ),
        (
            "number".to_owned(),
            t_string!(i18n, inbox.sort_number).to_string(),
        ),
    ];
    let today = page.today;
    let total = page.total;
    let rows = page
        .rows
        .into_iter()
        .map(|row| {
            let clock = row.deadlines;
            view! {
                <tr>
                    <th scope="row">
                        <a href=format!("/pracownik/sprawy/{}", row.id)>{row.case_number}</a>
                    </th>
                    <td>{row.person}</td>
                    <td>{row.services.join(", ")}</td>
                    <td>{date_display(clock.registered_on)} <br /> {row.channel.label(i18n)}</td>
                    <td>
                        <Due due=clock.decision_due today open=row.open />
                    </td>
                    <td>
                        {row
                            .coordinator
                            .unwrap_or_else(|| t_string!(i18n, inbox.unassigned).to_string())}
                        {row.path.map(|p| view! { <br /> {p.label(i18n)} })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let href_query = query.clone();
    view! {
        <form method="get" class="form inbox-filters" role="search">
            <div class="field">
                <label for="q">{t!(i18n, inbox.search)}</label>
                <p class="hint" id="q-hint">{t!(i18n, inbox.search_hint)}</p>
                <input id="q" name="q" type="search" value=query.q.clone() aria-describedby="q-hint" />
            </div>
            <Choice
                name="status"
                label=t_string!(i18n, inbox.status).to_string()
                selected=query.status.clone()
                options=statuses
            />
            <Choice
                name="deadline"
                label=t_string!(i18n, inbox.deadline).to_string()
                selected=query.deadline.clone()
                options=deadlines
            />
            <Choice
                name="coordinator"
                label=t_string!(i18n, inbox.coordinator).to_string()
                selected=query.coordinator.clone()
                options=coordinators
            />
            <Choice
                name="programme"
                label=t_string!(i18n, inbox.programme).to_string()
                selected=query.programme.clone()
                options=page.programmes
            />
            <Choice
                name="service"
                label=t_string!(i18n, inbox.service).to_string()
                selected=query.service.clone()
                options=page.services
            />
            <Choice
                name="channel"
                label=t_string!(i18n, inbox.channel).to_string()
                selected=query.channel.clone()
                options=channels
            />
            <Choice
                name="sort"
                label=t_string!(i18n, inbox.sort).to_string()
                selected=query.sort.clone()
                options=sorts
            />
            <button type="submit" class="button">{t!(i18n, inbox.show)}</button>
        </form>
        <p role="status" class="results-count">{t!(i18n, counts.cases, count = move || i32::try_from(total).unwrap_or(i32::MAX))}</p>
        <ScrollTable
            id="inbox-caption"
            caption=t_string!(i18n, inbox.title).to_string()
            caption_hidden=true
            headings=vec![
                t_string!(i18n, inbox.case_number).to_string(),
                t_string!(i18n, inbox.person).to_string(),
                t_string!(i18n, inbox.services).to_string(),
                t_string!(i18n, inbox.registered).to_string(),
                t_string!(i18n, inbox.decision_due).to_string(),
                t_string!(i18n, inbox.handling).to_string(),
            ]
        >
            {rows}
        </ScrollTable>
        <p class="hint">{t!(i18n, inbox.today)} " " {date_display(today)}</p>
        <Pagination
            page=page.page
            pages=page.pages
            href=move |n| format!("/pracownik/sprawy{}", href_query.with_page(n))
        />
    }
}

#[component]
pub fn StaffCasePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let assign = ServerAction::<AssignCase>::new();
    let path = ServerAction::<ChoosePath>::new();
    let note = ServerAction::<AddCaseNote>::new();
    let delivery = ServerAction::<RecordDelivery>::new();
    let recognition = ServerAction::<RecordRecognition>::new();
    let forward = ServerAction::<ForwardCase>::new();
    let case = Resource::new(
        move || {
            (
                id(),
                assign.version().get(),
                path.version().get(),
                note.version().get(),
                delivery.version().get(),
                recognition.version().get(),
                forward.version().get(),
            )
        },
        |(id, ..)| load_staff_case(id),
    );
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, inbox.case_title).to_string()) />
        <Suspense>
            {move || Suspend::new(async move {
                match case.await {
                    Err(error) => page_failure(error, &format!("/pracownik/sprawy/{}", id())),
                    Ok(case) => {
                        view! { <CaseView case assign path note delivery recognition forward /> }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn CaseView(
    case: StaffCase,
    assign: ServerAction<AssignCase>,
    path: ServerAction<ChoosePath>,
    note: ServerAction<AddCaseNote>,
    delivery: ServerAction<RecordDelivery>,
    recognition: ServerAction<RecordRecognition>,
    forward: ServerAction<ForwardCase>,
) -> impl IntoView {
    let i18n = use_i18n();
    let a = case.application.clone();
    let id = a.id.clone();
    let version = case.programme_version;
    let number = a.case_number.clone().unwrap_or_default();
    let open = case.awaiting;
    let waiting_rule = if case.waiting_keeps_deadline {
        t_string!(i18n, inbox.waiting_keeps_deadline).to_string()
    } else {
        t_string!(i18n, inbox.waiting_settles_deadline).to_string()
    };
    let services = case
        .services
        .iter()
        .map(|s| {
            let link = if s.status == crate::applications::RequestStatus::Requested && case.may_act
            {
                t_string!(i18n, qualify.open)
            } else {
                t_string!(i18n, qualify.details)
            };
            view! {
                <tr>
                    <th scope="row">{s.name.clone()}</th>
                    <td><RequestState request=s.clone() /></td>
                    <td>
                        <a href=format!("/pracownik/sprawy/{}/uslugi/{}", id, s.service_id)>
                            {link} <span class="visually-hidden">{format!(" — {}", s.name)}</span>
                        </a>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let notes = case
        .notes
        .iter()
        .map(|n| {
            view! {
                <li>
                    <time datetime=n.at.to_rfc3339()>{warsaw_display(n.at)}</time>
                    " · " {n.author.clone()}
                    <p class="note-body">{n.body.clone()}</p>
                </li>
            }
        })
        .collect_view();
    let duplicates = (!case.same_pesel.is_empty()).then(|| {
        let links = case
            .same_pesel
            .iter()
            .map(|(number, other)| {
                view! { <li><a href=format!("/pracownik/sprawy/{other}")>{number.clone()}</a></li> }
            })
            .collect_view();
        view! {
            <div class="notice notice--warning" role="note">
                <p>{t!(i18n, inbox.same_pesel)}</p>
                <ul>{links}</ul>
            </div>
        }
    });
    let clock = case.deadlines.map(|clock| {
        let today = case.today;
        view! {
            <section aria-labelledby="clock-heading" class="panel">
                <h2 id="clock-heading">{t!(i18n, inbox.clock)}</h2>
                <dl class="facts">
                    <dt>{t!(i18n, inbox.registered)}</dt>
                    <dd>{date_display(clock.registered_on)}</dd>
                    <dt>{t!(i18n, inbox.days_since)}</dt>
                    <dd>{clock.days_since}</dd>
                    <dt>{t!(i18n, inbox.plan_due)}</dt>
                    <dd><Due due=clock.plan_due today open /></dd>
                    <dt>{t!(i18n, inbox.decision_due)}</dt>
                    <dd><Due due=clock.decision_due today open /></dd>
                    <dt>{t!(i18n, inbox.waiting_rule)}</dt>
                    <dd>{waiting_rule}</dd>
                </dl>
            </section>
        }
    });
    let undelivered: Vec<_> = case
        .decisions
        .iter()
        .filter(|d| d.delivered_on.is_none())
        .map(|d| (d.id.clone(), d.number.clone()))
        .collect();
    let delivery = (case.may_act && !undelivered.is_empty())
        .then(|| view! { <DeliveryForm id=id.clone() decisions=undelivered action=delivery /> });
    let handling = case.handling.clone();
    let actions = view! {
        <AssignForm
            id=id.clone()
            handling=handling.clone()
            coordinators=case.coordinators.clone()
            may_assign_others=case.may_assign_others
            action=assign
        />
        {case.may_act.then(|| view! {
            <PathForm id=id.clone() handling=handling.clone() action=path />
            <NoteForm id=id.clone() action=note />
        })}
        {(case.may_act && open).then(|| {
            let services = case
                .services
                .iter()
                .filter(|s| s.status == crate::applications::RequestStatus::Requested)
                .map(|s| (s.service_id.clone(), s.name.clone()))
                .collect::<Vec<_>>();
            view! { <ForwardForm id=id.clone() services action=forward /> }
        })}
    };
    view! {
        <h1>{t!(i18n, inbox.case_title)} " " {number}</h1>
        <p>
            {a.status.label(i18n)} " · " {case.programme_name.clone()} " "
            {t!(i18n, inbox.version, version = move || version)}
        </p>
        {duplicates}
        {clock}
        <section aria-labelledby="person-heading">
            <h2 id="person-heading">{t!(i18n, inbox.person)}</h2>
            <PersonFacts person=a.subject.clone() />
            {a.needs_applicant().then(|| view! {
                <h3>{t!(i18n, inbox.applicant)}</h3>
                <PersonFacts person=a.applicant.clone() />
            })}
        </section>
        <section aria-labelledby="services-heading">
            <h2 id="services-heading">{t!(i18n, inbox.services)}</h2>
            <table class="table">
                <caption class="visually-hidden">{t!(i18n, inbox.services)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, cases.service)}</th>
                        <th scope="col">{t!(i18n, cases.status)}</th>
                        <th scope="col">{t!(i18n, cases.actions)}</th>
                    </tr>
                </thead>
                <tbody>{services}</tbody>
            </table>
        </section>
        <section aria-labelledby="handling-heading">
            <h2 id="handling-heading">{t!(i18n, inbox.handling)}</h2>
            <dl class="facts">
                <dt>{t!(i18n, inbox.coordinator)}</dt>
                <dd>{handling.coordinator.clone().unwrap_or_else(|| t_string!(i18n, inbox.unassigned).to_string())}</dd>
                <dt>{t!(i18n, inbox.path)}</dt>
                <dd>{handling.path.map(|p| p.label(i18n).to_string()).unwrap_or_else(|| t_string!(i18n, inbox.path_none).to_string())}</dd>
            </dl>
            {actions}
        </section>
        {(handling.path == Some(CasePath::Plan) || case.plan.is_some()).then(|| view! {
            <CasePlan id=id.clone() plan=case.plan.clone() may_act=case.may_act />
        })}
        <section aria-labelledby="recognition-heading">
            <h2 id="recognition-heading">{t!(i18n, recognition.heading)}</h2>
            <Recognitions id=id.clone() recognitions=case.recognitions.clone() />
            {case.may_act.then(|| view! { <RecognitionForm id=id.clone() action=recognition /> })}
        </section>
        <section aria-labelledby="documents-heading">
            <h2 id="documents-heading">{t!(i18n, cases.documents)}</h2>
            <ul>
                <li>
                    <a href=format!("/wnioski/{}/potwierdzenie.pdf", id) rel="external">
                        {t!(i18n, inbox.receipt)}
                    </a>
                </li>
                <AttachmentItems id=id.clone() attachments=case.attachments.clone() />
                <DecisionItems id=id.clone() decisions=case.decisions.clone() />
                <ForwardingItems id=id.clone() forwardings=case.forwardings.clone() />
            </ul>
            {delivery}
        </section>
        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t!(i18n, cases.timeline)}</h2>
            <ol class="timeline">
                {case
                    .events
                    .clone()
                    .into_iter()
                    .map(|e| view! { <TimelineEntry event=e.event actor=e.actor internal=!e.public /> })
                    .collect_view()}
            </ol>
        </section>
        <section aria-labelledby="notes-heading">
            <h2 id="notes-heading">{t!(i18n, inbox.notes)}</h2>
            <ul class="notes">{notes}</ul>
        </section>
    }
}

#[component]
fn AssignForm(
    id: String,
    handling: Handling,
    coordinators: Vec<(String, String)>,
    may_assign_others: bool,
    action: ServerAction<AssignCase>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(action);
    let form = if may_assign_others {
        let current = handling.coordinator_id.clone().unwrap_or_default();
        view! {
            <ActionForm action attr:class="form form--inline">
                <input type="hidden" name="id" value=id />
                <div class="field">
                    <label for="coordinator">{t!(i18n, inbox.assign_to)}</label>
                    <select id="coordinator" name="coordinator">
                        <option value="">{t!(i18n, inbox.unassigned)}</option>
                        {coordinators
                            .into_iter()
                            .map(|(value, text)| {
                                let selected = value == current;
                                view! { <option value=value selected=selected>{text}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <button type="submit" class="button button--secondary">{t!(i18n, inbox.assign)}</button>
            </ActionForm>
        }
        .into_any()
    } else if handling.coordinator_id.is_none() {
        view! {
            <ActionForm action attr:class="form form--inline">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="coordinator" value="me" />
                <button type="submit" class="button button--secondary">{t!(i18n, inbox.take)}</button>
            </ActionForm>
        }
        .into_any()
    } else {
        ().into_any()
    };
    view! {
        <ErrorSummary error />
        {form}
    }
}

#[component]
fn PathForm(id: String, handling: Handling, action: ServerAction<ChoosePath>) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(action);
    let options = coded_options(&CasePath::ALL, CasePath::code, |p| p.label(i18n));
    let selected = handling
        .path
        .map(|p| p.code().to_owned())
        .unwrap_or_default();
    view! {
        <ActionForm action attr:class="form">
            <ErrorSummary error />
            <input type="hidden" name="id" value=id />
            <crate::components::form::Radios
                id="path"
                name="path"
                legend=t_string!(i18n, inbox.path).to_string()
                hint=t_string!(i18n, inbox.path_hint).to_string()
                options
                selected
                error
            />
            <crate::components::form::CheckboxField
                id="complicated"
                name="complicated"
                checked=handling.complicated
                error
            >
                {t!(i18n, inbox.complicated)}
            </crate::components::form::CheckboxField>
            <button type="submit" class="button button--secondary">{t!(i18n, inbox.save_path)}</button>
        </ActionForm>
    }
}

#[component]
fn NoteForm(id: String, action: ServerAction<AddCaseNote>) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(action);
    view! {
        <ActionForm action attr:class="form">
            <ErrorSummary error />
            <input type="hidden" name="id" value=id />
            <TextArea id="body" name="body" rows=3 error>
                {t!(i18n, inbox.note)}
            </TextArea>
            <button type="submit" class="button button--secondary">{t!(i18n, inbox.add_note)}</button>
        </ActionForm>
    }
}

/// The day a decision reached the party (the appeal deadline runs from it).
#[component]
fn DeliveryForm(
    id: String,
    decisions: Vec<(String, String)>,
    action: ServerAction<RecordDelivery>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(action);
    let options = decisions
        .into_iter()
        .map(|(value, number)| view! { <option value=value>{number}</option> })
        .collect_view();
    view! {
        <ActionForm action attr:class="form form--inline">
            <ErrorSummary error />
            <input type="hidden" name="id" value=id />
            <div class="field">
                <label for="decision">{t!(i18n, inbox.decision)}</label>
                <select id="decision" name="decision">{options}</select>
            </div>
            <TextField id="delivered_on" kind="date" error>
                {t!(i18n, inbox.delivered_on)}
            </TextField>
            <button type="submit" class="button button--secondary">{t!(i18n, inbox.record_delivery)}</button>
        </ActionForm>
    }
}

/// `/pracownik/rezygnacje`: the director's queue of resignations.
#[component]
pub fn ResignationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let queue = Resource::new(|| (), |_| load_resignations());
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, inbox.resignations).to_string()) />
        <h1>{t!(i18n, inbox.resignations)}</h1>
        <p>{t!(i18n, inbox.resignations_text)}</p>
        <Suspense>
            {move || Suspend::new(async move {
                match queue.await {
                    Err(error) => page_failure(error, "/pracownik/rezygnacje"),
                    Ok(queue) if queue.is_empty() => {
                        view! { <p>{t!(i18n, inbox.resignations_none)}</p> }.into_any()
                    }
                    Ok(queue) => {
                        let rows = queue
                            .into_iter()
                            .map(|r| {
                                view! {
                                    <tr>
                                        <td>
                                            <time datetime=r.event.at.to_rfc3339()>
                                                {warsaw_display(r.event.at)}
                                            </time>
                                        </td>
                                        <th scope="row">
                                            <a href=format!("/pracownik/sprawy/{}", r.application_id)>
                                                {r.case_number}
                                            </a>
                                        </th>
                                        <td>{r.event.service_name.unwrap_or_default()}</td>
                                        <td>{r.event.detail}</td>
                                    </tr>
                                }
                            })
                            .collect_view();
                        view! {
                            <table class="table">
                                <caption class="visually-hidden">{t!(i18n, inbox.resignations)}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{t!(i18n, inbox.resigned_at)}</th>
                                        <th scope="col">{t!(i18n, inbox.case_number)}</th>
                                        <th scope="col">{t!(i18n, cases.service)}</th>
                                        <th scope="col">{t!(i18n, inbox.reason)}</th>
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The recorded needs recognitions with their printable records.
#[component]
fn Recognitions(
    id: String,
    recognitions: Vec<super::recognition::NeedsRecognition>,
) -> impl IntoView {
    let i18n = use_i18n();
    if recognitions.is_empty() {
        return view! { <p>{t!(i18n, recognition.none)}</p> }.into_any();
    }
    recognitions
        .into_iter()
        .map(|r| {
            let place = match r.place_detail.as_str() {
                "" => r.place.label(i18n).to_string(),
                detail => format!("{}: {detail}", r.place.label(i18n)),
            };
            view! {
                <dl class="facts">
                    <dt>{t!(i18n, recognition.held_on)}</dt>
                    <dd>{date_display(r.held_on)} " · " {r.recorded_by.clone()}</dd>
                    <dt>{t!(i18n, recognition.place)}</dt>
                    <dd>{place}</dd>
                    <dt>{t!(i18n, recognition.participants)}</dt>
                    <dd>{r.participants.clone()}</dd>
                    <dt>{t!(i18n, recognition.needs)}</dt>
                    <dd class="note-body">{r.needs.clone()}</dd>
                    <dt>{t!(i18n, recognition.services_used)}</dt>
                    <dd class="note-body">{r.services_used.clone()}</dd>
                    <dt>{t!(i18n, recognition.proposal)}</dt>
                    <dd class="note-body">{r.proposal.clone()}</dd>
                </dl>
                <p>
                    <a href=format!("/wnioski/{}/rozpoznanie/{}.pdf", id, r.id) rel="external">
                        {t!(i18n, recognition.print)}
                    </a>
                </p>
            }
        })
        .collect_view()
        .into_any()
}

#[component]
fn RecognitionForm(id: String, action: ServerAction<RecordRecognition>) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(action);
    let places = coded_options(&RecognitionPlace::ALL, RecognitionPlace::code, |p| {
        p.label(i18n)
    });
    let draft = format!("recognition-{id}");
    view! {
        <h3>{t!(i18n, recognition.record)}</h3>
        <p>{t!(i18n, recognition.record_text)}</p>
        <ActionForm action attr:class="form" attr:data-draft=draft>
            <ErrorSummary error />
            <input type="hidden" name="id" value=id />
            <TextField id="held_on" name="form[held_on]" kind="date" error>
                {t!(i18n, recognition.held_on)}
            </TextField>
            <crate::components::form::Radios
                id="place"
                name="form[place]"
                legend=t_string!(i18n, recognition.place).to_string()
                options=places
                selected=""
                error
            />
            <TextField id="place_detail" name="form[place_detail]" error>
                {t!(i18n, recognition.place_detail)}
            </TextField>
            <TextArea id="participants" name="form[participants]" rows=2 error>
                {t!(i18n, recognition.participants)}
            </TextArea>
            <TextArea id="needs" name="form[needs]" error>
                {t!(i18n, recognition.needs)}
            </TextArea>
            <TextArea id="services_used" name="form[services_used]" rows=2 error>
                {t!(i18n, recognition.services_used)}
            </TextArea>
            <TextArea id="proposal" name="form[proposal]" rows=3 error>
                {t!(i18n, recognition.proposal)}
            </TextArea>
            <button type="submit" class="button button--secondary">{t!(i18n, recognition.save)}</button>
        </ActionForm>
    }
}

/// Forwards the application, or one service of it, with a letter to the resident.
#[component]
fn ForwardForm(
    id: String,
    services: Vec<(String, String)>,
    action: ServerAction<ForwardCase>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(action);
    let targets = coded_options(&ForwardTarget::ALL, ForwardTarget::code, |t| t.label(i18n));
    let mut what = vec![(String::new(), t_string!(i18n, forwarding.whole).to_string())];
    what.extend(services);
    let draft = format!("forwarding-{id}");
    view! {
        <h3>{t!(i18n, forwarding.heading)}</h3>
        <p>{t!(i18n, forwarding.text)}</p>
        <ActionForm action attr:class="form" attr:data-draft=draft>
            <ErrorSummary error />
            <input type="hidden" name="id" value=id />
            <crate::components::form::Radios
                id="service"
                name="form[service]"
                legend=t_string!(i18n, forwarding.what).to_string()
                options=what
                selected=""
                error
            />
            <crate::components::form::Radios
                id="target"
                name="form[target]"
                legend=t_string!(i18n, forwarding.target).to_string()
                options=targets
                selected=""
                error
            />
            <TextField id="recipient" name="form[recipient]" error>
                {t!(i18n, forwarding.recipient)}
            </TextField>
            <TextArea id="reason" name="form[reason]" rows=3 error>
                {t!(i18n, forwarding.reason)}
            </TextArea>
            <button type="submit" class="button button--secondary">{t!(i18n, forwarding.submit)}</button>
        </ActionForm>
    }
}

/// The case's individual plan: a link to it, or the form that starts it.
#[component]
fn CasePlan(id: String, plan: Option<crate::ipus::PlanSummary>, may_act: bool) -> impl IntoView {
    use crate::ipus::plans::StartPlan;
    let i18n = use_i18n();
    let action = ServerAction::<StartPlan>::new();
    let error = last_error(action);
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(plan_id)) = action.value().get() {
            navigate(&format!("/pracownik/plany/{plan_id}"), Default::default());
        }
    });
    let body = match plan {
        Some(plan) => view! {
            <p>
                <a href=format!("/pracownik/plany/{}", plan.id)>{plan.number.clone()}</a>
                " · " {t!(i18n, plans.version)} " " {plan.version} " · " {plan.state.label(i18n)}
            </p>
        }
        .into_any(),
        None => may_act
            .then(|| {
                view! {
                    <p>{t!(i18n, plans.start_text)}</p>
                    <ActionForm action attr:class="form">
                        <ErrorSummary error />
                        <input type="hidden" name="id" value=id />
                        <button type="submit" class="button">{t!(i18n, plans.start_plan)}</button>
                    </ActionForm>
                }
            })
            .into_any(),
    };
    view! {
        <section aria-labelledby="plan-heading">
            <h2 id="plan-heading">{t!(i18n, plans.title)}</h2>
            {body}
        </section>
    }
}
