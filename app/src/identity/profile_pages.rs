//! "Moje konto": the profile form and the list of one's own sessions with "sign out everywhere".

use super::auth::LogOut;
use super::profile::{LogOutEverywhere, MySession, SaveProfile, load_profile, my_sessions};
use crate::components::form::{ErrorSummary, TextField, last_error};
use crate::components::page::ErrorNotice;
use crate::components::page::PageTitle;
use crate::domain::warsaw_display;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

/// Renders `body` with the loaded value, sends visitors who are not signed in to the sign-in
/// page (and back to `here` afterwards), and shows other errors.
fn signed_in_view<T, V>(
    result: Result<T, AppError>,
    here: &'static str,
    body: impl FnOnce(T) -> V,
) -> AnyView
where
    V: IntoView + 'static,
{
    match result {
        Ok(value) => body(value).into_any(),
        Err(AppError::Unauthenticated) => {
            let path = format!("/logowanie?powrot={here}");
            view! { <Redirect path /> }.into_any()
        }
        Err(error) => view! { <ErrorNotice error /> }.into_any(),
    }
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let profile = Resource::new(|| (), |_| load_profile());
    let query = use_query_map();
    let saved = move || query.read().get("zapisano").is_some();
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, profile.title).to_string()) />
        <h1>{t!(i18n, profile.title)}</h1>
        <Show when=saved>
            <p class="notice notice--success" role="status">
                {t!(i18n, profile.saved)}
            </p>
        </Show>
        <Suspense>
            {move || Suspend::new(async move {
                signed_in_view(profile.await, "/moje-konto", |profile| view! { <ProfileForm profile /> })
            })}
        </Suspense>
    }
}

#[component]
fn ProfileForm(profile: super::Profile) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveProfile>::new();
    let logout = ServerAction::<LogOut>::new();
    let error = last_error(action);
    Effect::new(|_| crate::components::idle::keep_drafts());
    view! {
        <p>
            {t!(i18n, profile.email)} ": " <strong class="profile-email">{profile.email}</strong>
        </p>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form" attr:data-draft="profile">
            <TextField
                id="display_name"
                autocomplete="name"
                required=true
                value=profile.display_name
                error
            >
                {t!(i18n, register.name)}
            </TextField>
            <TextField id="phone" kind="tel" autocomplete="tel" value=profile.phone error>
                {t!(i18n, profile.phone)}
            </TextField>
            <TextField id="address" autocomplete="street-address" value=profile.address error>
                {t!(i18n, profile.address)}
            </TextField>
            <TextField
                id="pesel"
                autocomplete="off"
                value=profile.pesel
                hint=Signal::derive(move || t_string!(i18n, profile.pesel_hint).to_string())
                error
            >
                {t!(i18n, profile.pesel)}
            </TextField>
            <button type="submit" class="button">
                {t!(i18n, profile.save)}
            </button>
        </ActionForm>
        <h2>{t!(i18n, privacy.my_data_heading)}</h2>
        <p>{t!(i18n, privacy.my_data_text)}</p>
        <ul class="links">
            <li>
                <a href="/moje-konto/moje-dane.pdf" id="my-data-pdf">{t!(i18n, privacy.my_data_pdf)}</a>
            </li>
            <li>
                <a href="/moje-konto/moje-dane.json" id="my-data-json">{t!(i18n, privacy.my_data_json)}</a>
            </li>
        </ul>
        <h2>{t!(i18n, profile.security)}</h2>
        <ul class="links">
            <li>
                <a href="/moje-konto/sesje">{t!(i18n, sessions.title)}</a>
            </li>
            <li>
                <a href="/haslo">{t!(i18n, profile.change_password)}</a>
            </li>
        </ul>
        <ActionForm action=logout>
            <button type="submit" class="button button--secondary">
                {t!(i18n, staff.logout)}
            </button>
        </ActionForm>
    }
}

#[component]
pub fn SessionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let sessions = Resource::new(|| (), |_| my_sessions());
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, sessions.title).to_string()) />
        <h1>{t!(i18n, sessions.title)}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                signed_in_view(sessions.await, "/moje-konto/sesje", |sessions| view! { <SessionsTable sessions /> })
            })}
        </Suspense>
    }
}

#[component]
fn SessionsTable(sessions: Vec<MySession>) -> impl IntoView {
    let i18n = use_i18n();
    let everywhere = ServerAction::<LogOutEverywhere>::new();
    let rows = sessions
        .into_iter()
        .map(|s| {
            let current = s.current;
            view! {
                <tr>
                    <td>{s.signed_in_at.map(warsaw_display).unwrap_or_default()}</td>
                    <td>{warsaw_display(s.last_active_at)}</td>
                    <td>{s.ip.unwrap_or_default()}</td>
                    <td>{s.agent.unwrap_or_default()}</td>
                    <td>
                        <Show when=move || current>{t!(i18n, sessions.this_one)}</Show>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table">
            <caption>{t!(i18n, sessions.caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, sessions.signed_in)}</th>
                    <th scope="col">{t!(i18n, sessions.last_active)}</th>
                    <th scope="col">{t!(i18n, sessions.ip)}</th>
                    <th scope="col">{t!(i18n, sessions.browser)}</th>
                    <th scope="col">{t!(i18n, sessions.current)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <p>{t!(i18n, sessions.everywhere_hint)}</p>
        <ActionForm action=everywhere attr:class="form">
            <button type="submit" class="button">
                {t!(i18n, sessions.everywhere)}
            </button>
        </ActionForm>
    }
}
