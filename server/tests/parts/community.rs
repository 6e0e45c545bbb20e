//! Community organising over real HTTP: the organiser records a community, moves it between
//! stages and plans a public activity; residents find it in the calendar, sign up (once per
//! contact), wait when it is full, and a cancellation gives the place to the first waiting.

use super::*;
use app::domain::Role;

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
        let organiser = staff(
            &app,
            "osl@cus.example",
            "Sylwia Społeczność",
            vec![Role::CommunityOrganiser],
        )
        .await;
        let clerk = staff(
            &app,
            "punkt@cus.example",
            "Pan Punkt",
            vec![Role::InfoPointClerk],
        )
        .await;
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
        let activity = location
            .strip_prefix("/pracownik/wydarzenia/")
            .and_then(|rest| rest.strip_suffix("?dodano=1"))
            .unwrap_or_else(|| panic!("{body}"))
            .to_owned();
        let (_, twice, _) = post_form(&organiser, &api("create_activity"), &borrowed(&form)).await;
        assert_eq!(twice, location);
        assert_eq!(app.db.store.activities_of(&id).await.unwrap().len(), 1);

        // The public calendar shows it without signing in, and without JavaScript.
        let visitor = client();
        let month = (chrono::Utc::now() + chrono::Duration::days(10)).format("%Y-%m");
        let page = visitor
            .get(format!(
                "{}/wydarzenia?miesiac={month}&bez_barier=1",
                app.url
            ))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            .replace("<!>", "");
        assert!(page.contains("Warsztaty kulinarne dla seniorów"), "{page}");
        assert!(page.contains("2 wolne miejsca"), "{page}");
        let page = visitor
            .get(format!("{}/wydarzenia/{activity}", app.url))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
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
        let page = visitor
            .get(format!("{}{waiting}", app.url))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
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
