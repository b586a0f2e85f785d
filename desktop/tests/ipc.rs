//! The commands through real IPC serialisation and the real capabilities, on Tauri's mock runtime
//! (no window, no display).

mod support;

use std::path::Path;

use digilyft_desktop::{StoreHandle, app_builder, context};
use serde_json::Value;
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

/// The app on the mock runtime with its store in `data_dir`, and its main window.
fn app(data_dir: &Path) -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = app_builder(mock_builder(), StoreHandle::new(data_dir.to_path_buf()))
        .build(context())
        .unwrap_or_else(|err| panic!("cannot build the app: {err}"));
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap_or_else(|err| panic!("cannot open the main window: {err}"));
    (app, window)
}

/// Calls `cmd` from `window` the way the frontend's `invoke` does; `Err` carries the JSON error.
fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: tauri::ipc::CallbackFn(0),
        error: tauri::ipc::CallbackFn(1),
        url: "tauri://localhost"
            .parse()
            .unwrap_or_else(|err| panic!("bad url: {err}")),
        body: tauri::ipc::InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|body| {
        body.deserialize::<Value>()
            .unwrap_or_else(|err| panic!("{cmd} returned non-JSON: {err}"))
    })
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|err| panic!("cannot create a temp dir: {err}"))
}

#[test]
fn app_info_names_the_data_directory_and_store() {
    let dir = temp_dir();
    let (_app, window) = app(dir.path());
    let info = invoke(&window, "app_info", Value::Null).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(info["dataDir"], dir.path().display().to_string());
    assert_eq!(
        info["storeFile"],
        dir.path().join("digilyft.sqlite").display().to_string()
    );
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn a_command_the_capabilities_do_not_grant_is_refused() {
    let dir = temp_dir();
    let (_app, window) = app(dir.path());
    let refused = invoke(&window, "delete_everything", Value::Null);
    assert!(
        refused.is_err(),
        "an unknown command must be refused: {refused:?}"
    );
}

#[test]
fn list_invoices_returns_the_stored_invoices() {
    let dir = temp_dir();
    let expected = support::seed(dir.path(), support::SEED);
    let (_app, window) = app(dir.path());
    let rows = invoke(&window, "list_invoices", Value::Null).unwrap_or_else(|e| panic!("{e}"));
    let rows = rows.as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), expected.len(), "{rows:?}");
    for (row, want) in rows.iter().zip(&expected) {
        assert_eq!(row["id"], want.id);
        assert_eq!(row["supplier"], want.supplier.as_str());
        assert_eq!(row["number"], want.number.as_str());
        assert_eq!(
            row["amount"],
            want.amount.to_string(),
            "amounts travel as decimal strings"
        );
        assert_eq!(row["currency"], want.currency.as_str());
        let due = want.due_date.map(|d| d.to_string());
        assert_eq!(row["dueDate"].as_str().map(str::to_owned), due);
        assert_eq!(row["state"], want.state.as_str());
        assert!(!want.supplier.is_empty(), "the sample names its supplier");
    }
}

#[test]
fn an_empty_store_lists_nothing() {
    let dir = temp_dir();
    let (_app, window) = app(dir.path());
    let rows = invoke(&window, "list_invoices", Value::Null).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rows, serde_json::json!([]));
    assert!(
        dir.path().join("digilyft.sqlite").exists(),
        "the store is created on first use"
    );
}

#[test]
fn a_store_that_cannot_be_opened_is_an_io_error_with_code_and_message() {
    let dir = temp_dir();
    // The data directory lies under a regular file, so it can never be created.
    let blocker = dir.path().join("not-a-directory");
    std::fs::write(&blocker, b"x").unwrap_or_else(|err| panic!("{err}"));
    let (_app, window) = app(&blocker.join("data"));
    let err = invoke(&window, "list_invoices", Value::Null).expect_err("opening must fail");
    assert_eq!(err["code"], "io", "{err}");
    let message = err["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("not-a-directory"),
        "the message names the path: {message}"
    );
}
