//! Person ids (`person_id` of the attestförteckning) in one normalised form everywhere.
//!
//! An id is compared by identity: jäv, duality and rights all ask "is this the same person?".
//! A workbook that says `" U210 "` on Attesträtt and `u210` on Jäv means one person, and an
//! actor typing `--as U210` is that person too; so every id is normalised where it enters the
//! product — each workbook cell holding a person id, the acting person of every `core::api`
//! call (CLI `--as`, the desktop's "who am I", the server account's `person_id`) — by
//! [`normalise`], and compared only in that form.
//!
//! The form: surrounding whitespace removed (any Unicode white space, NBSP included), Unicode
//! NFC (a composed `é` and `e` + combining acute are one id), then lower case (ids are not
//! case-sensitive anywhere in a municipality's directory: AD, HSA and employee numbers).
//! Inner spaces are kept: `u 210` is another id, and the workbook check reports it as a
//! lookalike of `u210` ([`lookalike_key`]).

use unicode_normalization::UnicodeNormalization;

/// The one form a person id is stored and compared in.
pub fn normalise(raw: &str) -> String {
    raw.trim().nfc().collect::<String>().to_lowercase()
}

/// A coarser key: two different normalised ids with the same key differ only in inner
/// spacing or compatibility forms (full-width letters, ligatures) and are almost certainly a
/// typing error that would split one person in two (NFKC, white space removed, lower case).
pub fn lookalike_key(raw: &str) -> String {
    raw.nfkc()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_form() {
        for (raw, want) in [
            ("u210", "u210"),
            (" U210 ", "u210"),
            ("\u{a0}U210\t", "u210"),
            ("EVA.E", "eva.e"),
            ("Ren\u{e9}", "ren\u{e9}"),
            ("Rene\u{301}", "ren\u{e9}"),
            ("ÅSA1", "åsa1"),
            ("u 210", "u 210"),
            ("", ""),
        ] {
            assert_eq!(normalise(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn normalising_is_idempotent() {
        for raw in [" U210 ", "Rene\u{301}", "ÅSA", "Ｕ２１０"] {
            assert_eq!(normalise(&normalise(raw)), normalise(raw));
        }
    }

    #[test]
    fn lookalikes() {
        for (a, b, alike) in [
            ("u210", "u 210", true),
            ("u210", "Ｕ２１０", true),
            ("u210", "u211", false),
        ] {
            assert_eq!(
                lookalike_key(&normalise(a)) == lookalike_key(&normalise(b)),
                alike,
                "{a:?} vs {b:?}"
            );
        }
    }
}
