//! The commands through real IPC serialisation and the real capabilities, on Tauri's mock runtime
//! (no window, no display).

mod support;

use std::path::Path;

use digilyft_core::api::{DayClock, SequenceIds};
use digilyft_desktop::{StoreHandle, app_builder, context};
use serde_json::{Value, json};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

/// The app on the mock runtime with its store in `data_dir`, and its main window.
fn app(data_dir: &Path) -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    app_on(data_dir, support::demo_day())
}

/// The app on the mock runtime whose clock shows `day`.
fn app_on(
    data_dir: &Path,
    day: support::NaiveDate,
) -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let store = StoreHandle::with_clock(
        data_dir.to_path_buf(),
        Box::new(DayClock::new(day)),
        Box::new(SequenceIds::new("ipc")),
    );
    let app = app_builder(mock_builder(), store)
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
    let page = invoke(&window, "list_invoices", json!({})).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page["total"], expected.len());
    let rows = page["rows"].as_array().cloned().unwrap_or_default();
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
    let page = invoke(&window, "list_invoices", json!({})).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page, json!({"total": 0, "rows": []}));
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
    let err = invoke(&window, "list_invoices", json!({})).expect_err("opening must fail");
    assert_eq!(err["code"], "io", "{err}");
    let message = err["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("not-a-directory"),
        "the message names the path: {message}"
    );
    assert_eq!(
        err["faults"],
        json!([]),
        "the error shape always carries faults"
    );
}

/// A demo-like store in a fresh directory, and the app on it.
fn demo() -> (
    tempfile::TempDir,
    Vec<digilyft_core::api::invoices::InvoiceRow>,
    App<MockRuntime>,
    WebviewWindow<MockRuntime>,
) {
    let dir = temp_dir();
    let rows = support::seed_demo(dir.path(), support::demo_day());
    let (app, window) = app(dir.path());
    (dir, rows, app, window)
}

fn ok(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Value {
    invoke(window, cmd, args.clone()).unwrap_or_else(|e| panic!("{cmd} {args} failed: {e}"))
}

fn err(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Value {
    match invoke(window, cmd, args.clone()) {
        Ok(v) => panic!("{cmd} {args} should have failed but returned {v}"),
        Err(e) => e,
    }
}

/// The store id of the demo invoice numbered `number`.
fn id_of(rows: &[digilyft_core::api::invoices::InvoiceRow], number: &str) -> i64 {
    rows.iter()
        .find(|r| r.number == number)
        .map(|r| r.id)
        .unwrap_or_else(|| panic!("no demo invoice {number}"))
}

/// The first inbox item of `user` on invoice `id`.
fn inbox_item(window: &WebviewWindow<MockRuntime>, user: &str, id: i64) -> Option<Value> {
    let inbox = ok(window, "list_inbox", json!({"user": user}));
    inbox["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["invoiceId"] == id).cloned())
}

/// Someone with an open step in their inbox, and that step's invoice.
fn someone_with_work(window: &WebviewWindow<MockRuntime>) -> (String, Value) {
    let people = ok(window, "list_people", json!({}));
    for p in people.as_array().cloned().unwrap_or_default() {
        let user = p["id"].as_str().unwrap_or_default().to_owned();
        let inbox = ok(window, "list_inbox", json!({"user": user}));
        if let Some(item) = inbox["items"].as_array().and_then(|i| i.first()).cloned() {
            return (user, item);
        }
    }
    panic!("nobody in the demo store has an open step");
}

#[test]
fn list_invoices_filters_searches_sorts_and_pages() {
    let (_dir, rows, _app, window) = demo();
    let page = ok(
        &window,
        "list_invoices",
        json!({"query": {"search": "kn-20"}}),
    );
    let kn = rows
        .iter()
        .filter(|r| r.number.starts_with("KN-20"))
        .count();
    assert!(kn >= 2, "the demo has several KN invoices");
    assert_eq!(page["total"], kn, "search is case-insensitive: {page}");

    let by_amount = ok(
        &window,
        "list_invoices",
        json!({"query": {"sort": "amount", "descending": false, "limit": 1000}}),
    );
    let amounts: Vec<rust_decimal_like::Amount> = by_amount["rows"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|r| rust_decimal_like::Amount::parse(r["amount"].as_str().unwrap_or_default()))
        .collect();
    assert_eq!(amounts.len(), rows.len());
    assert!(
        amounts.windows(2).all(|w| w[0] <= w[1]),
        "ascending amounts"
    );

    let second = ok(
        &window,
        "list_invoices",
        json!({"query": {"offset": 1, "limit": 1}}),
    );
    assert_eq!(second["total"], rows.len());
    assert_eq!(second["rows"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        second["rows"][0]["id"], rows[1].id,
        "newest first, second page"
    );

    let in_approval = ok(
        &window,
        "list_invoices",
        json!({"query": {"states": ["in-approval"], "limit": 1000}}),
    );
    let want = rows
        .iter()
        .filter(|r| r.state.as_str() == "in-approval")
        .count();
    assert!(want > 0, "the demo routes invoices into approval");
    assert_eq!(in_approval["total"], want);

    let bad = err(
        &window,
        "list_invoices",
        json!({"query": {"states": ["paid-twice"]}}),
    );
    assert_eq!(bad["code"], "validation", "{bad}");
    assert!(
        bad["message"]
            .as_str()
            .unwrap_or_default()
            .contains("paid-twice")
    );
}

/// Amounts compared exactly, from their decimal strings (no floats).
mod rust_decimal_like {
    /// A decimal amount as (integer part, fraction padded to 6 digits); non-negative demo amounts.
    #[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
    pub struct Amount(i128, i128);

    impl Amount {
        pub fn parse(s: &str) -> Amount {
            let (int, frac) = s.split_once('.').unwrap_or((s, ""));
            let frac = format!("{frac:0<6}");
            Amount(
                int.parse().unwrap_or_else(|e| panic!("{s}: {e}")),
                frac[..6].parse().unwrap_or_else(|e| panic!("{s}: {e}")),
            )
        }
    }
}

#[test]
fn show_invoice_renders_the_document_findings_steps_and_audit_trail() {
    let (_dir, rows, _app, window) = demo();
    let id = id_of(&rows, "KG-77");
    let view = ok(&window, "show_invoice", json!({"id": id}));
    assert_eq!(view["summary"]["number"], "KG-77");
    assert_eq!(view["summary"]["supplier"], "Konsultgruppen Mitt AB");
    let doc = &view["document"];
    assert_eq!(doc["seller"]["name"], "Konsultgruppen Mitt AB");
    assert!(doc["buyer"]["name"].is_string(), "{doc}");
    let lines = doc["lines"].as_array().cloned().unwrap_or_default();
    assert!(
        lines.iter().any(|l| l["name"] == "Utredning LSS"),
        "{lines:?}"
    );
    assert_eq!(doc["totals"]["amountDue"], view["summary"]["amount"]);
    assert!(
        !doc["vat"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .is_empty()
    );
    assert!(
        doc["references"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .any(|r| r["term"] == "buyer-reference" && r["value"] == "4210"),
        "{doc}"
    );
    assert!(
        !view["validation"]["sets"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .is_empty()
    );
    let steps = view["steps"].as_array().cloned().unwrap_or_default();
    assert!(steps.iter().any(|s| s["state"] == "OPEN"), "{steps:?}");
    let audit = view["audit"].as_array().cloned().unwrap_or_default();
    assert!(
        audit.iter().any(|e| e["kind"] == "invoice.imported"),
        "{audit:?}"
    );

    let missing = err(&window, "show_invoice", json!({"id": 999_999}));
    assert_eq!(missing["code"], "not-found", "{missing}");
}

#[test]
fn a_sample_with_fired_rules_shows_each_rule_id_with_swedish_text() {
    let dir = temp_dir();
    let seeded = support::seed(dir.path(), support::SEED);
    let (_app, window) = app(dir.path());
    let mut seen = 0;
    for row in &seeded {
        let view = ok(&window, "show_invoice", json!({"id": row.id}));
        for f in view["validation"]["findings"]
            .as_array()
            .cloned()
            .unwrap_or_default()
        {
            seen += 1;
            assert!(!f["id"].as_str().unwrap_or_default().is_empty(), "{f}");
            assert!(!f["sv"].as_str().unwrap_or_default().is_empty(), "{f}");
            assert!(["fatal", "warning"].contains(&f["severity"].as_str().unwrap_or_default()));
        }
    }
    assert!(seen > 0, "the seeded samples fire at least one rule");
}

#[test]
fn an_attestant_approves_from_the_inbox_and_the_decision_is_recorded() {
    let (_dir, _rows, _app, window) = demo();
    let (user, item) = someone_with_work(&window);
    let id = item["invoiceId"].as_i64().unwrap_or_default();
    assert!(item["amount"].is_string(), "amounts are decimal strings");
    let decided = ok(
        &window,
        "decide_step",
        json!({"user": user, "request": {"invoice": id, "step": item["step"], "decision": "attest"}}),
    );
    assert_eq!(decided["outcome"], "ACCEPTED", "{decided}");
    assert_eq!(decided["step"], item["step"]);
    let view = ok(&window, "show_invoice", json!({"id": id}));
    let decisions = view["decisions"].as_array().cloned().unwrap_or_default();
    assert!(
        decisions
            .iter()
            .any(|d| d["actor"] == user.as_str() && d["decision"] == "ATTEST"),
        "{decisions:?}"
    );
    let step = view["steps"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["label"] == item["step"]).cloned())
        .unwrap_or_default();
    assert_eq!(step["decidedBy"], user.as_str());
    assert!(step["decidedAt"].is_string());
    let left = inbox_item(&window, &user, id);
    assert!(
        left.is_none_or(|i| i["step"] != item["step"]),
        "the decided step leaves the inbox"
    );
}

#[test]
fn deciding_as_someone_unknown_or_without_an_open_step_is_refused_with_a_code() {
    let (_dir, rows, _app, window) = demo();
    let (_, item) = someone_with_work(&window);
    let stranger = err(
        &window,
        "decide_step",
        json!({"user": "x999", "request": {"invoice": item["invoiceId"], "decision": "attest"}}),
    );
    assert_eq!(stranger["code"], "forbidden", "{stranger}");
    let closed = rows
        .iter()
        .find(|r| r.state.as_str() != "in-approval")
        .unwrap_or_else(|| panic!("the demo has an invoice that is not in approval"));
    let none_open = err(
        &window,
        "decide_step",
        json!({"user": "u230", "request": {"invoice": closed.id, "decision": "attest"}}),
    );
    assert_eq!(none_open["code"], "precondition", "{none_open}");
    let unknown = err(
        &window,
        "decide_step",
        json!({"user": "u230", "request": {"invoice": 1, "decision": "approve-twice"}}),
    );
    assert!(
        unknown
            .as_str()
            .is_some_and(|m| m.contains("approve-twice")),
        "an unknown decision never reaches core: {unknown}"
    );
}

#[test]
fn kontering_is_shown_and_every_problem_comes_back_by_row_and_field() {
    let (_dir, _rows, _app, window) = demo();
    let (user, item) = someone_with_work(&window);
    let id = item["invoiceId"].as_i64().unwrap_or_default();
    let rows = ok(&window, "show_kontering", json!({"invoice": id}));
    let rows = rows.as_array().cloned().unwrap_or_default();
    assert!(!rows.is_empty(), "a routed invoice has kontering rows");
    assert!(rows[0]["belopp"].is_string());

    let unreadable = err(
        &window,
        "set_kontering",
        json!({"user": user, "invoice": id, "rows": [rows[0].clone(), {"belopp": "tolv"}]}),
    );
    assert_eq!(unreadable["code"], "validation", "{unreadable}");
    assert_eq!(unreadable["faults"][0]["cell"], "2");
    assert_eq!(unreadable["faults"][0]["field"], "belopp");

    let mut wrong_sum = rows[0].clone();
    wrong_sum["belopp"] = json!("1,00");
    let refused = err(
        &window,
        "set_kontering",
        json!({"user": user, "invoice": id, "rows": [wrong_sum]}),
    );
    assert!(
        ["validation", "forbidden"].contains(&refused["code"].as_str().unwrap_or_default()),
        "{refused}"
    );
    assert!(
        !refused["faults"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .is_empty(),
        "core's problems arrive as faults: {refused}"
    );

    let same = ok(
        &window,
        "set_kontering",
        json!({"user": user, "invoice": id, "rows": rows}),
    );
    assert_eq!(same["invoice"], id);
    assert_eq!(same["rows"], rows.len());
}

#[test]
fn a_disputed_invoice_is_marked_and_can_be_resolved() {
    let (_dir, _rows, _app, window) = demo();
    let (user, item) = someone_with_work(&window);
    let id = item["invoiceId"].as_i64().unwrap_or_default();
    let disputed = ok(
        &window,
        "decide_step",
        json!({"user": user, "request": {"invoice": id, "decision": "dispute", "comment": "fel pris"}}),
    );
    assert_eq!(disputed["outcome"], "ACCEPTED", "{disputed}");
    assert_eq!(disputed["invoiceState"], "disputed");
    let listed = ok(
        &window,
        "list_invoices",
        json!({"query": {"states": ["disputed"]}}),
    );
    assert_eq!(listed["rows"][0]["id"], id);
    assert_eq!(listed["rows"][0]["paymentBlock"], true, "BETALSPÄRR");

    let no_reason = err(
        &window,
        "resolve_dispute",
        json!({"user": user, "invoice": id, "resolution": "resume", "comment": ""}),
    );
    assert!(no_reason["code"].is_string(), "{no_reason}");
    let people = ok(&window, "list_people", json!({}));
    let resolved = people
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|p| p["id"].as_str().map(str::to_owned))
        .find_map(|who| {
            invoke(
                &window,
                "resolve_dispute",
                json!({"user": who, "invoice": id, "resolution": "resume", "comment": "kreditnota mottagen"}),
            )
            .ok()
        })
        .unwrap_or_else(|| panic!("nobody in the sample attestförteckning may resolve the dispute"));
    assert_eq!(resolved["paymentBlock"], false, "{resolved}");
    assert_ne!(resolved["state"], "disputed");
}

#[test]
fn reminders_name_the_steps_past_their_deadline() {
    let dir = temp_dir();
    let day = support::demo_day();
    support::seed_demo(dir.path(), day);
    let (_app, window) = app(dir.path());
    let today = ok(&window, "list_reminders", json!({}));
    let late_day = day
        .checked_add_days(chrono::Days::new(60))
        .unwrap_or_else(|| panic!("date overflow"));
    drop(window);
    let (_later, window) = app_on(dir.path(), late_day);
    let later = ok(&window, "list_reminders", json!({}));
    let later = later.as_array().cloned().unwrap_or_default();
    assert!(!later.is_empty(), "two months on, open steps are overdue");
    assert!(later.len() >= today.as_array().map_or(0, Vec::len));
    for r in &later {
        assert_eq!(r["item"]["reminder"]["kind"], "overdue", "{r}");
        assert!(r["item"]["reminder"]["days"].as_i64().unwrap_or_default() > 0);
    }
    let (user, _) = someone_with_work(&window);
    let inbox = ok(&window, "list_inbox", json!({"user": user}));
    assert!(
        inbox["items"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .all(|i| i["reminder"]["kind"] == "overdue"),
        "the inbox carries the same marks: {inbox}"
    );
}

#[test]
fn people_come_from_the_active_attestforteckning() {
    let dir = temp_dir();
    let (_app, window) = app(dir.path());
    assert_eq!(ok(&window, "list_people", json!({})), json!([]));
    let (_dir, _rows, _app2, window) = demo();
    let people = ok(&window, "list_people", json!({}));
    let people = people.as_array().cloned().unwrap_or_default();
    assert!(
        people
            .iter()
            .any(|p| p["id"] == "u230" && p["name"].as_str().is_some_and(|n| !n.is_empty())),
        "{people:?}"
    );
    let unknown = ok(&window, "list_inbox", json!({"user": "x999"}));
    assert_eq!(unknown["known"], false);
    assert_eq!(unknown["items"], json!([]));
}

#[test]
fn an_administrator_saves_the_template_imports_diffs_and_activates_it() {
    let dir = temp_dir();
    let (_app, window) = app(&dir.path().join("data"));
    let none = err(&window, "activate_rules", json!({"user": "u300"}));
    assert_eq!(none["code"], "not-found", "{none}");

    let file = dir.path().join("attestforteckning.xlsx");
    let path = file.display().to_string();
    let saved = ok(
        &window,
        "save_rules_template",
        json!({"path": path, "sample": true}),
    );
    assert_eq!(saved["path"], path.as_str());
    assert!(file.is_file());
    let again = err(
        &window,
        "save_rules_template",
        json!({"path": path, "sample": true}),
    );
    assert_eq!(again["code"], "conflict", "never overwritten: {again}");

    let before = ok(&window, "diff_rules", json!({"path": path}));
    assert_eq!(before["problems"], json!([]));
    let added = before["lines"].as_array().cloned().unwrap_or_default();
    assert!(
        !added.is_empty() && added.iter().all(|l| l["change"] == "added"),
        "{before}"
    );

    let no_ref = err(
        &window,
        "import_rules",
        json!({"user": "u300", "path": path, "decisionRef": " ", "activate": true}),
    );
    assert_eq!(no_ref["code"], "validation");
    let imported = ok(
        &window,
        "import_rules",
        json!({"user": "u300", "path": path, "decisionRef": "KS 2026-12-04 § 112", "activate": false}),
    );
    assert_eq!(imported["stored"], true, "{imported}");
    assert_eq!(imported["version"], 1);
    assert!(imported["grants"].as_u64().unwrap_or_default() > 0);
    let activated = ok(&window, "activate_rules", json!({"user": "u300"}));
    assert_eq!(activated["version"], 1);
    let versions = ok(&window, "list_rule_versions", json!({}));
    assert_eq!(versions[0]["active"], true);
    assert_eq!(versions[0]["decisionRef"], "KS 2026-12-04 § 112");
    assert_eq!(versions[0]["importedBy"], "u300");
    let after = ok(&window, "diff_rules", json!({"path": path}));
    assert_eq!(
        after["lines"],
        json!([]),
        "the active version is the workbook"
    );

    let missing = err(
        &window,
        "import_rules",
        json!({"path": dir.path().join("nope.xlsx").display().to_string(), "decisionRef": "KS", "activate": true}),
    );
    assert_eq!(missing["code"], "not-found", "{missing}");
    assert!(
        missing["message"]
            .as_str()
            .unwrap_or_default()
            .contains("nope.xlsx")
    );
}

#[test]
fn a_broken_workbook_is_refused_with_every_problem_by_sheet_and_cell() {
    let dir = temp_dir();
    let (_app, window) = app(&dir.path().join("data"));
    // A workbook with one sheet that has one column: every other sheet and column is missing.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    sheet
        .set_name("Attesträtt")
        .and_then(|s| s.write_string(0, 0, "rad_id"))
        .unwrap_or_else(|e| panic!("{e}"));
    let bytes = wb.save_to_buffer().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("trasig.xlsx");
    std::fs::write(&file, bytes).unwrap_or_else(|e| panic!("{e}"));
    let path = file.display().to_string();
    let refused = ok(
        &window,
        "import_rules",
        json!({"path": path, "decisionRef": "KS 1", "activate": true}),
    );
    assert_eq!(refused["stored"], false, "{refused}");
    let problems = refused["problems"].as_array().cloned().unwrap_or_default();
    assert!(
        problems.len() > 1,
        "every problem, not the first: {problems:?}"
    );
    assert!(
        problems
            .iter()
            .all(|p| p["severity"] == "error" || p["severity"] == "warning")
    );
    assert!(
        problems.iter().any(|p| p["sheet"] == "Attesträtt"
            && p["message"]
                .as_str()
                .is_some_and(|m| m.contains("attesttyp"))),
        "the missing column is named with its sheet: {problems:?}"
    );
    assert!(
        problems.iter().any(|p| p["sheet"] == "Frånvaro"),
        "{problems:?}"
    );
    let versions = ok(&window, "list_rule_versions", json!({}));
    assert_eq!(versions, json!([]), "nothing was stored");
    let diff = ok(&window, "diff_rules", json!({"path": path}));
    assert_eq!(diff["lines"], json!([]));
    assert_eq!(
        diff["problems"].as_array().map(Vec::len),
        Some(problems.len())
    );
}

#[test]
fn the_ledger_is_exported_to_a_new_file() {
    let (dir, _rows, _app, window) = demo();
    let file = dir.path().join("fakturor.xlsx");
    let path = file.display().to_string();
    let saved = ok(&window, "export_ledger", json!({"path": path}));
    assert!(saved["bytes"].as_u64().unwrap_or_default() > 0);
    let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
    let again = err(&window, "export_ledger", json!({"path": path}));
    assert_eq!(again["code"], "conflict");
    let nowhere = err(
        &window,
        "export_ledger",
        json!({"path": dir.path().join("no-such-dir/f.xlsx").display().to_string()}),
    );
    assert_eq!(nowhere["code"], "not-found", "{nowhere}");
}
