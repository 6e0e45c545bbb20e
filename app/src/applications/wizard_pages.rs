//! The application wizard's pages (GOV.UK pattern: one topic per page, progress, a back link,
//! an error summary). Every step is a form that works without JavaScript.

use super::model::*;
use super::person::{Dependency, DisabilityDegree, PersonInput};
use super::wizard::*;
use crate::components::choice::coded_options;
use crate::components::form::{
    CheckboxField, Checkboxes, ErrorSummary, Radios, SelectField, TextArea, TextField, field_error,
    last_error,
};
use crate::components::page::{PageTitle, page_failure};
use crate::domain::Labelled;
use crate::error::AppError;
use crate::i18n::*;
use crate::programme::PersonalDataField as F;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/wnioski/nowy?usluga=…`: what applying takes, then "start" (or sign in first).
#[component]
pub fn StartApplicationPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let service_id = move || query.read().get("usluga").unwrap_or_default();
    let data = Resource::new(service_id, |id| async move {
        let user = crate::identity::profile::session_user().await?;
        let details =
            crate::catalogue::catalogue_service(id, crate::catalogue::FeeQuestion::default())
                .await?;
        Ok::<_, AppError>((user, details))
    });
    let action = ServerAction::<StartApplication>::new();
    let error = last_error(action);
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, apply.start_title).to_string()) />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => page_failure(error, "/uslugi"),
                    Ok((user, details)) => {
                        let back = format!("/wnioski/nowy?usluga={}", details.service.id);
                        let signed_in = user.is_some();
                        view! {
                            <a class="back-link" href=format!("/uslugi/{}", details.service.id)>
                                {t!(i18n, apply.back)}
                            </a>
                            <h1>{t!(i18n, apply.start_title)}</h1>
                            <p class="lead">{details.service.name.clone()}</p>
                            <p>{t!(i18n, apply.start_intro)}</p>
                            <ul>
                                <li>{t!(i18n, apply.start_need_data)}</li>
                                <li>{t!(i18n, apply.start_need_documents)}</li>
                                <li>{t!(i18n, apply.start_need_time)}</li>
                            </ul>
                            <ErrorSummary error />
                            {if signed_in {
                                view! {
                                    <ActionForm action=action attr:class="form">
                                        <input type="hidden" name="service" value=details.service.id.clone() />
                                        <button type="submit" class="button">
                                            {t!(i18n, apply.start_button)}
                                        </button>
                                    </ActionForm>
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <p>{t!(i18n, apply.sign_in_first)}</p>
                                    <p class="button-row">
                                        <a class="button" href=format!("/logowanie?powrot={back}")>
                                            {t!(i18n, login.submit)}
                                        </a>
                                        <a class="button button--secondary" href="/rejestracja">
                                            {t!(i18n, register.title)}
                                        </a>
                                    </p>
                                    <p>{t!(i18n, apply.info_point_alternative)}</p>
                                }
                                    .into_any()
                            }}
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// `/wnioski/:id/:step`: one step of the wizard.
#[component]
pub fn WizardPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let key = move || {
        let params = params.read();
        (
            params.get("id").unwrap_or_default(),
            params.get("step").unwrap_or_default(),
        )
    };
    let form = Resource::new(key, |(id, _)| load_application_form(id));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let (id, slug) = key();
                let step = Step::ALL.into_iter().find(|s| s.slug() == slug);
                match (form.await, step) {
                    (Err(error), _) => page_failure(error, &format!("/wnioski/{id}/{slug}")),
                    (Ok(_), None) => page_failure(AppError::NotFound, "/"),
                    (Ok(form), Some(_)) if form.application.status != ApplicationStatus::Draft => {
                        view! {
                            <h1>{t!(i18n, apply.already_submitted)}</h1>
                            <p>
                                <a href=format!("/wnioski/{}/zlozono", form.application.id)>
                                    {t!(i18n, apply.see_case)}
                                </a>
                            </p>
                        }
                            .into_any()
                    }
                    (Ok(form), Some(step)) => view! { <StepFrame form step /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Back link, progress and heading around a step's form.
#[component]
fn StepFrame(form: ApplicationForm, step: Step) -> impl IntoView {
    let i18n = use_i18n();
    let id = form.application.id.clone();
    let needs_applicant = form.application.needs_applicant();
    let steps = Step::steps_for(needs_applicant);
    let number = steps.iter().position(|s| *s == step).unwrap_or(0) + 1;
    let total = steps.len();
    let title = step.label(i18n).to_string();
    let back = match previous_step(step, needs_applicant) {
        Some(previous) => previous.path(&id),
        None if form.application.on_behalf() => "/pracownik".to_owned(),
        None => "/moje-sprawy".to_owned(),
    };
    let page_title = title.clone();
    let body = match step {
        Step::Services => view! { <ServicesStep form /> }.into_any(),
        Step::Who => view! { <WhoStep form /> }.into_any(),
        Step::Person => view! { <PersonStep form applicant=false /> }.into_any(),
        Step::Applicant => view! { <PersonStep form applicant=true /> }.into_any(),
        Step::Declarations => view! { <DeclarationsStep form /> }.into_any(),
        Step::Attachments => view! { <AttachmentsStep form /> }.into_any(),
        Step::Review => view! { <ReviewStep form /> }.into_any(),
    };
    view! {
        <PageTitle text=page_title />
        <a class="back-link" href=back>
            {t!(i18n, apply.back)}
        </a>
        <p class="wizard-progress">
            {t!(i18n, apply.progress, number = number, total = total)}
        </p>
        <h1>{title}</h1>
        {body}
        <p class="hint">{t!(i18n, apply.saved_as_you_go)}</p>
    }
}

#[component]
fn ServicesStep(form: ApplicationForm) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChooseServices>::new();
    let error = last_error(action);
    let checked = form
        .chosen_services()
        .map(|s| s.id.clone())
        .collect::<Vec<_>>();
    let options = form
        .services
        .iter()
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect();
    view! {
        <ErrorSummary error />
        <p>{t!(i18n, apply.programme)} ": " <strong>{form.programme_name.clone()}</strong></p>
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="id" value=form.application.id.clone() />
            <Checkboxes
                id="services"
                name="services"
                legend=t_string!(i18n, apply.services_legend).to_string()
                options
                checked
                error
            />
            <ContinueButton />
        </ActionForm>
    }
}

#[component]
fn WhoStep(form: ApplicationForm) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveWho>::new();
    let error = last_error(action);
    let options = coded_options(&ApplicantRole::ALL, ApplicantRole::code, |r| r.label(i18n));
    let selected = form
        .application
        .applicant_role
        .map(|r| r.code().to_owned())
        .unwrap_or_default();
    let on_behalf = form.application.on_behalf().then(|| {
        let channel = form.application.channel.label(i18n).to_string();
        let received = form
            .application
            .received_on
            .map(crate::domain::date_display)
            .unwrap_or_default();
        view! {
            <p class="notice">
                {t!(i18n, apply.channel)} ": " {channel} ", " {t!(i18n, apply.received_on)} ": "
                {received}
            </p>
        }
    });
    view! {
        <ErrorSummary error />
        {on_behalf}
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="id" value=form.application.id.clone() />
            <Radios
                id="role"
                name="role"
                legend=t_string!(i18n, apply.who_legend).to_string()
                hint=t_string!(i18n, apply.who_hint).to_string()
                options
                selected
                error
            />
            <ContinueButton />
        </ActionForm>
    }
}

/// The person concerned (with the programme's fields) or the applicant (contact fields).
#[component]
fn PersonStep(form: ApplicationForm, applicant: bool) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SavePerson>::new();
    let error = last_error(action);
    let (asked, saved) = if applicant {
        (
            super::person::APPLICANT_FIELDS.to_vec(),
            form.application.applicant.clone(),
        )
    } else {
        (form.asked.clone(), form.application.subject.clone())
    };
    // What was typed in the last (refused) submission wins over what is saved.
    // (The action's input is cleared once the answer arrives, so the memo keeps the last one.)
    let typed = Memo::new(
        move |previous: Option<&PersonInput>| match action.input().get() {
            Some(SavePerson { person, .. }) => person,
            None => previous.cloned().unwrap_or_else(|| saved.clone()),
        },
    );
    let value =
        move |field: fn(&PersonInput) -> String| Signal::derive(move || field(&typed.read()));
    let asks = |field: F| asked.contains(&field);
    let [
        pesel,
        birth_date,
        address,
        phone,
        email,
        household,
        income,
        card,
    ] = [
        F::Pesel,
        F::BirthDate,
        F::Address,
        F::Phone,
        F::Email,
        F::HouseholdSize,
        F::Income,
        F::LargeFamilyCard,
    ]
    .map(asks);
    let [disability, health, dependency] = [F::Disability, F::Health, F::Dependency].map(asks);
    let intro = if applicant {
        t_string!(i18n, apply.applicant_intro).to_string()
    } else {
        t_string!(i18n, apply.person_intro).to_string()
    };
    let special = disability || health || dependency;
    let disability_options = coded_options(&DisabilityDegree::ALL, DisabilityDegree::code, |d| {
        d.label(i18n)
    });
    let dependency_options = coded_options(&Dependency::ALL, Dependency::code, |d| d.label(i18n));
    let saved_person = typed.get_untracked();
    let card_held = saved_person.large_family_card == "yes";
    view! {
        <ErrorSummary error />
        <p>{intro}</p>
        <ActionForm action=action attr:class="form" attr:novalidate=true>
            <input type="hidden" name="id" value=form.application.id.clone() />
            <input type="hidden" name="applicant" value=applicant.to_string() />
            <TextField id="name" name="person[name]" autocomplete="name" required=true value=value(|p| p.name.clone()) error>
                {t!(i18n, apply.field_name)}
            </TextField>
            <Show when=move || pesel>
                <TextField
                    id="pesel"
                    name="person[pesel]"
                    autocomplete="off"
                    value=value(|p| p.pesel.clone())
                    hint=Signal::derive(move || t_string!(i18n, apply.pesel_hint).to_string())
                    error
                >
                    {t!(i18n, apply.field_pesel)}
                </TextField>
            </Show>
            <Show when=move || birth_date>
                <TextField id="birth_date" name="person[birth_date]" kind="date" autocomplete="bday" value=value(|p| p.birth_date.clone()) error>
                    {t!(i18n, apply.field_birth_date)}
                </TextField>
            </Show>
            <Show when=move || address>
                <TextField id="street" name="person[street]" autocomplete="street-address" value=value(|p| p.street.clone()) error>
                    {t!(i18n, apply.field_street)}
                </TextField>
                <TextField id="postal_code" name="person[postal_code]" autocomplete="postal-code" value=value(|p| p.postal_code.clone()) error>
                    {t!(i18n, apply.field_postal_code)}
                </TextField>
                <TextField id="city" name="person[city]" autocomplete="address-level2" value=value(|p| p.city.clone()) error>
                    {t!(i18n, apply.field_city)}
                </TextField>
            </Show>
            <Show when=move || phone>
                <TextField id="phone" name="person[phone]" kind="tel" autocomplete="tel" value=value(|p| p.phone.clone()) error>
                    {t!(i18n, apply.field_phone)}
                </TextField>
            </Show>
            <Show when=move || email>
                <TextField id="email" name="person[email]" kind="email" autocomplete="email" value=value(|p| p.email.clone()) error>
                    {t!(i18n, apply.field_email)}
                </TextField>
            </Show>
            <Show when=move || household>
                <TextField id="household_size" name="person[household_size]" kind="number" value=value(|p| p.household_size.clone()) error>
                    {t!(i18n, apply.field_household_size)}
                </TextField>
            </Show>
            <Show when=move || income>
                <TextField
                    id="income"
                    name="person[income]"
                    value=value(|p| p.income.clone())
                    hint=Signal::derive(move || t_string!(i18n, apply.income_hint).to_string())
                    error
                >
                    {t!(i18n, apply.field_income)}
                </TextField>
            </Show>
            <Show when=move || card>
                <CheckboxField id="large_family_card" name="person[large_family_card]" checked=card_held error>
                    {t!(i18n, apply.field_large_family_card)}
                </CheckboxField>
            </Show>
            {special.then(|| {
                let saved = saved_person.clone();
                view! {
                    <fieldset class="special-category">
                        <legend>{t!(i18n, apply.special_legend)}</legend>
                        <p class="hint">{t!(i18n, apply.special_hint)}</p>
                        {disability.then(|| view! {
                            <SelectField id="disability" name="person[disability]" options=disability_options.clone() selected=saved.disability.clone() error>
                                {t!(i18n, apply.field_disability)}
                            </SelectField>
                        })}
                        {health.then(|| view! {
                            <TextArea id="health" name="person[health]" value=saved.health.clone() error>
                                {t!(i18n, apply.field_health)}
                            </TextArea>
                        })}
                        {dependency.then(|| view! {
                            <Radios
                                id="dependency"
                                name="person[dependency]"
                                legend=t_string!(i18n, apply.field_dependency).to_string()
                                options=dependency_options.clone()
                                selected=saved.dependency.clone()
                                error
                            />
                        })}
                    </fieldset>
                }
            })}
            <ContinueButton />
        </ActionForm>
    }
}

#[component]
fn DeclarationsStep(form: ApplicationForm) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveDeclarations>::new();
    let error = last_error(action);
    let privacy = form.privacy.clone();
    let rows = [
        (
            t_string!(i18n, apply.privacy_controller).to_string(),
            privacy.controller,
        ),
        (t_string!(i18n, apply.privacy_dpo).to_string(), privacy.dpo),
        (
            t_string!(i18n, apply.privacy_purposes).to_string(),
            privacy.purposes,
        ),
        (
            t_string!(i18n, apply.privacy_legal_basis).to_string(),
            privacy.legal_basis,
        ),
        (
            t_string!(i18n, apply.privacy_recipients).to_string(),
            privacy.recipients,
        ),
        (
            t_string!(i18n, apply.privacy_retention).to_string(),
            privacy.retention,
        ),
        (
            t_string!(i18n, apply.privacy_rights).to_string(),
            privacy.rights,
        ),
        (
            t_string!(i18n, apply.privacy_complaint).to_string(),
            privacy.complaint,
        ),
    ];
    view! {
        <ErrorSummary error />
        <section class="privacy-notice" aria-labelledby="privacy-heading">
            <h2 id="privacy-heading">{t!(i18n, apply.privacy_heading)}</h2>
            <dl>
                {rows
                    .into_iter()
                    .map(|(term, text)| view! { <dt>{term}</dt><dd>{text}</dd> })
                    .collect_view()}
            </dl>
        </section>
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="id" value=form.application.id.clone() />
            <CheckboxField id="conditions" checked=form.application.conditions_declared error>
                {t!(i18n, apply.declare_conditions)}
            </CheckboxField>
            <CheckboxField id="privacy" checked=form.application.privacy_acknowledged error>
                {t!(i18n, apply.declare_privacy)}
            </CheckboxField>
            <ContinueButton />
        </ActionForm>
    }
}

#[component]
fn AttachmentsStep(form: ApplicationForm) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let error = Signal::derive(move || {
        query
            .read()
            .get("blad")
            .map(|key| AppError::invalid("file", &key))
    });
    let refusal = move || field_error(i18n, error.get(), "file");
    let added = move || query.read().get("dodano").is_some();
    let remove = ServerAction::<RemoveAttachment>::new();
    let id = form.application.id.clone();
    let upload_to = format!("/wnioski/{id}/zalaczniki/nowy");
    let next = Step::Review.path(&id);
    let files = form
        .attachments
        .into_iter()
        .map(|file| {
            let href = format!("/wnioski/{id}/zalaczniki/{}", file.id);
            let kb = (file.size_bytes + 1023) / 1024;
            let (application_id, file_id) = (id.clone(), file.id.clone());
            let hidden_name = format!(" {}", file.file_name);
            view! {
                <li>
                    <a href=href>{file.file_name.clone()}</a>
                    " (" {kb} " kB) "
                    <ActionForm action=remove attr:class="inline-form">
                        <input type="hidden" name="id" value=application_id />
                        <input type="hidden" name="attachment" value=file_id />
                        <button type="submit" class="button button--link">
                            {t!(i18n, apply.remove_file)}
                            <span class="visually-hidden">{hidden_name}</span>
                        </button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <ErrorSummary error />
        <Show when=added>
            <p class="notice notice--success" role="status">
                {t!(i18n, apply.file_added)}
            </p>
        </Show>
        <p>{t!(i18n, apply.attachments_intro)}</p>
        <ul class="attachments">{files}</ul>
        <form method="post" enctype="multipart/form-data" action=upload_to class="form">
            <div class="field" class:field--error=move || refusal().is_some()>
                <label for="file">{t!(i18n, apply.file_label)}</label>
                <p class="hint" id="file-hint">
                    {t!(i18n, apply.file_hint, size = super::MAX_ATTACHMENT_MB)}
                </p>
                {move || refusal().map(|text| view! { <p class="field-error" id="file-error">{text}</p> })}
                <input
                    type="file"
                    id="file"
                    name="file"
                    accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                    aria-describedby=move || {
                        if refusal().is_some() { "file-hint file-error" } else { "file-hint" }
                    }
                />
            </div>
            <button type="submit" class="button button--secondary">
                {t!(i18n, apply.add_file)}
            </button>
        </form>
        <p>
            <a class="button" href=next>
                {t!(i18n, apply.continue_button)}
            </a>
        </p>
    }
}

#[component]
fn ContinueButton() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button type="submit" class="button">
            {t!(i18n, apply.continue_button)}
        </button>
    }
}

/// A `<dl>` row of the review page with its "change" link.
fn review_row(
    i18n: I18nContext<Locale>,
    term: String,
    value: String,
    change: String,
) -> impl IntoView {
    let hidden = term.clone();
    view! {
        <div class="summary-row">
            <dt>{term}</dt>
            <dd>{value}</dd>
            <dd>
                <a href=change>
                    {t!(i18n, apply.change)}
                    <span class="visually-hidden">{format!(" {hidden}")}</span>
                </a>
            </dd>
        </div>
    }
}

#[component]
fn ReviewStep(form: ApplicationForm) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SubmitApplication>::new();
    let error = last_error(action);
    let a = &form.application;
    let id = a.id.clone();
    let services = form
        .chosen_services()
        .map(|s| s.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let role = a
        .applicant_role
        .map(|r| r.label(i18n).to_string())
        .unwrap_or_default();
    let person = |p: &PersonInput| {
        [
            p.name.clone(),
            p.pesel.clone(),
            p.address_line(),
            p.phone.clone(),
            p.email.clone(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    };
    let files = form
        .attachments
        .iter()
        .map(|f| f.file_name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let yes_no = |b: bool| {
        if b {
            t_string!(i18n, apply.yes).to_string()
        } else {
            t_string!(i18n, apply.no).to_string()
        }
    };
    let applicant_row = a.needs_applicant().then(|| {
        review_row(
            i18n,
            t_string!(i18n, apply.step_applicant).to_string(),
            person(&a.applicant),
            Step::Applicant.path(&id),
        )
    });
    view! {
        <ErrorSummary error />
        <dl class="summary-list">
            {review_row(i18n, t_string!(i18n, apply.step_services).to_string(), services, Step::Services.path(&id))}
            {review_row(i18n, t_string!(i18n, apply.step_who).to_string(), role, Step::Who.path(&id))}
            {review_row(i18n, t_string!(i18n, apply.step_person).to_string(), person(&a.subject), Step::Person.path(&id))}
            {applicant_row}
            {review_row(
                i18n,
                t_string!(i18n, apply.step_declarations).to_string(),
                yes_no(a.conditions_declared && a.privacy_acknowledged),
                Step::Declarations.path(&id),
            )}
            {review_row(i18n, t_string!(i18n, apply.step_attachments).to_string(), files, Step::Attachments.path(&id))}
        </dl>
        <p id="form">{t!(i18n, apply.review_text)}</p>
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="id" value=id.clone() />
            <button type="submit" class="button">
                {t!(i18n, apply.submit)}
            </button>
        </ActionForm>
    }
}

/// `/wnioski/:id/zlozono`: the case number, the receipt and what comes next.
#[component]
pub fn SubmittedPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let case = Resource::new(id, super::my_cases::load_my_case);
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, apply.submitted_title).to_string()) />
        <Suspense>
            {move || Suspend::new(async move {
                match case.await {
                    Err(error) => page_failure(error, &format!("/wnioski/{}/zlozono", id())),
                    Ok(case) => {
                        let a = case.application;
                        let registered = a.submitted_at.map(crate::domain::warsaw_display).unwrap_or_default();
                        let receipt = format!("/wnioski/{}/potwierdzenie.pdf", a.id);
                        let follow = if a.on_behalf() {
                            view! {
                                <a class="button button--secondary" href="/pracownik/wnioski/nowy">
                                    {t!(i18n, apply.register_another)}
                                </a>
                            }
                                .into_any()
                        } else {
                            view! {
                                <a class="button button--secondary" href=format!("/moje-sprawy/{}", a.id)>
                                    {t!(i18n, apply.see_case)}
                                </a>
                            }
                                .into_any()
                        };
                        view! {
                            <div class="panel panel--success">
                                <h1>{t!(i18n, apply.submitted_title)}</h1>
                                <p>
                                    {t!(i18n, apply.case_number)} ": "
                                    <strong class="case-number">{a.case_number.unwrap_or_default()}</strong>
                                </p>
                                <p>{t!(i18n, apply.registered_at)} ": " {registered}</p>
                            </div>
                            <p>{t!(i18n, apply.submitted_mail)}</p>
                            <h2>{t!(i18n, receipt.next)}</h2>
                            <ol>
                                <li>{t!(i18n, receipt.next_1)}</li>
                                <li>{t!(i18n, receipt.next_2)}</li>
                                <li>{t!(i18n, receipt.next_3)}</li>
                            </ol>
                            <p class="button-row">
                                <a class="button" href=receipt rel="external" download="">
                                    {t!(i18n, apply.download_receipt)}
                                </a>
                                {follow}
                            </p>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
