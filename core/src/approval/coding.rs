//! Checks on a kontering a person enters by hand, before it replaces the current one.
//!
//! A kontering is complete when its rows carry the whole net amount of the invoice (BT-109,
//! "100 %", spec §1.1 GRANSKAD), every row names at least konto and ansvar, and every row has a
//! momskod from the kommun's list (spec §1.7). The check is pure and reports every problem at
//! once, each naming its row and field, so a clerk can fix them all in one go.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::model::{CodingRow, InvoiceState, Reason, ReasonCode, StepKind, Workflow};
use super::rights::authorise;
use super::ruleset::RuleSet;

/// The momskoder a kontering row may carry (spec §1.7): deductible, refundable under LEMK 2 §,
/// flat 6 % and 18 % compensation for hidden VAT, expensed, reverse charge.
pub const MOMSKODER: &[&str] = &[
    "AVDRAGSGILL",
    "ERSÄTTNINGSGILL",
    "SCHABLON6",
    "SCHABLON18",
    "KOSTNADSFÖRD",
    "OMVÄND",
];

/// One problem with a proposed kontering.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{field}: {message}", row.map(|r| format!("rad {r}, ")).unwrap_or_default())]
pub struct CodingProblem {
    /// 1-based row number, or None for the kontering as a whole.
    pub row: Option<usize>,
    /// The field (`belopp`, `konto`, `ansvar`, `momskod`, `kontering`, …).
    pub field: &'static str,
    /// What is wrong.
    pub message: String,
}

/// May `actor` change the kontering of `wf` to `rows` on `day`? The reviewer named on one of the
/// invoice's MOTTAGNING or GRANSKNING steps may (spec §1.1: the granskare "may code the
/// invoice"); so may anyone holding a GRANSKNING right for the codes of every new row (the
/// ekonomienhet, typically). Nobody else: otherwise a person could move an invoice onto codes
/// whose budget holder they are not answerable to.
pub fn may_recode(
    rules: &RuleSet,
    actor: &str,
    wf: &Workflow,
    rows: &[CodingRow],
    day: NaiveDate,
) -> Result<(), Reason> {
    let named_reviewer = wf
        .steps
        .iter()
        .any(|s| s.kind != StepKind::Beslut && s.assignee.as_deref() == Some(actor));
    if named_reviewer {
        return Ok(());
    }
    let mut proposed = wf.clone();
    proposed.coding = rows.to_vec();
    authorise(
        rules,
        actor,
        StepKind::Granskning,
        &proposed,
        day,
        None,
        false,
    )
    .map(|_| ())
    .map_err(|r| {
        Reason::new(
            ReasonCode::NoRight,
            format!(
                "{actor} is not a reviewer of this invoice and holds no GRANSKNING right for \
                     the new kontering: {}",
                r.text
            ),
        )
    })
}

/// States in which the kontering may be changed: the invoice has been routed and is not closed.
pub fn recodable(state: InvoiceState) -> bool {
    matches!(
        state,
        InvoiceState::Unrouted
            | InvoiceState::InApproval
            | InvoiceState::Returned
            | InvoiceState::Attested
    )
}

/// Every problem with `rows` as the new kontering of `wf`; empty when it may be applied.
pub fn check_coding(wf: &Workflow, rows: &[CodingRow]) -> Vec<CodingProblem> {
    let mut out = Vec::new();
    let whole = |message: String| CodingProblem {
        row: None,
        field: "kontering",
        message,
    };
    if rows.is_empty() {
        out.push(whole("at least one row is needed".into()));
        return out;
    }
    for (i, r) in rows.iter().enumerate() {
        let at = |field: &'static str, message: String| CodingProblem {
            row: Some(i + 1),
            field,
            message,
        };
        if r.amount.is_zero() {
            out.push(at("belopp", "a row must carry an amount".into()));
        }
        if r.amount.scale() > 2 && r.amount != r.amount.round_dp(2) {
            out.push(at(
                "belopp",
                format!("{} has more than two decimals", r.amount),
            ));
        }
        for (field, value) in [("konto", &r.konto), ("ansvar", &r.ansvar)] {
            if value.trim().is_empty() {
                out.push(at(field, "required".into()));
            } else if !value.chars().all(|c| c.is_ascii_alphanumeric()) {
                out.push(at(
                    field,
                    format!("{value:?} may only hold letters and digits"),
                ));
            }
        }
        if !MOMSKODER.contains(&r.momskod.as_str()) {
            out.push(at(
                "momskod",
                format!("{:?} is not one of {}", r.momskod, MOMSKODER.join(", ")),
            ));
        }
    }
    let sum: Decimal = rows.iter().map(|r| r.amount).sum();
    if sum != wf.net_total {
        out.push(whole(format!(
            "the rows add up to {sum}, but the invoice's net amount (BT-109) is {}",
            wf.net_total
        )));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wf(net: i64) -> Workflow {
        Workflow {
            invoice_id: 1,
            document_sha256: String::new(),
            supplier_id: String::new(),
            credit_note: false,
            net_total: Decimal::from(net),
            payable: Decimal::from(net),
            due_date: None,
            state: InvoiceState::InApproval,
            revision: 1,
            payment_block: false,
            ruleset_version: None,
            flow_rule: None,
            coding: Vec::new(),
            steps: Vec::new(),
        }
    }

    fn row(amount: &str, konto: &str, ansvar: &str, moms: &str) -> CodingRow {
        CodingRow {
            amount: amount.parse().expect("decimal"),
            konto: konto.into(),
            ansvar: ansvar.into(),
            verksamhet: String::new(),
            aktivitet: String::new(),
            projekt: String::new(),
            objekt: String::new(),
            motpart: String::new(),
            momskod: moms.into(),
        }
    }

    #[test]
    fn problems_name_row_and_field() {
        let cases: &[(&str, Vec<CodingRow>, &[&str])] = &[
            (
                "a full split is fine",
                vec![
                    row("600.00", "4110", "41", "AVDRAGSGILL"),
                    row("400", "4620", "41", "SCHABLON6"),
                ],
                &[],
            ),
            (
                "no rows",
                vec![],
                &["kontering: at least one row is needed"],
            ),
            (
                "sum short of BT-109",
                vec![row("999.99", "4110", "41", "AVDRAGSGILL")],
                &[
                    "kontering: the rows add up to 999.99, but the invoice's net amount (BT-109) is 1000",
                ],
            ),
            (
                "missing konto, bad ansvar, unknown momskod",
                vec![row("1000", "", "4 1", "MOMS25")],
                &[
                    "rad 1, konto: required",
                    "rad 1, ansvar: \"4 1\" may only hold letters and digits",
                    "rad 1, momskod: \"MOMS25\" is not one of AVDRAGSGILL, ERSÄTTNINGSGILL, SCHABLON6, SCHABLON18, KOSTNADSFÖRD, OMVÄND",
                ],
            ),
            (
                "zero row and öre fractions",
                vec![
                    row("0", "4110", "41", "AVDRAGSGILL"),
                    row("1000.001", "4110", "41", "AVDRAGSGILL"),
                ],
                &[
                    "rad 1, belopp: a row must carry an amount",
                    "rad 2, belopp: 1000.001 has more than two decimals",
                    "kontering: the rows add up to 1000.001, but the invoice's net amount (BT-109) is 1000",
                ],
            ),
        ];
        for (name, rows, want) in cases {
            let got: Vec<String> = check_coding(&wf(1000), rows)
                .iter()
                .map(ToString::to_string)
                .collect();
            assert_eq!(&got, want, "{name}");
        }
    }

    #[test]
    fn closed_invoices_cannot_be_recoded() {
        assert!(recodable(InvoiceState::Attested));
        assert!(!recodable(InvoiceState::Rejected));
        assert!(!recodable(InvoiceState::NeedsAction));
        assert!(!recodable(InvoiceState::Received));
    }
}
