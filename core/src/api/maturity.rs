//! Maturity self-assessments: the bundled models, answer templates, reading answer files,
//! scoring (anonymity enforced inside the scorer) and the report workbook with charts.

use std::path::Path;

use super::error::{ApiError, ErrorCode, Fault, Result};
use crate::maturity as io;

pub use digilyft_survey::{AnswerSet, Lang, Model, ScoreOptions, ScoreReport};

/// One bundled model, for a picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelInfo {
    /// Its id (`dmos-open`).
    pub id: String,
    /// Its version.
    pub version: String,
    /// Its name in Swedish.
    pub name: String,
    /// Items.
    pub items: usize,
    /// Categories.
    pub categories: usize,
}

/// Every bundled model.
pub fn models() -> Result<Vec<ModelInfo>> {
    digilyft_survey::bundled::ids()
        .map(|id| {
            let m = digilyft_survey::bundled::load(id).map_err(model_error)?;
            Ok(ModelInfo {
                id: id.to_string(),
                version: m.version.clone(),
                name: m.name.get(Lang::Sv).to_string(),
                items: m.item_count(),
                categories: m.categories.len(),
            })
        })
        .collect()
}

/// A model by bundled id or path to a `.toml` file.
pub fn load_model(spec: &str) -> Result<Model> {
    io::load_model(spec).map_err(model_error)
}

fn model_error(e: digilyft_survey::ModelError) -> ApiError {
    ApiError::new(ErrorCode::Validation, e.to_string())
}

/// An answer template (.xlsx) with drop-down lists, in `lang`.
pub fn template(model: &Model, lang: Lang) -> Result<Vec<u8>> {
    io::write_template(model, lang)
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("writing the template: {e}")))
}

/// Reads answer files (.xlsx, .ods, .csv) into one answer set. Any problem in any file is a
/// `validation` error with every problem as a fault (file, sheet, place, reason); nothing
/// partial is returned, so nothing partial can be scored.
pub fn read_answers(model: &Model, files: &[&Path], default_wave: &str) -> Result<AnswerSet> {
    io::read_answers(model, files, default_wave).map_err(|e| match e {
        io::ImportError::Problems(problems) => ApiError::new(
            ErrorCode::Validation,
            format!(
                "{} problem(s) in the answers; nothing was scored",
                problems.len()
            ),
        )
        .with_faults(
            problems
                .iter()
                .map(|p| Fault {
                    file: Some(p.file.clone()),
                    sheet: p.sheet.clone(),
                    cell: p.place.clone(),
                    message: p.to_string(),
                    ..Fault::default()
                })
                .collect(),
        ),
    })
}

/// Scores `answers` with `model`: indices, intervals, comparisons, action plan; no group below
/// the anonymity threshold is shown.
pub fn score(model: &Model, answers: &AnswerSet, opts: &ScoreOptions) -> Result<ScoreReport> {
    digilyft_survey::score(model, answers, opts)
        .map_err(|e| ApiError::new(ErrorCode::Validation, e.to_string()))
}

/// The report workbook (native Excel charts).
pub fn report(report: &ScoreReport) -> Result<Vec<u8>> {
    io::write_report(report)
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("writing the report: {e}")))
}

/// The texts [`report`] writes cut because they are longer than an Excel cell holds (32,767
/// characters), one line each naming the unit, role or wave: front ends show them as a warning.
pub fn report_cut_texts(report: &ScoreReport) -> Vec<String> {
    io::report_cut_texts(report)
}

/// An answer set written back out as CSV (the format form tools export), e.g. a synthetic sample.
pub fn answers_csv(model: &Model, answers: &AnswerSet) -> String {
    io::write_answers_csv(model, answers)
}

/// An answer set written back out as an .xlsx workbook.
pub fn answers_xlsx(model: &Model, answers: &AnswerSet) -> Result<Vec<u8>> {
    io::write_answers_xlsx(model, answers)
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("writing the answers: {e}")))
}
