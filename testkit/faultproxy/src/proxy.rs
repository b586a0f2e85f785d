//! The proxy itself: accepts client connections on loopback, serves HTTP/1.1 with hyper, and
//! for each request applies the [`Mode`] its rules choose, forwarding to the upstream on a
//! fresh connection per copy. Requests and responses are buffered whole (at most
//! [`Config::max_body_bytes`], checked while reading), so every fault acts on complete messages.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{self, HeaderMap, HeaderName, HeaderValue};
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde::{Deserialize, Serialize};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use crate::body::ProxyBody;
use crate::counters::{Counters, Snapshot, add, bump};
use crate::reorder::{self, Open};
use crate::rng::Rng;
use crate::rules::{self, BadRule, DupOrder, Mode, Rule};

/// How a proxy is started.
#[derive(Debug, Clone)]
pub struct Config {
    /// The server requests go to (loopback).
    pub upstream: SocketAddr,
    /// Where clients connect (loopback; port 0 picks one).
    pub listen: SocketAddr,
    /// The admin API's address (loopback), or None for none.
    pub admin: Option<SocketAddr>,
    /// The RNG seed (print it: the run is reproduced by it).
    pub seed: u64,
    /// The initial rules.
    pub rules: Vec<Rule>,
    /// The longest one upstream exchange may take (above the server's long-poll `wait`).
    pub upstream_timeout: Duration,
    /// The largest request or response body.
    pub max_body_bytes: usize,
}

impl Config {
    /// Defaults: listen on `127.0.0.1:0`, no admin port, no rules, a 45 s upstream timeout
    /// (above sync's 30 s long-poll), bodies up to 16 MiB.
    pub fn new(upstream: SocketAddr, seed: u64) -> Self {
        Config {
            upstream,
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            admin: None,
            seed,
            rules: Vec::new(),
            upstream_timeout: Duration::from_secs(45),
            max_body_bytes: 16 << 20,
        }
    }
}

/// Why a proxy cannot start or take a setting.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Traffic stays on this machine.
    #[error(
        "{what} {addr} is not a loopback address: the fault proxy serves and forwards on loopback only"
    )]
    NotLoopback {
        /// Which address.
        what: &'static str,
        /// The address given.
        addr: SocketAddr,
    },
    /// Binding a listener failed.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// A rule is invalid.
    #[error(transparent)]
    Rule(#[from] BadRule),
}

/// A rule and how often it applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArmedRule {
    /// The rule.
    #[serde(flatten)]
    pub rule: Rule,
    /// Times it applied.
    pub hits: u64,
}

/// What every connection shares.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) rules: Mutex<Vec<ArmedRule>>,
    pub(crate) counters: Counters,
    pub(crate) rng: Mutex<Rng>,
    pub(crate) window: Mutex<Option<Open>>,
    pub(crate) upstream: SocketAddr,
    pub(crate) upstream_timeout: Duration,
    pub(crate) max_body_bytes: usize,
    pub(crate) seed: u64,
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A running proxy; dropping it stops accepting (connections in flight finish on their own).
#[derive(Debug)]
pub struct FaultProxy {
    addr: SocketAddr,
    admin_addr: Option<SocketAddr>,
    seed: u64,
    shared: Arc<Shared>,
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

fn loopback(what: &'static str, addr: SocketAddr) -> Result<(), Error> {
    if addr.ip().is_loopback() {
        Ok(())
    } else {
        Err(Error::NotLoopback { what, addr })
    }
}

async fn bind(addr: SocketAddr) -> Result<TcpListener, Error> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| Error::Bind { addr, source })
}

impl FaultProxy {
    /// Checks the addresses and rules, binds the listeners and starts serving (on the current
    /// tokio runtime).
    pub async fn start(config: Config) -> Result<Self, Error> {
        loopback("upstream", config.upstream)?;
        loopback("listen", config.listen)?;
        if let Some(a) = config.admin {
            loopback("admin", a)?;
        }
        rules::validate(&config.rules)?;
        let shared = Arc::new(Shared {
            rules: Mutex::new(armed(config.rules)),
            counters: Counters::default(),
            rng: Mutex::new(Rng::new(config.seed)),
            window: Mutex::new(None),
            upstream: config.upstream,
            upstream_timeout: config.upstream_timeout,
            max_body_bytes: config.max_body_bytes,
            seed: config.seed,
        });
        let listener = bind(config.listen).await?;
        let addr = local(&listener, config.listen)?;
        let mut tasks = vec![tokio::spawn(accept(listener, shared.clone(), Role::Proxy))];
        let admin_addr = match config.admin {
            Some(a) => {
                let l = bind(a).await?;
                let bound = local(&l, a)?;
                tasks.push(tokio::spawn(accept(l, shared.clone(), Role::Admin)));
                Some(bound)
            }
            None => None,
        };
        Ok(FaultProxy {
            addr,
            admin_addr,
            seed: config.seed,
            shared,
            tasks,
        })
    }

    /// Where clients connect.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The admin API's address, if it has one.
    pub fn admin_addr(&self) -> Option<SocketAddr> {
        self.admin_addr
    }

    /// The RNG seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Replaces the rules (their hit counts start at 0).
    pub fn set_rules(&self, rules: Vec<Rule>) -> Result<(), BadRule> {
        self.shared.set_rules(rules)
    }

    /// One mode for every request.
    pub fn set_mode(&self, mode: Mode) -> Result<(), BadRule> {
        self.set_rules(vec![Rule::all(mode)])
    }

    /// The rules and their hit counts.
    pub fn rules(&self) -> Vec<ArmedRule> {
        lock(&self.shared.rules).clone()
    }

    /// The counters now.
    pub fn counters(&self) -> Snapshot {
        self.shared.counters.snapshot()
    }

    /// Sets every counter to 0.
    pub fn reset_counters(&self) {
        self.shared.counters.reset();
    }
}

fn armed(rules: Vec<Rule>) -> Vec<ArmedRule> {
    rules
        .into_iter()
        .map(|rule| ArmedRule { rule, hits: 0 })
        .collect()
}

fn local(l: &TcpListener, asked: SocketAddr) -> Result<SocketAddr, Error> {
    l.local_addr().map_err(|source| Error::Bind {
        addr: asked,
        source,
    })
}

#[derive(Debug, Clone, Copy)]
enum Role {
    Proxy,
    Admin,
}

/// Serves one listener until the proxy is dropped (the task is aborted then).
async fn accept(listener: TcpListener, shared: Arc<Shared>, role: Role) {
    loop {
        let stream = match listener.accept().await {
            Ok((s, _)) => s,
            Err(_) => {
                // Out of descriptors or similar: back off instead of spinning.
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let shared = shared.clone();
        tokio::spawn(async move {
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new());
            match role {
                Role::Admin => {
                    let svc = service_fn(move |req| crate::admin::handle(shared.clone(), req));
                    let _ = http.serve_connection(TokioIo::new(stream), svc).await;
                }
                Role::Proxy => {
                    let Ok((stream, sock)) = with_socket_handle(stream) else {
                        return;
                    };
                    let sock = Arc::new(sock);
                    let svc = service_fn(move |req| handle(shared.clone(), sock.clone(), req));
                    let _ = http.serve_connection(TokioIo::new(stream), svc).await;
                }
            }
        });
    }
}

/// The stream and a second handle on the same socket, for setting `SO_LINGER` while hyper
/// owns the stream. The socket closes when both are dropped (hyper's on the connection's end;
/// ours with the service).
fn with_socket_handle(s: TcpStream) -> std::io::Result<(TcpStream, std::net::TcpStream)> {
    let std = s.into_std()?;
    let dup = std.try_clone()?;
    Ok((TcpStream::from_std(std)?, dup))
}

impl Shared {
    fn set_rules(&self, rules: Vec<Rule>) -> Result<(), BadRule> {
        rules::validate(&rules)?;
        *lock(&self.rules) = armed(rules);
        Ok(())
    }

    /// The mode for a request: the first matching rule not used up whose draw succeeds.
    fn choose(&self, method: &str, path: &str) -> Mode {
        let mut rules = lock(&self.rules);
        for a in rules.iter_mut() {
            if !a.rule.matches(method, path) || a.rule.limit.is_some_and(|l| a.hits >= l) {
                continue;
            }
            if a.rule.probability < 1.0 && !lock(&self.rng).chance(a.rule.probability) {
                continue;
            }
            a.hits += 1;
            return a.rule.mode.clone();
        }
        Mode::Pass
    }

    fn jittered(&self, ms: u64, jitter_ms: u64) -> Duration {
        let spread = lock(&self.rng).below(2 * jitter_ms + 1);
        Duration::from_millis((ms + spread).saturating_sub(jitter_ms))
    }
}

/// A request as it is forwarded.
#[derive(Debug, Clone)]
struct Forward {
    method: Method,
    path: String,
    headers: HeaderMap,
    body: Bytes,
}

/// An upstream answer, buffered.
#[derive(Debug, Clone)]
struct Upstream {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

/// Headers that belong to one connection, not to the message.
const HOP_BY_HOP: &[HeaderName] = &[
    header::CONNECTION,
    header::TE,
    header::TRAILER,
    header::TRANSFER_ENCODING,
    header::UPGRADE,
    header::PROXY_AUTHENTICATE,
    header::CONTENT_LENGTH,
    header::HOST,
];

fn end_to_end(mut h: HeaderMap) -> HeaderMap {
    for name in HOP_BY_HOP {
        h.remove(name);
    }
    h.remove("keep-alive");
    h.remove("proxy-connection");
    h
}

/// Why the proxy closed a client connection without (a whole) response; hyper closes the
/// connection on it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct Closed(&'static str);

async fn handle(
    shared: Arc<Shared>,
    sock: Arc<std::net::TcpStream>,
    req: Request<Incoming>,
) -> Result<Response<ProxyBody>, Closed> {
    let c = &shared.counters;
    bump(&c.requests);
    let mode = shared.choose(req.method().as_str(), req.uri().path());
    match mode {
        Mode::DropRequest => {
            bump(&c.dropped_requests);
            return Err(Closed("request dropped"));
        }
        Mode::Blackhole { hold_ms } => {
            bump(&c.blackholed);
            tokio::time::sleep(Duration::from_millis(hold_ms)).await;
            return Err(Closed("blackholed"));
        }
        Mode::InjectStatus {
            status,
            retry_after_secs,
        } => {
            bump(&c.injected_status);
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            let mut r = problem(status, "injected", "answered by digilyft-faultproxy");
            if let Some(s) = retry_after_secs {
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(s));
            }
            return Ok(r);
        }
        _ => {}
    }
    let (parts, body) = req.into_parts();
    let body = match Limited::new(body, shared.max_body_bytes).collect().await {
        Ok(b) => b.to_bytes(),
        Err(e) => {
            return Ok(problem(
                StatusCode::PAYLOAD_TOO_LARGE,
                "request-body",
                &format!(
                    "the request body could not be read within {} bytes: {e}",
                    shared.max_body_bytes
                ),
            ));
        }
    };
    let fwd = Forward {
        method: parts.method,
        path: parts
            .uri
            .path_and_query()
            .map_or_else(|| "/".to_string(), |p| p.as_str().to_string()),
        headers: end_to_end(parts.headers),
        body,
    };
    Ok(match mode {
        Mode::Delay { ms, jitter_ms } => {
            bump(&c.delayed);
            tokio::time::sleep(shared.jittered(ms, jitter_ms)).await;
            whole(send(&shared, &fwd).await)
        }
        Mode::ForwardThenDropResponse => {
            let _ = send(&shared, &fwd).await;
            bump(&c.dropped_responses);
            return Err(Closed("response dropped"));
        }
        Mode::Duplicate { k, order } => {
            add(&c.duplicates, u64::from(k.saturating_sub(1)));
            whole(duplicate(&shared, &fwd, k, order).await)
        }
        Mode::HoldAndReorder {
            window,
            max_hold_ms,
        } => {
            let turn = reorder::hold(&shared, window, Duration::from_millis(max_hold_ms)).await;
            let r = send(&shared, &fwd).await;
            drop(turn);
            whole(r)
        }
        Mode::TruncateBody => {
            bump(&c.truncated);
            cut(send(&shared, &fwd).await, None)
        }
        Mode::ResetMidStream => {
            bump(&c.resets);
            cut(send(&shared, &fwd).await, Some(sock))
        }
        Mode::Pass | Mode::DropRequest | Mode::Blackhole { .. } | Mode::InjectStatus { .. } => {
            bump(&c.passed);
            whole(send(&shared, &fwd).await)
        }
    })
}

/// `k` copies upstream; the first copy's answer.
async fn duplicate(
    shared: &Arc<Shared>,
    fwd: &Forward,
    k: u32,
    order: DupOrder,
) -> Result<Upstream, String> {
    match order {
        DupOrder::Sequential => {
            let first = send(shared, fwd).await;
            for _ in 1..k {
                let _ = send(shared, fwd).await;
            }
            first
        }
        DupOrder::Concurrent => {
            let copies: Vec<JoinHandle<Result<Upstream, String>>> = (0..k)
                .map(|_| {
                    let (s, f) = (shared.clone(), fwd.clone());
                    tokio::spawn(async move { send(&s, &f).await })
                })
                .collect();
            let mut first = None;
            for copy in copies {
                let r = copy
                    .await
                    .unwrap_or_else(|e| Err(format!("copy task: {e}")));
                first.get_or_insert(r);
            }
            first.unwrap_or_else(|| Err("no copy was sent".into()))
        }
    }
}

/// One upstream exchange, bounded by the upstream timeout.
async fn send(shared: &Shared, f: &Forward) -> Result<Upstream, String> {
    bump(&shared.counters.upstream_requests);
    let r = match tokio::time::timeout(shared.upstream_timeout, exchange(shared, f)).await {
        Ok(r) => r,
        Err(_) => Err(format!(
            "the upstream did not answer within {:?}",
            shared.upstream_timeout
        )),
    };
    if r.is_err() {
        bump(&shared.counters.upstream_errors);
    }
    r
}

async fn exchange(shared: &Shared, f: &Forward) -> Result<Upstream, String> {
    let up = shared.upstream;
    let stream = TcpStream::connect(up)
        .await
        .map_err(|e| format!("connecting to {up}: {e}"))?;
    let (mut sender, conn) =
        hyper::client::conn::http1::handshake::<_, Full<Bytes>>(TokioIo::new(stream))
            .await
            .map_err(|e| format!("handshake with {up}: {e}"))?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    let mut req = Request::builder()
        .method(f.method.clone())
        .uri(f.path.as_str())
        .body(Full::new(f.body.clone()))
        .map_err(|e| format!("building the request: {e}"))?;
    *req.headers_mut() = f.headers.clone();
    let host = HeaderValue::from_str(&up.to_string()).map_err(|e| format!("host: {e}"))?;
    req.headers_mut().insert(header::HOST, host);
    let resp = sender
        .send_request(req)
        .await
        .map_err(|e| format!("sending to {up}: {e}"))?;
    let (parts, body) = resp.into_parts();
    let body = Limited::new(body, shared.max_body_bytes)
        .collect()
        .await
        .map_err(|e| format!("reading the answer of {up}: {e}"))?
        .to_bytes();
    Ok(Upstream {
        status: parts.status,
        headers: end_to_end(parts.headers),
        body,
    })
}

fn whole(u: Result<Upstream, String>) -> Response<ProxyBody> {
    match u {
        Ok(u) => {
            let mut r = Response::new(ProxyBody::whole(u.body));
            *r.status_mut() = u.status;
            *r.headers_mut() = u.headers;
            r
        }
        Err(e) => problem(StatusCode::BAD_GATEWAY, "upstream", &e),
    }
}

/// The upstream's status and headers with its whole `Content-Length` (at least 1, so even an
/// empty body is cut), and the first half of the body.
fn cut(
    u: Result<Upstream, String>,
    reset: Option<Arc<std::net::TcpStream>>,
) -> Response<ProxyBody> {
    match u {
        Ok(u) => {
            let len = u.body.len();
            let prefix = u.body.slice(..len / 2);
            let mut r = Response::new(ProxyBody::cut(prefix, reset));
            *r.status_mut() = u.status;
            *r.headers_mut() = u.headers;
            r.headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(len.max(1)));
            r
        }
        Err(e) => problem(StatusCode::BAD_GATEWAY, "upstream", &e),
    }
}

/// An `application/problem+json` answer of the proxy's own.
pub(crate) fn problem(status: StatusCode, code: &str, detail: &str) -> Response<ProxyBody> {
    let body = serde_json::json!({
        "type": "about:blank",
        "title": status.canonical_reason().unwrap_or("error"),
        "status": status.as_u16(),
        "code": code,
        "detail": detail,
    });
    let mut r = Response::new(ProxyBody::whole(body.to_string()));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    r
}

impl Shared {
    pub(crate) fn rules_view(&self) -> Vec<ArmedRule> {
        lock(&self.rules).clone()
    }

    pub(crate) fn replace_rules(&self, rules: Vec<Rule>) -> Result<(), BadRule> {
        self.set_rules(rules)
    }
}
