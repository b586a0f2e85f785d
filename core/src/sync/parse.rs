//! From a pushed item (raw JSON) to a command the store applies: the envelope first, then the
//! payload through the schema table ([`SCHEMAS`]), which also holds the upcasters for every
//! older payload version a queued offline client may still send.
//!
//! Parsing never fails the batch: an item without a usable `mutation_id` or `device_seq` is
//! [`Item::Unusable`] (it cannot be stored); any other fault makes a [`Received`] whose command
//! is a [`Malformed`] — stored as `REJECTED_MALFORMED`, so the device's watermark moves on.

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::wire::{
    AckAttentionV1, SetKonteringV1, StepDecisionV1, StepDecisionV2, VoidV1, WireCodingRow,
    canonical_json, payload_sha256,
};
use crate::approval::fields::CodingField;
use crate::approval::{CodingRow, Decision};

/// Longest text field (comment, reason) in characters.
pub const MAX_TEXT: usize = 4000;
/// Longest id-like field (step label, person id) in characters.
pub const MAX_ID: usize = 128;
/// Most kontering rows in one `set_kontering`.
pub const MAX_ROWS: usize = 1000;

/// Why a stored mutation is unusable: its stable code and an explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    /// `unknown-kind`, `unsupported-schema`, `bad-payload`, `payload-hash-mismatch`, `bad-time`.
    pub code: &'static str,
    /// What was wrong, naming the field.
    pub reason: String,
}

impl Malformed {
    fn new(code: &'static str, reason: impl Into<String>) -> Self {
        Malformed {
            code,
            reason: reason.into(),
        }
    }
}

/// A decision intent as the store judges it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecideCmd {
    /// Server invoice id.
    pub invoice_id: i64,
    /// Step label.
    pub step: String,
    /// The decision.
    pub decision: Decision,
    /// Free text.
    pub comment: Option<String>,
    /// The step's route version seen; None (schema 1): only `base_revision` guards re-routing.
    pub route_version: Option<i64>,
    /// The invoice revision seen.
    pub base_revision: i64,
    /// The content hash seen (hex); None (schema 1): the hash at `base_revision`.
    pub content_hash: Option<String>,
    /// Deciding as ersättare for.
    pub acting_for: Option<String>,
    /// Rule-set version seen.
    pub ruleset_version: i64,
}

/// What a mutation asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Decide a step.
    Decide(DecideCmd),
    /// Replace an invoice's kontering.
    SetKontering {
        /// Server invoice id.
        invoice_id: i64,
        /// The revision the rows were made on.
        base_revision: i64,
        /// The rows.
        rows: Vec<CodingRow>,
    },
    /// Acknowledge one of one's own non-accepted outcomes.
    AckAttention {
        /// The acknowledged mutation.
        mutation_id: String,
    },
    /// A command the caller's role may not give (the server's role table): recorded as
    /// REJECTED_RULE so the watermark moves on.
    NotPermitted {
        /// The kind refused.
        kind: String,
    },
    /// Give up a device seq the server could never store.
    Void {
        /// The seq.
        device_seq: i64,
        /// Why.
        reason: String,
    },
}

/// A pushed item with a usable id and device seq: stored whatever else is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// Lower-case hyphenated UUID.
    pub mutation_id: String,
    /// From 1.
    pub device_seq: i64,
    /// As sent.
    pub kind: String,
    /// As sent (0 when missing).
    pub schema_v: u32,
    /// The payload's canonical JSON (what the store keeps).
    pub payload_json: String,
    /// SHA-256 of `payload_json`, computed here (the idempotency comparison uses this).
    pub payload_sha256: String,
    /// The claimed creation time as sent.
    pub created_at_device: String,
    /// The claimed creation time, when it parses.
    pub created_at: Option<DateTime<Utc>>,
    /// The command, or why there is none.
    pub command: Result<Command, Malformed>,
}

/// One pushed item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// No usable `mutation_id`/`device_seq`: answered, not stored.
    Unusable {
        /// The id as sent, when it was a string.
        mutation_id: Option<String>,
        /// The seq as sent, when it was an integer.
        device_seq: Option<i64>,
        /// What was wrong.
        reason: String,
    },
    /// Stored.
    Received(Box<Received>),
}

impl Item {
    /// The device seq that orders the batch (unusable items without one go last).
    pub fn order(&self) -> i64 {
        match self {
            Item::Unusable { device_seq, .. } => device_seq.unwrap_or(i64::MAX),
            Item::Received(r) => r.device_seq,
        }
    }
}

/// One payload schema the server reads: `parse` turns a payload of (`kind`, `version`) into a
/// command, upcasting older versions.
#[derive(Debug)]
pub struct Schema {
    /// The mutation kind.
    pub kind: &'static str,
    /// The payload version.
    pub version: u32,
    /// Payload → command.
    pub parse: fn(&Value) -> Result<Command, Malformed>,
}

/// Every (kind, schema version) the server accepts. `step_decision` 1 is upcast to 2: no
/// content hash (the store uses the invoice's hash as it was at `base_revision`) and no route
/// version (re-routing is caught by `base_revision`).
pub const SCHEMAS: &[Schema] = &[
    Schema {
        kind: "step_decision",
        version: 1,
        parse: step_decision_v1,
    },
    Schema {
        kind: "step_decision",
        version: 2,
        parse: step_decision_v2,
    },
    Schema {
        kind: "set_kontering",
        version: 1,
        parse: set_kontering_v1,
    },
    Schema {
        kind: "ack_attention",
        version: 1,
        parse: ack_attention_v1,
    },
    Schema {
        kind: "void",
        version: 1,
        parse: void_v1,
    },
];

/// Reads one pushed item (module docs).
pub fn item(v: &Value) -> Item {
    let raw_id = v.get("mutation_id").and_then(Value::as_str);
    let raw_seq = v.get("device_seq").and_then(Value::as_i64);
    let id = raw_id.and_then(|s| uuid::Uuid::parse_str(s).ok());
    let (Some(id), Some(seq)) = (id, raw_seq.filter(|s| *s >= 1)) else {
        let reason = if !v.is_object() {
            "the item is not a JSON object".to_string()
        } else if id.is_none() {
            "mutation_id: missing or not a UUID".to_string()
        } else {
            "device_seq: missing or not an integer ≥ 1".to_string()
        };
        return Item::Unusable {
            mutation_id: raw_id.map(|s| s.chars().take(MAX_ID).collect()),
            device_seq: raw_seq,
            reason,
        };
    };
    let kind = v
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or("")
        .chars()
        .take(MAX_ID)
        .collect::<String>();
    let schema_v = v
        .get("schema_v")
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(0);
    let payload = v.get("payload").cloned().unwrap_or(Value::Null);
    let declared = v.get("payload_sha256").and_then(Value::as_str);
    let created_at_device = v
        .get("created_at_device")
        .and_then(Value::as_str)
        .unwrap_or("")
        .chars()
        .take(MAX_ID)
        .collect::<String>();
    let created_at = DateTime::parse_from_rfc3339(&created_at_device)
        .ok()
        .map(|t| t.with_timezone(&Utc));
    let payload_sha256 = payload_sha256(&payload);
    let command = if declared != Some(payload_sha256.as_str()) {
        Err(Malformed::new(
            "payload-hash-mismatch",
            format!(
                "payload_sha256 {:?} is not the SHA-256 of the payload's canonical JSON ({payload_sha256})",
                declared.unwrap_or("")
            ),
        ))
    } else if created_at.is_none() {
        Err(Malformed::new(
            "bad-time",
            format!("created_at_device {created_at_device:?} is not an RFC 3339 time"),
        ))
    } else {
        command(&kind, schema_v, &payload)
    };
    Item::Received(Box::new(Received {
        mutation_id: id.hyphenated().to_string(),
        device_seq: seq,
        kind,
        schema_v,
        payload_json: canonical_json(&payload),
        payload_sha256,
        created_at_device,
        created_at,
        command,
    }))
}

/// The command of a payload of `kind` and `schema_v`, through [`SCHEMAS`].
pub fn command(kind: &str, schema_v: u32, payload: &Value) -> Result<Command, Malformed> {
    if !SCHEMAS.iter().any(|s| s.kind == kind) {
        return Err(Malformed::new(
            "unknown-kind",
            format!("kind {kind:?} is not one this server knows"),
        ));
    }
    let schema = SCHEMAS
        .iter()
        .find(|s| s.kind == kind && s.version == schema_v)
        .ok_or_else(|| {
            let known: Vec<String> = SCHEMAS
                .iter()
                .filter(|s| s.kind == kind)
                .map(|s| s.version.to_string())
                .collect();
            Malformed::new(
                "unsupported-schema",
                format!(
                    "{kind} schema_v {schema_v} is not supported (supported: {})",
                    known.join(", ")
                ),
            )
        })?;
    (schema.parse)(payload)
}

fn payload<T: DeserializeOwned>(v: &Value) -> Result<T, Malformed> {
    serde_json::from_value(v.clone())
        .map_err(|e| Malformed::new("bad-payload", format!("payload: {e}")))
}

fn invoice_id(s: &str) -> Result<i64, Malformed> {
    s.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
        Malformed::new(
            "bad-payload",
            format!("invoice_id {s:?} is not a server invoice id"),
        )
    })
}

fn bounded(field: &str, s: &str, max: usize) -> Result<(), Malformed> {
    if s.chars().count() > max {
        return Err(Malformed::new(
            "bad-payload",
            format!("{field}: longer than {max} characters"),
        ));
    }
    Ok(())
}

fn decision(s: &str) -> Result<Decision, Malformed> {
    Decision::parse(s).ok_or_else(|| {
        Malformed::new(
            "bad-payload",
            format!("decision {s:?} is not ATTEST, RETURN, REJECT or DISPUTE"),
        )
    })
}

fn check_decide(c: &DecideCmd) -> Result<(), Malformed> {
    bounded("step_id", &c.step, MAX_ID)?;
    bounded("comment", c.comment.as_deref().unwrap_or(""), MAX_TEXT)?;
    bounded("acting_for", c.acting_for.as_deref().unwrap_or(""), MAX_ID)?;
    if c.base_revision < 0 || c.route_version.is_some_and(|r| r < 0) {
        return Err(Malformed::new(
            "bad-payload",
            "base_revision and route_version are never negative",
        ));
    }
    Ok(())
}

fn step_decision_v2(v: &Value) -> Result<Command, Malformed> {
    let p: StepDecisionV2 = payload(v)?;
    let hash = p
        .content_hash
        .strip_prefix("sha256:")
        .filter(|h| h.len() == 64 && h.chars().all(|c| c.is_ascii_hexdigit()))
        .ok_or_else(|| {
            Malformed::new(
                "bad-payload",
                format!(
                    "content_hash {:?} is not sha256:<64 hex digits>",
                    p.content_hash
                ),
            )
        })?;
    let c = DecideCmd {
        invoice_id: invoice_id(&p.invoice_id)?,
        step: p.step_id,
        decision: decision(&p.decision)?,
        comment: p.comment,
        route_version: Some(p.route_version),
        base_revision: p.base_revision,
        content_hash: Some(hash.to_ascii_lowercase()),
        acting_for: p.acting_for,
        ruleset_version: p.ruleset_version,
    };
    check_decide(&c)?;
    Ok(Command::Decide(c))
}

/// Upcaster: `step_decision` 1 → the schema-2 command without hash and route version.
fn step_decision_v1(v: &Value) -> Result<Command, Malformed> {
    let p: StepDecisionV1 = payload(v)?;
    let c = DecideCmd {
        invoice_id: invoice_id(&p.invoice_id)?,
        step: p.step_id,
        decision: decision(&p.decision)?,
        comment: p.comment,
        route_version: None,
        base_revision: p.base_revision,
        content_hash: None,
        acting_for: p.acting_for,
        ruleset_version: p.ruleset_version,
    };
    check_decide(&c)?;
    Ok(Command::Decide(c))
}

/// A wire kontering row as a [`CodingRow`], through [`CodingField::set`] (the one reader of
/// field values).
pub fn coding_row(w: &WireCodingRow) -> Result<CodingRow, String> {
    let mut row = CodingRow::default();
    for (field, value) in [
        (CodingField::Belopp, &w.belopp),
        (CodingField::Konto, &w.konto),
        (CodingField::Ansvar, &w.ansvar),
        (CodingField::Verksamhet, &w.verksamhet),
        (CodingField::Aktivitet, &w.aktivitet),
        (CodingField::Projekt, &w.projekt),
        (CodingField::Objekt, &w.objekt),
        (CodingField::Motpart, &w.motpart),
        (CodingField::Momskod, &w.momskod),
    ] {
        if value.chars().count() > MAX_ID {
            return Err(format!("{}: longer than {MAX_ID} characters", field.name()));
        }
        field.set(&mut row, value)?;
    }
    Ok(row)
}

/// A [`CodingRow`] as a wire row.
pub fn wire_row(c: &CodingRow) -> WireCodingRow {
    WireCodingRow {
        belopp: c.amount.to_string(),
        konto: c.konto.clone(),
        ansvar: c.ansvar.clone(),
        verksamhet: c.verksamhet.clone(),
        aktivitet: c.aktivitet.clone(),
        projekt: c.projekt.clone(),
        objekt: c.objekt.clone(),
        motpart: c.motpart.clone(),
        momskod: c.momskod.clone(),
    }
}

fn set_kontering_v1(v: &Value) -> Result<Command, Malformed> {
    let p: SetKonteringV1 = payload(v)?;
    if p.rows.len() > MAX_ROWS {
        return Err(Malformed::new(
            "bad-payload",
            format!("rows: more than {MAX_ROWS}"),
        ));
    }
    let mut rows = Vec::with_capacity(p.rows.len());
    for (n, r) in p.rows.iter().enumerate() {
        rows.push(
            coding_row(r).map_err(|e| Malformed::new("bad-payload", format!("rows[{n}]: {e}")))?,
        );
    }
    Ok(Command::SetKontering {
        invoice_id: invoice_id(&p.invoice_id)?,
        base_revision: p.base_revision,
        rows,
    })
}

fn ack_attention_v1(v: &Value) -> Result<Command, Malformed> {
    let p: AckAttentionV1 = payload(v)?;
    let id = uuid::Uuid::parse_str(&p.mutation_id)
        .map_err(|_| Malformed::new("bad-payload", "mutation_id: not a UUID"))?;
    Ok(Command::AckAttention {
        mutation_id: id.hyphenated().to_string(),
    })
}

fn void_v1(v: &Value) -> Result<Command, Malformed> {
    let p: VoidV1 = payload(v)?;
    bounded("reason", &p.reason, MAX_TEXT)?;
    if p.device_seq < 1 {
        return Err(Malformed::new("bad-payload", "device_seq: an integer ≥ 1"));
    }
    Ok(Command::Void {
        device_seq: p.device_seq,
        reason: p.reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn envelope(kind: &str, schema_v: u32, payload: Value) -> Value {
        json!({"mutation_id": "0190F3C2-0000-7000-8000-000000000001", "device_seq": 3,
               "kind": kind, "schema_v": schema_v, "payload_sha256": payload_sha256(&payload),
               "payload": payload, "created_at_device": "2026-11-20T09:14:03+01:00"})
    }

    fn v2() -> Value {
        json!({"invoice_id": "42", "step_id": "BESLUT#1", "decision": "ATTEST", "comment": null,
               "route_version": 3, "base_revision": 10, "content_hash": format!("sha256:{}", "a".repeat(64)),
               "acting_for": null, "ruleset_version": 1})
    }

    fn code(it: &Item) -> Option<&'static str> {
        match it {
            Item::Received(r) => r.command.as_ref().err().map(|m| m.code),
            Item::Unusable { .. } => Some("unusable"),
        }
    }

    #[test]
    fn a_current_decision_parses_and_an_old_one_is_upcast() {
        let Item::Received(r) = item(&envelope("step_decision", 2, v2())) else {
            panic!("received")
        };
        assert_eq!(r.mutation_id, "0190f3c2-0000-7000-8000-000000000001");
        let Ok(Command::Decide(c)) = &r.command else {
            panic!("{:?}", r.command)
        };
        assert_eq!((c.invoice_id, c.route_version), (42, Some(3)));
        assert_eq!(c.content_hash.as_deref(), Some("a".repeat(64).as_str()));
        let mut old = v2();
        let o = old.as_object_mut().expect("object");
        o.remove("content_hash");
        o.remove("route_version");
        let Item::Received(r) = item(&envelope("step_decision", 1, old)) else {
            panic!("received")
        };
        let Ok(Command::Decide(c)) = &r.command else {
            panic!("{:?}", r.command)
        };
        assert_eq!((c.route_version, c.content_hash.clone()), (None, None));
    }

    #[test]
    fn faults_of_a_stored_item_have_their_codes() {
        let mut bad_hash = envelope("step_decision", 2, v2());
        bad_hash["payload_sha256"] = json!("00");
        let mut bad_time = envelope("step_decision", 2, v2());
        bad_time["created_at_device"] = json!("yesterday");
        let mut extra = v2();
        extra["surprise"] = json!(1);
        let table: Vec<(Value, Option<&str>)> = vec![
            (envelope("step_decision", 2, v2()), None),
            (envelope("teleport", 1, json!({})), Some("unknown-kind")),
            (
                envelope("step_decision", 9, v2()),
                Some("unsupported-schema"),
            ),
            (envelope("step_decision", 2, extra), Some("bad-payload")),
            (
                envelope("step_decision", 2, json!({"invoice_id": "x"})),
                Some("bad-payload"),
            ),
            (bad_hash, Some("payload-hash-mismatch")),
            (bad_time, Some("bad-time")),
            (json!({"device_seq": 1}), Some("unusable")),
            (
                json!({"mutation_id": "nope", "device_seq": 1}),
                Some("unusable"),
            ),
            (
                json!({"mutation_id": "0190f3c2-0000-7000-8000-000000000001", "device_seq": 0}),
                Some("unusable"),
            ),
            (json!([1, 2]), Some("unusable")),
        ];
        for (v, want) in table {
            assert_eq!(code(&item(&v)), want, "{v}");
        }
    }

    #[test]
    fn kontering_rows_use_the_coding_field_names() {
        let p = json!({"invoice_id": "7", "base_revision": 2, "rows": [{"belopp": "1 000,50", "konto": "6110",
            "ansvar": "4110", "verksamhet": "", "aktivitet": "", "projekt": "", "objekt": "", "motpart": "",
            "momskod": "avdragsgill"}]});
        let Ok(Command::SetKontering { rows, .. }) = command("set_kontering", 1, &p) else {
            panic!("parsed")
        };
        assert_eq!(rows[0].amount.to_string(), "1000.50");
        assert_eq!(rows[0].momskod, "AVDRAGSGILL");
        assert_eq!(wire_row(&rows[0]).belopp, "1000.50");
        let mut bad = p.clone();
        bad["rows"][0]["belopp"] = json!("mycket");
        assert_eq!(
            command("set_kontering", 1, &bad).expect_err("bad").code,
            "bad-payload"
        );
    }
}
