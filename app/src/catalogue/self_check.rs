//! `/sprawdz`: "Sprawdź, co Ci przysługuje" — a GET form with a few answers; the page lists the
//! published services whose conditions they meet and, for the others, what is not met.

use super::ServiceSummary;
use super::fee_views::HouseholdChoice;
use crate::components::page::ErrorNotice;
use crate::components::page::PageTitle;
use crate::domain::{Labelled, ServiceArea};
use crate::error::AppError;
use crate::i18n::*;
use crate::programme::eligibility::{Answers, Unmet};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;
use serde::{Deserialize, Serialize};

/// The form's values as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfCheckQuery {
    pub age: String,
    /// "tak" / "nie".
    pub resident: String,
    /// "samotnie" / "rodzina".
    pub household: String,
    /// "tak" / "nie".
    pub certificate: String,
    pub area: String,
}

impl SelfCheckQuery {
    pub fn from_params(map: &ParamsMap) -> Self {
        let get = |key: &str| map.get(key).unwrap_or_default().trim().to_owned();
        SelfCheckQuery {
            age: get("wiek"),
            resident: get("mieszkaniec"),
            household: get("gospodarstwo"),
            certificate: get("orzeczenie"),
            area: get("obszar"),
        }
    }

    /// The form was sent (a first visit shows only the form).
    pub fn is_asked(&self) -> bool {
        !self.resident.is_empty() || !self.age.is_empty() || !self.certificate.is_empty()
    }

    /// The answers, or the translation key of what is wrong with the age.
    pub fn answers(&self) -> Result<Answers, &'static str> {
        let age = if self.age.is_empty() {
            None
        } else {
            Some(
                self.age
                    .parse::<u8>()
                    .ok()
                    .filter(|age| *age <= 120)
                    .ok_or("self_check_age_invalid")?,
            )
        };
        Ok(Answers {
            age,
            resident: self.resident != "nie",
            disability_certificate: self.certificate == "tak",
        })
    }
}

/// A service with the conditions the answers do not meet (none: the person may apply).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelfCheckLine {
    pub service: ServiceSummary,
    pub unmet: Vec<Unmet>,
}

#[server(prefix = "/api", endpoint = "self_check")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err))]
pub async fn self_check(query: SelfCheckQuery) -> Result<Vec<SelfCheckLine>, AppError> {
    use crate::gate::{Permission, require};
    let access = require(Permission::ViewPublicInformation).await?;
    let answers = query
        .answers()
        .map_err(|key| AppError::invalid("wiek", key))?;
    let area = ServiceArea::from_code(&query.area);
    let services = access.state.store.published_services().await?;
    Ok(services
        .into_iter()
        .filter(|(service, _)| area.is_none_or(|area| service.area == area))
        .map(|(service, programme_name)| SelfCheckLine {
            unmet: crate::programme::eligibility::unmet(&service.conditions, &answers),
            service: ServiceSummary::of(&service, programme_name),
        })
        .collect())
}

#[component]
fn UnmetText(unmet: Unmet) -> impl IntoView {
    let i18n = use_i18n();
    match unmet {
        Unmet::MinAge(min) => {
            view! { {t!(i18n, self_check.unmet_min_age, min = move || min)} }.into_any()
        }
        Unmet::MaxAge(max) => {
            view! { {t!(i18n, self_check.unmet_max_age, max = move || max)} }.into_any()
        }
        Unmet::Residence => t!(i18n, self_check.unmet_residence).into_any(),
        Unmet::DisabilityCertificate => t!(i18n, self_check.unmet_certificate).into_any(),
    }
}

#[component]
pub fn SelfCheckPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| SelfCheckQuery::from_params(&params.read()));
    let data = Resource::new(
        move || query.get(),
        |query| async move {
            if query.is_asked() {
                self_check(query).await.map(Some)
            } else {
                Ok(None)
            }
        },
    );
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, self_check.title).to_string()) />
        <h1>{t!(i18n, self_check.title)}</h1>
        <p class="lead">{t!(i18n, self_check.lead)}</p>
        <Suspense>
            {move || Suspend::new(async move {
                let query = query.get();
                match data.await {
                    Ok(lines) => {
                        view! {
                            <SelfCheckForm query error=None />
                            {lines.map(|lines| view! { <SelfCheckResults lines /> })}
                        }
                            .into_any()
                    }
                    Err(AppError::Invalid(_)) => {
                        let error = Some(t_string!(i18n, self_check.age_invalid).to_string());
                        view! { <SelfCheckForm query error /> }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn YesNo(name: &'static str, legend: String, yes: bool) -> impl IntoView {
    let i18n = use_i18n();
    let yes_id = format!("{name}-tak");
    let no_id = format!("{name}-nie");
    view! {
        <fieldset class="field">
            <legend>{legend}</legend>
            <div class="choice">
                <input type="radio" id=yes_id.clone() name=name value="tak" checked=yes />
                <label for=yes_id>{t!(i18n, self_check.yes)}</label>
            </div>
            <div class="choice">
                <input type="radio" id=no_id.clone() name=name value="nie" checked=!yes />
                <label for=no_id>{t!(i18n, self_check.no)}</label>
            </div>
        </fieldset>
    }
}

#[component]
fn SelfCheckForm(query: SelfCheckQuery, error: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let family = query.household == "rodzina";
    let invalid = error.is_some();
    view! {
        {error
            .clone()
            .map(|message| {
                view! {
                    <div class="error-summary" role="alert" tabindex="-1">
                        <h2>{t!(i18n, form_errors.summary_heading)}</h2>
                        <ul>
                            <li>
                                <a href="#wiek">{message}</a>
                            </li>
                        </ul>
                    </div>
                }
            })}
        <form method="get" action="/sprawdz" class="form self-check">
            <div class="field" class:field--error=invalid>
                <label for="wiek">{t!(i18n, self_check.age)}</label>
                {error
                    .map(|message| {
                        view! {
                            <p class="field-error" id="wiek-error">
                                {message}
                            </p>
                        }
                    })}
                <input
                    type="text"
                    inputmode="numeric"
                    id="wiek"
                    name="wiek"
                    class="input--short"
                    value=query.age.clone()
                    aria-invalid=invalid.then_some("true")
                    aria-describedby=invalid.then_some("wiek-error")
                />
            </div>
            <YesNo
                name="mieszkaniec"
                legend=t_string!(i18n, self_check.resident).to_string()
                yes=query.resident != "nie"
            />
            <HouseholdChoice family />
            <YesNo
                name="orzeczenie"
                legend=t_string!(i18n, self_check.certificate).to_string()
                yes=query.certificate == "tak"
            />
            <div class="field">
                <label for="obszar">{t!(i18n, self_check.area)}</label>
                <select id="obszar" name="obszar">
                    <option value="" selected=query.area.is_empty()>
                        {t!(i18n, catalogue.any)}
                    </option>
                    {ServiceArea::ALL
                        .iter()
                        .map(|area| {
                            let selected = area.code() == query.area;
                            view! {
                                <option value=area.code() selected=selected>
                                    {area.label(i18n)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="button">
                {t!(i18n, self_check.submit)}
            </button>
        </form>
    }
}

#[component]
fn SelfCheckResults(lines: Vec<SelfCheckLine>) -> impl IntoView {
    let i18n = use_i18n();
    let (open, closed): (Vec<_>, Vec<_>) =
        lines.into_iter().partition(|line| line.unmet.is_empty());
    let open_count = i32::try_from(open.len()).unwrap_or(i32::MAX);
    view! {
        <section aria-labelledby="pasujace" class="self-check__results">
            <h2 id="pasujace">{t!(i18n, self_check.matching)}</h2>
            <p role="status">{t!(i18n, catalogue.found, count = move || open_count)}</p>
            <ul class="service-list">
                {open
                    .into_iter()
                    .map(|line| {
                        view! {
                            <li class="service-card">
                                <h3>
                                    <a href=format!("/uslugi/{}", line.service.id)>{line.service.name}</a>
                                </h3>
                                <p>{line.service.goal}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <h2>{t!(i18n, self_check.not_matching)}</h2>
            <ul class="service-list">
                {closed
                    .into_iter()
                    .map(|line| {
                        view! {
                            <li class="service-card">
                                <h3>
                                    <a href=format!("/uslugi/{}", line.service.id)>{line.service.name}</a>
                                </h3>
                                <ul>
                                    {line
                                        .unmet
                                        .into_iter()
                                        .map(|unmet| view! { <li><UnmetText unmet /></li> })
                                        .collect_view()}
                                </ul>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="hint">{t!(i18n, self_check.advice_only)}</p>
        </section>
    }
}
