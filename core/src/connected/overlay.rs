//! The rules of the local view: the mirror ⊕ the pending overlay (sync.md §2.2, §2.7).
//!
//! A mutation overlays the mirror while the server has not recorded it, and — once ACCEPTED —
//! until a pull has brought the mirror to at least the outcome's `server_seq`: so nothing flickers
//! back to the old state between the ack and the pull, and nothing silently reverts. A
//! non-accepted outcome replaces the overlay at once by its badge; the next pull brings the
//! winning state. A parked decision (PENDING_PRECONDITION) keeps its overlay: it is not effective
//! yet and may still become so.

use crate::store::connected::{OutboxRecord, OutboxState};

/// The sync badge of one mutation (§2.7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Badge {
    /// Saved on this device, not yet sent (or sent and failed; it will be sent again).
    SavedOnDevice,
    /// Sent, no answer yet.
    Sending,
    /// Recorded on the server as effective.
    Recorded {
        /// The server seq of the outcome.
        server_seq: Option<i64>,
    },
    /// Parked until an earlier step is attested.
    Waiting,
    /// Not applied: the server's outcome word (SUPERSEDED, STALE, …).
    NotApplied {
        /// The outcome word.
        outcome: String,
    },
    /// The server could not take it; it is not sent again.
    Quarantined,
}

impl Badge {
    /// A stable kebab-case key for front ends.
    pub fn key(&self) -> &'static str {
        match self {
            Badge::SavedOnDevice => "saved-on-device",
            Badge::Sending => "sending",
            Badge::Recorded { .. } => "recorded",
            Badge::Waiting => "waiting",
            Badge::NotApplied { .. } => "not-applied",
            Badge::Quarantined => "quarantined",
        }
    }
}

/// The badge of `rec`.
pub fn badge(rec: &OutboxRecord) -> Badge {
    match rec.state {
        OutboxState::Pending => Badge::SavedOnDevice,
        OutboxState::Inflight => Badge::Sending,
        OutboxState::Quarantined => Badge::Quarantined,
        OutboxState::Acked => match rec.outcome.as_deref() {
            Some("ACCEPTED") => Badge::Recorded {
                server_seq: rec.server_seq,
            },
            Some("PENDING_PRECONDITION") => Badge::Waiting,
            other => Badge::NotApplied {
                outcome: other.unwrap_or("UNKNOWN").to_string(),
            },
        },
    }
}

/// Whether `rec` still overlays the mirror, given that pulls have applied every change up to
/// `pulled_through` of the server's `epoch`. An outcome recorded in another epoch (before a
/// restore) is covered by the rebuilt mirror if it survived, and queued again if it did not.
pub fn overlays(rec: &OutboxRecord, pulled_through: i64, epoch: Option<&str>) -> bool {
    let same_epoch = match (rec.server_epoch.as_deref(), epoch) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    };
    match rec.state {
        OutboxState::Pending | OutboxState::Inflight => true,
        OutboxState::Quarantined => false,
        OutboxState::Acked => match rec.outcome.as_deref() {
            Some("ACCEPTED") => same_epoch && rec.server_seq.is_some_and(|s| s > pulled_through),
            Some("PENDING_PRECONDITION") => true,
            _ => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn rec(state: OutboxState, outcome: Option<&str>, server_seq: Option<i64>) -> OutboxRecord {
        OutboxRecord {
            mutation_id: "m".into(),
            device_seq: 1,
            kind: "step_decision".into(),
            schema_v: 2,
            payload_json: "{}".into(),
            payload_sha256: String::new(),
            created_at_device: Utc
                .with_ymd_and_hms(2026, 12, 4, 9, 0, 0)
                .single()
                .expect("t"),
            state,
            attempts: 0,
            next_attempt_at: None,
            last_error: None,
            outcome: outcome.map(str::to_string),
            replayed: None,
            server_seq,
            acked_at: None,
            detail_json: None,
            repushes: 0,
            invoice_id: Some("42".into()),
            step_id: Some("BESLUT#1".into()),
            server_epoch: Some("e7".into()),
        }
    }

    #[test]
    fn the_overlay_stays_until_a_pull_has_reached_the_acks_seq() {
        use OutboxState::*;
        // (state, outcome, server_seq, pulled_through, overlays, badge key)
        let table = [
            (Pending, None, None, 0, true, "saved-on-device"),
            (Pending, None, None, 99_999, true, "saved-on-device"),
            (Inflight, None, None, 0, true, "sending"),
            (
                Acked,
                Some("ACCEPTED"),
                Some(20931),
                20930,
                true,
                "recorded",
            ),
            (
                Acked,
                Some("ACCEPTED"),
                Some(20931),
                20931,
                false,
                "recorded",
            ),
            (
                Acked,
                Some("ACCEPTED"),
                Some(20931),
                21000,
                false,
                "recorded",
            ),
            (Acked, Some("ACCEPTED"), None, 0, false, "recorded"),
            (
                Acked,
                Some("PENDING_PRECONDITION"),
                Some(5),
                100,
                true,
                "waiting",
            ),
            (
                Acked,
                Some("SUPERSEDED"),
                Some(20931),
                0,
                false,
                "not-applied",
            ),
            (Acked, Some("STALE"), Some(20931), 0, false, "not-applied"),
            (Acked, Some("EXPIRED"), None, 0, false, "not-applied"),
            (Acked, Some("REJECTED_RULE"), None, 0, false, "not-applied"),
            (Acked, Some("KEY_REUSED"), None, 0, false, "not-applied"),
            (Acked, Some("SOMETHING_NEW"), None, 0, false, "not-applied"),
            (Quarantined, None, None, 0, false, "quarantined"),
        ];
        for (state, outcome, seq, through, expect, key) in table {
            let r = rec(state, outcome, seq);
            assert_eq!(
                overlays(&r, through, Some("e7")),
                expect,
                "{state:?} {outcome:?} seq {seq:?} through {through}"
            );
            assert_eq!(badge(&r).key(), key, "{state:?} {outcome:?}");
        }
        // After a restore, an old epoch's seq does not keep the overlay up.
        let old = rec(Acked, Some("ACCEPTED"), Some(20931));
        assert!(!overlays(&old, 5, Some("e8")));
        assert!(overlays(&old, 5, None), "epoch unknown: the seq decides");
    }
}
