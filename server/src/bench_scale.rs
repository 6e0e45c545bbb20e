//! `cus bench-scale`: the staff pages at city and regional scale (issue 20: 1,000,000 residents
//! across 10 gminas, 300,000 applications, 50,000 plans, 5,000 activities, 2,000,000 audit
//! entries), measured on the store of a throw-away database (SQLite, or PostgreSQL with
//! `--postgres`): the inbox, the plans desk, the half-yearly summary and the audit viewer each
//! under 30 ms at p95; `cus audit verify`'s pass over the whole trail timed; the process's peak
//! memory while the pages are read.

use crate::bench::{spread, verdict};
use crate::database::CliResult;
use crate::scale_data::{Generated, Scale, generate};
use app::audit::{AuditAction, AuditFilter, ChainCheck};
use app::cases::InboxQuery;
use app::domain::Clock;
use app::ipus::summary::{HalfYear, RealisationSummary};
use app::store::testing::TestDatabase;
use app::store::{Backend, Store, StoreResult};
use chrono::{Duration as Span, NaiveDate};
use std::future::Future;
use std::time::{Duration, Instant};

/// The target docs/capabilities/performance.md states for interactive pages.
const P95_TARGET: Duration = Duration::from_millis(30);
/// The audit viewer's page.
const AUDIT_PAGE: i64 = 50;

/// Fewer residents than this leave some page with nothing to find.
const FEWEST_RESIDENTS: usize = 100;

pub async fn scale(residents: usize, rounds: usize, postgres: bool) -> CliResult {
    if residents < FEWEST_RESIDENTS {
        return Err(format!("--residents: co najmniej {FEWEST_RESIDENTS}").into());
    }
    let backend = if postgres {
        Backend::Postgres
    } else {
        Backend::Sqlite
    };
    let database = TestDatabase::create(backend).await;
    let result = run(&database.store, Scale::of(residents), rounds).await;
    database.drop_database().await;
    result
}

async fn run(store: &Store, scale: Scale, rounds: usize) -> CliResult {
    let clock = Clock::system();
    crate::demo::seed_accounts_and_catalogue(store, &clock).await?;
    println!("Przygotowanie ({:?}): {scale:?}", store.backend());
    let started = Instant::now();
    let generated = generate(store, &clock, scale).await?;
    let analyse = match store.backend() {
        Backend::Postgres => "VACUUM ANALYZE",
        Backend::Sqlite => "ANALYZE",
    };
    sqlx::query(analyse).execute(store.pool()).await?;
    println!("Gotowe w {:.0?}.", started.elapsed());
    reset_peak_memory();
    let today = app::domain::warsaw_date(clock.now());
    println!(
        "{:<44} {:>8} {:>8} {:>8} {:>8}",
        "strona", "wyniki", "p50 ms", "p95 ms", "max ms"
    );
    let mut all = Vec::new();
    for (name, page) in pages(store, &generated, today) {
        all.extend(time(&name, rounds, page).await?);
    }
    let started = Instant::now();
    let check = store.verify_audit_chain().await?;
    let took = started.elapsed();
    let ChainCheck::Intact { entries } = check else {
        return Err(format!("łańcuch dziennika przerwany: {check:?}").into());
    };
    println!(
        "cus audit verify: {entries} wpisów w {:.1} s ({:.0} wpisów/s)",
        took.as_secs_f64(),
        entries as f64 / took.as_secs_f64()
    );
    let (peak, now) = memory();
    println!("Pamięć procesu: szczyt podczas pomiarów {peak} MB, teraz {now} MB");
    verdict("strony", all, P95_TARGET)
}

type Page<'a> = std::pin::Pin<Box<dyn Future<Output = StoreResult<usize>> + Send + 'a>>;
type Measure<'a> = Box<dyn Fn() -> Page<'a> + 'a>;

/// Times `rounds` reads of a page (after one to warm up) and prints their spread.
async fn time(name: &str, rounds: usize, page: Measure<'_>) -> StoreResult<Vec<Duration>> {
    let mut found = page().await?;
    let mut times = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let started = Instant::now();
        found = page().await?;
        times.push(started.elapsed());
    }
    times.sort();
    println!("{name:<44} {found:>8} {}", spread(&times));
    Ok(times)
}

/// What staff open: the inbox's kinds (the whole centre's and one gmina's), a coordinator's and
/// an overseer's plans desk, the half-yearly summary, the audit viewer's first page filtered as
/// the data protection officer filters it.
fn pages<'a>(store: &'a Store, g: &'a Generated, today: NaiveDate) -> Vec<(String, Measure<'a>)> {
    let mut pages: Vec<(String, Measure<'a>)> = Vec::new();
    let coordinator = g.coordinators[0].as_str();
    let gmina = std::slice::from_ref(&g.programmes[3]);
    let queries = crate::bench_inbox::queries(&g.pesel, &g.case_number, &g.service);
    for (name, query) in queries {
        pages.push((
            format!("skrzynka: {name}"),
            Box::new(move || {
                let query = query.clone();
                Box::pin(async move {
                    Ok(store.inbox(&query, coordinator, None, today).await?.1 as usize)
                })
            }),
        ));
    }
    pages.push((
        "skrzynka jednej gminy".into(),
        Box::new(move || {
            Box::pin(async move {
                let query = InboxQuery::default();
                Ok(store
                    .inbox(&query, coordinator, Some(gmina), today)
                    .await?
                    .1 as usize)
            })
        }),
    ));
    let desks = [
        ("biurko planów: koordynator", Some(coordinator), None),
        ("biurko planów: jedna gmina", None, Some(gmina)),
        ("biurko planów: całe centrum", None, None),
    ];
    for (name, coordinator, scope) in desks {
        pages.push((
            name.into(),
            Box::new(move || {
                Box::pin(async move {
                    let desk = store
                        .desk(coordinator, scope, today, coordinator.is_none())
                        .await?;
                    let counts = desk.counts;
                    Ok((counts.running + counts.drafts + counts.awaiting_approval) as usize)
                })
            }),
        ));
    }
    let half = HalfYear::containing(today);
    for (name, scope) in [
        ("podsumowanie półroczne: jedna gmina", Some(gmina)),
        ("podsumowanie półroczne: całe centrum", None),
    ] {
        pages.push((
            name.into(),
            Box::new(move || {
                Box::pin(async move {
                    let counts = store.summary_counts(scope, half, today).await?;
                    let tasks = store.desk(None, scope, today, true).await?.tasks;
                    let (from, to) = (half.first_day(), half.last_day());
                    let entries = store.plan_entry_counts(scope, from, to).await?;
                    let meetings = store.coordinator_meetings_held(from, to).await?;
                    let summary =
                        RealisationSummary::new(half, today, counts, tasks, &entries, meetings);
                    Ok(summary.plans as usize)
                })
            }),
        ));
    }
    let now = chrono::Utc::now();
    let filters = [
        ("dziennik: wszystko", AuditFilter::default()),
        (
            "dziennik: jedna osoba",
            AuditFilter {
                person_id: Some(g.person.clone()),
                ..AuditFilter::default()
            },
        ),
        (
            "dziennik: jeden pracownik",
            AuditFilter {
                actor_id: Some(g.actor.clone()),
                ..AuditFilter::default()
            },
        ),
        (
            "dziennik: ostatnia doba",
            AuditFilter {
                since: Some(now - Span::days(1)),
                ..AuditFilter::default()
            },
        ),
        (
            "dziennik: zmiany planów w miesiącu",
            AuditFilter {
                since: Some(now - Span::days(30)),
                action: Some(AuditAction::Update),
                record_type: Some("plan".into()),
                ..AuditFilter::default()
            },
        ),
    ];
    for (name, filter) in filters {
        pages.push((
            name.into(),
            Box::new(move || {
                let filter = filter.clone();
                Box::pin(async move {
                    let total = store.audit_count(&filter).await?;
                    store.audit_search(&filter, AUDIT_PAGE, 0).await?;
                    Ok(total as usize)
                })
            }),
        ));
    }
    pages
}

/// Forgets the process's peak memory so far (the generator's), so the peak read afterwards is
/// the pages'.
fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The process's peak and current resident memory in MB (Linux; zero elsewhere).
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| {
                rest.trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
            .unwrap_or(0)
            / 1024
    };
    (field("VmHWM:"), field("VmRSS:"))
}
