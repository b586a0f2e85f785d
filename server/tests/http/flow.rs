//! The main path in process: the admin uploads and activates the sample attestförteckning, a
//! clerk uploads the sample invoices (a second upload is a duplicate), an attestant sees only
//! their own invoices and decides one (idempotently), the analyst reads aggregates only, the
//! admin verifies the audit log.

use axum::http::{Method, StatusCode, header};
use digilyft_core::api::samples;
use digilyft_server::auth::Role;
use serde_json::{Value, json};

use crate::support::Harness;

/// Uploads and activates the sample attestförteckning as the admin.
pub async fn activate_sample_rules(h: &Harness, admin: &str) -> i64 {
    let wb = samples::attestforteckning().expect("sample workbook");
    let up = h
        .send(
            Method::POST,
            "/v1/rules?decision_ref=KS%202024-12-04%20%C2%A7%20112&name=attestforteckning.xlsx",
            Some(admin),
            Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            wb.clone(),
        )
        .await;
    assert_eq!(up.status, StatusCode::CREATED, "{}", up.json);
    let version = up.json["version"].as_i64().expect("version");
    let diff = h
        .send(Method::POST, "/v1/rules/diff", Some(admin), None, wb)
        .await;
    assert_eq!(diff.status, StatusCode::OK, "{}", diff.json);
    assert!(
        diff.json.as_array().is_some_and(|l| !l.is_empty()),
        "against no active set, everything is added"
    );
    let act = h
        .send(
            Method::POST,
            &format!("/v1/rules/{version}/activate"),
            Some(admin),
            None,
            Vec::new(),
        )
        .await;
    assert_eq!(act.status, StatusCode::OK, "{}", act.json);
    assert_eq!(act.json["version"].as_i64(), Some(version));
    version
}

fn rows(page: &Value) -> Vec<&str> {
    page["rows"]
        .as_array()
        .map(|r| r.iter().filter_map(|r| r["number"].as_str()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_main_path_through_the_api() {
    let h = Harness::new();
    let admin = h.token(Role::Admin).await;
    let clerk = h.token(Role::Clerk).await;
    let attestant = h.token(Role::Attestant).await;
    let analyst = h.token(Role::Analyst).await;
    activate_sample_rules(&h, &admin).await;

    let docs = samples::invoices(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("day"));
    let n = docs.len();
    for (name, bytes) in &docs {
        let r = h.upload(&clerk, name, bytes).await;
        assert_eq!(r.status, StatusCode::CREATED, "{name}: {}", r.json);
        assert_eq!(r.json["outcome"], "stored", "{name}");
    }
    let (name, bytes) = &docs[0];
    let again = h.upload(&clerk, name, bytes).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json["outcome"], "duplicate");

    let all = h
        .get("/v1/invoices?limit=500&sort=amount&order=asc", &clerk)
        .await;
    assert_eq!(all.json["total"].as_u64(), Some(n as u64));
    let amounts: Vec<f64> = all.json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["amount"].as_str()?.parse().ok())
        .collect();
    assert!(amounts.windows(2).all(|w| w[0] <= w[1]), "{amounts:?}");
    let searched = h.get("/v1/invoices?q=kg-7", &clerk).await;
    let mut found = rows(&searched.json);
    found.sort();
    assert_eq!(found, ["KG-77", "KG-78"]);

    let own = h.get("/v1/invoices?limit=500", &attestant).await;
    let own_total = own.json["total"].as_u64().expect("total");
    assert!(own_total > 0 && own_total < n as u64, "{}", own.json);
    let foreign = all.json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| !rows(&own.json).contains(&r["number"].as_str().unwrap_or_default()))
        .expect("an invoice u230 has no step on");
    let foreign_id = foreign["id"].as_i64().expect("id");
    let refused = h
        .get(&format!("/v1/invoices/{foreign_id}"), &attestant)
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.problem_code(), "forbidden");

    let inbox = h.get("/v1/inbox", &attestant).await;
    assert_eq!(inbox.status, StatusCode::OK, "{}", inbox.json);
    assert_eq!(inbox.json["person_id"], "u230");
    let item = &inbox.json["items"][0];
    let invoice_id = item["invoice_id"].as_i64().expect("an open step for u230");
    let detail = h
        .get(&format!("/v1/invoices/{invoice_id}"), &attestant)
        .await;
    assert_eq!(detail.status, StatusCode::OK);
    assert!(
        detail.json["steps"]
            .as_array()
            .is_some_and(|s| !s.is_empty())
    );
    let original = h
        .get(&format!("/v1/invoices/{invoice_id}/original"), &attestant)
        .await;
    assert_eq!(original.status, StatusCode::OK);
    assert!(
        docs.iter().any(|(_, b)| *b == original.bytes),
        "byte for byte"
    );

    let seq = h.audit_seq(&admin).await;
    let decision = json!({
        "decision_id": "0190a0b0-0000-7000-8000-000000000001",
        "invoice": invoice_id.to_string(),
        "decision": "ATTEST",
    });
    let first = h
        .json(
            Method::POST,
            "/v1/decisions",
            Some(&attestant),
            decision.clone(),
        )
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.json);
    assert_eq!(first.json["outcome"], "ACCEPTED", "{}", first.json);
    assert_eq!(first.json["replay"], false);
    let moved = h.audit_seq(&admin).await;
    assert!(moved > seq);
    let replay = h
        .json(Method::POST, "/v1/decisions", Some(&attestant), decision)
        .await;
    assert_eq!(replay.json["outcome"], "ACCEPTED");
    assert_eq!(replay.json["replay"], true);
    assert_eq!(h.audit_seq(&admin).await, moved, "a replay changes nothing");
    let reused = h
        .json(
            Method::POST,
            "/v1/decisions",
            Some(&attestant),
            json!({
                "decision_id": "0190a0b0-0000-7000-8000-000000000001",
                "invoice": invoice_id.to_string(),
                "decision": "REJECT",
            }),
        )
        .await;
    assert_eq!(reused.status, StatusCode::CONFLICT, "{}", reused.json);
    assert_eq!(reused.problem_code(), "conflict");
    assert_eq!(reused.json["faults"][0]["rule"], "key-reused");
    assert_eq!(
        h.audit_seq(&admin).await,
        moved,
        "a reused key changes nothing"
    );
    let steps = h
        .get(&format!("/v1/invoices/{invoice_id}"), &attestant)
        .await;
    let decided_by_u230 = steps.json["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .any(|s| s["decided_by"] == "u230");
    assert!(decided_by_u230, "the actor is the caller's person");

    let stats = h.get("/v1/stats/invoices", &analyst).await;
    assert_eq!(stats.status, StatusCode::OK);
    let counted: u64 = stats
        .json
        .as_array()
        .expect("totals")
        .iter()
        .filter_map(|t| t["count"].as_u64())
        .sum();
    assert_eq!(counted, n as u64);
    assert_eq!(
        h.get("/v1/invoices", &analyst).await.status,
        StatusCode::FORBIDDEN
    );

    // Kontering: the attestant sends the invoice's rows back unchanged: a no-op (issue 14,
    // finding 8): no new revision, no attest voided.
    let coding = steps.json["coding"].clone();
    let revision = steps.json["revision"].as_i64().expect("revision");
    let recoded = h
        .json(
            Method::PUT,
            &format!("/v1/invoices/{invoice_id}/kontering"),
            Some(&attestant),
            json!({ "rows": coding }),
        )
        .await;
    assert_eq!(recoded.status, StatusCode::OK, "{}", recoded.json);
    assert_eq!(
        recoded.json["revision"].as_i64().expect("revision"),
        revision
    );
    assert_eq!(
        recoded.json["rows"].as_u64(),
        coding.as_array().map(|c| c.len() as u64)
    );

    // A dispute, and the manager ending it.
    let manager = h.token(Role::Manager).await;
    let open = h.get("/v1/inbox", &attestant).await;
    let disputed = open.json["items"][0]["invoice_id"]
        .as_i64()
        .expect("another open step");
    let d = h
        .json(
            Method::POST,
            "/v1/decisions",
            Some(&attestant),
            json!({"invoice": disputed.to_string(), "decision": "DISPUTE", "comment": "fel pris"}),
        )
        .await;
    assert_eq!(d.json["invoice_state"], "disputed", "{}", d.json);
    let resolved = h
        .json(
            Method::POST,
            &format!("/v1/invoices/{disputed}/resolve"),
            Some(&manager),
            json!({"resolution": "resume", "comment": "leverantören har krediterat"}),
        )
        .await;
    assert_eq!(resolved.status, StatusCode::OK, "{}", resolved.json);
    assert_ne!(resolved.json["state"], "disputed", "{}", resolved.json);

    let verify = h.get("/v1/audit/verify", &admin).await;
    assert_eq!(verify.status, StatusCode::OK);
    assert_eq!(verify.json["intact"], true, "{}", verify.json);

    let ledger = h.get("/v1/audit/ledger", &admin).await;
    assert_eq!(ledger.status, StatusCode::OK);
    assert_eq!(
        ledger.headers[header::CONTENT_TYPE],
        digilyft_server::routes::audit::XLSX
    );
    assert!(ledger.bytes.starts_with(b"PK"), "an .xlsx (zip) workbook");
    let bytes = ledger.bytes.clone();
    let report = h
        .state
        .workspace(None, move |ws, _| {
            use digilyft_core::api::audit::{self as api_audit, AnchorSource};
            let source = AnchorSource::Ledger {
                name: "fakturor.xlsx".into(),
                bytes,
            };
            Ok(api_audit::verify(ws, &[source])?)
        })
        .await
        .expect("verify against the ledger's anchor");
    assert!(report.intact(), "{report:?}");
    assert_eq!(report.anchors.len(), 1, "the ledger's anchor was checked");
}
