//! Help: the resident's guide on the portal (`/pomoc`) and a short guide per staff role in the
//! staff area (`/pracownik/pomoc`, `/pracownik/pomoc/:guide`), written from the screens as they
//! appear. The texts are in the translation files; each guide's steps are one text, a line per
//! step.

use crate::components::page::PageTitle;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_params_map;

/// Who a guide is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guide {
    Resident,
    InfoPoint,
    Coordinator,
    ServicesOrganiser,
    Director,
    DataProtectionOfficer,
    Administrator,
}

impl Guide {
    /// The staff roles' guides, in the order of a case's path.
    pub const STAFF: [Guide; 6] = [
        Guide::InfoPoint,
        Guide::Coordinator,
        Guide::ServicesOrganiser,
        Guide::Director,
        Guide::DataProtectionOfficer,
        Guide::Administrator,
    ];

    /// The last segment of the guide's address.
    pub fn slug(self) -> &'static str {
        match self {
            Guide::Resident => "mieszkaniec",
            Guide::InfoPoint => "punkt-informacyjny",
            Guide::Coordinator => "koordynator",
            Guide::ServicesOrganiser => "organizator-uslug",
            Guide::Director => "dyrektor",
            Guide::DataProtectionOfficer => "iod",
            Guide::Administrator => "administrator",
        }
    }

    /// The screen the guide starts from.
    pub fn screen(self) -> &'static str {
        match self {
            Guide::Resident => "/uslugi",
            Guide::InfoPoint => "/pracownik/wnioski/nowy",
            Guide::Coordinator => "/pracownik/sprawy",
            Guide::ServicesOrganiser => "/pracownik/programy",
            Guide::Director => "/pracownik/plany",
            Guide::DataProtectionOfficer => "/pracownik/iod",
            Guide::Administrator => "/pracownik/konta",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Guide> {
        Self::STAFF.into_iter().find(|guide| guide.slug() == slug)
    }

    fn title(self, i18n: I18nContext<Locale>) -> String {
        match self {
            Guide::Resident => t_string!(i18n, help.resident_title),
            Guide::InfoPoint => t_string!(i18n, help.info_point_title),
            Guide::Coordinator => t_string!(i18n, help.coordinator_title),
            Guide::ServicesOrganiser => t_string!(i18n, help.services_organiser_title),
            Guide::Director => t_string!(i18n, help.director_title),
            Guide::DataProtectionOfficer => t_string!(i18n, help.iod_title),
            Guide::Administrator => t_string!(i18n, help.administrator_title),
        }
        .to_string()
    }

    fn summary(self, i18n: I18nContext<Locale>) -> String {
        match self {
            Guide::Resident => t_string!(i18n, help.resident_summary),
            Guide::InfoPoint => t_string!(i18n, help.info_point_summary),
            Guide::Coordinator => t_string!(i18n, help.coordinator_summary),
            Guide::ServicesOrganiser => t_string!(i18n, help.services_organiser_summary),
            Guide::Director => t_string!(i18n, help.director_summary),
            Guide::DataProtectionOfficer => t_string!(i18n, help.iod_summary),
            Guide::Administrator => t_string!(i18n, help.administrator_summary),
        }
        .to_string()
    }

    fn steps(self, i18n: I18nContext<Locale>) -> String {
        match self {
            Guide::Resident => t_string!(i18n, help.resident_steps),
            Guide::InfoPoint => t_string!(i18n, help.info_point_steps),
            Guide::Coordinator => t_string!(i18n, help.coordinator_steps),
            Guide::ServicesOrganiser => t_string!(i18n, help.services_organiser_steps),
            Guide::Director => t_string!(i18n, help.director_steps),
            Guide::DataProtectionOfficer => t_string!(i18n, help.iod_steps),
            Guide::Administrator => t_string!(i18n, help.administrator_steps),
        }
        .to_string()
    }
}

/// One guide: its summary, the screen it starts from and its numbered steps.
#[component]
fn GuideText(guide: Guide) -> impl IntoView {
    let i18n = use_i18n();
    let steps = move || {
        guide
            .steps(i18n)
            .lines()
            .map(|step| view! { <li>{step.to_owned()}</li> })
            .collect_view()
    };
    view! {
        <p>{move || guide.summary(i18n)}</p>
        <p>
            <a href=guide.screen()>{t!(i18n, help.open_screen)}</a>
        </p>
        <ol class="steps">{steps}</ol>
    }
}

/// `/pomoc`: the resident's guide.
#[component]
pub fn HelpPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, help.title).to_string()) />
        <h1>{t!(i18n, help.resident_title)}</h1>
        <p>{t!(i18n, help.resident_intro)}</p>
        <GuideText guide=Guide::Resident />
        <p>{t!(i18n, help.intro)}</p>
    }
}

/// `/pracownik/pomoc`: the staff guides, one per role.
#[component]
pub fn StaffHelpPage() -> impl IntoView {
    let i18n = use_i18n();
    let guides = Guide::STAFF
        .into_iter()
        .map(|guide| {
            view! {
                <li>
                    <a href=format!("/pracownik/pomoc/{}", guide.slug())>{move || guide.title(i18n)}</a>
                    " — "
                    {move || guide.summary(i18n)}
                </li>
            }
        })
        .collect_view();
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, help.staff_title).to_string()) />
        <h1>{t!(i18n, help.staff_title)}</h1>
        <p>{t!(i18n, help.staff_intro)}</p>
        <nav aria-label=move || t_string!(i18n, help.contents_label).to_string()>
            <ul>{guides}</ul>
        </nav>
        <p><a href="/pomoc">{t!(i18n, help.resident_title)}</a></p>
    }
}

/// `/pracownik/pomoc/:guide`: one role's guide.
#[component]
pub fn StaffGuidePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let guide = move || {
        params
            .read()
            .get("guide")
            .and_then(|slug| Guide::from_slug(&slug))
    };
    view! {
        {move || match guide() {
            Some(guide) => {
                view! {
                    <PageTitle text=Signal::derive(move || guide.title(i18n)) />
                    <nav class="breadcrumb" aria-label=move || t_string!(i18n, catalogue.breadcrumb).to_string()>
                        <a href="/pracownik/pomoc">{t!(i18n, help.back_to_index)}</a>
                    </nav>
                    <h1>{move || guide.title(i18n)}</h1>
                    <GuideText guide />
                }
                    .into_any()
            }
            None => view! { <crate::shell::NotFoundPage /> }.into_any(),
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_staff_guide_is_found_by_its_slug() {
        for guide in Guide::STAFF {
            assert_eq!(Guide::from_slug(guide.slug()), Some(guide));
        }
        assert_eq!(
            Guide::from_slug("mieszkaniec"),
            None,
            "the resident's is on the portal"
        );
        assert_eq!(Guide::from_slug(""), None);
    }
}
