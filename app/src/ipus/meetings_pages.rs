//! `/pracownik/spotkania-koordynatorow`: the coordinators' meetings and the form to record one.

use super::meetings::*;
use crate::cases::case_views::Due;
use crate::components::form::{
    Checkboxes, ErrorSummary, TextArea, TextField, last_error, successes,
};
use crate::components::page::{PageTitle, page_failure};
use crate::domain::{date_display, warsaw_display};
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn CoordinatorMeetingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let record = ServerAction::<RecordCoordinatorMeeting>::new();
    let recorded = successes(record);
    let list = Resource::new(move || recorded.get(), |_| coordinator_meetings());
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, meetings.title).to_string()) />
        <h1>{t!(i18n, meetings.title)}</h1>
        <p>{t!(i18n, meetings.intro)}</p>
        <Transition>
            {move || Suspend::new(async move {
                match list.await {
                    Err(error) => page_failure(error, "/pracownik/spotkania-koordynatorow"),
                    Ok(list) => view! { <MeetingsView list record /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn MeetingsView(list: Meetings, record: ServerAction<RecordCoordinatorMeeting>) -> impl IntoView {
    let i18n = use_i18n();
    let count = list.meetings.len();
    let meetings = list
        .meetings
        .into_iter()
        .map(|meeting| view! { <MeetingRecord meeting /> })
        .collect_view();
    view! {
        <p class="next-meeting">
            {t!(i18n, meetings.next_due)} " " <Due due=list.next_due today=list.today open=true />
        </p>
        {list.may_record.then(|| {
            view! { <MeetingForm staff=list.staff providers=list.providers today=list.today record /> }
        })}
        <section aria-labelledby="meetings-heading">
            <h2 id="meetings-heading">{t!(i18n, meetings.records)} " (" {count} ")"</h2>
            {if count == 0 {
                view! { <p>{t!(i18n, meetings.none)}</p> }.into_any()
            } else {
                meetings.into_any()
            }}
        </section>
    }
}

/// One meeting's record.
#[component]
fn MeetingRecord(meeting: Meeting) -> impl IntoView {
    let i18n = use_i18n();
    let none = move || t_string!(i18n, meetings.nobody).to_string();
    let list = move |names: Vec<String>| {
        if names.is_empty() {
            none()
        } else {
            names.join(", ")
        }
    };
    view! {
        <article class="meeting" aria-labelledby=format!("meeting-{}", meeting.id)>
            <h3 id=format!("meeting-{}", meeting.id)>
                {t!(i18n, meetings.meeting_of)} " " {date_display(meeting.held_on)}
            </h3>
            <dl class="facts">
                <dt>{t!(i18n, meetings.agenda)}</dt>
                <dd class="pre-line">{meeting.agenda}</dd>
                <dt>{t!(i18n, meetings.attendees)}</dt>
                <dd>{list(meeting.attendees)}</dd>
                <dt>{t!(i18n, meetings.providers)}</dt>
                <dd>{list(meeting.providers)}</dd>
                <dt>{t!(i18n, meetings.minutes)}</dt>
                <dd class="pre-line">{meeting.minutes}</dd>
                <dt>{t!(i18n, meetings.recorded)}</dt>
                <dd>{meeting.recorded_by} " · " {warsaw_display(meeting.recorded_at)}</dd>
            </dl>
        </article>
    }
}

/// The services organiser's form for a new record.
#[component]
fn MeetingForm(
    staff: Vec<(String, String)>,
    providers: Vec<(String, String)>,
    today: chrono::NaiveDate,
    record: ServerAction<RecordCoordinatorMeeting>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(record);
    view! {
        <section aria-labelledby="record-heading">
            <h2 id="record-heading">{t!(i18n, meetings.record_heading)}</h2>
            <ActionForm action=record attr:class="form" attr:data-draft="coordinator-meeting">
                <ErrorSummary error />
                <TextField id="held_on" name="form[held_on]" kind="date" value=today.to_string() error>
                    {t!(i18n, meetings.held_on)}
                </TextField>
                <TextArea id="agenda" name="form[agenda]" rows=3 error>
                    {t!(i18n, meetings.agenda)}
                </TextArea>
                <Checkboxes
                    id="attendee_ids"
                    name="form[attendee_ids]"
                    legend=t_string!(i18n, meetings.attendees).to_string()
                    options=staff
                    checked=Vec::new()
                    error
                />
                <Checkboxes
                    id="provider_ids"
                    name="form[provider_ids]"
                    legend=t_string!(i18n, meetings.providers_invited).to_string()
                    options=providers
                    checked=Vec::new()
                    error
                />
                <TextArea id="minutes" name="form[minutes]" rows=8 error>
                    {t!(i18n, meetings.minutes)}
                </TextArea>
                <button type="submit" class="button">{t!(i18n, meetings.record)}</button>
            </ActionForm>
        </section>
    }
}
