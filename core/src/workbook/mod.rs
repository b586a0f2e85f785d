//! The attestförteckning workbook (Excel): read, validate, diff, and write templates.
//!
//! Administrators keep the register of approvers in a workbook with the sheets `Attesträtt`,
//! `Frånvaro`, `Chef`, `Jäv`, `Flödesregler` and `Konteringsförslag` (spec §3; layout in
//! [`sheets`]), plus our optional `Nämnder` sheet: the ceilings each nämnd sets on the limits it
//! delegates and whether it allows only one ordinary attestant per code (the spec's import
//! validations name both checks but none of its sheets holds their figures). [`load`] reads one and runs every check; a rule set with any error is never
//! stored. Each [`Problem`] names the sheet, the cell and the reason. [`diff`] compares two rule
//! sets for review before activation; [`write`] produces the empty template (headers, notes,
//! drop-downs) and the filled sample.

mod check;
mod diff;
mod model;
mod read;
pub mod sample;
pub mod sheets;
mod write;

use chrono::NaiveDate;

pub use check::validate;
pub use diff::{Change, DiffLine, diff};
pub use model::*;
pub use read::{column_letters, read};
pub use write::write;

/// How serious a workbook problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Blocks import.
    Error,
    /// Reported; does not block.
    Warning,
}

/// One problem in a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Sheet name (empty for the whole file).
    pub sheet: &'static str,
    /// Cell reference, e.g. `C5` (empty for a whole sheet).
    pub cell: String,
    /// Column header.
    pub column: String,
    /// Reason.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sev = match self.severity {
            Severity::Error => "fel",
            Severity::Warning => "varning",
        };
        match (self.sheet.is_empty(), self.cell.is_empty()) {
            (true, _) => write!(f, "{sev}: {}", self.message),
            (false, true) => write!(f, "{sev}: {}: {}", self.sheet, self.message),
            (false, false) => write!(
                f,
                "{sev}: {}!{} ({}): {}",
                self.sheet, self.cell, self.column, self.message
            ),
        }
    }
}

/// Reads and validates a workbook. `Ok` carries the rules and any warnings; `Err` every problem
/// (at least one error).
pub fn load(bytes: &[u8], today: NaiveDate) -> Result<(RuleSet, Vec<Problem>), Vec<Problem>> {
    let (rules, mut problems) = read(bytes).map_err(|p| vec![p])?;
    problems.extend(validate(&rules, today));
    if problems.iter().any(|p| p.severity == Severity::Error) {
        problems.sort_by_key(|p| p.severity);
        return Err(problems);
    }
    Ok((rules, problems))
}
