//! Checks on who the flow rules ask to sign and when (warnings and errors for activation):
//! a named reviewer is only a choice among people holding the right, so a name without the
//! right, or one name for two review steps (a dualitet dead end), is reported; the optional
//! `Tidsfrister` sheet has at most one row per attest kind, the lead time only on `ALLA`, and a
//! processing time of at least one day.

use super::check::at;
use super::sheets;
use super::{Problem, Severity};
use crate::approval::StepKind;
use crate::approval::ruleset::*;

/// Named reviewers against their rights, and the `Tidsfrister` rows.
pub(super) fn check(rules: &RuleSet) -> Vec<Problem> {
    let mut p = named_reviewers(rules);
    p.extend(tidsfrister(rules));
    p
}

fn named_reviewers(rules: &RuleSet) -> Vec<Problem> {
    let fl = &sheets::FLODESREGLER;
    let mut p = Vec::new();
    for f in &rules.flows {
        let (Some(person), Flow::Steps(kinds)) = (&f.granskare_person_id, &f.steg) else {
            continue;
        };
        let review: Vec<StepKind> = kinds
            .iter()
            .copied()
            .filter(|k| *k != StepKind::Beslut)
            .collect();
        for k in &review {
            if !rules
                .grants
                .iter()
                .any(|g| &g.person_id == person && g.attesttyp == *k)
            {
                p.push(at(
                    fl,
                    f.row,
                    "granskare_person_id",
                    Severity::Warning,
                    format!(
                        "{person} holds no {k} grant: naming grants no right, so the {k} step \
                         goes to the queue"
                    ),
                ));
            }
        }
        if review.len() > 1 {
            let names: Vec<&str> = review.iter().map(|k| k.as_str()).collect();
            p.push(at(
                fl,
                f.row,
                "granskare_person_id",
                Severity::Warning,
                format!(
                    "{person} is named for {}: duality lets one person sign only one of them, \
                     the other waits for someone else",
                    names.join(" and ")
                ),
            ));
        }
    }
    p
}

fn tidsfrister(rules: &RuleSet) -> Vec<Problem> {
    let ts = &sheets::TIDSFRISTER;
    let mut p = Vec::new();
    for (i, t) in rules.tidsfrister.iter().enumerate() {
        let name = t.attesttyp.map_or("ALLA", |k| k.as_str());
        if let Some(first) = rules.tidsfrister[..i]
            .iter()
            .find(|o| o.attesttyp == t.attesttyp)
        {
            p.push(at(
                ts,
                t.row,
                "attesttyp",
                Severity::Error,
                format!("{name} is also on row {}", first.row),
            ));
        }
        if t.attesttyp.is_some() && t.betalningsledtid_dagar.is_some() {
            p.push(at(
                ts,
                t.row,
                "betalningsledtid_dagar",
                Severity::Error,
                "the payment lead time belongs on the ALLA row (one payment run for all steps)"
                    .into(),
            ));
        }
        if t.handlaggningsdagar == Some(0) {
            p.push(at(
                ts,
                t.row,
                "handläggningsdagar",
                Severity::Error,
                "a processing time is at least 1 day".into(),
            ));
        }
    }
    p
}
