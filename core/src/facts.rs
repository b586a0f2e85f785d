//! The few facts of an invoice that routing, approval and the ledger need.
//!
//! [`InvoiceFacts`] is deliberately small: supplier, number, dates, amounts, references and line net
//! amounts. [`from_model`] projects it from the EN 16931 model that `digilyft-invoice` reads from a
//! received document (PEPPOL BIS 3 UBL `Invoice`/`CreditNote` or Svefaktura 1.0, the latter through
//! the SFTI → EN 16931 mapping), the same reading import stores as the model.
//!
//! Invariants:
//! * A projection of the stored model; never re-reads XML. Routing, approval and the ledger see
//!   exactly what the stored model says, and a fix to the readers reaches them without a second
//!   parser to keep in step.
//! * Document totals are authoritative: BT-109, BT-110 and BT-115 are the document's own, never
//!   recomputed from the lines. BT-110 is the VAT total in the document currency, never the
//!   accounting-currency total BT-111. Only when a Svefaktura leaves out BT-109 does it follow from
//!   the document's own sums (BR-CO-13: BT-106 − BT-107 + BT-108).
//! * A UBL `CreditNote`, or type code 381 (BT-3), is a [`DocumentKind::CreditNote`].
//! * The supplier id prefers a Swedish organisationsnummer (10 digits) from legal registration
//!   BT-30, seller id BT-29, VAT id BT-31 (or tax registration BT-32), endpoint BT-34, in that
//!   order; without one it is the first of them present.
//! * No invoice number (BT-1), BT-109 or BT-115 means no facts ([`FactsError::Missing`]): a
//!   document is never routed with a made-up zero amount. A BT-109 or BT-115 that is there but
//!   cannot be read is [`FactsError::Unparseable`], quoting the value, not "missing".

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Which syntax a document arrived in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

    /// The invoice syntax a model reading came from; `None` for documents that are no invoice on
    /// their own (a Svefaktura ObjectEnvelope). The stored names equal the reader's
    /// ([`digilyft_invoice::Format::name`]) for both invoice syntaxes.
    pub fn of_syntax(syntax: digilyft_invoice::Format) -> Option<Format> {
        match syntax {
            digilyft_invoice::Format::PeppolBis3 => Some(Format::PeppolBis3),
            digilyft_invoice::Format::Svefaktura1 => Some(Format::Svefaktura1),
            _ => None,
        }
    }
}

/// Invoice or credit note (kept explicit: sign and link errors are a classic import bug).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineFacts {
    /// BT-126 Invoice line identifier.
    pub id: String,
    /// BT-153 Item name (or description).
    pub name: String,
    /// BT-131 Invoice line net amount.
    pub net: Decimal,
}

/// What the approval engine needs to know about a received document.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// The document was read in a syntax that is no invoice on its own (its name is given).
    #[error("not an e-invoice: read as {0}")]
    NotAnInvoice(String),
    /// A required element is missing.
    #[error("missing {what} ({path})")]
    Missing {
        /// Business name of the missing item.
        what: &'static str,
        /// Where it was looked for.
        path: &'static str,
    },
    /// A required element is there but its value cannot be read (`12,50` as PayableAmount).
    #[error("unparseable {what} at line {line} ({path}): {reason}")]
    Unparseable {
        /// Business name of the item.
        what: &'static str,
        /// Where it is (the reader's XPath).
        path: String,
        /// 1-based line in the document.
        line: u32,
        /// The reader's reason, quoting the value.
        reason: String,
    },
}

/// `Missing`, or `Unparseable` when the reader found the element named `element` but could not
/// read its value (it reported an invalid-value finding there): a wrong value is not a missing
/// one, and the message names the value.
fn absent(
    read: &digilyft_invoice::Read,
    element: &str,
    what: &'static str,
    path: &'static str,
) -> FactsError {
    let invalid = read.findings.iter().find(|f| {
        f.kind == digilyft_invoice::FindingKind::InvalidValue
            && f.path
                .rsplit('/')
                .next()
                .is_some_and(|last| last.split('[').next().is_some_and(|n| n.ends_with(element)))
    });
    match invalid {
        Some(f) => FactsError::Unparseable {
            what,
            path: f.path.clone(),
            line: f.line,
            reason: f.message.clone(),
        },
        None => FactsError::Missing { what, path },
    }
}

/// Projects the facts from a document read into the EN 16931 model (`digilyft_invoice::read`):
/// this is how import fills them. Document totals are taken as given: BT-109 and BT-115 must be
/// present or follow from the document's own sums (BT-109 from BT-106, BT-107 and BT-108; BT-115
/// from BT-112 for a Svefaktura without PayableAmount).
pub fn from_model(read: &digilyft_invoice::Read) -> Result<InvoiceFacts, FactsError> {
    use digilyft_invoice::model::DocumentKind as ModelKind;
    let inv = &read.invoice;
    let format = Format::of_syntax(read.format)
        .ok_or_else(|| FactsError::NotAnInvoice(read.format.name().into()))?;
    let credit = inv.document == ModelKind::CreditNote
        || inv.type_code.as_ref().is_some_and(|t| t.as_str() == "381");
    let kind = if credit {
        DocumentKind::CreditNote
    } else {
        DocumentKind::Invoice
    };
    let number =
        inv.number
            .clone()
            .filter(|n| !n.trim().is_empty())
            .ok_or(FactsError::Missing {
                what: "BT-1 invoice number",
                path: "/*/cbc:ID",
            })?;
    let seller = &inv.seller;
    let supplier_id = best_party_id(
        std::iter::once(seller.legal_registration.as_ref().map(|i| i.value.clone()))
            .chain(seller.identifiers.iter().map(|i| Some(i.value.clone())))
            .chain([
                seller.vat_id.clone(),
                seller.tax_registration.as_ref().map(|i| i.value.clone()),
                seller.electronic_address.as_ref().map(|i| i.value.clone()),
            ]),
    );
    let supplier_name = seller
        .trading_name
        .clone()
        .or_else(|| seller.name.clone())
        .unwrap_or_default();
    let t = &inv.totals;
    // Svefaktura may leave out TaxExclusiveTotalAmount and PayableAmount (PEPPOL BIS 3 may not):
    // then BT-109 follows from the document's own sums (BR-CO-13: BT-106 − BT-107 + BT-108) and
    // BT-115 from BT-112, never from the lines.
    let sfti = format == Format::Svefaktura1;
    let from_sums = t.line_net_total.filter(|_| sfti).map(|lines| {
        lines - t.allowance_total.unwrap_or_default() + t.charge_total.unwrap_or_default()
    });
    let net_total = t.tax_exclusive.or(from_sums).ok_or_else(|| {
        absent(
            read,
            if sfti {
                "TaxExclusiveTotalAmount"
            } else {
                "TaxExclusiveAmount"
            },
            "BT-109 invoice total amount without VAT",
            if sfti {
                "LegalTotal/TaxExclusiveTotalAmount"
            } else {
                "LegalMonetaryTotal/TaxExclusiveAmount"
            },
        )
    })?;
    let payable = t
        .amount_due
        .or(t.tax_inclusive.filter(|_| sfti))
        .ok_or_else(|| {
            absent(
                read,
                "PayableAmount",
                "BT-115 amount due for payment",
                if sfti {
                    "LegalTotal/PayableAmount"
                } else {
                    "LegalMonetaryTotal/PayableAmount"
                },
            )
        })?;
    let lines = inv
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| LineFacts {
            id: l.id.clone().unwrap_or_else(|| (i + 1).to_string()),
            name: l
                .item
                .name
                .clone()
                .or_else(|| l.item.description.clone())
                .unwrap_or_default(),
            net: l.net_amount.unwrap_or_default(),
        })
        .collect();
    Ok(InvoiceFacts {
        format,
        kind,
        supplier_id,
        supplier_name,
        number,
        issue_date: inv.issue_date,
        due_date: inv.due_date,
        currency: inv
            .currency
            .as_ref()
            .map(|c| c.as_str().to_string())
            .unwrap_or_default(),
        net_total,
        vat_total: t.vat_total.unwrap_or_default(),
        payable,
        buyer_reference: inv.buyer_reference.clone(),
        order_ref: inv.purchase_order_reference.clone(),
        contract_ref: inv
            .contract_reference
            .clone()
            .or_else(|| inv.invoiced_object.as_ref().map(|o| o.value.clone())),
        preceding_invoice: inv.preceding_invoices.first().map(|p| p.reference.clone()),
        lines,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_ids_normalise_to_orgnr() {
        assert_eq!(normalise_party_id("SE556562422301"), "5565624223");
        assert_eq!(normalise_party_id("556562-4223"), "5565624223");
        assert_eq!(normalise_party_id("GB983294"), "GB983294");
    }
}
