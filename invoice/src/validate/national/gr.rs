//! GR-R-*, GR-S-* — Greek national rules for Greek sellers (`$supplierCountry` `GR` or `EL`):
//! the six-segment invoice number (BT-1), names (BT-27, BT-44), VAT numbers (BT-31, BT-48) with
//! the Greek TIN check digit, the MARK number and invoice URL document references (BG-24), and
//! TIN-based electronic addresses (BT-34, BT-49, scheme 9933).

use crate::validate::peppol::facts::{
    SUPPLIER_PARTY, cac, cbc, cbc_child, countries, first, is_ubl, kids, schemes_normalized,
    string_of, substring, substring_from, vat_schemes,
};
use crate::validate::peppol::identifiers::castable_integer;
use crate::validate::xpath::{self, normalize_space, select, string_length};
use crate::validate::{Ctx, Sink};
use crate::xml::Element;
use crate::xml::ns::{CAC, CBC};

fn greek(code: &str) -> bool {
    code == "GR" || code == "EL"
}

/// `$isGreekSender`.
fn greek_sender(cx: &Ctx<'_>) -> bool {
    greek(&countries(cx).supplier)
}

/// `$isGreekSenderandReceiver`.
fn greek_both(cx: &Ctx<'_>) -> bool {
    greek_sender(cx) && greek(&countries(cx).customer)
}

/// `u:TinVerification`: the Greek TIN check digit (powers of two weights, mod 11 mod 10) over
/// the first nine characters.
pub(crate) fn tin(s: &str) -> bool {
    let digits: Vec<f64> = s
        .chars()
        .take(9)
        .map(|c| xpath::number(c.encode_utf8(&mut [0; 4])))
        .collect();
    if digits.len() < 9 {
        return false;
    }
    let mut sum = 0.0;
    for (i, w) in [256.0, 128.0, 64.0, 32.0, 16.0, 8.0, 4.0, 2.0]
        .iter()
        .enumerate()
    {
        sum += digits[i] * w;
    }
    if sum.is_nan() {
        return false;
    }
    (sum % 11.0) % 10.0 == digits[8]
}

/// The `/*/cbc:ID` contexts of GR-R-001-*: the invoice number (BT-1) of a Greek seller.
fn invoice_numbers<'d>(cx: &Ctx<'d>) -> Vec<Element<'d>> {
    if !is_ubl(cx.root) || !greek_sender(cx) {
        return Vec::new();
    }
    kids(cx.root, CBC, "ID").collect()
}

/// XPath `tokenize(s, '\|')`: the empty string gives no tokens.
fn segments(s: &str) -> Vec<&str> {
    if s.is_empty() {
        Vec::new()
    } else {
        s.split('|').collect()
    }
}

/// GR-R-001-1: a Greek seller's invoice number (BT-1) has six `|`-separated segments.
pub(super) fn gr_r_001_1(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for id in invoice_numbers(cx) {
        let v = id.string_value();
        sink.check(id, segments(&v).len() == 6);
    }
}

/// GR-R-001-2: the first segment is a valid TIN equal to the seller's (or tax
/// representative's) VAT number (BT-31, BT-63) without prefix.
pub(super) fn gr_r_001_2(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for id in invoice_numbers(cx) {
        let v = id.string_value();
        let seg = segments(&v);
        let Some(first_seg) = seg.first() else {
            // No segment: the length test fails first (the `and` never reaches the TIN check).
            sink.fire(id);
            continue;
        };
        let tins = |parties: &mut dyn Iterator<Item = Element<'_>>| -> bool {
            parties
                .flat_map(vat_schemes)
                .any(|pts| substring(&string_of(cbc_child(pts, "CompanyID")), 3, 9) == *first_seg)
        };
        let matches_vat = tins(&mut select(cx.root, &SUPPLIER_PARTY))
            || tins(&mut kids(cx.root, CAC, "TaxRepresentativeParty"));
        let ok = string_length(&normalize_space(first_seg)) == 9 && tin(first_seg) && matches_vat;
        sink.check(id, ok);
    }
}

/// `^(0?[1-9]|[12][0-9]|3[01])[-\\/ ]?(0?[1-9]|1[0-2])[-\\/ ]?(19|20)[0-9]{2}` (anchored at the
/// start only).
fn greek_date_prefix(s: &str) -> bool {
    let b = s.as_bytes();
    let day = |x: &[u8]| match x {
        [d] => (b'1'..=b'9').contains(d),
        [a, d] => {
            (*a == b'0' && (b'1'..=b'9').contains(d))
                || ((*a == b'1' || *a == b'2') && d.is_ascii_digit())
                || (*a == b'3' && (*d == b'0' || *d == b'1'))
        }
        _ => false,
    };
    let month = |x: &[u8]| match x {
        [d] => (b'1'..=b'9').contains(d),
        [a, d] => {
            (*a == b'0' && (b'1'..=b'9').contains(d)) || (*a == b'1' && (b'0'..=b'2').contains(d))
        }
        _ => false,
    };
    let sep = |c: u8| matches!(c, b'-' | b'\\' | b'/' | b' ');
    let year = |x: &[u8]| {
        x.len() >= 4
            && (x.starts_with(b"19") || x.starts_with(b"20"))
            && x[2..4].iter().all(u8::is_ascii_digit)
    };
    for dl in 1..=2 {
        if b.len() < dl || !day(&b[..dl]) {
            continue;
        }
        for s1 in 0..=1 {
            let at = dl + s1;
            if s1 == 1 && (b.len() <= dl || !sep(b[dl])) {
                continue;
            }
            for ml in 1..=2 {
                if b.len() < at + ml || !month(&b[at..at + ml]) {
                    continue;
                }
                for s2 in 0..=1 {
                    let at2 = at + ml + s2;
                    if s2 == 1 && (b.len() <= at + ml || !sep(b[at + ml])) {
                        continue;
                    }
                    if b.len() >= at2 && year(&b[at2..]) {
                        return true;
                    }
                }
            }
        }
    }
    false
}

/// GR-R-001-3: the second segment is a date matching the issue date (BT-2).
pub(super) fn gr_r_001_3(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let issue = string_of(cbc_child(cx.root, "IssueDate"));
    let issue: Vec<&str> = segments_by(&issue, '-');
    for id in invoice_numbers(cx) {
        let v = id.string_value();
        let seg = segments(&v);
        let second = seg.get(1).copied().unwrap_or("");
        let parts = segments_by(second, '/');
        let same = |a: usize, b: usize| match (parts.get(a), issue.get(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        };
        let ok = !normalize_space(second).is_empty()
            && greek_date_prefix(second)
            && same(0, 2)
            && same(1, 1)
            && same(2, 0);
        sink.check(id, ok);
    }
}

fn segments_by(s: &str, sep: char) -> Vec<&str> {
    if s.is_empty() {
        Vec::new()
    } else {
        s.split(sep).collect()
    }
}

/// GR-R-001-4: the third segment is a non-negative integer.
pub(super) fn gr_r_001_4(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for id in invoice_numbers(cx) {
        let v = id.string_value();
        let seg = segments(&v);
        let third = seg.get(2).copied().unwrap_or("");
        let ok = !normalize_space(third).is_empty() && !xpath::number(third).is_nan();
        if ok && !castable_integer(third) {
            continue; // xs:integer() of a non-integer number stops the official processor
        }
        sink.check(id, ok && xpath::number(third) >= 0.0);
    }
}

/// GR-R-001-5: the fourth segment is a Greek document type.
pub(super) fn gr_r_001_5(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    const TYPES: [&str; 6] = ["1.1", "1.6", "2.1", "2.4", "5.1", "5.2"];
    for id in invoice_numbers(cx) {
        let v = id.string_value();
        let seg = segments(&v);
        let fourth = seg.get(3).copied().unwrap_or("");
        sink.check(
            id,
            !normalize_space(fourth).is_empty() && TYPES.contains(&fourth),
        );
    }
}

/// GR-R-001-6: the fifth segment is not empty.
pub(super) fn gr_r_001_6(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for id in invoice_numbers(cx) {
        let v = id.string_value();
        sink.check(id, segments(&v).get(4).is_some_and(|s| !s.is_empty()));
    }
}

/// GR-R-001-7: the sixth segment is not empty.
pub(super) fn gr_r_001_7(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for id in invoice_numbers(cx) {
        let v = id.string_value();
        sink.check(id, segments(&v).get(5).is_some_and(|s| !s.is_empty()));
    }
}

/// `cac:<role>[$isGreekSender]/cac:Party` anywhere.
fn parties<'c, 'd>(
    cx: &'c Ctx<'d>,
    role: &'static str,
    on: bool,
) -> impl Iterator<Item = Element<'d>> + 'c {
    cx.named_ns(CAC, "Party")
        .filter(move |p| on && p.parent().is_some_and(|r| r.is(CAC, role)))
}

/// `string-length(cac:PartyName/cbc:Name) > 0`.
fn has_name(party: Element<'_>) -> bool {
    !string_of(first(party, &[cac("PartyName"), cbc("Name")])).is_empty()
}

/// GR-R-002: a Greek seller gives its name (BT-27).
pub(super) fn gr_r_002(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for party in parties(cx, "AccountingSupplierParty", greek_sender(cx)) {
        sink.check(party, has_name(party));
    }
}

/// Exactly one VAT number (normalised scheme `VAT`), starting `EL`, with a valid TIN.
fn one_greek_vat(party: Element<'_>) -> bool {
    let mut ids = schemes_normalized(party, "VAT").flat_map(|pts| kids(pts, CBC, "CompanyID"));
    let (Some(id), None) = (ids.next(), ids.next()) else {
        return false;
    };
    let v = id.string_value();
    substring(&v, 1, 2) == "EL" && tin(substring_from(&v, 3))
}

/// GR-S-011: a Greek seller should give its VAT number (BT-31) prefixed `EL`.
pub(super) fn gr_s_011(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for party in parties(cx, "AccountingSupplierParty", greek_sender(cx)) {
        sink.check(party, one_greek_vat(party));
    }
}

/// GR-R-003: a Greek seller's VAT number (BT-31) starts `EL` and is a valid TIN.
pub(super) fn gr_r_003(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for party in parties(cx, "AccountingSupplierParty", greek_sender(cx)) {
        for id in schemes_normalized(party, "VAT").flat_map(|pts| kids(pts, CBC, "CompanyID")) {
            let v = id.string_value();
            sink.check(
                id,
                substring(&v, 1, 2) == "EL" && tin(substring_from(&v, 3)),
            );
        }
    }
}

/// `$isGreekSender and /*/…/cac:Country/cbc:IdentificationCode = 'GR'` (exact).
fn greek_sender_in_greece(cx: &Ctx<'_>) -> bool {
    greek_sender(cx)
        && select(
            cx.root,
            &[
                cac("AccountingSupplierParty"),
                cac("Party"),
                cac("PostalAddress"),
                cac("Country"),
                cbc("IdentificationCode"),
            ],
        )
        .any(|c| c.text() == "GR")
}

/// Additional document references (BG-24) whose description (BT-123) is `desc`.
fn references<'d>(root: Element<'d>, desc: &'static str) -> impl Iterator<Item = Element<'d>> + 'd {
    kids(root, CAC, "AdditionalDocumentReference")
        .filter(move |r| kids(*r, CBC, "DocumentDescription").any(|d| d.string_value() == desc))
}

/// GR-R-004-1: a Greek seller gives exactly one MARK number reference.
pub(super) fn gr_r_004_1(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if is_ubl(cx.root) && greek_sender_in_greece(cx) {
        sink.check(cx.root, references(cx.root, "##M.AR.K##").count() == 1);
    }
}

/// GR-S-008-1: a Greek seller should give one invoice URL reference.
pub(super) fn gr_s_008_1(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if is_ubl(cx.root) && greek_sender_in_greece(cx) {
        sink.check(cx.root, references(cx.root, "##INVOICE|URL##").count() == 1);
    }
}

/// GR-R-008-2: a Greek seller gives at most one invoice URL reference.
pub(super) fn gr_r_008_2(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if is_ubl(cx.root) && greek_sender_in_greece(cx) {
        sink.check(cx.root, references(cx.root, "##INVOICE|URL##").count() <= 1);
    }
}

/// `cac:AdditionalDocumentReference[cbc:DocumentDescription = desc]` anywhere.
fn references_anywhere<'c, 'd>(
    cx: &'c Ctx<'d>,
    desc: &'static str,
) -> impl Iterator<Item = Element<'d>> + 'c {
    cx.named_ns(CAC, "AdditionalDocumentReference")
        .filter(move |r| kids(*r, CBC, "DocumentDescription").any(|d| d.string_value() == desc))
}

/// GR-R-004-2: the MARK number (BT-122) is a positive integer.
pub(super) fn gr_r_004_2(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if !greek_sender_in_greece(cx) {
        return;
    }
    for r in references_anywhere(cx, "##M.AR.K##") {
        for id in kids(r, CBC, "ID") {
            let v = id.string_value();
            sink.check(
                id,
                v.as_bytes()
                    .first()
                    .is_some_and(|b| (b'1'..=b'9').contains(b)),
            );
        }
    }
}

/// GR-R-008-3: the invoice URL reference gives its external location (BT-124).
pub(super) fn gr_r_008_3(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if !greek_sender(cx) {
        return;
    }
    for r in references_anywhere(cx, "##INVOICE|URL##") {
        let uri = first(
            r,
            &[cac("Attachment"), cac("ExternalReference"), cbc("URI")],
        );
        sink.check(r, !normalize_space(&string_of(uri)).is_empty());
    }
}

/// GR-R-005: a Greek seller gives the buyer's name (BT-44).
pub(super) fn gr_r_005(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for party in parties(cx, "AccountingCustomerParty", greek_sender(cx)) {
        sink.check(party, has_name(party));
    }
}

/// `@schemeID = '9933' and u:TinVerification(.)`.
fn tin_endpoint(e: Element<'_>) -> bool {
    e.attr("schemeID") == Some("9933") && tin(&e.string_value())
}

/// GR-R-009: a Greek seller's electronic address (BT-34) is its TIN (scheme 9933).
pub(super) fn gr_r_009(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if !greek(&countries(cx).accounting_supplier) {
        return;
    }
    for party in parties(cx, "AccountingSupplierParty", true) {
        for e in kids(party, CBC, "EndpointID") {
            sink.check(e, tin_endpoint(e));
        }
    }
}

/// GR-R-006: a Greek seller gives a Greek buyer's VAT number (BT-48).
pub(super) fn gr_r_006(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for party in parties(cx, "AccountingCustomerParty", greek_both(cx)) {
        sink.check(party, one_greek_vat(party));
    }
}

/// GR-R-010: between Greek parties the buyer's electronic address (BT-49) is its TIN (9933).
pub(super) fn gr_r_010(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for party in parties(cx, "AccountingCustomerParty", greek_both(cx)) {
        for e in kids(party, CBC, "EndpointID") {
            sink.check(e, tin_endpoint(e));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greek_tin_and_dates() {
        assert!(tin("094259216"));
        assert!(!tin("094259217"));
        assert!(greek_date_prefix("08/02/2018"));
        assert!(greek_date_prefix("8-2-2018"));
        assert!(greek_date_prefix("08022018"));
        assert!(!greek_date_prefix("2018-02-08"));
    }
}
