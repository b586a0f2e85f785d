//! What the author of a non-accepted mutation is told (sync.md §2.6, §2.7): the outcome in words,
//! who won and when, and what to do. Swedish by default, English available.

use chrono::{DateTime, FixedOffset, Utc};
use serde_json::Value;

/// The language of the texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Svenska.
    #[default]
    Sv,
    /// English.
    En,
}

/// What the attention text is built from.
#[derive(Debug, Clone, Default)]
pub struct Facts<'a> {
    /// The outcome word, `None` for a quarantined mutation.
    pub outcome: Option<&'a str>,
    /// The mutation kind.
    pub kind: &'a str,
    /// The decision (ATTEST, RETURN, …) of a step decision.
    pub decision: Option<&'a str>,
    /// The server's detail object.
    pub detail: Option<&'a Value>,
    /// When the winning decision took effect, if the mirror knows it.
    pub winner_at: Option<DateTime<Utc>>,
    /// What the winner decided (ATTEST, REJECT, …), if the mirror shows it.
    pub winner_decision: Option<&'a str>,
    /// Why it was quarantined.
    pub error: Option<&'a str>,
}

/// The text shown and the advice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// One sentence: what happened.
    pub message: String,
    /// What to do.
    pub advice: String,
}

fn field<'a>(d: Option<&'a Value>, name: &str) -> Option<&'a str> {
    d?.get(name)?.as_str()
}

const MONTHS_SV: [&str; 12] = [
    "jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn when(t: DateTime<Utc>, tz: FixedOffset, lang: Lang) -> String {
    use chrono::{Datelike, Timelike};
    let l = t.with_timezone(&tz);
    let m = l.month0() as usize;
    let month = match lang {
        Lang::Sv => MONTHS_SV[m],
        Lang::En => MONTHS_EN[m],
    };
    format!("{} {month} {:02}:{:02}", l.day(), l.hour(), l.minute())
}

/// The text for one attention item; times in `tz` (the user's offset).
pub fn attention(f: &Facts<'_>, tz: FixedOffset, lang: Lang) -> Text {
    let code = field(f.detail, "reason_code").unwrap_or("");
    let reason = field(f.detail, "reason").unwrap_or("");
    let objection = matches!(f.decision, Some("RETURN" | "REJECT" | "DISPUTE"));
    let sv = lang == Lang::Sv;
    let (message, advice) = match f.outcome {
        None => (
            if sv {
                format!(
                    "Togs inte emot av servern ({}); det skickas inte igen.",
                    f.error.unwrap_or("okänt fel")
                )
            } else {
                format!(
                    "Not taken by the server ({}); it will not be sent again.",
                    f.error.unwrap_or("unknown error")
                )
            },
            if sv {
                "Gör om beslutet och anmäl felet till supporten.".to_string()
            } else {
                "Make the decision again and report the fault to support.".to_string()
            },
        ),
        Some("SUPERSEDED") => {
            let who = field(f.detail, "winner_actor").unwrap_or(if sv {
                "någon annan"
            } else {
                "someone else"
            });
            let seq = f
                .detail
                .and_then(|d| d.get("winner_seq"))
                .and_then(Value::as_i64);
            let mut place = Vec::new();
            if let Some(t) = f.winner_at {
                place.push(when(t, tz, lang));
            }
            if let Some(s) = seq {
                place.push(format!("server #{s}"));
            }
            let place = if place.is_empty() {
                String::new()
            } else {
                format!(" ({})", place.join(", "))
            };
            let did = match (f.winner_decision, sv) {
                (Some("ATTEST"), true) => "attesterade steget först",
                (Some("ATTEST"), false) => "approved this step first",
                (Some("REJECT"), true) => "avvisade fakturan först",
                (Some("REJECT"), false) => "rejected the invoice first",
                (_, true) => "beslutade om steget först",
                (_, false) => "decided this step first",
            };
            let mut m = if sv {
                format!("Inte genomfört: {who} {did}{place}.")
            } else {
                format!("Not applied: {who} {did}{place}.")
            };
            if objection {
                m.push_str(if sv {
                    " Fakturan är flaggad för granskning eftersom du invände."
                } else {
                    " The invoice is flagged for review because you objected."
                });
            }
            (
                m,
                if sv {
                    "Inget mer behöver göras; kvittera när du har läst.".to_string()
                } else {
                    "Nothing more is needed; acknowledge once read.".to_string()
                },
            )
        }
        Some("STALE") => (
            match (code, sv) {
                ("rerouted" | "step-changed", true) => {
                    "Inte genomfört: fakturan har dirigerats om sedan du beslutade.".to_string()
                }
                ("rerouted" | "step-changed", false) => {
                    "Not applied: the invoice was re-routed after you decided.".to_string()
                }
                (_, true) => {
                    "Inte genomfört: fakturan eller konteringen ändrades sedan du beslutade."
                        .to_string()
                }
                (_, false) => {
                    "Not applied: the invoice or its kontering changed after you decided."
                        .to_string()
                }
            },
            if sv {
                "Granska fakturan igen och besluta på nytt om du fortfarande är attestant."
                    .to_string()
            } else {
                "Review the invoice again and decide anew if you are still its approver."
                    .to_string()
            },
        ),
        Some("EXPIRED") => (
            if sv {
                "Inte genomfört: beslutet är äldre än 7 dagar.".to_string()
            } else {
                "Not applied: the decision is older than 7 days.".to_string()
            },
            if sv {
                "Bekräfta beslutet uppkopplad.".to_string()
            } else {
                "Confirm the decision online.".to_string()
            },
        ),
        Some("REJECTED_RULE") => (
            match (code, sv) {
                ("no-right", true) => {
                    "Inte genomfört: du har inte längre attesträtt för detta.".to_string()
                }
                ("no-right", false) => {
                    "Not applied: you no longer hold the attest right for this.".to_string()
                }
                ("duality", true) => {
                    "Inte genomfört: samma person får inte attestera två steg (dualitet)."
                        .to_string()
                }
                ("duality", false) => {
                    "Not applied: one person may not attest two steps (duality).".to_string()
                }
                (_, true) => format!("Inte genomfört: en regel hindrar det ({code}: {reason})."),
                (_, false) => format!("Not applied: a rule forbids it ({code}: {reason})."),
            },
            if sv {
                "Kontakta ekonomienheten om beslutet ändå ska fattas.".to_string()
            } else {
                "Contact the finance unit if the decision must still be made.".to_string()
            },
        ),
        Some("PENDING_PRECONDITION") => (
            if sv {
                "Väntar på granskning: ett tidigare steg är inte attesterat än.".to_string()
            } else {
                "Waiting for granskning: an earlier step is not attested yet.".to_string()
            },
            if sv {
                "Inget att göra; utfallet kommer vid en senare synk.".to_string()
            } else {
                "Nothing to do; the outcome arrives with a later sync.".to_string()
            },
        ),
        Some(other) => (
            if sv {
                format!("Servern kunde inte använda det ({other}: {code} {reason}).")
            } else {
                format!("The server could not use it ({other}: {code} {reason}).")
            },
            if sv {
                "Detta är ett fel i Digilyft: anmäl det till supporten.".to_string()
            } else {
                "This is a fault in Digilyft: report it to support.".to_string()
            },
        ),
    };
    Text {
        message: message.replace(" ( )", "").replace(":  ", ": "),
        advice,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn cet() -> FixedOffset {
        FixedOffset::east_opt(3600).expect("offset")
    }

    #[test]
    fn a_lost_race_names_the_winner_the_time_and_the_server_seq() {
        let detail = serde_json::json!({"winner_actor": "Anna", "winner_seq": 20877,
            "reason_code": "superseded", "reason": "BESLUT#1 was already decided"});
        let f = Facts {
            outcome: Some("SUPERSEDED"),
            kind: "step_decision",
            decision: Some("ATTEST"),
            detail: Some(&detail),
            winner_at: Utc.with_ymd_and_hms(2026, 11, 21, 9, 2, 0).single(),
            winner_decision: Some("ATTEST"),
            error: None,
        };
        let t = attention(&f, cet(), Lang::Sv);
        assert_eq!(
            t.message,
            "Inte genomfört: Anna attesterade steget först (21 nov 10:02, server #20877)."
        );
        let en = attention(&f, cet(), Lang::En);
        assert_eq!(
            en.message,
            "Not applied: Anna approved this step first (21 Nov 10:02, server #20877)."
        );
        let unknown = Facts {
            winner_decision: None,
            winner_at: None,
            ..f.clone()
        };
        assert_eq!(
            attention(&unknown, cet(), Lang::Sv).message,
            "Inte genomfört: Anna beslutade om steget först (server #20877)."
        );
        let lost_objection = Facts {
            decision: Some("REJECT"),
            ..f
        };
        assert!(
            attention(&lost_objection, cet(), Lang::Sv)
                .message
                .ends_with("flaggad för granskning eftersom du invände.")
        );
    }

    #[test]
    fn every_outcome_has_its_own_words() {
        let outcomes = [
            Some("SUPERSEDED"),
            Some("STALE"),
            Some("EXPIRED"),
            Some("REJECTED_RULE"),
            Some("PENDING_PRECONDITION"),
            Some("REJECTED_MALFORMED"),
            Some("KEY_REUSED"),
            None,
        ];
        let mut seen = std::collections::HashSet::new();
        for o in outcomes {
            let f = Facts {
                outcome: o,
                kind: "step_decision",
                ..Facts::default()
            };
            for lang in [Lang::Sv, Lang::En] {
                let t = attention(&f, cet(), lang);
                assert!(!t.message.is_empty() && !t.advice.is_empty(), "{o:?}");
                assert!(
                    seen.insert((t.message.clone(), lang)),
                    "{o:?} repeats {}",
                    t.message
                );
            }
        }
    }
}
