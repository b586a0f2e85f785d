//! The client's reading of sync protocol 1 (`docs/sync-protocol.md` of the server branch): the
//! request and response bodies, as serde types private to the client. Unknown fields are ignored
//! everywhere, as the protocol asks. Converted by hand into store records and views; nothing else
//! in core sees these types.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// `POST /v1/auth/login`.
#[derive(Debug, Serialize)]
pub struct LoginBody<'a> {
    pub username: &'a str,
    pub password: &'a str,
}

/// `POST /v1/auth/refresh`.
#[derive(Debug, Serialize)]
pub struct RefreshBody<'a> {
    pub refresh_token: &'a str,
}

/// A login or refresh answer.
#[derive(Debug, Deserialize)]
pub struct SessionReply {
    pub access_token: String,
    #[serde(default)]
    pub expires_at: Option<chrono::DateTime<chrono::Utc>>,
    pub refresh_token: String,
    #[serde(default)]
    pub refresh_expires_at: Option<chrono::DateTime<chrono::Utc>>,
    pub username: String,
    pub person_id: String,
    #[serde(default)]
    pub role: String,
}

/// `POST /v1/devices`.
#[derive(Debug, Serialize)]
pub struct EnrolBody<'a> {
    pub name: &'a str,
}

/// Its answer.
#[derive(Debug, Deserialize)]
pub struct EnrolReply {
    pub device_id: String,
}

/// `GET /v1/meta`.
#[derive(Debug, Deserialize)]
pub struct MetaReply {
    #[serde(default)]
    pub server_time: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(default)]
    pub epoch: Option<String>,
    #[serde(default)]
    pub sync_protocols: Vec<u32>,
    #[serde(default)]
    pub limits: Option<MetaLimits>,
}

/// The sync limits of `/v1/meta`.
#[derive(Debug, Deserialize)]
pub struct MetaLimits {
    #[serde(default)]
    pub sync_max_batch: Option<usize>,
    #[serde(default)]
    pub sync_max_wait_secs: Option<u64>,
    #[serde(default)]
    pub sync_max_changes: Option<usize>,
}

/// `POST /v1/sync/mutations`.
#[derive(Debug, Serialize)]
pub struct PushBody<'a> {
    pub device_id: &'a str,
    pub batch_id: String,
    pub mutations: Vec<PushItem<'a>>,
}

/// One mutation of a push.
#[derive(Debug, Serialize)]
pub struct PushItem<'a> {
    pub mutation_id: &'a str,
    pub device_seq: i64,
    pub kind: &'a str,
    pub schema_v: i64,
    pub payload: Value,
    pub payload_sha256: &'a str,
    pub created_at_device: String,
    pub signature: Option<String>,
}

/// The push answer.
#[derive(Debug, Deserialize)]
pub struct PushReply {
    #[serde(default)]
    pub epoch: Option<String>,
    pub results: Vec<ResultItem>,
}

/// One item's outcome (also `GET /v1/sync/mutations/{id}`).
#[derive(Debug, Deserialize)]
pub struct ResultItem {
    #[serde(default)]
    pub mutation_id: Option<String>,
    #[serde(default)]
    pub device_seq: Option<i64>,
    pub outcome: String,
    #[serde(default)]
    pub replayed: bool,
    #[serde(default)]
    pub server_seq: Option<i64>,
    #[serde(default)]
    pub detail: Option<Value>,
}

/// `GET /v1/sync/snapshot`.
#[derive(Debug, Deserialize)]
pub struct SnapshotReply {
    #[serde(default)]
    pub epoch: Option<String>,
    pub cursor_at_start: String,
    pub rows: Vec<SnapshotRow>,
}

/// One row of a snapshot.
#[derive(Debug, Deserialize)]
pub struct SnapshotRow {
    pub entity: String,
    pub id: String,
    pub version: i64,
    pub data: Value,
}

/// `GET /v1/sync/changes`.
#[derive(Debug, Deserialize)]
pub struct ChangesReply {
    pub changes: Vec<ChangeItem>,
    pub next_cursor: String,
    #[serde(default)]
    pub has_more: bool,
}

/// One change.
#[derive(Debug, Deserialize)]
pub struct ChangeItem {
    pub seq: i64,
    pub entity: String,
    pub id: String,
    #[serde(default)]
    pub version: Option<i64>,
    pub op: String,
    #[serde(default)]
    pub data: Option<Value>,
    #[serde(default)]
    pub reason: Option<String>,
}

/// `GET /v1/sync/devices/{id}/watermark`.
#[derive(Debug, Deserialize)]
pub struct WatermarkReply {
    #[serde(default)]
    pub epoch: Option<String>,
    pub device_high_water: i64,
}

/// An invoice row of the mirror (protocol §6.1).
#[derive(Debug, Deserialize)]
pub struct InvoiceData {
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub supplier: String,
    #[serde(default)]
    pub due_date: Option<chrono::NaiveDate>,
    #[serde(default)]
    pub attest_deadline: Option<chrono::NaiveDate>,
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub amount: Option<String>,
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub payment_block: bool,
    #[serde(default)]
    pub revision: i64,
    #[serde(default)]
    pub content_hash: String,
    #[serde(default)]
    pub ruleset_version: Option<i64>,
    #[serde(default)]
    pub original: Option<String>,
    #[serde(default)]
    pub document_sha256: Option<String>,
    #[serde(default)]
    pub steps: Vec<StepData>,
    #[serde(default)]
    pub kontering: Vec<std::collections::BTreeMap<String, Value>>,
}

/// A step of a mirrored invoice.
#[derive(Debug, Deserialize)]
pub struct StepData {
    #[serde(default)]
    pub kind: String,
    pub label: String,
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub assignee: Option<String>,
    #[serde(default)]
    pub queue: Option<String>,
    #[serde(default)]
    pub route_version: i64,
    #[serde(default)]
    pub decided_by: Option<String>,
    #[serde(default)]
    pub decided_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The canonical JSON of a payload (protocol §5: keys sorted by their UTF-8 bytes, recursively;
/// no whitespace; serde_json's string escaping), whatever map order `Value` was built with.
pub fn canonical_json(v: &Value) -> String {
    fn write(v: &Value, out: &mut String) {
        match v {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
                out.push('{');
                for (i, k) in keys.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::String((*k).clone()).to_string());
                    out.push(':');
                    if let Some(x) = map.get(*k) {
                        write(x, out);
                    }
                }
                out.push('}');
            }
            Value::Array(items) => {
                out.push('[');
                for (i, x) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(x, out);
                }
                out.push(']');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let mut out = String::new();
    write(v, &mut out);
    out
}

/// Lowercase hex SHA-256 of the canonical JSON.
pub fn payload_sha256(canonical: &str) -> String {
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

/// The `seq` of a cursor `"<epoch>:<seq>"`, used only to know how far the mirror has been
/// brought (the overlay rule); the cursor itself is stored and sent as the opaque string it is.
pub fn cursor_seq(cursor: &str) -> Option<i64> {
    cursor.rsplit_once(':')?.1.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_sorts_keys_recursively_and_has_no_whitespace() {
        let v: Value = serde_json::from_str(
            r#"{ "b": [ {"z": 1, "a": "x\"y"} ], "a": null, "é": true, "Z": "/" }"#,
        )
        .expect("json");
        assert_eq!(
            canonical_json(&v),
            r#"{"Z":"/","a":null,"b":[{"a":"x\"y","z":1}],"é":true}"#
        );
        assert_eq!(
            payload_sha256("{}"),
            "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        );
    }

    #[test]
    fn the_cursor_seq_is_read_only_when_well_formed() {
        assert_eq!(cursor_seq("5f3c9a1e0b7d4c21:20940"), Some(20940));
        assert_eq!(cursor_seq("5f3c9a1e0b7d4c21"), None);
        assert_eq!(cursor_seq("e:x"), None);
    }
}
