//! Received documents and their invoices: import (`store_batch`, duplicates, needs-action),
//! listing, detail, original bytes, state counts and the ledger read.
//!
//! Tables: `document` (original bytes and SHA-256, append-only), `invoice` (facts, report, model,
//! state), `invoice_line`. Invariants: a document is stored at most once (by SHA-256, and an
//! invoice at most once by supplier + number + issue date); a whole batch is one transaction; a
//! document that cannot be read or has fatal errors is kept as needs-action, never dropped.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use rust_decimal::Decimal;

use super::Store;
use super::audit_log::append_audit;
use super::decisions::DecisionRecord;
use super::error::{Result, StoreError};
use super::records;
use super::rows::{coding_row, step_row, summary_row, ts};
use super::workflow::{CODING_SELECT, STEP_SELECT, load_workflow, route_invoice};
use crate::approval::ruleset::RuleSet;
use crate::approval::{self, CodingRow, InvoiceState, Policy, Step, Workflow};
use crate::audit::{AuditEvent, NewEvent};
use crate::clock::Clock;
use crate::facts::{DocumentKind, InvoiceFacts};
use crate::import::Prepared;

/// One line of an invoice list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceSummary {
    /// Store id.
    pub id: i64,
    /// Seller name.
    pub supplier: String,
    /// Supplier id (orgnr when known).
    pub supplier_id: String,
    /// BT-1 number.
    pub number: String,
    /// Invoice or credit note (None when unreadable).
    pub kind: Option<DocumentKind>,
    /// BT-2 issue date.
    pub issue_date: Option<NaiveDate>,
    /// BT-115 amount due.
    pub amount: Decimal,
    /// BT-109 net amount.
    pub net_amount: Decimal,
    /// BT-5 currency.
    pub currency: String,
    /// BT-9 due date.
    pub due_date: Option<NaiveDate>,
    /// Attest deadline (due date minus payment lead time).
    pub attest_deadline: Option<NaiveDate>,
    /// Workflow state.
    pub state: InvoiceState,
    /// Payment block.
    pub payment_block: bool,
    /// Name of the received file.
    pub file_name: String,
}

/// Why a document was not stored again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateKind {
    /// Byte-identical to a stored document.
    SameBytes,
    /// Same supplier, number and issue date as a stored invoice.
    SameInvoice,
}

impl DuplicateKind {
    /// Stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            DuplicateKind::SameBytes => "same-bytes",
            DuplicateKind::SameInvoice => "same-supplier-number-date",
        }
    }
}

/// What importing one document did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// Stored (and routed when a rule set is active).
    Stored {
        /// New invoice id.
        id: i64,
        /// Its state after routing.
        state: InvoiceState,
    },
    /// Recognised as already stored; nothing written.
    Duplicate {
        /// The stored invoice.
        existing: i64,
        /// How it was recognised.
        kind: DuplicateKind,
    },
    /// Stored with its report, but fatal validation errors or unreadable: needs a clerk.
    NeedsAction {
        /// New invoice id.
        id: i64,
        /// Short reason.
        reason: String,
    },
    /// The file could not be read at all (permissions, not a regular file, over the size
    /// limit); nothing was stored and the import went on with the other files.
    Unreadable {
        /// Why, naming the file.
        reason: String,
    },
}

/// Everything about one invoice, for `show`.
#[derive(Debug, Clone)]
pub struct InvoiceDetail {
    /// The summary.
    pub summary: InvoiceSummary,
    /// Parsed facts (None when unreadable).
    pub facts: Option<InvoiceFacts>,
    /// The EN 16931 model as read by `digilyft-invoice` (JSON), when readable.
    pub model_json: Option<String>,
    /// Validation report as JSON.
    pub report_json: String,
    /// Workflow.
    pub workflow: Workflow,
    /// The content hash a decider must quote.
    pub content_hash: String,
    /// Decision intents.
    pub decisions: Vec<DecisionRecord>,
    /// The invoice's audit events.
    pub audit: Vec<AuditEvent>,
    /// The invoice this credit note credits.
    pub credits_invoice: Option<i64>,
}

/// One invoice for the ledger export.
#[derive(Debug, Clone)]
pub struct LedgerEntry {
    /// The summary.
    pub summary: InvoiceSummary,
    /// Current kontering.
    pub coding: Vec<CodingRow>,
    /// Steps (who attested when).
    pub steps: Vec<Step>,
}

impl Store {
    /// Stores a batch of prepared documents in ONE transaction: duplicates are recognised (also
    /// within the batch) and reported, invalid ones kept as needs-action, valid ones routed when a
    /// rule set is active. Either the whole batch is stored or none of it.
    pub fn store_batch(
        &mut self,
        batch: &[Prepared],
        clock: &dyn Clock,
    ) -> Result<Vec<ImportOutcome>> {
        let now = clock.now();
        let active = self.active.clone();
        let policy = self.policy.clone();
        self.check_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut out = Vec::with_capacity(batch.len());
        for p in batch {
            out.push(store_one(&tx, p, now, active.as_ref(), &policy)?);
        }
        tx.commit()?;
        self.refresh_anchor()?;
        Ok(out)
    }

    /// Lists every invoice, newest first.
    pub fn list_invoices(&self) -> Result<Vec<InvoiceSummary>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SUMMARY_SELECT} ORDER BY i.id DESC"))?;
        let rows = stmt.query_map([], summary_row)?;
        rows.map(|r| r?).collect()
    }

    /// One invoice's summary.
    pub fn invoice_summary(&self, id: i64) -> Result<InvoiceSummary> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SUMMARY_SELECT} WHERE i.id = ?1"))?;
        stmt.query_row([id], summary_row)
            .optional()?
            .ok_or(StoreError::NoSuchInvoice(id))?
    }

    /// Finds an invoice by store id, or by invoice number (when unique).
    pub fn find_invoice(&self, key: &str) -> Result<Option<i64>> {
        if let Ok(id) = key.parse::<i64>() {
            let found: Option<i64> = self
                .conn
                .query_row("SELECT id FROM invoice WHERE id = ?1", [id], |r| r.get(0))
                .optional()?;
            if found.is_some() {
                return Ok(found);
            }
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM invoice WHERE number = ?1 LIMIT 2")?;
        let ids: Vec<i64> = stmt
            .query_map([key], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        Ok(if ids.len() == 1 {
            ids.first().copied()
        } else {
            None
        })
    }

    /// Everything about one invoice.
    pub fn invoice_detail(&self, id: i64) -> Result<InvoiceDetail> {
        let summary = self.invoice_summary(id)?;
        let (facts_json, report_json, credits, model_json): (
            Option<String>,
            String,
            Option<i64>,
            Option<String>,
        ) = self.conn.query_row(
            "SELECT facts_json, report_json, credits_invoice_id, model_json FROM invoice WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let facts = facts_json
            .map(|j| records::facts_from_json(&j))
            .transpose()?;
        let workflow = load_workflow(&self.conn, id)?;
        let content_hash = approval::content_hash(&workflow);
        let decisions = self.decisions_of(id)?;
        let audit = self.audit_events_where(Some(id))?;
        Ok(InvoiceDetail {
            summary,
            facts,
            model_json,
            report_json,
            workflow,
            content_hash,
            decisions,
            audit,
            credits_invoice: credits,
        })
    }

    /// The original bytes of an invoice's document and their SHA-256.
    pub fn original(&self, invoice_id: i64) -> Result<(String, Vec<u8>, String)> {
        self.conn
            .query_row(
                "SELECT d.name, d.bytes, d.sha256 FROM document d JOIN invoice i ON i.document_id = d.id WHERE i.id = ?1",
                [invoice_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or(StoreError::NoSuchInvoice(invoice_id))
    }

    /// Every invoice with its kontering and steps, for the ledger export.
    pub fn ledger(&self) -> Result<Vec<LedgerEntry>> {
        let summaries = {
            let mut stmt = self
                .conn
                .prepare(&format!("{SUMMARY_SELECT} ORDER BY i.id"))?;
            let rows = stmt.query_map([], summary_row)?;
            rows.map(|r| r?).collect::<Result<Vec<_>>>()?
        };
        let mut coding: HashMap<i64, Vec<CodingRow>> = HashMap::new();
        {
            let mut stmt = self.conn.prepare(&format!(
                "{CODING_SELECT} WHERE replaced_at_rev IS NULL ORDER BY invoice_id, row_no"
            ))?;
            let rows = stmt.query_map([], coding_row)?;
            for r in rows {
                let (id, row) = r??;
                coding.entry(id).or_default().push(row);
            }
        }
        let mut steps: HashMap<i64, Vec<Step>> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare(&format!("{STEP_SELECT} ORDER BY invoice_id, seq"))?;
            let rows = stmt.query_map([], step_row)?;
            for r in rows {
                let (id, s) = r??;
                steps.entry(id).or_default().push(s);
            }
        }
        Ok(summaries
            .into_iter()
            .map(|summary| {
                let id = summary.id;
                LedgerEntry {
                    summary,
                    coding: coding.remove(&id).unwrap_or_default(),
                    steps: steps.remove(&id).unwrap_or_default(),
                }
            })
            .collect())
    }

    /// Counts of invoices per state.
    pub fn state_counts(&self) -> Result<Vec<(InvoiceState, i64)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT state, COUNT(*) FROM invoice GROUP BY state ORDER BY state")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        let mut out = Vec::new();
        for r in rows {
            let (s, n) = r?;
            out.push((
                InvoiceState::parse(&s)
                    .ok_or_else(|| StoreError::Corrupt(format!("state {s:?}")))?,
                n,
            ));
        }
        Ok(out)
    }
}

pub(super) const SUMMARY_SELECT: &str = "SELECT i.id, i.supplier_name, i.supplier_id, i.number, i.kind, i.issue_date, i.payable, i.net_total,
        i.currency, i.due_date, i.attest_deadline, i.state, i.payment_block, d.name
   FROM invoice i JOIN document d ON d.id = i.document_id";

pub(super) fn store_one(
    conn: &Connection,
    p: &Prepared,
    now: DateTime<Utc>,
    active: Option<&(i64, Arc<RuleSet>)>,
    policy: &Policy,
) -> Result<ImportOutcome> {
    let by_bytes: Option<i64> = conn
        .prepare_cached("SELECT i.id FROM document d JOIN invoice i ON i.document_id = d.id WHERE d.sha256 = ?1")?
        .query_row([&p.sha256], |r| r.get(0))
        .optional()?;
    if let Some(existing) = by_bytes {
        return Ok(ImportOutcome::Duplicate {
            existing,
            kind: DuplicateKind::SameBytes,
        });
    }
    if let Some(f) = &p.facts
        && !f.supplier_id.is_empty()
        && !f.number.is_empty()
        && let Some(issue) = f.issue_date
    {
        let same: Option<i64> = conn
            .prepare_cached(
                "SELECT id FROM invoice WHERE supplier_id = ?1 AND number = ?2 AND issue_date = ?3",
            )?
            .query_row(params![f.supplier_id, f.number, issue.to_string()], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(existing) = same {
            return Ok(ImportOutcome::Duplicate {
                existing,
                kind: DuplicateKind::SameInvoice,
            });
        }
    }
    conn.prepare_cached(
        "INSERT INTO document (sha256, name, bytes, received_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![p.sha256, p.name, p.bytes, ts(now)])?;
    let doc_id = conn.last_insert_rowid();
    let needs_action = p.problem.is_some() || p.facts.is_none();
    let state = if needs_action {
        InvoiceState::NeedsAction
    } else {
        InvoiceState::Received
    };
    let f = p.facts.as_ref();
    let facts_json = f.map(records::facts_to_json).transpose()?;
    let credits: Option<i64> = match f {
        Some(f) if f.kind == DocumentKind::CreditNote => match &f.preceding_invoice {
            Some(pre) => conn
                .prepare_cached("SELECT id FROM invoice WHERE supplier_id = ?1 AND number = ?2 ORDER BY id LIMIT 1")?
                .query_row(params![f.supplier_id, pre], |r| r.get(0))
                .optional()?,
            None => None,
        },
        _ => None,
    };
    let deadline = f
        .and_then(|f| {
            let policy = active.map_or_else(|| policy.clone(), |a| policy.under(&a.1));
            approval::attest_deadline(f.due_date, &policy)
        })
        .map(|d| d.to_string());
    conn.prepare_cached(
        "INSERT INTO invoice (document_id, format, kind, supplier_id, supplier_name, number, issue_date, due_date, currency,
            net_total, vat_total, payable, buyer_reference, order_ref, contract_ref, preceding_ref, credits_invoice_id,
            facts_json, report_json, state, revision, attest_deadline, imported_at, model_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, 1, ?21, ?22, ?23)",
    )?
    .execute(params![
        doc_id,
        f.map(|f| f.format.as_str()),
        f.map(|f| f.kind.as_str()),
        f.map(|f| f.supplier_id.clone()).unwrap_or_default(),
        f.map(|f| f.supplier_name.clone()).unwrap_or_default(),
        f.map(|f| f.number.clone()).unwrap_or_default(),
        f.and_then(|f| f.issue_date).map(|d| d.to_string()),
        f.and_then(|f| f.due_date).map(|d| d.to_string()),
        f.map(|f| f.currency.clone()).unwrap_or_default(),
        f.map(|f| f.net_total.to_string()).unwrap_or_else(|| "0".into()),
        f.map(|f| f.vat_total.to_string()).unwrap_or_else(|| "0".into()),
        f.map(|f| f.payable.to_string()).unwrap_or_else(|| "0".into()),
        f.and_then(|f| f.buyer_reference.clone()),
        f.and_then(|f| f.order_ref.clone()),
        f.and_then(|f| f.contract_ref.clone()),
        f.and_then(|f| f.preceding_invoice.clone()),
        credits,
        facts_json,
        p.report_json,
        state.as_str(),
        deadline,
        ts(now),
        p.model_json,
    ])?;
    let id = conn.last_insert_rowid();
    if let Some(f) = f {
        let mut ins = conn.prepare_cached("INSERT INTO invoice_line (invoice_id, line_no, line_id, name, net) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for (i, l) in f.lines.iter().enumerate() {
            ins.execute(params![id, i as i64 + 1, l.id, l.name, l.net.to_string()])?;
        }
    }
    let mut ev = NewEvent::new(crate::audit::AuditKind::InvoiceImported, Some(id), "system");
    ev.outcome = Some(state.as_str().into());
    ev.reason = p.problem.clone();
    ev.detail = serde_json::json!({"file": p.name, "sha256": p.sha256, "credits_invoice": credits})
        .to_string();
    append_audit(conn, now, ev)?;
    if needs_action {
        super::sync_log::emit_invoice(conn, id, now, "intake", active.map(|a| &*a.1))?;
        return Ok(ImportOutcome::NeedsAction {
            id,
            reason: p.problem.clone().unwrap_or_else(|| "unreadable".into()),
        });
    }
    let state = match active {
        Some(a) => route_invoice(conn, id, now, a, policy)?,
        None => state,
    };
    super::sync_log::emit_invoice(conn, id, now, "intake", active.map(|a| &*a.1))?;
    Ok(ImportOutcome::Stored { id, state })
}
