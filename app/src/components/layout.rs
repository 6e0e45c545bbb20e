//! The frame of every page: skip link, header with navigation, language and display switches,
//! the main landmark and the footer.

use crate::centre::CentreInfo;
use crate::centre::CentreResource;
use crate::components::idle::IdleWarning;
use crate::components::page::WithCentre;
use crate::i18n::*;
use crate::identity::profile::{SignedIn, session_user};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#tresc" rel="external">{t!(i18n, layout.skip_to_content)}</a>
        <SiteHeader />
        <main id="tresc" tabindex="-1">{children()}</main>
        <SiteFooter />
    }
}

/// The path and query of the current page, to come back to after a switch.
fn current_path() -> Signal<String> {
    let location = use_location();
    Signal::derive(move || {
        // The router's query string comes without its "?" (on the server and in the browser).
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        match search {
            "" => location.pathname.get(),
            search => format!("{}?{search}", location.pathname.get()),
        }
    })
}

fn encoded(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let centre = expect_context::<CentreResource>();
    view! {
        <header class="site-header">
            <div class="site-header__tools">
                <LanguageSwitcher />
                <DisplaySettings />
            </div>
            <div class="site-header__brand">
                <a href="/" class="site-header__name">
                    <Suspense fallback=move || {
                        view! { {t!(i18n, layout.portal_name)} }
                    }>
                        {move || Suspend::new(async move {
                            centre.await.map(|c| c.name).unwrap_or_default()
                        })}
                    </Suspense>
                </a>
                <span class="site-header__tagline">{t!(i18n, layout.tagline)}</span>
            </div>
            <MainNav />
        </header>
    }
}

#[component]
fn MainNav() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let current =
        move |href: &'static str| move || (location.pathname.get() == href).then_some("page");
    // Asked again after every navigation, so the link follows signing in and out.
    let signed_in = Resource::new(move || location.pathname.get(), |_| session_user());
    view! {
        <nav class="main-nav" aria-label=move || t_string!(i18n, layout.main_nav_label).to_string()>
            <ul>
                <li>
                    <a href="/" aria-current=current("/")>
                        {t!(i18n, nav.home)}
                    </a>
                </li>
                <li>
                    <a href="/uslugi" aria-current=current("/uslugi")>
                        {t!(i18n, nav.services)}
                    </a>
                </li>
                <li>
                    <a href="/realizatorzy" aria-current=current("/realizatorzy")>
                        {t!(i18n, nav.providers)}
                    </a>
                </li>
                <li>
                    <a href="/wydarzenia" aria-current=current("/wydarzenia")>
                        {t!(i18n, nav.events)}
                    </a>
                </li>
                <li>
                    <a href="/zgloszenie-potrzeby" aria-current=current("/zgloszenie-potrzeby")>
                        {t!(i18n, nav.report_need)}
                    </a>
                </li>
                <li>
                    <a href="/kontakt" aria-current=current("/kontakt")>
                        {t!(i18n, nav.contact)}
                    </a>
                </li>
                <Transition fallback=move || view! { <AccountLink signed_in=None /> }>
                    {move || Suspend::new(async move {
                        let signed_in = signed_in.await.ok().flatten();
                        view! { <AccountLink signed_in /> }
                    })}
                </Transition>
            </ul>
        </nav>
        <Transition>
            {move || Suspend::new(async move {
                signed_in.await.ok().flatten().map(|_| view! { <IdleWarning /> })
            })}
        </Transition>
    }
}

/// "Sign in", or the way to one's own area once signed in.
#[component]
fn AccountLink(signed_in: Option<SignedIn>) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let (href, staff) = match &signed_in {
        None => ("/logowanie", false),
        Some(who) if who.staff => ("/pracownik", true),
        Some(_) => ("/moje-konto", false),
    };
    let current = move || location.pathname.get().starts_with(href).then_some("page");
    let resident = signed_in.as_ref().is_some_and(|who| !who.staff);
    let cases_current = move || {
        location
            .pathname
            .get()
            .starts_with("/moje-sprawy")
            .then_some("page")
    };
    view! {
        <Show when=move || resident>
            <li>
                <a href="/moje-sprawy" aria-current=cases_current>
                    {t!(i18n, nav.my_cases)}
                </a>
            </li>
        </Show>
        <li>
            <a href=href aria-current=current>
                {match (signed_in.is_some(), staff) {
                    (false, _) => t!(i18n, nav.login).into_any(),
                    (true, true) => t!(i18n, staff.title).into_any(),
                    (true, false) => t!(i18n, nav.account).into_any(),
                }}
            </a>
        </li>
    }
}

/// Links that set the language cookie and come back; they work without JavaScript.
#[component]
fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let here = current_path();
    let link = move |locale: Locale, code: &'static str, name: &'static str| {
        let is_current = move || i18n.get_locale() == locale;
        view! {
            <li>
                <a
                    href=move || format!("/jezyk/{code}?powrot={}", encoded(&here.get()))
                    rel="external"
                    lang=code
                    hreflang=code
                    aria-current=move || is_current().then_some("true")
                >
                    {name}
                </a>
            </li>
        }
    };
    view! {
        <nav class="language-switcher" aria-label=move || t_string!(i18n, layout.language_label).to_string()>
            <ul>
                {link(Locale::pl, "pl", "Polski")}
                {link(Locale::uk, "uk", "Українська")}
                {link(Locale::en, "en", "English")}
            </ul>
        </nav>
    }
}

/// High contrast and larger text: a plain GET form, so it works without JavaScript.
#[component]
fn DisplaySettings() -> impl IntoView {
    let i18n = use_i18n();
    let here = current_path();
    view! {
        <form class="display-settings" method="get" action="/preferencje">
            <input type="hidden" name="powrot" value=here />
            <button type="submit" name="przelacz" value="kontrast">
                {t!(i18n, layout.toggle_contrast)}
            </button>
            <button type="submit" name="przelacz" value="tekst">
                {t!(i18n, layout.toggle_text_size)}
            </button>
        </form>
    }
}

#[component]
fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <WithCentre render=|c: CentreInfo| {
                view! {
                    <address class="site-footer__address">
                        <strong>{c.name.clone()}</strong>
                        <br />
                        {c.address_line()}
                        <br />
                        <a href=c.phone_href()>{c.phone.clone()}</a>
                        " · "
                        <a href=c.email_href()>{c.email.clone()}</a>
                    </address>
                }
            } />
            <nav aria-label=move || t_string!(i18n, layout.footer_nav_label).to_string()>
                <ul>
                    <li>
                        <a href="/deklaracja-dostepnosci">{t!(i18n, nav.accessibility)}</a>
                    </li>
                    <li>
                        <a href="/kontakt">{t!(i18n, nav.contact)}</a>
                    </li>
                    <li>
                        <a href="/pomoc">{t!(i18n, help.staff_link)}</a>
                    </li>
                </ul>
            </nav>
        </footer>
    }
}
