//! Maturity models: dimensions → categories → items, read from TOML and validated.
//!
//! A model is data, not code: the same engine scores any model and any version of one. The file
//! format (see `assets/models/*.toml` and the domain spec `maturity.md` §2.2) is deserialised into
//! private `Raw*` structs with serde, then [`Model::from_toml`] checks every cross-reference and
//! rule and reports *all* problems at once, each with the place it occurs
//! (`item[12] (CAP-EFF-03).category`). A [`Model`] value is therefore always consistent: every
//! index it holds is valid, every category has at least three items, every weight is positive and
//! finite, every label exists in every language the model declares.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::label::{Label, Lang};

/// Why a model could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The file is not valid TOML or does not have the expected shape.
    #[error("{origin}: not a valid model file: {message}")]
    Syntax {
        /// File name or other description of where the text came from.
        origin: String,
        /// The parser's message, with line and column.
        message: String,
    },
    /// No bundled model has this name.
    #[error("unknown model `{name}` (bundled models: {known}; or give a path to a .toml file)")]
    Unknown {
        /// The name asked for.
        name: String,
        /// The bundled model ids.
        known: String,
    },
    /// The file parsed but breaks one or more model rules.
    #[error("{origin}: {} problem(s) in the model:\n{}", .problems.len(), list(.problems))]
    Invalid {
        /// File name or other description of where the text came from.
        origin: String,
        /// Every problem found, in file order.
        problems: Vec<ModelProblem>,
    },
}

fn list(problems: &[ModelProblem]) -> String {
    problems
        .iter()
        .map(|p| format!("  - {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One broken rule in a model file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelProblem {
    /// Where: e.g. `item[3] (CAP-EFF-03).category`.
    pub place: String,
    /// What is wrong, in English.
    pub reason: String,
}

impl fmt::Display for ModelProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.reason)
    }
}

/// A code for an answer that is deliberately not a position on the scale. Never scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingCode {
    /// "Vet ej": the respondent does not know.
    DontKnow,
    /// "Ej relevant": the question does not apply to the respondent.
    NotApplicable,
}

impl MissingCode {
    /// Every missing code, in display order.
    pub const ALL: [MissingCode; 2] = [MissingCode::DontKnow, MissingCode::NotApplicable];

    /// The label shown in answer sheets and reports.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            MissingCode::DontKnow => lang.pick("Vet ej", "Don't know"),
            MissingCode::NotApplicable => lang.pick("Ej relevant", "Not applicable"),
        }
    }

    /// The stable code written in model files (`dont_know`, `not_applicable`).
    pub fn code(self) -> &'static str {
        match self {
            MissingCode::DontKnow => "dont_know",
            MissingCode::NotApplicable => "not_applicable",
        }
    }

    /// Recognises the code or its label in either language (case-insensitive).
    pub fn parse(text: &str) -> Option<MissingCode> {
        let t = text.trim().to_lowercase();
        MissingCode::ALL.into_iter().find(|c| {
            t == c.code()
                || t == c.label(Lang::Sv).to_lowercase()
                || t == c.label(Lang::En).to_lowercase()
        })
    }
}

/// What kind of scale a question uses; decides the wording in templates and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleKind {
    /// Agreement with a statement.
    Likert,
    /// How far something has been implemented.
    Implementation,
    /// A position between two anchor texts (from current state to goal).
    Differential,
}

/// A response scale: integer points `min..=max`, optional point labels, and the missing codes a
/// respondent may choose instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scale {
    /// The scale's name (`default` for `[scale]`).
    pub id: String,
    /// What kind of scale this is.
    pub kind: ScaleKind,
    /// Lowest point (scored 0).
    pub min: i32,
    /// Highest point (scored 100).
    pub max: i32,
    /// Labels per point, `max - min + 1` long when present; `""` for unlabelled points.
    pub labels_sv: Vec<String>,
    /// English labels per point, same length rule.
    pub labels_en: Vec<String>,
    /// Codes accepted instead of a point.
    pub missing_codes: Vec<MissingCode>,
}

impl Scale {
    /// Number of points.
    pub fn points(&self) -> usize {
        (self.max - self.min + 1) as usize
    }

    /// Rescales a point to 0–100 (before any reversal).
    pub fn rescale(&self, point: i32) -> f64 {
        100.0 * f64::from(point - self.min) / f64::from(self.max - self.min)
    }

    /// The label of `point` in `lang`, if the model gives one.
    pub fn point_label(&self, point: i32, lang: Lang) -> Option<&str> {
        let idx = usize::try_from(point - self.min).ok()?;
        let primary = match lang {
            Lang::Sv => &self.labels_sv,
            Lang::En => &self.labels_en,
        };
        let secondary = match lang {
            Lang::Sv => &self.labels_en,
            Lang::En => &self.labels_sv,
        };
        primary
            .get(idx)
            .filter(|s| !s.is_empty())
            .or_else(|| secondary.get(idx).filter(|s| !s.is_empty()))
            .map(String::as_str)
    }

    /// The point whose label (in either language) equals `text`, if any.
    pub fn point_for_label(&self, text: &str) -> Option<i32> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        for labels in [&self.labels_sv, &self.labels_en] {
            if let Some(i) = labels.iter().position(|l| !l.is_empty() && l.trim() == t) {
                return Some(self.min + i as i32);
            }
        }
        None
    }
}

/// A respondent role group (politician, manager, IT staff…).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Role {
    /// Stable id used in answer files.
    pub id: String,
    /// Display name.
    pub name: Label,
}

/// How unit scores are formed from respondents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum UnitOfAnalysis {
    /// Mean over respondents.
    #[default]
    Respondent,
    /// Mean of role means, so a large role group does not outweigh a small one.
    RoleBalanced,
}

/// Where the quadrant cut-off lies on both axes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum QuadrantCut {
    /// A fixed value on the 0–100 scale.
    Fixed {
        /// The cut-off.
        value: f64,
    },
}

impl QuadrantCut {
    /// The cut-off value.
    pub fn value(&self) -> f64 {
        match self {
            QuadrantCut::Fixed { value } => *value,
        }
    }
}

/// Aggregation and disclosure settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Aggregation {
    /// Respondent means or role-balanced means.
    pub unit_of_analysis: UnitOfAnalysis,
    /// Share of a category's items a respondent must answer for a category score.
    pub min_items_fraction: f64,
    /// Share of the questionnaire a respondent must answer to be included at all.
    pub min_questionnaire_fraction: f64,
    /// Anonymity threshold k: no statistic for a group with fewer respondents. Never below 3.
    pub min_group_size: u32,
    /// Confidence level of every interval.
    pub ci_level: f64,
    /// Quadrant cut-off.
    pub quadrant_cut: QuadrantCut,
    /// Absolute target level used for gaps in strengths/weaknesses.
    pub target: f64,
    /// Complete cases needed for Cronbach's alpha.
    pub min_alpha_cases: u32,
}

impl Default for Aggregation {
    fn default() -> Self {
        Aggregation {
            unit_of_analysis: UnitOfAnalysis::Respondent,
            min_items_fraction: 0.6,
            min_questionnaire_fraction: 0.5,
            min_group_size: 5,
            ci_level: 0.95,
            quadrant_cut: QuadrantCut::Fixed { value: 50.0 },
            target: 75.0,
            min_alpha_cases: 30,
        }
    }
}

/// Which axis of the 2×2 chart a dimension is drawn on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Axis {
    /// Horizontal.
    X,
    /// Vertical.
    Y,
}

/// Low or high side of the quadrant cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Below the cut.
    Low,
    /// At or above the cut.
    High,
}

/// A dimension (e.g. digital capability) with its categories.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dimension {
    /// Stable id.
    pub id: String,
    /// Axis in the quadrant chart, if any.
    pub axis: Option<Axis>,
    /// Weight in the overall index.
    pub weight: f64,
    /// Display name.
    pub name: Label,
    /// Indexes into [`Model::categories`].
    pub categories: Vec<usize>,
}

/// A category of items; the unit of reporting, reliability and action planning.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Category {
    /// Stable id.
    pub id: String,
    /// Index into [`Model::dimensions`].
    pub dimension: usize,
    /// Weight within its dimension.
    pub weight: f64,
    /// Display name.
    pub name: Label,
    /// Indexes into [`Model::questions`], in model order.
    pub items: Vec<usize>,
}

/// Texts at the two ends of a differential scale ("from current state to goal").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchors {
    /// The low end (current state).
    pub low: Label,
    /// The high end (goal).
    pub high: Label,
}

/// One question: a scored item in a category, or the outcome question used for importance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// Stable id used as the column header in answer files.
    pub id: String,
    /// Index into [`Model::categories`]; `None` for the outcome question.
    pub category: Option<usize>,
    /// Question text.
    pub text: Label,
    /// Scored as `100 - s` when true.
    pub reverse: bool,
    /// Weight within its category.
    pub weight: f64,
    /// Roles the question is shown to; `None` means all roles.
    pub roles: Option<Vec<usize>>,
    /// Optional third level ("förmåga"/factor).
    pub factor: Option<String>,
    /// Index into [`Model::scales`].
    pub scale: usize,
    /// Anchor texts for differential scales.
    pub anchors: Option<Anchors>,
}

impl Question {
    /// True if a respondent with `role` is asked this question.
    pub fn applies_to(&self, role: Option<usize>) -> bool {
        match (&self.roles, role) {
            (None, _) => true,
            (Some(rs), Some(r)) => rs.contains(&r),
            (Some(_), None) => true,
        }
    }
}

/// A cross-cutting group of items reported on its own (e.g. one of DIGG's 13 principles).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Theme {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: Label,
    /// Indexes into [`Model::questions`].
    pub items: Vec<usize>,
}

/// One of the four organisation types of the 2×2 chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quadrant {
    /// Stable id (e.g. `A`).
    pub id: String,
    /// Side of the x-axis cut.
    pub x: Level,
    /// Side of the y-axis cut.
    pub y: Level,
    /// Display name.
    pub name: Label,
    /// General advice for organisations of this type.
    pub advice: Label,
}

/// A recommendation tied to a category, used to draft action plans.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    /// Stable id.
    pub id: String,
    /// Index into [`Model::categories`].
    pub category: usize,
    /// Short title (the action).
    pub title: Label,
    /// Longer explanation.
    pub text: Label,
}

/// A validated maturity model. Build it with [`Model::from_toml`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Model {
    /// Stable model id, e.g. `dmos-open`.
    pub id: String,
    /// Semantic version; MAJOR changes when a category's item set changes.
    pub version: String,
    /// Languages every label must exist in.
    pub languages: Vec<Lang>,
    /// Licence of the model text.
    pub license: String,
    /// Model name.
    pub name: Label,
    /// Short description.
    pub description: Label,
    /// Scales; index 0 is the default `[scale]`.
    pub scales: Vec<Scale>,
    /// Respondent roles in display order.
    pub roles: Vec<Role>,
    /// Aggregation and disclosure settings.
    pub aggregation: Aggregation,
    /// Dimensions in display order.
    pub dimensions: Vec<Dimension>,
    /// Categories in display order (dimension by dimension).
    pub categories: Vec<Category>,
    /// Every question: the items in model order, then the outcome question if any.
    pub questions: Vec<Question>,
    /// Index of the outcome question, if the model has one.
    pub outcome: Option<usize>,
    /// Cross-cutting themes.
    pub themes: Vec<Theme>,
    /// Quadrant definitions (empty, or exactly four).
    pub quadrants: Vec<Quadrant>,
    /// Recommendations per category.
    pub recommendations: Vec<Recommendation>,
}

impl Model {
    /// Parses and validates a model. `origin` names the source in error messages.
    pub fn from_toml(text: &str, origin: &str) -> Result<Model, ModelError> {
        let raw: RawModel = toml::from_str(text).map_err(|e| ModelError::Syntax {
            origin: origin.to_owned(),
            message: e.to_string().trim_end().to_owned(),
        })?;
        build(raw).map_err(|problems| ModelError::Invalid {
            origin: origin.to_owned(),
            problems,
        })
    }

    /// The question with this id.
    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    /// The role with this id or label (either language).
    pub fn role_index(&self, text: &str) -> Option<usize> {
        let t = text.trim();
        self.roles
            .iter()
            .position(|r| r.id == t || r.name.matches(t))
            .or_else(|| {
                let lower = t.to_lowercase();
                self.roles.iter().position(|r| {
                    r.id.to_lowercase() == lower
                        || [&r.name.sv, &r.name.en].iter().any(|l| {
                            l.as_deref()
                                .is_some_and(|s| s.trim().to_lowercase() == lower)
                        })
                })
            })
    }

    /// The dimension drawn on `axis`, if any.
    pub fn axis_dimension(&self, axis: Axis) -> Option<usize> {
        self.dimensions.iter().position(|d| d.axis == Some(axis))
    }

    /// The scale of question `q`.
    pub fn scale_of(&self, q: usize) -> &Scale {
        &self.scales[self.questions[q].scale]
    }

    /// Number of scored items (questions in a category).
    pub fn item_count(&self) -> usize {
        self.questions
            .iter()
            .filter(|q| q.category.is_some())
            .count()
    }

    /// The quadrant for the given sides, if the model defines quadrants.
    pub fn quadrant(&self, x: Level, y: Level) -> Option<&Quadrant> {
        self.quadrants.iter().find(|q| q.x == x && q.y == y)
    }
}

// ---------------------------------------------------------------------------------------------
// Raw file shape

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModel {
    model: RawMeta,
    scale: RawScale,
    #[serde(default)]
    scales: BTreeMap<String, RawScale>,
    #[serde(default, rename = "role")]
    roles: Vec<RawRole>,
    #[serde(default)]
    aggregation: Aggregation,
    #[serde(default, rename = "dimension")]
    dimensions: Vec<RawDimension>,
    #[serde(default, rename = "item")]
    items: Vec<RawItem>,
    outcome: Option<RawOutcome>,
    #[serde(default, rename = "theme")]
    themes: Vec<RawTheme>,
    #[serde(default, rename = "quadrant")]
    quadrants: Vec<RawQuadrant>,
    #[serde(default, rename = "recommendation")]
    recommendations: Vec<RawRecommendation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    id: String,
    version: String,
    #[serde(default = "default_languages")]
    languages: Vec<Lang>,
    #[serde(default)]
    license: String,
    name: Label,
    #[serde(default)]
    description: Label,
}

fn default_languages() -> Vec<Lang> {
    vec![Lang::Sv]
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    #[serde(default = "default_kind")]
    kind: ScaleKind,
    min: i32,
    max: i32,
    #[serde(default)]
    labels: RawScaleLabels,
    #[serde(default = "default_missing")]
    missing_codes: Vec<MissingCode>,
}

fn default_kind() -> ScaleKind {
    ScaleKind::Likert
}

fn default_missing() -> Vec<MissingCode> {
    MissingCode::ALL.to_vec()
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScaleLabels {
    #[serde(default)]
    sv: Vec<String>,
    #[serde(default)]
    en: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    id: String,
    name: Label,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDimension {
    id: String,
    #[serde(default)]
    axis: Option<Axis>,
    #[serde(default = "one")]
    weight: f64,
    name: Label,
    categories: Vec<RawCategory>,
}

fn one() -> f64 {
    1.0
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    id: String,
    #[serde(default = "one")]
    weight: f64,
    name: Label,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: String,
    category: String,
    text: Label,
    #[serde(default)]
    reverse: bool,
    #[serde(default = "one")]
    weight: f64,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    factor: Option<String>,
    #[serde(default)]
    scale: Option<String>,
    #[serde(default)]
    anchors: Option<Anchors>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutcome {
    id: String,
    text: Label,
    #[serde(default)]
    scale: Option<String>,
    #[serde(default)]
    anchors: Option<Anchors>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    id: String,
    name: Label,
    items: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuadrant {
    id: String,
    x: Level,
    y: Level,
    name: Label,
    #[serde(default)]
    advice: Label,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecommendation {
    id: String,
    category: String,
    title: Label,
    #[serde(default)]
    text: Label,
}

// ---------------------------------------------------------------------------------------------
// Validation

struct Checker {
    languages: Vec<Lang>,
    problems: Vec<ModelProblem>,
}

impl Checker {
    fn fail(&mut self, place: impl Into<String>, reason: impl Into<String>) {
        self.problems.push(ModelProblem {
            place: place.into(),
            reason: reason.into(),
        });
    }

    fn label(&mut self, place: &str, label: &Label, required: bool) {
        if !required && label.sv.is_none() && label.en.is_none() {
            return;
        }
        for lang in self.languages.clone() {
            if label.exact(lang).is_none() {
                let code = lang.pick("sv", "en");
                self.fail(place, format!("missing text in language `{code}`"));
            }
        }
    }

    fn weight(&mut self, place: &str, w: f64) {
        if !(w.is_finite() && w > 0.0) {
            self.fail(place, format!("weight must be a positive number, got {w}"));
        }
    }

    fn id(&mut self, place: &str, id: &str, seen: &mut HashSet<String>) {
        if id.trim().is_empty() || id.trim() != id || id.contains(['/', ',', ';', '\t', '\n']) {
            self.fail(
                place,
                format!("id `{id}` must be non-empty without spaces at the ends or / , ; tab"),
            );
        }
        if !seen.insert(id.to_owned()) {
            self.fail(place, format!("duplicate id `{id}`"));
        }
    }
}

fn build_scale(c: &mut Checker, id: &str, raw: RawScale) -> Scale {
    let place = if id == "default" {
        "scale".to_owned()
    } else {
        format!("scales.{id}")
    };
    if raw.min >= raw.max {
        c.fail(
            &place,
            format!("min ({}) must be less than max ({})", raw.min, raw.max),
        );
    } else if raw.max - raw.min > 100 {
        c.fail(&place, "a scale may have at most 101 points");
    }
    let points = (raw.max - raw.min + 1).max(0) as usize;
    for (code, labels) in [("sv", &raw.labels.sv), ("en", &raw.labels.en)] {
        if !labels.is_empty() && labels.len() != points {
            c.fail(
                format!("{place}.labels.{code}"),
                format!(
                    "has {} labels but the scale has {points} points",
                    labels.len()
                ),
            );
        }
    }
    let mut seen = HashSet::new();
    for m in &raw.missing_codes {
        if !seen.insert(*m) {
            c.fail(
                format!("{place}.missing_codes"),
                format!("`{}` listed twice", m.code()),
            );
        }
    }
    Scale {
        id: id.to_owned(),
        kind: raw.kind,
        min: raw.min,
        max: raw.max,
        labels_sv: raw.labels.sv,
        labels_en: raw.labels.en,
        missing_codes: raw.missing_codes,
    }
}

fn build(raw: RawModel) -> Result<Model, Vec<ModelProblem>> {
    let mut c = Checker {
        languages: raw.model.languages.clone(),
        problems: Vec::new(),
    };
    let meta = raw.model;
    if meta.id.trim().is_empty() {
        c.fail("model.id", "must not be empty");
    }
    let parts: Vec<&str> = meta.version.split('.').collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        c.fail(
            "model.version",
            format!("`{}` is not a MAJOR.MINOR.PATCH version", meta.version),
        );
    }
    if meta.languages.is_empty() {
        c.fail("model.languages", "must list at least one language");
    }
    if !meta.languages.contains(&Lang::Sv) {
        c.fail(
            "model.languages",
            "Swedish (`sv`) is required: it is the default UI language",
        );
    }
    c.label("model.name", &meta.name, true);
    c.label("model.description", &meta.description, false);

    // Scales
    let mut scales = vec![build_scale(&mut c, "default", raw.scale)];
    for (id, s) in raw.scales {
        if id == "default" {
            c.fail("scales.default", "`default` is reserved for [scale]");
        }
        let s = build_scale(&mut c, &id, s);
        scales.push(s);
    }
    let scale_index = |name: &Option<String>| -> Result<usize, String> {
        match name {
            None => Ok(0),
            Some(n) => scales
                .iter()
                .position(|s| &s.id == n)
                .ok_or_else(|| format!("unknown scale `{n}` (define it under [scales.{n}])")),
        }
    };

    // Roles
    let mut seen_roles = HashSet::new();
    for (i, r) in raw.roles.iter().enumerate() {
        let place = format!("role[{i}] ({})", r.id);
        c.id(&place, &r.id, &mut seen_roles);
        c.label(&format!("{place}.name"), &r.name, true);
    }
    let roles: Vec<Role> = raw
        .roles
        .into_iter()
        .map(|r| Role {
            id: r.id,
            name: r.name,
        })
        .collect();

    // Aggregation
    let a = &raw.aggregation;
    if !(a.min_items_fraction > 0.0 && a.min_items_fraction <= 1.0) {
        c.fail("aggregation.min_items_fraction", "must be in (0, 1]");
    }
    if !(a.min_questionnaire_fraction >= 0.0 && a.min_questionnaire_fraction <= 1.0) {
        c.fail(
            "aggregation.min_questionnaire_fraction",
            "must be in [0, 1]",
        );
    }
    if a.min_group_size < 3 {
        c.fail(
            "aggregation.min_group_size",
            "the anonymity threshold k must be at least 3",
        );
    }
    if !(a.ci_level > 0.5 && a.ci_level < 1.0) {
        c.fail(
            "aggregation.ci_level",
            "must be between 0.5 and 1 (e.g. 0.95)",
        );
    }
    let cut = a.quadrant_cut.value();
    if !(0.0..=100.0).contains(&cut) {
        c.fail(
            "aggregation.quadrant_cut.value",
            "must be between 0 and 100",
        );
    }
    if !(0.0..=100.0).contains(&a.target) {
        c.fail("aggregation.target", "must be between 0 and 100");
    }
    if a.min_alpha_cases < 3 {
        c.fail("aggregation.min_alpha_cases", "must be at least 3");
    }

    // Dimensions and categories
    let mut seen_dims = HashSet::new();
    let mut seen_cats = HashSet::new();
    let mut dimensions = Vec::new();
    let mut categories: Vec<Category> = Vec::new();
    let mut axes: HashMap<Axis, usize> = HashMap::new();
    if raw.dimensions.is_empty() {
        c.fail("dimension", "a model needs at least one [[dimension]]");
    }
    for (di, d) in raw.dimensions.into_iter().enumerate() {
        let place = format!("dimension[{di}] ({})", d.id);
        c.id(&place, &d.id, &mut seen_dims);
        c.weight(&format!("{place}.weight"), d.weight);
        c.label(&format!("{place}.name"), &d.name, true);
        if let Some(axis) = d.axis
            && axes.insert(axis, di).is_some()
        {
            c.fail(format!("{place}.axis"), "two dimensions on the same axis");
        }
        if d.categories.is_empty() {
            c.fail(
                format!("{place}.categories"),
                "a dimension needs at least one category",
            );
        }
        let mut cats = Vec::new();
        for (ci, cat) in d.categories.into_iter().enumerate() {
            let cplace = format!("{place}.categories[{ci}] ({})", cat.id);
            c.id(&cplace, &cat.id, &mut seen_cats);
            c.weight(&format!("{cplace}.weight"), cat.weight);
            c.label(&format!("{cplace}.name"), &cat.name, true);
            cats.push(categories.len());
            categories.push(Category {
                id: cat.id,
                dimension: di,
                weight: cat.weight,
                name: cat.name,
                items: Vec::new(),
            });
        }
        dimensions.push(Dimension {
            id: d.id,
            axis: d.axis,
            weight: d.weight,
            name: d.name,
            categories: cats,
        });
    }

    // Items
    let mut seen_q = HashSet::new();
    let mut questions = Vec::new();
    for (ii, it) in raw.items.into_iter().enumerate() {
        let place = format!("item[{ii}] ({})", it.id);
        c.id(&place, &it.id, &mut seen_q);
        c.weight(&format!("{place}.weight"), it.weight);
        c.label(&format!("{place}.text"), &it.text, true);
        let category = categories.iter().position(|k| k.id == it.category);
        if category.is_none() {
            c.fail(
                format!("{place}.category"),
                format!("unknown category `{}`", it.category),
            );
        }
        let scale = scale_index(&it.scale).unwrap_or_else(|e| {
            c.fail(format!("{place}.scale"), e);
            0
        });
        let roles = if it.roles.is_empty() || it.roles.iter().any(|r| r == "*") {
            if it.roles.len() > 1 {
                c.fail(
                    format!("{place}.roles"),
                    "`*` (all roles) cannot be combined with named roles",
                );
            }
            None
        } else {
            let mut idx = Vec::new();
            for r in &it.roles {
                match roles.iter().position(|x| &x.id == r) {
                    Some(i) => idx.push(i),
                    None => c.fail(format!("{place}.roles"), format!("unknown role `{r}`")),
                }
            }
            Some(idx)
        };
        check_anchors(&mut c, &place, &it.anchors, scales.get(scale));
        if let Some(ci) = category {
            categories[ci].items.push(questions.len());
        }
        questions.push(Question {
            id: it.id,
            category,
            text: it.text,
            reverse: it.reverse,
            weight: it.weight,
            roles,
            factor: it.factor,
            scale,
            anchors: it.anchors,
        });
    }
    let mut outcome = None;
    if let Some(o) = raw.outcome {
        let place = format!("outcome ({})", o.id);
        c.id(&place, &o.id, &mut seen_q);
        c.label(&format!("{place}.text"), &o.text, true);
        let scale = scale_index(&o.scale).unwrap_or_else(|e| {
            c.fail(format!("{place}.scale"), e);
            0
        });
        check_anchors(&mut c, &place, &o.anchors, scales.get(scale));
        outcome = Some(questions.len());
        questions.push(Question {
            id: o.id,
            category: None,
            text: o.text,
            reverse: false,
            weight: 1.0,
            roles: None,
            factor: None,
            scale,
            anchors: o.anchors,
        });
    }
    for (ci, cat) in categories.iter().enumerate() {
        if cat.items.len() < 3 {
            c.fail(
                format!("category `{}`", cat.id),
                format!(
                    "has {} item(s); every category needs at least 3 (otherwise Cronbach's alpha is meaningless)",
                    cat.items.len()
                ),
            );
        }
        let _ = ci;
    }

    // Themes
    let mut seen_themes = HashSet::new();
    let mut themes = Vec::new();
    for (ti, t) in raw.themes.into_iter().enumerate() {
        let place = format!("theme[{ti}] ({})", t.id);
        c.id(&place, &t.id, &mut seen_themes);
        c.label(&format!("{place}.name"), &t.name, true);
        let mut items = Vec::new();
        for id in &t.items {
            match questions
                .iter()
                .position(|q| &q.id == id && q.category.is_some())
            {
                Some(q) if items.contains(&q) => c.fail(
                    format!("{place}.items"),
                    format!("item `{id}` listed twice"),
                ),
                Some(q) => items.push(q),
                None => c.fail(format!("{place}.items"), format!("unknown item `{id}`")),
            }
        }
        if t.items.is_empty() {
            c.fail(format!("{place}.items"), "a theme needs at least one item");
        }
        themes.push(Theme {
            id: t.id,
            name: t.name,
            items,
        });
    }

    // Quadrants
    let mut seen_quads = HashSet::new();
    let mut quadrants = Vec::new();
    if !raw.quadrants.is_empty() {
        if !(axes.contains_key(&Axis::X) && axes.contains_key(&Axis::Y)) {
            c.fail(
                "quadrant",
                "quadrants need one dimension with axis = \"x\" and one with axis = \"y\"",
            );
        }
        if raw.quadrants.len() != 4 {
            c.fail(
                "quadrant",
                format!(
                    "exactly 4 quadrants are needed, found {}",
                    raw.quadrants.len()
                ),
            );
        }
    }
    for (qi, q) in raw.quadrants.into_iter().enumerate() {
        let place = format!("quadrant[{qi}] ({})", q.id);
        c.id(&place, &q.id, &mut seen_quads);
        c.label(&format!("{place}.name"), &q.name, true);
        c.label(&format!("{place}.advice"), &q.advice, false);
        if quadrants
            .iter()
            .any(|o: &Quadrant| o.x == q.x && o.y == q.y)
        {
            c.fail(
                &place,
                "another quadrant already covers this combination of x and y",
            );
        }
        quadrants.push(Quadrant {
            id: q.id,
            x: q.x,
            y: q.y,
            name: q.name,
            advice: q.advice,
        });
    }

    // Recommendations
    let mut seen_recs = HashSet::new();
    let mut recommendations = Vec::new();
    for (ri, r) in raw.recommendations.into_iter().enumerate() {
        let place = format!("recommendation[{ri}] ({})", r.id);
        c.id(&place, &r.id, &mut seen_recs);
        c.label(&format!("{place}.title"), &r.title, true);
        c.label(&format!("{place}.text"), &r.text, false);
        match categories.iter().position(|k| k.id == r.category) {
            Some(category) => recommendations.push(Recommendation {
                id: r.id,
                category,
                title: r.title,
                text: r.text,
            }),
            None => c.fail(
                format!("{place}.category"),
                format!("unknown category `{}`", r.category),
            ),
        }
    }
    for cat in categories.iter().enumerate() {
        if !recommendations.iter().any(|r| r.category == cat.0) {
            c.fail(
                format!("category `{}`", cat.1.id),
                "has no [[recommendation]]; every category needs at least one for action plans",
            );
        }
    }

    if !c.problems.is_empty() {
        return Err(c.problems);
    }
    Ok(Model {
        id: meta.id,
        version: meta.version,
        languages: meta.languages,
        license: meta.license,
        name: meta.name,
        description: meta.description,
        scales,
        roles,
        aggregation: raw.aggregation,
        dimensions,
        categories,
        questions,
        outcome,
        themes,
        quadrants,
        recommendations,
    })
}

fn check_anchors(c: &mut Checker, place: &str, anchors: &Option<Anchors>, scale: Option<&Scale>) {
    if let Some(a) = anchors {
        c.label(&format!("{place}.anchors.low"), &a.low, true);
        c.label(&format!("{place}.anchors.high"), &a.high, true);
    } else if scale.is_some_and(|s| s.kind == ScaleKind::Differential) {
        c.fail(
            format!("{place}.anchors"),
            "a question on a differential scale needs anchors",
        );
    }
}

#[cfg(test)]
pub(crate) mod tests_support {
    use super::Model;

    /// A three-item model used by unit tests across the crate.
    pub(crate) const SMALL: &str = r#"
[model]
id = "tiny"
version = "1.0.0"
languages = ["sv", "en"]
name = { sv = "Liten", en = "Tiny" }

[scale]
min = 1
max = 5

[[role]]
id = "manager"
name = { sv = "Chef", en = "Manager" }

[[dimension]]
id = "cap"
axis = "x"
name = { sv = "Förmåga", en = "Capability" }
categories = [{ id = "c1", name = { sv = "K1", en = "C1" } }]

[[item]]
id = "A"
category = "c1"
text = { sv = "a", en = "a" }
[[item]]
id = "B"
category = "c1"
text = { sv = "b", en = "b" }
[[item]]
id = "C"
category = "c1"
reverse = true
text = { sv = "c", en = "c" }

[[recommendation]]
id = "R1"
category = "c1"
title = { sv = "Gör något", en = "Do something" }
"#;

    pub(crate) fn small_model() -> Model {
        match Model::from_toml(SMALL, "tiny.toml") {
            Ok(m) => m,
            Err(e) => panic!("{e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::SMALL;
    use super::*;

    #[test]
    fn loads_a_small_model() {
        let m = Model::from_toml(SMALL, "tiny.toml").expect("valid");
        assert_eq!(m.categories[0].items, vec![0, 1, 2]);
        assert!(m.questions[2].reverse);
        assert_eq!(m.scales[0].rescale(4), 75.0);
    }

    #[test]
    fn reports_every_problem_with_its_place() {
        let bad = SMALL
            .replace(
                "category = \"c1\"\ntext = { sv = \"b\"",
                "category = \"nope\"\ntext = { sv = \"b\"",
            )
            .replace(
                "text = { sv = \"c\", en = \"c\" }",
                "text = { sv = \"c\" }\nweight = 0.0",
            );
        let err = Model::from_toml(&bad, "bad.toml").expect_err("invalid");
        let msg = err.to_string();
        assert!(
            msg.contains("item[1] (B).category: unknown category `nope`"),
            "{msg}"
        );
        assert!(
            msg.contains("item[2] (C).text: missing text in language `en`"),
            "{msg}"
        );
        assert!(
            msg.contains("item[2] (C).weight: weight must be a positive number"),
            "{msg}"
        );
        assert!(msg.contains("category `c1`: has 2 item(s)"), "{msg}");
        match err {
            ModelError::Invalid { problems, .. } => assert_eq!(problems.len(), 4),
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn syntax_errors_name_the_file() {
        let err = Model::from_toml("[model]\nid = 3", "x.toml").expect_err("bad");
        assert!(
            err.to_string()
                .starts_with("x.toml: not a valid model file"),
            "{err}"
        );
    }

    #[test]
    fn k_below_three_is_refused() {
        let m = format!("{SMALL}\n[aggregation]\nmin_group_size = 2\n");
        let err = Model::from_toml(&m, "k.toml").expect_err("k too small");
        assert!(err.to_string().contains("at least 3"), "{err}");
    }

    #[test]
    fn missing_codes_parse_from_labels() {
        assert_eq!(MissingCode::parse("Vet ej"), Some(MissingCode::DontKnow));
        assert_eq!(
            MissingCode::parse("not_applicable"),
            Some(MissingCode::NotApplicable)
        );
        assert_eq!(
            MissingCode::parse("don't know"),
            Some(MissingCode::DontKnow)
        );
        assert_eq!(MissingCode::parse("3"), None);
    }
}
