//! Any bytes: reading a Svefaktura ObjectEnvelope never panics, and attaching it to an invoice
//! yields one attachment per decoded object.
#![no_main]

use digilyft_invoice::ReadOptions;
use digilyft_invoice::model::Invoice;
use digilyft_invoice::svefaktura::{attach_envelope, read_object_envelope};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(envelope) = read_object_envelope(data, &ReadOptions::default()) else {
        return;
    };
    let mut invoice = Invoice::default();
    attach_envelope(&mut invoice, &envelope);
    let attached = invoice
        .supporting_documents
        .iter()
        .filter(|d| d.attachment.is_some())
        .count();
    assert_eq!(attached, envelope.objects.len());
});
