//! Which invoices a registered absence covers: the absence-coverage rule, written once.
//!
//! A `Frånvaro` row lets its ersättare act for the absent person between `fran` and `till`, within
//! its *omfattning*: empty (ALLA) covers every invoice; otherwise a code pattern over ansvar, and
//! an invoice is covered only when **every** one of its kontering rows has an ansvar the pattern
//! lists. One row outside the omfattning means the substitute may not act on the invoice at all:
//! an attest is for the whole invoice, never for the rows one happens to cover.
//!
//! Invariants: pure; only the scope is decided here (who stands in for whom and on which days is
//! the caller's, e.g. [`crate::workbook::RuleSet::standing_in_for`]); an invoice without kontering
//! rows is covered by any omfattning, as there is no row outside it.

use super::CodingRow;
use crate::workbook::Absence;

/// Whether `absence`'s omfattning covers an invoice with the kontering `coding`: ALLA, or every
/// row's ansvar within the pattern.
pub fn covers(absence: &Absence, coding: &[CodingRow]) -> bool {
    absence.omfattning.is_empty() || coding.iter().all(|c| absence.omfattning.matches(&c.ansvar))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::CodePattern;
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
