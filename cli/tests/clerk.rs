//! A clerk's day from the command line, on the demo store: a disputed invoice is resolved and
//! attested, a bad kontering is refused, and the audit log is verified against the anchor in a
//! ledger export — before and after its last events are cut off behind the store's back.

mod common;

use common::digilyft;
use std::path::Path;

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

#[test]
fn a_clerks_day_and_a_cut_audit_log() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("demo");
    let d = data.to_str().expect("utf-8 path");
    let (code, _, err) = digilyft(&["demo", "--out", d]);
    assert_eq!(code, 0, "demo: {err}");

    // KG-78 was disputed in the demo: it shows as blocked and cannot be attested.
    let (code, out, _) = digilyft(&["inbox", "--user", "u230", "--data", d, "--json"]);
    assert_eq!(code, 0);
    let inbox = json(&out);
    let kg78 = inbox
        .as_array()
        .and_then(|a| a.iter().find(|i| i["number"] == "KG-78"))
        .expect("KG-78 waits on u230");
    assert_eq!(kg78["invoice_state"], "disputed");
    let (code, _, _) = digilyft(&["attest", "KG-78", "--as", "u230", "--approve", "--data", d]);
    assert_eq!(code, 1, "a disputed invoice cannot be attested");

    let resolve = [
        "resolve",
        "KG-78",
        "--as",
        "u230",
        "--resume",
        "--data",
        d,
        "--json",
        "--comment",
    ];
    let (code, out, _) = digilyft(&[&resolve[..], &["Underlag mottaget"]].concat());
    assert_eq!(code, 0, "{out}");
    assert_eq!(json(&out)["state"], "in-approval");
    let (code, out, _) = digilyft(&["attest", "KG-78", "--as", "u230", "--approve", "--data", d]);
    assert_eq!(code, 0, "{out}");

    // A kontering that does not carry the whole net amount is refused and changes nothing.
    let (code, out, _) = digilyft(&[
        "kontering",
        "KN-2044",
        "--as",
        "u300",
        "--rad",
        "belopp=100;konto=6550;ansvar=1000;momskod=AVDRAGSGILL",
        "--data",
        d,
        "--json",
    ]);
    assert_eq!(code, 1);
    let refused = json(&out);
    assert_eq!(refused["refused"], true);
    assert!(
        refused["problems"].to_string().contains("BT-109"),
        "{refused}"
    );

    // The ledger export carries the log's head; verify agrees with it.
    let ledger = dir.path().join("fakturor.xlsx");
    let l = ledger.to_str().expect("utf-8");
    let (code, _, err) = digilyft(&["export", "ledger", "-o", l, "--data", d]);
    assert_eq!(code, 0, "{err}");
    let (code, head, _) = digilyft(&["audit", "head", "--data", d]);
    assert_eq!(code, 0);
    let seq: i64 = head
        .trim()
        .split(':')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("SEQ:HASH");
    let verify = ["audit", "verify", "--data", d, "--json", "--anchor-from", l];
    let (code, out, _) = digilyft(&verify);
    assert_eq!(code, 0, "{out}");
    assert_eq!(json(&out)["intact"], true);

    // Someone with write access removes the last two events: still a valid chain, but both
    // anchors (beside the store and in the ledger) and the coverage check find it.
    cut(&data.join("digilyft.sqlite"), seq - 2);
    let (code, out, _) = digilyft(&verify);
    assert_eq!(code, 1, "{out}");
    let report = json(&out);
    assert_eq!(report["chain_intact"], true);
    assert_eq!(report["intact"], false);
    assert_eq!(report["first_broken_seq"], seq - 1);
    assert_eq!(report["anchors"].as_array().map(Vec::len), Some(2));
}

fn cut(store: &Path, keep: i64) {
    let conn = rusqlite::Connection::open(store).expect("open the store file");
    conn.execute_batch("DROP TRIGGER audit_no_delete")
        .expect("drop trigger");
    conn.execute("DELETE FROM audit WHERE seq > ?1", [keep])
        .expect("delete");
}
