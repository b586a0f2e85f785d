//! The hash-chained audit log: appending sealed events and reading them back.
//!
//! Table: `audit` (append-only: SQLite triggers refuse updates and deletes). Invariants: an event
//! is appended inside the transaction of the change it records, sealed onto the current head
//! ([`crate::audit::seal`]); reading returns events in sequence order.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::Store;
use super::error::Result;
use super::rows::{audit_row, ts};
use crate::audit::{self, AuditEvent, NewEvent};

impl Store {
    /// The whole audit log in sequence order.
    pub fn audit_events(&self) -> Result<Vec<AuditEvent>> {
        self.audit_events_where(None)
    }

    pub(super) fn audit_events_where(&self, invoice: Option<i64>) -> Result<Vec<AuditEvent>> {
        let sql = format!(
            "SELECT seq, at, kind, invoice_id, actor, acting_for, device_time, ruleset_version, content_hash, outcome, reason, detail, prev_hash, hash
             FROM audit {} ORDER BY rowid",
            if invoice.is_some() { "WHERE invoice_id = ?1" } else { "" }
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = match invoice {
            Some(id) => stmt.query_map([id], audit_row)?.collect::<Vec<_>>(),
            None => stmt.query_map([], audit_row)?.collect::<Vec<_>>(),
        };
        rows.into_iter().map(|r| r?).collect()
    }

    /// Appends `ev`, which records no change of this store (an access event of the server: a
    /// login, a role change, a device revocation), in a write transaction of its own, and moves
    /// the sidecar anchor.
    pub fn record_event(&mut self, ev: NewEvent, at: DateTime<Utc>) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        append_audit(&tx, at, ev)?;
        tx.commit()?;
        self.refresh_anchor()
    }

    /// Verifies the audit chain; `Ok(n)` with the number of events when intact.
    pub fn verify_audit(&self) -> Result<std::result::Result<usize, audit::ChainBreak>> {
        Ok(audit::verify(&self.audit_events()?))
    }
}

pub(super) fn append_audit(conn: &Connection, at: DateTime<Utc>, ev: NewEvent) -> Result<()> {
    let last: Option<(i64, String)> = conn
        .prepare_cached("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (seq, prev) = last.map_or((1, audit::GENESIS.to_string()), |(s, h)| (s + 1, h));
    let sealed = audit::seal(seq, at, ev, &prev);
    let e = &sealed.event;
    conn.prepare_cached(
        "INSERT INTO audit (seq, at, kind, invoice_id, actor, acting_for, device_time, ruleset_version, content_hash, outcome, reason, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        sealed.seq,
        ts(sealed.at),
        e.kind,
        e.invoice_id,
        e.actor,
        e.acting_for,
        e.device_time.map(ts),
        e.ruleset_version,
        e.content_hash,
        e.outcome,
        e.reason,
        e.detail,
        sealed.prev_hash,
        sealed.hash
    ])?;
    Ok(())
}
