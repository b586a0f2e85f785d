//! XPath 2.0 semantics the official Schematron rules rely on, as small allocation-free helpers.
//!
//! The official rules are XPath 2.0 expressions run by an XSLT 2.0 processor on untyped
//! (schema-less) documents. Every value read from the document is therefore `xs:untypedAtomic`,
//! and the rules' meaning depends on exactly how XPath casts and compares such values. This module
//! is the one place that knows those details, so every rule family agrees on them:
//!
//! * [`decimal`]: `xs:decimal(.)` — whitespace collapsed, optional sign, digits with an optional
//!   point, **no exponent**; anything else is a cast failure (`None`).
//! * [`double`] / [`number`]: `xs:double(.)` (exponent, `INF`, `-INF`, `NaN` allowed) and
//!   `number(.)`, which gives NaN instead of failing.
//! * [`round`] / [`round2`]: XPath `round()` rounds half toward positive infinity
//!   (`round(2.5) = 3`, `round(-2.5) = -2`); `round2(x)` is the rules' `round(x * 10 * 10) div 100`.
//! * [`normalize_space`], [`has_content`] (`normalize-space(x) != ''`), [`normalized_eq`].
//! * [`boolean`]: the `xs:boolean` cast used by `cbc:ChargeIndicator = true()`.
//! * [`date`]: `xs:date` castability and ordering.
//! * [`select`]: a relative child path `a/b/c` evaluated to its node sequence, in document order.
//!
//! "Absent" is the empty sequence: a helper on a missing element gets `None` (or an empty
//! iterator) and the rule applies XPath's rules for empty sequences (a general comparison with an
//! empty sequence is false; `exists(())` is false; `sum(())` is 0).
//!
//! Other rule families may append helpers here; keep each one small, documented and
//! allocation-free on the common path.

use std::borrow::Cow;
use std::cmp::Ordering;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::xml::Element;

/// True for the four XML whitespace characters (space, tab, CR, LF) — the only ones XPath's
/// `normalize-space` and the XSD whitespace facet treat as whitespace.
#[inline]
pub fn is_xml_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// `s` with leading and trailing XML whitespace removed (the XSD `collapse` facet's ends).
#[inline]
pub fn trim(s: &str) -> &str {
    s.trim_matches(is_xml_ws)
}

/// XPath `normalize-space(s)`: trims XML whitespace and collapses inner runs to one space.
/// Borrows when nothing needs collapsing.
pub fn normalize_space(s: &str) -> Cow<'_, str> {
    let t = trim(s);
    let bytes = t.as_bytes();
    let needs_work = bytes.windows(2).any(|w| {
        let a = w[0];
        let b = w[1];
        (a != b' ' && is_xml_ws(a as char)) || (a == b' ' && is_xml_ws(b as char))
    }) || bytes
        .last()
        .is_some_and(|b| *b != b' ' && is_xml_ws(*b as char));
    if !needs_work {
        return Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    let mut pending_space = false;
    for c in t.chars() {
        if is_xml_ws(c) {
            pending_space = true;
        } else {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `normalize-space(s) != ''`: the text has at least one non-whitespace character.
#[inline]
pub fn has_content(s: &str) -> bool {
    !trim(s).is_empty()
}

/// `normalize-space(e) != ''` for an optional element (absent counts as the empty string).
#[inline]
pub fn has_text(e: Option<Element<'_>>) -> bool {
    e.is_some_and(|e| has_content(e.text()))
}

/// `normalize-space(s) = lit` without allocating, for a literal `lit` that is itself normalised
/// (no leading/trailing/double whitespace).
pub fn normalized_eq(s: &str, lit: &str) -> bool {
    let mut words = trim(s).split(is_xml_ws).filter(|w| !w.is_empty());
    let mut lits = lit.split(' ').filter(|w| !w.is_empty());
    loop {
        match (words.next(), lits.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

/// XPath `upper-case(normalize-space(s)) = lit` for an upper-case ASCII literal `lit`
/// (e.g. `'VAT'`), without allocating. Non-ASCII text is compared with full Unicode upper-casing.
pub fn normalized_upper_eq(s: &str, lit: &str) -> bool {
    let n = normalize_space(s);
    if n.is_ascii() {
        n.len() == lit.len()
            && n.bytes()
                .zip(lit.bytes())
                .all(|(a, b)| a.to_ascii_uppercase() == b)
    } else {
        n.to_uppercase() == lit
    }
}

/// XPath `string-length(s)`: the number of characters (Unicode code points).
#[inline]
pub fn string_length(s: &str) -> usize {
    s.chars().count()
}

/// The `xs:decimal` cast of untyped text: `None` when the text is not a valid `xs:decimal`
/// lexical form (`(+|-)?(d+(.d*)?|.d+)` after trimming XML whitespace; no exponent, no `INF`).
///
/// Values beyond `rust_decimal`'s 28–29 significant digits are rounded to fit (the official
/// processor keeps arbitrary precision); amounts in invoices never come close.
pub fn decimal(s: &str) -> Option<Decimal> {
    const MAX_MANTISSA: u128 = (1u128 << 96) - 1;
    let b = trim(s).as_bytes();
    let (neg, body) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    let mut mantissa: u128 = 0;
    let mut scale: u32 = 0;
    let mut digits = 0usize;
    let mut seen_point = false;
    let mut saturated = false;
    for &c in body {
        match c {
            b'0'..=b'9' => {
                digits += 1;
                let next = mantissa * 10 + u128::from(c - b'0');
                if next > MAX_MANTISSA || (seen_point && scale >= 28) {
                    // Beyond rust_decimal's precision: drop further fraction digits; an
                    // integer part this large saturates.
                    if !seen_point {
                        saturated = true;
                    }
                    continue;
                }
                mantissa = next;
                if seen_point {
                    scale += 1;
                }
            }
            b'.' if !seen_point => seen_point = true,
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    let value = if saturated {
        Decimal::MAX
    } else {
        Decimal::from_i128_with_scale(mantissa as i128, scale)
    };
    Some(if neg { -value } else { value })
}

/// `xs:decimal(e)` for an optional element: `None` when absent or not castable.
#[inline]
pub fn decimal_of(e: Option<Element<'_>>) -> Option<Decimal> {
    e.and_then(|e| decimal(e.text()))
}

/// The `xs:double` cast of untyped text (as used when untyped text meets a numeric literal in a
/// general comparison, e.g. `cbc:Percent > 0`): `None` when not castable. Accepts exponents,
/// `INF`, `-INF` and `NaN`.
pub fn double(s: &str) -> Option<f64> {
    let t = trim(s);
    match t {
        "INF" | "+INF" => return Some(f64::INFINITY),
        "-INF" => return Some(f64::NEG_INFINITY),
        "NaN" => return Some(f64::NAN),
        _ => {}
    }
    let b = t.as_bytes();
    let body = match b.first()? {
        b'+' | b'-' => &b[1..],
        _ => b,
    };
    // Mantissa digits/point, optional e/E with optional sign and digits.
    let mut i = 0;
    let mut mant_digits = 0;
    let mut dots = 0;
    while i < body.len() && (body[i].is_ascii_digit() || body[i] == b'.') {
        if body[i] == b'.' {
            dots += 1;
        } else {
            mant_digits += 1;
        }
        i += 1;
    }
    if mant_digits == 0 || dots > 1 {
        return None;
    }
    if i < body.len() {
        if body[i] != b'e' && body[i] != b'E' {
            return None;
        }
        i += 1;
        if i < body.len() && (body[i] == b'+' || body[i] == b'-') {
            i += 1;
        }
        let exp_start = i;
        while i < body.len() && body[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start || i != body.len() {
            return None;
        }
    }
    t.parse::<f64>().ok()
}

/// Untyped text compared with a numeric literal (`cbc:PriceAmount >= 0`, `. > 0`) exactly as the
/// official processor (Saxon) decides it: `None` when the text does not cast to `xs:double`
/// (a dynamic error), otherwise the ordering of the value against `literal`.
///
/// Two Saxon details, confirmed against the official stylesheets: text in integer form (`-0`,
/// `-00`) converts through an integer, so it has no sign of zero, while `-0.0`, `-.0` or `-0e0`
/// become the double −0; and the ordering is Java's `Double.compare`, where −0 is *less* than
/// +0 and NaN is greater than everything. So `-0.00 >= 0` is false (BR-27 fires) and
/// `NaN >= 0` is true.
pub fn untyped_cmp(s: &str, literal: f64) -> Option<Ordering> {
    let t = trim(s);
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    let value = if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        // Integer form: the sign of a zero is lost, as in an integer conversion.
        let v = double(t)?;
        if v == 0.0 { 0.0 } else { v }
    } else {
        double(t)?
    };
    Some(java_compare(value, literal))
}

/// Java's `Double.compare` total order: −0 < +0, NaN equal to itself and above everything.
fn java_compare(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        // Without NaN, `total_cmp` is IEEE totalOrder: −0 < +0, as in Java.
        (false, false) => a.total_cmp(&b),
    }
}

/// XPath `number(s)`: the `xs:double` value, NaN when not castable (never fails).
#[inline]
pub fn number(s: &str) -> f64 {
    double(s).unwrap_or(f64::NAN)
}

/// An `xs:decimal` as `xs:double`, for comparisons that mix the two types (XPath promotes the
/// decimal to double).
#[inline]
pub fn to_double(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(f64::NAN)
}

/// XPath `round(x)` on `xs:decimal`: the nearest integer, halves rounded toward positive infinity.
#[inline]
pub fn round(x: Decimal) -> Decimal {
    // floor(x + 0.5) is exactly "half toward +inf".
    (x + Decimal::new(5, 1)).floor()
}

/// The official rules' two-decimal rounding `round(x * 10 * 10) div 100`.
#[inline]
pub fn round2(x: Decimal) -> Decimal {
    (round(x * Decimal::ONE_HUNDRED) / Decimal::ONE_HUNDRED).normalize()
}

/// XPath `round(x)` on `xs:double` (half toward positive infinity; NaN and infinities unchanged).
#[inline]
pub fn round_f64(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let r = (x + 0.5).floor();
    // x + 0.5 can round up in binary for the largest x below a half; XPath defines round(x) as
    // floor(x + 0.5) too, so this agrees with the official processor.
    if r == 0.0 && x < 0.0 { -0.0 } else { r }
}

/// The `xs:boolean` cast of untyped text (`true`, `false`, `1`, `0` after trimming), as used when
/// `cbc:ChargeIndicator` meets `true()`/`false()` in a general comparison. `None` when not
/// castable (the official processor then raises a dynamic error).
pub fn boolean(s: &str) -> Option<bool> {
    match trim(s) {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// `e = true()` (or `= false()` with `want = false`) for an optional element; an absent element
/// or a non-castable value compares false.
#[inline]
pub fn boolean_is(e: Option<Element<'_>>, want: bool) -> bool {
    e.and_then(|e| boolean(e.text())) == Some(want)
}

/// An `xs:date` value. Ordering compares the instant of the start of the day (the time zone
/// offset applied; no time zone means the processor's implicit one, taken as UTC here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XDate {
    /// Year (may be negative or have more than four digits).
    pub year: i64,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31 (valid for the month).
    pub day: u8,
    /// Time zone offset in minutes, if given.
    pub tz_minutes: Option<i16>,
}

impl XDate {
    fn key(&self) -> (i64, i64) {
        let days = days_from_civil(self.year, self.month, self.day);
        let minutes = -i64::from(self.tz_minutes.unwrap_or(0));
        (days, minutes)
    }
}

impl PartialOrd for XDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        let (da, ma) = self.key();
        let (db, mb) = other.key();
        Some((da * 1440 + ma).cmp(&(db * 1440 + mb)))
    }
}

fn days_from_civil(y: i64, m: u8, d: u8) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// The `xs:date` cast of untyped text: `-?YYYY-MM-DD` (year of at least four digits, no leading
/// zero beyond four digits), then an optional `Z` or `±hh:mm` zone; the day must exist in that
/// month. `None` when not castable (`castable as xs:date` is false).
pub fn date(s: &str) -> Option<XDate> {
    let t = trim(s);
    let b = t.as_bytes();
    let (neg, b) = match b.first()? {
        b'-' => (true, &b[1..]),
        _ => (false, b),
    };
    let year_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if year_len < 4 || (year_len > 4 && b[0] == b'0') {
        return None;
    }
    let year: i64 = std::str::from_utf8(&b[..year_len]).ok()?.parse().ok()?;
    let rest = &b[year_len..];
    if rest.len() < 6 || rest[0] != b'-' || rest[3] != b'-' {
        return None;
    }
    let two = |x: &[u8]| -> Option<u8> {
        if x.len() == 2 && x[0].is_ascii_digit() && x[1].is_ascii_digit() {
            Some((x[0] - b'0') * 10 + (x[1] - b'0'))
        } else {
            None
        }
    };
    let month = two(&rest[1..3])?;
    let day = two(&rest[4..6])?;
    let year = if neg { -year } else { year };
    if year == 0 && neg {
        return None;
    }
    if !(1..=12).contains(&month) || day == 0 {
        return None;
    }
    let max = match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day > max {
        return None;
    }
    let tz = &rest[6..];
    let tz_minutes = match tz {
        [] => None,
        [b'Z'] => Some(0),
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let h = two(&[*h1, *h2])?;
            let m = two(&[*m1, *m2])?;
            if m > 59 || h > 14 || (h == 14 && m != 0) {
                return None;
            }
            let v = i16::from(h) * 60 + i16::from(m);
            Some(if *sign == b'-' { -v } else { v })
        }
        _ => return None,
    };
    Some(XDate {
        year,
        month,
        day,
        tz_minutes,
    })
}

/// Every element reached from `from` by the relative child path `steps` (`a/b/c`), in document
/// order — the XPath node sequence of that path. Allocation-free for paths up to eight steps.
pub fn select<'d, 's>(from: Element<'d>, steps: &'s [(&'s str, &'s str)]) -> Select<'d, 's> {
    Select {
        steps,
        stack: [None; MAX_STEPS],
        depth: 0,
        started: false,
        from,
    }
}

const MAX_STEPS: usize = 8;

/// Iterator returned by [`select`].
#[derive(Debug, Clone)]
pub struct Select<'d, 's> {
    steps: &'s [(&'s str, &'s str)],
    /// `stack[i]` is the current candidate for step `i`.
    stack: [Option<Element<'d>>; MAX_STEPS],
    depth: usize,
    started: bool,
    from: Element<'d>,
}

impl<'d> Select<'d, '_> {
    fn first_match(parent: Element<'d>, (ns, local): (&str, &str)) -> Option<Element<'d>> {
        parent.children().find(|c| c.is(ns, local))
    }

    fn next_match(at: Element<'d>, (ns, local): (&str, &str)) -> Option<Element<'d>> {
        let mut n = at.next_sibling();
        while let Some(e) = n {
            if e.is(ns, local) {
                return Some(e);
            }
            n = e.next_sibling();
        }
        None
    }
}

impl<'d> Iterator for Select<'d, '_> {
    type Item = Element<'d>;

    fn next(&mut self) -> Option<Element<'d>> {
        let n = self.steps.len();
        if n == 0 || n > MAX_STEPS {
            return None;
        }
        // `level` is the step whose candidate must advance (or be found for the first time).
        let mut level;
        if !self.started {
            self.started = true;
            self.stack[0] = Self::first_match(self.from, self.steps[0]);
            self.depth = 0;
            level = 0;
            self.stack[0]?;
        } else {
            // Advance the deepest candidate.
            level = n - 1;
            let cur = self.stack[level]?;
            self.stack[level] = Self::next_match(cur, self.steps[level]);
        }
        loop {
            match self.stack[level] {
                None => {
                    // Exhausted this level: advance the parent level.
                    if level == 0 {
                        return None;
                    }
                    level -= 1;
                    let cur = self.stack[level]?;
                    self.stack[level] = Self::next_match(cur, self.steps[level]);
                }
                Some(e) => {
                    if level == n - 1 {
                        self.depth = level;
                        return Some(e);
                    }
                    level += 1;
                    self.stack[level] = Self::first_match(e, self.steps[level]);
                }
            }
        }
    }
}

/// `exists(path)`: at least one element matches the relative child path.
#[inline]
pub fn exists(from: Element<'_>, steps: &[(&str, &str)]) -> bool {
    select(from, steps).next().is_some()
}

/// `sum(path/xs:decimal(.))` over the elements of a path: `Some(total)` (0 for an empty
/// sequence), `None` when any value is not castable (the official processor raises an error).
pub fn sum_decimal<'d>(nodes: impl Iterator<Item = Element<'d>>) -> Option<Decimal> {
    let mut total = Decimal::ZERO;
    for e in nodes {
        total = total.checked_add(decimal(e.text())?)?;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::Document;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    #[test]
    fn decimal_follows_the_xsd_lexical_space() {
        assert_eq!(decimal(" 12.50\n"), Some(d("12.50")));
        assert_eq!(decimal("+1"), Some(d("1")));
        assert_eq!(decimal("-0.5"), Some(d("-0.5")));
        assert_eq!(decimal("5."), Some(d("5")));
        assert_eq!(decimal(".5"), Some(d("0.5")));
        assert_eq!(decimal("-.5"), Some(d("-0.5")));
        for bad in [
            "", " ", "1e3", "1,5", "1.2.3", "INF", "NaN", "--1", "+", ".", "1 000", "abc",
        ] {
            assert_eq!(decimal(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn double_and_number() {
        assert_eq!(double("1e3"), Some(1000.0));
        assert_eq!(double(" -2.5E-1 "), Some(-0.25));
        assert_eq!(double("INF"), Some(f64::INFINITY));
        assert!(double("NaN").is_some_and(f64::is_nan));
        assert_eq!(double("1,5"), None);
        assert_eq!(double("e3"), None);
        assert!(number("x").is_nan());
        assert_eq!(number("7"), 7.0);
    }

    #[test]
    fn round_is_half_toward_positive_infinity() {
        assert_eq!(round(d("2.5")), d("3"));
        assert_eq!(round(d("-2.5")), d("-2"));
        assert_eq!(round(d("-2.51")), d("-3"));
        assert_eq!(round2(d("1.005")), d("1.01"));
        assert_eq!(round2(d("-1.005")), d("-1"));
        assert_eq!(round2(d("10")), d("10.00"));
        assert_eq!(round_f64(-0.5), -0.0);
        assert_eq!(round_f64(2.5), 3.0);
    }

    #[test]
    fn normalize_space_and_friends() {
        assert_eq!(normalize_space("  a \n\t b  "), "a b");
        assert!(matches!(normalize_space(" ab "), Cow::Borrowed("ab")));
        assert!(normalized_eq(" 30 ", "30"));
        assert!(normalized_eq("a\n  b", "a b"));
        assert!(!normalized_eq("a b c", "a b"));
        assert!(!normalized_eq("", "a"));
        assert!(normalized_eq("  ", ""));
        assert!(normalized_upper_eq(" vat ", "VAT"));
        assert!(!normalized_upper_eq("vats", "VAT"));
        assert!(has_content(" x "));
        assert!(!has_content(" \n "));
        assert_eq!(string_length("åäö"), 3);
    }

    #[test]
    fn untyped_comparison_follows_saxon() {
        let ge0 = |s: &str| untyped_cmp(s, 0.0).map(|o| o != Ordering::Less);
        assert_eq!(ge0("0"), Some(true));
        assert_eq!(ge0("-0"), Some(true));
        assert_eq!(ge0(" -00 "), Some(true));
        assert_eq!(ge0("-0.00"), Some(false));
        assert_eq!(ge0("-.0"), Some(false));
        assert_eq!(ge0("-0e0"), Some(false));
        assert_eq!(ge0("-1e-400"), Some(false));
        assert_eq!(ge0("1e-400"), Some(true));
        assert_eq!(ge0("NaN"), Some(true));
        assert_eq!(ge0("-INF"), Some(false));
        assert_eq!(ge0("12.5"), Some(true));
        assert_eq!(ge0("abc"), None);
    }

    #[test]
    fn boolean_cast() {
        assert_eq!(boolean(" true "), Some(true));
        assert_eq!(boolean("0"), Some(false));
        assert_eq!(boolean("TRUE"), None);
    }

    #[test]
    fn dates() {
        let a = date("2017-11-13").expect("date");
        let b = date(" 2017-11-14Z ").expect("date");
        assert!(a < b);
        assert!(date("2017-02-29").is_none());
        assert!(date("2016-02-29").is_some());
        assert!(date("2017-13-01").is_none());
        assert!(date("17-01-01").is_none());
        assert!(date("2017-01-01T00:00:00").is_none());
        assert!(date("2017-01-01+01:00").is_some());
        assert!(date("20170101").is_none());
        assert!(date("").is_none());
    }

    #[test]
    fn select_walks_all_matches_in_document_order() {
        let doc =
            Document::parse(b"<r><a><b>1</b><b>2</b></a><x/><a><b>3</b></a><a/></r>").expect("xml");
        let got: Vec<_> = select(doc.root(), &[("", "a"), ("", "b")])
            .map(|e| e.text())
            .collect();
        assert_eq!(got, ["1", "2", "3"]);
        assert_eq!(select(doc.root(), &[("", "a")]).count(), 3);
        assert!(!exists(doc.root(), &[("", "x"), ("", "b")]));
        assert_eq!(
            sum_decimal(select(doc.root(), &[("", "a"), ("", "b")])),
            Some(d("6"))
        );
    }
}
