//! The approval (attest) engine: routing by the attestförteckning and decisions on steps.
//!
//! Every function here is a pure transition of (workflow, action, actor, time) to a new workflow
//! plus the audit events describing the change, or a typed refusal; none touches SQL (the store
//! loads and saves, in one transaction). Attest kinds are configurable steps (MOTTAGNING,
//! GRANSKNING, BESLUT) chosen by the first matching flow rule; rights, limits, duality and jäv
//! come from [`rights`]. Decisions follow the order of spec §4.2: step still open → content hash →
//! rights under the rule set the decider saw and the current one → duality and jäv → blocks →
//! offline age.

pub mod absence;
pub mod coding;
pub mod dispute;
pub mod fields;
mod model;
pub mod pending;
pub mod rights;

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

pub use coding::{CodingProblem, MOMSKODER, check_coding, may_recode, recodable};
pub use dispute::{Resolution, resolve};
pub use model::{
    CodingRow, Decision, Envelope, InvoiceState, Outcome, Reason, Step, StepKind, StepState,
    Workflow,
};
pub use rights::{Authority, authorise, coding_complete, jav};

use crate::audit::NewEvent;
use crate::facts::{DocumentKind, InvoiceFacts};
use crate::workbook::{DocFilter, Flow, FlowRule, RuleSet};

/// Tunable parameters of the engine (the kommun's payment run and offline policy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Days between the attest deadline and the due date (payment-run lead time).
    pub payment_lead_days: u32,
    /// Reminders and escalation start this many days before the attest deadline.
    pub remind_before_due_days: u32,
    /// Longest accepted gap between device time and receipt (offline decisions).
    pub max_offline_days: i64,
    /// How long a PENDING_PRECONDITION decision stays parked.
    pub pending_max_hours: i64,
    /// The ekonomienhet's group queue.
    pub default_queue: String,
    /// Steps when no flow rule matches.
    pub default_steps: Vec<StepKind>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            payment_lead_days: 3,
            remind_before_due_days: 5,
            max_offline_days: 7,
            pending_max_hours: 48,
            default_queue: "ekonomi".into(),
            default_steps: vec![StepKind::Granskning, StepKind::Beslut],
        }
    }
}

/// The attest deadline: due date minus the payment lead time.
pub fn attest_deadline(due: Option<NaiveDate>, policy: &Policy) -> Option<NaiveDate> {
    due.and_then(|d| d.checked_sub_days(chrono::Days::new(policy.payment_lead_days as u64)))
}

/// How urgent an open step is, from its attest deadline (see [`reminder`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reminder {
    /// The deadline is within the reminder window: this many days are left (0 = today).
    DueSoon(i64),
    /// The deadline passed this many days ago.
    Overdue(i64),
}

/// The reminder an open step with attest deadline `deadline` deserves on `today`: none while the
/// deadline is further away than `policy.remind_before_due_days`, the days left inside that
/// window, and the days late once it has passed. Escalation ([`escalate`]) uses the same window.
pub fn reminder(deadline: NaiveDate, today: NaiveDate, policy: &Policy) -> Option<Reminder> {
    let left = (deadline - today).num_days();
    if left < 0 {
        Some(Reminder::Overdue(-left))
    } else if left <= i64::from(policy.remind_before_due_days) {
        Some(Reminder::DueSoon(left))
    } else {
        None
    }
}

/// SHA-256 over the original document's hash, the amounts and the current kontering: what a
/// decider certifies. Any kontering change gives a new hash, so intents made before it are STALE.
pub fn content_hash(wf: &Workflow) -> String {
    let mut h = Sha256::new();
    h.update(wf.document_sha256.as_bytes());
    h.update(format!("|{}|{}|", wf.net_total.normalize(), wf.payable.normalize()).as_bytes());
    for c in &wf.coding {
        for part in [
            &c.konto,
            &c.ansvar,
            &c.verksamhet,
            &c.aktivitet,
            &c.projekt,
            &c.objekt,
            &c.motpart,
            &c.momskod,
        ] {
            h.update(part.len().to_string().as_bytes());
            h.update(b":");
            h.update(part.as_bytes());
        }
        h.update(format!("={};", c.amount.normalize()).as_bytes());
    }
    hex::encode(h.finalize())
}

/// The result of routing.
#[derive(Debug, Clone)]
pub struct Routed {
    /// The routed workflow.
    pub workflow: Workflow,
    /// Audit events.
    pub events: Vec<NewEvent>,
}

fn in_tolerance(rule: &FlowRule, amount: Decimal) -> bool {
    let Some(expected) = rule.forvantat_belopp else {
        return true;
    };
    let diff = (amount - expected).abs();
    let by_pct = rule
        .tolerans_pct
        .map(|p| expected.abs() * p / Decimal::from(100));
    let allowed = match (by_pct, rule.tolerans_sek) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => Decimal::ZERO,
    };
    diff <= allowed
}

/// Does flow rule `r` hit this invoice on `day`? Returns why not, for the log.
fn rule_hits(
    r: &FlowRule,
    f: &InvoiceFacts,
    day: NaiveDate,
    auto_counts: &HashMap<String, u32>,
) -> bool {
    if r.giltig_fran.is_some_and(|d| day < d) || r.giltig_till.is_some_and(|d| day > d) {
        return false;
    }
    let kind_ok = match r.dokumenttyp {
        DocFilter::Alla => true,
        DocFilter::Faktura => f.kind == DocumentKind::Invoice,
        DocFilter::Kredit => f.kind == DocumentKind::CreditNote,
    };
    let supplier_ok = r
        .leverantor_orgnr
        .as_deref()
        .is_none_or(|o| o == f.supplier_id);
    let ref_ok = r.referenskod.is_empty()
        || f.buyer_reference
            .as_deref()
            .is_some_and(|b| r.referenskod.matches(b));
    let order_ok = !r.orderref_kravs || f.order_ref.is_some();
    let contract_ok = r
        .kontrakt_id
        .as_deref()
        .is_none_or(|c| f.contract_ref.as_deref() == Some(c));
    let amount = f.net_total.abs();
    let range_ok =
        r.belopp_min.is_none_or(|m| amount >= m) && r.belopp_max.is_none_or(|m| amount <= m);
    let tol_ok = in_tolerance(r, amount);
    let count_ok = match (r.steg == Flow::Auto, r.max_per_manad) {
        (true, Some(max)) => auto_counts.get(&r.label()).copied().unwrap_or(0) < max,
        _ => true,
    };
    kind_ok && supplier_ok && ref_ok && order_ok && contract_ok && range_ok && tol_ok && count_ok
}

/// Kontering suggestion: the flow rule's template split by share, else the supplier's history
/// scaled to this invoice, else nothing. Rounding remainders go to the last row.
pub fn suggest_coding(
    net: Decimal,
    rules: &RuleSet,
    template: Option<&str>,
    history: Option<&[CodingRow]>,
) -> (Vec<CodingRow>, &'static str) {
    let split = |shares: Vec<(Decimal, CodingRow)>| -> Vec<CodingRow> {
        let mut rows: Vec<CodingRow> = shares
            .into_iter()
            .map(|(share, mut row)| {
                row.amount = (net * share).round_dp(2);
                row
            })
            .collect();
        let sum: Decimal = rows.iter().map(|r| r.amount).sum();
        if let Some(last) = rows.last_mut() {
            last.amount += net - sum;
        }
        rows
    };
    if let Some(id) = template {
        let rows: Vec<(Decimal, CodingRow)> = rules
            .templates
            .iter()
            .filter(|t| t.kf_id == id)
            .map(|t| {
                (
                    t.andel_pct / Decimal::from(100),
                    CodingRow {
                        amount: Decimal::ZERO,
                        konto: t.konto.clone(),
                        ansvar: t.ansvar.clone(),
                        verksamhet: t.verksamhet.clone(),
                        aktivitet: t.aktivitet.clone(),
                        projekt: t.projekt.clone(),
                        objekt: t.objekt.clone(),
                        motpart: t.motpart.clone(),
                        momskod: t.momskod.clone(),
                    },
                )
            })
            .collect();
        if !rows.is_empty() {
            return (split(rows), "template");
        }
    }
    if let Some(h) = history.filter(|h| !h.is_empty()) {
        let total: Decimal = h.iter().map(|r| r.amount).sum();
        if !total.is_zero() {
            let rows = h.iter().map(|r| (r.amount / total, r.clone())).collect();
            return (split(rows), "supplier-history");
        }
    }
    (Vec::new(), "none")
}

/// Candidates for a BESLUT step, best first: ordinary BESLUT grant holders authorised for the
/// whole kontering, lowest sufficient per-invoice limit first (attest hierarchy). A jävig
/// candidate is replaced by their nearest manager when the manager is authorised.
fn beslut_candidates(
    rules: &RuleSet,
    wf: &Workflow,
    day: NaiveDate,
    exclude: &[&str],
) -> Vec<(String, Authority)> {
    let mut people: Vec<&str> = rules
        .grants
        .iter()
        .filter(|g| g.attesttyp == StepKind::Beslut && g.grund == crate::workbook::Basis::Ordinarie)
        .map(|g| g.person_id.as_str())
        .collect();
    people.sort();
    people.dedup();
    let mut out: Vec<(String, Authority)> = Vec::new();
    for p in people {
        let mut person = p.to_string();
        if jav(rules, &person, wf, day, exclude).is_some() {
            match rules.manager_of(&person, day) {
                Some(chef) => person = chef.to_string(),
                None => continue,
            }
        }
        if exclude.contains(&person.as_str()) || out.iter().any(|(q, _)| *q == person) {
            continue;
        }
        if jav(rules, &person, wf, day, exclude).is_some() {
            continue;
        }
        if let Ok(a) = authorise(rules, &person, StepKind::Beslut, wf, day, None, true) {
            out.push((person, a));
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

fn new_step(seq: usize, kind: StepKind, n: usize, revision: i64) -> Step {
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
    }
}

/// Assigns BESLUT steps from the current kontering (and a second signer above the two-signer
/// limit), review steps to the rule's named reviewer or queue.
fn build_steps(
    kinds: &[StepKind],
    rule: Option<&FlowRule>,
    wf: &Workflow,
    rules: &RuleSet,
    day: NaiveDate,
    policy: &Policy,
) -> Vec<Step> {
    let reviewer = rule.and_then(|r| r.granskare_person_id.clone());
    let queue = rule
        .and_then(|r| r.ko.clone())
        .unwrap_or_else(|| policy.default_queue.clone());
    let excluded: Vec<&str> = reviewer.iter().map(String::as_str).collect();
    let candidates = if wf.coding.is_empty() {
        Vec::new()
    } else {
        beslut_candidates(rules, wf, day, &excluded)
    };
    let mut steps = Vec::new();
    let mut counts: HashMap<StepKind, usize> = HashMap::new();
    for kind in kinds {
        let n = counts.entry(*kind).or_insert(0);
        *n += 1;
        let mut s = new_step(steps.len(), *kind, *n, wf.revision);
        match kind {
            StepKind::Beslut => match candidates.first() {
                Some((p, _)) => s.assignee = Some(p.clone()),
                None => s.queue = Some(policy.default_queue.clone()),
            },
            _ => match &reviewer {
                Some(p) => s.assignee = Some(p.clone()),
                None => s.queue = Some(queue.clone()),
            },
        }
        steps.push(s);
    }
    // Two signers in union above the limit of the first decision attestant.
    if let Some((_, first)) = candidates.first()
        && let Some(limit) = first.two_signers_above
        && wf.net_total.abs() > limit
    {
        let mut s = new_step(steps.len(), StepKind::Beslut, 2, wf.revision);
        match candidates.get(1) {
            Some((p, _)) => s.assignee = Some(p.clone()),
            None => s.queue = Some(policy.default_queue.clone()),
        }
        steps.push(s);
    }
    steps
}

/// Routes a received invoice under `rules` (version `version`): first matching flow rule, kontering
/// suggestion, steps and assignees, or attest by an AUTO rule's pre-approver when they hold the
/// right and the invoice matches within tolerance. `auto_counts` are this month's auto-attests
/// per rule label; `history` the supplier's last attested kontering.
#[allow(clippy::too_many_arguments)]
pub fn route(
    wf: &Workflow,
    facts: &InvoiceFacts,
    rules: &RuleSet,
    version: i64,
    history: Option<&[CodingRow]>,
    auto_counts: &HashMap<String, u32>,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Routed {
    let day = now.date_naive();
    let mut new = wf.clone();
    new.revision += 1;
    new.ruleset_version = Some(version);
    let rule = rules
        .flows
        .iter()
        .find(|r| rule_hits(r, facts, day, auto_counts));
    if new.coding.is_empty() {
        let (coding, _) = suggest_coding(
            wf.net_total,
            rules,
            rule.and_then(|r| r.konteringsforslag_id.as_deref()),
            history,
        );
        new.coding = coding;
    }
    let mut events = Vec::new();
    let mut ev = NewEvent::new("invoice.routed", Some(wf.invoice_id), "system");
    ev.ruleset_version = Some(version);
    let mut auto_refused = None;
    match rule {
        Some(r) if r.steg == Flow::Auto => {
            let approver = r.auto_attest_av_person_id.clone().unwrap_or_default();
            let check = authorise(rules, &approver, StepKind::Beslut, &new, day, None, true)
                .and_then(|a| match jav(rules, &approver, &new, day, &[]) {
                    Some(j) => Err(j),
                    None => Ok(a),
                });
            match check {
                Ok(_) => {
                    let mut s = new_step(0, StepKind::Beslut, 1, new.revision);
                    s.state = StepState::Done;
                    s.assignee = Some(approver.clone());
                    s.decided_by = Some(approver.clone());
                    s.decided_at = Some(now);
                    s.decision_id = Some(format!("auto:v{version}:prio{}", r.prio));
                    s.auto_rule = Some(r.label());
                    new.steps = vec![s];
                    new.state = InvoiceState::Attested;
                    new.flow_rule = Some(r.label());
                }
                Err(reason) => {
                    auto_refused = Some(reason.text.clone());
                    new.steps =
                        build_steps(&policy.default_steps, Some(r), &new, rules, day, policy);
                    new.state = InvoiceState::InApproval;
                    new.flow_rule = Some(r.label());
                }
            }
        }
        Some(r) => {
            let kinds = match &r.steg {
                Flow::Steps(k) => k.clone(),
                Flow::Auto => policy.default_steps.clone(),
            };
            new.steps = build_steps(&kinds, Some(r), &new, rules, day, policy);
            new.state = InvoiceState::InApproval;
            new.flow_rule = Some(r.label());
        }
        None => {
            new.steps = build_steps(&policy.default_steps, None, &new, rules, day, policy);
            new.state = InvoiceState::Unrouted;
            new.flow_rule = None;
        }
    }
    ev.outcome = Some(new.state.as_str().into());
    ev.content_hash = Some(content_hash(&new));
    ev.reason = auto_refused.map(|r| format!("auto-refused: {r}"));
    let steps: Vec<serde_json::Value> = new
        .steps
        .iter()
        .map(|s| serde_json::json!({"step": s.label, "assignee": s.assignee, "queue": s.queue, "state": s.state.as_str()}))
        .collect();
    ev.detail = serde_json::json!({"flow_rule": new.flow_rule, "kontering_rows": new.coding.len(), "steps": steps}).to_string();
    events.push(ev);
    if new.state == InvoiceState::Attested {
        let mut a = NewEvent::new(
            "invoice.attested",
            Some(wf.invoice_id),
            new.steps[0].decided_by.as_deref().unwrap_or(""),
        );
        a.ruleset_version = Some(version);
        a.outcome = Some("attested-by-rule".into());
        a.reason = new.flow_rule.clone();
        a.content_hash = Some(content_hash(&new));
        events.push(a);
    }
    Routed {
        workflow: new,
        events,
    }
}

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
    let mut ev = NewEvent::new("decision", Some(wf.invoice_id), &env.actor_id);
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
            Reason::new("no-such-step", format!("no step {}", env.step)),
        );
    };
    let step = &wf.steps[idx];
    // 2. Step still open?
    match step.state {
        StepState::Done | StepState::Rejected => {
            let by = step.decision_id.clone().unwrap_or_default();
            let reason = Reason::new(
                "superseded",
                format!(
                    "{} was already decided by {} ({by})",
                    step.label,
                    step.decided_by.as_deref().unwrap_or("?")
                ),
            );
            let mut verdict = refuse(wf, env, v, Outcome::Superseded, reason);
            // Asymmetric safety: an objection that lost against an attest is never dropped.
            if step.state == StepState::Done
                && env.decision != Decision::Attest
                && !wf.payment_block
            {
                let mut new = wf.clone();
                new.payment_block = true;
                new.revision += 1;
                let mut ev = NewEvent::new("invoice.payment-block", Some(wf.invoice_id), "system");
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
                "content-changed",
                "the invoice or its kontering changed: decide again",
            );
            return refuse(wf, env, v, Outcome::Stale, reason);
        }
        StepState::Waiting => {
            let reason = Reason::new(
                "precondition",
                format!("an earlier step than {} is not attested yet", step.label),
            );
            return refuse(wf, env, v, Outcome::PendingPrecondition, reason);
        }
        StepState::Open => {}
    }
    if env.base_revision < step.revision {
        let reason = Reason::new(
            "step-changed",
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
                "content-changed",
                "the invoice or its kontering changed: decide again",
            ),
        );
    }
    // 4. Rights under the rule set seen and the current one; ersättare window.
    let day = now.date_naive();
    let check_limits = env.decision == Decision::Attest;
    let named_reviewer =
        step.kind != StepKind::Beslut && step.assignee.as_deref() == Some(env.actor_id.as_str());
    let mut authority = None;
    if !named_reviewer {
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
    }
    if let Some(absent) = &env.acting_for {
        let from = env
            .last_server_sync_time
            .date_naive()
            .min(env.device_time.date_naive());
        let covered = current.absences.iter().any(|a| {
            &a.person_id == absent
                && a.ersattare_person_id == env.actor_id
                && a.fran <= from
                && day <= a.till
                && (a.omfattning.is_empty()
                    || wf.coding.iter().all(|c| a.omfattning.matches(&c.ansvar)))
        });
        if !covered {
            let reason = Reason::new(
                "substitute-outside-absence",
                format!(
                    "{} is not registered as ersättare for {absent} over {from}..{day}",
                    env.actor_id
                ),
            );
            return refuse(wf, env, v, Outcome::RejectedRule, reason);
        }
    }
    if env.decision == Decision::Attest {
        // 5. Duality and jäv.
        let signers: Vec<&str> = wf
            .steps
            .iter()
            .filter(|s| s.state == StepState::Done && s.seq != step.seq)
            .filter_map(|s| s.decided_by.as_deref())
            .collect();
        let twice_beslut = wf.steps.iter().any(|s| {
            s.state == StepState::Done
                && s.kind == StepKind::Beslut
                && step.kind == StepKind::Beslut
                && s.decided_by.as_deref() == Some(env.actor_id.as_str())
        });
        if signers.contains(&env.actor_id.as_str()) {
            let exception = authority
                .as_ref()
                .and_then(|a| a.dual_exception_under)
                .is_some_and(|under| wf.net_total.abs() < under);
            if twice_beslut || !exception {
                let reason = Reason::new(
                    "duality",
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
    // 6. Blocks.
    if matches!(wf.state, InvoiceState::Rejected | InvoiceState::Disputed)
        || (wf.payment_block && env.decision == Decision::Attest)
    {
        let reason = Reason::new(
            "blocked",
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
            "expired",
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
                let mut void = NewEvent::new("step.voided", Some(wf.invoice_id), &env.actor_id);
                void.outcome = Some("VOIDED_BY_RETURN".into());
                void.detail = serde_json::json!({"step": prev.label, "was_attested_by": prev.decided_by, "at": prev.decided_at.map(|t| t.to_rfc3339()), "decision_id": prev.decision_id}).to_string();
                events.push(void);
                prev.state = StepState::Open;
                prev.decided_by = None;
                prev.acting_for = None;
                prev.decided_at = None;
                prev.decision_id = None;
                prev.revision = rev;
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
        }
        Decision::Dispute => {
            new.state = InvoiceState::Disputed;
            new.payment_block = true;
        }
    }
    let reason = Reason::new(
        "ok",
        format!("{} {} by {}", step.label, env.decision, env.actor_id),
    );
    let mut ev = decision_event(wf, env, v, Outcome::Accepted, &reason);
    ev.content_hash = Some(current_hash);
    events.insert(0, ev);
    if new.state != wf.state {
        let mut st = NewEvent::new(
            &format!("invoice.{}", new.state),
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

/// Replaces the kontering: attests already given are voided (VOIDED_BY_CHANGE, recorded in the
/// log with who signed when), the flow restarts from its first step and BESLUT is re-assigned.
pub fn recode(
    wf: &Workflow,
    rows: Vec<CodingRow>,
    actor: &str,
    rules: &RuleSet,
    now: DateTime<Utc>,
) -> (Workflow, Vec<NewEvent>) {
    let mut new = wf.clone();
    new.revision += 1;
    let rev = new.revision;
    new.coding = rows;
    let mut events = Vec::new();
    let mut ev = NewEvent::new("kontering.changed", Some(wf.invoice_id), actor);
    ev.content_hash = Some(content_hash(&new));
    ev.detail = serde_json::json!({"rows_before": wf.coding.len(), "rows_after": new.coding.len(),
        "net_before": wf.coding.iter().map(|c| c.amount).sum::<Decimal>().to_string()})
    .to_string();
    events.push(ev);
    let day = now.date_naive();
    let reviewer: Vec<String> = new
        .steps
        .iter()
        .filter(|s| s.kind != StepKind::Beslut)
        .filter_map(|s| s.assignee.clone())
        .collect();
    let excluded: Vec<&str> = reviewer.iter().map(String::as_str).collect();
    let candidates = beslut_candidates(rules, &new, day, &excluded);
    let mut beslut_n = 0;
    for (i, s) in new.steps.iter_mut().enumerate() {
        if s.state == StepState::Done && s.auto_rule.is_none() {
            let mut void = NewEvent::new("step.voided", Some(wf.invoice_id), actor);
            void.outcome = Some("VOIDED_BY_CHANGE".into());
            void.detail = serde_json::json!({"step": s.label, "was_attested_by": s.decided_by, "at": s.decided_at.map(|t| t.to_rfc3339()), "decision_id": s.decision_id}).to_string();
            events.push(void);
        }
        if s.auto_rule.is_some() {
            continue;
        }
        s.state = if i == 0 {
            StepState::Open
        } else {
            StepState::Waiting
        };
        s.decided_by = None;
        s.acting_for = None;
        s.decided_at = None;
        s.decision_id = None;
        s.revision = rev;
        if s.kind == StepKind::Beslut {
            if let Some((p, _)) = candidates.get(beslut_n) {
                s.assignee = Some(p.clone());
                s.queue = None;
            }
            beslut_n += 1;
        }
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
                &format!("invoice.{}", new.state),
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

/// Escalation of open steps near or past the attest deadline: the assignee's nearest manager if
/// they are authorised (escalation never grants rights), else the ekonomienhet queue. Returns
/// `None` when nothing changes.
pub fn escalate(
    wf: &Workflow,
    rules: &RuleSet,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Option<(Workflow, Vec<NewEvent>)> {
    let day = now.date_naive();
    let deadline = attest_deadline(wf.due_date, policy)?;
    // Escalation starts where reminders do: inside the window or past the deadline.
    reminder(deadline, day, policy)?;
    let mut new = wf.clone();
    let mut events = Vec::new();
    for s in new.steps.iter_mut().filter(|s| s.state == StepState::Open) {
        let Some(current) = s.assignee.clone() else {
            continue;
        };
        let manager = rules
            .manager_of(&current, day)
            .filter(|m| authorise(rules, m, s.kind, wf, day, None, true).is_ok())
            .map(str::to_string);
        let (to, queue) = match manager {
            Some(m) => (Some(m), None),
            None => (None, Some(policy.default_queue.clone())),
        };
        let mut ev = NewEvent::new("step.escalated", Some(wf.invoice_id), "system");
        ev.outcome = Some("escalated".into());
        ev.reason = Some(format!(
            "attest deadline {deadline}, {} days left",
            (deadline - day).num_days()
        ));
        ev.detail = serde_json::json!({"step": s.label, "from": current, "to": to, "queue": queue})
            .to_string();
        events.push(ev);
        s.assignee = to;
        s.queue = queue;
    }
    if events.is_empty() {
        return None;
    }
    new.revision += 1;
    let _ = day.year();
    Some((new, events))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminders_follow_the_deadline_window() {
        let policy = Policy {
            remind_before_due_days: 3,
            ..Policy::default()
        };
        let deadline = NaiveDate::from_ymd_opt(2026, 12, 16).unwrap_or_default();
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap_or_default();
        let cases = [
            (day(1), None),
            (day(12), None),
            (day(13), Some(Reminder::DueSoon(3))),
            (day(16), Some(Reminder::DueSoon(0))),
            (day(18), Some(Reminder::Overdue(2))),
        ];
        for (today, expected) in cases {
            assert_eq!(reminder(deadline, today, &policy), expected, "{today}");
        }
    }
}
