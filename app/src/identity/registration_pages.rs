//! Pages for creating a resident account and recovering a password. All work without
//! JavaScript: each form posts to its server function, which redirects to the next page.

use super::registration::{ConfirmEmail, Register, RequestPasswordReset, ResetPassword};
use crate::components::form::{ErrorSummary, TextField, last_error};
use crate::components::page::PageTitle;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A new password typed twice, with the length rule as the hint.
#[component]
fn NewPasswordFields(error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TextField
            id="password"
            kind="password"
            autocomplete="new-password"
            required=true
            hint=Signal::derive(move || t_string!(i18n, register.password_hint).to_string())
            error
        >
            {t!(i18n, reset.new_password)}
        </TextField>
        <TextField
            id="password_repeat"
            kind="password"
            autocomplete="new-password"
            required=true
            error
        >
            {t!(i18n, register.password_repeat)}
        </TextField>
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<Register>::new();
    let error = last_error(action);
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, register.title).to_string()) />
        <h1>{t!(i18n, register.title)}</h1>
        <p>{t!(i18n, register.intro)}</p>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form">
            <TextField id="name" autocomplete="name" required=true error>
                {t!(i18n, register.name)}
            </TextField>
            <TextField id="email" kind="email" autocomplete="email" required=true error>
                {t!(i18n, login.email)}
            </TextField>
            <NewPasswordFields error />
            <button type="submit" class="button">
                {t!(i18n, register.submit)}
            </button>
        </ActionForm>
        <p>
            <a href="/logowanie">{t!(i18n, register.have_account)}</a>
        </p>
    }
}

/// A page with a heading and one paragraph (the "check your inbox" kind).
#[component]
fn Notice(title: Signal<String>, text: Signal<String>) -> impl IntoView {
    view! {
        <PageTitle text=title />
        <h1>{title}</h1>
        <p class="notice" role="status">
            {text}
        </p>
    }
}

#[component]
pub fn CheckInboxPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Notice
            title=Signal::derive(move || t_string!(i18n, register.check_inbox_title).to_string())
            text=Signal::derive(move || t_string!(i18n, register.check_inbox_text).to_string())
        />
    }
}

/// The link from the e-mail opens this page; the button confirms (a GET never changes state,
/// so mail scanners that follow links do not use the token up).
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ConfirmEmail>::new();
    let error = last_error(action);
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, register.confirm_title).to_string()) />
        <h1>{t!(i18n, register.confirm_title)}</h1>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="token" id="token" value=token />
            <p>{t!(i18n, register.confirm_text)}</p>
            <button type="submit" class="button">
                {t!(i18n, register.confirm_submit)}
            </button>
        </ActionForm>
    }
}

#[component]
pub fn PasswordResetRequestPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = last_error(action);
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, reset.title).to_string()) />
        <h1>{t!(i18n, reset.title)}</h1>
        <p>{t!(i18n, reset.intro)}</p>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form">
            <TextField id="email" kind="email" autocomplete="email" required=true error>
                {t!(i18n, login.email)}
            </TextField>
            <button type="submit" class="button">
                {t!(i18n, reset.submit)}
            </button>
        </ActionForm>
    }
}

#[component]
pub fn ResetLinkSentPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Notice
            title=Signal::derive(move || t_string!(i18n, reset.sent_title).to_string())
            text=Signal::derive(move || t_string!(i18n, reset.sent_text).to_string())
        />
    }
}

#[component]
pub fn NewPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ResetPassword>::new();
    let error = last_error(action);
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, reset.new_title).to_string()) />
        <h1>{t!(i18n, reset.new_title)}</h1>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="token" value=token />
            <NewPasswordFields error />
            <button type="submit" class="button">
                {t!(i18n, reset.new_submit)}
            </button>
        </ActionForm>
    }
}
