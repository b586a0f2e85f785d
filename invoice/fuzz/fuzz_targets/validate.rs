//! Any bytes: reading and validation with every rule set never panic; a document that parses
//! always gets a report naming every release that ran, and every firing has a location inside
//! the document.
#![no_main]

use digilyft_invoice::validate::{RuleSetId, validate};
use digilyft_invoice::xml::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = digilyft_invoice::read(data);
    let Ok(doc) = Document::parse(data) else {
        return;
    };
    let report = validate(doc.root(), &RuleSetId::ALL);
    assert_eq!(report.sets, RuleSetId::ALL.to_vec());
    for fired in &report.fired {
        assert!(fired.location.starts_with('/'), "{fired:?}");
        assert!(fired.position.line >= 1, "{fired:?}");
    }
});
