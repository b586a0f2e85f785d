//! Changing an invoice's kontering by hand: refused changes leave everything as it was.

use digilyft_core::approval::{Decision, InvoiceState};
use digilyft_core::store::StoreError;
use rust_decimal::Decimal;

use crate::common::*;

#[test]
fn a_refused_kontering_changes_nothing() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    let id = office_invoice(&mut store, "K-1", &[3000], &clock);
    let before = store.invoice_detail(id).expect("detail");
    let events = store.audit_events().expect("audit").len();
    let mut short = before.workflow.coding.clone();
    short[0].amount = Decimal::from(2999);
    let mut bad_vat = before.workflow.coding.clone();
    bad_vat[0].momskod = "MOMS25".into();
    let cases: Vec<(&str, &str, Vec<_>)> = vec![
        ("rows short of BT-109", "u230", short),
        ("unknown momskod", "u230", bad_vat),
        ("no rows", "u230", Vec::new()),
        ("unknown user", "u999", before.workflow.coding.clone()),
        // The IT manager reviews only 11*: she may not code a 41* invoice.
        (
            "no right to code it",
            "u320",
            before.workflow.coding.clone(),
        ),
    ];
    for (name, actor, rows) in cases {
        let err = store
            .set_kontering(id, rows, actor, &clock)
            .expect_err(name);
        match (name, &err) {
            ("unknown user", StoreError::UnknownUser(u)) => assert_eq!(u, "u999"),
            ("no right to code it", StoreError::Refused { code, .. }) => {
                assert_eq!(code.as_str(), "no-right");
            }
            (_, StoreError::Coding { invoice, problems }) => {
                assert_eq!(*invoice, id);
                assert!(!problems.is_empty(), "{name}");
            }
            _ => panic!("{name}: unexpected {err}"),
        }
        let after = store.invoice_detail(id).expect("detail");
        assert_eq!(
            after.workflow, before.workflow,
            "{name}: workflow unchanged"
        );
        assert_eq!(
            store.audit_events().expect("audit").len(),
            events,
            "{name}: nothing logged"
        );
    }
}

#[test]
fn a_rejected_invoice_keeps_its_kontering() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    let id = office_invoice(&mut store, "K-2", &[500], &clock);
    review(&mut store, id, Decision::Reject, &clock);
    let coding = store.invoice_detail(id).expect("d").workflow.coding;
    let err = store
        .set_kontering(id, coding, "u230", &clock)
        .expect_err("closed");
    assert!(
        matches!(
            err,
            StoreError::NotRecodable {
                state: InvoiceState::Rejected,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn the_reviewer_and_the_finance_office_may_code_an_invoice() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    let id = office_invoice(&mut store, "K-3", &[1000], &clock);
    let mut rows = store.invoice_detail(id).expect("d").workflow.coding;
    rows[0].amount = Decimal::from(600);
    let mut second = rows[0].clone();
    second.amount = Decimal::from(400);
    second.konto = "4620".into();
    rows.push(second);
    // u230 is the named reviewer; u310 (ekonom) holds GRANSKNING for every code.
    for actor in ["u230", "u310"] {
        let wf = store
            .set_kontering(id, rows.clone(), actor, &clock)
            .unwrap_or_else(|e| panic!("{actor}: {e}"));
        assert_eq!(wf.coding, rows);
    }
}

/// Issue 14, finding 8: resubmitting the rows the invoice already has is a no-op — no new
/// revision, the attest given stays, no audit event — while a real change still voids it.
#[test]
fn resubmitting_identical_rows_changes_nothing() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    let id = office_invoice(&mut store, "K-1", &[3000], &clock);
    decide(
        &mut store,
        id,
        "GRANSKNING#1",
        Decision::Attest,
        "u230",
        None,
        &clock,
    );
    let before = store.invoice_detail(id).expect("detail");
    let events = store.audit_events().expect("audit").len();
    let mut same = before.workflow.coding.clone();
    // 3000 written as 3000,00: the same amount.
    same[0].amount = "3000.00".parse().expect("decimal");
    let wf = store
        .set_kontering(id, same, "u230", &clock)
        .expect("accepted");
    assert_eq!(wf.revision, before.workflow.revision);
    let after = store.invoice_detail(id).expect("detail");
    assert_eq!(
        after.workflow.steps, before.workflow.steps,
        "the attest stands"
    );
    assert_eq!(store.audit_events().expect("audit").len(), events);

    let mut split = before.workflow.coding.clone();
    split[0].amount = Decimal::from(1000);
    let mut second = split[0].clone();
    second.amount = Decimal::from(2000);
    split.push(second);
    let wf = store
        .set_kontering(id, split, "u230", &clock)
        .expect("a real change");
    assert_eq!(wf.revision, before.workflow.revision + 1);
}
