//! The inbox: every stored invoice with the columns a clerk scans first.

use serde::Serialize;
use tauri::State;

use digilyft_core::api::DocumentKind;
use digilyft_core::api::invoices::{self, InvoiceRow, ListQuery};

use crate::{ApiError, StoreHandle};

/// One inbox row as the frontend receives it. Amounts travel as decimal strings (never floats);
/// dates as ISO 8601 (`YYYY-MM-DD`); `state` is the core's stable kebab-case name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InboxRow {
    /// Store id.
    pub id: i64,
    /// BT-27 seller name.
    pub supplier: String,
    /// BT-1 invoice number.
    pub number: String,
    /// BT-115 amount due, e.g. `"1656.25"`.
    pub amount: String,
    /// BT-5 invoice currency code.
    pub currency: String,
    /// BT-9 payment due date, when the invoice has one.
    pub due_date: Option<String>,
    /// Workflow state, e.g. `"received"`, `"needs-action"`.
    pub state: String,
    /// `true` for a credit note.
    pub credit_note: bool,
}

impl From<&InvoiceRow> for InboxRow {
    fn from(s: &InvoiceRow) -> Self {
        InboxRow {
            id: s.id,
            supplier: s.supplier.clone(),
            number: s.number.clone(),
            amount: s.amount.to_string(),
            currency: s.currency.clone(),
            due_date: s.due_date.map(|d| d.format("%Y-%m-%d").to_string()),
            state: s.state.as_str().to_owned(),
            credit_note: matches!(s.kind, Some(DocumentKind::CreditNote)),
        }
    }
}

/// Every invoice in the store, newest first.
#[tauri::command]
pub fn list_invoices(store: State<'_, StoreHandle>) -> Result<Vec<InboxRow>, ApiError> {
    let all = ListQuery {
        limit: usize::MAX,
        ..ListQuery::default()
    };
    let page = store.with_workspace(|ws| invoices::list(ws, &all))?;
    Ok(page.rows.iter().map(InboxRow::from).collect())
}
