//! The lists a clerk and an attestant work from: every invoice (filter, sort, search, paging),
//! one person's attest inbox (with reminders and BESTRIDEN/BETALSPÄRR marks) and today's
//! reminders for everyone.

use serde::{Deserialize, Serialize};
use tauri::State;

use digilyft_core::api::approval::{self, InboxItem};
use digilyft_core::api::invoices::{self, ListQuery, SortBy};
use digilyft_core::api::{InvoiceState, Reminder};

use super::invoice::{SummaryDto, iso};
use crate::{ApiError, ErrorCode, StoreHandle};

/// The column a list is sorted by, as the window names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum SortArg {
    /// Arrival order.
    #[default]
    Id,
    /// Supplier name.
    Supplier,
    /// Amount due.
    Amount,
    /// Due date.
    DueDate,
    /// Attest deadline.
    AttestDeadline,
    /// Workflow state.
    State,
}

/// Which invoices `list_invoices` returns. Every field is optional: `{}` is the first 100,
/// newest first.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct ListArgs {
    /// Only these states (kebab-case names; empty: all).
    pub states: Vec<String>,
    /// Text searched in supplier, supplier id, number and file name.
    pub search: Option<String>,
    /// Sort column.
    pub sort: SortArg,
    /// Largest first; None: descending for arrival order, ascending otherwise.
    pub descending: Option<bool>,
    /// Rows skipped.
    pub offset: usize,
    /// Rows returned at most (None: 100).
    pub limit: Option<usize>,
}

impl ListArgs {
    /// The core query; an unknown state name is a `validation` error naming it.
    fn query(&self) -> Result<ListQuery, ApiError> {
        let states = self
            .states
            .iter()
            .map(|s| {
                InvoiceState::parse(s).ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::Validation,
                        format!("unknown invoice state {s:?}"),
                    )
                })
            })
            .collect::<Result<_, _>>()?;
        let sort = match self.sort {
            SortArg::Id => SortBy::Id,
            SortArg::Supplier => SortBy::Supplier,
            SortArg::Amount => SortBy::Amount,
            SortArg::DueDate => SortBy::DueDate,
            SortArg::AttestDeadline => SortBy::AttestDeadline,
            SortArg::State => SortBy::State,
        };
        Ok(ListQuery {
            states,
            search: self
                .search
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
            sort,
            descending: self.descending.unwrap_or(self.sort == SortArg::Id),
            offset: self.offset,
            limit: self.limit.unwrap_or(ListQuery::default().limit),
        })
    }
}

/// One page of the invoice list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoicePage {
    /// How many invoices match in all.
    pub total: usize,
    /// This page's rows.
    pub rows: Vec<SummaryDto>,
}

/// Invoices matching `query`, sorted and paged (`query` absent: the first 100, newest first).
#[tauri::command]
pub fn list_invoices(
    store: State<'_, StoreHandle>,
    query: Option<ListArgs>,
) -> Result<InvoicePage, ApiError> {
    let q = query.unwrap_or_default().query()?;
    let page = store.with_workspace(|ws| invoices::list(ws, &q))?;
    Ok(InvoicePage {
        total: page.total,
        rows: page.rows.iter().map(SummaryDto::from).collect(),
    })
}

/// A reminder mark: `due-soon` with the days left (0: today) or `overdue` with the days late.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReminderDto {
    /// `due-soon` ("förfaller snart") or `overdue` ("försenad").
    pub kind: String,
    /// Days left or days late.
    pub days: i64,
}

impl From<Reminder> for ReminderDto {
    fn from(r: Reminder) -> Self {
        match r {
            Reminder::DueSoon(days) => ReminderDto {
                kind: "due-soon".into(),
                days,
            },
            Reminder::Overdue(days) => ReminderDto {
                kind: "overdue".into(),
                days,
            },
        }
    }
}

/// One open step in a person's inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InboxItemDto {
    /// The invoice.
    pub invoice_id: i64,
    /// The step's label (`BESLUT#1`).
    pub step: String,
    /// `MOTTAGNING`, `GRANSKNING` or `BESLUT`.
    pub kind: String,
    /// Whom the step is assigned to.
    pub assignee: String,
    /// Set when the person stands in for the assignee (ersättare).
    pub acting_for: Option<String>,
    /// Supplier name.
    pub supplier: String,
    /// Invoice number.
    pub number: String,
    /// Amount due, a decimal string.
    pub amount: String,
    /// Currency.
    pub currency: String,
    /// Due date.
    pub due_date: Option<String>,
    /// Attest deadline.
    pub attest_deadline: Option<String>,
    /// Reminder due today.
    pub reminder: Option<ReminderDto>,
    /// The invoice's state (`disputed`: BESTRIDEN).
    pub invoice_state: String,
    /// BETALSPÄRR.
    pub payment_block: bool,
}

impl From<&InboxItem> for InboxItemDto {
    fn from(i: &InboxItem) -> Self {
        InboxItemDto {
            invoice_id: i.invoice_id,
            step: i.step.clone(),
            kind: i.kind.as_str().to_owned(),
            assignee: i.assignee.clone(),
            acting_for: i.acting_for.clone(),
            supplier: i.supplier.clone(),
            number: i.number.clone(),
            amount: i.amount.to_string(),
            currency: i.currency.clone(),
            due_date: iso(i.due_date),
            attest_deadline: iso(i.attest_deadline),
            reminder: i.reminder.map(ReminderDto::from),
            invoice_state: i.invoice_state.as_str().to_owned(),
            payment_block: i.payment_block,
        }
    }
}

/// A person's inbox today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InboxDto {
    /// Open steps the person may act on.
    pub items: Vec<InboxItemDto>,
    /// The active rule-set version (None: no attestförteckning active yet).
    pub ruleset_version: Option<i64>,
    /// `false` when the person is not in the active attestförteckning.
    pub known: bool,
}

/// The open steps `user` may act on today (their own and those they stand in for).
#[tauri::command]
pub fn list_inbox(store: State<'_, StoreHandle>, user: String) -> Result<InboxDto, ApiError> {
    let inbox = store.with_context(Some(&user), |ws, ctx| approval::inbox(ws, ctx, &user))?;
    Ok(InboxDto {
        items: inbox.items.iter().map(InboxItemDto::from).collect(),
        ruleset_version: inbox.ruleset_version,
        known: inbox.known,
    })
}

/// One reminder to send: a step near or past its deadline and who stands in today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReminderItemDto {
    /// The step, as an inbox line (`assignee` is whom it waits on).
    pub item: InboxItemDto,
    /// Who stands in for the assignee today.
    pub substitutes: Vec<String>,
}

/// Today's reminders: every open step near or past its attest deadline.
#[tauri::command]
pub fn list_reminders(store: State<'_, StoreHandle>) -> Result<Vec<ReminderItemDto>, ApiError> {
    let all = store.with_context(None, |ws, ctx| approval::reminders(ws, ctx))?;
    Ok(all
        .iter()
        .map(|r| ReminderItemDto {
            item: InboxItemDto::from(&r.item),
            substitutes: r.substitutes.clone(),
        })
        .collect())
}
