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
    // The Nämnder sheet: optional, every column explained in a note, amounts in `_sek`
    // columns, and a J/N drop-down for the one-per-code demand.
    let n = &workbook::sheets::NAMNDER;
    assert!(n.optional);
    assert!(n.columns.iter().all(|c| !c.note.is_empty()));
    assert!(
        n.columns
            .iter()
            .filter(|c| c.header.starts_with("tak_"))
            .all(|c| c.header.ends_with("_sek") && !c.required)
    );
    let one = n.index("en_ordinarie_per_kod").expect("column");
    assert_eq!(n.columns[one].list, ["J", "N"]);
    assert!(
        workbook::sheets::SHEETS
            .iter()
            .any(|s| s.name == "Nämnder" && s.columns.len() == 7)
    );
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
    new.namnder[1].tak_per_rad = Some(900_000.into());
    new.namnder[1].beslut_ref = "SN 2025-06-11 § 40".into();
    new.namnder[0].en_ordinarie_per_kod = true;
    let d = workbook::diff(&old, &new);
    let ceiling = d
        .iter()
        .find(|l| l.sheet == "Nämnder" && l.key == "Socialnämnden")
        .expect("the ceiling change is listed");
    let strict = d
        .iter()
        .find(|l| l.sheet == "Nämnder" && l.key == "Kommunstyrelsen")
        .expect("the one-per-code change is listed");
    assert_eq!(
        strict.change,
        Change::Changed(vec![(
            "en_ordinarie_per_kod".into(),
            "N".into(),
            "J".into()
        )])
    );
    assert_eq!(
        ceiling.change,
        Change::Changed(vec![
            (
                "beslut_ref".into(),
                "SN 2024-12-10 § 87".into(),
                "SN 2025-06-11 § 40".into()
            ),
            ("tak_per_rad_sek".into(), "1000000".into(), "900000".into()),
        ])
    );
    assert!(d.iter().any(|l| l.key == "AR-0003" && matches!(&l.change, Change::Changed(f) if f.iter().any(|(n, _, v)| n == "gräns_per_rad_sek" && v == "75000"))), "{d:#?}");
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

type Mutate = fn(&mut workbook::RuleSet);

/// Writes the sample changed by `mutate` and loads it on 2026-11-20.
fn load_mutated(mutate: Mutate) -> Result<workbook::RuleSet, Vec<workbook::Problem>> {
    let mut rules = sample::sample_rules();
    mutate(&mut rules);
    let bytes = workbook::write(&rules).expect("write");
    workbook::load(&bytes, day(2026, 11, 20)).map(|(rules, _)| rules)
}

#[test]
fn namnd_ceilings_one_per_code_and_personnummer_block_activation() {
    use rust_decimal::Decimal;
    // Sample rows (Attesträtt): 3 = u200 BESLUT 4* (500 000 / 1 000 000, two signers over
    // 400 000), 4 = u210 BESLUT 41* (50 000 / 100 000, never two), 5 = u220 BESLUT 42*
    // (100 000 / 200 000, two over 150 000), all Socialnämnden = namnder[1] (ceilings 1 000 000 /
    // 1 000 000, two signers at most over 500 000, SN 2024-12-10 § 87).
    // Each rule: a workbook that must be refused with an error at exactly this cell (and whose
    // message contains the string after it), and the nearest variant that must pass.
    let cases: Vec<(&str, Mutate, String, &str, Mutate)> = vec![
        (
            "per-row limit above the ceiling",
            |r| r.namnder[1].tak_per_rad = Some(Decimal::from(40_000)),
            ar_cell("gräns_per_rad_sek", 4),
            "ceiling 40000 (tak_per_rad_sek) (SN 2024-12-10 § 87)",
            |r| {
                // Exactly the highest per-row limit (u230's granskning right, row 6): allowed.
                r.namnder[1].tak_per_rad = Some(Decimal::from(1_000_000));
                r.grants[1].grans_per_rad = Decimal::from(1_000_000);
            },
        ),
        (
            "per-invoice limit above the ceiling",
            |r| r.namnder[1].tak_per_faktura = Some(Decimal::from(900_000)),
            ar_cell("gräns_per_faktura_sek", 3),
            "ceiling 900000 (tak_per_faktura_sek) (SN 2024-12-10 § 87)",
            |r| r.namnder[1].tak_per_faktura = Some(Decimal::from(1_000_000)),
        ),
        (
            "two-signer threshold above the ceiling",
            |r| r.namnder[1].tak_tva_i_forening = Some(Decimal::from(300_000)),
            ar_cell("två_i_förening_över_sek", 3),
            "400000 is above Socialnämnden's two-signer ceiling 300000",
            |r| r.namnder[1].tak_tva_i_forening = Some(Decimal::from(400_000)),
        ),
        (
            "two-signer threshold above the ceiling though above the invoice limit too",
            |r| r.grants[2].tva_i_forening_over = Decimal::from(600_000),
            ar_cell("två_i_förening_över_sek", 4),
            "600000 is above Socialnämnden's two-signer ceiling 500000",
            |r| r.grants[2].tva_i_forening_over = Decimal::from(500_000),
        ),
        (
            "never two signers while the invoice limit is above the two-signer ceiling",
            |r| r.grants[2].grans_per_faktura = Decimal::from(600_000),
            ar_cell("två_i_förening_över_sek", 4),
            "lets u210 sign up to 600000 alone",
            |r| {
                r.grants[2].grans_per_faktura = Decimal::from(600_000);
                r.grants[2].tva_i_forening_over = Decimal::from(500_000);
            },
        ),
        (
            "two ordinary attestants on one code where the nämnd allows one",
            |r| r.namnder[1].en_ordinarie_per_kod = true,
            ar_cell("ansvar", 4),
            "u210 and u200 (row 3) hold overlapping ordinary BESLUT rights",
            |r| {
                // u200 keeps only the codes nobody else holds; the ersättare u240 (41*) is no
                // ordinary attestant.
                r.namnder[1].en_ordinarie_per_kod = true;
                r.grants[1].ansvar = "40*".to_string().into();
            },
        ),
        (
            "two ordinary attestants in overlapping periods",
            |r| {
                r.namnder[1].en_ordinarie_per_kod = true;
                r.grants[1].ansvar = "40*;41*".to_string().into();
                r.grants[1].giltig_till = Some(day(2027, 6, 30));
                r.grants[2].giltig_fran = day(2027, 6, 30);
            },
            ar_cell("ansvar", 4),
            "overlapping ordinary BESLUT rights",
            |r| {
                // u200 hands 41* over to u210 on 2027-07-01: consecutive, not overlapping.
                r.namnder[1].en_ordinarie_per_kod = true;
                r.grants[1].ansvar = "40*;41*".to_string().into();
                r.grants[1].giltig_till = Some(day(2027, 6, 30));
                r.grants[2].giltig_fran = day(2027, 7, 1);
            },
        ),
        (
            "a nämnd missing from Nämnder",
            |r| r.grants[2].namnd = "Barn- och utbildningsnämnden".into(),
            ar_cell("nämnd", 4),
            "Barn- och utbildningsnämnden is not declared in the sheet Nämnder",
            |r| {
                r.grants[2].namnd = "Barn- och utbildningsnämnden".into();
                let mut bun = r.namnder[1].clone();
                bun.namnd = "Barn- och utbildningsnämnden".into();
                bun.row = 4;
                r.namnder.push(bun);
            },
        ),
        (
            "a nämnd declared twice",
            |r| {
                let mut again = r.namnder[0].clone();
                again.row = 4;
                r.namnder.push(again);
            },
            "Nämnder!A4 (nämnd)".into(),
            "Kommunstyrelsen is also declared on row 2",
            |_| {},
        ),
        (
            // A personnummer (Skatteverket's test number) where an employee id belongs.
            "a personnummer as person id",
            |r| r.grants[0].person_id = "19121212-1212".into(),
            ar_cell("person_id", 2),
            "looks like a personnummer",
            |r| r.grants[0].person_id = "E19121212".into(),
        ),
    ];
    for (name, refused, cell, says, accepted) in cases {
        let problems = load_mutated(refused).expect_err(name);
        let errors: Vec<String> = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(ToString::to_string)
            .collect();
        assert!(
            errors.iter().any(|e| e.contains(&cell) && e.contains(says)),
            "{name}: expected an error at {cell} saying {says:?}: {errors:#?}"
        );
        assert!(
            errors.iter().all(|e| !e.contains("1212-1212")),
            "{name}: a personnummer is never repeated in a message"
        );
        if let Err(problems) = load_mutated(accepted) {
            panic!("{name}: the passing variant was refused: {problems:#?}");
        }
    }
}

/// A workbook with every sheet's header row and `rows` (text cells) on `sheet`.
fn workbook_with(sheet: &str, rows: &[&[&str]]) -> Vec<u8> {
    let mut wb = Workbook::new();
    for s in workbook::sheets::SHEETS.iter() {
        let ws = wb.add_worksheet();
        ws.set_name(s.name).expect("name");
        for (c, col) in s.columns.iter().enumerate() {
            ws.write_string(0, c as u16, col.header).expect("header");
        }
        if s.name == sheet {
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    ws.write_string(r as u32 + 1, c as u16, *v).expect("cell");
                }
            }
        }
    }
    wb.save_to_buffer().expect("save")
}

#[test]
fn invalid_namnder_cells_are_named_by_cell() {
    // nämnd, tak_per_rad_sek, tak_per_faktura_sek, tak_två_i_förening_sek,
    // en_ordinarie_per_kod, beslut_ref, kommentar
    let cases: [(&[&str], &str, &str); 6] = [
        (
            &["SN", "-5", "", "", "N", "SN 1", ""],
            "Nämnder!B2 (tak_per_rad_sek)",
            "must not be negative",
        ),
        (
            &["SN", "", "mycket", "", "N", "SN 1", ""],
            "Nämnder!C2 (tak_per_faktura_sek)",
            "is not an amount",
        ),
        (
            &["SN", "", "", "-1", "", "SN 1", ""],
            "Nämnder!D2 (tak_två_i_förening_sek)",
            "must not be negative",
        ),
        (
            &["SN", "", "", "", "JA", "SN 1", ""],
            "Nämnder!E2 (en_ordinarie_per_kod)",
            "\"JA\" is not one of J, N",
        ),
        (
            &["SN", "", "", "", "X", "SN 1", ""],
            "Nämnder!E2 (en_ordinarie_per_kod)",
            "is not one of J, N",
        ),
        (
            &["", "100", "", "", "J", "", "namnlös"],
            "Nämnder!A2 (nämnd)",
            "nämnd is required",
        ),
    ];
    for (row, cell, says) in cases {
        let problems =
            workbook::load(&workbook_with("Nämnder", &[row]), day(2026, 11, 20)).expect_err(cell);
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            text.iter()
                .any(|t| t.starts_with("fel: ") && t.contains(cell) && t.contains(says)),
            "{cell}: expected {says:?}: {text:#?}"
        );
    }
    // The same row with valid cells (lower-case j, spaces and a decimal comma) is accepted.
    let ok: &[&str] = &["SN", "1 000 000", "2000000,50", "500000", "j", "SN 1", ""];
    let (rules, _) = workbook::load(&workbook_with("Nämnder", &[ok]), day(2026, 11, 20))
        .expect("valid Nämnder row");
    assert!(rules.namnder[0].en_ordinarie_per_kod);
    assert_eq!(
        rules.namnder[0].tak_per_faktura,
        Some("2000000.50".parse().expect("decimal"))
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
    assert!(
        rules.tidsfrister.is_empty(),
        "no Tidsfrister: the policy applies"
    );
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

#[test]
fn tidsfrister_rows_are_checked_cell_by_cell() {
    // attesttyp, handläggningsdagar, påminn_före_dagar, eskalera_till_kö, betalningsledtid_dagar
    let cases: [(&[&str], &str); 4] = [
        (
            &["BESLUT", "2", "5", "", "3"],
            "Tidsfrister!E2 (betalningsledtid_dagar)",
        ),
        (
            &["ALLA", "0", "", "", ""],
            "Tidsfrister!B2 (handläggningsdagar)",
        ),
        (
            &["ALLA", "1,5", "", "", ""],
            "Tidsfrister!B2 (handläggningsdagar)",
        ),
        (&["VECKA", "2", "", "", ""], "Tidsfrister!A2 (attesttyp)"),
    ];
    for (row, cell) in cases {
        let problems = workbook::load(&workbook_with("Tidsfrister", &[row]), day(2026, 11, 20))
            .expect_err(cell);
        assert!(
            problems
                .iter()
                .any(|p| p.severity == Severity::Error && p.to_string().contains(cell)),
            "{cell}: {problems:#?}"
        );
    }
    let twice: &[&[&str]] = &[&["BESLUT", "2", "", "", ""], &["BESLUT", "3", "", "", ""]];
    let problems = workbook::load(&workbook_with("Tidsfrister", twice), day(2026, 11, 20))
        .expect_err("one row per attesttyp");
    assert!(
        problems
            .iter()
            .any(|p| p.to_string().contains("Tidsfrister!A3 (attesttyp)"))
    );
    let ok: &[&[&str]] = &[
        &["ALLA", "2", "5", "ekonomi", "3"],
        &["BESLUT", "4", "", "", ""],
    ];
    let (rules, _) = workbook::load(&workbook_with("Tidsfrister", ok), day(2026, 11, 20))
        .expect("valid Tidsfrister");
    let policy = digilyft_core::approval::Policy::default();
    let t = policy.timing(&rules, digilyft_core::approval::StepKind::Beslut);
    assert_eq!((t.processing_days, t.remind_before_due_days), (4, 5));
    assert_eq!(policy.under(&rules).payment_lead_days, 3);
}

#[test]
fn a_named_reviewer_without_the_right_or_for_two_review_steps_is_reported() {
    // The sample's prio-40 rule names u310 for MOTTAGNING and GRANSKNING (Flödesregler row 5).
    let bytes = sample::sample_workbook().expect("write");
    let (_, warnings) = workbook::load(&bytes, day(2026, 11, 20)).expect("valid");
    let text: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert!(
        text.iter()
            .any(|w| w.contains("Flödesregler!O5 (granskare_person_id)")
                && w.contains("u310 is named for MOTTAGNING and GRANSKNING")),
        "{text:#?}"
    );
    // u230 holds no MOTTAGNING grant: naming her for it is reported.
    let mut rules = sample::sample_rules();
    rules.flows[1].steg = workbook::Flow::Steps(vec![
        digilyft_core::approval::StepKind::Mottagning,
        digilyft_core::approval::StepKind::Beslut,
    ]);
    let (_, warnings) =
        workbook::load(&workbook::write(&rules).expect("write"), day(2026, 11, 20)).expect("valid");
    assert!(
        warnings
            .iter()
            .any(|w| w.to_string().contains("Flödesregler!O3")
                && w.message.contains("u230 holds no MOTTAGNING grant")),
        "{warnings:#?}"
    );
}

/// Issue 14, finding 3: people holding the same right with equal limits are one warning with
/// a count and the first cells (20,000 rows once gave 190,000 warnings), while the errors
/// about one grant each stay one per grant.
#[test]
fn equal_rights_of_many_people_are_one_warning_with_a_count() {
    let base = sample::sample_rules();
    let template = base
        .grants
        .iter()
        .find(|g| g.attesttyp == digilyft_core::approval::StepKind::Beslut)
        .expect("a BESLUT grant")
        .clone();
    let mut rules = base.clone();
    rules.grants = (0..400u32)
        .map(|i| workbook::Grant {
            rad_id: format!("AR-{i}"),
            person_id: format!("u{}", 1000 + i),
            ansvar: workbook::CodePattern::parse(&format!("{}", 10_000 + i / 20)).expect("code"),
            row: i + 2,
            ..template.clone()
        })
        .collect();
    // One person twice for the same code and period: an error on that row.
    let mut twice = rules.grants[0].clone();
    twice.rad_id = "AR-X".into();
    twice.row = 500;
    rules.grants.push(twice);
    let problems = workbook::validate(&rules, day(2026, 11, 20));
    let equal: Vec<_> = problems
        .iter()
        .filter(|p| p.message.contains("equal limits"))
        .collect();
    assert_eq!(equal.len(), 1, "{equal:#?}");
    assert_eq!(equal[0].severity, Severity::Warning);
    // 20 codes × 19 later holders each, and the doubled row (another's equal right too).
    assert!(
        equal[0].message.starts_with("381 grants"),
        "{}",
        equal[0].message
    );
    assert!(equal[0].message.contains("E3") || equal[0].message.contains("row 2"));
    let same: Vec<_> = problems
        .iter()
        .filter(|p| p.message.contains("for the same person"))
        .collect();
    assert_eq!(same.len(), 1, "{same:#?}");
    assert!(
        same[0].message.contains("AR-0 (row 2)"),
        "{}",
        same[0].message
    );
}
