//! Why a spreadsheet was refused before it was read.

use super::limits::Limit;

/// A spreadsheet refused by [`super::inspect`]; every variant names the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SpreadsheetError {
    /// Over one of the limits; nothing was allocated for it.
    #[error(
        "{file}: {part}{}: {found} {} is above the limit of {max} (docs/spreadsheet-limits.md)",
        place.as_ref().map(|p| format!(" {p}")).unwrap_or_default(),
        limit.what()
    )]
    OverLimit {
        /// The file as the user named it.
        file: String,
        /// The part inside the container (`xl/worksheets/sheet1.xml`), or `the file`.
        part: String,
        /// Where in the part (`cell XFD1048576`, `<sst uniqueCount>`), when there is a place.
        place: Option<String>,
        /// Which limit.
        limit: Limit,
        /// What was found (at least this much).
        found: u64,
        /// The limit's value.
        max: u64,
    },
    /// Not a spreadsheet format the product reads.
    #[error("{file}: {reason}")]
    NotASpreadsheet {
        /// The file.
        file: String,
        /// What it is instead, and what to do.
        reason: String,
    },
    /// The container is damaged: a part cannot be decompressed or its XML parsed.
    #[error("{file}: {part}: unreadable: {reason}")]
    Damaged {
        /// The file.
        file: String,
        /// The part.
        part: String,
        /// The decoder's or parser's reason.
        reason: String,
    },
}

impl SpreadsheetError {
    /// The message without the file name in front (for reports that name the file already).
    pub fn reason(&self) -> String {
        let full = self.to_string();
        let file = match self {
            SpreadsheetError::OverLimit { file, .. }
            | SpreadsheetError::NotASpreadsheet { file, .. }
            | SpreadsheetError::Damaged { file, .. } => file,
        };
        full.strip_prefix(&format!("{file}: "))
            .map(str::to_string)
            .unwrap_or(full)
    }
}
