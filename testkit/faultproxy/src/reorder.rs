//! [`crate::Mode::HoldAndReorder`]: one window shared by every client. The first held request
//! opens it and starts its driver; the driver waits until the window is full or `max_hold`
//! passed, draws a permutation from the seeded RNG (never the identity for two or more), and
//! lets the held requests go one at a time in that order, each after the previous one's
//! upstream exchange finished (bounded by the upstream timeout), so the upstream sees them in
//! exactly the permuted order. Requests arriving while a window is being released open the next.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, oneshot};

use crate::counters::{add, bump};
use crate::proxy::{Shared, lock};

/// Dropped by a released request when its upstream exchange is over.
pub(crate) type Turn = oneshot::Sender<()>;

/// The window being filled.
#[derive(Debug)]
pub(crate) struct Open {
    held: Vec<oneshot::Sender<Turn>>,
    size: usize,
    full: Arc<Notify>,
}

/// Extra time a released request may take beyond the upstream timeout.
const SLACK: Duration = Duration::from_secs(2);

/// Holds the calling request in the current window until its turn; None if the turn never
/// came within the bound (the request then goes on unordered).
pub(crate) async fn hold(shared: &Arc<Shared>, size: usize, max_hold: Duration) -> Option<Turn> {
    let (tx, rx) = oneshot::channel();
    {
        let mut w = lock(&shared.window);
        let fresh = w.is_none();
        let open = w.get_or_insert_with(|| Open {
            held: Vec::new(),
            size,
            full: Arc::new(Notify::new()),
        });
        open.held.push(tx);
        bump(&shared.counters.held);
        if open.held.len() >= open.size {
            open.full.notify_one();
        }
        if fresh {
            tokio::spawn(drive(shared.clone(), open.full.clone(), max_hold));
        }
    }
    let per_turn = shared.upstream_timeout + SLACK;
    let bound = max_hold + per_turn * u32::try_from(size).unwrap_or(u32::MAX);
    tokio::time::timeout(bound, rx).await.ok()?.ok()
}

async fn drive(shared: Arc<Shared>, full: Arc<Notify>, max_hold: Duration) {
    let _ = tokio::time::timeout(max_hold, full.notified()).await;
    let held = lock(&shared.window)
        .take()
        .map(|o| o.held)
        .unwrap_or_default();
    let order = lock(&shared.rng).permutation(held.len());
    let moved = order.iter().enumerate().filter(|&(i, &v)| i != v).count();
    add(&shared.counters.reordered, moved as u64);
    let mut slots: Vec<Option<oneshot::Sender<Turn>>> = held.into_iter().map(Some).collect();
    for idx in order {
        let Some(go) = slots.get_mut(idx).and_then(Option::take) else {
            continue;
        };
        let (done, finished) = oneshot::channel();
        if go.send(done).is_err() {
            continue; // the client went away
        }
        let _ = tokio::time::timeout(shared.upstream_timeout + SLACK, finished).await;
    }
}
