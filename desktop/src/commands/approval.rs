//! Attest: deciding a step, the kontering (show and change, with every problem by row and
//! field), ending a dispute, and the people the window lets a user act as.
//!
//! Every mutation acts as `user`, the person chosen in the window's settings (the local store has
//! no login). Whether they may is judged by core under the active attestförteckning.

use serde::{Deserialize, Serialize};
use tauri::State;

use digilyft_core::api::approval::{self, Changed, CodingField, DecideRequest, DecisionView};
use digilyft_core::api::people;
use digilyft_core::api::{CodingRow, Decision, Resolution};

use super::invoice::CodingRowDto;
use crate::error::Fault;
use crate::{ApiError, ErrorCode, StoreHandle};

/// What an attestant decides, as the window names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionArg {
    /// Attestera (approve).
    Attest,
    /// Återsänd to the previous step.
    Return,
    /// Avvisa the invoice.
    Reject,
    /// Bestrid it with the supplier (payment block).
    Dispute,
}

/// A decision from the decision panel.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DecideArgs {
    /// The invoice's store id.
    pub invoice: i64,
    /// The step's label; None: the invoice's open step.
    #[serde(default)]
    pub step: Option<String>,
    /// What is decided.
    pub decision: DecisionArg,
    /// Free text (a reason for return, reject or dispute).
    #[serde(default)]
    pub comment: Option<String>,
}

/// What became of a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DecisionDto {
    /// The intent's id.
    pub decision_id: String,
    /// The invoice.
    pub invoice: i64,
    /// The step decided.
    pub step: String,
    /// `ATTEST`, `RETURN`, `REJECT` or `DISPUTE`.
    pub decision: String,
    /// The absent person decided for, as ersättare.
    pub acting_for: Option<String>,
    /// `ACCEPTED`, `REJECTED_RULE`, `PENDING_PRECONDITION`, ….
    pub outcome: String,
    /// Stable reason code (`ok` when accepted).
    pub reason_code: String,
    /// Explanation.
    pub reason: String,
    /// The invoice's state afterwards.
    pub invoice_state: String,
}

impl From<&DecisionView> for DecisionDto {
    fn from(d: &DecisionView) -> Self {
        DecisionDto {
            decision_id: d.decision_id.clone(),
            invoice: d.invoice,
            step: d.step.clone(),
            decision: d.decision.as_str().to_owned(),
            acting_for: d.acting_for.clone(),
            outcome: d.outcome.as_str().to_owned(),
            reason_code: d.reason_code.clone(),
            reason: d.reason.clone(),
            invoice_state: d.invoice_state.as_str().to_owned(),
        }
    }
}

/// Decides `request` as `user`. A refusal by a hard rule is an outcome (`REJECTED_RULE` with its
/// reason code), not an error; errors are bad input (unknown invoice, no open step, unknown user).
#[tauri::command]
pub fn decide_step(
    store: State<'_, StoreHandle>,
    user: String,
    request: DecideArgs,
) -> Result<DecisionDto, ApiError> {
    let req = DecideRequest {
        invoice: request.invoice.to_string(),
        step: request.step,
        decision: match request.decision {
            DecisionArg::Attest => Decision::Attest,
            DecisionArg::Return => Decision::Return,
            DecisionArg::Reject => Decision::Reject,
            DecisionArg::Dispute => Decision::Dispute,
        },
        comment: request.comment.filter(|c| !c.trim().is_empty()),
        acting_for: None,
        decision_id: None,
    };
    let view = store.with_context(Some(&user), |ws, ctx| approval::decide(ws, ctx, &req))?;
    Ok(DecisionDto::from(&view))
}

/// An invoice's kontering rows.
#[tauri::command]
pub fn show_kontering(
    store: State<'_, StoreHandle>,
    invoice: i64,
) -> Result<Vec<CodingRowDto>, ApiError> {
    let rows = store.with_workspace(|ws| approval::kontering(ws, &invoice.to_string()))?;
    Ok(rows.iter().map(CodingRowDto::from).collect())
}

/// An invoice's workflow after a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangedDto {
    /// The invoice.
    pub invoice: i64,
    /// Its state.
    pub state: String,
    /// Its workflow revision.
    pub revision: i64,
    /// Its kontering rows.
    pub rows: usize,
    /// BETALSPÄRR.
    pub payment_block: bool,
}

impl From<&Changed> for ChangedDto {
    fn from(c: &Changed) -> Self {
        ChangedDto {
            invoice: c.invoice,
            state: c.state.as_str().to_owned(),
            revision: c.revision,
            rows: c.rows,
            payment_block: c.payment_block,
        }
    }
}

/// Reads the editor's rows through core's one field list ([`CodingField`]: an amount with a
/// decimal comma or point and spaces as thousands separators, the momskod upper-cased). Every
/// unreadable amount is a fault with its 1-based row and field.
fn coding_rows(rows: &[CodingRowDto]) -> Result<Vec<CodingRow>, ApiError> {
    let mut faults = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for (n, dto) in rows.iter().enumerate() {
        let mut row = CodingRow::default();
        let values = [
            (CodingField::Belopp, &dto.belopp),
            (CodingField::Konto, &dto.konto),
            (CodingField::Ansvar, &dto.ansvar),
            (CodingField::Verksamhet, &dto.verksamhet),
            (CodingField::Aktivitet, &dto.aktivitet),
            (CodingField::Projekt, &dto.projekt),
            (CodingField::Objekt, &dto.objekt),
            (CodingField::Motpart, &dto.motpart),
            (CodingField::Momskod, &dto.momskod),
        ];
        for (field, value) in values {
            if let Err(message) = field.set(&mut row, value) {
                faults.push(Fault {
                    cell: Some((n + 1).to_string()),
                    field: Some(field.name().to_owned()),
                    message,
                    ..Fault::default()
                });
            }
        }
        out.push(row);
    }
    if faults.is_empty() {
        Ok(out)
    } else {
        Err(ApiError::new(
            ErrorCode::Validation,
            format!(
                "{} problem(s) in the kontering; nothing was changed",
                faults.len()
            ),
        )
        .with_faults(faults))
    }
}

/// Replaces an invoice's kontering as `user`. Refused as `validation` with every problem by row
/// and field, `forbidden` with the rule, or `precondition` (the invoice is closed).
#[tauri::command]
pub fn set_kontering(
    store: State<'_, StoreHandle>,
    user: String,
    invoice: i64,
    rows: Vec<CodingRowDto>,
) -> Result<ChangedDto, ApiError> {
    let rows = coding_rows(&rows)?;
    let changed = store.with_context(Some(&user), |ws, ctx| {
        approval::set_kontering(ws, ctx, &invoice.to_string(), rows)
    })?;
    Ok(ChangedDto::from(&changed))
}

/// How a dispute ends, as the window names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResolutionArg {
    /// The supplier's answer is accepted: the attest goes on.
    Resume,
    /// The dispute is upheld: the invoice is rejected.
    Reject,
}

/// Ends the dispute or payment block of `invoice` as `user`, with `comment` as the reason.
#[tauri::command]
pub fn resolve_dispute(
    store: State<'_, StoreHandle>,
    user: String,
    invoice: i64,
    resolution: ResolutionArg,
    comment: String,
) -> Result<ChangedDto, ApiError> {
    let resolution = match resolution {
        ResolutionArg::Resume => Resolution::Resume,
        ResolutionArg::Reject => Resolution::Reject,
    };
    let changed = store.with_context(Some(&user), |ws, ctx| {
        approval::resolve(ws, ctx, &invoice.to_string(), resolution, &comment)
    })?;
    Ok(ChangedDto::from(&changed))
}

/// One person the window offers in "who am I".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonDto {
    /// `person_id` of the attestförteckning.
    pub id: String,
    /// Name (may be empty).
    pub name: String,
    /// Position (may be empty).
    pub position: String,
}

/// Everyone the active attestförteckning knows (empty when none is active).
#[tauri::command]
pub fn list_people(store: State<'_, StoreHandle>) -> Result<Vec<PersonDto>, ApiError> {
    let all = store.with_workspace(|ws| people::people(ws))?;
    Ok(all
        .into_iter()
        .map(|p| PersonDto {
            id: p.id,
            name: p.name,
            position: p.position,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_rows_are_read_with_a_decimal_comma_and_every_bad_amount_is_a_fault() {
        let good = CodingRowDto {
            belopp: "1 234,50".into(),
            konto: "6110".into(),
            momskod: "avdragsgill".into(),
            ..CodingRowDto::default()
        };
        let rows = coding_rows(std::slice::from_ref(&good)).unwrap_or_default();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].amount.to_string(), "1234.50");
        assert_eq!(rows[0].momskod, "AVDRAGSGILL");
        let bad = CodingRowDto {
            belopp: "tolv".into(),
            ..CodingRowDto::default()
        };
        let err = coding_rows(&[good, bad.clone(), bad]).err();
        let err = err.unwrap_or_else(|| ApiError::new(ErrorCode::Internal, "accepted"));
        assert_eq!(err.code, ErrorCode::Validation);
        let places: Vec<_> = err
            .faults
            .iter()
            .map(|f| (f.cell.as_deref(), f.field.as_deref()))
            .collect();
        assert_eq!(
            places,
            [(Some("2"), Some("belopp")), (Some("3"), Some("belopp"))]
        );
    }
}
