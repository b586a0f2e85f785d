//! The readable invoice as one self-contained HTML file (inline style, no script, no external
//! resource), so that it can be filed or printed to PDF from any browser.
//!
//! Invariant: every text from the document passes through [`escape`]; nothing from the document
//! is ever written as markup.

use std::fmt::Write as _;

use crate::i18n::{Lang, t};
use crate::review::{Row, Verdict};
use crate::sheet::{Field, Sheet};

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#111;line-height:1.4}\
h1{margin-bottom:.2em}.credit{border:3px solid #a00;color:#a00;padding:.4em;font-weight:bold}\
.parties{display:flex;gap:2em;flex-wrap:wrap}.party{flex:1;min-width:16em;border:1px solid #999;padding:.6em}\
table{border-collapse:collapse;width:100%;margin:.6em 0}th,td{border-bottom:1px solid #ccc;padding:.25em .4em;text-align:left;vertical-align:top}\
td.num,th.num{text-align:right;white-space:nowrap}dl{display:grid;grid-template-columns:max-content auto;gap:.1em 1em}\
dt{color:#444}dd{margin:0}.due{font-weight:bold;font-size:1.2em}.small{color:#444;font-size:.9em}\
@media print{body{margin:0}}";

fn fields(out: &mut String, fields: &[Field]) {
    if fields.is_empty() {
        return;
    }
    out.push_str("<dl>");
    for f in fields {
        let _ = write!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            escape(&f.caption),
            escape(&f.value)
        );
    }
    out.push_str("</dl>");
}

/// The whole page: the invoice as the window shows it, then the validation verdict and findings.
pub fn html(sheet: &Sheet, file_name: &str, verdict: Verdict, rows: &[Row], lang: Lang) -> String {
    let tr = |x: crate::i18n::Tr| escape(x.get(lang));
    let mut o = String::with_capacity(16 * 1024);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{} – {}</title>\
         <style>{STYLE}</style></head><body>",
        lang.tag(),
        escape(&sheet.title),
        escape(file_name)
    );
    let _ = write!(
        o,
        "<h1>{}</h1><p class=\"small\">{}</p>",
        escape(&sheet.title),
        escape(file_name)
    );
    if sheet.is_credit_note {
        let _ = write!(o, "<p class=\"credit\">{}</p>", tr(t::CREDIT_NOTE_BANNER));
    }
    o.push_str("<div class=\"parties\">");
    for p in &sheet.parties {
        let _ = write!(o, "<section class=\"party\"><h2>{}</h2>", escape(&p.title));
        for a in &p.address {
            let _ = write!(o, "<div>{}</div>", escape(&a.value));
        }
        fields(&mut o, &p.details);
        o.push_str("</section>");
    }
    o.push_str("</div>");
    fields(&mut o, &sheet.header);

    if !sheet.lines.is_empty() {
        let _ = write!(
            o,
            "<h2>{}</h2><table><thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th>{}</th>\
             <th class=\"num\">{}</th><th>{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
            tr(t::LINES),
            tr(t::COL_ID),
            tr(t::COL_ITEM),
            tr(t::COL_QUANTITY),
            tr(t::COL_UNIT),
            tr(t::COL_PRICE),
            tr(t::COL_VAT),
            tr(t::COL_AMOUNT)
        );
        for l in &sheet.lines {
            let mut item = escape(&l.item);
            for d in l.details.iter().chain(l.adjustments.iter()) {
                let _ = write!(item, "<br><span class=\"small\">{}</span>", escape(d));
            }
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{item}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td>\
                 <td>{}</td><td class=\"num\">{}</td></tr>",
                escape(&l.id),
                escape(&l.quantity),
                escape(&l.unit),
                escape(&l.price),
                escape(&l.vat),
                escape(&l.amount)
            );
        }
        o.push_str("</tbody></table>");
    }
    if !sheet.adjustments.is_empty() {
        let _ = write!(o, "<h2>{}</h2><table><tbody>", tr(t::ALLOWANCES_CHARGES));
        for a in &sheet.adjustments {
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
                escape(&a.kind),
                escape(&a.reason),
                escape(&a.vat),
                escape(&a.amount)
            );
        }
        o.push_str("</tbody></table>");
    }
    if !sheet.vat.is_empty() {
        let _ = write!(
            o,
            "<h2>{}</h2><table><thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th>\
             <th class=\"num\">{}</th><th>{}</th></tr></thead><tbody>",
            tr(t::VAT_BREAKDOWN),
            tr(t::VAT_CATEGORY),
            tr(t::VAT_RATE),
            tr(t::TAXABLE),
            tr(t::VAT_AMOUNT),
            tr(t::EXEMPTION)
        );
        for v in &sheet.vat {
            let _ = write!(
                o,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                escape(&v.category),
                escape(&v.rate),
                escape(&v.taxable),
                escape(&v.tax),
                escape(v.exemption.as_deref().unwrap_or(""))
            );
        }
        o.push_str("</tbody></table>");
    }
    if !sheet.totals.is_empty() {
        let _ = write!(o, "<h2>{}</h2><table><tbody>", tr(t::TOTALS));
        let last = sheet.totals.len() - 1;
        for (i, f) in sheet.totals.iter().enumerate() {
            let class = if i == last && f.term == "BT-115" {
                " class=\"due\""
            } else {
                ""
            };
            let _ = write!(
                o,
                "<tr{class}><td>{}</td><td class=\"num\">{}</td></tr>",
                escape(&f.caption),
                escape(&f.value)
            );
        }
        o.push_str("</tbody></table>");
    }
    if sheet.payment_terms.is_some() || !sheet.payments.is_empty() {
        let _ = write!(o, "<h2>{}</h2>", tr(t::PAYMENT));
        if let Some(terms) = &sheet.payment_terms {
            fields(&mut o, std::slice::from_ref(terms));
        }
        for p in &sheet.payments {
            fields(&mut o, &p.fields);
        }
    }
    if !sheet.notes.is_empty() {
        let _ = write!(o, "<h2>{}</h2>", tr(t::NOTES));
        for n in &sheet.notes {
            let _ = write!(o, "<p>{}</p>", escape(n).replace('\n', "<br>"));
        }
    }
    if !sheet.attachments.is_empty() {
        let _ = write!(o, "<h2>{}</h2><ul>", tr(t::VIEW_ATTACHMENTS));
        for a in &sheet.attachments {
            let _ = write!(
                o,
                "<li>{} <span class=\"small\">{}</span></li>",
                escape(&a.title),
                escape(&a.summary)
            );
        }
        o.push_str("</ul>");
    }
    let _ = write!(
        o,
        "<h2>{}</h2><p><strong>{}</strong></p>",
        tr(t::VIEW_VALIDATION),
        escape(verdict.text(lang))
    );
    if !rows.is_empty() {
        let _ = write!(
            o,
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            tr(t::RULE),
            tr(t::FATAL),
            tr(t::TERM),
            tr(t::PLACE)
        );
        for r in rows {
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}<br><span class=\"small\">{}</span></td><td class=\"small\">{}</td></tr>",
                escape(&r.id),
                escape(&r.flag),
                escape(&r.message),
                escape(&r.terms),
                escape(&r.location)
            );
        }
        o.push_str("</tbody></table>");
    }
    o.push_str("</body></html>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_controls() {
        let cases = [
            (
                "<script>alert(1)</script>",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
            ),
            ("a & b", "a &amp; b"),
            ("\"q\" 'a'", "&quot;q&quot; &#39;a&#39;"),
            ("x\u{0}y", "x\u{FFFD}y"),
            ("Åäö", "Åäö"),
        ];
        for (given, expected) in cases {
            assert_eq!(escape(given), expected);
        }
    }
}
