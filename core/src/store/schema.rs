//! Versioned, append-only schema migrations.
//!
//! `MIGRATIONS[i]` brings a store from version `i` to `i + 1` (SQLite `user_version`). Never edit
//! a released migration: append a new one. A store whose version is higher than
//! `MIGRATIONS.len()` was written by a newer Digilyft and is refused.

/// Every migration, oldest first.
pub(crate) const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V_SYNC, V7];

/// The schema version that introduced the change log ([`V_SYNC`]): a store opened at an older
/// version gets its existing invoices and rule sets back-filled as changes, once.
pub(crate) const CHANGE_LOG_VERSION: i64 = 6;

const V1: &str = r#"
CREATE TABLE document (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    bytes       BLOB NOT NULL,
    received_at TEXT NOT NULL
);
CREATE TRIGGER document_no_update BEFORE UPDATE ON document
BEGIN SELECT RAISE(ABORT, 'received documents are immutable'); END;
CREATE TRIGGER document_no_delete BEFORE DELETE ON document
BEGIN SELECT RAISE(ABORT, 'received documents are immutable'); END;

CREATE TABLE ruleset (
    version      INTEGER PRIMARY KEY,
    sha256       TEXT NOT NULL,
    source_name  TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    imported_by  TEXT NOT NULL,
    decision_ref TEXT NOT NULL,
    workbook     BLOB NOT NULL,
    rules_json   TEXT NOT NULL,
    activated_at TEXT,
    activated_by TEXT
);

CREATE TABLE invoice (
    id                 INTEGER PRIMARY KEY,
    document_id        INTEGER NOT NULL UNIQUE REFERENCES document(id),
    format             TEXT,
    kind               TEXT,
    supplier_id        TEXT NOT NULL DEFAULT '',
    supplier_name      TEXT NOT NULL DEFAULT '',
    number             TEXT NOT NULL DEFAULT '',
    issue_date         TEXT,
    due_date           TEXT,
    currency           TEXT NOT NULL DEFAULT '',
    net_total          TEXT NOT NULL DEFAULT '0',
    vat_total          TEXT NOT NULL DEFAULT '0',
    payable            TEXT NOT NULL DEFAULT '0',
    buyer_reference    TEXT,
    order_ref          TEXT,
    contract_ref       TEXT,
    preceding_ref      TEXT,
    credits_invoice_id INTEGER REFERENCES invoice(id),
    facts_json         TEXT,
    report_json        TEXT NOT NULL,
    state              TEXT NOT NULL,
    revision           INTEGER NOT NULL DEFAULT 0,
    ruleset_version    INTEGER REFERENCES ruleset(version),
    flow_rule          TEXT,
    payment_block      INTEGER NOT NULL DEFAULT 0,
    attest_deadline    TEXT,
    imported_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX invoice_identity ON invoice(supplier_id, number, issue_date)
    WHERE supplier_id <> '' AND number <> '' AND issue_date IS NOT NULL;
CREATE INDEX invoice_state ON invoice(state);
CREATE INDEX invoice_supplier ON invoice(supplier_id, number);

CREATE TABLE invoice_line (
    invoice_id INTEGER NOT NULL REFERENCES invoice(id),
    line_no    INTEGER NOT NULL,
    line_id    TEXT NOT NULL,
    name       TEXT NOT NULL,
    net        TEXT NOT NULL,
    PRIMARY KEY (invoice_id, line_no)
) WITHOUT ROWID;

CREATE TABLE kontering (
    id              INTEGER PRIMARY KEY,
    invoice_id      INTEGER NOT NULL REFERENCES invoice(id),
    row_no          INTEGER NOT NULL,
    amount          TEXT NOT NULL,
    konto           TEXT NOT NULL,
    ansvar          TEXT NOT NULL,
    verksamhet      TEXT NOT NULL,
    aktivitet       TEXT NOT NULL,
    projekt         TEXT NOT NULL,
    objekt          TEXT NOT NULL,
    motpart         TEXT NOT NULL,
    momskod         TEXT NOT NULL,
    source          TEXT NOT NULL,
    from_revision   INTEGER NOT NULL,
    replaced_at_rev INTEGER
);
CREATE INDEX kontering_current ON kontering(invoice_id) WHERE replaced_at_rev IS NULL;

CREATE TABLE step (
    id          INTEGER PRIMARY KEY,
    invoice_id  INTEGER NOT NULL REFERENCES invoice(id),
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    label       TEXT NOT NULL,
    state       TEXT NOT NULL,
    assignee    TEXT,
    queue       TEXT,
    revision    INTEGER NOT NULL,
    decided_by  TEXT,
    acting_for  TEXT,
    decided_at  TEXT,
    decision_id TEXT,
    auto_rule   TEXT,
    UNIQUE (invoice_id, seq)
);
CREATE INDEX step_inbox ON step(state, assignee);

CREATE TABLE decision (
    decision_id  TEXT PRIMARY KEY,
    invoice_id   INTEGER NOT NULL REFERENCES invoice(id),
    step_label   TEXT NOT NULL,
    decision     TEXT NOT NULL,
    actor        TEXT NOT NULL,
    acting_for   TEXT,
    envelope     TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    reason_code  TEXT NOT NULL,
    reason       TEXT NOT NULL,
    resolved     TEXT
);
CREATE INDEX decision_pending ON decision(invoice_id) WHERE outcome = 'PENDING_PRECONDITION';

CREATE TABLE audit (
    seq             INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    kind            TEXT NOT NULL,
    invoice_id      INTEGER,
    actor           TEXT NOT NULL,
    acting_for      TEXT,
    device_time     TEXT,
    ruleset_version INTEGER,
    content_hash    TEXT,
    outcome         TEXT,
    reason          TEXT,
    detail          TEXT NOT NULL,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL
);
CREATE INDEX audit_invoice ON audit(invoice_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"#;

/// The full EN 16931 model; indexes for routing at scale: the supplier's latest attested invoice (kontering history) and
/// this month's auto-attests per rule.
const V2: &str = r#"
CREATE INDEX invoice_supplier_state ON invoice(supplier_id, state, id);
CREATE INDEX step_auto ON step(auto_rule, decided_at) WHERE auto_rule IS NOT NULL;
ALTER TABLE invoice ADD COLUMN model_json TEXT;
"#;

/// A covering index for the inbox: the invoice columns it shows, without reading the wide rows
/// (facts, report and model JSON) that would otherwise be traversed to reach them.
const V3: &str = r#"
CREATE INDEX IF NOT EXISTS invoice_inbox
    ON invoice(id, attest_deadline, due_date, supplier_name, number, payable, currency);
"#;

/// The inbox also shows whether an invoice is disputed or blocked: the covering index gains the
/// state and payment-block columns.
const V4: &str = r#"
DROP INDEX IF EXISTS invoice_inbox;
CREATE INDEX invoice_inbox
    ON invoice(id, attest_deadline, due_date, supplier_name, number, payable, currency, state, payment_block);
"#;

/// When a step was last escalated, so escalation moves it at most once per processing period
/// (spec §1.5).
const V5: &str = r#"
ALTER TABLE step ADD COLUMN escalated_at TEXT;
"#;

/// Offline sync, server side (sync.md §2.4–2.5): the change log with its audiences and its
/// counter row, the entities' current versions and scopes, the append-only mutations table,
/// voided device seqs, the epoch, and the route versions of invoices and steps.
///
/// * `sync_counter` is one row: every change-producing transaction takes its seqs with
///   `UPDATE sync_counter SET v = v + 1 RETURNING v`, so seq order is commit order on any
///   engine (a plain auto-increment is not, on PostgreSQL). `changes.seq` is assigned from it,
///   never by the database.
/// * `sync_meta.epoch` is minted here, when the store is created; bump it after restoring a
///   backup (`Store::bump_epoch`). `pruned_through`: every change with a seq up to it was
///   removed by retention; older cursors get 410.
/// * `mutations` rows are never deleted and their recorded outcome never changes; only the
///   follow-up columns (`resolved_outcome` of a parked decision, `acknowledged_at`) are set
///   later.
const V_SYNC: &str = r#"
CREATE TABLE sync_meta (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    epoch          TEXT NOT NULL,
    pruned_through INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sync_meta (id, epoch) VALUES (1, lower(hex(randomblob(8))));
CREATE TABLE sync_counter (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    v  INTEGER NOT NULL
);
INSERT INTO sync_counter (id, v) VALUES (1, 0);
CREATE TABLE changes (
    seq        INTEGER PRIMARY KEY,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    version    INTEGER NOT NULL,
    op         TEXT NOT NULL,
    data_json  TEXT,
    reason     TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE change_audience (
    seq          INTEGER NOT NULL,
    audience_key TEXT NOT NULL,
    PRIMARY KEY (seq, audience_key)
) WITHOUT ROWID;
CREATE INDEX change_audience_key ON change_audience(audience_key, seq);
CREATE TABLE sync_entity (
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    version   INTEGER NOT NULL,
    data_json TEXT,
    listed    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (entity, entity_id)
) WITHOUT ROWID;
CREATE TABLE sync_scope (
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    audience_key TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id, audience_key)
) WITHOUT ROWID;
CREATE INDEX sync_scope_key ON sync_scope(audience_key);
CREATE TABLE mutations (
    mutation_id       TEXT PRIMARY KEY,
    device_id         TEXT NOT NULL,
    device_seq        INTEGER NOT NULL,
    actor             TEXT NOT NULL,
    kind              TEXT NOT NULL,
    schema_v          INTEGER NOT NULL,
    payload_json      TEXT NOT NULL,
    payload_sha256    TEXT NOT NULL,
    created_at_device TEXT NOT NULL,
    received_at       TEXT NOT NULL,
    outcome           TEXT NOT NULL,
    server_seq        INTEGER,
    detail_json       TEXT NOT NULL,
    resolved_outcome  TEXT,
    acknowledged_at   TEXT,
    UNIQUE (device_id, device_seq)
);
CREATE TRIGGER mutations_no_delete BEFORE DELETE ON mutations
BEGIN SELECT RAISE(ABORT, 'mutations are append-only'); END;
CREATE TRIGGER mutations_no_rewrite BEFORE UPDATE OF mutation_id, device_id, device_seq, actor, kind,
    schema_v, payload_json, payload_sha256, created_at_device, received_at, outcome, server_seq, detail_json
    ON mutations
BEGIN SELECT RAISE(ABORT, 'a recorded mutation outcome never changes'); END;
CREATE TABLE voided_seq (
    device_id   TEXT NOT NULL,
    device_seq  INTEGER NOT NULL,
    mutation_id TEXT NOT NULL,
    PRIMARY KEY (device_id, device_seq)
) WITHOUT ROWID;
ALTER TABLE invoice ADD COLUMN route_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE step ADD COLUMN route_version INTEGER NOT NULL DEFAULT 0;
"#;

/// Facts about the store itself (`store_meta`): e.g. that a sidecar anchor has been written, so
/// that its disappearance is an error rather than a store that never had one.
const V7: &str = r#"
CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_change_log_version_is_the_migration_that_adds_it() {
        assert_eq!(MIGRATIONS[CHANGE_LOG_VERSION as usize - 1], V_SYNC);
    }
}
