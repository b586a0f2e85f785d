//! Opening a file: size checked before reading, parsed once with the invoice crate's secure XML
//! tree (no DTD, no entities, limits on size and depth), read into the EN 16931 model, and
//! validated with the rule sets for its format — on a background thread, so that a large file
//! never freezes the window.
//!
//! Nothing here panics on input: every way a file can be wrong ends as [`Opened::Failed`] with a
//! [`LoadError`] that names the file and, where there is one, the line and column.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use digilyft_invoice::svefaktura::{self, ObjectEnvelope};
use digilyft_invoice::validate::{self, Report, RuleSetId};
use digilyft_invoice::xml::{Document, Limits, XmlError};
use digilyft_invoice::{Finding, Format, Invoice, ReadErrorKind, ReadOptions};

use crate::i18n::Lang;
use crate::source::SourceText;

/// The largest file opened (the XML tree's own limit, checked before reading).
pub fn max_file_bytes() -> u64 {
    Limits::default().max_bytes as u64
}

/// A document that was read: the model, what did not fit, the validation report and the text.
#[derive(Debug)]
pub struct Loaded {
    /// The file name (or the name a dropped file came with).
    pub name: String,
    /// The path, when it came from a file.
    pub path: Option<PathBuf>,
    /// The detected format.
    pub format: Format,
    /// The document as an EN 16931 model.
    pub invoice: Invoice,
    /// What did not fit while reading, with line and column.
    pub read_findings: Vec<Finding>,
    /// The validation report (rule sets for the format, see [`rule_sets`]).
    pub report: Report,
    /// The source text, for the source view.
    pub source: SourceText,
}

/// What opening one file gave.
#[derive(Debug)]
pub enum Opened {
    /// An invoice or credit note.
    Invoice(Box<Loaded>),
    /// A Svefaktura ObjectEnvelope: attachments for an invoice opened beside it.
    Envelope {
        /// The file name.
        name: String,
        /// The envelope.
        envelope: Box<ObjectEnvelope>,
    },
    /// The file cannot be shown.
    Failed {
        /// The file name.
        name: String,
        /// Why.
        error: LoadError,
    },
}

/// Why a file cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file could not be read (missing, no permission, …).
    Io(String),
    /// The file is larger than [`max_file_bytes`]; it was not read.
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The file is empty.
    Empty,
    /// Not well-formed XML, a DTD or entity, or a limit of the XML tree (with the place).
    Xml(XmlError),
    /// Well-formed XML, but not an invoice of a format the viewer reads.
    NotAnInvoice {
        /// `{namespace}local` of the root element.
        root: String,
    },
}

impl LoadError {
    /// A plain sentence for the window, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (LoadError::Io(e), Lang::Sv) => format!("Filen kunde inte läsas: {e}"),
            (LoadError::Io(e), Lang::En) => format!("The file could not be read: {e}"),
            (LoadError::TooLarge { size, limit }, Lang::Sv) => {
                format!("Filen är {size} byte, större än gränsen {limit} byte; den lästes inte.")
            }
            (LoadError::TooLarge { size, limit }, Lang::En) => format!(
                "The file is {size} bytes, larger than the limit of {limit} bytes; it was not read."
            ),
            (LoadError::Empty, Lang::Sv) => "Filen är tom.".to_string(),
            (LoadError::Empty, Lang::En) => "The file is empty.".to_string(),
            (LoadError::Xml(e), Lang::Sv) => format!("Filen är inte giltig XML: {e}"),
            (LoadError::Xml(e), Lang::En) => format!("The file is not valid XML: {e}"),
            (LoadError::NotAnInvoice { root }, Lang::Sv) => format!(
                "Filen är XML men ingen faktura: rotelementet {root} är varken PEPPOL BIS 3 \
                 (UBL Invoice/CreditNote) eller Svefaktura 1.0."
            ),
            (LoadError::NotAnInvoice { root }, Lang::En) => format!(
                "The file is XML but not an invoice: the root element {root} is neither PEPPOL \
                 BIS 3 (UBL Invoice/CreditNote) nor Svefaktura 1.0."
            ),
        }
    }
}

/// The rule sets a document of `format` is judged by: the current PEPPOL release with its CEN
/// set for UBL, the SFTI rules for Svefaktura (as `core::import` does).
pub fn rule_sets(format: Format) -> Vec<RuleSetId> {
    match format {
        Format::Svefaktura1 => vec![RuleSetId::SftiSvefaktura1],
        _ => RuleSetId::default_ubl().to_vec(),
    }
}

/// Reads the file at `path`, refusing one over the limit before reading it.
pub fn load_path(path: &Path) -> Opened {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let failed = |error| Opened::Failed {
        name: name.clone(),
        error,
    };
    let limit = max_file_bytes();
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return failed(LoadError::Io(format!("{}: {e}", path.display()))),
    };
    match file.metadata() {
        Ok(m) if m.len() > limit => {
            return failed(LoadError::TooLarge {
                size: m.len(),
                limit,
            });
        }
        Ok(m) if m.is_dir() => {
            return failed(LoadError::Io(format!("{} is a folder", path.display())));
        }
        Ok(_) => {}
        Err(e) => return failed(LoadError::Io(format!("{}: {e}", path.display()))),
    }
    let mut bytes = Vec::new();
    // `take` guards against a file that grew after the size check.
    if let Err(e) = file.take(limit + 1).read_to_end(&mut bytes) {
        return failed(LoadError::Io(format!("{}: {e}", path.display())));
    }
    let mut opened = load_bytes(&name, &bytes);
    if let Opened::Invoice(loaded) = &mut opened {
        loaded.path = Some(path.to_path_buf());
    }
    opened
}

/// Reads a document from bytes (a dropped file without a path, or a test).
pub fn load_bytes(name: &str, bytes: &[u8]) -> Opened {
    let failed = |error| Opened::Failed {
        name: name.to_string(),
        error,
    };
    if bytes.is_empty() {
        return failed(LoadError::Empty);
    }
    let limits = Limits::default();
    if bytes.len() > limits.max_bytes {
        return failed(LoadError::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_bytes as u64,
        });
    }
    let doc = match Document::parse_with(bytes, limits) {
        Ok(d) => d,
        Err(e) => return failed(LoadError::Xml(e)),
    };
    let root = doc.root();
    if Format::of_root(root) == Some(Format::SvefakturaObjectEnvelope) {
        let options = ReadOptions {
            file_name: Some(name.to_string()),
            limits,
        };
        return match svefaktura::read_object_envelope(bytes, &options) {
            Ok(envelope) => Opened::Envelope {
                name: name.to_string(),
                envelope: Box::new(envelope),
            },
            Err(e) => failed(LoadError::Io(e.to_string())),
        };
    }
    let read = match digilyft_invoice::read_element(root) {
        Ok(r) => r,
        Err(ReadErrorKind::Xml(e)) => return failed(LoadError::Xml(e)),
        Err(_) => {
            return failed(LoadError::NotAnInvoice {
                root: format!("{{{}}}{}", root.namespace(), root.local_name()),
            });
        }
    };
    let report = validate::validate(root, &rule_sets(read.format));
    drop(doc);
    Opened::Invoice(Box::new(Loaded {
        name: name.to_string(),
        path: None,
        format: read.format,
        invoice: read.invoice,
        read_findings: read.findings,
        report,
        source: SourceText::new(bytes),
    }))
}

/// A file to open: a path, or the bytes of a dropped file that came without one.
#[derive(Debug)]
pub enum Source {
    /// A file on disk.
    Path(PathBuf),
    /// Bytes with a name.
    Bytes(String, Vec<u8>),
}

/// Opens `sources` one after another on a background thread; each result is sent as soon as it
/// is ready and `notify` is called (the window asks for a repaint there). A panic while reading
/// one file (which would be a bug in a reader) ends as a [`LoadError`] for that file, not as a
/// crash of the window.
pub fn spawn(sources: Vec<Source>, notify: impl Fn() + Send + 'static) -> mpsc::Receiver<Opened> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for source in sources {
            let name = match &source {
                Source::Path(p) => p.display().to_string(),
                Source::Bytes(n, _) => n.clone(),
            };
            let opened = std::panic::catch_unwind(move || match source {
                Source::Path(p) => load_path(&p),
                Source::Bytes(n, b) => load_bytes(&n, &b),
            })
            .unwrap_or_else(|_| Opened::Failed {
                name: name.clone(),
                error: LoadError::Io("internal error while reading the file".to_string()),
            });
            if tx.send(opened).is_err() {
                return;
            }
            notify();
        }
    });
    rx
}

#[cfg(test)]
mod tests {
    use super::*;

    const UBL: &str = r#"<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
        xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
        <cbc:ID>12345</cbc:ID></Invoice>"#;

    fn error_of(bytes: &[u8]) -> LoadError {
        match load_bytes("x.xml", bytes) {
            Opened::Failed { error, .. } => error,
            other => panic!("expected a failure, got {other:?}"),
        }
    }

    #[test]
    fn hostile_and_wrong_files_are_errors_with_a_message() {
        assert_eq!(error_of(b""), LoadError::Empty);
        assert!(matches!(
            error_of(b"<Invoice><cbc:ID>1</cbc:ID"),
            LoadError::Xml(_)
        ));
        let dtd = br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><Invoice>&lol;</Invoice>"#;
        let e = error_of(dtd);
        assert!(
            matches!(e, LoadError::Xml(XmlError::Doctype { .. })),
            "{e:?}"
        );
        assert!(
            e.message(Lang::Sv).contains("DOCTYPE"),
            "{}",
            e.message(Lang::Sv)
        );
        let e = error_of(b"<html><body/></html>");
        assert_eq!(
            e,
            LoadError::NotAnInvoice {
                root: "{}html".to_string()
            }
        );
        assert!(
            e.message(Lang::Sv)
                .starts_with("Filen är XML men ingen faktura")
        );
        assert!(matches!(
            error_of(b"\xff\xfe\x00garbage"),
            LoadError::Xml(_)
        ));
    }

    #[test]
    fn an_invoice_is_read_and_validated() {
        let Opened::Invoice(l) = load_bytes("a.xml", UBL.as_bytes()) else {
            panic!("not read");
        };
        assert_eq!(l.invoice.number.as_deref(), Some("12345"));
        assert_eq!(l.report.sets, RuleSetId::default_ubl().to_vec());
        assert!(
            l.report.has_fatal(),
            "a bare invoice breaks the mandatory-term rules"
        );
    }

    #[test]
    fn a_missing_file_is_an_io_error_naming_it() {
        let Opened::Failed { error, .. } = load_path(Path::new("/nonexistent/faktura.xml")) else {
            panic!("expected failure");
        };
        assert!(error.message(Lang::En).contains("/nonexistent/faktura.xml"));
    }

    #[test]
    fn background_loading_sends_every_result() {
        let rx = spawn(
            vec![
                Source::Bytes("a.xml".into(), UBL.as_bytes().to_vec()),
                Source::Bytes("b.xml".into(), b"<broken".to_vec()),
            ],
            || {},
        );
        let got: Vec<Opened> = rx.iter().collect();
        assert!(matches!(got[0], Opened::Invoice(_)));
        assert!(matches!(got[1], Opened::Failed { .. }));
    }
}
