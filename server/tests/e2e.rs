//! End to end: the real `digilyft-server` binary on `127.0.0.1:0` over a fresh data directory.
//! Accounts are added with `digilyft-server user add`; over HTTP the clerk uploads the sample
//! invoices (`assets/samples/*.xml`, then `api::samples`' invoices), the admin uploads and
//! activates the sample attestförteckning, and the sample people play the decisions of
//! `digilyft demo`'s approval story as themselves. The invoices end in the states the demo's own
//! test expects, a jäv redirect happens on the way, the audit log verifies, and SIGTERM stops the
//! server cleanly.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use digilyft_core::api::samples;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

const BIN: &str = env!("CARGO_BIN_EXE_digilyft-server");
const PASSWORD: &str = "a long enough password";
const TODAY: &str = "2026-11-20";

/// The accounts: (username = person id, role).
const ACCOUNTS: &[(&str, &str)] = &[
    ("u300", "admin"),
    ("u900", "clerk"),
    ("u200", "manager"),
    ("u100", "attestant"),
    ("u210", "attestant"),
    ("u230", "attestant"),
    ("u240", "attestant"),
    ("u310", "attestant"),
    ("u320", "attestant"),
];

fn add_user(data: &Path, name: &str, role: &str) {
    let mut child = Command::new(BIN)
        .args([
            "user", "add", name, "--person", name, "--role", role, "--data",
        ])
        .arg(data)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{BIN}: {e}"));
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .expect("password");
    let out = child.wait_with_output().expect("user add");
    assert!(out.status.success(), "user add {name}");
}

/// One HTTP/1.1 request on a new connection: (status, body).
async fn request(
    addr: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    content_type: &str,
    body: &[u8],
) -> (u16, Vec<u8>) {
    request_with(
        addr,
        method,
        path,
        token,
        &[("Content-Type", content_type)],
        body,
    )
    .await
}

/// One HTTP/1.1 request with the headers `headers` on a new connection: (status, body).
async fn request_with(
    addr: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, Vec<u8>) {
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(t) = token {
        head.push_str(&format!("Authorization: Bearer {t}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.expect("write");
    stream.write_all(body).await.expect("write body");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header end");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    (status, raw[split + 4..].to_vec())
}

/// A JSON request: (status, parsed body).
async fn call(
    addr: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Value,
) -> (u16, Value) {
    let bytes = if body.is_null() {
        Vec::new()
    } else {
        serde_json::to_vec(&body).expect("json")
    };
    let (status, reply) = request(addr, method, path, token, "application/json", &bytes).await;
    (
        status,
        serde_json::from_slice(&reply).unwrap_or(Value::Null),
    )
}

/// Uploads one invoice document as `token`; it must be stored.
async fn upload(addr: &str, token: &str, name: &str, bytes: &[u8]) {
    let path = format!("/v1/invoices?name={name}");
    let (status, body) = request(addr, "POST", &path, Some(token), "application/xml", bytes).await;
    assert_eq!(status, 201, "{name}: {}", String::from_utf8_lossy(&body));
}

async fn login(addr: &str, name: &str) -> String {
    let (status, body) = call(
        addr,
        "POST",
        "/v1/auth/login",
        None,
        json!({"username": name, "password": PASSWORD}),
    )
    .await;
    assert_eq!(status, 200, "{name}: {body}");
    body["access_token"].as_str().expect("token").to_string()
}

/// The invoice with `number`, as the manager sees it in the list.
async fn row(addr: &str, manager: &str, number: &str) -> Value {
    let (status, page) = call(
        addr,
        "GET",
        &format!("/v1/invoices?q={number}"),
        Some(manager),
        Value::Null,
    )
    .await;
    assert_eq!(status, 200, "{page}");
    page["rows"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["number"] == number).cloned())
        .unwrap_or(Value::Null)
}

/// Starts `digilyft-server serve` on `127.0.0.1:0` over `data`: the child and its address.
async fn start(data: &Path) -> (tokio::process::Child, String) {
    start_with(data, &[], "http").await
}

/// Starts `digilyft-server serve` on `127.0.0.1:0` over `data` with `extra` arguments, expecting
/// it to announce `scheme`: the child and its address.
async fn start_with(data: &Path, extra: &[&str], scheme: &str) -> (tokio::process::Child, String) {
    let mut server = tokio::process::Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0", "--today", TODAY])
        .args(extra)
        .arg("--data")
        .arg(data)
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the server starts");
    let mut lines = BufReader::new(server.stdout.take().expect("stdout")).lines();
    let first = lines.next_line().await.expect("stdout").expect("a line");
    let addr = first
        .strip_prefix(&format!("listening on {scheme}://"))
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_string();
    (server, addr)
}

/// Sends SIGTERM to the server (the child this test started, by its id).
fn terminate(server: &tokio::process::Child) {
    let pid = server.id().expect("a running server");
    let killed = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
}

/// SIGTERM while an upload is half sent: the server stops accepting, finishes that request
/// (the invoice is stored and answered), then exits cleanly.
#[tokio::test]
async fn shutdown_lets_a_request_in_flight_finish() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    add_user(&data, "u900", "clerk");
    let (mut server, addr) = start(&data).await;
    let clerk = login(&addr, "u900").await;
    let day = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("day");
    let (name, bytes) = samples::invoices(day).remove(0);
    let mut stream = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    let head = format!(
        "POST /v1/invoices?name={name} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Authorization: Bearer {clerk}\r\nContent-Type: application/xml\r\nContent-Length: {}\r\n\r\n",
        bytes.len()
    );
    let half = bytes.len() / 2;
    stream.write_all(head.as_bytes()).await.expect("head");
    stream.write_all(&bytes[..half]).await.expect("first half");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    terminate(&server);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    stream.write_all(&bytes[half..]).await.expect("second half");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("the answer");
    let text = String::from_utf8_lossy(&raw);
    assert!(text.starts_with("HTTP/1.1 201"), "{text}");
    assert!(text.contains(r#""outcome":"stored""#), "{text}");
    let status = server.wait().await.expect("the server stops");
    assert!(status.success(), "a clean shutdown: {status}");
}

#[tokio::test]
async fn the_demo_story_through_the_real_server() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    for (name, role) in ACCOUNTS {
        add_user(&data, name, role);
    }
    let listed = Command::new(BIN)
        .args(["user", "list", "--data"])
        .arg(&data)
        .output()
        .expect("list");
    assert_eq!(
        String::from_utf8_lossy(&listed.stdout).lines().count(),
        ACCOUNTS.len()
    );

    let (mut server, addr) = start(&data).await;
    assert!(
        data.join("digilyft.sqlite").is_file(),
        "the store is created on first start"
    );

    let admin = login(&addr, "u300").await;
    let clerk = login(&addr, "u900").await;
    let manager = login(&addr, "u200").await;

    // The demo's step 2: every sample file, before any rule set is active.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/samples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("samples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    for file in &files {
        let name = file
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        upload(&addr, &clerk, &name, &std::fs::read(file).expect("sample")).await;
    }

    // The approval story: the attestförteckning by u300, then the sample invoices.
    let wb = samples::attestforteckning().expect("workbook");
    let (status, body) = request(
        &addr,
        "POST",
        "/v1/rules?name=attestforteckning.xlsx&decision_ref=KS%202024-12-04%20%C2%A7%20112",
        Some(&admin),
        "application/octet-stream",
        &wb,
    )
    .await;
    assert_eq!(status, 201, "{}", String::from_utf8_lossy(&body));
    let version = serde_json::from_slice::<Value>(&body).expect("json")["version"]
        .as_i64()
        .expect("version");
    let (status, body) = call(
        &addr,
        "POST",
        &format!("/v1/rules/{version}/activate"),
        Some(&admin),
        Value::Null,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let day = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("day");
    for (name, bytes) in samples::invoices(day) {
        upload(&addr, &clerk, &name, &bytes).await;
    }

    let story = [
        ("KN-2041", "ATTEST", "u230"),
        ("KN-2041", "ATTEST", "u240"),
        ("OP-118", "ATTEST", "u230"),
        ("OP-118", "ATTEST", "u210"),
        ("OP-118", "ATTEST", "u200"),
        ("KG-77", "ATTEST", "u230"),
        ("KG-77", "ATTEST", "u200"),
        ("KG-77", "ATTEST", "u200"),
        ("KG-77", "ATTEST", "u100"),
        ("KG-78", "DISPUTE", "u230"),
        ("KN-2042", "ATTEST", "u310"),
        ("KN-2042", "RETURN", "u320"),
    ];
    let mut log = Vec::new();
    for (number, decision, person) in story {
        let id = row(&addr, &manager, number).await["id"]
            .as_i64()
            .expect("the invoice");
        let (_, detail) = call(
            &addr,
            "GET",
            &format!("/v1/invoices/{id}"),
            Some(&manager),
            Value::Null,
        )
        .await;
        let open = detail["steps"]
            .as_array()
            .is_some_and(|s| s.iter().any(|s| s["state"] == "OPEN"));
        if !open {
            continue;
        }
        let token = login(&addr, person).await;
        let (status, r) = call(
            &addr,
            "POST",
            "/v1/decisions",
            Some(&token),
            json!({"invoice": number, "decision": decision}),
        )
        .await;
        assert_eq!(status, 200, "{number} {decision} by {person}: {r}");
        log.push(format!(
            "{number} {decision} {person}: {} {} {}",
            r["outcome"], r["reason_code"], r["reason"]
        ));
    }
    for (number, expected) in [
        ("KN-2041", "attested"),
        ("OP-118", "attested"),
        ("KG-77", "attested"),
        ("KG-78", "disputed"),
        ("TB-2611", "attested"),
        ("KN-2043", "unrouted"),
        ("KN-2042", "returned"),
    ] {
        assert_eq!(
            row(&addr, &manager, number).await["state"],
            expected,
            "{number}: {log:#?}"
        );
    }
    assert!(
        log.iter()
            .any(|l| l.contains("jav-supplier") || l.contains("jävig")),
        "{log:#?}"
    );
    let (status, verify) = call(&addr, "GET", "/v1/audit/verify", Some(&admin), Value::Null).await;
    assert_eq!(status, 200);
    assert_eq!(verify["intact"], true, "{verify}");
    let (_, head) = call(&addr, "GET", "/v1/audit/head", Some(&clerk), Value::Null).await;
    assert_eq!(head["head"]["seq"], verify["events"]);

    terminate(&server);
    let status = server.wait().await.expect("the server stops");
    assert!(status.success(), "a clean shutdown on SIGTERM: {status}");
}

/// `device list`, `device revoke`, `user set-role` and `user disable` on the command line while
/// the server runs: the revoked device's next request is refused `device-revoked`, the role
/// change ends the sessions, and each change is an event of the audit log.
#[tokio::test]
async fn device_and_account_changes_on_the_command_line_are_refused_and_audited() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    add_user(&data, "u230", "attestant");
    let (mut server, addr) = start(&data).await;
    let anna = login(&addr, "u230").await;
    let (status, device) = call(
        &addr,
        "POST",
        "/v1/devices",
        Some(&anna),
        json!({"name": "Annas bärbara"}),
    )
    .await;
    assert_eq!(status, 201, "{device}");
    let id = device["device_id"].as_str().expect("id").to_string();
    let inbox = |addr: String, token: String, id: String| async move {
        let (status, body) = request_with(
            &addr,
            "GET",
            "/v1/inbox",
            Some(&token),
            &[("Device-Id", &id)],
            &[],
        )
        .await;
        (
            status,
            serde_json::from_slice::<Value>(&body).unwrap_or(Value::Null),
        )
    };
    assert_eq!(inbox(addr.clone(), anna.clone(), id.clone()).await.0, 200);

    let cli = |args: &[&str]| {
        let out = Command::new(BIN)
            .args(args)
            .arg("--data")
            .arg(&data)
            .output()
            .expect("run the command line");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let listed = cli(&["device", "list"]);
    assert!(
        listed.starts_with(&id) && listed.contains("u230") && listed.contains("active"),
        "{listed}"
    );
    assert!(cli(&["device", "revoke", &id]).starts_with("revoked"));
    assert!(cli(&["device", "list"]).contains("revoked"));

    let (status, problem) = inbox(addr.clone(), anna.clone(), id.clone()).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (403, Some("device-revoked")),
        "{problem}"
    );

    assert!(cli(&["user", "set-role", "u230", "manager"]).contains("attestant → manager"));
    let (status, _) = call(&addr, "GET", "/v1/inbox", Some(&anna), Value::Null).await;
    assert_eq!(status, 401, "a role change ends the account's sessions");
    cli(&["user", "disable", "u230"]);
    terminate(&server);
    assert!(server.wait().await.expect("stops").success());

    let ws = digilyft_core::api::Workspace::open_file(&data.join("digilyft.sqlite")).expect("ws");
    let kinds: Vec<String> = digilyft_core::api::audit::events(&ws)
        .expect("events")
        .into_iter()
        .map(|e| format!("{} by {}", e.event.kind, e.event.actor))
        .collect();
    let cli_actor = "digilyft-server (command line)";
    assert_eq!(
        kinds,
        [
            format!("account.added by {cli_actor}"),
            "account.login by u230".to_string(),
            format!("device.revoked by {cli_actor}"),
            format!("account.role-changed by {cli_actor}"),
            format!("account.disabled by {cli_actor}"),
        ]
    );
}

/// A TLS client that trusts only `ca` (DER), for `localhost`.
fn tls_client(ca: &[u8]) -> tokio_rustls::TlsConnector {
    let mut roots = tokio_rustls::rustls::RootCertStore::empty();
    roots
        .add(tokio_rustls::rustls::pki_types::CertificateDer::from(
            ca.to_vec(),
        ))
        .expect("the test certificate");
    #[allow(deprecated)] // the server's provider (see server/src/tls.rs)
    let provider = tokio_rustls::rustls::crypto::ring::default_provider();
    let config =
        tokio_rustls::rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(provider))
            .with_safe_default_protocol_versions()
            .expect("versions")
            .with_root_certificates(roots)
            .with_no_client_auth();
    tokio_rustls::TlsConnector::from(std::sync::Arc::new(config))
}

/// `GET path` over TLS to `addr` as `localhost`: the raw answer, or the handshake's error.
async fn https_get(
    connector: &tokio_rustls::TlsConnector,
    addr: &str,
    path: &str,
) -> std::io::Result<String> {
    let tcp = tokio::net::TcpStream::connect(addr).await?;
    let name = tokio_rustls::rustls::pki_types::ServerName::try_from("localhost").expect("a name");
    let mut tls = connector.connect(name, tcp).await?;
    let head = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    tls.write_all(head.as_bytes()).await?;
    let mut raw = Vec::new();
    // A peer that closes without close_notify is an error for rustls; what came is enough.
    let _ = tls.read_to_end(&mut raw).await;
    Ok(String::from_utf8_lossy(&raw).to_string())
}

/// With a certificate and key the server speaks HTTPS (a self-signed certificate made here,
/// checked by a rustls client), refuses plain HTTP on that port, and a client that does not
/// trust the certificate cannot connect. Without them a non-loopback address is refused.
#[tokio::test]
async fn tls_with_a_certificate_and_plain_http_only_on_loopback() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).expect("rcgen");
    let (cert_path, key_path) = (tmp.path().join("cert.pem"), tmp.path().join("key.pem"));
    std::fs::write(&cert_path, cert.cert.pem()).expect("cert");
    std::fs::write(&key_path, cert.signing_key.serialize_pem()).expect("key");
    let (cert_arg, key_arg) = (
        cert_path.to_string_lossy().to_string(),
        key_path.to_string_lossy().to_string(),
    );
    let (mut server, addr) = start_with(
        &data,
        &["--tls-cert", &cert_arg, "--tls-key", &key_arg],
        "https",
    )
    .await;

    let trusting = tls_client(cert.cert.der());
    let answer = https_get(&trusting, &addr, "/v1/meta").await.expect("TLS");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("server_time"), "{answer}");

    let stranger =
        rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).expect("rcgen");
    let distrusting = tls_client(stranger.cert.der());
    assert!(
        https_get(&distrusting, &addr, "/v1/meta").await.is_err(),
        "a certificate the client does not trust fails the handshake"
    );

    let mut plain = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    plain
        .write_all(b"GET /v1/meta HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let mut raw = Vec::new();
    let _ = plain.read_to_end(&mut raw).await;
    assert!(
        !raw.starts_with(b"HTTP/1.1 200"),
        "no plain HTTP on the TLS port"
    );

    terminate(&server);
    assert!(server.wait().await.expect("stops").success());

    let refused = Command::new(BIN)
        .args(["serve", "--addr", "0.0.0.0:0", "--data"])
        .arg(&data)
        .output()
        .expect("run");
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("refusing plain HTTP"), "{stderr}");
    let half = Command::new(BIN)
        .args(["serve", "--tls-cert", &cert_arg, "--data"])
        .arg(&data)
        .output()
        .expect("run");
    assert_eq!(half.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&half.stderr).contains("--tls-key"));
}
