//! Ending a dispute or a payment block (spec §1.9, §4.2 rule 4).
//!
//! A DISPUTE decision puts the invoice in DISPUTED with a payment block, and an objection that lost
//! against an attest leaves a payment block with a review task. Both stop every further decision
//! until someone resolves them: either the supplier's answer is accepted and the invoice goes on
//! where it stood ([`Resolution::Resume`]), or the dispute is upheld and the invoice is rejected
//! ([`Resolution::Reject`]; the supplier credits it). Only a person holding some attest right for
//! the invoice's kontering who is not jävig may resolve, with a stated reason; the change is an
//! audit event like any other. A rejected invoice keeps no open step: every step not decided is
//! closed with it.

use chrono::{DateTime, Utc};

use super::model::{InvoiceState, Reason, ReasonCode, StepKind, StepState, Workflow};
use super::rights::{authorise, jav};
use super::ruleset::RuleSet;
use crate::audit::NewEvent;

/// How a dispute or payment block ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// The supplier's answer is accepted: the block is lifted and the attest goes on.
    Resume,
    /// The dispute is upheld: the invoice is rejected (and stays blocked).
    Reject,
}

impl Resolution {
    /// Stable name used in the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::Resume => "RESUME",
            Resolution::Reject => "REJECT",
        }
    }
}

/// Resolves the dispute or payment block on `wf` as `actor` under `rules`: the new workflow and
/// its audit event, or why it is refused (nothing to resolve, no right, jäv, no reason given).
pub fn resolve(
    wf: &Workflow,
    actor: &str,
    resolution: Resolution,
    comment: &str,
    rules: &RuleSet,
    now: DateTime<Utc>,
) -> Result<(Workflow, Vec<NewEvent>), Reason> {
    let day = now.date_naive();
    if wf.state != InvoiceState::Disputed && !wf.payment_block {
        return Err(Reason::new(
            ReasonCode::NothingToResolve,
            format!("the invoice is {} without a payment block", wf.state),
        ));
    }
    if wf.state == InvoiceState::Rejected {
        return Err(Reason::new(
            ReasonCode::Closed,
            "the invoice is rejected; its block stays",
        ));
    }
    if comment.trim().is_empty() {
        return Err(Reason::new(
            ReasonCode::ReasonRequired,
            "state why the dispute or block ends (the supplier's answer, a credit note number…)",
        ));
    }
    let kinds = [StepKind::Mottagning, StepKind::Granskning, StepKind::Beslut];
    if !kinds
        .iter()
        .any(|k| authorise(rules, actor, *k, wf, day, None, false).is_ok())
    {
        return Err(Reason::new(
            ReasonCode::NoRight,
            format!("{actor} holds no attest right for this invoice's kontering on {day}"),
        ));
    }
    if let Some(j) = jav(rules, actor, wf, day, &[]) {
        return Err(j);
    }
    let mut new = wf.clone();
    new.revision += 1;
    match resolution {
        Resolution::Resume => {
            new.payment_block = false;
            new.state =
                if !new.steps.is_empty() && new.steps.iter().all(|s| s.state == StepState::Done) {
                    InvoiceState::Attested
                } else if new.steps.is_empty() {
                    InvoiceState::Unrouted
                } else {
                    InvoiceState::InApproval
                };
        }
        Resolution::Reject => {
            new.state = InvoiceState::Rejected;
            new.close_steps();
        }
    }
    let mut ev = NewEvent::new(
        crate::audit::AuditKind::InvoiceResolved,
        Some(wf.invoice_id),
        actor,
    );
    ev.outcome = Some(new.state.as_str().into());
    ev.ruleset_version = wf.ruleset_version;
    ev.content_hash = Some(super::content_hash(&new));
    ev.reason = Some(comment.trim().to_string());
    ev.detail = serde_json::json!({"resolution": resolution.as_str(), "from": wf.state.as_str(),
        "payment_block_before": wf.payment_block, "payment_block_after": new.payment_block})
    .to_string();
    Ok((new, vec![ev]))
}
