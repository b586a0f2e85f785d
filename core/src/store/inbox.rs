//! Read-only queries over open steps: a person's inbox (with the steps they stand in for) and the
//! daily reminder list.
//!
//! Invariants: nothing here writes; which absences count is decided under the active rule set
//! on the day asked for.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::Store;
use super::error::{Result, StoreError};
use super::rows::{InboxRow, dec, inbox_row, parse_day};
use super::workflow::load_coding;
use crate::approval::{self, InvoiceState, StepKind};

/// One open step in someone's inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxItem {
    /// Invoice id.
    pub invoice_id: i64,
    /// Step label.
    pub step: String,
    /// Step kind.
    pub kind: StepKind,
    /// Assigned person.
    pub assignee: String,
    /// Set when the user stands in for the assignee.
    pub acting_for: Option<String>,
    /// Supplier name.
    pub supplier: String,
    /// Invoice number.
    pub number: String,
    /// Amount due.
    pub amount: Decimal,
    /// Currency.
    pub currency: String,
    /// Due date.
    pub due_date: Option<NaiveDate>,
    /// Attest deadline.
    pub attest_deadline: Option<NaiveDate>,
    /// Reminder due on the day the inbox was asked for (from the attest deadline).
    pub reminder: Option<crate::approval::Reminder>,
    /// The invoice's state (DISPUTED or a payment block stop every decision until resolved).
    pub invoice_state: InvoiceState,
    /// Payment block.
    pub payment_block: bool,
}

/// One reminder to send: an open step near or past its attest deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderItem {
    /// The step, as an inbox line (`assignee` is the person or queue it waits on).
    pub item: InboxItem,
    /// Who stands in for the assignee today (registered absence covering the invoice).
    pub substitutes: Vec<String>,
}

impl Store {
    /// Open steps `user` may act on today: assigned to them, or to someone they stand in for
    /// (registered absence covering the step's ansvar) under the active rule set.
    pub fn inbox(&self, user: &str, day: NaiveDate) -> Result<Vec<InboxItem>> {
        let mut persons: Vec<(String, Option<&crate::approval::ruleset::Absence>)> =
            vec![(user.to_string(), None)];
        let rules = self
            .active
            .as_ref()
            .map(|a| a.1.clone())
            .unwrap_or_default();
        for a in rules.standing_in_for(user, day) {
            persons.push((a.person_id.clone(), Some(a)));
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {INBOX_COLUMNS}, s.assignee
             FROM step s JOIN invoice i INDEXED BY invoice_inbox ON i.id = s.invoice_id
             WHERE s.state = 'OPEN' AND s.assignee = ?1
             ORDER BY i.attest_deadline IS NULL, i.attest_deadline, s.invoice_id"
        ))?;
        let mut out = Vec::new();
        for (person, absence) in persons {
            for row in stmt.query_map([&person], inbox_row)? {
                let mut item = self.inbox_item(row?, day)?;
                if let Some(a) = absence {
                    // Only steps within the absence's scope (omfattning = ansvar list or ALLA).
                    if !self.absence_covers(a, item.invoice_id)? {
                        continue;
                    }
                    item.acting_for = Some(a.person_id.clone());
                }
                out.push(item);
            }
        }
        Ok(out)
    }

    /// Every open step whose attest deadline is inside the reminder window on `day` (or past),
    /// by assignee (a queue's name when no person is assigned), then deadline: the daily list of
    /// reminders to send. Each names who currently stands in for an absent assignee.
    pub fn reminders(&self, day: NaiveDate) -> Result<Vec<ReminderItem>> {
        let horizon = (day
            + chrono::Days::new(u64::from(self.effective_policy().remind_before_due_days)))
        .to_string();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {INBOX_COLUMNS}, COALESCE(s.assignee, s.queue, '')
             FROM step s JOIN invoice i ON i.id = s.invoice_id
             WHERE s.state = 'OPEN' AND i.attest_deadline IS NOT NULL AND i.attest_deadline <= ?1
             ORDER BY 12, i.attest_deadline, s.invoice_id"
        ))?;
        let rules = self
            .active
            .as_ref()
            .map(|a| a.1.clone())
            .unwrap_or_default();
        let mut out = Vec::new();
        for row in stmt.query_map([horizon], inbox_row)? {
            let item = self.inbox_item(row?, day)?;
            let mut substitutes = Vec::new();
            for a in rules
                .absences
                .iter()
                .filter(|a| a.person_id == item.assignee && a.fran <= day && day <= a.till)
            {
                if self.absence_covers(a, item.invoice_id)? {
                    substitutes.push(a.ersattare_person_id.clone());
                }
            }
            out.push(ReminderItem { item, substitutes });
        }
        Ok(out)
    }

    /// Whether absence `a` covers the invoice with its current kontering
    /// ([`approval::absence::covers`]).
    fn absence_covers(
        &self,
        a: &crate::approval::ruleset::Absence,
        invoice_id: i64,
    ) -> Result<bool> {
        Ok(approval::absence::covers(
            a,
            &load_coding(&self.conn, invoice_id)?,
        ))
    }

    fn inbox_item(&self, row: InboxRow, day: NaiveDate) -> Result<InboxItem> {
        let (
            invoice_id,
            step,
            kind,
            supplier,
            number,
            amount,
            currency,
            due,
            deadline,
            state,
            payment_block,
            assignee,
        ) = row;
        let attest_deadline = parse_day(deadline)?;
        Ok(InboxItem {
            invoice_id,
            step,
            kind: StepKind::parse(&kind)
                .ok_or_else(|| StoreError::Corrupt(format!("step kind {kind:?}")))?,
            assignee,
            acting_for: None,
            supplier,
            number,
            amount: dec(&amount)?,
            currency,
            due_date: parse_day(due)?,
            attest_deadline,
            reminder: attest_deadline
                .and_then(|d| crate::approval::reminder(d, day, &self.effective_policy())),
            invoice_state: InvoiceState::parse(&state)
                .ok_or_else(|| StoreError::Corrupt(format!("state {state:?}")))?,
            payment_block,
        })
    }
}

/// The invoice and step columns an inbox line shows (the twelfth column, the assignee, is added
/// by each query).
pub(super) const INBOX_COLUMNS: &str = "s.invoice_id, s.label, s.kind, i.supplier_name, i.number, i.payable, \
    i.currency, i.due_date, i.attest_deadline, i.state, i.payment_block";
