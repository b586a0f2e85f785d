//! Any bytes: `read` never panics; a Svefaktura 1.0 document that reads converts to PEPPOL BIS 3
//! (without a registry: nothing may be invented), and the written result reads back unchanged.
#![no_main]

use digilyft_invoice::svefaktura::{Registry, convert};
use digilyft_invoice::{Format, read, ubl::write_invoice};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = read(data) else { return };
    if source.format != Format::Svefaktura1 {
        return;
    }
    let conversion = convert(&source.invoice, &Registry::new());
    assert_eq!(
        conversion.invoice.seller.electronic_address,
        source.invoice.seller.electronic_address
    );
    assert_eq!(
        conversion.invoice.buyer.electronic_address,
        source.invoice.buyer.electronic_address
    );
    let xml = write_invoice(&conversion.invoice);
    let back = match read(xml.as_bytes()) {
        Ok(r) => r,
        Err(e) => panic!("converted document does not read: {e}\n{xml}"),
    };
    assert_eq!(back.format, Format::PeppolBis3);
    assert_eq!(
        back.invoice, conversion.invoice,
        "conversion output changed on reading\n{xml}"
    );
});
