//! Generates the Tauri context and the permissions for the app's own commands: every
//! `#[tauri::command]` must be listed here and granted in `capabilities/default.json`, otherwise the
//! frontend is refused at run time.

/// The app's IPC commands; keep in step with `generate_handler!` in `src/lib.rs`.
const COMMANDS: &[&str] = &[
    "app_info",
    "list_invoices",
    "list_inbox",
    "list_reminders",
    "show_invoice",
    "decide_step",
    "show_kontering",
    "set_kontering",
    "resolve_dispute",
    "list_people",
    "import_rules",
    "diff_rules",
    "activate_rules",
    "list_rule_versions",
    "save_rules_template",
    "export_ledger",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(err) = tauri_build::try_build(attributes) {
        // A build script reports failure by panicking; say what failed first.
        panic!("tauri build step failed: {err:#}");
    }
}
