//! The enrolled device, the pull/push status per scope, and the attention list.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::outbox::{OutboxRecord, OutboxRow, outbox_columns, record};
use super::{SyncStore, parse_ts, ts};
use crate::store::error::{Result, StoreError};

/// Who made the device id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enrolment {
    /// `POST /v1/devices` answered with it.
    Server,
    /// The server has no enrolment endpoint; the client drew a UUIDv4 and sends it.
    Client,
}

/// The enrolled device.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceRecord {
    /// Its id.
    pub device_id: String,
    /// The server it syncs with (base URL, no trailing slash).
    pub server_url: String,
    /// The account's login name.
    pub username: String,
    /// The account's person id (who decisions are by).
    pub person_id: String,
    /// Who made the id.
    pub enrolled_by: Enrolment,
    /// When.
    pub enrolled_at: DateTime<Utc>,
    /// The next `device_seq` to hand out.
    pub next_device_seq: i64,
}

/// Pull and push status of one scope.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SyncStateRecord {
    /// The scope.
    pub scope: String,
    /// The server's opaque cursor after the last applied page.
    pub cursor: Option<String>,
    /// The server's epoch last seen.
    pub epoch: Option<String>,
    /// The highest change seq applied.
    pub pulled_through_seq: i64,
    /// The last pull that reached the server.
    pub last_pull_ok_at: Option<DateTime<Utc>>,
    /// The last push that reached the server.
    pub last_push_ok_at: Option<DateTime<Utc>>,
    /// Since when the server has been unreachable.
    pub offline_since: Option<DateTime<Utc>>,
    /// Server time minus local time, in ms.
    pub server_time_offset_ms: Option<i64>,
    /// Since when the mirror is being rebuilt (the banner), if it is.
    pub rebuild_since: Option<DateTime<Utc>>,
}

/// One attention item: a non-accepted outcome (or a quarantined mutation) not yet acknowledged.
#[derive(Debug, Clone, PartialEq)]
pub struct AttentionRecord {
    /// The mutation it is about.
    pub mutation: OutboxRecord,
    /// When it was raised.
    pub raised_at: DateTime<Utc>,
}

impl SyncStore {
    /// The enrolled device, if any.
    pub fn device(&self) -> Result<Option<DeviceRecord>> {
        let row = self
            .conn
            .query_row(
                "SELECT device_id, server_url, username, person_id, enrolled_by, enrolled_at, \
                 next_device_seq FROM device WHERE id = 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, i64>(6)?,
                    ))
                },
            )
            .optional()?;
        row.map(
            |(device_id, server_url, username, person_id, by, at, next)| {
                Ok(DeviceRecord {
                    device_id,
                    server_url,
                    username,
                    person_id,
                    enrolled_by: if by == "server" {
                        Enrolment::Server
                    } else {
                        Enrolment::Client
                    },
                    enrolled_at: parse_ts(Some(at))?
                        .ok_or_else(|| StoreError::Corrupt("device time".into()))?,
                    next_device_seq: next,
                })
            },
        )
        .transpose()
    }

    /// Records the enrolled device. A device already enrolled keeps its id and counter: logging
    /// in again (same server, same account) only refreshes names; another server or account is
    /// refused while mutations are unsent, so nothing queued changes hands.
    pub fn enrol(&mut self, d: &DeviceRecord) -> Result<DeviceRecord> {
        let tx = self.write()?;
        let existing: Option<(String, String)> = tx
            .query_row(
                "SELECT server_url, username FROM device WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match existing {
            Some((url, user)) if url == d.server_url && user == d.username => {
                tx.execute(
                    "UPDATE device SET person_id = ?1 WHERE id = 1",
                    [&d.person_id],
                )?;
            }
            Some((url, user)) => {
                let unsent: i64 = tx.query_row(
                    "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'inflight')",
                    [],
                    |r| r.get(0),
                )?;
                if unsent > 0 {
                    return Err(StoreError::SyncPrecondition(format!(
                        "this device is enrolled with {url} as {user} and has {unsent} unsent \
                         decisions: sync them (or log in there again) before switching"
                    )));
                }
                tx.execute(
                    "UPDATE device SET device_id = ?1, server_url = ?2, username = ?3, \
                     person_id = ?4, enrolled_by = ?5, enrolled_at = ?6 WHERE id = 1",
                    params![
                        d.device_id,
                        d.server_url,
                        d.username,
                        d.person_id,
                        by(d.enrolled_by),
                        ts(d.enrolled_at)
                    ],
                )?;
                tx.execute("DELETE FROM mirror", [])?;
                tx.execute("DELETE FROM sync_state", [])?;
            }
            None => {
                tx.execute(
                    "INSERT INTO device (id, device_id, server_url, username, person_id, \
                     enrolled_by, enrolled_at, next_device_seq) \
                     VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, 1)",
                    params![
                        d.device_id,
                        d.server_url,
                        d.username,
                        d.person_id,
                        by(d.enrolled_by),
                        ts(d.enrolled_at)
                    ],
                )?;
            }
        }
        tx.commit()?;
        self.device()?
            .ok_or_else(|| StoreError::Corrupt("device row vanished".into()))
    }

    /// The status of `scope` (defaults when never pulled).
    pub fn sync_state(&self, scope: &str) -> Result<SyncStateRecord> {
        let row = self
            .conn
            .query_row(
                "SELECT scope, cursor, epoch, pulled_through_seq, last_pull_ok_at, \
                 last_push_ok_at, offline_since, server_time_offset_ms, rebuild_since \
                 FROM sync_state WHERE scope = ?1",
                [scope],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, i64>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, Option<String>>(6)?,
                        r.get::<_, Option<i64>>(7)?,
                        r.get::<_, Option<String>>(8)?,
                    ))
                },
            )
            .optional()?;
        let Some((scope, cursor, epoch, seq, pull, push, off, offset, rebuild)) = row else {
            return Ok(SyncStateRecord {
                scope: scope.to_string(),
                ..SyncStateRecord::default()
            });
        };
        Ok(SyncStateRecord {
            scope,
            cursor,
            epoch,
            pulled_through_seq: seq,
            last_pull_ok_at: parse_ts(pull)?,
            last_push_ok_at: parse_ts(push)?,
            offline_since: parse_ts(off)?,
            server_time_offset_ms: offset,
            rebuild_since: parse_ts(rebuild)?,
        })
    }

    fn ensure_state(tx: &rusqlite::Transaction<'_>, scope: &str) -> Result<()> {
        tx.execute(
            "INSERT OR IGNORE INTO sync_state (scope) VALUES (?1)",
            [scope],
        )?;
        Ok(())
    }

    /// The server answered a push at `now`: it is reachable.
    pub fn note_push_ok(&mut self, scope: &str, now: DateTime<Utc>) -> Result<()> {
        let tx = self.write()?;
        Self::ensure_state(&tx, scope)?;
        tx.execute(
            "UPDATE sync_state SET last_push_ok_at = ?2, offline_since = NULL WHERE scope = ?1",
            params![scope, ts(now)],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The server could not be reached at `now` (kept from the first failure on).
    pub fn note_offline(&mut self, scope: &str, now: DateTime<Utc>) -> Result<()> {
        let tx = self.write()?;
        Self::ensure_state(&tx, scope)?;
        tx.execute(
            "UPDATE sync_state SET offline_since = COALESCE(offline_since, ?2) WHERE scope = ?1",
            params![scope, ts(now)],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The server's time was seen: remember the offset (server − local, ms) and the epoch.
    pub fn note_server(&mut self, scope: &str, offset_ms: i64, epoch: Option<&str>) -> Result<()> {
        let tx = self.write()?;
        Self::ensure_state(&tx, scope)?;
        tx.execute(
            "UPDATE sync_state SET server_time_offset_ms = ?2, epoch = COALESCE(?3, epoch) \
             WHERE scope = ?1",
            params![scope, offset_ms, epoch],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The open attention items, oldest first.
    pub fn attention(&self) -> Result<Vec<AttentionRecord>> {
        let cols = outbox_columns()
            .split(", ")
            .map(|c| format!("o.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ");
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {cols}, a.raised_at FROM attention a JOIN outbox o USING (mutation_id) \
             WHERE a.ack_mutation_id IS NULL ORDER BY o.device_seq"
        ))?;
        let rows = stmt
            .query_map([], |r| Ok((record(r)?, r.get::<_, String>(20)?)))?
            .collect::<rusqlite::Result<Vec<(OutboxRow, String)>>>()?;
        rows.into_iter()
            .map(|(o, at)| {
                Ok(AttentionRecord {
                    mutation: o.into_record()?,
                    raised_at: parse_ts(Some(at))?
                        .ok_or_else(|| StoreError::Corrupt("attention time".into()))?,
                })
            })
            .collect()
    }
}

fn by(e: Enrolment) -> &'static str {
    match e {
        Enrolment::Server => "server",
        Enrolment::Client => "client",
    }
}
