//! Reporting a need from the public form: validated, a bot's report dropped, counted by place
//! and area, and at most five an hour from one address.

use crate::support::fixtures::*;
use crate::support::*;
use app::store::testing::test_backends;

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
