//! The store's error type and its result alias.
//!
//! Invariant: every error says what to do or which row is wrong; a SQLite error on a damaged file
//! or a file that is no store carries advice, never a bare code. Nothing here touches a
//! connection.

use crate::approval::{self, InvoiceState};

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite failed (a damaged file or one that is no store says so, with what to do).
    #[error("{}", sqlite_message(.0))]
    Sqlite(rusqlite::Error),
    /// The store file was written by a newer Digilyft.
    #[error(
        "the store {path} has schema version {found}, but this Digilyft only knows up to version \
         {supported}; install a newer Digilyft (the store was not changed)"
    )]
    TooNew {
        /// The store file.
        path: String,
        /// Its version.
        found: i64,
        /// The newest this binary knows.
        supported: i64,
    },
    /// The data directory could not be created.
    #[error("cannot create the data directory {path}: {source}")]
    Io {
        /// The directory.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// No such invoice.
    #[error("no invoice with id {0}")]
    NoSuchInvoice(i64),
    /// No such rule-set version.
    #[error("no rule-set version {0}")]
    NoSuchRuleSet(i64),
    /// No rule set has been activated yet.
    #[error(
        "no rule set is active: import and activate an attestförteckning first (digilyft rules import / activate)"
    )]
    NoActiveRuleSet,
    /// The decision names a person the rule sets do not know.
    #[error("unknown user {0:?}: not in the attestförteckning")]
    UnknownUser(String),
    /// The decision names a step the invoice does not have.
    #[error("invoice {invoice} has no step {step:?}")]
    NoSuchStep {
        /// The invoice.
        invoice: i64,
        /// The label given.
        step: String,
    },
    /// Stored data could not be read back (a bug or manual tampering).
    #[error("corrupt store: {0}")]
    Corrupt(String),
    /// The invoice is in a state where its kontering cannot change.
    #[error("invoice {invoice} is {state}: its kontering can no longer be changed")]
    NotRecodable {
        /// The invoice.
        invoice: i64,
        /// Its state.
        state: InvoiceState,
    },
    /// The proposed kontering has problems; nothing was changed.
    #[error("the kontering for invoice {invoice} was refused: {}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Coding {
        /// The invoice.
        invoice: i64,
        /// Every problem, by row and field.
        problems: Vec<approval::CodingProblem>,
    },
    /// An action on an invoice was refused by the approval rules; nothing was changed.
    #[error("invoice {invoice}: refused ({code}): {reason}")]
    Refused {
        /// The invoice.
        invoice: i64,
        /// Stable reason code.
        code: crate::approval::ReasonCode,
        /// Why.
        reason: String,
    },
    /// The connected-mode client file refuses what was asked in its current state (no device
    /// enrolled, another account's unsent decisions, no such attention item); nothing changed.
    #[error("{0}")]
    SyncPrecondition(String),
    /// The store is damaged (pages, hash chain or anchor): it can be read, but nothing is
    /// written to it.
    #[error(
        "the store {path} is damaged: {reason}. Nothing was changed and nothing will be written \
         to it: restore it from a backup together with its audit anchor, then run `digilyft \
         audit verify` (an administrator who has dealt with a lost anchor can run `digilyft \
         audit reanchor --force`)"
    )]
    Damaged {
        /// The store file.
        path: String,
        /// What is damaged.
        reason: String,
    },
    /// The data directory is read-only: the store was opened for reading only.
    #[error(
        "the data directory {dir} is read-only: reading works, but nothing can be written there \
         (make it writable, or give another directory with --data)"
    )]
    ReadOnly {
        /// The directory.
        dir: String,
    },
    /// The audit anchor file beside the store could not be read or written.
    #[error("audit anchor {path}: {reason}")]
    Anchor {
        /// The anchor file.
        path: String,
        /// What went wrong.
        reason: String,
    },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

/// The message of a SQLite error; a damaged store or a file that is no database gets advice.
fn sqlite_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
    match e.sqlite_error_code() {
        Some(DatabaseCorrupt | NotADatabase) => format!(
            "the store file is damaged or is not a Digilyft store ({e}); it was not changed: \
             restore it from a backup together with its audit anchor, then run `digilyft audit \
             verify`"
        ),
        _ => format!("database error: {e}"),
    }
}

/// What kind of SQLite failure a [`StoreError::Sqlite`] is, for callers that classify errors
/// without knowing SQLite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqliteFailure {
    /// The file is damaged or is no Digilyft store.
    Damaged,
    /// Another connection holds the lock (try again).
    Busy,
    /// Anything else (I/O, a full disk, permissions).
    Other,
}

impl StoreError {
    /// The kind of SQLite failure, when this is one.
    pub fn sqlite_failure(&self) -> Option<SqliteFailure> {
        use rusqlite::ErrorCode::{DatabaseBusy, DatabaseCorrupt, DatabaseLocked, NotADatabase};
        match self {
            StoreError::Sqlite(e) => Some(match e.sqlite_error_code() {
                Some(DatabaseCorrupt | NotADatabase) => SqliteFailure::Damaged,
                Some(DatabaseBusy | DatabaseLocked) => SqliteFailure::Busy,
                _ => SqliteFailure::Other,
            }),
            _ => None,
        }
    }
}

/// Result alias for the store.
pub type Result<T> = std::result::Result<T, StoreError>;
