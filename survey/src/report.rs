//! The score bundle: everything a report shows, with names already resolved in the report's
//! language. Serialised as JSON for the desktop app; written as a workbook by `digilyft-core`.
//!
//! Every number carries its n and interval; every group statistic is a [`Stat`], which is either
//! shown or says why it is hidden. Hidden statistics never carry their value or n.

use serde::Serialize;

use crate::anonymity::Disclosure;
use crate::label::Lang;
use crate::model::UnitOfAnalysis;
use crate::stats::{Difference, Summary};

/// A group statistic, or the reason it is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Stat {
    /// Shown: n, mean, sd and interval.
    Shown(Summary),
    /// Hidden: fewer than k respondents.
    BelowK,
    /// Hidden so a small group cannot be derived by subtraction.
    Complementary,
    /// Nobody in the group has a score on this measure.
    NoData,
}

impl Stat {
    /// The summary, if shown.
    pub fn shown(&self) -> Option<&Summary> {
        match self {
            Stat::Shown(s) => Some(s),
            _ => None,
        }
    }

    /// A shown statistic at published precision ([`Summary::published`]): every shown
    /// number leaves the engine rounded, so no output path carries more digits than the report
    /// displays.
    pub(crate) fn publish(s: Summary) -> Stat {
        Stat::Shown(s.published())
    }

    pub(crate) fn from_disclosure(d: Disclosure, s: Option<Summary>) -> Stat {
        match (d, s) {
            (Disclosure::Shown, Some(s)) => Stat::publish(s),
            (Disclosure::BelowK, _) => Stat::BelowK,
            (Disclosure::Complementary, _) => Stat::Complementary,
            _ => Stat::NoData,
        }
    }
}

/// What a measure column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    /// A category of items.
    Category,
    /// A dimension index.
    Dimension,
    /// The overall maturity index.
    Overall,
}

/// One measure column: every category, then every dimension, then the overall index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measure {
    /// Category or dimension id, or `overall`.
    pub id: String,
    /// What kind of measure.
    pub kind: MeasureKind,
    /// Display name.
    pub name: String,
    /// For categories: the dimension id.
    pub dimension: Option<String>,
}

/// Model identity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelRef {
    /// Model id.
    pub id: String,
    /// Model version.
    pub version: String,
    /// Model name.
    pub name: String,
}

/// Settings the report was computed with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Settings {
    /// Anonymity threshold.
    pub k: u32,
    /// Confidence level.
    pub ci_level: f64,
    /// Share of a category's items needed for a category score.
    pub min_items_fraction: f64,
    /// Share of the questionnaire needed to be included.
    pub min_questionnaire_fraction: f64,
    /// Respondent or role-balanced means.
    pub unit_of_analysis: UnitOfAnalysis,
    /// Quadrant cut-off.
    pub quadrant_cut: f64,
    /// Target level for gaps.
    pub target: f64,
}

/// Respondent counts for the scored wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RespondentCounts {
    /// Rows in the wave.
    pub rows: u64,
    /// Included in scoring.
    pub included: u64,
    /// Dropped for answering less than the required share of the questionnaire.
    pub dropped_incomplete: u64,
}

/// Scores of one unit (org-tree node) or role group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupResult {
    /// Unit path `A/B` (empty for the organisation) or role id.
    pub key: String,
    /// Display name.
    pub name: String,
    /// Depth in the org tree (0 = organisation); 1 for role groups.
    pub depth: usize,
    /// Included respondents; `None` when the group is hidden.
    pub n: Option<u64>,
    /// Why the group is hidden, if it is.
    pub disclosure: Disclosure,
    /// Invited population, when given.
    pub invited: Option<u64>,
    /// Response rate n / invited, when both are known and the group is shown.
    pub response_rate: Option<f64>,
    /// One statistic per [`ScoreReport::measures`] entry.
    pub scores: Vec<Stat>,
    /// Quadrant placement, when both axis dimensions are shown.
    pub quadrant: Option<Placement>,
}

/// The dimensions on the quadrant chart's axes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Axes {
    /// Name of the x-axis dimension.
    pub x: String,
    /// Name of the y-axis dimension.
    pub y: String,
}

/// A position in the 2×2 chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placement {
    /// The quadrant id, or `None` when an interval crosses the cut ("near the boundary").
    pub quadrant: Option<String>,
    /// The quadrant the point estimates fall in.
    pub leaning: String,
    /// Display name of `leaning`.
    pub name: String,
    /// True when an interval crosses the cut-off.
    pub near_boundary: bool,
    /// Advice text of `leaning`.
    pub advice: String,
    /// x-axis index.
    pub x: f64,
    /// y-axis index.
    pub y: f64,
}

/// A category's rank, with absolute gaps (a relative "three weakest" always finds weaknesses).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    /// Category id.
    pub category: String,
    /// Category name.
    pub name: String,
    /// Rank, 1 = strongest.
    pub rank: usize,
    /// Organisation score.
    pub mean: f64,
    /// mean − target.
    pub gap_to_target: f64,
    /// Change since the previous wave, when comparable.
    pub change: Option<f64>,
    /// Share of "don't know" answers in the category.
    pub dont_know_share: Option<f64>,
    /// Strength, weakness or neither.
    pub label: RankLabel,
}

/// Strength or weakness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RankLabel {
    /// Among the strongest categories.
    Strength,
    /// Among the weakest categories.
    Weakness,
    /// Neither.
    Middle,
}

/// Importance × performance quadrant (SCB NKI style).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PriorityClass {
    /// High importance, low performance: act first.
    Prioritise,
    /// High importance, high performance.
    Maintain,
    /// Low importance, low performance.
    ImproveIfPossible,
    /// Low importance, high performance.
    LowerPriority,
}

impl PriorityClass {
    /// Display label.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PriorityClass::Prioritise => lang.pick("Prioritera", "Prioritise"),
            PriorityClass::Maintain => lang.pick("Bevara", "Maintain"),
            PriorityClass::ImproveIfPossible => {
                lang.pick("Förbättra om möjligt", "Improve if possible")
            }
            PriorityClass::LowerPriority => lang.pick("Lägre prioritet", "Lower priority"),
        }
    }
}

/// One row of the priority list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Priority {
    /// Category id.
    pub category: String,
    /// Category name.
    pub name: String,
    /// Correlation of the category score with the outcome question.
    pub importance: f64,
    /// Respondents with both scores.
    pub n: u64,
    /// Organisation score.
    pub performance: f64,
    /// Quadrant.
    pub class: PriorityClass,
    /// Display label of the class.
    pub class_label: String,
}

/// One row of the action-plan draft; owner and dates are for the organisation to fill in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    /// Category id.
    pub category: String,
    /// Category name.
    pub category_name: String,
    /// Score when the plan was drafted.
    pub baseline: f64,
    /// Recommendation id.
    pub recommendation: String,
    /// The action (recommendation title).
    pub action: String,
    /// Explanation.
    pub detail: String,
    /// Wave at which the action is followed up.
    pub follow_up_wave: String,
    /// Why the category was chosen.
    pub reason: String,
}

/// Reliability of one category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reliability {
    /// Category id.
    pub category: String,
    /// Category name.
    pub name: String,
    /// Complete cases (respondents who answered every item of the category).
    pub n: u64,
    /// Cronbach's alpha; `None` when there are too few complete cases.
    pub alpha: Option<f64>,
    /// Assessment.
    pub status: ReliabilityStatus,
    /// Per item.
    pub items: Vec<ItemReliability>,
}

/// Alpha assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReliabilityStatus {
    /// 0.70 ≤ α ≤ 0.95.
    Ok,
    /// α < 0.70: review the items.
    Low,
    /// α > 0.95: possibly redundant items.
    High,
    /// Too few complete cases.
    InsufficientData,
}

/// Item statistics within its category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemReliability {
    /// Item id.
    pub item: String,
    /// Corrected item–total correlation.
    pub item_total: Option<f64>,
    /// Alpha of the category without this item.
    pub alpha_if_deleted: Option<f64>,
}

/// One row of the item table (organisation level, scored wave).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemResult {
    /// Item id.
    pub id: String,
    /// Category id (`None` for the outcome question).
    pub category: Option<String>,
    /// Question text.
    pub text: String,
    /// Reverse-scored.
    pub reverse: bool,
    /// Whether the row may be shown (≥ k answers).
    pub disclosure: Disclosure,
    /// Answers on the scale.
    pub n: Option<u64>,
    /// Mean raw point.
    pub mean_point: Option<f64>,
    /// Score 0–100 with interval.
    pub score: Stat,
    /// Share "don't know" among non-blank answers.
    pub dont_know_share: Option<f64>,
    /// Share "not applicable" among non-blank answers.
    pub not_applicable_share: Option<f64>,
}

/// A cross-cutting theme score (organisation level).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeResult {
    /// Theme id.
    pub id: String,
    /// Theme name.
    pub name: String,
    /// Score.
    pub score: Stat,
}

/// What kind of groups a comparison is between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ComparisonKind {
    /// Two role groups.
    Roles,
    /// Two sibling units.
    Units,
    /// The scored wave against the previous one (organisation level).
    Waves,
}

/// A difference between two shown groups on one measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Kind.
    pub kind: ComparisonKind,
    /// First group key (unit path, role id or wave).
    pub a: String,
    /// Second group key.
    pub b: String,
    /// Measure id.
    pub measure: String,
    /// Difference, interval and effect size.
    #[serde(flatten)]
    pub difference: Difference,
    /// |diff| ≥ 10 points and the interval excludes 0.
    pub notable: bool,
}

/// Organisation-level scores of one wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaveResult {
    /// Wave label.
    pub wave: String,
    /// Included respondents.
    pub n: u64,
    /// Organisation-level statistic per measure.
    pub scores: Vec<Stat>,
}

/// Change of one measure of one unit between the previous and the scored wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaveChange {
    /// Unit path (`""` for the organisation). Units appear only when shown in both waves.
    pub unit: String,
    /// Measure id.
    pub measure: String,
    /// False when the measure's item set differs between the waves.
    pub comparable: bool,
    /// Difference (scored − previous), when comparable and both shown.
    pub difference: Option<Difference>,
}

/// The complete result of scoring one wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreReport {
    /// Model identity.
    pub model: ModelRef,
    /// Language of every name in the report.
    pub language: Lang,
    /// Organisation name.
    pub organisation: String,
    /// The scored wave.
    pub wave: String,
    /// Every wave in the answers, oldest first.
    pub waves: Vec<String>,
    /// Settings used.
    pub settings: Settings,
    /// Respondent counts of the scored wave.
    pub respondents: RespondentCounts,
    /// Measure columns.
    pub measures: Vec<Measure>,
    /// Names of the dimensions on the quadrant chart's x and y axes, if the model has them.
    pub axes: Option<Axes>,
    /// Org-tree units, depth-first, the organisation first.
    pub units: Vec<GroupResult>,
    /// Role groups at the organisation level.
    pub roles: Vec<GroupResult>,
    /// Categories ranked at the organisation level.
    pub ranking: Vec<Ranked>,
    /// Importance × performance (empty when the model has no outcome question or data is short).
    pub priorities: Vec<Priority>,
    /// Action-plan draft.
    pub action_plan: Vec<Action>,
    /// Reliability per category (pooled over the scored wave).
    pub reliability: Vec<Reliability>,
    /// Item table.
    pub items: Vec<ItemResult>,
    /// Theme scores.
    pub themes: Vec<ThemeResult>,
    /// Differences between groups.
    pub comparisons: Vec<Comparison>,
    /// Organisation-level scores per wave.
    pub trend: Vec<WaveResult>,
    /// Changes from the previous wave per unit, the organisation first (empty with one wave).
    pub changes: Vec<WaveChange>,
    /// Things the reader must know about the data (invitation lists, blank items).
    pub warnings: Vec<Warning>,
    /// What this report publishes, for checking later reports of the wave against it. Not
    /// part of the published JSON: it holds each respondent's unit and role, so the survey
    /// owner keeps it with the answer files ([`crate::release`]).
    #[serde(skip)]
    pub release: crate::release::Release,
}

/// What a [`Warning`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningCode {
    /// A unit's invited population is smaller than its respondents; N is treated as unknown.
    InvitedBelowRespondents,
    /// An item is blank for every respondent of the scored wave; it counts as missing.
    ItemBlankInWave,
    /// Figures withheld because, with earlier releases of the wave, they would reveal fewer
    /// than k respondents.
    HeldBackSinceRelease,
}

/// A warning about the data, in the report's language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    /// Stable code.
    pub code: WarningCode,
    /// What it is about: a unit path or an item id.
    pub subject: String,
    /// Explanation.
    pub message: String,
}

impl ScoreReport {
    /// The organisation-level row.
    pub fn organisation_row(&self) -> &GroupResult {
        &self.units[0]
    }

    /// Index of a measure by id.
    pub fn measure_index(&self, id: &str) -> Option<usize> {
        self.measures.iter().position(|m| m.id == id)
    }
}
