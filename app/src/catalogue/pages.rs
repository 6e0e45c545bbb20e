//! `/uslugi` (search and filters), `/uslugi/:id` (a service with its fees and calculator) and
//! `/realizatorzy` (the provider directory). Plain GET forms: shareable, and no JavaScript needed.

use super::labels::{
    area_label, form_label, group_label, place_label, provider_kind_label, unit_label,
};
use super::{
    CatalogueQuery, FeeQuestion, ServiceDetails, ServiceSummary, catalogue, catalogue_service,
    provider_directory,
};
use crate::components::choice::{Choice, coded_options};
use crate::components::page::PageTitle;
use crate::components::pagination::Pagination;
use crate::components::table::ScrollTable;
use crate::domain::{Grosze, ServiceArea};
use crate::i18n::*;
use crate::programme::fees::{DiscountCondition, FeeQuote, FeeRule, IncomeTable};
use crate::programme::{
    Conditions, LimitKind, Package, Programme, Service, ServiceForm, ServicePlace, ServiceUnit,
    TargetGroup,
};
use crate::providers::Provider;
use crate::shell::ErrorNotice;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::{use_params_map, use_query_map};

/// "12,5 %" from basis points.
fn percent_text(bp: u64) -> String {
    let whole = bp / 100;
    match bp % 100 {
        0 => format!("{whole}\u{a0}%"),
        rest if rest % 10 == 0 => format!("{whole},{}\u{a0}%", rest / 10),
        rest => format!("{whole},{rest:02}\u{a0}%"),
    }
}

fn count(n: i64) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

#[component]
pub fn ServicesPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| CatalogueQuery::from_params(&params.read()));
    let data = Resource::new(move || query.get(), catalogue);
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, catalogue.title).to_string()) />
        <h1>{t!(i18n, catalogue.title)}</h1>
        <p class="lead">{t!(i18n, catalogue.lead)}</p>
        <p>
            <a href="/sprawdz">{t!(i18n, catalogue.self_check_link)}</a>
            " · "
            <a href="/realizatorzy">{t!(i18n, catalogue.providers_link)}</a>
        </p>
        <Suspense>
            {move || Suspend::new(async move {
                let query = query.get();
                match data.await {
                    Ok(page) => {
                        let total = page.total;
                        let pages = page.pages();
                        view! {
                            <div class="catalogue">
                                <FilterForm
                                    query=query.clone()
                                    packages=page.packages
                                    providers=page.providers
                                />
                                <section aria-labelledby="results-heading" class="catalogue__results">
                                    <h2 id="results-heading" class="visually-hidden">
                                        {t!(i18n, catalogue.results_heading)}
                                    </h2>
                                    <p role="status" class="results-count">
                                        {t!(i18n, catalogue.found, count = move || count(total))}
                                    </p>
                                    <ServiceList services=page.services />
                                    <Pagination
                                        page=page.page
                                        pages
                                        href=move |n| format!("/uslugi{}", query.to_query_string(n))
                                    />
                                </section>
                            </div>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FilterForm(
    query: CatalogueQuery,
    packages: Vec<Package>,
    providers: Vec<Provider>,
) -> impl IntoView {
    let i18n = use_i18n();
    let areas = coded_options(&ServiceArea::ALL, ServiceArea::code, |a| {
        area_label(i18n, a)
    });
    let groups = coded_options(TargetGroup::ALL, TargetGroup::code, |g| {
        group_label(i18n, g)
    });
    let forms = coded_options(ServiceForm::ALL, ServiceForm::code, |f| form_label(i18n, f));
    let places = coded_options(ServicePlace::ALL, ServicePlace::code, |p| {
        place_label(i18n, p)
    });
    let fees = vec![
        (
            "bezplatne".to_owned(),
            t_string!(i18n, catalogue.fee_free_option).to_string(),
        ),
        (
            "platne".to_owned(),
            t_string!(i18n, catalogue.fee_paid_option).to_string(),
        ),
    ];
    let packages = packages
        .into_iter()
        .map(|package| (package.id, package.name))
        .collect::<Vec<_>>();
    let providers = providers
        .into_iter()
        .map(|provider| (provider.id, provider.name))
        .collect::<Vec<_>>();
    let has_packages = !packages.is_empty();
    view! {
        <form method="get" action="/uslugi" class="form filters" role="search">
            <div class="field">
                <label for="szukaj">{t!(i18n, catalogue.search_label)}</label>
                <p class="hint" id="szukaj-hint">
                    {t!(i18n, catalogue.search_hint)}
                </p>
                <input
                    type="search"
                    id="szukaj"
                    name="szukaj"
                    value=query.words
                    aria-describedby="szukaj-hint"
                />
            </div>
            <Choice
                name="obszar"
                label=t_string!(i18n, catalogue.filter_area).to_string()
                selected=query.area
                options=areas
            />
            <Choice
                name="grupa"
                label=t_string!(i18n, catalogue.filter_group).to_string()
                selected=query.group
                options=groups
            />
            <Choice
                name="forma"
                label=t_string!(i18n, catalogue.filter_form).to_string()
                selected=query.form
                options=forms
            />
            <Choice
                name="miejsce"
                label=t_string!(i18n, catalogue.filter_place).to_string()
                selected=query.place
                options=places
            />
            <Choice
                name="odplatnosc"
                label=t_string!(i18n, catalogue.filter_fee).to_string()
                selected=query.fee
                options=fees
            />
            <Show when=move || has_packages>
                <Choice
                    name="pakiet"
                    label=t_string!(i18n, catalogue.filter_package).to_string()
                    selected=query.package.clone()
                    options=packages.clone()
                />
            </Show>
            <Choice
                name="realizator"
                label=t_string!(i18n, catalogue.filter_provider).to_string()
                selected=query.provider
                options=providers
            />
            <div class="form-actions">
                <button type="submit" class="button">
                    {t!(i18n, catalogue.search_button)}
                </button>
                <a href="/uslugi">{t!(i18n, catalogue.clear_filters)}</a>
            </div>
        </form>
    }
}

#[component]
fn ServiceList(services: Vec<ServiceSummary>) -> impl IntoView {
    let i18n = use_i18n();
    if services.is_empty() {
        return view! { <p class="notice">{t!(i18n, catalogue.nothing_found)}</p> }.into_any();
    }
    view! {
        <ul class="service-list">
            {services
                .into_iter()
                .map(|service| {
                    let fee = if service.is_free {
                        t_string!(i18n, catalogue.fee_free_option).to_string()
                    } else {
                        t_string!(i18n, catalogue.fee_paid_option).to_string()
                    };
                    let places = service
                        .places
                        .iter()
                        .map(|place| place_label(i18n, *place))
                        .collect::<Vec<_>>()
                        .join(", ");
                    view! {
                        <li class="service-card">
                            <h3>
                                <a href=format!("/uslugi/{}", service.id)>{service.name}</a>
                            </h3>
                            <p>{service.goal}</p>
                            <ul class="tags">
                                <li>{area_label(i18n, service.area)}</li>
                                <li>{form_label(i18n, service.form)}</li>
                                <li>{places}</li>
                                <li>{fee}</li>
                            </ul>
                            <p class="hint">{service.programme_name}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn ServicePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let question = Memo::new(move |_| FeeQuestion::from_params(&query.read()));
    let data = Resource::new(
        move || (id.get(), question.get()),
        |(id, question)| catalogue_service(id, question),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(details) => view! { <ServiceView details question=question.get() /> }.into_any(),
                    Err(error) => {
                        view! {
                            <PageTitle text=Signal::derive(move || {
                                t_string!(i18n, errors.not_found_title).to_string()
                            }) />
                            <h1>{t!(i18n, errors.not_found_title)}</h1>
                            <ErrorNotice error />
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn ServiceView(details: ServiceDetails, question: FeeQuestion) -> impl IntoView {
    let i18n = use_i18n();
    let ServiceDetails {
        service,
        programme,
        providers,
        packages,
        quote,
        capacity,
    } = details;
    let title = service.name.clone();
    let places = service
        .places
        .iter()
        .map(|place| place_label(i18n, *place))
        .collect::<Vec<_>>()
        .join(", ");
    let unit = service.unit;
    let limit = service
        .limit
        .map(|limit| limit_text(i18n, limit.kind, limit.amount, unit));
    let structured_data = json_ld(&service, &programme, &area_label(i18n, service.area));
    let documents = service.documents.clone();
    let has_documents = !documents.is_empty();
    let service_id = service.id.clone();
    view! {
        <PageTitle text=Signal::derive(move || title.clone()) />
        <script type="application/ld+json" inner_html=structured_data></script>
        <nav aria-label=move || t_string!(i18n, catalogue.breadcrumb).to_string() class="breadcrumb">
            <a href="/uslugi">{t!(i18n, catalogue.title)}</a>
        </nav>
        <h1>{service.name.clone()}</h1>
        <p class="lead">{service.goal.clone()}</p>
        <dl class="facts">
            <dt>{t!(i18n, catalogue.filter_area)}</dt>
            <dd>{area_label(i18n, service.area)}</dd>
            <dt>{t!(i18n, catalogue.filter_form)}</dt>
            <dd>{form_label(i18n, service.form)}</dd>
            <dt>{t!(i18n, catalogue.filter_place)}</dt>
            <dd>{places}</dd>
            <dt>{t!(i18n, catalogue.unit)}</dt>
            <dd>{unit_label(i18n, service.unit)}</dd>
            {limit
                .map(|limit| {
                    view! {
                        <dt>{t!(i18n, catalogue.limit)}</dt>
                        <dd>{limit}</dd>
                    }
                })}
            {capacity.map(|capacity| view! { <CapacityFacts capacity unit /> })}
            <dt>{t!(i18n, catalogue.programme)}</dt>
            <dd>
                {format!(
                    "{} ({} {}, {})",
                    programme.name,
                    t_string!(i18n, catalogue.resolution),
                    programme.resolution_number,
                    programme.resolution_date.format("%d.%m.%Y"),
                )}
            </dd>
        </dl>
        <h2>{t!(i18n, catalogue.characteristics)}</h2>
        <p>{service.characteristics.clone()}</p>
        <h2>{t!(i18n, catalogue.who_for)}</h2>
        <ConditionList conditions=service.conditions.clone() groups=service.target_groups.clone() />
        <h2 id="oplaty">{t!(i18n, catalogue.fees)}</h2>
        <FeeTable service=service.clone() />
        {(!service.is_free())
            .then(|| {
                let action = format!("/uslugi/{service_id}#kalkulator");
                view! { <Calculator action unit=service.unit question quote /> }
            })}
        <Show when=move || has_documents>
            <h2>{t!(i18n, catalogue.documents)}</h2>
            <ul>
                {documents.iter().map(|document| view! { <li>{document.clone()}</li> }).collect_view()}
            </ul>
        </Show>
        <h2>{t!(i18n, catalogue.who_delivers)}</h2>
        <ul>
            <li>{t!(i18n, catalogue.the_centre)}</li>
            {providers
                .into_iter()
                .map(|provider| {
                    view! {
                        <li>
                            <a href=format!("/realizatorzy#{}", provider.id)>{provider.name}</a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {(!packages.is_empty())
            .then(|| {
                view! {
                    <h2>{t!(i18n, catalogue.packages)}</h2>
                    <ul>
                        {packages
                            .into_iter()
                            .map(|package| {
                                view! {
                                    <li>
                                        <strong>{package.name}</strong>
                                        ": "
                                        {package.description}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
        <h2>{t!(i18n, catalogue.how_to_apply)}</h2>
        <p>{t!(i18n, catalogue.how_to_apply_text)}</p>
        <p class="button-row">
            <a href=format!("/wnioski/nowy?usluga={}", service.id) class="button">
                {t!(i18n, catalogue.apply_online)}
            </a>
            <a href="/kontakt" class="button button--secondary">
                {t!(i18n, catalogue.contact_button)}
            </a>
        </p>
    }
}

/// An amount of a limit: places, units of the service, or money.
fn limit_text(
    i18n: I18nContext<Locale>,
    kind: LimitKind,
    amount: i64,
    unit: ServiceUnit,
) -> AnyView {
    match kind {
        LimitKind::Places => {
            let places = count(amount);
            view! { {t!(i18n, catalogue.limit_places, count = move || places)} }.into_any()
        }
        LimitKind::Units => format!("{amount} × {}", unit_label(i18n, unit)).into_any(),
        LimitKind::Budget => format!(
            "{} {}",
            t_string!(i18n, catalogue.limit_budget),
            Grosze::new(amount)
        )
        .into_any(),
    }
}

/// What is left of a service's limit and how many wait (terms of a `<dl>`), for residents in the
/// catalogue and for staff qualifying.
#[component]
pub fn CapacityFacts(capacity: crate::cases::Capacity, unit: ServiceUnit) -> impl IntoView {
    let i18n = use_i18n();
    let waiting = count(i64::from(capacity.waiting));
    view! {
        <dt>{t!(i18n, catalogue.remaining)}</dt>
        <dd>{limit_text(i18n, capacity.kind, capacity.remaining(), unit)}</dd>
        <dt>{t!(i18n, catalogue.waiting_list)}</dt>
        <dd>{t!(i18n, catalogue.people, count = move || waiting)}</dd>
    }
}

/// schema.org `GovernmentService` for search engines, as JSON that cannot close its script.
fn json_ld(service: &Service, programme: &Programme, area: &str) -> String {
    let data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": service.name,
        "description": service.goal,
        "serviceType": area,
        "isAccessibleForFree": service.is_free(),
        "areaServed": programme.gminas.iter().map(|teryt| serde_json::json!({
            "@type": "AdministrativeArea",
            "identifier": teryt,
        })).collect::<Vec<_>>(),
        "serviceOperator": { "@type": "GovernmentOrganization", "name": "Centrum Usług Społecznych" },
    });
    data.to_string().replace('<', "\\u003c")
}

#[component]
fn AgeFrom(min: u8) -> impl IntoView {
    let i18n = use_i18n();
    view! { {t!(i18n, catalogue.age_from, min = move || min)} }
}

#[component]
fn ConditionList(conditions: Conditions, groups: Vec<TargetGroup>) -> impl IntoView {
    let i18n = use_i18n();
    let mut items: Vec<AnyView> = Vec::new();
    let groups = if conditions.target_groups.is_empty() {
        groups
    } else {
        conditions.target_groups.clone()
    };
    if !groups.is_empty() {
        items.push(
            groups
                .iter()
                .map(|group| group_label(i18n, *group))
                .collect::<Vec<_>>()
                .join(", ")
                .into_any(),
        );
    }
    match (conditions.min_age, conditions.max_age) {
        (Some(min), Some(max)) => items.push(
            view! { {t!(i18n, catalogue.age_between, min = move || min, max = move || max)} }
                .into_any(),
        ),
        (Some(min), None) => items.push(view! { <AgeFrom min /> }.into_any()),
        (None, Some(max)) => {
            items.push(view! { {t!(i18n, catalogue.age_to, max = move || max)} }.into_any())
        }
        (None, None) => {}
    }
    if conditions.residence_required {
        items.push(
            t_string!(i18n, catalogue.residence_required)
                .to_string()
                .into_any(),
        );
    }
    if conditions.disability_certificate_required {
        items.push(
            t_string!(i18n, catalogue.certificate_required)
                .to_string()
                .into_any(),
        );
    }
    if let Some(other) = conditions.other_declared.clone() {
        items.push(other.into_any());
    }
    view! {
        <ul>{items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ul>
        {(!conditions.text.is_empty()).then(|| view! { <p>{conditions.text.clone()}</p> })}
    }
}

/// The fee rule as a resident reads it: free, a price, or the resolution's income table.
#[component]
pub fn FeeTable(service: Service) -> impl IntoView {
    let i18n = use_i18n();
    let unit = unit_label(i18n, service.unit);
    let rule = match service.fee.rule.clone() {
        FeeRule::Free => view! { <p>{t!(i18n, catalogue.fee_free_text)}</p> }.into_any(),
        FeeRule::FixedPerUnit { price } => {
            let unit = unit.clone();
            view! {
                <p>
                    {t!(i18n, catalogue.fee_fixed_text, price = move || price.to_string(), unit = move || unit.clone())}
                </p>
            }
            .into_any()
        }
        FeeRule::IncomeTable(table) => {
            view! { <IncomeTableView table unit=unit.clone() /> }.into_any()
        }
    };
    let discounts = service.fee.discounts.clone();
    view! {
        {rule}
        {(!discounts.is_empty())
            .then(|| {
                view! {
                    <h3>{t!(i18n, catalogue.discounts)}</h3>
                    <ul>
                        {discounts
                            .into_iter()
                            .map(|discount| {
                                let who = match discount.condition {
                                    DiscountCondition::LargeFamilyCard => {
                                        t_string!(i18n, catalogue.discount_large_family).to_string().into_any()
                                    }
                                    DiscountCondition::DisabilityCertificate => {
                                        t_string!(i18n, catalogue.discount_disability).to_string().into_any()
                                    }
                                    DiscountCondition::AgeAtLeast(age) => {
                                        view! { <AgeFrom min=age /> }.into_any()
                                    }
                                };
                                let share = format!(": −{}", percent_text(u64::from(discount.percent_bp)));
                                view! { <li>{who}{share}</li> }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
    }
}

#[component]
fn IncomeTableView(table: IncomeTable, unit: String) -> impl IntoView {
    let i18n = use_i18n();
    let mut lower: Option<u32> = None;
    let rows = table
        .brackets
        .iter()
        .map(|bracket| {
            let range = match (lower, bracket.up_to_percent) {
                (None, Some(up)) => {
                    view! { {t!(i18n, catalogue.bracket_up_to, up = move || up)} }.into_any()
                }
                (Some(low), Some(up)) => view! {
                    {t!(i18n, catalogue.bracket_between, low = move || low, up = move || up)}
                }
                .into_any(),
                (Some(low), None) => {
                    view! { {t!(i18n, catalogue.bracket_above, low = move || low)} }.into_any()
                }
                (None, None) => t_string!(i18n, catalogue.bracket_any)
                    .to_string()
                    .into_any(),
            };
            lower = bracket.up_to_percent;
            let share = |bp: u32| {
                format!(
                    "{} ({})",
                    percent_text(u64::from(bp)),
                    table.unit_cost.percent(bp)
                )
            };
            view! {
                <tr>
                    <th scope="row">{range}</th>
                    <td>{share(bracket.fee_single_bp)}</td>
                    <td>{share(bracket.fee_family_bp)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p>
            {t!(
                i18n, catalogue.fee_table_intro, cost = move || table.unit_cost.to_string(), unit = move || unit.clone(), single = move || table.criterion_single.to_string(), family = move || table.criterion_family.to_string()
            )}
        </p>
        <ScrollTable
            id="fee-table-caption"
            caption=t_string!(i18n, catalogue.fee_table_caption).to_string()
            headings=vec![
                t_string!(i18n, catalogue.income_column).to_string(),
                t_string!(i18n, catalogue.single_column).to_string(),
                t_string!(i18n, catalogue.family_column).to_string(),
            ]
        >
            {rows}
        </ScrollTable>
    }
}

/// "Gospodarstwo domowe": living alone or in a family (URL parameter `gospodarstwo`).
#[component]
pub fn HouseholdChoice(family: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="field">
            <legend>{t!(i18n, catalogue.calculator_household)}</legend>
            <div class="choice">
                <input
                    type="radio"
                    id="gospodarstwo-samotnie"
                    name="gospodarstwo"
                    value="samotnie"
                    checked=!family
                />
                <label for="gospodarstwo-samotnie">{t!(i18n, catalogue.single_column)}</label>
            </div>
            <div class="choice">
                <input
                    type="radio"
                    id="gospodarstwo-rodzina"
                    name="gospodarstwo"
                    value="rodzina"
                    checked=family
                />
                <label for="gospodarstwo-rodzina">{t!(i18n, catalogue.family_column)}</label>
            </div>
        </fieldset>
    }
}

fn quote_error(i18n: I18nContext<Locale>, key: &str) -> String {
    match key {
        "calculator_income_invalid" => t_string!(i18n, catalogue.calculator_income_invalid),
        "calculator_units_invalid" => t_string!(i18n, catalogue.calculator_units_invalid),
        _ => t_string!(i18n, catalogue.calculator_failed),
    }
    .to_string()
}

/// "How much will I pay?": a GET form back to this page; the answer is computed on the server
/// by the programme's own fee rule.
#[component]
pub fn Calculator(
    /// Where the form goes: the page itself, with `#kalkulator`.
    action: String,
    unit: ServiceUnit,
    question: FeeQuestion,
    quote: Option<Result<FeeQuote, String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = quote.clone().and_then(Result::err);
    let income_error = error
        .as_deref()
        .filter(|key| *key != "calculator_units_invalid")
        .map(|key| quote_error(i18n, key));
    let units_error = error
        .as_deref()
        .filter(|key| *key == "calculator_units_invalid")
        .map(|key| quote_error(i18n, key));
    let family = question.household == "rodzina";
    let units_typed = if question.units.is_empty() {
        "1".to_owned()
    } else {
        question.units.clone()
    };
    let answer = quote.and_then(Result::ok).map(|quote| {
        view! {
            <div class="notice notice--success" role="status" id="wynik">
                <p>
                    {t!(
                        i18n, catalogue.calculator_result, per_unit = move || quote.per_unit.to_string(), unit = move || unit_label(i18n, unit), total = move || quote.total.to_string()
                    )}
                </p>
            </div>
        }
    });
    view! {
        <section class="calculator" aria-labelledby="kalkulator">
            <h3 id="kalkulator">{t!(i18n, catalogue.calculator)}</h3>
            {answer}
            <form method="get" action=action class="form">
                <div class="field" class:field--error=income_error.is_some()>
                    <label for="dochod">{t!(i18n, catalogue.calculator_income)}</label>
                    <p class="hint" id="dochod-hint">
                        {t!(i18n, catalogue.calculator_income_hint)}
                    </p>
                    {income_error
                        .clone()
                        .map(|message| {
                            view! {
                                <p class="field-error" id="dochod-error">
                                    {message}
                                </p>
                            }
                        })}
                    <input
                        type="text"
                        inputmode="decimal"
                        id="dochod"
                        name="dochod"
                        value=question.income.clone()
                        aria-invalid=income_error.is_some().then_some("true")
                        aria-describedby=if income_error.is_some() {
                            "dochod-hint dochod-error"
                        } else {
                            "dochod-hint"
                        }
                    />
                </div>
                <HouseholdChoice family />
                <div class="field" class:field--error=units_error.is_some()>
                    <label for="jednostki">
                        {t!(i18n, catalogue.calculator_units, unit = move || unit_label(i18n, unit))}
                    </label>
                    {units_error
                        .clone()
                        .map(|message| {
                            view! {
                                <p class="field-error" id="jednostki-error">
                                    {message}
                                </p>
                            }
                        })}
                    <input
                        type="text"
                        inputmode="numeric"
                        id="jednostki"
                        name="jednostki"
                        value=units_typed
                        aria-invalid=units_error.is_some().then_some("true")
                        aria-describedby=units_error.is_some().then_some("jednostki-error")
                    />
                </div>
                <button type="submit" class="button">
                    {t!(i18n, catalogue.calculate)}
                </button>
            </form>
        </section>
    }
}

#[component]
pub fn ProvidersPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| provider_directory());
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, providers.title).to_string()) />
        <h1>{t!(i18n, providers.title)}</h1>
        <p class="lead">{t!(i18n, providers.lead)}</p>
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(entries) => {
                        view! {
                            <ul class="provider-list">
                                {entries
                                    .into_iter()
                                    .map(|entry| {
                                        let provider = entry.provider;
                                        view! {
                                            <li class="provider-card" id=provider.id.clone()>
                                                <h2>{provider.name.clone()}</h2>
                                                <p class="hint">{provider_kind_label(i18n, provider.kind)}</p>
                                                <p>{provider.description.clone()}</p>
                                                <dl class="facts">
                                                    <dt>{t!(i18n, providers.address)}</dt>
                                                    <dd>{provider.address.clone()}</dd>
                                                    {provider
                                                        .phone
                                                        .clone()
                                                        .map(|phone| {
                                                            view! {
                                                                <dt>{t!(i18n, providers.phone)}</dt>
                                                                <dd>
                                                                    <a href=format!("tel:{}", phone.replace(' ', ""))>{phone.clone()}</a>
                                                                </dd>
                                                            }
                                                        })}
                                                    {provider
                                                        .email
                                                        .clone()
                                                        .map(|email| {
                                                            view! {
                                                                <dt>{t!(i18n, providers.email)}</dt>
                                                                <dd>
                                                                    <a href=format!("mailto:{email}")>{email.clone()}</a>
                                                                </dd>
                                                            }
                                                        })}
                                                    {provider
                                                        .website
                                                        .clone()
                                                        .map(|site| {
                                                            view! {
                                                                <dt>{t!(i18n, providers.website)}</dt>
                                                                <dd>
                                                                    <a href=site.clone()>{site.clone()}</a>
                                                                </dd>
                                                            }
                                                        })}
                                                </dl>
                                                <h3>{t!(i18n, providers.services)}</h3>
                                                <ul>
                                                    {entry
                                                        .services
                                                        .into_iter()
                                                        .map(|service| {
                                                            view! {
                                                                <li>
                                                                    <a href=format!("/uslugi/{}", service.id)>{service.name}</a>
                                                                </li>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </ul>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::percent_text;

    #[test]
    fn percents_read_the_polish_way() {
        assert_eq!(percent_text(10_000), "100\u{a0}%");
        assert_eq!(percent_text(1_250), "12,5\u{a0}%");
        assert_eq!(percent_text(1_205), "12,05\u{a0}%");
    }
}
