//! One sync cycle: server time and epoch, push the outbox, pull changes, and after a restored
//! server (410 or a new epoch) rebuild the mirror and re-push what the watermark lacks.
//!
//! Invariants:
//! * the outbox is never dropped: a failed send puts rows back to pending with a backoff time; a
//!   row the server cannot take is quarantined (with an audited `void`) and the rest go on;
//! * one push in flight; batches in `device_seq` order, at most `max_batch` items;
//! * a page's rows and the cursor after it are stored in one transaction; a page that cannot be
//!   read (truncated, malformed) stores nothing;
//! * every retry loop is bounded per cycle (`attempts_per_cycle`), waits through the injected
//!   [`Sleeper`] and draws jitter from the injected [`Rng`].

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::backoff::{Backoff, Rng, Sleeper};
use super::error::{Result, SyncError};
use super::http::{Http, Reply, TransportError};
use super::session::{self, Session};
use super::wire;
use crate::clock::Clock;
use crate::store::connected::{
    AckRecord, ChangeOp, MirrorChange, NewMutation, OutboxRecord, OutboxState, SyncStore,
};
use crate::sync::wire as shared;

/// Outcome words that are shown to the author until acknowledged.
pub fn needs_attention(outcome: &str) -> bool {
    !matches!(outcome, "ACCEPTED" | "PENDING_PRECONDITION")
}

/// The outcome words of protocol 1; anything else is reported as a bug.
pub const KNOWN_OUTCOMES: &[&str] = &[
    "ACCEPTED",
    "SUPERSEDED",
    "STALE",
    "EXPIRED",
    "REJECTED_RULE",
    "PENDING_PRECONDITION",
    "REJECTED_MALFORMED",
    "KEY_REUSED",
];

/// How a cycle behaves.
#[derive(Debug, Clone)]
pub struct SyncConfig {
    /// The pull scope's local name (the server derives the real scope from the token).
    pub scope: String,
    /// Largest push batch (the server's `sync_max_batch` lowers it).
    pub max_batch: usize,
    /// Changes per page asked for.
    pub page_limit: usize,
    /// Pages pulled per cycle at most.
    pub max_pages: usize,
    /// Long-poll wait of the first changes request, seconds (0: answer at once).
    pub wait_secs: u64,
    /// Attempts per request per cycle before the server counts as unreachable.
    pub attempts_per_cycle: u32,
    /// Retry timing.
    pub backoff: Backoff,
    /// Warn when |server time − local time| exceeds this.
    pub skew_warning: chrono::Duration,
    /// Send rows whose backoff time has not come yet (a sync the user asked for).
    pub ignore_backoff: bool,
}

impl Default for SyncConfig {
    fn default() -> Self {
        SyncConfig {
            scope: "mine".into(),
            max_batch: 100,
            page_limit: 500,
            max_pages: 50,
            wait_secs: 0,
            attempts_per_cycle: 4,
            backoff: Backoff::default(),
            skew_warning: chrono::Duration::minutes(5),
            ignore_backoff: true,
        }
    }
}

/// What the cycle injects: time, chance and waiting.
pub struct Env<'a> {
    /// Local time (claimed times, backoff deadlines, skew).
    pub clock: &'a dyn Clock,
    /// Jitter.
    pub rng: &'a mut dyn Rng,
    /// Waiting between retries.
    pub sleeper: &'a dyn Sleeper,
}

impl std::fmt::Debug for Env<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Env")
            .field("now", &self.clock.now())
            .finish()
    }
}

/// One item's answer as the cycle saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct PushedItem {
    /// The mutation.
    pub mutation_id: String,
    /// Its device_seq.
    pub device_seq: i64,
    /// Its kind.
    pub kind: String,
    /// The outcome word.
    pub outcome: String,
    /// Answered from the server's idempotency record.
    pub replayed: bool,
    /// The outcome's server seq.
    pub server_seq: Option<i64>,
}

/// What a cycle did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CycleReport {
    /// Outcomes received this cycle (pushes and lookups after lost answers).
    pub pushed: Vec<PushedItem>,
    /// Mutations taken out of the queue because the server cannot take them (id, why).
    pub quarantined: Vec<(String, String)>,
    /// Rows written into the mirror.
    pub pulled_upserts: usize,
    /// Rows that left the scope.
    pub pulled_removed: usize,
    /// Redelivered changes ignored (already as new).
    pub pulled_ignored: usize,
    /// Pages applied.
    pub pages: usize,
    /// The mirror was rebuilt (410 or a new epoch).
    pub rebuilt: bool,
    /// Acked mutations queued again after the rebuild (above the server's watermark).
    pub repushed: usize,
    /// The server could not be reached (why); the queue is kept for the next cycle.
    pub offline: Option<String>,
    /// Server time minus local time, ms, when seen this cycle.
    pub skew_ms: Option<i64>,
    /// Whether the skew exceeds the warning threshold.
    pub skew_warning: bool,
    /// Retries waited this cycle, with their length.
    pub waits: Vec<Duration>,
}

/// What came of one request after the cycle's retries.
enum Answer<T> {
    /// The server answered (maybe with a 4xx the caller handles).
    Got(T),
    /// No usable answer within the cycle's attempts.
    Offline(String),
}

/// Told each failed attempt: the store, why, and when the next attempt is due.
type OnRetry<'a> = dyn FnMut(&mut SyncStore, &str, DateTime<Utc>) -> Result<()> + 'a;

/// A judged reply: accept it, or retry it as if the network had failed.
enum Judged<T> {
    Take(T),
    Retry(String),
}

/// Runs sync steps against one server for the logged-in session of one data directory.
pub struct Engine<'a> {
    store: &'a mut SyncStore,
    dir: &'a Path,
    http: &'a Http,
    env: Env<'a>,
    cfg: SyncConfig,
    session: Session,
    refreshed: bool,
    device_id: String,
    epoch: Option<String>,
}

impl std::fmt::Debug for Engine<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("server", &self.http.base())
            .field("device", &self.device_id)
            .finish()
    }
}

impl<'a> Engine<'a> {
    /// An engine for the session and device of `dir`. Not logged in, or no device → `NeedLogin`.
    pub fn new(
        store: &'a mut SyncStore,
        dir: &'a Path,
        http: &'a Http,
        env: Env<'a>,
        cfg: SyncConfig,
    ) -> Result<Engine<'a>> {
        let session = session::load(dir)?
            .ok_or_else(|| SyncError::NeedLogin("not logged in to a server".into()))?;
        let device = store
            .device()?
            .ok_or_else(|| SyncError::NeedLogin("this data directory has no device".into()))?;
        let epoch = store.sync_state(&cfg.scope)?.epoch;
        Ok(Engine {
            store,
            dir,
            http,
            env,
            cfg,
            session,
            refreshed: false,
            device_id: device.device_id,
            epoch,
        })
    }

    fn now(&self) -> DateTime<Utc> {
        self.env.clock.now()
    }

    /// One full cycle: meta, push, pull; a rebuild with re-push when the server was restored.
    pub fn cycle(&mut self) -> Result<CycleReport> {
        let mut report = CycleReport::default();
        let mut rebuild = false;
        match self.meta(&mut report)? {
            Answer::Offline(why) => return self.offline(report, why),
            Answer::Got(epoch) => {
                if let (Some(new), Some(old)) = (&epoch, &self.epoch)
                    && new != old
                {
                    rebuild = true;
                }
            }
        }
        if rebuild && let Some(why) = self.rebuild(&mut report)? {
            return self.offline(report, why);
        }
        if let Some(why) = self.push(&mut report)? {
            return self.offline(report, why);
        }
        match self.pull(&mut report)? {
            PullEnd::Done => {}
            PullEnd::Offline(why) => return self.offline(report, why),
            PullEnd::Gone => {
                if let Some(why) = self.rebuild(&mut report)? {
                    return self.offline(report, why);
                }
                if let Some(why) = self.push(&mut report)? {
                    return self.offline(report, why);
                }
                if let PullEnd::Offline(why) = self.pull(&mut report)? {
                    return self.offline(report, why);
                }
            }
        }
        Ok(report)
    }

    fn offline(&mut self, mut report: CycleReport, why: String) -> Result<CycleReport> {
        let now = self.now();
        self.store.note_offline(&self.cfg.scope, now)?;
        report.offline = Some(why);
        Ok(report)
    }

    // ----- requests ---------------------------------------------------------------------

    /// One request with the bearer token; a 401 refreshes the token once and repeats.
    fn call(
        &mut self,
        path: &str,
        body: Option<&[u8]>,
    ) -> Result<std::result::Result<Reply, TransportError>> {
        let send = |http: &Http, token: &str| match body {
            Some(b) => http.post(path, Some(token), b),
            None => http.get(path, Some(token)),
        };
        let first = send(self.http, &self.session.access_token);
        let reply = match first {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        if reply.status != 401 {
            return Ok(Ok(reply));
        }
        if self.refreshed {
            return Err(SyncError::NeedLogin(reply.describe()));
        }
        self.refreshed = true;
        self.refresh()?;
        let again = send(self.http, &self.session.access_token);
        match again {
            Ok(r) if r.status == 401 => Err(SyncError::NeedLogin(r.describe())),
            other => Ok(other),
        }
    }

    fn refresh(&mut self) -> Result<()> {
        let body = serde_json::to_vec(&wire::RefreshBody {
            refresh_token: &self.session.refresh_token,
        })
        .map_err(|e| SyncError::Protocol(e.to_string()))?;
        let reply = self
            .http
            .post("/v1/auth/refresh", None, &body)
            .map_err(|e| SyncError::NeedLogin(format!("the token could not be refreshed: {e}")))?;
        if reply.status != 200 {
            return Err(SyncError::NeedLogin(format!(
                "the session has ended ({})",
                reply.describe()
            )));
        }
        let s: wire::SessionReply = serde_json::from_slice(&reply.body)
            .map_err(|e| SyncError::Protocol(format!("refresh answer: {e}")))?;
        self.session = Session {
            access_token: s.access_token,
            access_expires_at: s.expires_at,
            refresh_token: s.refresh_token,
            refresh_expires_at: s.refresh_expires_at,
            ..self.session.clone()
        };
        session::save(self.dir, &self.session)?;
        Ok(())
    }

    /// A GET retried within the cycle ([`Self::with_retry`]): a 200 is read by `read` (an
    /// unreadable one is retried: a truncated body), any other answer is handed back as it is.
    fn get<T>(
        &mut self,
        path: &str,
        read: &mut dyn FnMut(&Reply) -> std::result::Result<T, String>,
    ) -> Result<Answer<std::result::Result<T, Reply>>> {
        self.with_retry(
            path,
            None,
            &mut |r: Reply| match r.status {
                200 => match read(&r) {
                    Ok(t) => Judged::Take(Ok(t)),
                    Err(why) => Judged::Retry(why),
                },
                _ => Judged::Take(Err(r)),
            },
            &mut |_, _, _| Ok(()),
            &mut |_| Ok(()),
        )
    }

    /// A request retried within the cycle: transport errors, 408/429/5xx and replies `judge`
    /// cannot read are retried after a backoff wait; `on_retry` is told each failure and when the
    /// next attempt is due (the push records it on the outbox rows).
    fn with_retry<T>(
        &mut self,
        path: &str,
        body: Option<&[u8]>,
        judge: &mut dyn FnMut(Reply) -> Judged<T>,
        on_retry: &mut OnRetry<'_>,
        before_send: &mut dyn FnMut(&mut SyncStore) -> Result<()>,
    ) -> Result<Answer<T>> {
        let attempts = self.cfg.attempts_per_cycle.max(1);
        let mut last = String::new();
        for attempt in 0..attempts {
            before_send(self.store)?;
            let (why, retry_after) = match self.call(path, body)? {
                Err(e) => (e.to_string(), None),
                Ok(r) if matches!(r.status, 408 | 429 | 500 | 502 | 503 | 504) => {
                    (r.describe(), r.retry_after)
                }
                Ok(r) => match judge(r) {
                    Judged::Take(t) => return Ok(Answer::Got(t)),
                    Judged::Retry(why) => (why, None),
                },
            };
            let delay = self.cfg.backoff.delay(attempt, self.env.rng, retry_after);
            let due = self.now() + chrono::Duration::from_std(delay).unwrap_or_default();
            on_retry(self.store, &why, due)?;
            last = why;
            if attempt + 1 < attempts {
                self.env.sleeper.sleep(delay);
            }
        }
        Ok(Answer::Offline(last))
    }

    // ----- meta -------------------------------------------------------------------------

    /// `GET /v1/meta`: the server's time (skew) and epoch; lowers the batch size to the server's.
    fn meta(&mut self, report: &mut CycleReport) -> Result<Answer<Option<String>>> {
        let local = self.now();
        let answer = self.get("/v1/meta", &mut |r| {
            serde_json::from_slice::<wire::MetaReply>(&r.body)
                .map(|m| (m, r.date))
                .map_err(|e| format!("/v1/meta: unreadable answer: {e}"))
        })?;
        let meta = match answer {
            Answer::Offline(why) => return Ok(Answer::Offline(why)),
            Answer::Got(m) => m.ok(),
        };
        let Some((meta, date)) = meta else {
            return Ok(Answer::Got(None));
        };
        if !meta.sync_protocols.is_empty() && !meta.sync_protocols.contains(&1) {
            return Err(SyncError::UnsupportedProtocol(format!(
                "it offers {:?}",
                meta.sync_protocols
            )));
        }
        if let Some(limits) = &meta.limits {
            if let Some(n) = limits.sync_max_batch {
                self.cfg.max_batch = self.cfg.max_batch.min(n.max(1));
            }
            if let Some(n) = limits.sync_max_changes {
                self.cfg.page_limit = self.cfg.page_limit.min(n.max(1));
            }
            if let Some(n) = limits.sync_max_wait_secs {
                self.cfg.wait_secs = self.cfg.wait_secs.min(n);
            }
        }
        if let Some(server) = meta.server_time.or(date) {
            let offset = (server - local).num_milliseconds();
            report.skew_ms = Some(offset);
            report.skew_warning = offset.abs() > self.cfg.skew_warning.num_milliseconds();
            let scope = self.cfg.scope.clone();
            self.store.note_server(&scope, offset, None)?;
        }
        Ok(Answer::Got(meta.epoch))
    }

    // ----- push -------------------------------------------------------------------------

    /// Pushes the outbox in batches. `Some(why)` when the server stopped answering.
    fn push(&mut self, report: &mut CycleReport) -> Result<Option<String>> {
        let mut size = self.cfg.max_batch.max(1);
        // Bounded: every round acks, quarantines or halves; the cap is a guard against a bug.
        for _ in 0..10_000 {
            let due_at = if self.cfg.ignore_backoff {
                // Far enough, and still a four-digit year (stored times compare as text).
                DateTime::parse_from_rfc3339("9999-12-31T23:59:59Z")
                    .map(|t| t.with_timezone(&Utc))
                    .unwrap_or_else(|_| self.now())
            } else {
                self.now()
            };
            let batch = self.store.due(due_at, size)?;
            if batch.is_empty() {
                return Ok(None);
            }
            // A row in flight was sent before without an answer: ask for its outcome first.
            let lost: Vec<&OutboxRecord> = batch
                .iter()
                .filter(|r| r.state == OutboxState::Inflight)
                .collect();
            if !lost.is_empty() {
                let mut found = 0;
                for rec in lost {
                    match self.lookup(rec, report)? {
                        Answer::Got(hit) => found += usize::from(hit),
                        Answer::Offline(why) => return Ok(Some(why)),
                    }
                }
                if found > 0 {
                    continue;
                }
            }
            match self.push_batch(&batch, report)? {
                BatchEnd::Done => size = self.cfg.max_batch.max(1),
                BatchEnd::Offline(why) => return Ok(Some(why)),
                BatchEnd::Split => {
                    if batch.len() > 1 {
                        size = (batch.len() / 2).max(1);
                    } else if let Some(rec) = batch.first() {
                        self.quarantine(
                            rec,
                            "the server refused the item on its own (400/413)",
                            report,
                        )?;
                    }
                }
                BatchEnd::Gone => {
                    // The server was restored under us: rebuild, then go on pushing.
                    if let Some(why) = self.rebuild(report)? {
                        return Ok(Some(why));
                    }
                }
            }
        }
        Err(SyncError::Protocol(
            "the push did not come to an end within 10000 rounds".into(),
        ))
    }

    fn push_batch(&mut self, batch: &[OutboxRecord], report: &mut CycleReport) -> Result<BatchEnd> {
        let ids: Vec<String> = batch.iter().map(|r| r.mutation_id.clone()).collect();
        let mut items = Vec::with_capacity(batch.len());
        for r in batch {
            let payload: Value = serde_json::from_str(&r.payload_json).map_err(|e| {
                SyncError::Protocol(format!("stored payload of {}: {e}", r.mutation_id))
            })?;
            let envelope = shared::MutationEnvelope {
                mutation_id: r.mutation_id.clone(),
                device_seq: r.device_seq,
                kind: r.kind.clone(),
                schema_v: u32::try_from(r.schema_v).unwrap_or(0),
                payload,
                payload_sha256: r.payload_sha256.clone(),
                created_at_device: r
                    .created_at_device
                    .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                signature: None,
            };
            items.push(
                serde_json::to_value(&envelope).map_err(|e| SyncError::Protocol(e.to_string()))?,
            );
        }
        let body = serde_json::to_vec(&shared::PushRequest {
            device_id: self.device_id.clone(),
            batch_id: Some(uuid::Uuid::now_v7().to_string()),
            mutations: items,
        })
        .map_err(|e| SyncError::Protocol(e.to_string()))?;
        let answer = self.with_retry(
            "/v1/sync/mutations",
            Some(&body),
            &mut |r: Reply| match r.status {
                200 => match serde_json::from_slice::<wire::PushReply>(&r.body) {
                    Ok(p) => Judged::Take(Ok(p)),
                    Err(e) => Judged::Retry(format!("push answer unreadable: {e}")),
                },
                _ => Judged::Take(Err(r)),
            },
            // No answer: the server may have it; the row stays in flight and is looked up first.
            &mut |store, why, due| Ok(store.record_failure(&ids, why, due, true)?),
            // Every send is counted, retries included.
            &mut |store| Ok(store.mark_inflight(&ids)?),
        )?;
        let reply = match answer {
            Answer::Offline(why) => return Ok(BatchEnd::Offline(why)),
            Answer::Got(Err(r)) => {
                // Not in flight any more: the batch was not taken.
                let now = self.now();
                self.store.record_failure(&ids, &r.describe(), now, false)?;
                return match r.status {
                    400 if r.problem_code().as_deref() == Some("unsupported-protocol") => {
                        Err(SyncError::UnsupportedProtocol(r.describe()))
                    }
                    // 400/413: this batch cannot be taken as it is (split it; one item alone is
                    // quarantined). 422 is about the batch itself (the device id): stop, keep all.
                    400 | 413 => Ok(BatchEnd::Split),
                    410 => Ok(BatchEnd::Gone),
                    403 if r.problem_code().as_deref() == Some("device-revoked") => {
                        Err(SyncError::Refused(format!(
                            "an administrator revoked this device ({}); your queued decisions are \
                             kept on it — ask for it to be enrolled again",
                            r.describe()
                        )))
                    }
                    _ => Err(SyncError::Refused(r.describe())),
                };
            }
            Answer::Got(Ok(p)) => p,
        };
        let now = self.now();
        let scope = self.cfg.scope.clone();
        self.store.note_push_ok(&scope, now)?;
        if let Some(e) = &reply.epoch
            && self.epoch.as_ref().is_some_and(|old| old != e)
        {
            // A restored server answered: what it lacks is re-pushed by the rebuild.
            self.store
                .record_failure(&ids, "the server's epoch changed", now, false)?;
            return Ok(BatchEnd::Gone);
        }
        let mut acks = Vec::new();
        let mut answered = std::collections::HashSet::new();
        for item in reply.results {
            let Some(rec) = batch.iter().find(|r| {
                item.mutation_id.as_deref() == Some(r.mutation_id.as_str())
                    || (item.mutation_id.is_none() && item.device_seq == Some(r.device_seq))
            }) else {
                continue;
            };
            answered.insert(rec.mutation_id.clone());
            if item.outcome == "REJECTED_MALFORMED" && item.server_seq.is_none() {
                let why = detail_reason(item.detail.as_ref())
                    .unwrap_or_else(|| "the server could not store it".into());
                self.quarantine(rec, &why, report)?;
                continue;
            }
            report.pushed.push(PushedItem {
                mutation_id: rec.mutation_id.clone(),
                device_seq: rec.device_seq,
                kind: rec.kind.clone(),
                outcome: item.outcome.clone(),
                replayed: item.replayed,
                server_seq: item.server_seq,
            });
            acks.push(ack(&rec.mutation_id, &item, reply.epoch.as_deref()));
        }
        self.store.record_results(&acks, now)?;
        let missing: Vec<String> = ids
            .iter()
            .filter(|id| !answered.contains(*id))
            .cloned()
            .collect();
        if !missing.is_empty() {
            self.store
                .record_failure(&missing, "the server gave no result for it", now, false)?;
        }
        Ok(BatchEnd::Done)
    }

    /// `GET /v1/sync/mutations/{id}` for a row sent without an answer. `true` when the server
    /// has it (the outcome is recorded), `false` when it never arrived (send it again).
    fn lookup(&mut self, rec: &OutboxRecord, report: &mut CycleReport) -> Result<Answer<bool>> {
        let path = format!("/v1/sync/mutations/{}", rec.mutation_id);
        let answer = self.get(&path, &mut |r| {
            serde_json::from_slice::<wire::ResultItem>(&r.body)
                .map_err(|e| format!("lookup answer unreadable: {e}"))
        })?;
        let item = match answer {
            Answer::Offline(why) => return Ok(Answer::Offline(why)),
            Answer::Got(Err(_)) => return Ok(Answer::Got(false)),
            Answer::Got(Ok(item)) => item,
        };
        report.pushed.push(PushedItem {
            mutation_id: rec.mutation_id.clone(),
            device_seq: rec.device_seq,
            kind: rec.kind.clone(),
            outcome: item.outcome.clone(),
            replayed: item.replayed,
            server_seq: item.server_seq,
        });
        let now = self.now();
        let epoch = self.epoch.clone();
        self.store
            .record_results(&[ack(&rec.mutation_id, &item, epoch.as_deref())], now)?;
        Ok(Answer::Got(true))
    }

    fn quarantine(
        &mut self,
        rec: &OutboxRecord,
        why: &str,
        report: &mut CycleReport,
    ) -> Result<()> {
        let now = self.now();
        // A void for a void would never end: a refused void is only quarantined.
        let void = if rec.kind == "void" {
            None
        } else {
            let payload = serde_json::to_value(shared::VoidV1 {
                device_seq: rec.device_seq,
                reason: why.to_string(),
            })
            .map_err(|e| SyncError::Protocol(e.to_string()))?;
            Some(new_mutation(
                uuid::Uuid::now_v7().to_string(),
                "void",
                1,
                &payload,
                now,
                None,
                None,
            ))
        };
        self.store
            .quarantine(&rec.mutation_id, why, now, void.as_ref())?;
        report
            .quarantined
            .push((rec.mutation_id.clone(), why.to_string()));
        Ok(())
    }

    // ----- pull -------------------------------------------------------------------------

    fn pull(&mut self, report: &mut CycleReport) -> Result<PullEnd> {
        let scope = self.cfg.scope.clone();
        for page in 0..self.cfg.max_pages.max(1) {
            let Some(cursor) = self.store.sync_state(&scope)?.cursor else {
                match self.snapshot(report)? {
                    None => continue,
                    Some(why) => return Ok(PullEnd::Offline(why)),
                }
            };
            let wait = if page == 0 { self.cfg.wait_secs } else { 0 };
            let epoch = self.epoch.clone();
            let path = format!(
                "/v1/sync/changes?since={}&limit={}&wait={wait}",
                encode(&cursor),
                self.cfg.page_limit
            );
            let answer = self.get(&path, &mut |r| read_page(&r.body, epoch.as_deref()))?;
            let (changes, acks, next, more) = match answer {
                Answer::Offline(why) => return Ok(PullEnd::Offline(why)),
                Answer::Got(Err(r)) if r.status == 410 => return Ok(PullEnd::Gone),
                Answer::Got(Err(r)) => return Err(SyncError::Refused(r.describe())),
                Answer::Got(Ok(p)) => p,
            };
            let now = self.now();
            let through = wire::cursor_seq(&next);
            let applied = self
                .store
                .apply_page(&scope, &changes, &acks, &next, through, None, now)?;
            report.pages += 1;
            report.pulled_upserts += applied.upserted;
            report.pulled_removed += applied.removed;
            report.pulled_ignored += applied.ignored;
            if !more {
                return Ok(PullEnd::Done);
            }
        }
        Ok(PullEnd::Done)
    }

    /// `GET /v1/sync/snapshot`: replaces the mirror with the scope as it is now, and the cursor to
    /// pull from, in one transaction. `Some(why)` when the server could not be reached.
    fn snapshot(&mut self, report: &mut CycleReport) -> Result<Option<String>> {
        let answer = self.get("/v1/sync/snapshot", &mut |r| {
            serde_json::from_slice::<shared::SnapshotResponse>(&r.body)
                .map_err(|e| format!("snapshot unreadable: {e}"))
        })?;
        let snap = match answer {
            Answer::Offline(why) => return Ok(Some(why)),
            Answer::Got(Err(r)) => return Err(SyncError::Refused(r.describe())),
            Answer::Got(Ok(s)) => s,
        };
        let seq = wire::cursor_seq(&snap.cursor_at_start).unwrap_or(0);
        let mut rows = Vec::with_capacity(snap.rows.len());
        let mut acks = Vec::new();
        for r in snap.rows {
            if r.entity == "mutation" {
                acks.extend(mutation_ack(&r.id, &r.data, Some(&snap.epoch)));
            }
            rows.push(MirrorChange {
                seq,
                entity: r.entity,
                id: r.id,
                version: Some(r.version),
                op: ChangeOp::Upsert,
                data_json: Some(r.data.to_string()),
                reason: None,
            });
        }
        let now = self.now();
        let scope = self.cfg.scope.clone();
        let applied = self.store.replace_mirror(
            &scope,
            &rows,
            &acks,
            &snap.cursor_at_start,
            Some(seq),
            Some(snap.epoch.as_str()),
            now,
        )?;
        self.epoch = Some(snap.epoch.clone());
        report.pages += 1;
        report.pulled_upserts += applied.upserted;
        Ok(None)
    }

    /// After a 410 or a new epoch (sync.md §2.9): queue again every acked mutation above the
    /// server's watermark (same ids), then replace the mirror from a snapshot. The outbox loses
    /// nothing. `Some(why)` when the server could not be reached (the banner stays up).
    fn rebuild(&mut self, report: &mut CycleReport) -> Result<Option<String>> {
        let now = self.now();
        self.store.start_rebuild(now)?;
        report.rebuilt = true;
        let path = format!("/v1/sync/devices/{}/watermark", self.device_id);
        let answer = self.get(&path, &mut |r| {
            serde_json::from_slice::<shared::WatermarkResponse>(&r.body)
                .map_err(|e| format!("watermark unreadable: {e}"))
        })?;
        let mark = match answer {
            Answer::Offline(why) => return Ok(Some(why)),
            Answer::Got(Err(r)) => return Err(SyncError::Refused(r.describe())),
            Answer::Got(Ok(w)) => w,
        };
        report.repushed += self.store.requeue_acked_above(mark.device_high_water)?;
        self.epoch = Some(mark.epoch);
        if let Some(why) = self.snapshot(report)? {
            return Ok(Some(why));
        }
        self.store.finish_rebuild()?;
        Ok(None)
    }
}

enum BatchEnd {
    Done,
    Offline(String),
    /// 400/413: send fewer at once; a single item is quarantined.
    Split,
    /// 410: the server was restored.
    Gone,
}

enum PullEnd {
    Done,
    Offline(String),
    Gone,
}

type Page = (Vec<MirrorChange>, Vec<AckRecord>, String, bool);

/// Reads a changes page, all or nothing: one change this client cannot read refuses the whole
/// page, so the cursor cannot pass it.
fn read_page(body: &[u8], epoch: Option<&str>) -> std::result::Result<Page, String> {
    // An op this build does not know fails the parse, so the whole page is refused.
    let page: shared::ChangesResponse =
        serde_json::from_slice(body).map_err(|e| format!("changes page unreadable: {e}"))?;
    let mut changes = Vec::with_capacity(page.changes.len());
    let mut acks = Vec::new();
    for c in page.changes {
        let op = match c.op {
            shared::ChangeOp::Upsert => ChangeOp::Upsert,
            shared::ChangeOp::LeaveScope => ChangeOp::LeaveScope,
            shared::ChangeOp::Delete => ChangeOp::Delete,
        };
        if op == ChangeOp::Upsert && c.data.as_ref().is_none_or(Value::is_null) {
            return Err(format!("upsert {} carries no data", c.seq));
        }
        if c.entity == "mutation"
            && let Some(d) = &c.data
        {
            acks.extend(mutation_ack(&c.id, d, epoch));
        }
        changes.push(MirrorChange {
            seq: c.seq,
            entity: c.entity,
            id: c.id,
            version: Some(c.version),
            op,
            data_json: c.data.map(|d| d.to_string()),
            reason: c.reason,
        });
    }
    Ok((changes, acks, page.next_cursor, page.has_more))
}

/// A pulled `mutation` row (protocol §6.3) as an outcome for the outbox (a parked decision's
/// final outcome, or an answer whose response was lost).
fn mutation_ack(id: &str, data: &Value, epoch: Option<&str>) -> Option<AckRecord> {
    let outcome = data.get("outcome")?.as_str()?.to_string();
    let attention = data
        .get("attention")
        .and_then(Value::as_bool)
        .unwrap_or_else(|| needs_attention(&outcome));
    Some(AckRecord {
        epoch: epoch.map(str::to_string),
        mutation_id: id.to_string(),
        needs_attention: attention,
        replayed: true,
        server_seq: data.get("server_seq").and_then(Value::as_i64),
        detail_json: data
            .get("detail")
            .filter(|d| !d.is_null())
            .map(Value::to_string),
        outcome,
    })
}

fn ack(mutation_id: &str, item: &wire::ResultItem, epoch: Option<&str>) -> AckRecord {
    AckRecord {
        epoch: epoch.map(str::to_string),
        mutation_id: mutation_id.to_string(),
        outcome: item.outcome.clone(),
        needs_attention: needs_attention(&item.outcome),
        replayed: item.replayed,
        server_seq: item.server_seq,
        detail_json: item.detail.as_ref().map(Value::to_string),
    }
}

fn detail_reason(detail: Option<&Value>) -> Option<String> {
    let d = detail?;
    let code = d.get("reason_code").and_then(Value::as_str);
    let reason = d.get("reason").and_then(Value::as_str);
    match (code, reason) {
        (Some(c), Some(r)) => Some(format!("{c}: {r}")),
        (Some(c), None) => Some(c.to_string()),
        (None, Some(r)) => Some(r.to_string()),
        (None, None) => None,
    }
}

/// Percent-encodes a query value (cursors are `[0-9a-f:]` today, but are opaque).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b':') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A mutation ready for the outbox: canonical payload and its hash.
pub fn new_mutation(
    mutation_id: String,
    kind: &str,
    schema_v: i64,
    payload: &Value,
    now: DateTime<Utc>,
    invoice_id: Option<String>,
    step_id: Option<String>,
) -> NewMutation {
    NewMutation {
        mutation_id,
        kind: kind.to_string(),
        schema_v,
        payload_sha256: shared::payload_sha256(payload),
        payload_json: shared::canonical_json(payload),
        created_at_device: now,
        invoice_id,
        step_id,
    }
}

/// Logs in: `POST /v1/auth/login`, stores the session (0600), and enrols the device unless this
/// data directory already has one for this server and account — with `POST /v1/devices` when the
/// server has it, else with a client-drawn UUIDv4 (`device_id` from `ids`), which the server
/// learns on the first push.
#[allow(clippy::too_many_arguments)]
pub fn login(
    store: &mut SyncStore,
    dir: &Path,
    http: &Http,
    username: &str,
    password: &str,
    device_name: &str,
    now: DateTime<Utc>,
    new_device_id: &dyn Fn() -> String,
) -> Result<(Session, crate::store::connected::DeviceRecord)> {
    let body = serde_json::to_vec(&wire::LoginBody { username, password })
        .map_err(|e| SyncError::Protocol(e.to_string()))?;
    let reply = http
        .post("/v1/auth/login", None, &body)
        .map_err(|e| SyncError::Unreachable(e.to_string()))?;
    if reply.status != 200 {
        return Err(SyncError::Refused(reply.describe()));
    }
    let s: wire::SessionReply = serde_json::from_slice(&reply.body)
        .map_err(|e| SyncError::Protocol(format!("login answer: {e}")))?;
    let session = Session {
        server_url: http.base().to_string(),
        username: s.username,
        person_id: s.person_id,
        role: s.role,
        access_token: s.access_token,
        access_expires_at: s.expires_at,
        refresh_token: s.refresh_token,
        refresh_expires_at: s.refresh_expires_at,
    };
    let known = store
        .device()?
        .filter(|d| d.server_url == session.server_url && d.username == session.username);
    let device = match known {
        Some(d) => crate::store::connected::DeviceRecord {
            person_id: session.person_id.clone(),
            ..d
        },
        None => {
            let body = serde_json::to_vec(&wire::EnrolBody { name: device_name })
                .map_err(|e| SyncError::Protocol(e.to_string()))?;
            let reply = http
                .post("/v1/devices", Some(&session.access_token), &body)
                .map_err(|e| SyncError::Unreachable(e.to_string()))?;
            let (device_id, by) = match reply.status {
                200 | 201 => {
                    let e: wire::EnrolReply = serde_json::from_slice(&reply.body)
                        .map_err(|e| SyncError::Protocol(format!("enrolment answer: {e}")))?;
                    (e.device_id, crate::store::connected::Enrolment::Server)
                }
                404 | 405 => (new_device_id(), crate::store::connected::Enrolment::Client),
                _ => return Err(SyncError::Refused(reply.describe())),
            };
            crate::store::connected::DeviceRecord {
                device_id,
                server_url: session.server_url.clone(),
                username: session.username.clone(),
                person_id: session.person_id.clone(),
                enrolled_by: by,
                enrolled_at: now,
                next_device_seq: 1,
            }
        }
    };
    let device = store.enrol(&device)?;
    session::save(dir, &session)?;
    Ok((session, device))
}

/// Fetches `GET path` once with the session's token (refreshing once on 401): for originals.
pub fn fetch(dir: &Path, http: &Http, path: &str) -> Result<Reply> {
    let mut session = session::load(dir)?
        .ok_or_else(|| SyncError::NeedLogin("not logged in to a server".into()))?;
    let reply = http
        .get(path, Some(&session.access_token))
        .map_err(|e| SyncError::Unreachable(e.to_string()))?;
    if reply.status != 401 {
        return Ok(reply);
    }
    let body = serde_json::to_vec(&wire::RefreshBody {
        refresh_token: &session.refresh_token,
    })
    .map_err(|e| SyncError::Protocol(e.to_string()))?;
    let r = http
        .post("/v1/auth/refresh", None, &body)
        .map_err(|e| SyncError::Unreachable(e.to_string()))?;
    if r.status != 200 {
        return Err(SyncError::NeedLogin(r.describe()));
    }
    let s: wire::SessionReply = serde_json::from_slice(&r.body)
        .map_err(|e| SyncError::Protocol(format!("refresh answer: {e}")))?;
    session.access_token = s.access_token;
    session.access_expires_at = s.expires_at;
    session.refresh_token = s.refresh_token;
    session.refresh_expires_at = s.refresh_expires_at;
    session::save(dir, &session)?;
    http.get(path, Some(&session.access_token))
        .map_err(|e| SyncError::Unreachable(e.to_string()))
}
