//! Facts: the projection of the EN 16931 model over fixture files (official examples, Svefaktura
//! samples, the shipped samples), and over small edits of them for cases no fixture has.

use chrono::NaiveDate;
use digilyft_core::facts::{self, DocumentKind, FactsError, Format, InvoiceFacts};
use rust_decimal::Decimal;

use crate::common::day;

/// What one document's facts must be (lines are counted, their content is the model's).
struct Expect {
    file: &'static str,
    /// `(from, to)` text replacements applied to the file first (each must apply).
    edits: &'static [(&'static str, &'static str)],
    format: Format,
    kind: DocumentKind,
    supplier_id: &'static str,
    supplier_name: &'static str,
    number: &'static str,
    issue: (i32, u32, u32),
    due: Option<(i32, u32, u32)>,
    currency: &'static str,
    /// BT-109, BT-110, BT-115.
    totals: (&'static str, &'static str, &'static str),
    buyer_reference: Option<&'static str>,
    order_ref: Option<&'static str>,
    contract_ref: Option<&'static str>,
    preceding: Option<&'static str>,
    lines: usize,
}

fn bytes_of(file: &str, edits: &[(&str, &str)]) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if edits.is_empty() {
        return bytes;
    }
    let mut text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
    for (from, to) in edits {
        assert!(text.contains(from), "{file}: edit {from:?} does not apply");
        text = text.replacen(from, to, 1);
    }
    text.into_bytes()
}

fn project(file: &str, edits: &[(&str, &str)]) -> Result<InvoiceFacts, FactsError> {
    let bytes = bytes_of(file, edits);
    let read = digilyft_invoice::read(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
    facts::from_model(&read)
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn date((y, m, d): (i32, u32, u32)) -> NaiveDate {
    day(y, m, d)
}

fn check(e: &Expect) {
    let f = project(e.file, e.edits).unwrap_or_else(|err| panic!("{}: {err}", e.file));
    let got = (
        (
            f.format,
            f.kind,
            f.supplier_id.as_str(),
            f.supplier_name.as_str(),
        ),
        (
            f.number.as_str(),
            f.issue_date,
            f.due_date,
            f.currency.as_str(),
        ),
        (f.net_total, f.vat_total, f.payable),
        (
            f.buyer_reference.as_deref(),
            f.order_ref.as_deref(),
            f.contract_ref.as_deref(),
            f.preceding_invoice.as_deref(),
        ),
        f.lines.len(),
    );
    let want = (
        (e.format, e.kind, e.supplier_id, e.supplier_name),
        (e.number, Some(date(e.issue)), e.due.map(date), e.currency),
        (dec(e.totals.0), dec(e.totals.1), dec(e.totals.2)),
        (e.buyer_reference, e.order_ref, e.contract_ref, e.preceding),
        e.lines,
    );
    assert_eq!(got, want, "{} {:?}", e.file, e.edits);
}

/// The PEPPOL base example as the other UBL rows start from.
const BASE: Expect = Expect {
    file: "",
    edits: &[],
    format: Format::PeppolBis3,
    kind: DocumentKind::Invoice,
    supplier_id: "GB983294",
    supplier_name: "SupplierTradingName Ltd.",
    number: "Snippet1",
    issue: (2017, 11, 13),
    due: Some((2017, 12, 1)),
    currency: "EUR",
    totals: ("1325", "331.25", "1656.25"),
    buyer_reference: Some("0150abc"),
    order_ref: None,
    contract_ref: None,
    preceding: None,
    lines: 2,
};

/// The SFTI sample as the other Svefaktura rows start from. It has no PayableAmount: BT-115 is
/// its TaxInclusiveTotalAmount (BT-112).
const SVEFAKTURA: Expect = Expect {
    file: "tests/fixtures/official/svefaktura/samples/svefaktura.xml",
    edits: &[],
    format: Format::Svefaktura1,
    kind: DocumentKind::Invoice,
    supplier_id: "5565624223",
    supplier_name: "Moderna Produkter AB",
    number: "15",
    issue: (2003, 9, 11),
    due: Some((2003, 10, 11)),
    currency: "SEK",
    totals: ("6225", "1556.25", "7781.25"),
    buyer_reference: Some("50"),
    order_ref: None,
    contract_ref: None,
    preceding: None,
    lines: 2,
};

const TELEFONI: &str = "assets/samples/BIS_Billing_30-Telefoni.xml";

/// The Telefoni sample (Swedish supplier, subscription id as additional document type 130).
const TELEFONI_FACTS: Expect = Expect {
    file: TELEFONI,
    edits: &[],
    format: Format::PeppolBis3,
    kind: DocumentKind::Invoice,
    supplier_id: "5566778899",
    supplier_name: "Telefonitjänster AB",
    number: "2007-99123",
    issue: (2007, 2, 5),
    due: Some((2007, 3, 5)),
    currency: "SEK",
    totals: ("831.02", "207.76", "1039"),
    buyer_reference: Some("PoPe"),
    order_ref: None,
    contract_ref: Some("ABC1234"),
    preceding: None,
    lines: 12,
};

#[test]
fn facts_are_the_model_of_each_fixture() {
    let cases = [
        Expect {
            file: "assets/samples/peppol-base-example.xml",
            ..BASE
        },
        // UBL CreditNote root; BT-25 preceding invoice; no due date.
        Expect {
            file: "tests/fixtures/official/peppol-bis3/rules/examples/base-creditnote-correction.xml",
            kind: DocumentKind::CreditNote,
            due: None,
            preceding: Some("Snippet1"),
            ..BASE
        },
        // Type code 381 on a UBL Invoice root is a credit note too.
        Expect {
            file: "assets/samples/peppol-base-example.xml",
            edits: &[(
                "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>",
                "<cbc:InvoiceTypeCode>381</cbc:InvoiceTypeCode>",
            )],
            kind: DocumentKind::CreditNote,
            ..BASE
        },
        // BT-110 is the EUR total, not the BT-111 accounting-currency total (9324 SEK).
        Expect {
            file: "tests/fixtures/official/peppol-bis3/rules/examples/Allowance-example.xml",
            totals: ("5900", "1225.00", "6125.00"),
            contract_ref: Some("framework no 1"),
            lines: 3,
            ..BASE
        },
        // Only a sales order reference: the mandatory OrderReference ID "NA" is no BT-13.
        Expect {
            file: "tests/fixtures/official/peppol-bis3/rules/examples/sales-order-example.xml",
            ..BASE
        },
        // Swedish sample: orgnr from the legal registration (BT-30), contract BT-12 beside a
        // subscription id (additional document type 130).
        TELEFONI_FACTS,
        // Without a contract reference the subscription id (type 130, BT-18) stands in for it.
        Expect {
            file: TELEFONI,
            edits: &[(
                "<cac:ContractDocumentReference>\n\t\t<cbc:ID>ABC1234</cbc:ID>\n\t</cac:ContractDocumentReference>",
                "",
            )],
            contract_ref: Some("0765123456"),
            ..TELEFONI_FACTS
        },
        // Swedish credit note: CreditNote root, BT-25, BT-13 and BT-12 all present.
        Expect {
            file: "assets/samples/BIS_Billing_30-Kreditering_med_kreditnota.xml",
            edits: &[],
            format: Format::PeppolBis3,
            kind: DocumentKind::CreditNote,
            supplier_id: "1234567890",
            supplier_name: "Produtionsbolaget Sverige AB",
            number: "2018140",
            issue: (2018, 2, 10),
            due: None,
            currency: "SEK",
            totals: ("8668", "2167", "10000"),
            buyer_reference: None,
            order_ref: Some("2018117"),
            contract_ref: Some("2017-123"),
            preceding: Some("2018133"),
            lines: 2,
        },
        SVEFAKTURA,
        Expect {
            file: "assets/samples/svefaktura.xml",
            ..SVEFAKTURA
        },
        // Svefaktura type code 381 is a credit note.
        Expect {
            edits: &[(
                "<InvoiceTypeCode>380</InvoiceTypeCode>",
                "<InvoiceTypeCode>381</InvoiceTypeCode>",
            )],
            kind: DocumentKind::CreditNote,
            ..SVEFAKTURA
        },
        // No TaxExclusiveTotalAmount: BT-109 from the document's own sums (BR-CO-13).
        Expect {
            file: "tests/fixtures/official/svefaktura/samples/svefaktura_moms.xml",
            number: "200400035",
            issue: (2004, 10, 6),
            due: Some((2004, 11, 5)),
            totals: ("15150.00", "3768.00", "18918.00"),
            buyer_reference: Some("Orderavdelningen"),
            ..SVEFAKTURA
        },
    ];
    for case in &cases {
        check(case);
    }
}

#[test]
fn supplier_id_prefers_an_orgnr_in_the_policy_order() {
    // (edits to the Telefoni sample, expected supplier id). The seller has endpoint 5566778899
    // (0007), VAT id SE556677889901 and legal registration 5566778899.
    let cases: [(&[(&str, &str)], &str); 3] = [
        // Legal registration BT-30 is not an orgnr: the VAT id BT-31 gives one.
        (
            &[(
                "<cbc:CompanyID schemeID=\"0007\">5566778899</cbc:CompanyID>",
                "<cbc:CompanyID>HRB 1234</cbc:CompanyID>",
            )],
            "5566778899",
        ),
        // Neither BT-30 nor BT-31 is an orgnr: the endpoint BT-34 gives one.
        (
            &[
                (
                    "<cbc:CompanyID schemeID=\"0007\">5566778899</cbc:CompanyID>",
                    "<cbc:CompanyID>HRB 1234</cbc:CompanyID>",
                ),
                (
                    "<cbc:CompanyID>SE556677889901</cbc:CompanyID>",
                    "<cbc:CompanyID>DE123456789</cbc:CompanyID>",
                ),
            ],
            "5566778899",
        ),
        // No orgnr anywhere: the first id present in policy order (BT-30).
        (
            &[
                (
                    "<cbc:CompanyID schemeID=\"0007\">5566778899</cbc:CompanyID>",
                    "<cbc:CompanyID>HRB 1234</cbc:CompanyID>",
                ),
                (
                    "<cbc:CompanyID>SE556677889901</cbc:CompanyID>",
                    "<cbc:CompanyID>DE123456789</cbc:CompanyID>",
                ),
                (
                    "<cbc:EndpointID schemeID=\"0007\">5566778899</cbc:EndpointID>",
                    "<cbc:EndpointID schemeID=\"0088\">7300010000001</cbc:EndpointID>",
                ),
            ],
            "HRB 1234",
        ),
    ];
    for (edits, want) in cases {
        let f = project(TELEFONI, edits).unwrap_or_else(|e| panic!("{edits:?}: {e}"));
        assert_eq!(f.supplier_id, want, "{edits:?}");
    }
}

#[test]
fn documents_without_number_or_totals_have_no_facts() {
    // (file, edit, which business term is reported missing)
    let cases = [
        (
            "assets/samples/peppol-base-example.xml",
            ("<cbc:ID>Snippet1</cbc:ID>", ""),
            "BT-1 ",
        ),
        (
            "assets/samples/peppol-base-example.xml",
            (
                "<cbc:TaxExclusiveAmount currencyID=\"EUR\">1325</cbc:TaxExclusiveAmount>",
                "",
            ),
            "BT-109 ",
        ),
        (
            "assets/samples/peppol-base-example.xml",
            (
                "<cbc:PayableAmount currencyID=\"EUR\">1656.25</cbc:PayableAmount>",
                "",
            ),
            "BT-115 ",
        ),
        (SVEFAKTURA.file, ("<ID>15</ID>", ""), "BT-1 "),
    ];
    for (file, edit, bt) in cases {
        let got = project(file, &[edit]);
        assert!(
            matches!(&got, Err(FactsError::Missing { what, .. }) if what.starts_with(bt)),
            "{file} without {:?}: {got:?}",
            edit.0
        );
    }
}

/// Issue 14, finding 9: a PayableAmount (or TaxExclusiveAmount) that is there but not a
/// number is reported as unparseable, naming the value and the business term, not "missing".
#[test]
fn an_unparseable_total_is_named_as_such_not_missing() {
    for (edit, bt, value) in [
        (
            (
                "<cbc:PayableAmount currencyID=\"EUR\">1656.25</cbc:PayableAmount>",
                "<cbc:PayableAmount currencyID=\"EUR\">1 656,25</cbc:PayableAmount>",
            ),
            "BT-115 ",
            "1 656,25",
        ),
        (
            (
                "<cbc:TaxExclusiveAmount currencyID=\"EUR\">1325</cbc:TaxExclusiveAmount>",
                "<cbc:TaxExclusiveAmount currencyID=\"EUR\">1.3e3</cbc:TaxExclusiveAmount>",
            ),
            "BT-109 ",
            "1.3e3",
        ),
    ] {
        let got = project("assets/samples/peppol-base-example.xml", &[edit]);
        match &got {
            Err(e @ FactsError::Unparseable { what, line, .. }) => {
                assert!(what.starts_with(bt), "{e}");
                assert!(*line > 0, "{e}");
                let text = e.to_string();
                assert!(
                    text.contains(value) && text.contains("unparseable"),
                    "{text}"
                );
            }
            other => panic!("{bt}: {other:?}"),
        }
    }
}
