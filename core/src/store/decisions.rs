//! Decision intents (spec §4.2): idempotent by decision id, judged by the pure engine, parked
//! ones re-validated when an earlier step lands.
//!
//! Table: `decision` (the envelope as received, the first outcome, what became of a parked one).
//! Invariants: a decision id is stored once and a replay returns its first outcome unchanged;
//! bad input (unknown invoice, step, user, rule-set version) is an error and writes nothing; each
//! decision is one transaction with its workflow change and audit events.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::Store;
use super::audit_log::append_audit;
use super::error::{Result, StoreError};
use super::records;
use super::rows::{parse_ts, ts};
use super::rulesets::ruleset_by_version;
use super::sync_log::emit_invoice;
use super::workflow::{invoice_state, load_workflow, save_workflow};
use crate::approval::ruleset::RuleSet;
use crate::approval::{self, Envelope, InvoiceState, Outcome, Policy};
use crate::clock::Clock;

/// A stored decision intent and its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRecord {
    /// Idempotency key.
    pub decision_id: String,
    /// Step label.
    pub step: String,
    /// ATTEST / RETURN / REJECT / DISPUTE.
    pub decision: String,
    /// Who.
    pub actor: String,
    /// Standing in for.
    pub acting_for: Option<String>,
    /// Server receipt time.
    pub received_at: DateTime<Utc>,
    /// First outcome (what a replay returns).
    pub outcome: Outcome,
    /// Reason code.
    pub reason_code: String,
    /// Reason.
    pub reason: String,
    /// For parked decisions: what became of them.
    pub resolved: Option<String>,
    /// The decider's comment, as given in the envelope.
    pub comment: Option<String>,
}

/// What [`Store::decide`] returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionResult {
    /// The outcome.
    pub outcome: Outcome,
    /// Reason code (`ok` when accepted).
    pub reason_code: String,
    /// Explanation.
    pub reason: String,
    /// True when this decision id had been seen before and the earlier outcome is returned.
    pub replay: bool,
    /// The invoice state afterwards.
    pub invoice_state: InvoiceState,
}

impl Store {
    /// The next counter of decisions made on `device` (spec §4.2 `device_counter`, monotonic):
    /// one more than the highest stored for it, 1 for the first.
    pub fn next_device_counter(&self, device: &str) -> Result<u64> {
        let max: Option<i64> = self.conn.query_row(
            "SELECT MAX(CAST(json_extract(envelope, '$.device_counter') AS INTEGER)) FROM decision
             WHERE json_valid(envelope) AND json_extract(envelope, '$.device_id') = ?1",
            [device],
            |r| r.get(0),
        )?;
        Ok(max.map_or(1, |m| m.max(0) as u64 + 1))
    }

    /// The envelope of decision `decision_id` as it was received, to replay it: submitting it
    /// again with [`Store::decide`] returns the first outcome and changes nothing. `None` for an
    /// unknown id.
    pub fn decision_envelope(&self, decision_id: &str) -> Result<Option<Envelope>> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT envelope FROM decision WHERE decision_id = ?1",
                [decision_id],
                |r| r.get(0),
            )
            .optional()?;
        json.map(|j| records::envelope_from_json(&j)).transpose()
    }

    /// Submits one decision envelope (spec §4.2) and returns its outcome. The same decision id
    /// submitted again returns the first outcome and changes nothing. Bad input (unknown invoice,
    /// step, user or rule-set version) is an error and changes nothing.
    pub fn decide(&mut self, env: &Envelope, clock: &dyn Clock) -> Result<DecisionResult> {
        let now = clock.now();
        let policy = self.policy.clone();
        let active = self.active.clone().ok_or(StoreError::NoActiveRuleSet)?;
        self.check_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let result = decide_in(&tx, env, now, &active, &policy)?;
        tx.commit()?;
        self.refresh_anchor()?;
        Ok(result)
    }

    pub(super) fn decisions_of(&self, id: i64) -> Result<Vec<DecisionRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT decision_id, step_label, decision, actor, acting_for, received_at, outcome, reason_code, reason, resolved,
                    CASE WHEN json_valid(envelope) THEN json_extract(envelope, '$.comment') END
             FROM decision WHERE invoice_id = ?1 ORDER BY received_at, rowid",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, Option<String>>(9)?,
                r.get::<_, Option<String>>(10)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (
                decision_id,
                step,
                decision,
                actor,
                acting_for,
                received,
                outcome,
                reason_code,
                reason,
                resolved,
                comment,
            ) = row?;
            out.push(DecisionRecord {
                decision_id,
                step,
                decision,
                actor,
                acting_for,
                received_at: parse_ts(&received)?,
                outcome: Outcome::parse(&outcome)
                    .ok_or_else(|| StoreError::Corrupt(format!("outcome {outcome:?}")))?,
                reason_code,
                reason,
                resolved,
                comment,
            });
        }
        Ok(out)
    }
}

/// [`Store::decide`] inside the caller's write transaction (a sync push runs it together with
/// its mutation row): judges `env` at server time `now` under `active`, records the decision,
/// saves the workflow change, re-validates parked intents and writes the invoice's change rows.
pub(super) fn decide_in(
    tx: &Connection,
    env: &Envelope,
    now: DateTime<Utc>,
    active: &(i64, Arc<RuleSet>),
    policy: &Policy,
) -> Result<DecisionResult> {
    if let Some(prev) = decision_by_id(tx, &env.decision_id)? {
        let state = invoice_state(tx, prev.0)?;
        return Ok(DecisionResult {
            outcome: prev.1,
            reason_code: prev.2,
            reason: prev.3,
            replay: true,
            invoice_state: state,
        });
    }
    let wf = load_workflow(tx, env.invoice_id)?;
    let seen = if env.ruleset_version == active.0 {
        active.1.clone()
    } else {
        ruleset_by_version(tx, env.ruleset_version)?.rules
    };
    for person in std::iter::once(&env.actor_id).chain(env.acting_for.iter()) {
        if !active.1.knows(person) && !seen.knows(person) {
            return Err(StoreError::UnknownUser(person.clone()));
        }
    }
    if !wf.steps.iter().any(|s| s.label == env.step) {
        return Err(StoreError::NoSuchStep {
            invoice: env.invoice_id,
            step: env.step.clone(),
        });
    }
    let verdict = approval::decide(&wf, env, &seen, &active.1, active.0, now, policy);
    record_decision(tx, env, now, &verdict)?;
    let mut state = wf.state;
    if let Some(new) = &verdict.workflow {
        save_workflow(tx, &wf, new, policy)?;
        state = new.state;
    }
    for ev in verdict.events {
        append_audit(tx, now, ev)?;
    }
    if verdict.outcome == Outcome::Accepted {
        state = resolve_pending(tx, env.invoice_id, now, active, policy)?.unwrap_or(state);
    }
    let reason = if verdict.outcome == Outcome::Accepted {
        "decision"
    } else {
        "payment-block"
    };
    emit_invoice(tx, env.invoice_id, now, reason, Some(&active.1))?;
    Ok(DecisionResult {
        outcome: verdict.outcome,
        reason_code: verdict.reason.code.to_string(),
        reason: verdict.reason.text,
        replay: false,
        invoice_state: state,
    })
}

pub(super) fn decision_by_id(
    conn: &Connection,
    id: &str,
) -> Result<Option<(i64, Outcome, String, String)>> {
    let row: Option<(i64, String, String, String)> = conn
        .query_row(
            "SELECT invoice_id, outcome, reason_code, reason FROM decision WHERE decision_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    row.map(|(i, o, c, r)| {
        Outcome::parse(&o)
            .map(|o| (i, o, c, r))
            .ok_or_else(|| StoreError::Corrupt(format!("outcome {o:?}")))
    })
    .transpose()
}

pub(super) fn record_decision(
    conn: &Connection,
    env: &Envelope,
    now: DateTime<Utc>,
    v: &approval::Verdict,
) -> Result<()> {
    let json = records::envelope_to_json(env)?;
    conn.execute(
        "INSERT INTO decision (decision_id, invoice_id, step_label, decision, actor, acting_for, envelope, received_at, outcome, reason_code, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            env.decision_id,
            env.invoice_id,
            env.step,
            env.decision.as_str(),
            env.actor_id,
            env.acting_for,
            json,
            ts(now),
            v.outcome.as_str(),
            v.reason.code.as_str(),
            v.reason.text
        ],
    )?;
    Ok(())
}

/// Re-validates decisions parked as PENDING_PRECONDITION on `invoice_id` after the workflow
/// changed, to a fixed point ([`approval::revalidate`]): applies those that now pass, marks those
/// parked too long stale ([`approval::pending::timed_out`]). Returns the final state when the
/// workflow changed.
pub(super) fn resolve_pending(
    conn: &Connection,
    invoice_id: i64,
    now: DateTime<Utc>,
    active: &(i64, Arc<RuleSet>),
    policy: &Policy,
) -> Result<Option<InvoiceState>> {
    let rows: Vec<(String, String)> = {
        let mut stmt = conn.prepare_cached(
            "SELECT envelope, received_at FROM decision
             WHERE invoice_id = ?1 AND outcome = 'PENDING_PRECONDITION' AND resolved IS NULL ORDER BY received_at, rowid",
        )?;
        stmt.query_map([invoice_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?
    };
    let mut parked = Vec::with_capacity(rows.len());
    for (json, received) in rows {
        let envelope = records::envelope_from_json(&json)?;
        let seen = if envelope.ruleset_version == active.0 {
            active.1.clone()
        } else {
            ruleset_by_version(conn, envelope.ruleset_version)?.rules
        };
        parked.push(approval::Parked {
            envelope,
            received_at: parse_ts(&received)?,
            seen,
        });
    }
    if parked.is_empty() {
        return Ok(None);
    }
    let wf = load_workflow(conn, invoice_id)?;
    let r = approval::revalidate(&wf, &parked, &active.1, active.0, now, policy);
    for (id, outcome) in &r.resolved {
        conn.execute(
            "UPDATE decision SET resolved = ?1 WHERE decision_id = ?2",
            params![outcome.as_str(), id],
        )?;
        super::mutations::parked_resolved(conn, id, *outcome, now)?;
    }
    if let Some(new) = &r.workflow {
        save_workflow(conn, &wf, new, policy)?;
    }
    for ev in r.events {
        append_audit(conn, now, ev)?;
    }
    Ok(r.workflow.map(|w| w.state))
}
