//! One invoice's whole story for the invoice view: the summary, the document rendered from the
//! stored EN 16931 model (parties, lines, VAT breakdown, totals, payment, notes, references,
//! attachments), the validation findings with rule id and Swedish text, the kontering, the steps,
//! the decisions and the audit trail.
//!
//! The stored model and report are JSON written by core at import; they are read here into
//! `digilyft_invoice::Invoice` (typed) and a private report shape, then converted by hand into
//! the IPC DTOs below, so the window's contract is this file and not the library's serde.

use serde::{Deserialize, Serialize};
use tauri::State;

use digilyft_core::api::invoices::{self, DecisionRecord, InvoiceRow, InvoiceView};
use digilyft_core::api::{CodingRow, DocumentKind, Step, audit::AuditEvent};
use digilyft_invoice::Invoice;
use digilyft_invoice::model::{Address, Identifier};
use digilyft_invoice::model::{Decimal, NaiveDate};

use crate::{ApiError, ErrorCode, StoreHandle};

/// The invoice list's row, with every summary field (amounts as decimal strings, dates ISO).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SummaryDto {
    /// Store id.
    pub id: i64,
    /// BT-27 seller name.
    pub supplier: String,
    /// Supplier id (organisationsnummer when known).
    pub supplier_id: String,
    /// BT-1 invoice number.
    pub number: String,
    /// `invoice`, `credit-note`, or None when the document was unreadable.
    pub kind: Option<String>,
    /// BT-2 issue date.
    pub issue_date: Option<String>,
    /// BT-9 due date.
    pub due_date: Option<String>,
    /// Attest deadline (due date minus the payment lead time).
    pub attest_deadline: Option<String>,
    /// BT-109 amount without VAT.
    pub net_amount: String,
    /// BT-115 amount due.
    pub amount: String,
    /// BT-5 currency.
    pub currency: String,
    /// Workflow state (`in-approval`, `disputed`, …).
    pub state: String,
    /// Betalspärr: payment blocked.
    pub payment_block: bool,
    /// The received file's name.
    pub file_name: String,
}

/// ISO 8601 text (`YYYY-MM-DD`) of an optional date.
pub(crate) fn iso(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

impl From<&InvoiceRow> for SummaryDto {
    fn from(s: &InvoiceRow) -> Self {
        SummaryDto {
            id: s.id,
            supplier: s.supplier.clone(),
            supplier_id: s.supplier_id.clone(),
            number: s.number.clone(),
            kind: s.kind.map(|k| match k {
                DocumentKind::CreditNote => "credit-note".to_owned(),
                _ => "invoice".to_owned(),
            }),
            issue_date: iso(s.issue_date),
            due_date: iso(s.due_date),
            attest_deadline: iso(s.attest_deadline),
            net_amount: s.net_amount.to_string(),
            amount: s.amount.to_string(),
            currency: s.currency.clone(),
            state: s.state.as_str().to_owned(),
            payment_block: s.payment_block,
            file_name: s.file_name.clone(),
        }
    }
}

/// A party of the document (seller, buyer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PartyDto {
    /// BT-27 / BT-44 name.
    pub name: Option<String>,
    /// BT-28 / BT-45 trading name.
    pub trading_name: Option<String>,
    /// BT-30 / BT-47 legal registration (organisationsnummer).
    pub legal_id: Option<String>,
    /// BT-31 / BT-48 VAT id.
    pub vat_id: Option<String>,
    /// Postal address lines, then post code and city, then country.
    pub address: Vec<String>,
    /// Contact: name, telephone, e-mail, as given.
    pub contact: Vec<String>,
}

/// One invoice line (BG-25).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LineDto {
    /// BT-126 line id.
    pub id: Option<String>,
    /// BT-153 item name.
    pub name: Option<String>,
    /// BT-154 item description.
    pub description: Option<String>,
    /// BT-129 quantity.
    pub quantity: Option<String>,
    /// BT-130 unit code.
    pub unit: Option<String>,
    /// BT-146 net price.
    pub price: Option<String>,
    /// BT-131 line net amount.
    pub net_amount: Option<String>,
    /// BT-151 VAT category code.
    pub vat_category: Option<String>,
    /// BT-152 VAT rate (percent).
    pub vat_rate: Option<String>,
    /// BT-127 line note.
    pub note: Option<String>,
}

/// One VAT breakdown row (BG-23).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VatDto {
    /// BT-118 category code.
    pub category: Option<String>,
    /// BT-119 rate (percent).
    pub rate: Option<String>,
    /// BT-116 taxable amount.
    pub taxable: Option<String>,
    /// BT-117 tax amount.
    pub tax: Option<String>,
    /// BT-120 exemption reason.
    pub exemption_reason: Option<String>,
}

/// The document totals (BG-22).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct TotalsDto {
    /// BT-106 sum of line net amounts.
    pub line_net: Option<String>,
    /// BT-107 allowances.
    pub allowances: Option<String>,
    /// BT-108 charges.
    pub charges: Option<String>,
    /// BT-109 total without VAT.
    pub tax_exclusive: Option<String>,
    /// BT-110 VAT total.
    pub vat: Option<String>,
    /// BT-112 total with VAT.
    pub tax_inclusive: Option<String>,
    /// BT-113 paid amount.
    pub paid: Option<String>,
    /// BT-114 rounding.
    pub rounding: Option<String>,
    /// BT-115 amount due.
    pub amount_due: Option<String>,
}

/// One payment instruction (BG-16).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentDto {
    /// BT-81 payment means code (UNCL 4461).
    pub means_code: Option<String>,
    /// BT-82 payment means text.
    pub means_text: Option<String>,
    /// BT-84 account (IBAN, bankgiro, plusgiro).
    pub account: Option<String>,
    /// BT-85 account name.
    pub account_name: Option<String>,
    /// BT-86 payment service provider (BIC).
    pub provider: Option<String>,
    /// BT-83 remittance information (OCR or reference).
    pub remittance: Option<String>,
}

/// A named reference of the document (`buyer-reference`, `order`, `contract`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceDto {
    /// Stable kebab-case key the window translates.
    pub term: String,
    /// The reference.
    pub value: String,
}

/// A supporting document (BG-24): what it is and whether its content is embedded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentDto {
    /// BT-122 reference.
    pub reference: String,
    /// BT-123 description.
    pub description: Option<String>,
    /// BT-125 file name of the embedded content.
    pub filename: Option<String>,
    /// BT-125 MIME code of the embedded content.
    pub mime: Option<String>,
    /// Bytes embedded (0: none).
    pub size: usize,
    /// BT-124 external location.
    pub external_location: Option<String>,
}

/// The document as the EN 16931 model reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentDto {
    /// The syntax it was read from (`PEPPOL BIS Billing 3.0 (UBL)`, `Svefaktura 1.0`).
    pub format: Option<String>,
    /// Seller (BG-4).
    pub seller: PartyDto,
    /// Buyer (BG-7).
    pub buyer: PartyDto,
    /// BG-10 payee name, when another than the seller.
    pub payee: Option<String>,
    /// The lines.
    pub lines: Vec<LineDto>,
    /// The VAT breakdown.
    pub vat: Vec<VatDto>,
    /// The totals.
    pub totals: TotalsDto,
    /// Payment instructions.
    pub payment: Vec<PaymentDto>,
    /// BT-20 payment terms.
    pub payment_terms: Option<String>,
    /// BT-22 notes.
    pub notes: Vec<String>,
    /// References.
    pub references: Vec<ReferenceDto>,
    /// Supporting documents.
    pub attachments: Vec<AttachmentDto>,
    /// What the reader noticed while reading the document (English, from the invoice library).
    pub reading_notes: Vec<String>,
}

/// One fired validation rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FindingDto {
    /// The rule id as published (`BR-CO-10`, `PEPPOL-EN16931-R001`, `SE-R-013`).
    pub id: String,
    /// `fatal` or `warning`.
    pub severity: String,
    /// The rule set it belongs to.
    #[serde(default)]
    pub set: String,
    /// Where in the document (XPath).
    #[serde(default)]
    pub location: String,
    /// 1-based line in the original.
    #[serde(default)]
    pub line: u32,
    /// The rule's text in Swedish.
    #[serde(default)]
    pub sv: String,
    /// The rule's text in English.
    #[serde(default)]
    pub en: String,
}

/// The validation report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidationDto {
    /// The rule sets applied.
    pub sets: Vec<String>,
    /// Why the document could not be read or validated at all.
    pub error: Option<String>,
    /// Every fired rule.
    pub findings: Vec<FindingDto>,
}

/// The stored report's shape, as core's import writes it.
#[derive(Debug, Deserialize)]
struct StoredReport {
    #[serde(default)]
    sets: Vec<String>,
    #[serde(default)]
    fired: Vec<FindingDto>,
    #[serde(default)]
    error: Option<String>,
}

/// One kontering row; the amount is a decimal string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct CodingRowDto {
    /// Belopp: amount excluding VAT.
    pub belopp: String,
    /// Kommun-Bas account.
    #[serde(default)]
    pub konto: String,
    /// Ansvar.
    #[serde(default)]
    pub ansvar: String,
    /// Verksamhet.
    #[serde(default)]
    pub verksamhet: String,
    /// Aktivitet.
    #[serde(default)]
    pub aktivitet: String,
    /// Projekt.
    #[serde(default)]
    pub projekt: String,
    /// Objekt.
    #[serde(default)]
    pub objekt: String,
    /// Motpart.
    #[serde(default)]
    pub motpart: String,
    /// Momskod.
    #[serde(default)]
    pub momskod: String,
}

impl From<&CodingRow> for CodingRowDto {
    fn from(c: &CodingRow) -> Self {
        CodingRowDto {
            belopp: c.amount.to_string(),
            konto: c.konto.clone(),
            ansvar: c.ansvar.clone(),
            verksamhet: c.verksamhet.clone(),
            aktivitet: c.aktivitet.clone(),
            projekt: c.projekt.clone(),
            objekt: c.objekt.clone(),
            motpart: c.motpart.clone(),
            momskod: c.momskod.clone(),
        }
    }
}

/// One step of the flow, with who decided it, when and for whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepDto {
    /// The step's label (`BESLUT#1`).
    pub label: String,
    /// `MOTTAGNING`, `GRANSKNING` or `BESLUT`.
    pub kind: String,
    /// `WAITING`, `OPEN`, `DONE` or `REJECTED`.
    pub state: String,
    /// The person expected to act.
    pub assignee: Option<String>,
    /// Or the group queue.
    pub queue: Option<String>,
    /// Who attested it.
    pub decided_by: Option<String>,
    /// For whom, as ersättare.
    pub acting_for: Option<String>,
    /// When (RFC 3339).
    pub decided_at: Option<String>,
    /// The flow rule that attested it automatically.
    pub auto_rule: Option<String>,
}

impl From<&Step> for StepDto {
    fn from(s: &Step) -> Self {
        StepDto {
            label: s.label.clone(),
            kind: s.kind.as_str().to_owned(),
            state: s.state.as_str().to_owned(),
            assignee: s.assignee.clone(),
            queue: s.queue.clone(),
            decided_by: s.decided_by.clone(),
            acting_for: s.acting_for.clone(),
            decided_at: s.decided_at.map(|t| t.to_rfc3339()),
            auto_rule: s.auto_rule.clone(),
        }
    }
}

/// One decision intent and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DecisionRecordDto {
    /// Idempotency key.
    pub decision_id: String,
    /// The step.
    pub step: String,
    /// `ATTEST`, `RETURN`, `REJECT` or `DISPUTE`.
    pub decision: String,
    /// Who.
    pub actor: String,
    /// For whom, as ersättare.
    pub acting_for: Option<String>,
    /// When it was received (RFC 3339).
    pub received_at: String,
    /// `ACCEPTED`, `REJECTED_RULE`, ….
    pub outcome: String,
    /// Stable reason code.
    pub reason_code: String,
    /// Reason, for people.
    pub reason: String,
}

impl From<&DecisionRecord> for DecisionRecordDto {
    fn from(d: &DecisionRecord) -> Self {
        DecisionRecordDto {
            decision_id: d.decision_id.clone(),
            step: d.step.clone(),
            decision: d.decision.clone(),
            actor: d.actor.clone(),
            acting_for: d.acting_for.clone(),
            received_at: d.received_at.to_rfc3339(),
            outcome: d.outcome.as_str().to_owned(),
            reason_code: d.reason_code.clone(),
            reason: d.reason.clone(),
        }
    }
}

/// One event of the invoice's audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditDto {
    /// Sequence number in the log.
    pub seq: i64,
    /// When (RFC 3339).
    pub at: String,
    /// What happened (`invoice.imported`, `decision`, …).
    pub kind: String,
    /// Who acted.
    pub actor: String,
    /// For whom, as ersättare.
    pub acting_for: Option<String>,
    /// Outcome or new state.
    pub outcome: Option<String>,
    /// Reason.
    pub reason: Option<String>,
    /// The event's hash (the chain link).
    pub hash: String,
}

impl From<&AuditEvent> for AuditDto {
    fn from(e: &AuditEvent) -> Self {
        AuditDto {
            seq: e.seq,
            at: e.at.to_rfc3339(),
            kind: e.event.kind.clone(),
            actor: e.event.actor.clone(),
            acting_for: e.event.acting_for.clone(),
            outcome: e.event.outcome.clone(),
            reason: e.event.reason.clone(),
            hash: e.hash.clone(),
        }
    }
}

/// Everything the invoice view shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceDetailDto {
    /// The list row.
    pub summary: SummaryDto,
    /// The document, when it could be read.
    pub document: Option<DocumentDto>,
    /// The validation report.
    pub validation: ValidationDto,
    /// The kontering rows.
    pub coding: Vec<CodingRowDto>,
    /// Their sum (equals BT-109 when complete).
    pub coded_total: String,
    /// The steps in order.
    pub steps: Vec<StepDto>,
    /// Every decision and its outcome.
    pub decisions: Vec<DecisionRecordDto>,
    /// The invoice's audit trail.
    pub audit: Vec<AuditDto>,
    /// Workflow revision.
    pub revision: i64,
    /// Rule-set version it was routed under.
    pub ruleset_version: Option<i64>,
    /// The flow rule that routed it.
    pub flow_rule: Option<String>,
    /// The invoice a credit note credits.
    pub credits_invoice: Option<i64>,
}

fn amount(d: Option<Decimal>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn identifier(i: &Option<Identifier>) -> Option<String> {
    i.as_ref().map(|i| i.value.clone())
}

fn address_lines(a: &Option<Address>) -> Vec<String> {
    let Some(a) = a else {
        return Vec::new();
    };
    let place = [a.post_code.as_deref(), a.city.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    [a.line1.clone(), a.line2.clone(), a.line3.clone()]
        .into_iter()
        .flatten()
        .chain((!place.is_empty()).then_some(place))
        .chain(a.country.as_ref().map(|c| c.as_str().to_owned()))
        .collect()
}

/// The document view of a stored model `{format, invoice, findings}`.
fn document(model: &serde_json::Value, id: i64) -> Result<DocumentDto, ApiError> {
    let inv: Invoice = model
        .get("invoice")
        .cloned()
        .map(serde_json::from_value)
        .transpose()
        .map_err(|e| {
            ApiError::new(
                ErrorCode::Corrupt,
                format!("invoice {id}: the stored EN 16931 model cannot be read: {e}"),
            )
        })?
        .unwrap_or_default();
    let contact = |c: &Option<digilyft_invoice::model::Contact>| -> Vec<String> {
        c.as_ref()
            .map(|c| {
                [c.name.clone(), c.telephone.clone(), c.email.clone()]
                    .into_iter()
                    .flatten()
                    .collect()
            })
            .unwrap_or_default()
    };
    let seller = PartyDto {
        name: inv.seller.name.clone(),
        trading_name: inv.seller.trading_name.clone(),
        legal_id: identifier(&inv.seller.legal_registration),
        vat_id: inv.seller.vat_id.clone(),
        address: address_lines(&inv.seller.address),
        contact: contact(&inv.seller.contact),
    };
    let buyer = PartyDto {
        name: inv.buyer.name.clone(),
        trading_name: inv.buyer.trading_name.clone(),
        legal_id: identifier(&inv.buyer.legal_registration),
        vat_id: inv.buyer.vat_id.clone(),
        address: address_lines(&inv.buyer.address),
        contact: contact(&inv.buyer.contact),
    };
    let lines = inv
        .lines
        .iter()
        .map(|l| LineDto {
            id: l.id.clone(),
            name: l.item.name.clone(),
            description: l.item.description.clone(),
            quantity: amount(l.quantity),
            unit: l.unit.as_ref().map(|u| u.as_str().to_owned()),
            price: amount(l.price.as_ref().and_then(|p| p.net_price)),
            net_amount: amount(l.net_amount),
            vat_category: l
                .vat
                .as_ref()
                .and_then(|v| v.category.as_ref())
                .map(|c| c.as_str().to_owned()),
            vat_rate: amount(l.vat.as_ref().and_then(|v| v.rate)),
            note: l.note.clone(),
        })
        .collect();
    let vat = inv
        .vat_breakdown
        .iter()
        .map(|v| VatDto {
            category: v.category.as_ref().map(|c| c.as_str().to_owned()),
            rate: amount(v.rate),
            taxable: amount(v.taxable_amount),
            tax: amount(v.tax_amount),
            exemption_reason: v.exemption_reason.clone(),
        })
        .collect();
    let t = &inv.totals;
    let totals = TotalsDto {
        line_net: amount(t.line_net_total),
        allowances: amount(t.allowance_total),
        charges: amount(t.charge_total),
        tax_exclusive: amount(t.tax_exclusive),
        vat: amount(t.vat_total),
        tax_inclusive: amount(t.tax_inclusive),
        paid: amount(t.paid),
        rounding: amount(t.rounding),
        amount_due: amount(t.amount_due),
    };
    let payment = inv
        .payment_instructions
        .iter()
        .map(|p| PaymentDto {
            means_code: p.means_code.as_ref().map(|c| c.as_str().to_owned()),
            means_text: p.means_text.clone(),
            account: p
                .credit_transfer
                .as_ref()
                .and_then(|c| c.account_id.clone()),
            account_name: p
                .credit_transfer
                .as_ref()
                .and_then(|c| c.account_name.clone()),
            provider: p
                .credit_transfer
                .as_ref()
                .and_then(|c| c.service_provider_id.clone()),
            remittance: p.remittance_information.clone(),
        })
        .collect();
    let references = [
        ("buyer-reference", inv.buyer_reference.clone()),
        ("order", inv.purchase_order_reference.clone()),
        ("sales-order", inv.sales_order_reference.clone()),
        ("contract", inv.contract_reference.clone()),
        ("project", inv.project_reference.clone()),
        ("accounting", inv.buyer_accounting_reference.clone()),
        ("despatch-advice", inv.despatch_advice_reference.clone()),
        ("receiving-advice", inv.receiving_advice_reference.clone()),
        ("tender", inv.tender_or_lot_reference.clone()),
    ]
    .into_iter()
    .filter_map(|(term, value)| {
        value.map(|value| ReferenceDto {
            term: term.to_owned(),
            value,
        })
    })
    .chain(inv.preceding_invoices.iter().map(|p| ReferenceDto {
        term: "preceding-invoice".to_owned(),
        value: p.reference.clone(),
    }))
    .collect();
    let attachments = inv
        .supporting_documents
        .iter()
        .map(|d| AttachmentDto {
            reference: d.reference.clone(),
            description: d.description.clone(),
            filename: d.attachment.as_ref().and_then(|a| a.filename.clone()),
            mime: d.attachment.as_ref().and_then(|a| a.mime_code.clone()),
            size: d.attachment.as_ref().map_or(0, |a| a.content.len()),
            external_location: d.external_location.clone(),
        })
        .collect();
    let reading_notes = model
        .get("findings")
        .and_then(|f| f.as_array())
        .map(|all| {
            all.iter()
                .filter_map(|f| f.get("message").and_then(|m| m.as_str()))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Ok(DocumentDto {
        format: model
            .get("format")
            .and_then(|f| f.as_str())
            .map(str::to_owned),
        seller,
        buyer,
        payee: inv.payee.as_ref().and_then(|p| p.name.clone()),
        lines,
        vat,
        totals,
        payment,
        payment_terms: inv.payment_terms.clone(),
        notes: inv.notes.iter().map(|n| n.text.clone()).collect(),
        references,
        attachments,
        reading_notes,
    })
}

/// The validation view of a stored report.
fn validation(report: &serde_json::Value, id: i64) -> Result<ValidationDto, ApiError> {
    let stored: StoredReport = serde_json::from_value(report.clone()).map_err(|e| {
        ApiError::new(
            ErrorCode::Corrupt,
            format!("invoice {id}: the stored validation report cannot be read: {e}"),
        )
    })?;
    Ok(ValidationDto {
        sets: stored.sets,
        error: stored.error,
        findings: stored.fired,
    })
}

impl InvoiceDetailDto {
    /// The view of `v`; `corrupt` when the stored model or report cannot be read.
    pub fn from_view(v: &InvoiceView) -> Result<Self, ApiError> {
        let id = v.summary.id;
        Ok(InvoiceDetailDto {
            summary: SummaryDto::from(&v.summary),
            document: v.model.as_ref().map(|m| document(m, id)).transpose()?,
            validation: validation(&v.validation, id)?,
            coding: v.coding.iter().map(CodingRowDto::from).collect(),
            coded_total: v.coded_total().to_string(),
            steps: v.steps.iter().map(StepDto::from).collect(),
            decisions: v.decisions.iter().map(DecisionRecordDto::from).collect(),
            audit: v.audit.iter().map(AuditDto::from).collect(),
            revision: v.revision,
            ruleset_version: v.ruleset_version,
            flow_rule: v.flow_rule.clone(),
            credits_invoice: v.credits_invoice,
        })
    }
}

/// One invoice's whole story, by store id.
#[tauri::command]
pub fn show_invoice(store: State<'_, StoreHandle>, id: i64) -> Result<InvoiceDetailDto, ApiError> {
    let view = store.with_workspace(|ws| invoices::detail_by_id(ws, id))?;
    InvoiceDetailDto::from_view(&view)
}
