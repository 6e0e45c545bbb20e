//! Translated names of the community room's codes.

use super::{ActivityKind, CommunityKind, RegistrationStatus, Stage, Territory};
use crate::i18n::*;
use leptos_i18n::I18nContext;

pub fn kind_label(i18n: I18nContext<Locale>, kind: CommunityKind) -> String {
    match kind {
        CommunityKind::Territorial => t_string!(i18n, community.kind_territorial),
        CommunityKind::Categorial => t_string!(i18n, community.kind_categorial),
    }
    .to_string()
}

pub fn territory_label(i18n: I18nContext<Locale>, territory: Territory) -> String {
    match territory {
        Territory::Village => t_string!(i18n, community.territory_village),
        Territory::Estate => t_string!(i18n, community.territory_estate),
        Territory::District => t_string!(i18n, community.territory_district),
    }
    .to_string()
}

pub fn stage_label(i18n: I18nContext<Locale>, stage: Stage) -> String {
    match stage {
        Stage::Diagnosis => t_string!(i18n, community.stage_diagnosis),
        Stage::Addressees => t_string!(i18n, community.stage_addressees),
        Stage::Network => t_string!(i18n, community.stage_network),
        Stage::ActionPlan => t_string!(i18n, community.stage_action_plan),
        Stage::Action => t_string!(i18n, community.stage_action),
        Stage::Evaluation => t_string!(i18n, community.stage_evaluation),
    }
    .to_string()
}

pub fn activity_kind_label(i18n: I18nContext<Locale>, kind: ActivityKind) -> String {
    match kind {
        ActivityKind::Workshop => t_string!(i18n, community.activity_workshop),
        ActivityKind::IntegrationEvent => t_string!(i18n, community.activity_integration_event),
        ActivityKind::Campaign => t_string!(i18n, community.activity_campaign),
        ActivityKind::SelfHelpGroup => t_string!(i18n, community.activity_self_help_group),
        ActivityKind::SocialProject => t_string!(i18n, community.activity_social_project),
        ActivityKind::VolunteerClub => t_string!(i18n, community.activity_volunteer_club),
    }
    .to_string()
}

pub fn registration_label(i18n: I18nContext<Locale>, status: RegistrationStatus) -> String {
    match status {
        RegistrationStatus::Registered => t_string!(i18n, community.registration_registered),
        RegistrationStatus::Waiting => t_string!(i18n, community.registration_waiting),
        RegistrationStatus::Cancelled => t_string!(i18n, community.registration_cancelled),
    }
    .to_string()
}
