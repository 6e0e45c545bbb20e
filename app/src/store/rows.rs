//! Reading rows and structured columns: the helpers every room's store uses to turn a row into
//! its types, with a malformed value reported as `Corrupt` instead of a panic.

use super::{StoreError, StoreResult};
use sqlx::Row;
use sqlx::any::AnyRow;

/// A stored value that does not parse.
pub fn corrupt(what: impl Into<String>) -> StoreError {
    StoreError::Corrupt(what.into())
}

/// Serialises a structured part for a JSON text column.
pub fn to_json<T: serde::Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| corrupt(e.to_string()))
}

/// Reads a structured part from a JSON text column.
pub fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> StoreResult<T> {
    serde_json::from_str(text).map_err(|e| corrupt(e.to_string()))
}

/// The JSON text column `column` of `row`, read as `T`.
pub fn json_column<T: serde::de::DeserializeOwned>(row: &AnyRow, column: &str) -> StoreResult<T> {
    let text: String = row.try_get(column)?;
    serde_json::from_str(&text).map_err(|err| corrupt(format!("{column}: {err}")))
}

/// A coded column's value, `Corrupt` when the code is unknown.
pub fn coded<T>(row: &AnyRow, column: &str, parse: impl Fn(&str) -> Option<T>) -> StoreResult<T> {
    let code: String = row.try_get(column)?;
    parse(&code).ok_or(StoreError::Corrupt(code))
}

/// A coded column that may be empty.
pub fn optional_coded<T>(
    row: &AnyRow,
    column: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> StoreResult<Option<T>> {
    let code: String = row.try_get(column)?;
    match code.as_str() {
        "" => Ok(None),
        _ => parse(&code).map(Some).ok_or(StoreError::Corrupt(code)),
    }
}

/// A count column (never negative).
pub fn count(row: &AnyRow, column: &str) -> StoreResult<u32> {
    Ok(u32::try_from(row.try_get::<i64, _>(column)?).unwrap_or(0))
}
