//! `digilyft-desktop`: the Tauri 2 desktop app, a thin shell over `digilyft-core`.
//!
//! The window (ES modules in `ui/`, no build step) is the product's standalone views on the local
//! SQLite store: the inbox, the invoice view with its decision panel and kontering editor, the
//! attestförteckning for the administrator, and "who am I" in the settings. The store lives in the data directory chosen by `digilyft_core::paths::data_dir` (the
//! `DIGILYFT_DATA` environment variable, else the user's data directory).
//!
//! Layout: [`commands`] holds the `#[tauri::command]` functions (thin: call core, convert to a DTO),
//! [`state`] the managed state, [`error`] the `{code, message, faults}` shape every failure takes on its way
//! to the frontend.
//!
//! [`run`] only delegates to [`run_app`], which is generic over the Tauri runtime; the headless
//! tests build the same app with `tauri::test::mock_builder()` through [`app_builder`].
//!
//! This is the only crate that knows Tauri. It holds no SQL and no business rules.

pub mod commands;
pub mod error;
pub mod state;

pub use error::{ApiError, ErrorCode};
pub use state::StoreHandle;

use tauri::{Builder, Runtime};

/// Starts the desktop app on the store in the default data directory.
pub fn run() {
    let store = StoreHandle::new(digilyft_core::paths::data_dir(None));
    if let Err(err) = run_app(tauri::Builder::default(), store) {
        eprintln!("digilyft-desktop: {err}");
        std::process::exit(1);
    }
}

/// Builds the app on `builder` with the real context (`tauri.conf.json`, `ui/`, capabilities) and
/// runs its event loop until the last window closes.
pub fn run_app<R: Runtime>(builder: Builder<R>, store: StoreHandle) -> tauri::Result<()> {
    app_builder(builder, store).run(context())
}

/// The app's compiled-in context: `tauri.conf.json`, the `ui/` files and the capabilities (which
/// commands the window may call). The mock-runtime tests use it too, so they exercise the real
/// permissions.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// The app's state and commands on `builder`, without a context: shared by [`run_app`] and the
/// mock-runtime tests.
pub fn app_builder<R: Runtime>(builder: Builder<R>, store: StoreHandle) -> Builder<R> {
    builder
        .manage(store)
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::inbox::list_invoices,
            commands::inbox::list_inbox,
            commands::inbox::list_reminders,
            commands::invoice::show_invoice,
            commands::approval::decide_step,
            commands::approval::show_kontering,
            commands::approval::set_kontering,
            commands::approval::resolve_dispute,
            commands::approval::list_people,
            commands::admin::import_rules,
            commands::admin::diff_rules,
            commands::admin::activate_rules,
            commands::admin::list_rule_versions,
            commands::admin::save_rules_template,
            commands::admin::export_ledger,
        ])
}
