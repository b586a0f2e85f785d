//! Devices: enrolment by anyone, listing (own; all for the admin), revocation by the admin,
//! and a revoked device's requests refused `device-revoked`.

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use digilyft_server::auth::Role;
use serde_json::json;
use tower::ServiceExt;

use crate::support::Harness;

async fn enrol(h: &Harness, token: &str, name: &str) -> String {
    let r = h
        .json(
            Method::POST,
            "/v1/devices",
            Some(token),
            json!({ "name": name }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    assert_eq!(r.json["name"], name.trim());
    assert!(
        r.json["enrolled_at"]
            .as_str()
            .is_some_and(|t| t.starts_with("2026-11-20"))
    );
    assert!(r.json["revoked_at"].is_null());
    let id = r.json["device_id"].as_str().expect("device_id");
    assert!(uuid_like(id), "{id}");
    id.to_string()
}

fn uuid_like(s: &str) -> bool {
    s.len() == 36 && s.chars().filter(|c| *c == '-').count() == 4
}

/// `GET /v1/inbox` as `token` naming `device` in the `Device-Id` header.
async fn inbox_from(h: &Harness, token: &str, device: &str) -> crate::support::Reply {
    let req = axum::http::Request::builder()
        .uri("/v1/inbox")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header("device-id", device)
        .body(Body::empty())
        .expect("request");
    let resp = h.app.clone().oneshot(req).await.expect("infallible");
    let status = resp.status();
    let headers = resp.headers().clone();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .expect("body")
        .to_vec();
    crate::support::Reply {
        status,
        headers,
        json: serde_json::from_slice(&bytes).unwrap_or_default(),
        bytes,
    }
}

#[tokio::test]
async fn devices_are_enrolled_listed_by_whose_and_revoked_by_the_admin() {
    let h = Harness::new();
    let anna = h.token(Role::Attestant).await;
    let clerk = h.token(Role::Clerk).await;
    let admin = h.token(Role::Admin).await;
    let d1 = enrol(&h, &anna, "  Annas bärbara ").await;
    let d2 = enrol(&h, &clerk, "Kansliet").await;
    assert_ne!(d1, d2);

    let own = h.get("/v1/devices", &anna).await;
    assert_eq!(own.status, StatusCode::OK);
    let ids: Vec<&str> = own.json["devices"]
        .as_array()
        .expect("devices")
        .iter()
        .filter_map(|d| d["device_id"].as_str())
        .collect();
    assert_eq!(ids, [d1.as_str()], "an attestant sees only their own");
    let all = h.get("/v1/devices", &admin).await;
    assert_eq!(all.json["devices"].as_array().map(Vec::len), Some(2));

    assert_eq!(inbox_from(&h, &anna, &d1).await.status, StatusCode::OK);
    let theirs = inbox_from(&h, &anna, &d2).await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN);
    assert_eq!(theirs.problem_code(), "forbidden");

    h.clock.0.advance(60);
    let path = format!("/v1/devices/{d1}/revoke");
    let r = h
        .send(Method::POST, &path, Some(&admin), None, Vec::new())
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["revoked_by"], "admin");
    let revoked_at = r.json["revoked_at"].clone();
    assert!(revoked_at.is_string());
    let again = h
        .send(Method::POST, &path, Some(&admin), None, Vec::new())
        .await;
    assert_eq!(
        again.json["revoked_at"], revoked_at,
        "the first revocation stays"
    );

    let refused = inbox_from(&h, &anna, &d1).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.problem_code(), "device-revoked");
    assert_eq!(
        h.get("/v1/inbox", &anna).await.status,
        StatusCode::OK,
        "the account still works"
    );

    let missing = h
        .send(
            Method::POST,
            "/v1/devices/nope/revoke",
            Some(&admin),
            None,
            Vec::new(),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.problem_code(), "not-found");
}

#[tokio::test]
async fn bad_device_names_are_refused_and_nothing_is_enrolled() {
    let h = Harness::new();
    let anna = h.token(Role::Attestant).await;
    let long = "x".repeat(101);
    for body in [
        json!({"name": ""}),
        json!({"name": "  "}),
        json!({"name": "a\u{7}b"}),
        json!({"name": long}),
        json!({"name": "a", "extra": 1}),
    ] {
        let r = h
            .json(Method::POST, "/v1/devices", Some(&anna), body.clone())
            .await;
        assert!(r.status.is_client_error(), "{body}: {}", r.status);
        assert_eq!(r.problem_code(), "validation", "{body}");
    }
    let own = h.get("/v1/devices", &anna).await;
    assert_eq!(own.json["devices"].as_array().map(Vec::len), Some(0));
}
