//! What changes between two rule sets, entry by entry, for review before activation.

use std::collections::BTreeMap;

use serde::Serialize;

use super::model::RuleSet;

/// Kind of change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// New entry.
    Added,
    /// Entry no longer present.
    Removed,
    /// Fields changed: (field, old, new).
    Changed(Vec<(String, String, String)>),
}

/// One changed entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    /// Sheet.
    pub sheet: &'static str,
    /// Entry key (e.g. `AR-0042`, `prio 10`).
    pub key: String,
    /// What changed.
    pub change: Change,
}

fn fields<T: Serialize>(t: &T) -> BTreeMap<String, String> {
    let v = serde_json::to_value(t).unwrap_or_default();
    let mut out = BTreeMap::new();
    if let serde_json::Value::Object(m) = v {
        for (k, v) in m {
            if k == "row" {
                continue;
            }
            let s = match v {
                serde_json::Value::String(s) => s,
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            };
            out.insert(k, s);
        }
    }
    out
}

fn compare<T: Serialize>(
    sheet: &'static str,
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> String,
    out: &mut Vec<DiffLine>,
) {
    let o: BTreeMap<String, BTreeMap<String, String>> =
        old.iter().map(|t| (key(t), fields(t))).collect();
    let n: BTreeMap<String, BTreeMap<String, String>> =
        new.iter().map(|t| (key(t), fields(t))).collect();
    for (k, nv) in &n {
        match o.get(k) {
            None => out.push(DiffLine {
                sheet,
                key: k.clone(),
                change: Change::Added,
            }),
            Some(ov) if ov != nv => {
                let changed = nv
                    .iter()
                    .filter(|(f, v)| ov.get(*f) != Some(v))
                    .map(|(f, v)| (f.clone(), ov.get(f).cloned().unwrap_or_default(), v.clone()))
                    .collect();
                out.push(DiffLine {
                    sheet,
                    key: k.clone(),
                    change: Change::Changed(changed),
                });
            }
            Some(_) => {}
        }
    }
    for k in o.keys().filter(|k| !n.contains_key(*k)) {
        out.push(DiffLine {
            sheet,
            key: k.clone(),
            change: Change::Removed,
        });
    }
}

/// Entries added, removed or changed from `old` to `new`.
pub fn diff(old: &RuleSet, new: &RuleSet) -> Vec<DiffLine> {
    let mut out = Vec::new();
    compare(
        "Nämnder",
        &old.namnder,
        &new.namnder,
        |n| n.namnd.clone(),
        &mut out,
    );
    compare(
        "Attesträtt",
        &old.grants,
        &new.grants,
        |g| g.rad_id.clone(),
        &mut out,
    );
    compare(
        "Frånvaro",
        &old.absences,
        &new.absences,
        |a| format!("{} {}", a.person_id, a.fran),
        &mut out,
    );
    compare(
        "Chef",
        &old.managers,
        &new.managers,
        |m| format!("{} {}", m.person_id, m.giltig_fran),
        &mut out,
    );
    compare(
        "Jäv",
        &old.conflicts,
        &new.conflicts,
        |c| {
            format!(
                "{} {:?} {}",
                c.person_id,
                c.typ,
                c.leverantor_orgnr.as_deref().unwrap_or("")
            )
        },
        &mut out,
    );
    compare(
        "Flödesregler",
        &old.flows,
        &new.flows,
        |f| format!("prio {}", f.prio),
        &mut out,
    );
    compare(
        "Konteringsförslag",
        &old.templates,
        &new.templates,
        |t| format!("{} rad {}", t.kf_id, t.rad),
        &mut out,
    );
    out
}
