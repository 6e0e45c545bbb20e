//! Working days in Poland and the KPA deadlines that count them: public holidays by statute,
//! the next working day (art. 57 § 4) and the decision deadline of a case (art. 35, 57 § 3).

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Easter Sunday (anonymous Gregorian algorithm).
pub(crate) fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).unwrap_or_default()
}

/// Days free from work by statute in Poland (ustawa o dniach wolnych od pracy).
pub fn is_public_holiday(date: NaiveDate) -> bool {
    let fixed = [
        (1, 1),
        (1, 6),
        (5, 1),
        (5, 3),
        (8, 15),
        (11, 1),
        (11, 11),
        (12, 24),
        (12, 25),
        (12, 26),
    ];
    if fixed.contains(&(date.month(), date.day())) {
        return true;
    }
    let easter = easter(date.year());
    // Easter Sunday and Monday, Pentecost Sunday, Corpus Christi.
    [0, 1, 49, 60]
        .into_iter()
        .any(|offset| easter.checked_add_days(Days::new(offset)) == Some(date))
}

/// `day`, or the next working day when it is a Saturday, a Sunday or a public holiday: where a
/// deadline that ends on such a day ends (KPA art. 57 § 4).
pub fn working_day_from(day: NaiveDate) -> NaiveDate {
    let mut day = day;
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) || is_public_holiday(day) {
        day = day + Days::new(1);
    }
    day
}

/// The KPA deadline: the same day one (or two) months later, or the month's last day when it
/// has no such day (art. 57 § 3), moved to the next working day when that is a Saturday, a
/// Sunday or a public holiday (§ 4).
pub fn decision_due(registered_on: NaiveDate, complicated: bool) -> NaiveDate {
    let months = if complicated { 2 } else { 1 };
    working_day_from(
        registered_on
            .checked_add_months(Months::new(months))
            .unwrap_or(registered_on),
    )
}
