use super::StoreError;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

/// Timestamps are stored as fixed-width RFC 3339 UTC text (microseconds, `Z`), so they sort
/// correctly as strings and decode the same on SQLite and PostgreSQL.
pub fn to_db_time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn from_db_time(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::Corrupt(format!("timestamp {text:?}")))
}

/// Days are stored as `YYYY-MM-DD` text.
pub fn from_db_day(text: &str) -> Result<NaiveDate, StoreError> {
    text.parse()
        .map_err(|_| StoreError::Corrupt(format!("day {text:?}")))
}

/// A nullable day column.
pub fn from_db_optional_day(text: Option<String>) -> Result<Option<NaiveDate>, StoreError> {
    text.as_deref().map(from_db_day).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn round_trips_and_sorts_as_text() {
        let early = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let late = Utc.with_ymd_and_hms(2026, 11, 2, 3, 4, 5).unwrap();
        assert_eq!(from_db_time(&to_db_time(early)).unwrap(), early);
        assert!(to_db_time(early) < to_db_time(late));
        assert_eq!(to_db_time(early), "2026-01-02T03:04:05.000000Z");
    }

    #[test]
    fn rejects_garbage() {
        assert!(from_db_time("yesterday").is_err());
    }
}
