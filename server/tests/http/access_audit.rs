//! Logins, failed logins and device revocations are events of the audit log; throttled
//! attempts are not (they are refused before the password is checked).

use axum::http::{Method, StatusCode};
use digilyft_server::auth::{MAX_FAILURES, Role};
use serde_json::json;

use crate::support::{Harness, PASSWORD};

#[tokio::test]
async fn logins_failed_logins_and_revocations_are_audited() {
    let h = Harness::new();
    assert!(h.audit_events().await.is_empty());
    let anna = h.token(Role::Attestant).await;
    let wrong = h.login_reply("attestant", "not the password!").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let nobody = h.login_reply("nobody", PASSWORD).await;
    assert_eq!(nobody.status, StatusCode::UNAUTHORIZED);
    let admin = h.token(Role::Admin).await;
    let device = h
        .json(
            Method::POST,
            "/v1/devices",
            Some(&anna),
            json!({"name": "laptop"}),
        )
        .await;
    let id = device.json["device_id"].as_str().expect("id").to_string();
    let path = format!("/v1/devices/{id}/revoke");
    for _ in 0..2 {
        let r = h
            .send(Method::POST, &path, Some(&admin), None, Vec::new())
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    }
    let events = h.audit_events().await;
    let kinds: Vec<(&str, &str)> = events
        .iter()
        .map(|(k, a, _)| (k.as_str(), a.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("account.login", "u230"),
            ("account.login-failed", "anonymous"),
            ("account.login-failed", "anonymous"),
            ("account.login", "u300"),
            ("device.revoked", "u300"),
        ],
        "a second revocation of the same device records nothing"
    );
    assert_eq!(
        events[1].2,
        json!({"username": "attestant", "reason": "bad-credentials"})
    );
    assert_eq!(events[2].2["username"], "nobody");
    assert_eq!(events[4].2, json!({"device_id": id, "owner": "attestant"}));
    let verify = h.get("/v1/audit/verify", &admin).await;
    assert_eq!(verify.json["intact"], true, "{}", verify.json);
}

#[tokio::test]
async fn throttled_attempts_add_no_events() {
    let h = Harness::new();
    for _ in 0..MAX_FAILURES {
        h.login_reply("clerk", "not the password!").await;
    }
    let before = h.audit_events().await.len();
    assert_eq!(before, MAX_FAILURES);
    for _ in 0..20 {
        let r = h.login_reply("clerk", "not the password!").await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    }
    assert_eq!(h.audit_events().await.len(), before);
}
