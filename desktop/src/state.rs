//! The state the app manages: where the store is and, once opened, the open store.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use digilyft_core::store::{Store, StoreError};

use crate::{ApiError, ErrorCode};

/// The local SQLite store, opened on first use so that a store that cannot be opened (missing
/// permissions, written by a newer Digilyft) still lets the window start and show the error.
/// Commands run on Tauri's thread pool; the mutex gives them the one connection in turn.
#[derive(Debug)]
pub struct StoreHandle {
    data_dir: PathBuf,
    path: PathBuf,
    store: Mutex<Option<Store>>,
}

impl StoreHandle {
    /// A handle for the store in `data_dir` (see `digilyft_core::paths`). Nothing is opened yet.
    pub fn new(data_dir: PathBuf) -> Self {
        let path = digilyft_core::paths::store_file(&data_dir);
        Self {
            data_dir,
            path,
            store: Mutex::new(None),
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

    /// Runs `f` on the open store, opening it (and applying migrations) first if needed.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, ApiError> {
        let mut slot = self.lock()?;
        let store = match &mut *slot {
            Some(store) => store,
            empty => empty.insert(Store::open(&self.path).map_err(ApiError::from)?),
        };
        f(store).map_err(ApiError::from)
    }

    fn lock(&self) -> Result<MutexGuard<'_, Option<Store>>, ApiError> {
        self.store.lock().map_err(|_| {
            ApiError::new(
                ErrorCode::Internal,
                "an earlier command panicked while using the store; restart Digilyft",
            )
        })
    }
}
