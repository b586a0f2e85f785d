//! Facts about the running app that the window shows (version, where the data lives).

use serde::Serialize;
use tauri::State;

use crate::{ApiError, state::StoreHandle};

/// What `app_info` returns.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    /// The Digilyft version of this build.
    pub version: String,
    /// The data directory in use (from `DIGILYFT_DATA` or the user's data directory).
    pub data_dir: String,
    /// The SQLite store file inside it.
    pub store_file: String,
}

/// The version and the data location, so a clerk (or support) can see which store is open.
#[tauri::command]
pub fn app_info(store: State<'_, StoreHandle>) -> Result<AppInfo, ApiError> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_dir: store.data_dir().display().to_string(),
        store_file: store.path().display().to_string(),
    })
}
