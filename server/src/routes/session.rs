//! `POST /v1/auth/login` and `POST /v1/auth/refresh`: bearer tokens for local accounts.

use axum::Json;
use axum::extract::State;

use crate::auth;
use crate::json::{LoginBody, RefreshBody, SessionDto};
use crate::problem::Problem;
use crate::state::AppState;

/// `POST /v1/auth/login` `{username, password}` → a session (throttled per username).
#[utoipa::path(post, path = "/v1/auth/login", tag = "auth", request_body = LoginBody, responses((status = 200, body = SessionDto), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")))]
pub async fn login(
    State(state): State<AppState>,
    Json(body): Json<LoginBody>,
) -> Result<Json<SessionDto>, Problem> {
    let session = state
        .accounts(move |store, throttle, now| {
            let result = auth::login(store, throttle, &body.username, &body.password, now);
            match &result {
                Ok(_) => tracing::info!(username = %body.username, "login"),
                Err(e) => tracing::warn!(username = %body.username, "failed login: {e}"),
            }
            Ok(result?)
        })
        .await?;
    Ok(Json(SessionDto::from(&session)))
}

/// `POST /v1/auth/refresh` `{refresh_token}` → a new session; the refresh token is spent.
#[utoipa::path(post, path = "/v1/auth/refresh", tag = "auth", request_body = RefreshBody, responses((status = 200, body = SessionDto), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")))]
pub async fn refresh(
    State(state): State<AppState>,
    Json(body): Json<RefreshBody>,
) -> Result<Json<SessionDto>, Problem> {
    let session = state
        .accounts(move |store, _, now| Ok(auth::refresh(store, &body.refresh_token, now)?))
        .await?;
    Ok(Json(SessionDto::from(&session)))
}
