//! The demo's community organising: two communities the organiser (`osl@…`) works with, one
//! territorial and one categorial, where they stand in the six stages and how they got there,
//! and their activities in the coming weeks — one of them full, with someone waiting.

use app::community::Stage;
use app::community::attendance::NewAttendance;
use app::community::diagnosis::{CommunityProfile, MapEntryKind, NewMapEntry};
use app::community::forms::{NewActivity, NewCommunity, SignUp, warsaw_moment};
use app::community::plan::{Goal, GoalMeasure, Task};
use app::community::{Accessibility, ActivityKind, CommunityKind, Territory};
use app::domain::Grosze;
use app::domain::{Clock, ServiceArea, warsaw_date};
use app::programme::TargetGroup;
use app::store::{Store, StoreError};
use chrono::{Duration, NaiveTime};

/// An activity `days` from today, `from`–`to` Warsaw time.
struct Planned {
    kind: ActivityKind,
    title: &'static str,
    description: &'static str,
    days: i64,
    hours: (u32, u32, u32, u32),
    place: &'static str,
    accessibility: Accessibility,
    capacity: u32,
    public: bool,
    partners: &'static str,
    volunteers: u32,
    area: ServiceArea,
    group: TargetGroup,
    /// Who signs up (name, contact).
    sign_ups: &'static [(&'static str, &'static str)],
    /// For one already held: registered people who came and walk-ins.
    attendance: Option<(u32, u32)>,
}

const STEP_FREE: Accessibility = Accessibility {
    step_free: true,
    hearing_loop: false,
    sign_language: false,
};

pub async fn seed_communities(store: &Store, clock: &Clock) -> Result<(), StoreError> {
    let organiser = crate::demo_cases::user_id(store, "osl@cus.debica.example").await?;
    let now = clock.now();
    let village = store
        .insert_community(
            &NewCommunity {
                name: "Sołectwo Braciejowa".into(),
                kind: CommunityKind::Territorial,
                territory: Some(Territory::Village),
                place: "Braciejowa".into(),
                teryt: "1803032".into(),
                target_group: None,
                description: "Wieś z aktywnym Kołem Gospodyń Wiejskich i świetlicą; mieszkańcy \
                              zgłaszają samotność starszych sąsiadów i brak zajęć dla młodzieży."
                    .into(),
            },
            &organiser,
            now - Duration::days(60),
        )
        .await?;
    for (from, to, reason, days_ago) in [
        (
            Stage::Diagnosis,
            Stage::Addressees,
            "Mapa zasobów i potrzeb gotowa: 14 rozmów, spacer badawczy, spotkanie w świetlicy.",
            40,
        ),
        (
            Stage::Addressees,
            Stage::Network,
            "Adresaci wybrani: starsi mieszkańcy żyjący samotnie i młodzież; KGW i OSP chcą współpracować.",
            20,
        ),
    ] {
        store
            .move_stage(
                &village,
                from,
                to,
                reason,
                &organiser,
                now - Duration::days(days_ago),
            )
            .await?;
    }
    let seniors = store
        .insert_community(
            &NewCommunity {
                name: "Seniorzy osiedla Kosynierów".into(),
                kind: CommunityKind::Categorial,
                territory: None,
                place: "Dębica".into(),
                teryt: String::new(),
                target_group: Some(TargetGroup::Seniors),
                description: "Klub seniora przy ul. Kosynierów: spotkania, nauka obsługi \
                              smartfona, wzajemna pomoc sąsiedzka."
                    .into(),
            },
            &organiser,
            now - Duration::days(120),
        )
        .await?;
    let mut stage = Stage::Diagnosis;
    for (to, days_ago) in [
        (Stage::Addressees, 100),
        (Stage::Network, 80),
        (Stage::ActionPlan, 60),
        (Stage::Action, 30),
    ] {
        let reason = "Etap zakończony zgodnie z planem uzgodnionym z klubem seniora.";
        store
            .move_stage(
                &seniors,
                stage,
                to,
                reason,
                &organiser,
                now - Duration::days(days_ago),
            )
            .await?;
        stage = to;
    }
    seed_village_map(store, &village, &organiser, now).await?;
    let goal = seed_seniors_plan(store, &seniors, &organiser, now).await?;
    let today = warsaw_date(now);
    // The volunteer club's meetings are the programme's "Klub Wolontariusza".
    let club = store
        .programme_supporting_activities()
        .await?
        .into_iter()
        .find(|(_, name)| name.starts_with("Klub Wolontariusza"))
        .map(|(id, _)| id);
    for (community, planned, goal) in [
        (&village, village_activities(), None),
        (&seniors, senior_activities(), Some(goal)),
    ] {
        for activity in planned {
            let (h1, m1, h2, m2) = activity.hours;
            let day = today + Duration::days(activity.days);
            let at = |h, m| {
                NaiveTime::from_hms_opt(h, m, 0)
                    .and_then(|time| warsaw_moment(day, time))
                    .ok_or_else(|| StoreError::Corrupt(format!("{day} {h}:{m}")))
            };
            let new = NewActivity {
                kind: activity.kind,
                title: activity.title.into(),
                description: activity.description.into(),
                starts_at: at(h1, m1)?,
                ends_at: at(h2, m2)?,
                place: activity.place.into(),
                accessibility: activity.accessibility,
                capacity: activity.capacity,
                public: activity.public,
                partners: activity.partners.into(),
                volunteers_needed: activity.volunteers,
                area: activity.area,
                target_group: activity.group,
                goal_id: goal.clone(),
                supporting_activity_id: club
                    .clone()
                    .filter(|_| activity.kind == ActivityKind::VolunteerClub),
            };
            let id = store
                .insert_activity(community, &new, &organiser, now)
                .await?;
            if let Some((attended, walk_ins)) = activity.attendance {
                let attendance = NewAttendance {
                    attended,
                    walk_ins,
                    outcome: None,
                    evaluation: "Dobra frekwencja; seniorzy proszą o stały termin w środy.".into(),
                };
                store
                    .record_attendance(&id, &attendance, &organiser, new.ends_at)
                    .await?;
            }
            for (i, (name, contact)) in activity.sign_ups.iter().enumerate() {
                let sign_up = SignUp::parse(name, contact, true)
                    .map_err(|e| StoreError::Corrupt(format!("{e:?}")))?;
                let token = format!("demo-{id}-{i}");
                let at = now - Duration::hours(48 - i as i64);
                store
                    .sign_up(&id, &sign_up, "pl", Default::default(), &token, at)
                    .await?;
            }
        }
    }
    seed_volunteers(store, &village, &seniors, &organiser, now).await
}

/// Two volunteers: Irena, a senior with a phone only, approved, who helped at last week's
/// meeting and is proposed for the village's volunteer club; Kacper, who offered this week.
async fn seed_volunteers(
    store: &Store,
    village: &str,
    seniors: &str,
    organiser: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    use app::community::volunteers::{
        AssignmentStatus, Availability, NewVolunteer, Skill, VolunteerStatus,
    };
    let irena = NewVolunteer {
        name: "Irena Sąsiedzka".into(),
        email: String::new(),
        phone: "+48604555666".into(),
        contact_key: "+48604555666".into(),
        birth_year: Some(1954),
        skills: vec![Skill::Companionship, Skill::Shopping, Skill::CraftsCooking],
        availability: vec![
            Availability::WeekdayMornings,
            Availability::WeekdayAfternoons,
        ],
        areas: "Braciejowa, Dębica — os. Kosynierów".into(),
        languages: "polski".into(),
        driving_licence: false,
        about: "Emerytowana nauczycielka; lubię gotować i rozmawiać.".into(),
    };
    let kacper = NewVolunteer {
        name: "Kacper Młody".into(),
        email: "kacper.mlody@example.pl".into(),
        phone: String::new(),
        contact_key: "kacper.mlody@example.pl".into(),
        birth_year: Some(2004),
        skills: vec![Skill::DigitalHelp, Skill::Tutoring, Skill::Driving],
        availability: vec![Availability::WeekdayEvenings, Availability::Weekends],
        areas: "Dębica".into(),
        languages: "polski, angielski, ukraiński".into(),
        driving_licence: true,
        about: "Student informatyki, chętnie pomogę seniorom ze smartfonem.".into(),
    };
    let Some(irena_id) = store
        .insert_volunteer(
            &irena,
            &app::identity::credentials::hash_secret("demo-irena"),
            "pl",
            now - Duration::days(50),
        )
        .await?
    else {
        return Ok(());
    };
    store
        .insert_volunteer(
            &kacper,
            &app::identity::credentials::hash_secret("demo-kacper"),
            "pl",
            now - Duration::days(2),
        )
        .await?;
    let today = warsaw_date(now);
    let period = (today - Duration::days(45), today + Duration::days(320));
    store
        .decide_volunteer(
            &irena_id,
            VolunteerStatus::Approved,
            Some(period),
            "Rozmowa w Centrum, porozumienie podpisane.",
            organiser,
            now - Duration::days(45),
        )
        .await?;
    let held = store
        .activities_of(seniors)
        .await?
        .into_iter()
        .find(|activity| activity.starts_at < now);
    if let Some(held) = held {
        store
            .insert_assignment(
                &irena_id,
                &held.id,
                "przygotowanie poczęstunku",
                now - Duration::days(10),
            )
            .await?;
        let assignment = &store.assignments_of_activity(&held.id).await?[0];
        store
            .answer_assignment(
                &irena_id,
                &assignment.id,
                AssignmentStatus::Confirmed,
                now - Duration::days(9),
            )
            .await?;
        store
            .record_volunteer_hours(&irena_id, &assignment.id, 180, now)
            .await?;
    }
    if let Some(club) = store
        .activities_of(village)
        .await?
        .into_iter()
        .find(|activity| activity.kind == ActivityKind::VolunteerClub)
    {
        store
            .insert_assignment(&irena_id, &club.id, "odwiedziny u samotnych sąsiadów", now)
            .await?;
    }
    Ok(())
}

fn village_activities() -> Vec<Planned> {
    vec![
        Planned {
            kind: ActivityKind::Workshop,
            title: "Warsztaty kulinarne z Kołem Gospodyń Wiejskich",
            description: "Pierogi i opowieści przy wspólnym stole. Zapraszamy seniorów i \
                          młodzież — przepisy przekazują babcie, zdjęcia robią wnuki.",
            days: 5,
            hours: (17, 0, 19, 0),
            place: "Świetlica wiejska, Braciejowa 1",
            accessibility: STEP_FREE,
            capacity: 16,
            public: true,
            partners: "KGW Braciejowa, OSP Braciejowa",
            volunteers: 2,
            area: ServiceArea::Culture,
            group: TargetGroup::Seniors,
            sign_ups: &[
                ("Helena Kruk", "602 111 222"),
                ("Zofia Mazur", "zofia.mazur@example.pl"),
            ],
            attendance: None,
        },
        Planned {
            kind: ActivityKind::VolunteerClub,
            title: "Spotkanie Klubu Wolontariusza",
            description: "Planujemy zimowe odwiedziny u samotnych sąsiadów i zakupy dla osób, \
                          które nie wychodzą z domu.",
            days: 8,
            hours: (16, 0, 17, 30),
            place: "Świetlica wiejska, Braciejowa 1",
            accessibility: STEP_FREE,
            capacity: 25,
            public: true,
            partners: "Szkoła Podstawowa w Braciejowej",
            volunteers: 0,
            area: ServiceArea::CivicActivity,
            group: TargetGroup::AllResidents,
            sign_ups: &[],
            attendance: None,
        },
        Planned {
            kind: ActivityKind::IntegrationEvent,
            title: "Sąsiedzkie kolędowanie",
            description: "Wspólne śpiewanie kolęd i poczęstunek przygotowany przez mieszkańców.",
            days: 36,
            hours: (15, 0, 18, 0),
            place: "Remiza OSP, Braciejowa 40",
            accessibility: Accessibility::default(),
            capacity: 80,
            public: true,
            partners: "OSP Braciejowa, Parafia w Braciejowej",
            volunteers: 6,
            area: ServiceArea::Culture,
            group: TargetGroup::AllResidents,
            sign_ups: &[],
            attendance: None,
        },
    ]
}

fn senior_activities() -> Vec<Planned> {
    vec![
        Planned {
            kind: ActivityKind::SelfHelpGroup,
            title: "Spotkanie klubu seniora: wspomnienia z Dębicy",
            description: "Przynosimy stare zdjęcia i opowiadamy, jak zmieniało się osiedle.",
            days: -7,
            hours: (10, 0, 12, 0),
            place: "Klub Seniora, ul. Kosynierów 9, Dębica",
            accessibility: STEP_FREE,
            capacity: 20,
            public: false,
            partners: "Klub Seniora „Kosynierzy”",
            volunteers: 1,
            area: ServiceArea::Culture,
            group: TargetGroup::Seniors,
            sign_ups: &[],
            attendance: Some((0, 14)),
        },
        Planned {
            kind: ActivityKind::Workshop,
            title: "Smartfon bez tajemnic",
            description: "Jak zadzwonić wideo do wnuków, zrobić zdjęcie i rozpoznać fałszywy \
                          SMS. Małe grupy, dużo czasu na pytania.",
            days: 12,
            hours: (10, 0, 12, 0),
            place: "Klub Seniora, ul. Kosynierów 4, Dębica",
            accessibility: Accessibility {
                step_free: true,
                hearing_loop: true,
                sign_language: false,
            },
            capacity: 3,
            public: true,
            partners: "Miejska i Powiatowa Biblioteka Publiczna w Dębicy",
            volunteers: 1,
            area: ServiceArea::PublicEducation,
            group: TargetGroup::Seniors,
            sign_ups: &[
                ("Jadwiga Lis", "jadwiga.lis@example.pl"),
                ("Tadeusz Kot", "603 333 444"),
                ("Irena Wilk", "604 555 666"),
                ("Bogdan Sowa", "bogdan.sowa@example.pl"),
            ],
            attendance: None,
        },
        Planned {
            kind: ActivityKind::SelfHelpGroup,
            title: "Grupa wsparcia dla opiekunów osób starszych",
            description: "Spotkanie zamknięte grupy prowadzone przez psychologa CUS.",
            days: 6,
            hours: (18, 0, 19, 30),
            place: "CUS Dębica, sala 12",
            accessibility: STEP_FREE,
            capacity: 10,
            public: false,
            partners: "",
            volunteers: 0,
            area: ServiceArea::SocialAssistance,
            group: TargetGroup::Carers,
            sign_ups: &[],
            attendance: None,
        },
    ]
}

/// Braciejowa's map of resources and needs and its profile (its diagnosis is done).
async fn seed_village_map(
    store: &Store,
    village: &str,
    organiser: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    let entries = [
        (
            MapEntryKind::Leader,
            "Sołtyska Maria Kula",
            "Braciejowa",
            "rozmowa w sołectwie",
        ),
        (
            MapEntryKind::Organisation,
            "Koło Gospodyń Wiejskich Braciejowa",
            "Świetlica wiejska",
            "spotkanie z mieszkańcami",
        ),
        (
            MapEntryKind::Organisation,
            "Ochotnicza Straż Pożarna Braciejowa",
            "Remiza OSP, Braciejowa 40",
            "spotkanie z mieszkańcami",
        ),
        (
            MapEntryKind::Place,
            "Świetlica wiejska (bez schodów)",
            "Braciejowa 1",
            "spacer badawczy",
        ),
        (
            MapEntryKind::CentreResource,
            "Asystent osobisty i transport do CUS",
            "CUS Dębica",
            "katalog usług",
        ),
        (
            MapEntryKind::Problem,
            "Samotność starszych sąsiadów",
            "cała wieś",
            "14 rozmów z mieszkańcami",
        ),
        (
            MapEntryKind::Barrier,
            "Brak autobusu do Dębicy po 16:00",
            "przystanek przy szkole",
            "spotkanie z mieszkańcami",
        ),
        (
            MapEntryKind::Idea,
            "Wspólne gotowanie z KGW dla seniorów i młodzieży",
            "Świetlica wiejska",
            "spotkanie z mieszkańcami",
        ),
        (
            MapEntryKind::Involvement,
            "Młodzież ze szkoły chce odwiedzać samotnych sąsiadów",
            "Szkoła Podstawowa",
            "rozmowa z dyrektorką",
        ),
    ];
    for (kind, name, place, source) in entries {
        let entry = NewMapEntry {
            kind,
            name: name.into(),
            place: place.into(),
            source: source.into(),
            note: String::new(),
            need_report_id: None,
        };
        store
            .insert_map_entry(village, &entry, organiser, now - Duration::days(45))
            .await?;
    }
    let profile = CommunityProfile {
        characteristics: "Wieś w gminie wiejskiej Dębica, 8 km od miasta; silne Koło Gospodyń \
                          Wiejskich i OSP, szkoła podstawowa, parafia."
            .into(),
        population: Some(1450),
        seniors: Some(330),
        children: Some(290),
        disabled: Some(95),
        demography: "Co piąty mieszkaniec ma 60 lat lub więcej; wielu mieszka samotnie, bo \
                     dzieci wyjechały do pracy."
            .into(),
        potential: "Chętni do działania: KGW, OSP i młodzież; świetlica bez barier.".into(),
        first_plan: "Spotkania przy wspólnym stole, klub wolontariusza odwiedzający samotnych, \
                     rozmowa z gminą o kursie autobusu."
            .into(),
        updated_at: None,
    };
    store
        .save_community_profile(village, &profile, organiser, now - Duration::days(40))
        .await
}

/// The seniors' plan for this year, adopted, with one measurable goal; returns the goal's id
/// (their activities serve it).
async fn seed_seniors_plan(
    store: &Store,
    seniors: &str,
    organiser: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<String, StoreError> {
    use chrono::Datelike;
    let year = warsaw_date(now).year();
    let mut draft = store
        .osl_plan_draft(seniors, year, organiser, now - Duration::days(60))
        .await?;
    let goal = Goal {
        id: app::store::new_id(),
        statement: "Seniorzy z osiedla wychodzą z domu i spotykają się co tydzień".into(),
        indicator: "uczestnicy spotkań i warsztatów klubu".into(),
        measure: GoalMeasure::Participants,
        baseline: 12,
        target: 80,
    };
    let task = |name: &str, from: (u32, u32), until: (u32, u32), budget: i64| Task {
        id: app::store::new_id(),
        name: name.into(),
        goal_id: Some(goal.id.clone()),
        responsible: "Organizator społeczności lokalnej".into(),
        partners: "Klub Seniora „Kosynierzy”, Miejska Biblioteka Publiczna".into(),
        from: chrono::NaiveDate::from_ymd_opt(year, from.0, from.1).unwrap_or_default(),
        until: chrono::NaiveDate::from_ymd_opt(year, until.0, until.1).unwrap_or_default(),
        budget: Grosze::new(budget),
    };
    draft.tasks = vec![
        task(
            "Cotygodniowe spotkania klubu seniora",
            (3, 1),
            (12, 31),
            240_000,
        ),
        task(
            "Warsztaty „Smartfon bez tajemnic”",
            (9, 1),
            (12, 31),
            80_000,
        ),
    ];
    draft.goals = vec![goal.clone()];
    store
        .save_osl_plan_draft(&draft, now - Duration::days(60))
        .await?;
    store
        .adopt_osl_plan(
            &draft.id,
            draft.revision + 1,
            "",
            organiser,
            now - Duration::days(59),
        )
        .await?;
    Ok(goal.id)
}
