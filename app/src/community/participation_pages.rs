//! `/moje-wydarzenia`: the activities a resident signed up for with their account, each with
//! its place or waiting-list status and a button to cancel (a form: it works without
//! JavaScript).

use super::PersonRegistration;
use super::participation::{CancelMyRegistration, load_my_activities};
use crate::components::form::{ErrorSummary, last_error};
use crate::components::page::{PageTitle, page_failure};
use crate::domain::{Labelled, warsaw_display};
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/moje-wydarzenia`.
#[component]
pub fn MyActivitiesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let list = Resource::new(
        move || query.read().get("odwolano"),
        |_| load_my_activities(),
    );
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, calendar.mine_title).to_string()) />
        <h1>{t!(i18n, calendar.mine_title)}</h1>
        <Show when=move || query.read().get("odwolano").is_some()>
            <p class="notice notice--success" role="status">{t!(i18n, calendar.mine_cancelled)}</p>
        </Show>
        <Suspense>
            {move || Suspend::new(async move {
                match list.await {
                    Err(error) => page_failure(error, "/moje-wydarzenia"),
                    Ok(list) if list.is_empty() => view! {
                        <p>{t!(i18n, calendar.mine_none)}</p>
                        <p><a class="button" href="/wydarzenia">{t!(i18n, calendar.title)}</a></p>
                    }
                        .into_any(),
                    Ok(list) => view! { <MyActivities list /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MyActivities(list: Vec<PersonRegistration>) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CancelMyRegistration>::new();
    let error = last_error(action);
    let items = list
        .into_iter()
        .map(|registration| {
            let activity = registration.activity;
            let name = activity.title.clone();
            let title = if activity.public {
                view! { <a href=format!("/wydarzenia/{}", activity.id)>{activity.title}</a> }
                    .into_any()
            } else {
                view! { {activity.title} }.into_any()
            };
            view! {
                <li class="case-card">
                    <h2>{title}</h2>
                    <p>
                        <span class="tag">{registration.status.label(i18n)}</span>
                        " " {warsaw_display(activity.starts_at)} " · " {activity.place}
                    </p>
                    <ActionForm action attr:class="form">
                        <input type="hidden" name="id" value=registration.id />
                        <button type="submit" class="button button--secondary">
                            {t!(i18n, calendar.cancel)}
                            <span class="visually-hidden">": " {name}</span>
                        </button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <ErrorSummary error />
        <ul class="case-list">{items}</ul>
        <p><a href="/wydarzenia">{t!(i18n, calendar.title)}</a></p>
    }
}
