//! The public calendar's server functions: a month of upcoming public activities, one
//! activity, signing up (a place or the waiting list), and the sign-up's own page reached by
//! the link the person was given, where it can be cancelled.

use super::{Activity, CalendarFilter, CalendarMonth, MyRegistration};
use crate::error::AppError;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

/// The first day of the month `text` names (`YYYY-MM`), or of `today`'s month.
pub fn month_of(text: Option<&str>, today: NaiveDate) -> NaiveDate {
    let this_month = today.with_day(1).unwrap_or(today);
    text.and_then(|text| NaiveDate::parse_from_str(&format!("{}-01", text.trim()), "%Y-%m-%d").ok())
        .filter(|month| *month >= this_month)
        .unwrap_or(this_month)
}

/// The first day of the month after `month`.
pub fn next_month(month: NaiveDate) -> NaiveDate {
    month
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(month)
}

/// The first day of the month before `month`.
pub fn previous_month(month: NaiveDate) -> NaiveDate {
    month
        .checked_sub_months(chrono::Months::new(1))
        .unwrap_or(month)
}

/// `YYYY-MM`, as the address carries a month.
pub fn month_code(month: NaiveDate) -> String {
    month.format("%Y-%m").to_string()
}

/// Activities on one page of a month: a month as full as a city's reads in pages.
pub const PAGE_SIZE: u32 = 40;

/// The page the address names (`strona`, from 1).
pub fn page_of(text: Option<&str>) -> u32 {
    text.and_then(|t| t.trim().parse::<u32>().ok())
        .filter(|page| *page >= 1)
        .unwrap_or(1)
}

#[server(prefix = "/api", endpoint = "calendar")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_calendar(
    month: Option<String>,
    filter: CalendarFilter,
    #[server(default)] page: u32,
) -> Result<CalendarMonth, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    let now = access.state.clock.now();
    let today = crate::domain::warsaw_date(now);
    let month = month_of(month.as_deref(), today);
    let start = server::start_of(month).max(now);
    let end = server::start_of(next_month(month));
    let store = &access.state.store;
    let page = page.max(1);
    let offset = (page - 1).saturating_mul(PAGE_SIZE);
    let mut activities = store
        .public_activities(start, end, &filter, (PAGE_SIZE + 1, offset))
        .await?;
    let has_more = activities.len() > PAGE_SIZE as usize;
    activities.truncate(PAGE_SIZE as usize);
    Ok(CalendarMonth {
        month,
        has_previous: month > month_of(None, today),
        page,
        has_more,
        activities,
        communities: store.communities_with_public_activities(now).await?,
    })
}

#[server(prefix = "/api", endpoint = "public_activity")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_public_activity(id: String) -> Result<Activity, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    server::public_activity(&access, &id).await
}

#[server(prefix = "/api", endpoint = "sign_up_for_activity")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn sign_up_for_activity(
    activity: String,
    #[server(default)] name: String,
    #[server(default)] contact: String,
    #[server(default)] consent: Option<String>,
    /// The honeypot: hidden from people, filled in by bots.
    #[server(default)]
    website: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    let sign_up = super::forms::SignUp::parse(&name, &contact, consent.is_some())?;
    if !website.is_empty() {
        tracing::info!("activity sign-up with the honeypot filled: dropped");
        leptos_axum::redirect(&format!("/wydarzenia/{activity}"));
        return Ok(());
    }
    let path = server::sign_up(&access, &activity, &sign_up).await?;
    leptos_axum::redirect(&path);
    Ok(())
}

#[server(prefix = "/api", endpoint = "my_registration")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_my_registration(token: String) -> Result<MyRegistration, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    let hash = crate::identity::credentials::hash_secret(&token);
    let registration = access.state.store.registration_by_token(&hash).await?;
    server::audit(
        &access,
        &registration.activity.id,
        crate::audit::AuditAction::Read,
    )
    .await?;
    Ok(registration)
}

#[server(prefix = "/api", endpoint = "cancel_registration")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn cancel_registration(token: String) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    server::cancel(&access, &token).await?;
    leptos_axum::redirect(&format!("/wydarzenia/zapis/{token}?odwolano=1"));
    Ok(())
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::audit::{AuditAction, AuditEvent};
    use crate::community::RegistrationStatus;
    use crate::community::forms::SignUp;
    use crate::community::store::SignUpOutcome;
    use crate::domain::Email;
    use crate::gate::Access;
    use crate::i18n::*;
    use crate::identity::credentials::{hash_secret, random_token};
    use chrono::{DateTime, NaiveTime, Utc};

    /// Midnight in Warsaw at the start of `day`.
    pub fn start_of(day: NaiveDate) -> DateTime<Utc> {
        crate::community::forms::warsaw_moment(day, NaiveTime::MIN)
            .unwrap_or_else(|| day.and_time(NaiveTime::MIN).and_utc())
    }

    /// A public activity; an internal one is not found.
    pub async fn public_activity(access: &Access, id: &str) -> Result<Activity, AppError> {
        let activity = access.state.store.activity(id).await?;
        if !activity.public {
            return Err(AppError::NotFound);
        }
        Ok(activity)
    }

    pub async fn audit(
        access: &Access,
        activity_id: &str,
        action: AuditAction,
    ) -> Result<(), AppError> {
        let event = AuditEvent {
            record_type: Some("activity_registration".into()),
            record_id: Some(activity_id.into()),
            purpose: Some("activity_sign_up".into()),
            ..access.event(action)
        };
        access.record(&event).await
    }

    /// Signs up and returns where to go next: the sign-up's page, or the activity's with a
    /// note when this contact had signed up already.
    pub async fn sign_up(
        access: &Access,
        activity_id: &str,
        sign_up: &SignUp,
    ) -> Result<String, AppError> {
        let activity = public_activity(access, activity_id).await?;
        let now = access.state.clock.now();
        if activity.starts_at <= now {
            return Err(AppError::invalid("form", "activity_started"));
        }
        let token = random_token();
        let locale = crate::preferences::visitor_locale();
        let registrant = crate::community::Registrant {
            user_id: access.user.as_ref().map(|user| user.id.as_str()),
            application_id: None,
        };
        let outcome = access
            .state
            .store
            .sign_up(
                activity_id,
                sign_up,
                leptos_i18n::Locale::as_str(locale),
                registrant,
                &hash_secret(&token),
                now,
            )
            .await?;
        let status = match outcome {
            SignUpOutcome::Already(_) => return Ok(format!("/wydarzenia/{activity_id}?juz=1")),
            SignUpOutcome::New(status) => status,
        };
        audit(access, activity_id, AuditAction::Create).await?;
        confirm(&access.state, sign_up, status, locale, &activity, &token).await?;
        Ok(format!("/wydarzenia/zapis/{token}"))
    }

    /// Confirms a new sign-up by e-mail, when its contact is an address, with the link to it.
    pub(crate) async fn confirm(
        state: &crate::state::AppState,
        sign_up: &SignUp,
        status: RegistrationStatus,
        locale: Locale,
        activity: &Activity,
        token: &str,
    ) -> Result<(), AppError> {
        let Some(email) = sign_up.email.as_deref().and_then(|e| Email::parse(e).ok()) else {
            return Ok(());
        };
        let intro = match status {
            RegistrationStatus::Waiting => td_string!(locale, calendar.mail_waiting),
            _ => td_string!(locale, calendar.mail_registered),
        };
        send(state, &email, locale, activity, intro, Some(token)).await
    }

    /// Cancels; a place freed goes to the first waiting, who is told by e-mail.
    pub async fn cancel(access: &Access, token: &str) -> Result<(), AppError> {
        cancel_hashed(access, &hash_secret(token)).await
    }

    /// As `cancel`, by the hash of the sign-up's token.
    pub async fn cancel_hashed(access: &Access, hash: &str) -> Result<(), AppError> {
        let store = &access.state.store;
        let registration = store.registration_by_token(hash).await?;
        let now = access.state.clock.now();
        let promoted = store.cancel_registration(hash, now).await?;
        audit(access, &registration.activity.id, AuditAction::Update).await?;
        let Some(promoted) = promoted else {
            return Ok(());
        };
        if let Ok(email) = Email::parse(&promoted.contact) {
            let locale = crate::preferences::locale_of(&promoted.locale);
            let intro = td_string!(locale, calendar.mail_promoted);
            send(
                &access.state,
                &email,
                locale,
                &registration.activity,
                intro,
                None,
            )
            .await?;
        }
        Ok(())
    }

    fn about(locale: Locale, activity: &Activity) -> String {
        format!(
            "{}\n{}: {}\n{}: {}",
            activity.title,
            td_string!(locale, calendar.when),
            crate::domain::warsaw_display(activity.starts_at),
            td_string!(locale, calendar.place_label),
            activity.place,
        )
    }

    /// An e-mail about the sign-up; with `token`, the link to see and cancel it.
    async fn send(
        state: &crate::state::AppState,
        to: &Email,
        locale: Locale,
        activity: &Activity,
        intro: &str,
        token: Option<&str>,
    ) -> Result<(), AppError> {
        let base = state.centre.portal_url.trim_end_matches('/');
        let link = token
            .map(|token| {
                let text = td_string!(locale, calendar.mail_link);
                format!("{text}\n{base}/wydarzenia/zapis/{token}\n\n")
            })
            .unwrap_or_default();
        let body = format!(
            "{intro}\n\n{}\n\n{link}{}\n{}",
            about(locale, activity),
            state.centre.name,
            state.centre.phone,
        );
        let subject = format!(
            "{} — {}",
            td_string!(locale, calendar.mail_subject),
            activity.title
        );
        state
            .store
            .enqueue_email(to, &subject, &body, state.clock.now())
            .await?;
        Ok(())
    }

    /// Reminds everyone with a place and an e-mail address of an activity that starts within a
    /// day (each once; the link to cancel is in the confirmation they were sent). Returns how
    /// many were reminded.
    pub async fn send_reminders(state: &crate::state::AppState) -> Result<usize, AppError> {
        let now = state.clock.now();
        let due = state
            .store
            .due_reminders(now, now + chrono::Duration::hours(24))
            .await?;
        let mut sent = 0;
        for (registration, contact, locale, activity) in due {
            let Ok(email) = Email::parse(&contact) else {
                continue;
            };
            if state.store.mark_reminded(&registration, now).await? {
                let locale = crate::preferences::locale_of(&locale);
                let intro = td_string!(locale, calendar.mail_reminder);
                send(state, &email, locale, &activity, intro, None).await?;
                sent += 1;
            }
        }
        Ok(sent)
    }
}
