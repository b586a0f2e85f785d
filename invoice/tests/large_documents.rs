//! Issue 13, Deliver 3 and 4: linear time on large documents, as regression guards.
//!
//! Each case is one the issue measured as quadratic (25,000 empty elements: 14 s; 20,000 lines
//! each with one error: 22 s; an ObjectEnvelope with 100,000 objects: 24 s). The deadlines are
//! generous — several times what a linear implementation needs on a loaded 2-core machine, and
//! multiplied for unoptimised test builds — so they only fail when a cost grows faster than the
//! document again. Speed itself is measured in `benches/lines.rs`, not here.

mod common;

use std::time::{Duration, Instant};

use common::large;
use digilyft_invoice::svefaktura::read_object_envelope;
use digilyft_invoice::validate::{RuleSetId, validate};
use digilyft_invoice::xml::Document;
use digilyft_invoice::{ReadOptions, read};

/// The deadline for a case that takes well under a second in a release build: unoptimised
/// builds are about ten times slower.
fn deadline(release_seconds: u64) -> Duration {
    let factor = if cfg!(debug_assertions) { 15 } else { 1 };
    Duration::from_secs(release_seconds * factor)
}

/// Reads and validates `xml` with every rule set; returns the report's firings of `id` and the
/// time taken.
fn validate_all(xml: &str, id: &str) -> (usize, Duration) {
    let t0 = Instant::now();
    let read = read(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    std::hint::black_box(&read);
    let doc = Document::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let report = validate(doc.root(), &RuleSetId::ALL);
    let took = t0.elapsed();
    eprintln!("{} bytes, {} elements: {took:?}", xml.len(), doc.len());
    (report.count(id), took)
}

#[test]
fn twenty_five_thousand_empty_elements() {
    let xml = large::with_root_children(25_000, "<cbc:Note/>");
    let (fired, took) = validate_all(&xml, "PEPPOL-EN16931-R008");
    // Both PEPPOL releases fire once per empty element.
    assert_eq!(fired, 2 * 25_000);
    assert!(took < deadline(3), "25,000 empty elements took {took:?}");
}

#[test]
fn twenty_thousand_lines_each_with_one_error() {
    let xml = large::with_lines(20_000, "<cbc:Note></cbc:Note>");
    assert!(xml.len() > 12_000_000, "{} bytes", xml.len());
    let (fired, took) = validate_all(&xml, "PEPPOL-EN16931-R008");
    assert_eq!(fired, 2 * 20_000);
    assert!(took < deadline(6), "20,000 lines with errors took {took:?}");
}

#[test]
fn object_envelope_with_a_hundred_thousand_objects() {
    let xml = large::object_envelope(100_000);
    let t0 = Instant::now();
    let env = read_object_envelope(xml.as_bytes(), &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let took = t0.elapsed();
    eprintln!(
        "ObjectEnvelope, 100,000 objects, {} bytes: {took:?}",
        xml.len()
    );
    assert_eq!(env.objects.len(), 100_000);
    // Every object declares image/jpeg for HTML: one finding each, located by position.
    assert_eq!(env.findings.len(), 100_000);
    assert_eq!(
        env.findings[99_999].path,
        "/ObjectEnvelope/EncodedObject[100000]/EncodedData"
    );
    assert!(took < deadline(3), "100,000 objects took {took:?}");
}

#[test]
fn svefaktura_with_twenty_thousand_lines_each_with_a_finding() {
    let xml = large::svefaktura_with_lines(20_000, "<cac:Unknown/>");
    let t0 = Instant::now();
    let read = read(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let doc = Document::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let report = validate(doc.root(), &[RuleSetId::SftiSvefaktura1]);
    let took = t0.elapsed();
    eprintln!("Svefaktura, 20,000 lines, {} bytes: {took:?}", xml.len());
    assert_eq!(read.invoice.lines.len(), 20_000);
    let unknown = read
        .findings
        .iter()
        .filter(|f| f.message.contains("Unknown"))
        .count();
    assert_eq!(unknown, 20_000, "{:?}", read.findings.first());
    std::hint::black_box(report);
    assert!(took < deadline(3), "20,000 Svefaktura lines took {took:?}");
}

#[test]
fn ten_megabytes_validate_in_a_few_seconds() {
    // About 10 MB of plain lines, no errors in them.
    let xml = large::with_lines(10_500, "");
    assert!(xml.len() >= 10_000_000, "{} bytes", xml.len());
    let (fired, took) = validate_all(&xml, "PEPPOL-EN16931-R008");
    assert_eq!(fired, 0);
    assert!(took < deadline(4), "10 MB took {took:?}");
}
