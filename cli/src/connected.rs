//! Connected mode: `login`, `logout`, `sync`, `attention`, `acknowledge`, and the connected
//! variants of `inbox` and `attest` (chosen when the data directory holds `sync-client.sqlite`
//! with an enrolled device, i.e. after `digilyft login`; `--local` forces the local store).
//!
//! Exit codes: 0 ok; 1 something needs the user (an open "Behöver åtgärd" item after `sync`);
//! 2 error. An unreachable server is not an error: `sync` says so and the queue is kept.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context as _, Result};
use chrono::Offset as _;
use digilyft_core::api::connected::{
    self, AttentionView, Connection, DecideRequest, InboxItem, Lang, PendingView, SplitMix,
    SyncOptions, SyncReport, ThreadSleeper,
};
use digilyft_core::api::{Clock, Decision};
use serde_json::json;

use crate::shell::{DataArg, Shell, exit};
use crate::terminal::plain;

/// Environment variable read for the password (else a prompt without echo).
const PASSWORD_ENV: &str = "DIGILYFT_PASSWORD";

/// Text language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    /// Svenska.
    Sv,
    /// English.
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Sv => Lang::Sv,
            LangArg::En => Lang::En,
        }
    }
}

/// Connected-mode commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Log in to a shared server and enrol this device; the data directory is in connected mode
    /// from then on. The password comes from DIGILYFT_PASSWORD or a prompt (not echoed).
    Login {
        /// The server's base URL, e.g. https://digilyft.kommun.se.
        #[arg(long, value_name = "URL")]
        server: String,
        /// Login name.
        #[arg(long, value_name = "NAME")]
        user: String,
        /// This device's name on the server (default: the host name).
        #[arg(long, value_name = "NAME")]
        device_name: Option<String>,
        #[command(flatten)]
        data: DataArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Log out: forget the tokens. Queued decisions and the mirror stay on this device.
    Logout {
        #[command(flatten)]
        data: DataArg,
    },
    /// Send queued decisions, fetch changes and show what needs action ("Behöver åtgärd").
    Sync {
        /// Another address of the same server for this run.
        #[arg(long, value_name = "URL")]
        server: Option<String>,
        /// One cycle (the default).
        #[arg(long, conflicts_with = "watch")]
        once: bool,
        /// Keep syncing: long-poll the server for changes, back off while it is unreachable.
        #[arg(long)]
        watch: bool,
        /// With --watch: stop after this many cycles.
        #[arg(long, value_name = "N")]
        cycles: Option<u64>,
        /// Attempts per request before the server counts as unreachable this cycle.
        #[arg(long, default_value_t = 3, value_name = "N")]
        attempts: u32,
        #[command(flatten)]
        data: DataArg,
        /// Print JSON (one object per cycle).
        #[arg(long)]
        json: bool,
        /// Language of the texts.
        #[arg(long, value_enum, default_value = "sv")]
        lang: LangArg,
    },
    /// List the "Behöver åtgärd" items: decisions that did not take effect, with why and what to do.
    Attention {
        #[command(flatten)]
        data: DataArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Language of the texts.
        #[arg(long, value_enum, default_value = "sv")]
        lang: LangArg,
    },
    /// Acknowledge a "Behöver åtgärd" item (sent to the server as an audited mutation).
    Acknowledge {
        /// The mutation id the item is about.
        mutation_id: String,
        #[command(flatten)]
        data: DataArg,
    },
    /// Connection status: pending decisions, last sync, offline since, clock skew.
    Status {
        #[command(flatten)]
        data: DataArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Language of the texts.
        #[arg(long, value_enum, default_value = "sv")]
        lang: LangArg,
    },
}

/// Runs a connected-mode command.
pub fn run(cmd: Command, shell: &Shell) -> Result<ExitCode> {
    match cmd {
        Command::Login {
            server,
            user,
            device_name,
            data,
            json,
        } => login(&server, &user, device_name, &data, json, shell),
        Command::Logout { data } => {
            let mut conn = Connection::open(&data.dir())?;
            let removed = connected::logout(&mut conn)?;
            println!(
                "{}",
                if removed {
                    "utloggad; köade beslut finns kvar på enheten"
                } else {
                    "inte inloggad"
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Sync {
            server,
            once: _,
            watch,
            cycles,
            attempts,
            data,
            json,
            lang,
        } => sync(
            &data.dir(),
            server,
            watch,
            cycles,
            attempts,
            json,
            lang.into(),
            shell,
        ),
        Command::Attention { data, json, lang } => {
            let conn = Connection::open(&data.dir())?;
            let items = connected::attention(&conn, lang.into(), local_offset(shell.clock()))?;
            if json {
                let v: Vec<_> = items.iter().map(attention_json).collect();
                println!("{}", serde_json::to_string_pretty(&v)?);
            } else {
                print_attention(&items, lang.into());
            }
            Ok(exit(!items.is_empty()))
        }
        Command::Acknowledge { mutation_id, data } => {
            let mut conn = Connection::open(&data.dir())?;
            let p = connected::acknowledge(&mut conn, &shell.ctx(), &mutation_id)?;
            println!(
                "kvitterat {}: {} (skickas vid nästa synk)",
                plain(&mutation_id),
                p.badge_text
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Status { data, json, lang } => {
            let conn = Connection::open(&data.dir())?;
            let s = connected::status(&conn, lang.into())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&status_json(&s))?);
            } else {
                print_status(&s, lang.into());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The user's UTC offset now (for the times in attention texts).
fn local_offset(clock: &dyn Clock) -> chrono::FixedOffset {
    clock.now().with_timezone(&chrono::Local).offset().fix()
}

fn login(
    server: &str,
    user: &str,
    device_name: Option<String>,
    data: &DataArg,
    json: bool,
    shell: &Shell,
) -> Result<ExitCode> {
    let password = match std::env::var(PASSWORD_ENV) {
        Ok(p) if !p.is_empty() => p,
        _ => rpassword::prompt_password(format!("Lösenord för {user}: "))
            .context("reading the password (or set DIGILYFT_PASSWORD)")?,
    };
    let name = device_name
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "digilyft-cli".to_string());
    let mut conn = Connection::open(&data.dir())?;
    let v = connected::login(&mut conn, &shell.ctx(), server, user, &password, &name)
        .with_context(|| format!("logging in to {server} as {user}"))?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({"server": v.server_url, "username": v.username,
                "person_id": v.person_id, "role": v.role, "device_id": v.device_id,
                "enrolled_by": v.enrolled_by, "pending": v.pending}))?
        );
    } else {
        println!(
            "inloggad på {} som {} ({}, {}); enhet {} ({}); {} beslut väntar på att skickas",
            plain(&v.server_url),
            plain(&v.username),
            plain(&v.person_id),
            plain(&v.role),
            v.device_id,
            if v.enrolled_by == "server" {
                "registrerad av servern"
            } else {
                "id skapat här"
            },
            v.pending
        );
        println!("kör `digilyft sync` för att hämta dina fakturor");
    }
    Ok(ExitCode::SUCCESS)
}

#[allow(clippy::too_many_arguments)]
fn sync(
    dir: &Path,
    server: Option<String>,
    watch: bool,
    cycles: Option<u64>,
    attempts: u32,
    json: bool,
    lang: Lang,
    shell: &Shell,
) -> Result<ExitCode> {
    let mut conn = Connection::open(dir)?;
    let mut rng = SplitMix::from_os();
    let sleeper = ThreadSleeper;
    let tz = local_offset(shell.clock());
    let mut n = 0u64;
    let mut idle_failures = 0u32;
    loop {
        let options = SyncOptions {
            server: server.clone(),
            wait_secs: if watch { 25 } else { 0 },
            attempts,
            ignore_backoff: !watch,
        };
        let report = connected::sync_once(
            &mut conn,
            &shell.ctx(),
            &mut rng,
            &sleeper,
            &options,
            lang,
            tz,
        )?;
        if json {
            println!("{}", serde_json::to_string(&report_json(&report))?);
        } else {
            print_report(&report, lang);
        }
        n += 1;
        if !watch || cycles.is_some_and(|c| n >= c) {
            return Ok(exit(!report.attention.is_empty()));
        }
        if report.offline.is_some() {
            // The engine already backed off within the cycle; wait longer between cycles.
            idle_failures = idle_failures.saturating_add(1);
            let secs = (5u64 << idle_failures.min(6)).min(300);
            std::thread::sleep(Duration::from_secs(secs));
        } else {
            idle_failures = 0;
        }
    }
}

fn print_report(r: &SyncReport, lang: Lang) {
    let sv = lang == Lang::Sv;
    if let Some(why) = &r.offline {
        println!(
            "{} ({}); {} {}",
            if sv {
                "servern nås inte"
            } else {
                "the server cannot be reached"
            },
            plain(why),
            r.pending,
            if sv {
                "beslut väntar, sparade på enheten"
            } else {
                "decisions wait, saved on this device"
            }
        );
    }
    if r.rebuilt {
        println!(
            "{} ({} {})",
            if sv {
                "servern har återställts: fakturorna hämtades på nytt"
            } else {
                "the server was restored: invoices fetched again"
            },
            r.repushed,
            if sv {
                "beslut skickas igen"
            } else {
                "decisions sent again"
            }
        );
    }
    println!(
        "{}: {}  {}: {}  {}: {}",
        if sv { "skickat" } else { "pushed" },
        r.outcomes.len(),
        if sv { "hämtat" } else { "pulled" },
        r.pulled + r.removed,
        if sv { "väntar" } else { "pending" },
        r.pending
    );
    for o in &r.outcomes {
        println!(
            "  {} {} {}: {}{}{}",
            o.kind,
            o.invoice_id
                .as_deref()
                .map(|i| format!("{} {i}", if sv { "faktura" } else { "invoice" }))
                .unwrap_or_default(),
            plain(o.step.as_deref().unwrap_or("")),
            o.outcome,
            o.server_seq
                .map(|s| format!(" (server #{s})"))
                .unwrap_or_default(),
            if o.replayed {
                if sv {
                    " [redan mottaget]"
                } else {
                    " [replayed]"
                }
            } else {
                ""
            }
        );
    }
    for (id, why) in &r.quarantined {
        println!(
            "  {} {id}: {}",
            if sv { "karantän" } else { "quarantined" },
            plain(why)
        );
    }
    if let Some(w) = &r.status.skew_warning {
        println!("{}: {}", if sv { "varning" } else { "warning" }, w);
    }
    print_attention(&r.attention, lang);
}

fn print_attention(items: &[AttentionView], lang: Lang) {
    let sv = lang == Lang::Sv;
    if items.is_empty() {
        return;
    }
    println!(
        "{} ({}):",
        if sv {
            "Behöver åtgärd"
        } else {
            "Needs attention"
        },
        items.len()
    );
    for a in items {
        let place = match (&a.invoice_id, &a.step) {
            (Some(i), Some(s)) => format!(
                "{} {i} {}",
                if sv { "faktura" } else { "invoice" },
                plain(s)
            ),
            (Some(i), None) => format!("{} {i}", if sv { "faktura" } else { "invoice" }),
            _ => a.kind.clone(),
        };
        println!("  ! {place}: {}", plain(&a.message));
        println!(
            "    → {} ({}: digilyft acknowledge {})",
            plain(&a.advice),
            if sv { "kvittera" } else { "acknowledge" },
            a.mutation_id
        );
    }
}

fn print_status(s: &connected::StatusView, lang: Lang) {
    let sv = lang == Lang::Sv;
    let none = if sv { "aldrig" } else { "never" };
    println!(
        "server: {} ({})",
        s.server_url
            .as_deref()
            .map(plain)
            .unwrap_or_else(|| "-".into()),
        if s.logged_in {
            if sv { "inloggad" } else { "logged in" }
        } else if sv {
            "utloggad"
        } else {
            "logged out"
        }
    );
    println!(
        "{}: {}  {}: {}",
        if sv { "väntar" } else { "pending" },
        s.pending,
        if sv {
            "behöver åtgärd"
        } else {
            "needs attention"
        },
        s.attention
    );
    println!(
        "{}: {}",
        if sv { "senaste synk" } else { "last sync" },
        s.last_sync
            .map(|t| t.to_rfc3339())
            .unwrap_or_else(|| none.into())
    );
    if let Some(t) = s.offline_since {
        println!(
            "{}: {}",
            if sv { "offline sedan" } else { "offline since" },
            t.to_rfc3339()
        );
    }
    if let Some(w) = &s.skew_warning {
        println!("{}: {w}", if sv { "varning" } else { "warning" });
    }
    if let Some(b) = &s.rebuild_banner {
        println!("{b}");
    }
}

fn status_json(s: &connected::StatusView) -> serde_json::Value {
    json!({"logged_in": s.logged_in, "server": s.server_url, "person_id": s.person_id,
        "device_id": s.device_id, "pending": s.pending, "attention": s.attention,
        "last_sync": s.last_sync.map(|t| t.to_rfc3339()),
        "offline_since": s.offline_since.map(|t| t.to_rfc3339()), "skew_ms": s.skew_ms,
        "skew_warning": s.skew_warning, "rebuild_banner": s.rebuild_banner})
}

fn attention_json(a: &AttentionView) -> serde_json::Value {
    json!({"mutation_id": a.mutation_id, "kind": a.kind, "invoice": a.invoice_id, "step": a.step,
        "decision": a.decision, "outcome": a.outcome, "reason_code": a.reason_code, "action": a.action,
        "winner": a.winner, "winner_seq": a.winner_seq, "message": a.message,
        "advice": a.advice, "this_device": a.this_device})
}

fn report_json(r: &SyncReport) -> serde_json::Value {
    json!({
        "pushed": r.outcomes.iter().map(|o| json!({"mutation_id": o.mutation_id, "kind": o.kind,
            "invoice": o.invoice_id, "step": o.step, "outcome": o.outcome,
            "replayed": o.replayed, "server_seq": o.server_seq})).collect::<Vec<_>>(),
        "quarantined": r.quarantined.iter().map(|(id, why)| json!({"mutation_id": id, "reason": why})).collect::<Vec<_>>(),
        "pulled": r.pulled, "removed": r.removed, "rebuilt": r.rebuilt, "repushed": r.repushed,
        "offline": r.offline, "pending": r.pending,
        "status": status_json(&r.status),
        "attention": r.attention.iter().map(attention_json).collect::<Vec<_>>(),
    })
}

fn pending_json(p: &PendingView) -> serde_json::Value {
    json!({"mutation_id": p.mutation_id, "device_seq": p.device_seq, "kind": p.kind,
        "invoice": p.invoice_id, "step": p.step, "decision": p.decision,
        "badge": p.badge.key(), "badge_text": p.badge_text, "last_error": p.last_error})
}

/// `digilyft inbox` in connected mode: the logged-in person's open steps from the mirror, with
/// this device's decisions not yet effective.
pub fn inbox(dir: &Path, json: bool) -> Result<ExitCode> {
    let conn = Connection::open(dir)?;
    let items = connected::inbox(&conn, Lang::Sv)?;
    let status = connected::status(&conn, Lang::Sv)?;
    if json {
        let v: Vec<_> = items.iter().map(item_json).collect();
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(since) = status.offline_since {
        println!(
            "(offline sedan {}; visar senast hämtade läge)",
            since.to_rfc3339()
        );
    }
    if items.is_empty() {
        println!(
            "inga fakturor väntar på {}",
            plain(status.person_id.as_deref().unwrap_or("dig"))
        );
    }
    for i in &items {
        println!(
            "{:>6}  {:<13} {:<28} {:<14} {:>10} {:<3}  {:<10}  {}",
            i.invoice_id,
            plain(&i.step),
            plain(i.supplier.chars().take(28).collect::<String>()),
            plain(&i.number),
            i.amount.map(|a| a.to_string()).unwrap_or_default(),
            plain(&i.currency),
            i.attest_deadline.map(|d| d.to_string()).unwrap_or_default(),
            i.pending
                .as_ref()
                .map(|p| format!(
                    "[{}: {}]",
                    p.decision.as_deref().unwrap_or(""),
                    p.badge_text
                ))
                .unwrap_or_default()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn item_json(i: &InboxItem) -> serde_json::Value {
    json!({"invoice": i.invoice_id, "step": i.step, "kind": i.kind, "supplier": i.supplier,
        "number": i.number, "amount": i.amount.map(|a| a.to_string()), "currency": i.currency,
        "attest_deadline": i.attest_deadline.map(|d| d.to_string()),
        "pending": i.pending.as_ref().map(pending_json)})
}

/// `digilyft attest` in connected mode: saved on this device at once, sent by `digilyft sync`.
pub fn attest(dir: &Path, req: &DecideRequest, json: bool, shell: &Shell) -> Result<ExitCode> {
    let mut conn = Connection::open(dir)?;
    let p = connected::decide(&mut conn, &shell.ctx(), req)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&pending_json(&p))?);
    } else {
        println!(
            "{} {} på faktura {}: {} (skickas vid nästa `digilyft sync`; id {})",
            plain(p.step.as_deref().unwrap_or("")),
            req.decision,
            p.invoice_id.as_deref().unwrap_or(""),
            p.badge_text,
            p.mutation_id
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The decision of `attest`'s flags.
pub fn decision_of(approve: bool, return_: bool, reject: bool) -> Decision {
    if approve {
        Decision::Attest
    } else if return_ {
        Decision::Return
    } else if reject {
        Decision::Reject
    } else {
        Decision::Dispute
    }
}
