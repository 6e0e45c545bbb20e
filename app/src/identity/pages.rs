//! The sign-in page and the staff area's start page.

use super::auth::{LogIn, LogOut, Me, who_am_i};
use crate::components::form::{ErrorSummary, TextField, last_error};
use crate::components::page::ErrorNotice;
use crate::components::page::PageTitle;
use crate::domain::Labelled;
use crate::error::AppError;
use crate::gate::Permission;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<LogIn>::new();
    let error = last_error(action);
    let query = use_query_map();
    let back = move || query.read().get("powrot").unwrap_or_default();
    let flag = move |name: &str| query.read().get(name).is_some();
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, login.title).to_string()) />
        <h1>{t!(i18n, login.title)}</h1>
        <Show when=move || flag("potwierdzono")>
            <p class="notice notice--success" role="status">
                {t!(i18n, login.confirmed)}
            </p>
        </Show>
        <Show when=move || flag("haslo")>
            <p class="notice notice--success" role="status">
                {t!(i18n, login.password_changed)}
            </p>
        </Show>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="powrot" value=back />
            <TextField id="email" kind="email" autocomplete="username" required=true error>
                {t!(i18n, login.email)}
            </TextField>
            <TextField
                id="password"
                kind="password"
                autocomplete="current-password"
                required=true
                error
            >
                {t!(i18n, login.password)}
            </TextField>
            <button type="submit" class="button">
                {t!(i18n, login.submit)}
            </button>
        </ActionForm>
        <ul class="links">
            <li>
                <a href="/haslo">{t!(i18n, login.forgot)}</a>
            </li>
            <li>
                <a href="/rejestracja">{t!(i18n, login.register)}</a>
            </li>
        </ul>
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
        .map(|r| r.label(i18n))
        .collect::<Vec<_>>()
        .join(", ");
    let manages_accounts = Permission::ManageAccounts.allowed_for(&me.roles);
    let reads_audit_log = Permission::ReadAuditLog.allowed_for(&me.roles);
    let manages_programme = Permission::ManageProgramme.allowed_for(&me.roles);
    let registers = Permission::RegisterOnBehalf.allowed_for(&me.roles);
    let reads_meetings = Permission::ReadMeetings.allowed_for(&me.roles);
    let handles_cases = Permission::HandleCases.allowed_for(&me.roles);
    let oversees_cases = Permission::AssignCases.allowed_for(&me.roles);
    let reviews_plans = Permission::ReviewPlans.allowed_for(&me.roles);
    let reads_communities = Permission::ReadCommunity.allowed_for(&me.roles);
    let directs = me.roles.contains(&crate::domain::Role::Director);
    view! {
        <h1>{t!(i18n, staff.title)}</h1>
        <dl class="facts">
            <dt>{t!(i18n, staff.name)}</dt>
            <dd class="staff-name">{me.display_name.clone()}</dd>
            <dt>{t!(i18n, staff.email)}</dt>
            <dd>{me.email.clone()}</dd>
            <dt>{t!(i18n, staff.roles)}</dt>
            <dd>{roles}</dd>
        </dl>
        <nav aria-labelledby="staff-nav-heading" class="staff-nav">
            <h2 id="staff-nav-heading">{t!(i18n, staff.nav_heading)}</h2>
            <ul class="links">
                <Show when=move || manages_accounts>
                    <li>
                        <a href="/pracownik/konta">{t!(i18n, staff.nav_accounts)}</a>
                    </li>
                    <li>
                        <a href="/pracownik/uprawnienia">{t!(i18n, staff.nav_permissions)}</a>
                    </li>
                </Show>
                <Show when=move || handles_cases>
                    <li>
                        <a href="/pracownik/sprawy">{t!(i18n, staff.nav_cases)}</a>
                    </li>
                    <li>
                        <a href="/pracownik/plany">{t!(i18n, plans.desk_title)}</a>
                    </li>
                </Show>
                <Show when=move || reads_meetings>
                    <li>
                        <a href="/pracownik/spotkania-koordynatorow">{t!(i18n, meetings.title)}</a>
                    </li>
                </Show>
                <Show when=move || reviews_plans>
                    <li>
                        <a href="/pracownik/realizacja-ipus">{t!(i18n, summary.title)}</a>
                    </li>
                </Show>
                <Show when=move || reads_communities>
                    <li>
                        <a href="/pracownik/spolecznosci">{t!(i18n, community.list_title)}</a>
                    </li>
                    <li>
                        <a href="/pracownik/wolontariusze">{t!(i18n, volunteers.base_title)}</a>
                    </li>
                </Show>
                <Show when=move || oversees_cases>
                    <li>
                        <a href="/pracownik/rezygnacje">{t!(i18n, inbox.resignations)}</a>
                    </li>
                    <li>
                        <a href="/pracownik/wzory-decyzji">{t!(i18n, templates.title)}</a>
                    </li>
                </Show>
                <Show when=move || directs>
                    <li>
                        <a href="/pracownik/upowaznienia-ipus">{t!(i18n, plans.authorisations)}</a>
                    </li>
                </Show>
                <Show when=move || registers>
                    <li>
                        <a href="/pracownik/wnioski/nowy">{t!(i18n, staff.register_application)}</a>
                    </li>
                </Show>
                <Show when=move || manages_programme>
                    <li>
                        <a href="/pracownik/programy">{t!(i18n, staff.nav_programmes)}</a>
                    </li>
                    <li>
                        <a href="/pracownik/potrzeby">{t!(i18n, staff.needs_reports)}</a>
                    </li>
                </Show>
                <Show when=move || reads_audit_log>
                    <li>
                        <a href="/pracownik/audyt">{t!(i18n, staff.nav_audit)}</a>
                    </li>
                    <li>
                        <a href="/pracownik/iod">{t!(i18n, privacy.title)}</a>
                    </li>
                </Show>
                <li>
                    <a href="/moje-konto/sesje">{t!(i18n, sessions.title)}</a>
                </li>
                <li>
                    <a href="/pracownik/pomoc">{t!(i18n, help.staff_title)}</a>
                </li>
            </ul>
        </nav>
        <ActionForm action=logout>
            <button type="submit" class="button">
                {t!(i18n, staff.logout)}
            </button>
        </ActionForm>
    }
}
