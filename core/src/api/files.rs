//! Saving the files a person asked for (templates, ledgers, reports, answers, converted
//! invoices): atomically, never over an existing file without `--force`, never through a link.
//! Every front end that writes a user-facing file calls [`save_file`]; the rules are in
//! [`crate::save`].

use std::path::Path;

use super::error::{ApiError, ErrorCode, Result};
pub use crate::save::Overwrite;
use crate::save::SaveError;

/// Saves `bytes` as `path` (see [`crate::save::save_file`]). An existing file is refused with
/// `conflict` unless `overwrite` is [`Overwrite::Replace`]; a link or a folder is refused with
/// `conflict` always; the file system's refusal is `io`.
pub fn save_file(path: &Path, bytes: &[u8], overwrite: Overwrite) -> Result<()> {
    Ok(crate::save::save_file(path, bytes, overwrite)?)
}

impl From<SaveError> for ApiError {
    fn from(e: SaveError) -> Self {
        let code = match &e {
            SaveError::Exists(_) | SaveError::Symlink(_) | SaveError::NotAFile(_) => {
                ErrorCode::Conflict
            }
            SaveError::Io { kind, .. } if *kind == std::io::ErrorKind::NotFound => {
                ErrorCode::NotFound
            }
            _ => ErrorCode::Io,
        };
        ApiError::new(code, e.to_string())
    }
}
