//! The public calendar: `/wydarzenia` (a month of upcoming activities, filtered by plain GET
//! forms and links), `/wydarzenia/:id` (an activity, its schema.org `Event` data and the
//! sign-up form) and `/wydarzenia/zapis/:token` (a sign-up, with its cancel form). All work
//! without JavaScript.

use super::calendar::{
    CancelRegistration, SignUpForActivity, load_calendar, load_my_registration,
    load_public_activity, month_code, next_month, page_of, previous_month,
};
use super::{Activity, CalendarFilter, CalendarMonth, MyRegistration, RegistrationStatus};
use crate::components::choice::{Choice, coded_options};
use crate::components::form::{CheckboxField, ErrorSummary, TextField, last_error};
use crate::components::page::{PageTitle, page_failure};
use crate::domain::{Labelled, ServiceArea, warsaw_display};
use crate::i18n::*;
use crate::programme::TargetGroup;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::{use_params_map, use_query_map};

fn count(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// "grudzień 2026".
fn month_title(i18n: I18nContext<Locale>, month: NaiveDate) -> String {
    let name = match month.month() {
        1 => t_string!(i18n, calendar.month_1),
        2 => t_string!(i18n, calendar.month_2),
        3 => t_string!(i18n, calendar.month_3),
        4 => t_string!(i18n, calendar.month_4),
        5 => t_string!(i18n, calendar.month_5),
        6 => t_string!(i18n, calendar.month_6),
        7 => t_string!(i18n, calendar.month_7),
        8 => t_string!(i18n, calendar.month_8),
        9 => t_string!(i18n, calendar.month_9),
        10 => t_string!(i18n, calendar.month_10),
        11 => t_string!(i18n, calendar.month_11),
        _ => t_string!(i18n, calendar.month_12),
    };
    format!("{name} {}", month.year())
}

/// "14.12.2026 17:00–19:00" (the end's day too when it is another day).
pub fn when_text(starts: DateTime<Utc>, ends: DateTime<Utc>) -> String {
    let (start, end) = (warsaw_display(starts), warsaw_display(ends));
    match (start.split_once(' '), end.split_once(' ')) {
        (Some((day, _)), Some((end_day, end_time))) if day == end_day => {
            format!("{start}–{end_time}")
        }
        _ => format!("{start} – {end}"),
    }
}

/// What the place offers, in words ("" when nothing is known).
fn accessibility_text(i18n: I18nContext<Locale>, activity: &Activity) -> String {
    let a = activity.accessibility;
    [
        (a.step_free, t_string!(i18n, calendar.step_free).to_string()),
        (
            a.hearing_loop,
            t_string!(i18n, calendar.hearing_loop).to_string(),
        ),
        (
            a.sign_language,
            t_string!(i18n, calendar.sign_language).to_string(),
        ),
    ]
    .into_iter()
    .filter_map(|(on, text)| on.then_some(text))
    .collect::<Vec<_>>()
    .join(", ")
}

/// Places left, or that the next sign-ups wait.
#[component]
fn Places(activity: Activity) -> impl IntoView {
    let i18n = use_i18n();
    let left = activity.places_left();
    if left == 0 {
        view! { <span class="badge badge--warning">{t!(i18n, calendar.full)}</span> }.into_any()
    } else {
        let (left, capacity) = (count(left), count(activity.capacity));
        view! {
            <span class="badge">
                {t!(i18n, calendar.places_left, count = move || left)}
                " / "
                {capacity}
            </span>
        }
        .into_any()
    }
}

/// `/wydarzenia`.
#[component]
pub fn CalendarPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let params = Memo::new(move |_| {
        let query = query.read();
        let text = |key: &str| query.get(key).unwrap_or_default();
        (
            query.get("miesiac"),
            page_of(query.get("strona").as_deref()),
            CalendarFilter {
                community: text("spolecznosc"),
                area: text("obszar"),
                group: text("grupa"),
                step_free: query.get("bez_barier").is_some(),
            },
        )
    });
    let data = Resource::new(
        move || params.get(),
        |(month, page, filter)| load_calendar(month, filter, page),
    );
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, calendar.title).to_string()) />
        <h1>{t!(i18n, calendar.title)}</h1>
        <p class="lead">{t!(i18n, calendar.intro)}</p>
        <p><a href="/wolontariat">{t!(i18n, volunteers.invitation)}</a></p>
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => page_failure(error, "/wydarzenia"),
                    Ok(month) => {
                        let filter = params.get_untracked().2;
                        view! { <Month month filter /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The address of the calendar at `month` with `filter`.
fn calendar_href(month: NaiveDate, filter: &CalendarFilter) -> String {
    let mut href = format!("/wydarzenia?miesiac={}", month_code(month));
    for (key, value) in [
        ("spolecznosc", &filter.community),
        ("obszar", &filter.area),
        ("grupa", &filter.group),
    ] {
        if !value.is_empty() {
            href.push_str(&format!("&{key}={value}"));
        }
    }
    if filter.step_free {
        href.push_str("&bez_barier=1");
    }
    href
}

#[component]
fn Month(month: CalendarMonth, filter: CalendarFilter) -> impl IntoView {
    let i18n = use_i18n();
    let areas = coded_options(&ServiceArea::ALL, ServiceArea::code, |a| a.label(i18n));
    let groups = coded_options(&TargetGroup::ALL, TargetGroup::code, |g| g.label(i18n));
    let feed = match filter.community.as_str() {
        "" => "/wydarzenia/kalendarz.ics".to_owned(),
        id => format!("/wydarzenia/kalendarz.ics?spolecznosc={id}"),
    };
    let previous = month
        .has_previous
        .then(|| calendar_href(previous_month(month.month), &filter));
    let next = calendar_href(next_month(month.month), &filter);
    let title = month_title(i18n, month.month);
    let empty = month.activities.is_empty();
    view! {
        <form method="get" action="/wydarzenia" class="form form--inline filters">
            <input type="hidden" name="miesiac" value=month_code(month.month) />
            <Choice
                name="spolecznosc"
                label=t_string!(i18n, calendar.filter_community).to_string()
                selected=filter.community.clone()
                options=month.communities.clone()
            />
            <Choice
                name="obszar"
                label=t_string!(i18n, catalogue.filter_area).to_string()
                selected=filter.area.clone()
                options=areas
            />
            <Choice
                name="grupa"
                label=t_string!(i18n, catalogue.filter_group).to_string()
                selected=filter.group.clone()
                options=groups
            />
            <div class="choice">
                <input type="checkbox" id="bez_barier" name="bez_barier" value="1" checked=filter.step_free />
                <label for="bez_barier">{t!(i18n, calendar.filter_step_free)}</label>
            </div>
            <button type="submit" class="button button--secondary">{t!(i18n, calendar.filter)}</button>
        </form>
        <p>
            <a href=feed>{t!(i18n, calendar.feed)}</a>
        </p>
        <nav class="month-nav" aria-label=move || t_string!(i18n, calendar.months).to_string()>
            {previous.map(|href| view! { <a href=href rel="prev">{t!(i18n, calendar.previous)}</a> })}
            " "
            <a href=next rel="next">{t!(i18n, calendar.next)}</a>
        </nav>
        <h2>{title}</h2>
        {empty.then(|| view! { <p>{t!(i18n, calendar.empty)}</p> })}
        <ul class="events">
            {month
                .activities
                .into_iter()
                .map(|activity| view! { <EventItem activity /> })
                .collect_view()}
        </ul>
        {(month.page > 1 || month.has_more).then(|| {
            let here = calendar_href(month.month, &filter);
            let earlier = (month.page > 1).then(|| format!("{here}&strona={}", month.page - 1));
            let later = month.has_more.then(|| format!("{here}&strona={}", month.page + 1));
            view! {
                <nav class="month-nav" aria-label=move || t_string!(i18n, calendar.pages).to_string()>
                    {earlier.map(|href| view! { <a href=href rel="prev">{t!(i18n, calendar.earlier)}</a> })}
                    " "
                    {later.map(|href| view! { <a href=href rel="next">{t!(i18n, calendar.later)}</a> })}
                </nav>
            }
        })}
    }
}

#[component]
fn EventItem(activity: Activity) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/wydarzenia/{}", activity.id);
    let access = accessibility_text(i18n, &activity);
    view! {
        <li class="event">
            <h3>
                <a href=href>{activity.title.clone()}</a>
            </h3>
            <p class="event__when">{when_text(activity.starts_at, activity.ends_at)}</p>
            <p>
                {activity.place.clone()} " · " {activity.community_name.clone()} " · "
                {activity.kind.label(i18n)}
            </p>
            {(!access.is_empty()).then(|| view! { <p>{access}</p> })}
            <p>
                <Places activity />
            </p>
        </li>
    }
}

/// schema.org `Event` data of a public activity.
fn event_json_ld(activity: &Activity, organiser: &str) -> String {
    let warsaw = |at: DateTime<Utc>| {
        at.with_timezone(&chrono_tz::Europe::Warsaw)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
    };
    let data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": activity.title,
        "description": activity.description,
        "startDate": warsaw(activity.starts_at),
        "endDate": warsaw(activity.ends_at),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": { "@type": "Place", "name": activity.place, "address": activity.place },
        "isAccessibleForFree": true,
        "maximumAttendeeCapacity": activity.capacity,
        "remainingAttendeeCapacity": activity.places_left(),
        "organizer": { "@type": "GovernmentOrganization", "name": organiser },
    });
    data.to_string().replace('<', "\\u003c")
}

/// `/wydarzenia/:id`.
#[component]
pub fn ActivityPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let data = Resource::new(move || id.get(), load_public_activity);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => page_failure(error, "/wydarzenia"),
                    Ok(activity) => view! { <ActivityView activity /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ActivityView(activity: Activity) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let action = ServerAction::<SignUpForActivity>::new();
    let error = last_error(action);
    let title = activity.title.clone();
    let structured = event_json_ld(&activity, &activity.community_name);
    let access = accessibility_text(i18n, &activity);
    let feed = format!("/wydarzenia/{}/kalendarz.ics", activity.id);
    let full = activity.places_left() == 0;
    let partners = activity.partners.clone();
    view! {
        <PageTitle text=Signal::derive(move || title.clone()) />
        <script type="application/ld+json" inner_html=structured></script>
        <nav aria-label=move || t_string!(i18n, catalogue.breadcrumb).to_string() class="breadcrumb">
            <a href="/wydarzenia">{t!(i18n, calendar.title)}</a>
        </nav>
        <h1>{activity.title.clone()}</h1>
        <Show when=move || query.read().get("juz").is_some()>
            <p class="notice" role="status">{t!(i18n, calendar.already)}</p>
        </Show>
        <p class="lead">{activity.description.clone()}</p>
        <dl class="facts">
            <dt>{t!(i18n, calendar.when)}</dt>
            <dd>{when_text(activity.starts_at, activity.ends_at)}</dd>
            <dt>{t!(i18n, calendar.place_label)}</dt>
            <dd>{activity.place.clone()}</dd>
            <dt>{t!(i18n, calendar.accessibility)}</dt>
            <dd>
                {if access.is_empty() { t_string!(i18n, calendar.accessibility_unknown).to_string() } else { access }}
            </dd>
            <dt>{t!(i18n, calendar.kind)}</dt>
            <dd>{activity.kind.label(i18n)}</dd>
            <dt>{t!(i18n, calendar.community)}</dt>
            <dd>{activity.community_name.clone()}</dd>
            {(!partners.is_empty()).then(|| view! {
                <dt>{t!(i18n, calendar.partners)}</dt>
                <dd>{partners}</dd>
            })}
            {activity.supporting.clone().map(|(_, name)| view! {
                <dt>{t!(i18n, community.supporting_of)}</dt>
                <dd>{name}</dd>
            })}
            <dt>{t!(i18n, calendar.places)}</dt>
            <dd><Places activity=activity.clone() /></dd>
        </dl>
        <p>
            <a href=feed>{t!(i18n, calendar.add_to_calendar)}</a>
        </p>
        <h2>{t!(i18n, calendar.sign_up)}</h2>
        {full.then(|| view! { <p>{t!(i18n, calendar.full_text)}</p> })}
        <ErrorSummary error />
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="activity" value=activity.id.clone() />
            <TextField id="name" autocomplete="name" error>
                {t!(i18n, calendar.name)}
            </TextField>
            <TextField
                id="contact"
                hint=Signal::derive(move || t_string!(i18n, calendar.contact_hint).to_string())
                error
            >
                {t!(i18n, calendar.contact)}
            </TextField>
            <CheckboxField id="consent" error>
                {t!(i18n, calendar.consent)}
            </CheckboxField>
            <div class="honeypot">
                <label for="website">{t!(i18n, needs.honeypot)}</label>
                <input type="text" id="website" name="website" tabindex="-1" autocomplete="off" />
            </div>
            <button type="submit" class="button">
                {if full { t_string!(i18n, calendar.join_waiting) } else { t_string!(i18n, calendar.sign_up_button) }}
            </button>
        </ActionForm>
    }
}

/// `/wydarzenia/zapis/:token`.
#[component]
pub fn RegistrationPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let data = Resource::new(
        move || (token.get(), query.read().get("odwolano")),
        |(token, _)| load_my_registration(token),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => page_failure(error, "/wydarzenia"),
                    Ok(registration) => {
                        view! { <RegistrationView registration token=token.get_untracked() /> }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn RegistrationView(registration: MyRegistration, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CancelRegistration>::new();
    let error = last_error(action);
    let MyRegistration {
        name,
        status,
        position,
        activity,
    } = registration;
    let activity_href = format!("/wydarzenia/{}", activity.id);
    let (panel, heading) = match status {
        RegistrationStatus::Registered => (
            "panel panel--success",
            t_string!(i18n, calendar.registered_title),
        ),
        RegistrationStatus::Waiting => ("panel", t_string!(i18n, calendar.waiting_title)),
        RegistrationStatus::Cancelled => ("panel", t_string!(i18n, calendar.cancelled_title)),
    };
    let heading = heading.to_string();
    let page_title = heading.clone();
    view! {
        <PageTitle text=Signal::derive(move || page_title.clone()) />
        <div class=panel role="status">
            <h1>{heading}</h1>
            <p>{name} " · " {status.label(i18n)}</p>
            {position.map(|position| {
                let position = count(position);
                view! { <p>{t!(i18n, calendar.waiting_position, position = move || position)}</p> }
            })}
        </div>
        <dl class="facts">
            <dt>{t!(i18n, calendar.activity)}</dt>
            <dd><a href=activity_href>{activity.title.clone()}</a></dd>
            <dt>{t!(i18n, calendar.when)}</dt>
            <dd>{when_text(activity.starts_at, activity.ends_at)}</dd>
            <dt>{t!(i18n, calendar.place_label)}</dt>
            <dd>{activity.place.clone()}</dd>
        </dl>
        <p>{t!(i18n, calendar.keep_link)}</p>
        {(status != RegistrationStatus::Cancelled).then(|| view! {
            <ErrorSummary error />
            <ActionForm action=action attr:class="form">
                <input type="hidden" name="token" value=token.clone() />
                <button type="submit" class="button button--secondary">{t!(i18n, calendar.cancel)}</button>
            </ActionForm>
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_range_names_its_day_once() {
        let at = |text: &str| text.parse::<DateTime<Utc>>().unwrap();
        assert_eq!(
            when_text(at("2026-12-14T16:00:00Z"), at("2026-12-14T18:30:00Z")),
            "14.12.2026 17:00–19:30"
        );
        assert_eq!(
            when_text(at("2026-12-14T16:00:00Z"), at("2026-12-15T10:00:00Z")),
            "14.12.2026 17:00 – 15.12.2026 11:00"
        );
    }

    #[test]
    fn a_page_number_is_one_or_more() {
        assert_eq!(page_of(None), 1);
        assert_eq!(page_of(Some("0")), 1);
        assert_eq!(page_of(Some("x")), 1);
        assert_eq!(page_of(Some(" 3 ")), 3);
    }

    #[test]
    fn calendar_links_keep_the_filters() {
        let month = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        let filter = CalendarFilter {
            community: "c1".into(),
            step_free: true,
            ..CalendarFilter::default()
        };
        assert_eq!(
            calendar_href(month, &filter),
            "/wydarzenia?miesiac=2027-01&spolecznosc=c1&bez_barier=1"
        );
    }
}
