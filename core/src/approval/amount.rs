//! The one reader of an amount a person types (a kontering row's `belopp`, from the CLI's
//! `--rad`, the desktop's editor, the server's JSON, and the text cells of the attestförteckning).
//!
//! The rule, strict so that nothing is rounded or guessed:
//! * an optional `-`, then the whole kronor, then optionally a decimal mark and one or two
//!   digits of öre; the decimal mark is a comma (Swedish) or a point, whichever appears;
//! * the kronor are digits, either ungrouped (`1234`) or in groups of three separated by one
//!   space, no-break space (U+00A0) or thin space (U+2009, U+202F) — one kind throughout —
//!   the first group one to three digits (`1 234 567`); so `8 60` is refused, not read as 860;
//! * more than two decimals is refused (never rounded): `860.001`, and 30 decimals, alike;
//! * no exponent (`8.6e2`), no `+`, no thousands comma or point (`1,234.50`, `1.234,50`), at
//!   most fifteen digits of kronor.

use rust_decimal::Decimal;

/// Why a text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AmountError {
    /// Nothing given.
    #[error("no amount given")]
    Empty,
    /// Characters that are no part of an amount (letters, an exponent, a second mark).
    #[error(
        "{0:?} is not an amount: write kronor with a decimal comma or point and at most two \
         decimals, e.g. 1 234,50"
    )]
    NotAnAmount(String),
    /// Spaces that are not groups of three (`8 60`).
    #[error("{0:?}: spaces may only separate groups of three digits (1 234 567,50)")]
    Grouping(String),
    /// Öre beyond the second decimal.
    #[error("{0:?} has more than two decimals (öre); nothing is rounded")]
    TooManyDecimals(String),
    /// More than fifteen digits of kronor.
    #[error("{0:?} is too large for an amount")]
    TooLarge(String),
}

const GROUP_SEPARATORS: [char; 4] = [' ', '\u{a0}', '\u{2009}', '\u{202f}'];

/// Reads `text` as an amount by the rule of the module docs.
pub fn parse_amount(text: &str) -> Result<Decimal, AmountError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(AmountError::Empty);
    }
    let bad = || AmountError::NotAnAmount(t.to_string());
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let marks = body.matches([',', '.']).count();
    if marks > 1 {
        return Err(bad());
    }
    let (whole, frac) = match body.split_once([',', '.']) {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    if let Some(f) = frac {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        if f.len() > 2 {
            return Err(AmountError::TooManyDecimals(t.to_string()));
        }
    }
    if whole.is_empty() {
        return Err(bad());
    }
    let seps: Vec<char> = whole
        .chars()
        .filter(|c| GROUP_SEPARATORS.contains(c))
        .collect();
    if whole
        .chars()
        .any(|c| !c.is_ascii_digit() && !GROUP_SEPARATORS.contains(&c))
    {
        return Err(bad());
    }
    let digits: String = if seps.is_empty() {
        whole.to_string()
    } else {
        if seps.iter().any(|c| *c != seps[0]) {
            return Err(AmountError::Grouping(t.to_string()));
        }
        let groups: Vec<&str> = whole.split(seps[0]).collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return Err(AmountError::Grouping(t.to_string()));
        }
        groups.concat()
    };
    if digits.trim_start_matches('0').len() > 15 {
        return Err(AmountError::TooLarge(t.to_string()));
    }
    let canonical = match frac {
        Some(f) => format!("{}{digits}.{f}", if negative { "-" } else { "" }),
        None => format!("{}{digits}", if negative { "-" } else { "" }),
    };
    canonical.parse::<Decimal>().map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_as_a_table() {
        use AmountError as E;
        let ok = |s: &str| Ok::<Decimal, AmountError>(s.parse().expect("decimal"));
        let cases: &[(&str, Result<Decimal, AmountError>)] = &[
            ("860", ok("860")),
            ("860,00", ok("860.00")),
            ("860.5", ok("860.5")),
            (" 1 234,50 ", ok("1234.50")),
            ("1\u{a0}234\u{a0}567.05", ok("1234567.05")),
            ("1\u{202f}234", ok("1234")),
            ("-75,20", ok("-75.20")),
            ("0,01", ok("0.01")),
            ("", Err(E::Empty)),
            ("8 60", Err(E::Grouping("8 60".into()))),
            ("1 2345", Err(E::Grouping("1 2345".into()))),
            ("1234 567", Err(E::Grouping("1234 567".into()))),
            ("1 234\u{a0}567", Err(E::Grouping("1 234\u{a0}567".into()))),
            ("860.001", Err(E::TooManyDecimals("860.001".into()))),
            (
                "860.000000000000000000000000001",
                Err(E::TooManyDecimals("860.000000000000000000000000001".into())),
            ),
            ("8.6e2", Err(E::NotAnAmount("8.6e2".into()))),
            ("8e2", Err(E::NotAnAmount("8e2".into()))),
            ("1,234.50", Err(E::NotAnAmount("1,234.50".into()))),
            ("1.234,50", Err(E::NotAnAmount("1.234,50".into()))),
            ("+5", Err(E::NotAnAmount("+5".into()))),
            ("12,", Err(E::NotAnAmount("12,".into()))),
            (",5", Err(E::NotAnAmount(",5".into()))),
            ("tolv", Err(E::NotAnAmount("tolv".into()))),
            ("--5", Err(E::NotAnAmount("--5".into()))),
            (
                "1234567890123456",
                Err(E::TooLarge("1234567890123456".into())),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(&parse_amount(text), want, "{text:?}");
        }
    }
}
