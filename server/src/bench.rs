//! `cus bench-catalogue`: the catalogue's speed target (search and list under 20 ms at p95 with
//! 2,000 services on SQLite), measured over real HTTP against a server in this process, on a
//! throw-away database filled with the demo data and generated services.

use crate::config::Config;
use crate::database::CliResult;
use app::domain::{Clock, ServiceArea};
use app::programme::fees::{DiscountCombination, FeeRule, FeeSchedule};
use app::programme::{
    Conditions, Programme, ProgrammeElements, ProgrammeStatus, Service, ServiceForm, ServicePlace,
    ServiceUnit, TargetGroup,
};
use app::store::{Store, new_id};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The target docs/capabilities/performance.md states.
pub(crate) const P95_TARGET: Duration = Duration::from_millis(20);

/// What residents and open-data clients ask most: the list, words, filters, later pages.
const REQUESTS: [&str; 9] = [
    "/uslugi",
    "/uslugi?szukaj=rehabilitacja",
    "/uslugi?szukaj=zlota+raczka",
    "/uslugi?szukaj=usluga+testowa+1234",
    "/uslugi?obszar=health_promotion",
    "/uslugi?grupa=seniors&miejsce=home",
    "/uslugi?odplatnosc=platne&strona=3",
    "/uslugi?szukaj=opieka&grupa=seniors&forma=individual&odplatnosc=bezplatne",
    "/api/hsds/services?search=rehabilitacja&per_page=20",
];

pub async fn catalogue(services: usize, rounds: usize) -> CliResult {
    let dir = std::env::temp_dir().join(format!("cus-bench-{}", new_id()));
    std::fs::create_dir_all(&dir)?;
    let result = run(&dir, services, rounds).await;
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn run(dir: &std::path::Path, services: usize, rounds: usize) -> CliResult {
    let address = serve_catalogue(dir, services).await?;
    // One warm-up round, then the measured ones.
    for path in REQUESTS {
        get(address, path).await?;
    }
    let mut all = Vec::new();
    println!(
        "{:<78} {:>8} {:>8} {:>8}",
        "żądanie", "p50 ms", "p95 ms", "max ms"
    );
    for path in REQUESTS {
        let mut times = Vec::with_capacity(rounds);
        for _ in 0..rounds {
            times.push(get(address, path).await?);
        }
        times.sort();
        println!("{path:<78} {}", spread(&times));
        all.extend(times);
    }
    verdict("żądania", all, P95_TARGET)
}

/// A server in this process on a new SQLite database in `dir` with the demo accounts and
/// catalogue and generated services up to `services`; answers its address.
pub(crate) async fn serve_catalogue(
    dir: &std::path::Path,
    services: usize,
) -> Result<std::net::SocketAddr, Box<dyn std::error::Error + Send + Sync>> {
    let config = Config {
        database_url: format!("sqlite://{}/bench.db", dir.display()),
        listen: std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
        secrets_key: Some(app::store::Keys::generate()),
        ..Config::default()
    };
    let store = crate::database::open_store(&config).await?;
    let clock = Clock::system();
    crate::demo::seed_accounts_and_catalogue(&store, &clock).await?;
    let existing = store.catalogue_search(&Default::default(), 1, 0).await?.0;
    let generated = services.saturating_sub(usize::try_from(existing).unwrap_or(0));
    println!("Przygotowanie: {existing} usług demonstracyjnych + {generated} wygenerowanych…");
    generate(&store, &clock, generated).await?;
    let listener = crate::http::listen(config.listen).await?;
    let address = axum::serve::Listener::local_addr(&listener)?;
    let router = crate::http::router(
        crate::http::app_state(&config, store, clock)?,
        false,
        crate::client_ip::TrustedProxies::new(Vec::new()),
    );
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
    });
    Ok(address)
}

/// "p50 p95 max" of sorted times, in milliseconds, in columns.
pub(crate) fn spread(sorted: &[Duration]) -> String {
    format!(
        "{:>8.2} {:>8.2} {:>8.2}",
        millis(percentile(sorted, 50)),
        millis(percentile(sorted, 95)),
        millis(*sorted.last().unwrap_or(&Duration::ZERO)),
    )
}

/// Prints p50 and p95 of all the times and fails when p95 reaches `target`.
pub(crate) fn verdict(what: &str, mut all: Vec<Duration>, target: Duration) -> CliResult {
    all.sort();
    let p95 = percentile(&all, 95);
    let met = p95 < target;
    println!(
        "Wszystkie {what} ({}): p50 {:.2} ms, p95 {:.2} ms — cel p95 < {} ms: {}",
        all.len(),
        millis(percentile(&all, 50)),
        millis(p95),
        target.as_millis(),
        if met { "spełniony" } else { "NIESPEŁNIONY" }
    );
    if met {
        Ok(())
    } else {
        Err("cel wydajności nie został osiągnięty".into())
    }
}

pub(crate) fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

pub(crate) fn percentile(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

/// One GET over a fresh connection; the time until the whole answer has arrived.
pub(crate) async fn get(
    address: std::net::SocketAddr,
    path: &str,
) -> Result<Duration, std::io::Error> {
    let started = Instant::now();
    let mut stream = tokio::net::TcpStream::connect(address).await?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await?;
    if !response.starts_with(b"HTTP/1.1 200") {
        return Err(std::io::Error::other(format!("{path}: no 200 answer")));
    }
    Ok(started.elapsed())
}

/// `count` services in one more published programme, spread over areas, groups and places.
async fn generate(store: &Store, clock: &Clock, count: usize) -> CliResult {
    let id = new_id();
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).ok_or("date");
    let programme = Programme {
        id: id.clone(),
        lineage_id: id.clone(),
        version: 1,
        name: "Program testowy (benchmark)".into(),
        gminas: vec!["1803032".into()],
        resolution_number: "B/1/2026".into(),
        resolution_date: day(1, 2)?,
        period_from: day(1, 3)?,
        period_to: day(12, 31)?,
        status: ProgrammeStatus::Draft,
        elements: ProgrammeElements::default(),
        personal_data: Vec::new(),
        retention: Default::default(),
    };
    store.insert_programme(&programme, clock.now()).await?;
    for i in 0..count {
        let pick = |n: usize| i % n;
        store
            .insert_service(&Service {
                id: new_id(),
                programme_id: id.clone(),
                name: format!("Usługa testowa {i}"),
                area: ServiceArea::ALL[pick(ServiceArea::ALL.len())],
                form: ServiceForm::ALL[pick(2)],
                goal: "Wsparcie mieszkańców w codziennym funkcjonowaniu i opieka.".into(),
                characteristics: format!("Opis usługi numer {i}, świadczonej przez centrum."),
                target_groups: vec![TargetGroup::ALL[pick(TargetGroup::ALL.len())]],
                places: vec![ServicePlace::ALL[pick(ServicePlace::ALL.len())]],
                unit: ServiceUnit::Hour,
                conditions: Conditions::default(),
                documents: Vec::new(),
                provider_ids: Vec::new(),
                limit: None,
                fee: FeeSchedule {
                    rule: if i % 3 == 0 {
                        FeeRule::FixedPerUnit {
                            price: app::domain::Grosze::new(1_000),
                        }
                    } else {
                        FeeRule::Free
                    },
                    discounts: Vec::new(),
                    combination: DiscountCombination::Highest,
                },
            })
            .await?;
    }
    store.publish_programme(&id, clock.now()).await?;
    Ok(())
}
