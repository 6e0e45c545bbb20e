//! Refusal of a requested service: an administrative decision (art. 42 ust. 3) with every element
//! of KPA art. 107 § 1 — authority, date, number, party, legal basis, ruling, factual and legal
//! justification, appeal instruction and the authorised signatory. The coordinator edits the
//! justification, prefilled from the centre's default texts; the issued document is frozen as
//! JSON and typeset by `templates/decision.typ`. The appeal deadline (14 days from delivery)
//! is tracked. Decisions are in Polish, the official language of proceedings.

use crate::error::AppError;
use chrono::{Datelike, Days, NaiveDate};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Longest justification, in characters.
pub const MAX_JUSTIFICATION: usize = 20_000;
/// Days for an appeal, from delivery (KPA art. 129 § 2).
pub const APPEAL_DAYS: u64 = 14;
/// What the coordinator must replace in the default factual justification.
pub const FINDINGS_MARK: &str = "[USTALENIA]";

/// A decision as listed in a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionSummary {
    pub id: String,
    pub number: String,
    pub service_id: String,
    pub service_name: String,
    pub issued_on: NaiveDate,
    pub delivered_on: Option<NaiveDate>,
    /// The last day for an appeal, once delivery is recorded.
    pub appeal_due: Option<NaiveDate>,
    /// The day it was overturned (on appeal, or by the authority itself).
    pub overturned_on: Option<NaiveDate>,
}

/// "17 listopada 2026 r.", as Polish official letters write dates.
pub fn polish_date(date: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "stycznia",
        "lutego",
        "marca",
        "kwietnia",
        "maja",
        "czerwca",
        "lipca",
        "sierpnia",
        "września",
        "października",
        "listopada",
        "grudnia",
    ];
    format!(
        "{} {} {} r.",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

pub use crate::domain::working_days::{is_public_holiday, working_day_from};

/// The last day to appeal a decision delivered on `delivered`: 14 days later, on a working day.
pub fn appeal_due(delivered: NaiveDate) -> NaiveDate {
    working_day_from(delivered + Days::new(APPEAL_DAYS))
}

/// The justification texts a refusal starts from (edited by the coordinator).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusalTexts {
    pub factual: String,
    pub legal: String,
}

impl RefusalTexts {
    /// The texts as paragraphs, or the field and key of what is wrong.
    pub fn check(&self) -> Result<(Vec<String>, Vec<String>), AppError> {
        let mut errors = crate::error::FieldErrors::new();
        for (field, text) in [("factual", &self.factual), ("legal", &self.legal)] {
            if text.trim().is_empty() {
                errors.insert(field.into(), "required".into());
            } else if text.chars().count() > MAX_JUSTIFICATION {
                errors.insert(field.into(), "too_long".into());
            } else if text.contains(FINDINGS_MARK) {
                errors.insert(field.into(), "findings_missing".into());
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        Ok((paragraphs(&self.factual), paragraphs(&self.legal)))
    }
}

/// Paragraphs separated by blank lines, each on one line.
fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The JSON `templates/decision.typ` reads: the whole document as issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionDocument {
    pub heading: String,
    pub centre: crate::documents::Letterhead,
    pub authority: Authority,
    pub place: String,
    pub issue_date: String,
    pub case_ref: String,
    pub number: String,
    pub subject: String,
    pub party: Party,
    pub legal_basis: String,
    pub proceedings: String,
    pub ruling: Vec<String>,
    pub justification: Justification,
    pub instruction: Vec<String>,
    pub signatory: Signatory,
    pub recipients: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authority {
    pub organ: String,
    pub issued_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    pub address: String,
    pub pesel: String,
    pub representative: Option<Representative>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representative {
    pub name: String,
    pub role: String,
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Justification {
    pub factual: Vec<String>,
    pub legal: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signatory {
    pub on_behalf: String,
    pub name: String,
    pub position: String,
    pub authorisation: String,
    pub signature_note: String,
}

/// Everything a refusal decision is made from.
pub struct RefusalCase<'a> {
    pub centre: &'a crate::centre::CentreInfo,
    pub programme: &'a crate::programme::Programme,
    pub service_name: &'a str,
    pub application: &'a crate::applications::Application,
    pub registered_on: NaiveDate,
    pub issued_on: NaiveDate,
    pub number: &'a str,
    pub factual: Vec<String>,
    pub legal: Vec<String>,
}

fn address_of(person: &crate::applications::PersonInput) -> String {
    let town = format!("{} {}", person.postal_code, person.city);
    [person.street.trim(), town.trim()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

impl DecisionDocument {
    pub fn refusal(case: RefusalCase) -> Self {
        use crate::applications::ApplicantRole;
        let settings = &case.centre.decisions;
        let subject = "w sprawie odmowy zakwalifikowania do korzystania z usługi społecznej";
        let application = case.application;
        let person = &application.subject;
        let representative = match application.applicant_role {
            Some(role @ (ApplicantRole::LegalRepresentative | ApplicantRole::DeFactoCarer)) => {
                Some(Representative {
                    name: application.applicant.name.clone(),
                    role: match role {
                        ApplicantRole::LegalRepresentative => "przedstawiciel ustawowy",
                        _ => "opiekun faktyczny",
                    }
                    .into(),
                    address: address_of(&application.applicant),
                })
            }
            _ => None,
        };
        let mut recipients = vec![format!("{} (strona), {}", person.name, address_of(person))];
        if let Some(r) = &representative {
            recipients.push(format!("{} ({}), {}", r.name, r.role, r.address));
        }
        recipients.push("a/a".into());
        let programme = case.programme;
        DecisionDocument {
            heading: format!("Decyzja nr {} {subject}", case.number),
            centre: crate::documents::Letterhead::of(case.centre),
            authority: Authority {
                organ: settings.organ.clone(),
                issued_by: format!(
                    "{} z upoważnienia {}",
                    settings.signatory_position, settings.organ_genitive
                ),
            },
            place: case.centre.city.clone(),
            issue_date: polish_date(case.issued_on),
            case_ref: application.case_number.clone().unwrap_or_default(),
            number: case.number.to_owned(),
            subject: subject.into(),
            party: Party {
                name: person.name.clone(),
                address: address_of(person),
                pesel: person.pesel.clone(),
                representative,
            },
            legal_basis: format!(
                "art. 42 ust. 3 w związku z art. 42 ust. 1 i art. 48 ustawy z dnia 19 lipca 2019 r. \
                 o realizowaniu usług społecznych przez centrum usług społecznych ({}), art. 104 \
                 i art. 107 ustawy z dnia 14 czerwca 1960 r. – Kodeks postępowania \
                 administracyjnego ({}) oraz programu usług społecznych „{}”, przyjętego uchwałą \
                 nr {} z dnia {}",
                settings.cus_act_reference,
                settings.kpa_reference,
                programme.name,
                programme.resolution_number,
                polish_date(programme.resolution_date),
            ),
            proceedings: format!(
                "po rozpatrzeniu wniosku z dnia {} o zakwalifikowanie strony do korzystania \
                 z usługi społecznej „{}”",
                polish_date(case.registered_on),
                case.service_name
            ),
            ruling: vec![format!(
                "odmówić zakwalifikowania strony do korzystania z usługi społecznej „{}”, \
                 określonej w programie usług społecznych „{}”.",
                case.service_name, programme.name
            )],
            justification: Justification {
                factual: case.factual,
                legal: case.legal,
            },
            instruction: vec![
                format!(
                    "Od niniejszej decyzji stronie przysługuje odwołanie do {}, wnoszone za \
                     pośrednictwem organu, który wydał decyzję – {} (na adres: {}, {}), \
                     w terminie 14 dni od dnia doręczenia decyzji (art. 127 § 1 i 2 oraz art. 129 \
                     § 1 i 2 Kodeksu postępowania administracyjnego).",
                    settings.appeal_body,
                    settings.organ_genitive,
                    case.centre.name,
                    case.centre.address_line()
                ),
                "Odwołanie nie wymaga szczególnego uzasadnienia. Wystarczy, jeżeli z odwołania \
                 wynika, że strona nie jest zadowolona z wydanej decyzji (art. 128 Kodeksu \
                 postępowania administracyjnego)."
                    .into(),
                "W trakcie biegu terminu do wniesienia odwołania strona może zrzec się prawa do \
                 wniesienia odwołania wobec organu administracji publicznej, który wydał decyzję. \
                 Z dniem doręczenia organowi oświadczenia o zrzeczeniu się prawa do wniesienia \
                 odwołania przez ostatnią ze stron postępowania decyzja staje się ostateczna \
                 i prawomocna (art. 127a Kodeksu postępowania administracyjnego)."
                    .into(),
                "Zrzeczenie się prawa do wniesienia odwołania oznacza, że decyzji nie będzie można \
                 zaskarżyć do wojewódzkiego sądu administracyjnego."
                    .into(),
            ],
            signatory: Signatory {
                on_behalf: format!("z upoważnienia {}", settings.organ_genitive),
                name: settings.signatory_name.clone(),
                position: settings.signatory_position.clone(),
                authorisation: settings.authorisation.clone(),
                signature_note: String::new(),
            },
            recipients,
        }
    }
}

#[server(prefix = "/api", endpoint = "refuse_service")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn refuse_service(
    id: String,
    service: String,
    texts: RefusalTexts,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::QualifyAndPlan).await?;
    server::refuse(&access, &id, &service, &texts).await?;
    leptos_axum::redirect(&format!("/pracownik/sprawy/{id}"));
    Ok(())
}

/// Records the day the decision was delivered; the appeal deadline follows from it.
#[server(prefix = "/api", endpoint = "record_delivery")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn record_delivery(
    id: String,
    decision: String,
    delivered_on: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::HandleCases).await?;
    server::delivered(&access, &id, &decision, &delivered_on).await
}

/// Records that the refusal of `service` in case `id` was overturned on `overturned_on` (the
/// appeal body, or the authority itself under KPA art. 132): the service is qualified again.
#[server(prefix = "/api", endpoint = "overturn_refusal")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn overturn_refusal(
    id: String,
    service: String,
    overturned_on: String,
) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::QualifyAndPlan).await?;
    server::overturned(&access, &id, &service, &overturned_on).await?;
    leptos_axum::redirect(&format!("/pracownik/sprawy/{id}/uslugi/{service}"));
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::*;
    use crate::applications::RequestStatus;
    use crate::cases::access::server::case_to_act;
    use crate::cases::handling::server::audit_change;
    use crate::gate::Access;

    pub async fn refuse(
        access: &Access,
        id: &str,
        service_id: &str,
        texts: &RefusalTexts,
    ) -> Result<(), AppError> {
        let (application, handling) = case_to_act(access, id).await?;
        let user = access.signed_in()?;
        let store = &access.state.store;
        let request = store
            .requested_services(id)
            .await?
            .into_iter()
            .find(|r| r.service_id == service_id)
            .ok_or(AppError::NotFound)?;
        if request.status != RequestStatus::Requested {
            // Decided already (a second submit): the first decision stands.
            return Ok(());
        }
        let (factual, legal) = texts.check()?;
        let programme = store.programme(&application.programme_id).await?;
        let registered_on = handling.registered_on;
        let now = access.state.clock.now();
        let issued_on = crate::domain::warsaw_date(now);
        let centre = access.state.centre.clone();
        let document = |number: &str| {
            DecisionDocument::refusal(RefusalCase {
                centre: &centre,
                programme: &programme,
                service_name: &request.name,
                application: &application,
                registered_on: registered_on.unwrap_or(issued_on),
                issued_on,
                number,
                factual: factual.clone(),
                legal: legal.clone(),
            })
        };
        store
            .issue_refusal(id, service_id, issued_on, &user.id, now, document)
            .await?;
        audit_change(access, &application, "refusal_decision").await?;
        crate::applications::notify::refused(access, &application, &request.name).await
    }

    pub async fn delivered(
        access: &Access,
        id: &str,
        decision: &str,
        delivered_on: &str,
    ) -> Result<(), AppError> {
        let (application, _) = case_to_act(access, id).await?;
        let today = crate::domain::warsaw_date(access.state.clock.now());
        let day = crate::domain::past_day(delivered_on, today)
            .map_err(|key| AppError::invalid("delivered_on", key))?;
        let user = access.signed_in()?;
        let now = access.state.clock.now();
        if !access
            .state
            .store
            .record_delivery(id, decision, day, appeal_due(day), &user.id, now)
            .await?
        {
            return Err(AppError::NotFound);
        }
        audit_change(access, &application, "decision_delivery").await
    }

    pub async fn overturned(
        access: &Access,
        id: &str,
        service_id: &str,
        overturned_on: &str,
    ) -> Result<(), AppError> {
        let (application, _) = case_to_act(access, id).await?;
        let now = access.state.clock.now();
        let day = crate::domain::past_day(overturned_on, crate::domain::warsaw_date(now))
            .map_err(|key| AppError::invalid("overturned_on", key))?;
        let user = access.signed_in()?;
        let store = &access.state.store;
        // None: not refused (any more): a second submit changes nothing.
        if store
            .overturn_refusal(id, service_id, day, &user.id, now)
            .await?
            .is_none()
        {
            return Ok(());
        }
        audit_change(access, &application, "refusal_overturned").await?;
        let service = store.service(service_id).await?;
        crate::applications::notify::refusal_overturned(access, &application, &service.name).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_read_as_in_official_letters() {
        assert_eq!(polish_date(day(2026, 11, 17)), "17 listopada 2026 r.");
        assert_eq!(polish_date(day(2026, 9, 1)), "1 września 2026 r.");
    }

    #[test]
    fn easter_and_the_moving_holidays() {
        use crate::domain::working_days::easter;
        assert_eq!(easter(2026), day(2026, 4, 5));
        assert_eq!(easter(2027), day(2027, 3, 28));
        assert!(is_public_holiday(day(2026, 4, 6)), "Easter Monday");
        assert!(is_public_holiday(day(2026, 6, 4)), "Corpus Christi");
        assert!(is_public_holiday(day(2026, 11, 11)));
        assert!(!is_public_holiday(day(2026, 11, 12)));
    }

    #[test]
    fn the_appeal_deadline_moves_off_saturdays_and_holidays() {
        // Delivered on Monday 2 November 2026: 16 November, a Monday.
        assert_eq!(appeal_due(day(2026, 11, 2)), day(2026, 11, 16));
        // 14 days after 31 October 2026 is Saturday 14 November → Monday 16 November.
        assert_eq!(appeal_due(day(2026, 10, 31)), day(2026, 11, 16));
        // 14 days after 28 October 2026 is 11 November (a holiday) → 12 November.
        assert_eq!(appeal_due(day(2026, 10, 28)), day(2026, 11, 12));
    }

    #[test]
    fn the_default_texts_need_the_findings() {
        use crate::cases::templates::{DecisionTemplates, RefusalFacts};
        let texts = DecisionTemplates::defaults().fill(&RefusalFacts {
            centre: "Centrum Usług Społecznych Gminy Dębica",
            programme: "Program",
            service: "Złota Rączka",
            condition: "Dla osób, które ukończyły 60 lat.",
            registered_on: day(2026, 11, 2),
        });
        assert!(texts.factual.contains("W dniu 2 listopada 2026 r."));
        assert!(matches!(
            texts.check(),
            Err(AppError::Invalid(fields)) if fields["factual"] == "findings_missing"
        ));
        let filled = RefusalTexts {
            factual: texts.factual.replace(FINDINGS_MARK, "strona ma 45 lat"),
            ..texts
        };
        let (factual, legal) = filled.check().unwrap();
        assert_eq!(factual.len(), 3);
        assert_eq!(legal.len(), 5);
        assert!(!factual[0].contains('\n'));
    }
}
