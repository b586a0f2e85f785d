//! Every shape the invoice crate's fuzz corpus throws at the readers, through the viewer's whole
//! pipeline (read → sheet → findings → HTML), in both languages: cut documents, flipped bytes,
//! DTDs and entities, wrong roots, broken base64. Nothing may panic, and a file that cannot be
//! shown must say why.

use std::path::Path;

use digilyft_viewer::i18n::Lang;
use digilyft_viewer::load::{self, Opened};
use digilyft_viewer::review::{self, Verdict};
use digilyft_viewer::{export, sheet};

fn samples() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    [
        "assets/samples/peppol-base-example.xml",
        "assets/samples/BIS_Billing_30-Telefoni.xml",
        "assets/samples/BIS_Billing_30-Kreditering_med_kreditnota.xml",
        "assets/samples/svefaktura.xml",
        "tests/fixtures/official/svefaktura/samples/ObjectEnvelope.xml",
        "viewer/tests/fixtures/foreign-reverse-charge.xml",
    ]
    .iter()
    .map(|p| (p.to_string(), std::fs::read(root.join(p)).expect("sample")))
    .collect()
}

/// Runs the whole pipeline; returns whether the document was shown as an invoice.
fn show(name: &str, bytes: &[u8]) -> bool {
    match load::load_bytes(name, bytes) {
        Opened::Invoice(l) => {
            for lang in [Lang::Sv, Lang::En] {
                let s = sheet::build(&l.invoice, l.format, lang);
                let rows = review::rows(&l.report, &l.read_findings, &s, lang);
                let html = export::html(&s, name, Verdict::of(&l.report), &rows, lang);
                assert!(html.ends_with("</html>\n"));
            }
            true
        }
        Opened::Envelope { .. } => false,
        Opened::Failed { error, .. } => {
            for lang in [Lang::Sv, Lang::En] {
                assert!(!error.message(lang).is_empty(), "{name}");
            }
            false
        }
    }
}

#[test]
fn cut_documents_never_panic() {
    for (name, bytes) in samples() {
        let step = (bytes.len() / 40).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            show(&format!("{name}[..{cut}]"), &bytes[..cut]);
        }
        assert!(
            show(&name, &bytes) || name.contains("ObjectEnvelope"),
            "{name} shows whole"
        );
    }
}

#[test]
fn flipped_bytes_never_panic() {
    for (name, bytes) in samples() {
        let step = (bytes.len() / 60).max(1);
        for at in (0..bytes.len()).step_by(step) {
            for flip in [b'<', b'&', 0xff, b'"', 0] {
                let mut b = bytes.clone();
                b[at] = flip;
                show(&format!("{name}@{at}"), &b);
            }
        }
    }
}

#[test]
fn hostile_constructions_are_refused_with_a_message() {
    let billion_laughs = br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Invoice>&lol2;</Invoice>"#;
    let external = br#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Invoice>&e;</Invoice>"#;
    let deep = format!("{}{}", "<a>".repeat(5000), "</a>".repeat(5000));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("billion-laughs.xml", billion_laughs.to_vec()),
        ("external-entity.xml", external.to_vec()),
        ("deep.xml", deep.into_bytes()),
        (
            "undefined-entity.xml",
            b"<Invoice>&nbsp;</Invoice>".to_vec(),
        ),
        (
            "wrong-root.xml",
            br#"<CreditNote xmlns="urn:example"/>"#.to_vec(),
        ),
        (
            "utf16-lie.xml",
            b"<?xml version=\"1.0\" encoding=\"UTF-16\"?><Invoice/>".to_vec(),
        ),
    ];
    for (name, bytes) in cases {
        assert!(
            !show(name, &bytes),
            "{name} must not be shown as an invoice"
        );
    }
}
