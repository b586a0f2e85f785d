//! Versioned storage records: the shape in which the store keeps its JSON blobs, owned by
//! `store/` and converted by hand to and from the domain types (each record declares its own
//! fields and `From` conversions through `record_struct!` and `record_enum!`; nothing goes
//! through a domain type's serde).
//!
//! The blobs are `ruleset.rules_json` ([`RuleSetRecordV1`]), `invoice.facts_json`
//! ([`FactsRecordV1`]) and `decision.envelope` ([`EnvelopeRecordV1`]). Each is written as one JSON
//! object whose field `"v"` is the record version, followed by the record's fields
//! (`{"v":1,"format":"PeppolBis3",...}`). The domain types can then change (rename a field, add a
//! variant, drop serde) without changing what a stored byte means: only a new record version
//! does, with a new `…V2` type and a conversion from V1.
//!
//! Reading old stores: stores written before records were versioned (up to commit f98a1ec) hold
//! the serde dump of the domain type, with no `"v"`. Version 1 was defined as exactly that layout
//! (same field names, enum variants by name, decimals as strings, dates `YYYY-MM-DD`), so an
//! object without `"v"` is read as version 1. A version this build does not know (a store written
//! by a newer Digilyft) is [`StoreError::Corrupt`] naming the version, never a guess.
//!
//! Not records, on purpose: `invoice.model_json` is the EN 16931 model as `digilyft-invoice`
//! publishes it (its serde form is that crate's contract, shared with the archive package and
//! `show`), kept and returned verbatim; `invoice.report_json` is the validation report's own JSON;
//! `audit.detail` is free text sealed into the hash chain, whose bytes must never be re-encoded.
//!
//! Invariants: a record converts to its domain type and back without loss (tested per record);
//! writing always uses the newest version; nothing outside `store/` sees these types.

/// Declares a storage record struct mirroring a domain struct field for field, with
/// `From<&Domain>` for the record and `From<Record>` for the domain type. Each field converts by
/// `From` (the identity for plain values; record enums and code patterns by their own impls);
/// fields after `;` are lists (`name: [ElementRecord]`) converted element by element. Because the
/// domain value is built with every field named, a field added to the domain type without one
/// here does not compile.
macro_rules! record_struct {
    (
        $(#[$m:meta])*
        $vis:vis struct $record:ident <=> $domain:ty {
            $($field:ident : $t:ty),* $(,)?
            $(; $($(#[$lm:meta])* $list:ident : [$lt:ty]),+ $(,)?)?
        }
    ) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        $vis struct $record {
            $($field: $t,)*
            $($($(#[$lm])* $list: Vec<$lt>,)+)?
        }
        impl From<&$domain> for $record {
            #[allow(clippy::useless_conversion, clippy::clone_on_copy)]
            fn from(d: &$domain) -> Self {
                $record {
                    $($field: d.$field.clone().into(),)*
                    $($($list: d.$list.iter().map(<$lt>::from).collect(),)+)?
                }
            }
        }
        impl From<$record> for $domain {
            #[allow(clippy::useless_conversion)]
            fn from(r: $record) -> Self {
                Self {
                    $($field: r.$field.into(),)*
                    $($($list: r.$list.into_iter().map(Into::into).collect(),)+)?
                }
            }
        }
    };
}

/// Declares a field-less record enum with its conversions to and from the domain enum, variant
/// for variant (the stored name is the variant's name, as serde writes it).
macro_rules! record_enum {
    ($record:ident <=> $domain:ident { $($var:ident),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        enum $record { $($var),+ }
        impl From<$domain> for $record {
            fn from(d: $domain) -> Self { match d { $($domain::$var => $record::$var),+ } }
        }
        impl From<$record> for $domain {
            fn from(r: $record) -> Self { match r { $($record::$var => $domain::$var),+ } }
        }
    };
}

mod envelope;
mod facts;
mod ruleset;

use envelope::EnvelopeRecordV1;
use facts::FactsRecordV1;
use ruleset::RuleSetRecordV1;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::{Result, StoreError};
use crate::approval::Envelope;
use crate::approval::ruleset::RuleSet;
use crate::facts::InvoiceFacts;

/// `ruleset.rules_json` of `rules`.
pub(super) fn rules_to_json(rules: &RuleSet) -> Result<String> {
    encode(&RuleSetRecordV1::from(rules), "rule set")
}

/// The rule set of a stored `ruleset.rules_json`, its person ids normalised (a rule set stored
/// before ids were normalised on import reads like one imported today).
pub(super) fn rules_from_json(json: &str) -> Result<RuleSet> {
    decode::<RuleSetRecordV1>(json, "rule set").map(|r| {
        let mut rules = RuleSet::from(r);
        rules.normalise_person_ids();
        rules
    })
}

/// `invoice.facts_json` of `facts`.
pub(super) fn facts_to_json(facts: &InvoiceFacts) -> Result<String> {
    encode(&FactsRecordV1::from(facts), "facts")
}

/// The facts of a stored `invoice.facts_json`.
pub(super) fn facts_from_json(json: &str) -> Result<InvoiceFacts> {
    decode::<FactsRecordV1>(json, "invoice facts").map(InvoiceFacts::from)
}

/// `decision.envelope` of `env`.
pub(super) fn envelope_to_json(env: &Envelope) -> Result<String> {
    encode(&EnvelopeRecordV1::from(env), "envelope")
}

/// The envelope of a stored `decision.envelope`.
pub(super) fn envelope_from_json(json: &str) -> Result<Envelope> {
    decode::<EnvelopeRecordV1>(json, "envelope").map(Envelope::from)
}

/// The record version this build writes.
const CURRENT: u64 = 1;

/// A record as written: its version first, then its fields.
#[derive(Serialize)]
struct Versioned<'a, T> {
    v: u64,
    #[serde(flatten)]
    record: &'a T,
}

/// Encodes `record` at the current version.
pub(super) fn encode<T: Serialize>(record: &T, what: &str) -> Result<String> {
    serde_json::to_string(&Versioned { v: CURRENT, record })
        .map_err(|e| StoreError::Corrupt(format!("{what}: cannot encode: {e}")))
}

/// Decodes a stored record of version 1 (or an unversioned one, which is version 1). `what`
/// names the blob in errors.
pub(super) fn decode<T: DeserializeOwned>(json: &str, what: &str) -> Result<T> {
    let mut value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))?;
    let version = match value.as_object_mut().and_then(|o| o.remove("v")) {
        None => 1,
        Some(v) => v.as_u64().ok_or_else(|| {
            StoreError::Corrupt(format!("{what}: record version {v} is not a number"))
        })?,
    };
    if version != CURRENT {
        return Err(StoreError::Corrupt(format!(
            "{what}: record version {version} is unknown to this Digilyft (it knows up to \
             {CURRENT}); install a newer Digilyft"
        )));
    }
    serde_json::from_value(value).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Probe {
        a: String,
        n: u32,
    }

    #[test]
    fn versions_are_written_first_and_read_back_old_and_new() {
        let p = Probe {
            a: "x".into(),
            n: 7,
        };
        let json = encode(&p, "probe").expect("encode");
        assert_eq!(json, r#"{"v":1,"a":"x","n":7}"#);
        // (stored text, decoded?)
        let table: &[(&str, Option<Probe>)] = &[
            (
                &json,
                Some(Probe {
                    a: "x".into(),
                    n: 7,
                }),
            ),
            (
                r#"{"a":"x","n":7}"#,
                Some(Probe {
                    a: "x".into(),
                    n: 7,
                }),
            ),
            (
                r#"{"n":7,"v":1,"a":"x"}"#,
                Some(Probe {
                    a: "x".into(),
                    n: 7,
                }),
            ),
            (r#"{"v":2,"a":"x","n":7}"#, None),
            (r#"{"v":"1","a":"x","n":7}"#, None),
            (r#"{"v":1,"a":"x"}"#, None),
            ("not json", None),
        ];
        for (text, want) in table {
            let got = decode::<Probe>(text, "probe");
            match (want, got) {
                (Some(w), Ok(g)) => assert_eq!(&g, w, "{text}"),
                (None, Err(StoreError::Corrupt(m))) => assert!(m.starts_with("probe: "), "{m}"),
                (w, g) => panic!("{text}: wanted {w:?}, got {g:?}"),
            }
        }
        let newer = decode::<Probe>(r#"{"v":2,"a":"x","n":7}"#, "probe").expect_err("newer");
        assert!(newer.to_string().contains("record version 2"), "{newer}");
    }
}
