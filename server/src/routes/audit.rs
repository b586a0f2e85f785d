//! The audit log: its head (to file elsewhere and cross-check a desktop's anchor) and its
//! verification (admin).

use axum::Json;
use axum::extract::State;
use digilyft_core::api::audit as api_audit;

use crate::auth::{Caller, Permission};
use crate::json::{AnchorDto, HeadDto, VerifyDto};
use crate::problem::Problem;
use crate::state::AppState;

/// `GET /v1/audit/head`: the log's head as an anchor (`null` for an empty log).
#[utoipa::path(get, path = "/v1/audit/head", tag = "audit", responses((status = 200, body = HeadDto), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn head(State(state): State<AppState>, caller: Caller) -> Result<Json<HeadDto>, Problem> {
    caller.require(Permission::AuditHead)?;
    let head = state
        .workspace(None, |ws, _| Ok(api_audit::head(ws)?))
        .await?;
    Ok(Json(HeadDto {
        head: head.as_ref().map(AnchorDto::from),
    }))
}

/// `GET /v1/audit/verify`: the chain, the sidecar anchor and the coverage of every row.
#[utoipa::path(get, path = "/v1/audit/verify", tag = "audit", responses((status = 200, body = VerifyDto), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn verify(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<VerifyDto>, Problem> {
    caller.require(Permission::AuditVerify)?;
    let report = state
        .workspace(None, |ws, _| Ok(api_audit::verify(ws, &[])?))
        .await?;
    Ok(Json(VerifyDto::from(&report)))
}
