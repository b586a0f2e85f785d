//! Svefaktura's free-text `quantityUnitCode` to UN/ECE Recommendation 20/21 codes.

use crate::codes;

/// Swedish and common free-text units with one unambiguous Rec 20/21 code (lower case keys).
const SYNONYMS: &[(&str, &str)] = &[
    ("ar", "ANN"),
    ("dag", "DAY"),
    ("dagar", "DAY"),
    ("dygn", "DAY"),
    ("ea", "EA"),
    ("g", "GRM"),
    ("gram", "GRM"),
    ("h", "HUR"),
    ("kg", "KGM"),
    ("kilo", "KGM"),
    ("km", "KMT"),
    ("kwh", "KWH"),
    ("l", "LTR"),
    ("lit", "LTR"),
    ("liter", "LTR"),
    ("m", "MTR"),
    ("m2", "MTK"),
    ("m3", "MTQ"),
    ("meter", "MTR"),
    ("min", "MIN"),
    ("minut", "MIN"),
    ("minuter", "MIN"),
    ("mån", "MON"),
    ("månad", "MON"),
    ("månader", "MON"),
    ("par", "PR"),
    ("pce", "H87"),
    ("pcs", "H87"),
    ("st", "H87"),
    ("st.", "H87"),
    ("stk", "H87"),
    ("styck", "H87"),
    ("styck.", "H87"),
    ("tim", "HUR"),
    ("timmar", "HUR"),
    ("timme", "HUR"),
    ("ton", "TNE"),
    ("vecka", "WEE"),
    ("veckor", "WEE"),
    ("år", "ANN"),
];

/// The Rec 20/21 code for a Svefaktura unit: the value itself when it already is a listed code
/// (`PCE`, deprecated in Rec 20, becomes `H87`), else the code of a known Swedish or English
/// spelling (`styck` → `H87`, `liter` → `LTR`, …), else `None`.
pub fn unit_code(given: &str) -> Option<&'static str> {
    let given = given.trim();
    let lower = given.to_lowercase();
    if let Some((_, code)) = SYNONYMS.iter().find(|(k, _)| *k == lower) {
        return Some(code);
    }
    if codes::is_unit(given) {
        return codes::lists(codes::Release::LATEST)
            .unit
            .codes()
            .find(|c| *c == given);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_synonym_maps_to_a_listed_unit() {
        for (word, code) in SYNONYMS {
            assert!(codes::is_unit(code), "{word} -> {code}");
        }
        assert!(
            SYNONYMS.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted, no duplicates"
        );
    }

    #[test]
    fn maps_free_text_and_keeps_codes() {
        assert_eq!(unit_code("styck"), Some("H87"));
        assert_eq!(unit_code("Liter"), Some("LTR"));
        assert_eq!(unit_code("PCE"), Some("H87"));
        assert_eq!(unit_code("KGM"), Some("KGM"));
        assert_eq!(unit_code("HUR"), Some("HUR"));
        assert_eq!(unit_code("lådor"), None);
    }
}
