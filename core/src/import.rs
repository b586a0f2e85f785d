//! Importing received e-invoices: detect the format, validate, store, route.
//!
//! [`prepare`] is pure and parallel-safe (parse once, read the EN 16931 model once, validate with
//! the official rule sets, project [`InvoiceFacts`] from the model: nothing re-reads the XML for
//! approval); [`Store::store_batch`](crate::store::Store::store_batch) then writes a batch in one
//! transaction. Duplicates (same bytes, or same supplier + number + issue date) are
//! reported and never stored twice; documents with fatal validation errors or that cannot be read
//! at all are stored in the `needs-action` state with their report, never dropped. Because each
//! batch is one transaction and duplicates are recognised, a run killed at any moment can simply
//! be re-run.

use std::path::{Path, PathBuf};

use digilyft_invoice::validate::{self, Report, RuleSetId};
use digilyft_invoice::xml::Document;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::clock::Clock;
use crate::facts::{self, InvoiceFacts};
use crate::store::{ImportOutcome, Store, StoreError};

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A document ready to be stored.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// File name (or other label) it arrived under.
    pub name: String,
    /// The original bytes, exactly as received.
    pub bytes: Vec<u8>,
    /// Their SHA-256.
    pub sha256: String,
    /// Facts, when the document could be read.
    pub facts: Option<InvoiceFacts>,
    /// The EN 16931 model read by `digilyft-invoice` (with format and reading findings) as JSON.
    pub model_json: Option<String>,
    /// The validation report (or the reading error) as JSON.
    pub report_json: String,
    /// Why it needs action (unreadable, fatal rules), if it does.
    pub problem: Option<String>,
}

/// Parses one document once, reads it into the EN 16931 model once, validates it and projects
/// its [`InvoiceFacts`] from that model. Never fails: problems (each naming the file) end up in
/// [`Prepared::problem`] and the report.
pub fn prepare(name: &str, bytes: Vec<u8>) -> Prepared {
    let sha256 = sha256_hex(&bytes);
    let fail = |problem: String, bytes: Vec<u8>, sha256: String| Prepared {
        name: name.to_string(),
        report_json: serde_json::json!({"error": problem}).to_string(),
        bytes,
        sha256,
        facts: None,
        model_json: None,
        problem: Some(problem),
    };
    let doc = match Document::parse(&bytes) {
        Ok(d) => d,
        Err(e) => return fail(format!("{name}: not well-formed XML: {e}"), bytes, sha256),
    };
    // One reading into the EN 16931 model: the facts routing needs are projected from it.
    let read = match digilyft_invoice::read_element(doc.root()) {
        Ok(r) => r,
        Err(e) => {
            return fail(
                format!("{name}: not a PEPPOL BIS 3 or Svefaktura invoice: {e}"),
                bytes,
                sha256,
            );
        }
    };
    let Some(format) = facts::Format::of_syntax(read.format) else {
        return fail(
            format!(
                "{name}: read as {}, which is no invoice on its own",
                read.format.name()
            ),
            bytes,
            sha256,
        );
    };
    let sets: Vec<RuleSetId> = match format {
        facts::Format::PeppolBis3 => RuleSetId::default_ubl().to_vec(),
        facts::Format::Svefaktura1 => vec![RuleSetId::SftiSvefaktura1],
    };
    let report = validate::validate(doc.root(), &sets);
    drop(doc);
    let report_json = report_to_json(&report);
    let model_json = serde_json::to_string(&serde_json::json!({
        "format": read.format.name(), "invoice": read.invoice, "findings": read.findings,
    }))
    .ok();
    let (facts, mut problem) = match facts::from_model(&read) {
        Ok(f) => (Some(f), None),
        Err(e) => (None, Some(format!("{name}: {e}"))),
    };
    if problem.is_none() && report.has_fatal() {
        let ids: Vec<&str> = report
            .fired
            .iter()
            .filter(|f| f.severity == validate::Severity::Fatal)
            .map(|f| f.id)
            .collect();
        problem = Some(format!(
            "{name}: fatal validation errors: {}",
            ids.join(", ")
        ));
    }
    Prepared {
        name: name.to_string(),
        bytes,
        sha256,
        facts,
        model_json,
        report_json,
        problem,
    }
}

/// The report as JSON: `{sets: [...], fired: [{id, severity, set, location, line, column, en, sv}]}`.
pub fn report_to_json(r: &Report) -> String {
    let fired: Vec<serde_json::Value> = r
        .fired
        .iter()
        .map(|f| {
            serde_json::json!({
                "id": f.id, "severity": f.severity.as_str(), "set": f.set.name(), "location": f.location,
                "line": f.position.line, "column": f.position.column, "en": f.en, "sv": f.sv,
            })
        })
        .collect();
    let sets: Vec<&str> = r.sets.iter().map(|s| s.name()).collect();
    serde_json::json!({"sets": sets, "fired": fired}).to_string()
}

/// Imports one document's bytes: stored, duplicate or needs-action.
pub fn import_one(
    store: &mut Store,
    name: &str,
    bytes: &[u8],
    clock: &dyn Clock,
) -> Result<ImportOutcome, StoreError> {
    let p = prepare(name, bytes.to_vec());
    let mut out = store.store_batch(std::slice::from_ref(&p), clock)?;
    out.pop()
        .ok_or_else(|| StoreError::Corrupt("empty batch result".into()))
}

/// Errors of a file or folder import.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// A path could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One file's outcome.
#[derive(Debug, Clone)]
pub struct FileOutcome {
    /// The file.
    pub path: PathBuf,
    /// What happened.
    pub outcome: ImportOutcome,
}

/// Expands files and folders (recursively) into the XML files to import, sorted.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ImportError> {
    let mut out = Vec::new();
    for p in paths {
        walk(p, &mut out)?;
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(p: &Path, out: &mut Vec<PathBuf>) -> Result<(), ImportError> {
    let io = |source| ImportError::Io {
        path: p.display().to_string(),
        source,
    };
    let meta = std::fs::metadata(p).map_err(io)?;
    if meta.is_dir() {
        for entry in std::fs::read_dir(p).map_err(io)? {
            let path = entry.map_err(io)?.path();
            if path.is_dir() {
                walk(&path, out)?;
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
            {
                out.push(path);
            }
        }
    } else {
        out.push(p.to_path_buf());
    }
    Ok(())
}

/// Documents per transaction in [`import_files`].
pub const BATCH: usize = 250;

/// Stores batches while the next one is being prepared (parse + validate on the other cores):
/// batch `i` is written in one transaction while batch `i + 1` is parsed.
fn pipeline<S: Send>(
    store: &mut Store,
    batches: Vec<Vec<S>>,
    prep: &(dyn Fn(S) -> Result<Prepared, ImportError> + Sync),
    clock: &dyn Clock,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<ImportOutcome>, ImportError> {
    let mut out = Vec::new();
    let mut ready: Option<Vec<Prepared>> = None;
    let mut batches = batches.into_iter();
    loop {
        let next = batches.next();
        if next.is_none() && ready.is_none() {
            break;
        }
        let current = ready.take();
        let (stored, prepared) = rayon::join(
            || match current {
                Some(p) => store.store_batch(&p, clock).map(Some),
                None => Ok(None),
            },
            || {
                next.map(|batch| {
                    batch
                        .into_par_iter()
                        .map(prep)
                        .collect::<Result<Vec<Prepared>, ImportError>>()
                })
            },
        );
        if let Some(o) = stored? {
            out.extend(o);
            progress(out.len());
        }
        ready = prepared.transpose()?;
    }
    Ok(out)
}

/// Imports files: prepared in parallel, stored one batch ([`BATCH`]) per transaction.
/// `progress(done, total)` is called after each batch.
pub fn import_files(
    store: &mut Store,
    files: &[PathBuf],
    clock: &dyn Clock,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<FileOutcome>, ImportError> {
    let batches: Vec<Vec<&PathBuf>> = files.chunks(BATCH).map(|c| c.iter().collect()).collect();
    let read = |path: &PathBuf| -> Result<Prepared, ImportError> {
        let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
            path: path.display().to_string(),
            source,
        })?;
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        Ok(prepare(&name, bytes))
    };
    let total = files.len();
    let outcomes = pipeline(store, batches, &read, clock, &mut |done| {
        progress(done, total)
    })?;
    Ok(files
        .iter()
        .zip(outcomes)
        .map(|(path, outcome)| FileOutcome {
            path: path.clone(),
            outcome,
        })
        .collect())
}

/// Imports in-memory documents (name, bytes) the same way as [`import_files`].
pub fn import_documents(
    store: &mut Store,
    docs: Vec<(String, Vec<u8>)>,
    clock: &dyn Clock,
) -> Result<Vec<ImportOutcome>, StoreError> {
    let mut batches = Vec::new();
    let mut docs = docs;
    while !docs.is_empty() {
        let rest = docs.split_off(docs.len().min(BATCH));
        batches.push(docs);
        docs = rest;
    }
    let prep = |(n, b): (String, Vec<u8>)| -> Result<Prepared, ImportError> { Ok(prepare(&n, b)) };
    pipeline(store, batches, &prep, clock, &mut |_| {}).map_err(|e| match e {
        ImportError::Store(s) => s,
        ImportError::Io { path, source } => StoreError::Io { path, source },
    })
}
