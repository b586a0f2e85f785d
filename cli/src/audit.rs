//! `digilyft audit …` and `digilyft export …`: verify the audit log, print its head, write the
//! ledger and archive packages, re-check archive packages.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use digilyft_core::api::audit::{self, Anchor, AnchorBreak, AnchorSource, AuditReport, Selection};
use serde_json::json;

use crate::shell::{DataArg, ForceArg, Shell, exit, write_file};

/// Audit and export commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// The audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Exports.
    #[command(subcommand)]
    Export(ExportCommand),
}

/// `digilyft audit …`.
#[derive(Debug, clap::Subcommand)]
pub enum AuditCommand {
    /// Verify the audit log: the hash chain, the anchor kept beside the store and any anchors
    /// given, and that every invoice, decision and rule set has its event. Names the first
    /// edited, removed or reordered event; exit 1 when anything is wrong.
    Verify {
        #[command(flatten)]
        data: DataArg,
        /// An anchor recorded earlier (`digilyft audit head`), as SEQ:HASH. Repeatable.
        #[arg(long, value_name = "SEQ:HASH")]
        anchor: Vec<String>,
        /// A ledger export (`digilyft export ledger`) whose Revisionsspår sheet holds an anchor.
        /// Repeatable.
        #[arg(long, value_name = "FILE.xlsx")]
        anchor_from: Vec<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Re-check archive packages written by `digilyft export archive`: every file against the
    /// manifest, every event against its hash. Needs only the folders; exit 1 when one changed.
    VerifyArchive {
        /// Package folders.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Administrator only: after a lost or disagreeing audit anchor has been dealt with (e.g. a
    /// store restored without its anchor), record an `audit.reanchored` event and write the
    /// log's head as the new anchor. Refused while the store's pages or hash chain are damaged.
    Reanchor {
        #[command(flatten)]
        data: DataArg,
        /// Confirms that the protection against removed events restarts from today's head.
        #[arg(long, required = true)]
        force: bool,
        /// Who re-anchors.
        #[arg(long, default_value = "admin")]
        by: String,
        /// Why (recorded in the audit event).
        #[arg(long)]
        reason: String,
    },
    /// Print the log's head as an anchor (SEQ:HASH) to file outside the store, e.g. in the
    /// nämnd's minutes; `audit verify --anchor` checks the log against it later.
    Head {
        #[command(flatten)]
        data: DataArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `digilyft export …`.
#[derive(Debug, clap::Subcommand)]
pub enum ExportCommand {
    /// Archive packages (räkenskapsinformation + behandlingshistorik): per invoice a folder with
    /// the original byte for byte, validation report, model, decisions, its audit events, the
    /// attestförteckning versions used and a manifest of SHA-256 sums.
    Archive {
        /// Invoice ids or numbers; none with --all.
        invoices: Vec<String>,
        /// Every invoice in the store.
        #[arg(long, conflicts_with = "invoices")]
        all: bool,
        /// Output folder (one sub-folder per invoice).
        #[arg(short, long)]
        output: PathBuf,
        #[command(flatten)]
        data: DataArg,
    },
    /// The ledger: invoices, state, amounts, kontering, who attested when, days to due date.
    Ledger {
        /// Output .xlsx.
        #[arg(short, long)]
        output: PathBuf,
        #[command(flatten)]
        data: DataArg,
        #[command(flatten)]
        force: ForceArg,
    },
}

/// Runs an audit or export command.
pub fn run(cmd: Command, shell: &Shell) -> Result<ExitCode> {
    match cmd {
        Command::Audit(AuditCommand::Verify {
            data,
            anchor,
            anchor_from,
            json,
        }) => verify(&data, &anchor, &anchor_from, json),
        Command::Audit(AuditCommand::Head { data, json }) => head(&data, json),
        Command::Audit(AuditCommand::VerifyArchive { dirs, json }) => verify_archives(&dirs, json),
        Command::Audit(AuditCommand::Reanchor {
            data,
            force: _,
            by,
            reason,
        }) => {
            let mut ws = data.open()?;
            let anchor = audit::reanchor(&mut ws, &shell.as_actor(&by), &reason)?;
            println!(
                "nytt ankare {} (händelse audit.reanchored av {by})",
                anchor.short()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Export(ExportCommand::Archive {
            invoices,
            all,
            output,
            data,
        }) => {
            let ws = data.open()?;
            let which = if all {
                Selection::All
            } else {
                Selection::Some(invoices)
            };
            for dir in audit::export_archive(&ws, &shell.ctx(), &which, &output)? {
                eprintln!("wrote {}", dir.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export(ExportCommand::Ledger {
            output,
            data,
            force,
        }) => {
            let ws = data.open()?;
            let export = audit::ledger_export(&ws, &shell.ctx())?;
            write_file(&output, &export.bytes, force.force)?;
            eprintln!("wrote {}", output.display());
            warn_cut(&export.cut);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn verify(data: &DataArg, anchors: &[String], files: &[PathBuf], json: bool) -> Result<ExitCode> {
    let mut sources: Vec<AnchorSource> = anchors
        .iter()
        .map(|a| AnchorSource::Text(a.clone()))
        .collect();
    for f in files {
        let bytes = digilyft_core::api::rules::read_spreadsheet_file(f)?;
        sources.push(AnchorSource::Ledger {
            name: f.display().to_string(),
            bytes,
        });
    }
    let ws = data.open()?;
    let r = audit::verify(&ws, &sources)?;
    if json {
        let anchors: Vec<_> = r
            .anchors
            .iter()
            .map(|c| {
                json!({"source": c.source, "anchor": c.anchor.short(), "agrees": c.result.is_ok(),
                    "problem": c.result.as_ref().err().map(ToString::to_string)})
            })
            .collect();
        let uncovered: Vec<String> = r.uncovered.iter().map(ToString::to_string).collect();
        println!(
            "{}",
            json!({
                "intact": r.intact(), "events": r.events,
                "head": r.head.as_ref().map(Anchor::short),
                "chain_intact": r.chain.is_ok(),
                "chain_problem": r.chain.as_ref().err().map(ToString::to_string),
                "first_broken_seq": r.first_broken_seq(),
                "anchors": anchors, "sidecar": r.sidecar, "sidecar_missing": r.sidecar_missing,
                "sidecar_problem": r.sidecar_problem, "uncovered": uncovered,
                "anchor_lost": r.anchor_lost,
                "storage_intact": r.storage.is_ok(),
                "storage_problem": r.storage.as_ref().err(),
            })
        );
    } else {
        print_report(&r);
    }
    Ok(exit(!r.intact()))
}

fn print_report(r: &AuditReport) {
    match &r.storage {
        Ok(()) => println!("lagrets sidor och tabeller är hela"),
        Err(p) => println!(
            "lagret är SKADAT: {p}; återställ det från en säkerhetskopia (inget skrivs till det)"
        ),
    }
    match &r.chain {
        Ok(n) => println!("hashkedjan är hel: {n} händelser"),
        Err(b) => println!("hashkedjan är BRUTEN: {b}"),
    }
    for c in &r.anchors {
        match &c.result {
            Ok(()) => println!("ankare {} ({}) stämmer", c.anchor.short(), c.source),
            Err(b) => {
                println!(
                    "ankare {} ({}) stämmer INTE: {b}",
                    c.anchor.short(),
                    c.source
                );
                if matches!(b, AnchorBreak::OtherLog) {
                    println!(
                        "  om lagret medvetet har ersatts: flytta undan {} efter att ha sparat det",
                        c.source
                    );
                }
            }
        }
    }
    if r.anchor_lost
        && let Some(path) = &r.sidecar
    {
        println!(
            "ankarfilen {path} har FÖRSVUNNIT: återställ den från en säkerhetskopia, eller låt \
             en administratör köra `digilyft audit reanchor --force --reason ...`; inget skrivs \
             till lagret förrän dess"
        );
    } else if r.sidecar_missing
        && let Some(path) = &r.sidecar
    {
        println!(
            "varning: ankarfilen {path} saknas (den skapas vid nästa ändring; saknas den efter \
             det har någon tagit bort den)"
        );
    }
    if let Some(p) = &r.sidecar_problem {
        println!("ankarfilen går inte att läsa: {p}");
    }
    for u in &r.uncovered {
        println!("händelse saknas: {u}");
    }
    if r.intact() {
        println!("granskningsloggen är hel");
    } else {
        match r.first_broken_seq() {
            Some(seq) => println!("granskningsloggen är BRUTEN från händelse {seq}"),
            None => println!("granskningsloggen är BRUTEN"),
        }
    }
}

fn verify_archives(dirs: &[PathBuf], json: bool) -> Result<ExitCode> {
    let mut all_intact = true;
    for dir in dirs {
        let c = audit::verify_archive(dir)?;
        all_intact &= c.intact();
        if json {
            println!(
                "{}",
                json!({"package": dir.display().to_string(), "intact": c.intact(),
                    "invoice": c.manifest.invoice_id, "events": c.events,
                    "changed_files": c.changed_files, "edited_events": c.edited_events})
            );
        } else if c.intact() {
            println!(
                "{}: oförändrat ({} filer, {} händelser)",
                dir.display(),
                c.manifest.files.len(),
                c.events
            );
        } else {
            println!(
                "{}: ÄNDRAT — filer: {:?}, händelser: {:?}",
                dir.display(),
                c.changed_files,
                c.edited_events
            );
        }
    }
    Ok(exit(!all_intact))
}

fn head(data: &DataArg, json: bool) -> Result<ExitCode> {
    let ws = data.open()?;
    match (audit::head(&ws)?, json) {
        (Some(a), true) => println!(
            "{}",
            json!({"anchor": a.short(), "seq": a.seq, "hash": a.hash, "first_hash": a.first_hash,
                "at": a.at.map(|t| t.to_rfc3339())})
        ),
        (Some(a), false) => println!("{}", a.short()),
        (None, true) => println!("{}", json!({"anchor": null, "seq": 0})),
        (None, false) => println!("granskningsloggen är tom"),
    }
    Ok(ExitCode::SUCCESS)
}

/// One warning for the texts an export cut to fit Excel's 32,767 characters per cell.
pub(crate) fn warn_cut(cut: &[String]) {
    if cut.is_empty() {
        return;
    }
    eprintln!(
        "warning: {} text(s) longer than Excel's 32,767 characters per cell were cut, marked \
         \"… [avkortad, N tecken]\":",
        cut.len()
    );
    for line in cut {
        eprintln!("  - {line}");
    }
}
