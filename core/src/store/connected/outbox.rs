//! The outbox: every mutation this device made, in `device_seq` order, with its outcome.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::{SyncStore, parse_ts, ts};
use crate::store::error::{Result, StoreError};

/// Where a mutation is on its way to the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxState {
    /// Saved on this device, not yet sent (or to be sent again).
    Pending,
    /// Sent; no answer yet (a crash here means: send again, the id makes it idempotent).
    Inflight,
    /// The server recorded an outcome.
    Acked,
    /// The server could not take it (400/413 on its own); never sent again, shown to the user.
    Quarantined,
}

impl OutboxState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Pending => "pending",
            OutboxState::Inflight => "inflight",
            OutboxState::Acked => "acked",
            OutboxState::Quarantined => "quarantined",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        Ok(match s {
            "pending" => OutboxState::Pending,
            "inflight" => OutboxState::Inflight,
            "acked" => OutboxState::Acked,
            "quarantined" => OutboxState::Quarantined,
            other => return Err(StoreError::Corrupt(format!("outbox state {other:?}"))),
        })
    }
}

/// A mutation to append to the outbox (its `device_seq` is assigned by [`SyncStore::enqueue`]).
#[derive(Debug, Clone)]
pub struct NewMutation {
    /// UUIDv7, the idempotency key.
    pub mutation_id: String,
    /// `step_decision`, `set_kontering`, `ack_attention`, `void`.
    pub kind: String,
    /// Payload schema version.
    pub schema_v: i64,
    /// The payload exactly as it will be sent.
    pub payload_json: String,
    /// Hex SHA-256 of `payload_json`.
    pub payload_sha256: String,
    /// The device's claimed time.
    pub created_at_device: DateTime<Utc>,
    /// The invoice it is about, if any (for the overlay).
    pub invoice_id: Option<String>,
    /// The step it is about, if any.
    pub step_id: Option<String>,
}

/// One outbox row.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxRecord {
    /// The idempotency key.
    pub mutation_id: String,
    /// Monotonic per device.
    pub device_seq: i64,
    /// Mutation kind.
    pub kind: String,
    /// Payload schema version.
    pub schema_v: i64,
    /// The payload as sent.
    pub payload_json: String,
    /// Its hash.
    pub payload_sha256: String,
    /// The claimed device time.
    pub created_at_device: DateTime<Utc>,
    /// Where it is.
    pub state: OutboxState,
    /// Send attempts so far.
    pub attempts: i64,
    /// Not before this instant (backoff).
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The last transport or server error.
    pub last_error: Option<String>,
    /// The server's outcome word (ACCEPTED, SUPERSEDED, …) once acked.
    pub outcome: Option<String>,
    /// Whether the server answered from its idempotency record.
    pub replayed: Option<bool>,
    /// The server sequence number of the outcome.
    pub server_seq: Option<i64>,
    /// When the outcome arrived.
    pub acked_at: Option<DateTime<Utc>>,
    /// The server's detail object (winner, reason, …) as JSON.
    pub detail_json: Option<String>,
    /// How often it was queued again after a server restore (§2.9).
    pub repushes: i64,
    /// The invoice it is about.
    pub invoice_id: Option<String>,
    /// The step it is about.
    pub step_id: Option<String>,
    /// The server epoch `server_seq` belongs to.
    pub server_epoch: Option<String>,
}

/// The server's answer for one mutation.
#[derive(Debug, Clone)]
pub struct AckRecord {
    /// Which mutation.
    pub mutation_id: String,
    /// The outcome word as the server sent it.
    pub outcome: String,
    /// Whether this outcome is shown to the user until acknowledged (every outcome but ACCEPTED
    /// and PENDING_PRECONDITION).
    pub needs_attention: bool,
    /// Answered from the idempotency record.
    pub replayed: bool,
    /// The outcome's server sequence number.
    pub server_seq: Option<i64>,
    /// The server's detail object.
    pub detail_json: Option<String>,
    /// The server epoch the answer came in.
    pub epoch: Option<String>,
}

const COLUMNS: &str = "mutation_id, device_seq, kind, schema_v, payload_json, payload_sha256, \
    created_at_device, state, attempts, next_attempt_at, last_error, outcome, replayed, server_seq, \
    acked_at, detail_json, repushes, invoice_id, step_id, server_epoch";

pub(super) fn record(r: &Row<'_>) -> rusqlite::Result<OutboxRow> {
    Ok(OutboxRow {
        mutation_id: r.get(0)?,
        device_seq: r.get(1)?,
        kind: r.get(2)?,
        schema_v: r.get(3)?,
        payload_json: r.get(4)?,
        payload_sha256: r.get(5)?,
        created_at_device: r.get(6)?,
        state: r.get(7)?,
        attempts: r.get(8)?,
        next_attempt_at: r.get(9)?,
        last_error: r.get(10)?,
        outcome: r.get(11)?,
        replayed: r.get(12)?,
        server_seq: r.get(13)?,
        acked_at: r.get(14)?,
        detail_json: r.get(15)?,
        repushes: r.get(16)?,
        invoice_id: r.get(17)?,
        step_id: r.get(18)?,
        server_epoch: r.get(19)?,
    })
}

/// The row as SQLite gives it, before times and the state are parsed.
pub(super) struct OutboxRow {
    mutation_id: String,
    device_seq: i64,
    kind: String,
    schema_v: i64,
    payload_json: String,
    payload_sha256: String,
    created_at_device: String,
    state: String,
    attempts: i64,
    next_attempt_at: Option<String>,
    last_error: Option<String>,
    outcome: Option<String>,
    replayed: Option<bool>,
    server_seq: Option<i64>,
    acked_at: Option<String>,
    detail_json: Option<String>,
    repushes: i64,
    invoice_id: Option<String>,
    step_id: Option<String>,
    server_epoch: Option<String>,
}

impl OutboxRow {
    pub(super) fn into_record(self) -> Result<OutboxRecord> {
        Ok(OutboxRecord {
            created_at_device: parse_ts(Some(self.created_at_device))?
                .ok_or_else(|| StoreError::Corrupt("outbox time".into()))?,
            state: OutboxState::parse(&self.state)?,
            next_attempt_at: parse_ts(self.next_attempt_at)?,
            acked_at: parse_ts(self.acked_at)?,
            mutation_id: self.mutation_id,
            device_seq: self.device_seq,
            kind: self.kind,
            schema_v: self.schema_v,
            payload_json: self.payload_json,
            payload_sha256: self.payload_sha256,
            attempts: self.attempts,
            last_error: self.last_error,
            outcome: self.outcome,
            replayed: self.replayed,
            server_seq: self.server_seq,
            detail_json: self.detail_json,
            repushes: self.repushes,
            invoice_id: self.invoice_id,
            step_id: self.step_id,
            server_epoch: self.server_epoch,
        })
    }
}

pub(super) fn outbox_columns() -> &'static str {
    COLUMNS
}

/// Inserts `m` with the device's next `device_seq` and moves the counter, inside `tx`.
fn append(tx: &rusqlite::Transaction<'_>, m: &NewMutation) -> Result<()> {
    let seq: Option<i64> = tx
        .query_row("SELECT next_device_seq FROM device WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    let seq = seq.ok_or_else(|| {
        StoreError::SyncPrecondition("no device is enrolled: log in to a server first".into())
    })?;
    tx.execute(
        "INSERT INTO outbox (mutation_id, device_seq, kind, schema_v, payload_json, \
         payload_sha256, created_at_device, state, invoice_id, step_id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', ?8, ?9)",
        params![
            m.mutation_id,
            seq,
            m.kind,
            m.schema_v,
            m.payload_json,
            m.payload_sha256,
            ts(m.created_at_device),
            m.invoice_id,
            m.step_id
        ],
    )?;
    tx.execute(
        "UPDATE device SET next_device_seq = ?1 WHERE id = 1",
        params![seq + 1],
    )?;
    Ok(())
}

impl SyncStore {
    /// Appends `m` to the outbox with the device's next `device_seq`, in one transaction; with
    /// `attention_ack`, the same transaction marks that attention item acknowledged by `m`.
    /// Refused when no device is enrolled.
    pub fn enqueue(
        &mut self,
        m: &NewMutation,
        attention_ack: Option<&str>,
    ) -> Result<OutboxRecord> {
        let tx = self.write()?;
        append(&tx, m)?;
        if let Some(ack) = attention_ack {
            let n = tx.execute(
                "UPDATE attention SET ack_mutation_id = ?1 \
                 WHERE mutation_id = ?2 AND ack_mutation_id IS NULL",
                params![m.mutation_id, ack],
            )?;
            if n == 0 {
                return Err(StoreError::SyncPrecondition(format!(
                    "no open attention item for mutation {ack}"
                )));
            }
        }
        let row = tx.query_row(
            &format!("SELECT {COLUMNS} FROM outbox WHERE mutation_id = ?1"),
            [&m.mutation_id],
            record,
        )?;
        tx.commit()?;
        row.into_record()
    }

    /// Mutations to send now: pending or in flight (a previous run died waiting), due at `now`,
    /// in `device_seq` order, at most `limit`.
    pub fn due(&self, now: DateTime<Utc>, limit: usize) -> Result<Vec<OutboxRecord>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM outbox WHERE state IN ('pending', 'inflight') \
             AND (next_attempt_at IS NULL OR next_attempt_at <= ?1) \
             ORDER BY device_seq LIMIT ?2"
        ))?;
        let rows = stmt
            .query_map(params![ts(now), limit as i64], record)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().map(OutboxRow::into_record).collect()
    }

    /// Every outbox row, oldest first.
    pub fn outbox(&self) -> Result<Vec<OutboxRecord>> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {COLUMNS} FROM outbox ORDER BY device_seq"))?;
        let rows = stmt
            .query_map([], record)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().map(OutboxRow::into_record).collect()
    }

    /// One outbox row.
    pub fn mutation(&self, mutation_id: &str) -> Result<Option<OutboxRecord>> {
        let row = self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM outbox WHERE mutation_id = ?1"),
                [mutation_id],
                record,
            )
            .optional()?;
        row.map(OutboxRow::into_record).transpose()
    }

    /// How many mutations wait to be sent (pending or in flight).
    pub fn pending_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'inflight')",
            [],
            |r| r.get(0),
        )?)
    }

    /// Marks `ids` in flight and counts the attempt, before the request leaves.
    pub fn mark_inflight(&mut self, ids: &[String]) -> Result<()> {
        let tx = self.write()?;
        for id in ids {
            tx.execute(
                "UPDATE outbox SET state = 'inflight', attempts = attempts + 1 \
                 WHERE mutation_id = ?1 AND state IN ('pending', 'inflight')",
                [id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Records the server's outcomes in one transaction: each row becomes `acked`; an outcome
    /// that needs attention opens an attention item (once, however often it is replayed).
    pub fn record_results(&mut self, results: &[AckRecord], now: DateTime<Utc>) -> Result<()> {
        let tx = self.write()?;
        for a in results {
            tx.execute(
                "UPDATE outbox SET state = 'acked', outcome = ?2, replayed = ?3, server_seq = ?4, \
                 acked_at = ?5, detail_json = ?6, server_epoch = ?7, last_error = NULL, \
                 next_attempt_at = NULL WHERE mutation_id = ?1",
                params![
                    a.mutation_id,
                    a.outcome,
                    a.replayed,
                    a.server_seq,
                    ts(now),
                    a.detail_json,
                    a.epoch
                ],
            )?;
            if a.needs_attention {
                tx.execute(
                    "INSERT OR IGNORE INTO attention (mutation_id, raised_at) VALUES (?1, ?2)",
                    params![a.mutation_id, ts(now)],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// A failed send of `ids`, not to be tried before `next_attempt_at`, with the error. With
    /// `unanswered` (no answer came: the server may have it) a row in flight stays in flight, so
    /// the next attempt asks for its outcome first; else it is back to pending.
    pub fn record_failure(
        &mut self,
        ids: &[String],
        error: &str,
        next_attempt_at: DateTime<Utc>,
        unanswered: bool,
    ) -> Result<()> {
        let tx = self.write()?;
        let state = if unanswered { "state" } else { "'pending'" };
        for id in ids {
            tx.execute(
                &format!(
                    "UPDATE outbox SET state = {state}, last_error = ?2, next_attempt_at = ?3 \
                     WHERE mutation_id = ?1 AND state IN ('pending', 'inflight')"
                ),
                params![id, error, ts(next_attempt_at)],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Takes `id` out of the queue for good (the server cannot take it), listing it for the user,
    /// and in the same transaction appends `void` (the audited notice to the server that this
    /// `device_seq` will never arrive) when given.
    pub fn quarantine(
        &mut self,
        id: &str,
        error: &str,
        now: DateTime<Utc>,
        void: Option<&NewMutation>,
    ) -> Result<()> {
        let tx = self.write()?;
        tx.execute(
            "UPDATE outbox SET state = 'quarantined', last_error = ?2, next_attempt_at = NULL \
                 WHERE mutation_id = ?1",
            params![id, error],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO attention (mutation_id, raised_at) VALUES (?1, ?2)",
            params![id, ts(now)],
        )?;
        if let Some(v) = void {
            append(&tx, v)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// After a server restore (§2.9): every acked mutation with `device_seq` above `high_water`
    /// goes back to pending, same id and payload, and is counted as re-pushed. Returns how many.
    pub fn requeue_acked_above(&mut self, high_water: i64) -> Result<usize> {
        let tx = self.write()?;
        let n = tx.execute(
            "UPDATE outbox SET state = 'pending', repushes = repushes + 1, next_attempt_at = NULL \
             WHERE state = 'acked' AND device_seq > ?1",
            [high_water],
        )?;
        tx.commit()?;
        Ok(n)
    }
}
