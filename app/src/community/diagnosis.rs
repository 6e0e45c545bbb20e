//! The diagnosis of a community (stage 1): its map of resources and needs — people and leaders,
//! organisations and institutions, places and the centre's own resources; problems, opinions,
//! ideas, barriers and declarations of involvement — each with its place and source, the
//! community's profile (characteristics, socio-demographic figures, potential and conclusions,
//! a first plan), and beside it the needs residents reported for its place or target group,
//! which the organiser takes onto the map. Printed as "Mapa zasobów i potrzeb" (`documents`).

use super::Community;
use super::forms::{check_choice, check_optional_count, check_short};
use crate::domain::ServiceArea;
use crate::domain::coded::coded_enum;
use crate::domain::label::labels;
use crate::error::{AppError, FieldErrors};
use crate::forms::check_text;
use crate::programme::TargetGroup;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

coded_enum! {
    /// What an entry of the map is: four kinds of resources, five of needs (seed 004).
    MapEntryKind {
        Leader = "leader",
        Organisation = "organisation",
        Place = "place",
        CentreResource = "centre",
        Problem = "problem",
        Opinion = "opinion",
        Idea = "idea",
        Barrier = "barrier",
        Involvement = "involvement",
    }
}

labels!(MapEntryKind, osl_map {
    Leader => kind_leader,
    Organisation => kind_organisation,
    Place => kind_place,
    CentreResource => kind_centre,
    Problem => kind_problem,
    Opinion => kind_opinion,
    Idea => kind_idea,
    Barrier => kind_barrier,
    Involvement => kind_involvement,
});

impl MapEntryKind {
    /// A resource of the community (else one of its needs).
    pub fn is_resource(self) -> bool {
        matches!(
            self,
            Self::Leader | Self::Organisation | Self::Place | Self::CentreResource
        )
    }
}

/// Most people a figure of the profile can count.
const MAX_PEOPLE: u32 = 10_000_000;

/// One entry of the map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapEntry {
    pub id: String,
    pub kind: MapEntryKind,
    pub name: String,
    pub place: String,
    pub source: String,
    pub note: String,
    /// The needs report it was taken from.
    pub need_report_id: Option<String>,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

/// An entry as its form describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMapEntry {
    pub kind: MapEntryKind,
    pub name: String,
    pub place: String,
    pub source: String,
    pub note: String,
    pub need_report_id: Option<String>,
}

/// The entry form's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MapEntryForm {
    pub kind: String,
    pub name: String,
    pub place: String,
    pub source: String,
    pub note: String,
}

impl MapEntryForm {
    pub fn parse(&self) -> Result<NewMapEntry, AppError> {
        let mut errors = FieldErrors::new();
        let kind = check_choice(
            &mut errors,
            "entry_kind",
            &self.kind,
            MapEntryKind::from_code,
        );
        let name = check_short(&mut errors, "entry_name", &self.name, true);
        let place = check_short(&mut errors, "entry_place", &self.place, false);
        let source = check_short(&mut errors, "entry_source", &self.source, true);
        let note = check_text(&mut errors, "entry_note", &self.note, false);
        match kind {
            Some(kind) if errors.is_empty() => Ok(NewMapEntry {
                kind,
                name,
                place,
                source,
                note,
                need_report_id: None,
            }),
            _ => Err(AppError::Invalid(errors)),
        }
    }
}

/// The community's profile: who lives there and what the diagnosis concluded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityProfile {
    pub characteristics: String,
    pub population: Option<u32>,
    /// Aged 60 and over.
    pub seniors: Option<u32>,
    /// Aged under 18.
    pub children: Option<u32>,
    pub disabled: Option<u32>,
    pub demography: String,
    pub potential: String,
    pub first_plan: String,
    /// `None` until first written.
    pub updated_at: Option<DateTime<Utc>>,
}

/// The profile form's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub characteristics: String,
    pub population: String,
    pub seniors: String,
    pub children: String,
    pub disabled: String,
    pub demography: String,
    pub potential: String,
    pub first_plan: String,
}

impl ProfileForm {
    pub fn parse(&self) -> Result<CommunityProfile, AppError> {
        let mut errors = FieldErrors::new();
        let mut figure =
            |field: &str, text: &str| check_optional_count(&mut errors, field, text, MAX_PEOPLE);
        let population = figure("population", &self.population);
        let seniors = figure("seniors", &self.seniors);
        let children = figure("children", &self.children);
        let disabled = figure("disabled", &self.disabled);
        for (field, part) in [
            ("seniors", seniors),
            ("children", children),
            ("disabled", disabled),
        ] {
            if population.zip(part).is_some_and(|(all, part)| part > all) {
                errors.insert(field.into(), "more_than_population".into());
            }
        }
        let profile = CommunityProfile {
            characteristics: check_text(
                &mut errors,
                "characteristics",
                &self.characteristics,
                false,
            ),
            population,
            seniors,
            children,
            disabled,
            demography: check_text(&mut errors, "demography", &self.demography, false),
            potential: check_text(&mut errors, "potential", &self.potential, false),
            first_plan: check_text(&mut errors, "first_plan", &self.first_plan, false),
            updated_at: None,
        };
        match errors.is_empty() {
            true => Ok(profile),
            false => Err(AppError::Invalid(errors)),
        }
    }
}

/// A need residents reported for the community's place or target group (without the
/// reporter's contact).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportedNeed {
    pub id: String,
    pub area: ServiceArea,
    pub target_group: TargetGroup,
    pub place: String,
    pub description: String,
    pub created_at: DateTime<Utc>,
    /// Already taken onto the map.
    pub on_map: bool,
}

/// The map page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityMap {
    pub community: Community,
    pub profile: CommunityProfile,
    pub entries: Vec<MapEntry>,
    pub reported: Vec<ReportedNeed>,
    pub may_edit: bool,
}

#[server(prefix = "/api", endpoint = "community_map")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn load_community_map(id: String) -> Result<CommunityMap, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ReadCommunity).await?;
    let map = server::map(&access, &id).await?;
    crate::community::trail::audit(
        &access,
        "community_map",
        &id,
        crate::audit::AuditAction::Read,
    )
    .await?;
    Ok(map)
}

#[server(prefix = "/api", endpoint = "add_map_entry")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn add_map_entry(community: String, input: MapEntryForm) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::OrganiseCommunity).await?;
    let entry = input.parse()?;
    server::add(&access, &community, &entry).await?;
    leptos_axum::redirect(&format!(
        "/pracownik/spolecznosci/{community}/mapa?dodano=1"
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "map_reported_need")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn map_reported_need(community: String, report: String) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::OrganiseCommunity).await?;
    let map = server::map(&access, &community).await?;
    let need = map
        .reported
        .into_iter()
        .find(|need| need.id == report)
        .ok_or(AppError::NotFound)?;
    let entry = NewMapEntry {
        kind: MapEntryKind::Problem,
        name: need.description.chars().take(200).collect(),
        place: need.place,
        source: format!(
            "zgłoszenie potrzeby z {}",
            crate::domain::warsaw_display(need.created_at)
        ),
        note: need.description,
        need_report_id: Some(need.id),
    };
    server::add(&access, &community, &entry).await?;
    leptos_axum::redirect(&format!(
        "/pracownik/spolecznosci/{community}/mapa?dodano=1"
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "remove_map_entry")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn remove_map_entry(community: String, entry: String) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::OrganiseCommunity).await?;
    access
        .state
        .store
        .remove_map_entry(&community, &entry)
        .await?;
    crate::community::trail::audit(
        &access,
        "community_map",
        &community,
        crate::audit::AuditAction::Delete,
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/pracownik/spolecznosci/{community}/mapa?usunieto=1"
    ));
    Ok(())
}

#[server(prefix = "/api", endpoint = "save_community_profile")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn save_community_profile(community: String, input: ProfileForm) -> Result<(), AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::OrganiseCommunity).await?;
    let by = access.signed_in()?.id.clone();
    let profile = input.parse()?;
    let store = &access.state.store;
    store.community(&community).await?;
    store
        .save_community_profile(&community, &profile, &by, access.state.clock.now())
        .await?;
    crate::community::trail::audit(
        &access,
        "community_map",
        &community,
        crate::audit::AuditAction::Update,
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/pracownik/spolecznosci/{community}/mapa?profil=1"
    ));
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::{CommunityMap, NewMapEntry};
    use crate::error::AppError;
    use crate::gate::{Access, Permission};

    /// The map as the reader sees it (`may_edit` from their roles).
    pub async fn map(access: &Access, id: &str) -> Result<CommunityMap, AppError> {
        let store = &access.state.store;
        let community = store.community(id).await?;
        Ok(CommunityMap {
            profile: store.community_profile(id).await?,
            entries: store.map_entries(id).await?,
            reported: store.reported_needs_for(&community).await?,
            community,
            may_edit: Permission::OrganiseCommunity.allowed_for(&access.signed_in()?.roles),
        })
    }

    pub async fn add(
        access: &Access,
        community: &str,
        entry: &NewMapEntry,
    ) -> Result<(), AppError> {
        let by = access.signed_in()?.id.clone();
        let store = &access.state.store;
        store.community(community).await?;
        store
            .insert_map_entry(community, entry, &by, access.state.clock.now())
            .await?;
        crate::community::trail::audit(
            access,
            "community_map",
            community,
            crate::audit::AuditAction::Update,
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_needs_a_kind_a_name_and_a_source() {
        let Err(AppError::Invalid(errors)) = MapEntryForm::default().parse() else {
            panic!("an empty entry was accepted");
        };
        assert_eq!(errors["entry_kind"], "choose_one");
        assert_eq!(errors["entry_name"], "required");
        assert_eq!(errors["entry_source"], "required");
        let entry = MapEntryForm {
            kind: "leader".into(),
            name: " Sołtyska Anna Nowak ".into(),
            source: "rozmowa".into(),
            ..Default::default()
        }
        .parse()
        .expect("a complete entry");
        assert_eq!(entry.name, "Sołtyska Anna Nowak");
        assert!(entry.kind.is_resource());
        assert!(!MapEntryKind::Barrier.is_resource());
    }

    #[test]
    fn profile_figures_are_optional_counts_within_the_population() {
        let profile = ProfileForm {
            population: "1200".into(),
            seniors: "310".into(),
            ..Default::default()
        }
        .parse()
        .expect("valid figures");
        assert_eq!(profile.population, Some(1200));
        assert_eq!(profile.children, None);
        let Err(AppError::Invalid(errors)) = ProfileForm {
            population: "100".into(),
            seniors: "150".into(),
            children: "dużo".into(),
            ..Default::default()
        }
        .parse() else {
            panic!("bad figures were accepted");
        };
        assert_eq!(errors["seniors"], "more_than_population");
        assert_eq!(errors["children"], "number_invalid");
    }
}
