//! The single source of "now". Code asks a `Clock` instead of calling
//! `Utc::now()` so tests can pin and move time (deadlines, ages, expiry).

use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use chrono::{DateTime, Duration, Utc};

/// A clock that reads system time unless a fixed instant is set.
///
/// Clones share one setting (it sits behind an `Arc`), so a test can keep a
/// clone of the clock it handed to the application and move time for both.
/// `Default` is the system clock. The lock is poison-safe: a panic in
/// another thread holding it never makes the clock panic.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    fixed: Arc<RwLock<Option<DateTime<Utc>>>>,
    /// Added to real time while no instant is fixed (`shift`).
    offset: Arc<RwLock<Duration>>,
}

impl Clock {
    /// Real time.
    pub fn system() -> Self {
        Self::default()
    }

    /// Stopped at `at` until `set`, `advance` or `reset_to_system`.
    pub fn fixed(at: DateTime<Utc>) -> Self {
        Self {
            fixed: Arc::new(RwLock::new(Some(at))),
            offset: Arc::default(),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        (*self.read()).unwrap_or_else(|| {
            let offset = *self.offset.read().unwrap_or_else(|e| e.into_inner());
            Utc::now()
                .checked_add_signed(offset)
                .unwrap_or(DateTime::<Utc>::MAX_UTC)
        })
    }

    /// Moves time by `by` and lets it run on: real time plus the shifts so far (a fixed clock
    /// just moves). The end-to-end tests' test clock: sessions, codes and deadlines all follow.
    pub fn shift(&self, by: Duration) {
        if self.is_fixed() {
            return self.advance(by);
        }
        let mut offset = self.offset.write().unwrap_or_else(|e| e.into_inner());
        *offset = offset.checked_add(&by).unwrap_or(*offset);
    }

    /// Stops the clock at `at` (for every clone).
    pub fn set(&self, at: DateTime<Utc>) {
        *self.write() = Some(at);
    }

    /// Moves time by `by` (may be negative). On a system clock this stops
    /// the clock at system now + `by`, since "real time, but shifted" would
    /// make tests depend on how long they run. Saturates at chrono's
    /// representable range rather than panicking.
    pub fn advance(&self, by: Duration) {
        let mut fixed = self.write();
        let base = (*fixed).unwrap_or_else(Utc::now);
        let moved = base
            .checked_add_signed(by)
            .unwrap_or(if by < Duration::zero() {
                DateTime::<Utc>::MIN_UTC
            } else {
                DateTime::<Utc>::MAX_UTC
            });
        *fixed = Some(moved);
    }

    /// Back to real time (for every clone).
    pub fn reset_to_system(&self) {
        *self.write() = None;
        *self.offset.write().unwrap_or_else(|e| e.into_inner()) = Duration::zero();
    }

    /// True while a fixed instant is set.
    pub fn is_fixed(&self) -> bool {
        self.read().is_some()
    }

    // The guarded value is a plain `Option<DateTime>`, always valid, so a
    // poisoned lock is safe to keep using.
    fn read(&self) -> RwLockReadGuard<'_, Option<DateTime<Utc>>> {
        self.fixed.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, Option<DateTime<Utc>>> {
        self.fixed.write().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    #[test]
    fn system_clock_follows_real_time() {
        let clock = Clock::system();
        let before = Utc::now();
        let now = clock.now();
        let after = Utc::now();
        assert!(before <= now && now <= after);
        assert!(!clock.is_fixed());
        assert!(!Clock::default().is_fixed());
    }

    #[test]
    fn fixed_clock_stands_still() {
        let t = at(2026, 3, 1, 8, 0);
        let clock = Clock::fixed(t);
        assert_eq!(clock.now(), t);
        assert_eq!(clock.now(), t);
        assert!(clock.is_fixed());
    }

    #[test]
    fn set_and_advance() {
        let clock = Clock::system();
        clock.set(at(2026, 12, 31, 23, 30));
        clock.advance(Duration::minutes(45));
        assert_eq!(clock.now(), at(2027, 1, 1, 0, 15));
        clock.advance(Duration::days(-1));
        assert_eq!(clock.now(), at(2026, 12, 31, 0, 15));
    }

    #[test]
    fn advance_on_system_clock_freezes_it_shifted() {
        let clock = Clock::system();
        let before = Utc::now();
        clock.advance(Duration::hours(1));
        let after = Utc::now();
        assert!(clock.is_fixed());
        let now = clock.now();
        assert!(before + Duration::hours(1) <= now && now <= after + Duration::hours(1));
    }

    #[test]
    fn a_shifted_clock_runs_on() {
        let clock = Clock::system();
        clock.shift(Duration::days(200));
        let before = Utc::now() + Duration::days(200);
        let now = clock.now();
        assert!(!clock.is_fixed());
        assert!(before <= now && now <= Utc::now() + Duration::days(200));
        clock.shift(Duration::days(-200));
        assert!(clock.now() <= Utc::now());
        clock.reset_to_system();
        assert!(clock.now() <= Utc::now());
    }

    #[test]
    fn advance_saturates_at_the_ends_of_time() {
        let clock = Clock::fixed(at(2026, 1, 1, 0, 0));
        clock.advance(Duration::MAX);
        assert_eq!(clock.now(), DateTime::<Utc>::MAX_UTC);
        clock.advance(Duration::MIN);
        clock.advance(Duration::MIN);
        assert_eq!(clock.now(), DateTime::<Utc>::MIN_UTC);
    }

    #[test]
    fn reset_returns_to_real_time() {
        let clock = Clock::fixed(at(2000, 1, 1, 0, 0));
        clock.reset_to_system();
        assert!(!clock.is_fixed());
        assert!(clock.now() > at(2020, 1, 1, 0, 0));
    }

    #[test]
    fn clones_share_the_setting() {
        let app_clock = Clock::system();
        let test_handle = app_clock.clone();
        test_handle.set(at(2026, 5, 14, 12, 0));
        assert_eq!(app_clock.now(), at(2026, 5, 14, 12, 0));
        test_handle.reset_to_system();
        assert!(!app_clock.is_fixed());
    }

    #[test]
    fn survives_a_poisoned_lock() {
        let clock = Clock::fixed(at(2026, 1, 1, 0, 0));
        let inner = clock.clone();
        let result = std::thread::spawn(move || {
            let _guard = inner.fixed.write().unwrap();
            panic!("poisoning the clock lock on purpose");
        })
        .join();
        assert!(result.is_err());
        assert!(clock.fixed.is_poisoned());

        assert_eq!(clock.now(), at(2026, 1, 1, 0, 0));
        clock.advance(Duration::days(1));
        assert_eq!(clock.now(), at(2026, 1, 2, 0, 0));
        clock.reset_to_system();
        assert!(!clock.is_fixed());
    }

    #[test]
    fn is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Clock>();
    }
}

/// A moment as people at the centre read it: Warsaw local time, e.g. `23.11.2026 14:05`.
pub fn warsaw_display(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Warsaw)
        .format("%d.%m.%Y %H:%M")
        .to_string()
}

/// The calendar day in Warsaw at this moment.
pub fn warsaw_date(at: DateTime<Utc>) -> chrono::NaiveDate {
    at.with_timezone(&chrono_tz::Europe::Warsaw).date_naive()
}

/// A day as people read it: `23.11.2026`.
pub fn date_display(date: chrono::NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// A day typed as `YYYY-MM-DD` that has already come: the day, or the error key for its field
/// (`date_invalid`, `date_in_future`).
pub fn past_day(text: &str, today: chrono::NaiveDate) -> Result<chrono::NaiveDate, &'static str> {
    match chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        Ok(day) if day <= today => Ok(day),
        Ok(_) => Err("date_in_future"),
        Err(_) => Err("date_invalid"),
    }
}

#[cfg(test)]
mod warsaw_tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn shows_winter_and_summer_time() {
        let winter = Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap();
        let summer = Utc.with_ymd_and_hms(2026, 7, 15, 12, 0, 0).unwrap();
        assert_eq!(warsaw_display(winter), "15.01.2026 13:00");
        assert_eq!(warsaw_display(summer), "15.07.2026 14:00");
    }

    #[test]
    fn a_past_day_has_come() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(past_day(" 2026-11-24 ", today), Ok(today));
        assert_eq!(past_day("2026-11-25", today), Err("date_in_future"));
        assert_eq!(past_day("24.11.2026", today), Err("date_invalid"));
    }
}
