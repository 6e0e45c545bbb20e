//! Programmes, services and the catalogue search on every configured backend.

use app::catalogue::CatalogueFilter;
use app::domain::ServiceArea;
use app::domain::search_text::query_words;
use app::programme::fees::{DiscountCombination, FeeRule, FeeSchedule};
use app::programme::{
    Conditions, Package, Programme, ProgrammeElements, ProgrammeStatus, Service, ServiceForm,
    ServicePlace, ServiceUnit, TargetGroup,
};
use app::providers::{Provider, ProviderKind};
use app::store::testing::for_each_backend;
use app::store::{Store, StoreError, new_id};
use chrono::{NaiveDate, TimeZone, Utc};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn programme(lineage: Option<&str>, version: u32) -> Programme {
    let id = new_id();
    Programme {
        lineage_id: lineage.map_or_else(|| id.clone(), str::to_owned),
        id,
        version,
        name: "Program usług społecznych".into(),
        gminas: vec!["1803032".into()],
        resolution_number: format!("XL/{version}/2026"),
        resolution_date: day(2026, 3, 30),
        period_from: day(2026, 4, 1),
        period_to: day(2027, 3, 31),
        status: ProgrammeStatus::Draft,
        elements: ProgrammeElements::default(),
        personal_data: vec![],
        retention: app::domain::Retention {
            symbol: Some(app::domain::JrwaSymbol::parse("8111").unwrap()),
            category: app::domain::ArchivalCategory::Review(5),
        },
    }
}

fn service(programme_id: &str, name: &str, area: ServiceArea, free: bool) -> Service {
    Service {
        id: new_id(),
        programme_id: programme_id.into(),
        name: name.into(),
        area,
        form: ServiceForm::Individual,
        goal: "Poprawa jakości życia".into(),
        characteristics: "Usługa świadczona w miejscu zamieszkania".into(),
        target_groups: vec![TargetGroup::Seniors],
        places: vec![ServicePlace::Home],
        unit: ServiceUnit::Hour,
        conditions: Conditions::default(),
        documents: vec![],
        provider_ids: vec![],
        limit: None,
        fee: FeeSchedule {
            rule: if free {
                FeeRule::Free
            } else {
                FeeRule::FixedPerUnit {
                    price: app::domain::Grosze::new(500),
                }
            },
            discounts: vec![],
            combination: DiscountCombination::Highest,
        },
    }
}

async fn search(store: &Store, filter: &CatalogueFilter) -> Vec<String> {
    let (total, services) = store.catalogue_search(filter, 20, 0).await.unwrap();
    assert_eq!(usize::try_from(total).unwrap(), services.len());
    services.into_iter().map(|s| s.name).collect()
}

#[tokio::test]
async fn only_published_services_are_found_ignoring_case_and_diacritics() {
    for_each_backend(|store| async move {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let provider = Provider {
            id: new_id(),
            name: "Spółdzielnia Socjalna „Pomocna Dłoń”".into(),
            kind: ProviderKind::SocialEconomy,
            nip: None,
            address: "ul. Rynek 1, 39-200 Dębica".into(),
            phone: None,
            email: None,
            website: None,
            description: String::new(),
        };
        store.insert_provider(&provider).await.unwrap();
        let draft = programme(None, 1);
        store.insert_programme(&draft, now).await.unwrap();
        let mut repairs = service(
            &draft.id,
            "Złota Rączka",
            ServiceArea::SocialAssistance,
            false,
        );
        repairs.provider_ids = vec![provider.id.clone()];
        let rehab = service(
            &draft.id,
            "Wypożyczalnia sprzętu rehabilitacyjnego",
            ServiceArea::HealthPromotion,
            true,
        );
        store.insert_service(&repairs).await.unwrap();
        store.insert_service(&rehab).await.unwrap();
        store
            .insert_package(&Package {
                id: "pakiet-1".into(),
                programme_id: draft.id.clone(),
                name: "Pomoc+".into(),
                description: String::new(),
                service_ids: vec![rehab.id.clone()],
            })
            .await
            .unwrap();

        let everything = CatalogueFilter::default();
        assert!(
            search(&store, &everything).await.is_empty(),
            "a draft is not public"
        );
        assert!(matches!(
            store.published_service(&repairs.id).await,
            Err(StoreError::NotFound)
        ));

        store.publish_programme(&draft.id, now).await.unwrap();
        assert_eq!(search(&store, &everything).await.len(), 2);
        let words = |q: &str| CatalogueFilter {
            words: query_words(q),
            ..CatalogueFilter::default()
        };
        assert_eq!(
            search(&store, &words("zlota raczka")).await,
            ["Złota Rączka"]
        );
        assert_eq!(
            search(&store, &words("REHABILITACYJNEGO sprzęt")).await,
            ["Wypożyczalnia sprzętu rehabilitacyjnego"]
        );
        assert!(search(&store, &words("rączka basen")).await.is_empty());

        let free = CatalogueFilter {
            free: Some(true),
            ..CatalogueFilter::default()
        };
        assert_eq!(search(&store, &free).await.len(), 1);
        let combined = CatalogueFilter {
            provider: Some(provider.id.clone()),
            group: Some(TargetGroup::Seniors),
            place: Some(ServicePlace::Home),
            area: Some(ServiceArea::SocialAssistance),
            ..CatalogueFilter::default()
        };
        assert_eq!(search(&store, &combined).await, ["Złota Rączka"]);
        let package = CatalogueFilter {
            package: Some("pakiet-1".into()),
            ..CatalogueFilter::default()
        };
        assert_eq!(
            search(&store, &package).await,
            ["Wypożyczalnia sprzętu rehabilitacyjnego"]
        );
        let nobody = CatalogueFilter {
            group: Some(TargetGroup::ChildrenAndYouth),
            ..CatalogueFilter::default()
        };
        assert!(search(&store, &nobody).await.is_empty());

        let (_, second_page) = store.catalogue_search(&everything, 1, 1).await.unwrap();
        assert_eq!(second_page.len(), 1);
        assert_eq!(
            store.published_service(&repairs.id).await.unwrap(),
            repairs,
            "the service reads back as it was stored"
        );
        assert_eq!(
            store.catalogue_providers().await.unwrap(),
            vec![provider.clone()]
        );
        // The directory's one query: each provider's published services (the draft's are not).
        let provided = store.provided_services().await.unwrap();
        let names: Vec<(&str, &str)> = provided
            .iter()
            .map(|(by, s)| (by.as_str(), s.name.as_str()))
            .collect();
        assert_eq!(names, [(provider.id.as_str(), "Złota Rączka")]);
    })
    .await;
}

#[tokio::test]
async fn a_new_version_supersedes_the_published_one_which_stays_readable() {
    for_each_backend(|store| async move {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let first = programme(None, 1);
        store.insert_programme(&first, now).await.unwrap();
        store
            .insert_service(&service(
                &first.id,
                "Klub Seniora",
                ServiceArea::Culture,
                true,
            ))
            .await
            .unwrap();
        store.publish_programme(&first.id, now).await.unwrap();
        assert!(
            matches!(
                store.publish_programme(&first.id, now).await,
                Err(StoreError::Conflict)
            ),
            "a published version is not published again"
        );

        let second = programme(Some(&first.lineage_id), 2);
        store.insert_programme(&second, now).await.unwrap();
        store
            .insert_service(&service(
                &second.id,
                "Klub Seniora+",
                ServiceArea::Culture,
                true,
            ))
            .await
            .unwrap();
        store.publish_programme(&second.id, now).await.unwrap();

        let old = store.programme(&first.id).await.unwrap();
        assert_eq!(old.status, ProgrammeStatus::Superseded);
        assert_eq!(store.services_of(&first.id).await.unwrap().len(), 1);
        assert_eq!(
            search(&store, &CatalogueFilter::default()).await,
            ["Klub Seniora+"]
        );
        assert_eq!(store.programmes().await.unwrap().len(), 2);
    })
    .await;
}

#[tokio::test]
async fn a_draft_is_edited_and_loses_items_and_a_published_version_only_ends() {
    use app::programme::SupportingActivity;
    for_each_backend(|store| async move {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let draft = programme(None, 1);
        store.insert_programme(&draft, now).await.unwrap();
        let club = service(&draft.id, "Klub Seniora", ServiceArea::Culture, true);
        let pool = service(&draft.id, "Basen", ServiceArea::SportAndTourism, true);
        for s in [&club, &pool] {
            store.insert_service(s).await.unwrap();
        }
        let package = Package {
            id: new_id(),
            programme_id: draft.id.clone(),
            name: "Senior".into(),
            description: String::new(),
            service_ids: vec![club.id.clone(), pool.id.clone()],
        };
        store.insert_package(&package).await.unwrap();
        let activity = SupportingActivity {
            id: new_id(),
            programme_id: draft.id.clone(),
            name: "Punkt informacyjny".into(),
            description: String::new(),
        };
        store.insert_supporting_activity(&activity).await.unwrap();

        // Its text, resolution and items change while it is a draft.
        let edited = Programme {
            name: "Program usług społecznych 2027".into(),
            resolution_number: "XLI/9/2026".into(),
            ..draft.clone()
        };
        store.update_programme(&edited).await.unwrap();
        assert_eq!(store.programme(&draft.id).await.unwrap(), edited);
        let renamed = Package {
            name: "Senior w ruchu".into(),
            service_ids: vec![pool.id.clone()],
            ..package.clone()
        };
        store.update_package(&renamed).await.unwrap();
        let tagged = |id: String| {
            let store = store.clone();
            async move {
                sqlx::query_scalar::<_, String>(
                    "SELECT service_id FROM service_tags WHERE kind = 'package' AND value = $1",
                )
                .bind(id)
                .fetch_all(store.pool())
                .await
                .unwrap()
            }
        };
        assert_eq!(tagged(package.id.clone()).await, vec![pool.id.clone()]);
        let moved = SupportingActivity {
            description: "W każdy wtorek".into(),
            ..activity.clone()
        };
        store.update_supporting_activity(&moved).await.unwrap();
        assert_eq!(
            store.supporting_activities(&draft.id).await.unwrap(),
            [moved]
        );
        store.remove_service(&draft.id, &pool.id).await.unwrap();
        let names: Vec<String> = store
            .services_of(&draft.id)
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(names, ["Klub Seniora"]);
        let packages = store.packages(Some(&draft.id)).await.unwrap();
        assert!(
            packages[0].service_ids.is_empty(),
            "a removed service leaves its packages"
        );
        store.remove_package(&draft.id, &package.id).await.unwrap();
        store
            .remove_supporting_activity(&draft.id, &activity.id)
            .await
            .unwrap();
        assert!(store.packages(Some(&draft.id)).await.unwrap().is_empty());
        assert!(
            store
                .supporting_activities(&draft.id)
                .await
                .unwrap()
                .is_empty()
        );
        // A service added after a removal still comes last.
        let later = service(&draft.id, "Warsztaty", ServiceArea::Culture, true);
        store.insert_service(&later).await.unwrap();
        let last = store.services_of(&draft.id).await.unwrap().pop().unwrap();
        assert_eq!(last.name, "Warsztaty");

        // Published, it changes no more; it can be ended, once.
        store.publish_programme(&draft.id, now).await.unwrap();
        assert!(matches!(
            store.update_programme(&edited).await,
            Err(StoreError::Conflict)
        ));
        assert!(matches!(
            store.remove_service(&draft.id, &club.id).await,
            Err(StoreError::Conflict)
        ));
        assert_eq!(search(&store, &CatalogueFilter::default()).await.len(), 2);
        assert!(
            store
                .end_programme(&draft.id, now)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(matches!(
            store.end_programme(&draft.id, now).await,
            Err(StoreError::Conflict)
        ));
        assert_eq!(
            store.programme(&draft.id).await.unwrap().status,
            ProgrammeStatus::Ended
        );
        assert!(search(&store, &CatalogueFilter::default()).await.is_empty());
    })
    .await;
}

#[tokio::test]
async fn search_text_folded_the_old_way_is_folded_again() {
    for_each_backend(|store| async move {
        let now = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
        let draft = programme(None, 1);
        store.insert_programme(&draft, now).await.unwrap();
        let therapy = service(
            &draft.id,
            "Terapia metodą Müllera",
            ServiceArea::HealthPromotion,
            true,
        );
        store.insert_service(&therapy).await.unwrap();
        // As the earlier fold() stored it: Polish letters folded, "ü" kept.
        sqlx::query("UPDATE services SET search_text = 'terapia metoda müllera'")
            .execute(store.pool())
            .await
            .unwrap();
        sqlx::query("DELETE FROM data_migrations")
            .execute(store.pool())
            .await
            .unwrap();
        store.run_data_migrations().await.unwrap();
        let text: String = sqlx::query_scalar("SELECT search_text FROM services")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert!(text.starts_with("terapia metoda mullera"), "{text}");
        let done: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM data_migrations")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(done, 3, "each run once, and recorded");
    })
    .await;
}
