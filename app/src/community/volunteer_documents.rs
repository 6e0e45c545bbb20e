//! A volunteer's two documents, in Polish: the agreement (porozumienie, art. 44 of the act on
//! public benefit activity and volunteering) once approved, and the certificate of the work done
//! (art. 44 ust. 5) once hours are recorded. The volunteer downloads them through their link
//! (`/wolontariat/{token}/porozumienie.pdf`, `…/zaswiadczenie.pdf`), the staff from the
//! volunteer's page (`/pracownik/wolontariusze/{id}/…`, `ReadCommunity`); both are audited.
//! Typeset with the record layout (`recognition.typ`: heading, rows, sections, signatures).

use super::volunteers::{
    Assignment, AssignmentStatus, Skill, Volunteer, hours_text, total_minutes,
};
use crate::applications::files::{File, failure, file_response};
use crate::documents::{Letterhead, render_pdf, typeset};
use crate::domain::date_display;
use crate::error::AppError;
use crate::gate::{Access, Permission, request_parts, require_with};
use crate::state::AppState;
use axum::extract::{Path, Request, State};
use axum::response::Response;
use serde::Serialize;

#[derive(Serialize)]
struct Record {
    centre: Letterhead,
    heading: String,
    rows: Vec<[String; 2]>,
    sections: Vec<[String; 2]>,
    signatures: Vec<String>,
}

fn skill_text(skill: Skill) -> &'static str {
    match skill {
        Skill::Companionship => "towarzyszenie i rozmowa",
        Skill::Shopping => "zakupy i sprawy do załatwienia",
        Skill::Driving => "przewóz samochodem",
        Skill::DigitalHelp => "pomoc w obsłudze telefonu i komputera",
        Skill::Tutoring => "korepetycje i nauka",
        Skill::Events => "organizacja wydarzeń",
        Skill::CraftsCooking => "rękodzieło i gotowanie",
        Skill::Translation => "tłumaczenie",
    }
}

fn skills_text(volunteer: &Volunteer) -> String {
    volunteer
        .skills
        .iter()
        .map(|skill| skill_text(*skill))
        .collect::<Vec<_>>()
        .join(", ")
}

fn contact(volunteer: &Volunteer) -> String {
    [volunteer.email.as_str(), volunteer.phone.as_str()]
        .into_iter()
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The agreement; `None` before the volunteer is approved.
fn agreement(volunteer: &Volunteer, centre: Letterhead) -> Option<Record> {
    let (from, until) = volunteer.agreement_from.zip(volunteer.agreement_until)?;
    let short = (until - from).num_days() < 30;
    let insurance = if short {
        "Porozumienie zawarto na okres krótszy niż 30 dni: Korzystający ubezpiecza wolontariusza \
         od następstw nieszczęśliwych wypadków (art. 46 ust. 1)."
    } else {
        "Wolontariusz jest objęty ubezpieczeniem od następstw nieszczęśliwych wypadków na \
         zasadach art. 46 ustawy."
    };
    Some(Record {
        heading: "Porozumienie o wykonywaniu świadczeń przez wolontariusza".into(),
        rows: vec![
            [
                "Korzystający".into(),
                format!("{}, {}", centre.name, centre.address),
            ],
            ["Wolontariusz".into(), volunteer.name.clone()],
            ["Kontakt".into(), contact(volunteer)],
            [
                "Okres".into(),
                format!("{} – {}", date_display(from), date_display(until)),
            ],
            ["Zakres świadczeń".into(), skills_text(volunteer)],
        ],
        sections: vec![
            [
                "§ 1. Przedmiot porozumienia".into(),
                "Wolontariusz wykonuje dobrowolnie i bez wynagrodzenia świadczenia na rzecz \
                 Korzystającego w podanym zakresie, w działaniach Klubu Wolontariusza i \
                 organizowania społeczności lokalnej (art. 44 ust. 1 ustawy z dnia 24 kwietnia \
                 2003 r. o działalności pożytku publicznego i o wolontariacie)."
                    .into(),
            ],
            [
                "§ 2. Obowiązki Korzystającego".into(),
                format!(
                    "Korzystający informuje wolontariusza o ryzyku dla zdrowia i bezpieczeństwa \
                     związanym z wykonywanymi świadczeniami i o zasadach ochrony przed \
                     zagrożeniami, zapewnia bezpieczne i higieniczne warunki oraz pokrywa koszty \
                     podróży i diet na zasadach dotyczących pracowników (art. 45). {insurance}"
                ),
            ],
            [
                "§ 3. Obowiązki wolontariusza".into(),
                "Wolontariusz wykonuje świadczenia osobiście, zachowuje w tajemnicy informacje \
                 o osobach, którym pomaga, w tym ich dane osobowe, i potwierdza udział w \
                 działaniach na swojej stronie w portalu Centrum."
                    .into(),
            ],
            [
                "§ 4. Zaświadczenie i opinia".into(),
                "Na wniosek wolontariusza Korzystający wydaje pisemne zaświadczenie o \
                 wykonaniu świadczeń, a także opinię o ich wykonywaniu (art. 44 ust. 5)."
                    .into(),
            ],
            [
                "§ 5. Rozwiązanie".into(),
                "Każda ze stron może rozwiązać porozumienie z zachowaniem 7-dniowego okresu \
                 wypowiedzenia, a z ważnych przyczyn bez wypowiedzenia."
                    .into(),
            ],
        ],
        signatures: vec!["Korzystający".into(), "Wolontariusz".into()],
        centre,
    })
}

/// The certificate of the work done; `None` until hours are recorded.
fn certificate(
    volunteer: &Volunteer,
    assignments: &[Assignment],
    centre: Letterhead,
) -> Option<Record> {
    let done: Vec<&Assignment> = assignments
        .iter()
        .filter(|a| a.status == AssignmentStatus::Done)
        .collect();
    if done.is_empty() {
        return None;
    }
    let lines = done
        .iter()
        .map(|a| {
            let role = match a.role.as_str() {
                "" => String::new(),
                role => format!(" ({role})"),
            };
            format!(
                "{} — {}{role} — {}",
                date_display(crate::domain::warsaw_date(a.activity.starts_at)),
                a.activity.title,
                hours_text(a.minutes.unwrap_or(0))
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let period = match volunteer.agreement_from.zip(volunteer.agreement_until) {
        Some((from, until)) => format!("{} – {}", date_display(from), date_display(until)),
        None => "—".into(),
    };
    Some(Record {
        heading: "Zaświadczenie o wykonywaniu świadczeń przez wolontariusza".into(),
        rows: vec![
            ["Wolontariusz".into(), volunteer.name.clone()],
            ["Okres porozumienia".into(), period],
            ["Zakres świadczeń".into(), skills_text(volunteer)],
            ["Liczba działań".into(), done.len().to_string()],
            ["Łączny czas".into(), hours_text(total_minutes(assignments))],
        ],
        sections: vec![[
            "Wykonane świadczenia".into(),
            format!(
                "{} zaświadcza, że wolontariusz wykonywał świadczenia (art. 44 ust. 5 ustawy o \
                 działalności pożytku publicznego i o wolontariacie):\n{lines}",
                centre.name
            ),
        ]],
        signatures: vec![format!("Za {}", centre.name)],
        centre,
    })
}

#[derive(Clone, Copy)]
enum Kind {
    Agreement,
    Certificate,
}

async fn document(access: &Access, volunteer: Volunteer, kind: Kind) -> Result<File, AppError> {
    let store = &access.state.store;
    let assignments = store.assignments_of_volunteer(&volunteer.id).await?;
    let centre = Letterhead::of(&access.state.centre);
    let (record, name) = match kind {
        Kind::Agreement => (
            agreement(&volunteer, centre),
            "porozumienie-wolontariusza.pdf",
        ),
        Kind::Certificate => (
            certificate(&volunteer, &assignments, centre),
            "zaswiadczenie-wolontariusza.pdf",
        ),
    };
    let record = record.ok_or(AppError::NotFound)?;
    super::volunteers::server::audit(access, &volunteer.id, crate::audit::AuditAction::Read)
        .await?;
    let bytes = typeset(move || render_pdf("recognition.typ", &record))
        .await
        .map_err(|err| {
            tracing::error!(error = %err, "volunteer document");
            AppError::Internal
        })?;
    Ok(File {
        content_type: "application/pdf".into(),
        name: name.into(),
        bytes,
    })
}

fn kind_of(file: &str) -> Result<Kind, AppError> {
    match file {
        "porozumienie.pdf" => Ok(Kind::Agreement),
        "zaswiadczenie.pdf" => Ok(Kind::Certificate),
        _ => Err(AppError::NotFound),
    }
}

/// `GET /wolontariat/{token}/{porozumienie.pdf|zaswiadczenie.pdf}`: the volunteer's own.
pub async fn own(
    State(state): State<AppState>,
    Path((token, file)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (session, ip) = request_parts(&request);
    drop(request);
    let result = async {
        let access = require_with(&state, session, ip, Permission::ViewPublicInformation).await?;
        let kind = kind_of(&file)?;
        let hash = crate::identity::credentials::hash_secret(&token);
        let volunteer = access.state.store.volunteer_by_token(&hash).await?;
        document(&access, volunteer, kind).await
    }
    .await;
    match result {
        Ok(file) => file_response(file),
        Err(error) => failure(error, &format!("/wolontariat/{token}")),
    }
}

/// `GET /pracownik/wolontariusze/{id}/{porozumienie.pdf|zaswiadczenie.pdf}`.
pub async fn staff(
    State(state): State<AppState>,
    Path((id, file)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (session, ip) = request_parts(&request);
    drop(request);
    let result = async {
        let access = require_with(&state, session, ip, Permission::ReadCommunity).await?;
        let kind = kind_of(&file)?;
        let volunteer = access.state.store.volunteer(&id).await?;
        document(&access, volunteer, kind).await
    }
    .await;
    match result {
        Ok(file) => file_response(file),
        Err(error) => failure(error, &format!("/pracownik/wolontariusze/{id}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::volunteers::{Availability, VolunteerStatus};

    fn volunteer() -> Volunteer {
        Volunteer {
            id: "v".into(),
            name: "Stanisław Wolny".into(),
            email: String::new(),
            phone: "+48600200300".into(),
            birth_year: Some(1951),
            skills: vec![Skill::Driving, Skill::Shopping],
            availability: vec![Availability::WeekdayMornings],
            areas: "Braciejowa".into(),
            languages: String::new(),
            driving_licence: true,
            about: String::new(),
            status: VolunteerStatus::Approved,
            decision_note: String::new(),
            agreement_from: "2026-12-01".parse().ok(),
            agreement_until: "2026-12-20".parse().ok(),
            created_at: "2026-11-20T10:00:00Z".parse().unwrap(),
        }
    }

    fn letterhead() -> Letterhead {
        Letterhead {
            name: "Centrum Usług Społecznych w Dębicy".into(),
            address: "ul. Batorego 13, 39-200 Dębica".into(),
            phone: String::new(),
            email: String::new(),
        }
    }

    #[test]
    fn a_short_agreement_insures_the_volunteer_and_typesets() {
        let record = agreement(&volunteer(), letterhead()).expect("an approved volunteer");
        assert!(record.sections[1][1].contains("art. 46 ust. 1"));
        assert_eq!(record.rows[3][1], "01.12.2026 – 20.12.2026");
        let pdf = render_pdf("recognition.typ", &record).expect("typesets");
        assert!(pdf.starts_with(b"%PDF"));
        let unapproved = Volunteer {
            agreement_from: None,
            ..volunteer()
        };
        assert!(agreement(&unapproved, letterhead()).is_none());
        assert!(certificate(&volunteer(), &[], letterhead()).is_none());
    }
}
