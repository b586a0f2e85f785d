//! The mirror of server state and the pull position: a pulled page and the cursor after it are
//! written in one transaction, so the cursor never runs ahead of the rows it covers.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::outbox::AckRecord;
use super::{SyncStore, ts};
use crate::store::error::Result;

fn apply_changes(
    tx: &rusqlite::Transaction<'_>,
    scope: &str,
    changes: &[MirrorChange],
) -> Result<PageApplied> {
    let mut applied = PageApplied::default();
    for c in changes {
        let local: Option<(i64, i64)> = tx
            .query_row(
                "SELECT version, seq FROM mirror WHERE entity = ?1 AND id = ?2",
                params![c.entity, c.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match c.op {
            ChangeOp::Upsert => {
                let version = c.version.unwrap_or(0);
                if local.is_some_and(|(v, _)| v >= version) {
                    applied.ignored += 1;
                    continue;
                }
                tx.execute(
                    "INSERT INTO mirror (entity, id, scope, version, seq, present, left_why, \
                     data_json) VALUES (?1, ?2, ?3, ?4, ?5, 1, NULL, ?6) \
                     ON CONFLICT (entity, id) DO UPDATE SET scope = ?3, version = ?4, \
                     seq = ?5, present = 1, left_why = NULL, data_json = ?6",
                    params![
                        c.entity,
                        c.id,
                        scope,
                        version,
                        c.seq,
                        c.data_json.as_deref().unwrap_or("{}")
                    ],
                )?;
                applied.upserted += 1;
            }
            ChangeOp::LeaveScope | ChangeOp::Delete => {
                let newer = local.is_some_and(|(v, s)| match c.version {
                    Some(cv) => v >= cv,
                    None => s > c.seq,
                });
                if newer {
                    applied.ignored += 1;
                    continue;
                }
                let why = c.reason.clone().unwrap_or_else(|| match c.op {
                    ChangeOp::Delete => "deleted".into(),
                    _ => "left-scope".into(),
                });
                let version = c.version.or(local.map(|(v, _)| v)).unwrap_or(0);
                tx.execute(
                    "INSERT INTO mirror (entity, id, scope, version, seq, present, left_why, \
                     data_json) VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, '{}') \
                     ON CONFLICT (entity, id) DO UPDATE SET version = ?4, seq = ?5, \
                     present = 0, left_why = ?6",
                    params![c.entity, c.id, scope, version, c.seq, why],
                )?;
                applied.removed += 1;
            }
        }
    }
    Ok(applied)
}

/// Outcomes pulled as `mutation` rows: this device's outbox row (if it is one of ours) takes
/// the server's outcome; an item the server says needs attention is listed, one it says was
/// acknowledged (on any device) leaves the list.
fn apply_acks(
    tx: &rusqlite::Transaction<'_>,
    acks: &[AckRecord],
    now: DateTime<Utc>,
) -> Result<()> {
    for a in acks {
        let n = tx.execute(
            "UPDATE outbox SET state = 'acked', outcome = ?2, server_seq = COALESCE(?3, server_seq), \
             detail_json = COALESCE(?4, detail_json), acked_at = COALESCE(acked_at, ?5), \
             replayed = COALESCE(replayed, 1), server_epoch = COALESCE(?6, server_epoch), \
             last_error = NULL, next_attempt_at = NULL \
             WHERE mutation_id = ?1 AND state != 'quarantined'",
            params![a.mutation_id, a.outcome, a.server_seq, a.detail_json, ts(now), a.epoch],
        )?;
        if n == 0 {
            continue;
        }
        if a.needs_attention {
            tx.execute(
                "INSERT OR IGNORE INTO attention (mutation_id, raised_at) VALUES (?1, ?2)",
                params![a.mutation_id, ts(now)],
            )?;
        } else {
            tx.execute(
                "UPDATE attention SET ack_mutation_id = mutation_id \
                 WHERE mutation_id = ?1 AND ack_mutation_id IS NULL",
                [&a.mutation_id],
            )?;
        }
    }
    Ok(())
}

fn set_cursor(
    tx: &rusqlite::Transaction<'_>,
    scope: &str,
    cursor: &str,
    through: i64,
    epoch: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO sync_state (scope, cursor, epoch, pulled_through_seq, last_pull_ok_at, \
         offline_since) VALUES (?1, ?2, ?3, ?4, ?5, NULL) \
         ON CONFLICT (scope) DO UPDATE SET cursor = ?2, epoch = COALESCE(?3, epoch), \
         pulled_through_seq = MAX(pulled_through_seq, ?4), last_pull_ok_at = ?5, \
         offline_since = NULL",
        params![scope, cursor, epoch, through, ts(now)],
    )?;
    Ok(())
}

/// What a change does to a mirrored row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeOp {
    /// The row is (now) this.
    Upsert,
    /// The row is no longer in the user's scope (re-routed, …): hide it, keep its version.
    LeaveScope,
    /// The entity was deleted on the server: hide it, keep its version.
    Delete,
}

/// One change of a pulled page, already checked by the engine.
#[derive(Debug, Clone)]
pub struct MirrorChange {
    /// The server's change sequence number.
    pub seq: i64,
    /// `invoice`, `ruleset`, `survey_round`, … (unknown entities are kept as they come).
    pub entity: String,
    /// The entity's id.
    pub id: String,
    /// The entity's version, when the change has one (`leave_scope` may not).
    pub version: Option<i64>,
    /// What it does.
    pub op: ChangeOp,
    /// The row's data (for an upsert), as JSON.
    pub data_json: Option<String>,
    /// Why it left the scope.
    pub reason: Option<String>,
}

/// What applying a page did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageApplied {
    /// Rows written (new or of a higher version).
    pub upserted: usize,
    /// Rows hidden (left the scope or deleted).
    pub removed: usize,
    /// Changes ignored because the local row was already as new (a redelivery).
    pub ignored: usize,
}

/// One mirrored row.
#[derive(Debug, Clone, PartialEq)]
pub struct MirrorRow {
    /// Entity kind.
    pub entity: String,
    /// Its id.
    pub id: String,
    /// The server version.
    pub version: i64,
    /// The change sequence number that wrote it.
    pub seq: i64,
    /// The server's data, as JSON.
    pub data_json: String,
}

impl SyncStore {
    /// Applies one pulled page of `scope` and stores `next_cursor` with it, in one transaction:
    /// an upsert replaces the local row only if its version is higher; a `leave_scope` or
    /// `delete` hides the row unless the local row is already newer; `acks` (outcomes pulled as
    /// `mutation` rows) update this device's outbox rows. `pulled_through` moves to the higher of
    /// the page's highest seq and `through` (never back).
    #[allow(clippy::too_many_arguments)]
    pub fn apply_page(
        &mut self,
        scope: &str,
        changes: &[MirrorChange],
        acks: &[AckRecord],
        next_cursor: &str,
        through: Option<i64>,
        epoch: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<PageApplied> {
        let tx = self.write()?;
        let applied = apply_changes(&tx, scope, changes)?;
        apply_acks(&tx, acks, now)?;
        let high = changes
            .iter()
            .map(|c| c.seq)
            .max()
            .unwrap_or(0)
            .max(through.unwrap_or(0));
        set_cursor(&tx, scope, next_cursor, high, epoch, now)?;
        tx.commit()?;
        Ok(applied)
    }

    /// Replaces the whole mirror with a snapshot and stores its cursor, in one transaction (the
    /// old rows stay visible until the new ones are complete). The outbox is not touched beyond
    /// `acks`.
    #[allow(clippy::too_many_arguments)]
    pub fn replace_mirror(
        &mut self,
        scope: &str,
        rows: &[MirrorChange],
        acks: &[AckRecord],
        cursor: &str,
        through: Option<i64>,
        epoch: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<PageApplied> {
        let tx = self.write()?;
        tx.execute("DELETE FROM mirror", [])?;
        tx.execute(
            "UPDATE sync_state SET pulled_through_seq = 0 WHERE scope = ?1",
            [scope],
        )?;
        let applied = apply_changes(&tx, scope, rows)?;
        apply_acks(&tx, acks, now)?;
        set_cursor(&tx, scope, cursor, through.unwrap_or(0), epoch, now)?;
        tx.commit()?;
        Ok(applied)
    }

    /// The server was restored (a 410 or a new epoch): forgets the pull position and raises the
    /// rebuild banner; the mirror stays readable until [`SyncStore::replace_mirror`] replaces it.
    /// The outbox — pending *and* acked — is not touched.
    pub fn start_rebuild(&mut self, now: DateTime<Utc>) -> Result<()> {
        let tx = self.write()?;
        tx.execute(
            "UPDATE sync_state SET cursor = NULL, rebuild_since = COALESCE(rebuild_since, ?1)",
            [ts(now)],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The rebuild is complete: the banner goes.
    pub fn finish_rebuild(&mut self) -> Result<()> {
        let tx = self.write()?;
        tx.execute("UPDATE sync_state SET rebuild_since = NULL", [])?;
        tx.commit()?;
        Ok(())
    }

    /// The mirrored rows of `entity` that are in scope, by id.
    pub fn mirror_rows(&self, entity: &str) -> Result<Vec<MirrorRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT entity, id, version, seq, data_json FROM mirror \
             WHERE entity = ?1 AND present = 1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([entity], |r| {
                Ok(MirrorRow {
                    entity: r.get(0)?,
                    id: r.get(1)?,
                    version: r.get(2)?,
                    seq: r.get(3)?,
                    data_json: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// One mirrored row in scope.
    pub fn mirror_row(&self, entity: &str, id: &str) -> Result<Option<MirrorRow>> {
        Ok(self
            .conn
            .query_row(
                "SELECT entity, id, version, seq, data_json FROM mirror \
                 WHERE entity = ?1 AND id = ?2 AND present = 1",
                params![entity, id],
                |r| {
                    Ok(MirrorRow {
                        entity: r.get(0)?,
                        id: r.get(1)?,
                        version: r.get(2)?,
                        seq: r.get(3)?,
                        data_json: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    /// Why a row is hidden (`rerouted`, `deleted`, …), when it left the scope.
    pub fn left_scope(&self, entity: &str, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT left_why FROM mirror WHERE entity = ?1 AND id = ?2 AND present = 0",
                params![entity, id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// A cached original document.
    pub fn original(&self, invoice_id: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT bytes FROM original WHERE invoice_id = ?1",
                [invoice_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Caches an original document (replacing an older copy).
    pub fn cache_original(
        &mut self,
        invoice_id: &str,
        sha256: &str,
        bytes: &[u8],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO original (invoice_id, sha256, bytes, fetched_at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (invoice_id) DO UPDATE SET sha256 = ?2, bytes = ?3, fetched_at = ?4",
            params![invoice_id, sha256, bytes, ts(now)],
        )?;
        tx.commit()?;
        Ok(())
    }
}
