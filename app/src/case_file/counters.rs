//! The yearly numberings of the case file: case numbers, decision numbers, plan numbers.

use crate::store::{StoreResult, Tx};
use sqlx::Row;

/// A yearly numbering: case numbers, decision numbers, plan numbers.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Counter {
    Cases,
    Decisions,
    Plans,
}

/// The next number of `year` in `counter`. One upsert: it takes the write lock at once (SQLite)
/// or locks the year's row (PostgreSQL), so concurrent transactions queue here instead of reading
/// the same number, and the first number of a year creates the row without a race.
pub(crate) async fn next_in_year(tx: &mut Tx<'_>, counter: Counter, year: i64) -> StoreResult<i64> {
    let table = match counter {
        Counter::Cases => "case_counters",
        Counter::Decisions => "decision_counters",
        Counter::Plans => "plan_counters",
    };
    Ok(sqlx::query(&format!(
        "INSERT INTO {table} (year, last_number) VALUES ($1, 1) \
         ON CONFLICT (year) DO UPDATE SET last_number = {table}.last_number + 1 \
         RETURNING last_number"
    ))
    .bind(year)
    .fetch_one(&mut **tx)
    .await?
    .try_get("last_number")?)
}
