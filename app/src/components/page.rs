use crate::app::CentreResource;
use leptos::prelude::*;
use leptos_meta::Title;

/// The page `<title>`: "what this page is — centre name" (WCAG 2.4.2).
#[component]
pub fn PageTitle(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let centre = expect_context::<CentreResource>();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let name = centre.await.map(|c| c.name).unwrap_or_default();
                let text = text.get();
                view! { <Title text=format!("{text} — {name}") /> }
            })}
        </Suspense>
    }
}
