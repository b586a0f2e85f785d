//! `core::api`: every use case the product offers, and the only part of core that front ends
//! call.
//!
//! The desktop app, the server and the `digilyft` command are thin shells over this module: they
//! parse their input, build a [`Context`] (clock, id generator, acting person), call one function
//! here, and convert the plain Rust view it returns into their own DTO (JSON lines, IPC, REST).
//! Errors are one type, [`ApiError`] `{code, message, faults}`, with a small stable set of codes.
//!
//! | area | use cases |
//! |---|---|
//! | [`invoices`] | import files/folders or bytes, list (filter, search, sort, page), one invoice's whole story, its original bytes |
//! | [`approval`] | inbox, decide (step, acting-for, envelope and id minted here), kontering, resolve a dispute, reminders, escalation |
//! | [`rules`] | import a workbook (and activate), diff, activate, template or sample, list versions |
//! | [`audit`] | verify the log against anchors, its head, the ledger export, archive packages and their re-check |
//! | [`people`] | who the active attestförteckning knows (the desktop's "who am I") |
//! | [`samples`] | the bundled sample attestförteckning and invoices (training, the demo) |
//! | [`maturity`] | models, answer templates, read answers, score, the report workbook |
//! | [`idempotency`] | decide by a client's decision id, refusing an id reused for another decision (`key-reused`) |
//! | [`intake`] | screening one uploaded document before import (refuse what is no readable XML) |
//! | [`visibility`] | which invoices a person is involved in (a shared server's per-person filter) |
//! | [`files`] | saving a file a person asked for: atomic, never over an existing file without `--force`, never through a link |
//! | [`overview`] | aggregates: invoices per state with their sums (what an analyst reads) |
//! | [`connected`] | working against a shared server offline first: login, inbox/invoice from the mirror ⊕ overlay, offline decide, sync, "Behöver åtgärd" |
//! | [`sync`] | offline sync, server side: push a device's mutations, pull changes, snapshot, a mutation's outcome, a device's watermark, the epoch |
//!
//! Layers: `api` → engines (`approval`, `workbook`, `maturity`, `archive`, `ledger`, `audit`) →
//! `store`. Nothing below `api` imports it. Functions are synchronous (no async runtime); a
//! server runs them on a blocking thread.
//!
//! ```
//! use digilyft_core::api::{self, Context, SequenceIds, Workspace};
//! use digilyft_core::clock::FixedClock;
//!
//! let clock = FixedClock::on(2026, 12, 4).expect("a date");
//! let ids = SequenceIds::new("doc");
//! let ctx = Context::new(&clock, &ids);
//! let mut ws = Workspace::in_memory()?;
//! let page = api::invoices::list(&ws, &api::invoices::ListQuery::default())?;
//! assert_eq!(page.total, 0);
//! let rules = api::rules::template(true)?;
//! let imported = api::rules::import_workbook(&mut ws, &ctx, "sample.xlsx", &rules, "KS 2026/1", true)?;
//! assert!(matches!(imported, api::rules::RulesImport::Stored { .. }));
//! # Ok::<(), api::ApiError>(())
//! ```

pub mod approval;
pub mod audit;
pub mod connected;
mod context;
mod error;
pub mod files;
pub mod idempotency;
pub mod intake;
pub mod invoices;
pub mod maturity;
pub mod overview;
pub mod people;
pub mod rules;
pub mod samples;
pub mod sync;
#[cfg(test)]
mod testing;
pub mod visibility;
mod workspace;

pub use context::{Context, IdGen, SequenceIds, UuidV7Ids};
pub use error::{ApiError, ErrorCode, Fault, Result};
pub use workspace::Workspace;

/// The model types views are made of (states, kinds, outcomes): front ends may name them.
pub use crate::approval::{
    CodingRow, Decision, InvoiceState, Outcome, Reminder, Resolution, Step, StepKind, StepState,
};
pub use crate::clock::{Clock, DayClock, FixedClock, SystemClock};
pub use crate::facts::{DocumentKind, Format, InvoiceFacts};
