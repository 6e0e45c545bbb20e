//! Fresh databases for tests: `for_each_backend(|store| async { … })` runs the body once per
//! backend listed in `CUS_TEST_BACKENDS` (default `sqlite`; CI uses `sqlite,postgres`), each time
//! on a new, migrated database that is dropped afterwards, also when the test panics.

use super::{Backend, Store};
use std::future::Future;

/// PostgreSQL server used for test databases; override with `CUS_TEST_POSTGRES_URL`.
const DEFAULT_POSTGRES: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub fn test_backends() -> Vec<Backend> {
    let list = std::env::var("CUS_TEST_BACKENDS").unwrap_or_else(|_| "sqlite".into());
    list.split(',')
        .filter_map(|name| match name.trim() {
            "sqlite" => Some(Backend::Sqlite),
            "postgres" | "postgresql" => Some(Backend::Postgres),
            "" => None,
            other => panic!("CUS_TEST_BACKENDS: unknown backend {other:?}"),
        })
        .collect()
}

/// A migrated database that exists only for one test.
pub struct TestDatabase {
    pub store: Store,
    pub url: String,
    /// Taken by `drop_database`; still here when a test panicked, for `Drop` to clean up.
    cleanup: Option<Cleanup>,
}

enum Cleanup {
    Dir(std::path::PathBuf),
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    pub async fn create(backend: Backend) -> Self {
        Self::create_keyed(backend, &super::Keys::generate()).await
    }

    /// A fresh database whose store holds the key `key` (base64), so a server started on the
    /// same database with `secrets_key = key` reads what the test wrote.
    pub async fn create_keyed(backend: Backend, key: &str) -> Self {
        let (url, cleanup) = match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(format!("cus-test-{}", super::new_id()));
                std::fs::create_dir_all(&dir).expect("temp dir");
                let url = format!("sqlite://{}/cus.db", dir.display());
                (url, Cleanup::Dir(dir))
            }
            Backend::Postgres => {
                let admin_url = std::env::var("CUS_TEST_POSTGRES_URL")
                    .unwrap_or_else(|_| DEFAULT_POSTGRES.into());
                let name = format!("cus_test_{}", super::new_id().replace('-', ""));
                let admin = Store::connect(&admin_url)
                    .await
                    .expect("PostgreSQL for tests");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(admin.pool())
                    .await
                    .expect("create test database");
                admin.close().await;
                let base = admin_url
                    .rsplit_once('/')
                    .map(|(b, _)| b)
                    .unwrap_or(&admin_url);
                (
                    format!("{base}/{name}"),
                    Cleanup::Postgres { admin_url, name },
                )
            }
        };
        let keys = super::Keys::from_base64(key).expect("a test key");
        let store = Store::connect(&url)
            .await
            .expect("connect test database")
            .with_keys(keys);
        store.migrate().await.expect("migrate test database");
        TestDatabase {
            store,
            url,
            cleanup: Some(cleanup),
        }
    }

    pub async fn drop_database(mut self) {
        self.store.close().await;
        if let Some(cleanup) = self.cleanup.take() {
            cleanup.run().await;
        }
    }
}

impl Cleanup {
    async fn run(self) {
        match self {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Postgres { admin_url, name } => {
                if let Ok(admin) = Store::connect(&admin_url).await {
                    // FORCE ends the connections a panicked test left open.
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(admin.pool())
                        .await;
                    admin.close().await;
                }
            }
        }
    }
}

/// A test that panicked never reached `drop_database`: the database is dropped here, on a
/// thread of its own (the test's runtime is unwinding and cannot run it).
impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some(cleanup) = self.cleanup.take() else {
            return;
        };
        let dropped = std::thread::spawn(move || {
            if let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                runtime.block_on(cleanup.run());
            }
        });
        let _ = dropped.join();
    }
}

/// Runs `body` on a fresh database of every configured backend.
pub async fn for_each_backend<F, Fut>(body: F)
where
    F: Fn(Store) -> Fut,
    Fut: Future<Output = ()>,
{
    for backend in test_backends() {
        let db = TestDatabase::create(backend).await;
        body(db.store.clone()).await;
        db.drop_database().await;
    }
}

/// Drops the audit trail's append-only triggers, as someone holding the database owner's
/// rights could, so a test can show that the hash chain still reveals what they change.
pub async fn act_as_database_owner(store: &Store) {
    let statements: &[&str] = match store.backend() {
        Backend::Sqlite => &[
            "DROP TRIGGER audit_log_no_update",
            "DROP TRIGGER audit_log_no_delete",
        ],
        Backend::Postgres => &["DROP TRIGGER audit_log_no_change ON audit_log"],
    };
    for statement in statements {
        sqlx::query(statement)
            .execute(store.pool())
            .await
            .expect("drop the audit triggers");
    }
}
