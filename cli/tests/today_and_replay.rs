//! `--today` fixes the day every command judges by, and `attest --decision-id` replays an intent:
//! the same id again returns the first outcome and changes nothing.

mod common;

use common::digilyft;

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

#[test]
fn a_fixed_today_moves_deadlines_and_a_decision_id_replays() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path().join("demo");
    let d = d.to_str().expect("utf-8 path");
    let (code, _, err) = digilyft(&["demo", "--out", d]);
    assert_eq!(code, 0, "demo: {err}");

    // Long before the invoices were due nothing needs a reminder; a year from now everything
    // still open is overdue.
    let (code, out, _) = digilyft(&["reminders", "--data", d, "--json", "--today", "2000-01-01"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(json(&out), serde_json::json!([]));
    let later = chrono::Utc::now().date_naive() + chrono::Days::new(365);
    let later = later.to_string();
    let (code, out, _) = digilyft(&["reminders", "--data", d, "--json", "--today", &later]);
    assert_eq!(code, 1, "overdue a year later: {out}");
    let list = json(&out);
    let overdue = list.as_array().expect("a list");
    assert!(!overdue.is_empty());
    assert!(
        overdue.iter().all(|r| r["reminder"]["kind"] == "overdue"),
        "{out}"
    );

    // An intent with a given id, then the same id again: the first outcome, marked as a replay.
    let attest = |id: &str| {
        digilyft(&[
            "attest",
            "KG-78",
            "--as",
            "u230",
            "--approve",
            "--decision-id",
            id,
            "--data",
            d,
            "--json",
        ])
    };
    let (code, first, _) = attest("replay-1");
    assert_eq!(code, 1, "KG-78 is disputed: {first}");
    let first = json(&first);
    assert_eq!(first["replay"], false);
    assert_eq!(first["outcome"], "REJECTED_RULE");
    let (_, again, _) = attest("replay-1");
    let again = json(&again);
    assert_eq!(again["replay"], true, "{again}");
    assert_eq!(again["outcome"], first["outcome"]);
    assert_eq!(again["decision_id"], "replay-1");
    let (code, out, _) = digilyft(&["show", "KG-78", "--data", d, "--json"]);
    assert_eq!(code, 0);
    let decisions = json(&out)["decisions"].clone();
    let n = decisions
        .as_array()
        .map(|a| a.iter().filter(|x| x["decision_id"] == "replay-1").count());
    assert_eq!(n, Some(1), "the intent is recorded once: {decisions}");
}
