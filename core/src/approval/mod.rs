//! The approval (attest) engine: routing by the attestförteckning and decisions on steps.
//!
//! Every function here is a pure transition of (workflow, action, actor, time) to a new workflow
//! plus the audit events describing the change, or a typed refusal; none touches SQL (the store
//! loads and saves, in one transaction). Attest kinds are configurable steps (MOTTAGNING,
//! GRANSKNING, BESLUT) chosen by the first matching flow rule ([`route`]); who is asked to sign
//! comes from the `steps` module (BESLUT candidates, the two-signer rule), rights, limits, duality
//! and jäv from [`rights`]. Decisions ([`decide`]) follow the order of spec §4.2: step still
//! open → content hash → rights under the rule set the decider saw and the current one →
//! duality and jäv → blocks → offline age. A kontering change rebuilds the steps ([`recode`]);
//! parked intents are re-validated to a fixed point ([`revalidate`]); escalation moves a step
//! one stage per processing period ([`escalate`]). `docs/attest-rules.md` states, rule by rule,
//! how the engine reads the attestreglemente where the spec leaves a choice.
//!
//! Invariants (checked by the property tests in `core/tests/it/invariants.rs`):
//! * no step is DONE by someone without the right under the rules in force: a grant of the
//!   step's kind for every kontering row's codes, within the per-row and per-invoice limits
//!   (for every kind), or an ERSÄTTARE grant inside a registered absence. Being named in a flow
//!   rule, assigned a step or escalated to is never a right;
//! * no invoice is attested without at least one BESLUT signer, and two distinct ones when any
//!   signer's grant (`två_i_förening_över_sek`) or its nämnd (`tak_två_i_förening_sek`)
//!   requires it, however and whenever the kontering was set ([`beslut_signers_missing`]);
//! * no one signs two steps of an invoice (unless the duality exception applies), and nobody
//!   jävig signs: not for their own or a related supplier, not their superior's costs;
//! * a rejected invoice has no step left open or waiting; no decision of any kind is accepted
//!   on a disputed, rejected or payment-blocked invoice;
//! * parked intents are resolved to a fixed point after every accepted decision.
//!
//! Two decisions the spec leaves open (issue 18):
//! * **Who may block payment by objecting (§4.2.4).** The asymmetric safety rule protects "two
//!   approvers who decided the same step": an objection (RETURN, REJECT, DISPUTE) that loses
//!   against an attest puts a payment block only when its author could have decided the step —
//!   they hold the step kind's right for the invoice's codes under the rule set they saw and
//!   the current one (limits do not matter for an objection), as ersättare only inside the
//!   absence, and are not jävig. Anyone else's objection is REJECTED_RULE
//!   (`no-right-to-object`) and blocks nothing; it stays in the log.
//! * **The amount basis of the two-signer threshold (§3 Attesträtt).** `två_i_förening_över_sek`
//!   (and the nämnd's `tak_två_i_förening_sek`) is compared with the invoice amount in the
//!   grant's own `belopp_bas`, like its limits: with INKL_MOMS, 49 999 kr including VAT is above
//!   a threshold of 40 000 even when the net is 39 999.20. Likewise the duality exception
//!   `får_granska_och_besluta_under_sek`.

pub mod absence;
pub mod amount;
pub mod coding;
mod decide;
pub mod dispute;
mod escalation;
pub mod fields;
mod model;
pub mod pending;
mod policy;
mod recode;
pub mod rights;
mod routing;
pub mod ruleset;
mod steps;

use sha2::{Digest, Sha256};

pub use amount::{AmountError, parse_amount};
pub use coding::{CodingProblem, MOMSKODER, check_coding, may_recode, recodable};
pub use decide::{Verdict, decide};
pub use dispute::{Resolution, resolve};
pub use escalation::{escalate, escalated_this_period};
pub use model::{
    CodingRow, Decision, Envelope, InvoiceState, Outcome, Reason, ReasonCode, Step, StepKind,
    StepState, Workflow,
};
pub use pending::{Parked, Revalidated, revalidate};
pub use policy::{Policy, Reminder, StepTiming, attest_deadline, reminder};
pub use recode::recode;
pub use rights::{Authority, authorise, coding_complete, eligible, jav};
pub use routing::{Routed, route, suggest_coding};
pub use steps::beslut_signers_missing;

/// SHA-256 over the original document's hash, the amounts and the current kontering: what a
/// decider certifies. Any kontering change gives a new hash, so intents made before it are STALE.
pub fn content_hash(wf: &Workflow) -> String {
    let mut h = Sha256::new();
    h.update(wf.document_sha256.as_bytes());
    h.update(format!("|{}|{}|", wf.net_total.normalize(), wf.payable.normalize()).as_bytes());
    for c in &wf.coding {
        for part in fields::codes(c) {
            h.update(part.len().to_string().as_bytes());
            h.update(b":");
            h.update(part.as_bytes());
        }
        h.update(format!("={};", c.amount.normalize()).as_bytes());
    }
    hex::encode(h.finalize())
}
