//! `GET /health` and `GET /v1/meta`: liveness, versions, limits and the server's time.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Serialize;

use digilyft_core::api::sync::{self, wire};

use crate::auth::{ACCESS_TTL_SECS, REFRESH_TTL_SECS};
use crate::problem::Problem;
use crate::state::AppState;

/// What `GET /health` answers.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Health {
    status: &'static str,
    version: &'static str,
}

/// `GET /health`.
#[utoipa::path(get, path = "/health", tag = "meta", responses((status = 200, body = Health)))]
pub async fn health() -> Json<Health> {
    Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
    })
}

/// What `GET /v1/meta` answers.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Meta {
    server_version: &'static str,
    api_version: &'static str,
    server_time: DateTime<Utc>,
    database: &'static str,
    /// The sync epoch: a client whose cursor is of another epoch rebuilds its mirror.
    epoch: String,
    /// The `Sync-Protocol` versions this server speaks.
    sync_protocols: Vec<u32>,
    limits: LimitsDto,
}

/// The limits a client must stay within.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LimitsDto {
    max_body_bytes: usize,
    request_timeout_secs: u64,
    max_concurrent_requests: usize,
    access_token_secs: i64,
    refresh_token_secs: i64,
    max_page_rows: usize,
    /// Most mutations in one sync push.
    sync_max_batch: usize,
    /// Largest sync push body in bytes.
    sync_max_batch_bytes: usize,
    /// Most change rows one pull returns.
    sync_max_changes: usize,
    /// Longest long-poll `wait` in seconds.
    sync_max_wait_secs: u64,
    /// Longest offline window of a decision, in days (older ones are EXPIRED).
    sync_max_offline_days: i64,
}

/// `GET /v1/meta`.
#[utoipa::path(get, path = "/v1/meta", tag = "meta", responses((status = 200, body = Meta), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")))]
pub async fn meta(State(state): State<AppState>) -> Result<Json<Meta>, Problem> {
    let l = state.limits();
    let (epoch, max_offline_days) = state
        .workspace(None, |ws, _| {
            Ok((sync::epoch(ws)?, sync::max_offline_days(ws)))
        })
        .await?;
    Ok(Json(Meta {
        server_version: env!("CARGO_PKG_VERSION"),
        api_version: "1",
        server_time: state.now(),
        database: "sqlite",
        epoch,
        sync_protocols: wire::PROTOCOLS.to_vec(),
        limits: LimitsDto {
            max_body_bytes: l.max_body_bytes,
            request_timeout_secs: l.request_timeout.as_secs(),
            max_concurrent_requests: l.max_concurrent,
            access_token_secs: ACCESS_TTL_SECS,
            refresh_token_secs: REFRESH_TTL_SECS,
            max_page_rows: super::invoices::MAX_PAGE_ROWS,
            sync_max_batch: wire::MAX_BATCH,
            sync_max_batch_bytes: wire::MAX_BATCH_BYTES,
            sync_max_changes: wire::MAX_CHANGES,
            sync_max_wait_secs: super::sync::max_wait(&state).as_secs(),
            sync_max_offline_days: max_offline_days,
        },
    }))
}
