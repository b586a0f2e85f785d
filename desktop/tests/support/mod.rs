//! Shared by the desktop's integration tests: a store seeded with real sample invoices.

use std::path::{Path, PathBuf};

use digilyft_core::clock::FixedClock;
use digilyft_core::store::{ImportOutcome, InvoiceSummary, Store};

/// The two samples the tests seed: a Swedish BIS 3 invoice and a Svefaktura 1.0 invoice.
pub const SEED: &[&str] = &["BIS_Billing_30-Telefoni.xml", "svefaktura.xml"];

/// `assets/samples/` in the workspace.
pub fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/samples")
}

/// Imports `files` from `assets/samples/` into the store in `data_dir` through core's import, and
/// returns the store's own listing of them (the expected inbox).
pub fn seed(data_dir: &Path, files: &[&str]) -> Vec<InvoiceSummary> {
    let path = digilyft_core::paths::store_file(data_dir);
    let mut store =
        Store::open(&path).unwrap_or_else(|err| panic!("cannot open {}: {err}", path.display()));
    let clock = FixedClock::on(2026, 11, 2).unwrap_or_else(|| panic!("bad fixed date"));
    for name in files {
        let file = samples_dir().join(name);
        let bytes = std::fs::read(&file)
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", file.display()));
        let outcome = digilyft_core::import::import_one(&mut store, name, &bytes, &clock)
            .unwrap_or_else(|err| panic!("cannot import {name}: {err}"));
        assert!(
            !matches!(outcome, ImportOutcome::Duplicate { .. }),
            "{name} was taken for a duplicate: {outcome:?}"
        );
    }
    let listed = store
        .list_invoices()
        .unwrap_or_else(|err| panic!("cannot list the seeded store: {err}"));
    assert_eq!(listed.len(), files.len(), "every seeded file is listed");
    listed
}
