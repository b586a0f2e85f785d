//! The few facts of an invoice that routing, approval and the ledger need.
//!
//! [`InvoiceFacts`] is deliberately small: supplier, number, dates, amounts, references and line net
//! amounts. It is filled from a received document (PEPPOL BIS 3 UBL `Invoice`/`CreditNote` or
//! Svefaktura 1.0) by [`extract`], which reads the secure XML tree of `digilyft-invoice`. Amounts
//! are the document's own totals (BT-109, BT-110, BT-115): document totals are authoritative and
//! are never recomputed here.

use chrono::NaiveDate;
use digilyft_invoice::xml::{Document, Element, ns};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Which syntax a document arrived in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    /// PEPPOL BIS Billing 3.0 / UBL 2.1.
    PeppolBis3,
    /// Svefaktura 1.0 (SFTI BasicInvoice).
    Svefaktura1,
}

impl Format {
    /// Stable name used in the store and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::PeppolBis3 => "peppol-bis3",
            Format::Svefaktura1 => "svefaktura1",
        }
    }

    /// Parses [`Format::as_str`] back.
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "peppol-bis3" => Some(Format::PeppolBis3),
            "svefaktura1" => Some(Format::Svefaktura1),
            _ => None,
        }
    }
}

/// Invoice or credit note (kept explicit: sign and link errors are a classic import bug).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentKind {
    /// A commercial invoice (type codes 380 and friends).
    Invoice,
    /// A credit note (UBL `CreditNote`, or type code 381).
    CreditNote,
}

impl DocumentKind {
    /// Stable name used in the store and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Invoice => "invoice",
            DocumentKind::CreditNote => "credit-note",
        }
    }

    /// Parses [`DocumentKind::as_str`] back.
    pub fn parse(s: &str) -> Option<DocumentKind> {
        match s {
            "invoice" => Some(DocumentKind::Invoice),
            "credit-note" => Some(DocumentKind::CreditNote),
            _ => None,
        }
    }
}

/// One invoice line: its id and net amount (BT-126, BT-131).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineFacts {
    /// BT-126 Invoice line identifier.
    pub id: String,
    /// BT-153 Item name (or description).
    pub name: String,
    /// BT-131 Invoice line net amount.
    pub net: Decimal,
}

/// What the approval engine needs to know about a received document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceFacts {
    /// Syntax of the original.
    pub format: Format,
    /// Invoice or credit note.
    pub kind: DocumentKind,
    /// Supplier identity used for duplicates and routing: the Swedish organisationsnummer (10
    /// digits) when one can be found (legal registration, party id, VAT id), else the first
    /// identifier present.
    pub supplier_id: String,
    /// BT-27 Seller name (or trading name).
    pub supplier_name: String,
    /// BT-1 Invoice number.
    pub number: String,
    /// BT-2 Invoice issue date.
    pub issue_date: Option<NaiveDate>,
    /// BT-9 Payment due date.
    pub due_date: Option<NaiveDate>,
    /// BT-5 Invoice currency code.
    pub currency: String,
    /// BT-109 Invoice total amount without VAT.
    pub net_total: Decimal,
    /// BT-110 Invoice total VAT amount.
    pub vat_total: Decimal,
    /// BT-115 Amount due for payment.
    pub payable: Decimal,
    /// BT-10 Buyer reference (referenskod).
    pub buyer_reference: Option<String>,
    /// BT-13 Purchase order reference.
    pub order_ref: Option<String>,
    /// BT-12 Contract reference, or a subscription id (additional document type 130).
    pub contract_ref: Option<String>,
    /// BT-25 Preceding invoice reference (credit notes).
    pub preceding_invoice: Option<String>,
    /// The invoice lines.
    pub lines: Vec<LineFacts>,
}

/// Why a document's facts could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FactsError {
    /// The root element is neither a UBL Invoice/CreditNote nor a Svefaktura invoice.
    #[error("not an e-invoice: root element is {0}")]
    NotAnInvoice(String),
    /// A required element is missing.
    #[error("missing {what} ({path})")]
    Missing {
        /// Business name of the missing item.
        what: &'static str,
        /// Where it was looked for.
        path: &'static str,
    },
    /// An amount or date could not be read.
    #[error("unreadable {what} {value:?} at {path}")]
    Unreadable {
        /// Business name of the item.
        what: &'static str,
        /// The text found.
        value: String,
        /// XPath of the element.
        path: String,
    },
}

/// The detected format of a parsed document, or `None` when it is no known invoice.
pub fn detect(doc: &Document) -> Option<(Format, DocumentKind)> {
    let root = doc.root();
    if root.is(ns::UBL_INVOICE, "Invoice") {
        Some((Format::PeppolBis3, DocumentKind::Invoice))
    } else if root.is(ns::UBL_CREDIT_NOTE, "CreditNote") {
        Some((Format::PeppolBis3, DocumentKind::CreditNote))
    } else if root.is(ns::SFTI_INVOICE, "Invoice") {
        let credit = kid(root, "InvoiceTypeCode").is_some_and(|e| e.text().trim() == "381");
        let kind = if credit {
            DocumentKind::CreditNote
        } else {
            DocumentKind::Invoice
        };
        Some((Format::Svefaktura1, kind))
    } else {
        None
    }
}

/// Reads the facts from a parsed document.
pub fn extract(doc: &Document) -> Result<InvoiceFacts, FactsError> {
    let root = doc.root();
    let Some((format, mut kind)) = detect(doc) else {
        return Err(FactsError::NotAnInvoice(root.qualified_name().into_owned()));
    };
    let number = text(root, &["ID"]).ok_or(FactsError::Missing {
        what: "BT-1 invoice number",
        path: "/*/cbc:ID",
    })?;
    let issue_date = date(root, &["IssueDate"], "BT-2 issue date")?;
    match format {
        Format::PeppolBis3 => {
            if text(root, &["InvoiceTypeCode"]).as_deref() == Some("381") {
                kind = DocumentKind::CreditNote;
            }
            let party = path(root, &["AccountingSupplierParty", "Party"]);
            let (supplier_id, supplier_name) = party.map(ubl_supplier).unwrap_or_default();
            let due_date = match date(root, &["DueDate"], "BT-9 due date")? {
                Some(d) => Some(d),
                None => date(root, &["PaymentMeans", "PaymentDueDate"], "BT-9 due date")?,
            };
            let totals = ["LegalMonetaryTotal"];
            let net_total =
                amount(root, &[totals[0], "TaxExclusiveAmount"], "BT-109")?.unwrap_or_default();
            let payable =
                amount(root, &[totals[0], "PayableAmount"], "BT-115")?.unwrap_or_default();
            let vat_total = vat_in(
                root,
                "TaxTotal",
                "TaxAmount",
                &text(root, &["DocumentCurrencyCode"]),
            )?;
            let line_tag = if kind == DocumentKind::CreditNote && root.local_name() == "CreditNote"
            {
                "CreditNoteLine"
            } else {
                "InvoiceLine"
            };
            let lines = lines(root, line_tag, "Name")?;
            let contract_ref = text(root, &["ContractDocumentReference", "ID"]).or_else(|| {
                children(root, "AdditionalDocumentReference")
                    .find(|d| text(*d, &["DocumentTypeCode"]).as_deref() == Some("130"))
                    .and_then(|d| text(d, &["ID"]))
            });
            Ok(InvoiceFacts {
                format,
                kind,
                supplier_id,
                supplier_name,
                number,
                issue_date,
                due_date,
                currency: text(root, &["DocumentCurrencyCode"]).unwrap_or_default(),
                net_total,
                vat_total,
                payable,
                buyer_reference: text(root, &["BuyerReference"]),
                order_ref: text(root, &["OrderReference", "ID"]),
                contract_ref,
                preceding_invoice: text(
                    root,
                    &["BillingReference", "InvoiceDocumentReference", "ID"],
                ),
                lines,
            })
        }
        Format::Svefaktura1 => {
            let party = path(root, &["SellerParty", "Party"]);
            let (supplier_id, supplier_name) = party.map(sfti_supplier).unwrap_or_default();
            let net_total = amount(root, &["LegalTotal", "TaxExclusiveTotalAmount"], "BT-109")?
                .unwrap_or_default();
            let incl = amount(root, &["LegalTotal", "TaxInclusiveTotalAmount"], "BT-112")?
                .unwrap_or_default();
            let payable = amount(root, &["LegalTotal", "PayableAmount"], "BT-115")?.unwrap_or(incl);
            let mut vat_total = Decimal::ZERO;
            for t in children(root, "TaxTotal") {
                if let Some(a) = amount(t, &["TotalTaxAmount"], "BT-110")? {
                    vat_total += a;
                }
            }
            Ok(InvoiceFacts {
                format,
                kind,
                supplier_id,
                supplier_name,
                number,
                issue_date,
                due_date: date(root, &["PaymentMeans", "DuePaymentDate"], "BT-9 due date")?,
                currency: text(root, &["InvoiceCurrencyCode"]).unwrap_or_default(),
                net_total,
                vat_total,
                payable,
                buyer_reference: text(root, &["RequisitionistDocumentReference", "ID"])
                    .or_else(|| text(root, &["BuyerParty", "Party", "Contact", "Name"])),
                order_ref: text(root, &["OrderReference", "BuyersID"]),
                contract_ref: text(root, &["ContractReference", "ID"]),
                preceding_invoice: text(root, &["InitialInvoiceDocumentReference", "ID"]),
                lines: lines(root, "InvoiceLine", "Description")?,
            })
        }
    }
}

/// Normalises a Swedish organisation or VAT number to its 10 digits when it looks like one
/// (`SE556562422301` → `5565624223`, `556562-4223` → `5565624223`); other ids are returned trimmed.
pub fn normalise_party_id(raw: &str) -> String {
    let t = raw.trim();
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let upper = t.to_ascii_uppercase();
    if upper.starts_with("SE") && digits.len() == 12 && digits.ends_with("01") {
        return digits[..10].to_string();
    }
    let only_digits_and_dash = t.chars().all(|c| c.is_ascii_digit() || c == '-');
    if only_digits_and_dash && digits.len() == 10 {
        return digits;
    }
    t.to_string()
}

fn ubl_supplier(party: Element<'_>) -> (String, String) {
    let legal = text(party, &["PartyLegalEntity", "CompanyID"]);
    let vat = children(party, "PartyTaxScheme").find_map(|p| text(p, &["CompanyID"]));
    let pid = text(party, &["PartyIdentification", "ID"]);
    let endpoint = text(party, &["EndpointID"]);
    let id = best_party_id([legal, pid, vat, endpoint]);
    let name = text(party, &["PartyName", "Name"])
        .or_else(|| text(party, &["PartyLegalEntity", "RegistrationName"]))
        .unwrap_or_default();
    (id, name)
}

fn sfti_supplier(party: Element<'_>) -> (String, String) {
    let ids: Vec<Option<String>> = children(party, "PartyTaxScheme")
        .map(|p| text(p, &["CompanyID"]))
        .collect();
    let pid = text(party, &["PartyIdentification", "ID"]);
    let mut all = ids;
    all.push(pid);
    let id = best_party_id(all);
    let name = text(party, &["PartyName", "Name"]).unwrap_or_default();
    (id, name)
}

/// Prefers a Swedish organisationsnummer among the candidates, else the first present.
fn best_party_id<I: IntoIterator<Item = Option<String>>>(candidates: I) -> String {
    let present: Vec<String> = candidates.into_iter().flatten().collect();
    for c in &present {
        let n = normalise_party_id(c);
        if n.len() == 10 && n.chars().all(|ch| ch.is_ascii_digit()) {
            return n;
        }
    }
    present
        .first()
        .map(|c| c.trim().to_string())
        .unwrap_or_default()
}

fn lines(
    root: Element<'_>,
    tag: &'static str,
    name_tag: &str,
) -> Result<Vec<LineFacts>, FactsError> {
    let mut out = Vec::new();
    for (i, line) in children(root, tag).enumerate() {
        let net =
            amount(line, &["LineExtensionAmount"], "BT-131 line net amount")?.unwrap_or_default();
        let name = text(line, &["Item", name_tag])
            .or_else(|| text(line, &["Item", "Name"]))
            .or_else(|| text(line, &["Item", "Description"]))
            .unwrap_or_default();
        out.push(LineFacts {
            id: text(line, &["ID"]).unwrap_or_else(|| (i + 1).to_string()),
            name,
            net,
        });
    }
    Ok(out)
}

fn vat_in(
    root: Element<'_>,
    group: &'static str,
    item: &str,
    currency: &Option<String>,
) -> Result<Decimal, FactsError> {
    // BT-110 is the TaxTotal whose TaxAmount is in the document currency; with two TaxTotals
    // (BT-111 in accounting currency) the one carrying subtotals is in the document currency.
    let totals: Vec<Element<'_>> = children(root, group).collect();
    let chosen = totals
        .iter()
        .find(|t| kid(**t, "TaxSubtotal").is_some())
        .or_else(|| {
            totals
                .iter()
                .find(|t| kid(**t, item).and_then(|a| a.attr("currencyID")) == currency.as_deref())
        })
        .or(totals.first());
    match chosen {
        Some(t) => Ok(amount(*t, &[item], "BT-110")?.unwrap_or_default()),
        None => Ok(Decimal::ZERO),
    }
}

fn kid<'d>(e: Element<'d>, local: &str) -> Option<Element<'d>> {
    e.children().find(|c| c.local_name() == local)
}

fn children<'d>(e: Element<'d>, local: &'static str) -> impl Iterator<Item = Element<'d>> + 'd {
    e.children().filter(move |c| c.local_name() == local)
}

fn path<'d>(e: Element<'d>, steps: &[&str]) -> Option<Element<'d>> {
    let mut cur = e;
    for s in steps {
        cur = kid(cur, s)?;
    }
    Some(cur)
}

fn text(e: Element<'_>, steps: &[&str]) -> Option<String> {
    let v = path(e, steps)?.string_value();
    let t = v.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn date(
    e: Element<'_>,
    steps: &[&str],
    what: &'static str,
) -> Result<Option<NaiveDate>, FactsError> {
    let Some(el) = path(e, steps) else {
        return Ok(None);
    };
    let v = el.string_value();
    let t = v.trim();
    let day = t.get(..10).unwrap_or(t);
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| FactsError::Unreadable {
            what,
            value: t.to_string(),
            path: el.xpath(),
        })
}

fn amount(
    e: Element<'_>,
    steps: &[&str],
    what: &'static str,
) -> Result<Option<Decimal>, FactsError> {
    let Some(el) = path(e, steps) else {
        return Ok(None);
    };
    let v = el.string_value();
    let t = v.trim();
    t.parse::<Decimal>()
        .map(Some)
        .map_err(|_| FactsError::Unreadable {
            what,
            value: t.to_string(),
            path: el.xpath(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_ids_normalise_to_orgnr() {
        assert_eq!(normalise_party_id("SE556562422301"), "5565624223");
        assert_eq!(normalise_party_id("556562-4223"), "5565624223");
        assert_eq!(normalise_party_id("GB983294"), "GB983294");
    }

    #[test]
    fn reads_a_peppol_credit_note() {
        let bytes = include_bytes!(
            "../../tests/fixtures/official/peppol-bis3/rules/examples/base-creditnote-correction.xml"
        );
        let doc = Document::parse(bytes).expect("fixture parses");
        let f = extract(&doc).expect("facts");
        assert_eq!(f.kind, DocumentKind::CreditNote);
        assert_eq!(f.number, "Snippet1");
        assert_eq!(f.preceding_invoice.as_deref(), Some("Snippet1"));
        assert_eq!(f.payable, "1656.25".parse::<Decimal>().expect("dec"));
        assert_eq!(f.vat_total, "331.25".parse::<Decimal>().expect("dec"));
        assert_eq!(f.supplier_id, "GB983294");
    }

    #[test]
    fn reads_a_svefaktura() {
        let bytes =
            include_bytes!("../../tests/fixtures/official/svefaktura/samples/svefaktura.xml");
        let doc = Document::parse(bytes).expect("fixture parses");
        let f = extract(&doc).expect("facts");
        assert_eq!(f.format, Format::Svefaktura1);
        assert_eq!(f.supplier_id, "5565624223");
        assert_eq!(f.supplier_name, "Moderna Produkter AB");
        assert_eq!(f.due_date, NaiveDate::from_ymd_opt(2003, 10, 11));
        assert_eq!(f.net_total, Decimal::from(6225));
        assert!(!f.lines.is_empty());
    }
}
