//! Errors as `application/problem+json` (RFC 9457), carrying the stable code of `core::api`.
//!
//! Every error response the server sends goes through [`Problem`]: a handler's `ApiError` is
//! converted by [`Problem::from`], the server's own refusals (no token, throttled) are built here,
//! and [`bare_errors_as_problems`] turns the plain-text error responses of the framework and of
//! the tower layers (unknown route, wrong method, oversized body, timeout, malformed JSON) into
//! the same shape. A client therefore switches on `code`, never on the message or the status
//! alone.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use digilyft_core::api::{ApiError, ErrorCode, Fault};
use serde::Serialize;

/// The media type of a problem document.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Largest framework error text carried over into a problem's `detail`.
const MAX_DETAIL: usize = 2048;

/// An error response: HTTP status, stable code, a sentence for people and the individual faults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The HTTP status.
    pub status: StatusCode,
    /// The stable code: one of `core::api`'s or the server's own (`unauthenticated`,
    /// `throttled`, `too-large`, `timeout`, `method-not-allowed`).
    pub code: &'static str,
    /// What went wrong, naming the thing concerned.
    pub detail: String,
    /// The individual problems (every bad cell, every refusing rule).
    pub faults: Vec<Fault>,
    /// Seconds until a throttled client may try again.
    pub retry_after: Option<u64>,
    /// Extension members of RFC 9457 §3.2 (a 410's current `epoch`, the `supported` sync
    /// protocols).
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The HTTP status of each `core::api` code: the one table.
pub fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::Validation => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::Conflict | ErrorCode::Precondition => StatusCode::CONFLICT,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::Io | ErrorCode::Corrupt | ErrorCode::Internal => {
            StatusCode::INTERNAL_SERVER_ERROR
        }
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl From<ApiError> for Problem {
    fn from(e: ApiError) -> Self {
        Problem {
            status: status_of(e.code),
            code: e.code.as_str(),
            detail: e.message,
            faults: e.faults,
            retry_after: None,
            extra: serde_json::Map::new(),
        }
    }
}

impl Problem {
    /// A problem of `status` with the server's own `code`.
    pub fn new(status: StatusCode, code: &'static str, detail: impl Into<String>) -> Self {
        Problem {
            status,
            code,
            detail: detail.into(),
            faults: Vec::new(),
            retry_after: None,
            extra: serde_json::Map::new(),
        }
    }

    /// This problem with the extension member `key`.
    pub fn with(mut self, key: &str, value: serde_json::Value) -> Self {
        self.extra.insert(key.to_string(), value);
        self
    }

    /// `validation` (422): the request cannot be used as it is.
    pub fn validation(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, "validation", detail)
    }

    /// `forbidden` (403): the caller's role does not allow this.
    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", detail)
    }

    /// `not-found` (404).
    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not-found", detail)
    }

    /// `unauthenticated` (401): no valid token.
    pub fn unauthenticated(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthenticated", detail)
    }

    /// `internal` (500): a bug or a broken invariant on our side.
    pub fn internal(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", detail)
    }
}

/// The JSON body of a problem (RFC 9457 members plus `code` and `faults`).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProblemBody<'a> {
    /// `urn:digilyft:problem:CODE`.
    #[serde(rename = "type")]
    kind: String,
    /// The status's reason phrase.
    title: &'a str,
    /// The HTTP status.
    status: u16,
    /// The stable code a client switches on.
    code: &'a str,
    /// What went wrong, for people.
    detail: &'a str,
    /// The individual problems (may be empty).
    faults: Vec<FaultBody<'a>>,
    /// Extension members (e.g. `epoch` on a 410).
    #[serde(flatten)]
    #[schema(value_type = Object)]
    extra: &'a serde_json::Map<String, serde_json::Value>,
}

/// One fault in a problem body; absent places are left out.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FaultBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    /// The stable code of the rule that refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'a str>,
    warning: bool,
    message: &'a str,
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            tracing::error!(code = self.code, "{}", self.detail);
        }
        let body = ProblemBody {
            kind: format!("urn:digilyft:problem:{}", self.code),
            title: self.status.canonical_reason().unwrap_or("Error"),
            status: self.status.as_u16(),
            code: self.code,
            detail: &self.detail,
            faults: self
                .faults
                .iter()
                .map(|f| FaultBody {
                    file: f.file.as_deref(),
                    sheet: f.sheet.as_deref(),
                    cell: f.cell.as_deref(),
                    field: f.field.as_deref(),
                    rule: f.rule.as_deref(),
                    warning: f.warning,
                    message: &f.message,
                })
                .collect(),
            extra: &self.extra,
        };
        let bytes = serde_json::to_vec(&body).unwrap_or_else(|_| b"{}".to_vec());
        let mut response = (self.status, bytes).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if let Some(secs) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// The server's code for an error status that did not come with a problem body.
fn code_of_status(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 | 415 | 422 => "validation",
        401 => "unauthenticated",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        408 => "timeout",
        409 => "conflict",
        413 => "too-large",
        429 => "throttled",
        _ => "internal",
    }
}

/// Middleware: an error response (4xx/5xx) that is not a problem document already becomes one,
/// its plain text (a JSON rejection's explanation, say) kept as the detail.
pub async fn bare_errors_as_problems(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if !(status.is_client_error() || status.is_server_error()) || is_problem {
        return response;
    }
    let text = match axum::body::to_bytes(response.into_body(), MAX_DETAIL).await {
        Ok(b) => String::from_utf8_lossy(&b).trim().to_string(),
        Err(_) => String::new(),
    };
    let detail = if text.is_empty() {
        status.canonical_reason().unwrap_or("error").to_string()
    } else {
        text
    };
    Problem::new(status, code_of_status(status), detail).into_response()
}

/// A problem for a request whose path matched no route.
pub async fn no_such_route(req: Request<Body>) -> Problem {
    Problem::not_found(format!("no route {} {}", req.method(), req.uri().path()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_api_code_has_its_status() {
        let table = [
            (ErrorCode::Validation, 422),
            (ErrorCode::NotFound, 404),
            (ErrorCode::Conflict, 409),
            (ErrorCode::Precondition, 409),
            (ErrorCode::Forbidden, 403),
            (ErrorCode::Io, 500),
            (ErrorCode::Corrupt, 500),
            (ErrorCode::Internal, 500),
        ];
        for (code, status) in table {
            assert_eq!(status_of(code).as_u16(), status, "{code}");
            let p = Problem::from(ApiError::new(code, "x"));
            assert_eq!((p.code, p.status.as_u16()), (code.as_str(), status));
        }
    }
}
