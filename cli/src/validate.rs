//! `digilyft validate`: judge e-invoices with the official rule sets, natively.
//!
//! Glue only: reads files, detects the format (UBL `Invoice`/`CreditNote` → PEPPOL BIS 3,
//! SFTI `Invoice` → Svefaktura 1.0), runs `digilyft_invoice::validate` with the chosen releases
//! and prints a readable report or one JSON line per file. A directory is searched recursively
//! for `*.xml` files, validated in parallel on all cores, with a progress bar when stderr is a
//! terminal.
//!
//! Exit codes: 0 no fatal rule fired, 1 a fatal rule fired in some file, 2 some input could not
//! be read or parsed (or bad arguments).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use digilyft_invoice::validate::{Report, RuleSetId, Severity, validate};
use digilyft_invoice::xml::{Document, Element, ns};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::terminal::{Plain, plain};

/// Validation commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Validate e-invoices (files or directories of *.xml) with the official rules.
    Validate(Args),
}

/// Message language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Svenska.
    Sv,
    /// English.
    En,
}

/// Arguments of `digilyft validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Rule sets to run, comma-separated: cen-1.3.16, cen-1.3.14.1, peppol-3.0.19,
    /// peppol-2026.5, sfti-svefaktura1. Default: peppol-2026.5 with cen-1.3.16 for UBL,
    /// sfti-svefaktura1 for Svefaktura.
    #[arg(long, value_delimiter = ',', value_name = "NAME[,NAME...]")]
    ruleset: Vec<RuleSetId>,
    /// Print one JSON object per file and line.
    #[arg(long)]
    json: bool,
    /// Language of the messages.
    #[arg(long, value_enum, default_value = "sv")]
    lang: Lang,
    /// Files or directories to validate.
    #[arg(required = true, value_name = "FILE_OR_DIR")]
    paths: Vec<PathBuf>,
}

/// Runs a validation command.
pub fn run(cmd: Command) -> anyhow::Result<ExitCode> {
    match cmd {
        Command::Validate(args) => run_validate(&args),
    }
    .map_err(crate::terminal::plain_error)
}

/// The input format, as detected from the root element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    PeppolBis3,
    Svefaktura1,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::PeppolBis3 => "peppol-bis3",
            Format::Svefaktura1 => "svefaktura1",
        }
    }

    fn detect(root: Element<'_>) -> Option<Format> {
        if root.is(ns::UBL_INVOICE, "Invoice") || root.is(ns::UBL_CREDIT_NOTE, "CreditNote") {
            Some(Format::PeppolBis3)
        } else if root.is(ns::SFTI_INVOICE, "Invoice") {
            Some(Format::Svefaktura1)
        } else {
            None
        }
    }

    fn default_sets(self) -> Vec<RuleSetId> {
        match self {
            Format::PeppolBis3 => RuleSetId::default_ubl().to_vec(),
            Format::Svefaktura1 => vec![RuleSetId::SftiSvefaktura1],
        }
    }
}

/// The outcome for one file.
#[derive(Debug)]
enum Outcome {
    Validated(Format, Report),
    Unreadable(String),
}

fn run_validate(args: &Args) -> anyhow::Result<ExitCode> {
    let files = collect_files(&args.paths)?;
    let bar = progress_bar(files.len());
    let outcomes: Vec<Outcome> = files
        .par_iter()
        .map(|path| {
            let outcome = validate_file(path, &args.ruleset);
            if let Some(bar) = &bar {
                bar.inc(1);
            }
            outcome
        })
        .collect();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut fatal_files, mut unreadable) = (0usize, 0usize);
    for (path, outcome) in files.iter().zip(&outcomes) {
        match outcome {
            Outcome::Validated(format, report) => {
                if report.has_fatal() {
                    fatal_files += 1;
                }
                if args.json {
                    writeln!(out, "{}", json_line(path, *format, report, args.lang))?;
                } else {
                    write_readable(&mut out, path, *format, report, args.lang)?;
                }
            }
            Outcome::Unreadable(message) => {
                unreadable += 1;
                if args.json {
                    let line = serde_json::json!({
                        "file": path.display().to_string(),
                        "error": message,
                    });
                    writeln!(out, "{line}")?;
                } else {
                    writeln!(out, "{}: {}", plain(path.display()), Plain(message))?;
                }
            }
        }
    }
    if !args.json && files.len() > 1 {
        let summary = match args.lang {
            Lang::Sv => format!(
                "{} filer: {} med fel (fatal), {} kunde inte läsas",
                files.len(),
                fatal_files,
                unreadable
            ),
            Lang::En => format!(
                "{} files: {} with fatal faults, {} unreadable",
                files.len(),
                fatal_files,
                unreadable
            ),
        };
        writeln!(out, "{summary}")?;
    }
    out.flush()?;
    Ok(if unreadable > 0 {
        ExitCode::from(2)
    } else if fatal_files > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The files named on the command line, directories expanded to their `*.xml` files (recursively,
/// sorted).
fn collect_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        let meta =
            std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found)?;
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    if files.is_empty() {
        bail!("no *.xml files found in {}", display_list(paths));
    }
    Ok(files)
}

fn display_list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read directory {}", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read directory {}", dir.display()))?;
        let path = entry.path();
        let kind = entry
            .file_type()
            .with_context(|| format!("cannot read {}", path.display()))?;
        if kind.is_dir() {
            walk(&path, out)?;
        } else if path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("xml"))
        {
            out.push(path);
        }
    }
    Ok(())
}

fn progress_bar(len: usize) -> Option<ProgressBar> {
    if len < 2 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} ({eta} kvar / left)")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// Reads, parses and validates one file. Never fails: unreadable input becomes an outcome.
fn validate_file(path: &Path, sets: &[RuleSetId]) -> Outcome {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return Outcome::Unreadable(format!("cannot read file: {e}")),
    };
    let doc = match Document::parse(&bytes) {
        Ok(d) => d,
        Err(e) => return Outcome::Unreadable(format!("not well-formed XML: {e}")),
    };
    let root = doc.root();
    let Some(format) = Format::detect(root) else {
        return Outcome::Unreadable(format!(
            "not an e-invoice: root element <{}> in namespace `{}` is neither a UBL Invoice or \
             CreditNote nor a Svefaktura Invoice",
            root.qualified_name(),
            root.namespace()
        ));
    };
    let sets = if sets.is_empty() {
        format.default_sets()
    } else {
        sets.to_vec()
    };
    Outcome::Validated(format, validate(root, &sets))
}

fn message(f: &digilyft_invoice::validate::Fired, lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => f.sv,
        Lang::En => f.en,
    }
}

/// `{"file", "format", "fired": [{"id", "severity", "bt", "location", "message"}]}`.
fn json_line(path: &Path, format: Format, report: &Report, lang: Lang) -> serde_json::Value {
    let fired: Vec<serde_json::Value> = report
        .fired
        .iter()
        .map(|f| {
            serde_json::json!({
                "id": f.id,
                "severity": f.severity.as_str(),
                "bt": f.bt,
                "location": f.location,
                "message": message(f, lang),
                "ruleset": f.set.name(),
            })
        })
        .collect();
    serde_json::json!({
        "file": path.display().to_string(),
        "format": format.name(),
        "fired": fired,
    })
}

fn write_readable(
    out: &mut impl Write,
    path: &Path,
    format: Format,
    report: &Report,
    lang: Lang,
) -> std::io::Result<()> {
    let count = |s: Severity| report.fired.iter().filter(|f| f.severity == s).count();
    let sets: Vec<&str> = report.sets.iter().map(|s| s.name()).collect();
    let (fatal, warning, info) = (
        count(Severity::Fatal),
        count(Severity::Warning),
        count(Severity::Information),
    );
    let verdict = match (lang, fatal) {
        (Lang::Sv, 0) => "godkänd".to_string(),
        (Lang::Sv, n) => format!("{n} fel"),
        (Lang::En, 0) => "valid".to_string(),
        (Lang::En, n) => format!("{n} fatal"),
    };
    let extra = match lang {
        Lang::Sv => format!("{warning} varningar, {info} information"),
        Lang::En => format!("{warning} warnings, {info} information"),
    };
    writeln!(
        out,
        "{}: {} — {}, {} [{}]",
        plain(path.display()),
        format.name(),
        verdict,
        extra,
        sets.join(" + ")
    )?;
    for f in &report.fired {
        writeln!(
            out,
            "  {:<11} {:<22} {} ({}) [{}]",
            f.severity.as_str(),
            f.id,
            Plain(&f.location),
            f.position,
            f.bt.join(", ")
        )?;
        writeln!(out, "              {}", message(f, lang))?;
    }
    Ok(())
}

/// Arguments of `digilyft bench validate`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Invoice files (default: the official PEPPOL `base-example.xml` in the test fixtures).
    files: Vec<PathBuf>,
    /// Rule sets (default: cen-1.3.16,peppol-2026.5 for UBL, sfti-svefaktura1 for Svefaktura).
    #[arg(long, value_delimiter = ',', value_name = "NAME[,NAME...]")]
    ruleset: Vec<RuleSetId>,
    /// Minimum measuring time per file, in seconds.
    #[arg(long, default_value_t = 2.0)]
    seconds: f64,
}

const BENCH_DEFAULT_FILE: &str =
    "tests/fixtures/official/peppol-bis3/rules/examples/base-example.xml";

/// CPU time this thread has run (Linux `/proc/thread-self/schedstat`), so that one-core
/// throughput can be told apart from wall-clock throughput on a busy machine.
fn thread_cpu() -> Option<std::time::Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(std::time::Duration::from_nanos(ns))
}

/// `digilyft bench validate`: parse + validation per file on one thread, repeated for at least
/// `--seconds`; prints invoices/s by wall clock and per CPU-second of this thread.
pub fn bench(args: &BenchArgs) -> anyhow::Result<ExitCode> {
    if args.seconds.is_nan() || args.seconds <= 0.0 {
        bail!("--seconds must be positive");
    }
    let files = if args.files.is_empty() {
        vec![PathBuf::from(BENCH_DEFAULT_FILE)]
    } else {
        args.files.clone()
    };
    println!(
        "{:<48} {:>9} {:>14} {:>16} {:>8}",
        "file", "size (B)", "invoices/s", "per CPU-second", "firings"
    );
    for file in &files {
        let bytes =
            std::fs::read(file).with_context(|| format!("{}: cannot read", file.display()))?;
        let doc = Document::parse(&bytes)
            .with_context(|| format!("{}: not well-formed XML", file.display()))?;
        let Some(format) = Format::detect(doc.root()) else {
            bail!("{}: not a UBL or Svefaktura invoice", file.display());
        };
        let sets = if args.ruleset.is_empty() {
            format.default_sets()
        } else {
            args.ruleset.clone()
        };
        let fired = validate(doc.root(), &sets).fired.len();
        let run = |n: u64| {
            for _ in 0..n {
                if let Ok(doc) = Document::parse(std::hint::black_box(&bytes)) {
                    std::hint::black_box(validate(doc.root(), &sets));
                }
            }
        };
        run(200);
        let (wall0, cpu0) = (std::time::Instant::now(), thread_cpu());
        let mut n = 0u64;
        while wall0.elapsed().as_secs_f64() < args.seconds {
            run(100);
            n += 100;
        }
        let wall = wall0.elapsed().as_secs_f64();
        let per_cpu = thread_cpu()
            .zip(cpu0)
            .map(|(b, a)| (b - a).as_secs_f64())
            .filter(|c| *c > 0.0)
            .map_or(String::from("n/a"), |c| format!("{:.0}", n as f64 / c));
        println!(
            "{:<48} {:>9} {:>14.0} {:>16} {:>8}",
            plain(file.display()),
            bytes.len(),
            n as f64 / wall,
            per_cpu,
            fired
        );
    }
    Ok(ExitCode::SUCCESS)
}
