//! A secure, tolerant, read-only XML tree for e-invoice documents.
//!
//! Every reader and every validation rule in this crate works on a [`Document`]: an arena of
//! elements with their namespace-resolved names, attributes and direct text, built in one pass with
//! `quick-xml`. The tree is deliberately schema-agnostic: an incomplete fragment (as used by the
//! official rule unit tests) parses as long as it is well-formed, so rules can run on it the way
//! Schematron does.
//!
//! # Safety
//!
//! * No DTD: a `<!DOCTYPE …>` is refused ([`XmlError::Doctype`]), so there is no entity expansion
//!   and no external reference can ever be followed.
//! * Only the five predefined entities and character references are resolved; any other `&name;`
//!   is [`XmlError::UndefinedEntity`].
//! * [`Limits`] bound the input size, the nesting depth, the attributes per element and the
//!   number of elements; each violation is a typed error with line and column.
//!
//! # Invariants
//!
//! * Element ids are dense `0..len` in document order; the root is id 0.
//! * `text()` is the concatenation of the element's own text and CDATA pieces (entities resolved,
//!   line ends normalised), never its descendants' text.
//! * Input in any encoding of [`encoding`] is read (UTF-8, UTF-16, ISO-8859-1, windows-1252,
//!   US-ASCII, …: byte-order mark and XML declaration decide); positions always refer to the
//!   original bytes.
//! * Characters XML 1.0 §2.2 forbids (C0 controls other than tab, line feed and carriage return,
//!   U+FFFE, U+FFFF, surrogates), raw or as character references, are
//!   [`XmlError::ForbiddenCharacter`] with line and column.

mod encoding;

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use encoding::{CharWidth, SourceMap};

use quick_xml::events::Event;
use quick_xml::reader::Reader;

/// Namespace URIs used by the formats this crate reads.
pub mod ns {
    /// UBL 2.1 Invoice root namespace.
    pub const UBL_INVOICE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    /// UBL 2.1 CreditNote root namespace.
    pub const UBL_CREDIT_NOTE: &str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
    /// UBL 2.1 common aggregate components (`cac:`).
    pub const CAC: &str =
        "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    /// UBL 2.1 common basic components (`cbc:`).
    pub const CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    /// UBL 2.1 common extension components (`ext:`).
    pub const EXT: &str =
        "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2";
    /// Svefaktura 1.0 invoice root namespace.
    pub const SFTI_INVOICE: &str = "urn:sfti:documents:BasicInvoice:1:0";
    /// Svefaktura 1.0 (SFTI) common aggregate components.
    pub const SFTI_CAC: &str = "urn:sfti:CommonAggregateComponents:1:0";
    /// UBL 1.0 common basic components, as used by Svefaktura 1.0.
    pub const UBL1_CBC: &str = "urn:oasis:names:tc:ubl:CommonBasicComponents:1:0";
    /// Svefaktura ObjectEnvelope root namespace (attachments).
    pub const SFTI_OBJECT_ENVELOPE: &str = "urn:sfti:documents:ObjectEnvelope:1:0";
}

/// Resource limits applied while building a [`Document`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted input in bytes (default 50 MiB), checked before anything is allocated;
    /// the same bound applies to the UTF-8 text a document in another encoding decodes to.
    pub max_bytes: usize,
    /// Deepest accepted element nesting, the root being depth 1 (default 100).
    pub max_depth: usize,
    /// Most attributes (including namespace declarations) on one element (default 64).
    pub max_attributes: usize,
    /// Most elements in one document (default 4 000 000).
    pub max_elements: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 50 * 1024 * 1024,
            max_depth: 100,
            max_attributes: 64,
            max_elements: 4_000_000,
        }
    }
}

/// A 1-based line and column (column counted in bytes of the original input, whatever its
/// encoding) in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, in bytes from the start of the line.
    pub column: u32,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Why a document could not be turned into a tree. Only input that is not well-formed XML, or
/// that breaks a [`Limits`] bound or a safety rule, is an error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum XmlError {
    /// The input is larger than [`Limits::max_bytes`].
    #[error("document is {size} bytes, larger than the limit of {limit} bytes")]
    TooLarge {
        /// Input size in bytes.
        size: usize,
        /// The limit in force.
        limit: usize,
    },
    /// Elements nest deeper than [`Limits::max_depth`].
    #[error("{at}: elements nest deeper than the limit of {limit}")]
    TooDeep {
        /// Where the too-deep element starts.
        at: Position,
        /// The limit in force.
        limit: usize,
    },
    /// An element has more attributes than [`Limits::max_attributes`].
    #[error("{at}: element has more than {limit} attributes")]
    TooManyAttributes {
        /// Where the element starts.
        at: Position,
        /// The limit in force.
        limit: usize,
    },
    /// The document has more elements than [`Limits::max_elements`].
    #[error("{at}: document has more than {limit} elements")]
    TooManyElements {
        /// Where the first element over the limit starts.
        at: Position,
        /// The limit in force.
        limit: usize,
    },
    /// A document type declaration was found; DTDs are never processed.
    #[error("{at}: DOCTYPE declarations are not allowed (no DTD, no entities)")]
    Doctype {
        /// Where the declaration starts.
        at: Position,
    },
    /// A reference to an entity other than the five predefined ones.
    #[error("{at}: undefined entity &{name};")]
    UndefinedEntity {
        /// The entity name.
        name: String,
        /// Where the reference is.
        at: Position,
    },
    /// The input is not UTF-8.
    #[error("{at}: input is not valid UTF-8")]
    NotUtf8 {
        /// Where the first invalid byte is.
        at: Position,
    },
    /// The input holds bytes that do not decode in its (declared or detected) encoding.
    #[error("{at}: input is not valid {encoding}")]
    Undecodable {
        /// The encoding applied, e.g. `UTF-16LE`, `US-ASCII`.
        encoding: &'static str,
        /// Where the first byte that does not decode is.
        at: Position,
    },
    /// The byte-order mark (or the UTF-16 pattern of the first bytes) contradicts the encoding
    /// the XML declaration names.
    #[error("the {found} contradicts the declared encoding=\"{declared}\"")]
    EncodingMismatch {
        /// What the first bytes say, e.g. `UTF-16LE byte-order mark`.
        found: String,
        /// The name in the declaration, as written.
        declared: String,
    },
    /// The XML declaration names an encoding that is not known.
    #[error("unknown encoding \"{name}\" in the XML declaration")]
    UnknownEncoding {
        /// The name as written.
        name: String,
    },
    /// The XML declaration names a known encoding this reader does not decode (a multi-byte
    /// legacy code such as Shift_JIS or GB18030).
    #[error("encoding \"{name}\" is not supported (use UTF-8, UTF-16 or a single-byte encoding)")]
    UnsupportedEncoding {
        /// The name as written.
        name: String,
    },
    /// Decoded to UTF-8, the text would be larger than [`Limits::max_bytes`].
    #[error("document decoded from {encoding} is larger than the limit of {limit} bytes")]
    DecodedTooLarge {
        /// The encoding decoded.
        encoding: &'static str,
        /// The limit in force.
        limit: usize,
    },
    /// A character XML 1.0 §2.2 does not allow (e.g. NUL, U+0001, ESC, U+FFFF), raw or as a
    /// character reference.
    #[error("{at}: character U+{code:04X} is not allowed in XML")]
    ForbiddenCharacter {
        /// The code point (a surrogate for a reference such as `&#xD800;`).
        code: u32,
        /// Where the character or reference is.
        at: Position,
    },
    /// The input holds no root element.
    #[error("document has no root element")]
    NoRoot,
    /// The input is not well-formed XML.
    #[error("{at}: malformed XML: {message}")]
    Malformed {
        /// Where the problem was detected.
        at: Position,
        /// What the XML parser reported.
        message: String,
    },
}

impl XmlError {
    /// The position the error refers to, when it has one.
    pub fn position(&self) -> Option<Position> {
        match self {
            XmlError::TooDeep { at, .. }
            | XmlError::TooManyAttributes { at, .. }
            | XmlError::TooManyElements { at, .. }
            | XmlError::Doctype { at }
            | XmlError::UndefinedEntity { at, .. }
            | XmlError::NotUtf8 { at }
            | XmlError::Undecodable { at, .. }
            | XmlError::ForbiddenCharacter { at, .. }
            | XmlError::Malformed { at, .. } => Some(*at),
            XmlError::TooLarge { .. }
            | XmlError::NoRoot
            | XmlError::EncodingMismatch { .. }
            | XmlError::UnknownEncoding { .. }
            | XmlError::UnsupportedEncoding { .. }
            | XmlError::DecodedTooLarge { .. } => None,
        }
    }
}

const NONE: u32 = u32::MAX;

/// A span of [`Document::pool`].
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    start: u32,
    len: u32,
}

#[derive(Debug, Clone)]
struct ElementData {
    ns: u16,
    local: Span,
    prefix: Span,
    text: Span,
    parent: u32,
    first_child: u32,
    last_child: u32,
    next_sibling: u32,
    attrs_start: u32,
    attrs_len: u32,
    offset: u32,
}

#[derive(Debug, Clone)]
struct AttrData {
    ns: u16,
    local: Span,
    value: Span,
}

/// A parsed XML document: an arena of elements. Cheap to query, immutable once built.
#[derive(Debug, Clone)]
pub struct Document {
    elements: Vec<ElementData>,
    attrs: Vec<AttrData>,
    pool: String,
    /// Interned namespace URIs; index 0 is "no namespace".
    namespaces: Vec<Box<str>>,
    /// Offsets in the parsed (UTF-8) text at which each line starts; line 1 at 0.
    line_starts: Vec<u32>,
    /// How text offsets map to the original bytes.
    source: SourceMap,
    /// For decoded input only: `(text offset, original offset)` pairs at character boundaries
    /// every [`CHECKPOINT`] bytes or so, built the first time a position is asked for, so that a
    /// position costs a binary search and a bounded scan whatever the line length.
    checkpoints: OnceLock<Vec<(u32, u32)>>,
    /// Per element, its 1-based position among the siblings of the same name, or 0 when it has
    /// none; built in one pass the first time an [`Element::xpath`] is asked for, so that a
    /// location costs its depth, never its siblings.
    sibling_positions: OnceLock<Vec<u32>>,
    /// The decoded text, kept only for input that was not UTF-8 (its positions need it).
    decoded: Option<Box<str>>,
    /// Length of the parsed text in bytes.
    text_len: u32,
    /// Targets of the processing instructions outside the root element (children of the
    /// document node, e.g. `xml-stylesheet`), in document order.
    top_level_pis: Vec<Box<str>>,
}

/// A handle on one element of a [`Document`].
#[derive(Clone, Copy)]
pub struct Element<'d> {
    doc: &'d Document,
    id: u32,
}

impl fmt::Debug for Element<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Element({} at {})",
            self.qualified_name(),
            self.position()
        )
    }
}

impl PartialEq for Element<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.doc, other.doc) && self.id == other.id
    }
}

impl Eq for Element<'_> {}

/// One attribute of an element.
#[derive(Debug, Clone, Copy)]
pub struct Attribute<'d> {
    /// Namespace URI, empty for unqualified attributes.
    pub namespace: &'d str,
    /// Local name.
    pub local_name: &'d str,
    /// Value with entities resolved and whitespace normalised as XML 1.0 prescribes.
    pub value: &'d str,
}

impl Document {
    /// Parses `bytes` with the default [`Limits`].
    pub fn parse(bytes: &[u8]) -> Result<Document, XmlError> {
        Document::parse_with(bytes, Limits::default())
    }

    /// Parses `bytes` under explicit `limits`.
    ///
    /// The size limit is checked on the raw bytes before anything is allocated, and again on the
    /// decoded text while it is decoded (a legacy encoding can grow up to threefold in UTF-8).
    pub fn parse_with(bytes: &[u8], limits: Limits) -> Result<Document, XmlError> {
        // Offsets are u32 throughout the arena.
        let max_bytes = limits.max_bytes.min(u32::MAX as usize);
        if bytes.len() > max_bytes {
            return Err(XmlError::TooLarge {
                size: bytes.len(),
                limit: max_bytes,
            });
        }
        let decoded = encoding::decode(bytes, max_bytes)?;
        let text: &str = &decoded.text;
        let line_starts = line_starts(text.as_bytes());
        let builder = Builder::new(text, limits, line_starts, decoded.map);
        builder.check_characters()?;
        let mut doc = builder.run()?;
        if let Cow::Owned(text) = decoded.text {
            doc.decoded = Some(text.into_boxed_str());
        }
        Ok(doc)
    }

    /// Targets of the processing instructions that are children of the document node (before
    /// or after the root element), e.g. `xml-stylesheet`; PIs inside elements are not kept.
    pub fn top_level_pi_targets(&self) -> impl Iterator<Item = &str> + '_ {
        self.top_level_pis.iter().map(|t| &**t)
    }

    /// The root element.
    pub fn root(&self) -> Element<'_> {
        Element { doc: self, id: 0 }
    }

    /// Number of elements in the document.
    pub fn len(&self) -> usize {
        self.elements.len()
    }

    /// Always false: a document has at least its root element.
    pub fn is_empty(&self) -> bool {
        self.elements.is_empty()
    }

    /// All elements in document order.
    pub fn elements(&self) -> impl Iterator<Item = Element<'_>> + '_ {
        (0..self.elements.len() as u32).map(move |id| Element { doc: self, id })
    }

    /// The element with dense id `id` (document order), if any.
    pub fn element(&self, id: usize) -> Option<Element<'_>> {
        (id < self.elements.len()).then_some(Element {
            doc: self,
            id: id as u32,
        })
    }

    /// The encoding the document was decoded from (`UTF-8`, `UTF-16LE`, `ISO-8859-1`, …).
    pub fn encoding(&self) -> &'static str {
        self.source.encoding
    }

    /// Line and column, in the original input, of a byte offset into the parsed text (as
    /// [`Element::text_offset`] gives it).
    pub fn position_of(&self, text_offset: usize) -> Position {
        let offset = text_offset.min(self.text_len());
        let line = self
            .line_starts
            .partition_point(|s| *s as usize <= offset)
            .max(1);
        let line_start = self.line_starts[line - 1] as usize;
        // Line 1 begins at the start of the original input, before any byte-order mark.
        let original_line_start = if line == 1 {
            0
        } else {
            self.original_offset(line_start)
        };
        Position {
            line: line as u32,
            column: (self.original_offset(offset) - original_line_start + 1) as u32,
        }
    }

    /// Length of the parsed text in bytes.
    fn text_len(&self) -> usize {
        self.text_len as usize
    }

    /// The offset in the original input of a byte offset into the parsed text.
    fn original_offset(&self, text_offset: usize) -> usize {
        let Some(width) = self.source.width else {
            return text_offset + self.source.prefix;
        };
        let text = self.decoded.as_deref().unwrap_or_default();
        let checkpoints = self
            .checkpoints
            .get_or_init(|| checkpoints(text, width, self.source.prefix));
        let i = checkpoints
            .partition_point(|(t, _)| *t as usize <= text_offset)
            .max(1);
        let (t, o) = checkpoints[i - 1];
        let piece = text
            .get(t as usize..text_offset)
            .map_or(0, |s| width.width(s));
        o as usize + piece
    }

    /// See [`Document::sibling_positions`]: one pass over every parent's children, grouping
    /// them by namespace and local name.
    fn compute_sibling_positions(&self) -> Vec<u32> {
        let mut positions = vec![0u32; self.elements.len()];
        let mut counts: std::collections::HashMap<(u16, &str), u32> =
            std::collections::HashMap::new();
        for parent in &self.elements {
            if parent.first_child == NONE {
                continue;
            }
            // A map grown by one wide parent is not cleared for every later one.
            if counts.capacity() > 256 {
                counts = std::collections::HashMap::new();
            } else {
                counts.clear();
            }
            let mut child = parent.first_child;
            while child != NONE {
                let data = &self.elements[child as usize];
                let count = counts.entry((data.ns, self.str(data.local))).or_insert(0);
                *count += 1;
                positions[child as usize] = *count;
                child = data.next_sibling;
            }
            let mut child = parent.first_child;
            while child != NONE {
                let data = &self.elements[child as usize];
                if counts.get(&(data.ns, self.str(data.local))) == Some(&1) {
                    positions[child as usize] = 0;
                }
                child = data.next_sibling;
            }
        }
        positions
    }

    fn str(&self, span: Span) -> &str {
        let start = span.start as usize;
        &self.pool[start..start + span.len as usize]
    }
}

fn line_starts(bytes: &[u8]) -> Vec<u32> {
    let mut starts = Vec::with_capacity(bytes.len() / 40 + 1);
    starts.push(0u32);
    starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i as u32 + 1));
    starts
}

/// True for the characters XML 1.0 §2.2 allows: tab, line feed, carriage return, and U+0020 up
/// except the surrogates (which `char` cannot hold) and U+FFFE / U+FFFF.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The code point of a character reference's body (`#65`, `#x41`), if it is one.
fn char_ref_number(body: &str) -> Option<u32> {
    let digits = body.strip_prefix('#')?;
    match digits.strip_prefix('x') {
        Some(hex) => u32::from_str_radix(hex, 16).ok(),
        None => digits.parse().ok(),
    }
}

/// The code point of a character reference quick-xml refused, when it names one XML forbids
/// (rather than being no number at all).
fn char_ref_code(r: &quick_xml::events::BytesRef<'_>) -> Option<u32> {
    let body: &str = r;
    char_ref_number(body).filter(|code| char::from_u32(*code).is_none_or(|c| !xml_char(c)))
}

/// Distance in text bytes between two checkpoints of a decoded document.
const CHECKPOINT: usize = 1024;

/// `(text offset, original offset)` at the first character boundary of every [`CHECKPOINT`]-byte
/// block of `text`, the first being `(0, prefix)`.
fn checkpoints(text: &str, width: CharWidth, prefix: usize) -> Vec<(u32, u32)> {
    let mut out = Vec::with_capacity(text.len() / CHECKPOINT + 1);
    let (mut t, mut o) = (0usize, prefix);
    out.push((0, prefix as u32));
    while t < text.len() {
        let mut end = (t + CHECKPOINT).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        o += width.width(&text[t..end]);
        t = end;
        out.push((t as u32, o as u32));
    }
    out
}

impl<'d> Element<'d> {
    fn data(&self) -> &'d ElementData {
        &self.doc.elements[self.id as usize]
    }

    fn wrap(&self, id: u32) -> Option<Element<'d>> {
        (id != NONE).then_some(Element { doc: self.doc, id })
    }

    /// The document this element belongs to.
    pub fn document(&self) -> &'d Document {
        self.doc
    }

    /// Dense id of this element (its index in document order).
    pub fn id(&self) -> usize {
        self.id as usize
    }

    /// Namespace URI, empty when the element is in no namespace.
    pub fn namespace(&self) -> &'d str {
        &self.doc.namespaces[self.data().ns as usize]
    }

    /// Local name (without prefix).
    pub fn local_name(&self) -> &'d str {
        self.doc.str(self.data().local)
    }

    /// The prefix the document used for this element, empty for the default namespace.
    pub fn prefix(&self) -> &'d str {
        self.doc.str(self.data().prefix)
    }

    /// `prefix:local` as written in the document (just `local` without a prefix).
    pub fn qualified_name(&self) -> Cow<'d, str> {
        let prefix = self.prefix();
        if prefix.is_empty() {
            Cow::Borrowed(self.local_name())
        } else {
            Cow::Owned(format!("{prefix}:{}", self.local_name()))
        }
    }

    /// True when the element has namespace `ns` and local name `local`.
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.local_name() == local && self.namespace() == ns
    }

    /// The element's own text (text and CDATA children concatenated), not its descendants'.
    pub fn text(&self) -> &'d str {
        self.doc.str(self.data().text)
    }

    /// The XPath string value: the text of this element and all its descendants, in order.
    pub fn string_value(&self) -> Cow<'d, str> {
        if self.data().first_child == NONE {
            return Cow::Borrowed(self.text());
        }
        // Own text and child text interleave in the source; without per-piece offsets we keep the
        // common case exact (own text is whitespace between children) and append the rest.
        let mut out = String::new();
        let own = self.text();
        if !own.trim().is_empty() {
            out.push_str(own);
        }
        for d in self.descendants() {
            out.push_str(d.text());
        }
        Cow::Owned(out)
    }

    /// Value of the unqualified attribute `local`.
    pub fn attr(&self, local: &str) -> Option<&'d str> {
        self.attributes()
            .find(|a| a.namespace.is_empty() && a.local_name == local)
            .map(|a| a.value)
    }

    /// Value of the attribute `local` in namespace `ns`.
    pub fn attr_ns(&self, ns: &str, local: &str) -> Option<&'d str> {
        self.attributes()
            .find(|a| a.namespace == ns && a.local_name == local)
            .map(|a| a.value)
    }

    /// All attributes except namespace declarations, in document order.
    pub fn attributes(&self) -> impl Iterator<Item = Attribute<'d>> + 'd {
        let doc = self.doc;
        let data = self.data();
        let start = data.attrs_start as usize;
        doc.attrs[start..start + data.attrs_len as usize]
            .iter()
            .map(move |a| Attribute {
                namespace: &doc.namespaces[a.ns as usize],
                local_name: doc.str(a.local),
                value: doc.str(a.value),
            })
    }

    /// The parent element, `None` for the root.
    pub fn parent(&self) -> Option<Element<'d>> {
        self.wrap(self.data().parent)
    }

    /// Child elements in document order.
    pub fn children(&self) -> Children<'d> {
        Children {
            doc: self.doc,
            next: self.data().first_child,
        }
    }

    /// Child elements named `ns`:`local`.
    pub fn children_named<'a>(
        &self,
        ns: &'a str,
        local: &'a str,
    ) -> impl Iterator<Item = Element<'d>> + 'a
    where
        'd: 'a,
    {
        self.children().filter(move |c| c.is(ns, local))
    }

    /// The first child element named `ns`:`local`.
    pub fn child(&self, ns: &str, local: &str) -> Option<Element<'d>> {
        self.children().find(|c| c.is(ns, local))
    }

    /// Follows a path of child steps, each `(ns, local)`, taking the first match at each step.
    pub fn descend(&self, path: &[(&str, &str)]) -> Option<Element<'d>> {
        let mut at = *self;
        for (ns, local) in path {
            at = at.child(ns, local)?;
        }
        Some(at)
    }

    /// All descendant elements (not including `self`) in document order.
    pub fn descendants(&self) -> impl Iterator<Item = Element<'d>> + 'd {
        let doc = self.doc;
        let first = self.id + 1;
        let end = self.subtree_end();
        (first..end).map(move |id| Element { doc, id })
    }

    /// One past the id of the last element in this element's subtree (ids are in document order).
    fn subtree_end(&self) -> u32 {
        let mut at = *self;
        loop {
            if at.data().next_sibling != NONE {
                return at.data().next_sibling;
            }
            match at.parent() {
                Some(p) => at = p,
                None => return self.doc.elements.len() as u32,
            }
        }
    }

    /// The next sibling element.
    pub fn next_sibling(&self) -> Option<Element<'d>> {
        self.wrap(self.data().next_sibling)
    }

    /// Byte offset of the start tag in the original input.
    pub fn offset(&self) -> usize {
        self.doc.original_offset(self.text_offset())
    }

    /// Byte offset of the start tag in the parsed (UTF-8) text; equals [`Element::offset`] minus
    /// the byte-order mark for UTF-8 input.
    pub fn text_offset(&self) -> usize {
        self.data().offset as usize
    }

    /// Line and column of the start tag in the original input.
    pub fn position(&self) -> Position {
        self.doc.position_of(self.text_offset())
    }

    /// An XPath locating this element, e.g. `/Invoice/cac:InvoiceLine[2]/cbc:ID`, with positional
    /// predicates wherever a sibling of the same name exists.
    ///
    /// Costs the element's depth: sibling positions come from a table the document builds once.
    pub fn xpath(&self) -> String {
        use std::fmt::Write as _;
        let positions = self
            .doc
            .sibling_positions
            .get_or_init(|| self.doc.compute_sibling_positions());
        let mut chain = Vec::with_capacity(16);
        let mut at = Some(*self);
        while let Some(e) = at {
            chain.push(e);
            at = e.parent();
        }
        let mut out = String::with_capacity(chain.len() * 24);
        for e in chain.iter().rev() {
            out.push('/');
            let prefix = e.prefix();
            if !prefix.is_empty() {
                out.push_str(prefix);
                out.push(':');
            }
            out.push_str(e.local_name());
            if let Some(&index) = positions.get(e.id as usize).filter(|i| **i > 0) {
                let _ = write!(out, "[{index}]");
            }
        }
        out
    }
}

/// Iterator over the child elements of an element.
#[derive(Debug, Clone)]
pub struct Children<'d> {
    doc: &'d Document,
    next: u32,
}

impl<'d> Iterator for Children<'d> {
    type Item = Element<'d>;

    fn next(&mut self) -> Option<Element<'d>> {
        if self.next == NONE {
            return None;
        }
        let e = Element {
            doc: self.doc,
            id: self.next,
        };
        self.next = e.data().next_sibling;
        Some(e)
    }
}

/// One-pass tree builder over quick-xml's namespace-aware reader.
struct Builder<'i> {
    input: &'i str,
    limits: Limits,
    doc: Document,
    /// Open elements: id and where their text starts in `text_buf`.
    stack: Vec<(u32, usize)>,
    text_buf: String,
    /// In-scope namespace declarations: prefix span in the pool (empty for the default
    /// namespace), interned namespace, and the depth of the element that declared it.
    bindings: Vec<(Span, u16, usize)>,
    /// Prefixed attributes of the element being opened, resolved once all its declarations
    /// are known: index into `doc.attrs` and the prefix's span in the pool.
    pending_attrs: Vec<(usize, Span)>,
    /// Recently pushed element names and prefixes, by hash slot (see [`Builder::push_name`]).
    names: [Span; NAME_CACHE],
}

/// Slots of the builder's cache of element names.
const NAME_CACHE: usize = 256;

impl<'i> Builder<'i> {
    fn new(
        input: &'i str,
        limits: Limits,
        line_starts: Vec<u32>,
        source: SourceMap,
    ) -> Builder<'i> {
        Builder {
            input,
            limits,
            doc: Document {
                elements: Vec::with_capacity(input.len() / 48 + 1),
                attrs: Vec::new(),
                pool: String::with_capacity(input.len() / 2),
                namespaces: vec!["".into()],
                line_starts,
                source,
                checkpoints: OnceLock::new(),
                sibling_positions: OnceLock::new(),
                decoded: None,
                text_len: input.len() as u32,
                top_level_pis: Vec::new(),
            },
            stack: Vec::with_capacity(16),
            text_buf: String::new(),
            bindings: Vec::new(),
            pending_attrs: Vec::new(),
            names: [Span::default(); NAME_CACHE],
        }
    }

    /// The position in the original input of a byte offset into the text. While building,
    /// the document has no decoded text yet, so positions of decoded input are computed from the
    /// builder's own text here (error paths only).
    fn at(&self, offset: usize) -> Position {
        match self.doc.source.width {
            None => self.doc.position_of(offset),
            Some(width) => {
                let offset = offset.min(self.input.len());
                let before = self.input.get(..offset).unwrap_or_default();
                let line = self
                    .doc
                    .line_starts
                    .partition_point(|s| *s as usize <= offset)
                    .max(1);
                let start = self.doc.line_starts[line - 1] as usize;
                let mut column = width.width(&before[start..]) + 1;
                if line == 1 {
                    column += self.doc.source.prefix;
                }
                Position {
                    line: line as u32,
                    column: column as u32,
                }
            }
        }
    }

    /// Refuses the raw characters XML 1.0 §2.2 forbids: C0 controls other than tab, line feed
    /// and carriage return, and U+FFFE / U+FFFF. (Surrogates cannot occur in decoded text:
    /// undecodable input is refused before.)
    ///
    /// Eight bytes at a time: a word with no byte below 0x20 (almost every word of a document)
    /// is passed with three arithmetic operations; only words holding a control byte or a tab,
    /// line end are looked at byte by byte. U+FFFE/U+FFFF start with 0xEF, found by `memchr`.
    fn check_characters(&self) -> Result<(), XmlError> {
        let bytes = self.input.as_bytes();
        let forbidden_c0 = |b: u8| b < 0x20 && !matches!(b, 0x09 | 0x0A | 0x0D);
        let mut bad = None;
        let mut chunks = bytes.chunks_exact(8);
        let mut at = 0usize;
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let w = u64::from_le_bytes(word);
            // Sets the high bit of every byte below 0x20 (the classic "has less than" test).
            let below = w.wrapping_sub(0x2020_2020_2020_2020) & !w & 0x8080_8080_8080_8080;
            if below != 0
                && let Some(i) = chunk.iter().position(|b| forbidden_c0(*b))
            {
                bad = Some((at + i, u32::from(chunk[i])));
                break;
            }
            at += 8;
        }
        if bad.is_none()
            && let Some(i) = chunks.remainder().iter().position(|b| forbidden_c0(*b))
        {
            bad = Some((at + i, u32::from(chunks.remainder()[i])));
        }
        // U+FFFE / U+FFFF (EF BF BE / EF BF BF): the first one before any C0 control found.
        let limit = bad.map_or(bytes.len(), |(i, _)| i);
        for i in memchr::memchr_iter(0xEF, &bytes[..limit]) {
            if bytes.get(i + 1) == Some(&0xBF) {
                match bytes.get(i + 2) {
                    Some(0xBE) => bad = Some((i, 0xFFFE)),
                    Some(0xBF) => bad = Some((i, 0xFFFF)),
                    _ => continue,
                }
                break;
            }
        }
        match bad {
            Some((offset, code)) => Err(XmlError::ForbiddenCharacter {
                code,
                at: self.at(offset),
            }),
            None => Ok(()),
        }
    }

    fn malformed(&self, offset: usize, message: impl fmt::Display) -> XmlError {
        XmlError::Malformed {
            at: self.at(offset),
            message: message.to_string(),
        }
    }

    fn intern_ns(&mut self, ns: &str) -> u16 {
        match self.doc.namespaces.iter().position(|n| **n == *ns) {
            Some(i) => i as u16,
            None => {
                self.doc.namespaces.push(ns.into());
                (self.doc.namespaces.len() - 1) as u16
            }
        }
    }

    /// The namespace bound to `prefix` in the current scope. The unprefixed default is "no
    /// namespace" when nothing is declared; `xml` is always bound; any other unknown prefix is
    /// `None`.
    fn lookup(&mut self, prefix: Span) -> Option<u16> {
        let wanted = self.doc.str(prefix);
        for (p, ns, _) in self.bindings.iter().rev() {
            if self.doc.str(*p) == wanted {
                return Some(*ns);
            }
        }
        match wanted {
            "" => Some(0),
            "xml" => Some(self.intern_ns("http://www.w3.org/XML/1998/namespace")),
            _ => None,
        }
    }

    /// The span of an element name or prefix in the pool, shared with earlier elements of the
    /// same name when the builder's small direct-mapped cache still holds it. Sharing keeps the
    /// names rules compare in one small, hot region of the pool instead of one copy per
    /// element scattered through the text (on a 10 MB document the difference between cache
    /// hits and misses), and shrinks the pool. A cache collision only costs a fresh copy, as
    /// before; there is no table an input could make slow.
    fn push_name(&mut self, name: &str) -> Span {
        let slot = name.bytes().fold(0x811c_9dc5u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        }) as usize
            % NAME_CACHE;
        let cached = self.names[slot];
        if cached.len as usize == name.len() && self.doc.str(cached) == name {
            return cached;
        }
        let span = self.push_str(name);
        self.names[slot] = span;
        span
    }

    fn push_str(&mut self, s: &str) -> Span {
        let start = self.doc.pool.len() as u32;
        self.doc.pool.push_str(s);
        Span {
            start,
            len: s.len() as u32,
        }
    }

    fn run(mut self) -> Result<Document, XmlError> {
        let mut reader = Reader::from_str(self.input);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text_start = false;
        config.trim_text_end = false;
        let mut root_closed = false;
        loop {
            let start = reader.buffer_position() as usize;
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(e) => {
                    let at = reader.error_position() as usize;
                    return Err(self.malformed(at, e));
                }
            };
            match event {
                Event::Start(e) | Event::Empty(e) if root_closed => {
                    let _ = e;
                    return Err(self.malformed(start, "content after the root element"));
                }
                Event::Start(e) => self.open(start, &e, false)?,
                Event::Empty(e) => self.open(start, &e, true)?,
                Event::End(_) => {
                    self.close();
                    if self.stack.is_empty() {
                        root_closed = true;
                    }
                }
                Event::Text(t) => {
                    let content = t.xml10_content();
                    self.text(start, &content)?;
                }
                Event::CData(c) => {
                    let content = c.xml10_content().into_owned();
                    self.text(start, &content)?;
                }
                Event::GeneralRef(r) => {
                    let ch = match r.resolve_char_ref() {
                        Ok(Some(ch)) if xml_char(ch) => ch,
                        Ok(Some(ch)) => {
                            return Err(XmlError::ForbiddenCharacter {
                                code: u32::from(ch),
                                at: self.at(start),
                            });
                        }
                        Ok(None) => match &*r.into_inner() {
                            "lt" => '<',
                            "gt" => '>',
                            "amp" => '&',
                            "apos" => '\'',
                            "quot" => '"',
                            other => {
                                return Err(XmlError::UndefinedEntity {
                                    name: other.to_string(),
                                    at: self.at(start),
                                });
                            }
                        },
                        Err(e) => {
                            // quick-xml refuses `&#0;` and surrogates itself; name the character.
                            return Err(match char_ref_code(&r) {
                                Some(code) => XmlError::ForbiddenCharacter {
                                    code,
                                    at: self.at(start),
                                },
                                None => self.malformed(start, e),
                            });
                        }
                    };
                    let mut buf = [0u8; 4];
                    self.text(start, ch.encode_utf8(&mut buf))?;
                }
                Event::DocType(_) => return Err(XmlError::Doctype { at: self.at(start) }),
                Event::PI(pi) if self.stack.is_empty() => {
                    self.doc.top_level_pis.push(pi.target().into());
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
                Event::Eof => break,
            }
        }
        if let Some((id, _)) = self.stack.last() {
            let name = Element {
                doc: &self.doc,
                id: *id,
            }
            .qualified_name()
            .into_owned();
            return Err(self.malformed(self.input.len(), format!("element <{name}> is not closed")));
        }
        if self.doc.elements.is_empty() {
            return Err(XmlError::NoRoot);
        }
        Ok(self.doc)
    }

    fn text(&mut self, start: usize, content: &str) -> Result<(), XmlError> {
        if self.stack.is_empty() {
            if content.trim().is_empty() {
                return Ok(());
            }
            return Err(self.malformed(start, "text outside the root element"));
        }
        self.text_buf.push_str(content);
        Ok(())
    }

    fn open(
        &mut self,
        start: usize,
        e: &quick_xml::events::BytesStart<'_>,
        empty: bool,
    ) -> Result<(), XmlError> {
        if self.stack.is_empty() && !self.doc.elements.is_empty() {
            return Err(self.malformed(start, "more than one root element"));
        }
        let depth = self.stack.len() + 1;
        if depth > self.limits.max_depth {
            return Err(XmlError::TooDeep {
                at: self.at(start),
                limit: self.limits.max_depth,
            });
        }
        if self.doc.elements.len() >= self.limits.max_elements {
            return Err(XmlError::TooManyElements {
                at: self.at(start),
                limit: self.limits.max_elements,
            });
        }
        let qname = e.name();
        let qname = qname.into_inner();
        let (prefix, local) = match qname.split_once(':') {
            Some((p, l)) => (p, l),
            None => ("", qname),
        };
        let local = self.push_name(local);
        let prefix = self.push_name(prefix);

        // One pass over the attributes: namespace declarations take effect for this element and
        // its descendants; ordinary attributes are stored now and their prefixes resolved after.
        let attrs_start = self.doc.attrs.len() as u32;
        self.pending_attrs.clear();
        let mut count = 0usize;
        for attr in e.attributes() {
            let attr = attr.map_err(|err| self.malformed(start, err))?;
            count += 1;
            if count > self.limits.max_attributes {
                return Err(XmlError::TooManyAttributes {
                    at: self.at(start),
                    limit: self.limits.max_attributes,
                });
            }
            let value = match attr.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                Ok(v) => v,
                Err(err) => return Err(self.attr_error(start, err, &attr.value)),
            };
            // Raw forbidden characters were refused before; these came from references.
            if let Some(bad) = value.chars().find(|c| !xml_char(*c)) {
                return Err(XmlError::ForbiddenCharacter {
                    code: u32::from(bad),
                    at: self.at(start),
                });
            }
            let key = attr.key.into_inner();
            let declared = match key.strip_prefix("xmlns") {
                Some("") => Some(""),
                Some(rest) => rest.strip_prefix(':'),
                None => None,
            };
            if let Some(declared) = declared {
                if value.is_empty() && !declared.is_empty() {
                    return Err(self.malformed(
                        start,
                        format!("prefix `{declared}` bound to an empty namespace"),
                    ));
                }
                let ns = if value.is_empty() {
                    0
                } else {
                    self.intern_ns(&value)
                };
                let declared = self.push_str(declared);
                self.bindings.push((declared, ns, depth));
                continue;
            }
            let (attr_prefix, attr_local) = match key.split_once(':') {
                Some((p, l)) => (p, l),
                None => ("", key),
            };
            if !attr_prefix.is_empty() {
                let span = self.push_str(attr_prefix);
                self.pending_attrs.push((self.doc.attrs.len(), span));
            }
            let local = self.push_str(attr_local);
            let value = self.push_str(&value);
            self.doc.attrs.push(AttrData {
                ns: 0,
                local,
                value,
            });
        }
        let Some(ns) = self.lookup(prefix) else {
            let undeclared = self.doc.str(prefix);
            return Err(self.malformed(start, format!("undeclared prefix `{undeclared}`")));
        };
        for i in 0..self.pending_attrs.len() {
            let (index, span) = self.pending_attrs[i];
            let Some(attr_ns) = self.lookup(span) else {
                let undeclared = self.doc.str(span);
                return Err(self.malformed(start, format!("undeclared prefix `{undeclared}`")));
            };
            self.doc.attrs[index].ns = attr_ns;
        }
        let attrs_len = self.doc.attrs.len() as u32 - attrs_start;

        let id = self.doc.elements.len() as u32;
        let parent = self.stack.last().map_or(NONE, |(p, _)| *p);
        self.doc.elements.push(ElementData {
            ns,
            local,
            prefix,
            text: Span::default(),
            parent,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            attrs_start,
            attrs_len,
            offset: start as u32,
        });
        if parent != NONE {
            let p = &mut self.doc.elements[parent as usize];
            let prev = p.last_child;
            p.last_child = id;
            if prev == NONE {
                p.first_child = id;
            } else {
                self.doc.elements[prev as usize].next_sibling = id;
            }
        }
        self.stack.push((id, self.text_buf.len()));
        if empty {
            self.close();
        }
        Ok(())
    }

    fn attr_error(&self, start: usize, err: quick_xml::Error, raw: &str) -> XmlError {
        // A reference quick-xml refuses itself (`&#0;`, `&#xD800;`): name the character.
        let refused = raw
            .split('&')
            .skip(1)
            .filter_map(|r| r.split_once(';'))
            .filter_map(|(r, _)| char_ref_number(r))
            .find(|code| char::from_u32(*code).is_none_or(|c| !xml_char(c)));
        if let Some(code) = refused {
            return XmlError::ForbiddenCharacter {
                code,
                at: self.at(start),
            };
        }
        match err {
            quick_xml::Error::Escape(quick_xml::escape::EscapeError::UnrecognizedEntity(
                _,
                name,
            )) => XmlError::UndefinedEntity {
                name,
                at: self.at(start),
            },
            other => self.malformed(start, other),
        }
    }

    fn close(&mut self) {
        let depth = self.stack.len();
        while self.bindings.last().is_some_and(|(_, _, d)| *d == depth) {
            self.bindings.pop();
        }
        if let Some((id, mark)) = self.stack.pop() {
            let start = self.doc.pool.len() as u32;
            self.doc.pool.push_str(&self.text_buf[mark..]);
            let len = (self.text_buf.len() - mark) as u32;
            self.text_buf.truncate(mark);
            self.doc.elements[id as usize].text = Span { start, len };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Document, XmlError> {
        Document::parse(s.as_bytes())
    }

    #[test]
    fn builds_a_namespace_aware_tree() {
        let doc = parse(
            "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" \
             xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n\
             <cbc:ID schemeID=\"0007\">A &amp; B&#65;</cbc:ID><cbc:Note><![CDATA[x<y]]></cbc:Note>\
             </Invoice>",
        )
        .expect("well-formed");
        let root = doc.root();
        assert!(root.is(ns::UBL_INVOICE, "Invoice"));
        let id = root.child(ns::CBC, "ID").expect("ID");
        assert_eq!(id.text(), "A & BA");
        assert_eq!(id.attr("schemeID"), Some("0007"));
        assert_eq!(id.position(), Position { line: 2, column: 1 });
        assert_eq!(root.child(ns::CBC, "Note").map(|n| n.text()), Some("x<y"));
        assert_eq!(root.children().count(), 2);
        assert_eq!(id.parent(), Some(root));
        assert_eq!(id.xpath(), "/Invoice/cbc:ID");
    }

    #[test]
    fn descendants_cover_exactly_the_subtree() {
        let doc = parse("<a><b><c/><d/></b><e/></a>").expect("ok");
        let b = doc.root().children().next().expect("b");
        let names: Vec<_> = b.descendants().map(|e| e.local_name()).collect();
        assert_eq!(names, ["c", "d"]);
        let all: Vec<_> = doc.root().descendants().map(|e| e.local_name()).collect();
        assert_eq!(all, ["b", "c", "d", "e"]);
    }

    #[test]
    fn keeps_document_level_pi_targets_only() {
        let xml =
            b"<?xml version='1.0'?><?xml-stylesheet href='a.xsl'?><a><?inner x?></a><?after y?>";
        let doc = Document::parse(xml).expect("well-formed");
        let targets: Vec<&str> = doc.top_level_pi_targets().collect();
        assert_eq!(targets, ["xml-stylesheet", "after"]);
    }

    #[test]
    fn mixed_text_keeps_own_text_only() {
        let doc = parse("<a>one<b>two</b>three</a>").expect("ok");
        assert_eq!(doc.root().text(), "onethree");
        assert_eq!(doc.root().children().next().map(|b| b.text()), Some("two"));
    }

    #[test]
    fn skips_bom_and_keeps_positions() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(b"<a>\r\n  <b/></a>");
        let doc = Document::parse(&bytes).expect("ok");
        let b = doc.root().children().next().expect("b");
        assert_eq!(b.position(), Position { line: 2, column: 3 });
    }

    #[test]
    fn refuses_doctype_and_unknown_entities() {
        let err = parse("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>").expect_err("doctype");
        assert!(matches!(err, XmlError::Doctype { .. }), "{err:?}");
        let err = parse("<a>&x;</a>").expect_err("entity");
        assert!(matches!(err, XmlError::UndefinedEntity { ref name, .. } if name == "x"));
        let err = parse("<a b=\"&x;\"/>").expect_err("entity in attribute");
        assert!(matches!(err, XmlError::UndefinedEntity { .. }), "{err:?}");
    }

    #[test]
    fn enforces_limits() {
        let deep = "<a>".repeat(10) + &"</a>".repeat(10);
        let limits = Limits {
            max_depth: 5,
            ..Limits::default()
        };
        let err = Document::parse_with(deep.as_bytes(), limits).expect_err("deep");
        assert!(matches!(
            err,
            XmlError::TooDeep {
                at: Position {
                    line: 1,
                    column: 16
                },
                ..
            }
        ));
        let limits = Limits {
            max_attributes: 2,
            ..Limits::default()
        };
        let err = Document::parse_with(b"<a x='1' y='2' z='3'/>", limits).expect_err("attrs");
        assert!(matches!(err, XmlError::TooManyAttributes { .. }));
        let limits = Limits {
            max_bytes: 4,
            ..Limits::default()
        };
        let err = Document::parse_with(b"<abc/>", limits).expect_err("size");
        assert!(matches!(err, XmlError::TooLarge { size: 6, limit: 4 }));
    }

    #[test]
    fn malformed_input_is_an_error_with_position() {
        for bad in [
            "<a><b></a>",
            "<a>",
            "",
            "<a/><b/>",
            "text",
            "<a></a>junk",
            "<p:a/>",
        ] {
            let err = parse(bad).expect_err(bad);
            assert!(
                matches!(err, XmlError::Malformed { .. } | XmlError::NoRoot),
                "{bad}: {err:?}"
            );
        }
        let err = Document::parse(b"<a>\xff</a>").expect_err("utf8");
        assert!(matches!(
            err,
            XmlError::NotUtf8 {
                at: Position { line: 1, column: 4 }
            }
        ));
    }

    #[test]
    fn namespace_declarations_are_scoped() {
        let doc = parse(
            "<a xmlns='urn:one' xmlns:p='urn:p'><p:b p:x='1' y='2'><c xmlns='urn:two'/><d/>\
             <e xmlns=''/></p:b><p:f xmlns:p='urn:q'/><p:g/></a>",
        )
        .expect("ok");
        let names: Vec<_> = doc
            .elements()
            .map(|e| format!("{}|{}", e.namespace(), e.local_name()))
            .collect();
        assert_eq!(
            names,
            [
                "urn:one|a",
                "urn:p|b",
                "urn:two|c",
                "urn:one|d",
                "|e",
                "urn:q|f",
                "urn:p|g"
            ]
        );
        let b = doc.element(1).expect("b");
        assert_eq!(b.attr_ns("urn:p", "x"), Some("1"));
        assert_eq!(b.attr("y"), Some("2"));
        assert_eq!(b.attr("x"), None);
        let err = parse("<a><q:b/></a>").expect_err("undeclared");
        assert!(matches!(err, XmlError::Malformed { .. }), "{err:?}");
        let err = parse("<a q:x='1'/>").expect_err("undeclared attribute prefix");
        assert!(matches!(err, XmlError::Malformed { .. }), "{err:?}");
    }

    #[test]
    fn forbidden_characters_are_errors_with_position() {
        let cases: [(&[u8], u32, Position); 11] = [
            // In the tail after the last whole eight-byte word, and after a U+FFFF further on.
            (
                b"<a>12345</a>\x03",
                3,
                Position {
                    line: 1,
                    column: 13,
                },
            ),
            (
                b"<a>\t\x7f\x0b</a>\xEF\xBF\xBF",
                0x0B,
                Position { line: 1, column: 6 },
            ),
            (b"<a>x\x00</a>", 0, Position { line: 1, column: 5 }),
            (b"<a>\n\x01</a>", 1, Position { line: 2, column: 1 }),
            (b"<a>\x1b[31m</a>", 0x1B, Position { line: 1, column: 4 }),
            (b"<a b='\x0c'/>", 0x0C, Position { line: 1, column: 7 }),
            (
                b"<a>\xEF\xBF\xBF</a>",
                0xFFFF,
                Position { line: 1, column: 4 },
            ),
            (b"<a>&#1;</a>", 1, Position { line: 1, column: 4 }),
            (b"<a>&#x0;</a>", 0, Position { line: 1, column: 4 }),
            (b"<a>&#xFFFE;</a>", 0xFFFE, Position { line: 1, column: 4 }),
            (b"<a b='&#27;'/>", 0x1B, Position { line: 1, column: 1 }),
        ];
        for (bytes, code, at) in cases {
            let err = Document::parse(bytes).expect_err("forbidden");
            assert_eq!(
                err,
                XmlError::ForbiddenCharacter { code, at },
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
        let err = Document::parse(b"<a>&#xD800;</a>").expect_err("surrogate");
        assert!(
            matches!(err, XmlError::ForbiddenCharacter { code: 0xD800, .. }),
            "{err:?}"
        );
        // Allowed: tab, line ends, and characters up to U+FFFD and beyond the BMP.
        let doc = Document::parse("<a>\t\r\n&#9;&#xFFFD;\u{10000}&#x10FFFF;</a>".as_bytes())
            .expect("allowed");
        assert_eq!(doc.root().text(), "\t\n\t\u{FFFD}\u{10000}\u{10FFFF}");
    }

    #[test]
    fn positions_of_decoded_input_refer_to_the_original_bytes() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<a>\n  <å/><b/></a>";
        let mut utf16 = vec![0xFE, 0xFF];
        utf16.extend(xml.encode_utf16().flat_map(|u| u.to_be_bytes()));
        let doc = Document::parse(&utf16).expect("utf-16");
        assert_eq!(doc.encoding(), "UTF-16BE");
        let b = doc.elements().find(|e| e.local_name() == "b").expect("b");
        // Line 3 is `  <å/><b/>`: `<b` starts after 6 characters, 12 bytes of UTF-16.
        assert_eq!(
            b.position(),
            Position {
                line: 3,
                column: 13
            }
        );
        assert_eq!(&utf16[b.offset()..b.offset() + 4], [0, b'<', 0, b'b']);
        // The root on line 2, column 1; the declaration's line 1 counts the BOM.
        assert_eq!(doc.root().position(), Position { line: 2, column: 1 });
        let latin1 = b"<?xml version='1.0' encoding='ISO-8859-1'?>\n<a>\xE5\xE4<b/>\n</a>";
        let doc = Document::parse(latin1).expect("latin-1");
        let b = doc.elements().find(|e| e.local_name() == "b").expect("b");
        assert_eq!(b.position(), Position { line: 2, column: 6 });
        assert_eq!(&latin1[b.offset()..b.offset() + 2], b"<b");
        // A line longer than a checkpoint block.
        let mut long = b"<?xml version='1.0' encoding='windows-1252'?><a>".to_vec();
        long.extend(std::iter::repeat_n(0x80, 5000));
        long.extend_from_slice(b"<b/></a>");
        let doc = Document::parse(&long).expect("1252");
        let b = doc.elements().find(|e| e.local_name() == "b").expect("b");
        assert_eq!(&long[b.offset()..b.offset() + 2], b"<b");
        assert_eq!(b.position().column as usize, b.offset() + 1);
    }

    #[test]
    fn xpath_numbers_repeated_siblings() {
        let doc = parse("<r><l/><l><x/></l></r>").expect("ok");
        let x = doc.elements().find(|e| e.local_name() == "x").expect("x");
        assert_eq!(x.xpath(), "/r/l[2]/x");
        let doc = parse("<r xmlns:p='urn:p'><a/><b/><p:a/><a/></r>").expect("ok");
        let paths: Vec<_> = doc.elements().map(|e| e.xpath()).collect();
        assert_eq!(paths, ["/r", "/r/a[1]", "/r/b", "/r/p:a", "/r/a[2]"]);
    }
}
