//! The SQLite store: every byte Digilyft keeps about supplier invoices and their approval.
//!
//! One file (`digilyft.sqlite` in the data directory), WAL journal, foreign keys on, schema
//! migrations from `schema.rs` applied at open. It holds the original bytes of each received
//! document (immutable, with SHA-256), the parsed facts, the validation report, kontering rows
//! (history kept), workflow steps, decision intents with their outcomes, rule-set versions (the
//! original workbook and its parsed form) and the hash-chained audit log. Beside the file, a
//! sidecar anchor records the log's head after every commit (`integrity.rs`), so a log whose last
//! events were removed is found too.
//!
//! One module per table or aggregate, each holding its own SQL: `invoices` (documents, invoices,
//! lines, import and duplicates, the ledger read), `rulesets`, `workflow` (kontering and steps,
//! routing, recoding, disputes, escalation), `decisions`, `inbox` (inbox and reminder queries),
//! `audit_log`, `integrity` (anchors and coverage), `schema` (migrations), `connected` (the
//! connected-mode client file `sync-client.sqlite`, its own migrations); `rows` maps rows to
//! domain values, `error` is [`StoreError`]. This file keeps [`Store`] itself: opening, the
//! schema version check and migrations.
//!
//! Architecture invariants: SQL lives only in this module and its children; every write runs in
//! one transaction (one per imported batch, one per decision), so `kill -9` at any moment leaves
//! a consistent store; received documents and audit events are append-only (SQLite triggers
//! refuse updates and deletes); the approval rules themselves are pure functions in
//! [`crate::approval`] and never see a connection.

mod audit_log;
pub mod connected;
mod decisions;
mod error;
mod health;
mod inbox;
mod integrity;
mod invoices;
mod mutations;
mod records;
mod rows;
mod rulesets;
mod schema;
mod sync_log;
mod workflow;

pub use decisions::{DecisionRecord, DecisionResult};
pub use error::{Result, SqliteFailure, StoreError};
pub use health::SMALL_STORE_BYTES;
pub use inbox::{InboxItem, ReminderItem};
pub use integrity::{AnchorCheck, AuditReport, Uncovered, anchor_file, read_anchor_file};
pub use invoices::{DuplicateKind, ImportOutcome, InvoiceDetail, InvoiceSummary, LedgerEntry};
pub use mutations::LoggedMutation;
pub use rulesets::RuleSetVersion;
pub use sync_log::{Pulled, Snapshot};

use std::path::Path;
use std::sync::Arc;

use rusqlite::{Connection, TransactionBehavior};

use crate::approval::Policy;
use crate::approval::ruleset::RuleSet;

/// The store. Not `Sync`: one per thread (SQLite WAL lets several processes share the file).
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: String,
    active: Option<(i64, Arc<RuleSet>)>,
    policy: Policy,
    /// The head sequence number last written to (or found in) the sidecar anchor.
    anchored_seq: i64,
    /// Why writes are refused (damaged pages, chain or anchor; see `health.rs`).
    damage: Option<String>,
    /// The data directory, when it is read-only and the store was opened for reading only.
    read_only: Option<String>,
    /// Whether a sidecar anchor has ever been written for this store (`store_meta`).
    anchor_written: bool,
}

impl Store {
    /// Opens (creating if needed) the store at `path`, applying pending migrations. A store of a
    /// newer schema version is refused and left untouched. When the data directory cannot be
    /// written (a read-only file system or folder) an existing store is opened for reading
    /// only: reading works, every write is refused with [`StoreError::ReadOnly`] naming the
    /// directory. Damage found at open (see `health.rs`) does not fail the open: it makes
    /// every write fail with [`StoreError::Damaged`].
    pub fn open(path: &Path) -> Result<Store> {
        let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
            Some(d) => d.to_path_buf(),
            None => std::path::PathBuf::from("."),
        };
        if let Err(source) = std::fs::create_dir_all(&dir) {
            return Err(StoreError::Io {
                path: dir.display().to_string(),
                source,
            });
        }
        if !writable(&dir) {
            if !path.exists() {
                return Err(StoreError::ReadOnly {
                    dir: dir.display().to_string(),
                });
            }
            return Self::open_read_only(path, &dir);
        }
        let conn = Connection::open(path)?;
        Self::init(conn, path.display().to_string(), None)
    }

    /// Opens an existing store for reading only (its directory cannot be written). A WAL store
    /// normally needs its `-shm` file; when that cannot be created the file is opened as
    /// immutable, which is sound because nobody can write into the directory either.
    fn open_read_only(path: &Path, dir: &Path) -> Result<Store> {
        use rusqlite::OpenFlags;
        let dir = dir.display().to_string();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let plain = Connection::open_with_flags(path, flags).and_then(|c| {
            c.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })?;
            Ok(c)
        });
        let conn = match plain {
            Ok(c) => c,
            Err(_) => {
                let uri = format!("file:{}?immutable=1", uri_path(path));
                Connection::open_with_flags(&uri, flags | OpenFlags::SQLITE_OPEN_URI)?
            }
        };
        Self::init(conn, path.display().to_string(), Some(dir))
    }

    /// Opens the store in the data directory `dir` (see [`crate::paths`]).
    pub fn open_dir(dir: &Path) -> Result<Store> {
        Self::open(&crate::paths::store_file(dir))
    }

    /// A fresh in-memory store (tests, demos).
    pub fn open_in_memory() -> Result<Store> {
        Self::init(Connection::open_in_memory()?, ":memory:".into(), None)
    }

    /// `true` when the store was opened for reading only (its directory is read-only).
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    fn init(conn: Connection, path: String, read_only: Option<String>) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let supported = schema::MIGRATIONS.len() as i64;
        if found > supported {
            return Err(StoreError::TooNew {
                path,
                found,
                supported,
            });
        }
        if read_only.is_none() {
            conn.pragma_update(None, "journal_mode", "WAL")?;
            // FULL, not NORMAL: a power cut must not lose a decision the user was told is saved
            // (sync.md §2.2, §2.5). WAL + NORMAL can lose the last commits on power loss.
            conn.pragma_update(None, "synchronous", "FULL")?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store {
            conn,
            path,
            active: None,
            policy: Policy::default(),
            anchored_seq: 0,
            damage: None,
            read_only,
            anchor_written: false,
        };
        if let Some(dir) = &store.read_only {
            if found < supported {
                return Err(StoreError::ReadOnly { dir: dir.clone() });
            }
        } else {
            store.migrate()?;
        }
        store.check_health()?;
        if store.damage.is_none() {
            store.active = store.load_active()?;
            if store.read_only.is_none() && found < schema::CHANGE_LOG_VERSION {
                // A store written before the change log gets its current state as changes, on
                // the open that migrates it (not a scan at every open).
                store.backfill_change_log()?;
            }
        } else {
            // A damaged store may not even have readable rule sets; reading invoices still works.
            store.active = store.load_active().unwrap_or(None);
        }
        Ok(store)
    }

    /// Applies pending migrations, each in an exclusive transaction that re-reads the version
    /// first: of several processes opening a new store at once, one migrates and the others
    /// find the work done (no "table already exists").
    fn migrate(&mut self) -> Result<()> {
        for (i, sql) in schema::MIGRATIONS.iter().enumerate() {
            let target = i as i64 + 1;
            let current: i64 = self
                .conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if current >= target {
                continue;
            }
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Exclusive)?;
            let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if current < target {
                tx.execute_batch(sql)?;
                tx.pragma_update(None, "user_version", target)?;
            }
            tx.commit()?;
        }
        Ok(())
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// The path the store was opened from (`:memory:` for in-memory stores).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The approval policy (deadlines, offline age) in use.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The policy with the active rule set's `Tidsfrister` laid over it
    /// ([`Policy::under`]): what reminders and deadlines are computed with.
    pub(super) fn effective_policy(&self) -> Policy {
        match &self.active {
            Some((_, rules)) => self.policy.under(rules),
            None => self.policy.clone(),
        }
    }

    /// Replaces the approval policy.
    pub fn set_policy(&mut self, policy: Policy) {
        self.policy = policy;
    }

    #[cfg(test)]
    pub(crate) fn raw_sql(&self, sql: &str) -> Result<()> {
        Ok(self.conn.execute_batch(sql)?)
    }
}
/// Whether files can be created in `dir`: a probe file is created and removed (the only test
/// that also holds on a read-only file system, for every user).
fn writable(dir: &Path) -> bool {
    let probe = dir.join(format!(".digilyft-write-probe-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
        ),
    }
}

/// `path` for a `file:` URI: the characters a URI gives meaning to are percent-encoded.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::NewEvent;
    use chrono::Utc;

    #[test]
    fn a_file_that_is_no_store_is_refused_with_advice_and_left_alone() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("s.sqlite");
        let junk = b"this is a spreadsheet, not a store\n".repeat(200);
        std::fs::write(&path, &junk).expect("write");
        let err = Store::open(&path).expect_err("refused");
        let text = err.to_string();
        assert!(
            text.contains("damaged or is not a Digilyft store") && text.contains("backup"),
            "{text}"
        );
        assert_eq!(std::fs::read(&path).expect("read"), junk, "left as it was");
    }

    #[test]
    fn a_newer_store_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("s.sqlite");
        drop(Store::open(&path).expect("create"));
        {
            let c = Connection::open(&path).expect("raw");
            c.pragma_update(None, "user_version", 99).expect("bump");
        }
        let err = Store::open(&path).expect_err("refused");
        assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
        let c = Connection::open(&path).expect("raw");
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("v");
        assert_eq!(v, 99);
    }

    #[test]
    fn migrations_apply_once() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("s.sqlite");
        let s = Store::open(&path).expect("create");
        assert_eq!(
            s.schema_version().expect("v"),
            schema::MIGRATIONS.len() as i64
        );
        drop(s);
        let s = Store::open(&path).expect("reopen");
        assert_eq!(
            s.schema_version().expect("v"),
            schema::MIGRATIONS.len() as i64
        );
    }

    #[test]
    fn documents_and_audit_are_append_only() {
        let s = Store::open_in_memory().expect("store");
        s.raw_sql(
            "INSERT INTO document (sha256, name, bytes, received_at) VALUES ('x', 'n', x'00', 't')",
        )
        .expect("ins");
        assert!(s.raw_sql("UPDATE document SET name = 'm'").is_err());
        assert!(s.raw_sql("DELETE FROM document").is_err());
        audit_log::append_audit(
            &s.conn,
            Utc::now(),
            NewEvent::new(crate::audit::AuditKind::Decision, None, "u"),
        )
        .expect("audit");
        assert!(s.raw_sql("UPDATE audit SET actor = 'm'").is_err());
        assert!(s.raw_sql("DELETE FROM audit").is_err());
    }
}
