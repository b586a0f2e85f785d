//! Pushed mutations (sync.md §2.5): one write transaction per mutation that records the
//! mutation row, its effect, its outcome and their change rows together.
//!
//! Tables: `mutations` (append-only; the recorded outcome never changes), `voided_seq`.
//!
//! Invariants:
//! * a mutation id is recorded once, forever; the same id with the same device, seq, actor,
//!   kind, schema and payload hash returns the recorded result (`replayed`), with anything else
//!   it is `KEY_REUSED` and changes nothing;
//! * a decision's mutation id is its decision id, so a decision that also came through
//!   `POST /v1/decisions` (or comes later) takes effect once;
//! * decisions are judged by [`super::decisions::decide_in`] — the same engine path as every
//!   other decision — at the server's receipt time; the device's claimed time only feeds the
//!   engine's offline-age rule (EXPIRED) and is recorded;
//! * a crash before commit leaves no trace; after commit the mutation row answers the retry.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::Store;
use super::decisions::{decide_in, decision_by_id};
use super::error::{Result, StoreError};
use super::rows::{parse_ts, ts};
use super::sync_log::{Entity, content_hash_at, emit, head};
use super::workflow::{load_workflow, set_kontering_in};
use crate::approval::ruleset::RuleSet;
use crate::approval::{self, Envelope, Outcome, Policy, ReasonCode, StepState};
use crate::clock::Clock;
use crate::sync::audience;
use crate::sync::parse::{Command, DecideCmd, Received};
use crate::sync::wire::{Detail, MutationData, ResultItem, SyncOutcome, WireFault, action};

/// One recorded mutation, as the determinism oracle replays it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedMutation {
    /// The id.
    pub mutation_id: String,
    /// The device.
    pub device_id: String,
    /// Its seq.
    pub device_seq: i64,
    /// Who pushed it.
    pub actor: String,
    /// Its kind.
    pub kind: String,
    /// Its schema.
    pub schema_v: u32,
    /// The canonical payload.
    pub payload_json: String,
    /// The hash of the payload.
    pub payload_sha256: String,
    /// The claimed creation time as sent.
    pub created_at_device: String,
    /// Server receipt time.
    pub received_at: DateTime<Utc>,
    /// The recorded outcome.
    pub outcome: SyncOutcome,
    /// Its server seq.
    pub server_seq: Option<i64>,
}

fn detail(code: &str, reason: impl Into<String>) -> Detail {
    Detail {
        reason_code: code.to_string(),
        reason: reason.into(),
        ..Detail::default()
    }
}

/// What a mutation's effect came to, before its row is written.
struct Effect {
    outcome: SyncOutcome,
    detail: Detail,
    /// A `void`'s seq to record once the mutation row exists.
    voids: Option<i64>,
    /// An `ack_attention`'s target to re-emit.
    acknowledges: Option<String>,
    /// A decision id already recorded through another door (no new effect).
    replayed: bool,
}

impl Effect {
    fn of(outcome: SyncOutcome, detail: Detail) -> Self {
        Effect {
            outcome,
            detail,
            voids: None,
            acknowledges: None,
            replayed: false,
        }
    }
}

impl Store {
    /// Applies one pushed mutation of `device_id` by `actor` at the clock's time, in one write
    /// transaction (module docs), and returns its result. `before_commit` is called once the
    /// transaction holds everything and just before it commits; never for a replay or a refusal
    /// that writes nothing (the server's failpoints stop the process there).
    pub fn sync_apply(
        &mut self,
        device_id: &str,
        actor: &str,
        m: &Received,
        clock: &dyn Clock,
        before_commit: &mut dyn FnMut(),
    ) -> Result<ResultItem> {
        let now = clock.now();
        let policy = self.policy.clone();
        let active = self.active.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(prev) = stored(&tx, &m.mutation_id)? {
            let same = prev.device_id == device_id
                && prev.device_seq == m.device_seq
                && prev.actor == actor
                && prev.kind == m.kind
                && prev.schema_v == m.schema_v
                && prev.payload_sha256 == m.payload_sha256;
            return Ok(if same {
                ResultItem {
                    replayed: true,
                    ..prev.result
                }
            } else {
                not_stored(
                    m,
                    SyncOutcome::KeyReused,
                    detail(
                        "key-reused",
                        "this mutation id was already used for another mutation; mint a new id",
                    ),
                )
            });
        }
        let seq_taken: Option<String> = tx
            .query_row(
                "SELECT mutation_id FROM mutations WHERE device_id = ?1 AND device_seq = ?2",
                params![device_id, m.device_seq],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = seq_taken {
            return Ok(not_stored(
                m,
                SyncOutcome::KeyReused,
                detail(
                    "device-seq-reused",
                    format!(
                        "device_seq {} of this device is already mutation {other}",
                        m.device_seq
                    ),
                ),
            ));
        }
        // Refusals return before anything is written; a refused decision keeps what the
        // engine records of it (its decision row and audit event, a lost objection's block).
        let effect = match &m.command {
            Err(bad) => Effect::of(
                SyncOutcome::RejectedMalformed,
                detail(bad.code, &bad.reason),
            ),
            Ok(cmd) => effect(&tx, device_id, actor, m, cmd, now, active.as_ref(), &policy)?,
        };
        if let Some(target) = &effect.acknowledges {
            tx.execute(
                "UPDATE mutations SET acknowledged_at = ?1 WHERE mutation_id = ?2 AND acknowledged_at IS NULL",
                params![ts(now), target],
            )?;
            emit_mutation(&tx, target, now, "acknowledged")?;
        }
        // The mutation's own change row comes last: its seq is the next one.
        let server_seq = head(&tx)? + 1;
        let mut effect = effect;
        effect.detail.action = action(effect.outcome).to_string();
        let detail_json = serde_json::to_string(&effect.detail)
            .map_err(|e| StoreError::Corrupt(format!("detail: {e}")))?;
        tx.execute(
            "INSERT INTO mutations (mutation_id, device_id, device_seq, actor, kind, schema_v, payload_json,
                payload_sha256, created_at_device, received_at, outcome, server_seq, detail_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                m.mutation_id,
                device_id,
                m.device_seq,
                actor,
                m.kind,
                m.schema_v,
                m.payload_json,
                m.payload_sha256,
                m.created_at_device,
                ts(now),
                effect.outcome.as_str(),
                server_seq,
                detail_json
            ],
        )?;
        if let Some(seq) = effect.voids {
            tx.execute(
                "INSERT OR IGNORE INTO voided_seq (device_id, device_seq, mutation_id) VALUES (?1, ?2, ?3)",
                params![device_id, seq, m.mutation_id],
            )?;
        }
        let written = emit_mutation(&tx, &m.mutation_id, now, "outcome")?;
        let result = stored(&tx, &m.mutation_id)?
            .ok_or_else(|| StoreError::Corrupt("a mutation row vanished".into()))?
            .result;
        if written != Some(server_seq) {
            return Err(StoreError::Corrupt(format!(
                "mutation {} took seq {written:?}, expected {server_seq}",
                m.mutation_id
            )));
        }
        before_commit();
        tx.commit()?;
        self.refresh_anchor()?;
        Ok(ResultItem {
            replayed: effect.replayed,
            ..result
        })
    }

    /// The recorded result of mutation `id` and its author; None if never received.
    pub fn sync_mutation(&self, id: &str) -> Result<Option<(String, ResultItem)>> {
        Ok(stored(&self.conn, id)?.map(|s| {
            (
                s.actor,
                ResultItem {
                    replayed: true,
                    ..s.result
                },
            )
        }))
    }

    /// The highest `n` such that every device seq 1..=n of `device_id` pushed by `actor` (any
    /// author when None) is stored or voided.
    pub fn sync_high_water(&self, device_id: &str, actor: Option<&str>) -> Result<i64> {
        Ok(self.conn.query_row(
            "WITH s(n) AS (
                 SELECT device_seq FROM mutations WHERE device_id = ?1 AND (?2 IS NULL OR actor = ?2)
                 UNION
                 SELECT v.device_seq FROM voided_seq v JOIN mutations m ON m.mutation_id = v.mutation_id
                  WHERE v.device_id = ?1 AND (?2 IS NULL OR m.actor = ?2))
             SELECT MIN(a.n) FROM (SELECT 0 AS n UNION ALL SELECT n FROM s) a
              WHERE NOT EXISTS (SELECT 1 FROM s b WHERE b.n = a.n + 1)",
            params![device_id, actor],
            |r| r.get::<_, Option<i64>>(0),
        )?
        .unwrap_or(0))
    }

    /// Every recorded mutation in server-seq order (the determinism oracle's input).
    pub fn sync_mutation_log(&self) -> Result<Vec<LoggedMutation>> {
        let mut stmt = self.conn.prepare(
            "SELECT mutation_id, device_id, device_seq, actor, kind, schema_v, payload_json, payload_sha256,
                    created_at_device, received_at, outcome, server_seq
             FROM mutations ORDER BY server_seq, rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                (
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, u32>(5)?,
                ),
                (
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                    r.get::<_, String>(9)?,
                    r.get::<_, String>(10)?,
                    r.get::<_, Option<i64>>(11)?,
                ),
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let ((mutation_id, device_id, device_seq, actor, kind, schema_v), rest) = row?;
            let (payload_json, payload_sha256, created_at_device, received, outcome, server_seq) =
                rest;
            out.push(LoggedMutation {
                mutation_id,
                device_id,
                device_seq,
                actor,
                kind,
                schema_v,
                payload_json,
                payload_sha256,
                created_at_device,
                received_at: parse_ts(&received)?,
                outcome: SyncOutcome::parse(&outcome)
                    .ok_or_else(|| StoreError::Corrupt(format!("outcome {outcome:?}")))?,
                server_seq,
            });
        }
        Ok(out)
    }
}

/// The result of an item that is answered but not stored.
fn not_stored(m: &Received, outcome: SyncOutcome, mut detail: Detail) -> ResultItem {
    detail.action = action(outcome).to_string();
    ResultItem {
        mutation_id: Some(m.mutation_id.clone()),
        device_seq: Some(m.device_seq),
        outcome,
        replayed: false,
        server_seq: None,
        received_at: None,
        detail,
    }
}

struct Stored {
    device_id: String,
    device_seq: i64,
    actor: String,
    kind: String,
    schema_v: u32,
    payload_sha256: String,
    resolved: Option<SyncOutcome>,
    acknowledged: bool,
    result: ResultItem,
}

fn stored(conn: &Connection, id: &str) -> Result<Option<Stored>> {
    let row = conn
        .prepare_cached(
            "SELECT device_id, device_seq, actor, kind, schema_v, payload_sha256, outcome, server_seq,
                    received_at, detail_json, resolved_outcome, acknowledged_at
             FROM mutations WHERE mutation_id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                (
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, u32>(4)?,
                    r.get::<_, String>(5)?,
                ),
                (
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<i64>>(7)?,
                    r.get::<_, String>(8)?,
                    r.get::<_, String>(9)?,
                    r.get::<_, Option<String>>(10)?,
                    r.get::<_, Option<String>>(11)?,
                ),
            ))
        })
        .optional()?;
    let Some(((device_id, device_seq, actor, kind, schema_v, payload_sha256), rest)) = row else {
        return Ok(None);
    };
    let (outcome, server_seq, received, detail_json, resolved, acknowledged) = rest;
    let parse_outcome = |o: &str| {
        SyncOutcome::parse(o).ok_or_else(|| StoreError::Corrupt(format!("outcome {o:?}")))
    };
    let detail: Detail = serde_json::from_str(&detail_json)
        .map_err(|e| StoreError::Corrupt(format!("mutation detail: {e}")))?;
    Ok(Some(Stored {
        result: ResultItem {
            mutation_id: Some(id.to_string()),
            device_seq: Some(device_seq),
            outcome: parse_outcome(&outcome)?,
            replayed: false,
            server_seq,
            received_at: Some(parse_ts(&received)?),
            detail,
        },
        resolved: resolved.as_deref().map(parse_outcome).transpose()?,
        acknowledged: acknowledged.is_some(),
        device_id,
        device_seq,
        actor,
        kind,
        schema_v,
        payload_sha256,
    }))
}

/// Writes the change row of mutation `id`'s outcome to its author (the "Behöver åtgärd" list).
fn emit_mutation(
    conn: &Connection,
    id: &str,
    now: DateTime<Utc>,
    reason: &str,
) -> Result<Option<i64>> {
    let s = stored(conn, id)?.ok_or_else(|| StoreError::Corrupt(format!("no mutation {id}")))?;
    let outcome = s.resolved.unwrap_or(s.result.outcome);
    let attention = !s.acknowledged
        && !matches!(
            outcome,
            SyncOutcome::Accepted | SyncOutcome::PendingPrecondition
        );
    let mut detail = s.result.detail;
    detail.action = action(outcome).to_string();
    let data = MutationData {
        mutation_id: id.to_string(),
        device_id: s.device_id,
        device_seq: s.device_seq,
        kind: s.kind,
        outcome,
        server_seq: s.result.server_seq,
        received_at: s.result.received_at.unwrap_or(now),
        detail,
        attention,
    };
    let json = serde_json::to_string(&data)
        .map_err(|e| StoreError::Corrupt(format!("mutation data: {e}")))?;
    let e = Entity {
        entity: "mutation",
        id,
        data: Some(&json),
        audience: &audience::mutation(&s.actor),
        listed: attention,
    };
    emit(conn, &e, reason, now)
}

/// A parked decision `decision_id` was resolved to `outcome`: when it came through sync, its
/// author learns the final outcome through a `mutation` change.
pub(super) fn parked_resolved(
    conn: &Connection,
    decision_id: &str,
    outcome: Outcome,
    now: DateTime<Utc>,
) -> Result<()> {
    let n = conn.execute(
        "UPDATE mutations SET resolved_outcome = ?1 WHERE mutation_id = ?2",
        params![SyncOutcome::of(outcome).as_str(), decision_id],
    )?;
    if n > 0 {
        emit_mutation(conn, decision_id, now, "outcome")?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn effect(
    conn: &Connection,
    device_id: &str,
    actor: &str,
    m: &Received,
    cmd: &Command,
    now: DateTime<Utc>,
    active: Option<&(i64, Arc<RuleSet>)>,
    policy: &Policy,
) -> Result<Effect> {
    let refuse = |code: &str, reason: String| {
        Ok(Effect::of(SyncOutcome::RejectedRule, detail(code, reason)))
    };
    match cmd {
        Command::Decide(c) => {
            let Some(active) = active else {
                return refuse(
                    "no-active-ruleset",
                    "no rule set is active on the server".into(),
                );
            };
            let created = m.created_at.unwrap_or(now);
            decide(
                conn,
                device_id,
                actor,
                &m.mutation_id,
                m.device_seq,
                c,
                created,
                now,
                active,
                policy,
            )
        }
        Command::SetKontering {
            invoice_id,
            base_revision,
            rows,
        } => {
            let Some(active) = active else {
                return refuse(
                    "no-active-ruleset",
                    "no rule set is active on the server".into(),
                );
            };
            let wf = match load_workflow(conn, *invoice_id) {
                Ok(wf) => wf,
                Err(StoreError::NoSuchInvoice(_)) => {
                    return refuse("no-such-invoice", format!("no invoice {invoice_id}"));
                }
                Err(e) => return Err(e),
            };
            if wf.revision > *base_revision {
                return Ok(Effect::of(
                    SyncOutcome::Stale,
                    detail(
                        ReasonCode::ContentChanged.as_str(),
                        format!(
                            "invoice {invoice_id} changed at revision {} after revision {base_revision} that was seen: code it again",
                            wf.revision
                        ),
                    ),
                ));
            }
            match set_kontering_in(conn, *invoice_id, rows.clone(), actor, now, active, policy) {
                Ok(_) => Ok(Effect::of(
                    SyncOutcome::Accepted,
                    detail("ok", "kontering replaced"),
                )),
                Err(StoreError::Coding { problems, .. }) => {
                    let mut d = detail("kontering", "the kontering was refused");
                    d.faults = problems
                        .iter()
                        .map(|p| WireFault {
                            row: p.row,
                            field: Some(p.field.to_string()),
                            rule: Some("kontering".into()),
                            message: p.message.clone(),
                        })
                        .collect();
                    Ok(Effect::of(SyncOutcome::RejectedRule, d))
                }
                Err(StoreError::NotRecodable { state, .. }) => refuse(
                    ReasonCode::Closed.as_str(),
                    format!("invoice {invoice_id} is {state}: its kontering can no longer change"),
                ),
                Err(StoreError::Refused { code, reason, .. }) => refuse(code.as_str(), reason),
                Err(StoreError::UnknownUser(p)) => refuse(
                    "unknown-user",
                    format!("{p:?} is not in the attestförteckning"),
                ),
                Err(e) => Err(e),
            }
        }
        Command::NotPermitted { kind } => refuse(
            "role-not-permitted",
            format!("your role may not send {kind} mutations"),
        ),
        Command::AckAttention { mutation_id } => {
            let target = stored(conn, mutation_id)?;
            match target {
                Some(t) if t.actor == actor => {
                    let mut e = Effect::of(
                        SyncOutcome::Accepted,
                        detail(
                            "ok",
                            format!("the outcome of {mutation_id} is acknowledged"),
                        ),
                    );
                    e.acknowledges = Some(mutation_id.clone());
                    Ok(e)
                }
                _ => refuse(
                    "no-such-mutation",
                    format!("no mutation {mutation_id} of yours was received"),
                ),
            }
        }
        Command::Void { device_seq, reason } => {
            let taken: Option<String> = conn
                .query_row(
                    "SELECT mutation_id FROM mutations WHERE device_id = ?1 AND device_seq = ?2",
                    params![device_id, device_seq],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(other) = taken {
                return refuse(
                    "seq-taken",
                    format!(
                        "device_seq {device_seq} is stored as mutation {other}; a recorded outcome is never undone"
                    ),
                );
            }
            let mut e = Effect::of(
                SyncOutcome::Accepted,
                detail("ok", format!("device_seq {device_seq} voided: {reason}")),
            );
            e.voids = Some(*device_seq);
            Ok(e)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn decide(
    conn: &Connection,
    device_id: &str,
    actor: &str,
    mutation_id: &str,
    device_seq: i64,
    c: &DecideCmd,
    created: DateTime<Utc>,
    now: DateTime<Utc>,
    active: &(i64, Arc<RuleSet>),
    policy: &Policy,
) -> Result<Effect> {
    let refuse = |code: &str, reason: String| {
        Ok(Effect::of(SyncOutcome::RejectedRule, detail(code, reason)))
    };
    // Sent through `POST /v1/decisions` already (the decision id is the mutation id)?
    if let Some((invoice, outcome, code, reason)) = decision_by_id(conn, mutation_id)? {
        let (step, decision, by): (String, String, String) = conn.query_row(
            "SELECT step_label, decision, actor FROM decision WHERE decision_id = ?1",
            [mutation_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        if invoice == c.invoice_id
            && step == c.step
            && decision == c.decision.as_str()
            && by == actor
        {
            let mut e = Effect::of(SyncOutcome::of(outcome), detail(&code, reason));
            e.replayed = true;
            return Ok(e);
        }
        return Ok(Effect::of(
            SyncOutcome::KeyReused,
            detail(
                "key-reused",
                "this id is the decision id of another decision",
            ),
        ));
    }
    let wf = match load_workflow(conn, c.invoice_id) {
        Ok(wf) => wf,
        Err(StoreError::NoSuchInvoice(_)) => {
            return refuse("no-such-invoice", format!("no invoice {}", c.invoice_id));
        }
        Err(e) => return Err(e),
    };
    let Some(step) = wf.steps.iter().find(|s| s.label == c.step) else {
        return refuse(
            ReasonCode::NoSuchStep.as_str(),
            format!("invoice {} has no step {:?}", c.invoice_id, c.step),
        );
    };
    // Re-routed since the client looked? Then what it saw predates the step's routing: its
    // effective base revision is before the step's, which the engine judges STALE.
    let step_route: i64 = conn.query_row(
        "SELECT route_version FROM step WHERE invoice_id = ?1 AND seq = ?2",
        params![c.invoice_id, step.seq],
        |r| r.get(0),
    )?;
    let rerouted = matches!(step.state, StepState::Open | StepState::Waiting)
        && c.route_version.is_some_and(|rv| step_route > rv);
    let base_revision = if rerouted {
        c.base_revision.min(step.revision - 1)
    } else {
        c.base_revision
    };
    let content_hash = match &c.content_hash {
        Some(h) => h.clone(),
        None => content_hash_at(conn, c.invoice_id, c.base_revision)?,
    };
    let acting_for = c
        .acting_for
        .clone()
        .or_else(|| approval::absence::acting_for(step, actor, &active.1, now.date_naive()));
    let winner = (step.decision_id.clone(), step.decided_by.clone());
    let env = Envelope {
        decision_id: mutation_id.to_string(),
        invoice_id: c.invoice_id,
        step: c.step.clone(),
        decision: c.decision,
        comment: c.comment.clone(),
        actor_id: actor.to_string(),
        acting_for,
        content_hash,
        base_revision,
        ruleset_version: c.ruleset_version,
        device_id: device_id.to_string(),
        device_counter: u64::try_from(device_seq).unwrap_or(0),
        device_time: created,
        last_server_sync_time: created,
    };
    let r = match decide_in(conn, &env, now, active, policy) {
        Ok(r) => r,
        Err(StoreError::UnknownUser(p)) => {
            return refuse(
                "unknown-user",
                format!("{p:?} is not in the attestförteckning"),
            );
        }
        Err(StoreError::NoSuchRuleSet(v)) => {
            return refuse(
                "no-such-ruleset",
                format!("no rule-set version {v} on this server"),
            );
        }
        Err(e) => return Err(e),
    };
    let outcome = SyncOutcome::of(r.outcome);
    let mut d = detail(&r.reason_code, r.reason);
    if rerouted && outcome == SyncOutcome::Stale {
        d.reason_code = "rerouted".into();
        d.reason = format!(
            "{} was re-routed (route version {step_route}) after the version the decision was made on: review again",
            c.step
        );
    }
    if outcome == SyncOutcome::Superseded {
        d.winner_seq = match &winner.0 {
            Some(w) => conn
                .query_row(
                    "SELECT server_seq FROM mutations WHERE mutation_id = ?1",
                    [w],
                    |r| r.get(0),
                )
                .optional()?
                .flatten(),
            None => None,
        };
        d.winner_mutation_id = winner.0;
        d.winner_actor = winner.1;
    }
    Ok(Effect::of(outcome, d))
}
