//! Writes an attestförteckning with many grant rows and times reading + validating it (issue
//! 14, finding 3; the figures are in BENCHMARKS.md).
//!
//! `cargo run -p digilyft-core --example many_grants -- ROWS [FILE.xlsx]`
//!
//! Grant `i` is person `u{1000+i}`'s BESLUT right on the exact ansvar `10000 + i / 20` with
//! equal limits: groups of 20 people holding the same right, the shape that gave 190,000
//! review warnings for 20,000 rows. The workbook is written by hand as streamed XML (inline
//! strings), so a million rows cost no memory to write.

use std::io::Write;
use std::time::Instant;

use digilyft_core::workbook::{self, sheets};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let rows: u32 = args.next().ok_or("ROWS")?.parse()?;
    let path = args.next().unwrap_or_else(|| format!("grants-{rows}.xlsx"));
    write(&path, rows)?;
    let bytes = std::fs::read(&path)?;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).ok_or("date")?;
    let t = Instant::now();
    let _ = digilyft_core::spreadsheet::inspect(&path, &bytes, &Default::default());
    println!("guard {:.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    if let Ok((rules, _)) = workbook::read_named(&path, &bytes) {
        let read = t.elapsed();
        let v = Instant::now();
        let _ = workbook::validate(&rules, today);
        println!(
            "read {:.3} s, validate {:.3} s",
            read.as_secs_f64(),
            v.elapsed().as_secs_f64()
        );
    }
    let t = Instant::now();
    let outcome = workbook::load_named(&path, &bytes, today);
    let took = t.elapsed();
    let (kind, problems) = match &outcome {
        Ok((_, w)) => ("stored", w),
        Err(p) => ("refused", p),
    };
    let warnings = problems
        .iter()
        .filter(|p| p.severity == workbook::Severity::Warning)
        .count();
    println!(
        "{rows} rows, {} bytes: {kind} in {:.3} s, {} problems ({warnings} warnings), peak RSS {} MiB",
        bytes.len(),
        took.as_secs_f64(),
        problems.len(),
        peak_rss_kib() / 1024
    );
    if let Some(p) = problems.first() {
        println!("first: {p}");
    }
    Ok(())
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;")
}

fn write(path: &str, rows: u32) -> Result<(), Box<dyn std::error::Error>> {
    let file = std::fs::File::create(path)?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let n = sheets::SHEETS.len();
    let ct: String = (1..=n)
        .map(|i| {
            format!(
                "<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            )
        })
        .collect();
    zip.start_file("[Content_Types].xml", opts)?;
    write!(
        zip,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>{ct}</Types>"
    )?;
    zip.start_file("_rels/.rels", opts)?;
    write!(
        zip,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
    )?;
    let sheets_xml: String = sheets::SHEETS
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                "<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>",
                s.name,
                i + 1,
                i + 1
            )
        })
        .collect();
    zip.start_file("xl/workbook.xml", opts)?;
    write!(
        zip,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>{sheets_xml}</sheets></workbook>"
    )?;
    let rels: String = (1..=n)
        .map(|i| {
            format!(
                "<Relationship Id=\"rId{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>"
            )
        })
        .collect();
    zip.start_file("xl/_rels/workbook.xml.rels", opts)?;
    write!(
        zip,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}</Relationships>"
    )?;
    for (i, sheet) in sheets::SHEETS.iter().enumerate() {
        zip.start_file(format!("xl/worksheets/sheet{}.xml", i + 1), opts)?;
        write!(
            zip,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">"
        )?;
        for (c, col) in sheet.columns.iter().enumerate() {
            let r = workbook::column_letters(c);
            write!(
                zip,
                "<c r=\"{r}1\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                esc(col.header)
            )?;
        }
        write!(zip, "</row>")?;
        if sheet.name == sheets::ATTESTRATT.name {
            for g in 0..rows {
                let row = g + 2;
                write!(zip, "<row r=\"{row}\">")?;
                let values = [
                    ("rad_id", format!("AR-{g}")),
                    ("nämnd", "Socialnämnden".to_string()),
                    ("attesttyp", "BESLUT".to_string()),
                    ("person_id", format!("u{}", 1000 + g)),
                    ("grund", "ORDINARIE".to_string()),
                    ("ansvar", format!("{}", 10_000 + g / 20)),
                    ("gräns_per_rad_sek", "100000".to_string()),
                    ("gräns_per_faktura_sek", "250000".to_string()),
                    ("giltig_från", "2026-01-01".to_string()),
                    ("beslut_ref", "SN 2025-12-10 § 87".to_string()),
                ];
                let mut cells: Vec<(usize, &String)> = values
                    .iter()
                    .filter_map(|(h, v)| sheet.index(h).map(|c| (c, v)))
                    .collect();
                cells.sort();
                for (c, v) in cells {
                    let r = workbook::column_letters(c);
                    write!(
                        zip,
                        "<c r=\"{r}{row}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                        esc(v)
                    )?;
                }
                write!(zip, "</row>")?;
            }
        }
        write!(zip, "</sheetData></worksheet>")?;
    }
    zip.finish()?.flush()?;
    Ok(())
}
