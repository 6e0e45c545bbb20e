//! The plan as a PDF (`plan.typ`, after the Dębica template): sections A–G of one version, in
//! Polish like the case file it belongs to.

use super::model::{Plan, PlanVersion};
use super::monitoring::Closure;
use super::rules::VersionState;
use crate::applications::{ApplicantRole, Application, PersonInput};
use crate::cases::decision::polish_date;
use crate::centre::CentreInfo;
use crate::documents::{DocumentError, Letterhead, render_pdf};
use crate::programme::Programme;
use serde::Serialize;

type Rows = Vec<[String; 2]>;

#[derive(Serialize)]
struct Closing {
    facts: Rows,
    course: String,
    results: String,
    note: String,
}

#[derive(Serialize)]
struct FollowUp {
    facts: Rows,
    findings: String,
}

#[derive(Serialize)]
struct PlanDocument {
    centre: Letterhead,
    heading: String,
    number: String,
    legal_basis: String,
    person: Rows,
    period: Rows,
    services: Vec<[String; 3]>,
    delivery: Vec<[String; 5]>,
    activities: Vec<[String; 3]>,
    effects: Rows,
    instruction: Vec<String>,
    signatures: Vec<String>,
    closing: Closing,
    follow_up: FollowUp,
}

/// What one version's document is made of.
pub struct PlanFacts<'a> {
    pub centre: &'a CentreInfo,
    pub application: &'a Application,
    pub programme: &'a Programme,
    pub plan: &'a Plan,
    pub version: &'a PlanVersion,
    pub coordinator: &'a str,
    /// Who approved the version, and whether that was the director (not an authorised organiser).
    pub approver: Option<(&'a str, bool)>,
    /// Sections F and G, once the plan was closed.
    pub closure: Option<&'a Closure>,
}

/// The instruction (pouczenie) of the template, from the act.
const INSTRUCTION: [&str; 7] = [
    "Zgodnie z art. 38 ust. 2 ustawy o realizowaniu usług społecznych przez centrum usług społecznych indywidualny plan usług społecznych opracowuje się w przypadku potrzeby koordynacji usług społecznych określonych w programie lub programach usług społecznych, które mają być udzielane osobie zainteresowanej w okresie nie krótszym niż 3 miesiące.",
    "Na podstawie art. 40 ustawy indywidualny plan usług społecznych opracowuje się w terminie nie dłuższym niż 30 dni od dnia wystąpienia z wnioskiem, na okres niezbędny do realizacji usług społecznych wynikających z rozpoznania indywidualnych potrzeb, nie dłużej jednak niż na rok.",
    "W myśl art. 41 ustawy indywidualny plan usług społecznych zatwierdza dyrektor centrum albo upoważniony przez niego organizator usług społecznych. Plan może być aktualizowany przez koordynatora indywidualnych planów usług społecznych w uzgodnieniu z wnioskodawcą, w szczególności w przypadku zmiany potrzeb osoby korzystającej z usług społecznych lub przyjęcia przez gminę nowego programu usług społecznych.",
    "Zgodnie z art. 42 ustawy kwalifikowanie oraz ustalanie opłaty za usługi społeczne odbywa się na warunkach i w trybie wynikających z programu usług społecznych i nie wymaga wydania decyzji administracyjnej; odmowa zakwalifikowania wymaga wydania decyzji administracyjnej.",
    "Zgodnie z art. 44 ustawy rezygnacja z korzystania z usług społecznych wymaga poinformowania dyrektora centrum.",
    "Zgodnie z art. 45 ustawy realizacja planu jest na bieżąco monitorowana przez koordynatora, który po jej zakończeniu przeprowadza z osobą objętą planem rozmowę podsumowującą.",
    "Zgodnie z art. 48 ustawy w zakresie nieuregulowanym w ustawie do postępowań w indywidualnych sprawach dotyczących usług społecznych stosuje się przepisy Kodeksu postępowania administracyjnego.",
];

fn state_word(state: VersionState) -> &'static str {
    match state {
        VersionState::Draft => "projekt",
        VersionState::Submitted => "przekazana do zatwierdzenia",
        VersionState::Returned => "zwrócona do poprawy",
        VersionState::Approved => "zatwierdzona",
        VersionState::Superseded => "zastąpiona nowszą wersją",
    }
}

fn address(person: &PersonInput) -> String {
    [&person.street, &person.postal_code, &person.city]
        .into_iter()
        .filter(|part| !part.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(", ")
}

/// Section A: the person, and the legal representative of a minor or the de facto carer.
fn person_rows(application: &Application) -> Rows {
    let (subject, applicant) = (&application.subject, &application.applicant);
    let role = application
        .applicant_role
        .filter(|_| application.needs_applicant());
    let mut rows = match role {
        Some(ApplicantRole::LegalRepresentative) => vec![
            [
                "Imię i nazwisko opiekuna prawnego (przedstawiciela ustawowego)".into(),
                applicant.name.clone(),
            ],
            ["PESEL opiekuna prawnego".into(), applicant.pesel.clone()],
            [
                "Imię i nazwisko osoby korzystającej z usług (małoletniego dziecka)".into(),
                subject.name.clone(),
            ],
            [
                "PESEL osoby korzystającej z usług".into(),
                subject.pesel.clone(),
            ],
        ],
        _ => vec![
            [
                "Imię i nazwisko osoby korzystającej z usług społecznych".into(),
                subject.name.clone(),
            ],
            ["PESEL".into(), subject.pesel.clone()],
        ],
    };
    if role == Some(ApplicantRole::DeFactoCarer) {
        rows.push(["Opiekun faktyczny".into(), applicant.name.clone()]);
    }
    rows.extend(contact_rows(subject, applicant));
    rows
}

/// Address, e-mail and phone of the person, or of whoever applied for them.
fn contact_rows(subject: &PersonInput, applicant: &PersonInput) -> Rows {
    let either = |mine: String, theirs: String| if mine.is_empty() { theirs } else { mine };
    vec![
        [
            "Adres zamieszkania".into(),
            either(address(subject), address(applicant)),
        ],
        [
            "Adres e-mail".into(),
            either(subject.email.clone(), applicant.email.clone()),
        ],
        [
            "Telefon kontaktowy".into(),
            either(subject.phone.clone(), applicant.phone.clone()),
        ],
    ]
}

/// The approver's signature place: the director, or the organiser by the director's authorisation.
fn approval_signature(approver: Option<(&str, bool)>, decided: &str) -> String {
    match approver {
        Some((name, true)) => format!("zatwierdzam{decided} — dyrektor CUS {name}"),
        Some((name, false)) => format!(
            "zatwierdzam{decided} — {name}, organizator usług społecznych z upoważnienia dyrektora CUS"
        ),
        None => "zatwierdzam — data i podpis dyrektora CUS lub upoważnionego organizatora".into(),
    }
}

/// The PDF of one version of a plan.
pub fn render(facts: &PlanFacts) -> Result<Vec<u8>, DocumentError> {
    let (version, content) = (facts.version, &facts.version.content);
    let decided = version
        .decided_on
        .filter(|_| {
            matches!(
                version.state,
                VersionState::Approved | VersionState::Superseded
            )
        })
        .map(|on| format!(" {}", polish_date(on)))
        .unwrap_or_default();
    let programme = facts.programme;
    let closure = facts.closure;
    let closed_day = |day: fn(&Closure) -> Option<chrono::NaiveDate>| {
        closure.and_then(day).map(polish_date).unwrap_or_default()
    };
    let document = PlanDocument {
        centre: Letterhead::of(facts.centre),
        heading: "Indywidualny plan usług społecznych".into(),
        number: format!(
            "{} · wersja {} · {}{decided} · znak sprawy {}",
            facts.plan.number,
            version.version,
            state_word(version.state),
            facts.application.case_number.clone().unwrap_or_default()
        ),
        legal_basis: format!(
            "art. 39 ustawy z dnia 19 lipca 2019 r. o realizowaniu usług społecznych przez centrum \
             usług społecznych ({}) oraz uchwała nr {} z dnia {} w sprawie przyjęcia programu usług \
             społecznych „{}”.",
            facts.centre.decisions.cus_act_reference,
            programme.resolution_number,
            polish_date(programme.resolution_date),
            programme.name
        ),
        person: person_rows(facts.application),
        period: vec![
            [
                "Data rozpoczęcia realizacji IPUS".into(),
                polish_date(content.period.start),
            ],
            [
                "Data zakończenia IPUS".into(),
                polish_date(content.period.end),
            ],
        ],
        services: content
            .services
            .iter()
            .map(|s| [s.name.clone(), "X".into(), s.units.to_string()])
            .collect(),
        delivery: content
            .services
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let place_and_form = [s.place.as_str(), s.form.as_str()]
                    .into_iter()
                    .filter(|part| !part.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                [
                    format!("{}.", i + 1),
                    s.name.clone(),
                    s.schedule.clone(),
                    s.provider_name.clone(),
                    place_and_form,
                ]
            })
            .collect(),
        activities: content
            .activities
            .iter()
            .enumerate()
            .map(|(i, a)| [format!("{}.", i + 1), a.description.clone(), a.by.clone()])
            .collect(),
        effects: vec![
            ["Oczekiwane efekty".into(), content.expected_effects.clone()],
            [
                "Sposób sprawdzania jakości usług".into(),
                content.quality_checks.clone(),
            ],
            [
                "Częstotliwość sprawdzania jakości usług".into(),
                super::pages::frequency_text(crate::i18n::Locale::pl, content.quality_frequency),
            ],
            [
                "Uzgodniono z wnioskodawcą".into(),
                version.agreed_on.map(polish_date).unwrap_or_default(),
            ],
        ],
        instruction: INSTRUCTION.iter().map(|s| (*s).to_owned()).collect(),
        signatures: vec![
            format!(
                "data, pieczęć i podpis koordynatora IPUS ({})",
                facts.coordinator
            ),
            approval_signature(facts.approver, &decided),
        ],
        closing: Closing {
            facts: {
                let mut rows = vec![[
                    "Imię i nazwisko".into(),
                    facts.application.subject.name.clone(),
                ]];
                rows.extend(contact_rows(
                    &facts.application.subject,
                    &facts.application.applicant,
                ));
                rows.push([
                    "Data rozmowy podsumowującej".into(),
                    closed_day(|c| c.conversation_on),
                ]);
                rows.push([
                    "Zakończenie realizacji".into(),
                    closed_day(|c| Some(c.ended_on)),
                ]);
                if let Some(c) = closure.filter(|c| !c.resignation.is_empty()) {
                    rows.push(["Rezygnacja".into(), c.resignation.clone()]);
                }
                rows
            },
            course: closure.map(|c| c.course.clone()).unwrap_or_default(),
            results: closure.map(|c| c.results.clone()).unwrap_or_default(),
            note: "Na podstawie informacji uzyskanych w toku monitorowania realizacji planu oraz \
                   rozmowy podsumowującej koordynator sporządza opis przebiegu i rezultatów planu, \
                   dołączany do akt sprawy (art. 45 ust. 3 ustawy)."
                .into(),
        },
        follow_up: FollowUp {
            facts: vec![
                [
                    "Termin monitoringu".into(),
                    polish_date(
                        closure.map_or(content.period.follow_up_due(), |c| c.follow_up_due),
                    ),
                ],
                ["Data monitoringu".into(), closed_day(|c| c.follow_up_on)],
            ],
            findings: closure
                .map(|c| c.follow_up_findings.clone())
                .unwrap_or_default(),
        },
    };
    render_pdf("plan.typ", &document)
}
