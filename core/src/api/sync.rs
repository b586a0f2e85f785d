//! Offline sync, server side (sync.md §2.3–2.5; the wire in `docs/sync-protocol.md`): what the
//! server's `/v1/sync/*` handlers call.
//!
//! * [`push`]: a device's batch, in device-seq order, one write transaction per mutation
//!   (`Store::sync_apply`), idempotent by mutation id forever; decisions judged by the same
//!   engine path as `approval::decide` under the rule set in force and the current state.
//! * [`changes`]: the caller's change rows after a cursor, or [`Pull::Gone`] (410) for a cursor
//!   of another epoch, older than retention or ahead of the head.
//! * [`snapshot`]: everything in the caller's scope and the cursor to pull from, in one read.
//! * [`mutation`], [`watermark`]: a lost response's outcome; the device's contiguous high water.
//! * [`epoch`], [`bump_epoch`]: the epoch clients compare; bump it after a restore.
//!
//! The scope of a pull comes from the authenticated [`Caller`] (person and role), never from a
//! request field. One idempotency key for decisions: a `step_decision`'s mutation id is its
//! decision id, so a decision sent both here and through `idempotency::decide` (the server's
//! `POST /v1/decisions`) is applied once, and the second door answers with the first outcome.

use super::error::{ApiError, ErrorCode, Fault, Result};
use super::{Context, Workspace};
use crate::sync::audience;
use crate::sync::parse::{self, Item};
use crate::sync::wire::{
    ChangesResponse, Cursor, DEFAULT_CHANGES, Detail, MAX_BATCH, MAX_CHANGES, PushRequest,
    PushResponse, ResultItem, SnapshotResponse, SyncOutcome, WatermarkResponse,
};

pub use crate::store::LoggedMutation;
pub use crate::sync::audience::ALL_INVOICE_ROLES;
pub use crate::sync::wire;

/// Who is syncing: the authenticated account's person and role (`attestant`, `clerk`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The person every mutation acts as and whose scope is pulled.
    pub person: String,
    /// The account's role name.
    pub role: String,
}

impl Caller {
    /// The audience keys the caller pulls.
    pub fn keys(&self) -> Vec<String> {
        audience::caller_keys(&self.person, &self.role)
    }

    fn is_admin(&self) -> bool {
        self.role == "admin"
    }
}

/// What a pull came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Pull {
    /// The rows.
    Changes(ChangesResponse),
    /// The cursor cannot be served (HTTP 410): rebuild the mirror from a snapshot.
    Gone {
        /// `epoch-changed` or `cursor-expired`.
        code: &'static str,
        /// What happened.
        message: String,
        /// The current epoch.
        epoch: String,
    },
}

fn device(id: &str) -> Result<String> {
    uuid::Uuid::parse_str(id)
        .map(|u| u.hyphenated().to_string())
        .map_err(|_| {
            ApiError::new(ErrorCode::Validation, "device_id: not a UUID").with_faults(vec![Fault {
                field: Some("device_id".into()),
                message: format!("{id:?} is not a UUID"),
                ..Fault::default()
            }])
        })
}

/// Which mutation kinds the caller's role may send (the server's role table); a kind it may
/// not is recorded as REJECTED_RULE (`role-not-permitted`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rights {
    /// `step_decision`.
    pub decide: bool,
    /// `set_kontering`.
    pub kontering: bool,
}

impl Rights {
    /// Every kind (the desktop's own store, tests).
    pub const ALL: Rights = Rights {
        decide: true,
        kontering: true,
    };
}

/// Applies a device's batch as the context's actor (module docs). `device_id` is the device
/// the request was authenticated for; the body must name the same one. A database failure
/// stops the batch with an error: every item before it is recorded, so the retry is answered
/// `replayed` for those.
pub fn push(
    ws: &mut Workspace,
    ctx: &Context<'_>,
    device_id: &str,
    batch: &PushRequest,
    rights: Rights,
) -> Result<PushResponse> {
    push_observed(ws, ctx, device_id, batch, rights, &mut |_| {})
}

/// A point in a push that [`push_observed`] reports (the server's test-only failpoints,
/// sync.md §3.1, stop the process there). Only items that write report: a replay or a
/// `KEY_REUSED` commits nothing and reports nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushPoint {
    /// Item `index` (0-based, in device-seq order) is written but its transaction is not yet
    /// committed: stopping here leaves no trace of it.
    BeforeCommit {
        /// The item's position in device-seq order.
        index: usize,
    },
    /// Item `index`'s transaction has committed: its outcome is stored.
    AfterCommit {
        /// The item's position in device-seq order.
        index: usize,
    },
}

/// [`push`], calling `at` at each [`PushPoint`]. Core only reports the points; what happens
/// there is the caller's (no environment is read here).
pub fn push_observed(
    ws: &mut Workspace,
    ctx: &Context<'_>,
    device_id: &str,
    batch: &PushRequest,
    rights: Rights,
    at: &mut dyn FnMut(PushPoint),
) -> Result<PushResponse> {
    let actor = ctx.actor()?;
    let device_id = device(device_id)?;
    if device(&batch.device_id)? != device_id {
        return Err(ApiError::new(
            ErrorCode::Validation,
            "device_id: the body names another device than the request",
        ));
    }
    if batch.mutations.len() > MAX_BATCH {
        return Err(ApiError::new(
            ErrorCode::Validation,
            format!(
                "a batch holds at most {MAX_BATCH} mutations, this one {}: split it",
                batch.mutations.len()
            ),
        ));
    }
    let mut items: Vec<Item> = batch.mutations.iter().map(parse::item).collect();
    items.sort_by_key(Item::order);
    let mut results = Vec::with_capacity(items.len());
    for (index, it) in items.iter().enumerate() {
        let mut wrote = false;
        let mut before_commit = || {
            wrote = true;
            at(PushPoint::BeforeCommit { index });
        };
        results.push(match it {
            Item::Unusable {
                mutation_id,
                device_seq,
                reason,
            } => ResultItem {
                mutation_id: mutation_id.clone(),
                device_seq: *device_seq,
                outcome: SyncOutcome::RejectedMalformed,
                replayed: false,
                server_seq: None,
                received_at: None,
                detail: Detail {
                    reason_code: "missing-id".into(),
                    reason: format!("{reason}: not stored; quarantine it with a `void` mutation"),
                    action: wire::action(SyncOutcome::RejectedMalformed).to_string(),
                    ..Detail::default()
                },
            },
            Item::Received(r) => {
                let permitted = match &r.command {
                    Ok(parse::Command::Decide(_)) => rights.decide,
                    Ok(parse::Command::SetKontering { .. }) => rights.kontering,
                    _ => true,
                };
                if permitted {
                    ws.store
                        .sync_apply(&device_id, &actor, r, ctx.clock, &mut before_commit)?
                } else {
                    let refused = parse::Received {
                        command: Ok(parse::Command::NotPermitted {
                            kind: r.kind.clone(),
                        }),
                        ..(**r).clone()
                    };
                    ws.store.sync_apply(
                        &device_id,
                        &actor,
                        &refused,
                        ctx.clock,
                        &mut before_commit,
                    )?
                }
            }
        });
        if wrote {
            at(PushPoint::AfterCommit { index });
        }
    }
    Ok(PushResponse {
        epoch: ws.store.sync_epoch()?,
        device_high_water: ws.store.sync_high_water(&device_id, Some(&actor))?,
        results,
    })
}

/// The caller's change rows after cursor `since`, at most `limit` (1–[`MAX_CHANGES`]; 0 means
/// [`DEFAULT_CHANGES`]). Long-polling is the front end's: call again after the next commit.
pub fn changes(
    ws: &Workspace,
    ctx: &Context<'_>,
    caller: &Caller,
    since: &str,
    limit: usize,
) -> Result<Pull> {
    let cursor = Cursor::parse(since).ok_or_else(|| {
        ApiError::new(
            ErrorCode::Validation,
            format!("since: {since:?} is not a cursor \"<epoch>:<seq>\""),
        )
    })?;
    let limit = match limit {
        0 => DEFAULT_CHANGES,
        n => n.min(MAX_CHANGES),
    };
    let mut pulled = ws.store.sync_changes(&caller.keys(), cursor.seq, limit)?;
    let gone = |code, message: String| Pull::Gone {
        code,
        message,
        epoch: pulled.epoch.clone(),
    };
    if cursor.epoch != pulled.epoch {
        return Ok(gone(
            "epoch-changed",
            format!(
                "the cursor is of epoch {}, the server's is {}: rebuild from the snapshot and re-push what the watermark lacks",
                cursor.epoch, pulled.epoch
            ),
        ));
    }
    if cursor.seq < pulled.pruned_through || cursor.seq > pulled.head {
        return Ok(gone(
            "cursor-expired",
            format!(
                "the cursor's seq {} is outside what the server keeps ({}..={}): rebuild from the snapshot",
                cursor.seq, pulled.pruned_through, pulled.head
            ),
        ));
    }
    let has_more = pulled.rows.len() > limit;
    pulled.rows.truncate(limit);
    let next = match (has_more, pulled.rows.last()) {
        (true, Some(last)) => last.seq,
        _ => pulled.head,
    };
    Ok(Pull::Changes(ChangesResponse {
        next_cursor: Cursor {
            epoch: pulled.epoch,
            seq: next,
        }
        .to_string(),
        changes: pulled.rows,
        has_more,
        server_time: ctx.now(),
    }))
}

/// Everything in the caller's scope and `cursor_at_start`, read in one read transaction.
pub fn snapshot(ws: &Workspace, ctx: &Context<'_>, caller: &Caller) -> Result<SnapshotResponse> {
    let s = ws.store.sync_snapshot(&caller.keys())?;
    Ok(SnapshotResponse {
        cursor_at_start: Cursor {
            epoch: s.epoch.clone(),
            seq: s.head,
        }
        .to_string(),
        epoch: s.epoch,
        server_time: ctx.now(),
        rows: s.rows,
    })
}

/// The recorded result of mutation `id`: `not-found` if never received, or if the caller is
/// neither its author nor an admin.
pub fn mutation(ws: &Workspace, caller: &Caller, id: &str) -> Result<ResultItem> {
    let missing = || ApiError::not_found(format!("no mutation {id} was received"));
    let id = uuid::Uuid::parse_str(id)
        .map_err(|_| missing())?
        .hyphenated()
        .to_string();
    match ws.store.sync_mutation(&id)? {
        Some((author, r)) if author == caller.person || caller.is_admin() => Ok(r),
        _ => Err(missing()),
    }
}

/// The device's highest contiguous device seq stored, counting the caller's own mutations
/// (an admin's: everyone's).
pub fn watermark(ws: &Workspace, caller: &Caller, device_id: &str) -> Result<WatermarkResponse> {
    let device_id = device(device_id)?;
    let author = (!caller.is_admin()).then_some(caller.person.as_str());
    Ok(WatermarkResponse {
        device_high_water: ws.store.sync_high_water(&device_id, author)?,
        epoch: ws.store.sync_epoch()?,
        device_id,
    })
}

/// The longest offline window of a decision in days (older ones are EXPIRED).
pub fn max_offline_days(ws: &Workspace) -> i64 {
    ws.store.policy().max_offline_days
}

/// The store's sync epoch.
pub fn epoch(ws: &Workspace) -> Result<String> {
    Ok(ws.store.sync_epoch()?)
}

/// Mints a new epoch (after restoring a backup or promoting an asynchronous replica, before
/// serving again) from the context's id generator, and returns it.
pub fn bump_epoch(ws: &mut Workspace, ctx: &Context<'_>) -> Result<String> {
    use sha2::{Digest, Sha256};
    let fresh = hex::encode(&Sha256::digest(ctx.ids.decision_id().as_bytes())[..8]);
    ws.store.bump_epoch(&fresh)?;
    Ok(fresh)
}

/// Retention: removes change rows created more than `days` days before the context's time
/// (sync.md §2.4: at least the longest offline window, default 90 days). Cursors older than
/// what is left get [`Pull::Gone`]. Returns how many rows were removed.
pub fn prune_changes(ws: &mut Workspace, ctx: &Context<'_>, days: u32) -> Result<usize> {
    let before = ctx.now() - chrono::Duration::days(i64::from(days));
    Ok(ws.store.prune_changes(before)?)
}

/// Invoice `id`'s current `data` as the change log carries it (what a converged mirror holds).
pub fn invoice_data(ws: &Workspace, id: i64) -> Result<wire::InvoiceData> {
    Ok(ws.store.sync_invoice_data(id)?)
}

/// The highest change-log seq committed (what a long-poll waits to grow).
pub fn head(ws: &Workspace) -> Result<i64> {
    Ok(ws.store.sync_head()?)
}

/// Every recorded mutation in server-seq order (audits and the determinism oracle).
pub fn mutation_log(ws: &Workspace) -> Result<Vec<LoggedMutation>> {
    Ok(ws.store.sync_mutation_log()?)
}
