//! The connected-mode client file: `sync-client.sqlite` in the data directory.
//!
//! A desktop or CLI that works against a shared server keeps here what sync.md §2.2 asks of the
//! client: the enrolled device and its `device_seq` counter, the outbox of every mutation it ever
//! made (acked rows are kept, §2.9), the mirror of server state in the user's scope, the pull
//! position per scope, the "Behöver åtgärd" list, and originals fetched on demand. It is a file of
//! its own, beside the local store (`digilyft.sqlite`), with its own migrations (`schema.rs`).
//!
//! Architecture invariants:
//! * WAL and `synchronous=FULL`: a power cut must not lose a decision the UI already showed as
//!   saved.
//! * Every method that writes is one transaction: a mutation and its `device_seq`
//!   ([`SyncStore::enqueue`]); a pulled page and the cursor after it ([`SyncStore::apply_page`]);
//!   a batch's outcomes and the attention rows they raise ([`SyncStore::record_results`]).
//! * Outbox rows are never deleted (a trigger refuses it); mirror rows are replaced only by a
//!   higher `version`.
//!
//! The sync engine (`crate::sync`) decides *what* to write; this module only knows *how*.

mod mirror;
mod outbox;
mod schema;
mod state;

pub use mirror::{ChangeOp, MirrorChange, MirrorRow, PageApplied};
pub use outbox::{AckRecord, NewMutation, OutboxRecord, OutboxState};
pub use state::{AttentionRecord, DeviceRecord, Enrolment, SyncStateRecord};

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, TransactionBehavior};

use super::error::{Result, StoreError};

/// File name of the connected-mode client file inside a data directory.
pub const CLIENT_FILE: &str = "sync-client.sqlite";

/// The open client file. Not `Sync`: one per thread.
#[derive(Debug)]
pub struct SyncStore {
    conn: Connection,
    path: String,
}

impl SyncStore {
    /// Opens (creating if needed) the client file at `path`, applying pending migrations. A file of
    /// a newer schema version is refused and left untouched.
    pub fn open(path: &Path) -> Result<SyncStore> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let conn = Connection::open(path)?;
        Self::init(conn, path.display().to_string())
    }

    /// A fresh in-memory client file (tests).
    pub fn open_in_memory() -> Result<SyncStore> {
        Self::init(Connection::open_in_memory()?, ":memory:".into())
    }

    fn init(conn: Connection, path: String) -> Result<SyncStore> {
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
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = SyncStore { conn, path };
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(found as usize) {
            let tx = store
                .conn
                .transaction_with_behavior(TransactionBehavior::Exclusive)?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
            tx.commit()?;
        }
        Ok(store)
    }

    /// The path the file was opened from (`:memory:` in tests).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// The `synchronous` setting in force (2 = FULL), for the durability test.
    pub fn synchronous(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))?)
    }

    fn write(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

/// An instant as stored (RFC 3339, UTC, milliseconds).
fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A stored instant read back.
fn parse_ts(s: Option<String>) -> Result<Option<DateTime<Utc>>> {
    s.map(|s| {
        DateTime::parse_from_rfc3339(&s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| StoreError::Corrupt(format!("sync-client time {s:?}: {e}")))
    })
    .transpose()
}

#[cfg(test)]
mod tests;
