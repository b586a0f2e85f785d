//! Reading a document: format detection, the [`Read`] result, findings and typed errors.
//!
//! [`read`] is the crate's entry point for bytes: it parses the XML with the secure tree of
//! [`crate::xml`], detects the format from the root element and its namespace, and hands the tree
//! to the matching reader. Readers are tolerant: anything well-formed gives an [`Invoice`] (absent
//! terms absent) plus [`Finding`]s for what did not fit (unknown or misplaced elements, values that
//! do not parse). Only malformed XML, a safety or limit breach, or a root element that is not an
//! invoice of a known format is a [`ReadError`].

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::{Identifier, Invoice};
use crate::xml::{self, Document, Element, Limits, XmlError, ns};

/// The formats this crate reads, as detected from the root element and its namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Format {
    /// UBL 2.1 `Invoice` or `CreditNote`, read as profiled by PEPPOL BIS Billing 3.0 / EN 16931
    /// (whatever its `CustomizationID` says; the validation rules judge that).
    PeppolBis3,
    /// Svefaktura 1.0 (`urn:sfti:documents:BasicInvoice:1:0` `Invoice`; credit notes are type 381).
    Svefaktura1,
    /// A Svefaktura 1.0 ObjectEnvelope (attachments travelling beside a Svefaktura invoice); not an
    /// invoice on its own, see [`crate::svefaktura::read_object_envelope`].
    SvefakturaObjectEnvelope,
}

impl Format {
    /// A short stable name (`peppol-bis3`, `svefaktura1`, `svefaktura1-object-envelope`).
    pub fn name(&self) -> &'static str {
        match self {
            Format::PeppolBis3 => "peppol-bis3",
            Format::Svefaktura1 => "svefaktura1",
            Format::SvefakturaObjectEnvelope => "svefaktura1-object-envelope",
        }
    }

    /// The format of a root element, if it is one this crate knows.
    pub fn of_root(root: Element<'_>) -> Option<Format> {
        let (namespace, local) = (root.namespace(), root.local_name());
        match (namespace, local) {
            (ns::UBL_INVOICE, "Invoice") | (ns::UBL_CREDIT_NOTE, "CreditNote") => {
                Some(Format::PeppolBis3)
            }
            (ns::SFTI_INVOICE, "Invoice") => Some(Format::Svefaktura1),
            (ns::SFTI_OBJECT_ENVELOPE, "ObjectEnvelope") => Some(Format::SvefakturaObjectEnvelope),
            _ => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What kind of thing a [`Finding`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FindingKind {
    /// An element the format does not define at this place; it was skipped.
    UnknownElement,
    /// An element the format defines here, but after one that must follow it.
    OutOfOrder,
    /// A second occurrence of an element the format allows once; the first was used.
    Repeated,
    /// A value that does not parse as its type (decimal, date, boolean, base64); it was left out.
    InvalidValue,
    /// A conversion could not carry a source value over, or the target needs a value the source
    /// lacks and no registry supplied it.
    NotConverted,
}

/// A non-fatal observation made while reading or converting, with its place in the source.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Finding {
    /// What kind of observation.
    pub kind: FindingKind,
    /// 1-based line of the element concerned (0 when the finding has no single place).
    pub line: u32,
    /// 1-based column (in bytes) of the element concerned (0 when it has no single place).
    pub column: u32,
    /// XPath of the element concerned (empty when it has no single place).
    pub path: String,
    /// An English explanation.
    pub message: String,
}

impl Finding {
    /// A finding about `element`.
    pub fn at(kind: FindingKind, element: Element<'_>, message: impl Into<String>) -> Finding {
        let pos = element.position();
        Finding {
            kind,
            line: pos.line,
            column: pos.column,
            path: element.xpath(),
            message: message.into(),
        }
    }

    /// A finding about the document as a whole.
    pub fn general(kind: FindingKind, message: impl Into<String>) -> Finding {
        Finding {
            kind,
            line: 0,
            column: 0,
            path: String::new(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: ", self.line, self.column)?;
        }
        f.write_str(&self.message)?;
        if !self.path.is_empty() {
            write!(f, " ({})", self.path)?;
        }
        Ok(())
    }
}

/// The result of reading a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Read {
    /// The detected source format.
    pub format: Format,
    /// The document as an EN 16931 model.
    pub invoice: Invoice,
    /// What did not fit, in document order.
    pub findings: Vec<Finding>,
}

/// Why a document could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReadErrorKind {
    /// Not well-formed XML, or a safety rule or limit was breached (carries line and column).
    #[error(transparent)]
    Xml(#[from] XmlError),
    /// The root element is not an invoice of a format this crate reads.
    #[error(
        "{line}:{column}: root element {{{namespace}}}{local} is not a PEPPOL BIS 3 / UBL 2.1 \
         Invoice or CreditNote nor a Svefaktura 1.0 Invoice"
    )]
    NotAnInvoice {
        /// Namespace URI of the root element.
        namespace: String,
        /// Local name of the root element.
        local: String,
        /// Line of the root element.
        line: u32,
        /// Column of the root element.
        column: u32,
    },
}

/// A document that could not be read, naming the file (when the caller supplied a name), the
/// line and column, and the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{kind}", file.as_deref().map(|f| format!("{f}:")).unwrap_or_default())]
pub struct ReadError {
    /// The caller-supplied name of the input (usually a path), if any.
    pub file: Option<String>,
    /// What went wrong.
    #[source]
    pub kind: ReadErrorKind,
}

impl ReadError {
    /// Line and column of the problem, when it has a place.
    pub fn position(&self) -> Option<xml::Position> {
        match &self.kind {
            ReadErrorKind::Xml(e) => e.position(),
            ReadErrorKind::NotAnInvoice { line, column, .. } => Some(xml::Position {
                line: *line,
                column: *column,
            }),
        }
    }
}

/// Options for [`read_with`].
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The name of the input used in errors (usually its path).
    pub file_name: Option<String>,
    /// Resource limits for the XML tree.
    pub limits: Limits,
}

/// Reads a PEPPOL BIS 3 (UBL 2.1 Invoice/CreditNote) or Svefaktura 1.0 document into the model.
///
/// ```
/// let xml = br#"<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
///     xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
///     <cbc:ID>12345</cbc:ID><cbc:IssueDate>2026-11-22</cbc:IssueDate></Invoice>"#;
/// let read = digilyft_invoice::read(xml).expect("well-formed");
/// assert_eq!(read.format, digilyft_invoice::Format::PeppolBis3);
/// assert_eq!(read.invoice.number.as_deref(), Some("12345"));
/// ```
pub fn read(bytes: &[u8]) -> Result<Read, ReadError> {
    read_with(bytes, &ReadOptions::default())
}

/// [`read`], naming the input `file_name` in errors.
pub fn read_named(file_name: &str, bytes: &[u8]) -> Result<Read, ReadError> {
    read_with(
        bytes,
        &ReadOptions {
            file_name: Some(file_name.to_string()),
            ..ReadOptions::default()
        },
    )
}

/// [`read`] with explicit options.
pub fn read_with(bytes: &[u8], options: &ReadOptions) -> Result<Read, ReadError> {
    let error = |kind| ReadError {
        file: options.file_name.clone(),
        kind,
    };
    let doc = Document::parse_with(bytes, options.limits).map_err(|e| error(e.into()))?;
    read_element(doc.root()).map_err(error)
}

/// Reads an invoice from an element of an already parsed tree (e.g. an `Invoice` embedded in an
/// official unit-test file). The element must be a UBL 2.1 `Invoice`/`CreditNote` or a Svefaktura
/// 1.0 `Invoice`.
pub fn read_element(root: Element<'_>) -> Result<Read, ReadErrorKind> {
    let mut findings = Vec::new();
    let format = Format::of_root(root);
    let invoice = match format {
        Some(Format::PeppolBis3) => crate::ubl::read_invoice(root, &mut findings),
        Some(Format::Svefaktura1) => crate::svefaktura::read_invoice(root, &mut findings),
        Some(Format::SvefakturaObjectEnvelope) | None => {
            let pos = root.position();
            return Err(ReadErrorKind::NotAnInvoice {
                namespace: root.namespace().to_string(),
                local: root.local_name().to_string(),
                line: pos.line,
                column: pos.column,
            });
        }
    };
    Ok(Read {
        format: format.unwrap_or(Format::PeppolBis3),
        invoice,
        findings,
    })
}

/// Value extraction shared by the readers: every function records a finding instead of failing.
pub(crate) struct Values<'f> {
    pub(crate) findings: &'f mut Vec<Finding>,
}

impl Values<'_> {
    /// Trimmed text of `e`; `None` when absent or only white space.
    pub(crate) fn text(&self, e: Option<Element<'_>>) -> Option<String> {
        let t = e?.text().trim();
        (!t.is_empty()).then(|| t.to_string())
    }

    /// An identifier from `e` with its scheme attribute `scheme_attr`.
    pub(crate) fn id(&self, e: Option<Element<'_>>, scheme_attr: &str) -> Option<Identifier> {
        let e = e?;
        let value = self.text(Some(e))?;
        Some(Identifier {
            value,
            scheme: attr(e, scheme_attr),
        })
    }

    /// An `xsd:decimal` from `e`.
    pub(crate) fn decimal(&mut self, e: Option<Element<'_>>) -> Option<Decimal> {
        let e = e?;
        let t = e.text().trim();
        if t.is_empty() {
            return None;
        }
        match parse_decimal(t) {
            Some(d) => Some(d),
            None => {
                self.findings.push(Finding::at(
                    FindingKind::InvalidValue,
                    e,
                    format!("`{t}` is not a decimal number"),
                ));
                None
            }
        }
    }

    /// An `xsd:date` (or the date part of an `xsd:dateTime`) from `e`.
    pub(crate) fn date(&mut self, e: Option<Element<'_>>) -> Option<NaiveDate> {
        let e = e?;
        let t = e.text().trim();
        if t.is_empty() {
            return None;
        }
        match parse_date(t) {
            Some(d) => Some(d),
            None => {
                self.findings.push(Finding::at(
                    FindingKind::InvalidValue,
                    e,
                    format!("`{t}` is not a date (YYYY-MM-DD)"),
                ));
                None
            }
        }
    }

    /// An `xsd:boolean` from `e`.
    pub(crate) fn boolean(&mut self, e: Option<Element<'_>>) -> Option<bool> {
        let e = e?;
        match e.text().trim() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            "" => None,
            other => {
                self.findings.push(Finding::at(
                    FindingKind::InvalidValue,
                    e,
                    format!("`{other}` is not a boolean (true/false)"),
                ));
                None
            }
        }
    }
}

/// A trimmed, non-empty attribute value.
pub(crate) fn attr(e: Element<'_>, name: &str) -> Option<String> {
    let v = e.attr(name)?.trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// Parses an `xsd:decimal` lexical form (optional sign, digits, optional fraction; no exponent),
/// keeping its scale.
pub fn parse_decimal(s: &str) -> Option<Decimal> {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() && frac.is_empty() || !digits(int) || !digits(frac) {
        return None;
    }
    let normalised;
    let text = if s.starts_with('+') || int.is_empty() || body.ends_with('.') {
        let sign = if s.starts_with('-') { "-" } else { "" };
        let int = if int.is_empty() { "0" } else { int };
        normalised = if frac.is_empty() {
            format!("{sign}{int}")
        } else {
            format!("{sign}{int}.{frac}")
        };
        normalised.as_str()
    } else {
        s
    };
    Decimal::from_str_exact(text).ok()
}

/// Parses an `xsd:date` (`YYYY-MM-DD` with an optional time zone) or the date part of an
/// `xsd:dateTime`. Only the four-digit year form EN 16931 uses is accepted: a signed or
/// five-digit year is not a date here, so every date read can be written back as read.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let date = s.get(..10)?;
    let shape_ok = date.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    if !shape_ok {
        return None;
    }
    let rest = &s[10..];
    let rest_ok = rest.is_empty()
        || rest == "Z"
        || rest.starts_with('T')
        || ((rest.starts_with('+') || rest.starts_with('-')) && rest.len() == 6);
    if !rest_ok {
        return None;
    }
    NaiveDate::from_str(date).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_keep_their_scale_and_refuse_non_decimals() {
        let d = parse_decimal("1000.00").expect("decimal");
        assert_eq!(d.to_string(), "1000.00");
        assert_eq!(
            parse_decimal("-5").map(|d| d.to_string()),
            Some("-5".into())
        );
        assert_eq!(
            parse_decimal("+5.5").map(|d| d.to_string()),
            Some("5.5".into())
        );
        assert_eq!(
            parse_decimal(".5").map(|d| d.to_string()),
            Some("0.5".into())
        );
        assert_eq!(parse_decimal("5.").map(|d| d.to_string()), Some("5".into()));
        for bad in ["", ".", "1e5", "1,5", "abc", "--1", "1.2.3", "NaN"] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_accept_time_zones_and_date_times() {
        let d = NaiveDate::from_ymd_opt(2018, 2, 8);
        assert_eq!(parse_date("2018-02-08"), d);
        assert_eq!(parse_date("2018-02-08Z"), d);
        assert_eq!(parse_date("2018-02-08+01:00"), d);
        assert_eq!(parse_date("2018-02-08T10:00:00"), d);
        // Signed and short years (found by fuzzing: `-018-02-08` read as year -18, written back as
        // `-0018-02-08`, which no longer read).
        for bad in [
            "2018-2-8",
            "2018-02-30",
            "08.02.2018",
            "2018-02-08x",
            "",
            "-018-02-08",
            "+018-02-08",
            " 018-02-08",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let err = read_named("inbox/a.xml", b"<Invoice>\n<x></y></Invoice>").expect_err("bad");
        let text = err.to_string();
        assert!(text.starts_with("inbox/a.xml:2:"), "{text}");
        assert_eq!(err.position().map(|p| p.line), Some(2));
        let err = read_named("b.xml", b"<html/>").expect_err("not an invoice");
        assert!(matches!(err.kind, ReadErrorKind::NotAnInvoice { .. }));
        assert!(
            err.to_string().starts_with("b.xml:1:1: root element"),
            "{err}"
        );
    }
}
