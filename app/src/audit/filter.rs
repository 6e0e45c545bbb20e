//! The log viewer's filter: as typed in the query string (`AuditQuery`, shareable URLs) and
//! as the store applies it (`AuditFilter`, checked and in UTC).

use super::AuditAction;
use crate::domain::Email;
use crate::error::{AppError, FieldErrors};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Warsaw;
use serde::{Deserialize, Serialize};

/// Entries per page of the viewer.
pub const PAGE_SIZE: i64 = 50;

/// The filter form's fields, named as in the URL (`/pracownik/audyt?od=2026-11-01&akcja=read`).
/// Empty means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    /// First day (Europe/Warsaw), `YYYY-MM-DD`.
    #[serde(rename = "od")]
    pub from: String,
    /// Last day (Europe/Warsaw), inclusive.
    #[serde(rename = "do")]
    pub to: String,
    /// The actor's user id or e-mail.
    #[serde(rename = "kto")]
    pub actor: String,
    #[serde(rename = "akcja")]
    pub action: String,
    #[serde(rename = "osoba")]
    pub person: String,
    #[serde(rename = "typ")]
    pub record_type: String,
    #[serde(rename = "rekord")]
    pub record_id: String,
    pub ip: String,
    /// 1-based page number; 0 or missing is the first page.
    #[serde(rename = "strona")]
    pub page: u32,
}

/// A checked filter: every condition that is set must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Entries at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Entries before this instant.
    pub before: Option<DateTime<Utc>>,
    pub actor_id: Option<String>,
    /// The actor's account key (lower-case e-mail), matched through `users`.
    pub actor_email: Option<String>,
    pub action: Option<AuditAction>,
    pub person_id: Option<String>,
    pub record_type: Option<String>,
    pub record_id: Option<String>,
    pub ip: Option<String>,
}

fn set(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// Midnight of `day` in Warsaw, in UTC.
fn warsaw_midnight(day: NaiveDate) -> Option<DateTime<Utc>> {
    Warsaw
        .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

fn parse_day(text: &str) -> Result<Option<NaiveDate>, ()> {
    match set(text) {
        None => Ok(None),
        Some(text) => NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ()),
    }
}

impl AuditQuery {
    /// The page to show (1-based).
    pub fn page(&self) -> u32 {
        self.page.max(1)
    }

    /// This query's URL parameters for `page` (empty fields left out), starting with `?`.
    pub fn to_query_string(&self, page: Option<u32>) -> String {
        let page = page.map(|p| p.to_string()).unwrap_or_default();
        let pairs = [
            ("od", self.from.as_str()),
            ("do", self.to.as_str()),
            ("kto", self.actor.as_str()),
            ("akcja", self.action.as_str()),
            ("osoba", self.person.as_str()),
            ("typ", self.record_type.as_str()),
            ("rekord", self.record_id.as_str()),
            ("ip", self.ip.as_str()),
            ("strona", page.as_str()),
        ];
        let map: leptos_router::params::ParamsMap = pairs
            .into_iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (k, v.trim().to_owned()))
            .collect();
        map.to_query_string()
    }

    /// Checks the fields; errors name the form field (`od`, `do`, `kto`, `akcja`).
    pub fn to_filter(&self) -> Result<AuditFilter, AppError> {
        let mut errors = FieldErrors::new();
        let from = parse_day(&self.from).unwrap_or_else(|_| {
            errors.insert("od".into(), "date_invalid".into());
            None
        });
        let to = parse_day(&self.to).unwrap_or_else(|_| {
            errors.insert("do".into(), "date_invalid".into());
            None
        });
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            errors.insert("do".into(), "date_range".into());
        }
        let action = set(&self.action).and_then(|code| {
            let action = AuditAction::from_code(&code);
            if action.is_none() {
                errors.insert("akcja".into(), "generic".into());
            }
            action
        });
        let (mut actor_id, mut actor_email) = (None, None);
        if let Some(actor) = set(&self.actor) {
            if actor.contains('@') {
                match Email::parse(&actor) {
                    Ok(email) => actor_email = Some(email.account_key()),
                    Err(_) => {
                        errors.insert("kto".into(), "email_invalid".into());
                    }
                }
            } else {
                actor_id = Some(actor);
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        Ok(AuditFilter {
            since: from.and_then(warsaw_midnight),
            before: to.and_then(|d| d.succ_opt()).and_then(warsaw_midnight),
            actor_id,
            actor_email,
            action,
            person_id: set(&self.person),
            record_type: set(&self.record_type),
            record_id: set(&self.record_id),
            ip: set(&self.ip),
        })
    }
}

/// A stored time (UTC RFC 3339) as people in the centre read it: Europe/Warsaw.
pub fn warsaw_time(at: &str) -> String {
    DateTime::parse_from_rfc3339(at)
        .map(|t| {
            t.with_timezone(&Warsaw)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_else(|_| at.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_warsaw_days() {
        let query = AuditQuery {
            from: "2026-07-01".into(),
            to: "2026-12-31".into(),
            ..Default::default()
        };
        let filter = query.to_filter().unwrap();
        // Summer time (UTC+2) on 1 July, winter time (UTC+1) on 1 January.
        assert_eq!(
            filter.since,
            Some(Utc.with_ymd_and_hms(2026, 6, 30, 22, 0, 0).unwrap())
        );
        assert_eq!(
            filter.before,
            Some(Utc.with_ymd_and_hms(2026, 12, 31, 23, 0, 0).unwrap())
        );
        assert_eq!(
            warsaw_time("2026-11-23T09:00:00.000000Z"),
            "2026-11-23 10:00:00"
        );
    }

    #[test]
    fn bad_fields_are_named() {
        let query = AuditQuery {
            from: "wczoraj".into(),
            actor: "nie@".into(),
            action: "hack".into(),
            ..Default::default()
        };
        let Err(AppError::Invalid(errors)) = query.to_filter() else {
            panic!("invalid")
        };
        assert_eq!(errors.keys().collect::<Vec<_>>(), ["akcja", "kto", "od"]);
        let reversed = AuditQuery {
            from: "2026-02-02".into(),
            to: "2026-02-01".into(),
            ..Default::default()
        };
        assert!(reversed.to_filter().is_err());
    }

    #[test]
    fn actor_by_email_or_id_and_shareable_urls() {
        let by_email = AuditQuery {
            actor: " IOD@cus.example ".into(),
            ..Default::default()
        };
        let filter = by_email.to_filter().unwrap();
        assert_eq!(filter.actor_email.as_deref(), Some("iod@cus.example"));
        assert_eq!(filter.actor_id, None);
        let query = AuditQuery {
            action: "read".into(),
            record_type: "konto osoby".into(),
            ..Default::default()
        };
        let url = query.to_query_string(Some(2));
        assert!(url.starts_with('?'), "{url}");
        assert!(
            url.contains("akcja=read") && url.contains("strona=2"),
            "{url}"
        );
        assert!(!url.contains(' '), "{url}");
        assert_eq!(AuditQuery::default().to_query_string(None), "");
    }
}
