//! Issue 18: the attest engine against the attestreglemente (spec §1.3, §1.5, §3, §4.2, §4.3).
//! Each test is a table of small attestförteckningar (two or three `Attesträtt` rows and what
//! else the case needs), one invoice, and the decisions with the outcome each must get.
//! One file (a little over 700 lines) so the thirteen cases read in the issue's order.

use digilyft_core::approval::StepKind::{Beslut, Granskning, Mottagning};
use digilyft_core::approval::{Decision, InvoiceState, Outcome, Resolution};
use digilyft_core::workbook::{AmountBasis, ConflictKind, RuleSet};
use rust_decimal::Decimal;

use crate::common::day;
use crate::rulebook::*;

fn kr(n: i64) -> Decimal {
    Decimal::from(n)
}

/// A reviewer g1 named in the flow for referenskod 41*, kontering template 4610/4110.
fn reviewed(mut grants: Vec<digilyft_core::workbook::Grant>) -> RuleSet {
    grants.push(grant("g1", Granskning, "", 5_000_000, 5_000_000));
    RuleSet {
        grants,
        flows: vec![flow(
            10,
            "41*",
            &[Granskning, Beslut],
            Some("g1"),
            Some("KF"),
        )],
        templates: vec![template("KF", "4610", "4110")],
        ..RuleSet::default()
    }
}

fn decide_as(
    step: &'static str,
    actor: &'static str,
    decision: Decision,
    want: Outcome,
    code: &'static str,
) -> Act {
    Act::Decide {
        step,
        actor,
        acting_for: None,
        decision,
        want,
        code,
    }
}

use Outcome::{Accepted, PendingPrecondition, RejectedRule, Superseded};

#[test]
fn issue_18_case_1_two_signers_however_and_whenever_the_kontering_was_set() {
    let u100 = || {
        two_over(
            grant("u100", Beslut, "1*;4*", 2_000_000, 5_000_000),
            1_000_000,
        )
    };
    let u200 = || two_over(grant("u200", Beslut, "4*", 2_000_000, 5_000_000), 1_000_000);
    // Routed with g1 as granskare and BESLUT to the finance queue (no kontering yet).
    let uncoded = |grants| RuleSet {
        namnder: vec![namnd(Some(1_000_000))],
        grants,
        flows: vec![flow(10, "41*", &[Granskning, Beslut], Some("g1"), None)],
        ..RuleSet::default()
    };
    let split = vec![
        row(1_500_000, "4110", "4610"),
        row(1_500_000, "4120", "4610"),
    ];
    let g1 = || grant("g1", Granskning, "", 5_000_000, 5_000_000);
    let mut ceiling_only = grant("u100", Beslut, "1*;4*", 2_000_000, 5_000_000);
    ceiling_only.tva_i_forening_over = Decimal::ZERO;
    play(vec![
        Case {
            name: "recoded into two rows: a second beslutsattestant signs BESLUT#2",
            rules: uncoded(vec![u100(), u200(), g1()]),
            reference: "4110",
            net: kr(3_000_000),
            acts: vec![
                Act::Assigned("BESLUT#1", None),
                Act::Recode("g1", split.clone(), true),
                Act::Labels(&["GRANSKNING#1", "BESLUT#1", "BESLUT#2"]),
                Act::Assigned("BESLUT#1", Some("u100")),
                Act::Assigned("BESLUT#2", Some("u200")),
                attest("GRANSKNING#1", "g1", Accepted, "ok"),
                attest("BESLUT#1", "u100", Accepted, "ok"),
                Act::State(InvoiceState::InApproval),
                attest("BESLUT#2", "u100", RejectedRule, "duality"),
                attest("BESLUT#2", "u200", Accepted, "ok"),
                Act::State(InvoiceState::Attested),
            ],
        },
        Case {
            name: "nobody else may sign: BESLUT#2 waits in the finance queue",
            rules: uncoded(vec![u100(), g1()]),
            reference: "4110",
            net: kr(3_000_000),
            acts: vec![
                Act::Recode("g1", split.clone(), true),
                Act::Assigned("BESLUT#2", None),
                attest("GRANSKNING#1", "g1", Accepted, "ok"),
                attest("BESLUT#1", "u100", Accepted, "ok"),
                attest("BESLUT#2", "u100", RejectedRule, "duality"),
                Act::State(InvoiceState::InApproval),
            ],
        },
        Case {
            name: "the nämnd's ceiling for signing alone binds a grant without a threshold",
            rules: uncoded(vec![ceiling_only, u200(), g1()]),
            reference: "4110",
            net: kr(3_000_000),
            acts: vec![
                Act::Recode("g1", split, true),
                attest("GRANSKNING#1", "g1", Accepted, "ok"),
                attest("BESLUT#1", "u100", Accepted, "ok"),
                Act::State(InvoiceState::InApproval),
                attest("BESLUT#2", "u200", Accepted, "ok"),
                Act::State(InvoiceState::Attested),
            ],
        },
        Case {
            // u300 (never two signers) is assigned; u100, whose grant requires a second
            // signer, signs instead: a BESLUT#2 is added for u300.
            name: "a signer whose grant requires a second signer never attests alone",
            rules: reviewed(vec![
                grant("u300", Beslut, "4*", 3_000_000, 4_000_000),
                u100(),
            ]),
            reference: "4110",
            net: kr(1_500_000),
            acts: vec![
                Act::Labels(&["GRANSKNING#1", "BESLUT#1"]),
                Act::Assigned("BESLUT#1", Some("u300")),
                attest("GRANSKNING#1", "g1", Accepted, "ok"),
                attest("BESLUT#1", "u100", Accepted, "ok"),
                Act::State(InvoiceState::InApproval),
                Act::Assigned("BESLUT#2", Some("u300")),
                attest("BESLUT#2", "u300", Accepted, "ok"),
                Act::State(InvoiceState::Attested),
            ],
        },
    ]);
}

#[test]
fn issue_18_case_2_steps_are_rebuilt_after_a_kontering_change() {
    let u200 = two_over(grant("u200", Beslut, "41*", 500_000, 1_000_000), 400_000);
    play(vec![
        Case {
            name: "a code nobody holds sends BESLUT to the finance queue",
            rules: reviewed(vec![grant("u210", Beslut, "41*", 50_000, 100_000)]),
            reference: "4110",
            net: kr(5000),
            acts: vec![
                Act::Assigned("BESLUT#1", Some("u210")),
                Act::Recode("g1", vec![row(5000, "9999", "4610")], true),
                Act::Assigned("BESLUT#1", None),
                attest("GRANSKNING#1", "g1", Accepted, "ok"),
                attest("BESLUT#1", "u210", RejectedRule, "no-right-code"),
            ],
        },
        Case {
            name: "no second signer needed any more: BESLUT#2 goes, never the same person twice",
            rules: reviewed(vec![
                u200.clone(),
                grant("u100", Beslut, "1*;4*", 2_000_000, 5_000_000),
            ]),
            reference: "4110",
            net: kr(450_000),
            acts: vec![
                Act::Assigned("BESLUT#1", Some("u200")),
                Act::Assigned("BESLUT#2", Some("u100")),
                Act::Recode("g1", vec![row(450_000, "1100", "4610")], true),
                Act::Labels(&["GRANSKNING#1", "BESLUT#1"]),
                Act::Assigned("BESLUT#1", Some("u100")),
            ],
        },
        Case {
            name: "still two signers needed: the second is someone else or the queue",
            rules: reviewed(vec![
                u200,
                two_over(
                    grant("u100", Beslut, "1*;4*", 2_000_000, 5_000_000),
                    400_000,
                ),
            ]),
            reference: "4110",
            net: kr(450_000),
            acts: vec![
                Act::Recode("g1", vec![row(450_000, "1100", "4610")], true),
                Act::Labels(&["GRANSKNING#1", "BESLUT#1", "BESLUT#2"]),
                Act::Assigned("BESLUT#1", Some("u100")),
                Act::Assigned("BESLUT#2", None),
            ],
        },
    ]);
}

#[test]
fn issue_18_case_3_being_named_in_a_flow_rule_grants_no_right() {
    let rules = |with_g2: bool| {
        let mut grants = vec![
            grant("g1", Granskning, "", 1000, 1000),
            grant("m1", Mottagning, "", 10_000, 10_000),
            grant("b1", Beslut, "41*", 100_000, 100_000),
        ];
        if with_g2 {
            grants.push(grant("g2", Granskning, "", 1000, 1000));
        }
        RuleSet {
            grants,
            flows: vec![flow(
                10,
                "41*",
                &[Mottagning, Granskning, Beslut],
                Some("g1"),
                Some("KF"),
            )],
            templates: vec![template("KF", "4610", "4110")],
            ..RuleSet::default()
        }
    };
    play(vec![Case {
        name: "g1 named for MOTTAGNING and GRANSKNING, with a GRANSKNING right up to 1 000",
        rules: rules(true),
        reference: "4110",
        net: kr(5000),
        acts: vec![
            Act::Assigned("MOTTAGNING#1", None),
            Act::Assigned("GRANSKNING#1", None),
            attest("MOTTAGNING#1", "g1", RejectedRule, "no-right"),
            attest("MOTTAGNING#1", "m1", Accepted, "ok"),
            attest("GRANSKNING#1", "g1", RejectedRule, "limit-row"),
            attest("GRANSKNING#1", "g2", RejectedRule, "limit-row"),
            Act::State(InvoiceState::InApproval),
        ],
    }]);
}

#[test]
fn issue_18_cases_4_and_5_jav_goes_up_the_chef_chain() {
    let chain = |superior_kind: ConflictKind| RuleSet {
        grants: vec![
            grant("b1", Beslut, "41*", 100_000, 100_000),
            grant("s", Beslut, "41*", 500_000, 500_000),
            grant("ss", Beslut, "4*", 1_000_000, 1_000_000),
            grant("g1", Granskning, "", 1_000_000, 1_000_000),
        ],
        managers: vec![chef("b1", "s"), chef("s", "ss"), chef("g1", "b1")],
        conflicts: vec![
            conflict("b1", ConflictKind::OverordnadKostnad, false),
            conflict("s", superior_kind, true),
        ],
        flows: vec![flow(
            10,
            "41*",
            &[Granskning, Beslut],
            Some("g1"),
            Some("KF"),
        )],
        templates: vec![template("KF", "4610", "4110")],
        ..RuleSet::default()
    };
    let past_both = vec![
        Act::Assigned("BESLUT#1", Some("ss")),
        attest("GRANSKNING#1", "g1", Accepted, "ok"),
        attest("BESLUT#1", "b1", RejectedRule, "jav-superior"),
        attest("BESLUT#1", "s", RejectedRule, "jav-supplier"),
        attest("BESLUT#1", "ss", Accepted, "ok"),
        Act::State(InvoiceState::Attested),
    ];
    // Case 5: b1's own expense; a peer (p) and b1's subordinate (sub) hold lower limits.
    let own_expense = RuleSet {
        grants: vec![
            grant("b1", Beslut, "41*", 100_000, 100_000),
            grant("p", Beslut, "41*", 50_000, 50_000),
            grant("sub", Beslut, "41*", 20_000, 20_000),
            grant("c1", Beslut, "41*", 200_000, 200_000),
            grant("g1", Granskning, "", 1_000_000, 1_000_000),
        ],
        managers: vec![chef("b1", "c1"), chef("p", "c1"), chef("sub", "b1")],
        conflicts: vec![conflict("b1", ConflictKind::EgenUtgift, true)],
        flows: vec![flow(
            10,
            "41*",
            &[Granskning, Beslut],
            Some("g1"),
            Some("KF"),
        )],
        templates: vec![template("KF", "4610", "4110")],
        ..RuleSet::default()
    };
    play(vec![
        Case {
            name: "case 4: the superior's own expense passes the subordinate and the superior",
            rules: chain(ConflictKind::EgenUtgift),
            reference: "4110",
            net: kr(5000),
            acts: past_both.clone(),
        },
        Case {
            name: "case 4: a supplier related to the superior passes both too",
            rules: chain(ConflictKind::NarstaendeLeverantor),
            reference: "4110",
            net: kr(5000),
            acts: past_both,
        },
        Case {
            name: "case 5: an own expense goes to the närmaste chef, not a peer or subordinate",
            rules: own_expense,
            reference: "4110",
            net: kr(5000),
            acts: vec![
                Act::Assigned("BESLUT#1", Some("c1")),
                attest("GRANSKNING#1", "g1", Accepted, "ok"),
                attest("BESLUT#1", "b1", RejectedRule, "jav-supplier"),
                attest("BESLUT#1", "c1", Accepted, "ok"),
                Act::State(InvoiceState::Attested),
            ],
        },
    ]);
}

#[test]
fn issue_18_cases_6_and_7_review_needs_a_kontering_and_rejection_closes_every_step() {
    let finance = RuleSet {
        grants: vec![
            grant("e1", Granskning, "", 100_000, 100_000),
            grant("b1", Beslut, "41*", 100_000, 100_000),
        ],
        ..RuleSet::default()
    };
    play(vec![
        Case {
            name: "case 6: an unrouted invoice without kontering is not granskad",
            rules: finance,
            reference: "7777",
            net: kr(5000),
            acts: vec![
                Act::State(InvoiceState::Unrouted),
                attest("GRANSKNING#1", "e1", RejectedRule, "kontering-incomplete"),
                Act::Recode("e1", vec![row(5000, "4110", "4610")], true),
                attest("GRANSKNING#1", "e1", Accepted, "ok"),
            ],
        },
        Case {
            name: "case 7: a dispute upheld rejects the invoice and closes its open step",
            rules: reviewed(vec![grant("b1", Beslut, "41*", 100_000, 100_000)]),
            reference: "4110",
            net: kr(5000),
            acts: vec![
                decide_as("GRANSKNING#1", "g1", Decision::Dispute, Accepted, "ok"),
                Act::State(InvoiceState::Disputed),
                Act::Resolve("g1", Resolution::Reject, true),
                Act::State(InvoiceState::Rejected),
                Act::Actionable(0),
            ],
        },
        Case {
            name: "case 7: a rejection closes the steps after it too",
            rules: reviewed(vec![grant("b1", Beslut, "41*", 100_000, 100_000)]),
            reference: "4110",
            net: kr(5000),
            acts: vec![
                decide_as("GRANSKNING#1", "g1", Decision::Reject, Accepted, "ok"),
                Act::State(InvoiceState::Rejected),
                Act::Actionable(0),
                attest("BESLUT#1", "b1", Superseded, "superseded"),
            ],
        },
    ]);
}

#[test]
fn issue_18_case_8_parked_intents_are_revalidated_to_a_fixed_point() {
    let rules = RuleSet {
        grants: vec![
            grant("m1", Mottagning, "", 100_000, 100_000),
            grant("g1", Granskning, "", 100_000, 100_000),
            grant("b1", Beslut, "41*", 100_000, 100_000),
        ],
        flows: vec![flow(
            10,
            "41*",
            &[Mottagning, Granskning, Beslut],
            None,
            Some("KF"),
        )],
        templates: vec![template("KF", "4610", "4110")],
        ..RuleSet::default()
    };
    play(vec![Case {
        name: "BESLUT, then GRANSKNING parked; MOTTAGNING lands",
        rules,
        reference: "4110",
        net: kr(5000),
        acts: vec![
            attest("BESLUT#1", "b1", PendingPrecondition, "precondition"),
            attest("GRANSKNING#1", "g1", PendingPrecondition, "precondition"),
            attest("MOTTAGNING#1", "m1", Accepted, "ok"),
            Act::State(InvoiceState::Attested),
            Act::Actionable(0),
        ],
    }]);
}

#[test]
fn issue_18_cases_9_and_13_escalation_once_per_period_along_the_chain() {
    // Due 2026-12-18, lead time 3 days: attest deadline 2026-12-15, reminders from 2026-12-10.
    let chain = |c1_kind: Option<ConflictKind>, c1_right: bool| {
        let mut grants = vec![
            grant("b1", Beslut, "41*", 100_000, 100_000),
            substitute(grant("b1s", Beslut, "41*", 100_000, 100_000), "b1"),
            grant("c2", Beslut, "4*", 1_000_000, 1_000_000),
            grant("g1", Granskning, "", 1_000_000, 1_000_000),
        ];
        if c1_right {
            grants.push(grant("c1", Beslut, "41*", 200_000, 200_000));
        }
        RuleSet {
            grants,
            managers: vec![chef("b1", "c1"), chef("c1", "c2")],
            conflicts: c1_kind
                .map(|k| conflict("c1", k, true))
                .into_iter()
                .collect(),
            absences: vec![absence("b1", "b1s", day(2026, 12, 1), day(2026, 12, 31))],
            flows: vec![flow(
                10,
                "41*",
                &[Granskning, Beslut],
                Some("g1"),
                Some("KF"),
            )],
            templates: vec![template("KF", "4610", "4110")],
            ..RuleSet::default()
        }
    };
    let start = || {
        vec![
            attest("GRANSKNING#1", "g1", Accepted, "ok"),
            Act::Escalate(0),
            Act::Days(21), // 2026-12-11
            Act::Escalate(1),
            Act::Assigned("BESLUT#1", Some("b1s")),
            Act::Escalate(0),
            Act::Escalate(0),
            Act::Escalate(0),
            Act::Days(2),
            Act::Escalate(1),
        ]
    };
    let mut case_9 = start();
    case_9.extend([
        Act::Assigned("BESLUT#1", Some("c1")),
        Act::Days(2),
        Act::Escalate(1),
        Act::Assigned("BESLUT#1", Some("c2")),
        Act::Days(2),
        Act::Escalate(1),
        Act::Assigned("BESLUT#1", None),
        Act::Days(2),
        Act::Escalate(0),
    ]);
    let mut javig = start();
    javig.extend([
        Act::Assigned("BESLUT#1", Some("c2")),
        attest("BESLUT#1", "c2", Accepted, "ok"),
    ]);
    let mut unauthorised = start();
    unauthorised.push(Act::Assigned("BESLUT#1", Some("c2")));
    play(vec![
        Case {
            name: "case 9: ersättare, närmaste chef, the next chef, the queue",
            rules: chain(None, true),
            reference: "4110",
            net: kr(5000),
            acts: case_9,
        },
        Case {
            name: "case 13: a jävig manager is skipped",
            rules: chain(Some(ConflictKind::NarstaendeLeverantor), true),
            reference: "4110",
            net: kr(5000),
            acts: javig,
        },
        Case {
            name: "case 13: a manager without the right is skipped",
            rules: chain(None, false),
            reference: "4110",
            net: kr(5000),
            acts: unauthorised,
        },
    ]);
}

#[test]
fn issue_18_case_10_only_someone_who_could_have_decided_blocks_payment() {
    let rules = reviewed(vec![
        grant("b1", Beslut, "41*", 100_000, 100_000),
        grant("g2", Granskning, "4*", 100_000, 100_000),
        grant("x9", Granskning, "9*", 100_000, 100_000),
    ]);
    play(vec![Case {
        name: "objections on an attested invoice",
        rules,
        reference: "4110",
        net: kr(5000),
        acts: vec![
            attest("GRANSKNING#1", "g1", Accepted, "ok"),
            attest("BESLUT#1", "b1", Accepted, "ok"),
            decide_as(
                "GRANSKNING#1",
                "x9",
                Decision::Reject,
                RejectedRule,
                "no-right-to-object",
            ),
            Act::Blocked(false),
            decide_as(
                "GRANSKNING#1",
                "g2",
                Decision::Reject,
                Superseded,
                "superseded",
            ),
            Act::Blocked(true),
            Act::State(InvoiceState::Attested),
        ],
    }]);
}

#[test]
fn issue_18_case_11_the_two_signer_threshold_uses_the_grants_amount_basis() {
    let pair = |basis| {
        let mut a = two_over(grant("b1", Beslut, "41*", 100_000, 100_000), 40_000);
        let mut b = two_over(grant("b2", Beslut, "41*", 100_000, 200_000), 40_000);
        a.belopp_bas = basis;
        b.belopp_bas = basis;
        reviewed(vec![a, b])
    };
    // 39 999.20 kr net, 49 999.00 kr with 25 % VAT.
    let net = Decimal::new(3_999_920, 2);
    play(vec![
        Case {
            name: "INKL_MOMS: 49 999 incl. VAT is above 40 000: two signers",
            rules: pair(AmountBasis::InklMoms),
            reference: "4110",
            net,
            acts: vec![
                Act::Labels(&["GRANSKNING#1", "BESLUT#1", "BESLUT#2"]),
                Act::Assigned("BESLUT#2", Some("b2")),
                attest("GRANSKNING#1", "g1", Accepted, "ok"),
                attest("BESLUT#1", "b1", Accepted, "ok"),
                Act::State(InvoiceState::InApproval),
                attest("BESLUT#2", "b2", Accepted, "ok"),
                Act::State(InvoiceState::Attested),
            ],
        },
        Case {
            name: "EXKL_MOMS: 39 999.20 net is below 40 000: one signer",
            rules: pair(AmountBasis::ExklMoms),
            reference: "4110",
            net,
            acts: vec![
                Act::Labels(&["GRANSKNING#1", "BESLUT#1"]),
                attest("GRANSKNING#1", "g1", Accepted, "ok"),
                attest("BESLUT#1", "b1", Accepted, "ok"),
                Act::State(InvoiceState::Attested),
            ],
        },
    ]);
}

#[test]
fn issue_18_case_12_the_per_invoice_limit_binds_every_attest_kind() {
    let rules = RuleSet {
        grants: vec![
            grant("m1", Mottagning, "", 1_000_000, 1_000_000),
            grant("m2", Mottagning, "", 60_000, 60_000),
            grant("g1", Granskning, "", 1_000_000, 1_000_000),
            grant("g2", Granskning, "", 60_000, 60_000),
            grant("b1", Beslut, "41*", 60_000, 60_000),
        ],
        flows: vec![flow(
            10,
            "41*",
            &[Mottagning, Granskning, Beslut],
            Some("g1"),
            Some("KF"),
        )],
        templates: vec![template("KF", "4610", "4110")],
        ..RuleSet::default()
    };
    play(vec![Case {
        name: "80 000 split as 2 × 40 000 against a 60 000 per-invoice limit",
        rules,
        reference: "4110",
        net: kr(80_000),
        acts: vec![
            Act::Recode(
                "g1",
                vec![row(40_000, "4110", "4610"), row(40_000, "4120", "4610")],
                true,
            ),
            attest("MOTTAGNING#1", "m2", RejectedRule, "limit-invoice"),
            attest("MOTTAGNING#1", "m1", Accepted, "ok"),
            attest("GRANSKNING#1", "g2", RejectedRule, "limit-invoice"),
            attest("GRANSKNING#1", "g1", Accepted, "ok"),
            attest("BESLUT#1", "b1", RejectedRule, "limit-invoice"),
        ],
    }]);
}

#[test]
fn issue_18_also_no_return_or_reject_while_a_payment_block_is_set() {
    let rules = reviewed(vec![
        grant("b1", Beslut, "41*", 100_000, 100_000),
        grant("g2", Granskning, "4*", 100_000, 100_000),
    ]);
    play(vec![Case {
        name: "an objection that lost blocks payment; the open BESLUT step waits for the block",
        rules,
        reference: "4110",
        net: kr(5000),
        acts: vec![
            attest("GRANSKNING#1", "g1", Accepted, "ok"),
            decide_as(
                "GRANSKNING#1",
                "g2",
                Decision::Reject,
                Superseded,
                "superseded",
            ),
            Act::Blocked(true),
            decide_as("BESLUT#1", "b1", Decision::Return, RejectedRule, "blocked"),
            decide_as("BESLUT#1", "b1", Decision::Reject, RejectedRule, "blocked"),
            attest("BESLUT#1", "b1", RejectedRule, "blocked"),
            Act::Resolve("b1", Resolution::Resume, true),
            attest("BESLUT#1", "b1", Accepted, "ok"),
            Act::State(InvoiceState::Attested),
        ],
    }]);
}

#[test]
fn issue_18_tidsfrister_set_the_processing_period_and_the_lead_time() {
    use digilyft_core::workbook::Tidsfrist;
    let rules = |lead: u32| {
        let mut r = reviewed(vec![grant("b1", Beslut, "41*", 100_000, 100_000)]);
        r.grants.push(grant("c1", Beslut, "41*", 200_000, 200_000));
        r.grants
            .push(grant("c2", Beslut, "4*", 1_000_000, 1_000_000));
        r.managers = vec![chef("b1", "c1"), chef("c1", "c2")];
        r.tidsfrister = vec![
            Tidsfrist {
                attesttyp: None,
                handlaggningsdagar: None,
                paminn_fore_dagar: Some(5),
                eskalera_till_ko: None,
                betalningsledtid_dagar: Some(lead),
                row: 2,
            },
            Tidsfrist {
                attesttyp: Some(Beslut),
                handlaggningsdagar: Some(4),
                paminn_fore_dagar: None,
                eskalera_till_ko: Some("ekonomi-beslut".into()),
                betalningsledtid_dagar: None,
                row: 3,
            },
        ];
        r
    };
    // Due 2026-12-18. Lead time 3: deadline 12-15, window from 12-10; lead time 8: deadline
    // 12-10, window from 12-05.
    play(vec![
        Case {
            name: "BESLUT escalates once per 4 days",
            rules: rules(3),
            reference: "4110",
            net: kr(5000),
            acts: vec![
                attest("GRANSKNING#1", "g1", Accepted, "ok"),
                Act::Days(20), // 12-10
                Act::Escalate(1),
                Act::Assigned("BESLUT#1", Some("c1")),
                Act::Days(2),
                Act::Escalate(0),
                Act::Days(2),
                Act::Escalate(1),
                Act::Assigned("BESLUT#1", Some("c2")),
            ],
        },
        Case {
            name: "a longer payment lead time starts escalation earlier",
            rules: rules(8),
            reference: "4110",
            net: kr(5000),
            acts: vec![
                attest("GRANSKNING#1", "g1", Accepted, "ok"),
                Act::Days(14), // 12-04
                Act::Escalate(0),
                Act::Days(1), // 12-05
                Act::Escalate(1),
            ],
        },
    ]);
}

#[test]
fn two_in_association_assignees_stay_distinct_after_a_return() {
    // b1 (limit 3 000) is the ordinary beslutsattestant, b2 (limit 5 000, a second signer above
    // 2 500) b1's ersättare while b1 is away. b2 signs BESLUT#1 — for b1, or as themselves — so
    // BESLUT#2 is added for b1. When b2 returns BESLUT#2, BESLUT#1 goes back to b1, and b1 may
    // not be asked for both signatures of the two-person attest: BESLUT#2 goes to b2.
    let rules = || {
        let mut r = reviewed(vec![
            grant("b1", Beslut, "41*", 3_000, 3_000),
            two_over(grant("b2", Beslut, "41*", 5_000, 5_000), 2_500),
        ]);
        r.absences = vec![absence("b1", "b2", day(2026, 11, 1), day(2026, 12, 31))];
        r
    };
    let acts = |acting_for: Option<&'static str>| {
        let b2 = |step, decision| Act::Decide {
            step,
            actor: "b2",
            acting_for,
            decision,
            want: Accepted,
            code: "ok",
        };
        vec![
            Act::Labels(&["GRANSKNING#1", "BESLUT#1"]),
            Act::Assigned("BESLUT#1", Some("b1")),
            attest("GRANSKNING#1", "g1", Accepted, "ok"),
            b2("BESLUT#1", Decision::Attest),
            Act::Labels(&["GRANSKNING#1", "BESLUT#1", "BESLUT#2"]),
            Act::Assigned("BESLUT#2", Some("b1")),
            b2("BESLUT#2", Decision::Return),
            Act::State(InvoiceState::Returned),
            Act::Assigned("BESLUT#1", Some("b1")),
            Act::Assigned("BESLUT#2", Some("b2")),
            attest("BESLUT#1", "b1", Accepted, "ok"),
            attest("BESLUT#2", "b2", Accepted, "ok"),
            Act::State(InvoiceState::Attested),
        ]
    };
    play(vec![
        Case {
            name: "the ersättare signs BESLUT#1 for b1, then returns BESLUT#2",
            rules: rules(),
            reference: "4110",
            net: kr(2_999),
            acts: acts(Some("b1")),
        },
        Case {
            name: "b2 signs BESLUT#1 as themselves, then returns BESLUT#2",
            rules: rules(),
            reference: "4110",
            net: kr(2_999),
            acts: acts(None),
        },
    ]);
}
