//! Issue 14, findings 5 and 9: damage that `audit verify` must see and that stops writes, a lost
//! anchor, explicit re-anchoring, and four processes opening a new store at once.

use std::path::{Path, PathBuf};

use digilyft_core::api::{self, Context, ErrorCode, SequenceIds, Workspace};
use digilyft_core::paths;
use digilyft_core::synth;

use crate::common::*;

/// A data directory holding a store with `n` imported invoices, closed (WAL checkpointed).
fn store_with_invoices(dir: &Path, n: usize) -> PathBuf {
    let clock = clock();
    let ids = SequenceIds::new("t");
    let ctx = Context::new(&clock, &ids);
    let mut ws = Workspace::open(dir).expect("store");
    api::invoices::import_bytes(&mut ws, &ctx, synth::batch(n, day(2026, 11, 2))).expect("import");
    drop(ws);
    paths::store_file(dir)
}

/// Zeroes one page of the `invoice` table (a b-tree leaf holding invoice rows: its rows carry
/// the facts JSON) and returns its number.
fn zero_an_invoice_page(store: &Path) -> usize {
    let mut bytes = std::fs::read(store).expect("read store");
    let page_size = match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65_536,
        n => usize::from(n),
    };
    let page = (1..bytes.len() / page_size)
        .find(|&i| {
            let p = &bytes[i * page_size..(i + 1) * page_size];
            p[0] == 0x0D && p.windows(13).any(|w| w == b"\"supplier_id\"")
        })
        .expect("an invoice leaf page");
    bytes[page * page_size..(page + 1) * page_size].fill(0);
    std::fs::write(store, bytes).expect("write store");
    page
}

fn try_write(dir: &Path) -> api::Result<()> {
    let clock = clock();
    let ids = SequenceIds::new("w");
    let ctx = Context::new(&clock, &ids);
    let mut ws = Workspace::open(dir)?;
    let doc = bytes(&invoice(
        "5561234567",
        "Kontorsvaror i Norr AB",
        "NY-1",
        "4110",
        &[5],
    ));
    api::invoices::import_bytes(&mut ws, &ctx, vec![("ny.xml".into(), doc)]).map(|_| ())
}

#[test]
fn a_zeroed_invoice_page_is_reported_by_verify_and_stops_writes() {
    let tmp = tempfile::tempdir().expect("tmp");
    let store = store_with_invoices(tmp.path(), 120);
    let page = zero_an_invoice_page(&store);
    let ws = Workspace::open(tmp.path()).expect("a damaged store still opens for reading");
    let report = api::audit::verify(&ws, &[]).expect("verify runs");
    assert!(
        !report.intact(),
        "page {page} zeroed, yet verify says intact"
    );
    assert!(report.storage.is_err(), "{:?}", report.storage);
    assert!(api::audit::damage(&ws).is_some());
    drop(ws);
    let err = try_write(tmp.path()).expect_err("writes refused");
    assert_eq!(err.code, ErrorCode::Corrupt, "{}", err.message);
    assert!(err.message.contains("backup"), "{}", err.message);
}

#[test]
fn a_deleted_anchor_is_an_error_until_an_administrator_reanchors() {
    let tmp = tempfile::tempdir().expect("tmp");
    let store = store_with_invoices(tmp.path(), 3);
    let anchor = digilyft_core::store::anchor_file(&store);
    std::fs::remove_file(&anchor).expect("delete the anchor");

    let err = try_write(tmp.path()).expect_err("refused");
    assert_eq!(err.code, ErrorCode::Corrupt, "{}", err.message);
    assert!(err.message.contains("disappeared"), "{}", err.message);
    assert!(!anchor.exists(), "not silently recreated");
    let ws = Workspace::open(tmp.path()).expect("open");
    let report = api::audit::verify(&ws, &[]).expect("verify");
    assert!(report.anchor_lost && !report.intact());
    drop(ws);

    let clock = clock();
    let ids = SequenceIds::new("r");
    let ctx = Context::new(&clock, &ids).acting_as("u300");
    let mut ws = Workspace::open(tmp.path()).expect("open");
    let blank = api::audit::reanchor(&mut ws, &ctx, " ").expect_err("a reason is required");
    assert_eq!(blank.code, ErrorCode::Validation);
    let new =
        api::audit::reanchor(&mut ws, &ctx, "lagret återställt utan ankare").expect("reanchor");
    assert!(anchor.exists());
    let events = ws.store_file().to_path_buf();
    drop(ws);
    let ws = Workspace::open(events.parent().expect("dir")).expect("open");
    let report = api::audit::verify(&ws, &[]).expect("verify");
    assert!(report.intact(), "{report:?}");
    assert_eq!(report.head.as_ref(), Some(&new));
    drop(ws);
    try_write(tmp.path()).expect("writes work again");
}

#[test]
fn a_broken_chain_stops_writes_and_reanchoring_does_not_hide_it() {
    let tmp = tempfile::tempdir().expect("tmp");
    let store = store_with_invoices(tmp.path(), 3);
    {
        let conn = rusqlite::Connection::open(&store).expect("raw");
        conn.execute_batch(
            "DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'mallory' WHERE seq = 2;",
        )
        .expect("tamper");
    }
    let err = try_write(tmp.path()).expect_err("refused");
    assert_eq!(err.code, ErrorCode::Corrupt);
    assert!(err.message.contains("hash chain"), "{}", err.message);
    let clock = clock();
    let ids = SequenceIds::new("r");
    let ctx = Context::new(&clock, &ids);
    let mut ws = Workspace::open(tmp.path()).expect("open");
    let refused = api::audit::reanchor(&mut ws, &ctx, "försök").expect_err("refused");
    assert_eq!(refused.code, ErrorCode::Corrupt);
}

#[test]
fn four_first_opens_at_once_do_not_race_in_the_migration() {
    for round in 0..5 {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path().join(format!("new-{round}"));
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(4));
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let (dir, barrier) = (dir.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    Workspace::open(&dir).map(|_| ())
                })
            })
            .collect();
        for h in handles {
            let opened = h.join().expect("thread");
            assert!(opened.is_ok(), "round {round}: {opened:?}");
        }
    }
}
