//! Rules of the tree that the compiler does not check: which room may import which, and the two
//! backends' migrations kept identical except where a database needs its own syntax.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file below `dir`, with its text.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)
            .expect("read source folder")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("read source file");
                files.push((path, text));
            }
        }
    }
    files
}

/// The room a file belongs to: its first folder below `src/` (None for files at the top).
fn room_of(path: &Path) -> Option<String> {
    let relative = path.strip_prefix(source_root()).ok()?;
    let mut parts = relative.components();
    let first = parts.next()?.as_os_str().to_str()?.to_owned();
    parts.next().map(|_| first)
}

/// The rooms and modules named by `crate::room::module` paths in `text`.
fn crate_paths(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        let mut names = rest.split("::").map(|part| {
            part.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .next()
        });
        if let (Some(Some(room)), Some(Some(module))) = (names.next(), names.next())
            && !room.is_empty()
        {
            found.push((room.to_owned(), module.to_owned()));
        }
    }
    found
}

fn is_pages(module: &str) -> bool {
    module == "pages" || module.ends_with("_pages") || module.ends_with("_page")
}

fn is_store(module: &str) -> bool {
    module == "store" || module.ends_with("_store")
}

/// Folders of `src/` that are plumbing, not capabilities.
const PLUMBING: [&str; 3] = ["store", "domain", "components"];

/// Pages never import another room's pages, and no room reaches into another room's store:
/// what two rooms share lives below both (components, case_file, store).
#[test]
fn rooms_do_not_import_other_rooms_pages_or_stores() {
    let mut wrong = Vec::new();
    for (path, text) in sources(&source_root()) {
        let Some(room) = room_of(&path) else { continue };
        for (other, module) in crate_paths(&text) {
            if other != room && (is_pages(&module) || is_store(&module)) {
                wrong.push(format!("{}: crate::{other}::{module}", path.display()));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "imports across rooms:\n{}",
        wrong.join("\n")
    );
}

/// `store/` is the plumbing every room stands on: it imports no capability.
#[test]
fn the_store_imports_no_capability() {
    let mut wrong = Vec::new();
    for (path, text) in sources(&source_root().join("store")) {
        for (room, _) in crate_paths(&text) {
            if !PLUMBING.contains(&room.as_str()) && room != "error" && room != "i18n" {
                wrong.push(format!("{}: crate::{room}", path.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "store/ imports:\n{}", wrong.join("\n"));
}

/// The SQLite and PostgreSQL migrations are the same files with the same text, except those
/// listed here, where a database needs its own syntax.
const DIFFERING_MIGRATIONS: [(&str, &str); 8] = [
    (
        "0007_cases.sql",
        "date arithmetic; NOCASE versus text_pattern_ops",
    ),
    ("0009_inbox_index.sql", "partial and expression indexes"),
    (
        "0015_inbox_name_rows.sql",
        "full-text search: FTS5 versus tsvector",
    ),
    ("0016_sign_in_limits.sql", "AUTOINCREMENT versus IDENTITY"),
    ("0017_audit_append_only.sql", "trigger syntax"),
    (
        "0023_community_organising.sql",
        "INTEGER versus BIGINT flags and counts",
    ),
    (
        "0024_community_map_and_plans.sql",
        "INTEGER versus BIGINT counts",
    ),
    ("0025_volunteers.sql", "INTEGER versus BIGINT counts"),
];

fn migrations(backend: &str) -> BTreeMap<String, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../migrations")
        .join(backend);
    std::fs::read_dir(dir)
        .expect("read migrations")
        .flatten()
        .map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(entry.path()).expect("read migration");
            (name, text)
        })
        .collect()
}

#[test]
fn the_backends_migrations_are_identical_but_for_the_listed_ones() {
    let sqlite = migrations("sqlite");
    let postgres = migrations("postgres");
    assert_eq!(
        sqlite.keys().collect::<Vec<_>>(),
        postgres.keys().collect::<Vec<_>>(),
        "both backends have the same migrations"
    );
    for (name, text) in &sqlite {
        let differs = DIFFERING_MIGRATIONS
            .iter()
            .any(|(listed, _)| listed == name);
        assert_eq!(
            text != &postgres[name],
            differs,
            "{name}: {}",
            if differs {
                "listed as differing but identical: take it off the list"
            } else {
                "differs between SQLite and PostgreSQL: make it identical or list it with a reason"
            }
        );
    }
}

#[test]
fn a_path_names_its_room_and_module() {
    assert_eq!(
        crate_paths("use crate::cases::pages::{Due};\ncrate::store::rows::corrupt(x)"),
        vec![
            ("cases".to_owned(), "pages".to_owned()),
            ("store".to_owned(), "rows".to_owned())
        ]
    );
    assert!(is_pages("wizard_pages") && is_pages("permissions_page") && !is_pages("paged"));
    assert!(is_store("desk_store") && !is_store("storage"));
}
