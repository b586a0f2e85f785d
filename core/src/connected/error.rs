//! Errors of the sync client.

use crate::store::StoreError;

/// Why a sync step could not be done. Transport trouble is not here: an unreachable server is a
/// normal state of a connected client ([`super::CycleReport::offline`]), not an error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SyncError {
    /// The client file failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The session file failed.
    #[error(transparent)]
    Session(#[from] super::session::SessionFileError),
    /// Not logged in, or the session ended (refresh refused): log in again; the queue is kept.
    #[error("{0}; log in again (digilyft login) — nothing queued is lost")]
    NeedLogin(String),
    /// The server refused the credentials or the request outright.
    #[error("the server refused: {0}")]
    Refused(String),
    /// The server speaks another sync protocol: update Digilyft; the queue is kept.
    #[error(
        "the server does not speak sync protocol 1 ({0}); update Digilyft — your queued decisions \
         are kept"
    )]
    UnsupportedProtocol(String),
    /// The server could not be reached for a step that needs it (login).
    #[error("cannot reach the server: {0}")]
    Unreachable(String),
    /// The server answered something this client cannot read.
    #[error("unexpected answer from the server: {0}")]
    Protocol(String),
}

/// Result alias of the sync client.
pub type Result<T> = std::result::Result<T, SyncError>;
