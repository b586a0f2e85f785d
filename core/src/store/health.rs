//! Whether the store may be written: its pages, its audit chain and its anchor, checked at open,
//! and the explicit re-anchoring an administrator does after dealing with a lost anchor.
//!
//! A store whose pages are damaged, whose hash chain is broken, or whose sidecar anchor has
//! disappeared, cannot be read or no longer agrees with the log is **damaged**: it can still be
//! opened and read (so `audit verify`, `inbox` and `show` explain what is wrong), but every write
//! is refused with [`StoreError::Damaged`] (code `corrupt`) and the advice to restore a backup.
//! Nothing is repaired behind the user's back: a missing anchor is never silently recreated
//! (that would reset the protection against removed trailing events); only
//! [`Store::reanchor`], an explicit administrator command with its own audit event, does that.
//!
//! What is checked when:
//!
//! * at open, every store: the sidecar anchor (present once one was written, readable, agreeing
//!   with the log);
//! * at open, a **small** store (file at most [`SMALL_STORE_BYTES`]): also `PRAGMA quick_check`
//!   and the whole hash chain, which costs a fraction of a second there;
//! * in `audit verify`, every store: `PRAGMA integrity_check` and a full read of every row of
//!   every table ([`Store::storage_check`]), besides the chain, anchors and coverage.

use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use super::audit_log::append_audit;
use super::integrity::{read_anchor_file, write_anchor_file};
use super::{Result, Store, StoreError};
use crate::audit::{self, Anchor, AuditKind, NewEvent};
use crate::clock::Clock;

/// Stores whose file is at most this large (64 MiB, a few thousand invoices) get
/// `PRAGMA quick_check` and a full chain check every time they are opened; larger ones in
/// `digilyft audit verify`.
pub const SMALL_STORE_BYTES: u64 = 64 * 1024 * 1024;

/// Key in `store_meta` recording that a sidecar anchor has been written: from then on, a
/// missing anchor file means it was removed.
const ANCHOR_WRITTEN: &str = "anchor-written";

impl Store {
    /// Checks pages (small stores), chain (small stores) and anchor right after opening and
    /// records why writes must be refused, if they must. Never fails on damage itself: the store
    /// stays readable.
    pub(super) fn check_health(&mut self) -> Result<()> {
        if self.path == ":memory:" {
            return Ok(());
        }
        let size = std::fs::metadata(&self.path).map_or(0, |m| m.len());
        if size <= SMALL_STORE_BYTES
            && let Err(problem) = self.pragma_check("quick_check")
        {
            self.damage = Some(format!("its pages are damaged ({problem})"));
            return Ok(());
        }
        if size <= SMALL_STORE_BYTES {
            match self.audit_events() {
                Ok(events) => {
                    if let Err(b) = audit::verify(&events) {
                        self.damage = Some(format!("its audit log's hash chain is broken: {b}"));
                        return Ok(());
                    }
                }
                Err(e) => {
                    self.damage = Some(format!("its audit log cannot be read ({e})"));
                    return Ok(());
                }
            }
        }
        self.damage = self.anchor_problem()?;
        Ok(())
    }

    /// Why the sidecar anchor forbids writing, if it does: it has disappeared (after one was
    /// written), cannot be read, or the log no longer agrees with it.
    fn anchor_problem(&mut self) -> Result<Option<String>> {
        let Some(path) = self.anchor_path() else {
            return Ok(None);
        };
        self.anchor_written = self.meta(ANCHOR_WRITTEN)?.is_some();
        let head = self.audit_head()?;
        Ok(match read_anchor_file(&path) {
            Err(e) => Some(format!("its audit anchor cannot be read ({e})")),
            Ok(None) if self.anchor_written && head.is_some() => Some(format!(
                "its audit anchor {} has disappeared (without it, events removed from the end \
                 of the log cannot be found)",
                path.display()
            )),
            Ok(None) => None,
            Ok(Some(anchor)) => match &head {
                Some(h) if self.agrees_with(&anchor, h)? => None,
                _ => Some(format!(
                    "the audit log no longer agrees with its anchor {} (events were removed or \
                     rewritten, or the store was replaced)",
                    path.display()
                )),
            },
        })
    }

    /// Runs `PRAGMA quick_check` or `PRAGMA integrity_check`: `Err` with the first problems.
    fn pragma_check(&self, pragma: &str) -> std::result::Result<(), String> {
        let run = || -> rusqlite::Result<Vec<String>> {
            let mut stmt = self.conn.prepare(&format!("PRAGMA {pragma}(20)"))?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            rows.collect()
        };
        match run() {
            Ok(lines) if lines.len() == 1 && lines[0] == "ok" => Ok(()),
            Ok(lines) => Err(lines.join("; ")),
            Err(e) => Err(e.to_string()),
        }
    }

    /// `audit verify`'s check of the file itself: `PRAGMA integrity_check`, then every row of
    /// every table read to the last column. `Err` names the first problems found.
    pub fn storage_check(&self) -> std::result::Result<(), String> {
        self.pragma_check("integrity_check")?;
        let tables: Vec<String> = (|| -> rusqlite::Result<Vec<String>> {
            let mut stmt = self
                .conn
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            rows.collect()
        })()
        .map_err(|e| format!("the table list cannot be read: {e}"))?;
        for table in tables {
            let read = || -> rusqlite::Result<()> {
                let mut stmt = self
                    .conn
                    .prepare(&format!("SELECT * FROM \"{}\"", table.replace('"', "\"\"")))?;
                let n = stmt.column_count();
                let mut rows = stmt.query([])?;
                while let Some(row) = rows.next()? {
                    for i in 0..n {
                        row.get::<_, Value>(i)?;
                    }
                }
                Ok(())
            };
            read().map_err(|e| format!("table {table} cannot be read to the end: {e}"))?;
        }
        Ok(())
    }

    /// Why this store refuses writes (damaged pages, chain or anchor), if it does.
    pub fn damage(&self) -> Option<&str> {
        self.damage.as_deref()
    }

    /// Refuses a write on a read-only or damaged store; called before every write transaction.
    pub(super) fn check_writable(&self) -> Result<()> {
        if let Some(dir) = &self.read_only {
            return Err(StoreError::ReadOnly { dir: dir.clone() });
        }
        if let Some(reason) = &self.damage {
            return Err(StoreError::Damaged {
                path: self.path.clone(),
                reason: reason.clone(),
            });
        }
        Ok(())
    }

    /// A `store_meta` value; None also for a store too old to have the table (opened read-only,
    /// so not migrated).
    fn meta(&self, key: &str) -> Result<Option<String>> {
        let found = self
            .conn
            .query_row("SELECT value FROM store_meta WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional();
        match found {
            Ok(v) => Ok(v),
            Err(_) if self.read_only.is_some() => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Records that the sidecar anchor exists from now on (once per store).
    pub(super) fn note_anchor_written(&mut self) -> Result<()> {
        if !self.anchor_written {
            self.conn.execute(
                "INSERT OR IGNORE INTO store_meta (key, value) VALUES (?1, 'yes')",
                [ANCHOR_WRITTEN],
            )?;
            self.anchor_written = true;
        }
        Ok(())
    }

    /// The administrator's explicit re-anchoring (`digilyft audit reanchor --force`) after a
    /// lost or disagreeing anchor has been dealt with (e.g. the store restored from a backup
    /// without its anchor): appends an `audit.reanchored` event by `actor` with `reason` and
    /// the old anchor (when one could be read), then writes the new head as the sidecar anchor.
    /// Refused while the pages or the hash chain are damaged: those need a backup, not a new
    /// anchor. Returns the new anchor.
    pub fn reanchor(&mut self, actor: &str, reason: &str, clock: &dyn Clock) -> Result<Anchor> {
        let Some(path) = self.anchor_path() else {
            return Err(StoreError::Corrupt(
                "an in-memory store has no anchor file".into(),
            ));
        };
        if let Some(dir) = &self.read_only {
            return Err(StoreError::ReadOnly { dir: dir.clone() });
        }
        if let Err(problem) = self.pragma_check("quick_check") {
            return Err(StoreError::Damaged {
                path: self.path.clone(),
                reason: format!("its pages are damaged ({problem})"),
            });
        }
        if let Err(b) = audit::verify(&self.audit_events()?) {
            return Err(StoreError::Damaged {
                path: self.path.clone(),
                reason: format!("its audit log's hash chain is broken: {b}"),
            });
        }
        let old = match read_anchor_file(&path) {
            Ok(Some(a)) => serde_json::json!(a.short()),
            Ok(None) => serde_json::Value::Null,
            Err(e) => serde_json::json!(format!("unreadable: {e}")),
        };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut ev = NewEvent::new(AuditKind::Reanchored, None, actor);
        ev.reason = Some(reason.to_string());
        ev.detail =
            serde_json::json!({"old_anchor": old, "anchor_file": path.display().to_string()})
                .to_string();
        append_audit(&tx, clock.now(), ev)?;
        tx.commit()?;
        let head = self
            .audit_head()?
            .ok_or_else(|| StoreError::Corrupt("the log is empty after appending".into()))?;
        write_anchor_file(&path, &head)?;
        self.note_anchor_written()?;
        self.anchored_seq = head.seq;
        self.damage = None;
        Ok(head)
    }
}
