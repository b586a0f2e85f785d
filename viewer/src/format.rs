//! How values are written for people: amounts, quantities, dates and Swedish payment numbers, in
//! the conventions of the chosen language.
//!
//! Every rule here is a pure function with a table test. Values are never changed, only laid
//! out: a number that does not have the shape a rule expects is shown exactly as given.
//!
//! * **Amounts** keep every decimal the document gave, with at least two: Swedish `1 234,50 kr`
//!   (space between thousands, decimal comma, `kr` for SEK, else the currency code after the
//!   number), English `1,234.50 SEK`.
//! * **Quantities and rates** show the number without trailing zeros (`2.000` → `2`, `12.50` →
//!   `12,5`).
//! * **Dates**: Swedish `2026-11-22` (SS-ISO 8601, as Swedes write dates), English `22 Nov 2026`.
//! * **Bankgiro** (7 or 8 digits): `NNN-NNNN` / `NNNN-NNNN`. **Plusgiro** (2 to 8 digits): pairs
//!   from the right and the check digit after a hyphen, `90 20 01-9`. **IBAN**: groups of four,
//!   `SE45 5000 0000 0583 9825 7466`.

use chrono::{Datelike, NaiveDate};
use digilyft_invoice::model::Decimal;

use crate::i18n::Lang;

/// An amount with its currency, e.g. `1 234,50 kr` or `1,234.50 SEK`.
pub fn amount(value: Decimal, currency: Option<&str>, lang: Lang) -> String {
    let number = amount_number(value, lang);
    match (lang, currency) {
        (Lang::Sv, Some("SEK")) => format!("{number} kr"),
        (_, Some(code)) if !code.is_empty() => format!("{number} {code}"),
        _ => number,
    }
}

/// An amount without currency, with at least two decimals: `1 234,50` / `1,234.50`.
pub fn amount_number(value: Decimal, lang: Lang) -> String {
    let mut v = value;
    if v.scale() < 2 {
        v.rescale(2);
    }
    grouped(&v.to_string(), lang)
}

/// A quantity, percentage or other plain number without trailing zeros: `12,5` / `12.5`.
pub fn number(value: Decimal, lang: Lang) -> String {
    grouped(&value.normalize().to_string(), lang)
}

/// A percentage: `25 %` / `25%`.
pub fn percent(value: Decimal, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!("{} %", number(value, lang)),
        Lang::En => format!("{}%", number(value, lang)),
    }
}

/// Groups the integer part of a plain decimal string (`-1234.5`) by thousands and uses the
/// language's separators.
fn grouped(plain: &str, lang: Lang) -> String {
    let (sign, body) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let (thousands, decimal) = match lang {
        Lang::Sv => (' ', ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::with_capacity(plain.len() + plain.len() / 3 + 2);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(thousands);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(decimal);
        out.push_str(frac);
    }
    out
}

/// A date: `2026-11-22` in Swedish, `22 Nov 2026` in English.
pub fn date(d: NaiveDate, lang: Lang) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match lang {
        Lang::Sv => d.format("%Y-%m-%d").to_string(),
        Lang::En => {
            let month = MONTHS[d.month0() as usize];
            format!("{} {month} {}", d.day(), d.year())
        }
    }
}

/// The digits of `s` when it holds nothing else but digits, spaces and hyphens.
fn digits_only(s: &str) -> Option<String> {
    let mut digits = String::with_capacity(s.len());
    for c in s.trim().chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' => {}
            _ => return None,
        }
    }
    (!digits.is_empty()).then_some(digits)
}

/// A bankgiro number as people write it: `NNN-NNNN` (7 digits) or `NNNN-NNNN` (8 digits).
pub fn bankgiro(account: &str) -> String {
    match digits_only(account) {
        Some(d) if d.len() == 7 || d.len() == 8 => {
            let (head, tail) = d.split_at(d.len() - 4);
            format!("{head}-{tail}")
        }
        _ => account.trim().to_string(),
    }
}

/// A plusgiro number as people write it: pairs of digits from the right and the check digit after
/// a hyphen (`1234567-8` → `1 23 45 67-8`, `9020019` → `90 20 01-9`).
pub fn plusgiro(account: &str) -> String {
    match digits_only(account) {
        Some(d) if (2..=8).contains(&d.len()) => {
            let (body, check) = d.split_at(d.len() - 1);
            let mut out = String::new();
            for (i, c) in body.chars().enumerate() {
                if i > 0 && (body.len() - i) % 2 == 0 {
                    out.push(' ');
                }
                out.push(c);
            }
            format!("{out}-{check}")
        }
        _ => account.trim().to_string(),
    }
}

/// True when `account` has the shape of an IBAN: two letters, two digits, then 11 to 30 letters
/// or digits (spaces ignored).
pub fn looks_like_iban(account: &str) -> bool {
    let compact: Vec<char> = account.chars().filter(|c| *c != ' ').collect();
    (15..=34).contains(&compact.len())
        && compact[..2].iter().all(char::is_ascii_alphabetic)
        && compact[2..4].iter().all(char::is_ascii_digit)
        && compact[4..].iter().all(char::is_ascii_alphanumeric)
}

/// An IBAN in groups of four (`SE4550000000058398257466` → `SE45 5000 0000 0583 9825 7466`); a
/// value that is not IBAN-shaped is shown as given.
pub fn iban(account: &str) -> String {
    if !looks_like_iban(account) {
        return account.trim().to_string();
    }
    let compact: String = account
        .chars()
        .filter(|c| *c != ' ')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let mut out = String::with_capacity(compact.len() + compact.len() / 4);
    for (i, c) in compact.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// A byte count for people: `512 byte`, `12,3 kB`, `4,0 MB` (1000-based, as file managers show).
pub fn size(bytes: usize, lang: Lang) -> String {
    let (value, unit) = if bytes < 1000 {
        return match lang {
            Lang::Sv => format!("{bytes} byte"),
            Lang::En => format!("{bytes} bytes"),
        };
    } else if bytes < 1_000_000 {
        (bytes as u64 * 10 / 1000, "kB")
    } else {
        (bytes as u64 * 10 / 1_000_000, "MB")
    };
    let sep = match lang {
        Lang::Sv => ',',
        Lang::En => '.',
    };
    format!("{}{sep}{} {unit}", value / 10, value % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test decimal")
    }

    #[test]
    fn amounts_follow_the_language() {
        let cases = [
            ("1234.5", Some("SEK"), Lang::Sv, "1 234,50 kr"),
            ("1234.5", Some("SEK"), Lang::En, "1,234.50 SEK"),
            ("0", Some("SEK"), Lang::Sv, "0,00 kr"),
            ("-250", Some("SEK"), Lang::Sv, "-250,00 kr"),
            ("1234567.891", Some("EUR"), Lang::Sv, "1 234 567,891 EUR"),
            ("1234567.891", Some("EUR"), Lang::En, "1,234,567.891 EUR"),
            ("999.99", None, Lang::Sv, "999,99"),
            ("100000", Some("NOK"), Lang::Sv, "100 000,00 NOK"),
            ("-1000000.00", Some("SEK"), Lang::En, "-1,000,000.00 SEK"),
        ];
        for (value, currency, lang, expected) in cases {
            assert_eq!(
                amount(dec(value), currency, lang),
                expected,
                "{value} {lang:?}"
            );
        }
    }

    #[test]
    fn numbers_drop_trailing_zeros() {
        let cases = [
            ("2.000", Lang::Sv, "2"),
            ("12.50", Lang::Sv, "12,5"),
            ("12.50", Lang::En, "12.5"),
            ("1500", Lang::Sv, "1 500"),
            ("0.125", Lang::Sv, "0,125"),
            ("-3", Lang::En, "-3"),
        ];
        for (value, lang, expected) in cases {
            assert_eq!(number(dec(value), lang), expected, "{value}");
        }
        assert_eq!(percent(dec("25.00"), Lang::Sv), "25 %");
        assert_eq!(percent(dec("12"), Lang::En), "12%");
    }

    #[test]
    fn dates_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 2).expect("date");
        assert_eq!(date(d, Lang::Sv), "2026-11-02");
        assert_eq!(date(d, Lang::En), "2 Nov 2026");
        let d = NaiveDate::from_ymd_opt(2027, 1, 31).expect("date");
        assert_eq!(date(d, Lang::En), "31 Jan 2027");
    }

    #[test]
    fn bankgiro_numbers_get_their_hyphen() {
        let cases = [
            ("1234567", "123-4567"),
            ("12345678", "1234-5678"),
            ("5050-1055", "5050-1055"),
            (" 505 01055 ", "5050-1055"),
            ("123456", "123456"),
            ("123456789", "123456789"),
            ("SE12", "SE12"),
        ];
        for (given, expected) in cases {
            assert_eq!(bankgiro(given), expected, "{given}");
        }
    }

    #[test]
    fn plusgiro_numbers_get_pairs_and_check_digit() {
        let cases = [
            ("9020019", "90 20 01-9"),
            ("12345678", "1 23 45 67-8"),
            ("1234567-8", "1 23 45 67-8"),
            ("28", "2-8"),
            ("4105", "4 10-5"),
            ("1", "1"),
            ("123456789", "123456789"),
            ("PG 1", "PG 1"),
        ];
        for (given, expected) in cases {
            assert_eq!(plusgiro(given), expected, "{given}");
        }
    }

    #[test]
    fn ibans_are_grouped_in_fours() {
        let cases = [
            ("SE4550000000058398257466", "SE45 5000 0000 0583 9825 7466"),
            (
                "se45 5000 0000 0583 9825 7466",
                "SE45 5000 0000 0583 9825 7466",
            ),
            ("NO9386011117947", "NO93 8601 1117 947"),
            ("DE89370400440532013000", "DE89 3704 0044 0532 0130 00"),
            ("12345678", "12345678"),
            ("SE45-5000", "SE45-5000"),
        ];
        for (given, expected) in cases {
            assert_eq!(iban(given), expected, "{given}");
        }
    }

    #[test]
    fn sizes_are_readable() {
        assert_eq!(size(512, Lang::Sv), "512 byte");
        assert_eq!(size(12_345, Lang::Sv), "12,3 kB");
        assert_eq!(size(4_000_000, Lang::En), "4.0 MB");
    }
}
