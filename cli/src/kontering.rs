//! `digilyft kontering`: change an invoice's kontering (account coding) by hand.
//!
//! Each `--rad` is one kontering row written as `fält=värde` pairs separated by `;`, with the
//! field names of the attestförteckning's Konteringsförslag sheet: `belopp` (excluding VAT; decimal
//! point or comma), `konto`, `ansvar`, `verksamhet`, `aktivitet`, `projekt`, `objekt`, `motpart`,
//! `momskod`. The rows replace the current kontering only if they carry the invoice's whole net
//! amount and pass the store's checks; attests already given are voided and recorded, never
//! deleted. Without `--rad` the current kontering is printed.

use std::process::ExitCode;

use anyhow::{Context as _, Result, anyhow, bail};
use digilyft_core::api::CodingRow;
use digilyft_core::api::approval::{self, format_row, parse_row};
use digilyft_core::api::invoices;
use serde_json::json;

use crate::invoices::coding_json;
use crate::shell::{DataArg, Shell, refusal};

/// Kontering commands. Only the invoice's named reviewer or someone holding a GRANSKNING right for
/// the new codes may change a kontering.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Show or change an invoice's kontering. Each --rad replaces the current rows, e.g.
    /// --rad "belopp=2000;konto=4620;ansvar=4110;momskod=AVDRAGSGILL"; the rows must add up to
    /// the invoice's net amount. Attests already given are voided (recorded, not deleted).
    Kontering {
        /// Invoice id or invoice number.
        invoice: String,
        /// Who makes the change (must be in the active attestförteckning).
        #[arg(long = "as", value_name = "ID")]
        actor: Option<String>,
        /// One kontering row as fält=värde pairs separated by ';'. Repeat for several rows.
        #[arg(long = "rad", value_name = "FÄLT=VÄRDE;...")]
        rows: Vec<String>,
        /// Only print the current kontering.
        #[arg(long, conflicts_with = "rows")]
        show: bool,
        #[command(flatten)]
        data: DataArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs a kontering command.
pub fn run(cmd: Command, shell: &Shell) -> Result<ExitCode> {
    let Command::Kontering {
        invoice,
        actor,
        rows,
        show,
        data,
        json,
    } = cmd;
    let mut ws = data.open()?;
    let id = invoices::find(&ws, &invoice)?;
    let key = id.to_string();
    if show || rows.is_empty() {
        print_rows(&approval::kontering(&ws, &key)?, json);
        return Ok(ExitCode::SUCCESS);
    }
    let Some(actor) = actor else {
        bail!("--as ID is required to change the kontering");
    };
    let parsed = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            parse_row(r)
                .map_err(|e| anyhow!(e))
                .with_context(|| format!("--rad {} ({r:?})", i + 1))
        })
        .collect::<Result<Vec<_>>>()?;
    match approval::set_kontering(&mut ws, &shell.as_actor(&actor), &key, parsed) {
        Ok(c) => {
            if json {
                println!(
                    "{}",
                    json!({"invoice": id, "state": c.state.as_str(), "revision": c.revision,
                        "rows": c.rows})
                );
            } else {
                println!(
                    "konteringen för faktura {id} är ändrad ({} rader); fakturan är nu {} och \
                     attesteringen börjar om",
                    c.rows, c.state
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) if refusal(&e) => {
            let problems: Vec<String> = e.faults.iter().map(|f| f.message.clone()).collect();
            match (e.rule(), json) {
                (Some(code), true) => println!(
                    "{}",
                    json!({"invoice": id, "refused": true, "code": code, "problems": problems})
                ),
                (None, true) => {
                    println!(
                        "{}",
                        json!({"invoice": id, "refused": true, "problems": problems})
                    );
                }
                (Some(code), false) => eprintln!(
                    "konteringen för faktura {id} ändrades inte ({code}): {}",
                    problems.join("; ")
                ),
                (None, false) => {
                    eprintln!("konteringen för faktura {id} ändrades inte:");
                    for p in &problems {
                        eprintln!("  {p}");
                    }
                }
            }
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(e).with_context(|| format!("changing the kontering of invoice {id}")),
    }
}

fn print_rows(rows: &[CodingRow], json: bool) {
    if json {
        let v: Vec<_> = rows.iter().map(coding_json).collect();
        println!("{}", json!(v));
        return;
    }
    if rows.is_empty() {
        println!("ingen kontering");
    }
    for (i, c) in rows.iter().enumerate() {
        println!("rad {}: {}", i + 1, format_row(c));
    }
}
