-- The sync change log on PostgreSQL (docs: shared/domain/sync.md §2.4, §2.5).
--
-- Every state change appends `changes` rows in the same transaction as the change itself, each
-- with its audience in `change_audience`; a puller reads `changes` after its cursor `seq`.
-- `seq` must become visible in commit order, so it is NOT a BIGSERIAL (a BIGSERIAL value taken by
-- a transaction that commits later than one holding a greater value is skipped by a puller that
-- already moved past it). It comes from the single row of `sync_counter`, taken in the writing
-- transaction:
--
--   WITH u AS (UPDATE sync_counter SET v = v + 1 RETURNING v)
--   INSERT INTO changes (seq, entity, id, version, op, data) SELECT u.v, … FROM u;
--
-- The row lock on `sync_counter` serialises change-producing transactions until they commit, so
-- a greater seq is never visible before a smaller one. The column names are those of the SQLite
-- change log in core's store; append-only: a change to this schema is a new numbered file.

CREATE TABLE sync_counter (
    one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
    v   BIGINT  NOT NULL CHECK (v >= 0)
);
INSERT INTO sync_counter (one, v) VALUES (TRUE, 0);

CREATE TABLE changes (
    seq        BIGINT      PRIMARY KEY,
    entity     TEXT        NOT NULL,
    id         TEXT        NOT NULL,
    version    BIGINT,
    op         TEXT        NOT NULL CHECK (op IN ('upsert', 'delete', 'leave_scope')),
    data       JSONB,
    reason     TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX changes_entity ON changes (entity, id);

-- Who may see a change: `user:PERSON`, `group:NAME`, … A re-route writes one row for the old
-- assignee (`leave_scope`) and one for the new.
CREATE TABLE change_audience (
    seq          BIGINT NOT NULL REFERENCES changes (seq),
    audience_key TEXT   NOT NULL,
    PRIMARY KEY (audience_key, seq)
);

-- Pushed mutations, one row per mutation_id (the idempotency record): a second push of the same
-- id with the same payload hash is answered from here; another hash is KEY_REUSED. The outcome
-- commits with the effect.
CREATE TABLE mutations (
    mutation_id       TEXT        PRIMARY KEY,
    device_id         TEXT        NOT NULL,
    device_seq        BIGINT      NOT NULL CHECK (device_seq >= 0),
    user_id           TEXT        NOT NULL,
    kind              TEXT        NOT NULL,
    schema_v          INTEGER     NOT NULL,
    payload           JSONB       NOT NULL,
    payload_sha256    TEXT        NOT NULL,
    created_at_device TEXT,
    received_at       TIMESTAMPTZ NOT NULL,
    status            TEXT        NOT NULL DEFAULT 'processing',
    outcome           TEXT,
    detail            JSONB,
    server_seq        BIGINT,
    UNIQUE (device_id, device_seq)
);
