//! The audit log: its head (to file elsewhere and cross-check a desktop's anchor), its
//! verification and the ledger export (admin).

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
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

/// The media type of an .xlsx workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// `GET /v1/audit/ledger` (admin): the ledger workbook `fakturor.xlsx` as of the server's today,
/// every invoice with state, amounts, kontering and who attested when, and the audit log's head
/// as an anchor in sheet Revisionsspår (what `digilyft audit verify --ledger` checks).
#[utoipa::path(get, path = "/v1/audit/ledger", tag = "audit", responses((status = 200, description = "the ledger workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn ledger(State(state): State<AppState>, caller: Caller) -> Result<Response, Problem> {
    caller.require(Permission::Export)?;
    let bytes = state
        .workspace(Some(caller.person_id), |ws, ctx| {
            Ok(api_audit::ledger(ws, ctx)?)
        })
        .await?;
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(XLSX));
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"fakturor.xlsx\""),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
