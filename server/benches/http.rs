//! The server under load over loopback HTTP (issue 11 item 8, SQLite backend):
//!
//! * **decisions**: 50 concurrent clients × 1,000 decisions (`POST /v1/decisions`, each client on
//!   its own keep-alive connection, one request at a time): throughput and p50/p99 latency;
//! * **inbox**: `GET /v1/inbox` of one attestant (500 open steps) in a store of 100,000 invoices:
//!   p50/p99 over 1,000 sequential requests.
//!
//! The store is an on-disk workspace (core's store: WAL, synchronous=NORMAL) with the sample
//! attestförteckning active. It holds 25,500 copies of the demo's KN-2041 (routed to u230, then
//! u240) and 74,500 copies of KN-2043 (no flow matches: unrouted, in nobody's inbox), imported
//! through `core::api` before the server starts. Each client decides its 500 invoices as u230 then
//! u240 (ATTEST), so all 50,000 decisions are accepted ones that advance a step. The server runs
//! in this process (the real router and state over the store), on the same 2 cores as the
//! clients. Plain `main` (harness = false): `cargo bench -p digilyft-server --bench http`.
//! `BENCH_SCALE=10` divides every count by 10 for a quick look.

use std::path::Path;
use std::time::{Duration, Instant};

use digilyft_core::api::{self, Context, DayClock, UuidV7Ids, Workspace};
use digilyft_server::account_store::AccountStore;
use digilyft_server::auth::{Role, add_account};
use digilyft_server::config::Limits;
use digilyft_server::{AppState, app};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const PASSWORD: &str = "a long enough password";
const CLIENTS: usize = 50;
const DECISIONS_PER_CLIENT: usize = 1_000;
const INBOX_OPEN: usize = 500;
const STORE_INVOICES: usize = 100_000;
const INBOX_REQUESTS: usize = 1_000;

fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("a date")
}

/// The sample document `number` as copy `i` (a new invoice number, the rest unchanged).
fn copies(
    template: &(String, Vec<u8>),
    number: &str,
    range: std::ops::Range<usize>,
) -> Vec<(String, Vec<u8>)> {
    let text = String::from_utf8_lossy(&template.1).to_string();
    range
        .map(|i| {
            let n = format!("{number}-{i:06}");
            (format!("{n}.xml"), text.replace(number, &n).into_bytes())
        })
        .collect()
}

/// Builds the store in `dir`: the sample rules active, `routed` KN-2041 copies, `unrouted`
/// KN-2043 copies.
fn build_store(dir: &Path, routed: usize, unrouted: usize) {
    let clock = DayClock::new(day());
    let ids = UuidV7Ids;
    let ctx = Context::new(&clock, &ids).acting_as("u300");
    let mut ws = Workspace::open_file(&dir.join("digilyft.sqlite")).expect("workspace");
    let wb = api::samples::attestforteckning().expect("workbook");
    match api::rules::import_workbook(&mut ws, &ctx, "attestforteckning.xlsx", &wb, "KS 1", false)
        .expect("rules")
    {
        api::rules::RulesImport::Stored { version, .. } => {
            api::rules::activate(&mut ws, &ctx, Some(version)).expect("activate");
        }
        other => panic!("the sample workbook was refused: {other:?}"),
    }
    let samples = api::samples::invoices(day());
    let kn2041 = samples
        .iter()
        .find(|(n, _)| n == "KN-2041.xml")
        .expect("KN-2041");
    let kn2043 = samples
        .iter()
        .find(|(n, _)| n == "KN-2043.xml")
        .expect("KN-2043");
    let t = Instant::now();
    for start in (0..routed).step_by(1_000) {
        let docs = copies(kn2041, "KN-2041", start..(start + 1_000).min(routed));
        api::invoices::import_bytes(&mut ws, &ctx, docs).expect("import");
    }
    for start in (0..unrouted).step_by(1_000) {
        let docs = copies(kn2043, "KN-2043", start..(start + 1_000).min(unrouted));
        api::invoices::import_bytes(&mut ws, &ctx, docs).expect("import");
    }
    eprintln!(
        "store: {} invoices imported in {:.1} s",
        routed + unrouted,
        t.elapsed().as_secs_f64()
    );
    let mut accounts = AccountStore::open(&dir.join("accounts.sqlite")).expect("accounts");
    for person in ["u230", "u240"] {
        add_account(&mut accounts, person, person, Role::Attestant, PASSWORD, 0).expect("account");
    }
}

/// One keep-alive HTTP/1.1 connection.
struct Conn {
    reader: BufReader<TcpStream>,
    host: String,
}

impl Conn {
    async fn open(addr: &str) -> Conn {
        let stream = TcpStream::connect(addr).await.expect("connect");
        stream.set_nodelay(true).expect("nodelay");
        Conn {
            reader: BufReader::new(stream),
            host: addr.to_string(),
        }
    }

    /// One request; (status, body).
    async fn send(
        &mut self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: &[u8],
    ) -> (u16, Vec<u8>) {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            self.host,
            body.len()
        );
        if let Some(t) = token {
            head.push_str(&format!("Authorization: Bearer {t}\r\n"));
        }
        head.push_str("\r\n");
        let stream = self.reader.get_mut();
        stream.write_all(head.as_bytes()).await.expect("write");
        stream.write_all(body).await.expect("write");
        let mut line = String::new();
        self.reader.read_line(&mut line).await.expect("status line");
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("status");
        let mut length = 0usize;
        loop {
            line.clear();
            self.reader.read_line(&mut line).await.expect("header");
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                length = v.trim().parse().expect("length");
            }
        }
        let mut out = vec![0; length];
        self.reader.read_exact(&mut out).await.expect("body");
        (status, out)
    }
}

async fn login(addr: &str, name: &str) -> String {
    let mut c = Conn::open(addr).await;
    let body = serde_json::json!({"username": name, "password": PASSWORD}).to_string();
    let (status, reply) = c
        .send("POST", "/v1/auth/login", None, body.as_bytes())
        .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&reply));
    let v: serde_json::Value = serde_json::from_slice(&reply).expect("json");
    v["access_token"].as_str().expect("token").to_string()
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() {
    let scale: usize = std::env::var("BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
        .max(1);
    let clients = CLIENTS / scale.min(CLIENTS);
    let per_client = DECISIONS_PER_CLIENT / scale;
    let invoices_per_client = per_client / 2;
    let routed = clients * invoices_per_client + INBOX_OPEN / scale;
    let total = STORE_INVOICES / scale;
    let dir = tempfile::tempdir_in(
        std::env::var_os("CARGO_TARGET_DIR").unwrap_or_else(|| "target".into()),
    )
    .expect("tmp");
    build_store(dir.path(), routed, total.saturating_sub(routed));

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let ws = Workspace::open_file(&dir.path().join("digilyft.sqlite")).expect("workspace");
        let accounts = AccountStore::open(&dir.path().join("accounts.sqlite")).expect("accounts");
        let state = AppState::new(ws, accounts, Box::new(DayClock::new(day())), Limits::default());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr").to_string();
        tokio::spawn(async move { axum::serve(listener, app(state)).await.expect("serve") });
        let u230 = login(&addr, "u230").await;
        let u240 = login(&addr, "u240").await;

        let started = Instant::now();
        let mut tasks = Vec::new();
        for c in 0..clients {
            let (addr, u230, u240) = (addr.clone(), u230.clone(), u240.clone());
            tasks.push(tokio::spawn(async move {
                let mut conn = Conn::open(&addr).await;
                let mut latencies = Vec::with_capacity(invoices_per_client * 2);
                let mut accepted = 0;
                for k in 0..invoices_per_client {
                    let number = format!("KN-2041-{:06}", c * invoices_per_client + k);
                    for token in [&u230, &u240] {
                        let body = serde_json::json!({"invoice": number, "decision": "ATTEST"}).to_string();
                        let t = Instant::now();
                        let (status, reply) = conn.send("POST", "/v1/decisions", Some(token), body.as_bytes()).await;
                        latencies.push(t.elapsed());
                        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&reply));
                        if reply.windows(10).any(|w| w == b"\"ACCEPTED\"") {
                            accepted += 1;
                        }
                    }
                }
                (latencies, accepted)
            }));
        }
        let mut all = Vec::new();
        let mut accepted = 0;
        for t in tasks {
            let (l, a) = t.await.expect("client");
            all.extend(l);
            accepted += a;
        }
        let wall = started.elapsed().as_secs_f64();
        all.sort();
        println!(
            "decisions: {} clients x {} = {} in {wall:.2} s: {:.0} decisions/s, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({accepted} ACCEPTED)",
            clients,
            invoices_per_client * 2,
            all.len(),
            all.len() as f64 / wall,
            percentile(&all, 0.50),
            percentile(&all, 0.99),
            percentile(&all, 1.0),
        );

        let mut conn = Conn::open(&addr).await;
        let (status, first) = conn.send("GET", "/v1/inbox", Some(&u230), &[]).await;
        assert_eq!(status, 200);
        let inbox: serde_json::Value = serde_json::from_slice(&first).expect("json");
        let open = inbox["items"].as_array().map_or(0, Vec::len);
        let mut inbox_lat = Vec::with_capacity(INBOX_REQUESTS);
        for _ in 0..INBOX_REQUESTS {
            let t = Instant::now();
            let (status, _) = conn.send("GET", "/v1/inbox", Some(&u230), &[]).await;
            inbox_lat.push(t.elapsed());
            assert_eq!(status, 200);
        }
        inbox_lat.sort();
        println!(
            "inbox: u230 with {open} items in a store of {total} invoices, {INBOX_REQUESTS} requests: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} bytes)",
            percentile(&inbox_lat, 0.50),
            percentile(&inbox_lat, 0.99),
            percentile(&inbox_lat, 1.0),
            first.len()
        );
    });
}
