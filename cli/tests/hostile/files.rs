//! Finding 7: outputs never overwrite a file without --force, never write through a link, and
//! an archive export interrupted earlier does not block the next one.

use crate::common::digilyft;

#[test]
fn outputs_keep_existing_files_unless_forced() {
    let tmp = tempfile::tempdir().expect("tmp");
    let answers = tmp.path().join("answers.csv");
    let real = b"respondent;real answers\n";
    std::fs::write(&answers, real).expect("write");
    let a = answers.to_str().expect("utf-8");
    let sample = [
        "survey",
        "sample",
        "--model",
        "dmos-open",
        "--respondents",
        "5",
        "-o",
        a,
    ];
    let (code, _, err) = digilyft(&sample);
    assert_eq!(code, 2, "refused: {err}");
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&answers).expect("read"),
        real,
        "the real answers are kept"
    );
    let (code, _, err) = digilyft(&[&sample[..], &["--force"]].concat());
    assert_eq!(code, 0, "{err}");
    assert_ne!(std::fs::read(&answers).expect("read"), real);

    let workbook = tmp.path().join("filled.xlsx");
    std::fs::write(&workbook, b"a filled workbook").expect("write");
    let w = workbook.to_str().expect("utf-8");
    for cmd in [
        vec!["survey", "template", "--model", "dmos-open", "-o", w],
        vec!["rules", "template", "-o", w],
    ] {
        let (code, _, err) = digilyft(&cmd);
        assert_eq!(code, 2, "{cmd:?}: {err}");
        assert_eq!(
            std::fs::read(&workbook).expect("read"),
            b"a filled workbook"
        );
    }
}

#[cfg(unix)]
#[test]
fn the_ledger_is_never_written_through_a_link_and_archives_survive_a_killed_run() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = crate::small_store(tmp.path());
    let d = data.to_str().expect("utf-8");
    let elsewhere = tmp.path().join("someone-elses.xlsx");
    std::fs::write(&elsewhere, b"not ours").expect("write");
    let link = tmp.path().join("fakturor.xlsx");
    std::os::unix::fs::symlink(&elsewhere, &link).expect("link");
    let l = link.to_str().expect("utf-8");
    for force in [false, true] {
        let mut args = vec!["export", "ledger", "-o", l, "--data", d];
        if force {
            args.push("--force");
        }
        let (code, _, err) = digilyft(&args);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("symbolic link"), "{err}");
    }
    assert_eq!(std::fs::read(&elsewhere).expect("read"), b"not ours");

    // A run killed half-way left a temporary package folder; the next run is not blocked and
    // leaves only complete packages.
    let out = tmp.path().join("arkiv");
    std::fs::create_dir(&out).expect("out");
    let o = out.to_str().expect("utf-8");
    let leftover = out.join(".1-x.digilyft-tmp-999999999-0");
    std::fs::create_dir(&leftover).expect("leftover");
    std::fs::write(leftover.join("original.xml"), b"<half").expect("half");
    let (code, _, err) = digilyft(&["export", "archive", "1", "-o", o, "--data", d]);
    assert_eq!(code, 0, "{err}");
    let package = err
        .lines()
        .find_map(|l| l.strip_prefix("wrote "))
        .expect("a package path")
        .trim()
        .to_string();
    let (code, _, err) = digilyft(&["audit", "verify-archive", &package]);
    assert_eq!(code, 0, "the package is complete: {err}");
    let (code, _, err) = digilyft(&["export", "archive", "1", "-o", o, "--data", d]);
    assert_eq!(code, 2, "an existing package is never overwritten");
    assert!(err.contains("already exists"), "{err}");
}
