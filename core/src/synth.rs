//! Synthetic PEPPOL BIS 3 invoices and credit notes from Swedish suppliers, for the demo, the
//! tests and the import benchmark. Each document is schema-shaped UBL 2.1 with consistent totals
//! (25 % VAT, standard rate), a Swedish seller (orgnr, VAT number, F-skatt) and a kommun buyer.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// What to put in a synthetic document.
#[derive(Debug, Clone)]
pub struct SynthInvoice {
    /// Seller organisationsnummer (10 digits).
    pub supplier_orgnr: String,
    /// Seller name.
    pub supplier_name: String,
    /// BT-1.
    pub number: String,
    /// BT-2.
    pub issue_date: NaiveDate,
    /// BT-9.
    pub due_date: NaiveDate,
    /// BT-10 referenskod.
    pub buyer_reference: String,
    /// BT-12 contract reference.
    pub contract: Option<String>,
    /// A credit note crediting `preceding` (BT-25).
    pub credit_note: bool,
    /// BT-25.
    pub preceding: Option<String>,
    /// (item name, net amount) per line.
    pub lines: Vec<(String, Decimal)>,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The document as UBL XML.
pub fn ubl(inv: &SynthInvoice) -> String {
    let (root, ns, type_tag, line_tag, qty_tag) = if inv.credit_note {
        (
            "CreditNote",
            "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
            "CreditNoteTypeCode",
            "CreditNoteLine",
            "CreditedQuantity",
        )
    } else {
        (
            "Invoice",
            "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
            "InvoiceTypeCode",
            "InvoiceLine",
            "InvoicedQuantity",
        )
    };
    let type_code = if inv.credit_note { "381" } else { "380" };
    let net: Decimal = inv.lines.iter().map(|l| l.1).sum();
    let vat = (net * Decimal::new(25, 2)).round_dp(2);
    let gross = net + vat;
    let mut x = String::with_capacity(4096);
    x.push_str(&format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<{root} xmlns="{ns}" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
  <cbc:ID>{number}</cbc:ID>
  <cbc:IssueDate>{issue}</cbc:IssueDate>
"#,
        number = esc(&inv.number),
        issue = inv.issue_date,
    ));
    if !inv.credit_note {
        x.push_str(&format!("  <cbc:DueDate>{}</cbc:DueDate>\n", inv.due_date));
    }
    x.push_str(&format!(
        "  <cbc:{type_tag}>{type_code}</cbc:{type_tag}>\n  <cbc:DocumentCurrencyCode>SEK</cbc:DocumentCurrencyCode>\n  <cbc:BuyerReference>{}</cbc:BuyerReference>\n",
        esc(&inv.buyer_reference)
    ));
    if let Some(p) = &inv.preceding {
        x.push_str(&format!("  <cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>{}</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>\n", esc(p)));
    }
    if let Some(c) = &inv.contract {
        x.push_str(&format!("  <cac:ContractDocumentReference><cbc:ID>{}</cbc:ID></cac:ContractDocumentReference>\n", esc(c)));
    }
    let org = &inv.supplier_orgnr;
    x.push_str(&format!(
        r#"  <cac:AccountingSupplierParty>
    <cac:Party>
      <cbc:EndpointID schemeID="0007">{org}</cbc:EndpointID>
      <cac:PartyName><cbc:Name>{name}</cbc:Name></cac:PartyName>
      <cac:PostalAddress>
        <cbc:StreetName>Storgatan 1</cbc:StreetName>
        <cbc:CityName>Sundsvall</cbc:CityName>
        <cbc:PostalZone>85230</cbc:PostalZone>
        <cac:Country><cbc:IdentificationCode>SE</cbc:IdentificationCode></cac:Country>
      </cac:PostalAddress>
      <cac:PartyTaxScheme>
        <cbc:CompanyID>SE{org}01</cbc:CompanyID>
        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
      </cac:PartyTaxScheme>
      <cac:PartyTaxScheme>
        <cbc:CompanyID>Godkänd för F-skatt</cbc:CompanyID>
        <cac:TaxScheme><cbc:ID>TAX</cbc:ID></cac:TaxScheme>
      </cac:PartyTaxScheme>
      <cac:PartyLegalEntity>
        <cbc:RegistrationName>{name}</cbc:RegistrationName>
        <cbc:CompanyID schemeID="0007">{org}</cbc:CompanyID>
      </cac:PartyLegalEntity>
    </cac:Party>
  </cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty>
    <cac:Party>
      <cbc:EndpointID schemeID="0007">2120000001</cbc:EndpointID>
      <cac:PartyName><cbc:Name>Exempelby kommun</cbc:Name></cac:PartyName>
      <cac:PostalAddress>
        <cbc:StreetName>Kommunhuset</cbc:StreetName>
        <cbc:CityName>Exempelby</cbc:CityName>
        <cbc:PostalZone>12345</cbc:PostalZone>
        <cac:Country><cbc:IdentificationCode>SE</cbc:IdentificationCode></cac:Country>
      </cac:PostalAddress>
      <cac:PartyTaxScheme>
        <cbc:CompanyID>SE212000000101</cbc:CompanyID>
        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
      </cac:PartyTaxScheme>
      <cac:PartyLegalEntity>
        <cbc:RegistrationName>Exempelby kommun</cbc:RegistrationName>
        <cbc:CompanyID schemeID="0007">2120000001</cbc:CompanyID>
      </cac:PartyLegalEntity>
    </cac:Party>
  </cac:AccountingCustomerParty>
  <cac:PaymentMeans>
    <cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>
    <cbc:PaymentID>{number}</cbc:PaymentID>
    <cac:PayeeFinancialAccount>
      <cbc:ID>56781234</cbc:ID>
      <cac:FinancialInstitutionBranch><cbc:ID>SE:BANKGIRO</cbc:ID></cac:FinancialInstitutionBranch>
    </cac:PayeeFinancialAccount>
  </cac:PaymentMeans>
  <cac:PaymentTerms><cbc:Note>30 dagar netto</cbc:Note></cac:PaymentTerms>
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="SEK">{vat}</cbc:TaxAmount>
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="SEK">{net}</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="SEK">{vat}</cbc:TaxAmount>
      <cac:TaxCategory>
        <cbc:ID>S</cbc:ID>
        <cbc:Percent>25</cbc:Percent>
        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
      </cac:TaxCategory>
    </cac:TaxSubtotal>
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="SEK">{net}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="SEK">{net}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="SEK">{gross}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="SEK">{gross}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
"#,
        name = esc(&inv.supplier_name),
        number = esc(&inv.number),
        net = net.round_dp(2),
        vat = vat,
        gross = gross.round_dp(2),
    ));
    for (i, (item, amount)) in inv.lines.iter().enumerate() {
        x.push_str(&format!(
            r#"  <cac:{line_tag}>
    <cbc:ID>{n}</cbc:ID>
    <cbc:{qty_tag} unitCode="EA">1</cbc:{qty_tag}>
    <cbc:LineExtensionAmount currencyID="SEK">{amount}</cbc:LineExtensionAmount>
    <cac:Item>
      <cbc:Name>{item}</cbc:Name>
      <cac:ClassifiedTaxCategory>
        <cbc:ID>S</cbc:ID>
        <cbc:Percent>25</cbc:Percent>
        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
      </cac:ClassifiedTaxCategory>
    </cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="SEK">{amount}</cbc:PriceAmount></cac:Price>
  </cac:{line_tag}>
"#,
            n = i + 1,
            item = esc(item),
            amount = amount.round_dp(2),
        ));
    }
    x.push_str(&format!("</{root}>\n"));
    x
}

/// A deterministic batch of `n` varied invoices for benchmarks (suppliers, references and
/// amounts cycle through the sample workbook's flows).
pub fn batch(n: usize, start: NaiveDate) -> Vec<(String, Vec<u8>)> {
    let suppliers = [
        ("5561234567", "Kontorsvaror i Norr AB"),
        ("5569876542", "Konsultgruppen Mitt AB"),
        ("5560000001", "Omsorgspartner AB"),
        ("5562223338", "Fastighetsservice Syd AB"),
    ];
    let refs = ["4110", "4120", "4210", "1100", "9999"];
    (0..n)
        .map(|i| {
            let (org, name) = suppliers[i % suppliers.len()];
            let issue = start
                .checked_add_days(chrono::Days::new((i % 60) as u64))
                .unwrap_or(start);
            let amount = Decimal::new(((i * 7919) % 9_000_000 + 10_000) as i64, 2);
            let inv = SynthInvoice {
                supplier_orgnr: org.into(),
                supplier_name: name.into(),
                number: format!("F{:07}", i + 1),
                issue_date: issue,
                due_date: issue
                    .checked_add_days(chrono::Days::new(30))
                    .unwrap_or(issue),
                buyer_reference: refs[i % refs.len()].into(),
                contract: None,
                credit_note: false,
                preceding: None,
                lines: vec![
                    ("Tjänst".into(), amount),
                    ("Material".into(), Decimal::new(12_500, 2)),
                ],
            };
            (format!("bench-{:07}.xml", i + 1), ubl(&inv).into_bytes())
        })
        .collect()
}
