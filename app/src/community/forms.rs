//! What the community forms read: a community, a move between stages, an activity and a
//! sign-up, each checked field by field (the keys of `FieldErrors` are the form's field ids).

use super::{Accessibility, ActivityKind, CommunityKind, Stage, Territory};
use crate::domain::{Email, PhoneNumber, ServiceArea, Teryt};
use crate::error::{AppError, FieldErrors};
use crate::forms::check_text;
use crate::programme::TargetGroup;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// Longest name, title, place or contact, in characters.
const MAX_SHORT: usize = 200;
/// Most places an activity can offer.
const MAX_CAPACITY: u32 = 10_000;

/// A short text: trimmed, `required` when empty, `too_long` past `MAX_SHORT`.
pub(super) fn check_short(
    errors: &mut FieldErrors,
    field: &str,
    text: &str,
    required: bool,
) -> String {
    let text = text.trim();
    if required && text.is_empty() {
        errors.insert(field.into(), "required".into());
    } else if text.chars().count() > MAX_SHORT {
        errors.insert(field.into(), "too_long".into());
    }
    text.to_owned()
}

/// A coded choice, `choose_one` when missing or unknown.
pub(super) fn check_choice<T>(
    errors: &mut FieldErrors,
    field: &str,
    code: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let value = parse(code.trim());
    if value.is_none() {
        errors.insert(field.into(), "choose_one".into());
    }
    value
}

/// A whole number from 0 to `max` (empty = 0).
pub(super) fn check_count(errors: &mut FieldErrors, field: &str, text: &str, max: u32) -> u32 {
    let text = text.trim();
    if text.is_empty() {
        return 0;
    }
    match text.parse::<u32>() {
        Ok(n) if n <= max => n,
        _ => {
            errors.insert(field.into(), "number_invalid".into());
            0
        }
    }
}

/// A whole number from 0 to `max`, `None` when left empty.
pub(super) fn check_optional_count(
    errors: &mut FieldErrors,
    field: &str,
    text: &str,
    max: u32,
) -> Option<u32> {
    (!text.trim().is_empty()).then(|| check_count(errors, field, text, max))
}

/// A community as its form describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCommunity {
    pub name: String,
    pub kind: CommunityKind,
    pub territory: Option<Territory>,
    pub place: String,
    pub teryt: String,
    pub target_group: Option<TargetGroup>,
    pub description: String,
}

impl NewCommunity {
    /// A territorial community needs its kind of area and its place; a categorial one its
    /// target group.
    pub fn parse(
        name: &str,
        kind: &str,
        territory: &str,
        place: &str,
        teryt: &str,
        group: &str,
        description: &str,
    ) -> Result<Self, AppError> {
        let mut errors = FieldErrors::new();
        let name = check_short(&mut errors, "name", name, true);
        let kind = check_choice(&mut errors, "kind", kind, CommunityKind::from_code);
        let territorial = kind == Some(CommunityKind::Territorial);
        let territory = if territorial {
            check_choice(&mut errors, "territory", territory, Territory::from_code)
        } else {
            None
        };
        let place = check_short(&mut errors, "place", place, territorial);
        let teryt = match teryt.trim() {
            "" => String::new(),
            code => match Teryt::parse(code) {
                Ok(teryt) => teryt.to_string(),
                Err(_) => {
                    errors.insert("teryt".into(), "teryt_invalid".into());
                    String::new()
                }
            },
        };
        let target_group = if kind == Some(CommunityKind::Categorial) {
            check_choice(&mut errors, "group", group, TargetGroup::from_code)
        } else {
            None
        };
        let description = check_text(&mut errors, "description", description, false);
        match kind {
            Some(kind) if errors.is_empty() => Ok(NewCommunity {
                name,
                kind,
                territory,
                place,
                teryt,
                target_group,
                description,
            }),
            _ => Err(AppError::Invalid(errors)),
        }
    }
}

/// A move to another stage, with its reason.
pub fn parse_stage_move(
    current: Stage,
    to: &str,
    reason: &str,
) -> Result<(Stage, String), AppError> {
    let mut errors = FieldErrors::new();
    let to = check_choice(&mut errors, "stage", to, Stage::from_code);
    if to == Some(current) {
        errors.insert("stage".into(), "stage_same".into());
    }
    let reason = check_text(&mut errors, "reason", reason, true);
    match to {
        Some(to) if errors.is_empty() => Ok((to, reason)),
        _ => Err(AppError::Invalid(errors)),
    }
}

/// An activity as its form describes it; times are Warsaw's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewActivity {
    pub kind: ActivityKind,
    pub title: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: String,
    pub accessibility: Accessibility,
    pub capacity: u32,
    pub public: bool,
    pub partners: String,
    pub volunteers_needed: u32,
    pub area: ServiceArea,
    pub target_group: TargetGroup,
    /// The plan goal it serves (checked against the plan by the server function).
    pub goal_id: Option<String>,
    /// The programme's supporting activity it is part of (checked by the server function).
    pub supporting_activity_id: Option<String>,
}

/// The activity form's fields as typed (a ticked box is `Some`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityForm {
    pub kind: String,
    pub title: String,
    pub description: String,
    /// `YYYY-MM-DD`.
    pub day: String,
    /// `HH:MM`, Warsaw time.
    pub starts: String,
    pub ends: String,
    pub place: String,
    pub step_free: Option<String>,
    pub hearing_loop: Option<String>,
    pub sign_language: Option<String>,
    pub capacity: String,
    pub public: Option<String>,
    pub partners: String,
    pub volunteers: String,
    pub area: String,
    pub group: String,
    /// A goal's id of the community's plan, or empty.
    pub goal: String,
    /// A supporting activity's id of a published programme, or empty.
    pub supporting: String,
}

/// A Warsaw wall-clock time on `day` as a moment; `None` for a time that does not exist there
/// (the hour skipped when summer time starts).
pub fn warsaw_moment(day: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    chrono_tz::Europe::Warsaw
        .from_local_datetime(&NaiveDateTime::new(day, time))
        .earliest()
        .map(|at| at.with_timezone(&Utc))
}

impl ActivityForm {
    /// The activity, or the errors by field; it must not start before `now`.
    pub fn parse(&self, now: DateTime<Utc>) -> Result<NewActivity, AppError> {
        let mut errors = FieldErrors::new();
        let kind = check_choice(&mut errors, "kind", &self.kind, ActivityKind::from_code);
        let title = check_short(&mut errors, "title", &self.title, true);
        let description = check_text(&mut errors, "description", &self.description, false);
        let day = match NaiveDate::parse_from_str(self.day.trim(), "%Y-%m-%d") {
            Ok(day) => Some(day),
            Err(_) => {
                errors.insert("day".into(), "date_invalid".into());
                None
            }
        };
        let mut time = |field: &str, text: &str| {
            let time = NaiveTime::parse_from_str(text.trim(), "%H:%M").ok();
            let at = day
                .zip(time)
                .and_then(|(day, time)| warsaw_moment(day, time));
            if time.is_none() || (day.is_some() && at.is_none()) {
                errors.insert(field.into(), "time_invalid".into());
            }
            at
        };
        let starts_at = time("starts", &self.starts);
        let ends_at = time("ends", &self.ends);
        if let Some(starts_at) = starts_at {
            if starts_at < now {
                errors.insert("day".into(), "date_in_past".into());
            }
            if ends_at.is_some_and(|ends_at| ends_at <= starts_at) {
                errors.insert("ends".into(), "end_before_start".into());
            }
        }
        let place = check_short(&mut errors, "place", &self.place, true);
        let capacity = check_count(&mut errors, "capacity", &self.capacity, MAX_CAPACITY);
        if capacity == 0 && !errors.contains_key("capacity") {
            errors.insert("capacity".into(), "capacity_positive".into());
        }
        let partners = check_text(&mut errors, "partners", &self.partners, false);
        let volunteers_needed =
            check_count(&mut errors, "volunteers", &self.volunteers, MAX_CAPACITY);
        let area = check_choice(&mut errors, "area", &self.area, ServiceArea::from_code);
        let target_group = check_choice(&mut errors, "group", &self.group, TargetGroup::from_code);
        match (kind, starts_at, ends_at, area, target_group) {
            (Some(kind), Some(starts_at), Some(ends_at), Some(area), Some(target_group))
                if errors.is_empty() =>
            {
                Ok(NewActivity {
                    kind,
                    title,
                    description,
                    starts_at,
                    ends_at,
                    place,
                    accessibility: Accessibility {
                        step_free: self.step_free.is_some(),
                        hearing_loop: self.hearing_loop.is_some(),
                        sign_language: self.sign_language.is_some(),
                    },
                    capacity,
                    public: self.public.is_some(),
                    partners,
                    volunteers_needed,
                    area,
                    target_group,
                    goal_id: Some(self.goal.trim().to_owned()).filter(|id| !id.is_empty()),
                    supporting_activity_id: Some(self.supporting.trim().to_owned())
                        .filter(|id| !id.is_empty()),
                })
            }
            _ => Err(AppError::Invalid(errors)),
        }
    }
}

/// A sign-up: who and how to reach them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignUp {
    pub name: String,
    /// As typed (trimmed).
    pub contact: String,
    /// The contact in one form (an e-mail address or `+48…`): one sign-up per person.
    pub contact_key: String,
    /// Where confirmations go, when the contact is an e-mail address.
    pub email: Option<String>,
}

impl SignUp {
    /// A name, an e-mail address or a phone number, and the consent to keep them.
    pub fn parse(name: &str, contact: &str, consent: bool) -> Result<Self, AppError> {
        let mut errors = FieldErrors::new();
        let name = check_short(&mut errors, "name", name, true);
        let contact = contact.trim().to_owned();
        let (contact_key, email) = if contact.is_empty() {
            errors.insert("contact".into(), "required".into());
            (String::new(), None)
        } else if contact.contains('@') {
            match Email::parse(&contact) {
                Ok(email) => {
                    let key = email.as_str().to_lowercase();
                    (key.clone(), Some(key))
                }
                Err(_) => {
                    errors.insert("contact".into(), "email_invalid".into());
                    (String::new(), None)
                }
            }
        } else {
            match PhoneNumber::parse(&contact) {
                Ok(phone) => (phone.as_str().to_owned(), None),
                Err(_) => {
                    errors.insert("contact".into(), "contact_invalid".into());
                    (String::new(), None)
                }
            }
        };
        if !consent {
            errors.insert("consent".into(), "consent_required".into());
        }
        if errors.is_empty() {
            Ok(SignUp {
                name,
                contact,
                contact_key,
                email,
            })
        } else {
            Err(AppError::Invalid(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(result: Result<impl std::fmt::Debug, AppError>) -> FieldErrors {
        match result {
            Err(AppError::Invalid(errors)) => errors,
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn a_territorial_community_needs_its_area_and_place() {
        let community = NewCommunity::parse(
            " Sołectwo Braciejowa ",
            "territorial",
            "solectwo",
            "Braciejowa",
            "1803032",
            "seniors",
            "",
        )
        .unwrap();
        assert_eq!(community.name, "Sołectwo Braciejowa");
        assert_eq!(community.territory, Some(Territory::Village));
        assert_eq!(community.target_group, None);
        let errors = errors(NewCommunity::parse("", "territorial", "", "", "12", "", ""));
        assert_eq!(errors["name"], "required");
        assert_eq!(errors["territory"], "choose_one");
        assert_eq!(errors["place"], "required");
        assert_eq!(errors["teryt"], "teryt_invalid");
    }

    #[test]
    fn a_categorial_community_needs_its_group() {
        let community =
            NewCommunity::parse("Seniorzy", "categorial", "osiedle", "", "", "seniors", "")
                .unwrap();
        assert_eq!(community.territory, None);
        assert_eq!(community.target_group, Some(TargetGroup::Seniors));
        let errors = errors(NewCommunity::parse(
            "Seniorzy",
            "categorial",
            "",
            "",
            "",
            "",
            "",
        ));
        assert_eq!(errors["group"], "choose_one");
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn a_stage_move_goes_somewhere_else_with_a_reason() {
        let (stage, reason) =
            parse_stage_move(Stage::Diagnosis, "addressees", " mapa gotowa ").unwrap();
        assert_eq!((stage, reason.as_str()), (Stage::Addressees, "mapa gotowa"));
        let errors = errors(parse_stage_move(Stage::Diagnosis, "diagnosis", ""));
        assert_eq!(errors["stage"], "stage_same");
        assert_eq!(errors["reason"], "required");
        assert_eq!(Stage::Evaluation.number(), 6);
    }

    fn workshop() -> ActivityForm {
        ActivityForm {
            kind: "workshop".into(),
            title: "Warsztaty kulinarne".into(),
            day: "2027-03-28".into(),
            starts: "17:00".into(),
            ends: "19:30".into(),
            place: "Świetlica w Braciejowej".into(),
            capacity: "12".into(),
            public: Some("yes".into()),
            area: "public_education".into(),
            group: "seniors".into(),
            step_free: Some("yes".into()),
            ..Default::default()
        }
    }

    #[test]
    fn an_activity_reads_warsaw_time_across_summer_time() {
        let now = at("2027-01-10T10:00:00Z");
        let activity = workshop().parse(now).unwrap();
        // 28 March 2027 is the first day of summer time: 17:00 in Warsaw is 15:00 UTC.
        assert_eq!(activity.starts_at, at("2027-03-28T15:00:00Z"));
        assert_eq!(activity.ends_at, at("2027-03-28T17:30:00Z"));
        assert!(activity.accessibility.step_free);
        let winter = ActivityForm {
            day: "2027-03-27".into(),
            ..workshop()
        };
        assert_eq!(
            winter.parse(now).unwrap().starts_at,
            at("2027-03-27T16:00:00Z")
        );
        // 02:30 does not exist in Warsaw that night.
        let skipped = ActivityForm {
            starts: "02:30".into(),
            ..workshop()
        };
        assert_eq!(errors(skipped.parse(now))["starts"], "time_invalid");
    }

    #[test]
    fn an_activity_refuses_what_cannot_happen() {
        let now = at("2027-04-01T10:00:00Z");
        let form = ActivityForm {
            ends: "16:00".into(),
            capacity: "0".into(),
            volunteers: "dużo".into(),
            title: String::new(),
            ..workshop()
        };
        let errors = errors(form.parse(now));
        assert_eq!(errors["day"], "date_in_past");
        assert_eq!(errors["ends"], "end_before_start");
        assert_eq!(errors["capacity"], "capacity_positive");
        assert_eq!(errors["volunteers"], "number_invalid");
        assert_eq!(errors["title"], "required");
        let unreadable = ActivityForm {
            day: "jutro".into(),
            starts: "5 po".into(),
            ..workshop()
        };
        let errors = super::tests::errors(unreadable.parse(now));
        assert_eq!(errors["day"], "date_invalid");
        assert_eq!(errors["starts"], "time_invalid");
    }

    #[test]
    fn a_sign_up_takes_an_email_or_a_phone_and_consent() {
        let by_mail = SignUp::parse("Anna Nowak", " Anna.Nowak@Example.PL ", true).unwrap();
        assert_eq!(by_mail.contact_key, "anna.nowak@example.pl");
        assert_eq!(by_mail.email.as_deref(), Some("anna.nowak@example.pl"));
        let by_phone = SignUp::parse("Jan", "600 100 200", true).unwrap();
        assert_eq!(by_phone.contact_key, "+48600100200");
        assert_eq!(by_phone.email, None);
        let errors = errors(SignUp::parse(" ", "12", false));
        assert_eq!(errors["name"], "required");
        assert_eq!(errors["contact"], "contact_invalid");
        assert_eq!(errors["consent"], "consent_required");
        let errors = super::tests::errors(SignUp::parse("Jan", "jan@", true));
        assert_eq!(errors["contact"], "email_invalid");
    }
}
