//! `/pracownik/sprawy/:id/uslugi/:service`: qualifying one requested service.

use super::qualification::*;
use crate::applications::RequestStatus;
use crate::catalogue::fee_views::{CapacityFacts, FeeTable};
use crate::components::form::{
    CheckboxField, ErrorSummary, Radios, TextArea, TextField, last_error,
};
use crate::components::page::{PageTitle, page_failure};
use crate::domain::{Grosze, Labelled};
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_params_map;

fn condition_label(i18n: I18nContext<Locale>, condition: &Condition) -> String {
    match condition {
        Condition::Age { min, max } => format!(
            "{} {}–{}",
            t_string!(i18n, qualify.age),
            min.map(|m| m.to_string()).unwrap_or_default(),
            max.map(|m| m.to_string()).unwrap_or_default()
        ),
        Condition::Residence => t_string!(i18n, qualify.residence).to_string(),
        Condition::DisabilityCertificate => t_string!(i18n, qualify.certificate).to_string(),
        Condition::Declared(text) => text.clone(),
    }
}

#[component]
pub fn QualifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let key = move || {
        let params = params.read();
        (
            params.get("id").unwrap_or_default(),
            params.get("service").unwrap_or_default(),
        )
    };
    let view = Resource::new(key, |(id, service)| load_qualification(id, service));
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, qualify.title).to_string()) />
        <Suspense>
            {move || Suspend::new(async move {
                match view.await {
                    Err(error) => {
                        let (id, service) = key();
                        page_failure(error, &format!("/pracownik/sprawy/{id}/uslugi/{service}"))
                    }
                    Ok(view) => view! { <Qualification view /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Qualification(view: QualificationView) -> impl IntoView {
    let i18n = use_i18n();
    let unit = view.service.unit;
    let checks = view
        .checks
        .iter()
        .map(|check| {
            view! {
                <tr>
                    <th scope="row">{condition_label(i18n, &check.condition)}</th>
                    <td>{check.case_says.clone()}</td>
                    <td>{check.outcome.label(i18n)}</td>
                </tr>
            }
        })
        .collect_view();
    let position = view.request.waiting_position;
    let record = view.record.clone().map(|record| {
        let quote = record.quote;
        view! {
            <dl class="facts">
                <dt>{t!(i18n, qualify.units)}</dt>
                <dd>{record.inputs.units}</dd>
                <dt>{t!(i18n, qualify.fee_per_unit)}</dt>
                <dd>{quote.per_unit.to_string()}</dd>
                <dt>{t!(i18n, qualify.fee_total)}</dt>
                <dd>{quote.total.to_string()}</dd>
                <dt>{t!(i18n, qualify.income)}</dt>
                <dd>{record.inputs.monthly_income_per_person.to_string()}</dd>
                {record.exemption.map(|exemption| view! {
                    <dt>{t!(i18n, qualify.exemption)}</dt>
                    <dd>{exemption.reason}</dd>
                })}
            </dl>
        }
    });
    let form = (view.may_act && view.request.status == RequestStatus::Requested).then(|| {
        view! { <QualifyForm id=view.case_id.clone() service=view.service.id.clone() form=view.form.clone() /> }
    });
    let completion = (view.may_act && view.request.status == RequestStatus::Qualified).then(|| {
        view! { <CompleteForm id=view.case_id.clone() service=view.service.id.clone() /> }
    });
    let overturn = view.decision.clone().filter(|_| view.may_act).map(|decision| {
        view! { <OverturnForm id=view.case_id.clone() service=view.service.id.clone() number=decision.number /> }
    });
    let refusal = view.refusal.clone().map(|texts| {
        view! { <RefuseForm id=view.case_id.clone() service=view.service.id.clone() texts /> }
    });
    view! {
        <nav aria-label=move || t_string!(i18n, catalogue.breadcrumb).to_string() class="breadcrumb">
            <a href=format!("/pracownik/sprawy/{}", view.case_id)>
                {t!(i18n, inbox.case_title)} " " {view.case_number.clone()}
            </a>
        </nav>
        <h1>{t!(i18n, qualify.title)} ": " {view.service.name.clone()}</h1>
        <p>
            {view.person_name.clone()} " · " {view.request.status.label(i18n)}
            {position.map(|p| view! { " · " {t!(i18n, qualify.position, position = move || p)} })}
        </p>
        {record}
        <section aria-labelledby="conditions-heading">
            <h2 id="conditions-heading">{t!(i18n, qualify.conditions)}</h2>
            <p>{view.service.conditions.text.clone()}</p>
            <table class="table">
                <caption class="visually-hidden">{t!(i18n, qualify.conditions)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, qualify.condition)}</th>
                        <th scope="col">{t!(i18n, qualify.case_says)}</th>
                        <th scope="col">{t!(i18n, qualify.outcome)}</th>
                    </tr>
                </thead>
                <tbody>{checks}</tbody>
            </table>
        </section>
        {view.capacity.map(|capacity| {
            let limit = capacity.limit;
            view! {
                <section aria-labelledby="capacity-heading">
                    <h2 id="capacity-heading">{t!(i18n, qualify.capacity)}</h2>
                    <dl class="facts">
                        <dt>{t!(i18n, catalogue.limit)}</dt>
                        <dd>{match capacity.kind {
                            crate::programme::LimitKind::Budget => Grosze::new(limit).to_string(),
                            _ => limit.to_string(),
                        }}</dd>
                        <CapacityFacts capacity unit />
                    </dl>
                </section>
            }
        })}
        <section aria-labelledby="fee-heading">
            <h2 id="fee-heading">{t!(i18n, catalogue.fees)}</h2>
            <FeeTable service=view.service.clone() />
        </section>
        {form}
        {completion}
        {overturn}
        {refusal}
    }
}

/// Records that the refusal decision `number` was overturned; the service is qualified again.
#[component]
fn OverturnForm(id: String, service: String, number: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<super::decision::OverturnRefusal>::new();
    let error = last_error(action);
    view! {
        <section aria-labelledby="overturn-heading">
            <h2 id="overturn-heading">{t!(i18n, qualify.overturn)}</h2>
            <p>{t!(i18n, qualify.overturn_text, number = move || number.clone())}</p>
            <ActionForm action attr:class="form overturn-form">
                <ErrorSummary error />
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="service" value=service />
                <TextField id="overturned_on" kind="date" error>
                    {t!(i18n, qualify.overturned_on)}
                </TextField>
                <button type="submit" class="button button--secondary">{t!(i18n, qualify.overturn_submit)}</button>
            </ActionForm>
        </section>
    }
}

/// Ends a granted service delivered in full; its place goes to the waiting list.
#[component]
fn CompleteForm(id: String, service: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<super::qualification::CompleteService>::new();
    let error = last_error(action);
    view! {
        <section aria-labelledby="complete-heading">
            <h2 id="complete-heading">{t!(i18n, qualify.complete)}</h2>
            <p>{t!(i18n, qualify.complete_text)}</p>
            <ActionForm action attr:class="form">
                <ErrorSummary error />
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="service" value=service />
                <button type="submit" class="button button--secondary">{t!(i18n, qualify.complete_submit)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn QualifyForm(id: String, service: String, form: FeeForm) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<QualifyService>::new();
    let error = last_error(action);
    let households = vec![
        (
            "samotnie".to_owned(),
            t_string!(i18n, catalogue.single_column).to_string(),
        ),
        (
            "rodzina".to_owned(),
            t_string!(i18n, catalogue.family_column).to_string(),
        ),
    ];
    view! {
        <section aria-labelledby="qualify-heading">
            <h2 id="qualify-heading">{t!(i18n, qualify.decide)}</h2>
            <p>{t!(i18n, qualify.decide_text)}</p>
            <ActionForm action attr:class="form">
                <ErrorSummary error />
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="service" value=service />
                <TextField id="units" name="form[units]" kind="text" error>
                    {t!(i18n, qualify.units)}
                </TextField>
                <TextField
                    id="income"
                    name="form[income]"
                    value=form.income.clone()
                    hint=Signal::derive(move || t_string!(i18n, catalogue.calculator_income_hint).to_string())
                    error
                >
                    {t!(i18n, qualify.income)}
                </TextField>
                <Radios
                    id="household"
                    name="form[household]"
                    legend=t_string!(i18n, catalogue.calculator_household).to_string()
                    options=households
                    selected=form.household.clone()
                    error
                />
                <CheckboxField
                    id="large_family_card"
                    name="form[large_family_card]"
                    checked=form.large_family_card == "yes"
                    error
                >
                    {t!(i18n, catalogue.discount_large_family)}
                </CheckboxField>
                <CheckboxField
                    id="disability_certificate"
                    name="form[disability_certificate]"
                    checked=form.disability_certificate == "yes"
                    error
                >
                    {t!(i18n, catalogue.discount_disability)}
                </CheckboxField>
                <TextField id="exemption" name="form[exemption]" error>
                    {t!(i18n, qualify.exemption)}
                </TextField>
                <button type="submit" class="button">{t!(i18n, qualify.submit)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn RefuseForm(id: String, service: String, texts: super::decision::RefusalTexts) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<super::decision::RefuseService>::new();
    let error = last_error(action);
    let draft = format!("refusal-{id}-{service}");
    view! {
        <section aria-labelledby="refuse-heading">
            <h2 id="refuse-heading">{t!(i18n, qualify.refuse)}</h2>
            <p>{t!(i18n, qualify.refuse_text)}</p>
            <ActionForm action attr:class="form" attr:data-draft=draft>
                <ErrorSummary error />
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="service" value=service />
                <TextArea id="factual" name="texts[factual]" rows=12 value=texts.factual error>
                    {t!(i18n, qualify.factual)}
                </TextArea>
                <TextArea id="legal" name="texts[legal]" rows=12 value=texts.legal error>
                    {t!(i18n, qualify.legal)}
                </TextArea>
                <button type="submit" class="button button--secondary">{t!(i18n, qualify.refuse_submit)}</button>
            </ActionForm>
        </section>
    }
}
