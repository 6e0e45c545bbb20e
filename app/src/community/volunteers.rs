//! The volunteer base (Klub Wolontariusza): anyone — seniors too — offers help with a public
//! form (skills, availability, where, languages, a driving licence) and the consent to keep it;
//! the organiser approves them with the period of the volunteer agreement (art. 44 of the public
//! benefit act), proposes them for activities that need volunteers (matched by skill,
//! availability and place), the volunteer confirms on their own page (the link they were given),
//! and the organiser records the hours. The agreement and the certificate of volunteering are
//! PDFs (`volunteer_documents`).

use super::Activity;
use crate::domain::coded::coded_enum;
use crate::domain::label::labels;
use crate::domain::{Email, PhoneNumber};
use crate::error::{AppError, FieldErrors};
use crate::forms::check_text;
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

coded_enum! {
    /// What a volunteer can do.
    Skill {
        Companionship = "companionship",
        Shopping = "shopping",
        Driving = "driving",
        DigitalHelp = "digital_help",
        Tutoring = "tutoring",
        Events = "events",
        CraftsCooking = "crafts_cooking",
        Translation = "translation",
    }
}

labels!(Skill, volunteers {
    Companionship => skill_companionship,
    Shopping => skill_shopping,
    Driving => skill_driving,
    DigitalHelp => skill_digital_help,
    Tutoring => skill_tutoring,
    Events => skill_events,
    CraftsCooking => skill_crafts_cooking,
    Translation => skill_translation,
});

coded_enum! {
    /// When a volunteer can help.
    Availability {
        WeekdayMornings = "weekday_mornings",
        WeekdayAfternoons = "weekday_afternoons",
        WeekdayEvenings = "weekday_evenings",
        Weekends = "weekends",
    }
}

labels!(Availability, volunteers {
    WeekdayMornings => time_weekday_mornings,
    WeekdayAfternoons => time_weekday_afternoons,
    WeekdayEvenings => time_weekday_evenings,
    Weekends => time_weekends,
});

impl Availability {
    /// The part of the week a moment falls in, in Warsaw.
    pub fn of(at: DateTime<Utc>) -> Self {
        let local = at.with_timezone(&chrono_tz::Europe::Warsaw);
        match (local.weekday().number_from_monday(), local.hour()) {
            (6 | 7, _) => Self::Weekends,
            (_, 0..12) => Self::WeekdayMornings,
            (_, 12..17) => Self::WeekdayAfternoons,
            _ => Self::WeekdayEvenings,
        }
    }
}

coded_enum! {
    /// Where a volunteer's offer stands.
    VolunteerStatus {
        Applied = "applied",
        Approved = "approved",
        Declined = "declined",
    }
}

labels!(VolunteerStatus, volunteers {
    Applied => status_applied,
    Approved => status_approved,
    Declined => status_declined,
});

coded_enum! {
    /// Where a volunteer's assignment to an activity stands.
    AssignmentStatus {
        /// The organiser proposed it; the volunteer has not answered.
        Proposed = "proposed",
        Confirmed = "confirmed",
        Declined = "declined",
        /// Hours recorded.
        Done = "done",
    }
}

labels!(AssignmentStatus, volunteers {
    Proposed => assignment_proposed,
    Confirmed => assignment_confirmed,
    Declined => assignment_declined,
    Done => assignment_done,
});

/// Youngest a volunteer may be without a guardian's consent on paper (the form asks the
/// year of birth only to know it).
const ADULT_AGE: i32 = 18;
/// Most hours recorded for one activity.
const MAX_MINUTES: u32 = 24 * 60;

/// A volunteer as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Volunteer {
    pub id: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub birth_year: Option<i32>,
    pub skills: Vec<Skill>,
    pub availability: Vec<Availability>,
    pub areas: String,
    pub languages: String,
    pub driving_licence: bool,
    pub about: String,
    pub status: VolunteerStatus,
    pub decision_note: String,
    pub agreement_from: Option<NaiveDate>,
    pub agreement_until: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

/// A volunteer's offer as the public form describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewVolunteer {
    pub name: String,
    pub email: String,
    pub phone: String,
    /// The contact in one form: one offer per person.
    pub contact_key: String,
    pub birth_year: Option<i32>,
    pub skills: Vec<Skill>,
    pub availability: Vec<Availability>,
    pub areas: String,
    pub languages: String,
    pub driving_licence: bool,
    pub about: String,
}

/// The public form's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolunteerForm {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub birth_year: String,
    pub skills: Vec<String>,
    pub availability: Vec<String>,
    pub areas: String,
    pub languages: String,
    pub driving_licence: Option<String>,
    pub about: String,
    pub consent: Option<String>,
    /// The honeypot: hidden from people, filled in by bots.
    pub website: String,
}

impl VolunteerForm {
    /// The offer, or the errors by field: a name, an e-mail address or a phone number, at
    /// least one skill and one time, an adult's year of birth when given, and the consent.
    pub fn parse(&self, this_year: i32) -> Result<NewVolunteer, AppError> {
        let mut errors = FieldErrors::new();
        let name = super::forms::check_short(&mut errors, "name", &self.name, true);
        let email = match self.email.trim() {
            "" => String::new(),
            text => match Email::parse(text) {
                Ok(email) => email.as_str().to_lowercase(),
                Err(_) => {
                    errors.insert("email".into(), "email_invalid".into());
                    String::new()
                }
            },
        };
        let phone = match self.phone.trim() {
            "" => String::new(),
            text => match PhoneNumber::parse(text) {
                Ok(phone) => phone.as_str().to_owned(),
                Err(_) => {
                    errors.insert("phone".into(), "phone_invalid".into());
                    String::new()
                }
            },
        };
        if self.email.trim().is_empty() && self.phone.trim().is_empty() {
            errors.insert("email".into(), "contact_required".into());
        }
        let birth_year = match self.birth_year.trim() {
            "" => None,
            text => match text.parse::<i32>() {
                Ok(year) if (1900..=this_year - ADULT_AGE).contains(&year) => Some(year),
                Ok(year) if year > this_year - ADULT_AGE && year <= this_year => {
                    errors.insert("birth_year".into(), "volunteer_minor".into());
                    None
                }
                _ => {
                    errors.insert("birth_year".into(), "number_invalid".into());
                    None
                }
            },
        };
        let skills: Vec<Skill> = self
            .skills
            .iter()
            .filter_map(|c| Skill::from_code(c))
            .collect();
        if skills.is_empty() {
            errors.insert("skills".into(), "choose_at_least_one".into());
        }
        let availability: Vec<Availability> = self
            .availability
            .iter()
            .filter_map(|c| Availability::from_code(c))
            .collect();
        if availability.is_empty() {
            errors.insert("availability".into(), "choose_at_least_one".into());
        }
        let areas = super::forms::check_short(&mut errors, "areas", &self.areas, false);
        let languages = super::forms::check_short(&mut errors, "languages", &self.languages, false);
        let about = check_text(&mut errors, "about", &self.about, false);
        if self.consent.is_none() {
            errors.insert("consent".into(), "consent_required".into());
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let contact_key = if email.is_empty() {
            phone.clone()
        } else {
            email.clone()
        };
        Ok(NewVolunteer {
            name,
            email,
            phone,
            contact_key,
            birth_year,
            skills,
            availability,
            areas,
            languages,
            driving_licence: self.driving_licence.is_some(),
            about,
        })
    }
}

/// Hours typed as "2", "2,5" or "1:30", in minutes.
pub fn parse_hours(text: &str) -> Option<u32> {
    let text = text.trim();
    let minutes = if let Some((h, m)) = text.split_once(':') {
        let (h, m) = (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?);
        (m < 60).then_some(h * 60 + m)?
    } else {
        let hours: f64 = text.replace(',', ".").parse().ok()?;
        if !hours.is_finite() || hours < 0.0 {
            return None;
        }
        (hours * 60.0).round() as u32
    };
    (minutes > 0 && minutes <= MAX_MINUTES).then_some(minutes)
}

/// Minutes as "2 h 30 min".
pub fn hours_text(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (h, 0) => format!("{h} h"),
        (0, m) => format!("{m} min"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// A volunteer's part in one activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub id: String,
    pub volunteer_id: String,
    pub volunteer_name: String,
    pub activity: Activity,
    pub role: String,
    pub status: AssignmentStatus,
    pub minutes: Option<u32>,
}

/// Why a volunteer suits an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MatchReason {
    /// Free at that part of the week.
    Available,
    /// Can do what the activity needs.
    Skilled,
    /// Helps in its place.
    Nearby,
}

/// An approved volunteer who suits an activity, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerMatch {
    pub volunteer: Volunteer,
    pub reasons: Vec<MatchReason>,
}

/// The skills an activity of `kind` asks for.
fn skills_for(kind: super::ActivityKind) -> &'static [Skill] {
    use super::ActivityKind::*;
    match kind {
        Workshop => &[Skill::Tutoring, Skill::CraftsCooking, Skill::DigitalHelp],
        IntegrationEvent => &[Skill::Events, Skill::CraftsCooking],
        Campaign => &[Skill::Events, Skill::Translation],
        SelfHelpGroup => &[Skill::Companionship],
        SocialProject => &[Skill::Events, Skill::Companionship, Skill::Shopping],
        VolunteerClub => &Skill::ALL,
    }
}

/// Why `volunteer` suits `activity` (empty: not at all).
pub fn match_reasons(volunteer: &Volunteer, activity: &Activity) -> Vec<MatchReason> {
    let mut reasons = Vec::new();
    if volunteer
        .availability
        .contains(&Availability::of(activity.starts_at))
    {
        reasons.push(MatchReason::Available);
    }
    if volunteer
        .skills
        .iter()
        .any(|skill| skills_for(activity.kind).contains(skill))
    {
        reasons.push(MatchReason::Skilled);
    }
    let areas = volunteer.areas.to_lowercase();
    let place = format!("{} {}", activity.place, activity.community_name).to_lowercase();
    if place
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| word.chars().count() >= 4 && areas.contains(word))
    {
        reasons.push(MatchReason::Nearby);
    }
    reasons
}

/// The approved volunteers who suit `activity`, best first (the most reasons, then by name).
pub fn best_matches(volunteers: Vec<Volunteer>, activity: &Activity) -> Vec<VolunteerMatch> {
    let mut matches: Vec<VolunteerMatch> = volunteers
        .into_iter()
        .filter(|v| v.status == VolunteerStatus::Approved)
        .map(|volunteer| VolunteerMatch {
            reasons: match_reasons(&volunteer, activity),
            volunteer,
        })
        .filter(|m| !m.reasons.is_empty())
        .collect();
    matches.sort_by(|a, b| {
        b.reasons
            .len()
            .cmp(&a.reasons.len())
            .then_with(|| a.volunteer.name.cmp(&b.volunteer.name))
    });
    matches
}

/// A volunteer's page for the staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerFile {
    pub volunteer: Volunteer,
    pub assignments: Vec<Assignment>,
    /// Upcoming activities that need volunteers (id, title, when), to propose.
    pub open_activities: Vec<(String, String, DateTime<Utc>)>,
    pub may_edit: bool,
}

/// What a volunteer sees through their link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyVolunteering {
    pub volunteer: Volunteer,
    pub assignments: Vec<Assignment>,
}

/// Minutes recorded across `assignments`.
pub fn total_minutes(assignments: &[Assignment]) -> u32 {
    assignments.iter().filter_map(|a| a.minutes).sum()
}

#[server(prefix = "/api", endpoint = "offer_volunteering")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn offer_volunteering(input: VolunteerForm) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    let this_year = crate::domain::warsaw_date(access.state.clock.now()).year();
    let offer = input.parse(this_year)?;
    if !input.website.is_empty() {
        tracing::info!("volunteer offer with the honeypot filled: dropped");
        leptos_axum::redirect("/wolontariat");
        return Ok(());
    }
    let path = server::offer(&access, &offer).await?;
    leptos_axum::redirect(&path);
    Ok(())
}

#[server(prefix = "/api", endpoint = "my_volunteering")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_my_volunteering(token: String) -> Result<MyVolunteering, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    let mine = server::mine(&access, &token).await?;
    server::audit(&access, &mine.volunteer.id, crate::audit::AuditAction::Read).await?;
    Ok(mine)
}

#[server(prefix = "/api", endpoint = "answer_assignment")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn answer_assignment(
    token: String,
    assignment: String,
    /// `yes` to confirm, anything else declines.
    answer: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    let mine = server::mine(&access, &token).await?;
    let status = match answer.as_str() {
        "yes" => AssignmentStatus::Confirmed,
        _ => AssignmentStatus::Declined,
    };
    access
        .state
        .store
        .answer_assignment(
            &mine.volunteer.id,
            &assignment,
            status,
            access.state.clock.now(),
        )
        .await?;
    server::audit(
        &access,
        &mine.volunteer.id,
        crate::audit::AuditAction::Update,
    )
    .await?;
    leptos_axum::redirect(&format!("/wolontariat/{token}?odpowiedz=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "volunteers")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_volunteers() -> Result<Vec<Volunteer>, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ReadCommunity).await?;
    let volunteers = access.state.store.volunteers().await?;
    server::audit(&access, "list", crate::audit::AuditAction::Read).await?;
    Ok(volunteers)
}

#[server(prefix = "/api", endpoint = "volunteer")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_volunteer(id: String) -> Result<VolunteerFile, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ReadCommunity).await?;
    let store = &access.state.store;
    let file = VolunteerFile {
        volunteer: store.volunteer(&id).await?,
        assignments: store.assignments_of_volunteer(&id).await?,
        open_activities: store
            .activities_needing_volunteers(access.state.clock.now())
            .await?,
        may_edit: Permission::OrganiseCommunity.allowed_for(&access.signed_in()?.roles),
    };
    server::audit(&access, &id, crate::audit::AuditAction::Read).await?;
    Ok(file)
}

#[server(prefix = "/api", endpoint = "decide_volunteer")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn decide_volunteer(
    id: String,
    /// Radio buttons: absent when none is chosen.
    #[server(default)]
    decision: String,
    #[server(default)] from: String,
    #[server(default)] until: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    use crate::programme::forms::Checker;
    let access = require(Permission::OrganiseCommunity).await?;
    let by = access.signed_in()?.id.clone();
    let mut check = Checker::default();
    let status = check.choice("decision", &decision, |code| {
        VolunteerStatus::from_code(code).filter(|s| *s != VolunteerStatus::Applied)
    });
    let note = check.text("note", &note);
    let period = if status == Some(VolunteerStatus::Approved) {
        let from = check.date("from", &from);
        let until = check.date("until", &until);
        if from.zip(until).is_some_and(|(from, until)| until < from) {
            check.fail("until", "period_order");
        }
        from.zip(until)
    } else {
        if note.is_empty() {
            check.fail("note", "required");
        }
        None
    };
    check.finish(()).map_err(AppError::Invalid)?;
    let status = status.ok_or(AppError::NotFound)?;
    access
        .state
        .store
        .decide_volunteer(&id, status, period, &note, &by, access.state.clock.now())
        .await?;
    server::audit(&access, &id, crate::audit::AuditAction::Update).await?;
    leptos_axum::redirect(&format!("/pracownik/wolontariusze/{id}?decyzja=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "propose_assignment")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn propose_assignment(
    volunteer: String,
    #[server(default)] activity: String,
    #[server(default)] role: String,
    /// Where to go back: the volunteer's page or the activity's.
    #[server(default)]
    back: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::OrganiseCommunity).await?;
    let mut errors = FieldErrors::new();
    let role = super::forms::check_short(&mut errors, "role", &role, false);
    let store = &access.state.store;
    let found = match activity.trim() {
        "" => None,
        id => store.activity(id).await.ok(),
    };
    if found.is_none() {
        errors.insert("activity".into(), "choose_one".into());
    }
    let joining = store.volunteer(&volunteer).await?;
    if joining.status != VolunteerStatus::Approved {
        errors.insert("activity".into(), "volunteer_not_approved".into());
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let activity = found.ok_or(AppError::NotFound)?;
    store
        .insert_assignment(&volunteer, &activity.id, &role, access.state.clock.now())
        .await?;
    server::audit(&access, &volunteer, crate::audit::AuditAction::Update).await?;
    server::tell_volunteer(&access, &joining, &activity).await?;
    let back = match back.as_str() {
        "activity" => format!("/pracownik/wydarzenia/{}?zaproponowano=1", activity.id),
        _ => format!("/pracownik/wolontariusze/{volunteer}?zaproponowano=1"),
    };
    leptos_axum::redirect(&back);
    Ok(())
}

#[server(prefix = "/api", endpoint = "record_volunteer_hours")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn record_volunteer_hours(
    volunteer: String,
    assignment: String,
    #[server(default)] hours: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::OrganiseCommunity).await?;
    let field = format!("hours-{assignment}");
    let minutes = parse_hours(&hours).ok_or_else(|| AppError::invalid(&field, "hours_invalid"))?;
    let now = access.state.clock.now();
    access
        .state
        .store
        .record_volunteer_hours(&volunteer, &assignment, minutes, now)
        .await
        .map_err(|err| match err {
            crate::store::StoreError::Conflict => AppError::invalid(&field, "hours_not_confirmed"),
            other => other.into(),
        })?;
    server::audit(&access, &volunteer, crate::audit::AuditAction::Update).await?;
    leptos_axum::redirect(&format!("/pracownik/wolontariusze/{volunteer}?godziny=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "volunteer_matches")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_volunteer_matches(
    activity: String,
) -> Result<(Vec<VolunteerMatch>, Vec<Assignment>), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ReadCommunity).await?;
    let store = &access.state.store;
    let found = store.activity(&activity).await?;
    let assigned = store.assignments_of_activity(&activity).await?;
    let volunteers = store
        .volunteers()
        .await?
        .into_iter()
        .filter(|v| assigned.iter().all(|a| a.volunteer_id != v.id))
        .collect();
    server::audit(&access, "matches", crate::audit::AuditAction::Read).await?;
    Ok((best_matches(volunteers, &found), assigned))
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::{MyVolunteering, NewVolunteer, Volunteer};
    use crate::audit::{AuditAction, AuditEvent};
    use crate::community::Activity;
    use crate::domain::Email;
    use crate::error::AppError;
    use crate::gate::Access;
    use crate::i18n::*;
    use crate::identity::credentials::{hash_secret, random_token};

    /// Volunteers' personal data is audited like a case's.
    pub async fn audit(access: &Access, id: &str, action: AuditAction) -> Result<(), AppError> {
        let event = AuditEvent {
            record_type: Some("volunteer".into()),
            record_id: Some(id.into()),
            purpose: Some("volunteering".into()),
            ..access.event(action)
        };
        access.record(&event).await
    }

    /// Records an offer (once per contact) and answers the volunteer's page.
    pub async fn offer(access: &Access, offer: &NewVolunteer) -> Result<String, AppError> {
        let token = random_token();
        let locale = crate::preferences::visitor_locale();
        let now = access.state.clock.now();
        let store = &access.state.store;
        let Some(id) = store
            .insert_volunteer(
                offer,
                &hash_secret(&token),
                leptos_i18n::Locale::as_str(locale),
                now,
            )
            .await?
        else {
            return Ok("/wolontariat?juz=1".into());
        };
        audit(access, &id, AuditAction::Create).await?;
        if let Ok(email) = Email::parse(&offer.email) {
            let base = access.state.centre.portal_url.trim_end_matches('/');
            let body = format!(
                "{}\n\n{}\n{base}/wolontariat/{token}\n\n{}\n{}",
                td_string!(locale, volunteers.mail_thanks),
                td_string!(locale, volunteers.mail_link),
                access.state.centre.name,
                access.state.centre.phone,
            );
            store
                .enqueue_email(
                    &email,
                    td_string!(locale, volunteers.mail_subject),
                    &body,
                    now,
                )
                .await?;
        }
        Ok(format!("/wolontariat/{token}"))
    }

    /// The volunteer the link's token belongs to, with their assignments.
    pub async fn mine(access: &Access, token: &str) -> Result<MyVolunteering, AppError> {
        let store = &access.state.store;
        let volunteer = store.volunteer_by_token(&hash_secret(token)).await?;
        let assignments = store.assignments_of_volunteer(&volunteer.id).await?;
        Ok(MyVolunteering {
            volunteer,
            assignments,
        })
    }

    /// Tells a volunteer with an e-mail address that they were proposed for `activity`.
    pub async fn tell_volunteer(
        access: &Access,
        volunteer: &Volunteer,
        activity: &Activity,
    ) -> Result<(), AppError> {
        let Ok(email) = Email::parse(&volunteer.email) else {
            return Ok(());
        };
        let locale = crate::preferences::locale_of(
            &access.state.store.volunteer_locale(&volunteer.id).await?,
        );
        let body = format!(
            "{}\n\n{}\n{}\n{}\n\n{}",
            td_string!(locale, volunteers.mail_proposed),
            activity.title,
            crate::domain::warsaw_display(activity.starts_at),
            activity.place,
            td_string!(locale, volunteers.mail_answer),
        );
        access
            .state
            .store
            .enqueue_email(
                &email,
                td_string!(locale, volunteers.mail_subject),
                &body,
                access.state.clock.now(),
            )
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> VolunteerForm {
        VolunteerForm {
            name: "Stanisław Wolny".into(),
            phone: "600 200 300".into(),
            birth_year: "1951".into(),
            skills: vec!["driving".into(), "shopping".into()],
            availability: vec!["weekday_mornings".into()],
            areas: "Braciejowa, Dębica".into(),
            consent: Some("yes".into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_senior_offers_help_with_a_phone_skills_and_times() {
        let offer = form().parse(2026).expect("a complete offer");
        assert_eq!(offer.contact_key, "+48600200300");
        assert_eq!(offer.birth_year, Some(1951));
        assert_eq!(offer.skills, [Skill::Driving, Skill::Shopping]);
        let Err(AppError::Invalid(errors)) = VolunteerForm {
            phone: String::new(),
            birth_year: "2015".into(),
            skills: Vec::new(),
            consent: None,
            ..form()
        }
        .parse(2026) else {
            panic!("an incomplete offer was accepted");
        };
        assert_eq!(errors["email"], "contact_required");
        assert_eq!(errors["birth_year"], "volunteer_minor");
        assert_eq!(errors["skills"], "choose_at_least_one");
        assert_eq!(errors["consent"], "consent_required");
    }

    #[test]
    fn hours_are_typed_as_decimals_or_hours_and_minutes() {
        assert_eq!(parse_hours("2"), Some(120));
        assert_eq!(parse_hours("2,5"), Some(150));
        assert_eq!(parse_hours("1:45"), Some(105));
        assert_eq!(parse_hours("0"), None);
        assert_eq!(parse_hours("1:75"), None);
        assert_eq!(parse_hours("dużo"), None);
        assert_eq!(hours_text(150), "2 h 30 min");
    }

    #[test]
    fn volunteers_are_matched_by_time_skill_and_place() {
        // Tuesday 1 December 2026, 10:00 in Warsaw: a weekday morning.
        let starts_at: DateTime<Utc> = "2026-12-01T09:00:00Z".parse().unwrap();
        assert_eq!(Availability::of(starts_at), Availability::WeekdayMornings);
        let activity = Activity {
            id: "a".into(),
            community_id: "c".into(),
            community_name: "Sołectwo Braciejowa".into(),
            kind: super::super::ActivityKind::SelfHelpGroup,
            title: "Kawiarenka".into(),
            description: String::new(),
            starts_at,
            ends_at: starts_at,
            place: "Świetlica, Braciejowa 1".into(),
            accessibility: Default::default(),
            capacity: 10,
            public: true,
            partners: String::new(),
            volunteers_needed: 2,
            area: crate::domain::ServiceArea::Culture,
            target_group: crate::programme::TargetGroup::Seniors,
            registered: 0,
            waiting: 0,
            goal_id: None,
            supporting: None,
            attendance: None,
        };
        let volunteer = |name: &str, skills: Vec<Skill>, areas: &str| Volunteer {
            id: name.into(),
            name: name.into(),
            email: String::new(),
            phone: String::new(),
            birth_year: None,
            skills,
            availability: vec![Availability::WeekdayMornings],
            areas: areas.into(),
            languages: String::new(),
            driving_licence: false,
            about: String::new(),
            status: VolunteerStatus::Approved,
            decision_note: String::new(),
            agreement_from: None,
            agreement_until: None,
            created_at: starts_at,
        };
        let matches = best_matches(
            vec![
                volunteer("Anna", vec![Skill::DigitalHelp], "Dębica"),
                volunteer("Basia", vec![Skill::Companionship], "Braciejowa i okolice"),
            ],
            &activity,
        );
        assert_eq!(matches[0].volunteer.name, "Basia");
        assert_eq!(
            matches[0].reasons,
            [
                MatchReason::Available,
                MatchReason::Skilled,
                MatchReason::Nearby
            ]
        );
        assert_eq!(matches[1].reasons, [MatchReason::Available]);
    }
}
