//! Writes the model as a PEPPOL BIS Billing 3.0 UBL 2.1 `Invoice` or `CreditNote`.
//!
//! The writer is the exact inverse of the reader for every term the model holds: reading what it
//! writes gives an equal model (tested over every official full fixture and by proptest). It
//! writes what the model says and nothing else: it does not compute totals, add identifiers or
//! fill `CustomizationID`; preparing a model for PEPPOL is the job of the conversion
//! ([`crate::svefaktura::convert()`]) or of the caller. Elements are written in UBL 2.1 schema
//! order, empty values are never written (PEPPOL-EN16931-R008), amounts carry the invoice
//! currency (BT-5) as `currencyID`, and the VAT total in accounting currency (BT-111) goes into a
//! second `TaxTotal` in BT-6.

use base64::Engine;
use rust_decimal::Decimal;

use crate::model::{
    AllowanceCharge, DocumentKind, Identifier, Invoice, PaymentInstructions, SupportingDocument,
};

use super::write_line::write_line;
use super::write_party::{write_buyer, write_delivery, write_payee, write_seller, write_tax_rep};
use super::write_xml::XmlOut;

/// The `@currencyID` of amounts: BT-5 when known.
pub(super) struct Amounts<'a> {
    pub(super) currency: &'a str,
}

impl Amounts<'_> {
    pub(super) fn write(&self, out: &mut XmlOut, name: &str, value: Option<Decimal>) {
        if let Some(v) = value {
            out.leaf_with(name, &[("currencyID", self.currency)], &v.to_string());
        }
    }
}

/// Writes `inv` as UBL 2.1 XML (UTF-8 text with an XML declaration): an `Invoice` or a
/// `CreditNote` according to [`Invoice::document`].
pub fn write_invoice(inv: &Invoice) -> String {
    let credit = inv.document == DocumentKind::CreditNote;
    let (root, root_ns) = if credit {
        ("CreditNote", crate::xml::ns::UBL_CREDIT_NOTE)
    } else {
        ("Invoice", crate::xml::ns::UBL_INVOICE)
    };
    let mut out = XmlOut::new();
    out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.open_with(
        root,
        &[
            ("xmlns", root_ns),
            ("xmlns:cac", crate::xml::ns::CAC),
            ("xmlns:cbc", crate::xml::ns::CBC),
        ],
    );
    let amounts = Amounts {
        currency: inv.currency.as_ref().map_or("", |c| c.as_str()),
    };
    out.opt("cbc:CustomizationID", inv.process.specification.as_deref());
    out.opt("cbc:ProfileID", inv.process.business_process.as_deref());
    out.opt("cbc:ID", inv.number.as_deref());
    out.opt_display("cbc:IssueDate", inv.issue_date);
    let type_code = inv.type_code.as_ref().map(|c| c.as_str());
    if credit {
        out.opt_display("cbc:TaxPointDate", inv.tax_point_date);
        out.opt("cbc:CreditNoteTypeCode", type_code);
    } else {
        out.opt_display("cbc:DueDate", inv.due_date);
        out.opt("cbc:InvoiceTypeCode", type_code);
    }
    for note in &inv.notes {
        match &note.subject_code {
            Some(code) => out.leaf("cbc:Note", &format!("#{code}#{}", note.text)),
            None => out.leaf("cbc:Note", &note.text),
        }
    }
    if !credit {
        out.opt_display("cbc:TaxPointDate", inv.tax_point_date);
    }
    out.opt(
        "cbc:DocumentCurrencyCode",
        inv.currency.as_ref().map(|c| c.as_str()),
    );
    out.opt(
        "cbc:TaxCurrencyCode",
        inv.tax_currency.as_ref().map(|c| c.as_str()),
    );
    out.opt(
        "cbc:AccountingCost",
        inv.buyer_accounting_reference.as_deref(),
    );
    out.opt("cbc:BuyerReference", inv.buyer_reference.as_deref());
    let period = inv.invoicing_period.clone().unwrap_or_default();
    if inv.invoicing_period.is_some() || inv.tax_point_date_code.is_some() {
        out.open("cac:InvoicePeriod");
        out.opt_display("cbc:StartDate", period.start);
        out.opt_display("cbc:EndDate", period.end);
        out.opt("cbc:DescriptionCode", inv.tax_point_date_code.as_deref());
        out.close("cac:InvoicePeriod");
    }
    if inv.purchase_order_reference.is_some() || inv.sales_order_reference.is_some() {
        out.open("cac:OrderReference");
        // PEPPOL BIS 3: without a purchase order reference the mandatory ID reads "NA".
        out.leaf(
            "cbc:ID",
            inv.purchase_order_reference.as_deref().unwrap_or("NA"),
        );
        out.opt("cbc:SalesOrderID", inv.sales_order_reference.as_deref());
        out.close("cac:OrderReference");
    }
    for p in &inv.preceding_invoices {
        out.open("cac:BillingReference");
        out.open("cac:InvoiceDocumentReference");
        out.leaf("cbc:ID", &p.reference);
        out.opt_display("cbc:IssueDate", p.issue_date);
        out.close("cac:InvoiceDocumentReference");
        out.close("cac:BillingReference");
    }
    id_reference(
        &mut out,
        "cac:DespatchDocumentReference",
        &inv.despatch_advice_reference,
    );
    id_reference(
        &mut out,
        "cac:ReceiptDocumentReference",
        &inv.receiving_advice_reference,
    );
    if !credit {
        id_reference(
            &mut out,
            "cac:OriginatorDocumentReference",
            &inv.tender_or_lot_reference,
        );
    }
    id_reference(
        &mut out,
        "cac:ContractDocumentReference",
        &inv.contract_reference,
    );
    if let Some(object) = &inv.invoiced_object {
        out.open("cac:AdditionalDocumentReference");
        identifier(&mut out, "cbc:ID", object);
        out.leaf("cbc:DocumentTypeCode", "130");
        out.close("cac:AdditionalDocumentReference");
    }
    if credit && let Some(project) = &inv.project_reference {
        out.open("cac:AdditionalDocumentReference");
        out.leaf("cbc:ID", project);
        out.leaf("cbc:DocumentTypeCode", "50");
        out.close("cac:AdditionalDocumentReference");
    }
    for doc in &inv.supporting_documents {
        supporting_document(&mut out, doc);
    }
    if credit {
        id_reference(
            &mut out,
            "cac:OriginatorDocumentReference",
            &inv.tender_or_lot_reference,
        );
    } else {
        id_reference(&mut out, "cac:ProjectReference", &inv.project_reference);
    }
    write_seller(&mut out, &inv.seller);
    write_buyer(&mut out, &inv.buyer);
    if let Some(p) = &inv.payee {
        write_payee(&mut out, p);
    }
    if let Some(t) = &inv.tax_representative {
        write_tax_rep(&mut out, t);
    }
    if let Some(d) = &inv.delivery {
        write_delivery(&mut out, d);
    }
    for (i, pm) in inv.payment_instructions.iter().enumerate() {
        let due = if credit && i == 0 { inv.due_date } else { None };
        payment_means(&mut out, pm, due);
    }
    if let Some(terms) = &inv.payment_terms {
        out.open("cac:PaymentTerms");
        out.leaf("cbc:Note", terms);
        out.close("cac:PaymentTerms");
    }
    for a in &inv.allowances {
        allowance_charge(&mut out, &amounts, a, false);
    }
    for c in &inv.charges {
        allowance_charge(&mut out, &amounts, c, true);
    }
    tax_totals(&mut out, &amounts, inv);
    monetary_total(&mut out, &amounts, inv);
    for line in &inv.lines {
        write_line(&mut out, &amounts, line, credit);
    }
    out.close(root);
    out.finish()
}

fn id_reference(out: &mut XmlOut, name: &str, id: &Option<String>) {
    if let Some(id) = id {
        out.open(name);
        out.leaf("cbc:ID", id);
        out.close(name);
    }
}

/// `<name schemeID="…">value</name>`.
pub(super) fn identifier(out: &mut XmlOut, name: &str, id: &Identifier) {
    out.leaf_with(
        name,
        &[("schemeID", id.scheme.as_deref().unwrap_or(""))],
        &id.value,
    );
}

fn supporting_document(out: &mut XmlOut, doc: &SupportingDocument) {
    out.open("cac:AdditionalDocumentReference");
    out.leaf("cbc:ID", &doc.reference);
    out.opt("cbc:DocumentTypeCode", doc.type_code.as_deref());
    out.opt("cbc:DocumentDescription", doc.description.as_deref());
    if doc.attachment.is_some() || doc.external_location.is_some() {
        out.open("cac:Attachment");
        if let Some(a) = &doc.attachment {
            let encoded = base64::engine::general_purpose::STANDARD.encode(&a.content);
            out.leaf_or_attrs(
                "cbc:EmbeddedDocumentBinaryObject",
                &[
                    ("mimeCode", a.mime_code.as_deref().unwrap_or("")),
                    ("filename", a.filename.as_deref().unwrap_or("")),
                ],
                &encoded,
            );
        }
        if let Some(uri) = &doc.external_location {
            out.open("cac:ExternalReference");
            out.leaf("cbc:URI", uri);
            out.close("cac:ExternalReference");
        }
        out.close("cac:Attachment");
    }
    out.close("cac:AdditionalDocumentReference");
}

fn payment_means(out: &mut XmlOut, pm: &PaymentInstructions, due: Option<chrono::NaiveDate>) {
    out.open("cac:PaymentMeans");
    out.leaf_or_attrs(
        "cbc:PaymentMeansCode",
        &[("name", pm.means_text.as_deref().unwrap_or(""))],
        pm.means_code.as_ref().map_or("", |c| c.as_str()),
    );
    out.opt_display("cbc:PaymentDueDate", due);
    out.opt("cbc:PaymentID", pm.remittance_information.as_deref());
    if let Some(card) = &pm.card {
        out.open("cac:CardAccount");
        out.opt(
            "cbc:PrimaryAccountNumberID",
            card.primary_account_number.as_deref(),
        );
        out.opt("cbc:NetworkID", card.network_id.as_deref());
        out.opt("cbc:HolderName", card.holder_name.as_deref());
        out.close("cac:CardAccount");
    }
    if let Some(ct) = &pm.credit_transfer {
        out.open("cac:PayeeFinancialAccount");
        out.opt("cbc:ID", ct.account_id.as_deref());
        out.opt("cbc:Name", ct.account_name.as_deref());
        if let Some(provider) = &ct.service_provider_id {
            out.open("cac:FinancialInstitutionBranch");
            out.leaf("cbc:ID", provider);
            out.close("cac:FinancialInstitutionBranch");
        }
        out.close("cac:PayeeFinancialAccount");
    }
    if let Some(dd) = &pm.direct_debit {
        out.open("cac:PaymentMandate");
        out.opt("cbc:ID", dd.mandate_reference.as_deref());
        if let Some(account) = &dd.debited_account {
            out.open("cac:PayerFinancialAccount");
            out.leaf("cbc:ID", account);
            out.close("cac:PayerFinancialAccount");
        }
        out.close("cac:PaymentMandate");
    }
    out.close("cac:PaymentMeans");
}

fn allowance_charge(out: &mut XmlOut, amounts: &Amounts<'_>, ac: &AllowanceCharge, charge: bool) {
    out.open("cac:AllowanceCharge");
    out.leaf("cbc:ChargeIndicator", if charge { "true" } else { "false" });
    out.opt("cbc:AllowanceChargeReasonCode", ac.reason_code.as_deref());
    out.opt("cbc:AllowanceChargeReason", ac.reason.as_deref());
    out.opt_display("cbc:MultiplierFactorNumeric", ac.percentage);
    amounts.write(out, "cbc:Amount", ac.amount);
    amounts.write(out, "cbc:BaseAmount", ac.base_amount);
    if ac.vat_category.is_some() || ac.vat_rate.is_some() {
        tax_category(
            out,
            "cac:TaxCategory",
            ac.vat_category.as_ref().map(|c| c.as_str()),
            ac.vat_rate,
            None,
            None,
        );
    }
    out.close("cac:AllowanceCharge");
}

/// A `TaxCategory`/`ClassifiedTaxCategory` with tax scheme `VAT`.
pub(super) fn tax_category(
    out: &mut XmlOut,
    name: &str,
    category: Option<&str>,
    rate: Option<Decimal>,
    reason_code: Option<&str>,
    reason: Option<&str>,
) {
    out.open(name);
    out.opt("cbc:ID", category);
    out.opt_display("cbc:Percent", rate);
    out.opt("cbc:TaxExemptionReasonCode", reason_code);
    out.opt("cbc:TaxExemptionReason", reason);
    out.open("cac:TaxScheme");
    out.leaf("cbc:ID", "VAT");
    out.close("cac:TaxScheme");
    out.close(name);
}

fn tax_totals(out: &mut XmlOut, amounts: &Amounts<'_>, inv: &Invoice) {
    if inv.totals.vat_total.is_some() || !inv.vat_breakdown.is_empty() {
        out.open("cac:TaxTotal");
        amounts.write(out, "cbc:TaxAmount", inv.totals.vat_total);
        for b in &inv.vat_breakdown {
            out.open("cac:TaxSubtotal");
            amounts.write(out, "cbc:TaxableAmount", b.taxable_amount);
            amounts.write(out, "cbc:TaxAmount", b.tax_amount);
            tax_category(
                out,
                "cac:TaxCategory",
                b.category.as_ref().map(|c| c.as_str()),
                b.rate,
                b.exemption_reason_code.as_deref(),
                b.exemption_reason.as_deref(),
            );
            out.close("cac:TaxSubtotal");
        }
        out.close("cac:TaxTotal");
    }
    if let Some(accounting) = inv.totals.vat_total_accounting {
        let currency = inv
            .tax_currency
            .as_ref()
            .map_or(amounts.currency, |c| c.as_str());
        out.open("cac:TaxTotal");
        Amounts { currency }.write(out, "cbc:TaxAmount", Some(accounting));
        out.close("cac:TaxTotal");
    }
}

fn monetary_total(out: &mut XmlOut, amounts: &Amounts<'_>, inv: &Invoice) {
    let t = &inv.totals;
    let any = [
        t.line_net_total,
        t.tax_exclusive,
        t.tax_inclusive,
        t.allowance_total,
        t.charge_total,
        t.paid,
        t.rounding,
        t.amount_due,
    ]
    .iter()
    .any(Option::is_some);
    if !any {
        return;
    }
    out.open("cac:LegalMonetaryTotal");
    amounts.write(out, "cbc:LineExtensionAmount", t.line_net_total);
    amounts.write(out, "cbc:TaxExclusiveAmount", t.tax_exclusive);
    amounts.write(out, "cbc:TaxInclusiveAmount", t.tax_inclusive);
    amounts.write(out, "cbc:AllowanceTotalAmount", t.allowance_total);
    amounts.write(out, "cbc:ChargeTotalAmount", t.charge_total);
    amounts.write(out, "cbc:PrepaidAmount", t.paid);
    amounts.write(out, "cbc:PayableRoundingAmount", t.rounding);
    amounts.write(out, "cbc:PayableAmount", t.amount_due);
    out.close("cac:LegalMonetaryTotal");
}
