//! Intake screening: what a shared server checks before it accepts one uploaded document, so that
//! bytes that are no XML document at all (empty, not well-formed, a DTD or entity declaration,
//! past the reader's size or depth limits) are refused at the door and never stored.
//!
//! A well-formed document with faults is not refused here: validation is not an error, and
//! [`super::invoices::import_bytes`] keeps it with its report (in `needs-action` when a fatal rule
//! fires).

use super::error::{ApiError, ErrorCode, Result};

/// Longest file name an upload may carry.
pub const MAX_NAME_CHARS: usize = 200;

/// `Ok` when the document `name` with `bytes` may be imported; else a `validation` error naming
/// the file and what is wrong with it. Nothing is stored either way.
pub fn screen(name: &str, bytes: &[u8]) -> Result<()> {
    check_name(name)?;
    if bytes.is_empty() {
        return Err(ApiError::new(
            ErrorCode::Validation,
            format!("{name}: the document is empty"),
        ));
    }
    digilyft_invoice::xml::Document::parse(bytes).map_err(|e| {
        ApiError::new(
            ErrorCode::Validation,
            format!("{name}: not an XML invoice document that can be read: {e}"),
        )
    })?;
    Ok(())
}

/// A received file's name is a plain file name: no folder, no `..`, no control characters.
pub fn check_name(name: &str) -> Result<()> {
    let bad = name.is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || name == "."
        || name == ".."
        || name.contains(['/', '\\', ':'])
        || name.chars().any(char::is_control);
    if bad {
        return Err(ApiError::new(
            ErrorCode::Validation,
            format!(
                "file name {name:?}: give a plain file name (no folders, at most \
                 {MAX_NAME_CHARS} characters)"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_screen_lets_invoices_through_and_refuses_the_rest() {
        for (name, bytes) in super::super::testing::sample_documents() {
            assert_eq!(screen(&name, &bytes), Ok(()), "{name}");
        }
        let laughs = br#"<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><Invoice>&b;</Invoice>"#;
        let cases: [(&str, &[u8]); 6] = [
            ("a.xml", b""),
            ("a.xml", b"<Invoice><unclosed></Invoice>"),
            ("a.xml", b"not xml at all"),
            ("laughs.xml", laughs),
            ("../../etc/passwd", b"<Invoice/>"),
            ("a\nb.xml", b"<Invoice/>"),
        ];
        for (name, bytes) in cases {
            let e = screen(name, bytes).expect_err(name);
            assert_eq!(e.code, ErrorCode::Validation, "{name}: {e}");
        }
    }
}
