//! Re-validating decisions parked as PENDING_PRECONDITION (spec §4.2.4) to a fixed point.
//!
//! A decision on a step whose predecessor is not attested yet is parked. Whenever a decision is
//! accepted, every parked intent on the invoice is judged again with [`decide`]; an accepted one
//! changes the workflow, which may unblock another, so the round repeats until a round changes
//! nothing. Intents parked longer than [`Policy::pending_max_hours`] become STALE. The result
//! does not depend on the order the intents were parked in beyond the server order in which they
//! are judged within a round.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::decide::decide;
use super::model::*;
use super::policy::Policy;
use crate::audit::NewEvent;
use crate::workbook::RuleSet;

/// One parked decision as the store keeps it.
#[derive(Debug, Clone)]
pub struct Parked {
    /// The envelope as received.
    pub envelope: Envelope,
    /// When the server received it.
    pub received_at: DateTime<Utc>,
    /// The rule set its decider saw (`envelope.ruleset_version`).
    pub seen: Arc<RuleSet>,
}

/// What re-validation came to.
#[derive(Debug, Clone)]
pub struct Revalidated {
    /// The workflow after every accepted intent, when any was accepted.
    pub workflow: Option<Workflow>,
    /// Each intent that left PENDING_PRECONDITION, with its final outcome, in order.
    pub resolved: Vec<(String, Outcome)>,
    /// Audit events (`decision.resolved` per intent, and what accepting them caused).
    pub events: Vec<NewEvent>,
}

/// Judges `parked` (in server order) against `wf` under `current` (version `version`) until a
/// fixed point: no intent still parked would be accepted or refused now.
pub fn revalidate(
    wf: &Workflow,
    parked: &[Parked],
    current: &RuleSet,
    version: i64,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Revalidated {
    let mut state = wf.clone();
    let mut changed = false;
    let mut open: Vec<&Parked> = parked.iter().collect();
    let mut resolved = Vec::new();
    let mut events = Vec::new();
    loop {
        let mut progressed = false;
        let mut still = Vec::new();
        for p in open {
            let id = p.envelope.decision_id.clone();
            if now - p.received_at > chrono::Duration::hours(policy.pending_max_hours) {
                let mut ev = NewEvent::new(
                    "decision.resolved",
                    Some(wf.invoice_id),
                    &p.envelope.actor_id,
                );
                ev.outcome = Some(Outcome::Stale.as_str().into());
                ev.reason = Some("pending-timeout: precondition not met in time".into());
                ev.detail = serde_json::json!({ "decision_id": id }).to_string();
                events.push(ev);
                resolved.push((id, Outcome::Stale));
                continue;
            }
            let v = decide(&state, &p.envelope, &p.seen, current, version, now, policy);
            if v.outcome == Outcome::PendingPrecondition {
                still.push(p);
                continue;
            }
            for mut e in v.events {
                if e.kind == "decision" {
                    e.kind = "decision.resolved".into();
                }
                events.push(e);
            }
            resolved.push((id, v.outcome));
            if let Some(new) = v.workflow {
                state = new;
                changed = true;
                progressed = true;
            }
        }
        open = still;
        if !progressed || open.is_empty() {
            break;
        }
    }
    Revalidated {
        workflow: changed.then_some(state),
        resolved,
        events,
    }
}
