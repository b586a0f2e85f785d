//! Import: stored, duplicates, needs-action, listing.

use digilyft_core::import::import_one;
use digilyft_core::store::{DuplicateKind, ImportOutcome, Store};

use crate::common::*;

#[test]
fn stores_lists_and_recognises_duplicates() {
    let clock = clock();
    let mut store = Store::open_in_memory().expect("store");
    let inv = invoice(
        "5561234567",
        "Kontorsvaror i Norr AB",
        "F-1001",
        "4110",
        &[1000, 250],
    );
    let first = import_one(&mut store, "a.xml", &bytes(&inv), &clock).expect("import");
    let id = match first {
        ImportOutcome::Stored { id, .. } => id,
        other => panic!("expected stored, got {other:?}"),
    };
    let again = import_one(&mut store, "a-copy.xml", &bytes(&inv), &clock).expect("import");
    assert_eq!(
        again,
        ImportOutcome::Duplicate {
            existing: id,
            kind: DuplicateKind::SameBytes
        }
    );
    // Same supplier, number and date but different bytes (e.g. re-sent with another note).
    let mut resent = inv.clone();
    resent.lines.push(("Frakt".into(), 50.into()));
    let third = import_one(&mut store, "b.xml", &bytes(&resent), &clock).expect("import");
    assert_eq!(
        third,
        ImportOutcome::Duplicate {
            existing: id,
            kind: DuplicateKind::SameInvoice
        }
    );
    let list = store.list_invoices().expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].number, "F-1001");
    assert_eq!(list[0].supplier_id, "5561234567");
    assert_eq!(list[0].amount, "1562.50".parse().expect("dec"));
    assert_eq!(list[0].due_date, Some(day(2026, 12, 18)));
}

#[test]
fn broken_documents_are_kept_as_needs_action() {
    let clock = clock();
    let mut store = Store::open_in_memory().expect("store");
    let out = import_one(&mut store, "junk.xml", b"<not-closed>", &clock).expect("import");
    assert!(matches!(out, ImportOutcome::NeedsAction { .. }), "{out:?}");
    let out =
        import_one(&mut store, "order.xml", b"<Order xmlns='urn:x'/>", &clock).expect("import");
    assert!(matches!(out, ImportOutcome::NeedsAction { .. }), "{out:?}");
    let list = store.list_invoices().expect("list");
    assert_eq!(list.len(), 2);
    assert!(list.iter().all(|i| i.state.as_str() == "needs-action"));
    let (_, original, _) = store.original(list[0].id).expect("original");
    assert!(original == b"<Order xmlns='urn:x'/>" || original == b"<not-closed>");
}
