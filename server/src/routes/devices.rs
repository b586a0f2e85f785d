//! Devices (desktops that sync): enrol one's own, list them, and revoke any (admin). A revoked
//! device's requests are refused `device-revoked` (see [`crate::auth::check_device`]); a
//! revocation goes into the audit log (`device.revoked`).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use digilyft_core::api::audit::{self as api_audit, AccessEvent};

use crate::account_store::AccountStoreError;
use crate::auth::{self, Caller, Permission};
use crate::json::{DeviceDto, DevicesDto, EnrolBody};
use crate::problem::Problem;
use crate::state::AppState;

/// `POST /v1/devices` `{name}` → 201 with the new device's id: any logged-in account enrols a
/// device of its own.
#[utoipa::path(post, path = "/v1/devices", tag = "devices", request_body = EnrolBody, responses((status = 201, body = DeviceDto), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn enrol(
    State(state): State<AppState>,
    caller: Caller,
    Json(body): Json<EnrolBody>,
) -> Result<(StatusCode, Json<DeviceDto>), Problem> {
    caller.require(Permission::EnrolDevice)?;
    let device = state
        .accounts(move |store, _, now| Ok(auth::enrol_device(store, &caller, &body.name, now)?))
        .await?;
    tracing::info!(device = %device.device_id, username = %device.username, "device enrolled");
    Ok((StatusCode::CREATED, Json(DeviceDto::from(&device))))
}

/// `GET /v1/devices`: every device for an admin, one's own for everyone else.
#[utoipa::path(get, path = "/v1/devices", tag = "devices", responses((status = 200, body = DevicesDto), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<DevicesDto>, Problem> {
    caller.require(Permission::EnrolDevice)?;
    let whose = if auth::allows(caller.role, Permission::ManageDevices) {
        None
    } else {
        Some(caller.account_id)
    };
    let devices = state
        .accounts(move |store, _, _| Ok(store.devices(whose).map_err(auth::AuthError::from)?))
        .await?;
    Ok(Json(DevicesDto {
        devices: devices.iter().map(DeviceDto::from).collect(),
    }))
}

/// `POST /v1/devices/{id}/revoke` (admin): the device may no longer sync. Revoking a revoked
/// device changes nothing and answers it as it is.
#[utoipa::path(post, path = "/v1/devices/{id}/revoke", tag = "devices", params(("id" = String, Path, description = "the device id")), responses((status = 200, body = DeviceDto), (status = "4XX", description = "a problem: the stable `code`, a `detail` and the `faults`", body = crate::problem::ProblemBody, content_type = "application/problem+json"), (status = "5XX", description = "a problem on our side", body = crate::problem::ProblemBody, content_type = "application/problem+json")), security(("bearer" = [])))]
pub async fn revoke(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<DeviceDto>, Problem> {
    caller.require(Permission::ManageDevices)?;
    let by = caller.username.clone();
    let (device, revoked_now) = state
        .accounts(
            move |store, _, now| match store.revoke_device(&id, &by, now) {
                Err(AccountStoreError::NoSuchDevice(d)) => {
                    Err(Problem::not_found(format!("no device {d:?}")))
                }
                other => Ok(other.map_err(auth::AuthError::from)?),
            },
        )
        .await?;
    if revoked_now {
        tracing::info!(device = %device.device_id, by = %caller.username, "device revoked");
        let event = AccessEvent::DeviceRevoked {
            device_id: device.device_id.clone(),
            owner: device.username.clone(),
        };
        state
            .workspace(Some(caller.person_id.clone()), move |ws, ctx| {
                Ok(api_audit::record_access(ws, ctx, &event)?)
            })
            .await?;
    }
    Ok(Json(DeviceDto::from(&device)))
}
