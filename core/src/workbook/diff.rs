//! What changes between two rule sets, entry by entry, for review before activation. Fields are
//! named by their workbook column (`tak_per_rad_sek`), yes/no values as J/N.

use std::collections::BTreeMap;

use serde::Serialize;

use super::sheets::{self, Sheet};
use crate::approval::ruleset::RuleSet;

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

/// The workbook column a model field comes from (`tak_per_rad` → `tak_per_rad_sek`,
/// `tva_i_forening_over` → `två_i_förening_över_sek`), so the review shows the headers the
/// administrator edits; a field without a column keeps its own name.
fn column_of(sheet: &Sheet, field: &str) -> String {
    let alias = match field {
        "kontrakt_id" => "kontrakt_eller_abonnemang_id",
        "max_per_manad" => "max_per_period",
        "chef_person_id" => "närmaste_chef_person_id",
        other => other,
    };
    let plain = |h: &str| -> String {
        h.chars()
            .map(|c| match c {
                'å' | 'ä' => 'a',
                'ö' => 'o',
                c => c,
            })
            .collect()
    };
    sheet
        .columns
        .iter()
        .map(|c| c.header)
        .find(|h| {
            let p = plain(h);
            p == alias || p.strip_suffix("_sek") == Some(alias) || *h == alias
        })
        .unwrap_or(field)
        .to_string()
}

fn fields<T: Serialize>(sheet: &Sheet, t: &T) -> BTreeMap<String, String> {
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
                // J/N as in the workbook's drop-downs.
                serde_json::Value::Bool(b) => if b { "J" } else { "N" }.to_string(),
                other => other.to_string(),
            };
            out.insert(column_of(sheet, &k), s);
        }
    }
    out
}

fn compare<T: Serialize>(
    sheet: &'static Sheet,
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> String,
    out: &mut Vec<DiffLine>,
) {
    let o: BTreeMap<String, BTreeMap<String, String>> =
        old.iter().map(|t| (key(t), fields(sheet, t))).collect();
    let n: BTreeMap<String, BTreeMap<String, String>> =
        new.iter().map(|t| (key(t), fields(sheet, t))).collect();
    for (k, nv) in &n {
        match o.get(k) {
            None => out.push(DiffLine {
                sheet: sheet.name,
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
                    sheet: sheet.name,
                    key: k.clone(),
                    change: Change::Changed(changed),
                });
            }
            Some(_) => {}
        }
    }
    for k in o.keys().filter(|k| !n.contains_key(*k)) {
        out.push(DiffLine {
            sheet: sheet.name,
            key: k.clone(),
            change: Change::Removed,
        });
    }
}

/// Entries added, removed or changed from `old` to `new`.
pub fn diff(old: &RuleSet, new: &RuleSet) -> Vec<DiffLine> {
    let mut out = Vec::new();
    compare(
        &sheets::NAMNDER,
        &old.namnder,
        &new.namnder,
        |n| n.namnd.clone(),
        &mut out,
    );
    compare(
        &sheets::ATTESTRATT,
        &old.grants,
        &new.grants,
        |g| g.rad_id.clone(),
        &mut out,
    );
    compare(
        &sheets::FRANVARO,
        &old.absences,
        &new.absences,
        |a| format!("{} {}", a.person_id, a.fran),
        &mut out,
    );
    compare(
        &sheets::CHEF,
        &old.managers,
        &new.managers,
        |m| format!("{} {}", m.person_id, m.giltig_fran),
        &mut out,
    );
    compare(
        &sheets::JAV,
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
        &sheets::FLODESREGLER,
        &old.flows,
        &new.flows,
        |f| format!("prio {}", f.prio),
        &mut out,
    );
    compare(
        &sheets::KONTERINGSFORSLAG,
        &old.templates,
        &new.templates,
        |t| format!("{} rad {}", t.kf_id, t.rad),
        &mut out,
    );
    compare(
        &sheets::TIDSFRISTER,
        &old.tidsfrister,
        &new.tidsfrister,
        |t| t.attesttyp.map_or("ALLA", |k| k.as_str()).to_string(),
        &mut out,
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::sample::sample_rules;

    /// Every field of every sheet's rows is reported under one of that sheet's column headers.
    #[test]
    fn every_field_is_named_by_its_column() {
        fn check<T: Serialize>(sheet: &Sheet, rows: &[T]) {
            let row = rows.first().expect("the sample fills every sheet");
            for name in fields(sheet, row).keys() {
                assert!(
                    sheet.index(name).is_some(),
                    "{}: field {name} has no column",
                    sheet.name
                );
            }
        }
        let r = sample_rules();
        check(&sheets::NAMNDER, &r.namnder);
        check(&sheets::ATTESTRATT, &r.grants);
        check(&sheets::FRANVARO, &r.absences);
        check(&sheets::CHEF, &r.managers);
        check(&sheets::JAV, &r.conflicts);
        check(&sheets::FLODESREGLER, &r.flows);
        check(&sheets::KONTERINGSFORSLAG, &r.templates);
        check(&sheets::TIDSFRISTER, &r.tidsfrister);
    }

    #[test]
    fn a_changed_lead_time_shows_under_its_column() {
        let old = sample_rules();
        let mut new = sample_rules();
        new.tidsfrister[0].betalningsledtid_dagar = Some(8);
        let d = diff(&old, &new);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].sheet, d[0].key.as_str()), ("Tidsfrister", "ALLA"));
        match &d[0].change {
            Change::Changed(f) => assert_eq!(
                f,
                &vec![(
                    "betalningsledtid_dagar".to_string(),
                    "3".to_string(),
                    "8".to_string()
                )]
            ),
            other => panic!("{other:?}"),
        }
    }
}
