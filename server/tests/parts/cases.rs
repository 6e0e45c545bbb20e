//! The staff's side of a case: the inbox and its search, assignment, the path, notes, scopes,
//! the deadline clock; qualification against a limited budget with its waiting list, places
//! freed by a withdrawal, a completed service or the programme's end; forwarding.

use crate::support::fixtures::*;
use crate::support::*;
use app::store::testing::test_backends;

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
            ids.push(registered_case(&app, &anna, (&first, &second)).await);
        }
        let number = app
            .db
            .store
            .application(&ids[0])
            .await
            .unwrap()
            .case_number
            .unwrap();

        let organiser = organiser(&app).await;
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
        let denied = count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'permission_denied' \
             AND record_id = $1 AND purpose = 'not_assigned'",
            &ids[0],
        )
        .await;
        assert_eq!(denied, 1);
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
        let kinga_id = user_id(&app, "k2@cus.example").await;
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
        let refusals = count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE purpose = 'out_of_scope' AND record_id = $1",
            &ids[1],
        )
        .await;
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
        let reads = count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'read' AND record_id = $1 \
             AND purpose = 'case_handling'",
            &ids[0],
        )
        .await;
        assert_eq!(reads, 1);
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

/// The case numbers waiting for `service`, in order.
async fn waiting_list(app: &Running, service: &str) -> Vec<String> {
    app.db.store.waiting_list(service).await.unwrap()
}

#[tokio::test]
async fn a_limited_service_keeps_a_waiting_list_and_promotes_from_it() {
    use app::applications::RequestStatus;
    for backend in test_backends() {
        let app = seeded_app(backend).await;
        // "Złota Rączka": 40 zł an hour, a budget of 60 000 zł (1 500 hours).
        let (handyman, care) = handyman_and_care(&app).await;
        let api = |name: &str| format!("{}/api/{name}", app.url);
        let cases = submitted_cases(&app, &["a", "b", "c"], (&handyman, &care)).await;
        let organiser = organiser(&app).await;
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
            waiting_list(&app, &handyman).await,
            vec![number(1).await, number(2).await]
        );
        assert!(mailed(&app, "b@example.pl", "liście oczekujących").await);

        // The public catalogue shows what is left and who waits.
        let page = page_text(&client(), &format!("{}/uslugi/{handyman}", app.url)).await;
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
            assert!(mailed(&app, &cases[case].2, "Zwolniło się miejsce").await);
        }
        assert!(waiting_list(&app, &handyman).await.is_empty());
        // The resignation is in the director's queue.
        let queue = page_text(&organiser, &format!("{}/pracownik/rezygnacje", app.url)).await;
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
        let organiser = organiser(&app).await;
        // A takes 1 000 hours; B (1 000), C (300) and D (600) wait in that order.
        for (case, units) in [(0, "1000"), (1, "1000"), (2, "300"), (3, "600")] {
            qualified(&app, &organiser, (&cases[case].1, &handyman), units, "1200").await;
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
            qualified(&app, &organiser, (&cases[case].1, &care), "10", "1200").await;
        }

        // By default the waiting list settles the request for the KPA deadline; the centre's
        // setting can keep the deadline running until the service is granted.
        let awaiting = |case: usize| {
            let (store, id) = (app.db.store.clone(), cases[case].1.clone());
            async move { store.handling(&id).await.unwrap().awaiting }
        };
        assert!(!awaiting(3).await && !awaiting(0).await);
        let url = format!("{}/pracownik/sprawy/{}", app.url, cases[1].1);
        let page = page_text(&organiser, &url).await;
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
        assert!(waiting_list(&app, &handyman).await.is_empty());
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
        let url = format!(
            "{}/pracownik/sprawy/{}/uslugi/{handyman}",
            app.url, cases[0].1
        );
        let page = page_text(&organiser, &url).await;
        assert!(page.contains("zrealizowana"), "{page}");
        assert!(
            !page.contains("complete-heading"),
            "a completed service is not completed twice"
        );

        // The programme ends: E, waiting, is told the list closed; what runs goes on.
        let late = submitted_cases(&app, &["e"], (&handyman, &care)).await;
        qualified(&app, &organiser, (&late[0].1, &handyman), "1000", "1200").await;
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

#[tokio::test]
async fn forwarding_sends_the_application_on_with_a_letter() {
    use app::applications::RequestStatus;
    for backend in test_backends() {
        let app = seeded_app(backend).await;
        let (handyman, care) = handyman_and_care(&app).await;
        let api = |name: &str| format!("{}/api/{name}", app.url);
        let (anna, id, organiser) = handyman_and_care_case(&app).await;
        let to_team = [
            ("id", id.as_str()),
            ("form[service]", care.as_str()),
            ("form[target]", "team"),
        ];
        let (status, _, body) = post_form(&organiser, &api("forward_case"), &to_team).await;
        assert_eq!(status, 422);
        assert!(
            body.contains("recipient") && body.contains("reason"),
            "{body}"
        );
        let mut to_team = to_team.to_vec();
        to_team.extend([
            ("form[recipient]", "Zespół ds. pomocy społecznej CUS"),
            (
                "form[reason]",
                "Usługi opiekuńcze przyznaje się na podstawie ustawy o pomocy społecznej",
            ),
        ]);
        let (status, _, body) = post_form(&organiser, &api("forward_case"), &to_team).await;
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
        let letter = format!(
            "{}/wnioski/{id}/przekazanie/{}.pdf",
            app.url, forwardings[0].id
        );
        let text = pdf_at(&anna, &letter).await;
        for part in [
            "Zawiadomienie o przekazaniu wniosku",
            "Zespół ds. pomocy społecznej CUS",
            "Usługi opiekuńcze w miejscu zamieszkania",
            "ustawy o pomocy społecznej",
        ] {
            assert!(text.contains(part), "{part:?} missing from: {text}");
        }
        assert!(mailed(&app, "anna@example.pl", "Przekazaliśmy").await);
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
