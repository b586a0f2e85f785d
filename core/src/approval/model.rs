//! The approval engine's vocabulary: invoice and step states, kontering rows, decisions and
//! their envelope, outcomes.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

macro_rules! named_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($(#[$vm])* $var),+ }
        impl $name {
            /// The stable name used in the store, in JSON and on the command line.
            pub fn as_str(self) -> &'static str { match self { $($name::$var => $s),+ } }
            /// Parses [`Self::as_str`] back.
            pub fn parse(s: &str) -> Option<Self> { match s { $($s => Some($name::$var),)+ _ => None } }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

named_enum! {
    /// Where an invoice is in its life.
    InvoiceState {
        /// Stored and valid, waiting for an active rule set to be routed.
        Received = "received",
        /// Fatal validation errors or unreadable: kept with its report, needs a clerk.
        NeedsAction = "needs-action",
        /// No flow rule matched: waiting in the ekonomienhet queue.
        Unrouted = "unrouted",
        /// Steps are open.
        InApproval = "in-approval",
        /// Returned to an earlier step.
        Returned = "returned",
        /// Every step attested: ready for booking and payment.
        Attested = "attested",
        /// Rejected by an attestant.
        Rejected = "rejected",
        /// Disputed (bestriden): payment blocked.
        Disputed = "disputed",
    }
}

named_enum! {
    /// Attest kinds; configurable steps of a flow.
    StepKind {
        /// Mottagningsattest: goods or service received.
        Mottagning = "MOTTAGNING",
        /// Granskningsattest: price, quantity, terms, kontering checked.
        Granskning = "GRANSKNING",
        /// Beslutsattest: the budget holder's final approval.
        Beslut = "BESLUT",
    }
}

named_enum! {
    /// State of one step (spec §4.3).
    StepState {
        /// An earlier step is not yet attested.
        Waiting = "WAITING",
        /// Actionable now.
        Open = "OPEN",
        /// Attested.
        Done = "DONE",
        /// Rejected.
        Rejected = "REJECTED",
    }
}

named_enum! {
    /// What an attestant decides.
    Decision {
        /// Attest (approve).
        Attest = "ATTEST",
        /// Return to the previous step.
        Return = "RETURN",
        /// Reject the invoice.
        Reject = "REJECT",
        /// Dispute it with the supplier: payment block.
        Dispute = "DISPUTE",
    }
}

named_enum! {
    /// What became of a decision intent (spec §4.2).
    Outcome {
        /// Effective now.
        Accepted = "ACCEPTED",
        /// The step was already decided by someone else.
        Superseded = "SUPERSEDED",
        /// The invoice or kontering changed since the intent was made: decide again.
        Stale = "STALE",
        /// Made offline too long ago: re-confirm online.
        Expired = "EXPIRED",
        /// A hard rule (rights, limits, duality, jäv, block) forbids it.
        RejectedRule = "REJECTED_RULE",
        /// An earlier step is not done yet: parked and re-validated when it is.
        PendingPrecondition = "PENDING_PRECONDITION",
    }
}

/// One kontering (coding) row: an amount excluding VAT and its kodsträng.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CodingRow {
    /// Amount excluding VAT in the invoice currency.
    pub amount: Decimal,
    /// Kommun-Bas account.
    pub konto: String,
    /// Responsibility code (organisation).
    pub ansvar: String,
    /// Activity (SCB split).
    pub verksamhet: String,
    /// Aktivitet.
    pub aktivitet: String,
    /// Projekt.
    pub projekt: String,
    /// Objekt.
    pub objekt: String,
    /// Motpart.
    pub motpart: String,
    /// Momskod, e.g. `AVDRAGSGILL`, `ERSATTNINGSGILL`, `SCHABLON6`.
    pub momskod: String,
}

/// One step of an invoice's flow as the engine sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// Position in the flow, from 0.
    pub seq: u32,
    /// Attest kind.
    pub kind: StepKind,
    /// Stable label used in decision envelopes, e.g. `GRANSKNING#1`, `BESLUT#2`.
    pub label: String,
    /// Current state.
    pub state: StepState,
    /// The person expected to act.
    pub assignee: Option<String>,
    /// Or a group queue.
    pub queue: Option<String>,
    /// Invoice revision at which this step last changed.
    pub revision: i64,
    /// Who attested (when done).
    pub decided_by: Option<String>,
    /// For whom (ersättare): on a done step the absent person its signer stood in for; on an
    /// open step escalated to an ersättare, the absent person the assignee stands in for.
    pub acting_for: Option<String>,
    /// When (server acceptance time).
    pub decided_at: Option<DateTime<Utc>>,
    /// The decision or auto rule that closed it.
    pub decision_id: Option<String>,
    /// The flow rule that attested it automatically, if any.
    pub auto_rule: Option<String>,
    /// When the step was last escalated (spec §1.5): at most once per processing period.
    #[serde(default)]
    pub escalated_at: Option<DateTime<Utc>>,
}

/// An invoice's workflow: everything the pure transition functions read and write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workflow {
    /// Store id of the invoice.
    pub invoice_id: i64,
    /// SHA-256 of the original document.
    pub document_sha256: String,
    /// Supplier id (orgnr).
    pub supplier_id: String,
    /// Invoice or credit note.
    pub credit_note: bool,
    /// BT-109 total without VAT.
    pub net_total: Decimal,
    /// BT-115 amount due.
    pub payable: Decimal,
    /// BT-9 due date.
    pub due_date: Option<NaiveDate>,
    /// Current state.
    pub state: InvoiceState,
    /// Monotonic workflow revision (bumped at every change).
    pub revision: i64,
    /// Payment block (dispute, or an objection lost in a conflict).
    pub payment_block: bool,
    /// Rule-set version the invoice was routed under.
    pub ruleset_version: Option<i64>,
    /// The flow rule that routed it.
    pub flow_rule: Option<String>,
    /// Current kontering rows.
    pub coding: Vec<CodingRow>,
    /// The steps in order.
    pub steps: Vec<Step>,
}

impl Workflow {
    /// The people who signed the invoice's DONE steps other than step `seq` (duality, jäv).
    pub fn signers_except(&self, seq: u32) -> Vec<&str> {
        self.steps
            .iter()
            .filter(|s| s.state == StepState::Done && s.seq != seq)
            .filter_map(|s| s.decided_by.as_deref())
            .collect()
    }

    /// Closes every step not decided yet (OPEN or WAITING → REJECTED) at the current revision:
    /// a rejected invoice has no step anyone could still act on (spec §1.4, §4.3 OPEN →
    /// REJECTED), so none shows in an inbox or a reminder list.
    pub fn close_steps(&mut self) {
        let rev = self.revision;
        for s in self
            .steps
            .iter_mut()
            .filter(|s| matches!(s.state, StepState::Open | StepState::Waiting))
        {
            s.state = StepState::Rejected;
            s.revision = rev;
        }
    }
}

/// The decision envelope of spec §4.2, as created on a device (or by the CLI).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// Idempotency key (UUIDv7).
    pub decision_id: String,
    /// The invoice.
    pub invoice_id: i64,
    /// Step label, e.g. `BESLUT#1`.
    pub step: String,
    /// The decision.
    pub decision: Decision,
    /// Free text.
    pub comment: Option<String>,
    /// Who decides (signs as themselves).
    pub actor_id: String,
    /// The absent ordinary attestant, when deciding as ersättare.
    pub acting_for: Option<String>,
    /// Content hash the decider saw ([`crate::approval::content_hash`]).
    pub content_hash: String,
    /// Last workflow revision the decider saw.
    pub base_revision: i64,
    /// Rule-set version the decider saw.
    pub ruleset_version: i64,
    /// Device id (`cli` from the command line).
    pub device_id: String,
    /// Monotonic per-device counter.
    pub device_counter: u64,
    /// Claimed signing time on the device.
    pub device_time: DateTime<Utc>,
    /// The device's last successful contact with the server.
    pub last_server_sync_time: DateTime<Utc>,
}

named_enum! {
    /// Why the approval rules accepted or refused something: the stable reason codes (their
    /// kebab-case names are a contract of the store, the CLI's JSON and the API's faults).
    ReasonCode {
        /// Accepted.
        Ok = "ok",
        /// The step was already decided by someone else.
        Superseded = "superseded",
        /// The invoice or its kontering changed since the decider saw it.
        ContentChanged = "content-changed",
        /// The step changed after the revision the decider saw.
        StepChanged = "step-changed",
        /// An earlier step is not attested yet.
        Precondition = "precondition",
        /// The person holds no valid right of the step's attest kind.
        NoRight = "no-right",
        /// No right for the codes of a kontering row.
        NoRightCode = "no-right-code",
        /// A kontering row exceeds the per-row limit.
        LimitRow = "limit-row",
        /// The invoice exceeds the per-invoice limit.
        LimitInvoice = "limit-invoice",
        /// The kontering is not complete (100 % of BT-109 coded).
        KonteringIncomplete = "kontering-incomplete",
        /// The person already signed another step of the invoice.
        Duality = "duality",
        /// A second, distinct BESLUT signer is required.
        TwoSigners = "two-signers",
        /// Jäv: a registered conflict with the supplier.
        JavSupplier = "jav-supplier",
        /// Jäv: the cost concerns the person's own superior or their own expense.
        JavSuperior = "jav-superior",
        /// Not a registered ersättare over the period of the decision.
        SubstituteOutsideAbsence = "substitute-outside-absence",
        /// Only someone who could have decided the step may object or block payment.
        NoRightToObject = "no-right-to-object",
        /// The invoice is disputed, rejected or has a payment block.
        Blocked = "blocked",
        /// Made offline too long ago.
        Expired = "expired",
        /// The invoice or step is closed.
        Closed = "closed",
        /// The invoice has no dispute or payment block.
        NothingToResolve = "nothing-to-resolve",
        /// A stated reason is required.
        ReasonRequired = "reason-required",
        /// The invoice has no such step.
        NoSuchStep = "no-such-step",
    }
}

/// Machine-readable reason codes that accompany an outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// Stable code, e.g. `duality`, `limit-row`, `jav-supplier`.
    pub code: ReasonCode,
    /// Human-readable explanation.
    pub text: String,
}

impl Reason {
    /// A reason with `code` and `text`.
    pub fn new(code: ReasonCode, text: impl Into<String>) -> Self {
        Reason {
            code,
            text: text.into(),
        }
    }
}
