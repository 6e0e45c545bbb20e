//! Choices over coded enums: `(code, label)` pairs and the filter forms' `<select>` with "any".

use crate::i18n::*;
use leptos::prelude::*;

/// A `<select>` with "any" first (filter forms).
#[component]
pub fn Choice(
    name: &'static str,
    label: String,
    selected: String,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let any_selected = selected.is_empty();
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <select id=name name=name>
                <option value="" selected=any_selected>
                    {t!(i18n, catalogue.any)}
                </option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = value == selected;
                        view! {
                            <option value=value selected=is_selected>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// `(code, label)` pairs for a `<select>` or checkboxes over a coded enum.
pub fn coded_options<T: Copy, L: Into<String>>(
    all: &[T],
    code: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> L,
) -> Vec<(String, String)> {
    all.iter()
        .map(|item| (code(*item).to_owned(), label(*item).into()))
        .collect()
}
