//! The append-only, hash-chained audit log (behandlingshistorik).
//!
//! Every state change of an invoice, every decision intent, every rule-set import or activation
//! and every access event of the server (logins, failed logins, account and device changes) is
//! one [`AuditEvent`]. Each event carries the previous event's hash and its own hash over a
//! canonical, length-prefixed encoding of all its fields, so [`verify`] finds any edited, removed or
//! reordered event and names the first broken one. The store only appends (SQLite triggers refuse
//! updates and deletes); this module is pure.
//!
//! A chain alone cannot show that its *last* events were cut off: what remains is still a valid
//! chain. So the head of the log is also kept outside it as an [`Anchor`] (the event count, the
//! head's hash and the first event's hash): the store rewrites a sidecar file after every commit,
//! each ledger export carries one, and `digilyft audit head` prints one to be filed elsewhere.
//! [`check_anchor`] then finds a log that is shorter than an anchor says, or that differs from it.

use chrono::{DateTime, SecondsFormat, Utc};
use sha2::{Digest, Sha256};

/// `prev_hash` of the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An event about to be appended; the store assigns `seq`, `at` and the hashes.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

/// What an audit event records. Inside core every event is made from one of these; the stored
/// and hashed form is [`AuditKind::name`] (a contract: changing a name would break every chain
/// written before).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditKind {
    /// A document was received and stored (or kept as needs-action).
    InvoiceImported,
    /// An invoice was routed under a rule set.
    InvoiceRouted,
    /// An invoice entered a workflow state (`invoice.attested`, `invoice.rejected`, …).
    InvoiceState(crate::approval::InvoiceState),
    /// A payment block was set because an objection lost against an attest.
    InvoicePaymentBlock,
    /// A dispute or payment block was ended.
    InvoiceResolved,
    /// A decision intent was judged.
    Decision,
    /// A parked decision intent was re-judged once its precondition was met, or timed out.
    DecisionResolved,
    /// The kontering was changed.
    KonteringChanged,
    /// An attest was voided (by a return or a kontering change).
    StepVoided,
    /// The steps were rebuilt after a kontering change.
    StepsRebuilt,
    /// A step was added (a second signer the grants require).
    StepAdded,
    /// A step was escalated.
    StepEscalated,
    /// A rule-set version was imported.
    RulesetImported,
    /// A rule-set version was activated.
    RulesetActivated,
    /// An administrator re-anchored the log after a lost or disagreeing anchor
    /// (`digilyft audit reanchor --force`).
    Reanchored,
    /// An account logged in on the server.
    AccountLogin,
    /// A login on the server failed (wrong password or a disabled account).
    AccountLoginFailed,
    /// A server account was added.
    AccountAdded,
    /// A server account's role was changed.
    AccountRoleChanged,
    /// A server account was disabled.
    AccountDisabled,
    /// An enrolled device was revoked.
    DeviceRevoked,
}

impl AuditKind {
    /// The stored name, e.g. `invoice.imported`, `decision`, `invoice.attested`.
    pub fn name(self) -> String {
        let fixed = match self {
            AuditKind::InvoiceImported => "invoice.imported",
            AuditKind::InvoiceRouted => "invoice.routed",
            AuditKind::InvoiceState(state) => return format!("invoice.{state}"),
            AuditKind::InvoicePaymentBlock => "invoice.payment-block",
            AuditKind::InvoiceResolved => "invoice.resolved",
            AuditKind::Decision => "decision",
            AuditKind::DecisionResolved => "decision.resolved",
            AuditKind::KonteringChanged => "kontering.changed",
            AuditKind::StepVoided => "step.voided",
            AuditKind::StepsRebuilt => "steps.rebuilt",
            AuditKind::StepAdded => "step.added",
            AuditKind::StepEscalated => "step.escalated",
            AuditKind::RulesetImported => "ruleset.imported",
            AuditKind::RulesetActivated => "ruleset.activated",
            AuditKind::Reanchored => "audit.reanchored",
            AuditKind::AccountLogin => "account.login",
            AuditKind::AccountLoginFailed => "account.login-failed",
            AuditKind::AccountAdded => "account.added",
            AuditKind::AccountRoleChanged => "account.role-changed",
            AuditKind::AccountDisabled => "account.disabled",
            AuditKind::DeviceRevoked => "device.revoked",
        };
        fixed.to_string()
    }
}

impl NewEvent {
    /// A plain event by `actor` of `kind` about `invoice`.
    pub fn new(kind: AuditKind, invoice_id: Option<i64>, actor: &str) -> Self {
        NewEvent {
            kind: kind.name(),
            invoice_id,
            actor: actor.into(),
            detail: "{}".into(),
            ..Default::default()
        }
    }
}

/// One stored event.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

/// Does the event's stored hash match its content? (Checks one event on its own, e.g. in an
/// archive that holds only one invoice's events; [`verify`] checks the links as well.)
pub fn event_intact(e: &AuditEvent) -> bool {
    hash_event(e.seq, e.at, &e.event, &e.prev_hash) == e.hash
}

/// Checks a whole log in storage order; returns the number of events when intact.
pub fn verify(events: &[AuditEvent]) -> Result<usize, ChainBreak> {
    let mut prev = GENESIS.to_string();
    for (i, e) in events.iter().enumerate() {
        let expected = i as i64 + 1;
        if e.prev_hash != prev {
            return Err(ChainBreak::Unlinked { seq: e.seq });
        }
        if !event_intact(e) {
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

/// The head of a log as recorded outside it. Invariant: `hash` is the hash of event `seq`, and
/// `first_hash` (when known) the hash of event 1, which identifies the log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Anchor {
    /// Sequence number of the head event (= the number of events).
    pub seq: i64,
    /// Hash of the head event.
    pub hash: String,
    /// Hash of event 1; absent in an anchor typed in by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_hash: Option<String>,
    /// When the anchor was taken (server time of the head event), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<Utc>>,
}

/// Why a text is not an anchor.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not an audit anchor: expected SEQ:HASH (a positive number, a colon and 64 hex digits)"
)]
pub struct BadAnchor(pub String);

impl Anchor {
    /// The anchor of a log's current head; `None` for an empty log.
    pub fn of(events: &[AuditEvent]) -> Option<Anchor> {
        let last = events.last()?;
        Some(Anchor {
            seq: last.seq,
            hash: last.hash.clone(),
            first_hash: events.first().map(|e| e.hash.clone()),
            at: Some(last.at),
        })
    }

    /// The short form `SEQ:HASH` people copy into minutes, e-mails or the archive.
    pub fn short(&self) -> String {
        format!("{}:{}", self.seq, self.hash)
    }

    /// Parses [`Anchor::short`].
    pub fn parse_short(text: &str) -> Result<Anchor, BadAnchor> {
        let bad = || BadAnchor(text.to_string());
        let (seq, hash) = text.trim().split_once(':').ok_or_else(bad)?;
        let seq: i64 = seq.trim().parse().map_err(|_| bad())?;
        let hash = hash.trim().to_ascii_lowercase();
        if seq < 1 || hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        Ok(Anchor {
            seq,
            hash,
            first_hash: None,
            at: None,
        })
    }
}

/// How a log disagrees with an anchor kept outside it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AnchorBreak {
    /// The log ends before the anchored head: its last events were removed (or lost, e.g. by
    /// restoring an older copy of the store).
    #[error(
        "the log ends at event {last}, but an anchor records event {anchored}: events {} to {anchored} were removed or lost",
        last + 1
    )]
    Truncated {
        /// The anchored head.
        anchored: i64,
        /// The log's last event (0 when empty).
        last: i64,
    },
    /// The anchored event exists but has another hash: the log was rewritten up to it.
    #[error("event {seq} differs from the anchored one (the log was rewritten at or before it)")]
    Rewritten {
        /// The anchored head.
        seq: i64,
    },
    /// The anchor's first event is not this log's first event.
    #[error("the anchor belongs to another log (its first event differs from this log's)")]
    OtherLog,
}

impl AnchorBreak {
    /// The first event the break concerns.
    pub fn seq(&self) -> i64 {
        match self {
            AnchorBreak::Truncated { last, .. } => last + 1,
            AnchorBreak::Rewritten { seq } => *seq,
            AnchorBreak::OtherLog => 1,
        }
    }
}

/// Checks `events` (in storage order) against an anchor. A log that has grown past the anchor is
/// fine; one that is shorter, or whose anchored event differs, is not.
pub fn check_anchor(events: &[AuditEvent], anchor: &Anchor) -> Result<(), AnchorBreak> {
    if let (Some(first), Some(want)) = (events.first(), &anchor.first_hash)
        && &first.hash != want
    {
        return Err(AnchorBreak::OtherLog);
    }
    let last = events.last().map_or(0, |e| e.seq);
    let Some(event) = events.iter().find(|e| e.seq == anchor.seq) else {
        return Err(AnchorBreak::Truncated {
            anchored: anchor.seq,
            last,
        });
    };
    if event.hash != anchor.hash {
        return Err(AnchorBreak::Rewritten { seq: anchor.seq });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stored names are a contract of every chain already written: pinned one by one.
    #[test]
    fn audit_kinds_keep_their_stored_names() {
        use crate::approval::InvoiceState;
        let table = [
            (AuditKind::InvoiceImported, "invoice.imported"),
            (AuditKind::InvoiceRouted, "invoice.routed"),
            (
                AuditKind::InvoiceState(InvoiceState::Attested),
                "invoice.attested",
            ),
            (
                AuditKind::InvoiceState(InvoiceState::InApproval),
                "invoice.in-approval",
            ),
            (AuditKind::InvoicePaymentBlock, "invoice.payment-block"),
            (AuditKind::InvoiceResolved, "invoice.resolved"),
            (AuditKind::Decision, "decision"),
            (AuditKind::DecisionResolved, "decision.resolved"),
            (AuditKind::KonteringChanged, "kontering.changed"),
            (AuditKind::StepVoided, "step.voided"),
            (AuditKind::StepsRebuilt, "steps.rebuilt"),
            (AuditKind::StepAdded, "step.added"),
            (AuditKind::StepEscalated, "step.escalated"),
            (AuditKind::RulesetImported, "ruleset.imported"),
            (AuditKind::RulesetActivated, "ruleset.activated"),
            (AuditKind::AccountLogin, "account.login"),
            (AuditKind::AccountLoginFailed, "account.login-failed"),
            (AuditKind::AccountAdded, "account.added"),
            (AuditKind::AccountRoleChanged, "account.role-changed"),
            (AuditKind::AccountDisabled, "account.disabled"),
            (AuditKind::DeviceRevoked, "device.revoked"),
        ];
        for (kind, name) in table {
            assert_eq!(kind.name(), name, "{kind:?}");
        }
    }
    use chrono::TimeZone;

    fn chain(n: i64) -> Vec<AuditEvent> {
        let mut out: Vec<AuditEvent> = Vec::new();
        for i in 1..=n {
            let prev = out.last().map_or(GENESIS.to_string(), |e| e.hash.clone());
            let at = Utc
                .timestamp_opt(1_700_000_000 + i, 0)
                .single()
                .expect("time");
            out.push(seal(
                i,
                at,
                NewEvent::new(AuditKind::Decision, Some(i), "u1"),
                &prev,
            ));
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

    #[test]
    fn anchors_find_a_cut_off_tail() {
        let full = chain(6);
        let anchor = Anchor::of(&full).expect("head");
        assert_eq!(check_anchor(&full, &anchor), Ok(()));
        // The log may grow past an anchor.
        let older = Anchor::of(&full[..4]).expect("head");
        assert_eq!(check_anchor(&full, &older), Ok(()));
        // Cutting off the last two events leaves a valid chain that only the anchor exposes.
        let cut = &full[..4];
        assert_eq!(verify(cut), Ok(4));
        let broken = check_anchor(cut, &anchor);
        assert_eq!(
            broken,
            Err(AnchorBreak::Truncated {
                anchored: 6,
                last: 4
            })
        );
        assert_eq!(broken.map_err(|b| b.seq()), Err(5));
        assert_eq!(
            check_anchor(&[], &anchor),
            Err(AnchorBreak::Truncated {
                anchored: 6,
                last: 0
            })
        );
    }

    #[test]
    fn anchors_find_a_rewritten_or_foreign_log() {
        let full = chain(3);
        let mut anchor = Anchor::of(&full).expect("head");
        anchor.hash = "ab".repeat(32);
        assert_eq!(
            check_anchor(&full, &anchor),
            Err(AnchorBreak::Rewritten { seq: 3 })
        );
        let mut foreign = Anchor::of(&full).expect("head");
        foreign.first_hash = Some("cd".repeat(32));
        assert_eq!(check_anchor(&full, &foreign), Err(AnchorBreak::OtherLog));
    }

    #[test]
    fn short_form_round_trips_and_rejects_junk() {
        let a = Anchor::of(&chain(2)).expect("head");
        let back = Anchor::parse_short(&a.short()).expect("parse");
        assert_eq!((back.seq, back.hash), (a.seq, a.hash.clone()));
        for bad in [
            "",
            "12",
            "x:ab",
            "0:",
            "3:abc",
            "-1:0000000000000000000000000000000000000000000000000000000000000000",
        ] {
            assert!(Anchor::parse_short(bad).is_err(), "{bad:?}");
        }
    }
}
