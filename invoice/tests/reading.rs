//! Reading every official fixture: full UBL documents give a complete model without findings,
//! unit-test fragments give a model without a panic, Svefaktura samples read as Svefaktura.

mod common;

use digilyft_invoice::model::{DocumentKind, Identifier, NaiveDate};
use digilyft_invoice::xml::{Document, ns};
use digilyft_invoice::{Format, read_element, read_named};
use rust_decimal::Decimal;

#[test]
fn every_full_ubl_fixture_reads_completely_and_without_findings() {
    let files = common::full_ubl();
    assert_eq!(files.len(), 71, "fixture count changed");
    for path in files {
        let name = common::short(&path);
        let read = read_named(&name, &common::bytes(&path)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read.format, Format::PeppolBis3, "{name}");
        assert!(read.findings.is_empty(), "{name}: {:#?}", read.findings);
        let inv = &read.invoice;
        assert!(inv.number.is_some(), "{name}: BT-1");
        assert!(inv.issue_date.is_some(), "{name}: BT-2");
        assert!(inv.type_code.is_some(), "{name}: BT-3");
        assert!(inv.currency.is_some(), "{name}: BT-5");
        assert!(inv.seller.name.is_some(), "{name}: BT-27");
        assert!(inv.buyer.name.is_some(), "{name}: BT-44");
        assert!(inv.totals.amount_due.is_some(), "{name}: BT-115");
        assert!(!inv.lines.is_empty(), "{name}: BG-25");
        for line in &inv.lines {
            assert!(line.net_amount.is_some(), "{name}: BT-131");
            assert!(line.item.name.is_some(), "{name}: BT-153");
        }
    }
}

#[test]
fn max_content_invoice_maps_every_term_it_carries() {
    let path = common::official().join("cen-en16931/test/testfiles/Invoice-Max_content.xml");
    let read = read_named("max", &common::bytes(&path)).unwrap_or_else(|e| panic!("{e}"));
    let inv = read.invoice;
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
    let dec = |s: &str| digilyft_invoice::parse_decimal(s);
    assert_eq!(inv.document, DocumentKind::Invoice);
    assert_eq!(inv.number.as_deref(), Some("2018210"));
    assert_eq!(inv.issue_date, d(2018, 2, 8));
    assert_eq!(inv.due_date, d(2018, 3, 7));
    assert_eq!(inv.type_code.as_ref().map(|c| c.as_str()), Some("380"));
    assert_eq!(inv.currency.as_ref().map(|c| c.as_str()), Some("SEK"));
    assert_eq!(inv.tax_currency.as_ref().map(|c| c.as_str()), Some("EUR"));
    assert_eq!(inv.tax_point_date, d(2018, 2, 8));
    assert_eq!(inv.buyer_reference.as_deref(), Some("Buyer reference"));
    assert_eq!(
        inv.buyer_accounting_reference.as_deref(),
        Some("BES, 87392")
    );
    assert_eq!(inv.purchase_order_reference.as_deref(), Some("20180117"));
    assert_eq!(inv.sales_order_reference.as_deref(), Some("INK/0117/JM"));
    assert_eq!(inv.contract_reference.as_deref(), Some("2017-123"));
    assert_eq!(inv.project_reference.as_deref(), Some("Project 99"));
    assert_eq!(
        inv.despatch_advice_reference.as_deref(),
        Some("Despatch_advice Feb 01-07")
    );
    assert_eq!(
        inv.receiving_advice_reference.as_deref(),
        Some("Receipt_advice 01-07")
    );
    assert_eq!(
        inv.tender_or_lot_reference.as_deref(),
        Some("Tender 2017-12, lot no. 3")
    );
    assert_eq!(
        inv.invoiced_object,
        Some(Identifier::with_scheme("ABC123", "VT"))
    );
    assert_eq!(inv.preceding_invoices.len(), 2);
    assert_eq!(
        inv.preceding_invoices[0].reference,
        "Preceding invoice no.1"
    );
    assert_eq!(inv.preceding_invoices[0].issue_date, d(2018, 1, 31));
    assert_eq!(inv.notes.len(), 1);
    assert!(inv.notes[0].text.contains("Line break should be respected"));
    assert_eq!(
        inv.seller.electronic_address,
        Some(Identifier::with_scheme("1234567890", "0007"))
    );
    assert_eq!(inv.seller.identifiers.len(), 2);
    assert_eq!(
        inv.seller.name.as_deref(),
        Some("The Global Chain Sweden AB")
    );
    assert_eq!(
        inv.seller.trading_name.as_deref(),
        Some("Global Trade Chain")
    );
    assert_eq!(inv.seller.vat_id.as_deref(), Some("SE123456789001"));
    assert_eq!(
        inv.seller.tax_registration,
        Some(Identifier::with_scheme("Godkänd för F-skatt", "TAX"))
    );
    assert_eq!(
        inv.seller.additional_legal_info.as_deref(),
        Some("Säte: Big CIty")
    );
    let address = inv.seller.address.clone().unwrap_or_default();
    assert_eq!(address.line3.as_deref(), Some("Address-line3"));
    assert_eq!(
        address
            .country
            .and_then(|c| c.known())
            .map(|c| c.code().to_string()),
        Some("SE".into())
    );
    assert_eq!(
        inv.buyer.contact.and_then(|c| c.email).as_deref(),
        Some("B.E.Stallman@projekttjanst.se")
    );
    let payee = inv.payee.unwrap_or_default();
    assert_eq!(payee.name.as_deref(), Some("Finansiell Support u.p.a."));
    assert_eq!(
        payee.legal_registration,
        Some(Identifier::with_scheme("5566778899", "0007"))
    );
    let rep = inv.tax_representative.unwrap_or_default();
    assert_eq!(rep.vat_id.as_deref(), Some("SE998877665501"));
    let delivery = inv.delivery.unwrap_or_default();
    assert_eq!(delivery.actual_date, d(2017, 12, 1));
    assert_eq!(delivery.party_name.as_deref(), Some("Deliver-to Name A.S."));
    assert_eq!(
        delivery.location,
        Some(Identifier::with_scheme("7350000001211", "0088"))
    );
    assert_eq!(inv.invoicing_period.and_then(|p| p.end), d(2018, 2, 7));
    assert_eq!(inv.payment_instructions.len(), 4);
    let giro = &inv.payment_instructions[2];
    assert_eq!(giro.means_code.as_ref().map(|c| c.as_str()), Some("30"));
    assert_eq!(giro.remittance_information.as_deref(), Some("1800355"));
    let ct = giro.credit_transfer.clone().unwrap_or_default();
    assert_eq!(ct.account_id.as_deref(), Some("1112222"));
    assert_eq!(ct.service_provider_id.as_deref(), Some("SE:BANKGIRO"));
    assert_eq!(
        inv.payment_instructions[0].means_text.as_deref(),
        Some("Credit transfer")
    );
    assert_eq!(inv.allowances.len(), 1);
    assert_eq!(inv.charges.len(), 1);
    assert_eq!(inv.charges[0].reason_code.as_deref(), Some("WH"));
    assert_eq!(inv.totals.vat_total, dec("2500"));
    assert_eq!(inv.totals.vat_total_accounting, dec("249"));
    assert_eq!(inv.totals.amount_due, dec("12500"));
    assert_eq!(inv.totals.rounding, dec("0"));
    assert_eq!(inv.vat_breakdown.len(), 2);
    assert_eq!(
        inv.vat_breakdown[1].exemption_reason_code.as_deref(),
        Some("vatex-eu-132-1g")
    );
    assert_eq!(inv.supporting_documents.len(), 3);
    let attached = inv.supporting_documents[1]
        .attachment
        .clone()
        .unwrap_or_default();
    assert_eq!(attached.mime_code.as_deref(), Some("text/csv"));
    assert_eq!(attached.filename.as_deref(), Some("testfilnamn.abc"));
    assert_eq!(attached.content, [0xd3, 0x5d, 0xb7, 0xe3, 0x9e, 0xbb]);
    assert_eq!(
        inv.supporting_documents[2].external_location.as_deref(),
        Some("http://www.example.com/index.html")
    );
    let line = &inv.lines[0];
    assert_eq!(line.quantity, dec("500"));
    assert_eq!(line.unit.as_ref().map(|u| u.as_str()), Some("MTR"));
    assert_eq!(line.order_line_reference.as_deref(), Some("20080117/JM"));
    assert_eq!(
        line.object_identifier,
        Some(Identifier::with_scheme("130-DR35141", "ABZ"))
    );
    assert_eq!(
        line.buyer_accounting_reference.as_deref(),
        Some("Accounting 101-222-8")
    );
    let price = line.price.clone().unwrap_or_default();
    assert_eq!(price.net_price, dec("20"));
    assert_eq!(price.discount, dec("0.50"));
    assert_eq!(price.gross_price, dec("20.50"));
    assert_eq!(price.base_quantity, dec("1"));
    assert_eq!(line.item.classifications.len(), 2);
    assert_eq!(line.item.classifications[0].version.as_deref(), Some("1.0"));
    assert_eq!(line.item.attributes[1].value, "2.33");
    assert_eq!(
        line.item.origin_country.as_ref().map(|c| c.as_str()),
        Some("SE")
    );
    assert_eq!(
        line.vat.as_ref().and_then(|v| v.rate),
        Some(Decimal::from(25))
    );
}

#[test]
fn credit_note_takes_due_date_from_payment_means_and_project_from_document_reference() {
    let path = common::official().join("cen-en16931/test/testfiles/CreditNote-Max_content.xml");
    let read = read_named("cn", &common::bytes(&path)).unwrap_or_else(|e| panic!("{e}"));
    let inv = read.invoice;
    assert_eq!(inv.document, DocumentKind::CreditNote);
    assert!(inv.is_credit_note());
    assert_eq!(
        inv.project_reference.as_deref(),
        Some("11111111"),
        "BT-11 from type 50"
    );
    assert!(
        inv.supporting_documents
            .iter()
            .all(|d| d.type_code.is_none())
    );
    assert!(
        inv.lines.iter().all(|l| l.quantity.is_some()),
        "CreditedQuantity"
    );

    let xml = br#"<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>
    <cbc:PaymentDueDate>2018-03-07</cbc:PaymentDueDate></cac:PaymentMeans>
</CreditNote>"#;
    let read = read_named("cn.xml", xml).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        read.invoice.due_date,
        NaiveDate::from_ymd_opt(2018, 3, 7),
        "BT-9"
    );
    assert!(read.findings.is_empty(), "{:?}", read.findings);
}

#[test]
fn every_unit_test_fragment_reads_without_panic() {
    let mut fragments = 0;
    for path in common::unit_test_files() {
        let name = common::short(&path);
        let bytes = common::bytes(&path);
        let doc = Document::parse(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        for e in doc.root().descendants() {
            if e.is(ns::UBL_INVOICE, "Invoice") || e.is(ns::UBL_CREDIT_NOTE, "CreditNote") {
                let read = read_element(e).unwrap_or_else(|err| panic!("{name}: {err}"));
                assert_eq!(read.format, Format::PeppolBis3);
                for f in &read.findings {
                    assert!(f.line > 0 && !f.path.is_empty(), "{name}: {f:?}");
                }
                fragments += 1;
            }
        }
    }
    assert!(fragments > 1000, "only {fragments} fragments found");
}

#[test]
fn fragments_keep_absent_terms_absent_and_report_structure_problems() {
    let xml = br#"<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:IssueDate>2026-01-02</cbc:IssueDate>
  <cbc:ID>7</cbc:ID>
  <cbc:Bogus>x</cbc:Bogus>
  <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="SEK">12,5</cbc:PayableAmount></cac:LegalMonetaryTotal>
</Invoice>"#;
    let read = read_named("frag.xml", xml).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.invoice.number.as_deref(), Some("7"));
    assert_eq!(read.invoice.currency, None);
    assert_eq!(read.invoice.totals.amount_due, None);
    assert!(read.invoice.lines.is_empty());
    let kinds: Vec<_> = read.findings.iter().map(|f| (f.kind, f.line)).collect();
    use digilyft_invoice::FindingKind::*;
    assert_eq!(
        kinds,
        [(OutOfOrder, 5), (UnknownElement, 6), (InvalidValue, 7)],
        "{:#?}",
        read.findings
    );
}

#[test]
fn svefaktura_samples_read_with_the_sfti_mapping() {
    let files = common::svefaktura();
    assert_eq!(files.len(), 3);
    for path in &files {
        let name = common::short(path);
        let read = read_named(&name, &common::bytes(path)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read.format, Format::Svefaktura1, "{name}");
        assert!(read.invoice.number.is_some(), "{name}");
        assert!(read.invoice.seller.legal_registration.is_some(), "{name}");
        assert!(!read.invoice.lines.is_empty(), "{name}");
        assert!(read.findings.is_empty(), "{name}: {:#?}", read.findings);
    }
    let path = common::official().join("svefaktura/samples/svefaktura.xml");
    let inv = read_named("svefaktura.xml", &common::bytes(&path))
        .unwrap_or_else(|e| panic!("{e}"))
        .invoice;
    let dec = |s: &str| digilyft_invoice::parse_decimal(s);
    assert_eq!(inv.number.as_deref(), Some("15"));
    assert_eq!(inv.document, DocumentKind::Invoice);
    assert_eq!(inv.currency.as_ref().map(|c| c.as_str()), Some("SEK"));
    assert_eq!(inv.seller.name.as_deref(), Some("Moderna Produkter AB"));
    assert_eq!(
        inv.seller.legal_registration,
        Some(Identifier::with_scheme("5565624223", "0007"))
    );
    assert_eq!(inv.seller.vat_id.as_deref(), Some("SE556562422301"));
    assert_eq!(
        inv.seller.tax_registration,
        Some(Identifier::with_scheme("Godkänd för F-skatt", "TAX"))
    );
    assert_eq!(
        inv.seller.additional_legal_info.as_deref(),
        Some("Säte Stockholm, SE")
    );
    let contact = inv.seller.contact.clone().unwrap_or_default();
    assert_eq!(contact.name.as_deref(), Some("A Person, Fakturaavd"));
    assert_eq!(contact.telephone.as_deref(), Some("0811122233"));
    assert!(
        inv.notes[0].text.contains("Säljarens fax: 089876543"),
        "{:?}",
        inv.notes
    );
    assert_eq!(inv.buyer.name.as_deref(), Some("Johnssons byggvaror"));
    assert_eq!(inv.buyer_reference.as_deref(), Some("50"));
    assert_eq!(inv.buyer_accounting_reference.as_deref(), Some("Pelle"));
    assert_eq!(inv.due_date, NaiveDate::from_ymd_opt(2003, 10, 11));
    assert_eq!(
        inv.delivery.as_ref().and_then(|d| d.actual_date),
        NaiveDate::from_ymd_opt(2003, 11, 1)
    );
    let pm = &inv.payment_instructions[0];
    assert_eq!(pm.means_code.as_ref().map(|c| c.as_str()), Some("30"));
    assert_eq!(pm.remittance_information.as_deref(), Some("54225485"));
    assert_eq!(
        pm.credit_transfer
            .as_ref()
            .and_then(|c| c.service_provider_id.as_deref()),
        Some("SKIASESS")
    );
    assert_eq!(
        inv.payment_terms.as_deref(),
        Some("30 dagars netto. Dröjsmålsränta 23 %")
    );
    assert_eq!(inv.totals.vat_total, dec("1556.25"));
    assert_eq!(inv.totals.tax_inclusive, dec("7781.25"));
    assert_eq!(
        inv.totals.amount_due,
        dec("7781.25"),
        "BT-115 = TaxInclusiveTotalAmount"
    );
    assert_eq!(inv.totals.rounding, None);

    let bas = common::official().join("svefaktura/samples/svefaktura_bas.xml");
    let rounded = read_named("bas", &common::bytes(&bas)).unwrap_or_else(|e| panic!("{e}"));
    let totals = &rounded.invoice.totals;
    assert_eq!(totals.rounding, dec("0.25"), "BT-114");
    assert_eq!(
        totals.amount_due,
        dec("7781.50"),
        "BT-115 includes the round-off"
    );
    assert_eq!(totals.tax_inclusive, dec("7781.25"), "BT-112 excludes it");
    assert_eq!(inv.lines[0].unit.as_ref().map(|u| u.as_str()), Some("LTR"));
    assert_eq!(inv.lines[1].unit.as_ref().map(|u| u.as_str()), Some("H87"));
    assert_eq!(inv.lines[0].item.name.as_deref(), Some("Falu rödfärg"));
    assert_eq!(
        inv.lines[0].note.as_deref(),
        Some("Fritext på fakturaraden")
    );
    assert_eq!(
        inv.lines[0].price.as_ref().and_then(|p| p.net_price),
        dec("50")
    );

    let moms = common::official().join("svefaktura/samples/svefaktura_moms.xml");
    let inv = read_named("moms", &common::bytes(&moms))
        .unwrap_or_else(|e| panic!("{e}"))
        .invoice;
    let giro: Vec<_> = inv
        .payment_instructions
        .iter()
        .filter_map(|p| p.credit_transfer.as_ref()?.service_provider_id.clone())
        .collect();
    assert_eq!(giro, ["SE:PLUSGIRO", "SE:BANKGIRO"]);
}

#[test]
fn svefaktura_credit_note_becomes_an_en_credit_note() {
    let path = common::official().join("svefaktura/samples/svefaktura_bas.xml");
    let text = String::from_utf8(common::bytes(&path)).unwrap_or_default();
    let credit = text.replacen(
        "<InvoiceTypeCode>380</InvoiceTypeCode>",
        "<InvoiceTypeCode>381</InvoiceTypeCode>",
        1,
    );
    assert_ne!(credit, text, "sample has type 380");
    let read = read_named("cn", credit.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.invoice.document, DocumentKind::CreditNote);
    assert!(read.invoice.is_credit_note());
    assert!(read.findings.is_empty(), "{:?}", read.findings);
    assert_eq!(
        read.invoice.type_code.as_ref().map(|c| c.as_str()),
        Some("381")
    );
}

#[test]
fn object_envelope_attaches_decoded_objects_and_reports_a_wrong_mime_code() {
    use digilyft_invoice::svefaktura::{attach_envelope, read_object_envelope};
    let env = read_object_envelope(
        &common::bytes(&common::object_envelope()),
        &digilyft_invoice::ReadOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(env.document_id.as_deref(), Some("15"));
    assert_eq!(env.objects.len(), 1);
    let obj = &env.objects[0];
    assert_eq!(obj.object_id, "271");
    assert_eq!(obj.attachment.mime_code.as_deref(), Some("image/jpeg"));
    assert_eq!(obj.attachment.filename.as_deref(), Some("bild.jpg"));
    assert!(obj.attachment.content.starts_with(b"<html"));
    assert_eq!(env.findings.len(), 1, "{:?}", env.findings);
    assert!(env.findings[0].message.contains("text/html"));

    let path = common::official().join("svefaktura/samples/svefaktura.xml");
    let mut inv = read_named("s", &common::bytes(&path))
        .unwrap_or_else(|e| panic!("{e}"))
        .invoice;
    let findings = attach_envelope(&mut inv, &env);
    assert!(findings.is_empty(), "{findings:?}");
    let doc = inv.supporting_documents.last().cloned().unwrap_or_default();
    assert_eq!(doc.reference, "urn:sfti:documents:object:271");
    assert_eq!(
        doc.attachment.map(|a| a.content.len()),
        Some(obj.attachment.content.len())
    );

    let err = digilyft_invoice::read_named(
        "ObjectEnvelope.xml",
        &common::bytes(&common::object_envelope()),
    )
    .expect_err("an envelope is not an invoice");
    assert!(err.to_string().contains("ObjectEnvelope"), "{err}");
}

#[test]
fn svefaktura_structure_problems_are_findings_with_positions() {
    let path = common::official().join("svefaktura/samples/svefaktura.xml");
    let text = String::from_utf8(common::bytes(&path)).unwrap_or_default();
    let broken = text
        .replacen("<InvoiceTypeCode>380</InvoiceTypeCode>", "", 1)
        .replacen("<LineItemCountNumeric>2</LineItemCountNumeric>",
            "<LineItemCountNumeric>2</LineItemCountNumeric><InvoiceTypeCode>380</InvoiceTypeCode><Bogus/>", 1);
    let read = read_named("broken.xml", broken.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    use digilyft_invoice::FindingKind::*;
    let kinds: Vec<_> = read.findings.iter().map(|f| f.kind).collect();
    assert_eq!(kinds, [OutOfOrder, UnknownElement], "{:#?}", read.findings);
    assert!(
        read.findings.iter().all(|f| f.line == 9),
        "{:#?}",
        read.findings
    );
    assert_eq!(
        read.invoice.type_code.as_ref().map(|c| c.as_str()),
        Some("380")
    );
}
