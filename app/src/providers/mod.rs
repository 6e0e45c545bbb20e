//! Providers: the NGOs, social economy entities, health providers, companies, persons and
//! municipal units that deliver the programme's services (DOMAIN §7). The public directory
//! lives in the catalogue room; agreements and referrals come with their own issue.

use crate::domain::coded::coded_enum;
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
