//! Form helpers: the error summary at the top of a form (GOV.UK pattern, WCAG 3.3.1).

use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;

/// The person-readable text of an error key from `AppError::Invalid`.
pub fn error_text(i18n: leptos_i18n::I18nContext<Locale>, key: &str) -> String {
    match key {
        "login_failed" => t_string!(i18n, form_errors.login_failed).to_string(),
        "email_invalid" => t_string!(i18n, form_errors.email_invalid).to_string(),
        "email_not_confirmed" => t_string!(i18n, form_errors.email_not_confirmed).to_string(),
        "code_invalid" => t_string!(i18n, form_errors.code_invalid).to_string(),
        "name_required" => t_string!(i18n, form_errors.name_required).to_string(),
        "password_too_short" => t_string!(i18n, form_errors.password_too_short).to_string(),
        "password_too_long" => t_string!(i18n, form_errors.password_too_long).to_string(),
        "password_mismatch" => t_string!(i18n, form_errors.password_mismatch).to_string(),
        "link_invalid" => t_string!(i18n, form_errors.link_invalid).to_string(),
        "phone_invalid" => t_string!(i18n, form_errors.phone_invalid).to_string(),
        "pesel_wrong_length" => t_string!(i18n, form_errors.pesel_wrong_length).to_string(),
        "pesel_not_digits" => t_string!(i18n, form_errors.pesel_not_digits).to_string(),
        "pesel_bad_month" => t_string!(i18n, form_errors.pesel_bad_month).to_string(),
        "pesel_no_such_date" => t_string!(i18n, form_errors.pesel_no_such_date).to_string(),
        "pesel_bad_checksum" => t_string!(i18n, form_errors.pesel_bad_checksum).to_string(),
        "too_long" => t_string!(i18n, form_errors.too_long).to_string(),
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
        "email_taken" => t_string!(i18n, accounts.err_email_taken).to_string(),
        "last_admin" => t_string!(i18n, accounts.err_last_admin).to_string(),
        key => programme_error_text(i18n, key),
    }
}

/// Keys of the programme forms.
fn programme_error_text(i18n: leptos_i18n::I18nContext<Locale>, key: &str) -> String {
    match key {
        "required" => t_string!(i18n, form_errors.required).to_string(),
        "number_invalid" => t_string!(i18n, form_errors.number_invalid).to_string(),
        "amount_invalid" => t_string!(i18n, form_errors.amount_invalid).to_string(),
        "percent_invalid" => t_string!(i18n, form_errors.percent_invalid).to_string(),
        "choose_one" => t_string!(i18n, form_errors.choose_one).to_string(),
        "teryt_invalid" => t_string!(i18n, form_errors.teryt_invalid).to_string(),
        "period_order" => t_string!(i18n, form_errors.period_order).to_string(),
        "places_required" => t_string!(i18n, form_errors.places_required).to_string(),
        "age_range" => t_string!(i18n, form_errors.age_range).to_string(),
        "limit_invalid" => t_string!(i18n, form_errors.limit_invalid).to_string(),
        "bracket_invalid" => t_string!(i18n, form_errors.bracket_invalid).to_string(),
        "programme_not_draft" => t_string!(i18n, form_errors.programme_not_draft).to_string(),
        "programme_without_services" => {
            t_string!(i18n, form_errors.programme_without_services).to_string()
        }
        "fee_bracket_table_empty" => {
            t_string!(i18n, form_errors.fee_bracket_table_empty).to_string()
        }
        "fee_bracket_bounds_not_ascending" => {
            t_string!(i18n, form_errors.fee_bracket_bounds_not_ascending).to_string()
        }
        "fee_open_bracket_not_last" => {
            t_string!(i18n, form_errors.fee_open_bracket_not_last).to_string()
        }
        "fee_last_bracket_bounded" => {
            t_string!(i18n, form_errors.fee_last_bracket_bounded).to_string()
        }
        "fee_bracket_share_out_of_range" => {
            t_string!(i18n, form_errors.fee_bracket_share_out_of_range).to_string()
        }
        "fee_criterion_not_positive" => {
            t_string!(i18n, form_errors.fee_criterion_not_positive).to_string()
        }
        "fee_unit_cost_negative" => t_string!(i18n, form_errors.fee_unit_cost_negative).to_string(),
        "fee_price_negative" => t_string!(i18n, form_errors.fee_price_negative).to_string(),
        "fee_discount_out_of_range" => {
            t_string!(i18n, form_errors.fee_discount_out_of_range).to_string()
        }
        "fee_too_many_discounts" => t_string!(i18n, form_errors.fee_too_many_discounts).to_string(),
        "fee_discount_cap_out_of_range" => {
            t_string!(i18n, form_errors.fee_discount_cap_out_of_range).to_string()
        }
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

/// The last submission's error, for the summary and the fields.
pub fn last_error<A>(action: ServerAction<A>) -> Signal<Option<AppError>>
where
    A: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(Result::err))
}

/// The message for field `id` in the last submission's error, if any.
pub fn field_error(
    i18n: leptos_i18n::I18nContext<Locale>,
    error: Option<AppError>,
    id: &str,
) -> Option<String> {
    match error? {
        AppError::Invalid(fields) => fields.get(id).map(|key| error_text(i18n, key)),
        _ => None,
    }
}

/// A labelled textarea with its hint and error message, like [`TextField`].
#[component]
pub fn TextArea(
    id: &'static str,
    name: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(default = 4)] rows: u32,
    #[prop(into)] error: Signal<Option<AppError>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = Memo::new(move |_| field_error(i18n, error.get(), id));
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field--error=move || message.get().is_some()>
            <label for=id>{children()}</label>
            {
                let error_id = error_id.clone();
                move || {
                    message
                        .get()
                        .map(|text| {
                            view! {
                                <p class="field-error" id=error_id.clone()>
                                    {text}
                                </p>
                            }
                        })
                }
            }
            <textarea
                id=id
                name=name
                rows=rows
                aria-invalid=move || message.get().is_some().then_some("true")
                aria-describedby=move || message.get().is_some().then(|| error_id.clone())
            >
                {value}
            </textarea>
        </div>
    }
}

/// A labelled input with its hint and error message (GOV.UK pattern): the message sits between
/// label and input, and the input points at both with `aria-describedby`. The children are the
/// label text.
#[component]
pub fn TextField(
    /// The input's id, and its form field name unless `name` is given.
    id: &'static str,
    #[prop(optional)] name: Option<&'static str>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] value: Signal<String>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(into)] error: Signal<Option<AppError>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = Memo::new(move |_| field_error(i18n, error.get(), id));
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if message.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field--error=move || message.get().is_some()>
            <label for=id>{children()}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
            {move || {
                message
                    .get()
                    .map(|text| {
                        view! {
                            <p class="field-error" id=error_id.clone()>
                                {text}
                            </p>
                        }
                    })
            }}
            <input
                id=id
                name=name.unwrap_or(id)
                type=kind
                autocomplete=autocomplete
                required=required
                prop:value=value
                value=value
                aria-invalid=move || message.get().is_some().then_some("true")
                aria-describedby=described_by
            />
        </div>
    }
}
