//! The state the app manages: where the data lives and, once opened, the workspace (the local
//! store) every command works on.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use digilyft_core::api::{self, Workspace};

use crate::{ApiError, ErrorCode};

/// The local workspace, opened on first use so that a store that cannot be opened (missing
/// permissions, written by a newer Digilyft) still lets the window start and show the error.
/// Commands run on Tauri's thread pool; the mutex gives them the one connection in turn.
#[derive(Debug)]
pub struct StoreHandle {
    data_dir: PathBuf,
    path: PathBuf,
    workspace: Mutex<Option<Workspace>>,
}

impl StoreHandle {
    /// A handle for the store in `data_dir` (see `digilyft_core::paths`). Nothing is opened yet.
    pub fn new(data_dir: PathBuf) -> Self {
        let path = digilyft_core::paths::store_file(&data_dir);
        Self {
            data_dir,
            path,
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
        let mut slot = self.lock()?;
        let ws = match &mut *slot {
            Some(ws) => ws,
            empty => empty.insert(Workspace::open_file(&self.path).map_err(ApiError::from)?),
        };
        f(ws).map_err(ApiError::from)
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
