//! The sync routes in process: snapshot → push → changes for an attestant (only their scope,
//! `no-store`), idempotent replay, a lost response's outcome, the watermark, a long-poll woken
//! by a commit, `/v1/meta`'s sync fields, and hostile sync requests (oversized batch, bodies
//! that are no batch, malformed items stored so the watermark moves, bad cursors → 410/422,
//! another protocol version).

use axum::http::{Method, StatusCode, header};
use digilyft_core::api::samples;
use digilyft_core::api::sync::wire::payload_sha256;
use digilyft_server::auth::Role;
use serde_json::{Value, json};

use crate::flow::activate_sample_rules;
use crate::support::{Harness, Reply};

fn mid(n: u32) -> String {
    format!("0190f3c2-0000-7000-8000-{n:012}")
}

/// The harness with the sample rules active and the sample invoices uploaded; the tokens of the
/// attestant (u230), the manager (u200) and the admin.
async fn server() -> (Harness, String, String, String) {
    let h = Harness::new();
    let admin = h.token(Role::Admin).await;
    let clerk = h.token(Role::Clerk).await;
    activate_sample_rules(&h, &admin).await;
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("day");
    for (name, bytes) in samples::invoices(day) {
        let r = h.upload(&clerk, &name, &bytes).await;
        assert_eq!(r.status, StatusCode::CREATED, "{name}: {}", r.json);
    }
    let attestant = h.token(Role::Attestant).await;
    let manager = h.token(Role::Manager).await;
    (h, attestant, manager, admin)
}

fn no_store(r: &Reply) {
    assert_eq!(
        r.headers
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok()),
        Some("no-store"),
        "{} {}",
        r.status,
        r.json
    );
}

fn invoice<'a>(snapshot: &'a Value, number: &str) -> &'a Value {
    snapshot["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["entity"] == "invoice" && r["data"]["number"] == number)
        .map(|r| &r["data"])
        .unwrap_or_else(|| panic!("{number} not in the snapshot"))
}

fn decision(id: &str, seq: i64, data: &Value, step: &str, what: &str) -> Value {
    let s = data["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .find(|s| s["label"] == step)
        .expect("step");
    let payload = json!({"invoice_id": data["id"], "step_id": step, "decision": what,
        "comment": null, "route_version": s["route_version"], "base_revision": data["revision"],
        "content_hash": data["content_hash"], "acting_for": null,
        "ruleset_version": data["ruleset_version"]});
    json!({"mutation_id": id, "device_seq": seq, "kind": "step_decision", "schema_v": 2,
        "payload_sha256": payload_sha256(&payload), "payload": payload,
        "created_at_device": "2026-11-20T09:14:03+01:00"})
}

/// The caller's enrolled device (enrolled on first use): pushes must name one.
async fn device(h: &Harness, token: &str) -> String {
    let mine = h.get("/v1/devices", token).await;
    if let Some(id) = mine.json["devices"]
        .as_array()
        .and_then(|d| d.first())
        .and_then(|d| d["device_id"].as_str())
    {
        return id.to_string();
    }
    let r = h
        .json(
            Method::POST,
            "/v1/devices",
            Some(token),
            json!({"name": "testdator"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    r.json["device_id"].as_str().expect("device_id").to_string()
}

async fn push(h: &Harness, token: &str, items: Vec<Value>) -> Reply {
    let device = device(h, token).await;
    let body = json!({"device_id": device, "batch_id": "b-1", "mutations": items});
    h.json(Method::POST, "/v1/sync/mutations", Some(token), body)
        .await
}

#[tokio::test]
async fn an_attestant_syncs_only_their_scope_and_a_push_is_idempotent() {
    let (h, attestant, manager, admin) = server().await;
    let snap = h.get("/v1/sync/snapshot", &attestant).await;
    assert_eq!(snap.status, StatusCode::OK, "{}", snap.json);
    no_store(&snap);
    let cursor = snap.json["cursor_at_start"]
        .as_str()
        .expect("cursor")
        .to_string();
    assert!(cursor.starts_with(&format!("{}:", snap.json["epoch"].as_str().expect("epoch"))));
    let involved = |data: &Value| {
        data["steps"].as_array().is_some_and(|steps| {
            steps.iter().any(|s| {
                ["assignee", "decided_by", "acting_for"]
                    .iter()
                    .any(|k| s[*k] == "u230")
            })
        })
    };
    let invoices: Vec<&Value> = snap.json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["entity"] == "invoice")
        .collect();
    assert!(!invoices.is_empty());
    assert!(
        invoices.iter().all(|r| involved(&r["data"])),
        "only u230's invoices"
    );
    let all = h.get("/v1/sync/bootstrap", &manager).await;
    let all_invoices = all.json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["entity"] == "invoice")
        .count();
    assert!(
        all_invoices > invoices.len(),
        "a manager sees every invoice"
    );

    let data = invoice(&snap.json, "KN-2041").clone();
    let item = decision(&mid(1), 1, &data, "GRANSKNING#1", "ATTEST");
    let r = push(&h, &attestant, vec![item.clone()]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    no_store(&r);
    assert_eq!(r.json["device_high_water"], 1);
    assert_eq!(r.json["results"][0]["outcome"], "ACCEPTED", "{}", r.json);
    assert_eq!(r.json["results"][0]["replayed"], false);
    let again = push(&h, &attestant, vec![item]).await;
    assert_eq!(again.json["results"][0]["outcome"], "ACCEPTED");
    assert_eq!(again.json["results"][0]["replayed"], true);
    assert_eq!(
        again.json["results"][0]["server_seq"],
        r.json["results"][0]["server_seq"]
    );

    let one = h
        .get(&format!("/v1/sync/mutations/{}", mid(1)), &attestant)
        .await;
    assert_eq!(
        (one.status, one.json["outcome"].clone()),
        (StatusCode::OK, json!("ACCEPTED"))
    );
    no_store(&one);
    for (path, token) in [
        (format!("/v1/sync/mutations/{}", mid(2)), &attestant),
        (format!("/v1/sync/mutations/{}", mid(1)), &manager),
        ("/v1/sync/mutations/not-a-uuid".to_string(), &attestant),
    ] {
        let r = h.get(&path, token).await;
        assert_eq!(
            (r.status, r.problem_code()),
            (StatusCode::NOT_FOUND, "not-found".into()),
            "{path}"
        );
    }
    assert_eq!(
        h.get(&format!("/v1/sync/mutations/{}", mid(1)), &admin)
            .await
            .status,
        StatusCode::OK
    );
    let w = h
        .get(
            &format!(
                "/v1/sync/devices/{}/watermark",
                device(&h, &attestant).await
            ),
            &attestant,
        )
        .await;
    assert_eq!(w.json["device_high_water"], 1, "{}", w.json);
    no_store(&w);

    let pulled = h
        .get(
            &format!("/v1/sync/changes?since={cursor}&limit=500"),
            &attestant,
        )
        .await;
    assert_eq!(pulled.status, StatusCode::OK, "{}", pulled.json);
    no_store(&pulled);
    let rows = pulled.json["changes"].as_array().expect("changes");
    assert!(rows.iter().any(|c| c["entity"] == "invoice"
        && c["id"] == data["id"]
        && c["op"] == "upsert"
        && c["data"]["steps"][0]["state"] == "DONE"));
    assert!(
        rows.iter()
            .filter(|c| c["entity"] == "invoice")
            .all(|c| involved(&c["data"]))
    );
    let seqs: Vec<i64> = rows.iter().filter_map(|c| c["seq"].as_i64()).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(pulled.json["has_more"], false);
    let next = pulled.json["next_cursor"].as_str().expect("next");
    let empty = h
        .get(&format!("/v1/sync/changes?since={next}"), &attestant)
        .await;
    assert_eq!(empty.json["changes"], json!([]), "{}", empty.json);
}

#[tokio::test]
async fn a_long_poll_returns_when_a_commit_concerns_the_caller() {
    let (h, attestant, manager, _) = server().await;
    let snap = h.get("/v1/sync/snapshot", &manager).await;
    let cursor = snap.json["cursor_at_start"]
        .as_str()
        .expect("cursor")
        .to_string();
    let data = invoice(&snap.json, "KN-2041").clone();
    let started = std::time::Instant::now();
    let idle = h
        .get(&format!("/v1/sync/changes?since={cursor}&wait=1"), &manager)
        .await;
    assert_eq!(idle.json["changes"], json!([]));
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(900),
        "held for the wait"
    );
    let path = format!("/v1/sync/changes?since={cursor}&wait=25");
    let poll = {
        let app = h.app.clone();
        let token = manager.clone();
        tokio::spawn(async move {
            let req = axum::http::Request::builder()
                .uri(path)
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(axum::body::Body::empty())
                .expect("request");
            let resp = tower::ServiceExt::oneshot(app, req)
                .await
                .expect("infallible");
            let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
                .await
                .expect("body");
            serde_json::from_slice::<Value>(&bytes).expect("json")
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let r = push(
        &h,
        &attestant,
        vec![decision(&mid(1), 1, &data, "GRANSKNING#1", "ATTEST")],
    )
    .await;
    assert_eq!(r.json["results"][0]["outcome"], "ACCEPTED");
    let woke = tokio::time::timeout(std::time::Duration::from_secs(20), poll)
        .await
        .expect("the poll answered before its wait")
        .expect("task");
    assert!(
        woke["changes"]
            .as_array()
            .is_some_and(|c| c.iter().any(|c| c["id"] == data["id"])),
        "{woke}"
    );
}

#[tokio::test]
async fn meta_names_the_epoch_the_protocols_and_the_sync_limits() {
    let (h, attestant, _, _) = server().await;
    let meta = h
        .send(Method::GET, "/v1/meta", None, None, Vec::new())
        .await;
    assert_eq!(meta.status, StatusCode::OK);
    assert_eq!(meta.json["sync_protocols"], json!([1]));
    assert_eq!(meta.json["limits"]["sync_max_batch"], 100);
    assert_eq!(meta.json["limits"]["sync_max_batch_bytes"], 1 << 20);
    assert_eq!(meta.json["limits"]["sync_max_offline_days"], 7);
    let snap = h.get("/v1/sync/snapshot", &attestant).await;
    assert_eq!(meta.json["epoch"], snap.json["epoch"]);
}

#[tokio::test]
async fn hostile_sync_requests_get_a_problem_and_malformed_items_do_not_stall_the_watermark() {
    let (h, attestant, _, _) = server().await;
    let snap = h.get("/v1/sync/snapshot", &attestant).await;
    let data = invoice(&snap.json, "KN-2041").clone();
    let epoch = snap.json["epoch"].as_str().expect("epoch").to_string();
    // More than 100 mutations: 413, nothing stored.
    let many: Vec<Value> = (1..=101)
        .map(|n| decision(&mid(n), i64::from(n), &data, "GRANSKNING#1", "ATTEST"))
        .collect();
    let r = push(&h, &attestant, many).await;
    assert_eq!(
        (r.status, r.problem_code()),
        (StatusCode::PAYLOAD_TOO_LARGE, "too-large".into())
    );
    // Bodies that are no batch.
    for body in [
        &b"{not json"[..],
        br#"{"mutations": []}"#,
        br#"{"device_id": "x", "mutations": 5}"#,
    ] {
        let r = h
            .send(
                Method::POST,
                "/v1/sync/mutations",
                Some(&attestant),
                Some("application/json"),
                body.to_vec(),
            )
            .await;
        assert_eq!(
            (r.status, r.problem_code()),
            (StatusCode::BAD_REQUEST, "validation".into()),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    let r = push(&h, &attestant, vec![]).await;
    assert_eq!(r.status, StatusCode::OK, "an empty batch is fine");
    let bad_device = json!({"device_id": "laptop", "mutations": []});
    let r = h
        .json(
            Method::POST,
            "/v1/sync/mutations",
            Some(&attestant),
            bad_device,
        )
        .await;
    assert_eq!(r.problem_code(), "validation");
    let w = h
        .get(
            &format!(
                "/v1/sync/devices/{}/watermark",
                device(&h, &attestant).await
            ),
            &attestant,
        )
        .await;
    assert_eq!(w.json["device_high_water"], 0, "nothing was stored");
    // Malformed items are stored as REJECTED_MALFORMED: the watermark moves past them.
    let mut bad_hash = decision(&mid(2), 2, &data, "GRANSKNING#1", "ATTEST");
    bad_hash["payload_sha256"] = json!("00");
    let unknown = json!({"mutation_id": mid(3), "device_seq": 3, "kind": "teleport", "schema_v": 1,
        "payload": {}, "payload_sha256": payload_sha256(&json!({})), "created_at_device": "2026-11-20T09:00:00Z"});
    let r = push(
        &h,
        &attestant,
        vec![
            unknown,
            bad_hash,
            decision(&mid(1), 1, &data, "GRANSKNING#1", "ATTEST"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    let outcomes: Vec<&str> = r.json["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|x| x["outcome"].as_str())
        .collect();
    assert_eq!(
        outcomes,
        ["ACCEPTED", "REJECTED_MALFORMED", "REJECTED_MALFORMED"]
    );
    assert_eq!(r.json["device_high_water"], 3);
    // Cursors: malformed → 422, another epoch / ahead of the head → 410 with the epoch.
    let r = h.get("/v1/sync/changes?since=garbage", &attestant).await;
    assert_eq!(
        (r.status, r.problem_code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation".into())
    );
    let r = h.get("/v1/sync/changes", &attestant).await;
    assert_eq!(r.problem_code(), "validation", "since is required");
    for (cursor, code) in [
        ("other:1".to_string(), "epoch-changed"),
        (format!("{epoch}:999999"), "cursor-expired"),
    ] {
        let r = h
            .get(&format!("/v1/sync/changes?since={cursor}"), &attestant)
            .await;
        assert_eq!(
            (r.status, r.problem_code()),
            (StatusCode::GONE, code.to_string()),
            "{cursor}"
        );
        assert_eq!(r.json["epoch"], json!(epoch));
    }
    // Another protocol version.
    let r = h
        .send(
            Method::GET,
            "/v1/sync/snapshot",
            Some(&attestant),
            None,
            Vec::new(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let req = axum::http::Request::builder()
        .uri("/v1/sync/snapshot")
        .header(header::AUTHORIZATION, format!("Bearer {attestant}"))
        .header("Sync-Protocol", "2")
        .body(axum::body::Body::empty())
        .expect("request");
    let resp = tower::ServiceExt::oneshot(h.app.clone(), req)
        .await
        .expect("infallible");
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .expect("body");
    let body: Value = serde_json::from_slice(&bytes).expect("json");
    assert_eq!(
        (body["code"].clone(), body["supported"].clone()),
        (json!("unsupported-protocol"), json!([1]))
    );
}

/// A push names its device in the body: it must be the caller's enrolled device and not
/// revoked, whether or not a `Device-Id` header names it too.
#[tokio::test]
async fn a_push_from_a_revoked_or_foreign_device_is_refused() {
    let (h, attestant, manager, admin) = server().await;
    let mine = device(&h, &attestant).await;
    let theirs = device(&h, &manager).await;
    let batch = |d: &str| json!({"device_id": d, "batch_id": "b-1", "mutations": []});
    let post = |body: Value| h.json(Method::POST, "/v1/sync/mutations", Some(&attestant), body);
    let r = post(batch(&theirs)).await;
    assert_eq!(
        (r.status, r.problem_code()),
        (StatusCode::FORBIDDEN, "forbidden".into()),
        "{}",
        r.json
    );
    let r = post(batch(&mine)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    let revoked = h
        .json(
            Method::POST,
            &format!("/v1/devices/{mine}/revoke"),
            Some(&admin),
            json!({}),
        )
        .await;
    assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.json);
    let r = post(batch(&mine)).await;
    assert_eq!(
        (r.status, r.problem_code()),
        (StatusCode::FORBIDDEN, "device-revoked".into()),
        "{}",
        r.json
    );
}
