//! The admin API (a second loopback port), for a test in another process:
//!
//! | request | answer |
//! |---|---|
//! | `GET /counters` | the [`crate::Snapshot`] as JSON |
//! | `POST /counters/reset` | 204; every counter 0 |
//! | `GET /rules` | the rules with their `hits` |
//! | `PUT /rules` | body: a JSON array of [`crate::Rule`]s; 204, or 422 naming the bad rule |
//! | `GET /seed` | `{"seed": N}` |

use std::convert::Infallible;
use std::sync::Arc;

use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};

use crate::body::ProxyBody;
use crate::proxy::{Shared, problem};
use crate::rules::Rule;

/// The largest rules body.
const MAX_RULES_BYTES: usize = 1 << 20;

fn json(value: &impl serde::Serialize) -> Response<ProxyBody> {
    match serde_json::to_vec(value) {
        Ok(bytes) => {
            let mut r = Response::new(ProxyBody::whole(bytes));
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            r
        }
        Err(e) => problem(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            &e.to_string(),
        ),
    }
}

fn no_content() -> Response<ProxyBody> {
    let mut r = Response::new(ProxyBody::Whole(None));
    *r.status_mut() = StatusCode::NO_CONTENT;
    r
}

pub(crate) async fn handle(
    shared: Arc<Shared>,
    req: Request<Incoming>,
) -> Result<Response<ProxyBody>, Infallible> {
    let path = req.uri().path().to_string();
    Ok(match (req.method().clone(), path.as_str()) {
        (Method::GET, "/counters") => json(&shared.counters.snapshot()),
        (Method::POST, "/counters/reset") => {
            shared.counters.reset();
            no_content()
        }
        (Method::GET, "/rules") => json(&shared.rules_view()),
        (Method::GET, "/seed") => json(&serde_json::json!({ "seed": shared.seed })),
        (Method::PUT, "/rules") => {
            let body = match Limited::new(req.into_body(), MAX_RULES_BYTES)
                .collect()
                .await
            {
                Ok(b) => b.to_bytes(),
                Err(e) => {
                    return Ok(problem(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "too-large",
                        &format!("rules: at most {MAX_RULES_BYTES} bytes: {e}"),
                    ));
                }
            };
            match serde_json::from_slice::<Vec<Rule>>(&body) {
                Err(e) => problem(
                    StatusCode::BAD_REQUEST,
                    "validation",
                    &format!("PUT /rules: the body is not a JSON array of rules: {e}"),
                ),
                Ok(rules) => match shared.replace_rules(rules) {
                    Ok(()) => no_content(),
                    Err(e) => problem(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "validation",
                        &e.to_string(),
                    ),
                },
            }
        }
        (_, path) => problem(
            StatusCode::NOT_FOUND,
            "not-found",
            &format!(
                "no admin route {path}: GET /counters, POST /counters/reset, GET|PUT /rules, GET /seed"
            ),
        ),
    })
}
