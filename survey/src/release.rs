//! Repeated releases: the record of what a report published, and the check that a new report
//! reveals nothing below k in combination with earlier ones.
//!
//! Re-scoring a wave after one late answer and publishing both reports lets anyone subtract the
//! two organisation totals and read the late respondent's scores. Statistical offices meet this
//! with *release control*: the cells already published are kept, and a new table is checked
//! against them as if all were one table. Every report therefore carries a [`Release`] (not part
//! of the published JSON): a fingerprint per included respondent — a hash of wave, id, unit,
//! role and every answer, so a changed answer counts as a removal plus an addition — with the
//! respondent's unit, role and which measures they have a score on, and the list of published
//! cells. The survey owner keeps it with the answer files (it is not for publication: it
//! holds each respondent's unit and role) and passes the earlier releases of the wave back in
//! [`crate::ScoreOptions::releases`].
//!
//! [`refine`] then splits respondents into atoms by unit, role *and* the set of releases they
//! are in, writes every published statistic — earlier and current — as a linear functional
//! over those atoms (1 per respondent for a mean over respondents, 1/(S·n_s) for a
//! role-balanced mean), and hides current cells until
//! [`crate::anonymity::small_derivable_set`] finds no combination supported on fewer than k
//! respondents. The same check makes role-balanced means safe within one report.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::anonymity::{role_strata, small_derivable_columns_within, small_derivable_set};

/// What one report published, for checking later reports of the same wave against it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Release {
    /// Model id.
    pub model: String,
    /// Model version.
    pub version: String,
    /// The scored wave.
    pub wave: String,
    /// The anonymity threshold used.
    pub k: u32,
    /// Whether means were role-balanced.
    pub role_balanced: bool,
    /// Measure keys, in the order of [`ReleasedRespondent::scored`]: `category:<id>`,
    /// `item:<id>`, `theme:<id>`.
    pub measures: Vec<String>,
    /// Every included respondent.
    pub respondents: Vec<ReleasedRespondent>,
    /// Every published cell.
    pub cells: Vec<ReleasedCell>,
}

/// One included respondent of a release.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ReleasedRespondent {
    /// Fingerprint (16 hex digits) of wave, id, unit, role and answers.
    pub key: String,
    /// Unit path `A/B`.
    pub unit: String,
    /// Role id, if any.
    pub role: Option<String>,
    /// `1`/`0` per [`Release::measures`] entry: whether the respondent has a score on it.
    pub scored: String,
}

/// One published cell: a group's statistic on one measure.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct ReleasedCell {
    /// `unit:<path>` (`unit:` for the organisation) or `role:<id>`.
    pub group: String,
    /// A [`Release::measures`] key.
    pub measure: String,
}

/// FNV-1a over a canonical byte string: stable across platforms and Rust versions.
pub(crate) fn fingerprint(parts: &[&[u8]]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in p.iter().chain(&[0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// A respondent as the check sees them: where they are, which releases they are in (bit 0 the
/// current report, bit j + 1 earlier release j), and which check measures they have a score on.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub unit: Vec<String>,
    pub role: Option<usize>,
    pub mask: u64,
    pub scored: Vec<bool>,
}

/// A published group: an org-tree unit (by path) or a role group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GroupDef {
    Unit(Vec<String>),
    Role(usize),
}

impl GroupDef {
    fn contains(&self, unit: &[String], role: Option<usize>) -> bool {
        match self {
            GroupDef::Unit(p) => unit.starts_with(p),
            GroupDef::Role(r) => role == Some(*r),
        }
    }
}

/// One publication (the current report or an earlier release) as the check sees it.
pub(crate) struct Slot {
    pub k: u64,
    pub role_balanced: bool,
    /// `[measure][group]`: published.
    pub shown: Vec<Vec<bool>>,
}

/// Hides current cells (slot 0) until no combination of every slot's published cells is a
/// weighted sum of fewer than k respondents. Returns the `(measure, group)` cells hidden.
pub(crate) fn refine(
    people: &[Person],
    groups: &[GroupDef],
    roles: usize,
    k: u64,
    slots: &mut [Slot],
) -> Vec<(usize, usize)> {
    // Atoms: (unit, role slot, mask).
    let mut atom_index: HashMap<(&[String], usize, u64), usize> = HashMap::new();
    let mut atom_of = Vec::with_capacity(people.len());
    let mut atoms: Vec<(&[String], Option<usize>, u64)> = Vec::new();
    for p in people {
        let key = (p.unit.as_slice(), p.role.unwrap_or(roles), p.mask);
        let next = atoms.len();
        let a = *atom_index.entry(key).or_insert(next);
        if a == next {
            atoms.push((p.unit.as_slice(), p.role, p.mask));
        }
        atom_of.push(a);
    }
    let member: Vec<Vec<bool>> = groups
        .iter()
        .map(|g| atoms.iter().map(|(u, r, _)| g.contains(u, *r)).collect())
        .collect();
    let measures = slots.first().map_or(0, |s| s.shown.len());
    let mut hidden = Vec::new();
    for m in 0..measures {
        let mut counts = vec![0u64; atoms.len()];
        for (p, &a) in people.iter().zip(&atom_of) {
            if p.scored.get(m).copied().unwrap_or(false) {
                counts[a] += 1;
            }
        }
        loop {
            let mut rows: Vec<Vec<f64>> = Vec::new();
            let mut owner: Vec<Option<usize>> = Vec::new();
            for (t, slot) in slots.iter().enumerate() {
                for (g, shown) in slot.shown[m].iter().enumerate() {
                    if !*shown {
                        continue;
                    }
                    let in_g = |a: usize| member[g][a] && atoms[a].2 & (1 << t) != 0;
                    let row = coefficients(&atoms, &counts, roles, slot, &in_g);
                    rows.push(row);
                    owner.push((t == 0).then_some(g));
                }
            }
            let Some(set) = small_derivable_set(&counts, &rows, k) else {
                break;
            };
            // Hide the smallest current cell that has a coefficient on the small set.
            let pick = rows
                .iter()
                .zip(&owner)
                .filter_map(|(row, o)| {
                    let g = (*o)?;
                    set.iter().any(|&a| row[a] != 0.0).then(|| {
                        let n: u64 = (0..atoms.len())
                            .filter(|&a| row[a] != 0.0)
                            .map(|a| counts[a])
                            .sum();
                        (n, g)
                    })
                })
                .min();
            let Some((_, g)) = pick else {
                // Only earlier releases combine to it: nothing the current report can change.
                break;
            };
            slots[0].shown[m][g] = false;
            hidden.push((m, g));
        }
    }
    hidden
}

/// The published statistic of one group in one slot as coefficients over atoms.
fn coefficients(
    atoms: &[(&[String], Option<usize>, u64)],
    counts: &[u64],
    roles: usize,
    slot: &Slot,
    in_g: &dyn Fn(usize) -> bool,
) -> Vec<f64> {
    let mut row = vec![0.0; atoms.len()];
    if !slot.role_balanced {
        for (a, x) in row.iter_mut().enumerate() {
            if in_g(a) && counts[a] > 0 {
                *x = 1.0;
            }
        }
        return row;
    }
    let slot_of = |a: usize| atoms[a].1.unwrap_or(roles);
    let mut by_role = vec![0u64; roles + 1];
    for a in (0..atoms.len()).filter(|&a| in_g(a)) {
        by_role[slot_of(a)] += counts[a];
    }
    let strata = role_strata(&by_role, slot.k);
    let n_strata = strata.iter().flatten().max().map_or(0, |s| s + 1);
    let mut size = vec![0u64; n_strata];
    for (r, s) in strata.iter().enumerate() {
        if let Some(s) = s {
            size[*s] += by_role[r];
        }
    }
    for (a, x) in row.iter_mut().enumerate() {
        if in_g(a)
            && counts[a] > 0
            && let Some(s) = strata[slot_of(a)]
        {
            *x = 1.0 / (n_strata as f64 * size[s] as f64);
        }
    }
    row
}

/// The item figures of the organisation and the category figures of every group, across every
/// slot, as one linear system per category (see `docs/anonymity.md`, items and categories): the
/// unknowns are each respondent's item scores; a category figure puts `w_q / W` on the items the
/// respondent answered (times the group's role-balanced weight), an item figure 1 on everyone who
/// answered it. Respondents with the same answered items, category-score status, unit, role and
/// releases are one atom. While a set below k is derivable, the current item figures of the
/// category are withheld, and then (if that is not enough) the smallest current category cell.
///
/// `cat_items[c]` lists the check-measure indexes of category c's items with their weights;
/// returns `(withheld item measures, hidden (category, group) cells)`.
pub(crate) fn refine_items(
    people: &[Person],
    groups: &[GroupDef],
    roles: usize,
    k: u64,
    slots: &mut [Slot],
    cat_items: &[Vec<(usize, f64)>],
) -> (Vec<usize>, Vec<(usize, usize)>) {
    let mut withheld = Vec::new();
    let mut hidden = Vec::new();
    for (c, items) in cat_items.iter().enumerate() {
        let n_items = items.len().min(64);
        // Atoms: (mask of answered items, has a score, unit, role slot, releases).
        let mut index: HashMap<(u64, bool, &[String], usize, u64), usize> = HashMap::new();
        let mut atoms: Vec<ItemAtom> = Vec::new();
        let mut counts: Vec<u64> = Vec::new();
        let mut partial = false;
        for p in people {
            let mut mask = 0u64;
            for (j, &(q, _)) in items.iter().enumerate().take(n_items) {
                if p.scored.get(q).copied().unwrap_or(false) {
                    mask |= 1 << j;
                }
            }
            if mask == 0 {
                continue;
            }
            let scored = p.scored.get(c).copied().unwrap_or(false);
            partial |= !(scored && mask.count_ones() as usize == n_items);
            let key = (
                mask,
                scored,
                p.unit.as_slice(),
                p.role.unwrap_or(roles),
                p.mask,
            );
            let next = atoms.len();
            let a = *index.entry(key).or_insert(next);
            if a == next {
                atoms.push((mask, scored, p.unit.as_slice(), p.role, p.mask));
                counts.push(0);
            }
            counts[a] += 1;
        }
        let several_slots = slots.len() > 1;
        if !partial && !several_slots {
            continue; // everyone answered every item: the items add nothing to solve with
        }
        // The closed form finds the usual leak at once; the exact search below confirms a
        // "safe" (and withholds when it cannot finish within its budget).
        if !several_slots && items_unsafe(&atoms, &counts, groups, roles, k, &slots[0], c, items) {
            for &(q, _) in items {
                if slots[0].shown[q][0] {
                    slots[0].shown[q][0] = false;
                    withheld.push(q);
                }
            }
            continue;
        }
        let mut owner = Vec::new();
        let mut col_item = Vec::new();
        for (a, atom) in atoms.iter().enumerate() {
            for j in 0..n_items {
                if atom.0 & (1 << j) != 0 {
                    owner.push(a);
                    col_item.push(j);
                }
            }
        }
        let member: Vec<Vec<bool>> = groups
            .iter()
            .map(|g| atoms.iter().map(|a| g.contains(a.2, a.3)).collect())
            .collect();
        loop {
            let mut rows: Vec<Vec<f64>> = Vec::new();
            let mut owners: Vec<Option<(bool, usize, u64)>> = Vec::new();
            for (t, slot) in slots.iter().enumerate() {
                let in_slot = |a: usize| atoms[a].4 & (1 << t) != 0;
                for (j, &(q, _)) in items.iter().enumerate().take(n_items) {
                    if slot.shown[q][0] {
                        rows.push(
                            col_item
                                .iter()
                                .zip(&owner)
                                .map(|(&x, &a)| if x == j && in_slot(a) { 1.0 } else { 0.0 })
                                .collect(),
                        );
                        let n = (0..atoms.len())
                            .filter(|&a| in_slot(a) && atoms[a].0 & (1 << j) != 0)
                            .map(|a| counts[a])
                            .sum();
                        owners.push((t == 0).then_some((true, q, n)));
                    }
                }
                for (g, shown) in slot.shown[c].iter().enumerate() {
                    if !*shown {
                        continue;
                    }
                    let in_g = |a: usize| member[g][a] && in_slot(a) && atoms[a].1;
                    let scored_counts: Vec<u64> = counts.clone();
                    let atom_units: Vec<(&[String], Option<usize>, u64)> =
                        atoms.iter().map(|a| (a.2, a.3, a.4)).collect();
                    let weight = coefficients(&atom_units, &scored_counts, roles, slot, &in_g);
                    rows.push(
                        col_item
                            .iter()
                            .zip(&owner)
                            .map(|(&j, &a)| {
                                if weight[a] == 0.0 {
                                    return 0.0;
                                }
                                let total: f64 = (0..n_items)
                                    .filter(|x| atoms[a].0 & (1 << x) != 0)
                                    .map(|x| items[x].1)
                                    .sum();
                                weight[a] * items[j].1 / total
                            })
                            .collect(),
                    );
                    let n = (0..atoms.len())
                        .filter(|&a| in_g(a))
                        .map(|a| counts[a])
                        .sum();
                    owners.push((t == 0).then_some((false, g, n)));
                }
            }
            let outcome = small_derivable_columns_within(&counts, &owner, &rows, k, SEARCH_BUDGET);
            if let Ok(None) = outcome {
                break;
            }
            // Withhold the current items first, then the smallest current category cell.
            let current_items: Vec<usize> = owners
                .iter()
                .flatten()
                .filter(|o| o.0)
                .map(|o| o.1)
                .collect();
            if !current_items.is_empty() {
                for q in current_items {
                    slots[0].shown[q][0] = false;
                    withheld.push(q);
                }
                continue;
            }
            if outcome.is_err() && !several_slots {
                // Only category rows are left, which the category check has made safe.
                break;
            }
            let Some(&(_, g, _)) = owners
                .iter()
                .flatten()
                .filter(|o| !o.0)
                .min_by_key(|o| (o.2, o.1))
            else {
                break;
            };
            slots[0].shown[c][g] = false;
            hidden.push((c, g));
        }
    }
    (withheld, hidden)
}

/// Respondents alike for the items check: (answered-item mask, has a category score, unit,
/// role, releases).
type ItemAtom<'a> = (u64, bool, &'a [String], Option<usize>, u64);

/// Search steps the exact check may take across releases before it gives up and treats the
/// figures as unsafe (withholds them).
const SEARCH_BUDGET: u64 = 5_000;

/// The single-report items check in closed form (docs/anonymity.md, items and categories).
///
/// With item coefficients `a_q = b_q·w_q` and `Λ_σ` the summed category-row weight of a class
/// σ (respondents in the same shown groups, and role stratum when role-balanced), a combination
/// vanishes on a respondent with a category score exactly when `b_q = −Λ_σ / W_P` on the items P
/// they answered, and on one without a score when `b_q = 0` there. If b ≡ 0 only category rows
/// remain, which the category suppression has made safe. If b is not constant, every
/// respondent who answered all items is in the revealed set. If b ≡ β ≠ 0, the revealed set
/// holds everyone who answered items without a score plus, in each class, everyone whose
/// answered weight W_P differs from the one value that class keeps — at least
/// `R = unscored + Σ_σ (answering in σ − the largest W_P group of σ)` (the intruder's best choice
/// if every Λ_σ could be set freely; a choice matching no W_P group of a class differs from a
/// matching one by a category-only combination isolating that class, which the category
/// suppression excludes). So items are unsafe when fewer than k answered every item, or when
/// 0 < R < k. `survey/tests/disclosure.rs` checks this against the exact solver.
#[allow(clippy::too_many_arguments)]
fn items_unsafe(
    atoms: &[ItemAtom],
    counts: &[u64],
    groups: &[GroupDef],
    roles: usize,
    k: u64,
    current: &Slot,
    c: usize,
    items: &[(usize, f64)],
) -> bool {
    let n_items = items.len().min(64);
    let full_mask: u64 = if n_items == 64 {
        u64::MAX
    } else {
        (1u64 << n_items) - 1
    };
    let mut full = 0u64;
    let mut unscored = 0u64;
    // Each shown group's weight on each atom; a class is the atoms with equal weights in every
    // shown group (equal Λ for any combination of the category rows).
    let atom_units: Vec<(&[String], Option<usize>, u64)> =
        atoms.iter().map(|a| (a.2, a.3, a.4)).collect();
    let weights: Vec<Vec<f64>> = (0..groups.len())
        .filter(|&g| current.shown[c][g])
        .map(|g| {
            let in_g = |a: usize| atoms[a].1 && groups[g].contains(atoms[a].2, atoms[a].3);
            coefficients(&atom_units, counts, roles, current, &in_g)
        })
        .collect();
    // Class → answered weight (in millionths) → respondents.
    let mut classes: HashMap<Vec<i64>, HashMap<i64, u64>> = HashMap::new();
    for (a, atom) in atoms.iter().enumerate() {
        let (mask, scored, _, _, _) = *atom;
        if !scored {
            unscored += counts[a];
            continue;
        }
        if mask == full_mask {
            full += counts[a];
        }
        let sig: Vec<i64> = weights
            .iter()
            .map(|w| (w[a] * 1e9).round() as i64)
            .collect();
        if sig.iter().all(|&x| x == 0) {
            // In no shown category figure: Λ is 0 for them, so they count as unscored.
            unscored += counts[a];
            continue;
        }
        let w: f64 = (0..n_items)
            .filter(|j| mask & (1 << j) != 0)
            .map(|j| items[j].1)
            .sum();
        *classes
            .entry(sig)
            .or_default()
            .entry((w * 1e6).round() as i64)
            .or_insert(0) += counts[a];
    }
    if full < k {
        return true;
    }
    let minority: u64 = classes
        .values()
        .map(|by_w| by_w.values().sum::<u64>() - by_w.values().copied().max().unwrap_or(0))
        .sum();
    let r = unscored + minority;
    r > 0 && r < k
}
