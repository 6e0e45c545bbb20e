//! `/pracownik/spolecznosci/:id/mapa`: the community's map of resources and needs, its
//! profile, and the needs residents reported for it, with the forms that add to them.

use super::diagnosis::{
    AddMapEntry, CommunityMap, CommunityProfile, MapEntry, MapEntryKind, MapReportedNeed,
    RemoveMapEntry, ReportedNeed, SaveCommunityProfile, load_community_map,
};
use crate::components::choice::coded_options;
use crate::components::form::{ErrorSummary, SelectField, TextArea, TextField, last_error};
use crate::components::page::{PageTitle, page_failure};
use crate::components::table::ScrollTable;
use crate::domain::{Labelled, warsaw_display};
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CommunityMapPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let data = Resource::new(
        move || {
            (
                id.get(),
                query.read().get("dodano"),
                query.read().get("profil"),
            )
        },
        |(id, _, _)| load_community_map(id),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => page_failure(error, &format!("/pracownik/spolecznosci/{}/mapa", id.get_untracked())),
                    Ok(map) => view! { <MapView map /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MapView(map: CommunityMap) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let CommunityMap {
        community,
        profile,
        entries,
        reported,
        may_edit,
    } = map;
    let title = format!("{} — {}", t_string!(i18n, osl_map.title), community.name);
    let page_title = title.clone();
    let community_href = format!("/pracownik/spolecznosci/{}", community.id);
    let pdf_href = format!("/pracownik/spolecznosci/{}/mapa.pdf", community.id);
    let (resources, needs): (Vec<_>, Vec<_>) = entries
        .into_iter()
        .partition(|entry| entry.kind.is_resource());
    let id = community.id.clone();
    view! {
        <PageTitle text=Signal::derive(move || page_title.clone()) />
        <nav aria-label=move || t_string!(i18n, catalogue.breadcrumb).to_string() class="breadcrumb">
            <a href="/pracownik/spolecznosci">{t!(i18n, community.list_title)}</a>
            " › "
            <a href=community_href>{community.name.clone()}</a>
        </nav>
        <h1>{title}</h1>
        <Show when=move || query.read().get("dodano").is_some()>
            <p class="notice notice--success" role="status">{t!(i18n, osl_map.added)}</p>
        </Show>
        <Show when=move || query.read().get("profil").is_some()>
            <p class="notice notice--success" role="status">{t!(i18n, osl_map.profile_saved)}</p>
        </Show>
        <Show when=move || query.read().get("usunieto").is_some()>
            <p class="notice notice--success" role="status">{t!(i18n, osl_map.removed)}</p>
        </Show>
        <p><a href=pdf_href download>{t!(i18n, osl_map.pdf)}</a></p>
        <h2>{t!(i18n, osl_map.profile)}</h2>
        <ProfileFacts profile=profile.clone() />
        <h2>{t!(i18n, osl_map.resources)}</h2>
        <Entries id="resources" caption=t_string!(i18n, osl_map.resources).to_string() entries=resources community=id.clone() may_edit />
        <h2>{t!(i18n, osl_map.needs)}</h2>
        <Entries id="needs" caption=t_string!(i18n, osl_map.needs).to_string() entries=needs community=id.clone() may_edit />
        {may_edit.then(|| view! { <NewEntry community=id.clone() /> })}
        <h2>{t!(i18n, osl_map.reported)}</h2>
        <p>{t!(i18n, osl_map.reported_hint)}</p>
        <Reported reported community=id.clone() may_edit />
        {may_edit.then(|| view! { <ProfileForm community=id.clone() profile /> })}
    }
}

#[component]
fn ProfileFacts(profile: CommunityProfile) -> impl IntoView {
    let i18n = use_i18n();
    let figure = |n: Option<u32>| n.map_or_else(|| "—".to_owned(), |n| n.to_string());
    let text = |text: String| {
        if text.is_empty() {
            "—".to_owned()
        } else {
            text
        }
    };
    view! {
        <dl class="facts">
            <dt>{t!(i18n, osl_map.characteristics)}</dt>
            <dd>{text(profile.characteristics)}</dd>
            <dt>{t!(i18n, osl_map.population)}</dt>
            <dd>{figure(profile.population)}</dd>
            <dt>{t!(i18n, osl_map.seniors)}</dt>
            <dd>{figure(profile.seniors)}</dd>
            <dt>{t!(i18n, osl_map.children)}</dt>
            <dd>{figure(profile.children)}</dd>
            <dt>{t!(i18n, osl_map.disabled)}</dt>
            <dd>{figure(profile.disabled)}</dd>
            <dt>{t!(i18n, osl_map.demography)}</dt>
            <dd>{text(profile.demography)}</dd>
            <dt>{t!(i18n, osl_map.potential)}</dt>
            <dd>{text(profile.potential)}</dd>
            <dt>{t!(i18n, osl_map.first_plan)}</dt>
            <dd>{text(profile.first_plan)}</dd>
        </dl>
    }
}

#[component]
fn Entries(
    id: &'static str,
    caption: String,
    entries: Vec<MapEntry>,
    community: String,
    may_edit: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    if entries.is_empty() {
        return view! { <p>{t!(i18n, osl_map.empty)}</p> }.into_any();
    }
    let remove = ServerAction::<RemoveMapEntry>::new();
    let rows = entries
        .into_iter()
        .map(|entry| {
            let community = community.clone();
            let label = format!("{}: {}", t_string!(i18n, osl_map.remove), entry.name);
            view! {
                <tr>
                    <td>{entry.kind.label(i18n)}</td>
                    <td>{entry.name}</td>
                    <td>{entry.place}</td>
                    <td>{entry.source}</td>
                    <td>{entry.note}</td>
                    <td>
                        {may_edit.then(|| view! {
                            <ActionForm action=remove attr:class="inline-form">
                                <input type="hidden" name="community" value=community />
                                <input type="hidden" name="entry" value=entry.id />
                                <button type="submit" class="button button--secondary" aria-label=label>
                                    {t!(i18n, osl_map.remove)}
                                </button>
                            </ActionForm>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ScrollTable
            id=format!("{id}-caption")
            caption
            caption_hidden=true
            headings=vec![
                t_string!(i18n, osl_map.kind).to_string(),
                t_string!(i18n, osl_map.name).to_string(),
                t_string!(i18n, osl_map.place).to_string(),
                t_string!(i18n, osl_map.source).to_string(),
                t_string!(i18n, osl_map.note).to_string(),
                t_string!(i18n, osl_map.actions).to_string(),
            ]
        >
            {rows}
        </ScrollTable>
    }
    .into_any()
}

#[component]
fn NewEntry(community: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<AddMapEntry>::new();
    let error = last_error(action);
    let kinds = coded_options(&MapEntryKind::ALL, MapEntryKind::code, |k| k.label(i18n));
    view! {
        <h3>{t!(i18n, osl_map.add_title)}</h3>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="community" value=community />
            <SelectField id="entry_kind" name="input[kind]" options=kinds selected=String::new() error>
                {t!(i18n, osl_map.kind)}
            </SelectField>
            <TextField
                id="entry_name"
                name="input[name]"
                hint=Signal::derive(move || t_string!(i18n, osl_map.name_hint).to_string())
                error
            >
                {t!(i18n, osl_map.name)}
            </TextField>
            <TextField id="entry_place" name="input[place]" error>{t!(i18n, osl_map.place)}</TextField>
            <TextField
                id="entry_source"
                name="input[source]"
                hint=Signal::derive(move || t_string!(i18n, osl_map.source_hint).to_string())
                error
            >
                {t!(i18n, osl_map.source)}
            </TextField>
            <TextArea id="entry_note" name="input[note]" rows=3 error>{t!(i18n, osl_map.note)}</TextArea>
            <button type="submit" class="button">{t!(i18n, osl_map.add)}</button>
        </ActionForm>
    }
}

#[component]
fn Reported(reported: Vec<ReportedNeed>, community: String, may_edit: bool) -> impl IntoView {
    let i18n = use_i18n();
    if reported.is_empty() {
        return view! { <p>{t!(i18n, osl_map.reported_none)}</p> }.into_any();
    }
    let take = ServerAction::<MapReportedNeed>::new();
    let rows = reported
        .into_iter()
        .map(|need| {
            let community = community.clone();
            let action = match (need.on_map, may_edit) {
                (true, _) => view! { {t!(i18n, osl_map.on_map)} }.into_any(),
                (false, false) => ().into_any(),
                (false, true) => view! {
                    <ActionForm action=take attr:class="inline-form">
                        <input type="hidden" name="community" value=community />
                        <input type="hidden" name="report" value=need.id />
                        <button type="submit" class="button button--secondary">
                            {t!(i18n, osl_map.take)}
                        </button>
                    </ActionForm>
                }
                .into_any(),
            };
            view! {
                <tr>
                    <td>{warsaw_display(need.created_at)}</td>
                    <td>{need.area.label(i18n)}</td>
                    <td>{need.target_group.label(i18n)}</td>
                    <td>{need.place}</td>
                    <td>{need.description}</td>
                    <td>{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ScrollTable
            id="reported-caption"
            caption=t_string!(i18n, osl_map.reported).to_string()
            caption_hidden=true
            headings=vec![
                t_string!(i18n, osl_map.reported_at).to_string(),
                t_string!(i18n, catalogue.filter_area).to_string(),
                t_string!(i18n, catalogue.filter_group).to_string(),
                t_string!(i18n, osl_map.place).to_string(),
                t_string!(i18n, osl_map.reported_need).to_string(),
                t_string!(i18n, osl_map.actions).to_string(),
            ]
        >
            {rows}
        </ScrollTable>
    }
    .into_any()
}

#[component]
fn ProfileForm(community: String, profile: CommunityProfile) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveCommunityProfile>::new();
    let error = last_error(action);
    let figure = |n: Option<u32>| Signal::stored(n.map(|n| n.to_string()).unwrap_or_default());
    view! {
        <h2>{t!(i18n, osl_map.profile_edit)}</h2>
        <ErrorSummary error />
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="community" value=community />
            <TextArea id="characteristics" name="input[characteristics]" value=profile.characteristics error>
                {t!(i18n, osl_map.characteristics)}
            </TextArea>
            <TextField id="population" name="input[population]" kind="number" value=figure(profile.population) error>
                {t!(i18n, osl_map.population)}
            </TextField>
            <TextField id="seniors" name="input[seniors]" kind="number" value=figure(profile.seniors) error>
                {t!(i18n, osl_map.seniors)}
            </TextField>
            <TextField id="children" name="input[children]" kind="number" value=figure(profile.children) error>
                {t!(i18n, osl_map.children)}
            </TextField>
            <TextField id="disabled" name="input[disabled]" kind="number" value=figure(profile.disabled) error>
                {t!(i18n, osl_map.disabled)}
            </TextField>
            <TextArea id="demography" name="input[demography]" value=profile.demography error>
                {t!(i18n, osl_map.demography)}
            </TextArea>
            <TextArea id="potential" name="input[potential]" value=profile.potential error>
                {t!(i18n, osl_map.potential)}
            </TextArea>
            <TextArea id="first_plan" name="input[first_plan]" value=profile.first_plan error>
                {t!(i18n, osl_map.first_plan)}
            </TextArea>
            <button type="submit" class="button">{t!(i18n, osl_map.profile_save)}</button>
        </ActionForm>
    }
}
