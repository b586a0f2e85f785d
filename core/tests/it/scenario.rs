//! Generated attestförteckningar and an in-memory run of the pure engine over them, for the
//! property tests in `invariants.rs`.
//!
//! A scenario is a workbook of six people (grants of every kind with limits, thresholds for a
//! second signer and duality exceptions on both amount bases, a nämnd ceiling, a `Chef` chain,
//! jäv rows of every kind, an absence with an ersättare), one flow rule with a named reviewer,
//! one invoice with an amount near the limits, and a sequence of actions: decisions by holders,
//! non-holders, jäviga people, substitutes and the same person twice, kontering changes between
//! attests, escalation runs, resolutions and time passing. [`Engine`] plays them the way the
//! store does (decide → park or apply → re-validate parked intents; recode or resolve →
//! re-validate),
//! without SQLite, so thousands of scenarios run in seconds.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use digilyft_core::approval::{
    self, CodingRow, Decision, Envelope, InvoiceState, Outcome, Parked, Policy, Resolution,
    StepKind, StepState, Workflow,
};
use digilyft_core::facts::{DocumentKind, Format, InvoiceFacts};
use digilyft_core::workbook::{AmountBasis, ConflictKind, Grant, RuleSet};
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::common::day;
use crate::rulebook::{SUPPLIER, absence, chef, conflict, flow, grant, namnd, numbered, template};

/// The people of every generated workbook.
pub const PEOPLE: [&str; 6] = ["p0", "p1", "p2", "p3", "p4", "p5"];
const OTHER_SUPPLIER: &str = "5569999999";
const ANSVAR: [&str; 4] = ["41*", "4*", "1*;4*", "42*"];
const AMOUNTS: [i64; 10] = [
    900, 1_500, 2_999, 3_000, 4_000, 6_000, 19_999, 20_000, 20_001, 60_000,
];

fn kinds() -> impl Strategy<Value = StepKind> {
    prop_oneof![
        1 => Just(StepKind::Mottagning),
        1 => Just(StepKind::Granskning),
        3 => Just(StepKind::Beslut),
    ]
}

fn a_grant() -> impl Strategy<Value = Grant> {
    (
        0..PEOPLE.len(),
        kinds(),
        0..ANSVAR.len(),
        prop::sample::select(vec![1_000i64, 3_000, 5_000, 20_000, 100_000]),
        1..4i64,
        any::<bool>(),
        prop::sample::select(vec![0i64, 0, 2_500, 4_000, 20_000]),
        prop::sample::select(vec![0i64, 0, 0, 3_000]),
        prop::option::weighted(0.15, 0..PEOPLE.len()),
    )
        .prop_map(|(p, kind, a, row, times, incl, two, dual, replaces)| {
            let ansvar = if kind == StepKind::Beslut || a > 0 {
                ANSVAR[a]
            } else {
                ""
            };
            let mut g = grant(PEOPLE[p], kind, ansvar, row, row * times);
            if incl {
                g.belopp_bas = AmountBasis::InklMoms;
            }
            g.tva_i_forening_over = Decimal::from(two);
            g.far_granska_och_besluta_under = Decimal::from(dual);
            if let Some(r) = replaces.filter(|r| *r != p) {
                g = crate::rulebook::substitute(g, PEOPLE[r]);
            }
            g
        })
}

fn a_conflict() -> impl Strategy<Value = digilyft_core::workbook::Conflict> {
    (0..PEOPLE.len(), 0..4usize).prop_map(|(p, k)| {
        let kind = [
            ConflictKind::EgenUtgift,
            ConflictKind::NarstaendeLeverantor,
            ConflictKind::Bisyssla,
            ConflictKind::OverordnadKostnad,
        ][k];
        conflict(PEOPLE[p], kind, kind != ConflictKind::OverordnadKostnad)
    })
}

/// A generated attestförteckning (rows numbered as the workbook would).
pub fn workbook() -> impl Strategy<Value = RuleSet> {
    (
        prop::collection::vec(a_grant(), 3..9),
        prop::collection::vec(prop::option::of(0..PEOPLE.len()), PEOPLE.len()),
        prop::collection::vec(a_conflict(), 0..3),
        prop::option::of((0..PEOPLE.len(), 0..PEOPLE.len(), any::<bool>())),
        prop::option::of(prop::sample::select(vec![2_500i64, 20_000])),
        (0..3usize, prop::option::of(0..PEOPLE.len()), any::<bool>()),
    )
        .prop_map(
            |(grants, bosses, conflicts, away, ceiling, (steg, reviewer, coded))| {
                // A Chef forest: each person's chef comes before them (no cycles).
                let managers = bosses
                    .iter()
                    .enumerate()
                    .filter_map(|(i, b)| b.filter(|b| *b < i).map(|b| chef(PEOPLE[i], PEOPLE[b])))
                    .collect();
                let absences = away
                    .filter(|(p, s, _)| p != s)
                    .map(|(p, s, now)| {
                        let (from, till) = if now {
                            (day(2026, 11, 1), day(2026, 12, 31))
                        } else {
                            (day(2027, 1, 1), day(2027, 1, 31))
                        };
                        absence(PEOPLE[p], PEOPLE[s], from, till)
                    })
                    .into_iter()
                    .collect();
                let steg: &[StepKind] = match steg {
                    0 => &[StepKind::Granskning, StepKind::Beslut],
                    1 => &[StepKind::Mottagning, StepKind::Granskning, StepKind::Beslut],
                    _ => &[StepKind::Mottagning, StepKind::Beslut],
                };
                numbered(RuleSet {
                    namnder: ceiling.map(|c| namnd(Some(c))).into_iter().collect(),
                    grants,
                    managers,
                    conflicts,
                    absences,
                    flows: vec![flow(
                        10,
                        "41*",
                        steg,
                        reviewer.map(|r| PEOPLE[r]),
                        coded.then_some("KF"),
                    )],
                    templates: vec![template("KF", "4610", "4110")],
                    ..RuleSet::default()
                })
            },
        )
}

/// The invoice of a scenario: amount (BT-109, 25 % VAT on top), supplier, referenskod.
#[derive(Debug, Clone)]
pub struct Bill {
    /// BT-109.
    pub net: Decimal,
    /// The table-test supplier (the one jäv rows name) or another.
    pub jav_supplier: bool,
    /// BT-10: routed by the flow rule (41…) or not.
    pub routed: bool,
}

/// A generated invoice, its amount near the generated limits.
pub fn bill() -> impl Strategy<Value = Bill> {
    (
        prop::sample::select(AMOUNTS.to_vec()),
        prop::bool::weighted(0.6),
        prop::bool::weighted(0.85),
    )
        .prop_map(|(net, jav_supplier, routed)| Bill {
            net: Decimal::from(net),
            jav_supplier,
            routed,
        })
}

/// One action of a scenario.
#[derive(Debug, Clone)]
pub enum Action {
    /// A decision on a step (index 0–2 into the steps, which parks decisions on later steps;
    /// otherwise the open step).
    Decide {
        step: usize,
        actor: usize,
        decision: Decision,
        as_substitute: bool,
    },
    /// A kontering change by `actor`: 0 the same rows, 1 split in two ansvar, 2 moved to 42…,
    /// 3 moved to 11…, 4 split unevenly.
    Recode { actor: usize, how: u8 },
    /// Resolve a dispute or block.
    Resolve { actor: usize, resume: bool },
    /// One escalation run.
    Escalate,
    /// Time passes.
    Wait { hours: u16 },
}

/// A generated action; decisions are mostly by the step's assignee or someone holding a right.
pub fn action() -> impl Strategy<Value = Action> {
    let decision = prop_oneof![
        8 => Just(Decision::Attest),
        1 => Just(Decision::Return),
        1 => Just(Decision::Reject),
        1 => Just(Decision::Dispute),
    ];
    prop_oneof![
        10 => (0..6usize, 0..PEOPLE.len() * 2, decision, any::<bool>()).prop_map(
            |(step, actor, decision, as_substitute)| Action::Decide { step, actor, decision, as_substitute }
        ),
        2 => (0..PEOPLE.len(), 0..5u8).prop_map(|(actor, how)| Action::Recode { actor, how }),
        1 => (0..PEOPLE.len(), any::<bool>()).prop_map(|(actor, resume)| Action::Resolve { actor, resume }),
        1 => Just(Action::Escalate),
        1 => (1..24 * 12u16).prop_map(|hours| Action::Wait { hours }),
    ]
}

/// The pure engine with what the store would keep: the workflow, the parked intents, the time.
pub struct Engine {
    /// The active rule set (version 1).
    pub rules: Arc<RuleSet>,
    /// The invoice's workflow.
    pub wf: Workflow,
    /// Intents parked as PENDING_PRECONDITION and not resolved yet.
    pub parked: Vec<Parked>,
    /// The server's clock.
    pub now: DateTime<Utc>,
    /// The engine's policy.
    pub policy: Policy,
    counter: u64,
}

impl Engine {
    /// Routes `bill` under `rules` on 2026-11-20 08:00 UTC.
    pub fn new(rules: RuleSet, bill: &Bill) -> Engine {
        let now = day(2026, 11, 20)
            .and_hms_opt(8, 0, 0)
            .expect("time")
            .and_utc();
        let supplier = if bill.jav_supplier {
            SUPPLIER
        } else {
            OTHER_SUPPLIER
        };
        let payable = bill.net * Decimal::new(125, 2);
        let facts = InvoiceFacts {
            format: Format::PeppolBis3,
            kind: DocumentKind::Invoice,
            supplier_id: supplier.into(),
            supplier_name: "Leverantören AB".into(),
            number: "G-1".into(),
            issue_date: Some(day(2026, 11, 18)),
            due_date: Some(day(2026, 12, 18)),
            currency: "SEK".into(),
            net_total: bill.net,
            vat_total: payable - bill.net,
            payable,
            buyer_reference: Some(if bill.routed { "4110" } else { "7777" }.into()),
            order_ref: None,
            contract_ref: None,
            preceding_invoice: None,
            lines: Vec::new(),
        };
        let wf = Workflow {
            invoice_id: 1,
            document_sha256: "0".repeat(64),
            supplier_id: supplier.into(),
            credit_note: false,
            net_total: bill.net,
            payable,
            due_date: facts.due_date,
            state: InvoiceState::Received,
            revision: 1,
            payment_block: false,
            ruleset_version: None,
            flow_rule: None,
            coding: Vec::new(),
            steps: Vec::new(),
        };
        let policy = Policy::default();
        let routed = approval::route(
            &wf,
            &facts,
            &rules,
            1,
            None,
            &Default::default(),
            now,
            &policy,
        );
        Engine {
            rules: Arc::new(rules),
            wf: routed.workflow,
            parked: Vec::new(),
            now,
            policy,
            counter: 0,
        }
    }

    fn revalidate(&mut self) {
        let r = approval::revalidate(
            &self.wf,
            &self.parked,
            &self.rules,
            1,
            self.now,
            &self.policy,
        );
        self.parked.retain(|p| {
            !r.resolved
                .iter()
                .any(|(id, _)| *id == p.envelope.decision_id)
        });
        if let Some(wf) = r.workflow {
            self.wf = wf;
        }
    }

    /// The kontering rows a [`Action::Recode`] proposes.
    fn rows(&self, how: u8) -> Vec<CodingRow> {
        let net = self.wf.net_total;
        let base = CodingRow {
            amount: net,
            konto: "4610".into(),
            ansvar: "4110".into(),
            momskod: "AVDRAGSGILL".into(),
            ..CodingRow::default()
        };
        let part = |amount: Decimal, ansvar: &str| CodingRow {
            amount,
            ansvar: ansvar.into(),
            ..base.clone()
        };
        let half = (net / Decimal::from(2)).round_dp(2);
        let tenth = (net / Decimal::from(10)).round_dp(2);
        match how {
            0 if !self.wf.coding.is_empty() => self.wf.coding.clone(),
            1 => vec![part(half, "4110"), part(net - half, "4120")],
            2 => vec![part(net, "4210")],
            3 => vec![part(net, "1100")],
            _ => vec![part(net - tenth, "4110"), part(tenth, "4130")],
        }
    }

    /// Plays one action the way the store would. Returns the decision's outcome, if any.
    pub fn apply(&mut self, a: &Action) -> Option<Outcome> {
        let day = self.now.date_naive();
        match a {
            Action::Wait { hours } => self.now += chrono::Duration::hours(i64::from(*hours)),
            Action::Escalate => {
                if let Some((wf, _)) =
                    approval::escalate(&self.wf, &self.rules, self.now, &self.policy)
                {
                    self.wf = wf;
                }
            }
            Action::Resolve { actor, resume } => {
                let how = if *resume {
                    Resolution::Resume
                } else {
                    Resolution::Reject
                };
                if let Ok((wf, _)) =
                    approval::resolve(&self.wf, PEOPLE[*actor], how, "svar", &self.rules, self.now)
                {
                    self.wf = wf;
                    self.revalidate();
                }
            }
            Action::Recode { actor, how } => {
                let rows = self.rows(*how);
                let who = PEOPLE[*actor];
                if approval::recodable(self.wf.state)
                    && approval::check_coding(&self.wf, &rows).is_empty()
                    && approval::may_recode(&self.rules, who, &self.wf, &rows, day).is_ok()
                {
                    let (wf, _) =
                        approval::recode(&self.wf, rows, who, &self.rules, self.now, &self.policy);
                    self.wf = wf;
                    self.revalidate();
                }
            }
            Action::Decide {
                step,
                actor,
                decision,
                as_substitute,
            } => {
                let s = match self.wf.steps.get(*step) {
                    Some(s) if *step < 3 => s,
                    _ => self.wf.steps.iter().find(|s| s.state == StepState::Open)?,
                };
                // Half of the time the assignee (or the one who stands in for them) acts.
                let mut actor_id = PEOPLE[actor % PEOPLE.len()].to_string();
                let mut acting_for = None;
                if *actor >= PEOPLE.len()
                    && let Some(a) = &s.assignee
                {
                    actor_id = a.clone();
                    acting_for = s.acting_for.clone();
                }
                if *as_substitute
                    && let Some(ab) = s
                        .assignee
                        .as_deref()
                        .and_then(|a| self.rules.absences.iter().find(|x| x.person_id == a))
                {
                    actor_id = ab.ersattare_person_id.clone();
                    acting_for = Some(ab.person_id.clone());
                }
                self.counter += 1;
                let env = Envelope {
                    decision_id: format!("d{}", self.counter),
                    invoice_id: 1,
                    step: s.label.clone(),
                    decision: *decision,
                    comment: None,
                    actor_id,
                    acting_for,
                    content_hash: approval::content_hash(&self.wf),
                    base_revision: self.wf.revision,
                    ruleset_version: 1,
                    device_id: "prop".into(),
                    device_counter: self.counter,
                    device_time: self.now,
                    last_server_sync_time: self.now,
                };
                let v = approval::decide(
                    &self.wf,
                    &env,
                    &self.rules,
                    &self.rules,
                    1,
                    self.now,
                    &self.policy,
                );
                if let Some(wf) = v.workflow {
                    self.wf = wf;
                }
                match v.outcome {
                    Outcome::PendingPrecondition => self.parked.push(Parked {
                        envelope: env,
                        received_at: self.now,
                        seen: self.rules.clone(),
                    }),
                    Outcome::Accepted => self.revalidate(),
                    _ => {}
                }
                return Some(v.outcome);
            }
        }
        None
    }
}
