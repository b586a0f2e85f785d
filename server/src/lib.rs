//! `digilyft-server`: the shared-services REST server of one municipality (axum over
//! `digilyft_core::api`).
//!
//! [`app`] builds the router over an [`AppState`]: the routes of [`routes`], each thin over one
//! `core::api` call; authentication and the role check at the edge ([`auth`]); every error as
//! `application/problem+json` ([`problem`]); request tracing, a timeout, a body limit and a
//! concurrency limit around all of it. `main.rs` only reads the configuration ([`config`]),
//! opens the stores and serves.
//!
//! A request that outlives the timeout is answered `timeout` (408), but a `core::api` call
//! already running on its blocking thread still completes: decisions are idempotent by their id,
//! so a client retries with the same id and learns the first outcome.
//!
//! This is the only crate that knows HTTP serving. It holds no business rule: what may be
//! decided, coded or resolved is judged by core under the rule set in force; the server decides
//! only who is calling and which routes their role reaches.

pub mod account_store;
pub mod auth;
pub mod config;
#[cfg(feature = "failpoints")]
pub mod failpoints;
pub mod json;
pub mod openapi;
pub mod pg_schema;
pub mod problem;
pub mod routes;
pub mod state;
pub mod tls;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use tower::ServiceBuilder;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use state::AppState;

/// The router with every route and the layers around it.
pub fn app(state: AppState) -> Router {
    let limits = state.limits();
    routes::router()
        .fallback(problem::no_such_route)
        .layer(DefaultBodyLimit::max(limits.max_body_bytes))
        .layer(
            ServiceBuilder::new()
                .layer(RequestBodyLimitLayer::new(limits.max_body_bytes))
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::REQUEST_TIMEOUT,
                    limits.request_timeout,
                ))
                .layer(GlobalConcurrencyLimitLayer::new(limits.max_concurrent)),
        )
        .layer(axum::middleware::from_fn(problem::bare_errors_as_problems))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
