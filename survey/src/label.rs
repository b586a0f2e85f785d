//! Bilingual labels. Swedish is the default language of every text a user sees; English is
//! available wherever the model supplies it.

use serde::{Deserialize, Serialize};

/// The language a report, template or message is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Swedish (the default).
    #[default]
    Sv,
    /// English.
    En,
}

impl Lang {
    /// Parses `sv` or `en` (case-insensitive).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sv" | "swedish" | "svenska" => Some(Lang::Sv),
            "en" | "english" | "engelska" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the Swedish or English literal.
    pub fn pick<'a>(self, sv: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }
}

/// A text in Swedish and (optionally) English, written `{ sv = "…", en = "…" }` in a model.
///
/// Which languages are required is decided by the model's `languages` list and checked when the
/// model is loaded; [`Label::get`] falls back to the other language so a report never shows an
/// empty cell for a text that exists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// Swedish text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sv: Option<String>,
    /// English text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Label {
    /// A label with both languages.
    pub fn new(sv: &str, en: &str) -> Label {
        Label {
            sv: Some(sv.to_owned()),
            en: Some(en.to_owned()),
        }
    }

    /// The text in `lang`, falling back to the other language, or `""` if neither exists.
    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Sv => (&self.sv, &self.en),
            Lang::En => (&self.en, &self.sv),
        };
        first
            .as_deref()
            .filter(|s| !s.is_empty())
            .or(second.as_deref())
            .unwrap_or("")
    }

    /// The text in exactly `lang`, if present and not blank.
    pub fn exact(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Sv => self.sv.as_deref(),
            Lang::En => self.en.as_deref(),
        }
        .filter(|s| !s.trim().is_empty())
    }

    /// True if `text` equals the label in either language (after trimming).
    pub fn matches(&self, text: &str) -> bool {
        let t = text.trim();
        [&self.sv, &self.en]
            .iter()
            .any(|l| l.as_deref().is_some_and(|s| s.trim() == t))
    }
}
