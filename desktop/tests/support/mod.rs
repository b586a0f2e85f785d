//! Shared by the desktop's integration tests: a store seeded with real sample invoices, or a
//! demo-like store (the sample attestförteckning active, the sample invoices routed).

// Each test binary (ipc, e2e) uses its own part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use digilyft_core::api::invoices::{self, ImportOutcome, InvoiceRow, ListQuery};
use digilyft_core::api::{Context, FixedClock, SequenceIds, Workspace};
pub use digilyft_invoice::model::NaiveDate;

/// The two samples the tests seed: a Swedish BIS 3 invoice and a Svefaktura 1.0 invoice.
pub const SEED: &[&str] = &["BIS_Billing_30-Telefoni.xml", "svefaktura.xml"];

/// `assets/samples/` in the workspace.
pub fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/samples")
}

/// Imports `files` from `assets/samples/` into the store in `data_dir` through core's import, and
/// returns the store's own listing of them (the expected inbox).
pub fn seed(data_dir: &Path, files: &[&str]) -> Vec<InvoiceRow> {
    let mut ws = Workspace::open(data_dir)
        .unwrap_or_else(|err| panic!("cannot open {}: {err}", data_dir.display()));
    let clock = FixedClock::on(2026, 11, 2).unwrap_or_else(|| panic!("bad fixed date"));
    let ids = SequenceIds::new("seed");
    let ctx = Context::new(&clock, &ids);
    let docs: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|name| {
            let file = samples_dir().join(name);
            let bytes = std::fs::read(&file)
                .unwrap_or_else(|err| panic!("cannot read {}: {err}", file.display()));
            ((*name).to_string(), bytes)
        })
        .collect();
    let outcomes = invoices::import_bytes(&mut ws, &ctx, docs)
        .unwrap_or_else(|err| panic!("cannot import {files:?}: {err}"));
    for (name, outcome) in files.iter().zip(&outcomes) {
        assert!(
            !matches!(outcome, ImportOutcome::Duplicate { .. }),
            "{name} was taken for a duplicate: {outcome:?}"
        );
    }
    let all = ListQuery {
        limit: usize::MAX,
        ..ListQuery::default()
    };
    let listed = invoices::list(&ws, &all)
        .unwrap_or_else(|err| panic!("cannot list the seeded store: {err}"))
        .rows;
    assert_eq!(listed.len(), files.len(), "every seeded file is listed");
    listed
}

/// The day the demo-like stores are dated around (the IPC tests' fixed clock).
pub fn demo_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap_or_else(|| panic!("bad demo day"))
}

/// A store like `digilyft demo`'s in `data_dir`: the bundled sample attestförteckning imported
/// and activated by u300, then the bundled sample invoices dated around `today` imported and
/// routed. Returns the listed invoices, newest first.
pub fn seed_demo(data_dir: &Path, today: NaiveDate) -> Vec<InvoiceRow> {
    use digilyft_core::api::{rules, samples};
    let mut ws = Workspace::open(data_dir)
        .unwrap_or_else(|err| panic!("cannot open {}: {err}", data_dir.display()));
    let clock = digilyft_core::api::DayClock::new(today);
    let ids = SequenceIds::new("seed");
    let ctx = Context::new(&clock, &ids).acting_as("u300");
    let wb = samples::attestforteckning().unwrap_or_else(|err| panic!("sample workbook: {err}"));
    let imported =
        rules::import_workbook(&mut ws, &ctx, "attestforteckning.xlsx", &wb, "KS 1", true)
            .unwrap_or_else(|err| panic!("cannot import the sample workbook: {err}"));
    assert!(
        matches!(imported, rules::RulesImport::Stored { .. }),
        "the sample workbook imports: {imported:?}"
    );
    invoices::import_bytes(&mut ws, &ctx, samples::invoices(today))
        .unwrap_or_else(|err| panic!("cannot import the sample invoices: {err}"));
    let all = ListQuery {
        limit: usize::MAX,
        ..ListQuery::default()
    };
    invoices::list(&ws, &all)
        .unwrap_or_else(|err| panic!("cannot list the demo store: {err}"))
        .rows
}
