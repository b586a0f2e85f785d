//! Fixture discovery shared by the integration tests.

#![allow(dead_code)]

pub mod large;

use std::path::{Path, PathBuf};

/// The official fixtures (`tests/fixtures/official/` at the workspace root).
pub fn official() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/official")
}

fn xml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("xml")))
        .collect();
    files.sort();
    files
}

/// The 71 complete UBL documents (CEN examples and test files, PEPPOL examples and snippets).
pub fn full_ubl() -> Vec<PathBuf> {
    let root = official();
    let mut all = Vec::new();
    for dir in [
        "cen-en16931/ubl/examples",
        "cen-en16931/test/testfiles",
        "peppol-bis3/rules/examples",
        "peppol-bis3/rules/snippets",
    ] {
        all.extend(xml_files(&root.join(dir)));
    }
    all
}

/// The three Svefaktura 1.0 sample invoices.
pub fn svefaktura() -> Vec<PathBuf> {
    xml_files(&official().join("svefaktura/samples"))
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "ObjectEnvelope.xml"))
        .collect()
}

/// The Svefaktura ObjectEnvelope sample.
pub fn object_envelope() -> PathBuf {
    official().join("svefaktura/samples/ObjectEnvelope.xml")
}

/// Every official unit-test file (vefa `testSet` documents with embedded fragments).
pub fn unit_test_files() -> Vec<PathBuf> {
    let root = official();
    let mut all = Vec::new();
    for dir in [
        "cen-en16931/test/Invoice-unit-UBL",
        "cen-en16931/test/CreditNote-unit-UBL",
    ] {
        all.extend(xml_files(&root.join(dir)));
    }
    let peppol = root.join("peppol-bis3/rules");
    let mut units: Vec<PathBuf> = std::fs::read_dir(&peppol)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    units.sort();
    for dir in units {
        if dir
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("unit-UBL-"))
        {
            all.extend(xml_files(&dir));
        }
    }
    all
}

/// A path relative to the official fixture root, for messages.
pub fn short(path: &Path) -> String {
    path.strip_prefix(official())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Reads a fixture file.
pub fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
