//! The sign-in page and the staff area's start page.

use super::auth::{LogIn, LogOut, Me, who_am_i};
use crate::components::form::ErrorSummary;
use crate::components::page::PageTitle;
use crate::error::AppError;
use crate::i18n::*;
use crate::shell::ErrorNotice;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<LogIn>::new();
    let query = use_query_map();
    let back = move || query.read().get("powrot").unwrap_or_default();
    let error = move || action.value().get().and_then(Result::err);
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, login.title).to_string()) />
        <h1>{t!(i18n, login.title)}</h1>
        {move || error().map(|error| view! { <ErrorSummary error /> })}
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="powrot" value=back />
            <div class="field">
                <label for="email">{t!(i18n, login.email)}</label>
                <input id="email" name="email" type="email" autocomplete="username" required />
            </div>
            <div class="field">
                <label for="password">{t!(i18n, login.password)}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                />
            </div>
            <button type="submit" class="button">
                {t!(i18n, login.submit)}
            </button>
        </ActionForm>
    }
}

/// `/pracownik`: who is signed in, with which roles. Visitors who are not signed in go to
/// the sign-in page and come back here afterwards.
#[component]
pub fn StaffHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let me = Resource::new(|| (), |_| who_am_i());
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, staff.title).to_string()) />
        <Suspense>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(me) => view! { <StaffHome me /> }.into_any(),
                    Err(AppError::Unauthenticated) => {
                        view! { <Redirect path="/logowanie?powrot=/pracownik" /> }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StaffHome(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let logout = ServerAction::<LogOut>::new();
    let roles = me
        .roles
        .iter()
        .map(|r| r.label_pl())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <h1>{t!(i18n, staff.title)}</h1>
        <dl class="facts">
            <dt>{t!(i18n, staff.name)}</dt>
            <dd class="staff-name">{me.display_name}</dd>
            <dt>{t!(i18n, staff.email)}</dt>
            <dd>{me.email}</dd>
            <dt>{t!(i18n, staff.roles)}</dt>
            <dd>{roles}</dd>
        </dl>
        <ActionForm action=logout>
            <button type="submit" class="button">
                {t!(i18n, staff.logout)}
            </button>
        </ActionForm>
    }
}
