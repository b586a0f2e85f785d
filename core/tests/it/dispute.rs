//! A disputed invoice stops every decision until someone with a right on it resolves it.

use digilyft_core::approval::{Decision, InvoiceState, Outcome, Resolution};
use digilyft_core::store::StoreError;

use crate::common::*;

fn disputed(
    store: &mut digilyft_core::store::Store,
    n: &str,
    clock: &digilyft_core::clock::FixedClock,
) -> i64 {
    let id = office_invoice(store, n, &[800], clock);
    let r = review(store, id, Decision::Dispute, clock);
    assert_eq!(r.outcome, Outcome::Accepted);
    assert_eq!(r.invoice_state, InvoiceState::Disputed);
    id
}

fn refusal(err: StoreError) -> &'static str {
    match err {
        StoreError::Refused { code, .. } => code.as_str(),
        other => panic!("expected a refusal, got {other}"),
    }
}

#[test]
fn a_dispute_blocks_until_resolved_and_then_the_attest_goes_on() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    let id = disputed(&mut store, "D-1", &clock);
    let blocked = review(&mut store, id, Decision::Attest, &clock);
    assert_eq!(blocked.outcome, Outcome::RejectedRule);
    let inbox = store.inbox("u230", clock_day(&clock)).expect("inbox");
    assert!(inbox.iter().any(|i| i.invoice_id == id
        && i.invoice_state == InvoiceState::Disputed
        && i.payment_block));

    let events = store.audit_events().expect("audit").len();
    let cases = [
        ("u220", "Svar från leverantören", "no-right"),
        ("u230", "  ", "reason-required"),
    ];
    for (actor, comment, code) in cases {
        let err = store
            .resolve(id, actor, Resolution::Resume, comment, &clock)
            .expect_err(code);
        assert_eq!(refusal(err), code);
    }
    assert!(matches!(
        store.resolve(id, "u999", Resolution::Resume, "x", &clock),
        Err(StoreError::UnknownUser(_))
    ));
    assert_eq!(
        store.audit_events().expect("audit").len(),
        events,
        "refusals log nothing"
    );

    let wf = store
        .resolve(
            id,
            "u230",
            Resolution::Resume,
            "Leverantören har skickat följesedel",
            &clock,
        )
        .expect("resume");
    assert_eq!(wf.state, InvoiceState::InApproval);
    assert!(!wf.payment_block);
    let d = store.invoice_detail(id).expect("detail");
    assert!(d.audit.iter().any(|e| e.event.kind == "invoice.resolved"
        && e.event.outcome.as_deref() == Some("in-approval")
        && e.event.actor == "u230"));
    let r = review(&mut store, id, Decision::Attest, &clock);
    assert_eq!(r.outcome, Outcome::Accepted);
    assert_eq!(
        refusal(
            store
                .resolve(id, "u230", Resolution::Resume, "igen", &clock)
                .expect_err("nothing left")
        ),
        "nothing-to-resolve"
    );
    assert!(store.audit_report(&[]).expect("report").intact());
}

#[test]
fn an_upheld_dispute_rejects_the_invoice_for_good() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    let id = disputed(&mut store, "D-2", &clock);
    let wf = store
        .resolve(
            id,
            "u230",
            Resolution::Reject,
            "Leverantören krediterar hela fakturan",
            &clock,
        )
        .expect("reject");
    assert_eq!(wf.state, InvoiceState::Rejected);
    assert!(wf.payment_block, "a rejected invoice stays blocked");
    assert_eq!(
        refusal(
            store
                .resolve(id, "u230", Resolution::Resume, "ångrar", &clock)
                .expect_err("closed")
        ),
        "closed"
    );
}
