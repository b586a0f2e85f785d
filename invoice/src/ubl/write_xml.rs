//! A minimal, correct XML text builder for the writer: escaping, indentation, and elements that
//! are never empty (PEPPOL-EN16931-R008: a document must not contain empty elements).

use std::fmt::Write as _;

/// Builds UBL XML text. Leaf elements with an empty value are not written at all.
pub(super) struct XmlOut {
    out: String,
    depth: usize,
}

impl XmlOut {
    pub(super) fn new() -> XmlOut {
        XmlOut {
            out: String::with_capacity(16 * 1024),
            depth: 0,
        }
    }

    pub(super) fn finish(self) -> String {
        self.out
    }

    pub(super) fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    /// Opens `<name attrs…>`; attributes with an empty value are skipped.
    pub(super) fn open_with(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        self.attrs(attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    pub(super) fn open(&mut self, name: &str) {
        self.open_with(name, &[]);
    }

    pub(super) fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        let _ = writeln!(self.out, "</{name}>");
    }

    fn attrs(&mut self, attrs: &[(&str, &str)]) {
        for (k, v) in attrs {
            if !v.is_empty() {
                self.out.push(' ');
                self.out.push_str(k);
                self.out.push_str("=\"");
                escape_into(&mut self.out, v, true);
                self.out.push('"');
            }
        }
    }

    /// `<name attrs…>value</name>`, or nothing when `value` is empty.
    pub(super) fn leaf_with(&mut self, name: &str, attrs: &[(&str, &str)], value: &str) {
        if value.is_empty() {
            return;
        }
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        self.attrs(attrs);
        self.out.push('>');
        escape_into(&mut self.out, value, false);
        let _ = writeln!(self.out, "</{name}>");
    }

    /// `<name attrs…>value</name>`; when `value` is empty but an attribute is not, the element is
    /// written empty with its attributes (a source document had only the attributes: keeping
    /// them is what makes reading what was written give the same model).
    pub(super) fn leaf_or_attrs(&mut self, name: &str, attrs: &[(&str, &str)], value: &str) {
        if value.is_empty() && attrs.iter().any(|(_, v)| !v.is_empty()) {
            self.indent();
            self.out.push('<');
            self.out.push_str(name);
            self.attrs(attrs);
            self.out.push_str("/>\n");
        } else {
            self.leaf_with(name, attrs, value);
        }
    }

    pub(super) fn leaf(&mut self, name: &str, value: &str) {
        self.leaf_with(name, &[], value);
    }

    /// A leaf for an optional value.
    pub(super) fn opt(&mut self, name: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.leaf(name, v);
        }
    }

    /// A leaf for an optional displayable value (decimal, date).
    pub(super) fn opt_display(&mut self, name: &str, value: Option<impl std::fmt::Display>) {
        if let Some(v) = value {
            self.leaf(name, &v.to_string());
        }
    }
}

/// Escapes markup characters; carriage returns (and, in attributes, tabs and line feeds) become
/// character references so that XML end-of-line and attribute normalisation keep them.
pub(super) fn escape_into(out: &mut String, s: &str, attribute: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
}
