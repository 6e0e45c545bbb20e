//! `cus bench-load`: requests per second and p50/p99 of the public pages and of a static asset
//! under concurrent keep-alive connections (as `wrk -c64` measures them), on the throw-away
//! database `bench-catalogue` uses (demo data, 2,000 services), served by this process. The load
//! comes from this process too, so it shares the machine's cores with the server: compare runs
//! made the same way, not these numbers with `wrk`'s.

use crate::bench::{millis, percentile, serve_catalogue};
use crate::database::CliResult;
use app::store::new_id;
use std::time::{Duration, Instant};

type Failure = Box<dyn std::error::Error + Send + Sync>;

pub async fn load(services: usize, connections: usize, seconds: u64) -> CliResult {
    let dir = std::env::temp_dir().join(format!("cus-bench-load-{}", new_id()));
    std::fs::create_dir_all(&dir)?;
    let result = async {
        let address = serve_catalogue(&dir, services).await?;
        run(
            &format!("http://{address}"),
            connections,
            Duration::from_secs(seconds),
        )
        .await
    }
    .await;
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn run(base: &str, connections: usize, duration: Duration) -> CliResult {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(connections)
        .build()?;
    let home = text(&client, &format!("{base}/")).await?;
    let list = text(&client, &format!("{base}/uslugi")).await?;
    let service = links(&list)
        .find(|href| href.starts_with("/uslugi/"))
        .ok_or("no service on /uslugi")?;
    let mut targets = vec!["/", "/uslugi", service, "/realizatorzy"];
    match links(&home).find(|href| href.starts_with("/pkg/") && href.ends_with(".css")) {
        Some(stylesheet)
            if client
                .get(format!("{base}{stylesheet}"))
                .send()
                .await?
                .status()
                .is_success() =>
        {
            targets.push(stylesheet);
        }
        _ => println!("Bez arkusza stylów: strona nie jest zbudowana (scripts/build-site front)."),
    }
    println!(
        "{connections} połączeń, {} s na adres, odpowiedzi brotli",
        duration.as_secs()
    );
    println!(
        "{:<60} {:>10} {:>8} {:>8}",
        "adres", "żądań/s", "p50 ms", "p99 ms"
    );
    for path in targets {
        let url = format!("{base}{path}");
        // A short warm-up fills the connection pool and the server's caches.
        measure(&client, &url, connections, Duration::from_millis(500)).await?;
        let mut times = measure(&client, &url, connections, duration).await?;
        times.sort();
        let per_second = times.len() as f64 / duration.as_secs_f64();
        println!(
            "{path:<60} {per_second:>10.0} {:>8.2} {:>8.2}",
            millis(percentile(&times, 50)),
            millis(percentile(&times, 99)),
        );
    }
    Ok(())
}

/// The times of every request `connections` clients completed on `url` within `duration`.
async fn measure(
    client: &reqwest::Client,
    url: &str,
    connections: usize,
    duration: Duration,
) -> Result<Vec<Duration>, Failure> {
    let deadline = Instant::now() + duration;
    let mut clients = tokio::task::JoinSet::new();
    for _ in 0..connections {
        let (client, url) = (client.clone(), url.to_owned());
        clients.spawn(async move {
            let mut times = Vec::new();
            while Instant::now() < deadline {
                let started = Instant::now();
                let response = client
                    .get(&url)
                    .header(reqwest::header::ACCEPT_ENCODING, "br")
                    .send()
                    .await?;
                if !response.status().is_success() {
                    return Err(format!("{url}: {}", response.status()).into());
                }
                response.bytes().await?;
                times.push(started.elapsed());
            }
            Ok::<_, Failure>(times)
        });
    }
    let mut all = Vec::new();
    while let Some(times) = clients.join_next().await {
        all.extend(times??);
    }
    Ok(all)
}

async fn text(client: &reqwest::Client, url: &str) -> Result<String, Failure> {
    Ok(client
        .get(url)
        .send()
        .await?
        .error_for_status()?
        .text()
        .await?)
}

/// The `href`s in `html`, in order.
fn links(html: &str) -> impl Iterator<Item = &str> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_the_links_of_a_page() {
        let html =
            r#"<link href="/pkg/cus.1.css"><a href="/uslugi">x</a><a href="/uslugi/01b">y</a>"#;
        let links: Vec<&str> = super::links(html).collect();
        assert_eq!(links, ["/pkg/cus.1.css", "/uslugi", "/uslugi/01b"]);
    }
}
