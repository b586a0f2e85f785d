//! `digilyft kontering`: change an invoice's kontering (account coding) by hand.
//!
//! Each `--rad` is one kontering row written as `fält=värde` pairs separated by `;`, with the
//! field names of the attestförteckning's Konteringsförslag sheet: `belopp` (excluding VAT; decimal
//! point or comma), `konto`, `ansvar`, `verksamhet`, `aktivitet`, `projekt`, `objekt`, `motpart`,
//! `momskod`. The rows replace the current kontering only if they carry the invoice's whole net
//! amount and pass the store's checks; attests already given are voided and recorded, never
//! deleted. Without `--rad` the current kontering is printed.

use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use digilyft_core::approval::CodingRow;
use digilyft_core::clock::SystemClock;
use digilyft_core::store::StoreError;
use rust_decimal::Decimal;
use serde_json::json;

use crate::approval::{DataArg, find};

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
pub fn run(cmd: Command) -> Result<ExitCode> {
    let Command::Kontering {
        invoice,
        actor,
        rows,
        show,
        data,
        json,
    } = cmd;
    let mut store = data.open()?;
    let id = find(&store, &invoice)?;
    if show || rows.is_empty() {
        let d = store.invoice_detail(id)?;
        print_rows(&d.workflow.coding, json);
        return Ok(ExitCode::SUCCESS);
    }
    let Some(actor) = actor else {
        bail!("--as ID is required to change the kontering");
    };
    let parsed = rows
        .iter()
        .enumerate()
        .map(|(i, r)| parse_row(r).with_context(|| format!("--rad {} ({r:?})", i + 1)))
        .collect::<Result<Vec<_>>>()?;
    match store.set_kontering(id, parsed, &actor, &SystemClock) {
        Ok(wf) => {
            if json {
                println!(
                    "{}",
                    json!({"invoice": id, "state": wf.state.as_str(), "revision": wf.revision,
                        "rows": wf.coding.len()})
                );
            } else {
                println!(
                    "konteringen för faktura {id} är ändrad ({} rader); fakturan är nu {} och \
                     attesteringen börjar om",
                    wf.coding.len(),
                    wf.state
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(StoreError::Coding { problems, .. }) => {
            if json {
                let p: Vec<String> = problems.iter().map(ToString::to_string).collect();
                println!("{}", json!({"invoice": id, "refused": true, "problems": p}));
            } else {
                eprintln!("konteringen för faktura {id} ändrades inte:");
                for p in &problems {
                    eprintln!("  {p}");
                }
            }
            Ok(ExitCode::from(1))
        }
        Err(StoreError::Refused { code, reason, .. }) => {
            if json {
                println!(
                    "{}",
                    json!({"invoice": id, "refused": true, "code": code, "problems": [reason]})
                );
            } else {
                eprintln!("konteringen för faktura {id} ändrades inte ({code}): {reason}");
            }
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(e).with_context(|| format!("changing the kontering of invoice {id}")),
    }
}

/// Parses one `fält=värde;…` row. Unknown fields, a field given twice and an unreadable amount are
/// errors; fields left out are empty (the store's checks say which are required).
fn parse_row(text: &str) -> Result<CodingRow> {
    let mut row = CodingRow {
        amount: Decimal::ZERO,
        konto: String::new(),
        ansvar: String::new(),
        verksamhet: String::new(),
        aktivitet: String::new(),
        projekt: String::new(),
        objekt: String::new(),
        motpart: String::new(),
        momskod: String::new(),
    };
    let mut seen: Vec<String> = Vec::new();
    for pair in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((key, value)) = pair.split_once('=') else {
            bail!("{pair:?} is not fält=värde");
        };
        let key = key.trim().to_lowercase();
        let value = value.trim().to_string();
        if seen.contains(&key) {
            bail!("{key} is given twice");
        }
        seen.push(key.clone());
        match key.as_str() {
            "belopp" => {
                let normal = value.replace([' ', '\u{a0}'], "").replace(',', ".");
                row.amount = normal
                    .parse()
                    .with_context(|| format!("belopp {value:?} is not an amount"))?;
            }
            "konto" => row.konto = value,
            "ansvar" => row.ansvar = value,
            "verksamhet" => row.verksamhet = value,
            "aktivitet" => row.aktivitet = value,
            "projekt" => row.projekt = value,
            "objekt" => row.objekt = value,
            "motpart" => row.motpart = value,
            "momskod" => row.momskod = value.to_uppercase(),
            other => bail!(
                "unknown field {other:?} (belopp, konto, ansvar, verksamhet, aktivitet, projekt, \
                 objekt, motpart, momskod)"
            ),
        }
    }
    if !seen.iter().any(|k| k == "belopp") {
        bail!("belopp is required");
    }
    Ok(row)
}

fn print_rows(rows: &[CodingRow], json: bool) {
    if json {
        let v: Vec<_> = rows
            .iter()
            .map(|c| {
                json!({"belopp": c.amount.to_string(), "konto": c.konto, "ansvar": c.ansvar,
                    "verksamhet": c.verksamhet, "aktivitet": c.aktivitet, "projekt": c.projekt,
                    "objekt": c.objekt, "motpart": c.motpart, "momskod": c.momskod})
            })
            .collect();
        println!("{}", json!(v));
        return;
    }
    if rows.is_empty() {
        println!("ingen kontering");
    }
    for (i, c) in rows.iter().enumerate() {
        println!(
            "rad {}: belopp={};konto={};ansvar={};verksamhet={};aktivitet={};projekt={};objekt={};motpart={};momskod={}",
            i + 1,
            c.amount,
            c.konto,
            c.ansvar,
            c.verksamhet,
            c.aktivitet,
            c.projekt,
            c.objekt,
            c.motpart,
            c.momskod
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_parse_with_swedish_amounts_and_name_their_problems() {
        let r =
            parse_row("belopp=1 234,50; konto=4620;ansvar=4110;momskod=avdragsgill").expect("row");
        assert_eq!(r.amount, "1234.50".parse::<Decimal>().expect("d"));
        assert_eq!(
            (r.konto.as_str(), r.momskod.as_str()),
            ("4620", "AVDRAGSGILL")
        );
        for (bad, why) in [
            ("konto=4620", "belopp is required"),
            ("belopp=12;belopp=13", "belopp is given twice"),
            ("belopp=tolv", "is not an amount"),
            ("belopp=12;kst=41", "unknown field \"kst\""),
            ("belopp 12", "is not fält=värde"),
        ] {
            let e = format!("{:#}", parse_row(bad).expect_err(bad));
            assert!(e.contains(why), "{bad}: {e}");
        }
    }
}
