//! Any bytes: `read` never panics; a PEPPOL BIS 3 (UBL) document that reads round-trips through the
//! writer to an equal model, and the written text reads without findings.
#![no_main]

use digilyft_invoice::{Format, read, ubl::write_invoice};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(first) = read(data) else { return };
    if first.format != Format::PeppolBis3 {
        return;
    }
    let xml = write_invoice(&first.invoice);
    let second = match read(xml.as_bytes()) {
        Ok(r) => r,
        Err(e) => panic!("written document does not read: {e}\n{xml}"),
    };
    assert!(second.findings.is_empty(), "{:?}\n{xml}", second.findings);
    assert_eq!(
        first.invoice, second.invoice,
        "round trip changed the model\n{xml}"
    );
});
