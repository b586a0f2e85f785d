//! Approval commands: an attestant's day from the command line — `inbox`, `attest`, `resolve`,
//! `reminders`, `escalate`. Every command opens the store in `--data DIR` (or `DIGILYFT_DATA`,
//! or the user's data directory); commands whose output is data take `--json`. Exit codes: 0 ok,
//! 1 not accepted (a decision refused or parked, a step overdue), 2 error.

use std::process::ExitCode;

use anyhow::{Context as _, Result};
use digilyft_core::api::approval::{self, DecideRequest, InboxItem};
use digilyft_core::api::{InvoiceState, Outcome, Reminder, Resolution};
use serde_json::json;

use crate::shell::{DataArg, Shell, exit, refusal};
use crate::terminal::plain;

/// Approval commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Open steps waiting for a user (including those they stand in for as ersättare).
    Inbox {
        /// The user's id (person_id in the attestförteckning); in connected mode the logged-in
        /// person.
        #[arg(long)]
        user: Option<String>,
        /// Use the local store even when the data directory is connected to a server.
        #[arg(long)]
        local: bool,
        #[command(flatten)]
        data: DataArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Decide on an invoice's open step: approve, return, reject or dispute.
    Attest(AttestArgs),
    /// Escalate open steps whose attest deadline (due date minus the payment lead days) is near or
    /// past: to the assignee's nearest authorised manager, else the finance queue. Run it daily.
    Escalate {
        #[command(flatten)]
        data: DataArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// End a dispute or payment block: resume the attest (the supplier's answer is accepted) or
    /// reject the invoice (the dispute is upheld). Needs an attest right on the invoice and a
    /// stated reason.
    Resolve {
        /// Invoice id or invoice number.
        invoice: String,
        /// Who resolves it.
        #[arg(long = "as", value_name = "ID")]
        actor: String,
        /// Lift the block and go on with the attest.
        #[arg(long, conflicts_with = "reject", required_unless_present = "reject")]
        resume: bool,
        /// Reject the invoice.
        #[arg(long)]
        reject: bool,
        /// Why (the supplier's answer, a credit note number …); required.
        #[arg(long)]
        comment: String,
        #[command(flatten)]
        data: DataArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Today's reminders: every open step whose attest deadline is near or past, grouped by the
    /// person (or queue) it waits on, with who stands in for an absent assignee. Run it daily and
    /// send each person their list; exit 1 when some step is overdue.
    Reminders {
        #[command(flatten)]
        data: DataArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `digilyft attest`.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("decision").required(true))]
pub struct AttestArgs {
    /// Invoice id or invoice number.
    invoice: String,
    /// The deciding user (in connected mode: the logged-in person; this may be left out).
    #[arg(long = "as", value_name = "ID")]
    actor: Option<String>,
    /// Use the local store even when the data directory is connected to a server.
    #[arg(long)]
    local: bool,
    /// Approve (attest) the open step.
    #[arg(long, group = "decision")]
    approve: bool,
    /// Return it to the previous step.
    #[arg(long = "return", group = "decision")]
    return_: bool,
    /// Reject the invoice.
    #[arg(long, group = "decision")]
    reject: bool,
    /// Dispute it with the supplier (payment block).
    #[arg(long, group = "decision")]
    dispute: bool,
    /// Comment.
    #[arg(long)]
    comment: Option<String>,
    /// Step label (default: the open step).
    #[arg(long)]
    step: Option<String>,
    /// Act as ersättare for this absent person (default: detected from the inbox).
    #[arg(long = "for", value_name = "ID")]
    acting_for: Option<String>,
    /// Use this decision id (e.g. to replay an intent: the first outcome is returned and nothing
    /// changes); default: a new UUIDv7.
    #[arg(long, value_name = "ID")]
    decision_id: Option<String>,
    #[command(flatten)]
    data: DataArg,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Runs an approval command.
pub fn run(cmd: Command, shell: &Shell) -> Result<ExitCode> {
    match cmd {
        Command::Inbox {
            user,
            local,
            data,
            json,
        } => {
            if data.connected(local)? {
                return crate::connected::inbox(&data.dir(), json);
            }
            let user = user.context("--user ID is needed with the local store")?;
            inbox(&user, &data, json, shell)
        }
        Command::Attest(a) => attest(a, shell),
        Command::Reminders { data, json } => reminders(&data, json, shell),
        Command::Resolve {
            invoice,
            actor,
            resume,
            reject: _,
            comment,
            data,
            json,
        } => {
            let mut ws = data.open()?;
            let id = digilyft_core::api::invoices::find(&ws, &invoice)?;
            let invoice = id.to_string();
            let resolution = if resume {
                Resolution::Resume
            } else {
                Resolution::Reject
            };
            match approval::resolve(
                &mut ws,
                &shell.as_actor(&actor),
                &invoice,
                resolution,
                &comment,
            ) {
                Ok(c) => {
                    if json {
                        println!(
                            "{}",
                            json!({"invoice": c.invoice, "state": c.state.as_str(), "payment_block": c.payment_block})
                        );
                    } else {
                        println!(
                            "faktura {}: {} (betalspärr {})",
                            c.invoice,
                            c.state,
                            if c.payment_block { "kvar" } else { "hävd" }
                        );
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) if refusal(&e) => {
                    let code = e.rule().unwrap_or_default();
                    let reason = e
                        .faults
                        .first()
                        .map(|f| f.message.clone())
                        .unwrap_or_default();
                    if json {
                        println!(
                            "{}",
                            json!({"invoice": id, "refused": code, "reason": reason})
                        );
                    } else {
                        eprintln!("faktura {id}: nekat ({code}): {reason}");
                    }
                    Ok(ExitCode::from(1))
                }
                Err(e) => Err(e).with_context(|| format!("resolving invoice {id}")),
            }
        }
        Command::Escalate { data, json } => {
            let mut ws = data.open()?;
            let escalated =
                approval::escalate(&mut ws, &shell.ctx()).context("escalating open steps")?;
            if json {
                println!("{}", json!({ "escalated_steps": escalated }));
            } else {
                println!("{escalated} attesteringssteg eskalerade");
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn inbox(user: &str, data: &DataArg, json: bool, shell: &Shell) -> Result<ExitCode> {
    let ws = data.open()?;
    let inbox = approval::inbox(&ws, &shell.ctx(), user)?;
    if !inbox.known
        && let Some(version) = inbox.ruleset_version
    {
        eprintln!(
            "varning: {user:?} finns inte i den aktiva attestförteckningen (version {version}); \
             kontrollera id:t"
        );
    }
    let items = &inbox.items;
    if json {
        let v: Vec<_> = items.iter().map(item_json).collect();
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else if items.is_empty() {
        println!("inga fakturor väntar på {user}");
    } else {
        println!(
            "{:>6}  {:<13} {:<28} {:<14} {:>14}  {:<10}",
            "id", "steg", "leverantör", "fakturanr", "belopp", "attest senast"
        );
        for i in items {
            println!("{}", item_line(i));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn reminders(data: &DataArg, json: bool, shell: &Shell) -> Result<ExitCode> {
    let ws = data.open()?;
    let list = approval::reminders(&ws, &shell.ctx())?;
    let overdue = list
        .iter()
        .any(|r| matches!(r.item.reminder, Some(Reminder::Overdue(_))));
    if json {
        let v: Vec<_> = list
            .iter()
            .map(|r| {
                let mut v = item_json(&r.item);
                v["substitutes"] = json!(r.substitutes);
                v
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else if list.is_empty() {
        println!("inga påminnelser i dag");
    } else {
        let mut current: Option<&str> = None;
        for r in &list {
            let i = &r.item;
            if current != Some(i.assignee.as_str()) {
                current = Some(i.assignee.as_str());
                let n = list
                    .iter()
                    .filter(|x| x.item.assignee == i.assignee)
                    .count();
                let subs = if r.substitutes.is_empty() {
                    String::new()
                } else {
                    format!(" (frånvarande; ersättare {})", r.substitutes.join(", "))
                };
                println!("{}: {n} steg{subs}", i.assignee);
            }
            println!("  {}", item_line(i));
        }
    }
    Ok(exit(overdue))
}

/// One inbox or reminder line as JSON (`assignee` is the person or queue the step waits on).
fn item_json(i: &InboxItem) -> serde_json::Value {
    json!({"invoice": i.invoice_id, "step": i.step, "kind": i.kind.as_str(), "assignee": i.assignee,
        "acting_for": i.acting_for, "supplier": i.supplier, "number": i.number,
        "amount": i.amount.to_string(), "currency": i.currency,
        "due_date": i.due_date.map(|d| d.to_string()),
        "attest_deadline": i.attest_deadline.map(|d| d.to_string()),
        "reminder": reminder_json(i.reminder), "invoice_state": i.invoice_state.as_str(),
        "payment_block": i.payment_block})
}

/// One inbox or reminder line as text, in the column layout of `digilyft inbox`.
fn item_line(i: &InboxItem) -> String {
    format!(
        "{:>6}  {:<13} {:<28} {:<14} {:>10} {:<3}  {:<10}  {}{}{}",
        i.invoice_id,
        i.step,
        plain(i.supplier.chars().take(28).collect::<String>()),
        plain(&i.number),
        i.amount,
        i.currency,
        i.attest_deadline.map(|d| d.to_string()).unwrap_or_default(),
        reminder_text(i.reminder),
        blocked_text(i),
        i.acting_for
            .as_ref()
            .map(|a| format!("(ersättare för {a})"))
            .unwrap_or_default()
    )
}

/// "BESTRIDEN" / "BETALSPÄRR" when nothing can be decided until the invoice is resolved.
fn blocked_text(i: &InboxItem) -> &'static str {
    if i.invoice_state == InvoiceState::Disputed {
        "BESTRIDEN (digilyft resolve) "
    } else if i.payment_block {
        "BETALSPÄRR (digilyft resolve) "
    } else {
        ""
    }
}

/// The inbox's reminder column, in Swedish: days left inside the reminder window, or days late.
fn reminder_text(r: Option<Reminder>) -> String {
    match r {
        Some(Reminder::DueSoon(0)) => "PÅMINNELSE: attestera i dag ".to_string(),
        Some(Reminder::DueSoon(n)) => format!("påminnelse: {n} dagar kvar "),
        Some(Reminder::Overdue(n)) => format!("FÖRSENAD {n} dagar "),
        None => String::new(),
    }
}

fn reminder_json(r: Option<Reminder>) -> serde_json::Value {
    match r {
        Some(Reminder::DueSoon(n)) => json!({"kind": "due-soon", "days_left": n}),
        Some(Reminder::Overdue(n)) => json!({"kind": "overdue", "days_late": n}),
        None => serde_json::Value::Null,
    }
}

fn attest(a: AttestArgs, shell: &Shell) -> Result<ExitCode> {
    let decision = crate::connected::decision_of(a.approve, a.return_, a.reject);
    if a.data.connected(a.local)? {
        if a.decision_id.is_some() {
            anyhow::bail!(
                "--decision-id is for the local store; a connected decision gets its id here"
            );
        }
        let req = digilyft_core::api::connected::DecideRequest {
            invoice: a.invoice.clone(),
            step: a.step.clone(),
            decision,
            comment: a.comment.clone(),
            acting_for: a.acting_for.clone(),
        };
        return crate::connected::attest(&a.data.dir(), &req, a.json, shell);
    }
    let actor = a
        .actor
        .clone()
        .context("--as ID is needed with the local store")?;
    let mut ws = a.data.open()?;
    let req = DecideRequest {
        invoice: a.invoice.clone(),
        step: a.step.clone(),
        decision,
        comment: a.comment.clone(),
        acting_for: a.acting_for.clone(),
        decision_id: a.decision_id.clone(),
    };
    let r = approval::decide(&mut ws, &shell.as_actor(&actor), &req)?;
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(
                &json!({"decision_id": r.decision_id, "invoice": r.invoice, "step": r.step,
                "decision": decision.as_str(), "outcome": r.outcome.as_str(), "reason_code": r.reason_code, "reason": r.reason,
                "invoice_state": r.invoice_state.as_str(), "replay": r.replay})
            )?
        );
    } else {
        println!(
            "{} {} på faktura {}: {} — {} (fakturan: {})",
            r.step,
            decision,
            r.invoice,
            r.outcome.as_str(),
            r.reason,
            r.invoice_state
        );
    }
    Ok(exit(r.outcome != Outcome::Accepted))
}
