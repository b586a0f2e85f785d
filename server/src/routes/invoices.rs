//! Invoices: intake of one document, the list (filter, sort, page, search), one invoice's story,
//! its original bytes, and the aggregates an analyst reads.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use digilyft_core::api::invoices::{self as api_invoices, ImportOutcome, ListQuery, SortBy};
use digilyft_core::api::{Context, InvoiceState, Workspace, intake, overview, visibility};
use serde::Deserialize;

use crate::auth::{Caller, Permission, allows};
use crate::json::{ImportDto, InvoiceDetailDto, InvoicePageDto, StateTotalDto};
use crate::problem::Problem;
use crate::state::AppState;

/// Most rows one page may hold.
pub const MAX_PAGE_ROWS: usize = 500;

/// Rows of a page when none is asked for.
const DEFAULT_PAGE_ROWS: usize = 50;

/// Which invoices the caller may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every invoice.
    All,
    /// Those the caller is involved in.
    Own,
}

/// The caller's reading scope, or `forbidden`.
pub fn scope(caller: &Caller) -> Result<Scope, Problem> {
    if allows(caller.role, Permission::ReadAllInvoices) {
        Ok(Scope::All)
    } else if allows(caller.role, Permission::ReadOwnInvoices) {
        Ok(Scope::Own)
    } else {
        Err(Problem::forbidden(format!(
            "role {} may not read invoices",
            caller.role
        )))
    }
}

/// `forbidden` unless `scope` lets `person` read invoice `id` (an unknown id is `not-found`).
pub fn check_visible(
    ws: &Workspace,
    ctx: &Context<'_>,
    scope: Scope,
    person: &str,
    id: i64,
) -> Result<(), Problem> {
    match scope {
        Scope::All => Ok(()),
        Scope::Own if visibility::involves(ws, ctx, person, id)? => Ok(()),
        Scope::Own => Err(Problem::forbidden(format!(
            "invoice {id} has no step of {person} (nor of someone they stand in for)"
        ))),
    }
}

/// The query of `POST /v1/invoices`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct IntakeQuery {
    /// The received file's name (default `upload.xml`).
    #[param(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^/\\:\x00-\x1f\x7f-\x9f]+$"
    )]
    name: Option<String>,
}

/// `POST /v1/invoices?name=FILE.xml` with the document's bytes: screened, then imported as the
/// CLI does (duplicates recognised by bytes and by supplier, number and date). 201 when stored,
/// 200 for a duplicate.
#[utoipa::path(post, path = "/v1/invoices", tag = "invoices", params(IntakeQuery), request_body(content = String, content_type = "application/xml", description = "the document's bytes"), responses((status = 201, description = "stored", body = ImportDto), (status = 200, description = "a duplicate, not stored", body = ImportDto), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn intake(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<IntakeQuery>,
    body: Bytes,
) -> Result<Response, Problem> {
    caller.require(Permission::Intake)?;
    let name = q.name.unwrap_or_else(|| "upload.xml".to_string());
    let outcome = state
        .workspace(Some(caller.person_id), move |ws, ctx| {
            intake::screen(&name, &body)?;
            let mut outcomes = api_invoices::import_bytes(ws, ctx, vec![(name, body.to_vec())])?;
            outcomes
                .pop()
                .ok_or_else(|| Problem::internal("the import reported no outcome"))
        })
        .await?;
    let status = match outcome {
        ImportOutcome::Duplicate { .. } => StatusCode::OK,
        ImportOutcome::Unreadable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::CREATED,
    };
    Ok((status, Json(ImportDto::from(&outcome))).into_response())
}

/// The query of `GET /v1/invoices`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    /// States, comma-separated (`in-approval,returned`).
    #[param(
        pattern = "^ *(received|needs-action|unrouted|in-approval|returned|attested|rejected|disputed) *(, *(received|needs-action|unrouted|in-approval|returned|attested|rejected|disputed) *)*$"
    )]
    state: Option<String>,
    /// Text in supplier, supplier id, number or file name.
    q: Option<String>,
    /// `id`, `supplier`, `amount`, `due-date`, `attest-deadline` or `state`.
    #[param(pattern = "^(id|supplier|amount|due-date|attest-deadline|state)$")]
    sort: Option<String>,
    /// `asc` or `desc` (default `desc`).
    #[param(pattern = "^(asc|desc)$")]
    order: Option<String>,
    offset: Option<usize>,
    /// Rows per page, 1 to 500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    limit: Option<usize>,
}

impl ListParams {
    /// The core query, or a `validation` problem naming the bad parameter.
    fn to_query(&self) -> Result<ListQuery, Problem> {
        let states = match &self.state {
            None => Vec::new(),
            Some(s) => s
                .split(',')
                .map(|one| {
                    InvoiceState::parse(one.trim()).ok_or_else(|| {
                        Problem::validation(format!("state: unknown invoice state {one:?}"))
                    })
                })
                .collect::<Result<_, _>>()?,
        };
        let sort = match self.sort.as_deref() {
            None | Some("id") => SortBy::Id,
            Some("supplier") => SortBy::Supplier,
            Some("amount") => SortBy::Amount,
            Some("due-date") => SortBy::DueDate,
            Some("attest-deadline") => SortBy::AttestDeadline,
            Some("state") => SortBy::State,
            Some(other) => {
                return Err(Problem::validation(format!(
                    "sort: {other:?} is not id, supplier, amount, due-date, attest-deadline or \
                     state"
                )));
            }
        };
        let descending = match self.order.as_deref() {
            None | Some("desc") => true,
            Some("asc") => false,
            Some(other) => {
                return Err(Problem::validation(format!(
                    "order: {other:?} is not asc or desc"
                )));
            }
        };
        let limit = self.limit.unwrap_or(DEFAULT_PAGE_ROWS);
        if limit == 0 || limit > MAX_PAGE_ROWS {
            return Err(Problem::validation(format!(
                "limit: give 1 to {MAX_PAGE_ROWS} rows"
            )));
        }
        Ok(ListQuery {
            states,
            search: self.q.clone().filter(|s| !s.trim().is_empty()),
            sort,
            descending,
            offset: self.offset.unwrap_or(0),
            limit,
        })
    }
}

/// `GET /v1/invoices?state=&q=&sort=&order=&offset=&limit=`: every invoice for a clerk, manager
/// or admin; an attestant's own for an attestant.
#[utoipa::path(get, path = "/v1/invoices", tag = "invoices", params(ListParams), responses((status = 200, body = InvoicePageDto), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Query(params): Query<ListParams>,
) -> Result<Json<InvoicePageDto>, Problem> {
    let scope = scope(&caller)?;
    let query = params.to_query()?;
    let (offset, limit) = (query.offset, query.limit);
    let person = caller.person_id;
    let page = state
        .workspace(Some(person.clone()), move |ws, ctx| {
            Ok(match scope {
                Scope::All => api_invoices::list(ws, &query)?,
                Scope::Own => visibility::list_for(ws, ctx, &person, &query)?,
            })
        })
        .await?;
    Ok(Json(InvoicePageDto::invoices(&page, offset, limit)))
}

/// Parses an invoice id of a path.
pub fn invoice_id(text: &str) -> Result<i64, Problem> {
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| Problem::validation(format!("invoice id {text:?} is not a positive number")))
}

/// `GET /v1/invoices/{id}`: the invoice's whole story.
#[utoipa::path(get, path = "/v1/invoices/{id}", tag = "invoices", params(("id" = i64, Path, minimum = 1, description = "the invoice id")), responses((status = 200, body = InvoiceDetailDto), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<InvoiceDetailDto>, Problem> {
    let scope = scope(&caller)?;
    let id = invoice_id(&id)?;
    let person = caller.person_id;
    let view = state
        .workspace(Some(person.clone()), move |ws, ctx| {
            check_visible(ws, ctx, scope, &person, id)?;
            Ok(api_invoices::detail_by_id(ws, id)?)
        })
        .await?;
    Ok(Json(InvoiceDetailDto::from(&view)))
}

/// `GET /v1/invoices/{id}/original`: the document as received, byte for byte, with its SHA-256
/// in `Digest`-style header `X-Content-SHA256`.
#[utoipa::path(get, path = "/v1/invoices/{id}/original", tag = "invoices", params(("id" = i64, Path, minimum = 1, description = "the invoice id")), responses((status = 200, description = "the document as received", content_type = "application/xml", body = String), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn original(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let scope = scope(&caller)?;
    let id = invoice_id(&id)?;
    let person = caller.person_id;
    let orig = state
        .workspace(Some(person.clone()), move |ws, ctx| {
            check_visible(ws, ctx, scope, &person, id)?;
            Ok(api_invoices::original(ws, id)?)
        })
        .await?;
    let mut response = (StatusCode::OK, orig.bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/xml"),
    );
    if let Ok(v) = HeaderValue::from_str(&orig.sha256) {
        headers.insert("x-content-sha256", v);
    }
    let safe: String = orig
        .name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// `GET /v1/stats/invoices`: invoices per state with their sums (no single invoice).
#[utoipa::path(get, path = "/v1/stats/invoices", tag = "invoices", responses((status = 200, body = Vec<StateTotalDto>), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn stats(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<StateTotalDto>>, Problem> {
    caller.require(Permission::Aggregates)?;
    let totals = state
        .workspace(None, |ws, _| Ok(overview::by_state(ws)?))
        .await?;
    Ok(Json(totals.iter().map(StateTotalDto::from).collect()))
}
