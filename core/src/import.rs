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
use digilyft_invoice::xml::{Document, Limits};
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
    let (facts, mut problem) = match facts::from_model(&read) {
        Ok(f) => (Some(f), None),
        Err(e) => (None, Some(format!("{name}: {e}"))),
    };
    let mut read = read;
    let in_original = strip_attachments(&mut read.invoice);
    let mut model = serde_json::json!({
        "format": read.format.name(), "invoice": read.invoice, "findings": read.findings,
    });
    if !in_original.is_empty() {
        model[ATTACHMENTS_IN_ORIGINAL] = serde_json::Value::Array(in_original);
    }
    let model_json = serde_json::to_string(&model).ok();
    drop(read);
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

/// The key of the stored model JSON listing the embedded attachments (BT-125) whose bytes were
/// left out of the model because the original document holds them: `[{document, bytes,
/// sha256}]`, `document` the index in `supporting_documents`. An attachment's bytes are stored
/// once, in the original; [`crate::api::invoices::detail`] puts them back when the model is read.
pub const ATTACHMENTS_IN_ORIGINAL: &str = "attachments_in_original";

/// Empties the content of every embedded attachment of `invoice` and lists what was removed.
fn strip_attachments(invoice: &mut digilyft_invoice::Invoice) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for (i, doc) in invoice.supporting_documents.iter_mut().enumerate() {
        if let Some(a) = doc.attachment.as_mut().filter(|a| !a.content.is_empty()) {
            let content = std::mem::take(&mut a.content);
            out.push(serde_json::json!({
                "document": i, "bytes": content.len(), "sha256": sha256_hex(&content),
            }));
        }
    }
    out
}

/// Puts the attachments [`strip_attachments`] left out back into a stored model (`{format,
/// invoice, findings, attachments_in_original}`), read again from the `original` document, and
/// drops the list. An attachment whose bytes no longer match the recorded SHA-256 is an error.
pub fn restore_attachments(model: &mut serde_json::Value, original: &[u8]) -> Result<(), String> {
    let listed = match model
        .as_object_mut()
        .and_then(|m| m.remove(ATTACHMENTS_IN_ORIGINAL))
    {
        Some(serde_json::Value::Array(a)) if !a.is_empty() => a,
        _ => return Ok(()),
    };
    let read = digilyft_invoice::read(original)
        .map_err(|e| format!("the original document cannot be read again: {e}"))?;
    for item in listed {
        let i = item["document"].as_u64().unwrap_or(u64::MAX) as usize;
        let content = read
            .invoice
            .supporting_documents
            .get(i)
            .and_then(|d| d.attachment.as_ref())
            .map(|a| a.content.as_slice())
            .ok_or_else(|| format!("attachment {i} is missing from the original document"))?;
        if Some(sha256_hex(content).as_str()) != item["sha256"].as_str() {
            return Err(format!(
                "attachment {i} of the original document does not match its recorded SHA-256"
            ));
        }
        use base64::Engine as _;
        let encoded = base64::engine::general_purpose::STANDARD.encode(content);
        let slot = model
            .pointer_mut(&format!("/invoice/supporting_documents/{i}/attachment"))
            .and_then(|a| a.as_object_mut())
            .ok_or_else(|| format!("the stored model has no attachment {i}"))?;
        slot.insert("content".into(), serde_json::Value::String(encoded));
    }
    Ok(())
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

/// Errors of a file or folder import that stop it: only the store failing. A file that cannot
/// be read is an outcome ([`ImportOutcome::Unreadable`]), never an error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The largest file import reads: the XML reader's own limit ([`Limits::max_bytes`], 50 MiB),
/// applied to the file's size before anything is read.
pub fn max_file_bytes() -> u64 {
    Limits::default().max_bytes as u64
}

/// Bytes prepared per transaction at most in [`import_files`] (a batch holds at least one
/// document): what bounds the memory of an import, with two batches in flight.
pub const BATCH_BYTES: u64 = 64 * 1024 * 1024;

/// One file found by [`collect_files`]: a regular file with its size, or one skipped with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The file.
    pub path: PathBuf,
    /// Its size, or why it is not read (not a regular file, too large, cannot be listed).
    pub size: Result<u64, String>,
}

/// One file's outcome.
#[derive(Debug, Clone)]
pub struct FileOutcome {
    /// The file.
    pub path: PathBuf,
    /// What happened.
    pub outcome: ImportOutcome,
}

/// Expands files and folders (recursively) into the XML files to import, sorted. Nothing is
/// opened: every entry is judged by its metadata (a link by what it points to), so a FIFO, a
/// device, a socket or a link to one, and a file above [`max_file_bytes`], become skipped
/// candidates with the reason; so do paths that do not exist or folders that cannot be listed.
/// Links to folders inside a folder are not followed (no loops).
pub fn collect_files(paths: &[PathBuf]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for p in paths {
        walk(p, true, &mut out);
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out.dedup_by(|a, b| a.path == b.path);
    out
}

fn skipped(path: &Path, reason: String) -> Candidate {
    Candidate {
        path: path.to_path_buf(),
        size: Err(reason),
    }
}

/// What kind of non-regular file `t` is, in words.
fn kind_of(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Judges one regular file's size against the limit.
fn sized(path: &Path, len: u64) -> Candidate {
    let limit = max_file_bytes();
    if len > limit {
        return skipped(
            path,
            format!(
                "{}: {len} bytes, larger than the limit of {limit} bytes for one e-invoice; not read",
                path.display()
            ),
        );
    }
    Candidate {
        path: path.to_path_buf(),
        size: Ok(len),
    }
}

fn walk(p: &Path, top: bool, out: &mut Vec<Candidate>) {
    let link = match std::fs::symlink_metadata(p) {
        Ok(m) => m,
        Err(e) => return out.push(skipped(p, format!("{}: {e}", p.display()))),
    };
    let meta = if link.file_type().is_symlink() {
        match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                return out.push(skipped(
                    p,
                    format!("{}: a link to nothing readable ({e})", p.display()),
                ));
            }
        }
    } else {
        link.clone()
    };
    if meta.is_dir() {
        if !top && link.file_type().is_symlink() {
            return;
        }
        let entries = match std::fs::read_dir(p) {
            Ok(e) => e,
            Err(e) => return out.push(skipped(p, format!("{}: cannot list it: {e}", p.display()))),
        };
        for entry in entries {
            match entry {
                Ok(entry) => {
                    let path = entry.path();
                    let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
                    let xml = path
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("xml"));
                    if is_dir || xml {
                        walk(&path, false, out);
                    }
                }
                Err(e) => out.push(skipped(p, format!("{}: cannot list it: {e}", p.display()))),
            }
        }
    } else if meta.is_file() {
        out.push(sized(p, meta.len()));
    } else {
        let what = kind_of(meta.file_type());
        let via = if link.file_type().is_symlink() {
            "a link to "
        } else {
            ""
        };
        out.push(skipped(
            p,
            format!("{}: {via}{what}, not a regular file; not read", p.display()),
        ));
    }
}

/// Reads one candidate's bytes without ever blocking on a special file and never more than the
/// limit: opened non-blocking, checked again to be a regular file (it may have been swapped since
/// it was listed), read through a bounded reader.
fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let limit = max_file_bytes();
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let meta = file
        .metadata()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if !meta.is_file() {
        return Err(format!(
            "{}: {}, not a regular file; not read",
            path.display(),
            kind_of(meta.file_type())
        ));
    }
    if meta.len() > limit {
        return Err(format!(
            "{}: {} bytes, larger than the limit of {limit} bytes for one e-invoice; not read",
            path.display(),
            meta.len()
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "{}: grew beyond the limit of {limit} bytes while it was read; not imported",
            path.display()
        ));
    }
    Ok(bytes)
}

/// Documents per transaction at most in [`import_files`] and [`import_documents`].
pub const BATCH: usize = 250;

/// Splits `items` into batches of at most [`BATCH`] items and [`BATCH_BYTES`] bytes (by
/// `size`), each holding at least one item.
fn batches<T>(items: Vec<T>, size: impl Fn(&T) -> u64) -> Vec<Vec<T>> {
    let mut out: Vec<Vec<T>> = Vec::new();
    let mut current: Vec<T> = Vec::new();
    let mut bytes = 0u64;
    for item in items {
        let n = size(&item);
        if !current.is_empty() && (current.len() >= BATCH || bytes + n > BATCH_BYTES) {
            out.push(std::mem::take(&mut current));
            bytes = 0;
        }
        bytes += n;
        current.push(item);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A prepared document, or why its file could not be read.
type Ready = Result<Prepared, String>;

/// Stores batches while the next one is being prepared (parse + validate on the other cores):
/// batch `i` is written in one transaction while batch `i + 1` is parsed. Files that could not
/// be read get their [`ImportOutcome::Unreadable`] in their place; they never stop the rest.
fn pipeline<S: Send>(
    store: &mut Store,
    batches: Vec<Vec<S>>,
    prep: &(dyn Fn(S) -> Ready + Sync),
    clock: &dyn Clock,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<ImportOutcome>, ImportError> {
    let mut out = Vec::new();
    let mut ready: Option<Vec<Ready>> = None;
    let mut batches = batches.into_iter();
    loop {
        let next = batches.next();
        if next.is_none() && ready.is_none() {
            break;
        }
        let current = ready.take();
        let (stored, prepared) = rayon::join(
            || match current {
                Some(items) => store_ready(store, items, clock).map(Some),
                None => Ok(None),
            },
            || next.map(|batch| batch.into_par_iter().map(prep).collect::<Vec<Ready>>()),
        );
        if let Some(o) = stored? {
            out.extend(o);
            progress(out.len());
        }
        ready = prepared;
    }
    Ok(out)
}

/// Stores the readable documents of one batch in one transaction and puts the unreadable ones'
/// outcomes in their places.
fn store_ready(
    store: &mut Store,
    items: Vec<Ready>,
    clock: &dyn Clock,
) -> Result<Vec<ImportOutcome>, StoreError> {
    let mut docs = Vec::new();
    let mut slots = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Ok(p) => {
                docs.push(p);
                slots.push(None);
            }
            Err(reason) => slots.push(Some(ImportOutcome::Unreadable { reason })),
        }
    }
    let mut stored = if docs.is_empty() {
        Vec::new()
    } else {
        store.store_batch(&docs, clock)?
    }
    .into_iter();
    drop(docs);
    Ok(slots
        .into_iter()
        .map(|s| {
            s.or_else(|| stored.next())
                .unwrap_or_else(|| ImportOutcome::Unreadable {
                    reason: "the store returned no outcome".into(),
                })
        })
        .collect())
}

/// Imports the candidates of [`collect_files`]: prepared in parallel, stored in batches of at
/// most [`BATCH`] files and [`BATCH_BYTES`] bytes per transaction. Every file gets an outcome in
/// order; one that cannot be read (skipped by [`collect_files`], failing to open, too large) is
/// [`ImportOutcome::Unreadable`] and the others go on. `progress(done, total)` is called after
/// each batch.
pub fn import_files(
    store: &mut Store,
    files: &[Candidate],
    clock: &dyn Clock,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<FileOutcome>, ImportError> {
    let batches = batches(files.iter().collect(), |c| {
        c.size.as_ref().copied().unwrap_or(0)
    });
    let read = |c: &Candidate| -> Ready {
        if let Err(reason) = &c.size {
            return Err(reason.clone());
        }
        let path = &c.path;
        let bytes = read_bounded(path)?;
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
        .map(|(c, outcome)| FileOutcome {
            path: c.path.clone(),
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
    let batches = batches(docs, |(_, b)| b.len() as u64);
    let prep = |(n, b): (String, Vec<u8>)| -> Ready { Ok(prepare(&n, b)) };
    pipeline(store, batches, &prep, clock, &mut |_| {}).map_err(|e| match e {
        ImportError::Store(s) => s,
    })
}
