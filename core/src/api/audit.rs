//! The audit log and what leaves the store: verify the log (chain, anchors, coverage), its head
//! as an anchor, the ledger export, and archive packages (export and re-check).

use std::path::{Path, PathBuf};

use super::error::{ApiError, ErrorCode, Result};
use super::{Context, Workspace, invoices};
use crate::archive::{self, ArchiveError};

pub use crate::archive::ArchiveCheck;
pub use crate::audit::{Anchor, AnchorBreak, AuditEvent};
pub use crate::store::{AnchorCheck, AuditReport, Uncovered};

/// An anchor to check the log against, with where it came from (shown in the report).
#[derive(Debug, Clone)]
pub enum AnchorSource {
    /// `SEQ:HASH` as printed by [`head`] (e.g. copied into the nämnd's minutes).
    Text(String),
    /// A ledger export (`fakturor.xlsx`) whose sheet Revisionsspår holds an anchor: its name and
    /// bytes.
    Ledger {
        /// Where it was read from.
        name: String,
        /// The workbook.
        bytes: Vec<u8>,
    },
}

/// Checks the chain, the sidecar anchor, every anchor given and that every invoice, routing,
/// decision and rule-set version still has the event that created it.
pub fn verify(ws: &Workspace, anchors: &[AnchorSource]) -> Result<AuditReport> {
    let mut extra = Vec::new();
    for a in anchors {
        extra.push(match a {
            AnchorSource::Text(t) => (
                "--anchor".to_string(),
                Anchor::parse_short(t)
                    .map_err(|e| ApiError::new(ErrorCode::Validation, format!("--anchor: {e}")))?,
            ),
            AnchorSource::Ledger { name, bytes } => {
                let anchor = crate::ledger::read_anchor(bytes).map_err(|e| {
                    ApiError::new(
                        ErrorCode::Validation,
                        format!("{name}: no audit anchor: {e}"),
                    )
                })?;
                (name.clone(), anchor)
            }
        });
    }
    Ok(ws.store.audit_report(&extra)?)
}

/// The administrator's explicit re-anchoring after a lost or disagreeing sidecar anchor has
/// been dealt with: an `audit.reanchored` event by the context's actor with `reason`, then the
/// log's head written as the new sidecar anchor. Refused (`corrupt`) while the store's pages or
/// hash chain are damaged — those need a backup — and (`validation`) without a reason.
pub fn reanchor(ws: &mut Workspace, ctx: &Context<'_>, reason: &str) -> Result<Anchor> {
    if reason.trim().is_empty() {
        return Err(ApiError::new(
            ErrorCode::Validation,
            "say why the log is re-anchored (--reason): it is recorded in the audit log",
        ));
    }
    let actor = ctx.actor.unwrap_or("admin");
    Ok(ws.store.reanchor(actor, reason.trim(), ctx.clock)?)
}

/// Why the store refuses writes (damaged pages, chain or anchor), if it does.
pub fn damage(ws: &Workspace) -> Option<String> {
    ws.store.damage().map(str::to_string)
}

/// An access event of the shared-services server, recorded in the audit log beside the
/// invoices' events (kinds `account.*` and `device.revoked`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AccessEvent {
    /// `username` logged in.
    Login {
        /// The account.
        username: String,
    },
    /// A login as `username` was refused after its password was checked.
    LoginFailed {
        /// The name given (it may not exist).
        username: String,
        /// Why (`bad-credentials`, `disabled`).
        reason: String,
    },
    /// An account was added.
    AccountAdded {
        /// The account.
        username: String,
        /// Its role.
        role: String,
    },
    /// An account's role was changed.
    RoleChanged {
        /// The account.
        username: String,
        /// The role before.
        from: String,
        /// The role after.
        to: String,
    },
    /// An account was disabled.
    AccountDisabled {
        /// The account.
        username: String,
    },
    /// A device was revoked.
    DeviceRevoked {
        /// The device.
        device_id: String,
        /// The account it belongs to.
        owner: String,
    },
}

/// The longest text of an access event's field that is stored (a failed login's name comes from
/// anyone).
const MAX_ACCESS_FIELD: usize = 128;

/// Records `event` in the audit log, by the context's actor (`anonymous` when it has none, as
/// for a failed login), at the context's time.
pub fn record_access(ws: &mut Workspace, ctx: &Context<'_>, event: &AccessEvent) -> Result<()> {
    use crate::audit::{AuditKind, NewEvent};
    let cut = |s: &str| s.chars().take(MAX_ACCESS_FIELD).collect::<String>();
    let (kind, detail) = match event {
        AccessEvent::Login { username } => (
            AuditKind::AccountLogin,
            serde_json::json!({ "username": cut(username) }),
        ),
        AccessEvent::LoginFailed { username, reason } => (
            AuditKind::AccountLoginFailed,
            serde_json::json!({ "username": cut(username), "reason": cut(reason) }),
        ),
        AccessEvent::AccountAdded { username, role } => (
            AuditKind::AccountAdded,
            serde_json::json!({ "username": cut(username), "role": cut(role) }),
        ),
        AccessEvent::RoleChanged { username, from, to } => (
            AuditKind::AccountRoleChanged,
            serde_json::json!({ "username": cut(username), "from": cut(from), "to": cut(to) }),
        ),
        AccessEvent::AccountDisabled { username } => (
            AuditKind::AccountDisabled,
            serde_json::json!({ "username": cut(username) }),
        ),
        AccessEvent::DeviceRevoked { device_id, owner } => (
            AuditKind::DeviceRevoked,
            serde_json::json!({ "device_id": cut(device_id), "owner": cut(owner) }),
        ),
    };
    let mut ev = NewEvent::new(kind, None, ctx.actor.unwrap_or("anonymous"));
    ev.detail = detail.to_string();
    Ok(ws.store.record_event(ev, ctx.now())?)
}

/// The whole log in sequence order.
pub fn events(ws: &Workspace) -> Result<Vec<AuditEvent>> {
    Ok(ws.store.audit_events()?)
}

/// The log's head as an anchor (None for an empty log).
pub fn head(ws: &Workspace) -> Result<Option<Anchor>> {
    Ok(ws.store.audit_head()?)
}

/// The ledger workbook as of today: every invoice with state, amounts, kontering and who attested
/// when, and the log's head in sheet Revisionsspår.
pub fn ledger(ws: &Workspace, ctx: &Context<'_>) -> Result<Vec<u8>> {
    let anchor = ws.store.audit_head()?;
    let entries = ws.store.ledger()?;
    crate::ledger::write_ledger(&entries, ctx.today(), anchor.as_ref()).map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            format!("writing the ledger workbook: {e}"),
        )
    })
}

/// A ledger export and what had to be cut to fit Excel.
#[derive(Debug, Clone)]
pub struct LedgerExport {
    /// The workbook.
    pub bytes: Vec<u8>,
    /// Texts longer than an Excel cell holds (32,767 characters), written cut with a marker:
    /// one line each naming the invoice and the column. Front ends show them as a warning.
    pub cut: Vec<String>,
}

/// [`ledger`] with the list of texts it cut: one long text never stops the export.
pub fn ledger_export(ws: &Workspace, ctx: &Context<'_>) -> Result<LedgerExport> {
    let cut = crate::ledger::cut_texts(&ws.store.ledger()?);
    Ok(LedgerExport {
        bytes: ledger(ws, ctx)?,
        cut,
    })
}

/// Which invoices to archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// These, by id or unique invoice number.
    Some(Vec<String>),
    /// Every invoice in the store.
    All,
}

/// Writes one archive package per selected invoice under `out` (a new folder each; an existing
/// one is never overwritten) and returns the folders written.
pub fn export_archive(
    ws: &Workspace,
    ctx: &Context<'_>,
    which: &Selection,
    out: &Path,
) -> Result<Vec<PathBuf>> {
    let ids: Vec<i64> = match which {
        Selection::All => ws.store.list_invoices()?.iter().map(|s| s.id).collect(),
        Selection::Some(keys) if keys.is_empty() => {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "name the invoices to archive, or give --all",
            ));
        }
        Selection::Some(keys) => keys
            .iter()
            .map(|k| invoices::find(ws, k))
            .collect::<Result<_>>()?,
    };
    ids.into_iter()
        .map(|id| {
            archive::export(&ws.store, id, out, ctx.now()).map_err(|e| {
                let e = archive_error(e);
                ApiError {
                    message: format!("archiving invoice {id}: {}", e.message),
                    ..e
                }
            })
        })
        .collect()
}

/// Re-checks the package in `dir` against its manifest and every event against its hash.
pub fn verify_archive(dir: &Path) -> Result<ArchiveCheck> {
    archive::verify(dir).map_err(|e| {
        let e = archive_error(e);
        ApiError {
            message: format!(
                "reading the archive package {}: {}",
                dir.display(),
                e.message
            ),
            ..e
        }
    })
}

fn archive_error(e: ArchiveError) -> ApiError {
    match e {
        ArchiveError::Store(s) => s.into(),
        ArchiveError::Io { path, source } => ApiError::io(path, &source),
        ArchiveError::Save(s) => s.into(),
        ArchiveError::Bad { .. } => ApiError::new(ErrorCode::Corrupt, e.to_string()),
    }
}
