//! The administrator's account pages: `/pracownik/konta` (list and search),
//! `/pracownik/konta/nowe` (create) and `/pracownik/konta/{id}` (edit, deactivate).
//! Forms are `ActionForm`s and GET forms, so everything works without JavaScript.

use super::UserKind;
use super::accounts::{
    Account, CreateAccount, ResetSecondFactor, SetAccountActive, UpdateAccount, account_details,
    list_accounts,
};
use crate::components::form::{ErrorSummary, FieldError, field_errors};
use crate::components::page::{PageTitle, page_failure};
use crate::domain::{Labelled, Role};
use crate::error::FieldErrors;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

type I18n = leptos_i18n::I18nContext<Locale>;

fn roles_text(i18n: I18n, roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| r.label(i18n))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a page shows when its data could not be loaded: sign-in for visitors, else the error.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let search = Memo::new(move |_| params.read().get("szukaj").unwrap_or_default());
    let accounts = Resource::new(move || search.get(), list_accounts);
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, accounts.title).to_string()) />
        <h1>{t!(i18n, accounts.title)}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                let search = search.get();
                match accounts.await {
                    Ok(list) => view! { <AccountList list search /> }.into_any(),
                    Err(error) => page_failure(error, "/pracownik/konta"),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountList(list: Vec<Account>, search: String) -> impl IntoView {
    let i18n = use_i18n();
    let count = list.len();
    let rows = list
        .into_iter()
        .map(|account| {
            let href = format!("/pracownik/konta/{}", account.id);
            let active = if account.active {
                t_string!(i18n, accounts.active_yes)
            } else {
                t_string!(i18n, accounts.active_no)
            };
            view! {
                <tr>
                    <th scope="row">
                        <a href=href>{account.display_name}</a>
                    </th>
                    <td>{account.email}</td>
                    <td>{account.kind.label(i18n)}</td>
                    <td>{roles_text(i18n, &account.roles)}</td>
                    <td>{active}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="actions">
            <a href="/pracownik/konta/nowe" class="button">
                {t!(i18n, accounts.new_link)}
            </a>
            " "
            <a href="/pracownik/uprawnienia">{t!(i18n, accounts.permissions_link)}</a>
        </p>
        <form method="get" action="/pracownik/konta" role="search" class="form form--inline">
            <div class="field">
                <label for="szukaj">{t!(i18n, accounts.search_label)}</label>
                <input id="szukaj" name="szukaj" type="search" value=search />
            </div>
            <button type="submit" class="button">
                {t!(i18n, accounts.search_submit)}
            </button>
        </form>
        <div
            class="table-wrap"
            tabindex="0"
            role="region"
            aria-label=move || t_string!(i18n, accounts.title)
        >
            <table class="table">
                <caption>{t!(i18n, accounts.caption, count = move || count)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, accounts.col_name)}</th>
                        <th scope="col">{t!(i18n, accounts.col_email)}</th>
                        <th scope="col">{t!(i18n, accounts.col_kind)}</th>
                        <th scope="col">{t!(i18n, accounts.col_roles)}</th>
                        <th scope="col">{t!(i18n, accounts.col_active)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// A labelled input with its error next to it.
#[component]
fn Field(
    name: &'static str,
    label: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<String>,
    errors: Signal<FieldErrors>,
) -> impl IntoView {
    let invalid = move || errors.read().contains_key(name).then_some("true");
    let value = (kind != "password")
        .then(|| crate::components::echo::echoed(name))
        .flatten()
        .unwrap_or(value);
    let hint_id = hint.as_ref().map(|_| format!("{name}-hint"));
    let described = {
        let hint_id = hint_id.clone();
        move || {
            let mut ids: Vec<String> = hint_id.iter().cloned().collect();
            if errors.read().contains_key(name) {
                ids.push(format!("{name}-error"));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=name>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
            <FieldError field=name errors />
            <input
                id=name
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                aria-invalid=invalid
                aria-describedby=described
            />
        </div>
    }
}

/// Checkboxes of the staff roles, `checked` ticked.
#[component]
fn RoleChoices(checked: Vec<Role>, errors: Signal<FieldErrors>) -> impl IntoView {
    let i18n = use_i18n();
    let boxes = super::accounts::staff_roles()
        .map(|role| {
            let id = format!("role-{}", role.code());
            view! {
                <div class="choice">
                    <input
                        type="checkbox"
                        id=id.clone()
                        name="roles[]"
                        value=role.code()
                        checked=checked.contains(&role)
                    />
                    <label for=id>{role.label(i18n)}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset
            id="roles"
            class="choices"
            aria-describedby=move || errors.read().contains_key("roles").then_some("roles-error")
        >
            <legend>{t!(i18n, accounts.roles_legend)}</legend>
            <FieldError field="roles" errors />
            {boxes}
        </fieldset>
    }
}

#[component]
pub fn NewAccountPage() -> impl IntoView {
    let i18n = use_i18n();
    // Loading the list of roles also checks, through the gate, that the visitor may do this.
    let allowed = Resource::new(|| (), |_| super::accounts::account_roles());
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, accounts.new_title).to_string()) />
        <h1>{t!(i18n, accounts.new_title)}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                match allowed.await {
                    Ok(_) => view! { <NewAccountForm /> }.into_any(),
                    Err(error) => page_failure(error, "/pracownik/konta/nowe"),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewAccountForm() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CreateAccount>::new();
    let error = move || action.value().get().and_then(Result::err);
    let errors = Signal::derive(move || field_errors(error().as_ref()));
    let text = move |key: &str| -> String {
        match key {
            "email" => t_string!(i18n, accounts.email),
            "display_name" => t_string!(i18n, accounts.display_name),
            "provider_id" => t_string!(i18n, accounts.provider_id),
            "provider_hint" => t_string!(i18n, accounts.provider_hint),
            "password" => t_string!(i18n, accounts.password),
            "password_hint" => t_string!(i18n, accounts.password_hint),
            _ => t_string!(i18n, accounts.password_again),
        }
        .to_string()
    };
    view! {
        <ErrorSummary error=Signal::derive(error) />
        <ActionForm action=action attr:class="form">
            <fieldset
                id="kind"
                class="choices"
                aria-describedby=move || errors.read().contains_key("kind").then_some("kind-error")
            >
                <legend>{t!(i18n, accounts.kind_legend)}</legend>
                <FieldError field="kind" errors />
                <div class="choice">
                    <input type="radio" id="kind-staff" name="kind" value="staff" checked />
                    <label for="kind-staff">{t!(i18n, accounts.kind_staff)}</label>
                </div>
                <div class="choice">
                    <input type="radio" id="kind-provider" name="kind" value="provider" />
                    <label for="kind-provider">{t!(i18n, accounts.kind_provider)}</label>
                </div>
            </fieldset>
            <Field name="email" label=text("email") kind="email" autocomplete="off" errors />
            <Field name="display_name" label=text("display_name") autocomplete="off" errors />
            <RoleChoices checked=Vec::new() errors />
            <Field
                name="provider_id"
                label=text("provider_id")
                hint=text("provider_hint")
                errors
            />
            <Field
                name="password"
                label=text("password")
                kind="password"
                autocomplete="new-password"
                hint=text("password_hint")
                errors
            />
            <Field
                name="password_again"
                label=text("password_again")
                kind="password"
                autocomplete="new-password"
                errors
            />
            <button type="submit" class="button">
                {t!(i18n, accounts.create_submit)}
            </button>
        </ActionForm>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let update = ServerAction::<UpdateAccount>::new();
    let toggle = ServerAction::<SetAccountActive>::new();
    let reset = ServerAction::<ResetSecondFactor>::new();
    // Reload after a successful change only, so a failed one keeps what was typed.
    let saved = RwSignal::new(0u32);
    Effect::watch(
        move || (update.value().get(), toggle.value().get()),
        move |(a, b), _, _| {
            if matches!(a, Some(Ok(()))) || matches!(b, Some(Ok(()))) {
                saved.update(|n| *n += 1);
            }
        },
        false,
    );
    let account = Resource::new(
        move || (id.get(), saved.get()),
        |(id, _)| account_details(id),
    );
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, accounts.edit_title).to_string()) />
        <h1>{t!(i18n, accounts.edit_title)}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                let back = format!("/pracownik/konta/{}", id.get());
                match account.await {
                    Ok(account) => {
                        view! { <AccountForms account update toggle reset /> }.into_any()
                    }
                    Err(error) => page_failure(error, &back),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountForms(
    account: Account,
    update: ServerAction<UpdateAccount>,
    toggle: ServerAction<SetAccountActive>,
    reset: ServerAction<ResetSecondFactor>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = move || {
        update
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| toggle.value().get().and_then(Result::err))
            .or_else(|| reset.value().get().and_then(Result::err))
    };
    let errors = Signal::derive(move || field_errors(error().as_ref()));
    let saved = move || matches!(update.value().get(), Some(Ok(())));
    let status = if account.active {
        t_string!(i18n, accounts.active_yes)
    } else {
        t_string!(i18n, accounts.active_no)
    };
    let (toggle_label, next_active) = if account.active {
        (t_string!(i18n, accounts.deactivate), "false")
    } else {
        (t_string!(i18n, accounts.reactivate), "true")
    };
    let (edit_id, toggle_id) = (account.id.clone(), account.id.clone());
    let roles = (account.kind == UserKind::Staff)
        .then(|| view! { <RoleChoices checked=account.roles.clone() errors /> });
    view! {
        <ErrorSummary error=Signal::derive(error) />
        {move || {
            saved()
                .then(|| {
                    view! {
                        <p class="notice" role="status">
                            {t!(i18n, accounts.saved)}
                        </p>
                    }
                })
        }}
        <dl class="facts">
            <dt>{t!(i18n, accounts.email)}</dt>
            <dd class="account-email">{account.email.clone()}</dd>
            <dt>{t!(i18n, accounts.col_kind)}</dt>
            <dd>{account.kind.label(i18n)}</dd>
            <dt>{t!(i18n, accounts.col_roles)}</dt>
            <dd class="account-roles">{roles_text(i18n, &account.roles)}</dd>
            {account
                .provider_id
                .clone()
                .map(|provider| {
                    view! {
                        <dt>{t!(i18n, accounts.provider_id)}</dt>
                        <dd>{provider}</dd>
                    }
                })}
            <dt>{t!(i18n, accounts.col_active)}</dt>
            <dd class="account-status">{status}</dd>
        </dl>
        <h2>{t!(i18n, accounts.edit_heading)}</h2>
        <ActionForm action=update attr:class="form">
            <input type="hidden" name="id" value=edit_id />
            <Field
                name="display_name"
                label=t_string!(i18n, accounts.display_name).to_string()
                value=account.display_name.clone()
                autocomplete="off"
                errors
            />
            {roles}
            <button type="submit" class="button">
                {t!(i18n, accounts.save_submit)}
            </button>
        </ActionForm>
        {(account.kind == UserKind::Staff)
            .then(|| view! { <crate::cases::scope::ScopeForm id=account.id.clone() /> })}
        <h2>{t!(i18n, accounts.status_heading)}</h2>
        <ActionForm action=toggle attr:class="form">
            <input type="hidden" name="id" value=toggle_id />
            <input type="hidden" name="active" value=next_active />
            <FieldError field="deactivate" errors />
            <button type="submit" class="button" id="deactivate">
                {toggle_label}
            </button>
        </ActionForm>
        {(account.kind != UserKind::Resident)
            .then(|| view! { <SecondFactorReset id=account.id.clone() reset errors /> })}
        <p>
            <a href="/pracownik/konta">{t!(i18n, accounts.back_to_list)}</a>
        </p>
    }
}

/// The reset of a lost second factor, with its notice once done.
#[component]
fn SecondFactorReset(
    id: String,
    reset: ServerAction<ResetSecondFactor>,
    errors: Signal<FieldErrors>,
) -> impl IntoView {
    let i18n = use_i18n();
    let done = move || matches!(reset.value().get(), Some(Ok(())));
    view! {
        <h2>{t!(i18n, accounts.second_factor_heading)}</h2>
        <p>{t!(i18n, accounts.second_factor_text)}</p>
        {move || {
            done()
                .then(|| {
                    view! {
                        <p class="notice" role="status" id="second-factor-reset">
                            {t!(i18n, accounts.second_factor_done)}
                        </p>
                    }
                })
        }}
        <ActionForm action=reset attr:class="form">
            <input type="hidden" name="id" value=id />
            <FieldError field="second_factor" errors />
            <button type="submit" class="button" id="reset-second-factor">
                {t!(i18n, accounts.second_factor_reset)}
            </button>
        </ActionForm>
    }
}
