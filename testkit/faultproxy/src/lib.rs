//! `digilyft-faultproxy`: the HTTP fault proxy of the sync fault suite (sync.md §3.1). A test
//! puts it between the sync clients and `digilyft-server` and makes the network misbehave in
//! the named ways of §3.1, reproducibly:
//!
//! * [`Mode`]s: `pass`, `delay(ms ± jitter)`, `drop_request`, `forward_then_drop_response` (the
//!   lost ack: the upstream completes the request, the client's connection closes without a
//!   response), `duplicate(k, concurrent|sequential)`, `hold_and_reorder(window)` across
//!   clients, `truncate_body`, `reset_mid_stream`, `inject_status(503, Retry-After)`,
//!   `blackhole`.
//! * [`Rule`]s choose a mode per method and path prefix, with a probability and an optional
//!   limit; the first rule that applies wins, no rule means pass.
//! * One seeded RNG ([`Config::seed`]; print it) draws every probability, jitter and reorder
//!   permutation, so a fixed seed and a fixed arrival order give the same faults.
//! * [`Snapshot`] counts everything injected, so a test can assert e.g. "replays =
//!   `dropped_responses`".
//! * Control: in process through [`FaultProxy`] (`set_rules`, `counters`), or from another
//!   process through the admin API on a second loopback port ([`admin`] module docs); the
//!   `digilyft-faultproxy` binary wraps the same.
//!
//! Design: HTTP-aware (hyper 1, HTTP/1.1), not a TCP relay, because the faults the sync
//! protocol must survive are about whole requests and responses. Each forwarded copy gets its
//! own upstream connection; messages are buffered whole up to [`Config::max_body_bytes`].
//! **Loopback only**: [`FaultProxy::start`] refuses any other listen, admin or upstream address.
//! Every wait is bounded (upstream timeout, `blackhole` and reorder holds ≤ [`MAX_HOLD_MS`]).
//! A test-only tool: it depends on no Digilyft crate and nothing of ours depends on it except
//! tests.
//!
//! ```no_run
//! # async fn demo(server: std::net::SocketAddr) -> Result<(), digilyft_faultproxy::Error> {
//! use digilyft_faultproxy::{Config, FaultProxy, Mode, Rule};
//! let proxy = FaultProxy::start(Config::new(server, 42)).await?;
//! proxy.set_rules(vec![
//!     Rule::on("POST", "/v1/sync/mutations", Mode::ForwardThenDropResponse).with_probability(0.3),
//! ])?;
//! // … point the clients at proxy.addr(), run, then:
//! let lost_acks = proxy.counters().dropped_responses;
//! # let _ = lost_acks; Ok(()) }
//! ```

#![deny(missing_docs)]

pub mod admin;
mod body;
mod counters;
mod proxy;
mod reorder;
mod rng;
mod rules;

pub use counters::Snapshot;
pub use proxy::{ArmedRule, Config, Error, FaultProxy};
pub use rng::Rng;
pub use rules::{BadRule, DupOrder, MAX_COPIES, MAX_HOLD_MS, MAX_WINDOW, Mode, Rule, validate};
