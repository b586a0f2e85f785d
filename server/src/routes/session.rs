//! `POST /v1/auth/login` and `POST /v1/auth/refresh`: bearer tokens for local accounts. Logins
//! and failed logins go into the audit log (`account.login`, `account.login-failed`).

use axum::Json;
use axum::extract::State;

use digilyft_core::api::audit::{self as api_audit, AccessEvent};

use crate::auth::{self, AuthError};
use crate::json::{LoginBody, RefreshBody, SessionDto};
use crate::problem::Problem;
use crate::state::AppState;

/// `POST /v1/auth/login` `{username, password}` → a session (throttled per username).
#[utoipa::path(post, path = "/v1/auth/login", tag = "auth", request_body = LoginBody, responses((status = 200, body = SessionDto), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")))]
pub async fn login(
    State(state): State<AppState>,
    Json(body): Json<LoginBody>,
) -> Result<Json<SessionDto>, Problem> {
    let username = body.username.clone();
    let result = state
        .accounts(move |store, throttle, now| {
            let result = auth::login(store, throttle, &body.username, &body.password, now);
            match &result {
                Ok(_) => tracing::info!(username = %body.username, "login"),
                Err(e) => tracing::warn!(username = %body.username, "failed login: {e}"),
            }
            Ok(result)
        })
        .await?;
    // Into the audit log: every login, and every failed one whose password was checked (a
    // throttled attempt is refused before that, so a flood cannot grow the log cheaply).
    let audited = match &result {
        Ok(session) => Some((
            Some(session.caller.person_id.clone()),
            AccessEvent::Login { username },
        )),
        Err(AuthError::BadCredentials) => Some((
            None,
            AccessEvent::LoginFailed {
                username,
                reason: "bad-credentials".into(),
            },
        )),
        Err(AuthError::Disabled) => Some((
            None,
            AccessEvent::LoginFailed {
                username,
                reason: "disabled".into(),
            },
        )),
        Err(_) => None,
    };
    if let Some((actor, event)) = audited {
        state
            .workspace(actor, move |ws, ctx| {
                Ok(api_audit::record_access(ws, ctx, &event)?)
            })
            .await?;
    }
    Ok(Json(SessionDto::from(&result?)))
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
