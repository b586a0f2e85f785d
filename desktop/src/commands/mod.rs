//! The app's `#[tauri::command]` functions, one module per area. Commands are thin: they take the
//! managed state, call `digilyft_core::api`, and convert the result into an IPC DTO (camelCase
//! fields, amounts as decimal strings, dates ISO 8601) or an [`ApiError`](crate::ApiError). No
//! business logic and no SQL lives here.
//!
//! | module | commands |
//! |---|---|
//! | [`app`] | `app_info` |
//! | [`inbox`] | `list_invoices`, `list_inbox`, `list_reminders` |
//! | [`invoice`] | `show_invoice` |
//! | [`approval`] | `decide_step`, `show_kontering`, `set_kontering`, `resolve_dispute`, `list_people` |
//! | [`admin`] | `import_rules`, `diff_rules`, `activate_rules`, `list_rule_versions`, `save_rules_template`, `export_ledger` |
//!
//! Every command listed here is also listed in `build.rs` (which generates its permission) and
//! granted in `capabilities/default.json`.

pub mod admin;
pub mod app;
pub mod approval;
pub mod inbox;
pub mod invoice;
