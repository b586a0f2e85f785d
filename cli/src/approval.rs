//! Approval commands: a clerk's and an attestant's day from the command line.
//!
//! `import`, `rules import|diff|activate|template`, `inbox`, `show`, `attest`, `audit verify`,
//! `export ledger`. Every command opens the store in `--data DIR` (or `DIGILYFT_DATA`, or the
//! user's data directory); commands whose output is data take `--json`. Exit codes: 0 ok,
//! 1 problems found (refused workbook, decision not accepted, broken audit chain, invoices that
//! need action), 2 error.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use digilyft_core::approval::Reminder;
use digilyft_core::approval::{Decision, Envelope, Outcome, Resolution, StepState};
use digilyft_core::audit::{Anchor, AnchorBreak};
use digilyft_core::clock::{Clock, SystemClock};
use digilyft_core::import::{collect_files, import_files};
use digilyft_core::paths;
use digilyft_core::store::{AuditReport, ImportOutcome, InboxItem, Store, StoreError};
use digilyft_core::workbook::{self, Change};
use serde_json::json;

/// Where the store lives.
#[derive(Debug, clap::Args)]
pub struct DataArg {
    /// Data directory (default: $DIGILYFT_DATA, else the user's data directory).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
}

impl DataArg {
    /// Opens the store in the chosen data directory.
    pub(crate) fn open(&self) -> Result<Store> {
        let dir = paths::data_dir(self.data.as_deref());
        let file = paths::store_file(&dir);
        Store::open(&file).with_context(|| format!("opening the store {}", file.display()))
    }
}

/// Approval commands.
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
    /// The attestförteckning: import, compare, activate, template.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Open steps waiting for a user (including those they stand in for as ersättare).
    Inbox {
        /// The user's id (person_id in the attestförteckning).
        #[arg(long)]
        user: String,
        #[command(flatten)]
        data: DataArg,
        /// Print JSON.
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
    /// The audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Exports.
    #[command(subcommand)]
    Export(ExportCommand),
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
    },
}

/// `digilyft attest`.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("decision").required(true))]
pub struct AttestArgs {
    /// Invoice id or invoice number.
    invoice: String,
    /// The deciding user.
    #[arg(long = "as", value_name = "ID")]
    actor: String,
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
    #[command(flatten)]
    data: DataArg,
    /// Print JSON.
    #[arg(long)]
    json: bool,
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
    },
}

/// Runs an approval command.
pub fn run(cmd: Command) -> Result<ExitCode> {
    let clock = SystemClock;
    match cmd {
        Command::Import { paths, data, json } => import(&paths, &data, json, &clock),
        Command::Rules(r) => rules(r, &clock),
        Command::Inbox { user, data, json } => inbox(&user, &data, json, &clock),
        Command::Show {
            invoice,
            data,
            json,
        } => show(&invoice, &data, json),
        Command::Attest(a) => attest(a, &clock),
        Command::Reminders { data, json } => reminders(&data, json, &clock),
        Command::Resolve {
            invoice,
            actor,
            resume,
            reject: _,
            comment,
            data,
            json,
        } => {
            let mut store = data.open()?;
            let id = find(&store, &invoice)?;
            let resolution = if resume {
                Resolution::Resume
            } else {
                Resolution::Reject
            };
            match store.resolve(id, &actor, resolution, &comment, &clock) {
                Ok(wf) => {
                    if json {
                        println!(
                            "{}",
                            json!({"invoice": id, "state": wf.state.as_str(), "payment_block": wf.payment_block})
                        );
                    } else {
                        println!(
                            "faktura {id}: {} (betalspärr {})",
                            wf.state,
                            if wf.payment_block { "kvar" } else { "hävd" }
                        );
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(StoreError::Refused { code, reason, .. }) => {
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
            let mut store = data.open()?;
            let escalated = store.escalate(&clock).context("escalating open steps")?;
            if json {
                println!("{}", json!({ "escalated_steps": escalated }));
            } else {
                println!("{escalated} attesteringssteg eskalerade");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Audit(AuditCommand::Verify {
            data,
            anchor,
            anchor_from,
            json,
        }) => audit_verify(&data, &anchor, &anchor_from, json),
        Command::Audit(AuditCommand::Head { data, json }) => audit_head(&data, json),
        Command::Audit(AuditCommand::VerifyArchive { dirs, json }) => verify_archives(&dirs, json),
        Command::Export(ExportCommand::Archive {
            invoices,
            all,
            output,
            data,
        }) => {
            let store = data.open()?;
            let ids: Vec<i64> = if all {
                store.list_invoices()?.iter().map(|s| s.id).collect()
            } else if invoices.is_empty() {
                bail!("name the invoices to archive, or give --all");
            } else {
                invoices
                    .iter()
                    .map(|k| find(&store, k))
                    .collect::<Result<_>>()?
            };
            for id in ids {
                let dir = digilyft_core::archive::export(&store, id, &output, clock.now())
                    .with_context(|| format!("archiving invoice {id}"))?;
                eprintln!("wrote {}", dir.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export(ExportCommand::Ledger { output, data }) => {
            let store = data.open()?;
            let anchor = store.audit_head().context("reading the audit log's head")?;
            let bytes = digilyft_core::ledger::write_ledger(
                &store.ledger()?,
                clock.now().date_naive(),
                anchor.as_ref(),
            )
            .context("writing the ledger workbook")?;
            std::fs::write(&output, bytes)
                .with_context(|| format!("writing {}", output.display()))?;
            eprintln!("wrote {}", output.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The store id of an invoice given by id or unique invoice number.
pub(crate) fn find(store: &Store, key: &str) -> Result<i64> {
    match store.find_invoice(key)? {
        Some(id) => Ok(id),
        None => bail!(
            "no invoice {key:?} (give the id shown by `digilyft inbox`, or a unique invoice number)"
        ),
    }
}

fn import(paths: &[PathBuf], data: &DataArg, json: bool, clock: &dyn Clock) -> Result<ExitCode> {
    let mut store = data.open()?;
    let files = collect_files(paths)?;
    let bar = if std::io::stderr().is_terminal() && !json {
        let b = indicatif::ProgressBar::new(files.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} fakturor {per_sec} ({eta})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(b)
    } else {
        None
    };
    let started = std::time::Instant::now();
    let outcomes = import_files(&mut store, &files, clock, &mut |done, _| {
        if let Some(b) = &bar {
            b.set_position(done as u64);
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let secs = started.elapsed().as_secs_f64();
    let (mut stored, mut dup, mut action) = (0, 0, 0);
    let mut rows = Vec::new();
    for o in &outcomes {
        let file = o.path.display().to_string();
        match &o.outcome {
            ImportOutcome::Stored { id, state } => {
                stored += 1;
                rows.push(
                    json!({"file": file, "outcome": "stored", "id": id, "state": state.as_str()}),
                );
            }
            ImportOutcome::Duplicate { existing, kind } => {
                dup += 1;
                if !json {
                    println!(
                        "dubblett  {file}: samma som faktura {existing} ({})",
                        kind.as_str()
                    );
                }
                rows.push(json!({"file": file, "outcome": "duplicate", "existing": existing, "kind": kind.as_str()}));
            }
            ImportOutcome::NeedsAction { id, reason } => {
                action += 1;
                if !json {
                    println!("åtgärd    {file}: faktura {id}: {reason}");
                }
                rows.push(
                    json!({"file": file, "outcome": "needs-action", "id": id, "reason": reason}),
                );
            }
        }
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        println!(
            "{} filer på {:.1} s ({:.0}/s): {stored} lagrade, {dup} dubbletter, {action} kräver åtgärd",
            outcomes.len(),
            secs,
            outcomes.len() as f64 / secs.max(1e-9)
        );
    }
    Ok(if action > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn rules(cmd: RulesCommand, clock: &dyn Clock) -> Result<ExitCode> {
    match cmd {
        RulesCommand::Template { output, sample } => {
            let bytes = if sample {
                workbook::sample::sample_workbook()?
            } else {
                workbook::write(&Default::default())?
            };
            std::fs::write(&output, bytes)
                .with_context(|| format!("writing {}", output.display()))?;
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
            let bytes =
                std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let name = file.file_name().map_or_else(
                || file.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let mut store = data.open()?;
            match workbook::load(&bytes, clock.now().date_naive()) {
                Err(problems) => {
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
                Ok((rules, warnings)) => {
                    let version =
                        store.add_ruleset(&name, &bytes, &rules, &by, &decision_ref, clock)?;
                    let routed = if activate {
                        Some(store.activate_ruleset(version, &by, clock)?)
                    } else {
                        None
                    };
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
                            "stored as rule-set version {version} ({} grants, {} flow rules){}",
                            rules.grants.len(),
                            rules.flows.len(),
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
            let store = data.open()?;
            let new = match (&file, version) {
                (Some(f), _) => {
                    let bytes =
                        std::fs::read(f).with_context(|| format!("reading {}", f.display()))?;
                    match workbook::load(&bytes, clock.now().date_naive()) {
                        Ok((r, _)) => r,
                        Err(problems) => {
                            for p in &problems {
                                println!("{}: {p}", f.display());
                            }
                            return Ok(ExitCode::from(1));
                        }
                    }
                }
                (None, Some(v)) => (*store.ruleset(v)?.rules).clone(),
                (None, None) => match store.rulesets()?.last() {
                    Some(v) => (*v.rules).clone(),
                    None => bail!("no rule set stored yet: `digilyft rules import FILE.xlsx`"),
                },
            };
            let old = store
                .active_ruleset()
                .map(|(_, r)| (*r).clone())
                .unwrap_or_default();
            let lines = workbook::diff(&old, &new);
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
            let mut store = data.open()?;
            let v = match version {
                Some(v) => v,
                None => match store.rulesets()?.last() {
                    Some(v) => v.version,
                    None => bail!("no rule set stored yet: `digilyft rules import FILE.xlsx`"),
                },
            };
            let routed = store.activate_ruleset(v, &by, clock)?;
            println!("rule-set version {v} is active; {routed} waiting invoices routed");
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn problem_json(p: &workbook::Problem) -> serde_json::Value {
    json!({
        "severity": match p.severity { workbook::Severity::Error => "error", workbook::Severity::Warning => "warning" },
        "sheet": p.sheet, "cell": p.cell, "column": p.column, "message": p.message,
    })
}

fn inbox(user: &str, data: &DataArg, json: bool, clock: &dyn Clock) -> Result<ExitCode> {
    let store = data.open()?;
    let items = store.inbox(user, clock.now().date_naive())?;
    if let Some((version, rules)) = store.active_ruleset()
        && !rules.knows(user)
    {
        eprintln!(
            "varning: {user:?} finns inte i den aktiva attestförteckningen (version {version}); \
             kontrollera id:t"
        );
    }
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
        for i in &items {
            println!("{}", item_line(i));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn reminders(data: &DataArg, json: bool, clock: &dyn Clock) -> Result<ExitCode> {
    let store = data.open()?;
    let list = store.reminders(clock.now().date_naive())?;
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
    Ok(if overdue {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
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
        i.supplier.chars().take(28).collect::<String>(),
        i.number,
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
    if i.invoice_state == digilyft_core::approval::InvoiceState::Disputed {
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

fn show(key: &str, data: &DataArg, json: bool) -> Result<ExitCode> {
    let store = data.open()?;
    let id = find(&store, key)?;
    let d = store.invoice_detail(id)?;
    let s = &d.summary;
    let steps: Vec<_> = d
        .workflow
        .steps
        .iter()
        .map(|st| {
            json!({"step": st.label, "state": st.state.as_str(), "assignee": st.assignee, "queue": st.queue,
                "decided_by": st.decided_by, "acting_for": st.acting_for, "decided_at": st.decided_at.map(|t| t.to_rfc3339()),
                "auto_rule": st.auto_rule})
        })
        .collect();
    let coding: Vec<_> = d
        .workflow
        .coding
        .iter()
        .map(|c| {
            json!({"amount": c.amount.to_string(), "konto": c.konto, "ansvar": c.ansvar, "verksamhet": c.verksamhet,
                "aktivitet": c.aktivitet, "projekt": c.projekt, "objekt": c.objekt, "motpart": c.motpart, "momskod": c.momskod})
        })
        .collect();
    let decisions: Vec<_> = d
        .decisions
        .iter()
        .map(|x| {
            json!({"decision_id": x.decision_id, "step": x.step, "decision": x.decision, "actor": x.actor,
                "acting_for": x.acting_for, "received_at": x.received_at.to_rfc3339(), "outcome": x.outcome.as_str(),
                "reason_code": x.reason_code, "reason": x.reason, "resolved": x.resolved})
        })
        .collect();
    let audit: Vec<_> = d
        .audit
        .iter()
        .map(|e| json!({"seq": e.seq, "at": e.at.to_rfc3339(), "kind": e.event.kind, "actor": e.event.actor, "outcome": e.event.outcome, "reason": e.event.reason}))
        .collect();
    if json {
        let report: serde_json::Value =
            serde_json::from_str(&d.report_json).unwrap_or(serde_json::Value::Null);
        let model: serde_json::Value = d
            .model_json
            .as_deref()
            .and_then(|m| serde_json::from_str(m).ok())
            .unwrap_or(serde_json::Value::Null);
        let v = json!({
            "id": s.id, "supplier": s.supplier, "supplier_id": s.supplier_id, "number": s.number,
            "kind": s.kind.map(|k| k.as_str()), "issue_date": s.issue_date.map(|d| d.to_string()),
            "due_date": s.due_date.map(|d| d.to_string()), "attest_deadline": s.attest_deadline.map(|d| d.to_string()),
            "net_amount": s.net_amount.to_string(), "amount": s.amount.to_string(), "currency": s.currency,
            "state": s.state.as_str(), "payment_block": s.payment_block, "file": s.file_name,
            "credits_invoice": d.credits_invoice, "revision": d.workflow.revision, "ruleset_version": d.workflow.ruleset_version,
            "flow_rule": d.workflow.flow_rule, "content_hash": d.content_hash,
            "kontering": coding, "steps": steps, "decisions": decisions, "audit": audit, "validation": report, "model": model,
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "Faktura {} · {} ({}) · nr {}",
        s.id, s.supplier, s.supplier_id, s.number
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
        s.currency,
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
    if let Some(r) = &d.workflow.flow_rule {
        println!(
            "  flödesregel {r} (regelversion {})",
            d.workflow.ruleset_version.unwrap_or_default()
        );
    }
    println!("Kontering:");
    for c in &d.workflow.coding {
        println!(
            "  {:>12}  konto {} ansvar {} verksamhet {} motpart {} moms {}",
            c.amount, c.konto, c.ansvar, c.verksamhet, c.motpart, c.momskod
        );
    }
    println!("Steg:");
    for st in &d.workflow.steps {
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
                x.reason
            );
        }
    }
    println!(
        "Händelser: {} i granskningsloggen (digilyft show {} --json)",
        d.audit.len(),
        s.id
    );
    Ok(ExitCode::SUCCESS)
}

fn attest(a: AttestArgs, clock: &dyn Clock) -> Result<ExitCode> {
    let mut store = a.data.open()?;
    let id = find(&store, &a.invoice)?;
    let d = store.invoice_detail(id)?;
    let now = clock.now();
    let Some((version, rules)) = store.active_ruleset() else {
        bail!("no rule set is active: `digilyft rules import FILE.xlsx --activate`");
    };
    if !rules.knows(&a.actor) {
        bail!(
            "unknown user {:?}: not in the active attestförteckning (version {version})",
            a.actor
        );
    }
    let step = match &a.step {
        Some(label) => match d.workflow.steps.iter().find(|s| &s.label == label) {
            Some(s) => s.clone(),
            None => bail!("invoice {id} has no step {label:?}"),
        },
        None => match d.workflow.steps.iter().find(|s| s.state == StepState::Open) {
            Some(s) => s.clone(),
            None => bail!(
                "invoice {id} has no open step (state {}): nothing to decide",
                d.summary.state
            ),
        },
    };
    if a.step.is_none() && step.state != StepState::Open {
        bail!(
            "step {} of invoice {id} is closed ({})",
            step.label,
            step.state.as_str()
        );
    }
    let acting_for = a.acting_for.clone().or_else(|| {
        step.assignee
            .as_ref()
            .filter(|p| **p != a.actor)
            .and_then(|p| {
                rules
                    .standing_in_for(&a.actor, now.date_naive())
                    .find(|ab| &ab.person_id == p)
                    .map(|ab| ab.person_id.clone())
            })
    });
    let decision = if a.approve {
        Decision::Attest
    } else if a.return_ {
        Decision::Return
    } else if a.reject {
        Decision::Reject
    } else {
        Decision::Dispute
    };
    let env = Envelope {
        decision_id: uuid::Uuid::now_v7().to_string(),
        invoice_id: id,
        step: step.label.clone(),
        decision,
        comment: a.comment.clone(),
        actor_id: a.actor.clone(),
        acting_for,
        content_hash: d.content_hash.clone(),
        base_revision: d.workflow.revision,
        ruleset_version: version,
        device_id: "cli".into(),
        device_counter: 0,
        device_time: now,
        last_server_sync_time: now,
    };
    let r = store.decide(&env, clock)?;
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(
                &json!({"decision_id": env.decision_id, "invoice": id, "step": env.step,
                "decision": decision.as_str(), "outcome": r.outcome.as_str(), "reason_code": r.reason_code, "reason": r.reason,
                "invoice_state": r.invoice_state.as_str()})
            )?
        );
    } else {
        println!(
            "{} {} på faktura {id}: {} — {} (fakturan: {})",
            step.label,
            decision,
            r.outcome.as_str(),
            r.reason,
            r.invoice_state
        );
    }
    Ok(if r.outcome == Outcome::Accepted {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn audit_verify(
    data: &DataArg,
    anchors: &[String],
    files: &[PathBuf],
    json: bool,
) -> Result<ExitCode> {
    let mut extra = Vec::new();
    for a in anchors {
        extra.push((
            "--anchor".to_string(),
            Anchor::parse_short(a).context("--anchor")?,
        ));
    }
    for f in files {
        let bytes = std::fs::read(f).with_context(|| format!("reading {}", f.display()))?;
        let a = digilyft_core::ledger::read_anchor(&bytes)
            .with_context(|| format!("{}: no audit anchor", f.display()))?;
        extra.push((f.display().to_string(), a));
    }
    let store = data.open()?;
    let r = store.audit_report(&extra)?;
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
            })
        );
    } else {
        print_audit_report(&r);
    }
    Ok(if r.intact() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_audit_report(r: &AuditReport) {
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
    if r.sidecar_missing
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
        let c = digilyft_core::archive::verify(dir)
            .with_context(|| format!("reading the archive package {}", dir.display()))?;
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
    Ok(if all_intact {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn audit_head(data: &DataArg, json: bool) -> Result<ExitCode> {
    let store = data.open()?;
    let head = store.audit_head()?;
    match (head, json) {
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
