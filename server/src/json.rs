//! The REST DTOs: every JSON shape the server sends or accepts, converted by hand from and to
//! the views of `core::api`. A sent shape is a contract: fields are added, never renamed or
//! removed. Amounts are decimal strings, dates ISO 8601, enums their stable kebab-case or
//! upper-case names from core.

use chrono::{DateTime, NaiveDate, Utc};
use digilyft_core::api::approval::{DecisionView, Inbox, InboxItem};
use digilyft_core::api::audit::{Anchor, AuditReport};
use digilyft_core::api::invoices::{DecisionRecord, ImportOutcome, InvoiceRow, InvoiceView, Page};
use digilyft_core::api::overview::StateTotal;
use digilyft_core::api::rules::{
    Change, DiffLine, Problem as WorkbookProblem, Severity, VersionInfo,
};
use digilyft_core::api::{CodingRow, Fault, Step};
use serde::{Deserialize, Serialize};

/// Seconds since the epoch as an RFC 3339 instant.
pub fn instant(secs: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(secs, 0)
}

/// One row of the invoice list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InvoiceRowDto {
    pub id: i64,
    pub supplier: String,
    pub supplier_id: String,
    pub number: String,
    pub kind: Option<&'static str>,
    pub issue_date: Option<NaiveDate>,
    pub amount: String,
    pub net_amount: String,
    pub currency: String,
    pub due_date: Option<NaiveDate>,
    pub attest_deadline: Option<NaiveDate>,
    pub state: &'static str,
    pub payment_block: bool,
    pub file_name: String,
}

impl From<&InvoiceRow> for InvoiceRowDto {
    fn from(r: &InvoiceRow) -> Self {
        InvoiceRowDto {
            id: r.id,
            supplier: r.supplier.clone(),
            supplier_id: r.supplier_id.clone(),
            number: r.number.clone(),
            kind: r.kind.map(|k| k.as_str()),
            issue_date: r.issue_date,
            amount: r.amount.to_string(),
            net_amount: r.net_amount.to_string(),
            currency: r.currency.clone(),
            due_date: r.due_date,
            attest_deadline: r.attest_deadline,
            state: r.state.as_str(),
            payment_block: r.payment_block,
            file_name: r.file_name.clone(),
        }
    }
}

/// A page of the invoice list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InvoicePageDto {
    /// How many invoices match in all.
    pub total: usize,
    pub offset: usize,
    pub limit: usize,
    pub rows: Vec<InvoiceRowDto>,
}

impl InvoicePageDto {
    /// The page `p` shown from `offset` with at most `limit` rows.
    pub fn invoices(p: &Page<InvoiceRow>, offset: usize, limit: usize) -> Self {
        InvoicePageDto {
            total: p.total,
            offset,
            limit,
            rows: p.rows.iter().map(InvoiceRowDto::from).collect(),
        }
    }
}

/// One step of an invoice's flow.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StepDto {
    pub seq: u32,
    pub kind: &'static str,
    pub label: String,
    pub state: &'static str,
    pub assignee: Option<String>,
    pub queue: Option<String>,
    pub decided_by: Option<String>,
    pub acting_for: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_id: Option<String>,
    pub auto_rule: Option<String>,
}

impl From<&Step> for StepDto {
    fn from(s: &Step) -> Self {
        StepDto {
            seq: s.seq,
            kind: s.kind.as_str(),
            label: s.label.clone(),
            state: s.state.as_str(),
            assignee: s.assignee.clone(),
            queue: s.queue.clone(),
            decided_by: s.decided_by.clone(),
            acting_for: s.acting_for.clone(),
            decided_at: s.decided_at,
            decision_id: s.decision_id.clone(),
            auto_rule: s.auto_rule.clone(),
        }
    }
}

/// One kontering row, sent and accepted.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CodingRowDto {
    /// Amount excluding VAT, a decimal string (`"1234.50"`).
    pub amount: String,
    #[serde(default)]
    pub konto: String,
    #[serde(default)]
    pub ansvar: String,
    #[serde(default)]
    pub verksamhet: String,
    #[serde(default)]
    pub aktivitet: String,
    #[serde(default)]
    pub projekt: String,
    #[serde(default)]
    pub objekt: String,
    #[serde(default)]
    pub motpart: String,
    #[serde(default)]
    pub momskod: String,
}

impl From<&CodingRow> for CodingRowDto {
    fn from(c: &CodingRow) -> Self {
        CodingRowDto {
            amount: c.amount.to_string(),
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

impl CodingRowDto {
    /// The core row, or a fault naming the row (1-based) whose amount is not a decimal.
    pub fn to_row(&self, n: usize) -> Result<CodingRow, Box<Fault>> {
        let amount = digilyft_core::api::approval::parse_amount(&self.amount).map_err(|e| {
            Box::new(Fault {
                cell: Some(n.to_string()),
                field: Some("amount".into()),
                message: format!("row {n}: amount: {e}"),
                ..Fault::default()
            })
        })?;
        Ok(CodingRow {
            amount,
            konto: self.konto.clone(),
            ansvar: self.ansvar.clone(),
            verksamhet: self.verksamhet.clone(),
            aktivitet: self.aktivitet.clone(),
            projekt: self.projekt.clone(),
            objekt: self.objekt.clone(),
            motpart: self.motpart.clone(),
            momskod: self.momskod.clone(),
        })
    }
}

/// A stored decision intent and its outcome.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DecisionRecordDto {
    pub decision_id: String,
    pub step: String,
    pub decision: String,
    pub actor: String,
    pub acting_for: Option<String>,
    pub received_at: DateTime<Utc>,
    pub outcome: &'static str,
    pub reason_code: String,
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
            received_at: d.received_at,
            outcome: d.outcome.as_str(),
            reason_code: d.reason_code.clone(),
            reason: d.reason.clone(),
        }
    }
}

/// One invoice's whole story.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InvoiceDetailDto {
    pub summary: InvoiceRowDto,
    pub steps: Vec<StepDto>,
    pub coding: Vec<CodingRowDto>,
    pub revision: i64,
    pub ruleset_version: Option<i64>,
    pub flow_rule: Option<String>,
    pub content_hash: String,
    pub decisions: Vec<DecisionRecordDto>,
    pub credits_invoice: Option<i64>,
    /// The EN 16931 reading as the invoice library gives it.
    #[schema(value_type = Option<Object>)]
    pub model: Option<serde_json::Value>,
    /// The validation report.
    #[schema(value_type = Object)]
    pub validation: serde_json::Value,
}

impl From<&InvoiceView> for InvoiceDetailDto {
    fn from(v: &InvoiceView) -> Self {
        InvoiceDetailDto {
            summary: InvoiceRowDto::from(&v.summary),
            steps: v.steps.iter().map(StepDto::from).collect(),
            coding: v.coding.iter().map(CodingRowDto::from).collect(),
            revision: v.revision,
            ruleset_version: v.ruleset_version,
            flow_rule: v.flow_rule.clone(),
            content_hash: v.content_hash.clone(),
            decisions: v.decisions.iter().map(DecisionRecordDto::from).collect(),
            credits_invoice: v.credits_invoice,
            model: v.model.clone(),
            validation: v.validation.clone(),
        }
    }
}

/// What became of one uploaded document.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ImportDto {
    /// `stored`, `needs-action` or `duplicate`.
    pub outcome: &'static str,
    /// The invoice (the existing one for a duplicate).
    pub id: i64,
    /// Its state, when stored.
    pub state: Option<&'static str>,
    /// How a duplicate was recognised, or why it needs action.
    pub reason: Option<String>,
}

impl From<&ImportOutcome> for ImportDto {
    fn from(o: &ImportOutcome) -> Self {
        match o {
            ImportOutcome::Stored { id, state } => ImportDto {
                outcome: "stored",
                id: *id,
                state: Some(state.as_str()),
                reason: None,
            },
            ImportOutcome::NeedsAction { id, reason } => ImportDto {
                outcome: "needs-action",
                id: *id,
                state: Some("needs-action"),
                reason: Some(reason.clone()),
            },
            ImportOutcome::Duplicate { existing, kind } => ImportDto {
                outcome: "duplicate",
                id: *existing,
                state: None,
                reason: Some(kind.as_str().to_string()),
            },
            // Only file imports meet unreadable files; an upload's bytes are always read.
            ImportOutcome::Unreadable { reason } => ImportDto {
                outcome: "unreadable",
                id: 0,
                state: None,
                reason: Some(reason.clone()),
            },
        }
    }
}

/// One open step of an inbox.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InboxItemDto {
    pub invoice_id: i64,
    pub step: String,
    pub kind: &'static str,
    pub assignee: String,
    pub acting_for: Option<String>,
    pub supplier: String,
    pub number: String,
    pub amount: String,
    pub currency: String,
    pub due_date: Option<NaiveDate>,
    pub attest_deadline: Option<NaiveDate>,
    pub invoice_state: &'static str,
    pub payment_block: bool,
}

impl From<&InboxItem> for InboxItemDto {
    fn from(i: &InboxItem) -> Self {
        InboxItemDto {
            invoice_id: i.invoice_id,
            step: i.step.clone(),
            kind: i.kind.as_str(),
            assignee: i.assignee.clone(),
            acting_for: i.acting_for.clone(),
            supplier: i.supplier.clone(),
            number: i.number.clone(),
            amount: i.amount.to_string(),
            currency: i.currency.clone(),
            due_date: i.due_date,
            attest_deadline: i.attest_deadline,
            invoice_state: i.invoice_state.as_str(),
            payment_block: i.payment_block,
        }
    }
}

/// The caller's inbox.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InboxDto {
    pub person_id: String,
    pub ruleset_version: Option<i64>,
    pub known: bool,
    pub items: Vec<InboxItemDto>,
}

impl InboxDto {
    /// `person`'s inbox.
    pub fn new(person: &str, i: &Inbox) -> Self {
        InboxDto {
            person_id: person.to_string(),
            ruleset_version: i.ruleset_version,
            known: i.known,
            items: i.items.iter().map(InboxItemDto::from).collect(),
        }
    }
}

/// A decision as a client sends it (the acting person is the caller, never a field).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecideBody {
    /// The idempotency key (a UUID the client minted); absent: the server mints one.
    pub decision_id: Option<String>,
    /// Invoice id or unique invoice number.
    pub invoice: String,
    /// The step's label; absent: the open step.
    pub step: Option<String>,
    /// `ATTEST`, `RETURN`, `REJECT` or `DISPUTE`.
    pub decision: String,
    pub comment: Option<String>,
    /// Deciding as ersättare for this person; absent: inferred from a registered absence.
    pub acting_for: Option<String>,
}

/// What became of a decision.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DecisionDto {
    pub decision_id: String,
    pub invoice: i64,
    pub step: String,
    pub decision: &'static str,
    pub acting_for: Option<String>,
    pub outcome: &'static str,
    pub reason_code: String,
    pub reason: String,
    pub replay: bool,
    pub invoice_state: &'static str,
}

impl From<&DecisionView> for DecisionDto {
    fn from(d: &DecisionView) -> Self {
        DecisionDto {
            decision_id: d.decision_id.clone(),
            invoice: d.invoice,
            step: d.step.clone(),
            decision: d.decision.as_str(),
            acting_for: d.acting_for.clone(),
            outcome: d.outcome.as_str(),
            reason_code: d.reason_code.clone(),
            reason: d.reason.clone(),
            replay: d.replay,
            invoice_state: d.invoice_state.as_str(),
        }
    }
}

/// A new kontering.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KonteringBody {
    pub rows: Vec<CodingRowDto>,
}

/// How to end a dispute.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolveBody {
    /// `resume` or `reject`.
    pub resolution: String,
    /// The stated reason.
    pub comment: String,
}

/// An invoice's workflow after a change.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ChangedDto {
    pub invoice: i64,
    pub state: &'static str,
    pub revision: i64,
    pub rows: usize,
    pub payment_block: bool,
}

impl From<&digilyft_core::api::approval::Changed> for ChangedDto {
    fn from(c: &digilyft_core::api::approval::Changed) -> Self {
        ChangedDto {
            invoice: c.invoice,
            state: c.state.as_str(),
            revision: c.revision,
            rows: c.rows,
            payment_block: c.payment_block,
        }
    }
}

/// A workbook problem as a fault of a problem document (sheet, cell, column).
pub fn workbook_fault(p: &WorkbookProblem) -> Fault {
    Fault {
        sheet: Some(p.sheet.to_string()).filter(|s| !s.is_empty()),
        cell: Some(p.cell.clone()).filter(|s| !s.is_empty()),
        field: Some(p.column.clone()).filter(|s| !s.is_empty()),
        warning: p.severity == Severity::Warning,
        message: p.to_string(),
        ..Fault::default()
    }
}

/// A workbook problem in a success body (a warning that did not stop it).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WorkbookProblemDto {
    pub severity: &'static str,
    pub sheet: &'static str,
    pub cell: String,
    pub column: String,
    pub message: String,
}

impl From<&WorkbookProblem> for WorkbookProblemDto {
    fn from(p: &WorkbookProblem) -> Self {
        WorkbookProblemDto {
            severity: match p.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            sheet: p.sheet,
            cell: p.cell.clone(),
            column: p.column.clone(),
            message: p.message.clone(),
        }
    }
}

/// A stored rule-set version.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RulesStoredDto {
    pub version: i64,
    pub grants: usize,
    pub flows: usize,
    pub warnings: Vec<WorkbookProblemDto>,
}

/// One line of a rule-set diff.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DiffLineDto {
    pub sheet: &'static str,
    pub key: String,
    /// `added`, `removed` or `changed`.
    pub change: &'static str,
    pub fields: Vec<FieldChangeDto>,
}

/// One changed field.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FieldChangeDto {
    pub field: String,
    pub old: String,
    pub new: String,
}

impl From<&DiffLine> for DiffLineDto {
    fn from(d: &DiffLine) -> Self {
        let (change, fields) = match &d.change {
            Change::Added => ("added", Vec::new()),
            Change::Removed => ("removed", Vec::new()),
            Change::Changed(f) => (
                "changed",
                f.iter()
                    .map(|(field, old, new)| FieldChangeDto {
                        field: field.clone(),
                        old: old.clone(),
                        new: new.clone(),
                    })
                    .collect(),
            ),
        };
        DiffLineDto {
            sheet: d.sheet,
            key: d.key.clone(),
            change,
            fields,
        }
    }
}

/// An activated version.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ActivatedDto {
    pub version: i64,
    pub routed: usize,
}

/// A stored rule-set version as listed.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct VersionDto {
    pub version: i64,
    pub source_name: String,
    pub sha256: String,
    pub imported_at: DateTime<Utc>,
    pub imported_by: String,
    pub decision_ref: String,
    pub activated_at: Option<DateTime<Utc>>,
    pub active: bool,
    pub grants: usize,
    pub flows: usize,
}

impl From<&VersionInfo> for VersionDto {
    fn from(v: &VersionInfo) -> Self {
        VersionDto {
            version: v.version,
            source_name: v.source_name.clone(),
            sha256: v.sha256.clone(),
            imported_at: v.imported_at,
            imported_by: v.imported_by.clone(),
            decision_ref: v.decision_ref.clone(),
            activated_at: v.activated_at,
            active: v.active,
            grants: v.grants,
            flows: v.flows,
        }
    }
}

/// The audit log's head.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AnchorDto {
    pub seq: i64,
    pub hash: String,
    pub first_hash: Option<String>,
    pub at: Option<DateTime<Utc>>,
    /// `SEQ:HASH`, to file elsewhere.
    pub short: String,
}

impl From<&Anchor> for AnchorDto {
    fn from(a: &Anchor) -> Self {
        AnchorDto {
            seq: a.seq,
            hash: a.hash.clone(),
            first_hash: a.first_hash.clone(),
            at: a.at,
            short: a.short(),
        }
    }
}

/// The head of the log (`null` for an empty log).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct HeadDto {
    pub head: Option<AnchorDto>,
}

/// What verifying the audit log found.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct VerifyDto {
    pub intact: bool,
    pub events: usize,
    pub head: Option<AnchorDto>,
    /// The first break of the hash chain (None: intact).
    pub chain_break: Option<String>,
    pub first_broken_seq: Option<i64>,
    pub anchors: Vec<AnchorCheckDto>,
    pub uncovered: Vec<String>,
    pub sidecar_missing: bool,
    pub sidecar_problem: Option<String>,
    /// The sidecar anchor had been written and has disappeared (a break).
    pub anchor_lost: bool,
    /// Damage of the store file itself (integrity check, full read of every table).
    pub storage_problem: Option<String>,
}

/// One anchor checked.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AnchorCheckDto {
    pub source: String,
    pub anchor: String,
    pub problem: Option<String>,
}

impl From<&AuditReport> for VerifyDto {
    fn from(r: &AuditReport) -> Self {
        VerifyDto {
            intact: r.intact(),
            events: r.events,
            head: r.head.as_ref().map(AnchorDto::from),
            chain_break: r.chain.as_ref().err().map(ToString::to_string),
            first_broken_seq: r.first_broken_seq(),
            anchors: r
                .anchors
                .iter()
                .map(|a| AnchorCheckDto {
                    source: a.source.clone(),
                    anchor: a.anchor.short(),
                    problem: a.result.as_ref().err().map(ToString::to_string),
                })
                .collect(),
            uncovered: r.uncovered.iter().map(ToString::to_string).collect(),
            sidecar_missing: r.sidecar_missing,
            sidecar_problem: r.sidecar_problem.clone(),
            anchor_lost: r.anchor_lost,
            storage_problem: r.storage.as_ref().err().cloned(),
        }
    }
}

/// One state's share of the invoices.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StateTotalDto {
    pub state: &'static str,
    pub count: usize,
    pub amounts: Vec<AmountDto>,
}

/// A sum in one currency.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AmountDto {
    pub currency: String,
    pub amount: String,
}

impl From<&StateTotal> for StateTotalDto {
    fn from(t: &StateTotal) -> Self {
        StateTotalDto {
            state: t.state.as_str(),
            count: t.count,
            amounts: t
                .amounts
                .iter()
                .map(|(c, a)| AmountDto {
                    currency: c.clone(),
                    amount: a.to_string(),
                })
                .collect(),
        }
    }
}

/// A login.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginBody {
    pub username: String,
    pub password: String,
}

/// A refresh.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshBody {
    pub refresh_token: String,
}

/// What a login or refresh answers.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SessionDto {
    pub token_type: &'static str,
    pub access_token: String,
    pub expires_at: Option<DateTime<Utc>>,
    pub refresh_token: String,
    pub refresh_expires_at: Option<DateTime<Utc>>,
    pub username: String,
    pub person_id: String,
    pub role: &'static str,
}

impl From<&crate::auth::Session> for SessionDto {
    fn from(s: &crate::auth::Session) -> Self {
        SessionDto {
            token_type: "Bearer",
            access_token: s.access_token.clone(),
            expires_at: instant(s.access_expires_at),
            refresh_token: s.refresh_token.clone(),
            refresh_expires_at: instant(s.refresh_expires_at),
            username: s.caller.username.clone(),
            person_id: s.caller.person_id.clone(),
            role: s.caller.role.as_str(),
        }
    }
}

/// `POST /v1/devices`: enrol a device.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnrolBody {
    /// What to call the device (1–100 characters), e.g. `Annas bärbara`.
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub name: String,
}

/// One enrolled device.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DeviceDto {
    /// The id the device names itself by (`Device-Id` header, sync `device_id`).
    pub device_id: String,
    pub name: String,
    pub enrolled_at: Option<DateTime<Utc>>,
    /// The account it belongs to.
    pub username: String,
    /// When it was revoked (`null` while it may sync).
    pub revoked_at: Option<DateTime<Utc>>,
    /// Who revoked it.
    pub revoked_by: Option<String>,
}

impl From<&crate::account_store::DeviceRow> for DeviceDto {
    fn from(d: &crate::account_store::DeviceRow) -> Self {
        DeviceDto {
            device_id: d.device_id.clone(),
            name: d.name.clone(),
            enrolled_at: instant(d.enrolled_at),
            username: d.username.clone(),
            revoked_at: d.revoked_at.and_then(instant),
            revoked_by: d.revoked_by.clone(),
        }
    }
}

/// `GET /v1/devices`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DevicesDto {
    pub devices: Vec<DeviceDto>,
}
