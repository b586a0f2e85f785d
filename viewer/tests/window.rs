//! The window, driven through its accessibility tree with `egui_kittest` (no GPU, no display):
//! open each sample invoice and find its fields by their accessible labels, switch language,
//! select a finding, open attachments, and open hostile files.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use digilyft_viewer::load::Source;
use digilyft_viewer::ui::{Doc, View};
use digilyft_viewer::{Settings, Viewer};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn sample(name: &str) -> PathBuf {
    root().join("assets/samples").join(name)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn official(path: &str) -> PathBuf {
    root().join("tests/fixtures/official").join(path)
}

fn harness<'a>() -> Harness<'a, Viewer> {
    Harness::builder()
        .with_size([1280.0, 900.0])
        .build_ui_state(
            |ui, viewer: &mut Viewer| viewer.ui(ui),
            Viewer::new(Settings::default()),
        )
}

/// Steps until `done` holds (at most 30 s of wall time: reading and rendering run on threads).
fn step_until(h: &mut Harness<'_, Viewer>, what: &str, done: impl Fn(&Viewer) -> bool) {
    let start = Instant::now();
    h.step();
    while !done(h.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(5));
        h.step();
    }
    // Let the layout settle (first frames size the grids).
    h.step();
    h.step();
}

/// Opens `sources` through the background loader and waits until all are in.
fn open(h: &mut Harness<'_, Viewer>, sources: Vec<Source>) {
    let ctx = h.ctx.clone();
    h.state_mut().open(sources, &ctx);
    step_until(h, "the files to be read", |v| !v.is_loading());
}

fn open_path(h: &mut Harness<'_, Viewer>, path: PathBuf) {
    open(h, vec![Source::Path(path)]);
}

fn button<'t>(h: &'t Harness<'_, Viewer>, label: &'t str) -> egui_kittest::Node<'t> {
    h.get_by_role_and_label(egui::accesskit::Role::Button, label)
}

fn value_of(h: &Harness<'_, Viewer>, label: &str) -> String {
    h.get_by_label(label)
        .value()
        .unwrap_or_else(|| panic!("{label} has no value"))
}

#[test]
fn every_sample_invoice_opens_with_its_number_labelled() {
    let files = [
        (sample("peppol-base-example.xml"), "Fakturanummer"),
        (sample("BIS_Billing_30-Telefoni.xml"), "Fakturanummer"),
        (
            sample("BIS_Billing_30-Kreditering_med_kreditnota.xml"),
            "Kreditnotanummer",
        ),
        (sample("svefaktura.xml"), "Fakturanummer"),
        (fixture("foreign-reverse-charge.xml"), "Fakturanummer"),
    ];
    for (path, caption) in files {
        let mut h = harness();
        open_path(&mut h, path.clone());
        let number = match &h.state().docs[0] {
            Doc::Ready(r) => r.loaded.invoice.number.clone().expect("has a number"),
            Doc::Failed { error, .. } => panic!("{}: {error:?}", path.display()),
        };
        assert_eq!(value_of(&h, caption), number, "{}", path.display());
        h.check_accessibility();
    }
}

#[test]
fn swedish_invoice_shows_bankgiro_amounts_and_units_the_swedish_way() {
    let mut h = harness();
    open_path(&mut h, sample("BIS_Billing_30-Telefoni.xml"));
    let bankgiro = value_of(&h, "Bankgiro");
    assert!(
        bankgiro.len() == 9 && bankgiro.as_bytes()[4] == b'-'
            || bankgiro.len() == 8 && bankgiro.as_bytes()[3] == b'-',
        "bankgiro written NNNN-NNNN or NNN-NNNN: {bankgiro}"
    );
    let due = value_of(&h, "Att betala");
    assert!(due.ends_with(" kr") && due.contains(','), "{due}");
    assert_eq!(value_of(&h, "Fakturadatum"), "2007-02-05");
    assert_eq!(value_of(&h, "Säljare: Organisationsnummer"), "556677-8899");
    // Units by name, not by code (EA, MIN in the document).
    assert_eq!(value_of(&h, "Rad 1: Enhet"), "st");
    assert_eq!(value_of(&h, "Rad 2: Enhet"), "min");
}

#[test]
fn the_language_switch_turns_every_label_english_and_back() {
    let mut h = harness();
    open_path(&mut h, sample("BIS_Billing_30-Telefoni.xml"));
    h.get_by_label("Byt språk till engelska").click();
    h.step();
    h.step();
    assert_eq!(value_of(&h, "Invoice number"), "2007-99123");
    assert_eq!(value_of(&h, "Issue date"), "5 Feb 2007");
    assert!(value_of(&h, "Amount due").ends_with(" SEK"));
    assert!(h.query_by_label("Fakturanummer").is_none());
    h.get_by_label("Switch language to Swedish").click();
    h.step();
    h.step();
    assert_eq!(value_of(&h, "Fakturanummer"), "2007-99123");
    h.check_accessibility();
}

#[test]
fn a_credit_note_is_marked_as_one() {
    let mut h = harness();
    open_path(
        &mut h,
        sample("BIS_Billing_30-Kreditering_med_kreditnota.xml"),
    );
    assert!(
        h.query_by_label_contains("KREDITNOTA").is_some(),
        "credit note banner"
    );
    assert!(value_of(&h, "Att kreditera").ends_with(" kr"));
}

#[test]
fn foreign_reverse_charge_invoice_shows_iban_in_fours_and_the_category() {
    let mut h = harness();
    open_path(&mut h, fixture("foreign-reverse-charge.xml"));
    assert_eq!(value_of(&h, "IBAN"), "DE89 3704 0044 0532 0130 00");
    assert_eq!(value_of(&h, "BIC"), "COBADEFFXXX");
    assert_eq!(value_of(&h, "Att betala"), "1 860,00 EUR");
    assert!(
        h.query_by_label("Omvänd betalningsskyldighet (AE)")
            .is_some()
    );
    assert_eq!(value_of(&h, "Rad 1: Enhet"), "tim");
    assert_eq!(value_of(&h, "Rad 2: Enhet"), "dag");
}

#[test]
fn selecting_a_finding_highlights_its_place_and_the_source_line() {
    let mut h = harness();
    open_path(&mut h, sample("BIS_Billing_30-Telefoni.xml"));
    assert!(value_of(&h, "Granskning: Underkänd: fakturan har fel").starts_with("Underkänd"));
    h.get_by_label_contains("PEPPOL-COMMON-R049").click();
    h.step();
    h.step();
    let (terms, line) = {
        let Some(Doc::Ready(r)) = h.state().docs.first() else {
            panic!("not read")
        };
        let row = &r.rows[r.selected.expect("a finding is selected")];
        (row.target.terms.clone(), row.target.source_line)
    };
    assert!(terms.contains(&"BT-30"), "{terms:?}");
    assert!(line > 0);
    // R049 fires on the buyer's endpoint (line 75): the buyer's block is marked, the seller's
    // organisation number (BT-30 too) is not.
    let marked = |h: &Harness<'_, Viewer>, label: &str| {
        h.get_by_label(label)
            .accesskit_node()
            .description()
            .as_deref()
            == Some("Plats för den valda anmärkningen")
    };
    assert!(marked(&h, "Köpare: Elektronisk adress"));
    assert!(!marked(&h, "Säljare: Organisationsnummer"));
    assert!(!marked(&h, "Fakturanummer"));
    // The "XML-källa" button of the selected finding opens the source at its line.
    h.get_all_by_label("XML-källa")
        .last()
        .expect("button")
        .click();
    h.step();
    h.step();
    assert_eq!(h.state().view, View::Source);
    let marked = h
        .query_all_by_label_contains(&format!("{line:>3}  "))
        .count();
    assert!(marked >= 1, "source line {line} is on screen");
    h.check_accessibility();
}

#[test]
fn attachments_pdf_and_image_are_shown_in_the_window() {
    let mut h = harness();
    open_path(&mut h, fixture("foreign-reverse-charge.xml"));
    button(&h, "Bilagor").click();
    step_until(&mut h, "the PDF to be rendered", |_| true);
    let start = Instant::now();
    while h.query_by_label("tidrapport.pdf, Sida 1 / 1").is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "PDF page never shown"
        );
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.get_by_label("Bilaga: projekt.png").click();
    let start = Instant::now();
    h.step();
    while h.query_by_label_contains("projekt.png (").is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "image never shown"
        );
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.check_accessibility();
}

#[test]
fn svefaktura_with_its_object_envelope_gets_the_attachments() {
    let mut h = harness();
    open(
        &mut h,
        vec![
            Source::Path(official("svefaktura/samples/svefaktura.xml")),
            Source::Path(official("svefaktura/samples/ObjectEnvelope.xml")),
        ],
    );
    step_until(&mut h, "the envelope", |v| !v.is_loading());
    let Some(Doc::Ready(r)) = h.state().docs.first() else {
        panic!("not read")
    };
    assert_eq!(
        h.state().docs.len(),
        1,
        "the envelope joins the invoice, no tab of its own"
    );
    assert!(
        r.loaded
            .invoice
            .supporting_documents
            .iter()
            .any(|d| d.attachment.is_some())
    );
    button(&h, "Bilagor").click();
    h.step();
    assert!(h.query_by_label_contains("Bilaga: bild.jpg").is_some());
}

#[test]
fn hostile_files_give_a_message_never_a_crash() {
    let base = std::fs::read(fixture("foreign-reverse-charge.xml")).expect("fixture");
    let text = String::from_utf8(base.clone()).expect("utf-8");
    let broken_base64 = text.replacen(
        "mimeCode=\"application/pdf\" filename=\"tidrapport.pdf\">",
        "mimeCode=\"application/pdf\" filename=\"tidrapport.pdf\">!!not*base64",
        1,
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated.xml", base[..base.len() / 2].to_vec(), "Filen är inte giltig XML"),
        (
            "dtd.xml",
            b"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><Invoice>&b;</Invoice>".to_vec(),
            "DOCTYPE",
        ),
        ("wrong-root.xml", b"<html><body>hej</body></html>".to_vec(), "ingen faktura"),
        ("empty.xml", Vec::new(), "Filen är tom"),
        ("binary.xml", vec![0xff, 0xd8, 0xff, 0xe0, 0, 0, 1, 2, 3], "Filen är inte giltig XML"),
    ];
    for (name, bytes, expected) in cases {
        let mut h = harness();
        open(&mut h, vec![Source::Bytes(name.to_string(), bytes)]);
        assert!(h.query_by_label("Filen kan inte visas").is_some(), "{name}");
        assert!(
            h.query_by_label_contains(expected).is_some(),
            "{name}: expected “{expected}”"
        );
    }
    // Broken base64 in an attachment: the invoice is shown, the attachment reported.
    let mut h = harness();
    open(
        &mut h,
        vec![Source::Bytes(
            "broken-base64.xml".into(),
            broken_base64.into_bytes(),
        )],
    );
    assert_eq!(value_of(&h, "Fakturanummer"), "RE-2026-0815");
    assert!(h.query_by_label_contains("READ-INVALID-VALUE").is_some());
    button(&h, "Bilagor").click();
    h.step();
    h.step();
}

#[test]
fn a_ten_megabyte_invoice_opens_and_its_source_stays_drawable() {
    let text = std::fs::read_to_string(fixture("foreign-reverse-charge.xml")).expect("fixture");
    // A 10 MB attachment (a PDF header and filler), as one base64 line.
    let mut content = b"%PDF-1.4\n".to_vec();
    content.resize(7_600_000, b'x');
    use base64::Engine as _;
    let big = base64::engine::general_purpose::STANDARD.encode(&content);
    let doc = text.replacen(
        "<cbc:ID>LOGO-1</cbc:ID>",
        &format!("<cbc:ID>BIG-1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode=\"application/pdf\" filename=\"stor.pdf\">{big}</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference><cac:AdditionalDocumentReference><cbc:ID>LOGO-1</cbc:ID>"),
        1,
    );
    assert!(doc.len() > 10_000_000);
    let mut h = harness();
    let ctx = h.ctx.clone();
    h.state_mut().open(
        vec![Source::Bytes("stor.xml".into(), doc.into_bytes())],
        &ctx,
    );
    // The frame right after opening draws while the file is read in the background.
    h.step();
    step_until(&mut h, "the big file", |v| !v.is_loading());
    assert_eq!(value_of(&h, "Fakturanummer"), "RE-2026-0815");
    button(&h, "XML-källa").click();
    h.step();
    h.step();
    button(&h, "Bilagor").click();
    h.step();
    h.get_by_label("Bilaga: stor.pdf").click();
    let start = Instant::now();
    while h.query_by_label("Bilagan kan inte visas").is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "broken big PDF never reported"
        );
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
}

#[test]
fn html_export_writes_a_new_file_and_never_overwrites() {
    let mut h = harness();
    open_path(&mut h, sample("svefaktura.xml"));
    let dir = std::env::temp_dir().join(format!("digilyft-view-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("faktura.html");
    let _ = std::fs::remove_file(&path);
    let said = h.state().export_to(&path);
    assert!(said.starts_with("Sparad"), "{said}");
    let html = std::fs::read_to_string(&path).expect("written");
    assert!(html.contains("<html lang=\"sv\">") && html.contains("Moderna Produkter AB"));
    assert!(!html.contains("<script") && !html.contains("src="));
    let again = h.state().export_to(&path);
    assert!(again.contains("finns redan"), "{again}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn keyboard_shortcuts_switch_views_and_language() {
    let mut h = harness();
    open_path(&mut h, sample("peppol-base-example.xml"));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num3);
    h.step();
    assert_eq!(h.state().view, View::Source);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    h.step();
    h.step();
    assert!(h.query_by_label("Invoice number").is_some());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    h.step();
    assert!(h.state().settings.high_contrast);
}

/// A file dropped on the window, as the windowing integration hands it to egui.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_files_on_the_window_opens_them() {
    let mut h = harness();
    h.step();
    assert!(h.query_by_label_contains("Dra en fakturafil hit").is_some());
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(sample("svefaktura.xml"))));
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(sample(
            "peppol-base-example.xml",
        ))));
    h.step();
    step_until(&mut h, "the dropped files", |v| {
        !v.is_loading() && v.docs.len() == 2
    });
    // The last opened file is shown; the tabs name both.
    assert_eq!(value_of(&h, "Fakturanummer"), "Snippet1");
    h.get_by_label("svefaktura.xml").click();
    h.step();
    h.step();
    assert_eq!(value_of(&h, "Fakturanummer"), "15");
}

#[test]
fn every_toolbar_control_is_reachable_with_tab_and_pressed_with_space() {
    let mut h = harness();
    open_path(&mut h, sample("peppol-base-example.xml"));
    let mut reached = false;
    for _ in 0..20 {
        h.key_press(egui::Key::Tab);
        h.step();
        if h.get_by_label("Byt språk till engelska").is_focused() {
            reached = true;
            break;
        }
    }
    assert!(reached, "the language button is reachable by Tab");
    h.key_press(egui::Key::Space);
    h.step();
    h.step();
    assert!(h.query_by_label("Invoice number").is_some());
}
