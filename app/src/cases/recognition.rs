//! Needs recognition (rozpoznanie indywidualnych potrzeb): an optional conversation agreed with
//! the applicant — when, where, who took part, the needs found, the services already used and
//! the proposal — recorded in the case and printable for signatures.

use crate::domain::coded::coded_enum;
use crate::domain::label::labels;
use crate::error::{AppError, FieldErrors};
use crate::forms::{check_past_day, check_text};
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

coded_enum! {
    /// Where the recognition took place.
    RecognitionPlace {
        Centre = "centre",
        Home = "home",
        Other = "other",
    }
}

labels!(RecognitionPlace, recognition {
    Centre => place_centre,
    Home => place_home,
    Other => place_other,
});

/// The form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecognitionForm {
    /// `YYYY-MM-DD`.
    pub held_on: String,
    pub place: String,
    /// Where exactly, for "other".
    pub place_detail: String,
    pub participants: String,
    pub needs: String,
    pub services_used: String,
    pub proposal: String,
}

/// A recorded needs recognition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedsRecognition {
    pub id: String,
    pub held_on: NaiveDate,
    pub place: RecognitionPlace,
    pub place_detail: String,
    pub participants: String,
    pub needs: String,
    pub services_used: String,
    pub proposal: String,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

impl RecognitionForm {
    /// The recognition, or the errors keyed by field. It cannot be dated after `today`.
    pub fn check(&self, today: NaiveDate) -> Result<NeedsRecognition, FieldErrors> {
        let mut errors = FieldErrors::new();
        let held_on = check_past_day(&mut errors, "held_on", &self.held_on, today);
        let place = RecognitionPlace::from_code(self.place.trim());
        if place.is_none() {
            errors.insert("place".into(), "choose_one".into());
        }
        let other = place == Some(RecognitionPlace::Other);
        let place_detail = check_text(&mut errors, "place_detail", &self.place_detail, other);
        let participants = check_text(&mut errors, "participants", &self.participants, true);
        let needs = check_text(&mut errors, "needs", &self.needs, true);
        let services_used = check_text(&mut errors, "services_used", &self.services_used, false);
        let proposal = check_text(&mut errors, "proposal", &self.proposal, true);
        match (held_on, place) {
            (Some(held_on), Some(place)) if errors.is_empty() => Ok(NeedsRecognition {
                id: String::new(),
                held_on,
                place,
                place_detail,
                participants,
                needs,
                services_used,
                proposal,
                recorded_by: String::new(),
                recorded_at: DateTime::<Utc>::MIN_UTC,
            }),
            _ => Err(errors),
        }
    }
}

#[server(prefix = "/api", endpoint = "record_recognition")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn record_recognition(id: String, form: RecognitionForm) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::QualifyAndPlan).await?;
    let (application, _) = crate::cases::access::server::case_to_act(&access, &id).await?;
    let user = access.signed_in()?;
    let now = access.state.clock.now();
    let recognition = form
        .check(crate::domain::warsaw_date(now))
        .map_err(AppError::Invalid)?;
    access
        .state
        .store
        .record_recognition(&id, &recognition, &user.id, now)
        .await?;
    super::handling::server::audit_change(&access, &application, "needs_recognition").await
}

/// The printable record (Typst), in Polish like the case file it belongs to.
#[cfg(feature = "ssr")]
pub mod record {
    use super::*;
    use crate::documents::Letterhead;

    #[derive(Serialize)]
    struct Record {
        centre: Letterhead,
        heading: String,
        rows: Vec<[String; 2]>,
        sections: Vec<[String; 2]>,
        signatures: Vec<String>,
    }

    fn place_text(recognition: &NeedsRecognition) -> String {
        let place = match recognition.place {
            RecognitionPlace::Centre => "w siedzibie centrum",
            RecognitionPlace::Home => "w miejscu zamieszkania osoby",
            RecognitionPlace::Other => "w innym miejscu",
        };
        if recognition.place_detail.is_empty() {
            place.to_owned()
        } else {
            format!("{place}: {}", recognition.place_detail)
        }
    }

    pub fn render(
        centre: &crate::centre::CentreInfo,
        application: &crate::applications::Application,
        recognition: &NeedsRecognition,
    ) -> Result<Vec<u8>, crate::documents::DocumentError> {
        let record = Record {
            centre: Letterhead::of(centre),
            heading: "Notatka z rozpoznania indywidualnych potrzeb".into(),
            rows: vec![
                [
                    "Znak sprawy".into(),
                    application.case_number.clone().unwrap_or_default(),
                ],
                ["Osoba".into(), application.subject.name.clone()],
                [
                    "Data".into(),
                    super::super::decision::polish_date(recognition.held_on),
                ],
                ["Miejsce".into(), place_text(recognition)],
                ["Uczestnicy".into(), recognition.participants.clone()],
            ],
            sections: vec![
                ["Rozpoznane potrzeby".into(), recognition.needs.clone()],
                [
                    "Usługi i wsparcie, z których osoba już korzysta".into(),
                    recognition.services_used.clone(),
                ],
                ["Propozycja".into(), recognition.proposal.clone()],
            ],
            signatures: vec![
                "podpis osoby (przedstawiciela)".into(),
                "podpis koordynatora".into(),
            ],
        };
        crate::documents::render_pdf("recognition.typ", &record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> RecognitionForm {
        RecognitionForm {
            held_on: "2026-11-20".into(),
            place: "home".into(),
            participants: "Halina Kowalska, Anna Opiekunka (córka), koordynator".into(),
            needs: "Pomoc w zakupach i sprzątaniu dwa razy w tygodniu".into(),
            proposal: "Usługi opiekuńcze 8 godzin tygodniowo".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_recognition_needs_its_date_place_people_needs_and_proposal() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let recognition = form().check(today).unwrap();
        assert_eq!(recognition.place, RecognitionPlace::Home);
        let errors = RecognitionForm::default().check(today).unwrap_err();
        for field in ["held_on", "place", "participants", "needs", "proposal"] {
            assert!(errors.contains_key(field), "{field}");
        }
        let later = RecognitionForm {
            held_on: "2026-12-01".into(),
            place: "other".into(),
            ..form()
        };
        let errors = later.check(today).unwrap_err();
        assert_eq!(errors["held_on"], "date_in_future");
        assert_eq!(errors["place_detail"], "required");
    }
}
