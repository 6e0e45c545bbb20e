//! Idle sessions (30 minutes): a warning five minutes before the end with a button that renews
//! the session, a notice once it has ended, and drafts of forms marked `data-draft` kept in this
//! browser tab (sessionStorage) so nothing typed is lost. Runs only in the browser.

use crate::i18n::*;
use crate::identity::profile::KeepAlive;
use leptos::prelude::*;
use std::time::Duration;

const WARN_AFTER: Duration = Duration::from_secs(25 * 60);
const ENDS_AFTER: Duration = Duration::from_secs(30 * 60);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Idle {
    Active,
    Warned,
    Ended,
}

/// Shown for signed-in people only (the layout decides).
#[component]
pub fn IdleWarning() -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(Idle::Active);
    // Each renewal starts a new generation; timers of older generations do nothing.
    let generation = RwSignal::new(0_u32);
    let renew = ServerAction::<KeepAlive>::new();
    let start_timers = move || {
        let current = generation.get_untracked();
        for (after, next) in [(WARN_AFTER, Idle::Warned), (ENDS_AFTER, Idle::Ended)] {
            set_timeout(
                move || {
                    if generation.get_untracked() == current {
                        state.set(next);
                    }
                },
                after,
            );
        }
    };
    Effect::new(move |_| start_timers());
    Effect::new(move |_| match renew.value().get() {
        Some(Ok(true)) => {
            generation.update(|g| *g += 1);
            state.set(Idle::Active);
            start_timers();
        }
        Some(_) => state.set(Idle::Ended),
        None => {}
    });
    let login = move || {
        let here = window().location().pathname().unwrap_or_default();
        format!("/logowanie?powrot={here}")
    };
    move || match state.get() {
        Idle::Active => None,
        Idle::Warned => Some(
            view! {
                <div class="idle-warning" role="alert">
                    <p>{t!(i18n, idle.warning)}</p>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            renew.dispatch(KeepAlive {});
                        }
                    >
                        {t!(i18n, idle.stay)}
                    </button>
                </div>
            }
            .into_any(),
        ),
        Idle::Ended => Some(
            view! {
                <div class="idle-warning" role="alert">
                    <p>{t!(i18n, idle.signed_out)}</p>
                    <a href=login class="button">
                        {t!(i18n, nav.login)}
                    </a>
                </div>
            }
            .into_any(),
        ),
    }
}

/// Restores and keeps drafts of every `form[data-draft]` on the page; a submit clears it.
/// Call it from an effect of the component that renders such a form.
pub fn keep_drafts() {
    use leptos::wasm_bindgen::{JsCast, closure::Closure};
    use leptos::web_sys::{HtmlInputElement, HtmlTextAreaElement};
    let Ok(Some(storage)) = window().session_storage() else {
        return;
    };
    let Ok(forms) = document().query_selector_all("form[data-draft]") else {
        return;
    };
    // Text the person typed; never passwords or hidden fields.
    fn fields(form: &leptos::web_sys::Element) -> Vec<(String, leptos::web_sys::Element)> {
        let Ok(list) = form.query_selector_all("input[name], textarea[name]") else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<leptos::web_sys::Element>().ok())
            .filter(|el| {
                !matches!(
                    el.get_attribute("type").as_deref(),
                    Some("password" | "hidden" | "submit" | "file")
                )
            })
            .filter_map(|el| Some((el.get_attribute("name")?, el)))
            .collect()
    }
    fn value(el: &leptos::web_sys::Element) -> Option<String> {
        el.dyn_ref::<HtmlInputElement>()
            .map(|i| i.value())
            .or_else(|| el.dyn_ref::<HtmlTextAreaElement>().map(|t| t.value()))
    }
    fn set_value(el: &leptos::web_sys::Element, text: &str) {
        if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
            input.set_value(text);
        } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
            area.set_value(text);
        }
    }
    let path = window().location().pathname().unwrap_or_default();
    for i in 0..forms.length() {
        let Some(form) = forms
            .item(i)
            .and_then(|n| n.dyn_into::<leptos::web_sys::Element>().ok())
        else {
            continue;
        };
        if form.has_attribute("data-draft-kept") {
            continue;
        }
        let _ = form.set_attribute("data-draft-kept", "");
        let key = format!(
            "draft:{path}:{}",
            form.get_attribute("data-draft").unwrap_or_default()
        );
        if let Ok(Some(saved)) = storage.get_item(&key) {
            let saved: std::collections::BTreeMap<String, String> =
                serde_json::from_str(&saved).unwrap_or_default();
            for (name, el) in fields(&form) {
                if let Some(text) = saved.get(&name) {
                    set_value(&el, text);
                }
            }
        }
        let on_input = {
            let (form, storage, key) = (form.clone(), storage.clone(), key.clone());
            Closure::<dyn Fn()>::new(move || {
                let draft: std::collections::BTreeMap<String, String> = fields(&form)
                    .into_iter()
                    .filter_map(|(name, el)| Some((name, value(&el)?)))
                    .collect();
                if let Ok(json) = serde_json::to_string(&draft) {
                    let _ = storage.set_item(&key, &json);
                }
            })
        };
        let on_submit = {
            let storage = storage.clone();
            Closure::<dyn Fn()>::new(move || {
                let _ = storage.remove_item(&key);
            })
        };
        let _ = form.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
        let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        // The listeners live as long as the page.
        on_input.forget();
        on_submit.forget();
    }
}
