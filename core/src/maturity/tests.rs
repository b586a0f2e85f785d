//! Round trips through real files: sample answers, templates, import problems, report workbook.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use digilyft_survey::synth::{SynthOptions, generate};
use digilyft_survey::{ScoreOptions, bundled, score};
use rust_xlsxwriter::Workbook;

use super::*;

/// The committed sample answers are exactly what the generator makes. Set
/// `DIGILYFT_WRITE_SAMPLES=1` to rewrite them after a deliberate change to the generator.
#[test]
fn bundled_samples_are_reproducible() {
    let model = bundled::load("dmos-open").unwrap_or_else(|e| panic!("{e}"));
    let set = generate(
        &model,
        &SynthOptions::municipality(2026, 240, &["2025", "2026"]),
    );
    let csv = write_answers_csv(&model, &set);
    let xlsx = write_answers_xlsx(&model, &set).unwrap_or_else(|e| panic!("{e}"));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/samples");
    if std::env::var_os("DIGILYFT_WRITE_SAMPLES").is_some() {
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join("survey-dmos-open.csv"), &csv).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join("survey-dmos-open.xlsx"), &xlsx).unwrap_or_else(|e| panic!("{e}"));
    }
    let committed_csv =
        std::fs::read_to_string(dir.join("survey-dmos-open.csv")).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        committed_csv == csv,
        "assets/samples/survey-dmos-open.csv differs from the generator"
    );
    let committed_xlsx =
        std::fs::read(dir.join("survey-dmos-open.xlsx")).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        committed_xlsx == xlsx,
        "assets/samples/survey-dmos-open.xlsx differs from the generator"
    );
}

#[test]
fn csv_and_xlsx_samples_read_back_to_the_same_answers() {
    let model = bundled::load("dmos-open").unwrap_or_else(|e| panic!("{e}"));
    let set = generate(&model, &SynthOptions::municipality(5, 60, &["2026"]));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let csv = dir.path().join("svar.csv");
    let xlsx = dir.path().join("svar.xlsx");
    std::fs::write(&csv, write_answers_csv(&model, &set)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        &xlsx,
        write_answers_xlsx(&model, &set).unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    for path in [&csv, &xlsx] {
        let back = read_answers(&model, &[path.as_path()], "x").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.respondents.len(), set.respondents.len());
        for (a, b) in back.respondents.iter().zip(&set.respondents) {
            assert_eq!(a.id, b.id);
            assert_eq!(a.answers, b.answers);
            assert_eq!(a.role, b.role);
            assert_eq!(back.units[a.unit], set.units[b.unit]);
        }
    }
}

#[test]
fn every_problem_is_reported_by_sheet_and_cell_and_nothing_is_read() {
    let model = bundled::load("mariehamn-lyft").unwrap_or_else(|e| panic!("{e}"));
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Svar").unwrap_or_else(|e| panic!("{e}"));
    for (c, h) in ["respondent", "roll", "LYFT-01", "LYFT-02", "Okänd fråga"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let rows: [(&str, &str, f64, &str); 3] = [
        ("a", "Chef", 3.0, "5"),
        ("b", "Chef", 7.0, "Vet ej"),
        ("a", "chef", 2.0, "Ej relevant"),
    ];
    for (r, (id, role, v1, v2)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *id).unwrap_or_else(|e| panic!("{e}"));
        ws.write_string(r, 1, *role)
            .unwrap_or_else(|e| panic!("{e}"));
        ws.write_number(r, 2, *v1).unwrap_or_else(|e| panic!("{e}"));
        ws.write_string(r, 3, *v2).unwrap_or_else(|e| panic!("{e}"));
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("svar.xlsx");
    wb.save(&path).unwrap_or_else(|e| panic!("{e}"));
    let err = read_answers(&model, &[path.as_path()], "2026").expect_err("problems");
    let ImportError::Problems(problems) = err;
    let text: Vec<String> = problems
        .iter()
        .map(|p| {
            format!(
                "[{}] {}: {}",
                p.sheet.as_deref().unwrap_or(""),
                p.place.as_deref().unwrap_or(""),
                p.reason
            )
        })
        .collect();
    assert_eq!(text.len(), 4, "{text:#?}");
    assert!(
        text[0].starts_with("[Svar] E1: unknown column `Okänd fråga`"),
        "{text:#?}"
    );
    assert!(
        text[1].starts_with("[Svar] C3: value 7 is outside the scale 1–5"),
        "{text:#?}"
    );
    // Mariehamn's scale allows "Vet ej" but not "Ej relevant".
    assert!(
        text[2].starts_with("[Svar] D4: `Ej relevant` is not allowed for this question"),
        "{text:#?}"
    );
    assert!(
        text[3].starts_with("[Svar] A4: duplicate respondent id `a`"),
        "{text:#?}"
    );
}

#[test]
fn template_has_answer_columns_and_reads_back_empty() {
    let model = bundled::load("digg-ramverk").unwrap_or_else(|e| panic!("{e}"));
    let bytes = write_template(&model, digilyft_survey::Lang::Sv).unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("mall.xlsx");
    std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        wb.sheet_names(),
        vec!["Svar", "Frågor", "Instruktioner", "Listor"]
    );
    let range = wb.worksheet_range("Svar").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        range.get_value((0, 4)),
        Some(&Data::String("DIGG-R01".into()))
    );
    assert_eq!(range.width(), 4 + model.questions.len());
    // An unfilled template has no respondents: reading it is fine and scoring refuses.
    let set = read_answers(&model, &[path.as_path()], "2026").unwrap_or_else(|e| panic!("{e}"));
    assert!(set.respondents.is_empty());
    assert!(score(&model, &set, &ScoreOptions::default()).is_err());
}

#[test]
fn report_has_every_sheet_and_numbers_are_numbers() {
    let model = bundled::load("dmos-open").unwrap_or_else(|e| panic!("{e}"));
    let set = generate(
        &model,
        &SynthOptions::municipality(3, 200, &["2025", "2026"]),
    );
    let report = score(&model, &set, &ScoreOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let bytes = write_report(&report).unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("rapport.xlsx");
    std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        wb.sheet_names(),
        vec![
            "Sammanfattning",
            "Kategorier",
            "Enheter",
            "Roller",
            "Omgångar",
            "Frågor",
            "Reliabilitet",
            "Prioritering",
            "Handlingsplan",
            "Jämförelser"
        ]
    );
    let cats = wb
        .worksheet_range("Kategorier")
        .unwrap_or_else(|e| panic!("{e}"));
    let org = report.organisation_row();
    let expected = org.scores[0]
        .shown()
        .map(|s| s.mean)
        .unwrap_or_else(|| panic!("shown"));
    match cats.get_value((1, 2)) {
        Some(Data::Float(x)) => assert!((x - expected).abs() < 1e-9),
        other => panic!("category mean is not a number: {other:?}"),
    }
    // The charts are in the package.
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("xl/charts/chart1.xml"));
    assert!(text.contains("xl/charts/chart5.xml"));
}

/// Issue 14, finding 6: a unit name longer than an Excel cell holds is cut with a marker in
/// the report and named in its warning; the report is still written.
#[test]
fn a_unit_name_longer_than_excel_allows_is_cut_not_fatal() {
    let model = bundled::load("dmos-open").unwrap_or_else(|e| panic!("{e}"));
    let mut set = generate(&model, &SynthOptions::municipality(7, 120, &["2026"]));
    let long = "Förvaltningen för långa namn ".repeat(1_400);
    assert!(long.chars().count() > 32_767);
    if let Some(first) = set.units[0].first_mut() {
        *first = long;
    }
    let report = score(&model, &set, &ScoreOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let bytes = write_report(&report).unwrap_or_else(|e| panic!("{e}"));
    assert!(!bytes.is_empty());
    let cut = super::report::cut_texts(&report);
    assert!(
        cut.iter().any(|c| c.starts_with("unit \"Förvaltningen")),
        "{cut:?}"
    );
}
