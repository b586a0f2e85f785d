//! `digilyft-server`: serve one municipality's workspace over HTTP, or manage its accounts.
//!
//! ```text
//! digilyft-server [serve] [--addr IP:PORT] [--data DIR] [--database sqlite:PATH] [--config FILE]
//!                 [--tls-cert CERT.pem --tls-key KEY.pem] [--insecure-http]
//! digilyft-server user add NAME --person ID --role ROLE   (password on stdin)
//! digilyft-server user list
//! digilyft-server user disable NAME
//! digilyft-server user set-role NAME ROLE
//! digilyft-server device list
//! digilyft-server device revoke DEVICE_ID
//! ```
//!
//! Setup only: the configuration (flags and environment over the TOML file over defaults), the
//! stores, the listener and the signals. On start it prints `listening on http://ADDR` on stdout.
//! SIGINT or SIGTERM stops accepting connections and lets requests in flight finish. Every
//! account and device change made here is recorded in the workspace's audit log.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use digilyft_core::api::audit::{self as api_audit, AccessEvent};
use digilyft_core::api::{Clock, Context, DayClock, SystemClock, UuidV7Ids, Workspace};
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
    /// Serve plain HTTP on a non-loopback address (behind a TLS proxy; not needed with TLS).
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
    /// Serve HTTPS with this PEM certificate chain (with --tls-key).
    #[arg(long, env = "DIGILYFT_TLS_CERT", global = true)]
    tls_cert: Option<PathBuf>,
    /// The PEM private key of --tls-cert.
    #[arg(long, env = "DIGILYFT_TLS_KEY", global = true)]
    tls_key: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the REST API (the default).
    Serve,
    /// Manage local accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// List and revoke enrolled devices.
    #[command(subcommand)]
    Device(DeviceCommand),
}

#[derive(Debug, Subcommand)]
enum DeviceCommand {
    /// List every enrolled device (id, account, enrolled, revoked, name).
    List,
    /// Revoke a device: its requests are refused from now on.
    Revoke {
        /// The device id (from `device list`).
        device_id: String,
    },
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
    /// Change an account's role; its tokens are revoked (it logs in again).
    SetRole {
        /// The login name.
        username: String,
        /// clerk, attestant, manager, analyst or admin.
        role: String,
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
        tls_cert: o.tls_cert,
        tls_key: o.tls_key,
    };
    let config = Config::resolve(given, file)?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config),
        Command::User(cmd) => user(&config, cmd),
        Command::Device(cmd) => device(&config, cmd),
    }
}

fn open_accounts(config: &Config) -> anyhow::Result<AccountStore> {
    std::fs::create_dir_all(&config.data)
        .with_context(|| format!("cannot create the data directory {}", config.data.display()))?;
    let path = config.accounts_file();
    AccountStore::open(&path).with_context(|| format!("opening {}", path.display()))
}

/// The role named `role`, or an error listing the roles.
fn role_named(role: &str) -> anyhow::Result<Role> {
    Role::parse(role).with_context(|| {
        format!("role {role:?} is not clerk, attestant, manager, analyst or admin")
    })
}

/// Records `event` in the workspace's audit log as done on the command line. The change itself
/// is made first; when recording fails the error says that it was made but not logged.
fn audit(config: &Config, event: AccessEvent) -> anyhow::Result<()> {
    let mut ws = open_workspace(config)?;
    let clock = clock_of(config);
    let ids = UuidV7Ids;
    let ctx = Context::new(clock.as_ref(), &ids).acting_as(COMMAND_LINE_ACTOR);
    api_audit::record_access(&mut ws, &ctx, &event).with_context(|| {
        format!(
            "the change was made, but recording it in the audit log of {} failed",
            config.store_file.display()
        )
    })
}

fn open_workspace(config: &Config) -> anyhow::Result<Workspace> {
    if let Some(dir) = config
        .store_file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    Workspace::open_file(&config.store_file)
        .with_context(|| format!("opening {}", config.store_file.display()))
}

fn clock_of(config: &Config) -> Box<dyn Clock> {
    match config.today {
        Some(day) => Box::new(DayClock::new(day)),
        None => Box::new(SystemClock),
    }
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
            let role = role_named(&role)?;
            let mut password = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut password)
                .context("reading the password from stdin")?;
            let password = password.trim_end_matches(['\r', '\n']);
            auth::add_account(&mut store, &username, &person, role, password, now)?;
            audit(
                config,
                AccessEvent::AccountAdded {
                    username: username.clone(),
                    role: role.to_string(),
                },
            )?;
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
            audit(
                config,
                AccessEvent::AccountDisabled {
                    username: username.clone(),
                },
            )?;
            println!("disabled {username}; its tokens are revoked");
        }
        UserCommand::SetRole { username, role } => {
            let role = role_named(&role)?;
            let before = store.set_role(&username, role.as_str())?;
            if before != role.as_str() {
                audit(
                    config,
                    AccessEvent::RoleChanged {
                        username: username.clone(),
                        from: before.clone(),
                        to: role.to_string(),
                    },
                )?;
            }
            println!("{username}: role {before} → {role}; its tokens are revoked");
        }
    }
    Ok(())
}

/// Who the command line acts as in `revoked_by` and the audit log.
const COMMAND_LINE_ACTOR: &str = "digilyft-server (command line)";

fn device(config: &Config, cmd: DeviceCommand) -> anyhow::Result<()> {
    let mut store = open_accounts(config)?;
    let now = chrono::Utc::now().timestamp();
    let when = |t: i64| {
        chrono::DateTime::from_timestamp(t, 0).map_or_else(|| t.to_string(), |d| d.to_rfc3339())
    };
    match cmd {
        DeviceCommand::List => {
            for d in store.devices(None)? {
                let revoked = match (d.revoked_at, &d.revoked_by) {
                    (Some(t), Some(by)) => format!("revoked {} by {by}", when(t)),
                    (Some(t), None) => format!("revoked {}", when(t)),
                    _ => "active".to_string(),
                };
                println!(
                    "{}\t{}\t{}\t{revoked}\t{}",
                    d.device_id,
                    d.username,
                    when(d.enrolled_at),
                    d.name
                );
            }
        }
        DeviceCommand::Revoke { device_id } => {
            let (d, now_revoked) = store.revoke_device(&device_id, COMMAND_LINE_ACTOR, now)?;
            if now_revoked {
                audit(
                    config,
                    AccessEvent::DeviceRevoked {
                        device_id: d.device_id.clone(),
                        owner: d.username.clone(),
                    },
                )?;
                println!("revoked {} ({} of {})", d.device_id, d.name, d.username);
            } else {
                println!("{} was revoked already", d.device_id);
            }
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
    let ws = open_workspace(&config)?;
    let clock = clock_of(&config);
    let tls = match &config.tls {
        Some(files) => Some(digilyft_server::tls::server_config(
            &files.cert,
            &files.key,
        )?),
        None => None,
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
    let scheme = if tls.is_some() { "https" } else { "http" };
    println!("listening on {scheme}://{bound}");
    std::io::stdout().flush().context("writing stdout")?;
    tracing::info!(store = %config.store_file.display(), "digilyft-server listening on {scheme}://{bound}");
    match tls {
        None => axum::serve(listener, app(state))
            .with_graceful_shutdown(shutdown_signal())
            .await
            .context("serving HTTP")?,
        Some(tls) => {
            // Graceful as the plain server: stop accepting, let requests in flight finish
            // (each is bounded by the request timeout).
            let handle = axum_server::Handle::new();
            let stopper = handle.clone();
            let grace = config.limits.request_timeout;
            tokio::spawn(async move {
                shutdown_signal().await;
                stopper.graceful_shutdown(Some(grace));
            });
            let listener = listener.into_std().context("the listener")?;
            axum_server::from_tcp_rustls(
                listener,
                axum_server::tls_rustls::RustlsConfig::from_config(tls),
            )
            .handle(handle)
            .serve(app(state).into_make_service())
            .await
            .context("serving HTTPS")?;
        }
    }
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
