//! `/uslugi` (search and filters), `/uslugi/:id` (a service with its fees and calculator) and
//! `/realizatorzy` (the provider directory). Plain GET forms: shareable, and no JavaScript needed.

use super::fee_views::*;
use super::{
    CatalogueQuery, FeeQuestion, ServiceDetails, ServiceSummary, catalogue, catalogue_service,
    provider_directory,
};
use crate::components::choice::{Choice, coded_options};
use crate::components::page::ErrorNotice;
use crate::components::page::PageTitle;
use crate::components::pagination::Pagination;
use crate::domain::{Labelled, ServiceArea};
use crate::i18n::*;
use crate::programme::{
    Conditions, Package, Programme, Service, ServiceForm, ServicePlace, TargetGroup,
};
use crate::providers::Provider;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

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
    let areas = coded_options(&ServiceArea::ALL, ServiceArea::code, |a| a.label(i18n));
    let groups = coded_options(&TargetGroup::ALL, TargetGroup::code, |g| g.label(i18n));
    let forms = coded_options(&ServiceForm::ALL, ServiceForm::code, |f| f.label(i18n));
    let places = coded_options(&ServicePlace::ALL, ServicePlace::code, |p| p.label(i18n));
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
                        .map(|place| place.label(i18n).to_string())
                        .collect::<Vec<_>>()
                        .join(", ");
                    view! {
                        <li class="service-card">
                            <h3>
                                <a href=format!("/uslugi/{}", service.id)>{service.name}</a>
                            </h3>
                            <p>{service.goal}</p>
                            <ul class="tags">
                                <li>{service.area.label(i18n)}</li>
                                <li>{service.form.label(i18n)}</li>
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
        .map(|place| place.label(i18n).to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let unit = service.unit;
    let limit = service
        .limit
        .map(|limit| limit_text(i18n, limit.kind, limit.amount, unit));
    let structured_data = json_ld(&service, &programme, service.area.label(i18n));
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
            <dd>{service.area.label(i18n)}</dd>
            <dt>{t!(i18n, catalogue.filter_form)}</dt>
            <dd>{service.form.label(i18n)}</dd>
            <dt>{t!(i18n, catalogue.filter_place)}</dt>
            <dd>{places}</dd>
            <dt>{t!(i18n, catalogue.unit)}</dt>
            <dd>{service.unit.label(i18n)}</dd>
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
                .map(|group| group.label(i18n).to_string())
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
                                                <p class="hint">{provider.kind.label(i18n)}</p>
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
