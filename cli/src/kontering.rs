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
use crate::terminal::Plain;

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
        /// Use the local store even when the data directory is connected to a server.
        #[arg(long)]
        local: bool,
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
        local,
        data,
        json,
    } = cmd;
    if data.connected(local)? {
        return connected(&invoice, &rows, show, &data, json, shell);
    }
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
        println!("rad {}: {}", i + 1, Plain(&format_row(c)));
    }
}

/// `digilyft kontering` in connected mode: the mirrored kontering (this device's pending one when
/// there is one), or new rows saved on this device at once and sent by `digilyft sync`.
fn connected(
    invoice: &str,
    rows: &[String],
    show: bool,
    data: &DataArg,
    json: bool,
    shell: &Shell,
) -> Result<ExitCode> {
    use digilyft_core::api::connected::{self, Connection, Lang};
    let mut conn = Connection::open(&data.dir())?;
    if show || rows.is_empty() {
        let view = connected::invoice(&conn, invoice, Lang::Sv)?;
        print_rows(&view.kontering, json);
        if view.kontering_pending && !json {
            println!("(sparad på enheten — inte genomförd än)");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let parsed = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            parse_row(r)
                .map_err(|e| anyhow!(e))
                .with_context(|| format!("--rad {} ({r:?})", i + 1))
        })
        .collect::<Result<Vec<_>>>()?;
    let p = connected::set_kontering(&mut conn, &shell.ctx(), invoice, &parsed)?;
    if json {
        println!(
            "{}",
            json!({"mutation_id": p.mutation_id, "invoice": p.invoice_id, "rows": parsed.len(),
                "badge": p.badge.key()})
        );
    } else {
        println!(
            "konteringen för faktura {}: {} rader {} (skickas vid nästa `digilyft sync`; id {})",
            p.invoice_id.as_deref().unwrap_or(invoice),
            parsed.len(),
            p.badge_text.to_lowercase(),
            p.mutation_id
        );
    }
    Ok(ExitCode::SUCCESS)
}
