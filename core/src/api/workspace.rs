//! [`Workspace`]: one open local store, the thing every use case works on.

use std::path::{Path, PathBuf};

use super::error::{ApiError, Result};
use crate::store::Store;

/// An open Digilyft data directory: the SQLite store (and the audit anchor beside it).
///
/// Not `Sync`: one per thread or behind a lock (SQLite's WAL lets several processes share the
/// file). Every use case in [`crate::api`] takes it as its first argument.
#[derive(Debug)]
pub struct Workspace {
    pub(crate) store: Store,
    path: PathBuf,
}

impl Workspace {
    /// Opens (creating if needed) the store in data directory `dir`, applying migrations.
    pub fn open(dir: &Path) -> Result<Workspace> {
        Self::open_file(&crate::paths::store_file(dir))
    }

    /// Opens (creating if needed) the store file `path`.
    pub fn open_file(path: &Path) -> Result<Workspace> {
        let store = Store::open(path).map_err(|e| {
            let e = ApiError::from(e);
            let message = format!("opening the store {}: {}", path.display(), e.message);
            ApiError { message, ..e }
        })?;
        Ok(Workspace {
            store,
            path: path.to_path_buf(),
        })
    }

    /// A fresh in-memory workspace (tests, demos).
    pub fn in_memory() -> Result<Workspace> {
        Ok(Workspace {
            store: Store::open_in_memory()?,
            path: PathBuf::from(":memory:"),
        })
    }

    /// The store file.
    pub fn store_file(&self) -> &Path {
        &self.path
    }

    /// The sidecar audit anchor of the store file `store` (`digilyft.audit-anchor.json` beside
    /// `digilyft.sqlite`): a demo that starts afresh removes it with the store.
    pub fn anchor_file_of(store: &Path) -> PathBuf {
        crate::store::anchor_file(store)
    }

    /// The data directory (the store file's folder).
    pub fn data_dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new(""))
    }
}
