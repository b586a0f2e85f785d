//! The OpenAPI document, generated from the handlers' `#[utoipa::path]` annotations and the DTOs'
//! schemas, served at `GET /v1/openapi.json`. A route that is not listed here is missing from
//! the document (the route test compares both).

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes::{approval, audit, devices, invoices, meta, rules, session, sync};

/// The document.
#[derive(Debug, OpenApi)]
#[openapi(
    info(
        title = "Digilyft shared-services server",
        description = "One municipality's supplier invoices, attestförteckning and audit log. \
                       Every error is application/problem+json with a stable code."
    ),
    paths(
        meta::health,
        meta::meta,
        session::login,
        session::refresh,
        invoices::intake,
        invoices::list,
        invoices::detail,
        invoices::original,
        invoices::stats,
        approval::inbox,
        approval::decide,
        approval::kontering,
        approval::resolve,
        rules::upload,
        rules::diff,
        rules::activate,
        rules::versions,
        audit::head,
        audit::verify,
        sync::snapshot,
        sync::bootstrap,
        sync::changes,
        sync::push,
        sync::mutation,
        sync::watermark,
        audit::ledger,
        devices::enrol,
        devices::list,
        devices::revoke,
    ),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// Adds the bearer-token security scheme the routes name.
#[derive(Debug)]
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// `GET /v1/openapi.json`.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
