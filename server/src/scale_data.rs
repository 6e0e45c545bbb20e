//! The records of a city or a regional host for `cus bench-scale`: residents' accounts across ten
//! gminas (one programme each), their cases, plans with their versions and monitoring entries,
//! community activities and a long audit trail — written in statements of many rows, so a million
//! residents take minutes, not hours.

use app::audit::{AuditAction, AuditEvent};
use app::cases::decision_due;
use app::domain::Clock;
use app::domain::search_text::fold;
use app::ipus::rules::{CheckFrequency, PlanContent, PlanPeriod, PlannedService};
use app::store::{Store, new_id, to_db_time};
use chrono::{DateTime, Days, Duration, NaiveDate, Utc};
use sqlx::Row;

pub type GenResult<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// How much to generate, from the number of residents (the city: 1,000,000).
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub residents: usize,
    pub applications: usize,
    pub plans: usize,
    pub activities: usize,
    pub audit_entries: usize,
    pub coordinators: usize,
}

impl Scale {
    /// 30 % of the residents applied, one case in six has a plan, two audit entries a resident.
    pub fn of(residents: usize) -> Scale {
        Scale {
            residents,
            applications: residents * 3 / 10,
            plans: residents / 20,
            activities: (residents / 200).clamp(10, 5_000),
            audit_entries: residents * 2,
            coordinators: (residents / 10_000).clamp(2, 100),
        }
    }
}

/// The ten gminas' TERYT codes (Dębica's county and its neighbours).
pub const GMINAS: [&str; 10] = [
    "1803011", "1803022", "1803032", "1803042", "1803052", "1803063", "1803072", "1817011",
    "1817023", "1817032",
];

const FIRST_NAMES: [&str; 8] = [
    "Halina",
    "Zofia",
    "Jan",
    "Stanisław",
    "Krystyna",
    "Józef",
    "Łucja",
    "Andrzej",
];
const LAST_NAMES: [&str; 8] = [
    "Kowalska",
    "Nowak",
    "Wiśniewski",
    "Wójcik",
    "Kamińska",
    "Lewandowski",
    "Zając",
    "Szymańska",
];
pub const CHANNELS: [&str; 5] = ["online", "in_person", "paper", "email", "phone"];

/// A generated record to look things up by.
pub struct Generated {
    /// The programme (one gmina's) of every tenth case.
    pub programmes: Vec<String>,
    pub coordinators: Vec<String>,
    pub pesel: String,
    pub case_number: String,
    pub service: String,
    /// A resident whose data audit entries name, and a staff member who made entries.
    pub person: String,
    pub actor: String,
}

/// A valid PESEL for someone born in the 20th century, numbered `n` (unique below 10⁸ / 2).
pub fn pesel(n: usize) -> String {
    let body = format!(
        "{:02}{:02}{:02}{:04}",
        30 + (n / 10_000) % 60,
        1 + (n / 600_000) % 12,
        1 + n % 28,
        n % 10_000
    );
    let weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
    let sum: u32 = body
        .bytes()
        .zip(weights)
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

/// A value bound to a generated row.
enum Cell {
    Text(String),
    Int(i64),
    Null,
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}
impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_owned())
    }
}
impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Int(n)
    }
}
impl From<Option<String>> for Cell {
    fn from(text: Option<String>) -> Cell {
        text.map_or(Cell::Null, Cell::Text)
    }
}

/// Rows for one table, written a statement of many rows at a time.
struct Rows<'t> {
    table: &'static str,
    columns: &'static [&'static str],
    pending: Vec<Vec<Cell>>,
    tx: &'t mut sqlx::Transaction<'static, sqlx::Any>,
}

impl<'t> Rows<'t> {
    fn new(
        tx: &'t mut sqlx::Transaction<'static, sqlx::Any>,
        table: &'static str,
        columns: &'static [&'static str],
    ) -> Self {
        Rows {
            table,
            columns,
            pending: Vec::new(),
            tx,
        }
    }

    async fn push(&mut self, row: Vec<Cell>) -> Result<(), sqlx::Error> {
        debug_assert_eq!(row.len(), self.columns.len());
        self.pending.push(row);
        // Well under SQLite's 32,766 bound values a statement.
        if self.pending.len() * self.columns.len() >= 8_000 {
            self.flush().await?;
        }
        Ok(())
    }

    async fn flush(&mut self) -> Result<(), sqlx::Error> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let width = self.columns.len();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES {}",
            self.table,
            self.columns.join(", "),
            app::store::value_rows(self.pending.len(), width)
        );
        let mut query = sqlx::query(&sql);
        for cell in self.pending.drain(..).flatten() {
            query = match cell {
                Cell::Text(text) => query.bind(text),
                Cell::Int(n) => query.bind(n),
                Cell::Null => query.bind(None::<String>),
            };
        }
        query.execute(&mut **self.tx).await?;
        Ok(())
    }
}

async fn ids(store: &Store, sql: &str) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query(sql)
        .fetch_all(store.pool())
        .await?
        .iter()
        .map(|row| row.try_get(0))
        .collect()
}

/// Fills `store` (with the demo accounts and catalogue already in it) to `scale`.
pub async fn generate(store: &Store, clock: &Clock, scale: Scale) -> GenResult<Generated> {
    let now = clock.now();
    let today = app::domain::warsaw_date(now);
    let programmes = gmina_programmes(store).await?;
    let coordinators = coordinators(store, scale.coordinators, now).await?;
    let mut services = Vec::new();
    for programme in &programmes {
        services.push(
            ids(
                store,
                &format!(
                    "SELECT id FROM services WHERE programme_id = '{programme}' ORDER BY position"
                ),
            )
            .await?,
        );
    }
    let clerk = ids(store, "SELECT id FROM users WHERE email LIKE 'punkt@%'").await?;
    let clerk = clerk.first().cloned().ok_or("no info point account")?;
    let started = std::time::Instant::now();
    residents(store, scale.residents, now).await?;
    println!(
        "  {} kont mieszkańców ({:.0?})",
        scale.residents,
        started.elapsed()
    );
    let started = std::time::Instant::now();
    let cases = applications(
        store,
        scale,
        today,
        now,
        &programmes,
        &services,
        &coordinators,
        &clerk,
    )
    .await?;
    println!(
        "  {} wniosków ({:.0?})",
        scale.applications,
        started.elapsed()
    );
    let started = std::time::Instant::now();
    plans(store, scale, today, now, &cases, &coordinators).await?;
    println!(
        "  {} planów z wersjami i wpisami ({:.0?})",
        scale.plans,
        started.elapsed()
    );
    let started = std::time::Instant::now();
    crate::bench_calendar::generate(store, clock, scale.activities).await?;
    println!("  {} działań ({:.0?})", scale.activities, started.elapsed());
    let started = std::time::Instant::now();
    let actor = coordinators[0].clone();
    audit_trail(store, scale, now, &cases, &coordinators).await?;
    println!(
        "  {} wpisów dziennika ({:.0?})",
        scale.audit_entries,
        started.elapsed()
    );
    let middle = cases.len() / 2;
    Ok(Generated {
        programmes,
        coordinators,
        pesel: pesel(cases[middle].resident),
        case_number: case_number(middle + 1),
        service: services[0][0].clone(),
        person: resident_id(cases[middle].resident),
        actor,
    })
}

fn case_number(n: usize) -> String {
    format!("CUS/2026/{n:06}")
}

/// The demo programme and nine copies of it, one per gmina.
async fn gmina_programmes(store: &Store) -> GenResult<Vec<String>> {
    let demo = ids(
        store,
        "SELECT id FROM programmes WHERE status = 'published' ORDER BY name",
    )
    .await?;
    let demo = demo.first().cloned().ok_or("no published programme")?;
    sqlx::query("UPDATE programmes SET gminas = $1 WHERE id = $2")
        .bind(serde_json::json!([GMINAS[0]]).to_string())
        .bind(&demo)
        .execute(store.pool())
        .await?;
    let services = ids(
        store,
        &format!("SELECT id FROM services WHERE programme_id = '{demo}'"),
    )
    .await?;
    let mut programmes = vec![demo.clone()];
    for (i, gmina) in GMINAS.iter().enumerate().skip(1) {
        let id = new_id();
        sqlx::query(
            "INSERT INTO programmes (id, lineage_id, version, name, gminas, resolution_number, \
             resolution_date, period_from, period_to, status, elements, personal_data, created_at, \
             published_at, retention_symbol, retention_category, ended_at) \
             SELECT $1, $2, version, name || $3, $4, resolution_number, resolution_date, \
             period_from, period_to, status, elements, personal_data, created_at, published_at, \
             retention_symbol, retention_category, ended_at FROM programmes WHERE id = $5",
        )
        .bind(&id)
        .bind(new_id())
        .bind(format!(" (gmina {})", i + 1))
        .bind(serde_json::json!([gmina]).to_string())
        .bind(&demo)
        .execute(store.pool())
        .await?;
        for service in &services {
            sqlx::query(
                "INSERT INTO services (id, programme_id, position, name, area, form, is_free, \
                 details, search_text) SELECT $1, $2, position, name, area, form, is_free, details, \
                 search_text FROM services WHERE id = $3",
            )
            .bind(new_id())
            .bind(&id)
            .bind(service)
            .execute(store.pool())
            .await?;
        }
        programmes.push(id);
    }
    Ok(programmes)
}

/// `count` IPUS coordinators (staff accounts that cannot sign in).
async fn coordinators(store: &Store, count: usize, now: DateTime<Utc>) -> GenResult<Vec<String>> {
    let mut tx = store.pool().begin().await?;
    let mut out = Vec::with_capacity(count);
    {
        let mut users = Rows::new(&mut tx, "users", &USER_COLUMNS);
        for n in 0..count {
            let id = new_id();
            users
                .push(vec![
                    id.clone().into(),
                    format!("koordynator{n}@skala.example").into(),
                    format!("Koordynator {n}").into(),
                    "!".into(),
                    "staff".into(),
                    to_db_time(now).into(),
                    None.into(),
                ])
                .await?;
            out.push(id);
        }
        users.flush().await?;
    }
    {
        let mut roles = Rows::new(&mut tx, "user_roles", &["user_id", "role"]);
        for id in &out {
            roles
                .push(vec![id.clone().into(), "plan_coordinator".into()])
                .await?;
        }
        roles.flush().await?;
    }
    tx.commit().await?;
    Ok(out)
}

/// The accounts' columns; `!` as the password hash is no argon2 hash, so nobody signs in with them.
const USER_COLUMNS: [&str; 7] = [
    "id",
    "email",
    "display_name",
    "password_hash",
    "kind",
    "created_at",
    "pesel",
];

pub fn name(n: usize) -> String {
    format!("{} {}", FIRST_NAMES[n % 8], LAST_NAMES[(n / 8) % 8])
}

fn resident_id(n: usize) -> String {
    format!("00000000-0000-7000-8000-{n:012}")
}

async fn residents(store: &Store, count: usize, now: DateTime<Utc>) -> GenResult<()> {
    let mut tx = store.pool().begin().await?;
    let created = to_db_time(now);
    {
        let mut users = Rows::new(&mut tx, "users", &USER_COLUMNS);
        for n in 1..=count {
            users
                .push(vec![
                    resident_id(n).into(),
                    format!("mieszkaniec{n}@skala.example").into(),
                    name(n).into(),
                    "!".into(),
                    "resident".into(),
                    created.as_str().into(),
                    Some(pesel(n)).into(),
                ])
                .await?;
        }
        users.flush().await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A generated case: what its plan and audit entries need.
pub struct Case {
    id: String,
    n: usize,
    resident: usize,
    registered: NaiveDate,
    services: Vec<String>,
}

const APPLICATION_COLUMNS: [&str; 25] = [
    "id",
    "programme_id",
    "owner_id",
    "drafted_by",
    "channel",
    "received_on",
    "applicant_role",
    "subject",
    "applicant",
    "conditions_declared",
    "privacy_acknowledged",
    "locale",
    "status",
    "case_number",
    "submitted_at",
    "created_at",
    "updated_at",
    "coordinator_id",
    "path",
    "complicated",
    "registered_on",
    "decision_due",
    "awaiting",
    "subject_pesel",
    "name_words",
];

/// The cases, of every third resident or so (case `n` is resident `n · 10 / 3`'s), spread over the gminas' programmes, registered over the last 400 days; a tenth closed, a third
/// assigned; every sixth has a plan (and its coordinator).
#[allow(clippy::too_many_arguments)]
async fn applications(
    store: &Store,
    scale: Scale,
    today: NaiveDate,
    now: DateTime<Utc>,
    programmes: &[String],
    services: &[Vec<String>],
    coordinators: &[String],
    clerk: &str,
) -> GenResult<Vec<Case>> {
    let mut tx = store.pool().begin().await?;
    let created = to_db_time(now);
    let mut cases = Vec::with_capacity(scale.applications);
    {
        let mut rows = Rows::new(&mut tx, "applications", &APPLICATION_COLUMNS);
        for n in 1..=scale.applications {
            let resident = (n * 10 / 3).min(scale.residents.max(1));
            let id = new_id();
            let name = name(resident);
            let pesel = pesel(resident);
            let registered = today - Days::new((n % 400) as u64);
            let with_plan = n % 6 == 0 && cases.len() / 6 < scale.plans;
            let closed = n % 10 == 0 && !with_plan;
            let complicated = n % 10 == 1;
            let awaiting = !closed && !with_plan && n % 4 != 0;
            let channel = CHANNELS[n % CHANNELS.len()];
            let coordinator =
                (with_plan || n % 3 == 0).then(|| coordinators[n % coordinators.len()].clone());
            let g = (n / 2) % programmes.len();
            rows.push(vec![
                id.clone().into(),
                programmes[g].as_str().into(),
                (channel == "online").then(|| resident_id(resident)).into(),
                clerk.into(),
                channel.into(),
                None.into(),
                "person".into(),
                serde_json::json!({ "name": name, "pesel": pesel })
                    .to_string()
                    .into(),
                "{}".into(),
                1.into(),
                1.into(),
                "pl".into(),
                (if closed { "closed" } else { "registered" }).into(),
                case_number(n).into(),
                created.as_str().into(),
                created.as_str().into(),
                created.as_str().into(),
                coordinator.into(),
                with_plan.then(|| "ipus".to_owned()).into(),
                i64::from(complicated).into(),
                registered.to_string().into(),
                decision_due(registered, complicated).to_string().into(),
                i64::from(awaiting).into(),
                pesel.into(),
                fold(&name).into(),
            ])
            .await?;
            let chosen: Vec<String> = services[g]
                .iter()
                .cycle()
                .skip(n)
                .take(1 + n % 2)
                .cloned()
                .collect();
            cases.push(Case {
                id,
                n,
                resident,
                registered,
                services: chosen,
            });
        }
        rows.flush().await?;
    }
    {
        let mut rows = Rows::new(
            &mut tx,
            "application_services",
            &[
                "application_id",
                "service_id",
                "position",
                "status",
                "case_status",
                "registered_on",
                "case_number",
            ],
        );
        for case in &cases {
            let awaiting = case.n % 4 != 0 && case.n % 6 != 0;
            for (position, service) in case.services.iter().enumerate() {
                rows.push(vec![
                    case.id.clone().into(),
                    service.clone().into(),
                    (position as i64 + 1).into(),
                    (if awaiting { "requested" } else { "qualified" }).into(),
                    (if case.n % 10 == 0 && case.n % 6 != 0 {
                        "closed"
                    } else {
                        "registered"
                    })
                    .into(),
                    case.registered.to_string().into(),
                    case_number(case.n).into(),
                ])
                .await?;
            }
        }
        rows.flush().await?;
    }
    tx.commit().await?;
    Ok(cases)
}

const VERSION_COLUMNS: [&str; 12] = [
    "plan_id",
    "version",
    "state",
    "content",
    "agreed_on",
    "drafted_by",
    "updated_at",
    "submitted_by",
    "submitted_at",
    "decided_by",
    "decided_on",
    "comments",
];

/// A plan for every sixth case: most approved (a third in a second version), some drafts or
/// awaiting approval; plans whose period ended are closed (one in ten on resignation); four
/// monitoring entries each.
async fn plans(
    store: &Store,
    scale: Scale,
    today: NaiveDate,
    now: DateTime<Utc>,
    cases: &[Case],
    coordinators: &[String],
) -> GenResult<()> {
    let mut tx = store.pool().begin().await?;
    let at = to_db_time(now);
    let planned: Vec<(usize, &Case)> = cases
        .iter()
        .filter(|c| c.n % 6 == 0)
        .take(scale.plans)
        .enumerate()
        .collect();
    let plan_id = |i: usize| format!("00000000-0000-7000-9000-{i:012}");
    {
        let mut rows = Rows::new(
            &mut tx,
            "plans",
            &[
                "id",
                "application_id",
                "number",
                "coordinator_id",
                "created_at",
                "closed_at",
                "close_reason",
            ],
        );
        for (i, case) in &planned {
            let created = case.registered + Days::new(10);
            let ended = period_of(case).end < today && i % 4 != 0;
            rows.push(vec![
                plan_id(*i).into(),
                case.id.clone().into(),
                format!("IPUS {}/2026", i + 1).into(),
                coordinators[case.n % coordinators.len()].clone().into(),
                to_db_time(warsaw_noon(created)).into(),
                ended.then(|| at.clone()).into(),
                ended.then(|| "completed".to_owned()).into(),
            ])
            .await?;
        }
        rows.flush().await?;
    }
    {
        let mut rows = Rows::new(&mut tx, "plan_versions", &VERSION_COLUMNS);
        for (i, case) in &planned {
            let coordinator = coordinators[case.n % coordinators.len()].clone();
            let content = serde_json::to_string(&content(case))?;
            let state = match i % 10 {
                0 => "draft",
                1 => "submitted",
                _ => "approved",
            };
            let second = i % 3 == 2;
            let first_state = if second { "superseded" } else { state };
            let decided =
                (first_state != "draft" && first_state != "submitted").then(|| coordinator.clone());
            let version = |number: i64, state: &str, decided: Option<String>| -> Vec<Cell> {
                vec![
                    plan_id(*i).into(),
                    number.into(),
                    state.into(),
                    content.clone().into(),
                    None.into(),
                    coordinator.clone().into(),
                    at.clone().into(),
                    (state != "draft").then(|| coordinator.clone()).into(),
                    (state != "draft").then(|| at.clone()).into(),
                    decided.clone().into(),
                    decided.map(|_| case.registered.to_string()).into(),
                    "".into(),
                ]
            };
            rows.push(version(1, first_state, decided.clone())).await?;
            if second {
                rows.push(version(2, "approved", Some(coordinator.clone())))
                    .await?;
            }
        }
        rows.flush().await?;
    }
    {
        let mut rows = Rows::new(
            &mut tx,
            "plan_entries",
            &[
                "id",
                "plan_id",
                "happened_on",
                "kind",
                "body",
                "problem",
                "author_id",
                "created_at",
                "digest",
            ],
        );
        const KINDS: [&str; 5] = [
            "phone",
            "home_visit",
            "provider_contact",
            "quality_check",
            "use_of_services",
        ];
        for (i, case) in &planned {
            let start = period_of(case).start;
            for e in 0..4u64 {
                let day = (start + Days::new(20 * e)).min(today);
                let id = new_id();
                rows.push(vec![
                    id.clone().into(),
                    plan_id(*i).into(),
                    day.to_string().into(),
                    KINDS[(*i + e as usize) % KINDS.len()].into(),
                    "Rozmowa z osobą: usługi realizowane zgodnie z planem.".into(),
                    i64::from((*i + e as usize).is_multiple_of(9)).into(),
                    coordinators[case.n % coordinators.len()].clone().into(),
                    at.clone().into(),
                    id.into(),
                ])
                .await?;
            }
        }
        rows.flush().await?;
    }
    {
        let mut rows = Rows::new(
            &mut tx,
            "plan_closures",
            &[
                "plan_id",
                "ended_on",
                "resignation",
                "course",
                "results",
                "closed_by",
                "follow_up_due",
                "follow_up_on",
            ],
        );
        for (i, case) in &planned {
            let period = period_of(case);
            if period.end >= today || i % 4 == 0 {
                continue;
            }
            let follow_up_due = period.end + Days::new(182);
            rows.push(vec![
                plan_id(*i).into(),
                period.end.to_string().into(),
                (if i % 10 == 3 {
                    "Osoba zrezygnowała z usług."
                } else {
                    ""
                })
                .into(),
                "Plan zrealizowany.".into(),
                "Cele osiągnięte.".into(),
                coordinators[case.n % coordinators.len()].clone().into(),
                follow_up_due.to_string().into(),
                (follow_up_due < today && i % 2 == 0)
                    .then(|| follow_up_due.to_string())
                    .into(),
            ])
            .await?;
        }
        rows.flush().await?;
    }
    tx.commit().await?;
    store.refresh_all_plan_facts().await?;
    Ok(())
}

/// Half a year from a month after the case was registered.
fn period_of(case: &Case) -> PlanPeriod {
    let start = case.registered + Days::new(30);
    PlanPeriod {
        start,
        end: start + Days::new(181),
    }
}

fn warsaw_noon(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(11, 0, 0).unwrap_or_default().and_utc()
}

fn content(case: &Case) -> PlanContent {
    PlanContent {
        period: period_of(case),
        services: case
            .services
            .iter()
            .enumerate()
            .map(|(i, service)| PlannedService {
                service_id: service.clone(),
                name: format!("Usługa {}", (case.n + i) % 12),
                units: 10 + (case.n % 30) as u32,
                schedule: "wtorki 10:00–12:00".into(),
                provider_id: String::new(),
                provider_name: String::new(),
                place: "w domu".into(),
                form: "individual".into(),
                moved_from: None,
            })
            .collect(),
        activities: Vec::new(),
        expected_effects: "Samodzielność w codziennych czynnościach.".into(),
        quality_checks: "rozmowa z osobą i wizyta".into(),
        quality_frequency: CheckFrequency::default(),
        programme: None,
    }
}

/// Two entries a resident over the last 400 days, oldest first: staff reading and changing the
/// cases, sign-ins, the residents' own reads.
async fn audit_trail(
    store: &Store,
    scale: Scale,
    now: DateTime<Utc>,
    cases: &[Case],
    coordinators: &[String],
) -> GenResult<()> {
    const BATCH: usize = 50_000;
    let span = Duration::days(400).num_seconds();
    let mut written = 0;
    while written < scale.audit_entries {
        let end = (written + BATCH).min(scale.audit_entries);
        let events: Vec<(AuditEvent, DateTime<Utc>)> = (written..end)
            .map(|n| {
                let case = &cases[(n * 7919) % cases.len().max(1)];
                let action = match n % 10 {
                    0 => AuditAction::Update,
                    1 => AuditAction::Create,
                    _ => AuditAction::Read,
                };
                let event = AuditEvent {
                    actor_id: Some(coordinators[n % coordinators.len()].clone()),
                    actor_role: Some("plan_coordinator".into()),
                    record_type: Some(if n % 5 == 0 { "plan" } else { "application" }.into()),
                    record_id: Some(case.id.clone()),
                    person_id: Some(resident_id(case.resident)),
                    ip: Some(format!("10.0.{}.{}", n % 200, n % 250)),
                    purpose: Some("case_handling".into()),
                    ..AuditEvent::new(action)
                };
                let at =
                    now - Duration::seconds(span - span * n as i64 / scale.audit_entries as i64);
                (event, at)
            })
            .collect();
        store.audit_batch(&events).await?;
        written = end;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_pesels_are_valid_and_distinct() {
        let numbers = [1, 2, 499, 50_000, 99_999, 600_001, 999_999];
        for n in numbers {
            assert!(app::domain::Pesel::parse(&super::pesel(n)).is_ok(), "{n}");
        }
        let distinct: std::collections::HashSet<String> =
            (1..=200_000).step_by(7).map(super::pesel).collect();
        assert_eq!(distinct.len(), (1..=200_000).step_by(7).count());
    }
}
