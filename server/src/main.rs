//! `digilyft-server`: serve one municipality's workspace over HTTP, or manage its accounts.
//!
//! ```text
//! digilyft-server [serve] [--addr IP:PORT] [--data DIR] [--database sqlite:PATH] [--config FILE]
//! digilyft-server user add NAME --person ID --role ROLE   (password on stdin)
//! digilyft-server user list
//! digilyft-server user disable NAME
//! ```
//!
//! Setup only: the configuration (flags and environment over the TOML file over defaults), the
//! stores, the listener and the signals. On start it prints `listening on http://ADDR` on stdout.
//! SIGINT or SIGTERM stops accepting connections and lets requests in flight finish.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use digilyft_core::api::{Clock, DayClock, SystemClock, Workspace};
use digilyft_server::account_store::AccountStore;
use digilyft_server::auth::{self, Role};
use digilyft_server::config::{Config, FileConfig};
use digilyft_server::{AppState, app};
use tokio::net::TcpListener;

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "digilyft-server",
    version,
    about = "Digilyft shared-services server"
)]
struct Cli {
    #[command(flatten)]
    options: Options,
    #[command(subcommand)]
    command: Option<Command>,
}

/// Configuration given on the command line or in the environment.
#[derive(Debug, clap::Args)]
struct Options {
    /// A TOML configuration file (keys as the long flags, with `_`).
    #[arg(long, env = "DIGILYFT_SERVER_CONFIG", global = true)]
    config: Option<PathBuf>,
    /// Address to listen on (default 127.0.0.1:8080).
    #[arg(long, env = "DIGILYFT_SERVER_ADDR", global = true)]
    addr: Option<String>,
    /// The data directory (the account store; the default store file).
    #[arg(long, env = "DIGILYFT_DATA", global = true)]
    data: Option<PathBuf>,
    /// The database: sqlite:PATH (default: digilyft.sqlite in the data directory).
    #[arg(long, env = "DIGILYFT_DATABASE", global = true)]
    database: Option<String>,
    /// Serve plain HTTP on a non-loopback address (behind a TLS proxy).
    #[arg(long, global = true)]
    insecure_http: bool,
    /// Run as if today were this day (training installations, tests).
    #[arg(long, env = "DIGILYFT_TODAY", global = true)]
    today: Option<chrono::NaiveDate>,
    /// Largest request body in bytes.
    #[arg(long, global = true)]
    max_body_bytes: Option<usize>,
    /// Longest a request may take, in seconds.
    #[arg(long, global = true)]
    request_timeout_secs: Option<u64>,
    /// Requests served at once.
    #[arg(long, global = true)]
    max_concurrent_requests: Option<usize>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the REST API (the default).
    Serve,
    /// Manage local accounts.
    #[command(subcommand)]
    User(UserCommand),
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Add an account; the password is read from the first line of stdin.
    Add {
        /// The login name.
        username: String,
        /// The person id in the attestförteckning the account acts as.
        #[arg(long)]
        person: String,
        /// clerk, attestant, manager, analyst or admin.
        #[arg(long)]
        role: String,
    },
    /// List the accounts.
    List,
    /// Disable an account and revoke its tokens.
    Disable {
        /// The login name.
        username: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("digilyft-server: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let o = cli.options;
    let file = match &o.config {
        Some(path) => FileConfig::read(path)?,
        None => FileConfig::default(),
    };
    let given = FileConfig {
        addr: o.addr,
        data: o.data,
        database: o.database,
        insecure_http: o.insecure_http.then_some(true),
        today: o.today,
        max_body_bytes: o.max_body_bytes,
        request_timeout_secs: o.request_timeout_secs,
        max_concurrent_requests: o.max_concurrent_requests,
    };
    let config = Config::resolve(given, file)?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config),
        Command::User(cmd) => user(&config, cmd),
    }
}

fn open_accounts(config: &Config) -> anyhow::Result<AccountStore> {
    std::fs::create_dir_all(&config.data)
        .with_context(|| format!("cannot create the data directory {}", config.data.display()))?;
    let path = config.accounts_file();
    AccountStore::open(&path).with_context(|| format!("opening {}", path.display()))
}

fn user(config: &Config, cmd: UserCommand) -> anyhow::Result<()> {
    let mut store = open_accounts(config)?;
    let now = chrono::Utc::now().timestamp();
    match cmd {
        UserCommand::Add {
            username,
            person,
            role,
        } => {
            let role = Role::parse(&role).with_context(|| {
                format!("role {role:?} is not clerk, attestant, manager, analyst or admin")
            })?;
            let mut password = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut password)
                .context("reading the password from stdin")?;
            let password = password.trim_end_matches(['\r', '\n']);
            auth::add_account(&mut store, &username, &person, role, password, now)?;
            println!("added {username} ({role}, acting as {person})");
        }
        UserCommand::List => {
            for a in store.list()? {
                let state = if a.disabled { "disabled" } else { "active" };
                println!("{}\t{}\t{}\t{state}", a.username, a.role, a.person_id);
            }
        }
        UserCommand::Disable { username } => {
            store.disable(&username)?;
            println!("disabled {username}; its tokens are revoked");
        }
    }
    Ok(())
}

#[tokio::main]
async fn serve(config: Config) -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let accounts = open_accounts(&config)?;
    if let Some(dir) = config
        .store_file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let ws = Workspace::open_file(&config.store_file)?;
    let clock: Box<dyn Clock> = match config.today {
        Some(day) => Box::new(DayClock::new(day)),
        None => Box::new(SystemClock),
    };
    let state = AppState::new(ws, accounts, clock, config.limits);
    #[cfg(feature = "failpoints")]
    let state = {
        let armed = digilyft_server::failpoints::Failpoints::from_env()?;
        if !armed.armed().is_empty() {
            eprintln!("digilyft-server: failpoints armed: {:?}", armed.armed());
        }
        state.with_failpoints(armed)
    };
    let listener = TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.addr))?;
    let bound = listener.local_addr().context("reading the bound address")?;
    println!("listening on http://{bound}");
    std::io::stdout().flush().context("writing stdout")?;
    tracing::info!(store = %config.store_file.display(), "digilyft-server listening on {bound}");
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("serving HTTP")?;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown_signal() {
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
