//! The fees and limits of a service as the resident and the staff see them: the fee table, the
//! calculator and what is left of the limit. Shared by the catalogue's pages, qualification and
//! the programme's pages.

use super::FeeQuestion;
use crate::components::table::ScrollTable;
use crate::domain::{Grosze, Labelled};
use crate::i18n::*;
use crate::programme::fees::{DiscountCondition, FeeQuote, FeeRule, IncomeTable};
use crate::programme::{LimitKind, Service, ServiceUnit};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// "12,5 %" from basis points.
pub(crate) fn percent_text(bp: u64) -> String {
    let whole = bp / 100;
    match bp % 100 {
        0 => format!("{whole}\u{a0}%"),
        rest if rest % 10 == 0 => format!("{whole},{}\u{a0}%", rest / 10),
        rest => format!("{whole},{rest:02}\u{a0}%"),
    }
}

pub(crate) fn count(n: i64) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// An amount of a limit: places, units of the service, or money.
pub(crate) fn limit_text(
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
        LimitKind::Units => format!("{amount} × {}", unit.label(i18n)).into_any(),
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
pub fn CapacityFacts(
    capacity: crate::case_file::model::Capacity,
    unit: ServiceUnit,
) -> impl IntoView {
    let i18n = use_i18n();
    let waiting = count(i64::from(capacity.waiting));
    view! {
        <dt>{t!(i18n, catalogue.remaining)}</dt>
        <dd>{limit_text(i18n, capacity.kind, capacity.remaining(), unit)}</dd>
        <dt>{t!(i18n, catalogue.waiting_list)}</dt>
        <dd>{t!(i18n, catalogue.people, count = move || waiting)}</dd>
    }
}

/// The fee rule as a resident reads it: free, a price, or the resolution's income table.
#[component]
pub fn FeeTable(service: Service) -> impl IntoView {
    let i18n = use_i18n();
    let unit = service.unit.label(i18n).to_string();
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

pub(crate) fn quote_error(i18n: I18nContext<Locale>, key: &str) -> String {
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
                        i18n, catalogue.calculator_result, per_unit = move || quote.per_unit.to_string(), unit = move || unit.label(i18n).to_string(), total = move || quote.total.to_string()
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
                        {t!(i18n, catalogue.calculator_units, unit = move || unit.label(i18n).to_string())}
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
pub(crate) fn AgeFrom(min: u8) -> impl IntoView {
    let i18n = use_i18n();
    view! { {t!(i18n, catalogue.age_from, min = move || min)} }
}
