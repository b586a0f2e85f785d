//! The routes, one module per area, each handler thin over one `core::api` call: authenticate
//! (the [`crate::auth::Caller`] extractor), check the role, run the call on the workspace as the
//! caller's person, convert the view to its DTO.
//!
//! | route | roles |
//! |---|---|
//! | `GET /health`, `GET /v1/meta`, `GET /v1/openapi.json` | anyone |
//! | `POST /v1/auth/login`, `POST /v1/auth/refresh` | anyone (with credentials) |
//! | `POST /v1/invoices` | clerk, admin |
//! | `GET /v1/invoices`, `…/{id}`, `…/{id}/original` | clerk, manager, admin: all; attestant: their own |
//! | `GET /v1/inbox` | clerk, attestant, manager |
//! | `POST /v1/decisions` | attestant, manager |
//! | `PUT /v1/invoices/{id}/kontering` | clerk, manager; attestant on their own |
//! | `POST /v1/invoices/{id}/resolve` | clerk, manager |
//! | `GET/POST /v1/rules`, `POST /v1/rules/diff`, `POST /v1/rules/{version}/activate` | admin |
//! | `GET /v1/audit/head` | every role |
//! | `GET /v1/audit/verify`, `GET /v1/audit/ledger` | admin |
//! | `GET /v1/stats/invoices` | analyst, manager, admin |
//! | `GET /v1/sync/snapshot` (`/bootstrap`), `…/changes`, `…/mutations/{id}`, `…/devices/{id}/watermark` | clerk, attestant, manager, admin (each their own scope) |
//! | `POST /v1/sync/mutations` | attestant, manager (decisions); clerk (kontering only) |
//! | `POST /v1/devices`, `GET /v1/devices` | every role (an admin lists every device, others their own) |
//! | `POST /v1/devices/{id}/revoke` | admin |

pub mod approval;
pub mod audit;
pub mod devices;
pub mod invoices;
pub mod meta;
pub mod rules;
pub mod session;
pub mod sync;

use axum::Router;
use axum::routing::{get, post, put};

use crate::state::AppState;

/// Every route of the server.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(meta::health))
        .route("/v1/meta", get(meta::meta))
        .route("/v1/openapi.json", get(crate::openapi::document))
        .route("/v1/auth/login", post(session::login))
        .route("/v1/auth/refresh", post(session::refresh))
        .route("/v1/invoices", post(invoices::intake).get(invoices::list))
        .route("/v1/invoices/{id}", get(invoices::detail))
        .route("/v1/invoices/{id}/original", get(invoices::original))
        .route("/v1/invoices/{id}/kontering", put(approval::kontering))
        .route("/v1/invoices/{id}/resolve", post(approval::resolve))
        .route("/v1/inbox", get(approval::inbox))
        .route("/v1/decisions", post(approval::decide))
        .route("/v1/rules", get(rules::versions).post(rules::upload))
        .route("/v1/rules/diff", post(rules::diff))
        .route("/v1/rules/{version}/activate", post(rules::activate))
        .route("/v1/audit/head", get(audit::head))
        .route("/v1/audit/verify", get(audit::verify))
        .route("/v1/audit/ledger", get(audit::ledger))
        .route("/v1/stats/invoices", get(invoices::stats))
        .route("/v1/sync/snapshot", get(sync::snapshot))
        .route("/v1/sync/bootstrap", get(sync::bootstrap))
        .route("/v1/sync/changes", get(sync::changes))
        .route("/v1/sync/mutations", post(sync::push))
        .route("/v1/sync/mutations/{id}", get(sync::mutation))
        .route("/v1/sync/devices/{id}/watermark", get(sync::watermark))
        .route("/v1/devices", post(devices::enrol).get(devices::list))
        .route("/v1/devices/{id}/revoke", post(devices::revoke))
}
