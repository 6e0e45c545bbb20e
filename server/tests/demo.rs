//! The demo data on each backend: staff find cases in every state, decisions, plans at several
//! stages with monitoring, and a coordinators' meeting; a second seed changes nothing.

use app::cases::InboxQuery;
use app::domain::{Clock, Email, warsaw_date};
use app::store::Store;
use app::store::testing::{TestDatabase, test_backends};
use sqlx::Row;
use std::collections::HashMap;

/// `SELECT key, COUNT(*) AS n … GROUP BY key` as a map.
async fn counts(store: &Store, sql: &str) -> HashMap<String, i64> {
    sqlx::query(sql)
        .fetch_all(store.pool())
        .await
        .unwrap()
        .iter()
        .map(|row| (row.get("key"), row.get("n")))
        .collect()
}

/// How many cases the inbox finds for `query`, as the coordinator sees it today.
async fn inbox(store: &Store, query: InboxQuery) -> u64 {
    let email = Email::parse("koordynator@cus.debica.example").unwrap();
    let coordinator = store.user_by_email(&email).await.unwrap().id;
    let today = warsaw_date(chrono::Utc::now());
    store
        .inbox(&query, &coordinator, None, today)
        .await
        .unwrap()
        .1
}

async fn snapshot(store: &Store) -> (HashMap<String, i64>, HashMap<String, i64>) {
    let cases = counts(
        store,
        "SELECT status AS key, COUNT(*) AS n FROM applications GROUP BY status",
    )
    .await;
    let services = counts(
        store,
        "SELECT status AS key, COUNT(*) AS n FROM application_services GROUP BY status",
    )
    .await;
    (cases, services)
}

#[tokio::test]
async fn the_demo_fills_every_desk_once() {
    for backend in test_backends() {
        let db = TestDatabase::create(backend).await;
        let store = &db.store;
        let clock = Clock::system();
        assert!(
            server::demo::seed(store, &clock).await.unwrap(),
            "{backend:?}"
        );

        let (cases, services) = snapshot(store).await;
        let total: i64 = cases.values().sum();
        assert!((30..=40).contains(&total), "{backend:?}: {cases:?}");
        assert!(cases["withdrawn"] >= 1, "{backend:?}: {cases:?}");
        assert!(
            !cases.contains_key("draft"),
            "{backend:?}: no drafts left open"
        );
        for status in [
            "requested",
            "qualified",
            "waiting",
            "refused",
            "forwarded",
            "withdrawn",
        ] {
            assert!(
                services.get(status) > Some(&0),
                "{backend:?}: {status} in {services:?}"
            );
        }
        assert!(
            services.get("completed") > Some(&0),
            "{backend:?}: the closed plan"
        );

        // The inbox: new and assigned cases, some past their deadline.
        let query = |coordinator: &str, deadline: &str| InboxQuery {
            coordinator: coordinator.into(),
            deadline: deadline.into(),
            ..Default::default()
        };
        assert!(
            inbox(store, query("none", "")).await > 0,
            "{backend:?}: unassigned"
        );
        assert!(
            inbox(store, query("me", "")).await > 0,
            "{backend:?}: assigned"
        );
        assert!(
            inbox(store, query("", "overdue")).await > 0,
            "{backend:?}: overdue"
        );

        // Złota Rączka's budget is used up and three requests wait, in order of registration.
        let handyman: String =
            sqlx::query_scalar("SELECT id FROM services WHERE name LIKE 'Złota%'")
                .fetch_one(store.pool())
                .await
                .unwrap();
        let service = store.service(&handyman).await.unwrap();
        let capacity = store.capacity(&service).await.unwrap().unwrap();
        assert_eq!(capacity.remaining(), 0, "{backend:?}: {capacity:?}");
        assert_eq!(
            store.waiting_list(&handyman).await.unwrap().len(),
            3,
            "{backend:?}"
        );

        // Refusals are numbered decisions; some delivered, so their appeal deadline runs.
        let decisions = counts(
            store,
            "SELECT CASE WHEN delivered_on IS NULL THEN 'issued' ELSE 'delivered' END AS key, \
             COUNT(*) AS n FROM decisions GROUP BY 1",
        )
        .await;
        assert!(
            decisions.get("delivered") > Some(&0),
            "{backend:?}: {decisions:?}"
        );
        assert!(
            decisions.get("issued") > Some(&0),
            "{backend:?}: {decisions:?}"
        );

        // Plans: the state of each plan's last version, and one closed with its follow-up due.
        let plans = counts(
            store,
            "SELECT v.state AS key, COUNT(*) AS n FROM plan_versions v \
             WHERE v.version = (SELECT MAX(version) FROM plan_versions w WHERE w.plan_id = v.plan_id) \
             GROUP BY v.state",
        )
        .await;
        assert!(plans.len() >= 3, "{backend:?}: {plans:?}");
        for state in ["draft", "submitted", "approved"] {
            assert!(
                plans.get(state) > Some(&0),
                "{backend:?}: {state} in {plans:?}"
            );
        }
        let closures = counts(
            store,
            "SELECT 'closed' AS key, COUNT(*) AS n FROM plan_closures WHERE follow_up_on IS NULL",
        )
        .await;
        assert_eq!(closures["closed"], 1, "{backend:?}");
        let entries = counts(
            store,
            "SELECT CASE WHEN problem = 1 THEN 'problem' ELSE 'fine' END AS key, COUNT(*) AS n \
             FROM plan_entries GROUP BY 1",
        )
        .await;
        assert!(entries.get("fine") >= Some(&2), "{backend:?}: {entries:?}");
        assert_eq!(entries.get("problem"), Some(&1), "{backend:?}: {entries:?}");

        let meetings = store.coordinator_meetings().await.unwrap();
        assert_eq!(meetings.len(), 1, "{backend:?}");
        assert!(
            meetings[0].attendees.len() >= 2,
            "{backend:?}: {:?}",
            meetings[0]
        );
        assert_eq!(meetings[0].providers.len(), 1, "{backend:?}");

        // A second seed finds the accounts and does nothing.
        let before = snapshot(store).await;
        assert!(
            !server::demo::seed(store, &clock).await.unwrap(),
            "{backend:?}"
        );
        assert_eq!(snapshot(store).await, before, "{backend:?}");
        db.drop_database().await;
    }
}
