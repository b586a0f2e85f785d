//! The audit log finds a cut-off tail: through the sidecar anchor, through an anchor in a ledger
//! export, and through rows whose creating event is gone, even with no anchor at all.

use std::path::{Path, PathBuf};

use digilyft_core::approval::Decision;
use digilyft_core::audit::AnchorBreak;
use digilyft_core::clock::FixedClock;
use digilyft_core::ledger::{read_anchor, write_ledger};
use digilyft_core::store::{Store, StoreError, Uncovered, anchor_file};
use digilyft_core::workbook::sample;

use crate::common::*;

/// A store on disk in `dir` with the sample rule set active, two invoices and one attest.
fn busy_store(dir: &Path, clock: &FixedClock) -> (PathBuf, Store) {
    let path = dir.join("digilyft.sqlite");
    let mut store = Store::open(&path).expect("open");
    let wb = sample::sample_workbook().expect("workbook");
    let (rules, _) = digilyft_core::workbook::load(&wb, clock_day(clock)).expect("rules");
    let v = store
        .add_ruleset("attestforteckning.xlsx", &wb, &rules, "u300", "KS 1", clock)
        .expect("add");
    store.activate_ruleset(v, "u300", clock).expect("activate");
    for n in ["A-1", "A-2"] {
        office_invoice(&mut store, n, &[1000], clock);
    }
    review(&mut store, 1, Decision::Attest, clock);
    (path, store)
}

/// Removes every audit event after `keep` behind the store's back, as someone with write access
/// to the file could (dropping the append-only trigger first).
fn cut_log(path: &Path, keep: i64) {
    let conn = rusqlite::Connection::open(path).expect("raw open");
    conn.execute_batch("DROP TRIGGER audit_no_delete")
        .expect("drop trigger");
    conn.execute("DELETE FROM audit WHERE seq > ?1", [keep])
        .expect("delete tail");
}

fn raw(path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).expect("raw open");
    conn.execute_batch(sql).expect("raw sql");
}

#[test]
fn an_untouched_log_is_intact_and_anchored_beside_the_store() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = clock();
    let (path, store) = busy_store(dir.path(), &clock);
    let head = store.audit_head().expect("head").expect("events");
    let sidecar = store
        .sidecar_anchor()
        .expect("read")
        .expect("sidecar written");
    assert_eq!(sidecar, head, "the sidecar follows every commit");
    assert_eq!(store.anchor_path(), Some(anchor_file(&path)));
    let r = store.audit_report(&[]).expect("report");
    assert!(r.intact(), "{r:?}");
    assert_eq!(r.anchors.len(), 1);
    assert!(r.uncovered.is_empty());
}

#[test]
fn a_cut_off_tail_is_found_by_the_sidecar_anchor() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = clock();
    let (path, store) = busy_store(dir.path(), &clock);
    let n = store.audit_head().expect("head").expect("events").seq;
    drop(store);
    cut_log(&path, n - 2);
    let store = Store::open(&path).expect("reopen");
    let r = store.audit_report(&[]).expect("report");
    assert_eq!(r.chain, Ok(n as usize - 2), "what is left is a valid chain");
    assert!(!r.intact());
    assert_eq!(
        r.anchors[0].result,
        Err(AnchorBreak::Truncated {
            anchored: n,
            last: n - 2
        })
    );
    assert_eq!(r.first_broken_seq(), Some(n - 1));
}

#[test]
fn the_sidecar_never_moves_back_over_a_cut() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = clock();
    let (path, store) = busy_store(dir.path(), &clock);
    let anchored = store.audit_head().expect("head").expect("events");
    drop(store);
    cut_log(&path, anchored.seq - 3);
    // New work after the cut would grow the log past the old head with other events and make
    // the cut look like ordinary history: writes are refused instead (issue 14, finding 5).
    let mut store = Store::open(&path).expect("reopen: a damaged store still opens");
    assert!(
        store
            .damage()
            .is_some_and(|d| d.contains("no longer agrees"))
    );
    let inv = invoice("5561234567", "Kontorsvaror i Norr AB", "B-1", "4110", &[10]);
    let err = digilyft_core::import::import_one(&mut store, "b.xml", &bytes(&inv), &clock)
        .expect_err("refused");
    assert!(
        matches!(err, StoreError::Damaged { .. }) && err.to_string().contains("backup"),
        "{err}"
    );
    assert_eq!(
        store.audit_head().expect("head").expect("events").seq,
        anchored.seq - 3,
        "nothing was written"
    );
    assert_eq!(
        store.sidecar_anchor().expect("read"),
        Some(anchored.clone()),
        "the evidence is kept"
    );
    let r = store.audit_report(&[]).expect("report");
    assert!(r.anchors[0].result.is_err());
    assert!(!r.intact());
}

#[test]
fn a_ledger_export_anchors_the_log_when_the_sidecar_is_gone() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = clock();
    let (path, store) = busy_store(dir.path(), &clock);
    let head = store.audit_head().expect("head");
    let ledger = write_ledger(
        &store.ledger().expect("ledger"),
        clock_day(&clock),
        head.as_ref(),
    )
    .expect("xlsx");
    let from_ledger = read_anchor(&ledger).expect("anchor in the ledger");
    assert_eq!(Some(&from_ledger), head.as_ref());
    let sidecar = store.anchor_path().expect("on disk");
    drop(store);
    cut_log(&path, from_ledger.seq - 1);
    std::fs::remove_file(&sidecar).expect("remove sidecar");
    let store = Store::open(&path).expect("reopen");
    let r = store
        .audit_report(&[("fakturor.xlsx".into(), from_ledger.clone())])
        .expect("report");
    assert!(r.sidecar_missing, "a missing sidecar is reported");
    assert_eq!(r.anchors.len(), 1);
    assert_eq!(r.anchors[0].source, "fakturor.xlsx");
    assert_eq!(
        r.anchors[0].result,
        Err(AnchorBreak::Truncated {
            anchored: from_ledger.seq,
            last: from_ledger.seq - 1
        })
    );
    assert!(!r.intact());
}

#[test]
fn rows_without_their_events_are_found_without_any_anchor() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = clock();
    let (path, store) = busy_store(dir.path(), &clock);
    let sidecar = store.anchor_path().expect("on disk");
    drop(store);
    std::fs::remove_file(&sidecar).expect("remove sidecar");
    // The tail holds the attest decision (last) and before it invoice 2's import and routing.
    raw(
        &path,
        "DROP TRIGGER audit_no_delete;
         DELETE FROM audit WHERE seq >= (SELECT MIN(seq) FROM audit WHERE invoice_id = 2);",
    );
    let store = Store::open(&path).expect("reopen");
    let r = store.audit_report(&[]).expect("report");
    assert!(r.chain.is_ok());
    assert!(!r.intact());
    let decision_gone = r
        .uncovered
        .iter()
        .any(|u| matches!(u, Uncovered::Decision(_)));
    assert!(decision_gone, "{:?}", r.uncovered);
    assert!(
        r.uncovered.contains(&Uncovered::Invoice(2)),
        "{:?}",
        r.uncovered
    );
    assert!(
        r.uncovered.contains(&Uncovered::Routing(2)),
        "{:?}",
        r.uncovered
    );
}

#[test]
fn an_unreadable_sidecar_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = clock();
    let (_path, mut store) = busy_store(dir.path(), &clock);
    let sidecar = store.anchor_path().expect("on disk");
    std::fs::write(&sidecar, b"{ not json").expect("spoil");
    office_invoice(&mut store, "C-1", &[10], &clock);
    assert_eq!(
        std::fs::read(&sidecar).expect("still there"),
        b"{ not json",
        "never overwritten"
    );
    let r = store.audit_report(&[]).expect("report");
    let problem = r.sidecar_problem.clone().expect("reported");
    assert!(problem.contains("digilyft.audit-anchor.json"), "{problem}");
    assert!(!r.intact());
}

/// The server's access events go into the same chain: each one sealed, the sidecar following,
/// the kind's stored name and the detail as given, a hostile long name cut.
#[test]
fn access_events_join_the_chain_and_move_the_anchor() {
    use digilyft_core::api::audit::{self as api_audit, AccessEvent};
    use digilyft_core::api::{Context, SequenceIds, Workspace};
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("digilyft.sqlite");
    let clock = clock();
    let ids = SequenceIds::new("t");
    let mut ws = Workspace::open_file(&path).expect("workspace");
    let ctx = Context::new(&clock, &ids);
    let long = "x".repeat(1000);
    let events = [
        (
            Some("u300"),
            AccessEvent::RoleChanged {
                username: "anna".into(),
                from: "attestant".into(),
                to: "manager".into(),
            },
        ),
        (
            None,
            AccessEvent::LoginFailed {
                username: long.clone(),
                reason: "bad-credentials".into(),
            },
        ),
        (
            Some("u300"),
            AccessEvent::DeviceRevoked {
                device_id: "d-1".into(),
                owner: "anna".into(),
            },
        ),
    ];
    for (actor, ev) in &events {
        let ctx = match actor {
            Some(a) => ctx.acting_as(a),
            None => ctx,
        };
        api_audit::record_access(&mut ws, &ctx, ev).expect("record");
    }
    drop(ws);
    let store = Store::open(&path).expect("reopen");
    let log = store.audit_events().expect("events");
    let kinds: Vec<(&str, &str)> = log
        .iter()
        .map(|e| (e.event.kind.as_str(), e.event.actor.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("account.role-changed", "u300"),
            ("account.login-failed", "anonymous"),
            ("device.revoked", "u300")
        ]
    );
    let role: serde_json::Value = serde_json::from_str(&log[0].event.detail).expect("json");
    assert_eq!(
        role,
        serde_json::json!({"username": "anna", "from": "attestant", "to": "manager"})
    );
    assert!(log[1].event.detail.len() < 300, "the claimed name is cut");
    assert_eq!(
        store.sidecar_anchor().expect("read"),
        store.audit_head().expect("head")
    );
    assert!(store.audit_report(&[]).expect("report").intact());
}
