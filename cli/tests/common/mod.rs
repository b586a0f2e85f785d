//! Running the built `digilyft` binary from the CLI's integration tests.

use std::process::Command;

/// Runs `digilyft ARGS…` and returns (exit code, stdout, stderr).
pub fn digilyft(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_digilyft"))
        .args(args)
        .output()
        .expect("the digilyft binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
