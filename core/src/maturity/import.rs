//! Reading answer files. Every problem in every file is collected before anything is returned.

use std::fmt;
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use digilyft_survey::{AnswerSet, Cell, Model};

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

/// Reads every file into one answer set. `.csv`/`.txt` are read as CSV; anything else with
/// calamine (xlsx, xlsm, xls, ods). In a workbook the sheet named `Svar` or `Answers` is used,
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
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if ext == "csv" || ext == "txt" {
            let text = match std::fs::read(path) {
                Ok(bytes) => decode_text(bytes),
                Err(e) => {
                    problems.push(ImportProblem {
                        file,
                        sheet: None,
                        place: None,
                        reason: format!("cannot read: {e}"),
                    });
                    continue;
                }
            };
            let rows = match super::csv::parse(&text) {
                Ok(r) => r,
                Err((line, reason)) => {
                    problems.push(ImportProblem {
                        file,
                        sheet: None,
                        place: Some(format!("line {line}")),
                        reason,
                    });
                    continue;
                }
            };
            for p in set.read_table(model, &rows, &file, default_wave) {
                let place = match p.col {
                    Some(c) => format!("row {}, column {}", p.row + 1, column_letters(c)),
                    None => format!("row {}", p.row + 1),
                };
                problems.push(ImportProblem {
                    file: file.clone(),
                    sheet: None,
                    place: Some(place),
                    reason: p.reason,
                });
            }
        } else {
            let mut wb = match open_workbook_auto(path) {
                Ok(wb) => wb,
                Err(e) => {
                    problems.push(ImportProblem {
                        file,
                        sheet: None,
                        place: None,
                        reason: format!("cannot open as a spreadsheet: {e}"),
                    });
                    continue;
                }
            };
            let names = wb.sheet_names().to_vec();
            let Some(sheet) = names
                .iter()
                .find(|n| n.eq_ignore_ascii_case("svar") || n.eq_ignore_ascii_case("answers"))
                .or(names.first())
                .cloned()
            else {
                problems.push(ImportProblem {
                    file,
                    sheet: None,
                    place: None,
                    reason: "the workbook has no sheets".into(),
                });
                continue;
            };
            let range = match wb.worksheet_range(&sheet) {
                Ok(r) => r,
                Err(e) => {
                    problems.push(ImportProblem {
                        file,
                        sheet: Some(sheet),
                        place: None,
                        reason: format!("cannot read the sheet: {e}"),
                    });
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
            let source = format!("{file} [{sheet}]");
            for p in set.read_table(model, &rows, &source, default_wave) {
                let place = match p.col {
                    Some(c) => format!("{}{}", column_letters(c0 + c), r0 + p.row + 1),
                    None => format!("row {}", r0 + p.row + 1),
                };
                problems.push(ImportProblem {
                    file: file.clone(),
                    sheet: Some(sheet.clone()),
                    place: Some(place),
                    reason: p.reason,
                });
            }
        }
    }
    if problems.is_empty() {
        Ok(set)
    } else {
        Err(ImportError::Problems(problems))
    }
}

fn to_cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
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
pub(crate) fn decode_text(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => e.into_bytes().iter().map(|&b| windows_1252(b)).collect(),
    }
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
        assert_eq!(decode_text(bytes), "7 – Instämmer helt; ’“” € ÅÄÖ");
    }

    #[test]
    fn utf8_stays_utf8() {
        let text = "\u{feff}id;roll\r\n1;Förtroendevald – ”ja”\r\n";
        assert_eq!(decode_text(text.as_bytes().to_vec()), text);
    }

    #[test]
    fn latin1_letters_decode_as_themselves() {
        assert_eq!(decode_text(b"\xe5\xe4\xf6 \xe9".to_vec()), "åäö é");
    }
}
