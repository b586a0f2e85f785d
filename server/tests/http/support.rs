//! The harness: an app over in-memory stores with one account per role, a clock the tests move,
//! and request helpers that return status, headers and parsed JSON.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use chrono::{DateTime, Utc};
use digilyft_core::api::{Clock, FixedClock, Workspace};
use digilyft_server::account_store::AccountStore;
use digilyft_server::auth::{Role, add_account};
use digilyft_server::config::Limits;
use digilyft_server::{AppState, app};
use serde_json::Value;
use tower::ServiceExt;

/// The password of every test account.
pub const PASSWORD: &str = "correct horse battery staple";

/// The body limit of the harness (small, so the oversized-body test stays cheap).
pub const MAX_BODY: usize = 256 * 1024;

/// A clock shared between the test and the server.
#[derive(Debug, Clone)]
pub struct SharedClock(pub Arc<FixedClock>);

impl Clock for SharedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0.now()
    }
}

/// The app under test.
pub struct Harness {
    pub app: Router,
    pub clock: SharedClock,
    pub state: AppState,
}

/// The account name and person of each role in the harness.
pub fn account_of(role: Role) -> (&'static str, &'static str) {
    match role {
        Role::Clerk => ("clerk", "u900"),
        Role::Attestant => ("attestant", "u230"),
        Role::Manager => ("manager", "u200"),
        Role::Analyst => ("analyst", "u901"),
        Role::Admin => ("admin", "u300"),
    }
}

/// A response: status, headers and the body (JSON when it parses, else `Value::Null`) and its
/// bytes.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub json: Value,
    pub bytes: Vec<u8>,
}

impl Reply {
    /// The problem's `code`, asserting the problem+json media type.
    pub fn problem_code(&self) -> String {
        let ct = self
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert_eq!(
            ct, "application/problem+json",
            "{} {}",
            self.status, self.json
        );
        assert_eq!(
            self.json["status"].as_u64(),
            Some(u64::from(self.status.as_u16()))
        );
        self.json["code"].as_str().unwrap_or_default().to_string()
    }
}

impl Harness {
    /// A fresh app on 2026-11-20 with one account per role.
    pub fn new() -> Harness {
        let clock = SharedClock(Arc::new(FixedClock::on(2026, 11, 20).expect("a date")));
        let ws = Workspace::in_memory().expect("workspace");
        let mut accounts = AccountStore::open_in_memory().expect("accounts");
        for role in Role::ALL {
            let (name, person) = account_of(role);
            add_account(&mut accounts, name, person, role, PASSWORD, 0).expect("account");
        }
        let limits = Limits {
            max_body_bytes: MAX_BODY,
            ..Limits::default()
        };
        let state = AppState::new(ws, accounts, Box::new(clock.clone()), limits);
        Harness {
            app: app(state.clone()),
            clock,
            state,
        }
    }

    /// Sends one request.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        if let Some(ct) = content_type {
            req = req.header(header::CONTENT_TYPE, ct);
        }
        let req = req.body(Body::from(body)).expect("request");
        let resp = self.app.clone().oneshot(req).await.expect("infallible");
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .expect("body")
            .to_vec();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            json,
            bytes,
        }
    }

    /// `GET path` with `token`.
    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.send(Method::GET, path, Some(token), None, Vec::new())
            .await
    }

    /// `method path` with a JSON body.
    pub async fn json(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Value,
    ) -> Reply {
        let bytes = serde_json::to_vec(&body).expect("json");
        self.send(method, path, token, Some("application/json"), bytes)
            .await
    }

    /// Logs `username` in and returns the whole session reply.
    pub async fn login_reply(&self, username: &str, password: &str) -> Reply {
        self.json(
            Method::POST,
            "/v1/auth/login",
            None,
            serde_json::json!({"username": username, "password": password}),
        )
        .await
    }

    /// Uploads one invoice document `name` as `token`.
    pub async fn upload(&self, token: &str, name: &str, bytes: &[u8]) -> Reply {
        let path = format!("/v1/invoices?name={name}");
        self.send(
            Method::POST,
            &path,
            Some(token),
            Some("application/xml"),
            bytes.to_vec(),
        )
        .await
    }

    /// Trades `refresh_token` for a new session.
    pub async fn refresh(&self, refresh_token: &str) -> Reply {
        let body = serde_json::json!({ "refresh_token": refresh_token });
        self.json(Method::POST, "/v1/auth/refresh", None, body)
            .await
    }

    /// The access token of the account of `role`.
    pub async fn token(&self, role: Role) -> String {
        let r = self.login_reply(account_of(role).0, PASSWORD).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.json);
        r.json["access_token"].as_str().expect("token").to_string()
    }

    /// How many invoices the store holds (asked as the admin).
    pub async fn invoice_count(&self, admin: &str) -> u64 {
        let r = self.get("/v1/invoices?limit=500", admin).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.json);
        r.json["total"].as_u64().expect("total")
    }

    /// Every audit event as (kind, actor, detail), read from the workspace directly.
    pub async fn audit_events(&self) -> Vec<(String, String, Value)> {
        self.state
            .workspace(None, |ws, _| {
                Ok(digilyft_core::api::audit::events(ws)?
                    .into_iter()
                    .map(|e| {
                        let detail = serde_json::from_str(&e.event.detail).unwrap_or(Value::Null);
                        (e.event.kind, e.event.actor, detail)
                    })
                    .collect())
            })
            .await
            .expect("audit events")
    }

    /// The audit log's head sequence number (0 when empty).
    pub async fn audit_seq(&self, token: &str) -> i64 {
        let r = self.get("/v1/audit/head", token).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.json);
        r.json["head"]["seq"].as_i64().unwrap_or(0)
    }
}
