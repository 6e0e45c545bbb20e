//! iCalendar (RFC 5545) feeds of the public activities, made with the `icalendar` crate: the
//! whole calendar (`/wydarzenia/kalendarz.ics`, `?spolecznosc=ID` for one community) and one
//! activity (`/wydarzenia/{id}/kalendarz.ics`). Times are Warsaw wall-clock times with
//! `TZID=Europe/Warsaw`, and the feed carries that zone's `VTIMEZONE` (RFC 5545 §3.6.5 asks
//! for one per zone referenced; the crate does not write it).

use super::{Activity, CalendarFilter};
use crate::error::AppError;
use crate::gate::{Permission, request_parts, require_with};
use crate::state::AppState;
use axum::extract::{Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, EventLike};
use serde::Deserialize;

const ZONE: &str = "Europe/Warsaw";

/// Central European Time with its summer time since 1996 (the last Sundays of March and
/// October), as the feed's one `VTIMEZONE`.
const WARSAW_VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Warsaw\r\n\
BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n\
DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n\
BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n\
DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// How far ahead the whole calendar's feed reaches.
const FEED_DAYS: i64 = 366;
/// At most this many activities in one feed.
const FEED_LIMIT: u32 = 1000;

fn warsaw(at: DateTime<Utc>) -> CalendarDateTime {
    CalendarDateTime::WithTimezone {
        date_time: at.with_timezone(&chrono_tz::Europe::Warsaw).naive_local(),
        tzid: ZONE.into(),
    }
}

/// The feed of `activities`, named `name`; `portal` is the portal's address (for links).
pub fn feed(name: &str, activities: &[Activity], portal: &str, now: DateTime<Utc>) -> String {
    let portal = portal.trim_end_matches('/');
    let host = portal
        .split("://")
        .nth(1)
        .unwrap_or(portal)
        .split(['/', ':'])
        .next()
        .unwrap_or("cus");
    let mut calendar = Calendar::new();
    calendar.name(name).timezone(ZONE);
    for activity in activities {
        let mut event = icalendar::Event::new();
        event
            .uid(&format!("{}@{host}", activity.id))
            .timestamp(now)
            .summary(&activity.title)
            .description(&activity.description)
            .location(&activity.place)
            .url(&format!("{portal}/wydarzenia/{}", activity.id))
            .starts(warsaw(activity.starts_at))
            .ends(warsaw(activity.ends_at));
        calendar.push(event.done());
    }
    with_zone(&calendar.done().to_string())
}

/// The calendar text with the Warsaw `VTIMEZONE` before its first component.
fn with_zone(text: &str) -> String {
    let at = text
        .find("BEGIN:VEVENT")
        .or_else(|| text.find("END:VCALENDAR"))
        .unwrap_or(text.len());
    format!("{}{WARSAW_VTIMEZONE}{}", &text[..at], &text[at..])
}

fn respond(result: Result<String, AppError>, file: &str) -> Response {
    match result {
        Ok(body) => (
            [
                (
                    header::CONTENT_TYPE,
                    "text/calendar; charset=utf-8".to_owned(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!("inline; filename=\"{file}\""),
                ),
            ],
            body,
        )
            .into_response(),
        Err(error) => {
            let status = StatusCode::from_u16(error.status_code())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, error.to_string()).into_response()
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct FeedParams {
    /// A community's id: only its activities.
    #[serde(default)]
    pub spolecznosc: String,
}

/// `GET /wydarzenia/kalendarz.ics`: the upcoming public activities for a year.
pub async fn calendar(
    State(state): State<AppState>,
    Query(params): Query<FeedParams>,
    request: Request,
) -> Response {
    let (session, ip) = request_parts(&request);
    let result = async {
        let access = require_with(&state, session, ip, Permission::ViewPublicInformation).await?;
        let now = access.state.clock.now();
        let filter = CalendarFilter {
            community: params.spolecznosc.clone(),
            ..CalendarFilter::default()
        };
        let store = &access.state.store;
        let activities = store
            .public_activities(
                now,
                now + chrono::Duration::days(FEED_DAYS),
                &filter,
                (FEED_LIMIT, 0),
            )
            .await?;
        let name = match params.spolecznosc.as_str() {
            "" => access.state.centre.name.clone(),
            id => format!(
                "{} — {}",
                access.state.centre.name,
                store.community(id).await?.name
            ),
        };
        Ok(feed(
            &name,
            &activities,
            &access.state.centre.portal_url,
            now,
        ))
    }
    .await;
    respond(result, "wydarzenia.ics")
}

/// `GET /wydarzenia/{id}/kalendarz.ics`: one public activity.
pub async fn activity(
    State(state): State<AppState>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let (session, ip) = request_parts(&request);
    let result = async {
        let access = require_with(&state, session, ip, Permission::ViewPublicInformation).await?;
        let activity = super::calendar::server::public_activity(&access, &id).await?;
        let now = access.state.clock.now();
        Ok(feed(
            &activity.title,
            std::slice::from_ref(&activity),
            &access.state.centre.portal_url,
            now,
        ))
    }
    .await;
    respond(result, "wydarzenie.ics")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::{Accessibility, ActivityKind};
    use crate::domain::ServiceArea;
    use crate::programme::TargetGroup;

    fn activity(starts: &str, ends: &str) -> Activity {
        Activity {
            id: "a1".into(),
            community_id: "c1".into(),
            community_name: "Braciejowa".into(),
            kind: ActivityKind::Workshop,
            title: "Warsztaty, kulinarne; dla seniorów".into(),
            description: "Gotujemy razem\nz Kołem Gospodyń".into(),
            starts_at: starts.parse().unwrap(),
            ends_at: ends.parse().unwrap(),
            place: "Świetlica".into(),
            accessibility: Accessibility::default(),
            capacity: 10,
            public: true,
            partners: String::new(),
            volunteers_needed: 0,
            area: ServiceArea::Culture,
            target_group: TargetGroup::Seniors,
            registered: 0,
            waiting: 0,
            goal_id: None,
            supporting: None,
            attendance: None,
        }
    }

    #[test]
    fn times_are_warsaw_wall_clock_times_with_the_zone() {
        let now = "2027-01-10T10:00:00Z".parse().unwrap();
        let text = feed(
            "CUS Dębica",
            &[
                activity("2027-03-27T16:00:00Z", "2027-03-27T18:00:00Z"),
                activity("2027-03-28T15:00:00Z", "2027-03-28T17:00:00Z"),
            ],
            "https://cus.debica.example/",
            now,
        );
        // Both start at 17:00 in Warsaw: the day before and on the first day of summer time.
        assert!(
            text.contains("DTSTART;TZID=Europe/Warsaw:20270327T170000\r\n"),
            "{text}"
        );
        assert!(
            text.contains("DTSTART;TZID=Europe/Warsaw:20270328T170000\r\n"),
            "{text}"
        );
        assert!(text.contains("UID:a1@cus.debica.example\r\n"), "{text}");
        assert!(
            text.contains("SUMMARY:Warsztaty\\, kulinarne\\; dla seniorów\r\n"),
            "{text}"
        );
        assert!(
            text.contains("URL:https://cus.debica.example/wydarzenia/a1\r\n"),
            "{text}"
        );
        assert_eq!(text.matches("BEGIN:VTIMEZONE").count(), 1);
        assert!(text.find("END:VTIMEZONE") < text.find("BEGIN:VEVENT"));
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(text.trim_end().ends_with("END:VCALENDAR"));
    }

    #[test]
    fn an_empty_feed_still_names_its_zone() {
        let text = feed(
            "CUS",
            &[],
            "http://127.0.0.1:3000",
            "2027-01-10T10:00:00Z".parse().unwrap(),
        );
        assert!(text.contains("BEGIN:VTIMEZONE"));
        assert!(text.find("END:VTIMEZONE") < text.find("END:VCALENDAR"));
    }
}
