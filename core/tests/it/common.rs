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
