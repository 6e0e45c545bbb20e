//! Applying online (the wizard's steps, validation, attachments judged by content, double
//! submits, the receipt, privacy between residents, "Moje sprawy", resigning a service) and 100
//! concurrent submissions getting 100 unique case numbers.

use crate::support::fixtures::*;
use crate::support::*;
use app::store::testing::test_backends;
use sqlx::Row;

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
        let denied = count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'permission_denied' AND record_id = $1",
            &id,
        )
        .await;
        assert_eq!(denied, 1);

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
        let mails = mails_to(&app, "anna@example.pl").await;
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
        let ready = filled_applications(&app, "osoba", PEOPLE).await;
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
