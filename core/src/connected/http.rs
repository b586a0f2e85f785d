//! The HTTP transport to the shared server: ureq 3 with rustls, blocking, no async runtime.
//!
//! Every status is an answer here (`http_status_as_error(false)`), so problem+json bodies of 4xx
//! and 5xx are read; only a failure to get any answer (refused connection, timeout, a body cut
//! off) is a [`TransportError`], which the caller retries. The global timeout is set above the
//! longest long-poll wait the client asks for.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::backoff::parse_retry_after;

/// The sync protocol version this client speaks (`Sync-Protocol` header).
pub const SYNC_PROTOCOL: &str = "1";

/// The largest response body read (an original invoice document can be large).
const MAX_BODY: u64 = 64 * 1024 * 1024;

/// No answer from the server (retryable).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{url}: {message}")]
pub struct TransportError {
    /// The URL asked.
    pub url: String,
    /// What went wrong (connection refused, timed out, body cut off, …).
    pub message: String,
}

/// One HTTP answer.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// The body.
    pub body: Vec<u8>,
    /// The `Date` header.
    pub date: Option<DateTime<Utc>>,
    /// The `Retry-After` header, relative to the time it arrived.
    pub retry_after: Option<Duration>,
}

impl Reply {
    /// The problem+json `code` of an error answer, if the body has one.
    pub fn problem_code(&self) -> Option<String> {
        let v: serde_json::Value = serde_json::from_slice(&self.body).ok()?;
        v.get("code")?.as_str().map(str::to_string)
    }

    /// A short description for logs and the outbox's `last_error`.
    pub fn describe(&self) -> String {
        let v: Option<serde_json::Value> = serde_json::from_slice(&self.body).ok();
        let detail = v.as_ref().and_then(|v| {
            v.get("detail")
                .or_else(|| v.get("title"))
                .and_then(|d| d.as_str())
                .map(str::to_string)
        });
        match (self.problem_code(), detail) {
            (Some(c), Some(d)) => format!("HTTP {} {c}: {d}", self.status),
            (Some(c), None) => format!("HTTP {} {c}", self.status),
            (None, Some(d)) => format!("HTTP {}: {d}", self.status),
            (None, None) => format!("HTTP {}", self.status),
        }
    }
}

/// A client for one server base URL.
#[derive(Debug, Clone)]
pub struct Http {
    agent: ureq::Agent,
    base: String,
    device: Option<String>,
}

impl Http {
    /// A client for `base` (e.g. `http://127.0.0.1:8080`) with `timeout` per request, which must
    /// exceed the longest long-poll `wait` used.
    pub fn new(base: &str, timeout: Duration) -> Http {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(timeout))
            .timeout_connect(Some(Duration::from_secs(10)))
            .max_redirects(0)
            .user_agent(concat!("digilyft/", env!("CARGO_PKG_VERSION")))
            .build();
        Http {
            agent: config.into(),
            base: base.trim_end_matches('/').to_string(),
            device: None,
        }
    }

    /// The same client naming this device in every request (`Device-Id`), so the server can
    /// refuse a revoked device.
    pub fn for_device(mut self, device_id: &str) -> Http {
        self.device = Some(device_id.to_string());
        self
    }

    /// The base URL.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// `GET path` (path and query, starting with `/`).
    pub fn get(&self, path: &str, bearer: Option<&str>) -> Result<Reply, TransportError> {
        let url = format!("{}{path}", self.base);
        let mut req = self
            .agent
            .get(&url)
            .header("Sync-Protocol", SYNC_PROTOCOL)
            .header("Accept", "application/json");
        if let Some(token) = bearer {
            req = req.header("Authorization", &format!("Bearer {token}"));
        }
        if let Some(d) = &self.device {
            req = req.header("Device-Id", d);
        }
        read(&url, req.call())
    }

    /// `POST path` with a JSON body.
    pub fn post(
        &self,
        path: &str,
        bearer: Option<&str>,
        json: &[u8],
    ) -> Result<Reply, TransportError> {
        let url = format!("{}{path}", self.base);
        let mut req = self
            .agent
            .post(&url)
            .header("Sync-Protocol", SYNC_PROTOCOL)
            .header("Accept", "application/json")
            .content_type("application/json");
        if let Some(token) = bearer {
            req = req.header("Authorization", &format!("Bearer {token}"));
        }
        if let Some(d) = &self.device {
            req = req.header("Device-Id", d);
        }
        read(&url, req.send(json))
    }
}

fn read(
    url: &str,
    answer: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
) -> Result<Reply, TransportError> {
    let fail = |e: ureq::Error| TransportError {
        url: url.to_string(),
        message: e.to_string(),
    };
    let mut resp = answer.map_err(fail)?;
    let status = resp.status().as_u16();
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let date = header("date")
        .and_then(|d| DateTime::parse_from_rfc2822(&d).ok())
        .map(|d| d.with_timezone(&Utc));
    let retry_after = header("retry-after")
        .and_then(|v| parse_retry_after(&v, date.unwrap_or(DateTime::<Utc>::MIN_UTC)));
    let body = resp
        .body_mut()
        .with_config()
        .limit(MAX_BODY)
        .read_to_vec()
        .map_err(fail)?;
    Ok(Reply {
        status,
        body,
        date,
        retry_after,
    })
}
