//! Property tests of the approval invariants under random sequences of decisions:
//! * no invoice reaches "attested" without the required distinct people holding the required
//!   rights under the rule set in force;
//! * every state change has an audit event;
//! * no decision is applied twice (a replayed decision id changes nothing).

use digilyft_core::approval::{
    Decision, InvoiceState, Outcome, Resolution, StepKind, StepState, authorise,
};
use digilyft_core::clock::Clock;
use digilyft_core::store::Store;
use digilyft_core::workbook::sample::{CONSULTANCY, HOME_CARE, OFFICE};
use proptest::prelude::*;

use crate::common::*;

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

fn check_attested(store: &Store, id: i64) -> Result<(), String> {
    let d = store.invoice_detail(id).map_err(|e| e.to_string())?;
    if d.summary.state != InvoiceState::Attested {
        return Ok(());
    }
    let wf = &d.workflow;
    let v = wf
        .ruleset_version
        .ok_or("attested without a rule-set version")?;
    let rules = store.ruleset(v).map_err(|e| e.to_string())?.rules;
    let mut beslut_signers = Vec::new();
    let mut all_signers = Vec::new();
    for s in &wf.steps {
        if s.state != StepState::Done {
            return Err(format!(
                "invoice {id} attested with step {} {}",
                s.label,
                s.state.as_str()
            ));
        }
        let who = s.decided_by.clone().ok_or("done step without signer")?;
        let when = s.decided_at.ok_or("done step without time")?.date_naive();
        let named_reviewer =
            s.kind != StepKind::Beslut && s.assignee.as_deref() == Some(who.as_str());
        if !named_reviewer {
            authorise(
                &rules,
                &who,
                s.kind,
                wf,
                when,
                s.acting_for.as_deref(),
                s.kind == StepKind::Beslut,
            )
            .map_err(|r| {
                format!(
                    "invoice {id}: {who} signed {} without the right: {}",
                    s.label, r.text
                )
            })?;
        }
        if s.kind == StepKind::Beslut {
            beslut_signers.push(who.clone());
        }
        all_signers.push((who, s.kind));
    }
    let mut b = beslut_signers.clone();
    b.sort();
    b.dedup();
    if b.len() != beslut_signers.len() {
        return Err(format!(
            "invoice {id}: the same person signed two BESLUT steps"
        ));
    }
    for (i, (a, ka)) in all_signers.iter().enumerate() {
        for (c, kc) in all_signers.iter().skip(i + 1) {
            if a == c && !(ka != kc && wf.net_total < rust_decimal::Decimal::from(2000)) {
                return Err(format!(
                    "invoice {id}: {a} signed twice without a duality exception"
                ));
            }
        }
    }
    if beslut_signers.is_empty() {
        return Err(format!("invoice {id}: attested without a beslutsattest"));
    }
    Ok(())
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
                    if let Err(refused) = store.set_kontering(id, rows, "u230", &clock) {
                        // A refused kontering (closed invoice, rows that do not carry BT-109)
                        // changes nothing at all.
                        prop_assert_eq!(store.audit_events().expect("a").len(), events, "{}", refused);
                        prop_assert_eq!(store.invoice_summary(id).expect("s").state, before);
                        continue;
                    }
                    let after = store.invoice_summary(id).expect("s").state;
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
