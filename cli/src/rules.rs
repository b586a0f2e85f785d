//! `digilyft rules …`: the attestförteckning — import a workbook as a new version, compare it
//! with the active one, activate a version, write the template or the sample.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use digilyft_core::api::rules::{
    self, Change, DiffSource, Problem, RulesDiff, RulesImport, Severity,
};
use serde_json::json;

use crate::shell::{DataArg, ForceArg, Shell, write_file};

/// Rule-set commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// The attestförteckning: import, compare, activate, template.
    #[command(subcommand)]
    Rules(RulesCommand),
}

/// `digilyft rules …`.
#[derive(Debug, clap::Subcommand)]
pub enum RulesCommand {
    /// Validate a workbook and store it as a new (inactive) rule-set version.
    Import {
        /// The attestförteckning (.xlsx).
        file: PathBuf,
        /// Who imports it.
        #[arg(long, default_value = "admin")]
        by: String,
        /// The nämnd decision adopting it.
        #[arg(long = "beslut", default_value = "")]
        decision_ref: String,
        /// Activate it right away.
        #[arg(long)]
        activate: bool,
        #[command(flatten)]
        data: DataArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show what a workbook (or a stored version) changes against the active version.
    Diff {
        /// A workbook to compare (default: the newest stored version).
        file: Option<PathBuf>,
        /// A stored version to compare.
        #[arg(long)]
        version: Option<i64>,
        #[command(flatten)]
        data: DataArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Activate a stored version (default: the newest) and route waiting invoices.
    Activate {
        /// Version number.
        version: Option<i64>,
        /// Who activates it.
        #[arg(long, default_value = "admin")]
        by: String,
        #[command(flatten)]
        data: DataArg,
    },
    /// Write an empty workbook with headers, column notes and drop-down lists.
    Template {
        /// Output file.
        #[arg(short, long)]
        output: PathBuf,
        /// Write the filled sample of a small municipality instead.
        #[arg(long)]
        sample: bool,
        #[command(flatten)]
        force: ForceArg,
    },
}

/// Runs a rules command.
pub fn run(cmd: Command, shell: &Shell) -> Result<ExitCode> {
    let Command::Rules(cmd) = cmd;
    match cmd {
        RulesCommand::Template {
            output,
            sample,
            force,
        } => {
            write_file(&output, &rules::template(sample)?, force.force)?;
            eprintln!("wrote {}", output.display());
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Import {
            file,
            by,
            decision_ref,
            activate,
            data,
            json,
        } => {
            let bytes = rules::read_spreadsheet_file(&file)?;
            let name = file.file_name().map_or_else(
                || file.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let mut ws = data.open()?;
            let ctx = shell.as_actor(&by);
            match rules::import_workbook(&mut ws, &ctx, &name, &bytes, &decision_ref, activate)? {
                RulesImport::Refused { problems } => {
                    if json {
                        let p: Vec<_> = problems.iter().map(problem_json).collect();
                        println!(
                            "{}",
                            serde_json::to_string_pretty(
                                &json!({"file": name, "accepted": false, "problems": p})
                            )?
                        );
                    } else {
                        for p in &problems {
                            println!("{}: {p}", file.display());
                        }
                        println!("{}: refused, nothing stored", file.display());
                    }
                    Ok(ExitCode::from(1))
                }
                RulesImport::Stored {
                    version,
                    grants,
                    flows,
                    routed,
                    warnings,
                } => {
                    if json {
                        let w: Vec<_> = warnings.iter().map(problem_json).collect();
                        println!(
                            "{}",
                            serde_json::to_string_pretty(
                                &json!({"file": name, "accepted": true, "version": version, "activated": activate, "routed": routed, "warnings": w})
                            )?
                        );
                    } else {
                        for w in &warnings {
                            println!("{}: {w}", file.display());
                        }
                        println!(
                            "stored as rule-set version {version} ({grants} grants, {flows} flow rules){}",
                            match routed {
                                Some(n) => format!("; activated, {n} waiting invoices routed"),
                                None => format!(
                                    "; review with `digilyft rules diff --version {version}`, then `digilyft rules activate {version}`"
                                ),
                            }
                        );
                    }
                    Ok(ExitCode::SUCCESS)
                }
            }
        }
        RulesCommand::Diff {
            file,
            version,
            data,
            json,
        } => {
            let ws = data.open()?;
            let bytes = file
                .as_ref()
                .map(|f| rules::read_spreadsheet_file(f))
                .transpose()?;
            let name = file
                .as_ref()
                .map(|f| f.display().to_string())
                .unwrap_or_default();
            let source = match (&bytes, version) {
                (Some(b), _) => DiffSource::NamedWorkbook {
                    name: &name,
                    bytes: b,
                },
                (None, Some(v)) => DiffSource::Version(v),
                (None, None) => DiffSource::Newest,
            };
            let lines = match rules::diff(&ws, &shell.ctx(), source)? {
                RulesDiff::Refused { problems } => {
                    let shown = file
                        .as_ref()
                        .map(|f| f.display().to_string())
                        .unwrap_or_default();
                    for p in &problems {
                        println!("{shown}: {p}");
                    }
                    return Ok(ExitCode::from(1));
                }
                RulesDiff::Lines(lines) => lines,
            };
            if json {
                let l: Vec<_> = lines
                    .iter()
                    .map(|l| {
                        let (change, fields) = match &l.change {
                            Change::Added => ("added", vec![]),
                            Change::Removed => ("removed", vec![]),
                            Change::Changed(f) => (
                                "changed",
                                f.iter()
                                    .map(|(n, o, v)| json!({"field": n, "old": o, "new": v}))
                                    .collect(),
                            ),
                        };
                        json!({"sheet": l.sheet, "key": l.key, "change": change, "fields": fields})
                    })
                    .collect();
                println!("{}", serde_json::to_string_pretty(&l)?);
            } else if lines.is_empty() {
                println!("no changes against the active version");
            } else {
                for l in &lines {
                    match &l.change {
                        Change::Added => println!("+ {} {}", l.sheet, l.key),
                        Change::Removed => println!("- {} {}", l.sheet, l.key),
                        Change::Changed(f) => {
                            println!("~ {} {}", l.sheet, l.key);
                            for (n, o, v) in f {
                                println!("    {n}: {o:?} -> {v:?}");
                            }
                        }
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Activate { version, by, data } => {
            let mut ws = data.open()?;
            let (v, routed) = rules::activate(&mut ws, &shell.as_actor(&by), version)?;
            println!("rule-set version {v} is active; {routed} waiting invoices routed");
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn problem_json(p: &Problem) -> serde_json::Value {
    json!({
        "severity": match p.severity { Severity::Error => "error", Severity::Warning => "warning" },
        "sheet": p.sheet, "cell": p.cell, "column": p.column, "message": p.message,
    })
}
