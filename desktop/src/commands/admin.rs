//! The finance office's administrator: the attestförteckning (import a workbook with every
//! problem by sheet, cell and reason; the diff against the active version; activate; the
//! versions; save the template) and the ledger export.
//!
//! Paths are typed or pasted into the window (the app has no native file dialog yet). Files are
//! read and written here, at the edge; what they mean is core's. Nothing is ever overwritten: a
//! file that exists already is a `conflict`.

use std::path::{Path, PathBuf};

use serde::Serialize;
use tauri::State;

use digilyft_core::api::rules::{
    self, Change, DiffLine, DiffSource, Problem, RulesDiff, RulesImport, Severity,
};
use digilyft_core::api::{self as core_api, audit};

use crate::{ApiError, ErrorCode, StoreHandle};

/// One problem of a workbook, by sheet, cell and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProblemDto {
    /// `error` (blocks the import) or `warning`.
    pub severity: String,
    /// The sheet (empty: the whole file).
    pub sheet: String,
    /// The cell (`C5`; empty: the whole sheet).
    pub cell: String,
    /// The column header.
    pub column: String,
    /// The reason (Swedish, from the workbook reader).
    pub message: String,
}

impl From<&Problem> for ProblemDto {
    fn from(p: &Problem) -> Self {
        ProblemDto {
            severity: match p.severity {
                Severity::Error => "error".into(),
                _ => "warning".into(),
            },
            sheet: p.sheet.to_owned(),
            cell: p.cell.clone(),
            column: p.column.clone(),
            message: p.message.clone(),
        }
    }
}

/// What importing a workbook did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RulesImportDto {
    /// `true` when it was stored as a new version; `false`: refused, nothing stored.
    pub stored: bool,
    /// The new version.
    pub version: Option<i64>,
    /// Grants in it.
    pub grants: usize,
    /// Flow rules in it.
    pub flows: usize,
    /// Invoices routed, when it was activated too.
    pub routed: Option<usize>,
    /// Every problem (errors when refused; warnings otherwise).
    pub problems: Vec<ProblemDto>,
}

fn read_file(path: &str) -> Result<(String, Vec<u8>), ApiError> {
    let p = Path::new(path.trim());
    if p.as_os_str().is_empty() {
        return Err(ApiError::new(ErrorCode::Validation, "no file given"));
    }
    let bytes = std::fs::read(p).map_err(|e| core_api::ApiError::io(p.display(), &e))?;
    let name = p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok((name, bytes))
}

/// Writes `bytes` to the new file `path` (atomically, never overwriting, never through a link)
/// and returns its full path.
fn write_new(path: &str, bytes: &[u8]) -> Result<SavedDto, ApiError> {
    let p = PathBuf::from(path.trim());
    if p.as_os_str().is_empty() {
        return Err(ApiError::new(ErrorCode::Validation, "no file given"));
    }
    core_api::files::save_file(&p, bytes, core_api::files::Overwrite::Never)?;
    Ok(SavedDto {
        path: p.display().to_string(),
        bytes: bytes.len(),
    })
}

/// Imports the attestförteckning workbook at `path` as a new version adopted by `decision_ref`
/// (the nämnd's decision), as `user`, and activates it when `activate` is set.
#[tauri::command]
pub fn import_rules(
    store: State<'_, StoreHandle>,
    user: Option<String>,
    path: String,
    decision_ref: String,
    activate: bool,
) -> Result<RulesImportDto, ApiError> {
    let (name, bytes) = read_file(&path)?;
    if decision_ref.trim().is_empty() {
        return Err(ApiError::new(
            ErrorCode::Validation,
            "name the decision adopting the attestförteckning (e.g. KS 2026-12-04 § 112)",
        ));
    }
    let imported = store.with_context(user.as_deref(), |ws, ctx| {
        rules::import_workbook(ws, ctx, &name, &bytes, decision_ref.trim(), activate)
    })?;
    Ok(match imported {
        RulesImport::Refused { problems } => RulesImportDto {
            stored: false,
            version: None,
            grants: 0,
            flows: 0,
            routed: None,
            problems: problems.iter().map(ProblemDto::from).collect(),
        },
        RulesImport::Stored {
            version,
            grants,
            flows,
            routed,
            warnings,
        } => RulesImportDto {
            stored: true,
            version: Some(version),
            grants,
            flows,
            routed,
            problems: warnings.iter().map(ProblemDto::from).collect(),
        },
    })
}

/// One changed entry of the attestförteckning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiffLineDto {
    /// The sheet.
    pub sheet: String,
    /// The entry's key (`AR-0042`, `prio 10`).
    pub key: String,
    /// `added`, `removed` or `changed`.
    pub change: String,
    /// For `changed`: every field with its old and new value.
    pub fields: Vec<FieldChangeDto>,
}

/// One changed field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldChangeDto {
    /// The column.
    pub field: String,
    /// Before.
    pub old: String,
    /// After.
    pub new: String,
}

impl From<&DiffLine> for DiffLineDto {
    fn from(d: &DiffLine) -> Self {
        let (change, fields) = match &d.change {
            Change::Added => ("added", Vec::new()),
            Change::Removed => ("removed", Vec::new()),
            Change::Changed(f) => (
                "changed",
                f.iter()
                    .map(|(field, old, new)| FieldChangeDto {
                        field: field.clone(),
                        old: old.clone(),
                        new: new.clone(),
                    })
                    .collect(),
            ),
        };
        DiffLineDto {
            sheet: d.sheet.to_owned(),
            key: d.key.clone(),
            change: change.to_owned(),
            fields,
        }
    }
}

/// The differences against the active version, or why the workbook cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RulesDiffDto {
    /// The workbook's problems (then `lines` is empty).
    pub problems: Vec<ProblemDto>,
    /// What changes (empty with no problems: nothing).
    pub lines: Vec<DiffLineDto>,
}

/// What the workbook at `path` (None: the newest stored version) changes against the active
/// version.
#[tauri::command]
pub fn diff_rules(
    store: State<'_, StoreHandle>,
    path: Option<String>,
) -> Result<RulesDiffDto, ApiError> {
    let file = path
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .map(read_file)
        .transpose()?;
    let diff = store.with_context(None, |ws, ctx| {
        let source = match &file {
            Some((_, bytes)) => DiffSource::Workbook(bytes),
            None => DiffSource::Newest,
        };
        rules::diff(ws, ctx, source)
    })?;
    Ok(match diff {
        RulesDiff::Refused { problems } => RulesDiffDto {
            problems: problems.iter().map(ProblemDto::from).collect(),
            lines: Vec::new(),
        },
        RulesDiff::Lines(lines) => RulesDiffDto {
            problems: Vec::new(),
            lines: lines.iter().map(DiffLineDto::from).collect(),
        },
    })
}

/// What activating did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivatedDto {
    /// The version now active.
    pub version: i64,
    /// Invoices routed by it.
    pub routed: usize,
}

/// Activates `version` (None: the newest stored) as `user` and routes the waiting invoices.
#[tauri::command]
pub fn activate_rules(
    store: State<'_, StoreHandle>,
    user: Option<String>,
    version: Option<i64>,
) -> Result<ActivatedDto, ApiError> {
    let (version, routed) =
        store.with_context(user.as_deref(), |ws, ctx| rules::activate(ws, ctx, version))?;
    Ok(ActivatedDto { version, routed })
}

/// One stored version of the attestförteckning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionDto {
    /// Version number.
    pub version: i64,
    /// The workbook's file name.
    pub source_name: String,
    /// When it was imported (RFC 3339).
    pub imported_at: String,
    /// By whom.
    pub imported_by: String,
    /// The decision adopting it.
    pub decision_ref: String,
    /// When it was activated.
    pub activated_at: Option<String>,
    /// The one in force now.
    pub active: bool,
    /// Grants.
    pub grants: usize,
    /// Flow rules.
    pub flows: usize,
}

/// Every stored version, oldest first.
#[tauri::command]
pub fn list_rule_versions(store: State<'_, StoreHandle>) -> Result<Vec<VersionDto>, ApiError> {
    let all = store.with_workspace(|ws| rules::versions(ws))?;
    Ok(all
        .into_iter()
        .map(|v| VersionDto {
            version: v.version,
            source_name: v.source_name,
            imported_at: v.imported_at.to_rfc3339(),
            imported_by: v.imported_by,
            decision_ref: v.decision_ref,
            activated_at: v.activated_at.map(|t| t.to_rfc3339()),
            active: v.active,
            grants: v.grants,
            flows: v.flows,
        })
        .collect())
}

/// A file written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedDto {
    /// Where.
    pub path: String,
    /// How many bytes.
    pub bytes: usize,
}

/// Saves the empty attestförteckning template (with `sample`, the filled sample workbook) as the
/// new file `path`.
#[tauri::command]
pub fn save_rules_template(path: String, sample: bool) -> Result<SavedDto, ApiError> {
    let bytes = rules::template(sample)?;
    write_new(&path, &bytes)
}

/// Exports the ledger workbook (every invoice, its kontering, who attested when, the audit log's
/// head) as the new file `path`.
#[tauri::command]
pub fn export_ledger(store: State<'_, StoreHandle>, path: String) -> Result<SavedDto, ApiError> {
    let bytes = store.with_context(None, |ws, ctx| audit::ledger(ws, ctx))?;
    write_new(&path, &bytes)
}
