//! Reading answer files. Every problem in every file is collected before anything is returned.

use std::fmt;
use std::path::Path;

use calamine::{Data, Reader};
use digilyft_survey::{AnswerSet, Cell, Model};
use unicode_normalization::UnicodeNormalization;

use crate::spreadsheet::{self, Answers, names};

use super::column_letters;

/// One problem in an answer file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// File name as given.
    pub file: String,
    /// Sheet name (spreadsheets only).
    pub sheet: Option<String>,
    /// Cell (`C7`), row (`row 7`) or column (`column C`), when the problem has a place.
    pub place: Option<String>,
    /// Reason.
    pub reason: String,
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(s) = &self.sheet {
            write!(f, " [{s}]")?;
        }
        if let Some(p) = &self.place {
            write!(f, " {p}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// Why answers could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// One or more problems; nothing was read.
    #[error("{} problem(s) in the answers; nothing was scored:\n{}", .0.len(), list(.0))]
    Problems(Vec<ImportProblem>),
}

fn list(p: &[ImportProblem]) -> String {
    p.iter()
        .map(|p| format!("  - {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads every file into one answer set. The format is decided by content
/// (`crate::spreadsheet`): .xlsx and .ods workbooks (checked against the spreadsheet limits
/// first) whatever their name, else CSV text for a `.csv`/`.txt` name. In a workbook the sheet named `Svar` or `Answers` is used,
/// else the first sheet. `default_wave` applies to rows without a wave.
pub fn read_answers(
    model: &Model,
    files: &[&Path],
    default_wave: &str,
) -> Result<AnswerSet, ImportError> {
    let mut set = AnswerSet::new();
    let mut problems = Vec::new();
    for path in files {
        let file = path.display().to_string();
        let problem =
            |sheet: Option<String>, place: Option<String>, reason: String| ImportProblem {
                file: file.clone(),
                sheet,
                place,
                reason,
            };
        let bytes = match spreadsheet::read_limited(path, &file) {
            Ok(b) => b,
            Err(spreadsheet::ReadError::Io(e)) => {
                problems.push(problem(None, None, format!("cannot read: {e}")));
                continue;
            }
            Err(spreadsheet::ReadError::Refused(e)) => {
                problems.push(problem(None, None, e.reason()));
                continue;
            }
        };
        // By content, never by name: an .xlsx renamed .xls or .csv is read as an .xlsx.
        let book = match spreadsheet::open_answers(&file, &bytes) {
            Ok(b) => b,
            Err(e) => {
                problems.push(problem(None, None, e.reason()));
                continue;
            }
        };
        let (sheet, r0, c0, rows) = match book {
            Answers::Text => {
                let ext = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if ext != "csv" && ext != "txt" {
                    problems.push(problem(
                        None,
                        None,
                        "neither a spreadsheet (.xlsx, .ods) nor a CSV file (.csv, .txt) by its \
                         content"
                            .into(),
                    ));
                    continue;
                }
                let text = match decode_text(bytes) {
                    Ok(t) => t,
                    Err(reason) => {
                        problems.push(problem(None, None, reason));
                        continue;
                    }
                };
                match super::csv::parse(&text) {
                    Ok(r) => (None, 0, 0, r),
                    Err((line, reason)) => {
                        problems.push(problem(None, Some(format!("line {line}")), reason));
                        continue;
                    }
                }
            }
            Answers::Xlsx(mut wb) => {
                let names = wb.sheet_names();
                let Some(sheet) = answer_sheet(&names) else {
                    problems.push(problem(None, None, "the workbook has no sheets".into()));
                    continue;
                };
                let mut streamed = Vec::new();
                if let Err(e) =
                    spreadsheet::xlsx_rows(&mut wb, &sheet, |r| streamed.push(r.clone()))
                {
                    problems.push(problem(
                        Some(sheet),
                        None,
                        format!("cannot read the sheet: {e}"),
                    ));
                    continue;
                }
                let mut uncalculated = false;
                for r in &streamed {
                    for c in &r.uncalculated {
                        uncalculated = true;
                        problems.push(problem(
                            Some(sheet.clone()),
                            Some(format!("{}{}", column_letters(*c as usize), r.row + 1)),
                            "formula without a computed value (open and save the file in Excel)"
                                .into(),
                        ));
                    }
                }
                if uncalculated {
                    continue;
                }
                let (r0, c0, rows) = dense(&streamed);
                (Some(sheet), r0, c0, rows)
            }
            Answers::Ods(mut wb) => {
                let names = wb.sheet_names();
                let Some(sheet) = answer_sheet(&names) else {
                    problems.push(problem(None, None, "the workbook has no sheets".into()));
                    continue;
                };
                let range = match wb.worksheet_range(&sheet) {
                    Ok(r) => r,
                    Err(e) => {
                        problems.push(problem(
                            Some(sheet),
                            None,
                            format!("cannot read the sheet: {e}"),
                        ));
                        continue;
                    }
                };
                let (r0, c0) = range
                    .start()
                    .map_or((0, 0), |(r, c)| (r as usize, c as usize));
                let rows: Vec<Vec<Cell>> = range
                    .rows()
                    .map(|row| row.iter().map(to_cell).collect())
                    .collect();
                (Some(sheet), r0, c0, rows)
            }
        };
        let source = match &sheet {
            Some(s) => format!("{file} [{s}]"),
            None => file.clone(),
        };
        for p in set.read_table(model, &rows, &source, default_wave) {
            let place = match (&sheet, p.col) {
                (Some(_), Some(c)) => format!("{}{}", column_letters(c0 + c), r0 + p.row + 1),
                (None, Some(c)) => format!("row {}, column {}", p.row + 1, column_letters(c)),
                (_, None) => format!("row {}", r0 + p.row + 1),
            };
            problems.push(problem(sheet.clone(), Some(place), p.reason));
        }
    }
    if problems.is_empty() {
        Ok(set)
    } else {
        Err(ImportError::Problems(problems))
    }
}

/// The sheet answers are read from: `Svar` or `Answers` (NFC, any case), else the first.
fn answer_sheet(names: &[String]) -> Option<String> {
    names::find_sheet(names, "svar")
        .or_else(|| names::find_sheet(names, "answers"))
        .or(names.first())
        .cloned()
}

/// Streamed rows as a dense table from the first row and column with a value, and that
/// origin (0-based row, column).
fn dense(rows: &[spreadsheet::SheetRow]) -> (usize, usize, Vec<Vec<Cell>>) {
    let Some(first) = rows.first() else {
        return (0, 0, Vec::new());
    };
    let r0 = first.row as usize;
    let c0 = rows
        .iter()
        .filter_map(|r| r.cells.iter().position(|d| !matches!(d, Data::Empty)))
        .min()
        .unwrap_or(0);
    let mut out: Vec<Vec<Cell>> = Vec::new();
    for r in rows {
        let at = r.row as usize - r0;
        out.resize_with(at, Vec::new);
        out.push(r.cells.iter().skip(c0).map(to_cell).collect());
    }
    (r0, c0, out)
}

/// A spreadsheet value as a survey cell; text in Unicode NFC, so headers and answers typed in
/// decomposed form match the model's.
fn to_cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.nfc().collect()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(d) => Cell::Text(d.as_f64().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

/// Text of a CSV file: UTF-8 (with or without a byte-order mark) when the bytes are valid UTF-8,
/// else Windows-1252, which older Excel versions write on Swedish Windows. Latin-1 (ISO 8859-1)
/// files decode correctly too: the two differ only in 0x80–0x9F, which Latin-1 files use for C1
/// control characters nobody types, and which Windows-1252 maps to ’ “ ” € – and friends (the
/// WHATWG encoding standard decodes the label `iso-8859-1` as Windows-1252 for this reason).
///
/// UTF-16 (what Excel's "Unicode text" writes) is recognised by its byte-order mark and
/// decoded; UTF-16 without one (NUL bytes in the text) is refused with one error rather than
/// decoded into garbage that fails every column.
pub(crate) fn decode_text(bytes: Vec<u8>) -> Result<String, String> {
    let utf16 = |body: &[u8], little: bool| -> Result<String, String> {
        if !body.len().is_multiple_of(2) {
            return Err("UTF-16 text with an odd number of bytes: the file is cut off".into());
        }
        let units = body.chunks_exact(2).map(|p| {
            if little {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units)
            .enumerate()
            .map(|(i, c)| c.map_err(|_| format!("not valid UTF-16 at byte {}", 2 * i + 2)))
            .collect()
    };
    if let Some(body) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(body, true);
    }
    if let Some(body) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(body, false);
    }
    let head = &bytes[..bytes.len().min(4096)];
    if head.iter().filter(|b| **b == 0).count() * 4 > head.len() {
        return Err(
            "UTF-16 text without a byte-order mark (NUL bytes): save it as \"CSV UTF-8\"".into(),
        );
    }
    Ok(match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => e.into_bytes().iter().map(|&b| windows_1252(b)).collect(),
    })
}

/// One Windows-1252 byte as a character (the WHATWG table: the five unassigned bytes 0x81,
/// 0x8D, 0x8F, 0x90 and 0x9D map to the C1 controls of the same value).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

#[cfg(test)]
mod encoding_tests {
    use super::decode_text;

    #[test]
    fn windows_1252_punctuation_and_swedish_letters() {
        // "7 – Instämmer helt", ’ “ ” € as Windows-1252 bytes.
        let bytes = b"7 \x96 Inst\xe4mmer helt; \x92\x93\x94 \x80 \xc5\xc4\xd6".to_vec();
        assert_eq!(
            decode_text(bytes).as_deref(),
            Ok("7 – Instämmer helt; ’“” € ÅÄÖ")
        );
    }

    #[test]
    fn utf8_stays_utf8() {
        let text = "\u{feff}id;roll\r\n1;Förtroendevald – ”ja”\r\n";
        assert_eq!(decode_text(text.as_bytes().to_vec()).as_deref(), Ok(text));
    }

    #[test]
    fn utf16_with_a_bom_is_decoded_and_without_one_refused_once() {
        let text = "id;roll\r\n1;Förtroendevald\r\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode_text(le.clone()).as_deref(), Ok(text));
        assert_eq!(decode_text(be).as_deref(), Ok(text));
        let bare = le[2..].to_vec();
        assert!(decode_text(bare).expect_err("refused").contains("UTF-16"));
        assert!(decode_text(le[..5].to_vec()).is_err(), "cut off");
    }

    #[test]
    fn latin1_letters_decode_as_themselves() {
        assert_eq!(
            decode_text(b"\xe5\xe4\xf6 \xe9".to_vec()).as_deref(),
            Ok("åäö é")
        );
    }
}
