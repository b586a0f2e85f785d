//! Tidy checks on the modules inside the crates, read from the source text:
//!
//! * nothing in core below `api` imports `api` (layers: api → engines → store);
//! * SQL lives in `core/src/store/` only: no SQL statement in a string literal and no `rusqlite`
//!   anywhere else in core or in a front end's sources;
//! * front ends reach core through `digilyft_core::api` only (plus `paths`, where the data
//!   directory is): never the store, the engines or the spreadsheet modules directly.
//!
//! Each check is a function over `(path, text)` pairs, so the table test at the bottom proves it
//! fails on the shapes it forbids.

use std::path::{Path, PathBuf};

/// Front-end source folders and the core modules they may name.
const FRONT_ENDS: &[&str] = &["cli/src", "desktop/src", "server/src", "viewer/src"];
const FRONT_END_MAY_USE: &[&str] = &["api", "paths"];

/// Front-end files that still name a core module directly, each with the reason (to be emptied).
/// Empty: every front end goes through `api`.
const FRONT_END_EXCEPTIONS: &[(&str, &str, &str)] = &[];

/// Front-end files that own a SQLite store of their own, each with the reason. Only these may
/// hold SQL or name rusqlite outside `core/src/store/`.
const SQL_OWNERS: &[(&str, &str)] = &[
    (
        "server/src/account_store.rs",
        "the server's own store of accounts and token hashes, in a SQLite file of its own: \
         accounts are the server's concern, and core's store owns its schema and migrations",
    ),
    (
        "server/src/pg_schema.rs",
        "the runner of the server's PostgreSQL migrations (server/migrations/postgres/) and its \
         schema_migrations bookkeeping: core's store is SQLite only",
    ),
];

/// SQL statement openings looked for inside string literals.
const SQL: &[&str] = &[
    "SELECT ",
    "INSERT INTO",
    "DELETE FROM",
    "CREATE TABLE",
    "CREATE INDEX",
    "DROP TABLE",
    "ALTER TABLE",
    "PRAGMA ",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `.rs` file under `dir` (relative to the workspace root) with its text.
fn sources(dir: &str) -> Vec<(String, String)> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, base, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let rel = path.strip_prefix(base).unwrap_or(&path);
                out.push((rel.to_string_lossy().replace('\\', "/"), text));
            }
        }
    }
    let base = root();
    let mut out = Vec::new();
    walk(&base.join(dir), &base, &mut out);
    out.sort();
    out
}

/// The code of a line without its `//` comment (doc comments included).
fn code(line: &str) -> &str {
    let t = line.trim_start();
    if t.starts_with("//") { "" } else { line }
}

/// Files of core below `api` that import it.
fn api_imported_below(files: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in files {
        if path.starts_with("core/src/api/") || path == "core/src/lib.rs" {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            let c = code(line);
            if c.contains("crate::api") || c.contains("super::api") {
                found.push(format!("{path}:{}: imports core::api from below it", n + 1));
            }
        }
    }
    found
}

/// SQL or rusqlite outside `core/src/store/`.
fn sql_outside_store(files: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in files {
        if path.starts_with("core/src/store/") || SQL_OWNERS.iter().any(|(p, _)| p == path) {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            let c = code(line);
            let in_literal = c.split('"').skip(1).step_by(2).collect::<Vec<_>>();
            if let Some(stmt) = SQL
                .iter()
                .find(|s| in_literal.iter().any(|l| l.contains(*s)))
            {
                found.push(format!(
                    "{path}:{}: SQL ({}) outside core/src/store",
                    n + 1,
                    stmt.trim()
                ));
            }
            if c.contains("rusqlite") {
                found.push(format!("{path}:{}: rusqlite outside core/src/store", n + 1));
            }
        }
    }
    found
}

/// Front-end lines that name a core module other than `api`/`paths`.
fn front_ends_past_api(files: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in files {
        for (n, line) in text.lines().enumerate() {
            let mut rest = code(line);
            while let Some(at) = rest.find("digilyft_core::") {
                rest = &rest[at + "digilyft_core::".len()..];
                let module: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '{')
                    .collect();
                let allowed = FRONT_END_MAY_USE.contains(&module.as_str())
                    || FRONT_END_EXCEPTIONS
                        .iter()
                        .any(|(p, m, _)| p == path && *m == module);
                if !allowed {
                    found.push(format!(
                        "{path}:{}: names digilyft_core::{module}; front ends go through \
                         digilyft_core::api",
                        n + 1
                    ));
                }
            }
        }
    }
    found
}

fn report(found: Vec<String>) {
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn nothing_below_api_imports_it() {
    report(api_imported_below(&sources("core/src")));
}

#[test]
fn sql_lives_in_the_store_only() {
    let mut files = sources("core/src");
    for dir in FRONT_ENDS {
        files.extend(sources(dir));
    }
    report(sql_outside_store(&files));
}

#[test]
fn front_ends_call_core_through_its_api() {
    let mut files = Vec::new();
    for dir in FRONT_ENDS {
        files.extend(sources(dir));
    }
    report(front_ends_past_api(&files));
}

#[test]
fn every_exception_is_still_needed() {
    let files: Vec<(String, String)> = FRONT_ENDS.iter().flat_map(|d| sources(d)).collect();
    for (path, module, why) in FRONT_END_EXCEPTIONS {
        let used = files
            .iter()
            .any(|(p, t)| p == path && t.contains(&format!("digilyft_core::{module}")));
        assert!(
            used,
            "{path} no longer names {module}: remove its exception ({why})"
        );
    }
}

/// The checks themselves: each forbidden shape is found, the allowed ones are not.
#[test]
fn the_checks_find_what_they_forbid() {
    let f = |p: &str, t: &str| vec![(p.to_string(), t.to_string())];
    let cases: Vec<(&str, Vec<String>, bool)> = vec![
        (
            "engine imports api",
            api_imported_below(&f("core/src/approval/x.rs", "use crate::api::Workspace;")),
            true,
        ),
        (
            "api imports itself",
            api_imported_below(&f("core/src/api/x.rs", "use crate::api::Workspace;")),
            false,
        ),
        (
            "a comment",
            api_imported_below(&f("core/src/store/x.rs", "/// see crate::api")),
            false,
        ),
        (
            "SQL in an engine",
            sql_outside_store(&f(
                "core/src/ledger.rs",
                r#"let q = "SELECT id FROM invoice";"#,
            )),
            true,
        ),
        (
            "SQL in a front end",
            sql_outside_store(&f("cli/src/x.rs", r#"c.execute("DELETE FROM audit")"#)),
            true,
        ),
        (
            "rusqlite in a front end",
            sql_outside_store(&f("desktop/src/x.rs", "use rusqlite::Connection;")),
            true,
        ),
        (
            "SQL in the server's account store",
            sql_outside_store(&f(
                "server/src/account_store.rs",
                r#"c.execute("DELETE FROM token")"#,
            )),
            false,
        ),
        (
            "SQL in another server module",
            sql_outside_store(&f(
                "server/src/routes/x.rs",
                r#"c.execute("DELETE FROM token")"#,
            )),
            true,
        ),
        (
            "SQL in the store",
            sql_outside_store(&f("core/src/store/x.rs", r#""SELECT 1""#)),
            false,
        ),
        (
            "a word outside a literal",
            sql_outside_store(&f("core/src/x.rs", "// SELECT the best")),
            false,
        ),
        (
            "store from a front end",
            front_ends_past_api(&f("cli/src/x.rs", "use digilyft_core::store::Store;")),
            true,
        ),
        (
            "brace import",
            front_ends_past_api(&f("cli/src/x.rs", "use digilyft_core::{api, store};")),
            true,
        ),
        (
            "api from a front end",
            front_ends_past_api(&f("cli/src/x.rs", "use digilyft_core::api::Workspace;")),
            false,
        ),
        (
            "paths from a front end",
            front_ends_past_api(&f(
                "desktop/src/x.rs",
                "digilyft_core::paths::data_dir(None)",
            )),
            false,
        ),
    ];
    for (what, found, expected) in cases {
        assert_eq!(!found.is_empty(), expected, "{what}: {found:?}");
    }
}
