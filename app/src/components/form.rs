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
        "own_roles" => t_string!(i18n, accounts.err_own_roles).to_string(),
        "own_second_factor" => t_string!(i18n, accounts.err_own_second_factor).to_string(),
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
        "archival_category_invalid" => {
            t_string!(i18n, form_errors.archival_category_invalid).to_string()
        }
        "jrwa_symbol_invalid" => t_string!(i18n, form_errors.jrwa_symbol_invalid).to_string(),
        "period_order" => t_string!(i18n, form_errors.period_order).to_string(),
        "places_required" => t_string!(i18n, form_errors.places_required).to_string(),
        "age_range" => t_string!(i18n, form_errors.age_range).to_string(),
        "limit_invalid" => t_string!(i18n, form_errors.limit_invalid).to_string(),
        "bracket_invalid" => t_string!(i18n, form_errors.bracket_invalid).to_string(),
        "programme_not_draft" => t_string!(i18n, form_errors.programme_not_draft).to_string(),
        "programme_not_published" => {
            t_string!(i18n, form_errors.programme_not_published).to_string()
        }
        "resolution_reused" => t_string!(i18n, form_errors.resolution_reused).to_string(),
        "confirm_required" => t_string!(i18n, form_errors.confirm_required).to_string(),
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
        key => application_error_text(i18n, key),
    }
}

/// Keys of the application forms, attachments and needs reports.
fn application_error_text(i18n: leptos_i18n::I18nContext<Locale>, key: &str) -> String {
    match key {
        "services_required" => t_string!(i18n, form_errors.services_required).to_string(),
        "role_missing" => t_string!(i18n, form_errors.role_missing).to_string(),
        "person_missing" => t_string!(i18n, form_errors.person_missing).to_string(),
        "declaration_required" => t_string!(i18n, form_errors.declaration_required).to_string(),
        "privacy_required" => t_string!(i18n, form_errors.privacy_required).to_string(),
        "already_submitted" => t_string!(i18n, form_errors.already_submitted).to_string(),
        "cannot_withdraw" => t_string!(i18n, form_errors.cannot_withdraw).to_string(),
        "cannot_resign" => t_string!(i18n, form_errors.cannot_resign).to_string(),
        "birth_date_pesel_mismatch" => {
            t_string!(i18n, form_errors.birth_date_pesel_mismatch).to_string()
        }
        "date_in_future" => t_string!(i18n, form_errors.date_in_future).to_string(),
        "household_invalid" => t_string!(i18n, form_errors.household_invalid).to_string(),
        "postal_code_bad_format" => t_string!(i18n, form_errors.postal_code_bad_format).to_string(),
        "file_empty" => t_string!(i18n, form_errors.file_empty).to_string(),
        "file_too_large" => t_string!(i18n, form_errors.file_too_large).to_string(),
        "file_wrong_type" => t_string!(i18n, form_errors.file_wrong_type).to_string(),
        "file_too_many" => t_string!(i18n, form_errors.file_too_many).to_string(),
        "service_required" => t_string!(i18n, form_errors.service_required).to_string(),
        "findings_missing" => t_string!(i18n, form_errors.findings_missing).to_string(),
        "placeholder_unknown" => t_string!(i18n, form_errors.placeholder_unknown).to_string(),
        "findings_mark_required" => t_string!(i18n, form_errors.findings_mark_required).to_string(),
        "plan_too_short" => t_string!(i18n, form_errors.plan_too_short).to_string(),
        "plan_too_long" => t_string!(i18n, form_errors.plan_too_long).to_string(),
        "plan_locked" => t_string!(i18n, form_errors.plan_locked).to_string(),
        "plan_path_required" => t_string!(i18n, form_errors.plan_path_required).to_string(),
        "agreement_required" => t_string!(i18n, form_errors.agreement_required).to_string(),
        "delay_reason_required" => t_string!(i18n, form_errors.delay_reason_required).to_string(),
        "service_not_qualified" => t_string!(i18n, form_errors.service_not_qualified).to_string(),
        "plan_not_running" => t_string!(i18n, form_errors.plan_not_running).to_string(),
        "plan_pending_approval" => t_string!(i18n, form_errors.plan_pending_approval).to_string(),
        "plan_not_closed" => t_string!(i18n, form_errors.plan_not_closed).to_string(),
        "follow_up_too_early" => t_string!(i18n, form_errors.follow_up_too_early).to_string(),
        "form_incomplete" => t_string!(i18n, form_errors.form_incomplete).to_string(),
        "service_twice" => t_string!(i18n, form_errors.service_twice).to_string(),
        "provider_not_offering" => t_string!(i18n, form_errors.provider_not_offering).to_string(),
        "plan_without_services" => t_string!(i18n, form_errors.plan_without_services).to_string(),
        "plan_update_not_possible" => {
            t_string!(i18n, form_errors.plan_update_not_possible).to_string()
        }
        "plan_move_not_possible" => t_string!(i18n, form_errors.plan_move_not_possible).to_string(),
        "attendees_required" => t_string!(i18n, form_errors.attendees_required).to_string(),
        "nothing_to_forward" => t_string!(i18n, form_errors.nothing_to_forward).to_string(),
        "calculator_income_invalid" => {
            t_string!(i18n, catalogue.calculator_income_invalid).to_string()
        }
        "calculator_units_invalid" => {
            t_string!(i18n, catalogue.calculator_units_invalid).to_string()
        }
        key => community_error_text(i18n, key),
    }
}

/// Keys of the community forms and the calendar's sign-up.
fn community_error_text(i18n: leptos_i18n::I18nContext<Locale>, key: &str) -> String {
    match key {
        "stage_same" => t_string!(i18n, form_errors.stage_same).to_string(),
        "stage_moved" => t_string!(i18n, form_errors.stage_moved).to_string(),
        "time_invalid" => t_string!(i18n, form_errors.time_invalid).to_string(),
        "date_in_past" => t_string!(i18n, form_errors.date_in_past).to_string(),
        "end_before_start" => t_string!(i18n, form_errors.end_before_start).to_string(),
        "capacity_positive" => t_string!(i18n, form_errors.capacity_positive).to_string(),
        "contact_invalid" => t_string!(i18n, form_errors.contact_invalid).to_string(),
        "consent_required" => t_string!(i18n, form_errors.consent_required).to_string(),
        "activity_started" => t_string!(i18n, form_errors.activity_started).to_string(),
        "more_than_population" => t_string!(i18n, form_errors.more_than_population).to_string(),
        "more_than_registered" => t_string!(i18n, form_errors.more_than_registered).to_string(),
        "activity_not_held" => t_string!(i18n, form_errors.activity_not_held).to_string(),
        "target_not_above" => t_string!(i18n, form_errors.target_not_above).to_string(),
        "plan_without_goals" => t_string!(i18n, form_errors.plan_without_goals).to_string(),
        "plan_changed" => t_string!(i18n, form_errors.plan_changed).to_string(),
        "contact_required" => t_string!(i18n, form_errors.contact_required).to_string(),
        "volunteer_minor" => t_string!(i18n, form_errors.volunteer_minor).to_string(),
        "choose_at_least_one" => t_string!(i18n, form_errors.choose_at_least_one).to_string(),
        "volunteer_not_approved" => t_string!(i18n, form_errors.volunteer_not_approved).to_string(),
        "hours_invalid" => t_string!(i18n, form_errors.hours_invalid).to_string(),
        "hours_not_confirmed" => t_string!(i18n, form_errors.hours_not_confirmed).to_string(),
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

/// A summary of what went wrong (nothing while `error` is `None`), focused on render so screen
/// readers announce it.
#[component]
pub fn ErrorSummary(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || error.get().map(|error| view! { <ErrorList error /> })
}

#[component]
fn ErrorList(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let items: Vec<(String, String)> = match &error {
        // "form" is the form as a whole: no field to link to.
        AppError::Invalid(fields) => fields
            .iter()
            .map(|(field, key)| {
                let href = if field == "form" {
                    String::new()
                } else {
                    format!("#{field}")
                };
                (href, error_text(i18n, key))
            })
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

/// Counts the action's successful submissions: a page reloads its data when this changes, and
/// not after a refused one, so the form keeps what was typed.
pub fn successes<A>(action: ServerAction<A>) -> Memo<usize>
where
    A: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    Memo::new(move |previous: Option<&usize>| {
        let previous = previous.copied().unwrap_or(0);
        if action.pending().get() {
            return previous;
        }
        match action.value().get() {
            Some(Ok(_)) => action.version().get(),
            _ => previous,
        }
    })
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

/// The message for field `id`, as a memo the field's parts share.
fn field_message(
    i18n: leptos_i18n::I18nContext<Locale>,
    error: Signal<Option<AppError>>,
    id: &str,
) -> Memo<Option<String>> {
    let id = id.to_owned();
    Memo::new(move |_| field_error(i18n, error.get(), &id))
}

/// `text` with `&`, `<` and `>` written as character references.
#[cfg(feature = "ssr")]
fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A labelled textarea with its hint and error message, like [`TextField`].
#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(optional, into)] value: String,
    #[prop(default = 4)] rows: u32,
    #[prop(into)] error: Signal<Option<AppError>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = field_message(i18n, error, &id);
    let error_id = format!("{id}-error");
    let value = super::echo::echoed(&name).unwrap_or(value);
    // The renderer writes a textarea's text as it is (no escaping, unlike other elements), so
    // on the server it is escaped here: typed text can never close the element. In the
    // browser it is a text node already.
    #[cfg(feature = "ssr")]
    let value = escape_text(&value);
    view! {
        <div class="field" class:field--error=move || message.get().is_some()>
            <label for=id.clone()>{children()}</label>
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
                id=id.clone()
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
    #[prop(into)]
    id: String,
    #[prop(optional, into)] name: Option<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] value: Signal<String>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(into)] error: Signal<Option<AppError>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = field_message(i18n, error, &id);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let name = name.unwrap_or_else(|| id.clone());
    // A password is never shown again; anything else refused without JavaScript is.
    let echoed = (kind != "password")
        .then(|| super::echo::echoed(&name))
        .flatten();
    let value = echoed.map(Signal::from).unwrap_or(value);
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
            <label for=id.clone()>{children()}</label>
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
                name=name
                id=id
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

/// A labelled `<select>` with "choose…" first and its error message.
#[component]
pub fn SelectField(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    options: Vec<(String, String)>,
    #[prop(into)] selected: String,
    #[prop(into)] error: Signal<Option<AppError>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = field_message(i18n, error, &id);
    let error_id = format!("{id}-error");
    let described_by = error_id.clone();
    let selected = super::echo::echoed(&name).unwrap_or(selected);
    view! {
        <div class="field" class:field--error=move || message.get().is_some()>
            <label for=id.clone()>{children()}</label>
            {move || {
                message
                    .get()
                    .map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })
            }}
            <select
                id=id
                name=name
                aria-invalid=move || message.get().is_some().then_some("true")
                aria-describedby=move || message.get().is_some().then(|| described_by.clone())
            >
                <option value="">{t!(i18n, programmes.choose)}</option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = value == selected;
                        view! { <option value=value selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Checkboxes `{name}[i]` for a list of codes.
#[component]
pub fn Checkboxes(
    id: &'static str,
    name: &'static str,
    legend: String,
    options: Vec<(String, String)>,
    checked: Vec<String>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! { <ChoiceGroup kind="checkbox" id name legend hint=None options checked error /> }
}

/// A group of radio buttons with its legend, hint and error message.
#[component]
pub fn Radios(
    id: &'static str,
    name: &'static str,
    #[prop(into)] legend: String,
    #[prop(optional, into)] hint: Option<String>,
    options: Vec<(String, String)>,
    #[prop(into)] selected: String,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let checked = vec![selected];
    view! { <ChoiceGroup kind="radio" id name legend hint options checked error /> }
}

/// A fieldset of checkboxes (named `{name}[i]`) or radio buttons (named `name`).
#[component]
fn ChoiceGroup(
    kind: &'static str,
    id: &'static str,
    name: &'static str,
    legend: String,
    hint: Option<String>,
    options: Vec<(String, String)>,
    checked: Vec<String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = field_message(i18n, error, id);
    // The refused form's ticks, when this group was in it (something in it was ticked).
    let echo = super::echo::echo().filter(|echo| {
        let nested = format!("{name}[");
        echo.fields
            .iter()
            .any(|(field, _)| field == name || field.starts_with(&nested))
    });
    // The group's hint and error are read out when focus enters it (GOV.UK pattern).
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let has_hint = hint.is_some();
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let error = message.get().is_some().then(|| error_id.clone());
            let ids: Vec<String> = has_hint
                .then(|| hint_id.clone())
                .into_iter()
                .chain(error)
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <fieldset
            class="field"
            id=id
            class:field--error=move || message.get().is_some()
            aria-describedby=described_by
        >
            <legend>{legend}</legend>
            {hint.map(|hint| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
            {move || {
                message.get().map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })
            }}
            {options
                .into_iter()
                .enumerate()
                .map(|(i, (value, text))| {
                    let input_id = format!("{id}-{i}");
                    let input_name = if kind == "checkbox" {
                        format!("{name}[{i}]")
                    } else {
                        name.to_owned()
                    };
                    let is_checked = match &echo {
                        Some(echo) => echo.ticked(&input_name, &value),
                        None => checked.contains(&value),
                    };
                    view! {
                        <div class="choice">
                            <input
                                type=kind
                                id=input_id.clone()
                                name=input_name
                                value=value
                                checked=is_checked
                            />
                            <label for=input_id>{text}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// One checkbox that must or may be ticked (a declaration), with its error message.
#[component]
pub fn CheckboxField(
    id: &'static str,
    /// The form field name, when not the id.
    #[prop(optional)]
    name: Option<&'static str>,
    #[prop(optional)] checked: bool,
    #[prop(into)] error: Signal<Option<AppError>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = field_message(i18n, error, id);
    let error_id = format!("{id}-error");
    let name = name.unwrap_or(id);
    let checked = checked || super::echo::echo().is_some_and(|echo| echo.ticked(name, "yes"));
    view! {
        <div class="field" class:field--error=move || message.get().is_some()>
            {
                let error_id = error_id.clone();
                move || {
                    message
                        .get()
                        .map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })
                }
            }
            <div class="choice">
                <input
                    type="checkbox"
                    id=id
                    name=name
                    value="yes"
                    checked=checked
                    aria-describedby=move || message.get().is_some().then(|| error_id.clone())
                />
                <label for=id>{children()}</label>
            </div>
        </div>
    }
}
