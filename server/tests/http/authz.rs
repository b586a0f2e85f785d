//! The authorisation table: every route × every role → allowed or forbidden, each cell checked.
//! "Allowed" means the role gate let the request through (any answer but 401/403: a 404 for an
//! invoice that does not exist is the route at work); "forbidden" means a `forbidden` problem.
//! Without a token every route but the public ones is `unauthenticated`.

use axum::http::{Method, StatusCode};
use digilyft_server::auth::Role;

use crate::support::Harness;

/// One route with a body that gets past input checks.
struct Route {
    method: Method,
    path: &'static str,
    content_type: Option<&'static str>,
    body: &'static str,
    /// clerk, attestant, manager, analyst, admin.
    allowed: [bool; 5],
}

const ROLES: [Role; 5] = [
    Role::Clerk,
    Role::Attestant,
    Role::Manager,
    Role::Analyst,
    Role::Admin,
];

const JSON: Option<&str> = Some("application/json");
const Y: bool = true;
const N: bool = false;

fn routes() -> Vec<Route> {
    let r = |method, path, content_type, body, allowed| Route {
        method,
        path,
        content_type,
        body,
        allowed,
    };
    vec![
        //                                                                      clerk att man ana adm
        r(
            Method::POST,
            "/v1/invoices?name=a.xml",
            Some("application/xml"),
            "<Invoice/>",
            [Y, N, N, N, Y],
        ),
        r(Method::GET, "/v1/invoices", None, "", [Y, Y, Y, N, Y]),
        r(Method::GET, "/v1/invoices/999", None, "", [Y, Y, Y, N, Y]),
        r(
            Method::GET,
            "/v1/invoices/999/original",
            None,
            "",
            [Y, Y, Y, N, Y],
        ),
        r(
            Method::PUT,
            "/v1/invoices/999/kontering",
            JSON,
            r#"{"rows":[]}"#,
            [Y, Y, Y, N, N],
        ),
        r(
            Method::POST,
            "/v1/invoices/999/resolve",
            JSON,
            r#"{"resolution":"resume","comment":"ok"}"#,
            [Y, N, Y, N, N],
        ),
        r(Method::GET, "/v1/inbox", None, "", [Y, Y, Y, N, N]),
        r(
            Method::POST,
            "/v1/decisions",
            JSON,
            r#"{"invoice":"999","decision":"ATTEST"}"#,
            [N, Y, Y, N, N],
        ),
        r(Method::GET, "/v1/rules", None, "", [N, N, N, N, Y]),
        r(
            Method::POST,
            "/v1/rules?decision_ref=KS%201",
            None,
            "not a workbook",
            [N, N, N, N, Y],
        ),
        r(
            Method::POST,
            "/v1/rules/diff",
            None,
            "not a workbook",
            [N, N, N, N, Y],
        ),
        r(
            Method::POST,
            "/v1/rules/999/activate",
            None,
            "",
            [N, N, N, N, Y],
        ),
        r(Method::GET, "/v1/audit/head", None, "", [Y, Y, Y, Y, Y]),
        r(Method::GET, "/v1/audit/verify", None, "", [N, N, N, N, Y]),
        r(Method::GET, "/v1/audit/ledger", None, "", [N, N, N, N, Y]),
        r(Method::GET, "/v1/stats/invoices", None, "", [N, N, Y, Y, Y]),
        r(Method::GET, "/v1/sync/snapshot", None, "", [Y, Y, Y, N, Y]),
        r(Method::GET, "/v1/sync/bootstrap", None, "", [Y, Y, Y, N, Y]),
        r(
            Method::GET,
            "/v1/sync/changes?since=e:0",
            None,
            "",
            [Y, Y, Y, N, Y],
        ),
        r(
            Method::POST,
            "/v1/sync/mutations",
            JSON,
            // No enrolled device (the role check comes first; then the id is refused as no
            // UUID, 400, not 403).
            r#"{"device_id":"authz-probe","mutations":[]}"#,
            [Y, Y, Y, N, N],
        ),
        r(
            Method::GET,
            "/v1/sync/mutations/0190f3c2-0000-7000-8000-000000000001",
            None,
            "",
            [Y, Y, Y, N, Y],
        ),
        r(
            Method::GET,
            "/v1/sync/devices/00000000-0000-7000-8000-00000000000a/watermark",
            None,
            "",
            [Y, Y, Y, N, Y],
        ),
        r(
            Method::POST,
            "/v1/devices",
            JSON,
            r#"{"name":"laptop"}"#,
            [Y, Y, Y, Y, Y],
        ),
        r(Method::GET, "/v1/devices", None, "", [Y, Y, Y, Y, Y]),
        r(
            Method::POST,
            "/v1/devices/no-such-device/revoke",
            None,
            "",
            [N, N, N, N, Y],
        ),
    ]
}

#[tokio::test]
async fn every_route_admits_exactly_its_roles() {
    let h = Harness::new();
    let mut tokens = Vec::new();
    for role in ROLES {
        tokens.push(h.token(role).await);
    }
    let mut wrong = Vec::new();
    let mut cells = 0;
    for route in routes() {
        for (i, role) in ROLES.iter().enumerate() {
            let reply = h
                .send(
                    route.method.clone(),
                    route.path,
                    Some(&tokens[i]),
                    route.content_type,
                    route.body.as_bytes().to_vec(),
                )
                .await;
            cells += 1;
            let forbidden = reply.status == StatusCode::FORBIDDEN;
            let denied = forbidden && reply.problem_code() == "forbidden";
            let ok = if route.allowed[i] {
                !forbidden && reply.status != StatusCode::UNAUTHORIZED
            } else {
                denied
            };
            if !ok {
                wrong.push(format!(
                    "{} {} as {role}: expected {}, got {} {}",
                    route.method,
                    route.path,
                    if route.allowed[i] {
                        "allowed"
                    } else {
                        "forbidden"
                    },
                    reply.status,
                    reply.json
                ));
            }
        }
    }
    assert_eq!(cells, routes().len() * 5);
    assert_eq!(routes().len(), 25, "a new route needs its row");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test]
async fn without_a_token_only_the_public_routes_answer() {
    let h = Harness::new();
    for route in routes() {
        let reply = h
            .send(
                route.method.clone(),
                route.path,
                None,
                route.content_type,
                route.body.as_bytes().to_vec(),
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNAUTHORIZED,
            "{} {}",
            route.method,
            route.path
        );
        assert_eq!(reply.problem_code(), "unauthenticated");
    }
    for path in ["/health", "/v1/meta"] {
        let reply = h.send(Method::GET, path, None, None, Vec::new()).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
    }
}
