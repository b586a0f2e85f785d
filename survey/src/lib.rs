//! `digilyft-survey`: digital-maturity self-assessment models, answers and scoring.
//!
//! Swedish municipalities and regions measure digital maturity in the DiMiOS style: two
//! dimensions (digital capability and digital legacy), each split into categories of items,
//! scored as a percentage of optimal conditions, placed in one of four quadrant types, compared
//! between units, roles and waves, and turned into an action plan. This crate is the pure core of
//! that work — no files, no clock, no network:
//!
//! * [`model`]: the model format (TOML, read with serde) and its validation. Models are data; the
//!   three bundled ones are in [`bundled`].
//! * [`answers`]: respondents' answers, read from any table of cells with every problem reported
//!   by row, column and reason.
//! * [`score()`]: the scoring pipeline of the domain spec (`maturity.md` §2.3): items rescaled
//!   0–100 with reverse items flipped and "don't know" never scored; category scores only with
//!   enough items answered; unit, role and wave scores with n and confidence intervals;
//!   dimension and overall indices; quadrant placement with a near-the-boundary flag;
//!   comparisons with effect sizes; Cronbach's alpha; strengths and weaknesses; an importance ×
//!   performance priority list; an action-plan draft. The result is a [`ScoreReport`].
//! * [`anonymity`]: the k-threshold with complementary suppression. It runs inside [`score()`],
//!   so no report can show a group (or a difference of groups) below k respondents.
//!
//! ```
//! use digilyft_survey::{bundled, score, AnswerSet, Cell, ScoreOptions};
//! let model = bundled::load("mariehamn-lyft").expect("bundled model");
//! let mut rows = vec![vec![Cell::Text("respondent".into())]];
//! rows[0].extend(model.questions.iter().map(|q| Cell::Text(q.id.clone())));
//! for r in 0..6 {
//!     let mut row = vec![Cell::Text(format!("r{r}"))];
//!     row.extend(model.questions.iter().map(|_| Cell::Number((1 + r % 5) as f64)));
//!     rows.push(row);
//! }
//! let mut answers = AnswerSet::new();
//! assert!(answers.read_table(&model, &rows, "example", "2026").is_empty());
//! let report = score(&model, &answers, &ScoreOptions::default()).expect("scored");
//! assert_eq!(report.respondents.included, 6);
//! ```
#![deny(missing_docs)]

pub mod anonymity;
pub mod answers;
pub mod bundled;
pub mod label;
pub mod model;
pub mod release;
mod reliability;
pub mod report;
mod score;
pub mod stats;
pub mod synth;

pub use answers::{Answer, AnswerSet, Cell, Respondent, TableProblem};
pub use label::{Label, Lang};
pub use model::{Model, ModelError, ModelProblem};
pub use report::ScoreReport;
pub use score::{ScoreError, ScoreOptions, score};
