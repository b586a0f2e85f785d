//! Finding 9: a read-only data directory — reading commands work, writing ones say which
//! directory is read-only, and no message repeats the operating system's reason.

use std::path::Path;
use std::process::Command;

/// Runs the binary as an unprivileged user when the tests run as root (root writes into a
/// read-only folder anyway), else as the current user.
fn run_unprivileged(args: &[&str]) -> (i32, String, String) {
    let bin = env!("CARGO_BIN_EXE_digilyft");
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let out = if root {
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", bin])
            .args(args)
            .output()
    } else {
        Command::new(bin).args(args).output()
    }
    .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(unix)]
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(unix)]
#[test]
fn a_read_only_data_directory_serves_reads_and_names_itself_on_writes() {
    let tmp = tempfile::tempdir().expect("tmp");
    chmod(tmp.path(), 0o755);
    let data = crate::small_store(tmp.path());
    for entry in std::fs::read_dir(&data).expect("list") {
        chmod(&entry.expect("entry").path(), 0o644);
    }
    chmod(&data, 0o555);
    let d = data.to_str().expect("utf-8");
    for args in [
        vec!["audit", "verify", "--data", d],
        vec!["inbox", "--user", "u230", "--data", d],
        vec!["show", "1", "--data", d],
    ] {
        let (code, out, err) = run_unprivileged(&args);
        assert_eq!(code, 0, "{args:?}: {out}{err}");
    }
    let sample = crate::sample_invoices()[0].display().to_string();
    let (code, out, err) = run_unprivileged(&["import", &sample, "--data", d]);
    chmod(&data, 0o755);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains(d) && err.contains("read-only"), "{err}");
    let first = err.lines().next().unwrap_or_default();
    assert!(!first.contains("unable to open database file"), "{first}");
}
