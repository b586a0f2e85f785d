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
}

impl Store {
    /// Opens (creating if needed) the store at `path`, applying pending migrations. A store of a
    /// newer schema version is refused and left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let conn = Connection::open(path)?;
        Self::init(conn, path.display().to_string())
    }

    /// Opens the store in the data directory `dir` (see [`crate::paths`]).
    pub fn open_dir(dir: &Path) -> Result<Store> {
        Self::open(&crate::paths::store_file(dir))
    }

    /// A fresh in-memory store (tests, demos).
    pub fn open_in_memory() -> Result<Store> {
        Self::init(Connection::open_in_memory()?, ":memory:".into())
    }

    fn init(conn: Connection, path: String) -> Result<Store> {
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
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL, not NORMAL: a power cut must not lose a decision the user was told is saved
        // (sync.md §2.2, §2.5). WAL + NORMAL can lose the last commits on power loss.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store {
            conn,
            path,
            active: None,
            policy: Policy::default(),
            anchored_seq: 0,
        };
        store.migrate(found)?;
        store.active = store.load_active()?;
        store.backfill_change_log()?;
        Ok(store)
    }

    fn migrate(&mut self, from: i64) -> Result<()> {
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(from as usize) {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Exclusive)?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
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
