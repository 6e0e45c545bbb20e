//! The programme as data: what a council resolution adopts (art. 5 ust. 3) and what the
//! catalogue, the application form and qualification execute. Every enum has a stable code
//! (stored in the database and used in URLs) and a translation key for its label.

use super::fees::FeeSchedule;
use crate::domain::coded::coded_enum;
use crate::domain::label::labels;
use crate::domain::{Grosze, ServiceArea};
use serde::{Deserialize, Serialize};

coded_enum! {
    /// Where a programme is in its life.
    ProgrammeStatus {
        Draft = "draft",
        Published = "published",
        /// A newer version (a later resolution) replaced it; it stays readable.
        Superseded = "superseded",
        Ended = "ended",
    }
}

labels!(ProgrammeStatus, programmes {
    Draft => status_draft,
    Published => status_published,
    Superseded => status_superseded,
    Ended => status_ended,
});

coded_enum! {
    /// Who a service is meant for (DOMAIN §3).
    TargetGroup {
        AllResidents = "all_residents",
        ChildrenAndYouth = "children_and_youth",
        FamiliesWithChildren = "families_with_children",
        Seniors = "seniors",
        PeopleWithDisabilities = "people_with_disabilities",
        Carers = "carers",
        PeopleInCrisis = "people_in_crisis",
        PeopleWithAddictions = "people_with_addictions",
    }
}

labels!(TargetGroup, groups {
    AllResidents => all_residents,
    ChildrenAndYouth => children_and_youth,
    FamiliesWithChildren => families_with_children,
    Seniors => seniors,
    PeopleWithDisabilities => people_with_disabilities,
    Carers => carers,
    PeopleInCrisis => people_in_crisis,
    PeopleWithAddictions => people_with_addictions,
});

coded_enum! {
    /// Individual or group service.
    ServiceForm {
        Individual = "individual",
        Group = "group",
    }
}

labels!(ServiceForm, catalogue {
    Individual => form_individual,
    Group => form_group,
});

coded_enum! {
    /// Where the service is delivered.
    ServicePlace {
        Centre = "centre",
        Home = "home",
        ProviderSite = "provider_site",
        Online = "online",
    }
}

labels!(ServicePlace, catalogue {
    Centre => place_centre,
    Home => place_home,
    ProviderSite => place_provider_site,
    Online => place_online,
});

coded_enum! {
    /// What one unit of the service is; limits and fees count these.
    ServiceUnit {
        Hour = "hour",
        Session = "session",
        Day = "day",
        Loan = "loan",
        Trip = "trip",
        Meal = "meal",
        Meeting = "meeting",
    }
}

labels!(ServiceUnit, catalogue {
    Hour => unit_hour,
    Session => unit_session,
    Day => unit_day,
    Loan => unit_loan,
    Trip => unit_trip,
    Meal => unit_meal,
    Meeting => unit_meeting,
});

coded_enum! {
    /// What the limit of a service counts for the programme period (art. 42 ust. 2).
    LimitKind {
        Places = "places",
        Units = "units",
        Budget = "budget",
    }
}

coded_enum! {
    /// A piece of personal data the programme needs for qualification (element 9). The
    /// application form asks for exactly these.
    PersonalDataField {
        Name = "name",
        Pesel = "pesel",
        BirthDate = "birth_date",
        Address = "address",
        Phone = "phone",
        Email = "email",
        HouseholdSize = "household_size",
        Income = "income",
        LargeFamilyCard = "large_family_card",
        Disability = "disability",
        Health = "health",
        Dependency = "dependency",
    }
}

labels!(PersonalDataField, programmes {
    Name => data_name,
    Pesel => data_pesel,
    BirthDate => data_birth_date,
    Address => data_address,
    Phone => data_phone,
    Email => data_email,
    HouseholdSize => data_household_size,
    Income => data_income,
    LargeFamilyCard => data_large_family_card,
    Disability => data_disability,
    Health => data_health,
    Dependency => data_dependency,
});

impl PersonalDataField {
    /// Special categories of GDPR art. 9: the form marks them and staff see why they are asked.
    pub fn is_special_category(self) -> bool {
        matches!(self, Self::Disability | Self::Health | Self::Dependency)
    }
}

/// The qualification conditions of a service, structured so that the self-check and
/// qualification can test them, with the resolution's own wording beside them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conditions {
    /// Empty: open to every target group.
    pub target_groups: Vec<TargetGroup>,
    pub min_age: Option<u8>,
    pub max_age: Option<u8>,
    /// The person must live in one of the programme's gminas.
    pub residence_required: bool,
    pub disability_certificate_required: bool,
    /// A further condition the applicant declares (e.g. "requires help with mobility").
    pub other_declared: Option<String>,
    /// The conditions as the resolution words them.
    pub text: String,
}

/// How much of a service the programme can give in its period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceLimit {
    pub kind: LimitKind,
    /// Places, units, or grosze for a budget limit.
    pub amount: i64,
}

/// The twelve elements of art. 5 ust. 3 besides the services (element 5), the fees (7,
/// on each service) and the personal data (9, on the programme).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeElements {
    /// 1: name is the programme's; this is its goal.
    pub goal: String,
    /// 3: needs that justify it.
    pub needs: String,
    /// 4: who it is for and the expected number of people.
    pub recipients: String,
    pub expected_people: Option<u32>,
    /// 6: conditions and procedure of qualification.
    pub qualification: String,
    /// 8: how conditions and discounts are documented.
    pub documentation: String,
    /// 10: organisation and stages.
    pub organisation: String,
    /// 11: monitoring, evaluation and efficiency measures.
    pub monitoring: String,
    /// 12: budget and its sources.
    pub budget: Option<Grosze>,
    pub budget_sources: String,
}

/// One version of a programme, as adopted by one council resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    pub id: String,
    /// Shared by every version of the same programme.
    pub lineage_id: String,
    pub version: u32,
    pub name: String,
    /// TERYT codes of the gminas it serves (a centre may serve several by agreement).
    pub gminas: Vec<String>,
    pub resolution_number: String,
    pub resolution_date: chrono::NaiveDate,
    pub period_from: chrono::NaiveDate,
    pub period_to: chrono::NaiveDate,
    pub status: ProgrammeStatus,
    pub elements: ProgrammeElements,
    pub personal_data: Vec<PersonalDataField>,
    /// How long its case files are kept after the case ends.
    pub retention: crate::domain::Retention,
}

/// A service of one programme version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub id: String,
    pub programme_id: String,
    pub name: String,
    pub area: ServiceArea,
    pub form: ServiceForm,
    pub goal: String,
    pub characteristics: String,
    pub target_groups: Vec<TargetGroup>,
    pub places: Vec<ServicePlace>,
    pub unit: ServiceUnit,
    pub conditions: Conditions,
    pub documents: Vec<String>,
    pub provider_ids: Vec<String>,
    pub limit: Option<ServiceLimit>,
    pub fee: FeeSchedule,
}

impl Service {
    pub fn is_free(&self) -> bool {
        matches!(self.fee.rule, super::fees::FeeRule::Free)
    }
}

/// Services grouped under one name (Koszalin's RODZINA+, POMOC+).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Package {
    pub id: String,
    pub programme_id: String,
    pub name: String,
    pub description: String,
    pub service_ids: Vec<String>,
}

/// Something the centre does around the services (info point, volunteer club, workshops).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportingActivity {
    pub id: String,
    pub programme_id: String,
    pub name: String,
    pub description: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for group in TargetGroup::ALL {
            assert_eq!(TargetGroup::from_code(group.code()), Some(group));
        }
        for field in PersonalDataField::ALL {
            assert_eq!(PersonalDataField::from_code(field.code()), Some(field));
        }
        assert_eq!(ServicePlace::from_code("kitchen"), None);
    }

    #[test]
    fn serde_uses_the_code() {
        let json = serde_json::to_string(&TargetGroup::PeopleWithDisabilities).unwrap();
        assert_eq!(json, "\"people_with_disabilities\"");
        assert_eq!(LimitKind::Budget.code(), "budget");
    }

    #[test]
    fn special_categories_are_health_disability_dependency() {
        let special: Vec<_> = PersonalDataField::ALL
            .iter()
            .filter(|field| field.is_special_category())
            .collect();
        assert_eq!(special.len(), 3);
    }
}
