//! The case's own row as every room changes it: its columns set only in the status expected,
//! whether it still awaits a decision (the KPA deadline runs), and the copies the inbox reads
//! (the index of registration day, PESEL and name, the status copied to the requested services).

use crate::domain::search_text::fold;
use crate::store::{StoreResult, Tx, to_db_time};
use chrono::{DateTime, NaiveDate, Utc};

/// A value for an application's column.
pub(crate) enum Value {
    Text(Option<String>),
    Flag(bool),
}

/// Sets `values` on the application when it is in `status`; false when it is not.
pub(crate) async fn update_application(
    tx: &mut Tx<'_>,
    id: &str,
    status: &str,
    values: &[(&str, Value)],
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let assignments = values
        .iter()
        .enumerate()
        .map(|(i, (column, _))| format!(", {column} = ${}", i + 4))
        .collect::<String>();
    let sql = format!(
        "UPDATE applications SET updated_at = $3{assignments} WHERE id = $1 AND status = $2"
    );
    let mut query = sqlx::query(&sql)
        .bind(id)
        .bind(status)
        .bind(to_db_time(now));
    for (_, value) in values {
        query = match value {
            Value::Text(text) => query.bind(text.clone()),
            Value::Flag(flag) => query.bind(i64::from(*flag)),
        };
    }
    Ok(query.execute(&mut **tx).await?.rows_affected() > 0)
}

/// Whether the registered case `id` still awaits qualification or refusal of some service (the
/// KPA deadline runs); call after every change of a requested service's status.
pub(crate) async fn update_awaiting(tx: &mut Tx<'_>, id: &str) -> StoreResult<()> {
    sqlx::query(&format!(
        "UPDATE applications SET awaiting = CASE WHEN {AWAITS_DECISION} THEN 1 ELSE 0 END \
         WHERE id = $1 AND status = 'registered'"
    ))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Whether application `applications.id` still awaits a decision (the KPA deadline runs): a
/// service not yet qualified, or one on the waiting list when the centre's policy says so.
pub(crate) const AWAITS_DECISION: &str = "EXISTS (SELECT 1 FROM application_services s \
     WHERE s.application_id = applications.id AND (s.status = 'requested' OR (s.status = 'waiting' \
     AND (SELECT waiting_keeps_deadline FROM case_policy WHERE id = 1) = 1)))";

/// What registering a case stores for the inbox: the day the deadlines count from, and the
/// person's PESEL and name to find it by.
pub struct CaseIndex {
    pub registered_on: NaiveDate,
    pub pesel: Option<String>,
    pub name: String,
}

impl CaseIndex {
    /// The name's folded words, which the inbox's name search indexes.
    pub fn name_words(&self) -> String {
        fold(&self.name)
    }
}

/// Copies the case's status, day and number to its requested services, where the inbox's
/// service filter reads them; called whenever the case's status changes.
pub(crate) async fn copy_case_state(tx: &mut Tx<'_>, id: &str) -> StoreResult<()> {
    sqlx::query(
        "UPDATE application_services SET (case_status, registered_on, case_number) = \
         (SELECT status, registered_on, case_number FROM applications WHERE id = $1) \
         WHERE application_id = $1",
    )
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
