//! Parts of the staff's case page that the plans' pages show too: a deadline with its state and
//! the person's facts.

use super::model::*;
use crate::applications::PersonInput;
use crate::domain::date_display;
use crate::i18n::*;
use leptos::prelude::*;

/// A deadline with its state: "12.12.2026 (overdue)".
#[component]
pub fn Due(due: chrono::NaiveDate, today: chrono::NaiveDate, open: bool) -> impl IntoView {
    let i18n = use_i18n();
    let state = open.then(|| Deadlines::state(due, today));
    let (class, note) = match state {
        Some(DeadlineState::Overdue) => (
            "due due--overdue",
            Some(t_string!(i18n, inbox.overdue).to_string()),
        ),
        Some(DeadlineState::DueSoon) => (
            "due due--soon",
            Some(t_string!(i18n, inbox.due_soon).to_string()),
        ),
        _ => ("due", None),
    };
    view! {
        <span class=class>
            <time datetime=due.to_string()>{date_display(due)}</time>
            {note.map(|note| view! { " (" <strong>{note}</strong> ")" })}
        </span>
    }
}

/// The person's data as the application holds it (only what the programme asked).
#[component]
pub fn PersonFacts(person: PersonInput) -> impl IntoView {
    let i18n = use_i18n();
    let address = [
        person.street.as_str(),
        person.postal_code.as_str(),
        person.city.as_str(),
    ]
    .into_iter()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    let facts = [
        (t_string!(i18n, inbox.name).to_string(), person.name),
        ("PESEL".to_owned(), person.pesel),
        (
            t_string!(i18n, inbox.birth_date).to_string(),
            person.birth_date,
        ),
        (t_string!(i18n, inbox.address).to_string(), address),
        (t_string!(i18n, inbox.phone).to_string(), person.phone),
        (t_string!(i18n, inbox.email).to_string(), person.email),
        (
            t_string!(i18n, inbox.household).to_string(),
            person.household_size,
        ),
        (t_string!(i18n, inbox.income).to_string(), person.income),
    ];
    view! {
        <dl class="facts">
            {facts
                .into_iter()
                .filter(|(_, value)| !value.is_empty())
                .map(|(label, value)| view! { <dt>{label}</dt> <dd>{value}</dd> })
                .collect_view()}
        </dl>
    }
}
