//! Translated names of the community room's codes.

use super::diagnosis::MapEntryKind;
use super::plan::{GoalMeasure, PlanState};
use super::volunteers::{AssignmentStatus, Availability, Skill, VolunteerStatus};
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

pub fn map_kind_label(i18n: I18nContext<Locale>, kind: MapEntryKind) -> String {
    match kind {
        MapEntryKind::Leader => t_string!(i18n, osl_map.kind_leader),
        MapEntryKind::Organisation => t_string!(i18n, osl_map.kind_organisation),
        MapEntryKind::Place => t_string!(i18n, osl_map.kind_place),
        MapEntryKind::CentreResource => t_string!(i18n, osl_map.kind_centre),
        MapEntryKind::Problem => t_string!(i18n, osl_map.kind_problem),
        MapEntryKind::Opinion => t_string!(i18n, osl_map.kind_opinion),
        MapEntryKind::Idea => t_string!(i18n, osl_map.kind_idea),
        MapEntryKind::Barrier => t_string!(i18n, osl_map.kind_barrier),
        MapEntryKind::Involvement => t_string!(i18n, osl_map.kind_involvement),
    }
    .to_string()
}

pub fn measure_label(i18n: I18nContext<Locale>, measure: GoalMeasure) -> String {
    match measure {
        GoalMeasure::Participants => t_string!(i18n, osl_plan.measure_participants),
        GoalMeasure::Activities => t_string!(i18n, osl_plan.measure_activities),
        GoalMeasure::Manual => t_string!(i18n, osl_plan.measure_manual),
    }
    .to_string()
}

pub fn plan_state_label(i18n: I18nContext<Locale>, state: PlanState) -> String {
    match state {
        PlanState::Draft => t_string!(i18n, osl_plan.state_draft),
        PlanState::Adopted => t_string!(i18n, osl_plan.state_adopted),
        PlanState::Superseded => t_string!(i18n, osl_plan.state_superseded),
    }
    .to_string()
}

pub fn skill_label(i18n: I18nContext<Locale>, skill: Skill) -> String {
    match skill {
        Skill::Companionship => t_string!(i18n, volunteers.skill_companionship),
        Skill::Shopping => t_string!(i18n, volunteers.skill_shopping),
        Skill::Driving => t_string!(i18n, volunteers.skill_driving),
        Skill::DigitalHelp => t_string!(i18n, volunteers.skill_digital_help),
        Skill::Tutoring => t_string!(i18n, volunteers.skill_tutoring),
        Skill::Events => t_string!(i18n, volunteers.skill_events),
        Skill::CraftsCooking => t_string!(i18n, volunteers.skill_crafts_cooking),
        Skill::Translation => t_string!(i18n, volunteers.skill_translation),
    }
    .to_string()
}

pub fn availability_label(i18n: I18nContext<Locale>, time: Availability) -> String {
    match time {
        Availability::WeekdayMornings => t_string!(i18n, volunteers.time_weekday_mornings),
        Availability::WeekdayAfternoons => t_string!(i18n, volunteers.time_weekday_afternoons),
        Availability::WeekdayEvenings => t_string!(i18n, volunteers.time_weekday_evenings),
        Availability::Weekends => t_string!(i18n, volunteers.time_weekends),
    }
    .to_string()
}

pub fn volunteer_status_label(i18n: I18nContext<Locale>, status: VolunteerStatus) -> String {
    match status {
        VolunteerStatus::Applied => t_string!(i18n, volunteers.status_applied),
        VolunteerStatus::Approved => t_string!(i18n, volunteers.status_approved),
        VolunteerStatus::Declined => t_string!(i18n, volunteers.status_declined),
    }
    .to_string()
}

pub fn assignment_label(i18n: I18nContext<Locale>, status: AssignmentStatus) -> String {
    match status {
        AssignmentStatus::Proposed => t_string!(i18n, volunteers.assignment_proposed),
        AssignmentStatus::Confirmed => t_string!(i18n, volunteers.assignment_confirmed),
        AssignmentStatus::Declined => t_string!(i18n, volunteers.assignment_declined),
        AssignmentStatus::Done => t_string!(i18n, volunteers.assignment_done),
    }
    .to_string()
}
