use crate::app::CentreResource;
use crate::centre::CentreInfo;
use leptos::prelude::*;
use leptos_meta::Title;

/// The page `<title>`: "what this page is — centre name" (WCAG 2.4.2).
#[component]
pub fn PageTitle(#[prop(into)] text: Signal<String>) -> impl IntoView {
    view! { <WithCentre render=move |c| view! { <Title text=format!("{} — {}", text.get(), c.name) /> } /> }
}

/// Renders `render` with the centre's public information once it has loaded.
#[component]
pub fn WithCentre<F, V>(render: F) -> impl IntoView
where
    F: Fn(CentreInfo) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let centre = expect_context::<CentreResource>();
    view! { <Suspense>{move || Suspend::new(async move { centre.await.ok().map(render) })}</Suspense> }
}
