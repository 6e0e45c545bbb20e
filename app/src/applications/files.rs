//! Attachments and the receipt, as plain axum handlers (a multipart upload works with
//! JavaScript off; downloads are files, not pages). Files live outside the web root, in the
//! configured files folder, named by their id; only the applicant and authorised staff get them.

use super::model::{Application, AttachmentInfo, Step};
use super::{MAX_ATTACHMENT_MB, MAX_ATTACHMENTS};
use crate::audit::AuditAction;
use crate::error::AppError;
use crate::gate::{Access, Permission, require_with};
use crate::state::AppState;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// The types accepted, recognised by their content (not by name or declared type).
const ACCEPTED: [&str; 3] = ["application/pdf", "image/jpeg", "image/png"];

/// Why an upload was refused; the code goes back to the page as `?blad=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadRefusal {
    Empty,
    TooLarge,
    WrongType,
    TooMany,
}

impl UploadRefusal {
    pub fn code(self) -> &'static str {
        match self {
            Self::Empty => "file_empty",
            Self::TooLarge => "file_too_large",
            Self::WrongType => "file_wrong_type",
            Self::TooMany => "file_too_many",
        }
    }
}

/// The type of an accepted file, judged by its first bytes.
pub fn accepted_type(bytes: &[u8]) -> Result<&'static str, UploadRefusal> {
    if bytes.is_empty() {
        return Err(UploadRefusal::Empty);
    }
    if bytes.len() > MAX_ATTACHMENT_MB as usize * 1024 * 1024 {
        return Err(UploadRefusal::TooLarge);
    }
    let kind = infer::get(bytes).map(|k| k.mime_type());
    ACCEPTED
        .into_iter()
        .find(|accepted| kind == Some(*accepted))
        .ok_or(UploadRefusal::WrongType)
}

/// The request's session and address, for the gate.
pub(crate) fn who(request: &Request) -> (Option<Session>, Option<String>) {
    let session = request.extensions().get::<Session>().cloned();
    let ip = request
        .extensions()
        .get::<crate::state::ClientIp>()
        .map(|ip| ip.0.clone());
    (session, ip)
}

/// The answer for a failed request: sign in first, or a short page with the status.
pub(crate) fn failure(error: AppError, back: &str) -> Response {
    match error {
        AppError::Unauthenticated => {
            Redirect::to(&format!("/logowanie?powrot={back}")).into_response()
        }
        error => {
            let status = StatusCode::from_u16(error.status_code())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (
                status,
                status.canonical_reason().unwrap_or_default().to_owned(),
            )
                .into_response()
        }
    }
}

fn path_of(state: &AppState, attachment_id: &str) -> std::path::PathBuf {
    state.files.join(attachment_id)
}

/// Removes a stored file (its record is already gone); a missing file is not an error.
pub async fn delete_file(state: &AppState, attachment_id: &str) {
    if let Err(err) = tokio::fs::remove_file(path_of(state, attachment_id)).await {
        tracing::warn!(error = %err, "attachment file not removed");
    }
}

/// `POST /wnioski/{id}/zalaczniki/nowy`: adds one file to a draft, then back to the step's page.
pub async fn upload(
    State(state): State<AppState>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let back = Step::Attachments.path(&id);
    let (session, ip) = who(&request);
    let access = match require_with(&state, session, ip, Permission::ManageOwnData).await {
        Ok(access) => access,
        Err(error) => return failure(error, &back),
    };
    let application = match crate::cases::access::server::own_case(&access, &id).await {
        Ok(application) if application.status == super::ApplicationStatus::Draft => application,
        Ok(_) => return Redirect::to(&format!("/moje-sprawy/{id}")).into_response(),
        Err(error) => return failure(error, &back),
    };
    match store_upload(&access, &application, request).await {
        Ok(Ok(())) => Redirect::to(&format!("{back}?dodano=1")).into_response(),
        Ok(Err(refusal)) => {
            Redirect::to(&format!("{back}?blad={}", refusal.code())).into_response()
        }
        Err(error) => failure(error, &back),
    }
}

async fn store_upload(
    access: &Access,
    application: &Application,
    request: Request,
) -> Result<Result<(), UploadRefusal>, AppError> {
    let store = &access.state.store;
    if store.attachments(&application.id).await?.len() >= MAX_ATTACHMENTS {
        return Ok(Err(UploadRefusal::TooMany));
    }
    let Ok(mut multipart) = Multipart::from_request(request, &access.state).await else {
        return Ok(Err(UploadRefusal::Empty));
    };
    let field = loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => break field,
            Ok(Some(_)) => continue,
            Ok(None) => return Ok(Err(UploadRefusal::Empty)),
            // The body limit cuts off a file far too large.
            Err(_) => return Ok(Err(UploadRefusal::TooLarge)),
        }
    };
    let file_name = clean_file_name(field.file_name().unwrap_or_default());
    let Ok(bytes) = field.bytes().await else {
        return Ok(Err(UploadRefusal::TooLarge));
    };
    let content_type = match accepted_type(&bytes) {
        Ok(kind) => kind,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let info = AttachmentInfo {
        id: crate::store::new_id(),
        file_name,
        content_type: content_type.to_owned(),
        size_bytes: bytes.len() as i64,
    };
    tokio::fs::create_dir_all(access.state.files.as_ref())
        .await
        .map_err(|err| internal("files folder", err))?;
    tokio::fs::write(path_of(&access.state, &info.id), &bytes)
        .await
        .map_err(|err| internal("attachment write", err))?;
    let sha256 = {
        use sha2::Digest;
        format!("{:x}", sha2::Sha256::digest(&bytes))
    };
    let user = access.signed_in()?;
    let now = access.state.clock.now();
    store
        .insert_attachment(&application.id, &info, &sha256, &user.id, now)
        .await?;
    let event = crate::cases::access::server::case_event(access, AuditAction::Create, application);
    access.record(&event).await?;
    Ok(Ok(()))
}

fn internal(what: &str, err: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %err, "{what}");
    AppError::Internal
}

/// A name safe to show and to put in a download header: no path, no control or quote marks.
fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';'))
        .take(120)
        .collect();
    if cleaned.trim().is_empty() {
        "plik".into()
    } else {
        cleaned
    }
}

/// `GET /wnioski/{id}/zalaczniki/{attachment}`.
pub async fn download(
    State(state): State<AppState>,
    Path((id, attachment)): Path<(String, String)>,
    request: Request,
) -> Response {
    let caller = who(&request);
    let file = async {
        let (access, application) = gate(&state, &id, caller).await?;
        let info = access
            .state
            .store
            .attachments(&id)
            .await?
            .into_iter()
            .find(|a| a.id == attachment)
            .ok_or(AppError::NotFound)?;
        let bytes = tokio::fs::read(path_of(&state, &info.id))
            .await
            .map_err(|err| internal("attachment read", err))?;
        let file = File {
            content_type: info.content_type,
            name: info.file_name,
            bytes,
        };
        audited(&access, AuditAction::Read, &application, file).await
    };
    respond(file.await, &id)
}

/// `GET /wnioski/{id}/potwierdzenie.pdf`: the receipt of a registered application.
pub async fn receipt(
    State(state): State<AppState>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let caller = who(&request);
    let file = async {
        let (access, application) = gate(&state, &id, caller).await?;
        let number = application.case_number.clone().unwrap_or_default();
        let file = File {
            content_type: "application/pdf".to_owned(),
            name: format!("potwierdzenie-{}.pdf", number.replace('/', "-")),
            bytes: super::receipt::render(&access, &application).await?,
        };
        audited(&access, AuditAction::Export, &application, file).await
    };
    respond(file.await, &id)
}

/// `GET /wnioski/{id}/decyzje/{decision}`: a decision of the case, as issued.
pub async fn decision(
    State(state): State<AppState>,
    Path((id, decision)): Path<(String, String)>,
    request: Request,
) -> Response {
    let caller = who(&request);
    let file = async {
        let (access, application) = gate(&state, &id, caller).await?;
        let (number, document) = access
            .state
            .store
            .decision_document(&id, decision.trim_end_matches(".pdf"))
            .await?;
        let bytes = crate::documents::typeset(move || {
            crate::documents::render_pdf("decision.typ", &document)
        })
        .await
        .map_err(|err| internal("decision render", err))?;
        let file = File {
            content_type: "application/pdf".to_owned(),
            name: format!("decyzja-{}.pdf", number.replace('/', "-")),
            bytes,
        };
        audited(&access, AuditAction::Export, &application, file).await
    };
    respond(file.await, &id)
}

/// `GET /wnioski/{id}/rozpoznanie/{recognition}`: the record of a needs recognition.
pub async fn recognition(
    State(state): State<AppState>,
    Path((id, recognition)): Path<(String, String)>,
    request: Request,
) -> Response {
    let caller = who(&request);
    let file = async {
        let (access, application) = gate(&state, &id, caller).await?;
        let recognition = access
            .state
            .store
            .recognition(&id, recognition.trim_end_matches(".pdf"))
            .await?;
        let (centre, case) = (access.state.centre.clone(), application.clone());
        let bytes = crate::documents::typeset(move || {
            crate::cases::recognition::record::render(&centre, &case, &recognition)
        })
        .await
        .map_err(|err| internal("recognition render", err))?;
        let file = File {
            content_type: "application/pdf".to_owned(),
            name: "rozpoznanie-potrzeb.pdf".to_owned(),
            bytes,
        };
        audited(&access, AuditAction::Export, &application, file).await
    };
    respond(file.await, &id)
}

/// `GET /wnioski/{id}/plan/{version}`: one version of the case's individual plan. Staff print
/// every version; the resident only those that were approved.
pub async fn plan(
    State(state): State<AppState>,
    Path((id, version)): Path<(String, String)>,
    request: Request,
) -> Response {
    use crate::ipus::VersionState;
    let caller = who(&request);
    let file = async {
        let (access, application) = gate(&state, &id, caller).await?;
        let store = &access.state.store;
        let plan_id = store.plan_of_case(&id).await?.ok_or(AppError::NotFound)?;
        let plan = store.plan(&plan_id).await?;
        let wanted = version.trim_end_matches(".pdf");
        let version = plan
            .versions
            .iter()
            .find(|v| v.version.to_string() == wanted)
            .cloned()
            .ok_or(AppError::NotFound)?;
        let staff = access
            .user
            .as_ref()
            .is_some_and(|user| Permission::HandleCases.allowed_for(&user.roles));
        let approved = matches!(
            version.state,
            VersionState::Approved | VersionState::Superseded
        );
        if !(staff || approved) {
            return Err(AppError::NotFound);
        }
        let programme = store.programme(&application.programme_id).await?;
        // The case's coordinator now (the case may have passed to another since the plan began).
        let coordinator = store.handling(&id).await?.coordinator.unwrap_or_default();
        let approver = match &version.decided_by {
            Some(by) if version.state != VersionState::Returned => {
                let user = store.user_by_id(by).await?;
                Some((
                    user.display_name,
                    user.roles.contains(&crate::domain::Role::Director),
                ))
            }
            _ => None,
        };
        let closure = store.plan_closure(&plan_id).await?;
        let name = format!(
            "{}-wersja-{}.pdf",
            plan.number.replace(['/', ' '], "-"),
            version.version
        );
        let (centre, case) = (access.state.centre.clone(), application.clone());
        let bytes = crate::documents::typeset(move || {
            crate::ipus::document::render(&crate::ipus::document::PlanFacts {
                centre: &centre,
                application: &case,
                programme: &programme,
                plan: &plan,
                version: &version,
                coordinator: &coordinator,
                approver: approver
                    .as_ref()
                    .map(|(name, director)| (name.as_str(), *director)),
                closure: closure.as_ref(),
            })
        })
        .await
        .map_err(|err| internal("plan render", err))?;
        let file = File {
            content_type: "application/pdf".to_owned(),
            name,
            bytes,
        };
        audited(&access, AuditAction::Export, &application, file).await
    };
    respond(file.await, &id)
}

/// `GET /wnioski/{id}/przekazanie/{forwarding}`: the letter about a forwarding.
pub async fn forwarding_letter(
    State(state): State<AppState>,
    Path((id, forwarding)): Path<(String, String)>,
    request: Request,
) -> Response {
    let caller = who(&request);
    let file = async {
        let (access, application) = gate(&state, &id, caller).await?;
        let wanted = forwarding.trim_end_matches(".pdf");
        let forwarding = access
            .state
            .store
            .forwardings_of(&id)
            .await?
            .into_iter()
            .find(|f| f.id == wanted)
            .ok_or(AppError::NotFound)?;
        let (centre, case) = (access.state.centre.clone(), application.clone());
        let bytes = crate::documents::typeset(move || {
            crate::cases::forwarding::letter::render(&centre, &case, &forwarding)
        })
        .await
        .map_err(|err| internal("letter render", err))?;
        let file = File {
            content_type: "application/pdf".to_owned(),
            name: "przekazanie-wniosku.pdf".to_owned(),
            bytes,
        };
        audited(&access, AuditAction::Export, &application, file).await
    };
    respond(file.await, &id)
}

/// A file to download.
pub(crate) struct File {
    pub content_type: String,
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The caller's access and application `id`, when they may read it.
async fn gate(
    state: &AppState,
    id: &str,
    (session, ip): (Option<Session>, Option<String>),
) -> Result<(Access, Application), AppError> {
    let access = require_with(state, session, ip, Permission::ManageOwnData).await?;
    let application = crate::cases::access::server::case_to_read(&access, id).await?;
    Ok((access, application))
}

/// Records that `file` of the application was read (`action`) and hands it on.
async fn audited(
    access: &Access,
    action: AuditAction,
    application: &Application,
    file: File,
) -> Result<File, AppError> {
    let event = crate::cases::access::server::case_event(access, action, application);
    access.record(&event).await?;
    Ok(file)
}

/// The file, or the Polish error page (sign-in for a visitor) that leads back to the case.
fn respond(file: Result<File, AppError>, id: &str) -> Response {
    match file {
        Ok(file) => file_response(file),
        Err(error) => failure(error, &format!("/moje-sprawy/{id}")),
    }
}

pub(crate) fn file_response(file: File) -> Response {
    let ascii: String = file
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, file.content_type),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        file.bytes,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_is_judged_by_the_content() {
        assert_eq!(accepted_type(b"%PDF-1.7\n..."), Ok("application/pdf"));
        assert_eq!(
            accepted_type(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Ok("image/jpeg")
        );
        assert_eq!(
            accepted_type(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Ok("image/png")
        );
        // A script renamed to .pdf is still a script.
        assert_eq!(
            accepted_type(b"#!/bin/sh\nrm -rf /"),
            Err(UploadRefusal::WrongType)
        );
        assert_eq!(accepted_type(b"MZ\x90\0"), Err(UploadRefusal::WrongType));
        assert_eq!(accepted_type(b""), Err(UploadRefusal::Empty));
        let huge = vec![b'%'; MAX_ATTACHMENT_MB as usize * 1024 * 1024 + 1];
        assert_eq!(accepted_type(&huge), Err(UploadRefusal::TooLarge));
    }

    #[test]
    fn file_names_lose_paths_and_quotes() {
        assert_eq!(
            clean_file_name("C:\\Users\\a\\zaświadczenie.pdf"),
            "zaświadczenie.pdf"
        );
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\"b;c.png"), "abc.png");
        assert_eq!(clean_file_name(""), "plik");
    }
}
