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
    /// Load the demo data when the database is empty. Off unless asked for (`make run` and the
    /// tests ask); refused on an address other computers reach and behind HTTPS.
    pub demo_data: bool,
    /// The key kept outside the database (base64 of 32 bytes; `cus generate-key` makes one):
    /// it seals the staff's second-factor secrets and keys the audit chain. When unset, the key
    /// is read from `key_file`, which is created on first start.
    pub secrets_key: Option<String>,
    /// Where the key lives when `secrets_key` is unset (mode 0600; back it up apart from the
    /// database: without it no second factor opens and the audit chain cannot be verified).
    pub key_file: std::path::PathBuf,
    /// Folder for applicants' attachments; never served directly.
    pub files_dir: std::path::PathBuf,
    pub smtp: Option<SmtpConfig>,
    pub centre: CentreInfo,
    /// Per-address limits on sign-in, registration, resets, forms, uploads, documents and search.
    pub rate_limits: crate::rate_limit::RateLimitConfig,
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
            demo_data: false,
            secrets_key: None,
            key_file: "data/cus.key".into(),
            files_dir: "data/files".into(),
            smtp: None,
            centre: CentreInfo::default(),
            rate_limits: Default::default(),
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
            .field("rate_limits", &self.rate_limits.enabled)
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

impl Config {
    /// The key outside the database: `secrets_key`, else `key_file`, which is made when
    /// missing only if `may_create` (a database that has never had a key).
    pub fn keys(&self, may_create: bool) -> Result<app::store::Keys, String> {
        if let Some(text) = &self.secrets_key {
            return app::store::Keys::from_base64(text).map_err(|e| format!("secrets_key: {e}"));
        }
        let path = &self.key_file;
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound && !may_create => {
                return Err(format!(
                    "Brak klucza {} dla tej bazy: uruchom polecenie w folderze serwera albo \
                     wskaż klucz (CUS_KEY_FILE, CUS_SECRETS_KEY).",
                    path.display()
                ));
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                let text = app::store::Keys::generate();
                match write_private(path, &text) {
                    Ok(()) => {
                        tracing::warn!(file = %path.display(), "a new key was made; back it up apart from the database");
                        text
                    }
                    // Another process made it first: use theirs.
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        std::fs::read_to_string(path)
                            .map_err(|e| format!("{}: {e}", path.display()))?
                    }
                    Err(e) => return Err(format!("{}: {e}", path.display())),
                }
            }
            Err(err) => return Err(format!("{}: {err}", path.display())),
        };
        app::store::Keys::from_base64(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Settings that would expose residents' data, refused before the server starts.
    pub fn check_for_serving(&self) -> Result<(), String> {
        let loopback = self.listen.ip().is_loopback();
        if !loopback && !self.secure_cookies {
            return Err(format!(
                "Adres {} jest dostępny z innych komputerów, a secure_cookies jest wyłączone: \
                 portal musi działać za HTTPS (secure_cookies = true, CUS_SECURE_COOKIES=true).",
                self.listen
            ));
        }
        if self.demo_data {
            self.check_demo_allowed()?;
        }
        if self.test_clock && (self.secure_cookies || !loopback) {
            return Err(
                "test_clock służy tylko testom na tym komputerze: wymaga adresu \
                        lokalnego (127.0.0.1) i wyłączonego secure_cookies."
                    .into(),
            );
        }
        Ok(())
    }

    /// Demo accounts share one published password: only on this computer, never over HTTPS.
    pub fn check_demo_allowed(&self) -> Result<(), String> {
        if self.secure_cookies || !self.listen.ip().is_loopback() {
            return Err(
                "Dane demonstracyjne (wspólne, jawne hasło) można wczytać tylko na tym \
                        komputerze: adres lokalny (127.0.0.1) i secure_cookies wyłączone."
                    .into(),
            );
        }
        Ok(())
    }
}

/// Writes a file only its owner can read (the folder is created when missing).
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    // Written under another name and moved into place, so a process starting at the same time
    // never reads half a key (and the first one to move it wins).
    let partial = path.with_extension(format!("new-{}", std::process::id()));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&partial)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    std::fs::hard_link(&partial, path)?;
    std::fs::remove_file(&partial)
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
    fn production_safety_checks() {
        let local = Config::default();
        assert!(!local.demo_data, "no demo data unless asked for");
        assert!(local.check_for_serving().is_ok());
        let open = Config {
            listen: "0.0.0.0:3000".parse().unwrap(),
            ..Config::default()
        };
        assert!(open.check_for_serving().unwrap_err().contains("HTTPS"));
        let behind_proxy = Config {
            secure_cookies: true,
            ..open.clone()
        };
        assert!(behind_proxy.check_for_serving().is_ok());
        let demo_exposed = Config {
            demo_data: true,
            ..behind_proxy.clone()
        };
        assert!(demo_exposed.check_for_serving().is_err());
        let demo_over_https = Config {
            demo_data: true,
            secure_cookies: true,
            ..Config::default()
        };
        assert!(demo_over_https.check_demo_allowed().is_err());
        let demo_here = Config {
            demo_data: true,
            ..Config::default()
        };
        assert!(demo_here.check_for_serving().is_ok());
        let clock_exposed = Config {
            test_clock: true,
            ..behind_proxy
        };
        assert!(clock_exposed.check_for_serving().is_err());
    }

    #[test]
    fn the_key_file_is_made_once_and_kept() {
        let dir = std::env::temp_dir().join(format!("cus-key-{}", std::process::id()));
        let config = Config {
            key_file: dir.join("sub/cus.key"),
            ..Config::default()
        };
        assert!(config.keys(false).is_err(), "not made unless allowed");
        let first = config.keys(true).unwrap();
        let sealed = first.seal("sekret");
        assert_eq!(config.keys(false).unwrap().open(&sealed).unwrap(), "sekret");
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("sub/cus.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let wrong = Config {
            secrets_key: Some("za-krótki".into()),
            ..config
        };
        assert!(wrong.keys(true).is_err());
        std::fs::remove_dir_all(dir).unwrap();
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
