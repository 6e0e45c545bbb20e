//! Form helpers: the error summary at the top of a form (GOV.UK pattern, WCAG 3.3.1).

use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;

/// The person-readable text of an error key from `AppError::Invalid`.
pub fn error_text(i18n: leptos_i18n::I18nContext<Locale>, key: &str) -> String {
    match key {
        "login_failed" => t_string!(i18n, form_errors.login_failed).to_string(),
        "email_invalid" => t_string!(i18n, form_errors.email_invalid).to_string(),
        _ => t_string!(i18n, form_errors.generic).to_string(),
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
