//! The few facts of an invoice that routing, approval and the ledger need.
//!
//! [`InvoiceFacts`] is deliberately small: supplier, number, dates, amounts, references and line net
//! amounts. It is a projection of the EN 16931 model that `digilyft-invoice` reads from a received
//! document (PEPPOL BIS 3 UBL `Invoice`/`CreditNote` or Svefaktura 1.0), made by [`from_model`];
//! nothing here reads XML, so routing sees exactly what is stored as the model. Amounts are the
//! document's own totals (BT-109, BT-110, BT-115): document totals are authoritative and are never
//! recomputed from the lines.

use chrono::NaiveDate;
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

/// Projects the facts from a document read into the EN 16931 model (`digilyft_invoice::read`):
/// this is how import fills them. Document totals are taken as given: BT-109 and BT-115 must be
/// present or follow from the document's own sums (BT-109 from BT-106, BT-107 and BT-108; BT-115
/// from BT-112 for a Svefaktura without PayableAmount).
pub fn from_model(read: &digilyft_invoice::Read) -> Result<InvoiceFacts, FactsError> {
    use digilyft_invoice::Format as Syntax;
    use digilyft_invoice::model::DocumentKind as ModelKind;
    let inv = &read.invoice;
    let format = match read.format {
        Syntax::PeppolBis3 => Format::PeppolBis3,
        Syntax::Svefaktura1 => Format::Svefaktura1,
        other => {
            return Err(FactsError::NotAnInvoice(other.name().into()));
        }
    };
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
    // Svefaktura may leave out TaxExclusiveTotalAmount: then BT-109 follows from the document's
    // own sums (BR-CO-13: BT-106 − BT-107 + BT-108), never from the lines.
    let from_sums = t.line_net_total.map(|lines| {
        lines - t.allowance_total.unwrap_or_default() + t.charge_total.unwrap_or_default()
    });
    let net_total = t.tax_exclusive.or(from_sums).ok_or(FactsError::Missing {
        what: "BT-109 invoice total amount without VAT",
        path: "LegalMonetaryTotal/TaxExclusiveAmount",
    })?;
    let payable = t
        .amount_due
        .or(t.tax_inclusive)
        .ok_or(FactsError::Missing {
            what: "BT-115 amount due for payment",
            path: "LegalMonetaryTotal/PayableAmount",
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

    fn facts_of(path: &str) -> InvoiceFacts {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
        let bytes = std::fs::read(root.join(path)).expect("fixture");
        let read = digilyft_invoice::read(&bytes).expect("an invoice");
        from_model(&read).expect("facts")
    }

    fn dec(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn facts_follow_the_model_of_each_fixture() {
        // (file, kind, supplier id, number, BT-109, BT-110, BT-115, lines, BT-13, BT-12/BT-18, BT-25)
        type Row = (
            &'static str,
            DocumentKind,
            &'static str,
            &'static str,
            &'static str,
            &'static str,
            &'static str,
            usize,
            Option<&'static str>,
            Option<&'static str>,
            Option<&'static str>,
        );
        let ex = "official/peppol-bis3/rules/examples/";
        let cases: Vec<(String, Row)> = vec![
            (
                format!("{ex}base-creditnote-correction.xml"),
                (
                    "",
                    DocumentKind::CreditNote,
                    "GB983294",
                    "Snippet1",
                    "1325",
                    "331.25",
                    "1656.25",
                    2,
                    None,
                    None,
                    Some("Snippet1"),
                ),
            ),
            (
                // BT-110 in EUR, not the BT-111 accounting-currency total (9324 SEK).
                format!("{ex}Allowance-example.xml"),
                (
                    "",
                    DocumentKind::Invoice,
                    "GB983294",
                    "Snippet1",
                    "5900",
                    "1225.00",
                    "6125.00",
                    3,
                    None,
                    Some("framework no 1"),
                    None,
                ),
            ),
            (
                // Only a sales order reference: the order reference is the placeholder NA, not BT-13.
                format!("{ex}sales-order-example.xml"),
                (
                    "",
                    DocumentKind::Invoice,
                    "GB983294",
                    "Snippet1",
                    "1325",
                    "331.25",
                    "1656.25",
                    2,
                    None,
                    None,
                    None,
                ),
            ),
            (
                "official/svefaktura/samples/svefaktura.xml".into(),
                (
                    "",
                    DocumentKind::Invoice,
                    "5565624223",
                    "15",
                    "6225",
                    "1556.25",
                    "7781.25",
                    2,
                    None,
                    None,
                    None,
                ),
            ),
            (
                // No TaxExclusiveTotalAmount: BT-109 from the document's own sums (BR-CO-13).
                "official/svefaktura/samples/svefaktura_moms.xml".into(),
                (
                    "",
                    DocumentKind::Invoice,
                    "5565624223",
                    "200400035",
                    "15150.00",
                    "3768.00",
                    "18918.00",
                    2,
                    None,
                    None,
                    None,
                ),
            ),
        ];
        for (
            file,
            (_, kind, supplier, number, net, vat, payable, lines, order, contract, preceding),
        ) in cases
        {
            let f = facts_of(&file);
            let got = (
                f.kind,
                f.supplier_id.as_str(),
                f.number.as_str(),
                f.net_total,
                f.vat_total,
                f.payable,
                f.lines.len(),
                f.order_ref.as_deref(),
                f.contract_ref.as_deref(),
                f.preceding_invoice.as_deref(),
            );
            let want = (
                kind,
                supplier,
                number,
                dec(net),
                dec(vat),
                dec(payable),
                lines,
                order,
                contract,
                preceding,
            );
            assert_eq!(got, want, "{file}");
        }
    }

    #[test]
    fn an_invoice_without_a_number_has_no_facts() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
        let bytes =
            std::fs::read(root.join("official/peppol-bis3/rules/examples/base-example.xml"))
                .expect("fixture");
        let text = String::from_utf8(bytes).expect("utf-8");
        let without = text.replacen("<cbc:ID>Snippet1</cbc:ID>", "", 1);
        assert_ne!(without, text);
        let read = digilyft_invoice::read(without.as_bytes()).expect("still an invoice");
        assert!(
            matches!(from_model(&read), Err(FactsError::Missing { what, .. }) if what.starts_with("BT-1 "))
        );
    }
}
