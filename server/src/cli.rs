//! Subcommands of the `cus` binary.

use crate::config::Config;
use app::audit::{AuditAction, AuditEvent};
use app::domain::{Clock, Email, Role};
use app::identity::NewStaffUser;
use clap::{Parser, Subcommand};
use std::io::BufRead;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "cus",
    version,
    about = "Centrum Usług Społecznych — serwer i narzędzia administracyjne"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Default)]
pub enum Command {
    /// Start the web server (default).
    #[default]
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Load the demo data (only into an empty database).
    SeedDemo,
    /// Create a staff account; the password is read from standard input.
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Role code, repeatable: director, deputy_director, services_organiser, plan_coordinator,
        /// community_organiser, info_point_clerk, social_worker, data_protection_officer, administrator.
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
    },
    /// Set a new password for an account (staff, provider or resident); read from standard
    /// input. Ends the account's sessions.
    SetPassword {
        #[arg(long)]
        email: String,
    },
    /// Copy the SQLite database to FILE while the server runs (online backup).
    Backup { file: PathBuf },
    /// Replace the SQLite database with FILE (stop the server first).
    Restore { file: PathBuf },
    /// Show the e-mail sent (or queued) to ADDRESS, newest first — e.g. when SMTP is not
    /// configured and a resident needs their confirmation link.
    Outbox {
        address: String,
        /// Only the newest message.
        #[arg(long)]
        last: bool,
    },
    /// Measure catalogue search and list over HTTP on a throw-away SQLite database; fails when
    /// p95 is 20 ms or more.
    BenchCatalogue {
        /// Services in the catalogue (demo ones plus generated ones).
        #[arg(long, default_value_t = 2000)]
        services: usize,
        /// Requests of each kind.
        #[arg(long, default_value_t = 50)]
        rounds: usize,
    },
    /// Measure the public calendar (`/wydarzenia`, filtered, an activity's page) over HTTP on a
    /// throw-away SQLite database with generated activities; fails when p95 is 20 ms or more.
    BenchCalendar {
        /// Public activities over the coming year.
        #[arg(long, default_value_t = 5000)]
        activities: usize,
        /// Requests of each kind.
        #[arg(long, default_value_t = 50)]
        rounds: usize,
    },
    /// Requests per second and p50/p99 of the public pages and the stylesheet under concurrent
    /// connections, on a throw-away SQLite database with the demo data and generated services
    /// (needs the built site, `scripts/build-site front`).
    BenchLoad {
        /// Services in the catalogue (demo ones plus generated ones).
        #[arg(long, default_value_t = 2000)]
        services: usize,
        /// Concurrent keep-alive connections.
        #[arg(long, default_value_t = 64)]
        connections: usize,
        /// Seconds of load on each address.
        #[arg(long, default_value_t = 8)]
        seconds: u64,
    },
    /// Measure the case inbox's queries on a throw-away SQLite database with generated cases;
    /// fails when p95 is 30 ms or more.
    BenchInbox {
        /// Registered applications to generate.
        #[arg(long, default_value_t = 100_000)]
        applications: usize,
        /// Queries of each kind.
        #[arg(long, default_value_t = 30)]
        rounds: usize,
        /// On a throw-away PostgreSQL database (`CUS_TEST_POSTGRES_URL`, default the local
        /// server) instead of SQLite.
        #[arg(long)]
        postgres: bool,
    },
    /// Measure the staff pages at city scale (a generated 1,000,000 residents across 10 gminas,
    /// with their cases, plans, activities and audit trail) on a throw-away database; fails when
    /// p95 is 30 ms or more.
    BenchScale {
        /// Residents to generate; applications, plans and audit entries follow from it.
        #[arg(long, default_value_t = 1_000_000)]
        residents: usize,
        /// Reads of each page.
        #[arg(long, default_value_t = 20)]
        rounds: usize,
        /// On a throw-away PostgreSQL database instead of SQLite.
        #[arg(long)]
        postgres: bool,
    },
    /// List the cases past their programme's period for keeping files and remove their
    /// personal data (the server also does this daily).
    Retention {
        /// Only list what would go; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Print a new random key for `secrets_key` (CUS_SECRETS_KEY).
    GenerateKey,
    /// Audit trail tools.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Recompute the hash chain; exits non-zero when an entry was changed or removed.
    Verify,
}

pub use crate::database::CliResult;
use crate::database::open_store;

pub async fn run(command: Command, config: Config) -> CliResult {
    match command {
        Command::Serve => crate::http::serve(config).await,
        Command::Migrate => {
            open_store(&config).await?;
            println!("Migracje zastosowane.");
            Ok(())
        }
        Command::SeedDemo => {
            config.check_demo_allowed()?;
            let store = open_store(&config).await?;
            if crate::demo::seed(&store, &Clock::system()).await? {
                println!("Dane demonstracyjne wczytane.");
            } else {
                println!("Baza nie jest pusta — dane demonstracyjne pominięte.");
            }
            Ok(())
        }
        Command::CreateUser { email, name, roles } => {
            create_user(&config, email, name, roles).await
        }
        Command::SetPassword { email } => set_password(&config, &email).await,
        Command::Backup { file } => crate::backup::backup(&config, &file).await,
        Command::Restore { file } => crate::backup::restore(&config, &file).await,
        Command::Outbox { address, last } => show_outbox(&config, &address, last).await,
        Command::BenchCatalogue { services, rounds } => {
            crate::bench::catalogue(services, rounds).await
        }
        Command::BenchCalendar { activities, rounds } => {
            crate::bench_calendar::calendar(activities, rounds).await
        }
        Command::BenchLoad {
            services,
            connections,
            seconds,
        } => crate::bench_load::load(services, connections, seconds).await,
        Command::BenchInbox {
            applications,
            rounds,
            postgres,
        } => crate::bench_inbox::inbox(applications, rounds, postgres).await,
        Command::BenchScale {
            residents,
            rounds,
            postgres,
        } => crate::bench_scale::scale(residents, rounds, postgres).await,
        Command::Retention { dry_run } => crate::retention::run(&config, dry_run).await,
        Command::GenerateKey => {
            println!("{}", app::store::Keys::generate());
            Ok(())
        }
        Command::Audit {
            command: AuditCommand::Verify,
        } => verify_audit(&config).await,
    }
}

async fn create_user(
    config: &Config,
    email: String,
    name: String,
    roles: Vec<String>,
) -> CliResult {
    let email = Email::parse(&email).map_err(|e| format!("Niepoprawny adres e-mail: {e}"))?;
    let roles = roles
        .iter()
        .map(|code| {
            Role::from_code(code)
                .filter(|role| role.is_staff())
                .ok_or_else(|| format!("Nieznana rola pracownika: {code}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let name = name.trim().to_owned();
    if name.is_empty() {
        return Err("Podaj imię i nazwisko (--name).".into());
    }
    let password = read_password()?;
    let store = open_store(config).await?;
    let user = NewStaffUser {
        email,
        display_name: name,
        roles,
    };
    let now = Clock::system().now();
    match store.create_staff_user(&user, &password, now).await {
        Ok(id) => {
            let event = AuditEvent {
                actor_role: Some("cli".into()),
                record_type: Some("user".into()),
                record_id: Some(id.clone()),
                person_id: Some(id.clone()),
                purpose: Some("account_administration".into()),
                ..AuditEvent::new(AuditAction::Create)
            };
            store.audit(&event, now).await?;
            println!("Utworzono konto {} ({id}).", user.email);
            Ok(())
        }
        Err(app::store::StoreError::Conflict) => {
            Err(format!("Konto {} już istnieje.", user.email).into())
        }
        Err(err) => Err(err.into()),
    }
}

async fn set_password(config: &Config, email: &str) -> CliResult {
    let email = Email::parse(email).map_err(|e| format!("Niepoprawny adres e-mail: {e}"))?;
    let password = read_password()?;
    let store = open_store(config).await?;
    let user = match store.user_by_email(&email).await {
        Ok(user) => user,
        Err(app::store::StoreError::NotFound) => {
            return Err(format!("Nie ma konta {email}.").into());
        }
        Err(err) => return Err(err.into()),
    };
    store.set_password(&user.id, &password).await?;
    store.delete_sessions_of(&user.id).await?;
    let now = Clock::system().now();
    let event = AuditEvent {
        actor_role: Some("cli".into()),
        record_type: Some("user".into()),
        record_id: Some(user.id.clone()),
        person_id: Some(user.id.clone()),
        purpose: Some("account_administration".into()),
        ..AuditEvent::new(AuditAction::Update)
    };
    store.audit(&event, now).await?;
    println!("Hasło konta {email} zmienione; jego sesje zakończone.");
    Ok(())
}

fn read_password() -> Result<String, String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("Nie udało się odczytać hasła: {e}"))?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    // The one rule for every new password; the CLI asks once, so there is no repetition.
    if app::identity::registration::check_new_password(&password, &password).is_err() {
        return Err(format!(
            "Hasło musi mieć co najmniej {} znaków (i najwyżej 256).",
            app::identity::registration::MIN_PASSWORD_CHARS
        ));
    }
    Ok(password)
}

async fn show_outbox(config: &Config, address: &str, last: bool) -> CliResult {
    let address = Email::parse(address).map_err(|e| format!("Niepoprawny adres e-mail: {e}"))?;
    let emails = open_store(config).await?.emails_to(&address).await?;
    let shown = if last {
        &emails[..emails.len().min(1)]
    } else {
        &emails[..]
    };
    for email in shown {
        println!(
            "Do: {}\nTemat: {}\n\n{}\n",
            email.to_address, email.subject, email.body_text
        );
    }
    if shown.is_empty() {
        println!("Brak wiadomości do {address}.");
    }
    Ok(())
}

async fn verify_audit(config: &Config) -> CliResult {
    use app::audit::ChainCheck;
    match open_store(config).await?.verify_audit_chain().await? {
        ChainCheck::Intact { entries } => {
            println!("Dziennik zdarzeń nienaruszony ({entries} wpisów).");
            Ok(())
        }
        ChainCheck::Broken { seq } => Err(format!(
            "Dziennik zdarzeń naruszony: wpis nr {seq} został zmieniony lub usunięty."
        )
        .into()),
    }
}
