//! Form helpers: the error summary at the top of a form (GOV.UK pattern, WCAG 3.3.1).

use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;

/// The person-readable text of an error key from `AppError::Invalid`.
pub fn error_text(i18n: leptos_i18n::I18nContext<Locale>, key: &str) -> String {
    match key {
        "login_failed" => t_string!(i18n, form_errors.login_failed).to_string(),
        "email_invalid" => t_string!(i18n, form_errors.email_invalid).to_string(),
        key => admin_error_text(i18n, key),
    }
}

/// Keys of the audit log viewer and the account pages (kept apart to ease merging).
fn admin_error_text(i18n: leptos_i18n::I18nContext<Locale>, key: &str) -> String {
    match key {
        "date_invalid" => t_string!(i18n, audit_log.err_date_invalid).to_string(),
        "date_range" => t_string!(i18n, audit_log.err_date_range).to_string(),
        "name_required" => t_string!(i18n, accounts.err_name_required).to_string(),
        "roles_required" => t_string!(i18n, accounts.err_roles_required).to_string(),
        "provider_required" => t_string!(i18n, accounts.err_provider_required).to_string(),
        "password_short" => t_string!(i18n, accounts.err_password_short).to_string(),
        "password_mismatch" => t_string!(i18n, accounts.err_password_mismatch).to_string(),
        "email_taken" => t_string!(i18n, accounts.err_email_taken).to_string(),
        "last_admin" => t_string!(i18n, accounts.err_last_admin).to_string(),
        _ => t_string!(i18n, form_errors.generic).to_string(),
    }
}

/// The message next to one field (its id is `{field}-error`, for `aria-describedby`).
#[component]
pub fn FieldError(
    #[prop(into)] field: String,
    #[prop(into)] errors: Signal<crate::error::FieldErrors>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("{field}-error");
    let text = move || errors.read().get(&field).map(|key| error_text(i18n, key));
    view! {
        {move || {
            text().map(|text| view! { <p class="field-error" id=id.clone()>{text}</p> })
        }}
    }
}

/// The field errors of an `AppError::Invalid` (none for other errors).
pub fn field_errors(error: Option<&AppError>) -> crate::error::FieldErrors {
    match error {
        Some(AppError::Invalid(fields)) => fields.clone(),
        _ => Default::default(),
    }
}

/// A summary of what went wrong, focused on render so screen readers announce it.
#[component]
pub fn ErrorSummary(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let items: Vec<(String, String)> = match &error {
        AppError::Invalid(fields) => fields
            .iter()
            .map(|(field, key)| (format!("#{field}"), error_text(i18n, key)))
            .collect(),
        AppError::TooManyRequests => {
            vec![(
                String::new(),
                t_string!(i18n, form_errors.too_many_attempts).to_string(),
            )]
        }
        _ => vec![(
            String::new(),
            t_string!(i18n, errors.internal_text).to_string(),
        )],
    };
    view! {
        <div class="error-summary" role="alert" tabindex="-1">
            <h2>{t!(i18n, form_errors.summary_heading)}</h2>
            <ul>
                {items
                    .into_iter()
                    .map(|(href, text)| {
                        if href.is_empty() {
                            view! { <li>{text}</li> }.into_any()
                        } else {
                            view! {
                                <li>
                                    <a href=href rel="external">
                                        {text}
                                    </a>
                                </li>
                            }
                                .into_any()
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}
