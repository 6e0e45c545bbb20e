//! The staff second factor: the code page after the password, first-time enrolment (QR code and
//! the key to type by hand), and the recovery codes shown once after enrolment.

use super::auth::{
    ConfirmTotpEnrolment, VerifySecondFactor, start_totp_enrolment, take_recovery_codes,
};
use crate::components::form::{ErrorSummary, TextField, last_error};
use crate::components::page::ErrorNotice;
use crate::components::page::PageTitle;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// The one-time code input (digits; the numeric keyboard on phones).
#[component]
fn CodeField(error: Signal<Option<AppError>>, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TextField
            id="kod"
            autocomplete="one-time-code"
            required=true
            hint=Signal::derive(move || t_string!(i18n, second_factor.code_hint).to_string())
            error
        >
            {children()}
        </TextField>
    }
}

#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<VerifySecondFactor>::new();
    let error = last_error(action);
    let expired = move || matches!(error.get(), Some(AppError::Unauthenticated));
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, second_factor.title).to_string()) />
        <h1>{t!(i18n, second_factor.title)}</h1>
        <Show when=expired>
            <Redirect path="/logowanie" />
        </Show>
        <ErrorSummary error />
        <p>{t!(i18n, second_factor.intro)}</p>
        <ActionForm action=action attr:class="form">
            <CodeField error>{t!(i18n, second_factor.code)}</CodeField>
            <button type="submit" class="button">
                {t!(i18n, second_factor.submit)}
            </button>
        </ActionForm>
        <p>{t!(i18n, second_factor.recovery_hint)}</p>
    }
}

#[component]
pub fn TotpEnrolmentPage() -> impl IntoView {
    let i18n = use_i18n();
    let enrolment = Resource::new(|| (), |_| start_totp_enrolment());
    let action = ServerAction::<ConfirmTotpEnrolment>::new();
    let error = last_error(action);
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, second_factor.enrol_title).to_string()) />
        <h1>{t!(i18n, second_factor.enrol_title)}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                match enrolment.await {
                    Ok(enrolment) => {
                        view! {
                            <p>{t!(i18n, second_factor.enrol_intro)}</p>
                            <ol class="steps">
                                <li>{t!(i18n, second_factor.enrol_step_app)}</li>
                                <li>
                                    {t!(i18n, second_factor.enrol_step_scan)}
                                    <img
                                        class="qr"
                                        src=enrolment.qr_data_url
                                        width="220"
                                        height="220"
                                        alt=move || t_string!(i18n, second_factor.qr_alt)
                                    />
                                </li>
                                <li>
                                    {t!(i18n, second_factor.enrol_step_manual)} <br />
                                    <code class="totp-secret">{enrolment.secret}</code>
                                    <br />
                                    {t!(i18n, second_factor.account)}
                                    " "
                                    <span class="totp-account">{enrolment.account}</span>
                                </li>
                                <li>{t!(i18n, second_factor.enrol_step_code)}</li>
                            </ol>
                            <ErrorSummary error />
                            <ActionForm action=action attr:class="form">
                                <CodeField error>{t!(i18n, second_factor.code)}</CodeField>
                                <button type="submit" class="button">
                                    {t!(i18n, second_factor.enrol_submit)}
                                </button>
                            </ActionForm>
                        }
                            .into_any()
                    }
                    Err(AppError::Unauthenticated) => {
                        view! { <Redirect path="/logowanie" /> }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn RecoveryCodesPage() -> impl IntoView {
    let i18n = use_i18n();
    let codes = Resource::new(|| (), |_| take_recovery_codes());
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, second_factor.recovery_title).to_string()) />
        <h1>{t!(i18n, second_factor.recovery_title)}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                match codes.await {
                    Ok(codes) if codes.is_empty() => {
                        view! { <p>{t!(i18n, second_factor.recovery_gone)}</p> }.into_any()
                    }
                    Ok(codes) => {
                        view! {
                            <p>{t!(i18n, second_factor.recovery_intro)}</p>
                            <ul class="recovery-codes">
                                {codes
                                    .into_iter()
                                    .map(|code| view! { <li><code>{code}</code></li> })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                    Err(AppError::Unauthenticated) => {
                        view! { <Redirect path="/logowanie" /> }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
        <p>
            <a href="/pracownik" class="button">
                {t!(i18n, second_factor.continue_to_staff)}
            </a>
        </p>
    }
}
