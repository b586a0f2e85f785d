//! Overlapping ordinary grants (spec §3): the same person twice for the same codes and period
//! is ambiguous (an error); two different ordinary attestants for the same code are an error
//! where the nämnd allows one per code (`Nämnder.en_ordinarie_per_kod = J`), else, with equal
//! limits, reported for review (hierarchies overlap on purpose).
//!
//! Invariants:
//! * time near-linear in the grants: grants are grouped by their code signature (attesttyp,
//!   ansvar, konto, verksamhet, projekt as written); signatures whose codes overlap are found
//!   through an index of exact ansvar codes (a pattern of prefixes or ranges is compared with
//!   every signature of its attesttyp); each grant is then compared only with the earlier
//!   grants of overlapping signatures that could produce a finding (the same person; the same
//!   nämnd, and for a warning the same invoice limit), stopping at the first;
//! * each grant gets at most one finding of each kind, naming the first earlier grant it
//!   overlaps; the review warnings are one warning with their count and the first few cells,
//!   not one per pair (20,000 rows once gave 190,000).

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::check::{at, overlap_dates};
use super::sheets;
use super::{Problem, Severity};
use crate::approval::StepKind;
use crate::approval::ruleset::*;

/// Review warnings quoted in the one summary warning.
const QUOTED: usize = 5;

/// A grant as the index sees it: signature, person, nämnd, limit, undantag, period.
type StoredKey<'a> = (
    usize,
    &'a str,
    &'a str,
    Decimal,
    bool,
    (chrono::NaiveDate, Option<chrono::NaiveDate>),
);

type SigKey<'a> = (StepKind, &'a str, &'a str, &'a str, &'a str);

fn key(g: &Grant) -> SigKey<'_> {
    (
        g.attesttyp,
        g.ansvar.as_str(),
        g.konto.as_str(),
        g.verksamhet.as_str(),
        g.projekt.as_str(),
    )
}

fn codes_overlap(a: &Grant, b: &Grant) -> bool {
    a.attesttyp == b.attesttyp
        && a.ansvar.overlaps(&b.ansvar)
        && a.konto.overlaps(&b.konto)
        && a.verksamhet.overlaps(&b.verksamhet)
        && a.projekt.overlaps(&b.projekt)
}

fn dates(g: &Grant) -> (chrono::NaiveDate, Option<chrono::NaiveDate>) {
    (g.giltig_fran, g.giltig_till)
}

/// The earlier grants of one signature, by what a later grant looks them up by.
#[derive(Default)]
struct Seen<'a> {
    /// Grants without `undantag_konto`, by person.
    by_person: HashMap<&'a str, Vec<&'a Grant>>,
    /// Grants of a strict nämnd, by nämnd.
    by_namnd: HashMap<&'a str, Vec<&'a Grant>>,
    /// Grants of other nämnder, by nämnd and invoice limit.
    by_limit: HashMap<(&'a str, Decimal), Vec<&'a Grant>>,
}

/// The first grant (lowest row) among `lists` that satisfies `ok`.
fn first<'a>(
    lists: impl Iterator<Item = Option<&'a Vec<&'a Grant>>>,
    ok: impl Fn(&Grant) -> bool,
) -> Option<&'a Grant> {
    lists
        .flatten()
        .filter_map(|l| l.iter().copied().find(|a| ok(a)))
        .min_by_key(|a| a.row)
}

/// Every overlap finding (see the module docs).
pub(super) fn check(rules: &RuleSet, one_per_code: &HashSet<&str>) -> Vec<Problem> {
    let ar = &sheets::ATTESTRATT;
    let ordinary: Vec<&Grant> = rules
        .grants
        .iter()
        .filter(|g| g.grund == Basis::Ordinarie)
        .collect();
    // Signatures and which of them overlap.
    let mut sig_of: HashMap<SigKey<'_>, usize> = HashMap::new();
    let mut reps: Vec<&Grant> = Vec::new();
    let sig: Vec<usize> = ordinary
        .iter()
        .map(|g| {
            *sig_of.entry(key(g)).or_insert_with(|| {
                reps.push(g);
                reps.len() - 1
            })
        })
        .collect();
    let mut exact: HashMap<(StepKind, &str), Vec<usize>> = HashMap::new();
    let mut wild: HashMap<StepKind, Vec<usize>> = HashMap::new();
    let mut all: HashMap<StepKind, Vec<usize>> = HashMap::new();
    for (s, g) in reps.iter().enumerate() {
        all.entry(g.attesttyp).or_default().push(s);
        match g.ansvar.exact_codes() {
            Some(codes) => {
                for c in codes {
                    exact.entry((g.attesttyp, c)).or_default().push(s);
                }
            }
            None => wild.entry(g.attesttyp).or_default().push(s),
        }
    }
    let neighbours: Vec<Vec<usize>> = reps
        .iter()
        .enumerate()
        .map(|(s, g)| {
            let mut cand: Vec<usize> = match g.ansvar.exact_codes() {
                Some(codes) => codes
                    .iter()
                    .flat_map(|c| exact.get(&(g.attesttyp, *c)).into_iter().flatten())
                    .chain(wild.get(&g.attesttyp).into_iter().flatten())
                    .copied()
                    .collect(),
                None => all.get(&g.attesttyp).cloned().unwrap_or_default(),
            };
            cand.sort_unstable();
            cand.dedup();
            cand.retain(|&t| t == s || codes_overlap(g, reps[t]));
            cand
        })
        .collect();

    let mut seen: Vec<Seen<'_>> = (0..reps.len()).map(|_| Seen::default()).collect();
    let mut stored: HashSet<StoredKey<'_>> = HashSet::new();
    let mut p = Vec::new();
    let mut review: Vec<Problem> = Vec::new();
    for (b, &s) in ordinary.iter().zip(&sig) {
        let near = &neighbours[s];
        let undantag_b = !b.undantag_konto.is_empty();
        if !undantag_b {
            let same = first(
                near.iter()
                    .map(|&t| seen[t].by_person.get(b.person_id.as_str())),
                |a| overlap_dates(dates(a), dates(b)),
            );
            if let Some(a) = same {
                p.push(at(
                    ar,
                    b.row,
                    "ansvar",
                    Severity::Error,
                    format!(
                        "overlaps {} (row {}) for the same person and attesttyp",
                        a.rad_id, a.row
                    ),
                ));
            }
        }
        let strict = one_per_code.contains(b.namnd.as_str());
        let other = |a: &Grant| a.person_id != b.person_id && overlap_dates(dates(a), dates(b));
        if strict {
            if let Some(a) = first(
                near.iter().map(|&t| seen[t].by_namnd.get(b.namnd.as_str())),
                other,
            ) {
                p.push(at(
                    ar,
                    b.row,
                    "ansvar",
                    Severity::Error,
                    format!(
                        "{} and {} (row {}) hold overlapping ordinary {} rights, but {} allows \
                         one ordinary attestant per code (Nämnder.en_ordinarie_per_kod = J)",
                        b.person_id, a.person_id, a.row, a.attesttyp, a.namnd
                    ),
                ));
            }
        } else if let Some(a) = first(
            near.iter().map(|&t| {
                seen[t]
                    .by_limit
                    .get(&(b.namnd.as_str(), b.grans_per_faktura))
            }),
            other,
        ) {
            review.push(at(
                ar,
                b.row,
                "ansvar",
                Severity::Warning,
                format!(
                    "{} and {} (row {}) hold the same {} right with equal limits",
                    b.person_id, a.person_id, a.row, a.attesttyp
                ),
            ));
        }
        // Remember b (once per person and period: identical rows add nothing to look at).
        let k = (
            s,
            b.person_id.as_str(),
            b.namnd.as_str(),
            b.grans_per_faktura,
            undantag_b,
            dates(b),
        );
        if !stored.insert(k) {
            continue;
        }
        let state = &mut seen[s];
        if !undantag_b {
            state
                .by_person
                .entry(b.person_id.as_str())
                .or_default()
                .push(b);
        }
        if strict {
            state.by_namnd.entry(b.namnd.as_str()).or_default().push(b);
        } else {
            state
                .by_limit
                .entry((b.namnd.as_str(), b.grans_per_faktura))
                .or_default()
                .push(b);
        }
    }
    match review.len() {
        0 => {}
        1 => p.append(&mut review),
        n => {
            let quoted: Vec<String> = review
                .iter()
                .take(QUOTED)
                .map(|w| format!("{} ({})", w.cell, w.message))
                .collect();
            let mut summary = review.swap_remove(0);
            summary.message = format!(
                "{n} grants hold the same right as another person's with equal limits \
                 (review them; first: {}{})",
                quoted.join("; "),
                if n > QUOTED { "; …" } else { "" }
            );
            p.push(summary);
        }
    }
    p
}
