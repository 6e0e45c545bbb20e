//! Providers: the NGOs, social economy entities, health providers, companies, persons and
//! municipal units that deliver the programme's services (DOMAIN §7). The public directory
//! lives in the catalogue room; agreements and referrals come with their own issue.

use crate::domain::coded::coded_enum;
use crate::domain::label::labels;
use serde::{Deserialize, Serialize};

coded_enum! {
    /// What kind of entity a provider is.
    ProviderKind {
        Ngo = "ngo",
        SocialEconomy = "social_economy",
        Health = "health",
        Company = "company",
        Person = "person",
        MunicipalUnit = "municipal_unit",
    }
}

labels!(ProviderKind, providers {
    Ngo => kind_ngo,
    SocialEconomy => kind_social_economy,
    Health => kind_health,
    Company => kind_company,
    Person => kind_person,
    MunicipalUnit => kind_municipal_unit,
});

/// A provider as the public directory shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provider {
    pub id: String,
    pub name: String,
    pub kind: ProviderKind,
    pub nip: Option<String>,
    pub address: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub description: String,
}
