-- The sync change log on PostgreSQL (shared/domain/sync.md §2.4, §2.5): the same tables and
-- column names as the SQLite store of core (core/src/store/schema.rs, its sync migration), with
-- PostgreSQL types. `*_json` columns stay TEXT, as on SQLite, so both backends keep the exact
-- bytes a payload hash was computed over (JSONB would reorder keys).
--
-- Every state change appends `changes` rows in the same transaction as the change itself, each
-- with its audience in `change_audience`; a puller reads `changes` after its cursor `seq`.
-- `seq` must become visible in commit order, so it is NOT a BIGSERIAL (a sequence value taken by
-- a transaction that commits after one holding a greater value is skipped by a puller that has
-- moved past it). It comes from the one row of `sync_counter`, taken in the writing transaction:
--
--   WITH u AS (UPDATE sync_counter SET v = v + 1 RETURNING v)
--   INSERT INTO changes (seq, entity, entity_id, version, op, created_at) SELECT u.v, … FROM u;
--
-- The row lock on `sync_counter` serialises change-producing transactions until they commit, so
-- a greater seq is never visible before a smaller one (server/tests/postgres/cursor.rs, F13).
-- Append-only: a change to this schema is a new numbered file.

-- The epoch (new when the database is created; bumped after a restore) and the retention
-- horizon: cursors at or below `pruned_through` get 410.
CREATE TABLE sync_meta (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    epoch          TEXT    NOT NULL,
    pruned_through BIGINT  NOT NULL DEFAULT 0
);
INSERT INTO sync_meta (id, epoch)
VALUES (1, substr(md5(random()::text || clock_timestamp()::text), 1, 16));

CREATE TABLE sync_counter (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    v  BIGINT  NOT NULL CHECK (v >= 0)
);
INSERT INTO sync_counter (id, v) VALUES (1, 0);

CREATE TABLE changes (
    seq        BIGINT      PRIMARY KEY,
    entity     TEXT        NOT NULL,
    entity_id  TEXT        NOT NULL,
    version    BIGINT      NOT NULL,
    op         TEXT        NOT NULL,
    data_json  TEXT,
    reason     TEXT,
    created_at TIMESTAMPTZ NOT NULL
);

-- Who may see a change: `user:PERSON`, `group:NAME`, … A re-route writes one row for the old
-- assignee (`leave_scope`) and one for the new.
CREATE TABLE change_audience (
    seq          BIGINT NOT NULL REFERENCES changes (seq),
    audience_key TEXT   NOT NULL,
    PRIMARY KEY (seq, audience_key)
);
CREATE INDEX change_audience_key ON change_audience (audience_key, seq);

-- Each synced entity's current version and data (bootstrap reads it), and who may see it.
CREATE TABLE sync_entity (
    entity    TEXT    NOT NULL,
    entity_id TEXT    NOT NULL,
    version   BIGINT  NOT NULL,
    data_json TEXT,
    listed    BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (entity, entity_id)
);
CREATE TABLE sync_scope (
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    audience_key TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id, audience_key)
);
CREATE INDEX sync_scope_key ON sync_scope (audience_key);

-- Pushed mutations, one row per mutation_id (the idempotency record): the same id with the same
-- payload hash is answered from here; another hash is KEY_REUSED. The outcome commits with the
-- effect; rows are never deleted and the recorded outcome never changes (only the follow-up
-- columns `resolved_outcome` and `acknowledged_at` are set later).
CREATE TABLE mutations (
    mutation_id       TEXT        PRIMARY KEY,
    device_id         TEXT        NOT NULL,
    device_seq        BIGINT      NOT NULL,
    actor             TEXT        NOT NULL,
    kind              TEXT        NOT NULL,
    schema_v          INTEGER     NOT NULL,
    payload_json      TEXT        NOT NULL,
    payload_sha256    TEXT        NOT NULL,
    created_at_device TEXT        NOT NULL,
    received_at       TIMESTAMPTZ NOT NULL,
    outcome           TEXT        NOT NULL,
    server_seq        BIGINT,
    detail_json       TEXT        NOT NULL,
    resolved_outcome  TEXT,
    acknowledged_at   TIMESTAMPTZ,
    UNIQUE (device_id, device_seq)
);

CREATE FUNCTION mutations_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'mutations are append-only';
    END IF;
    IF (NEW.mutation_id, NEW.device_id, NEW.device_seq, NEW.actor, NEW.kind, NEW.schema_v,
        NEW.payload_json, NEW.payload_sha256, NEW.created_at_device, NEW.received_at,
        NEW.outcome, NEW.server_seq, NEW.detail_json)
       IS DISTINCT FROM
       (OLD.mutation_id, OLD.device_id, OLD.device_seq, OLD.actor, OLD.kind, OLD.schema_v,
        OLD.payload_json, OLD.payload_sha256, OLD.created_at_device, OLD.received_at,
        OLD.outcome, OLD.server_seq, OLD.detail_json) THEN
        RAISE EXCEPTION 'a recorded mutation outcome never changes';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER mutations_no_delete BEFORE DELETE ON mutations
    FOR EACH ROW EXECUTE FUNCTION mutations_append_only();
CREATE TRIGGER mutations_no_rewrite BEFORE UPDATE ON mutations
    FOR EACH ROW EXECUTE FUNCTION mutations_append_only();

-- A device's seqs it voided (a `void(device_seq, reason)` mutation), so its watermark moves on.
CREATE TABLE voided_seq (
    device_id   TEXT   NOT NULL,
    device_seq  BIGINT NOT NULL,
    mutation_id TEXT   NOT NULL,
    PRIMARY KEY (device_id, device_seq)
);
