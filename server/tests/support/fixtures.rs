//! The set-up the rooms' tests share: a server on the demo catalogue, residents and staff signed
//! in, an application filled in and registered, a service qualified, and reading what the
//! server answered (JSON, pages, PDFs, e-mails, counts).

use super::*;
use app::domain::{Clock, Email, Role};
use app::store::testing::TestDatabase;

pub const PASSWORD: &str = "hasło-mieszkańca-1";

/// `db` with the demo catalogue (the Dębica programme and its services).
pub async fn seeded(db: TestDatabase) -> TestDatabase {
    server::demo_catalogue::seed_catalogue(&db.store, &Clock::system())
        .await
        .unwrap();
    db
}

/// The server on a fresh database with the demo catalogue.
pub async fn seeded_app(backend: app::store::Backend) -> Running {
    spawn_app(seeded(TestDatabase::create(backend).await).await).await
}

/// A confirmed resident account, signed in.
pub async fn resident(app: &Running, email: &str) -> reqwest::Client {
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

/// A staff account with `roles`, signed in with its second factor.
pub async fn staff(app: &Running, email: &str, name: &str, roles: Vec<Role>) -> reqwest::Client {
    staff_id(app, email, name, roles).await;
    signed_in(app, email, PASSWORD).await
}

/// A staff account with `roles`; answers its id.
pub async fn staff_id(app: &Running, email: &str, name: &str, roles: Vec<Role>) -> String {
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

/// Olga Organizator (org@cus.example), the services organiser, signed in.
pub async fn organiser(app: &Running) -> reqwest::Client {
    let roles = vec![Role::ServicesOrganiser];
    staff(app, "org@cus.example", "Olga Organizator", roles).await
}

/// Anna Nowak (d@cus.example), the director; answers her id.
pub async fn director_id(app: &Running) -> String {
    staff_id(app, "d@cus.example", "Anna Nowak", vec![Role::Director]).await
}

/// The director, signed in.
pub async fn director(app: &Running) -> reqwest::Client {
    director_id(app).await;
    signed_in(app, "d@cus.example", PASSWORD).await
}

/// The id of the account signed up with `email`.
pub async fn user_id(app: &Running, email: &str) -> String {
    let address = Email::parse(email).unwrap();
    app.db.store.user_by_email(&address).await.unwrap().id
}

/// The two first services of the Dębica programme.
pub async fn debica_services(app: &Running) -> (String, String) {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT s.id FROM services s JOIN programmes p ON p.id = s.programme_id \
         WHERE p.name LIKE '%Dębica' ORDER BY s.position LIMIT 2",
    )
    .fetch_all(app.db.store.pool())
    .await
    .unwrap();
    (ids[0].clone(), ids[1].clone())
}

/// The Dębica programme's "Złota Rączka" (40 zł an hour, a budget of 60 000 zł) and home care.
pub async fn handyman_and_care(app: &Running) -> (String, String) {
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

/// Fills every step of a new application for two services; answers its id.
pub async fn filled_application(
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

/// Submits the filled application `id`, which the server accepts.
pub async fn submitted(app: &Running, client: &reqwest::Client, id: &str) {
    let url = format!("{}/api/submit_application", app.url);
    let (status, _, body) = post_form(client, &url, &[("id", id)]).await;
    assert!(status < 400, "{body}");
}

/// An application for two services filled in and submitted: a registered case; answers its id.
pub async fn registered_case(
    app: &Running,
    client: &reqwest::Client,
    services: (&str, &str),
) -> String {
    let id = filled_application(app, client, services).await;
    submitted(app, client, &id).await;
    id
}

/// Anna's submitted application for "Złota Rączka" and home care, and the services organiser.
pub async fn handyman_and_care_case(app: &Running) -> (reqwest::Client, String, reqwest::Client) {
    let (handyman, care) = handyman_and_care(app).await;
    let anna = resident(app, "anna@example.pl").await;
    let id = registered_case(app, &anna, (&handyman, &care)).await;
    (anna, id, organiser(app).await)
}

/// Submitted applications for `services` by residents `<person>@example.pl`: each one's
/// signed-in client, application id and e-mail address.
pub async fn submitted_cases(
    app: &Running,
    people: &[&str],
    services: (&str, &str),
) -> Vec<(reqwest::Client, String, String)> {
    let mut cases = vec![];
    for person in people {
        let email = format!("{person}@example.pl");
        let client = resident(app, &email).await;
        let id = registered_case(app, &client, services).await;
        cases.push((client, id, email));
    }
    cases
}

/// `people` residents `<prefix><i>@example.pl`, each signed in with an application filled in
/// (not yet submitted) for the first two Dębica services.
pub async fn filled_applications(
    app: &Running,
    prefix: &str,
    people: usize,
) -> Vec<(reqwest::Client, String)> {
    let (first, second) = debica_services(app).await;
    let mut ready = Vec::with_capacity(people);
    for i in 0..people {
        let client = resident(app, &format!("{prefix}{i}@example.pl")).await;
        let id = filled_application(app, &client, (&first, &second)).await;
        ready.push((client, id));
    }
    ready
}

/// Uploads an attachment to application `id`; answers where the server sent the browser.
pub async fn upload(
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

/// The qualification form granting `units` of `service` in case `id`, for one person living alone.
pub fn qualification(
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

/// `client` qualifies `units` of `service` in case `id` (granted, or onto the waiting list);
/// the server accepts it.
pub async fn qualified(
    app: &Running,
    client: &reqwest::Client,
    (id, service): (&str, &str),
    units: &str,
    income: &str,
) {
    let url = format!("{}/api/qualify_service", app.url);
    let form = qualification(id, service, units, income);
    let (status, _, body) = post_owned(client.clone(), url, form).await;
    assert!(status < 400, "{body}");
}

/// The status, units and fee of one requested service, as the store reads them.
pub async fn request(
    app: &Running,
    id: &str,
    service: &str,
) -> app::applications::RequestedService {
    app.db
        .store
        .requested_services(id)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.service_id == service)
        .unwrap()
}

/// A server function's JSON answer, which must be 200.
pub async fn json(client: &reqwest::Client, url: &str, form: &[(&str, &str)]) -> serde_json::Value {
    let (status, _, body) = post_form(client, url, form).await;
    assert_eq!(status, 200, "{url}: {body}");
    serde_json::from_str(&body).unwrap()
}

pub async fn body_json(res: reqwest::Response) -> serde_json::Value {
    serde_json::from_str(&res.text().await.unwrap()).unwrap()
}

/// The text of the page at `url` (whatever its status).
pub async fn page_text(client: &reqwest::Client, url: &str) -> String {
    let res = client.get(url).send().await.unwrap();
    res.text().await.unwrap()
}

/// The text of the PDF at `url`, which must answer 200.
pub async fn pdf_at(client: &reqwest::Client, url: &str) -> String {
    let res = client.get(url).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200, "{url}");
    pdf_text(&res.bytes().await.unwrap())
}

/// The text of a PDF (poppler's pdftotext), with line-end hyphenation undone and spaces folded.
pub fn pdf_text(bytes: &[u8]) -> String {
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

/// The e-mails sent to `email`.
pub async fn mails_to(app: &Running, email: &str) -> Vec<app::notifications::OutgoingEmail> {
    let address = Email::parse(email).unwrap();
    app.db.store.emails_to(&address).await.unwrap()
}

/// Whether `email` was sent a message whose subject holds `subject`.
pub async fn mailed(app: &Running, email: &str, subject: &str) -> bool {
    let mails = mails_to(app, email).await;
    mails.iter().any(|m| m.subject.contains(subject))
}

/// The number `sql` counts (`SELECT COUNT(*) …`) with `$1` bound to `id`.
pub async fn count(app: &Running, sql: &str, id: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(app.db.store.pool())
        .await
        .unwrap()
}

/// The case numbers of every registered application.
pub async fn registered_numbers(app: &Running) -> Vec<String> {
    sqlx::query_scalar("SELECT case_number FROM applications WHERE status = 'registered'")
        .fetch_all(app.db.store.pool())
        .await
        .unwrap()
}
