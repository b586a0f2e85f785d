//! What every handler shares: the one workspace (one SQLite writer, behind a mutex), the account
//! store, the login throttle, the server's clock and the limits.
//!
//! Every call into `core::api` and into the account store runs on a blocking thread
//! (`spawn_blocking`), never on the async runtime's threads. After every workspace call the
//! change log's head is published on a watch channel ([`AppState::heads`]), so a long-polling
//! pull wakes as soon as a commit could concern it. A call that panicked leaves its
//! SQLite transaction rolled back, so a poisoned lock is taken over rather than refused.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use digilyft_core::api::{Clock, Context, UuidV7Ids, Workspace};

use crate::account_store::AccountStore;
use crate::auth::Throttle;
use crate::config::Limits;
use crate::problem::Problem;

/// The shared state, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Shared>,
    /// The armed test-only failpoints.
    #[cfg(feature = "failpoints")]
    failpoints: Arc<crate::failpoints::Failpoints>,
}

struct Shared {
    ws: Mutex<Workspace>,
    accounts: Mutex<AccountStore>,
    throttle: Mutex<Throttle>,
    clock: Box<dyn Clock>,
    limits: Limits,
    /// The change log's head seq after the last workspace call.
    heads: tokio::sync::watch::Sender<i64>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("now", &self.inner.clock.now())
            .field("limits", &self.inner.limits)
            .finish()
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl AppState {
    /// The state over an open workspace and account store.
    pub fn new(
        ws: Workspace,
        accounts: AccountStore,
        clock: Box<dyn Clock>,
        limits: Limits,
    ) -> Self {
        AppState {
            inner: Arc::new(Shared {
                ws: Mutex::new(ws),
                accounts: Mutex::new(accounts),
                throttle: Mutex::new(Throttle::default()),
                clock,
                limits,
                heads: tokio::sync::watch::Sender::new(0),
            }),
            #[cfg(feature = "failpoints")]
            failpoints: Arc::default(),
        }
    }

    /// The state with these failpoints armed (test builds only); call before serving.
    #[cfg(feature = "failpoints")]
    pub fn with_failpoints(self, failpoints: crate::failpoints::Failpoints) -> Self {
        AppState {
            failpoints: Arc::new(failpoints),
            ..self
        }
    }

    /// The armed failpoints.
    #[cfg(feature = "failpoints")]
    pub fn failpoints(&self) -> Arc<crate::failpoints::Failpoints> {
        self.failpoints.clone()
    }

    /// The limits requests are held to.
    pub fn limits(&self) -> Limits {
        self.inner.limits
    }

    /// The server's current time.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.inner.clock.now()
    }

    /// Runs `f` on the workspace on a blocking thread, with a context of the server's clock, new
    /// UUIDv7 ids and acting as `actor` (the authenticated person) when given.
    pub async fn workspace<T, F>(&self, actor: Option<String>, f: F) -> Result<T, Problem>
    where
        T: Send + 'static,
        F: FnOnce(&mut Workspace, &Context<'_>) -> Result<T, Problem> + Send + 'static,
    {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let ids = UuidV7Ids;
            let ctx = Context::new(inner.clock.as_ref(), &ids);
            let ctx = match actor.as_deref() {
                Some(a) => ctx.acting_as(a),
                None => ctx,
            };
            let mut ws = lock(&inner.ws);
            let out = f(&mut ws, &ctx);
            if let Ok(head) = digilyft_core::api::sync::head(&ws) {
                inner.heads.send_if_modified(|h| {
                    let moved = *h != head;
                    *h = head;
                    moved
                });
            }
            out
        })
        .await
        .map_err(|e| Problem::internal(format!("a workspace call failed: {e}")))?
    }

    /// The change log's head as published after each workspace call: a long-poll waits for it
    /// to change.
    pub fn heads(&self) -> tokio::sync::watch::Receiver<i64> {
        self.inner.heads.subscribe()
    }

    /// Runs `f` on the account store and the throttle on a blocking thread, with the server's
    /// time in unix seconds.
    pub async fn accounts<T, F>(&self, f: F) -> Result<T, Problem>
    where
        T: Send + 'static,
        F: FnOnce(&mut AccountStore, &mut Throttle, i64) -> Result<T, Problem> + Send + 'static,
    {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let now = inner.clock.now().timestamp();
            let mut store = lock(&inner.accounts);
            let mut throttle = lock(&inner.throttle);
            f(&mut store, &mut throttle, now)
        })
        .await
        .map_err(|e| Problem::internal(format!("an account call failed: {e}")))?
    }
}
