//! The server's configuration: flags and environment first, then a TOML file, then defaults.
//!
//! Invariants checked by [`Config::resolve`]: the database is `sqlite:PATH` (PostgreSQL is
//! refused with a message until its backend lands); the TLS certificate and key come together;
//! and without them plain HTTP listens on a loopback address only, unless `insecure_http` says
//! otherwise.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

/// The default address: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// Largest request body by default (an invoice document or a rule workbook).
pub const DEFAULT_MAX_BODY: usize = 10 * 1024 * 1024;

/// Longest a request may take by default.
pub const DEFAULT_TIMEOUT_SECS: u64 = 30;

/// Requests served at once by default (more wait for a slot).
pub const DEFAULT_MAX_CONCURRENT: usize = 64;

/// File name of the server's account store inside the data directory.
pub const ACCOUNTS_FILE: &str = "digilyft-server-accounts.sqlite";

/// What may be given in the TOML file (`--config FILE`); every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// `addr = "127.0.0.1:8080"`.
    pub addr: Option<String>,
    /// `data = "/var/lib/digilyft"`.
    pub data: Option<PathBuf>,
    /// `database = "sqlite:/var/lib/digilyft/digilyft.sqlite"`.
    pub database: Option<String>,
    /// `insecure_http = true`.
    pub insecure_http: Option<bool>,
    /// `today = "2026-11-20"` (training installations).
    pub today: Option<chrono::NaiveDate>,
    /// `max_body_bytes = 10485760`.
    pub max_body_bytes: Option<usize>,
    /// `request_timeout_secs = 30`.
    pub request_timeout_secs: Option<u64>,
    /// `max_concurrent_requests = 64`.
    pub max_concurrent_requests: Option<usize>,
    /// `tls_cert = "/etc/digilyft/cert.pem"` (PEM certificate chain; with `tls_key`).
    pub tls_cert: Option<PathBuf>,
    /// `tls_key = "/etc/digilyft/key.pem"` (PEM private key; with `tls_cert`).
    pub tls_key: Option<PathBuf>,
}

impl FileConfig {
    /// Reads the TOML file `path`.
    pub fn read(path: &Path) -> Result<FileConfig, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Read {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        toml::from_str(&text).map_err(|e| ConfigError::Read {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })
    }
}

/// What is wrong with a configuration.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    /// The TOML file cannot be read or parsed.
    #[error("configuration file {path}: {reason}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The address is not `IP:PORT`.
    #[error("address {0:?} is not IP:PORT (e.g. 127.0.0.1:8080)")]
    BadAddr(String),
    /// Plain HTTP on a non-loopback address without `--insecure-http`.
    #[error(
        "refusing plain HTTP on {0}: only loopback addresses may serve without TLS; put a TLS \
         proxy in front and pass --insecure-http, or listen on 127.0.0.1"
    )]
    PlainHttpOutsideLoopback(SocketAddr),
    /// Only one of the TLS certificate and key.
    #[error("give both the TLS certificate and its key (--tls-cert and --tls-key), or neither")]
    TlsHalf,
    /// A PostgreSQL URL: not supported by this build yet.
    #[error(
        "PostgreSQL ({0}) is not supported by this version of digilyft-server yet; use the \
         embedded default --database sqlite:PATH"
    )]
    PostgresNotYet(String),
    /// Neither `sqlite:` nor `postgres://`.
    #[error("database {0:?} is not sqlite:PATH")]
    BadDatabase(String),
    /// A limit of zero.
    #[error("{0} must be greater than zero")]
    ZeroLimit(&'static str),
}

/// The configuration the server runs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Where to listen.
    pub addr: SocketAddr,
    /// The data directory (the account store; the default store file).
    pub data: PathBuf,
    /// The SQLite store file of the workspace.
    pub store_file: PathBuf,
    /// The day the server's clock stands on, for training installations (None: the system's).
    pub today: Option<chrono::NaiveDate>,
    /// The limits every request is held to.
    pub limits: Limits,
    /// The TLS certificate and key, when the server speaks HTTPS.
    pub tls: Option<TlsFiles>,
}

/// The PEM files of the server's TLS certificate chain and private key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    /// The certificate chain.
    pub cert: PathBuf,
    /// The private key.
    pub key: PathBuf,
}

/// The limits every request is held to (also shown by `GET /v1/meta`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest request body in bytes.
    pub max_body_bytes: usize,
    /// Longest a request may take.
    pub request_timeout: Duration,
    /// Requests served at once.
    pub max_concurrent: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: DEFAULT_MAX_BODY,
            request_timeout: Duration::from_secs(DEFAULT_TIMEOUT_SECS),
            max_concurrent: DEFAULT_MAX_CONCURRENT,
        }
    }
}

impl Config {
    /// Resolves `given` (flags and environment) over `file` over the defaults and checks it.
    pub fn resolve(given: FileConfig, file: FileConfig) -> Result<Config, ConfigError> {
        let addr_text = given
            .addr
            .or(file.addr)
            .unwrap_or_else(|| DEFAULT_ADDR.to_string());
        let addr: SocketAddr = addr_text
            .parse()
            .map_err(|_| ConfigError::BadAddr(addr_text.clone()))?;
        let insecure = given.insecure_http.or(file.insecure_http).unwrap_or(false);
        let tls = match (
            given.tls_cert.or(file.tls_cert),
            given.tls_key.or(file.tls_key),
        ) {
            (Some(cert), Some(key)) => Some(TlsFiles { cert, key }),
            (None, None) => None,
            _ => return Err(ConfigError::TlsHalf),
        };
        if tls.is_none() && !addr.ip().is_loopback() && !insecure {
            return Err(ConfigError::PlainHttpOutsideLoopback(addr));
        }
        let data = digilyft_core::paths::data_dir(given.data.or(file.data).as_deref());
        let store_file = match given.database.or(file.database) {
            None => digilyft_core::paths::store_file(&data),
            Some(url) => store_file_of(&url)?,
        };
        let d = Limits::default();
        let limits = Limits {
            max_body_bytes: given
                .max_body_bytes
                .or(file.max_body_bytes)
                .unwrap_or(d.max_body_bytes),
            request_timeout: given
                .request_timeout_secs
                .or(file.request_timeout_secs)
                .map_or(d.request_timeout, Duration::from_secs),
            max_concurrent: given
                .max_concurrent_requests
                .or(file.max_concurrent_requests)
                .unwrap_or(d.max_concurrent),
        };
        if limits.max_body_bytes == 0 {
            return Err(ConfigError::ZeroLimit("max_body_bytes"));
        }
        if limits.request_timeout.is_zero() {
            return Err(ConfigError::ZeroLimit("request_timeout_secs"));
        }
        if limits.max_concurrent == 0 {
            return Err(ConfigError::ZeroLimit("max_concurrent_requests"));
        }
        Ok(Config {
            addr,
            data,
            store_file,
            today: given.today.or(file.today),
            limits,
            tls,
        })
    }

    /// The server's account store file.
    pub fn accounts_file(&self) -> PathBuf {
        self.data.join(ACCOUNTS_FILE)
    }
}

/// The store file named by a database URL.
fn store_file_of(url: &str) -> Result<PathBuf, ConfigError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        // The URL may hold a password: name only its scheme.
        return Err(ConfigError::PostgresNotYet("postgres://…".into()));
    }
    match url.strip_prefix("sqlite:") {
        Some(path) if !path.is_empty() => Ok(PathBuf::from(path.trim_start_matches("//"))),
        _ => Err(ConfigError::BadDatabase(url.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(f: impl FnOnce(&mut FileConfig)) -> FileConfig {
        let mut c = FileConfig {
            data: Some(PathBuf::from("/tmp/d")),
            ..FileConfig::default()
        };
        f(&mut c);
        c
    }

    #[test]
    fn defaults_are_loopback_and_the_embedded_store() {
        let c = Config::resolve(given(|_| {}), FileConfig::default()).expect("config");
        assert_eq!(c.addr.to_string(), DEFAULT_ADDR);
        assert_eq!(c.store_file, PathBuf::from("/tmp/d/digilyft.sqlite"));
        assert_eq!(
            c.accounts_file(),
            PathBuf::from("/tmp/d").join(ACCOUNTS_FILE)
        );
        assert_eq!(c.limits, Limits::default());
    }

    #[test]
    fn flags_win_over_the_file() {
        let file = FileConfig {
            addr: Some("127.0.0.1:9000".into()),
            max_body_bytes: Some(5),
            database: Some("sqlite:/srv/f.sqlite".into()),
            ..FileConfig::default()
        };
        let c = Config::resolve(given(|g| g.addr = Some("127.0.0.1:9001".into())), file)
            .expect("config");
        assert_eq!(c.addr.port(), 9001);
        assert_eq!(c.limits.max_body_bytes, 5);
        assert_eq!(c.store_file, PathBuf::from("/srv/f.sqlite"));
    }

    #[test]
    fn bad_configurations_are_refused_by_name() {
        let cases: Vec<(FileConfig, ConfigError)> = vec![
            (
                given(|g| g.addr = Some("0.0.0.0:8080".into())),
                ConfigError::PlainHttpOutsideLoopback("0.0.0.0:8080".parse().expect("addr")),
            ),
            (
                given(|g| g.database = Some("postgres://u:secret@db/x".into())),
                ConfigError::PostgresNotYet("postgres://…".into()),
            ),
            (
                given(|g| g.database = Some("mysql://x".into())),
                ConfigError::BadDatabase("mysql://x".into()),
            ),
            (
                given(|g| g.addr = Some("localhost".into())),
                ConfigError::BadAddr("localhost".into()),
            ),
            (
                given(|g| g.max_concurrent_requests = Some(0)),
                ConfigError::ZeroLimit("max_concurrent_requests"),
            ),
        ];
        for (g, expected) in cases {
            assert_eq!(Config::resolve(g, FileConfig::default()), Err(expected));
        }
        let open = given(|g| {
            g.addr = Some("0.0.0.0:8080".into());
            g.insecure_http = Some(true);
        });
        assert!(Config::resolve(open, FileConfig::default()).is_ok());
        let half = given(|g| g.tls_cert = Some("c.pem".into()));
        assert_eq!(
            Config::resolve(half, FileConfig::default()),
            Err(ConfigError::TlsHalf)
        );
        let file = FileConfig {
            tls_key: Some("k.pem".into()),
            ..FileConfig::default()
        };
        let tls = given(|g| {
            g.addr = Some("0.0.0.0:8443".into());
            g.tls_cert = Some("c.pem".into());
        });
        let c = Config::resolve(tls, file).expect("TLS may listen anywhere");
        assert_eq!(
            c.tls,
            Some(TlsFiles {
                cert: "c.pem".into(),
                key: "k.pem".into()
            })
        );
        let err = Config::resolve(
            given(|g| g.database = Some("postgres://u:secret@db/x".into())),
            FileConfig::default(),
        )
        .expect_err("refused");
        assert!(!err.to_string().contains("secret"), "{err}");
    }

    #[test]
    fn a_toml_file_is_read_and_unknown_keys_refused() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("server.toml");
        std::fs::write(&path, "addr = \"127.0.0.1:7000\"\nmax_body_bytes = 100\n").expect("w");
        let f = FileConfig::read(&path).expect("read");
        assert_eq!(
            (f.addr.as_deref(), f.max_body_bytes),
            (Some("127.0.0.1:7000"), Some(100))
        );
        std::fs::write(&path, "adress = \"x\"\n").expect("w");
        assert!(matches!(
            FileConfig::read(&path),
            Err(ConfigError::Read { .. })
        ));
    }
}
