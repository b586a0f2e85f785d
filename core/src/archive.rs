//! The archive package of an invoice (spec §1.11 and §4.2 point 6): what a kommun must keep as
//! räkenskapsinformation and behandlingshistorik, in plain files that outlive Digilyft.
//!
//! One folder per invoice holds the received document byte for byte, its validation report, the
//! EN 16931 model, the decisions, the invoice's events of the audit log (one JSON object per line,
//! each with its sequence number, hashes and all hashed fields), every attestförteckning workbook
//! its decisions were judged under (the imported bytes), and `manifest.json`: the SHA-256 of every
//! file and the audit log's anchor at export time. [`verify`] re-checks a package on its own: the
//! files against the manifest and every event against its own hash, so later tampering with the
//! package is found without the store.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::audit::{self, Anchor, AuditEvent};
use crate::import::sha256_hex;
use crate::save::{self, FolderBuild};
use crate::store::{Store, StoreError};

/// File names inside a package.
pub const ORIGINAL: &str = "original.xml";
/// The validation report as stored at import.
pub const REPORT: &str = "validering.json";
/// The EN 16931 model as stored at import.
pub const MODEL: &str = "modell.json";
/// The decision intents and their outcomes.
pub const DECISIONS: &str = "beslut.json";
/// The invoice's audit events, one JSON object per line.
pub const EVENTS: &str = "behandlingshistorik.jsonl";
/// The manifest.
pub const MANIFEST: &str = "manifest.json";

/// Why a package could not be written or read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ArchiveError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A file could not be written or read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The package folder could not be put in place (it exists, or the disk refused).
    #[error(transparent)]
    Save(#[from] crate::save::SaveError),
    /// A file of the package is not what it should be.
    #[error("{path}: {reason}")]
    Bad {
        /// The file.
        path: String,
        /// What is wrong.
        reason: String,
    },
}

/// One file of a package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    /// File name inside the package.
    pub name: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Its size.
    pub bytes: u64,
}

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Store id of the invoice.
    pub invoice_id: i64,
    /// BT-1.
    pub number: String,
    /// Supplier id and name.
    pub supplier: String,
    /// The invoice's state at export.
    pub state: String,
    /// The name the document arrived under.
    pub received_as: String,
    /// When the package was written.
    pub exported_at: chrono::DateTime<chrono::Utc>,
    /// The whole audit log's head at export: the invoice's events are part of that chain.
    pub audit_anchor: Option<Anchor>,
    /// Every other file of the package.
    pub files: Vec<ManifestFile>,
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveCheck {
    /// The manifest.
    pub manifest: Manifest,
    /// Files whose bytes no longer match the manifest (or that are missing).
    pub changed_files: Vec<String>,
    /// Sequence numbers of events whose content no longer matches their hash.
    pub edited_events: Vec<i64>,
    /// Number of events checked.
    pub events: usize,
}

impl ArchiveCheck {
    /// True when every file and every event is as exported.
    pub fn intact(&self) -> bool {
        self.changed_files.is_empty() && self.edited_events.is_empty()
    }
}

fn write(
    folder: &FolderBuild,
    name: &str,
    bytes: &[u8],
    files: &mut Vec<ManifestFile>,
) -> Result<(), ArchiveError> {
    folder.write(name, bytes)?;
    files.push(ManifestFile {
        name: name.to_string(),
        sha256: sha256_hex(bytes),
        bytes: bytes.len() as u64,
    });
    Ok(())
}

/// A folder name for the invoice: `<id>-<number>`, with anything but letters, digits, `-` and
/// `_` replaced, so a hostile invoice number cannot leave the output directory.
pub fn folder_name(id: i64, number: &str) -> String {
    let safe: String = number
        .chars()
        .take(60)
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{id}-{safe}")
}

/// Writes the archive package of `invoice_id` into a new folder under `out` and returns its path.
/// An existing package folder is never overwritten. The package is built in a temporary folder
/// beside it and renamed into place when complete, so a crash or a full disk leaves no partial
/// package, and a leftover of a killed run does not block the next export.
pub fn export(
    store: &Store,
    invoice_id: i64,
    out: &Path,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<PathBuf, ArchiveError> {
    let d = store.invoice_detail(invoice_id)?;
    std::fs::create_dir_all(out).map_err(|source| ArchiveError::Io {
        path: out.display().to_string(),
        source,
    })?;
    let dir = out.join(folder_name(invoice_id, &d.summary.number));
    save::save_folder(&dir, |folder| -> Result<(), ArchiveError> {
        let mut files = Vec::new();
        let (received_as, original, _) = store.original(invoice_id)?;
        write(folder, ORIGINAL, &original, &mut files)?;
        write(folder, REPORT, d.report_json.as_bytes(), &mut files)?;
        if let Some(model) = &d.model_json {
            write(folder, MODEL, model.as_bytes(), &mut files)?;
        }
        let decisions: Vec<serde_json::Value> = d
            .decisions
            .iter()
            .map(|r| {
                serde_json::json!({"decision_id": r.decision_id, "step": r.step, "decision": r.decision,
                    "actor": r.actor, "acting_for": r.acting_for, "received_at": r.received_at,
                    "outcome": r.outcome.as_str(), "reason_code": r.reason_code, "reason": r.reason,
                    "resolved": r.resolved})
            })
            .collect();
        let json = serde_json::to_vec_pretty(&decisions).map_err(|e| bad(&dir, DECISIONS, e))?;
        write(folder, DECISIONS, &json, &mut files)?;
        let mut lines = Vec::new();
        for e in &d.audit {
            serde_json::to_writer(&mut lines, e).map_err(|err| bad(&dir, EVENTS, err))?;
            lines.push(b'\n');
        }
        write(folder, EVENTS, &lines, &mut files)?;
        let versions: BTreeSet<i64> = d
            .audit
            .iter()
            .filter_map(|e| e.event.ruleset_version)
            .chain(d.workflow.ruleset_version)
            .collect();
        for v in versions {
            let (_, bytes) = store.ruleset_workbook(v)?;
            write(
                folder,
                &format!("attestforteckning-v{v}.xlsx"),
                &bytes,
                &mut files,
            )?;
        }
        let manifest = Manifest {
            invoice_id,
            number: d.summary.number.clone(),
            supplier: format!("{} {}", d.summary.supplier_id, d.summary.supplier),
            state: d.summary.state.as_str().to_string(),
            received_as,
            exported_at: now,
            audit_anchor: store.audit_head()?,
            files,
        };
        let json = serde_json::to_vec_pretty(&manifest).map_err(|e| bad(&dir, MANIFEST, e))?;
        folder.write(MANIFEST, &json)?;
        Ok(())
    })?;
    Ok(dir)
}

fn bad(dir: &Path, name: &str, e: impl std::fmt::Display) -> ArchiveError {
    ArchiveError::Bad {
        path: dir.join(name).display().to_string(),
        reason: e.to_string(),
    }
}

/// Re-checks a package written by [`export`]: every file against the manifest, every event of
/// the behandlingshistorik against its own hash. Needs nothing but the folder.
pub fn verify(dir: &Path) -> Result<ArchiveCheck, ArchiveError> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read(&path).map_err(|source| ArchiveError::Io {
            path: path.display().to_string(),
            source,
        })
    };
    let manifest: Manifest =
        serde_json::from_slice(&read(MANIFEST)?).map_err(|e| bad(dir, MANIFEST, e))?;
    let mut changed_files = Vec::new();
    for f in &manifest.files {
        // Names come from the manifest: only plain file names inside the package are followed.
        let plain = Path::new(&f.name)
            .file_name()
            .is_some_and(|n| n == f.name.as_str());
        match read(&f.name) {
            Ok(bytes) if plain && sha256_hex(&bytes) == f.sha256 => {}
            _ => changed_files.push(f.name.clone()),
        }
    }
    let mut edited_events = Vec::new();
    let mut events = 0;
    if let Ok(bytes) = read(EVENTS) {
        for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let e: AuditEvent = serde_json::from_slice(line)
                .map_err(|err| bad(dir, EVENTS, format!("line {}: {err}", i + 1)))?;
            events += 1;
            if !audit::event_intact(&e) {
                edited_events.push(e.seq);
            }
        }
    }
    Ok(ArchiveCheck {
        manifest,
        changed_files,
        edited_events,
        events,
    })
}
