//! `digilyft-core`: the application layer shared by the desktop app, the server and the CLI.
//!
//! Its job is everything between a front end and the pure domain crates (`digilyft-invoice`,
//! `digilyft-survey`): the local SQLite store, the approval (attest) engine and its hash-chained
//! audit log, the attestförteckning and survey spreadsheets, the ledger and archive exports.
//!
//! # Layers
//!
//! ```text
//! api        use cases; the only thing front ends call (Workspace, Context, ApiError, views)
//! engines    approval, workbook, maturity, archive, ledger, audit, facts, import
//! store      SQLite: SQL and row mapping only
//! ```
//!
//! Each layer calls only the ones below it; nothing below [`api`] imports it
//! (`tests/tests/tidy_modules.rs` checks this and that no SQL lives outside [`store`]).
//!
//! # Invariants
//!
//! * Every write is one SQLite transaction; received documents and audit events are append-only;
//!   migrations are append-only; `kill -9` at any moment leaves a consistent store.
//! * Approval transitions are pure functions of (state, action, actor, time) in [`approval`];
//!   they never see a connection. Time and ids come in through [`api::Context`]: nothing in core
//!   reads the wall clock or draws an id by itself.
//! * Money is `rust_decimal::Decimal`; never a float.
//! * No Tauri, no HTTP server, no argument parsing, no async runtime: library functions are
//!   synchronous.
//!
//! # Example
//!
//! A fresh workspace, the sample attestförteckning activated, the sample invoices imported and
//! routed, one decision:
//!
//! ```
//! use digilyft_core::api::{self, Context, Decision, FixedClock, SequenceIds, Workspace};
//! use digilyft_core::api::approval::DecideRequest;
//!
//! let clock = FixedClock::on(2026, 12, 4).expect("a date");
//! let ids = SequenceIds::new("example");
//! let ctx = Context::new(&clock, &ids);
//! let mut ws = Workspace::in_memory()?;
//! let workbook = api::samples::attestforteckning()?;
//! let admin = ctx.acting_as("u300");
//! api::rules::import_workbook(&mut ws, &admin, "attest.xlsx", &workbook, "KS 2026/1", true)?;
//! api::invoices::import_bytes(&mut ws, &ctx, api::samples::invoices(ctx.today()))?;
//! let inbox = api::approval::inbox(&ws, &ctx, "u230")?;
//! let first = inbox.items.first().expect("u230 has work");
//! let request = DecideRequest {
//!     invoice: first.invoice_id.to_string(),
//!     step: Some(first.step.clone()),
//!     decision: Decision::Attest,
//!     comment: None,
//!     acting_for: None,
//!     decision_id: None,
//! };
//! let outcome = api::approval::decide(&mut ws, &ctx.acting_as("u230"), &request)?;
//! assert_eq!(outcome.decision_id, "example-1");
//! # Ok::<(), api::ApiError>(())
//! ```

#![deny(missing_docs)]

pub mod api;
pub mod approval;
pub mod archive;
pub mod audit;
pub mod clock;
pub mod connected;
pub mod facts;
pub mod import;
pub mod ledger;
pub mod maturity;
pub mod paths;
pub mod person_id;
pub mod save;
pub mod spreadsheet;
pub mod store;
pub mod sync;
/// Synthetic PEPPOL BIS 3 invoices: the product's sample invoices ([`api::samples`]) and, with the
/// `test-support` feature, generated batches for tests and benchmarks.
#[cfg(feature = "test-support")]
pub mod synth;
#[cfg(not(feature = "test-support"))]
#[allow(dead_code)]
mod synth;
pub mod workbook;
