//! Applying over real HTTP on each backend: the wizard's steps, validation, attachments judged
//! by content, double submits, the receipt, privacy between residents, and 100 concurrent
//! submissions getting 100 unique case numbers; then the staff's side: the inbox, assignment,
//! path, notes and the deadline clock.

#[path = "parts/community.rs"]
mod community;
#[path = "parts/summary.rs"]
mod summary;
mod support;

use app::domain::{Clock, Email};
use app::store::testing::{TestDatabase, test_backends};
use sqlx::Row;
use support::*;

const PASSWORD: &str = "hasło-mieszkańca-1";

/// A confirmed resident account, signed in.
async fn resident(app: &Running, email: &str) -> reqwest::Client {
    let store = &app.db.store;
    let address = Email::parse(email).unwrap();
    let id = store
        .create_resident(&address, "Anna Opiekunka", PASSWORD, chrono::Utc::now())
        .await
        .unwrap();
    store
        .mark_email_confirmed(&id, chrono::Utc::now())
        .await
        .unwrap();
    let client = browser();
    let (status, _, body) = post_form(
        &client,
        &format!("{}/api/login", app.url),
        &[("email", email), ("password", PASSWORD)],
    )
    .await;
    assert!(status < 400, "{status} {body}");
    client
}

/// The two first services of the Dębica programme.
async fn debica_services(app: &Running) -> (String, String) {
    let rows = sqlx::query(
        "SELECT s.id FROM services s JOIN programmes p ON p.id = s.programme_id \
         WHERE p.name LIKE '%Dębica' ORDER BY s.position LIMIT 2",
    )
    .fetch_all(app.db.store.pool())
    .await
    .unwrap();
    let id = |i: usize| rows[i].try_get::<String, _>("id").unwrap();
    (id(0), id(1))
}

async fn seeded_app(backend: app::store::Backend) -> Running {
    let db = TestDatabase::create(backend).await;
    server::demo_catalogue::seed_catalogue(&db.store, &Clock::system())
        .await
        .unwrap();
    spawn_app(db).await
}

/// Fills every step of a new application for two services; answers its id.
async fn filled_application(
    app: &Running,
    client: &reqwest::Client,
    services: (&str, &str),
) -> String {
    let api = |name: &str| format!("{}/api/{name}", app.url);
    let (status, location, body) = post_form(
        client,
        &api("start_application"),
        &[("service", services.0)],
    )
    .await;
    assert!(status < 400, "{body}");
    let id = location
        .strip_prefix("/wnioski/")
        .and_then(|rest| rest.strip_suffix("/uslugi"))
        .unwrap_or_else(|| panic!("{location}"))
        .to_owned();
    let steps = [
        (
            "choose_services",
            vec![("services[0]", services.0), ("services[1]", services.1)],
            "kto",
        ),
        ("save_who", vec![("role", "de_facto_carer")], "osoba"),
        (
            "save_person",
            vec![
                ("person[name]", "Halina Kowalska"),
                ("person[pesel]", "44051401458"),
                ("person[birth_date]", "1944-05-14"),
                ("person[street]", "ul. Polna 3"),
                ("person[postal_code]", "39-200"),
                ("person[city]", "Dębica"),
                ("person[disability]", "moderate"),
                // Asked only by some programmes; the others drop them.
                ("person[household_size]", "1"),
                ("person[income]", "1200,00"),
                ("person[dependency]", "partly"),
            ],
            "wnioskodawca",
        ),
        (
            "save_person",
            vec![
                ("applicant", "true"),
                ("person[name]", "Anna Opiekunka"),
                ("person[street]", "ul. Polna 5"),
                ("person[postal_code]", "39-200"),
                ("person[city]", "Dębica"),
            ],
            "oswiadczenia",
        ),
        (
            "save_declarations",
            vec![("conditions", "yes"), ("privacy", "yes")],
            "zalaczniki",
        ),
    ];
    for (function, fields, next) in steps {
        let mut form = vec![("id", id.as_str())];
        form.extend(fields);
        let (status, location, body) = post_form(client, &api(function), &form).await;
        assert!(status < 400, "{function}: {body}");
        assert_eq!(location, format!("/wnioski/{id}/{next}"), "{function}");
        // Each step's page is there (no other route shadows it).
        let page = client
            .get(format!("{}{location}", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status().as_u16(), 200, "{location}");
    }
    id
}

async fn upload(
    app: &Running,
    client: &reqwest::Client,
    id: &str,
    name: &str,
    bytes: Vec<u8>,
) -> String {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
    let form = reqwest::multipart::Form::new().part("file", part);
    let res = client
        .post(format!("{}/wnioski/{id}/zalaczniki/nowy", app.url))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    res.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn applying_online_on_every_backend() {
    for backend in test_backends() {
        let app = seeded_app(backend).await;
        let (first, second) = debica_services(&app).await;
        let anna = resident(&app, "anna@example.pl").await;
        let api = |name: &str| format!("{}/api/{name}", app.url);

        // Starting twice resumes the same draft.
        let id = filled_application(&app, &anna, (&first, &second)).await;
        let (_, location, _) =
            post_form(&anna, &api("start_application"), &[("service", &first)]).await;
        assert_eq!(location, format!("/wnioski/{id}/uslugi"));

        // A wrong PESEL and a birth date that does not match it are named, field by field.
        let (status, _, body) = post_form(
            &anna,
            &api("save_person"),
            &[
                ("id", &id),
                ("person[name]", "Halina Kowalska"),
                ("person[pesel]", "44051401459"),
                ("person[birth_date]", "1944-05-14"),
            ],
        )
        .await;
        assert_eq!(status, 422);
        assert!(body.contains("pesel_bad_checksum"), "{body}");
        assert!(
            body.contains("street"),
            "the address is required too: {body}"
        );
        // The draft keeps what was typed (the form shows it again), and moving on needs it
        // corrected: going through the steps again resumes the same draft.
        let kept = app.db.store.application(&id).await.unwrap();
        assert_eq!(kept.subject.pesel, "44051401459");
        let (status, _, body) = post_form(&anna, &api("submit_application"), &[("id", &id)]).await;
        assert_eq!(status, 422);
        assert!(body.contains("person_missing"), "{body}");
        assert_eq!(filled_application(&app, &anna, (&first, &second)).await, id);

        // Attachments are judged by their content and size.
        let refused = upload(
            &app,
            &anna,
            &id,
            "skan.pdf",
            b"#!/bin/sh\necho nie PDF".to_vec(),
        )
        .await;
        assert!(refused.ends_with("?blad=file_wrong_type"), "{refused}");
        let huge = [b"%PDF-1.7\n".to_vec(), vec![b'x'; 5 * 1024 * 1024]].concat();
        let refused = upload(&app, &anna, &id, "duzy.pdf", huge).await;
        assert!(refused.ends_with("?blad=file_too_large"), "{refused}");
        let added = upload(
            &app,
            &anna,
            &id,
            "orzeczenie.pdf",
            b"%PDF-1.4\n%%EOF\n".to_vec(),
        )
        .await;
        assert!(added.ends_with("?dodano=1"), "{added}");

        // Another resident is refused, and the attempt is audited.
        let other = resident(&app, "obcy@example.pl").await;
        let (status, _, _) = post_form(&other, &api("my_case"), &[("id", &id)]).await;
        assert_eq!(status, 404, "another's case answers as an unknown one");
        let denied = sqlx::query(
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'permission_denied' AND record_id = $1",
        )
        .bind(&id)
        .fetch_one(app.db.store.pool())
        .await
        .unwrap();
        assert_eq!(denied.try_get::<i64, _>("n").unwrap(), 1);

        // A double submit registers one case with one number and one e-mail.
        let (submit_url, form) = (api("submit_application"), [("id", id.as_str())]);
        let (a, b) = tokio::join!(
            post_form(&anna, &submit_url, &form),
            post_form(&anna, &submit_url, &form)
        );
        for (status, location, body) in [a, b] {
            assert!(status < 400, "{body}");
            assert_eq!(location, format!("/wnioski/{id}/zlozono"));
        }
        let application = app.db.store.application(&id).await.unwrap();
        let case_number = application.case_number.unwrap();
        assert!(
            case_number.starts_with("CUS/") && case_number.ends_with("/000001"),
            "{case_number}"
        );
        let mails = app
            .db
            .store
            .emails_to(&Email::parse("anna@example.pl").unwrap())
            .await
            .unwrap();
        assert_eq!(mails.len(), 1);
        assert!(mails[0].body_text.contains(&case_number));

        // The receipt is a PDF for Anna, and not for the other resident.
        let receipt = format!("{}/wnioski/{id}/potwierdzenie.pdf", app.url);
        let res = anna.get(&receipt).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 200);
        assert!(res.bytes().await.unwrap().starts_with(b"%PDF-"));
        let res = other.get(&receipt).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 404);

        // "Moje sprawy" lists it.
        let (_, _, body) = post_form(&anna, &api("my_applications"), &[]).await;
        assert!(body.contains(&case_number), "{body}");

        // Once a service is granted, the resident may resign from it (it reaches the
        // director's queue) but can no longer withdraw the whole application.
        let store = &app.db.store;
        store
            .set_request_status(&id, &first, app::applications::RequestStatus::Qualified)
            .await
            .unwrap();
        let resign = [
            ("id", id.as_str()),
            ("service", first.as_str()),
            ("reason", "Przeprowadzka"),
        ];
        let (status, location, body) = post_form(&anna, &api("resign_service"), &resign).await;
        assert!(status < 400, "{body}");
        assert_eq!(location, format!("/moje-sprawy/{id}?rezygnacja=1"));
        let queue = store.resignations().await.unwrap();
        assert_eq!(queue.len(), 1);
        assert_eq!(queue[0].event.detail, "Przeprowadzka");
        assert_eq!(queue[0].application_id, id);
        let (status, _, body) = post_form(&anna, &api("resign_service"), &resign).await;
        assert_eq!(status, 422, "resigning twice: {body}");
        let (status, _, body) =
            post_form(&anna, &api("withdraw_application"), &[("id", &id)]).await;
        assert_eq!(status, 422);
        assert!(body.contains("cannot_withdraw"), "{body}");
        app.db.drop_database().await;
    }
}

/// The load check of issue 6: 100 residents submit at once (each twice, as a double click
/// would) against the running server, and exactly 100 cases with 100 different numbers exist.
#[tokio::test]
async fn a_hundred_concurrent_submissions_get_unique_case_numbers() {
    const PEOPLE: usize = 100;
    for backend in test_backends() {
        let app = seeded_app(backend).await;
        let (first, second) = debica_services(&app).await;
        let mut ready = Vec::with_capacity(PEOPLE);
        for i in 0..PEOPLE {
            let client = resident(&app, &format!("osoba{i}@example.pl")).await;
            let id = filled_application(&app, &client, (&first, &second)).await;
            ready.push((client, id));
        }
        let url = format!("{}/api/submit_application", app.url);
        let submissions: Vec<_> = ready
            .iter()
            .flat_map(|(client, id)| {
                (0..2)
                    .map(|_| {
                        let (client, id, url) = (client.clone(), id.clone(), url.clone());
                        async move { post_form(&client, &url, &[("id", &id)]).await }
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        for (status, _, body) in futures_join_all(submissions).await {
            assert!(status < 400, "{body}");
        }
        let rows = sqlx::query(
            "SELECT case_number FROM applications WHERE status = 'registered' ORDER BY case_number",
        )
        .fetch_all(app.db.store.pool())
        .await
        .unwrap();
        let numbers: std::collections::BTreeSet<String> = rows
            .iter()
            .map(|r| r.try_get("case_number").unwrap())
            .collect();
        assert_eq!(rows.len(), PEOPLE);
        assert_eq!(numbers.len(), PEOPLE, "every case number is different");
        assert!(numbers.last().unwrap().ends_with("/000100"));
        app.db.drop_database().await;
    }
}

/// Runs futures concurrently on the test's runtime.
async fn futures_join_all<F, T>(futures: impl IntoIterator<Item = F>) -> Vec<T>
where
    F: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}

#[tokio::test]
async fn needs_reports_are_counted_and_rate_limited() {
    for backend in test_backends() {
        let app = seeded_app(backend).await;
        let url = format!("{}/api/report_need", app.url);
        let visitor = client();
        let report = |place: &'static str| {
            [
                ("area", "social_assistance"),
                ("group", "seniors"),
                ("place", place),
                ("description", "Brakuje opieki wytchnieniowej"),
                ("contact", ""),
            ]
        };
        let (status, _, body) = post_form(
            &visitor,
            &url,
            &[("area", ""), ("group", "seniors"), ("description", "")],
        )
        .await;
        assert_eq!(status, 422);
        assert!(body.contains("description"), "{body}");
        // A bot fills the hidden field: it is thanked and nothing is stored.
        let mut bot = report("Latoszyn").to_vec();
        bot.push(("website", "http://spam.example"));
        let (status, location, _) = post_form(&visitor, &url, &bot).await;
        assert!(status < 400);
        assert_eq!(location, "/zgloszenie-potrzeby/wyslano");
        for place in [
            "Latoszyn",
            "Latoszyn",
            "Kosynierów",
            "Latoszyn",
            "Kosynierów",
        ] {
            let (status, _, body) = post_form(&visitor, &url, &report(place)).await;
            assert!(status < 400, "{body}");
        }
        let (status, _, _) = post_form(&visitor, &url, &report("Latoszyn")).await;
        assert_eq!(status, 429, "the sixth report in an hour from one address");
        let by_place = app.db.store.need_counts("place").await.unwrap();
        assert_eq!(
            by_place,
            vec![("Latoszyn".to_owned(), 3), ("Kosynierów".to_owned(), 2)]
        );
        let by_area = app.db.store.need_counts("area").await.unwrap();
        assert_eq!(by_area, vec![("social_assistance".to_owned(), 5)]);
        app.db.drop_database().await;
    }
}

/// A staff account with `roles`, signed in with its second factor.
async fn staff(
    app: &Running,
    email: &str,
    name: &str,
    roles: Vec<app::domain::Role>,
) -> reqwest::Client {
    staff_id(app, email, name, roles).await;
    signed_in(app, email, PASSWORD).await
}

/// A staff account with `roles`; answers its id.
async fn staff_id(app: &Running, email: &str, name: &str, roles: Vec<app::domain::Role>) -> String {
    let user = app::identity::NewStaffUser {
        email: Email::parse(email).unwrap(),
        display_name: name.into(),
        roles,
    };
    let now = chrono::Utc::now();
    app.db
        .store
        .create_staff_user(&user, PASSWORD, now)
        .await
        .unwrap()
}

async fn json(client: &reqwest::Client, url: &str, form: &[(&str, &str)]) -> serde_json::Value {
    let (status, _, body) = post_form(client, url, form).await;
    assert_eq!(status, 200, "{url}: {body}");
    serde_json::from_str(&body).unwrap()
}

#[tokio::test]
async fn staff_handle_cases_from_the_inbox() {
    use app::domain::Role;
    for backend in test_backends() {
        let app = seeded_app(backend).await;
        let (first, second) = debica_services(&app).await;
        let anna = resident(&app, "anna@example.pl").await;
        let api = |name: &str| format!("{}/api/{name}", app.url);
        // Two applications for the same person (the same PESEL).
        let mut ids = vec![];
        for _ in 0..2 {
            let id = filled_application(&app, &anna, (&first, &second)).await;
            let (status, _, body) =
                post_form(&anna, &api("submit_application"), &[("id", &id)]).await;
            assert!(status < 400, "{body}");
            ids.push(id);
        }
        let number = app
            .db
            .store
            .application(&ids[0])
            .await
            .unwrap()
            .case_number
            .unwrap();

        let organiser = staff(
            &app,
            "org@cus.example",
            "Olga Organizator",
            vec![Role::ServicesOrganiser],
        )
        .await;
        let karol = staff(
            &app,
            "k1@cus.example",
            "Karol Koordynator",
            vec![Role::PlanCoordinator],
        )
        .await;
        let kinga = staff(
            &app,
            "k2@cus.example",
            "Kinga Koordynator",
            vec![Role::PlanCoordinator],
        )
        .await;

        // The inbox finds the person by name (any case, no diacritics), PESEL and case number.
        for q in [
            "kowalska HALINA",
            "kowal hal",
            "44051401458",
            &number.to_lowercase(),
        ] {
            let page = json(&karol, &api("inbox"), &[("query[q]", q)]).await;
            let expected = if q.contains('/') { 1 } else { 2 };
            assert_eq!(page["total"], expected, "{q}");
        }
        let page = json(&karol, &api("inbox"), &[("query[q]", "Nowak")]).await;
        assert_eq!(page["total"], 0);
        // A service's cases: alone (answered from the requested services), and with a name.
        for (q, expected) in [("", 2), ("halina", 2), ("zofia", 0)] {
            let form = [("query[service]", first.as_str()), ("query[q]", q)];
            assert_eq!(
                json(&karol, &api("inbox"), &form).await["total"],
                expected,
                "{q}"
            );
        }
        let page = json(&karol, &api("inbox"), &[("query[service]", first.as_str())]).await;
        assert_eq!(
            page["rows"][0]["case_number"],
            number.as_str(),
            "oldest first"
        );
        let (status, _, _) = post_form(&anna, &api("inbox"), &[("query[page]", "1")]).await;
        assert_eq!(status, 403, "residents have no inbox");

        // Karol takes the first case; Kinga can neither take it nor act on it.
        let take = [("id", ids[0].as_str()), ("coordinator", "me")];
        let (status, _, body) = post_form(&karol, &api("assign_case"), &take).await;
        assert_eq!(status, 200, "{body}");
        let (status, _, _) = post_form(
            &kinga,
            &api("assign_case"),
            &[("id", ids[0].as_str()), ("coordinator", "me")],
        )
        .await;
        assert_eq!(status, 403);
        let path = [
            ("id", ids[0].as_str()),
            ("path", "ipus"),
            ("complicated", "on"),
        ];
        let (status, _, _) = post_form(&kinga, &api("choose_path"), &path).await;
        assert_eq!(status, 403);
        let denied = sqlx::query(
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'permission_denied' \
             AND record_id = $1 AND purpose = 'not_assigned'",
        )
        .bind(&ids[0])
        .fetch_one(app.db.store.pool())
        .await
        .unwrap();
        assert_eq!(denied.try_get::<i64, _>("n").unwrap(), 1);
        let (status, _, body) = post_form(&karol, &api("choose_path"), &path).await;
        assert_eq!(status, 200, "{body}");
        let (status, _, body) = post_form(
            &karol,
            &api("add_case_note"),
            &[("id", &ids[0]), ("body", "  ")],
        )
        .await;
        assert_eq!(status, 422);
        assert!(body.contains("required"), "{body}");
        let note = [
            ("id", ids[0].as_str()),
            ("body", "Telefon od córki: prosi o kontakt po 15:00."),
        ];
        let (status, _, body) = post_form(&karol, &api("add_case_note"), &note).await;
        assert_eq!(status, 200, "{body}");

        // The services organiser assigns the second case to Kinga.
        let kinga_id: String = sqlx::query("SELECT id FROM users WHERE email = 'k2@cus.example'")
            .fetch_one(app.db.store.pool())
            .await
            .unwrap()
            .try_get("id")
            .unwrap();
        let assign = [("id", ids[1].as_str()), ("coordinator", kinga_id.as_str())];
        let (status, _, body) = post_form(&organiser, &api("assign_case"), &assign).await;
        assert_eq!(status, 200, "{body}");
        let mine = json(&kinga, &api("inbox"), &[("query[coordinator]", "me")]).await;
        assert_eq!(mine["total"], 1);
        assert_eq!(mine["rows"][0]["id"], ids[1].as_str());
        let free = json(&organiser, &api("inbox"), &[("query[coordinator]", "none")]).await;
        assert_eq!(free["total"], 0);

        // Scoped to another programme, Kinga no longer sees or handles the Dębica cases; scoped
        // to the gmina of Dębica, she does again. Only the administrator sets scopes.
        let admin = staff(
            &app,
            "admin@cus.example",
            "Adam Admin",
            vec![Role::Administrator],
        )
        .await;
        let other_lineage: String = sqlx::query_scalar(
            "SELECT lineage_id FROM programmes WHERE id <> (SELECT programme_id FROM applications \
             WHERE id = $1) LIMIT 1",
        )
        .bind(&ids[1])
        .fetch_one(app.db.store.pool())
        .await
        .unwrap();
        let scope = [
            ("id", kinga_id.as_str()),
            ("programmes[0]", other_lineage.as_str()),
            ("gminas", ""),
        ];
        let (status, _, _) = post_form(&kinga, &api("set_account_scope"), &scope).await;
        assert_eq!(status, 403, "a coordinator cannot widen her own scope");
        let (status, _, body) = post_form(&admin, &api("set_account_scope"), &scope).await;
        assert_eq!(status, 200, "{body}");
        let mine = json(&kinga, &api("inbox"), &[("query[coordinator]", "me")]).await;
        assert_eq!(mine["total"], 0, "out of scope, out of the inbox");
        let (status, _, _) = post_form(&kinga, &api("staff_case"), &[("id", &ids[1])]).await;
        assert_eq!(status, 404);
        let note = [("id", ids[1].as_str()), ("body", "Telefon")];
        let (status, _, _) = post_form(&kinga, &api("add_case_note"), &note).await;
        assert_eq!(status, 404);
        let receipt = format!("{}/wnioski/{}/potwierdzenie.pdf", app.url, ids[1]);
        let res = kinga.get(&receipt).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 404, "nor its documents");
        let refusals = sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM audit_log WHERE purpose = 'out_of_scope' AND record_id = $1",
        )
        .bind(&ids[1])
        .fetch_one(app.db.store.pool())
        .await
        .unwrap();
        assert!(refusals >= 2, "each refusal is audited");
        let (status, _, body) = post_form(
            &admin,
            &api("set_account_scope"),
            &[("id", kinga_id.as_str()), ("gminas", "1803032, 18O3032")],
        )
        .await;
        assert_eq!(status, 422);
        assert!(body.contains("teryt_invalid"), "{body}");
        let (status, _, body) = post_form(
            &admin,
            &api("set_account_scope"),
            &[("id", kinga_id.as_str()), ("gminas", "1803032")],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let mine = json(&kinga, &api("inbox"), &[("query[coordinator]", "me")]).await;
        assert_eq!(
            mine["total"], 1,
            "the programme serves the gmina in her scope"
        );

        // The case page: handling, the deadline clock (two months: complicated), the note, the
        // other case of the same PESEL, and a timeline with who did what; opening it is audited.
        let case = json(&karol, &api("staff_case"), &[("id", &ids[0])]).await;
        assert_eq!(case["handling"]["coordinator"], "Karol Koordynator");
        assert_eq!(case["handling"]["path"], "plan");
        assert_eq!(case["handling"]["complicated"], true);
        let clock = &case["deadlines"];
        let registered: chrono::NaiveDate =
            clock["registered_on"].as_str().unwrap().parse().unwrap();
        let due: chrono::NaiveDate = clock["decision_due"].as_str().unwrap().parse().unwrap();
        assert_eq!(
            due,
            app::cases::decision::working_day_from(
                registered
                    .checked_add_months(chrono::Months::new(2))
                    .unwrap()
            ),
            "two months on, off a weekend or holiday"
        );
        assert_eq!(case["notes"][0]["author"], "Karol Koordynator");
        assert_eq!(case["same_pesel"][0][1], ids[1].as_str());
        let kinds: Vec<&str> = case["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["event"]["kind"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            ["registered", "assigned", "path_chosen", "note_added"]
        );
        assert_eq!(case["events"][1]["actor"], "Karol Koordynator");
        let reads = sqlx::query(
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'read' AND record_id = $1 \
             AND purpose = 'case_handling'",
        )
        .bind(&ids[0])
        .fetch_one(app.db.store.pool())
        .await
        .unwrap();
        assert_eq!(reads.try_get::<i64, _>("n").unwrap(), 1);
        // The resident's timeline leaves out the staff's working entries.
        let mine = json(&anna, &api("my_case"), &[("id", &ids[0])]).await;
        assert_eq!(mine["events"].as_array().unwrap().len(), 1);

        // The warning names only cases the reader may see: the other case moved to a programme
        // outside Kinga's scope is left out for her, and she cannot open it (as an unknown id).
        let own_lineage: String = sqlx::query_scalar(
            "SELECT lineage_id FROM programmes WHERE id = (SELECT programme_id FROM applications \
             WHERE id = $1)",
        )
        .bind(&ids[0])
        .fetch_one(app.db.store.pool())
        .await
        .unwrap();
        let scope = [
            ("id", kinga_id.as_str()),
            ("programmes[0]", own_lineage.as_str()),
            ("gminas", ""),
        ];
        let (status, _, body) = post_form(&admin, &api("set_account_scope"), &scope).await;
        assert_eq!(status, 200, "{body}");
        let original: String =
            sqlx::query_scalar("SELECT programme_id FROM applications WHERE id = $1")
                .bind(&ids[1])
                .fetch_one(app.db.store.pool())
                .await
                .unwrap();
        sqlx::query(
            "UPDATE applications SET programme_id = \
             (SELECT id FROM programmes WHERE lineage_id = $1 ORDER BY version DESC LIMIT 1) \
             WHERE id = $2",
        )
        .bind(&other_lineage)
        .bind(&ids[1])
        .execute(app.db.store.pool())
        .await
        .unwrap();
        let seen_by_kinga = json(&kinga, &api("staff_case"), &[("id", &ids[0])]).await;
        assert_eq!(seen_by_kinga["same_pesel"], serde_json::json!([]));
        let seen_by_karol = json(&karol, &api("staff_case"), &[("id", &ids[0])]).await;
        assert_eq!(seen_by_karol["same_pesel"][0][1], ids[1].as_str());
        let (hidden, _, _) = post_form(&kinga, &api("staff_case"), &[("id", &ids[1])]).await;
        let (unknown, _, _) = post_form(
            &kinga,
            &api("staff_case"),
            &[("id", "0190a0b0-0000-7000-8000-000000000000")],
        )
        .await;
        assert_eq!(
            (hidden, unknown),
            (404, 404),
            "out of scope answers as unknown"
        );
        sqlx::query("UPDATE applications SET programme_id = $1 WHERE id = $2")
            .bind(&original)
            .bind(&ids[1])
            .execute(app.db.store.pool())
            .await
            .unwrap();
        let scope = [("id", kinga_id.as_str()), ("gminas", "1803032")];
        let (status, _, body) = post_form(&admin, &api("set_account_scope"), &scope).await;
        assert_eq!(status, 200, "{body}");

        // The pages render for staff.
        for path in [
            "/pracownik/sprawy",
            &format!("/pracownik/sprawy/{}", ids[0]),
        ] {
            let res = karol
                .get(format!("{}{path}", app.url))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status().as_u16(), 200, "{path}");
            assert!(
                res.text().await.unwrap().contains("Halina Kowalska"),
                "{path}"
            );
        }

        // Deadlines: nothing is overdue today; 40 days on, the simple case is (the complicated
        // one has two months); three days before its deadline, the simple one is due this week.
        let store = &app.db.store;
        let overdue = app::cases::InboxQuery {
            deadline: "overdue".into(),
            ..Default::default()
        };
        let week = app::cases::InboxQuery {
            deadline: "week".into(),
            ..Default::default()
        };
        let viewer = kinga_id.as_str();
        let on = |days| registered + chrono::Days::new(days);
        assert_eq!(
            store
                .inbox(&overdue, viewer, None, registered)
                .await
                .unwrap()
                .1,
            0
        );
        let (rows, total) = store.inbox(&overdue, viewer, None, on(40)).await.unwrap();
        assert_eq!((total, rows[0].id.as_str()), (1, ids[1].as_str()));
        // (Three days before the simple case's deadline, whichever weekday it moved to.)
        let simple_due = app::cases::decision_due(registered, false);
        let week_before = (simple_due - registered).num_days().unsigned_abs() - 3;
        assert_eq!(
            store
                .inbox(&week, viewer, None, on(week_before))
                .await
                .unwrap()
                .1,
            1
        );
        assert_eq!(
            store.inbox(&overdue, viewer, None, on(70)).await.unwrap().1,
            2
        );
        // Once every service is decided, the deadline no longer runs.
        use app::applications::RequestStatus;
        for (service, status) in [
            (&first, RequestStatus::Qualified),
            (&second, RequestStatus::Refused),
        ] {
            store
                .set_request_status(&ids[1], service, status)
                .await
                .unwrap();
        }
        assert_eq!(
            store.inbox(&overdue, viewer, None, on(70)).await.unwrap().1,
            1
        );

        // A withdrawn case leaves the open cases, also where a service's cases are counted.
        let (status, _, body) =
            post_form(&anna, &api("withdraw_application"), &[("id", &ids[0])]).await;
        assert!(status < 400, "{body}");
        for (status, expected) in [("", ids[1].as_str()), ("withdrawn", ids[0].as_str())] {
            let query = app::cases::InboxQuery {
                service: first.clone(),
                status: status.into(),
                ..Default::default()
            };
            let (rows, total) = store.inbox(&query, viewer, None, on(1)).await.unwrap();
            assert_eq!((total, rows[0].id.as_str()), (1, expected), "{status}");
            // The name alone (SQLite answers it from its name rows) follows the status too.
            let by_name = app::cases::InboxQuery {
                q: "kowalska".into(),
                status: status.into(),
                ..Default::default()
            };
            let (rows, total) = store.inbox(&by_name, viewer, None, on(1)).await.unwrap();
            assert_eq!(
                (total, rows[0].id.as_str()),
                (1, expected),
                "name, {status}"
            );
        }
        app.db.drop_database().await;
    }
}

/// The Dębica programme's "Złota Rączka" (40 zł an hour, a budget of 60 000 zł) and home care.
async fn handyman_and_care(app: &Running) -> (String, String) {
    let id = |name: &'static str| async move {
        sqlx::query_scalar::<_, String>("SELECT id FROM services WHERE name = $1")
            .bind(name)
            .fetch_one(app.db.store.pool())
            .await
            .unwrap()
    };
    (
        id("Złota Rączka – drobne naprawy w domu seniora").await,
        id("Usługi opiekuńcze w miejscu zamieszkania").await,
    )
}

/// Anna's submitted application for "Złota Rączka" and home care, and the services organiser.
async fn handyman_and_care_case(app: &Running) -> (reqwest::Client, String, reqwest::Client) {
    let (handyman, care) = handyman_and_care(app).await;
    let anna = resident(app, "anna@example.pl").await;
    let id = filled_application(app, &anna, (&handyman, &care)).await;
    let url = format!("{}/api/submit_application", app.url);
    let (status, _, body) = post_form(&anna, &url, &[("id", &id)]).await;
    assert!(status < 400, "{body}");
    let organiser = staff(
        app,
        "org@cus.example",
        "Olga Organizator",
        vec![app::domain::Role::ServicesOrganiser],
    )
    .await;
    (anna, id, organiser)
}

/// Whether `email` was sent a message whose subject holds `subject`.
async fn mailed(app: &Running, email: &str, subject: &str) -> bool {
    let mail = app.db.store.emails_to(&Email::parse(email).unwrap()).await;
    mail.unwrap().iter().any(|m| m.subject.contains(subject))
}

/// The status, units and fee of one requested service, as the store reads them.
async fn request(app: &Running, id: &str, service: &str) -> app::applications::RequestedService {
    app.db
        .store
        .requested_services(id)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.service_id == service)
        .unwrap()
}

/// Submitted applications for `services` by residents `<person>@example.pl`: each one's
/// signed-in client, application id and e-mail address.
async fn submitted_cases(
    app: &Running,
    people: &[&str],
    services: (&str, &str),
) -> Vec<(reqwest::Client, String, String)> {
    let mut cases = vec![];
    for person in people {
        let email = format!("{person}@example.pl");
        let client = resident(app, &email).await;
        let id = filled_application(app, &client, services).await;
        let url = format!("{}/api/submit_application", app.url);
        let (status, _, body) = post_form(&client, &url, &[("id", &id)]).await;
        assert!(status < 400, "{body}");
        cases.push((client, id, email));
    }
    cases
}

/// The qualification form granting `units` of `service` in case `id`, for one person living alone.
fn qualification(
    id: &str,
    service: &str,
    units: &str,
    income: &str,
) -> Vec<(&'static str, String)> {
    vec![
        ("id", id.to_owned()),
        ("service", service.to_owned()),
        ("form[units]", units.to_owned()),
        ("form[income]", income.to_owned()),
        ("form[household]", "samotnie".to_owned()),
    ]
}

#[tokio::test]
async fn a_limited_service_keeps_a_waiting_list_and_promotes_from_it() {
    use app::applications::RequestStatus;
    use app::domain::Role;
    for backend in test_backends() {
        let app = seeded_app(backend).await;
        // "Złota Rączka": 40 zł an hour, a budget of 60 000 zł (1 500 hours).
        let (handyman, care) = handyman_and_care(&app).await;
        let api = |name: &str| format!("{}/api/{name}", app.url);
        let cases = submitted_cases(&app, &["a", "b", "c"], (&handyman, &care)).await;
        let organiser = staff(
            &app,
            "org@cus.example",
            "Olga Organizator",
            vec![Role::ServicesOrganiser],
        )
        .await;
        let qualify = |id: &str, service: &str, units: &str, income: &str| {
            post_owned(
                organiser.clone(),
                api("qualify_service"),
                qualification(id, service, units, income),
            )
        };

        // The page compares the conditions with the case and shows the whole budget free.
        let view = json(
            &organiser,
            &api("qualification"),
            &[("id", &cases[0].1), ("service", &handyman)],
        )
        .await;
        assert_eq!(
            view["checks"][0]["condition"]["Age"]["min"], 60,
            "{}",
            view["checks"]
        );
        assert_eq!(view["checks"][0]["outcome"], "Met", "Halina is 82");
        assert_eq!(view["capacity"]["limit"], 6_000_000);
        assert_eq!(view["capacity"]["used"], 0);
        assert_eq!(view["may_act"], true);

        // Bad numbers are named field by field, and nothing is recorded.
        let (status, _, body) = qualify(&cases[0].1, &handyman, "", "1200").await;
        assert_eq!(status, 422, "{body}");
        assert!(body.contains("units"), "{body}");
        let (status, _, body) = qualify(&cases[0].1, &handyman, "10", "sporo").await;
        assert_eq!(status, 422, "{body}");
        assert!(body.contains("calculator_income_invalid"), "{body}");
        assert_eq!(
            request(&app, &cases[0].1, &handyman).await.status,
            RequestStatus::Requested
        );

        // A takes 1 000 hours (40 000 zł); B's 1 000 hours no longer fit and wait; C's 300
        // would fit, but B waits before C.
        for (case, units) in [(0, "1000"), (1, "1000"), (2, "300")] {
            let (status, location, body) = qualify(&cases[case].1, &handyman, units, "1200").await;
            assert!(status < 400, "{body}");
            assert_eq!(location, format!("/pracownik/sprawy/{}", cases[case].1));
        }
        let (status, _, _) = qualify(&cases[2].1, &handyman, "300", "1200").await;
        assert!(status < 400, "a second submit changes nothing");
        let granted = request(&app, &cases[0].1, &handyman).await;
        assert_eq!(granted.status, RequestStatus::Qualified);
        let terms = granted.grant.unwrap();
        assert_eq!(terms.units, 1000);
        assert_eq!(terms.fee_total.value(), terms.fee_per_unit.value() * 1000);
        let record = app
            .db
            .store
            .fee_record(&cases[0].1, &handyman)
            .await
            .unwrap()
            .unwrap();
        assert!(
            record.contains("\"monthly_income_per_person\":120000"),
            "{record}"
        );
        for (case, position) in [(1, 1), (2, 2)] {
            let waiting = request(&app, &cases[case].1, &handyman).await;
            assert_eq!(waiting.status, RequestStatus::Waiting);
            assert_eq!(waiting.waiting_position, Some(position));
        }
        let number = |case: usize| {
            let store = app.db.store.clone();
            let id = cases[case].1.clone();
            async move { store.application(&id).await.unwrap().case_number.unwrap() }
        };
        assert_eq!(
            app.db.store.waiting_list(&handyman).await.unwrap(),
            vec![number(1).await, number(2).await]
        );
        let waiting_mail = app
            .db
            .store
            .emails_to(&Email::parse("b@example.pl").unwrap())
            .await
            .unwrap();
        assert!(
            waiting_mail
                .iter()
                .any(|m| m.subject.contains("liście oczekujących"))
        );

        // The public catalogue shows what is left and who waits.
        let page = client()
            .get(format!("{}/uslugi/{handyman}", app.url))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Lista oczekujących"), "{page}");
        // (`<!>` marks where a translated text's number was put in.)
        let page = page.replace("<!>", "");
        assert!(
            page.contains("Lista oczekujących</dt><dd>2 osoby</dd>"),
            "{page}"
        );

        // A resigns: B gets the place, and then C fits too (40 000 + 12 000 zł).
        let (status, _, body) = post_form(
            &cases[0].0,
            &api("resign_service"),
            &[("id", &cases[0].1), ("service", &handyman)],
        )
        .await;
        assert!(status < 400, "{body}");
        for case in [1, 2] {
            assert_eq!(
                request(&app, &cases[case].1, &handyman).await.status,
                RequestStatus::Qualified
            );
            let events = app
                .db
                .store
                .case_events(&cases[case].1, true)
                .await
                .unwrap();
            assert!(
                events
                    .iter()
                    .any(|e| e.kind == app::applications::EventKind::Promoted)
            );
            let mail = app
                .db
                .store
                .emails_to(&Email::parse(&cases[case].2).unwrap())
                .await
                .unwrap();
            assert!(
                mail.iter()
                    .any(|m| m.subject.contains("Zwolniło się miejsce"))
            );
        }
        assert!(
            app.db
                .store
                .waiting_list(&handyman)
                .await
                .unwrap()
                .is_empty()
        );
        // The resignation is in the director's queue.
        let queue = organiser
            .get(format!("{}/pracownik/rezygnacje", app.url))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(queue.contains(&number(0).await), "{queue}");
        let (status, _, _) = post_form(&cases[1].0, &api("resignations"), &[]).await;
        assert_eq!(status, 403, "residents do not see the queue");
        // The staff's case page and the qualification page render.
        for path in [
            format!("/pracownik/sprawy/{}", cases[1].1),
            format!("/pracownik/sprawy/{}/uslugi/{handyman}", cases[1].1),
        ] {
            let res = organiser
                .get(format!("{}{path}", app.url))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status().as_u16(), 200, "{path}");
        }
        app.db.drop_database().await;
    }
}

/// Every place that frees goes to the waiting list in order: a waiting application withdrawn
/// lets the next one through, and so does a service delivered in full. When the programme
/// ends, the list closes and whoever still waits is told.
#[tokio::test]
async fn a_place_freed_by_a_withdrawal_or_a_completed_service_goes_to_the_waiting_list_until_the_programme_ends()
 {
    use app::applications::{EventKind, RequestStatus};
    for backend in test_backends() {
        let app = seeded_app(backend).await;
        // "Złota Rączka": a budget of 60 000 zł, 1 500 hours at 40 zł.
        let (handyman, care) = handyman_and_care(&app).await;
        let api = |name: &str| format!("{}/api/{name}", app.url);
        let cases = submitted_cases(&app, &["a", "b", "c", "d"], (&handyman, &care)).await;
        let organiser = staff(
            &app,
            "org@cus.example",
            "Olga Organizator",
            vec![app::domain::Role::ServicesOrganiser],
        )
        .await;
        // A takes 1 000 hours; B (1 000), C (300) and D (600) wait in that order.
        for (case, units) in [(0, "1000"), (1, "1000"), (2, "300"), (3, "600")] {
            let form = qualification(&cases[case].1, &handyman, units, "1200");
            let (status, _, body) =
                post_owned(organiser.clone(), api("qualify_service"), form).await;
            assert!(status < 400, "{body}");
        }
        let status_of = |case: usize| {
            let (store, id, service) = (
                app.db.store.clone(),
                cases[case].1.clone(),
                handyman.clone(),
            );
            async move {
                let requests = store.requested_services(&id).await.unwrap();
                requests
                    .into_iter()
                    .find(|r| r.service_id == service)
                    .unwrap()
                    .status
            }
        };
        let promoted_mail = |case: usize| mailed(&app, &cases[case].2, "Zwolniło się miejsce");
        let has_event = |case: usize, kind: EventKind| {
            let (store, id) = (app.db.store.clone(), cases[case].1.clone());
            async move {
                let events = store.case_events(&id, true).await.unwrap();
                events.iter().any(|e| e.kind == kind)
            }
        };
        assert_eq!(status_of(1).await, RequestStatus::Waiting);
        // A's and D's home care is granted too, so what their cases await is Złota Rączka's.
        for case in [0, 3] {
            let form = qualification(&cases[case].1, &care, "10", "1200");
            let (status, _, body) =
                post_owned(organiser.clone(), api("qualify_service"), form).await;
            assert!(status < 400, "{body}");
        }

        // By default the waiting list settles the request for the KPA deadline; the centre's
        // setting can keep the deadline running until the service is granted.
        let awaiting = |case: usize| {
            let (store, id) = (app.db.store.clone(), cases[case].1.clone());
            async move { store.handling(&id).await.unwrap().awaiting }
        };
        assert!(!awaiting(3).await && !awaiting(0).await);
        let page = organiser
            .get(format!("{}/pracownik/sprawy/{}", app.url, cases[1].1))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("Wpis na listę oczekujących kończy bieg terminu"),
            "{page}"
        );
        app.db.store.set_waiting_keeps_deadline(true).await.unwrap();
        assert!(awaiting(3).await, "the waiting case's deadline runs");
        assert!(!awaiting(0).await, "a granted case awaits nothing");
        app.db
            .store
            .set_waiting_keeps_deadline(false)
            .await
            .unwrap();
        assert!(!awaiting(3).await);
        app.db.store.set_waiting_keeps_deadline(true).await.unwrap();

        // B gives up its place on the list: C's 300 hours fit now, D's 600 do not yet.
        let mine = json(&cases[1].0, &api("my_case"), &[("id", &cases[1].1)]).await;
        assert_eq!(mine["services"][0]["status"], "waiting", "{mine}");
        let (status, _, body) = post_form(
            &cases[1].0,
            &api("withdraw_application"),
            &[("id", &cases[1].1)],
        )
        .await;
        assert!(
            status < 400,
            "a waiting application can be withdrawn: {body}"
        );
        assert_eq!(status_of(1).await, RequestStatus::Withdrawn);
        assert_eq!(status_of(2).await, RequestStatus::Qualified);
        assert!(has_event(2, EventKind::Promoted).await);
        assert!(promoted_mail(2).await);
        assert_eq!(status_of(3).await, RequestStatus::Waiting);
        assert!(!promoted_mail(3).await);

        // A's service is delivered in full: its 1 000 hours go to D.
        let complete = [("id", cases[0].1.as_str()), ("service", handyman.as_str())];
        let (status, _, _) = post_form(&cases[0].0, &api("complete_service"), &complete).await;
        assert_eq!(status, 403, "the resident does not complete services");
        for _ in 0..2 {
            let (status, location, body) =
                post_form(&organiser, &api("complete_service"), &complete).await;
            assert!(status < 400, "a second submit changes nothing: {body}");
            assert_eq!(location, format!("/pracownik/sprawy/{}", cases[0].1));
        }
        assert_eq!(status_of(0).await, RequestStatus::Completed);
        assert!(has_event(0, EventKind::ServiceCompleted).await);
        assert_eq!(status_of(3).await, RequestStatus::Qualified);
        assert!(
            !awaiting(3).await,
            "granted from the list: the deadline stops"
        );
        assert!(has_event(3, EventKind::Promoted).await);
        assert!(promoted_mail(3).await);
        assert!(
            app.db
                .store
                .waiting_list(&handyman)
                .await
                .unwrap()
                .is_empty()
        );
        let mine = json(&cases[0].0, &api("my_case"), &[("id", &cases[0].1)]).await;
        assert!(mine.to_string().contains("service_completed"), "{mine}");

        // Something granted cannot be withdrawn; the pages render with the new state.
        let (status, _, body) = post_form(
            &cases[0].0,
            &api("withdraw_application"),
            &[("id", &cases[0].1)],
        )
        .await;
        assert_eq!(status, 422, "{body}");
        let page = organiser
            .get(format!(
                "{}/pracownik/sprawy/{}/uslugi/{handyman}",
                app.url, cases[0].1
            ))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("zrealizowana"), "{page}");
        assert!(
            !page.contains("complete-heading"),
            "a completed service is not completed twice"
        );

        // The programme ends: E, waiting, is told the list closed; what runs goes on.
        let late = submitted_cases(&app, &["e"], (&handyman, &care)).await;
        let form = qualification(&late[0].1, &handyman, "1000", "1200");
        let (status, _, body) = post_owned(organiser.clone(), api("qualify_service"), form).await;
        assert!(status < 400, "{body}");
        let programme = app.db.store.service(&handyman).await.unwrap().programme_id;
        let preview = json(&organiser, &api("programme_ending"), &[("id", &programme)]).await;
        assert_eq!(
            (&preview["waiting"], &preview["granted"]),
            (&serde_json::json!(1), &serde_json::json!(4)),
            "{preview}"
        );
        let end = |confirm: &'static str| {
            let form = vec![("id", programme.clone()), ("confirm", confirm.to_owned())];
            post_owned(organiser.clone(), api("end_programme"), form)
        };
        let (status, _, body) = end("").await;
        assert_eq!(status, 422);
        assert!(body.contains("confirm_required"), "{body}");
        for _ in 0..2 {
            let (status, location, body) = end("yes").await;
            assert!(status < 400, "a second submit changes nothing: {body}");
            assert_eq!(location, format!("/pracownik/programy/{programme}"));
        }
        let lapsed = app.db.store.requested_services(&late[0].1).await.unwrap();
        let lapsed = lapsed.iter().find(|r| r.service_id == handyman).unwrap();
        assert_eq!(lapsed.status, RequestStatus::Lapsed);
        let events = app.db.store.case_events(&late[0].1, true).await.unwrap();
        assert!(
            events
                .iter()
                .any(|e| e.kind == EventKind::WaitingListClosed)
        );
        assert!(mailed(&app, "e@example.pl", "lista oczekujących zamknięta").await);
        assert_eq!(
            status_of(3).await,
            RequestStatus::Qualified,
            "granted services go on"
        );
        let ended = app.db.store.programme(&programme).await.unwrap();
        assert_eq!(ended.status, app::programme::ProgrammeStatus::Ended);
        let catalogue = client()
            .get(format!("{}/uslugi/{handyman}", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(
            catalogue.status().as_u16(),
            404,
            "an ended programme is not offered"
        );
        app.db.drop_database().await;
    }
}

/// The text of a PDF (poppler's pdftotext), with line-end hyphenation undone and spaces folded.
fn pdf_text(bytes: &[u8]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("pdftotext")
        .args(["-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("pdftotext (poppler-utils) is installed by scripts/setup test");
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .replace("-\n", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[tokio::test]
async fn a_refusal_is_a_numbered_decision_with_every_element_of_kpa_107() {
    use app::applications::RequestStatus;
    for backend in test_backends() {
        let app = seeded_app(backend).await;
        let (_, care) = handyman_and_care(&app).await;
        let api = |name: &str| format!("{}/api/{name}", app.url);
        let (anna, id, organiser) = handyman_and_care_case(&app).await;

        // A needs recognition is recorded, checked field by field, and printable.
        let (status, _, body) = post_form(
            &organiser,
            &api("record_recognition"),
            &[
                ("id", &id),
                ("form[held_on]", "2999-01-01"),
                ("form[place]", "other"),
            ],
        )
        .await;
        assert_eq!(status, 422);
        for field in [
            "date_in_future",
            "place_detail",
            "participants",
            "needs",
            "proposal",
        ] {
            assert!(body.contains(field), "{field}: {body}");
        }
        let today = app::domain::warsaw_date(chrono::Utc::now()).to_string();
        let (status, _, body) = post_form(
            &organiser,
            &api("record_recognition"),
            &[
                ("id", &id),
                ("form[held_on]", &today),
                ("form[place]", "home"),
                (
                    "form[participants]",
                    "Halina Kowalska, Anna Opiekunka, koordynator",
                ),
                ("form[needs]", "Pomoc w codziennych czynnościach"),
                ("form[proposal]", "Usługi opiekuńcze 8 godzin tygodniowo"),
            ],
        )
        .await;
        assert!(status < 400, "{body}");
        let recognitions = app.db.store.recognitions_of(&id).await.unwrap();
        assert_eq!(recognitions.len(), 1);
        let record = organiser
            .get(format!(
                "{}/wnioski/{id}/rozpoznanie/{}.pdf",
                app.url, recognitions[0].id
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(record.status().as_u16(), 200);
        let text = pdf_text(&record.bytes().await.unwrap());
        assert!(
            text.contains("Notatka z rozpoznania indywidualnych potrzeb"),
            "{text}"
        );
        assert!(
            text.contains("Usługi opiekuńcze 8 godzin tygodniowo"),
            "{text}"
        );

        // The centre's templates: a placeholder the case cannot fill is refused; a saved
        // template is filled from the case; restoring brings the defaults back.
        let save = |factual: &str| {
            let form = vec![
                ("templates[factual]", factual.to_owned()),
                ("templates[legal]", "Art. 42.".to_owned()),
            ];
            post_owned(organiser.clone(), api("save_decision_templates"), form)
        };
        let (status, _, body) = save("Wniosek z {data_wpływu} o {usluga}.").await;
        assert_eq!(status, 422);
        assert!(body.contains("placeholder_unknown"), "{body}");
        let (status, _, body) = save("Wniosek o {usługa}: [USTALENIA].").await;
        assert!(status < 400, "{body}");
        let view = json(
            &organiser,
            &api("qualification"),
            &[("id", &id), ("service", &care)],
        )
        .await;
        let expected = "Wniosek o Usługi opiekuńcze w miejscu zamieszkania: [USTALENIA].";
        assert_eq!(view["refusal"]["factual"], expected);
        let (status, _, _) = post_form(&anna, &api("decision_templates"), &[]).await;
        assert_eq!(status, 403);
        let restore = [("restore", "yes")];
        let (status, _, body) =
            post_form(&organiser, &api("save_decision_templates"), &restore).await;
        assert!(status < 400, "{body}");
        let templates = json(&organiser, &api("decision_templates"), &[]).await;
        assert!(
            templates["factual"]
                .as_str()
                .unwrap()
                .starts_with("W dniu {data_wpływu} do")
        );

        // The form starts from the centre's texts; the findings must be written in.
        let view = json(
            &organiser,
            &api("qualification"),
            &[("id", &id), ("service", &care)],
        )
        .await;
        let factual = view["refusal"]["factual"].as_str().unwrap().to_owned();
        let legal = view["refusal"]["legal"].as_str().unwrap().to_owned();
        assert!(factual.contains("[USTALENIA]"));
        let refuse = |factual: String| {
            let form = vec![
                ("id", id.clone()),
                ("service", care.clone()),
                ("texts[factual]", factual),
                ("texts[legal]", legal.clone()),
            ];
            post_owned(organiser.clone(), api("refuse_service"), form)
        };
        let (status, _, body) = refuse(factual.clone()).await;
        assert_eq!(status, 422);
        assert!(body.contains("findings_missing"), "{body}");
        let findings = factual.replace(
            "[USTALENIA]",
            "strona samodzielnie wykonuje czynności dnia codziennego",
        );
        for _ in 0..2 {
            let (status, location, body) = refuse(findings.clone()).await;
            assert!(status < 400, "{body}");
            assert_eq!(location, format!("/pracownik/sprawy/{id}"));
        }
        assert_eq!(
            request(&app, &id, &care).await.status,
            RequestStatus::Refused
        );
        let decisions = app.db.store.decisions_of(&id).await.unwrap();
        assert_eq!(
            decisions.len(),
            1,
            "a second submit issues no second decision"
        );
        let year = app::domain::warsaw_date(chrono::Utc::now())
            .format("%Y")
            .to_string();
        assert_eq!(decisions[0].number, format!("1/{year}"));

        // The resident downloads it; its text holds every element of KPA art. 107 § 1.
        let url = format!("{}/wnioski/{id}/decyzje/{}.pdf", app.url, decisions[0].id);
        let res = anna.get(&url).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 200);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        let text = pdf_text(&res.bytes().await.unwrap());
        for element in [
            "Wójt Gminy Dębica",                                        // the authority
            &app::cases::decision::polish_date(decisions[0].issued_on), // the date
            &format!("1/{year}"),                                       // the number
            "Halina Kowalska",                                          // the party
            "Anna Opiekunka", // her representative (carer)
            "art. 42 ust. 3", // the legal basis
            "orzekam",        // the ruling
            "odmówić zakwalifikowania",
            "Uzasadnienie faktyczne", // the justification
            "samodzielnie wykonuje czynności",
            "Uzasadnienie prawne",
            "Pouczenie", // the appeal instruction
            "Samorządowego Kolegium Odwoławczego",
            "14 dni od dnia doręczenia",
            "Anna Nowak", // the authorised signatory
            "Dyrektor Centrum Usług Społecznych",
            "z upoważnienia Wójta Gminy Dębica",
        ] {
            assert!(text.contains(element), "{element:?} missing from: {text}");
        }
        let other = resident(&app, "ktos@example.pl").await;
        let res = other.get(&url).send().await.unwrap();
        assert!(
            res.status().is_client_error(),
            "another resident is refused"
        );

        // Delivery starts the 14 days for an appeal.
        let (status, _, body) = post_form(
            &organiser,
            &api("record_delivery"),
            &[
                ("id", &id),
                ("decision", &decisions[0].id),
                ("delivered_on", "2999-01-01"),
            ],
        )
        .await;
        assert_eq!(status, 422);
        assert!(body.contains("date_in_future"), "{body}");
        let today = app::domain::warsaw_date(chrono::Utc::now());
        let (status, _, body) = post_form(
            &organiser,
            &api("record_delivery"),
            &[
                ("id", &id),
                ("decision", &decisions[0].id),
                ("delivered_on", &today.to_string()),
            ],
        )
        .await;
        assert!(status < 400, "{body}");
        let mine = json(&anna, &api("my_case"), &[("id", &id)]).await;
        assert_eq!(
            mine["decisions"][0]["appeal_due"],
            app::cases::decision::appeal_due(today).to_string()
        );
        let events = app.db.store.case_events(&id, true).await.unwrap();
        assert!(
            events
                .iter()
                .any(|e| e.kind == app::applications::EventKind::Refused
                    && e.detail == format!("1/{year}"))
        );
        assert!(
            events
                .iter()
                .any(|e| e.kind == app::applications::EventKind::DecisionDelivered),
            "the delivery is in the resident's timeline"
        );

        // The appeal body overturns the refusal: the service is qualified again.
        let overturn = |day: String| {
            let form = vec![
                ("id", id.clone()),
                ("service", care.clone()),
                ("overturned_on", day),
            ];
            post_owned(organiser.clone(), api("overturn_refusal"), form)
        };
        let (status, _, body) = overturn("2999-01-01".into()).await;
        assert_eq!(status, 422);
        assert!(body.contains("date_in_future"), "{body}");
        for _ in 0..2 {
            let (status, location, body) = overturn(today.to_string()).await;
            assert!(status < 400, "a second submit changes nothing: {body}");
            assert_eq!(location, format!("/pracownik/sprawy/{id}/uslugi/{care}"));
        }
        assert_eq!(
            request(&app, &id, &care).await.status,
            RequestStatus::Requested
        );
        let decisions = app.db.store.decisions_of(&id).await.unwrap();
        assert_eq!(decisions[0].overturned_on, Some(today));
        let events = app.db.store.case_events(&id, true).await.unwrap();
        let overturned = events
            .iter()
            .filter(|e| e.kind == app::applications::EventKind::DecisionOverturned)
            .count();
        assert_eq!(overturned, 1, "recorded once");
        assert!(mailed(&app, "anna@example.pl", "została uchylona").await);
        assert!(
            app.db.store.handling(&id).await.unwrap().awaiting,
            "the deadline runs again"
        );
        app.db.drop_database().await;
    }
}

#[tokio::test]
async fn forwarding_sends_the_application_on_with_a_letter() {
    use app::applications::RequestStatus;
    for backend in test_backends() {
        let app = seeded_app(backend).await;
        let (handyman, care) = handyman_and_care(&app).await;
        let api = |name: &str| format!("{}/api/{name}", app.url);
        let (anna, id, organiser) = handyman_and_care_case(&app).await;
        let (status, _, body) = post_form(
            &organiser,
            &api("forward_case"),
            &[
                ("id", &id),
                ("form[service]", &care),
                ("form[target]", "team"),
            ],
        )
        .await;
        assert_eq!(status, 422);
        assert!(
            body.contains("recipient") && body.contains("reason"),
            "{body}"
        );
        let (status, _, body) = post_form(
            &organiser,
            &api("forward_case"),
            &[
                ("id", &id),
                ("form[service]", &care),
                ("form[target]", "team"),
                ("form[recipient]", "Zespół ds. pomocy społecznej CUS"),
                (
                    "form[reason]",
                    "Usługi opiekuńcze przyznaje się na podstawie ustawy o pomocy społecznej",
                ),
            ],
        )
        .await;
        assert!(status < 400, "{body}");
        assert_eq!(
            request(&app, &id, &care).await.status,
            RequestStatus::Forwarded
        );
        assert_eq!(
            request(&app, &id, &handyman).await.status,
            RequestStatus::Requested,
            "the other service stays"
        );
        let forwardings = app.db.store.forwardings_of(&id).await.unwrap();
        assert_eq!(forwardings.len(), 1);
        let letter = anna
            .get(format!(
                "{}/wnioski/{id}/przekazanie/{}.pdf",
                app.url, forwardings[0].id
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(letter.status().as_u16(), 200);
        let text = pdf_text(&letter.bytes().await.unwrap());
        for part in [
            "Zawiadomienie o przekazaniu wniosku",
            "Zespół ds. pomocy społecznej CUS",
            "Usługi opiekuńcze w miejscu zamieszkania",
            "ustawy o pomocy społecznej",
        ] {
            assert!(text.contains(part), "{part:?} missing from: {text}");
        }
        let mails = app
            .db
            .store
            .emails_to(&Email::parse("anna@example.pl").unwrap())
            .await
            .unwrap();
        assert!(mails.iter().any(|m| m.subject.contains("Przekazaliśmy")));
        // Forwarding the whole application takes what is left; then nothing is.
        let whole = [
            ("id", id.as_str()),
            ("form[target]", "gmina_office"),
            ("form[recipient]", "Urząd Gminy Dębica"),
            ("form[reason]", "Właściwość urzędu"),
        ];
        let (status, _, body) = post_form(&organiser, &api("forward_case"), &whole).await;
        assert!(status < 400, "{body}");
        assert_eq!(
            request(&app, &id, &handyman).await.status,
            RequestStatus::Forwarded
        );
        let (status, _, body) = post_form(&organiser, &api("forward_case"), &whole).await;
        assert_eq!(status, 422);
        assert!(body.contains("nothing_to_forward"), "{body}");
        app.db.drop_database().await;
    }
}

#[tokio::test]
async fn a_plan_is_approved_in_versions_and_an_approved_version_is_locked() {
    use app::domain::Role;
    use app::ipus::store::Draft;
    use app::ipus::{Authorisation, PlanContent, PlanPeriod, PlannedService, VersionState, diff};
    use app::store::StoreError;
    use chrono::Datelike;
    for backend in test_backends() {
        let app = seeded_app(backend).await;
        let (_, id, _) = handyman_and_care_case(&app).await;
        let (handyman, _) = handyman_and_care(&app).await;
        let store = &app.db.store;
        let coordinator = staff_id(
            &app,
            "k@cus.example",
            "Kinga Koordynator",
            vec![Role::PlanCoordinator],
        )
        .await;
        let director = staff_id(&app, "d@cus.example", "Anna Nowak", vec![Role::Director]).await;
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let content = PlanContent {
            period: PlanPeriod::new(day(2026, 12, 1), day(2027, 5, 31)).unwrap(),
            services: vec![PlannedService {
                service_id: handyman.clone(),
                name: "Złota Rączka".into(),
                units: 10,
                schedule: "wtorki 10:00–12:00".into(),
                ..Default::default()
            }],
            activities: vec![],
            expected_effects: "Bezpieczne mieszkanie".into(),
            quality_checks: "rozmowa z osobą".into(),
            quality_frequency: app::ipus::CheckFrequency {
                every: 2,
                unit: app::ipus::FrequencyUnit::Weeks,
            },
            programme: None,
        };
        let draft = Draft {
            content: &content,
            agreed_on: None,
            delay_reason: "",
        };
        let now = chrono::Utc::now();
        let today = app::domain::warsaw_date(now);
        let decider = (director.as_str(), today, now);
        let by = (coordinator.as_str(), now);
        fn conflict<T>(result: Result<T, StoreError>) -> bool {
            matches!(result, Err(StoreError::Conflict))
        }

        // One plan per case, numbered in the year's register.
        let plan_id = store
            .create_plan(&id, &draft, &coordinator, now)
            .await
            .unwrap();
        let again = store.create_plan(&id, &draft, &coordinator, now).await;
        assert!(conflict(again), "one plan per case");
        let plan = store.plan(&plan_id).await.unwrap();
        assert_eq!(plan.number, format!("IPUS 1/{}", now.year()));
        assert_eq!(
            store.plan_of_case(&id).await.unwrap(),
            Some(plan_id.clone())
        );

        // Submitted as it was checked, it is locked; returned with comments, it stays as the
        // approver saw it and the work goes on in the next version.
        let earlier = now - chrono::Duration::seconds(1);
        assert!(
            conflict(store.submit_plan(&plan_id, (1, earlier), by).await),
            "a version saved after its check is not submitted"
        );
        store.submit_plan(&plan_id, (1, now), by).await.unwrap();
        assert!(conflict(
            store.save_plan_draft(&plan_id, 1, &draft, by).await
        ));
        let comments = "Brak zgody wnioskodawcy";
        store
            .decide_plan(&plan_id, 1, false, comments, decider)
            .await
            .unwrap();
        let returned = store.plan(&plan_id).await.unwrap();
        assert_eq!(returned.versions[0].state, VersionState::Returned);
        assert_eq!(returned.versions[0].comments, comments);
        assert_eq!(returned.versions[1].state, VersionState::Draft);
        assert_eq!(returned.versions[1].content, content);
        assert!(conflict(
            store.save_plan_draft(&plan_id, 1, &draft, by).await
        ));
        let agreed = Draft {
            agreed_on: Some(today),
            ..draft
        };
        store
            .save_plan_draft(&plan_id, 2, &agreed, by)
            .await
            .unwrap();
        store.submit_plan(&plan_id, (2, now), by).await.unwrap();
        store
            .decide_plan(&plan_id, 2, true, "", decider)
            .await
            .unwrap();
        assert!(conflict(
            store.decide_plan(&plan_id, 2, true, "", decider).await
        ));
        assert!(
            conflict(store.save_plan_draft(&plan_id, 2, &agreed, by).await),
            "an approved version is locked"
        );

        // An update starts from the approved version, one at a time, and supersedes it.
        assert_eq!(
            store
                .start_plan_update(&plan_id, &coordinator, now)
                .await
                .unwrap(),
            3
        );
        assert!(conflict(
            store.start_plan_update(&plan_id, &coordinator, now).await
        ));
        let mut longer = content.clone();
        longer.period = PlanPeriod::new(day(2026, 12, 1), day(2027, 8, 31)).unwrap();
        longer.services[0].units = 20;
        let update = Draft {
            content: &longer,
            ..agreed
        };
        store
            .save_plan_draft(&plan_id, 3, &update, by)
            .await
            .unwrap();
        store.submit_plan(&plan_id, (3, now), by).await.unwrap();
        store
            .decide_plan(&plan_id, 3, true, "", decider)
            .await
            .unwrap();
        let plan = store.plan(&plan_id).await.unwrap();
        let states: Vec<VersionState> = plan.versions.iter().map(|v| v.state).collect();
        assert_eq!(
            plan.versions[2].submitted_by.as_deref(),
            Some(coordinator.as_str())
        );
        assert_eq!(
            states,
            [
                VersionState::Returned,
                VersionState::Superseded,
                VersionState::Approved
            ]
        );
        assert_eq!(plan.approved().unwrap().version, 3);
        assert_eq!(
            plan.versions[1].content, content,
            "the earlier version is kept"
        );
        assert_eq!(
            diff(&plan.versions[1].content, &plan.versions[2].content).len(),
            2
        );
        let approvals = store
            .staff_case_events(&id)
            .await
            .unwrap()
            .iter()
            .filter(|e| e.event.kind == app::applications::EventKind::PlanApproved)
            .count();
        assert_eq!(approvals, 2);

        // The director's authorisations to approve (art. 41).
        let organiser = staff_id(
            &app,
            "o@cus.example",
            "Olga Organizator",
            vec![Role::ServicesOrganiser],
        )
        .await;
        let open = Authorisation {
            from: today,
            until: None,
        };
        let grant = store
            .grant_approval(&organiser, open, &director, now)
            .await
            .unwrap();
        assert_eq!(
            store.approval_authorisations(&organiser).await.unwrap(),
            [open]
        );
        store.revoke_approval(&grant, now).await.unwrap();
        assert!(
            store
                .approval_authorisations(&organiser)
                .await
                .unwrap()
                .is_empty()
        );
        let twice = store.revoke_approval(&grant, now).await;
        assert!(matches!(twice, Err(StoreError::NotFound)));
        app.db.drop_database().await;
    }
}

#[tokio::test]
async fn an_approved_plan_moves_onto_the_programmes_new_version() {
    use app::applications::{EventKind, RequestStatus};
    use app::domain::Role;
    use app::ipus::store::Draft;
    use app::ipus::{Change, PlanContent, PlanPeriod, PlannedService, VersionState, diff};
    for backend in test_backends() {
        let app = seeded_app(backend).await;
        let (_, id, organiser) = handyman_and_care_case(&app).await;
        let (handyman, _) = handyman_and_care(&app).await;
        let store = &app.db.store;
        let api = |name: &str| format!("{}/api/{name}", app.url);
        let form = qualification(&id, &handyman, "10", "1500");
        let (status, _, body) = post_owned(organiser.clone(), api("qualify_service"), form).await;
        assert!(status < 400, "{body}");
        let coordinator = store
            .user_by_email(&Email::parse("org@cus.example").unwrap())
            .await
            .unwrap()
            .id;
        let director = staff_id(&app, "d@cus.example", "Anna Nowak", vec![Role::Director]).await;
        let provider = store.service(&handyman).await.unwrap().provider_ids[0].clone();
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let source = store.service(&handyman).await.unwrap().programme_id;
        let content = PlanContent {
            period: PlanPeriod::new(day(2026, 12, 1), day(2027, 5, 31)).unwrap(),
            services: vec![PlannedService {
                service_id: handyman.clone(),
                name: "Złota Rączka".into(),
                units: 10,
                schedule: "wtorki 10:00–12:00".into(),
                provider_id: provider.clone(),
                provider_name: "Fundacja".into(),
                ..Default::default()
            }],
            activities: vec![],
            expected_effects: "Bezpieczne mieszkanie".into(),
            quality_checks: "rozmowa z osobą".into(),
            quality_frequency: app::ipus::CheckFrequency::default(),
            programme: store.programme_of_case(&id).await.unwrap(),
        };
        assert_eq!(content.programme.as_ref().unwrap().id, source);
        let now = chrono::Utc::now();
        let today = app::domain::warsaw_date(now);
        let draft = Draft {
            content: &content,
            agreed_on: Some(today),
            delay_reason: "",
        };
        let plan = store
            .create_plan(&id, &draft, &coordinator, now)
            .await
            .unwrap();
        let by = (coordinator.as_str(), now);
        store.submit_plan(&plan, (1, now), by).await.unwrap();
        store
            .decide_plan(&plan, 1, true, "", (director.as_str(), today, now))
            .await
            .unwrap();
        let move_it = [("id", plan.as_str())];
        let (status, _, body) =
            post_form(&organiser, &api("move_plan_to_programme"), &move_it).await;
        assert_eq!(
            status, 422,
            "the plan's programme version is the one in force"
        );
        assert!(body.contains("plan_move_not_possible"), "{body}");
        let page = json(&organiser, &api("load_plan"), &[("id", &plan)]).await;
        assert!(page["programme_successor"].is_null(), "{page}");

        // The council adopts a new version; the plan page offers the move, which maps the
        // service to its copy, keeps the provider it still lists and moves the granted request.
        let next = store.new_programme_version(&source, now).await.unwrap();
        store.publish_programme(&next.id, now).await.unwrap();
        let page = json(&organiser, &api("load_plan"), &[("id", &plan)]).await;
        assert_eq!(
            page["programme_successor"]["id"],
            next.id.as_str(),
            "{page}"
        );
        let version = json(&organiser, &api("move_plan_to_programme"), &move_it).await;
        assert_eq!(version, 2);
        let moved = store.plan(&plan).await.unwrap();
        assert_eq!(moved.versions[1].state, VersionState::Draft);
        let copy = moved.versions[1].content.services[0].clone();
        assert_ne!(copy.service_id, handyman);
        assert_eq!(
            store.service(&copy.service_id).await.unwrap().programme_id,
            next.id
        );
        assert_eq!(
            copy.provider_id, provider,
            "the copy still lists the provider"
        );
        assert_eq!(copy.units, 10);
        assert_eq!(
            request(&app, &id, &copy.service_id).await.status,
            RequestStatus::Qualified
        );
        let changes = diff(&moved.versions[0].content, &moved.versions[1].content);
        // The copy's own name (the plan had a short one) is the only other difference.
        assert_eq!(changes.len(), 2, "{changes:?}");
        assert!(
            matches!(&changes[1], Change::ServiceChanged { .. }),
            "{changes:?}"
        );
        assert!(
            matches!(&changes[0], Change::Programme { to, .. } if to.as_ref().unwrap().id == next.id),
            "{changes:?}"
        );
        let events = store.staff_case_events(&id).await.unwrap();
        assert!(
            events
                .iter()
                .any(|e| e.event.kind == EventKind::PlanMovedToProgramme)
        );
        let (status, _, body) =
            post_form(&organiser, &api("move_plan_to_programme"), &move_it).await;
        assert_eq!(status, 422, "moved once: the draft is pending");
        assert!(body.contains("plan_move_not_possible"), "{body}");
        // Saving the draft keeps the programme version it moved onto.
        let save = vec![
            ("id", plan.clone()),
            ("version", "2".to_owned()),
            ("form[start]", "2026-12-01".to_owned()),
            ("form[end]", "2027-05-31".to_owned()),
            ("form[services][0][service_id]", copy.service_id.clone()),
            ("form[services][0][units]", "12".to_owned()),
            ("form[services][0][schedule]", "wtorki".to_owned()),
            ("form[services][0][provider_id]", provider.clone()),
            ("form[expected_effects]", "Bezpieczne mieszkanie".to_owned()),
            ("form[quality_checks]", "rozmowa z osobą".to_owned()),
            ("form[quality_every]", "1".to_owned()),
            ("form[quality_unit]", "months".to_owned()),
            ("form[agreed_on]", today.to_string()),
            ("form[delay_reason]", String::new()),
        ];
        let (status, _, body) = post_owned(organiser.clone(), api("save_plan"), save).await;
        assert_eq!(status, 200, "{body}");
        let saved = store.plan(&plan).await.unwrap();
        assert_eq!(
            saved.versions[1].content.programme.as_ref().unwrap().id,
            next.id
        );
        assert_eq!(saved.versions[1].content.services[0].units, 12);
        let changes = diff(&saved.versions[0].content, &saved.versions[1].content);
        assert!(
            matches!(&changes[0], Change::Programme { .. }),
            "{changes:?}"
        );
        let paired = changes
            .iter()
            .all(|c| !matches!(c, Change::ServiceAdded(_) | Change::ServiceRemoved(_)));
        assert!(
            paired,
            "saved, the copy still pairs with its original: {changes:?}"
        );
        app.db.drop_database().await;
    }
}

#[tokio::test]
async fn a_coordinator_drafts_a_plan_and_the_director_approves_it() {
    use app::domain::Role;
    for backend in test_backends() {
        let app = seeded_app(backend).await;
        let (handyman, care) = handyman_and_care(&app).await;
        let (anna, id, organiser) = handyman_and_care_case(&app).await;
        let api = |name: &str| format!("{}/api/{name}", app.url);
        let provider = app.db.store.service(&handyman).await.unwrap().provider_ids[0].clone();

        // Only a case on the IPUS path gets a plan; its services are the qualified ones.
        let start = [("id", id.as_str())];
        let (status, _, body) = post_form(&organiser, &api("start_plan"), &start).await;
        assert_eq!(status, 422);
        assert!(body.contains("plan_path_required"), "{body}");
        let qualify = [
            ("id", id.as_str()),
            ("service", handyman.as_str()),
            ("form[units]", "10"),
            ("form[income]", "1500"),
            ("form[household]", "samotnie"),
        ];
        let (status, _, body) = post_form(&organiser, &api("qualify_service"), &qualify).await;
        assert!(status < 400, "{body}");
        // B gets 1 000 hours; C waits for the hours Anna's plan holds: 10 + 1 000 + 491 do not
        // fit the 1 500.
        let others = submitted_cases(&app, &["b", "c"], (&handyman, &care)).await;
        for (case, units) in [(0, "1000"), (1, "491")] {
            let form = qualification(&others[case].1, &handyman, units, "1500");
            let (status, _, body) =
                post_owned(organiser.clone(), api("qualify_service"), form).await;
            assert!(status < 400, "{body}");
        }
        let waiting = &others[1..];
        let b_status = || async { request(&app, &waiting[0].1, &handyman).await.status };
        assert_eq!(b_status().await, app::applications::RequestStatus::Waiting);
        let path = [("id", id.as_str()), ("path", "ipus")];
        let (status, _, body) = post_form(&organiser, &api("choose_path"), &path).await;
        assert_eq!(status, 200, "{body}");
        let plan = json(&organiser, &api("start_plan"), &start).await;
        let plan = plan.as_str().unwrap().to_owned();
        let again = json(&organiser, &api("start_plan"), &start).await;
        assert_eq!(again, plan.as_str(), "a double submit starts one plan");
        let drafted = app.db.store.plan(&plan).await.unwrap();
        assert_eq!(drafted.versions[0].content.services[0].service_id, handyman);

        // The form's rules, then a draft that keeps them.
        let form = |end: &str, units: &str, agreed: &str| {
            vec![
                ("id", plan.clone()),
                ("version", "1".to_owned()),
                ("form[start]", "2026-12-01".to_owned()),
                ("form[end]", end.to_owned()),
                ("form[services][0][service_id]", handyman.clone()),
                ("form[services][0][units]", units.to_owned()),
                (
                    "form[services][0][schedule]",
                    "wtorki 10:00–12:00".to_owned(),
                ),
                ("form[services][0][provider_id]", provider.clone()),
                ("form[services][0][place]", "mieszkanie".to_owned()),
                ("form[services][0][form]", "indywidualna".to_owned()),
                ("form[expected_effects]", "Bezpieczne mieszkanie".to_owned()),
                ("form[quality_checks]", "rozmowa z osobą".to_owned()),
                ("form[quality_every]", "1".to_owned()),
                ("form[quality_unit]", "months".to_owned()),
                ("form[agreed_on]", agreed.to_owned()),
                ("form[delay_reason]", String::new()),
            ]
        };
        let save = |form| post_owned(organiser.clone(), api("save_plan"), form);
        let (status, _, body) = save(form("2027-01-31", "dużo", "")).await;
        assert_eq!(status, 422);
        for key in ["plan_too_short", "number_invalid"] {
            assert!(body.contains(key), "{key}: {body}");
        }
        let (status, _, body) = save(form("2027-05-31", "10", "")).await;
        assert_eq!(status, 200, "{body}");
        let submit = [("id", plan.as_str()), ("version", "1")];
        let (status, _, body) = post_form(&organiser, &api("submit_plan"), &submit).await;
        assert_eq!(status, 422);
        assert!(body.contains("agreement_required"), "{body}");
        let (status, _, body) = save(form("2027-05-31", "10", "2026-11-24")).await;
        assert_eq!(status, 200, "{body}");
        let (status, _, body) = post_form(&organiser, &api("submit_plan"), &submit).await;
        assert_eq!(status, 200, "{body}");
        let (status, _, body) = save(form("2027-05-31", "12", "2026-11-24")).await;
        assert_eq!(status, 422);
        assert!(
            body.contains("plan_locked"),
            "a submitted version is locked: {body}"
        );

        // Nobody approves their own plan; a resident never; the director does.
        let approve = [
            ("id", plan.as_str()),
            ("version", "1"),
            ("decision", "approve"),
        ];
        let (status, _, _) = post_form(&organiser, &api("decide_plan"), &approve).await;
        assert_eq!(status, 403);
        let (status, _, _) = post_form(&anna, &api("decide_plan"), &approve).await;
        assert_eq!(status, 403);
        let director = staff(&app, "d@cus.example", "Anna Nowak", vec![Role::Director]).await;
        let back = [
            ("id", plan.as_str()),
            ("version", "1"),
            ("decision", "return"),
        ];
        let (status, _, body) = post_form(&director, &api("decide_plan"), &back).await;
        assert_eq!(status, 422, "returning needs comments");
        assert!(body.contains("comments"), "{body}");
        let unknown = [
            ("id", plan.as_str()),
            ("version", "1"),
            ("decision", "maybe"),
        ];
        let (status, _, body) = post_form(&director, &api("decide_plan"), &unknown).await;
        assert_eq!(status, 422);
        assert!(body.contains("choose_one"), "{body}");
        let back = [
            ("id", plan.as_str()),
            ("version", "1"),
            ("decision", "return"),
            ("comments", "Proszę dopisać działania towarzyszące"),
        ];
        let (status, _, body) = post_form(&director, &api("decide_plan"), &back).await;
        assert_eq!(status, 200, "{body}");

        // The returned version stays as it was; version 2 continues and is approved.
        let (status, _, body) = save(form("2027-05-31", "12", "2026-11-24")).await;
        assert_eq!(status, 422);
        assert!(body.contains("plan_locked"), "{body}");
        let mut missing = form("2027-05-31", "12", "2026-11-24");
        missing[1].1 = "9".into();
        let (status, _, _) = save(missing).await;
        assert_eq!(status, 404, "no such version");
        let mut twice = form("2027-05-31", "12", "2026-11-24");
        twice[1].1 = "2".into();
        twice.extend([
            ("form[services][1][service_id]", handyman.clone()),
            ("form[services][1][units]", "2".to_owned()),
            ("form[services][1][schedule]", "raz".to_owned()),
            ("form[services][1][provider_id]", provider.clone()),
        ]);
        let (status, _, body) = save(twice).await;
        assert_eq!(status, 200, "{body}");
        let submit = [("id", plan.as_str()), ("version", "2")];
        let (status, _, body) = post_form(&organiser, &api("submit_plan"), &submit).await;
        assert_eq!(status, 422);
        assert!(body.contains("service_twice"), "{body}");
        let mut fixed = form("2027-05-31", "12", "2026-11-24");
        fixed[1].1 = "2".into();
        let (status, _, body) = save(fixed).await;
        assert_eq!(status, 200, "{body}");
        let (status, _, body) = post_form(&organiser, &api("submit_plan"), &submit).await;
        assert_eq!(status, 200, "{body}");
        let approve = [
            ("id", plan.as_str()),
            ("version", "2"),
            ("decision", "approve"),
        ];
        let (status, _, body) = post_form(&director, &api("decide_plan"), &approve).await;
        assert_eq!(status, 200, "{body}");
        let approved = app.db.store.plan(&plan).await.unwrap();
        assert_eq!(approved.approved().unwrap().version, 2);
        assert_eq!(
            approved.versions[0].state,
            app::ipus::VersionState::Returned
        );
        assert_eq!(approved.versions[0].content.services[0].units, 10);

        // The plan page's data; the PDF of the approved version for the resident, with every
        // section of the template and the case's data; a returned version is not theirs to read.
        let page = json(&director, &api("load_plan"), &[("id", &plan)]).await;
        assert_eq!(page["may_decide"], false, "nothing awaits approval");
        assert_eq!(page["plan"]["versions"].as_array().unwrap().len(), 2);
        let pdf = |version: &str| format!("{}/wnioski/{id}/plan/{version}.pdf", app.url);
        let res = anna.get(pdf("2")).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 200);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        let text = pdf_text(&res.bytes().await.unwrap());
        let person = app.db.store.application(&id).await.unwrap().subject;
        for expected in [
            "A. Dane osobowe",
            "B. Okres realizacji",
            "C. Zakres usług społecznych",
            "D. Sposób realizacji",
            "E. Działania wspierające",
            "F. Monitorowanie realizacji",
            "G. Monitoring 6 miesięcy",
            "Pouczenie",
            "art. 39 ustawy",
            &person.name,
            &person.pesel,
            "wtorki 10:00–12:00",
            &approved.number,
        ] {
            assert!(text.contains(expected), "{expected}: {text}");
        }
        let res = anna.get(pdf("1")).send().await.unwrap();
        assert_eq!(
            res.status().as_u16(),
            404,
            "a returned version is not the resident's"
        );
        let res = organiser.get(pdf("1")).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 200, "staff print every version");

        let mine = json(&anna, &api("my_case"), &[("id", &id)]).await;
        assert!(mine.to_string().contains("plan_approved"), "{mine}");

        // An update is a new version; the director authorises the organiser (art. 41).
        let update = [("id", plan.as_str())];
        let version = json(&organiser, &api("start_plan_update"), &update).await;
        assert_eq!(version, 3);
        let (status, _, body) = post_form(&organiser, &api("start_plan_update"), &update).await;
        assert_eq!(status, 422, "one update at a time");
        assert!(body.contains("plan_update_not_possible"), "{body}");
        let organiser_id = app
            .db
            .store
            .user_by_email(&Email::parse("org@cus.example").unwrap())
            .await
            .unwrap()
            .id;
        let grant = [("user_id", organiser_id.as_str()), ("from", "2026-11-01")];
        let (status, _, _) = post_form(&organiser, &api("grant_plan_approval"), &grant).await;
        assert_eq!(status, 403, "only the director authorises");
        let (status, _, body) = post_form(&director, &api("grant_plan_approval"), &grant).await;
        assert_eq!(status, 200, "{body}");
        let held = app
            .db
            .store
            .approval_authorisations(&organiser_id)
            .await
            .unwrap();
        assert_eq!(held.len(), 1);
        let list = json(&director, &api("load_plan_authorisations"), &[]).await;
        assert_eq!(list["rows"][0]["holder"], "Olga Organizator");
        assert!(
            list["candidates"].to_string().contains(&organiser_id),
            "{list}"
        );
        let (status, _, _) = post_form(&organiser, &api("load_plan_authorisations"), &[]).await;
        assert_eq!(status, 403, "the director's list");
        let grant_id: String = sqlx::query_scalar("SELECT id FROM approval_authorisations")
            .fetch_one(app.db.store.pool())
            .await
            .unwrap();
        let revoke = [("id", grant_id.as_str())];
        let (status, _, _) = post_form(&organiser, &api("revoke_plan_approval"), &revoke).await;
        assert_eq!(status, 403, "only the director revokes");
        let (status, _, body) = post_form(&director, &api("revoke_plan_approval"), &revoke).await;
        assert_eq!(status, 200, "{body}");
        let held = app.db.store.approval_authorisations(&organiser_id).await;
        assert!(held.unwrap().is_empty());

        // Monitoring the running plan, then its end on resignation; the follow-up waits for its day.
        let today = app::domain::warsaw_date(chrono::Utc::now()).to_string();
        let entry = [
            ("id", plan.as_str()),
            ("form[happened_on]", today.as_str()),
            ("form[kind]", "home_visit"),
            ("form[body]", "Wizyta: naprawy wykonane, osoba zadowolona"),
            ("form[problem]", "on"),
        ];
        for _ in 0..2 {
            let (status, _, body) = post_form(&organiser, &api("add_plan_entry"), &entry).await;
            assert_eq!(status, 200, "a double submit records one entry: {body}");
        }
        let vague = [("id", plan.as_str()), ("form[happened_on]", today.as_str())];
        let (status, _, body) = post_form(&organiser, &api("add_plan_entry"), &vague).await;
        assert_eq!(status, 422);
        assert!(
            body.contains("choose_one") && body.contains("required"),
            "{body}"
        );
        let closing = |reason: &'static str| {
            vec![
                ("id", plan.clone()),
                ("form[ended_on]", today.clone()),
                ("form[reason]", reason.to_owned()),
                ("form[resignation]", "Przeprowadzka do córki".to_owned()),
                (
                    "form[course]",
                    "Naprawy wykonano w pierwszym miesiącu".to_owned(),
                ),
                ("form[results]", "Mieszkanie bezpieczne".to_owned()),
            ]
        };
        let desk = json(&organiser, &api("load_plan_desk"), &[]).await;
        assert_eq!(desk["all"], true, "the services organiser sees every plan");
        assert!(
            desk["running"].to_string().contains(&approved.number),
            "{desk}"
        );
        let close = |form| post_owned(organiser.clone(), api("close_plan"), form);
        let (status, _, body) = close(closing("completed")).await;
        assert_eq!(
            status, 422,
            "a plan that ran its course needs the summary conversation"
        );
        assert!(body.contains("conversation_on"), "{body}");
        let (status, _, body) = close(closing("resignation")).await;
        assert_eq!(status, 200, "{body}");
        let (status, _, body) = close(closing("resignation")).await;
        assert_eq!(status, 200, "a double submit closes once: {body}");
        // The plan's services end with it, and C gets the freed hours.
        assert_eq!(
            request(&app, &id, &handyman).await.status,
            app::applications::RequestStatus::Resigned
        );
        assert_eq!(
            b_status().await,
            app::applications::RequestStatus::Qualified
        );
        assert!(mailed(&app, "c@example.pl", "Zwolniło się miejsce").await);
        let (status, _, body) = post_form(&organiser, &api("add_plan_entry"), &entry).await;
        assert_eq!(status, 422);
        assert!(body.contains("plan_not_running"), "{body}");
        let follow_up = [
            ("id", plan.as_str()),
            ("form[held_on]", today.as_str()),
            ("form[findings]", "Osoba radzi sobie sama"),
        ];
        let (status, _, body) = post_form(&organiser, &api("record_follow_up"), &follow_up).await;
        assert_eq!(status, 422);
        assert!(body.contains("follow_up_too_early"), "{body}");
        let page = json(&organiser, &api("load_plan"), &[("id", &plan)]).await;
        assert_eq!(page["entries"].as_array().unwrap().len(), 1);
        assert_eq!(page["entries"][0]["problem"], true);
        assert_eq!(page["closure"]["resignation"], "Przeprowadzka do córki");
        let mine = json(&anna, &api("my_case"), &[("id", &id)]).await;
        assert!(mine.to_string().contains("plan_closed"), "{mine}");
        let desk = json(&organiser, &api("load_plan_desk"), &[]).await;
        assert_eq!(desk["running"].as_array().unwrap().len(), 0, "{desk}");
        let (status, _, body) = post_form(&organiser, &api("start_plan_update"), &update).await;
        assert_eq!(status, 422, "a closed plan is not updated");
        assert!(body.contains("plan_not_running"), "{body}");

        // The coordinators' meeting, recorded once however often it is sent.
        let meeting = |attendee: &str| {
            vec![
                ("form[held_on]", today.clone()),
                ("form[agenda]", "Przegląd planów w realizacji".to_owned()),
                (
                    "form[minutes]",
                    "Omówiono plan; rezygnacja przyjęta.".to_owned(),
                ),
                ("form[attendee_ids][0]", attendee.to_owned()),
                ("form[provider_ids][0]", provider.clone()),
            ]
        };
        let record = |client: &reqwest::Client, form| {
            post_owned(client.clone(), api("record_coordinator_meeting"), form)
        };
        for _ in 0..2 {
            let (status, _, body) = record(&organiser, meeting(&organiser_id)).await;
            assert_eq!(status, 200, "{body}");
        }
        let (status, _, body) = record(&organiser, meeting("")[..3].to_vec()).await;
        assert_eq!(status, 422);
        assert!(body.contains("attendees_required"), "{body}");
        let (status, _, _) = record(&anna, meeting(&organiser_id)).await;
        assert_eq!(status, 403, "a resident records no meeting");
        let meetings = json(&director, &api("coordinator_meetings"), &[]).await;
        assert_eq!(
            meetings["meetings"].as_array().unwrap().len(),
            1,
            "{meetings}"
        );
        // The community organiser reads the minutes, and may be among those who attended.
        let osl_id = staff_id(
            &app,
            "osl@cus.example",
            "Sylwia Społeczność",
            vec![Role::CommunityOrganiser],
        )
        .await;
        let osl = signed_in(&app, "osl@cus.example", PASSWORD).await;
        let read = json(&osl, &api("coordinator_meetings"), &[]).await;
        assert_eq!(read["meetings"].as_array().unwrap().len(), 1, "{read}");
        assert_eq!(read["may_record"], false);
        let choices = json(&director, &api("coordinator_meetings"), &[]).await;
        assert!(choices["staff"].to_string().contains(&osl_id), "{choices}");
        assert_eq!(meetings["meetings"][0]["attendees"][0], "Olga Organizator");
        assert_eq!(
            meetings["meetings"][0]["providers"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        assert_eq!(meetings["may_record"], true);

        // The half-year's summary for the director: the plan, where it stands and its outcome.
        let summary = json(
            &director,
            &api("plan_realisation_summary"),
            &[("period", "")],
        )
        .await;
        assert_eq!(summary["plans"], 1, "{summary}");
        assert!(
            summary["by_standing"]
                .to_string()
                .contains(r#"["resigned",1]"#),
            "{summary}"
        );
        assert_eq!(summary["resigned"], 1);
        assert_eq!(summary["meetings"], 1);
        assert_eq!(summary["by_service"][0]["plans"], 1);
        let visits = serde_json::json!({"kind": "home_visit", "count": 1, "problems": 1});
        assert!(
            summary["entries"].as_array().unwrap().contains(&visits),
            "{summary}"
        );
        let (status, _, _) =
            post_form(&anna, &api("plan_realisation_summary"), &[("period", "")]).await;
        assert_eq!(status, 403, "the summary is the management's");
        let earlier = json(
            &director,
            &api("plan_realisation_summary"),
            &[("period", "2020-1")],
        )
        .await;
        assert_eq!(earlier["plans"], 0, "no plan was drafted in 2020");
        app.db.drop_database().await;
    }
}

/// RODO art. 15 and 20: the resident downloads everything kept about them, nobody else's; the
/// data protection officer finds the same by PESEL and keeps the register of requests.
#[tokio::test]
async fn a_person_downloads_their_data_and_the_officer_finds_it_by_pesel() {
    use app::domain::Role;
    for backend in test_backends() {
        let app = seeded_app(backend).await;
        let anna = resident(&app, "anna@example.pl").await;
        let services = debica_services(&app).await;
        let id = filled_application(&app, &anna, (&services.0, &services.1)).await;
        let api = |name: &str| format!("{}/api/{name}", app.url);
        let (status, _, body) = post_form(&anna, &api("submit_application"), &[("id", &id)]).await;
        assert!(status < 400, "{body}");
        let number: String =
            sqlx::query_scalar("SELECT case_number FROM applications WHERE id = $1")
                .bind(&id)
                .fetch_one(app.db.store.pool())
                .await
                .unwrap();

        let res = anna
            .get(format!("{}/moje-konto/moje-dane.json", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/json");
        let export = body_json(res).await;
        assert_eq!(export["account"]["email"], "anna@example.pl");
        let application = &export["applications"][0];
        assert_eq!(application["case_number"], number.as_str());
        assert_eq!(application["person"]["pesel"], "44051401458");
        assert_eq!(application["applicant"]["name"], "Anna Opiekunka");
        assert!(
            export["accesses"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["action"] == "login"),
            "{backend:?}: the trail of who used the data is in it"
        );
        let pdf = anna
            .get(format!("{}/moje-konto/moje-dane.pdf", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(pdf.status(), 200);
        let text = pdf_text(&pdf.bytes().await.unwrap());
        assert!(text.contains("Twoje dane w Centrum"), "{text}");
        assert!(
            text.contains(&number) && text.contains("Halina Kowalska"),
            "{text}"
        );

        // Another resident gets only their own (empty) data; a visitor is sent to sign in.
        let other = resident(&app, "ola@example.pl").await;
        let export = body_json(
            other
                .get(format!("{}/moje-konto/moje-dane.json", app.url))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(export["applications"].as_array().unwrap().len(), 0);
        let res = client()
            .get(format!("{}/moje-konto/moje-dane.json", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "a visitor signs in first");

        // The officer, by the PESEL of the person the services are for.
        let iod = staff(
            &app,
            "iod@cus.example",
            "Irena",
            vec![Role::DataProtectionOfficer],
        )
        .await;
        let export = body_json(
            iod.get(format!(
                "{}/pracownik/iod/dane.json?pesel=44051401458",
                app.url
            ))
            .send()
            .await
            .unwrap(),
        )
        .await;
        assert_eq!(export["applications"][0]["case_number"], number.as_str());
        let res = iod
            .get(format!(
                "{}/pracownik/iod/dane.json?pesel=44051401459",
                app.url
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "a PESEL with a wrong checksum");
        let coordinator = staff(&app, "k@cus.example", "Karol", vec![Role::PlanCoordinator]).await;
        let res = coordinator
            .get(format!(
                "{}/pracownik/iod/dane.json?pesel=44051401458",
                app.url
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "only the officer");
        let exports: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND record_type = 'personal_data'",
        )
        .fetch_one(app.db.store.pool())
        .await
        .unwrap();
        assert_eq!(exports, 4, "{backend:?}: every export is audited");

        // The register: a request recorded twice is kept once, with its one-month deadline.
        let today = app::domain::warsaw_date(chrono::Utc::now());
        let form = [
            ("kind", "access"),
            ("subject", "Halina Kowalska"),
            ("received_on", &*today.to_string()),
            ("notes", "Wniosek złożony w punkcie informacyjnym."),
        ];
        for _ in 0..2 {
            let (status, _, body) = post_form(&iod, &api("record_data_request"), &form).await;
            assert_eq!(status, 200, "{body}");
        }
        let register = json(&iod, &api("data_requests"), &[]).await;
        let requests = register["requests"].as_array().unwrap();
        assert_eq!(
            requests.len(),
            1,
            "{backend:?}: a double submit is one request"
        );
        let due = today.checked_add_months(chrono::Months::new(1)).unwrap();
        assert_eq!(requests[0]["due_on"], due.to_string());
        let (status, _, body) = post_form(
            &iod,
            &api("record_data_request"),
            &[
                ("kind", "access"),
                ("subject", ""),
                ("received_on", "2999-01-01"),
            ],
        )
        .await;
        assert_eq!(status, 422);
        assert!(
            body.contains("date_in_future") && body.contains("required"),
            "{body}"
        );
        let request_id = requests[0]["id"].as_str().unwrap();
        let (status, _, body) = post_form(
            &iod,
            &api("close_data_request"),
            &[("id", request_id), ("outcome", "Wysłano zestawienie PDF.")],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let register = json(&iod, &api("data_requests"), &[]).await;
        assert_eq!(
            register["requests"][0]["outcome"],
            "Wysłano zestawienie PDF."
        );
        app.db.drop_database().await;
    }
}

#[tokio::test]
async fn a_decision_deadline_stored_on_a_saturday_moves_to_monday() {
    for backend in test_backends() {
        let app = seeded_app(backend).await;
        let store = &app.db.store;
        let anna = resident(&app, "anna@example.pl").await;
        let (first, second) = debica_services(&app).await;
        let id = filled_application(&app, &anna, (&first, &second)).await;
        let submit = format!("{}/api/submit_application", app.url);
        let (status, _, body) = post_form(&anna, &submit, &[("id", &id)]).await;
        assert!(status < 400, "{body}");
        // As stored before art. 57 § 4 was applied: 31 January + one month = Saturday 28 February.
        sqlx::query(
            "UPDATE applications SET registered_on = '2026-01-31', decision_due = '2026-02-28' \
             WHERE id = $1",
        )
        .bind(&id)
        .execute(store.pool())
        .await
        .unwrap();
        sqlx::query(
            "DELETE FROM data_migrations WHERE name = '2026-12-decision-due-on-working-days'",
        )
        .execute(store.pool())
        .await
        .unwrap();
        store.run_data_migrations().await.unwrap();
        let due: String = sqlx::query_scalar("SELECT decision_due FROM applications WHERE id = $1")
            .bind(&id)
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(due, "2026-03-02", "{backend:?}");
        app.db.drop_database().await;
    }
}

#[tokio::test]
async fn a_case_past_its_retention_period_loses_its_personal_data() {
    use app::audit::ChainCheck;
    use app::domain::{Pesel, warsaw_date};
    use app::privacy::retention::apply_retention;
    for backend in test_backends() {
        let app = seeded_app(backend).await;
        let store = &app.db.store;
        let anna = resident(&app, "anna@example.pl").await;
        let (first, second) = debica_services(&app).await;
        let api = |name: &str| format!("{}/api/{name}", app.url);
        let old = filled_application(&app, &anna, (&first, &second)).await;
        upload(
            &app,
            &anna,
            &old,
            "orzeczenie.pdf",
            b"%PDF-1.4\n%%EOF\n".to_vec(),
        )
        .await;
        for step in ["submit_application", "withdraw_application"] {
            let (status, _, body) = post_form(&anna, &api(step), &[("id", &old)]).await;
            assert!(status < 400, "{step}: {body}");
        }
        let open = filled_application(&app, &anna, (&first, &second)).await;
        let (status, _, body) =
            post_form(&anna, &api("submit_application"), &[("id", &open)]).await;
        assert!(status < 400, "{body}");
        // The withdrawn case's last entry was in June 2015: under B10 it is kept until
        // 1 January 2026.
        sqlx::query(
            "UPDATE case_events SET at = '2015-06-01T08:00:00.000000Z' WHERE application_id = $1",
        )
        .bind(&old)
        .execute(store.pool())
        .await
        .unwrap();
        let set_category = |category: &'static str| {
            sqlx::query(
                "UPDATE programmes SET retention_category = $1 WHERE id = \
                 (SELECT programme_id FROM applications WHERE id = $2)",
            )
            .bind(category)
            .bind(old.clone())
            .execute(store.pool())
        };
        let now = chrono::Utc::now();
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();

        // Under BE10 the state archive assesses it first: listed, kept.
        set_category("BE10").await.unwrap();
        let due = store.cases_past_retention(warsaw_date(now)).await.unwrap();
        assert_eq!(due.len(), 1, "{backend:?}: only the ended case is due");
        assert_eq!(due[0].id, old);
        assert!(due[0].awaits_assessment());
        assert_eq!(
            (due[0].ended_on, due[0].kept_until),
            (day(2015, 6, 1), day(2026, 1, 1))
        );
        assert!(
            apply_retention(store, &app.files, now)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(store.application(&old).await.is_ok());
        // Before its period ends nothing is due.
        set_category("B10").await.unwrap();
        assert!(
            store
                .cases_past_retention(day(2025, 12, 31))
                .await
                .unwrap()
                .is_empty()
        );

        // Under B10 its personal data goes: the application, its timeline, attachments and
        // their file, and the e-mails about it.
        let attachment: String =
            sqlx::query_scalar("SELECT id FROM attachments WHERE application_id = $1")
                .bind(&old)
                .fetch_one(store.pool())
                .await
                .unwrap();
        assert!(app.files.join(&attachment).exists());
        let number = store.application(&old).await.unwrap().case_number.unwrap();
        let mentions = || {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM outbox WHERE body_text LIKE $1")
                .bind(format!("%{number}%"))
                .fetch_one(store.pool())
        };
        assert!(
            mentions().await.unwrap() > 0,
            "the receipt e-mail names the case"
        );
        let retired = apply_retention(store, &app.files, now).await.unwrap();
        assert_eq!(retired.len(), 1);
        assert_eq!(retired[0].id, old);
        assert!(matches!(
            store.application(&old).await,
            Err(app::store::StoreError::NotFound)
        ));
        assert!(
            !app.files.join(&attachment).exists(),
            "{backend:?}: the file is gone"
        );
        for table in [
            "attachments",
            "case_events",
            "application_services",
            "case_notes",
        ] {
            let left: i64 = sqlx::query_scalar(&format!(
                "SELECT COUNT(*) FROM {table} WHERE application_id = $1"
            ))
            .bind(&old)
            .fetch_one(store.pool())
            .await
            .unwrap();
            assert_eq!(left, 0, "{backend:?}: {table}");
        }
        assert_eq!(mentions().await.unwrap(), 0);

        // What the statistics count stays, without a person in it.
        let (kept_number, services, category): (String, String, String) = sqlx::query_as(
            "SELECT case_number, services, category FROM retired_cases WHERE id = $1",
        )
        .bind(&old)
        .fetch_one(store.pool())
        .await
        .unwrap();
        assert_eq!((kept_number, category.as_str()), (number.clone(), "B10"));
        let services: serde_json::Value = serde_json::from_str(&services).unwrap();
        assert_eq!(services.as_array().unwrap().len(), 2);
        assert_eq!(services[0]["service_id"], first.as_str());
        assert!(!services.to_string().contains("Kowalska"));

        // The open case stays; the officer's search by PESEL finds only it.
        let pesel = Pesel::parse("44051401458").unwrap();
        let data = store
            .personal_data_by_pesel(&pesel, "CUS", now)
            .await
            .unwrap();
        assert_eq!(data.applications.len(), 1, "{backend:?}");
        assert_ne!(
            data.applications[0].case_number.as_deref(),
            Some(number.as_str())
        );

        // The removal is audited, the audit chain still verifies, and a second run finds nothing.
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'delete' AND purpose = 'retention' \
             AND record_id = $1",
        )
        .bind(&old)
        .fetch_one(store.pool())
        .await
        .unwrap();
        assert_eq!(audited, 1);
        assert!(matches!(
            store.verify_audit_chain().await.unwrap(),
            ChainCheck::Intact { .. }
        ));
        assert!(
            apply_retention(store, &app.files, now)
                .await
                .unwrap()
                .is_empty()
        );
        app.db.drop_database().await;
    }
}

async fn body_json(res: reqwest::Response) -> serde_json::Value {
    serde_json::from_str(&res.text().await.unwrap()).unwrap()
}

/// Issue 17: the server is killed (SIGKILL) while 100 residents submit; after a restart every
/// submission that was acknowledged is registered, no case number is given twice, and the
/// others go through when sent again.
#[tokio::test]
async fn a_killed_server_loses_no_acknowledged_submission() {
    const PEOPLE: usize = 100;
    for backend in test_backends() {
        let key = app::store::Keys::generate();
        let db = TestDatabase::create_keyed(backend, &key).await;
        server::demo_catalogue::seed_catalogue(&db.store, &Clock::system())
            .await
            .unwrap();
        let port = free_port();
        let dir = std::env::temp_dir().join(format!("cus-kill-{}", app::store::new_id()));
        let database_url = db.url.clone();
        let start = || start_cus(&database_url, &key, port, &dir);
        let url = format!("http://127.0.0.1:{port}");
        let mut server = start();
        wait_until_healthy(&url).await;
        let app = Running {
            url,
            db,
            files: std::env::temp_dir(),
        };
        let (first, second) = debica_services(&app).await;
        let mut ready = Vec::with_capacity(PEOPLE);
        for i in 0..PEOPLE {
            let client = resident(&app, &format!("ubita{i}@example.pl")).await;
            let id = filled_application(&app, &client, (&first, &second)).await;
            ready.push((client, id));
        }
        let submit = format!("{}/api/submit_application", app.url);
        let (acknowledged, sent) = {
            use std::sync::atomic::{AtomicUsize, Ordering};
            let answered = std::sync::Arc::new(AtomicUsize::new(0));
            let tasks: Vec<_> = ready
                .iter()
                .map(|(client, id)| {
                    let (client, id, url) = (client.clone(), id.clone(), submit.clone());
                    let answered = answered.clone();
                    tokio::spawn(async move {
                        let answer = client.post(url).form(&[("id", &id)]).send().await;
                        let ok = answer.is_ok_and(|res| res.status().as_u16() < 400);
                        if ok {
                            answered.fetch_add(1, Ordering::SeqCst);
                        }
                        (id, ok)
                    })
                })
                .collect();
            // Killed in the middle: once a tenth of the submissions have been answered.
            for _ in 0..2_000 {
                if answered.load(Ordering::SeqCst) >= PEOPLE / 10 {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            }
            server.kill().expect("SIGKILL");
            server.wait().unwrap();
            let mut acknowledged = Vec::new();
            for task in tasks {
                let (id, ok) = task.await.unwrap();
                if ok {
                    acknowledged.push(id);
                }
            }
            (acknowledged, ready.len())
        };
        let mut server = start();
        wait_until_healthy(&app.url).await;
        for id in &acknowledged {
            let status: String =
                sqlx::query_scalar("SELECT status FROM applications WHERE id = $1")
                    .bind(id)
                    .fetch_one(app.db.store.pool())
                    .await
                    .unwrap();
            assert_eq!(
                status, "registered",
                "{backend:?}: an acknowledged submission is kept"
            );
        }
        // What was not acknowledged is sent again (as the resident would), after signing in anew.
        for (i, (_, id)) in ready.iter().enumerate() {
            let client = browser();
            let email = format!("ubita{i}@example.pl");
            post_form(
                &client,
                &format!("{}/api/login", app.url),
                &[("email", &email), ("password", PASSWORD)],
            )
            .await;
            let (status, _, body) = post_form(&client, &submit, &[("id", id)]).await;
            assert!(status < 400, "{body}");
        }
        let numbers: Vec<String> =
            sqlx::query_scalar("SELECT case_number FROM applications WHERE status = 'registered'")
                .fetch_all(app.db.store.pool())
                .await
                .unwrap();
        let distinct: std::collections::BTreeSet<_> = numbers.iter().collect();
        assert_eq!(
            numbers.len(),
            sent,
            "{backend:?}: every application registered once"
        );
        assert_eq!(
            distinct.len(),
            sent,
            "{backend:?}: no case number given twice"
        );
        println!(
            "{backend:?}: {} of {sent} acknowledged before the kill",
            acknowledged.len()
        );
        server.kill().unwrap();
        server.wait().unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        app.db.drop_database().await;
    }
}

/// `cus serve` on `database_url` at 127.0.0.1:`port`, without rate limits or demo data.
fn start_cus(
    database_url: &str,
    key: &str,
    port: u16,
    dir: &std::path::Path,
) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_cus"))
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("CUS_SECRETS_KEY", key)
        .env("CUS_LISTEN", format!("127.0.0.1:{port}"))
        .env("CUS_CONFIG", dir.join("none.toml"))
        .env("CUS_FILES_DIR", dir.join("files"))
        .env("CUS_RATE_LIMITS__ENABLED", "false")
        .env("CUS_DEMO_DATA", "false")
        .env("RUST_LOG", "error")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start cus serve")
}

fn free_port() -> u16 {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    probe.local_addr().unwrap().port()
}

/// A TCP relay to PostgreSQL that can be taken down — every open connection cut, new ones
/// refused — and brought back, as the server sees a PostgreSQL restart.
struct Relay {
    port: u16,
    up: tokio::sync::watch::Sender<bool>,
}

impl Relay {
    async fn start(target: String) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (up, watch) = tokio::sync::watch::channel(true);
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let mut watch = watch.clone();
                if !*watch.borrow() {
                    continue; // dropped: the connection is refused
                }
                let target = target.clone();
                tokio::spawn(async move {
                    let Ok(mut outbound) = tokio::net::TcpStream::connect(&target).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        _ = watch.wait_for(|up| !*up) => {}
                    }
                });
            }
        });
        Relay { port, up }
    }

    fn set(&self, up: bool) {
        self.up.send_replace(up);
    }
}

#[tokio::test]
async fn a_postgresql_restart_under_load_loses_no_acknowledged_submission() {
    const PEOPLE: usize = 40;
    if !test_backends().contains(&app::store::Backend::Postgres) {
        return;
    }
    let key = app::store::Keys::generate();
    let db = TestDatabase::create_keyed(app::store::Backend::Postgres, &key).await;
    server::demo_catalogue::seed_catalogue(&db.store, &Clock::system())
        .await
        .unwrap();
    // postgres://user@host:port/name → the same through the relay.
    let (head, rest) = db.url.split_once('@').unwrap();
    let (address, name) = rest.split_once('/').unwrap();
    let relay = Relay::start(address.to_owned()).await;
    let relayed_url = format!("{head}@127.0.0.1:{}/{name}", relay.port);
    let port = free_port();
    let dir = std::env::temp_dir().join(format!("cus-restart-{}", app::store::new_id()));
    let mut server = start_cus(&relayed_url, &key, port, &dir);
    let url = format!("http://127.0.0.1:{port}");
    wait_until_healthy(&url).await;
    let app = Running {
        url,
        db,
        files: dir.join("files"),
    };
    let (first, second) = debica_services(&app).await;
    let mut ready = Vec::with_capacity(PEOPLE);
    for i in 0..PEOPLE {
        let client = resident(&app, &format!("restart{i}@example.pl")).await;
        let id = filled_application(&app, &client, (&first, &second)).await;
        ready.push((client, id));
    }
    let submit = format!("{}/api/submit_application", app.url);
    let answered = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let tasks: Vec<_> = ready
        .iter()
        .map(|(client, id)| {
            let (client, id, url) = (client.clone(), id.clone(), submit.clone());
            let answered = answered.clone();
            tokio::spawn(async move {
                // Residents keep pressing the button, a little apart, for a while.
                let mut statuses = Vec::new();
                for _ in 0..40 {
                    let status = match client.post(&url).form(&[("id", &id)]).send().await {
                        Ok(res) => res.status().as_u16(),
                        Err(_) => 0,
                    };
                    statuses.push(status);
                    if status < 400 {
                        answered.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        break;
                    }
                    tokio::time::sleep(std::time::Duration::from_millis(250)).await;
                }
                (id, statuses)
            })
        })
        .collect();
    // The database goes away once some have been answered, and comes back 3 s later.
    while answered.load(std::sync::atomic::Ordering::SeqCst) < PEOPLE / 8 {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    relay.set(false);
    let health = format!("{}/healthz", app.url);
    let during = client().get(&health).send().await.unwrap().status();
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    relay.set(true);
    assert_eq!(during, 503, "the server says it cannot serve now");
    wait_until_healthy(&app.url).await;
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    for (id, statuses) in &answers {
        assert!(
            statuses.iter().all(|s| *s < 400 || *s == 503),
            "only 503 while the database is away: {statuses:?}"
        );
        assert!(
            statuses.last().is_some_and(|s| *s < 400),
            "{id}: answered once the database is back: {statuses:?}"
        );
    }
    let refused = answers
        .iter()
        .filter(|(_, statuses)| statuses.contains(&503))
        .count();
    assert!(refused > 0, "some submissions met the restart");
    let numbers: Vec<String> =
        sqlx::query_scalar("SELECT case_number FROM applications WHERE status = 'registered'")
            .fetch_all(app.db.store.pool())
            .await
            .unwrap();
    let distinct: std::collections::BTreeSet<_> = numbers.iter().collect();
    assert_eq!(
        numbers.len(),
        PEOPLE,
        "every acknowledged submission is kept"
    );
    assert_eq!(distinct.len(), PEOPLE, "and registered once");
    println!("{refused} of {PEOPLE} submissions got 503 during the restart");
    server.kill().unwrap();
    server.wait().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    app.db.drop_database().await;
}

async fn wait_until_healthy(url: &str) {
    for _ in 0..300 {
        if let Ok(res) = client().get(format!("{url}/healthz")).send().await
            && res.status() == 200
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("cus did not start at {url}");
}
