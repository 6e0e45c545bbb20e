//! The rules of an individual plan (art. 38–41 of the act): its period, the drafting deadline,
//! who may approve it, which versions are locked, what a plan may contain, and what changed
//! between two versions.

use crate::domain::Role;
use crate::domain::coded::coded_enum;
use crate::domain::label::labels;
use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// A plan is drafted within 30 days of the application (art. 40).
pub const DRAFTING_DAYS: u64 = 30;
/// A plan coordinates services for at least three months (art. 38 ust. 2) and at most a year
/// (art. 40).
pub const MIN_MONTHS: u32 = 3;
pub const MAX_MONTHS: u32 = 12;
/// The follow-up (section G) is due six months after the plan ends.
pub const FOLLOW_UP_MONTHS: u32 = 6;

coded_enum! {
    /// The unit of a plan's quality-check frequency.
    FrequencyUnit {
        Days = "days",
        Weeks = "weeks",
        Months = "months",
    }
}

labels!(FrequencyUnit, plans {
    Days => unit_days,
    Weeks => unit_weeks,
    Months => unit_months,
});

/// How often the quality of the plan's services is checked: every `every` days, weeks or
/// months. It drives the reminder on the plans desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckFrequency {
    pub every: u32,
    pub unit: FrequencyUnit,
}

impl Default for CheckFrequency {
    /// Plans drafted before the frequency was stated were reminded every 30 days.
    fn default() -> Self {
        CheckFrequency {
            every: 30,
            unit: FrequencyUnit::Days,
        }
    }
}

impl CheckFrequency {
    /// The longest period a form accepts (a year in days).
    pub const MAX_EVERY: u32 = 366;

    /// The day the next check is due after one on `last` (or the plan's start).
    pub fn next_after(self, last: NaiveDate) -> NaiveDate {
        match self.unit {
            FrequencyUnit::Days => last + Days::new(u64::from(self.every)),
            FrequencyUnit::Weeks => last + Days::new(7 * u64::from(self.every)),
            FrequencyUnit::Months => last
                .checked_add_months(Months::new(self.every))
                .unwrap_or(last),
        }
    }
}

/// The plan's period, first and last day included: 1 January – 31 March is three months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanPeriod {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl PlanPeriod {
    /// The period, or the key of the rule it breaks.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Self, &'static str> {
        if end < start {
            return Err("period_order");
        }
        let after = end + Days::new(1);
        if after < add_months(start, MIN_MONTHS) {
            return Err("plan_too_short");
        }
        if after > add_months(start, MAX_MONTHS) {
            return Err("plan_too_long");
        }
        Ok(PlanPeriod { start, end })
    }

    /// Whether the plan ends within `days` days of `today` (and has not ended yet).
    pub fn ends_within(&self, today: NaiveDate, days: u64) -> bool {
        today <= self.end && self.end <= today + Days::new(days)
    }

    /// The day the six-month follow-up is due.
    pub fn follow_up_due(&self) -> NaiveDate {
        add_months(self.end, FOLLOW_UP_MONTHS)
    }
}

pub(crate) fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The last day to draft the plan of an application received on `registered_on`.
pub fn drafting_due(registered_on: NaiveDate) -> NaiveDate {
    registered_on + Days::new(DRAFTING_DAYS)
}

/// A plan submitted after the drafting deadline says why (the delay is shown, never silently
/// allowed); the key of what is missing otherwise.
pub fn check_drafting_delay(
    registered_on: NaiveDate,
    today: NaiveDate,
    delay_reason: &str,
) -> Result<(), &'static str> {
    if today > drafting_due(registered_on) && delay_reason.trim().is_empty() {
        Err("delay_reason_required")
    } else {
        Ok(())
    }
}

/// The director's authorisation of someone to approve plans (art. 41), from a day, until a day
/// or until revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authorisation {
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
}

impl Authorisation {
    pub fn covers(&self, on: NaiveDate) -> bool {
        self.from <= on && self.until.is_none_or(|until| on <= until)
    }
}

/// Why someone may not approve a plan: the key shown to them. The director approves; a services
/// organiser only with the director's authorisation for the day (art. 41 ust. 2).
pub fn approval_refusal(
    roles: &[Role],
    authorisations: &[Authorisation],
    on: NaiveDate,
    drafted_by_them: bool,
) -> Option<&'static str> {
    if drafted_by_them {
        return Some("approve_own_plan");
    }
    let authorised =
        || roles.contains(&Role::ServicesOrganiser) && authorisations.iter().any(|a| a.covers(on));
    if roles.contains(&Role::Director) || authorised() {
        None
    } else {
        Some("approval_not_authorised")
    }
}

coded_enum! {
    /// Where a version of a plan stands. Only a draft is written; a returned version stays as the
    /// approver saw it, with the comments, and work goes on in the next version.
    VersionState {
        Draft = "draft",
        Submitted = "submitted",
        Returned = "returned",
        Approved = "approved",
        Superseded = "superseded",
    }
}

labels!(VersionState, plans {
    Draft => state_draft,
    Submitted => state_submitted,
    Returned => state_returned,
    Approved => state_approved,
    Superseded => state_superseded,
});

impl VersionState {
    pub fn is_locked(self) -> bool {
        matches!(
            self,
            VersionState::Submitted
                | VersionState::Returned
                | VersionState::Approved
                | VersionState::Superseded
        )
    }
}

/// A service of the plan (sections C and D): how much, when, by whom, where and how.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedService {
    pub service_id: String,
    pub name: String,
    pub units: u32,
    /// Dates, or a recurrence such as "wtorki 10:00–12:00".
    pub schedule: String,
    pub provider_id: String,
    pub provider_name: String,
    pub place: String,
    pub form: String,
    /// The service of the programme's earlier version this one replaced when the plan moved
    /// onto a new version (how the version diff pairs them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<String>,
}

/// A supporting activity (section E) and who runs it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SupportingActivity {
    pub description: String,
    pub by: String,
    /// The community activity it is, when chosen from the calendar (empty: none).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub activity_id: String,
}

/// What one version of a plan says (sections B–E and the coordinator's notes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanContent {
    pub period: PlanPeriod,
    pub services: Vec<PlannedService>,
    pub activities: Vec<SupportingActivity>,
    pub expected_effects: String,
    /// How the quality of the services is checked, e.g. "rozmowa z osobą i wizyta".
    pub quality_checks: String,
    /// How often it is checked.
    #[serde(default)]
    pub quality_frequency: CheckFrequency,
    /// The programme version its services belong to (plans drafted before it was recorded: none).
    #[serde(default)]
    pub programme: Option<ProgrammeVersion>,
}

/// A programme version a plan's services come from, as the version diff names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeVersion {
    pub id: String,
    pub name: String,
    pub version: u32,
}

/// What the case and the programme allow a plan to contain.
pub struct Allowed<'a> {
    /// Services qualified in this case, of the case's programme version.
    pub qualified: &'a [String],
    /// Who offers what.
    pub offers: &'a [Offer],
}

/// A provider offering a service: a choice for a planned service.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    pub service_id: String,
    pub provider_id: String,
    pub provider_name: String,
}

impl PlanContent {
    /// Every rule a plan's services break, as (field, key): `services[2].provider_id` and so on.
    pub fn check(&self, allowed: &Allowed) -> Vec<(String, &'static str)> {
        let mut errors = Vec::new();
        if self.services.is_empty() {
            errors.push(("services".to_owned(), "plan_without_services"));
        }
        for (i, service) in self.services.iter().enumerate() {
            let field = |name: &str| format!("services[{i}].{name}");
            if !allowed.qualified.contains(&service.service_id) {
                errors.push((field("service_id"), "service_not_qualified"));
            } else if self.services[..i]
                .iter()
                .any(|earlier| earlier.service_id == service.service_id)
            {
                errors.push((field("service_id"), "service_twice"));
            }
            if service.units == 0 {
                errors.push((field("units"), "number_invalid"));
            }
            if service.schedule.trim().is_empty() {
                errors.push((field("schedule"), "required"));
            }
            let offered = allowed.offers.iter().any(|o| {
                o.provider_id == service.provider_id && o.service_id == service.service_id
            });
            if !offered {
                errors.push((field("provider_id"), "provider_not_offering"));
            }
        }
        if self.expected_effects.trim().is_empty() {
            errors.push(("expected_effects".to_owned(), "required"));
        }
        if self.quality_checks.trim().is_empty() {
            errors.push(("quality_checks".to_owned(), "required"));
        }
        errors
    }
}

/// One difference between two versions of a plan, for the diff view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Period {
        from: PlanPeriod,
        to: PlanPeriod,
    },
    ServiceAdded(PlannedService),
    ServiceRemoved(PlannedService),
    /// The same service with other units, schedule, provider, place or form.
    ServiceChanged {
        from: PlannedService,
        to: PlannedService,
    },
    ActivityAdded(SupportingActivity),
    ActivityRemoved(SupportingActivity),
    ExpectedEffects {
        from: String,
        to: String,
    },
    QualityChecks {
        from: String,
        to: String,
    },
    QualityFrequency {
        from: CheckFrequency,
        to: CheckFrequency,
    },
    /// The plan moved onto another version of the programme (its services mapped).
    Programme {
        from: Option<ProgrammeVersion>,
        to: Option<ProgrammeVersion>,
    },
}

/// The same service in an older (`old`) and a newer (`new`) version of a plan: the same id, or
/// its copy in the programme version the plan moved onto.
fn same_service(new: &PlannedService, old: &PlannedService) -> bool {
    new.service_id == old.service_id || new.moved_from.as_ref() == Some(&old.service_id)
}

/// Whether two versions of a service say the same, whichever programme version it is from.
fn same_terms(a: &PlannedService, b: &PlannedService) -> bool {
    let terms = |s: &PlannedService| PlannedService {
        service_id: String::new(),
        moved_from: None,
        ..s.clone()
    };
    terms(a) == terms(b)
}

/// What changed from `old` to `new`, section by section.
pub fn diff(old: &PlanContent, new: &PlanContent) -> Vec<Change> {
    let mut changes = Vec::new();
    if old.programme != new.programme {
        changes.push(Change::Programme {
            from: old.programme.clone(),
            to: new.programme.clone(),
        });
    }
    if old.period != new.period {
        changes.push(Change::Period {
            from: old.period,
            to: new.period,
        });
    }
    for before in &old.services {
        match new.services.iter().find(|s| same_service(s, before)) {
            None => changes.push(Change::ServiceRemoved(before.clone())),
            Some(after) if !same_terms(after, before) => changes.push(Change::ServiceChanged {
                from: before.clone(),
                to: after.clone(),
            }),
            Some(_) => {}
        }
    }
    for after in &new.services {
        if !old.services.iter().any(|s| same_service(after, s)) {
            changes.push(Change::ServiceAdded(after.clone()));
        }
    }
    for before in &old.activities {
        if !new.activities.contains(before) {
            changes.push(Change::ActivityRemoved(before.clone()));
        }
    }
    for after in &new.activities {
        if !old.activities.contains(after) {
            changes.push(Change::ActivityAdded(after.clone()));
        }
    }
    if old.expected_effects != new.expected_effects {
        changes.push(Change::ExpectedEffects {
            from: old.expected_effects.clone(),
            to: new.expected_effects.clone(),
        });
    }
    if old.quality_checks != new.quality_checks {
        changes.push(Change::QualityChecks {
            from: old.quality_checks.clone(),
            to: new.quality_checks.clone(),
        });
    }
    if old.quality_frequency != new.quality_frequency {
        changes.push(Change::QualityFrequency {
            from: old.quality_frequency,
            to: new.quality_frequency,
        });
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_plan_covers_three_months_to_a_year() {
        let start = day(2026, 1, 1);
        assert!(
            PlanPeriod::new(start, day(2026, 3, 31)).is_ok(),
            "three months"
        );
        assert_eq!(
            PlanPeriod::new(start, day(2026, 3, 30)),
            Err("plan_too_short")
        );
        assert!(PlanPeriod::new(start, day(2026, 12, 31)).is_ok(), "a year");
        assert_eq!(
            PlanPeriod::new(start, day(2027, 1, 1)),
            Err("plan_too_long")
        );
        assert_eq!(
            PlanPeriod::new(start, day(2025, 12, 31)),
            Err("period_order")
        );
        // From the last day of a month the months end on the last days of months.
        assert!(PlanPeriod::new(day(2026, 11, 30), day(2027, 2, 27)).is_ok());
        assert_eq!(
            PlanPeriod::new(day(2026, 11, 30), day(2027, 2, 26)),
            Err("plan_too_short")
        );
    }

    #[test]
    fn the_follow_up_is_due_six_months_after_the_end() {
        let period = PlanPeriod::new(day(2026, 3, 1), day(2026, 8, 31)).unwrap();
        assert_eq!(period.follow_up_due(), day(2027, 2, 28));
        assert!(period.ends_within(day(2026, 8, 1), 30));
        assert!(!period.ends_within(day(2026, 7, 31), 30));
        assert!(!period.ends_within(day(2026, 9, 1), 30), "ended already");
    }

    #[test]
    fn a_late_plan_says_why() {
        let registered = day(2026, 10, 1);
        assert_eq!(drafting_due(registered), day(2026, 10, 31));
        assert_eq!(
            check_drafting_delay(registered, day(2026, 10, 31), ""),
            Ok(())
        );
        assert_eq!(
            check_drafting_delay(registered, day(2026, 11, 1), "  "),
            Err("delay_reason_required")
        );
        assert_eq!(
            check_drafting_delay(registered, day(2026, 11, 1), "choroba koordynatora"),
            Ok(())
        );
    }

    #[test]
    fn the_director_approves_and_others_only_when_authorised() {
        let on = day(2026, 11, 24);
        let none: &[Authorisation] = &[];
        assert_eq!(approval_refusal(&[Role::Director], none, on, false), None);
        assert_eq!(
            approval_refusal(&[Role::ServicesOrganiser], none, on, false),
            Some("approval_not_authorised")
        );
        let until_october = [Authorisation {
            from: day(2026, 1, 1),
            until: Some(day(2026, 10, 31)),
        }];
        assert_eq!(
            approval_refusal(&[Role::ServicesOrganiser], &until_october, on, false),
            Some("approval_not_authorised"),
            "expired"
        );
        let open = [Authorisation {
            from: day(2026, 11, 1),
            until: None,
        }];
        assert_eq!(
            approval_refusal(&[Role::ServicesOrganiser], &open, on, false),
            None
        );
        assert_eq!(
            approval_refusal(&[Role::PlanCoordinator], &open, on, false),
            Some("approval_not_authorised"),
            "an authorisation is for the services organiser"
        );
        assert_eq!(
            approval_refusal(&[Role::DeputyDirector], &open, on, false),
            Some("approval_not_authorised"),
            "art. 41 names the services organiser only"
        );
        assert_eq!(
            approval_refusal(&[Role::Director], none, on, true),
            Some("approve_own_plan")
        );
    }

    #[test]
    fn submitted_and_approved_versions_are_locked() {
        assert!(!VersionState::Draft.is_locked());
        assert!(
            VersionState::Returned.is_locked(),
            "work goes on in a new version"
        );
        assert!(VersionState::Submitted.is_locked());
        assert!(VersionState::Approved.is_locked());
        assert!(VersionState::Superseded.is_locked());
    }

    fn care() -> PlannedService {
        PlannedService {
            service_id: "care".into(),
            name: "Usługi opiekuńcze".into(),
            units: 32,
            schedule: "poniedziałki i czwartki 9:00–13:00".into(),
            provider_id: "caritas".into(),
            provider_name: "Caritas".into(),
            place: "mieszkanie".into(),
            form: "indywidualna".into(),
            moved_from: None,
        }
    }

    fn plan() -> PlanContent {
        PlanContent {
            period: PlanPeriod::new(day(2026, 12, 1), day(2027, 5, 31)).unwrap(),
            services: vec![care()],
            activities: vec![SupportingActivity {
                description: "Grupa wsparcia dla opiekunów".into(),
                by: "Klub Seniora".into(),
                ..Default::default()
            }],
            expected_effects: "Samodzielność w domu".into(),
            quality_checks: "rozmowa z osobą".into(),
            quality_frequency: CheckFrequency {
                every: 1,
                unit: FrequencyUnit::Months,
            },
            programme: None,
        }
    }

    #[test]
    fn only_qualified_services_from_providers_offering_them() {
        let qualified = ["care".to_owned()];
        let offers = [Offer {
            service_id: "care".into(),
            provider_id: "caritas".into(),
            provider_name: "Caritas".into(),
        }];
        let allowed = Allowed {
            qualified: &qualified,
            offers: &offers,
        };
        assert!(plan().check(&allowed).is_empty());
        let mut wrong = plan();
        wrong.services.push(PlannedService {
            service_id: "handyman".into(),
            units: 0,
            schedule: " ".into(),
            ..care()
        });
        wrong.quality_checks.clear();
        let keys: Vec<(String, &str)> = wrong.check(&allowed);
        assert_eq!(
            keys,
            [
                ("services[1].service_id".to_owned(), "service_not_qualified"),
                ("services[1].units".to_owned(), "number_invalid"),
                ("services[1].schedule".to_owned(), "required"),
                (
                    "services[1].provider_id".to_owned(),
                    "provider_not_offering"
                ),
                ("quality_checks".to_owned(), "required"),
            ]
        );
        let mut twice = plan();
        twice.services.push(care());
        assert_eq!(
            twice.check(&allowed),
            [("services[1].service_id".to_owned(), "service_twice")]
        );
    }

    #[test]
    fn the_diff_names_every_section_that_changed() {
        let old = plan();
        assert!(diff(&old, &old).is_empty());
        let mut new = plan();
        new.period = PlanPeriod::new(day(2026, 12, 1), day(2027, 8, 31)).unwrap();
        new.services[0].units = 48;
        new.services.push(PlannedService {
            service_id: "handyman".into(),
            ..care()
        });
        new.activities.clear();
        new.quality_checks = "wizyta w domu".into();
        new.quality_frequency.every = 2;
        let changes = diff(&old, &new);
        assert_eq!(changes.len(), 6, "{changes:?}");
        assert!(matches!(&changes[0], Change::Period { to, .. } if to.end == day(2027, 8, 31)));
        assert!(
            matches!(&changes[1], Change::ServiceChanged { from, to } if from.units == 32 && to.units == 48)
        );
        assert!(matches!(&changes[2], Change::ServiceAdded(s) if s.service_id == "handyman"));
        assert!(matches!(&changes[3], Change::ActivityRemoved(a) if a.by == "Klub Seniora"));
        assert!(matches!(&changes[4], Change::QualityChecks { to, .. } if to == "wizyta w domu"));
        assert!(matches!(&changes[5], Change::QualityFrequency { to, .. } if to.every == 2));
    }

    #[test]
    fn a_plan_moved_onto_a_new_programme_version_shows_the_move_and_real_changes_only() {
        let version = |id: &str, version| {
            Some(ProgrammeVersion {
                id: id.into(),
                name: "Program usług społecznych".into(),
                version,
            })
        };
        let old = PlanContent {
            programme: version("p1", 1),
            ..plan()
        };
        let mut new = PlanContent {
            programme: version("p2", 2),
            ..plan()
        };
        new.services[0].service_id = "care-2".into();
        new.services[0].moved_from = Some("care".into());
        let changes = diff(&old, &new);
        assert_eq!(
            changes.len(),
            1,
            "the same service under a new id: {changes:?}"
        );
        assert!(
            matches!(&changes[0], Change::Programme { from, to } if from.as_ref().unwrap().version == 1 && to.as_ref().unwrap().version == 2)
        );
        new.services[0].provider_id = String::new();
        let changes = diff(&old, &new);
        assert!(
            matches!(&changes[1], Change::ServiceChanged { to, .. } if to.service_id == "care-2"),
            "{changes:?}"
        );
        new.services[0].name = "Usługi opiekuńcze w domu".into();
        assert_eq!(
            diff(&old, &new).len(),
            2,
            "a renamed copy is the same service"
        );
    }
}
