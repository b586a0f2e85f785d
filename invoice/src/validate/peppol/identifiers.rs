//! PEPPOL-COMMON-R* — the formats and check digits of party identifiers (BT-29, BT-30, BT-34,
//! BT-46, BT-47, BT-49, BT-60, BT-61, BT-63, BT-90 …) by identifier scheme (ISO 6523 ICD or EAS
//! code in `@schemeID`), and the Schematron helper functions (`u:gln`, `u:mod11`,
//! `u:mod97-0208`, `u:checkCodiceIPA`, `u:checkCF`, `u:checkPIVAseIT`, `u:checkSEOrgnr`,
//! `u:abn`) as plain Rust functions.
//!
//! In the official pattern an identifier element is judged by the first rule whose context
//! matches it; since `@schemeID` has one value, that only matters for PEPPOL-COMMON-R056-2
//! (Dutch VAT numbers), which sees a `PartyTaxScheme` `CompanyID` only when no scheme rule
//! listed before it took the element.

use crate::validate::xpath::{self, normalize_space};
use crate::validate::{Ctx, Sink};
use crate::xml::Element;
use crate::xml::ns::{CAC, CBC};

/// The identifier elements whose `@schemeID` is exactly `scheme`, in document order.
fn with_scheme<'c, 'd>(cx: &'c Ctx<'d>, scheme: &str) -> impl Iterator<Item = Element<'d>> + 'c {
    let ids = identifier_ids(cx);
    let want = pack(scheme);
    let doc = cx.root.document();
    let matching: Vec<u32> = ids
        .0
        .iter()
        .filter(|(_, s)| *s == want)
        .map(|(id, _)| *id)
        .collect();
    matching
        .into_iter()
        .filter_map(move |id| doc.element(id as usize))
}

/// The element ids of the ICD rules' contexts (`cbc:EndpointID`,
/// `cac:PartyIdentification/cbc:ID`, `cbc:CompanyID` with a `@schemeID`) with their packed `@schemeID` (see [`pack`]), in document
/// order: computed once per document and shared by the seventeen PEPPOL-COMMON rules.
struct IdentifierIds(Vec<(u32, u64)>);

fn identifier_ids(cx: &Ctx<'_>) -> std::rc::Rc<IdentifierIds> {
    cx.memo(|cx| {
        let named = cx
            .named_ns(CBC, "EndpointID")
            .chain(cx.named_ns(CBC, "CompanyID"))
            .chain(cx.named_ns(CBC, "ID"));
        let mut ids: Vec<(u32, u64)> = named
            .filter(|e| match e.local_name() {
                "EndpointID" | "CompanyID" => true,
                _ => e.parent().is_some_and(|p| p.is(CAC, "PartyIdentification")),
            })
            .filter_map(|e| e.attr("schemeID").map(|s| (e.id() as u32, pack(s))))
            .collect();
        ids.sort_unstable();
        IdentifierIds(ids)
    })
}

/// A scheme id of up to eight bytes as one integer (longer ids map to `u64::MAX`, which no
/// rule's scheme equals), so each rule compares integers instead of re-reading attributes.
fn pack(s: &str) -> u64 {
    let b = s.as_bytes();
    if b.len() > 8 {
        return u64::MAX;
    }
    let mut buf = [0u8; 8];
    buf[..b.len()].copy_from_slice(b);
    u64::from_le_bytes(buf)
}

/// Runs `test` on the normalised value of every identifier with scheme `scheme`.
fn by_scheme(cx: &Ctx<'_>, sink: &mut Sink<'_>, scheme: &str, test: fn(&str) -> bool) {
    for e in with_scheme(cx, scheme) {
        sink.check(e, test(&normalize_space(&e.string_value())));
    }
}

/// Like [`by_scheme`] but the test sees the raw string value (`string()`), as R042/R052/R053 do.
fn by_scheme_raw(cx: &Ctx<'_>, sink: &mut Sink<'_>, scheme: &str, test: fn(&str) -> bool) {
    for e in with_scheme(cx, scheme) {
        sink.check(e, test(&e.string_value()));
    }
}

/// True when `s` is non-empty and all ASCII digits (`^[0-9]+$`).
pub(crate) fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `string-length(translate(s, '1234567890', '')) = 0`: only ASCII digits (or empty).
fn only_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// `^[0-9]{n}$`.
fn digits_n(s: &str, n: usize) -> bool {
    s.len() == n && all_digits(s)
}

/// `u:gln`: the GS1 check digit (weights 3,1,3,… from the right, excluding the check digit).
pub(crate) fn gln(s: &str) -> bool {
    let b = s.as_bytes();
    let Some((&check, body)) = b.split_last() else {
        return false;
    };
    let mut sum: i64 = 0;
    for (i, c) in body.iter().rev().enumerate() {
        let w = if i % 2 == 0 { 3 } else { 1 };
        sum += (i64::from(*c) - 48) * w;
    }
    let expected = (10 - sum.rem_euclid(10)) % 10;
    check.is_ascii_digit() && i64::from(check - b'0') == expected
}

/// `u:mod11` (Norwegian organisation numbers): weights 2..7 repeating from the right, the check
/// digit `(11 - sum mod 11) mod 11`, and the whole value a positive number.
pub(crate) fn mod11(s: &str) -> bool {
    if xpath::number(s).is_nan() || xpath::number(s) <= 0.0 {
        return false;
    }
    let b = s.as_bytes();
    let Some((&check, body)) = b.split_last() else {
        return false;
    };
    let mut sum: i64 = 0;
    for (i, c) in body.iter().rev().enumerate() {
        sum += (i64::from(*c) - 48) * (i as i64 % 6 + 2);
    }
    let expected = (11 - sum.rem_euclid(11)) % 11;
    check.is_ascii_digit() && i64::from(check - b'0') == expected
}

/// `u:mod97-0208` (Belgian enterprise numbers): digits 9–10 equal 97 − (digits 1–8 mod 97).
fn mod97_0208(s: &str) -> bool {
    let Ok(head) = s.get(..8).unwrap_or("").parse::<i64>() else {
        return false;
    };
    let check = xpath::number(s.get(8..10).unwrap_or(""));
    check == (97 - head % 97) as f64
}

/// `u:checkCodiceIPA`: six ASCII letters or digits.
fn codice_ipa(s: &str) -> bool {
    s.chars().count() == 6 && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// `castable as xs:integer`: optional sign and ASCII digits, surrounding whitespace ignored.
pub(crate) fn castable_integer(s: &str) -> bool {
    let t = xpath::trim(s);
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    all_digits(body)
}

/// `u:checkCF`: an Italian tax code, 16 characters in the personal pattern or an 11-character
/// integer.
fn codice_fiscale(s: &str) -> bool {
    match s.chars().count() {
        16 => codice_fiscale_16(s),
        11 => castable_integer(s),
        _ => false,
    }
}

/// `u:checkCF16`: letters 1–6, integer 7–8, letter 9, integer 10–11, integer 15, letter 16.
fn codice_fiscale_16(s: &str) -> bool {
    let letters = |from: usize, len: usize| {
        super::facts::substring(s, from, len)
            .chars()
            .all(|c| c.is_ascii_alphabetic())
    };
    let integer = |from: usize, len: usize| castable_integer(super::facts::substring(s, from, len));
    letters(1, 6)
        && integer(7, 2)
        && letters(9, 1)
        && integer(10, 2)
        && integer(15, 1)
        && letters(16, 1)
}

/// `u:checkPIVAseIT`: a value starting `IT`/`it` must continue with an 11-digit Partita IVA whose
/// Luhn-style check (`u:checkPIVA`) gives 0; anything else passes.
fn partita_iva_se_it(s: &str) -> bool {
    let country = super::facts::substring(s, 1, 2);
    if country != "IT" && country != "it" {
        return true;
    }
    let code = super::facts::substring_from(s, 3);
    code.chars().count() == 11 && partita_iva(code) == 0
}

/// `u:checkPIVA`: 1 when not an integer, else the `u:addPIVA` digit sum mod 10 (odd positions as
/// they are, even positions doubled with their digits added).
fn partita_iva(code: &str) -> u32 {
    if !castable_integer(code) {
        return 1;
    }
    const DOUBLED: [u32; 10] = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
    let mut sum = 0;
    for (i, c) in code.bytes().enumerate() {
        if !c.is_ascii_digit() {
            // A sign or inner blank: the official recursion stops where the rest is no integer.
            return 1;
        }
        let d = u32::from(c - b'0');
        sum += if i % 2 == 1 { DOUBLED[d as usize] } else { d };
    }
    sum % 10
}

/// `u:checkSEOrgnr`: digits only, and the tenth digit is the Luhn check digit of the first nine.
pub(crate) fn se_orgnr(s: &str) -> bool {
    if !all_digits(s) {
        return false;
    }
    let b = s.as_bytes();
    let main = &b[..b.len().min(9)];
    let Some(&check) = b.get(9) else {
        return false;
    };
    let mut sum = 0u32;
    for (pos, c) in main.iter().rev().enumerate() {
        let d = u32::from(c - b'0');
        sum += if pos % 2 == 0 {
            (d * 2) % 10 + (d * 2) / 10
        } else {
            d
        };
    }
    (10 - sum % 10) % 10 == u32::from(check - b'0')
}

/// `u:abn`: Australian Business Number weights, sum mod 89 = 0.
fn abn(s: &str) -> bool {
    const WEIGHTS: [i64; 11] = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
    let b = s.as_bytes();
    if b.len() < 11 {
        return false;
    }
    let mut sum = (i64::from(b[0]) - 49) * WEIGHTS[0];
    for i in 1..11 {
        sum += (i64::from(b[i]) - 48) * WEIGHTS[i];
    }
    sum % 89 == 0
}

/// PEPPOL-COMMON-R040: GLN (0088) format and check digit.
pub(super) fn peppol_common_r040(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    by_scheme(cx, sink, "0088", |v| all_digits(v) && gln(v));
}

/// PEPPOL-COMMON-R041: Norwegian organisation number (0192).
pub(super) fn peppol_common_r041(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    by_scheme(cx, sink, "0192", |v| digits_n(v, 9) && mod11(v));
}

/// PEPPOL-COMMON-R042: Danish CVR (0184): `DK` + 8 digits, or 8 digits.
pub(super) fn peppol_common_r042(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    by_scheme_raw(cx, sink, "0184", |v| {
        let n = v.chars().count();
        (n == 10
            && super::facts::substring(v, 1, 2) == "DK"
            && only_digits(super::facts::substring(v, 3, 8)))
            || (n == 8 && only_digits(v))
    });
}

/// PEPPOL-COMMON-R043: Belgian enterprise number (0208).
pub(super) fn peppol_common_r043(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    by_scheme(cx, sink, "0208", |v| digits_n(v, 10) && mod97_0208(v));
}

/// PEPPOL-COMMON-R044: Italian IPA code (0201).
pub(super) fn peppol_common_r044(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    by_scheme(cx, sink, "0201", codice_ipa);
}

/// PEPPOL-COMMON-R045: Italian tax code (0210).
pub(super) fn peppol_common_r045(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    by_scheme(cx, sink, "0210", codice_fiscale);
}

/// PEPPOL-COMMON-R046: Italian tax code as electronic address (EAS 9907).
pub(super) fn peppol_common_r046(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for e in cx.named_ns(CBC, "EndpointID") {
        if e.attr("schemeID") == Some("9907") {
            sink.check(e, codice_fiscale(&normalize_space(&e.string_value())));
        }
    }
}

/// PEPPOL-COMMON-R047: Italian VAT number (0211).
pub(super) fn peppol_common_r047(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    by_scheme(cx, sink, "0211", partita_iva_se_it);
}

/// PEPPOL-COMMON-R049: Swedish organisation number (0007): ten digits with a Luhn check digit.
pub(super) fn peppol_common_r049(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    by_scheme(cx, sink, "0007", |v| {
        v.chars().count() == 10 && !xpath::number(v).is_nan() && se_orgnr(v)
    });
}

/// PEPPOL-COMMON-R050: Australian Business Number (0151).
pub(super) fn peppol_common_r050(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    by_scheme(cx, sink, "0151", |v| digits_n(v, 11) && abn(v));
}

/// PEPPOL-COMMON-R052 (2026.5): Danish chamber of commerce P-number (0096): ten digits.
pub(super) fn peppol_common_r052(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    by_scheme_raw(cx, sink, "0096", |v| {
        v.chars().count() == 10 && only_digits(v)
    });
}

/// PEPPOL-COMMON-R053 (2026.5): Danish ERSTORG number (0198): `DK` + eight digits.
pub(super) fn peppol_common_r053(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    by_scheme_raw(cx, sink, "0198", |v| {
        v.chars().count() == 10
            && super::facts::substring(v, 1, 2) == "DK"
            && only_digits(super::facts::substring(v, 3, 8))
    });
}

/// PEPPOL-COMMON-R054 (2026.5): Dutch KVK number (0106): eight digits.
pub(super) fn peppol_common_r054(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    by_scheme(cx, sink, "0106", |v| digits_n(v, 8));
}

/// PEPPOL-COMMON-R055 (2026.5): Dutch OIN (0190): twenty digits.
pub(super) fn peppol_common_r055(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    by_scheme(cx, sink, "0190", |v| digits_n(v, 20));
}

/// `^NL[0-9]{9}B[0-9]{2}$`.
fn dutch_vat(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 14
        && b.starts_with(b"NL")
        && b[2..11].iter().all(u8::is_ascii_digit)
        && b[11] == b'B'
        && b[12..].iter().all(u8::is_ascii_digit)
}

/// PEPPOL-COMMON-R056-1 (2026.5): Dutch VAT number as identifier (9944).
pub(super) fn peppol_common_r056_1(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    by_scheme(cx, sink, "9944", dutch_vat);
}

/// Schemes whose rules come before R056-2 in the 2026.5 pattern.
const BEFORE_R056_2: [&str; 14] = [
    "0088", "0192", "0184", "0096", "0198", "0208", "0201", "0210", "0211", "0007", "0151", "0106",
    "0190", "9944",
];

/// PEPPOL-COMMON-R056-2 (2026.5): a VAT identifier (BT-31, BT-48, BT-63) starting `NL` must be
/// `NL` + nine digits + `B` + two digits.
pub(super) fn peppol_common_r056_2(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for e in cx.named_ns(CBC, "CompanyID") {
        if e.attr("schemeID")
            .is_some_and(|s| BEFORE_R056_2.contains(&s))
        {
            continue;
        }
        let Some(pts) = e.parent().filter(|p| p.is(CAC, "PartyTaxScheme")) else {
            continue;
        };
        if super::facts::norm_single(pts, &super::facts::TAX_SCHEME_ID).is_none_or(|s| s != "VAT") {
            continue;
        }
        let value = normalize_space(&e.string_value()).into_owned();
        if value.starts_with("NL") {
            sink.check(e, dutch_vat(&value));
        }
    }
}

/// PEPPOL-COMMON-R057 (2026.5): Dutch establishment number (0217): twelve digits.
pub(super) fn peppol_common_r057(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for e in with_scheme(cx, "0217") {
        if r056_2_takes(e) {
            continue;
        }
        sink.check(e, digits_n(&normalize_space(&e.string_value()), 12));
    }
}

/// True when R056-2's context (listed before R057) matches the element.
fn r056_2_takes(e: Element<'_>) -> bool {
    let Some(pts) = e.parent().filter(|p| p.is(CAC, "PartyTaxScheme")) else {
        return false;
    };
    e.is(CBC, "CompanyID")
        && super::facts::norm_single(pts, &super::facts::TAX_SCHEME_ID).is_some_and(|s| s == "VAT")
        && normalize_space(&e.string_value()).starts_with("NL")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits() {
        assert!(gln("7300010000001"));
        assert!(!gln("7300010000002"));
        assert!(mod11("974760673"));
        assert!(!mod11("974760674"));
        assert!(mod97_0208("0203430576"));
        assert!(se_orgnr("2021005489"));
        assert!(se_orgnr("5560000001") == luhn_reference("5560000001"));
        assert!(!se_orgnr("2021005488"));
        assert!(!se_orgnr("202100548"));
        assert!(abn("51824753556"));
        assert!(!abn("51824753557"));
        assert_eq!(partita_iva("12345678903"), 0);
        assert!(codice_fiscale("RSSMRA85T10A562S"));
        assert!(codice_fiscale("12345678901"));
        assert!(!codice_fiscale("1234567890"));
        assert!(codice_ipa("ABC123"));
        assert!(dutch_vat("NL123456789B01"));
        assert!(!dutch_vat("NL123456789X01"));
    }

    fn luhn_reference(s: &str) -> bool {
        let digits: Vec<u32> = s.bytes().map(|b| u32::from(b - b'0')).collect();
        let mut sum = 0;
        for (i, d) in digits.iter().rev().enumerate() {
            let v = if i % 2 == 1 { d * 2 } else { *d };
            sum += v / 10 + v % 10;
        }
        sum % 10 == 0
    }
}
