//! The HTML document, the router and the routes of every room.

use crate::accessibility::AccessibilityStatementPage;
use crate::applications::case_pages::{MyCasePage, MyCasesPage, RegisterApplicationPage};
use crate::applications::wizard_pages::{StartApplicationPage, SubmittedPage, WizardPage};
use crate::audit::pages::AuditLogPage;
use crate::cases::pages::{InboxPage, ResignationsPage, StaffCasePage};
use crate::cases::qualification_pages::QualifyPage;
use crate::catalogue::pages::{ProvidersPage, ServicePage, ServicesPage};
use crate::catalogue::self_check::SelfCheckPage;
use crate::centre::{CentreResource, load_centre_info};
use crate::components::layout::Layout;
use crate::help::{HelpPage, StaffGuidePage, StaffHelpPage};
use crate::i18n::I18nContextProvider;
use crate::identity::accounts_pages::{AccountPage, AccountsPage, NewAccountPage};
use crate::identity::pages::{LoginPage, StaffHomePage};
use crate::identity::permissions_page::PermissionsPage;
use crate::identity::profile_pages::{ProfilePage, SessionsPage};
use crate::identity::registration_pages::{
    CheckInboxPage, ConfirmEmailPage, NewPasswordPage, PasswordResetRequestPage, RegisterPage,
    ResetLinkSentPage,
};
use crate::identity::second_factor_pages::{
    RecoveryCodesPage, SecondFactorPage, TotpEnrolmentPage,
};
use crate::needs::pages::{NeedsReportPage, NeedsReportSentPage, NeedsTriagePage};
use crate::privacy::pages::DataProtectionPage;
use crate::programme::editing_pages::{ProgrammeEditPage, ProgrammeEndPage, ProgrammeItemPage};
use crate::programme::pages::{NewProgrammePage, ProgrammePage, ProgrammesPage, ServiceEditPage};
use crate::shell::{ContactPage, HomePage, NotFoundPage};
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The server-rendered document around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy(&options);
    let bundle = ships_bundle().then(|| view! { <HydrationScripts options=options.clone() /> });
    view! {
        <!DOCTYPE html>
        <html class=display_class()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="deklaracja-dostępności" content="/deklaracja-dostepnosci" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HashedStylesheet options=options.clone() id="leptos" />
                <AutoReload options=options.clone() />
                {bundle}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// A strict CSP: scripts only with this response's nonce (Leptos adds it to its own scripts),
/// no framing, forms only to this site.
#[cfg(feature = "ssr")]
fn set_content_security_policy(options: &LeptosOptions) {
    use leptos::nonce::use_nonce;
    let (Some(nonce), Some(response)) =
        (use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    // `cargo leptos watch` reloads the page over a websocket on the reload port.
    let connect = match options.env {
        leptos::config::Env::DEV => "'self' ws:",
        leptos::config::Env::PROD => "'self'",
    };
    let policy = format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src {connect}; \
         frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Whether a page is sent with the browser bundle, as the server decided for its request. The
/// public portal, for a visitor not signed in, is sent without it: it is rendered on the server
/// and its forms work without JavaScript, and a first visit downloads tens of kilobytes instead
/// of the bundle's megabyte and a half. Staff pages and signed-in visitors get the bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShipsBundle(pub bool);

fn ships_bundle() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<ShipsBundle>().copied())
            .is_none_or(|ships| ships.0)
    }
    #[cfg(not(feature = "ssr"))]
    true
}

/// High-contrast and larger-text classes from the visitor's cookie (server side only).
fn display_class() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                let header = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
                Some(crate::preferences::DisplayPrefs::from_cookie_header(header).html_class())
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    String::new()
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let centre: CentreResource = OnceResource::new(load_centre_info());
    provide_context(centre);

    view! {
        <I18nContextProvider>
            <Router>
                <Layout>
                    <Routes fallback=|| view! { <NotFoundPage /> }>
                        <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                        <Route path=path!("/kontakt") view=ContactPage ssr=SsrMode::Async />
                        <Route path=path!("/uslugi") view=ServicesPage ssr=SsrMode::Async />
                        <Route path=path!("/uslugi/:id") view=ServicePage ssr=SsrMode::Async />
                        <Route path=path!("/realizatorzy") view=ProvidersPage ssr=SsrMode::Async />
                        <Route path=path!("/sprawdz") view=SelfCheckPage ssr=SsrMode::Async />
                        <Route path=path!("/wnioski/nowy") view=StartApplicationPage ssr=SsrMode::Async />
                        <Route path=path!("/wnioski/:id/zlozono") view=SubmittedPage ssr=SsrMode::Async />
                        <Route path=path!("/wnioski/:id/:step") view=WizardPage ssr=SsrMode::Async />
                        <Route path=path!("/moje-sprawy") view=MyCasesPage ssr=SsrMode::Async />
                        <Route path=path!("/moje-sprawy/:id") view=MyCasePage ssr=SsrMode::Async />
                        <Route path=path!("/zgloszenie-potrzeby") view=NeedsReportPage ssr=SsrMode::Async />
                        <Route path=path!("/wydarzenia") view=crate::community::calendar_pages::CalendarPage ssr=SsrMode::Async />
                        <Route path=path!("/wydarzenia/:id") view=crate::community::calendar_pages::ActivityPage ssr=SsrMode::Async />
                        <Route path=path!("/moje-wydarzenia") view=crate::community::participation_pages::MyActivitiesPage ssr=SsrMode::Async />
                        <Route path=path!("/wydarzenia/zapis/:token") view=crate::community::calendar_pages::RegistrationPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/spolecznosci") view=crate::community::staff_pages::CommunitiesPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/spolecznosci/nowa") view=crate::community::staff_pages::NewCommunityPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/spolecznosci/:id") view=crate::community::staff_pages::CommunityPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/spolecznosci/:id/mapa") view=crate::community::diagnosis_pages::CommunityMapPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/spolecznosci/:id/plan") view=crate::community::plan_pages::OslPlanPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/wydarzenia/:id") view=crate::community::staff_pages::StaffActivityPage ssr=SsrMode::Async />
                        <Route path=path!("/wolontariat") view=crate::community::volunteer_pages::VolunteerOfferPage ssr=SsrMode::Async />
                        <Route path=path!("/wolontariat/:token") view=crate::community::volunteer_pages::MyVolunteeringPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/wolontariusze") view=crate::community::volunteer_pages::VolunteersPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/wolontariusze/:id") view=crate::community::volunteer_pages::VolunteerPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/zgloszenie-potrzeby/wyslano")
                            view=NeedsReportSentPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/pracownik/wnioski/nowy")
                            view=RegisterApplicationPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/pracownik/potrzeby") view=NeedsTriagePage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/sprawy") view=InboxPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/rezygnacje") view=ResignationsPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/wzory-decyzji") view=crate::cases::templates::DecisionTemplatesPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/sprawy/:id") view=StaffCasePage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/plany") view=crate::ipus::desk_pages::PlansDeskPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/upowaznienia-ipus") view=crate::ipus::authorisations::PlanAuthorisationsPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/realizacja-ipus") view=crate::ipus::summary_pages::PlanSummaryPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/spotkania-koordynatorow") view=crate::ipus::meetings_pages::CoordinatorMeetingsPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/plany/:id") view=crate::ipus::pages::PlanPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/pracownik/sprawy/:id/uslugi/:service")
                            view=QualifyPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/logowanie") view=LoginPage ssr=SsrMode::Async />
                        <Route path=path!("/logowanie/kod") view=SecondFactorPage ssr=SsrMode::Async />
                        <Route path=path!("/logowanie/nowy-kod") view=TotpEnrolmentPage ssr=SsrMode::Async />
                        <Route path=path!("/rejestracja") view=RegisterPage ssr=SsrMode::Async />
                        <Route path=path!("/rejestracja/sprawdz-poczte") view=CheckInboxPage ssr=SsrMode::Async />
                        <Route path=path!("/potwierdz-email") view=ConfirmEmailPage ssr=SsrMode::Async />
                        <Route path=path!("/haslo") view=PasswordResetRequestPage ssr=SsrMode::Async />
                        <Route path=path!("/haslo/wyslano") view=ResetLinkSentPage ssr=SsrMode::Async />
                        <Route path=path!("/nowe-haslo") view=NewPasswordPage ssr=SsrMode::Async />
                        <Route path=path!("/moje-konto") view=ProfilePage ssr=SsrMode::Async />
                        <Route path=path!("/moje-konto/sesje") view=SessionsPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik") view=StaffHomePage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/kody-odzyskiwania") view=RecoveryCodesPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/audyt") view=AuditLogPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/iod") view=DataProtectionPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/konta") view=AccountsPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/pracownik/konta/nowe")
                            view=NewAccountPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/pracownik/konta/:id")
                            view=AccountPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/pomoc") view=HelpPage />
                        <Route path=path!("/pracownik/pomoc") view=StaffHelpPage />
                        <Route path=path!("/pracownik/pomoc/:guide") view=StaffGuidePage />
                        <Route path=path!("/pracownik/programy") view=ProgrammesPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/programy/nowy") view=NewProgrammePage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/programy/:id") view=ProgrammePage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/programy/:id/edycja") view=ProgrammeEditPage ssr=SsrMode::Async />
                        <Route path=path!("/pracownik/programy/:id/zakonczenie") view=ProgrammeEndPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/pracownik/programy/:id/pakiety/:package")
                            view=ProgrammeItemPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/pracownik/programy/:id/dzialania/:activity")
                            view=ProgrammeItemPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/pracownik/programy/:id/nowa-usluga")
                            view=ServiceEditPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/pracownik/programy/:id/uslugi/:service")
                            view=ServiceEditPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/pracownik/uprawnienia")
                            view=PermissionsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/deklaracja-dostepnosci")
                            view=AccessibilityStatementPage
                            ssr=SsrMode::Async
                        />
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}
