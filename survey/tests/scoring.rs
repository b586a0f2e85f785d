//! Scoring checked against small cases computed by hand (numbers in the comments).

use digilyft_survey::anonymity::Disclosure;
use digilyft_survey::report::{MeasureKind, Stat, WarningCode};
use digilyft_survey::{AnswerSet, Cell, Model, ScoreOptions, score};

const HAND: &str = r#"
[model]
id = "hand"
version = "1.0.0"
name = { sv = "Handräknad" }

[scale]
min = 1
max = 5

[[role]]
id = "r1"
name = { sv = "Roll 1" }
[[role]]
id = "r2"
name = { sv = "Roll 2" }

[aggregation]
min_group_size = 3
min_alpha_cases = 3

[[dimension]]
id = "cap"
axis = "x"
name = { sv = "Förmåga" }
categories = [{ id = "c1", name = { sv = "K1" } }]

[[dimension]]
id = "leg"
axis = "y"
name = { sv = "Arv" }
categories = [{ id = "c2", name = { sv = "K2" } }]

[[item]]
id = "A"
category = "c1"
text = { sv = "a" }
[[item]]
id = "B"
category = "c1"
text = { sv = "b" }
[[item]]
id = "C"
category = "c1"
reverse = true
text = { sv = "c" }
[[item]]
id = "D"
category = "c2"
text = { sv = "d" }
[[item]]
id = "E"
category = "c2"
text = { sv = "e" }
[[item]]
id = "F"
category = "c2"
text = { sv = "f" }

[[quadrant]]
id = "A"
x = "low"
y = "low"
name = { sv = "A" }
[[quadrant]]
id = "B"
x = "high"
y = "low"
name = { sv = "B" }
[[quadrant]]
id = "C"
x = "low"
y = "high"
name = { sv = "C" }
[[quadrant]]
id = "D"
x = "high"
y = "high"
name = { sv = "D" }

[[recommendation]]
id = "R1"
category = "c1"
title = { sv = "Gör ett" }
[[recommendation]]
id = "R2"
category = "c2"
title = { sv = "Gör två" }
"#;

fn model() -> Model {
    Model::from_toml(HAND, "hand.toml").unwrap_or_else(|e| panic!("{e}"))
}

fn cell(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.into())
    }
}

fn table(rows: &[&[&str]]) -> Vec<Vec<Cell>> {
    rows.iter()
        .map(|r| r.iter().map(|c| cell(c)).collect())
        .collect()
}

fn read(m: &Model, rows: &[&[&str]]) -> AnswerSet {
    let mut set = AnswerSet::new();
    let problems = set.read_table(m, &table(rows), "hand", "2025");
    assert!(problems.is_empty(), "{problems:?}");
    set
}

fn shown(s: &Stat) -> (u64, f64, f64) {
    match s {
        Stat::Shown(x) => (x.n, x.mean, x.half_width()),
        other => panic!("expected a shown statistic, got {other:?}"),
    }
}

const HEADER: &[&str] = &["id", "enhet", "roll", "A", "B", "C", "D", "E", "F"];

/// Respondent scores (0–100, C reversed):
/// 1: A5 B4 C1 → 100, 75, 100 → c1 91.667; D3 E3 F3 → c2 50
/// 2: A4 B4 C2 → 75, 75, 75 → c1 75; D2 E4 F? → c2 (25 + 75)/2 = 50
/// 3: A3 B? C3 → 50, 50 → c1 50; D1 E1 F1 → c2 0
/// 4: A5 B– C? → one item < 2 needed → c1 none; D5 E5 F5 → c2 100
/// 5: A2 only → 1 of 6 answered < 50 % → dropped
fn rows() -> Vec<&'static [&'static str]> {
    vec![
        HEADER,
        &["1", "U1", "r1", "5", "4", "1", "3", "3", "3"],
        &["2", "U1", "r1", "4", "4", "2", "2", "4", "Vet ej"],
        &["3", "U1", "r2", "3", "Vet ej", "3", "1", "1", "1"],
        &["4", "U2", "r2", "5", "", "Vet ej", "5", "5", "5"],
        &["5", "U2", "r2", "2", "", "", "", "", ""],
    ]
}

#[test]
fn category_dimension_and_overall_scores_by_hand() {
    let m = model();
    let set = read(&m, &rows());
    let r = score(&m, &set, &ScoreOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.respondents.rows, 5);
    assert_eq!(r.respondents.included, 4);
    assert_eq!(r.respondents.dropped_incomplete, 1);
    let org = r.organisation_row();
    assert_eq!(org.n, Some(4));

    // Published figures are rounded to one decimal (docs/anonymity.md).
    // c1: 91.667, 75, 50 → mean 72.222 → 72.2; sd 20.972; t(0.975, 2) = 4.3027 → half 52.10
    let (n, mean, half) = shown(&org.scores[0]);
    assert_eq!(n, 3);
    assert_eq!(mean, 72.2);
    assert!((half - 52.1).abs() < 0.051, "{half}");
    // c2: 50, 50, 0, 100 → mean 50; sd 40.825; t(0.975, 3) = 3.1824 → half 64.96
    let (n, mean, half) = shown(&org.scores[1]);
    assert_eq!(n, 4);
    assert_eq!(mean, 50.0);
    assert!((half - 64.96).abs() < 0.051, "{half}");
    // Overall (§2.3 step 4) = weighted mean of the dimension indices = (72.222 + 50)/2 = 61.111
    // → 61.1. (Before issue 16 it was the mean of per-respondent composites, 52.8.) Its
    // interval comes from the composites of the 3 respondents with both categories:
    // (91.667 + 50)/2 = 70.833, (75 + 50)/2 = 62.5, (50 + 0)/2 = 25 → sd 24.414, se 14.096,
    // t(0.975, 2) = 4.3027 → half 60.65 around 61.111: 0.46 … 121.76 → 0.5 … 121.8.
    assert_eq!(r.measures[4].kind, MeasureKind::Overall);
    let (n, mean, _) = shown(&org.scores[4]);
    assert_eq!(n, 3);
    assert_eq!(mean, 61.1);
    let overall = org.scores[4].shown().expect("shown");
    assert_eq!((overall.ci_low, overall.ci_high), (0.5, 121.8));

    // Quadrant: x = 72.2 ≥ 50, y = 50 ≥ 50 → leaning D, but both intervals cross 50.
    let p = org.quadrant.as_ref().expect("placement");
    assert_eq!(p.leaning, "D");
    assert!(p.near_boundary);
    assert_eq!(p.quadrant, None);

    // Item F: non-blank answers 3, Vet ej, 1, 5 → don't-know share 1/4. Its score is withheld:
    // respondent 2 answered D and E only, so (D + E + F)/3 − c2 over the organisation is a
    // combination of that one respondent's answers (docs/anonymity.md, items and categories).
    let f = r.items.iter().find(|i| i.id == "F").expect("item F");
    assert_eq!(f.dont_know_share, Some(0.25));
    assert_eq!(f.n, Some(3));
    assert_eq!(f.mean_point, None);
    assert_eq!(f.score, Stat::Complementary);
}

#[test]
fn a_lone_small_sibling_hides_the_other_by_complementary_suppression() {
    // U1 has 3 included respondents, U2 one: U2 is below k = 3, and showing U1 next to the
    // organisation total would reveal U2 by subtraction, so U1 is hidden too.
    let m = model();
    let set = read(&m, &rows());
    let r = score(&m, &set, &ScoreOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let by_key = |k: &str| r.units.iter().find(|u| u.key == k).expect("unit");
    assert_eq!(by_key("").disclosure, Disclosure::Shown);
    assert_eq!(by_key("U2").disclosure, Disclosure::BelowK);
    assert_eq!(by_key("U1").disclosure, Disclosure::Complementary);
    assert_eq!(by_key("U1").n, None);
    assert!(by_key("U1").scores.iter().all(|s| s.shown().is_none()));
    // Roles: r1 has 2 (below k), r2 has 2 included → both hidden; no role comparison.
    assert!(r.roles.iter().all(|g| !g.disclosure.shown()));
    assert!(r.comparisons.is_empty());
}

#[test]
fn waves_compare_only_unchanged_categories() {
    let m = model();
    let mut rows_2024: Vec<&[&str]> = vec![&["id", "D", "E", "F", "A", "B"]];
    let data: Vec<[&str; 6]> = (0..4)
        .map(|i| [["a", "b", "c", "d"][i], "2", "3", "2", "3", "3"])
        .collect();
    for d in &data {
        rows_2024.push(d);
    }
    let mut set = AnswerSet::new();
    let m_rows = table(&rows_2024);
    assert!(set.read_table(&m, &m_rows, "2024.csv", "2024").is_empty());
    assert!(
        set.read_table(&m, &table(&rows()), "2025.csv", "2025")
            .is_empty()
    );
    let r = score(&m, &set, &ScoreOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.waves, vec!["2024", "2025"]);
    assert_eq!(r.wave, "2025");
    // c1 lacked item C in 2024 → not comparable; c2 had the same items → comparable.
    let c1 = r.changes.iter().find(|c| c.measure == "c1").expect("c1");
    let c2 = r.changes.iter().find(|c| c.measure == "c2").expect("c2");
    assert!(!c1.comparable && c1.difference.is_none());
    assert!(c2.comparable);
    // 2024 c2 scores: (25 + 50 + 25)/3 = 33.333 for everyone (sd 0) → diff 50.0 − 33.3
    // (published, rounded means).
    let d = c2.difference.expect("both waves shown");
    assert!((d.diff - 16.7).abs() < 1e-9, "{d:?}");
    assert_eq!(c2.unit, "");
    let overall = r
        .changes
        .iter()
        .find(|c| c.measure == "overall")
        .expect("overall");
    assert!(!overall.comparable);
}

#[test]
fn missing_codes_are_never_scored_as_zero() {
    // One respondent answering Vet ej everywhere except two items per category.
    let m = model();
    let set = read(
        &m,
        &[
            HEADER,
            &["1", "", "r1", "5", "5", "Vet ej", "5", "5", "Vet ej"],
            &["2", "", "r1", "5", "5", "Vet ej", "5", "5", "Vet ej"],
            &["3", "", "r1", "5", "5", "Vet ej", "5", "5", "Vet ej"],
        ],
    );
    let r = score(&m, &set, &ScoreOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let (_, mean, _) = shown(&r.organisation_row().scores[0]);
    assert_eq!(mean, 100.0);
}

#[test]
fn k_below_three_is_refused() {
    let m = model();
    let set = read(&m, &rows());
    let opts = ScoreOptions {
        k: Some(2),
        ..ScoreOptions::default()
    };
    assert!(score(&m, &set, &opts).is_err());
}

#[test]
fn role_balanced_units_average_the_role_means() {
    // Role r1: four respondents at c2 = 100; role r2: three at c2 = 0.
    // Respondent mode: 400/7 = 57.14; role-balanced: (100 + 0)/2 = 50.
    let text = HAND.replace(
        "[aggregation]\nmin_group_size = 3",
        "[aggregation]\nunit_of_analysis = \"role_balanced\"\nmin_group_size = 3",
    );
    let m = Model::from_toml(&text, "balanced.toml").unwrap_or_else(|e| panic!("{e}"));
    let mut rows: Vec<&[&str]> = vec![HEADER];
    let r1: [&[&str]; 4] = [
        &["1", "", "r1", "3", "3", "3", "5", "5", "5"],
        &["2", "", "r1", "3", "3", "3", "5", "5", "5"],
        &["3", "", "r1", "3", "3", "3", "5", "5", "5"],
        &["4", "", "r1", "3", "3", "3", "5", "5", "5"],
    ];
    let r2: [&[&str]; 3] = [
        &["5", "", "r2", "3", "3", "3", "1", "1", "1"],
        &["6", "", "r2", "3", "3", "3", "1", "1", "1"],
        &["7", "", "r2", "3", "3", "3", "1", "1", "1"],
    ];
    rows.extend(r1);
    rows.extend(r2);
    let set = read(&m, &rows);
    let r = score(&m, &set, &ScoreOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let (n, mean, _) = shown(&r.organisation_row().scores[1]);
    assert_eq!(n, 7);
    assert!((mean - 50.0).abs() < 1e-9, "{mean}");
    // The role groups themselves are plain means.
    let (_, r1_mean, _) = shown(&r.roles[0].scores[1]);
    assert_eq!(r1_mean, 100.0);
}

#[test]
fn item_and_theme_intervals_use_the_finite_population_correction() {
    // Item A of 4 respondents who answer everything: 5, 4, 3, 5 → 100, 75, 50, 100: mean 81.25, sd 23.936,
    // se 11.968, t(0.975, 3) = 3.1824 → half 38.09; with N = 5 invited, FPC √((5−4)/(5−1)) = 0.5
    // → half 19.05: 62.2 … 100.3.
    let m = model();
    let set = read(
        &m,
        &[
            HEADER,
            &["1", "", "", "5", "3", "3", "3", "3", "3"],
            &["2", "", "", "4", "3", "3", "3", "3", "3"],
            &["3", "", "", "3", "3", "3", "3", "3", "3"],
            &["4", "", "", "5", "3", "3", "3", "3", "3"],
        ],
    );
    let opts = ScoreOptions {
        invited: [(String::new(), 5u64)].into_iter().collect(),
        ..ScoreOptions::default()
    };
    let r = score(&m, &set, &opts).unwrap_or_else(|e| panic!("{e}"));
    let a = r.items.iter().find(|i| i.id == "A").expect("item A");
    let s = a.score.shown().expect("shown");
    assert_eq!((s.ci_low, s.ci_high), (62.2, 100.3), "{s:?}");
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    assert_eq!(r.organisation_row().response_rate, Some(0.8));
}

#[test]
fn invited_below_respondents_is_a_warning_and_no_correction() {
    let m = model();
    let set = read(&m, &rows());
    let opts = ScoreOptions {
        invited: [(String::new(), 2u64)].into_iter().collect(),
        ..ScoreOptions::default()
    };
    let r = score(&m, &set, &opts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    assert_eq!(r.warnings[0].code, WarningCode::InvitedBelowRespondents);
    assert_eq!(r.warnings[0].subject, "");
    let org = r.organisation_row();
    assert_eq!(org.invited, Some(2));
    assert_eq!(org.response_rate, None);
    // The interval is the uncorrected one (c1 half 52.1 as in the hand-computed case), not 0.
    let (_, _, half) = shown(&org.scores[0]);
    assert!((half - 52.1).abs() < 0.051, "{half}");
}

const FIVE: &str = r#"
[model]
id = "five"
version = "1.0.0"
name = { sv = "Fem" }
[scale]
min = 1
max = 5
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
[[item]]
id = "Q4"
category = "k"
text = { sv = "4" }
[[item]]
id = "Q5"
category = "k"
text = { sv = "5" }
[[recommendation]]
id = "R"
category = "k"
title = { sv = "R" }
"#;

#[test]
fn an_item_blank_across_the_wave_counts_as_missing_with_a_warning() {
    // Everyone answers Q1, Q2 and Q3; Q4 and Q5 are blank for the whole wave. The 60 % rule
    // counts the model's 5 items: ⌈0.6·5⌉ = 3 answered are needed, so the category is scored
    // (before issue 16 it counted only the 3 "present" items). With only Q1 and Q2 answered
    // nobody reaches 3 of 5 (before: 2 of 2 "present" items sufficed).
    let m = Model::from_toml(FIVE, "five.toml").unwrap_or_else(|e| panic!("{e}"));
    let three: Vec<&[&str]> = vec![
        &["id", "Q1", "Q2", "Q3", "Q4", "Q5"],
        &["a", "5", "5", "5", "", ""],
        &["b", "5", "5", "5", "", ""],
        &["c", "5", "5", "5", "", ""],
    ];
    let r =
        score(&m, &read(&m, &three), &ScoreOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(shown(&r.organisation_row().scores[0]).1, 100.0);
    let blank: Vec<&str> = r
        .warnings
        .iter()
        .filter(|w| w.code == WarningCode::ItemBlankInWave)
        .map(|w| w.subject.as_str())
        .collect();
    assert_eq!(blank, vec!["Q4", "Q5"]);
    let two: Vec<&[&str]> = vec![
        &["id", "Q1", "Q2", "Q3", "Q4", "Q5"],
        &["a", "5", "5", "", "", ""],
        &["b", "5", "5", "", "", ""],
        &["c", "5", "5", "", "", ""],
    ];
    let r = score(&m, &read(&m, &two), &ScoreOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.organisation_row().scores[0], Stat::NoData);
    assert_eq!(r.warnings.len(), 3);
}

#[test]
fn waves_are_compared_per_unit() {
    // 2024: everyone answers 3 (every item 50, C reversed too). 2025: U1 answers 5 (A, B 100,
    // C reversed 0, c1 66.667 → 66.7; c2 100), U2 answers 3 (50). k = 3, 3 per unit.
    let m = model();
    let mut rows: Vec<Vec<String>> = vec![
        ["id", "enhet", "år", "A", "B", "C", "D", "E", "F"]
            .map(String::from)
            .to_vec(),
    ];
    for (wave, unit, v) in [
        ("2024", "U1", "3"),
        ("2024", "U2", "3"),
        ("2025", "U1", "5"),
        ("2025", "U2", "3"),
    ] {
        for i in 0..3 {
            let mut row = vec![format!("{wave}{unit}{i}"), unit.into(), wave.into()];
            row.extend(std::iter::repeat_n(v.to_string(), 6));
            rows.push(row);
        }
    }
    let refs: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    let set = read(&m, &slices);
    let r = score(&m, &set, &ScoreOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let change = |unit: &str, measure: &str| {
        r.changes
            .iter()
            .find(|c| c.unit == unit && c.measure == measure)
            .and_then(|c| c.difference)
            .map(|d| d.diff)
    };
    assert_eq!(change("U1", "c2"), Some(50.0));
    assert_eq!(change("U2", "c2"), Some(0.0));
    assert_eq!(change("", "c2"), Some(25.0));
    assert!((change("U1", "c1").expect("U1 c1") - 16.7).abs() < 1e-9);
}
