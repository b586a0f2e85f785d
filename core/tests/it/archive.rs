//! The archive package of an invoice: complete, self-verifying, and tampering is found.

use digilyft_core::approval::Decision;
use digilyft_core::archive::{self, ArchiveError};
use digilyft_core::clock::Clock;

use crate::common::*;

#[test]
fn a_package_holds_the_original_history_and_rules_and_finds_tampering() {
    let clock = clock();
    let mut store = store_with_rules(&clock);
    let id = office_invoice(&mut store, "A-1", &[1200], &clock);
    review(&mut store, id, Decision::Attest, &clock);
    let out = tempfile::tempdir().expect("tmp");
    let dir = archive::export(&store, id, out.path(), clock.now()).expect("export");

    let check = archive::verify(&dir).expect("verify");
    assert!(check.intact(), "{check:?}");
    let events = store.invoice_detail(id).expect("detail").audit.len();
    assert_eq!(
        check.events, events,
        "every event of the invoice is in the package"
    );
    let names: Vec<&str> = check
        .manifest
        .files
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    for want in [
        archive::ORIGINAL,
        archive::REPORT,
        archive::MODEL,
        archive::DECISIONS,
        archive::EVENTS,
        "attestforteckning-v1.xlsx",
    ] {
        assert!(names.contains(&want), "{want} in {names:?}");
    }
    let (_, original, _) = store.original(id).expect("original");
    assert_eq!(
        std::fs::read(dir.join(archive::ORIGINAL)).expect("read"),
        original,
        "byte for byte"
    );
    assert_eq!(
        check.manifest.audit_anchor,
        store.audit_head().expect("head")
    );

    // The same package again is refused, never overwritten.
    assert!(matches!(
        archive::export(&store, id, out.path(), clock.now()),
        Err(ArchiveError::Save(_))
    ));

    // Someone edits the original and one event of the history.
    std::fs::write(dir.join(archive::ORIGINAL), b"<Invoice/>").expect("tamper");
    let history = std::fs::read_to_string(dir.join(archive::EVENTS)).expect("history");
    let edited = history.replacen("\"actor\":\"u230\"", "\"actor\":\"u999\"", 1);
    assert_ne!(edited, history);
    std::fs::write(dir.join(archive::EVENTS), edited).expect("tamper");
    let check = archive::verify(&dir).expect("verify");
    assert!(!check.intact());
    assert!(check.changed_files.contains(&archive::ORIGINAL.to_string()));
    assert!(check.changed_files.contains(&archive::EVENTS.to_string()));
    assert_eq!(check.edited_events.len(), 1, "{check:?}");
}

#[test]
fn a_hostile_invoice_number_stays_inside_the_archive() {
    assert_eq!(
        archive::folder_name(7, "../../etc/passwd"),
        "7-______etc_passwd"
    );
    assert_eq!(archive::folder_name(8, "KN-2044"), "8-KN-2044");
}
