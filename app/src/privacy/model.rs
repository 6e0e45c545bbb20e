//! What a person's data export holds, and its readable form for the PDF.

use crate::applications::PersonInput;
use serde::{Deserialize, Serialize};

/// Everything kept about one person (RODO art. 15 and 20), in the shape it is exported as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonalData {
    /// When the export was made (Europe/Warsaw).
    pub generated_at: String,
    /// The controller, from the centre's privacy information.
    pub controller: String,
    /// The account, when the person has one.
    pub account: Option<AccountData>,
    pub applications: Vec<ApplicationData>,
    /// The account's live sessions (sign-in time, address, browser).
    pub sessions: Vec<SessionData>,
    /// Who read or changed the person's data, and why (the recipients, art. 15 ust. 1 lit. c).
    pub accesses: Vec<AccessData>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountData {
    pub email: String,
    pub display_name: String,
    pub phone: String,
    pub address: String,
    pub pesel: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationData {
    pub case_number: Option<String>,
    pub programme: String,
    pub status: String,
    pub channel: String,
    pub received_on: Option<String>,
    pub submitted_at: Option<String>,
    pub applicant_role: Option<String>,
    /// The person the services are for.
    pub person: PersonInput,
    /// The applicant's own data, when someone applied for the person.
    pub applicant: Option<PersonInput>,
    pub services: Vec<ServiceData>,
    pub timeline: Vec<EventData>,
    pub attachments: Vec<AttachmentData>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceData {
    pub name: String,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventData {
    pub at: String,
    pub kind: String,
    pub service: Option<String>,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttachmentData {
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionData {
    pub signed_in_at: Option<String>,
    pub ip: Option<String>,
    pub browser: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccessData {
    pub at: String,
    pub action: String,
    pub by_role: Option<String>,
    pub record: Option<String>,
    pub purpose: Option<String>,
}

/// The PDF's content: titled sections of label–value rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadableExport {
    pub heading: String,
    pub intro: String,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub title: String,
    pub rows: Vec<[String; 2]>,
}

impl PersonalData {
    /// The export as sections a person reads (Polish, like the centre's other documents).
    pub fn readable(&self) -> ReadableExport {
        let mut sections = Vec::new();
        if let Some(account) = &self.account {
            sections.push(Section {
                title: "Konto w portalu".into(),
                rows: rows(&[
                    ("Adres e-mail", &account.email),
                    ("Imię i nazwisko", &account.display_name),
                    ("Telefon", &account.phone),
                    ("Adres", &account.address),
                    ("PESEL", &account.pesel),
                    ("Konto założone", &account.created_at),
                ]),
            });
        }
        for application in &self.applications {
            sections.push(application_section(application));
        }
        if !self.sessions.is_empty() {
            sections.push(Section {
                title: "Aktywne sesje".into(),
                rows: self
                    .sessions
                    .iter()
                    .map(|s| {
                        [
                            s.signed_in_at.clone().unwrap_or_default(),
                            format!(
                                "{} · {}",
                                s.ip.clone().unwrap_or_default(),
                                s.browser.clone().unwrap_or_default()
                            ),
                        ]
                    })
                    .collect(),
            });
        }
        sections.push(Section {
            title: "Kto korzystał z danych".into(),
            rows: self
                .accesses
                .iter()
                .map(|a| {
                    let what = [Some(a.action.clone()), a.record.clone(), a.purpose.clone()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · ");
                    let who = a.by_role.clone().unwrap_or_else(|| "system".into());
                    [a.at.clone(), format!("{who}: {what}")]
                })
                .collect(),
        });
        ReadableExport {
            heading: "Twoje dane w Centrum Usług Społecznych".into(),
            intro: format!(
                "Zestawienie wszystkich danych osobowych, które przetwarza {} (art. 15 RODO), \
                 sporządzone {}. Te same dane w formacie do przeniesienia (art. 20 RODO) zawiera \
                 plik JSON.",
                self.controller, self.generated_at
            ),
            sections,
        }
    }
}

fn rows(pairs: &[(&str, &str)]) -> Vec<[String; 2]> {
    pairs
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(label, value)| [(*label).to_owned(), (*value).to_owned()])
        .collect()
}

fn person_rows(prefix: &str, person: &PersonInput) -> Vec<[String; 2]> {
    rows(&[
        ("Imię i nazwisko", &person.name),
        ("PESEL", &person.pesel),
        ("Data urodzenia", &person.birth_date),
        ("Ulica", &person.street),
        ("Kod pocztowy", &person.postal_code),
        ("Miejscowość", &person.city),
        ("Telefon", &person.phone),
        ("E-mail", &person.email),
        ("Osób w gospodarstwie", &person.household_size),
        ("Dochód na osobę", &person.income),
        ("Karta Dużej Rodziny", &person.large_family_card),
        ("Niepełnosprawność", &person.disability),
        ("Stan zdrowia", &person.health),
        ("Samodzielność", &person.dependency),
    ])
    .into_iter()
    .map(|[label, value]| [format!("{prefix}{label}"), value])
    .collect()
}

fn application_section(application: &ApplicationData) -> Section {
    let mut all = rows(&[
        (
            "Numer sprawy",
            application
                .case_number
                .as_deref()
                .unwrap_or("wersja robocza"),
        ),
        ("Program", &application.programme),
        ("Stan", &application.status),
        ("Sposób złożenia", &application.channel),
        (
            "Data wpływu",
            application
                .received_on
                .as_deref()
                .or(application.submitted_at.as_deref())
                .unwrap_or_default(),
        ),
    ]);
    all.extend(person_rows("Osoba: ", &application.person));
    if let Some(applicant) = &application.applicant {
        all.extend(person_rows("Wnioskodawca: ", applicant));
    }
    all.extend(
        application
            .services
            .iter()
            .map(|s| ["Usługa".to_owned(), format!("{} — {}", s.name, s.status)]),
    );
    all.extend(application.timeline.iter().map(|e| {
        let service = e
            .service
            .as_deref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        [e.at.clone(), format!("{}{service} {}", e.kind, e.detail)]
    }));
    all.extend(application.attachments.iter().map(|a| {
        [
            "Załącznik".to_owned(),
            format!("{} ({} B)", a.file_name, a.size_bytes),
        ]
    }));
    Section {
        title: format!(
            "Wniosek {}",
            application.case_number.as_deref().unwrap_or_default()
        )
        .trim_end()
        .to_owned(),
        rows: all,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readable_export_lists_every_part_and_skips_empty_fields() {
        let data = PersonalData {
            generated_at: "6.12.2026 21:00".into(),
            controller: "CUS Gminy Dębica".into(),
            account: Some(AccountData {
                email: "maria@example.pl".into(),
                display_name: "Maria Mieszkanka".into(),
                phone: String::new(),
                address: String::new(),
                pesel: "44051401458".into(),
                created_at: "1.12.2026".into(),
            }),
            applications: vec![ApplicationData {
                case_number: Some("CUS/2026/000001".into()),
                programme: "Program Dębica".into(),
                status: "registered".into(),
                channel: "online".into(),
                received_on: None,
                submitted_at: Some("2.12.2026 10:00".into()),
                applicant_role: Some("person".into()),
                person: PersonInput {
                    name: "Maria Mieszkanka".into(),
                    ..Default::default()
                },
                applicant: None,
                services: vec![ServiceData {
                    name: "Złota Rączka".into(),
                    status: "requested".into(),
                }],
                timeline: vec![],
                attachments: vec![],
            }],
            sessions: vec![],
            accesses: vec![AccessData {
                at: "2.12.2026 11:00".into(),
                action: "read".into(),
                by_role: Some("plan_coordinator".into()),
                record: Some("application".into()),
                purpose: Some("case".into()),
            }],
        };
        let readable = data.readable();
        let titles: Vec<_> = readable.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Konto w portalu",
                "Wniosek CUS/2026/000001",
                "Kto korzystał z danych"
            ]
        );
        let account = &readable.sections[0].rows;
        assert!(account.iter().all(|[_, value]| !value.is_empty()));
        assert!(account.contains(&["PESEL".into(), "44051401458".into()]));
        assert!(
            readable.sections[1]
                .rows
                .contains(&["Usługa".into(), "Złota Rączka — requested".into()])
        );
        assert!(readable.intro.contains("CUS Gminy Dębica"));
    }
}
