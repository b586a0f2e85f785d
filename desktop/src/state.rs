//! The state the app manages: where the data lives, the clock and id generator every use case
//! gets in its context, and, once opened, the workspace (the local store) every command works on.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use digilyft_core::api::{self, Clock, Context, IdGen, SystemClock, UuidV7Ids, Workspace};

use crate::{ApiError, ErrorCode};

/// The local workspace, opened on first use so that a store that cannot be opened (missing
/// permissions, written by a newer Digilyft) still lets the window start and show the error.
/// Commands run on Tauri's thread pool; the mutex gives them the one connection in turn.
///
/// The clock and the id generator are injected (the system clock and UUIDv7 ids in the app, a
/// fixed day and sequence ids in tests), so no command reads the wall clock itself.
pub struct StoreHandle {
    data_dir: PathBuf,
    path: PathBuf,
    clock: Box<dyn Clock>,
    ids: Box<dyn IdGen>,
    workspace: Mutex<Option<Workspace>>,
}

impl std::fmt::Debug for StoreHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreHandle")
            .field("path", &self.path)
            .field("now", &self.clock.now())
            .finish()
    }
}

impl StoreHandle {
    /// A handle for the store in `data_dir` (see `digilyft_core::paths`) on the system clock.
    /// Nothing is opened yet.
    pub fn new(data_dir: PathBuf) -> Self {
        Self::with_clock(data_dir, Box::new(SystemClock), Box::new(UuidV7Ids))
    }

    /// A handle whose use cases see `clock` and mint ids with `ids`.
    pub fn with_clock(data_dir: PathBuf, clock: Box<dyn Clock>, ids: Box<dyn IdGen>) -> Self {
        let path = digilyft_core::paths::store_file(&data_dir);
        Self {
            data_dir,
            path,
            clock,
            ids,
            workspace: Mutex::new(None),
        }
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The store file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on the open workspace, opening it (and applying migrations) first if needed.
    pub fn with_workspace<T>(
        &self,
        f: impl FnOnce(&mut Workspace) -> api::Result<T>,
    ) -> Result<T, ApiError> {
        self.with_context(None, |ws, _| f(ws))
    }

    /// Runs `f` on the open workspace with a context acting as `actor` (the person chosen in the
    /// window's settings; the local store has no login).
    pub fn with_context<T>(
        &self,
        actor: Option<&str>,
        f: impl FnOnce(&mut Workspace, &Context<'_>) -> api::Result<T>,
    ) -> Result<T, ApiError> {
        let mut slot = self.lock()?;
        let ws = match &mut *slot {
            Some(ws) => ws,
            empty => empty.insert(Workspace::open_file(&self.path).map_err(ApiError::from)?),
        };
        let ctx = Context::new(self.clock.as_ref(), self.ids.as_ref());
        let ctx = match actor {
            Some(a) => ctx.acting_as(a),
            None => ctx,
        };
        f(ws, &ctx).map_err(ApiError::from)
    }

    fn lock(&self) -> Result<MutexGuard<'_, Option<Workspace>>, ApiError> {
        self.workspace.lock().map_err(|_| {
            ApiError::new(
                ErrorCode::Internal,
                "an earlier command panicked while using the store; restart Digilyft",
            )
        })
    }
}
