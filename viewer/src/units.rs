//! Names of units of measure (UN/ECE Recommendation 20, with the Rec 21 package codes `X…`) for
//! the codes invoices commonly carry, in Swedish and English.
//!
//! The table is data: one row per code, `(code, Swedish, English)`, as a person would write the
//! unit on a paper invoice. A code not in the table is shown as the code itself, so nothing is
//! hidden; [`unit_name`] never invents a name.

use crate::i18n::Lang;

/// `(code, sv, en)`, sorted by code (checked by a test, searched by binary search).
const UNITS: &[(&str, &str, &str)] = &[
    ("4L", "megabyte", "megabyte"),
    ("ANN", "år", "year"),
    ("C62", "st", "unit"),
    ("CMT", "cm", "cm"),
    ("DAY", "dag", "day"),
    ("DZN", "dussin", "dozen"),
    ("E48", "tjänst", "service unit"),
    ("EA", "st", "each"),
    ("GRM", "g", "g"),
    ("H87", "st", "piece"),
    ("HUR", "tim", "hour"),
    ("KGM", "kg", "kg"),
    ("KMT", "km", "km"),
    ("KW", "kW", "kW"),
    ("KWH", "kWh", "kWh"),
    ("LS", "klumpsumma", "lump sum"),
    ("LTR", "liter", "litre"),
    ("MIN", "min", "minute"),
    ("MLT", "ml", "ml"),
    ("MON", "månad", "month"),
    ("MTK", "m²", "m²"),
    ("MTQ", "m³", "m³"),
    ("MTR", "m", "m"),
    ("MWH", "MWh", "MWh"),
    ("NAR", "antal artiklar", "number of articles"),
    ("NMP", "antal förpackningar", "number of packs"),
    ("P1", "procent", "percent"),
    ("PR", "par", "pair"),
    ("QAN", "kvartal", "quarter"),
    ("SEC", "s", "second"),
    ("SET", "sats", "set"),
    ("TNE", "ton", "tonne"),
    ("WEE", "vecka", "week"),
    ("XBX", "låda", "box"),
    ("XCT", "kartong", "carton"),
    ("XPA", "paket", "packet"),
    ("XPK", "förpackning", "package"),
    ("XPP", "st", "piece"),
    ("XPX", "pall", "pallet"),
    ("XRO", "rulle", "roll"),
    ("XSA", "säck", "sack"),
];

/// The name of unit `code` in `lang`, or `None` when the table lacks it.
pub fn unit_name(code: &str, lang: Lang) -> Option<&'static str> {
    let i = UNITS.binary_search_by(|(c, _, _)| (*c).cmp(code)).ok()?;
    let (_, sv, en) = UNITS[i];
    Some(match lang {
        Lang::Sv => sv,
        Lang::En => en,
    })
}

/// The unit as shown: its name, or the code itself when the table lacks it.
pub fn unit_label(code: &str, lang: Lang) -> String {
    unit_name(code, lang).map_or_else(|| code.to_string(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        for pair in UNITS.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
    }

    #[test]
    fn every_code_is_in_the_official_list() {
        for (code, _, _) in UNITS {
            assert!(
                digilyft_invoice::codes::is_unit(code),
                "{code} is not a Rec 20/21 code"
            );
        }
    }

    #[test]
    fn common_codes_have_names_and_others_show_as_given() {
        let cases = [
            ("EA", Lang::Sv, "st"),
            ("HUR", Lang::Sv, "tim"),
            ("HUR", Lang::En, "hour"),
            ("KWH", Lang::Sv, "kWh"),
            ("MON", Lang::Sv, "månad"),
            ("DAY", Lang::En, "day"),
            ("XPP", Lang::Sv, "st"),
            ("ZZ9", Lang::Sv, "ZZ9"),
        ];
        for (code, lang, expected) in cases {
            assert_eq!(unit_label(code, lang), expected, "{code}");
        }
    }
}
