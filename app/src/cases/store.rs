//! The inbox query, assignment, path, notes and the staff's view of a case's timeline.

use super::model::*;
use crate::applications::{ApplicationStatus, Channel, EventKind};
use crate::case_file::record::{Value, update_application};
use crate::case_file::timeline::{case_event_from_row, insert_event};
use crate::domain::search_text::query_words;
use crate::domain::{CaseNumber, Pesel, Role};
use crate::store::rows::corrupt;
use crate::store::{
    Backend, Store, StoreError, StoreResult, from_db_time, new_id, placeholders, to_db_time,
};
use chrono::{DateTime, Days, NaiveDate, Utc};
use sqlx::Row;

/// Cases on one page of the inbox.
pub const PAGE_SIZE: u32 = 25;

/// The inbox's WHERE conditions and the values bound to their `$n`.
struct Filters {
    sql: String,
    values: Vec<String>,
}

impl Filters {
    fn new() -> Self {
        Filters {
            sql: String::new(),
            values: Vec::new(),
        }
    }

    fn is_empty(&self) -> bool {
        self.sql.is_empty()
    }

    /// Adds `condition`, where `?` stands for the next value.
    fn and(&mut self, condition: &str, values: &[&str]) {
        let mut text = String::new();
        let mut values = values.iter();
        for (i, piece) in condition.split('?').enumerate() {
            if i > 0 {
                let value = values.next().copied().unwrap_or_default();
                self.values.push(value.to_owned());
                text.push_str(&format!("${}", self.values.len()));
            }
            text.push_str(piece);
        }
        self.sql.push_str(" AND ");
        self.sql.push_str(&text);
    }
}

/// Where the inbox counts and pages its cases: `applications`, or — when a service or (on
/// SQLite) a name is the only filter — the requested services or the name rows alone (their rows
/// keep the case's status, day and number, so one index answers). All are aliased `a`: the order
/// columns have the same names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Source {
    Cases,
    ServiceRows,
    NameRows,
}

impl Source {
    fn table(self) -> &'static str {
        match self {
            Source::Cases => "applications a",
            Source::ServiceRows => "application_services a",
            Source::NameRows => "case_name_rows a",
        }
    }

    fn case_id(self) -> &'static str {
        match self {
            Source::Cases => "a.id",
            Source::ServiceRows | Source::NameRows => "a.application_id",
        }
    }
}

/// The inbox's source and WHERE clause for `query`, seen by `viewer_id` on `today`, within the
/// programme versions `scope` (None: all).
fn inbox_filters(
    query: &InboxQuery,
    viewer_id: &str,
    scope: Option<&[String]>,
    today: NaiveDate,
    backend: Backend,
) -> (Source, Filters) {
    let mut filters = Filters::new();
    if let Some(programmes) = scope {
        let refs: Vec<&str> = programmes.iter().map(String::as_str).collect();
        match refs.len() {
            0 => filters.and("1 = 0", &[]),
            n => filters.and(
                &format!("a.programme_id IN ({})", vec!["?"; n].join(", ")),
                &refs,
            ),
        }
    }
    let status = match ApplicationStatus::from_code(&query.status) {
        Some(status) if status != ApplicationStatus::Draft => status.code(),
        _ => "registered",
    };
    let q = query.q.trim();
    if let Ok(pesel) = Pesel::parse(q) {
        filters.and("a.subject_pesel = ?", &[pesel.as_str()]);
    } else if let Ok(number) = CaseNumber::parse(q) {
        filters.and("a.case_number = ?", &[number.as_str()]);
    } else if let Some((condition, words)) = name_condition(q, backend) {
        if backend == Backend::Sqlite && filters.is_empty() && name_is_the_only_filter(query) {
            filters.and(NAME_ROWS_MATCH, &[&words, status]);
            return (Source::NameRows, filters);
        }
        filters.and(condition, &[&words]);
    }
    if !query.programme.is_empty() {
        filters.and("a.programme_id = ?", &[&query.programme]);
    }
    match query.coordinator.as_str() {
        "" => {}
        "none" => filters.and("a.coordinator_id IS NULL", &[]),
        "me" => filters.and("a.coordinator_id = ?", &[viewer_id]),
        id => filters.and("a.coordinator_id = ?", &[id]),
    }
    if let Some(channel) = Channel::from_code(&query.channel) {
        filters.and("a.channel = ?", &[channel.code()]);
    }
    // Overdue: the decision deadline has passed; this week: it falls within seven days.
    let deadline_from = match query.deadline.as_str() {
        "overdue" => Some(today),
        "week" => Some(today + Days::new(DUE_SOON_DAYS + 1)),
        _ => None,
    };
    if let Some(before) = deadline_from {
        filters.and(
            "a.awaiting = 1 AND a.decision_due < ?",
            &[&before.to_string()],
        );
    }
    if !query.service.is_empty() {
        if filters.is_empty() {
            filters.and(
                "a.service_id = ? AND a.case_status = ?",
                &[&query.service, status],
            );
            return (Source::ServiceRows, filters);
        }
        filters.and(
            "a.id IN (SELECT application_id FROM application_services WHERE service_id = ?)",
            &[&query.service],
        );
    }
    filters.and("a.status = ?", &[status]);
    (Source::Cases, filters)
}

/// The name rows (SQLite's `case_name_rows`) whose words match, of cases in a status.
const NAME_ROWS_MATCH: &str =
    "a.id IN (SELECT rowid FROM case_names WHERE case_names MATCH ?) AND a.status = ?";

/// Whether nothing but the name (and the status) narrows `query`; the scope is checked apart.
fn name_is_the_only_filter(query: &InboxQuery) -> bool {
    query.programme.is_empty()
        && query.coordinator.is_empty()
        && query.service.is_empty()
        && Channel::from_code(&query.channel).is_none()
        && !matches!(query.deadline.as_str(), "overdue" | "week")
}

/// The condition that every word of `q` begins a word of the person's name, with its bound
/// value: a full-text query on the folded name words (`case_names` over `case_name_rows` on
/// SQLite, the GIN index of `name_words` on PostgreSQL). None when `q` has no words.
fn name_condition(q: &str, backend: Backend) -> Option<(&'static str, String)> {
    let words = query_words(q);
    if words.is_empty() {
        return None;
    }
    // Folded words are letters and digits only: nothing in them needs quoting.
    let (condition, prefix, and): (_, fn(&String) -> String, _) = match backend {
        Backend::Sqlite => (
            "a.id IN (SELECT application_id FROM case_name_rows WHERE id IN \
             (SELECT rowid FROM case_names WHERE case_names MATCH ?))",
            |word| format!("\"{word}\"*"),
            " AND ",
        ),
        Backend::Postgres => (
            "to_tsvector('simple', a.name_words) @@ to_tsquery('simple', ?)",
            |word| format!("{word}:*"),
            " & ",
        ),
    };
    let prefixes: Vec<String> = words.iter().map(prefix).collect();
    Some((condition, prefixes.join(and)))
}

impl Store {
    /// One page of the inbox and how many cases match.
    pub async fn inbox(
        &self,
        query: &InboxQuery,
        viewer_id: &str,
        scope: Option<&[String]>,
        today: NaiveDate,
    ) -> StoreResult<(Vec<InboxRow>, u64)> {
        let (source, filters) = inbox_filters(query, viewer_id, scope, today, self.backend());
        let (table, case_id) = (source.table(), source.case_id());
        let count_sql = format!(
            "SELECT COUNT(*) AS n FROM {table} WHERE 1 = 1{}",
            filters.sql
        );
        let mut count = sqlx::query(&count_sql);
        for value in &filters.values {
            count = count.bind(value);
        }
        let total: i64 = count.fetch_one(self.pool()).await?.try_get("n")?;

        let order = match query.sort.as_str() {
            "newest" => "a.registered_on DESC, a.case_number DESC",
            "number" => "a.case_number",
            _ => "a.registered_on, a.case_number",
        };
        let offset = i64::from(query.page.max(1) - 1) * i64::from(PAGE_SIZE);
        // The page's cases are chosen from the source first; only those are joined.
        let page_sql = format!(
            "SELECT a.id, a.case_number, a.subject, a.channel, a.status, a.path, a.complicated, \
             a.registered_on, a.awaiting, p.name AS programme, u.display_name AS coordinator \
             FROM applications a JOIN programmes p ON p.id = a.programme_id \
             LEFT JOIN users u ON u.id = a.coordinator_id \
             WHERE a.id IN (SELECT {case_id} FROM {table} WHERE 1 = 1{} \
             ORDER BY {order} LIMIT {PAGE_SIZE} OFFSET {offset}) ORDER BY {order}",
            filters.sql
        );
        let mut page = sqlx::query(&page_sql);
        for value in &filters.values {
            page = page.bind(value);
        }
        let rows = page.fetch_all(self.pool()).await?;
        let ids = rows
            .iter()
            .map(|row| row.try_get("id"))
            .collect::<Result<Vec<String>, _>>()?;
        let mut services_of = self.services_of_cases(&ids).await?;
        let mut out = Vec::with_capacity(rows.len());
        for (row, id) in rows.iter().zip(ids) {
            let services = services_of.remove(&id).unwrap_or_default();
            let subject: crate::applications::PersonInput =
                crate::store::rows::from_json(&row.try_get::<String, _>("subject")?)?;
            let channel: String = row.try_get("channel")?;
            let status: String = row.try_get("status")?;
            let path: Option<String> = row.try_get("path")?;
            out.push(InboxRow {
                case_number: row
                    .try_get::<Option<String>, _>("case_number")?
                    .unwrap_or_default(),
                person: subject.name,
                programme: row.try_get("programme")?,
                open: row.try_get::<i64, _>("awaiting")? != 0,
                services: services.into_iter().map(|(name, _)| name).collect(),
                channel: Channel::from_code(&channel).ok_or_else(|| corrupt(channel))?,
                status: ApplicationStatus::from_code(&status).ok_or_else(|| corrupt(status))?,
                coordinator: row.try_get("coordinator")?,
                path: path.and_then(|p| CasePath::from_code(&p)),
                deadlines: Deadlines::new(
                    registered_on(row)?,
                    row.try_get::<i64, _>("complicated")? != 0,
                    today,
                ),
                id,
            });
        }
        Ok((out, u64::try_from(total).unwrap_or_default()))
    }

    /// Every service with its programme's name, for the inbox's service filter: (id, label).
    pub async fn service_choices(&self) -> StoreResult<Vec<(String, String)>> {
        let rows = sqlx::query(
            "SELECT s.id, s.name, p.name AS programme FROM services s \
             JOIN programmes p ON p.id = s.programme_id ORDER BY p.name, s.position",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let (name, programme): (String, String) =
                    (row.try_get("name")?, row.try_get("programme")?);
                Ok((row.try_get("id")?, format!("{name} ({programme})")))
            })
            .collect()
    }

    /// The requested services (name, status code) of the cases `ids`, in one query.
    async fn services_of_cases(
        &self,
        ids: &[String],
    ) -> StoreResult<std::collections::HashMap<String, Vec<(String, String)>>> {
        let mut out = std::collections::HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let sql = format!(
            "SELECT r.application_id, s.name, r.status FROM application_services r \
             JOIN services s ON s.id = r.service_id WHERE r.application_id IN ({}) \
             ORDER BY r.application_id, r.position",
            placeholders(1, ids.len())
        );
        let mut query = sqlx::query(&sql);
        for id in ids {
            query = query.bind(id);
        }
        for row in query.fetch_all(self.pool()).await? {
            out.entry(row.try_get::<String, _>("application_id")?)
                .or_insert_with(Vec::new)
                .push((row.try_get("name")?, row.try_get("status")?));
        }
        Ok(out)
    }

    /// Who coordinates the case and how it proceeds; `None` for a draft.
    pub async fn handling(&self, id: &str) -> StoreResult<Handling> {
        let row = sqlx::query(
            "SELECT a.coordinator_id, u.display_name, a.path, a.complicated, a.registered_on, \
             a.awaiting FROM applications a LEFT JOIN users u ON u.id = a.coordinator_id WHERE a.id = $1",
        )
        .bind(id)
        .fetch_one(self.pool())
        .await?;
        let path: Option<String> = row.try_get("path")?;
        let registered: Option<String> = row.try_get("registered_on")?;
        Ok(Handling {
            coordinator_id: row.try_get("coordinator_id")?,
            coordinator: row.try_get("display_name")?,
            path: path.and_then(|p| CasePath::from_code(&p)),
            complicated: row.try_get::<i64, _>("complicated")? != 0,
            registered_on: registered
                .map(|d| d.parse().map_err(|_| corrupt(d)))
                .transpose()?,
            awaiting: row.try_get::<i64, _>("awaiting")? != 0,
        })
    }

    /// Assigns a registered case to `coordinator_id` (or nobody) and records it.
    pub async fn assign_case(
        &self,
        id: &str,
        coordinator_id: Option<&str>,
        actor_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let detail = match coordinator_id {
            Some(user) => self.user_by_id(user).await?.display_name,
            None => String::new(),
        };
        let values = [(
            "coordinator_id",
            Value::Text(coordinator_id.map(str::to_owned)),
        )];
        let event = (actor_id, EventKind::Assigned, detail.as_str());
        self.change_case(id, &values, event, now).await?;
        // The plans desk lists a plan under its case's coordinator.
        match self.plan_of_case(id).await? {
            Some(plan) => self.refresh_plan_facts(&plan).await,
            None => Ok(()),
        }
    }

    /// Records the path the case takes and whether it is particularly complicated.
    pub async fn set_case_path(
        &self,
        id: &str,
        path: CasePath,
        complicated: bool,
        registered_on: Option<NaiveDate>,
        (actor_id, now): (&str, DateTime<Utc>),
    ) -> StoreResult<()> {
        let due = registered_on.map(|on| decision_due(on, complicated).to_string());
        let values = [
            ("path", Value::Text(Some(path.code().to_owned()))),
            ("complicated", Value::Flag(complicated)),
            ("decision_due", Value::Text(due)),
        ];
        let event = (actor_id, EventKind::PathChosen, path.code());
        self.change_case(id, &values, event, now).await
    }

    /// Sets columns of a registered case and adds its timeline entry (actor, kind, detail), in
    /// one transaction; NotFound when the case is not registered.
    async fn change_case(
        &self,
        id: &str,
        values: &[(&str, Value)],
        (actor_id, kind, detail): (&str, EventKind, &str),
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        let changed = update_application(&mut tx, id, "registered", values, now).await?;
        if !changed {
            tx.rollback().await?;
            return Err(StoreError::NotFound);
        }
        insert_event(&mut tx, id, now, Some(actor_id), kind, None, detail).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn add_case_note(
        &self,
        id: &str,
        author_id: &str,
        body: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO case_notes (id, application_id, at, author_id, body) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(new_id())
        .bind(id)
        .bind(to_db_time(now))
        .bind(author_id)
        .bind(body)
        .execute(&mut *tx)
        .await?;
        insert_event(
            &mut tx,
            id,
            now,
            Some(author_id),
            EventKind::NoteAdded,
            None,
            "",
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn case_notes(&self, id: &str) -> StoreResult<Vec<CaseNote>> {
        let rows = sqlx::query(
            "SELECT n.at, u.display_name, n.body FROM case_notes n JOIN users u ON u.id = n.author_id \
             WHERE n.application_id = $1 ORDER BY n.at, n.id",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(CaseNote {
                    at: from_db_time(&row.try_get::<String, _>("at")?)?,
                    author: row.try_get("display_name")?,
                    body: row.try_get("body")?,
                })
            })
            .collect()
    }

    /// The whole timeline with who did what, oldest first.
    pub async fn staff_case_events(&self, id: &str) -> StoreResult<Vec<StaffEvent>> {
        let rows = sqlx::query(
            "SELECT e.at, e.kind, s.name AS service_name, e.detail, e.public, u.display_name \
             FROM case_events e LEFT JOIN services s ON s.id = e.service_id \
             LEFT JOIN users u ON u.id = e.actor_id \
             WHERE e.application_id = $1 ORDER BY e.at, e.id",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(StaffEvent {
                    event: case_event_from_row(row)?,
                    actor: row.try_get("display_name")?,
                    public: row.try_get::<i64, _>("public")? != 0,
                })
            })
            .collect()
    }

    /// Other registered cases of the same PESEL: (case number, id); only those of the
    /// programme versions in `programmes` when given (the reader's scope).
    pub async fn open_cases_with_pesel(
        &self,
        pesel: &str,
        except_id: &str,
        programmes: Option<&[String]>,
    ) -> StoreResult<Vec<(String, String)>> {
        let within = match programmes {
            Some([]) => return Ok(Vec::new()),
            Some(ids) => format!("AND programme_id IN ({})", placeholders(3, ids.len())),
            None => String::new(),
        };
        let sql = format!(
            "SELECT id, case_number FROM applications WHERE subject_pesel = $1 AND id <> $2 \
             AND status = 'registered' {within} ORDER BY registered_on"
        );
        let mut query = sqlx::query(&sql).bind(pesel).bind(except_id);
        for id in programmes.unwrap_or_default() {
            query = query.bind(id);
        }
        let rows = query.fetch_all(self.pool()).await?;
        rows.iter()
            .map(|row| {
                Ok((
                    row.try_get::<Option<String>, _>("case_number")?
                        .unwrap_or_default(),
                    row.try_get("id")?,
                ))
            })
            .collect()
    }

    /// Active staff who coordinate cases (coordinators and services organisers): (id, name).
    pub async fn coordinators(&self) -> StoreResult<Vec<(String, String)>> {
        self.staff_with_roles(&[Role::PlanCoordinator, Role::ServicesOrganiser])
            .await
    }

    /// Active staff holding any of `roles`: (id, name), by name.
    pub async fn staff_with_roles(&self, roles: &[Role]) -> StoreResult<Vec<(String, String)>> {
        let list = placeholders(1, roles.len());
        let sql = format!(
            "SELECT DISTINCT u.id, u.display_name FROM users u JOIN user_roles r ON r.user_id = u.id \
             WHERE u.active = 1 AND r.role IN ({list}) ORDER BY u.display_name"
        );
        let mut query = sqlx::query(&sql);
        for role in roles {
            query = query.bind(role.code());
        }
        let rows = query.fetch_all(self.pool()).await?;
        rows.iter()
            .map(|row| Ok((row.try_get("id")?, row.try_get("display_name")?)))
            .collect()
    }
}

fn registered_on(row: &sqlx::any::AnyRow) -> StoreResult<NaiveDate> {
    let text: Option<String> = row.try_get("registered_on")?;
    let text = text.ok_or_else(|| corrupt("registered case without a registration day"))?;
    text.parse().map_err(|_| corrupt(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filters(query: InboxQuery) -> (Source, Filters) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        inbox_filters(&query, "viewer", None, today, Backend::Sqlite)
    }

    #[test]
    fn a_name_becomes_a_prefix_query_of_every_word() {
        let sqlite = name_condition("Kowalska  Hal", Backend::Sqlite).unwrap();
        assert_eq!(sqlite.1, "\"kowalska\"* AND \"hal\"*");
        let postgres = name_condition("Łucja-Żak", Backend::Postgres).unwrap();
        assert_eq!(postgres.1, "lucja:* & zak:*");
        assert!(name_condition(" ,. ", Backend::Sqlite).is_none());
    }

    #[test]
    fn a_service_alone_is_answered_from_the_requested_services() {
        let (source, only) = filters(InboxQuery {
            service: "s1".into(),
            status: "closed".into(),
            ..Default::default()
        });
        assert_eq!(source, Source::ServiceRows);
        assert_eq!(only.sql, " AND a.service_id = $1 AND a.case_status = $2");
        assert_eq!(only.values, ["s1", "closed"]);

        let (source, narrowed) = filters(InboxQuery {
            service: "s1".into(),
            coordinator: "me".into(),
            ..Default::default()
        });
        assert_eq!(source, Source::Cases);
        assert_eq!(narrowed.values, ["viewer", "s1", "registered"]);
    }

    #[test]
    fn a_name_alone_is_answered_from_the_name_rows() {
        let (source, only) = filters(InboxQuery {
            q: "Kowalska".into(),
            ..Default::default()
        });
        assert_eq!(source, Source::NameRows);
        assert_eq!(
            only.sql,
            " AND a.id IN (SELECT rowid FROM case_names WHERE case_names MATCH $1) \
             AND a.status = $2"
        );
        assert_eq!(only.values, ["\"kowalska\"*", "registered"]);

        let (source, narrowed) = filters(InboxQuery {
            q: "Kowalska".into(),
            channel: "paper".into(),
            ..Default::default()
        });
        assert_eq!(source, Source::Cases);
        assert_eq!(narrowed.values, ["\"kowalska\"*", "paper", "registered"]);
    }

    #[test]
    fn drafts_never_reach_the_inbox() {
        let (source, drafts) = filters(InboxQuery {
            status: "draft".into(),
            ..Default::default()
        });
        assert_eq!(source, Source::Cases);
        assert_eq!(drafts.sql, " AND a.status = $1");
        assert_eq!(drafts.values, ["registered"]);
    }
}
