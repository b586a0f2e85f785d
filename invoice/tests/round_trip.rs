//! Round trip over every complete official fixture: read → write (PEPPOL BIS 3 UBL) → read gives
//! an equal model, and the written document is in UBL schema order (no findings).

mod common;

use digilyft_invoice::ubl::write_invoice;
use digilyft_invoice::{Format, read_named};

#[test]
fn every_full_fixture_round_trips_through_the_writer() {
    let mut files = common::full_ubl();
    files.extend(common::svefaktura());
    assert_eq!(files.len(), 74);
    for path in files {
        let name = common::short(&path);
        let first = read_named(&name, &common::bytes(&path)).unwrap_or_else(|e| panic!("{e}"));
        let xml = write_invoice(&first.invoice);
        let second = read_named(&format!("{name} (written)"), xml.as_bytes())
            .unwrap_or_else(|e| panic!("{e}\n{xml}"));
        assert_eq!(second.format, Format::PeppolBis3, "{name}");
        assert!(second.findings.is_empty(), "{name}: {:#?}", second.findings);
        assert_eq!(
            first.invoice, second.invoice,
            "{name}: model changed\n{xml}"
        );
        // Writing is deterministic: the same model gives the same text.
        assert_eq!(write_invoice(&second.invoice), xml, "{name}");
    }
}

/// Found by the `read_ubl` fuzz target: attributes whose element value is absent or invalid
/// (a unit without a quantity, a payment means name without a code, an attachment whose content
/// does not decode) must survive the round trip.
#[test]
fn attributes_without_values_round_trip() {
    let xml = br#"<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cac:AdditionalDocumentReference><cbc:ID>a</cbc:ID><cac:Attachment>
    <cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="a.pdf">*not base64*</cbc:EmbeddedDocumentBinaryObject>
  </cac:Attachment></cac:AdditionalDocumentReference>
  <cac:PaymentMeans><cbc:PaymentMeansCode name="Giro"/></cac:PaymentMeans>
  <cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="EA">x</cbc:InvoicedQuantity>
    <cac:Price><cbc:BaseQuantity unitCode="EA"/></cac:Price></cac:InvoiceLine>
</Invoice>"#;
    let first = read_named("attrs.xml", xml).unwrap_or_else(|e| panic!("{e}"));
    let line = &first.invoice.lines[0];
    assert_eq!(line.quantity, None);
    assert_eq!(line.unit.as_ref().map(|u| u.as_str()), Some("EA"));
    let written = write_invoice(&first.invoice);
    let second = read_named("written", written.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first.invoice, second.invoice, "{written}");
}

/// Found by the `read_ubl` fuzz target: a date with a signed or short year (`-018-02-08`) was read
/// as year −18 and written as `-0018-02-08`, which no longer read. Such a value is now no date
/// (a finding), so every date in a model is one the writer can give back.
#[test]
fn dates_outside_yyyy_mm_dd_are_findings_not_dates() {
    for value in ["-018-02-08", "+018-02-08", "0018-02-08"] {
        let xml = format!(
            r#"<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID>1</cbc:ID><cbc:IssueDate>{value}</cbc:IssueDate></Invoice>"#
        );
        let first = read_named("date.xml", xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let readable = value == "0018-02-08";
        assert_eq!(first.invoice.issue_date.is_some(), readable, "{value}");
        assert_eq!(first.findings.is_empty(), readable, "{value}");
        let written = write_invoice(&first.invoice);
        let second = read_named("written", written.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert!(second.findings.is_empty(), "{value}: {:?}", second.findings);
        assert_eq!(first.invoice, second.invoice, "{value}: {written}");
    }
}
