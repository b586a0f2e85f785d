//! Row mappers and the small parse helpers every table module shares.
//!
//! Each mapper turns one row of a table module's `SELECT` (its column list is named beside the
//! mapper) into a domain value. Mappers return `rusqlite::Result<Result<T>>`: the outer error is
//! SQLite's (a column of the wrong type), the inner one [`StoreError::Corrupt`] when a stored text
//! (timestamp, date, amount, state name) does not parse. Invariant: no SQL text here and no
//! business rule; a mapper reads exactly what its writer wrote (timestamps RFC 3339 with
//! microseconds, dates `YYYY-MM-DD`, amounts as decimal strings).

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rust_decimal::Decimal;

use super::error::{Result, StoreError};
use super::invoices::InvoiceSummary;
use super::records;
use super::rulesets::RuleSetVersion;
use crate::approval::{CodingRow, InvoiceState, Step, StepKind, StepState};
use crate::audit::{AuditEvent, NewEvent};
use crate::facts::DocumentKind;

pub(super) fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub(super) fn parse_ts(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("timestamp {s:?}: {e}")))
}

pub(super) fn parse_day(s: Option<String>) -> Result<Option<NaiveDate>> {
    s.map(|d| {
        NaiveDate::parse_from_str(&d, "%Y-%m-%d")
            .map_err(|e| StoreError::Corrupt(format!("date {d:?}: {e}")))
    })
    .transpose()
}

pub(super) fn dec(s: &str) -> Result<Decimal> {
    s.parse::<Decimal>()
        .map_err(|e| StoreError::Corrupt(format!("amount {s:?}: {e}")))
}

pub(super) type InboxRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    bool,
    String,
);

pub(super) fn inbox_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<InboxRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
    ))
}

pub(super) fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<InvoiceSummary>> {
    let kind: Option<String> = r.get(4)?;
    let state: String = r.get(11)?;
    let payable: String = r.get(6)?;
    let net: String = r.get(7)?;
    let issue: Option<String> = r.get(5)?;
    let due: Option<String> = r.get(9)?;
    let deadline: Option<String> = r.get(10)?;
    let (id, supplier, supplier_id, number, currency, block, file_name): (
        i64,
        String,
        String,
        String,
        String,
        bool,
        String,
    ) = (
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(8)?,
        r.get(12)?,
        r.get(13)?,
    );
    Ok((|| {
        Ok(InvoiceSummary {
            id,
            supplier,
            supplier_id,
            number,
            kind: kind.as_deref().and_then(DocumentKind::parse),
            issue_date: parse_day(issue)?,
            amount: dec(&payable)?,
            net_amount: dec(&net)?,
            currency,
            due_date: parse_day(due)?,
            attest_deadline: parse_day(deadline)?,
            state: InvoiceState::parse(&state)
                .ok_or_else(|| StoreError::Corrupt(format!("state {state:?}")))?,
            payment_block: block,
            file_name,
        })
    })())
}

pub(super) fn ruleset_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<RuleSetVersion>> {
    let (version, sha256, source_name, imported_at, imported_by, decision_ref, activated_at, json): (
        i64,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        String,
    ) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?);
    Ok((|| {
        Ok(RuleSetVersion {
            version,
            sha256,
            source_name,
            imported_at: parse_ts(&imported_at)?,
            imported_by,
            decision_ref,
            activated_at: activated_at.as_deref().map(parse_ts).transpose()?,
            rules: Arc::new(records::rules_from_json(&json)?),
        })
    })())
}

pub(super) fn coding_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<(i64, CodingRow)>> {
    let amount: String = r.get(1)?;
    let row = CodingRow {
        amount: Decimal::ZERO,
        konto: r.get(2)?,
        ansvar: r.get(3)?,
        verksamhet: r.get(4)?,
        aktivitet: r.get(5)?,
        projekt: r.get(6)?,
        objekt: r.get(7)?,
        motpart: r.get(8)?,
        momskod: r.get(9)?,
    };
    let id: i64 = r.get(0)?;
    Ok(dec(&amount).map(|a| (id, CodingRow { amount: a, ..row })))
}

pub(super) fn step_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<(i64, Step)>> {
    let kind: String = r.get(2)?;
    let state: String = r.get(4)?;
    let decided_at: Option<String> = r.get(10)?;
    let id: i64 = r.get(0)?;
    let seq: u32 = r.get(1)?;
    let label: String = r.get(3)?;
    let assignee: Option<String> = r.get(5)?;
    let queue: Option<String> = r.get(6)?;
    let revision: i64 = r.get(7)?;
    let decided_by: Option<String> = r.get(8)?;
    let acting_for: Option<String> = r.get(9)?;
    let decision_id: Option<String> = r.get(11)?;
    let auto_rule: Option<String> = r.get(12)?;
    let escalated_at: Option<String> = r.get(13)?;
    Ok((|| {
        Ok((
            id,
            Step {
                seq,
                kind: StepKind::parse(&kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("step kind {kind:?}")))?,
                label,
                state: StepState::parse(&state)
                    .ok_or_else(|| StoreError::Corrupt(format!("step state {state:?}")))?,
                assignee,
                queue,
                revision,
                decided_by,
                acting_for,
                decided_at: decided_at.as_deref().map(parse_ts).transpose()?,
                decision_id,
                auto_rule,
                escalated_at: escalated_at.as_deref().map(parse_ts).transpose()?,
            },
        ))
    })())
}

pub(super) fn audit_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<AuditEvent>> {
    let at: String = r.get(1)?;
    let device: Option<String> = r.get(6)?;
    let seq: i64 = r.get(0)?;
    let event = NewEvent {
        kind: r.get(2)?,
        invoice_id: r.get(3)?,
        actor: r.get(4)?,
        acting_for: r.get(5)?,
        device_time: None,
        ruleset_version: r.get(7)?,
        content_hash: r.get(8)?,
        outcome: r.get(9)?,
        reason: r.get(10)?,
        detail: r.get(11)?,
    };
    let prev_hash: String = r.get(12)?;
    let hash: String = r.get(13)?;
    Ok((|| {
        Ok(AuditEvent {
            seq,
            at: parse_ts(&at)?,
            event: NewEvent {
                device_time: device.as_deref().map(parse_ts).transpose()?,
                ..event
            },
            prev_hash,
            hash,
        })
    })())
}
