//! Community organising over real HTTP: the organiser records a community, moves it between
//! stages and plans a public activity; residents find it in the calendar, sign up (once per
//! contact), wait when it is full, and a cancellation gives the place to the first waiting.

use crate::support::fixtures::*;
use crate::support::*;
use app::domain::{Clock, Role};
use app::store::testing::{TestDatabase, test_backends};

/// Activity form fields for a workshop `days` from now at 17:00–19:00 Warsaw time.
fn workshop(community: &str, days: i64, capacity: &str) -> Vec<(String, String)> {
    let day = (chrono::Utc::now() + chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string();
    [
        ("community", community),
        ("input[kind]", "workshop"),
        ("input[title]", "Warsztaty kulinarne dla seniorów"),
        (
            "input[description]",
            "Gotujemy razem z Kołem Gospodyń Wiejskich",
        ),
        ("input[day]", &day),
        ("input[starts]", "17:00"),
        ("input[ends]", "19:00"),
        ("input[place]", "Świetlica wiejska, Braciejowa 1"),
        ("input[step_free]", "yes"),
        ("input[capacity]", capacity),
        ("input[public]", "yes"),
        ("input[partners]", "KGW Braciejowa"),
        ("input[volunteers]", "2"),
        ("input[area]", "culture"),
        ("input[group]", "seniors"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

fn borrowed(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

#[tokio::test]
async fn the_organiser_plans_and_residents_sign_up() {
    for backend in test_backends() {
        let app = spawn_app(TestDatabase::create(backend).await).await;
        let api = |name: &str| format!("{}/api/{name}", app.url);
        let (organiser, clerk) = organiser_and_clerk(&app).await;
        let community = [
            ("name", "Sołectwo Braciejowa"),
            ("kind", "territorial"),
            ("territory", "solectwo"),
            ("place", "Braciejowa"),
            ("teryt", "1803032"),
        ];
        let (status, _, _) = post_form(&clerk, &api("create_community"), &community).await;
        assert_eq!(status, 403, "{backend:?}: only the organiser");
        let (status, _, body) = post_form(
            &organiser,
            &api("create_community"),
            &[("name", ""), ("kind", "territorial"), ("teryt", "123")],
        )
        .await;
        assert_eq!(status, 422, "{body}");
        for key in ["required", "teryt_invalid", "choose_one"] {
            assert!(body.contains(key), "{key}: {body}");
        }
        let (_, location, body) = post_form(&organiser, &api("create_community"), &community).await;
        let id = location
            .strip_prefix("/pracownik/spolecznosci/")
            .unwrap_or_else(|| panic!("{body}"))
            .to_owned();
        let (_, again, _) = post_form(&organiser, &api("create_community"), &community).await;
        assert_eq!(again, location, "the same form twice is one community");

        // Six stages: a move needs a reason and another stage; a stale form is refused.
        let (status, _, body) = post_form(
            &organiser,
            &api("move_community_stage"),
            &[("id", &id), ("from", "diagnosis"), ("stage", "diagnosis")],
        )
        .await;
        assert_eq!(status, 422);
        assert!(
            body.contains("stage_same") && body.contains("required"),
            "{body}"
        );
        let moved = [
            ("id", id.as_str()),
            ("from", "diagnosis"),
            ("stage", "addressees"),
            ("reason", "Mapa zasobów i potrzeb gotowa"),
        ];
        let (status, _, body) = post_form(&organiser, &api("move_community_stage"), &moved).await;
        assert!(status < 400, "{body}");
        let (status, _, body) = post_form(&organiser, &api("move_community_stage"), &moved).await;
        assert_eq!(status, 422);
        assert!(body.contains("stage_moved"), "{body}");
        // The services organiser reads the community but changes nothing.
        let reader = staff(
            &app,
            "organizator@cus.example",
            "Olga Organizator",
            vec![Role::ServicesOrganiser],
        )
        .await;
        let (status, _, body) = post_form(&reader, &api("community"), &[("id", &id)]).await;
        assert_eq!(status, 200, "{body}");
        assert!(body.contains(r#""may_edit":false"#), "{body}");
        let (status, _, _) = post_form(&reader, &api("move_community_stage"), &moved).await;
        assert_eq!(status, 403);
        let history = app.db.store.stage_history(&id).await.unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[1].reason, "Mapa zasobów i potrzeb gotowa");
        assert_eq!(history[1].by, "Sylwia Społeczność");

        // An activity: bad input is named field by field; the same form twice is one.
        let mut bad = workshop(&id, -2, "0");
        bad.retain(|(k, _)| k != "input[title]");
        let (status, _, body) =
            post_form(&organiser, &api("create_activity"), &borrowed(&bad)).await;
        assert_eq!(status, 422);
        for key in ["date_in_past", "capacity_positive", "required"] {
            assert!(body.contains(key), "{key}: {body}");
        }
        let form = workshop(&id, 10, "2");
        let (_, location, body) =
            post_form(&organiser, &api("create_activity"), &borrowed(&form)).await;
        let activity = activity_at(&location, &body);
        let (_, twice, _) = post_form(&organiser, &api("create_activity"), &borrowed(&form)).await;
        assert_eq!(twice, location);
        assert_eq!(app.db.store.activities_of(&id).await.unwrap().len(), 1);

        // The public calendar shows it without signing in, and without JavaScript.
        let visitor = client();
        let month = (chrono::Utc::now() + chrono::Duration::days(10)).format("%Y-%m");
        let calendar = format!("{}/wydarzenia?miesiac={month}&bez_barier=1", app.url);
        let page = page_text(&visitor, &calendar).await.replace("<!>", "");
        assert!(page.contains("Warsztaty kulinarne dla seniorów"), "{page}");
        assert!(page.contains("2 wolne miejsca"), "{page}");
        let page = page_text(&visitor, &format!("{}/wydarzenia/{activity}", app.url)).await;
        assert!(page.contains(r#""@type":"Event""#), "{page}");
        assert!(page.contains("Świetlica wiejska, Braciejowa 1"));

        // Sign-ups: two places, then the waiting list; the same contact twice is one.
        let sign_up = |name: &'static str, contact: &'static str| {
            let visitor = visitor.clone();
            let url = api("sign_up_for_activity");
            let activity = activity.clone();
            async move {
                let form = [
                    ("activity", activity.as_str()),
                    ("name", name),
                    ("contact", contact),
                    ("consent", "yes"),
                ];
                post_form(&visitor, &url, &form).await
            }
        };
        let (status, _, body) = post_form(
            &visitor,
            &api("sign_up_for_activity"),
            &[("activity", &activity), ("name", "Jan"), ("contact", "12")],
        )
        .await;
        assert_eq!(status, 422);
        assert!(
            body.contains("contact_invalid") && body.contains("consent_required"),
            "{body}"
        );
        let (_, first, _) = sign_up("Anna Nowak", "anna.nowak@example.pl").await;
        assert!(first.starts_with("/wydarzenia/zapis/"), "{first}");
        let (_, same, _) = sign_up("Anna Nowak", "Anna.Nowak@example.pl").await;
        assert_eq!(same, format!("/wydarzenia/{activity}?juz=1"));
        let (_, _, _) = sign_up("Jan Kowalski", "600 100 200").await;
        let (_, waiting, _) = sign_up("Ewa Wiśniewska", "ewa@example.pl").await;
        let page = page_text(&visitor, &format!("{}{waiting}", app.url))
            .await
            .replace("<!>", "");
        assert!(page.contains("Jesteś na liście oczekujących"), "{page}");
        assert!(page.contains("Twoje miejsce na liście: 1."), "{page}");
        let stored = app.db.store.activity(&activity).await.unwrap();
        assert_eq!((stored.registered, stored.waiting), (2, 1));

        // Anna cancels: Ewa gets the place and an e-mail.
        let token = first.strip_prefix("/wydarzenia/zapis/").unwrap();
        for _ in 0..2 {
            let (status, location, body) =
                post_form(&visitor, &api("cancel_registration"), &[("token", token)]).await;
            assert!(status < 400, "{body}");
            assert_eq!(location, format!("{first}?odwolano=1"));
        }
        let stored = app.db.store.activity(&activity).await.unwrap();
        assert_eq!((stored.registered, stored.waiting), (2, 0));
        let mails = app.db.store.pending_emails(50).await.unwrap();
        let to_ewa: Vec<_> = mails
            .iter()
            .filter(|mail| mail.to_address == "ewa@example.pl")
            .collect();
        assert_eq!(to_ewa.len(), 2, "waiting, then the place");
        assert!(
            to_ewa[1].body_text.contains("Zwolniło się miejsce"),
            "{:?}",
            to_ewa[1]
        );
        let to_anna = mails
            .iter()
            .find(|mail| mail.to_address == "anna.nowak@example.pl")
            .unwrap();
        assert!(
            to_anna.body_text.contains("/wydarzenia/zapis/"),
            "{to_anna:?}"
        );

        // The day before, those with a place and an e-mail address are reminded, once.
        let day_before = Clock::fixed(stored.starts_at - chrono::Duration::hours(20));
        let job = state_on(&app.db.store, day_before, app.files.clone());
        for _ in 0..2 {
            app::community::calendar::server::send_reminders(&job)
                .await
                .unwrap();
        }
        let reminders: Vec<_> = app
            .db
            .store
            .pending_emails(50)
            .await
            .unwrap()
            .into_iter()
            .filter(|mail| mail.body_text.starts_with("Przypomnienie"))
            .collect();
        assert_eq!(
            reminders.len(),
            1,
            "Ewa only (Jan gave a phone): {reminders:?}"
        );
        assert_eq!(reminders[0].to_address, "ewa@example.pl");

        // The organiser reads the list (audited); the feed is valid iCalendar.
        let (status, _, body) = post_form(
            &organiser,
            &api("activity_registrations"),
            &[("id", &activity)],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert!(
            body.contains("Ewa Wiśniewska") && body.contains("cancelled"),
            "{body}"
        );
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE record_type = 'community_activity' \
             AND action = 'read'",
        )
        .fetch_one(app.db.store.pool())
        .await
        .unwrap();
        assert_eq!(audited, 1);
        for path in [
            "/wydarzenia/kalendarz.ics".to_owned(),
            format!("/wydarzenia/kalendarz.ics?spolecznosc={id}"),
            format!("/wydarzenia/{activity}/kalendarz.ics"),
        ] {
            let res = visitor
                .get(format!("{}{path}", app.url))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "{path}");
            assert_eq!(
                res.headers()["content-type"],
                "text/calendar; charset=utf-8"
            );
            let text = res.text().await.unwrap();
            assert!(text.contains("DTSTART;TZID=Europe/Warsaw:"), "{text}");
            assert!(text.contains("T170000\r\n"), "17:00 in Warsaw: {text}");
            assert!(
                text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Warsaw"),
                "{text}"
            );
        }
        let res = visitor
            .get(format!("{}/wydarzenia/nie-ma/kalendarz.ics", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        app.db.drop_database().await;
    }
}

/// The community organiser and an info point clerk (who may not organise), signed in.
async fn organiser_and_clerk(app: &Running) -> (reqwest::Client, reqwest::Client) {
    let organiser = staff(
        app,
        "osl@cus.example",
        "Sylwia Społeczność",
        vec![Role::CommunityOrganiser],
    )
    .await;
    let clerk = staff(
        app,
        "punkt@cus.example",
        "Pan Punkt",
        vec![Role::InfoPointClerk],
    )
    .await;
    (organiser, clerk)
}

/// Records the village of Braciejowa as a territorial community; answers its id.
async fn braciejowa(app: &Running, organiser: &reqwest::Client) -> String {
    let (_, location, body) = post_form(
        organiser,
        &format!("{}/api/create_community", app.url),
        &[
            ("name", "Sołectwo Braciejowa"),
            ("kind", "territorial"),
            ("territory", "solectwo"),
            ("place", "Braciejowa"),
        ],
    )
    .await;
    location
        .strip_prefix("/pracownik/spolecznosci/")
        .unwrap_or_else(|| panic!("{body}"))
        .to_owned()
}

/// The `osl_plan` answer for this year.
async fn plan_json(client: &reqwest::Client, app: &Running, id: &str) -> serde_json::Value {
    json(
        client,
        &format!("{}/api/osl_plan", app.url),
        &[("community", id)],
    )
    .await
}

#[tokio::test]
async fn the_organiser_maps_plans_and_measures_a_community() {
    for backend in test_backends() {
        let app = spawn_app(TestDatabase::create(backend).await).await;
        let api = |name: &str| format!("{}/api/{name}", app.url);
        let (organiser, clerk) = organiser_and_clerk(&app).await;
        let id = braciejowa(&app, &organiser).await;
        let need = app::needs::NewNeed {
            area: app::domain::ServiceArea::Culture,
            target_group: app::programme::TargetGroup::Seniors,
            place: "Braciejowa, przy szkole".into(),
            description: "Seniorzy nie mają gdzie się spotykać".into(),
            contact: "tajny@example.pl".into(),
        };
        let report = app
            .db
            .store
            .insert_need(&need, None, "test", chrono::Utc::now())
            .await
            .unwrap();

        // The map: the resident's report is beside it (without the contact) and goes onto it.
        let map = json(&organiser, &api("community_map"), &[("id", &id)]).await;
        assert_eq!(map["reported"][0]["id"], report.as_str(), "{map}");
        assert!(!map.to_string().contains("tajny@example.pl"), "{map}");
        for _ in 0..2 {
            let (status, _, body) = post_form(
                &organiser,
                &api("map_reported_need"),
                &[("community", &id), ("report", &report)],
            )
            .await;
            assert!(status < 400, "{body}");
        }
        let (status, _, body) = post_form(
            &organiser,
            &api("add_map_entry"),
            &[("community", &id), ("input[kind]", "resource")],
        )
        .await;
        assert_eq!(status, 422);
        for key in ["choose_one", "required"] {
            assert!(body.contains(key), "{key}: {body}");
        }
        let leader = [
            ("community", id.as_str()),
            ("input[kind]", "leader"),
            ("input[name]", "Sołtyska Anna Wójcik"),
            ("input[place]", "Braciejowa"),
            ("input[source]", "rozmowa 3.03"),
        ];
        let (status, _, body) = post_form(&clerk, &api("add_map_entry"), &leader).await;
        assert_eq!(status, 403, "{body}");
        let (status, location, body) = post_form(&organiser, &api("add_map_entry"), &leader).await;
        assert!(status < 400, "{body}");
        assert!(location.ends_with("/mapa?dodano=1"), "{location}");
        let (status, _, body) = post_form(
            &organiser,
            &api("save_community_profile"),
            &[
                ("community", &id),
                ("input[population]", "100"),
                ("input[seniors]", "150"),
            ],
        )
        .await;
        assert_eq!(status, 422);
        assert!(body.contains("more_than_population"), "{body}");
        let (status, _, body) = post_form(
            &organiser,
            &api("save_community_profile"),
            &[
                ("community", &id),
                ("input[population]", "1450"),
                ("input[seniors]", "310"),
                ("input[characteristics]", "Wieś pod Dębicą"),
            ],
        )
        .await;
        assert!(status < 400, "{body}");
        let map = json(&organiser, &api("community_map"), &[("id", &id)]).await;
        let entries = map["entries"].as_array().unwrap();
        assert_eq!(entries.len(), 2, "the report is taken once: {map}");
        assert_eq!(entries[0]["kind"], "leader");
        assert_eq!(entries[1]["need_report_id"], report.as_str());
        assert_eq!(map["reported"][0]["on_map"], true);
        assert_eq!(map["profile"]["seniors"], 310);
        let pdf = organiser
            .get(format!("{}/pracownik/spolecznosci/{id}/mapa.pdf", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(pdf.status(), 200);
        assert_eq!(pdf.headers()["content-type"], "application/pdf");
        assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));
        let denied = clerk
            .get(format!("{}/pracownik/spolecznosci/{id}/mapa.pdf", app.url))
            .send()
            .await
            .unwrap();
        assert_eq!(denied.status(), 403);

        // The plan: a measurable goal, a task serving it, adopted as version 1.
        let year =
            chrono::Datelike::year(&app::domain::warsaw_date(chrono::Utc::now())).to_string();
        let goal = |target: &str| -> Vec<(String, String)> {
            [
                ("community", id.as_str()),
                ("year", year.as_str()),
                ("input[statement]", "Seniorzy spotykają się co tydzień"),
                ("input[indicator]", "uczestnicy spotkań"),
                ("input[measure]", "participants"),
                ("input[baseline]", "4"),
                ("input[target]", target),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
        };
        let (status, _, body) =
            post_form(&organiser, &api("add_plan_goal"), &borrowed(&goal("4"))).await;
        assert_eq!(status, 422);
        assert!(body.contains("target_not_above"), "{body}");
        let (status, location, body) =
            post_form(&organiser, &api("add_plan_goal"), &borrowed(&goal("24"))).await;
        assert!(status < 400, "{body}");
        assert!(location.contains("zapisano=1"), "{location}");
        let plan = plan_json(&organiser, &app, &id).await;
        let goal_id = plan["versions"][0]["goals"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let task = [
            ("community", id.as_str()),
            ("year", year.as_str()),
            ("input[name]", "Klub seniora w świetlicy"),
            ("input[goal]", goal_id.as_str()),
            ("input[responsible]", "Sylwia Społeczność"),
            ("input[partners]", "KGW Braciejowa"),
            ("input[from]", "2026-03-01"),
            ("input[until]", "2026-02-01"),
            ("input[budget]", "1 500,00"),
        ];
        let (status, _, body) = post_form(&organiser, &api("add_plan_task"), &task).await;
        assert_eq!(status, 422);
        assert!(body.contains("period_order"), "{body}");
        let mut task = task.to_vec();
        task[7] = ("input[until]", "2026-11-30");
        let (status, _, body) = post_form(&organiser, &api("add_plan_task"), &task).await;
        assert!(status < 400, "{body}");
        let plan = plan_json(&organiser, &app, &id).await;
        let revision = plan["versions"][0]["revision"].to_string();
        let (status, _, body) = post_form(
            &organiser,
            &api("adopt_osl_plan"),
            &[("community", &id), ("year", &year), ("revision", "0")],
        )
        .await;
        assert_eq!(status, 422, "a stale form");
        assert!(body.contains("plan_changed"), "{body}");
        let (status, location, body) = post_form(
            &organiser,
            &api("adopt_osl_plan"),
            &[("community", &id), ("year", &year), ("revision", &revision)],
        )
        .await;
        assert!(status < 400, "{body}");
        assert!(location.contains("przyjeto=1"), "{location}");
        let pdf = organiser
            .get(format!(
                "{}/pracownik/spolecznosci/{id}/plan.pdf?rok={year}&wersja=1",
                app.url
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(pdf.status(), 200);
        assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));

        // An activity serving the goal; attendance once it has taken place moves the goal.
        let mut activity = workshop(&id, 3, "10");
        activity.push(("input[goal]".into(), "no-such-goal".into()));
        let (status, _, body) =
            post_form(&organiser, &api("create_activity"), &borrowed(&activity)).await;
        assert_eq!(status, 422);
        assert!(body.contains("choose_one"), "{body}");
        activity.last_mut().unwrap().1 = goal_id.clone();
        let (_, location, body) =
            post_form(&organiser, &api("create_activity"), &borrowed(&activity)).await;
        let activity = activity_at(&location, &body);
        let attendance = [
            ("activity", activity.as_str()),
            ("input[attended]", "0"),
            ("input[walk_ins]", "7"),
            (
                "input[evaluation]",
                "Dobra atmosfera, potrzebny drugi termin",
            ),
        ];
        let (status, _, body) = post_form(&organiser, &api("record_attendance"), &attendance).await;
        assert_eq!(status, 422);
        assert!(body.contains("activity_not_held"), "{body}");
        began_hours_ago(&app, &activity, 2).await;
        let (status, location, body) =
            post_form(&organiser, &api("record_attendance"), &attendance).await;
        assert!(status < 400, "{body}");
        assert!(location.ends_with("?frekwencja=1"), "{location}");
        let plan = plan_json(&organiser, &app, &id).await;
        assert_eq!(
            plan["progress"][0]["contribution"]["participants"], 7,
            "{plan}"
        );
        let file = json(&organiser, &api("community"), &[("id", &id)]).await;
        assert_eq!(file["progress"][0]["goal"]["id"], goal_id.as_str());

        // A second version: changes go into a new draft and must be described to adopt it.
        let (status, _, body) =
            post_form(&organiser, &api("add_plan_goal"), &borrowed(&goal("30"))).await;
        assert!(status < 400, "{body}");
        let plan = plan_json(&organiser, &app, &id).await;
        assert_eq!(plan["versions"][0]["version"], 2);
        assert_eq!(plan["versions"][0]["goals"].as_array().unwrap().len(), 2);
        let revision = plan["versions"][0]["revision"].to_string();
        let adopt = [
            ("community", id.as_str()),
            ("year", year.as_str()),
            ("revision", revision.as_str()),
        ];
        let (status, _, body) = post_form(&organiser, &api("adopt_osl_plan"), &adopt).await;
        assert_eq!(status, 422);
        assert!(body.contains("required"), "{body}");
        let mut adopt = adopt.to_vec();
        adopt.push(("changes", "Drugi cel po pierwszych spotkaniach"));
        let (status, _, body) = post_form(&organiser, &api("adopt_osl_plan"), &adopt).await;
        assert!(status < 400, "{body}");
        let plan = plan_json(&organiser, &app, &id).await;
        let states: Vec<_> = plan["versions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["state"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(states, ["adopted", "superseded"]);
        // The stage evaluation.
        let (status, _, body) = post_form(
            &organiser,
            &api("record_stage_evaluation"),
            &[
                ("community", &id),
                ("evaluation", "Diagnoza pełna, mieszkańcy chętni"),
            ],
        )
        .await;
        assert!(status < 400, "{body}");
        let file = json(&organiser, &api("community"), &[("id", &id)]).await;
        assert_eq!(file["evaluations"][0]["stage"], "diagnosis", "{file}");
        app.db.drop_database().await;
    }
}

#[tokio::test]
async fn volunteers_offer_help_are_approved_matched_and_their_hours_counted() {
    for backend in test_backends() {
        let app = spawn_app(TestDatabase::create(backend).await).await;
        let api = |name: &str| format!("{}/api/{name}", app.url);
        let (organiser, clerk) = organiser_and_clerk(&app).await;
        let community = braciejowa(&app, &organiser).await;
        let activity = scheduled(&app, &organiser, &community, 3, "10").await;

        // The public offer: what is missing is named; the same person twice is one offer.
        let visitor = client();
        let (status, _, body) = post_form(
            &visitor,
            &api("offer_volunteering"),
            &[("input[name]", "Stanisław Wolny")],
        )
        .await;
        assert_eq!(status, 422);
        for key in [
            "contact_required",
            "choose_at_least_one",
            "consent_required",
        ] {
            assert!(body.contains(key), "{key}: {body}");
        }
        let offer = [
            ("input[name]", "Stanisław Wolny"),
            ("input[email]", "stanislaw@example.pl"),
            ("input[birth_year]", "1951"),
            ("input[skills][0]", "crafts_cooking"),
            ("input[skills][1]", "driving"),
            ("input[availability][0]", "weekday_evenings"),
            ("input[availability][1]", "weekends"),
            ("input[areas]", "Braciejowa i okolice"),
            ("input[driving_licence]", "yes"),
            ("input[consent]", "yes"),
        ];
        let (_, location, body) = post_form(&visitor, &api("offer_volunteering"), &offer).await;
        let token = location
            .strip_prefix("/wolontariat/")
            .unwrap_or_else(|| panic!("{body}"))
            .to_owned();
        let (_, again, _) = post_form(&visitor, &api("offer_volunteering"), &offer).await;
        assert_eq!(again, "/wolontariat?juz=1");
        let (status, _, _) = post_form(&clerk, &api("volunteers"), &[]).await;
        assert_eq!(status, 403, "the info point does not read the base");
        let list = json(&organiser, &api("volunteers"), &[]).await;
        assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
        let volunteer = list[0]["id"].as_str().unwrap().to_owned();
        assert_eq!(list[0]["status"], "applied");

        // Approved with the agreement's period, then proposed for the activity it suits.
        let propose = [
            ("volunteer", volunteer.as_str()),
            ("activity", activity.as_str()),
            ("role", "pomoc w kuchni"),
        ];
        let (status, _, body) = post_form(&organiser, &api("propose_assignment"), &propose).await;
        assert_eq!(status, 422);
        assert!(body.contains("volunteer_not_approved"), "{body}");
        let (status, _, body) = post_form(
            &organiser,
            &api("decide_volunteer"),
            &[("id", &volunteer), ("decision", "approved")],
        )
        .await;
        assert_eq!(status, 422);
        assert!(body.contains("date_invalid"), "{body}");
        let (status, _, body) = post_form(
            &organiser,
            &api("decide_volunteer"),
            &[
                ("id", &volunteer),
                ("decision", "approved"),
                ("from", "2026-01-01"),
                ("until", "2027-12-31"),
            ],
        )
        .await;
        assert!(status < 400, "{body}");
        let matches = json(
            &organiser,
            &api("volunteer_matches"),
            &[("activity", &activity)],
        )
        .await;
        assert_eq!(
            matches[0][0]["volunteer"]["id"],
            volunteer.as_str(),
            "{matches}"
        );
        let reasons = matches[0][0]["reasons"].to_string();
        assert!(
            reasons.contains("Skilled") && reasons.contains("Nearby"),
            "{reasons}"
        );
        for _ in 0..2 {
            let (status, _, body) =
                post_form(&organiser, &api("propose_assignment"), &propose).await;
            assert!(status < 400, "{body}");
        }
        let mine = json(&visitor, &api("my_volunteering"), &[("token", &token)]).await;
        let assignments = mine["assignments"].as_array().unwrap();
        assert_eq!(assignments.len(), 1, "proposed once: {mine}");
        assert_eq!(assignments[0]["status"], "proposed");
        let assignment = assignments[0]["id"].as_str().unwrap().to_owned();
        let mails = app.db.store.pending_emails(50).await.unwrap();
        assert!(
            mails.iter().any(|m| m.to_address == "stanislaw@example.pl"
                && m.body_text.contains("Warsztaty kulinarne dla seniorów")),
            "{mails:?}"
        );

        // Hours only once confirmed and the activity has begun.
        let hours = [
            ("volunteer", volunteer.as_str()),
            ("assignment", assignment.as_str()),
            ("hours", "2,5"),
        ];
        let (status, _, body) = post_form(&organiser, &api("record_volunteer_hours"), &hours).await;
        assert_eq!(status, 422);
        assert!(body.contains("hours_not_confirmed"), "{body}");
        let (status, location, body) = post_form(
            &visitor,
            &api("answer_assignment"),
            &[
                ("token", &token),
                ("assignment", &assignment),
                ("answer", "yes"),
            ],
        )
        .await;
        assert!(status < 400, "{body}");
        assert!(location.ends_with("?odpowiedz=1"), "{location}");
        began_hours_ago(&app, &activity, 3).await;
        let (status, _, body) = post_form(&organiser, &api("record_volunteer_hours"), &hours).await;
        assert!(status < 400, "{body}");
        let mine = json(&visitor, &api("my_volunteering"), &[("token", &token)]).await;
        assert_eq!(mine["assignments"][0]["minutes"], 150);
        assert_eq!(mine["assignments"][0]["status"], "done");

        // The agreement and the certificate, through the link and for the staff.
        for file in ["porozumienie.pdf", "zaswiadczenie.pdf"] {
            let pdf = visitor
                .get(format!("{}/wolontariat/{token}/{file}", app.url))
                .send()
                .await
                .unwrap();
            assert_eq!(pdf.status(), 200, "{file}");
            assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));
            let staff_pdf = organiser
                .get(format!(
                    "{}/pracownik/wolontariusze/{volunteer}/{file}",
                    app.url
                ))
                .send()
                .await
                .unwrap();
            assert_eq!(staff_pdf.status(), 200, "{file}");
        }
        let denied = clerk
            .get(format!(
                "{}/pracownik/wolontariusze/{volunteer}/porozumienie.pdf",
                app.url
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(denied.status(), 403);
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE record_type = 'volunteer' AND action = 'read'",
        )
        .fetch_one(app.db.store.pool())
        .await
        .unwrap();
        assert!(audited >= 5, "{audited}");
        app.db.drop_database().await;
    }
}

/// Creates a public workshop `days` from now with `capacity` places; answers its id.
async fn scheduled(
    app: &Running,
    organiser: &reqwest::Client,
    community: &str,
    days: i64,
    capacity: &str,
) -> String {
    let form = workshop(community, days, capacity);
    let url = format!("{}/api/create_activity", app.url);
    let (_, location, body) = post_form(organiser, &url, &borrowed(&form)).await;
    activity_at(&location, &body)
}

/// The id of the activity just created, whose staff page `location` is.
fn activity_at(location: &str, body: &str) -> String {
    location
        .strip_prefix("/pracownik/wydarzenia/")
        .and_then(|rest| rest.strip_suffix("?dodano=1"))
        .unwrap_or_else(|| panic!("{body}"))
        .to_owned()
}

/// Moves `activity` to have begun `hours` ago.
async fn began_hours_ago(app: &Running, activity: &str, hours: i64) {
    let past = app::store::to_db_time(chrono::Utc::now() - chrono::Duration::hours(hours));
    sqlx::query("UPDATE community_activities SET starts_at = $1 WHERE id = $2")
        .bind(&past)
        .bind(activity)
        .execute(app.db.store.pool())
        .await
        .unwrap();
}

#[tokio::test]
async fn plans_name_activities_and_residents_see_their_own_sign_ups() {
    use app::ipus::store::Draft;
    use app::ipus::{PlanContent, PlanPeriod};
    for backend in test_backends() {
        let app = seeded_app(backend).await;
        let api = |name: &str| format!("{}/api/{name}", app.url);
        let store = &app.db.store;
        let (anna, case, coordinator) = handyman_and_care_case(&app).await;
        let (organiser, _) = organiser_and_clerk(&app).await;
        let community = braciejowa(&app, &organiser).await;
        let club = scheduled(&app, &organiser, &community, 12, "1").await;
        // The activity is one of the programme's supporting activities.
        let supporting = store.programme_supporting_activities().await.unwrap();
        assert!(!supporting.is_empty(), "the seeded programme has some");
        let mut form = workshop(&community, 20, "5");
        form.push(("input[supporting]".into(), supporting[0].0.clone()));
        form.retain(|(k, _)| k != "input[title]");
        form.push((
            "input[title]".into(),
            "Spotkanie Klubu Wolontariusza".into(),
        ));
        let (_, location, body) =
            post_form(&organiser, &api("create_activity"), &borrowed(&form)).await;
        let meeting = activity_at(&location, &body);
        let read = store.activity(&meeting).await.unwrap();
        assert_eq!(read.supporting.as_ref().unwrap().0, supporting[0].0);
        form.retain(|(k, _)| k != "input[supporting]" && k != "input[title]");
        form.push(("input[title]".into(), "Inne".into()));
        form.push(("input[supporting]".into(), "elsewhere".into()));
        let (status, _, body) =
            post_form(&organiser, &api("create_activity"), &borrowed(&form)).await;
        assert_eq!(status, 422, "an unknown supporting activity: {body}");

        // Anna signs up for the club herself, signed in: her own list shows it.
        let sign_up = [
            ("activity", club.as_str()),
            ("name", "Anna Kowalska"),
            ("contact", "anna@example.pl"),
            ("consent", "yes"),
        ];
        let (status, _, body) = post_form(&anna, &api("sign_up_for_activity"), &sign_up).await;
        assert!(status < 400, "{body}");
        let mine = json(&anna, &api("my_activities"), &[]).await;
        assert_eq!(mine.as_array().unwrap().len(), 1, "{mine}");
        assert_eq!(mine[0]["activity"]["id"], club.as_str());

        // Her plan names the meeting in section E, chosen from the calendar.
        let coordinator_id = user_id(&app, "org@cus.example").await;
        let now = chrono::Utc::now();
        let today = app::domain::warsaw_date(now);
        let content = PlanContent {
            period: PlanPeriod::new(today, today + chrono::Duration::days(120)).unwrap(),
            services: vec![],
            activities: vec![],
            expected_effects: "Aktywność w społeczności".into(),
            quality_checks: "rozmowa z osobą".into(),
            quality_frequency: app::ipus::CheckFrequency::default(),
            programme: None,
        };
        let draft = Draft {
            content: &content,
            agreed_on: None,
            delay_reason: "",
        };
        let plan = store
            .create_plan(&case, &draft, &coordinator_id, now)
            .await
            .unwrap();
        let page = json(&coordinator, &api("load_plan"), &[("id", &plan)]).await;
        let calendar = page["participation"]["calendar"].as_array().unwrap();
        assert!(
            calendar.iter().any(|a| a["id"] == meeting.as_str()),
            "{page}"
        );
        assert_eq!(
            page["participation"]["registrations"]
                .as_array()
                .unwrap()
                .len(),
            0,
            "Anna applied as Halina's carer: her account's sign-ups are her own: {page}"
        );
        let save = |activity: &str| {
            vec![
                ("id", plan.clone()),
                ("version", "1".to_owned()),
                ("form[start]", content.period.start.to_string()),
                ("form[end]", content.period.end.to_string()),
                ("form[activities][0][activity_id]", activity.to_owned()),
                ("form[activities][0][description]", String::new()),
                ("form[expected_effects]", "Aktywność".to_owned()),
                ("form[quality_checks]", "rozmowa z osobą".to_owned()),
                ("form[quality_every]", "1".to_owned()),
                ("form[quality_unit]", "months".to_owned()),
            ]
        };
        let (status, _, body) =
            post_owned(coordinator.clone(), api("save_plan"), save("elsewhere")).await;
        assert_eq!(status, 422, "{body}");
        assert!(body.contains("activities[0].activity_id"), "{body}");
        let (status, _, body) =
            post_owned(coordinator.clone(), api("save_plan"), save(&meeting)).await;
        assert_eq!(status, 200, "{body}");
        let saved = store.plan(&plan).await.unwrap();
        let named = &saved.versions[0].content.activities[0];
        assert_eq!(named.activity_id, meeting);
        assert_eq!(named.description, "Spotkanie Klubu Wolontariusza");
        assert_eq!(named.by, "Sołectwo Braciejowa");

        // The coordinator signs her up from the plan: once, however often it is sent; an
        // activity the plan does not name is refused.
        let from_plan = [("id", plan.as_str()), ("activity", meeting.as_str())];
        for _ in 0..2 {
            let (status, _, body) =
                post_form(&coordinator, &api("sign_up_from_plan"), &from_plan).await;
            assert!(status < 400, "{body}");
        }
        let other = [("id", plan.as_str()), ("activity", club.as_str())];
        let (status, _, body) = post_form(&coordinator, &api("sign_up_from_plan"), &other).await;
        assert_eq!(status, 422, "{body}");
        let (status, _, _) = post_form(&anna, &api("sign_up_from_plan"), &from_plan).await;
        assert_eq!(status, 403, "a resident does not act on plans");
        let theirs = store
            .registrations_of_person(None, Some(&case))
            .await
            .unwrap();
        assert_eq!(theirs.len(), 1);
        assert_eq!(theirs[0].activity.id, meeting);
        let page = json(&coordinator, &api("load_plan"), &[("id", &plan)]).await;
        assert_eq!(
            page["participation"]["registrations"]
                .as_array()
                .unwrap()
                .len(),
            1,
            "{page}"
        );

        // A day after the activities, who signed up is forgotten; the sign-ups stay counted.
        let later = now + chrono::Duration::days(40);
        assert!(store.forget_past_sign_ups(later).await.unwrap() >= 1);
        assert_eq!(store.forget_past_sign_ups(later).await.unwrap(), 0, "once");
        let kept = store.registrations_of(&meeting).await.unwrap();
        assert_eq!(kept.len(), 1);
        assert_eq!((kept[0].name.as_str(), kept[0].contact.as_str()), ("", ""));
        assert_eq!(
            store
                .registrations_of_person(None, Some(&case))
                .await
                .unwrap()
                .len(),
            1
        );

        // Anna sees only her own and cancels it from her account; nobody else can.
        let mine = json(&anna, &api("my_activities"), &[]).await;
        assert_eq!(mine.as_array().unwrap().len(), 1, "{mine}");
        let page = page_text(&anna, &format!("{}/moje-wydarzenia", app.url)).await;
        assert!(page.contains("Warsztaty kulinarne"), "{page}");
        let club_sign_up = mine
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["activity"]["id"] == club.as_str())
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let cancel = [("id", club_sign_up.as_str())];
        let stranger = resident(&app, "jan@example.pl").await;
        let (status, _, _) = post_form(&stranger, &api("cancel_my_registration"), &cancel).await;
        assert_eq!(status, 404);
        let (status, location, body) =
            post_form(&anna, &api("cancel_my_registration"), &cancel).await;
        assert!(status < 400, "{body}");
        assert_eq!(location, "/moje-wydarzenia?odwolano=1");
        let mine = json(&anna, &api("my_activities"), &[]).await;
        assert!(mine.as_array().unwrap().is_empty(), "{mine}");
        app.db.drop_database().await;
    }
}
