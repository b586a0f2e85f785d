//! `GET /health` and `GET /v1/meta`: liveness, versions, limits and the server's time.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::auth::{ACCESS_TTL_SECS, REFRESH_TTL_SECS};
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
}

/// `GET /v1/meta`.
#[utoipa::path(get, path = "/v1/meta", tag = "meta", responses((status = 200, body = Meta)))]
pub async fn meta(State(state): State<AppState>) -> Json<Meta> {
    let l = state.limits();
    Json(Meta {
        server_version: env!("CARGO_PKG_VERSION"),
        api_version: "1",
        server_time: state.now(),
        database: "sqlite",
        limits: LimitsDto {
            max_body_bytes: l.max_body_bytes,
            request_timeout_secs: l.request_timeout.as_secs(),
            max_concurrent_requests: l.max_concurrent,
            access_token_secs: ACCESS_TTL_SECS,
            refresh_token_secs: REFRESH_TTL_SECS,
            max_page_rows: super::invoices::MAX_PAGE_ROWS,
        },
    })
}
