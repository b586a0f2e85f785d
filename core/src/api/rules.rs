//! The attestförteckning: import a workbook as a new rule-set version (and activate it), compare
//! it with the active one, activate a version, write the template or the sample, list versions.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::error::{ApiError, ErrorCode, Result};
use super::{Context, Workspace};
use crate::workbook::{self, RuleSet};

pub use crate::workbook::{Change, DiffLine, Problem, Severity};

/// What importing a workbook did.
#[derive(Debug, Clone)]
pub enum RulesImport {
    /// At least one error: nothing was stored. Every problem names its sheet, cell and column.
    Refused {
        /// Errors first, then warnings.
        problems: Vec<Problem>,
    },
    /// Stored as a new version.
    Stored {
        /// The new version number.
        version: i64,
        /// Grants in it.
        grants: usize,
        /// Flow rules in it.
        flows: usize,
        /// Invoices routed, when it was activated too.
        routed: Option<usize>,
        /// Warnings that did not stop it.
        warnings: Vec<Problem>,
    },
}

/// Reads and validates the workbook `bytes` (file `name`), stores it as a new version imported
/// by the context's actor (`admin` when none) under the nämnd decision `decision_ref`, and
/// activates it when `activate` is set — storing and activating in one transaction.
pub fn import_workbook(
    ws: &mut Workspace,
    ctx: &Context<'_>,
    name: &str,
    bytes: &[u8],
    decision_ref: &str,
    activate: bool,
) -> Result<RulesImport> {
    let by = ctx.actor_or("admin");
    let by = by.as_str();
    let (rules, warnings) = match workbook::load_named(name, bytes, ctx.today()) {
        Ok(r) => r,
        Err(problems) => return Ok(RulesImport::Refused { problems }),
    };
    let (version, routed) = if activate {
        let (v, n) =
            ws.store
                .add_ruleset_activated(name, bytes, &rules, by, decision_ref, ctx.clock)?;
        (v, Some(n))
    } else {
        let v = ws
            .store
            .add_ruleset(name, bytes, &rules, by, decision_ref, ctx.clock)?;
        (v, None)
    };
    Ok(RulesImport::Stored {
        version,
        grants: rules.grants.len(),
        flows: rules.flows.len(),
        routed,
        warnings,
    })
}

/// Reads a spreadsheet the user named (an attestförteckning, a ledger export), refusing one
/// above the spreadsheet size limit before reading it (`docs/spreadsheet-limits.md`): an
/// `io` error for the operating system's, `validation` for the limit.
pub fn read_spreadsheet_file(path: &std::path::Path) -> Result<Vec<u8>> {
    let name = path.display().to_string();
    crate::spreadsheet::read_limited(path, &name).map_err(|e| match e {
        crate::spreadsheet::ReadError::Io(e) => ApiError::io(format!("reading {name}"), &e),
        crate::spreadsheet::ReadError::Refused(e) => {
            ApiError::new(ErrorCode::Validation, e.to_string())
        }
    })
}

/// What to compare with the active version.
#[derive(Debug, Clone, Copy)]
pub enum DiffSource<'a> {
    /// A workbook not stored yet.
    Workbook(&'a [u8]),
    /// A workbook not stored yet, read from the file the user named (named in a refusal).
    NamedWorkbook {
        /// The file as the user named it.
        name: &'a str,
        /// Its bytes.
        bytes: &'a [u8],
    },
    /// A stored version.
    Version(i64),
    /// The newest stored version.
    Newest,
}

/// The differences, or the problems that keep a workbook from being read.
#[derive(Debug, Clone)]
pub enum RulesDiff {
    /// The workbook has errors.
    Refused {
        /// Every problem.
        problems: Vec<Problem>,
    },
    /// What changes against the active version (empty: nothing).
    Lines(Vec<DiffLine>),
}

/// What `source` changes against the active version (an empty rule set when none is active).
pub fn diff(ws: &Workspace, ctx: &Context<'_>, source: DiffSource<'_>) -> Result<RulesDiff> {
    let new: Arc<RuleSet> = match source {
        DiffSource::Workbook(bytes) => match workbook::load(bytes, ctx.today()) {
            Ok((r, _)) => Arc::new(r),
            Err(problems) => return Ok(RulesDiff::Refused { problems }),
        },
        DiffSource::NamedWorkbook { name, bytes } => {
            match workbook::load_named(name, bytes, ctx.today()) {
                Ok((r, _)) => Arc::new(r),
                Err(problems) => return Ok(RulesDiff::Refused { problems }),
            }
        }
        DiffSource::Version(v) => ws.store.ruleset(v)?.rules,
        DiffSource::Newest => newest(ws)?.rules,
    };
    let old = ws
        .store
        .active_ruleset()
        .map(|(_, r)| r)
        .unwrap_or_default();
    Ok(RulesDiff::Lines(workbook::diff(&old, &new)))
}

fn newest(ws: &Workspace) -> Result<crate::store::RuleSetVersion> {
    ws.store.rulesets()?.pop().ok_or_else(|| {
        ApiError::new(
            ErrorCode::NotFound,
            "no rule set stored yet: `digilyft rules import FILE.xlsx`",
        )
    })
}

/// Activates `version` (None: the newest stored) as the context's actor (`admin` when none) and
/// routes every invoice waiting for it. Returns the version and how many invoices were routed.
pub fn activate(
    ws: &mut Workspace,
    ctx: &Context<'_>,
    version: Option<i64>,
) -> Result<(i64, usize)> {
    let v = match version {
        Some(v) => v,
        None => newest(ws)?.version,
    };
    let routed = ws
        .store
        .activate_ruleset(v, &ctx.actor_or("admin"), ctx.clock)?;
    Ok((v, routed))
}

/// An empty attestförteckning (headers, column notes, drop-downs), or with `sample` the filled
/// workbook of a small municipality.
pub fn template(sample: bool) -> Result<Vec<u8>> {
    let bytes = if sample {
        workbook::sample::sample_workbook()
    } else {
        workbook::write(&RuleSet::default())
    };
    bytes.map_err(|e| ApiError::new(ErrorCode::Internal, format!("writing the workbook: {e}")))
}

/// One stored rule-set version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionInfo {
    /// Version number.
    pub version: i64,
    /// The workbook's file name.
    pub source_name: String,
    /// SHA-256 of the workbook.
    pub sha256: String,
    /// When it was imported.
    pub imported_at: DateTime<Utc>,
    /// By whom.
    pub imported_by: String,
    /// The nämnd decision adopting it.
    pub decision_ref: String,
    /// When it was activated (None: never).
    pub activated_at: Option<DateTime<Utc>>,
    /// It is the one decisions are judged under now.
    pub active: bool,
    /// Grants in it.
    pub grants: usize,
    /// Flow rules in it.
    pub flows: usize,
}

/// Every stored version, oldest first.
pub fn versions(ws: &Workspace) -> Result<Vec<VersionInfo>> {
    let active = ws.store.active_ruleset().map(|(v, _)| v);
    Ok(ws
        .store
        .rulesets()?
        .into_iter()
        .map(|v| VersionInfo {
            active: Some(v.version) == active,
            version: v.version,
            source_name: v.source_name,
            sha256: v.sha256,
            imported_at: v.imported_at,
            imported_by: v.imported_by,
            decision_ref: v.decision_ref,
            activated_at: v.activated_at,
            grants: v.rules.grants.len(),
            flows: v.rules.flows.len(),
        })
        .collect())
}

/// The workbook version `version` was imported from, byte for byte: (file name, bytes).
pub fn workbook_of(ws: &Workspace, version: i64) -> Result<(String, Vec<u8>)> {
    Ok(ws.store.ruleset_workbook(version)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{FixedClock, SequenceIds, testing};

    #[test]
    fn a_workbook_is_stored_and_activated_together_and_a_bad_one_not_at_all() {
        let clock = FixedClock::on(2026, 12, 1).expect("date");
        let ids = SequenceIds::new("t");
        let ctx = Context::new(&clock, &ids).acting_as("u300");
        let mut ws = Workspace::in_memory().expect("ws");
        crate::api::invoices::import_bytes(&mut ws, &ctx, testing::sample_documents())
            .expect("import");
        let bad =
            import_workbook(&mut ws, &ctx, "x.xlsx", b"not a workbook", "", true).expect("read");
        assert!(matches!(bad, RulesImport::Refused { ref problems } if !problems.is_empty()));
        assert!(
            versions(&ws).expect("versions").is_empty(),
            "nothing stored"
        );
        let wb = template(true).expect("sample");
        let RulesImport::Stored {
            version, routed, ..
        } = import_workbook(&mut ws, &ctx, "s.xlsx", &wb, "KS 1", true).expect("import")
        else {
            panic!("the sample workbook imports");
        };
        assert!(
            routed.is_some_and(|n| n > 0),
            "the waiting invoices are routed"
        );
        let v = versions(&ws).expect("versions");
        assert_eq!(v.len(), 1);
        assert!(v[0].active && v[0].version == version && v[0].imported_by == "u300");
        let RulesDiff::Lines(lines) = diff(&ws, &ctx, DiffSource::Newest).expect("diff") else {
            panic!("the stored version reads");
        };
        assert!(lines.is_empty(), "the newest version is the active one");
        let err = activate(&mut ws, &ctx, Some(99)).expect_err("no version 99");
        assert_eq!(err.code, ErrorCode::NotFound);
    }
}
