//! Integration tests of digilyft-core's store, import, workbook, approval and audit.

mod approval;
mod archive;
mod audit;
mod common;
mod crash;
mod dispute;
mod facts;
mod fixture_build;
mod import;
mod invariants;
mod kontering;
mod ledger;
mod reminders;
mod store_dump;
mod store_fixture;
mod workbook;
