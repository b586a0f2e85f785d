//! The ledger export: every invoice with its state, amounts, kontering and who attested when, as
//! an Excel workbook with real number and date formats, filters and a frozen header row.
//!
//! Sheet `Fakturor` has one row per invoice; sheet `Kontering` one row per kontering row. Dates
//! are Excel dates (not text) and amounts Excel numbers, so the file sorts, filters and sums.
//!
//! Sheet `Revisionsspår` carries the audit log's head as an [`Anchor`] at the time of export, so
//! every ledger filed away is also a witness against the log being cut short later:
//! [`read_anchor`] reads it back for `digilyft audit verify --anchor-from FILE.xlsx`.

use crate::spreadsheet::fit::FitText;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::approval::StepState;
use crate::audit::Anchor;
use crate::store::LedgerEntry;

/// Name of the sheet that holds the audit anchor.
pub const ANCHOR_SHEET: &str = "Revisionsspår";

/// Labels of the anchor sheet's rows (column A); values are in column B.
const ANCHOR_SEQ: &str = "Senaste händelse (sekvensnummer)";
const ANCHOR_HASH: &str = "Senaste händelsens hash";
const ANCHOR_FIRST: &str = "Första händelsens hash";
const ANCHOR_AT: &str = "Senaste händelsens tid (UTC)";
const ANCHOR_SHORT: &str = "Kortform";

fn xl_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

fn money(d: Decimal) -> f64 {
    d.to_f64().unwrap_or_default()
}

struct Formats {
    header: Format,
    date: Format,
    money: Format,
    int: Format,
}

fn header(
    ws: &mut Worksheet,
    cols: &[(&str, f64)],
    f: &Formats,
    rows: u32,
) -> Result<(), XlsxError> {
    for (i, (name, width)) in cols.iter().enumerate() {
        ws.text_fmt(0, i as u16, *name, &f.header)?;
        ws.set_column_width(i as u16, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, rows, cols.len() as u16 - 1)?;
    Ok(())
}

/// The texts of `entries` longer than an Excel cell holds, which [`write_ledger`] writes cut
/// (`crate::spreadsheet::fit`), each naming its invoice and column.
pub fn cut_texts(entries: &[LedgerEntry]) -> Vec<String> {
    use crate::spreadsheet::fit::too_long;
    let mut out = Vec::new();
    for e in entries {
        let s = &e.summary;
        for (column, text) in [
            ("Leverantör", &s.supplier),
            ("Orgnr", &s.supplier_id),
            ("Fakturanummer", &s.number),
            ("Fil", &s.file_name),
        ] {
            if too_long(text) {
                out.push(format!(
                    "invoice {} ({}), {column}: {} characters",
                    s.id,
                    s.number.chars().take(40).collect::<String>(),
                    text.chars().count()
                ));
            }
        }
        for c in &e.coding {
            for code in crate::approval::fields::codes(c) {
                if too_long(code) {
                    out.push(format!(
                        "invoice {}, kontering: {} characters",
                        s.id,
                        code.chars().count()
                    ));
                }
            }
        }
    }
    out
}

/// Writes the ledger as of `as_of` (for "days to due date"), with the audit log's head `anchor`
/// in sheet [`ANCHOR_SHEET`] when given. A text longer than an Excel cell holds is cut with a
/// marker ([`cut_texts`] lists them), never a reason to fail the export.
pub fn write_ledger(
    entries: &[LedgerEntry],
    as_of: NaiveDate,
    anchor: Option<&Anchor>,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title("Leverantörsreskontra")
            .set_author("Digilyft")
            .set_creation_datetime(&xl_date(as_of)?),
    );
    let f = Formats {
        header: Format::new()
            .set_bold()
            .set_background_color("#DDEBF7")
            .set_border_bottom(FormatBorder::Thin),
        date: Format::new().set_num_format("yyyy-mm-dd"),
        money: Format::new().set_num_format("#,##0.00"),
        int: Format::new().set_num_format("0"),
    };
    let ws = wb.add_worksheet();
    ws.set_name("Fakturor")?;
    let cols = [
        ("Id", 7.0),
        ("Leverantör", 28.0),
        ("Orgnr", 12.0),
        ("Fakturanummer", 16.0),
        ("Typ", 10.0),
        ("Fakturadatum", 12.0),
        ("Förfallodatum", 13.0),
        ("Attestdeadline", 14.0),
        ("Dagar till förfall", 10.0),
        ("Status", 13.0),
        ("Betalspärr", 10.0),
        ("Belopp exkl. moms", 16.0),
        ("Att betala", 16.0),
        ("Valuta", 7.0),
        ("Konteringsrader", 10.0),
        ("Attesterad av", 40.0),
        ("Senast attesterad", 14.0),
        ("Fil", 24.0),
    ];
    header(ws, &cols, &f, entries.len() as u32)?;
    for (i, e) in entries.iter().enumerate() {
        let r = i as u32 + 1;
        let s = &e.summary;
        ws.write_number(r, 0, s.id as f64)?;
        ws.text(r, 1, &s.supplier)?;
        ws.text(r, 2, &s.supplier_id)?;
        ws.text(r, 3, &s.number)?;
        ws.text(
            r,
            4,
            match s.kind {
                Some(crate::facts::DocumentKind::CreditNote) => "Kredit",
                Some(crate::facts::DocumentKind::Invoice) => "Faktura",
                None => "Oläslig",
            },
        )?;
        if let Some(d) = s.issue_date {
            ws.write_date_with_format(r, 5, &xl_date(d)?, &f.date)?;
        }
        if let Some(d) = s.due_date {
            ws.write_date_with_format(r, 6, &xl_date(d)?, &f.date)?;
            ws.write_number_with_format(r, 8, (d - as_of).num_days() as f64, &f.int)?;
        }
        if let Some(d) = s.attest_deadline {
            ws.write_date_with_format(r, 7, &xl_date(d)?, &f.date)?;
        }
        ws.text(r, 9, s.state.as_str())?;
        ws.text(r, 10, if s.payment_block { "Ja" } else { "Nej" })?;
        ws.write_number_with_format(r, 11, money(s.net_amount), &f.money)?;
        ws.write_number_with_format(r, 12, money(s.amount), &f.money)?;
        ws.text(r, 13, &s.currency)?;
        ws.write_number(r, 14, e.coding.len() as f64)?;
        let signed: Vec<String> = e
            .steps
            .iter()
            .filter(|st| st.state == StepState::Done)
            .map(|st| {
                let who = st.decided_by.clone().unwrap_or_default();
                let for_ = st
                    .acting_for
                    .as_ref()
                    .map(|a| format!(" för {a}"))
                    .unwrap_or_default();
                let when = st
                    .decided_at
                    .map(|t| t.format(" %Y-%m-%d %H:%M").to_string())
                    .unwrap_or_default();
                let auto = if st.auto_rule.is_some() {
                    " (regel)"
                } else {
                    ""
                };
                format!("{}: {who}{for_}{auto}{when}", st.label)
            })
            .collect();
        ws.text(r, 15, signed.join("; "))?;
        if let Some(last) = e.steps.iter().filter_map(|st| st.decided_at).max() {
            ws.write_date_with_format(r, 16, &xl_date(last.date_naive())?, &f.date)?;
        }
        ws.text(r, 17, &s.file_name)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name("Kontering")?;
    let kcols = [
        ("Faktura-id", 9.0),
        ("Fakturanummer", 16.0),
        ("Leverantör", 28.0),
        ("Rad", 5.0),
        ("Konto", 8.0),
        ("Ansvar", 8.0),
        ("Verksamhet", 10.0),
        ("Aktivitet", 10.0),
        ("Projekt", 10.0),
        ("Objekt", 10.0),
        ("Motpart", 8.0),
        ("Momskod", 16.0),
        ("Belopp exkl. moms", 16.0),
        ("Status", 13.0),
    ];
    let total_rows: usize = entries.iter().map(|e| e.coding.len()).sum();
    header(ws, &kcols, &f, total_rows as u32)?;
    let mut r = 1u32;
    for e in entries {
        for (i, c) in e.coding.iter().enumerate() {
            ws.write_number(r, 0, e.summary.id as f64)?;
            ws.text(r, 1, &e.summary.number)?;
            ws.text(r, 2, &e.summary.supplier)?;
            ws.write_number(r, 3, i as f64 + 1.0)?;
            for (col, v) in crate::approval::fields::codes(c).iter().enumerate() {
                ws.text(r, 4 + col as u16, *v)?;
            }
            ws.write_number_with_format(r, 12, money(c.amount), &f.money)?;
            ws.text(r, 13, e.summary.state.as_str())?;
            r += 1;
        }
    }
    if let Some(a) = anchor {
        write_anchor_sheet(wb.add_worksheet(), a, &f)?;
    }
    wb.save_to_buffer()
}

fn write_anchor_sheet(ws: &mut Worksheet, a: &Anchor, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(ANCHOR_SHEET)?;
    ws.text_fmt(0, 0, "Uppgift", &f.header)?;
    ws.text_fmt(0, 1, "Värde", &f.header)?;
    ws.set_column_width(0, 34.0)?;
    ws.set_column_width(1, 70.0)?;
    ws.text(1, 0, ANCHOR_SEQ)?;
    ws.write_number_with_format(1, 1, a.seq as f64, &f.int)?;
    ws.text(2, 0, ANCHOR_HASH)?;
    ws.text(2, 1, &a.hash)?;
    ws.text(3, 0, ANCHOR_FIRST)?;
    ws.text(3, 1, a.first_hash.as_deref().unwrap_or(""))?;
    ws.text(4, 0, ANCHOR_AT)?;
    let at = a.at.map(|t| t.to_rfc3339()).unwrap_or_default();
    ws.text(4, 1, &at)?;
    ws.text(5, 0, ANCHOR_SHORT)?;
    ws.text(5, 1, a.short())?;
    ws.text(
        7,
        0,
        "Spara filen. `digilyft audit verify --anchor-from <filen>` visar om granskningsloggen \
         senare har kortats eller skrivits om.",
    )?;
    Ok(())
}

/// Why no anchor could be read from a ledger export.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AnchorReadError {
    /// The bytes are no xlsx workbook.
    #[error("not an Excel workbook: {0}")]
    NotAWorkbook(String),
    /// The workbook has no anchor sheet (exported before anchors existed, or another file).
    #[error("no sheet {ANCHOR_SHEET:?}: not a Digilyft ledger export with an audit anchor")]
    NoAnchorSheet,
    /// The sheet is there but a value is missing or malformed.
    #[error("sheet {ANCHOR_SHEET:?}, {cell}: {reason}")]
    Bad {
        /// The cell, e.g. `B6`.
        cell: String,
        /// What is wrong.
        reason: String,
    },
}

/// Reads the audit anchor from a ledger export written by [`write_ledger`].
pub fn read_anchor(bytes: &[u8]) -> Result<Anchor, AnchorReadError> {
    use calamine::{Data, Reader};
    // Checked against the spreadsheet limits before calamine reads it, as every workbook.
    let mut wb = crate::spreadsheet::open_xlsx("the ledger export", bytes)
        .map_err(|e| AnchorReadError::NotAWorkbook(e.reason()))?;
    let range = wb
        .worksheet_range(ANCHOR_SHEET)
        .map_err(|_| AnchorReadError::NoAnchorSheet)?;
    let value = |label: &str| -> Option<(String, String)> {
        range.rows().enumerate().find_map(|(i, row)| {
            let is_label = matches!(row.first(), Some(Data::String(s)) if s == label);
            is_label.then(|| {
                let v = match row.get(1) {
                    Some(Data::String(s)) => s.clone(),
                    Some(Data::Float(f)) => format!("{f}"),
                    Some(Data::Int(n)) => n.to_string(),
                    _ => String::new(),
                };
                (
                    format!("B{}", range.start().map_or(0, |s| s.0) as usize + i + 1),
                    v,
                )
            })
        })
    };
    let (cell, short) = value(ANCHOR_SHORT).ok_or_else(|| AnchorReadError::Bad {
        cell: "A".into(),
        reason: format!("no row {ANCHOR_SHORT:?}"),
    })?;
    let mut anchor = Anchor::parse_short(&short).map_err(|e| AnchorReadError::Bad {
        cell,
        reason: e.to_string(),
    })?;
    anchor.first_hash = value(ANCHOR_FIRST)
        .map(|(_, v)| v)
        .filter(|v| v.len() == 64);
    anchor.at = value(ANCHOR_AT).and_then(|(_, v)| {
        chrono::DateTime::parse_from_rfc3339(&v)
            .ok()
            .map(|t| t.with_timezone(&chrono::Utc))
    });
    Ok(anchor)
}
