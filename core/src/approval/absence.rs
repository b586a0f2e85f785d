//! Which invoices a registered absence covers: the absence-coverage rule, written once.
//!
//! A `Frånvaro` row lets its ersättare act for the absent person between `fran` and `till`, within
//! its *omfattning*: empty (ALLA) covers every invoice; otherwise a code pattern over ansvar, and
//! an invoice is covered only when **every** one of its kontering rows has an ansvar the pattern
//! lists. One row outside the omfattning means the substitute may not act on the invoice at all:
//! an attest is for the whole invoice, never for the rows one happens to cover.
//!
//! Invariants: pure; only the scope is decided here (who stands in for whom and on which days is
//! the caller's, e.g. [`super::ruleset::RuleSet::standing_in_for`]); an invoice without kontering
//! rows is covered by any omfattning, as there is no row outside it.

use chrono::NaiveDate;

use super::ruleset::{Absence, RuleSet};
use super::{CodingRow, Step};

/// Whether `absence`'s omfattning covers an invoice with the kontering `coding`: ALLA, or every
/// row's ansvar within the pattern.
pub fn covers(absence: &Absence, coding: &[CodingRow]) -> bool {
    absence.omfattning.is_empty() || coding.iter().all(|c| absence.omfattning.matches(&c.ansvar))
}

/// Whom `actor` stands in for when deciding `step` on `day`, when nobody says: the absent person
/// the step was escalated away from, when it now waits on `actor` as their ersättare; else the
/// step's assignee, when a registered absence makes `actor` that person's ersättare today; else
/// nobody (the actor signs as themselves). Never the actor themselves: on a step their
/// ersättare already signed for them, `step.acting_for` names the actor, who then objects as
/// themselves. The engine still checks the absence and its omfattning when it judges the
/// decision.
pub fn acting_for(step: &Step, actor: &str, rules: &RuleSet, day: NaiveDate) -> Option<String> {
    if step.assignee.as_deref() == Some(actor) {
        return step.acting_for.clone().filter(|p| p != actor);
    }
    let assignee = step.assignee.as_deref()?;
    rules
        .standing_in_for(actor, day)
        .find(|a| a.person_id == assignee)
        .map(|a| a.person_id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::approval::ruleset::CodePattern;
    use chrono::NaiveDate;

    fn absence(omfattning: &str) -> Absence {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("date");
        Absence {
            person_id: "u210".into(),
            ersattare_person_id: "u240".into(),
            fran: day(16),
            till: day(30),
            omfattning: CodePattern::parse(omfattning).expect("pattern"),
            orsak: "Semester".into(),
            registrerad_av: "u200".into(),
            row: 2,
        }
    }

    fn rows(ansvar: &[&str]) -> Vec<CodingRow> {
        ansvar
            .iter()
            .map(|a| CodingRow {
                ansvar: (*a).to_string(),
                ..CodingRow::default()
            })
            .collect()
    }

    #[test]
    fn who_the_actor_stands_in_for() {
        let rules = RuleSet {
            absences: vec![absence("")],
            ..RuleSet::default()
        };
        let step = |assignee: &str, acting_for: Option<&str>| Step {
            seq: 0,
            kind: super::super::StepKind::Beslut,
            label: "BESLUT#1".into(),
            state: super::super::StepState::Open,
            assignee: Some(assignee.into()),
            queue: None,
            revision: 1,
            decided_by: None,
            acting_for: acting_for.map(Into::into),
            decided_at: None,
            decision_id: None,
            auto_rule: None,
            escalated_at: None,
        };
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("date");
        // (step assignee, step acting_for, actor, day, expected)
        type Case<'a> = (&'a str, Option<&'a str>, &'a str, u32, Option<&'a str>);
        let table: &[Case<'_>] = &[
            ("u210", None, "u240", 20, Some("u210")),
            ("u210", None, "u240", 10, None),
            ("u210", None, "u999", 20, None),
            ("u210", None, "u210", 20, None),
            ("u240", Some("u210"), "u240", 10, Some("u210")),
            ("u240", None, "u240", 20, None),
        ];
        for (assignee, escalated_for, actor, d, want) in table {
            let got = acting_for(&step(assignee, *escalated_for), actor, &rules, day(*d));
            assert_eq!(
                got.as_deref(),
                *want,
                "{assignee} {escalated_for:?} {actor} on {d}"
            );
        }
    }

    #[test]
    fn an_absence_covers_an_invoice_only_when_every_row_is_within_its_omfattning() {
        // (omfattning, ansvar of the kontering rows, covered?)
        let table: &[(&str, &[&str], bool)] = &[
            ("", &["4110"], true),
            ("", &["4110", "9999"], true),
            ("", &[], true),
            ("4110", &["4110"], true),
            ("4110", &["4120"], false),
            ("41*", &["4110", "4120"], true),
            ("41*", &["4110", "4210"], false),
            ("4100-4199", &["4150"], true),
            ("4100-4199", &["41500"], false),
            ("4110;4210", &["4210", "4110"], true),
            ("4110;4210", &["4210", "4310"], false),
            ("41*", &[], true),
        ];
        for &(omfattning, ansvar, want) in table {
            assert_eq!(
                covers(&absence(omfattning), &rows(ansvar)),
                want,
                "omfattning {omfattning:?}, ansvar {ansvar:?}"
            );
        }
    }
}
