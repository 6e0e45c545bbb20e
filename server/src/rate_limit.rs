//! Per-address rate limits on the public forms and the expensive routes (governor's GCRA, kept
//! in memory by each instance). A limited request gets 429 with `Retry-After`: a Polish page
//! (in the visitor's language) for a browser, the `TooManyRequests` error for a server-function
//! call made by the page's script. Per-account limits on sign-in live with the sign-in itself.

use app::error::AppError;
use app::state::ClientIp;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use serde::{Deserialize, Serialize};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

/// What kind of request a limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limited {
    SignIn,
    SecondFactor,
    Registration,
    PasswordReset,
    NeedsReport,
    Application,
    Upload,
    Document,
    Search,
}

impl Limited {
    const ALL: [Limited; 9] = [
        Limited::SignIn,
        Limited::SecondFactor,
        Limited::Registration,
        Limited::PasswordReset,
        Limited::NeedsReport,
        Limited::Application,
        Limited::Upload,
        Limited::Document,
        Limited::Search,
    ];

    /// The kind of a request, or `None` when it is not limited here.
    pub fn of(method: &Method, path: &str) -> Option<Limited> {
        if *method == Method::POST {
            return match path {
                "/api/login" => Some(Limited::SignIn),
                "/api/second_factor" | "/api/totp_confirm" => Some(Limited::SecondFactor),
                "/api/register" | "/api/confirm_email" => Some(Limited::Registration),
                "/api/password_reset_request" | "/api/password_reset" => {
                    Some(Limited::PasswordReset)
                }
                // The public forms anyone may send without an account.
                "/api/report_need" | "/api/sign_up_for_activity" | "/api/offer_volunteering" => {
                    Some(Limited::NeedsReport)
                }
                "/api/submit_application" => Some(Limited::Application),
                "/api/catalogue" | "/api/self_check" => Some(Limited::Search),
                p if p.starts_with("/wnioski/") && p.ends_with("/zalaczniki/nowy") => {
                    Some(Limited::Upload)
                }
                _ => None,
            };
        }
        if *method != Method::GET {
            return None;
        }
        match path {
            "/uslugi" | "/sprawdz" => Some(Limited::Search),
            p if p.starts_with("/api/hsds/") => Some(Limited::Search),
            p if p.starts_with("/wnioski/") && is_document(p) => Some(Limited::Document),
            _ => None,
        }
    }
}

/// The generated documents (Typst PDFs): receipts, decisions, records, letters, plans.
fn is_document(path: &str) -> bool {
    path.ends_with("/potwierdzenie.pdf")
        || ["/decyzje/", "/rozpoznanie/", "/przekazanie/", "/plan/"]
            .iter()
            .any(|part| path.contains(part))
}

/// How many requests of each kind one address may send in each period. The defaults leave
/// room for a centre's staff behind one public address.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct RateLimitConfig {
    pub enabled: bool,
    pub sign_in_per_15_min: u32,
    pub second_factor_per_15_min: u32,
    pub registration_per_hour: u32,
    pub password_reset_per_hour: u32,
    pub needs_report_per_hour: u32,
    pub application_per_hour: u32,
    pub upload_per_hour: u32,
    pub document_per_minute: u32,
    pub search_per_minute: u32,
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        RateLimitConfig {
            enabled: true,
            sign_in_per_15_min: 60,
            second_factor_per_15_min: 60,
            registration_per_hour: 20,
            password_reset_per_hour: 10,
            needs_report_per_hour: 20,
            application_per_hour: 120,
            upload_per_hour: 200,
            document_per_minute: 60,
            search_per_minute: 300,
        }
    }
}

impl RateLimitConfig {
    /// No limits (the HTTP tests that send hundreds of requests from one address).
    pub fn off() -> Self {
        RateLimitConfig {
            enabled: false,
            ..Default::default()
        }
    }

    /// The count and the period it is spread over.
    fn allowance(&self, kind: Limited) -> (u32, Duration) {
        const MINUTE: Duration = Duration::from_secs(60);
        const QUARTER: Duration = Duration::from_secs(15 * 60);
        const HOUR: Duration = Duration::from_secs(3600);
        match kind {
            Limited::SignIn => (self.sign_in_per_15_min, QUARTER),
            Limited::SecondFactor => (self.second_factor_per_15_min, QUARTER),
            Limited::Registration => (self.registration_per_hour, HOUR),
            Limited::PasswordReset => (self.password_reset_per_hour, HOUR),
            Limited::NeedsReport => (self.needs_report_per_hour, HOUR),
            Limited::Application => (self.application_per_hour, HOUR),
            Limited::Upload => (self.upload_per_hour, HOUR),
            Limited::Document => (self.document_per_minute, MINUTE),
            Limited::Search => (self.search_per_minute, MINUTE),
        }
    }
}

/// One keyed limiter per kind of request, keyed by the client's address.
pub struct RateLimits {
    limiters: Option<Vec<(Limited, DefaultKeyedRateLimiter<String>)>>,
}

impl RateLimits {
    pub fn new(config: &RateLimitConfig) -> Arc<Self> {
        let limiters = config.enabled.then(|| {
            Limited::ALL
                .iter()
                .map(|&kind| {
                    let (count, period) = config.allowance(kind);
                    let count = NonZeroU32::new(count.max(1)).unwrap_or(NonZeroU32::MIN);
                    // `count` at once, then one more every period / count.
                    let quota = Quota::with_period(period / count.get())
                        .unwrap_or_else(|| Quota::per_second(count))
                        .allow_burst(count);
                    (kind, DefaultKeyedRateLimiter::keyed(quota))
                })
                .collect()
        });
        Arc::new(RateLimits { limiters })
    }

    /// `Err(wait)` when this address has used up its allowance for `kind`.
    fn check(&self, kind: Limited, key: &str) -> Result<(), Duration> {
        let Some(limiter) = self
            .limiters
            .as_ref()
            .and_then(|all| all.iter().find(|(k, _)| *k == kind))
            .map(|(_, limiter)| limiter)
        else {
            return Ok(());
        };
        limiter
            .check_key(&key.to_owned())
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }

    /// Forgets addresses that have their whole allowance back (memory stays bounded).
    pub fn forget_idle(&self) {
        for (_, limiter) in self.limiters.iter().flatten() {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// Removes idle addresses every minute.
pub fn spawn_cleanup(limits: Arc<RateLimits>) {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(60)).await;
            limits.forget_idle();
        }
    });
}

/// An IPv6 client is counted by its /64 network (one household or device rotates addresses
/// inside it); IPv4 by its address.
fn client_key(ip: Option<&ClientIp>) -> String {
    let Some(ClientIp(text)) = ip else {
        return "unknown".into();
    };
    match text.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        _ => text.clone(),
    }
}

/// Middleware: lets the request through or answers 429.
pub async fn limit(
    State(limits): State<Arc<RateLimits>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(kind) = Limited::of(request.method(), request.uri().path()) else {
        return next.run(request).await;
    };
    let key = client_key(request.extensions().get::<ClientIp>());
    match limits.check(kind, &key) {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            tracing::warn!(?kind, path = %request.uri().path(), "rate limit reached");
            too_many_requests(request.headers(), wait)
        }
    }
}

/// 429 with `Retry-After` (whole seconds, rounded up): the Polish page for a browser's form,
/// the error as JSON for a script's server-function call.
fn too_many_requests(headers: &HeaderMap, wait: Duration) -> Response {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let retry_after = HeaderValue::from(seconds.max(1));
    let wants_page = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|accept| accept.contains("text/html"));
    let (content_type, body) = if wants_page {
        let locale = headers
            .get(header::COOKIE)
            .and_then(|v| v.to_str().ok())
            .and_then(|cookies| {
                app::preferences::cookie_value(cookies, app::preferences::LANGUAGE_COOKIE)
            })
            .map(app::preferences::locale_of)
            .unwrap_or_default();
        let minutes = seconds.div_ceil(60);
        (
            "text/html; charset=utf-8",
            app::shell::limited::too_many_requests_page(locale, minutes),
        )
    } else {
        let error = serde_json::to_string(&AppError::TooManyRequests).unwrap_or_default();
        ("application/json", error)
    };
    (
        StatusCode::TOO_MANY_REQUESTS,
        [
            (header::RETRY_AFTER, retry_after),
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_of_requests() {
        let post = Method::POST;
        let get = Method::GET;
        assert_eq!(Limited::of(&post, "/api/login"), Some(Limited::SignIn));
        assert_eq!(Limited::of(&get, "/api/login"), None);
        assert_eq!(
            Limited::of(&post, "/api/password_reset_request"),
            Some(Limited::PasswordReset)
        );
        assert_eq!(
            Limited::of(&post, "/wnioski/abc/zalaczniki/nowy"),
            Some(Limited::Upload)
        );
        assert_eq!(
            Limited::of(&get, "/wnioski/abc/potwierdzenie.pdf"),
            Some(Limited::Document)
        );
        assert_eq!(
            Limited::of(&get, "/wnioski/abc/decyzje/d1"),
            Some(Limited::Document)
        );
        assert_eq!(Limited::of(&get, "/wnioski/abc/zalaczniki/x"), None);
        assert_eq!(Limited::of(&get, "/uslugi"), Some(Limited::Search));
        assert_eq!(Limited::of(&get, "/uslugi/123"), None);
        assert_eq!(Limited::of(&get, "/"), None);
    }

    #[test]
    fn the_allowance_is_used_up_then_refused_with_a_wait() {
        let config = RateLimitConfig {
            password_reset_per_hour: 3,
            ..Default::default()
        };
        let limits = RateLimits::new(&config);
        for _ in 0..3 {
            assert!(limits.check(Limited::PasswordReset, "10.0.0.1").is_ok());
        }
        let wait = limits
            .check(Limited::PasswordReset, "10.0.0.1")
            .unwrap_err();
        assert!(wait > Duration::from_secs(60) && wait <= Duration::from_secs(1200));
        assert!(
            limits.check(Limited::PasswordReset, "10.0.0.2").is_ok(),
            "another address has its own allowance"
        );
        assert!(limits.check(Limited::SignIn, "10.0.0.1").is_ok());
        let off = RateLimits::new(&RateLimitConfig::off());
        for _ in 0..100 {
            assert!(off.check(Limited::PasswordReset, "10.0.0.1").is_ok());
        }
    }

    #[test]
    fn ipv6_counted_by_network() {
        let a = ClientIp("2001:db8:1:2:aaaa::1".into());
        let b = ClientIp("2001:db8:1:2:bbbb::2".into());
        assert_eq!(client_key(Some(&a)), client_key(Some(&b)));
        assert_eq!(client_key(Some(&ClientIp("10.1.2.3".into()))), "10.1.2.3");
    }

    #[test]
    fn a_limited_browser_gets_a_polish_page() {
        let response = too_many_requests(&HeaderMap::new(), Duration::from_millis(90_500));
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::RETRY_AFTER], "91");
        let mut script = HeaderMap::new();
        script.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        let response = too_many_requests(&script, Duration::from_secs(5));
        assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    }
}
