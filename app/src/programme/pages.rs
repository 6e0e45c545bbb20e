//! Staff pages of the programme: `/pracownik/programy` (versions), `/pracownik/programy/nowy`,
//! `/pracownik/programy/:id` (one version; publish; new version) and its services with their
//! fee rules and a fee preview.

use super::admin::{
    CreateProgramme, NewProgrammeVersion, ProgrammeOverview, PublishProgramme, SaveActivity,
    SaveFee, SavePackage, SaveService, ServiceEditing, programme_admin, programmes, service_admin,
};
use super::editing_pages::{ActivityForm, PackageForm, ProgrammeFields, RemoveForm};
use super::fees::FeeRule;
use super::forms::ProgrammeInput;
use super::forms::{BRACKET_ROWS, FeeInput, amount_text};
use super::{
    LimitKind, Programme, ProgrammeStatus, Service, ServiceForm, ServicePlace, ServiceUnit,
    TargetGroup,
};
use crate::catalogue::FeeQuestion;
use crate::catalogue::fee_views::{Calculator, FeeTable};
use crate::components::choice::coded_options;
use crate::components::form::{
    Checkboxes, ErrorSummary, SelectField, TextArea, TextField, field_error, last_error,
};
use crate::components::page::{PageTitle, page_failure};
use crate::components::table::ScrollTable;
use crate::domain::{Grosze, Labelled, ServiceArea};
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::{use_params_map, use_query_map};

/// "JRWA 8111, B10" (or the category alone while the symbol is not stated).
fn retention_text(i18n: I18nContext<Locale>, retention: &crate::domain::Retention) -> String {
    match &retention.symbol {
        Some(symbol) => format!("JRWA {}, {}", symbol.as_str(), retention.category),
        None => format!(
            "{} ({})",
            retention.category,
            t_string!(i18n, programmes.retention_not_stated)
        ),
    }
}

fn date_text(date: chrono::NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

#[component]
pub fn ProgrammesPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| programmes());
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, programmes.title).to_string()) />
        <h1>{t!(i18n, programmes.title)}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <ProgrammeTable list /> }.into_any(),
                    Err(error) => page_failure(error, "/pracownik/programy"),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProgrammeTable(list: Vec<Programme>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p>
            <a href="/pracownik/programy/nowy" class="button">
                {t!(i18n, programmes.new)}
            </a>
        </p>
        <ScrollTable
            id="programmes-caption"
            caption=t_string!(i18n, programmes.caption).to_string()
            headings=vec![
                t_string!(i18n, programmes.name).to_string(),
                t_string!(i18n, programmes.version).to_string(),
                t_string!(i18n, programmes.resolution_number).to_string(),
                t_string!(i18n, programmes.period).to_string(),
                t_string!(i18n, programmes.status).to_string(),
            ]
        >
                    {list
                        .into_iter()
                        .map(|programme| {
                            view! {
                                <tr>
                                    <td>
                                        <a href=format!(
                                            "/pracownik/programy/{}",
                                            programme.id,
                                        )>{programme.name.clone()}</a>
                                    </td>
                                    <td>{programme.version}</td>
                                    <td>{programme.resolution_number.clone()}</td>
                                    <td>
                                        {format!(
                                            "{} – {}",
                                            date_text(programme.period_from),
                                            date_text(programme.period_to),
                                        )}
                                    </td>
                                    <td>{programme.status.label(i18n)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
        </ScrollTable>
    }
}

#[component]
pub fn NewProgrammePage() -> impl IntoView {
    let i18n = use_i18n();
    // Loading the list checks, through the gate, that the visitor may do this.
    let allowed = Resource::new(|| (), |_| programmes());
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, programmes.new).to_string()) />
        <h1>{t!(i18n, programmes.new)}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                match allowed.await {
                    Ok(_) => view! { <ProgrammeForm /> }.into_any(),
                    Err(error) => page_failure(error, "/pracownik/programy/nowy"),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProgrammeForm() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CreateProgramme>::new();
    let error = last_error(action);
    view! {
        <ErrorSummary error />
        <ActionForm action=action attr:class="form" attr:data-draft="programme-new">
            <ProgrammeFields input=ProgrammeInput::default() error />
            <button type="submit" class="button">
                {t!(i18n, programmes.create)}
            </button>
        </ActionForm>
    }
}

#[component]
pub fn ProgrammePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let publish = ServerAction::<PublishProgramme>::new();
    let new_version = ServerAction::<NewProgrammeVersion>::new();
    let add_package = ServerAction::<SavePackage>::new();
    let add_activity = ServerAction::<SaveActivity>::new();
    // Each form redirects to this page: reload after a successful one only, so a refused one
    // keeps what was typed.
    let saved = RwSignal::new(0u32);
    Effect::watch(
        move || (add_package.version().get(), add_activity.version().get()),
        move |_, _, _| {
            let ok = matches!(add_package.value().get_untracked(), Some(Ok(())))
                || matches!(add_activity.value().get_untracked(), Some(Ok(())));
            if ok {
                saved.update(|n| *n += 1);
            }
        },
        false,
    );
    let data = Resource::new(
        move || (id.get(), publish.version().get(), saved.get()),
        |(id, _, _)| programme_admin(id),
    );
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, programmes.title).to_string()) />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(admin) => {
                        view! { <ProgrammeView admin publish new_version add_package add_activity /> }
                            .into_any()
                    }
                    Err(error) => {
                        let back = format!("/pracownik/programy/{}", id.get());
                        view! {
                            <h1>{t!(i18n, programmes.title)}</h1>
                            {page_failure(error, &back)}
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProgrammeView(
    admin: ProgrammeOverview,
    publish: ServerAction<PublishProgramme>,
    new_version: ServerAction<NewProgrammeVersion>,
    add_package: ServerAction<SavePackage>,
    add_activity: ServerAction<SaveActivity>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ProgrammeOverview {
        programme,
        services,
        packages,
        activities,
        versions,
    } = admin;
    let is_draft = programme.status == ProgrammeStatus::Draft;
    let service_choices: Vec<(String, String)> = services
        .iter()
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect();
    let is_published = programme.status == ProgrammeStatus::Published;
    let publish_error = last_error(publish);
    let id = programme.id.clone();
    let version_id = programme.id.clone();
    let ending_href = format!("/pracownik/programy/{}/zakonczenie", programme.id);
    let elements = [
        (
            t_string!(i18n, programmes.goal).to_string(),
            programme.elements.goal.clone(),
        ),
        (
            t_string!(i18n, programmes.needs).to_string(),
            programme.elements.needs.clone(),
        ),
        (
            t_string!(i18n, programmes.recipients).to_string(),
            programme.elements.recipients.clone(),
        ),
        (
            t_string!(i18n, programmes.qualification).to_string(),
            programme.elements.qualification.clone(),
        ),
        (
            t_string!(i18n, programmes.documentation).to_string(),
            programme.elements.documentation.clone(),
        ),
        (
            t_string!(i18n, programmes.organisation).to_string(),
            programme.elements.organisation.clone(),
        ),
        (
            t_string!(i18n, programmes.monitoring).to_string(),
            programme.elements.monitoring.clone(),
        ),
        (
            t_string!(i18n, programmes.budget_sources).to_string(),
            programme.elements.budget_sources.clone(),
        ),
    ];
    view! {
        <h1>{format!("{} ({} {})", programme.name, t_string!(i18n, programmes.version), programme.version)}</h1>
        <p class="tags-line">
            <strong>{t!(i18n, programmes.status)} ": "</strong>
            {programme.status.label(i18n)}
        </p>
        <ErrorSummary error=publish_error />
        <dl class="facts">
            <dt>{t!(i18n, programmes.resolution_number)}</dt>
            <dd>{format!("{} ({})", programme.resolution_number, date_text(programme.resolution_date))}</dd>
            <dt>{t!(i18n, programmes.period)}</dt>
            <dd>{format!("{} – {}", date_text(programme.period_from), date_text(programme.period_to))}</dd>
            <dt>{t!(i18n, programmes.gminas)}</dt>
            <dd>{programme.gminas.join(", ")}</dd>
            <dt>{t!(i18n, programmes.retention)}</dt>
            <dd>{retention_text(i18n, &programme.retention)}</dd>
            <dt>{t!(i18n, programmes.expected_people)}</dt>
            <dd>{programme.elements.expected_people.map(|n| n.to_string()).unwrap_or_else(|| "—".into())}</dd>
            <dt>{t!(i18n, programmes.budget)}</dt>
            <dd>{programme.elements.budget.map(|b| b.to_string()).unwrap_or_else(|| "—".into())}</dd>
        </dl>
        <div class="form-actions">
            {is_draft
                .then(|| {
                    view! {
                        <a href=format!("/pracownik/programy/{id}/nowa-usluga") class="button">
                            {t!(i18n, programmes.add_service)}
                        </a>
                        <a href=format!("/pracownik/programy/{id}/edycja") class="button button--secondary">
                            {t!(i18n, programmes.edit)}
                        </a>
                        <ActionForm action=publish>
                            <input type="hidden" name="id" value=id.clone() />
                            <button type="submit" class="button button--secondary" id="programme">
                                {t!(i18n, programmes.publish)}
                            </button>
                        </ActionForm>
                    }
                })}
            {is_published
                .then(|| {
                    view! {
                        <ActionForm action=new_version>
                            <input type="hidden" name="id" value=version_id.clone() />
                            <button type="submit" class="button button--secondary">
                                {t!(i18n, programmes.new_version)}
                            </button>
                        </ActionForm>
                        <a href=ending_href.clone() class="button button--secondary">
                            {t!(i18n, programmes.end)}
                        </a>
                    }
                })}
        </div>
        <h2>{t!(i18n, programmes.services)}</h2>
        <ServiceTable programme_id=programme.id.clone() services=services.clone() />
        {(!packages.is_empty())
            .then(|| {
                view! {
                    <h2>{t!(i18n, catalogue.packages)}</h2>
                    <ul>
                        {packages
                            .into_iter()
                            .map(|p| {
                                let href = format!("/pracownik/programy/{}/pakiety/{}", p.programme_id, p.id);
                                view! { <li><a href=href><strong>{p.name}</strong></a> ": " {p.description}</li> }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
        {(!activities.is_empty())
            .then(|| {
                view! {
                    <h2>{t!(i18n, programmes.activities)}</h2>
                    <ul>
                        {activities
                            .into_iter()
                            .map(|a| {
                                let href = format!("/pracownik/programy/{}/dzialania/{}", a.programme_id, a.id);
                                view! { <li><a href=href><strong>{a.name}</strong></a> ": " {a.description}</li> }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
        {is_draft
            .then(|| {
                view! {
                    <PackageForm
                        action=add_package
                        programme_id=programme.id.clone()
                        services=service_choices.clone()
                    />
                    <ActivityForm action=add_activity programme_id=programme.id.clone() />
                }
            })}
        <h2>{t!(i18n, programmes.personal_data)}</h2>
        <ul>
            {programme
                .personal_data
                .iter()
                .map(|field| {
                    let special = field
                        .is_special_category()
                        .then(|| format!(" ({})", t_string!(i18n, programmes.special_category)));
                    view! { <li>{field.label(i18n)} {special}</li> }
                })
                .collect_view()}
        </ul>
        {elements
            .into_iter()
            .filter(|(_, text)| !text.is_empty())
            .map(|(heading, text)| view! { <h2>{heading}</h2> <p class="pre-line">{text}</p> })
            .collect_view()}
        <h2>{t!(i18n, programmes.versions)}</h2>
        <ul>
            {versions
                .into_iter()
                .map(|version| {
                    view! {
                        <li>
                            <a href=format!("/pracownik/programy/{}", version.id)>
                                {format!(
                                    "{} {} — {} ({})",
                                    t_string!(i18n, programmes.version),
                                    version.version,
                                    version.resolution_number,
                                    version.status.label(i18n),
                                )}
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

fn fee_kind_label(i18n: I18nContext<Locale>, service: &Service) -> String {
    match service.fee.rule {
        FeeRule::Free => t_string!(i18n, programmes.fee_free),
        FeeRule::FixedPerUnit { .. } => t_string!(i18n, programmes.fee_fixed),
        FeeRule::IncomeTable(_) => t_string!(i18n, programmes.fee_income),
    }
    .to_string()
}

#[component]
fn ServiceTable(programme_id: String, services: Vec<Service>) -> impl IntoView {
    let i18n = use_i18n();
    if services.is_empty() {
        return view! { <p>{t!(i18n, programmes.no_services)}</p> }.into_any();
    }
    view! {
        <ScrollTable
            id="services-caption"
            caption=t_string!(i18n, programmes.services).to_string()
            caption_hidden=true
            headings=vec![
                t_string!(i18n, programmes.service_name).to_string(),
                t_string!(i18n, catalogue.filter_area).to_string(),
                t_string!(i18n, catalogue.fees).to_string(),
                t_string!(i18n, catalogue.limit).to_string(),
            ]
        >
                    {services
                        .into_iter()
                        .map(|service| {
                            let limit = service
                                .limit
                                .map(|limit| limit_text(i18n, limit.kind, limit.amount, service.unit))
                                .unwrap_or_else(|| "—".into());
                            view! {
                                <tr>
                                    <td>
                                        <a href=format!(
                                            "/pracownik/programy/{programme_id}/uslugi/{}",
                                            service.id,
                                        )>{service.name.clone()}</a>
                                    </td>
                                    <td>{service.area.label(i18n)}</td>
                                    <td>{fee_kind_label(i18n, &service)}</td>
                                    <td>{limit}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
        </ScrollTable>
    }
    .into_any()
}

fn limit_text(
    i18n: I18nContext<Locale>,
    kind: LimitKind,
    amount: i64,
    unit: ServiceUnit,
) -> String {
    match kind {
        LimitKind::Places => format!("{amount} ({})", t_string!(i18n, programmes.limit_places)),
        LimitKind::Units => format!("{amount} × {}", unit.label(i18n)),
        LimitKind::Budget => Grosze::new(amount).to_string(),
    }
}

/// `/pracownik/programy/:id/nowa-usluga` and `/pracownik/programy/:id/uslugi/:service`.
#[component]
pub fn ServiceEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let ids = Memo::new(move |_| {
        let params = params.read();
        (params.get("id").unwrap_or_default(), params.get("service"))
    });
    let question = Memo::new(move |_| FeeQuestion::from_params(&query.read()));
    let save_service = ServerAction::<SaveService>::new();
    let save_fee = ServerAction::<SaveFee>::new();
    // Saving redirects to this same page: reload its data after a successful save only, so a
    // refused one keeps what was typed.
    let saved = RwSignal::new(0u32);
    for version in [save_service.version(), save_fee.version()] {
        Effect::watch(
            move || version.get(),
            move |_, _, _| {
                let ok = matches!(save_service.value().get_untracked(), Some(Ok(())))
                    || matches!(save_fee.value().get_untracked(), Some(Ok(())));
                if ok {
                    saved.update(|n| *n += 1);
                }
            },
            false,
        );
    }
    let data = Resource::new(
        move || (ids.get(), question.get(), saved.get()),
        |((programme_id, service_id), question, _)| {
            service_admin(programme_id, service_id, question)
        },
    );
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, programmes.service_title).to_string()) />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(admin) => {
                        view! { <ServiceEditor admin question=question.get() save_service save_fee /> }
                            .into_any()
                    }
                    Err(error) => {
                        let (programme_id, _) = ids.get();
                        let back = format!("/pracownik/programy/{programme_id}");
                        view! {
                            <h1>{t!(i18n, programmes.service_title)}</h1>
                            {page_failure(error, &back)}
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn ServiceEditor(
    admin: ServiceEditing,
    question: FeeQuestion,
    save_service: ServerAction<SaveService>,
    save_fee: ServerAction<SaveFee>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ServiceEditing {
        programme,
        service,
        providers,
        fee_input,
        preview,
    } = admin;
    let editable = programme.status == ProgrammeStatus::Draft;
    let heading = service
        .as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_else(|| t_string!(i18n, programmes.add_service).to_string());
    let back = format!("/pracownik/programy/{}", programme.id);
    view! {
        <nav class="breadcrumb" aria-label=move || t_string!(i18n, catalogue.breadcrumb).to_string()>
            <a href=back>{programme.name.clone()}</a>
        </nav>
        <h1>{heading}</h1>
        {(!editable).then(|| view! { <p class="notice">{t!(i18n, programmes.read_only)}</p> })}
        {editable
            .then(|| {
                view! {
                    <ServiceForm
                        action=save_service
                        programme_id=programme.id.clone()
                        service=service.clone()
                        providers=providers.clone()
                    />
                }
            })}
        {service
            .as_ref()
            .filter(|_| editable)
            .map(|service| {
                view! { <RemoveForm programme_id=programme.id.clone() kind="service" item_id=service.id.clone() /> }
            })}
        {service
            .map(|service| {
                let action = format!(
                    "/pracownik/programy/{}/uslugi/{}#kalkulator",
                    programme.id,
                    service.id,
                );
                view! {
                    <h2>{t!(i18n, catalogue.fees)}</h2>
                    <FeeTable service=service.clone() />
                    {editable
                        .then(|| {
                            view! {
                                <FeeForm
                                    action=save_fee
                                    service_id=service.id.clone()
                                    input=fee_input.clone()
                                />
                            }
                        })}
                    {(!service.is_free())
                        .then(|| {
                            view! {
                                <Calculator
                                    action
                                    unit=service.unit
                                    question=question.clone()
                                    quote=preview.clone()
                                />
                            }
                        })}
                }
            })}
    }
}

/// A `<select>` with a label and the field's error.
#[component]
fn ServiceForm(
    action: ServerAction<SaveService>,
    programme_id: String,
    service: Option<Service>,
    providers: Vec<crate::providers::Provider>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(action);
    let s = service.clone();
    let text = move |f: fn(&Service) -> String| s.as_ref().map(f).unwrap_or_default();
    let codes = |list: Vec<&'static str>| list.into_iter().map(str::to_owned).collect::<Vec<_>>();
    let (groups, places, provider_ids) = service
        .as_ref()
        .map(|s| {
            (
                codes(s.target_groups.iter().map(|g| g.code()).collect()),
                codes(s.places.iter().map(|p| p.code()).collect()),
                s.provider_ids.clone(),
            )
        })
        .unwrap_or_default();
    let conditions = service
        .as_ref()
        .map(|s| s.conditions.clone())
        .unwrap_or_default();
    let limit = service.as_ref().and_then(|s| s.limit);
    let unit = service
        .as_ref()
        .map(|s| s.unit)
        .unwrap_or(ServiceUnit::Hour);
    view! {
        <ErrorSummary error />
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="programme_id" value=programme_id />
            <input type="hidden" name="service_id" value=service.as_ref().map(|s| s.id.clone()).unwrap_or_default() />
            <TextField id="name" name="input[name]" value=text(|s| s.name.clone()) error>
                {t!(i18n, programmes.service_name)}
            </TextField>
            <SelectField
                id="area"
                name="input[area]"
                options=coded_options(&ServiceArea::ALL, ServiceArea::code, |a| a.label(i18n))
                selected=text(|s| s.area.code().to_owned())
                error
            >
                {t!(i18n, catalogue.filter_area)}
            </SelectField>
            <SelectField
                id="form"
                name="input[form]"
                options=coded_options(&ServiceForm::ALL, ServiceForm::code, |f| f.label(i18n))
                selected=text(|s| s.form.code().to_owned())
                error
            >
                {t!(i18n, catalogue.filter_form)}
            </SelectField>
            <SelectField
                id="unit"
                name="input[unit]"
                options=coded_options(&ServiceUnit::ALL, ServiceUnit::code, |u| u.label(i18n))
                selected=text(|s| s.unit.code().to_owned())
                error
            >
                {t!(i18n, catalogue.unit)}
            </SelectField>
            <TextArea id="goal" name="input[goal]" value=text(|s| s.goal.clone()) error>
                {t!(i18n, programmes.service_goal)}
            </TextArea>
            <TextArea
                id="characteristics"
                name="input[characteristics]"
                value=text(|s| s.characteristics.clone())
                error
            >
                {t!(i18n, catalogue.characteristics)}
            </TextArea>
            <Checkboxes
                id="target_groups"
                name="input[target_groups]"
                legend=t_string!(i18n, catalogue.filter_group).to_string()
                options=coded_options(&TargetGroup::ALL, TargetGroup::code, |g| g.label(i18n))
                checked=groups
                error
            />
            <Checkboxes
                id="places"
                name="input[places]"
                legend=t_string!(i18n, catalogue.filter_place).to_string()
                options=coded_options(&ServicePlace::ALL, ServicePlace::code, |p| p.label(i18n))
                checked=places
                error
            />
            <fieldset class="field">
                <legend>{t!(i18n, programmes.conditions)}</legend>
                <TextField
                    id="min_age"
                    name="input[min_age]"
                    value=conditions.min_age.map(|a| a.to_string()).unwrap_or_default()
                    error
                >
                    {t!(i18n, programmes.min_age)}
                </TextField>
                <TextField
                    id="max_age"
                    name="input[max_age]"
                    value=conditions.max_age.map(|a| a.to_string()).unwrap_or_default()
                    error
                >
                    {t!(i18n, programmes.max_age)}
                </TextField>
                <div class="choice">
                    <input
                        type="checkbox"
                        id="residence_required"
                        name="input[residence_required]"
                        checked=conditions.residence_required
                    />
                    <label for="residence_required">{t!(i18n, catalogue.residence_required)}</label>
                </div>
                <div class="choice">
                    <input
                        type="checkbox"
                        id="certificate_required"
                        name="input[certificate_required]"
                        checked=conditions.disability_certificate_required
                    />
                    <label for="certificate_required">{t!(i18n, catalogue.certificate_required)}</label>
                </div>
                <TextField
                    id="other_declared"
                    name="input[other_declared]"
                    value=conditions.other_declared.clone().unwrap_or_default()
                    error
                >
                    {t!(i18n, programmes.other_declared)}
                </TextField>
                <TextArea id="conditions_text" name="input[conditions_text]" value=conditions.text.clone() error>
                    {t!(i18n, programmes.conditions_text)}
                </TextArea>
            </fieldset>
            <TextArea
                id="documents"
                name="input[documents]"
                value=text(|s| s.documents.join("\n"))
                error
            >
                {t!(i18n, programmes.documents)}
            </TextArea>
            <Checkboxes
                id="provider_ids"
                name="input[provider_ids]"
                legend=t_string!(i18n, catalogue.who_delivers).to_string()
                options=providers.into_iter().map(|p| (p.id, p.name)).collect()
                checked=provider_ids
                error
            />
            <fieldset class="field">
                <legend>{t!(i18n, catalogue.limit)}</legend>
                <SelectField
                    id="limit_kind"
                    name="input[limit_kind]"
                    options=vec![
                        ("places".to_owned(), t_string!(i18n, programmes.limit_places).to_string()),
                        ("units".to_owned(), unit.label(i18n).to_string()),
                        ("budget".to_owned(), t_string!(i18n, catalogue.limit_budget).to_string()),
                    ]
                    selected=limit.map(|l| l.kind.code().to_owned()).unwrap_or_default()
                    error
                >
                    {t!(i18n, programmes.limit_kind)}
                </SelectField>
                <TextField
                    id="limit_amount"
                    name="input[limit_amount]"
                    value=limit
                        .map(|l| match l.kind {
                            LimitKind::Budget => amount_text(Grosze::new(l.amount)),
                            _ => l.amount.to_string(),
                        })
                        .unwrap_or_default()
                    error
                >
                    {t!(i18n, programmes.limit_amount)}
                </TextField>
            </fieldset>
            <button type="submit" class="button">
                {t!(i18n, programmes.save_service)}
            </button>
        </ActionForm>
    }
}

/// One cell of the fee table form, `input[{column}][{row}]`, labelled for screen readers.
#[component]
fn BracketCell(
    column: &'static str,
    row: usize,
    value: String,
    children: Children,
) -> impl IntoView {
    let id = format!("{column}-{row}");
    view! {
        <td>
            <label class="visually-hidden" for=id.clone()>
                {children()}
            </label>
            <input
                id=id
                name=format!("input[{column}][{row}]")
                inputmode="decimal"
                class="input--short"
                value=value
            />
        </td>
    }
}

#[component]
fn FeeForm(action: ServerAction<SaveFee>, service_id: String, input: FeeInput) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(action);
    let brackets_error = Memo::new(move |_| field_error(i18n, error.get(), "brackets"));
    let kind = input.fee_kind.clone();
    let cell = |cells: &[String], i: usize| cells.get(i).cloned().unwrap_or_default();
    let rows = (0..BRACKET_ROWS)
        .map(|i| {
            let n = i + 1;
            view! {
                <tr>
                    <BracketCell column="up_to" row=i value=cell(&input.up_to, i)>
                        {t!(i18n, programmes.bracket_up_to_label, n = move || n)}
                    </BracketCell>
                    <BracketCell column="single" row=i value=cell(&input.single, i)>
                        {t!(i18n, programmes.bracket_single_label, n = move || n)}
                    </BracketCell>
                    <BracketCell column="family" row=i value=cell(&input.family, i)>
                        {t!(i18n, programmes.bracket_family_label, n = move || n)}
                    </BracketCell>
                </tr>
            }
        })
        .collect_view();
    let radio = move |value: &'static str, label: String| {
        let id = format!("fee_kind-{value}");
        let checked = kind == value;
        view! {
            <div class="choice">
                <input type="radio" id=id.clone() name="input[fee_kind]" value=value checked=checked />
                <label for=id>{label}</label>
            </div>
        }
    };
    view! {
        <h3>{t!(i18n, programmes.fee_form)}</h3>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form fee-form">
            <input type="hidden" name="service_id" value=service_id />
            <fieldset class="field" id="fee_kind">
                <legend>{t!(i18n, programmes.fee_kind)}</legend>
                {radio("free", t_string!(i18n, programmes.fee_free).to_string())}
                {radio("fixed", t_string!(i18n, programmes.fee_fixed).to_string())}
                {radio("income", t_string!(i18n, programmes.fee_income).to_string())}
            </fieldset>
            <TextField id="price" name="input[price]" value=input.price.clone() error>
                {t!(i18n, programmes.price)}
            </TextField>
            <TextField id="unit_cost" name="input[unit_cost]" value=input.unit_cost.clone() error>
                {t!(i18n, programmes.unit_cost)}
            </TextField>
            <TextField id="criterion_single" name="input[criterion_single]" value=input.criterion_single.clone() error>
                {t!(i18n, programmes.criterion_single)}
            </TextField>
            <TextField id="criterion_family" name="input[criterion_family]" value=input.criterion_family.clone() error>
                {t!(i18n, programmes.criterion_family)}
            </TextField>
            <div class="field" id="brackets" class:field--error=move || brackets_error.get().is_some()>
                <p class="hint">{t!(i18n, programmes.brackets_hint)}</p>
                {move || brackets_error.get().map(|text| view! { <p class="field-error">{text}</p> })}
                <ScrollTable
                    id="brackets-caption"
                    caption=t_string!(i18n, programmes.brackets).to_string()
                    headings=vec![
                        t_string!(i18n, programmes.bracket_up_to).to_string(),
                        t_string!(i18n, catalogue.single_column).to_string(),
                        t_string!(i18n, catalogue.family_column).to_string(),
                    ]
                >
                    {rows}
                </ScrollTable>
            </div>
            <fieldset class="field">
                <legend>{t!(i18n, catalogue.discounts)}</legend>
                <TextField id="discount_large_family" name="input[discount_large_family]" value=input.discount_large_family.clone() error>
                    {t!(i18n, programmes.discount_large_family)}
                </TextField>
                <TextField id="discount_disability" name="input[discount_disability]" value=input.discount_disability.clone() error>
                    {t!(i18n, programmes.discount_disability)}
                </TextField>
                <TextField id="discount_age" name="input[discount_age]" value=input.discount_age.clone() error>
                    {t!(i18n, programmes.discount_age)}
                </TextField>
                <TextField id="discount_age_percent" name="input[discount_age_percent]" value=input.discount_age_percent.clone() error>
                    {t!(i18n, programmes.discount_age_percent)}
                </TextField>
                <SelectField
                    id="combination"
                    name="input[combination]"
                    options=vec![
                        ("highest".to_owned(), t_string!(i18n, programmes.combination_highest).to_string()),
                        ("sum".to_owned(), t_string!(i18n, programmes.combination_sum).to_string()),
                        ("successive".to_owned(), t_string!(i18n, programmes.combination_successive).to_string()),
                    ]
                    selected=input.combination.clone()
                    error
                >
                    {t!(i18n, programmes.combination)}
                </SelectField>
            </fieldset>
            <button type="submit" class="button">
                {t!(i18n, programmes.save_fee)}
            </button>
        </ActionForm>
    }
}
