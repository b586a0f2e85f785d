//! Issue 13, Deliver 4: validation never panics and always returns a report, on any input.
//!
//! Documents are the official full fixtures mutated at random — spans deleted, duplicated or
//! replaced by a snippet that breaks structure, types or cardinalities (empty elements, repeated
//! elements, non-numeric amounts, characters outside the BMP) — and plain arbitrary bytes. Every
//! document that parses is validated with every release; the report must name them all and
//! every firing must have a location. The fuzz target `validate` (`.ci/fuzz.sh`) explores the
//! same property with coverage guidance.

mod common;

use std::sync::OnceLock;

use digilyft_invoice::validate::{Report, RuleSetId, validate};
use digilyft_invoice::xml::Document;
use proptest::prelude::*;

/// The full documents (UBL and Svefaktura), read once.
fn documents() -> &'static [Vec<u8>] {
    static DOCS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let mut paths = common::full_ubl();
        paths.extend(common::svefaktura());
        paths.iter().map(|p| common::bytes(p)).collect()
    })
}

const SNIPPETS: &[&str] = &[
    "<cbc:Note/>",
    "<cbc:PayableAmount currencyID=\"EUR\">XXXXXXX</cbc:PayableAmount>",
    "<cbc:TaxAmount currencyID=\"EUR\">{amount}</cbc:TaxAmount>",
    "<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>",
    "<cac:PartyLegalEntity><cbc:RegistrationName>A</cbc:RegistrationName>\
     <cbc:RegistrationName>B</cbc:RegistrationName></cac:PartyLegalEntity>",
    "<cbc:IssueDate>2026-02-30</cbc:IssueDate>",
    "<cbc:Percent>-1e9</cbc:Percent>",
    "<cac:InvoiceLine><cbc:ID/></cac:InvoiceLine>",
    "<cac:TaxCategory><cbc:ID>S</cbc:ID></cac:TaxCategory>",
    "<cbc:ID schemeID=\"0007\">55656242230</cbc:ID>",
    "\u{1F600}\u{FFFD}é",
    "",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: usize, len: usize },
    Duplicate { at: usize, len: usize },
    Insert { at: usize, snippet: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1usize..400).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), 1usize..2000).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
        (any::<usize>(), 0..SNIPPETS.len())
            .prop_map(|(at, snippet)| Mutation::Insert { at, snippet }),
    ]
}

fn apply(doc: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = doc.to_vec();
    for m in mutations {
        let n = bytes.len().max(1);
        match *m {
            Mutation::Delete { at, len } => {
                let at = at % n;
                let end = (at + len).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            Mutation::Duplicate { at, len } => {
                let at = at % n;
                let end = (at + len).min(bytes.len());
                let copy = bytes[at.min(end)..end].to_vec();
                bytes.splice(end..end, copy);
            }
            Mutation::Insert { at, snippet } => {
                let at = (at % n).min(bytes.len());
                bytes.splice(at..at, SNIPPETS[snippet].bytes());
            }
        }
    }
    bytes
}

/// Validates `bytes` if they parse; checks the report. Returns it for the caller's counts.
fn check(bytes: &[u8]) -> Option<Report> {
    let _ = digilyft_invoice::read(bytes);
    let doc = Document::parse(bytes).ok()?;
    let report = validate(doc.root(), &RuleSetId::ALL);
    assert_eq!(report.sets, RuleSetId::ALL.to_vec());
    for f in &report.fired {
        assert!(f.location.starts_with('/'), "{f:?}");
        assert!(f.position.line >= 1, "{f:?}");
    }
    Some(report)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn mutated_fixtures_always_get_a_report(
        which in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let docs = documents();
        let doc = &docs[which.index(docs.len())];
        let _ = check(&apply(doc, &mutations));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = check(&bytes);
    }
}

#[test]
fn snippet_insertions_into_every_fixture_validate_and_many_fire() {
    // Not random: each snippet into each document just before its root's end tag; most of
    // these stay well-formed, so this proves the property is exercised on real validation runs.
    let mut validated = 0;
    let mut fired = 0;
    for doc in documents() {
        let Some(root_end) = doc.windows(2).rposition(|w| w == b"</") else {
            continue;
        };
        for snippet in 0..SNIPPETS.len() {
            let bytes = apply(
                doc,
                &[Mutation::Insert {
                    at: root_end,
                    snippet,
                }],
            );
            if let Some(report) = check(&bytes) {
                validated += 1;
                fired += usize::from(!report.fired.is_empty());
            }
        }
    }
    let documents = documents().len();
    assert!(
        validated >= documents * SNIPPETS.len() / 2,
        "{validated} validated"
    );
    assert!(
        fired >= validated / 2,
        "{fired} of {validated} fired something"
    );
}
