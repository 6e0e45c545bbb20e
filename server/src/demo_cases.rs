//! Demo cases for the staff's side: three dozen made-up applications to the demo programmes in
//! every state a case reaches — new, assigned, qualified, on the waiting list, refused with a
//! decision, forwarded, withdrawn — individual plans at each stage with monitoring entries, and
//! a coordinators' meeting. Everything goes through the store's functions, in the order and with
//! the values the server functions use, on days before today so that the inbox shows deadlines
//! on time, due soon and overdue. Only `demo::seed` calls it: never in production.

use app::applications::person::{APPLICANT_FIELDS, Dependency, DisabilityDegree};
use app::applications::store::NewDraft;
use app::applications::{ApplicantRole, Channel, PersonInput};
use app::case_file::places::Grant;
use app::case_file::record::CaseIndex;
use app::cases::CasePath;
use app::cases::decision::{
    DecisionDocument, FINDINGS_MARK, RefusalCase, RefusalTexts, appeal_due, is_public_holiday,
};
use app::cases::forwarding::ForwardTarget;
use app::cases::qualification::{FeeForm, FeeRecord, age_of};
use app::cases::templates::{DecisionTemplates, RefusalFacts};
use app::centre::CentreInfo;
use app::domain::{Clock, Email, Grosze, warsaw_date};
use app::ipus::meetings::NewMeeting;
use app::ipus::monitoring::{Closure, EntryKind, PlanEntry};
use app::ipus::store::Draft;
use app::ipus::{
    CheckFrequency, FrequencyUnit, PlanContent, PlanPeriod, PlannedService, SupportingActivity,
};
use app::programme::fees::FeeRule;
use app::programme::{Programme, Service, ServicePlace};
use app::store::{Store, StoreError};
use chrono::{DateTime, Datelike, Days, Duration, Months, NaiveDate, Utc, Weekday};
use std::cell::Cell;
use std::collections::HashMap;

use CasePath::{OneOff, ShortTerm};
use Channel::{Email as ByEmail, InPerson, Online, Paper};
use PlanStage::*;
use Stage::*;

// The demo catalogue's services (`demo_catalogue.rs`) the cases ask for.
const HANDYMAN: &str = "Złota Rączka – drobne naprawy w domu seniora";
const CARE: &str = "Usługi opiekuńcze w miejscu zamieszkania";
const TRANSPORT: &str = "Transport door-to-door";
const CLUB: &str = "Klub Aktywności Lokalnej";
const FAMILY_CLUB: &str = "Klub Rodzinny";
const THERAPY: &str = "Terapia rodzinna i krótkoterminowa";
const COUNSELLING: &str = "Indywidualne poradnictwo psychologiczne";
const MEDIATION: &str = "Mediacje rodzinne";
const PHYSIO: &str = "Poradnictwo fizjoterapeutyczne";
const ADDICTION: &str = "Terapia dla osób uzależnionych";
const EQUIPMENT: &str = "Wypożyczalnia sprzętu rehabilitacyjnego";
const ASSISTANCE: &str = "Usługi asystencko-wspierające";
const NURSING: &str = "Usługi pielęgniarstwa środowiskowego";

/// The person a case is about.
#[derive(Clone, Copy)]
struct Person {
    name: &'static str,
    born: &'static str,
    /// "street and number, postal code town".
    address: &'static str,
    /// A `DisabilityDegree` code.
    disability: &'static str,
    /// People in the household and the monthly net income per person in złoty (stored only
    /// where the programme asks for them).
    means: (u8, u32),
}

const fn person(
    name: &'static str,
    born: &'static str,
    address: &'static str,
    disability: &'static str,
    means: (u8, u32),
) -> Person {
    Person {
        name,
        born,
        address,
        disability,
        means,
    }
}

/// Where a forwarded request went, and why.
#[derive(Clone, Copy)]
struct Forward {
    target: ForwardTarget,
    recipient: &'static str,
    reason: &'static str,
}

/// How far an individual plan has come.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PlanStage {
    Drafted,
    Submitted,
    /// Returned by the director with comments: the next version is a draft.
    Returned,
    /// Approved and running, with monitoring entries.
    Running,
    /// Ran its course and closed: the follow-up is due six months after its end.
    Closed,
}

/// How far a case has come.
#[derive(Clone, Copy)]
enum Stage {
    /// Registered, nobody assigned yet.
    New,
    /// A coordinator and a path, nothing decided yet.
    Assigned(CasePath),
    /// Every service granted.
    Qualified(CasePath),
    /// Qualified after the service's budget was used up: on the waiting list.
    Waiting,
    /// Refused with a numbered decision stating `finding`; its delivery recorded or not.
    Refused {
        finding: &'static str,
        delivered: bool,
    },
    Forwarded(Forward),
    /// Withdrawn by whoever filed it.
    Withdrawn,
    /// On the plan path, qualified, and its plan at this stage.
    Plan(PlanStage),
}

impl Stage {
    fn assigned(self) -> bool {
        !matches!(self, New | Withdrawn)
    }

    fn path(self) -> Option<CasePath> {
        match self {
            Assigned(path) | Qualified(path) => Some(path),
            Waiting => Some(OneOff),
            Plan(_) => Some(CasePath::Plan),
            _ => None,
        }
    }

    fn qualified(self) -> bool {
        matches!(self, Qualified(_) | Waiting | Plan(_))
    }
}

/// One application: the person, who applies for them (same address) when not they themselves,
/// how and how many days ago it came in, the services with the units granted, and its stage.
struct Case {
    person: Person,
    carer: Option<&'static str>,
    channel: Channel,
    days_ago: u32,
    services: &'static [(&'static str, u32)],
    stage: Stage,
}

const fn case(
    person: Person,
    carer: Option<&'static str>,
    (channel, days_ago): (Channel, u32),
    services: &'static [(&'static str, u32)],
    stage: Stage,
) -> Case {
    Case {
        person,
        carer,
        channel,
        days_ago,
        services,
        stage,
    }
}

/// The demo resident (`demo::seed`) files online, for herself and for her mother.
const MARIA: Person = person(
    "Maria Mieszkanka",
    "1961-09-15",
    "ul. Ogrodowa 14, 39-200 Dębica",
    "none",
    (2, 1525),
);

const TO_PCPR: Forward = Forward {
    target: ForwardTarget::Authority,
    recipient: "Powiatowe Centrum Pomocy Rodzinie w Dębicy",
    reason: "Wniosek dotyczy dofinansowania zakupu wózka inwalidzkiego ze środków PFRON, \
             o którym rozstrzyga powiat.",
};

const TO_SCHOOLS: Forward = Forward {
    target: ForwardTarget::GminaOffice,
    recipient: "Urząd Gminy Dębica, Referat Oświaty",
    reason: "Bezpłatny dowóz ucznia z niepełnosprawnością do szkoły zapewnia gmina \
             (art. 39 ust. 4 Prawa oświatowego).",
};

const UNDER_60: &str = "strona nie ukończyła 60 lat, a usługa jest przeznaczona dla osób, \
                        które ukończyły 60 lat";
const NO_CERTIFICATE: &str = "strona nie posiada orzeczenia o niepełnosprawności ani orzeczenia \
                              równoważnego, którego Program wymaga";

/// The cases, oldest first (case numbers follow registration). The five Złota Rączka grants use
/// its whole budget (1 500 hours at 40 zł), so the three requests after them wait. The transport's
/// 60 trips are held by the running and the submitted plan (16 + 12), so Eugeniusz Grabowski's 40
/// wait until the running plan closes.
#[rustfmt::skip]
const CASES: &[Case] = &[
    case(person("Stanisław Wójcik", "1941-02-17", "Latoszyn 118, 39-200 Dębica", "severe", (2, 1650)),
         Some("Teresa Wójcik"), (Paper, 215), &[(CARE, 120), (TRANSPORT, 24)], Plan(Closed)),
    case(person("Jadwiga Mazur", "1939-11-05", "ul. Słoneczna 7, 39-200 Dębica", "moderate", (1, 1420)),
         None, (InPerson, 44), &[(HANDYMAN, 400)], Qualified(OneOff)),
    case(person("Alicja Lis", "1983-09-14", "ul. Kraszewskiego 11/4, 39-200 Dębica", "none", (3, 1150)),
         None, (InPerson, 43), &[(THERAPY, 12)], New),
    case(person("Henryk Zając", "1946-06-21", "Stasiówka 45, 39-200 Dębica", "light", (2, 980)),
         None, (Paper, 42), &[(HANDYMAN, 350)], Qualified(OneOff)),
    case(person("Stanisława Mieszkanka", "1938-04-02", "ul. Ogrodowa 14, 39-200 Dębica", "severe", (2, 1525)),
         Some(MARIA.name), (Online, 41), &[(CARE, 80), (TRANSPORT, 16)], Plan(Running)),
    case(person("Tadeusz Kaczmarek", "1944-12-09", "Pustków 210, 39-206 Pustków", "moderate", (2, 1180)),
         None, (InPerson, 40), &[(HANDYMAN, 300)], Qualified(OneOff)),
    case(person("Zbigniew Sikora", "1947-08-12", "ul. Rzeszowska 55/12, 39-200 Dębica", "none", (2, 1900)),
         None, (Paper, 38), &[(HANDYMAN, 250)], Qualified(OneOff)),
    case(person("Helena Baran", "1950-01-25", "Nagawczyna 33, 39-200 Dębica", "moderate", (1, 1250)),
         None, (InPerson, 37), &[(HANDYMAN, 200)], Qualified(OneOff)),
    case(person("Marek Krawczyk", "1972-10-19", "ul. Sandomierska 3, 39-200 Dębica", "none", (1, 2900)),
         None, (InPerson, 36), &[(ADDICTION, 10)], Assigned(ShortTerm)),
    case(person("Barbara Kubiak", "1968-03-04", "Zawada 140, 39-200 Dębica", "none", (1, 2300)),
         None, (InPerson, 35), &[(HANDYMAN, 12)], Refused { finding: UNDER_60, delivered: true }),
    case(MARIA, None, (Online, 33), &[(CLUB, 1)], Withdrawn),
    case(person("Józef Czarnecki", "1943-03-11", "Kozłów 56, 39-200 Dębica", "moderate", (1, 1380)),
         None, (Paper, 32), &[(HANDYMAN, 30)], Waiting),
    case(person("Ewa Dudek", "1979-02-27", "ul. Łąkowa 9, 39-200 Dębica", "none", (4, 1050)),
         None, (InPerson, 31), &[(FAMILY_CLUB, 1), (MEDIATION, 4)], Qualified(ShortTerm)),
    case(person("Wiesław Jaworski", "1955-11-30", "Głobikowa 88, 39-200 Dębica", "severe", (2, 1600)),
         None, (InPerson, 30), &[(ASSISTANCE, 60), (NURSING, 30)], Plan(Returned)),
    case(person("Patryk Michalski", "2011-06-05", "ul. Cmentarna 4, 39-200 Dębica", "none", (4, 1200)),
         Some("Katarzyna Michalska"), (ByEmail, 28), &[(COUNSELLING, 8)], Qualified(ShortTerm)),
    case(person("Leszek Ostrowski", "1965-08-22", "Stobierna 101, 39-200 Dębica", "severe", (2, 1400)),
         None, (InPerson, 27), &[(EQUIPMENT, 1)], Forwarded(TO_PCPR)),
    case(person("Agnieszka Szewczyk", "1990-04-17", "ul. Kościuszki 27/3, 39-200 Dębica", "none", (1, 3100)),
         None, (Paper, 27), &[(COUNSELLING, 6)], Assigned(ShortTerm)),
    case(person("Irena Wróbel", "1945-10-10", "ul. Mickiewicza 18/6, 39-200 Dębica", "light", (1, 1290)),
         None, (InPerson, 26), &[(HANDYMAN, 16)], Waiting),
    case(person("Monika Walczak", "1987-05-29", "ul. Głowackiego 2/15, 39-200 Dębica", "none", (3, 1400)),
         None, (InPerson, 25), &[(FAMILY_CLUB, 1), (THERAPY, 10)], Assigned(ShortTerm)),
    case(MARIA, None, (Online, 24), &[(HANDYMAN, 20)], Waiting),
    case(person("Danuta Kozłowska", "1948-12-01", "Kędzierz 23, 39-200 Dębica", "moderate", (1, 1500)),
         None, (InPerson, 23), &[(CARE, 40)], Qualified(ShortTerm)),
    case(person("Grzegorz Wieczorek", "1958-02-14", "Pustynia 150, 39-200 Dębica", "none", (3, 1700)),
         None, (Paper, 22), &[(ASSISTANCE, 30)], Refused { finding: NO_CERTIFICATE, delivered: true }),
    case(person("Kazimierz Nowicki", "1942-07-07", "ul. Wielopolska 31, 39-200 Dębica", "severe", (2, 1450)),
         Some("Elżbieta Nowicka"), (InPerson, 18), &[(CARE, 100), (TRANSPORT, 12)], Plan(Submitted)),
    case(person("Oliwia Adamczyk", "2014-09-09", "Latoszyn 301, 39-200 Dębica", "child_certificate", (4, 1100)),
         Some("Zofia Adamczyk"), (Paper, 17), &[(TRANSPORT, 40)], Forwarded(TO_SCHOOLS)),
    case(person("Piotr Kamiński", "1970-03-18", "ul. Piłsudskiego 40/8, 39-200 Dębica", "none", (1, 2500)),
         None, (InPerson, 16), &[(HANDYMAN, 8)], Refused { finding: UNDER_60, delivered: true }),
    case(person("Teresa Zielińska", "1951-06-06", "Stasiówka 210, 39-200 Dębica", "moderate", (1, 1800)),
         None, (Paper, 15), &[(PHYSIO, 20)], Qualified(ShortTerm)),
    case(person("Bogdan Witkowski", "1962-01-20", "ul. 3 Maja 12, 39-200 Dębica", "light", (2, 2200)),
         None, (InPerson, 14), &[(PHYSIO, 10)], Withdrawn),
    case(person("Janina Pietrzak", "1949-08-30", "Brzeźnica 77, 39-207 Brzeźnica", "moderate", (1, 1330)),
         None, (InPerson, 12), &[(CARE, 60)], New),
    case(person("Renata Kwiatkowska", "1975-11-11", "ul. Kolejowa 6/2, 39-200 Dębica", "none", (2, 2600)),
         None, (Paper, 11), &[(ASSISTANCE, 20)], Refused { finding: NO_CERTIFICATE, delivered: false }),
    case(person("Natalia Kubacka", "1992-12-03", "Gumniska 77, 39-200 Dębica", "none", (3, 1250)),
         None, (InPerson, 9), &[(THERAPY, 12), (COUNSELLING, 8), (MEDIATION, 4)], Plan(Drafted)),
    case(person("Andrzej Wiśniewski", "1953-05-15", "ul. Matejki 8, 39-200 Dębica", "light", (2, 1750)),
         None, (InPerson, 8), &[(HANDYMAN, 24)], New),
    case(person("Eugeniusz Grabowski", "1940-05-19", "Braciejowa 64, 39-200 Dębica", "severe", (1, 1350)),
         None, (InPerson, 7), &[(TRANSPORT, 40)], Waiting),
    case(person("Krystyna Pawlak", "1952-03-30", "Podgrodzie 12, 39-200 Dębica", "moderate", (1, 1600)),
         None, (Paper, 6), &[(EQUIPMENT, 1), (NURSING, 10)], New),
    case(person("Dariusz Sowa", "1966-07-24", "ul. Krakowska 90, 39-200 Dębica", "moderate", (2, 2000)),
         None, (InPerson, 5), &[(EQUIPMENT, 1)], Assigned(OneOff)),
    case(person("Weronika Jasińska", "2009-02-11", "ul. Wyspiańskiego 14, 39-200 Dębica", "none", (3, 1300)),
         Some("Beata Jasińska"), (InPerson, 3), &[(COUNSELLING, 6)], New),
    case(person("Roman Błaszczyk", "1957-10-02", "Kozłów 12, 39-200 Dębica", "light", (2, 1900)),
         None, (Paper, 2), &[(CLUB, 1)], New),
    case(person("Genowefa Lewandowska", "1936-01-13", "ul. Rzeszowska 12/3, 39-200 Dębica", "severe", (1, 1450)),
         None, (InPerson, 1), &[(CARE, 90), (TRANSPORT, 10)], New),
];

/// The running plan's monitoring: days after its start, kind, text, whether it is a problem.
const ENTRIES: [(u32, EntryKind, &str, bool); 3] = [
    (
        3,
        EntryKind::HomeVisit,
        "Wizyta domowa: opiekunka przychodzi zgodnie z harmonogramem, pani Stanisława jest \
         zadowolona ze wsparcia.",
        false,
    ),
    (
        13,
        EntryKind::QualityCheck,
        "Kontrola jakości u usługodawcy: karty czasu pracy podpisane, godziny zgodne z planem.",
        false,
    ),
    (
        22,
        EntryKind::Phone,
        "Telefon od córki: przewoźnik odwołał w tym tygodniu dwa przejazdy do lekarza; \
         ustalono zastępstwo.",
        true,
    ),
];

const SCHEDULES: [&str; 3] = [
    "poniedziałki i czwartki, 9:00–11:00",
    "wtorki, 10:00–12:00",
    "co drugi piątek, 13:00–14:00",
];

fn corrupt(what: impl Into<String>) -> StoreError {
    StoreError::Corrupt(what.into())
}

/// A valid PESEL for someone born on `born`: the serial number from the name, its sex digit
/// even for a woman (Polish women's first names end in -a), and the check digit.
fn pesel(name: &str, born: NaiveDate) -> String {
    let century = if born.year() >= 2000 { 20 } else { 0 };
    let seed: u32 = name.bytes().map(u32::from).sum();
    let woman = name
        .split(' ')
        .next()
        .is_some_and(|first| first.ends_with('a'));
    let serial = (100 + seed % 900) * 10 + (seed % 5) * 2 + u32::from(!woman);
    let body = format!(
        "{:02}{:02}{:02}{serial:04}",
        born.year() % 100,
        born.month() + century,
        born.day()
    );
    let sum: u32 = body
        .bytes()
        .zip([1, 3, 7, 9, 1, 3, 7, 9, 1, 3])
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

impl Person {
    /// The address as the application form takes it: street, postal code, town.
    fn address_parts(&self) -> Result<(&'static str, &'static str, &'static str), StoreError> {
        let bad = || corrupt(format!("demo address {}", self.address));
        let (street, post) = self.address.rsplit_once(", ").ok_or_else(bad)?;
        let (code, town) = post.split_once(' ').ok_or_else(bad)?;
        Ok((street, code, town))
    }

    /// Everything the form asks of the person concerned, as typed.
    fn input(&self) -> Result<PersonInput, StoreError> {
        let born: NaiveDate = self.born.parse().map_err(|_| corrupt(self.born))?;
        let (street, postal_code, city) = self.address_parts()?;
        let dependency = match DisabilityDegree::from_code(self.disability) {
            Some(DisabilityDegree::Severe) => Dependency::Fully,
            Some(DisabilityDegree::Moderate | DisabilityDegree::ChildCertificate) => {
                Dependency::Partly
            }
            _ => Dependency::Independent,
        };
        Ok(PersonInput {
            name: self.name.into(),
            pesel: pesel(self.name, born),
            birth_date: self.born.into(),
            street: street.into(),
            postal_code: postal_code.into(),
            city: city.into(),
            household_size: self.means.0.to_string(),
            income: self.means.1.to_string(),
            disability: self.disability.into(),
            dependency: dependency.code().into(),
            ..PersonInput::default()
        })
    }
}

/// The moments of one case: `at(k)` is `k` days after it came in, moved back to a working day,
/// at 8:00 UTC plus ten minutes for each moment before it, so that its timeline keeps the order
/// of the calls. Every moment lies before today.
struct Timeline {
    today: NaiveDate,
    days_ago: u32,
    step: Cell<i64>,
}

impl Timeline {
    fn new(now: DateTime<Utc>, days_ago: u32) -> Self {
        Timeline {
            today: now.date_naive(),
            days_ago,
            step: Cell::new(0),
        }
    }

    /// The day `k` days after the case came in (a plan's period may lie ahead).
    fn day(&self, k: u32) -> NaiveDate {
        let back = Days::new(u64::from(self.days_ago));
        self.today - back + Days::new(u64::from(k))
    }

    fn at(&self, k: u32) -> Result<DateTime<Utc>, StoreError> {
        if k >= self.days_ago {
            return Err(corrupt(format!(
                "demo case of {} days ago: day {k} is not in the past",
                self.days_ago
            )));
        }
        let mut day = self.day(k);
        while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) || is_public_holiday(day) {
            day = day - Days::new(1);
        }
        self.step.set(self.step.get() + 1);
        let time = day.and_time(chrono::NaiveTime::MIN).and_utc();
        Ok(time + Duration::hours(8) + Duration::minutes(10 * self.step.get()))
    }
}

/// The staff who handle the demo cases, and the demo resident.
struct Staff {
    clerk: String,
    organiser: String,
    coordinator: String,
    director: String,
    resident: String,
}

/// A registered case.
struct Filed<'a> {
    id: String,
    registered_on: NaiveDate,
    subject: PersonInput,
    programme: &'a Programme,
    services: Vec<&'a Service>,
}

struct Demo<'a> {
    store: &'a Store,
    now: DateTime<Utc>,
    staff: Staff,
    programmes: HashMap<String, Programme>,
    services: HashMap<String, Service>,
    templates: DecisionTemplates,
    /// The default centre: the demo's case prefix and decisions' letterhead.
    centre: CentreInfo,
}

/// Seeds the demo cases; the staff accounts, the resident and the catalogue must exist.
pub async fn seed_cases(store: &Store, clock: &Clock) -> Result<(), StoreError> {
    let demo = Demo::load(store, clock.now()).await?;
    for case in CASES {
        demo.case(case).await?;
    }
    demo.meeting().await
}

pub(crate) async fn user_id(store: &Store, email: &str) -> Result<String, StoreError> {
    let email = Email::parse(email).map_err(|e| corrupt(e.to_string()))?;
    Ok(store.user_by_email(&email).await?.id)
}

impl<'a> Demo<'a> {
    async fn load(store: &'a Store, now: DateTime<Utc>) -> Result<Self, StoreError> {
        let staff = Staff {
            clerk: user_id(store, "punkt@cus.debica.example").await?,
            organiser: user_id(store, "organizator@cus.debica.example").await?,
            coordinator: user_id(store, "koordynator@cus.debica.example").await?,
            director: user_id(store, "dyrektor@cus.debica.example").await?,
            resident: user_id(store, "mieszkanka@debica.example").await?,
        };
        let mut programmes = HashMap::new();
        let mut services = HashMap::new();
        for programme in store.programmes().await? {
            for service in store.services_of(&programme.id).await? {
                services.insert(service.name.clone(), service);
            }
            programmes.insert(programme.id.clone(), programme);
        }
        let templates = store
            .decision_templates()
            .await?
            .unwrap_or_else(DecisionTemplates::defaults);
        Ok(Demo {
            store,
            now,
            staff,
            programmes,
            services,
            templates,
            centre: CentreInfo::default(),
        })
    }

    async fn case(&self, case: &Case) -> Result<(), StoreError> {
        let days = Timeline::new(self.now, case.days_ago);
        let filed = self.file(case, &days).await?;
        let (store, id) = (self.store, filed.id.as_str());
        let coordinator = self.staff.coordinator.as_str();
        if case.stage.assigned() {
            let at = days.at(1)?;
            store
                .assign_case(id, Some(coordinator), &self.staff.organiser, at)
                .await?;
        }
        if let Some(path) = case.stage.path() {
            let at = (coordinator, days.at(1)?);
            store
                .set_case_path(id, path, false, Some(filed.registered_on), at)
                .await?;
        }
        if case.stage.qualified() {
            for (service, (_, units)) in filed.services.iter().zip(case.services) {
                let at = days.at(3)?;
                let grant = grant(service, &filed.subject, *units, warsaw_date(at))?;
                store
                    .qualify_request(id, service, &grant, coordinator, at)
                    .await?;
            }
        }
        match case.stage {
            Refused { finding, delivered } => self.refuse(&filed, finding, delivered, &days).await,
            Forwarded(Forward {
                target,
                recipient,
                reason,
            }) => {
                let ids: Vec<String> = filed.services.iter().map(|s| s.id.clone()).collect();
                let (by, at) = (coordinator, days.at(2)?);
                store
                    .forward(id, &ids, target, recipient, reason, by, at)
                    .await?;
                Ok(())
            }
            Withdrawn => {
                store
                    .withdraw_application(id, self.filer(case), days.at(4)?)
                    .await?;
                Ok(())
            }
            Plan(stage) => self.plan(&filed, case, stage, &days).await,
            New | Assigned(_) | Qualified(_) | Waiting => Ok(()),
        }
    }

    /// The resident files online; the info point everything else.
    fn filer(&self, case: &Case) -> &str {
        match case.channel {
            Online => &self.staff.resident,
            _ => &self.staff.clerk,
        }
    }

    fn service(&self, name: &str) -> Result<&Service, StoreError> {
        self.services
            .get(name)
            .ok_or_else(|| corrupt(format!("demo service {name}")))
    }

    /// Registers the application as the wizard's steps do (`applications::wizard`).
    async fn file(&self, case: &Case, days: &Timeline) -> Result<Filed<'_>, StoreError> {
        let store = self.store;
        let services = case
            .services
            .iter()
            .map(|(name, _)| self.service(name))
            .collect::<Result<Vec<_>, _>>()?;
        let first = services
            .first()
            .ok_or_else(|| corrupt("demo case without services"))?;
        let programme = self
            .programmes
            .get(&first.programme_id)
            .ok_or_else(|| corrupt("demo programme"))?;
        let at = days.at(0)?;
        let registered_on = warsaw_date(at);
        let online = case.channel == Online;
        let received_on = (!online).then_some(registered_on);
        let filer = self.filer(case);
        let service_ids: Vec<String> = services.iter().map(|s| s.id.clone()).collect();
        let draft = NewDraft {
            programme_id: &programme.id,
            drafted_by: filer,
            owner_id: online.then_some(filer),
            channel: case.channel,
            received_on,
            service_ids: &service_ids,
            locale: "pl",
        };
        let id = store.start_application(&draft, at).await?;
        let invalid = |fields| corrupt(format!("demo case of {}: {fields:?}", case.person.name));
        let subject = case
            .person
            .input()?
            .check(&programme.personal_data)
            .map_err(invalid)?;
        let role = match case.carer {
            None => ApplicantRole::Person,
            Some(_) if age_of(&subject, registered_on).is_some_and(|age| age < 18) => {
                ApplicantRole::LegalRepresentative
            }
            Some(_) => ApplicantRole::DeFactoCarer,
        };
        store
            .save_applicant_role(&id, role, case.channel, received_on, at)
            .await?;
        store.save_person(&id, false, &subject, at).await?;
        if let Some(carer) = case.carer {
            let applicant = PersonInput {
                name: carer.into(),
                ..subject.clone()
            };
            let applicant = applicant.check(&APPLICANT_FIELDS).map_err(invalid)?;
            store.save_person(&id, true, &applicant, at).await?;
        }
        store.save_declarations(&id, true, true, at).await?;
        let index = CaseIndex {
            registered_on,
            pesel: Some(subject.pesel.clone()).filter(|p| !p.is_empty()),
            name: subject.name.clone(),
        };
        store
            .submit_application(&id, &self.centre.case_prefix, filer, &index, at)
            .await?;
        Ok(Filed {
            id,
            registered_on,
            subject,
            programme,
            services,
        })
    }

    /// Refuses every service with a decision whose findings are `finding`, as
    /// `cases::decision::server::refuse` does; `delivered`: its delivery recorded.
    async fn refuse(
        &self,
        filed: &Filed<'_>,
        finding: &str,
        delivered: bool,
        days: &Timeline,
    ) -> Result<(), StoreError> {
        let (store, id) = (self.store, filed.id.as_str());
        let coordinator = self.staff.coordinator.as_str();
        let application = store.application(id).await?;
        for service in &filed.services {
            let at = days.at(5)?;
            let issued_on = warsaw_date(at);
            let texts = self.templates.fill(&RefusalFacts {
                centre: &self.centre.name,
                programme: &filed.programme.name,
                service: &service.name,
                condition: &service.conditions.text,
                registered_on: filed.registered_on,
            });
            let texts = RefusalTexts {
                factual: texts.factual.replace(FINDINGS_MARK, finding),
                ..texts
            };
            let (factual, legal) = texts
                .check()
                .map_err(|e| corrupt(format!("demo refusal: {e:?}")))?;
            let document = |number: &str| {
                DecisionDocument::refusal(RefusalCase {
                    centre: &self.centre,
                    programme: filed.programme,
                    service_name: &service.name,
                    application: &application,
                    registered_on: filed.registered_on,
                    issued_on,
                    number,
                    factual,
                    legal,
                })
            };
            store
                .issue_refusal(id, &service.id, issued_on, coordinator, at, document)
                .await?;
        }
        if delivered {
            for decision in store.decisions_of(id).await? {
                let at = days.at(9)?;
                let on = warsaw_date(at);
                store
                    .record_delivery(id, &decision.id, on, appeal_due(on), coordinator, at)
                    .await?;
            }
        }
        Ok(())
    }

    /// Drafts the plan of a qualified case and takes it to `stage`, as `ipus::plans` and
    /// `ipus::monitoring` do: six months from the day after its approval.
    async fn plan(
        &self,
        filed: &Filed<'_>,
        case: &Case,
        stage: PlanStage,
        days: &Timeline,
    ) -> Result<(), StoreError> {
        let (store, id) = (self.store, filed.id.as_str());
        let (coordinator, director) = (self.staff.coordinator.as_str(), &self.staff.director);
        let content = self.plan_content(filed, case, days.day(11)).await?;
        let mut draft = Draft {
            content: &content,
            agreed_on: None,
            delay_reason: "",
        };
        let plan_id = store
            .create_plan(id, &draft, coordinator, days.at(5)?)
            .await?;
        if stage == Drafted {
            return Ok(());
        }
        let saved = days.at(7)?;
        draft.agreed_on = Some(warsaw_date(saved));
        store
            .save_plan_draft(&plan_id, 1, &draft, (coordinator, saved))
            .await?;
        store
            .submit_plan(&plan_id, (1, saved), (coordinator, days.at(8)?))
            .await?;
        let (approve, comments) = match stage {
            Submitted => return Ok(()),
            Returned => (
                false,
                "Proszę doprecyzować harmonogram usług pielęgniarskich i wskazać osobę z rodziny \
                 do kontaktu.",
            ),
            _ => (true, ""),
        };
        let at = days.at(10)?;
        let decided = (director.as_str(), warsaw_date(at), at);
        store
            .decide_plan(&plan_id, 1, approve, comments, decided)
            .await?;
        match stage {
            Running => {
                for (after, kind, body, problem) in ENTRIES {
                    let at = days.at(11 + after)?;
                    let entry = PlanEntry {
                        id: String::new(),
                        happened_on: warsaw_date(at),
                        kind,
                        body: body.into(),
                        problem,
                        author: String::new(),
                        created_at: at,
                    };
                    store
                        .add_plan_entry(&plan_id, &entry, coordinator, at)
                        .await?;
                }
            }
            Closed => {
                let period = content.period;
                let ran = u32::try_from((period.end - filed.registered_on).num_days())
                    .map_err(|e| corrupt(e.to_string()))?;
                let closure = Closure {
                    ended_on: period.end,
                    resignation: String::new(),
                    conversation_on: Some(period.end),
                    course: "Usługi opiekuńcze i przejazdy realizowano zgodnie z harmonogramem; \
                             dwie zmiany terminów na prośbę rodziny."
                        .into(),
                    results: "Pan Stanisław pozostaje w domu pod opieką córki; rodzina zna dalsze \
                              formy wsparcia."
                        .into(),
                    follow_up_due: period.follow_up_due(),
                    follow_up_on: None,
                    follow_up_findings: String::new(),
                };
                store
                    .close_plan(&plan_id, &closure, coordinator, days.at(ran + 4)?)
                    .await?;
            }
            Drafted | Submitted | Returned => {}
        }
        Ok(())
    }

    /// Sections B–E of a plan from `start`: each qualified service with its units and the
    /// first provider offering it.
    async fn plan_content(
        &self,
        filed: &Filed<'_>,
        case: &Case,
        start: NaiveDate,
    ) -> Result<PlanContent, StoreError> {
        let offers = self.store.plan_offers(&filed.id).await?;
        let end = start
            .checked_add_months(Months::new(6))
            .and_then(|d| d.pred_opt())
            .ok_or_else(|| corrupt("demo plan period"))?;
        let mut services = Vec::new();
        for ((service, (_, units)), schedule) in filed
            .services
            .iter()
            .zip(case.services)
            .zip(SCHEDULES.iter().cycle())
        {
            let offer = offers
                .iter()
                .find(|o| o.service_id == service.id)
                .ok_or_else(|| corrupt(format!("no provider offers {}", service.name)))?;
            let at_home = service.places.contains(&ServicePlace::Home);
            services.push(PlannedService {
                service_id: service.id.clone(),
                name: service.name.clone(),
                units: *units,
                schedule: (*schedule).into(),
                provider_id: offer.provider_id.clone(),
                provider_name: offer.provider_name.clone(),
                place: if at_home {
                    "mieszkanie osoby"
                } else {
                    "siedziba usługodawcy"
                }
                .into(),
                form: "indywidualna".into(),
                moved_from: None,
            });
        }
        Ok(PlanContent {
            period: PlanPeriod::new(start, end).map_err(corrupt)?,
            services,
            activities: vec![SupportingActivity {
                description: "Kontakt telefoniczny z rodziną raz w tygodniu".into(),
                by: "koordynator planu".into(),
                ..Default::default()
            }],
            expected_effects: "Poprawa funkcjonowania w codziennym życiu i w dotychczasowym \
                               środowisku; odciążenie rodziny."
                .into(),
            quality_checks: "Rozmowa z osobą i rodziną, kontrola u usługodawcy".into(),
            quality_frequency: CheckFrequency {
                every: 1,
                unit: FrequencyUnit::Months,
            },
            programme: None,
        })
    }

    /// The coordinators' meeting ten days ago, with the provider of Złota Rączka invited.
    async fn meeting(&self) -> Result<(), StoreError> {
        let at = Timeline::new(self.now, 10).at(0)?;
        let meeting = NewMeeting {
            held_on: warsaw_date(at),
            agenda: "Przegląd planów w realizacji; lista oczekujących na usługę „Złota Rączka”."
                .into(),
            minutes: "Omówiono plany w realizacji i terminy kontroli jakości. Budżet usługi \
                      „Złota Rączka” jest wykorzystany: trzy osoby czekają na zwolnienie środków. \
                      Usługodawca zapewni zastępstwo przy odwołanych przejazdach."
                .into(),
            attendee_ids: vec![self.staff.organiser.clone(), self.staff.coordinator.clone()],
            provider_ids: self.service(HANDYMAN)?.provider_ids.clone(),
        };
        self.store
            .record_coordinator_meeting(&meeting, &self.staff.organiser, at)
            .await?;
        Ok(())
    }
}

/// What qualifying `units` of `service` grants `subject`, with the fee computed from the case as
/// the qualification form does (`cases::qualification::server::grant`).
fn grant(
    service: &Service,
    subject: &PersonInput,
    units: u32,
    today: NaiveDate,
) -> Result<Grant, StoreError> {
    let mut form = FeeForm::from_case(subject);
    form.units = units.to_string();
    if form.income.is_empty() {
        // A programme that does not ask the income has free services.
        form.income = "0".into();
    }
    let inputs = form
        .inputs(age_of(subject, today))
        .map_err(|(_, key)| corrupt(key))?;
    let quote = service
        .fee
        .compute(&inputs, None)
        .map_err(|e| corrupt(e.key()))?;
    let unit_cost = match &service.fee.rule {
        FeeRule::Free => Grosze::new(0),
        FeeRule::FixedPerUnit { price } => *price,
        FeeRule::IncomeTable(table) => table.unit_cost,
    };
    let record = FeeRecord {
        inputs,
        exemption: None,
        quote,
    };
    Ok(Grant {
        units,
        fee_per_unit: quote.per_unit,
        fee_total: quote.total,
        cost_total: Grosze::new(unit_cost.value().saturating_mul(i64::from(units))),
        record: serde_json::to_string(&record).map_err(|e| corrupt(e.to_string()))?,
    })
}
