//! Keeping the audit log honest: its head is anchored outside the database, and every row the
//! workflow keeps must be covered by the event that created it.
//!
//! The hash chain ([`crate::audit::verify`]) finds an edited, removed or reordered event anywhere
//! but at the end: a log whose last events were cut off is still a valid chain. Two independent
//! witnesses close that gap:
//!
//! * **Anchors outside the log.** After every commit that appended events the store rewrites a
//!   sidecar file next to the database (`digilyft.audit-anchor.json`) with the head's sequence
//!   number and hash and the first event's hash. Each ledger export carries the same anchor, and
//!   `digilyft audit head` prints one to be filed elsewhere (minutes, e-mail, archive). An anchor
//!   is never moved backwards: when the log is shorter than the sidecar says, the sidecar is left
//!   alone as the evidence.
//! * **Coverage inside the store.** Every invoice has its `invoice.imported` event, every
//!   decision intent its decision event, every rule-set version its `ruleset.imported` event and
//!   every activation its `ruleset.activated` event, every routed invoice its `invoice.routed`
//!   event. Removing those events without also removing
//!   the rows is found even with no anchor at all.

use std::path::{Path, PathBuf};

use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use super::rows::parse_ts;
use super::{Result, Store, StoreError};
use crate::audit::{self, Anchor, AnchorBreak, ChainBreak};

/// File name suffix of the sidecar anchor, after the store file's stem.
pub const ANCHOR_SUFFIX: &str = "audit-anchor.json";

/// The sidecar anchor file of the store file `store`: `digilyft.sqlite` →
/// `digilyft.audit-anchor.json` in the same directory.
pub fn anchor_file(store: &Path) -> PathBuf {
    let stem = store
        .file_stem()
        .map_or_else(|| "digilyft".into(), |s| s.to_string_lossy().into_owned());
    store.with_file_name(format!("{stem}.{ANCHOR_SUFFIX}"))
}

/// A row the workflow keeps whose audit event is missing from the log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Uncovered {
    /// An invoice without its `invoice.imported` event.
    #[error("invoice {0} is in the store but its invoice.imported event is missing from the log")]
    Invoice(i64),
    /// A decision intent without its decision event.
    #[error("decision {0} is in the store but its decision event is missing from the log")]
    Decision(String),
    /// A rule-set version without its `ruleset.imported` event.
    #[error("rule-set version {0} is in the store but its ruleset.imported event is missing")]
    RuleSetImport(i64),
    /// A routed invoice (it has workflow steps) without its `invoice.routed` event.
    #[error("invoice {0} has workflow steps but its invoice.routed event is missing from the log")]
    Routing(i64),
    /// An activated rule-set version without its `ruleset.activated` event.
    #[error("rule-set version {0} is active but its ruleset.activated event is missing")]
    RuleSetActivation(i64),
}

/// One anchor and what checking the log against it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorCheck {
    /// Where the anchor came from (the sidecar file, a ledger export, the command line).
    pub source: String,
    /// The anchor.
    pub anchor: Anchor,
    /// `Ok` when the log agrees with it.
    pub result: std::result::Result<(), AnchorBreak>,
}

/// Everything `digilyft audit verify` checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditReport {
    /// Number of events in the log.
    pub events: usize,
    /// The log's current head (None when empty).
    pub head: Option<Anchor>,
    /// The hash chain: `Ok(n)` when intact.
    pub chain: std::result::Result<usize, ChainBreak>,
    /// Each anchor checked (the sidecar first, then those given).
    pub anchors: Vec<AnchorCheck>,
    /// The sidecar file, when the store has one (None for an in-memory store).
    pub sidecar: Option<String>,
    /// Why the sidecar could not be used, if it exists but is unreadable.
    pub sidecar_problem: Option<String>,
    /// The log has events but no sidecar was found. A break when an anchor had been written
    /// (it was removed: see [`AuditReport::anchor_lost`]); a warning for a store written by a
    /// Digilyft without anchors, which gets one at its next commit.
    pub sidecar_missing: bool,
    /// The sidecar anchor had been written and has disappeared: a break (restore it, or
    /// re-anchor explicitly with `digilyft audit reanchor --force`).
    pub anchor_lost: bool,
    /// The file itself: `PRAGMA integrity_check` and a full read of every table; `Err` names
    /// the damage.
    pub storage: std::result::Result<(), String>,
    /// Rows without their audit event (at most a few are listed).
    pub uncovered: Vec<Uncovered>,
}

impl AuditReport {
    /// True when the chain is intact, every anchor agrees and every row is covered.
    pub fn intact(&self) -> bool {
        self.chain.is_ok()
            && self.anchors.iter().all(|a| a.result.is_ok())
            && self.uncovered.is_empty()
            && self.sidecar_problem.is_none()
            && !self.anchor_lost
            && self.storage.is_ok()
    }

    /// The first broken event, by sequence number, over every check that names one.
    pub fn first_broken_seq(&self) -> Option<i64> {
        let chain = self.chain.as_ref().err().map(ChainBreak::seq);
        let anchors = self
            .anchors
            .iter()
            .filter_map(|a| a.result.as_ref().err().map(AnchorBreak::seq));
        chain.into_iter().chain(anchors).min()
    }
}

/// How many uncovered rows a report lists at most.
const MAX_UNCOVERED: usize = 20;

/// Turns the key of a row lacking its event into its description.
type NameRow = fn(Value) -> Uncovered;

/// Each coverage check: a query for the keys of rows lacking their event (`?1` = the limit), and
/// how to name such a row.
const COVERAGE: &[(&str, NameRow)] = &[
    (
        "SELECT id FROM invoice WHERE id NOT IN
            (SELECT invoice_id FROM audit WHERE kind = 'invoice.imported' AND invoice_id IS NOT NULL)
         ORDER BY id LIMIT ?1",
        |v| Uncovered::Invoice(int(v)),
    ),
    (
        "SELECT DISTINCT invoice_id FROM step WHERE invoice_id NOT IN
            (SELECT invoice_id FROM audit WHERE kind = 'invoice.routed' AND invoice_id IS NOT NULL)
         ORDER BY invoice_id LIMIT ?1",
        |v| Uncovered::Routing(int(v)),
    ),
    (
        "SELECT decision_id FROM decision WHERE decision_id NOT IN
            (SELECT json_extract(detail, '$.decision_id') FROM audit
             WHERE kind = 'decision' AND json_valid(detail))
         ORDER BY received_at, rowid LIMIT ?1",
        |v| Uncovered::Decision(text(v)),
    ),
    (
        "SELECT version FROM ruleset WHERE version NOT IN
            (SELECT ruleset_version FROM audit WHERE kind = 'ruleset.imported' AND ruleset_version IS NOT NULL)
         ORDER BY version LIMIT ?1",
        |v| Uncovered::RuleSetImport(int(v)),
    ),
    (
        "SELECT version FROM ruleset WHERE activated_at IS NOT NULL AND version NOT IN
            (SELECT ruleset_version FROM audit WHERE kind = 'ruleset.activated' AND ruleset_version IS NOT NULL)
         ORDER BY version LIMIT ?1",
        |v| Uncovered::RuleSetActivation(int(v)),
    ),
];

fn int(v: Value) -> i64 {
    match v {
        Value::Integer(i) => i,
        _ => 0,
    }
}

fn text(v: Value) -> String {
    match v {
        Value::Text(t) => t,
        Value::Integer(i) => i.to_string(),
        _ => String::new(),
    }
}

impl Store {
    /// The sidecar anchor file, or None for an in-memory store.
    pub fn anchor_path(&self) -> Option<PathBuf> {
        (self.path != ":memory:").then(|| anchor_file(Path::new(&self.path)))
    }

    /// The log's current head as an anchor (None when the log is empty).
    pub fn audit_head(&self) -> Result<Option<Anchor>> {
        let last: Option<(i64, String, String)> = self
            .conn
            .query_row(
                "SELECT seq, hash, at FROM audit ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((seq, hash, at)) = last else {
            return Ok(None);
        };
        let first: Option<String> = self
            .conn
            .query_row("SELECT hash FROM audit ORDER BY seq LIMIT 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(Some(Anchor {
            seq,
            hash,
            first_hash: first,
            at: Some(parse_ts(&at)?),
        }))
    }

    /// Reads the sidecar anchor; `Ok(None)` when there is none (yet).
    pub fn sidecar_anchor(&self) -> Result<Option<Anchor>> {
        let Some(path) = self.anchor_path() else {
            return Ok(None);
        };
        read_anchor_file(&path)
    }

    /// Called after every commit that may have appended events: moves the sidecar anchor up to
    /// the log's head. The sidecar only ever moves forward along the same log: when the log no
    /// longer agrees with it (shorter, rewritten, another log) or it cannot be read, it is left
    /// exactly as it is, as evidence for `audit verify`, until an administrator deals with it.
    pub(super) fn refresh_anchor(&mut self) -> Result<()> {
        let Some(path) = self.anchor_path() else {
            return Ok(());
        };
        let Some(head) = self.audit_head()? else {
            return Ok(());
        };
        if self.anchored_seq >= head.seq {
            return Ok(());
        }
        match read_anchor_file(&path) {
            Ok(Some(old)) => {
                if !self.agrees_with(&old, &head)? {
                    self.anchored_seq = i64::MAX;
                    self.damage = Some(format!(
                        "the audit log no longer agrees with its anchor {}",
                        path.display()
                    ));
                    return Ok(());
                }
                if old.seq >= head.seq {
                    self.anchored_seq = old.seq;
                    return Ok(());
                }
            }
            // Removed while this store was open: never silently recreated.
            Ok(None) if self.anchor_written => {
                self.anchored_seq = i64::MAX;
                self.damage = Some(format!(
                    "its audit anchor {} has disappeared",
                    path.display()
                ));
                return Ok(());
            }
            Ok(None) => {}
            Err(e) => {
                self.anchored_seq = i64::MAX;
                self.damage = Some(format!("its audit anchor cannot be read ({e})"));
                return Ok(());
            }
        }
        write_anchor_file(&path, &head)?;
        self.note_anchor_written()?;
        self.anchored_seq = head.seq;
        Ok(())
    }

    /// Whether the log (whose head is `head`) still contains the anchored event unchanged.
    pub(super) fn agrees_with(&self, old: &Anchor, head: &Anchor) -> Result<bool> {
        if old.first_hash.is_some() && old.first_hash != head.first_hash {
            return Ok(false);
        }
        let at: Option<String> = self
            .conn
            .query_row("SELECT hash FROM audit WHERE seq = ?1", [old.seq], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(at.as_deref() == Some(old.hash.as_str()))
    }

    /// Verifies the audit log: the chain, the sidecar anchor and each of `extra` (with where it
    /// came from), and that every invoice, decision and rule-set version is covered by its event.
    pub fn audit_report(&self, extra: &[(String, Anchor)]) -> Result<AuditReport> {
        let mut storage = self.storage_check();
        let events = match self.audit_events() {
            Ok(e) => e,
            Err(e) => {
                let problem = format!("the audit log cannot be read: {e}");
                storage = Err(match storage {
                    Err(s) => format!("{s}; {problem}"),
                    Ok(()) => problem,
                });
                Vec::new()
            }
        };
        let chain = audit::verify(&events);
        let head = Anchor::of(&events);
        let mut anchors = Vec::new();
        let sidecar = self.anchor_path();
        let mut sidecar_problem = None;
        let mut sidecar_missing = false;
        if let Some(path) = &sidecar {
            match read_anchor_file(path) {
                Ok(Some(a)) => anchors.push(AnchorCheck {
                    source: path.display().to_string(),
                    result: audit::check_anchor(&events, &a),
                    anchor: a,
                }),
                Ok(None) => sidecar_missing = !events.is_empty(),
                Err(e) => sidecar_problem = Some(e.to_string()),
            }
        }
        for (source, a) in extra {
            anchors.push(AnchorCheck {
                source: source.clone(),
                result: audit::check_anchor(&events, a),
                anchor: a.clone(),
            });
        }
        let uncovered = match self.uncovered() {
            Ok(u) => u,
            Err(e) if storage.is_err() => {
                let _ = e;
                Vec::new()
            }
            Err(e) => return Err(e),
        };
        Ok(AuditReport {
            anchor_lost: sidecar_missing && self.anchor_written,
            storage,
            events: events.len(),
            head,
            chain,
            anchors,
            sidecar: sidecar.map(|p| p.display().to_string()),
            sidecar_problem,
            sidecar_missing,
            uncovered,
        })
    }

    /// Rows whose creating event is missing from the log, oldest first (at most a few).
    fn uncovered(&self) -> Result<Vec<Uncovered>> {
        let mut out = Vec::new();
        for (sql, make) in COVERAGE {
            let mut stmt = self.conn.prepare(sql)?;
            for key in stmt.query_map([MAX_UNCOVERED as i64], |r| r.get::<_, Value>(0))? {
                out.push(make(key?));
            }
        }
        out.truncate(MAX_UNCOVERED);
        Ok(out)
    }
}

/// Reads an anchor file; `Ok(None)` when it does not exist.
pub fn read_anchor_file(path: &Path) -> Result<Option<Anchor>> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(StoreError::Anchor {
                path: path.display().to_string(),
                reason: source.to_string(),
            });
        }
    };
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| StoreError::Anchor {
            path: path.display().to_string(),
            reason: format!("not an audit anchor: {e}"),
        })
}

/// Writes `anchor` to `path` atomically (a temporary file in the same directory, then rename),
/// so a crash leaves either the old anchor or the new one, never half of one.
pub(super) fn write_anchor_file(path: &Path, anchor: &Anchor) -> Result<()> {
    let fail = |e: &dyn std::fmt::Display| StoreError::Anchor {
        path: path.display().to_string(),
        reason: format!("cannot write it ({e}); the change itself was saved"),
    };
    let json = serde_json::to_vec_pretty(anchor).map_err(|e| fail(&e))?;
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, json).map_err(|e| fail(&e))?;
    std::fs::rename(&tmp, path).map_err(|e| fail(&e))
}
