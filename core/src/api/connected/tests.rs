//! The connected client end to end against the in-test fake server
//! (`crate::connected::fake_server`): offline decide → sync → the outcome exactly once; lost
//! responses answered from the idempotency record; Retry-After; 401 refresh; 410/new epoch →
//! rebuild and re-push above the watermark; truncated pages; quarantine; two clients in conflict.

use std::sync::Mutex;
use std::time::Duration;

use chrono::{TimeZone, Utc};

use super::*;
use crate::api::UuidV7Ids;
use crate::clock::{Clock, FixedClock};
use crate::connected::fake_server::{FakeServer, Fault};

#[derive(Default)]
struct Waits(Mutex<Vec<Duration>>);

impl Sleeper for Waits {
    fn sleep(&self, d: Duration) {
        self.0.lock().expect("lock").push(d);
    }
}

impl Waits {
    fn taken(&self) -> Vec<Duration> {
        self.0.lock().expect("lock").clone()
    }
}

struct Client {
    _dir: tempfile::TempDir,
    conn: Connection,
    clock: FixedClock,
    ids: UuidV7Ids,
    rng: SplitMix,
    waits: Waits,
}

impl Client {
    fn new(server: &FakeServer, user: &str) -> Client {
        let dir = tempfile::tempdir().expect("tmp");
        let mut conn = Connection::open(dir.path()).expect("open");
        let clock = FixedClock::at(
            Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0)
                .single()
                .expect("t"),
        );
        let ids = UuidV7Ids;
        let ctx = Context::new(&clock, &ids);
        login(&mut conn, &ctx, &server.url, user, "pw", "test").expect("login");
        Client {
            _dir: dir,
            conn,
            clock,
            ids,
            rng: SplitMix::seeded(1),
            waits: Waits::default(),
        }
    }

    fn sync_with(&mut self, options: &SyncOptions) -> SyncReport {
        let ctx = Context::new(&self.clock, &self.ids);
        sync_once(
            &mut self.conn,
            &ctx,
            &mut self.rng,
            &self.waits,
            options,
            Lang::Sv,
            utc(),
        )
        .expect("sync")
    }

    fn sync(&mut self) -> SyncReport {
        self.sync_with(&SyncOptions::default())
    }

    fn offline(&mut self) -> SyncReport {
        self.sync_with(&SyncOptions {
            server: Some("http://127.0.0.1:1".into()),
            attempts: 2,
            ..SyncOptions::default()
        })
    }

    fn attest(&mut self, invoice: &str) -> PendingView {
        let ctx = Context::new(&self.clock, &self.ids);
        decide(
            &mut self.conn,
            &ctx,
            &DecideRequest {
                invoice: invoice.into(),
                step: Some("BESLUT#1".into()),
                decision: Decision::Attest,
                comment: None,
                acting_for: None,
            },
        )
        .expect("decide")
    }
}

fn server_with(invoices: &[(&str, &str, &str)]) -> FakeServer {
    let server = FakeServer::start();
    {
        let mut s = server.state();
        for (id, number, assignee) in invoices {
            s.add_invoice(id, number, assignee);
        }
    }
    server
}

#[test]
fn an_offline_attest_reaches_the_server_once_and_its_overlay_holds_until_pulled() {
    let server = server_with(&[("42", "F-2041", "u230")]);
    let mut anna = Client::new(&server, "anna");
    assert!(is_connected(anna.conn.data_dir()).expect("connected"));
    let first = anna.sync();
    assert_eq!((first.pulled, first.offline.as_deref()), (2, None));
    assert_eq!(inbox(&anna.conn, Lang::Sv).expect("inbox").len(), 1);

    // Offline: saved at once, shown as not yet effective, kept through a failed sync.
    let p = anna.attest("F-2041");
    assert_eq!(p.badge, Badge::SavedOnDevice);
    let off = anna.offline();
    assert!(off.offline.is_some(), "{off:?}");
    assert_eq!(off.pending, 1);
    assert!(off.status.offline_since.is_some());
    let item = &inbox(&anna.conn, Lang::Sv).expect("inbox")[0];
    assert_eq!(
        item.pending.as_ref().map(|p| p.badge.key()),
        Some("saved-on-device")
    );
    assert_eq!(server.state().applied, 0);

    // Back online: the outcome arrives once; the pull brings the state, the overlay goes.
    let back = anna.sync();
    assert_eq!(back.offline, None);
    let outcomes: Vec<_> = back
        .outcomes
        .iter()
        .map(|o| (o.outcome.as_str(), o.replayed))
        .collect();
    assert_eq!(outcomes, vec![("ACCEPTED", false)]);
    assert_eq!(back.pending, 0);
    assert!(back.status.offline_since.is_none());
    let view = invoice(&anna.conn, "42", Lang::Sv).expect("invoice");
    assert_eq!(view.steps[0].state, "DONE");
    assert_eq!(
        view.steps[0].pending, None,
        "the pull reached the ack's seq"
    );
    assert!(inbox(&anna.conn, Lang::Sv).expect("inbox").is_empty());
    let again = anna.sync();
    assert!(again.outcomes.is_empty(), "exactly once: {again:?}");
    assert_eq!(server.state().applied, 1);
    assert_eq!(server.state().mutations.len(), 1);
}

#[test]
fn an_accepted_decision_keeps_its_overlay_until_a_pull_delivers_its_seq() {
    let server = server_with(&[("42", "F-2041", "u230")]);
    let mut anna = Client::new(&server, "anna");
    anna.sync();
    anna.attest("42");
    // The push is answered, but the pull fails (truncated twice): the mirror still says OPEN,
    // so the overlay must stay ("nothing flickers back").
    server.state().faults.extend([
        Fault::Truncate {
            path: "/v1/sync/changes".into(),
        },
        Fault::Truncate {
            path: "/v1/sync/changes".into(),
        },
    ]);
    let r = anna.sync_with(&SyncOptions {
        attempts: 2,
        ..SyncOptions::default()
    });
    assert_eq!(r.outcomes[0].outcome, "ACCEPTED");
    assert!(r.offline.is_some(), "the pull gave up: {r:?}");
    let view = invoice(&anna.conn, "42", Lang::Sv).expect("invoice");
    assert_eq!(view.steps[0].state, "OPEN");
    assert_eq!(
        view.steps[0].pending.as_ref().map(|p| p.badge.key()),
        Some("recorded")
    );
    let cursor_before = anna.conn.store.sync_state(SCOPE).expect("st").cursor;
    assert_eq!(
        cursor_before.as_deref(),
        Some("e1:1"),
        "a truncated page moves nothing"
    );
    anna.sync();
    let view = invoice(&anna.conn, "42", Lang::Sv).expect("invoice");
    assert_eq!(
        (view.steps[0].state.as_str(), &view.steps[0].pending),
        ("DONE", &None)
    );
}

#[test]
fn a_lost_response_is_sent_again_and_answered_from_the_idempotency_record() {
    let server = server_with(&[("42", "F-2041", "u230")]);
    let mut anna = Client::new(&server, "anna");
    anna.sync();
    let p = anna.attest("42");
    // The server commits, the answer never arrives; the retry in the same cycle is replayed.
    server.state().faults.push_back(Fault::DropAfter {
        path: "/v1/sync/mutations".into(),
    });
    let r = anna.sync();
    assert_eq!(r.outcomes.len(), 1);
    assert_eq!(
        (r.outcomes[0].outcome.as_str(), r.outcomes[0].replayed),
        ("ACCEPTED", true)
    );
    assert_eq!(r.outcomes[0].mutation_id, p.mutation_id);
    assert_eq!(server.state().applied, 1, "applied once");
    assert_eq!(anna.waits.taken().len(), 1, "one backoff wait");
}

#[test]
fn a_row_left_in_flight_is_looked_up_before_it_is_sent_again() {
    let server = server_with(&[("42", "F-2041", "u230")]);
    let mut anna = Client::new(&server, "anna");
    anna.sync();
    let p = anna.attest("42");
    server.state().faults.push_back(Fault::DropAfter {
        path: "/v1/sync/mutations".into(),
    });
    let r = anna.sync_with(&SyncOptions {
        attempts: 1,
        ..SyncOptions::default()
    });
    assert!(r.offline.is_some() && r.outcomes.is_empty(), "{r:?}");
    let pushes_before = count(&server, "POST /v1/sync/mutations");
    let r = anna.sync();
    assert_eq!(
        (r.outcomes[0].outcome.as_str(), r.outcomes[0].replayed),
        ("ACCEPTED", true)
    );
    assert!(
        server
            .state()
            .requests
            .contains(&format!("GET /v1/sync/mutations/{}", p.mutation_id))
    );
    assert_eq!(
        count(&server, "POST /v1/sync/mutations"),
        pushes_before,
        "not sent again"
    );
    assert_eq!(server.state().applied, 1);
}

fn count(server: &FakeServer, what: &str) -> usize {
    server
        .state()
        .requests
        .iter()
        .filter(|r| r.as_str() == what)
        .count()
}

#[test]
fn retry_after_is_honoured_and_the_attempts_are_bounded() {
    let server = server_with(&[("42", "F-2041", "u230")]);
    let mut anna = Client::new(&server, "anna");
    anna.sync();
    anna.attest("42");
    for _ in 0..2 {
        server.state().faults.push_back(Fault::Status {
            path: "/v1/sync/mutations".into(),
            status: 503,
            retry_after: Some(7),
        });
    }
    let r = anna.sync();
    assert_eq!(r.outcomes[0].outcome, "ACCEPTED");
    let waits = anna.waits.taken();
    assert_eq!(waits.len(), 2);
    assert!(
        waits.iter().all(|w| *w >= Duration::from_secs(7)),
        "{waits:?}"
    );
    // Always 503: the cycle gives up after its attempts and keeps the row.
    anna.attest_second(&server);
    for _ in 0..10 {
        server.state().faults.push_back(Fault::Status {
            path: "/v1/sync/mutations".into(),
            status: 503,
            retry_after: None,
        });
    }
    let before = anna.waits.taken().len();
    let r = anna.sync_with(&SyncOptions {
        attempts: 3,
        ..SyncOptions::default()
    });
    assert!(r.offline.is_some());
    assert_eq!(r.pending, 1);
    let waits = anna.waits.taken();
    assert_eq!(waits.len() - before, 2, "3 attempts, 2 waits between them");
    assert!(waits[before] <= Duration::from_secs(1) && waits[before + 1] <= Duration::from_secs(2));
    let row = &anna.conn.store.outbox().expect("rows")[1];
    assert_eq!(row.attempts, 3);
    assert!(
        row.last_error.as_deref().unwrap_or("").contains("503"),
        "{row:?}"
    );
}

impl Client {
    fn attest_second(&mut self, server: &FakeServer) {
        server.state().add_invoice("43", "F-2042", "u230");
        self.sync();
        self.attest("43");
    }
}

#[test]
fn an_expired_token_is_refreshed_once_and_saved() {
    let server = server_with(&[("42", "F-2041", "u230")]);
    let mut anna = Client::new(&server, "anna");
    let before = session::load(anna.conn.data_dir())
        .expect("s")
        .expect("some");
    server.state().expire_tokens();
    let r = anna.sync();
    assert_eq!((r.offline, r.pulled), (None, 2));
    let after = session::load(anna.conn.data_dir())
        .expect("s")
        .expect("some");
    assert_ne!(before.access_token, after.access_token);
    assert_eq!(count(&server, "POST /v1/auth/refresh"), 1);
    // Refresh refused too: stop and ask to log in; nothing queued is lost.
    anna.attest("42");
    {
        let mut s = server.state();
        s.expire_tokens();
        s.refresh.clear();
    }
    let ctx = Context::new(&anna.clock, &anna.ids);
    let err = sync_once(
        &mut anna.conn,
        &ctx,
        &mut anna.rng,
        &anna.waits,
        &SyncOptions::default(),
        Lang::Sv,
        utc(),
    )
    .expect_err("needs login");
    assert_eq!(err.code, ErrorCode::Precondition);
    assert!(err.message.contains("log in again"), "{}", err.message);
    assert_eq!(anna.conn.store.pending_count().expect("n"), 1);
}

#[test]
fn a_restored_server_is_rebuilt_from_and_given_back_what_it_lost() {
    let server = server_with(&[("42", "F-2041", "u230"), ("43", "F-2042", "u230")]);
    let mut anna = Client::new(&server, "anna");
    anna.sync();
    anna.attest("42");
    anna.attest("43");
    let r = anna.sync();
    assert_eq!(r.outcomes.len(), 2);
    let device = anna
        .conn
        .store
        .device()
        .expect("d")
        .expect("some")
        .device_id;
    // Restore a backup that has only device_seq 1, under a new epoch.
    server.state().restore_to(&device, 1, "e2");
    assert_eq!(server.state().mutations.len(), 1);
    let r = anna.sync();
    assert!(r.rebuilt, "{r:?}");
    assert_eq!(r.repushed, 1, "only the one above the watermark");
    let outcomes: Vec<_> = r
        .outcomes
        .iter()
        .map(|o| (o.outcome.as_str(), o.replayed))
        .collect();
    assert_eq!(outcomes, vec![("ACCEPTED", false)]);
    assert_eq!(server.state().mutations.len(), 2, "nothing lost");
    assert_eq!(
        r.status.rebuild_banner, None,
        "the banner goes when the rebuild is done"
    );
    for id in ["42", "43"] {
        let view = invoice(&anna.conn, id, Lang::Sv).expect("invoice");
        assert_eq!(view.steps[0].state, "DONE");
        assert_eq!(
            view.steps[0].pending, None,
            "invoice {id}: no stale overlay after a restore"
        );
    }
    assert_eq!(anna.conn.store.outbox().expect("rows").len(), 2);
}

#[test]
fn a_410_on_pull_rebuilds_the_mirror_and_keeps_the_outbox() {
    let server = server_with(&[("42", "F-2041", "u230")]);
    let mut anna = Client::new(&server, "anna");
    anna.sync();
    anna.attest("42");
    // The cursor is ahead of the server's head (a restored database with the same epoch).
    anna.conn
        .store
        .apply_page(
            SCOPE,
            &[],
            &[],
            "e1:999",
            Some(999),
            None,
            Clock::now(&anna.clock),
        )
        .expect("cursor");
    let r = anna.sync();
    assert!(r.rebuilt);
    assert_eq!(r.outcomes.len(), 1);
    assert_eq!(
        anna.conn
            .store
            .sync_state(SCOPE)
            .expect("st")
            .cursor
            .as_deref()
            .map(|c| c.starts_with("e1:")),
        Some(true)
    );
    assert_eq!(server.state().applied, 1);
}

#[test]
fn an_item_the_server_cannot_take_is_quarantined_and_the_rest_go_on() {
    let server = server_with(&[
        ("42", "A", "u230"),
        ("43", "B", "u230"),
        ("44", "C", "u230"),
    ]);
    let mut anna = Client::new(&server, "anna");
    anna.sync();
    anna.attest("42");
    let ctx = Context::new(&anna.clock, &anna.ids);
    let bad = decide(
        &mut anna.conn,
        &ctx,
        &DecideRequest {
            invoice: "43".into(),
            step: None,
            decision: Decision::Attest,
            comment: Some("HUGE".into()),
            acting_for: None,
        },
    )
    .expect("decide");
    anna.attest("44");
    server.state().refuse_marker = Some(("HUGE".into(), 413));
    let r = anna.sync();
    assert_eq!(r.quarantined.len(), 1);
    assert_eq!(r.quarantined[0].0, bad.mutation_id);
    let kinds: Vec<_> = r
        .outcomes
        .iter()
        .map(|o| (o.kind.as_str(), o.outcome.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("step_decision", "ACCEPTED"),
            ("step_decision", "ACCEPTED"),
            ("void", "ACCEPTED")
        ]
    );
    assert_eq!(r.pending, 0);
    let att = attention(&anna.conn, Lang::Sv, utc()).expect("attention");
    assert_eq!(att.len(), 1);
    assert_eq!(att[0].outcome, "QUARANTINED");
    let void: Value =
        serde_json::from_str(&anna.conn.store.outbox().expect("rows")[3].payload_json)
            .expect("json");
    assert_eq!(void["device_seq"], 2);
}

#[test]
fn two_clients_deciding_the_same_step_offline_see_the_same_winner_after_one_pull() {
    let server = server_with(&[("42", "F-2041", "u230")]);
    let mut anna = Client::new(&server, "anna");
    let mut bertil = Client::new(&server, "bertil");
    anna.sync();
    bertil.sync();
    anna.attest("42");
    bertil.attest("42");
    let a = anna.sync();
    let b = bertil.sync();
    assert_eq!(a.outcomes[0].outcome, "ACCEPTED");
    assert_eq!(b.outcomes[0].outcome, "SUPERSEDED");
    for c in [&anna, &bertil] {
        let v = invoice(&c.conn, "42", Lang::Sv).expect("invoice");
        assert_eq!(v.steps[0].decided_by.as_deref(), Some("u230"));
        assert_eq!(v.steps[0].state, "DONE");
    }
    // Bertil is told who won, with the server's seq; he acknowledges it, audited.
    let att = &b.attention;
    assert_eq!(att.len(), 1);
    assert_eq!(att[0].winner.as_deref(), Some("u230"));
    assert!(
        att[0]
            .message
            .starts_with("Inte genomfört: u230 attesterade steget först (4 dec 09:00, server #"),
        "{}",
        att[0].message
    );
    assert!(a.attention.is_empty());
    let ctx = Context::new(&bertil.clock, &bertil.ids);
    let id = att[0].mutation_id.clone();
    acknowledge(&mut bertil.conn, &ctx, &id).expect("ack");
    assert!(
        attention(&bertil.conn, Lang::Sv, utc())
            .expect("att")
            .is_empty()
    );
    assert!(acknowledge(&mut bertil.conn, &ctx, &id).is_err(), "once");
    let r = bertil.sync();
    assert_eq!(r.outcomes[0].kind, "ack_attention");
}

#[test]
fn the_status_warns_about_clock_skew_and_a_client_drawn_device_id_is_used() {
    let server = server_with(&[]);
    let mut anna = Client::new(&server, "anna");
    let d = anna.conn.store.device().expect("d").expect("some");
    assert!(
        uuid::Uuid::parse_str(&d.device_id).is_ok(),
        "client-drawn UUIDv4"
    );
    anna.clock.advance(-600);
    let r = anna.sync();
    assert_eq!(r.status.skew_ms, Some(600_000));
    assert!(
        r.status
            .skew_warning
            .as_deref()
            .unwrap_or("")
            .contains("10 min")
    );
    anna.clock.advance(540);
    let r = anna.sync();
    assert_eq!(r.status.skew_warning, None);
    // With an enrolment endpoint the server's id is used.
    let server2 = server_with(&[]);
    server2.state().has_devices = true;
    let bertil = Client::new(&server2, "bertil");
    let d = bertil.conn.store.device().expect("d").expect("some");
    assert_eq!(d.device_id, "server-device-1");
}

#[test]
fn an_offline_kontering_is_shown_until_its_outcome_is_known() {
    let server = server_with(&[("42", "F-2041", "u230")]);
    let mut anna = Client::new(&server, "anna");
    anna.sync();
    let rows = vec![CodingRow {
        amount: "1000.00".parse().expect("amount"),
        konto: "4620".into(),
        ansvar: "4110".into(),
        verksamhet: String::new(),
        aktivitet: String::new(),
        projekt: String::new(),
        objekt: String::new(),
        motpart: String::new(),
        momskod: "AVDRAGSGILL".into(),
    }];
    let ctx = Context::new(&anna.clock, &anna.ids);
    let p = set_kontering(&mut anna.conn, &ctx, "F-2041", &rows).expect("kontering");
    assert_eq!(p.kind, "set_kontering");
    let view = invoice(&anna.conn, "42", Lang::Sv).expect("view");
    assert!(view.kontering_pending);
    assert_eq!(view.kontering[0].konto, "4620");
    let sent: Value = serde_json::from_str(
        &anna
            .conn
            .store
            .mutation(&p.mutation_id)
            .expect("m")
            .expect("some")
            .payload_json,
    )
    .expect("json");
    assert_eq!(sent["base_revision"], 1);
    assert_eq!(sent["rows"][0]["belopp"], "1000.00");
    let r = anna.sync();
    assert_eq!(r.outcomes[0].kind, "set_kontering");
    let view = invoice(&anna.conn, "42", Lang::Sv).expect("view");
    assert!(!view.kontering_pending, "the outcome is known and pulled");
    assert_eq!(
        view.kontering[0].konto, "6110",
        "the mirror is what the server says"
    );
}
