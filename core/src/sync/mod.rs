//! Offline sync, the parts that are not SQL (sync.md; the wire in `docs/sync-protocol.md`).
//!
//! * [`wire`]: the JSON shapes of protocol 1, the one serde contract between the desktop's sync
//!   client and the server; the canonical payload hash and the cursor.
//! * [`parse`]: a pushed item → a command, through the table of payload schemas and their
//!   upcasters.
//! * [`audience`]: the audience keys of a change and of a caller.
//!
//! The server side's use cases are `api::sync`; the change log, the mutations table and the
//! push transaction are in the store (`store/sync_log.rs`, `store/mutations.rs`). Pure: no SQL,
//! no clock, no I/O here.

pub mod audience;
pub mod parse;
pub mod wire;
