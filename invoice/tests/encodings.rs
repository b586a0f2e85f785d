//! Issue 13, Deliver 1: every full fixture re-encoded (UTF-16LE and UTF-16BE with a byte-order
//! mark, ISO-8859-1, windows-1252) reads to the same model, gives the same findings and the same
//! rule firings as its UTF-8 original, and every position still points into the re-encoded bytes
//! at the element it names.

mod common;

use std::path::Path;

use digilyft_invoice::svefaktura::read_object_envelope;
use digilyft_invoice::validate::{RuleSetId, validate};
use digilyft_invoice::xml::Document;
use digilyft_invoice::{ReadOptions, read};

/// A target encoding: its name in the declaration and how to encode text into it.
#[derive(Debug, Clone, Copy)]
enum Target {
    Utf16Le,
    Utf16Be,
    Latin1,
    Windows1252,
}

impl Target {
    const ALL: [Target; 4] = [
        Target::Utf16Le,
        Target::Utf16Be,
        Target::Latin1,
        Target::Windows1252,
    ];

    fn label(self) -> &'static str {
        match self {
            Target::Utf16Le | Target::Utf16Be => "UTF-16",
            Target::Latin1 => "ISO-8859-1",
            Target::Windows1252 => "windows-1252",
        }
    }

    /// `text` in this encoding (with a byte-order mark for UTF-16), or `None` when it holds a
    /// character the encoding lacks.
    fn encode(self, text: &str) -> Option<Vec<u8>> {
        match self {
            Target::Utf16Le => Some(
                [0xFF, 0xFE]
                    .into_iter()
                    .chain(text.encode_utf16().flat_map(|u| u.to_le_bytes()))
                    .collect(),
            ),
            Target::Utf16Be => Some(
                [0xFE, 0xFF]
                    .into_iter()
                    .chain(text.encode_utf16().flat_map(|u| u.to_be_bytes()))
                    .collect(),
            ),
            Target::Latin1 => text
                .chars()
                .map(|c| u8::try_from(u32::from(c)).ok())
                .collect(),
            Target::Windows1252 => {
                let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
                (!unmappable).then(|| bytes.into_owned())
            }
        }
    }

    /// The ASCII character at 1-based `line` and byte `column` of `bytes` in this encoding.
    fn ascii_at(self, bytes: &[u8], line: u32, column: u32) -> Option<char> {
        let unit = match self {
            Target::Utf16Le | Target::Utf16Be => 2,
            Target::Latin1 | Target::Windows1252 => 1,
        };
        let code = |i: usize| -> Option<u16> {
            match self {
                Target::Utf16Le => Some(u16::from_le_bytes([*bytes.get(i)?, *bytes.get(i + 1)?])),
                Target::Utf16Be => Some(u16::from_be_bytes([*bytes.get(i)?, *bytes.get(i + 1)?])),
                _ => bytes.get(i).map(|b| u16::from(*b)),
            }
        };
        let mut start = 0usize;
        for _ in 1..line {
            let mut i = start;
            while code(i)? != u16::from(b'\n') {
                i += unit;
            }
            start = i + unit;
        }
        let found = code(start + column as usize - 1)?;
        u8::try_from(found)
            .ok()
            .filter(u8::is_ascii)
            .map(char::from)
    }
}

/// The fixture as text with its declaration naming `label` (one added when it has none).
fn relabel(original: &str, label: &str) -> String {
    let text = original.strip_prefix('\u{feff}').unwrap_or(original);
    if let Some(rest) = text.strip_prefix("<?xml")
        && let Some(end) = rest.find("?>")
    {
        let decl = &rest[..end];
        let decl = match decl.find("encoding") {
            Some(at) => {
                let after = &decl[at..];
                let open = after.find(['"', '\'']).unwrap_or(0);
                let quote = &after[open..=open];
                let close = after[open + 1..].find(quote).unwrap_or(0) + open + 1;
                format!("{}encoding=\"{label}\"{}", &decl[..at], &after[close + 1..])
            }
            None => format!("{decl} encoding=\"{label}\""),
        };
        return format!("<?xml{decl}?>{}", &rest[end + 2..]);
    }
    format!("<?xml version=\"1.0\" encoding=\"{label}\"?>{text}")
}

/// The documents whose re-encodings are compared: every full UBL fixture and the Svefaktura
/// invoices.
fn invoices() -> Vec<std::path::PathBuf> {
    let mut all = common::full_ubl();
    all.extend(common::svefaktura());
    all
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn re_encoded_invoices_read_and_validate_as_their_utf8_originals() {
    let mut compared = 0;
    let mut non_ascii = [0usize; 4];
    for path in invoices() {
        let original = String::from_utf8(common::bytes(&path))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // The UTF-8 reference is relabelled too, so that line 1 has the same shape.
        let reference = relabel(&original, "UTF-8");
        let want = read(reference.as_bytes()).unwrap_or_else(|e| panic!("{}: {e}", name(&path)));
        let want_doc = Document::parse(reference.as_bytes()).expect("parses");
        let want_report = validate(want_doc.root(), &RuleSetId::ALL);
        for (t, target) in Target::ALL.into_iter().enumerate() {
            let relabelled = relabel(&original, target.label());
            let Some(bytes) = target.encode(&relabelled) else {
                continue;
            };
            let case = format!("{} as {target:?}", name(&path));
            if !reference.is_ascii() {
                non_ascii[t] += 1;
            }
            let got = read(&bytes).unwrap_or_else(|e| panic!("{case}: {e}"));
            assert_eq!(got.format, want.format, "{case}");
            assert_eq!(got.invoice, want.invoice, "{case}");
            assert_eq!(got.findings.len(), want.findings.len(), "{case}");
            for (g, w) in got.findings.iter().zip(&want.findings) {
                assert_eq!(
                    (g.kind, g.line, &g.path, &g.message),
                    (w.kind, w.line, &w.path, &w.message),
                    "{case}"
                );
                assert_eq!(
                    target.ascii_at(&bytes, g.line, g.column),
                    Some('<'),
                    "{case}"
                );
            }
            let doc = Document::parse(&bytes).unwrap_or_else(|e| panic!("{case}: {e}"));
            let report = validate(doc.root(), &RuleSetId::ALL);
            assert_eq!(report.fired.len(), want_report.fired.len(), "{case}");
            for (g, w) in report.fired.iter().zip(&want_report.fired) {
                assert_eq!(
                    (g.id, g.severity, g.set, &g.location, g.position.line),
                    (w.id, w.severity, w.set, &w.location, w.position.line),
                    "{case}"
                );
                let at = target.ascii_at(&bytes, g.position.line, g.position.column);
                assert_eq!(at, Some('<'), "{case}: {} at {}", g.id, g.position);
            }
            compared += 1;
        }
    }
    // 74 documents in UTF-16 twice; the single-byte codes take all but those with characters
    // they lack.
    assert!(
        compared >= 74 * 2 + 2 * 60,
        "only {compared} re-encodings compared"
    );
    assert!(
        non_ascii.iter().all(|n| *n >= 10),
        "too few documents with non-ASCII text per encoding: {non_ascii:?}"
    );
}

#[test]
fn re_encoded_object_envelope_reads_as_its_utf8_original() {
    let original = String::from_utf8(common::bytes(&common::object_envelope())).expect("utf-8");
    let reference = relabel(&original, "UTF-8");
    let options = ReadOptions::default();
    let want = read_object_envelope(reference.as_bytes(), &options).expect("envelope");
    for target in Target::ALL {
        let bytes = target
            .encode(&relabel(&original, target.label()))
            .expect("the envelope is ASCII");
        let got =
            read_object_envelope(&bytes, &options).unwrap_or_else(|e| panic!("{target:?}: {e}"));
        assert_eq!(got.objects, want.objects, "{target:?}");
        assert_eq!(got.document_id, want.document_id, "{target:?}");
        assert_eq!(got.findings.len(), want.findings.len(), "{target:?}");
        for (g, w) in got.findings.iter().zip(&want.findings) {
            assert_eq!((g.line, &g.path), (w.line, &w.path), "{target:?}");
            assert_eq!(target.ascii_at(&bytes, g.line, g.column), Some('<'));
        }
    }
}

#[test]
fn a_byte_order_mark_that_contradicts_the_declaration_is_refused_naming_both() {
    let original = String::from_utf8(common::bytes(&common::object_envelope())).expect("utf-8");
    let bytes = Target::Utf16Le
        .encode(&relabel(&original, "ISO-8859-1"))
        .expect("utf-16");
    let err = read(&bytes).expect_err("mismatch");
    let text = err.to_string();
    assert!(
        text.contains("UTF-16LE byte-order mark") && text.contains("ISO-8859-1"),
        "{text}"
    );
    let err = read(relabel(&original, "x-klingon").as_bytes()).expect_err("unknown");
    assert!(err.to_string().contains("x-klingon"), "{err}");
}
