//! Scoring checked against small cases computed by hand (numbers in the comments).

use digilyft_survey::anonymity::Disclosure;
use digilyft_survey::report::{MeasureKind, Stat};
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

    // c1: 91.667, 75, 50 → mean 72.222; sd 20.972; t(0.975, 2) = 4.3027 → half 52.10
    let (n, mean, half) = shown(&org.scores[0]);
    assert_eq!(n, 3);
    assert!((mean - 72.2222).abs() < 1e-3, "{mean}");
    assert!((half - 52.099).abs() < 1e-2, "{half}");
    // c2: 50, 50, 0, 100 → mean 50; sd 40.825; t(0.975, 3) = 3.1824 → half 64.96
    let (n, mean, half) = shown(&org.scores[1]);
    assert_eq!(n, 4);
    assert!((mean - 50.0).abs() < 1e-9);
    assert!((half - 64.961).abs() < 1e-2, "{half}");
    // Dimensions are composites of their single category; overall needs both:
    // (91.667 + 50)/2 = 70.833, (75 + 50)/2 = 62.5, (50 + 0)/2 = 25 → 52.778 (n = 3)
    assert_eq!(r.measures[4].kind, MeasureKind::Overall);
    let (n, mean, _) = shown(&org.scores[4]);
    assert_eq!(n, 3);
    assert!((mean - 52.7778).abs() < 1e-3, "{mean}");

    // Quadrant: x = 72.2 ≥ 50, y = 50 ≥ 50 → leaning D, but both intervals cross 50.
    let p = org.quadrant.as_ref().expect("placement");
    assert_eq!(p.leaning, "D");
    assert!(p.near_boundary);
    assert_eq!(p.quadrant, None);

    // Item F: non-blank answers 3, Vet ej, 1, 5 → don't-know share 1/4; scored n = 3.
    let f = r.items.iter().find(|i| i.id == "F").expect("item F");
    assert_eq!(f.dont_know_share, Some(0.25));
    assert_eq!(f.n, Some(3));
    assert_eq!(f.mean_point, Some(3.0));
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
    // 2024 c2 scores: (25 + 50 + 25)/3 = 33.333 for everyone (sd 0) → diff 50 − 33.333.
    let d = c2.difference.expect("both waves shown");
    assert!((d.diff - 16.6667).abs() < 1e-3, "{d:?}");
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
