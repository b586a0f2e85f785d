//! Character encodings of the input, per XML 1.0 §4.3.3 and Appendix F.
//!
//! [`decode`] turns the raw bytes of a document into the UTF-8 text the tree builder reads, and
//! returns the [`SourceMap`] that maps offsets in that text back to the original bytes, so that
//! every line and column still refers to the document as it was received.
//!
//! Detection, in order:
//!
//! 1. A byte-order mark: `EF BB BF` (UTF-8), `FF FE` (UTF-16LE), `FE FF` (UTF-16BE).
//! 2. Without one, the first four bytes `3C 00 3F 00` / `00 3C 00 3F` (`<?` in UTF-16LE/BE).
//! 3. The `encoding` pseudo-attribute of the XML declaration, read in the family found by 1–2.
//!    Without a declaration the family's default applies (UTF-8, or UTF-16).
//!
//! A byte-order mark (or UTF-16 first bytes) that contradicts the declaration is
//! [`XmlError::EncodingMismatch`], naming both; an encoding name that is not known is
//! [`XmlError::UnknownEncoding`]; a known multi-byte legacy encoding (Shift_JIS, GB18030, …) is
//! [`XmlError::UnsupportedEncoding`]. Supported: UTF-8, UTF-16 (LE/BE), US-ASCII, ISO-8859-1
//! (decoded as itself, not as its WHATWG alias windows-1252), and every single-byte encoding
//! `encoding_rs` knows (windows-1252, ISO-8859-15, KOI8-R, …).
//!
//! Invariants:
//!
//! * The input size limit is checked by the caller before this module allocates; the decoded text
//!   is never allowed to grow past the same limit ([`XmlError::DecodedTooLarge`]), and the buffer
//!   is reserved in bounded steps, never for more than the limit.
//! * UTF-8 and US-ASCII input is borrowed, not copied: decoding costs nothing for the common case.
//! * Bytes that do not decode are an error with the line and column of the first one; nothing is
//!   ever replaced by U+FFFD.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding};

use super::{Position, XmlError};

/// How many bytes of the original one character of the text occupied, for the encodings whose
/// offsets differ from UTF-8's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CharWidth {
    /// Every character was one byte (ISO-8859-1, windows-1252 and the other single-byte codes).
    SingleByte,
    /// Two bytes per UTF-16 code unit (four for a character outside the BMP).
    Utf16,
}

impl CharWidth {
    /// Bytes of the original input that `text` occupied.
    pub(crate) fn width(self, text: &str) -> usize {
        match self {
            CharWidth::SingleByte => text.chars().count(),
            CharWidth::Utf16 => text.chars().map(|c| 2 * c.len_utf16()).sum(),
        }
    }
}

/// Maps offsets in the decoded text to offsets in the original input.
#[derive(Debug, Clone)]
pub(crate) struct SourceMap {
    /// Bytes of the original before the text (the byte-order mark).
    pub(crate) prefix: usize,
    /// `None` when text offsets equal original offsets minus `prefix` (UTF-8, US-ASCII).
    pub(crate) width: Option<CharWidth>,
    /// The encoding that was decoded, for messages (`UTF-8`, `UTF-16LE`, `ISO-8859-1`, …).
    pub(crate) encoding: &'static str,
}

/// The text of a document and how it relates to the original bytes.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    /// The document as UTF-8, without the byte-order mark.
    pub(crate) text: Cow<'a, str>,
    /// How offsets in `text` map to the original.
    pub(crate) map: SourceMap,
}

/// The encoding family the first bytes reveal, before the declaration is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// ASCII-compatible (UTF-8 or a legacy code chosen by the declaration).
    Ascii,
    Utf16Le,
    Utf16Be,
}

/// What the first bytes say, and how they say it.
#[derive(Debug, Clone, Copy)]
struct Sniffed {
    family: Family,
    /// Length of the byte-order mark (0 when there is none).
    bom: usize,
}

/// The encodings [`decode`] can apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chosen {
    Utf8,
    UsAscii,
    Latin1,
    Utf16Le,
    Utf16Be,
    /// A single-byte encoding of `encoding_rs`.
    SingleByte(&'static Encoding),
}

/// Longest XML declaration looked at, in characters (a declaration is short; this only bounds
/// the scan of a document that starts with `<?xml` and never closes it).
const MAX_DECLARATION: usize = 1024;

/// Decodes `bytes` per the byte-order mark and the XML declaration. `max_len` bounds the
/// decoded text in bytes (the caller has already checked `bytes.len()` against it).
pub(crate) fn decode(bytes: &[u8], max_len: usize) -> Result<Decoded<'_>, XmlError> {
    let sniffed = sniff(bytes);
    let body = &bytes[sniffed.bom..];
    let declared = declared_encoding(body, sniffed.family);
    let chosen = choose(sniffed, declared.as_deref())?;
    let map = |width, encoding| SourceMap {
        prefix: sniffed.bom,
        width,
        encoding,
    };
    match chosen {
        Chosen::Utf8 => {
            let text = utf8(body, sniffed.bom)?;
            Ok(Decoded {
                text: Cow::Borrowed(text),
                map: map(None, "UTF-8"),
            })
        }
        Chosen::UsAscii => {
            if let Some(bad) = body.iter().position(|b| !b.is_ascii()) {
                return Err(undecodable("US-ASCII", body, bad, sniffed.bom));
            }
            let text = utf8(body, sniffed.bom)?;
            Ok(Decoded {
                text: Cow::Borrowed(text),
                map: map(None, "US-ASCII"),
            })
        }
        Chosen::Latin1 => {
            let len = body.len() + body.iter().filter(|b| !b.is_ascii()).count();
            if len > max_len {
                return Err(XmlError::DecodedTooLarge {
                    encoding: "ISO-8859-1",
                    limit: max_len,
                });
            }
            let mut text = String::with_capacity(len);
            text.extend(body.iter().map(|b| char::from(*b)));
            Ok(Decoded {
                text: Cow::Owned(text),
                map: map(Some(CharWidth::SingleByte), "ISO-8859-1"),
            })
        }
        Chosen::Utf16Le => with_encoding_rs(body, encoding_rs::UTF_16LE, "UTF-16LE", max_len)
            .map(|text| Decoded {
                text: Cow::Owned(text),
                map: map(Some(CharWidth::Utf16), "UTF-16LE"),
            })
            .map_err(|e| e.shifted(sniffed.bom)),
        Chosen::Utf16Be => with_encoding_rs(body, encoding_rs::UTF_16BE, "UTF-16BE", max_len)
            .map(|text| Decoded {
                text: Cow::Owned(text),
                map: map(Some(CharWidth::Utf16), "UTF-16BE"),
            })
            .map_err(|e| e.shifted(sniffed.bom)),
        Chosen::SingleByte(encoding) => with_encoding_rs(body, encoding, encoding.name(), max_len)
            .map(|text| Decoded {
                text: Cow::Owned(text),
                map: map(Some(CharWidth::SingleByte), encoding.name()),
            })
            .map_err(|e| e.shifted(sniffed.bom)),
    }
}

/// The byte-order mark or, without one, the UTF-16 pattern of `<?` (Appendix F).
fn sniff(bytes: &[u8]) -> Sniffed {
    let (family, bom) = match bytes {
        [0xEF, 0xBB, 0xBF, ..] => (Family::Ascii, 3),
        [0xFF, 0xFE, ..] => (Family::Utf16Le, 2),
        [0xFE, 0xFF, ..] => (Family::Utf16Be, 2),
        [0x3C, 0x00, 0x3F, 0x00, ..] => (Family::Utf16Le, 0),
        [0x00, 0x3C, 0x00, 0x3F, ..] => (Family::Utf16Be, 0),
        _ => (Family::Ascii, 0),
    };
    Sniffed { family, bom }
}

/// The value of `encoding="…"` in the XML declaration at the start of `body`, read as ASCII in
/// `family`; `None` without a declaration or without the pseudo-attribute.
fn declared_encoding(body: &[u8], family: Family) -> Option<String> {
    let ascii: String = match family {
        Family::Ascii => body
            .iter()
            .take(MAX_DECLARATION)
            .take_while(|b| b.is_ascii())
            .map(|b| char::from(*b))
            .collect(),
        Family::Utf16Le | Family::Utf16Be => body
            .chunks_exact(2)
            .take(MAX_DECLARATION)
            .map(|pair| match family {
                Family::Utf16Le => (pair[1], pair[0]),
                _ => (pair[0], pair[1]),
            })
            .take_while(|(high, low)| *high == 0 && low.is_ascii())
            .map(|(_, low)| char::from(low))
            .collect(),
    };
    let rest = ascii.strip_prefix("<?xml")?;
    if !rest.starts_with([' ', '\t', '\r', '\n']) {
        return None;
    }
    let decl = &rest[..rest.find("?>")?];
    // Pseudo-attributes are `name = 'value'` or `name = "value"`, separated by white space.
    let mut at = decl;
    loop {
        at = at.trim_start();
        let name_end = at.find(|c: char| c == '=' || c.is_ascii_whitespace())?;
        let name = &at[..name_end];
        let after = at[name_end..].trim_start().strip_prefix('=')?.trim_start();
        let quote = after.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let value_end = after[1..].find(quote)?;
        let value = &after[1..1 + value_end];
        if name == "encoding" {
            return Some(value.to_string());
        }
        at = &after[value_end + 2..];
    }
}

/// US-ASCII and its aliases (IANA); decoded strictly, a byte ≥ 0x80 being an error.
const ASCII_LABELS: &[&str] = &[
    "us-ascii",
    "ascii",
    "iso646-us",
    "iso_646.irv:1991",
    "ansi_x3.4-1968",
    "iso-ir-6",
    "cp367",
    "ibm367",
    "us",
    "csascii",
];

/// ISO-8859-1 and its aliases (IANA); decoded as ISO-8859-1 proper (bytes 0x80–0x9F are the C1
/// controls), not as windows-1252 as the WHATWG labels would have it.
const LATIN1_LABELS: &[&str] = &[
    "iso-8859-1",
    "iso8859-1",
    "iso_8859-1",
    "iso_8859-1:1987",
    "iso-ir-100",
    "latin1",
    "l1",
    "cp819",
    "ibm819",
    "csisolatin1",
];

/// Picks the encoding from what the first bytes and the declaration say.
fn choose(sniffed: Sniffed, declared: Option<&str>) -> Result<Chosen, XmlError> {
    let found = || {
        match (sniffed.family, sniffed.bom) {
            (Family::Ascii, _) => "UTF-8 byte-order mark",
            (Family::Utf16Le, 0) => "UTF-16LE first bytes",
            (Family::Utf16Be, 0) => "UTF-16BE first bytes",
            (Family::Utf16Le, _) => "UTF-16LE byte-order mark",
            (Family::Utf16Be, _) => "UTF-16BE byte-order mark",
        }
        .to_string()
    };
    let mismatch = |declared: &str| XmlError::EncodingMismatch {
        found: found(),
        declared: declared.to_string(),
    };
    let Some(label) = declared else {
        return Ok(match sniffed.family {
            Family::Ascii => Chosen::Utf8,
            Family::Utf16Le => Chosen::Utf16Le,
            Family::Utf16Be => Chosen::Utf16Be,
        });
    };
    let lower = label.trim().to_ascii_lowercase();
    let known = Encoding::for_label(lower.as_bytes());
    let is_utf16 = known.is_some_and(|e| e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE);
    match sniffed.family {
        Family::Utf16Le | Family::Utf16Be => {
            let little = sniffed.family == Family::Utf16Le;
            let contradicts =
                !is_utf16 || (lower == "utf-16be" && little) || (lower == "utf-16le" && !little);
            if contradicts {
                return Err(match known {
                    None => XmlError::UnknownEncoding {
                        name: label.to_string(),
                    },
                    Some(_) => mismatch(label),
                });
            }
            Ok(if little {
                Chosen::Utf16Le
            } else {
                Chosen::Utf16Be
            })
        }
        Family::Ascii => {
            let bom = sniffed.bom > 0;
            if ASCII_LABELS.contains(&lower.as_str()) {
                return if bom {
                    Err(mismatch(label))
                } else {
                    Ok(Chosen::UsAscii)
                };
            }
            if LATIN1_LABELS.contains(&lower.as_str()) {
                return if bom {
                    Err(mismatch(label))
                } else {
                    Ok(Chosen::Latin1)
                };
            }
            match known {
                None => Err(XmlError::UnknownEncoding {
                    name: label.to_string(),
                }),
                Some(e) if e == encoding_rs::UTF_8 => Ok(Chosen::Utf8),
                Some(_) if bom => Err(mismatch(label)),
                Some(_) if is_utf16 => Err(XmlError::EncodingMismatch {
                    found: "no byte-order mark and ASCII-compatible first bytes".to_string(),
                    declared: label.to_string(),
                }),
                Some(e) if e.is_single_byte() => Ok(Chosen::SingleByte(e)),
                Some(_) => Err(XmlError::UnsupportedEncoding {
                    name: label.to_string(),
                }),
            }
        }
    }
}

/// `body` as UTF-8, or [`XmlError::NotUtf8`] at the first invalid byte.
fn utf8(body: &[u8], prefix: usize) -> Result<&str, XmlError> {
    match simdutf8::basic::from_utf8(body) {
        Ok(text) => Ok(text),
        Err(_) => {
            // The fast check does not say where; the slow one does, on this error path only.
            let valid = std::str::from_utf8(body)
                .err()
                .map_or(0, |e| e.valid_up_to());
            Err(XmlError::NotUtf8 {
                at: byte_position(body, valid, prefix),
            })
        }
    }
}

/// The position of byte `offset` of an ASCII-compatible `body` that follows `prefix` bytes.
fn byte_position(body: &[u8], offset: usize, prefix: usize) -> Position {
    let before = &body[..offset];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let column = match memchr::memrchr(b'\n', before) {
        Some(nl) => offset - nl,
        None => offset + prefix + 1,
    };
    Position {
        line: line as u32,
        column: column as u32,
    }
}

fn undecodable(encoding: &'static str, body: &[u8], offset: usize, prefix: usize) -> XmlError {
    XmlError::Undecodable {
        encoding,
        at: byte_position(body, offset, prefix),
    }
}

/// A decoding failure before the position of the byte-order mark is accounted for.
#[derive(Debug)]
enum Failure {
    TooLarge {
        encoding: &'static str,
        limit: usize,
    },
    /// Text decoded before the bad bytes, and their width.
    Malformed {
        encoding: &'static str,
        before: String,
        width: CharWidth,
    },
}

impl Failure {
    /// The error, with positions that count the `prefix` bytes on the first line.
    fn shifted(self, prefix: usize) -> XmlError {
        match self {
            Failure::TooLarge { encoding, limit } => XmlError::DecodedTooLarge { encoding, limit },
            Failure::Malformed {
                encoding,
                before,
                width,
            } => {
                let line = before.matches('\n').count() + 1;
                let column = match before.rfind('\n') {
                    Some(nl) => width.width(&before[nl + 1..]) + 1,
                    None => width.width(&before) + prefix + 1,
                };
                XmlError::Undecodable {
                    encoding,
                    at: Position {
                        line: line as u32,
                        column: column as u32,
                    },
                }
            }
        }
    }
}

/// Decodes `body` with `encoding` (no byte-order-mark sniffing: that is done already), reserving
/// the output in steps and never beyond `max_len` bytes.
fn with_encoding_rs(
    body: &[u8],
    encoding: &'static Encoding,
    name: &'static str,
    max_len: usize,
) -> Result<String, Failure> {
    let width = if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        CharWidth::Utf16
    } else {
        CharWidth::SingleByte
    };
    let mut decoder = encoding.new_decoder_without_bom_handling();
    // A first guess that fits most documents without a second step: UTF-16 shrinks (ASCII) or
    // grows by half (BMP), single-byte codes grow little in practice.
    let guess = match width {
        CharWidth::Utf16 => body.len() / 2 + body.len() / 8,
        CharWidth::SingleByte => body.len() + body.len() / 8,
    };
    let mut text = String::with_capacity(guess.clamp(16, max_len.max(16)));
    let mut read = 0usize;
    loop {
        let (result, consumed) =
            decoder.decode_to_string_without_replacement(&body[read..], &mut text, true);
        read += consumed;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                if text.capacity() >= max_len {
                    return Err(Failure::TooLarge {
                        encoding: name,
                        limit: max_len,
                    });
                }
                let more = (text.capacity() / 2).max(64);
                let room = max_len.saturating_sub(text.len());
                // Exact, so that the buffer never grows past the limit.
                text.reserve_exact(more.min(room).max(1));
            }
            DecoderResult::Malformed(_, _) => {
                return Err(Failure::Malformed {
                    encoding: name,
                    before: text,
                    width,
                });
            }
        }
    }
    if text.len() > max_len {
        return Err(Failure::TooLarge {
            encoding: name,
            limit: max_len,
        });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        out.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        out
    }

    #[test]
    fn reads_the_declaration_in_every_family() {
        let decl = "<?xml version='1.0' encoding = \"ISO-8859-1\" standalone='yes'?><a/>";
        assert_eq!(
            declared_encoding(decl.as_bytes(), Family::Ascii).as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(
            declared_encoding(
                &utf16le("<?xml version=\"1.0\" encoding='UTF-16'?>", false),
                Family::Utf16Le
            )
            .as_deref(),
            Some("UTF-16")
        );
        assert_eq!(
            declared_encoding(b"<?xml version='1.0'?><a/>", Family::Ascii),
            None
        );
        assert_eq!(declared_encoding(b"<a encoding='x'/>", Family::Ascii), None);
        assert_eq!(
            declared_encoding(b"<?xml-stylesheet encoding='x'?>", Family::Ascii),
            None
        );
    }

    #[test]
    fn decodes_utf16_latin1_and_windows_1252() {
        let bytes = utf16le("<a>å€</a>", true);
        let d = decode(&bytes, 1000).expect("utf-16");
        assert_eq!(d.text, "<a>å€</a>");
        assert_eq!(d.map.width, Some(CharWidth::Utf16));
        assert_eq!(d.map.prefix, 2);
        let d = decode(
            b"<?xml version='1.0' encoding='ISO-8859-1'?><a>\xE5\x80</a>",
            1000,
        )
        .expect("latin-1");
        assert!(d.text.ends_with("<a>\u{E5}\u{80}</a>"), "{}", d.text);
        let d = decode(
            b"<?xml version='1.0' encoding='windows-1252'?><a>\xE5\x80</a>",
            1000,
        )
        .expect("1252");
        assert!(d.text.ends_with("<a>å€</a>"), "{}", d.text);
        let d = decode(b"<?xml version='1.0' encoding='US-ASCII'?><a/>", 1000).expect("ascii");
        assert!(matches!(d.text, Cow::Borrowed(_)));
    }

    #[test]
    fn mismatches_and_unknown_names_are_errors_naming_them() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(b"<?xml version='1.0' encoding='ISO-8859-1'?><a/>");
        let err = decode(&bytes, 1000).expect_err("mismatch");
        let text = err.to_string();
        assert!(
            text.contains("UTF-8 byte-order mark") && text.contains("ISO-8859-1"),
            "{text}"
        );
        let err = decode(
            &utf16le("<?xml version='1.0' encoding='UTF-8'?><a/>", true),
            1000,
        )
        .expect_err("mismatch");
        assert!(matches!(err, XmlError::EncodingMismatch { .. }), "{err:?}");
        let err = decode(
            &utf16le("<?xml version='1.0' encoding='UTF-16BE'?><a/>", false),
            1000,
        )
        .expect_err("endianness");
        assert!(err.to_string().contains("UTF-16LE first bytes"), "{err}");
        let err = decode(b"<?xml version='1.0' encoding='UTF-16'?><a/>", 1000).expect_err("no bom");
        assert!(matches!(err, XmlError::EncodingMismatch { .. }), "{err:?}");
        let err =
            decode(b"<?xml version='1.0' encoding='klingon-8'?><a/>", 1000).expect_err("unknown");
        assert!(err.to_string().contains("klingon-8"), "{err}");
        let err = decode(b"<?xml version='1.0' encoding='Shift_JIS'?><a/>", 1000).expect_err("cjk");
        assert!(matches!(err, XmlError::UnsupportedEncoding { ref name } if name == "Shift_JIS"));
    }

    #[test]
    fn undecodable_bytes_have_a_position_in_the_original() {
        let err = decode(
            b"<?xml version='1.0' encoding='us-ascii'?>\n<a>\xC3\xA5</a>",
            1000,
        )
        .expect_err("not ascii");
        assert_eq!(err.position(), Some(Position { line: 2, column: 4 }));
        // A lone high surrogate in UTF-16LE, on line 2 after `<a>` (three units, six bytes).
        let mut bytes = utf16le("<a>\n<b>", true);
        bytes.extend_from_slice(&[0x00, 0xD8, 0x41, 0x00]);
        let err = decode(&bytes, 1000).expect_err("lone surrogate");
        assert!(
            matches!(
                err,
                XmlError::Undecodable {
                    encoding: "UTF-16LE",
                    ..
                }
            ),
            "{err:?}"
        );
        assert_eq!(err.position(), Some(Position { line: 2, column: 7 }));
    }

    #[test]
    fn the_decoded_text_stays_within_the_limit() {
        // 600 bytes of `å` in ISO-8859-1 are 1,200 bytes of UTF-8.
        let mut bytes = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>".to_vec();
        bytes.extend(std::iter::repeat_n(0xE5, 600));
        bytes.extend_from_slice(b"</a>");
        let err = decode(&bytes, 1000).expect_err("too large");
        assert!(matches!(err, XmlError::DecodedTooLarge { .. }), "{err:?}");
        let mut bytes = b"<?xml version='1.0' encoding='windows-1252'?><a>".to_vec();
        bytes.extend(std::iter::repeat_n(0x80, 600)); // € is three bytes in UTF-8
        bytes.extend_from_slice(b"</a>");
        let err = decode(&bytes, 1000).expect_err("too large");
        assert!(
            matches!(err, XmlError::DecodedTooLarge { limit: 1000, .. }),
            "{err:?}"
        );
    }
}
