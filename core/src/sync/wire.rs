//! The sync wire (protocol 1, `docs/sync-protocol.md`): the one serde contract between the
//! desktop's sync client and the server. Every type here is a JSON shape of that document,
//! converted to and from domain types by hand ([`super::parse`], the store's projections);
//! nothing else in core is serialised onto the sync wire.
//!
//! Invariants: field names are the document's; clients ignore unknown fields in responses
//! (no `deny_unknown_fields` on response types); payload types refuse unknown fields, so a
//! payload the server does not fully understand is `REJECTED_MALFORMED`, never half-applied.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The sync protocol version this build speaks (header `Sync-Protocol`).
pub const PROTOCOL: u32 = 1;
/// Every protocol version the server accepts.
pub const PROTOCOLS: [u32; 1] = [PROTOCOL];
/// Most mutations in one push.
pub const MAX_BATCH: usize = 100;
/// Largest push body in bytes (1 MiB).
pub const MAX_BATCH_BYTES: usize = 1 << 20;
/// Most change rows one pull returns.
pub const MAX_CHANGES: usize = 1000;
/// Change rows a pull returns when no `limit` is given.
pub const DEFAULT_CHANGES: usize = 500;
/// Longest long-poll `wait` in seconds.
pub const MAX_WAIT_SECS: u64 = 30;

/// `POST /v1/sync/mutations`: a device's batch. Items stay raw JSON so that one malformed item
/// is judged on its own ([`super::parse::item`]) instead of failing the batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushRequest {
    /// The pushing device (UUID).
    pub device_id: String,
    /// For logging only.
    #[serde(default)]
    pub batch_id: Option<String>,
    /// The mutations, each a [`MutationEnvelope`] as JSON.
    pub mutations: Vec<Value>,
}

/// One mutation as a client sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MutationEnvelope {
    /// The idempotency key (UUIDv7), forever.
    pub mutation_id: String,
    /// Monotonic per device, from 1, without gaps.
    pub device_seq: i64,
    /// `step_decision`, `set_kontering`, `ack_attention`, `void`.
    pub kind: String,
    /// The payload's schema version for `kind`.
    pub schema_v: u32,
    /// The payload (per kind).
    pub payload: Value,
    /// Lowercase hex SHA-256 of the payload's canonical JSON ([`payload_sha256`]).
    pub payload_sha256: String,
    /// The device's claimed creation time (RFC 3339).
    pub created_at_device: String,
    /// Optional per-device signature; not checked by protocol 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

impl MutationEnvelope {
    /// An envelope for `payload` with its `payload_sha256` computed (what a client sends; the
    /// payload should be stored and sent as [`canonical_json`] so "as sent" and canonical agree).
    pub fn seal(
        mutation_id: &str,
        device_seq: i64,
        kind: &str,
        schema_v: u32,
        payload: Value,
        created_at_device: DateTime<chrono::FixedOffset>,
    ) -> Self {
        MutationEnvelope {
            mutation_id: mutation_id.to_string(),
            device_seq,
            kind: kind.to_string(),
            schema_v,
            payload_sha256: payload_sha256(&payload),
            payload,
            created_at_device: created_at_device.to_rfc3339(),
            signature: None,
        }
    }
}

/// What became of a mutation (sync.md §2.6 and the transport's own two).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SyncOutcome {
    /// Effective now.
    Accepted,
    /// The step was already decided; the winner is in the detail.
    Superseded,
    /// What the decision was made on changed: decide again.
    Stale,
    /// Made more than the offline limit before the server received it.
    Expired,
    /// A rule forbids it.
    RejectedRule,
    /// Parked until an earlier step is attested.
    PendingPrecondition,
    /// Stored but unusable (unknown kind, bad payload, bad hash).
    RejectedMalformed,
    /// The id (or device seq) was used for something else; not applied.
    KeyReused,
}

impl SyncOutcome {
    /// The wire name (`ACCEPTED`, …), also what the store keeps.
    pub fn as_str(self) -> &'static str {
        match self {
            SyncOutcome::Accepted => "ACCEPTED",
            SyncOutcome::Superseded => "SUPERSEDED",
            SyncOutcome::Stale => "STALE",
            SyncOutcome::Expired => "EXPIRED",
            SyncOutcome::RejectedRule => "REJECTED_RULE",
            SyncOutcome::PendingPrecondition => "PENDING_PRECONDITION",
            SyncOutcome::RejectedMalformed => "REJECTED_MALFORMED",
            SyncOutcome::KeyReused => "KEY_REUSED",
        }
    }

    /// Parses [`Self::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        use SyncOutcome as O;
        [
            O::Accepted,
            O::Superseded,
            O::Stale,
            O::Expired,
            O::RejectedRule,
            O::PendingPrecondition,
            O::RejectedMalformed,
            O::KeyReused,
        ]
        .into_iter()
        .find(|o| o.as_str() == s)
    }

    /// The approval engine's outcome as a sync outcome.
    pub fn of(o: crate::approval::Outcome) -> Self {
        use crate::approval::Outcome as A;
        match o {
            A::Accepted => SyncOutcome::Accepted,
            A::Superseded => SyncOutcome::Superseded,
            A::Stale => SyncOutcome::Stale,
            A::Expired => SyncOutcome::Expired,
            A::RejectedRule => SyncOutcome::RejectedRule,
            A::PendingPrecondition => SyncOutcome::PendingPrecondition,
        }
    }
}

/// One kontering fault of a refused `set_kontering`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireFault {
    /// The row (from 1), when the fault is about one.
    pub row: Option<usize>,
    /// The field (`belopp`, `konto`, …), when known.
    pub field: Option<String>,
    /// The stable rule code.
    pub rule: Option<String>,
    /// Explanation.
    pub message: String,
}

/// Why an outcome is what it is.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Detail {
    /// The decision that won (SUPERSEDED).
    #[serde(default)]
    pub winner_mutation_id: Option<String>,
    /// Who decided it (SUPERSEDED).
    #[serde(default)]
    pub winner_actor: Option<String>,
    /// The change-log seq at which the winner took effect, when it came through sync.
    #[serde(default)]
    pub winner_seq: Option<i64>,
    /// Stable reason code (`ok` when accepted).
    pub reason_code: String,
    /// Explanation.
    pub reason: String,
    /// What the author should do ([`action`]): a stable code the client words in its language.
    #[serde(default)]
    pub action: String,
    /// Kontering faults of a refused `set_kontering`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub faults: Vec<WireFault>,
}

/// The result of one pushed mutation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultItem {
    /// The mutation (null when the item had no usable id).
    pub mutation_id: Option<String>,
    /// Its device seq (null when the item had no usable one).
    pub device_seq: Option<i64>,
    /// The outcome.
    pub outcome: SyncOutcome,
    /// True when the stored result of an earlier receipt is returned.
    pub replayed: bool,
    /// The last change-log seq the mutation's transaction wrote (null when not stored).
    pub server_seq: Option<i64>,
    /// Server receipt time (null when not stored).
    pub received_at: Option<DateTime<Utc>>,
    /// Why.
    pub detail: Detail,
}

/// The answer to a push.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    /// The server's epoch.
    pub epoch: String,
    /// Highest contiguous device seq stored for the device.
    pub device_high_water: i64,
    /// One result per item, in device-seq order.
    pub results: Vec<ResultItem>,
}

/// What a change row does to the client's mirror.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeOp {
    /// The entity's whole current data: apply if newer.
    Upsert,
    /// No longer in the caller's scope: drop it from the mirror.
    LeaveScope,
    /// The entity is gone.
    Delete,
}

impl ChangeOp {
    /// The wire and stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeOp::Upsert => "upsert",
            ChangeOp::LeaveScope => "leave_scope",
            ChangeOp::Delete => "delete",
        }
    }

    /// Parses [`Self::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        [ChangeOp::Upsert, ChangeOp::LeaveScope, ChangeOp::Delete]
            .into_iter()
            .find(|o| o.as_str() == s)
    }
}

/// One row of the change log as a pull returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeRow {
    /// Server sequence number: commit order, gap-free.
    pub seq: i64,
    /// `invoice`, `ruleset`, `mutation`.
    pub entity: String,
    /// The entity's id.
    pub id: String,
    /// The entity's version after this change.
    pub version: i64,
    /// What to do.
    pub op: ChangeOp,
    /// The entity's data (upsert), else null.
    pub data: Option<Value>,
    /// Why the entity changed (`decision`, `rerouted`, …).
    pub reason: Option<String>,
}

/// `GET /v1/sync/changes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangesResponse {
    /// The caller's rows after the cursor, ascending seq.
    pub changes: Vec<ChangeRow>,
    /// The cursor to send next.
    pub next_cursor: String,
    /// Another page is ready now.
    pub has_more: bool,
    /// The server's time.
    pub server_time: DateTime<Utc>,
}

/// One entity of a snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotRow {
    /// `invoice`, `ruleset`, `mutation`.
    pub entity: String,
    /// The entity's id.
    pub id: String,
    /// Its current version.
    pub version: i64,
    /// Its current data.
    pub data: Value,
}

/// `GET /v1/sync/snapshot`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotResponse {
    /// The server's epoch.
    pub epoch: String,
    /// Pull changes from here.
    pub cursor_at_start: String,
    /// The server's time.
    pub server_time: DateTime<Utc>,
    /// Every entity in the caller's scope.
    pub rows: Vec<SnapshotRow>,
}

/// `GET /v1/sync/devices/{id}/watermark`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatermarkResponse {
    /// The device.
    pub device_id: String,
    /// The server's epoch.
    pub epoch: String,
    /// Highest contiguous device seq stored (0: none).
    pub device_high_water: i64,
}

/// A kontering row on the wire: the field names of [`crate::approval::fields::CodingField`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireCodingRow {
    /// Amount excluding VAT, a decimal string.
    pub belopp: String,
    /// Kommun-Bas account.
    pub konto: String,
    /// Responsibility code.
    pub ansvar: String,
    /// Activity.
    pub verksamhet: String,
    /// Aktivitet.
    pub aktivitet: String,
    /// Projekt.
    pub projekt: String,
    /// Objekt.
    pub objekt: String,
    /// Motpart.
    pub motpart: String,
    /// Momskod.
    pub momskod: String,
}

/// `step_decision` schema 2 (current).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepDecisionV2 {
    /// The server's invoice id as a string.
    pub invoice_id: String,
    /// Step label, e.g. `BESLUT#1`.
    pub step_id: String,
    /// ATTEST, RETURN, REJECT or DISPUTE.
    pub decision: String,
    /// Free text.
    pub comment: Option<String>,
    /// The decided step's `route_version` as pulled.
    pub route_version: i64,
    /// The invoice `revision` the decision was made on.
    pub base_revision: i64,
    /// `sha256:<hex>`: the invoice's `content_hash` as pulled.
    pub content_hash: String,
    /// The absent person decided for, as ersättare.
    pub acting_for: Option<String>,
    /// The rule-set version the client saw.
    pub ruleset_version: i64,
}

/// `step_decision` schema 1 (older clients): no content hash, no route version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepDecisionV1 {
    /// The server's invoice id as a string.
    pub invoice_id: String,
    /// Step label.
    pub step_id: String,
    /// ATTEST, RETURN, REJECT or DISPUTE.
    pub decision: String,
    /// Free text.
    pub comment: Option<String>,
    /// The invoice `revision` the decision was made on.
    pub base_revision: i64,
    /// The absent person decided for.
    pub acting_for: Option<String>,
    /// The rule-set version the client saw.
    pub ruleset_version: i64,
}

/// `set_kontering` schema 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetKonteringV1 {
    /// The server's invoice id as a string.
    pub invoice_id: String,
    /// The invoice `revision` the rows were made on.
    pub base_revision: i64,
    /// The new kontering.
    pub rows: Vec<WireCodingRow>,
}

/// `ack_attention` schema 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AckAttentionV1 {
    /// The author's own mutation whose outcome is acknowledged.
    pub mutation_id: String,
}

/// `void` schema 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoidV1 {
    /// The device seq the server could never store.
    pub device_seq: i64,
    /// Why it is given up.
    pub reason: String,
}

/// One step in an invoice's `data`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepData {
    /// Position from 0.
    pub seq: u32,
    /// MOTTAGNING, GRANSKNING, BESLUT.
    pub kind: String,
    /// Label to quote as `step_id`.
    pub label: String,
    /// WAITING, OPEN, DONE, REJECTED.
    pub state: String,
    /// The person expected to act.
    pub assignee: Option<String>,
    /// Or a group queue.
    pub queue: Option<String>,
    /// Invoice revision at which the step last changed.
    pub revision: i64,
    /// Route version at which the step was last assigned: quote as `route_version`.
    pub route_version: i64,
    /// Who decided it.
    pub decided_by: Option<String>,
    /// For whom.
    pub acting_for: Option<String>,
    /// When (server time).
    pub decided_at: Option<DateTime<Utc>>,
    /// The deciding decision id.
    pub decision_id: Option<String>,
    /// The auto-attest rule, if any.
    pub auto_rule: Option<String>,
}

/// An invoice's `data`: what a client needs to show the inbox and decide offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceData {
    /// Server invoice id.
    pub id: String,
    /// BT-1 number.
    pub number: String,
    /// Seller name.
    pub supplier: String,
    /// Supplier id (orgnr).
    pub supplier_id: String,
    /// `invoice` or `credit-note` (null when unreadable).
    pub kind: Option<String>,
    /// BT-2.
    pub issue_date: Option<NaiveDate>,
    /// BT-9.
    pub due_date: Option<NaiveDate>,
    /// Attest deadline.
    pub attest_deadline: Option<NaiveDate>,
    /// BT-5.
    pub currency: String,
    /// BT-115 payable, decimal string.
    pub amount: String,
    /// BT-109 net, decimal string.
    pub net_amount: String,
    /// Workflow state.
    pub state: String,
    /// Payment block.
    pub payment_block: bool,
    /// Workflow revision: quote as `base_revision`.
    pub revision: i64,
    /// The highest step route version.
    pub route_version: i64,
    /// `sha256:<hex>`: quote as `content_hash`.
    pub content_hash: String,
    /// Rule-set version the invoice was routed under.
    pub ruleset_version: Option<i64>,
    /// The flow rule that routed it.
    pub flow_rule: Option<String>,
    /// SHA-256 of the original document.
    pub document_sha256: String,
    /// The received file's name.
    pub file_name: String,
    /// Where to fetch the original.
    pub original: String,
    /// The steps in order.
    pub steps: Vec<StepData>,
    /// The current kontering.
    pub kontering: Vec<WireCodingRow>,
}

/// A rule-set version's `data`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesetData {
    /// Version number.
    pub version: i64,
    /// Whether decisions are judged under it now.
    pub active: bool,
    /// When it was activated.
    pub activated_at: Option<DateTime<Utc>>,
    /// The workbook's file name.
    pub source_name: String,
    /// The decision reference (KS 2026/1).
    pub decision_ref: String,
    /// SHA-256 of the workbook.
    pub sha256: String,
}

/// A mutation outcome's `data` (the author's "Behöver åtgärd" list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MutationData {
    /// The mutation.
    pub mutation_id: String,
    /// Its device.
    pub device_id: String,
    /// Its device seq.
    pub device_seq: i64,
    /// Its kind.
    pub kind: String,
    /// The outcome now (a parked decision's final one once resolved).
    pub outcome: SyncOutcome,
    /// The seq its receipt wrote.
    pub server_seq: Option<i64>,
    /// Server receipt time.
    pub received_at: DateTime<Utc>,
    /// Why.
    pub detail: Detail,
    /// Listed in "Behöver åtgärd" until acknowledged.
    pub attention: bool,
}

/// What the author of a mutation with outcome `o` should do (sync.md §2.6's "what the losing
/// client shows"): `none`; `review-winner` (another decision won: nothing to redo, look at it);
/// `decide-again` (the content or routing changed: review the invoice as it is now and make a
/// new decision); `confirm-online` (too old: decide again while connected); `see-reason` (a rule
/// refused it: the reason says which); `wait` (parked until an earlier step is attested);
/// `report-bug` (the client sent something unusable or reused a key).
pub fn action(o: SyncOutcome) -> &'static str {
    match o {
        SyncOutcome::Accepted => "none",
        SyncOutcome::Superseded => "review-winner",
        SyncOutcome::Stale => "decide-again",
        SyncOutcome::Expired => "confirm-online",
        SyncOutcome::RejectedRule => "see-reason",
        SyncOutcome::PendingPrecondition => "wait",
        SyncOutcome::RejectedMalformed | SyncOutcome::KeyReused => "report-bug",
    }
}

/// The content hash as it goes on the wire: `sha256:<hex>`.
pub fn wire_hash(hex: &str) -> String {
    format!("sha256:{hex}")
}

/// A cursor `"<epoch>:<seq>"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// The epoch it was issued in.
    pub epoch: String,
    /// The last seq it covers.
    pub seq: i64,
}

impl Cursor {
    /// Parses `"<epoch>:<seq>"`; `None` when it is not one.
    pub fn parse(s: &str) -> Option<Cursor> {
        let (epoch, seq) = s.rsplit_once(':')?;
        let ok_epoch = !epoch.is_empty()
            && epoch.len() <= 64
            && epoch.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        let ok_seq = !seq.is_empty() && seq.len() <= 19 && seq.chars().all(|c| c.is_ascii_digit());
        if !(ok_epoch && ok_seq) {
            return None;
        }
        Some(Cursor {
            epoch: epoch.to_string(),
            seq: seq.parse().ok()?,
        })
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.epoch, self.seq)
    }
}

/// The canonical JSON of `v`: no whitespace, object keys sorted by their UTF-8 bytes at every
/// level, strings escaped as serde_json writes them, numbers as serde_json prints them.
pub fn canonical_json(v: &Value) -> String {
    let mut out = String::new();
    write_canonical(v, &mut out);
    out
}

fn write_canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(&map[k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// `payload_sha256`: lowercase hex SHA-256 of [`canonical_json`] of the payload.
pub fn payload_sha256(payload: &Value) -> String {
    hex::encode(Sha256::digest(canonical_json(payload).as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_sorts_keys_and_drops_whitespace() {
        let table: &[(&str, &str)] = &[
            (
                r#"{ "b": 1, "a": [true, null, "x"] }"#,
                r#"{"a":[true,null,"x"],"b":1}"#,
            ),
            (
                r#"{"z":{"y":"å\n","x":-2}}"#,
                "{\"z\":{\"x\":-2,\"y\":\"å\\n\"}}",
            ),
            (r#"{"B":1,"a":2,"_":3}"#, r#"{"B":1,"_":3,"a":2}"#),
            (r#"[]"#, "[]"),
            (r#""a/b\u0001""#, r#""a/b\u0001""#),
        ];
        for (input, want) in table {
            let v: Value = serde_json::from_str(input).expect("json");
            assert_eq!(canonical_json(&v), *want, "{input}");
        }
        let a: Value = serde_json::from_str(r#"{"a":1,"b":2}"#).expect("json");
        let b: Value = serde_json::from_str("{\"b\" : 2,\n \"a\":1}").expect("json");
        assert_eq!(payload_sha256(&a), payload_sha256(&b));
        assert_eq!(
            payload_sha256(&a),
            hex::encode(Sha256::digest(br#"{"a":1,"b":2}"#))
        );
    }

    #[test]
    fn a_sealed_envelope_is_what_the_server_reads() {
        let created = DateTime::parse_from_rfc3339("2026-11-20T09:14:03+01:00").expect("time");
        let payload = serde_json::json!({"device_seq": 4, "reason": "unreadable"});
        let env = MutationEnvelope::seal(
            "0190f3c2-0000-7000-8000-000000000001",
            5,
            "void",
            1,
            payload,
            created,
        );
        let v = serde_json::to_value(&env).expect("json");
        let super::super::parse::Item::Received(r) = super::super::parse::item(&v) else {
            panic!("received")
        };
        assert!(r.command.is_ok(), "{:?}", r.command);
        assert_eq!(r.created_at_device, "2026-11-20T09:14:03+01:00");
    }

    #[test]
    fn cursors_parse_only_in_their_one_form() {
        let ok = Cursor::parse("5f3c9a1e0b7d4c21:20940").expect("cursor");
        assert_eq!((ok.epoch.as_str(), ok.seq), ("5f3c9a1e0b7d4c21", 20940));
        assert_eq!(ok.to_string(), "5f3c9a1e0b7d4c21:20940");
        for bad in [
            "",
            ":1",
            "e7:",
            "e7:-1",
            "e7:1.5",
            "e 7:1",
            "e7:99999999999999999999",
            "20940",
        ] {
            assert_eq!(Cursor::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn every_outcome_says_what_to_do() {
        let table = [
            (SyncOutcome::Accepted, "none"),
            (SyncOutcome::Superseded, "review-winner"),
            (SyncOutcome::Stale, "decide-again"),
            (SyncOutcome::Expired, "confirm-online"),
            (SyncOutcome::RejectedRule, "see-reason"),
            (SyncOutcome::PendingPrecondition, "wait"),
            (SyncOutcome::RejectedMalformed, "report-bug"),
            (SyncOutcome::KeyReused, "report-bug"),
        ];
        for (o, want) in table {
            assert_eq!(action(o), want, "{o:?}");
        }
    }

    #[test]
    fn outcomes_have_their_wire_names() {
        for o in [
            SyncOutcome::Accepted,
            SyncOutcome::RejectedMalformed,
            SyncOutcome::KeyReused,
            SyncOutcome::PendingPrecondition,
        ] {
            assert_eq!(SyncOutcome::parse(o.as_str()), Some(o));
            assert_eq!(
                serde_json::to_value(o).expect("json"),
                Value::String(o.as_str().into())
            );
        }
        assert_eq!(
            serde_json::to_value(ChangeOp::LeaveScope).expect("json"),
            Value::String("leave_scope".into())
        );
    }
}
