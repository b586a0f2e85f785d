//! A kontering change: attests voided, the flow restarted, BESLUT re-assigned.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::content_hash;
use super::model::*;
use super::policy::Policy;
use super::ruleset::RuleSet;
use super::steps::rebuild_steps;
use crate::audit::NewEvent;

/// Replaces the kontering (spec §4.3 DONE → OPEN on a kontering change): every attest already
/// given is voided (VOIDED_BY_CHANGE, recorded in the log with who signed when, never deleted),
/// and the steps are rebuilt for the new kontering ([`rebuild_steps`](super::steps)): the flow
/// restarts from its first step, BESLUT goes to people who may sign the new codes and amounts
/// (or the ekonomienhet queue), and a second signer is added when the new amounts require one.
pub fn recode(
    wf: &Workflow,
    rows: Vec<CodingRow>,
    actor: &str,
    rules: &RuleSet,
    now: DateTime<Utc>,
    policy: &Policy,
) -> (Workflow, Vec<NewEvent>) {
    let mut new = wf.clone();
    new.revision += 1;
    new.coding = rows;
    let mut events = Vec::new();
    let mut ev = NewEvent::new(
        crate::audit::AuditKind::KonteringChanged,
        Some(wf.invoice_id),
        actor,
    );
    ev.content_hash = Some(content_hash(&new));
    ev.detail = serde_json::json!({"rows_before": wf.coding.len(), "rows_after": new.coding.len(),
        "net_before": wf.coding.iter().map(|c| c.amount).sum::<Decimal>().to_string()})
    .to_string();
    events.push(ev);
    let day = now.date_naive();
    for s in new.steps.iter().filter(|s| s.state == StepState::Done) {
        let mut void = NewEvent::new(
            crate::audit::AuditKind::StepVoided,
            Some(wf.invoice_id),
            actor,
        );
        void.outcome = Some("VOIDED_BY_CHANGE".into());
        void.detail = serde_json::json!({"step": s.label, "was_attested_by": s.decided_by, "at": s.decided_at.map(|t| t.to_rfc3339()), "decision_id": s.decision_id, "auto_rule": s.auto_rule}).to_string();
        events.push(void);
    }
    new.steps = rebuild_steps(&new, rules, day, policy);
    if new.steps.len() != wf.steps.len()
        || new
            .steps
            .iter()
            .zip(&wf.steps)
            .any(|(a, b)| a.label != b.label || a.assignee != b.assignee || a.queue != b.queue)
    {
        let mut ev = NewEvent::new(
            crate::audit::AuditKind::StepsRebuilt,
            Some(wf.invoice_id),
            actor,
        );
        ev.outcome = Some("rebuilt".into());
        ev.reason = Some("kontering changed: assignees and signers follow the new codes".into());
        let steps: Vec<serde_json::Value> = new
            .steps
            .iter()
            .map(|s| serde_json::json!({"step": s.label, "assignee": s.assignee, "queue": s.queue}))
            .collect();
        ev.detail = serde_json::json!({ "steps": steps }).to_string();
        events.push(ev);
    }
    if matches!(
        new.state,
        InvoiceState::Attested
            | InvoiceState::Returned
            | InvoiceState::InApproval
            | InvoiceState::Unrouted
    ) && new.steps.iter().any(|s| s.state != StepState::Done)
    {
        let before = new.state;
        new.state = InvoiceState::InApproval;
        if before != new.state {
            let mut st = NewEvent::new(
                crate::audit::AuditKind::InvoiceState(new.state),
                Some(wf.invoice_id),
                actor,
            );
            st.outcome = Some(new.state.as_str().into());
            st.detail =
                serde_json::json!({"from": before.as_str(), "because": "kontering changed"})
                    .to_string();
            events.push(st);
        }
    }
    (new, events)
}
