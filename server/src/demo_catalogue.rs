//! Demo data for the public catalogue: the Dębica programme (catalogue of chapter II and the
//! programme assumptions of chapter VII of the CUS implementation plan, seed 002) and a second,
//! fictional programme with paid services, so that the fee table and the calculator have
//! something to show. Providers are fictional; their addresses use `.example` domains.

use app::domain::{Clock, Grosze, ServiceArea};
use app::programme::fees::{
    Bracket, Discount, DiscountCombination, DiscountCondition, FeeRule, FeeSchedule, IncomeTable,
};
use app::programme::{
    Conditions, LimitKind, Package, PersonalDataField, Programme, ProgrammeElements,
    ProgrammeStatus, Service, ServiceForm, ServiceLimit, ServicePlace, ServiceUnit,
    SupportingActivity, TargetGroup,
};
use app::providers::{Provider, ProviderKind};
use app::store::{Store, StoreError, new_id};
use chrono::{DateTime, NaiveDate, Utc};

/// TERYT code of the rural gmina Dębica (powiat dębicki, województwo podkarpackie).
const GMINA_DEBICA: &str = "1803032";

/// The Dębica catalogue (seed 002, chapter II) as a published programme, and a second example programme with paid services.
pub async fn seed_catalogue(store: &Store, clock: &Clock) -> Result<(), StoreError> {
    let now = clock.now();
    let providers = seed_providers(store).await?;
    seed_debica_programme(store, &providers, now).await?;
    seed_seniors_programme(store, &providers, now).await?;
    Ok(())
}

// --- providers ---------------------------------------------------------------

/// Ids of the demo providers, to attach to the services they deliver.
struct Providers {
    family_ngo: String,
    cooperative: String,
    nursing: String,
    psychology: String,
}

async fn seed_providers(store: &Store) -> Result<Providers, StoreError> {
    let family_ngo = provider(
        "Stowarzyszenie „Razem dla Rodziny”",
        ProviderKind::Ngo,
        "ul. Grunwaldzka 12, 39-200 Dębica",
        "14 680 10 10",
        "razemdlarodziny.example",
        "Organizacja pozarządowa wspierająca rodziny z dziećmi: klub rodzinny, mediacje, \
         terapia rodzinna, animacja lokalna i wolontariat.",
    );
    let cooperative = provider(
        "Spółdzielnia Socjalna „Pomocna Dłoń”",
        ProviderKind::SocialEconomy,
        "ul. Rzeszowska 40, 39-200 Dębica",
        "14 680 20 20",
        "pomocnadlon.example",
        "Podmiot ekonomii społecznej: usługi asystenckie i opiekuńcze w miejscu zamieszkania, \
         drobne naprawy „złota rączka”, transport door-to-door, wypożyczalnia sprzętu \
         rehabilitacyjnego.",
    );
    let nursing = provider(
        "Praktyka Pielęgniarska i Fizjoterapeutyczna „Zdrowie w Domu”",
        ProviderKind::Health,
        "ul. Kościuszki 5, 39-200 Dębica",
        "14 680 30 30",
        "zdrowiewdomu.example",
        "Pielęgniarstwo środowiskowe i fizjoterapia w domu pacjenta na terenie Gminy Dębica.",
    );
    let psychology = provider(
        "Gabinet Psychologii i Terapii „Dialog”",
        ProviderKind::Company,
        "ul. Krakowska 21, 39-200 Dębica",
        "14 680 40 40",
        "dialog-terapia.example",
        "Poradnictwo psychologiczne, terapia rodzinna i terapia uzależnień.",
    );
    for each in [&family_ngo, &cooperative, &nursing, &psychology] {
        store.insert_provider(each).await?;
    }
    Ok(Providers {
        family_ngo: family_ngo.id,
        cooperative: cooperative.id,
        nursing: nursing.id,
        psychology: psychology.id,
    })
}

fn provider(
    name: &str,
    kind: ProviderKind,
    address: &str,
    phone: &str,
    domain: &str,
    description: &str,
) -> Provider {
    Provider {
        id: new_id(),
        name: name.to_owned(),
        kind,
        nip: None,
        address: address.to_owned(),
        phone: Some(phone.to_owned()),
        email: Some(format!("kontakt@{domain}")),
        website: Some(format!("https://{domain}")),
        description: description.to_owned(),
    }
}

// --- programme 1: Dębica ---------------------------------------------------------

async fn seed_debica_programme(
    store: &Store,
    providers: &Providers,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let programme = Programme {
        period_from: date(2022, 4, 1)?,
        period_to: date(2026, 12, 31)?,
        elements: debica_elements(),
        personal_data: vec![
            PersonalDataField::Name,
            PersonalDataField::Pesel,
            PersonalDataField::BirthDate,
            PersonalDataField::Address,
            PersonalDataField::Phone,
            PersonalDataField::Email,
            PersonalDataField::Disability,
            PersonalDataField::Health,
        ],
        ..draft(
            "Program usług społecznych Gminy Dębica",
            "XLII/512/2022",
            date(2022, 3, 30)?,
        )
    };
    store.insert_programme(&programme, now).await?;
    let id = programme.id.as_str();

    // 1. Pobudzanie aktywności obywatelskiej
    let local_activity_club = Service {
        form: ServiceForm::Group,
        unit: ServiceUnit::Meeting,
        target_groups: vec![
            TargetGroup::PeopleWithDisabilities,
            TargetGroup::Seniors,
            TargetGroup::AllResidents,
        ],
        conditions: residents(
            "Dla mieszkańców Gminy Dębica, w szczególności osób z niepełnosprawnościami \
             i seniorów. Wystarczy zgłoszenie w punkcie „jednego okienka” CUS.",
        ),
        provider_ids: vec![providers.family_ngo.clone()],
        limit: Some(places(20)),
        ..service(
            id,
            ServiceArea::CivicActivity,
            "Klub Aktywności Lokalnej",
            "zapobieganie izolacji społecznej, rozwój postaw obywatelskich, podniesienie poziomu \
             aktywności mieszkańców w zakresie poprawy sytuacji osobistej, poprawa jakości życia \
             rodzin, rozwój wolontariatu i działań samopomocowych",
            "usługa grupowa (w szczególności dla osób z niepełnosprawnościami i seniorów), \
             bezpłatna w ramach pilotażu, świadczona na terenie Gminy Dębica",
        )
    };

    // 2. Wspieranie rodziny i polityka prorodzinna
    let family_club = Service {
        form: ServiceForm::Group,
        unit: ServiceUnit::Meeting,
        target_groups: vec![
            TargetGroup::FamiliesWithChildren,
            TargetGroup::ChildrenAndYouth,
        ],
        conditions: residents(
            "Dla rodzin z dziećmi zamieszkałych na terenie Gminy Dębica. Udział na podstawie \
             zgłoszenia, do wyczerpania miejsc.",
        ),
        provider_ids: vec![providers.family_ngo.clone()],
        limit: Some(places(15)),
        ..service(
            id,
            ServiceArea::FamilySupport,
            "Klub Rodzinny",
            "zapobieganie izolacji społecznej, poprawy sytuacji osobistej i rodzinnej, poprawa \
             jakości życia rodzin, działań samopomocowych, wzrostu kompetencji rodzicielskich",
            "usługa grupowa, bezpłatna w ramach pilotażu, świadczona na terenie Gminy Dębica",
        )
    };
    let family_therapy = Service {
        places: vec![ServicePlace::Centre, ServicePlace::Home],
        target_groups: vec![
            TargetGroup::FamiliesWithChildren,
            TargetGroup::PeopleInCrisis,
        ],
        conditions: residents(
            "Dla rodzin zamieszkałych na terenie Gminy Dębica, które doświadczają trudności, \
             konfliktów lub kryzysu. Zakres spotkań ustala terapeuta z rodziną.",
        ),
        provider_ids: vec![providers.family_ngo.clone(), providers.psychology.clone()],
        limit: Some(places(25)),
        ..service(
            id,
            ServiceArea::FamilySupport,
            "Terapia rodzinna i krótkoterminowa",
            "poprawa jakości życia rodzin, rozwiązywanie konkretnych problemów, poprawa trudnej \
             życiowej sytuacji, pomoc w osiągnięciu zmian, których rodzina pragnie, m.in. pomoc \
             w rozwiązaniu problemów i konfliktów w rodzinie oraz odbudowa więzi między jej \
             członkami, wsparcie w sytuacjach kryzysowych i traumatycznych",
            "usługa indywidualna, bezpłatna w ramach pilotażu, świadczona na terenie Gminy Dębica \
             lub w miejscu zamieszkania",
        )
    };
    let psychological_counselling = Service {
        places: vec![ServicePlace::Centre, ServicePlace::Home],
        target_groups: vec![
            TargetGroup::FamiliesWithChildren,
            TargetGroup::ChildrenAndYouth,
            TargetGroup::PeopleInCrisis,
        ],
        conditions: residents(
            "Dla mieszkańców Gminy Dębica; osoby niepełnoletnie korzystają za zgodą \
             rodzica lub opiekuna prawnego.",
        ),
        provider_ids: vec![providers.psychology.clone()],
        ..service(
            id,
            ServiceArea::FamilySupport,
            "Indywidualne poradnictwo psychologiczne",
            "Poprawa jakości życia, pomoc w rozwiązywaniu: problemów emocjonalnych (na przykład: \
             trudności w radzeniu sobie ze smutkiem, złością, apatią, bezradnością, lękiem), \
             problemów z zachowaniem (na przykład: jedzeniem, zachowaniami antyspołecznymi), \
             problemów w postrzeganiu siebie (na przykład: niska samoocena) trudnych sytuacji \
             rodzinnych lub rówieśniczych",
            "usługa indywidualna, bezpłatna w ramach pilotażu, świadczona na terenie Gminy Dębica \
             lub w miejscu zamieszkania",
        )
    };
    let family_mediation = Service {
        places: vec![ServicePlace::Centre, ServicePlace::Home],
        target_groups: vec![
            TargetGroup::FamiliesWithChildren,
            TargetGroup::PeopleInCrisis,
        ],
        conditions: residents(
            "Dla członków rodzin zamieszkałych na terenie Gminy Dębica; udział w mediacji \
             jest dobrowolny dla wszystkich stron konfliktu.",
        ),
        provider_ids: vec![providers.family_ngo.clone()],
        ..service(
            id,
            ServiceArea::FamilySupport,
            "Mediacje rodzinne",
            "pomoc w osiąganiu zmian, pomoc w rozwiązaniu problemów i konfliktów w rodzinie, \
             wypracowanie rozwiązania zadowalającego strony konfliktu",
            "usługa indywidualna, bezpłatna w ramach pilotażu, świadczona na terenie Gminy Dębica \
             lub w miejscu zamieszkania",
        )
    };

    // 3. Promocja i ochrona zdrowia
    let physiotherapy = Service {
        unit: ServiceUnit::Hour,
        places: vec![ServicePlace::Home],
        target_groups: vec![TargetGroup::Seniors, TargetGroup::PeopleWithDisabilities],
        conditions: Conditions {
            other_declared: Some(
                "Ma trudności z samodzielnym dotarciem do placówki rehabilitacyjnej".into(),
            ),
            ..residents(
                "Dla mieszkańców Gminy Dębica o ograniczonej sprawności ruchowej, \
                 w szczególności seniorów i osób z niepełnosprawnościami.",
            )
        },
        provider_ids: vec![providers.nursing.clone()],
        limit: Some(ServiceLimit {
            kind: LimitKind::Units,
            amount: 800,
        }),
        ..service(
            id,
            ServiceArea::HealthPromotion,
            "Poradnictwo fizjoterapeutyczne",
            "współpraca ze specjalistą w zakresie terapeutycznym zmierzająca do wielostronnej \
             aktywizacji",
            "usługa indywidualna, bezpłatna w ramach pilotażu, świadczona w miejscu zamieszkania",
        )
    };
    let addiction_therapy = Service {
        target_groups: vec![TargetGroup::PeopleWithAddictions, TargetGroup::Carers],
        conditions: residents(
            "Dla osób uzależnionych i współuzależnionych zamieszkałych na terenie Gminy Dębica. \
             Pierwsza rozmowa z terapeutą ustala formę: indywidualną lub grupową.",
        ),
        provider_ids: vec![providers.psychology.clone()],
        ..service(
            id,
            ServiceArea::HealthPromotion,
            "Terapia dla osób uzależnionych",
            "poprawa funkcjonowania psychospołecznego, propagowanie prozdrowotnych postaw \
             życiowych",
            "usługa indywidualna i grupowe, bezpłatna w ramach pilotażu, świadczona na terenie \
             Gminy Dębica",
        )
    };
    let equipment_rental = Service {
        unit: ServiceUnit::Loan,
        target_groups: vec![TargetGroup::Seniors, TargetGroup::PeopleWithDisabilities],
        conditions: residents(
            "Dla mieszkańców Gminy Dębica, którzy według lekarza potrzebują sprzętu \
             rehabilitacyjnego. Sprzęt wypożycza się na czas określony w umowie użyczenia.",
        ),
        documents: strings(&["Zaświadczenie lekarskie o potrzebie korzystania ze sprzętu"]),
        provider_ids: vec![providers.cooperative.clone()],
        limit: Some(ServiceLimit {
            kind: LimitKind::Units,
            amount: 120,
        }),
        ..service(
            id,
            ServiceArea::HealthPromotion,
            "Wypożyczalnia sprzętu rehabilitacyjnego",
            "poprawa funkcjonowania i jakości życia, powrót do aktywności",
            "usługa indywidualna, bezpłatna w ramach pilotażu, świadczona na terenie Gminy Dębica",
        )
    };

    // 4. Wspieranie osób niepełnosprawnych
    let assistance = Service {
        unit: ServiceUnit::Hour,
        places: vec![ServicePlace::Home],
        target_groups: vec![TargetGroup::PeopleWithDisabilities],
        conditions: Conditions {
            target_groups: vec![TargetGroup::PeopleWithDisabilities],
            disability_certificate_required: true,
            ..residents(
                "Dla osób z niepełnosprawnościami zamieszkałych na terenie Gminy Dębica, \
                 które potrzebują wsparcia, by funkcjonować w dotychczasowym środowisku.",
            )
        },
        documents: strings(&["Orzeczenie o niepełnosprawności lub orzeczenie równoważne"]),
        provider_ids: vec![providers.cooperative.clone()],
        limit: Some(places(25)),
        ..service(
            id,
            ServiceArea::DisabilitySupport,
            "Usługi asystencko-wspierające",
            "umożliwienie funkcjonowania w dotychczasowym środowisku, poprawa funkcjonowania, \
             usprawnianie",
            "usługa indywidualna, bezpłatna w ramach pilotażu, świadczona w miejscu zamieszkania",
        )
    };
    let community_nursing = Service {
        unit: ServiceUnit::Hour,
        places: vec![ServicePlace::Home],
        target_groups: vec![TargetGroup::PeopleWithDisabilities, TargetGroup::Seniors],
        conditions: Conditions {
            other_declared: Some("Wymaga opieki pielęgniarskiej w miejscu zamieszkania".into()),
            ..residents(
                "Dla mieszkańców Gminy Dębica, którzy z powodu choroby, wieku lub \
                 niepełnosprawności wymagają pielęgnacji w domu, na podstawie skierowania lekarza.",
            )
        },
        documents: strings(&["Skierowanie lekarza"]),
        provider_ids: vec![providers.nursing.clone()],
        ..service(
            id,
            ServiceArea::DisabilitySupport,
            "Usługi pielęgniarstwa środowiskowego",
            "umożliwienie funkcjonowania w dotychczasowym środowisku, poprawa funkcjonowania, \
             usprawnianie",
            "usługa indywidualna świadczona w zakresie pielęgnacyjnym i profilaktycznym, \
             bezpłatna w ramach pilotażu, świadczona w miejscu zamieszkania",
        )
    };

    let family_package = package(
        id,
        "Rodzina+",
        "Wsparcie dla rodzin z dziećmi w jednym planie usług: Klub Rodzinny, terapia rodzinna, \
         poradnictwo psychologiczne i mediacje rodzinne.",
        &[
            &family_club,
            &family_therapy,
            &psychological_counselling,
            &family_mediation,
        ],
    );
    insert_services(
        store,
        &[
            local_activity_club,
            family_club,
            family_therapy,
            psychological_counselling,
            family_mediation,
            physiotherapy,
            addiction_therapy,
            equipment_rental,
            assistance,
            community_nursing,
        ],
    )
    .await?;
    store.insert_package(&family_package).await?;

    let activities = [
        activity(
            id,
            "Punkt Informacyjny „jedno okienko”",
            "Kompleksowa obsługa mieszkańców w jednym miejscu: informacja o usługach prowadzonych \
             i kontraktowanych przez CUS oraz inne podmioty, przyjmowanie wniosków i zgłoszeń \
             potrzeb. Punkt działa na parterze budynku Urzędu Gminy Dębica (podjazd, pętla \
             indukcyjna); potrzeby można zgłaszać także przez skrzynkę zgłoszeń, skrzynkę mailową \
             i stronę internetową CUS.",
        ),
        activity(
            id,
            "Klub Wolontariusza",
            "Włączanie w działania CUS wolontariuszy już działających na terenie gminy, edukacja \
             środowiskowa promująca wolontariat, usługi sąsiedzkie i samopomoc oraz wydarzenia \
             promujące lokalnych liderów pomagania. Klub prowadzi Organizator Społeczności \
             Lokalnej.",
        ),
    ];
    for each in &activities {
        store.insert_supporting_activity(each).await?;
    }

    store.publish_programme(id, now).await
}

/// Elements of art. 5 ust. 3 in the words of the implementation plan (chapters III, VII, IX, XI
/// and XIII), shortened.
fn debica_elements() -> ProgrammeElements {
    ProgrammeElements {
        goal: "Zwiększenie dostępności do zintegrowanego systemu usług społecznych \
               odpowiadającego na identyfikowane potrzeby mieszkańców Gminy Dębica."
            .into(),
        needs: "Ankietowani mieszkańcy gminy Dębica w największym stopniu oczekują poszerzenia \
                oferty i zwiększenia dostępu do usług ochrony zdrowia. Wysokie pozycje w rankingu \
                zajęło wspieranie osób i grup dotkniętych chorobą, niepełnosprawnością, a także \
                tworzenie miejsc spędzania czasu wolnego oraz poszerzenie oferty zajęć \
                pozalekcyjnych dla dzieci i młodzieży. W opinii badanych duże znaczenie ma również \
                poszerzenie oferty zajęć dla seniorów, pobudzanie aktywności społecznej \
                mieszkańców i ich udziału w życiu gminy oraz profilaktyka uzależnień."
            .into(),
        recipients: "Adresatami usług społecznych określonych w programie mogą być osoby, \
                     rodziny, grupy społeczne, grupy mieszkańców o określonych potrzebach lub ogół \
                     mieszkańców (art. 5 ust. 1 ustawy). Ostatecznymi odbiorcami Programu są \
                     wszyscy mieszkańcy gminy Dębica, w szczególności rodziny z dziećmi, seniorzy \
                     i osoby z niepełnosprawnościami oraz ich rodziny: 25 osób niepełnosprawnych \
                     wymagających świadczenia usług w miejscu zamieszkania, 25 rodzin z dziećmi \
                     i 200 rodzin lub osób wymagających kompleksowego wsparcia specjalistycznego."
            .into(),
        expected_people: Some(250),
        qualification: "Zakwalifikowanie do korzystania z usług społecznych określonych \
                        w Programie: 1) odbywa się na podstawie złożonego wniosku wraz \
                        z oświadczeniem o spełnieniu określonych w Programie warunków do \
                        korzystania z usług społecznych; 2) następuje w oparciu o warunki \
                        i w trybie wynikającym z Programu i nie wymaga wydania decyzji \
                        administracyjnej; 3) następuje z uwzględnieniem ograniczeń i limitów \
                        wynikających z budżetu przewidzianego na realizację Programu; 4) może \
                        zostać poprzedzone koniecznością złożenia dodatkowych dokumentów \
                        potwierdzających sytuację m.in. życiową, rodzinną, zdrowotną; 5) może \
                        zostać poprzedzone przeprowadzeniem rozeznania potrzeb przez koordynatora \
                        indywidualnych planów usług. Odmowa zakwalifikowania następuje w drodze \
                        decyzji administracyjnej w trybie określonym w Kodeksie postępowania \
                        administracyjnego."
            .into(),
        documentation: "Spełnianie warunków dokumentuje oświadczenie złożone wraz z wnioskiem. \
                        Przy niektórych usługach wymagane są dodatkowe dokumenty potwierdzające \
                        sytuację zdrowotną: zaświadczenie lekarskie, skierowanie lekarza lub \
                        orzeczenie o niepełnosprawności."
            .into(),
        organisation: "Usługi organizuje Centrum Usług Społecznych Gminy Dębica w formule \
                       „jednego okienka”. Realizacja usług odbywa się poprzez wyłonienie \
                       wykonawców w trybie ustawy prawo zamówień publicznych oraz samodzielnie \
                       przez Centrum. Etapy: rozeznanie potrzeb i diagnoza, utworzenie katalogu \
                       usług, konsultacje społeczne, przyjęcie Programu uchwałą Rady Gminy \
                       Dębica, świadczenie usług i realizacja indywidualnych planów usług \
                       społecznych, monitorowanie i ocena."
            .into(),
        monitoring: "Monitorowanie polega na analizie danych ilościowych (dane sprawozdawcze), \
                     jakościowych (ankiety, rozmowy) i finansowych gromadzonych w trakcie \
                     realizacji Programu. Narzędzia: ocena dokonywana przez odbiorcę usługi \
                     indywidualnej, ankiety wśród odbiorców usług grupowych, kwartalne \
                     kwestionariusze wywiadów ze specjalistami, miesięczne raporty koordynatorów \
                     i Organizatora Społeczności Lokalnej, raport cząstkowy i końcowy. Kryteria \
                     ewaluacji: adekwatność/trafność, użyteczność, efektywność, skuteczność, \
                     trwałość efektów, spójność zarządzania, wartość dodana."
            .into(),
        budget: Some(Grosze::new(191_200_000)),
        budget_sources: "Projekt „Centrum Usług Społecznych w gminie Dębica – nowa jakość życia \
                         mieszkańców” w ramach Programu Operacyjnego Wiedza Edukacja Rozwój; Oś \
                         priorytetowa II Efektywne polityki publiczne dla rynku pracy, gospodarki \
                         i edukacji; Działanie 2.8 Rozwój usług społecznych świadczonych \
                         w środowisku lokalnym, współfinansowany ze środków Europejskiego Funduszu \
                         Społecznego."
            .into(),
    }
}

// --- programme 2: paid services for seniors -------------------------------------------

async fn seed_seniors_programme(
    store: &Store,
    providers: &Providers,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let programme = Programme {
        period_from: date(2023, 3, 1)?,
        period_to: date(2026, 12, 31)?,
        elements: seniors_elements(),
        personal_data: vec![
            PersonalDataField::Name,
            PersonalDataField::Pesel,
            PersonalDataField::BirthDate,
            PersonalDataField::Address,
            PersonalDataField::Phone,
            PersonalDataField::HouseholdSize,
            PersonalDataField::Income,
            PersonalDataField::LargeFamilyCard,
            PersonalDataField::Disability,
            PersonalDataField::Dependency,
        ],
        ..draft(
            "Program „Złota Rączka” i usługi opiekuńcze dla seniorów",
            "LIV/688/2023",
            date(2023, 2, 23)?,
        )
    };
    store.insert_programme(&programme, now).await?;
    let id = programme.id.as_str();
    let income_statement = "Oświadczenie o dochodach i liczbie osób we wspólnym gospodarstwie \
                            domowym";

    let handyman = Service {
        unit: ServiceUnit::Hour,
        places: vec![ServicePlace::Home],
        target_groups: vec![TargetGroup::Seniors],
        conditions: Conditions {
            min_age: Some(60),
            ..residents(
                "Dla mieszkańców Gminy Dębica, którzy ukończyli 60 lat. Opłata zależy od \
                 dochodu; materiały kupuje odbiorca usługi.",
            )
        },
        documents: strings(&[income_statement]),
        provider_ids: vec![providers.cooperative.clone()],
        limit: Some(ServiceLimit {
            kind: LimitKind::Budget,
            amount: 6_000_000,
        }),
        fee: income_table_fee(Grosze::new(4_000)),
        ..service(
            id,
            ServiceArea::SocialAssistance,
            "Złota Rączka – drobne naprawy w domu seniora",
            "poprawa bezpieczeństwa i komfortu życia seniorów w ich mieszkaniach, pomoc \
             w drobnych naprawach, których senior nie może wykonać samodzielnie",
            "usługa indywidualna, odpłatna według dochodu, świadczona w miejscu zamieszkania: \
             drobne naprawy hydrauliczne, elektryczne i stolarskie, wymiana żarówek, montaż \
             uchwytów i poręczy, uszczelnianie okien",
        )
    };
    let home_care = Service {
        unit: ServiceUnit::Hour,
        places: vec![ServicePlace::Home],
        target_groups: vec![TargetGroup::Seniors, TargetGroup::PeopleWithDisabilities],
        conditions: Conditions {
            other_declared: Some(
                "Z powodu wieku, choroby lub niepełnosprawności wymaga pomocy innych osób \
                 w codziennych czynnościach"
                    .into(),
            ),
            ..residents(
                "Dla mieszkańców Gminy Dębica, którzy z powodu wieku, choroby lub \
                 niepełnosprawności wymagają pomocy innych osób. Opłata zależy od dochodu.",
            )
        },
        documents: strings(&["Zaświadczenie lekarskie o stanie zdrowia", income_statement]),
        provider_ids: vec![providers.cooperative.clone()],
        limit: Some(ServiceLimit {
            kind: LimitKind::Units,
            amount: 5_000,
        }),
        fee: income_table_fee(Grosze::new(3_500)),
        ..service(
            id,
            ServiceArea::SocialAssistance,
            "Usługi opiekuńcze w miejscu zamieszkania",
            "zaspokojenie codziennych potrzeb życiowych, opieka higieniczna i pielęgnacja oraz \
             zapewnienie kontaktów z otoczeniem, umożliwienie życia w dotychczasowym środowisku",
            "usługa indywidualna, odpłatna według dochodu, świadczona w miejscu zamieszkania \
             w dni robocze, w wymiarze ustalonym z koordynatorem",
        )
    };
    let door_to_door = Service {
        unit: ServiceUnit::Trip,
        places: vec![ServicePlace::Home],
        target_groups: vec![TargetGroup::Seniors, TargetGroup::PeopleWithDisabilities],
        conditions: Conditions {
            other_declared: Some("Ma trudności w samodzielnym poruszaniu się".into()),
            ..residents(
                "Dla mieszkańców Gminy Dębica z ograniczoną mobilnością. Przejazd zamawia się \
                 co najmniej dwa dni robocze wcześniej.",
            )
        },
        provider_ids: vec![providers.cooperative.clone()],
        // One adapted vehicle: the trips it can make in the programme's period.
        limit: Some(ServiceLimit {
            kind: LimitKind::Units,
            amount: 60,
        }),
        fee: FeeSchedule {
            rule: FeeRule::FixedPerUnit {
                price: Grosze::new(500),
            },
            discounts: vec![Discount {
                condition: DiscountCondition::DisabilityCertificate,
                percent_bp: 5_000,
            }],
            combination: DiscountCombination::Highest,
        },
        ..service(
            id,
            ServiceArea::DisabilitySupport,
            "Transport door-to-door",
            "umożliwienie osobom z ograniczoną mobilnością dotarcia do lekarza, urzędu, sklepu \
             czy na zajęcia, przeciwdziałanie wykluczeniu",
            "usługa indywidualna, przejazd z miejsca zamieszkania do wskazanego miejsca na terenie \
             Gminy Dębica i Miasta Dębica wraz z pomocą kierowcy-asystenta; opłata stała za \
             przejazd, z ulgą dla osób z orzeczeniem o niepełnosprawności",
        )
    };

    let help_package = package(
        id,
        "Pomoc+",
        "Pakiet dla seniorów: opieka w domu i transport door-to-door do lekarza, urzędu czy na \
         zakupy.",
        &[&home_care, &door_to_door],
    );
    insert_services(store, &[handyman, home_care, door_to_door]).await?;
    store.insert_package(&help_package).await?;

    store.publish_programme(id, now).await
}

fn seniors_elements() -> ProgrammeElements {
    ProgrammeElements {
        goal: "Umożliwienie seniorom i osobom z niepełnosprawnościami jak najdłuższego, \
               bezpiecznego i samodzielnego życia w dotychczasowym miejscu zamieszkania."
            .into(),
        needs: "Udział osób w wieku poprodukcyjnym w populacji gminy systematycznie rośnie. \
                Diagnoza potrzeb wskazała usługi wspierające osoby starsze, chore \
                i z niepełnosprawnościami w miejscu zamieszkania, mobilnego konserwatora – \
                „złotą rączkę” oraz transport jako usługi o największym potencjale."
            .into(),
        recipients: "Mieszkańcy Gminy Dębica w wieku 60 lat i więcej oraz osoby \
                     z niepełnosprawnościami wymagające pomocy w codziennych czynnościach."
            .into(),
        expected_people: Some(120),
        qualification: "Na podstawie wniosku z oświadczeniem o spełnieniu warunków i o dochodzie; \
                        koordynator może przeprowadzić rozeznanie potrzeb w miejscu zamieszkania. \
                        Kwalifikacja nie wymaga decyzji administracyjnej; odmowa następuje \
                        w drodze decyzji."
            .into(),
        documentation: "Dochód – oświadczenie wnioskodawcy; ulgi – Karta Dużej Rodziny lub \
                        orzeczenie o niepełnosprawności okazane do wglądu; wiek – na podstawie \
                        daty urodzenia."
            .into(),
        organisation: "Usługi świadczy wybrany usługodawca na zlecenie Centrum Usług Społecznych \
                       Gminy Dębica; opłaty nalicza się miesięcznie za faktycznie zrealizowane \
                       godziny i przejazdy."
            .into(),
        monitoring: "Liczba osób objętych usługami, liczba zrealizowanych godzin i przejazdów, \
                     ankieta satysfakcji odbiorców raz w roku, roczne sprawozdanie dla Rady \
                     Gminy Dębica."
            .into(),
        budget: Some(Grosze::new(45_000_000)),
        budget_sources: "Budżet Gminy Dębica oraz opłaty wnoszone przez osoby korzystające \
                         z usług."
            .into(),
    }
}

// --- builders ---------------------------------------------------------------------

/// A first version of a programme, as a draft serving gmina Dębica; the caller sets the
/// period, elements and personal data.
fn draft(name: &str, resolution_number: &str, resolution_date: NaiveDate) -> Programme {
    let id = new_id();
    Programme {
        lineage_id: id.clone(),
        id,
        version: 1,
        name: name.to_owned(),
        gminas: vec![GMINA_DEBICA.to_owned()],
        resolution_number: resolution_number.to_owned(),
        resolution_date,
        period_from: resolution_date,
        period_to: resolution_date,
        status: ProgrammeStatus::Draft,
        elements: ProgrammeElements::default(),
        personal_data: Vec::new(),
        retention: Default::default(),
    }
}

/// A free individual service by session at the centre, for residents of the gmina; the caller
/// overrides what differs.
fn service(
    programme_id: &str,
    area: ServiceArea,
    name: &str,
    goal: &str,
    characteristics: &str,
) -> Service {
    Service {
        id: new_id(),
        programme_id: programme_id.to_owned(),
        name: name.to_owned(),
        area,
        form: ServiceForm::Individual,
        goal: goal.to_owned(),
        characteristics: characteristics.to_owned(),
        target_groups: Vec::new(),
        places: vec![ServicePlace::Centre],
        unit: ServiceUnit::Session,
        conditions: residents(""),
        documents: Vec::new(),
        provider_ids: Vec::new(),
        limit: None,
        fee: free(),
    }
}

/// Open to every resident of the programme's gmina, with the resolution's wording.
fn residents(text: &str) -> Conditions {
    Conditions {
        residence_required: true,
        text: text.to_owned(),
        ..Conditions::default()
    }
}

fn places(amount: i64) -> ServiceLimit {
    ServiceLimit {
        kind: LimitKind::Places,
        amount,
    }
}

fn free() -> FeeSchedule {
    FeeSchedule {
        rule: FeeRule::Free,
        discounts: Vec::new(),
        combination: DiscountCombination::Highest,
    }
}

/// The income-dependent fee typical of Polish resolutions: a share of `unit_cost` by income as
/// a percentage of the social assistance criterion, with discounts for Karta Dużej Rodziny and
/// for residents aged 80 or more (only the highest applies).
fn income_table_fee(unit_cost: Grosze) -> FeeSchedule {
    let bracket = |up_to_percent: Option<u32>, fee_single_bp: u32, fee_family_bp: u32| Bracket {
        up_to_percent,
        fee_single_bp,
        fee_family_bp,
    };
    FeeSchedule {
        rule: FeeRule::IncomeTable(IncomeTable {
            unit_cost,
            criterion_single: Grosze::new(109_000),
            criterion_family: Grosze::new(82_300),
            brackets: vec![
                bracket(Some(100), 0, 0),
                bracket(Some(150), 1_000, 1_500),
                bracket(Some(200), 2_000, 3_000),
                bracket(Some(250), 3_500, 5_000),
                bracket(Some(300), 5_000, 7_000),
                bracket(None, 10_000, 10_000),
            ],
        }),
        discounts: vec![
            Discount {
                condition: DiscountCondition::LargeFamilyCard,
                percent_bp: 2_000,
            },
            Discount {
                condition: DiscountCondition::AgeAtLeast(80),
                percent_bp: 3_000,
            },
        ],
        combination: DiscountCombination::Highest,
    }
}

fn package(programme_id: &str, name: &str, description: &str, services: &[&Service]) -> Package {
    Package {
        id: new_id(),
        programme_id: programme_id.to_owned(),
        name: name.to_owned(),
        description: description.to_owned(),
        service_ids: services.iter().map(|service| service.id.clone()).collect(),
    }
}

fn activity(programme_id: &str, name: &str, description: &str) -> SupportingActivity {
    SupportingActivity {
        id: new_id(),
        programme_id: programme_id.to_owned(),
        name: name.to_owned(),
        description: description.to_owned(),
    }
}

/// Inserts the services in the order of the resolution, refusing a fee schedule that would not
/// pass the checks staff entry applies.
async fn insert_services(store: &Store, services: &[Service]) -> Result<(), StoreError> {
    for service in services {
        service
            .fee
            .validate()
            .map_err(|e| StoreError::Corrupt(format!("{}: {}", service.name, e.key())))?;
        store.insert_service(service).await?;
    }
    Ok(())
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|item| (*item).to_owned()).collect()
}

fn date(year: i32, month: u32, day: u32) -> Result<NaiveDate, StoreError> {
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| StoreError::Corrupt(format!("invalid date {year}-{month}-{day}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::programme::fees::{Attribute, FeeInputs, Household};

    #[test]
    fn demo_fee_schedules_are_valid() {
        assert_eq!(free().validate(), Ok(()));
        assert_eq!(income_table_fee(Grosze::new(4_000)).validate(), Ok(()));
        assert_eq!(income_table_fee(Grosze::new(3_500)).validate(), Ok(()));
    }

    #[test]
    fn income_table_charges_by_bracket_and_discount() {
        let care = income_table_fee(Grosze::new(3_500));
        // 1 090 zł alone is exactly 100 % of the criterion: free.
        assert_eq!(
            care.preview(Household::LivesAlone, Grosze::new(109_000)),
            Ok(Grosze::new(0))
        );
        // 1 500 zł alone is about 138 %: 10 % of 35 zł.
        assert_eq!(
            care.preview(Household::LivesAlone, Grosze::new(150_000)),
            Ok(Grosze::new(350))
        );
        let senior = FeeInputs {
            household: Household::LivesAlone,
            monthly_income_per_person: Grosze::new(500_000),
            units: 10,
            age: Some(82),
            attributes: vec![Attribute::LargeFamilyCard],
        };
        // Above 300 %: full 35 zł, the higher discount (30 % for age) applies: 24,50 zł.
        let quote = care.compute(&senior, None).unwrap();
        assert_eq!(quote.per_unit, Grosze::new(2_450));
        assert_eq!(quote.total, Grosze::new(24_500));
    }

    #[test]
    fn dates_are_checked() {
        assert!(date(2022, 3, 30).is_ok());
        assert!(date(2022, 2, 30).is_err());
    }
}
