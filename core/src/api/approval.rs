//! Approval (attest): a person's inbox, deciding a step, the kontering, ending a dispute, today's
//! reminders and escalation.
//!
//! [`decide`] is where a front end's "approve this" becomes the decision envelope of spec §4.2:
//! the step is chosen (the open one, unless named), acting-for is inferred from a registered
//! absence, the content hash and revision the person saw are quoted and the decision id is minted
//! by the context's id generator (or given, to replay an intent). The store judges it under the
//! approval rules; nothing here decides whether it is allowed.

use super::error::{ApiError, ErrorCode, Result};
use super::{Context, Workspace, invoices};
use crate::approval::{
    CodingRow, Decision, Envelope, InvoiceState, Outcome, Resolution, StepState,
};

/// The device id of decisions made on this machine's store (the CLI, the desktop); its
/// `device_counter` counts them (1, 2, 3, …).
pub const LOCAL_DEVICE: &str = "local";

pub use crate::approval::fields::{CodingField, format_row, parse_row};
pub use crate::store::{InboxItem, ReminderItem};

/// The one reader of a typed amount (a kontering row's `belopp`): for front ends that take
/// amounts as text (the server's JSON, the desktop's editor).
pub use crate::approval::{AmountError, parse_amount};

/// A person's inbox today.
#[derive(Debug, Clone)]
pub struct Inbox {
    /// Open steps the person may act on: their own and those of people they stand in for.
    pub items: Vec<InboxItem>,
    /// The active rule-set version (None: no attestförteckning active yet).
    pub ruleset_version: Option<i64>,
    /// `false` when the person is not in the active attestförteckning (a mistyped id).
    pub known: bool,
}

/// Open steps `user` may act on today.
pub fn inbox(ws: &Workspace, ctx: &Context<'_>, user: &str) -> Result<Inbox> {
    let user = crate::person_id::normalise(user);
    let user = user.as_str();
    let items = ws.store.inbox(user, ctx.today())?;
    let active = ws.store.active_ruleset();
    Ok(Inbox {
        items,
        ruleset_version: active.as_ref().map(|(v, _)| *v),
        known: active.as_ref().is_none_or(|(_, r)| r.knows(user)),
    })
}

/// Today's reminders: every open step near or past its attest deadline, by assignee.
pub fn reminders(ws: &Workspace, ctx: &Context<'_>) -> Result<Vec<ReminderItem>> {
    Ok(ws.store.reminders(ctx.today())?)
}

/// What a person decides on an invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecideRequest {
    /// Invoice id or unique invoice number.
    pub invoice: String,
    /// The step's label (`BESLUT#1`); None: the invoice's open step.
    pub step: Option<String>,
    /// Attest, return, reject or dispute.
    pub decision: Decision,
    /// Free text.
    pub comment: Option<String>,
    /// Deciding as ersättare for this absent person; None: inferred from a registered absence
    /// when the step is assigned to someone the actor stands in for today.
    pub acting_for: Option<String>,
    /// The decision id to use (replaying an intent made earlier); None: a new one is minted.
    pub decision_id: Option<String>,
}

/// What became of a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionView {
    /// The intent's id (the idempotency key).
    pub decision_id: String,
    /// The invoice.
    pub invoice: i64,
    /// The step decided.
    pub step: String,
    /// What was decided.
    pub decision: Decision,
    /// The absent person the actor decided for, as ersättare.
    pub acting_for: Option<String>,
    /// The outcome (ACCEPTED, SUPERSEDED, STALE, EXPIRED, REJECTED_RULE, PENDING_PRECONDITION).
    pub outcome: Outcome,
    /// Stable reason code (`ok` when accepted).
    pub reason_code: String,
    /// Explanation.
    pub reason: String,
    /// True when the decision id had been seen before: the first outcome, nothing changed.
    pub replay: bool,
    /// The invoice's state afterwards.
    pub invoice_state: InvoiceState,
}

/// Decides on an invoice's step as the context's actor (see the module docs).
pub fn decide(ws: &mut Workspace, ctx: &Context<'_>, req: &DecideRequest) -> Result<DecisionView> {
    let actor = ctx.actor()?;
    let actor = actor.as_str();
    let id = invoices::find(ws, &req.invoice)?;
    let wf = ws.store.workflow(id)?;
    let now = ctx.now();
    let Some((version, rules)) = ws.store.active_ruleset() else {
        return Err(ApiError::precondition(
            "no rule set is active: `digilyft rules import FILE.xlsx --activate`",
        ));
    };
    if !rules.knows(actor) {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            format!(
                "unknown user {actor:?}: not in the active attestförteckning (version {version})"
            ),
        ));
    }
    let step =
        match &req.step {
            Some(label) => wf.steps.iter().find(|s| &s.label == label).ok_or_else(|| {
                ApiError::not_found(format!("invoice {id} has no step {label:?}"))
            })?,
            None => wf
                .steps
                .iter()
                .find(|s| s.state == StepState::Open)
                .ok_or_else(|| {
                    ApiError::precondition(format!(
                        "invoice {id} has no open step (state {}): nothing to decide",
                        wf.state
                    ))
                })?,
        };
    let acting_for = req
        .acting_for
        .as_deref()
        .map(crate::person_id::normalise)
        .or_else(|| crate::approval::absence::acting_for(step, actor, &rules, now.date_naive()));
    let env = Envelope {
        decision_id: req
            .decision_id
            .clone()
            .unwrap_or_else(|| ctx.ids.decision_id()),
        invoice_id: id,
        step: step.label.clone(),
        decision: req.decision,
        comment: req.comment.clone(),
        actor_id: actor.to_string(),
        acting_for,
        content_hash: crate::approval::content_hash(&wf),
        base_revision: wf.revision,
        ruleset_version: version,
        device_id: LOCAL_DEVICE.into(),
        device_counter: ws.store.next_device_counter(LOCAL_DEVICE)?,
        device_time: now,
        last_server_sync_time: now,
    };
    let r = ws.store.decide(&env, ctx.clock)?;
    Ok(DecisionView {
        decision_id: env.decision_id,
        invoice: id,
        step: env.step,
        decision: req.decision,
        acting_for: env.acting_for,
        outcome: r.outcome,
        reason_code: r.reason_code,
        reason: r.reason,
        replay: r.replay,
        invoice_state: r.invoice_state,
    })
}

/// An invoice's kontering rows.
pub fn kontering(ws: &Workspace, key: &str) -> Result<Vec<CodingRow>> {
    let id = invoices::find(ws, key)?;
    Ok(ws.store.workflow(id)?.coding)
}

/// An invoice's workflow after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// The invoice.
    pub invoice: i64,
    /// Its state.
    pub state: InvoiceState,
    /// Its workflow revision.
    pub revision: i64,
    /// Its kontering rows.
    pub rows: usize,
    /// Its payment block.
    pub payment_block: bool,
}

impl Changed {
    fn of(wf: &crate::approval::Workflow) -> Self {
        Changed {
            invoice: wf.invoice_id,
            state: wf.state,
            revision: wf.revision,
            rows: wf.coding.len(),
            payment_block: wf.payment_block,
        }
    }
}

/// Replaces an invoice's kontering as the context's actor. Attests already given are voided
/// (recorded, not deleted). Refused as `validation` (every problem a fault, by row and field),
/// `forbidden` (the actor may not code it; the rule in the fault) or `precondition` (closed).
pub fn set_kontering(
    ws: &mut Workspace,
    ctx: &Context<'_>,
    key: &str,
    rows: Vec<CodingRow>,
) -> Result<Changed> {
    let actor = ctx.actor()?;
    let actor = actor.as_str();
    let id = invoices::find(ws, key)?;
    let wf = ws.store.set_kontering(id, rows, actor, ctx.clock)?;
    Ok(Changed::of(&wf))
}

/// Ends a dispute or payment block as the context's actor: resume the attest or reject the
/// invoice, with `comment` as the stated reason.
pub fn resolve(
    ws: &mut Workspace,
    ctx: &Context<'_>,
    key: &str,
    resolution: Resolution,
    comment: &str,
) -> Result<Changed> {
    let actor = ctx.actor()?;
    let actor = actor.as_str();
    let id = invoices::find(ws, key)?;
    let wf = ws
        .store
        .resolve(id, actor, resolution, comment, ctx.clock)?;
    Ok(Changed::of(&wf))
}

/// Moves open steps whose attest deadline is near or past on (ersättare, närmaste chef, the
/// finance queue). Returns how many steps moved.
pub fn escalate(ws: &mut Workspace, ctx: &Context<'_>) -> Result<usize> {
    Ok(ws.store.escalate(ctx.clock)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Outcome, SequenceIds, testing};
    use crate::clock::FixedClock;

    /// Issue 14, finding 2: the acting person is compared in the one normalised form, so
    /// `--as " U210 "` is u210 — and u210 is jävig for the home-care supplier of OP-118.
    #[test]
    fn a_lookalike_actor_is_the_same_person_and_jav_still_applies() {
        let clock = FixedClock::on(2026, 11, 20).expect("date");
        let ids = SequenceIds::new("t");
        let ctx = Context::new(&clock, &ids);
        let mut ws = testing::sample_workspace(&ctx);
        let req = |step: &str| DecideRequest {
            invoice: "OP-118".into(),
            step: Some(step.into()),
            decision: Decision::Attest,
            comment: None,
            acting_for: None,
            decision_id: None,
        };
        let review = decide(&mut ws, &ctx.acting_as("U230"), &req("GRANSKNING#1"))
            .expect("the reviewer, typed in capitals");
        assert_eq!(review.outcome, Outcome::Accepted);
        for actor in [" U210 ", "U210", "u210\u{a0}"] {
            let r = decide(&mut ws, &ctx.acting_as(actor), &req("BESLUT#1"))
                .unwrap_or_else(|e| panic!("{actor:?}: {e}"));
            assert_eq!(
                (r.outcome, r.reason_code.as_str()),
                (Outcome::RejectedRule, "jav-supplier"),
                "{actor:?}"
            );
        }
        let inbox = inbox(&ws, &ctx, "U200").expect("inbox");
        assert!(inbox.known, "U200 is u200 of the attestförteckning");
        assert!(
            !inbox.items.is_empty(),
            "OP-118's BESLUT, redirected to u200"
        );
    }
}
