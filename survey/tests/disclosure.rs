//! Attack tests (issue 16): an intruder who knows how every published figure is defined, and
//! every respondent's unit, role and missingness pattern, solves over all published n and n·mean
//! — across groups, measures, role/unit cross-tabs and two reports of the same wave — for the
//! sum of fewer than k respondents. None may be derivable.
//!
//! The unknowns are the respondents' item scores. A category statistic of a group is a linear
//! functional of them (a respondent's category score is the mean of the items they answered; a
//! group's figure is a sum over respondents, or a role-balanced mean of role means); an item
//! figure of the organisation is a sum over the respondents who answered it. A combination of
//! published figures reveals a set R of respondents exactly when some nonzero vector supported on
//! R's unknowns lies in their row space, i.e. when the rows of a null-space basis indexed by R's
//! unknowns are linearly dependent. Every R with fewer than k respondents is tried.
//!
//! Dimension and overall indices add no rows: the test asserts that each is the weighted mean
//! of the published category figures (to the published precision), which is what makes it safe.

use std::collections::HashMap;

use digilyft_survey::report::{ScoreReport, Stat};
use digilyft_survey::{Answer, AnswerSet, Cell, Model, ScoreOptions, score};
use proptest::prelude::*;

const MODEL: &str = r#"
[model]
id = "attack"
version = "1.0.0"
name = { sv = "Attack" }
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
UNIT
[[dimension]]
id = "d1"
axis = "x"
name = { sv = "D1" }
categories = [{ id = "k1", name = { sv = "K1" } }, { id = "k2", name = { sv = "K2" }, weight = 2.0 }]
[[dimension]]
id = "d2"
axis = "y"
name = { sv = "D2" }
categories = [{ id = "k3", name = { sv = "K3" } }]
ITEMS
[[recommendation]]
id = "R1"
category = "k1"
title = { sv = "R" }
[[recommendation]]
id = "R2"
category = "k2"
title = { sv = "R" }
[[recommendation]]
id = "R3"
category = "k3"
title = { sv = "R" }
"#;

const ROLES: [&str; 4] = ["a", "b", "c", ""];

fn model(role_balanced: bool) -> Model {
    let mut items = String::new();
    for c in 1..=3 {
        for i in 1..=3 {
            items.push_str(&format!(
                "[[item]]\nid = \"Q{c}{i}\"\ncategory = \"k{c}\"\ntext = {{ sv = \"{c}{i}\" }}\n"
            ));
        }
    }
    let unit = if role_balanced {
        "unit_of_analysis = \"role_balanced\""
    } else {
        ""
    };
    let text = MODEL.replace("UNIT", unit).replace("ITEMS", &items);
    Model::from_toml(&text, "attack.toml").unwrap_or_else(|e| panic!("{e}"))
}

/// One generated respondent: unit index, role slot (3 = none), and 9 answers (0 blank,
/// 1 "Vet ej", 2..=6 the points 1..=5).
#[derive(Debug, Clone)]
struct Person {
    unit: usize,
    role: usize,
    answers: Vec<u8>,
}

/// Unit paths of a tree: node i > 0 hangs under `parents[i]`.
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

fn answers(model: &Model, units: &[String], people: &[Person]) -> AnswerSet {
    let mut header = vec!["id", "enhet", "roll"];
    let ids: Vec<String> = model.questions.iter().map(|q| q.id.clone()).collect();
    header.extend(ids.iter().map(String::as_str));
    let mut rows = vec![header.iter().map(|s| Cell::Text((*s).into())).collect()];
    for (i, p) in people.iter().enumerate() {
        let mut row = vec![
            Cell::Text(format!("p{i}")),
            Cell::Text(units[p.unit].clone()),
            Cell::Text(ROLES[p.role].into()),
        ];
        row.extend(p.answers.iter().map(|&a| match a {
            0 => Cell::Empty,
            1 => Cell::Text("Vet ej".into()),
            v => Cell::Number(f64::from(v - 1)),
        }));
        rows.push(row);
    }
    let mut set = AnswerSet::new();
    let problems = set.read_table(model, &rows, "attack", "1");
    assert!(problems.is_empty(), "{problems:?}");
    set
}

/// What the intruder knows of each respondent: the generated person plus scores.
struct Known {
    id: String,
    unit: String,
    role: usize,
    /// Item scores 0–100 of the items answered on the scale.
    items: Vec<Option<f64>>,
    /// Per category: the items the category score is the mean of, when there is one.
    categories: Vec<Option<Vec<usize>>>,
}

/// The intruder's knowledge, derived from the answers exactly as the spec defines the scores
/// (§2.3: 60 % of the category's 3 items → 2, at least 2; the questionnaire 50 % rule).
fn known(set: &AnswerSet) -> Vec<Known> {
    let mut out = Vec::new();
    for r in &set.respondents {
        let answered = r.answers.iter().filter(|a| **a != Answer::Blank).count();
        if answered * 2 < r.answers.len() {
            continue;
        }
        let items: Vec<Option<f64>> = r
            .answers
            .iter()
            .map(|a| match a {
                Answer::Point(p) => Some(f64::from(*p - 1) * 25.0),
                _ => None,
            })
            .collect();
        let categories = (0..3)
            .map(|c| {
                let scored: Vec<usize> =
                    (c * 3..c * 3 + 3).filter(|&q| items[q].is_some()).collect();
                (scored.len() >= 2).then_some(scored)
            })
            .collect();
        out.push(Known {
            id: r.id.clone(),
            unit: set.units[r.unit].join("/"),
            role: r.role.unwrap_or(3),
            items,
            categories,
        });
    }
    out
}

fn in_unit(key: &str, unit: &str) -> bool {
    key.is_empty() || unit == key || unit.starts_with(&format!("{key}/"))
}

/// The published linear system: unknowns are (respondent id, item) pairs.
#[derive(Default)]
struct System {
    cols: HashMap<(String, usize), usize>,
    owner: Vec<String>,
    rows: Vec<HashMap<usize, f64>>,
}

impl System {
    fn col(&mut self, id: &str, q: usize) -> usize {
        let next = self.owner.len();
        *self.cols.entry((id.to_owned(), q)).or_insert_with(|| {
            self.owner.push(id.to_owned());
            next
        })
    }

    /// Adds a row given per-respondent weights on their category-c score.
    fn category_row(&mut self, people: &[(&Known, f64)], c: usize) {
        let mut row = HashMap::new();
        for (p, w) in people {
            let Some(items) = &p.categories[c] else {
                continue;
            };
            for &q in items {
                let col = self.col(&p.id, q);
                *row.entry(col).or_insert(0.0) += w / items.len() as f64;
            }
        }
        self.rows.push(row);
    }

    /// A set of fewer than k respondents with a derivable combination, if any.
    fn leak(&self, k: usize) -> Option<Vec<String>> {
        let n = self.owner.len();
        if n == 0 {
            return None;
        }
        let mut m: Vec<Vec<f64>> = self
            .rows
            .iter()
            .map(|r| {
                let mut v = vec![0.0; n];
                for (&c, &x) in r {
                    v[c] = x;
                }
                v
            })
            .collect();
        let mut pivots = Vec::new();
        let mut r = 0;
        for c in 0..n {
            if r == m.len() {
                break;
            }
            let Some(p) = (r..m.len())
                .filter(|&i| m[i][c].abs() > 1e-10)
                .max_by(|&i, &j| m[i][c].abs().total_cmp(&m[j][c].abs()))
            else {
                continue;
            };
            m.swap(r, p);
            let pv = m[r][c];
            m[r].iter_mut().for_each(|x| *x /= pv);
            let pr = m[r].clone();
            for (i, row) in m.iter_mut().enumerate() {
                if i != r && row[c].abs() > 1e-14 {
                    let f = row[c];
                    row.iter_mut().zip(&pr).for_each(|(x, y)| *x -= f * y);
                }
            }
            pivots.push(c);
            r += 1;
        }
        let free: Vec<usize> = (0..n).filter(|c| !pivots.contains(c)).collect();
        let mut basis = vec![vec![0.0; free.len()]; n];
        for (j, &f) in free.iter().enumerate() {
            basis[f][j] = 1.0;
            for (i, &p) in pivots.iter().enumerate() {
                basis[p][j] = -m[i][f];
            }
        }
        let mut ids: Vec<String> = self.owner.clone();
        ids.sort();
        ids.dedup();
        let of: Vec<Vec<usize>> = ids
            .iter()
            .map(|id| (0..n).filter(|&c| self.owner[c] == *id).collect())
            .collect();
        let mut chosen = Vec::new();
        let mut ortho: Vec<Vec<f64>> = Vec::new();
        dfs(&of, 0, k - 1, &basis, &mut chosen, &mut ortho)
            .then(|| chosen.iter().map(|&i| ids[i].clone()).collect())
    }
}

fn dfs(
    of: &[Vec<usize>],
    from: usize,
    room: usize,
    basis: &[Vec<f64>],
    chosen: &mut Vec<usize>,
    ortho: &mut Vec<Vec<f64>>,
) -> bool {
    if room == 0 {
        return false;
    }
    for i in from..of.len() {
        let depth = ortho.len();
        chosen.push(i);
        let mut dependent = false;
        for &c in &of[i] {
            let mut v = basis[c].clone();
            let n0: f64 = v.iter().map(|x| x * x).sum();
            for q in ortho.iter() {
                let d: f64 = v.iter().zip(q).map(|(a, b)| a * b).sum();
                v.iter_mut().zip(q).for_each(|(x, y)| *x -= d * y);
            }
            let nn: f64 = v.iter().map(|x| x * x).sum();
            if nn <= 1e-16 + 1e-10 * n0 {
                dependent = true;
                break;
            }
            let len = nn.sqrt();
            ortho.push(v.into_iter().map(|x| x / len).collect());
        }
        if dependent || dfs(of, i + 1, room - 1, basis, chosen, ortho) {
            return true;
        }
        ortho.truncate(depth);
        chosen.pop();
    }
    false
}

/// Role-balanced weights of a group's members: the pooling rule of `anonymity::role_strata`
/// written out again (roles with ≥ k are strata, the rest pooled, a pool below k joins the
/// smallest stratum).
fn balanced_weights(members: &[&Known], c: usize, k: usize) -> Vec<f64> {
    let mut by_role = [0usize; 4];
    for p in members.iter().filter(|p| p.categories[c].is_some()) {
        by_role[p.role] += 1;
    }
    let mut stratum = [usize::MAX; 4];
    let mut sizes: Vec<usize> = Vec::new();
    for r in 0..4 {
        if by_role[r] >= k {
            stratum[r] = sizes.len();
            sizes.push(by_role[r]);
        }
    }
    let pool: usize = (0..4).filter(|&r| by_role[r] < k).map(|r| by_role[r]).sum();
    if pool > 0 {
        let target = if pool >= k || sizes.is_empty() {
            sizes.push(pool);
            sizes.len() - 1
        } else {
            let min = sizes.iter().copied().min().unwrap_or(0);
            let t = sizes.iter().position(|&s| s == min).unwrap_or(0);
            sizes[t] += pool;
            t
        };
        for r in 0..4 {
            if by_role[r] > 0 && by_role[r] < k {
                stratum[r] = target;
            }
        }
    }
    members
        .iter()
        .map(|p| {
            let s = stratum[p.role];
            if p.categories[c].is_none() || s == usize::MAX {
                0.0
            } else {
                1.0 / (sizes.len() as f64 * sizes[s] as f64)
            }
        })
        .collect()
}

/// Adds every figure `report` publishes to `sys`, checking each against its definition.
fn publish(sys: &mut System, report: &ScoreReport, people: &[Known], k: usize, balanced: bool) {
    let mean_of = |s: &Stat| s.shown().map(|x| x.mean);
    let groups = report
        .units
        .iter()
        .map(|g| {
            (
                g,
                Box::new(|p: &Known| in_unit(&g.key, &p.unit)) as Box<dyn Fn(&Known) -> bool>,
            )
        })
        .chain(report.roles.iter().map(|g| {
            let r = ROLES.iter().position(|x| *x == g.key).unwrap_or(usize::MAX);
            (
                g,
                Box::new(move |p: &Known| p.role == r) as Box<dyn Fn(&Known) -> bool>,
            )
        }));
    for (g, inside) in groups {
        let members: Vec<&Known> = people.iter().filter(|p| inside(p)).collect();
        for c in 0..3 {
            let Some(published) = mean_of(&g.scores[c]) else {
                continue;
            };
            let weights: Vec<f64> = if balanced {
                balanced_weights(&members, c, k)
            } else {
                members
                    .iter()
                    .map(|p| if p.categories[c].is_some() { 1.0 } else { 0.0 })
                    .collect()
            };
            // The figure is what the intruder takes it to be.
            let value = |p: &Known| {
                p.categories[c].as_ref().map_or(0.0, |items| {
                    items.iter().filter_map(|&q| p.items[q]).sum::<f64>() / items.len() as f64
                })
            };
            let total: f64 = weights.iter().sum();
            let mean = members
                .iter()
                .zip(&weights)
                .map(|(p, w)| w * value(p))
                .sum::<f64>()
                / total;
            assert!(
                (mean - published).abs() <= 0.0501,
                "{} {c}: {mean} vs {published}",
                g.key
            );
            let pairs: Vec<(&Known, f64)> = members.iter().copied().zip(weights).collect();
            sys.category_row(&pairs, c);
        }
        // Indices are weighted means of the published category figures.
        let cat: Vec<Option<f64>> = (0..3).map(|c| mean_of(&g.scores[c])).collect();
        if let (Some(d1), Some(k1), Some(k2)) = (mean_of(&g.scores[3]), cat[0], cat[1]) {
            // Both sides are rounded: 0.05 for the index, at most 0.05 for the mean of rounded parts.
            assert!(
                (d1 - (k1 + 2.0 * k2) / 3.0).abs() <= 0.1001,
                "{}: d1 {d1}",
                g.key
            );
        }
        if let (Some(d2), Some(k3)) = (mean_of(&g.scores[4]), cat[2]) {
            assert!((d2 - k3).abs() <= 0.0501, "{}: d2 {d2}", g.key);
        }
    }
    for (q, item) in report.items.iter().enumerate() {
        if item.score.shown().is_none() {
            continue;
        }
        let mut row = HashMap::new();
        for p in people.iter().filter(|p| p.items[q].is_some()) {
            row.insert(sys.col(&p.id, q), 1.0);
        }
        sys.rows.push(row);
    }
}

fn run(
    model: &Model,
    units: &[String],
    people: &[Person],
    k: u32,
    opts: &ScoreOptions,
) -> (ScoreReport, Vec<Known>) {
    let set = answers(model, units, people);
    let opts = ScoreOptions {
        k: Some(k),
        ..opts.clone()
    };
    let report = score(model, &set, &opts).unwrap_or_else(|e| panic!("{e}"));
    (report, known(&set))
}

fn person() -> impl Strategy<Value = Person> {
    (0usize..6, 0usize..4, proptest::collection::vec(0u8..7, 9)).prop_map(
        |(unit, role, answers)| Person {
            unit,
            role,
            answers,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    /// One report, and every pair of reports of a wave that differ by 1..k−1 late answers.
    #[test]
    fn no_set_below_k_is_derivable_within_or_across_reports(
        parents in (1usize..6).prop_flat_map(|n| {
            (0..n).map(|u| if u == 0 { Just(0).boxed() } else { (0..u).boxed() }).collect::<Vec<_>>()
        }),
        mut people in proptest::collection::vec(person(), 1..14),
        late in proptest::collection::vec(person(), 1..5),
        k in 3u32..6,
        balanced in any::<bool>(),
    ) {
        let model = model(balanced);
        let units = paths(&parents);
        for p in people.iter_mut() {
            p.unit %= units.len();
        }
        let late: Vec<Person> = late.into_iter().take(k as usize - 1).map(|mut p| { p.unit %= units.len(); p }).collect();
        let (first, known1) = run(&model, &units, &people, k, &ScoreOptions::default());
        let mut sys = System::default();
        publish(&mut sys, &first, &known1, k as usize, balanced);
        prop_assert_eq!(sys.leak(k as usize), None, "one report");
        let mut all = people.clone();
        all.extend(late);
        let opts = ScoreOptions { releases: vec![first.release.clone()], ..ScoreOptions::default() };
        let (second, known2) = run(&model, &units, &all, k, &opts);
        publish(&mut sys, &second, &known2, k as usize, balanced);
        prop_assert_eq!(sys.leak(k as usize), None, "two reports");
    }
}

/// A person answering every item with `v` (2..=6 → points 1..=5), or only the items of the
/// categories listed.
fn answering(unit: usize, role: usize, v: u8, categories: &[usize]) -> Person {
    let answers = (0..9)
        .map(|q| if categories.contains(&(q / 3)) { v } else { 0 })
        .collect();
    Person {
        unit,
        role,
        answers,
    }
}

/// Issue 16, leak 1: the dimension/overall index was the mean of per-respondent composites
/// (only respondents with every category), published next to category means over everyone, so
/// Σ n·mean of the parts minus the composite's n·mean gave the left-out respondent's scores.
#[test]
fn regression_composite_and_categories_do_not_reveal_the_left_out_respondent() {
    let model = model(false);
    let units = paths(&[0]);
    // Four answer 1 everywhere (scores 0); one answers 5 (100) on k1 and k2 only.
    let mut people: Vec<Person> = (0..4).map(|_| answering(0, 0, 2, &[0, 1, 2])).collect();
    people.push(answering(0, 0, 6, &[0, 1]));
    let (report, known) = run(&model, &units, &people, 3, &ScoreOptions::default());
    let org = report.organisation_row();
    let mean = |m: usize| org.scores[m].shown().map(|s| (s.n, s.mean)).expect("shown");
    // d1 = (k1 + 2·k2)/3 = 20 over 5; d2 = k3 = 0 over 4; overall = (20 + 0)/2 = 10
    // (the composite mean over the 4 with every category was 0).
    assert_eq!(mean(3), (5, 20.0));
    assert_eq!(mean(5).1, 10.0);
    // The issue's subtraction: 5·d1 − 4·(2·overall − d2) no longer gives the 5th's d1 (100).
    let attack = 5.0 * mean(3).1 - 4.0 * (2.0 * mean(5).1 - mean(4).1);
    assert!((attack - 100.0).abs() > 10.0, "{attack}");
    let mut sys = System::default();
    publish(&mut sys, &report, &known, 3, false);
    assert_eq!(sys.leak(3), None);
}

/// Issue 16, leak 2: role-balanced means with F1 = 10 managers + 1 politician and F2 = 10
/// managers: 4·org − 2·F1 − F2 gave the politician's score.
#[test]
fn regression_role_balanced_means_do_not_reveal_a_lone_politician() {
    let model = model(true);
    let units = paths(&[0, 0, 0]);
    let mut people: Vec<Person> = (0..10).map(|_| answering(1, 0, 4, &[0, 1, 2])).collect();
    people.extend((0..10).map(|_| answering(2, 0, 4, &[0, 1, 2])));
    people.push(answering(1, 1, 6, &[0, 1, 2]));
    let (report, known) = run(&model, &units, &people, 5, &ScoreOptions::default());
    let unit = |key: &str| {
        report
            .units
            .iter()
            .find(|u| u.key == key)
            .and_then(|u| u.scores[0].shown())
            .map(|s| s.mean)
    };
    if let (Some(org), Some(f1), Some(f2)) = (unit(""), unit("u1"), unit("u2")) {
        let attack = 4.0 * org - 2.0 * f1 - f2;
        assert!((attack - 100.0).abs() > 10.0, "{attack}");
    }
    let mut sys = System::default();
    publish(&mut sys, &report, &known, 5, true);
    assert_eq!(sys.leak(5), None);
}

/// Issue 16, leak 3: re-scoring after one late answer and publishing both reports let anyone
/// subtract the two reports' n·mean. With the first report's release passed in, every figure
/// containing the late answer is held back; without it, the solver finds the late respondent.
#[test]
fn regression_a_late_answer_is_not_revealed_by_two_reports() {
    let model = model(false);
    let units = paths(&[0]);
    let people: Vec<Person> = (0..6)
        .map(|i| answering(0, 0, 2 + (i % 5) as u8, &[0, 1, 2]))
        .collect();
    let (first, known1) = run(&model, &units, &people, 3, &ScoreOptions::default());
    assert!(first.organisation_row().scores[0].shown().is_some());
    let mut all = people.clone();
    all.push(answering(0, 0, 6, &[0, 1, 2]));
    let with = ScoreOptions {
        releases: vec![first.release.clone()],
        ..ScoreOptions::default()
    };
    let (second, known2) = run(&model, &units, &all, 3, &with);
    assert!(second.organisation_row().scores[0].shown().is_none());
    assert!(
        second
            .warnings
            .iter()
            .any(|w| w.code == digilyft_survey::report::WarningCode::HeldBackSinceRelease)
    );
    let mut sys = System::default();
    publish(&mut sys, &first, &known1, 3, false);
    publish(&mut sys, &second, &known2, 3, false);
    assert_eq!(sys.leak(3), None);
    // Without the release the second report repeats the issue's leak, and the solver sees it.
    let (blind, known3) = run(&model, &units, &all, 3, &ScoreOptions::default());
    let mut sys = System::default();
    publish(&mut sys, &first, &known1, 3, false);
    publish(&mut sys, &blind, &known3, 3, false);
    let found = sys.leak(3).expect("the late answer is derivable");
    assert!(found.contains(&"p6".to_string()), "{found:?}");
}
