//! Personal data (RODO): a person downloads what is kept about them and the data protection
//! officer finds it by PESEL and keeps the register of requests; a case past its retention
//! period loses its personal data, keeping what the statistics count.

use crate::support::fixtures::*;
use crate::support::*;
use app::store::testing::test_backends;

/// RODO art. 15 and 20: the resident downloads everything kept about them, nobody else's; the
/// data protection officer finds the same by PESEL and keeps the register of requests.
#[tokio::test]
async fn a_person_downloads_their_data_and_the_officer_finds_it_by_pesel() {
    use app::domain::Role;
    for backend in test_backends() {
        let app = seeded_app(backend).await;
        let anna = resident(&app, "anna@example.pl").await;
        let services = debica_services(&app).await;
        let id = registered_case(&app, &anna, (&services.0, &services.1)).await;
        let api = |name: &str| format!("{}/api/{name}", app.url);
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
        let text = pdf_at(&anna, &format!("{}/moje-konto/moje-dane.pdf", app.url)).await;
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
        registered_case(&app, &anna, (&first, &second)).await;
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
        let audited = count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'delete' AND purpose = 'retention' \
             AND record_id = $1",
            &old,
        )
        .await;
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
