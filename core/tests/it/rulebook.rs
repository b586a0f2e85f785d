//! Small attestförteckningar written row by row (the sample's sheet layout), and a runner for
//! table tests: a store with the rules active, one invoice, a list of actions, each with the
//! outcome it must have.

#![allow(dead_code)]

use chrono::NaiveDate;
use digilyft_core::approval::{
    CodingRow, Decision, InvoiceState, Outcome, Resolution, StepKind, StepState,
};
use digilyft_core::clock::FixedClock;
use digilyft_core::store::{Store, StoreError};
use digilyft_core::synth::SynthInvoice;
use digilyft_core::workbook::{
    Absence, AmountBasis, Basis, CodePattern, Conflict, ConflictKind, DocFilter, Flow, FlowRule,
    Grant, ManagerLink, Matching, Namnd, RuleSet, TemplateRow,
};
use rust_decimal::Decimal;

use crate::common::*;

/// The supplier of every table-test invoice.
pub const SUPPLIER: &str = "5561234567";

fn pat(s: &str) -> CodePattern {
    CodePattern::parse(s).expect("pattern")
}

/// An `Attesträtt` row: ORDINARIE, nämnd "KS", EXKL_MOMS, valid from 2025-01-01, no two-signer
/// threshold or duality exception.
pub fn grant(person: &str, kind: StepKind, ansvar: &str, per_row: i64, per_invoice: i64) -> Grant {
    Grant {
        rad_id: String::new(),
        namnd: "KS".into(),
        attesttyp: kind,
        person_id: person.into(),
        namn: String::new(),
        befattning: String::new(),
        grund: Basis::Ordinarie,
        ersatter_person_id: None,
        ansvar: pat(ansvar),
        verksamhet: CodePattern::default(),
        aktivitet: CodePattern::default(),
        projekt: CodePattern::default(),
        objekt: CodePattern::default(),
        konto: CodePattern::default(),
        undantag_konto: CodePattern::default(),
        leverantor_orgnr: None,
        grans_per_rad: Decimal::from(per_row),
        grans_per_faktura: Decimal::from(per_invoice),
        belopp_bas: AmountBasis::ExklMoms,
        tva_i_forening_over: Decimal::ZERO,
        far_granska_och_besluta_under: Decimal::ZERO,
        giltig_fran: day(2025, 1, 1),
        giltig_till: None,
        beslut_ref: "KS 2024-12-04 § 112".into(),
        kommentar: String::new(),
        row: 0,
    }
}

/// The same grant with a two-signer threshold.
pub fn two_over(mut g: Grant, over: i64) -> Grant {
    g.tva_i_forening_over = Decimal::from(over);
    g
}

/// An ERSÄTTARE grant standing in for `replaces`.
pub fn substitute(mut g: Grant, replaces: &str) -> Grant {
    g.grund = Basis::Ersattare;
    g.ersatter_person_id = Some(replaces.into());
    g
}

/// A `Flödesregler` row for referenskod `reference`: FAKTURA, steps `steg`, a named reviewer,
/// a kontering template.
pub fn flow(
    prio: i64,
    reference: &str,
    steg: &[StepKind],
    granskare: Option<&str>,
    template: Option<&str>,
) -> FlowRule {
    FlowRule {
        prio,
        dokumenttyp: DocFilter::Faktura,
        leverantor_orgnr: None,
        referenskod: pat(reference),
        orderref_kravs: false,
        kontrakt_id: None,
        belopp_min: None,
        belopp_max: None,
        forvantat_belopp: None,
        tolerans_pct: None,
        tolerans_sek: None,
        max_per_manad: None,
        matchning: Matching::Ingen,
        steg: Flow::Steps(steg.to_vec()),
        granskare_person_id: granskare.map(str::to_string),
        ko: None,
        auto_attest_av_person_id: None,
        konteringsforslag_id: template.map(str::to_string),
        giltig_fran: None,
        giltig_till: None,
        beslut_ref: String::new(),
        row: 0,
    }
}

/// A one-row `Konteringsförslag` (100 %).
pub fn template(kf: &str, konto: &str, ansvar: &str) -> TemplateRow {
    TemplateRow {
        kf_id: kf.into(),
        rad: 1,
        andel_pct: Decimal::from(100),
        konto: konto.into(),
        ansvar: ansvar.into(),
        verksamhet: String::new(),
        aktivitet: String::new(),
        projekt: String::new(),
        objekt: String::new(),
        motpart: String::new(),
        momskod: "AVDRAGSGILL".into(),
        row: 0,
    }
}

/// A `Chef` row.
pub fn chef(person: &str, manager: &str) -> ManagerLink {
    ManagerLink {
        person_id: person.into(),
        chef_person_id: manager.into(),
        giltig_fran: day(2025, 1, 1),
        giltig_till: None,
        row: 0,
    }
}

/// A `Jäv` row (for the table-test supplier when `supplier` is true).
pub fn conflict(person: &str, typ: ConflictKind, supplier: bool) -> Conflict {
    Conflict {
        person_id: person.into(),
        typ,
        leverantor_orgnr: supplier.then(|| SUPPLIER.to_string()),
        giltig_fran: day(2025, 1, 1),
        giltig_till: None,
        beslut_ref: String::new(),
        row: 0,
    }
}

/// A `Frånvaro` row, omfattning ALLA.
pub fn absence(person: &str, substitute: &str, from: NaiveDate, till: NaiveDate) -> Absence {
    Absence {
        person_id: person.into(),
        ersattare_person_id: substitute.into(),
        fran: from,
        till,
        omfattning: CodePattern::default(),
        orsak: "Semester".into(),
        registrerad_av: "admin".into(),
        row: 0,
    }
}

/// A `Nämnder` row for "KS" with a ceiling for signing alone.
pub fn namnd(two_signer_ceiling: Option<i64>) -> Namnd {
    Namnd {
        namnd: "KS".into(),
        tak_per_rad: None,
        tak_per_faktura: None,
        tak_tva_i_forening: two_signer_ceiling.map(Decimal::from),
        en_ordinarie_per_kod: false,
        beslut_ref: "KS 2024-12-04 § 112".into(),
        kommentar: String::new(),
        row: 0,
    }
}

/// Numbers every row as the workbook would (row 2 on, `rad_id` AR-0001 on) and sorts the flows.
pub fn numbered(mut r: RuleSet) -> RuleSet {
    for (i, g) in r.grants.iter_mut().enumerate() {
        g.row = i as u32 + 2;
        g.rad_id = format!("AR-{:04}", i + 1);
    }
    for (i, f) in r.flows.iter_mut().enumerate() {
        f.row = i as u32 + 2;
    }
    for (i, t) in r.templates.iter_mut().enumerate() {
        t.row = i as u32 + 2;
    }
    for (i, m) in r.managers.iter_mut().enumerate() {
        m.row = i as u32 + 2;
    }
    for (i, c) in r.conflicts.iter_mut().enumerate() {
        c.row = i as u32 + 2;
    }
    for (i, a) in r.absences.iter_mut().enumerate() {
        a.row = i as u32 + 2;
    }
    for (i, n) in r.namnder.iter_mut().enumerate() {
        n.row = i as u32 + 2;
    }
    r.flows.sort_by_key(|f| f.prio);
    r
}

/// An in-memory store with `rules` written as a workbook, read back and activated.
pub fn store_with(rules: &RuleSet, clock: &FixedClock) -> Store {
    let rules = numbered(rules.clone());
    let bytes = digilyft_core::workbook::write(&rules).expect("workbook");
    let (read, problems) = digilyft_core::workbook::read(&bytes).expect("readable");
    assert!(problems.is_empty(), "{problems:?}");
    let mut store = Store::open_in_memory().expect("store");
    let v = store
        .add_ruleset("t.xlsx", &bytes, &read, "admin", "KS", clock)
        .expect("add");
    store.activate_ruleset(v, "admin", clock).expect("activate");
    store
}

/// An invoice from [`SUPPLIER`] with referenskod `reference` and one line of `net` SEK (25 %
/// VAT on top), due 2026-12-18.
pub fn one_line(number: &str, reference: &str, net: Decimal) -> SynthInvoice {
    let mut inv = invoice(SUPPLIER, "Leverantören AB", number, reference, &[]);
    inv.lines = vec![("Tjänst".into(), net)];
    inv
}

/// A kontering row: amount, ansvar, konto, momskod AVDRAGSGILL.
pub fn row(amount: i64, ansvar: &str, konto: &str) -> CodingRow {
    CodingRow {
        amount: Decimal::from(amount),
        konto: konto.into(),
        ansvar: ansvar.into(),
        momskod: "AVDRAGSGILL".into(),
        ..CodingRow::default()
    }
}

/// One action of a table test and what it must come to.
#[derive(Debug, Clone)]
pub enum Act {
    /// `actor` sets the kontering to these rows; `ok` whether the store accepts it.
    Recode(&'static str, Vec<CodingRow>, bool),
    /// A decision on a step (by label) and the outcome and reason code it must get ("" = any).
    Decide {
        step: &'static str,
        actor: &'static str,
        acting_for: Option<&'static str>,
        decision: Decision,
        want: Outcome,
        code: &'static str,
    },
    /// `actor` resolves a dispute or block; `ok` whether it is allowed.
    Resolve(&'static str, Resolution, bool),
    /// One run of escalation and how many steps it must move.
    Escalate(usize),
    /// The clock moves on this many days.
    Days(i64),
    /// The step (by label) must be assigned to this person, or sit in a queue (None).
    Assigned(&'static str, Option<&'static str>),
    /// The invoice must be in this state.
    State(InvoiceState),
    /// The invoice's payment block must be set or not.
    Blocked(bool),
    /// The invoice's steps must have these labels, in order.
    Labels(&'static [&'static str]),
    /// This many steps may still be acted on (OPEN or WAITING).
    Actionable(usize),
}

/// Shorthand for a [`Act::Decide`] of ATTEST without ersättare.
pub fn attest(step: &'static str, actor: &'static str, want: Outcome, code: &'static str) -> Act {
    Act::Decide {
        step,
        actor,
        acting_for: None,
        decision: Decision::Attest,
        want,
        code,
    }
}

/// Runs `acts` in order on invoice `id`, panicking with `name` and the step index on the first
/// action that does not come out as stated.
pub fn run(name: &str, store: &mut Store, id: i64, acts: &[Act], clock: &FixedClock) {
    for (i, a) in acts.iter().enumerate() {
        let at = format!("{name}, action {} {a:?}", i + 1);
        match a {
            Act::Recode(actor, rows, ok) => {
                let r = store.set_kontering(id, rows.clone(), actor, clock);
                assert_eq!(r.is_ok(), *ok, "{at}: {:?}", r.err().map(|e| e.to_string()));
            }
            Act::Decide {
                step,
                actor,
                acting_for,
                decision,
                want,
                code,
            } => {
                let mut env = envelope(store, id, step, *decision, actor, *acting_for, clock);
                env.decision_id = format!("{name}-{i}");
                let r = store.decide(&env, clock).expect(&at);
                assert_eq!(r.outcome, *want, "{at}: {r:?}");
                if !code.is_empty() {
                    assert_eq!(r.reason_code, *code, "{at}: {r:?}");
                }
            }
            Act::Resolve(actor, resolution, ok) => {
                let r = store.resolve(id, actor, *resolution, "svar från leverantören", clock);
                match r {
                    Ok(_) => assert!(*ok, "{at}: resolved"),
                    Err(StoreError::Refused { .. }) => assert!(!*ok, "{at}: refused"),
                    Err(e) => panic!("{at}: {e}"),
                }
            }
            Act::Escalate(n) => {
                assert_eq!(store.escalate(clock).expect(&at), *n, "{at}");
            }
            Act::Days(d) => clock.advance(d * 86_400),
            Act::Assigned(step, who) => {
                let wf = store.invoice_detail(id).expect(&at).workflow;
                let s = wf
                    .steps
                    .iter()
                    .find(|s| s.label == *step)
                    .unwrap_or_else(|| panic!("{at}: no step in {:?}", wf.steps));
                assert_eq!(s.assignee.as_deref(), *who, "{at}: {:?}", wf.steps);
            }
            Act::State(want) => {
                let s = store.invoice_summary(id).expect(&at).state;
                assert_eq!(s, *want, "{at}");
            }
            Act::Labels(want) => {
                let wf = store.invoice_detail(id).expect(&at).workflow;
                let got: Vec<&str> = wf.steps.iter().map(|s| s.label.as_str()).collect();
                assert_eq!(got, *want, "{at}: {:?}", wf.steps);
            }
            Act::Actionable(want) => {
                let wf = store.invoice_detail(id).expect(&at).workflow;
                let n = wf
                    .steps
                    .iter()
                    .filter(|s| matches!(s.state, StepState::Open | StepState::Waiting))
                    .count();
                assert_eq!(n, *want, "{at}: {:?}", wf.steps);
            }
            Act::Blocked(want) => {
                let b = store.invoice_summary(id).expect(&at).payment_block;
                assert_eq!(b, *want, "{at}");
            }
        }
    }
}

/// One table test: a workbook, an invoice of `net` SEK with referenskod `reference`, actions.
pub struct Case {
    /// What the case shows.
    pub name: &'static str,
    /// The attestförteckning.
    pub rules: RuleSet,
    /// BT-10.
    pub reference: &'static str,
    /// BT-109 (one line; 25 % VAT on top).
    pub net: Decimal,
    /// What happens, each with what it must come to.
    pub acts: Vec<Act>,
}

/// Plays every case in a fresh store on 2026-11-20.
pub fn play(cases: Vec<Case>) {
    for c in cases {
        let clock = clock();
        let mut store = store_with(&c.rules, &clock);
        let id = import(&mut store, &one_line("T-1", c.reference, c.net), &clock);
        run(c.name, &mut store, id, &c.acts, &clock);
        assert!(store.verify_audit().expect("audit").is_ok(), "{}", c.name);
    }
}
