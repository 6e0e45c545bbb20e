//! What the HTTP test files share: the real router on a fresh database, and clients.

#![allow(dead_code)]

use app::domain::Clock;
use app::state::AppState;
use app::store::testing::TestDatabase;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

pub mod fixtures;

pub struct Running {
    pub url: String,
    pub db: TestDatabase,
    /// Where uploaded files are kept.
    pub files: std::path::PathBuf,
}

/// What the handlers share, on `store` with `clock` (also for running the server's jobs).
pub fn state_on(store: &app::store::Store, clock: Clock, files: std::path::PathBuf) -> AppState {
    AppState {
        leptos_options: LeptosOptions::builder()
            .output_name("cus")
            .site_root("target/site")
            .build(),
        store: store.clone(),
        clock,
        centre: Arc::new(Default::default()),
        files: Arc::new(files),
    }
}

pub async fn spawn_app(db: TestDatabase) -> Running {
    spawn_app_limited(db, server::rate_limit::RateLimitConfig::off()).await
}

/// `spawn_app` with these per-address rate limits.
pub async fn spawn_app_limited(
    db: TestDatabase,
    limits: server::rate_limit::RateLimitConfig,
) -> Running {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let files = std::env::temp_dir().join(format!("cus-files-{}", app::store::new_id()));
    let state = state_on(&db.store, Clock::system(), files.clone());
    let settings = server::http::RouterSettings {
        secure_cookies: false,
        trusted_proxies: Default::default(),
        test_clock: false,
        rate_limits: server::rate_limit::RateLimits::new(&limits),
    };
    let router = server::http::router_with(state, settings);
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .unwrap();
    });
    Running { url, db, files }
}

/// A client that shows redirects instead of following them; a request that hangs fails the
/// test after 30 s instead of stalling the whole run.
pub fn client() -> reqwest::Client {
    client_builder().build().unwrap()
}

pub fn client_builder() -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(30))
}

pub fn browser() -> reqwest::Client {
    client_builder().cookie_store(true).build().unwrap()
}

/// Posts a form to a server function; answers (status, Location, body).
pub async fn post_form(
    client: &reqwest::Client,
    url: &str,
    form: &[(&str, &str)],
) -> (u16, String, String) {
    let res = client.post(url).form(form).send().await.unwrap();
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, location, res.text().await.unwrap_or_default())
}

/// `post_form` owning what it sends: a request built ahead, e.g. to send twice at once.
pub async fn post_owned(
    client: reqwest::Client,
    url: String,
    form: Vec<(&'static str, String)>,
) -> (u16, String, String) {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    post_form(&client, &url, &form).await
}

pub async fn signed_in(app: &Running, email: &str, password: &str) -> reqwest::Client {
    let client = browser();
    let api = |name: &str| format!("{}/api/{name}", app.url);
    let (_, location, body) = post_form(
        &client,
        &api("login"),
        &[("email", email), ("password", password)],
    )
    .await;
    assert_eq!(location, "/logowanie/nowy-kod", "{body}");
    let (_, _, body) = post_form(&client, &api("totp_enrolment"), &[]).await;
    let enrolment: serde_json::Value = serde_json::from_str(&body).unwrap();
    let secret = enrolment["secret"].as_str().unwrap();
    let code = app::identity::totp::code_at(secret, chrono::Utc::now().timestamp()).unwrap();
    let (_, location, body) = post_form(&client, &api("totp_confirm"), &[("kod", &code)]).await;
    assert_eq!(location, "/pracownik/kody-odzyskiwania", "{body}");
    client
}
