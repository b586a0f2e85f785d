//! `digilyft-core`: the application layer shared by the desktop app, the server and the CLI.
//!
//! It owns all I/O below the front ends: the SQLite store, the approval engine and audit log,
//! spreadsheet import and export, and (later) the sync client. Library functions are synchronous
//! and take time and ids as parameters; no Tauri, no HTTP server here.

pub mod approval;
pub mod archive;
pub mod audit;
pub mod clock;
pub mod demo;
pub mod facts;
pub mod import;
pub mod ledger;
pub mod maturity;
pub mod paths;
pub mod store;
pub mod synth;
pub mod workbook;
