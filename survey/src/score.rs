//! The scoring pipeline (domain spec `maturity.md` §2.3–2.6).
//!
//! 1. Each answer is rescaled to 0–100 (`100·(x − min)/(max − min)`), flipped for reverse items;
//!    "don't know" and "not applicable" are missing, never 0 or the midpoint.
//! 2. A respondent gets a category score only with at least `min_items_fraction` of the
//!    category's items in the model (those asked of the respondent's role) answered (rounded up,
//!    at least 2) — an item blank across the whole wave counts as missing, with a warning;
//!    respondents answering less than `min_questionnaire_fraction` of the questionnaire are
//!    dropped and counted.
//! 3. Groups (org-tree units and role groups) are built from atoms (unit × role) and summarised
//!    with n, SD and a t interval (with the finite-population correction wherever the invited
//!    population N is known and not below n). Every statistic goes through
//!    [`crate::anonymity`] first and leaves at published precision.
//! 4. A dimension index is the weighted mean of its category scores, the overall index the
//!    weighted mean of the dimension indices; their intervals come from respondent-level
//!    composites (see `Ctx::group_scores`).
//! 5. Wave changes per unit, only for measures whose item set is unchanged, each wave under its
//!    own anonymity rules.
//!
//! Scoring is deterministic: the same model and answers give the same report.

use std::collections::HashMap;

use crate::anonymity::{Disclosure, role_strata, suppress_units_and_roles};
use crate::answers::{Answer, AnswerSet};
use crate::label::Lang;
use crate::model::{Axis, Level, MissingCode, Model, UnitOfAnalysis};
use crate::release::{GroupDef, Person, Release, ReleasedCell, ReleasedRespondent, Slot};
use crate::reliability::CovAcc;
use crate::report::*;
use crate::stats::{Acc, Summary, pearson, welch};

/// Options for one scoring run.
#[derive(Debug, Clone, Default)]
pub struct ScoreOptions {
    /// Organisation name shown for the root of the org tree.
    pub organisation: Option<String>,
    /// Report language.
    pub lang: Lang,
    /// Invited population per unit path (`A/B`; `""` for the whole organisation).
    pub invited: HashMap<String, u64>,
    /// Wave to score; the latest wave when `None`.
    pub wave: Option<String>,
    /// Anonymity threshold replacing the model's (never below 3).
    pub k: Option<u32>,
    /// Earlier releases ([`ScoreReport::release`]) of reports on these answers. Those of the
    /// scored wave, model and version are checked together with this report, so no
    /// combination of the reports reveals fewer than k respondents (docs/anonymity.md); the
    /// others are ignored.
    pub releases: Vec<Release>,
}

/// Why scoring could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScoreError {
    /// The answer set is empty.
    #[error("there are no respondents to score")]
    NoRespondents,
    /// The requested wave is not in the answers.
    #[error("wave `{0}` is not in the answers (present: {1})")]
    UnknownWave(String, String),
    /// k below 3.
    #[error("the anonymity threshold k = {0} is below the minimum of 3")]
    KTooSmall(u32),
    /// Answers were built for another model.
    #[error("respondent `{0}` has {1} answers but the model has {2} questions")]
    Mismatch(String, usize, usize),
}

/// Per-wave scores of every included respondent.
struct WaveData {
    /// Included respondents (indexes into `AnswerSet::respondents`).
    included: Vec<usize>,
    /// `included.len() × measures` values, NaN = no score.
    values: Vec<f64>,
    rows: u64,
    dropped: u64,
    /// Whether each question was answered by anyone in this wave (any non-blank answer); used
    /// for wave comparability and the "blank across the wave" warning, never to shrink the
    /// item count of the 60 % rule.
    present: Vec<bool>,
}

struct Ctx<'a> {
    model: &'a Model,
    answers: &'a AnswerSet,
    nc: usize,
    nd: usize,
    nm: usize,
    k: u64,
    level: f64,
    roles: usize,
    /// Per question: score (0–100, reversed where needed) of each scale point from `min`.
    point_score: Vec<Vec<f64>>,
    /// Per question: the scale minimum.
    point_min: Vec<i32>,
    /// Per role slot (roles, then "no role"): whether each question applies.
    applies: Vec<Vec<bool>>,
}

impl Ctx<'_> {
    fn atom(&self, unit: usize, role: Option<usize>) -> usize {
        unit * (self.roles + 1) + role.unwrap_or(self.roles)
    }

    fn atoms(&self) -> usize {
        self.answers.units.len() * (self.roles + 1)
    }

    /// Item score 0–100 after reversal, or `None`.
    fn item_score(&self, q: usize, a: Answer) -> Option<f64> {
        match a {
            Answer::Point(p) => {
                let i = usize::try_from(i32::from(p) - self.point_min[q]).ok()?;
                self.point_score[q].get(i).copied()
            }
            _ => None,
        }
    }

    fn wave_data(&self, wave: usize) -> WaveData {
        let m = self.model;
        let nq = m.questions.len();
        let mut present = vec![false; nq];
        let mut rows = 0u64;
        for r in self.answers.respondents.iter().filter(|r| r.wave == wave) {
            rows += 1;
            for (q, a) in r.answers.iter().enumerate() {
                if *a != Answer::Blank {
                    present[q] = true;
                }
            }
        }
        let frac_items = m.aggregation.min_items_fraction;
        let frac_all = m.aggregation.min_questionnaire_fraction;
        let mut included = Vec::new();
        let mut values = Vec::new();
        let mut dropped = 0;
        let (mut sum, mut wsum, mut asked, mut scored) = (
            vec![0.0; self.nc],
            vec![0.0; self.nc],
            vec![0usize; self.nc],
            vec![0usize; self.nc],
        );
        let mut row = vec![f64::NAN; self.nm];
        for (ri, r) in self.answers.respondents.iter().enumerate() {
            if r.wave != wave {
                continue;
            }
            sum.fill(0.0);
            wsum.fill(0.0);
            asked.fill(0);
            scored.fill(0);
            let (mut applicable, mut answered) = (0usize, 0usize);
            let applies = &self.applies[r.role.unwrap_or(self.roles)];
            // The 60 % rule and the questionnaire share count the model's items (§2.4): an item
            // left blank by the whole wave is missing, not "not in the form" (a warning says so).
            for (q, a) in r.answers.iter().enumerate() {
                if !applies[q] {
                    continue;
                }
                applicable += 1;
                if *a != Answer::Blank {
                    answered += 1;
                }
                let question = &m.questions[q];
                if let Some(c) = question.category {
                    asked[c] += 1;
                    if let Some(s) = self.item_score(q, *a) {
                        sum[c] += question.weight * s;
                        wsum[c] += question.weight;
                        scored[c] += 1;
                    }
                }
            }
            if applicable == 0 || (answered as f64) < frac_all * applicable as f64 - 1e-9 {
                dropped += 1;
                continue;
            }
            for c in 0..self.nc {
                let need = ((frac_items * asked[c] as f64 - 1e-9).ceil() as usize).max(2);
                row[c] = if asked[c] > 0 && scored[c] >= need {
                    sum[c] / wsum[c]
                } else {
                    f64::NAN
                };
            }
            for (d, dim) in m.dimensions.iter().enumerate() {
                let (mut s, mut w) = (0.0, 0.0);
                for &c in &dim.categories {
                    s += m.categories[c].weight * row[c];
                    w += m.categories[c].weight;
                }
                row[self.nc + d] = s / w; // NaN if any category is missing
            }
            let (mut s, mut w) = (0.0, 0.0);
            for (d, dim) in m.dimensions.iter().enumerate() {
                s += dim.weight * row[self.nc + d];
                w += dim.weight;
            }
            row[self.nc + self.nd] = s / w;
            included.push(ri);
            values.extend_from_slice(&row);
        }
        WaveData {
            included,
            values,
            rows,
            dropped,
            present,
        }
    }

    /// Accumulators per atom × measure, and respondents per atom.
    fn atom_accs(&self, w: &WaveData) -> (Vec<Acc>, Vec<u64>) {
        let mut accs = vec![Acc::default(); self.atoms() * self.nm];
        let mut counts = vec![0u64; self.atoms()];
        for (i, &ri) in w.included.iter().enumerate() {
            let r = &self.answers.respondents[ri];
            let a = self.atom(r.unit, r.role);
            counts[a] += 1;
            let vals = &w.values[i * self.nm..(i + 1) * self.nm];
            let dst = &mut accs[a * self.nm..(a + 1) * self.nm];
            for (acc, &v) in dst.iter_mut().zip(vals) {
                if !v.is_nan() {
                    acc.add(v);
                }
            }
        }
        (accs, counts)
    }

    /// The role strata of a group on measure `m` in `role_balanced` mode, as
    /// [`crate::anonymity::role_strata`] defines them: every stratum has at least k respondents
    /// (or the group is one stratum), so a lone politician beside ten managers is averaged with
    /// them instead of getting half the weight (a leak of issue 16).
    fn strata(&self, accs: &[Acc], atoms: &[usize], m: usize) -> Vec<Acc> {
        let mut by_role: Vec<Acc> = vec![Acc::default(); self.roles + 1];
        for &a in atoms {
            by_role[a % (self.roles + 1)].merge(&accs[a * self.nm + m]);
        }
        let counts: Vec<u64> = by_role.iter().map(|s| s.n).collect();
        let assign = role_strata(&counts, self.k);
        let mut out: Vec<Acc> = Vec::new();
        for (slot, st) in assign.iter().enumerate() {
            if let Some(st) = *st {
                if out.len() <= st {
                    out.resize(st + 1, Acc::default());
                }
                out[st].merge(&by_role[slot]);
            }
        }
        out
    }

    /// Summary of a group on measure `m` under the model's unit of analysis.
    fn summarise(
        &self,
        accs: &[Acc],
        atoms: &[usize],
        m: usize,
        population: Option<u64>,
    ) -> Option<Summary> {
        let mut total = Acc::default();
        for &a in atoms {
            total.merge(&accs[a * self.nm + m]);
        }
        if total.n == 0 {
            return None;
        }
        if self.model.aggregation.unit_of_analysis == UnitOfAnalysis::Respondent {
            return Summary::from_acc(&total, self.level, population);
        }
        // Role-balanced: mean of role means over this group's strata (see `strata`).
        let kept = self.strata(accs, atoms, m);
        let base = Summary::from_acc(&total, self.level, population)?;
        if kept.len() < 2 {
            return Some(base);
        }
        let sn = kept.len() as f64;
        let mean = kept.iter().filter_map(Acc::mean).sum::<f64>() / sn;
        let se2: f64 = kept
            .iter()
            .map(|s| s.variance().unwrap_or(0.0) / s.n as f64)
            .sum::<f64>()
            / (sn * sn);
        let df = (total.n as f64 - sn).max(1.0);
        let mut se = se2.sqrt();
        if let Some(big_n) = population.filter(|&p| p > 1) {
            let big_n = big_n.max(total.n) as f64;
            se *= ((big_n - total.n as f64) / (big_n - 1.0)).max(0.0).sqrt();
        }
        let half = crate::stats::t_quantile(0.5 + self.level / 2.0, df) * se;
        Some(Summary {
            n: total.n,
            mean,
            sd: base.sd,
            ci_low: mean - half,
            ci_high: mean + half,
        })
    }

    /// Every measure of one group (§2.3 steps 3–4). Categories are summaries of the
    /// respondents' category scores. A dimension index is the weighted mean of its category
    /// scores and the overall index the weighted mean of the dimension indices — so they add
    /// nothing an observer could not compute from the published category means; their
    /// interval is the half-width of the respondent-level composite (composite per respondent,
    /// then step 3), centred on the index. The composite's own mean is never published: it is a
    /// sum over a different respondent set (those with every category), and publishing it next
    /// to the categories let anyone subtract the left-out respondents' scores (issue 16).
    ///
    /// `disclosure(m)` is the group's disclosure on measure `m` (for dimensions and overall:
    /// that of the composite, which must be shown too).
    fn group_scores(
        &self,
        accs: &[Acc],
        atoms: &[usize],
        disclosure: &dyn Fn(usize) -> Disclosure,
        population: Option<u64>,
    ) -> Vec<Stat> {
        let m = self.model;
        let mut out: Vec<Stat> = Vec::with_capacity(self.nm);
        let mut means: Vec<Option<f64>> = Vec::with_capacity(self.nm);
        for c in 0..self.nc {
            let s = self.summarise(accs, atoms, c, population);
            let stat = Stat::from_disclosure(disclosure(c), s);
            means.push(stat.shown().and(s).map(|s| s.mean));
            out.push(stat);
        }
        // Weighted mean of parts, or the first reason a part is hidden.
        let combine = |parts: &[(usize, f64)], means: &[Option<f64>], out: &[Stat]| {
            let (mut sum, mut w) = (0.0, 0.0);
            for &(i, weight) in parts {
                match means[i] {
                    Some(x) => {
                        sum += weight * x;
                        w += weight;
                    }
                    None => return Err(out[i]),
                }
            }
            if w > 0.0 {
                Ok(sum / w)
            } else {
                Err(Stat::NoData)
            }
        };
        let with_interval = |index: f64, composite: usize| -> Stat {
            let s = self.summarise(accs, atoms, composite, population);
            match Stat::from_disclosure(disclosure(composite), s) {
                Stat::Shown(_) => match s {
                    Some(c) => {
                        let half = c.half_width();
                        Stat::publish(Summary {
                            n: c.n,
                            mean: index,
                            sd: c.sd,
                            ci_low: index - half,
                            ci_high: index + half,
                        })
                    }
                    None => Stat::NoData,
                },
                hidden => hidden,
            }
        };
        for (d, dim) in m.dimensions.iter().enumerate() {
            let parts: Vec<(usize, f64)> = dim
                .categories
                .iter()
                .map(|&c| (c, m.categories[c].weight))
                .collect();
            match combine(&parts, &means, &out) {
                Ok(index) => {
                    let stat = with_interval(index, self.nc + d);
                    means.push(stat.shown().map(|_| index));
                    out.push(stat);
                }
                Err(hidden) => {
                    means.push(None);
                    out.push(hidden);
                }
            }
        }
        let parts: Vec<(usize, f64)> = m
            .dimensions
            .iter()
            .enumerate()
            .map(|(d, dim)| (self.nc + d, dim.weight))
            .collect();
        match combine(&parts, &means, &out) {
            Ok(index) => out.push(with_interval(index, self.nc + self.nd)),
            Err(hidden) => out.push(hidden),
        }
        out
    }
}

/// The linear disclosure check of one scoring run (see [`crate::release`]).
struct ReleaseCheck<'a> {
    releases: Vec<&'a Release>,
    balanced: bool,
    /// Check measures: every category, then every item, then every theme.
    keys: Vec<String>,
    /// The current included respondents first (in `WaveData::included` order), then the
    /// respondents only earlier releases hold.
    people: Vec<Person>,
    /// Fingerprints of the current included respondents.
    fingerprints: Vec<String>,
    /// Current groups (org-tree nodes, then roles), then groups only earlier releases have.
    groups: Vec<GroupDef>,
    group_keys: Vec<String>,
    current_groups: usize,
}

fn answer_code(a: Answer) -> String {
    match a {
        Answer::Blank => "b".into(),
        Answer::Missing(MissingCode::DontKnow) => "d".into(),
        Answer::Missing(MissingCode::NotApplicable) => "n".into(),
        Answer::Point(p) => p.to_string(),
    }
}

impl<'a> ReleaseCheck<'a> {
    fn new(
        ctx: &Ctx,
        w: &WaveData,
        nodes: &[Node],
        opts: &'a ScoreOptions,
        wave: &str,
    ) -> ReleaseCheck<'a> {
        let m = ctx.model;
        let mut keys: Vec<String> = m
            .categories
            .iter()
            .map(|c| format!("category:{}", c.id))
            .collect();
        keys.extend(m.questions.iter().map(|q| format!("item:{}", q.id)));
        keys.extend(m.themes.iter().map(|t| format!("theme:{}", t.id)));
        let mut people = Vec::with_capacity(w.included.len());
        let mut fingerprints = Vec::with_capacity(w.included.len());
        let mut by_key: HashMap<String, usize> = HashMap::new();
        for (i, &ri) in w.included.iter().enumerate() {
            let r = &ctx.answers.respondents[ri];
            let unit = ctx.answers.units[r.unit].clone();
            let role = r.role.map(|x| m.roles[x].id.as_str()).unwrap_or("");
            let answers: Vec<String> = r.answers.iter().map(|a| answer_code(*a)).collect();
            let fp = crate::release::fingerprint(&[
                wave.as_bytes(),
                r.id.as_bytes(),
                unit.join("/").as_bytes(),
                role.as_bytes(),
                answers.join(",").as_bytes(),
            ]);
            let mut scored: Vec<bool> = (0..ctx.nc)
                .map(|c| !w.values[i * ctx.nm + c].is_nan())
                .collect();
            scored.extend(
                r.answers
                    .iter()
                    .enumerate()
                    .map(|(q, a)| ctx.item_score(q, *a).is_some()),
            );
            scored.extend((0..m.themes.len()).map(|t| theme_value(ctx, r, t).0.is_some()));
            by_key.insert(fp.clone(), people.len());
            fingerprints.push(fp);
            people.push(Person {
                unit,
                role: r.role,
                mask: 1,
                scored,
            });
        }
        let mut groups: Vec<GroupDef> = nodes
            .iter()
            .map(|n| GroupDef::Unit(n.path.clone()))
            .collect();
        let mut group_keys: Vec<String> = nodes
            .iter()
            .map(|n| format!("unit:{}", n.path.join("/")))
            .collect();
        for (r, role) in m.roles.iter().enumerate() {
            groups.push(GroupDef::Role(r));
            group_keys.push(format!("role:{}", role.id));
        }
        let current_groups = groups.len();
        let releases: Vec<&Release> = opts
            .releases
            .iter()
            .filter(|r| r.model == m.id && r.version == m.version && r.wave == wave)
            .take(62)
            .collect();
        for (j, rel) in releases.iter().enumerate() {
            let bit = 1u64 << (j + 1);
            let map: Vec<Option<usize>> = rel
                .measures
                .iter()
                .map(|k| keys.iter().position(|x| x == k))
                .collect();
            for rr in &rel.respondents {
                if let Some(&p) = by_key.get(&rr.key) {
                    people[p].mask |= bit;
                    continue;
                }
                let mut scored = vec![false; keys.len()];
                for (flag, target) in rr.scored.chars().zip(&map) {
                    if let (Some(t), '1') = (target, flag) {
                        scored[*t] = true;
                    }
                }
                by_key.insert(rr.key.clone(), people.len());
                people.push(Person {
                    unit: rr
                        .unit
                        .split('/')
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect(),
                    role: rr
                        .role
                        .as_deref()
                        .and_then(|id| m.roles.iter().position(|x| x.id == id)),
                    mask: bit,
                    scored,
                });
            }
            for cell in &rel.cells {
                if group_keys.contains(&cell.group) {
                    continue;
                }
                let def = if let Some(path) = cell.group.strip_prefix("unit:") {
                    Some(GroupDef::Unit(
                        path.split('/')
                            .filter(|s| !s.is_empty())
                            .map(str::to_owned)
                            .collect(),
                    ))
                } else {
                    cell.group
                        .strip_prefix("role:")
                        .and_then(|id| m.roles.iter().position(|x| x.id == id))
                        .map(GroupDef::Role)
                };
                if let Some(def) = def {
                    groups.push(def);
                    group_keys.push(cell.group.clone());
                }
            }
        }
        ReleaseCheck {
            releases,
            balanced: m.aggregation.unit_of_analysis == UnitOfAnalysis::RoleBalanced,
            keys,
            people,
            fingerprints,
            groups,
            group_keys,
            current_groups,
        }
    }

    /// The current report's cells (`current`, `[measure][group]`) followed by every earlier
    /// release's, as the check sees them.
    fn slots(&self, ctx: &Ctx, current: Vec<Vec<bool>>) -> Vec<Slot> {
        let nk = self.keys.len();
        let ng = self.groups.len();
        let mut slots = vec![Slot {
            k: ctx.k,
            role_balanced: self.balanced,
            shown: current,
        }];
        for rel in &self.releases {
            let mut shown = vec![vec![false; ng]; nk];
            for cell in &rel.cells {
                if let (Some(m), Some(g)) = (
                    self.keys.iter().position(|x| *x == cell.measure),
                    self.group_keys.iter().position(|x| *x == cell.group),
                ) {
                    // Items and themes are only ever published for the organisation.
                    if m < ctx.nc || g == 0 {
                        shown[m][g] = true;
                    }
                }
            }
            slots.push(Slot {
                k: u64::from(rel.k),
                role_balanced: rel.role_balanced,
                shown,
            });
        }
        slots
    }

    /// The current category cells from `vis`, and the organisation's item and theme cells
    /// (`org_cells`, in check-measure order after the categories).
    fn current(&self, ctx: &Ctx, vis: &Visibility, org_cells: &[bool]) -> Vec<Vec<bool>> {
        let mut current = vec![vec![false; self.groups.len()]; self.keys.len()];
        for (m, row) in current.iter_mut().enumerate() {
            if m < ctx.nc {
                for (g, x) in row.iter_mut().enumerate().take(self.current_groups) {
                    *x = vis.of(g, m).shown();
                }
            } else {
                row[0] = org_cells.get(m - ctx.nc).copied().unwrap_or(false);
            }
        }
        current
    }

    /// The check measure by measure (categories, or with `org_only` the organisation's items
    /// and themes). Returns the current `(measure, group)` cells to hide.
    fn run(
        &self,
        ctx: &Ctx,
        vis: &Visibility,
        org_cells: &[bool],
        org_only: bool,
    ) -> Vec<(usize, usize)> {
        let mut current = self.current(ctx, vis, org_cells);
        for (m, row) in current.iter_mut().enumerate() {
            if (m < ctx.nc) == org_only {
                row.fill(false);
            }
        }
        let mut slots = self.slots(ctx, current);
        crate::release::refine(&self.people, &self.groups, ctx.roles, ctx.k, &mut slots)
            .into_iter()
            .filter(|&(_, g)| g < self.current_groups)
            .collect()
    }

    /// Items against categories (`release::refine_items`): returns which questions' figures
    /// are withheld and which current category cells must be hidden too.
    fn run_items(
        &self,
        ctx: &Ctx,
        vis: &Visibility,
        item_shown: &[bool],
    ) -> (Vec<bool>, Vec<(usize, usize)>) {
        let m = ctx.model;
        let current = self.current(ctx, vis, item_shown);
        let mut slots = self.slots(ctx, current);
        let cat_items: Vec<Vec<(usize, f64)>> = m
            .categories
            .iter()
            .map(|c| {
                c.items
                    .iter()
                    .map(|&q| (ctx.nc + q, m.questions[q].weight))
                    .collect()
            })
            .collect();
        let (items, cells) = crate::release::refine_items(
            &self.people,
            &self.groups,
            ctx.roles,
            ctx.k,
            &mut slots,
            &cat_items,
        );
        let mut withheld = vec![false; m.questions.len()];
        for q in items {
            if let Some(x) = withheld.get_mut(q - ctx.nc) {
                *x = true;
            }
        }
        let cells = cells
            .into_iter()
            .filter(|&(_, g)| g < self.current_groups)
            .collect();
        (withheld, cells)
    }

    /// The record of what the finished report publishes.
    #[allow(clippy::too_many_arguments)]
    fn record(
        &self,
        model: &Model,
        ctx: &Ctx,
        k: u32,
        units: &[GroupResult],
        roles: &[GroupResult],
        items: &[ItemResult],
        themes: &[ThemeResult],
    ) -> Release {
        let respondents = self
            .fingerprints
            .iter()
            .zip(&self.people)
            .map(|(fp, p)| ReleasedRespondent {
                key: fp.clone(),
                unit: p.unit.join("/"),
                role: p.role.map(|r| model.roles[r].id.clone()),
                scored: p
                    .scored
                    .iter()
                    .map(|&b| if b { '1' } else { '0' })
                    .collect(),
            })
            .collect();
        let mut cells = Vec::new();
        for (g, group) in units.iter().chain(roles).enumerate() {
            for c in 0..ctx.nc {
                if group.scores[c].shown().is_some() {
                    cells.push(ReleasedCell {
                        group: self.group_keys[g].clone(),
                        measure: self.keys[c].clone(),
                    });
                }
            }
        }
        let org_cells = items
            .iter()
            .map(|i| i.score.shown().is_some())
            .chain(themes.iter().map(|t| t.score.shown().is_some()));
        for (i, shown) in org_cells.enumerate() {
            if shown {
                cells.push(ReleasedCell {
                    group: self.group_keys[0].clone(),
                    measure: self.keys[ctx.nc + i].clone(),
                });
            }
        }
        Release {
            model: model.id.clone(),
            version: model.version.clone(),
            wave: String::new(),
            k,
            role_balanced: self.balanced,
            measures: self.keys.clone(),
            respondents,
            cells,
        }
    }
}

/// The Swedish or English text.
fn in_lang(lang: Lang, sv: String, en: String) -> String {
    match lang {
        Lang::Sv => sv,
        Lang::En => en,
    }
}

/// A warning with its message in the report's language.
fn warning(code: WarningCode, subject: String, message: String) -> Warning {
    Warning {
        code,
        subject,
        message,
    }
}

/// One org-tree node.
struct Node {
    path: Vec<String>,
    parent: Option<usize>,
    atoms: Vec<usize>,
}

fn build_tree(ctx: &Ctx) -> Vec<Node> {
    let mut paths: Vec<Vec<String>> = vec![Vec::new()];
    for u in &ctx.answers.units {
        for len in 1..=u.len() {
            let p = u[..len].to_vec();
            if !paths.contains(&p) {
                paths.push(p);
            }
        }
    }
    paths.sort(); // depth-first order: a prefix sorts before its extensions
    let mut nodes: Vec<Node> = Vec::with_capacity(paths.len());
    for p in paths {
        let parent = if p.is_empty() {
            None
        } else {
            nodes.iter().position(|n| n.path[..] == p[..p.len() - 1])
        };
        let atoms = ctx
            .answers
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.starts_with(&p))
            .flat_map(|(ui, _)| (0..=ctx.roles).map(move |r| (ui, r)))
            .map(|(ui, r)| ui * (ctx.roles + 1) + r)
            .collect();
        nodes.push(Node {
            path: p,
            parent,
            atoms,
        });
    }
    nodes
}

fn sort_waves(waves: &[String]) -> Vec<String> {
    let mut v = waves.to_vec();
    if v.iter().all(|w| w.parse::<f64>().is_ok()) {
        v.sort_by(|a, b| {
            let (x, y) = (
                a.parse::<f64>().unwrap_or(0.0),
                b.parse::<f64>().unwrap_or(0.0),
            );
            x.total_cmp(&y)
        });
    } else {
        v.sort();
    }
    v
}

/// Disclosure of each group for the respondent count and for every measure.
struct Visibility {
    respondents: Vec<Disclosure>,
    measures: Vec<Vec<Disclosure>>,
}

impl Visibility {
    fn of(&self, g: usize, m: usize) -> Disclosure {
        match self.respondents[g] {
            Disclosure::Shown => self.measures[m][g],
            other => other,
        }
    }
}

/// `groups` are the org-tree nodes (the organisation first) followed by `n_roles` role groups.
fn visibility(
    ctx: &Ctx,
    accs: &[Acc],
    counts: &[u64],
    groups: &[Vec<usize>],
    n_roles: usize,
) -> Visibility {
    let split = groups.len() - n_roles;
    let run = |c: &[u64]| suppress_units_and_roles(c, &groups[..split], &groups[split..], ctx.k);
    let respondents = run(counts);
    let measures = (0..ctx.nm)
        .map(|m| {
            let c: Vec<u64> = (0..ctx.atoms()).map(|a| accs[a * ctx.nm + m].n).collect();
            run(&c)
        })
        .collect();
    Visibility {
        respondents,
        measures,
    }
}

/// Scores the answers against the model. See the module documentation for the pipeline.
pub fn score(
    model: &Model,
    answers: &AnswerSet,
    opts: &ScoreOptions,
) -> Result<ScoreReport, ScoreError> {
    let lang = opts.lang;
    let k = opts.k.unwrap_or(model.aggregation.min_group_size);
    if k < 3 {
        return Err(ScoreError::KTooSmall(k));
    }
    if answers.respondents.is_empty() {
        return Err(ScoreError::NoRespondents);
    }
    for r in &answers.respondents {
        if r.answers.len() != model.questions.len() {
            return Err(ScoreError::Mismatch(
                r.id.clone(),
                r.answers.len(),
                model.questions.len(),
            ));
        }
    }
    let nc = model.categories.len();
    let nd = model.dimensions.len();
    let ctx = Ctx {
        model,
        answers,
        nc,
        nd,
        nm: nc + nd + 1,
        k: u64::from(k),
        level: model.aggregation.ci_level,
        roles: model.roles.len(),
        point_score: model
            .questions
            .iter()
            .map(|q| {
                let sc = &model.scales[q.scale];
                (sc.min..=sc.max)
                    .map(|p| {
                        let x = sc.rescale(p);
                        if q.reverse { 100.0 - x } else { x }
                    })
                    .collect()
            })
            .collect(),
        point_min: model
            .questions
            .iter()
            .map(|q| model.scales[q.scale].min)
            .collect(),
        applies: (0..=model.roles.len())
            .map(|slot| {
                let role = (slot < model.roles.len()).then_some(slot);
                model.questions.iter().map(|q| q.applies_to(role)).collect()
            })
            .collect(),
    };
    let waves = sort_waves(&answers.waves);
    let wave_label = match &opts.wave {
        Some(w) => {
            if !waves.contains(w) {
                return Err(ScoreError::UnknownWave(w.clone(), waves.join(", ")));
            }
            w.clone()
        }
        None => waves.last().cloned().unwrap_or_default(),
    };
    let wave_ix = |label: &str| answers.waves.iter().position(|w| w == label).unwrap_or(0);
    let current = ctx.wave_data(wave_ix(&wave_label));
    let (accs, counts) = ctx.atom_accs(&current);

    let organisation = opts
        .organisation
        .clone()
        .unwrap_or_else(|| lang.pick("Organisationen", "The organisation").to_owned());
    let measures = measures(model, lang);

    // Groups: org-tree nodes, then role groups.
    let nodes = build_tree(&ctx);
    let mut groups: Vec<Vec<usize>> = nodes.iter().map(|n| n.atoms.clone()).collect();
    for r in 0..ctx.roles {
        groups.push(
            (0..answers.units.len())
                .map(|u| ctx.atom(u, Some(r)))
                .collect(),
        );
    }
    let mut vis = visibility(&ctx, &accs, &counts, &groups, ctx.roles);
    let mut warnings: Vec<Warning> = Vec::new();
    // The exact linear check over every published cell (release.rs): the count rule above
    // rules out derivable *sets*; this also rules out weighted sums (role-balanced means) and
    // differences of respondents (p − q), within this report and with earlier releases.
    let check = ReleaseCheck::new(&ctx, &current, &nodes, opts, &wave_label);
    let mut held_back = 0usize;
    {
        for (m, g) in check.run(&ctx, &vis, &[], false) {
            vis.measures[m][g] = Disclosure::Complementary;
            held_back += 1;
        }
    }
    // Items against categories, in this report and across earlier releases.
    let root_resp_shown = vis.respondents[0].shown();
    let item_shown: Vec<bool> = item_counts(&ctx, &current)
        .iter()
        .map(|&(nonblank, scored)| root_resp_shown && nonblank >= ctx.k && scored >= ctx.k)
        .collect();
    let (withheld, extra) = check.run_items(&ctx, &vis, &item_shown);
    for (m, g) in extra {
        vis.measures[m][g] = Disclosure::Complementary;
        held_back += 1;
    }
    for (q, question) in model.questions.iter().enumerate() {
        if !current.present[q] && current.rows > 0 {
            warnings.push(warning(
                WarningCode::ItemBlankInWave,
                question.id.clone(),
                in_lang(
                        lang,
                    format!(
                        "frågan {} är obesvarad av alla i omgång {wave_label}; den räknas som saknad i 60 %-regeln",
                        question.id
                    ),
                    format!(
                        "item {} is blank for everyone in wave {wave_label}; it counts as missing in the 60 % rule",
                        question.id
                    ),
                ),
            ));
        }
    }
    // Invited populations. N below n is a mistake in the invitation list: it is reported, and
    // N is then treated as unknown (no response rate, no finite-population correction) instead
    // of giving a 150 % response rate and a zero-width interval.
    let node_n = |g: usize| -> u64 { groups[g].iter().map(|&a| counts[a]).sum() };
    let population: Vec<Option<u64>> = nodes
        .iter()
        .enumerate()
        .map(|(g, node)| {
            let key = node.path.join("/");
            let invited = opts.invited.get(&key).copied()?;
            let n = node_n(g);
            if invited < n {
                warnings.push(warning(
                    WarningCode::InvitedBelowRespondents,
                    key.clone(),
                    in_lang(
                        lang,
                        format!(
                            "enheten `{key}` har {invited} inbjudna men {n} svarande; svarsfrekvens och ändlighetskorrektion utelämnas"
                        ),
                        format!(
                            "unit `{key}` has {invited} invited but {n} respondents; response rate and finite-population correction are left out"
                        ),
                    ),
                ));
                return None;
            }
            Some(invited)
        })
        .collect();
    let group_result = |g: usize,
                        key: String,
                        name: String,
                        depth: usize,
                        invited: Option<u64>,
                        population: Option<u64>| {
        let n = node_n(g);
        let shown = vis.respondents[g].shown();
        let scores = ctx.group_scores(&accs, &groups[g], &|m| vis.of(g, m), population);
        let quadrant = placement(model, lang, &scores, nc);
        GroupResult {
            key,
            name,
            depth,
            n: shown.then_some(n),
            disclosure: vis.respondents[g],
            invited,
            response_rate: population
                .filter(|&i| shown && i > 0)
                .map(|i| n as f64 / i as f64),
            scores,
            quadrant,
        }
    };
    let units: Vec<GroupResult> = nodes
        .iter()
        .enumerate()
        .map(|(g, node)| {
            let key = node.path.join("/");
            let name = node
                .path
                .last()
                .cloned()
                .unwrap_or_else(|| organisation.clone());
            let invited = opts.invited.get(&key).copied();
            group_result(g, key, name, node.path.len(), invited, population[g])
        })
        .collect();
    let roles: Vec<GroupResult> = model
        .roles
        .iter()
        .enumerate()
        .map(|(r, role)| {
            group_result(
                nodes.len() + r,
                role.id.clone(),
                role.name.get(lang).to_owned(),
                1,
                None,
                None,
            )
        })
        .collect();

    // Comparisons between shown groups.
    let mut comparisons = Vec::new();
    let level = ctx.level;
    let mut compare = |kind: ComparisonKind, a: &GroupResult, b: &GroupResult| {
        for (m, meas) in measures.iter().enumerate() {
            if let (Some(x), Some(y)) = (a.scores[m].shown(), b.scores[m].shown())
                && let Some(d) = welch(x, y, level)
            {
                comparisons.push(Comparison {
                    kind,
                    a: a.key.clone(),
                    b: b.key.clone(),
                    measure: meas.id.clone(),
                    difference: d,
                    notable: d.diff.abs() >= 10.0 && (d.ci_low > 0.0 || d.ci_high < 0.0),
                });
            }
        }
    };
    for i in 0..roles.len() {
        for j in i + 1..roles.len() {
            compare(ComparisonKind::Roles, &roles[i], &roles[j]);
        }
    }
    for i in 0..nodes.len() {
        for j in i + 1..nodes.len() {
            if nodes[i].parent.is_some() && nodes[i].parent == nodes[j].parent {
                compare(ComparisonKind::Units, &units[i], &units[j]);
            }
        }
    }

    // Waves: every unit per wave under that wave's own anonymity rules (the same suppression
    // over the same groups; waves are different respondents, so no sum of one wave combines
    // with another's). The invited populations belong to the scored wave only.
    let mut trend = Vec::new();
    let mut wave_units: Vec<Vec<(Disclosure, Vec<Stat>)>> = Vec::new();
    let mut wave_present = Vec::new();
    for w in &waves {
        if *w == wave_label {
            wave_units.push(
                units
                    .iter()
                    .map(|u| (u.disclosure, u.scores.clone()))
                    .collect(),
            );
            trend.push(WaveResult {
                wave: w.clone(),
                n: current.included.len() as u64,
                scores: units[0].scores.clone(),
            });
            wave_present.push(current.present.clone());
            continue;
        }
        let data = ctx.wave_data(wave_ix(w));
        let (wa, wc) = ctx.atom_accs(&data);
        let v = visibility(&ctx, &wa, &wc, &groups, ctx.roles);
        let per_unit: Vec<(Disclosure, Vec<Stat>)> = (0..nodes.len())
            .map(|g| {
                let scores = ctx.group_scores(&wa, &groups[g], &|m| v.of(g, m), None);
                (v.respondents[g], scores)
            })
            .collect();
        trend.push(WaveResult {
            wave: w.clone(),
            n: data.included.len() as u64,
            scores: per_unit[0].1.clone(),
        });
        wave_units.push(per_unit);
        wave_present.push(data.present);
    }
    let cur_pos = waves.iter().position(|w| *w == wave_label).unwrap_or(0);
    let mut changes = Vec::new();
    let mut category_change: Vec<Option<f64>> = vec![None; nc];
    if cur_pos > 0 {
        let prev = cur_pos - 1;
        let same = |c: usize| {
            model.categories[c]
                .items
                .iter()
                .all(|&q| wave_present[prev][q] == wave_present[cur_pos][q])
        };
        let comparable: Vec<bool> = measures
            .iter()
            .enumerate()
            .map(|(m, meas)| match meas.kind {
                MeasureKind::Category => same(m),
                MeasureKind::Dimension => {
                    model.dimensions[m - nc].categories.iter().all(|&c| same(c))
                }
                MeasureKind::Overall => (0..nc).all(same),
            })
            .collect();
        for (g, node) in nodes.iter().enumerate() {
            let (cd, cur) = &wave_units[cur_pos][g];
            let (pd, before) = &wave_units[prev][g];
            // The organisation always gets a row per measure; a unit only when it is shown in
            // both waves.
            if g > 0 && !(cd.shown() && pd.shown()) {
                continue;
            }
            for (m, meas) in measures.iter().enumerate() {
                let difference = match (cur[m].shown(), before[m].shown()) {
                    (Some(a), Some(b)) if comparable[m] => welch(a, b, level),
                    _ => None,
                };
                if g == 0 && m < nc {
                    category_change[m] = difference.map(|d| d.diff);
                }
                changes.push(WaveChange {
                    unit: node.path.join("/"),
                    measure: meas.id.clone(),
                    comparable: comparable[m],
                    difference,
                });
            }
        }
    }

    let (items, category_dk) = item_table(
        &ctx,
        &current,
        lang,
        root_resp_shown,
        population[0],
        &withheld,
    );
    let themes = theme_scores(&ctx, &current, lang, root_resp_shown, population[0]);
    let (mut items, mut themes) = (items, themes);
    {
        let shown: Vec<bool> = items
            .iter()
            .map(|i| i.score.shown().is_some())
            .chain(themes.iter().map(|t| t.score.shown().is_some()))
            .collect();
        for (m, _) in check.run(&ctx, &vis, &shown, true) {
            held_back += 1;
            let m = m - nc;
            if let Some(item) = items.get_mut(m) {
                item.disclosure = Disclosure::Complementary;
                item.n = None;
                item.mean_point = None;
                item.score = Stat::Complementary;
                item.dont_know_share = None;
                item.not_applicable_share = None;
            } else if let Some(theme) = themes.get_mut(m - model.questions.len()) {
                theme.score = Stat::Complementary;
            }
        }
    }
    if held_back > 0 && !check.releases.is_empty() {
        warnings.push(warning(
            WarningCode::HeldBackSinceRelease,
            wave_label.clone(),
            in_lang(
                        lang,
                format!(
                    "{held_back} värden hålls inne: tillsammans med tidigare rapporter för omgång {wave_label} skulle de avslöja färre än {k} svarande"
                ),
                format!(
                    "{held_back} figures are held back: with earlier reports of wave {wave_label} they would reveal fewer than {k} respondents"
                ),
            ),
        ));
    }
    let reliability = reliability(&ctx, &current, lang);

    // Ranking, priorities, action plan.
    let org = &units[0];
    let ranking = ranking(model, lang, org, &category_change, &category_dk);
    let priorities = priorities(&ctx, &current, lang, org);
    let action_plan = action_plan(model, lang, &wave_label, &ranking, &priorities);

    let mut release = check.record(model, &ctx, k, &units, &roles, &items, &themes);
    release.wave = wave_label.clone();
    Ok(ScoreReport {
        model: ModelRef {
            id: model.id.clone(),
            version: model.version.clone(),
            name: model.name.get(lang).to_owned(),
        },
        language: lang,
        organisation,
        wave: wave_label,
        waves,
        settings: Settings {
            k,
            ci_level: model.aggregation.ci_level,
            min_items_fraction: model.aggregation.min_items_fraction,
            min_questionnaire_fraction: model.aggregation.min_questionnaire_fraction,
            unit_of_analysis: model.aggregation.unit_of_analysis,
            quadrant_cut: model.aggregation.quadrant_cut.value(),
            target: model.aggregation.target,
        },
        respondents: RespondentCounts {
            rows: current.rows,
            included: current.included.len() as u64,
            dropped_incomplete: current.dropped,
        },
        measures,
        axes: match (model.axis_dimension(Axis::X), model.axis_dimension(Axis::Y)) {
            (Some(x), Some(y)) => Some(Axes {
                x: model.dimensions[x].name.get(lang).to_owned(),
                y: model.dimensions[y].name.get(lang).to_owned(),
            }),
            _ => None,
        },
        units,
        roles,
        ranking,
        priorities,
        action_plan,
        reliability,
        items,
        themes,
        comparisons,
        trend,
        changes,
        warnings,
        release,
    })
}

fn measures(model: &Model, lang: Lang) -> Vec<Measure> {
    let mut v: Vec<Measure> = model
        .categories
        .iter()
        .map(|c| Measure {
            id: c.id.clone(),
            kind: MeasureKind::Category,
            name: c.name.get(lang).to_owned(),
            dimension: Some(model.dimensions[c.dimension].id.clone()),
        })
        .collect();
    v.extend(model.dimensions.iter().map(|d| Measure {
        id: d.id.clone(),
        kind: MeasureKind::Dimension,
        name: d.name.get(lang).to_owned(),
        dimension: None,
    }));
    v.push(Measure {
        id: "overall".into(),
        kind: MeasureKind::Overall,
        name: lang
            .pick("Digital mognad totalt", "Overall digital maturity")
            .to_owned(),
        dimension: None,
    });
    v
}

fn placement(model: &Model, lang: Lang, scores: &[Stat], nc: usize) -> Option<Placement> {
    if model.quadrants.is_empty() {
        return None;
    }
    let x = scores[nc + model.axis_dimension(Axis::X)?].shown()?;
    let y = scores[nc + model.axis_dimension(Axis::Y)?].shown()?;
    let cut = model.aggregation.quadrant_cut.value();
    let side = |v: f64| if v >= cut { Level::High } else { Level::Low };
    let q = model.quadrant(side(x.mean), side(y.mean))?;
    let crosses = |s: &Summary| s.ci_low <= cut && cut <= s.ci_high;
    let near = crosses(x) || crosses(y);
    Some(Placement {
        quadrant: (!near).then(|| q.id.clone()),
        leaning: q.id.clone(),
        name: q.name.get(lang).to_owned(),
        near_boundary: near,
        advice: q.advice.get(lang).to_owned(),
        x: x.mean,
        y: y.mean,
    })
}

/// Per question, over the included respondents: non-blank answers and answers on the scale.
fn item_counts(ctx: &Ctx, w: &WaveData) -> Vec<(u64, u64)> {
    let mut out = vec![(0u64, 0u64); ctx.model.questions.len()];
    for &ri in &w.included {
        for (q, a) in ctx.answers.respondents[ri].answers.iter().enumerate() {
            if *a != Answer::Blank {
                out[q].0 += 1;
            }
            if ctx.item_score(q, *a).is_some() {
                out[q].1 += 1;
            }
        }
    }
    out
}

fn item_table(
    ctx: &Ctx,
    w: &WaveData,
    lang: Lang,
    root_shown: bool,
    population: Option<u64>,
    withheld: &[bool],
) -> (Vec<ItemResult>, Vec<Option<f64>>) {
    let m = ctx.model;
    let nq = m.questions.len();
    let mut acc = vec![Acc::default(); nq];
    let mut points = vec![0i64; nq];
    let mut dk = vec![0u64; nq];
    let mut na = vec![0u64; nq];
    let mut nonblank = vec![0u64; nq];
    for &ri in &w.included {
        for (q, a) in ctx.answers.respondents[ri].answers.iter().enumerate() {
            match a {
                Answer::Blank => continue,
                Answer::Missing(MissingCode::DontKnow) => dk[q] += 1,
                Answer::Missing(MissingCode::NotApplicable) => na[q] += 1,
                Answer::Point(p) => {
                    points[q] += i64::from(*p);
                    if let Some(s) = ctx.item_score(q, *a) {
                        acc[q].add(s);
                    }
                }
            }
            nonblank[q] += 1;
        }
    }
    let items = m
        .questions
        .iter()
        .enumerate()
        .map(|(q, question)| {
            let disclosure = if nonblank[q] == 0 {
                Disclosure::Empty
            } else if !root_shown || nonblank[q] < ctx.k {
                Disclosure::BelowK
            } else {
                Disclosure::Shown
            };
            let shown = disclosure.shown();
            let share = |x: u64| (shown && nonblank[q] > 0).then(|| x as f64 / nonblank[q] as f64);
            let score_disc = if shown && acc[q].n < ctx.k {
                Disclosure::BelowK
            } else if shown && withheld[q] {
                Disclosure::Complementary
            } else {
                disclosure
            };
            ItemResult {
                id: question.id.clone(),
                category: question.category.map(|c| m.categories[c].id.clone()),
                text: question.text.get(lang).to_owned(),
                reverse: question.reverse,
                disclosure,
                n: shown.then_some(acc[q].n),
                mean_point: (score_disc.shown())
                    .then(|| crate::stats::round_to(points[q] as f64 / acc[q].n as f64, 2)),
                score: Stat::from_disclosure(
                    score_disc,
                    Summary::from_acc(&acc[q], ctx.level, population),
                ),
                dont_know_share: share(dk[q]),
                not_applicable_share: share(na[q]),
            }
        })
        .collect();
    let category_dk = m
        .categories
        .iter()
        .map(|c| {
            let d: u64 = c.items.iter().map(|&q| dk[q]).sum();
            let n: u64 = c.items.iter().map(|&q| nonblank[q]).sum();
            (root_shown && n >= ctx.k).then(|| d as f64 / n as f64)
        })
        .collect();
    (items, category_dk)
}

/// A respondent's score on theme `t` (weighted mean of the theme items answered, when at
/// least `min_items_fraction` of the items asked of the role are, and at least 1), and the
/// number of theme items scored.
fn theme_value(ctx: &Ctx, r: &crate::answers::Respondent, t: usize) -> (Option<f64>, usize) {
    let m = ctx.model;
    let (mut s, mut wsum, mut asked, mut scored) = (0.0, 0.0, 0usize, 0usize);
    for &q in &m.themes[t].items {
        if !m.questions[q].applies_to(r.role) {
            continue;
        }
        asked += 1;
        if let Some(x) = ctx.item_score(q, r.answers[q]) {
            s += m.questions[q].weight * x;
            wsum += m.questions[q].weight;
            scored += 1;
        }
    }
    let need = ((m.aggregation.min_items_fraction * asked as f64 - 1e-9).ceil() as usize).max(1);
    ((asked > 0 && scored >= need).then(|| s / wsum), scored)
}

fn theme_scores(
    ctx: &Ctx,
    w: &WaveData,
    lang: Lang,
    root_shown: bool,
    population: Option<u64>,
) -> Vec<ThemeResult> {
    let m = ctx.model;
    m.themes
        .iter()
        .enumerate()
        .map(|(ti, t)| {
            let mut acc = Acc::default();
            // Respondents whose theme score is not the full-weight mean of all theme items
            // (see `item_table`): the theme and its items combine to their answers.
            let mut partial = 0u64;
            for &ri in &w.included {
                let r = &ctx.answers.respondents[ri];
                let (value, scored) = theme_value(ctx, r, ti);
                if let Some(v) = value {
                    acc.add(v);
                }
                if scored > 0 && !(value.is_some() && scored == t.items.len()) {
                    partial += 1;
                }
            }
            let disc = if acc.n == 0 {
                Disclosure::Empty
            } else if !root_shown || acc.n < ctx.k {
                Disclosure::BelowK
            } else if partial > 0 && partial < ctx.k {
                Disclosure::Complementary
            } else {
                Disclosure::Shown
            };
            ThemeResult {
                id: t.id.clone(),
                name: t.name.get(lang).to_owned(),
                score: Stat::from_disclosure(disc, Summary::from_acc(&acc, ctx.level, population)),
            }
        })
        .collect()
}

fn reliability(ctx: &Ctx, w: &WaveData, lang: Lang) -> Vec<Reliability> {
    let m = ctx.model;
    // One pass over the respondents for all categories (answers are read once).
    let items: Vec<Vec<usize>> = m
        .categories
        .iter()
        .map(|c| c.items.iter().copied().filter(|&q| w.present[q]).collect())
        .collect();
    let mut covs: Vec<CovAcc> = items.iter().map(|it| CovAcc::new(it.len())).collect();
    let mut rows: Vec<Vec<f64>> = items.iter().map(|it| vec![0.0; it.len()]).collect();
    for &ri in &w.included {
        let answers = &ctx.answers.respondents[ri].answers;
        for (c, its) in items.iter().enumerate() {
            let row = &mut rows[c];
            let complete = its.iter().zip(row.iter_mut()).all(|(&q, slot)| {
                match ctx.item_score(q, answers[q]) {
                    Some(s) => {
                        *slot = s;
                        true
                    }
                    None => false,
                }
            });
            if complete {
                covs[c].add(row);
            }
        }
    }
    m.categories
        .iter()
        .zip(items.iter().zip(&covs))
        .map(|(c, (items, cov))| {
            let res = cov.finish(u64::from(m.aggregation.min_alpha_cases));
            let status = match res.alpha {
                None => ReliabilityStatus::InsufficientData,
                Some(a) if a < 0.70 => ReliabilityStatus::Low,
                Some(a) if a > 0.95 => ReliabilityStatus::High,
                Some(_) => ReliabilityStatus::Ok,
            };
            Reliability {
                category: c.id.clone(),
                name: c.name.get(lang).to_owned(),
                n: res.n,
                alpha: res.alpha,
                status,
                items: items
                    .iter()
                    .enumerate()
                    .map(|(i, &q)| ItemReliability {
                        item: m.questions[q].id.clone(),
                        item_total: res.item_total[i],
                        alpha_if_deleted: res.alpha_if_deleted[i],
                    })
                    .collect(),
            }
        })
        .collect()
}

fn ranking(
    model: &Model,
    lang: Lang,
    org: &GroupResult,
    change: &[Option<f64>],
    dk: &[Option<f64>],
) -> Vec<Ranked> {
    let mut shown: Vec<(usize, f64)> = (0..model.categories.len())
        .filter_map(|c| org.scores[c].shown().map(|s| (c, s.mean)))
        .collect();
    shown.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let count = shown.len();
    let top = (count / 2).min(3);
    shown
        .iter()
        .enumerate()
        .map(|(i, &(c, mean))| Ranked {
            category: model.categories[c].id.clone(),
            name: model.categories[c].name.get(lang).to_owned(),
            rank: i + 1,
            mean,
            gap_to_target: mean - model.aggregation.target,
            change: change[c],
            dont_know_share: dk[c],
            label: if i < top {
                RankLabel::Strength
            } else if i >= count - top {
                RankLabel::Weakness
            } else {
                RankLabel::Middle
            },
        })
        .collect()
}

fn priorities(ctx: &Ctx, w: &WaveData, lang: Lang, org: &GroupResult) -> Vec<Priority> {
    let m = ctx.model;
    let Some(outcome) = m.outcome else {
        return Vec::new();
    };
    if !org.disclosure.shown() {
        return Vec::new();
    }
    let outcome_scores: Vec<f64> = w
        .included
        .iter()
        .map(|&ri| {
            ctx.item_score(outcome, ctx.answers.respondents[ri].answers[outcome])
                .unwrap_or(f64::NAN)
        })
        .collect();
    let mut rows = Vec::new();
    for c in 0..ctx.nc {
        let Some(perf) = org.scores[c].shown() else {
            continue;
        };
        let pairs = (0..w.included.len())
            .map(|i| (w.values[i * ctx.nm + c], outcome_scores[i]))
            .filter(|(x, y)| !x.is_nan() && !y.is_nan());
        if let Some((r, n)) = pearson(pairs)
            && n >= u64::from(m.aggregation.min_alpha_cases)
        {
            rows.push((c, r, n, perf.mean));
        }
    }
    if rows.len() < 2 {
        return Vec::new();
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let n = v.len();
        if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        }
    };
    let imp_cut = median(rows.iter().map(|r| r.1).collect());
    let perf_cut = median(rows.iter().map(|r| r.3).collect());
    let mut out: Vec<Priority> = rows
        .into_iter()
        .map(|(c, r, n, perf)| {
            let class = match (r >= imp_cut, perf >= perf_cut) {
                (true, false) => PriorityClass::Prioritise,
                (true, true) => PriorityClass::Maintain,
                (false, false) => PriorityClass::ImproveIfPossible,
                (false, true) => PriorityClass::LowerPriority,
            };
            Priority {
                category: m.categories[c].id.clone(),
                name: m.categories[c].name.get(lang).to_owned(),
                importance: r,
                n,
                performance: perf,
                class,
                class_label: class.label(lang).to_owned(),
            }
        })
        .collect();
    let order = |p: &Priority| match p.class {
        PriorityClass::Prioritise => 0,
        PriorityClass::ImproveIfPossible => 1,
        PriorityClass::Maintain => 2,
        PriorityClass::LowerPriority => 3,
    };
    out.sort_by(|a, b| {
        order(a)
            .cmp(&order(b))
            .then(b.importance.total_cmp(&a.importance))
    });
    out
}

fn action_plan(
    model: &Model,
    lang: Lang,
    wave: &str,
    ranking: &[Ranked],
    priorities: &[Priority],
) -> Vec<Action> {
    let mut chosen: Vec<(String, f64, String)> = priorities
        .iter()
        .filter(|p| p.class == PriorityClass::Prioritise)
        .map(|p| {
            let why = lang.pick(
                "Prioritera: stor betydelse för nyttan men låg nivå",
                "Prioritise: important for benefits but low level",
            );
            (p.category.clone(), p.performance, why.to_owned())
        })
        .collect();
    if chosen.is_empty() {
        chosen = ranking
            .iter()
            .filter(|r| r.label == RankLabel::Weakness)
            .rev()
            .map(|r| {
                let why = lang.pick(
                    "Bland de svagaste kategorierna",
                    "Among the weakest categories",
                );
                (r.category.clone(), r.mean, why.to_owned())
            })
            .collect();
    }
    let follow_up = wave
        .parse::<i64>()
        .map(|y| (y + 1).to_string())
        .unwrap_or_else(|_| lang.pick("nästa omgång", "next wave").to_owned());
    let mut out = Vec::new();
    for (cat, baseline, reason) in chosen {
        let Some(ci) = model.categories.iter().position(|c| c.id == cat) else {
            continue;
        };
        for rec in model.recommendations.iter().filter(|r| r.category == ci) {
            out.push(Action {
                category: cat.clone(),
                category_name: model.categories[ci].name.get(lang).to_owned(),
                baseline,
                recommendation: rec.id.clone(),
                action: rec.title.get(lang).to_owned(),
                detail: rec.text.get(lang).to_owned(),
                follow_up_wave: follow_up.clone(),
                reason: reason.clone(),
            });
        }
    }
    out
}
