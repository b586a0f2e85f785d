//! `digilyft`: the command-line front end. Glue only: every command parses its arguments, calls
//! `digilyft_core::api` (or the pure invoice and survey libraries), and maps the outcome to an
//! exit code.
//!
//! Exit codes: 0 success (for `validate`: no fatal rule fired), 1 faults found, 2 error
//! (unreadable input, bad arguments, I/O).
//!
//! Each command group lives in its own module exposing a clap `Command` enum and a `run`
//! function; this file only lists them. `--today DATE` (or `DIGILYFT_TODAY`) fixes the date for
//! every command, for tests and for re-running a day.

use std::process::ExitCode;

use clap::Parser;

mod approval;
mod audit;
mod bench;
mod connected;
mod demo;
mod formats;
mod invoices;
mod kontering;
mod rules;
mod shell;
mod survey;
mod terminal;
mod validate;

/// Digilyft: supplier e-invoices, approval flows and digital-maturity assessments.
#[derive(Debug, Parser)]
#[command(name = "digilyft", version, about)]
struct Cli {
    /// Run as if today were this date (YYYY-MM-DD): deadlines, reminders, escalation and the
    /// validity of grants and absences are judged on it.
    #[arg(long, global = true, env = "DIGILYFT_TODAY", value_name = "DATE")]
    today: Option<chrono::NaiveDate>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    #[command(flatten)]
    Validate(validate::Command),
    #[command(flatten)]
    Formats(formats::Command),
    #[command(flatten)]
    Bench(bench::Command),
    #[command(flatten)]
    Invoices(invoices::Command),
    #[command(flatten)]
    Rules(rules::Command),
    #[command(flatten)]
    Approval(approval::Command),
    #[command(flatten)]
    Kontering(kontering::Command),
    #[command(flatten)]
    Audit(audit::Command),
    #[command(flatten)]
    Survey(survey::Command),
    #[command(flatten)]
    Connected(connected::Command),
    #[command(flatten)]
    Demo(demo::Command),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let shell = shell::Shell::new(cli.today);
    let outcome: anyhow::Result<ExitCode> = match cli.command {
        Command::Validate(c) => validate::run(c),
        Command::Formats(c) => formats::run(c),
        Command::Bench(c) => bench::run(c),
        Command::Invoices(c) => invoices::run(c, &shell),
        Command::Rules(c) => rules::run(c, &shell),
        Command::Approval(c) => approval::run(c, &shell),
        Command::Kontering(c) => kontering::run(c, &shell),
        Command::Audit(c) => audit::run(c, &shell),
        Command::Survey(c) => survey::run(c),
        Command::Connected(c) => connected::run(c, &shell),
        Command::Demo(c) => demo::run(c, &shell),
    };
    match outcome {
        Ok(code) => code,
        Err(err) => {
            eprintln!("digilyft: {}", terminal::plain(terminal::chain(&err)));
            ExitCode::from(2)
        }
    }
}
