//! Login, refresh, expiry, forged tokens and throttling over HTTP.

use axum::http::{Method, StatusCode, header};
use digilyft_server::auth::{ACCESS_TTL_SECS, MAX_FAILURES, Role};

use crate::support::{Harness, PASSWORD};

#[tokio::test]
async fn a_login_gives_tokens_that_work_until_they_expire() {
    let h = Harness::new();
    let r = h.login_reply("attestant", PASSWORD).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["token_type"], "Bearer");
    assert_eq!(r.json["person_id"], "u230");
    assert_eq!(r.json["role"], "attestant");
    let access = r.json["access_token"].as_str().expect("access").to_string();
    let refresh = r.json["refresh_token"]
        .as_str()
        .expect("refresh")
        .to_string();
    assert_eq!(h.get("/v1/inbox", &access).await.status, StatusCode::OK);

    h.clock.0.advance(ACCESS_TTL_SECS);
    let expired = h.get("/v1/inbox", &access).await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    assert_eq!(expired.problem_code(), "unauthenticated");
    assert!(expired.headers.contains_key(header::WWW_AUTHENTICATE));

    let renewed = h.refresh(&refresh).await;
    assert_eq!(renewed.status, StatusCode::OK, "{}", renewed.json);
    let access2 = renewed.json["access_token"].as_str().expect("access");
    assert_eq!(h.get("/v1/inbox", access2).await.status, StatusCode::OK);

    let replayed = h.refresh(&refresh).await;
    assert_eq!(
        replayed.status,
        StatusCode::UNAUTHORIZED,
        "a refresh token is spent once"
    );
    assert_eq!(replayed.problem_code(), "unauthenticated");
}

#[tokio::test]
async fn forged_and_malformed_tokens_are_refused() {
    let h = Harness::new();
    let real = h.token(Role::Admin).await;
    let mut forged = real.clone();
    forged.replace_range(0..1, if real.starts_with('A') { "B" } else { "A" });
    for token in [
        forged.as_str(),
        "",
        "x".repeat(500).as_str(),
        "not base64 !",
    ] {
        let r = h.get("/v1/audit/head", token).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{token:?}");
        assert_eq!(r.problem_code(), "unauthenticated");
    }
    let basic = h
        .send(Method::GET, "/v1/audit/head", None, None, Vec::new())
        .await;
    assert_eq!(basic.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn wrong_passwords_are_throttled_per_account() {
    let h = Harness::new();
    for _ in 0..MAX_FAILURES {
        let r = h.login_reply("clerk", "wrong password!!").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(r.problem_code(), "unauthenticated");
    }
    let r = h.login_reply("clerk", PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.json);
    assert_eq!(r.problem_code(), "throttled");
    assert!(r.headers.contains_key(header::RETRY_AFTER));
    assert_eq!(
        h.login_reply("admin", PASSWORD).await.status,
        StatusCode::OK
    );
    h.clock
        .0
        .advance(digilyft_server::auth::THROTTLE_WINDOW_SECS);
    assert_eq!(
        h.login_reply("clerk", PASSWORD).await.status,
        StatusCode::OK
    );
    let unknown = h.login_reply("nobody", PASSWORD).await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.json["detail"], "wrong username or password");
}

#[tokio::test]
async fn meta_names_versions_limits_and_time() {
    let h = Harness::new();
    let r = h
        .send(Method::GET, "/v1/meta", None, None, Vec::new())
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json["server_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(r.json["limits"]["max_body_bytes"], crate::support::MAX_BODY);
    assert!(
        r.json["server_time"]
            .as_str()
            .is_some_and(|t| t.starts_with("2026-11-20T08:00:00")),
        "{}",
        r.json
    );
}
