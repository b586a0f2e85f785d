//! The login session on this machine: access and refresh token in `sync-session.json` in the
//! data directory, readable by the user only (0600 on Unix).
//!
//! sync.md §2.8 asks for the OS keychain; these machines have none reachable from a headless
//! session (no Secret Service or keyring daemon), so the tokens live in a file only the user can
//! read, written atomically (a temporary file with the same permissions, then a rename) and
//! removed by `logout`. The refresh token is spent once by the server; a lost file only means
//! logging in again — the outbox is in `sync-client.sqlite` and is untouched.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// File name of the session inside the data directory.
pub const SESSION_FILE: &str = "sync-session.json";

/// A logged-in session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// The server's base URL.
    pub server_url: String,
    /// Login name.
    pub username: String,
    /// The account's person id.
    pub person_id: String,
    /// The account's role (`clerk`, `attestant`, …).
    pub role: String,
    /// Bearer token.
    pub access_token: String,
    /// When it expires (server time).
    pub access_expires_at: Option<DateTime<Utc>>,
    /// Token for one refresh.
    pub refresh_token: String,
    /// When that expires.
    pub refresh_expires_at: Option<DateTime<Utc>>,
}

/// The session file could not be read or written.
#[derive(Debug, thiserror::Error)]
#[error("session file {path}: {reason}")]
pub struct SessionFileError {
    /// The file.
    pub path: String,
    /// What went wrong.
    pub reason: String,
}

/// The session file of data directory `dir`.
pub fn session_file(dir: &Path) -> PathBuf {
    dir.join(SESSION_FILE)
}

/// Reads the session, if logged in.
pub fn load(dir: &Path) -> Result<Option<Session>, SessionFileError> {
    let path = session_file(dir);
    let err = |reason: String| SessionFileError {
        path: path.display().to_string(),
        reason,
    };
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| err(format!("{e}; log in again"))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(err(e.to_string())),
    }
}

/// Writes the session atomically, readable by the user only.
pub fn save(dir: &Path, session: &Session) -> Result<(), SessionFileError> {
    let path = session_file(dir);
    let err = |reason: String| SessionFileError {
        path: path.display().to_string(),
        reason,
    };
    std::fs::create_dir_all(dir).map_err(|e| err(e.to_string()))?;
    let bytes = serde_json::to_vec_pretty(session).map_err(|e| err(e.to_string()))?;
    let tmp = dir.join(format!("{SESSION_FILE}.tmp"));
    let _ = std::fs::remove_file(&tmp);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options.open(&tmp).map_err(|e| err(e.to_string()))?;
    file.write_all(&bytes).map_err(|e| err(e.to_string()))?;
    file.sync_all().map_err(|e| err(e.to_string()))?;
    drop(file);
    std::fs::rename(&tmp, &path).map_err(|e| err(e.to_string()))
}

/// Removes the session (logout). Removing a missing one is fine.
pub fn remove(dir: &Path) -> Result<bool, SessionFileError> {
    let path = session_file(dir);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(SessionFileError {
            path: path.display().to_string(),
            reason: e.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        Session {
            server_url: "http://127.0.0.1:1".into(),
            username: "anna".into(),
            person_id: "u230".into(),
            role: "attestant".into(),
            access_token: "a".into(),
            access_expires_at: None,
            refresh_token: "r".into(),
            refresh_expires_at: None,
        }
    }

    #[test]
    fn the_session_round_trips_and_only_the_user_can_read_it() {
        let dir = tempfile::tempdir().expect("tmp");
        assert_eq!(load(dir.path()).expect("none"), None);
        save(dir.path(), &session()).expect("save");
        save(dir.path(), &session()).expect("save again over the old one");
        assert_eq!(load(dir.path()).expect("load"), Some(session()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(session_file(dir.path()))
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(remove(dir.path()).expect("rm"));
        assert!(!remove(dir.path()).expect("rm again"));
    }
}
