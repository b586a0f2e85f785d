//! Validation: the official EN 16931, PEPPOL BIS 3, national and SFTI rules as native functions.
//!
//! Each rule is a [`RuleDef`]: its official id and flag, the business terms it concerns, our own
//! Swedish and English message, and a `check` function named after the id (`br_co_10`). A check
//! receives a [`Ctx`] (the document subtree under judgement) and reports every element on which the
//! rule's assertion fails through a [`Sink`] — exactly once per failing Schematron context node, so
//! that counts agree with the official artefacts.
//!
//! Rules are grouped in static lists per family (`cen`, `ubl_syntax`, `code_lists`, `peppol`,
//! `national`, `sfti`); [`RuleSetId`] picks a release and [`ruleset::rules_of`] composes the list
//! for it, with the version differences written out as data in `ruleset.rs`.
//!
//! Invariants: validation never fails and never panics on any well-formed input, including
//! fragments that are not schema-valid (a missing element is "absent"); rules only read.

mod context;
mod report;
pub mod ruleset;

pub(crate) mod cen;
pub(crate) mod code_lists;
pub(crate) mod national;
pub(crate) mod peppol;
pub(crate) mod sfti;
pub(crate) mod ubl_syntax;
pub(crate) mod vat_categories;
pub mod xpath;

pub use context::{Ctx, DocKind, Sink};
pub use report::{Fired, Report, Severity};
pub use ruleset::RuleSetId;

use crate::xml::Element;

/// One official rule (a Schematron assert), implemented natively.
#[derive(Debug)]
pub struct RuleDef {
    /// The official rule id, e.g. `BR-CO-10`, `PEPPOL-EN16931-R001`, `SE-R-013`.
    pub id: &'static str,
    /// The flag the rule carries in its family's base release (a release may override it).
    pub severity: Severity,
    /// Business terms and groups involved, e.g. `["BT-106", "BG-25"]`.
    pub bt: &'static [&'static str],
    /// Our English message.
    pub en: &'static str,
    /// Our Swedish message.
    pub sv: &'static str,
    /// Reports every context element on which the assertion fails.
    pub check: fn(&Ctx<'_>, &mut Sink<'_>),
}

/// Runs the given releases on the document (or fragment) rooted at `root`.
///
/// Never fails: a root that is not an invoice simply makes most rules find nothing to judge.
pub fn validate(root: Element<'_>, sets: &[RuleSetId]) -> Report {
    let cx = Ctx::new(root);
    let mut fired = Vec::new();
    for set in sets {
        for (rule, severity) in ruleset::rules_of(*set) {
            let mut sink = Sink::new(rule, *severity, *set, &mut fired);
            (rule.check)(&cx, &mut sink);
        }
    }
    Report {
        sets: sets.to_vec(),
        fired,
    }
}
