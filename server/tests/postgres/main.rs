//! The server's PostgreSQL tests on a live cluster: the migration runner (`pg_schema`) and the
//! sync cursor of the change log (sync.md §2.4, fault scenario F13).
//!
//! They need `DIGILYFT_TEST_PG_URL` (`eval "$(bash .ci/pg-cluster start)"` makes a private
//! cluster and sets it). Without it each test says loudly that it skipped, and fails instead
//! when `DIGILYFT_REQUIRE_PG=1` (as `.ci/run` sets). Every test works in a schema of its own,
//! dropped at the end, so they run in parallel on one database.

mod cursor;
mod migrate;
mod support;
