//! Integration tests of digilyft-core's store, import, workbook, approval and audit.

mod common;
mod import;
