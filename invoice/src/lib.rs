//! `digilyft-invoice`: supplier e-invoices as one EN 16931 model.
//!
//! Bytes in, model out, bytes out. This crate reads PEPPOL BIS Billing 3.0 (UBL 2.1 `Invoice` and
//! `CreditNote`) and Svefaktura 1.0, validates documents with the official rule sets' semantics
//! (EN 16931, PEPPOL BIS 3, national rules, SFTI), and writes PEPPOL BIS 3 back out.
//!
//! Architecture invariants: no file, network or clock access; no dependency on any other Digilyft
//! crate; no `f64` in any money API.

#![deny(missing_docs)]

pub mod codes;
pub mod model;
mod read;
mod structure;
pub mod svefaktura;
pub mod ubl;
pub mod validate;
pub mod xml;

pub use model::Invoice;
pub use read::{
    Finding, FindingKind, Format, Read, ReadError, ReadErrorKind, ReadOptions, parse_date,
    parse_decimal, read, read_element, read_named, read_with,
};
