//! End to end: whatever answers come in, the groups a report shows never let anyone derive a
//! group of fewer than k respondents — not directly and not by adding and subtracting shown
//! groups (units of a random org tree and role groups). Checked by brute force over every subset
//! of unit × role cells.

use digilyft_survey::{AnswerSet, Cell, Model, ScoreOptions, score};
use proptest::prelude::*;

const MODEL: &str = r#"
[model]
id = "anon"
version = "1.0.0"
name = { sv = "Anonymitet" }
[scale]
min = 1
max = 5
[[role]]
id = "a"
name = { sv = "A" }
[[role]]
id = "b"
name = { sv = "B" }
[[role]]
id = "c"
name = { sv = "C" }
[aggregation]
min_group_size = 3
[[dimension]]
id = "d"
name = { sv = "D" }
categories = [{ id = "k", name = { sv = "K" } }]
[[item]]
id = "Q1"
category = "k"
text = { sv = "1" }
[[item]]
id = "Q2"
category = "k"
text = { sv = "2" }
[[item]]
id = "Q3"
category = "k"
text = { sv = "3" }
[[recommendation]]
id = "R"
category = "k"
title = { sv = "R" }
"#;

/// Unit paths of a small random tree: node i > 0 hangs under a random earlier node.
fn paths(parents: &[usize]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, &p) in parents.iter().enumerate() {
        out.push(if i == 0 {
            String::new()
        } else if p == 0 {
            format!("u{i}")
        } else {
            format!("{}/u{i}", out[p])
        });
    }
    out
}

fn rank(mut rows: Vec<Vec<f64>>) -> usize {
    let cols = rows.first().map_or(0, Vec::len);
    let mut r = 0;
    for c in 0..cols {
        let Some(p) = (r..rows.len()).find(|&i| rows[i][c].abs() > 1e-9) else {
            continue;
        };
        rows.swap(r, p);
        let pivot = rows[r].clone();
        for (i, row) in rows.iter_mut().enumerate() {
            if i != r && row[c].abs() > 1e-9 {
                let f = row[c] / pivot[c];
                for (x, y) in row.iter_mut().zip(&pivot) {
                    *x -= f * y;
                }
            }
        }
        r += 1;
    }
    r
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn reports_never_reveal_a_group_below_k(
        parents in (1usize..6).prop_flat_map(|n| {
            (0..n).map(|u| if u == 0 { Just(0).boxed() } else { (0..u).boxed() }).collect::<Vec<_>>()
        }),
        people in proptest::collection::vec((0usize..6, 0usize..4, 1u8..6), 0..40),
        k in 3u32..6,
    ) {
        let model = Model::from_toml(MODEL, "anon.toml").map_err(|e| TestCaseError::fail(e.to_string()))?;
        let units = paths(&parents);
        let roles = ["a", "b", "c", ""];
        let mut rows = vec![["id", "enhet", "roll", "Q1", "Q2", "Q3"].map(|s| Cell::Text(s.into())).to_vec()];
        let mut cells: Vec<(usize, usize)> = Vec::new();
        for (i, &(u, r, v)) in people.iter().enumerate() {
            let u = u % units.len();
            cells.push((u, r));
            let v = Cell::Number(f64::from(v));
            rows.push(vec![
                Cell::Text(format!("p{i}")),
                Cell::Text(units[u].clone()),
                Cell::Text(roles[r].into()),
                v.clone(),
                v.clone(),
                v,
            ]);
        }
        let mut set = AnswerSet::new();
        prop_assert!(set.read_table(&model, &rows, "t", "1").is_empty());
        prop_assume!(!set.respondents.is_empty());
        let report = score(&model, &set, &ScoreOptions { k: Some(k), ..ScoreOptions::default() })
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        // Atoms: (unit index, role slot) with respondents.
        let mut atoms: Vec<(usize, usize, u64)> = Vec::new();
        for &(u, r) in &cells {
            match atoms.iter_mut().find(|a| a.0 == u && a.1 == r) {
                Some(a) => a.2 += 1,
                None => atoms.push((u, r, 1)),
            }
        }
        prop_assume!(atoms.len() <= 12);
        let in_unit = |unit_key: &str, u: usize| {
            let p = &units[u];
            unit_key.is_empty() || p == unit_key || p.starts_with(&format!("{unit_key}/"))
        };
        let mut shown: Vec<Vec<f64>> = Vec::new();
        for g in report.units.iter().filter(|g| g.disclosure.shown()) {
            let n: u64 = atoms.iter().filter(|a| in_unit(&g.key, a.0)).map(|a| a.2).sum();
            prop_assert_eq!(Some(n), g.n);
            prop_assert!(n >= u64::from(k));
            shown.push(atoms.iter().map(|a| if in_unit(&g.key, a.0) { 1.0 } else { 0.0 }).collect());
        }
        for g in report.roles.iter().filter(|g| g.disclosure.shown()) {
            let r = roles.iter().position(|x| *x == g.key).unwrap_or(usize::MAX);
            let n: u64 = atoms.iter().filter(|a| a.1 == r).map(|a| a.2).sum();
            prop_assert_eq!(Some(n), g.n);
            prop_assert!(n >= u64::from(k));
            shown.push(atoms.iter().map(|a| if a.1 == r { 1.0 } else { 0.0 }).collect());
        }
        let base = rank(shown.clone());
        for mask in 1u32..(1 << atoms.len()) {
            let n: u64 = (0..atoms.len()).filter(|i| mask & (1 << i) != 0).map(|i| atoms[i].2).sum();
            if n >= u64::from(k) {
                continue;
            }
            let v: Vec<f64> = (0..atoms.len()).map(|i| if mask & (1 << i) != 0 { 1.0 } else { 0.0 }).collect();
            let mut with = shown.clone();
            with.push(v);
            prop_assert!(rank(with) > base, "cells {mask:b} ({n} respondents) derivable from the report");
        }
    }
}
