//! How `inbox` and `attest` choose their mode, and what connected commands say without a server:
//! a data directory without an enrolled device stays local (and then needs `--user`/`--as`);
//! `login` to a server nobody answers fails with exit 2 and leaves the directory local; `sync`
//! and `status` before any login say what to do.

mod common;

use common::digilyft;

fn dead_server() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", l.local_addr().expect("addr"));
    drop(l);
    url
}

#[test]
fn a_local_data_directory_stays_local_and_needs_the_person() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path().to_str().expect("utf-8");
    let (code, _, err) = digilyft(&["inbox", "--data", d]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--user ID is needed with the local store"),
        "{err}"
    );
    let (code, _, err) = digilyft(&["attest", "KG-78", "--approve", "--data", d]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--as ID is needed with the local store"),
        "{err}"
    );
    let (code, out, err) = digilyft(&["inbox", "--user", "u230", "--data", d]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("inga fakturor väntar på u230"), "{out}");
}

#[test]
fn a_failed_login_leaves_the_directory_local_and_sync_says_to_log_in() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path().to_str().expect("utf-8");
    let server = dead_server();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_digilyft"))
        .args(["login", "--server", &server, "--user", "anna", "--data", d])
        .env("DIGILYFT_PASSWORD", "a long enough password")
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot reach the server"), "{err}");
    assert!(!dir.path().join("sync-session.json").exists());
    let (code, _, err) = digilyft(&["sync", "--data", d]);
    assert_eq!(code, 2);
    assert!(
        err.contains("not logged in to a server: digilyft login"),
        "{err}"
    );
    let (code, _, err) = digilyft(&["inbox", "--user", "u230", "--data", d]);
    assert_eq!(code, 0, "still local: {err}");
    let (code, out, _) = digilyft(&["status", "--data", d, "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(
        (v["logged_in"].as_bool(), v["pending"].as_i64()),
        (Some(false), Some(0))
    );
}
