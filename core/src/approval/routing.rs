//! Routing a received invoice: the first matching flow rule, a kontering suggestion, and the
//! steps with their assignees (or attest by an AUTO rule's pre-approver).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use super::content_hash;
use super::model::*;
use super::policy::Policy;
use super::rights::eligible;
use super::ruleset::{DocFilter, Flow, FlowRule, RuleSet};
use super::steps::{build_steps, new_step};
use crate::audit::NewEvent;
use crate::facts::{DocumentKind, InvoiceFacts};

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
    let mut ev = NewEvent::new(
        crate::audit::AuditKind::InvoiceRouted,
        Some(wf.invoice_id),
        "system",
    );
    ev.ruleset_version = Some(version);
    let mut auto_refused = None;
    // The rule's named reviewer and queue choose among those who hold the right.
    let steps_for = |kinds: &[StepKind], r: &FlowRule, wf: &Workflow| {
        let queue = r.ko.clone().unwrap_or_else(|| policy.default_queue.clone());
        build_steps(
            kinds,
            r.granskare_person_id.as_deref(),
            &queue,
            wf,
            rules,
            day,
            policy,
        )
    };
    match rule {
        Some(r) if r.steg == Flow::Auto => {
            let approver = r.auto_attest_av_person_id.clone().unwrap_or_default();
            // The pre-approver is the attestant of record: the same right, limit and jäv tests
            // as a person, and never alone where two signers are required.
            let check = eligible(rules, &approver, StepKind::Beslut, &new, day, None, &[])
                .and_then(|a| {
                    if a.needs_second_signer {
                        Err(Reason::new(
                            ReasonCode::TwoSigners,
                            format!("{approver} may not sign this amount alone"),
                        ))
                    } else {
                        Ok(a)
                    }
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
                    new.steps = steps_for(&policy.default_steps, r, &new);
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
            new.steps = steps_for(&kinds, r, &new);
            new.state = InvoiceState::InApproval;
            new.flow_rule = Some(r.label());
        }
        None => {
            new.steps = build_steps(
                &policy.default_steps,
                None,
                &policy.default_queue,
                &new,
                rules,
                day,
                policy,
            );
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
            crate::audit::AuditKind::InvoiceState(InvoiceState::Attested),
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
