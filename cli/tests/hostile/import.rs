//! Finding 4: a folder with a FIFO, a link to /dev/zero and an unreadable file is imported file
//! by file, and the summary is always printed.

use crate::common::digilyft;

#[cfg(unix)]
#[test]
fn a_folder_with_special_files_imports_the_rest_and_prints_the_summary() {
    let tmp = tempfile::tempdir().expect("tmp");
    let inbox = tmp.path().join("inkorg");
    std::fs::create_dir(&inbox).expect("inbox");
    for f in crate::sample_invoices() {
        std::fs::copy(&f, inbox.join(f.file_name().expect("name"))).expect("copy");
    }
    let n = crate::sample_invoices().len();
    let made = std::process::Command::new("mkfifo")
        .arg(inbox.join("fifo.xml"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", inbox.join("zero.xml")).expect("link");
    let i = inbox.to_str().expect("utf-8");
    let data = tmp.path().join("data");
    let d = data.to_str().expect("utf-8");

    let (code, out, err) = digilyft(&["import", i, "--data", d]);
    assert_eq!(code, 1, "faults found, no error: {out}{err}");
    assert!(out.contains("fifo.xml") && out.contains("FIFO"), "{out}");
    assert!(out.contains("zero.xml"), "{out}");
    let summary = out.lines().last().unwrap_or_default();
    assert!(
        summary.contains(&format!("{} filer", n + 2)) && summary.contains("2 olästa"),
        "{summary}"
    );

    let (code, out, err) = digilyft(&["import", i, "--data", d, "--json"]);
    assert_eq!(code, 1);
    let rows = crate::json(&out);
    let rows = rows.as_array().expect("one row per file");
    assert_eq!(rows.len(), n + 2);
    assert_eq!(
        rows.iter().filter(|r| r["outcome"] == "unreadable").count(),
        2
    );
    let summary = crate::json(err.lines().last().unwrap_or_default());
    assert_eq!(summary["summary"]["duplicates"], n);
    assert_eq!(summary["summary"]["unreadable"], 2);
}
