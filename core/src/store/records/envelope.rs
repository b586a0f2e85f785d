//! `decision.envelope`: a decision envelope (spec §4.2) exactly as the store received it, kept so
//! a parked decision can be judged again later.
//!
//! Version 1 is the layout commit f98a1ec wrote (the serde dump of `approval::Envelope` then):
//! the decision by variant name (`Attest`), times RFC 3339.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::approval::{Decision, Envelope};

/// A stored decision envelope, version 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(in crate::store) struct EnvelopeRecordV1 {
    decision_id: String,
    invoice_id: i64,
    step: String,
    decision: DecisionV1,
    comment: Option<String>,
    actor_id: String,
    acting_for: Option<String>,
    content_hash: String,
    base_revision: i64,
    ruleset_version: i64,
    device_id: String,
    device_counter: u64,
    device_time: DateTime<Utc>,
    last_server_sync_time: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum DecisionV1 {
    Attest,
    Return,
    Reject,
    Dispute,
}

impl From<&Envelope> for EnvelopeRecordV1 {
    fn from(e: &Envelope) -> Self {
        EnvelopeRecordV1 {
            decision_id: e.decision_id.clone(),
            invoice_id: e.invoice_id,
            step: e.step.clone(),
            decision: match e.decision {
                Decision::Attest => DecisionV1::Attest,
                Decision::Return => DecisionV1::Return,
                Decision::Reject => DecisionV1::Reject,
                Decision::Dispute => DecisionV1::Dispute,
            },
            comment: e.comment.clone(),
            actor_id: e.actor_id.clone(),
            acting_for: e.acting_for.clone(),
            content_hash: e.content_hash.clone(),
            base_revision: e.base_revision,
            ruleset_version: e.ruleset_version,
            device_id: e.device_id.clone(),
            device_counter: e.device_counter,
            device_time: e.device_time,
            last_server_sync_time: e.last_server_sync_time,
        }
    }
}

impl From<EnvelopeRecordV1> for Envelope {
    fn from(r: EnvelopeRecordV1) -> Self {
        Envelope {
            decision_id: r.decision_id,
            invoice_id: r.invoice_id,
            step: r.step,
            decision: match r.decision {
                DecisionV1::Attest => Decision::Attest,
                DecisionV1::Return => Decision::Return,
                DecisionV1::Reject => Decision::Reject,
                DecisionV1::Dispute => Decision::Dispute,
            },
            comment: r.comment,
            actor_id: r.actor_id,
            acting_for: r.acting_for,
            content_hash: r.content_hash,
            base_revision: r.base_revision,
            ruleset_version: r.ruleset_version,
            device_id: r.device_id,
            device_counter: r.device_counter,
            device_time: r.device_time,
            last_server_sync_time: r.last_server_sync_time,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{decode, encode};
    use super::*;

    #[test]
    fn envelopes_round_trip_and_the_f98a1ec_layout_reads() {
        let old = r#"{"decision_id":"fx2-early","invoice_id":16,"step":"BESLUT#1","decision":"Dispute","comment":"fixture","actor_id":"u240","acting_for":"u210","content_hash":"0d83","base_revision":2,"ruleset_version":1,"device_id":"fixture","device_counter":1,"device_time":"2026-11-20T09:01:00Z","last_server_sync_time":"2026-11-20T09:00:00Z"}"#;
        let env: Envelope = decode::<EnvelopeRecordV1>(old, "envelope")
            .expect("old")
            .into();
        assert_eq!(env.decision, Decision::Dispute);
        assert_eq!(env.acting_for.as_deref(), Some("u210"));
        assert!(env.last_server_sync_time < env.device_time);
        for decision in [
            Decision::Attest,
            Decision::Return,
            Decision::Reject,
            Decision::Dispute,
        ] {
            let e = Envelope {
                decision,
                comment: None,
                ..env.clone()
            };
            let json = encode(&EnvelopeRecordV1::from(&e), "envelope").expect("encode");
            assert!(
                json.starts_with(r#"{"v":1,"decision_id":"fx2-early","#),
                "{json}"
            );
            let back: Envelope = decode::<EnvelopeRecordV1>(&json, "envelope")
                .expect("new")
                .into();
            assert_eq!(back, e);
        }
    }
}
