//! The half-yearly summary's and the plans desk's counting, in SQL over the plans' stored facts,
//! on every backend: where plans stand, their services, outcomes and what is overdue.

use app::domain::Clock;
use app::ipus::desk::TaskKind;
use app::ipus::summary::{HalfYear, RealisationSummary, Standing};
use app::store::testing::{TestDatabase, test_backends};
use app::store::{Store, new_id};
use chrono::NaiveDate;
use sqlx::Row;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A plan as its facts row records it.
struct Facts {
    number: &'static str,
    state: &'static str,
    created_on: NaiveDate,
    period: Option<(NaiveDate, NaiveDate)>,
    drafting_due: Option<NaiveDate>,
    ended_on: Option<NaiveDate>,
    resigned: bool,
    follow_up_on: Option<NaiveDate>,
    services: Vec<(&'static str, i64)>,
}

impl Facts {
    fn new(number: &'static str, state: &'static str, created_on: NaiveDate) -> Facts {
        Facts {
            number,
            state,
            created_on,
            period: None,
            drafting_due: None,
            ended_on: None,
            resigned: false,
            follow_up_on: None,
            services: vec![("Asystent", 10)],
        }
    }
}

/// Writes a case, its plan and the plan's facts for each of `plans`.
async fn write(store: &Store, plans: &[Facts]) {
    let pick = |sql: &'static str| async move {
        sqlx::query(sql)
            .fetch_one(store.pool())
            .await
            .unwrap()
            .try_get::<String, _>(0)
            .unwrap()
    };
    let programme = pick("SELECT id FROM programmes ORDER BY name LIMIT 1").await;
    let staff = pick("SELECT id FROM users WHERE kind = 'staff' ORDER BY email LIMIT 1").await;
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    for plan in plans {
        let (case, id) = (new_id(), new_id());
        let created = format!("{}T10:00:00.000000Z", plan.created_on);
        sqlx::query(
            "INSERT INTO applications (id, programme_id, drafted_by, channel, applicant_role, \
             subject, applicant, conditions_declared, privacy_acknowledged, locale, status, \
             created_at, updated_at) VALUES ($1, $2, $3, 'paper', 'person', \
             '{\"name\": \"Halina Kowalska\"}', '{}', 1, 1, 'pl', 'registered', $4, $4)",
        )
        .bind(&case)
        .bind(&programme)
        .bind(&staff)
        .bind(&created)
        .execute(store.pool())
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO plans (id, application_id, number, coordinator_id, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&id)
        .bind(&case)
        .bind(plan.number)
        .bind(&staff)
        .bind(&created)
        .execute(store.pool())
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO plan_facts (plan_id, created_at, programme_id, version, state, \
             period_start, period_end, drafting_due, closed, created_on, ended_on, resigned, \
             follow_up_on) VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(&id)
        .bind(&created)
        .bind(&programme)
        .bind(plan.state)
        .bind(day(plan.period.map(|p| p.0)))
        .bind(day(plan.period.map(|p| p.1)))
        .bind(day(plan.drafting_due))
        .bind(i64::from(plan.ended_on.is_some()))
        .bind(plan.created_on.to_string())
        .bind(day(plan.ended_on))
        .bind(i64::from(plan.resigned))
        .bind(day(plan.follow_up_on))
        .execute(store.pool())
        .await
        .unwrap();
        for (position, (name, units)) in plan.services.iter().enumerate() {
            sqlx::query(
                "INSERT INTO plan_fact_services (plan_id, position, name, units) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(&id)
            .bind(position as i64)
            .bind(*name)
            .bind(*units)
            .execute(store.pool())
            .await
            .unwrap();
        }
    }
}

#[tokio::test]
async fn the_half_year_is_summed_up_by_standing_service_and_outcome() {
    for backend in test_backends() {
        let db = TestDatabase::create(backend).await;
        server::demo::seed_accounts_and_catalogue(&db.store, &Clock::system())
            .await
            .unwrap();
        let today = day(2026, 11, 24);
        let half = HalfYear::containing(today);
        let period = (day(2026, 8, 1), day(2027, 1, 31));
        let over = (day(2026, 5, 1), day(2026, 10, 31));
        let plans = [
            Facts {
                drafting_due: Some(day(2026, 11, 20)),
                ..Facts::new("1", "draft", day(2026, 10, 21))
            },
            Facts::new("2", "submitted", day(2026, 11, 1)),
            Facts {
                period: Some(period),
                services: vec![("Asystent", 20), ("Dowóz", 4)],
                ..Facts::new("3", "approved", day(2026, 7, 10))
            },
            Facts {
                period: Some(over),
                ..Facts::new("4", "approved", day(2026, 4, 1))
            },
            Facts {
                period: Some(over),
                ended_on: Some(day(2026, 9, 30)),
                resigned: true,
                ..Facts::new("5", "approved", day(2026, 4, 1))
            },
            Facts {
                period: Some(over),
                ended_on: Some(day(2026, 2, 1)),
                follow_up_on: Some(day(2026, 8, 3)),
                ..Facts::new("6", "approved", day(2025, 6, 1))
            },
            // Drafted after the half-year: not counted.
            Facts::new("7", "draft", day(2027, 1, 2)),
        ];
        write(&db.store, &plans).await;
        let counts = db.store.summary_counts(None, half, today).await.unwrap();
        let tasks = db.store.desk(None, None, today, true).await.unwrap().tasks;
        let summary = RealisationSummary::new(half, today, counts, tasks, &[], 0);
        assert_eq!(summary.plans, 5, "{backend:?}");
        assert_eq!(
            summary.by_standing,
            [
                (Standing::Draft, 1),
                (Standing::AwaitingApproval, 1),
                (Standing::Running, 1),
                (Standing::Ended, 1),
                (Standing::Completed, 0),
                (Standing::Resigned, 1),
            ],
            "{backend:?}"
        );
        let services: Vec<(&str, u32, u32)> = summary
            .by_service
            .iter()
            .map(|l| (l.name.as_str(), l.plans, l.units))
            .collect();
        assert_eq!(
            services,
            [("Asystent", 5, 60), ("Dowóz", 1, 4)],
            "{backend:?}"
        );
        assert_eq!(
            (summary.completed, summary.resigned, summary.follow_ups),
            (0, 1, 1),
            "plan 6 ended in the half-year before and was followed up in this one"
        );
        let overdue: Vec<(TaskKind, &str)> = summary
            .overdue
            .iter()
            .map(|o| (o.kind, o.number.as_str()))
            .collect();
        assert_eq!(
            overdue,
            [(TaskKind::Closing, "4"), (TaskKind::Drafting, "1")],
            "{backend:?}"
        );
        let desk = db.store.desk(None, None, today, true).await.unwrap();
        assert_eq!(
            (
                desk.counts.drafts,
                desk.counts.awaiting_approval,
                desk.counts.running
            ),
            (2, 1, 2),
            "{backend:?}: plans 1 and 7 are drafts, 3 and 4 run"
        );
        assert_eq!(desk.drafts.len(), 2);
        assert_eq!(desk.drafts[0].person, "Halina Kowalska", "{backend:?}");
        db.drop_database().await;
    }
}
