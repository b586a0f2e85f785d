//! Re-validating decisions parked as PENDING_PRECONDITION (spec §4.2.4) to a fixed point.
//!
//! A decision on a step whose predecessor is not attested yet is parked. Whenever a decision is
//! accepted, every parked intent on the invoice is judged again with [`decide`]; an accepted one
//! changes the workflow, which may unblock another, so the round repeats until a round changes
//! nothing. An intent does not wait for ever: once more than [`Policy::pending_max_hours`] have
//! passed since the store received it ([`timed_out`]), it is resolved as STALE instead
//! ("pending-timeout") and the decider must decide again on what the invoice has become.
//!
//! Invariants: pure (time comes in as arguments); the limit is exclusive, so a decision exactly
//! `pending_max_hours` old is still re-validated; a receipt time after `now` (clock skew between
//! store processes) is never timed out; within a round intents are judged in server order.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use super::decide::decide;
use super::model::*;
use super::policy::Policy;
use super::ruleset::RuleSet;
use crate::audit::NewEvent;

/// The reason recorded in the audit log when a parked decision is resolved as STALE because it
/// waited too long (its first word is the stable code).
pub const TIMEOUT_REASON: &str = "pending-timeout: precondition not met in time";

/// True when a decision parked since `received` has waited longer than the policy allows at
/// `now`, and must be resolved as STALE rather than re-validated.
pub fn timed_out(received: DateTime<Utc>, now: DateTime<Utc>, policy: &Policy) -> bool {
    now - received > Duration::hours(policy.pending_max_hours)
}

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
            if timed_out(p.received_at, now, policy) {
                let mut ev = NewEvent::new(
                    crate::audit::AuditKind::DecisionResolved,
                    Some(wf.invoice_id),
                    &p.envelope.actor_id,
                );
                ev.outcome = Some(Outcome::Stale.as_str().into());
                ev.reason = Some(TIMEOUT_REASON.into());
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
                if e.kind == crate::audit::AuditKind::Decision.name() {
                    e.kind = crate::audit::AuditKind::DecisionResolved.name();
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn parked_decisions_time_out_after_the_policy_limit_only() {
        let received = Utc
            .with_ymd_and_hms(2026, 11, 20, 8, 0, 0)
            .single()
            .expect("time");
        let policy = |hours| Policy {
            pending_max_hours: hours,
            ..Policy::default()
        };
        // (pending_max_hours, seconds after receipt, timed out?)
        let table: &[(i64, i64, bool)] = &[
            (48, 0, false),
            (48, 47 * 3600, false),
            (48, 48 * 3600, false),
            (48, 48 * 3600 + 1, true),
            (48, 30 * 24 * 3600, true),
            (1, 3600, false),
            (1, 3601, true),
            (0, 0, false),
            (0, 1, true),
            (48, -3600, false),
        ];
        for &(hours, after, want) in table {
            let now = received + Duration::seconds(after);
            assert_eq!(
                timed_out(received, now, &policy(hours)),
                want,
                "limit {hours} h, {after} s after receipt"
            );
        }
    }
}
