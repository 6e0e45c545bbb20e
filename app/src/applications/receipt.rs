//! The receipt of a registered application (typst PDF): case number, registration date, the
//! services asked for and what happens next, in the language the resident applied in.

use super::model::{ApplicantRole, Application};
use crate::error::AppError;
use crate::gate::Access;
use crate::i18n::*;
use serde::Serialize;

#[derive(Serialize)]
struct Receipt {
    centre: crate::documents::Letterhead,
    heading: String,
    rows: Vec<[String; 2]>,
    services_heading: String,
    services: Vec<String>,
    next_heading: String,
    next_steps: Vec<String>,
    footer: String,
}

pub async fn render(access: &Access, application: &Application) -> Result<Vec<u8>, AppError> {
    let Some(case_number) = application.case_number.clone() else {
        return Err(AppError::NotFound);
    };
    let store = &access.state.store;
    let programme = store.programme(&application.programme_id).await?;
    let services = store.requested_services(&application.id).await?;
    let l = crate::preferences::locale_of(&application.locale);
    let centre = &access.state.centre;
    let registered = application
        .submitted_at
        .map(crate::domain::warsaw_display)
        .unwrap_or_default();
    let role = match application.applicant_role {
        Some(ApplicantRole::LegalRepresentative) => td_string!(l, apply.role_legal_representative),
        Some(ApplicantRole::DeFactoCarer) => td_string!(l, apply.role_de_facto_carer),
        _ => td_string!(l, apply.role_person),
    };
    let mut rows = vec![
        [td_string!(l, receipt.case_number).to_string(), case_number],
        [td_string!(l, receipt.registered).to_string(), registered],
        [td_string!(l, receipt.programme).to_string(), programme.name],
        [
            td_string!(l, receipt.person).to_string(),
            application.subject.name.clone(),
        ],
        [td_string!(l, receipt.role).to_string(), role.to_string()],
    ];
    if application.needs_applicant() {
        rows.push([
            td_string!(l, receipt.applicant).to_string(),
            application.applicant.name.clone(),
        ]);
    }
    if let Some(received) = application.received_on {
        rows.push([
            td_string!(l, receipt.received_on).to_string(),
            crate::domain::date_display(received),
        ]);
    }
    let receipt = Receipt {
        centre: crate::documents::Letterhead::of(centre),
        heading: td_string!(l, receipt.heading).to_string(),
        rows,
        services_heading: td_string!(l, receipt.services).to_string(),
        services: services.into_iter().map(|s| s.name).collect(),
        next_heading: td_string!(l, receipt.next).to_string(),
        next_steps: vec![
            td_string!(l, receipt.next_1).to_string(),
            td_string!(l, receipt.next_2).to_string(),
            td_string!(l, receipt.next_3).to_string(),
        ],
        footer: format!(
            "{} {}",
            td_string!(l, receipt.footer),
            crate::domain::warsaw_display(access.state.clock.now())
        ),
    };
    crate::documents::typeset(move || crate::documents::render_pdf("receipt.typ", &receipt))
        .await
        .map_err(|err| {
            tracing::error!(error = %err, "receipt not rendered");
            AppError::Internal
        })
}
