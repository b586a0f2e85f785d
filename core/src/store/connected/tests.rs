//! The client file's own rules: one transaction per write, the cursor with its rows, versions
//! only forward, acked rows kept, re-push after a restore.

use chrono::{TimeZone, Utc};

use super::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0)
        .single()
        .expect("time")
}

fn enrolled() -> SyncStore {
    let mut s = SyncStore::open_in_memory().expect("open");
    s.enrol(&DeviceRecord {
        device_id: "dev-1".into(),
        server_url: "http://server".into(),
        username: "anna".into(),
        person_id: "u230".into(),
        enrolled_by: Enrolment::Client,
        enrolled_at: now(),
        next_device_seq: 1,
    })
    .expect("enrol");
    s
}

fn mutation(id: &str) -> NewMutation {
    NewMutation {
        mutation_id: id.into(),
        kind: "step_decision".into(),
        schema_v: 2,
        payload_json: "{}".into(),
        payload_sha256: "x".into(),
        created_at_device: now(),
        invoice_id: Some("42".into()),
        step_id: Some("BESLUT#1".into()),
    }
}

fn upsert(seq: i64, id: &str, version: i64, data: &str) -> MirrorChange {
    MirrorChange {
        seq,
        entity: "invoice".into(),
        id: id.into(),
        version: Some(version),
        op: ChangeOp::Upsert,
        data_json: Some(data.into()),
        reason: None,
    }
}

fn accepted(id: &str, seq: i64) -> AckRecord {
    AckRecord {
        mutation_id: id.into(),
        outcome: "ACCEPTED".into(),
        needs_attention: false,
        replayed: false,
        server_seq: Some(seq),
        detail_json: None,
        epoch: Some("e".into()),
    }
}

#[test]
fn the_file_is_durable_and_refuses_deleting_the_outbox() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = SyncStore::open(&dir.path().join(CLIENT_FILE)).expect("open");
    assert_eq!(s.synchronous().expect("pragma"), 2, "synchronous=FULL");
    assert_eq!(
        s.schema_version().expect("v"),
        schema::MIGRATIONS.len() as i64
    );
    let mode: String = s
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
    assert!(matches!(
        s.enqueue(&mutation("m0"), None),
        Err(StoreError::SyncPrecondition(_))
    ));
    drop(s);
    let mut s = enrolled_at(&dir.path().join(CLIENT_FILE));
    s.enqueue(&mutation("m1"), None).expect("enqueue");
    assert!(s.conn.execute_batch("DELETE FROM outbox").is_err());
    assert_eq!(s.outbox().expect("rows").len(), 1);
}

fn enrolled_at(path: &Path) -> SyncStore {
    let mut s = SyncStore::open(path).expect("open");
    s.enrol(&DeviceRecord {
        device_id: "dev-1".into(),
        server_url: "http://server".into(),
        username: "anna".into(),
        person_id: "u230".into(),
        enrolled_by: Enrolment::Client,
        enrolled_at: now(),
        next_device_seq: 1,
    })
    .expect("enrol");
    s
}

#[test]
fn device_seq_is_assigned_with_the_mutation_and_never_reused() {
    let mut s = enrolled();
    let a = s.enqueue(&mutation("m1"), None).expect("m1");
    let b = s.enqueue(&mutation("m2"), None).expect("m2");
    assert_eq!((a.device_seq, b.device_seq), (1, 2));
    // The same id twice is refused, and the counter does not move (one transaction).
    assert!(s.enqueue(&mutation("m2"), None).is_err());
    let c = s.enqueue(&mutation("m3"), None).expect("m3");
    assert_eq!(c.device_seq, 3);
    assert_eq!(s.device().expect("d").expect("some").next_device_seq, 4);
    // Logging in again as the same account keeps id and counter.
    let again = s
        .enrol(&DeviceRecord {
            device_id: "other".into(),
            person_id: "u230".into(),
            next_device_seq: 1,
            ..s.device().expect("d").expect("some")
        })
        .expect("again");
    assert_eq!(
        (again.device_id.as_str(), again.next_device_seq),
        ("dev-1", 4)
    );
    // Another account is refused while decisions are unsent.
    let err = s
        .enrol(&DeviceRecord {
            username: "bertil".into(),
            ..again
        })
        .expect_err("refused");
    assert!(err.to_string().contains("3 unsent"), "{err}");
}

#[test]
fn a_page_and_its_cursor_are_one_transaction() {
    let mut s = enrolled();
    s.apply_page(
        "mine",
        &[upsert(10, "42", 1, r#"{"n":1}"#)],
        &[],
        "e:10",
        Some(10),
        Some("e"),
        now(),
    )
    .expect("page 1");
    // A page that fails half-way stores neither its rows nor its cursor.
    s.conn
        .execute_batch(
            "CREATE TRIGGER boom BEFORE INSERT ON mirror WHEN NEW.id = 'boom' \
             BEGIN SELECT RAISE(ABORT, 'boom'); END;",
        )
        .expect("trigger");
    let page = [upsert(11, "43", 1, "{}"), upsert(12, "boom", 1, "{}")];
    assert!(
        s.apply_page("mine", &page, &[], "e:12", Some(12), None, now())
            .is_err()
    );
    let st = s.sync_state("mine").expect("state");
    assert_eq!(st.cursor.as_deref(), Some("e:10"));
    assert_eq!(st.pulled_through_seq, 10);
    assert!(s.mirror_row("invoice", "43").expect("row").is_none());
    assert!(s.mirror_row("invoice", "42").expect("row").is_some());
}

#[test]
fn applying_a_page_twice_changes_nothing_and_versions_only_go_forward() {
    let mut s = enrolled();
    let page = [
        upsert(10, "42", 2, r#"{"v":2}"#),
        upsert(11, "43", 1, r#"{"v":1}"#),
    ];
    let first = s
        .apply_page("mine", &page, &[], "e:11", None, None, now())
        .expect("first");
    assert_eq!(first.upserted, 2);
    let rows = s.mirror_rows("invoice").expect("rows");
    let again = s
        .apply_page("mine", &page, &[], "e:11", None, None, now())
        .expect("again");
    assert_eq!((again.upserted, again.ignored), (0, 2));
    assert_eq!(s.mirror_rows("invoice").expect("rows"), rows);
    // An older version redelivered later does not win.
    s.apply_page(
        "mine",
        &[upsert(9, "42", 1, r#"{"v":1}"#)],
        &[],
        "e:12",
        None,
        None,
        now(),
    )
    .expect("older");
    assert_eq!(
        s.mirror_row("invoice", "42")
            .expect("r")
            .expect("some")
            .data_json,
        r#"{"v":2}"#
    );
    // leave_scope hides it, and a redelivered older upsert cannot bring it back.
    let leave = MirrorChange {
        seq: 20,
        entity: "invoice".into(),
        id: "42".into(),
        version: Some(3),
        op: ChangeOp::LeaveScope,
        data_json: None,
        reason: Some("rerouted".into()),
    };
    s.apply_page("mine", &[leave], &[], "e:20", None, None, now())
        .expect("leave");
    assert!(s.mirror_row("invoice", "42").expect("r").is_none());
    assert_eq!(
        s.left_scope("invoice", "42").expect("why").as_deref(),
        Some("rerouted")
    );
    s.apply_page(
        "mine",
        &[upsert(10, "42", 2, "{}")],
        &[],
        "e:20",
        None,
        None,
        now(),
    )
    .expect("redelivered");
    assert!(s.mirror_row("invoice", "42").expect("r").is_none());
    // Coming back with a newer version is fine.
    s.apply_page(
        "mine",
        &[upsert(30, "42", 4, r#"{"v":4}"#)],
        &[],
        "e:30",
        None,
        None,
        now(),
    )
    .expect("back");
    assert!(s.mirror_row("invoice", "42").expect("r").is_some());
    assert_eq!(s.sync_state("mine").expect("st").pulled_through_seq, 30);
}

#[test]
fn outcomes_are_kept_and_non_accepted_ones_wait_for_acknowledgement() {
    let mut s = enrolled();
    s.enqueue(&mutation("m1"), None).expect("m1");
    s.enqueue(&mutation("m2"), None).expect("m2");
    s.mark_inflight(&["m1".into(), "m2".into()])
        .expect("inflight");
    let lost = AckRecord {
        mutation_id: "m2".into(),
        outcome: "SUPERSEDED".into(),
        needs_attention: true,
        replayed: false,
        server_seq: Some(21),
        detail_json: Some(r#"{"winner_actor":"u231"}"#.into()),
        epoch: Some("e".into()),
    };
    s.record_results(&[accepted("m1", 20), lost.clone()], now())
        .expect("acks");
    // A replay of the same answer does not list it twice.
    s.record_results(&[lost], now()).expect("replay");
    assert_eq!(s.pending_count().expect("n"), 0);
    let open = s.attention().expect("attention");
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].mutation.mutation_id, "m2");
    let mut ack = mutation("a1");
    ack.kind = "ack_attention".into();
    s.enqueue(&ack, Some("m2")).expect("ack");
    assert!(s.attention().expect("attention").is_empty());
    // Acknowledging twice is refused, and the second ack mutation is not stored.
    let mut ack2 = mutation("a2");
    ack2.kind = "ack_attention".into();
    assert!(s.enqueue(&ack2, Some("m2")).is_err());
    assert!(s.mutation("a2").expect("lookup").is_none());
    assert_eq!(s.outbox().expect("rows").len(), 3, "acked rows are kept");
}

#[test]
fn after_a_restore_every_acked_mutation_above_the_watermark_is_queued_again() {
    let mut s = enrolled();
    for id in ["m1", "m2", "m3", "m4"] {
        s.enqueue(&mutation(id), None).expect("enqueue");
    }
    let ids: Vec<String> = ["m1", "m2", "m3"].iter().map(|s| s.to_string()).collect();
    s.mark_inflight(&ids).expect("inflight");
    s.record_results(
        &[accepted("m1", 10), accepted("m2", 11), accepted("m3", 12)],
        now(),
    )
    .expect("acks");
    s.start_rebuild(now()).expect("rebuild");
    assert!(s.sync_state("mine").expect("st").cursor.is_none());
    // The restored server has device_seq 1 only.
    assert_eq!(s.requeue_acked_above(1).expect("requeue"), 2);
    let due: Vec<_> = s
        .due(now(), 100)
        .expect("due")
        .into_iter()
        .map(|r| (r.mutation_id, r.repushes))
        .collect();
    assert_eq!(
        due,
        vec![("m2".into(), 1), ("m3".into(), 1), ("m4".into(), 0)],
        "same ids, in device_seq order, the never-sent one too"
    );
    assert_eq!(s.outbox().expect("rows").len(), 4, "nothing discarded");
}

#[test]
fn a_failed_send_waits_for_its_backoff_and_a_quarantine_voids_the_seq() {
    let mut s = enrolled();
    s.enqueue(&mutation("m1"), None).expect("m1");
    s.enqueue(&mutation("m2"), None).expect("m2");
    s.mark_inflight(&["m1".into()]).expect("inflight");
    let later = now() + chrono::Duration::seconds(30);
    s.record_failure(&["m1".into()], "connection refused", later, false)
        .expect("fail");
    let due_now: Vec<_> = s
        .due(now(), 10)
        .expect("due")
        .into_iter()
        .map(|r| r.mutation_id)
        .collect();
    assert_eq!(due_now, vec!["m2".to_string()]);
    let due_later = s.due(later, 10).expect("due");
    assert_eq!(due_later[0].mutation_id, "m1");
    assert_eq!(due_later[0].attempts, 1);
    assert_eq!(
        due_later[0].last_error.as_deref(),
        Some("connection refused")
    );
    let mut void = mutation("v1");
    void.kind = "void".into();
    s.quarantine("m2", "413", now(), Some(&void))
        .expect("quarantine");
    let rows = s.outbox().expect("rows");
    assert_eq!(rows[1].state, OutboxState::Quarantined);
    assert_eq!((rows[2].kind.as_str(), rows[2].device_seq), ("void", 3));
    assert_eq!(s.attention().expect("att").len(), 1);
}

#[test]
fn a_pulled_outcome_reaches_the_outbox_in_the_pages_transaction() {
    let mut s = enrolled();
    s.enqueue(&mutation("m1"), None).expect("m1");
    s.mark_inflight(&["m1".into()]).expect("inflight");
    let parked = AckRecord {
        outcome: "STALE".into(),
        needs_attention: true,
        ..accepted("m1", 40)
    };
    s.apply_page("mine", &[], &[parked], "e:40", Some(40), None, now())
        .expect("page");
    let m = s.mutation("m1").expect("m").expect("some");
    assert_eq!(
        (m.state, m.outcome.as_deref()),
        (OutboxState::Acked, Some("STALE"))
    );
    assert_eq!(s.attention().expect("att").len(), 1);
    // The server says it was acknowledged on another device: it leaves the list.
    let done = AckRecord {
        needs_attention: false,
        outcome: "STALE".into(),
        ..accepted("m1", 40)
    };
    s.apply_page("mine", &[], &[done], "e:41", Some(41), None, now())
        .expect("page");
    assert!(s.attention().expect("att").is_empty());
}
