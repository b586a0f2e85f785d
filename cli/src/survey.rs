//! `digilyft survey …`: maturity self-assessments — answer templates, scoring, reports and
//! synthetic sample answers. Glue only: models, answers and scoring live in `digilyft-survey`,
//! spreadsheet I/O through `digilyft_core::api::maturity`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use digilyft_core::api::maturity::{
    answers_csv, answers_xlsx, load_model, read_answers, report as write_report,
    template as write_template,
};
use digilyft_core::api::{ApiError, ErrorCode};
use digilyft_survey::synth::{SynthOptions, generate};
use digilyft_survey::{Lang, ScoreOptions, ScoreReport, bundled, score};

use crate::shell::{ForceArg, write_file};

/// Maturity self-assessments.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Digital-maturity self-assessments (DiMiOS style): templates, scoring, reports.
    #[command(subcommand)]
    Survey(SurveyCommand),
}

/// `digilyft survey` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum SurveyCommand {
    /// List the bundled models.
    Models,
    /// Write an answer template (.xlsx) with drop-down lists.
    Template {
        /// Bundled model id or path to a model .toml.
        #[arg(long, short)]
        model: String,
        /// Output file.
        #[arg(short, long)]
        output: PathBuf,
        /// Language of the template (sv or en).
        #[arg(long, default_value = "sv")]
        lang: String,
        #[command(flatten)]
        force: ForceArg,
    },
    /// Score answer files (.xlsx, .ods, .csv) and write the report workbook and/or JSON.
    Score {
        /// Bundled model id or path to a model .toml.
        #[arg(long, short)]
        model: String,
        /// Answer files; all are read, every problem is reported, nothing partial is scored.
        #[arg(required = true)]
        answers: Vec<PathBuf>,
        /// Report workbook to write (.xlsx).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Write the score bundle as JSON: to this file, or to stdout when given without a value.
        #[arg(long, num_args = 0..=1, default_missing_value = "-")]
        json: Option<String>,
        /// Report language (sv or en).
        #[arg(long, default_value = "sv")]
        lang: String,
        /// Organisation name shown in the report.
        #[arg(long)]
        org: Option<String>,
        /// Wave to score (default: the latest).
        #[arg(long)]
        wave: Option<String>,
        /// Wave for rows without a wave column.
        #[arg(long, default_value = "1")]
        default_wave: String,
        /// Invited population of a unit, `UNIT=N` (unit path `A/B`; empty for the whole
        /// organisation, e.g. `=400`). Repeatable. Enables response rates and the
        /// finite-population correction.
        #[arg(long, value_name = "UNIT=N")]
        invited: Vec<String>,
        /// Anonymity threshold k (default from the model; never below 3).
        #[arg(long)]
        k: Option<u32>,
        #[command(flatten)]
        force: ForceArg,
    },
    /// Score the bundled sample answers and write the report into a folder (the survey step of
    /// `digilyft demo`).
    Demo {
        /// Output folder.
        #[arg(long, default_value = "digilyft-demo")]
        out: PathBuf,
    },
    /// Generate a synthetic answer set (not real data) for demos and tests.
    Sample {
        /// Bundled model id or path to a model .toml.
        #[arg(long, short)]
        model: String,
        /// Output file (.csv or .xlsx).
        #[arg(short, long)]
        output: PathBuf,
        /// Respondents per wave.
        #[arg(long, default_value_t = 240)]
        respondents: usize,
        /// Waves (comma-separated).
        #[arg(long, default_value = "2025,2026")]
        waves: String,
        /// Random seed.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        #[command(flatten)]
        force: ForceArg,
    },
}

fn lang(s: &str) -> anyhow::Result<Lang> {
    Lang::parse(s).with_context(|| format!("unknown language `{s}` (use sv or en)"))
}

/// Runs a `survey` command.
pub fn run(cmd: Command) -> anyhow::Result<ExitCode> {
    let Command::Survey(cmd) = cmd;
    match cmd {
        SurveyCommand::Models => {
            for id in bundled::ids() {
                let m = bundled::load(id)?;
                println!(
                    "{id}\t{}\t{} items, {} categories\t{}",
                    m.version,
                    m.item_count(),
                    m.categories.len(),
                    m.name.get(Lang::Sv)
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        SurveyCommand::Template {
            model,
            output,
            lang: l,
            force,
        } => {
            let model = load_model(&model)?;
            let bytes = write_template(&model, lang(&l)?)?;
            write_file(&output, &bytes, force.force)?;
            eprintln!(
                "{}: answer template for {} {}",
                output.display(),
                model.id,
                model.version
            );
            Ok(ExitCode::SUCCESS)
        }
        SurveyCommand::Score {
            model,
            answers,
            output,
            json,
            lang: l,
            org,
            wave,
            default_wave,
            invited,
            k,
            force,
        } => {
            if output.is_none() && json.is_none() {
                bail!("nothing to write: give -o REPORT.xlsx and/or --json [FILE]");
            }
            let model = load_model(&model)?;
            let files: Vec<&Path> = answers.iter().map(PathBuf::as_path).collect();
            let set = match read_answers(&model, &files, &default_wave) {
                Ok(s) => s,
                Err(ApiError {
                    code: ErrorCode::Validation,
                    faults,
                    ..
                }) if !faults.is_empty() => {
                    eprintln!(
                        "{} problem(s) in the answers; nothing was scored:",
                        faults.len()
                    );
                    for p in &faults {
                        eprintln!("  {}", crate::terminal::Plain(&p.message));
                    }
                    return Ok(ExitCode::from(1));
                }
                Err(e) => return Err(e.into()),
            };
            let opts = ScoreOptions {
                organisation: org,
                lang: lang(&l)?,
                invited: parse_invited(&invited)?,
                wave,
                k,
                ..ScoreOptions::default()
            };
            let report = score(&model, &set, &opts)?;
            emit(&report, output.as_deref(), json.as_deref(), force.force)?;
            Ok(ExitCode::SUCCESS)
        }
        SurveyCommand::Demo { out } => {
            for path in demo(&out)? {
                println!("{}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        SurveyCommand::Sample {
            model,
            output,
            respondents,
            waves,
            seed,
            force,
        } => {
            let model = load_model(&model)?;
            let waves: Vec<&str> = waves
                .split(',')
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .collect();
            let set = generate(
                &model,
                &SynthOptions::municipality(seed, respondents, &waves),
            );
            let ext = output
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            match ext.as_str() {
                "csv" => write_file(&output, answers_csv(&model, &set).as_bytes(), force.force)?,
                "xlsx" => write_file(&output, &answers_xlsx(&model, &set)?, force.force)?,
                _ => bail!("{}: use a .csv or .xlsx file name", output.display()),
            }
            eprintln!(
                "{}: {} synthetic respondents (not real data)",
                output.display(),
                set.respondents.len()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn parse_invited(items: &[String]) -> anyhow::Result<HashMap<String, u64>> {
    let mut map = HashMap::new();
    for it in items {
        let (unit, n) = it
            .rsplit_once('=')
            .with_context(|| format!("--invited `{it}`: expected UNIT=N"))?;
        let n: u64 = n
            .trim()
            .parse()
            .with_context(|| format!("--invited `{it}`: `{n}` is not a whole number"))?;
        let unit = unit
            .split('/')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("/");
        map.insert(unit, n);
    }
    Ok(map)
}

fn emit(
    report: &ScoreReport,
    output: Option<&Path>,
    json: Option<&str>,
    force: bool,
) -> anyhow::Result<()> {
    if let Some(path) = output {
        let bytes = write_report(report)?;
        write_file(path, &bytes, force)?;
        crate::audit::warn_cut(&digilyft_core::api::maturity::report_cut_texts(report));
        let org = report.organisation_row();
        let overall = org.scores.last().and_then(|s| s.shown()).map(|s| s.mean);
        eprintln!(
            "{}: report for {} ({} respondents, wave {}){}",
            path.display(),
            report.organisation,
            report.respondents.included,
            report.wave,
            overall
                .map(|m| format!(", overall {m:.1}"))
                .unwrap_or_default()
        );
    }
    match json {
        Some("-") => println!("{}", serde_json::to_string_pretty(report)?),
        Some(file) => write_file(
            Path::new(file),
            serde_json::to_string_pretty(report)?.as_bytes(),
            force,
        )?,
        None => {}
    }
    Ok(())
}

/// The `digilyft demo` step: scores the bundled sample answers (`assets/samples/`) with the
/// `dmos-open` model and writes `survey-report.xlsx` and `survey-report.json` into `dir`.
/// Returns the paths written.
pub fn demo(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let model = bundled::load("dmos-open")?;
    let sample = dir.join("survey-sample-dmos-open.csv");
    // The demo folder is the demo's own: its files are replaced on every run.
    write_file(&sample, SAMPLE_CSV.as_bytes(), true)?;
    let set = match read_answers(&model, &[sample.as_path()], "1") {
        Ok(s) => s,
        Err(e) => bail!("the bundled sample answers do not read: {e}"),
    };
    let opts = ScoreOptions {
        organisation: Some("Exempelkommunen (syntetiska data)".into()),
        invited: [(String::new(), 600u64)].into_iter().collect(),
        ..ScoreOptions::default()
    };
    let report = score(&model, &set, &opts)?;
    let xlsx = dir.join("survey-report.xlsx");
    let json = dir.join("survey-report.json");
    write_file(&xlsx, &write_report(&report)?, true)?;
    write_file(
        &json,
        serde_json::to_string_pretty(&report)?.as_bytes(),
        true,
    )?;
    Ok(vec![sample, xlsx, json])
}

/// The bundled sample answer set (synthetic).
const SAMPLE_CSV: &str = include_str!("../../assets/samples/survey-dmos-open.csv");
