//! The attestförteckning workbook (Excel): read, validate, diff, and write templates.
//!
//! Administrators keep the register of approvers in a workbook with the sheets `Attesträtt`,
//! `Frånvaro`, `Chef`, `Jäv`, `Flödesregler` and `Konteringsförslag` (spec §3; layout in
//! [`sheets`]), plus our optional `Nämnder` sheet. The spec's import validations name "limits
//! above the nämnd's own ceiling" and "overlapping ORDINARIE grants where the nämnd demands one
//! per code", but none of its sheets holds those figures, so `Nämnder` has one row per nämnd:
//! `tak_per_rad_sek`, `tak_per_faktura_sek`, `tak_två_i_förening_sek` (empty = no ceiling),
//! `en_ordinarie_per_kod` (J/N), the decision that set them (`beslut_ref`) and `kommentar`.
//!
//! Invariants [`load`] enforces (each [`Problem`] names the sheet, the cell, the column and the
//! reason; a rule set with any error is never stored):
//! * without `Nämnder` (older workbooks), or with the sheet left empty, nothing is checked
//!   against ceilings and one warning says so;
//! * with rows, every nämnd used in `Attesträtt.nämnd` has exactly one row (else an error on the
//!   `Attesträtt` cell, or on the duplicate `Nämnder` row);
//! * a grant's `gräns_per_rad_sek` / `gräns_per_faktura_sek` above its nämnd's ceiling is an error
//!   quoting the ceiling and its `beslut_ref`; a BESLUT grant whose `två_i_förening_över_sek` is
//!   above `tak_två_i_förening_sek` (or is 0 while its invoice limit is above it) is an error;
//! * where `en_ordinarie_per_kod = J`, two different people with ORDINARIE grants of the same
//!   attesttyp for overlapping codes and periods are an error; elsewhere equal overlapping
//!   grants are only a warning (hierarchies overlap on purpose).
//!
//! The optional `Tidsfrister` sheet (also ours; spec §1.5 asks for these figures per step) gives
//! per attest kind (or `ALLA`) `handläggningsdagar` (escalate at most once per so many days),
//! `påminn_före_dagar`, `eskalera_till_kö`, and on the `ALLA` row `betalningsledtid_dagar`;
//! without it the engine's policy applies ([`crate::approval::Policy::under`]).
//!
//! [`diff`] compares two rule sets entry by entry for review before activation (ceiling changes
//! show as `Nämnder` lines); [`write`] produces the empty template (headers, notes, drop-downs)
//! and the filled [`sample`].

mod assignment;
mod check;
mod diff;
mod overlap;
mod read;
pub mod sample;
pub mod sheets;
mod write;

use chrono::NaiveDate;

pub use crate::approval::ruleset::*;
pub use check::validate;
pub use diff::{Change, DiffLine, diff};
pub use read::{column_letters, read, read_named};
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
    load_named("the workbook", bytes, today)
}

/// [`load`] for the file the user named `file` (named in a refusal by the spreadsheet guard).
pub fn load_named(
    file: &str,
    bytes: &[u8],
    today: NaiveDate,
) -> Result<(RuleSet, Vec<Problem>), Vec<Problem>> {
    let (rules, mut problems) = read_named(file, bytes).map_err(|p| vec![p])?;
    problems.extend(validate(&rules, today));
    if problems.iter().any(|p| p.severity == Severity::Error) {
        problems.sort_by_key(|p| p.severity);
        return Err(problems);
    }
    Ok((rules, problems))
}
