//! Matching the names a user types in a spreadsheet — sheet names and column headers — the one
//! way every reader does it: surrounding spaces ignored, Unicode NFC (so `Jäv` typed with a
//! combining diaeresis, as macOS and some web forms write it, is `Jäv`), letter case ignored.

use unicode_normalization::UnicodeNormalization;

/// The form two names are compared in.
pub fn name_key(name: &str) -> String {
    name.trim().nfc().collect::<String>().to_lowercase()
}

/// Do `a` and `b` name the same sheet or column?
pub fn same_name(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// The first of `names` (a workbook's sheet names) that is `wanted`.
pub fn find_sheet<'a>(names: &'a [String], wanted: &str) -> Option<&'a String> {
    let key = name_key(wanted);
    names.iter().find(|n| name_key(n) == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_in_nfc_ignoring_case_and_spaces() {
        for (a, b, same) in [
            ("Jäv", "Ja\u{308}v", true),
            ("Frånvaro", "Fra\u{30a}nvaro", true),
            ("Attesträtt", " attesträtt ", true),
            ("gräns_per_rad_sek", "GRÄNS_PER_RAD_SEK", true),
            ("Jäv", "Jav", false),
            ("Chef", "Chefer", false),
        ] {
            assert_eq!(same_name(a, b), same, "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn finds_a_sheet_written_in_nfd() {
        let names = vec!["Attesträtt".to_string(), "Ja\u{308}v".to_string()];
        assert_eq!(find_sheet(&names, "Jäv"), Some(&names[1]));
        assert_eq!(find_sheet(&names, "Chef"), None);
    }
}
