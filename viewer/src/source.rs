//! The XML source of a document, indexed by line for the source view.
//!
//! The view draws only the lines on screen, each cut to [`MAX_SHOWN_COLUMNS`] characters, so a
//! 10 MB file with a base64 attachment on one line stays quick to scroll.

/// Characters of one line drawn at most (the rest is marked as cut).
pub const MAX_SHOWN_COLUMNS: usize = 400;

/// The text of a document with the start of every line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    text: String,
    line_starts: Vec<usize>,
}

impl SourceText {
    /// Indexes `bytes` (invalid UTF-8 shown as U+FFFD; a document in another encoding is shown
    /// as far as it agrees with UTF-8).
    pub fn new(bytes: &[u8]) -> SourceText {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(&text));
        SourceText { text, line_starts }
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Line `n` (1-based) without its line break, cut to [`MAX_SHOWN_COLUMNS`] characters; the
    /// flag tells whether it was cut.
    pub fn line(&self, n: usize) -> Option<(&str, bool)> {
        let start = *self.line_starts.get(n.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(n)
            .map_or(self.text.len(), |next| next - 1);
        let line = self.text[start..end].trim_end_matches('\r');
        match line.char_indices().nth(MAX_SHOWN_COLUMNS) {
            Some((cut, _)) => Some((&line[..cut], true)),
            None => Some((line, false)),
        }
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_found_and_long_ones_cut() {
        let long = "x".repeat(MAX_SHOWN_COLUMNS + 10);
        let s = SourceText::new(format!("<a>\r\n<b/>\n{long}").as_bytes());
        assert_eq!(s.line_count(), 3);
        assert_eq!(s.line(1), Some(("<a>", false)));
        assert_eq!(s.line(2), Some(("<b/>", false)));
        let (third, cut) = s.line(3).expect("line 3");
        assert!(cut);
        assert_eq!(third.len(), MAX_SHOWN_COLUMNS);
        assert_eq!(s.line(0), None);
        assert_eq!(s.line(4), None);
    }
}
