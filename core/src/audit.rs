//! The append-only, hash-chained audit log (behandlingshistorik).
//!
//! Every state change of an invoice, every decision intent and every rule-set import or activation
//! is one [`AuditEvent`]. Each event carries the previous event's hash and its own hash over a
//! canonical, length-prefixed encoding of all its fields, so [`verify`] finds any edited, removed or
//! reordered event and names the first broken one. The store only appends (SQLite triggers refuse
//! updates and deletes); this module is pure.

use chrono::{DateTime, SecondsFormat, Utc};
use sha2::{Digest, Sha256};

/// `prev_hash` of the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An event about to be appended; the store assigns `seq`, `at` and the hashes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewEvent {
    /// What happened, e.g. `invoice.imported`, `decision`, `step.opened`, `ruleset.activated`.
    pub kind: String,
    /// The invoice concerned, if any.
    pub invoice_id: Option<i64>,
    /// Who acted (`system` for the engine itself).
    pub actor: String,
    /// For an ersättare: whom they stood in for.
    pub acting_for: Option<String>,
    /// Claimed device time of a decision.
    pub device_time: Option<DateTime<Utc>>,
    /// The rule-set version in force.
    pub ruleset_version: Option<i64>,
    /// Content hash of the invoice and kontering at the time.
    pub content_hash: Option<String>,
    /// Outcome of a decision (`ACCEPTED`, `STALE`, …) or the new state.
    pub outcome: Option<String>,
    /// Reason code and text.
    pub reason: Option<String>,
    /// Further detail as compact JSON.
    pub detail: String,
}

impl NewEvent {
    /// A plain event by `actor` of `kind` about `invoice`.
    pub fn new(kind: &str, invoice_id: Option<i64>, actor: &str) -> Self {
        NewEvent {
            kind: kind.into(),
            invoice_id,
            actor: actor.into(),
            detail: "{}".into(),
            ..Default::default()
        }
    }
}

/// One stored event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// Server sequence number, 1, 2, 3, … without gaps.
    pub seq: i64,
    /// Server time of the event.
    pub at: DateTime<Utc>,
    /// The event's content.
    pub event: NewEvent,
    /// Hash of the previous event ([`GENESIS`] for the first).
    pub prev_hash: String,
    /// SHA-256 over `prev_hash` and every field.
    pub hash: String,
}

/// Hash of an event with the given sequence number, time and previous hash.
pub fn hash_event(seq: i64, at: DateTime<Utc>, ev: &NewEvent, prev_hash: &str) -> String {
    let mut h = Sha256::new();
    let mut put = |s: &str| {
        h.update(s.len().to_string().as_bytes());
        h.update(b":");
        h.update(s.as_bytes());
        h.update(b"|");
    };
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "\u{0}".into());
    put(prev_hash);
    put(&seq.to_string());
    put(&at.to_rfc3339_opts(SecondsFormat::Micros, true));
    put(&ev.kind);
    put(&ev
        .invoice_id
        .map_or_else(|| "\u{0}".into(), |i| i.to_string()));
    put(&ev.actor);
    put(&opt(&ev.acting_for));
    put(&ev.device_time.map_or_else(
        || "\u{0}".into(),
        |t| t.to_rfc3339_opts(SecondsFormat::Micros, true),
    ));
    put(&ev
        .ruleset_version
        .map_or_else(|| "\u{0}".into(), |v| v.to_string()));
    put(&opt(&ev.content_hash));
    put(&opt(&ev.outcome));
    put(&opt(&ev.reason));
    put(&ev.detail);
    hex::encode(h.finalize())
}

/// Seals `ev` as event `seq` after an event hashed `prev_hash`.
pub fn seal(seq: i64, at: DateTime<Utc>, ev: NewEvent, prev_hash: &str) -> AuditEvent {
    let hash = hash_event(seq, at, &ev, prev_hash);
    AuditEvent {
        seq,
        at,
        event: ev,
        prev_hash: prev_hash.to_string(),
        hash,
    }
}

/// The first problem found in a chain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ChainBreak {
    /// An event's stored hash does not match its content: it was edited.
    #[error("event {seq}: content does not match its hash (edited)")]
    Edited {
        /// Sequence number of the event.
        seq: i64,
    },
    /// An event does not point at the hash of the event before it.
    #[error(
        "event {seq}: previous-hash link broken (an event before it was removed, edited or moved)"
    )]
    Unlinked {
        /// Sequence number of the event.
        seq: i64,
    },
    /// Sequence numbers are not 1, 2, 3, … in order.
    #[error(
        "event at position {position}: sequence number {seq}, expected {expected} (removed or reordered)"
    )]
    Sequence {
        /// 1-based position in the log.
        position: usize,
        /// The sequence number found.
        seq: i64,
        /// The one expected.
        expected: i64,
    },
}

impl ChainBreak {
    /// Sequence number of the first broken event.
    pub fn seq(&self) -> i64 {
        match self {
            ChainBreak::Edited { seq }
            | ChainBreak::Unlinked { seq }
            | ChainBreak::Sequence { seq, .. } => *seq,
        }
    }
}

/// Checks a whole log in storage order; returns the number of events when intact.
pub fn verify(events: &[AuditEvent]) -> Result<usize, ChainBreak> {
    let mut prev = GENESIS.to_string();
    for (i, e) in events.iter().enumerate() {
        let expected = i as i64 + 1;
        if e.prev_hash != prev {
            return Err(ChainBreak::Unlinked { seq: e.seq });
        }
        if hash_event(e.seq, e.at, &e.event, &e.prev_hash) != e.hash {
            return Err(ChainBreak::Edited { seq: e.seq });
        }
        if e.seq != expected {
            return Err(ChainBreak::Sequence {
                position: i + 1,
                seq: e.seq,
                expected,
            });
        }
        prev = e.hash.clone();
    }
    Ok(events.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn chain(n: i64) -> Vec<AuditEvent> {
        let mut out: Vec<AuditEvent> = Vec::new();
        for i in 1..=n {
            let prev = out.last().map_or(GENESIS.to_string(), |e| e.hash.clone());
            let at = Utc
                .timestamp_opt(1_700_000_000 + i, 0)
                .single()
                .expect("time");
            out.push(seal(i, at, NewEvent::new("test", Some(i), "u1"), &prev));
        }
        out
    }

    #[test]
    fn intact_chain_verifies() {
        assert_eq!(verify(&chain(5)), Ok(5));
        assert_eq!(verify(&[]), Ok(0));
    }

    #[test]
    fn edit_remove_and_reorder_are_found() {
        let mut edited = chain(5);
        edited[2].event.actor = "mallory".into();
        assert_eq!(verify(&edited), Err(ChainBreak::Edited { seq: 3 }));

        let mut removed = chain(5);
        removed.remove(1);
        assert_eq!(verify(&removed), Err(ChainBreak::Unlinked { seq: 3 }));

        let mut reordered = chain(5);
        reordered.swap(1, 2);
        assert_eq!(verify(&reordered).map_err(|b| b.seq()), Err(3));
    }
}
