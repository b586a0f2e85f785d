//! Routing and decisions under the sample attestförteckning.

use digilyft_core::approval::{Decision, InvoiceState, Outcome, StepState};
use digilyft_core::store::StoreError;
use digilyft_core::workbook::sample::{CONSULTANCY, HOME_CARE, OFFICE, TELECOM};
use rust_decimal::Decimal;

use crate::common::*;

fn steps(store: &digilyft_core::store::Store, id: i64) -> Vec<(String, Option<String>, StepState)> {
    let d = store.invoice_detail(id).expect("detail");
    d.workflow
        .steps
        .iter()
        .map(|s| (s.label.clone(), s.assignee.clone(), s.state))
        .collect()
}

#[test]
fn review_then_decision_by_the_substitute_of_an_absent_attestant() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    let id = import(
        &mut store,
        &invoice(OFFICE, "Kontorsvaror i Norr AB", "K-1", "4110", &[5000]),
        &clock,
    );
    assert_eq!(
        steps(&store, id),
        vec![
            ("GRANSKNING#1".into(), Some("u230".into()), StepState::Open),
            ("BESLUT#1".into(), Some("u210".into()), StepState::Waiting)
        ]
    );
    let d = store.invoice_detail(id).expect("detail");
    assert_eq!(d.workflow.coding.len(), 1);
    assert_eq!(d.workflow.coding[0].ansvar, "4110");
    assert_eq!(d.workflow.coding[0].amount, Decimal::from(5000));
    assert_eq!(
        store.inbox("u230", clock_day(&clock)).expect("inbox").len(),
        1
    );

    let r = decide(
        &mut store,
        id,
        "GRANSKNING#1",
        Decision::Attest,
        "u230",
        None,
        &clock,
    );
    assert_eq!(r.outcome, Outcome::Accepted, "{r:?}");
    // The reviewer cannot also decide: no BESLUT right.
    let r = decide(
        &mut store,
        id,
        "BESLUT#1",
        Decision::Attest,
        "u230",
        None,
        &clock,
    );
    assert_eq!(
        (r.outcome, r.reason_code.as_str()),
        (Outcome::RejectedRule, "no-right")
    );
    // u210 is absent; u240 sees the step as ersättare and signs as themselves.
    let inbox = store.inbox("u240", clock_day(&clock)).expect("inbox");
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].acting_for.as_deref(), Some("u210"));
    let r = decide(
        &mut store,
        id,
        "BESLUT#1",
        Decision::Attest,
        "u240",
        Some("u210"),
        &clock,
    );
    assert_eq!(r.outcome, Outcome::Accepted, "{r:?}");
    assert_eq!(r.invoice_state, InvoiceState::Attested);
    let d = store.invoice_detail(id).expect("detail");
    assert_eq!(d.workflow.steps[1].decided_by.as_deref(), Some("u240"));
    assert_eq!(d.workflow.steps[1].acting_for.as_deref(), Some("u210"));
    assert!(store.verify_audit().expect("audit").is_ok());
}

#[test]
fn substitute_outside_the_absence_is_refused() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    let id = import(
        &mut store,
        &invoice(OFFICE, "Kontorsvaror i Norr AB", "K-2", "4110", &[5000]),
        &clock,
    );
    decide(
        &mut store,
        id,
        "GRANSKNING#1",
        Decision::Attest,
        "u230",
        None,
        &clock,
    );
    clock.advance(30 * 86_400); // 2026-12-20, after the absence
    let r = decide(
        &mut store,
        id,
        "BESLUT#1",
        Decision::Attest,
        "u240",
        Some("u210"),
        &clock,
    );
    assert_eq!(r.outcome, Outcome::RejectedRule);
}

#[test]
fn jav_redirects_to_the_manager_and_refuses_the_conflicted() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    let id = import(
        &mut store,
        &invoice(HOME_CARE, "Omsorgspartner AB", "H-1", "4110", &[20_000]),
        &clock,
    );
    assert_eq!(steps(&store, id)[1].1.as_deref(), Some("u200"));
    decide(
        &mut store,
        id,
        "GRANSKNING#1",
        Decision::Attest,
        "u230",
        None,
        &clock,
    );
    let r = decide(
        &mut store,
        id,
        "BESLUT#1",
        Decision::Attest,
        "u210",
        None,
        &clock,
    );
    assert_eq!(
        (r.outcome, r.reason_code.as_str()),
        (Outcome::RejectedRule, "jav-supplier")
    );
    let r = decide(
        &mut store,
        id,
        "BESLUT#1",
        Decision::Attest,
        "u200",
        None,
        &clock,
    );
    assert_eq!(r.invoice_state, InvoiceState::Attested);
}

#[test]
fn two_signers_above_the_limit_and_never_the_same_person() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    let id = import(
        &mut store,
        &invoice(
            CONSULTANCY,
            "Konsultgruppen Mitt AB",
            "C-1",
            "4210",
            &[450_000],
        ),
        &clock,
    );
    let s = steps(&store, id);
    assert_eq!(s.len(), 3, "{s:?}");
    assert_eq!(s[1].1.as_deref(), Some("u200"));
    assert_eq!(s[2].0, "BESLUT#2");
    assert_eq!(s[2].1.as_deref(), Some("u100"));
    decide(
        &mut store,
        id,
        "GRANSKNING#1",
        Decision::Attest,
        "u230",
        None,
        &clock,
    );
    assert_eq!(
        decide(
            &mut store,
            id,
            "BESLUT#1",
            Decision::Attest,
            "u200",
            None,
            &clock
        )
        .outcome,
        Outcome::Accepted
    );
    let r = decide(
        &mut store,
        id,
        "BESLUT#2",
        Decision::Attest,
        "u200",
        None,
        &clock,
    );
    assert_eq!(
        (r.outcome, r.reason_code.as_str()),
        (Outcome::RejectedRule, "duality")
    );
    // u220's limits are too low for this invoice.
    let r = decide(
        &mut store,
        id,
        "BESLUT#2",
        Decision::Attest,
        "u220",
        None,
        &clock,
    );
    assert_eq!(r.outcome, Outcome::RejectedRule);
    assert!(r.reason_code.starts_with("limit"), "{r:?}");
    let r = decide(
        &mut store,
        id,
        "BESLUT#2",
        Decision::Attest,
        "u100",
        None,
        &clock,
    );
    assert_eq!(r.invoice_state, InvoiceState::Attested);
}

#[test]
fn duality_exception_only_below_the_configured_amount() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    let small = import(
        &mut store,
        &invoice(OFFICE, "Kontorsvaror i Norr AB", "S-1", "1100", &[1500]),
        &clock,
    );
    let large = import(
        &mut store,
        &invoice(OFFICE, "Kontorsvaror i Norr AB", "S-2", "1100", &[5000]),
        &clock,
    );
    for id in [small, large] {
        assert_eq!(
            decide(
                &mut store,
                id,
                "MOTTAGNING#1",
                Decision::Attest,
                "u310",
                None,
                &clock
            )
            .outcome,
            Outcome::Accepted
        );
        // The same person may not also review (no exception on u310's grants).
        let r = decide(
            &mut store,
            id,
            "GRANSKNING#1",
            Decision::Attest,
            "u310",
            None,
            &clock,
        );
        assert_eq!(r.reason_code, "duality");
        assert_eq!(
            decide(
                &mut store,
                id,
                "GRANSKNING#1",
                Decision::Attest,
                "u320",
                None,
                &clock
            )
            .outcome,
            Outcome::Accepted
        );
    }
    // u320 may review and decide below 2 000 kr only.
    let r = decide(
        &mut store,
        small,
        "BESLUT#1",
        Decision::Attest,
        "u320",
        None,
        &clock,
    );
    assert_eq!(r.invoice_state, InvoiceState::Attested, "{r:?}");
    let r = decide(
        &mut store,
        large,
        "BESLUT#1",
        Decision::Attest,
        "u320",
        None,
        &clock,
    );
    assert_eq!(r.reason_code, "duality");
}

#[test]
fn subscription_is_auto_attested_once_per_month_within_tolerance() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    let mut sub = invoice(TELECOM, "Telefonbolaget AB", "T-1", "1100", &[4250]);
    sub.contract = Some("AB-778".into());
    let id = import(&mut store, &sub, &clock);
    let d = store.invoice_detail(id).expect("detail");
    assert_eq!(d.summary.state, InvoiceState::Attested);
    assert_eq!(d.workflow.steps[0].decided_by.as_deref(), Some("u300"));
    assert!(d.workflow.steps[0].auto_rule.is_some());
    // A second one in the same month goes through people.
    let mut again = sub.clone();
    again.number = "T-2".into();
    let id2 = import(&mut store, &again, &clock);
    assert_ne!(
        store.invoice_detail(id2).expect("d").summary.state,
        InvoiceState::Attested
    );
    // Outside the tolerance (4200 ± min(2 %, 100 kr)) it is not auto-attested either.
    clock.advance(15 * 86_400);
    let mut off = sub.clone();
    off.number = "T-3".into();
    off.lines[0].1 = Decimal::from(4400);
    let id3 = import(&mut store, &off, &clock);
    assert_ne!(
        store.invoice_detail(id3).expect("d").summary.state,
        InvoiceState::Attested
    );
}

#[test]
fn idempotent_stale_superseded_pending_and_expired() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    let id = import(
        &mut store,
        &invoice(OFFICE, "Kontorsvaror i Norr AB", "I-1", "4110", &[3000]),
        &clock,
    );
    // BESLUT before GRANSKNING: parked.
    let early = envelope(
        &store,
        id,
        "BESLUT#1",
        Decision::Attest,
        "u240",
        Some("u210"),
        &clock,
    );
    assert_eq!(
        store.decide(&early, &clock).expect("d").outcome,
        Outcome::PendingPrecondition
    );
    // Same id again: same outcome, nothing new in the log.
    let before = store.audit_events().expect("a").len();
    let again = store.decide(&early, &clock).expect("d");
    assert!(again.replay);
    assert_eq!(again.outcome, Outcome::PendingPrecondition);
    assert_eq!(store.audit_events().expect("a").len(), before);
    // A stale hash.
    let mut stale = envelope(
        &store,
        id,
        "GRANSKNING#1",
        Decision::Attest,
        "u230",
        None,
        &clock,
    );
    stale.content_hash = "0".repeat(64);
    stale.decision_id = "stale-1".into();
    assert_eq!(
        store.decide(&stale, &clock).expect("d").outcome,
        Outcome::Stale
    );
    // Granskning lands: the parked decision is re-validated and applied.
    let r = decide(
        &mut store,
        id,
        "GRANSKNING#1",
        Decision::Attest,
        "u230",
        None,
        &clock,
    );
    assert_eq!(r.invoice_state, InvoiceState::Attested, "{r:?}");
    let d = store.invoice_detail(id).expect("detail");
    assert!(
        d.decisions.iter().any(
            |x| x.decision_id == early.decision_id && x.resolved.as_deref() == Some("ACCEPTED")
        )
    );
    // Someone else's objection on a decided step: superseded, and a payment block.
    let mut late = envelope(
        &store,
        id,
        "GRANSKNING#1",
        Decision::Reject,
        "u310",
        None,
        &clock,
    );
    late.decision_id = "late-1".into();
    let r = store.decide(&late, &clock).expect("d");
    assert_eq!(r.outcome, Outcome::Superseded);
    assert!(store.invoice_summary(id).expect("s").payment_block);
    // Offline for too long.
    let id2 = import(
        &mut store,
        &invoice(OFFICE, "Kontorsvaror i Norr AB", "I-2", "4110", &[3000]),
        &clock,
    );
    let mut old = envelope(
        &store,
        id2,
        "GRANSKNING#1",
        Decision::Attest,
        "u230",
        None,
        &clock,
    );
    old.device_time -= chrono::Duration::days(10);
    assert_eq!(
        store.decide(&old, &clock).expect("d").outcome,
        Outcome::Expired
    );
    assert!(store.verify_audit().expect("audit").is_ok());
}

#[test]
fn recoding_voids_attests_and_makes_old_intents_stale() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    let id = import(
        &mut store,
        &invoice(OFFICE, "Kontorsvaror i Norr AB", "R-1", "4110", &[3000]),
        &clock,
    );
    decide(
        &mut store,
        id,
        "GRANSKNING#1",
        Decision::Attest,
        "u230",
        None,
        &clock,
    );
    let old = envelope(
        &store,
        id,
        "BESLUT#1",
        Decision::Attest,
        "u240",
        Some("u210"),
        &clock,
    );
    let mut rows = store.invoice_detail(id).expect("d").workflow.coding;
    rows[0].amount = Decimal::from(2000);
    let mut second = rows[0].clone();
    second.konto = "4620".into();
    second.amount = Decimal::from(1000);
    rows.push(second);
    let wf = store
        .set_kontering(id, rows, "u230", &clock)
        .expect("recode");
    assert_eq!(wf.steps[0].state, StepState::Open);
    assert!(wf.steps[0].decided_by.is_none());
    assert_eq!(
        store.decide(&old, &clock).expect("d").outcome,
        Outcome::Stale
    );
    let d = store.invoice_detail(id).expect("d");
    assert!(
        d.audit
            .iter()
            .any(|e| e.event.outcome.as_deref() == Some("VOIDED_BY_CHANGE"))
    );
}

#[test]
fn disputes_block_payment_and_bad_input_changes_nothing() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    let id = import(
        &mut store,
        &invoice(OFFICE, "Kontorsvaror i Norr AB", "D-1", "4110", &[3000]),
        &clock,
    );
    let r = decide(
        &mut store,
        id,
        "GRANSKNING#1",
        Decision::Dispute,
        "u230",
        None,
        &clock,
    );
    assert_eq!(r.invoice_state, InvoiceState::Disputed);
    assert!(store.invoice_summary(id).expect("s").payment_block);
    let r = decide(
        &mut store,
        id,
        "GRANSKNING#1",
        Decision::Attest,
        "u230",
        None,
        &clock,
    );
    assert_eq!(
        (r.outcome, r.reason_code.as_str()),
        (Outcome::RejectedRule, "blocked")
    );

    let before = store.audit_events().expect("a").len();
    let mut unknown = envelope(
        &store,
        id,
        "GRANSKNING#1",
        Decision::Attest,
        "nobody",
        None,
        &clock,
    );
    unknown.decision_id = "u-1".into();
    assert!(matches!(
        store.decide(&unknown, &clock),
        Err(StoreError::UnknownUser(_))
    ));
    let mut no_step = envelope(
        &store,
        id,
        "BESLUT#9",
        Decision::Attest,
        "u230",
        None,
        &clock,
    );
    no_step.decision_id = "u-2".into();
    assert!(matches!(
        store.decide(&no_step, &clock),
        Err(StoreError::NoSuchStep { .. })
    ));
    let mut no_invoice = envelope(
        &store,
        id,
        "BESLUT#1",
        Decision::Attest,
        "u230",
        None,
        &clock,
    );
    no_invoice.invoice_id = 999;
    assert!(matches!(
        store.decide(&no_invoice, &clock),
        Err(StoreError::NoSuchInvoice(999))
    ));
    assert_eq!(store.audit_events().expect("a").len(), before);
}

#[test]
fn credit_notes_link_to_the_invoice_they_credit() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    let id = import(
        &mut store,
        &invoice(OFFICE, "Kontorsvaror i Norr AB", "CR-1", "4110", &[3000]),
        &clock,
    );
    let mut cn = invoice(OFFICE, "Kontorsvaror i Norr AB", "CN-1", "4110", &[500]);
    cn.credit_note = true;
    cn.preceding = Some("CR-1".into());
    let cid = import(&mut store, &cn, &clock);
    let d = store.invoice_detail(cid).expect("d");
    assert_eq!(d.credits_invoice, Some(id));
    assert_eq!(d.workflow.steps[0].queue.as_deref(), Some("ekonomi"));
}

#[test]
fn invoices_imported_before_activation_are_routed_on_activation() {
    let clock = clock();
    let mut store = digilyft_core::store::Store::open_in_memory().expect("store");
    let id = import(
        &mut store,
        &invoice(OFFICE, "Kontorsvaror i Norr AB", "P-1", "4110", &[3000]),
        &clock,
    );
    assert_eq!(
        store.invoice_summary(id).expect("s").state,
        InvoiceState::Received
    );
    let wb = digilyft_core::workbook::sample::sample_workbook().expect("wb");
    let (rules, _) = digilyft_core::workbook::load(&wb, clock_day(&clock)).expect("valid");
    let v = store
        .add_ruleset("a.xlsx", &wb, &rules, "u300", "KS", &clock)
        .expect("add");
    assert_eq!(
        store.activate_ruleset(v, "u300", &clock).expect("activate"),
        1
    );
    assert_eq!(
        store.invoice_summary(id).expect("s").state,
        InvoiceState::InApproval
    );
}

#[test]
fn escalation_near_the_attest_deadline_goes_to_the_substitute_then_an_authorised_manager() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    // Due 2026-12-18, payment lead 3 days: attest deadline 2026-12-15; reminders from 2026-12-10.
    let id = import(
        &mut store,
        &invoice(
            CONSULTANCY,
            "Konsultgruppen Mitt AB",
            "E-1",
            "4120",
            &[8000],
        ),
        &clock,
    );
    decide(
        &mut store,
        id,
        "GRANSKNING#1",
        Decision::Attest,
        "u230",
        None,
        &clock,
    );
    assert_eq!(store.escalate(&clock).expect("escalate"), 0, "too early");
    clock.advance(21 * 86_400); // 2026-12-11: u210 is away, u240 stands in
    assert_eq!(store.escalate(&clock).expect("escalate"), 1);
    let d = store.invoice_detail(id).expect("d");
    let beslut = &d.workflow.steps[1];
    assert_eq!(
        (beslut.assignee.as_deref(), beslut.acting_for.as_deref()),
        (Some("u240"), Some("u210")),
        "first the registered ersättare of the absent assignee"
    );
    assert_eq!(
        store.escalate(&clock).expect("escalate"),
        0,
        "once per processing period, however often it runs"
    );
    clock.advance(2 * 86_400); // 2026-12-13: the next processing period
    assert_eq!(store.escalate(&clock).expect("escalate"), 1);
    let s = steps(&store, id);
    assert_eq!(
        s[1].1.as_deref(),
        Some("u200"),
        "then u210's manager, who holds the right: {s:?}"
    );
    let d = store.invoice_detail(id).expect("d");
    assert!(d.audit.iter().any(|e| e.event.kind == "step.escalated"));
}

#[test]
fn a_decision_replayed_by_its_id_returns_the_first_outcome() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    let id = office_invoice(&mut store, "RP-1", &[3000], &clock);
    let first = review(&mut store, id, Decision::Attest, &clock);
    assert_eq!(first.outcome, Outcome::Accepted);
    assert!(store.decision_envelope("nope").expect("lookup").is_none());
    let d = store.invoice_detail(id).expect("d");
    let stored = d
        .decisions
        .iter()
        .find(|x| x.outcome == Outcome::Accepted)
        .expect("recorded");
    let again = store
        .decision_envelope(&stored.decision_id)
        .expect("lookup")
        .expect("known id");
    assert_eq!(
        (again.step.as_str(), again.actor_id.as_str()),
        ("GRANSKNING#1", "u230")
    );
    let events = store.audit_events().expect("audit").len();
    clock.advance(86_400);
    let r = store.decide(&again, &clock).expect("replay");
    assert!(r.replay);
    assert_eq!(
        (r.outcome, r.reason_code.as_str()),
        (Outcome::Accepted, "ok")
    );
    assert_eq!(store.audit_events().expect("audit").len(), events);
}
