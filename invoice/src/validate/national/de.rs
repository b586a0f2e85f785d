//! DE-R-* — German national rules (XRechnung CIUS) when both seller and buyer are German
//! (`$supplierCountryIsDE and $customerCountryIsDE`, address country codes): payment
//! instructions (BG-16…BG-19) with IBAN checks, buyer reference (BT-10), seller contact (BG-6),
//! addresses (BG-5, BG-8, BG-15), VAT rates (BT-119), Skonto payment terms (BT-20), attachment
//! file names (BT-125), and (2026.5) absolute URLs for external documents (BT-124, DE-R-T02).
//!
//! 3.0.19 and 2026.5 differ: 2026.5 normalises payment means and type codes before comparing
//! (3.0.19 compares them as numbers), and revised the Skonto and e-mail patterns.

use crate::validate::peppol::facts::{
    both_german, cac, cbc, cbc_child, first, is_ubl, kids, string_of, substring, substring_from,
    upper,
};
use crate::validate::xpath::{self, has_content, normalize_space, normalized_eq, select};
use crate::validate::{Ctx, RuleSetId, Sink};
use crate::xml::Element;
use crate::xml::ns::{CAC, CBC};

/// Whether seller and buyer are both German, computed once per document.
struct German(bool);

/// The document context `(/Invoice | /CreditNote)[DE and DE]`.
fn german<'d>(cx: &Ctx<'d>) -> Option<Element<'d>> {
    let root = cx.root;
    let on = cx.memo(|cx| German(is_ubl(cx.root) && both_german(cx.root)));
    on.0.then_some(root)
}

/// `cbc:X[boolean(normalize-space(.))]` exists.
fn filled(e: Element<'_>, local: &'static str) -> bool {
    kids(e, CBC, local).any(|c| has_content(&c.string_value()))
}

/// DE-R-001: payment instructions (BG-16) are given.
pub(super) fn de_r_001(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(doc) = german(cx) {
        sink.check(doc, cac_exists(doc, "PaymentMeans"));
    }
}

fn cac_exists(e: Element<'_>, local: &'static str) -> bool {
    kids(e, CAC, local).next().is_some()
}

/// DE-R-015: the buyer reference (BT-10) is given.
pub(super) fn de_r_015(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(doc) = german(cx) {
        sink.check(doc, filled(doc, "BuyerReference"));
    }
}

/// DE-R-016: with VAT categories S, Z, E, AE, K, G, L or M (BT-95, BT-102, BT-151) the seller
/// VAT id or tax registration (BT-31, BT-32) or a tax representative (BG-11) is given.
pub(super) fn de_r_016(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    const CODES: [&str; 8] = ["S", "Z", "E", "AE", "K", "G", "L", "M"];
    let Some(doc) = german(cx) else { return };
    let supported = |e: Element<'_>| CODES.contains(&&*e.string_value());
    // BT-95 / BT-102: document-level allowance/charge categories whose allowance/charge
    // ancestor has indicator 'false' or 'true' (any category under a flagged one).
    let doc_level = kids(doc, CAC, "AllowanceCharge").any(|ac| {
        let flagged =
            kids(ac, CBC, "ChargeIndicator").any(|c| c.text() == "false" || c.text() == "true");
        flagged && select(ac, &[cac("TaxCategory"), cbc("ID")]).any(supported)
    });
    let line_level = ["InvoiceLine", "CreditNoteLine"].iter().any(|line| {
        kids(doc, CAC, line).any(|l| {
            select(l, &[cac("Item"), cac("ClassifiedTaxCategory"), cbc("ID")]).any(supported)
        })
    });
    if !(doc_level || line_level) {
        sink.check(doc, true);
        return;
    }
    let seller_ids = select(
        doc,
        &[
            cac("AccountingSupplierParty"),
            cac("Party"),
            cac("PartyTaxScheme"),
            cbc("CompanyID"),
        ],
    )
    .any(|id| has_content(&id.string_value()));
    sink.check(doc, cac_exists(doc, "TaxRepresentativeParty") || seller_ids);
}

/// DE-R-017: the document type code (BT-3) should be 326, 380, 384, 389, 381, 875, 876 or 877.
pub(super) fn de_r_017(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    const CODES: [&str; 8] = ["326", "380", "384", "389", "381", "875", "876", "877"];
    let Some(doc) = german(cx) else { return };
    let normalise = sink.release() == RuleSetId::Peppol2026_5;
    let ok = ["InvoiceTypeCode", "CreditNoteTypeCode"]
        .iter()
        .any(|name| {
            kids(doc, CBC, name).any(|c| {
                if normalise {
                    CODES.contains(&&*normalize_space(c.text()))
                } else {
                    CODES.contains(&c.text())
                }
            })
        });
    sink.check(doc, ok);
}

/// One Skonto line (`normalize-space`d) against the release's pattern:
/// `#SKONTO#TAGE=n#PROZENT=n.nn(#BASISBETRAG=-?n.nn)?#` at the end (3.0.19: anywhere before;
/// 2026.5: the whole line).
fn skonto_line(line: &str, anchored: bool) -> bool {
    if anchored {
        return skonto_tail(line);
    }
    line.char_indices()
        .any(|(i, c)| c == '#' && skonto_tail(&line[i..]))
}

/// `#SKONTO#TAGE=[0-9]+#PROZENT=[0-9]+\.[0-9]{2}(#BASISBETRAG=-?[0-9]+\.[0-9]{2})?#$` matching
/// exactly `s`.
fn skonto_tail(s: &str) -> bool {
    fn digits(s: &str) -> (&str, usize) {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        (&s[n..], n)
    }
    fn amount(s: &str) -> Option<&str> {
        let (rest, n) = digits(s);
        if n == 0 {
            return None;
        }
        let rest = rest.strip_prefix('.')?;
        let (rest, m) = digits(rest);
        (m >= 2)
            .then(|| &rest[..0])
            .map(|_| rest)
            .filter(|_| m == 2)
    }
    let Some(rest) = s.strip_prefix("#SKONTO#TAGE=") else {
        return false;
    };
    let (rest, n) = digits(rest);
    if n == 0 {
        return false;
    }
    let Some(rest) = rest.strip_prefix("#PROZENT=") else {
        return false;
    };
    let Some(rest) = amount(rest) else {
        return false;
    };
    if rest == "#" {
        return true;
    }
    let Some(rest) = rest.strip_prefix("#BASISBETRAG=") else {
        return false;
    };
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    amount(rest) == Some("#")
}

/// DE-R-018: Skonto lines in the payment terms (BT-20) follow the XRechnung format and the
/// statement ends with a line break.
pub(super) fn de_r_018(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(doc) = german(cx) else { return };
    let anchored = sink.release() == RuleSetId::Peppol2026_5;
    let notes: Vec<Element<'_>> = kids(doc, CAC, "PaymentTerms")
        .filter_map(|pt| cbc_child(pt, "Note"))
        .collect();
    let mut any_line = false;
    let mut lines_ok = true;
    for note in &notes {
        let text = note.string_value();
        for line in split_lines(&text) {
            let line = normalize_space(line);
            if line.starts_with('#') {
                any_line = true;
                lines_ok &= skonto_line(&line, anchored);
            }
        }
    }
    if !any_line {
        sink.check(doc, true);
        return;
    }
    // `matches(cac:PaymentTerms/cbc:Note[1]/tokenize(., '#.+#')[last()], '^\s*\n')`: the text
    // after the last `#…#` run starts with whitespace containing a line feed.
    let tail_ok = match notes.as_slice() {
        [note] => {
            let text = note.string_value();
            last_token_after_hash_run(&text).is_some_and(|t| {
                let rest = t.trim_start_matches([' ', '\t', '\r', '\n']);
                t[..t.len() - rest.len()].contains('\n')
            })
        }
        _ => false,
    };
    sink.check(doc, lines_ok && tail_ok);
}

/// `tokenize(s, '(\r?\n)')`: lines split at LF (a CR before it is part of the separator).
fn split_lines(s: &str) -> impl Iterator<Item = &str> {
    s.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l))
}

/// The last token of `tokenize(s, '#.+#')` (`.` excludes line breaks; greedy per line): the
/// text after the last `#…#` run, or `None` for an empty input.
fn last_token_after_hash_run(s: &str) -> Option<&str> {
    if s.is_empty() {
        return None;
    }
    // Scan left to right, as the regex engine does: a match starts at a '#' and extends to the
    // last '#' on the same line at least two characters further.
    let b = s.as_bytes();
    let mut i = 0;
    let mut last_end = 0;
    while i < b.len() {
        if b[i] == b'#' {
            let line_end = b[i + 1..]
                .iter()
                .position(|c| *c == b'\n' || *c == b'\r')
                .map_or(b.len(), |p| i + 1 + p);
            let close = (i + 2..line_end).rev().find(|j| b[*j] == b'#');
            if let Some(close) = close {
                last_end = close + 1;
                i = close + 1;
                continue;
            }
        }
        i += 1;
    }
    Some(&s[last_end..])
}

/// DE-R-022: attachment file names (BT-125 `@filename`) are unique.
pub(super) fn de_r_022(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(doc) = german(cx) else { return };
    let mut seen: Vec<&str> = Vec::new();
    let mut ok = true;
    for r in kids(doc, CAC, "AdditionalDocumentReference") {
        let names: Vec<&str> = select(r, &[cac("Attachment"), cbc("EmbeddedDocumentBinaryObject")])
            .filter_map(|o| o.attr("filename"))
            .collect();
        if names.iter().any(|n| seen.contains(n)) {
            ok = false;
        }
        seen.extend(names);
    }
    sink.check(doc, ok);
}

/// DE-R-026: a corrected invoice (type 384, BT-3) should reference the preceding invoice (BG-3).
pub(super) fn de_r_026(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(doc) = german(cx) else { return };
    let normalise = sink.release() == RuleSetId::Peppol2026_5;
    let corrected = ["InvoiceTypeCode", "CreditNoteTypeCode"]
        .iter()
        .any(|name| {
            kids(doc, CBC, name).any(|c| {
                if normalise {
                    normalized_eq(c.text(), "384")
                } else {
                    xpath::double(c.text()) == Some(384.0)
                }
            })
        });
    let referenced = xpath::exists(
        doc,
        &[cac("BillingReference"), cac("InvoiceDocumentReference")],
    );
    sink.check(doc, !corrected || referenced);
}

/// DE-R-030: a direct debit (BG-19) gives the bank-assigned creditor identifier (BT-90).
pub(super) fn de_r_030(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(doc) = german(cx) else { return };
    let mandate = xpath::exists(doc, &[cac("PaymentMeans"), cac("PaymentMandate")]);
    let sepa =
        |steps: &[(&str, &str)]| select(doc, steps).any(|id| id.attr("schemeID") == Some("SEPA"));
    let creditor = sepa(&[
        cac("AccountingSupplierParty"),
        cac("Party"),
        cac("PartyIdentification"),
        cbc("ID"),
    ]) || sepa(&[cac("PayeeParty"), cac("PartyIdentification"), cbc("ID")]);
    sink.check(doc, !mandate || creditor);
}

/// DE-R-031: a direct debit (BG-19) gives the debited account (BT-91).
pub(super) fn de_r_031(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(doc) = german(cx) else { return };
    let mandate = xpath::exists(doc, &[cac("PaymentMeans"), cac("PaymentMandate")]);
    let account = xpath::exists(
        doc,
        &[
            cac("PaymentMeans"),
            cac("PaymentMandate"),
            cac("PayerFinancialAccount"),
            cbc("ID"),
        ],
    );
    sink.check(doc, !mandate || account);
}

/// DE-R-T02 (2026.5): an external document location (BT-124) is an absolute URL.
pub(super) fn de_r_t02(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(doc) = german(cx) else { return };
    const EXTERNAL: [(&str, &str); 3] = [
        cac("AdditionalDocumentReference"),
        cac("Attachment"),
        cac("ExternalReference"),
    ];
    for ext in select(doc, &EXTERNAL) {
        let uri = string_of(cbc_child(ext, "URI"));
        sink.check(ext, absolute_url(&uri));
    }
}

/// `matches(s, '^([a-zA-Z])([a-zA-Z0-9+.-])+:.*')`: a scheme of at least two characters.
fn absolute_url(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first().is_none_or(|c| !c.is_ascii_alphabetic()) {
        return false;
    }
    let n = b[1..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-'))
        .count();
    n >= 1 && b.get(1 + n) == Some(&b':')
}

/// DE-R-002: the seller contact (BG-6) is given.
pub(super) fn de_r_002(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(doc) = german(cx) else { return };
    for asp in kids(doc, CAC, "AccountingSupplierParty") {
        sink.check(asp, xpath::exists(asp, &[cac("Party"), cac("Contact")]));
    }
}

/// `/*/<path>` elements of a German document.
fn german_path<'d>(
    cx: &Ctx<'d>,
    steps: &'static [(&'static str, &'static str)],
) -> Vec<Element<'d>> {
    match german(cx) {
        Some(doc) => select(doc, steps).collect(),
        None => Vec::new(),
    }
}

const SELLER_ADDRESS: [(&str, &str); 3] = [
    cac("AccountingSupplierParty"),
    cac("Party"),
    cac("PostalAddress"),
];
const SELLER_CONTACT: [(&str, &str); 3] =
    [cac("AccountingSupplierParty"), cac("Party"), cac("Contact")];
const BUYER_ADDRESS: [(&str, &str); 3] = [
    cac("AccountingCustomerParty"),
    cac("Party"),
    cac("PostalAddress"),
];
const DELIVERY_ADDRESS: [(&str, &str); 3] =
    [cac("Delivery"), cac("DeliveryLocation"), cac("Address")];

/// DE-R-003: the seller city (BT-37) is given.
pub(super) fn de_r_003(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for a in german_path(cx, &SELLER_ADDRESS) {
        sink.check(a, filled(a, "CityName"));
    }
}

/// DE-R-004: the seller post code (BT-38) is given.
pub(super) fn de_r_004(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for a in german_path(cx, &SELLER_ADDRESS) {
        sink.check(a, filled(a, "PostalZone"));
    }
}

/// DE-R-005: the seller contact point (BT-41) is given.
pub(super) fn de_r_005(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for c in german_path(cx, &SELLER_CONTACT) {
        sink.check(c, filled(c, "Name"));
    }
}

/// DE-R-006: the seller contact telephone (BT-42) is given.
pub(super) fn de_r_006(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for c in german_path(cx, &SELLER_CONTACT) {
        sink.check(c, filled(c, "Telephone"));
    }
}

/// DE-R-007: the seller contact e-mail (BT-43) is given.
pub(super) fn de_r_007(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for c in german_path(cx, &SELLER_CONTACT) {
        sink.check(c, filled(c, "ElectronicMail"));
    }
}

/// DE-R-027: the seller contact telephone (BT-42) should contain at least three digits.
pub(super) fn de_r_027(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for c in german_path(cx, &SELLER_CONTACT) {
        let phone = normalize_space(&string_of(cbc_child(c, "Telephone"))).into_owned();
        sink.check(c, phone.chars().filter(char::is_ascii_digit).count() >= 3);
    }
}

/// DE-R-028: the seller contact e-mail (BT-43) should be a valid address.
pub(super) fn de_r_028(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let strict = sink.release() != RuleSetId::Peppol2026_5;
    for c in german_path(cx, &SELLER_CONTACT) {
        let mail = normalize_space(&string_of(cbc_child(c, "ElectronicMail"))).into_owned();
        let ok = if strict {
            email_3_0_19(&mail)
        } else {
            email_2026_5(&mail)
        };
        sink.check(c, ok);
    }
}

/// 3.0.19: `^[atext]+(\.[atext]+)*@([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+
/// [a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$`.
fn email_3_0_19(s: &str) -> bool {
    const ATEXT: &str = "!#$%&\"*+/=?^_`{|}~-";
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let atom_ok = |a: &str| {
        !a.is_empty()
            && a.chars()
                .all(|c| c.is_ascii_alphanumeric() || ATEXT.contains(c))
    };
    if !local.split('.').all(atom_ok) {
        return false;
    }
    let label_ok = |l: &str| {
        let b = l.as_bytes();
        !b.is_empty()
            && b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric()
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
    };
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2 && labels.iter().all(|l| label_ok(l))
}

/// 2026.5: `^[^@\s]+@([^@.\s]+\.)+[^@.\s]+$`.
fn email_2026_5(s: &str) -> bool {
    let ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    if local.is_empty() || local.contains(ws) || domain.contains('@') || domain.contains(ws) {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2 && labels.iter().all(|l| !l.is_empty())
}

/// DE-R-008: the buyer city (BT-52) is given.
pub(super) fn de_r_008(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for a in german_path(cx, &BUYER_ADDRESS) {
        sink.check(a, filled(a, "CityName"));
    }
}

/// DE-R-009: the buyer post code (BT-53) is given.
pub(super) fn de_r_009(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for a in german_path(cx, &BUYER_ADDRESS) {
        sink.check(a, filled(a, "PostalZone"));
    }
}

/// DE-R-010: the deliver-to city (BT-77) is given with a delivery address (BG-15).
pub(super) fn de_r_010(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for a in german_path(cx, &DELIVERY_ADDRESS) {
        sink.check(a, filled(a, "CityName"));
    }
}

/// DE-R-011: the deliver-to post code (BT-78) is given with a delivery address (BG-15).
pub(super) fn de_r_011(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for a in german_path(cx, &DELIVERY_ADDRESS) {
        sink.check(a, filled(a, "PostalZone"));
    }
}

/// The payment means (BG-16) of a German document whose code is one of `codes`, compared as
/// numbers (3.0.19) or normalised strings (2026.5).
fn payment_means<'d>(cx: &Ctx<'d>, release: RuleSetId, codes: &[&str]) -> Vec<Element<'d>> {
    let Some(doc) = german(cx) else {
        return Vec::new();
    };
    kids(doc, CAC, "PaymentMeans")
        .filter(|pm| {
            kids(*pm, CBC, "PaymentMeansCode").any(|c| {
                if release == RuleSetId::Peppol2026_5 {
                    codes.contains(&&*normalize_space(c.text()))
                } else {
                    let v = xpath::double(c.text());
                    codes.iter().any(|k| v.is_some() && v == xpath::double(k))
                }
            })
        })
        .collect()
}

/// `cbc:PaymentMeansCode = code` as the release compares it inside the asserts.
fn code_is(pm: Element<'_>, release: RuleSetId, code: &str) -> bool {
    kids(pm, CBC, "PaymentMeansCode").any(|c| {
        if release == RuleSetId::Peppol2026_5 {
            normalized_eq(c.text(), code)
        } else {
            c.text() == code
        }
    })
}

/// The IBAN check of DE-R-019/020: the value without whitespace has the IBAN shape and its
/// rearranged letters-as-numbers form is 1 mod 97.
fn iban_ok(value: &str) -> bool {
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let b = compact.as_bytes();
    let shape = b.len() >= 4
        && b.len() <= 34
        && b[0].is_ascii_uppercase()
        && b[1].is_ascii_uppercase()
        && b[2].is_ascii_digit()
        && b[3].is_ascii_digit()
        && b[4..].iter().all(u8::is_ascii_alphanumeric);
    if !shape {
        return false;
    }
    let rearranged = format!(
        "{}{}{}",
        substring_from(&compact, 5),
        upper(std::borrow::Cow::Borrowed(substring(&compact, 1, 2))),
        substring(&compact, 3, 2)
    );
    let mut rem: u64 = 0;
    for c in rearranged.bytes() {
        let v = if c > 64 {
            u64::from(c) - 55
        } else {
            u64::from(c) - 48
        };
        for d in v.to_string().bytes() {
            rem = (rem * 10 + u64::from(d - b'0')) % 97;
        }
    }
    rem == 1
}

/// DE-R-019: with SEPA credit transfer (58) the payment account (BT-84) should be a valid IBAN.
pub(super) fn de_r_019(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let release = sink.release();
    for pm in payment_means(cx, release, &["30", "58"]) {
        let ok = !code_is(pm, release, "58")
            || iban_ok(&string_of(first(
                pm,
                &[cac("PayeeFinancialAccount"), cbc("ID")],
            )));
        sink.check(pm, ok);
    }
}

/// DE-R-023-1: credit transfer (30, 58) gives the credit transfer group (BG-17).
pub(super) fn de_r_023_1(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for pm in payment_means(cx, sink.release(), &["30", "58"]) {
        sink.check(pm, cac_exists(pm, "PayeeFinancialAccount"));
    }
}

/// DE-R-023-2: credit transfer (30, 58) gives no card (BG-18) or direct debit (BG-19).
pub(super) fn de_r_023_2(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for pm in payment_means(cx, sink.release(), &["30", "58"]) {
        sink.check(
            pm,
            !cac_exists(pm, "CardAccount") && !cac_exists(pm, "PaymentMandate"),
        );
    }
}

/// DE-R-024-1: card payment (48, 54, 55) gives the card information (BG-18).
pub(super) fn de_r_024_1(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for pm in payment_means(cx, sink.release(), &["48", "54", "55"]) {
        sink.check(pm, cac_exists(pm, "CardAccount"));
    }
}

/// DE-R-024-2: card payment (48, 54, 55) gives no credit transfer (BG-17) or direct debit (BG-19).
pub(super) fn de_r_024_2(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for pm in payment_means(cx, sink.release(), &["48", "54", "55"]) {
        sink.check(
            pm,
            !cac_exists(pm, "PayeeFinancialAccount") && !cac_exists(pm, "PaymentMandate"),
        );
    }
}

/// DE-R-020: with SEPA direct debit (59) the debited account (BT-91) should be a valid IBAN.
pub(super) fn de_r_020(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let release = sink.release();
    for pm in payment_means(cx, release, &["59"]) {
        let account = first(
            pm,
            &[
                cac("PaymentMandate"),
                cac("PayerFinancialAccount"),
                cbc("ID"),
            ],
        );
        let ok = !code_is(pm, release, "59") || iban_ok(&string_of(account));
        sink.check(pm, ok);
    }
}

/// DE-R-025-1: direct debit (59) gives the direct debit group (BG-19).
pub(super) fn de_r_025_1(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for pm in payment_means(cx, sink.release(), &["59"]) {
        sink.check(pm, cac_exists(pm, "PaymentMandate"));
    }
}

/// DE-R-025-2: direct debit (59) gives no credit transfer (BG-17) or card (BG-18).
pub(super) fn de_r_025_2(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for pm in payment_means(cx, sink.release(), &["59"]) {
        sink.check(
            pm,
            !cac_exists(pm, "PayeeFinancialAccount") && !cac_exists(pm, "CardAccount"),
        );
    }
}

/// DE-R-014: each VAT breakdown (BG-23) gives the category rate (BT-119).
pub(super) fn de_r_014(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(doc) = german(cx) else { return };
    for st in select(doc, &[cac("TaxTotal"), cac("TaxSubtotal")]) {
        let ok = select(st, &[cac("TaxCategory"), cbc("Percent")])
            .any(|p| has_content(&p.string_value()));
        sink.check(st, ok);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skonto_and_mail_and_iban() {
        assert!(skonto_tail("#SKONTO#TAGE=14#PROZENT=2.00#"));
        assert!(skonto_tail(
            "#SKONTO#TAGE=14#PROZENT=2.00#BASISBETRAG=-100.00#"
        ));
        assert!(!skonto_tail("#SKONTO#TAGE=14#PROZENT=2.0#"));
        assert!(skonto_line("x #SKONTO#TAGE=14#PROZENT=2.00#", false));
        assert!(!skonto_line("x #SKONTO#TAGE=14#PROZENT=2.00#", true));
        assert_eq!(last_token_after_hash_run("#SKONTO#TAGE=1#\n"), Some("\n"));
        assert_eq!(last_token_after_hash_run("a#b#c\n#d#"), Some(""));
        assert!(email_3_0_19("max.mustermann@example.de"));
        assert!(!email_3_0_19("max@example"));
        assert!(!email_3_0_19("max..m@example.de"));
        assert!(email_2026_5("a@b.c"));
        assert!(!email_2026_5("a@b..c"));
        assert!(iban_ok("DE75 5121 0800 1245 1261 99"));
        assert!(!iban_ok("DE75512108001245126198"));
        assert!(absolute_url("https://example.org/x"));
        assert!(!absolute_url("h:x"));
        assert!(!absolute_url("www.example.org"));
    }
}
