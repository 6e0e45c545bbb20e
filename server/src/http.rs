//! The web server: Leptos pages and server functions, health check, preference switches,
//! static files, request tracing and security headers.

use crate::client_ip::TrustedProxies;
use crate::config::Config;
use app::identity::sessions::DbSessionStore;
use app::preferences::{self, DisplayPrefs, safe_return_path};
use app::state::AppState;
use app::{App, html_shell};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use leptos::prelude::*;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use serde::Deserialize;
use std::sync::{Arc, OnceLock};
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// One year, for preference cookies.
const PREFERENCE_MAX_AGE: u32 = 31_536_000;

pub async fn serve(config: Config) -> crate::database::CliResult {
    config.check_for_serving()?;
    let store = crate::database::open_store_waiting(&config, app::store::SERVING_WAIT).await?;
    store
        .set_waiting_keeps_deadline(config.centre.decisions.waiting_list_keeps_deadline)
        .await?;
    let clock = app::domain::Clock::system();
    if config.demo_data {
        crate::demo::seed(&store, &clock).await?;
        tracing::warn!(
            "DEMO: demo accounts share the password in the README; for trying the product on \
             this computer only"
        );
    } else {
        crate::demo::refuse_demo_passwords(&store).await?;
    }
    let state = app_state(&config, store.clone(), clock.clone())?;
    crate::mailer::spawn_delivery(store.clone(), clock.clone(), config.smtp.clone());
    crate::retention::spawn_daily(store.clone(), clock.clone(), config.files_dir.clone());
    spawn_session_cleanup(store, clock);
    spawn_activity_reminders(state.clone());
    let listener = listen(config.listen).await?;
    tracing::info!(address = %config.listen, config = ?config, "CUS listening");
    let trusted = TrustedProxies::new(config.trusted_proxies.clone());
    if config.test_clock {
        tracing::warn!("the test clock is on: POST /test/clock moves the server's time");
    }
    let limits = crate::rate_limit::RateLimits::new(&config.rate_limits);
    crate::rate_limit::spawn_cleanup(limits.clone());
    let settings = RouterSettings {
        secure_cookies: config.secure_cookies,
        trusted_proxies: trusted,
        test_clock: config.test_clock,
        rate_limits: limits,
    };
    let routes = router_with(state, settings);
    axum::serve(
        listener,
        routes.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    Ok(())
}

/// A listener on `address` whose connections write small responses at once instead of waiting
/// for the client's delayed ACK (`TCP_NODELAY`).
pub async fn listen(address: std::net::SocketAddr) -> std::io::Result<Listener> {
    fn no_delay(tcp: &mut tokio::net::TcpStream) {
        if let Err(err) = tcp.set_nodelay(true) {
            tracing::warn!(error = %err, "TCP_NODELAY not set");
        }
    }
    let no_delay: fn(&mut tokio::net::TcpStream) = no_delay;
    Ok(tokio::net::TcpListener::bind(address)
        .await?
        .tap_io(no_delay))
}

/// What `listen` answers.
pub type Listener = axum::serve::TapIo<tokio::net::TcpListener, fn(&mut tokio::net::TcpStream)>;

/// `POST /test/clock` with `days=N` shifts the clock by N days (negative: back) and answers the
/// new time. Only with the `test_clock` setting, for the end-to-end tests.
fn test_clock_route(state: AppState) -> Router<AppState> {
    #[derive(serde::Deserialize)]
    struct Shift {
        days: i64,
    }
    let shift = move |axum::Form(shift): axum::Form<Shift>| async move {
        state.clock.shift(chrono::Duration::days(shift.days));
        state.clock.now().to_rfc3339()
    };
    Router::new().route("/test/clock", post(shift))
}

/// What every request handler shares.
pub fn app_state(
    config: &Config,
    store: app::store::Store,
    clock: app::domain::Clock,
) -> Result<AppState, Box<dyn std::error::Error + Send + Sync>> {
    Ok(AppState {
        leptos_options: leptos_options(config)?,
        store,
        clock,
        centre: Arc::new(config.centre.clone()),
        files: Arc::new(config.files_dir.clone()),
    })
}

/// Leptos settings from cargo-leptos's environment (or its defaults), listening where we do.
fn leptos_options(
    config: &Config,
) -> Result<LeptosOptions, Box<dyn std::error::Error + Send + Sync>> {
    let mut options = get_configuration(None)?.leptos_options;
    options.site_addr = config.listen;
    // Leptos assumes development unless told; a release build is production (no reload socket
    // in the CSP) unless LEPTOS_ENV says otherwise.
    if std::env::var_os("LEPTOS_ENV").is_none() && !cfg!(debug_assertions) {
        options.env = leptos::config::Env::PROD;
    }
    Ok(options)
}

async fn shutdown_signal() {
    let _ = tokio::signal::ctrl_c().await;
    tracing::info!("shutting down");
}

/// The app's routes, generated once per process. Generating them pauses resource loading in the
/// whole process (leptos#4773): a page rendering at that moment in another server of the same
/// process (the HTTP tests run several) would never finish.
fn app_routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The router without rate limits (the HTTP tests send hundreds of requests from one address).
pub fn router(state: AppState, secure_cookies: bool, trusted_proxies: TrustedProxies) -> Router {
    let rate_limits =
        crate::rate_limit::RateLimits::new(&crate::rate_limit::RateLimitConfig::off());
    router_with(
        state,
        RouterSettings {
            secure_cookies,
            trusted_proxies,
            test_clock: false,
            rate_limits,
        },
    )
}

/// How the router treats every request.
pub struct RouterSettings {
    pub secure_cookies: bool,
    pub trusted_proxies: TrustedProxies,
    /// Adds `POST /test/clock`, behind the same layers as the rest (a cross-site form cannot
    /// reach it).
    pub test_clock: bool,
    pub rate_limits: Arc<crate::rate_limit::RateLimits>,
}

/// Longest a request may take before it is answered 503 (a stuck database, a huge document);
/// an upload, whose body arrives within that time, may take longer on a slow mobile link.
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);
const UPLOAD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(600);

async fn time_limit(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let limit = if request.uri().path().ends_with("/zalaczniki/nowy") {
        UPLOAD_TIMEOUT
    } else {
        REQUEST_TIMEOUT
    };
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!("request took longer than its time limit");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "Serwis jest chwilowo przeciążony. Spróbuj ponownie za chwilę.",
            )
                .into_response()
        }
    }
}

pub fn router_with(state: AppState, settings: RouterSettings) -> Router {
    let RouterSettings {
        secure_cookies,
        trusted_proxies,
        test_clock,
        rate_limits,
    } = settings;
    let routes = app_routes();
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            leptos::nonce::provide_nonce();
        }
    };
    let shell = {
        let options = state.leptos_options.clone();
        move || html_shell(options.clone())
    };
    let server_fns = {
        let context = context.clone();
        move |request| leptos_axum::handle_server_fns_with_context(context.clone(), request)
    };
    let base = if test_clock {
        test_clock_route(state.clone())
    } else {
        Router::new()
    };
    base.route("/healthz", get(healthz))
        .route("/jezyk/{code}", get(set_language))
        .route("/preferencje", get(toggle_display))
        .route("/pracownik/audyt.csv", get(app::audit::csv::download))
        .route("/api/hsds/services", get(app::catalogue::hsds::list))
        .route("/api/hsds/services/{id}", get(app::catalogue::hsds::one))
        .route(
            "/wydarzenia/kalendarz.ics",
            get(app::community::ics::calendar),
        )
        .route(
            "/pracownik/spolecznosci/{id}/mapa.pdf",
            get(app::community::documents::map_pdf),
        )
        .route(
            "/wolontariat/{token}/{file}",
            get(app::community::volunteer_documents::own),
        )
        .route(
            "/pracownik/wolontariusze/{id}/{file}",
            get(app::community::volunteer_documents::staff),
        )
        .route(
            "/pracownik/spolecznosci/{id}/plan.pdf",
            get(app::community::documents::plan_pdf),
        )
        .route(
            "/wydarzenia/{id}/kalendarz.ics",
            get(app::community::ics::activity),
        )
        .route(
            "/wnioski/{id}/zalaczniki/nowy",
            post(app::applications::files::upload).layer(axum::extract::DefaultBodyLimit::max(
                (app::applications::MAX_ATTACHMENT_MB as usize + 1) * 1024 * 1024,
            )),
        )
        .route(
            "/wnioski/{id}/zalaczniki/{attachment}",
            get(app::applications::files::download),
        )
        .route(
            "/wnioski/{id}/potwierdzenie.pdf",
            get(app::applications::files::receipt),
        )
        .route(
            "/wnioski/{id}/decyzje/{decision}",
            get(app::applications::files::decision),
        )
        .route(
            "/wnioski/{id}/rozpoznanie/{recognition}",
            get(app::applications::files::recognition),
        )
        .route(
            "/wnioski/{id}/przekazanie/{forwarding}",
            get(app::applications::files::forwarding_letter),
        )
        .route(
            "/wnioski/{id}/plan/{version}",
            get(app::applications::files::plan),
        )
        .route(
            "/moje-konto/moje-dane.json",
            get(app::privacy::files::my_data_json),
        )
        .route("/moje-konto/moje-dane.pdf", get(app::privacy::files::my_data_pdf))
        .route(
            "/pracownik/iod/dane.json",
            get(app::privacy::files::person_data_json),
        )
        .route(
            "/pracownik/iod/dane.pdf",
            get(app::privacy::files::person_data_pdf),
        )
        .route("/api/{*fn_name}", post(server_fns))
        .nest_service("/pkg", static_assets(&state.leptos_options))
        .leptos_routes_with_context(&state, routes, context.clone(), shell)
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, html_shell))
        .layer(axum::middleware::from_fn(server_fn_error_status))
        .layer(axum::middleware::from_fn(crate::form_echo::keep_refused_forms))
        .layer(axum::middleware::from_fn(bundle_policy))
        .layer(session_layer(state.store.clone(), secure_cookies))
        .layer(axum::middleware::from_fn(keep_rotated_session_cookie))
        .layer(axum::Extension(CookiePolicy { secure: secure_cookies }))
        .layer(axum::middleware::from_fn_with_state(
            rate_limits,
            crate::rate_limit::limit,
        ))
        .layer(axum::middleware::from_fn_with_state(
            secure_cookies,
            security_headers,
        ))
        .layer(axum::middleware::from_fn(reject_cross_site))
        .layer(axum::middleware::from_fn_with_state(
            trusted_proxies,
            crate::client_ip::resolve,
        ))
        .layer(
            tower_http::compression::CompressionLayer::new()
                .quality(tower_http::CompressionLevel::Precise(4)),
        )
        .layer(axum::middleware::from_fn(time_limit))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
            // The path only: queries may carry search terms or tokens.
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
        }))
        .with_state(state)
}

/// The bundle and the stylesheet: their brotli or gzip copy when the browser takes it; kept for
/// a year when their names carry a content hash (a new release has new names), otherwise checked
/// again on each use (`Last-Modified`, 304). A missing file is not cached (during a rolling
/// release another instance may have it a moment later).
fn static_assets(options: &LeptosOptions) -> Router {
    let dir = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let caching = HeaderValue::from_static(if options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    });
    let files = tower_http::services::ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .fallback_service(files)
        .layer(axum::middleware::map_response(
            move |mut response: Response| {
                let caching = caching.clone();
                async move {
                    let status = response.status();
                    let headers = response.headers_mut();
                    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
                    if status.is_success() || status == StatusCode::NOT_MODIFIED {
                        headers.insert(header::CACHE_CONTROL, caching);
                    }
                    response
                }
            },
        ))
}

/// Decides whether a page is sent with the browser bundle (`app::ShipsBundle`): staff pages and
/// signed-in visitors get it; the public portal for everyone else is served as rendered.
async fn bundle_policy(
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path = request.uri().path();
    let staff_area = path.starts_with("/pracownik");
    // Server functions and assets render no page (and need no session read for it).
    let page = request.method() == axum::http::Method::GET
        && !path.starts_with("/api/")
        && !path.starts_with("/pkg/");
    let signed_in = match request.extensions().get::<tower_sessions::Session>() {
        Some(session) if page && !staff_area => {
            let user: Option<String> = session
                .get(app::identity::sessions::USER_ID_KEY)
                .await
                .ok()
                .flatten();
            user.is_some()
        }
        _ => false,
    };
    request
        .extensions_mut()
        .insert(app::ShipsBundle(staff_area || signed_in));
    next.run(request).await
}

/// Signing in rotates the session id. A request sent a moment earlier with the old id (the
/// page's own fetches racing the sign-in) finds no session, and the session layer would answer
/// it by clearing the cookie — the browser's new one, which has the same name — signing the
/// person out at random. The old id signs nobody in anyway, so only signing out clears it.
async fn keep_rotated_session_cookie(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let signing_out = request.uri().path() == "/api/logout";
    let mut response = next.run(request).await;
    if !signing_out {
        let headers = response.headers_mut();
        let kept: Vec<HeaderValue> = headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter(|value| {
                let text = value.to_str().unwrap_or_default();
                !(text.starts_with("cus_session=") && text.contains("Max-Age=0"))
            })
            .cloned()
            .collect();
        headers.remove(header::SET_COOKIE);
        for value in kept {
            headers.append(header::SET_COOKIE, value);
        }
    }
    response
}

/// Idle timeout of a session (the absolute limit for staff is checked at the gate).
const SESSION_IDLE: time::Duration = time::Duration::minutes(app::identity::sessions::IDLE_MINUTES);

/// Sessions in the database: HttpOnly, SameSite=Lax, Secure behind HTTPS, 30 minutes idle.
fn session_layer(store: app::store::Store, secure: bool) -> SessionManagerLayer<DbSessionStore> {
    SessionManagerLayer::new(DbSessionStore::new(store))
        .with_name("cus_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure)
        .with_expiry(Expiry::OnInactivity(SESSION_IDLE))
}

/// Removes expired sessions once an hour.
/// Every quarter of an hour: the e-mail reminder to those with a place at an activity that
/// starts within a day.
fn spawn_activity_reminders(state: AppState) {
    tokio::spawn(async move {
        loop {
            match app::community::calendar::server::send_reminders(&state).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(reminded = n, "activity reminders queued"),
                Err(err) => tracing::warn!(error = %err, "activity reminders failed"),
            }
            tokio::time::sleep(std::time::Duration::from_secs(900)).await;
        }
    });
}

fn spawn_session_cleanup(store: app::store::Store, clock: app::domain::Clock) {
    tokio::spawn(async move {
        loop {
            match store.delete_expired_sessions(clock.now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(removed = n, "expired sessions removed"),
                Err(err) => tracing::warn!(error = %err, "session cleanup failed"),
            }
            let day_ago = clock.now() - chrono::Duration::days(1);
            if let Err(err) = store.delete_sign_in_attempts_before(day_ago).await {
                tracing::warn!(error = %err, "sign-in attempts cleanup failed");
            }
            tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
        }
    });
}

/// CSRF protection: a state-changing request (anything but GET, HEAD, OPTIONS) is refused
/// when the browser says it comes from another site. Browsers send `Sec-Fetch-Site` (or at
/// least `Origin`) with every such request; clients without either carry no session cookie
/// to abuse. Together with `SameSite=Lax` cookies this is the OWASP "verify origin" defence.
async fn reject_cross_site(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    use axum::http::Method;
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let allowed = match (text("sec-fetch-site"), text(header::ORIGIN.as_str())) {
        (Some(site), _) => matches!(site, "same-origin" | "none"),
        (None, Some(origin)) => {
            let host = text(header::HOST.as_str()).unwrap_or_default();
            origin
                .split_once("://")
                .is_some_and(|(_, authority)| authority == host)
        }
        (None, None) => true,
    };
    if allowed {
        next.run(request).await
    } else {
        tracing::warn!(path = %request.uri().path(), "cross-site request refused");
        (
            StatusCode::FORBIDDEN,
            "Żądanie z innej witryny zostało odrzucone.",
        )
            .into_response()
    }
}

/// (Leptos registers each server function as its own route, so this is a router-wide layer.)
/// Server functions report every error with status 500 and the `AppError` as JSON. The status
/// is taken from the error instead (422 invalid input, 401, 403, 404, 429, …), so logs and
/// monitoring see a mistyped form field as what it is, not as a server fault.
async fn server_fn_error_status(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let server_fn = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    if server_fn {
        one_error_state(&mut response);
    }
    if !server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1 << 20).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<app::error::AppError>(&bytes)
        && let Ok(status) = StatusCode::from_u16(error.status_code())
    {
        parts.status = status;
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// A form sent without JavaScript that fails is sent back to the page it came from with the
/// error in the address (`__path`, `__err`); a second failure would append a second pair to the
/// first. Only the latest error is kept, so the address stays the same however often it fails.
fn one_error_state(response: &mut Response) {
    let Some(location) = response
        .headers()
        .get(header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .filter(|location| location.contains("__err="))
    else {
        return;
    };
    let (path, query) = location.split_once('?').unwrap_or((location, ""));
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();
    let is_error = |key: &str| key == "__path" || key == "__err";
    let last = |name: &str| pairs.iter().rev().find(|(key, _)| key == name).cloned();
    let mut kept = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs.iter().filter(|(key, _)| !is_error(key)) {
        kept.append_pair(key, value);
    }
    for (key, value) in [last("__path"), last("__err")].into_iter().flatten() {
        kept.append_pair(&key, &value);
    }
    if let Ok(value) = HeaderValue::from_str(&format!("{path}?{}", kept.finish())) {
        response.headers_mut().insert(header::LOCATION, value);
    }
}

/// Headers every response carries (the page CSP with its nonce is set while rendering).
/// Served over HTTPS (`secure_cookies`), browsers are also told to use HTTPS only (HSTS).
/// What a signed-in person is sent (pages, server functions, documents) is never stored by the
/// browser or a proxy; static files set their own caching.
async fn security_headers(
    State(https): State<bool>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let signed_in = carries_session(request.headers());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if signed_in || headers.contains_key(header::SET_COOKIE) {
        headers
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-store"));
    }
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
        ),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            header::HeaderName::from_static("cross-origin-resource-policy"),
            "same-origin",
        ),
    ] {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    response
}

/// Whether the request carries the session cookie (a signed-in person, or one signing in).
fn carries_session(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .any(|pair| pair.trim_start().starts_with("cus_session="))
}

#[derive(Clone, Copy)]
struct CookiePolicy {
    secure: bool,
}

impl CookiePolicy {
    fn cookie(self, name: &str, value: &str) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!("{name}={value}; Path=/; Max-Age={PREFERENCE_MAX_AGE}; SameSite=Lax{secure}")
    }
}

/// 200 `ok` when the database answers, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> Response {
    if state.store.is_healthy().await {
        (StatusCode::OK, "ok").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
    }
}

#[derive(Deserialize)]
struct Return {
    powrot: Option<String>,
}

/// `/jezyk/uk?powrot=/kontakt` remembers the language and goes back — no JavaScript needed.
async fn set_language(
    Path(code): Path<String>,
    Query(back): Query<Return>,
    axum::Extension(policy): axum::Extension<CookiePolicy>,
) -> Response {
    let target = safe_return_path(back.powrot.as_deref());
    if !matches!(code.as_str(), "pl" | "uk" | "en") {
        return Redirect::to(&target).into_response();
    }
    let cookie = policy.cookie(preferences::LANGUAGE_COOKIE, &code);
    ([(header::SET_COOKIE, cookie)], Redirect::to(&target)).into_response()
}

#[derive(Deserialize)]
struct Toggle {
    przelacz: Option<String>,
    powrot: Option<String>,
}

/// `/preferencje?przelacz=kontrast` flips high contrast (`tekst`: larger text) and goes back.
async fn toggle_display(
    Query(toggle): Query<Toggle>,
    headers: axum::http::HeaderMap,
    axum::Extension(policy): axum::Extension<CookiePolicy>,
) -> Response {
    let target = safe_return_path(toggle.powrot.as_deref());
    let current = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(DisplayPrefs::from_cookie_header)
        .unwrap_or_default();
    let next = match toggle.przelacz.as_deref() {
        Some("kontrast") => DisplayPrefs {
            high_contrast: !current.high_contrast,
            ..current
        },
        Some("tekst") => DisplayPrefs {
            large_text: !current.large_text,
            ..current
        },
        _ => current,
    };
    let cookie = policy.cookie(preferences::COOKIE, &next.to_cookie_value());
    ([(header::SET_COOKIE, cookie)], Redirect::to(&target)).into_response()
}
