//! Spreadsheet I/O for maturity self-assessments (the scoring itself is `digilyft-survey`).
//!
//! * [`read_answers`]: answers from .xlsx/.xls/.ods (calamine) and .csv files as exported by form
//!   tools — one row per respondent, columns matched to questions by id or exact question text.
//!   Every problem is reported with file, sheet, cell and reason; if there is any, nothing is
//!   returned, so nothing partial can be scored.
//! * [`write_template`]: an answer sheet with drop-down lists for people who collect answers on
//!   paper or in Excel.
//! * [`write_report`]: the report workbook with native Excel charts (summary, radar of categories
//!   against the previous wave and target, bars per unit, role and wave, item table,
//!   reliability, priorities, action plan). Numbers are written as numbers with formats.
//! * [`write_answers_csv`] / [`write_answers_xlsx`]: answer sets written back out (the bundled
//!   sample under `assets/samples/` is made this way, reproducibly).

mod csv;
mod import;
mod report;
mod sample;
mod template;

use digilyft_survey::{Model, ModelError, bundled};

pub use import::{ImportError, ImportProblem, read_answers};
pub use report::{cut_texts as report_cut_texts, write_report};
pub use sample::{write_answers_csv, write_answers_xlsx};
pub use template::write_template;

/// Loads a model by bundled id (`dmos-open`, `digg-ramverk`, `mariehamn-lyft`) or from a path to
/// a `.toml` file.
pub fn load_model(spec: &str) -> Result<Model, ModelError> {
    if bundled::source(spec).is_some() {
        return bundled::load(spec);
    }
    let path = std::path::Path::new(spec);
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        || path.exists()
    {
        let text = std::fs::read_to_string(path).map_err(|e| ModelError::Syntax {
            origin: spec.to_owned(),
            message: format!("cannot read the file: {e}"),
        })?;
        return Model::from_toml(&text, spec);
    }
    bundled::load(spec)
}

pub(crate) use crate::workbook::column_letters;

#[cfg(test)]
mod tests;
