//! Staff pages that change a programme version: `/pracownik/programy/:id/edycja` (its elements,
//! period and resolution), its packages and supporting activities (`…/pakiety/:package`,
//! `…/dzialania/:activity`) with removing them, and `…/zakonczenie`, which shows what ending a
//! published version does before it is confirmed.

use super::admin::{
    ProgrammeOverview, RemoveFromProgramme, SaveActivity, SavePackage, UpdateProgramme,
    programme_admin,
};
use super::ending::{EndProgramme, EndingPreview, programme_ending};
use super::forms::ProgrammeInput;
use super::{Package, PersonalDataField, ProgrammeStatus, SupportingActivity};
use crate::components::form::{
    CheckboxField, Checkboxes, ErrorSummary, TextArea, TextField, last_error,
};
use crate::components::page::{PageTitle, page_failure};
use crate::domain::Labelled;
use crate::error::AppError;
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The route parameter `name`, as a memo.
fn param(name: &'static str) -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get(name).unwrap_or_default())
}

/// The breadcrumb back to the programme version.
#[component]
fn BackToProgramme(id: String, name: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="breadcrumb" aria-label=move || t_string!(i18n, catalogue.breadcrumb).to_string()>
            <a href=format!("/pracownik/programy/{id}")>{name}</a>
        </nav>
    }
}

/// The programme form's fields, filled with `input`.
#[component]
pub fn ProgrammeFields(input: ProgrammeInput, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let checked = input.personal_data.clone();
    view! {
        <TextField id="name" name="input[name]" value=input.name error>
            {t!(i18n, programmes.name)}
        </TextField>
        <TextField
            id="gminas"
            name="input[gminas]"
            value=input.gminas
            hint=Signal::derive(move || t_string!(i18n, programmes.gminas_hint).to_string())
            error
        >
            {t!(i18n, programmes.gminas)}
        </TextField>
        <TextField id="resolution_number" name="input[resolution_number]" value=input.resolution_number error>
            {t!(i18n, programmes.resolution_number)}
        </TextField>
        <TextField id="resolution_date" name="input[resolution_date]" kind="date" value=input.resolution_date error>
            {t!(i18n, programmes.resolution_date)}
        </TextField>
        <TextField id="period_from" name="input[period_from]" kind="date" value=input.period_from error>
            {t!(i18n, programmes.period_from)}
        </TextField>
        <TextField id="period_to" name="input[period_to]" kind="date" value=input.period_to error>
            {t!(i18n, programmes.period_to)}
        </TextField>
        <TextField
            id="retention_symbol"
            name="input[retention_symbol]"
            value=input.retention_symbol
            hint=Signal::derive(move || t_string!(i18n, programmes.retention_symbol_hint).to_string())
            error
        >
            {t!(i18n, programmes.retention_symbol)}
        </TextField>
        <TextField
            id="retention_category"
            name="input[retention_category]"
            value=input.retention_category
            hint=Signal::derive(move || t_string!(i18n, programmes.retention_category_hint).to_string())
            error
        >
            {t!(i18n, programmes.retention_category)}
        </TextField>
        <TextArea id="goal" name="input[goal]" value=input.goal error>
            {t!(i18n, programmes.goal)}
        </TextArea>
        <TextArea id="needs" name="input[needs]" value=input.needs error>
            {t!(i18n, programmes.needs)}
        </TextArea>
        <TextArea id="recipients" name="input[recipients]" value=input.recipients error>
            {t!(i18n, programmes.recipients)}
        </TextArea>
        <TextField id="expected_people" name="input[expected_people]" value=input.expected_people error>
            {t!(i18n, programmes.expected_people)}
        </TextField>
        <TextArea id="qualification" name="input[qualification]" value=input.qualification error>
            {t!(i18n, programmes.qualification)}
        </TextArea>
        <TextArea id="documentation" name="input[documentation]" value=input.documentation error>
            {t!(i18n, programmes.documentation)}
        </TextArea>
        <TextArea id="organisation" name="input[organisation]" value=input.organisation error>
            {t!(i18n, programmes.organisation)}
        </TextArea>
        <TextArea id="monitoring" name="input[monitoring]" value=input.monitoring error>
            {t!(i18n, programmes.monitoring)}
        </TextArea>
        <TextField id="budget" name="input[budget]" value=input.budget error>
            {t!(i18n, programmes.budget)}
        </TextField>
        <TextArea id="budget_sources" name="input[budget_sources]" value=input.budget_sources error>
            {t!(i18n, programmes.budget_sources)}
        </TextArea>
        <fieldset class="field" aria-describedby="personal-data-hint">
            <legend>{t!(i18n, programmes.personal_data)}</legend>
            <p class="hint" id="personal-data-hint">{t!(i18n, programmes.personal_data_hint)}</p>
            {PersonalDataField::ALL
                .iter()
                .enumerate()
                .map(|(i, field)| {
                    let id = format!("personal-data-{}", field.code());
                    let special = field
                        .is_special_category()
                        .then(|| t_string!(i18n, programmes.special_category).to_string());
                    let is_checked = checked.iter().any(|code| code == field.code());
                    view! {
                        <div class="choice">
                            <input
                                type="checkbox"
                                id=id.clone()
                                name=format!("input[personal_data][{i}]")
                                value=field.code()
                                checked=is_checked
                            />
                            <label for=id>
                                {field.label(i18n)}
                                {special.map(|text| format!(" ({text})"))}
                            </label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// `/pracownik/programy/:id/edycja`: a draft version's elements, period and resolution.
#[component]
pub fn ProgrammeEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = param("id");
    let data = Resource::new(move || id.get(), programme_admin);
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, programmes.edit).to_string()) />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(admin) => view! { <ProgrammeEditor admin /> }.into_any(),
                    Err(error) => {
                        let back = format!("/pracownik/programy/{}/edycja", id.get());
                        view! { <h1>{t!(i18n, programmes.edit)}</h1> {page_failure(error, &back)} }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProgrammeEditor(admin: ProgrammeOverview) -> impl IntoView {
    let i18n = use_i18n();
    let programme = admin.programme;
    let action = ServerAction::<UpdateProgramme>::new();
    let error = last_error(action);
    let editable = programme.status == ProgrammeStatus::Draft;
    let input = ProgrammeInput::of(&programme);
    view! {
        <BackToProgramme id=programme.id.clone() name=programme.name.clone() />
        <h1>{t!(i18n, programmes.edit)}</h1>
        {(!editable).then(|| view! { <p class="notice">{t!(i18n, programmes.read_only)}</p> })}
        {editable
            .then(|| {
                let draft = format!("programme-{}", programme.id);
                view! {
                    <p>{t!(i18n, programmes.edit_text)}</p>
                    <ErrorSummary error />
                    <ActionForm
                        action=action
                        attr:class="form"
                        attr:data-draft=draft
                    >
                        <input type="hidden" name="id" value=programme.id.clone() />
                        <ProgrammeFields input error />
                        <button type="submit" class="button">{t!(i18n, programmes.save)}</button>
                    </ActionForm>
                }
            })}
    }
}

/// "Dodaj pakiet" or, for `package`, "Zmień pakiet": a name, a description and its services.
#[component]
pub fn PackageForm(
    action: ServerAction<SavePackage>,
    programme_id: String,
    services: Vec<(String, String)>,
    #[prop(optional)] package: Option<Package>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(action);
    let editing = package.is_some();
    let package = package.unwrap_or_default();
    let heading = move || {
        if editing {
            t_string!(i18n, programmes.edit_package).to_string()
        } else {
            t_string!(i18n, programmes.add_package).to_string()
        }
    };
    view! {
        <h2>{heading}</h2>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form package-form">
            <input type="hidden" name="programme_id" value=programme_id />
            <input type="hidden" name="package_id" value=package.id.clone() />
            <TextField id="package_name" name="name" value=package.name.clone() error>
                {t!(i18n, programmes.package_name)}
            </TextField>
            <TextArea id="package_description" name="description" rows=2 value=package.description.clone() error>
                {t!(i18n, programmes.package_description)}
            </TextArea>
            <Checkboxes
                id="package_services"
                name="service_ids"
                legend=t_string!(i18n, programmes.package_services).to_string()
                options=services
                checked=package.service_ids.clone()
                error
            />
            <button type="submit" class="button button--secondary">{heading}</button>
        </ActionForm>
    }
}

/// "Dodaj działanie wspierające" or, for `activity`, its change: a name and a description.
#[component]
pub fn ActivityForm(
    action: ServerAction<SaveActivity>,
    programme_id: String,
    #[prop(optional)] activity: Option<SupportingActivity>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(action);
    let editing = activity.is_some();
    let activity = activity.unwrap_or_default();
    let heading = move || {
        if editing {
            t_string!(i18n, programmes.edit_activity).to_string()
        } else {
            t_string!(i18n, programmes.add_activity).to_string()
        }
    };
    view! {
        <h2>{heading}</h2>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form activity-form">
            <input type="hidden" name="programme_id" value=programme_id />
            <input type="hidden" name="activity_id" value=activity.id.clone() />
            <TextField id="activity_name" name="name" value=activity.name.clone() error>
                {t!(i18n, programmes.activity_name)}
            </TextField>
            <TextArea id="activity_description" name="description" rows=2 value=activity.description.clone() error>
                {t!(i18n, programmes.activity_description)}
            </TextArea>
            <button type="submit" class="button button--secondary">{heading}</button>
        </ActionForm>
    }
}

/// Removes a service, package or activity (`kind`) from a draft version.
#[component]
pub fn RemoveForm(programme_id: String, kind: &'static str, item_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RemoveFromProgramme>::new();
    let error = last_error(action);
    view! {
        <section aria-labelledby="remove-heading" class="panel">
            <h2 id="remove-heading">{t!(i18n, programmes.remove_heading)}</h2>
            <p>{t!(i18n, programmes.remove_text)}</p>
            <ErrorSummary error />
            <ActionForm action=action attr:class="form remove-form">
                <input type="hidden" name="programme_id" value=programme_id />
                <input type="hidden" name="kind" value=kind />
                <input type="hidden" name="item_id" value=item_id />
                <button type="submit" class="button button--secondary">{t!(i18n, programmes.remove)}</button>
            </ActionForm>
        </section>
    }
}

/// `/pracownik/programy/:id/pakiety/:package` and `…/dzialania/:activity`: one package or
/// supporting activity of a version, changed or removed while the version is a draft.
#[component]
pub fn ProgrammeItemPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = param("id");
    let package = param("package");
    let activity = param("activity");
    let data = Resource::new(move || id.get(), programme_admin);
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, programmes.title).to_string()) />
        <Suspense>
            {move || Suspend::new(async move {
                let found = data.await.and_then(|admin| {
                    let item = ProgrammeItem::find(&admin, &package.get(), &activity.get())
                        .ok_or(AppError::NotFound)?;
                    Ok((admin, item))
                });
                match found {
                    Ok((admin, item)) => view! { <ProgrammeItemEditor admin item /> }.into_any(),
                    Err(error) => {
                        let back = format!("/pracownik/programy/{}", id.get());
                        view! { <h1>{t!(i18n, programmes.title)}</h1> {page_failure(error, &back)} }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The package or activity a page is about.
#[derive(Clone)]
enum ProgrammeItem {
    Package(Package),
    Activity(SupportingActivity),
}

impl ProgrammeItem {
    fn find(admin: &ProgrammeOverview, package: &str, activity: &str) -> Option<Self> {
        let package = admin.packages.iter().find(|p| p.id == package).cloned();
        let activity = admin.activities.iter().find(|a| a.id == activity).cloned();
        package.map(Self::Package).or(activity.map(Self::Activity))
    }
}

#[component]
fn ProgrammeItemEditor(admin: ProgrammeOverview, item: ProgrammeItem) -> impl IntoView {
    let i18n = use_i18n();
    let programme = admin.programme;
    let editable = programme.status == ProgrammeStatus::Draft;
    let services: Vec<(String, String)> = admin
        .services
        .iter()
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect();
    let (name, kind, item_id) = match &item {
        ProgrammeItem::Package(p) => (p.name.clone(), "package", p.id.clone()),
        ProgrammeItem::Activity(a) => (a.name.clone(), "activity", a.id.clone()),
    };
    let form = editable.then(|| match item {
        ProgrammeItem::Package(package) => {
            let action = ServerAction::<SavePackage>::new();
            view! { <PackageForm action programme_id=programme.id.clone() services package /> }
                .into_any()
        }
        ProgrammeItem::Activity(activity) => {
            let action = ServerAction::<SaveActivity>::new();
            view! { <ActivityForm action programme_id=programme.id.clone() activity /> }.into_any()
        }
    });
    view! {
        <BackToProgramme id=programme.id.clone() name=programme.name.clone() />
        <h1>{name}</h1>
        {(!editable).then(|| view! { <p class="notice">{t!(i18n, programmes.read_only)}</p> })}
        {form}
        {editable.then(|| view! { <RemoveForm programme_id=programme.id.clone() kind item_id /> })}
    }
}

/// `/pracownik/programy/:id/zakonczenie`: what ending the published version does, then the
/// confirmation.
#[component]
pub fn ProgrammeEndPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = param("id");
    let data = Resource::new(move || id.get(), programme_ending);
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, programmes.end_title).to_string()) />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(preview) => view! { <EndingConfirmation preview /> }.into_any(),
                    Err(error) => {
                        let back = format!("/pracownik/programy/{}/zakonczenie", id.get());
                        view! { <h1>{t!(i18n, programmes.end_title)}</h1> {page_failure(error, &back)} }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn EndingConfirmation(preview: EndingPreview) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<EndProgramme>::new();
    let error = last_error(action);
    let programme = preview.programme.clone();
    let published = programme.status == ProgrammeStatus::Published;
    view! {
        <BackToProgramme id=programme.id.clone() name=programme.name.clone() />
        <h1>{t!(i18n, programmes.end_title)} ": " {programme.name.clone()}</h1>
        <p>{t!(i18n, programmes.end_text)}</p>
        <dl class="facts">
            <dt>{t!(i18n, programmes.end_awaiting)}</dt>
            <dd>{preview.awaiting}</dd>
            <dt>{t!(i18n, programmes.end_granted)}</dt>
            <dd>{preview.granted}</dd>
            <dt>{t!(i18n, programmes.end_plans)}</dt>
            <dd>{preview.running_plans}</dd>
            <dt>{t!(i18n, programmes.end_waiting)}</dt>
            <dd>{preview.waiting}</dd>
        </dl>
        {(!published).then(|| view! { <p class="notice">{t!(i18n, programmes.end_not_published)}</p> })}
        {published
            .then(|| {
                view! {
                    <ErrorSummary error />
                    <ActionForm action=action attr:class="form end-form">
                        <input type="hidden" name="id" value=programme.id.clone() />
                        <CheckboxField id="confirm" checked=false error>
                            {t!(i18n, programmes.end_confirm)}
                        </CheckboxField>
                        <button type="submit" class="button">{t!(i18n, programmes.end_submit)}</button>
                    </ActionForm>
                }
            })}
    }
}
