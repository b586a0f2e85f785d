//! Invoices: import (files, folders, bytes), the list with filter, search, sort and paging, one
//! invoice's whole story, and its original bytes.

use std::path::PathBuf;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::error::{ApiError, Result};
use super::{Context, Workspace};
use crate::approval::{CodingRow, InvoiceState, Step};
use crate::audit::AuditEvent;
use crate::facts::{DocumentKind, InvoiceFacts};
use crate::import;

pub use crate::store::{
    DecisionRecord, DuplicateKind, ImportOutcome, InvoiceSummary as InvoiceRow,
};

/// What importing one file did.
#[derive(Debug, Clone)]
pub struct ImportedFile {
    /// The file.
    pub path: PathBuf,
    /// Stored, duplicate or needs-action.
    pub outcome: ImportOutcome,
}

/// Imports files and folders (searched recursively for `*.xml`): every document is read,
/// validated, stored with its report and routed when a rule set is active. Duplicates are
/// reported, not stored. A file that cannot be read (permissions, a FIFO, a device, a link to
/// one, over the size limit) is reported as [`ImportOutcome::Unreadable`] and the import goes
/// on; only the store failing is an error. `progress(done, total)` is called after each stored
/// batch.
pub fn import_paths(
    ws: &mut Workspace,
    ctx: &Context<'_>,
    paths: &[PathBuf],
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<ImportedFile>> {
    let files = import::collect_files(paths);
    let outcomes =
        import::import_files(&mut ws.store, &files, ctx.clock, progress).map_err(import_error)?;
    Ok(outcomes
        .into_iter()
        .map(|o| ImportedFile {
            path: o.path,
            outcome: o.outcome,
        })
        .collect())
}

/// Imports in-memory documents `(name, bytes)` (a desktop drop, a server upload) like
/// [`import_paths`].
pub fn import_bytes(
    ws: &mut Workspace,
    ctx: &Context<'_>,
    docs: Vec<(String, Vec<u8>)>,
) -> Result<Vec<ImportOutcome>> {
    Ok(import::import_documents(&mut ws.store, docs, ctx.clock)?)
}

fn import_error(e: import::ImportError) -> ApiError {
    match e {
        import::ImportError::Store(s) => s.into(),
    }
}

/// The store id of an invoice given by store id or by invoice number (when that is unique).
pub fn find(ws: &Workspace, key: &str) -> Result<i64> {
    ws.store.find_invoice(key)?.ok_or_else(|| {
        ApiError::not_found(format!(
            "no invoice {key:?} (give the id shown by `digilyft inbox`, or a unique invoice number)"
        ))
    })
}

/// The column an invoice list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Store id (arrival order).
    #[default]
    Id,
    /// Supplier name.
    Supplier,
    /// Amount due.
    Amount,
    /// Due date (invoices without one last).
    DueDate,
    /// Attest deadline (invoices without one last).
    AttestDeadline,
    /// Workflow state.
    State,
}

/// Which invoices a list shows, in which order, which page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    /// Only invoices in one of these states (empty: all).
    pub states: Vec<InvoiceState>,
    /// Only invoices whose supplier, supplier id, number or file name contains this text
    /// (case-insensitive).
    pub search: Option<String>,
    /// Sort column.
    pub sort: SortBy,
    /// Largest first.
    pub descending: bool,
    /// Rows skipped.
    pub offset: usize,
    /// Rows returned at most.
    pub limit: usize,
}

impl Default for ListQuery {
    /// Every invoice, newest first, the first 100.
    fn default() -> Self {
        ListQuery {
            states: Vec::new(),
            search: None,
            sort: SortBy::Id,
            descending: true,
            offset: 0,
            limit: 100,
        }
    }
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// How many rows match the query in all.
    pub total: usize,
    /// The rows of this page.
    pub rows: Vec<T>,
}

/// Invoices matching `q`, sorted and paged.
pub fn list(ws: &Workspace, q: &ListQuery) -> Result<Page<InvoiceRow>> {
    let needle = q.search.as_deref().map(str::to_lowercase);
    let mut rows: Vec<InvoiceRow> = ws
        .store
        .list_invoices()?
        .into_iter()
        .filter(|r| q.states.is_empty() || q.states.contains(&r.state))
        .filter(|r| {
            needle.as_deref().is_none_or(|n| {
                [&r.supplier, &r.supplier_id, &r.number, &r.file_name]
                    .iter()
                    .any(|f| f.to_lowercase().contains(n))
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        let last = |d: Option<NaiveDate>| (d.is_none(), d);
        let order = match q.sort {
            SortBy::Id => a.id.cmp(&b.id),
            SortBy::Supplier => a.supplier.to_lowercase().cmp(&b.supplier.to_lowercase()),
            SortBy::Amount => a.amount.cmp(&b.amount),
            SortBy::DueDate => last(a.due_date).cmp(&last(b.due_date)),
            SortBy::AttestDeadline => last(a.attest_deadline).cmp(&last(b.attest_deadline)),
            SortBy::State => a.state.as_str().cmp(b.state.as_str()),
        }
        .then(a.id.cmp(&b.id));
        if q.descending { order.reverse() } else { order }
    });
    let total = rows.len();
    let rows = rows.into_iter().skip(q.offset).take(q.limit).collect();
    Ok(Page { total, rows })
}

/// Everything about one invoice: what a clerk, an attestant and an auditor look at.
#[derive(Debug, Clone)]
pub struct InvoiceView {
    /// The list row (supplier, number, amounts, dates, state).
    pub summary: InvoiceRow,
    /// The facts routing used (None when the document was unreadable).
    pub facts: Option<InvoiceFacts>,
    /// The stored EN 16931 reading: `{format, invoice, findings}` as the invoice library gives it.
    pub model: Option<serde_json::Value>,
    /// The validation report: `{sets, fired: [...]}`.
    pub validation: serde_json::Value,
    /// Current kontering rows.
    pub coding: Vec<CodingRow>,
    /// The steps in order.
    pub steps: Vec<Step>,
    /// Workflow revision (what a decider saw).
    pub revision: i64,
    /// Rule-set version it was routed under.
    pub ruleset_version: Option<i64>,
    /// The flow rule that routed it.
    pub flow_rule: Option<String>,
    /// The content hash a decider certifies.
    pub content_hash: String,
    /// Every decision intent and its outcome.
    pub decisions: Vec<DecisionRecord>,
    /// The invoice's audit events.
    pub audit: Vec<AuditEvent>,
    /// The invoice this credit note credits.
    pub credits_invoice: Option<i64>,
}

impl InvoiceView {
    /// `true` for a credit note.
    pub fn is_credit_note(&self) -> bool {
        self.summary.kind == Some(DocumentKind::CreditNote)
    }

    /// The sum of the kontering rows (equals BT-109 once the kontering is complete).
    pub fn coded_total(&self) -> Decimal {
        self.coding.iter().map(|c| c.amount).sum()
    }
}

/// One invoice's whole story, by store id or unique invoice number.
pub fn detail(ws: &Workspace, key: &str) -> Result<InvoiceView> {
    let id = find(ws, key)?;
    detail_by_id(ws, id)
}

/// One invoice's whole story, by store id.
pub fn detail_by_id(ws: &Workspace, id: i64) -> Result<InvoiceView> {
    let d = ws.store.invoice_detail(id)?;
    let parse = |what: &str, text: &str| {
        serde_json::from_str::<serde_json::Value>(text).map_err(|e| {
            ApiError::new(
                super::ErrorCode::Corrupt,
                format!("invoice {id}: the stored {what} cannot be read: {e}"),
            )
        })
    };
    let mut model = d
        .model_json
        .as_deref()
        .map(|m| parse("model", m))
        .transpose()?;
    if let Some(m) = model.as_mut()
        && m.get(import::ATTACHMENTS_IN_ORIGINAL).is_some()
    {
        let (_, original, _) = ws.store.original(id)?;
        import::restore_attachments(m, &original).map_err(|e| {
            ApiError::new(
                super::ErrorCode::Corrupt,
                format!("invoice {id}: its attachments cannot be restored: {e}"),
            )
        })?;
    }
    let validation = parse("validation report", &d.report_json)?;
    Ok(InvoiceView {
        summary: d.summary,
        facts: d.facts,
        model,
        validation,
        coding: d.workflow.coding,
        steps: d.workflow.steps,
        revision: d.workflow.revision,
        ruleset_version: d.workflow.ruleset_version,
        flow_rule: d.workflow.flow_rule,
        content_hash: d.content_hash,
        decisions: d.decisions,
        audit: d.audit,
        credits_invoice: d.credits_invoice,
    })
}

/// The document as received, byte for byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Original {
    /// The received file's name.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// Their SHA-256 (hex).
    pub sha256: String,
}

/// The original document of invoice `id`.
pub fn original(ws: &Workspace, id: i64) -> Result<Original> {
    let (name, bytes, sha256) = ws.store.original(id)?;
    Ok(Original {
        name,
        bytes,
        sha256,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{SequenceIds, testing};
    use crate::clock::FixedClock;

    #[test]
    fn the_list_filters_searches_sorts_and_pages() {
        let clock = FixedClock::on(2026, 12, 1).expect("date");
        let ids = SequenceIds::new("t");
        let ctx = Context::new(&clock, &ids);
        let mut ws = Workspace::in_memory().expect("ws");
        let docs = testing::sample_documents();
        let n = docs.len();
        import_bytes(&mut ws, &ctx, docs).expect("import");
        let all = list(
            &ws,
            &ListQuery {
                limit: 1000,
                ..ListQuery::default()
            },
        )
        .expect("list");
        assert_eq!(all.total, n);
        assert!(
            all.rows.windows(2).all(|w| w[0].id > w[1].id),
            "newest first"
        );
        let page = list(
            &ws,
            &ListQuery {
                offset: 1,
                limit: 1,
                ..ListQuery::default()
            },
        )
        .expect("p");
        assert_eq!((page.total, page.rows.len()), (n, 1));
        assert_eq!(page.rows[0].id, all.rows[1].id);
        let by_amount = list(
            &ws,
            &ListQuery {
                sort: SortBy::Amount,
                descending: false,
                limit: 1000,
                ..ListQuery::default()
            },
        )
        .expect("sorted");
        assert!(
            by_amount
                .rows
                .windows(2)
                .all(|w| w[0].amount <= w[1].amount)
        );
        let first = &all.rows[0];
        let needle = first.number.to_uppercase();
        let found = list(
            &ws,
            &ListQuery {
                search: Some(needle),
                ..ListQuery::default()
            },
        )
        .expect("s");
        assert!(found.rows.iter().any(|r| r.id == first.id));
        let none = list(
            &ws,
            &ListQuery {
                states: vec![InvoiceState::Attested],
                ..ListQuery::default()
            },
        )
        .expect("none");
        assert_eq!(none.total, 0, "nothing is attested without a rule set");
    }

    #[test]
    fn detail_and_original_come_from_the_store() {
        let clock = FixedClock::on(2026, 12, 1).expect("date");
        let ids = SequenceIds::new("t");
        let ctx = Context::new(&clock, &ids);
        let mut ws = Workspace::in_memory().expect("ws");
        let docs = testing::sample_documents();
        let (name, bytes) = docs[0].clone();
        import_bytes(&mut ws, &ctx, docs).expect("import");
        let row = list(
            &ws,
            &ListQuery {
                limit: 1000,
                ..ListQuery::default()
            },
        )
        .expect("list")
        .rows
        .into_iter()
        .find(|r| r.file_name == name)
        .expect("the first document");
        let view = detail(&ws, &row.id.to_string()).expect("detail");
        assert_eq!(view.summary, row);
        assert!(view.model.is_some() && view.validation.get("fired").is_some());
        let orig = original(&ws, row.id).expect("original");
        assert_eq!((orig.name, orig.bytes), (name, bytes));
        let err = detail(&ws, "no-such-number").expect_err("unknown");
        assert_eq!(err.code, crate::api::ErrorCode::NotFound);
    }
}
