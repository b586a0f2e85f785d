//! Escalation of open steps near or past their attest deadline (spec §1.5).
//!
//! Invariants:
//! * a step moves at most once per processing period of its kind
//!   ([`StepTiming::processing_days`](super::StepTiming)), however often escalation runs: the
//!   step remembers when it was last escalated ([`escalated_this_period`]);
//! * each move goes one stage along the chain: the registered ersättare of an absent assignee
//!   (who then signs as ersättare, acting for them), then the närmaste chef of the person whose
//!   step it is and further up the `Chef` chain, then the kind's group queue;
//! * escalation never hands a step to someone who may not sign it: every target passes
//!   [`eligible`] (right and limits, no jäv, not a signer or assignee of another step), else the
//!   next stage is tried. A step in a queue stays there.

use chrono::{DateTime, Utc};

use super::model::*;
use super::policy::{Policy, attest_deadline, reminder_within};
use super::rights::eligible;
use super::ruleset::RuleSet;
use crate::audit::NewEvent;

/// Was step `s` escalated within its current processing period of `processing_days` (at least
/// one day) on `now`'s date? Such a step is not escalated again yet.
pub fn escalated_this_period(s: &Step, now: DateTime<Utc>, processing_days: u32) -> bool {
    s.escalated_at.is_some_and(|at| {
        (now.date_naive() - at.date_naive()).num_days() < i64::from(processing_days.max(1))
    })
}

/// Escalates the open steps of `wf` whose attest deadline is inside their kind's reminder
/// window (or past), one stage each, unless escalated this period. Nothing is escalated on a
/// disputed, rejected or payment-blocked invoice (nobody may decide it). Returns `None` when
/// nothing changes.
pub fn escalate(
    wf: &Workflow,
    rules: &RuleSet,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Option<(Workflow, Vec<NewEvent>)> {
    if wf.payment_block || matches!(wf.state, InvoiceState::Rejected | InvoiceState::Disputed) {
        return None;
    }
    let day = now.date_naive();
    let deadline = attest_deadline(wf.due_date, &policy.under(rules))?;
    let mut new = wf.clone();
    let mut events = Vec::new();
    for i in 0..new.steps.len() {
        let s = &new.steps[i];
        let timing = policy.timing(rules, s.kind);
        if s.state != StepState::Open
            || reminder_within(deadline, day, timing.remind_before_due_days).is_none()
            || escalated_this_period(s, now, timing.processing_days)
        {
            continue;
        }
        let Some(current) = s.assignee.clone() else {
            continue;
        };
        let others: Vec<String> = new
            .steps
            .iter()
            .filter(|o| o.seq != s.seq)
            .filter_map(|o| o.decided_by.clone().or_else(|| o.assignee.clone()))
            .collect();
        let others: Vec<&str> = others.iter().map(String::as_str).collect();
        let may = |p: &str, acting_for: Option<&str>| {
            eligible(rules, p, s.kind, wf, day, acting_for, &others).is_ok()
        };
        // Whose step it is: the absent person an ersättare already stands in for, else the
        // assignee.
        let owner = s.acting_for.clone().unwrap_or_else(|| current.clone());
        let substitute = rules
            .absence_of(&owner, day)
            .filter(|_| s.acting_for.is_none())
            .filter(|a| super::absence::covers(a, &wf.coding))
            .map(|a| a.ersattare_person_id.clone())
            .filter(|e| may(e, Some(&owner)));
        let (to, acting_for, queue, stage) = if let Some(e) = substitute {
            (Some(e), Some(owner.clone()), None, "ersättare")
        } else if let Some(m) = rules
            .chain_above(&owner, day)
            .into_iter()
            .find(|m| *m != current && may(m, None))
        {
            (Some(m.to_string()), None, None, "chef")
        } else {
            (None, None, Some(timing.escalate_to.clone()), "kö")
        };
        let mut ev = NewEvent::new(
            crate::audit::AuditKind::StepEscalated,
            Some(wf.invoice_id),
            "system",
        );
        ev.outcome = Some("escalated".into());
        ev.reason = Some(format!(
            "attest deadline {deadline}, {} days left; to the {stage}",
            (deadline - day).num_days()
        ));
        ev.detail = serde_json::json!({"step": s.label, "from": current, "to": to,
            "acting_for": acting_for, "queue": queue, "stage": stage})
        .to_string();
        events.push(ev);
        let s = &mut new.steps[i];
        s.assignee = to;
        s.acting_for = acting_for;
        s.queue = queue;
        s.escalated_at = Some(now);
    }
    if events.is_empty() {
        return None;
    }
    new.revision += 1;
    Some((new, events))
}
