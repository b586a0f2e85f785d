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
