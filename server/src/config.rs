//! Typed configuration: defaults → `cus.toml` (optional) → environment variables.

use app::centre::CentreInfo;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;

#[derive(Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// `sqlite://path` (the default, created on first start) or `postgres://…`.
    pub database_url: String,
    pub listen: SocketAddr,
    pub log_format: LogFormat,
    /// Set `Secure` on cookies: turn on whenever the portal is served over HTTPS.
    pub secure_cookies: bool,
    /// Reverse proxies whose `X-Forwarded-For` is believed (for the per-address limits and
    /// the audit trail). Empty: the peer address is the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Load the demo data when the database is empty.
    pub demo_data: bool,
    /// Folder for applicants' attachments; never served directly.
    pub files_dir: std::path::PathBuf,
    pub smtp: Option<SmtpConfig>,
    pub centre: CentreInfo,
    /// Lets the end-to-end tests move the server's clock (`POST /test/clock`). Never turn it on
    /// for a real centre: anyone could change what "today" is.
    pub test_clock: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Human,
    Json,
}

#[derive(Clone, Serialize, Deserialize)]
pub struct SmtpConfig {
    pub host: String,
    #[serde(default = "default_smtp_port")]
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<String>,
    pub from: String,
    /// `starttls` (default), `tls` or `none` (only for a relay on localhost).
    #[serde(default = "default_smtp_security")]
    pub security: String,
}

fn default_smtp_port() -> u16 {
    587
}

fn default_smtp_security() -> String {
    "starttls".into()
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: "sqlite://data/cus.db".into(),
            listen: SocketAddr::from(([127, 0, 0, 1], 3000)),
            log_format: LogFormat::Human,
            secure_cookies: false,
            trusted_proxies: Vec::new(),
            demo_data: true,
            files_dir: "data/files".into(),
            smtp: None,
            centre: CentreInfo::default(),
            test_clock: false,
        }
    }
}

// Secrets (database password, SMTP password) must never reach the log.
impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database", &redact_url(&self.database_url))
            .field("listen", &self.listen)
            .field("log_format", &self.log_format)
            .field("secure_cookies", &self.secure_cookies)
            .field("smtp_host", &self.smtp.as_ref().map(|s| &s.host))
            .field("test_clock", &self.test_clock)
            .field("centre", &self.centre.name)
            .finish()
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

impl Config {
    /// Reads `cus.toml` (or the file in `CUS_CONFIG`) and the environment. Environment names:
    /// `DATABASE_URL`, `CUS_LISTEN`, `CUS_LOG_FORMAT`, `CUS_SECURE_COOKIES`, `CUS_DEMO_DATA`,
    /// `CUS_SMTP__HOST` … and `CUS_CENTRE__NAME` … for nested keys.
    pub fn load() -> Result<Self, Box<figment::Error>> {
        let file = std::env::var("CUS_CONFIG").unwrap_or_else(|_| "cus.toml".into());
        Self::figment(&file).extract().map_err(Box::new)
    }

    fn figment(file: &str) -> Figment {
        let mut figment = Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::file(file))
            .merge(Env::prefixed("CUS_").split("__"));
        if let Ok(url) = std::env::var("DATABASE_URL") {
            figment = figment.merge(("database_url", url));
        }
        // cargo-leptos tells the server where to listen through LEPTOS_SITE_ADDR.
        if let (Ok(addr), Err(_)) = (
            std::env::var("LEPTOS_SITE_ADDR"),
            std::env::var("CUS_LISTEN"),
        ) {
            figment = figment.merge(("listen", addr));
        }
        figment
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact_url("postgres://cus:s3cret@db:5432/cus"),
            "postgres://cus:***@db:5432/cus"
        );
        assert_eq!(redact_url("sqlite://data/cus.db"), "sqlite://data/cus.db");
        assert_eq!(redact_url("postgres://cus@db/cus"), "postgres://cus@db/cus");
    }

    #[test]
    fn debug_hides_secrets() {
        let config = Config {
            database_url: "postgres://u:topsecret@h/db".into(),
            ..Config::default()
        };
        assert!(!format!("{config:?}").contains("topsecret"));
    }

    #[test]
    fn file_overrides_defaults() {
        let dir = std::env::temp_dir().join(format!("cus-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("cus.toml");
        std::fs::write(
            &path,
            "listen = \"0.0.0.0:8080\"\nlog_format = \"json\"\n[centre]\nname = \"CUS Testowo\"\n",
        )
        .unwrap();
        let config: Config = Config::figment(path.to_str().unwrap()).extract().unwrap();
        assert_eq!(config.listen.port(), 8080);
        assert_eq!(config.log_format, LogFormat::Json);
        assert_eq!(config.centre.name, "CUS Testowo");
        assert_eq!(
            config.centre.city, "Dębica",
            "unset keys keep their defaults"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
