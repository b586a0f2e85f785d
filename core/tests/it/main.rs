//! Integration tests of digilyft-core's store, import, workbook, approval and audit.

mod approval;
mod archive;
mod attest_rules;
mod audit;
mod common;
mod crash;
mod dispute;
mod facts;
mod fixture_build;
mod hostile_import;
mod hostile_smaller;
mod hostile_store;
mod import;
mod invariants;
mod kontering;
mod ledger;
mod reminders;
mod rulebook;
mod scenario;
mod spreadsheet;
mod store_dump;
mod store_fixture;
mod sync;
mod workbook;
