//! Text that fits in an Excel cell. Excel holds at most 32,767 characters in a cell and
//! rust_xlsxwriter refuses a longer string, which once made one 40,000-character supplier name
//! fail the whole ledger export. Every text cell the product writes goes through
//! [`FitText`]: a longer text is cut, ending in a visible marker saying how long it was, and
//! the writer reports what it cut (the ledger by invoice, the survey report by unit).

use std::borrow::Cow;

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

/// Excel's limit on the characters of one cell.
pub const EXCEL_CELL_CHARS: usize = 32_767;

/// `text`, or its start with a marker (`… [avkortad, 40000 tecken]`) when it is longer than
/// Excel allows; the result never exceeds [`EXCEL_CELL_CHARS`] characters.
pub fn fit(text: &str) -> Cow<'_, str> {
    if !too_long(text) {
        return Cow::Borrowed(text);
    }
    let total = text.chars().count();
    let marker = format!(" … [avkortad, {total} tecken]");
    let keep = EXCEL_CELL_CHARS - marker.chars().count();
    let cut: String = text.chars().take(keep).collect();
    Cow::Owned(cut + &marker)
}

/// Would [`fit`] cut `text`?
pub fn too_long(text: &str) -> bool {
    // Bytes bound characters from above: most texts are decided without counting.
    text.len() > EXCEL_CELL_CHARS && text.chars().count() > EXCEL_CELL_CHARS
}

/// Writing text cells through [`fit`].
pub trait FitText {
    /// `write_string` of a text cut to fit.
    fn text(&mut self, row: u32, col: u16, text: impl AsRef<str>) -> Result<&mut Self, XlsxError>;
    /// `write_string_with_format` of a text cut to fit.
    fn text_fmt(
        &mut self,
        row: u32,
        col: u16,
        text: impl AsRef<str>,
        format: &Format,
    ) -> Result<&mut Self, XlsxError>;
}

impl FitText for Worksheet {
    fn text(&mut self, row: u32, col: u16, text: impl AsRef<str>) -> Result<&mut Self, XlsxError> {
        self.write_string(row, col, fit(text.as_ref()))
    }

    fn text_fmt(
        &mut self,
        row: u32,
        col: u16,
        text: impl AsRef<str>,
        format: &Format,
    ) -> Result<&mut Self, XlsxError> {
        self.write_string_with_format(row, col, fit(text.as_ref()), format)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_with_a_marker_and_short_ones_kept() {
        assert_eq!(fit("Kontorsvaror i Norr AB"), "Kontorsvaror i Norr AB");
        let exact = "å".repeat(EXCEL_CELL_CHARS);
        assert!(!too_long(&exact));
        let long = "x".repeat(40_000);
        let cut = fit(&long);
        assert_eq!(cut.chars().count(), EXCEL_CELL_CHARS);
        assert!(
            cut.ends_with(" … [avkortad, 40000 tecken]"),
            "{}",
            &cut[32_700..]
        );
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        assert!(ws.write_string(0, 0, &long).is_err(), "Excel's limit");
        ws.text(0, 0, &long).expect("fits");
    }
}
