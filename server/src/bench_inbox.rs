//! `cus bench-inbox`: the case inbox's speed target (every inbox query under 30 ms at p95 with
//! 100,000 applications), measured on the store of a throw-away database (SQLite, or with
//! `--postgres` one on the test server) filled with the demo data and generated cases.

use crate::bench::{spread, verdict};
use crate::database::CliResult;
use crate::scale_data::{CHANNELS, name, pesel};
use app::cases::{InboxQuery, decision_due};
use app::domain::Clock;
use app::domain::search_text::fold;
use app::store::testing::TestDatabase;
use app::store::{Backend, Store, new_id};
use chrono::{Days, NaiveDate};
use sqlx::Row;
use std::time::{Duration, Instant};

/// The target docs/capabilities/performance.md states.
const P95_TARGET: Duration = Duration::from_millis(30);

pub async fn inbox(applications: usize, rounds: usize, postgres: bool) -> CliResult {
    let backend = if postgres {
        Backend::Postgres
    } else {
        Backend::Sqlite
    };
    let database = TestDatabase::create(backend).await;
    let result = run(&database.store, applications, rounds).await;
    database.drop_database().await;
    result
}

async fn run(store: &Store, applications: usize, rounds: usize) -> CliResult {
    let clock = Clock::system();
    crate::demo::seed_accounts_and_catalogue(store, &clock).await?;
    let today = app::domain::warsaw_date(clock.now());
    println!("Przygotowanie: {applications} wniosków…");
    let sample = generate(store, applications, today).await?;
    let coordinator = scalar(
        store,
        "SELECT id FROM users WHERE email LIKE 'koordynator@%'",
    )
    .await?;
    let service = scalar(store, "SELECT service_id FROM application_services LIMIT 1").await?;

    let queries = queries(&sample.pesel, &sample.case_number, &service);
    for (_, q) in &queries {
        store.inbox(q, &coordinator, None, today).await?;
    }
    println!(
        "{:<28} {:>8} {:>8} {:>8} {:>8}",
        "zapytanie", "wyniki", "p50 ms", "p95 ms", "max ms"
    );
    let mut all = Vec::new();
    for (name, q) in &queries {
        let mut times = Vec::with_capacity(rounds);
        let mut total = 0;
        for _ in 0..rounds {
            let started = Instant::now();
            total = store.inbox(q, &coordinator, None, today).await?.1;
            times.push(started.elapsed());
        }
        times.sort();
        println!("{name:<28} {total:>8} {}", spread(&times));
        all.extend(times);
    }
    verdict("zapytania", all, P95_TARGET)
}

/// The twelve kinds of inbox query staff make.
pub(crate) fn queries(
    pesel: &str,
    case_number: &str,
    service: &str,
) -> Vec<(&'static str, InboxQuery)> {
    vec![
        ("sprawy w toku, najstarsze", InboxQuery::default()),
        (
            "strona 200",
            InboxQuery {
                page: 200,
                ..Default::default()
            },
        ),
        (
            "nazwisko",
            InboxQuery {
                q: "kowalska halina".into(),
                ..Default::default()
            },
        ),
        (
            "PESEL",
            InboxQuery {
                q: pesel.to_owned(),
                ..Default::default()
            },
        ),
        (
            "numer sprawy",
            InboxQuery {
                q: case_number.to_owned(),
                ..Default::default()
            },
        ),
        (
            "moje sprawy",
            InboxQuery {
                coordinator: "me".into(),
                ..Default::default()
            },
        ),
        (
            "nieprzydzielone",
            InboxQuery {
                coordinator: "none".into(),
                ..Default::default()
            },
        ),
        (
            "po terminie",
            InboxQuery {
                deadline: "overdue".into(),
                ..Default::default()
            },
        ),
        (
            "termin w tym tygodniu",
            InboxQuery {
                deadline: "week".into(),
                ..Default::default()
            },
        ),
        (
            "usługa",
            InboxQuery {
                service: service.to_owned(),
                ..Default::default()
            },
        ),
        (
            "papierowe, najnowsze",
            InboxQuery {
                channel: "paper".into(),
                sort: "newest".into(),
                ..Default::default()
            },
        ),
        (
            "zamknięte",
            InboxQuery {
                status: "closed".into(),
                ..Default::default()
            },
        ),
    ]
}

async fn scalar(store: &Store, sql: &str) -> Result<String, sqlx::Error> {
    sqlx::query(sql).fetch_one(store.pool()).await?.try_get(0)
}

/// A generated case to look up by PESEL and number.
struct Sample {
    pesel: String,
    case_number: String,
}

/// `count` cases of the demo programme, registered over the last 400 days: most open, some
/// closed; a third assigned to coordinators, a tenth complicated; one or two services each.
async fn generate(store: &Store, count: usize, today: NaiveDate) -> Result<Sample, sqlx::Error> {
    let programme = scalar(store, "SELECT id FROM programmes ORDER BY name LIMIT 1").await?;
    let services: Vec<String> = sqlx::query("SELECT id FROM services WHERE programme_id = $1")
        .bind(&programme)
        .fetch_all(store.pool())
        .await?
        .iter()
        .map(|row| row.try_get(0))
        .collect::<Result<_, _>>()?;
    let staff: Vec<String> =
        sqlx::query("SELECT id FROM users WHERE kind = 'staff' ORDER BY email")
            .fetch_all(store.pool())
            .await?
            .iter()
            .map(|row| row.try_get(0))
            .collect::<Result<_, _>>()?;
    let mut tx = store.pool().begin().await?;
    let now = app::store::to_db_time(chrono::Utc::now());
    let mut sample = None;
    for n in 1..=count {
        let id = new_id();
        let name = name(n);
        let pesel = pesel(n);
        let case_number = format!("CUS/2026/{n:06}");
        let registered = today - Days::new((n % 400) as u64);
        let subject = serde_json::json!({ "name": name, "pesel": pesel }).to_string();
        let coordinator = (n % 3 == 0).then(|| staff[n % staff.len()].clone());
        let status = if n % 10 == 0 { "closed" } else { "registered" };
        let complicated = n % 10 == 1;
        // Every fourth case has its services decided.
        let awaiting = status == "registered" && n % 4 != 0;
        sqlx::query(
            "INSERT INTO applications (id, programme_id, owner_id, drafted_by, channel, received_on, \
             applicant_role, subject, applicant, conditions_declared, privacy_acknowledged, locale, \
             status, case_number, submitted_at, created_at, updated_at, coordinator_id, path, \
             complicated, registered_on, decision_due, awaiting, subject_pesel, name_words) VALUES \
             ($1, $2, NULL, $3, $4, NULL, 'person', $5, '{}', 1, 1, 'pl', $6, $7, $8, $8, $8, $9, \
             NULL, $10, $11, $12, $13, $14, $15)",
        )
        .bind(&id)
        .bind(&programme)
        .bind(&staff[0])
        .bind(CHANNELS[n % CHANNELS.len()])
        .bind(&subject)
        .bind(status)
        .bind(&case_number)
        .bind(&now)
        .bind(coordinator)
        .bind(i64::from(complicated))
        .bind(registered.to_string())
        .bind(decision_due(registered, complicated).to_string())
        .bind(i64::from(awaiting))
        .bind(&pesel)
        .bind(fold(&name))
        .execute(&mut *tx)
        .await?;
        for (position, service) in services.iter().cycle().skip(n).take(1 + n % 2).enumerate() {
            let state = if awaiting { "requested" } else { "qualified" };
            sqlx::query(
                "INSERT INTO application_services (application_id, service_id, position, status, \
                 case_status, registered_on, case_number) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&id)
            .bind(service)
            .bind(position as i64 + 1)
            .bind(state)
            .bind(status)
            .bind(registered.to_string())
            .bind(&case_number)
            .execute(&mut *tx)
            .await?;
        }
        if n == count / 2 + 1 {
            sample = Some(Sample { pesel, case_number });
        }
    }
    tx.commit().await?;
    // PostgreSQL's autovacuum would also mark the pages all-visible, which lets counts read the
    // indexes alone; the benchmark measures that steady state.
    let analyse = match store.backend() {
        Backend::Postgres => "VACUUM ANALYZE",
        Backend::Sqlite => "ANALYZE",
    };
    sqlx::query(analyse).execute(store.pool()).await?;
    Ok(sample.unwrap_or(Sample {
        pesel: pesel(1),
        case_number: "CUS/2026/000001".into(),
    }))
}
