//! Individual plans (IPUS): versions submitted, returned and approved, an approved version
//! locked, a plan moved onto the programme's new version; drafting from the form, the director's
//! approval and authorisations, monitoring, closing, the coordinators' meetings and the
//! half-year's summary.

use crate::support::fixtures::*;
use crate::support::*;
use app::ipus::{PlanContent, PlanPeriod, PlannedService};
use app::store::testing::test_backends;

/// Ten hours of "Złota Rączka" on Tuesdays from December 2026 to May 2027, checked monthly.
fn handyman_plan(handyman: &str) -> PlanContent {
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    PlanContent {
        period: PlanPeriod::new(day(2026, 12, 1), day(2027, 5, 31)).unwrap(),
        services: vec![PlannedService {
            service_id: handyman.to_owned(),
            name: "Złota Rączka".into(),
            units: 10,
            schedule: "wtorki 10:00–12:00".into(),
            ..Default::default()
        }],
        activities: vec![],
        expected_effects: "Bezpieczne mieszkanie".into(),
        quality_checks: "rozmowa z osobą".into(),
        quality_frequency: app::ipus::CheckFrequency::default(),
        programme: None,
    }
}

#[tokio::test]
async fn a_plan_is_approved_in_versions_and_an_approved_version_is_locked() {
    use app::domain::Role;
    use app::ipus::store::Draft;
    use app::ipus::{Authorisation, VersionState, diff};
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
        let director = director_id(&app).await;
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let content = PlanContent {
            quality_frequency: app::ipus::CheckFrequency {
                every: 2,
                unit: app::ipus::FrequencyUnit::Weeks,
            },
            ..handyman_plan(&handyman)
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
    use app::ipus::store::Draft;
    use app::ipus::{Change, VersionState, diff};
    for backend in test_backends() {
        let app = seeded_app(backend).await;
        let (_, id, organiser) = handyman_and_care_case(&app).await;
        let (handyman, _) = handyman_and_care(&app).await;
        let store = &app.db.store;
        let api = |name: &str| format!("{}/api/{name}", app.url);
        qualified(&app, &organiser, (&id, &handyman), "10", "1500").await;
        let coordinator = user_id(&app, "org@cus.example").await;
        let director = director_id(&app).await;
        let provider = store.service(&handyman).await.unwrap().provider_ids[0].clone();
        let source = store.service(&handyman).await.unwrap().programme_id;
        let mut content = PlanContent {
            programme: store.programme_of_case(&id).await.unwrap(),
            ..handyman_plan(&handyman)
        };
        content.services[0].provider_id = provider.clone();
        content.services[0].provider_name = "Fundacja".into();
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
        qualified(&app, &organiser, (&id, &handyman), "10", "1500").await;
        // B gets 1 000 hours; C waits for the hours Anna's plan holds: 10 + 1 000 + 491 do not
        // fit the 1 500.
        let others = submitted_cases(&app, &["b", "c"], (&handyman, &care)).await;
        for (case, units) in [(0, "1000"), (1, "491")] {
            qualified(
                &app,
                &organiser,
                (&others[case].1, &handyman),
                units,
                "1500",
            )
            .await;
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
        let director = director(&app).await;
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
        let organiser_id = user_id(&app, "org@cus.example").await;
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
