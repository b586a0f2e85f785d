//! Finding 5 from the command line: a zeroed page of the store is reported by `audit verify`,
//! and `attest` refuses to write; `audit reanchor` needs --force and a reason.

use crate::common::digilyft;

/// Zeroes one leaf page of the `invoice` table (its rows carry the facts JSON).
fn zero_an_invoice_page(store: &std::path::Path) {
    let mut bytes = std::fs::read(store).expect("read");
    let size = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    let page = (1..bytes.len() / size)
        .find(|&i| {
            let p = &bytes[i * size..(i + 1) * size];
            p[0] == 0x0D && p.windows(13).any(|w| w == b"\"supplier_id\"")
        })
        .expect("an invoice page");
    bytes[page * size..(page + 1) * size].fill(0);
    std::fs::write(store, bytes).expect("write");
}

#[test]
fn a_demo_store_with_a_zeroed_page_is_reported_and_refuses_attest() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("demo");
    let d = data.to_str().expect("utf-8");
    let (code, _, err) = digilyft(&["demo", "--out", d]);
    assert_eq!(code, 0, "{err}");

    // Finding 11 on the way: a decision's comment is shown by `show` and `show --json`.
    let (code, out, _) = digilyft(&[
        "resolve",
        "KG-78",
        "--as",
        "u230",
        "--resume",
        "--data",
        d,
        "--comment",
        "Underlag mottaget",
    ]);
    assert_eq!(code, 0, "{out}");
    let (code, out, err) = digilyft(&[
        "attest",
        "KG-78",
        "--as",
        "u230",
        "--approve",
        "--data",
        d,
        "--comment",
        "Stämmer mot avtal 17",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, _) = digilyft(&["show", "KG-78", "--data", d, "--json"]);
    assert_eq!(code, 0);
    let shown = crate::json(&out);
    let comments: Vec<&str> = shown["decisions"]
        .as_array()
        .expect("decisions")
        .iter()
        .filter_map(|x| x["comment"].as_str())
        .collect();
    assert!(comments.contains(&"Stämmer mot avtal 17"), "{shown}");
    let (_, text, _) = digilyft(&["show", "KG-78", "--data", d]);
    assert!(text.contains("kommentar: Stämmer mot avtal 17"), "{text}");

    zero_an_invoice_page(&data.join("digilyft.sqlite"));
    let (code, out, _) = digilyft(&["audit", "verify", "--data", d, "--json"]);
    assert_eq!(code, 1, "{out}");
    let report = crate::json(&out);
    assert_eq!(report["intact"], false);
    assert_eq!(report["storage_intact"], false, "{report}");
    let (code, out, _) = digilyft(&["audit", "verify", "--data", d]);
    assert_eq!(code, 1);
    assert!(out.contains("SKADAT"), "{out}");
    let (code, out, err) = digilyft(&[
        "attest",
        "KN-2044",
        "--as",
        "u230",
        "--approve",
        "--data",
        d,
    ]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("damaged") && err.contains("backup"), "{err}");

    let (code, _, err) = digilyft(&["audit", "reanchor", "--data", d, "--reason", "x"]);
    assert_eq!(code, 2, "--force is required: {err}");
    let (code, _, err) = digilyft(&["audit", "reanchor", "--force", "--data", d, "--reason", "x"]);
    assert_eq!(code, 2, "damaged pages cannot be re-anchored away: {err}");
}
