//! F13 (sync.md §2.4, §3.2): pullers reading the change log after their cursor never miss a
//! committed row when `seq` comes from the counter row of `0001_changes.sql`, and the checker
//! does see the miss of the naive BIGSERIAL cursor (the negative control), first in the exact
//! schedule the spec describes, then under 8 concurrent writers and 4 pullers.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use digilyft_server::pg_schema;
use postgres::{Client, GenericClient};

use crate::support::Scratch;

/// How a change row gets its `seq`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cursor {
    /// The counter row (the schema's `changes`).
    Counter,
    /// A BIGSERIAL column (`naive_changes`, made by the test).
    Naive,
}

impl Cursor {
    fn table(self) -> &'static str {
        match self {
            Cursor::Counter => "changes",
            Cursor::Naive => "naive_changes",
        }
    }

    /// Prepares the schema: the real migrations, plus the naive table for the control.
    fn setup(c: &mut Client) {
        pg_schema::migrate(c).expect("migrate");
        c.batch_execute(
            "CREATE TABLE naive_changes (
                 seq       BIGSERIAL PRIMARY KEY,
                 entity    TEXT NOT NULL,
                 entity_id TEXT NOT NULL
             )",
        )
        .expect("naive table");
    }

    /// Appends one change for `id` in the caller's transaction; its seq.
    fn append(self, c: &mut impl GenericClient, id: &str) -> i64 {
        let sql = match self {
            Cursor::Counter => {
                "WITH u AS (UPDATE sync_counter SET v = v + 1 RETURNING v),
                      c AS (INSERT INTO changes (seq, entity, entity_id, version, op, created_at)
                            SELECT v, 'invoice', $1, 1, 'upsert', now() FROM u RETURNING seq)
                 INSERT INTO change_audience (seq, audience_key)
                 SELECT seq, 'user:' || $1 FROM c RETURNING seq"
            }
            Cursor::Naive => {
                "INSERT INTO naive_changes (entity, entity_id) VALUES ('invoice', $1) RETURNING seq"
            }
        };
        c.query_one(sql, &[&id]).expect("append a change").get(0)
    }

    /// One pull: the (seq, id) rows after `since`, in seq order.
    fn pull(self, c: &mut Client, since: i64) -> Vec<(i64, String)> {
        let sql = format!(
            "SELECT seq, entity_id FROM {} WHERE seq > $1 ORDER BY seq LIMIT 500",
            self.table()
        );
        c.query(&sql, &[&since])
            .expect("pull")
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect()
    }

    /// Every committed seq, in order.
    fn committed(self, c: &mut Client) -> Vec<i64> {
        let sql = format!("SELECT seq FROM {} ORDER BY seq", self.table());
        c.query(&sql, &[])
            .expect("committed")
            .iter()
            .map(|r| r.get(0))
            .collect()
    }
}

/// The checker: the committed rows a puller never received.
fn missed(committed: &[i64], delivered: &BTreeSet<i64>) -> Vec<i64> {
    committed
        .iter()
        .copied()
        .filter(|s| !delivered.contains(s))
        .collect()
}

/// A puller as a client runs it: pull after the cursor, keep what came, move the cursor to the
/// last row received.
#[derive(Debug, Default)]
struct Puller {
    cursor: i64,
    delivered: BTreeSet<i64>,
    in_order: bool,
}

impl Puller {
    fn new() -> Puller {
        Puller {
            in_order: true,
            ..Puller::default()
        }
    }

    /// One pull; how many rows came.
    fn pull(&mut self, kind: Cursor, c: &mut Client) -> usize {
        let rows = kind.pull(c, self.cursor);
        for (seq, _) in &rows {
            self.in_order &= *seq > self.cursor;
            self.delivered.insert(*seq);
            self.cursor = *seq;
        }
        rows.len()
    }
}

#[test]
fn checker_sees_the_naive_cursor_lose_a_row_in_the_spec_schedule() {
    let Some(s) = Scratch::new("f13_naive_schedule") else {
        return;
    };
    let (mut setup, mut a, mut b, mut p) = (s.connect(), s.connect(), s.connect(), s.connect());
    Cursor::setup(&mut setup);
    let kind = Cursor::Naive;
    let mut puller = Puller::new();
    // A takes seq 1 and stays open.
    let mut ta = a.transaction().expect("begin A");
    let seq_a = kind.append(&mut ta, "A");
    // B takes seq 2 and commits.
    let mut tb = b.transaction().expect("begin B");
    let seq_b = kind.append(&mut tb, "B");
    tb.commit().expect("commit B");
    assert_eq!((seq_a, seq_b), (1, 2));
    // A puller sees [2] and stores cursor 2.
    assert_eq!(puller.pull(kind, &mut p), 1);
    assert_eq!(puller.cursor, 2);
    // A commits; the pull since 2 returns nothing: row 1 is never delivered.
    ta.commit().expect("commit A");
    assert_eq!(puller.pull(kind, &mut p), 0);
    let committed = kind.committed(&mut p);
    assert_eq!(committed, [1, 2]);
    assert_eq!(
        missed(&committed, &puller.delivered),
        [seq_a],
        "the checker names the row the naive cursor skipped"
    );
}

#[test]
fn the_counter_cursor_makes_the_second_writer_wait_and_delivers_both() {
    let Some(s) = Scratch::new("f13_counter_schedule") else {
        return;
    };
    let (mut setup, mut a, mut b, mut p) = (s.connect(), s.connect(), s.connect(), s.connect());
    Cursor::setup(&mut setup);
    let kind = Cursor::Counter;
    let b_pid: i32 = b
        .query_one("SELECT pg_backend_pid()", &[])
        .expect("pid")
        .get(0);
    let mut puller = Puller::new();
    // A takes seq 1 and stays open.
    let mut ta = a.transaction().expect("begin A");
    let seq_a = kind.append(&mut ta, "A");
    std::thread::scope(|scope| {
        // B tries to take a seq: it waits on the counter row until A ends.
        let writer_b = scope.spawn(move || {
            let mut tb = b.transaction().expect("begin B");
            let seq = kind.append(&mut tb, "B");
            tb.commit().expect("commit B");
            seq
        });
        wait_until_blocked(&mut p, b_pid);
        // The puller, while A is open and B waits, sees nothing and keeps cursor 0.
        assert_eq!(puller.pull(kind, &mut p), 0);
        ta.commit().expect("commit A");
        let seq_b = writer_b.join().expect("writer B");
        assert_eq!((seq_a, seq_b), (1, 2), "seq order = commit order");
    });
    assert_eq!(puller.pull(kind, &mut p), 2);
    assert_eq!(
        kind.pull(&mut p, 0),
        [(1, "A".to_string()), (2, "B".to_string())]
    );
    let committed = kind.committed(&mut p);
    assert_eq!(missed(&committed, &puller.delivered), Vec::<i64>::new());
}

/// Waits (bounded) until the backend `pid` waits on a lock.
fn wait_until_blocked(c: &mut Client, pid: i32) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let row = c
            .query_opt(
                "SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1",
                &[&pid],
            )
            .expect("pg_stat_activity");
        let waiting: Option<String> = row.and_then(|r| r.get(0));
        if waiting.as_deref() == Some("Lock") {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "writer B never waited on the counter row"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A small seeded generator (xorshift64*), so a run's delays are reproducible from its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

const WRITERS: usize = 8;
const PULLERS: usize = 4;
const CHANGES_PER_WRITER: usize = 40;

/// What one randomised run saw.
#[derive(Debug)]
struct Run {
    committed: Vec<i64>,
    missed_per_puller: Vec<Vec<i64>>,
    in_order: bool,
}

/// 8 writers (each change in its own transaction, held open 0–3 ms after taking its seq, one in
/// ten rolled back) and 4 pullers polling until the writers are done, then to the head.
fn randomised(s: &Scratch, kind: Cursor, seed: u64) -> Run {
    let done = AtomicBool::new(false);
    let pullers: Vec<Puller> = std::thread::scope(|scope| {
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                let mut c = s.connect();
                scope.spawn(move || {
                    let mut rng = Rng(seed ^ (w as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
                    for n in 0..CHANGES_PER_WRITER {
                        let mut tx = c.transaction().expect("begin");
                        kind.append(&mut tx, &format!("w{w}-{n}"));
                        std::thread::sleep(Duration::from_micros(rng.below(3000)));
                        if rng.below(10) == 0 {
                            tx.rollback().expect("rollback");
                        } else {
                            tx.commit().expect("commit");
                        }
                    }
                })
            })
            .collect();
        let pullers: Vec<_> = (0..PULLERS)
            .map(|_| {
                let mut c = s.connect();
                let done = &done;
                scope.spawn(move || {
                    let mut puller = Puller::new();
                    let deadline = Instant::now() + Duration::from_secs(60);
                    while !done.load(Ordering::Acquire) {
                        assert!(Instant::now() < deadline, "writers took over 60 s");
                        puller.pull(kind, &mut c);
                    }
                    while puller.pull(kind, &mut c) > 0 {}
                    puller
                })
            })
            .collect();
        for w in writers {
            w.join().expect("writer");
        }
        done.store(true, Ordering::Release);
        pullers
            .into_iter()
            .map(|p| p.join().expect("puller"))
            .collect()
    });
    let committed = kind.committed(&mut s.connect());
    Run {
        missed_per_puller: pullers
            .iter()
            .map(|p| missed(&committed, &p.delivered))
            .collect(),
        in_order: pullers.iter().all(|p| p.in_order),
        committed,
    }
}

#[test]
fn eight_writers_four_pullers_miss_nothing_on_the_counter_cursor() {
    let Some(s) = Scratch::new("f13_counter_random") else {
        return;
    };
    Cursor::setup(&mut s.connect());
    let seed = 0x0f13_c0de;
    let run = randomised(&s, Cursor::Counter, seed);
    let n = run.committed.len() as i64;
    eprintln!(
        "F13 counter, seed {seed:#x}: {n} committed of {} attempted, missed per puller {:?}",
        WRITERS * CHANGES_PER_WRITER,
        run.missed_per_puller
            .iter()
            .map(Vec::len)
            .collect::<Vec<_>>()
    );
    assert!(n > 0);
    assert_eq!(
        run.committed,
        (1..=n).collect::<Vec<_>>(),
        "no gaps: a rolled-back change gives its seq back"
    );
    for (i, m) in run.missed_per_puller.iter().enumerate() {
        assert!(m.is_empty(), "puller {i} missed {m:?} (seed {seed:#x})");
    }
    assert!(run.in_order);
}

#[test]
fn eight_writers_four_pullers_the_checker_catches_the_naive_cursor() {
    let Some(s) = Scratch::new("f13_naive_random") else {
        return;
    };
    Cursor::setup(&mut s.connect());
    // A round may by chance commit in seq order; a few rounds make a miss all but certain.
    let mut total_missed = 0;
    for round in 0..5u64 {
        let seed = 0x0f13_0bad + round;
        let mut c = s.connect();
        c.batch_execute("TRUNCATE naive_changes RESTART IDENTITY")
            .expect("truncate");
        let run = randomised(&s, Cursor::Naive, seed);
        let missed: usize = run.missed_per_puller.iter().map(Vec::len).sum();
        eprintln!(
            "F13 naive BIGSERIAL, seed {seed:#x}: {} committed, missed per puller {:?}",
            run.committed.len(),
            run.missed_per_puller
                .iter()
                .map(Vec::len)
                .collect::<Vec<_>>()
        );
        total_missed += missed;
        if total_missed > 0 {
            break;
        }
    }
    assert!(
        total_missed > 0,
        "the checker saw no miss of the naive cursor in 5 rounds: the control proves nothing"
    );
}
