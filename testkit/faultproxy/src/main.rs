//! `digilyft-faultproxy`: the fault proxy as a process, for tests that drive it over its admin
//! API (`digilyft_faultproxy::admin`).
//!
//! ```text
//! digilyft-faultproxy --upstream 127.0.0.1:PORT [--listen 127.0.0.1:0] [--admin 127.0.0.1:0]
//!                     [--seed N] [--rules JSON]
//! ```
//!
//! Prints `proxy listening on http://ADDR`, `admin listening on http://ADDR` and `seed N` on
//! stdout, then serves until SIGINT/SIGTERM. Exit codes: 0 stopped, 2 bad arguments or cannot
//! listen.

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser;
use digilyft_faultproxy::{Config, FaultProxy, Rule};

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "digilyft-faultproxy",
    version,
    about = "Loopback HTTP fault proxy for sync fault tests"
)]
struct Cli {
    /// The server to forward to (loopback).
    #[arg(long)]
    upstream: SocketAddr,
    /// Where clients connect.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// The admin API's address.
    #[arg(long, default_value = "127.0.0.1:0")]
    admin: SocketAddr,
    /// The RNG seed (default: from the clock; printed either way).
    #[arg(long)]
    seed: Option<u64>,
    /// The initial rules, a JSON array (see the admin API's `PUT /rules`).
    #[arg(long)]
    rules: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("digilyft-faultproxy: {e:#}");
            ExitCode::from(2)
        }
    }
}

#[tokio::main]
async fn run(cli: Cli) -> anyhow::Result<()> {
    let seed = cli.seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64)
    });
    let rules: Vec<Rule> = match &cli.rules {
        Some(json) => serde_json::from_str(json).context("--rules is not a JSON array of rules")?,
        None => Vec::new(),
    };
    let mut config = Config::new(cli.upstream, seed);
    config.listen = cli.listen;
    config.admin = Some(cli.admin);
    config.rules = rules;
    let proxy = FaultProxy::start(config).await?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "proxy listening on http://{}", proxy.addr())?;
    if let Some(a) = proxy.admin_addr() {
        writeln!(out, "admin listening on http://{a}")?;
    }
    writeln!(out, "seed {}", proxy.seed())?;
    out.flush()?;
    drop(out);
    shutdown().await;
    Ok(())
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
