//! The OpenAPI document names exactly the routes the router answers.

use axum::http::{Method, StatusCode};

use crate::support::Harness;

/// Every route of the server: (method, path template, a concrete path).
const ROUTES: &[(&str, &str, &str)] = &[
    ("get", "/health", "/health"),
    ("get", "/v1/meta", "/v1/meta"),
    ("post", "/v1/auth/login", "/v1/auth/login"),
    ("post", "/v1/auth/refresh", "/v1/auth/refresh"),
    ("post", "/v1/invoices", "/v1/invoices"),
    ("get", "/v1/invoices", "/v1/invoices"),
    ("get", "/v1/invoices/{id}", "/v1/invoices/1"),
    (
        "get",
        "/v1/invoices/{id}/original",
        "/v1/invoices/1/original",
    ),
    (
        "put",
        "/v1/invoices/{id}/kontering",
        "/v1/invoices/1/kontering",
    ),
    (
        "post",
        "/v1/invoices/{id}/resolve",
        "/v1/invoices/1/resolve",
    ),
    ("get", "/v1/inbox", "/v1/inbox"),
    ("post", "/v1/decisions", "/v1/decisions"),
    ("get", "/v1/rules", "/v1/rules"),
    ("post", "/v1/rules", "/v1/rules"),
    ("post", "/v1/rules/diff", "/v1/rules/diff"),
    (
        "post",
        "/v1/rules/{version}/activate",
        "/v1/rules/1/activate",
    ),
    ("get", "/v1/audit/head", "/v1/audit/head"),
    ("get", "/v1/audit/verify", "/v1/audit/verify"),
    ("get", "/v1/audit/ledger", "/v1/audit/ledger"),
    ("get", "/v1/stats/invoices", "/v1/stats/invoices"),
    ("get", "/v1/sync/snapshot", "/v1/sync/snapshot"),
    ("get", "/v1/sync/bootstrap", "/v1/sync/bootstrap"),
    ("get", "/v1/sync/changes", "/v1/sync/changes?since=e:0"),
    ("post", "/v1/sync/mutations", "/v1/sync/mutations"),
    (
        "get",
        "/v1/sync/mutations/{id}",
        "/v1/sync/mutations/0190f3c2-0000-7000-8000-000000000001",
    ),
    (
        "get",
        "/v1/sync/devices/{id}/watermark",
        "/v1/sync/devices/00000000-0000-7000-8000-00000000000a/watermark",
    ),
    ("post", "/v1/devices", "/v1/devices"),
    ("get", "/v1/devices", "/v1/devices"),
    ("post", "/v1/devices/{id}/revoke", "/v1/devices/x/revoke"),
];

#[tokio::test]
async fn the_document_names_every_route_and_only_those() {
    let h = Harness::new();
    let r = h
        .send(Method::GET, "/v1/openapi.json", None, None, Vec::new())
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.json["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3."))
    );
    let paths = r.json["paths"].as_object().expect("paths");
    let mut documented: Vec<(String, String)> = paths
        .iter()
        .flat_map(|(p, ops)| {
            ops.as_object()
                .into_iter()
                .flat_map(|o| o.keys())
                .filter(|m| ["get", "post", "put", "delete", "patch"].contains(&m.as_str()))
                .map(move |m| (m.clone(), p.clone()))
        })
        .collect();
    documented.sort();
    let mut expected: Vec<(String, String)> = ROUTES
        .iter()
        .map(|(m, p, _)| (m.to_string(), p.to_string()))
        .collect();
    expected.sort();
    assert_eq!(documented, expected);
    assert!(r.json["components"]["schemas"]["ProblemBody"].is_object());
    assert!(r.json["components"]["securitySchemes"]["bearer"].is_object());

    for (method, _, path) in ROUTES {
        let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
        let reply = h.send(method.clone(), path, None, None, Vec::new()).await;
        let no_route = reply.status == StatusCode::NOT_FOUND
            && reply.json["detail"]
                .as_str()
                .is_some_and(|d| d.starts_with("no route"));
        assert!(
            !no_route && reply.status != StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path} is documented but not routed"
        );
    }
}
