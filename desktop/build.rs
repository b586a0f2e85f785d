//! Generates the Tauri context and the permissions for the app's own commands: every
//! `#[tauri::command]` must be listed here and granted in `capabilities/default.json`, otherwise the
//! frontend is refused at run time.

/// The app's IPC commands; keep in step with `generate_handler!` in `src/lib.rs`.
const COMMANDS: &[&str] = &["list_invoices", "app_info"];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(err) = tauri_build::try_build(attributes) {
        // A build script reports failure by panicking; say what failed first.
        panic!("tauri build step failed: {err:#}");
    }
}
