//! The server's test-only failpoints (sync.md §3.1, F1; `src/failpoints.rs`), built with
//! `--features failpoints`: the real binary on `127.0.0.1:0` dies at the armed point of a push,
//! is restarted on the same store without failpoints, and the same batch is pushed again.
//!
//! * `before_commit`: nothing was stored, so the re-push is the first outcome (`replayed:
//!   false`), and the store holds the mutation exactly once.
//! * `after_commit_before_response`: the client never got an answer, but the outcome is stored:
//!   the re-push answers `replayed: true` with the stored outcome and seq.
//! * `mid_batch(1)`: item 0 was stored before the crash (replayed), item 1 was not.
//!
//! Every wait is bounded; HTTP is plain HTTP/1.1 over `std::net` with timeouts.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{FixedOffset, TimeZone};
use digilyft_core::api::Workspace;
use digilyft_core::api::sync;
use digilyft_core::api::sync::wire::{MutationEnvelope, PushRequest, PushResponse, SyncOutcome};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_digilyft-server");
const PASSWORD: &str = "a long enough password";
const USER: &str = "u230";
/// A placeholder; `push` names the account's enrolled device.
const DEVICE: &str = "00000000-0000-7000-8000-0000000000d1";
const IO_TIMEOUT: Duration = Duration::from_secs(30);

struct Dirs {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    store: PathBuf,
}

fn dirs() -> Dirs {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let store = tmp.path().join("store.sqlite");
    let d = Dirs {
        _tmp: tmp,
        data,
        store,
    };
    let mut child = Command::new(BIN)
        .args(["user", "add", USER, "--person", USER, "--role", "attestant"])
        .arg("--data")
        .arg(&d.data)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{BIN}: {e}"));
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .expect("password");
    assert!(child.wait().expect("user add").success(), "user add");
    d
}

/// A running server and its address.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the server on `d`'s store with `failpoints` (None: unset) and waits for its address.
fn start(d: &Dirs, failpoints: Option<&str>) -> Server {
    let mut cmd = Command::new(BIN);
    cmd.args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(&d.data)
        .arg("--database")
        .arg(format!("sqlite:{}", d.store.display()))
        .env_remove("DIGILYFT_FAILPOINTS")
        // An aborted process may leave a core file: in the temporary directory, not the repo.
        .current_dir(d.store.parent().expect("the temporary directory"))
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    if let Some(f) = failpoints {
        cmd.env("DIGILYFT_FAILPOINTS", f);
    }
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("{BIN}: {e}"));
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the first line");
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("not a listening line: {line:?}"))
        .to_string();
    Server { child, addr }
}

/// One request on a new connection: Some((status, body)) or None when the connection ended
/// without a response.
fn request(
    addr: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: &Value,
) -> Option<(u16, Value)> {
    let bytes = if body.is_null() {
        Vec::new()
    } else {
        serde_json::to_vec(body).expect("json")
    };
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(IO_TIMEOUT)).expect("timeout");
    s.set_write_timeout(Some(IO_TIMEOUT)).expect("timeout");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nSync-Protocol: 1\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n",
        bytes.len()
    );
    if let Some(t) = token {
        head.push_str(&format!("Authorization: Bearer {t}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).ok()?;
    s.write_all(&bytes).ok()?;
    let mut raw = Vec::new();
    if s.read_to_end(&mut raw).is_err() && raw.is_empty() {
        return None;
    }
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    Some((
        status,
        serde_json::from_slice(&raw[split + 4..]).unwrap_or(Value::Null),
    ))
}

fn login(addr: &str) -> String {
    let (status, body) = request(
        addr,
        "POST",
        "/v1/auth/login",
        None,
        &json!({"username": USER, "password": PASSWORD}),
    )
    .expect("a login response");
    assert_eq!(status, 200, "{body}");
    body["access_token"].as_str().expect("token").to_string()
}

/// A batch of `void` mutations (`n` = device seq 1..=n, each voiding seq 100 + its own).
fn batch(n: i64) -> Value {
    let created = FixedOffset::east_opt(3600)
        .expect("offset")
        .with_ymd_and_hms(2026, 11, 20, 9, 14, 3)
        .single()
        .expect("time");
    let mutations = (1..=n)
        .map(|seq| {
            let m = MutationEnvelope::seal(
                &format!("0190f3c2-0000-7000-8000-{seq:012}"),
                seq,
                "void",
                1,
                json!({"device_seq": 100 + seq, "reason": "failpoint test"}),
                created,
            );
            serde_json::to_value(m).expect("envelope")
        })
        .collect();
    serde_json::to_value(PushRequest {
        device_id: DEVICE.into(),
        batch_id: None,
        mutations,
    })
    .expect("batch")
}

/// The account's enrolled device (enrolled on first use; kept across restarts in the account
/// store): a push must name one.
fn device(addr: &str, token: &str) -> String {
    let (status, mine) =
        request(addr, "GET", "/v1/devices", Some(token), &Value::Null).expect("devices");
    assert_eq!(status, 200, "{mine}");
    if let Some(id) = mine["devices"]
        .as_array()
        .and_then(|d| d.first())
        .and_then(|d| d["device_id"].as_str())
    {
        return id.to_string();
    }
    let (status, new) = request(
        addr,
        "POST",
        "/v1/devices",
        Some(token),
        &json!({"name": "failpoint test"}),
    )
    .expect("an enrolment response");
    assert_eq!(status, 201, "{new}");
    new["device_id"].as_str().expect("device_id").to_string()
}

fn push(addr: &str, token: &str, body: &Value) -> Option<PushResponse> {
    let mut body = body.clone();
    body["device_id"] = json!(device(addr, token));
    let (status, reply) = request(addr, "POST", "/v1/sync/mutations", Some(token), &body)?;
    assert_eq!(status, 200, "{reply}");
    Some(serde_json::from_value(reply).expect("a push response"))
}

/// Waits (bounded) for the server to die and asserts it aborted.
fn assert_aborted(server: &mut Server) {
    let deadline = Instant::now() + IO_TIMEOUT;
    loop {
        if let Some(status) = server.child.try_wait().expect("wait") {
            assert_eq!(status.signal(), Some(6), "SIGABRT expected, got {status:?}");
            return;
        }
        assert!(Instant::now() < deadline, "the server did not die");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The mutation log of the store (the server stopped): (mutation id, outcome, server seq).
fn stored(store: &Path) -> Vec<(String, SyncOutcome, Option<i64>)> {
    let ws = Workspace::open_file(store).expect("open the store");
    sync::mutation_log(&ws)
        .expect("log")
        .into_iter()
        .map(|m| (m.mutation_id, m.outcome, m.server_seq))
        .collect()
}

/// Runs one failpoint: the push dies, the restarted server answers the re-push.
fn crash_then_repush(failpoint: &str, n: i64) -> (Dirs, PushResponse) {
    let d = dirs();
    let body = batch(n);
    let mut server = start(&d, Some(failpoint));
    let token = login(&server.addr);
    assert!(
        push(&server.addr, &token, &body).is_none(),
        "{failpoint}: a response came back"
    );
    assert_aborted(&mut server);
    drop(server);
    let server = start(&d, None);
    let token = login(&server.addr);
    let reply = push(&server.addr, &token, &body).expect("the re-push is answered");
    drop(server);
    (d, reply)
}

#[test]
fn before_commit_leaves_no_trace_and_the_retry_is_the_first_outcome() {
    let (d, reply) = crash_then_repush("push:before_commit=abort", 1);
    let r = &reply.results[0];
    assert_eq!(
        (r.outcome, r.replayed),
        (SyncOutcome::Accepted, false),
        "{r:?}"
    );
    assert_eq!(reply.device_high_water, 1);
    let log = stored(&d.store);
    assert_eq!(
        log,
        vec![(
            "0190f3c2-0000-7000-8000-000000000001".to_string(),
            SyncOutcome::Accepted,
            r.server_seq
        )]
    );
}

#[test]
fn after_commit_before_response_is_answered_by_the_stored_outcome() {
    let d = dirs();
    let body = batch(1);
    let mut server = start(&d, Some("push:after_commit_before_response=abort"));
    let token = login(&server.addr);
    assert!(
        push(&server.addr, &token, &body).is_none(),
        "a response came back"
    );
    assert_aborted(&mut server);
    drop(server);
    // Stored before any response: the outcome the crashed push wrote.
    let before = stored(&d.store);
    assert_eq!(before.len(), 1, "{before:?}");
    let server = start(&d, None);
    let token = login(&server.addr);
    let reply = push(&server.addr, &token, &body).expect("the re-push is answered");
    drop(server);
    let r = &reply.results[0];
    assert!(r.replayed, "{r:?}");
    assert_eq!(
        (r.mutation_id.clone().expect("id"), r.outcome, r.server_seq),
        before[0]
    );
    assert_eq!(stored(&d.store), before, "nothing stored twice");
}

#[test]
fn mid_batch_keeps_the_items_before_the_crash_only() {
    let (d, reply) = crash_then_repush("push:mid_batch(1)=abort", 2);
    let replayed: Vec<bool> = reply.results.iter().map(|r| r.replayed).collect();
    assert_eq!(replayed, vec![true, false], "{reply:?}");
    assert_eq!(reply.device_high_water, 2);
    assert_eq!(stored(&d.store).len(), 2);
}
