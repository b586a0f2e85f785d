//! The guard pass: one streaming read over a spreadsheet container that checks it against
//! [`Limits`] before any reader allocates for it.
//!
//! Invariants:
//! * the zip's declared sizes are checked first (cheap, and most bombs declare honestly); then
//!   every part is decompressed once into a counting reader that stops at the first byte over
//!   a limit, so a container that lies about its sizes is stopped too;
//! * sheet parts (root element `worksheet`, found by content, not by path) are scanned for the
//!   `<dimension ref>` they declare (refused beyond Excel's own `XFD1048576`), and for the row
//!   and column of every cell with content, the span of those cells (what calamine allocates),
//!   and the number of cells and rows, against the limits;
//! * the shared-strings part (root `sst`) for its declared `count` / `uniqueCount` (calamine
//!   reserves `uniqueCount` entries up front) and the strings present;
//! * an ODS `content.xml` for its rows and cells with the `number-rows-repeated` /
//!   `number-columns-repeated` expansions calamine performs;
//! * memory stays bounded by the XML reader's buffer: nothing of the file is kept.

use std::io::{self, BufReader, Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::error::SpreadsheetError;
use super::format::{self, Format};
use super::limits::{Limit, Limits};

/// Checks `bytes` (the file the user named `file`) against `limits` and says what it is.
/// [`Format::Other`] (not a container: CSV or unknown) is returned for the caller to decide;
/// an OLE2 file (.xls or encrypted) and a zip that is no spreadsheet are refused.
pub fn inspect(file: &str, bytes: &[u8], limits: &Limits) -> Result<Format, SpreadsheetError> {
    let over =
        |part: &str, place: Option<String>, limit: Limit, found: u64| SpreadsheetError::OverLimit {
            file: file.to_string(),
            part: part.to_string(),
            place,
            limit,
            found,
            max: limit.of(limits),
        };
    let len = bytes.len() as u64;
    if len > limits.file_bytes {
        return Err(over("the file", None, Limit::FileBytes, len));
    }
    match format::sniff(bytes) {
        Format::Ole => {
            return Err(SpreadsheetError::NotASpreadsheet {
                file: file.to_string(),
                reason: "an Excel 97–2003 workbook (.xls) or a password-protected Office file: \
                         save it in Excel as an Excel workbook (.xlsx) without a password"
                    .into(),
            });
        }
        Format::Other => return Ok(Format::Other),
        _ => {}
    }
    let damaged = |part: &str, reason: String| SpreadsheetError::Damaged {
        file: file.to_string(),
        part: part.to_string(),
        reason,
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| damaged("the zip container", e.to_string()))?;
    let parts = zip.len() as u64;
    if parts > limits.parts {
        return Err(over("the zip container", None, Limit::Parts, parts));
    }
    // Declared sizes: refuse before decompressing anything.
    let mut names = Vec::with_capacity(zip.len());
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| damaged(&format!("part {i}"), e.to_string()))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let (size, packed) = (entry.size(), entry.compressed_size());
        drop(entry);
        if size > limits.part_bytes {
            return Err(over(
                &name,
                Some("(declared)".into()),
                Limit::PartBytes,
                size,
            ));
        }
        total = total.saturating_add(size);
        if total > limits.total_bytes {
            return Err(over(
                &name,
                Some("(declared)".into()),
                Limit::TotalBytes,
                total,
            ));
        }
        if size > limits.ratio_floor && size / packed.max(1) > limits.ratio {
            return Err(over(
                &name,
                Some("(declared)".into()),
                Limit::Ratio,
                size / packed.max(1),
            ));
        }
        names.push((name, packed));
    }
    let mimetype = match zip.by_name("mimetype") {
        Ok(m) => {
            let mut head = Vec::new();
            m.take(128)
                .read_to_end(&mut head)
                .map_err(|e| damaged("mimetype", e.to_string()))?;
            Some(head)
        }
        Err(_) => None,
    };
    let kind = format::zip_format(names.iter().map(|(n, _)| n.as_str()), mimetype.as_deref());
    if kind == Format::OtherZip {
        return Err(SpreadsheetError::NotASpreadsheet {
            file: file.to_string(),
            reason: "a zip file, but neither an Excel workbook (.xlsx) nor an OpenDocument \
                     spreadsheet (.ods)"
                .into(),
        });
    }
    // Actual sizes and content, part by part.
    let mut left = limits.total_bytes;
    for (i, (name, packed)) in names.iter().enumerate() {
        let entry = zip.by_index(i).map_err(|e| damaged(name, e.to_string()))?;
        let mut counted = Counted {
            inner: entry,
            read: 0,
            part_max: limits.part_bytes.min(left),
            total_left: left,
            packed: *packed,
            limits,
            breach: None,
        };
        let is_xml = name.to_ascii_lowercase().ends_with(".xml");
        let scanned = if kind == Format::Xlsx && is_xml {
            scan_xlsx_part(&mut counted, limits)
        } else if kind == Format::Ods && name == "content.xml" {
            scan_ods_content(&mut counted, limits)
        } else {
            io::copy(&mut counted, &mut io::sink())
                .map(|_| ())
                .map_err(|e| Stop::Io(e.to_string()))
        };
        if let Some((limit, found)) = counted.breach {
            let found = if limit == Limit::TotalBytes {
                limits.total_bytes - left + found
            } else {
                found
            };
            return Err(over(name, None, limit, found));
        }
        match scanned {
            Ok(()) => {}
            Err(Stop::Over {
                place,
                limit,
                found,
            }) => {
                return Err(over(name, Some(place), limit, found));
            }
            Err(Stop::Io(reason)) => return Err(damaged(name, reason)),
        }
        left -= counted.read.min(left);
    }
    Ok(kind)
}

/// Why a scan stopped early.
enum Stop {
    Over {
        place: String,
        limit: Limit,
        found: u64,
    },
    Io(String),
}

/// Counts decompressed bytes and fails the read at the first byte over a limit, recording
/// which one.
struct Counted<'l, R> {
    inner: R,
    read: u64,
    part_max: u64,
    total_left: u64,
    packed: u64,
    limits: &'l Limits,
    breach: Option<(Limit, u64)>,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        let breach = if self.read > self.total_left {
            Some((Limit::TotalBytes, self.read))
        } else if self.read > self.part_max {
            Some((Limit::PartBytes, self.read))
        } else if self.read > self.limits.ratio_floor
            && self.read / self.packed.max(1) > self.limits.ratio
        {
            Some((Limit::Ratio, self.read / self.packed.max(1)))
        } else {
            None
        };
        if let Some(b) = breach {
            self.breach = Some(b);
            return Err(io::Error::other("spreadsheet limit reached"));
        }
        Ok(n)
    }
}

fn xml_error(e: impl std::fmt::Display) -> Stop {
    Stop::Io(e.to_string())
}

/// A decimal attribute value as a number (saturating; `None` when it is not digits).
fn number(v: &[u8]) -> Option<u64> {
    if v.is_empty() || !v.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(v.iter().fold(0u64, |n, d| {
        n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    }))
}

fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<Vec<u8>> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref().as_bytes() == name)
        .map(|a| a.value.into_owned().into_bytes())
}

/// `XFD1048576` → (row 1048576, column 16384), 1-based, saturating.
pub(crate) fn cell_ref(r: &[u8]) -> Option<(u64, u64)> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 {
        return None;
    }
    let col = r[..letters].iter().fold(0u64, |n, b| {
        n.saturating_mul(26)
            .saturating_add(u64::from(b.to_ascii_uppercase() - b'A' + 1))
    });
    let row = number(r[letters..].strip_prefix(b"$").unwrap_or(&r[letters..]))?;
    Some((row, col))
}

/// The rectangle cells span, and the checks on it.
#[derive(Default)]
struct Span {
    rows: Option<(u64, u64)>,
    cols: Option<(u64, u64)>,
    cells: u64,
}

impl Span {
    /// Adds a block of `height` × `width` cells at (`row`, `col`) (1-based), checking rows,
    /// columns, cells present and the area spanned.
    fn add(&mut self, row: u64, col: u64, height: u64, width: u64, l: &Limits) -> Result<(), Stop> {
        let last_row = row.saturating_add(height.saturating_sub(1));
        let last_col = col.saturating_add(width.saturating_sub(1));
        let place = || format!("cell {}", a1(last_row, last_col));
        if last_row > l.rows {
            return Err(Stop::Over {
                place: place(),
                limit: Limit::Rows,
                found: last_row,
            });
        }
        if last_col > l.columns {
            return Err(Stop::Over {
                place: place(),
                limit: Limit::Columns,
                found: last_col,
            });
        }
        self.cells = self.cells.saturating_add(height.saturating_mul(width));
        if self.cells > l.cells {
            return Err(Stop::Over {
                place: place(),
                limit: Limit::Cells,
                found: self.cells,
            });
        }
        let widen = |r: Option<(u64, u64)>, a: u64, b: u64| match r {
            None => (a, b),
            Some((lo, hi)) => (lo.min(a), hi.max(b)),
        };
        let rows = widen(self.rows, row, last_row);
        let cols = widen(self.cols, col, last_col);
        self.rows = Some(rows);
        self.cols = Some(cols);
        let area = (rows.1 - rows.0 + 1).saturating_mul(cols.1 - cols.0 + 1);
        if area > l.cells {
            return Err(Stop::Over {
                place: format!("cells {}:{}", a1(rows.0, cols.0), a1(rows.1, cols.1)),
                limit: Limit::Cells,
                found: area,
            });
        }
        Ok(())
    }
}

/// A1 reference of a 1-based (row, column).
fn a1(row: u64, col: u64) -> String {
    let letters = crate::workbook::column_letters(usize::try_from(col.max(1) - 1).unwrap_or(0));
    format!("{letters}{row}")
}

/// Excel's sheet: 1,048,576 rows × 16,384 columns (`XFD1048576`).
const EXCEL_ROWS: u64 = 1_048_576;
const EXCEL_COLUMNS: u64 = 16_384;

/// Checks a declared `<dimension ref="A1:XFD1048576">`: beyond Excel's own sheet it is a
/// damaged or forged file. Within it the declaration is not held against [`Limits`]: readers
/// allocate by the cells present (checked cell by cell), and LibreOffice declares
/// `A1:AMJ1048576` for sheets with formatted whole columns.
fn dimension(v: &[u8]) -> Result<(), Stop> {
    for end in v.split(|b| *b == b':') {
        if let Some((row, col)) = cell_ref(end)
            && (row > EXCEL_ROWS || col > EXCEL_COLUMNS)
        {
            return Err(Stop::Io(format!(
                "<dimension ref=\"{}\"> declares cells beyond Excel's sheet (XFD1048576)",
                String::from_utf8_lossy(v)
            )));
        }
    }
    Ok(())
}

/// What an xlsx part turned out to be from its root element.
#[derive(PartialEq)]
enum Part {
    Unknown,
    Sheet,
    SharedStrings,
    Other,
}

fn scan_xlsx_part(r: impl Read, l: &Limits) -> Result<(), Stop> {
    let mut xml = Reader::from_reader(BufReader::new(r));
    let mut buf = Vec::new();
    let mut part = Part::Unknown;
    let mut span = Span::default();
    let (mut row, mut col, mut rows_with_cells, mut strings) = (0u64, 0u64, 0u64, 0u64);
    loop {
        buf.clear();
        let (e, open) = match xml.read_event_into(&mut buf).map_err(xml_error)? {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::Eof => return Ok(()),
            _ => continue,
        };
        let local = e.local_name();
        let name = local.as_ref().as_bytes();
        if part == Part::Unknown {
            part = match name {
                b"worksheet" => Part::Sheet,
                b"sst" => Part::SharedStrings,
                _ => Part::Other,
            };
        }
        match (&part, name) {
            (Part::Other, _) => {
                // Not a part calamine allocates by; drain it (still counted).
                return io::copy(xml.get_mut(), &mut io::sink())
                    .map(|_| ())
                    .map_err(|e| Stop::Io(e.to_string()));
            }
            (Part::Sheet, b"dimension") => {
                if let Some(v) = attr(&e, b"ref") {
                    dimension(&v)?;
                }
            }
            (Part::Sheet, b"row") => {
                row = attr(&e, b"r")
                    .and_then(|v| number(&v))
                    .unwrap_or(row.saturating_add(1));
                col = 0;
                if row > l.rows {
                    return Err(Stop::Over {
                        place: format!("row {row}"),
                        limit: Limit::Rows,
                        found: row,
                    });
                }
                if open {
                    rows_with_cells += 1;
                    if rows_with_cells > l.rows {
                        return Err(Stop::Over {
                            place: format!("row {row}"),
                            limit: Limit::Rows,
                            found: rows_with_cells,
                        });
                    }
                }
            }
            (Part::Sheet, b"c") => {
                let (r, c) = attr(&e, b"r")
                    .and_then(|v| cell_ref(&v))
                    .unwrap_or((row.max(1), col.saturating_add(1)));
                col = c;
                // A cell element with content (a value, an inline string, a formula) is
                // what a reader stores; `<c r=".." s=".."/>` is formatting only.
                if open {
                    span.add(r, c, 1, 1, l)?;
                }
            }
            (Part::SharedStrings, b"sst") => {
                for key in [&b"count"[..], b"uniqueCount"] {
                    if let Some(n) = attr(&e, key).and_then(|v| number(&v))
                        && n > l.shared_strings
                    {
                        return Err(Stop::Over {
                            place: format!("<sst {}>", String::from_utf8_lossy(key)),
                            limit: Limit::SharedStrings,
                            found: n,
                        });
                    }
                }
            }
            (Part::SharedStrings, b"si") => {
                strings += 1;
                if strings > l.shared_strings {
                    return Err(Stop::Over {
                        place: "<si>".into(),
                        limit: Limit::SharedStrings,
                        found: strings,
                    });
                }
            }
            _ => {}
        }
    }
}

fn repeat(e: &BytesStart<'_>, key: &[u8]) -> u64 {
    attr(e, key).and_then(|v| number(&v)).unwrap_or(1).max(1)
}

fn scan_ods_content(r: impl Read, l: &Limits) -> Result<(), Stop> {
    let mut xml = Reader::from_reader(BufReader::new(r));
    let mut buf = Vec::new();
    let mut span = Span::default();
    let mut table = String::new();
    // Next row's index (0-based) and the open row's index and repeat.
    let (mut next_row, mut row, mut height, mut col) = (0u64, 0u64, 1u64, 0u64);
    loop {
        buf.clear();
        let (e, open) = match xml.read_event_into(&mut buf).map_err(xml_error)? {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(e) => {
                if e.name().as_ref().as_bytes() == b"table:table-row" {
                    next_row = row.saturating_add(height);
                }
                continue;
            }
            Event::Eof => return Ok(()),
            _ => continue,
        };
        let in_table = |stop: Stop| match stop {
            Stop::Over {
                place,
                limit,
                found,
            } => Stop::Over {
                place: format!("(table {table:?}) {place}"),
                limit,
                found,
            },
            other => other,
        };
        match e.name().as_ref().as_bytes() {
            b"table:table" => {
                table = attr(&e, b"table:name")
                    .map(|v| String::from_utf8_lossy(&v).into_owned())
                    .unwrap_or_default();
                span = Span::default();
                next_row = 0;
            }
            b"table:table-row" => {
                let n = repeat(&e, b"table:number-rows-repeated");
                if open {
                    (row, height, col) = (next_row, n, 0);
                } else {
                    next_row = next_row.saturating_add(n);
                }
            }
            b"table:table-cell" | b"table:covered-table-cell" => {
                let width = repeat(&e, b"table:number-columns-repeated");
                let has_value = open || attr(&e, b"office:value-type").is_some();
                if has_value {
                    span.add(row + 1, col + 1, height, width, l)
                        .map_err(in_table)?;
                }
                col = col.saturating_add(width);
            }
            _ => {}
        }
    }
}
