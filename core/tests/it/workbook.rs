//! The attestförteckning workbook: sample round trip, template, validation problems, diff.

use digilyft_core::workbook::{self, Change, Severity, sample};
use rust_xlsxwriter::Workbook;

use crate::common::*;

#[test]
fn sample_round_trips_and_validates() {
    let bytes = sample::sample_workbook().expect("write");
    let (rules, warnings) = workbook::load(&bytes, day(2026, 11, 20)).expect("valid");
    assert!(warnings.iter().all(|w| w.severity == Severity::Warning));
    assert_eq!(rules, sample::sample_rules());
}

#[test]
fn sample_workbook_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../assets/samples/attestforteckning.xlsx");
    let bytes = sample::sample_workbook().expect("write");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &bytes).expect("write sample");
    }
    let committed = std::fs::read(&path)
        .expect("assets/samples/attestforteckning.xlsx exists (UPDATE_EXPECT=1 writes it)");
    let (from_file, _) =
        workbook::load(&committed, day(2026, 11, 20)).expect("committed sample is valid");
    assert_eq!(
        from_file,
        sample::sample_rules(),
        "regenerate with UPDATE_EXPECT=1"
    );
    assert_eq!(
        committed, bytes,
        "the sample is reproducible; regenerate with UPDATE_EXPECT=1"
    );
}

#[test]
fn template_has_every_sheet_and_header() {
    let bytes = workbook::write(&Default::default()).expect("template");
    let (rules, problems) = workbook::read(&bytes).expect("readable");
    assert!(problems.is_empty(), "{problems:?}");
    assert!(rules.grants.is_empty() && rules.flows.is_empty());
}

#[test]
fn broken_workbooks_name_sheet_cell_and_reason() {
    let mut rules = sample::sample_rules();
    rules.grants[2].giltig_till = Some(day(2024, 1, 1)); // before giltig_från 2025-01-01
    rules.grants[3].ersatter_person_id = Some("u999".into()); // ORDINARIE with a replaced person
    rules.absences[0].till = day(2026, 1, 1); // before från
    rules.flows[0].auto_attest_av_person_id = Some("u230".into()); // reviewer without BESLUT right
    rules.templates[1].ansvar = "7777".into(); // no BESLUT grant covers it
    let bytes = workbook::write(&rules).expect("write");
    let problems = workbook::load(&bytes, day(2026, 11, 20)).expect_err("must be refused");
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let has = |needle: &str| text.iter().any(|t| t.contains(needle));
    assert!(has("Attesträtt!W4 (giltig_till)"), "{text:#?}");
    assert!(has("Attesträtt!H5 (ersätter_person_id)"), "{text:#?}");
    assert!(has("Frånvaro!D2 (till)"), "{text:#?}");
    assert!(
        has("Flödesregler!Q2 (auto_attest_av_person_id)"),
        "{text:#?}"
    );
    assert!(has("Konteringsförslag!E3 (ansvar)"), "{text:#?}");
}

#[test]
fn missing_sheets_columns_and_bad_cells_are_reported() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Attesträtt").expect("name");
    ws.write_string(0, 0, "rad_id").expect("w");
    let bytes = wb.save_to_buffer().expect("save");
    let problems = workbook::load(&bytes, day(2026, 11, 20)).expect_err("refused");
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("Frånvaro: the sheet Frånvaro is missing")),
        "{text:#?}"
    );
    assert!(
        text.iter().any(|t| t.contains("required column attesttyp")),
        "{text:#?}"
    );
    assert!(workbook::load(b"not a zip", day(2026, 11, 20)).is_err());
}

#[test]
fn diff_shows_changed_added_and_removed_entries() {
    let old = sample::sample_rules();
    let mut new = old.clone();
    new.grants[2].grans_per_rad = 75_000.into();
    new.grants.remove(3);
    new.flows[1].prio = 25;
    let d = workbook::diff(&old, &new);
    assert!(d.iter().any(|l| l.key == "AR-0003" && matches!(&l.change, Change::Changed(f) if f.iter().any(|(n, _, v)| n == "grans_per_rad" && v == "75000"))), "{d:#?}");
    assert!(
        d.iter()
            .any(|l| l.key == "AR-0004" && l.change == Change::Removed)
    );
    assert!(
        d.iter()
            .any(|l| l.key == "prio 25" && l.change == Change::Added)
    );
    assert!(
        d.iter()
            .any(|l| l.key == "prio 20" && l.change == Change::Removed)
    );
    assert!(workbook::diff(&old, &old).is_empty());
}

/// `Sheet!Cell (column)` of a column of `Attesträtt` on worksheet row `row`.
fn ar_cell(column: &str, row: u32) -> String {
    let idx = workbook::sheets::ATTESTRATT.index(column).expect("column");
    format!(
        "Attesträtt!{}{row} ({column})",
        workbook::column_letters(idx)
    )
}

#[test]
fn namnd_ceilings_one_per_code_and_personnummer_block_activation() {
    use rust_decimal::Decimal;
    type Mutate = fn(&mut workbook::RuleSet);
    // Sample rows: 3 = u200 BESLUT 4* (500 000 / 1 000 000, two signers over 400 000),
    // 4 = u210 BESLUT 41* (50 000 / 100 000), both Socialnämnden (namnder[1]).
    let cases: Vec<(&str, Mutate, String)> = vec![
        (
            "per-row limit above the ceiling",
            |r| r.namnder[1].tak_per_rad = Some(Decimal::from(40_000)),
            ar_cell("gräns_per_rad_sek", 4),
        ),
        (
            "per-invoice limit above the ceiling",
            |r| r.namnder[1].tak_per_faktura = Some(Decimal::from(900_000)),
            ar_cell("gräns_per_faktura_sek", 3),
        ),
        (
            "signs alone above the two-signer ceiling",
            |r| r.namnder[1].tak_tva_i_forening = Some(Decimal::from(300_000)),
            ar_cell("två_i_förening_över_sek", 3),
        ),
        (
            "two ordinary attestants on one code",
            |r| r.namnder[1].en_ordinarie_per_kod = true,
            ar_cell("ansvar", 4),
        ),
        (
            "a nämnd missing from Nämnder",
            |r| r.grants[2].namnd = "Barn- och utbildningsnämnden".into(),
            ar_cell("nämnd", 4),
        ),
        (
            // A personnummer (Skatteverket's test number) where an employee id belongs.
            "a personnummer as person id",
            |r| r.grants[0].person_id = "19121212-1212".into(),
            ar_cell("person_id", 2),
        ),
        (
            "a nämnd declared twice",
            |r| {
                let mut again = r.namnder[0].clone();
                again.row = 4;
                r.namnder.push(again);
            },
            "Nämnder!A4 (nämnd)".into(),
        ),
    ];
    for (name, mutate, cell) in cases {
        let mut rules = sample::sample_rules();
        mutate(&mut rules);
        let bytes = workbook::write(&rules).expect("write");
        let problems = workbook::load(&bytes, day(2026, 11, 20)).expect_err(name);
        let errors: Vec<String> = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(ToString::to_string)
            .collect();
        assert!(
            errors.iter().any(|e| e.contains(&cell)),
            "{name}: expected an error at {cell}: {errors:#?}"
        );
        assert!(
            errors.iter().all(|e| !e.contains("1212-1212")),
            "{name}: a personnummer is never repeated in a message"
        );
    }
}

#[test]
fn a_ceiling_that_is_not_an_amount_is_named_by_cell() {
    let bytes = workbook::write(&sample::sample_rules()).expect("write");
    let mut rules = workbook::read(&bytes).expect("readable").0;
    rules.namnder[0].tak_per_rad = Some((-1).into());
    let bytes = workbook::write(&rules).expect("write");
    let problems = workbook::load(&bytes, day(2026, 11, 20)).expect_err("negative");
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("Nämnder!B2 (tak_per_rad_sek)") && t.contains("negative")),
        "{text:#?}"
    );
}

#[test]
fn a_workbook_without_namnder_still_imports_with_a_warning() {
    // The sample as it was before the sheet existed.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/attestforteckning-utan-namnder.xlsx");
    let bytes = std::fs::read(&path).expect("fixture");
    let (rules, warnings) = workbook::load(&bytes, day(2026, 11, 20)).expect("still valid");
    assert!(rules.namnder.is_empty());
    assert_eq!(rules.grants, sample::sample_rules().grants);
    assert!(
        warnings
            .iter()
            .any(|w| w.sheet == "Nämnder" && w.message.contains("no nämnd is declared")),
        "{warnings:#?}"
    );
    // The diff against today's sample shows the nämnder being added.
    let d = workbook::diff(&rules, &sample::sample_rules());
    assert!(
        d.iter()
            .any(|l| l.sheet == "Nämnder" && l.key == "Socialnämnden" && l.change == Change::Added),
        "{d:#?}"
    );
}
