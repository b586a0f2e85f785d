//! The connected-mode client: a desktop or CLI that works against the shared server, offline
//! first (sync.md §2, protocol 1 of the server's `docs/sync-protocol.md`).
//!
//! Decisions are saved locally at once — the mutation and its outbox row in one transaction of
//! the client file (`store::connected`, `sync-client.sqlite`) — and reach the server later:
//! [`engine::Engine::cycle`] pushes the outbox in `device_seq` order with per-item outcomes,
//! pulls changes into the mirror with the cursor stored in the same transaction, and after a
//! restored server (410, new epoch) rebuilds the mirror and re-pushes every acked mutation the
//! server's watermark lacks. The view is mirror ⊕ pending overlay ([`overlay`]); non-accepted
//! outcomes are listed for their author with the words of [`texts`].
//!
//! Modules: `http` (ureq 3 + rustls, statuses as answers, a global timeout above the long-poll
//! wait), `backoff` (full-jitter capped exponential backoff, `Retry-After`; injected RNG and
//! sleeper), `session` (the token file), `wire` (the protocol's bodies, private), `engine` (the
//! cycle), `overlay`, `texts`, `error`.
//!
//! Invariants: no async runtime (blocking ureq); no SQL here (it is in `store::connected`);
//! nothing queued is ever discarded; every retry loop is bounded per cycle; time, jitter and
//! waiting are injected.

pub mod backoff;
pub mod engine;
mod error;
#[cfg(test)]
pub(crate) mod fake_server;
pub mod http;
pub mod overlay;
pub mod session;
pub mod texts;
pub(crate) mod wire;

pub use engine::{CycleReport, Engine, Env, PushedItem, SyncConfig};
pub use error::{Result, SyncError};
