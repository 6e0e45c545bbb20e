//! Decisions under the KPA: the needs recognition before them, the centre's templates, a
//! refusal as a numbered decision with every element of art. 107, its delivery and the appeal
//! that overturns it; decision deadlines kept off weekends (art. 57 § 4).

use crate::support::fixtures::*;
use crate::support::*;
use app::store::testing::test_backends;

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
        let record = format!(
            "{}/wnioski/{id}/rozpoznanie/{}.pdf",
            app.url, recognitions[0].id
        );
        let text = pdf_at(&organiser, &record).await;
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
async fn a_decision_deadline_stored_on_a_saturday_moves_to_monday() {
    for backend in test_backends() {
        let app = seeded_app(backend).await;
        let store = &app.db.store;
        let anna = resident(&app, "anna@example.pl").await;
        let (first, second) = debica_services(&app).await;
        let id = registered_case(&app, &anna, (&first, &second)).await;
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
