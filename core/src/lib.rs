//! `digilyft-core`: the application layer shared by the desktop app, the server and the CLI.
//!
//! It owns all I/O below the front ends: the SQLite store, the approval engine and audit log,
//! spreadsheet import and export, and (later) the sync client. Library functions are synchronous
//! and take time and ids as parameters; no Tauri, no HTTP server here.

pub mod api;
pub mod approval;
pub mod archive;
pub mod audit;
pub mod clock;
pub mod facts;
pub mod import;
pub mod ledger;
pub mod maturity;
pub mod paths;
pub mod store;
/// Synthetic PEPPOL BIS 3 invoices: the product's sample invoices ([`api::samples`]) and, with the
/// `test-support` feature, generated batches for tests and benchmarks.
#[cfg(feature = "test-support")]
pub mod synth;
#[cfg(not(feature = "test-support"))]
#[allow(dead_code)]
mod synth;
pub mod workbook;
