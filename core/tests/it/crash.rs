//! `kill -9` during an import leaves a consistent store, and a re-run finishes the job without
//! duplicates. The test re-runs its own binary as the child that gets killed.

use std::process::Command;
use std::time::Duration;

use chrono::NaiveDate;
use digilyft_core::import::import_documents;
use digilyft_core::store::{ImportOutcome, Store};
use digilyft_core::synth::batch;

use crate::common::*;

const CHILD_ENV: &str = "DIGILYFT_CRASH_CHILD_STORE";
const N: usize = 4_000;

fn docs(n: usize) -> Vec<(String, Vec<u8>)> {
    batch(n, NaiveDate::from_ymd_opt(2026, 10, 1).expect("date"))
}

/// In the child: import N documents into the store named by the environment (and get killed).
/// Run directly: import a small batch twice and check the second run stores nothing.
#[test]
fn import_child() {
    let clock = clock();
    match std::env::var_os(CHILD_ENV) {
        Some(path) => {
            let mut store = Store::open(std::path::Path::new(&path)).expect("store");
            import_documents(&mut store, docs(N), &clock).expect("import");
        }
        None => {
            let mut store = Store::open_in_memory().expect("store");
            let first = import_documents(&mut store, docs(300), &clock).expect("import");
            assert!(
                first
                    .iter()
                    .all(|o| matches!(o, ImportOutcome::Stored { .. }))
            );
            let second = import_documents(&mut store, docs(300), &clock).expect("import");
            assert!(
                second
                    .iter()
                    .all(|o| matches!(o, ImportOutcome::Duplicate { .. }))
            );
        }
    }
}

#[test]
fn kill_9_mid_import_then_rerun_completes_without_duplicates() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("crash.sqlite");
    drop(Store::open(&path).expect("create"));
    let exe = std::env::current_exe().expect("test binary");
    let mut child = Command::new(exe)
        .args(["--exact", "crash::import_child", "--test-threads", "1"])
        .env(CHILD_ENV, &path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn child");
    // Wait until some batches are committed, then SIGKILL.
    let mut stored_before = 0;
    for _ in 0..600 {
        std::thread::sleep(Duration::from_millis(50));
        if let Ok(s) = Store::open(&path) {
            stored_before = s.list_invoices().map(|l| l.len()).unwrap_or(0);
        }
        if stored_before > 0 {
            break;
        }
    }
    // Kill as soon as the first batch is visible: the child is then mid-import.
    child.kill().expect("kill -9");
    let status = child.wait().expect("the killed child is reaped");
    assert!(
        !status.success(),
        "the child must die by the signal, not finish its import first: {status:?}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(9), "killed by SIGKILL: {status:?}");
    }
    let clock = clock();
    let mut store = Store::open(&path).expect("reopen after kill");
    let partial = store.list_invoices().expect("list").len();
    assert!(
        partial > 0,
        "the child committed something before it was killed"
    );
    assert!(
        partial < N,
        "the child was killed mid-import: {partial} of {N} stored before the re-run"
    );
    let report = store.audit_report(&[]).expect("audit");
    assert!(
        report.intact(),
        "audit chain, anchor and coverage intact after kill: {report:?}"
    );
    let rerun = import_documents(&mut store, docs(N), &clock).expect("re-run");
    let dups = rerun
        .iter()
        .filter(|o| matches!(o, ImportOutcome::Duplicate { .. }))
        .count();
    let stored = rerun
        .iter()
        .filter(|o| matches!(o, ImportOutcome::Stored { .. }))
        .count();
    assert_eq!(
        dups, partial,
        "every invoice stored before the kill is recognised"
    );
    assert_eq!(stored + dups, N);
    assert_eq!(
        store.list_invoices().expect("list").len(),
        N,
        "no duplicates, nothing missing"
    );
    let report = store.audit_report(&[]).expect("audit");
    assert!(report.intact(), "{report:?}");
}
