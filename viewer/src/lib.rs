//! `digilyft-viewer`: `digilyft-view`, a native e-invoice viewer that anyone can double-click an
//! invoice file into.
//!
//! It reads PEPPOL BIS Billing 3.0 (UBL `Invoice` and `CreditNote`) and Svefaktura 1.0 (with its
//! ObjectEnvelope of attachments) through `digilyft-invoice` into the EN 16931 model, validates
//! it with the rule sets for its format, and shows it like a paper invoice, with the validation
//! findings beside it, the XML source and the attachments (PDFs rendered in the window).
//!
//! Layers inside the crate: the plain modules decide *what* is shown — [`load`] (reading on a
//! background thread), [`sheet`] (the readable invoice), [`review`] (the findings), [`format`]
//! (how numbers, dates and Swedish payment numbers are written), [`units`] (unit names),
//! [`attachments`] (PDF and image rendering, saving), [`export`] (HTML), [`i18n`] (every fixed
//! text in Swedish and English). Only [`ui`] knows egui, and it only draws what they give.
//!
//! Invariants: no file is ever overwritten; no input makes the window panic (every failure is a
//! message naming the file and the place); depends on `digilyft-invoice` only among our crates
//! (the viewer needs no store).
//!
//! ```
//! use digilyft_viewer::{format, i18n::Lang};
//! assert_eq!(format::bankgiro("50501055"), "5050-1055");
//! let sum = "1234.5".parse().expect("decimal");
//! assert_eq!(format::amount(sum, Some("SEK"), Lang::Sv), "1 234,50 kr");
//! ```

#![deny(missing_docs)]

pub mod attachments;
pub mod export;
pub mod format;
pub mod i18n;
pub mod load;
pub mod review;
pub mod sheet;
pub mod source;
pub mod ui;
pub mod units;

pub use ui::{Settings, Viewer};
