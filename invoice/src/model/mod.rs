//! The EN 16931-1 semantic model: one faithful representation of a supplier invoice or credit
//! note, whatever format it arrived in.
//!
//! Every business term BT-1 … BT-165 and every business group BG-1 … BG-32 has a field; its doc
//! comment names the id. Design choices, all deliberate:
//!
//! * **Absent is `None`.** Every term is optional in the type, even the mandatory ones, because the
//!   readers are tolerant: an incomplete fragment still gives a model and the validation rules say
//!   what is missing. Repeating terms are `Vec`s (empty when absent).
//! * **Values as given.** Texts are trimmed of surrounding white space, otherwise unchanged; codes
//!   are newtypes over the given string with a typed view (`known()`), see [`codes`].
//! * **Money and quantities are [`Decimal`]**, never floats, with the scale the document used
//!   (`Decimal` equality is numeric: `100` equals `100.00`). Dates are [`NaiveDate`].
//! * **UBL-shaped where EN 16931 and UBL differ** so that PEPPOL BIS 3 round-trips: payment
//!   instructions (BG-16) are one entry per UBL `PaymentMeans`; the invoicing period (BG-14) sits on
//!   the invoice rather than inside BG-13; BT-90 (bank assigned creditor id) is a seller or payee
//!   identifier with scheme `SEPA` (see [`Invoice::bank_assigned_creditor_id`]).
//! * **`Clone + Debug + PartialEq` and serde.** The JSON form (`digilyft parse --json`) is the serde
//!   form of these types: snake_case field names, decimals as strings, dates as `YYYY-MM-DD`,
//!   binary attachments as base64 strings. Absent optional fields and empty lists are omitted.

mod amounts;
pub mod codes;
mod document;
mod line;
mod party;
mod payment;

pub use amounts::{AllowanceCharge, DocumentTotals, VatBreakdown};
pub use codes::{
    Country, CountryCode, Currency, CurrencyCode, InvoiceType, InvoiceTypeCode, PaymentMeans,
    PaymentMeansCode, Unit, UnitCode, VatCategory, VatCategoryCode,
};
pub use document::{Attachment, SupportingDocument};
pub use line::{
    InvoiceLine, Item, ItemAttribute, ItemClassification, LineAllowanceCharge, LineVat,
    PriceDetails,
};
pub use party::{Address, Buyer, Contact, Delivery, Payee, Seller, TaxRepresentative};
pub use payment::{CreditTransfer, DirectDebit, PaymentCard, PaymentInstructions};

pub use chrono::NaiveDate;
pub use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Which UBL document the invoice is (or will be written as): `Invoice` or `CreditNote`. This is a
/// syntax choice that EN 16931 leaves to BT-3; a Svefaktura credit note (type 381) is `CreditNote`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A UBL `Invoice` (BT-3 from the invoice part of UNTDID 1001).
    #[default]
    Invoice,
    /// A UBL `CreditNote` (BT-3 from the credit note part of UNTDID 1001).
    CreditNote,
}

/// An identifier with its optional identification scheme (ISO 6523 ICD, EAS, or free).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Identifier {
    /// The identifier value.
    pub value: String,
    /// The scheme identifier (`@schemeID`), if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
}

impl Identifier {
    /// An identifier without a scheme.
    pub fn new(value: impl Into<String>) -> Identifier {
        Identifier {
            value: value.into(),
            scheme: None,
        }
    }

    /// An identifier with scheme `scheme`.
    pub fn with_scheme(value: impl Into<String>, scheme: impl Into<String>) -> Identifier {
        Identifier {
            value: value.into(),
            scheme: Some(scheme.into()),
        }
    }
}

/// BG-1 INVOICE NOTE.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Note {
    /// BT-21 Invoice note subject code (UNTDID 4451; written as `#CODE#` before the text in UBL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_code: Option<String>,
    /// BT-22 Invoice note.
    pub text: String,
}

/// BG-2 PROCESS CONTROL.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProcessControl {
    /// BT-23 Business process type (UBL `ProfileID`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_process: Option<String>,
    /// BT-24 Specification identifier (UBL `CustomizationID`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub specification: Option<String>,
}

/// BG-3 PRECEDING INVOICE REFERENCE.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PrecedingInvoice {
    /// BT-25 Preceding Invoice reference.
    pub reference: String,
    /// BT-26 Preceding Invoice issue date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue_date: Option<NaiveDate>,
}

/// A period (BG-14 INVOICING PERIOD, BG-26 INVOICE LINE PERIOD).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Period {
    /// BT-73 Invoicing period start date / BT-134 Invoice line period start date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    /// BT-74 Invoicing period end date / BT-135 Invoice line period end date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
}

/// An EN 16931 invoice or credit note (BG-0, the whole document).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Invoice {
    /// The UBL document kind (`Invoice`/`CreditNote`); see [`DocumentKind`].
    pub document: DocumentKind,
    /// BT-1 Invoice number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// BT-2 Invoice issue date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue_date: Option<NaiveDate>,
    /// BT-3 Invoice type code (UNTDID 1001).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_code: Option<InvoiceTypeCode>,
    /// BT-5 Invoice currency code (ISO 4217).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<CurrencyCode>,
    /// BT-6 VAT accounting currency code (ISO 4217).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_currency: Option<CurrencyCode>,
    /// BT-7 Value added tax point date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_point_date: Option<NaiveDate>,
    /// BT-8 Value added tax point date code (UNTDID 2005; UBL `InvoicePeriod/DescriptionCode`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_point_date_code: Option<String>,
    /// BT-9 Payment due date (UBL Invoice `DueDate`; CreditNote `PaymentMeans/PaymentDueDate`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<NaiveDate>,
    /// BT-10 Buyer reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_reference: Option<String>,
    /// BT-11 Project reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_reference: Option<String>,
    /// BT-12 Contract reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_reference: Option<String>,
    /// BT-13 Purchase order reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase_order_reference: Option<String>,
    /// BT-14 Sales order reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sales_order_reference: Option<String>,
    /// BT-15 Receiving advice reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receiving_advice_reference: Option<String>,
    /// BT-16 Despatch advice reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub despatch_advice_reference: Option<String>,
    /// BT-17 Tender or lot reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tender_or_lot_reference: Option<String>,
    /// BT-18 Invoiced object identifier (with its scheme, UNTDID 1153).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoiced_object: Option<Identifier>,
    /// BT-19 Buyer accounting reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_accounting_reference: Option<String>,
    /// BT-20 Payment terms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_terms: Option<String>,
    /// BG-1 INVOICE NOTE (0..n).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// BG-2 PROCESS CONTROL.
    #[serde(default)]
    pub process: ProcessControl,
    /// BG-3 PRECEDING INVOICE REFERENCE (0..n).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preceding_invoices: Vec<PrecedingInvoice>,
    /// BG-4 SELLER.
    #[serde(default)]
    pub seller: Seller,
    /// BG-7 BUYER.
    #[serde(default)]
    pub buyer: Buyer,
    /// BG-10 PAYEE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payee: Option<Payee>,
    /// BG-11 SELLER TAX REPRESENTATIVE PARTY.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_representative: Option<TaxRepresentative>,
    /// BG-13 DELIVERY INFORMATION (without BG-14, see `invoicing_period`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Delivery>,
    /// BG-14 INVOICING PERIOD (part of BG-13 in EN 16931; UBL header `InvoicePeriod`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoicing_period: Option<Period>,
    /// BG-16 PAYMENT INSTRUCTIONS, one entry per UBL `PaymentMeans` (EN 16931: 0..1 group whose
    /// BG-17 credit transfers repeat; UBL repeats the whole `PaymentMeans`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payment_instructions: Vec<PaymentInstructions>,
    /// BG-20 DOCUMENT LEVEL ALLOWANCES.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowances: Vec<AllowanceCharge>,
    /// BG-21 DOCUMENT LEVEL CHARGES.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub charges: Vec<AllowanceCharge>,
    /// BG-22 DOCUMENT TOTALS.
    #[serde(default)]
    pub totals: DocumentTotals,
    /// BG-23 VAT BREAKDOWN.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vat_breakdown: Vec<VatBreakdown>,
    /// BG-24 ADDITIONAL SUPPORTING DOCUMENTS.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supporting_documents: Vec<SupportingDocument>,
    /// BG-25 INVOICE LINE.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<InvoiceLine>,
}

impl Invoice {
    /// BT-90 Bank assigned creditor identifier: the seller's (or else the payee's) identifier with
    /// scheme `SEPA`, as UBL carries it.
    pub fn bank_assigned_creditor_id(&self) -> Option<&str> {
        fn sepa(ids: &[Identifier]) -> Option<&str> {
            ids.iter()
                .find(|i| i.scheme.as_deref() == Some("SEPA"))
                .map(|i| i.value.as_str())
        }
        sepa(&self.seller.identifiers)
            .or_else(|| self.payee.as_ref().and_then(|p| sepa(&p.identifiers)))
    }

    /// True when BT-3 is a credit note code or the document is a UBL `CreditNote`.
    pub fn is_credit_note(&self) -> bool {
        self.document == DocumentKind::CreditNote
            || self
                .type_code
                .as_ref()
                .and_then(|c| c.known())
                .is_some_and(|t| t.is_credit_note())
    }
}
