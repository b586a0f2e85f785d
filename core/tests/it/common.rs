//! Shared helpers: a fixed clock, sample invoices, a store with the sample rule set active.

#![allow(dead_code)]

use chrono::NaiveDate;
use digilyft_core::clock::FixedClock;
use digilyft_core::store::Store;
use digilyft_core::synth::{SynthInvoice, ubl};
use digilyft_core::workbook::sample;
use rust_decimal::Decimal;

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// 2026-11-20 08:00 UTC: inside the sample absence of u210.
pub fn clock() -> FixedClock {
    FixedClock::on(2026, 11, 20).expect("clock")
}

pub fn invoice(
    org: &str,
    name: &str,
    number: &str,
    reference: &str,
    amounts: &[i64],
) -> SynthInvoice {
    SynthInvoice {
        supplier_orgnr: org.into(),
        supplier_name: name.into(),
        number: number.into(),
        issue_date: day(2026, 11, 18),
        due_date: day(2026, 12, 18),
        buyer_reference: reference.into(),
        contract: None,
        credit_note: false,
        preceding: None,
        lines: amounts
            .iter()
            .map(|a| ("Tjänst".to_string(), Decimal::from(*a)))
            .collect(),
    }
}

pub fn bytes(inv: &SynthInvoice) -> Vec<u8> {
    ubl(inv).into_bytes()
}

/// An in-memory store with the sample rule set imported and active.
pub fn store_with_rules(clock: &FixedClock) -> Store {
    let mut store = Store::open_in_memory().expect("store");
    let wb = sample::sample_workbook().expect("workbook");
    let (rules, _) =
        digilyft_core::workbook::load(&wb, clock_day(clock)).expect("sample validates");
    let v = store
        .add_ruleset(
            "attestforteckning.xlsx",
            &wb,
            &rules,
            "u300",
            "KS 2024-12-04 § 112",
            clock,
        )
        .expect("add");
    store.activate_ruleset(v, "u300", clock).expect("activate");
    store
}

pub fn clock_day(c: &FixedClock) -> NaiveDate {
    use digilyft_core::clock::Clock;
    c.now().date_naive()
}

use digilyft_core::approval::{Decision, Envelope};
use digilyft_core::clock::Clock;
use digilyft_core::import::import_one;
use digilyft_core::store::{DecisionResult, ImportOutcome};

/// Imports `inv` and returns its id (panics unless stored).
pub fn import(store: &mut Store, inv: &SynthInvoice, clock: &FixedClock) -> i64 {
    match import_one(store, &format!("{}.xml", inv.number), &bytes(inv), clock).expect("import") {
        ImportOutcome::Stored { id, .. } => id,
        other => panic!("expected stored, got {other:?}"),
    }
}

/// A decision envelope as a client that just synced would make it.
pub fn envelope(
    store: &Store,
    invoice: i64,
    step: &str,
    decision: Decision,
    actor: &str,
    acting_for: Option<&str>,
    clock: &FixedClock,
) -> Envelope {
    let d = store.invoice_detail(invoice).expect("detail");
    let now = clock.now();
    Envelope {
        decision_id: format!(
            "{invoice}-{step}-{actor}-{decision}-{}",
            d.workflow.revision
        ),
        invoice_id: invoice,
        step: step.into(),
        decision,
        comment: None,
        actor_id: actor.into(),
        acting_for: acting_for.map(str::to_string),
        content_hash: d.content_hash,
        base_revision: d.workflow.revision,
        ruleset_version: store.active_ruleset().expect("active").0,
        device_id: "test".into(),
        device_counter: 1,
        device_time: now,
        last_server_sync_time: now,
    }
}

pub fn decide(
    store: &mut Store,
    invoice: i64,
    step: &str,
    decision: Decision,
    actor: &str,
    acting_for: Option<&str>,
    clock: &FixedClock,
) -> DecisionResult {
    let env = envelope(store, invoice, step, decision, actor, acting_for, clock);
    store.decide(&env, clock).expect("decide")
}

/// Imports an invoice of `amounts` from the sample office supplier with referenskod 4110
/// (reviewed by u230, decided by u210 or her ersättare u240) and returns its id.
pub fn office_invoice(store: &mut Store, number: &str, amounts: &[i64], clock: &FixedClock) -> i64 {
    let inv = invoice(
        digilyft_core::workbook::sample::OFFICE,
        "Kontorsvaror i Norr AB",
        number,
        "4110",
        amounts,
    );
    import(store, &inv, clock)
}

/// u230, the sample's reviewer, decides the GRANSKNING#1 step of `invoice`.
pub fn review(
    store: &mut Store,
    invoice: i64,
    decision: Decision,
    clock: &FixedClock,
) -> DecisionResult {
    decide(
        store,
        invoice,
        "GRANSKNING#1",
        decision,
        "u230",
        None,
        clock,
    )
}
