//! `cus retention` and the daily retention job: case files past their programme's period lose
//! their personal data (see `app::privacy::retention`); sign-ups for activities that are over
//! lose the name and contact.

use crate::config::Config;
use crate::database::CliResult;
use app::domain::{Clock, date_display, warsaw_date};
use app::privacy::retention::{DueCase, apply_retention};
use app::store::Store;
use std::path::PathBuf;

/// How often the job looks for cases past their period.
const EVERY: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

/// How long after an activity its sign-ups keep names and contacts (the day after: a late
/// question about who came can still be answered).
pub const SIGN_UPS_KEPT: chrono::Duration = chrono::Duration::days(1);

/// Lists what is past its period; without `dry_run` removes it too.
pub async fn run(config: &Config, dry_run: bool) -> CliResult {
    let store = crate::database::open_store(config).await?;
    let now = Clock::system().now();
    let due = store.cases_past_retention(warsaw_date(now)).await?;
    let assessed = due.iter().filter(|case| case.awaits_assessment()).count();
    if due.is_empty() {
        println!("Żadna sprawa nie przekroczyła okresu przechowywania akt.");
        return Ok(());
    }
    for case in &due {
        println!("{}", line(case));
    }
    if dry_run {
        println!(
            "Do usunięcia danych osobowych: {}; do oceny archiwum państwowego: {assessed}. \
             Nic nie zostało zmienione (--dry-run).",
            due.len() - assessed
        );
        return Ok(());
    }
    let retired = apply_retention(&store, &config.files_dir, now).await?;
    println!(
        "Usunięto dane osobowe z {} spraw (zostały dane do statystyk); {assessed} czeka na ocenę \
         archiwum państwowego.",
        retired.len()
    );
    Ok(())
}

fn line(case: &DueCase) -> String {
    let outcome = if case.awaits_assessment() {
        "do oceny archiwum państwowego (zostaje)"
    } else {
        "do usunięcia danych osobowych"
    };
    format!(
        "{}\t{}\t{}\tzakończona {}\tprzechowywana do {}\t{outcome}",
        case.case_number.as_deref().unwrap_or("(bez numeru)"),
        case.programme,
        case.category,
        date_display(case.ended_on),
        date_display(case.kept_until),
    )
}

/// Runs retention at start and then once a day.
pub fn spawn_daily(store: Store, clock: Clock, files_dir: PathBuf) {
    tokio::spawn(async move {
        loop {
            if let Err(error) = apply_retention(&store, &files_dir, clock.now()).await {
                tracing::warn!(%error, "retention job failed; it runs again tomorrow");
            }
            match store
                .forget_past_sign_ups(clock.now() - SIGN_UPS_KEPT)
                .await
            {
                Ok(0) => {}
                Ok(erased) => tracing::info!(erased, "names and contacts of past sign-ups erased"),
                Err(error) => tracing::warn!(%error, "erasing past sign-ups failed"),
            }
            tokio::time::sleep(EVERY).await;
        }
    });
}
