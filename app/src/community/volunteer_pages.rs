//! The volunteer pages: `/wolontariat` (the public offer form with the GDPR information),
//! `/wolontariat/:token` (a volunteer's own page: status, proposals to answer, hours and
//! documents), `/pracownik/wolontariusze` (the base) and `/pracownik/wolontariusze/:id` (one
//! volunteer: the decision, proposals, hours), and the matches shown on an activity's page.

use super::calendar_pages::when_text;
use super::volunteers::{
    AnswerAssignment, Assignment, AssignmentStatus, Availability, DecideVolunteer, MatchReason,
    MyVolunteering, OfferVolunteering, ProposeAssignment, RecordVolunteerHours, Skill, Volunteer,
    VolunteerFile, VolunteerStatus, hours_text, load_my_volunteering, load_volunteer,
    load_volunteer_matches, load_volunteers, total_minutes,
};
use crate::components::choice::coded_options;
use crate::components::form::{
    CheckboxField, Checkboxes, ErrorSummary, Radios, SelectField, TextArea, TextField, last_error,
};
use crate::components::page::{PageTitle, page_failure};
use crate::components::table::ScrollTable;
use crate::domain::{Labelled, date_display, warsaw_display};
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/wolontariat`.
#[component]
pub fn VolunteerOfferPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let action = ServerAction::<OfferVolunteering>::new();
    let error = last_error(action);
    let skills = coded_options(&Skill::ALL, Skill::code, |s| s.label(i18n));
    let times = coded_options(&Availability::ALL, Availability::code, |a| a.label(i18n));
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, volunteers.offer_title).to_string()) />
        <h1>{t!(i18n, volunteers.offer_title)}</h1>
        <p class="lead">{t!(i18n, volunteers.offer_lead)}</p>
        <Show when=move || query.read().get("juz").is_some()>
            <p class="notice" role="status">{t!(i18n, volunteers.already)}</p>
        </Show>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form">
            <TextField id="name" name="input[name]" autocomplete="name" error>{t!(i18n, volunteers.name)}</TextField>
            <TextField
                id="email"
                name="input[email]"
                kind="email"
                autocomplete="email"
                hint=Signal::derive(move || t_string!(i18n, volunteers.contact_hint).to_string())
                error
            >
                {t!(i18n, volunteers.email)}
            </TextField>
            <TextField id="phone" name="input[phone]" kind="tel" autocomplete="tel" error>{t!(i18n, volunteers.phone)}</TextField>
            <TextField
                id="birth_year"
                name="input[birth_year]"
                kind="number"
                hint=Signal::derive(move || t_string!(i18n, volunteers.birth_year_hint).to_string())
                error
            >
                {t!(i18n, volunteers.birth_year)}
            </TextField>
            <Checkboxes
                id="skills"
                name="input[skills]"
                legend=t_string!(i18n, volunteers.skills).to_string()
                options=skills
                checked=Vec::new()
                error
            />
            <Checkboxes
                id="availability"
                name="input[availability]"
                legend=t_string!(i18n, volunteers.availability).to_string()
                options=times
                checked=Vec::new()
                error
            />
            <TextField
                id="areas"
                name="input[areas]"
                hint=Signal::derive(move || t_string!(i18n, volunteers.areas_hint).to_string())
                error
            >
                {t!(i18n, volunteers.areas)}
            </TextField>
            <TextField id="languages" name="input[languages]" error>{t!(i18n, volunteers.languages)}</TextField>
            <CheckboxField id="driving_licence" name="input[driving_licence]" error>
                {t!(i18n, volunteers.driving_licence)}
            </CheckboxField>
            <TextArea id="about" name="input[about]" rows=3 error>{t!(i18n, volunteers.about)}</TextArea>
            <div class="honeypot">
                <label for="website">{t!(i18n, needs.honeypot)}</label>
                <input type="text" id="website" name="input[website]" tabindex="-1" autocomplete="off" />
            </div>
            <section aria-labelledby="gdpr-title" class="notice">
                <h2 id="gdpr-title">{t!(i18n, volunteers.gdpr_title)}</h2>
                <p>{t!(i18n, volunteers.gdpr_text)}</p>
            </section>
            <CheckboxField id="consent" name="input[consent]" error>{t!(i18n, volunteers.consent)}</CheckboxField>
            <button type="submit" class="button">{t!(i18n, volunteers.offer_send)}</button>
        </ActionForm>
    }
}

/// `/wolontariat/:token`.
#[component]
pub fn MyVolunteeringPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let data = Resource::new(
        move || (token.get(), query.read().get("odpowiedz")),
        |(token, _)| load_my_volunteering(token),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => page_failure(error, "/wolontariat"),
                    Ok(mine) => view! { <MyVolunteeringView mine token=token.get_untracked() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MyVolunteeringView(mine: MyVolunteering, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let MyVolunteering {
        volunteer,
        assignments,
    } = mine;
    let answer = ServerAction::<AnswerAssignment>::new();
    let error = last_error(answer);
    let total = total_minutes(&assignments);
    let approved = volunteer.status == VolunteerStatus::Approved;
    let agreement = format!("/wolontariat/{token}/porozumienie.pdf");
    let certificate = format!("/wolontariat/{token}/zaswiadczenie.pdf");
    let rows = assignments
        .into_iter()
        .map(|assignment| {
            let (yes_token, no_token) = (token.clone(), token.clone());
            let (yes_id, no_id) = (assignment.id.clone(), assignment.id.clone());
            let open = assignment.status == AssignmentStatus::Proposed;
            view! {
                <tr>
                    <td>{assignment.activity.title.clone()}</td>
                    <td>{when_text(assignment.activity.starts_at, assignment.activity.ends_at)}</td>
                    <td>{assignment.activity.place.clone()}</td>
                    <td>{assignment.status.label(i18n)}</td>
                    <td>{assignment.minutes.map(hours_text).unwrap_or_default()}</td>
                    <td>
                        {open.then(|| view! {
                            <ActionForm action=answer attr:class="inline-form">
                                <input type="hidden" name="token" value=yes_token />
                                <input type="hidden" name="assignment" value=yes_id />
                                <input type="hidden" name="answer" value="yes" />
                                <button type="submit" class="button">{t!(i18n, volunteers.confirm)}</button>
                            </ActionForm>
                            " "
                            <ActionForm action=answer attr:class="inline-form">
                                <input type="hidden" name="token" value=no_token />
                                <input type="hidden" name="assignment" value=no_id />
                                <input type="hidden" name="answer" value="no" />
                                <button type="submit" class="button button--secondary">{t!(i18n, volunteers.decline)}</button>
                            </ActionForm>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, volunteers.mine_title).to_string()) />
        <h1>{t!(i18n, volunteers.mine_title)}</h1>
        <Show when=move || query.read().get("odpowiedz").is_some()>
            <p class="notice notice--success" role="status">{t!(i18n, volunteers.answered)}</p>
        </Show>
        <ErrorSummary error />
        <dl class="facts">
            <dt>{t!(i18n, volunteers.name)}</dt>
            <dd>{volunteer.name.clone()}</dd>
            <dt>{t!(i18n, volunteers.status)}</dt>
            <dd>{volunteer.status.label(i18n)}</dd>
            <dt>{t!(i18n, volunteers.hours)}</dt>
            <dd>{hours_text(total)}</dd>
        </dl>
        <p>{t!(i18n, volunteers.mine_keep_link)}</p>
        {approved.then(|| view! {
            <ul class="links">
                <li><a href=agreement download>{t!(i18n, volunteers.agreement_pdf)}</a></li>
                {(total > 0).then(|| view! {
                    <li><a href=certificate download>{t!(i18n, volunteers.certificate_pdf)}</a></li>
                })}
            </ul>
        })}
        <ScrollTable
            id="my-assignments-caption"
            caption=t_string!(i18n, volunteers.assignments).to_string()
            headings=vec![
                t_string!(i18n, community.activity_title).to_string(),
                t_string!(i18n, community.when).to_string(),
                t_string!(i18n, community.activity_place).to_string(),
                t_string!(i18n, community.status).to_string(),
                t_string!(i18n, volunteers.hours).to_string(),
                t_string!(i18n, osl_map.actions).to_string(),
            ]
        >
            {rows}
        </ScrollTable>
    }
}

/// `/pracownik/wolontariusze`.
#[component]
pub fn VolunteersPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| load_volunteers());
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, volunteers.base_title).to_string()) />
        <h1>{t!(i18n, volunteers.base_title)}</h1>
        <p><a href="/wolontariat">{t!(i18n, volunteers.public_form)}</a></p>
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => page_failure(error, "/pracownik/wolontariusze"),
                    Ok(list) => view! { <VolunteerList list /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn VolunteerList(list: Vec<Volunteer>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p>{t!(i18n, volunteers.none)}</p> }.into_any();
    }
    let rows = list
        .into_iter()
        .map(|volunteer| {
            let href = format!("/pracownik/wolontariusze/{}", volunteer.id);
            let skills = volunteer
                .skills
                .iter()
                .map(|s| s.label(i18n).to_string())
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <tr>
                    <td><a href=href>{volunteer.name.clone()}</a></td>
                    <td>{volunteer.status.label(i18n)}</td>
                    <td>{skills}</td>
                    <td>{volunteer.areas.clone()}</td>
                    <td>{warsaw_display(volunteer.created_at)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ScrollTable
            id="volunteers-caption"
            caption=t_string!(i18n, volunteers.base_title).to_string()
            caption_hidden=true
            headings=vec![
                t_string!(i18n, volunteers.name).to_string(),
                t_string!(i18n, volunteers.status).to_string(),
                t_string!(i18n, volunteers.skills).to_string(),
                t_string!(i18n, volunteers.areas).to_string(),
                t_string!(i18n, volunteers.offered_at).to_string(),
            ]
        >
            {rows}
        </ScrollTable>
    }
    .into_any()
}

/// `/pracownik/wolontariusze/:id`.
#[component]
pub fn VolunteerPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let data = Resource::new(
        move || {
            let query = query.read();
            (
                id.get(),
                query.get("decyzja"),
                query.get("zaproponowano"),
                query.get("godziny"),
            )
        },
        |(id, _, _, _)| load_volunteer(id),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => page_failure(error, &format!("/pracownik/wolontariusze/{}", id.get_untracked())),
                    Ok(file) => view! { <VolunteerView file /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn VolunteerView(file: VolunteerFile) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let VolunteerFile {
        volunteer,
        assignments,
        open_activities,
        may_edit,
    } = file;
    let title = volunteer.name.clone();
    let base = format!("/pracownik/wolontariusze/{}", volunteer.id);
    let list = |items: Vec<String>| {
        if items.is_empty() {
            "—".to_owned()
        } else {
            items.join(", ")
        }
    };
    let skills = list(
        volunteer
            .skills
            .iter()
            .map(|s| s.label(i18n).to_string())
            .collect(),
    );
    let times = list(
        volunteer
            .availability
            .iter()
            .map(|a| a.label(i18n).to_string())
            .collect(),
    );
    let period = volunteer
        .agreement_from
        .zip(volunteer.agreement_until)
        .map(|(from, until)| format!("{} – {}", date_display(from), date_display(until)));
    let total = total_minutes(&assignments);
    let yes_no = |on: bool| {
        if on {
            t_string!(i18n, volunteers.yes).to_string()
        } else {
            t_string!(i18n, volunteers.no).to_string()
        }
    };
    view! {
        <PageTitle text=Signal::derive(move || title.clone()) />
        <nav aria-label=move || t_string!(i18n, catalogue.breadcrumb).to_string() class="breadcrumb">
            <a href="/pracownik/wolontariusze">{t!(i18n, volunteers.base_title)}</a>
        </nav>
        <h1>{volunteer.name.clone()}</h1>
        <Show when=move || query.read().get("decyzja").is_some()>
            <p class="notice notice--success" role="status">{t!(i18n, volunteers.decided)}</p>
        </Show>
        <Show when=move || query.read().get("zaproponowano").is_some()>
            <p class="notice notice--success" role="status">{t!(i18n, volunteers.proposed_notice)}</p>
        </Show>
        <Show when=move || query.read().get("godziny").is_some()>
            <p class="notice notice--success" role="status">{t!(i18n, volunteers.hours_saved)}</p>
        </Show>
        <dl class="facts">
            <dt>{t!(i18n, volunteers.status)}</dt>
            <dd>{volunteer.status.label(i18n)}</dd>
            <dt>{t!(i18n, volunteers.email)}</dt>
            <dd>{volunteer.email.clone()}</dd>
            <dt>{t!(i18n, volunteers.phone)}</dt>
            <dd>{volunteer.phone.clone()}</dd>
            <dt>{t!(i18n, volunteers.birth_year)}</dt>
            <dd>{volunteer.birth_year.map(|y| y.to_string()).unwrap_or_default()}</dd>
            <dt>{t!(i18n, volunteers.skills)}</dt>
            <dd>{skills}</dd>
            <dt>{t!(i18n, volunteers.availability)}</dt>
            <dd>{times}</dd>
            <dt>{t!(i18n, volunteers.areas)}</dt>
            <dd>{volunteer.areas.clone()}</dd>
            <dt>{t!(i18n, volunteers.languages)}</dt>
            <dd>{volunteer.languages.clone()}</dd>
            <dt>{t!(i18n, volunteers.driving_licence)}</dt>
            <dd>{yes_no(volunteer.driving_licence)}</dd>
            <dt>{t!(i18n, volunteers.about)}</dt>
            <dd>{volunteer.about.clone()}</dd>
            <dt>{t!(i18n, volunteers.agreement)}</dt>
            <dd>{period.unwrap_or_default()}</dd>
            <dt>{t!(i18n, volunteers.hours)}</dt>
            <dd>{hours_text(total)}</dd>
        </dl>
        {(volunteer.status == VolunteerStatus::Approved).then(|| view! {
            <ul class="links">
                <li><a href=format!("{base}/porozumienie.pdf") download>{t!(i18n, volunteers.agreement_pdf)}</a></li>
                {(total > 0).then(|| view! {
                    <li><a href=format!("{base}/zaswiadczenie.pdf") download>{t!(i18n, volunteers.certificate_pdf)}</a></li>
                })}
            </ul>
        })}
        {may_edit.then(|| view! { <Decision id=volunteer.id.clone() /> })}
        <h2>{t!(i18n, volunteers.assignments)}</h2>
        <Assignments volunteer=volunteer.id.clone() assignments may_edit />
        {(may_edit && volunteer.status == VolunteerStatus::Approved).then(|| view! {
            <Propose volunteer=volunteer.id.clone() open_activities />
        })}
    }
}

#[component]
fn Decision(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<DecideVolunteer>::new();
    let error = last_error(action);
    let decisions = vec![
        (
            "approved".to_owned(),
            t_string!(i18n, volunteers.approve).to_string(),
        ),
        (
            "declined".to_owned(),
            t_string!(i18n, volunteers.decline_offer).to_string(),
        ),
    ];
    view! {
        <h2>{t!(i18n, volunteers.decision_title)}</h2>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="id" value=id />
            <Radios id="decision" name="decision" legend=t_string!(i18n, volunteers.decision).to_string() options=decisions selected=String::new() error />
            <TextField id="from" kind="date" error>{t!(i18n, volunteers.agreement_from)}</TextField>
            <TextField id="until" kind="date" error>{t!(i18n, volunteers.agreement_until)}</TextField>
            <TextArea id="note" name="note" rows=2 error>{t!(i18n, volunteers.note)}</TextArea>
            <button type="submit" class="button">{t!(i18n, volunteers.decide)}</button>
        </ActionForm>
    }
}

#[component]
fn Assignments(volunteer: String, assignments: Vec<Assignment>, may_edit: bool) -> impl IntoView {
    let i18n = use_i18n();
    let hours = ServerAction::<RecordVolunteerHours>::new();
    let error = last_error(hours);
    let rows = assignments
        .into_iter()
        .map(|assignment| {
            let volunteer = volunteer.clone();
            let recordable = may_edit
                && matches!(
                    assignment.status,
                    AssignmentStatus::Confirmed | AssignmentStatus::Done
                );
            let field = format!("hours-{}", assignment.id);
            let label = format!("{}: {}", t_string!(i18n, volunteers.hours), assignment.activity.title);
            view! {
                <tr>
                    <td>{assignment.activity.title.clone()}</td>
                    <td>{when_text(assignment.activity.starts_at, assignment.activity.ends_at)}</td>
                    <td>{assignment.role.clone()}</td>
                    <td>{assignment.status.label(i18n)}</td>
                    <td>{assignment.minutes.map(hours_text).unwrap_or_default()}</td>
                    <td>
                        {recordable.then(|| view! {
                            <ActionForm action=hours attr:class="inline-form">
                                <input type="hidden" name="volunteer" value=volunteer />
                                <input type="hidden" name="assignment" value=assignment.id.clone() />
                                <label for=field.clone() class="visually-hidden">{label}</label>
                                <input id=field.clone() name="hours" size="5" inputmode="decimal" />
                                " "
                                <button type="submit" class="button button--secondary">{t!(i18n, volunteers.record_hours)}</button>
                            </ActionForm>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ErrorSummary error />
        <ScrollTable
            id="assignments-caption"
            caption=t_string!(i18n, volunteers.assignments).to_string()
            caption_hidden=true
            headings=vec![
                t_string!(i18n, community.activity_title).to_string(),
                t_string!(i18n, community.when).to_string(),
                t_string!(i18n, volunteers.role).to_string(),
                t_string!(i18n, community.status).to_string(),
                t_string!(i18n, volunteers.hours).to_string(),
                t_string!(i18n, osl_map.actions).to_string(),
            ]
        >
            {rows}
        </ScrollTable>
    }
}

#[component]
fn Propose(
    volunteer: String,
    open_activities: Vec<(String, String, chrono::DateTime<chrono::Utc>)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ProposeAssignment>::new();
    let error = last_error(action);
    let options = open_activities
        .into_iter()
        .map(|(id, title, at)| (id, format!("{title} — {}", warsaw_display(at))))
        .collect();
    view! {
        <h3>{t!(i18n, volunteers.propose_title)}</h3>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="volunteer" value=volunteer />
            <SelectField id="activity" name="activity" options selected=String::new() error>
                {t!(i18n, volunteers.activity)}
            </SelectField>
            <TextField id="role" error>{t!(i18n, volunteers.role)}</TextField>
            <button type="submit" class="button">{t!(i18n, volunteers.propose)}</button>
        </ActionForm>
    }
}

/// The volunteers of an activity and those who would suit it (on its staff page).
#[component]
pub fn ActivityVolunteers(activity: String, may_edit: bool) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let id = activity.clone();
    let data = Resource::new(
        move || (id.clone(), query.read().get("zaproponowano")),
        |(id, _)| load_volunteer_matches(id),
    );
    let propose = ServerAction::<ProposeAssignment>::new();
    let reason_text = move |reason: MatchReason| match reason {
        MatchReason::Available => t_string!(i18n, volunteers.reason_available).to_string(),
        MatchReason::Skilled => t_string!(i18n, volunteers.reason_skilled).to_string(),
        MatchReason::Nearby => t_string!(i18n, volunteers.reason_nearby).to_string(),
    };
    view! {
        <h2>{t!(i18n, volunteers.of_activity)}</h2>
        <Show when=move || query.read().get("zaproponowano").is_some()>
            <p class="notice notice--success" role="status">{t!(i18n, volunteers.proposed_notice)}</p>
        </Show>
        <Suspense>
            {move || {
                let activity = activity.clone();
                Suspend::new(async move {
                    let Ok((matches, assigned)) = data.await else {
                        return ().into_any();
                    };
                    let assigned_rows = assigned
                        .into_iter()
                        .map(|a| view! {
                            <li>{format!("{} — {}", a.volunteer_name, a.status.label(i18n))}</li>
                        })
                        .collect_view();
                    let match_rows = matches
                        .into_iter()
                        .take(10)
                        .map(|m| {
                            let reasons = m.reasons.iter().map(|r| reason_text(*r)).collect::<Vec<_>>().join(", ");
                            let activity = activity.clone();
                            let label = format!("{}: {}", t_string!(i18n, volunteers.propose), m.volunteer.name);
                            view! {
                                <tr>
                                    <td><a href=format!("/pracownik/wolontariusze/{}", m.volunteer.id)>{m.volunteer.name.clone()}</a></td>
                                    <td>{reasons}</td>
                                    <td>
                                        {may_edit.then(|| view! {
                                            <ActionForm action=propose attr:class="inline-form">
                                                <input type="hidden" name="volunteer" value=m.volunteer.id.clone() />
                                                <input type="hidden" name="activity" value=activity />
                                                <input type="hidden" name="back" value="activity" />
                                                <button type="submit" class="button button--secondary" aria-label=label>
                                                    {t!(i18n, volunteers.propose)}
                                                </button>
                                            </ActionForm>
                                        })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view();
                    view! {
                        <ul>{assigned_rows}</ul>
                        <ScrollTable
                            id="matches-caption"
                            caption=t_string!(i18n, volunteers.matches).to_string()
                            headings=vec![
                                t_string!(i18n, volunteers.name).to_string(),
                                t_string!(i18n, volunteers.why).to_string(),
                                t_string!(i18n, osl_map.actions).to_string(),
                            ]
                        >
                            {match_rows}
                        </ScrollTable>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}
