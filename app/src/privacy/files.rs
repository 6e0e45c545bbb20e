//! The exports as downloads: `GET /moje-konto/moje-dane.{json,pdf}` for the signed-in person and
//! `GET /pracownik/iod/dane.{json,pdf}?pesel=…` for the data protection officer. Every export is
//! audited; the JSON keeps the codes (to take elsewhere, art. 20), the PDF reads in Polish.

use super::model::PersonalData;
use crate::applications::files::{File, failure, file_response, who};
use crate::applications::{ApplicationStatus, Channel, EventKind, RequestStatus};
use crate::audit::{AuditAction, AuditEvent};
use crate::domain::{Labelled, Pesel};
use crate::error::AppError;
use crate::gate::{Access, Permission, require_with};
use crate::i18n::Locale;
use crate::state::AppState;
use axum::extract::{Query, Request, State};
use axum::response::{IntoResponse, Response};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Pdf,
}

/// `GET /moje-konto/moje-dane.json`.
pub async fn my_data_json(State(state): State<AppState>, request: Request) -> Response {
    my_data(state, request, Format::Json).await
}

/// `GET /moje-konto/moje-dane.pdf`.
pub async fn my_data_pdf(State(state): State<AppState>, request: Request) -> Response {
    my_data(state, request, Format::Pdf).await
}

async fn my_data(state: AppState, request: Request, format: Format) -> Response {
    let (session, ip) = who(&request);
    let export = async {
        let access = require_with(&state, session, ip, Permission::ManageOwnData).await?;
        let user = access.signed_in()?;
        let controller = &state.centre.privacy.controller;
        let data = state
            .store
            .personal_data_of_user(&user.id, controller, state.clock.now())
            .await?;
        let person = user.id.clone();
        audit_export(&access, Some(person), "own_data").await?;
        deliver(&state, data, format, "moje-dane").await
    };
    match export.await {
        Ok(file) => file_response(file),
        Err(error) => failure(error, "/moje-konto"),
    }
}

#[derive(serde::Deserialize)]
pub struct PersonQuery {
    #[serde(default)]
    pesel: String,
}

/// `GET /pracownik/iod/dane.json?pesel=…`.
pub async fn person_data_json(
    State(state): State<AppState>,
    Query(query): Query<PersonQuery>,
    request: Request,
) -> Response {
    person_data(state, query, request, Format::Json).await
}

/// `GET /pracownik/iod/dane.pdf?pesel=…`.
pub async fn person_data_pdf(
    State(state): State<AppState>,
    Query(query): Query<PersonQuery>,
    request: Request,
) -> Response {
    person_data(state, query, request, Format::Pdf).await
}

async fn person_data(
    state: AppState,
    query: PersonQuery,
    request: Request,
    format: Format,
) -> Response {
    let (session, ip) = who(&request);
    let export = async {
        let access = require_with(&state, session, ip, Permission::ReadAuditLog).await?;
        let pesel =
            Pesel::parse(query.pesel.trim()).map_err(|e| AppError::invalid("pesel", e.key()))?;
        let controller = &state.centre.privacy.controller;
        let data = state
            .store
            .personal_data_by_pesel(&pesel, controller, state.clock.now())
            .await?;
        audit_export(&access, None, "data_subject_request").await?;
        deliver(&state, data, format, "dane-osoby").await
    };
    match export.await {
        Ok(file) => file_response(file),
        Err(AppError::Invalid(_)) => (
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "Niepoprawny numer PESEL — wróć i popraw go w formularzu.",
        )
            .into_response(),
        Err(error) => failure(error, "/pracownik/iod"),
    }
}

async fn audit_export(
    access: &Access,
    person: Option<String>,
    purpose: &str,
) -> Result<(), AppError> {
    let event = AuditEvent {
        record_type: Some("personal_data".into()),
        person_id: person,
        purpose: Some(purpose.into()),
        ..access.event(AuditAction::Export)
    };
    access.record(&event).await
}

/// The export as a JSON or PDF file named `name`.
async fn deliver(
    state: &AppState,
    mut data: PersonalData,
    format: Format,
    name: &str,
) -> Result<File, AppError> {
    match format {
        Format::Json => Ok(File {
            content_type: "application/json".into(),
            name: format!("{name}.json"),
            bytes: serde_json::to_vec_pretty(&data).map_err(|_| AppError::Internal)?,
        }),
        Format::Pdf => {
            in_polish(&mut data);
            let document = Document {
                centre: crate::documents::Letterhead::of(&state.centre),
                export: data.readable(),
            };
            let bytes = crate::documents::typeset(move || {
                crate::documents::render_pdf("personal_data.typ", &document)
            })
            .await
            .map_err(|err| {
                tracing::error!(error = %err, "data export not rendered");
                AppError::Internal
            })?;
            Ok(File {
                content_type: "application/pdf".into(),
                name: format!("{name}.pdf"),
                bytes,
            })
        }
    }
}

#[derive(serde::Serialize)]
struct Document {
    centre: crate::documents::Letterhead,
    #[serde(flatten)]
    export: super::model::ReadableExport,
}

/// The codes of the export as the PDF's reader sees them.
fn in_polish(data: &mut PersonalData) {
    let polish = Locale::pl;
    for application in &mut data.applications {
        if let Some(status) = ApplicationStatus::from_code(&application.status) {
            application.status = status.label_in(polish).to_string();
        }
        if let Some(channel) = Channel::from_code(&application.channel) {
            application.channel = channel.label_in(polish).to_string();
        }
        for service in &mut application.services {
            if let Some(status) = RequestStatus::from_code(&service.status) {
                service.status = status.label_in(polish).to_string();
            }
        }
        for event in &mut application.timeline {
            if let Some(kind) = EventKind::from_code(&event.kind) {
                event.kind = kind.label_in(polish).to_string();
            }
        }
    }
}
