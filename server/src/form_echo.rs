//! Keeping what a form held when it was refused without JavaScript (`app::components::echo`):
//! the refused form's fields wait in the session for the one page that shows its error, whose
//! fields then show them again. Passwords and one-time codes are never kept.

use app::components::echo::FormEcho;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::Session;

/// The largest form kept (typed fields; uploads are multipart and never kept).
const MAX_FORM: usize = 256 * 1024;

/// The middleware: inside the session layer, outside the server functions.
pub async fn keep_refused_forms(request: Request, next: Next) -> Response {
    let Some(session) = request.extensions().get::<Session>().cloned() else {
        return next.run(request).await;
    };
    let path = request.uri().path();
    let headers = request.headers();
    let is = |name: header::HeaderName, part: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.contains(part))
    };
    let small = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<usize>().ok())
        .is_some_and(|length| length <= MAX_FORM);
    if request.method() == Method::POST
        && path.starts_with("/api/")
        && small
        && is(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
    {
        return remember_if_refused(session, request, next).await;
    }
    if request.method() == Method::GET && is(header::ACCEPT, "text/html") {
        return show_once(session, request, next).await;
    }
    next.run(request).await
}

async fn remember_if_refused(session: Session, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM).await else {
        return next.run(Request::from_parts(parts, Body::empty())).await;
    };
    let fields: Vec<(String, String)> = form_urlencoded::parse(&bytes)
        .filter(|(name, _)| FormEcho::keeps(name))
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    if let Some(path) = refused_page(&response) {
        let echo = FormEcho { path, fields };
        if let Err(error) = session.insert(FormEcho::SESSION_KEY, echo).await {
            tracing::warn!(%error, "the refused form was not kept");
        }
    }
    response
}

/// The page a refused form is sent back to (its `Location` carries the error), if it was.
fn refused_page(response: &Response) -> Option<String> {
    let location = response.headers().get(header::LOCATION)?.to_str().ok()?;
    if !location.contains("__err=") {
        return None;
    }
    let path = match location.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |start| &rest[start..]),
        None => location,
    };
    Some(path.split(['?', '#']).next().unwrap_or("/").to_owned())
}

/// Gives the kept form to the page it was refused on, once; any other page drops it.
async fn show_once(session: Session, mut request: Request, next: Next) -> Response {
    if let Ok(Some(echo)) = session.get::<FormEcho>(FormEcho::SESSION_KEY).await {
        if let Err(error) = session.remove::<FormEcho>(FormEcho::SESSION_KEY).await {
            tracing::warn!(%error, "a kept form was not dropped");
        }
        if echo.path == request.uri().path() {
            request.extensions_mut().insert(echo);
        }
    }
    next.run(request).await
}
