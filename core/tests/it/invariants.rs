//! Property tests of the approval invariants ([`check_invariants`]) under random sequences of
//! decisions, kontering changes, escalations and resolutions:
//! * `engine_invariants_hold`: 10 000 generated workbooks ([`crate::scenario`]) played on the
//!   pure engine, the invariants checked after every action;
//! * `approval_invariants_hold`: the sample workbook through the store, where also every state
//!   change has an audit event and no decision is applied twice (a replayed decision id changes
//!   nothing).

use chrono::{DateTime, NaiveDate, Utc};
use digilyft_core::approval::{
    self, Decision, InvoiceState, Outcome, Parked, Policy, Resolution, Step, StepKind, StepState,
    Workflow,
};
use digilyft_core::clock::Clock;
use digilyft_core::store::Store;
use digilyft_core::workbook::sample::{CONSULTANCY, HOME_CARE, OFFICE};
use digilyft_core::workbook::{AmountBasis, Basis, ConflictKind, Grant, RuleSet};
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::common::*;
use crate::scenario::{self, Engine, bill, workbook};

const PEOPLE: [&str; 10] = [
    "u100", "u200", "u210", "u220", "u230", "u240", "u300", "u310", "u320", "u999",
];

#[derive(Debug, Clone)]
enum Action {
    Decide {
        invoice: usize,
        step: usize,
        decision: u8,
        actor: usize,
        as_substitute: bool,
        replay: bool,
    },
    Recode {
        invoice: usize,
        split: bool,
    },
    Resolve {
        invoice: usize,
        actor: usize,
        resume: bool,
    },
    Wait {
        hours: u8,
    },
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        8 => (0..5usize, 0..4usize, 0..20u8, 0..PEOPLE.len() * 2, any::<bool>(), any::<bool>()).prop_map(
            |(invoice, step, decision, actor, as_substitute, replay)| Action::Decide { invoice, step, decision, actor, as_substitute, replay }
        ),
        1 => (0..5usize, any::<bool>()).prop_map(|(invoice, split)| Action::Recode { invoice, split }),
        2 => (0..5usize, 0..PEOPLE.len() * 2, any::<bool>()).prop_map(|(invoice, actor, resume)| Action::Resolve { invoice, actor, resume }),
        1 => (1..72u8).prop_map(|hours| Action::Wait { hours }),
    ]
}

/// What the oracle's own reading of `Attesträtt` says about a signer (independent of the
/// engine's `authorise`, for the subset of columns the generated workbooks use: ansvar, limits,
/// amount basis, two-signer threshold and nämnd ceiling, duality exception, ersättare).
struct Held {
    /// A second BESLUT signer is required.
    two: bool,
    /// Review and decide by one person allowed.
    dual: bool,
}

/// The amount `a` in `basis`: INKL_MOMS scales by BT-115 / BT-109.
fn in_basis(a: Decimal, basis: AmountBasis, wf: &Workflow) -> Decimal {
    match basis {
        AmountBasis::InklMoms if !wf.net_total.is_zero() => {
            (a.abs() * wf.payable.abs() / wf.net_total.abs()).round_dp(2)
        }
        _ => a.abs(),
    }
}

/// May `who` have signed a step of `kind` on `wf` on `on`, per the spec read directly: for every
/// kontering row a valid grant of that kind whose ansvar matches and whose per-row limit (in its
/// basis) covers the row, and a used grant whose per-invoice limit covers the invoice.
fn held(
    rules: &RuleSet,
    who: &str,
    kind: StepKind,
    wf: &Workflow,
    on: NaiveDate,
    acting_for: Option<&str>,
) -> Result<Held, String> {
    let mine: Vec<&Grant> = rules
        .grants
        .iter()
        .filter(|g| g.person_id == who && g.attesttyp == kind && g.valid_on(on))
        .filter(|g| g.grund == Basis::Ordinarie || g.ersatter_person_id.as_deref() == acting_for)
        .collect();
    if wf.coding.is_empty() && kind != StepKind::Mottagning {
        return Err("no kontering to certify".into());
    }
    let mut used: Vec<&Grant> = Vec::new();
    for r in &wf.coding {
        let g = mine
            .iter()
            .filter(|g| g.ansvar.matches(&r.ansvar))
            .filter(|g| in_basis(r.amount, g.belopp_bas, wf) <= g.grans_per_rad)
            .max_by_key(|g| g.grans_per_faktura)
            .ok_or_else(|| format!("no {kind} grant covers row {} {}", r.ansvar, r.amount))?;
        used.push(g);
    }
    if used.is_empty() {
        used = mine.clone();
    }
    if !used
        .iter()
        .any(|g| in_basis(wf.net_total, g.belopp_bas, wf) <= g.grans_per_faktura)
    {
        return Err(format!("{} is above every per-invoice limit", wf.net_total));
    }
    let two = kind == StepKind::Beslut
        && used.iter().any(|g| {
            let ceiling = rules
                .namnder
                .iter()
                .find(|n| n.namnd == g.namnd)
                .and_then(|n| n.tak_tva_i_forening);
            let amount = in_basis(wf.net_total, g.belopp_bas, wf);
            (g.tva_i_forening_over > Decimal::ZERO && amount > g.tva_i_forening_over)
                || ceiling.is_some_and(|c| amount > c)
        });
    let dual = used.iter().all(|g| {
        g.far_granska_och_besluta_under > Decimal::ZERO
            && in_basis(wf.net_total, g.belopp_bas, wf) < g.far_granska_och_besluta_under
    });
    Ok(Held { two, dual })
}

/// Is `who` jävig for `wf` on `on`, per the spec read directly: a Jäv row for its supplier, or
/// ÖVERORDNAD_KOSTNAD while the närmaste chef signed before or is jävig for the supplier.
fn javig(rules: &RuleSet, who: &str, wf: &Workflow, on: NaiveDate, before: &[&str]) -> bool {
    let for_supplier = |p: &str| {
        rules.conflicts.iter().any(|c| {
            c.person_id == p
                && c.valid_on(on)
                && c.leverantor_orgnr.as_deref() == Some(&wf.supplier_id)
        })
    };
    let superior_rule = rules.conflicts.iter().any(|c| {
        c.person_id == who
            && c.typ == ConflictKind::OverordnadKostnad
            && c.leverantor_orgnr.is_none()
            && c.valid_on(on)
    });
    for_supplier(who)
        || (superior_rule
            && rules
                .manager_of(who, on)
                .is_some_and(|chef| before.contains(&chef) || for_supplier(chef)))
}

/// Every invariant of the approval module on one workflow under `rules` (the rule set in
/// force), with the intents still parked on it: `Err` names the first one broken.
/// * no step DONE by someone without the right under `rules` on the day they signed (a grant
///   of the step's kind for every row's codes within every limit; as ersättare only inside a
///   registered absence) — being named in a flow rule, assigned or escalated to is no right;
/// * no jävig signer (judged against the signers before them);
/// * nobody signs two steps, except review + decision under the duality exception;
/// * no invoice attested without a BESLUT signer, and two distinct ones when a signer's grant
///   (or nämnd) requires a second;
/// * no open or waiting step on a rejected invoice;
/// * the parked intents are a fixed point: each would still be parked if judged now.
pub fn check_invariants(
    rules: &RuleSet,
    wf: &Workflow,
    parked: &[Parked],
    now: DateTime<Utc>,
    policy: &Policy,
) -> Result<(), String> {
    let id = wf.invoice_id;
    let mut done: Vec<&Step> = wf
        .steps
        .iter()
        .filter(|s| s.state == StepState::Done)
        .collect();
    done.sort_by_key(|s| (s.decided_at, s.seq));
    let mut beslut: Vec<&str> = Vec::new();
    let mut second_needed = false;
    for (i, s) in done.iter().enumerate() {
        let who = s.decided_by.as_deref().ok_or("done step without signer")?;
        let on = s.decided_at.ok_or("done step without time")?.date_naive();
        let authority = held(rules, who, s.kind, wf, on, s.acting_for.as_deref()).map_err(|r| {
            format!(
                "invoice {id}: {who} signed {} without the right: {r}",
                s.label
            )
        })?;
        if let Some(absent) = &s.acting_for {
            let covered = rules.absences.iter().any(|a| {
                &a.person_id == absent
                    && a.ersattare_person_id == who
                    && a.fran <= on
                    && on <= a.till
            });
            if !covered {
                return Err(format!(
                    "invoice {id}: {who} signed {} for {absent} outside an absence",
                    s.label
                ));
            }
        }
        let earlier: Vec<&str> = done[..i]
            .iter()
            .filter_map(|e| e.decided_by.as_deref())
            .collect();
        if javig(rules, who, wf, on, &earlier) {
            return Err(format!("invoice {id}: jävig {who} signed {}", s.label));
        }
        for e in &done[..i] {
            if e.decided_by.as_deref() == Some(who)
                && (s.kind == StepKind::Beslut && e.kind == StepKind::Beslut || !authority.dual)
            {
                return Err(format!(
                    "invoice {id}: {who} signed {} and {}",
                    e.label, s.label
                ));
            }
        }
        if s.kind == StepKind::Beslut {
            second_needed |= authority.two;
            if !beslut.contains(&who) {
                beslut.push(who);
            }
        }
    }
    // Open or waiting BESLUT steps go to distinct people who hold the right for the current
    // kontering and are not jävig (or to a queue): assignment never outlives a kontering change.
    let mut assignees: Vec<&str> = Vec::new();
    for s in wf.steps.iter().filter(|s| {
        s.kind == StepKind::Beslut && matches!(s.state, StepState::Open | StepState::Waiting)
    }) {
        let Some(a) = s.assignee.as_deref() else {
            continue;
        };
        let today = now.date_naive();
        if let Err(r) = held(rules, a, s.kind, wf, today, s.acting_for.as_deref()) {
            return Err(format!(
                "invoice {id}: {} assigned to {a} who may not sign it: {r}",
                s.label
            ));
        }
        if javig(rules, a, wf, today, &[]) {
            return Err(format!("invoice {id}: {} assigned to jävig {a}", s.label));
        }
        if assignees.contains(&a) {
            return Err(format!("invoice {id}: two BESLUT steps assigned to {a}"));
        }
        assignees.push(a);
    }
    match wf.state {
        InvoiceState::Attested => {
            if done.len() != wf.steps.len() {
                return Err(format!(
                    "invoice {id} attested with steps not done: {:?}",
                    wf.steps
                ));
            }
            let needed = if second_needed { 2 } else { 1 };
            if beslut.len() < needed {
                return Err(format!(
                    "invoice {id} attested by {beslut:?}, {needed} beslutsattestanter needed"
                ));
            }
        }
        InvoiceState::Rejected => {
            if let Some(s) = wf
                .steps
                .iter()
                .find(|s| matches!(s.state, StepState::Open | StepState::Waiting))
            {
                return Err(format!(
                    "invoice {id} rejected with step {} {}",
                    s.label, s.state
                ));
            }
        }
        _ => {}
    }
    for p in parked {
        let v = approval::decide(wf, &p.envelope, &p.seen, rules, 1, now, policy);
        if v.outcome != Outcome::PendingPrecondition {
            return Err(format!(
                "invoice {id}: parked {} on {} would now be {} ({}): not a fixed point",
                p.envelope.decision_id, p.envelope.step, v.outcome, v.reason.text
            ));
        }
    }
    Ok(())
}

fn check_attested(store: &Store, id: i64) -> Result<(), String> {
    let d = store.invoice_detail(id).map_err(|e| e.to_string())?;
    let Some(v) = d.workflow.ruleset_version else {
        return Ok(());
    };
    let rules = store.ruleset(v).map_err(|e| e.to_string())?.rules;
    check_invariants(&rules, &d.workflow, &[], clock().now(), store.policy())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn approval_invariants_hold(actions in proptest::collection::vec(action(), 10..60)) {
        let clock = clock();
        let mut store = store_with_rules(&clock);
        let ids = vec![
            import(&mut store, &invoice(OFFICE, "Kontorsvaror i Norr AB", "P-1", "4110", &[3000]), &clock),
            import(&mut store, &invoice(HOME_CARE, "Omsorgspartner AB", "P-2", "4110", &[20_000]), &clock),
            import(&mut store, &invoice(CONSULTANCY, "Konsultgruppen Mitt AB", "P-3", "4210", &[450_000]), &clock),
            import(&mut store, &invoice(OFFICE, "Kontorsvaror i Norr AB", "P-4", "1100", &[1500]), &clock),
            import(&mut store, &invoice(OFFICE, "Kontorsvaror i Norr AB", "P-5", "9999", &[800]), &clock),
        ];
        let mut seen = Vec::new();
        for a in actions {
            match a {
                Action::Wait { hours } => clock.advance(hours as i64 * 3600),
                Action::Recode { invoice, split } => {
                    let id = ids[invoice];
                    let mut rows = store.invoice_detail(id).expect("d").workflow.coding;
                    if split && rows.len() == 1 {
                        let mut second = rows[0].clone();
                        let half = (rows[0].amount / rust_decimal::Decimal::from(2)).round_dp(2);
                        second.amount = rows[0].amount - half;
                        rows[0].amount = half;
                        second.konto = "4620".into();
                        rows.push(second);
                    }
                    let before = store.invoice_summary(id).expect("s").state;
                    let events = store.audit_events().expect("a").len();
                    let unchanged = rows == store.invoice_detail(id).expect("d").workflow.coding;
                    if let Err(refused) = store.set_kontering(id, rows, "u230", &clock) {
                        // A refused kontering (closed invoice, rows that do not carry BT-109)
                        // changes nothing at all.
                        prop_assert_eq!(store.audit_events().expect("a").len(), events, "{}", refused);
                        prop_assert_eq!(store.invoice_summary(id).expect("s").state, before);
                        continue;
                    }
                    let after = store.invoice_summary(id).expect("s").state;
                    if unchanged {
                        // The same rows again: a no-op (issue 14, finding 8).
                        prop_assert_eq!(store.audit_events().expect("a").len(), events);
                        prop_assert_eq!(after, before);
                        continue;
                    }
                    prop_assert!(store.audit_events().expect("a").len() > events);
                    if before != after {
                        let d = store.invoice_detail(id).expect("d");
                        prop_assert!(d.audit.iter().any(|e| e.event.outcome.as_deref() == Some(after.as_str())), "state change {before} -> {after} without audit event");
                    }
                }
                Action::Resolve { invoice, actor, resume } => {
                    let id = ids[invoice];
                    let before = store.invoice_summary(id).expect("s").state;
                    let events = store.audit_events().expect("a").len();
                    let resolution = if resume { Resolution::Resume } else { Resolution::Reject };
                    // Half of the time the person who handles disputes on most invoices (u230).
                    let who = PEOPLE.get(actor).copied().unwrap_or("u230");
                    match store.resolve(id, who, resolution, "svar från leverantören", &clock) {
                        Ok(wf) => {
                            prop_assert!(before == InvoiceState::Disputed || store.invoice_detail(id).expect("d").audit.iter().any(|e| e.event.kind == "invoice.payment-block"), "resolved an invoice that was neither disputed nor blocked");
                            prop_assert!(store.audit_events().expect("a").len() > events, "resolution without audit event");
                            let d = store.invoice_detail(id).expect("d");
                            prop_assert!(d.audit.iter().any(|e| e.event.kind == "invoice.resolved" && e.event.outcome.as_deref() == Some(wf.state.as_str())));
                        }
                        Err(_) => {
                            prop_assert_eq!(store.audit_events().expect("a").len(), events, "a refused resolution wrote to the log");
                            prop_assert_eq!(store.invoice_summary(id).expect("s").state, before);
                        }
                    }
                }
                Action::Decide { invoice, step, decision, actor, as_substitute, replay } => {
                    let id = ids[invoice];
                    let d = store.invoice_detail(id).expect("d");
                    // Half of the time the step that is open now, else any step.
                    let open = d.workflow.steps.iter().find(|s| s.state == StepState::Open);
                    let chosen = if step >= 2 { open } else { d.workflow.steps.get(step) };
                    let Some(label) = chosen.map(|s| s.label.clone()) else { continue };
                    // Half of the time the assignee acts (or the ersättare of an absent one).
                    let assignee = chosen.and_then(|s| s.assignee.clone());
                    let actor_id: String = match (actor >= PEOPLE.len(), assignee.as_deref()) {
                        (true, Some("u210")) if as_substitute => "u240".into(),
                        (true, Some(a)) => a.into(),
                        _ => PEOPLE[actor % PEOPLE.len()].into(),
                    };
                    let decision = match decision { 0 => Decision::Return, 1 => Decision::Reject, 2 if invoice == 4 => Decision::Dispute, 3 => Decision::Dispute, _ => Decision::Attest };
                    let acting_for = (as_substitute && actor_id == "u240").then_some("u210");
                    let mut env = envelope(&store, id, &label, decision, &actor_id, acting_for, &clock);
                    if replay && !seen.is_empty() {
                        let (old_env, old_outcome): &(digilyft_core::approval::Envelope, Outcome) = &seen[seen.len() - 1];
                        let events = store.audit_events().expect("a").len();
                        let r = store.decide(old_env, &clock).expect("replay");
                        prop_assert!(r.replay);
                        prop_assert_eq!(r.outcome, *old_outcome);
                        prop_assert_eq!(store.audit_events().expect("a").len(), events, "a replay wrote to the log");
                        continue;
                    }
                    env.decision_id = format!("d{}", seen.len());
                    let before = store.invoice_summary(id).expect("s").state;
                    let events = store.audit_events().expect("a").len();
                    match store.decide(&env, &clock) {
                        Ok(r) => {
                            prop_assert!(!r.replay);
                            prop_assert!(store.audit_events().expect("a").len() > events, "decision without audit event");
                            let after = store.invoice_summary(id).expect("s").state;
                            if before != after {
                                let d = store.invoice_detail(id).expect("d");
                                prop_assert!(d.audit.iter().any(|e| e.event.outcome.as_deref() == Some(after.as_str())), "state change {before} -> {after} without audit event");
                            }
                            seen.push((env, r.outcome));
                        }
                        Err(_) => {
                            // Bad input (unknown user): nothing may change.
                            prop_assert_eq!(actor_id.as_str(), "u999");
                            prop_assert_eq!(store.audit_events().expect("a").len(), events);
                        }
                    }
                }
            }
            for id in &ids {
                if let Err(e) = check_attested(&store, *id) {
                    prop_assert!(false, "{}", e);
                }
            }
        }
        // Every decision id that closed a step closed exactly one.
        let mut closing = Vec::new();
        for id in &ids {
            for s in store.invoice_detail(*id).expect("d").workflow.steps {
                if let Some(d) = s.decision_id { closing.push(d); }
            }
        }
        let n = closing.len();
        closing.sort();
        closing.dedup();
        prop_assert_eq!(closing.len(), n, "a decision closed two steps");
        prop_assert!(store.verify_audit().expect("audit").is_ok());
        if std::env::var_os("INVARIANTS_STATS").is_some() {
            let attested = ids.iter().filter(|i| store.invoice_summary(**i).expect("s").state == InvoiceState::Attested).count();
            eprintln!("attested {attested} of {} at {}", ids.len(), clock.now());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, .. ProptestConfig::default() })]

    #[test]
    fn engine_invariants_hold(
        rules in workbook(),
        bill in bill(),
        actions in proptest::collection::vec(scenario::action(), 4..24),
    ) {
        let mut e = Engine::new(rules, &bill);
        if let Err(msg) = check_invariants(&e.rules, &e.wf, &e.parked, e.now, &e.policy) {
            prop_assert!(false, "after routing: {}", msg);
        }
        for (i, a) in actions.iter().enumerate() {
            e.apply(a);
            if let Err(msg) = check_invariants(&e.rules, &e.wf, &e.parked, e.now, &e.policy) {
                prop_assert!(false, "after action {} {:?}: {}", i + 1, a, msg);
            }
        }
    }
}
