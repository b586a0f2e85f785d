//! Deciding by an idempotency key a client minted (spec §4.2): the same decision id sent again
//! returns the first outcome and changes nothing, but the same id sent with *another* decision
//! (another invoice, step, decision or actor) is a client's bug and is refused as `conflict` with
//! the rule `key-reused`, instead of silently answering with the first decision's outcome.

use super::approval::{self, DecideRequest, DecisionView};
use super::error::{ApiError, ErrorCode, Fault, Result};
use super::{Context, Workspace, invoices};

/// The rule code of a reused decision id.
pub const KEY_REUSED: &str = "key-reused";

/// [`approval::decide`], refusing a decision id that was used for another decision. A replay
/// without a step named matches the first decision by invoice, decision and actor (its step
/// may have been closed since).
pub fn decide(ws: &mut Workspace, ctx: &Context<'_>, req: &DecideRequest) -> Result<DecisionView> {
    let view = approval::decide(ws, ctx, req)?;
    if !view.replay {
        return Ok(view);
    }
    let actor = ctx.actor()?;
    let actor = actor.as_str();
    let same = invoices::detail_by_id(ws, view.invoice)?
        .decisions
        .iter()
        .any(|d| {
            d.decision_id == view.decision_id
                && d.actor == actor
                && d.decision == req.decision.as_str()
                && req.step.as_ref().is_none_or(|s| *s == d.step)
        });
    if same {
        return Ok(view);
    }
    Err(ApiError::new(
        ErrorCode::Conflict,
        format!(
            "decision id {} was used for another decision; mint a new id for a new decision",
            view.decision_id
        ),
    )
    .with_faults(vec![Fault {
        field: Some("decision_id".into()),
        rule: Some(KEY_REUSED.into()),
        message: "the decision id is already taken by a different decision".into(),
        ..Fault::default()
    }]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Decision, Outcome, SequenceIds, testing};
    use crate::clock::FixedClock;

    #[test]
    fn a_replay_is_answered_and_a_reused_key_refused() {
        let clock = FixedClock::on(2026, 11, 20).expect("date");
        let ids = SequenceIds::new("t");
        let ctx = Context::new(&clock, &ids);
        let mut ws = testing::sample_workspace(&ctx);
        let ctx = ctx.acting_as("u230");
        let req = DecideRequest {
            invoice: "KN-2041".into(),
            step: None,
            decision: Decision::Attest,
            comment: None,
            acting_for: None,
            decision_id: Some("k-1".into()),
        };
        let first = decide(&mut ws, &ctx, &req).expect("first");
        assert_eq!((first.outcome, first.replay), (Outcome::Accepted, false));
        let again = decide(&mut ws, &ctx, &req).expect("a replay");
        assert_eq!((again.outcome, again.replay), (Outcome::Accepted, true));
        let named = DecideRequest {
            step: Some(first.step.clone()),
            ..req.clone()
        };
        assert!(decide(&mut ws, &ctx, &named).expect("named step").replay);
        let other_step = invoices::detail(&ws, "KN-2041")
            .expect("detail")
            .steps
            .into_iter()
            .find(|s| s.label != first.step)
            .expect("KN-2041 has two steps")
            .label;
        let reused = [
            DecideRequest {
                decision: Decision::Return,
                ..req.clone()
            },
            DecideRequest {
                invoice: "OP-118".into(),
                ..req.clone()
            },
            DecideRequest {
                step: Some(other_step),
                ..req.clone()
            },
        ];
        for r in reused {
            let e = decide(&mut ws, &ctx, &r).expect_err("reused");
            assert_eq!(
                (e.code, e.rule()),
                (ErrorCode::Conflict, Some(KEY_REUSED)),
                "{r:?}"
            );
        }
        let other_actor = ctx.acting_as("u240");
        let e = decide(&mut ws, &other_actor, &req).expect_err("another actor");
        assert_eq!(e.rule(), Some(KEY_REUSED));
    }
}
