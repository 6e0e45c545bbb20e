//! Pages of the portal itself: home, contact and the "not found" page.

#[cfg(feature = "ssr")]
pub mod limited;

use crate::centre::CentreInfo;
use crate::components::page::{PageTitle, WithCentre};
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, home.title).to_string()) />
        <h1>{t!(i18n, home.heading)}</h1>
        <p class="lead">{t!(i18n, home.lead)}</p>
        <section aria-labelledby="home-what">
            <h2 id="home-what">{t!(i18n, home.what_heading)}</h2>
            <ul class="cards">
                <li class="card">
                    <h3>{t!(i18n, home.card_one_window)}</h3>
                    <p>{t!(i18n, home.card_one_window_text)}</p>
                </li>
                <li class="card">
                    <h3>{t!(i18n, home.card_for_everyone)}</h3>
                    <p>{t!(i18n, home.card_for_everyone_text)}</p>
                </li>
                <li class="card">
                    <h3>{t!(i18n, home.card_plan)}</h3>
                    <p>{t!(i18n, home.card_plan_text)}</p>
                </li>
            </ul>
        </section>
        <p>
            {t!(i18n, home.visit_us)} " " <a href="/kontakt">{t!(i18n, home.contact_link)}</a>
        </p>
    }
}

#[component]
pub fn ContactPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, contact.title).to_string()) />
        <h1>{t!(i18n, contact.title)}</h1>
        <WithCentre render=move |c: CentreInfo| {
            view! {
                <dl class="facts">
                    <dt>{t!(i18n, contact.name)}</dt>
                    <dd>{c.name.clone()}</dd>
                    <dt>{t!(i18n, contact.address)}</dt>
                    <dd>{c.address_line()}</dd>
                    <dt>{t!(i18n, contact.phone)}</dt>
                    <dd>
                        <a href=c.phone_href()>{c.phone.clone()}</a>
                    </dd>
                    <dt>{t!(i18n, contact.email)}</dt>
                    <dd>
                        <a href=c.email_href()>{c.email.clone()}</a>
                    </dd>
                    <dt>{t!(i18n, contact.hours)}</dt>
                    <dd>{c.opening_hours.clone()}</dd>
                </dl>
            }
        } />
        <p>{t!(i18n, contact.info_point)}</p>
    }
}

/// Shown for any address that is not a page; answers with status 404.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, errors.not_found_title).to_string()) />
        <h1>{t!(i18n, errors.not_found_title)}</h1>
        <p>{t!(i18n, errors.not_found_text)}</p>
        <p>
            <a href="/">{t!(i18n, errors.back_home)}</a>
        </p>
    }
}
