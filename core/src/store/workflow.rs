//! An invoice's workflow: its kontering rows (history kept) and steps, loaded and saved as one
//! [`Workflow`]; routing, recoding, resolving disputes and escalation write through here.
//!
//! Tables: `kontering`, `step`, and the workflow columns of `invoice` (state, revision, payment
//! block, rule-set version, flow rule, attest deadline). Invariants: kontering rows are never
//! deleted (a change marks the old rows replaced at the new revision); steps are upserted by
//! (invoice, seq), only those that changed; every transition is computed by the pure engine in
//! [`crate::approval`] and only persisted here.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::Store;
use super::audit_log::append_audit;
use super::decisions::resolve_pending;
use super::error::{Result, StoreError};
use super::records;
use super::rows::{coding_row, dec, parse_day, step_row, ts};
use super::sync_log::emit_invoice;
use crate::approval::ruleset::RuleSet;
use crate::approval::{self, CodingRow, InvoiceState, Policy, StepKind, Workflow};
use crate::audit::NewEvent;
use crate::clock::Clock;
use crate::facts::DocumentKind;

impl Store {
    /// An invoice's workflow as the engine sees it (state, kontering, steps), without the
    /// document, report and history [`Store::invoice_detail`] also reads: what deciding and
    /// recoding need.
    pub fn workflow(&self, invoice_id: i64) -> Result<Workflow> {
        load_workflow(&self.conn, invoice_id)
    }

    /// Replaces an invoice's kontering; rows equal to the current ones change nothing (after the
    /// same checks). Attests already given are voided (recorded, not deleted)
    /// and the flow starts again from its first step; pending intents become stale through the
    /// content hash. Refused, changing nothing, when `actor` is not in the active
    /// attestförteckning, the invoice is not in a recodable state ([`approval::recodable`]), the
    /// rows fail [`approval::check_coding`] (every problem is returned) or `actor` may not code
    /// this invoice ([`approval::may_recode`]).
    pub fn set_kontering(
        &mut self,
        invoice_id: i64,
        rows: Vec<CodingRow>,
        actor: &str,
        clock: &dyn Clock,
    ) -> Result<Workflow> {
        let now = clock.now();
        let policy = self.policy.clone();
        let active = self.active.clone().ok_or(StoreError::NoActiveRuleSet)?;
        self.check_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let new = set_kontering_in(&tx, invoice_id, rows, actor, now, &active, &policy)?;
        tx.commit()?;
        self.refresh_anchor()?;
        Ok(new)
    }

    /// Ends the dispute or payment block on an invoice ([`approval::resolve`]): resumes the attest
    /// or rejects the invoice, with `comment` as the stated reason. Refused, changing nothing,
    /// for an unknown user, one without an attest right on the invoice, a jävig one, or an
    /// invoice with nothing to resolve.
    pub fn resolve(
        &mut self,
        invoice_id: i64,
        actor: &str,
        resolution: approval::Resolution,
        comment: &str,
        clock: &dyn Clock,
    ) -> Result<Workflow> {
        let now = clock.now();
        let policy = self.policy.clone();
        let active = self.active.clone().ok_or(StoreError::NoActiveRuleSet)?;
        if !active.1.knows(actor) {
            return Err(StoreError::UnknownUser(actor.to_string()));
        }
        self.check_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let wf = load_workflow(&tx, invoice_id)?;
        let (new, events) = approval::resolve(&wf, actor, resolution, comment, &active.1, now)
            .map_err(|r| StoreError::Refused {
                invoice: invoice_id,
                code: r.code,
                reason: r.text,
            })?;
        save_transition(&tx, &wf, &new, events, now, &policy)?;
        // A rejection closes the steps: intents parked on them are resolved (superseded).
        resolve_pending(&tx, invoice_id, now, &active, &policy)?;
        emit_invoice(&tx, invoice_id, now, "resolve", Some(&active.1))?;
        tx.commit()?;
        self.refresh_anchor()?;
        Ok(new)
    }

    /// Reassigns open steps whose attest deadline is near or past (ersättare → närmaste chef →
    /// the ekonomienhet queue), per the policy. Returns the number of steps escalated.
    pub fn escalate(&mut self, clock: &dyn Clock) -> Result<usize> {
        let now = clock.now();
        let active = self.active.clone().ok_or(StoreError::NoActiveRuleSet)?;
        let policy = self.policy.clone();
        self.check_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let ids: Vec<i64> = {
            let mut stmt = tx.prepare(
                "SELECT DISTINCT s.invoice_id FROM step s JOIN invoice i ON i.id = s.invoice_id
                 WHERE s.state = 'OPEN' AND i.attest_deadline IS NOT NULL AND i.attest_deadline <= ?1",
            )?;
            // The widest reminder window of any attest kind under the active Tidsfrister.
            let window = [StepKind::Mottagning, StepKind::Granskning, StepKind::Beslut]
                .iter()
                .map(|k| policy.timing(&active.1, *k).remind_before_due_days)
                .max()
                .unwrap_or(policy.remind_before_due_days);
            let horizon = (now.date_naive() + chrono::Days::new(u64::from(window))).to_string();
            stmt.query_map([horizon], |r| r.get(0))?
                .collect::<std::result::Result<_, _>>()?
        };
        let mut n = 0;
        for id in ids {
            let wf = load_workflow(&tx, id)?;
            if let Some((new, events)) = approval::escalate(&wf, &active.1, now, &policy) {
                n += events.len();
                save_transition(&tx, &wf, &new, events, now, &policy)?;
                emit_invoice(&tx, id, now, "escalation", Some(&active.1))?;
            }
        }
        tx.commit()?;
        self.refresh_anchor()?;
        Ok(n)
    }
}

/// [`Store::set_kontering`] inside the caller's write transaction (a sync push runs it together
/// with its mutation row). Refusals change nothing.
pub(super) fn set_kontering_in(
    tx: &Connection,
    invoice_id: i64,
    rows: Vec<CodingRow>,
    actor: &str,
    now: DateTime<Utc>,
    active: &(i64, Arc<RuleSet>),
    policy: &Policy,
) -> Result<Workflow> {
    let wf = load_workflow(tx, invoice_id)?;
    if !active.1.knows(actor) {
        return Err(StoreError::UnknownUser(actor.to_string()));
    }
    if !approval::recodable(wf.state) {
        return Err(StoreError::NotRecodable {
            invoice: invoice_id,
            state: wf.state,
        });
    }
    let problems = approval::check_coding(&wf, &rows);
    if !problems.is_empty() {
        return Err(StoreError::Coding {
            invoice: invoice_id,
            problems,
        });
    }
    approval::may_recode(&active.1, actor, &wf, &rows, now.date_naive()).map_err(|r| {
        StoreError::Refused {
            invoice: invoice_id,
            code: r.code,
            reason: r.text,
        }
    })?;
    // The same rows again (a resubmitted form, a retried request): nothing changes — no new
    // revision, no attest voided, no event, no change row. Amounts compare by value (860 = 860,00).
    if rows == wf.coding {
        return Ok(wf);
    }
    let (new, events) = approval::recode(&wf, rows, actor, &active.1, now, policy);
    save_transition(tx, &wf, &new, events, now, policy)?;
    // Intents parked before the change are judged again: STALE (spec §4.3).
    resolve_pending(tx, invoice_id, now, active, policy)?;
    emit_invoice(tx, invoice_id, now, "kontering", Some(&active.1))?;
    Ok(new)
}

pub(super) const CODING_SELECT: &str = "SELECT invoice_id, amount, konto, ansvar, verksamhet, aktivitet, projekt, objekt, motpart, momskod FROM kontering";

pub(super) fn load_coding(conn: &Connection, invoice_id: i64) -> Result<Vec<CodingRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{CODING_SELECT} WHERE invoice_id = ?1 AND replaced_at_rev IS NULL ORDER BY row_no"
    ))?;
    let rows = stmt.query_map([invoice_id], coding_row)?;
    rows.map(|r| r?.map(|(_, c)| c)).collect()
}

pub(super) const STEP_SELECT: &str = "SELECT invoice_id, seq, kind, label, state, assignee, queue, revision, decided_by, acting_for, decided_at, decision_id, auto_rule, escalated_at FROM step";

pub(super) fn load_workflow(conn: &Connection, id: i64) -> Result<Workflow> {
    let row = conn
        .query_row(
            "SELECT d.sha256, i.supplier_id, i.kind, i.net_total, i.payable, i.due_date, i.state, i.revision,
                    i.payment_block, i.ruleset_version, i.flow_rule
             FROM invoice i JOIN document d ON d.id = i.document_id WHERE i.id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, i64>(7)?,
                    r.get::<_, bool>(8)?,
                    r.get::<_, Option<i64>>(9)?,
                    r.get::<_, Option<String>>(10)?,
                ))
            },
        )
        .optional()?
        .ok_or(StoreError::NoSuchInvoice(id))?;
    let (sha, supplier_id, kind, net, payable, due, state, revision, block, rs, flow) = row;
    let steps = {
        let mut stmt =
            conn.prepare_cached(&format!("{STEP_SELECT} WHERE invoice_id = ?1 ORDER BY seq"))?;
        let rows = stmt.query_map([id], step_row)?;
        rows.map(|r| r?.map(|(_, s)| s))
            .collect::<Result<Vec<_>>>()?
    };
    Ok(Workflow {
        invoice_id: id,
        document_sha256: sha,
        supplier_id,
        credit_note: kind.as_deref() == Some(DocumentKind::CreditNote.as_str()),
        net_total: dec(&net)?,
        payable: dec(&payable)?,
        due_date: parse_day(due)?,
        state: InvoiceState::parse(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("state {state:?}")))?,
        revision,
        payment_block: block,
        ruleset_version: rs,
        flow_rule: flow,
        coding: load_coding(conn, id)?,
        steps,
    })
}

/// Persists one transition the engine computed: the workflow change from `old` to `new`
/// ([`save_workflow`]) and the audit events describing it, in the caller's transaction.
pub(super) fn save_transition(
    conn: &Connection,
    old: &Workflow,
    new: &Workflow,
    events: Vec<NewEvent>,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Result<()> {
    save_workflow(conn, old, new, policy)?;
    for ev in events {
        append_audit(conn, now, ev)?;
    }
    Ok(())
}

/// Persists the change from `old` to `new` (both of one invoice): the invoice's workflow
/// columns, the kontering when it changed (old rows marked replaced at the new revision, never
/// deleted), and the steps that changed. An invoice without an attest deadline gets one from its
/// due date under `policy`, the store's ([`approval::attest_deadline`]); one it already has is
/// kept.
pub(super) fn save_workflow(
    conn: &Connection,
    old: &Workflow,
    new: &Workflow,
    policy: &Policy,
) -> Result<()> {
    let deadline = approval::attest_deadline(new.due_date, policy).map(|d| d.to_string());
    conn.execute(
        "UPDATE invoice SET state = ?1, revision = ?2, payment_block = ?3, ruleset_version = ?4, flow_rule = ?5,
                attest_deadline = COALESCE(attest_deadline, ?6) WHERE id = ?7",
        params![new.state.as_str(), new.revision, new.payment_block, new.ruleset_version, new.flow_rule, deadline, new.invoice_id],
    )?;
    if old.coding != new.coding {
        conn.execute(
            "UPDATE kontering SET replaced_at_rev = ?1 WHERE invoice_id = ?2 AND replaced_at_rev IS NULL",
            params![new.revision, new.invoice_id],
        )?;
        let mut ins = conn.prepare_cached(
            "INSERT INTO kontering (invoice_id, row_no, amount, konto, ansvar, verksamhet, aktivitet, projekt, objekt, motpart, momskod, source, from_revision)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        for (i, c) in new.coding.iter().enumerate() {
            ins.execute(params![
                new.invoice_id,
                i as i64 + 1,
                c.amount.to_string(),
                c.konto,
                c.ansvar,
                c.verksamhet,
                c.aktivitet,
                c.projekt,
                c.objekt,
                c.motpart,
                c.momskod,
                "workflow",
                new.revision
            ])?;
        }
    }
    let mut upsert = conn.prepare_cached(
        "INSERT INTO step (invoice_id, seq, kind, label, state, assignee, queue, revision, decided_by, acting_for, decided_at, decision_id, auto_rule, escalated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (invoice_id, seq) DO UPDATE SET kind = excluded.kind, label = excluded.label, state = excluded.state,
            assignee = excluded.assignee, queue = excluded.queue, revision = excluded.revision, decided_by = excluded.decided_by,
            acting_for = excluded.acting_for, decided_at = excluded.decided_at, decision_id = excluded.decision_id,
            auto_rule = excluded.auto_rule, escalated_at = excluded.escalated_at",
    )?;
    // Steps rebuilt after a kontering change may be fewer (no second signer needed any more).
    if new.steps.len() < old.steps.len() {
        conn.execute(
            "DELETE FROM step WHERE invoice_id = ?1 AND seq >= ?2",
            params![new.invoice_id, new.steps.len() as i64],
        )?;
    }
    for s in &new.steps {
        if old.steps.get(s.seq as usize) == Some(s) {
            continue;
        }
        upsert.execute(params![
            new.invoice_id,
            s.seq,
            s.kind.as_str(),
            s.label,
            s.state.as_str(),
            s.assignee,
            s.queue,
            s.revision,
            s.decided_by,
            s.acting_for,
            s.decided_at.map(ts),
            s.decision_id,
            s.auto_rule,
            s.escalated_at.map(ts)
        ])?;
    }
    super::sync_log::bump_route_versions(conn, old, new)?;
    Ok(())
}

pub(super) fn invoice_state(conn: &Connection, id: i64) -> Result<InvoiceState> {
    let s: String = conn.query_row("SELECT state FROM invoice WHERE id = ?1", [id], |r| {
        r.get(0)
    })?;
    InvoiceState::parse(&s).ok_or_else(|| StoreError::Corrupt(format!("state {s:?}")))
}

/// The supplier history routing proposes a kontering from: the current kontering of the
/// supplier's **latest attested invoice** other than `except` (latest = highest store id, i.e.
/// received last; attested = state `attested`, so rejected, disputed or still open invoices never
/// teach a kontering). `None` when the supplier has no other attested invoice. Only the choice of
/// invoice is made here; what the engine does with its rows is [`approval::route`]'s.
pub(super) fn supplier_history(
    conn: &Connection,
    supplier_id: &str,
    except: i64,
) -> Result<Option<Vec<CodingRow>>> {
    let latest: Option<i64> = conn
        .prepare_cached(
            "SELECT id FROM invoice WHERE supplier_id = ?1 AND state = 'attested' AND id <> ?2
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row(params![supplier_id, except], |r| r.get(0))
        .optional()?;
    latest.map(|h| load_coding(conn, h)).transpose()
}

/// Routes one received invoice under the active rule set (pure engine + persistence).
pub(super) fn route_invoice(
    conn: &Connection,
    id: i64,
    now: DateTime<Utc>,
    active: &(i64, Arc<RuleSet>),
    policy: &Policy,
) -> Result<InvoiceState> {
    let wf = load_workflow(conn, id)?;
    let facts_json: Option<String> =
        conn.query_row("SELECT facts_json FROM invoice WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    let Some(facts_json) = facts_json else {
        return Ok(wf.state);
    };
    let facts = records::facts_from_json(&facts_json)?;
    let history = supplier_history(conn, &facts.supplier_id, id)?;
    let month = now.format("%Y-%m").to_string();
    let mut auto_counts = HashMap::new();
    if active
        .1
        .flows
        .iter()
        .any(|f| f.steg == crate::approval::ruleset::Flow::Auto)
    {
        let mut stmt = conn.prepare_cached(
            "SELECT auto_rule, COUNT(*) FROM step
             WHERE auto_rule IS NOT NULL AND decided_at >= ?1 AND decided_at < ?2
             GROUP BY auto_rule",
        )?;
        let (from, to) = (format!("{month}-01"), format!("{month}-99"));
        for r in stmt.query_map([from, to], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })? {
            let (rule, n) = r?;
            auto_counts.insert(rule, n as u32);
        }
    }
    let routed = approval::route(
        &wf,
        &facts,
        &active.1,
        active.0,
        history.as_deref(),
        &auto_counts,
        now,
        policy,
    );
    save_transition(conn, &wf, &routed.workflow, routed.events, now, policy)?;
    Ok(routed.workflow.state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::import::import_documents;
    use crate::store::ImportOutcome;
    use crate::synth::{SynthInvoice, ubl};
    use crate::workbook::sample::{self, CONSULTANCY, OFFICE};
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("date")
    }

    /// Imports a one-line invoice of `org`, due 2026-12-18, and returns its id.
    fn import(store: &mut Store, org: &str, number: &str, clock: &FixedClock) -> i64 {
        let inv = SynthInvoice {
            supplier_orgnr: org.into(),
            supplier_name: "Leverantör AB".into(),
            number: number.into(),
            issue_date: day(11, 18),
            due_date: day(12, 18),
            buyer_reference: "4110".into(),
            contract: None,
            credit_note: false,
            preceding: None,
            lines: vec![("Tjänst".into(), Decimal::from(1000))],
        };
        let out = import_documents(store, vec![(number.into(), ubl(&inv).into_bytes())], clock)
            .expect("import");
        match out.as_slice() {
            [ImportOutcome::Stored { id, .. }] => *id,
            other => panic!("expected stored, got {other:?}"),
        }
    }

    fn deadline(store: &Store, id: i64) -> Option<NaiveDate> {
        store.invoice_summary(id).expect("summary").attest_deadline
    }

    #[test]
    fn a_missing_attest_deadline_is_filled_under_the_stores_policy() {
        let clock = FixedClock::on(2026, 11, 20).expect("clock");
        // (payment lead days of the store's policy, the deadline of an invoice due 2026-12-18)
        let table: &[(u32, NaiveDate)] = &[
            (3, day(12, 15)),
            (10, day(12, 8)),
            (0, day(12, 18)),
            (30, day(11, 18)),
        ];
        for &(lead, want) in table {
            let mut store = Store::open_in_memory().expect("store");
            store.set_policy(Policy {
                payment_lead_days: lead,
                ..Policy::default()
            });
            let id = import(&mut store, OFFICE, "D-1", &clock);
            assert_eq!(deadline(&store, id), Some(want), "at import, lead {lead}");
            // A row without a deadline (as a store written before deadlines were kept has)
            // gets one when its workflow is next saved: here by routing at activation.
            store
                .raw_sql("UPDATE invoice SET attest_deadline = NULL")
                .expect("clear");
            let wb = sample::sample_workbook().expect("workbook");
            let (rules, _) = crate::workbook::load(&wb, day(11, 20)).expect("sample");
            let v = store
                .add_ruleset("a.xlsx", &wb, &rules, "u300", "KS", &clock)
                .expect("add");
            assert_eq!(store.activate_ruleset(v, "u300", &clock).expect("act"), 1);
            assert_eq!(
                deadline(&store, id),
                Some(want),
                "after routing, lead {lead}"
            );
        }
    }

    #[test]
    fn supplier_history_is_the_latest_attested_invoice_of_the_same_supplier() {
        let clock = FixedClock::on(2026, 11, 20).expect("clock");
        // Invoices before the one being routed: (supplier, state); then which of them (by
        // position) the history comes from.
        type Case = (&'static [(&'static str, &'static str)], Option<usize>);
        let table: &[Case] = &[
            (&[], None),
            (&[(OFFICE, "attested")], Some(0)),
            (&[(OFFICE, "attested"), (OFFICE, "attested")], Some(1)),
            (&[(OFFICE, "attested"), (OFFICE, "rejected")], Some(0)),
            (&[(OFFICE, "attested"), (OFFICE, "in-approval")], Some(0)),
            (&[(OFFICE, "disputed"), (OFFICE, "returned")], None),
            (&[(CONSULTANCY, "attested")], None),
            (&[(OFFICE, "attested"), (CONSULTANCY, "attested")], Some(0)),
        ];
        for (n, (before, want)) in table.iter().enumerate() {
            let mut store = Store::open_in_memory().expect("store");
            let mut ids = Vec::new();
            for (i, (org, state)) in before.iter().enumerate() {
                let id = import(&mut store, org, &format!("H-{i}"), &clock);
                store
                    .raw_sql(&format!(
                        "UPDATE invoice SET state = '{state}' WHERE id = {id};
                         INSERT INTO kontering (invoice_id, row_no, amount, konto, ansvar, verksamhet,
                            aktivitet, projekt, objekt, motpart, momskod, source, from_revision)
                         VALUES ({id}, 1, '1000', 'K{id}', '4110', '', '', '', '', '', 'AVDRAGSGILL', 'test', 1);"
                    ))
                    .expect("set up");
                ids.push(id);
            }
            let routed = import(&mut store, OFFICE, "H-new", &clock);
            // The invoice being routed never counts, even when attested itself.
            store
                .raw_sql(&format!(
                    "UPDATE invoice SET state = 'attested' WHERE id = {routed}"
                ))
                .expect("attest");
            let supplier = store.invoice_summary(routed).expect("s").supplier_id;
            let got = supplier_history(&store.conn, &supplier, routed).expect("history");
            let want = want.map(|i| vec![format!("K{}", ids[i])]);
            assert_eq!(
                got.map(|rows| rows.into_iter().map(|r| r.konto).collect::<Vec<_>>()),
                want,
                "case {n}: {before:?}"
            );
        }
    }
}
