//! The accessibility statement (deklaracja dostępności) in the Ministry's v2.0 template:
//! the element ids below are read by automated monitoring and must stay as they are.

use crate::centre::CentreInfo;
use crate::components::page::{PageTitle, WithCentre};
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn AccessibilityStatementPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, a11y.title).to_string()) />
        <h1 id="a11y-deklaracja">{t!(i18n, a11y.title)}</h1>
        <WithCentre render=|c| view! { <Statement c /> } />
    }
}

#[component]
fn Statement(c: CentreInfo) -> impl IntoView {
    let i18n = use_i18n();
    let a = c.accessibility.clone();
    let date = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    view! {
        <p id="a11y-wstep">
            <span id="a11y-podmiot">{c.name.clone()}</span>
            " "
            {t!(i18n, a11y.intro)}
            " "
            <a id="a11y-url" href=c.portal_url.clone()>
                {t!(i18n, a11y.site_name)}
            </a>
            "."
        </p>
        <ul>
            <li>
                {t!(i18n, a11y.published)} " "
                <span id="a11y-data-publikacja">{date(a.published_on)}</span>
            </li>
            <li>
                {t!(i18n, a11y.updated)} " "
                <span id="a11y-data-aktualizacja">{date(a.updated_on)}</span>
            </li>
        </ul>

        <h2 id="a11y-status">{t!(i18n, a11y.status_heading)}</h2>
        <p>{t!(i18n, a11y.status_text)}</p>

        <h2 id="a11y-przygotowanie">{t!(i18n, a11y.prepared_heading)}</h2>
        <p>
            {t!(i18n, a11y.prepared_on)} " "
            <span id="a11y-data-sporzadzenie">{date(a.prepared_on)}</span>
            ". "
            {t!(i18n, a11y.reviewed_on)} " "
            <span id="a11y-data-przeglad">{date(a.reviewed_on)}</span>
            "."
        </p>
        <p id="a11y-ocena">{t!(i18n, a11y.assessment)}</p>

        <h2 id="a11y-kontakt">{t!(i18n, a11y.contact_heading)}</h2>
        <p>
            {t!(i18n, a11y.contact_person)} " "
            <span id="a11y-osobaKontaktowa">{a.contact_person.clone()}</span>
            ". " {t!(i18n, a11y.contact_email)} " "
            <a id="a11y-email" href=format!("mailto:{}", a.contact_email)>
                {a.contact_email.clone()}
            </a>
            ". " {t!(i18n, a11y.contact_phone)} " "
            <span id="a11y-telefon">{a.contact_phone.clone()}</span>
            "."
        </p>
        <p>{t!(i18n, a11y.contact_text)}</p>

        <h3 id="a11y-procedura">{t!(i18n, a11y.procedure_heading)}</h3>
        <p>{t!(i18n, a11y.procedure_text)}</p>
        <p>{t!(i18n, a11y.complaint_text)}</p>
        <p>
            {t!(i18n, a11y.ombudsman_text)} " "
            <a href="https://bip.brpo.gov.pl/">{t!(i18n, a11y.ombudsman_link)}</a>
            "."
        </p>

        <h2 id="a11y-architektura">{t!(i18n, a11y.architecture_heading)}</h2>
        <p>{c.address_line()}</p>
        <p>{a.architecture.clone()}</p>

        <h2 id="a11y-aplikacje">{t!(i18n, a11y.apps_heading)}</h2>
        <p>{t!(i18n, a11y.apps_text)}</p>
    }
}
