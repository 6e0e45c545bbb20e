//! Forwarding: the application, or one service in it, goes to whoever handles it — a team or
//! post in the centre, the gmina office, another municipal unit, or the competent authority
//! (KPA art. 65) — with a record in the case and a letter to the resident. Forwarded services
//! stop the decision clock of this case.

use crate::domain::coded::coded_enum;
use crate::domain::label::labels;
use crate::error::{AppError, FieldErrors};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Longest recipient name and reason, in characters.
pub const MAX_RECIPIENT: usize = 300;
pub const MAX_REASON: usize = 2000;

coded_enum! {
    /// Who receives a forwarded application.
    ForwardTarget {
        /// A team or post within the centre (e.g. social assistance).
        Team = "team",
        GminaOffice = "gmina_office",
        /// Another organisational unit of the gmina.
        MunicipalUnit = "municipal_unit",
        /// The competent authority outside the gmina (KPA art. 65 § 1).
        Authority = "authority",
    }
}

labels!(ForwardTarget, forwarding {
    Team => target_team,
    GminaOffice => target_gmina_office,
    MunicipalUnit => target_municipal_unit,
    Authority => target_authority,
});

/// The form as typed; `service` empty means the whole application.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ForwardForm {
    pub service: String,
    pub target: String,
    pub recipient: String,
    pub reason: String,
}

/// A forwarding as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forwarding {
    pub id: String,
    /// The services forwarded (names).
    pub services: Vec<String>,
    pub target: ForwardTarget,
    pub recipient: String,
    pub reason: String,
    pub at: DateTime<Utc>,
}

impl ForwardForm {
    /// Target, recipient and reason, or the errors keyed by field.
    pub fn check(&self) -> Result<(ForwardTarget, String, String), FieldErrors> {
        let mut errors = FieldErrors::new();
        let target = ForwardTarget::from_code(self.target.trim());
        if target.is_none() {
            errors.insert("target".into(), "choose_one".into());
        }
        let recipient = self.recipient.trim();
        if recipient.is_empty() {
            errors.insert("recipient".into(), "required".into());
        } else if recipient.chars().count() > MAX_RECIPIENT {
            errors.insert("recipient".into(), "too_long".into());
        }
        let reason = self.reason.trim();
        if reason.is_empty() {
            errors.insert("reason".into(), "required".into());
        } else if reason.chars().count() > MAX_REASON {
            errors.insert("reason".into(), "too_long".into());
        }
        match target {
            Some(target) if errors.is_empty() => {
                Ok((target, recipient.to_owned(), reason.to_owned()))
            }
            _ => Err(errors),
        }
    }
}

#[server(prefix = "/api", endpoint = "forward_case")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn forward_case(id: String, form: ForwardForm) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::QualifyAndPlan).await?;
    let (application, _) = crate::cases::access::server::case_to_act(&access, &id).await?;
    let user = access.signed_in()?;
    let (target, recipient, reason) = form.check().map_err(AppError::Invalid)?;
    let store = &access.state.store;
    let open: Vec<_> = store
        .requested_services(&id)
        .await?
        .into_iter()
        .filter(|r| r.status == crate::applications::RequestStatus::Requested)
        .filter(|r| form.service.is_empty() || r.service_id == form.service)
        .collect();
    if open.is_empty() {
        return Err(AppError::invalid("service", "nothing_to_forward"));
    }
    let ids: Vec<String> = open.iter().map(|r| r.service_id.clone()).collect();
    let now = access.state.clock.now();
    store
        .forward(&id, &ids, target, &recipient, &reason, &user.id, now)
        .await?;
    super::handling::server::audit_change(&access, &application, "forwarding").await?;
    let names = open
        .iter()
        .map(|r| r.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    crate::applications::notify::forwarded(&access, &application, &format!("{names} → {recipient}"))
        .await
}

/// The letter telling the resident where the application went (Polish, like the case file).
#[cfg(feature = "ssr")]
pub mod letter {
    use super::*;
    use crate::documents::Letterhead;

    #[derive(Serialize)]
    struct Letter {
        centre: Letterhead,
        heading: String,
        place_date: String,
        case_ref: String,
        addressee: Vec<String>,
        paragraphs: Vec<String>,
        signature: String,
    }

    fn target_text(target: ForwardTarget) -> &'static str {
        match target {
            ForwardTarget::Team => "do właściwej komórki organizacyjnej centrum",
            ForwardTarget::GminaOffice => "do urzędu gminy",
            ForwardTarget::MunicipalUnit => "do innej jednostki organizacyjnej gminy",
            ForwardTarget::Authority => {
                "do organu właściwego w sprawie (art. 65 § 1 Kodeksu postępowania administracyjnego)"
            }
        }
    }

    pub fn render(
        centre: &crate::centre::CentreInfo,
        application: &crate::applications::Application,
        forwarding: &Forwarding,
    ) -> Result<Vec<u8>, crate::documents::DocumentError> {
        let person = &application.subject;
        let to = if application.needs_applicant() {
            &application.applicant
        } else {
            person
        };
        let day = crate::domain::warsaw_date(forwarding.at);
        let letter = Letter {
            centre: Letterhead::of(centre),
            heading: "Zawiadomienie o przekazaniu wniosku".into(),
            place_date: format!(
                "{}, {}",
                centre.city,
                super::super::decision::polish_date(day)
            ),
            case_ref: application.case_number.clone().unwrap_or_default(),
            addressee: vec![
                to.name.clone(),
                to.street.clone(),
                format!("{} {}", to.postal_code, to.city),
            ],
            paragraphs: vec![
                format!(
                    "Uprzejmie informujemy, że wniosek dotyczący osoby: {} w zakresie: {} \
                     został w dniu {} przekazany {}: {}.",
                    person.name,
                    forwarding.services.join(", "),
                    super::super::decision::polish_date(day),
                    target_text(forwarding.target),
                    forwarding.recipient
                ),
                format!("Powód przekazania: {}", forwarding.reason),
                "Sprawę w tym zakresie rozpatrzy adresat przekazania, który skontaktuje się \
                 z Panią/Panem. W pozostałym zakresie wniosek rozpatruje centrum."
                    .into(),
                format!(
                    "W razie pytań prosimy o kontakt: {}, tel. {}, {}.",
                    centre.name, centre.phone, centre.email
                ),
            ],
            signature: centre.name.clone(),
        };
        crate::documents::render_pdf("letter.typ", &letter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forwarding_names_its_target_recipient_and_reason() {
        let form = ForwardForm {
            service: String::new(),
            target: "gmina_office".into(),
            recipient: "Urząd Gminy Dębica, Referat Oświaty".into(),
            reason: "Dowóz dzieci do szkoły nie jest usługą programu".into(),
        };
        let (target, recipient, _) = form.check().unwrap();
        assert_eq!(target, ForwardTarget::GminaOffice);
        assert_eq!(recipient, "Urząd Gminy Dębica, Referat Oświaty");
        let errors = ForwardForm::default().check().unwrap_err();
        for field in ["target", "recipient", "reason"] {
            assert!(errors.contains_key(field), "{field}");
        }
    }
}
