//! Offline sync, server side (`api::sync`): idempotent push, the conflict policy through the
//! approval engine, EXPIRED by server time, re-routes in both scopes, malformed items that do
//! not stall the watermark, 410 cursors, a client mirror that converges on the snapshot, the
//! determinism oracle (replaying the mutations table reproduces every outcome) and a gap-free
//! cursor under concurrent writers on one SQLite file.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, TimeZone, Utc};
use digilyft_core::api::approval::DecideRequest;
use digilyft_core::api::sync::wire::{
    ChangeOp, ChangeRow, InvoiceData, PushRequest, ResultItem, SyncOutcome, payload_sha256,
};
use digilyft_core::api::sync::{self, Caller, Pull};
use digilyft_core::api::{self, Context, Decision, FixedClock, SequenceIds, Workspace};
use serde_json::{Value, json};

const DEVICE_A: &str = "00000000-0000-7000-8000-00000000000a";
const DEVICE_B: &str = "00000000-0000-7000-8000-00000000000b";
const DEVICE_C: &str = "00000000-0000-7000-8000-00000000000c";

trait SetClock {
    fn set(&self, t: DateTime<Utc>);
}

impl SetClock for FixedClock {
    fn set(&self, t: DateTime<Utc>) {
        use digilyft_core::api::Clock;
        self.advance((t - self.now()).num_seconds());
    }
}

/// 2026-11-20 09:00 UTC.
fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
        .single()
        .expect("time")
}

fn mid(n: u32) -> String {
    format!("0190f3c2-0000-7000-8000-{n:012}")
}

fn caller(person: &str, role: &str) -> Caller {
    Caller {
        person: person.into(),
        role: role.into(),
    }
}

/// A server: the sample rule set and invoices in memory, and its clock.
struct Server {
    ws: Workspace,
    clock: FixedClock,
    ids: SequenceIds,
}

impl Server {
    fn new() -> Server {
        let clock = FixedClock::at(start());
        let ids = SequenceIds::new("srv");
        let mut ws = Workspace::in_memory().expect("workspace");
        {
            let ctx = Context::new(&clock, &ids);
            let wb = api::samples::attestforteckning().expect("workbook");
            api::rules::import_workbook(
                &mut ws,
                &ctx.acting_as("u300"),
                "a.xlsx",
                &wb,
                "KS 1",
                true,
            )
            .expect("rules");
            api::invoices::import_bytes(&mut ws, &ctx, api::samples::invoices(ctx.today()))
                .expect("import");
        }
        Server { ws, clock, ids }
    }

    fn ctx<'a>(&'a self, actor: &'a str) -> Context<'a> {
        Context::new(&self.clock, &self.ids).acting_as(actor)
    }

    /// The invoice `number`'s data as the change log carries it.
    fn data(&self, number: &str) -> InvoiceData {
        let snap = sync::snapshot(&self.ws, &self.ctx("u300"), &caller("u300", "admin"))
            .expect("snapshot");
        snap.rows
            .into_iter()
            .filter(|r| r.entity == "invoice")
            .map(|r| serde_json::from_value::<InvoiceData>(r.data).expect("invoice data"))
            .find(|d| d.number == number)
            .unwrap_or_else(|| panic!("no invoice {number}"))
    }

    fn push(&mut self, actor: &str, device: &str, items: Vec<Value>) -> Vec<ResultItem> {
        let req = PushRequest {
            device_id: device.into(),
            batch_id: None,
            mutations: items,
        };
        let ctx = Context::new(&self.clock, &self.ids).acting_as(actor);
        sync::push(&mut self.ws, &ctx, device, &req, sync::Rights::ALL)
            .expect("push")
            .results
    }

    fn push1(&mut self, actor: &str, device: &str, item: Value) -> ResultItem {
        self.push(actor, device, vec![item]).remove(0)
    }

    fn pull(&self, who: &Caller, since: &str) -> (Vec<ChangeRow>, String) {
        let mut rows = Vec::new();
        let mut cursor = since.to_string();
        loop {
            match sync::changes(&self.ws, &self.ctx(&who.person), who, &cursor, 7).expect("pull") {
                Pull::Changes(c) => {
                    rows.extend(c.changes);
                    cursor = c.next_cursor;
                    if !c.has_more {
                        return (rows, cursor);
                    }
                }
                Pull::Gone { code, .. } => panic!("gone: {code}"),
            }
        }
    }

    fn cursor(&self, who: &Caller) -> String {
        sync::snapshot(&self.ws, &self.ctx(&who.person), who)
            .expect("snapshot")
            .cursor_at_start
    }
}

fn envelope(
    id: &str,
    seq: i64,
    kind: &str,
    schema_v: u32,
    payload: Value,
    created: DateTime<Utc>,
) -> Value {
    json!({"mutation_id": id, "device_seq": seq, "kind": kind, "schema_v": schema_v,
           "payload_sha256": payload_sha256(&payload), "payload": payload,
           "created_at_device": created.to_rfc3339()})
}

/// A `step_decision` on `d`'s step `step`, as a client that pulled `d` would make it.
fn decision(d: &InvoiceData, step: &str, decision: &str) -> Value {
    let s = d.steps.iter().find(|s| s.label == step).expect("step");
    json!({"invoice_id": d.id, "step_id": step, "decision": decision, "comment": null,
           "route_version": s.route_version, "base_revision": d.revision,
           "content_hash": d.content_hash, "acting_for": null,
           "ruleset_version": d.ruleset_version.expect("routed")})
}

fn decide_env(id: &str, seq: i64, d: &InvoiceData, step: &str, what: &str) -> Value {
    envelope(
        id,
        seq,
        "step_decision",
        2,
        decision(d, step, what),
        start(),
    )
}

#[test]
fn a_replay_returns_the_recorded_result_and_a_reused_key_changes_nothing() {
    let mut s = Server::new();
    let d = s.data("KN-2041");
    let env = decide_env(&mid(1), 1, &d, "GRANSKNING#1", "ATTEST");
    let first = s.push1("u230", DEVICE_A, env.clone());
    assert_eq!(
        (first.outcome, first.replayed),
        (SyncOutcome::Accepted, false)
    );
    let head = s.ws_head();
    s.clock.advance(60);
    let again = s.push1("u230", DEVICE_A, env.clone());
    assert_eq!(
        (again.outcome, again.replayed),
        (SyncOutcome::Accepted, true)
    );
    assert_eq!(
        (again.server_seq, again.received_at),
        (first.server_seq, first.received_at)
    );
    assert_eq!(s.ws_head(), head, "a replay writes nothing");
    // Same id, another payload; same id from another device or person; a new id on a taken seq.
    let edited = decide_env(&mid(1), 1, &d, "GRANSKNING#1", "REJECT");
    let table = [
        ("u230", DEVICE_A, edited, "key-reused"),
        ("u230", DEVICE_B, env.clone(), "key-reused"),
        ("u240", DEVICE_A, env.clone(), "key-reused"),
        (
            "u230",
            DEVICE_A,
            decide_env(&mid(2), 1, &d, "GRANSKNING#1", "ATTEST"),
            "device-seq-reused",
        ),
    ];
    for (who, device, item, code) in table {
        let r = s.push1(who, device, item);
        assert_eq!(
            (r.outcome, r.detail.reason_code.as_str(), r.server_seq),
            (SyncOutcome::KeyReused, code, None)
        );
    }
    assert_eq!(s.ws_head(), head, "KEY_REUSED writes nothing");
    let detail = api::invoices::detail(&s.ws, "KN-2041").expect("detail");
    assert_eq!(detail.decisions.len(), 1, "{:?}", detail.decisions);
    let w = sync::watermark(&s.ws, &caller("u230", "attestant"), DEVICE_A).expect("watermark");
    assert_eq!(w.device_high_water, 1);
    let stored = sync::mutation(&s.ws, &caller("u230", "attestant"), &mid(1)).expect("stored");
    assert_eq!(
        (stored.outcome, stored.replayed),
        (SyncOutcome::Accepted, true)
    );
    for (who, role) in [("u240", "attestant"), ("u230", "attestant")] {
        let id = if who == "u240" { mid(1) } else { mid(99) };
        let e = sync::mutation(&s.ws, &caller(who, role), &id).expect_err("hidden");
        assert_eq!(e.code, api::ErrorCode::NotFound);
    }
    assert!(sync::mutation(&s.ws, &caller("u300", "admin"), &mid(1)).is_ok());
}

impl Server {
    fn ws_head(&self) -> String {
        self.cursor(&caller("u300", "admin"))
    }
}

#[test]
fn two_devices_on_one_step_the_first_received_wins_and_a_lost_objection_blocks_payment() {
    let mut s = Server::new();
    let d = s.data("KN-2041");
    let g = s.push1(
        "u230",
        DEVICE_A,
        decide_env(&mid(1), 1, &d, "GRANSKNING#1", "ATTEST"),
    );
    assert_eq!(g.outcome, SyncOutcome::Accepted);
    // Both the budget holder (u210) and her ersättare (u240) pulled the same state offline.
    let seen = s.data("KN-2041");
    let since_210 = s.cursor(&caller("u210", "attestant"));
    let winner = s.push1(
        "u240",
        DEVICE_B,
        decide_env(&mid(2), 1, &seen, "BESLUT#1", "ATTEST"),
    );
    let loser = s.push1(
        "u210",
        DEVICE_A,
        decide_env(&mid(3), 2, &seen, "BESLUT#1", "REJECT"),
    );
    assert_eq!(winner.outcome, SyncOutcome::Accepted, "{winner:?}");
    assert_eq!(loser.outcome, SyncOutcome::Superseded, "{loser:?}");
    assert_eq!(
        loser.detail.winner_mutation_id.as_deref(),
        Some(mid(2).as_str())
    );
    assert_eq!(loser.detail.winner_actor.as_deref(), Some("u240"));
    assert_eq!(loser.detail.winner_seq, winner.server_seq);
    assert_eq!(loser.detail.action, "review-winner");
    let after = s.data("KN-2041");
    assert!(after.payment_block, "a lost objection blocks payment");
    assert_eq!(after.state, "attested");
    // The loser sees the winner's state and the block, and the outcome in "Behöver åtgärd".
    let (rows, _) = s.pull(&caller("u210", "attestant"), &since_210);
    let last_invoice = rows
        .iter()
        .rev()
        .find(|r| r.entity == "invoice" && r.id == after.id)
        .expect("invoice change");
    assert_eq!(
        last_invoice
            .data
            .as_ref()
            .map(|v| v["payment_block"].clone()),
        Some(json!(true))
    );
    assert!(rows.iter().any(|r| {
        r.entity == "mutation"
            && r.id == mid(3)
            && r.data.as_ref().is_some_and(|v| {
                v["attention"] == json!(true) && v["outcome"] == json!("SUPERSEDED")
            })
    }));
    assert!(
        loser
            .server_seq
            .is_some_and(|l| rows.iter().any(|r| r.seq == l))
    );
    let snap = sync::snapshot(
        &s.ws,
        &Context::new(&s.clock, &s.ids).acting_as("u210"),
        &caller("u210", "attestant"),
    )
    .expect("snap");
    assert!(
        snap.rows
            .iter()
            .any(|r| r.entity == "mutation" && r.id == mid(3))
    );
    // An attest losing against an attest is only recorded: no block.
    let mut s = Server::new();
    let d = s.data("KN-2041");
    s.push1(
        "u230",
        DEVICE_A,
        decide_env(&mid(1), 1, &d, "GRANSKNING#1", "ATTEST"),
    );
    let seen = s.data("KN-2041");
    s.push1(
        "u240",
        DEVICE_B,
        decide_env(&mid(2), 1, &seen, "BESLUT#1", "ATTEST"),
    );
    let late = s.push1(
        "u210",
        DEVICE_A,
        decide_env(&mid(3), 2, &seen, "BESLUT#1", "ATTEST"),
    );
    assert_eq!(late.outcome, SyncOutcome::Superseded);
    assert!(!s.data("KN-2041").payment_block);
}

#[test]
fn a_decision_on_changed_content_is_stale_and_an_old_schema_is_upcast() {
    let mut s = Server::new();
    let seen = s.data("KN-2041");
    // Meanwhile the kontering is split in two rows of the same codes.
    let mut rows = api::approval::kontering(&s.ws, "KN-2041").expect("rows");
    let half = rows[0].amount / rust_decimal::Decimal::from(2);
    rows[0].amount = half;
    rows.push(rows[0].clone());
    api::approval::set_kontering(
        &mut s.ws,
        &Context::new(&s.clock, &s.ids).acting_as("u230"),
        "KN-2041",
        rows,
    )
    .expect("recode");
    let r = s.push1(
        "u230",
        DEVICE_A,
        decide_env(&mid(1), 1, &seen, "GRANSKNING#1", "ATTEST"),
    );
    assert_eq!(r.outcome, SyncOutcome::Stale, "{r:?}");
    assert!(
        ["content-changed", "step-changed"].contains(&r.detail.reason_code.as_str()),
        "{r:?}"
    );
    // Schema 1 carries no hash: the server uses the hash at the revision the client saw.
    let v1 = |d: &InvoiceData| {
        let mut p = decision(d, "GRANSKNING#1", "ATTEST");
        let o = p.as_object_mut().expect("object");
        o.remove("content_hash");
        o.remove("route_version");
        p
    };
    let old = s.push1(
        "u230",
        DEVICE_A,
        envelope(&mid(2), 2, "step_decision", 1, v1(&seen), start()),
    );
    assert_eq!(old.outcome, SyncOutcome::Stale, "{old:?}");
    let now = s.data("KN-2041");
    let ok = s.push1(
        "u230",
        DEVICE_A,
        envelope(&mid(3), 3, "step_decision", 1, v1(&now), start()),
    );
    assert_eq!(ok.outcome, SyncOutcome::Accepted, "{ok:?}");
}

#[test]
fn a_reroute_reaches_the_old_and_the_new_assignee_and_stales_the_old_ones_decision() {
    let mut s = Server::new();
    let before: BTreeMap<String, InvoiceData> = ["KN-2041", "OP-118", "KG-77", "KG-78", "KN-2042"]
        .iter()
        .map(|n| (n.to_string(), s.data(n)))
        .collect();
    let cursors: BTreeMap<String, String> =
        ["u230", "u200", "u300", "u310", "u320", "u210", "u100"]
            .iter()
            .map(|p| (p.to_string(), s.cursor(&caller(p, "attestant"))))
            .collect();
    // Close to the attest deadline the open steps move on (ersättare → chef → queue).
    s.clock.set(
        Utc.with_ymd_and_hms(2026, 12, 12, 9, 0, 0)
            .single()
            .expect("t"),
    );
    let moved = api::approval::escalate(
        &mut s.ws,
        &Context::new(&s.clock, &s.ids).acting_as("system"),
    )
    .expect("escalate");
    assert!(moved > 0);
    let mut seen_reroute = false;
    for (number, old) in &before {
        let new = s.data(number);
        for (o, n) in old.steps.iter().zip(&new.steps) {
            if o.state != "OPEN" || o.assignee == n.assignee {
                continue;
            }
            seen_reroute = true;
            assert!(n.route_version > o.route_version, "{number}: {o:?} → {n:?}");
            let old_person = o.assignee.clone().expect("assigned");
            let still = new.steps.iter().any(|x| {
                [&x.assignee, &x.decided_by, &x.acting_for]
                    .iter()
                    .any(|p| p.as_deref() == Some(&old_person))
            });
            let (rows, _) = s.pull(&caller(&old_person, "attestant"), &cursors[&old_person]);
            let mine: Vec<&ChangeRow> = rows
                .iter()
                .filter(|r| r.entity == "invoice" && r.id == new.id)
                .collect();
            let want = if still {
                ChangeOp::Upsert
            } else {
                ChangeOp::LeaveScope
            };
            assert_eq!(
                mine.last().map(|r| r.op),
                Some(want),
                "{number} for {old_person}: {mine:?}"
            );
            if !still {
                assert_eq!(
                    mine.last().and_then(|r| r.reason.as_deref()),
                    Some("rerouted")
                );
            }
            if let Some(p) = &n.assignee
                && let Some(since) = cursors.get(p)
            {
                let (rows, _) = s.pull(&caller(p, "attestant"), since);
                assert!(
                    rows.iter()
                        .any(|r| r.op == ChangeOp::Upsert && r.id == new.id),
                    "{number} for {p}"
                );
            }
            // The old assignee's offline decision on the old routing is stale.
            let r = s.push1(
                &old_person,
                DEVICE_A,
                decide_env(
                    &mid(n.seq + 1),
                    i64::from(n.seq) + 1,
                    old,
                    &o.label,
                    "ATTEST",
                ),
            );
            assert_eq!(
                (r.outcome, r.detail.reason_code.as_str()),
                (SyncOutcome::Stale, "rerouted"),
                "{number}: {r:?}"
            );
        }
        if seen_reroute {
            break;
        }
    }
    assert!(seen_reroute, "escalation re-routed an open step");
}

#[test]
fn expired_is_judged_by_the_servers_receipt_time_only() {
    let created = start();
    // (server receipt time after the claimed creation, expected outcome)
    let table = [
        (Duration::days(6), SyncOutcome::Accepted),
        (Duration::days(7), SyncOutcome::Accepted),
        (
            Duration::days(7) + Duration::minutes(1),
            SyncOutcome::Expired,
        ),
        (Duration::days(30), SyncOutcome::Expired),
        // A device clock running ahead claims a future time: nothing is earlier than receipt.
        (Duration::days(-3), SyncOutcome::Accepted),
    ];
    for (after, want) in table {
        let mut s = Server::new();
        let d = s.data("KN-2041");
        s.clock.set(created + after);
        let item = envelope(
            &mid(1),
            1,
            "step_decision",
            2,
            decision(&d, "GRANSKNING#1", "ATTEST"),
            created,
        );
        let r = s.push1("u230", DEVICE_A, item);
        assert_eq!(r.outcome, want, "{after}: {r:?}");
        assert_eq!(
            r.received_at,
            Some(created + after),
            "received_at is the server's time"
        );
    }
}

#[test]
fn malformed_items_are_stored_so_the_watermark_moves_on_and_a_void_passes_an_unusable_one() {
    let mut s = Server::new();
    let d = s.data("KN-2041");
    let good = decide_env(&mid(1), 1, &d, "GRANSKNING#1", "ATTEST");
    let mut bad_hash = decide_env(&mid(2), 2, &d, "GRANSKNING#1", "ATTEST");
    bad_hash["payload_sha256"] = json!("0".repeat(64));
    let unknown = envelope(&mid(3), 3, "teleport", 1, json!({"to": "mars"}), start());
    let unusable = json!({"device_seq": 4, "kind": "step_decision"});
    let bad_payload = envelope(
        &mid(5),
        5,
        "step_decision",
        2,
        json!({"invoice_id": []}),
        start(),
    );
    // Sent out of order: the server applies them in device-seq order.
    let results = s.push(
        "u230",
        DEVICE_A,
        vec![bad_payload, unusable, unknown, bad_hash, good],
    );
    let got: Vec<(Option<i64>, SyncOutcome, &str)> = results
        .iter()
        .map(|r| (r.device_seq, r.outcome, r.detail.reason_code.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some(1), SyncOutcome::Accepted, "ok"),
            (
                Some(2),
                SyncOutcome::RejectedMalformed,
                "payload-hash-mismatch"
            ),
            (Some(3), SyncOutcome::RejectedMalformed, "unknown-kind"),
            (Some(4), SyncOutcome::RejectedMalformed, "missing-id"),
            (Some(5), SyncOutcome::RejectedMalformed, "bad-payload"),
        ]
    );
    assert!(results[3].server_seq.is_none() && results[4].server_seq.is_some());
    let me = caller("u230", "attestant");
    assert_eq!(
        sync::watermark(&s.ws, &me, DEVICE_A)
            .expect("w")
            .device_high_water,
        3
    );
    let void = envelope(
        &mid(6),
        6,
        "void",
        1,
        json!({"device_seq": 4, "reason": "unreadable"}),
        start(),
    );
    assert_eq!(
        s.push1("u230", DEVICE_A, void).outcome,
        SyncOutcome::Accepted
    );
    assert_eq!(
        sync::watermark(&s.ws, &me, DEVICE_A)
            .expect("w")
            .device_high_water,
        6
    );
    let taken = envelope(
        &mid(7),
        7,
        "void",
        1,
        json!({"device_seq": 2, "reason": "x"}),
        start(),
    );
    let r = s.push1("u230", DEVICE_A, taken);
    assert_eq!(
        (r.outcome, r.detail.reason_code.as_str()),
        (SyncOutcome::RejectedRule, "seq-taken")
    );
    // Another person's watermark on the same device counts only their own mutations.
    assert_eq!(
        sync::watermark(&s.ws, &caller("u240", "attestant"), DEVICE_A)
            .expect("w")
            .device_high_water,
        0
    );
    // A body naming another device than the request is refused whole.
    let req = PushRequest {
        device_id: DEVICE_B.into(),
        batch_id: None,
        mutations: vec![],
    };
    let e = sync::push(
        &mut s.ws,
        &Context::new(&s.clock, &s.ids).acting_as("u230"),
        DEVICE_A,
        &req,
        sync::Rights::ALL,
    )
    .expect_err("mismatch");
    assert_eq!(e.code, api::ErrorCode::Validation);
    // A kind the caller's role may not send is recorded as refused: the watermark moves on.
    let op = s.data("OP-118");
    let req = PushRequest {
        device_id: DEVICE_A.into(),
        batch_id: None,
        mutations: vec![decide_env(&mid(8), 8, &op, "GRANSKNING#1", "ATTEST")],
    };
    let clerk = sync::Rights {
        decide: false,
        kontering: true,
    };
    let ctx = Context::new(&s.clock, &s.ids).acting_as("u230");
    let r = sync::push(&mut s.ws, &ctx, DEVICE_A, &req, clerk).expect("push");
    assert_eq!(
        (
            r.results[0].outcome,
            r.results[0].detail.reason_code.as_str(),
            r.device_high_water
        ),
        (SyncOutcome::RejectedRule, "role-not-permitted", 8)
    );
    assert_eq!(s.data("OP-118").steps[0].state, "OPEN");
}

#[test]
fn cursors_of_another_epoch_beyond_the_head_or_retention_are_gone() {
    let mut s = Server::new();
    let me = caller("u230", "attestant");
    let cursor = s.cursor(&me);
    let (epoch, head) = cursor.rsplit_once(':').expect("cursor");
    let head: i64 = head.parse().expect("seq");
    let gone = |s: &Server, c: &str| match sync::changes(
        &s.ws,
        &Context::new(&s.clock, &s.ids).acting_as("u230"),
        &me,
        c,
        10,
    )
    .expect("pull")
    {
        Pull::Gone { code, .. } => Some(code),
        Pull::Changes(_) => None,
    };
    assert_eq!(gone(&s, &cursor), None);
    assert_eq!(gone(&s, &format!("{epoch}:0")), None, "nothing pruned yet");
    assert_eq!(gone(&s, "otherepoch:1"), Some("epoch-changed"));
    assert_eq!(
        gone(&s, &format!("{epoch}:{}", head + 5)),
        Some("cursor-expired")
    );
    for bad in ["", "12", "e:x", "a b:1"] {
        let e = sync::changes(
            &s.ws,
            &Context::new(&s.clock, &s.ids).acting_as("u230"),
            &me,
            bad,
            10,
        )
        .expect_err("bad cursor");
        assert_eq!(e.code, api::ErrorCode::Validation, "{bad:?}");
    }
    s.clock.advance(91 * 24 * 3600);
    let d = s.data("KN-2041");
    s.push1(
        "u230",
        DEVICE_A,
        envelope(
            &mid(1),
            1,
            "step_decision",
            2,
            decision(&d, "GRANSKNING#1", "ATTEST"),
            s.clock_now(),
        ),
    );
    let removed = sync::prune_changes(
        &mut s.ws,
        &Context::new(&s.clock, &s.ids).acting_as("u300"),
        90,
    )
    .expect("prune");
    assert!(removed > 0);
    assert_eq!(gone(&s, &format!("{epoch}:0")), Some("cursor-expired"));
    assert_eq!(
        gone(&s, &cursor),
        None,
        "the pruned ones were all at or before it"
    );
    let fresh = sync::bump_epoch(&mut s.ws, &Context::new(&s.clock, &s.ids).acting_as("u300"))
        .expect("bump");
    assert_ne!(fresh, epoch);
    assert_eq!(gone(&s, &cursor), Some("epoch-changed"));
    assert!(s.cursor(&me).starts_with(&format!("{fresh}:")));
}

impl Server {
    fn clock_now(&self) -> DateTime<Utc> {
        use digilyft_core::api::Clock;
        self.clock.now()
    }
}

#[test]
fn a_decision_sent_through_both_doors_takes_effect_once() {
    let mut s = Server::new();
    let d = s.data("KN-2041");
    let pushed = s.push1(
        "u230",
        DEVICE_A,
        decide_env(&mid(1), 1, &d, "GRANSKNING#1", "ATTEST"),
    );
    assert_eq!(pushed.outcome, SyncOutcome::Accepted);
    let req = |invoice: &str, id: String| DecideRequest {
        invoice: invoice.into(),
        step: Some("GRANSKNING#1".into()),
        decision: Decision::Attest,
        comment: None,
        acting_for: None,
        decision_id: Some(id),
    };
    let again = api::idempotency::decide(
        &mut s.ws,
        &Context::new(&s.clock, &s.ids).acting_as("u230"),
        &req("KN-2041", mid(1)),
    )
    .expect("rest");
    assert_eq!(
        (again.outcome, again.replay),
        (api::Outcome::Accepted, true)
    );
    // The other way round: through REST first, then pushed.
    let first = api::idempotency::decide(
        &mut s.ws,
        &Context::new(&s.clock, &s.ids).acting_as("u230"),
        &req("OP-118", mid(2)),
    )
    .expect("rest");
    assert_eq!(first.outcome, api::Outcome::Accepted);
    let op = s.data("OP-118");
    let mut p = decision(&op, "GRANSKNING#1", "ATTEST");
    p["base_revision"] = json!(op.revision - 1);
    let late = s.push1(
        "u230",
        DEVICE_A,
        envelope(&mid(2), 2, "step_decision", 2, p, start()),
    );
    assert_eq!((late.outcome, late.replayed), (SyncOutcome::Accepted, true));
    for n in ["KN-2041", "OP-118"] {
        let detail = api::invoices::detail(&s.ws, n).expect("detail");
        assert_eq!(detail.decisions.len(), 1, "{n}");
    }
    // The same id pushed for another decision than REST recorded is a reused key.
    let kg = s.data("KG-77");
    let r = s.push1(
        "u230",
        DEVICE_B,
        envelope(
            &mid(2),
            1,
            "step_decision",
            2,
            decision(&kg, "GRANSKNING#1", "ATTEST"),
            start(),
        ),
    );
    assert_eq!(r.outcome, SyncOutcome::KeyReused);
}

#[test]
fn a_parked_decision_tells_its_author_the_final_outcome_and_an_ack_clears_attention() {
    let mut s = Server::new();
    let d = s.data("KN-2041");
    let me = caller("u240", "attestant");
    let since = s.cursor(&me);
    let parked = s.push1(
        "u240",
        DEVICE_B,
        decide_env(&mid(1), 1, &d, "BESLUT#1", "ATTEST"),
    );
    assert_eq!(
        parked.outcome,
        SyncOutcome::PendingPrecondition,
        "{parked:?}"
    );
    let g = s.push1(
        "u230",
        DEVICE_A,
        decide_env(&mid(2), 1, &d, "GRANSKNING#1", "ATTEST"),
    );
    assert_eq!(g.outcome, SyncOutcome::Accepted);
    let (rows, _) = s.pull(&me, &since);
    let last = rows
        .iter()
        .rev()
        .find(|r| r.entity == "mutation" && r.id == mid(1))
        .expect("outcome row");
    let resolved = api::invoices::detail(&s.ws, "KN-2041")
        .expect("detail")
        .decisions
        .into_iter()
        .find(|x| x.decision_id == mid(1))
        .and_then(|x| x.resolved)
        .expect("resolved");
    assert_ne!(resolved, "PENDING_PRECONDITION");
    assert_eq!(
        last.data.as_ref().map(|v| v["outcome"].clone()),
        Some(json!(resolved))
    );
    // A non-accepted outcome stays in the author's list until acknowledged.
    let late = s.push1(
        "u240",
        DEVICE_B,
        decide_env(&mid(3), 2, &d, "GRANSKNING#1", "RETURN"),
    );
    assert_ne!(late.outcome, SyncOutcome::Accepted);
    let listed = |s: &Server| {
        sync::snapshot(
            &s.ws,
            &Context::new(&s.clock, &s.ids).acting_as("u240"),
            &me,
        )
        .expect("snap")
        .rows
        .iter()
        .filter(|r| r.entity == "mutation")
        .map(|r| r.id.clone())
        .collect::<Vec<_>>()
    };
    assert_eq!(listed(&s), vec![mid(3)]);
    let ack = envelope(
        &mid(4),
        3,
        "ack_attention",
        1,
        json!({"mutation_id": mid(3)}),
        start(),
    );
    let acked = s.push1("u240", DEVICE_B, ack);
    assert_eq!(acked.outcome, SyncOutcome::Accepted);
    // Its server seq is the last row its transaction wrote (after the acknowledged one's).
    let (rows, _) = s.pull(&me, &since);
    let last = rows.last().expect("rows");
    assert_eq!(
        (last.id.as_str(), Some(last.seq)),
        (mid(4).as_str(), acked.server_seq)
    );
    assert!(rows.iter().any(|r| {
        r.id == mid(3)
            && r.data
                .as_ref()
                .is_some_and(|d| d["attention"] == json!(false))
    }));
    assert!(listed(&s).is_empty());
    let foreign = envelope(
        &mid(5),
        1,
        "ack_attention",
        1,
        json!({"mutation_id": mid(3)}),
        start(),
    );
    let r = s.push1("u230", DEVICE_C, foreign);
    assert_eq!(
        (r.outcome, r.detail.reason_code.as_str()),
        (SyncOutcome::RejectedRule, "no-such-mutation")
    );
}

/// A client mirror built from the snapshot and kept up by pulls equals the snapshot after every
/// kind of server change: intake, decisions (both doors), kontering, dispute and resolve,
/// escalation, a new rule-set version. A write path that forgot its change rows fails here.
#[test]
fn a_mirror_kept_by_pulls_converges_on_the_snapshot_for_every_kind_of_change() {
    let mut s = Server::new();
    let people = [
        caller("u230", "attestant"),
        caller("u210", "attestant"),
        caller("u240", "attestant"),
        caller("u200", "attestant"),
        caller("u300", "admin"),
        caller("k1", "clerk"),
    ];
    type Mirror = BTreeMap<(String, String), (i64, Value)>;
    let mut mirrors: Vec<(Mirror, String)> = people
        .iter()
        .map(|p| {
            let snap = sync::snapshot(&s.ws, &s.ctx(&p.person), p).expect("snap");
            let m = snap
                .rows
                .into_iter()
                .map(|r| ((r.entity, r.id), (r.version, r.data)))
                .collect();
            (m, snap.cursor_at_start)
        })
        .collect();
    let sync_all = |s: &Server, mirrors: &mut Vec<(Mirror, String)>| {
        for (p, (mirror, cursor)) in people.iter().zip(mirrors.iter_mut()) {
            let (rows, next) = s.pull(p, cursor);
            let mut last = 0;
            for r in rows {
                assert!(r.seq > last, "ascending");
                last = r.seq;
                let key = (r.entity.clone(), r.id.clone());
                match r.op {
                    ChangeOp::Upsert => {
                        if mirror.get(&key).is_none_or(|(v, _)| *v < r.version) {
                            mirror.insert(key, (r.version, r.data.expect("data")));
                        }
                    }
                    ChangeOp::LeaveScope | ChangeOp::Delete => {
                        mirror.remove(&key);
                    }
                }
            }
            *cursor = next;
            let snap = sync::snapshot(&s.ws, &s.ctx(&p.person), p).expect("snap");
            let want: Mirror = snap
                .rows
                .into_iter()
                .map(|r| ((r.entity, r.id), (r.version, r.data)))
                .collect();
            // Acknowledged or accepted outcomes stay in a mirror (attention false) but are not
            // listed by a snapshot: compare the listed part.
            let listed: Mirror = mirror
                .iter()
                .filter(|((e, _), (_, d))| e != "mutation" || d["attention"] == json!(true))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            assert_eq!(listed, want, "{}'s mirror", p.person);
        }
    };
    let d = s.data("KN-2041");
    s.push1(
        "u230",
        DEVICE_A,
        decide_env(&mid(1), 1, &d, "GRANSKNING#1", "ATTEST"),
    );
    sync_all(&s, &mut mirrors);
    let req = DecideRequest {
        invoice: "OP-118".into(),
        step: None,
        decision: Decision::Attest,
        comment: None,
        acting_for: None,
        decision_id: None,
    };
    api::approval::decide(
        &mut s.ws,
        &Context::new(&s.clock, &s.ids).acting_as("u230"),
        &req,
    )
    .expect("rest decide");
    let seen = s.data("KN-2041");
    s.push1(
        "u240",
        DEVICE_B,
        decide_env(&mid(2), 1, &seen, "BESLUT#1", "ATTEST"),
    );
    s.push1(
        "u210",
        DEVICE_A,
        decide_env(&mid(3), 2, &seen, "BESLUT#1", "DISPUTE"),
    );
    sync_all(&s, &mut mirrors);
    let dispute = DecideRequest {
        invoice: "KG-78".into(),
        decision: Decision::Dispute,
        ..req.clone()
    };
    api::approval::decide(
        &mut s.ws,
        &Context::new(&s.clock, &s.ids).acting_as("u230"),
        &dispute,
    )
    .expect("dispute");
    api::approval::resolve(
        &mut s.ws,
        &Context::new(&s.clock, &s.ids).acting_as("u200"),
        "KG-78",
        api::Resolution::Resume,
        "kreditnota kommer",
    )
    .expect("resolve");
    let mut rows = api::approval::kontering(&s.ws, "KG-77").expect("rows");
    let half = rows[0].amount / rust_decimal::Decimal::from(2);
    rows[0].amount = half;
    rows.push(rows[0].clone());
    api::approval::set_kontering(
        &mut s.ws,
        &Context::new(&s.clock, &s.ids).acting_as("u230"),
        "KG-77",
        rows,
    )
    .expect("recode");
    sync_all(&s, &mut mirrors);
    s.clock.set(
        Utc.with_ymd_and_hms(2026, 12, 12, 9, 0, 0)
            .single()
            .expect("t"),
    );
    api::approval::escalate(
        &mut s.ws,
        &Context::new(&s.clock, &s.ids).acting_as("system"),
    )
    .expect("escalate");
    let ctx = Context::new(&s.clock, &s.ids);
    let mut more = api::samples::invoices(ctx.today());
    for (name, bytes) in &mut more {
        *name = format!("late-{name}");
        let text = String::from_utf8(bytes.clone())
            .expect("utf8")
            .replace("<cbc:ID>", "<cbc:ID>L");
        *bytes = text.into_bytes();
    }
    api::invoices::import_bytes(&mut s.ws, &ctx, more).expect("intake");
    let wb = api::samples::attestforteckning().expect("workbook");
    api::rules::import_workbook(
        &mut s.ws,
        &ctx.acting_as("u300"),
        "b.xlsx",
        &wb,
        "KS 2",
        true,
    )
    .expect("rules 2");
    sync_all(&s, &mut mirrors);
    // Every invoice's change-log data is its current state.
    for id in 1..=8 {
        let current = api::sync::invoice_data(&s.ws, id).expect("data");
        let admin = &mirrors[4].0;
        let mirrored = &admin[&("invoice".to_string(), id.to_string())].1;
        assert_eq!(
            serde_json::to_value(&current).expect("json"),
            *mirrored,
            "invoice {id}"
        );
    }
}

/// The determinism oracle (sync.md §2.6): the outcome is a pure function of (state at apply
/// time, mutation), so replaying the recorded mutations in server-seq order against the same
/// starting state, each at its recorded receipt time, reproduces every outcome and the same
/// invoices.
#[test]
fn replaying_the_mutations_table_in_server_order_reproduces_every_outcome() {
    let mut s = Server::new();
    let d = s.data("KN-2041");
    let op = s.data("OP-118");
    let kg = s.data("KG-77");
    let script: Vec<(&str, &str, Value)> = vec![
        (
            "u240",
            DEVICE_B,
            decide_env(&mid(1), 1, &d, "BESLUT#1", "ATTEST"),
        ),
        (
            "u230",
            DEVICE_A,
            decide_env(&mid(2), 1, &d, "GRANSKNING#1", "ATTEST"),
        ),
        (
            "u230",
            DEVICE_A,
            decide_env(&mid(3), 2, &op, "GRANSKNING#1", "ATTEST"),
        ),
        (
            "u210",
            DEVICE_C,
            decide_env(&mid(4), 1, &d, "BESLUT#1", "REJECT"),
        ),
        (
            "u200",
            DEVICE_B,
            decide_env(&mid(5), 2, &op, "BESLUT#1", "ATTEST"),
        ),
        (
            "u230",
            DEVICE_A,
            decide_env(&mid(6), 3, &kg, "GRANSKNING#1", "REJECT"),
        ),
        (
            "u200",
            DEVICE_B,
            envelope(&mid(7), 3, "teleport", 1, json!({}), start()),
        ),
        (
            "u230",
            DEVICE_A,
            envelope(
                &mid(8),
                4,
                "step_decision",
                2,
                decision(&kg, "BESLUT#1", "ATTEST"),
                start() - Duration::days(9),
            ),
        ),
    ];
    let mut outcomes = Vec::new();
    for (who, device, item) in script {
        s.clock.advance(37);
        let r = s.push1(who, device, item);
        outcomes.push((r.mutation_id.clone(), r.outcome, r.detail.clone()));
    }
    let kinds: std::collections::HashSet<SyncOutcome> = outcomes.iter().map(|o| o.1).collect();
    assert!(
        kinds.len() >= 4,
        "the script covers several outcomes: {kinds:?}"
    );
    let log = sync::mutation_log(&s.ws).expect("log");
    assert_eq!(log.len(), outcomes.len());
    let mut replay = Server::new();
    let mut replayed = Vec::new();
    for m in &log {
        replay.clock.set(m.received_at);
        let payload: Value = serde_json::from_str(&m.payload_json).expect("payload");
        let item = json!({"mutation_id": m.mutation_id, "device_seq": m.device_seq, "kind": m.kind,
            "schema_v": m.schema_v, "payload": payload, "payload_sha256": m.payload_sha256,
            "created_at_device": m.created_at_device});
        let r = replay.push1(&m.actor, &m.device_id, item);
        assert_eq!(r.outcome, m.outcome, "{}", m.mutation_id);
        replayed.push((r.mutation_id.clone(), r.outcome, r.detail.clone()));
    }
    assert_eq!(replayed, outcomes);
    for id in 1..=8 {
        assert_eq!(
            sync::invoice_data(&replay.ws, id).expect("replayed"),
            sync::invoice_data(&s.ws, id).expect("original"),
            "invoice {id}"
        );
    }
}

/// Several writers on one SQLite file and a puller: every seq is delivered exactly once, in
/// order, with no gaps (sync.md §2.4).
#[test]
fn the_cursor_is_gap_free_under_concurrent_writers() {
    const WRITERS: usize = 4;
    const EACH: i64 = 40;
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("digilyft.sqlite");
    let start_cursor = {
        let ws = Workspace::open_file(&path).expect("create");
        let clock = FixedClock::at(start());
        let ids = SequenceIds::new("c");
        sync::snapshot(
            &ws,
            &Context::new(&clock, &ids),
            &caller("u230", "attestant"),
        )
        .expect("snap")
        .cursor_at_start
    };
    let total = WRITERS as i64 * EACH;
    std::thread::scope(|scope| {
        for w in 0..WRITERS {
            let path = path.clone();
            scope.spawn(move || {
                let mut ws = Workspace::open_file(&path).expect("open");
                let clock = FixedClock::at(start());
                let ids = SequenceIds::new("w");
                let ctx = Context::new(&clock, &ids).acting_as("u230");
                let device = format!("00000000-0000-7000-8000-{:012}", w + 100);
                for seq in 1..=EACH {
                    let item = envelope(
                        &format!("0190f3c2-0000-7000-{w:04}-{seq:012}"),
                        seq,
                        "void",
                        1,
                        json!({"device_seq": 1000 + seq, "reason": "load"}),
                        start(),
                    );
                    let req = PushRequest {
                        device_id: device.clone(),
                        batch_id: None,
                        mutations: vec![item],
                    };
                    sync::push(&mut ws, &ctx, &device, &req, sync::Rights::ALL).expect("push");
                }
            });
        }
        let path = path.clone();
        let start_cursor = start_cursor.clone();
        scope.spawn(move || {
            let ws = Workspace::open_file(&path).expect("open");
            let clock = FixedClock::at(start());
            let ids = SequenceIds::new("p");
            let ctx = Context::new(&clock, &ids);
            let me = caller("u230", "attestant");
            let mut cursor = start_cursor;
            let mut seen: Vec<i64> = Vec::new();
            for _ in 0..200_000 {
                let Pull::Changes(c) = sync::changes(&ws, &ctx, &me, &cursor, 5).expect("pull")
                else {
                    panic!("gone")
                };
                for r in &c.changes {
                    let want = seen.last().map_or(1, |l| l + 1);
                    assert_eq!(r.seq, want, "a gap or a repeat after {:?}", seen.last());
                    seen.push(r.seq);
                }
                cursor = c.next_cursor;
                if seen.len() as i64 == total {
                    break;
                }
                if c.changes.is_empty() {
                    std::thread::yield_now();
                }
            }
            assert_eq!(seen.len() as i64, total, "every seq delivered");
        });
    });
    let ws = Workspace::open_file(&path).expect("open");
    assert_eq!(sync::mutation_log(&ws).expect("log").len() as i64, total);
}

/// `push_observed` reports each writing item's points in device-seq order, before and after its
/// commit, and nothing for a replay (the server's failpoints rely on exactly these points).
#[test]
fn push_observed_reports_the_commit_points_of_writing_items_only() {
    use sync::PushPoint::{AfterCommit, BeforeCommit};
    let mut s = Server::new();
    let void = |n: u32, seq: i64, target: i64| {
        envelope(
            &mid(n),
            seq,
            "void",
            1,
            json!({"device_seq": target, "reason": "test"}),
            start(),
        )
    };
    let req = PushRequest {
        device_id: DEVICE_A.into(),
        batch_id: None,
        // Out of order on purpose: points follow device-seq order.
        mutations: vec![void(2, 2, 21), void(1, 1, 11)],
    };
    let ctx = Context::new(&s.clock, &s.ids).acting_as("u230");
    let mut seen = Vec::new();
    let mut at = |p| seen.push(p);
    let first = sync::push_observed(&mut s.ws, &ctx, DEVICE_A, &req, sync::Rights::ALL, &mut at)
        .expect("push");
    assert_eq!(
        seen,
        vec![
            BeforeCommit { index: 0 },
            AfterCommit { index: 0 },
            BeforeCommit { index: 1 },
            AfterCommit { index: 1 },
        ]
    );
    assert!(first.results.iter().all(|r| !r.replayed));
    let mut again = Vec::new();
    let mut at = |p| again.push(p);
    let replay = sync::push_observed(&mut s.ws, &ctx, DEVICE_A, &req, sync::Rights::ALL, &mut at)
        .expect("replay");
    assert!(again.is_empty(), "{again:?}");
    assert!(replay.results.iter().all(|r| r.replayed));
}
