//! The demo's community organising: two communities the organiser (`osl@…`) works with, one
//! territorial and one categorial, where they stand in the six stages and how they got there,
//! and their activities in the coming weeks — one of them full, with someone waiting.

use app::community::Stage;
use app::community::forms::{NewActivity, NewCommunity, SignUp, warsaw_moment};
use app::community::{Accessibility, ActivityKind, CommunityKind, Territory};
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
    let today = warsaw_date(now);
    for (community, planned) in [
        (&village, village_activities()),
        (&seniors, senior_activities()),
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
            };
            let id = store
                .insert_activity(community, &new, &organiser, now)
                .await?;
            for (i, (name, contact)) in activity.sign_ups.iter().enumerate() {
                let sign_up = SignUp::parse(name, contact, true)
                    .map_err(|e| StoreError::Corrupt(format!("{e:?}")))?;
                let token = format!("demo-{id}-{i}");
                let at = now - Duration::hours(48 - i as i64);
                store.sign_up(&id, &sign_up, "pl", None, &token, at).await?;
            }
        }
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
        },
    ]
}

fn senior_activities() -> Vec<Planned> {
    vec![
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
        },
    ]
}
