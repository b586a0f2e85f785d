//! A store written by an older Digilyft still opens and reads identically.
//!
//! `tests/fixtures/store-f98a1ec/` holds a store written by commit f98a1ec and the text of every
//! public read of it made by that commit (`reads.txt`, see its README). This test opens a copy
//! (the fixture itself is never opened: opening switches the journal mode and may migrate) and
//! compares today's reads with that text, so a changed table layout, row mapper or storage record
//! that reads old rows differently fails here.

use std::path::Path;

use digilyft_core::store::Store;

use crate::store_dump;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/store-f98a1ec");

#[test]
fn a_store_written_by_f98a1ec_reads_as_it_did() {
    let dir = tempfile::tempdir().expect("tmp");
    for name in ["digilyft.sqlite", "digilyft.audit-anchor.json"] {
        std::fs::copy(Path::new(FIXTURE).join(name), dir.path().join(name)).expect("copy fixture");
    }
    let want = std::fs::read_to_string(Path::new(FIXTURE).join("reads.txt")).expect("golden");
    let store = Store::open(&dir.path().join("digilyft.sqlite")).expect("opens");
    let got = store_dump::dump(&store);
    if got != want {
        let (n, (g, w)) = got
            .lines()
            .zip(want.lines())
            .enumerate()
            .find(|(_, (g, w))| g != w)
            .unwrap_or((
                got.lines().count().min(want.lines().count()),
                ("<end>", "<end>"),
            ));
        panic!(
            "reads differ from tests/fixtures/store-f98a1ec/reads.txt first at line {}:\n  now:    {g}\n  golden: {w}\n({} vs {} lines)",
            n + 1,
            got.lines().count(),
            want.lines().count()
        );
    }
}

/// The old store is not only readable but usable: a parked decision stored in the old envelope
/// layout is re-validated and applied when the step before it lands, and new invoices route under
/// the old stored rule set.
#[test]
fn a_parked_decision_in_a_store_written_by_f98a1ec_is_applied_when_its_step_lands() {
    use digilyft_core::approval::{Decision, Envelope, InvoiceState, Outcome};
    use digilyft_core::clock::{Clock, FixedClock};

    let dir = tempfile::tempdir().expect("tmp");
    for name in ["digilyft.sqlite", "digilyft.audit-anchor.json"] {
        std::fs::copy(Path::new(FIXTURE).join(name), dir.path().join(name)).expect("copy fixture");
    }
    let mut store = Store::open(&dir.path().join("digilyft.sqlite")).expect("opens");
    let clock = FixedClock::on(2026, 11, 20).expect("clock");
    clock.advance(2 * 3600);
    let id = store.find_invoice("FX-2").expect("find").expect("FX-2");
    let d = store.invoice_detail(id).expect("detail");
    assert!(
        d.decisions
            .iter()
            .any(|r| r.outcome == Outcome::PendingPrecondition && r.resolved.is_none()),
        "the fixture has a parked decision on FX-2"
    );
    let now = clock.now();
    let env = Envelope {
        decision_id: "after-fixture-review".into(),
        invoice_id: id,
        step: "GRANSKNING#1".into(),
        decision: Decision::Attest,
        comment: None,
        actor_id: "u230".into(),
        acting_for: None,
        content_hash: d.content_hash,
        base_revision: d.workflow.revision,
        ruleset_version: store.active_ruleset().expect("active").0,
        device_id: "test".into(),
        device_counter: 1,
        device_time: now,
        last_server_sync_time: now,
    };
    let r = store.decide(&env, &clock).expect("decide");
    assert_eq!(r.outcome, Outcome::Accepted, "{}", r.reason);
    assert_eq!(
        r.invoice_state,
        InvoiceState::Attested,
        "the parked BESLUT applied"
    );
    let after = store.invoice_detail(id).expect("detail");
    let parked = after
        .decisions
        .iter()
        .find(|r| r.decision_id == "fx2-early")
        .expect("parked one");
    assert_eq!(parked.resolved.as_deref(), Some("ACCEPTED"));
    assert!(store.audit_report(&[]).expect("report").intact());
}
