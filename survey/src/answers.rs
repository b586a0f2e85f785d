//! Answers: one row per respondent, read from any table of cells (spreadsheet or CSV).
//!
//! [`AnswerSet::read_table`] matches columns to questions by id or by exact question text,
//! recognises respondent, unit, role and wave columns, and turns every cell into an [`Answer`].
//! It never stops at the first problem: every bad cell is reported as a [`TableProblem`] with its
//! row and column, and callers must not score a set that produced problems ("nothing partial is
//! scored"). The I/O layer (`digilyft-core`) turns rows and columns into sheet and cell names.

use std::collections::HashMap;
use std::fmt;

use crate::label::Lang;
use crate::model::{MissingCode, Model};

/// One answer to one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Answer {
    /// Not answered (empty cell, or the question was not in the form).
    #[default]
    Blank,
    /// A deliberate non-answer such as "Vet ej". Never scored.
    Missing(MissingCode),
    /// A point on the question's scale.
    Point(i16),
}

/// One respondent's row.
#[derive(Debug, Clone, PartialEq)]
pub struct Respondent {
    /// The respondent id from the file (or `file:row` when the file has none).
    pub id: String,
    /// Index into [`AnswerSet::units`].
    pub unit: usize,
    /// Index into [`Model::roles`], if given.
    pub role: Option<usize>,
    /// Index into [`AnswerSet::waves`].
    pub wave: usize,
    /// One answer per [`Model::questions`] entry.
    pub answers: Box<[Answer]>,
}

/// A cell as read from a spreadsheet or CSV file.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in the cell.
    Empty,
    /// Text (CSV cells are always text).
    Text(String),
    /// A number.
    Number(f64),
}

impl Cell {
    fn text(&self) -> Option<String> {
        match self {
            Cell::Empty => None,
            Cell::Text(t) if t.trim().is_empty() => None,
            Cell::Text(t) => Some(t.trim().to_owned()),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
            Cell::Number(n) => Some(n.to_string()),
        }
    }
}

/// A problem in one cell, row or column of an answer table (0-based positions in the table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableProblem {
    /// Row (0 = header row).
    pub row: usize,
    /// Column, when the problem is about one cell or column.
    pub col: Option<usize>,
    /// What is wrong, in English.
    pub reason: String,
}

impl fmt::Display for TableProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.col {
            Some(c) => write!(f, "row {}, column {}: {}", self.row + 1, c + 1, self.reason),
            None => write!(f, "row {}: {}", self.row + 1, self.reason),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    Respondent,
    Unit,
    Role,
    Wave,
    Ignored,
    Question(usize),
}

const RESPONDENT: &[&str] = &[
    "respondent",
    "respondent_id",
    "respondent id",
    "respondent-id",
    "id",
    "svars-id",
    "svarsid",
    "response id",
];
const UNIT: &[&str] = &["unit", "enhet", "organisationsenhet", "org_unit"];
const ROLE: &[&str] = &["role", "roll"];
const WAVE: &[&str] = &["wave", "omgång", "mätomgång", "år", "year"];
const IGNORED: &[&str] = &[
    "timestamp",
    "tidsstämpel",
    "tidstämpel",
    "submitted",
    "start time",
    "completion time",
    "starttid",
    "sluttid",
    "last modified time",
    "senast ändrad",
    // Form tools export who answered; identities are never read (anonymity).
    "email",
    "e-post",
    "e-postadress",
    "name",
    "namn",
];

/// Every respondent of one assessment, possibly from several files and waves.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AnswerSet {
    /// Distinct unit paths (org-tree nodes) respondents belong to; `[]` is the organisation itself.
    pub units: Vec<Vec<String>>,
    /// Distinct wave labels in first-seen order.
    pub waves: Vec<String>,
    /// The respondents.
    pub respondents: Vec<Respondent>,
    unit_index: HashMap<Vec<String>, usize>,
    seen: HashMap<(usize, String), String>,
}

impl AnswerSet {
    /// An empty set.
    pub fn new() -> AnswerSet {
        AnswerSet::default()
    }

    /// Interns a unit path written `A/B/C` (blank = the organisation itself).
    pub fn unit(&mut self, path: &str) -> usize {
        let parts: Vec<String> = path
            .split('/')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        if let Some(&i) = self.unit_index.get(&parts) {
            return i;
        }
        self.units.push(parts.clone());
        self.unit_index.insert(parts, self.units.len() - 1);
        self.units.len() - 1
    }

    /// Interns a wave label.
    pub fn wave(&mut self, label: &str) -> usize {
        let l = label.trim();
        if let Some(i) = self.waves.iter().position(|w| w == l) {
            return i;
        }
        self.waves.push(l.to_owned());
        self.waves.len() - 1
    }

    /// Adds a respondent built in code (tests, generators). Duplicate ids within a wave are
    /// refused with the location of the first occurrence.
    pub fn push(&mut self, r: Respondent, place: &str) -> Result<(), String> {
        if let Some(first) = self.seen.get(&(r.wave, r.id.clone())) {
            return Err(format!(
                "duplicate respondent id `{}` in wave {} (first seen at {first})",
                r.id, self.waves[r.wave]
            ));
        }
        self.seen.insert((r.wave, r.id.clone()), place.to_owned());
        self.respondents.push(r);
        Ok(())
    }

    /// Reads one table (header row first) into the set. `source` names the file and sheet in
    /// messages about duplicates; `default_wave` is used when the table has no wave column or
    /// the cell is empty. Returns every problem found; when the list is not empty the rows of
    /// this table that had problems were not added and the set must not be scored.
    pub fn read_table(
        &mut self,
        model: &Model,
        rows: &[Vec<Cell>],
        source: &str,
        default_wave: &str,
    ) -> Vec<TableProblem> {
        let mut problems = Vec::new();
        let Some(header) = rows.first() else {
            problems.push(TableProblem {
                row: 0,
                col: None,
                reason: "the table is empty".into(),
            });
            return problems;
        };
        let columns = match_header(model, rows, &mut problems);
        let _ = header;
        if !columns
            .iter()
            .any(|c| matches!(c, Some(Column::Question(_))))
        {
            problems.push(TableProblem {
                row: 0,
                col: None,
                reason: "no column matches a question of the model (by id or exact question text)"
                    .into(),
            });
        }
        let choices = |q: usize| -> String {
            let s = model.scale_of(q);
            let mut v = vec![format!("{}–{}", s.min, s.max)];
            v.extend(s.missing_codes.iter().map(|m| m.label(Lang::Sv).to_owned()));
            v.join(", ")
        };
        for (ri, row) in rows.iter().enumerate().skip(1) {
            if row.iter().all(|c| c.text().is_none()) {
                continue;
            }
            let before = problems.len();
            let mut id = None;
            let mut unit = String::new();
            let mut role = None;
            let mut wave = default_wave.to_owned();
            let mut answers = vec![Answer::Blank; model.questions.len()];
            let mut answered_cols = Vec::new();
            for (ci, col) in columns.iter().enumerate() {
                let Some(col) = col else { continue };
                let cell = row.get(ci).unwrap_or(&Cell::Empty);
                let fail = |problems: &mut Vec<TableProblem>, reason: String| {
                    problems.push(TableProblem {
                        row: ri,
                        col: Some(ci),
                        reason,
                    })
                };
                match *col {
                    Column::Respondent => match cell.text() {
                        Some(t) => id = Some(t),
                        None => fail(&mut problems, "missing respondent id".into()),
                    },
                    Column::Unit => unit = cell.text().unwrap_or_default(),
                    Column::Role => {
                        if let Some(t) = cell.text() {
                            match model.role_index(&t) {
                                Some(r) => role = Some(r),
                                None => {
                                    let known: Vec<&str> =
                                        model.roles.iter().map(|r| r.id.as_str()).collect();
                                    fail(
                                        &mut problems,
                                        format!(
                                            "unknown role `{t}` (expected one of: {})",
                                            known.join(", ")
                                        ),
                                    )
                                }
                            }
                        }
                    }
                    Column::Wave => {
                        if let Some(t) = cell.text() {
                            wave = t;
                        }
                    }
                    Column::Ignored => {}
                    Column::Question(q) => match parse_answer(model, q, cell) {
                        Ok(a) => {
                            if a != Answer::Blank {
                                answered_cols.push((ci, q));
                            }
                            answers[q] = a;
                        }
                        Err(reason) => {
                            fail(&mut problems, format!("{reason} (allowed: {})", choices(q)))
                        }
                    },
                }
            }
            for (ci, q) in answered_cols {
                if !model.questions[q].applies_to(role) {
                    let r = role.map(|r| model.roles[r].id.as_str()).unwrap_or("");
                    problems.push(TableProblem {
                        row: ri,
                        col: Some(ci),
                        reason: format!(
                            "question `{}` is not asked of role `{r}`",
                            model.questions[q].id
                        ),
                    });
                }
            }
            let id_col = columns.iter().position(|c| *c == Some(Column::Respondent));
            let wave_ix = self.wave(&wave);
            if let Some(first) = id
                .as_ref()
                .and_then(|id| self.seen.get(&(wave_ix, id.clone())))
            {
                problems.push(TableProblem {
                    row: ri,
                    col: id_col,
                    reason: format!(
                        "duplicate respondent id `{}` in wave {wave} (first seen at {first})",
                        id.as_deref().unwrap_or("")
                    ),
                });
            }
            if problems.len() > before {
                continue;
            }
            let id = id.unwrap_or_else(|| format!("{source}:{}", ri + 1));
            let unit_ix = self.unit(&unit);
            let respondent = Respondent {
                id,
                unit: unit_ix,
                role,
                wave: wave_ix,
                answers: answers.into(),
            };
            let place = format!("{source} row {}", ri + 1);
            if let Err(reason) = self.push(respondent, &place) {
                problems.push(TableProblem {
                    row: ri,
                    col: id_col,
                    reason,
                });
            }
        }
        problems
    }
}

fn match_header(
    model: &Model,
    rows: &[Vec<Cell>],
    problems: &mut Vec<TableProblem>,
) -> Vec<Option<Column>> {
    let header = &rows[0];
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut columns = Vec::with_capacity(width);
    let mut taken: HashMap<Column, usize> = HashMap::new();
    for ci in 0..width {
        let name = header.get(ci).and_then(Cell::text);
        let Some(name) = name else {
            let has_data = rows
                .iter()
                .skip(1)
                .any(|r| r.get(ci).and_then(Cell::text).is_some());
            if has_data {
                problems.push(TableProblem {
                    row: 0,
                    col: Some(ci),
                    reason: "column has answers but no header".into(),
                });
            }
            columns.push(None);
            continue;
        };
        let lower = name.to_lowercase();
        let col = if RESPONDENT.contains(&lower.as_str()) {
            Some(Column::Respondent)
        } else if UNIT.contains(&lower.as_str()) {
            Some(Column::Unit)
        } else if ROLE.contains(&lower.as_str()) {
            Some(Column::Role)
        } else if WAVE.contains(&lower.as_str()) {
            Some(Column::Wave)
        } else if IGNORED.contains(&lower.as_str()) {
            Some(Column::Ignored)
        } else {
            model
                .questions
                .iter()
                .position(|q| q.id == name)
                .or_else(|| {
                    model
                        .questions
                        .iter()
                        .position(|q| q.id.to_lowercase() == lower)
                })
                .or_else(|| model.questions.iter().position(|q| q.text.matches(&name)))
                .map(Column::Question)
        };
        match col {
            None => problems.push(TableProblem {
                row: 0,
                col: Some(ci),
                reason: format!(
                    "unknown column `{name}`: not a question id or exact question text of model `{}`, nor respondent/unit/role/wave",
                    model.id
                ),
            }),
            Some(Column::Ignored) => {}
            Some(c) => {
                if let Some(first) = taken.insert(c, ci) {
                    problems.push(TableProblem {
                        row: 0,
                        col: Some(ci),
                        reason: format!("column `{name}` repeats column {}", first + 1),
                    });
                }
            }
        }
        columns.push(col);
    }
    columns
}

/// Interprets one cell for question `q`.
fn parse_answer(model: &Model, q: usize, cell: &Cell) -> Result<Answer, String> {
    let scale = model.scale_of(q);
    let point = |v: f64| -> Result<Answer, String> {
        if v.fract() != 0.0 {
            return Err(format!("value {v} is not a point on the scale"));
        }
        if v < f64::from(scale.min) || v > f64::from(scale.max) {
            return Err(format!(
                "value {v} is outside the scale {}–{}",
                scale.min, scale.max
            ));
        }
        Ok(Answer::Point(v as i16))
    };
    match cell {
        Cell::Empty => Ok(Answer::Blank),
        Cell::Number(v) => point(*v),
        Cell::Text(t) => {
            let t = t.trim();
            if t.is_empty() {
                return Ok(Answer::Blank);
            }
            if let Ok(v) = t.replace(',', ".").parse::<f64>() {
                return point(v);
            }
            if let Some(m) = MissingCode::parse(t) {
                return if scale.missing_codes.contains(&m) {
                    Ok(Answer::Missing(m))
                } else {
                    Err(format!("`{t}` is not allowed for this question"))
                };
            }
            if let Some(p) = scale.point_for_label(t) {
                return Ok(Answer::Point(p as i16));
            }
            // Leading number as in "5 – Instämmer helt".
            let digits: String = t
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '-')
                .collect();
            let rest = t[digits.len()..].trim_start();
            if !digits.is_empty()
                && (rest.starts_with('–') || rest.starts_with('-') || rest.starts_with(':'))
                && let Ok(v) = digits.parse::<f64>()
            {
                return point(v);
            }
            Err(format!("`{t}` is not on the scale"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tests_support::small_model;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn reads_rows_and_reports_every_problem() {
        let m = small_model();
        let rows = vec![
            vec![
                t("respondent"),
                t("enhet"),
                t("roll"),
                t("A"),
                t("b"),
                t("C"),
                t("Färg"),
            ],
            vec![
                t("r1"),
                t("Soc/Hemtjänst"),
                t("Chef"),
                Cell::Number(5.0),
                t("Vet ej"),
                t("2"),
                Cell::Empty,
            ],
            vec![
                t("r2"),
                t(""),
                t("ledare"),
                Cell::Number(9.0),
                t("x"),
                t("2"),
                Cell::Empty,
            ],
            vec![
                t("r1"),
                t(""),
                t("manager"),
                Cell::Number(1.0),
                t("1"),
                t("1"),
                Cell::Empty,
            ],
        ];
        let mut set = AnswerSet::new();
        let problems = set.read_table(&m, &rows, "svar.csv", "2025");
        let listed: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            listed,
            vec![
                "row 1, column 7: unknown column `Färg`: not a question id or exact question text of model `tiny`, nor respondent/unit/role/wave",
                "row 3, column 3: unknown role `ledare` (expected one of: manager)",
                "row 3, column 4: value 9 is outside the scale 1–5 (allowed: 1–5, Vet ej, Ej relevant)",
                "row 3, column 5: `x` is not on the scale (allowed: 1–5, Vet ej, Ej relevant)",
                "row 4, column 1: duplicate respondent id `r1` in wave 2025 (first seen at svar.csv row 2)",
            ]
        );
        assert_eq!(set.respondents.len(), 1);
        let r = &set.respondents[0];
        assert_eq!(
            set.units[r.unit],
            vec!["Soc".to_string(), "Hemtjänst".to_string()]
        );
        assert_eq!(
            &*r.answers,
            &[
                Answer::Point(5),
                Answer::Missing(MissingCode::DontKnow),
                Answer::Point(2)
            ]
        );
    }

    #[test]
    fn columns_match_by_question_text() {
        let m = small_model();
        let rows = vec![vec![t("a"), t("B")], vec![t("3"), t("4")]];
        let mut set = AnswerSet::new();
        assert!(set.read_table(&m, &rows, "x", "1").is_empty());
        assert_eq!(
            &*set.respondents[0].answers,
            &[Answer::Point(3), Answer::Point(4), Answer::Blank]
        );
        assert_eq!(set.respondents[0].id, "x:2");
    }
}
