//! Reads a UBL 2.1 `Invoice` or `CreditNote` (PEPPOL BIS 3 / EN 16931 UBL binding) into the
//! model: header, references, payment, document allowances and charges, VAT and totals. Parties
//! are in `read_party.rs`, lines in `read_line.rs`.

use base64::Engine;

use crate::model::{
    AllowanceCharge, Attachment, CurrencyCode, DocumentKind, DocumentTotals, Identifier, Invoice,
    InvoiceTypeCode, Note, PaymentInstructions, PaymentMeansCode, Period, PrecedingInvoice,
    SupportingDocument, VatBreakdown, VatCategoryCode,
};
use crate::model::{CreditTransfer, DirectDebit, PaymentCard};
use crate::read::{Finding, FindingKind, Values, attr};
use crate::xml::{Element, ns};

use super::{read_line, read_party, schema};

pub(super) const CAC: &str = ns::CAC;
pub(super) const CBC: &str = ns::CBC;

/// Reads the UBL `Invoice` or `CreditNote` element `root` into the model, appending findings.
///
/// Tolerant: any element may be missing (the term is then absent); unknown, misplaced and
/// repeated elements, and values that do not parse, become findings.
pub fn read_invoice(root: Element<'_>, findings: &mut Vec<Finding>) -> Invoice {
    let credit_note = root.is(ns::UBL_CREDIT_NOTE, "CreditNote");
    schema::check(root, credit_note, findings);
    let mut v = Values { findings };
    let cbc = |name: &str| root.child(CBC, name);
    let mut inv = Invoice {
        document: if credit_note {
            DocumentKind::CreditNote
        } else {
            DocumentKind::Invoice
        },
        ..Invoice::default()
    };
    inv.process.specification = v.text(cbc("CustomizationID"));
    inv.process.business_process = v.text(cbc("ProfileID"));
    inv.number = v.text(cbc("ID"));
    inv.issue_date = v.date(cbc("IssueDate"));
    let type_name = if credit_note {
        "CreditNoteTypeCode"
    } else {
        "InvoiceTypeCode"
    };
    inv.type_code = v.text(cbc(type_name)).map(InvoiceTypeCode);
    inv.notes = root
        .children_named(CBC, "Note")
        .filter_map(|n| v.text(Some(n)))
        .map(|t| split_note(&t))
        .collect();
    inv.tax_point_date = v.date(cbc("TaxPointDate"));
    inv.currency = v.text(cbc("DocumentCurrencyCode")).map(CurrencyCode);
    inv.tax_currency = v.text(cbc("TaxCurrencyCode")).map(CurrencyCode);
    inv.buyer_accounting_reference = v.text(cbc("AccountingCost"));
    inv.buyer_reference = v.text(cbc("BuyerReference"));
    if !credit_note {
        inv.due_date = v.date(cbc("DueDate"));
    }

    if let Some(period) = root.child(CAC, "InvoicePeriod") {
        inv.invoicing_period = read_period(&mut v, period);
        inv.tax_point_date_code = v.text(period.child(CBC, "DescriptionCode"));
    }
    if let Some(order) = root.child(CAC, "OrderReference") {
        inv.sales_order_reference = v.text(order.child(CBC, "SalesOrderID"));
        // PEPPOL BIS 3 writes "NA" as the mandatory ID when only a sales order is referenced.
        inv.purchase_order_reference = v
            .text(order.child(CBC, "ID"))
            .filter(|id| !(id == "NA" && inv.sales_order_reference.is_some()));
    }
    for billing in root.children_named(CAC, "BillingReference") {
        if let Some(r) = billing.child(CAC, "InvoiceDocumentReference") {
            inv.preceding_invoices.push(PrecedingInvoice {
                reference: v.text(r.child(CBC, "ID")).unwrap_or_default(),
                issue_date: v.date(r.child(CBC, "IssueDate")),
            });
        }
    }
    let ref_id = |v: &Values<'_>, name: &str| {
        root.child(CAC, name)
            .and_then(|r| v.text(r.child(CBC, "ID")))
    };
    inv.despatch_advice_reference = ref_id(&v, "DespatchDocumentReference");
    inv.receiving_advice_reference = ref_id(&v, "ReceiptDocumentReference");
    inv.tender_or_lot_reference = ref_id(&v, "OriginatorDocumentReference");
    inv.contract_reference = ref_id(&v, "ContractDocumentReference");
    inv.project_reference = ref_id(&v, "ProjectReference");
    for adr in root.children_named(CAC, "AdditionalDocumentReference") {
        read_additional_document(&mut v, adr, credit_note, &mut inv);
    }

    if let Some(p) = root.descend(&[(CAC, "AccountingSupplierParty"), (CAC, "Party")]) {
        inv.seller = read_party::seller(&mut v, p);
    }
    if let Some(p) = root.descend(&[(CAC, "AccountingCustomerParty"), (CAC, "Party")]) {
        inv.buyer = read_party::buyer(&mut v, p);
    }
    if let Some(p) = root.child(CAC, "PayeeParty") {
        inv.payee = Some(read_party::payee(&mut v, p));
    }
    if let Some(p) = root.child(CAC, "TaxRepresentativeParty") {
        inv.tax_representative = Some(read_party::tax_representative(&mut v, p));
    }
    if let Some(d) = root.child(CAC, "Delivery") {
        inv.delivery = Some(read_party::delivery(&mut v, d));
    }

    for pm in root.children_named(CAC, "PaymentMeans") {
        if credit_note && inv.due_date.is_none() {
            inv.due_date = v.date(pm.child(CBC, "PaymentDueDate"));
        }
        inv.payment_instructions
            .push(read_payment_means(&mut v, pm));
    }
    inv.payment_terms = root
        .child(CAC, "PaymentTerms")
        .and_then(|t| v.text(t.child(CBC, "Note")));

    for ac in root.children_named(CAC, "AllowanceCharge") {
        let (is_charge, item) = read_allowance_charge(&mut v, ac);
        if is_charge {
            inv.charges.push(item);
        } else {
            inv.allowances.push(item);
        }
    }
    read_tax_totals(&mut v, root, &mut inv);
    if let Some(t) = root.child(CAC, "LegalMonetaryTotal") {
        read_totals(&mut v, t, &mut inv.totals);
    }
    let line_name = if credit_note {
        "CreditNoteLine"
    } else {
        "InvoiceLine"
    };
    for line in root.children_named(CAC, line_name) {
        inv.lines.push(read_line::line(&mut v, line, credit_note));
    }
    inv
}

/// Splits the UBL convention `#SUBJECT#text` into BT-21 and BT-22.
pub(crate) fn split_note(text: &str) -> Note {
    if let Some(rest) = text.strip_prefix('#')
        && let Some((code, body)) = rest.split_once('#')
        && (1..=3).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return Note {
            subject_code: Some(code.to_string()),
            text: body.to_string(),
        };
    }
    Note {
        subject_code: None,
        text: text.to_string(),
    }
}

pub(super) fn read_period(v: &mut Values<'_>, p: Element<'_>) -> Option<Period> {
    let period = Period {
        start: v.date(p.child(CBC, "StartDate")),
        end: v.date(p.child(CBC, "EndDate")),
    };
    (period != Period::default()).then_some(period)
}

fn read_additional_document(
    v: &mut Values<'_>,
    adr: Element<'_>,
    credit_note: bool,
    inv: &mut Invoice,
) {
    let type_code = v.text(adr.child(CBC, "DocumentTypeCode"));
    match type_code.as_deref() {
        Some("130") if inv.invoiced_object.is_none() => {
            inv.invoiced_object = v.id(adr.child(CBC, "ID"), "schemeID");
            return;
        }
        Some("50") if credit_note && inv.project_reference.is_none() => {
            inv.project_reference = v.text(adr.child(CBC, "ID"));
            return;
        }
        _ => {}
    }
    let attachment = adr.child(CAC, "Attachment");
    let binary = attachment.and_then(|a| a.child(CBC, "EmbeddedDocumentBinaryObject"));
    inv.supporting_documents.push(SupportingDocument {
        reference: v.text(adr.child(CBC, "ID")).unwrap_or_default(),
        type_code,
        description: v.text(adr.child(CBC, "DocumentDescription")),
        external_location: attachment
            .and_then(|a| a.descend(&[(CAC, "ExternalReference"), (CBC, "URI")]))
            .and_then(|u| v.text(Some(u))),
        attachment: binary.map(|b| read_binary(v, b)),
    });
}

/// Decodes a base64 binary object; undecodable content becomes a finding and empty bytes.
pub(crate) fn read_binary(v: &mut Values<'_>, b: Element<'_>) -> Attachment {
    let content = match decode_base64(b.text()) {
        Ok(bytes) => bytes,
        Err(e) => {
            v.findings.push(Finding::at(
                FindingKind::InvalidValue,
                b,
                format!("embedded document is not valid base64: {e}"),
            ));
            Vec::new()
        }
    };
    Attachment {
        mime_code: attr(b, "mimeCode"),
        filename: attr(b, "filename"),
        content,
    }
}

/// Decodes base64 text, ignoring the white space (line breaks, indentation) XML allows in it.
pub(crate) fn decode_base64(text: &str) -> Result<Vec<u8>, base64::DecodeError> {
    let compact: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    base64::engine::general_purpose::STANDARD.decode(compact)
}

fn read_payment_means(v: &mut Values<'_>, pm: Element<'_>) -> PaymentInstructions {
    let code = pm.child(CBC, "PaymentMeansCode");
    let credit_transfer = pm
        .child(CAC, "PayeeFinancialAccount")
        .map(|a| CreditTransfer {
            account_id: v.text(a.child(CBC, "ID")),
            account_name: v.text(a.child(CBC, "Name")),
            service_provider_id: a
                .child(CAC, "FinancialInstitutionBranch")
                .and_then(|b| v.text(b.child(CBC, "ID"))),
        });
    let card = pm.child(CAC, "CardAccount").map(|c| PaymentCard {
        primary_account_number: v.text(c.child(CBC, "PrimaryAccountNumberID")),
        network_id: v.text(c.child(CBC, "NetworkID")),
        holder_name: v.text(c.child(CBC, "HolderName")),
    });
    let direct_debit = pm.child(CAC, "PaymentMandate").map(|m| DirectDebit {
        mandate_reference: v.text(m.child(CBC, "ID")),
        debited_account: m
            .child(CAC, "PayerFinancialAccount")
            .and_then(|a| v.text(a.child(CBC, "ID"))),
    });
    PaymentInstructions {
        means_code: v.text(code).map(PaymentMeansCode),
        means_text: code.and_then(|c| attr(c, "name")),
        remittance_information: v.text(pm.child(CBC, "PaymentID")),
        credit_transfer,
        card,
        direct_debit,
    }
}

/// Reads a document-level `AllowanceCharge`; `true` when it is a charge.
fn read_allowance_charge(v: &mut Values<'_>, ac: Element<'_>) -> (bool, AllowanceCharge) {
    let is_charge = v.boolean(ac.child(CBC, "ChargeIndicator")).unwrap_or(false);
    let tax = ac.child(CAC, "TaxCategory");
    let item = AllowanceCharge {
        amount: v.decimal(ac.child(CBC, "Amount")),
        base_amount: v.decimal(ac.child(CBC, "BaseAmount")),
        percentage: v.decimal(ac.child(CBC, "MultiplierFactorNumeric")),
        vat_category: tax
            .and_then(|t| v.text(t.child(CBC, "ID")))
            .map(VatCategoryCode),
        vat_rate: tax.and_then(|t| v.decimal(t.child(CBC, "Percent"))),
        reason: v.text(ac.child(CBC, "AllowanceChargeReason")),
        reason_code: v.text(ac.child(CBC, "AllowanceChargeReasonCode")),
    };
    (is_charge, item)
}

/// BT-110 and BG-23 come from the `TaxTotal` in the invoice currency, BT-111 from the one in the
/// VAT accounting currency (BT-6). Without currency attributes the first `TaxTotal` is BT-110.
fn read_tax_totals(v: &mut Values<'_>, root: Element<'_>, inv: &mut Invoice) {
    let mut seen_document_total = false;
    for tt in root.children_named(CAC, "TaxTotal") {
        let amount_el = tt.child(CBC, "TaxAmount");
        let currency = amount_el.and_then(|a| attr(a, "currencyID"));
        let has_subtotals = tt.child(CAC, "TaxSubtotal").is_some();
        let in_tax_currency = match (&currency, &inv.tax_currency, &inv.currency) {
            (Some(c), Some(tax), doc) => {
                c == tax.as_str() && doc.as_ref().is_none_or(|d| d.as_str() != c)
            }
            _ => false,
        };
        let accounting = in_tax_currency || (seen_document_total && !has_subtotals);
        if accounting && inv.totals.vat_total_accounting.is_none() {
            inv.totals.vat_total_accounting = v.decimal(amount_el);
        } else if !seen_document_total {
            inv.totals.vat_total = v.decimal(amount_el);
            seen_document_total = true;
        }
        if accounting {
            continue;
        }
        for st in tt.children_named(CAC, "TaxSubtotal") {
            let cat = st.child(CAC, "TaxCategory");
            inv.vat_breakdown.push(VatBreakdown {
                taxable_amount: v.decimal(st.child(CBC, "TaxableAmount")),
                tax_amount: v.decimal(st.child(CBC, "TaxAmount")),
                category: cat
                    .and_then(|c| v.text(c.child(CBC, "ID")))
                    .map(VatCategoryCode),
                rate: cat.and_then(|c| v.decimal(c.child(CBC, "Percent"))),
                exemption_reason: cat.and_then(|c| v.text(c.child(CBC, "TaxExemptionReason"))),
                exemption_reason_code: cat
                    .and_then(|c| v.text(c.child(CBC, "TaxExemptionReasonCode"))),
            });
        }
    }
}

fn read_totals(v: &mut Values<'_>, t: Element<'_>, totals: &mut DocumentTotals) {
    let mut amount = |name: &str| v.decimal(t.child(CBC, name));
    totals.line_net_total = amount("LineExtensionAmount");
    totals.tax_exclusive = amount("TaxExclusiveAmount");
    totals.tax_inclusive = amount("TaxInclusiveAmount");
    totals.allowance_total = amount("AllowanceTotalAmount");
    totals.charge_total = amount("ChargeTotalAmount");
    totals.paid = amount("PrepaidAmount");
    totals.rounding = amount("PayableRoundingAmount");
    totals.amount_due = amount("PayableAmount");
}

/// An identifier from `e/cbc:ID` with `@schemeID`.
pub(super) fn scheme_id(v: &Values<'_>, e: Option<Element<'_>>) -> Option<Identifier> {
    v.id(e.and_then(|e| e.child(CBC, "ID")), "schemeID")
}
