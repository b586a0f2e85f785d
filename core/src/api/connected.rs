//! Connected mode: working against a shared server, offline first (sync.md §2; issue 12).
//!
//! A data directory is in connected mode when it holds `sync-client.sqlite` with an enrolled
//! device ([`is_connected`]); `login` makes it so. Front ends then read the inbox and an invoice
//! from the mirror of server state ⊕ the pending overlay of this device's own decisions
//! ([`inbox`], [`invoice`]), decide offline ([`decide`], [`set_kontering`]: saved at once, one
//! transaction with the outbox row), and [`sync_once`] pushes, pulls and reports; outcomes that
//! did not take effect stay in the "Behöver åtgärd" list ([`attention`]) until acknowledged
//! ([`acknowledge`], itself an audited mutation).
//!
//! | use case | what it does |
//! |---|---|
//! | [`login`] / [`logout`] | session tokens in `sync-session.json` (0600), device enrolment |
//! | [`status`] | pending count, last successful sync, offline since, clock skew, rebuild banner |
//! | [`inbox`] / [`invoice`] | mirror ⊕ overlay, with each pending decision's badge |
//! | [`decide`] / [`set_kontering`] | an offline decision or kontering: outbox row + overlay |
//! | [`sync_once`] | one cycle: push, pull, rebuild after a restored server; a report |
//! | [`attention`] / [`acknowledge`] | the non-accepted outcomes, in Swedish or English |
//! | [`original`] | the original document, fetched on demand and cached |

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde_json::Value;

use super::context::Context;
use super::error::{ApiError, ErrorCode, Result};
use crate::approval::fields::CodingField;
use crate::approval::{CodingRow, Decision};
use crate::connected::engine::{self, Engine, Env, SyncConfig};
use crate::connected::http::Http;
use crate::connected::overlay::{self, Badge};
use crate::connected::wire::{InvoiceData, StepData};
use crate::connected::{SyncError, session, texts};
use crate::store::connected::{CLIENT_FILE, OutboxRecord, OutboxState, SyncStore};
use crate::sync::wire::{AckAttentionV1, SetKonteringV1, StepDecisionV2, WireCodingRow};

/// A payload of the shared wire as the JSON value that is hashed and sent.
fn wire_value<T: serde::Serialize>(payload: &T) -> Result<Value> {
    serde_json::to_value(payload)
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("payload: {e}")))
}

pub use crate::connected::backoff::{Rng, Sleeper, SplitMix, ThreadSleeper};
pub use crate::connected::texts::Lang;

/// The pull scope's local name.
const SCOPE: &str = "mine";

/// The open connected-mode client file of a data directory.
#[derive(Debug)]
pub struct Connection {
    store: SyncStore,
    dir: PathBuf,
}

impl Connection {
    /// Opens (creating if needed) the client file in data directory `dir`.
    pub fn open(dir: &Path) -> Result<Connection> {
        let store = SyncStore::open(&client_file(dir)).map_err(|e| {
            let e = ApiError::from(e);
            let message = format!("opening {}: {}", client_file(dir).display(), e.message);
            ApiError { message, ..e }
        })?;
        Ok(Connection {
            store,
            dir: dir.to_path_buf(),
        })
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.dir
    }
}

/// The client file of data directory `dir`.
pub fn client_file(dir: &Path) -> PathBuf {
    dir.join(CLIENT_FILE)
}

/// Whether `dir` is in connected mode: its client file exists and has an enrolled device. The
/// file is not created by asking.
pub fn is_connected(dir: &Path) -> Result<bool> {
    if !client_file(dir).is_file() {
        return Ok(false);
    }
    Ok(Connection::open(dir)?.store.device()?.is_some())
}

impl From<SyncError> for ApiError {
    fn from(e: SyncError) -> Self {
        let message = e.to_string();
        match e {
            SyncError::Store(s) => ApiError::from(s),
            SyncError::Session(_) => ApiError::new(ErrorCode::Io, message),
            SyncError::NeedLogin(_) => ApiError::new(ErrorCode::Precondition, message),
            SyncError::Refused(_) => ApiError::new(ErrorCode::Forbidden, message),
            SyncError::UnsupportedProtocol(_) => ApiError::new(ErrorCode::Precondition, message),
            SyncError::Unreachable(_) => ApiError::new(ErrorCode::Io, message),
            _ => ApiError::new(ErrorCode::Internal, message),
        }
    }
}

// ----- login ---------------------------------------------------------------------------------

/// Who is logged in, on which device.
#[derive(Debug, Clone, PartialEq)]
pub struct LoginView {
    /// The server.
    pub server_url: String,
    /// Login name.
    pub username: String,
    /// Person id decisions are made as.
    pub person_id: String,
    /// Role.
    pub role: String,
    /// This device's id.
    pub device_id: String,
    /// `server` when `POST /v1/devices` enrolled it, `client` when the id was drawn here.
    pub enrolled_by: &'static str,
    /// Mutations waiting to be sent.
    pub pending: i64,
}

/// Logs in to `server` as `username`, storing the tokens in the data directory (a file only the
/// user can read: these machines offer no OS keychain) and enrolling this device once.
pub fn login(
    conn: &mut Connection,
    ctx: &Context<'_>,
    server: &str,
    username: &str,
    password: &str,
    device_name: &str,
) -> Result<LoginView> {
    let http = Http::new(server, Duration::from_secs(30));
    let new_id = || uuid::Uuid::new_v4().to_string();
    let (s, d) = engine::login(
        &mut conn.store,
        &conn.dir,
        &http,
        username,
        password,
        device_name,
        ctx.now(),
        &new_id,
    )?;
    Ok(LoginView {
        server_url: s.server_url,
        username: s.username,
        person_id: s.person_id,
        role: s.role,
        device_id: d.device_id,
        enrolled_by: match d.enrolled_by {
            crate::store::connected::Enrolment::Server => "server",
            crate::store::connected::Enrolment::Client => "client",
        },
        pending: conn.store.pending_count()?,
    })
}

/// Logs out: removes the tokens. The device, the outbox and the mirror stay, so nothing queued is
/// lost and logging in again goes on where it stopped. `true` if a session was removed.
pub fn logout(conn: &mut Connection) -> Result<bool> {
    session::remove(&conn.dir).map_err(|e| ApiError::new(ErrorCode::Io, e.to_string()))
}

// ----- status --------------------------------------------------------------------------------

/// The status bar (§2.7).
#[derive(Debug, Clone, PartialEq)]
pub struct StatusView {
    /// Logged in (a session file exists).
    pub logged_in: bool,
    /// The server.
    pub server_url: Option<String>,
    /// Who decisions are made as.
    pub person_id: Option<String>,
    /// This device.
    pub device_id: Option<String>,
    /// Mutations waiting to be sent.
    pub pending: i64,
    /// Open "Behöver åtgärd" items.
    pub attention: usize,
    /// The last pull or push that reached the server.
    pub last_sync: Option<DateTime<Utc>>,
    /// Since when the server has been unreachable.
    pub offline_since: Option<DateTime<Utc>>,
    /// Server time minus local time (ms), last seen.
    pub skew_ms: Option<i64>,
    /// The skew warning (|skew| > 5 min), in the language asked.
    pub skew_warning: Option<String>,
    /// The rebuild banner, while the mirror is being rebuilt after a restored server.
    pub rebuild_banner: Option<String>,
}

/// The status of the connection.
pub fn status(conn: &Connection, lang: Lang) -> Result<StatusView> {
    let device = conn.store.device()?;
    let state = conn.store.sync_state(SCOPE)?;
    let pending = conn.store.pending_count()?;
    let logged_in = session::load(&conn.dir)
        .map_err(|e| ApiError::new(ErrorCode::Io, e.to_string()))?
        .is_some();
    let skew_warning = state
        .server_time_offset_ms
        .filter(|ms| ms.abs() > 5 * 60 * 1000)
        .map(|ms| skew_text(ms, lang));
    let rebuild_banner = state.rebuild_since.map(|_| match lang {
        Lang::Sv => format!("Uppdaterar fakturor; dina {pending} väntande beslut finns kvar"),
        Lang::En => format!("Refreshing invoices; your {pending} pending decisions are kept"),
    });
    Ok(StatusView {
        logged_in,
        server_url: device.as_ref().map(|d| d.server_url.clone()),
        person_id: device.as_ref().map(|d| d.person_id.clone()),
        device_id: device.map(|d| d.device_id),
        pending,
        attention: attention(conn, lang, utc())?.len(),
        last_sync: state.last_pull_ok_at.max(state.last_push_ok_at),
        offline_since: state.offline_since,
        skew_ms: state.server_time_offset_ms,
        skew_warning,
        rebuild_banner,
    })
}

fn utc() -> FixedOffset {
    use chrono::Offset as _;
    Utc.fix()
}

fn skew_text(ms: i64, lang: Lang) -> String {
    let minutes = ms.abs() / 60_000;
    let ahead = ms > 0;
    match (lang, ahead) {
        (Lang::Sv, true) => format!(
            "Datorns klocka går {minutes} min efter serverns; beslutstider räknas efter servern"
        ),
        (Lang::Sv, false) => format!(
            "Datorns klocka går {minutes} min före serverns; beslutstider räknas efter servern"
        ),
        (Lang::En, true) => format!(
            "This computer's clock is {minutes} min behind the server's; decision times follow the server"
        ),
        (Lang::En, false) => format!(
            "This computer's clock is {minutes} min ahead of the server's; decision times follow the server"
        ),
    }
}

// ----- views ---------------------------------------------------------------------------------

/// One of this device's mutations as the view shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingView {
    /// The mutation id (the decision id of a step decision).
    pub mutation_id: String,
    /// Its device_seq.
    pub device_seq: i64,
    /// `step_decision`, `set_kontering`, `ack_attention`, `void`.
    pub kind: String,
    /// The invoice.
    pub invoice_id: Option<String>,
    /// The step.
    pub step: Option<String>,
    /// The decision of a step decision.
    pub decision: Option<String>,
    /// The badge.
    pub badge: Badge,
    /// The badge as a sentence.
    pub badge_text: String,
    /// The last send error, while it waits.
    pub last_error: Option<String>,
}

fn pending_view(rec: &OutboxRecord, lang: Lang) -> PendingView {
    let payload: Value = serde_json::from_str(&rec.payload_json).unwrap_or(Value::Null);
    let b = overlay::badge(rec);
    let badge_text = match (&b, lang) {
        (Badge::SavedOnDevice, Lang::Sv) => "Sparat på enheten — inte genomfört än".to_string(),
        (Badge::SavedOnDevice, Lang::En) => "Saved on this device — not yet effective".to_string(),
        (Badge::Sending, Lang::Sv) => "Skickas…".to_string(),
        (Badge::Sending, Lang::En) => "Sending…".to_string(),
        (Badge::Recorded { server_seq }, Lang::Sv) => {
            format!("Registrerat på servern #{}", server_seq.unwrap_or(0))
        }
        (Badge::Recorded { server_seq }, Lang::En) => {
            format!("Recorded on server #{}", server_seq.unwrap_or(0))
        }
        (Badge::Waiting, Lang::Sv) => "Väntar på granskning".to_string(),
        (Badge::Waiting, Lang::En) => "Waiting for granskning".to_string(),
        (Badge::NotApplied { outcome }, Lang::Sv) => format!("Inte genomfört ({outcome})"),
        (Badge::NotApplied { outcome }, Lang::En) => format!("Not applied ({outcome})"),
        (Badge::Quarantined, Lang::Sv) => "Togs inte emot av servern".to_string(),
        (Badge::Quarantined, Lang::En) => "Not taken by the server".to_string(),
    };
    PendingView {
        mutation_id: rec.mutation_id.clone(),
        device_seq: rec.device_seq,
        kind: rec.kind.clone(),
        invoice_id: rec.invoice_id.clone(),
        step: rec.step_id.clone(),
        decision: payload
            .get("decision")
            .and_then(Value::as_str)
            .map(str::to_string),
        badge: b,
        badge_text,
        last_error: rec.last_error.clone(),
    }
}

/// One step of a mirrored invoice.
#[derive(Debug, Clone, PartialEq)]
pub struct StepView {
    /// `GRANSKNING`, `BESLUT`, ….
    pub kind: String,
    /// Its label (`BESLUT#1`).
    pub label: String,
    /// `WAITING`, `OPEN`, `DONE`, … as the server last said.
    pub state: String,
    /// Who it waits on.
    pub assignee: Option<String>,
    /// Or which queue.
    pub queue: Option<String>,
    /// Who decided it.
    pub decided_by: Option<String>,
    /// When.
    pub decided_at: Option<DateTime<Utc>>,
    /// This device's decision on it that overlays the server state, if any.
    pub pending: Option<PendingView>,
}

/// A mirrored invoice ⊕ this device's overlay.
#[derive(Debug, Clone, PartialEq)]
pub struct InvoiceView {
    /// The server's invoice id.
    pub id: String,
    /// The server version mirrored.
    pub version: i64,
    /// Invoice number.
    pub number: String,
    /// Supplier name.
    pub supplier: String,
    /// Amount payable.
    pub amount: Option<Decimal>,
    /// Currency.
    pub currency: String,
    /// Due date.
    pub due_date: Option<NaiveDate>,
    /// Attest deadline.
    pub attest_deadline: Option<NaiveDate>,
    /// The server's state word.
    pub state: String,
    /// Payment block.
    pub payment_block: bool,
    /// The revision decisions quote.
    pub revision: i64,
    /// The steps.
    pub steps: Vec<StepView>,
    /// The kontering rows (this device's pending kontering when there is one).
    pub kontering: Vec<CodingRow>,
    /// Whether `kontering` is this device's, not yet effective.
    pub kontering_pending: bool,
    /// Every mutation of this device on the invoice, oldest first.
    pub mutations: Vec<PendingView>,
    /// Whether the original is cached on this device.
    pub original_cached: bool,
}

/// One inbox line: an open step waiting for the logged-in person.
#[derive(Debug, Clone, PartialEq)]
pub struct InboxItem {
    /// The invoice.
    pub invoice_id: String,
    /// The step label.
    pub step: String,
    /// Step kind.
    pub kind: String,
    /// Supplier.
    pub supplier: String,
    /// Invoice number.
    pub number: String,
    /// Amount.
    pub amount: Option<Decimal>,
    /// Currency.
    pub currency: String,
    /// Attest deadline.
    pub attest_deadline: Option<NaiveDate>,
    /// This device's decision on the step, not yet in the mirror.
    pub pending: Option<PendingView>,
}

fn read_invoice(id: &str, data: &str) -> Result<InvoiceData> {
    serde_json::from_str(data).map_err(|e| {
        ApiError::new(
            ErrorCode::Corrupt,
            format!("the mirrored invoice {id} cannot be read ({e}); run `digilyft sync` again"),
        )
    })
}

fn coding_row(r: &std::collections::BTreeMap<String, Value>) -> CodingRow {
    let text = |f: &str| r.get(f).and_then(Value::as_str).unwrap_or("").to_string();
    CodingRow {
        amount: text("belopp").parse().unwrap_or_default(),
        konto: text("konto"),
        ansvar: text("ansvar"),
        verksamhet: text("verksamhet"),
        aktivitet: text("aktivitet"),
        projekt: text("projekt"),
        objekt: text("objekt"),
        motpart: text("motpart"),
        momskod: text("momskod"),
    }
}

/// The pull position: how far (seq) in which epoch.
type Position = (i64, Option<String>);

/// This device's mutations, with the pull position.
fn overlaying(conn: &Connection) -> Result<(Vec<OutboxRecord>, Position)> {
    let st = conn.store.sync_state(SCOPE)?;
    let all = conn.store.outbox()?;
    Ok((all, (st.pulled_through_seq, st.epoch)))
}

fn step_overlay<'a>(
    all: &'a [OutboxRecord],
    through: &Position,
    invoice: &str,
    step: &str,
) -> Option<&'a OutboxRecord> {
    all.iter()
        .filter(|r| {
            r.kind == "step_decision"
                && r.invoice_id.as_deref() == Some(invoice)
                && r.step_id.as_deref() == Some(step)
        })
        .rfind(|r| overlay::overlays(r, through.0, through.1.as_deref()))
}

/// The inbox of the logged-in person: open steps of mirrored invoices assigned to them (or to a
/// queue, shown to everyone who sees the invoice), each with this device's overlaying decision.
pub fn inbox(conn: &Connection, lang: Lang) -> Result<Vec<InboxItem>> {
    let me = conn
        .store
        .device()?
        .map(|d| d.person_id)
        .ok_or_else(|| ApiError::new(ErrorCode::Precondition, "not logged in to a server"))?;
    let (all, through) = overlaying(conn)?;
    let mut items = Vec::new();
    for row in conn.store.mirror_rows("invoice")? {
        let inv = read_invoice(&row.id, &row.data_json)?;
        for s in &inv.steps {
            let mine = s.assignee.as_deref() == Some(me.as_str());
            if s.state != "OPEN" || !mine {
                continue;
            }
            items.push(InboxItem {
                invoice_id: row.id.clone(),
                step: s.label.clone(),
                kind: s.kind.clone(),
                supplier: inv.supplier.clone(),
                number: inv.number.clone(),
                amount: inv.amount.as_deref().and_then(|a| a.parse().ok()),
                currency: inv.currency.clone(),
                attest_deadline: inv.attest_deadline,
                pending: step_overlay(&all, &through, &row.id, &s.label)
                    .map(|r| pending_view(r, lang)),
            });
        }
    }
    items.sort_by(|a, b| {
        (a.attest_deadline, &a.invoice_id).cmp(&(b.attest_deadline, &b.invoice_id))
    });
    Ok(items)
}

/// One mirrored invoice ⊕ overlay. `invoice` is the server id or the invoice number.
pub fn invoice(conn: &Connection, invoice: &str, lang: Lang) -> Result<InvoiceView> {
    let (id, row) = find(conn, invoice)?;
    let inv = read_invoice(&id, &row.data_json)?;
    let (all, through) = overlaying(conn)?;
    let steps = inv
        .steps
        .iter()
        .map(|s: &StepData| StepView {
            kind: s.kind.clone(),
            label: s.label.clone(),
            state: s.state.clone(),
            assignee: s.assignee.clone(),
            queue: s.queue.clone(),
            decided_by: s.decided_by.clone(),
            decided_at: s.decided_at,
            pending: step_overlay(&all, &through, &id, &s.label).map(|r| pending_view(r, lang)),
        })
        .collect();
    let pending_kontering = all
        .iter()
        .filter(|r| r.kind == "set_kontering" && r.invoice_id.as_deref() == Some(id.as_str()))
        .rfind(|r| overlay::overlays(r, through.0, through.1.as_deref()));
    let kontering = match pending_kontering {
        Some(r) => {
            let p: Value = serde_json::from_str(&r.payload_json).unwrap_or(Value::Null);
            p.get("rows")
                .and_then(Value::as_array)
                .map(|rows| {
                    rows.iter()
                        .filter_map(|x| {
                            serde_json::from_value::<std::collections::BTreeMap<String, Value>>(
                                x.clone(),
                            )
                            .ok()
                        })
                        .map(|m| coding_row(&m))
                        .collect()
                })
                .unwrap_or_default()
        }
        None => inv.kontering.iter().map(coding_row).collect(),
    };
    Ok(InvoiceView {
        version: row.version,
        number: inv.number,
        supplier: inv.supplier,
        amount: inv.amount.as_deref().and_then(|a| a.parse().ok()),
        currency: inv.currency,
        due_date: inv.due_date,
        attest_deadline: inv.attest_deadline,
        state: inv.state,
        payment_block: inv.payment_block,
        revision: inv.revision,
        steps,
        kontering,
        kontering_pending: pending_kontering.is_some(),
        mutations: all
            .iter()
            .filter(|r| r.invoice_id.as_deref() == Some(id.as_str()))
            .map(|r| pending_view(r, lang))
            .collect(),
        original_cached: conn.store.original(&id)?.is_some(),
        id,
    })
}

fn find(conn: &Connection, invoice: &str) -> Result<(String, crate::store::connected::MirrorRow)> {
    if let Some(row) = conn.store.mirror_row("invoice", invoice)? {
        return Ok((invoice.to_string(), row));
    }
    for row in conn.store.mirror_rows("invoice")? {
        let inv = read_invoice(&row.id, &row.data_json)?;
        if inv.number == invoice {
            return Ok((row.id.clone(), row));
        }
    }
    let why = conn.store.left_scope("invoice", invoice)?;
    Err(ApiError::new(
        ErrorCode::NotFound,
        match why {
            Some(w) => format!("invoice {invoice} is no longer yours ({w})"),
            None => format!(
                "no invoice {invoice} on this device: run `digilyft sync` while connected first"
            ),
        },
    ))
}

// ----- deciding offline ----------------------------------------------------------------------

/// A decision made in connected mode.
#[derive(Debug, Clone)]
pub struct DecideRequest {
    /// Invoice id or number.
    pub invoice: String,
    /// The step label; default: the open step assigned to the logged-in person.
    pub step: Option<String>,
    /// What is decided.
    pub decision: Decision,
    /// Comment.
    pub comment: Option<String>,
    /// Deciding as ersättare for this person.
    pub acting_for: Option<String>,
}

/// Decides a step offline: the decision envelope of approval.md §4.2 (route version, revision
/// and content hash as mirrored, the rule-set version seen) goes into the outbox in one
/// transaction and overlays the mirror until the server's outcome is known. The server alone
/// judges it at push time.
pub fn decide(
    conn: &mut Connection,
    ctx: &Context<'_>,
    req: &DecideRequest,
) -> Result<PendingView> {
    let me = conn
        .store
        .device()?
        .map(|d| d.person_id)
        .ok_or_else(|| ApiError::new(ErrorCode::Precondition, "not logged in to a server"))?;
    let (id, row) = find(conn, &req.invoice)?;
    let inv = read_invoice(&id, &row.data_json)?;
    let step = match &req.step {
        Some(label) => inv
            .steps
            .iter()
            .find(|s| &s.label == label)
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::NotFound,
                    format!("invoice {id} has no step {label}"),
                )
            })?,
        None => inv
            .steps
            .iter()
            .find(|s| s.state == "OPEN" && s.assignee.as_deref() == Some(me.as_str()))
            .or_else(|| inv.steps.iter().find(|s| s.state == "OPEN"))
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::Precondition,
                    format!("invoice {id} has no open step (state {})", inv.state),
                )
            })?,
    };
    let (all, through) = overlaying(conn)?;
    if let Some(prior) = step_overlay(&all, &through, &id, &step.label)
        && prior.state != OutboxState::Acked
    {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            format!(
                "you already decided {} on invoice {id} ({}); it waits to be sent",
                step.label, prior.mutation_id
            ),
        ));
    }
    let ruleset_version = inv.ruleset_version.ok_or_else(|| {
        ApiError::new(
            ErrorCode::Precondition,
            format!("invoice {id} is not routed under a rule set yet: nothing to decide"),
        )
    })?;
    let payload = wire_value(&StepDecisionV2 {
        invoice_id: id.clone(),
        step_id: step.label.clone(),
        decision: req.decision.as_str().to_string(),
        comment: req.comment.clone(),
        route_version: step.route_version,
        base_revision: inv.revision,
        content_hash: inv.content_hash.clone(),
        acting_for: req.acting_for.clone(),
        ruleset_version,
    })?;
    let m = engine::new_mutation(
        ctx.ids.decision_id(),
        "step_decision",
        2,
        &payload,
        ctx.now(),
        Some(id.clone()),
        Some(step.label.clone()),
    );
    let rec = conn.store.enqueue(&m, None)?;
    Ok(pending_view(&rec, Lang::Sv))
}

/// Replaces an invoice's kontering offline (a `set_kontering` mutation on the mirrored
/// revision); shown instead of the server's rows until the outcome is known.
pub fn set_kontering(
    conn: &mut Connection,
    ctx: &Context<'_>,
    invoice: &str,
    rows: &[CodingRow],
) -> Result<PendingView> {
    let (id, row) = find(conn, invoice)?;
    let inv = read_invoice(&id, &row.data_json)?;
    let field = |r: &CodingRow, f: CodingField| f.get(r);
    let rows: Vec<WireCodingRow> = rows
        .iter()
        .map(|r| WireCodingRow {
            belopp: field(r, CodingField::Belopp),
            konto: field(r, CodingField::Konto),
            ansvar: field(r, CodingField::Ansvar),
            verksamhet: field(r, CodingField::Verksamhet),
            aktivitet: field(r, CodingField::Aktivitet),
            projekt: field(r, CodingField::Projekt),
            objekt: field(r, CodingField::Objekt),
            motpart: field(r, CodingField::Motpart),
            momskod: field(r, CodingField::Momskod),
        })
        .collect();
    let payload = wire_value(&SetKonteringV1 {
        invoice_id: id.clone(),
        base_revision: inv.revision,
        rows,
    })?;
    let m = engine::new_mutation(
        ctx.ids.decision_id(),
        "set_kontering",
        1,
        &payload,
        ctx.now(),
        Some(id.clone()),
        None,
    );
    let rec = conn.store.enqueue(&m, None)?;
    Ok(pending_view(&rec, Lang::Sv))
}

// ----- sync ----------------------------------------------------------------------------------

/// How to run a sync.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// Another address of the same server for this run (default: the one logged in to).
    pub server: Option<String>,
    /// Long-poll wait of the first changes request, seconds (0: answer at once).
    pub wait_secs: u64,
    /// Attempts per request before the server counts as unreachable this cycle.
    pub attempts: u32,
    /// Send rows whose backoff time has not come (the user asked for this sync).
    pub ignore_backoff: bool,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            server: None,
            wait_secs: 0,
            attempts: 3,
            ignore_backoff: true,
        }
    }
}

/// One outcome received in a sync.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeView {
    /// The mutation.
    pub mutation_id: String,
    /// Its kind.
    pub kind: String,
    /// Its invoice.
    pub invoice_id: Option<String>,
    /// Its step.
    pub step: Option<String>,
    /// The outcome word.
    pub outcome: String,
    /// Answered from the server's idempotency record.
    pub replayed: bool,
    /// The server seq.
    pub server_seq: Option<i64>,
}

/// What one sync did.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncReport {
    /// Outcomes received.
    pub outcomes: Vec<OutcomeView>,
    /// Mutations the server cannot take (id, why).
    pub quarantined: Vec<(String, String)>,
    /// Rows pulled into the mirror.
    pub pulled: usize,
    /// Rows that left the scope.
    pub removed: usize,
    /// The mirror was rebuilt (restored server).
    pub rebuilt: bool,
    /// Acked mutations sent again after the rebuild.
    pub repushed: usize,
    /// The server could not be reached (why); everything stays queued.
    pub offline: Option<String>,
    /// Still waiting to be sent.
    pub pending: i64,
    /// The status after the sync.
    pub status: StatusView,
    /// The "Behöver åtgärd" list after the sync.
    pub attention: Vec<AttentionView>,
}

/// One sync cycle: push the outbox, pull changes, rebuild after a restored server. An
/// unreachable server is not an error: the report says so and the queue is kept.
pub fn sync_once(
    conn: &mut Connection,
    ctx: &Context<'_>,
    rng: &mut dyn Rng,
    sleeper: &dyn Sleeper,
    options: &SyncOptions,
    lang: Lang,
    tz: FixedOffset,
) -> Result<SyncReport> {
    let device = conn.store.device()?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::Precondition,
            "not logged in to a server: digilyft login",
        )
    })?;
    let base = options.server.clone().unwrap_or(device.server_url);
    let http =
        Http::new(&base, Duration::from_secs(options.wait_secs + 15)).for_device(&device.device_id);
    let cfg = SyncConfig {
        wait_secs: options.wait_secs,
        attempts_per_cycle: options.attempts.max(1),
        ignore_backoff: options.ignore_backoff,
        ..SyncConfig::default()
    };
    let env = Env {
        clock: ctx.clock,
        rng,
        sleeper,
    };
    let dir = conn.dir.clone();
    let report = Engine::new(&mut conn.store, &dir, &http, env, cfg)?.cycle()?;
    let outbox = conn.store.outbox()?;
    let outcomes = report
        .pushed
        .iter()
        .map(|p| {
            let rec = outbox.iter().find(|r| r.mutation_id == p.mutation_id);
            OutcomeView {
                mutation_id: p.mutation_id.clone(),
                kind: p.kind.clone(),
                invoice_id: rec.and_then(|r| r.invoice_id.clone()),
                step: rec.and_then(|r| r.step_id.clone()),
                outcome: p.outcome.clone(),
                replayed: p.replayed,
                server_seq: p.server_seq,
            }
        })
        .collect();
    Ok(SyncReport {
        outcomes,
        quarantined: report.quarantined,
        pulled: report.pulled_upserts,
        removed: report.pulled_removed,
        rebuilt: report.rebuilt,
        repushed: report.repushed,
        offline: report.offline,
        pending: conn.store.pending_count()?,
        status: status(conn, lang)?,
        attention: attention(conn, lang, tz)?,
    })
}

// ----- attention -----------------------------------------------------------------------------

/// One "Behöver åtgärd" item.
#[derive(Debug, Clone, PartialEq)]
pub struct AttentionView {
    /// The mutation it is about.
    pub mutation_id: String,
    /// Its kind.
    pub kind: String,
    /// Its invoice.
    pub invoice_id: Option<String>,
    /// Its step.
    pub step: Option<String>,
    /// The decision.
    pub decision: Option<String>,
    /// The outcome word (`QUARANTINED` for one the server could not take).
    pub outcome: String,
    /// The server's reason code.
    pub reason_code: Option<String>,
    /// What to do, as the server's stable action code (`review-winner`, `decide-again`,
    /// `confirm-online`, `see-reason`, `wait`, `report-bug`); `report-bug` for a quarantined one.
    pub action: Option<String>,
    /// The winner (SUPERSEDED).
    pub winner: Option<String>,
    /// The winner's server seq.
    pub winner_seq: Option<i64>,
    /// What happened, in words.
    pub message: String,
    /// What to do.
    pub advice: String,
    /// Made on this device (else on another device of the same person, learnt by pull).
    pub this_device: bool,
}

/// The open "Behöver åtgärd" items: this device's non-accepted outcomes and quarantined
/// mutations not yet acknowledged, and those of the person's other devices the server sent.
pub fn attention(conn: &Connection, lang: Lang, tz: FixedOffset) -> Result<Vec<AttentionView>> {
    let outbox = conn.store.outbox()?;
    let acked_here: std::collections::HashSet<String> = outbox
        .iter()
        .filter(|r| r.kind == "ack_attention")
        .filter_map(|r| {
            serde_json::from_str::<Value>(&r.payload_json)
                .ok()?
                .get("mutation_id")?
                .as_str()
                .map(str::to_string)
        })
        .collect();
    let mut out = Vec::new();
    for a in conn.store.attention()? {
        let r = &a.mutation;
        let detail: Option<Value> = r
            .detail_json
            .as_deref()
            .and_then(|d| serde_json::from_str(d).ok());
        out.push(view_item(
            conn,
            r.kind.as_str(),
            r,
            detail.as_ref(),
            lang,
            tz,
            true,
        )?);
    }
    let own: std::collections::HashSet<&str> =
        outbox.iter().map(|r| r.mutation_id.as_str()).collect();
    for row in conn.store.mirror_rows("mutation")? {
        if own.contains(row.id.as_str()) || acked_here.contains(&row.id) {
            continue;
        }
        let data: Value = serde_json::from_str(&row.data_json).unwrap_or(Value::Null);
        if data.get("attention").and_then(Value::as_bool) != Some(true) {
            continue;
        }
        let outcome = data
            .get("outcome")
            .and_then(Value::as_str)
            .unwrap_or("UNKNOWN");
        let kind = data.get("kind").and_then(Value::as_str).unwrap_or("");
        let detail = data.get("detail");
        let t = texts::attention(
            &texts::Facts {
                outcome: Some(outcome),
                kind,
                decision: None,
                detail,
                winner_at: None,
                winner_decision: None,
                error: None,
            },
            tz,
            lang,
        );
        out.push(AttentionView {
            mutation_id: row.id.clone(),
            kind: kind.to_string(),
            invoice_id: detail
                .and_then(|d| d.get("invoice_id"))
                .and_then(Value::as_str)
                .map(str::to_string),
            step: None,
            decision: None,
            outcome: outcome.to_string(),
            reason_code: detail
                .and_then(|d| d.get("reason_code"))
                .and_then(Value::as_str)
                .map(str::to_string),
            action: detail
                .and_then(|d| d.get("action"))
                .and_then(Value::as_str)
                .map(str::to_string),
            winner: detail
                .and_then(|d| d.get("winner_actor"))
                .and_then(Value::as_str)
                .map(str::to_string),
            winner_seq: detail
                .and_then(|d| d.get("winner_seq"))
                .and_then(Value::as_i64),
            message: t.message,
            advice: t.advice,
            this_device: false,
        });
    }
    Ok(out)
}

fn view_item(
    conn: &Connection,
    kind: &str,
    r: &OutboxRecord,
    detail: Option<&Value>,
    lang: Lang,
    tz: FixedOffset,
    this_device: bool,
) -> Result<AttentionView> {
    let payload: Value = serde_json::from_str(&r.payload_json).unwrap_or(Value::Null);
    let decision = payload.get("decision").and_then(Value::as_str);
    // When the winner took effect and what it was: the mirrored step, if the mirror has it.
    let step = match (&r.invoice_id, &r.step_id) {
        (Some(i), Some(s)) => conn
            .store
            .mirror_row("invoice", i)?
            .and_then(|row| serde_json::from_str::<InvoiceData>(&row.data_json).ok())
            .and_then(|inv| inv.steps.into_iter().find(|x| &x.label == s)),
        _ => None,
    };
    let winner_at = step.as_ref().and_then(|x| x.decided_at);
    let winner_decision = step.as_ref().and_then(|x| match x.state.as_str() {
        "DONE" => Some("ATTEST"),
        "REJECTED" => Some("REJECT"),
        _ => None,
    });
    let quarantined = r.state == OutboxState::Quarantined;
    let t = texts::attention(
        &texts::Facts {
            outcome: if quarantined {
                None
            } else {
                r.outcome.as_deref()
            },
            kind,
            decision,
            detail,
            winner_at,
            winner_decision,
            error: r.last_error.as_deref(),
        },
        tz,
        lang,
    );
    let text = |k: &str| {
        detail
            .and_then(|d| d.get(k))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    Ok(AttentionView {
        mutation_id: r.mutation_id.clone(),
        kind: r.kind.clone(),
        invoice_id: r.invoice_id.clone(),
        step: r.step_id.clone(),
        decision: decision.map(str::to_string),
        outcome: if quarantined {
            "QUARANTINED".to_string()
        } else {
            r.outcome.clone().unwrap_or_default()
        },
        reason_code: text("reason_code"),
        action: if quarantined {
            Some("report-bug".to_string())
        } else {
            text("action")
        },
        winner: text("winner_actor"),
        winner_seq: detail
            .and_then(|d| d.get("winner_seq"))
            .and_then(Value::as_i64),
        message: t.message,
        advice: t.advice,
        this_device,
    })
}

/// Acknowledges an attention item: an `ack_attention` mutation (audited on the server), and the
/// item leaves the list at once, in the same transaction.
pub fn acknowledge(
    conn: &mut Connection,
    ctx: &Context<'_>,
    mutation_id: &str,
) -> Result<PendingView> {
    let open = attention(conn, Lang::Sv, utc())?;
    let item = open
        .iter()
        .find(|a| a.mutation_id == mutation_id)
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("no open \"Behöver åtgärd\" item for mutation {mutation_id}"),
            )
        })?;
    let m = engine::new_mutation(
        ctx.ids.decision_id(),
        "ack_attention",
        1,
        &wire_value(&AckAttentionV1 {
            mutation_id: mutation_id.to_string(),
        })?,
        ctx.now(),
        item.invoice_id.clone(),
        None,
    );
    let local = if item.this_device {
        Some(mutation_id)
    } else {
        None
    };
    let rec = conn.store.enqueue(&m, local)?;
    Ok(pending_view(&rec, Lang::Sv))
}

// ----- originals -----------------------------------------------------------------------------

/// The original document of a mirrored invoice: from the cache, else fetched from the server
/// (`GET /v1/invoices/{id}/original`) and cached. Offline and not cached → an `io` error saying
/// so.
pub fn original(conn: &mut Connection, ctx: &Context<'_>, invoice: &str) -> Result<Vec<u8>> {
    let (id, row) = find(conn, invoice)?;
    if let Some(bytes) = conn.store.original(&id)? {
        return Ok(bytes);
    }
    let inv = read_invoice(&id, &row.data_json)?;
    let device = conn
        .store
        .device()?
        .ok_or_else(|| ApiError::new(ErrorCode::Precondition, "not logged in to a server"))?;
    let http = Http::new(&device.server_url, Duration::from_secs(60)).for_device(&device.device_id);
    let path = inv
        .original
        .clone()
        .unwrap_or_else(|| format!("/v1/invoices/{id}/original"));
    let reply = engine::fetch(&conn.dir, &http, &path).map_err(|e| match e {
        SyncError::Unreachable(why) => ApiError::new(
            ErrorCode::Io,
            format!("the original of invoice {id} is not on this device and the server cannot be reached ({why})"),
        ),
        other => ApiError::from(other),
    })?;
    if reply.status != 200 {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            format!("the original of invoice {id}: {}", reply.describe()),
        ));
    }
    use sha2::Digest as _;
    let sha = hex::encode(sha2::Sha256::digest(&reply.body));
    if let Some(expected) = &inv.document_sha256
        && !expected.is_empty()
        && expected != &sha
    {
        return Err(ApiError::new(
            ErrorCode::Corrupt,
            format!(
                "the original of invoice {id} does not match its SHA-256 ({expected}); not cached"
            ),
        ));
    }
    conn.store
        .cache_original(&id, &sha, &reply.body, ctx.now())?;
    Ok(reply.body)
}

#[cfg(test)]
mod tests;
