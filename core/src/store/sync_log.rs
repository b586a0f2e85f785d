//! The change log the sync clients pull (sync.md §2.4): change rows with their audiences, the
//! counter row that numbers them, each entity's current version, data and scope, the epoch,
//! and the route versions of invoices and steps.
//!
//! Tables: `changes`, `change_audience`, `sync_counter`, `sync_entity`, `sync_scope`,
//! `sync_meta`; the `route_version` columns of `invoice` and `step`.
//!
//! Invariants:
//! * change rows are written only inside the transaction of the state change they describe
//!   ([`emit`] takes the caller's connection, never opens a transaction), so a change is either
//!   committed with its rows or not at all;
//! * seqs come from the one counter row, taken inside the write transaction: seq order is
//!   commit order, and no committed seq is ever skipped by a puller;
//! * an entity's `version` grows by one with every change row pair written for it; a change that
//!   leaves an entity's data and audience as they were writes nothing;
//! * when an entity's audience loses keys, those keys get a `leave_scope` row; the keys that
//!   hold it get the `upsert`.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::Store;
use super::error::{Result, StoreError};
use super::invoices::SUMMARY_SELECT;
use super::rows::{parse_ts, summary_row, ts};
use super::workflow::load_workflow;
use crate::approval::ruleset::RuleSet;
use crate::approval::{self, Workflow};
use crate::sync::audience;
use crate::sync::parse::wire_row;
use crate::sync::wire::{
    ChangeOp, ChangeRow, InvoiceData, RulesetData, SnapshotRow, StepData, wire_hash,
};

/// What one pull read, in one read transaction.
#[derive(Debug, Clone)]
pub struct Pulled {
    /// The store's epoch.
    pub epoch: String,
    /// The highest seq committed.
    pub head: i64,
    /// Every change with a seq up to this was removed by retention.
    pub pruned_through: i64,
    /// The caller's rows after the cursor, ascending, at most `limit + 1` of them.
    pub rows: Vec<ChangeRow>,
}

/// What a snapshot read, in one read transaction.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The store's epoch.
    pub epoch: String,
    /// The highest seq committed when the rows were read.
    pub head: i64,
    /// Every entity in the caller's scope.
    pub rows: Vec<SnapshotRow>,
}

impl Store {
    /// The store's sync epoch.
    pub fn sync_epoch(&self) -> Result<String> {
        epoch(&self.conn)
    }

    /// The highest change-log seq committed.
    pub fn sync_head(&self) -> Result<i64> {
        head(&self.conn)
    }

    /// The rows after `since` whose audience holds one of `keys`, at most `limit + 1` (so the
    /// caller sees whether more are ready), with the epoch, head and retention read in the same
    /// read transaction.
    pub fn sync_changes(&self, keys: &[String], since: i64, limit: usize) -> Result<Pulled> {
        let tx = self.conn.unchecked_transaction()?;
        let (epoch, pruned_through) = meta(&tx)?;
        let head = head(&tx)?;
        // The first `limit + 1` seqs of each key, in index order (no sort of a backlog), merged:
        // the first `limit + 1` of the union are among them.
        let want = limit.saturating_add(1);
        let mut seqs = std::collections::BTreeSet::new();
        {
            let mut stmt = tx.prepare_cached(
                "SELECT seq FROM change_audience WHERE audience_key = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
            )?;
            let n = i64::try_from(want).unwrap_or(i64::MAX);
            for k in keys {
                for seq in stmt.query_map(params![k, since, n], |r| r.get::<_, i64>(0))? {
                    seqs.insert(seq?);
                }
            }
        }
        let rows = {
            let mut stmt = tx.prepare_cached(
                "SELECT seq, entity, entity_id, version, op, data_json, reason FROM changes WHERE seq = ?1",
            )?;
            let mut out = Vec::with_capacity(want.min(seqs.len()));
            for seq in seqs.into_iter().take(want) {
                let (seq, entity, id, version, op, data, reason) = stmt.query_row([seq], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, i64>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, Option<String>>(6)?,
                    ))
                })?;
                out.push(ChangeRow {
                    seq,
                    entity,
                    id,
                    version,
                    op: ChangeOp::parse(&op)
                        .ok_or_else(|| StoreError::Corrupt(format!("change op {op:?}")))?,
                    data: data.as_deref().map(json_value).transpose()?,
                    reason,
                });
            }
            out
        };
        tx.finish()?;
        Ok(Pulled {
            epoch,
            head,
            pruned_through,
            rows,
        })
    }

    /// Every listed entity whose scope holds one of `keys`, with the head seq read in the same
    /// read transaction (the cursor to pull from afterwards).
    pub fn sync_snapshot(&self, keys: &[String]) -> Result<Snapshot> {
        let tx = self.conn.unchecked_transaction()?;
        let (epoch, _) = meta(&tx)?;
        let head = head(&tx)?;
        let keys_json = serde_json::to_string(keys)
            .map_err(|e| StoreError::Corrupt(format!("audience keys: {e}")))?;
        let rows = {
            let mut stmt = tx.prepare_cached(
                "SELECT DISTINCT e.entity, e.entity_id, e.version, e.data_json
                 FROM sync_scope s JOIN sync_entity e ON e.entity = s.entity AND e.entity_id = s.entity_id
                 WHERE s.audience_key IN (SELECT value FROM json_each(?1)) AND e.listed = 1
                   AND e.data_json IS NOT NULL
                 ORDER BY e.entity, length(e.entity_id), e.entity_id",
            )?;
            let mapped = stmt.query_map([keys_json], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in mapped {
                let (entity, id, version, data) = row?;
                out.push(SnapshotRow {
                    entity,
                    id,
                    version,
                    data: json_value(&data)?,
                });
            }
            out
        };
        tx.finish()?;
        Ok(Snapshot { epoch, head, rows })
    }

    /// Replaces the epoch with `new` (after restoring a backup or promoting an asynchronous
    /// replica): every client's cursor then gets 410 and clients rebuild and re-push.
    pub fn bump_epoch(&mut self, new: &str) -> Result<()> {
        self.conn
            .execute("UPDATE sync_meta SET epoch = ?1 WHERE id = 1", [new])?;
        Ok(())
    }

    /// Retention: removes change rows created before `before` (tombstones included; the
    /// entities' current state stays in the snapshot) and records the highest removed seq, so
    /// older cursors get 410. Returns how many rows were removed.
    pub fn prune_changes(&mut self, before: DateTime<Utc>) -> Result<usize> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let through: Option<i64> = tx.query_row(
            "SELECT MAX(seq) FROM changes WHERE created_at < ?1",
            [ts(before)],
            |r| r.get(0),
        )?;
        let Some(through) = through else {
            return Ok(0);
        };
        tx.execute("DELETE FROM change_audience WHERE seq <= ?1", [through])?;
        let n = tx.execute("DELETE FROM changes WHERE seq <= ?1", [through])?;
        tx.execute(
            "UPDATE sync_meta SET pruned_through = MAX(pruned_through, ?1) WHERE id = 1",
            [through],
        )?;
        tx.commit()?;
        Ok(n)
    }

    /// The current `data` of an invoice as the change log carries it (what a client's mirror
    /// must equal once it has pulled to the head).
    pub fn sync_invoice_data(&self, id: i64) -> Result<InvoiceData> {
        Ok(invoice_data(&self.conn, id)?.0)
    }

    /// Gives every invoice and rule-set version that has no change-log entry yet (a store
    /// written before the change log existed) its first `upsert`, in one transaction.
    pub(super) fn backfill_change_log(&mut self) -> Result<()> {
        let rules = self.active.as_ref().map(|(_, r)| r.clone());
        // Read and write in one transaction: two first opens at once back-fill once.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let missing: Vec<(i64, String)> = {
            let mut stmt = tx.prepare(
                "SELECT id, imported_at FROM invoice i WHERE NOT EXISTS
                   (SELECT 1 FROM sync_entity e WHERE e.entity = 'invoice' AND e.entity_id = CAST(i.id AS TEXT))
                 ORDER BY id",
            )?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<std::result::Result<_, _>>()?
        };
        let rulesets: Vec<(i64, String)> = {
            let mut stmt = tx.prepare(
                "SELECT version, imported_at FROM ruleset r WHERE NOT EXISTS
                   (SELECT 1 FROM sync_entity e WHERE e.entity = 'ruleset' AND e.entity_id = CAST(r.version AS TEXT))
                 ORDER BY version",
            )?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<std::result::Result<_, _>>()?
        };
        for (version, at) in rulesets {
            emit_ruleset(&tx, version, parse_ts(&at)?, "activated")?;
        }
        for (id, at) in missing {
            emit_invoice(&tx, id, parse_ts(&at)?, "intake", rules.as_deref())?;
        }
        tx.commit()?;
        Ok(())
    }
}

fn json_value(s: &str) -> Result<serde_json::Value> {
    serde_json::from_str(s).map_err(|e| StoreError::Corrupt(format!("change data: {e}")))
}

fn meta(conn: &Connection) -> Result<(String, i64)> {
    Ok(conn.query_row(
        "SELECT epoch, pruned_through FROM sync_meta WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

pub(super) fn epoch(conn: &Connection) -> Result<String> {
    Ok(meta(conn)?.0)
}

pub(super) fn head(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT v FROM sync_counter WHERE id = 1", [], |r| r.get(0))?)
}

/// The next seq, from the counter row (inside the caller's write transaction).
fn next_seq(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("UPDATE sync_counter SET v = v + 1 WHERE id = 1 RETURNING v")?
        .query_row([], |r| r.get(0))?)
}

fn write_change(
    conn: &Connection,
    row: (&str, &str, i64, ChangeOp),
    data: Option<&str>,
    reason: &str,
    keys: &BTreeSet<String>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let (entity, id, version, op) = row;
    let seq = next_seq(conn)?;
    conn.prepare_cached(
        "INSERT INTO changes (seq, entity, entity_id, version, op, data_json, reason, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        seq,
        entity,
        id,
        version,
        op.as_str(),
        data,
        reason,
        ts(now)
    ])?;
    let mut ins =
        conn.prepare_cached("INSERT INTO change_audience (seq, audience_key) VALUES (?1, ?2)")?;
    for k in keys {
        ins.execute(params![seq, k])?;
    }
    Ok(seq)
}

/// An entity as it now is: what [`emit`] records.
pub(super) struct Entity<'a> {
    /// `invoice`, `ruleset`, `mutation`.
    pub entity: &'a str,
    /// Its id.
    pub id: &'a str,
    /// Its data as JSON (None: deleted).
    pub data: Option<&'a str>,
    /// Who pulls it.
    pub audience: &'a BTreeSet<String>,
    /// Whether a snapshot shows it.
    pub listed: bool,
}

/// Records that an entity now is `e` (module invariants). Returns the last seq written, or
/// None when nothing changed.
pub(super) fn emit(
    conn: &Connection,
    e: &Entity<'_>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>> {
    let Entity {
        entity,
        id,
        data,
        audience,
        listed,
    } = *e;
    let prev: Option<(i64, Option<String>, bool)> = conn
        .prepare_cached(
            "SELECT version, data_json, listed FROM sync_entity WHERE entity = ?1 AND entity_id = ?2",
        )?
        .query_row(params![entity, id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let old_keys: BTreeSet<String> = conn
        .prepare_cached("SELECT audience_key FROM sync_scope WHERE entity = ?1 AND entity_id = ?2")?
        .query_map(params![entity, id], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    if let Some((_, old_data, old_listed)) = &prev
        && old_data.as_deref() == data
        && *old_listed == listed
        && old_keys == *audience
    {
        return Ok(None);
    }
    let version = prev.as_ref().map_or(0, |p| p.0) + 1;
    let mut last = None;
    let left: BTreeSet<String> = old_keys.difference(audience).cloned().collect();
    if !left.is_empty() {
        let op = if data.is_some() {
            ChangeOp::LeaveScope
        } else {
            ChangeOp::Delete
        };
        // Losing an invoice is always a re-routing: a step moved to someone else.
        let reason = if entity == "invoice" {
            "rerouted"
        } else {
            reason
        };
        last = Some(write_change(
            conn,
            (entity, id, version, op),
            None,
            reason,
            &left,
            now,
        )?);
    }
    if !audience.is_empty() {
        let op = if data.is_some() {
            ChangeOp::Upsert
        } else {
            ChangeOp::Delete
        };
        last = Some(write_change(
            conn,
            (entity, id, version, op),
            data,
            reason,
            audience,
            now,
        )?);
    }
    conn.prepare_cached(
        "INSERT INTO sync_entity (entity, entity_id, version, data_json, listed) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (entity, entity_id) DO UPDATE SET version = excluded.version,
            data_json = excluded.data_json, listed = excluded.listed",
    )?
    .execute(params![entity, id, version, data, listed])?;
    if old_keys != *audience {
        conn.prepare_cached("DELETE FROM sync_scope WHERE entity = ?1 AND entity_id = ?2")?
            .execute(params![entity, id])?;
        let mut ins = conn.prepare_cached(
            "INSERT INTO sync_scope (entity, entity_id, audience_key) VALUES (?1, ?2, ?3)",
        )?;
        for k in audience {
            ins.execute(params![entity, id, k])?;
        }
    }
    Ok(last)
}

/// An invoice's `data` and its workflow, read inside the caller's transaction.
pub(super) fn invoice_data(conn: &Connection, id: i64) -> Result<(InvoiceData, Workflow)> {
    let wf = load_workflow(conn, id)?;
    let summary = conn
        .prepare_cached(&format!("{SUMMARY_SELECT} WHERE i.id = ?1"))?
        .query_row([id], summary_row)
        .optional()?
        .ok_or(StoreError::NoSuchInvoice(id))??;
    let route_version: i64 = conn
        .prepare_cached("SELECT route_version FROM invoice WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    let step_routes: std::collections::HashMap<u32, i64> = conn
        .prepare_cached("SELECT seq, route_version FROM step WHERE invoice_id = ?1")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    let steps = wf
        .steps
        .iter()
        .map(|s| StepData {
            seq: s.seq,
            kind: s.kind.as_str().to_string(),
            label: s.label.clone(),
            state: s.state.as_str().to_string(),
            assignee: s.assignee.clone(),
            queue: s.queue.clone(),
            revision: s.revision,
            route_version: step_routes.get(&s.seq).copied().unwrap_or(0),
            decided_by: s.decided_by.clone(),
            acting_for: s.acting_for.clone(),
            decided_at: s.decided_at,
            decision_id: s.decision_id.clone(),
            auto_rule: s.auto_rule.clone(),
        })
        .collect();
    let data = InvoiceData {
        id: id.to_string(),
        number: summary.number,
        supplier: summary.supplier,
        supplier_id: summary.supplier_id,
        kind: summary.kind.map(|k| k.as_str().to_string()),
        issue_date: summary.issue_date,
        due_date: summary.due_date,
        attest_deadline: summary.attest_deadline,
        currency: summary.currency,
        amount: summary.amount.to_string(),
        net_amount: summary.net_amount.to_string(),
        state: wf.state.as_str().to_string(),
        payment_block: wf.payment_block,
        revision: wf.revision,
        route_version,
        content_hash: wire_hash(&approval::content_hash(&wf)),
        ruleset_version: wf.ruleset_version,
        flow_rule: wf.flow_rule.clone(),
        document_sha256: wf.document_sha256.clone(),
        file_name: summary.file_name,
        original: format!("/v1/invoices/{id}/original"),
        steps,
        kontering: wf.coding.iter().map(wire_row).collect(),
    };
    Ok((data, wf))
}

/// Writes the change rows of invoice `id` as it now is (inside the caller's transaction).
/// `rules`: the active rule set, for the ersättare in the audience.
pub(super) fn emit_invoice(
    conn: &Connection,
    id: i64,
    now: DateTime<Utc>,
    reason: &str,
    rules: Option<&RuleSet>,
) -> Result<Option<i64>> {
    let (data, wf) = invoice_data(conn, id)?;
    let json = serde_json::to_string(&data)
        .map_err(|e| StoreError::Corrupt(format!("invoice data: {e}")))?;
    let keys = audience::invoice(&wf, rules, now.date_naive());
    let id = id.to_string();
    let e = Entity {
        entity: "invoice",
        id: &id,
        data: Some(&json),
        audience: &keys,
        listed: true,
    };
    emit(conn, &e, reason, now)
}

/// Writes the change rows of rule-set `version` as it now is.
pub(super) fn emit_ruleset(
    conn: &Connection,
    version: i64,
    now: DateTime<Utc>,
    reason: &str,
) -> Result<Option<i64>> {
    let (source_name, decision_ref, sha256, activated_at): (
        String,
        String,
        String,
        Option<String>,
    ) = conn.query_row(
        "SELECT source_name, decision_ref, sha256, activated_at FROM ruleset WHERE version = ?1",
        [version],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let active: Option<i64> = conn.query_row(
        "SELECT version FROM ruleset WHERE activated_at IS NOT NULL ORDER BY activated_at DESC, version DESC LIMIT 1",
        [],
        |r| r.get(0),
    ).optional()?;
    let data = RulesetData {
        version,
        active: active == Some(version),
        activated_at: activated_at.as_deref().map(parse_ts).transpose()?,
        source_name,
        decision_ref,
        sha256,
    };
    let json = serde_json::to_string(&data)
        .map_err(|e| StoreError::Corrupt(format!("ruleset data: {e}")))?;
    let id = version.to_string();
    let e = Entity {
        entity: "ruleset",
        id: &id,
        data: Some(&json),
        audience: &audience::ruleset(),
        listed: true,
    };
    emit(conn, &e, reason, now)
}

/// After a workflow change from `old` to `new` (inside the caller's transaction): when a step
/// was created, removed, or got another kind, label, assignee or queue, the invoice's route
/// version grows by one and each such step takes it.
pub(super) fn bump_route_versions(conn: &Connection, old: &Workflow, new: &Workflow) -> Result<()> {
    let assignment =
        |s: &approval::Step| (s.kind, s.label.clone(), s.assignee.clone(), s.queue.clone());
    let moved: Vec<u32> = new
        .steps
        .iter()
        .filter(|s| old.steps.get(s.seq as usize).map(assignment) != Some(assignment(s)))
        .map(|s| s.seq)
        .collect();
    if moved.is_empty() && new.steps.len() >= old.steps.len() {
        return Ok(());
    }
    let rv: i64 = conn
        .prepare_cached(
            "UPDATE invoice SET route_version = route_version + 1 WHERE id = ?1 RETURNING route_version",
        )?
        .query_row([new.invoice_id], |r| r.get(0))?;
    let mut upd = conn
        .prepare_cached("UPDATE step SET route_version = ?1 WHERE invoice_id = ?2 AND seq = ?3")?;
    for seq in moved {
        upd.execute(params![rv, new.invoice_id, seq])?;
    }
    Ok(())
}

/// The content hash invoice `id` had at workflow revision `revision` (the kontering rows in
/// force then; documents and amounts never change): what a schema-1 decision, which quoted no
/// hash, was made on.
pub(super) fn content_hash_at(conn: &Connection, id: i64, revision: i64) -> Result<String> {
    let mut wf = load_workflow(conn, id)?;
    let mut stmt = conn.prepare_cached(&format!(
        "{} WHERE invoice_id = ?1 AND from_revision <= ?2 AND (replaced_at_rev IS NULL OR replaced_at_rev > ?2)
         ORDER BY row_no",
        super::workflow::CODING_SELECT
    ))?;
    let rows = stmt.query_map(params![id, revision], super::rows::coding_row)?;
    wf.coding = rows
        .map(|r| r?.map(|(_, c)| c))
        .collect::<Result<Vec<_>>>()?;
    Ok(approval::content_hash(&wf))
}
