//! `cus bench-calendar`: the public calendar's speed target (`/wydarzenia` under 20 ms at p95
//! with 5,000 activities on SQLite), measured over real HTTP against a server in this process on
//! a throw-away database with the demo accounts and generated communities and activities.

use crate::bench::{P95_TARGET, get, spread, verdict};
use crate::config::Config;
use crate::database::CliResult;
use app::community::forms::{NewActivity, NewCommunity};
use app::community::{Accessibility, ActivityKind, CommunityKind};
use app::domain::{Clock, ServiceArea};
use app::programme::TargetGroup;
use app::store::{Store, new_id};
use chrono::{Datelike, Duration};

/// Communities the activities are spread over.
const COMMUNITIES: usize = 20;

pub async fn calendar(activities: usize, rounds: usize) -> CliResult {
    let dir = std::env::temp_dir().join(format!("cus-bench-{}", new_id()));
    std::fs::create_dir_all(&dir)?;
    let result = run(&dir, activities, rounds).await;
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn run(dir: &std::path::Path, activities: usize, rounds: usize) -> CliResult {
    let config = Config {
        database_url: format!("sqlite://{}/bench.db", dir.display()),
        listen: std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
        secrets_key: Some(app::store::Keys::generate()),
        ..Config::default()
    };
    let store = crate::database::open_store(&config).await?;
    let clock = Clock::system();
    crate::demo::seed_accounts_and_catalogue(&store, &clock).await?;
    println!("Przygotowanie: {activities} działań w {COMMUNITIES} społecznościach…");
    let (community, activity) = generate(&store, &clock, activities).await?;
    let listener = crate::http::listen(config.listen).await?;
    let address = axum::serve::Listener::local_addr(&listener)?;
    let router = crate::http::router(
        crate::http::app_state(&config, store, clock.clone())?,
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
    let next = clock.now() + Duration::days(31);
    let month = format!("{}-{:02}", next.year(), next.month());
    let requests = [
        "/wydarzenia".to_owned(),
        format!("/wydarzenia?miesiac={month}"),
        "/wydarzenia?obszar=culture&grupa=seniors".to_owned(),
        format!("/wydarzenia?miesiac={month}&bez_barier=1"),
        format!("/wydarzenia?spolecznosc={community}"),
        format!("/wydarzenia/{activity}"),
    ];
    for path in &requests {
        get(address, path).await?;
    }
    let mut all = Vec::new();
    println!(
        "{:<78} {:>8} {:>8} {:>8}",
        "żądanie", "p50 ms", "p95 ms", "max ms"
    );
    for path in &requests {
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

/// `count` public activities over the coming year in `COMMUNITIES` communities; answers one
/// community's id and one activity's.
pub(crate) async fn generate(
    store: &Store,
    clock: &Clock,
    count: usize,
) -> Result<(String, String), Box<dyn std::error::Error + Send + Sync>> {
    let organiser = crate::demo_cases::user_id(store, "osl@cus.debica.example").await?;
    let now = clock.now();
    let mut communities = Vec::with_capacity(COMMUNITIES);
    for i in 0..COMMUNITIES {
        let community = NewCommunity {
            name: format!("Społeczność testowa {i}"),
            kind: CommunityKind::Categorial,
            territory: None,
            place: String::new(),
            teryt: String::new(),
            target_group: Some(TargetGroup::ALL[i % TargetGroup::ALL.len()]),
            description: String::new(),
        };
        communities.push(store.insert_community(&community, &organiser, now).await?);
    }
    let mut last = String::new();
    for i in 0..count {
        // Spread over a year, by day and hour.
        let starts_at = now + Duration::hours(2 + (i as i64 * 8760 / count.max(1) as i64));
        let activity = NewActivity {
            kind: ActivityKind::ALL[i % ActivityKind::ALL.len()],
            title: format!("Działanie testowe {i}"),
            description: "Spotkanie mieszkańców, warsztaty i rozmowa przy kawie.".into(),
            starts_at,
            ends_at: starts_at + Duration::hours(2),
            place: format!("Świetlica nr {}", i % 40),
            accessibility: Accessibility {
                step_free: i % 2 == 0,
                hearing_loop: i % 5 == 0,
                sign_language: i % 7 == 0,
            },
            capacity: 20,
            public: true,
            partners: String::new(),
            volunteers_needed: 0,
            area: ServiceArea::ALL[i % ServiceArea::ALL.len()],
            target_group: TargetGroup::ALL[i % TargetGroup::ALL.len()],
            goal_id: None,
            supporting_activity_id: None,
        };
        last = store
            .insert_activity(&communities[i % COMMUNITIES], &activity, &organiser, now)
            .await?;
    }
    Ok((communities[0].clone(), last))
}
