//! The limits every spreadsheet the product reads is checked against before calamine sees it
//! (documented, with the reasons for each default, in `docs/spreadsheet-limits.md`).
//!
//! One table for every reader — the attestförteckning (`rules import`, `rules diff`), survey
//! answers (`survey score`), the anchor in a ledger export (`audit verify --anchor-from`) — so
//! a file refused by one is refused by all.

/// Upper bounds for one spreadsheet file. [`Limits::DEFAULT`] is what the product uses; tests
/// pass smaller ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of the file itself (the zip container), checked before it is read into memory.
    pub file_bytes: u64,
    /// Parts (zip entries) in the container.
    pub parts: u64,
    /// Uncompressed bytes of one part.
    pub part_bytes: u64,
    /// Uncompressed bytes of all parts together.
    pub total_bytes: u64,
    /// Uncompressed : compressed bytes of one part, checked for parts above
    /// [`Limits::ratio_floor`] (a small part may compress very well harmlessly).
    pub ratio: u64,
    /// Parts up to this many uncompressed bytes are not checked for their ratio.
    pub ratio_floor: u64,
    /// Rows of one sheet: the highest row number used and the number of rows with cells.
    pub rows: u64,
    /// Columns of one sheet: the highest column number used.
    pub columns: u64,
    /// Cells of one sheet: the area of the rectangle its cells span (readers allocate that
    /// rectangle) and the cells present.
    pub cells: u64,
    /// Shared strings: the `count` and `uniqueCount` a table declares and the strings in it.
    pub shared_strings: u64,
}

impl Limits {
    /// The product's limits. A real attestförteckning has a few thousand rows and some 25
    /// columns, a survey answer file a few thousand respondents × a few hundred items; these
    /// leave room for twenty times that and keep the worst accepted file to a few hundred MB
    /// of memory.
    pub const DEFAULT: Limits = Limits {
        file_bytes: 64 * 1024 * 1024,
        parts: 10_000,
        part_bytes: 512 * 1024 * 1024,
        total_bytes: 1024 * 1024 * 1024,
        ratio: 200,
        ratio_floor: 1024 * 1024,
        rows: 100_000,
        columns: 2_000,
        cells: 4_000_000,
        shared_strings: 4_000_000,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// Which limit a file breaks (named in the error and in `docs/spreadsheet-limits.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Limit {
    /// [`Limits::file_bytes`].
    FileBytes,
    /// [`Limits::parts`].
    Parts,
    /// [`Limits::part_bytes`].
    PartBytes,
    /// [`Limits::total_bytes`].
    TotalBytes,
    /// [`Limits::ratio`].
    Ratio,
    /// [`Limits::rows`].
    Rows,
    /// [`Limits::columns`].
    Columns,
    /// [`Limits::cells`].
    Cells,
    /// [`Limits::shared_strings`].
    SharedStrings,
}

impl Limit {
    /// The limit's value in `limits`.
    pub fn of(self, limits: &Limits) -> u64 {
        match self {
            Limit::FileBytes => limits.file_bytes,
            Limit::Parts => limits.parts,
            Limit::PartBytes => limits.part_bytes,
            Limit::TotalBytes => limits.total_bytes,
            Limit::Ratio => limits.ratio,
            Limit::Rows => limits.rows,
            Limit::Columns => limits.columns,
            Limit::Cells => limits.cells,
            Limit::SharedStrings => limits.shared_strings,
        }
    }

    /// What is counted, for messages.
    pub fn what(self) -> &'static str {
        match self {
            Limit::FileBytes => "file size in bytes",
            Limit::Parts => "parts in the zip container",
            Limit::PartBytes => "uncompressed bytes of one part",
            Limit::TotalBytes => "uncompressed bytes of all parts",
            Limit::Ratio => "compression ratio (uncompressed : compressed)",
            Limit::Rows => "rows",
            Limit::Columns => "columns",
            Limit::Cells => "cells",
            Limit::SharedStrings => "shared strings",
        }
    }
}
