//! Judging one decision envelope (spec §4.2) and applying it.

use chrono::{DateTime, Utc};

use super::content_hash;
use super::model::*;
use super::policy::Policy;
use super::rights::{authorise, jav};
use super::ruleset::RuleSet;
use super::steps::{add_missing_signers, reassign_beslut_after_return};
use crate::audit::NewEvent;

/// What a decision came to.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// The outcome.
    pub outcome: Outcome,
    /// Why.
    pub reason: Reason,
    /// The new workflow when anything changed (accepted, or a payment block after a lost objection).
    pub workflow: Option<Workflow>,
    /// Audit events (always at least the `decision` event).
    pub events: Vec<NewEvent>,
}

fn decision_event(
    wf: &Workflow,
    env: &Envelope,
    current_version: i64,
    outcome: Outcome,
    reason: &Reason,
) -> NewEvent {
    let mut ev = NewEvent::new(
        crate::audit::AuditKind::Decision,
        Some(wf.invoice_id),
        &env.actor_id,
    );
    ev.acting_for = env.acting_for.clone();
    ev.device_time = Some(env.device_time);
    ev.ruleset_version = Some(current_version);
    ev.content_hash = Some(env.content_hash.clone());
    ev.outcome = Some(outcome.as_str().into());
    ev.reason = Some(format!("{}: {}", reason.code, reason.text));
    ev.detail = serde_json::json!({
        "decision_id": env.decision_id, "step": env.step, "decision": env.decision.as_str(),
        "comment": env.comment, "device_id": env.device_id, "device_counter": env.device_counter,
        "base_revision": env.base_revision, "ruleset_version_seen": env.ruleset_version,
    })
    .to_string();
    ev
}

fn refuse(wf: &Workflow, env: &Envelope, v: i64, outcome: Outcome, reason: Reason) -> Verdict {
    let ev = decision_event(wf, env, v, outcome, &reason);
    Verdict {
        outcome,
        reason,
        workflow: None,
        events: vec![ev],
    }
}

/// Judges one decision envelope against the workflow (spec §4.2). `seen` is the rule set the
/// decider saw, `current` the active one (version `current_version`); `now` is the server's
/// receipt time, which becomes the effective time.
pub fn decide(
    wf: &Workflow,
    env: &Envelope,
    seen: &RuleSet,
    current: &RuleSet,
    current_version: i64,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Verdict {
    let v = current_version;
    let Some(idx) = wf.steps.iter().position(|s| s.label == env.step) else {
        return refuse(
            wf,
            env,
            v,
            Outcome::RejectedRule,
            Reason::new(ReasonCode::NoSuchStep, format!("no step {}", env.step)),
        );
    };
    let step = &wf.steps[idx];
    // 2. Step still open?
    match step.state {
        StepState::Done | StepState::Rejected => {
            let by = step.decision_id.clone().unwrap_or_default();
            let reason = match &step.decided_by {
                Some(who) => Reason::new(
                    ReasonCode::Superseded,
                    format!("{} was already decided by {who} ({by})", step.label),
                ),
                None => Reason::new(
                    ReasonCode::Superseded,
                    format!("{} was closed with the invoice ({})", step.label, wf.state),
                ),
            };
            // Asymmetric safety: an objection that lost against an attest is never dropped —
            // when it comes from someone who could have decided the step. Anyone else's
            // objection is refused and blocks nothing.
            if step.state == StepState::Done
                && env.decision != Decision::Attest
                && let Err(r) = may_object(wf, step, env, seen, current, now)
            {
                return refuse(wf, env, v, Outcome::RejectedRule, r);
            }
            let mut verdict = refuse(wf, env, v, Outcome::Superseded, reason);
            if step.state == StepState::Done
                && env.decision != Decision::Attest
                && !wf.payment_block
            {
                let mut new = wf.clone();
                new.payment_block = true;
                new.revision += 1;
                let mut ev = NewEvent::new(
                    crate::audit::AuditKind::InvoicePaymentBlock,
                    Some(wf.invoice_id),
                    "system",
                );
                ev.outcome = Some("blocked".into());
                ev.reason = Some(format!(
                    "review task for {} and the ekonomienhet: {} by {} lost against an attest",
                    step.decided_by.as_deref().unwrap_or("?"),
                    env.decision,
                    env.actor_id
                ));
                verdict.events.push(ev);
                verdict.workflow = Some(new);
            }
            return verdict;
        }
        StepState::Waiting if env.content_hash != content_hash(wf) => {
            let reason = Reason::new(
                ReasonCode::ContentChanged,
                "the invoice or its kontering changed: decide again",
            );
            return refuse(wf, env, v, Outcome::Stale, reason);
        }
        StepState::Waiting => {
            let reason = Reason::new(
                ReasonCode::Precondition,
                format!("an earlier step than {} is not attested yet", step.label),
            );
            return refuse(wf, env, v, Outcome::PendingPrecondition, reason);
        }
        StepState::Open => {}
    }
    if env.base_revision < step.revision {
        let reason = Reason::new(
            ReasonCode::StepChanged,
            format!(
                "{} changed at revision {} after revision {} that was seen",
                step.label, step.revision, env.base_revision
            ),
        );
        return refuse(wf, env, v, Outcome::Stale, reason);
    }
    // 3. Same content?
    let current_hash = content_hash(wf);
    if env.content_hash != current_hash {
        return refuse(
            wf,
            env,
            v,
            Outcome::Stale,
            Reason::new(
                ReasonCode::ContentChanged,
                "the invoice or its kontering changed: decide again",
            ),
        );
    }
    // 4. Rights under the rule set seen and the current one; ersättare window.
    let day = now.date_naive();
    let check_limits = env.decision == Decision::Attest;
    // Being the step's assignee (a reviewer named in a flow rule, an escalation target) is no
    // right: every decider needs a grant of the step's kind for its codes and amounts.
    let mut authority = None;
    for rules in [seen, current] {
        match authorise(
            rules,
            &env.actor_id,
            step.kind,
            wf,
            day,
            env.acting_for.as_deref(),
            check_limits,
        ) {
            Ok(a) => authority = Some(a),
            Err(r) => return refuse(wf, env, v, Outcome::RejectedRule, r),
        }
    }
    if let Some(reason) = outside_absence(current, env, wf, now) {
        return refuse(wf, env, v, Outcome::RejectedRule, reason);
    }
    if env.decision == Decision::Attest {
        // 5. Duality and jäv.
        let signers = wf.signers_except(step.seq);
        let twice_beslut = wf.steps.iter().any(|s| {
            s.state == StepState::Done
                && s.kind == StepKind::Beslut
                && step.kind == StepKind::Beslut
                && s.decided_by.as_deref() == Some(env.actor_id.as_str())
        });
        if signers.contains(&env.actor_id.as_str()) {
            let exception = authority.as_ref().is_some_and(|a| a.may_review_and_decide);
            if twice_beslut || !exception {
                let reason = Reason::new(
                    ReasonCode::Duality,
                    format!(
                        "{} has already signed another step of this invoice",
                        env.actor_id
                    ),
                );
                return refuse(wf, env, v, Outcome::RejectedRule, reason);
            }
        }
        for rules in [seen, current] {
            if let Some(r) = jav(rules, &env.actor_id, wf, day, &signers) {
                return refuse(wf, env, v, Outcome::RejectedRule, r);
            }
        }
    }
    // 6. Blocks: no decision of any kind on a rejected, disputed or payment-blocked invoice
    // until the block is resolved (spec §4.2.2 check 6).
    if wf.payment_block || matches!(wf.state, InvoiceState::Rejected | InvoiceState::Disputed) {
        let reason = Reason::new(
            ReasonCode::Blocked,
            format!(
                "the invoice is {} with a payment block; resolve that first",
                wf.state
            ),
        );
        return refuse(wf, env, v, Outcome::RejectedRule, reason);
    }
    // 7. Offline age.
    if now - env.device_time > chrono::Duration::days(policy.max_offline_days) {
        let reason = Reason::new(
            ReasonCode::Expired,
            format!(
                "made offline at {}, more than {} days ago: confirm again online",
                env.device_time, policy.max_offline_days
            ),
        );
        return refuse(wf, env, v, Outcome::Expired, reason);
    }
    // Accepted: apply.
    let mut new = wf.clone();
    new.revision += 1;
    let rev = new.revision;
    let mut events = Vec::new();
    match env.decision {
        Decision::Attest => {
            let s = &mut new.steps[idx];
            s.state = StepState::Done;
            s.decided_by = Some(env.actor_id.clone());
            s.acting_for = env.acting_for.clone();
            s.decided_at = Some(now);
            s.decision_id = Some(env.decision_id.clone());
            s.revision = rev;
            // Opening the next step does not bump its revision: intents parked on it stay valid.
            if let Some(next) = new.steps.iter_mut().find(|s| s.state == StepState::Waiting) {
                next.state = StepState::Open;
            }
            // Two signers however and whenever the kontering was set: when every step is done
            // but the signers' grants require another BESLUT signer, a step is added for one.
            if new.steps.iter().all(|s| s.state == StepState::Done) {
                let added = add_missing_signers(&mut new, current, day, policy);
                if added > 0 {
                    let mut ev = NewEvent::new(
                        crate::audit::AuditKind::StepAdded,
                        Some(wf.invoice_id),
                        "system",
                    );
                    ev.outcome = Some("two-signers".into());
                    ev.reason = Some(format!(
                        "{} may not be attested by {} alone: another beslutsattestant signs",
                        step.label, env.actor_id
                    ));
                    let added: Vec<serde_json::Value> = new.steps[new.steps.len() - added..]
                        .iter()
                        .map(|s| serde_json::json!({"step": s.label, "assignee": s.assignee, "queue": s.queue}))
                        .collect();
                    ev.detail = serde_json::json!({ "added": added }).to_string();
                    events.push(ev);
                }
            }
            new.state = if new.steps.iter().all(|s| s.state == StepState::Done) {
                InvoiceState::Attested
            } else {
                InvoiceState::InApproval
            };
        }
        Decision::Return => {
            new.steps[idx].state = StepState::Waiting;
            new.steps[idx].revision = rev;
            if idx > 0 {
                let prev = &mut new.steps[idx - 1];
                let mut void = NewEvent::new(
                    crate::audit::AuditKind::StepVoided,
                    Some(wf.invoice_id),
                    &env.actor_id,
                );
                void.outcome = Some("VOIDED_BY_RETURN".into());
                void.detail = serde_json::json!({"step": prev.label, "was_attested_by": prev.decided_by, "at": prev.decided_at.map(|t| t.to_rfc3339()), "decision_id": prev.decision_id}).to_string();
                events.push(void);
                prev.state = StepState::Open;
                prev.decided_by = None;
                prev.acting_for = None;
                prev.decided_at = None;
                prev.decision_id = None;
                prev.revision = rev;
                reassign_beslut_after_return(&mut new, current, day, policy);
            } else {
                new.steps[idx].state = StepState::Open;
                new.steps[idx].assignee = None;
                new.steps[idx].queue = Some(policy.default_queue.clone());
            }
            new.state = InvoiceState::Returned;
        }
        Decision::Reject => {
            new.steps[idx].state = StepState::Rejected;
            new.steps[idx].decided_by = Some(env.actor_id.clone());
            new.steps[idx].acting_for = env.acting_for.clone();
            new.steps[idx].decided_at = Some(now);
            new.steps[idx].decision_id = Some(env.decision_id.clone());
            new.steps[idx].revision = rev;
            new.state = InvoiceState::Rejected;
            new.close_steps();
        }
        Decision::Dispute => {
            new.state = InvoiceState::Disputed;
            new.payment_block = true;
        }
    }
    let reason = Reason::new(
        ReasonCode::Ok,
        format!("{} {} by {}", step.label, env.decision, env.actor_id),
    );
    let mut ev = decision_event(wf, env, v, Outcome::Accepted, &reason);
    ev.content_hash = Some(current_hash);
    events.insert(0, ev);
    if new.state != wf.state {
        let mut st = NewEvent::new(
            crate::audit::AuditKind::InvoiceState(new.state),
            Some(wf.invoice_id),
            &env.actor_id,
        );
        st.outcome = Some(new.state.as_str().into());
        st.ruleset_version = Some(v);
        st.content_hash = Some(content_hash(&new));
        st.detail = serde_json::json!({"from": wf.state.as_str(), "decision_id": env.decision_id})
            .to_string();
        events.push(st);
    }
    Verdict {
        outcome: Outcome::Accepted,
        reason,
        workflow: Some(new),
        events,
    }
}

/// Could `env`'s actor have decided `step` (spec §4.2.4: the asymmetric safety rule protects
/// "two approvers who decided the same step")? They need the step kind's right for the invoice's
/// codes under the rule set seen and the current one (limits do not matter for an objection,
/// as for any RETURN or REJECT), as ersättare only inside a registered absence, and must not be
/// jävig. Anyone else's objection on a decided step is refused and blocks nothing.
fn may_object(
    wf: &Workflow,
    step: &Step,
    env: &Envelope,
    seen: &RuleSet,
    current: &RuleSet,
    now: DateTime<Utc>,
) -> Result<(), Reason> {
    let day = now.date_naive();
    let signers = wf.signers_except(step.seq);
    let absent = env.acting_for.as_deref();
    for rules in [seen, current] {
        authorise(rules, &env.actor_id, step.kind, wf, day, absent, false).map_err(|r| {
            Reason::new(
                ReasonCode::NoRightToObject,
                format!(
                    "{} could not have decided {} ({}): the objection blocks nothing",
                    env.actor_id, step.label, r.text
                ),
            )
        })?;
        if let Some(j) = jav(rules, &env.actor_id, wf, day, &signers) {
            return Err(j);
        }
    }
    if let Some(reason) = outside_absence(current, env, wf, now) {
        return Err(reason);
    }
    Ok(())
}

/// For a decision made as ersättare (`acting_for`): why it falls outside a registered absence,
/// if it does. The absence in `rules` must name the actor as ersättare, cover every kontering
/// row's ansvar and the whole window from the device's last contact with the server (or its
/// claimed time, if earlier) to the server's receipt `now`: device clocks are not trusted.
fn outside_absence(
    rules: &RuleSet,
    env: &Envelope,
    wf: &Workflow,
    now: DateTime<Utc>,
) -> Option<Reason> {
    let absent = env.acting_for.as_deref()?;
    let day = now.date_naive();
    let from = env
        .last_server_sync_time
        .date_naive()
        .min(env.device_time.date_naive());
    let covered = rules.absences.iter().any(|a| {
        a.person_id == absent
            && a.ersattare_person_id == env.actor_id
            && a.fran <= from
            && day <= a.till
            && super::absence::covers(a, &wf.coding)
    });
    (!covered).then(|| {
        Reason::new(
            ReasonCode::SubstituteOutsideAbsence,
            format!(
                "{} is not registered as ersättare for {absent} over {from}..{day}",
                env.actor_id
            ),
        )
    })
}
