//! Counts of everything the proxy did, so a test can assert on the injected faults (e.g. the
//! server's replays = [`Snapshot::dropped_responses`]).

use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

macro_rules! counters {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
        /// The live counters (shared by every connection).
        #[derive(Debug, Default)]
        pub struct Counters {
            $($(#[$doc])* pub $name: AtomicU64,)*
        }

        /// The counters at one moment (the admin API's `GET /counters`).
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
        pub struct Snapshot {
            $($(#[$doc])* pub $name: u64,)*
        }

        impl Counters {
            /// The current values.
            pub fn snapshot(&self) -> Snapshot {
                Snapshot { $($name: self.$name.load(Ordering::SeqCst),)* }
            }

            /// Sets every counter to 0.
            pub fn reset(&self) {
                $(self.$name.store(0, Ordering::SeqCst);)*
            }
        }
    };
}

counters! {
    /// Requests received from clients.
    requests,
    /// Requests forwarded unchanged ([`crate::Mode::Pass`], or no rule).
    passed,
    /// Requests delayed.
    delayed,
    /// Requests dropped before forwarding.
    dropped_requests,
    /// Responses dropped after the upstream completed the request (lost acks).
    dropped_responses,
    /// Extra copies sent upstream by duplicate rules (k − 1 per duplicated request).
    duplicates,
    /// Requests held in a reorder window.
    held,
    /// Held requests forwarded at another position than they arrived in.
    reordered,
    /// Responses cut short (connection closed).
    truncated,
    /// Responses cut short with a TCP reset.
    resets,
    /// Statuses answered by the proxy without forwarding.
    injected_status,
    /// Requests never answered.
    blackholed,
    /// Requests sent to the upstream (every copy).
    upstream_requests,
    /// Upstream requests that failed (connect, timeout, I/O, too large); answered 502.
    upstream_errors,
}

/// Adds one.
pub(crate) fn bump(c: &AtomicU64) {
    c.fetch_add(1, Ordering::SeqCst);
}

/// Adds `n`.
pub(crate) fn add(c: &AtomicU64, n: u64) {
    c.fetch_add(n, Ordering::SeqCst);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_and_reset() {
        let c = Counters::default();
        bump(&c.requests);
        add(&c.duplicates, 2);
        let s = c.snapshot();
        assert_eq!((s.requests, s.duplicates, s.passed), (1, 2, 0));
        c.reset();
        assert_eq!(c.snapshot(), Snapshot::default());
    }
}
