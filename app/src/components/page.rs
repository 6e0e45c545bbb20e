use crate::centre::CentreInfo;
use crate::centre::CentreResource;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

/// What a staff page shows when its data did not load: sign-in for visitors who are not signed
/// in (and back to `back` afterwards), the error notice otherwise.
pub fn page_failure(error: crate::error::AppError, back: &str) -> AnyView {
    use leptos_router::components::Redirect;
    match error {
        crate::error::AppError::Unauthenticated => {
            let path = format!("/logowanie?powrot={back}");
            view! { <Redirect path /> }.into_any()
        }
        error => view! { <ErrorNotice error /> }.into_any(),
    }
}

/// The page `<title>`: "what this page is — centre name" (WCAG 2.4.2).
#[component]
pub fn PageTitle(#[prop(into)] text: Signal<String>) -> impl IntoView {
    // Not inside a Suspense: a title registered after the head was written would be missing
    // from the server's page (it was, now and then, for visitors without JavaScript). The head
    // may be written after the page's reactive values are gone: the text as it was when the page
    // was made stands in for them then.
    let centre = expect_context::<CentreResource>();
    #[cfg(feature = "ssr")]
    let known_name = use_context::<crate::state::AppState>().map(|s| s.centre.name.clone());
    #[cfg(not(feature = "ssr"))]
    let known_name: Option<String> = None;
    let page = text.get_untracked();
    let title = move || {
        let page = text.try_get().unwrap_or_else(|| page.clone());
        let name = known_name.clone().or_else(|| {
            let info = centre.try_get().flatten().and_then(Result::ok);
            info.map(|c| c.name)
        });
        format!("{page} — {}", name.unwrap_or_default())
    };
    view! { <Title text=title /> }
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

/// What a page shows when loading its data failed.
#[component]
pub fn ErrorNotice(error: crate::error::AppError) -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(error.status_code()),
    ) {
        response.set_status(status);
    }
    let message = move || match error {
        crate::error::AppError::NotFound => t_string!(i18n, errors.not_found_text).to_string(),
        crate::error::AppError::Forbidden => t_string!(i18n, errors.forbidden_text).to_string(),
        crate::error::AppError::Unavailable => t_string!(i18n, errors.unavailable_text).to_string(),
        _ => t_string!(i18n, errors.internal_text).to_string(),
    };
    view! {
        <div class="notice notice--error" role="alert">
            <h2>{t!(i18n, errors.error_heading)}</h2>
            <p>{message}</p>
        </div>
    }
}
