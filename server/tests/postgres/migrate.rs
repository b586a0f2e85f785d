//! The migration runner on a live cluster: applies once, refuses a newer or edited database,
//! rolls a failed run back whole, and serialises concurrent runners.

use digilyft_server::pg_schema::{self, MIGRATIONS, Migrated, Migration, PgSchemaError};
use postgres::Client;

use crate::support::Scratch;

const A: Migration = Migration {
    version: 1,
    name: "0001_a.sql",
    sql: "CREATE TABLE a (x INTEGER);",
};
const B: Migration = Migration {
    version: 2,
    name: "0002_b.sql",
    sql: "CREATE TABLE b (y INTEGER); INSERT INTO b VALUES (1);",
};

fn tables(c: &mut Client) -> Vec<String> {
    c.query(
        "SELECT table_name::text FROM information_schema.tables
          WHERE table_schema = current_schema() ORDER BY 1",
        &[],
    )
    .expect("tables")
    .iter()
    .map(|r| r.get(0))
    .collect()
}

fn recorded(c: &mut Client) -> Vec<(i64, String)> {
    c.query(
        "SELECT version, name FROM schema_migrations ORDER BY 1",
        &[],
    )
    .expect("recorded")
    .iter()
    .map(|r| (r.get(0), r.get(1)))
    .collect()
}

#[test]
fn the_change_log_schema_applies_once_and_again_is_a_no_op() {
    let Some(s) = Scratch::new("migrate_once") else {
        return;
    };
    let mut c = s.connect();
    let run = pg_schema::migrate(&mut c).expect("migrate");
    assert_eq!(
        run,
        Migrated {
            from: 0,
            to: MIGRATIONS.len() as i64
        }
    );
    assert_eq!(
        tables(&mut c),
        [
            "change_audience",
            "changes",
            "mutations",
            "schema_migrations",
            "sync_counter",
            "sync_entity",
            "sync_meta",
            "sync_scope",
            "voided_seq"
        ]
    );
    let epoch: String = c
        .query_one("SELECT epoch FROM sync_meta", &[])
        .expect("epoch")
        .get(0);
    assert_eq!(epoch.len(), 16, "{epoch}");
    let v: i64 = c
        .query_one("SELECT v FROM sync_counter", &[])
        .expect("counter")
        .get(0);
    assert_eq!(v, 0, "the counter starts at 0: the first change is seq 1");
    let again = pg_schema::migrate(&mut c).expect("again");
    assert_eq!(again.from, again.to);
    assert_eq!(recorded(&mut c), [(1, "0001_changes.sql".to_string())]);
    let rows: i64 = c
        .query_one("SELECT count(*) FROM sync_counter", &[])
        .expect("n")
        .get(0);
    assert_eq!(rows, 1, "the counter's row is inserted once");
}

#[test]
fn a_newer_binary_applies_only_what_is_missing() {
    let Some(s) = Scratch::new("migrate_newer") else {
        return;
    };
    let mut c = s.connect();
    assert_eq!(
        pg_schema::migrate_with(&mut c, &[A]).expect("a"),
        Migrated { from: 0, to: 1 }
    );
    assert_eq!(
        pg_schema::migrate_with(&mut c, &[A, B]).expect("a b"),
        Migrated { from: 1, to: 2 }
    );
    let n: i64 = c
        .query_one("SELECT count(*) FROM b", &[])
        .expect("b")
        .get(0);
    assert_eq!(n, 1);
    assert_eq!(recorded(&mut c).len(), 2);
}

#[test]
fn a_database_newer_than_the_binary_is_refused_and_untouched() {
    let Some(s) = Scratch::new("migrate_too_new") else {
        return;
    };
    let mut c = s.connect();
    pg_schema::migrate_with(&mut c, &[A, B]).expect("a b");
    c.batch_execute("DROP TABLE b").expect("drop");
    let e = pg_schema::migrate_with(&mut c, &[A]).expect_err("too new");
    assert!(
        matches!(
            e,
            PgSchemaError::TooNew {
                found: 2,
                supported: 1
            }
        ),
        "{e}"
    );
    assert_eq!(
        tables(&mut c),
        ["a", "schema_migrations"],
        "nothing re-created"
    );
}

#[test]
fn an_edited_migration_is_refused() {
    let Some(s) = Scratch::new("migrate_edited") else {
        return;
    };
    let mut c = s.connect();
    pg_schema::migrate_with(&mut c, &[A]).expect("a");
    let edited = Migration {
        sql: "CREATE TABLE a (x BIGINT);",
        ..A
    };
    let e = pg_schema::migrate_with(&mut c, &[edited, B]).expect_err("edited");
    assert!(matches!(e, PgSchemaError::Edited { version: 1, .. }), "{e}");
    assert_eq!(tables(&mut c), ["a", "schema_migrations"], "b not applied");
}

#[test]
fn a_failing_migration_rolls_the_whole_run_back() {
    let Some(s) = Scratch::new("migrate_fails") else {
        return;
    };
    let mut c = s.connect();
    let bad = Migration {
        version: 2,
        name: "0002_bad.sql",
        sql: "CREATE TABLE b (y INTEGER); INSERT INTO no_such_table VALUES (1);",
    };
    let e = pg_schema::migrate_with(&mut c, &[A, bad]).expect_err("fails");
    assert!(matches!(e, PgSchemaError::Postgres(_)), "{e}");
    assert!(tables(&mut c).is_empty(), "{:?}", tables(&mut c));
    assert_eq!(
        pg_schema::migrate_with(&mut c, &[A]).expect("a alone"),
        Migrated { from: 0, to: 1 }
    );
}

#[test]
fn concurrent_runners_apply_each_migration_once() {
    let Some(s) = Scratch::new("migrate_concurrent") else {
        return;
    };
    let barrier = std::sync::Barrier::new(6);
    let results: Vec<Result<Migrated, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..6)
            .map(|_| {
                let mut c = s.connect();
                let barrier = &barrier;
                scope.spawn(move || {
                    barrier.wait();
                    pg_schema::migrate(&mut c).map_err(|e| e.to_string())
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("runner thread"))
            .collect()
    });
    let froms: Vec<i64> = results
        .iter()
        .map(|r| r.as_ref().expect("every runner succeeds").from)
        .collect();
    assert_eq!(
        froms.iter().filter(|f| **f == 0).count(),
        1,
        "exactly one runner applied the migrations: {froms:?}"
    );
    let mut c = s.connect();
    assert_eq!(recorded(&mut c).len(), MIGRATIONS.len());
    let rows: i64 = c
        .query_one("SELECT count(*) FROM sync_counter", &[])
        .expect("n")
        .get(0);
    assert_eq!(rows, 1);
}

#[test]
fn a_recorded_mutation_is_never_deleted_and_its_outcome_never_rewritten() {
    let Some(s) = Scratch::new("migrate_mutations") else {
        return;
    };
    let mut c = s.connect();
    pg_schema::migrate(&mut c).expect("migrate");
    c.batch_execute(
        "INSERT INTO mutations (mutation_id, device_id, device_seq, actor, kind, schema_v,
             payload_json, payload_sha256, created_at_device, received_at, outcome, detail_json)
         VALUES ('m1', 'd1', 1, 'u230', 'step_decision', 1, '{}', 'h', 't', now(), 'ACCEPTED', '{}')",
    )
    .expect("insert");
    c.batch_execute("UPDATE mutations SET acknowledged_at = now(), resolved_outcome = 'X'")
        .expect("the follow-up columns may be set");
    for sql in [
        "UPDATE mutations SET outcome = 'STALE'",
        "UPDATE mutations SET payload_json = '{\"x\":1}'",
        "DELETE FROM mutations",
    ] {
        let e = c.batch_execute(sql).expect_err(sql);
        let text = e
            .as_db_error()
            .map(|d| d.message().to_string())
            .unwrap_or_default();
        assert!(
            text.contains("append-only") || text.contains("never changes"),
            "{sql}: {e}"
        );
    }
    let outcome: String = c
        .query_one("SELECT outcome FROM mutations", &[])
        .expect("row")
        .get(0);
    assert_eq!(outcome, "ACCEPTED");
}
