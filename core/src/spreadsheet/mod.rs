//! Spreadsheets the product reads, checked before they are read.
//!
//! calamine allocates by what a file declares and by the rectangle its cells span, so a 27 KB
//! workbook with one cell at `XFD1048576`, a shared-strings table claiming 10¹⁴ entries or a
//! zip bomb could abort the process. Every reader (the attestförteckning, survey answers, the
//! anchor in a ledger export) therefore goes through this module:
//!
//! * [`inspect`] sniffs the format by content ([`Format`]) and runs the guard pass
//!   (`guard.rs`) against [`Limits`] (one table, `limits.rs`, documented in
//!   `docs/spreadsheet-limits.md`); a refusal is a [`SpreadsheetError`] naming the file, the
//!   part, the place and the limit;
//! * [`open_xlsx`] / [`open_answers`] open the checked bytes with calamine;
//! * [`xlsx_rows`] streams a sheet row by row (no dense range), marking cells that hold a
//!   formula without a cached value;
//! * [`read_limited`] reads a file, checking its size before reading it;
//! * [`names`] matches sheet names and headers (NFC, case and spaces ignored);
//! * [`fit`] cuts a text longer than an Excel cell holds, with a visible marker, for every
//!   workbook the product writes.

mod error;
pub mod fit;
mod format;
mod guard;
mod limits;
pub mod names;

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, Ods, Xlsx};

pub use error::SpreadsheetError;
pub use format::{Format, sniff};
pub use guard::inspect;
pub use limits::{Limit, Limits};

/// An xlsx workbook over borrowed bytes.
pub type XlsxBook<'b> = Xlsx<Cursor<&'b [u8]>>;

/// Checks `bytes` and opens them as an .xlsx workbook; anything else (an .ods, a CSV, an .xls)
/// is refused naming what it is.
pub fn open_xlsx<'b>(file: &str, bytes: &'b [u8]) -> Result<XlsxBook<'b>, SpreadsheetError> {
    match inspect(file, bytes, &Limits::DEFAULT)? {
        Format::Xlsx => {
            calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e: calamine::XlsxError| {
                SpreadsheetError::Damaged {
                    file: file.to_string(),
                    part: "the workbook".into(),
                    reason: e.to_string(),
                }
            })
        }
        Format::Ods => Err(SpreadsheetError::NotASpreadsheet {
            file: file.to_string(),
            reason: "an OpenDocument spreadsheet (.ods); save it as an Excel workbook (.xlsx)"
                .into(),
        }),
        _ => Err(SpreadsheetError::NotASpreadsheet {
            file: file.to_string(),
            reason: "not an Excel workbook (.xlsx) by its content".into(),
        }),
    }
}

/// A checked answers file: a workbook or text for the CSV reader.
pub enum Answers<'b> {
    /// An .xlsx workbook.
    Xlsx(Box<XlsxBook<'b>>),
    /// An .ods spreadsheet.
    Ods(Box<Ods<Cursor<&'b [u8]>>>),
    /// Not a container: the caller reads it as CSV text.
    Text,
}

impl std::fmt::Debug for Answers<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Answers::Xlsx(_) => "Answers::Xlsx",
            Answers::Ods(_) => "Answers::Ods",
            Answers::Text => "Answers::Text",
        })
    }
}

/// Checks `bytes` and opens them by content as .xlsx or .ods, or says they are text.
pub fn open_answers<'b>(file: &str, bytes: &'b [u8]) -> Result<Answers<'b>, SpreadsheetError> {
    let damaged = |e: String| SpreadsheetError::Damaged {
        file: file.to_string(),
        part: "the workbook".into(),
        reason: e,
    };
    match inspect(file, bytes, &Limits::DEFAULT)? {
        Format::Xlsx => calamine::open_workbook_from_rs(Cursor::new(bytes))
            .map(|w| Answers::Xlsx(Box::new(w)))
            .map_err(|e: calamine::XlsxError| damaged(e.to_string())),
        Format::Ods => calamine::open_workbook_from_rs(Cursor::new(bytes))
            .map(|w| Answers::Ods(Box::new(w)))
            .map_err(|e: calamine::OdsError| damaged(e.to_string())),
        _ => Ok(Answers::Text),
    }
}

/// Reads the file at `path`, refusing one above [`Limits::file_bytes`] before reading it (and
/// never reading more than that, should it grow meanwhile).
pub fn read_limited(path: &Path, file: &str) -> Result<Vec<u8>, ReadError> {
    let max = Limits::DEFAULT.file_bytes;
    let f = std::fs::File::open(path).map_err(ReadError::Io)?;
    let len = f.metadata().map_err(ReadError::Io)?.len();
    let over = |found| {
        ReadError::Refused(SpreadsheetError::OverLimit {
            file: file.to_string(),
            part: "the file".into(),
            place: None,
            limit: Limit::FileBytes,
            found,
            max,
        })
    };
    if len > max {
        return Err(over(len));
    }
    let mut bytes = Vec::new();
    f.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > max {
        return Err(over(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Why [`read_limited`] read nothing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The operating system's error.
    #[error("{0}")]
    Io(std::io::Error),
    /// Over a limit.
    #[error("{0}")]
    Refused(SpreadsheetError),
}

/// One row of a sheet, from [`xlsx_rows`].
#[derive(Debug, Clone, Default)]
pub struct SheetRow {
    /// 0-based row index.
    pub row: u32,
    /// The cells from column A to the row's last cell with a value.
    pub cells: Vec<Data>,
    /// 0-based columns whose cell holds a formula but no computed (cached) value: a file
    /// written by a program that does not calculate, never opened and saved in Excel.
    pub uncalculated: Vec<u32>,
}

/// Streams the rows of `sheet` that have a value or an uncalculated formula, in order, to `f`.
/// Memory is one row at a time (the guard has bounded its width).
pub fn xlsx_rows(
    wb: &mut XlsxBook<'_>,
    sheet: &str,
    mut f: impl FnMut(&SheetRow),
) -> Result<(), calamine::XlsxError> {
    let mut cells = wb.worksheet_cells_reader(sheet)?;
    let mut current = SheetRow::default();
    let mut started = false;
    while let Some(cell) = cells.next_cell_with_formula_metadata()? {
        let (r, c) = cell.pos;
        let empty = matches!(cell.value, calamine::DataRef::Empty);
        let uncalculated = empty && cell.formula.is_some();
        if empty && !uncalculated {
            continue;
        }
        if started && r != current.row {
            f(&current);
            current = SheetRow::default();
        }
        started = true;
        current.row = r;
        let c = c as usize;
        if current.cells.len() <= c {
            current.cells.resize(c + 1, Data::Empty);
        }
        if uncalculated {
            current.uncalculated.push(c as u32);
        } else {
            current.cells[c] = Data::from(cell.value);
        }
    }
    if started {
        f(&current);
    }
    Ok(())
}
