//! The client's own readers and bodies beside the shared sync wire (`crate::sync::wire`, the one
//! serde contract with the server, which the client uses for every request body and for the
//! snapshot, changes and watermark answers). What is here is either not sync protocol (login,
//! refresh, device enrolment, meta) or deliberately more lenient than the shared type because a
//! client must tolerate what a newer server sends: a push result whose `outcome` word this
//! build does not know (reported as a bug and quarantined, not a failed batch), and the mirrored
//! invoice data (a missing field shows as empty rather than hiding the invoice). Unknown fields
//! are ignored everywhere.

use serde::{Deserialize, Serialize};
use serde_json::Value;

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

/// The `seq` of a cursor, used only to know how far the mirror has been brought (the overlay
/// rule); the cursor itself is stored and sent as the opaque string it is.
pub fn cursor_seq(cursor: &str) -> Option<i64> {
    crate::sync::wire::Cursor::parse(cursor).map(|c| c.seq)
}
