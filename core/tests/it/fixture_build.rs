//! Builds the fixture store: the sequence of public `Store` calls that made
//! `tests/fixtures/store-f98a1ec/` (see its README), shared by the generator
//! (`examples/fixture_store.rs`) and the test that today's code, running the same sequence, writes
//! a store that reads exactly like the one f98a1ec wrote (`store_fixture.rs`).
//!
//! The store exercises every table and blob: the demo's day (a rule set imported and activated,
//! synthetic invoices routed and decided: attests, a substitute's attest, a jäv refusal, a
//! dispute, a return, an unrouted invoice, a synthetic credit note), the bundled official samples
//! (a PEPPOL credit note, Svefaktura), an unreadable document and one without an invoice number
//! (needs-action), a kontering change, a parked PENDING_PRECONDITION decision, a stale one, a
//! resolved one, a rejection, and a second, inactive rule-set version. The clock is fixed, so the
//! same code gives the same reads.

use std::path::{Path, PathBuf};

use digilyft_core::api::samples;
use digilyft_core::approval::{CodingRow, Decision, Envelope, Outcome, StepState};
use digilyft_core::clock::{Clock, FixedClock};
use digilyft_core::import::import_documents;
use digilyft_core::store::{ImportOutcome, Store};
use digilyft_core::synth::ubl;
use digilyft_core::workbook::sample::{self, OFFICE};
use rust_decimal::Decimal;

use crate::common;

/// Writes the fixture store at `path` (which must not exist yet) and returns it, open.
pub fn build(path: &Path) -> Result<Store, Box<dyn std::error::Error>> {
    if path.exists() {
        return Err(format!("{} exists; remove it first", path.display()).into());
    }
    let clock = FixedClock::on(2026, 11, 20).ok_or("clock")?;
    let mut store = Store::open(path)?;

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
    let mut bad = common::invoice(OFFICE, "Kontorsvaror i Norr AB", "FX-BAD", "4110", &[100]);
    bad.number = String::new();
    extra.push(("utan-nummer.xml".into(), ubl(&bad).into_bytes()));
    demo_day(&mut store, &clock, extra)?;
    clock.advance(3600);

    // A kontering change: u230 splits FX-1 over two ansvar codes.
    let fx1 = import(&mut store, "FX-1", 3000, &clock)?;
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

    // FX-2: BESLUT before GRANSKNING is parked (and stays parked); a stale hash.
    let fx2 = import(&mut store, "FX-2", 2500, &clock)?;
    let beslut = Act::new("BESLUT#1", Decision::Attest, "u240", Some("u210"));
    let granskning = Act::new("GRANSKNING#1", Decision::Attest, "u230", None);
    beslut.expect(
        &mut store,
        fx2,
        "fx2-early",
        &clock,
        Outcome::PendingPrecondition,
    )?;
    let mut stale = granskning.envelope(&store, fx2, "fx2-stale", &clock)?;
    stale.content_hash = "0".repeat(64);
    expect(store.decide(&stale, &clock)?.outcome, Outcome::Stale)?;
    clock.advance(60);

    // FX-3: parked, then resolved when GRANSKNING lands (the parked decision is applied).
    let fx3 = import(&mut store, "FX-3", 1800, &clock)?;
    beslut.expect(
        &mut store,
        fx3,
        "fx3-early",
        &clock,
        Outcome::PendingPrecondition,
    )?;
    granskning.expect(&mut store, fx3, "fx3-review", &clock, Outcome::Accepted)?;
    clock.advance(60);

    // FX-4: rejected at GRANSKNING.
    let fx4 = import(&mut store, "FX-4", 700, &clock)?;
    Act::new("GRANSKNING#1", Decision::Reject, "u230", None).expect(
        &mut store,
        fx4,
        "fx4-reject",
        &clock,
        Outcome::Accepted,
    )?;
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

    Ok(store)
}

/// Imports a one-line invoice of the sample office supplier (referenskod 4110) and returns its id.
fn import(
    store: &mut Store,
    number: &str,
    amount: i64,
    clock: &FixedClock,
) -> Result<i64, Box<dyn std::error::Error>> {
    let inv = common::invoice(OFFICE, "Kontorsvaror i Norr AB", number, "4110", &[amount]);
    let docs = vec![(format!("{number}.xml"), ubl(&inv).into_bytes())];
    match import_documents(store, docs, clock)?.as_slice() {
        [ImportOutcome::Stored { id, .. }] => Ok(*id),
        other => Err(format!("expected one stored invoice, got {other:?}").into()),
    }
}

fn expect(got: Outcome, want: Outcome) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("expected {want}, got {got}"))
    }
}

/// One decision a person makes on a step.
struct Act {
    step: &'static str,
    decision: Decision,
    actor: &'static str,
    acting_for: Option<&'static str>,
}

impl Act {
    fn new(
        step: &'static str,
        decision: Decision,
        actor: &'static str,
        acting_for: Option<&'static str>,
    ) -> Self {
        Act {
            step,
            decision,
            actor,
            acting_for,
        }
    }

    /// The envelope of this act on `invoice` as it stands, with decision id `id`.
    fn envelope(
        &self,
        store: &Store,
        invoice: i64,
        id: &str,
        clock: &FixedClock,
    ) -> Result<Envelope, Box<dyn std::error::Error>> {
        let d = store.invoice_detail(invoice)?;
        let now = clock.now();
        Ok(Envelope {
            decision_id: id.into(),
            invoice_id: invoice,
            step: self.step.into(),
            decision: self.decision,
            comment: Some(format!("fixture {id}")),
            actor_id: self.actor.into(),
            acting_for: self.acting_for.map(str::to_string),
            content_hash: d.content_hash,
            base_revision: d.workflow.revision,
            ruleset_version: store.active_ruleset().ok_or("no active rule set")?.0,
            device_id: "fixture".into(),
            device_counter: 1,
            device_time: now,
            last_server_sync_time: now,
        })
    }

    /// Submits this act on `invoice` and checks its outcome is `want`.
    fn expect(
        &self,
        store: &mut Store,
        invoice: i64,
        id: &str,
        clock: &FixedClock,
        want: Outcome,
    ) -> Result<(), Box<dyn std::error::Error>> {
        let env = self.envelope(store, invoice, id, clock)?;
        Ok(expect(store.decide(&env, clock)?.outcome, want)?)
    }
}

/// The demo's day exactly as `digilyft_core::demo::approval_demo` of f98a1ec played it through
/// the `Store` (the demo has since moved to the CLI, over `core::api`): the sample workbook
/// imported and activated by u300, the sample invoices plus `extra` imported, and twelve decisions
/// with the envelope fields that commit wrote (`demo-{version}-{n}`, device `demo`). Frozen here
/// because the fixture's golden reads quote those fields.
fn demo_day(
    store: &mut Store,
    clock: &dyn Clock,
    extra: Vec<(String, Vec<u8>)>,
) -> Result<(), Box<dyn std::error::Error>> {
    let today = clock.now().date_naive();
    let wb = sample::sample_workbook()?;
    let (rules, _) = digilyft_core::workbook::load(&wb, today).map_err(|p| format!("{p:?}"))?;
    let version = store.add_ruleset(
        "attestforteckning.xlsx",
        &wb,
        &rules,
        "u300",
        "KS 2024-12-04 § 112",
        clock,
    )?;
    store.activate_ruleset(version, "u300", clock)?;
    let mut docs = samples::invoices(today);
    docs.extend(extra);
    import_documents(store, docs, clock)?;
    let story = [
        ("KN-2041", Decision::Attest, "u230"),
        ("KN-2041", Decision::Attest, "u240"),
        ("OP-118", Decision::Attest, "u230"),
        ("OP-118", Decision::Attest, "u210"),
        ("OP-118", Decision::Attest, "u200"),
        ("KG-77", Decision::Attest, "u230"),
        ("KG-77", Decision::Attest, "u200"),
        ("KG-77", Decision::Attest, "u200"),
        ("KG-77", Decision::Attest, "u100"),
        ("KG-78", Decision::Dispute, "u230"),
        ("KN-2042", Decision::Attest, "u310"),
        ("KN-2042", Decision::Return, "u320"),
    ];
    let mut counter = 0u64;
    for (number, decision, actor) in story {
        let Some(id) = store.find_invoice(number)? else {
            continue;
        };
        let d = store.invoice_detail(id)?;
        let Some(step) = d.workflow.steps.iter().find(|s| s.state == StepState::Open) else {
            continue;
        };
        let now = clock.now();
        let acting_for = step
            .assignee
            .as_ref()
            .filter(|a| a.as_str() != actor)
            .and_then(|a| {
                rules
                    .standing_in_for(actor, now.date_naive())
                    .find(|ab| &ab.person_id == a)
                    .map(|ab| ab.person_id.clone())
            });
        counter += 1;
        let env = Envelope {
            decision_id: format!("demo-{version}-{counter}"),
            invoice_id: id,
            step: step.label.clone(),
            decision,
            comment: None,
            actor_id: actor.into(),
            acting_for,
            content_hash: d.content_hash.clone(),
            base_revision: d.workflow.revision,
            ruleset_version: version,
            device_id: "demo".into(),
            device_counter: counter,
            device_time: now,
            last_server_sync_time: now,
        };
        store.decide(&env, clock)?;
    }
    Ok(())
}
