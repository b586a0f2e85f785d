//! `digilyft`: the command-line front end. Glue only: every command parses its arguments, calls
//! the libraries, and maps the outcome to an exit code.
//!
//! Exit codes: 0 success (for `validate`: no fatal rule fired), 1 faults found, 2 error
//! (unreadable input, bad arguments, I/O).
//!
//! Each area lives in its own module exposing a clap `Command` enum and a `run` function; this file
//! only lists them.

use std::process::ExitCode;

use clap::Parser;

mod approval;
mod bench;
mod demo;
mod formats;
mod kontering;
mod survey;
mod terminal;
mod validate;

/// Digilyft: supplier e-invoices, approval flows and digital-maturity assessments.
#[derive(Debug, Parser)]
#[command(name = "digilyft", version, about)]
struct Cli {
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
    Approval(approval::Command),
    #[command(flatten)]
    Kontering(kontering::Command),
    #[command(flatten)]
    Survey(survey::Command),
    #[command(flatten)]
    Demo(demo::Command),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome: anyhow::Result<ExitCode> = match cli.command {
        Command::Validate(c) => validate::run(c),
        Command::Formats(c) => formats::run(c),
        Command::Bench(c) => bench::run(c),
        Command::Approval(c) => approval::run(c),
        Command::Kontering(c) => kontering::run(c),
        Command::Survey(c) => survey::run(c),
        Command::Demo(c) => demo::run(c),
    };
    match outcome {
        Ok(code) => code,
        Err(err) => {
            eprintln!("digilyft: {err:#}");
            ExitCode::from(2)
        }
    }
}
