//! The XPath 2.0 behaviour the SFTI Schematron relies on, for untyped Svefaktura documents.
//!
//! The official stylesheet runs under an XSLT 2.0 processor, so a value read from the document is
//! `xs:untypedAtomic` and:
//!
//! * a general comparison with a string literal (`. = '1'`) compares strings exactly, with another
//!   node (`. != ../Name`) compares strings existentially, with a number (`. = 380`, `. >= 0`)
//!   casts the text to `xs:double` — and a text that does not cast is a dynamic error;
//! * `number(x)` gives NaN for text that is not a number, but a type error for more than one node;
//! * `sum(x)` and arithmetic cast every value to `xs:double` (again an error when it does not
//!   cast); `xs:decimal(x)` and `xs:date(x)` fail on bad text, and give the empty sequence for an
//!   absent node, which then compares false.
//!
//! A dynamic error aborts the official validation of the whole document. We cannot abort with a
//! verdict, so a test whose evaluation would raise one counts as failed ([`Abort`]): the rule
//! whose expression breaks is reported, and the document is never silently accepted.

use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::super::Sink;
use super::super::xpath::{self, XDate};
use crate::xml::Element;

/// An XPath dynamic or type error: the official processor would stop validating the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Abort;

/// The value of an XPath expression that may raise a dynamic error.
pub(super) type X<T> = Result<T, Abort>;

/// Reports `at` unless the assert's test evaluated to true.
pub(super) fn verdict(sink: &mut Sink<'_>, at: Element<'_>, test: X<bool>) {
    if test != Ok(true) {
        sink.fire(at);
    }
}

/// The nodes of the relative child path `steps` from `from`.
pub(super) fn path<'d, 's>(
    from: Element<'d>,
    steps: &'s [(&'s str, &'s str)],
) -> xpath::Select<'d, 's> {
    xpath::select(from, steps)
}

/// `exists(path)`.
pub(super) fn exists(from: Element<'_>, steps: &[(&str, &str)]) -> bool {
    path(from, steps).next().is_some()
}

/// The path's node where XPath wants at most one (`number()`, `normalize-space()`,
/// `xs:decimal()`, arithmetic): `None` when absent, an error when there are several.
pub(super) fn single<'d>(from: Element<'d>, steps: &[(&str, &str)]) -> X<Option<Element<'d>>> {
    let mut nodes = path(from, steps);
    let first = nodes.next();
    if nodes.next().is_some() {
        Err(Abort)
    } else {
        Ok(first)
    }
}

/// `number(path)`: NaN when absent or not a number, an error for several nodes.
pub(super) fn number(from: Element<'_>, steps: &[(&str, &str)]) -> X<f64> {
    Ok(single(from, steps)?.map_or(f64::NAN, |e| xpath::number(&e.string_value())))
}

/// `number(.)`.
pub(super) fn number_of(e: Element<'_>) -> f64 {
    xpath::number(&e.string_value())
}

/// The `xs:double` cast of untyped text in a comparison with a number: an error when the text
/// does not cast.
pub(super) fn double_cast(s: &str) -> X<f64> {
    xpath::double(s).ok_or(Abort)
}

/// Untyped text against a numeric literal in a general comparison (`. = 380`, `. >= 0`), as the
/// official processor orders them ([`xpath::untyped_cmp`]: Java's `Double.compare`, so `-0.0`
/// is below 0 and NaN above everything); an error when the text does not cast.
pub(super) fn untyped_vs(s: &str, literal: f64) -> X<std::cmp::Ordering> {
    xpath::untyped_cmp(s, literal).ok_or(Abort)
}

/// `xs:decimal(.)`: an error when the text is not a decimal.
pub(super) fn decimal_of(e: Element<'_>) -> X<Decimal> {
    xpath::decimal(&e.string_value()).ok_or(Abort)
}

/// `xs:decimal(.)` used in arithmetic with a double (`xs:decimal(.) - sum(...)`): the decimal
/// promoted to `xs:double`.
pub(super) fn decimal_as_double(e: Element<'_>) -> X<f64> {
    decimal_of(e).map(xpath::to_double)
}

/// `xs:decimal(path)`: `None` when absent, an error for bad text or several nodes.
pub(super) fn decimal(from: Element<'_>, steps: &[(&str, &str)]) -> X<Option<Decimal>> {
    match single(from, steps)? {
        Some(e) => decimal_of(e).map(Some),
        None => Ok(None),
    }
}

/// The `xs:decimal` cast of a double (`xs:decimal(a * b)`): an error for NaN and infinities.
pub(super) fn double_to_decimal(d: f64) -> X<Decimal> {
    if d.is_finite() {
        Decimal::from_f64_retain(d).ok_or(Abort)
    } else {
        Err(Abort)
    }
}

/// `sum(path)` of untyped values: every value cast to `xs:double` (an error if one does not
/// cast); 0 for no nodes.
pub(super) fn sum<'d>(nodes: impl Iterator<Item = Element<'d>>) -> X<f64> {
    nodes.map(|e| double_cast(&e.string_value())).sum()
}

/// An operand of arithmetic (`a * b`): `None` (the empty sequence) when absent, its `xs:double`
/// cast otherwise; an error for several nodes or text that does not cast.
pub(super) fn operand(from: Element<'_>, steps: &[(&str, &str)]) -> X<Option<f64>> {
    match single(from, steps)? {
        Some(e) => double_cast(&e.string_value()).map(Some),
        None => Ok(None),
    }
}

/// `xs:date(s)`: an error when the text is not a date.
pub(super) fn date(s: &str) -> X<XDate> {
    xpath::date(s).ok_or(Abort)
}

/// `xs:date(path)`: `None` when absent, an error for bad text or several nodes.
pub(super) fn date_at(from: Element<'_>, steps: &[(&str, &str)]) -> X<Option<XDate>> {
    match single(from, steps)? {
        Some(e) => date(&e.string_value()).map(Some),
        None => Ok(None),
    }
}

/// XPath `substring-before(s, 'T')`: the empty string when there is no `T`.
pub(super) fn before_t(s: &str) -> &str {
    s.split_once('T').map_or("", |(d, _)| d)
}

/// An `xs:dateTime` value as an instant: seconds since 1970 (the implicit time zone taken as
/// UTC) and the fraction as a decimal string of digits, for exact ordering.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct XDateTime {
    seconds: i64,
    fraction: String,
}

/// `xs:dateTime(s)`: `YYYY-MM-DDThh:mm:ss(.s+)?` with an optional zone; `24:00:00` is the next
/// day's midnight. An error when the text is not a dateTime.
pub(super) fn date_time(s: &str) -> X<XDateTime> {
    let t = xpath::trim(s);
    let (d, rest) = t.split_once('T').ok_or(Abort)?;
    // Split the zone off the time: `Z`, or `+hh:mm` / `-hh:mm` after the seconds.
    let (time, zone) = if let Some(time) = rest.strip_suffix('Z') {
        (time, "Z")
    } else if rest.len() > 6 && matches!(rest.as_bytes()[rest.len() - 6], b'+' | b'-') {
        rest.split_at(rest.len() - 6)
    } else {
        (rest, "")
    };
    let date = xpath::date(&format!("{d}{zone}")).ok_or(Abort)?;
    let b = time.as_bytes();
    if b.len() < 8 || b[2] != b':' || b[5] != b':' {
        return Err(Abort);
    }
    let two = |x: &[u8]| -> X<i64> {
        if x.len() == 2 && x.iter().all(u8::is_ascii_digit) {
            Ok(i64::from(x[0] - b'0') * 10 + i64::from(x[1] - b'0'))
        } else {
            Err(Abort)
        }
    };
    let (h, m, sec) = (two(&b[0..2])?, two(&b[3..5])?, two(&b[6..8])?);
    let fraction = match &time[8..] {
        "" => "",
        f => {
            let digits = f.strip_prefix('.').ok_or(Abort)?;
            if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
                return Err(Abort);
            }
            digits.trim_end_matches('0')
        }
    };
    let midnight_24 = h == 24 && m == 0 && sec == 0 && fraction.is_empty();
    if (h > 23 && !midnight_24) || m > 59 || sec > 59 {
        return Err(Abort);
    }
    let days = days_since_epoch(date.year, date.month, date.day);
    let offset = i64::from(date.tz_minutes.unwrap_or(0)) * 60;
    Ok(XDateTime {
        seconds: days * 86_400 + h * 3600 + m * 60 + sec - offset,
        fraction: fraction.to_string(),
    })
}

fn days_since_epoch(y: i64, m: u8, d: u8) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `matches(s, '^\w*$')` with XML Schema regex semantics: `\w` is every character except
/// punctuation (P), separators (Z) and others (C) — so `_` and `-` fail while `+` and `$`
/// (symbols) pass.
pub(super) fn word_chars_only(s: &str) -> bool {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    if s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return true;
    }
    RE.get_or_init(|| Regex::new(r"^[^\p{P}\p{Z}\p{C}]*$").ok())
        .as_ref()
        .is_some_and(|re| re.is_match(s))
}

/// `matches(s, '^\+?\d*$')` with XML Schema regex semantics (`\d` is any Unicode decimal digit).
pub(super) fn phone_chars_only(s: &str) -> bool {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    let digits = s.strip_prefix('+').unwrap_or(s);
    if digits.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    RE.get_or_init(|| Regex::new(r"^\+?\p{Nd}*$").ok())
        .as_ref()
        .is_some_and(|re| re.is_match(s))
}

/// The three percentages R-6, R-7 and R-16 accept for a Swedish standard rate.
pub(super) fn swedish_rate(p: f64) -> bool {
    p == 6.0 || p == 12.0 || p == 25.0
}

/// `abs(x) < limit` (NaN compares false).
pub(super) fn within(x: f64, limit: f64) -> bool {
    x.abs() < limit
}

/// `abs(x) <= limit` (NaN compares false).
pub(super) fn within_incl(x: f64, limit: f64) -> bool {
    x.abs() <= limit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_class_follows_xsd_regex() {
        for ok in ["", "12345", "SE5560000001", "Åre", "a+b", "100$", "x<y"] {
            assert!(word_chars_only(ok), "{ok:?}");
        }
        for bad in [
            "123 45",
            "123-45",
            "a_b",
            "a.b",
            "12345\n",
            "a\u{a0}b",
            "a\u{200b}b",
        ] {
            assert!(!word_chars_only(bad), "{bad:?}");
        }
    }

    #[test]
    fn phone_class_follows_xsd_regex() {
        for ok in ["", "+46812345", "0812345", "+", "\u{0661}\u{0662}"] {
            assert!(phone_chars_only(ok), "{ok:?}");
        }
        for bad in ["08-123", "++46", "46+", "08 12", "tel"] {
            assert!(!phone_chars_only(bad), "{bad:?}");
        }
    }

    #[test]
    fn date_times_order_as_instants() {
        let a = date_time("2016-10-01T10:00:00+02:00");
        let b = date_time("2016-10-01T08:00:00Z");
        assert_eq!(a, b);
        assert!(date_time("2016-10-01T24:00:00") == date_time("2016-10-02T00:00:00"));
        assert!(date_time("2016-10-01T00:00:00.5").ok() > date_time("2016-10-01T00:00:00.25").ok());
        for bad in [
            "2016-10-01",
            "2016-10-01T25:00:00",
            "2016-10-01T10:00",
            "x",
            "",
        ] {
            assert_eq!(date_time(bad), Err(Abort), "{bad:?}");
        }
    }

    #[test]
    fn substring_before_t() {
        assert_eq!(before_t("2016-10-01T10:00:00"), "2016-10-01");
        assert_eq!(before_t("2016-10-01"), "");
    }
}
