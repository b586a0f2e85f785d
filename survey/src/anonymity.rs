//! Anonymity: which groups may be shown, with complementary suppression.
//!
//! The published groups (org-tree units, role groups…) are sets of *atoms*: the smallest cells of
//! respondents the engine knows about (unit × role). Publishing a group's count and sum for a
//! measure makes every linear combination of published groups derivable too — for example a
//! hidden child as "parent minus the other children". [`suppress`] hides groups until no
//! derivable set of respondents is smaller than k:
//!
//! * every group with fewer than k contributing respondents is hidden (`BelowK`);
//! * then atoms are partitioned into *classes* by which visible groups contain them. Every set
//!   derivable by adding and subtracting visible groups is constant on each class, so it is a
//!   union of classes; if every class that lies in some visible group holds 0 or ≥ k
//!   respondents, nothing below k can be derived. While some class is too small, one more group
//!   is hidden (`Complementary`) — preferably the smallest one whose hiding merges the small class
//!   with a neighbour (the classic "hide the next-smallest sibling") — and the classes are
//!   recomputed. Each round hides a group, so the loop ends.
//!
//! The rule lives here, in the scoring engine, so no report path can bypass it.

use std::collections::HashMap;

use serde::Serialize;

/// Whether a group's statistics may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Disclosure {
    /// Shown.
    Shown,
    /// Hidden: fewer than k respondents.
    BelowK,
    /// Hidden so that a small group cannot be derived by subtraction.
    Complementary,
    /// No respondents at all.
    Empty,
}

impl Disclosure {
    /// True if the group may be shown.
    pub fn shown(self) -> bool {
        self == Disclosure::Shown
    }
}

/// Decides which `groups` (each a list of atom indexes) may be shown, given the number of
/// respondents per atom and the threshold `k`.
pub fn suppress(counts: &[u64], groups: &[Vec<usize>], k: u64) -> Vec<Disclosure> {
    suppress_with(counts, groups, k, &[])
}

/// Like [`suppress`], with some groups hidden from the start (`Complementary`).
fn suppress_with(
    counts: &[u64],
    groups: &[Vec<usize>],
    k: u64,
    hidden: &[usize],
) -> Vec<Disclosure> {
    let n_of = |g: &Vec<usize>| g.iter().map(|&a| counts[a]).sum::<u64>();
    let sizes: Vec<u64> = groups.iter().map(n_of).collect();
    let mut out: Vec<Disclosure> = sizes
        .iter()
        .map(|&n| match n {
            0 => Disclosure::Empty,
            n if n < k => Disclosure::BelowK,
            _ => Disclosure::Shown,
        })
        .collect();
    for &g in hidden {
        if out[g].shown() {
            out[g] = Disclosure::Complementary;
        }
    }
    // Atom → groups containing it.
    let mut member_of: Vec<Vec<usize>> = vec![Vec::new(); counts.len()];
    for (g, atoms) in groups.iter().enumerate() {
        for &a in atoms {
            if !member_of[a].contains(&g) {
                member_of[a].push(g);
            }
        }
    }
    loop {
        // Classes: signature (sorted visible groups) → (respondents, smallest atom).
        let mut classes: HashMap<Vec<usize>, (u64, usize)> = HashMap::new();
        for (a, gs) in member_of.iter().enumerate() {
            if counts[a] == 0 {
                continue;
            }
            let mut sig: Vec<usize> = gs.iter().copied().filter(|&g| out[g].shown()).collect();
            if sig.is_empty() {
                continue;
            }
            sig.sort_unstable();
            let e = classes.entry(sig).or_insert((0, a));
            e.0 += counts[a];
            e.1 = e.1.min(a);
        }
        let worst = classes
            .iter()
            .filter(|(_, (n, _))| *n < k)
            .min_by_key(|(_, (n, first))| (*n, *first))
            .map(|(sig, _)| sig.clone());
        let Some(sig) = worst else { return out };
        // Candidates whose hiding merges this class with another class (or with nothing).
        let mut candidates: Vec<usize> = Vec::new();
        for &g in &sig {
            let rest: Vec<usize> = sig.iter().copied().filter(|&x| x != g).collect();
            if rest.is_empty() || classes.contains_key(&rest) {
                candidates.push(g);
            }
        }
        for other in classes.keys() {
            if other.len() == sig.len() + 1
                && sig.iter().all(|g| other.binary_search(g).is_ok())
                && let Some(&extra) = other.iter().find(|g| sig.binary_search(g).is_err())
            {
                candidates.push(extra);
            }
        }
        if candidates.is_empty() {
            candidates = sig.clone();
        }
        let hide = candidates
            .into_iter()
            .min_by_key(|&g| (sizes[g], std::cmp::Reverse(g)))
            .unwrap_or(sig[0]);
        out[hide] = Disclosure::Complementary;
    }
}

/// Suppression for the groups Digilyft publishes: the org tree (`units`, a laminar family whose
/// first entry is the whole organisation) and role groups (`roles`, disjoint sets of atoms).
/// Returns the disclosures of `units` followed by those of `roles`.
///
/// [`suppress`] on all groups together is safe but hides far more than needed, because unit ×
/// role cells are classes even when no combination of sums can isolate them. This function is
/// exact for this structure. Within the tree, and within the roles plus the total, the class rule
/// is exact (laminar families). Across the two, every derivable 0/1 vector has the form
/// `x(a) = τ(row(a)) + ρ(col(a))` where rows are the tree classes and columns the shown roles
/// plus one column for everybody else; decomposing it by thresholds shows that a small set can be
/// derived iff for some set Q of columns, the respondents in Q that sit in rows touching a column
/// outside Q number between 1 and k − 1. Those sets are enumerated (2^columns); while one is
/// found, the smallest shown role is hidden.
pub fn suppress_units_and_roles(
    counts: &[u64],
    units: &[Vec<usize>],
    roles: &[Vec<usize>],
    k: u64,
) -> Vec<Disclosure> {
    let du = suppress(counts, units, k);
    let mut forced: Vec<usize> = Vec::new();
    loop {
        let mut family: Vec<Vec<usize>> = Vec::with_capacity(roles.len() + 1);
        family.push(units.first().cloned().unwrap_or_default());
        family.extend(roles.iter().cloned());
        let mut hidden: Vec<usize> = forced.iter().map(|r| r + 1).collect();
        if !du.first().is_some_and(|d| d.shown()) {
            hidden.extend(1..=roles.len());
        }
        let dr_all = suppress_with(counts, &family, k, &hidden);
        let dr: Vec<Disclosure> = dr_all[1..].to_vec();
        match cross_leak(counts, units, &du, roles, &dr, k) {
            None => {
                let mut out = du;
                out.extend(dr);
                return out;
            }
            Some(()) => {
                let smallest = (0..roles.len())
                    .filter(|&r| dr[r].shown())
                    .min_by_key(|&r| (roles[r].iter().map(|&a| counts[a]).sum::<u64>(), r));
                match smallest {
                    Some(r) => forced.push(r),
                    None => {
                        // Cannot happen (no shown role means one column), but stay safe.
                        let mut out = du;
                        out.extend(vec![Disclosure::Complementary; roles.len()]);
                        return out;
                    }
                }
            }
        }
    }
}

/// Finds whether shown units and shown roles together reveal a set below k (see
/// [`suppress_units_and_roles`]).
fn cross_leak(
    counts: &[u64],
    units: &[Vec<usize>],
    du: &[Disclosure],
    roles: &[Vec<usize>],
    dr: &[Disclosure],
    k: u64,
) -> Option<()> {
    let shown_roles: Vec<usize> = (0..roles.len()).filter(|&r| dr[r].shown()).collect();
    if shown_roles.is_empty() {
        return None;
    }
    let columns = shown_roles.len() + 1;
    if columns > 16 {
        return Some(());
    }
    let mut col_of = vec![shown_roles.len(); counts.len()];
    for (ci, &r) in shown_roles.iter().enumerate() {
        for &a in &roles[r] {
            col_of[a] = ci;
        }
    }
    // Rows: atoms grouped by the shown unit groups containing them.
    let mut sig: Vec<Vec<usize>> = vec![Vec::new(); counts.len()];
    for (g, atoms) in units.iter().enumerate() {
        if du[g].shown() {
            for &a in atoms {
                sig[a].push(g);
            }
        }
    }
    let mut rows: HashMap<Vec<usize>, Vec<u64>> = HashMap::new();
    for a in 0..counts.len() {
        if counts[a] == 0 || sig[a].is_empty() {
            continue;
        }
        let mut s = sig[a].clone();
        s.sort_unstable();
        rows.entry(s).or_insert_with(|| vec![0; columns])[col_of[a]] += counts[a];
    }
    for q in 1u32..(1 << columns) - 1 {
        let mut f = 0u64;
        for cells in rows.values() {
            let touches_outside = (0..columns).any(|c| q & (1 << c) == 0 && cells[c] > 0);
            if touches_outside {
                f += (0..columns)
                    .filter(|&c| q & (1 << c) != 0)
                    .map(|c| cells[c])
                    .sum::<u64>();
            }
        }
        if f > 0 && f < k {
            return Some(());
        }
    }
    None
}

/// How the respondents of one group are split into strata for a role-balanced mean, given the
/// group's respondents per role slot: `Some(stratum)` per slot with respondents. A role with at
/// least k respondents is a stratum of its own; the others are pooled into one stratum, and
/// that pool, when it has fewer than k, joins the smallest stratum. So every stratum has at
/// least k respondents (or the group is a single stratum) and no respondent is weighted alone.
pub fn role_strata(role_counts: &[u64], k: u64) -> Vec<Option<usize>> {
    let mut out: Vec<Option<usize>> = vec![None; role_counts.len()];
    let mut sizes: Vec<u64> = Vec::new();
    let mut pooled: Vec<usize> = Vec::new();
    for (slot, &n) in role_counts.iter().enumerate() {
        if n >= k {
            out[slot] = Some(sizes.len());
            sizes.push(n);
        } else if n > 0 {
            pooled.push(slot);
        }
    }
    let pool_n: u64 = pooled.iter().map(|&s| role_counts[s]).sum();
    if pool_n == 0 {
        return out;
    }
    let target = if pool_n >= k || sizes.is_empty() {
        sizes.push(pool_n);
        sizes.len() - 1
    } else {
        // The smallest stratum, the first of equals.
        (0..sizes.len()).min_by_key(|&i| sizes[i]).unwrap_or(0)
    };
    for s in pooled {
        out[s] = Some(target);
    }
    out
}

/// The exact linear disclosure check for any published statistics.
///
/// `rows` are published statistics as linear functionals over atoms (one coefficient per
/// atom: 1 for a sum over the atom, 1/(S·n_s) for a role-balanced mean, 0 when the atom is not
/// in it); atom `a` holds `counts[a]` respondents. An intruder who knows every coefficient can
/// form any combination of the rows. Returns a set of atoms holding between 1 and k − 1
/// respondents on which some nonzero combination is supported — a derivable (weighted) sum of
/// fewer than k respondents — or `None` when there is none.
///
/// Method: atoms with equal coefficients in every row are merged (no combination can tell
/// them apart). A vector supported on a set R of atoms lies in the row space exactly when the
/// rows of a null-space basis indexed by R are linearly dependent; so the small sets are
/// searched depth-first with an incremental Gram–Schmidt test. Exponential in the number of
/// merged atoms below k only up to depth k − 1, which is small.
pub fn small_derivable_set(counts: &[u64], rows: &[Vec<f64>], k: u64) -> Option<Vec<usize>> {
    // Merge atoms by their coefficient column.
    let mut cols: Vec<(Vec<i64>, u64, Vec<usize>)> = Vec::new();
    let mut index: HashMap<Vec<i64>, usize> = HashMap::new();
    for (a, &n) in counts.iter().enumerate() {
        if n == 0 {
            continue;
        }
        let key: Vec<i64> = rows
            .iter()
            .map(|r| (r.get(a).copied().unwrap_or(0.0) * 1e9).round() as i64)
            .collect();
        if key.iter().all(|&x| x == 0) {
            continue;
        }
        match index.get(&key) {
            Some(&i) => {
                cols[i].1 += n;
                cols[i].2.push(a);
            }
            None => {
                index.insert(key.clone(), cols.len());
                cols.push((key, n, vec![a]));
            }
        }
    }
    let coefficients: Vec<Vec<f64>> = (0..rows.len())
        .map(|r| cols.iter().map(|c| c.0[r] as f64 / 1e9).collect())
        .collect();
    let merged: Vec<u64> = cols.iter().map(|c| c.1).collect();
    let owner: Vec<usize> = (0..cols.len()).collect();
    small_derivable_columns(&merged, &owner, &coefficients, k).map(|found| {
        let mut atoms: Vec<usize> = found
            .iter()
            .flat_map(|&c| cols[c].2.iter().copied())
            .collect();
        atoms.sort_unstable();
        atoms
    })
}

/// The general form of [`small_derivable_set`]: the unknowns (columns of `rows`) belong to
/// atoms (`owner[column]`), atom `a` holding `counts[a]` respondents — e.g. one column per item
/// score of a group of respondents who answered the same items. Returns the atoms of a set
/// holding 1..k−1 respondents on whose unknowns some nonzero combination of the rows is
/// supported.
pub fn small_derivable_columns(
    counts: &[u64],
    owner: &[usize],
    rows: &[Vec<f64>],
    k: u64,
) -> Option<Vec<usize>> {
    small_derivable_columns_within(counts, owner, rows, k, u64::MAX).unwrap_or(None)
}

/// The search ran out of steps before it knew the answer; callers treat the figures as unsafe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfBudget;

/// [`small_derivable_columns`] with a budget of search steps: `Err(OutOfBudget)` when the
/// budget runs out before the answer is known.
pub fn small_derivable_columns_within(
    counts: &[u64],
    owner: &[usize],
    rows: &[Vec<f64>],
    k: u64,
    budget: u64,
) -> Result<Option<Vec<usize>>, OutOfBudget> {
    if owner.is_empty() {
        return Ok(None);
    }
    // Only atoms below k can be in a disclosed set, but every column constrains which
    // combinations vanish outside it. Project the columns of the atoms below k onto the
    // orthogonal complement of the span of all other columns (in row space, at most as many
    // dimensions as rows): a combination λ of the rows vanishes on the large atoms exactly when
    // it is such a projection, so the problem shrinks to the small atoms' projected columns.
    let n_rows = rows.len();
    let column = |c: usize| -> Vec<f64> { rows.iter().map(|r| r[c]).collect() };
    let mut big_basis: Vec<Vec<f64>> = Vec::new();
    for c in (0..owner.len()).filter(|&c| counts[owner[c]] >= k) {
        let mut v = column(c);
        let n0: f64 = v.iter().map(|x| x * x).sum();
        for q in &big_basis {
            let d: f64 = v.iter().zip(q).map(|(a, b)| a * b).sum();
            v.iter_mut().zip(q).for_each(|(x, y)| *x -= d * y);
        }
        let nn: f64 = v.iter().map(|x| x * x).sum();
        if nn > 1e-18 + 1e-12 * n0 {
            let len = nn.sqrt();
            big_basis.push(v.into_iter().map(|x| x / len).collect());
        }
        if big_basis.len() == n_rows {
            return Ok(None); // the large atoms alone span every combination
        }
    }
    let small_cols: Vec<usize> = (0..owner.len())
        .filter(|&c| counts[owner[c]] > 0 && counts[owner[c]] < k)
        .collect();
    let nc = small_cols.len();
    if nc == 0 {
        return Ok(None);
    }
    let mut m: Vec<Vec<f64>> = vec![vec![0.0; nc]; n_rows];
    for (j, &c) in small_cols.iter().enumerate() {
        let mut v = column(c);
        for q in &big_basis {
            let d: f64 = v.iter().zip(q).map(|(a, b)| a * b).sum();
            v.iter_mut().zip(q).for_each(|(x, y)| *x -= d * y);
        }
        for (i, x) in v.into_iter().enumerate() {
            m[i][j] = if x.abs() < 1e-13 { 0.0 } else { x };
        }
    }
    let projected = m.clone();
    let owner: Vec<usize> = small_cols.iter().map(|&c| owner[c]).collect();
    let rows = &projected;
    // Reduced row echelon form.
    let mut pivots: Vec<usize> = Vec::new();
    let mut r = 0;
    for c in 0..nc {
        if r == m.len() {
            break;
        }
        let Some(p) = (r..m.len())
            .filter(|&i| m[i][c].abs() > 1e-10)
            .max_by(|&i, &j| m[i][c].abs().total_cmp(&m[j][c].abs()))
        else {
            continue;
        };
        m.swap(r, p);
        let pv = m[r][c];
        for x in m[r].iter_mut() {
            *x /= pv;
        }
        let pivot_row = m[r].clone();
        for (i, row) in m.iter_mut().enumerate() {
            if i != r && row[c].abs() > 1e-14 {
                let f = row[c];
                for (x, y) in row.iter_mut().zip(&pivot_row) {
                    *x -= f * y;
                }
            }
        }
        pivots.push(c);
        r += 1;
    }
    // Null-space basis: one vector per free column; `basis[c]` is column c's row of it.
    let free: Vec<usize> = (0..nc).filter(|c| !pivots.contains(c)).collect();
    let mut basis: Vec<Vec<f64>> = vec![vec![0.0; free.len()]; nc];
    for (j, &f) in free.iter().enumerate() {
        basis[f][j] = 1.0;
        for (i, &p) in pivots.iter().enumerate() {
            basis[p][j] = -m[i][f];
        }
    }
    // Columns that appear in some row, per atom below k.
    let used = |c: usize| rows.iter().any(|row| row[c] != 0.0);
    let mut of_atom: Vec<(usize, Vec<usize>)> = Vec::new();
    for (a, &n) in counts.iter().enumerate() {
        if n == 0 || n >= k {
            continue;
        }
        let cols: Vec<usize> = (0..nc).filter(|&c| owner[c] == a && used(c)).collect();
        if !cols.is_empty() {
            of_atom.push((a, cols));
        }
    }
    let mut chosen: Vec<usize> = Vec::new();
    let mut ortho: Vec<Vec<f64>> = Vec::new();
    let mut steps = budget;
    let found = search(
        &of_atom,
        0,
        0,
        k,
        counts,
        &basis,
        &mut chosen,
        &mut ortho,
        &mut steps,
    );
    if steps == 0 && !found {
        return Err(OutOfBudget);
    }
    Ok(found.then(|| {
        let mut atoms: Vec<usize> = chosen.iter().map(|&i| of_atom[i].0).collect();
        atoms.sort_unstable();
        atoms
    }))
}

/// Depth-first search over `atoms` (from `from` on; each with its columns) for a set with
/// fewer than k respondents whose null-space rows are linearly dependent; leaves the set found
/// (indexes into `atoms`) in `chosen`.
#[allow(clippy::too_many_arguments)]
fn search(
    atoms: &[(usize, Vec<usize>)],
    from: usize,
    total: u64,
    k: u64,
    counts: &[u64],
    basis: &[Vec<f64>],
    chosen: &mut Vec<usize>,
    ortho: &mut Vec<Vec<f64>>,
    steps: &mut u64,
) -> bool {
    for i in from..atoms.len() {
        if *steps == 0 {
            return false;
        }
        *steps -= 1;
        let n = total + counts[atoms[i].0];
        if n >= k {
            continue;
        }
        let depth = ortho.len();
        chosen.push(i);
        for &c in &atoms[i].1 {
            let mut v = basis[c].clone();
            let norm0: f64 = v.iter().map(|x| x * x).sum();
            for q in ortho.iter() {
                let d: f64 = v.iter().zip(q).map(|(a, b)| a * b).sum();
                for (x, y) in v.iter_mut().zip(q) {
                    *x -= d * y;
                }
            }
            let norm: f64 = v.iter().map(|x| x * x).sum();
            if norm <= 1e-18 + 1e-12 * norm0 {
                return true;
            }
            let len = norm.sqrt();
            ortho.push(v.into_iter().map(|x| x / len).collect());
        }
        if search(atoms, i + 1, n, k, counts, basis, chosen, ortho, steps) {
            return true;
        }
        ortho.truncate(depth);
        chosen.pop();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn role_strata_pool_small_roles_and_merge_a_small_pool() {
        // 10 managers and 1 politician: the politician joins the managers.
        assert_eq!(role_strata(&[10, 1], 5), vec![Some(0), Some(0)]);
        // 10, 3, 3: the two small roles pool to 6 ≥ 5 and form a stratum.
        assert_eq!(role_strata(&[10, 3, 3], 5), vec![Some(0), Some(1), Some(1)]);
        // 8, 6, 2: the pool (2) joins the smallest stratum (6).
        assert_eq!(role_strata(&[8, 6, 2], 5), vec![Some(0), Some(1), Some(1)]);
        assert_eq!(role_strata(&[0, 2], 5), vec![None, Some(0)]);
    }

    #[test]
    fn the_linear_check_finds_weighted_differences() {
        // Atoms: managers in F1 (10), the politician in F1 (1), managers in F2 (10).
        // Role-balanced with the politician weighted alone: F1 = m1/20 + p/2, F2 = m2/10,
        // org = (m1 + m2)/40 + p/2 → 4·org − 2·F1 − F2 = p.
        let counts = [10, 1, 10];
        let leaky = vec![
            vec![1.0 / 20.0, 0.5, 0.0],
            vec![0.0, 0.0, 0.1],
            vec![1.0 / 40.0, 0.5, 1.0 / 40.0],
        ];
        assert_eq!(small_derivable_set(&counts, &leaky, 5), Some(vec![1]));
        // Plain means of 11, 10 and 21 respondents: nothing below 5 is derivable.
        let plain = vec![
            vec![1.0 / 11.0, 1.0 / 11.0, 0.0],
            vec![0.0, 0.0, 0.1],
            vec![1.0 / 21.0; 3],
        ];
        assert_eq!(small_derivable_set(&counts, &plain, 5), None);
        // A difference of two respondents (p − q) is a derivable set of 2.
        let counts = [1, 1, 8];
        let diff = vec![vec![1.0, 0.0, 1.0], vec![0.0, 1.0, 1.0]];
        assert_eq!(small_derivable_set(&counts, &diff, 5), Some(vec![0, 1]));
    }

    #[test]
    fn hides_the_next_smallest_sibling() {
        // Parent P = {a, b, c}; children A = {a} (3), B = {b} (8), C = {c} (9).
        let counts = [3, 8, 9];
        let groups = vec![vec![0, 1, 2], vec![0], vec![1], vec![2]];
        let d = suppress(&counts, &groups, 5);
        assert_eq!(
            d,
            vec![
                Disclosure::Shown,
                Disclosure::BelowK,
                Disclosure::Complementary,
                Disclosure::Shown
            ]
        );
    }

    #[test]
    fn crossing_roles_with_units_hides_only_what_subtraction_could_reveal() {
        // Two units × two roles, 3 respondents per cell: every unit and role has 6.
        // No cell can be isolated from unit and role totals, so the exact rule shows all.
        let counts = [3, 3, 3, 3]; // (U1,m) (U1,s) (U2,m) (U2,s)
        let units = vec![vec![0, 1, 2, 3], vec![0, 1], vec![2, 3]];
        let roles = vec![vec![0, 2], vec![1, 3]];
        let d = suppress_units_and_roles(&counts, &units, &roles, 5);
        assert!(d.iter().all(|d| d.shown()), "{d:?}");
        // But when role s sits entirely inside U2, U2 − s isolates (U2, m) with 2 respondents.
        let counts = [10, 0, 2, 10];
        let d = suppress_units_and_roles(&counts, &units, &roles, 5);
        assert!(d[..3].iter().all(|d| d.shown()), "{d:?}");
        assert!(!d[3].shown() || !d[4].shown(), "{d:?}");
    }

    #[test]
    fn respondents_directly_at_the_parent_count_as_a_hidden_child() {
        // P = {p, b, c} where p are 2 respondents placed directly at P.
        let counts = [2, 8, 9];
        let groups = vec![vec![0, 1, 2], vec![1], vec![2]];
        let d = suppress(&counts, &groups, 5);
        assert_eq!(
            d,
            vec![
                Disclosure::Shown,
                Disclosure::Complementary,
                Disclosure::Shown
            ]
        );
    }

    #[test]
    fn two_small_hidden_siblings_that_together_reach_k_need_nothing_more() {
        let counts = [3, 3, 9];
        let groups = vec![vec![0, 1, 2], vec![0], vec![1], vec![2]];
        let d = suppress(&counts, &groups, 5);
        assert_eq!(
            d,
            vec![
                Disclosure::Shown,
                Disclosure::BelowK,
                Disclosure::BelowK,
                Disclosure::Shown
            ]
        );
    }

    /// Rank of a set of vectors (Gaussian elimination, exact enough for 0/1 data).
    fn rank(mut rows: Vec<Vec<f64>>) -> usize {
        let cols = rows.first().map_or(0, Vec::len);
        let mut r = 0;
        for c in 0..cols {
            let Some(p) = (r..rows.len()).find(|&i| rows[i][c].abs() > 1e-9) else {
                continue;
            };
            rows.swap(r, p);
            let pivot = rows[r].clone();
            for (i, row) in rows.iter_mut().enumerate() {
                if i != r && row[c].abs() > 1e-9 {
                    let f = row[c] / pivot[c];
                    for (x, y) in row.iter_mut().zip(&pivot) {
                        *x -= f * y;
                    }
                }
            }
            r += 1;
        }
        r
    }

    /// A random org tree (parent pointers), roles, and respondent counts per (unit, role slot);
    /// the last slot of every unit holds respondents without a role (in no role group).
    fn tree_strategy() -> impl Strategy<Value = (Vec<usize>, usize, Vec<u64>)> {
        (1usize..7, 1usize..4).prop_flat_map(|(units, roles)| {
            let parents: Vec<BoxedStrategy<usize>> = (0..units)
                .map(|u| {
                    if u == 0 {
                        Just(0).boxed()
                    } else {
                        (0..u).boxed()
                    }
                })
                .collect();
            let count = (0u64..15).prop_map(|c| if c > 8 { 0 } else { c });
            (
                parents,
                Just(roles),
                proptest::collection::vec(count, units * (roles + 1)),
            )
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        /// No set of respondents smaller than k can be derived from the shown groups by any
        /// combination of sums and differences: checked by brute force over every subset of atoms.
        #[test]
        fn nothing_below_k_is_derivable((parents, roles, counts) in tree_strategy(), k in 3u64..6) {
            let units = parents.len();
            let atom = |u: usize, r: usize| u * (roles + 1) + r;
            let mut groups: Vec<Vec<usize>> = Vec::new();
            // Unit groups: all atoms in the unit's subtree.
            for u in 0..units {
                let mut atoms = Vec::new();
                for v in 0..units {
                    let mut w = v;
                    let inside = loop {
                        if w == u { break true; }
                        if w == 0 { break false; }
                        w = parents[w];
                    };
                    if inside { atoms.extend((0..=roles).map(|r| atom(v, r))); }
                }
                groups.push(atoms);
            }
            // Role groups at the organisation level.
            for r in 0..roles {
                groups.push((0..units).map(|u| atom(u, r)).collect());
            }
            for exact in [false, true] {
            let d = if exact {
                suppress_units_and_roles(&counts, &groups[..units], &groups[units..], k)
            } else {
                suppress(&counts, &groups, k)
            };
            for g in groups.iter().zip(&d).filter(|(_, d)| d.shown()) {
                let n: u64 = g.0.iter().map(|&a| counts[a]).sum();
                prop_assert!(n >= k);
            }
            // Atoms without respondents contribute nothing to any sum: work on the others only.
            let nonzero: Vec<usize> = (0..counts.len()).filter(|&a| counts[a] > 0).collect();
            prop_assume!(nonzero.len() <= 12);
            let visible: Vec<Vec<f64>> = groups.iter().zip(&d).filter(|(_, d)| d.shown()).map(|(g, _)| {
                nonzero.iter().map(|a| if g.contains(a) { 1.0 } else { 0.0 }).collect()
            }).collect();
            let base = rank(visible.clone());
            for mask in 1u32..(1 << nonzero.len()) {
                let n: u64 = nonzero.iter().enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0).map(|(_, &a)| counts[a]).sum();
                if n >= k { continue; }
                let set: Vec<usize> = nonzero.iter().enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0).map(|(_, &a)| a).collect();
                let v: Vec<f64> = (0..nonzero.len()).map(|i| if mask & (1 << i) != 0 { 1.0 } else { 0.0 }).collect();
                let mut with = visible.clone();
                with.push(v);
                prop_assert!(rank(with) > base,
                    "set {set:?} with {n} < {k} respondents is derivable; shown {d:?}");
            }
            }
        }
    }
}
