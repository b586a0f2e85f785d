//! Text bound for a terminal: every control character escaped.
//!
//! An invoice, a file name or an error message quoting either can carry characters a terminal
//! interprets: XML 1.0 refuses the C0 controls (our reader does too), but it allows DEL and the
//! C1 controls (U+0080–U+009F, among them CSI, U+009B, which starts an escape sequence), and a
//! file name may hold anything. Everything the CLI prints as plain text goes through [`Plain`],
//! so no input can move the cursor, recolour the screen or fake a line of output. JSON output
//! needs nothing: `serde_json` escapes control characters itself.

use std::fmt;

/// Displays a string with every control character (Unicode category Cc: C0, DEL, C1, including
/// line feed and tab) written as a Rust escape such as `\u{1b}` or `\n`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plain<'a>(pub(crate) &'a str);

impl fmt::Display for Plain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(char::is_control) {
            f.write_str(&rest[..at])?;
            let mut chars = rest[at..].chars();
            if let Some(c) = chars.next() {
                write!(f, "{}", c.escape_default())?;
            }
            rest = chars.as_str();
        }
        f.write_str(rest)
    }
}

/// [`Plain`] of a value's `Display` text (paths, errors, findings).
pub(crate) fn plain(value: impl fmt::Display) -> String {
    Plain(&value.to_string()).to_string()
}

/// An error whose whole chain (as [`chain`] shows it: file names, positions, quoted document
/// text) is escaped, for a command's `run` to hand to `main`, which prints it.
pub(crate) fn plain_error(err: anyhow::Error) -> anyhow::Error {
    anyhow::anyhow!("{}", plain(chain(&err)))
}

/// The error and its causes joined by `: ` (as `{:#}`), leaving out a cause whose text the
/// message before it already ends with: a library error often shows its source in its own
/// message ("cannot read x.xml: Permission denied") and also hands it on as its `source`, and
/// the reason must not be printed twice.
pub(crate) fn chain(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if out.is_empty() {
            out = text;
        } else if !text.is_empty() && !out.ends_with(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("cannot read {path}: {source}")]
    struct ReadFailed {
        path: String,
        source: std::io::Error,
    }

    #[test]
    fn an_os_error_shown_in_the_message_and_as_source_is_printed_once() {
        let io = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let reason = io.to_string();
        let err = anyhow::Error::from(ReadFailed {
            path: "a.xml".into(),
            source: io,
        })
        .context("importing");
        let text = chain(&err);
        assert_eq!(text, format!("importing: cannot read a.xml: {reason}"));
        assert_eq!(text.matches(&reason).count(), 1, "{text}");
        let plain = format!("{:#}", plain_error(err));
        assert_eq!(plain.matches(&reason).count(), 1, "{plain}");
    }

    #[test]
    fn control_characters_are_escaped_and_the_rest_kept() {
        assert_eq!(Plain("Leverantör AB").to_string(), "Leverantör AB");
        assert_eq!(
            Plain("a\u{1b}[31mred\u{0}\u{7f}\u{9b}2J\nx\ty").to_string(),
            "a\\u{1b}[31mred\\u{0}\\u{7f}\\u{9b}2J\\nx\\ty"
        );
        assert_eq!(plain(format_args!("{}:{}", "f\u{7}", 3)), "f\\u{7}:3");
        assert_eq!(Plain("").to_string(), "");
        let err = anyhow::anyhow!("bad \u{9b}2J").context("in.xml\u{1b}");
        assert_eq!(
            format!("{:#}", plain_error(err)),
            "in.xml\\u{1b}: bad \\u{9b}2J"
        );
    }
}
