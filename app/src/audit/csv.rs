//! `GET /pracownik/audyt.csv?…`: the filtered audit trail as CSV for the data protection
//! officer. A plain axum handler that passes the same gate as server functions
//! (`gate::require_with`); the export itself is audited.

use super::{AuditAction, AuditLine, AuditQuery, warsaw_time};
use crate::error::AppError;
use crate::gate::{Permission, require_with};
use crate::state::AppState;
use axum::extract::{Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono_tz::Europe::Warsaw;
use std::borrow::Cow;
use tower_sessions::Session;

/// Most rows one export holds (newest first).
const MAX_ROWS: i64 = 100_000;

/// Excel reads UTF-8 only after a byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

const HEADER: [&str; 11] = [
    "seq",
    "czas (Europe/Warsaw)",
    "użytkownik",
    "e-mail użytkownika",
    "rola",
    "akcja",
    "typ rekordu",
    "id rekordu",
    "osoba",
    "IP",
    "cel",
];

/// A cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, CR) gets a
/// leading apostrophe, so it is shown as text (OWASP "CSV injection").
pub fn guard_cell(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// The CSV document: BOM, header, one row per entry, every cell guarded.
pub fn audit_csv(lines: &[AuditLine]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(BOM.to_vec());
    writer.write_record(HEADER)?;
    for line in lines {
        let e = &line.entry.event;
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let cells = [
            line.entry.seq.to_string(),
            warsaw_time(&line.entry.at),
            text(&e.actor_id),
            text(&line.actor_email),
            text(&e.actor_role),
            e.action.clone(),
            text(&e.record_type),
            text(&e.record_id),
            text(&e.person_id),
            text(&e.ip),
            text(&e.purpose),
        ];
        writer.write_record(cells.iter().map(|c| guard_cell(c).into_owned()))?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// `audyt-YYYY-MM-DD.csv`, dated in Warsaw.
fn file_name(now: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "audyt-{}.csv",
        now.with_timezone(&Warsaw).format("%Y-%m-%d")
    )
}

/// The axum handler. Not signed in → 303 to sign in; not the IOD → 403; a bad filter → 400.
pub async fn download(
    State(state): State<AppState>,
    Query(query): Query<AuditQuery>,
    request: Request,
) -> Response {
    let session = request.extensions().get::<Session>().cloned();
    let ip = request
        .extensions()
        .get::<crate::state::ClientIp>()
        .map(|ip| ip.0.clone());
    match export(&state, session, ip, &query).await {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", file_name(state.clock.now())),
                ),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            body,
        )
            .into_response(),
        Err(AppError::Unauthenticated) => {
            Redirect::to("/logowanie?powrot=/pracownik/audyt").into_response()
        }
        Err(AppError::Forbidden) => {
            (StatusCode::FORBIDDEN, "Nie masz uprawnień do tej strony.").into_response()
        }
        Err(AppError::Invalid(_)) => {
            (StatusCode::BAD_REQUEST, "Nieprawidłowy filtr dziennika.").into_response()
        }
        Err(error) => (
            StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            "Wystąpił błąd po naszej stronie.",
        )
            .into_response(),
    }
}

async fn export(
    state: &AppState,
    session: Option<Session>,
    ip: Option<String>,
    query: &AuditQuery,
) -> Result<Vec<u8>, AppError> {
    let access = require_with(state, session, ip, Permission::ReadAuditLog).await?;
    let filter = query.to_filter()?;
    let lines = access
        .state
        .store
        .audit_search(&filter, MAX_ROWS, 0)
        .await?;
    let event = super::AuditEvent {
        record_type: Some("audit_log".into()),
        record_id: Some(query.to_query_string(None)).filter(|q| !q.is_empty()),
        purpose: Some("audit_review".into()),
        ..access.event(AuditAction::Export)
    };
    access.record(&event).await?;
    audit_csv(&lines).map_err(|err| {
        tracing::error!(error = %err, "CSV export failed");
        AppError::Internal
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{AuditEntry, AuditEvent};

    #[test]
    fn formula_cells_are_guarded() {
        for dangerous in ["=1+1", "+48", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(guard_cell(dangerous), format!("'{dangerous}"));
        }
        for safe in ["", "read", "Jan Kowalski", "2026-11-23 10:00:00", "'quoted"] {
            assert_eq!(guard_cell(safe), safe);
        }
    }

    #[test]
    fn document_has_bom_header_and_guarded_quoted_cells() {
        let line = AuditLine {
            entry: AuditEntry {
                seq: 7,
                at: "2026-11-23T09:00:00.000000Z".into(),
                event: AuditEvent {
                    record_type: Some("=HYPERLINK(\"x\")".into()),
                    purpose: Some("a, b".into()),
                    ..AuditEvent::new(AuditAction::Read)
                },
                hash: String::new(),
            },
            actor_email: Some("iod@cus.example".into()),
        };
        let bytes = audit_csv(&[line]).unwrap();
        assert!(bytes.starts_with(BOM));
        let text = String::from_utf8(bytes[BOM.len()..].to_vec()).unwrap();
        let mut lines = text.lines();
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("seq,czas (Europe/Warsaw),użytkownik")
        );
        assert_eq!(
            lines.next().unwrap(),
            "7,2026-11-23 10:00:00,,iod@cus.example,,read,\"'=HYPERLINK(\"\"x\"\")\",,,,\"a, b\""
        );
        assert_eq!(
            file_name("2026-11-23T23:30:00Z".parse().unwrap()),
            "audyt-2026-11-24.csv"
        );
    }
}
