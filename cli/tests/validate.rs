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

#[test]
fn encodings_are_read_and_control_characters_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = std::fs::read_to_string(base_example()).expect("base example");
    // UTF-16LE with a byte-order mark: valid, as its UTF-8 original.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            base.replacen("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", 1)
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        )
        .collect();
    let path = dir.path().join("utf16.xml");
    std::fs::write(&path, utf16).expect("write");
    let (code, out, _) = digilyft(&["validate", path.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{out}");

    // A raw ESC is not well-formed XML: exit 2, with line and column.
    let esc = base.replacen("0150abc", "0150\u{1b}[2Jabc", 1);
    let path = dir.path().join("esc.xml");
    std::fs::write(&path, esc).expect("write");
    let (code, out, _) = digilyft(&["validate", path.to_str().expect("utf-8")]);
    assert_eq!(code, 2);
    assert!(out.contains("character U+001B is not allowed"), "{out}");

    // CSI (U+009B) is allowed by XML but starts a terminal escape sequence: `parse` prints the
    // buyer reference escaped.
    let csi = base.replacen("0150abc", "0150\u{9b}2Jabc", 1);
    let path = dir.path().join("csi.xml");
    std::fs::write(&path, csi).expect("write");
    let (code, out, err) = digilyft(&["parse", path.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("0150\\u{9b}2Jabc"), "{out}");
    assert!(!out.contains('\u{9b}') && !err.contains('\u{9b}'));
}
