//! The app's `#[tauri::command]` functions, one module per area. Commands are thin: they take the
//! managed state, call `digilyft-core`, and convert the result into an IPC DTO or an
//! [`ApiError`](crate::ApiError). No logic and no SQL lives here.
//!
//! Every command listed here is also listed in `build.rs` (which generates its permission) and
//! granted in `capabilities/default.json`.

pub mod app;
pub mod inbox;
