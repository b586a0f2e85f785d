//! Issue 14, findings 4 and 10: one bad file never stops an import, special files are never
//! read, sizes are checked before reading, and an attachment's bytes are stored once.

use std::path::{Path, PathBuf};
use std::time::Duration;

use digilyft_core::api::invoices::{self, ImportOutcome};
use digilyft_core::api::{Context, SequenceIds, Workspace};
use digilyft_core::import::max_file_bytes;

use crate::common::*;

/// A valid invoice numbered `number`.
fn invoice_bytes(number: &str) -> Vec<u8> {
    bytes(&invoice(
        "5561234567",
        "Kontorsvaror i Norr AB",
        number,
        "4110",
        &[1000],
    ))
}

/// A valid invoice with one embedded attachment of `content`.
pub fn with_attachment(number: &str, content: &[u8]) -> Vec<u8> {
    use base64::Engine as _;
    let xml = String::from_utf8(invoice_bytes(number)).expect("utf-8");
    let encoded = base64::engine::general_purpose::STANDARD.encode(content);
    let reference = format!(
        "<cac:AdditionalDocumentReference><cbc:ID>bilaga-1</cbc:ID><cac:Attachment>\
         <cbc:EmbeddedDocumentBinaryObject mimeCode=\"application/pdf\" filename=\"bilaga.pdf\">{encoded}\
         </cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>\n  \
         <cac:AccountingSupplierParty>"
    );
    xml.replacen("<cac:AccountingSupplierParty>", &reference, 1)
        .into_bytes()
}

/// Runs `f` on another thread and fails the test when it does not finish within a minute (a
/// FIFO that blocks the import would otherwise hang the suite).
fn within_a_minute<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("the import finished (it did not block on a special file)")
}

fn import(dir: PathBuf, paths: Vec<PathBuf>) -> Vec<invoices::ImportedFile> {
    within_a_minute(move || {
        let clock = clock();
        let ids = SequenceIds::new("t");
        let ctx = Context::new(&clock, &ids);
        let mut ws = Workspace::open(&dir).expect("store");
        invoices::import_paths(&mut ws, &ctx, &paths, &mut |_, _| {}).expect("import runs")
    })
}

fn outcome_of<'a>(out: &'a [invoices::ImportedFile], name: &str) -> &'a ImportOutcome {
    &out.iter()
        .find(|f| f.path.file_name().is_some_and(|n| n == name))
        .unwrap_or_else(|| panic!("{name} has an outcome: {out:?}"))
        .outcome
}

fn unreadable_reason<'a>(out: &'a [invoices::ImportedFile], name: &str) -> &'a str {
    match outcome_of(out, name) {
        ImportOutcome::Unreadable { reason } => reason,
        other => panic!("{name}: expected unreadable, got {other:?}"),
    }
}

#[cfg(unix)]
#[test]
fn bad_files_are_reported_one_by_one_and_never_stop_the_rest() {
    let tmp = tempfile::tempdir().expect("tmp");
    let inbox = tmp.path().join("inkorg");
    std::fs::create_dir(&inbox).expect("inbox");
    std::fs::write(inbox.join("a-good.xml"), invoice_bytes("F-1")).expect("a");
    std::fs::write(inbox.join("z-good.xml"), invoice_bytes("F-2")).expect("z");
    // A FIFO named like an invoice: opening it for reading would block forever.
    let fifo = inbox.join("fifo.xml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // A link to an endless device: reading it would never end.
    std::os::unix::fs::symlink("/dev/zero", inbox.join("zero.xml")).expect("link");
    // A link to nothing.
    std::os::unix::fs::symlink(inbox.join("gone"), inbox.join("dangling.xml")).expect("link");
    // A file above the limit (sparse: no disk used).
    let big = std::fs::File::create(inbox.join("huge.xml")).expect("huge");
    big.set_len(max_file_bytes() + 1).expect("sparse");
    drop(big);
    let missing = tmp.path().join("no-such-file.xml");

    let out = import(tmp.path().join("data"), vec![inbox.clone(), missing]);
    assert_eq!(out.len(), 7, "every file has an outcome: {out:?}");
    for good in ["a-good.xml", "z-good.xml"] {
        assert!(
            matches!(outcome_of(&out, good), ImportOutcome::Stored { .. }),
            "{good} is stored after the bad ones: {out:?}"
        );
    }
    assert!(unreadable_reason(&out, "fifo.xml").contains("FIFO"));
    assert!(unreadable_reason(&out, "zero.xml").contains("a link to a device"));
    assert!(unreadable_reason(&out, "dangling.xml").contains("dangling.xml"));
    let huge = unreadable_reason(&out, "huge.xml");
    assert!(
        huge.contains("huge.xml") && huge.contains(&max_file_bytes().to_string()),
        "the message names the file and the limit: {huge}"
    );
    assert!(unreadable_reason(&out, "no-such-file.xml").contains("no-such-file.xml"));
}

#[test]
fn an_attachment_is_stored_once_and_shown_whole() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content: Vec<u8> = (0..3_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let file = tmp.path().join("bilaga.xml");
    std::fs::write(&file, with_attachment("F-9", &content)).expect("write");
    let data = tmp.path().join("data");
    let out = import(data.clone(), vec![file.clone()]);
    let ImportOutcome::Stored { id, .. } = out[0].outcome else {
        panic!("stored: {out:?}");
    };
    let ws = Workspace::open(&data).expect("reopen");
    let view = invoices::detail_by_id(&ws, id).expect("detail");
    use base64::Engine as _;
    let shown = view.model.as_ref().expect("model")["invoice"]["supporting_documents"][0]
        ["attachment"]["content"]
        .as_str()
        .map(|s| base64::engine::general_purpose::STANDARD.decode(s).expect("base64"));
    assert_eq!(
        shown.as_deref(),
        Some(content.as_slice()),
        "show has the attachment"
    );
    drop(ws);
    // The store holds the original (about 4/3 of the attachment as base64) once, not the
    // attachment a second time in the model.
    let store_bytes = store_size(&data);
    let original = std::fs::metadata(&file).expect("meta").len();
    assert!(
        store_bytes < original + original / 2,
        "store {store_bytes} bytes for a {original}-byte document"
    );
}

/// The store file and its WAL, in bytes.
fn store_size(data: &Path) -> u64 {
    ["digilyft.sqlite", "digilyft.sqlite-wal"]
        .iter()
        .filter_map(|f| std::fs::metadata(data.join(f)).ok())
        .map(|m| m.len())
        .sum()
}
