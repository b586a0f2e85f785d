//! Each mode of the fault proxy against a tiny upstream (a hyper server that records the
//! requests it receives and answers `echo <method> <path> <body>`). Clients speak raw HTTP/1.1
//! over TCP so a test sees exactly what reached it: a whole response, a short body, or a
//! connection closed without a response. Every wait is bounded.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use digilyft_faultproxy::{Config, DupOrder, FaultProxy, Mode, Rule, Snapshot};
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const WAIT: Duration = Duration::from_secs(20);
const SEED: u64 = 20261204;

/// The upstream: the paths it received, in arrival order.
#[derive(Clone, Default)]
struct Upstream {
    seen: Arc<Mutex<Vec<String>>>,
}

impl Upstream {
    async fn start() -> (Upstream, SocketAddr) {
        let up = Upstream::default();
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let seen = up.seen.clone();
        tokio::spawn(async move {
            loop {
                let Ok((s, _)) = listener.accept().await else {
                    continue;
                };
                let seen = seen.clone();
                tokio::spawn(async move {
                    let svc = service_fn(move |req: Request<hyper::body::Incoming>| {
                        let seen = seen.clone();
                        async move {
                            let (parts, body) = req.into_parts();
                            let body = body.collect().await?.to_bytes();
                            seen.lock()
                                .expect("seen")
                                .push(parts.uri.path().to_string());
                            let text = format!(
                                "echo {} {} {}",
                                parts.method,
                                parts.uri.path(),
                                String::from_utf8_lossy(&body)
                            );
                            Ok::<_, hyper::Error>(Response::new(Full::new(Bytes::from(text))))
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(s), svc)
                        .await;
                });
            }
        });
        (up, addr)
    }

    fn seen(&self) -> Vec<String> {
        self.seen.lock().expect("seen").clone()
    }

    /// Waits (bounded) until `n` requests arrived.
    async fn wait_for(&self, n: usize) {
        let deadline = Instant::now() + WAIT;
        while self.seen().len() < n {
            assert!(Instant::now() < deadline, "upstream saw {:?}", self.seen());
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

/// What a client got.
#[derive(Debug)]
enum Got {
    /// Nothing: the connection ended before any response head (`clean`: with EOF, not an
    /// error such as a reset).
    NoResponse { clean: bool },
    /// A response head and the body bytes that arrived; `complete` when the body has its
    /// declared length and the connection ended cleanly.
    Response {
        status: u16,
        head: String,
        body: Vec<u8>,
        declared: Option<usize>,
        complete: bool,
        /// The connection ended with EOF (FIN), not an error such as a reset.
        clean: bool,
    },
}

impl Got {
    fn status(&self) -> u16 {
        match self {
            Got::Response { status, .. } => *status,
            Got::NoResponse { .. } => panic!("no response"),
        }
    }

    fn body(&self) -> String {
        match self {
            Got::Response { body, .. } => String::from_utf8_lossy(body).to_string(),
            Got::NoResponse { .. } => panic!("no response"),
        }
    }

    fn header(&self, name: &str) -> Option<String> {
        let Got::Response { head, .. } = self else {
            return None;
        };
        head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    }
}

async fn call(addr: SocketAddr, method: &str, path: &str, body: &str) -> Got {
    tokio::time::timeout(WAIT, raw(addr, method, path, body))
        .await
        .expect("the call ended in time")
}

async fn raw(addr: SocketAddr, method: &str, path: &str, body: &str) -> Got {
    let mut s = TcpStream::connect(addr).await.expect("connect");
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    if s.write_all(req.as_bytes()).await.is_err() {
        return Got::NoResponse { clean: false };
    }
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    let clean = loop {
        match s.read(&mut buf).await {
            Ok(0) => break true,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(_) => break false,
        }
    };
    let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Got::NoResponse { clean };
    };
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let body = raw[split + 4..].to_vec();
    let declared = head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| v.trim().parse().ok())?
    });
    let complete = clean && declared.is_none_or(|d| d == body.len());
    Got::Response {
        status,
        head,
        body,
        declared,
        complete,
        clean,
    }
}

async fn proxy(up: SocketAddr, rules: Vec<Rule>) -> FaultProxy {
    let mut c = Config::new(up, SEED);
    c.rules = rules;
    FaultProxy::start(c).await.expect("proxy")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pass_forwards_unchanged() {
    let (up, addr) = Upstream::start().await;
    let p = proxy(addr, vec![]).await;
    let got = call(p.addr(), "POST", "/v1/sync/mutations", "hej").await;
    assert_eq!(
        (got.status(), got.body()),
        (200, "echo POST /v1/sync/mutations hej".to_string())
    );
    assert_eq!(up.seen(), vec!["/v1/sync/mutations"]);
    let c = p.counters();
    assert_eq!((c.requests, c.passed, c.upstream_requests), (1, 1, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delay_waits_before_forwarding() {
    let (_up, addr) = Upstream::start().await;
    let p = proxy(
        addr,
        vec![Rule::all(Mode::Delay {
            ms: 300,
            jitter_ms: 100,
        })],
    )
    .await;
    let t = Instant::now();
    assert_eq!(call(p.addr(), "GET", "/x", "").await.status(), 200);
    assert!(
        t.elapsed() >= Duration::from_millis(200),
        "{:?}",
        t.elapsed()
    );
    assert_eq!(p.counters().delayed, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drop_request_never_reaches_the_upstream() {
    let (up, addr) = Upstream::start().await;
    let p = proxy(addr, vec![Rule::all(Mode::DropRequest)]).await;
    assert!(matches!(
        call(p.addr(), "POST", "/x", "a").await,
        Got::NoResponse { .. }
    ));
    assert!(up.seen().is_empty());
    assert_eq!(
        (
            p.counters().dropped_requests,
            p.counters().upstream_requests
        ),
        (1, 0)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forward_then_drop_response_reaches_the_upstream_once_and_the_client_gets_nothing() {
    let (up, addr) = Upstream::start().await;
    let p = proxy(
        addr,
        vec![Rule::on(
            "POST",
            "/v1/sync/mutations",
            Mode::ForwardThenDropResponse,
        )],
    )
    .await;
    assert!(matches!(
        call(p.addr(), "POST", "/v1/sync/mutations", "m1").await,
        Got::NoResponse { .. }
    ));
    assert_eq!(up.seen(), vec!["/v1/sync/mutations"]);
    // Other routes pass.
    assert_eq!(call(p.addr(), "GET", "/v1/meta", "").await.status(), 200);
    let c = p.counters();
    assert_eq!(
        (c.dropped_responses, c.upstream_requests, c.passed),
        (1, 2, 1)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duplicate_reaches_the_upstream_k_times() {
    for order in [DupOrder::Concurrent, DupOrder::Sequential] {
        let (up, addr) = Upstream::start().await;
        let p = proxy(addr, vec![Rule::all(Mode::Duplicate { k: 3, order })]).await;
        let got = call(p.addr(), "POST", "/d", "x").await;
        assert_eq!(
            (got.status(), got.body()),
            (200, "echo POST /d x".to_string())
        );
        up.wait_for(3).await;
        assert_eq!(up.seen(), vec!["/d"; 3], "{order:?}");
        assert_eq!(
            (p.counters().duplicates, p.counters().upstream_requests),
            (2, 3)
        );
    }
}

/// Sends `/r/0` … `/r/{n-1}`, each from its own client, one after another once the previous
/// one is held, and returns the order the upstream saw.
async fn reordered(seed: u64, n: usize) -> Vec<String> {
    let (up, addr) = Upstream::start().await;
    let mut c = Config::new(addr, seed);
    c.rules = vec![Rule::on(
        "POST",
        "/r/",
        Mode::HoldAndReorder {
            window: n,
            max_hold_ms: 10_000,
        },
    )];
    let p = FaultProxy::start(c).await.expect("proxy");
    let target = p.addr();
    let mut clients = Vec::new();
    for i in 0..n {
        clients.push(tokio::spawn(async move {
            call(target, "POST", &format!("/r/{i}"), "").await
        }));
        let deadline = Instant::now() + WAIT;
        while p.counters().held < i as u64 + 1 {
            assert!(Instant::now() < deadline, "request {i} was not held");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    for (i, c) in clients.into_iter().enumerate() {
        let got = c.await.expect("client");
        assert_eq!(
            got.body(),
            format!("echo POST /r/{i} "),
            "each client gets its own answer"
        );
    }
    assert_eq!(p.counters().held, n as u64);
    assert!(p.counters().reordered >= 2);
    up.seen()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hold_and_reorder_changes_the_arrival_order_deterministically() {
    let sent: Vec<String> = (0..6).map(|i| format!("/r/{i}")).collect();
    let first = reordered(SEED, 6).await;
    let again = reordered(SEED, 6).await;
    let mut sorted = first.clone();
    sorted.sort();
    assert_eq!(sorted, sent, "every request arrives once");
    assert_ne!(first, sent, "the order changed");
    assert_eq!(first, again, "the same seed gives the same order");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hold_and_reorder_releases_a_partial_window_after_max_hold() {
    let (up, addr) = Upstream::start().await;
    let p = proxy(
        addr,
        vec![Rule::all(Mode::HoldAndReorder {
            window: 8,
            max_hold_ms: 200,
        })],
    )
    .await;
    assert_eq!(call(p.addr(), "GET", "/alone", "").await.status(), 200);
    assert_eq!(up.seen(), vec!["/alone"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn truncate_body_sends_less_than_content_length() {
    let (_up, addr) = Upstream::start().await;
    let p = proxy(addr, vec![Rule::all(Mode::TruncateBody)]).await;
    match call(p.addr(), "GET", "/long/path/for/a/body", "0123456789").await {
        Got::Response {
            status,
            body,
            declared,
            complete,
            clean,
            ..
        } => {
            let declared = declared.expect("a Content-Length");
            assert_eq!(status, 200);
            assert_eq!(declared, "echo GET /long/path/for/a/body 0123456789".len());
            assert!(
                body.len() < declared && !body.is_empty(),
                "{} of {declared}",
                body.len()
            );
            assert!(!complete);
            assert!(
                clean,
                "truncation closes cleanly; a reset is reset_mid_stream"
            );
        }
        Got::NoResponse { .. } => panic!("a response head was expected"),
    }
    assert_eq!(p.counters().truncated, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_mid_stream_never_delivers_a_whole_body() {
    let (up, addr) = Upstream::start().await;
    let p = proxy(addr, vec![Rule::all(Mode::ResetMidStream)]).await;
    match call(p.addr(), "GET", "/reset", "abcdefgh").await {
        Got::Response {
            complete, clean, ..
        } => assert!(!complete && !clean, "a reset, not a clean close"),
        Got::NoResponse { clean } => assert!(!clean, "a reset, not a clean close"),
    }
    assert_eq!(up.seen(), vec!["/reset"]);
    assert_eq!(p.counters().resets, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inject_status_answers_503_with_retry_after_without_forwarding() {
    let (up, addr) = Upstream::start().await;
    let p = proxy(
        addr,
        vec![Rule::all(Mode::InjectStatus {
            status: 503,
            retry_after_secs: Some(7),
        })],
    )
    .await;
    let got = call(p.addr(), "POST", "/v1/sync/mutations", "x").await;
    assert_eq!(got.status(), 503);
    assert_eq!(got.header("retry-after").as_deref(), Some("7"));
    assert_eq!(
        got.header("content-type").as_deref(),
        Some("application/problem+json")
    );
    assert!(up.seen().is_empty());
    assert_eq!(p.counters().injected_status, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blackhole_holds_then_closes_without_an_answer() {
    let (up, addr) = Upstream::start().await;
    let p = proxy(addr, vec![Rule::all(Mode::Blackhole { hold_ms: 300 })]).await;
    let t = Instant::now();
    assert!(matches!(
        call(p.addr(), "GET", "/", "").await,
        Got::NoResponse { .. }
    ));
    assert!(t.elapsed() >= Duration::from_millis(300));
    assert!(up.seen().is_empty());
    assert_eq!(p.counters().blackholed, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_and_seeded_probabilities_choose_the_same_requests() {
    let (_up, addr) = Upstream::start().await;
    let p = proxy(addr, vec![Rule::all(Mode::DropRequest).with_limit(2)]).await;
    let mut dropped = 0;
    for _ in 0..4 {
        if matches!(call(p.addr(), "GET", "/", "").await, Got::NoResponse { .. }) {
            dropped += 1;
        }
    }
    assert_eq!((dropped, p.rules()[0].hits), (2, 2));
    // The same seed drops the same requests.
    let pattern = |p: FaultProxy| async move {
        let mut v = Vec::new();
        for _ in 0..12 {
            v.push(matches!(
                call(p.addr(), "GET", "/", "").await,
                Got::NoResponse { .. }
            ));
        }
        v
    };
    let a = pattern(
        proxy(
            addr,
            vec![Rule::all(Mode::DropRequest).with_probability(0.5)],
        )
        .await,
    )
    .await;
    let b = pattern(
        proxy(
            addr,
            vec![Rule::all(Mode::DropRequest).with_probability(0.5)],
        )
        .await,
    )
    .await;
    assert_eq!(a, b);
    assert!(a.contains(&true) && a.contains(&false), "{a:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_api_changes_rules_and_reads_counters() {
    let (up, addr) = Upstream::start().await;
    let mut c = Config::new(addr, SEED);
    c.admin = Some(SocketAddr::from(([127, 0, 0, 1], 0)));
    let p = FaultProxy::start(c).await.expect("proxy");
    let admin = p.admin_addr().expect("admin");
    let rules = r#"[{"method": "POST", "path_prefix": "/v1/sync/mutations", "mode": "forward_then_drop_response"}]"#;
    assert_eq!(call(admin, "PUT", "/rules", rules).await.status(), 204);
    assert!(matches!(
        call(p.addr(), "POST", "/v1/sync/mutations", "").await,
        Got::NoResponse { .. }
    ));
    let counters: Snapshot =
        serde_json::from_str(&call(admin, "GET", "/counters", "").await.body()).expect("counters");
    assert_eq!(
        (counters.dropped_responses, counters.upstream_requests),
        (1, 1)
    );
    assert_eq!(up.seen().len(), 1);
    let seed: serde_json::Value =
        serde_json::from_str(&call(admin, "GET", "/seed", "").await.body()).expect("seed");
    assert_eq!(seed["seed"], SEED);
    let bad = call(
        admin,
        "PUT",
        "/rules",
        r#"[{"mode": "duplicate", "k": 99, "order": "concurrent"}]"#,
    )
    .await;
    assert_eq!(bad.status(), 422);
    assert!(bad.body().contains("rule 0"), "{}", bad.body());
    assert_eq!(
        call(admin, "POST", "/counters/reset", "").await.status(),
        204
    );
    assert_eq!(p.counters(), Snapshot::default());
}

#[tokio::test]
async fn only_loopback_addresses_are_accepted() {
    let outside = SocketAddr::from(([192, 0, 2, 1], 80));
    let e = FaultProxy::start(Config::new(outside, 1))
        .await
        .expect_err("upstream");
    assert!(e.to_string().contains("not a loopback"), "{e}");
    let mut c = Config::new(SocketAddr::from(([127, 0, 0, 1], 9)), 1);
    c.listen = SocketAddr::from(([0, 0, 0, 0], 0));
    assert!(FaultProxy::start(c).await.is_err());
}

/// The binary prints its addresses and seed, takes rules on the command line and serves them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_prints_its_addresses_and_seed_and_applies_its_rules() {
    use tokio::io::AsyncBufReadExt;
    let (up, addr) = Upstream::start().await;
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_digilyft-faultproxy"))
        .args(["--upstream", &addr.to_string(), "--seed", "99", "--rules"])
        .arg(r#"[{"path_prefix": "/gone", "mode": "inject_status", "status": 503, "retry_after_secs": 3}]"#)
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn the binary");
    let mut lines = tokio::io::BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut next = async || {
        tokio::time::timeout(WAIT, lines.next_line())
            .await
            .expect("a line in time")
            .expect("read")
            .expect("a line")
    };
    let addr_of = |line: String, prefix: &str| -> SocketAddr {
        line.strip_prefix(prefix)
            .unwrap_or_else(|| panic!("{line:?}"))
            .parse()
            .expect("an address")
    };
    let proxy = addr_of(next().await, "proxy listening on http://");
    let admin = addr_of(next().await, "admin listening on http://");
    assert_eq!(next().await, "seed 99");
    let got = call(proxy, "GET", "/gone", "").await;
    assert_eq!(
        (got.status(), got.header("retry-after")),
        (503, Some("3".into()))
    );
    assert_eq!(call(proxy, "GET", "/here", "").await.status(), 200);
    assert_eq!(up.seen(), vec!["/here"]);
    let counters: Snapshot =
        serde_json::from_str(&call(admin, "GET", "/counters", "").await.body()).expect("counters");
    assert_eq!((counters.injected_status, counters.passed), (1, 1));
    child.kill().await.expect("kill");
}
