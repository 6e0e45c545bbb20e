//! The real router over real HTTP, on a fresh database of each backend.

use app::domain::Clock;
use app::state::AppState;
use app::store::testing::{TestDatabase, test_backends};
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

struct Running {
    url: String,
    db: TestDatabase,
}

async fn spawn_app(db: TestDatabase) -> Running {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let state = AppState {
        leptos_options: LeptosOptions::builder()
            .output_name("cus")
            .site_root("target/site")
            .build(),
        store: db.store.clone(),
        clock: Clock::system(),
        centre: Arc::new(Default::default()),
    };
    let router = server::http::router(state, false);
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .unwrap();
    });
    Running { url, db }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn health_check_follows_the_database() {
    for backend in test_backends() {
        let app = spawn_app(TestDatabase::create(backend).await).await;
        let res = client()
            .get(format!("{}/healthz", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.text().await.unwrap(), "ok");

        app.db.store.close().await;
        let res = client()
            .get(format!("{}/healthz", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            503,
            "{backend:?}: a closed database is unhealthy"
        );
        app.db.drop_database().await;
    }
}

#[tokio::test]
async fn pages_render_in_polish_with_security_headers() {
    for backend in test_backends() {
        let app = spawn_app(TestDatabase::create(backend).await).await;
        let res = client().get(format!("{}/", app.url)).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let csp = res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("'nonce-"),
            "{csp}"
        );
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        let html = res.text().await.unwrap();
        assert!(
            html.contains("lang=\"pl\""),
            "Polish is the default language"
        );
        assert!(html.contains("Przejdź do treści"));
        assert!(html.contains("Centrum Usług Społecznych Gminy Dębica"));

        let res = client()
            .get(format!("{}/nie-ma", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        assert!(res.text().await.unwrap().contains("Nie znaleziono strony"));
        app.db.drop_database().await;
    }
}

#[tokio::test]
async fn language_switch_sets_cookie_and_returns() {
    let app = spawn_app(TestDatabase::create(test_backends()[0]).await).await;
    let res = client()
        .get(format!("{}/jezyk/uk?powrot=/kontakt", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/kontakt");
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.starts_with("i18n_pref_locale=uk;") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    let html = client()
        .get(format!("{}/kontakt", app.url))
        .header("cookie", "i18n_pref_locale=uk")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("lang=\"uk\""));
    assert!(html.contains("Контакти"));

    let res = client()
        .get(format!("{}/jezyk/uk?powrot=//evil.example", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/", "no open redirect");
    app.db.drop_database().await;
}

#[tokio::test]
async fn display_preferences_toggle() {
    let app = spawn_app(TestDatabase::create(test_backends()[0]).await).await;
    let res = client()
        .get(format!(
            "{}/preferencje?przelacz=kontrast&powrot=/",
            app.url
        ))
        .header("cookie", "cus_display=large")
        .send()
        .await
        .unwrap();
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.starts_with("cus_display=contrast,large;"),
        "{cookie}"
    );

    let html = client()
        .get(format!("{}/", app.url))
        .header("cookie", "cus_display=contrast,large")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("class=\"high-contrast large-text\""));
    app.db.drop_database().await;
}
