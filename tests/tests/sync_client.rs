//! End to end: the connected client (`digilyft_core::api::connected`, blocking ureq) against the
//! real server (`digilyft_server::app`, axum on tokio) on `127.0.0.1:0`, in process, over the
//! sample attestförteckning and invoices. Offline is a server address nobody listens on; a lost
//! response is a small loopback proxy that forwards a push and drops the answer after the server
//! committed.
//!
//! * two clients deciding the same step offline both see the same winner after one pull;
//! * a clerk attests offline, the server comes back, the outcome arrives exactly once;
//! * a lost response is sent again and answered `replayed = true`, applied once.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use chrono::{TimeZone, Utc};
use digilyft_core::api::connected::{
    self, Connection, DecideRequest, Lang, Sleeper, SplitMix, SyncOptions, SyncReport,
};
use digilyft_core::api::{self, Context, Decision, FixedClock, UuidV7Ids, Workspace};
use digilyft_server::account_store::AccountStore;
use digilyft_server::auth::{Role, add_account};
use digilyft_server::config::Limits;

const PASSWORD: &str = "a long enough password";

fn clock() -> FixedClock {
    FixedClock::at(
        Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0)
            .single()
            .expect("time"),
    )
}

/// The server on a loopback port, stopped when dropped.
struct Server {
    url: String,
    state: digilyft_server::AppState,
    rt: tokio::runtime::Handle,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    fn start() -> Server {
        let clock = clock();
        let ids = UuidV7Ids;
        let ctx = Context::new(&clock, &ids);
        let mut ws = Workspace::in_memory().expect("workspace");
        let workbook = api::samples::attestforteckning().expect("workbook");
        api::rules::import_workbook(
            &mut ws,
            &ctx.acting_as("u300"),
            "attest.xlsx",
            &workbook,
            "KS 2026/1",
            true,
        )
        .expect("rules");
        api::invoices::import_bytes(&mut ws, &ctx, api::samples::invoices(ctx.today()))
            .expect("invoices");
        let mut accounts = AccountStore::open_in_memory().expect("accounts");
        add_account(&mut accounts, "anna", "u230", Role::Attestant, PASSWORD, 0).expect("anna");
        add_account(&mut accounts, "maria", "u200", Role::Manager, PASSWORD, 0).expect("maria");
        let state =
            digilyft_server::AppState::new(ws, accounts, Box::new(clock), Limits::default());
        let kept = state.clone();
        let (addr_tx, addr_rx) = mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind");
                addr_tx
                    .send((
                        listener.local_addr().expect("addr"),
                        tokio::runtime::Handle::current(),
                    ))
                    .expect("send addr");
                axum::serve(listener, digilyft_server::app(state))
                    .with_graceful_shutdown(async {
                        let _ = stop_rx.await;
                    })
                    .await
                    .expect("serve");
            });
        });
        let (addr, rt) = addr_rx
            .recv_timeout(Duration::from_secs(30))
            .expect("server up");
        Server {
            url: format!("http://{addr}"),
            state: kept,
            rt,
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }
}

impl Server {
    /// The runbook step after restoring a backup: a new epoch (every client gets 410).
    fn bump_epoch(&self) -> String {
        let state = self.state.clone();
        self.rt
            .block_on(state.workspace(None, |ws, ctx| {
                api::sync::bump_epoch(ws, ctx).map_err(digilyft_server::problem::Problem::from)
            }))
            .unwrap_or_else(|_| panic!("bump epoch"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A loopback proxy in front of the server, one request per connection; `drop_next_push` makes
/// it forward the next `POST /v1/sync/mutations` and close the client's connection without the
/// answer (the server has committed: a lost acknowledgement).
struct Proxy {
    url: String,
    drop_next_push: Arc<AtomicBool>,
    dropped: Arc<std::sync::atomic::AtomicUsize>,
}

fn read_http(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let len = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            while buf.len() < end + 4 + len {
                let n = stream.read(&mut chunk).ok()?;
                if n == 0 {
                    return None;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            buf.truncate(end + 4 + len);
            return Some(buf);
        }
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// Marks a message to close its connection after it.
fn close_after(msg: Vec<u8>) -> Vec<u8> {
    let Some(end) = msg.windows(4).position(|w| w == b"\r\n\r\n") else {
        return msg;
    };
    let head = String::from_utf8_lossy(&msg[..end]);
    let kept: Vec<&str> = head
        .split("\r\n")
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .collect();
    let mut out = format!("{}\r\nconnection: close\r\n\r\n", kept.join("\r\n")).into_bytes();
    out.extend_from_slice(&msg[end + 4..]);
    out
}

impl Proxy {
    fn start(target: &str) -> Proxy {
        let target = target.trim_start_matches("http://").to_string();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let drop_next_push = Arc::new(AtomicBool::new(false));
        let dropped = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (flag, count) = (drop_next_push.clone(), dropped.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(mut client) = conn else { continue };
                let Some(request) = read_http(&mut client) else {
                    continue;
                };
                let Ok(mut upstream) = TcpStream::connect(&target) else {
                    continue;
                };
                if upstream.write_all(&close_after(request.clone())).is_err() {
                    continue;
                }
                let Some(answer) = read_http(&mut upstream) else {
                    continue;
                };
                let push = request.starts_with(b"POST /v1/sync/mutations ");
                if push && flag.swap(false, Ordering::SeqCst) {
                    count.fetch_add(1, Ordering::SeqCst);
                    continue; // committed on the server; the client never hears of it
                }
                let _ = client.write_all(&close_after(answer));
            }
        });
        Proxy {
            url,
            drop_next_push,
            dropped,
        }
    }
}

/// Waits are recorded, not slept: the tests stay fast and bounded.
#[derive(Default)]
struct NoWait(std::sync::Mutex<Vec<Duration>>);

impl Sleeper for NoWait {
    fn sleep(&self, d: Duration) {
        self.0.lock().expect("lock").push(d);
    }
}

struct Client {
    _dir: tempfile::TempDir,
    conn: Connection,
    clock: FixedClock,
    ids: UuidV7Ids,
    rng: SplitMix,
    waits: NoWait,
}

impl Client {
    fn login(server_url: &str, user: &str) -> Client {
        let dir = tempfile::tempdir().expect("tmp");
        let mut conn = Connection::open(dir.path()).expect("open");
        let clock = clock();
        let ids = UuidV7Ids;
        let ctx = Context::new(&clock, &ids);
        connected::login(&mut conn, &ctx, server_url, user, PASSWORD, "e2e").expect("login");
        Client {
            _dir: dir,
            conn,
            clock,
            ids,
            rng: SplitMix::seeded(7),
            waits: NoWait::default(),
        }
    }

    fn sync_with(&mut self, options: &SyncOptions) -> SyncReport {
        let ctx = Context::new(&self.clock, &self.ids);
        let utc = chrono::FixedOffset::east_opt(0).expect("utc");
        connected::sync_once(
            &mut self.conn,
            &ctx,
            &mut self.rng,
            &self.waits,
            options,
            Lang::Sv,
            utc,
        )
        .expect("sync")
    }

    fn sync(&mut self) -> SyncReport {
        self.sync_with(&SyncOptions::default())
    }

    /// A sync while the server cannot be reached.
    fn sync_offline(&mut self) -> SyncReport {
        let dead = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", dead.local_addr().expect("addr"));
        drop(dead);
        self.sync_with(&SyncOptions {
            server: Some(url),
            attempts: 2,
            ..SyncOptions::default()
        })
    }

    fn decide(&mut self, invoice: &str, step: &str) -> connected::PendingView {
        let ctx = Context::new(&self.clock, &self.ids);
        connected::decide(
            &mut self.conn,
            &ctx,
            &DecideRequest {
                invoice: invoice.into(),
                step: Some(step.into()),
                decision: Decision::Attest,
                comment: None,
                acting_for: None,
            },
        )
        .expect("decide")
    }
}

/// The first open step waiting for anna (u230) in her mirror.
fn annas_first(anna: &Client) -> (String, String) {
    let inbox = connected::inbox(&anna.conn, Lang::Sv).expect("inbox");
    let first = inbox.first().expect("anna has work in the sample");
    (first.invoice_id.clone(), first.step.clone())
}

#[test]
fn a_clerk_attests_offline_and_the_outcome_arrives_exactly_once() {
    let server = Server::start();
    let mut anna = Client::login(&server.url, "anna");
    let first = anna.sync();
    assert!(first.offline.is_none(), "{first:?}");
    assert!(first.pulled > 0);
    let (invoice, step) = annas_first(&anna);

    let off = anna.sync_offline();
    assert!(off.offline.is_some());
    let p = anna.decide(&invoice, &step);
    let still_off = anna.sync_offline();
    assert_eq!(still_off.pending, 1);
    let view = connected::invoice(&anna.conn, &invoice, Lang::Sv).expect("view");
    let s = view.steps.iter().find(|s| s.label == step).expect("step");
    assert_eq!(
        s.pending.as_ref().map(|p| p.badge.key()),
        Some("saved-on-device")
    );

    let back = anna.sync();
    assert!(back.offline.is_none(), "{back:?}");
    let got: Vec<_> = back
        .outcomes
        .iter()
        .map(|o| (o.mutation_id.as_str(), o.outcome.as_str(), o.replayed))
        .collect();
    assert_eq!(got, vec![(p.mutation_id.as_str(), "ACCEPTED", false)]);
    assert_eq!(back.pending, 0);
    assert!(back.attention.is_empty(), "{:?}", back.attention);
    let view = connected::invoice(&anna.conn, &invoice, Lang::Sv).expect("view");
    let s = view.steps.iter().find(|s| s.label == step).expect("step");
    assert_eq!(s.decided_by.as_deref(), Some("u230"));
    assert_eq!(s.pending, None, "the pull delivered the decision's seq");

    let again = anna.sync();
    assert!(again.outcomes.is_empty(), "exactly once: {again:?}");
}

#[test]
fn two_clients_deciding_the_same_step_offline_see_the_same_winner_after_one_pull() {
    let server = Server::start();
    let mut anna = Client::login(&server.url, "anna");
    let mut maria = Client::login(&server.url, "maria");
    anna.sync();
    maria.sync();
    let (invoice, step) = annas_first(&anna);
    anna.sync_offline();
    maria.sync_offline();
    anna.decide(&invoice, &step);
    maria.decide(&invoice, &step);

    let a = anna.sync();
    let m = maria.sync();
    assert_eq!(a.outcomes[0].outcome, "ACCEPTED", "{a:?}");
    assert_eq!(m.outcomes[0].outcome, "SUPERSEDED", "{m:?}");
    for c in [&anna, &maria] {
        let v = connected::invoice(&c.conn, &invoice, Lang::Sv).expect("view");
        let s = v.steps.iter().find(|s| s.label == step).expect("step");
        assert_eq!(
            s.decided_by.as_deref(),
            Some("u230"),
            "the same winner everywhere"
        );
        assert_eq!(s.pending, None);
    }
    let item = m.attention.first().expect("maria is told");
    assert_eq!(item.outcome, "SUPERSEDED");
    assert_eq!(item.winner.as_deref(), Some("u230"));
    assert_eq!(item.action.as_deref(), Some("review-winner"));
    assert!(
        item.message
            .starts_with("Inte genomfört: u230 attesterade steget först"),
        "{}",
        item.message
    );
    assert!(a.attention.is_empty());

    // Maria acknowledges it: an audited ack_attention the server accepts; the item is gone here
    // and stays gone after the server's own mutation row comes back in a pull.
    let ctx = Context::new(&maria.clock, &maria.ids);
    let id = item.mutation_id.clone();
    connected::acknowledge(&mut maria.conn, &ctx, &id).expect("acknowledge");
    let r = maria.sync();
    let got: Vec<_> = r
        .outcomes
        .iter()
        .map(|o| (o.kind.as_str(), o.outcome.as_str()))
        .collect();
    assert_eq!(got, vec![("ack_attention", "ACCEPTED")]);
    assert!(r.attention.is_empty(), "{:?}", r.attention);
    assert!(maria.sync().attention.is_empty());
}

#[test]
fn every_kind_the_client_sends_is_a_payload_the_server_reads() {
    let server = Server::start();
    let mut anna = Client::login(&server.url, "anna");
    anna.sync();
    let (invoice, _) = annas_first(&anna);
    let view = connected::invoice(&anna.conn, &invoice, Lang::Sv).expect("view");
    let ctx = Context::new(&anna.clock, &anna.ids);
    connected::set_kontering(&mut anna.conn, &ctx, &invoice, &view.kontering).expect("kontering");
    let r = anna.sync();
    assert_eq!(r.outcomes.len(), 1, "{r:?}");
    assert_eq!(r.outcomes[0].kind, "set_kontering");
    assert!(
        !matches!(
            r.outcomes[0].outcome.as_str(),
            "REJECTED_MALFORMED" | "KEY_REUSED"
        ),
        "the server reads the payload: {r:?}"
    );

    // The original on demand: fetched once (its SHA-256 checked against the mirror), then cached.
    let ctx = Context::new(&anna.clock, &anna.ids);
    let bytes = connected::original(&mut anna.conn, &ctx, &invoice).expect("original");
    assert!(
        String::from_utf8_lossy(&bytes).contains("Invoice"),
        "an invoice document"
    );
    let view = connected::invoice(&anna.conn, &invoice, Lang::Sv).expect("view");
    assert!(view.original_cached);
    drop(server);
    let again = connected::original(&mut anna.conn, &ctx, &invoice).expect("from the cache");
    assert_eq!(again, bytes);
}

#[test]
fn a_lost_response_is_sent_again_and_answered_replayed() {
    let server = Server::start();
    let proxy = Proxy::start(&server.url);
    let mut anna = Client::login(&proxy.url, "anna");
    anna.sync();
    let (invoice, step) = annas_first(&anna);
    let p = anna.decide(&invoice, &step);
    proxy.drop_next_push.store(true, Ordering::SeqCst);
    let r = anna.sync();
    assert_eq!(
        proxy.dropped.load(Ordering::SeqCst),
        1,
        "the answer was lost"
    );
    let got: Vec<_> = r
        .outcomes
        .iter()
        .map(|o| (o.mutation_id.as_str(), o.outcome.as_str(), o.replayed))
        .collect();
    assert_eq!(got, vec![(p.mutation_id.as_str(), "ACCEPTED", true)]);
    assert_eq!(anna.waits.0.lock().expect("lock").len(), 1, "one retry");
    let again = anna.sync();
    assert!(again.outcomes.is_empty());
}

#[test]
fn a_new_server_epoch_rebuilds_the_mirror_and_loses_no_queued_decision() {
    let server = Server::start();
    let mut anna = Client::login(&server.url, "anna");
    anna.sync();
    let (invoice, step) = annas_first(&anna);
    let p = anna.decide(&invoice, &step);
    anna.sync_offline();
    let epoch = server.bump_epoch();
    let r = anna.sync();
    assert!(r.rebuilt, "{r:?}");
    assert_eq!(r.repushed, 0, "the server lost nothing of this device");
    let got: Vec<_> = r
        .outcomes
        .iter()
        .map(|o| (o.mutation_id.as_str(), o.outcome.as_str()))
        .collect();
    assert_eq!(got, vec![(p.mutation_id.as_str(), "ACCEPTED")]);
    assert_eq!(r.status.rebuild_banner, None);
    let view = connected::invoice(&anna.conn, &invoice, Lang::Sv).expect("view");
    let s = view.steps.iter().find(|s| s.label == step).expect("step");
    assert_eq!((s.decided_by.as_deref(), &s.pending), (Some("u230"), &None));
    let again = anna.sync();
    assert!(!again.rebuilt && again.outcomes.is_empty(), "{again:?}");
    assert!(!epoch.is_empty());
}
