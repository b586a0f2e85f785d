//! Approval: the caller's inbox, decisions (judged again by core under the rule set in force and
//! the invoice's current state), kontering and ending a dispute. The acting person is always the
//! caller's `person_id`.

use axum::Json;
use axum::extract::{Path, State};
use digilyft_core::api::approval::{self as api_approval, DecideRequest};
use digilyft_core::api::{ApiError, Decision, ErrorCode, Resolution, idempotency};

use super::invoices::{Scope, check_visible, invoice_id};
use crate::auth::{Caller, Permission, allows};
use crate::json::{ChangedDto, DecideBody, DecisionDto, InboxDto, KonteringBody, ResolveBody};
use crate::problem::Problem;
use crate::state::AppState;

/// Longest decision id a client may send.
const MAX_DECISION_ID: usize = 64;

/// `GET /v1/inbox`: the open steps the caller may act on today.
#[utoipa::path(get, path = "/v1/inbox", tag = "approval", responses((status = 200, body = InboxDto), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn inbox(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<InboxDto>, Problem> {
    caller.require(Permission::Inbox)?;
    let person = caller.person_id;
    let inbox = state
        .workspace(Some(person.clone()), move |ws, ctx| {
            let inbox = api_approval::inbox(ws, ctx, &person)?;
            Ok(InboxDto::new(&person, &inbox))
        })
        .await?;
    Ok(Json(inbox))
}

impl DecideBody {
    /// The core request, or a `validation` problem naming the bad field.
    fn to_request(&self) -> Result<DecideRequest, Problem> {
        let decision = Decision::parse(&self.decision).ok_or_else(|| {
            Problem::validation(format!(
                "decision: {:?} is not ATTEST, RETURN, REJECT or DISPUTE",
                self.decision
            ))
        })?;
        if let Some(id) = &self.decision_id {
            let ok = !id.is_empty()
                && id.len() <= MAX_DECISION_ID
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !ok {
                return Err(Problem::validation(format!(
                    "decision_id: 1–{MAX_DECISION_ID} of letters, digits, - and _ (a UUID)"
                )));
            }
        }
        if self.invoice.trim().is_empty() {
            return Err(Problem::validation(
                "invoice: give the invoice id or number",
            ));
        }
        Ok(DecideRequest {
            invoice: self.invoice.clone(),
            step: self.step.clone(),
            decision,
            comment: self.comment.clone(),
            acting_for: self.acting_for.clone(),
            decision_id: self.decision_id.clone(),
        })
    }
}

/// `POST /v1/decisions`: one decision as the caller. The same `decision_id` again returns the
/// first outcome and changes nothing; the same id with another decision is a `conflict` with the
/// rule `key-reused`.
#[utoipa::path(post, path = "/v1/decisions", tag = "approval", request_body = DecideBody, responses((status = 200, body = DecisionDto), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn decide(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<DecideBody>,
) -> Result<Json<DecisionDto>, Problem> {
    caller.require(Permission::Decide)?;
    let req = body.to_request()?;
    let view = state
        .workspace(Some(caller.person_id), move |ws, ctx| {
            Ok(idempotency::decide(ws, ctx, &req)?)
        })
        .await?;
    Ok(Json(DecisionDto::from(&view)))
}

/// `PUT /v1/invoices/{id}/kontering` `{rows: [...]}`: replaces the kontering as the caller (an
/// attestant only on an invoice they are involved in). Every bad row is a fault.
#[utoipa::path(put, path = "/v1/invoices/{id}/kontering", tag = "approval", params(("id" = i64, Path, minimum = 1, description = "the invoice id")), request_body = KonteringBody, responses((status = 200, body = ChangedDto), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn kontering(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<KonteringBody>,
) -> Result<Json<ChangedDto>, Problem> {
    caller.require(Permission::Kontering)?;
    let scope = if allows(caller.role, Permission::ReadAllInvoices) {
        Scope::All
    } else {
        Scope::Own
    };
    let id = invoice_id(&id)?;
    let mut rows = Vec::new();
    let mut faults = Vec::new();
    for (n, r) in body.rows.iter().enumerate() {
        match r.to_row(n + 1) {
            Ok(row) => rows.push(row),
            Err(f) => faults.push(*f),
        }
    }
    if !faults.is_empty() {
        return Err(
            ApiError::new(ErrorCode::Validation, "the kontering has bad rows")
                .with_faults(faults)
                .into(),
        );
    }
    let person = caller.person_id;
    let changed = state
        .workspace(Some(person.clone()), move |ws, ctx| {
            check_visible(ws, ctx, scope, &person, id)?;
            Ok(api_approval::set_kontering(ws, ctx, &id.to_string(), rows)?)
        })
        .await?;
    Ok(Json(ChangedDto::from(&changed)))
}

/// `POST /v1/invoices/{id}/resolve` `{resolution: resume|reject, comment}`: ends a dispute or
/// payment block as the caller.
#[utoipa::path(post, path = "/v1/invoices/{id}/resolve", tag = "approval", params(("id" = i64, Path, minimum = 1, description = "the invoice id")), request_body = ResolveBody, responses((status = 200, body = ChangedDto), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn resolve(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<ResolveBody>,
) -> Result<Json<ChangedDto>, Problem> {
    caller.require(Permission::Resolve)?;
    let id = invoice_id(&id)?;
    let resolution = match body.resolution.as_str() {
        "resume" => Resolution::Resume,
        "reject" => Resolution::Reject,
        other => {
            return Err(Problem::validation(format!(
                "resolution: {other:?} is not resume or reject"
            )));
        }
    };
    let changed = state
        .workspace(Some(caller.person_id), move |ws, ctx| {
            Ok(api_approval::resolve(
                ws,
                ctx,
                &id.to_string(),
                resolution,
                &body.comment,
            )?)
        })
        .await?;
    Ok(Json(ChangedDto::from(&changed)))
}
