//! Who is asked to sign: BESLUT candidates, the steps of a flow with their assignees, and how
//! many BESLUT signers an invoice still needs.
//!
//! Invariants:
//! * a step is assigned only to someone who may sign it now ([`eligible`], or for review steps
//!   the named reviewer's right of that kind); otherwise it goes to a group queue. Naming someone
//!   in `Flödesregler` chooses among the people who hold the right; it never grants one;
//! * the BESLUT assignees are distinct people, none of them a review step's assignee;
//! * an invoice has as many BESLUT steps as its flow names, and at least two when a signer's
//!   grants (or their nämnd's ceiling) require a second signer ([`beslut_signers_missing`]);
//! * someone's own expense (EGEN_UTGIFT) goes to their superiors, nearest first; a jävig holder
//!   hands over to the first eligible person up their `Chef` chain.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::model::*;
use super::policy::Policy;
use super::rights::{Authority, authorise, eligible, jav, own_expense_of};
use super::ruleset::{Basis, Flow, RuleSet};

/// Candidates for a BESLUT step, best first, none of them in `exclude`. For someone's own
/// expense: their superiors up the `Chef` chain who may sign, nearest first. Otherwise: every
/// ordinary BESLUT grant holder who may sign the whole kontering, lowest sufficient per-invoice
/// limit first (attest hierarchy), a jävig holder replaced by the first eligible superior.
pub(super) fn beslut_candidates(
    rules: &RuleSet,
    wf: &Workflow,
    day: NaiveDate,
    exclude: &[&str],
) -> Vec<(String, Authority)> {
    let may = |p: &str| eligible(rules, p, StepKind::Beslut, wf, day, None, exclude).ok();
    let mut out: Vec<(String, Authority)> = Vec::new();
    if let Some(owner) = own_expense_of(rules, wf, day) {
        for p in rules.chain_above(owner, day) {
            if let Some(a) = may(p) {
                out.push((p.to_string(), a));
            }
        }
        return out;
    }
    let mut people: Vec<&str> = rules
        .grants
        .iter()
        .filter(|g| g.attesttyp == StepKind::Beslut && g.grund == Basis::Ordinarie)
        .map(|g| g.person_id.as_str())
        .collect();
    people.sort();
    people.dedup();
    for p in people {
        let person = if jav(rules, p, wf, day, exclude).is_some() {
            match rules
                .chain_above(p, day)
                .into_iter()
                .find(|c| may(c).is_some())
            {
                Some(c) => c,
                None => continue,
            }
        } else {
            p
        };
        if out.iter().any(|(q, _)| q == person) {
            continue;
        }
        if let Some(a) = may(person) {
            out.push((person.to_string(), a));
        }
    }
    out.sort_by(|a, b| {
        a.1.invoice_limit
            .cmp(&b.1.invoice_limit)
            .then(a.0.cmp(&b.0))
    });
    out
}

fn label(kind: StepKind, n: usize) -> String {
    format!("{}#{n}", kind.as_str())
}

pub(super) fn new_step(seq: usize, kind: StepKind, n: usize, revision: i64) -> Step {
    Step {
        seq: seq as u32,
        kind,
        label: label(kind, n),
        state: if seq == 0 {
            StepState::Open
        } else {
            StepState::Waiting
        },
        assignee: None,
        queue: None,
        revision,
        decided_by: None,
        acting_for: None,
        decided_at: None,
        decision_id: None,
        auto_rule: None,
        escalated_at: None,
    }
}

/// Does the named reviewer hold the right for a review step of `kind` on `wf`? With a complete
/// kontering the limits count too; before one exists only the right of that kind.
fn reviewer_may(
    rules: &RuleSet,
    person: &str,
    kind: StepKind,
    wf: &Workflow,
    day: NaiveDate,
) -> bool {
    let limits = super::check_coding(wf, &wf.coding).is_empty();
    authorise(rules, person, kind, wf, day, None, limits).is_ok()
}

/// The steps of a flow of `kinds` for `wf`: review steps to `reviewer` when they hold that
/// right ([`reviewer_may`]), else to `queue`; BESLUT steps to distinct [`beslut_candidates`]
/// (never the reviewer), else the ekonomienhet queue, with a second BESLUT step when the first
/// candidate's grants require two signers.
pub(super) fn build_steps(
    kinds: &[StepKind],
    reviewer: Option<&str>,
    queue: &str,
    wf: &Workflow,
    rules: &RuleSet,
    day: NaiveDate,
    policy: &Policy,
) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut counts: HashMap<StepKind, usize> = HashMap::new();
    for kind in kinds {
        let n = counts.entry(*kind).or_insert(0);
        *n += 1;
        let mut s = new_step(steps.len(), *kind, *n, wf.revision);
        if *kind != StepKind::Beslut {
            match reviewer.filter(|p| reviewer_may(rules, p, *kind, wf, day)) {
                Some(p) => s.assignee = Some(p.to_string()),
                None => s.queue = Some(queue.to_string()),
            }
        }
        steps.push(s);
    }
    assign_beslut(&mut steps, wf, rules, day, policy);
    steps
}

/// (Re)assigns every open or waiting BESLUT step of `steps` to distinct candidates, none of
/// them a review step's assignee or a signer of another step, adding BESLUT steps until the
/// two-signer rule is met; steps without a candidate go to the ekonomienhet queue.
fn assign_beslut(
    steps: &mut Vec<Step>,
    wf: &Workflow,
    rules: &RuleSet,
    day: NaiveDate,
    policy: &Policy,
) {
    let taken: Vec<String> = steps
        .iter()
        .filter(|s| s.kind != StepKind::Beslut || s.state == StepState::Done)
        .filter_map(|s| s.decided_by.clone().or_else(|| s.assignee.clone()))
        .collect();
    let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
    let candidates = if wf.coding.is_empty() {
        Vec::new()
    } else {
        beslut_candidates(rules, wf, day, &taken)
    };
    let mut next = candidates.iter();
    for s in steps
        .iter_mut()
        .filter(|s| s.kind == StepKind::Beslut && s.state != StepState::Done)
    {
        match next.next() {
            Some((p, _)) => {
                s.assignee = Some(p.clone());
                s.queue = None;
            }
            None => {
                s.assignee = None;
                s.queue = Some(policy.default_queue.clone());
            }
        }
    }
    let beslut = steps.iter().filter(|s| s.kind == StepKind::Beslut).count();
    let wanted = match candidates.first() {
        Some((_, a)) if a.needs_second_signer => 2,
        _ => 1,
    };
    for n in beslut + 1..=wanted {
        let mut s = new_step(steps.len(), StepKind::Beslut, n, wf.revision);
        match next.next() {
            Some((p, _)) => s.assignee = Some(p.clone()),
            None => s.queue = Some(policy.default_queue.clone()),
        }
        steps.push(s);
    }
}

/// After a RETURN re-opened an earlier step (spec §1.4 RETURNED, §4.3): voiding that step's
/// signature also voids what the later BESLUT steps were assigned against. A BESLUT step added
/// for a second signer ([`add_missing_signers`]) went to someone other than the signers, and
/// the re-opened step goes back to its own assignee — possibly that same person, so one person
/// would be asked for both signatures of a "två i förening" attest (spec §1.3), which they may
/// not give. So the open or waiting BESLUT steps keep their assignees only while those are
/// distinct, no review step's assignee or another step's signer, and may sign
/// ([`eligible`], with the step's `acting_for`); any other goes to the next such
/// [`beslut_candidates`] as themselves, else the ekonomienhet queue. Steps in a queue stay
/// there.
pub(super) fn reassign_beslut_after_return(
    wf: &mut Workflow,
    rules: &RuleSet,
    day: NaiveDate,
    policy: &Policy,
) {
    let mut taken: Vec<String> = wf
        .steps
        .iter()
        .filter(|s| s.kind != StepKind::Beslut || s.state == StepState::Done)
        .filter_map(|s| s.decided_by.clone().or_else(|| s.assignee.clone()))
        .collect();
    let mut unassigned = Vec::new();
    for (i, s) in wf.steps.iter().enumerate() {
        if s.kind != StepKind::Beslut || s.state == StepState::Done {
            continue;
        }
        let Some(a) = s.assignee.as_deref() else {
            continue;
        };
        let others: Vec<&str> = taken.iter().map(String::as_str).collect();
        if eligible(
            rules,
            a,
            StepKind::Beslut,
            wf,
            day,
            s.acting_for.as_deref(),
            &others,
        )
        .is_ok()
        {
            taken.push(a.to_string());
        } else {
            unassigned.push(i);
        }
    }
    if unassigned.is_empty() {
        return;
    }
    let others: Vec<&str> = taken.iter().map(String::as_str).collect();
    let candidates = beslut_candidates(rules, wf, day, &others);
    let mut next = candidates.iter();
    for i in unassigned {
        let s = &mut wf.steps[i];
        s.acting_for = None;
        match next.next() {
            Some((p, _)) => {
                s.assignee = Some(p.clone());
                s.queue = None;
            }
            None => {
                s.assignee = None;
                s.queue = Some(policy.default_queue.clone());
            }
        }
    }
}

/// The steps after a kontering change (spec §4.3 DONE → OPEN): the same review steps with their
/// assignees, the flow's BESLUT steps rebuilt for the new kontering (assignees, and the second
/// signer the new amounts and codes require), all open again from the first. The flow is the
/// rule the invoice was routed by when the current rule set still has it, else the steps it has
/// with one BESLUT; an AUTO attest is not kept (its pre-approval covered the fixed kontering
/// only), so the invoice goes through people on the default steps.
pub(super) fn rebuild_steps(
    wf: &Workflow,
    rules: &RuleSet,
    day: NaiveDate,
    policy: &Policy,
) -> Vec<Step> {
    let auto = wf.steps.iter().any(|s| s.auto_rule.is_some());
    let by_rule = rules
        .flows
        .iter()
        .find(|r| wf.flow_rule.as_deref() == Some(r.label().as_str()))
        .and_then(|r| match &r.steg {
            Flow::Steps(k) => Some(k.clone()),
            Flow::Auto => None,
        });
    let kinds: Vec<StepKind> = match by_rule {
        _ if auto => policy.default_steps.clone(),
        Some(k) => k,
        None => {
            let mut k: Vec<StepKind> = wf
                .steps
                .iter()
                .filter(|s| s.kind != StepKind::Beslut)
                .map(|s| s.kind)
                .collect();
            k.push(StepKind::Beslut);
            k
        }
    };
    let mut steps = Vec::new();
    let mut counts: HashMap<StepKind, usize> = HashMap::new();
    for kind in &kinds {
        let n = counts.entry(*kind).or_insert(0);
        *n += 1;
        let mut s = new_step(steps.len(), *kind, *n, wf.revision);
        if *kind != StepKind::Beslut {
            let old = wf
                .steps
                .iter()
                .find(|o| o.label == s.label && o.auto_rule.is_none());
            match old {
                Some(o) => {
                    s.assignee = o.assignee.clone();
                    s.queue = o.queue.clone();
                    s.acting_for = o.acting_for.clone().filter(|_| o.state != StepState::Done);
                    s.escalated_at = o.escalated_at;
                }
                None => s.queue = Some(policy.default_queue.clone()),
            }
            if s.assignee.is_none() && s.queue.is_none() {
                s.queue = Some(policy.default_queue.clone());
            }
        }
        steps.push(s);
    }
    assign_beslut(&mut steps, wf, rules, day, policy);
    steps
}

/// How many more distinct BESLUT signers `wf` needs before it may be attested, judged from its
/// DONE BESLUT steps under `rules` on the day each signed: one signer always, two when any
/// signer's grants (or their nämnd's ceiling) require a second ([`Authority`]). A signer who no
/// longer holds the right under `rules` does not count. 0 = enough.
pub fn beslut_signers_missing(rules: &RuleSet, wf: &Workflow) -> usize {
    let mut signers: Vec<&str> = Vec::new();
    let mut needed = 1;
    for s in wf
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::Beslut && s.state == StepState::Done)
    {
        let (Some(who), Some(at)) = (s.decided_by.as_deref(), s.decided_at) else {
            continue;
        };
        let Ok(a) = authorise(
            rules,
            who,
            StepKind::Beslut,
            wf,
            at.date_naive(),
            s.acting_for.as_deref(),
            true,
        ) else {
            continue;
        };
        if a.needs_second_signer {
            needed = 2;
        }
        if !signers.contains(&who) {
            signers.push(who);
        }
    }
    needed - signers.len().min(needed)
}

/// Adds the BESLUT steps `wf` still lacks ([`beslut_signers_missing`]) as open steps assigned to
/// further distinct candidates (or the ekonomienhet queue). Returns how many were added.
pub(super) fn add_missing_signers(
    wf: &mut Workflow,
    rules: &RuleSet,
    day: NaiveDate,
    policy: &Policy,
) -> usize {
    let missing = beslut_signers_missing(rules, wf);
    if missing == 0 {
        return 0;
    }
    let signers: Vec<String> = wf
        .steps
        .iter()
        .filter_map(|s| s.decided_by.clone())
        .collect();
    let signers: Vec<&str> = signers.iter().map(String::as_str).collect();
    let candidates = beslut_candidates(rules, wf, day, &signers);
    let mut next = candidates.iter();
    let mut n = wf
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::Beslut)
        .count();
    for _ in 0..missing {
        n += 1;
        let mut s = new_step(wf.steps.len(), StepKind::Beslut, n, wf.revision);
        s.state = StepState::Open;
        match next.next() {
            Some((p, _)) => s.assignee = Some(p.clone()),
            None => s.queue = Some(policy.default_queue.clone()),
        }
        wf.steps.push(s);
    }
    missing
}
