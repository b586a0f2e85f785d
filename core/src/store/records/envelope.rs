//! `decision.envelope`: a decision envelope (spec §4.2) exactly as the store received it, kept so
//! a parked decision can be judged again later.
//!
//! Version 1 is the layout commit f98a1ec wrote (the serde dump of `approval::Envelope` then):
//! the decision by variant name (`Attest`), times RFC 3339.

use chrono::{DateTime, Utc};

use crate::approval::{Decision, Envelope};

record_struct! {
    /// A stored decision envelope, version 1.
    pub(in crate::store) struct EnvelopeRecordV1 <=> Envelope {
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
}

record_enum!(DecisionV1 <=> Decision { Attest, Return, Reject, Dispute });

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
