//! Issue 14, findings 1, 2 and 9: hostile spreadsheets are refused before calamine allocates,
//! by every reader, with an error naming the file, the part and the limit; person ids written
//! two ways are refused; sheet names in NFD are found; uncalculated formulas are named.

use std::io::{Cursor, Read, Write};

use digilyft_core::spreadsheet::{Format, Limit, Limits, SpreadsheetError, inspect};
use digilyft_core::workbook::{self, Severity, sample};
use rust_xlsxwriter::Workbook;

use crate::common::*;

/// The parts of a zip container, in order.
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("part");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("read part");
            (f.name().expect("name").to_string(), data)
        })
        .collect()
}

/// A zip container of `parts` (deflated).
fn container(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        out.start_file(name.as_str(), opts).expect("start");
        out.write_all(data).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

/// `bytes` with the text of part `name` changed by `f`.
fn rewrite(bytes: &[u8], name: &str, f: impl Fn(String) -> String) -> Vec<u8> {
    let mut ps = parts(bytes);
    let p = ps.iter_mut().find(|(n, _)| n == name).expect("part exists");
    p.1 = f(String::from_utf8(p.1.clone()).expect("xml text")).into_bytes();
    container(&ps)
}

fn one_sheet(name: &str, cells: &[(u32, u16, &str)]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(name).expect("name");
    for (r, c, v) in cells {
        ws.write_string(*r, *c, *v).expect("cell");
    }
    wb.save_to_buffer().expect("xlsx")
}

fn over_limit(e: &SpreadsheetError) -> (Limit, &str, Option<&str>) {
    match e {
        SpreadsheetError::OverLimit {
            limit, part, place, ..
        } => (*limit, part.as_str(), place.as_deref()),
        other => panic!("expected a limit, got {other}"),
    }
}

fn refusal(bytes: &[u8]) -> String {
    let p = workbook::load_named("hostile.xlsx", bytes, day(2026, 11, 20)).expect_err("refused");
    assert_eq!(p.len(), 1, "one clear error: {p:?}");
    p[0].message.clone()
}

/// Survey answers read from a file `name` holding `bytes`: the problems' text.
fn answers_refusal(name: &str, bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    let model = digilyft_survey::bundled::load("dmos-open").expect("model");
    let e =
        digilyft_core::maturity::read_answers(&model, &[path.as_path()], "1").expect_err("refused");
    e.to_string()
}

#[test]
fn one_cell_at_xfd1048576_is_refused_by_every_reader() {
    // The cell alone, and with a header at A1 (the rectangle calamine allocated: 549 GB).
    let lone = one_sheet("Attesträtt", &[(1_048_575, 16_383, "x")]);
    let e = inspect("lone.xlsx", &lone, &Limits::DEFAULT).expect_err("refused");
    let (limit, part, place) = over_limit(&e);
    assert_eq!(limit, Limit::Rows);
    assert_eq!(part, "xl/worksheets/sheet1.xml");
    assert!(place.is_some_and(|p| p.contains("1048576")), "{e}");
    assert!(e.to_string().starts_with("lone.xlsx: "), "{e}");

    let spanning = one_sheet("Svar", &[(0, 0, "id"), (1_048_575, 16_383, "x")]);
    let msg = refusal(&spanning);
    assert!(
        msg.contains("hostile.xlsx") && msg.contains("limit"),
        "{msg}"
    );
    let msg = answers_refusal("svar.xlsx", &spanning);
    assert!(msg.contains("sheet1.xml") && msg.contains("limit"), "{msg}");
    let e = digilyft_core::ledger::read_anchor(&spanning).expect_err("refused");
    assert!(e.to_string().contains("limit"), "{e}");

    // A wide but short sheet: the columns limit, naming the cell.
    let wide = one_sheet("Svar", &[(0, 0, "id"), (0, 16_383, "x")]);
    let e = inspect("wide.xlsx", &wide, &Limits::DEFAULT).expect_err("refused");
    assert_eq!(over_limit(&e).0, Limit::Columns);
    assert!(e.to_string().contains("XFD1"), "{e}");
}

#[test]
fn a_declared_dimension_beyond_excels_sheet_is_refused_and_a_wide_one_is_not() {
    let wb = one_sheet("Svar", &[(0, 0, "id")]);
    let forged = rewrite(&wb, "xl/worksheets/sheet1.xml", |x| {
        x.replace(
            "<dimension ref=\"A1\"/>",
            "<dimension ref=\"A1:XFE99999999999\"/>",
        )
    });
    let e = inspect("dim.xlsx", &forged, &Limits::DEFAULT).expect_err("refused");
    assert!(
        matches!(&e, SpreadsheetError::Damaged { part, reason, .. }
            if part == "xl/worksheets/sheet1.xml" && reason.contains("dimension")),
        "{e}"
    );
    // LibreOffice declares whole columns for formatted sheets: only the cells count.
    let wide = rewrite(&wb, "xl/worksheets/sheet1.xml", |x| {
        x.replace(
            "<dimension ref=\"A1\"/>",
            "<dimension ref=\"A1:AMJ1048576\"/>",
        )
    });
    assert_eq!(
        inspect("lo.xlsx", &wide, &Limits::DEFAULT),
        Ok(Format::Xlsx)
    );
}

#[test]
fn a_shared_strings_table_claiming_10_to_the_14_entries_is_refused() {
    let wb = one_sheet("Attesträtt", &[(0, 0, "rad_id")]);
    let bytes = rewrite(&wb, "xl/sharedStrings.xml", |x| {
        x.replace("count=\"1\"", "count=\"99999999999999\"")
            .replace("uniqueCount=\"1\"", "uniqueCount=\"99999999999999\"")
    });
    assert!(
        parts(&bytes)
            .iter()
            .any(|(n, d)| n == "xl/sharedStrings.xml"
                && String::from_utf8_lossy(d).contains("99999999999999"))
    );
    let e = inspect("sst.xlsx", &bytes, &Limits::DEFAULT).expect_err("refused");
    let (limit, part, place) = over_limit(&e);
    assert_eq!(
        (limit, part),
        (Limit::SharedStrings, "xl/sharedStrings.xml")
    );
    assert!(place.is_some_and(|p| p.starts_with("<sst")), "{e}");
    assert!(e.to_string().contains("99999999999999"), "{e}");
    let msg = refusal(&bytes);
    assert!(msg.contains("shared strings"), "{msg}");
    let msg = answers_refusal("svar.xlsx", &bytes);
    assert!(msg.contains("shared strings"), "{msg}");
}

#[test]
fn a_zip_bomb_is_refused_by_its_ratio_and_its_size() {
    let wb = one_sheet("Svar", &[(0, 0, "id")]);
    let mut ps = parts(&wb);
    // 24 MiB of zeros deflate to some 24 KB: a ratio of about 1000.
    ps.push(("xl/media/image1.png".into(), vec![0u8; 24 << 20]));
    let bomb = container(&ps);
    assert!(bomb.len() < 200_000, "small on disk: {}", bomb.len());
    let e = inspect("bomb.xlsx", &bomb, &Limits::DEFAULT).expect_err("refused");
    let (limit, part, _) = over_limit(&e);
    assert_eq!((limit, part), (Limit::Ratio, "xl/media/image1.png"));
    let msg = refusal(&bomb);
    assert!(msg.contains("compression ratio"), "{msg}");
    // Total size: checked on the declared sizes and again while decompressing.
    let tight = Limits {
        total_bytes: 1 << 20,
        ratio: u64::MAX,
        ..Limits::DEFAULT
    };
    let e = inspect("bomb.xlsx", &bomb, &tight).expect_err("refused");
    assert_eq!(over_limit(&e).0, Limit::TotalBytes);
}

#[test]
fn too_many_rows_are_refused_while_streaming() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for r in 0..50u32 {
        ws.write_number(r, 0, f64::from(r)).expect("cell");
    }
    let bytes = wb.save_to_buffer().expect("xlsx");
    let small = Limits {
        rows: 20,
        ..Limits::DEFAULT
    };
    let e = inspect("rows.xlsx", &bytes, &small).expect_err("refused");
    assert_eq!(over_limit(&e).0, Limit::Rows);
    assert_eq!(
        inspect("rows.xlsx", &bytes, &Limits::DEFAULT),
        Ok(Format::Xlsx)
    );
}

#[test]
fn an_ods_whose_repeats_expand_beyond_the_limits_is_refused() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Svar"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let ods = container(&[
        (
            "mimetype".into(),
            b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
        ),
        ("content.xml".into(), content.as_bytes().to_vec()),
    ]);
    let e = inspect("svar.ods", &ods, &Limits::DEFAULT).expect_err("refused");
    let (limit, part, place) = over_limit(&e);
    assert_eq!((limit, part), (Limit::Rows, "content.xml"));
    assert!(place.is_some_and(|p| p.contains("Svar")), "{e}");
    let msg = answers_refusal("svar.ods", &ods);
    assert!(msg.contains("limit"), "{msg}");
}

#[test]
fn legacy_xls_and_foreign_zips_are_refused_by_content() {
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    let e = inspect("old.xls", &ole, &Limits::DEFAULT).expect_err("refused");
    assert!(e.to_string().contains(".xlsx"), "{e}");
    let docx = container(&[("word/document.xml".into(), b"<w/>".to_vec())]);
    let e = inspect("brev.xlsx", &docx, &Limits::DEFAULT).expect_err("refused");
    assert!(matches!(e, SpreadsheetError::NotASpreadsheet { .. }), "{e}");
}

#[test]
fn an_xlsx_renamed_xls_is_read_by_its_content() {
    let model = digilyft_survey::bundled::load("dmos-open").expect("model");
    let set = digilyft_survey::synth::generate(
        &model,
        &digilyft_survey::synth::SynthOptions::municipality(5, 30, &["2026"]),
    );
    let xlsx = digilyft_core::maturity::write_answers_xlsx(&model, &set).expect("xlsx");
    let dir = tempfile::tempdir().expect("dir");
    for name in ["svar.xls", "svar.csv"] {
        let path = dir.path().join(name);
        std::fs::write(&path, &xlsx).expect("write");
        let back = digilyft_core::maturity::read_answers(&model, &[path.as_path()], "1")
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back.respondents.len(), set.respondents.len(), "{name}");
    }
}

/// Issue 14, finding 2: `" U210 "` on Attesträtt and `u210` on Jäv are one person written
/// two ways. The import is refused (rather than silently merged) so the administrator sees
/// the lookalike; the actor side is normalised too (see `api::approval`'s tests).
#[test]
fn person_ids_written_two_ways_are_refused_naming_both_cells() {
    let mut rules = sample::sample_rules();
    for g in rules.grants.iter_mut().filter(|g| g.person_id == "u210") {
        g.person_id = " U210 ".into();
    }
    let bytes = workbook::write(&rules).expect("write");
    let problems = workbook::load(&bytes, day(2026, 11, 20)).expect_err("refused");
    let lookalike: Vec<_> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error && p.message.contains("\" U210 \""))
        .collect();
    assert_eq!(lookalike.len(), 1, "{problems:#?}");
    let m = &lookalike[0].message;
    assert!(
        m.contains("\" U210 \" (Attesträtt!D") && m.contains("\"u210\" ("),
        "{m}"
    );

    // Inner spaces: another id, but a lookalike of one in use.
    let mut rules = sample::sample_rules();
    if let Some(c) = rules.conflicts.first_mut() {
        c.person_id = "u 210".into();
    }
    let bytes = workbook::write(&rules).expect("write");
    let problems = workbook::load(&bytes, day(2026, 11, 20)).expect_err("refused");
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("\"u 210\"") && p.message.contains("inner spaces")),
        "{problems:#?}"
    );
}

#[test]
fn a_sheet_name_in_nfd_is_found() {
    let bytes = sample::sample_workbook().expect("sample");
    let nfd = rewrite(&bytes, "xl/workbook.xml", |x| {
        x.replace("name=\"Jäv\"", "name=\"Ja\u{308}v\"")
            .replace("name=\"Frånvaro\"", "name=\"Fra\u{30a}nvaro\"")
    });
    assert!(
        parts(&nfd)
            .iter()
            .any(|(n, d)| n == "xl/workbook.xml" && String::from_utf8_lossy(d).contains("a\u{308}")),
        "the rewrite happened"
    );
    let (rules, _) = workbook::load(&nfd, day(2026, 11, 20)).unwrap_or_else(|p| panic!("{p:#?}"));
    assert_eq!(rules, sample::sample_rules());
}

#[test]
fn a_formula_without_a_computed_value_is_named_as_such() {
    let sheet = &workbook::sheets::ATTESTRATT;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet.name).expect("name");
    for (i, c) in sheet.columns.iter().enumerate() {
        ws.write_string(0, i as u16, c.header).expect("header");
    }
    let col = |h: &str| sheet.index(h).expect("column") as u16;
    for (h, v) in [
        ("rad_id", "AR-1"),
        ("nämnd", "SN"),
        ("attesttyp", "BESLUT"),
        ("person_id", "u1"),
        ("grund", "ORDINARIE"),
        ("ansvar", "41*"),
        ("gräns_per_rad_sek", "1000"),
        ("gräns_per_faktura_sek", "1000"),
        ("giltig_från", "2026-01-01"),
    ] {
        ws.write_string(1, col(h), v).expect("cell");
    }
    ws.write_formula(1, col("beslut_ref"), "=CONCAT(\"SN \",\"§ 1\")")
        .expect("formula");
    let bytes = wb.save_to_buffer().expect("xlsx");
    // rust_xlsxwriter stores a cached 0; a program that does not calculate stores none.
    let bytes = rewrite(&bytes, "xl/worksheets/sheet1.xml", |x| {
        let start = x.find("<f>").expect("formula");
        let end = x[start..].find("</c>").expect("cell end") + start;
        let f_end = x[start..].find("</f>").expect("f end") + start + 4;
        format!("{}{}", &x[..f_end], &x[end..])
    });
    let (_, problems) = workbook::read(&bytes).expect("readable");
    let cell = format!("{}2", workbook::column_letters(col("beslut_ref") as usize));
    let here: Vec<_> = problems.iter().filter(|p| p.cell == cell).collect();
    assert_eq!(here.len(), 1, "{problems:#?}");
    assert!(
        here[0].message.contains("formula without a computed value"),
        "{problems:#?}"
    );
}
