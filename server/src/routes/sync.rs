//! Offline sync (`docs/sync-protocol.md`, protocol 1): snapshot, changes with long-poll, push,
//! one mutation's outcome, a device's watermark. Each handler is thin over `core::api::sync`:
//! the scope of a pull and the actor of a push are the caller's account, never a request field;
//! every mutation is judged by core under the rule set in force.
//!
//! * Every response is per user: `Cache-Control: no-store`.
//! * `Sync-Protocol` other than 1 → 400 `unsupported-protocol` (with `supported`).
//! * A cursor of another epoch, beyond retention or ahead of the head → 410 with `epoch`.
//! * A push over 100 mutations or 1 MiB → 413 `too-large`; a body that is no batch → 400.
//! * Long-poll: `wait` seconds (at most [`max_wait`]), woken by the head published after each
//!   workspace call ([`AppState::heads`]).
//!
//! `device_id` is the body's, and must be a device enrolled for the caller and not revoked
//! ([`crate::auth::check_device`]).

use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use digilyft_core::api::sync::{self, Pull, Rights, wire};
use serde::{Deserialize, Serialize};

use crate::auth::{Caller, Permission, allows};
use crate::problem::Problem;
use crate::state::AppState;

/// The request header naming the sync protocol version.
pub const PROTOCOL_HEADER: &str = "sync-protocol";

/// The longest long-poll this server holds: [`wire::MAX_WAIT_SECS`], and always a little under
/// the request timeout so the timeout layer never answers a poll.
pub fn max_wait(state: &AppState) -> Duration {
    let timeout = state.limits().request_timeout;
    Duration::from_secs(wire::MAX_WAIT_SECS).min(timeout.saturating_sub(Duration::from_secs(2)))
}

/// `unsupported-protocol` unless the request speaks a protocol this server knows (a request
/// without the header speaks 1).
fn protocol(headers: &HeaderMap) -> Result<(), Problem> {
    let Some(v) = headers.get(PROTOCOL_HEADER) else {
        return Ok(());
    };
    let ok = v
        .to_str()
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok())
        .is_some_and(|n| wire::PROTOCOLS.contains(&n));
    if ok {
        return Ok(());
    }
    Err(Problem::new(
        StatusCode::BAD_REQUEST,
        "unsupported-protocol",
        format!(
            "Sync-Protocol {:?} is not supported; this server speaks {:?}: update Digilyft (your queued changes are kept)",
            String::from_utf8_lossy(v.as_bytes()),
            wire::PROTOCOLS
        ),
    )
    .with("supported", serde_json::json!(wire::PROTOCOLS)))
}

/// The roles that pull: those that read invoices (all or their own).
fn require_pull(caller: &Caller) -> Result<(), Problem> {
    if allows(caller.role, Permission::ReadAllInvoices)
        || allows(caller.role, Permission::ReadOwnInvoices)
    {
        return Ok(());
    }
    Err(Problem::forbidden(format!(
        "role {} does not sync invoices",
        caller.role
    )))
}

fn sync_caller(caller: &Caller) -> sync::Caller {
    sync::Caller {
        person: caller.person_id.clone(),
        role: caller.role.as_str().to_string(),
    }
}

/// A JSON response that no cache keeps.
fn no_store<T: Serialize>(status: StatusCode, body: &T) -> Response {
    let mut r = (status, Json(body)).into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

const PROBLEMS: &str = "a problem: the stable `code`, a `detail` and the `faults`";

/// `GET /v1/sync/snapshot` (alias `/v1/sync/bootstrap`): every entity in the caller's scope and
/// `cursor_at_start`, read in one read transaction.
#[utoipa::path(get, path = "/v1/sync/snapshot", tag = "sync", responses((status = 200, description = "`{epoch, cursor_at_start, server_time, rows}` (docs/sync-protocol.md §3)", content_type = "application/json"), (status = "4XX", description = PROBLEMS, body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn snapshot(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    protocol(&headers)?;
    require_pull(&caller)?;
    let who = sync_caller(&caller);
    let snap = state
        .workspace(None, move |ws, ctx| Ok(sync::snapshot(ws, ctx, &who)?))
        .await?;
    Ok(no_store(StatusCode::OK, &snap))
}

/// `GET /v1/sync/bootstrap`: the same as `/v1/sync/snapshot`.
#[utoipa::path(get, path = "/v1/sync/bootstrap", tag = "sync", responses((status = 200, description = "as `/v1/sync/snapshot`", content_type = "application/json"), (status = "4XX", description = PROBLEMS, body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn bootstrap(
    state: State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    snapshot(state, caller, headers).await
}

/// The query of `GET /v1/sync/changes`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangesQuery {
    /// The cursor `"<epoch>:<seq>"` (from the snapshot or the last `next_cursor`).
    since: String,
    /// Most rows (1–1000, default 500).
    limit: Option<usize>,
    /// Seconds to wait for a change when there is none (0–30, default 0).
    wait: Option<u64>,
    /// Ignored: the scope is always the caller's.
    #[allow(dead_code)]
    scope: Option<String>,
}

/// `GET /v1/sync/changes?since=&limit=&wait=`: the caller's change rows after the cursor, held
/// up to `wait` seconds while there are none.
#[utoipa::path(get, path = "/v1/sync/changes", tag = "sync", params(ChangesQuery), responses((status = 200, description = "`{changes, next_cursor, has_more, server_time}` (docs/sync-protocol.md §4)", content_type = "application/json"), (status = 410, description = "`epoch-changed` or `cursor-expired`, with the current `epoch`: rebuild from the snapshot", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "4XX", description = PROBLEMS, body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn changes(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Query(q): Query<ChangesQuery>,
) -> Result<Response, Problem> {
    protocol(&headers)?;
    require_pull(&caller)?;
    let who = sync_caller(&caller);
    let wait = Duration::from_secs(q.wait.unwrap_or(0)).min(max_wait(&state));
    let deadline = tokio::time::Instant::now() + wait;
    let limit = q.limit.unwrap_or(wire::DEFAULT_CHANGES);
    let mut since = q.since;
    let mut heads = state.heads();
    loop {
        heads.borrow_and_update();
        let (who2, since2) = (who.clone(), since.clone());
        let pull = state
            .workspace(None, move |ws, ctx| {
                Ok(sync::changes(ws, ctx, &who2, &since2, limit)?)
            })
            .await?;
        let page = match pull {
            Pull::Gone {
                code,
                message,
                epoch,
            } => {
                return Err(Problem::new(StatusCode::GONE, code, message)
                    .with("epoch", serde_json::json!(epoch)));
            }
            Pull::Changes(page) => page,
        };
        let now = tokio::time::Instant::now();
        if !page.changes.is_empty() || now >= deadline {
            return Ok(no_store(StatusCode::OK, &page));
        }
        // Nothing of ours yet: skip past other audiences' rows, wait for the next commit.
        since = page.next_cursor.clone();
        match tokio::time::timeout(deadline - now, heads.changed()).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) | Err(_) => return Ok(no_store(StatusCode::OK, &page)),
        }
    }
}

/// `POST /v1/sync/mutations`: a device's batch, each mutation in its own transaction, per-item
/// outcomes in a 200.
#[utoipa::path(post, path = "/v1/sync/mutations", tag = "sync", request_body(content = String, content_type = "application/json", description = "`{device_id, batch_id, mutations: [...]}` (docs/sync-protocol.md §5)"), responses((status = 200, description = "`{epoch, device_high_water, results}`", content_type = "application/json"), (status = 413, description = "more than 100 mutations or 1 MiB: split the batch", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "4XX", description = PROBLEMS, body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side: retry the batch (recorded items answer `replayed`)", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn push(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Problem> {
    protocol(&headers)?;
    let rights = Rights {
        decide: allows(caller.role, Permission::Decide),
        kontering: allows(caller.role, Permission::Kontering),
    };
    if !(rights.decide || rights.kontering) {
        return Err(Problem::forbidden(format!(
            "role {} sends no mutations",
            caller.role
        )));
    }
    let too_large = |what: String| {
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            format!("{what}: split the batch"),
        )
    };
    if body.len() > wire::MAX_BATCH_BYTES {
        return Err(too_large(format!(
            "the batch is {} bytes, at most {} are accepted",
            body.len(),
            wire::MAX_BATCH_BYTES
        )));
    }
    let batch: wire::PushRequest = serde_json::from_slice(&body).map_err(|e| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "validation",
            format!("the body is not a sync batch {{device_id, mutations}}: {e}"),
        )
    })?;
    if batch.mutations.len() > wire::MAX_BATCH {
        return Err(too_large(format!(
            "the batch holds {} mutations, at most {} are accepted",
            batch.mutations.len(),
            wire::MAX_BATCH
        )));
    }
    let device = batch.device_id.clone();
    // The device must be enrolled for the caller's account and not revoked (403 otherwise):
    // a mutation names the device whose watermark it advances.
    // (A device id that is no UUID at all is refused by core as `validation`; a device named
    // by the `Device-Id` header too was checked already, with the token.)
    let checked_with_token = headers
        .get(crate::auth::DEVICE_HEADER)
        .and_then(|v| v.to_str().ok())
        == Some(device.as_str());
    if !checked_with_token && uuid::Uuid::parse_str(&device).is_ok() {
        let (caller, device) = (caller.clone(), device.clone());
        state
            .accounts(move |store, _, _| Ok(crate::auth::check_device(store, &caller, &device)?))
            .await?;
    }
    tracing::info!(
        device = %device,
        batch = batch.batch_id.as_deref().unwrap_or(""),
        mutations = batch.mutations.len(),
        "sync push"
    );
    #[cfg(feature = "failpoints")]
    let failpoints = state.failpoints();
    let reply = state
        .workspace(Some(caller.person_id), move |ws, ctx| {
            #[cfg(feature = "failpoints")]
            return Ok(failpoints.push(ws, ctx, &device, &batch, rights)?);
            #[cfg(not(feature = "failpoints"))]
            Ok(sync::push(ws, ctx, &device, &batch, rights)?)
        })
        .await?;
    Ok(no_store(StatusCode::OK, &reply))
}

/// `GET /v1/sync/mutations/{id}`: the recorded result of one of the caller's mutations (after
/// a lost response); 404 when never received.
#[utoipa::path(get, path = "/v1/sync/mutations/{id}", tag = "sync", params(("id" = String, Path, description = "the mutation id")), responses((status = 200, description = "one result item (docs/sync-protocol.md §7)", content_type = "application/json"), (status = "4XX", description = PROBLEMS, body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn mutation(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    protocol(&headers)?;
    require_pull(&caller)?;
    let who = sync_caller(&caller);
    let r = state
        .workspace(None, move |ws, _| Ok(sync::mutation(ws, &who, &id)?))
        .await?;
    Ok(no_store(StatusCode::OK, &r))
}

/// `GET /v1/sync/devices/{id}/watermark`: the highest contiguous device seq stored for the
/// caller's mutations from that device, and the epoch.
#[utoipa::path(get, path = "/v1/sync/devices/{id}/watermark", tag = "sync", params(("id" = String, Path, description = "the device id (UUID)")), responses((status = 200, description = "`{device_id, epoch, device_high_water}` (docs/sync-protocol.md §8)", content_type = "application/json"), (status = "4XX", description = PROBLEMS, body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn watermark(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    protocol(&headers)?;
    require_pull(&caller)?;
    let who = sync_caller(&caller);
    let r = state
        .workspace(None, move |ws, _| Ok(sync::watermark(ws, &who, &id)?))
        .await?;
    Ok(no_store(StatusCode::OK, &r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Role;

    /// Core's audience keys give the roles that read every invoice the whole log: the same
    /// roles as this server's `ReadAllInvoices` row.
    #[test]
    fn the_roles_that_see_every_invoice_agree_with_core() {
        for role in Role::ALL {
            assert_eq!(
                allows(role, Permission::ReadAllInvoices),
                digilyft_core::api::sync::ALL_INVOICE_ROLES.contains(&role.as_str()),
                "{role}"
            );
        }
    }

    #[test]
    fn only_protocol_1_or_no_header_is_spoken() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(PROTOCOL_HEADER, HeaderValue::from_str(v).expect("header"));
            h
        };
        assert!(protocol(&HeaderMap::new()).is_ok());
        assert!(protocol(&with("1")).is_ok());
        for bad in ["0", "2", "x", "1.1"] {
            let p = protocol(&with(bad)).expect_err(bad);
            assert_eq!((p.status.as_u16(), p.code), (400, "unsupported-protocol"));
        }
    }
}
