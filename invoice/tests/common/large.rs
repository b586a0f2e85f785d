//! Large synthetic documents derived from the official fixtures, for the linear-time regression
//! tests (issue 13) and the per-line benchmark. Shared by `tests/large_documents.rs` and
//! `benches/lines.rs` (included there with `#[path]`).

#![allow(dead_code)]

use std::path::Path;

fn fixture(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/official")
        .join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The PEPPOL BIS 3 base example (9 KB, two lines, valid).
pub fn base_example() -> String {
    fixture("peppol-bis3/rules/examples/base-example.xml")
}

/// The base example with `lines` invoice lines, each a copy of its first line (without
/// indentation, ~700 bytes) numbered 1, 2, …,
/// with `extra` (e.g. `<cbc:Note/>`) written into every line after its `cbc:ID`. Totals are not
/// recomputed: the document-level sum rules fire once, whatever the number of lines.
pub fn with_lines(lines: usize, extra: &str) -> String {
    let base = base_example();
    let start = base.find("<cac:InvoiceLine>").unwrap_or(base.len());
    let end = base.rfind("</Invoice>").unwrap_or(base.len());
    let first_end = base[start..]
        .find("</cac:InvoiceLine>")
        .map_or(end, |i| start + i + "</cac:InvoiceLine>".len());
    // The line without its indentation: about 700 bytes, as in a compact real-world file.
    let line: String = base[start..first_end].lines().map(str::trim).collect();
    let mut out = String::with_capacity(base.len() + lines * (line.len() + extra.len() + 8));
    out.push_str(&base[..start]);
    for n in 1..=lines {
        let numbered = line.replacen(
            "<cbc:ID>1</cbc:ID>",
            &format!("<cbc:ID>{n}</cbc:ID>{extra}"),
            1,
        );
        out.push_str(&numbered);
        out.push('\n');
    }
    out.push_str(&base[end..]);
    out
}

/// The base example with `count` copies of `element` as children of the root, after
/// `cbc:InvoiceTypeCode`.
pub fn with_root_children(count: usize, element: &str) -> String {
    let base = base_example();
    let anchor = "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>";
    let at = base.find(anchor).map_or(0, |i| i + anchor.len());
    let mut out = String::with_capacity(base.len() + count * (element.len() + 1));
    out.push_str(&base[..at]);
    for _ in 0..count {
        out.push('\n');
        out.push_str(element);
    }
    out.push_str(&base[at..]);
    out
}

/// The SFTI sample `svefaktura.xml` with `lines` copies of its first line, each with `extra`
/// (e.g. an element SFTI does not define) after the line's `cac:ID`.
pub fn svefaktura_with_lines(lines: usize, extra: &str) -> String {
    let sample = fixture("svefaktura/samples/svefaktura.xml");
    let start = sample.find("<cac:InvoiceLine>").unwrap_or(sample.len());
    let end = sample
        .rfind("</cac:InvoiceLine>")
        .map_or(sample.len(), |i| i + 18);
    let first_end = sample[start..]
        .find("</cac:InvoiceLine>")
        .map_or(end, |i| start + i + 18);
    let line: String = sample[start..first_end].lines().map(str::trim).collect();
    let id_end = line.find("</cac:ID>").map_or(0, |i| i + "</cac:ID>".len());
    let mut out = String::with_capacity(sample.len() + lines * (line.len() + extra.len() + 1));
    out.push_str(&sample[..start]);
    for _ in 0..lines {
        out.push_str(&line[..id_end]);
        out.push_str(extra);
        out.push_str(&line[id_end..]);
        out.push('\n');
    }
    out.push_str(&sample[end..]);
    out
}

/// The official ObjectEnvelope sample with `count` small encoded objects, each an HTML page
/// declared as `image/jpeg` — so each gives a finding, as the sample's own object does.
pub fn object_envelope(count: usize) -> String {
    let sample = fixture("svefaktura/samples/ObjectEnvelope.xml");
    let start = sample.find("<EncodedObject>").unwrap_or(sample.len());
    let end = sample.rfind("</ObjectEnvelope>").unwrap_or(sample.len());
    let mut out = String::with_capacity(sample.len() + count * 120);
    out.push_str(&sample[..start]);
    for n in 0..count {
        out.push_str(&format!(
            "<EncodedObject><ObjectID>{n}</ObjectID><EncodedData format=\"BASE64\" \
             mimeCode=\"image/jpeg\" filename=\"{n}.jpg\">PGh0bWw+PC9odG1sPg==</EncodedData>\
             </EncodedObject>\n"
        ));
    }
    out.push_str(&sample[end..]);
    out
}
