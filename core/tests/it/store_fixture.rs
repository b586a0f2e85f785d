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

/// Panics, naming the first differing line, unless `got` is the golden `reads.txt`.
fn assert_reads_golden(got: &str) {
    assert_reads(got, "reads.txt");
}

/// Panics, naming the first differing line, unless `got` is the golden `file` of the fixture
/// (`UPDATE_EXPECT=1` rewrites the golden instead).
fn assert_reads(got: &str, file: &str) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(Path::new(FIXTURE).join(file), got).expect("update the golden");
        return;
    }
    let want = std::fs::read_to_string(Path::new(FIXTURE).join(file)).expect("golden");
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
            "reads differ from tests/fixtures/store-f98a1ec/{file} first at line {}:\n  now:    {g}\n  golden: {w}\n({} vs {} lines)",
            n + 1,
            got.lines().count(),
            want.lines().count()
        );
    }
}

/// A copy of the fixture store in a fresh directory (the directory must outlive the store).
fn fixture_copy() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tmp");
    for name in ["digilyft.sqlite", "digilyft.audit-anchor.json"] {
        std::fs::copy(Path::new(FIXTURE).join(name), dir.path().join(name)).expect("copy fixture");
    }
    let store = Store::open(&dir.path().join("digilyft.sqlite")).expect("opens");
    (dir, store)
}

/// The open that migrates a store from before the change log gives every invoice and rule-set
/// version its first change; later opens add none.
#[test]
fn a_store_written_by_f98a1ec_gets_its_change_log_once() {
    let (dir, store) = fixture_copy();
    let invoices = store.list_invoices().expect("list").len() as i64;
    let rulesets = store.rulesets().expect("rulesets").len() as i64;
    let head = store.sync_head().expect("head");
    assert!(invoices > 0 && rulesets > 0);
    assert_eq!(head, invoices + rulesets, "one upsert each");
    drop(store);
    let again = Store::open(&dir.path().join("digilyft.sqlite")).expect("reopens");
    assert_eq!(
        again.sync_head().expect("head"),
        head,
        "nothing back-filled twice"
    );
}

#[test]
fn a_store_written_by_f98a1ec_reads_as_it_did() {
    let (_dir, store) = fixture_copy();
    assert_reads_golden(&store_dump::dump(&store));
}

/// Today's code, making the same calls as f98a1ec did, writes a store (in today's storage
/// records) that reads as `reads-written-today.txt`: exactly as f98a1ec's did except where
/// issue 18 changed the outcome on purpose (see the fixture's README: the sample workbook's
/// Tidsfrister sheet, and FX-4's waiting step closed with the rejected invoice).
#[test]
fn a_store_written_today_reads_like_the_one_f98a1ec_wrote() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = crate::fixture_build::build(&dir.path().join("digilyft.sqlite")).expect("build");
    assert_reads(&store_dump::dump(&store), "reads-written-today.txt");
}

/// The old store is not only readable but usable: a parked decision stored in the old envelope
/// layout is re-validated and applied when the step before it lands, and new invoices route under
/// the old stored rule set.
#[test]
fn a_parked_decision_in_a_store_written_by_f98a1ec_is_applied_when_its_step_lands() {
    use digilyft_core::approval::{Decision, InvoiceState, Outcome};
    use digilyft_core::clock::FixedClock;

    let (_dir, mut store) = fixture_copy();
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
    let r = crate::common::review(&mut store, id, Decision::Attest, &clock);
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
