//! The attestförteckning (admin only): upload a workbook as a new version, compare a workbook
//! with the active version, activate a version, list the versions.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use digilyft_core::api::rules::{self as api_rules, DiffSource, RulesDiff, RulesImport};
use digilyft_core::api::{ApiError, ErrorCode, intake};
use serde::Deserialize;

use crate::auth::{Caller, Permission};
use crate::json::{
    ActivatedDto, DiffLineDto, RulesStoredDto, VersionDto, WorkbookProblemDto, workbook_fault,
};
use crate::problem::Problem;
use crate::state::AppState;

/// The query of `POST /v1/rules`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct UploadQuery {
    /// The workbook's file name (default `attestforteckning.xlsx`).
    #[param(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^/\\:\x00-\x1f\x7f-\x9f]+$"
    )]
    name: Option<String>,
    /// The nämnd decision adopting it (`KS 2026-01-15 § 4`).
    #[param(pattern = r"\S")]
    decision_ref: String,
}

/// A workbook's problems as a `validation` problem: nothing was stored.
fn refused(problems: &[api_rules::Problem]) -> Problem {
    ApiError::new(
        ErrorCode::Validation,
        format!(
            "the workbook has {} problem(s); nothing was stored",
            problems.len()
        ),
    )
    .with_faults(problems.iter().map(workbook_fault).collect())
    .into()
}

/// `POST /v1/rules?decision_ref=…&name=…` with the workbook's bytes: stored as a new version
/// (not activated), 201 with its warnings; a workbook with errors is a `validation` problem with
/// every problem as a fault, and nothing is stored.
#[utoipa::path(post, path = "/v1/rules", tag = "rules", params(UploadQuery), request_body(content = String, content_type = "application/octet-stream", description = "the workbook (.xlsx)"), responses((status = 201, body = RulesStoredDto), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<UploadQuery>,
    body: Bytes,
) -> Result<(StatusCode, Json<RulesStoredDto>), Problem> {
    caller.require(Permission::Rules)?;
    let name = q
        .name
        .unwrap_or_else(|| "attestforteckning.xlsx".to_string());
    intake::check_name(&name)?;
    if q.decision_ref.trim().is_empty() {
        return Err(Problem::validation(
            "decision_ref: name the nämnd decision adopting the attestförteckning",
        ));
    }
    let imported = state
        .workspace(Some(caller.person_id), move |ws, ctx| {
            Ok(api_rules::import_workbook(
                ws,
                ctx,
                &name,
                &body,
                &q.decision_ref,
                false,
            )?)
        })
        .await?;
    match imported {
        RulesImport::Refused { problems } => Err(refused(&problems)),
        RulesImport::Stored {
            version,
            grants,
            flows,
            warnings,
            ..
        } => Ok((
            StatusCode::CREATED,
            Json(RulesStoredDto {
                version,
                grants,
                flows,
                warnings: warnings.iter().map(WorkbookProblemDto::from).collect(),
            }),
        )),
    }
}

/// `POST /v1/rules/diff` with a workbook's bytes: what it changes against the active version.
#[utoipa::path(post, path = "/v1/rules/diff", tag = "rules", request_body(content = String, content_type = "application/octet-stream", description = "the workbook (.xlsx)"), responses((status = 200, body = Vec<DiffLineDto>), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn diff(
    State(state): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<Json<Vec<DiffLineDto>>, Problem> {
    caller.require(Permission::Rules)?;
    let diff = state
        .workspace(Some(caller.person_id), move |ws, ctx| {
            Ok(api_rules::diff(ws, ctx, DiffSource::Workbook(&body))?)
        })
        .await?;
    match diff {
        RulesDiff::Refused { problems } => Err(refused(&problems)),
        RulesDiff::Lines(lines) => Ok(Json(lines.iter().map(DiffLineDto::from).collect())),
    }
}

/// `POST /v1/rules/{version}/activate`: the version decisions are judged under from now on;
/// invoices waiting for a rule set are routed.
#[utoipa::path(post, path = "/v1/rules/{version}/activate", tag = "rules", params(("version" = i64, Path, description = "the rule-set version")), responses((status = 200, body = ActivatedDto), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn activate(
    State(state): State<AppState>,
    caller: Caller,
    Path(version): Path<String>,
) -> Result<Json<ActivatedDto>, Problem> {
    caller.require(Permission::Rules)?;
    let version: i64 = version
        .parse()
        .map_err(|_| Problem::validation(format!("version {version:?} is not a number")))?;
    let (version, routed) = state
        .workspace(Some(caller.person_id), move |ws, ctx| {
            Ok(api_rules::activate(ws, ctx, Some(version))?)
        })
        .await?;
    Ok(Json(ActivatedDto { version, routed }))
}

/// `GET /v1/rules`: every stored version, oldest first.
#[utoipa::path(get, path = "/v1/rules", tag = "rules", responses((status = 200, body = Vec<VersionDto>), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn versions(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<VersionDto>>, Problem> {
    caller.require(Permission::Rules)?;
    let versions = state
        .workspace(None, |ws, _| Ok(api_rules::versions(ws)?))
        .await?;
    Ok(Json(versions.iter().map(VersionDto::from).collect()))
}
