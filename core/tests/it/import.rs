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
    // Each reason names the file and what is wrong with it.
    let out = import_one(&mut store, "junk.xml", b"<not-closed>", &clock).expect("import");
    assert!(
        matches!(&out, ImportOutcome::NeedsAction { reason, .. }
            if reason.starts_with("junk.xml: not well-formed XML")),
        "{out:?}"
    );
    let out =
        import_one(&mut store, "order.xml", b"<Order xmlns='urn:x'/>", &clock).expect("import");
    assert!(
        matches!(&out, ImportOutcome::NeedsAction { reason, .. }
            if reason.starts_with("order.xml: not a PEPPOL BIS 3 or Svefaktura invoice")),
        "{out:?}"
    );
    let list = store.list_invoices().expect("list");
    assert_eq!(list.len(), 2);
    assert!(list.iter().all(|i| i.state.as_str() == "needs-action"));
    let (_, original, _) = store.original(list[0].id).expect("original");
    assert!(original == b"<Order xmlns='urn:x'/>" || original == b"<not-closed>");
}

#[test]
fn stored_facts_are_the_projection_of_the_stored_model() {
    let clock = clock();
    let mut store = Store::open_in_memory().expect("store");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/samples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("samples")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "{files:?}");
    for file in files {
        let bytes = std::fs::read(&file).expect("sample");
        let name = file.display().to_string();
        let id = match import_one(&mut store, &name, &bytes, &clock).expect("import") {
            ImportOutcome::Stored { id, .. } | ImportOutcome::NeedsAction { id, .. } => id,
            other => panic!("{name}: {other:?}"),
        };
        let detail = store.invoice_detail(id).expect("detail");
        let read = digilyft_invoice::read(&bytes).expect("an invoice");
        let model: serde_json::Value =
            serde_json::from_str(detail.model_json.as_deref().expect("model stored"))
                .expect("model json");
        assert_eq!(model["format"], read.format.name(), "{name}");
        assert_eq!(
            model["invoice"],
            serde_json::to_value(&read.invoice).expect("json"),
            "{name}"
        );
        let want = digilyft_core::facts::from_model(&read).expect("facts");
        assert_eq!(detail.facts.as_ref(), Some(&want), "{name}");
        assert_eq!(want.format.as_str(), read.format.name(), "{name}");
    }
}

#[test]
fn an_invoice_without_a_number_needs_action_naming_the_file() {
    let clock = clock();
    let mut store = Store::open_in_memory().expect("store");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../assets/samples/peppol-base-example.xml");
    let text = std::fs::read_to_string(path).expect("sample");
    let without = text.replacen("<cbc:ID>Snippet1</cbc:ID>", "", 1);
    assert_ne!(without, text);
    let out = import_one(&mut store, "no-number.xml", without.as_bytes(), &clock).expect("import");
    assert!(
        matches!(&out, ImportOutcome::NeedsAction { reason, .. }
            if reason.starts_with("no-number.xml: missing BT-1 invoice number")),
        "{out:?}"
    );
}
