//! Durability (issue 17): submissions acknowledged before the server is killed, or while
//! PostgreSQL restarts under load, are all kept and numbered once; `cus serve` is run as its own
//! process.

use crate::support::fixtures::*;
use crate::support::*;
use app::store::testing::{TestDatabase, test_backends};

/// Issue 17: the server is killed (SIGKILL) while 100 residents submit; after a restart every
/// submission that was acknowledged is registered, no case number is given twice, and the
/// others go through when sent again.
#[tokio::test]
async fn a_killed_server_loses_no_acknowledged_submission() {
    const PEOPLE: usize = 100;
    for backend in test_backends() {
        let key = app::store::Keys::generate();
        let db = seeded(TestDatabase::create_keyed(backend, &key).await).await;
        let port = free_port();
        let dir = std::env::temp_dir().join(format!("cus-kill-{}", app::store::new_id()));
        let database_url = db.url.clone();
        let start = || start_cus(&database_url, &key, port, &dir);
        let url = format!("http://127.0.0.1:{port}");
        let mut server = start();
        wait_until_healthy(&url).await;
        let app = Running {
            url,
            db,
            files: std::env::temp_dir(),
        };
        let ready = filled_applications(&app, "ubita", PEOPLE).await;
        let submit = format!("{}/api/submit_application", app.url);
        let (acknowledged, sent) = {
            use std::sync::atomic::{AtomicUsize, Ordering};
            let answered = std::sync::Arc::new(AtomicUsize::new(0));
            let tasks: Vec<_> = ready
                .iter()
                .map(|(client, id)| {
                    let (client, id, url) = (client.clone(), id.clone(), submit.clone());
                    let answered = answered.clone();
                    tokio::spawn(async move {
                        let answer = client.post(url).form(&[("id", &id)]).send().await;
                        let ok = answer.is_ok_and(|res| res.status().as_u16() < 400);
                        if ok {
                            answered.fetch_add(1, Ordering::SeqCst);
                        }
                        (id, ok)
                    })
                })
                .collect();
            // Killed in the middle: once a tenth of the submissions have been answered.
            for _ in 0..2_000 {
                if answered.load(Ordering::SeqCst) >= PEOPLE / 10 {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            }
            server.kill().expect("SIGKILL");
            server.wait().unwrap();
            let mut acknowledged = Vec::new();
            for task in tasks {
                let (id, ok) = task.await.unwrap();
                if ok {
                    acknowledged.push(id);
                }
            }
            (acknowledged, ready.len())
        };
        let mut server = start();
        wait_until_healthy(&app.url).await;
        for id in &acknowledged {
            let status: String =
                sqlx::query_scalar("SELECT status FROM applications WHERE id = $1")
                    .bind(id)
                    .fetch_one(app.db.store.pool())
                    .await
                    .unwrap();
            assert_eq!(
                status, "registered",
                "{backend:?}: an acknowledged submission is kept"
            );
        }
        // What was not acknowledged is sent again (as the resident would), after signing in anew.
        for (i, (_, id)) in ready.iter().enumerate() {
            let client = browser();
            let email = format!("ubita{i}@example.pl");
            post_form(
                &client,
                &format!("{}/api/login", app.url),
                &[("email", &email), ("password", PASSWORD)],
            )
            .await;
            let (status, _, body) = post_form(&client, &submit, &[("id", id)]).await;
            assert!(status < 400, "{body}");
        }
        let numbers = registered_numbers(&app).await;
        let distinct: std::collections::BTreeSet<_> = numbers.iter().collect();
        assert_eq!(
            numbers.len(),
            sent,
            "{backend:?}: every application registered once"
        );
        assert_eq!(
            distinct.len(),
            sent,
            "{backend:?}: no case number given twice"
        );
        println!(
            "{backend:?}: {} of {sent} acknowledged before the kill",
            acknowledged.len()
        );
        server.kill().unwrap();
        server.wait().unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        app.db.drop_database().await;
    }
}

/// `cus serve` on `database_url` at 127.0.0.1:`port`, without rate limits or demo data.
fn start_cus(
    database_url: &str,
    key: &str,
    port: u16,
    dir: &std::path::Path,
) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_cus"))
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("CUS_SECRETS_KEY", key)
        .env("CUS_LISTEN", format!("127.0.0.1:{port}"))
        .env("CUS_CONFIG", dir.join("none.toml"))
        .env("CUS_FILES_DIR", dir.join("files"))
        .env("CUS_RATE_LIMITS__ENABLED", "false")
        .env("CUS_DEMO_DATA", "false")
        .env("RUST_LOG", "error")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start cus serve")
}

fn free_port() -> u16 {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    probe.local_addr().unwrap().port()
}

/// A TCP relay to PostgreSQL that can be taken down — every open connection cut, new ones
/// refused — and brought back, as the server sees a PostgreSQL restart.
struct Relay {
    port: u16,
    up: tokio::sync::watch::Sender<bool>,
}

impl Relay {
    async fn start(target: String) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (up, watch) = tokio::sync::watch::channel(true);
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let mut watch = watch.clone();
                if !*watch.borrow() {
                    continue; // dropped: the connection is refused
                }
                let target = target.clone();
                tokio::spawn(async move {
                    let Ok(mut outbound) = tokio::net::TcpStream::connect(&target).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        _ = watch.wait_for(|up| !*up) => {}
                    }
                });
            }
        });
        Relay { port, up }
    }

    fn set(&self, up: bool) {
        self.up.send_replace(up);
    }
}

#[tokio::test]
async fn a_postgresql_restart_under_load_loses_no_acknowledged_submission() {
    const PEOPLE: usize = 40;
    if !test_backends().contains(&app::store::Backend::Postgres) {
        return;
    }
    let key = app::store::Keys::generate();
    let db = seeded(TestDatabase::create_keyed(app::store::Backend::Postgres, &key).await).await;
    // postgres://user@host:port/name → the same through the relay.
    let (head, rest) = db.url.split_once('@').unwrap();
    let (address, name) = rest.split_once('/').unwrap();
    let relay = Relay::start(address.to_owned()).await;
    let relayed_url = format!("{head}@127.0.0.1:{}/{name}", relay.port);
    let port = free_port();
    let dir = std::env::temp_dir().join(format!("cus-restart-{}", app::store::new_id()));
    let mut server = start_cus(&relayed_url, &key, port, &dir);
    let url = format!("http://127.0.0.1:{port}");
    wait_until_healthy(&url).await;
    let app = Running {
        url,
        db,
        files: dir.join("files"),
    };
    let ready = filled_applications(&app, "restart", PEOPLE).await;
    let submit = format!("{}/api/submit_application", app.url);
    let answered = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let tasks: Vec<_> = ready
        .iter()
        .map(|(client, id)| {
            let (client, id, url) = (client.clone(), id.clone(), submit.clone());
            let answered = answered.clone();
            tokio::spawn(async move {
                // Residents keep pressing the button, a little apart, for a while.
                let mut statuses = Vec::new();
                for _ in 0..40 {
                    let status = match client.post(&url).form(&[("id", &id)]).send().await {
                        Ok(res) => res.status().as_u16(),
                        Err(_) => 0,
                    };
                    statuses.push(status);
                    if status < 400 {
                        answered.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        break;
                    }
                    tokio::time::sleep(std::time::Duration::from_millis(250)).await;
                }
                (id, statuses)
            })
        })
        .collect();
    // The database goes away once some have been answered, and comes back 3 s later.
    while answered.load(std::sync::atomic::Ordering::SeqCst) < PEOPLE / 8 {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    relay.set(false);
    let health = format!("{}/healthz", app.url);
    let during = client().get(&health).send().await.unwrap().status();
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    relay.set(true);
    assert_eq!(during, 503, "the server says it cannot serve now");
    wait_until_healthy(&app.url).await;
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    for (id, statuses) in &answers {
        assert!(
            statuses.iter().all(|s| *s < 400 || *s == 503),
            "only 503 while the database is away: {statuses:?}"
        );
        assert!(
            statuses.last().is_some_and(|s| *s < 400),
            "{id}: answered once the database is back: {statuses:?}"
        );
    }
    let refused = answers
        .iter()
        .filter(|(_, statuses)| statuses.contains(&503))
        .count();
    assert!(refused > 0, "some submissions met the restart");
    let numbers = registered_numbers(&app).await;
    let distinct: std::collections::BTreeSet<_> = numbers.iter().collect();
    assert_eq!(
        numbers.len(),
        PEOPLE,
        "every acknowledged submission is kept"
    );
    assert_eq!(distinct.len(), PEOPLE, "and registered once");
    println!("{refused} of {PEOPLE} submissions got 503 during the restart");
    server.kill().unwrap();
    server.wait().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    app.db.drop_database().await;
}

async fn wait_until_healthy(url: &str) {
    for _ in 0..300 {
        if let Ok(res) = client().get(format!("{url}/healthz")).send().await
            && res.status() == 200
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("cus did not start at {url}");
}
