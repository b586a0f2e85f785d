//! Writes the fixture store of `core/tests/fixtures/store-f98a1ec/` and its golden read.
//!
//! Run from the workspace root: `cargo run -p digilyft-core --example fixture_store -- <dir>`.
//! It creates `<dir>/digilyft.sqlite` (with its sidecar `digilyft.audit-anchor.json`) and
//! `<dir>/reads.txt`, the text of every public read of that store (`tests/it/store_dump.rs`).
//! The committed fixture was made once, with the code of commit f98a1ec, so that later code can be
//! checked to open and read a store written before it (`tests/it/store_fixture.rs`). Re-running
//! it on newer code makes a different fixture: do that only on purpose, saying so in the README.
//!
//! The store exercises every table and blob: the demo's day (a rule set imported and activated,
//! synthetic invoices routed and decided: attests, a substitute's attest, a jäv redirect, a
//! dispute, a return, an unrouted invoice, a synthetic credit note), the bundled official samples
//! (a PEPPOL credit note, Svefaktura), an unreadable document and one with fatal rule errors
//! (needs-action), a kontering change, a parked PENDING_PRECONDITION decision, a stale one, a
//! rejection, and a second, inactive rule-set version.

#[path = "../tests/it/store_dump.rs"]
mod store_dump;

use std::path::PathBuf;

use digilyft_core::approval::{CodingRow, Decision, Envelope, Outcome};
use digilyft_core::clock::{Clock, FixedClock};
use digilyft_core::import::import_documents;
use digilyft_core::store::{ImportOutcome, Store};
use digilyft_core::synth::{SynthInvoice, ubl};
use digilyft_core::workbook::sample::{self, OFFICE};
use rust_decimal::Decimal;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir: PathBuf = std::env::args_os()
        .nth(1)
        .ok_or("usage: fixture_store <dir>")?
        .into();
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("digilyft.sqlite");
    if path.exists() {
        return Err(format!("{} exists; remove it first", path.display()).into());
    }
    let clock = FixedClock::on(2026, 11, 20).ok_or("clock")?;
    let mut store = Store::open(&path)?;

    // The demo's day, with the bundled official samples as extra documents.
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../assets/samples");
    let mut extra = Vec::new();
    for name in [
        "peppol-base-example.xml",
        "BIS_Billing_30-Telefoni.xml",
        "BIS_Billing_30-Kreditering_med_kreditnota.xml",
        "svefaktura.xml",
    ] {
        extra.push((name.to_string(), std::fs::read(samples.join(name))?));
    }
    // Unreadable (not well-formed) and readable with fatal rule errors (no number, no currency).
    extra.push(("trasig.xml".into(), b"<Invoice><cbc:ID>".to_vec()));
    let mut bad = synth("FX-BAD", &[100]);
    bad.number = String::new();
    extra.push(("utan-nummer.xml".into(), ubl(&bad).into_bytes()));
    let demo = digilyft_core::demo::approval_demo(&mut store, &clock, extra)?;
    for line in &demo.log {
        println!("{line}");
    }
    clock.advance(3600);

    // A kontering change: u230 splits FX-1 over two ansvar codes.
    let fx1 = stored(import_documents(
        &mut store,
        vec![doc(&synth("FX-1", &[3000]))],
        &clock,
    )?)?;
    let first = store.invoice_detail(fx1)?.workflow.coding;
    let row = first.first().cloned().ok_or("FX-1 has no kontering")?;
    let split = vec![
        CodingRow {
            amount: Decimal::from(1000),
            ..row.clone()
        },
        CodingRow {
            amount: Decimal::from(2000),
            ansvar: "4120".into(),
            ..row
        },
    ];
    store.set_kontering(fx1, split, "u230", &clock)?;
    clock.advance(60);

    // FX-2: BESLUT before GRANSKNING is parked; a stale hash; then rejected at GRANSKNING.
    let fx2 = stored(import_documents(
        &mut store,
        vec![doc(&synth("FX-2", &[2500]))],
        &clock,
    )?)?;
    let early = envelope(
        &store,
        fx2,
        "BESLUT#1",
        Decision::Attest,
        "u240",
        Some("u210"),
        "fx2-early",
        &clock,
    )?;
    expect(
        store.decide(&early, &clock)?.outcome,
        Outcome::PendingPrecondition,
    )?;
    let mut stale = envelope(
        &store,
        fx2,
        "GRANSKNING#1",
        Decision::Attest,
        "u230",
        None,
        "fx2-stale",
        &clock,
    )?;
    stale.content_hash = "0".repeat(64);
    expect(store.decide(&stale, &clock)?.outcome, Outcome::Stale)?;
    clock.advance(60);

    // FX-3: parked, then resolved when GRANSKNING lands (the parked decision is applied).
    let fx3 = stored(import_documents(
        &mut store,
        vec![doc(&synth("FX-3", &[1800]))],
        &clock,
    )?)?;
    let parked = envelope(
        &store,
        fx3,
        "BESLUT#1",
        Decision::Attest,
        "u240",
        Some("u210"),
        "fx3-early",
        &clock,
    )?;
    expect(
        store.decide(&parked, &clock)?.outcome,
        Outcome::PendingPrecondition,
    )?;
    let review = envelope(
        &store,
        fx3,
        "GRANSKNING#1",
        Decision::Attest,
        "u230",
        None,
        "fx3-review",
        &clock,
    )?;
    expect(store.decide(&review, &clock)?.outcome, Outcome::Accepted)?;
    clock.advance(60);

    // FX-4: rejected at GRANSKNING.
    let fx4 = stored(import_documents(
        &mut store,
        vec![doc(&synth("FX-4", &[700]))],
        &clock,
    )?)?;
    let reject = envelope(
        &store,
        fx4,
        "GRANSKNING#1",
        Decision::Reject,
        "u230",
        None,
        "fx4-reject",
        &clock,
    )?;
    expect(store.decide(&reject, &clock)?.outcome, Outcome::Accepted)?;
    clock.advance(60);

    // A second rule-set version, imported but not activated.
    let wb = sample::sample_workbook()?;
    let (rules, _) = digilyft_core::workbook::load(&wb, clock.now().date_naive())
        .map_err(|p| format!("{p:?}"))?;
    store.add_ruleset(
        "attestforteckning-v2.xlsx",
        &wb,
        &rules,
        "u300",
        "KS 2026-11-20 § 7",
        &clock,
    )?;

    let reads = store_dump::dump(&store);
    drop(store);
    // Fold the WAL into the file so the fixture is one file (plus its anchor).
    let conn = rusqlite::Connection::open(&path)?;
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    drop(conn);
    std::fs::write(dir.join("reads.txt"), reads)?;
    println!("wrote {}", dir.display());
    Ok(())
}

fn synth(number: &str, amounts: &[i64]) -> SynthInvoice {
    SynthInvoice {
        supplier_orgnr: OFFICE.into(),
        supplier_name: "Kontorsvaror i Norr AB".into(),
        number: number.into(),
        issue_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 18).expect("date"),
        due_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 18).expect("date"),
        buyer_reference: "4110".into(),
        contract: None,
        credit_note: false,
        preceding: None,
        lines: amounts
            .iter()
            .map(|a| ("Tjänst".to_string(), Decimal::from(*a)))
            .collect(),
    }
}

fn doc(inv: &SynthInvoice) -> (String, Vec<u8>) {
    (format!("{}.xml", inv.number), ubl(inv).into_bytes())
}

fn stored(outcomes: Vec<ImportOutcome>) -> Result<i64, String> {
    match outcomes.as_slice() {
        [ImportOutcome::Stored { id, .. }] => Ok(*id),
        other => Err(format!("expected one stored invoice, got {other:?}")),
    }
}

fn expect(got: Outcome, want: Outcome) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("expected {want}, got {got}"))
    }
}

#[allow(clippy::too_many_arguments)]
fn envelope(
    store: &Store,
    invoice: i64,
    step: &str,
    decision: Decision,
    actor: &str,
    acting_for: Option<&str>,
    id: &str,
    clock: &FixedClock,
) -> Result<Envelope, Box<dyn std::error::Error>> {
    let d = store.invoice_detail(invoice)?;
    let now = clock.now();
    Ok(Envelope {
        decision_id: id.into(),
        invoice_id: invoice,
        step: step.into(),
        decision,
        comment: Some(format!("fixture {id}")),
        actor_id: actor.into(),
        acting_for: acting_for.map(str::to_string),
        content_hash: d.content_hash,
        base_revision: d.workflow.revision,
        ruleset_version: store.active_ruleset().ok_or("no active rule set")?.0,
        device_id: "fixture".into(),
        device_counter: 1,
        device_time: now,
        last_server_sync_time: now,
    })
}
