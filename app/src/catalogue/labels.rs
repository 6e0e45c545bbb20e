//! Translated names of the programme's codes, for the catalogue and the staff pages.

use crate::domain::ServiceArea;
use crate::i18n::*;
use crate::programme::{ServiceForm, ServicePlace, ServiceUnit, TargetGroup};
use crate::providers::ProviderKind;
use leptos_i18n::I18nContext;

pub fn area_label(i18n: I18nContext<Locale>, area: ServiceArea) -> String {
    match area {
        ServiceArea::FamilyPolicy => t_string!(i18n, areas.family_policy),
        ServiceArea::FamilySupport => t_string!(i18n, areas.family_support),
        ServiceArea::FosterCare => t_string!(i18n, areas.foster_care),
        ServiceArea::SocialAssistance => t_string!(i18n, areas.social_assistance),
        ServiceArea::HealthPromotion => t_string!(i18n, areas.health_promotion),
        ServiceArea::DisabilitySupport => t_string!(i18n, areas.disability_support),
        ServiceArea::PublicEducation => t_string!(i18n, areas.public_education),
        ServiceArea::Unemployment => t_string!(i18n, areas.unemployment),
        ServiceArea::Culture => t_string!(i18n, areas.culture),
        ServiceArea::SportAndTourism => t_string!(i18n, areas.sport_and_tourism),
        ServiceArea::CivicActivity => t_string!(i18n, areas.civic_activity),
        ServiceArea::Housing => t_string!(i18n, areas.housing),
        ServiceArea::Environment => t_string!(i18n, areas.environment),
        ServiceArea::Reintegration => t_string!(i18n, areas.reintegration),
    }
    .to_string()
}

pub fn group_label(i18n: I18nContext<Locale>, group: TargetGroup) -> String {
    match group {
        TargetGroup::AllResidents => t_string!(i18n, groups.all_residents),
        TargetGroup::ChildrenAndYouth => t_string!(i18n, groups.children_and_youth),
        TargetGroup::FamiliesWithChildren => t_string!(i18n, groups.families_with_children),
        TargetGroup::Seniors => t_string!(i18n, groups.seniors),
        TargetGroup::PeopleWithDisabilities => t_string!(i18n, groups.people_with_disabilities),
        TargetGroup::Carers => t_string!(i18n, groups.carers),
        TargetGroup::PeopleInCrisis => t_string!(i18n, groups.people_in_crisis),
        TargetGroup::PeopleWithAddictions => t_string!(i18n, groups.people_with_addictions),
    }
    .to_string()
}

pub fn form_label(i18n: I18nContext<Locale>, form: ServiceForm) -> String {
    match form {
        ServiceForm::Individual => t_string!(i18n, catalogue.form_individual),
        ServiceForm::Group => t_string!(i18n, catalogue.form_group),
    }
    .to_string()
}

pub fn place_label(i18n: I18nContext<Locale>, place: ServicePlace) -> String {
    match place {
        ServicePlace::Centre => t_string!(i18n, catalogue.place_centre),
        ServicePlace::Home => t_string!(i18n, catalogue.place_home),
        ServicePlace::ProviderSite => t_string!(i18n, catalogue.place_provider_site),
        ServicePlace::Online => t_string!(i18n, catalogue.place_online),
    }
    .to_string()
}

pub fn unit_label(i18n: I18nContext<Locale>, unit: ServiceUnit) -> String {
    match unit {
        ServiceUnit::Hour => t_string!(i18n, catalogue.unit_hour),
        ServiceUnit::Session => t_string!(i18n, catalogue.unit_session),
        ServiceUnit::Day => t_string!(i18n, catalogue.unit_day),
        ServiceUnit::Loan => t_string!(i18n, catalogue.unit_loan),
        ServiceUnit::Trip => t_string!(i18n, catalogue.unit_trip),
        ServiceUnit::Meal => t_string!(i18n, catalogue.unit_meal),
        ServiceUnit::Meeting => t_string!(i18n, catalogue.unit_meeting),
    }
    .to_string()
}

pub fn provider_kind_label(i18n: I18nContext<Locale>, kind: ProviderKind) -> String {
    match kind {
        ProviderKind::Ngo => t_string!(i18n, providers.kind_ngo),
        ProviderKind::SocialEconomy => t_string!(i18n, providers.kind_social_economy),
        ProviderKind::Health => t_string!(i18n, providers.kind_health),
        ProviderKind::Company => t_string!(i18n, providers.kind_company),
        ProviderKind::Person => t_string!(i18n, providers.kind_person),
        ProviderKind::MunicipalUnit => t_string!(i18n, providers.kind_municipal_unit),
    }
    .to_string()
}
