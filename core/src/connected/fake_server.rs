//! A small in-test sync server on a loopback port (std `TcpListener`, one thread): enough of
//! protocol 1 to drive the client end to end without the real server — login and refresh,
//! meta, snapshot, changes, push with idempotency by `mutation_id`, lookup, watermark — with
//! scripted faults (a status with `Retry-After`, a dropped connection before or after the
//! commit, a truncated body, a status for bodies containing a marker).
//!
//! Its judging is deliberately simple (first decision on an open step wins, the rest are
//! SUPERSEDED): the client's behaviour is under test here, not the approval rules.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::{Value, json};

/// A scripted fault, applied to the next request whose path starts with `path`.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Answer with this status (and `Retry-After` seconds) without doing anything.
    Status {
        path: String,
        status: u16,
        retry_after: Option<u64>,
    },
    /// Do the work (commit), then close the connection without an answer: a lost response.
    DropAfter { path: String },
    /// Answer 200 with the body cut in half.
    Truncate { path: String },
}

impl Fault {
    fn path(&self) -> &str {
        match self {
            Fault::Status { path, .. } | Fault::DropAfter { path } | Fault::Truncate { path } => {
                path
            }
        }
    }
}

/// The server's state; tests read and change it between cycles.
#[derive(Debug, Default)]
pub struct State {
    pub epoch: String,
    pub seq: i64,
    /// (seq, change json)
    pub log: Vec<(i64, Value)>,
    /// invoice id → (version, data)
    pub invoices: BTreeMap<String, (i64, Value)>,
    /// mutation id → (payload hash, device id, device_seq, result)
    pub mutations: BTreeMap<String, (String, String, i64, Value)>,
    pub faults: VecDeque<Fault>,
    /// Bodies containing this marker are answered with this status.
    pub refuse_marker: Option<(String, u16)>,
    /// "METHOD path" of every request.
    pub requests: Vec<String>,
    /// token → person
    pub tokens: BTreeMap<String, String>,
    /// refresh token → person
    pub refresh: BTreeMap<String, String>,
    pub issued: u64,
    pub has_devices: bool,
    pub clock: String,
    /// How many mutations were applied (effects, not replays).
    pub applied: usize,
}

impl State {
    /// Adds an invoice with one open BESLUT step assigned to `assignee`.
    pub fn add_invoice(&mut self, id: &str, number: &str, assignee: &str) {
        self.seq += 1;
        let data = json!({
            "id": id, "number": number, "supplier": "Kontorsvaror AB", "currency": "SEK",
            "amount": "1250.00", "state": "in-approval", "payment_block": false,
            "revision": 1, "route_version": 1, "content_hash": format!("sha256:{id}"),
            "ruleset_version": 1, "attest_deadline": "2026-12-15",
            "steps": [{"seq": 0, "kind": "BESLUT", "label": "BESLUT#1", "state": "OPEN",
                       "assignee": assignee, "route_version": 1}],
            "kontering": [{"belopp": "1000.00", "konto": "6110", "ansvar": "4110",
                "verksamhet": "", "aktivitet": "", "projekt": "", "objekt": "", "motpart": "",
                "momskod": "AVDRAGSGILL"}]
        });
        self.invoices.insert(id.into(), (1, data.clone()));
        self.log.push((
            self.seq,
            json!({"seq": self.seq, "entity": "invoice", "id": id, "version": 1, "op": "upsert",
                   "data": data, "reason": "routed"}),
        ));
    }

    fn high_water(&self, device: &str) -> i64 {
        let seqs: BTreeSet<i64> = self
            .mutations
            .values()
            .filter(|(_, d, _, _)| d == device)
            .map(|(_, _, s, _)| *s)
            .collect();
        let mut n = 0;
        while seqs.contains(&(n + 1)) {
            n += 1;
        }
        n
    }

    /// Forgets every mutation of `device` above `device_seq` and their effects, and mints a new
    /// epoch: a restore of an older backup (sync.md §2.9).
    pub fn restore_to(&mut self, device: &str, device_seq: i64, new_epoch: &str) {
        let lost: Vec<(String, Value)> = self
            .mutations
            .iter()
            .filter(|(_, (_, d, s, _))| d == device && *s > device_seq)
            .map(|(id, (_, _, _, r))| (id.clone(), r.clone()))
            .collect();
        for (id, result) in lost {
            self.mutations.remove(&id);
            if result["outcome"] == "ACCEPTED"
                && let Some(inv) = result["detail"]["invoice_id"].as_str()
                && let Some((v, data)) = self.invoices.get_mut(inv)
            {
                *v += 1;
                if let Some(steps) = data["steps"].as_array_mut() {
                    for s in steps {
                        s["state"] = json!("OPEN");
                        s["decided_by"] = Value::Null;
                    }
                }
                data["state"] = json!("in-approval");
            }
        }
        self.epoch = new_epoch.into();
    }

    fn person(&self, auth: Option<&str>) -> Option<String> {
        let token = auth?.strip_prefix("Bearer ")?;
        self.tokens.get(token).cloned()
    }

    fn session(&mut self, person: &str, username: &str) -> Value {
        self.issued += 1;
        let access = format!("a{}", self.issued);
        let refresh = format!("r{}", self.issued);
        self.tokens.insert(access.clone(), person.into());
        self.refresh.insert(refresh.clone(), person.into());
        json!({"token_type": "Bearer", "access_token": access, "refresh_token": refresh,
               "username": username, "person_id": person, "role": "attestant"})
    }

    /// Expires every access token (the next call gets 401 and must refresh).
    pub fn expire_tokens(&mut self) {
        self.tokens.clear();
    }

    fn decide(&mut self, person: &str, m: &Value) -> Value {
        let p = &m["payload"];
        let kind = m["kind"].as_str().unwrap_or("");
        self.seq += 1;
        let seq = self.seq;
        if kind != "step_decision" {
            self.applied += 1;
            return json!({"outcome": "ACCEPTED", "server_seq": seq,
                          "detail": {"reason_code": "accepted", "reason": kind}});
        }
        let inv_id = p["invoice_id"].as_str().unwrap_or("").to_string();
        let label = p["step_id"].as_str().unwrap_or("").to_string();
        let Some((version, data)) = self.invoices.get_mut(&inv_id) else {
            return json!({"outcome": "REJECTED_RULE", "server_seq": seq,
                          "detail": {"reason_code": "no-such-invoice", "reason": "no invoice"}});
        };
        let steps = data["steps"].as_array_mut();
        let Some(step) = steps.and_then(|s| s.iter_mut().find(|s| s["label"] == label.as_str()))
        else {
            return json!({"outcome": "REJECTED_RULE", "server_seq": seq,
                          "detail": {"reason_code": "no-such-step", "reason": "no step"}});
        };
        if step["state"] != "OPEN" {
            return json!({"outcome": "SUPERSEDED", "server_seq": seq, "detail": {
                "reason_code": "superseded", "reason": format!("{label} was already decided"),
                "winner_actor": step["decided_by"], "winner_seq": step["decided_seq"],
                "invoice_id": inv_id}});
        }
        step["state"] = json!("DONE");
        step["decided_by"] = json!(person);
        step["decided_seq"] = json!(seq);
        step["decided_at"] = json!(self.clock);
        data["state"] = json!("attested");
        *version += 1;
        let change = json!({"seq": seq, "entity": "invoice", "id": inv_id, "version": *version,
                            "op": "upsert", "data": data.clone(), "reason": "decision"});
        self.log.push((seq, change));
        self.applied += 1;
        json!({"outcome": "ACCEPTED", "server_seq": seq,
               "detail": {"reason_code": "accepted", "reason": "ok", "invoice_id": inv_id}})
    }

    fn push(&mut self, person: &str, body: &Value) -> Value {
        let device = body["device_id"].as_str().unwrap_or("").to_string();
        let mut results = Vec::new();
        for m in body["mutations"].as_array().cloned().unwrap_or_default() {
            let id = m["mutation_id"].as_str().unwrap_or("").to_string();
            let hash = m["payload_sha256"].as_str().unwrap_or("").to_string();
            let device_seq = m["device_seq"].as_i64().unwrap_or(0);
            let mut r = if let Some((h, _, _, stored)) = self.mutations.get(&id) {
                let mut r = stored.clone();
                if *h == hash {
                    r["replayed"] = json!(true);
                } else {
                    r = json!({"outcome": "KEY_REUSED", "replayed": false, "server_seq": null,
                               "detail": {"reason_code": "key-reused", "reason": "other payload"}});
                }
                r
            } else {
                let mut r = if crate::sync::wire::payload_sha256(&m["payload"]) != hash {
                    self.seq += 1;
                    json!({"outcome": "REJECTED_MALFORMED", "server_seq": self.seq,
                           "detail": {"reason_code": "payload-hash-mismatch", "reason": "hash"}})
                } else {
                    self.decide(person, &m)
                };
                r["replayed"] = json!(false);
                r["mutation_id"] = json!(id);
                r["device_seq"] = json!(device_seq);
                self.mutations
                    .insert(id.clone(), (hash, device.clone(), device_seq, r.clone()));
                r
            };
            r["mutation_id"] = json!(id);
            results.push(r);
        }
        json!({"epoch": self.epoch, "device_high_water": self.high_water(&device),
               "results": results})
    }
}

/// A running fake server.
#[derive(Debug)]
pub struct FakeServer {
    pub url: String,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    port: u16,
    thread: Option<std::thread::JoinHandle<()>>,
}

struct Request {
    method: String,
    path: String,
    auth: Option<String>,
    body: Vec<u8>,
}

impl FakeServer {
    /// Starts on 127.0.0.1 with a fresh state (epoch `e1`, users anna → u230, bertil → u231).
    pub fn start() -> FakeServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let port = listener.local_addr().expect("addr").port();
        let state = Arc::new(Mutex::new(State {
            epoch: "e1".into(),
            clock: "2026-12-04T09:00:00Z".into(),
            ..State::default()
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let (s, st) = (state.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if st.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(c) = conn {
                    serve(c, &s);
                }
            }
        });
        FakeServer {
            url: format!("http://127.0.0.1:{port}"),
            state,
            stop,
            port,
            thread: Some(thread),
        }
    }

    /// The state, locked.
    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn read_request(c: &mut TcpStream) -> Option<Request> {
    let mut r = BufReader::new(c.try_clone().ok()?);
    let mut line = String::new();
    r.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let path = parts.next()?.to_string();
    let mut len = 0usize;
    let mut auth = None;
    loop {
        let mut h = String::new();
        r.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (k, v) = h.split_once(':')?;
        match k.trim().to_ascii_lowercase().as_str() {
            "content-length" => len = v.trim().parse().ok()?,
            "authorization" => auth = Some(v.trim().to_string()),
            _ => {}
        }
    }
    let mut body = vec![0; len];
    r.read_exact(&mut body).ok()?;
    Some(Request {
        method,
        path,
        auth,
        body,
    })
}

fn respond(c: &mut TcpStream, status: u16, body: &[u8], retry_after: Option<u64>) {
    let mut head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Date: Fri, 04 Dec 2026 09:00:00 GMT\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(s) = retry_after {
        head.push_str(&format!("Retry-After: {s}\r\n"));
    }
    head.push_str("\r\n");
    let _ = c.write_all(head.as_bytes());
    let _ = c.write_all(body);
}

fn serve(mut c: TcpStream, state: &Arc<Mutex<State>>) {
    let Some(req) = read_request(&mut c) else {
        return;
    };
    let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
    s.requests.push(format!("{} {}", req.method, req.path));
    let fault = s
        .faults
        .iter()
        .position(|f| req.path.starts_with(f.path()))
        .and_then(|i| s.faults.remove(i));
    if let Some(Fault::Status {
        status,
        retry_after,
        ..
    }) = &fault
    {
        let body = json!({"code": "unavailable", "detail": "scripted"}).to_string();
        return respond(&mut c, *status, body.as_bytes(), *retry_after);
    }
    if let Some((marker, status)) = s.refuse_marker.clone()
        && String::from_utf8_lossy(&req.body).contains(&marker)
    {
        return respond(&mut c, status, br#"{"code":"too-large"}"#, None);
    }
    let (status, body) = route(&mut s, &req);
    match fault {
        Some(Fault::DropAfter { .. }) => {}
        Some(Fault::Truncate { .. }) => {
            let b = body.to_string().into_bytes();
            respond(&mut c, status, &b[..b.len() / 2], None);
        }
        _ => respond(&mut c, status, body.to_string().as_bytes(), None),
    }
}

fn route(s: &mut State, req: &Request) -> (u16, Value) {
    let body: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
    let (path, query) = req.path.split_once('?').unwrap_or((&req.path, ""));
    let q = |k: &str| {
        query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(a, _)| *a == k)
            .map(|(_, v)| v.to_string())
    };
    match (req.method.as_str(), path) {
        ("POST", "/v1/auth/login") => {
            let user = body["username"].as_str().unwrap_or("");
            let person = match user {
                "anna" => "u230",
                "bertil" => "u231",
                _ => return (401, json!({"code": "unauthenticated"})),
            };
            (200, s.session(person, user))
        }
        ("POST", "/v1/auth/refresh") => {
            let token = body["refresh_token"].as_str().unwrap_or("");
            match s.refresh.remove(token) {
                Some(p) => (200, s.session(&p, "refreshed")),
                None => (401, json!({"code": "unauthenticated"})),
            }
        }
        ("GET", "/v1/meta") => (
            200,
            json!({"server_time": s.clock, "epoch": s.epoch, "sync_protocols": [1],
                   "limits": {"sync_max_batch": 100}}),
        ),
        _ => {
            let Some(person) = s.person(req.auth.as_deref()) else {
                return (401, json!({"code": "unauthenticated"}));
            };
            match (req.method.as_str(), path) {
                ("POST", "/v1/devices") if s.has_devices => (
                    201,
                    json!({"device_id": "server-device-1", "name": body["name"]}),
                ),
                ("GET", "/v1/sync/snapshot") => {
                    let mut rows: Vec<Value> = s
                        .invoices
                        .iter()
                        .map(|(id, (v, d))| {
                            json!({"entity": "invoice", "id": id, "version": v, "data": d})
                        })
                        .collect();
                    rows.push(json!({"entity": "ruleset", "id": "1", "version": 1,
                                     "data": {"version": 1, "active": true}}));
                    (
                        200,
                        json!({"epoch": s.epoch, "cursor_at_start": format!("{}:{}", s.epoch, s.seq),
                               "server_time": s.clock, "rows": rows}),
                    )
                }
                ("GET", "/v1/sync/changes") => {
                    let since = q("since").unwrap_or_default();
                    let Some((epoch, seq)) = since.split_once(':') else {
                        return (400, json!({"code": "validation"}));
                    };
                    let seq: i64 = seq.parse().unwrap_or(0);
                    if epoch != s.epoch || seq > s.seq {
                        return (410, json!({"code": "epoch-changed", "epoch": s.epoch}));
                    }
                    let changes: Vec<Value> = s
                        .log
                        .iter()
                        .filter(|(n, _)| *n > seq)
                        .map(|(_, c)| c.clone())
                        .collect();
                    (
                        200,
                        json!({"changes": changes, "next_cursor": format!("{}:{}", s.epoch, s.seq),
                               "has_more": false, "server_time": s.clock}),
                    )
                }
                ("POST", "/v1/sync/mutations") => (200, s.push(&person, &body)),
                ("GET", p) if p.starts_with("/v1/sync/mutations/") => {
                    let id = &p["/v1/sync/mutations/".len()..];
                    match s.mutations.get(id) {
                        Some((_, _, _, r)) => {
                            let mut r = r.clone();
                            r["replayed"] = json!(true);
                            (200, r)
                        }
                        None => (404, json!({"code": "not-found"})),
                    }
                }
                ("GET", p) if p.starts_with("/v1/sync/devices/") => {
                    let device = p
                        .trim_start_matches("/v1/sync/devices/")
                        .trim_end_matches("/watermark");
                    (
                        200,
                        json!({"device_id": device, "epoch": s.epoch,
                               "device_high_water": s.high_water(device)}),
                    )
                }
                ("GET", p) if p.starts_with("/v1/invoices/") && p.ends_with("/original") => {
                    (200, json!({"xml": "<Invoice/>"}))
                }
                _ => (404, json!({"code": "not-found"})),
            }
        }
    }
}
