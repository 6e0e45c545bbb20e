//! The public catalogue: the services of the published programmes, found by words that ignore
//! case and Polish diacritics and by combinable filters, each service on its own page with its
//! fee table and calculator, and the directory of providers. No sign-in; every view is a GET
//! URL, so it can be shared and works without JavaScript.

pub mod fee_views;
#[cfg(feature = "ssr")]
pub mod hsds;
pub mod pages;
pub mod self_check;
#[cfg(feature = "ssr")]
mod store;

use crate::domain::ServiceArea;
use crate::error::AppError;
use crate::programme::fees::{FeeInputs, FeeQuote, FeeSchedule, Household};
use crate::programme::{
    Package, Programme, Service, ServiceForm, ServicePlace, ServiceUnit, TargetGroup,
};
use crate::providers::Provider;
use leptos::prelude::*;
use leptos_router::params::ParamsMap;
use serde::{Deserialize, Serialize};

/// Services on one page of results.
pub const PAGE_SIZE: i64 = 20;

/// The catalogue's URL parameters as typed; unknown codes simply do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueQuery {
    pub words: String,
    pub area: String,
    pub group: String,
    pub form: String,
    pub place: String,
    /// "bezplatne" or "platne".
    pub fee: String,
    pub package: String,
    pub provider: String,
    pub page: u32,
}

/// (URL parameter, field) pairs, in the order of the form.
const PARAMS: [&str; 8] = [
    "szukaj",
    "obszar",
    "grupa",
    "forma",
    "miejsce",
    "odplatnosc",
    "pakiet",
    "realizator",
];

impl CatalogueQuery {
    pub fn from_params(map: &ParamsMap) -> Self {
        let get = |key: &str| map.get(key).unwrap_or_default().trim().to_owned();
        CatalogueQuery {
            words: get("szukaj"),
            area: get("obszar"),
            group: get("grupa"),
            form: get("forma"),
            place: get("miejsce"),
            fee: get("odplatnosc"),
            package: get("pakiet"),
            provider: get("realizator"),
            page: get("strona").parse().unwrap_or(1).max(1),
        }
    }

    fn values(&self) -> [&str; 8] {
        [
            &self.words,
            &self.area,
            &self.group,
            &self.form,
            &self.place,
            &self.fee,
            &self.package,
            &self.provider,
        ]
    }

    /// `?szukaj=…&strona=2` for links to another page of the same results.
    pub fn to_query_string(&self, page: u32) -> String {
        let page = if page > 1 {
            page.to_string()
        } else {
            String::new()
        };
        crate::components::pagination::query_string(
            PARAMS
                .iter()
                .copied()
                .zip(self.values())
                .chain([("strona", page.as_str())]),
        )
    }

    pub fn filter(&self) -> CatalogueFilter {
        CatalogueFilter {
            words: crate::domain::search_text::query_words(&self.words),
            area: ServiceArea::from_code(&self.area),
            group: TargetGroup::from_code(&self.group),
            form: ServiceForm::from_code(&self.form),
            place: ServicePlace::from_code(&self.place),
            free: match self.fee.as_str() {
                "bezplatne" => Some(true),
                "platne" => Some(false),
                _ => None,
            },
            package: Some(self.package.clone()).filter(|p| !p.is_empty()),
            provider: Some(self.provider.clone()).filter(|p| !p.is_empty()),
        }
    }
}

/// What the store filters by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogueFilter {
    /// Folded words; each must occur in the service's search text.
    pub words: Vec<String>,
    pub area: Option<ServiceArea>,
    pub group: Option<TargetGroup>,
    pub form: Option<ServiceForm>,
    pub place: Option<ServicePlace>,
    pub free: Option<bool>,
    pub package: Option<String>,
    pub provider: Option<String>,
}

/// A service as a result line shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceSummary {
    pub id: String,
    pub name: String,
    pub area: ServiceArea,
    pub form: ServiceForm,
    pub goal: String,
    pub places: Vec<ServicePlace>,
    pub unit: ServiceUnit,
    pub is_free: bool,
    pub programme_name: String,
}

impl ServiceSummary {
    pub fn of(service: &Service, programme_name: String) -> Self {
        ServiceSummary {
            id: service.id.clone(),
            name: service.name.clone(),
            area: service.area,
            form: service.form,
            goal: service.goal.clone(),
            places: service.places.clone(),
            unit: service.unit,
            is_free: service.is_free(),
            programme_name,
        }
    }
}

/// One page of results with what the filter form offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CataloguePage {
    pub services: Vec<ServiceSummary>,
    pub total: i64,
    pub page: u32,
    pub packages: Vec<Package>,
    pub providers: Vec<Provider>,
}

impl CataloguePage {
    pub fn pages(&self) -> u32 {
        u32::try_from((self.total + PAGE_SIZE - 1) / PAGE_SIZE)
            .unwrap_or(u32::MAX)
            .max(1)
    }
}

/// Everything the service page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceDetails {
    pub service: Service,
    pub programme: Programme,
    pub providers: Vec<Provider>,
    pub packages: Vec<Package>,
    /// The fee for the calculator's inputs, when they were given.
    pub quote: Option<Result<FeeQuote, String>>,
    /// What is left of the service's limit, when it has one.
    pub capacity: Option<crate::case_file::model::Capacity>,
}

/// The calculator's inputs as typed in the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeQuestion {
    pub income: String,
    pub household: String,
    pub units: String,
}

impl FeeQuestion {
    pub fn from_params(map: &ParamsMap) -> Self {
        let get = |key: &str| map.get(key).unwrap_or_default().trim().to_owned();
        FeeQuestion {
            income: get("dochod"),
            household: get("gospodarstwo"),
            units: get("jednostki"),
        }
    }

    pub fn is_asked(&self) -> bool {
        !self.income.is_empty()
    }

    /// The fee by `schedule` for these inputs when they were given, or the translation key of
    /// what is wrong.
    pub fn quote(&self, schedule: &FeeSchedule) -> Option<Result<FeeQuote, String>> {
        self.is_asked().then(|| {
            let inputs = self.inputs().map_err(str::to_owned)?;
            schedule
                .compute(&inputs, None)
                .map_err(|error| error.key().to_owned())
        })
    }

    /// The fee inputs, or the translation key of what is wrong.
    pub fn inputs(&self) -> Result<FeeInputs, &'static str> {
        let income: crate::domain::Grosze = self
            .income
            .parse()
            .map_err(|_| "calculator_income_invalid")?;
        if income.value() < 0 {
            return Err("calculator_income_invalid");
        }
        let units = if self.units.is_empty() {
            1
        } else {
            self.units
                .parse::<u32>()
                .ok()
                .filter(|units| (1..=1000).contains(units))
                .ok_or("calculator_units_invalid")?
        };
        Ok(FeeInputs {
            household: if self.household == "rodzina" {
                Household::Family
            } else {
                Household::LivesAlone
            },
            monthly_income_per_person: income,
            units,
            age: None,
            attributes: Vec::new(),
        })
    }
}

/// A page of services matching `query`.
#[server(prefix = "/api", endpoint = "catalogue")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn catalogue(query: CatalogueQuery) -> Result<CataloguePage, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    let store = &access.state.store;
    let filter = query.filter();
    let page = query.page.max(1);
    let (total, services) = store
        .catalogue_search(&filter, PAGE_SIZE, i64::from(page - 1) * PAGE_SIZE)
        .await?;
    Ok(CataloguePage {
        services,
        total,
        page,
        packages: store.packages(None).await?,
        providers: store.catalogue_providers().await?,
    })
}

/// One published service, with the fee for the calculator's inputs.
#[server(prefix = "/api", endpoint = "catalogue_service")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn catalogue_service(
    id: String,
    question: FeeQuestion,
) -> Result<ServiceDetails, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    let store = &access.state.store;
    let service = store.published_service(&id).await?;
    let programme = store.programme(&service.programme_id).await?;
    let providers = store
        .providers()
        .await?
        .into_iter()
        .filter(|provider| service.provider_ids.contains(&provider.id))
        .collect();
    let packages = store
        .packages(Some(&programme.id))
        .await?
        .into_iter()
        .filter(|package| package.service_ids.contains(&service.id))
        .collect();
    let quote = question.quote(&service.fee);
    let capacity = store.capacity(&service).await?;
    Ok(ServiceDetails {
        capacity,
        service,
        programme,
        providers,
        packages,
        quote,
    })
}

/// A provider with the published services it delivers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProviderEntry {
    pub provider: Provider,
    pub services: Vec<ServiceSummary>,
}

/// The public directory of providers.
#[server(prefix = "/api", endpoint = "provider_directory")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn provider_directory() -> Result<Vec<ProviderEntry>, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    let store = &access.state.store;
    let provided = store.provided_services().await?;
    let entries = store
        .providers()
        .await?
        .into_iter()
        .map(|provider| {
            let services = provided
                .iter()
                .filter(|(by, _)| *by == provider.id)
                .map(|(_, service)| service.clone())
                .collect();
            ProviderEntry { provider, services }
        })
        .collect();
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_string_keeps_only_given_parameters() {
        let query = CatalogueQuery {
            words: "złota rączka".into(),
            fee: "bezplatne".into(),
            ..CatalogueQuery::default()
        };
        assert_eq!(
            query.to_query_string(2),
            "?szukaj=z%C5%82ota+r%C4%85czka&odplatnosc=bezplatne&strona=2"
        );
        assert_eq!(CatalogueQuery::default().to_query_string(1), "");
    }

    #[test]
    fn unknown_codes_do_not_filter() {
        let query = CatalogueQuery {
            group: "seniors".into(),
            place: "moon".into(),
            ..CatalogueQuery::default()
        };
        let filter = query.filter();
        assert_eq!(filter.group, Some(TargetGroup::Seniors));
        assert_eq!(filter.place, None);
    }

    #[test]
    fn calculator_inputs_are_checked() {
        let question = FeeQuestion {
            income: "1200,50".into(),
            household: "rodzina".into(),
            units: "".into(),
        };
        let inputs = question.inputs().unwrap();
        assert_eq!(inputs.household, Household::Family);
        assert_eq!(inputs.units, 1);
        let bad = FeeQuestion {
            income: "dużo".into(),
            ..question.clone()
        };
        assert_eq!(bad.inputs(), Err("calculator_income_invalid"));
        let zero_units = FeeQuestion {
            units: "0".into(),
            ..question
        };
        assert_eq!(zero_units.inputs(), Err("calculator_units_invalid"));
    }
}
