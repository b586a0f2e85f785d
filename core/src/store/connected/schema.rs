//! Versioned, append-only migrations of the connected-mode client file (`sync-client.sqlite`).
//!
//! `MIGRATIONS[i]` brings the file from version `i` to `i + 1` (SQLite `user_version`), exactly as
//! the main store's `schema.rs` does; the two files have separate version numbers. Never edit a
//! released migration: append a new one.

/// Every migration, oldest first.
pub(super) const MIGRATIONS: &[&str] = &[V1];

const V1: &str = r#"
-- The enrolled device (one row): who it syncs as and the next device_seq to hand out.
CREATE TABLE device (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    device_id        TEXT NOT NULL,
    server_url       TEXT NOT NULL,
    username         TEXT NOT NULL,
    person_id        TEXT NOT NULL,
    enrolled_by      TEXT NOT NULL CHECK (enrolled_by IN ('server', 'client')),
    enrolled_at      TEXT NOT NULL,
    next_device_seq  INTEGER NOT NULL DEFAULT 1 CHECK (next_device_seq >= 1)
);

-- Every mutation this device ever made. Acked rows are kept (sync.md §2.9): a restored server is
-- re-pushed from here. 'quarantined' rows are items the server could not take (400/413): they are
-- never sent again and stay listed for the user.
CREATE TABLE outbox (
    mutation_id       TEXT PRIMARY KEY,
    device_seq        INTEGER NOT NULL UNIQUE,
    kind              TEXT NOT NULL,
    schema_v          INTEGER NOT NULL,
    payload_json      TEXT NOT NULL,
    payload_sha256    TEXT NOT NULL,
    created_at_device TEXT NOT NULL,
    state             TEXT NOT NULL DEFAULT 'pending'
                      CHECK (state IN ('pending', 'inflight', 'acked', 'quarantined')),
    attempts          INTEGER NOT NULL DEFAULT 0,
    next_attempt_at   TEXT,
    last_error        TEXT,
    outcome           TEXT,
    replayed          INTEGER,
    server_seq        INTEGER,
    acked_at          TEXT,
    detail_json       TEXT,
    repushes          INTEGER NOT NULL DEFAULT 0,
    invoice_id        TEXT,
    step_id           TEXT,
    -- The server epoch the outcome was recorded in: after a restore, an older epoch's server_seq
    -- says nothing about the new change log.
    server_epoch      TEXT
);
CREATE INDEX outbox_due ON outbox (state, device_seq);
CREATE INDEX outbox_invoice ON outbox (invoice_id);
CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
BEGIN SELECT RAISE(ABORT, 'outbox rows are kept: nothing the user decided is discarded'); END;

-- Server state in the user's scope, one row per entity (invoice with its steps and kontering,
-- rule-set version, survey round, …), as the server last sent it. `present = 0` is a row that left
-- the scope or was deleted: kept so an older redelivered upsert cannot bring it back.
CREATE TABLE mirror (
    entity     TEXT NOT NULL,
    id         TEXT NOT NULL,
    scope      TEXT NOT NULL,
    version    INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    present    INTEGER NOT NULL CHECK (present IN (0, 1)),
    left_why   TEXT,
    data_json  TEXT NOT NULL,
    PRIMARY KEY (entity, id)
);

-- Pull position per scope. The cursor is the server's opaque string, stored in the same
-- transaction as the rows it covers.
CREATE TABLE sync_state (
    scope                 TEXT PRIMARY KEY,
    cursor                TEXT,
    epoch                 TEXT,
    pulled_through_seq    INTEGER NOT NULL DEFAULT 0,
    last_pull_ok_at       TEXT,
    last_push_ok_at       TEXT,
    offline_since         TEXT,
    server_time_offset_ms INTEGER,
    rebuild_since         TEXT
);

-- Non-accepted outcomes shown to their author until acknowledged; the acknowledgement is itself
-- an `ack_attention` mutation (`ack_mutation_id`), so it is audited on the server.
CREATE TABLE attention (
    mutation_id     TEXT PRIMARY KEY REFERENCES outbox(mutation_id),
    raised_at       TEXT NOT NULL,
    ack_mutation_id TEXT REFERENCES outbox(mutation_id)
);

-- Original invoice documents fetched on demand.
CREATE TABLE original (
    invoice_id  TEXT PRIMARY KEY,
    sha256      TEXT NOT NULL,
    bytes       BLOB NOT NULL,
    fetched_at  TEXT NOT NULL
);
"#;
