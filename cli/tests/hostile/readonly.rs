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

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported_once_and_the_import_goes_on() {
    let tmp = tempfile::tempdir().expect("tmp");
    chmod(tmp.path(), 0o755);
    let inbox = tmp.path().join("inkorg");
    std::fs::create_dir(&inbox).expect("inbox");
    let good = &crate::sample_invoices()[0];
    let copy = inbox.join("a-good.xml");
    std::fs::copy(good, &copy).expect("copy");
    chmod(&copy, 0o644);
    let secret = inbox.join("b-secret.xml");
    std::fs::copy(good, &secret).expect("copy");
    chmod(&secret, 0o000);
    chmod(&inbox, 0o755);
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).expect("data");
    chmod(&data, 0o777);
    let (i, d) = (
        inbox.to_str().expect("utf-8"),
        data.to_str().expect("utf-8"),
    );
    let (code, out, err) = run_unprivileged(&["import", i, "--data", d]);
    assert_eq!(code, 1, "{out}{err}");
    let line = out
        .lines()
        .find(|l| l.contains("b-secret.xml"))
        .unwrap_or_else(|| panic!("the unreadable file is named: {out}"));
    let reason = std::io::Error::from_raw_os_error(13).to_string();
    assert_eq!(line.matches(&reason).count(), 1, "{line}");
    assert_eq!(line.matches("b-secret.xml").count(), 1, "{line}");
    assert!(
        out.contains("a-good.xml"),
        "the other file is imported: {out}"
    );
    assert!(
        out.lines().last().unwrap_or_default().contains("1 olästa"),
        "{out}"
    );
}
