//! The `cus` binary's administration commands against a real SQLite file.

use std::io::Write;
use std::process::{Command, Stdio};

fn cus(dir: &std::path::Path, args: &[&str], stdin: &str) -> std::process::Output {
    cus_env(dir, args, stdin, &[])
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("cus-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn create_user_backup_and_restore() {
    let dir = temp_dir("backup");
    let out = cus(
        &dir,
        &[
            "create-user",
            "--email",
            "Anna@CUS.example",
            "--name",
            "Anna Nowak",
            "--role",
            "director",
        ],
        "bardzo-tajne-haslo\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        dir.join("cus.db").exists(),
        "the database file is created on first use"
    );

    let again = cus(
        &dir,
        &[
            "create-user",
            "--email",
            "anna@cus.example",
            "--name",
            "Anna",
            "--role",
            "director",
        ],
        "bardzo-tajne-haslo\n",
    );
    assert!(
        !again.status.success(),
        "the same e-mail cannot be used twice"
    );
    assert!(String::from_utf8_lossy(&again.stderr).contains("już istnieje"));

    let short = cus(
        &dir,
        &[
            "create-user",
            "--email",
            "b@cus.example",
            "--name",
            "B",
            "--role",
            "director",
        ],
        "krotkie\n",
    );
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("co najmniej 12"));

    let backup = dir.join("kopia.db");
    let out = cus(&dir, &["backup", backup.to_str().unwrap()], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(backup.exists());

    // A user added after the backup disappears when the backup is restored.
    let out = cus(
        &dir,
        &[
            "create-user",
            "--email",
            "c@cus.example",
            "--name",
            "C",
            "--role",
            "administrator",
        ],
        "bardzo-tajne-haslo\n",
    );
    assert!(out.status.success());
    let out = cus(&dir, &["restore", backup.to_str().unwrap()], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = cus(
        &dir,
        &[
            "create-user",
            "--email",
            "c@cus.example",
            "--name",
            "C",
            "--role",
            "administrator",
        ],
        "bardzo-tajne-haslo\n",
    );
    assert!(
        out.status.success(),
        "c@ was not in the backup, so it can be created again"
    );

    let garbage = dir.join("smieci.db");
    std::fs::write(&garbage, "to nie jest baza").unwrap();
    let out = cus(&dir, &["restore", garbage.to_str().unwrap()], "");
    assert!(
        !out.status.success(),
        "a file that is not a database is refused"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn unknown_role_is_refused() {
    let dir = temp_dir("role");
    let out = cus(
        &dir,
        &[
            "create-user",
            "--email",
            "x@cus.example",
            "--name",
            "X",
            "--role",
            "king",
        ],
        "bardzo-tajne-haslo\n",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Nieznana rola"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn audit_verify_detects_a_modified_row() {
    let dir = temp_dir("audit");
    for who in ["a", "b"] {
        let email = format!("{who}@cus.example");
        let out = cus(
            &dir,
            &[
                "create-user",
                "--email",
                &email,
                "--name",
                who,
                "--role",
                "director",
            ],
            "bardzo-tajne-haslo\n",
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = cus(&dir, &["audit", "verify"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("nienaruszony (2 wpisów)"));

    let db = dir.join("cus.db");
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        use sqlx::Connection;
        let url = format!("sqlite://{}", db.display());
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        // Whoever holds the file can drop the append-only triggers; the chain still tells.
        sqlx::query("DROP TRIGGER audit_log_no_update")
            .execute(&mut conn)
            .await
            .unwrap();
        sqlx::query("UPDATE audit_log SET purpose = 'cover-up' WHERE seq = 1")
            .execute(&mut conn)
            .await
            .unwrap();
    });
    let out = cus(&dir, &["audit", "verify"], "");
    assert!(!out.status.success(), "a modified row must be detected");
    assert!(String::from_utf8_lossy(&out.stderr).contains("wpis nr 1"));
    std::fs::remove_dir_all(dir).unwrap();
}

/// The inbox benchmark still runs against the current schema on every backend and finds what it
/// generated (its timing verdict is for people to read, not for tests).
#[test]
fn the_inbox_benchmark_finds_what_it_generated() {
    let dir = temp_dir("bench");
    for backend in app::store::testing::test_backends() {
        let mut args = vec!["bench-inbox", "--applications", "400", "--rounds", "1"];
        if backend == app::store::Backend::Postgres {
            args.push("--postgres");
        }
        let out = cus(&dir, &args, "");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let matches = |kind: &str| {
            let line = stdout.lines().find(|line| line.starts_with(kind));
            let line = line.unwrap_or_else(|| panic!("{kind} in {stdout}"));
            line[kind.len()..]
                .split_whitespace()
                .next()
                .unwrap()
                .to_owned()
        };
        // Of 400 cases, every tenth is closed; "Halina Kowalska" is every 64th.
        assert_eq!(matches("sprawy w toku, najstarsze"), "360", "{backend:?}");
        assert_eq!(matches("nazwisko"), "5", "{backend:?}");
        assert_eq!(matches("PESEL"), "1", "{backend:?}");
        assert_eq!(matches("zamknięte"), "40", "{backend:?}");
        assert!(matches("usługa").parse::<u32>().unwrap() > 0, "{backend:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The scale benchmark's generator writes a consistent city on every backend: every page it
/// times finds what was generated, and the audit trail it wrote verifies (its timing verdict is
/// for people to read).
#[test]
fn the_scale_benchmark_generates_a_city_whose_trail_verifies() {
    let dir = temp_dir("bench-scale");
    for backend in app::store::testing::test_backends() {
        let mut args = vec!["bench-scale", "--residents", "2000", "--rounds", "1"];
        if backend == app::store::Backend::Postgres {
            args.push("--postgres");
        }
        let out = cus(&dir, &args, "");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let found = |page: &str| -> u64 {
            let line = stdout.lines().find(|line| line.starts_with(page));
            let line = line.unwrap_or_else(|| {
                panic!("{page} in {stdout}{}", String::from_utf8_lossy(&out.stderr))
            });
            line[page.len()..]
                .split_whitespace()
                .next()
                .unwrap()
                .parse()
                .unwrap()
        };
        // 2,000 residents: 600 cases in ten gminas, 100 plans, 4,000 audit entries.
        assert_eq!(found("skrzynka: PESEL"), 1, "{backend:?}");
        assert_eq!(found("skrzynka: numer sprawy"), 1, "{backend:?}");
        assert!(found("skrzynka jednej gminy") > 30, "{backend:?}");
        assert!(
            found("biurko planów: całe centrum") > found("biurko planów: jedna gmina"),
            "{backend:?}"
        );
        assert!(found("biurko planów: jedna gmina") > 0, "{backend:?}");
        assert!(
            found("podsumowanie półroczne: całe centrum") > 0,
            "{backend:?}"
        );
        assert!(found("dziennik: wszystko") >= 4_000, "{backend:?}");
        assert!(found("dziennik: jedna osoba") > 0, "{backend:?}");
        let verified = found("cus audit verify:");
        assert!(verified >= 4_000, "{backend:?}: {stdout}");
        assert!(stdout.contains("Pamięć procesu"), "{backend:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The load benchmark serves its pages under concurrent connections and reports each.
#[test]
fn the_load_benchmark_reports_every_page() {
    let dir = temp_dir("bench-load");
    let args = [
        "bench-load",
        "--services",
        "20",
        "--connections",
        "2",
        "--seconds",
        "1",
    ];
    let out = cus(&dir, &args, "");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for page in ["/ ", "/uslugi ", "/uslugi/", "/realizatorzy "] {
        let line = stdout.lines().find(|line| line.starts_with(page));
        let line = line.unwrap_or_else(|| panic!("{page} in {stdout}"));
        let per_second: f64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        assert!(per_second > 0.0, "{line}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `cus` with extra environment variables.
fn cus_env(
    dir: &std::path::Path,
    args: &[&str],
    stdin: &str,
    env: &[(&str, &str)],
) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cus"));
    command
        .args(args)
        .env("DATABASE_URL", format!("sqlite://{}/cus.db", dir.display()))
        .env("CUS_CONFIG", dir.join("none.toml"))
        .env("CUS_KEY_FILE", dir.join("cus.key"))
        .env("RUST_LOG", "error")
        .env_remove("CUS_DEMO_DATA")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("run cus");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn unsafe_settings_and_demo_passwords_are_refused() {
    let dir = temp_dir("safety");
    let stderr = |out: &std::process::Output| String::from_utf8_lossy(&out.stderr).into_owned();
    let out = cus_env(&dir, &["serve"], "", &[("CUS_LISTEN", "0.0.0.0:0")]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("HTTPS"), "{}", stderr(&out));
    let out = cus_env(&dir, &["seed-demo"], "", &[("CUS_SECURE_COOKIES", "true")]);
    assert!(!out.status.success(), "no demo behind HTTPS");
    assert!(stderr(&out).contains("demonstracyjne"), "{}", stderr(&out));
    let out = cus_env(
        &dir,
        &["serve"],
        "",
        &[
            ("CUS_LISTEN", "0.0.0.0:0"),
            ("CUS_SECURE_COOKIES", "true"),
            ("CUS_DEMO_DATA", "true"),
        ],
    );
    assert!(!out.status.success(), "no demo on an open address");

    // A database that still holds an account with the demo password is not served.
    let out = cus(
        &dir,
        &[
            "create-user",
            "--email",
            "dyrektor@cus.example",
            "--name",
            "D",
            "--role",
            "director",
        ],
        "demo-cus-2026!\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = cus_env(&dir, &["serve"], "", &[("CUS_LISTEN", "127.0.0.1:0")]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("dyrektor@cus.example"),
        "the refusal names the account: {}",
        stderr(&out)
    );
    let out = cus(
        &dir,
        &["set-password", "--email", "dyrektor@cus.example"],
        "nowe-bardzo-tajne-haslo\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = cus(
        &dir,
        &["set-password", "--email", "nikt@cus.example"],
        "nowe-bardzo-tajne-haslo\n",
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("Nie ma konta"));
    std::fs::remove_dir_all(dir).unwrap();
}

/// Every row of every table, as text, per table (sorted), to compare two states of a database.
async fn every_table(url: &str) -> std::collections::BTreeMap<String, Vec<String>> {
    use app::store::{Backend, Store};
    let store = Store::connect(url).await.unwrap();
    let (tables, columns, value) = match store.backend() {
        Backend::Sqlite => (
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             ORDER BY name",
            "SELECT name FROM pragma_table_info($1) ORDER BY cid",
            "quote(\"{}\")",
        ),
        Backend::Postgres => (
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
            "SELECT column_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            "COALESCE(CAST(\"{}\" AS TEXT), 'NULL')",
        ),
    };
    let tables: Vec<String> = sqlx::query_scalar(tables)
        .fetch_all(store.pool())
        .await
        .unwrap();
    let mut contents = std::collections::BTreeMap::new();
    for table in tables {
        let names: Vec<String> = sqlx::query_scalar(columns)
            .bind(&table)
            .fetch_all(store.pool())
            .await
            .unwrap();
        let row = names
            .iter()
            .map(|name| value.replace("{}", name))
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let rows: Vec<String> =
            sqlx::query_scalar(&format!("SELECT {row} AS r FROM \"{table}\" ORDER BY r"))
                .fetch_all(store.pool())
                .await
                .unwrap();
        contents.insert(table, rows);
    }
    store.close().await;
    contents
}

#[tokio::test]
async fn a_backup_restores_every_table_on_both_backends() {
    use app::store::testing::{TestDatabase, test_backends};
    for backend in test_backends() {
        let dir = temp_dir(&format!("round-trip-{backend:?}"));
        let key = app::store::Keys::generate();
        let db = TestDatabase::create_keyed(backend, &key).await;
        // Only `cus` and the snapshots below use the database (a restore replaces SQLite's file).
        db.store.close().await;
        let env = [
            ("DATABASE_URL", db.url.as_str()),
            ("CUS_SECRETS_KEY", key.as_str()),
        ];
        let run = |args: &[&str], stdin: &str| {
            let out = cus_env(&dir, args, stdin, &env);
            assert!(
                out.status.success(),
                "{backend:?} {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8_lossy(&out.stdout).into_owned()
        };
        run(&["seed-demo"], "");
        let before = every_table(&db.url).await;
        assert!(before.len() > 30, "{backend:?}: {:?}", before.keys());
        assert!(before["users"].len() > 5 && !before["programmes"].is_empty());
        let file = dir.join("kopia");
        run(&["backup", file.to_str().unwrap()], "");
        assert!(file.exists());

        // What changes after the backup is undone by the restore, in every table.
        let new_user = [
            "create-user",
            "--email",
            "po-kopii@cus.example",
            "--name",
            "Po Kopii",
            "--role",
            "administrator",
        ];
        run(&new_user, "bardzo-tajne-haslo\n");
        assert_ne!(every_table(&db.url).await, before);
        let restored = run(&["restore", file.to_str().unwrap()], "");
        assert!(restored.contains("odtworzona"), "{restored}");
        let after = every_table(&db.url).await;
        for (table, rows) in &before {
            assert_eq!(&after[table], rows, "{backend:?}: {table}");
        }
        assert_eq!(after.len(), before.len());
        assert!(run(&["audit", "verify"], "").contains("nienaruszony"));
        run(&new_user, "bardzo-tajne-haslo\n");
        // The demo's cases are recent: nothing is past its period.
        for args in [&["retention", "--dry-run"][..], &["retention"]] {
            let listed = run(args, "");
            assert!(listed.contains("Żadna sprawa nie przekroczyła"), "{listed}");
        }

        // A file that is not a backup is refused and nothing changes.
        let garbage = dir.join("smieci");
        std::fs::write(&garbage, "to nie jest kopia").unwrap();
        let out = cus_env(&dir, &["restore", garbage.to_str().unwrap()], "", &env);
        assert!(!out.status.success(), "{backend:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("nie jest"));
        db.drop_database().await;
        std::fs::remove_dir_all(dir).unwrap();
    }
}
