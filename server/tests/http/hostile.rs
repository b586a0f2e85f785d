//! Hostile requests get a clear problem+json and change nothing: oversized bodies, malformed
//! JSON, a request that names its own actor, hostile XML, path traversal in names, unknown routes
//! and methods.

use axum::http::{Method, StatusCode};
use digilyft_server::auth::Role;
use serde_json::json;

use crate::support::{Harness, MAX_BODY};

/// What is sent and what must come back: (what, method, path, token, content type, body,
/// status, problem code).
type Case<'a> = (
    &'a str,
    Method,
    String,
    Option<&'a str>,
    &'a str,
    Vec<u8>,
    StatusCode,
    &'a str,
);

#[tokio::test]
async fn hostile_requests_are_refused_and_change_nothing() {
    let h = Harness::new();
    let clerk = h.token(Role::Clerk).await;
    let admin = h.token(Role::Admin).await;
    let attestant = h.token(Role::Attestant).await;
    let seq = h.audit_seq(&admin).await;

    let laughs = br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Invoice>&lol2;</Invoice>"#;
    let mut big = b"<Invoice>".to_vec();
    big.resize(MAX_BODY + 1, b' ');
    let cases: Vec<Case<'_>> = vec![
        (
            "oversized upload",
            Method::POST,
            "/v1/invoices?name=big.xml".into(),
            Some(&clerk),
            "application/xml",
            big,
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
        ),
        (
            "billion laughs",
            Method::POST,
            "/v1/invoices?name=lol.xml".into(),
            Some(&clerk),
            "application/xml",
            laughs.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        (
            "not XML",
            Method::POST,
            "/v1/invoices?name=a.xml".into(),
            Some(&clerk),
            "application/xml",
            b"\x00\xffnot xml".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        (
            "empty upload",
            Method::POST,
            "/v1/invoices?name=a.xml".into(),
            Some(&clerk),
            "application/xml",
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        (
            "path traversal",
            Method::POST,
            "/v1/invoices?name=..%2F..%2Fetc%2Fpasswd".into(),
            Some(&clerk),
            "application/xml",
            b"<Invoice/>".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        (
            "unknown query key",
            Method::POST,
            "/v1/invoices?file=a.xml".into(),
            Some(&clerk),
            "application/xml",
            b"<Invoice/>".to_vec(),
            StatusCode::BAD_REQUEST,
            "validation",
        ),
        (
            "malformed JSON",
            Method::POST,
            "/v1/decisions".into(),
            Some(&attestant),
            "application/json",
            b"{\"invoice\": ".to_vec(),
            StatusCode::BAD_REQUEST,
            "validation",
        ),
        (
            "JSON without its type",
            Method::POST,
            "/v1/decisions".into(),
            Some(&attestant),
            "text/plain",
            br#"{"invoice":"1","decision":"ATTEST"}"#.to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "validation",
        ),
        (
            "the actor named in the body",
            Method::POST,
            "/v1/decisions".into(),
            Some(&attestant),
            "application/json",
            serde_json::to_vec(&json!({"invoice":"1","decision":"ATTEST","actor_id":"u100"}))
                .unwrap_or_default(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        (
            "an unknown decision",
            Method::POST,
            "/v1/decisions".into(),
            Some(&attestant),
            "application/json",
            serde_json::to_vec(&json!({"invoice":"1","decision":"APPROVE-ALL"}))
                .unwrap_or_default(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        (
            "a hostile decision id",
            Method::POST,
            "/v1/decisions".into(),
            Some(&attestant),
            "application/json",
            serde_json::to_vec(
                &json!({"invoice":"1","decision":"ATTEST","decision_id":"'; DROP TABLE x"}),
            )
            .unwrap_or_default(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        (
            "a bad kontering amount",
            Method::PUT,
            "/v1/invoices/1/kontering".into(),
            Some(&clerk),
            "application/json",
            serde_json::to_vec(&json!({"rows":[{"amount":"12,5,0"}]})).unwrap_or_default(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        (
            "a bad invoice id",
            Method::GET,
            "/v1/invoices/..%2F1".into(),
            Some(&clerk),
            "application/json",
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        (
            "a bad page size",
            Method::GET,
            "/v1/invoices?limit=100000".into(),
            Some(&clerk),
            "application/json",
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        (
            "a workbook that is none",
            Method::POST,
            "/v1/rules?decision_ref=KS".into(),
            Some(&admin),
            "application/octet-stream",
            b"PK\x03\x04broken".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        (
            "an unknown route",
            Method::GET,
            "/v1/nothing-here".into(),
            Some(&clerk),
            "application/json",
            Vec::new(),
            StatusCode::NOT_FOUND,
            "not-found",
        ),
        (
            "a wrong method",
            Method::DELETE,
            "/v1/invoices".into(),
            Some(&clerk),
            "application/json",
            Vec::new(),
            StatusCode::METHOD_NOT_ALLOWED,
            "method-not-allowed",
        ),
    ];
    for (what, method, path, token, ct, body, status, code) in cases {
        let r = h.send(method, &path, token, Some(ct), body).await;
        assert_eq!(r.status, status, "{what}: {}", r.json);
        assert_eq!(r.problem_code(), code, "{what}");
        assert!(
            r.json["detail"].as_str().is_some_and(|d| !d.is_empty()),
            "{what}: a detail says what was wrong: {}",
            r.json
        );
    }
    assert_eq!(h.invoice_count(&admin).await, 0, "nothing was stored");
    assert_eq!(h.audit_seq(&admin).await, seq, "the audit log did not move");
    let versions = h.get("/v1/rules", &admin).await;
    assert_eq!(
        versions.json.as_array().map(Vec::len),
        Some(0),
        "no rule set stored"
    );
}

#[tokio::test]
async fn a_refused_workbook_names_every_problem_as_a_fault() {
    let h = Harness::new();
    let admin = h.token(Role::Admin).await;
    let mut wb = digilyft_core::api::rules::template(false).expect("template");
    // An empty attestförteckning reads, but has nothing in it; break the zip to make it fail.
    wb.truncate(wb.len() / 2);
    let r = h
        .send(
            Method::POST,
            "/v1/rules?decision_ref=KS%201",
            Some(&admin),
            None,
            wb,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.json);
    assert_eq!(r.problem_code(), "validation");
    assert!(
        r.json["faults"].as_array().is_some_and(|f| !f.is_empty()),
        "{}",
        r.json
    );
}
