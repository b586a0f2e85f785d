//! `digilyft import` and `digilyft show`: invoices into the store, and one invoice's whole story.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use digilyft_core::api::invoices::{self, ImportOutcome, InvoiceView};
use digilyft_core::api::{CodingRow, approval::CodingField};
use serde_json::json;

use crate::shell::{DataArg, Shell, exit};
use crate::terminal::Plain;

/// Invoice commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Import e-invoices (files or folders): validate, store, route. Duplicates are reported.
    Import {
        /// Files or folders (searched recursively for *.xml).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        data: DataArg,
        /// Print the outcome per file as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Everything about one invoice: facts, kontering, steps, decisions, audit trail.
    Show {
        /// Invoice id or invoice number.
        invoice: String,
        #[command(flatten)]
        data: DataArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs an invoice command.
pub fn run(cmd: Command, shell: &Shell) -> Result<ExitCode> {
    match cmd {
        Command::Import { paths, data, json } => import(&paths, &data, json, shell),
        Command::Show {
            invoice,
            data,
            json,
        } => {
            let ws = data.open()?;
            show(&invoices::detail(&ws, &invoice)?, json)
        }
    }
}

fn import(paths: &[PathBuf], data: &DataArg, json: bool, shell: &Shell) -> Result<ExitCode> {
    let mut ws = data.open()?;
    let bar = (std::io::stderr().is_terminal() && !json).then(|| {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} fakturor {per_sec} ({eta})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let started = std::time::Instant::now();
    let outcomes = invoices::import_paths(&mut ws, &shell.ctx(), paths, &mut |done, total| {
        if let Some(b) = &bar {
            b.set_length(total as u64);
            b.set_position(done as u64);
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let secs = started.elapsed().as_secs_f64();
    let (mut stored, mut dup, mut action, mut unreadable) = (0, 0, 0, 0);
    let mut rows = Vec::new();
    for o in &outcomes {
        let file = o.path.display().to_string();
        let shown = Plain(&file);
        match &o.outcome {
            ImportOutcome::Stored { id, state } => {
                stored += 1;
                if !json {
                    println!("lagrad    {shown}: faktura {id} ({})", state.as_str());
                }
                rows.push(
                    json!({"file": file, "outcome": "stored", "id": id, "state": state.as_str()}),
                );
            }
            ImportOutcome::Duplicate { existing, kind } => {
                dup += 1;
                if !json {
                    println!(
                        "dubblett  {shown}: samma som faktura {existing} ({})",
                        kind.as_str()
                    );
                }
                rows.push(json!({"file": file, "outcome": "duplicate", "existing": existing, "kind": kind.as_str()}));
            }
            ImportOutcome::NeedsAction { id, reason } => {
                action += 1;
                if !json {
                    println!("åtgärd    {shown}: faktura {id}: {}", Plain(reason));
                }
                rows.push(
                    json!({"file": file, "outcome": "needs-action", "id": id, "reason": reason}),
                );
            }
            ImportOutcome::Unreadable { reason } => {
                unreadable += 1;
                if !json {
                    // The reason starts with the file's path.
                    println!("oläslig   {}", Plain(reason));
                }
                rows.push(json!({"file": file, "outcome": "unreadable", "reason": reason}));
            }
        }
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        // The summary goes to stderr so that stdout stays the per-file array it always was.
        eprintln!(
            "{}",
            json!({"summary": {"files": outcomes.len(), "stored": stored, "duplicates": dup,
                "needs_action": action, "unreadable": unreadable}})
        );
    } else {
        println!(
            "{} filer på {:.1} s ({:.0}/s): {stored} lagrade, {dup} dubbletter, {action} kräver åtgärd, {unreadable} olästa",
            outcomes.len(),
            secs,
            outcomes.len() as f64 / secs.max(1e-9)
        );
    }
    Ok(exit(action > 0 || unreadable > 0))
}

/// A kontering row as JSON, every field under its one name ([`CodingField`]).
pub fn coding_json(c: &CodingRow) -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> = CodingField::ALL
        .iter()
        .map(|f| (f.name().to_string(), json!(f.get(c))))
        .collect();
    serde_json::Value::Object(map)
}

fn show(d: &InvoiceView, json: bool) -> Result<ExitCode> {
    let s = &d.summary;
    if json {
        let steps: Vec<_> = d
            .steps
            .iter()
            .map(|st| {
                json!({"step": st.label, "state": st.state.as_str(), "assignee": st.assignee, "queue": st.queue,
                    "decided_by": st.decided_by, "acting_for": st.acting_for, "decided_at": st.decided_at.map(|t| t.to_rfc3339()),
                    "auto_rule": st.auto_rule})
            })
            .collect();
        let coding: Vec<_> = d.coding.iter().map(coding_json).collect();
        let decisions: Vec<_> = d
            .decisions
            .iter()
            .map(|x| {
                json!({"decision_id": x.decision_id, "step": x.step, "decision": x.decision, "actor": x.actor,
                    "acting_for": x.acting_for, "received_at": x.received_at.to_rfc3339(), "outcome": x.outcome.as_str(),
                    "reason_code": x.reason_code, "reason": x.reason, "resolved": x.resolved,
                    "comment": x.comment})
            })
            .collect();
        let audit: Vec<_> = d
            .audit
            .iter()
            .map(|e| json!({"seq": e.seq, "at": e.at.to_rfc3339(), "kind": e.event.kind, "actor": e.event.actor, "outcome": e.event.outcome, "reason": e.event.reason}))
            .collect();
        let v = json!({
            "id": s.id, "supplier": s.supplier, "supplier_id": s.supplier_id, "number": s.number,
            "kind": s.kind.map(|k| k.as_str()), "issue_date": s.issue_date.map(|d| d.to_string()),
            "due_date": s.due_date.map(|d| d.to_string()), "attest_deadline": s.attest_deadline.map(|d| d.to_string()),
            "net_amount": s.net_amount.to_string(), "amount": s.amount.to_string(), "currency": s.currency,
            "state": s.state.as_str(), "payment_block": s.payment_block, "file": s.file_name,
            "credits_invoice": d.credits_invoice, "revision": d.revision, "ruleset_version": d.ruleset_version,
            "flow_rule": d.flow_rule, "content_hash": d.content_hash,
            "kontering": coding, "steps": steps, "decisions": decisions, "audit": audit,
            "validation": d.validation, "model": d.model,
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "Faktura {} · {} ({}) · nr {}",
        s.id,
        Plain(&s.supplier),
        Plain(&s.supplier_id),
        Plain(&s.number)
    );
    println!(
        "  {} · fakturadatum {} · förfaller {} · attest senast {}",
        s.kind.map_or("oläslig", |k| k.as_str()),
        s.issue_date.map(|d| d.to_string()).unwrap_or_default(),
        s.due_date.map(|d| d.to_string()).unwrap_or_default(),
        s.attest_deadline.map(|d| d.to_string()).unwrap_or_default()
    );
    println!(
        "  exkl. moms {} · att betala {} {} · status {}{}",
        s.net_amount,
        s.amount,
        Plain(&s.currency),
        s.state,
        if s.payment_block {
            " · BETALSPÄRR"
        } else {
            ""
        }
    );
    if let Some(c) = d.credits_invoice {
        println!("  krediterar faktura {c}");
    }
    if let Some(r) = &d.flow_rule {
        println!(
            "  flödesregel {r} (regelversion {})",
            d.ruleset_version.unwrap_or_default()
        );
    }
    println!("Kontering:");
    for c in &d.coding {
        println!(
            "  {:>12}  konto {} ansvar {} verksamhet {} motpart {} moms {}",
            c.amount,
            Plain(&c.konto),
            Plain(&c.ansvar),
            Plain(&c.verksamhet),
            Plain(&c.motpart),
            Plain(&c.momskod)
        );
    }
    println!("Steg:");
    for st in &d.steps {
        let who = match (&st.decided_by, &st.acting_for) {
            (Some(b), Some(f)) => format!(" av {b} (ersättare för {f})"),
            (Some(b), None) => format!(" av {b}"),
            _ => String::new(),
        };
        let to = st
            .assignee
            .clone()
            .or_else(|| st.queue.as_ref().map(|q| format!("kö {q}")))
            .unwrap_or_default();
        println!(
            "  {:<13} {:<8} {:<10}{who}{}",
            st.label,
            st.state.as_str(),
            to,
            st.decided_at
                .map(|t| format!(" {}", t.format("%Y-%m-%d %H:%M")))
                .unwrap_or_default()
        );
    }
    if !d.decisions.is_empty() {
        println!("Beslut:");
        for x in &d.decisions {
            println!(
                "  {} {} {} av {}: {} ({})",
                x.received_at.format("%Y-%m-%d %H:%M"),
                x.step,
                x.decision,
                x.actor,
                x.outcome.as_str(),
                Plain(&x.reason)
            );
            if let Some(c) = x.comment.as_deref().filter(|c| !c.is_empty()) {
                println!("    kommentar: {}", Plain(c));
            }
        }
    }
    println!(
        "Händelser: {} i granskningsloggen (digilyft show {} --json)",
        d.audit.len(),
        s.id
    );
    Ok(ExitCode::SUCCESS)
}
