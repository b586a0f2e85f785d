//! Finding 11: the demo's samples are inside the binary, not at a path fixed at build time.

use std::process::Command;

#[test]
fn a_copied_binary_runs_its_demo_without_the_source_tree() {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_digilyft"));
    let bytes = std::fs::read(bin).expect("the binary");
    let build_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/samples");
    assert!(
        !bytes
            .windows(build_path.len())
            .any(|w| w == build_path.as_bytes()),
        "the binary refers to the build tree's {build_path}"
    );
    let tmp = tempfile::tempdir().expect("tmp");
    let copy = tmp.path().join("digilyft");
    std::fs::copy(bin, &copy).expect("copy the binary");
    let out = Command::new(&copy)
        .args(["demo", "--out", "d"])
        .current_dir(tmp.path())
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("inbyggda"), "{text}");
    assert!(tmp.path().join("d").join("fakturor.xlsx").is_file());
}
