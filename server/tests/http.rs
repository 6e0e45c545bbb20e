//! The real router over real HTTP, on a fresh database of each backend.

mod support;

use app::domain::Clock;
use app::store::testing::{TestDatabase, test_backends};
use support::*;

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
    for backend in test_backends() {
        let app = spawn_app(TestDatabase::create(backend).await).await;
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
}

#[tokio::test]
async fn display_preferences_toggle() {
    for backend in test_backends() {
        let app = spawn_app(TestDatabase::create(backend).await).await;
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
}

/// A browser-like client that keeps cookies and does not follow redirects.
#[tokio::test]
async fn cross_site_posts_are_refused() {
    for backend in test_backends() {
        let app = spawn_app(TestDatabase::create(backend).await).await;
        let login = format!("{}/api/login", app.url);
        let form = [("email", "a@b.pl"), ("password", "x")];
        for (header, value) in [
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
            ("sec-fetch-site", "same-site"),
        ] {
            let res = client()
                .post(&login)
                .header(header, value)
                .form(&form)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 403, "{header}: {value}");
        }
        let same_origin = client()
            .post(&login)
            .header("origin", &app.url)
            .header("sec-fetch-site", "same-origin")
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_ne!(same_origin.status(), 403);
        app.db.drop_database().await;
    }
}

#[tokio::test]
async fn staff_sign_in_needs_an_enrolled_second_factor_used_once() {
    use app::domain::{Email, Role};
    use app::identity::NewStaffUser;
    use app::identity::totp::code_at;
    for backend in test_backends() {
        let app = spawn_app(TestDatabase::create(backend).await).await;
        let staff = NewStaffUser {
            email: Email::parse("koordynator@cus.example").unwrap(),
            display_name: "Karol Koordynator".into(),
            roles: vec![Role::PlanCoordinator],
        };
        let now = chrono::Utc::now();
        app.db
            .store
            .create_staff_user(&staff, "długie-hasło-123", now)
            .await
            .unwrap();
        let api = |name: &str| format!("{}/api/{name}", app.url);
        let credentials = [
            ("email", "koordynator@cus.example"),
            ("password", "długie-hasło-123"),
        ];

        let first = browser();
        let (status, location, _) = post_form(&first, &api("login"), &credentials).await;
        assert_eq!((status, location.as_str()), (200, "/logowanie/nowy-kod"));
        let (status, _, body) = post_form(&first, &api("whoami"), &[]).await;
        assert_ne!(
            status, 200,
            "{backend:?}: the password alone does not sign in"
        );
        assert!(body.contains("Unauthenticated"), "{body}");

        let (status, _, body) = post_form(&first, &api("totp_enrolment"), &[]).await;
        assert_eq!(status, 200, "{body}");
        let enrolment: serde_json::Value = serde_json::from_str(&body).unwrap();
        let secret = enrolment["secret"].as_str().unwrap().to_owned();
        let code = code_at(&secret, chrono::Utc::now().timestamp()).unwrap();
        let (status, location, _) =
            post_form(&first, &api("totp_confirm"), &[("kod", &code)]).await;
        assert_eq!(
            (status, location.as_str()),
            (200, "/pracownik/kody-odzyskiwania")
        );
        let (status, _, body) = post_form(&first, &api("whoami"), &[]).await;
        assert_eq!(status, 200, "{body}");
        let (_, _, body) = post_form(&first, &api("recovery_codes"), &[]).await;
        let codes: Vec<String> = serde_json::from_str(&body).unwrap();
        assert_eq!(codes.len(), 10);

        // The same code again (another browser): refused, so a code seen once is useless.
        let second = browser();
        let (_, location, _) = post_form(&second, &api("login"), &credentials).await;
        assert_eq!(location, "/logowanie/kod");
        let (status, _, body) = post_form(&second, &api("second_factor"), &[("kod", &code)]).await;
        assert_eq!(status, 422, "{backend:?}: a used code is refused");
        assert!(body.contains("code_invalid"), "{body}");
        let (status, location, _) =
            post_form(&second, &api("second_factor"), &[("kod", &codes[0])]).await;
        assert_eq!((status, location.as_str()), (200, "/pracownik"));

        // A recovery code works once.
        let third = browser();
        post_form(&third, &api("login"), &credentials).await;
        let (_, _, body) = post_form(&third, &api("second_factor"), &[("kod", &codes[0])]).await;
        assert!(body.contains("code_invalid"), "{body}");

        // Signing in rotates the session id. A request still carrying the old id (the page's own
        // fetch racing the sign-in) is anonymous, and must not clear the new cookie.
        let session_cookie = |res: &reqwest::Response| {
            res.headers()
                .get_all("set-cookie")
                .iter()
                .map(|v| v.to_str().unwrap().to_owned())
                .find(|v| v.starts_with("cus_session="))
        };
        let post_with = |path: &str, cookie: &str, form: &[(&str, &str)]| {
            client()
                .post(api(path))
                .header("cookie", cookie.split(';').next().unwrap().to_owned())
                .form(form)
                .send()
        };
        let login = client()
            .post(api("login"))
            .form(&credentials)
            .send()
            .await
            .unwrap();
        let old = session_cookie(&login).expect("the password step starts a session");
        let signed_in = post_with("second_factor", &old, &[("kod", &codes[1])])
            .await
            .unwrap();
        assert_eq!(signed_in.status().as_u16(), 200);
        let new = session_cookie(&signed_in).expect("signing in rotates the session id");
        assert_ne!(old, new);
        let stale = post_with("whoami", &old, &[]).await.unwrap();
        assert_ne!(stale.status().as_u16(), 200, "the old id signs nobody in");
        assert_eq!(
            session_cookie(&stale),
            None,
            "{backend:?}: a stale id does not clear the browser's new cookie"
        );
        let fresh = post_with("whoami", &new, &[]).await.unwrap();
        assert_eq!(fresh.status().as_u16(), 200);
        app.db.drop_database().await;
    }
}

/// A client with its own cookie jar, signed in through the real server functions: password,
/// then enrolling the second factor (each test's accounts are new).
#[tokio::test]
async fn audit_csv_export_passes_the_gate_and_guards_formulas() {
    use app::audit::{AuditAction, AuditEvent, AuditFilter};
    use app::domain::{Email, Role};
    use app::identity::NewStaffUser;
    const PASSWORD: &str = "dlugie-haslo-123";
    for backend in test_backends() {
        let db = TestDatabase::create(backend).await;
        for (email, role) in [
            ("iod@cus.example", Role::DataProtectionOfficer),
            ("punkt@cus.example", Role::InfoPointClerk),
        ] {
            let user = NewStaffUser {
                email: Email::parse(email).unwrap(),
                display_name: email.into(),
                roles: vec![role],
            };
            db.store
                .create_staff_user(&user, PASSWORD, chrono::Utc::now())
                .await
                .unwrap();
        }
        let event = AuditEvent {
            record_type: Some("=HYPERLINK(\"http://evil.example\")".into()),
            record_id: Some("-2+3".into()),
            ..AuditEvent::new(AuditAction::Read)
        };
        db.store.audit(&event, chrono::Utc::now()).await.unwrap();
        let app = spawn_app(db).await;
        let csv_url = format!("{}/pracownik/audyt.csv", app.url);

        let res = client().get(&csv_url).send().await.unwrap();
        assert_eq!(res.status(), 303, "{backend:?}: visitors sign in first");
        assert_eq!(
            res.headers()["location"],
            "/logowanie?powrot=/pracownik/audyt"
        );

        let clerk = signed_in(&app, "punkt@cus.example", PASSWORD).await;
        let res = clerk.get(&csv_url).send().await.unwrap();
        assert_eq!(res.status(), 403, "{backend:?}: only the IOD exports");

        let iod = signed_in(&app, "iod@cus.example", PASSWORD).await;
        let res = iod.get(&csv_url).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
        let disposition = res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            disposition.starts_with("attachment; filename=\"audyt-")
                && disposition.ends_with(".csv\""),
            "{disposition}"
        );
        let body = res.bytes().await.unwrap();
        assert!(body.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
        let text = std::str::from_utf8(&body[3..]).unwrap();
        assert!(text.starts_with("seq,czas (Europe/Warsaw),"), "{text}");
        assert!(
            text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\""),
            "{text}"
        );
        assert!(text.contains(",'-2+3,"), "{text}");

        let res = iod
            .get(format!("{csv_url}?od=wczoraj"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400);

        let exports = AuditFilter {
            action: Some(AuditAction::Export),
            record_type: Some("audit_log".into()),
            ..Default::default()
        };
        assert_eq!(
            app.db.store.audit_count(&exports).await.unwrap(),
            1,
            "the export is audited"
        );
        let denied = AuditFilter {
            action: Some(AuditAction::PermissionDenied),
            ..Default::default()
        };
        assert_eq!(app.db.store.audit_count(&denied).await.unwrap(), 1);
        app.db.drop_database().await;
    }
}

#[tokio::test]
async fn administrator_pages_render_and_refuse_other_roles() {
    use app::domain::{Email, Role};
    use app::identity::NewStaffUser;
    const PASSWORD: &str = "dlugie-haslo-123";
    for backend in test_backends() {
        let db = TestDatabase::create(backend).await;
        for (email, role) in [
            ("admin@cus.example", Role::Administrator),
            ("iod@cus.example", Role::DataProtectionOfficer),
            ("punkt@cus.example", Role::InfoPointClerk),
        ] {
            let user = NewStaffUser {
                email: Email::parse(email).unwrap(),
                display_name: format!("Konto {email}"),
                roles: vec![role],
            };
            db.store
                .create_staff_user(&user, PASSWORD, chrono::Utc::now())
                .await
                .unwrap();
        }
        let app = spawn_app(db).await;
        let page = |client: &reqwest::Client, path: &str| {
            let request = client.get(format!("{}{path}", app.url));
            async move {
                let res = request.send().await.unwrap();
                (res.status().as_u16(), res.text().await.unwrap())
            }
        };

        // Like `/pracownik`, a visitor is pointed to the sign-in page (Leptos's `Redirect`).
        let res = client()
            .get(format!("{}/pracownik/konta", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.headers()["location"],
            "/logowanie?powrot=/pracownik/konta"
        );

        let admin = signed_in(&app, "admin@cus.example", PASSWORD).await;
        let (status, html) = page(&admin, "/pracownik/konta?szukaj=konto").await;
        assert_eq!(status, 200);
        let caption = html.split("<caption>").nth(1).unwrap_or_default();
        assert!(caption.starts_with("Konta użytkowników: "), "{caption}");
        let (status, html) = page(&admin, "/pracownik/uprawnienia").await;
        assert_eq!(status, 200);
        assert!(html.contains("Przeglądanie i eksport dziennika zdarzeń"));
        assert!(html.contains("<span class=\"visually-hidden\">tak</span>"));
        let (status, html) = page(&admin, "/pracownik/konta/nowe").await;
        assert_eq!(status, 200);
        assert!(html.contains("name=\"roles[]\""));

        // Creating through the server function, as the form does without JavaScript.
        let res = admin
            .post(format!("{}/api/create_account", app.url))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(
                "kind=staff&email=nowa%40cus.example&display_name=Nina+Nowa\
             &roles%5B%5D=social_worker&roles%5B%5D=plan_coordinator&provider_id=\
             &password=bardzo-tajne-haslo&password_again=bardzo-tajne-haslo",
            )
            .send()
            .await
            .unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        assert!(
            headers.contains_key("location"),
            "{status} {headers:?} {}",
            res.text().await.unwrap()
        );
        let res_location = headers["location"].to_str().unwrap().to_owned();
        let location = res_location;
        assert!(location.starts_with("/pracownik/konta/"), "{location}");
        let (status, html) = page(&admin, &location).await;
        assert_eq!(status, 200);
        assert!(html.contains("nowa@cus.example"));
        assert!(
            html.contains(
                "koordynator indywidualnych planów usług społecznych, pracownik socjalny"
            )
        );

        // The only administrator can neither deactivate themselves nor drop the role.
        let admin_id = app
            .db
            .store
            .user_by_email(&Email::parse("admin@cus.example").unwrap())
            .await
            .unwrap()
            .id;
        for body in [
            format!("id={admin_id}&active=false"),
            format!("id={admin_id}&display_name=Adam&roles%5B%5D=director"),
        ] {
            let endpoint = if body.contains("active") {
                "set_account_active"
            } else {
                "update_account"
            };
            let res = admin
                .post(format!("{}/api/{endpoint}", app.url))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .unwrap();
            assert!(
                res.text().await.unwrap().contains("last_admin"),
                "{endpoint}"
            );
        }
        // Nor grant themselves another role while keeping theirs.
        let res = admin
            .post(format!("{}/api/update_account", app.url))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!(
                "id={admin_id}&display_name=Adam&roles%5B%5D=administrator&roles%5B%5D=director"
            ))
            .send()
            .await
            .unwrap();
        assert!(res.text().await.unwrap().contains("own_roles"));
        // Nor reset their own second factor (another administrator does).
        let (_, _, body) = post_form(
            &admin,
            &format!("{}/api/reset_second_factor", app.url),
            &[("id", &admin_id)],
        )
        .await;
        assert!(body.contains("own_second_factor"), "{body}");
        let still = app.db.store.user_by_id(&admin_id).await.unwrap();
        assert!(still.active && still.roles == [Role::Administrator]);

        let iod = signed_in(&app, "iod@cus.example", PASSWORD).await;
        let (status, html) = page(&iod, "/pracownik/audyt?akcja=create&typ=account").await;
        assert_eq!(status, 200);
        assert!(
            html.replace("<!>", "").contains("Znaleziono 1 wpis<"),
            "{html}"
        );
        assert!(
            html.contains("akcja=create"),
            "shareable CSV link keeps the filter"
        );
        let (status, html) = page(&iod, "/pracownik/audyt?od=wczoraj").await;
        assert_eq!(status, 200);
        assert!(html.contains("RRRR-MM-DD"));

        let clerk = signed_in(&app, "punkt@cus.example", PASSWORD).await;
        for path in [
            "/pracownik/konta",
            "/pracownik/konta/nowe",
            "/pracownik/uprawnienia",
            "/pracownik/audyt",
        ] {
            let (status, html) = page(&clerk, path).await;
            assert_eq!(status, 403, "{path}");
            assert!(html.contains("Nie masz uprawnień do tej strony."), "{path}");
        }
        app.db.drop_database().await;
    }
}

#[tokio::test]
async fn catalogue_pages_and_open_data_on_every_backend() {
    for backend in test_backends() {
        let db = TestDatabase::create(backend).await;
        server::demo_catalogue::seed_catalogue(&db.store, &Clock::system())
            .await
            .unwrap();
        let app = spawn_app(db).await;
        let get = |path: &str| {
            let request = client().get(format!("{}{path}", app.url));
            async move {
                let res = request.send().await.unwrap();
                // Hydration markers between text nodes are not part of what a person reads.
                let status = res.status().as_u16();
                (status, res.text().await.unwrap().replace("<!>", ""))
            }
        };

        let (status, html) = get("/uslugi?szukaj=ZLOTA+raczka").await;
        assert_eq!(status, 200);
        assert!(html.contains("Złota Rączka – drobne naprawy w domu seniora"));
        assert!(html.contains("Znaleziono 1 usługę"), "{html}");

        let (status, body) = get("/api/hsds/services?per_page=100").await;
        assert_eq!(status, 200);
        let page: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            page["total_items"], 13,
            "10 Dębica services and 3 paid ones"
        );
        let id = page["contents"][0]["id"].as_str().unwrap().to_owned();
        let (status, html) = get(&format!("/uslugi/{id}")).await;
        assert_eq!(status, 200);
        assert!(html.contains("\"@type\":\"GovernmentService\""));

        let (status, _) = get("/uslugi/00000000-0000-7000-8000-000000000000").await;
        assert_eq!(status, 404);
        let (status, _) = get("/api/hsds/services/00000000-0000-7000-8000-000000000000").await;
        assert_eq!(status, 404);

        // The staff side of the programme passes the gate: a visitor is not signed in.
        let res = client()
            .post(format!("{}/api/programmes", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 401);
    }
}

/// A resident with a confirmed address and this password.
async fn confirmed_resident(app: &Running, email: &str, password: &str) {
    let address = app::domain::Email::parse(email).unwrap();
    let now = chrono::Utc::now();
    let id = app
        .db
        .store
        .create_resident(&address, "Maria Mieszkanka", password, now)
        .await
        .unwrap();
    app.db.store.mark_email_confirmed(&id, now).await.unwrap();
}

#[tokio::test]
async fn production_headers_and_nothing_stored_for_a_signed_in_person() {
    for backend in test_backends() {
        let app = spawn_app(TestDatabase::create(backend).await).await;
        let res = client().get(format!("{}/", app.url)).send().await.unwrap();
        let headers = res.headers();
        assert_eq!(headers["cross-origin-opener-policy"], "same-origin");
        assert!(
            headers["permissions-policy"]
                .to_str()
                .unwrap()
                .contains("camera=()")
        );
        assert!(
            headers.get("cache-control").is_none(),
            "an anonymous public page may be cached"
        );
        confirmed_resident(&app, "maria@example.pl", "długie-hasło-123").await;
        let person = browser();
        let (status, location, body) = post_form(
            &person,
            &format!("{}/api/login", app.url),
            &[
                ("email", "maria@example.pl"),
                ("password", "długie-hasło-123"),
            ],
        )
        .await;
        assert_eq!((status, location.as_str()), (200, "/moje-konto"), "{body}");
        let res = person
            .get(format!("{}/moje-konto", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(
            res.headers()["cache-control"],
            "no-store",
            "{backend:?}: a signed-in page is never stored"
        );
        let res = person
            .post(format!("{}/api/profile", app.url))
            .form(&[("_", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.headers()["cache-control"], "no-store");
        app.db.drop_database().await;
    }
}

/// Without JavaScript a refused form comes back with what was typed (passwords excepted) and
/// one error in the address, however often it is refused.
#[tokio::test]
async fn a_form_refused_without_javascript_keeps_what_was_typed() {
    for backend in test_backends() {
        let app = spawn_app(TestDatabase::create(backend).await).await;
        let resident = browser();
        let page = format!("{}/zgloszenie-potrzeby", app.url);
        let form = [
            ("area", ""),
            ("group", "seniors"),
            ("place", "Łęg, ul. Polna"),
            (
                "description",
                "Brak transportu <w soboty></textarea><b>x</b>",
            ),
            ("contact", ""),
        ];
        let mut referer = page.clone();
        for _ in 0..3 {
            let res = resident
                .post(format!("{}/api/report_need", app.url))
                .header("accept", "text/html")
                .header("referer", &referer)
                .form(&form)
                .send()
                .await
                .unwrap();
            assert!(res.status().is_redirection(), "{}", res.status());
            referer = res.headers()["location"].to_str().unwrap().to_owned();
            assert_eq!(referer.matches("__err=").count(), 1, "{referer}");
            assert_eq!(referer.matches("__path=").count(), 1, "{referer}");
        }
        let shown = |url: String| {
            let resident = resident.clone();
            async move {
                let res = resident.get(url).header("accept", "text/html").send().await;
                res.unwrap().text().await.unwrap()
            }
        };
        let again = shown(referer.clone()).await;
        assert!(again.contains(r#"value="Łęg, ul. Polna""#), "{again}");
        assert!(
            again.contains("Brak transportu &lt;w soboty&gt;&lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt;"),
            "the text, escaped inside its textarea: {again}"
        );
        assert!(
            again.contains(r#"<option value="seniors" selected"#),
            "the choice: {again}"
        );
        assert!(again.contains("error-summary"), "and the error summary");
        let later = shown(page.clone()).await;
        assert!(!later.contains("Brak transportu"), "shown once only");

        // A password is never shown again; the e-mail address is.
        let url = format!("{}/api/login", app.url);
        let res = resident
            .post(&url)
            .header("accept", "text/html")
            .header("referer", format!("{}/logowanie", app.url))
            .form(&[("email", "nikt@example.pl"), ("password", "tajne-hasło-77")])
            .send()
            .await
            .unwrap();
        let location = res.headers()["location"].to_str().unwrap().to_owned();
        let login = shown(location).await;
        assert!(login.contains(r#"value="nikt@example.pl""#), "{login}");
        assert!(!login.contains("tajne-hasło-77"));
        app.db.drop_database().await;
    }
}

#[tokio::test]
async fn a_limited_address_gets_a_polish_page_with_retry_after() {
    let limits = server::rate_limit::RateLimitConfig {
        password_reset_per_hour: 2,
        ..Default::default()
    };
    for backend in test_backends() {
        let app = spawn_app_limited(TestDatabase::create(backend).await, limits.clone()).await;
        let url = format!("{}/api/password_reset_request", app.url);
        for _ in 0..2 {
            let res = client()
                .post(&url)
                .form(&[("email", "ktos@example.pl")])
                .send()
                .await
                .unwrap();
            assert_ne!(res.status(), 429);
        }
        let res = client()
            .post(&url)
            .header("accept", "text/html")
            .form(&[("email", "ktos@example.pl")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 429, "the third reset in an hour");
        let wait: u64 = res.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((60..=1800).contains(&wait), "{wait}");
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        let page = res.text().await.unwrap();
        assert!(page.contains("Zbyt wiele prób"), "{page}");
        assert!(page.contains("Spróbuj ponownie za"), "{page}");
        let res = client()
            .post(&url)
            .header("accept", "application/json")
            .form(&[("email", "ktos@example.pl")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 429);
        assert!(res.text().await.unwrap().contains("TooManyRequests"));
        let res = client()
            .post(format!("{}/api/login", app.url))
            .form(&[("email", "ktos@example.pl"), ("password", "x")])
            .send()
            .await
            .unwrap();
        assert_ne!(res.status(), 429, "other kinds keep their own allowance");
        app.db.drop_database().await;
    }
}

#[tokio::test]
async fn parallel_wrong_passwords_are_checked_at_most_five_times() {
    for backend in test_backends() {
        let app = spawn_app(TestDatabase::create(backend).await).await;
        confirmed_resident(&app, "celina@example.pl", "poprawne-haslo-1").await;
        let url = format!("{}/api/login", app.url);
        let attempts = (0..20).map(|i| {
            let url = url.clone();
            async move {
                let form = [
                    ("email", "celina@example.pl".to_owned()),
                    ("password", format!("zgadywane-{i}")),
                ];
                client()
                    .post(url)
                    .form(&form)
                    .send()
                    .await
                    .unwrap()
                    .status()
            }
        });
        let statuses = futures_join_all(attempts).await;
        let checked = statuses.iter().filter(|s| s.as_u16() == 422).count();
        let refused = statuses.iter().filter(|s| s.as_u16() == 429).count();
        assert_eq!(checked + refused, 20, "{backend:?}: {statuses:?}");
        assert!(
            (1..=5).contains(&checked),
            "{backend:?}: {checked} passwords checked in parallel"
        );
        let (status, _, _) = post_form(
            &client(),
            &url,
            &[
                ("email", "celina@example.pl"),
                ("password", "poprawne-haslo-1"),
            ],
        )
        .await;
        assert_eq!(status, 429, "{backend:?}: the account waits out its limit");
        app.db.drop_database().await;
    }
}

/// Runs the futures at once and answers their outputs in order.
async fn futures_join_all<F: std::future::Future + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut outputs = Vec::new();
    for handle in handles {
        outputs.push(handle.await.unwrap());
    }
    outputs
}
