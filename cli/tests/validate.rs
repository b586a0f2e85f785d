//! `digilyft validate` end to end: exit codes, JSON lines, directories.

mod common;

use common::digilyft;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/official")
}

fn base_example() -> PathBuf {
    fixtures().join("peppol-bis3/rules/examples/base-example.xml")
}

#[test]
fn exit_codes_and_json_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = std::fs::read_to_string(base_example()).expect("base example");
    // A wrong line total: BR-CO-10 (and the totals depending on it) must fire.
    let broken = base.replacen(
        "<cbc:LineExtensionAmount currencyID=\"EUR\">1300</cbc:LineExtensionAmount>",
        "<cbc:LineExtensionAmount currencyID=\"EUR\">1301</cbc:LineExtensionAmount>",
        1,
    );
    assert_ne!(broken, base, "the mutation applies");
    let valid = dir.path().join("a-valid.xml");
    let fatal = dir.path().join("b-fatal.xml");
    std::fs::write(&valid, &base).expect("write");
    std::fs::write(&fatal, &broken).expect("write");

    let (code, _, _) = digilyft(&["validate", valid.to_str().expect("utf-8 path")]);
    assert_eq!(code, 0);

    let (code, out, _) = digilyft(&["validate", "--json", dir.path().to_str().expect("utf-8")]);
    assert_eq!(code, 1);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["format"], "peppol-bis3");
    assert_eq!(lines[0]["fired"].as_array().map(Vec::len), Some(0));
    let ids: Vec<&str> = lines[1]["fired"]
        .as_array()
        .expect("fired")
        .iter()
        .filter_map(|f| f["id"].as_str())
        .collect();
    assert!(ids.contains(&"BR-CO-10"), "{ids:?}");
    let first = &lines[1]["fired"][0];
    for key in ["id", "severity", "bt", "location", "message"] {
        assert!(!first[key].is_null(), "missing {key}");
    }

    let junk = dir.path().join("c-junk.xml");
    std::fs::write(&junk, "<a>").expect("write");
    let (code, _, _) = digilyft(&["validate", "--json", dir.path().to_str().expect("utf-8")]);
    assert_eq!(code, 2, "unreadable input wins over faults");
}
