//! Where Digilyft keeps its data on a desktop.
//!
//! The data directory is `DIGILYFT_DATA` when set, otherwise `digilyft/` under the user's data
//! directory (`~/.local/share` on Linux, `%APPDATA%` on Windows). The store is one SQLite file in it.

use std::path::{Path, PathBuf};

/// The environment variable that overrides the data directory.
pub const DATA_ENV: &str = "DIGILYFT_DATA";

/// File name of the SQLite store inside a data directory.
pub const STORE_FILE: &str = "digilyft.sqlite";

/// The data directory: `explicit` if given, else `$DIGILYFT_DATA`, else the user's data directory
/// joined with `digilyft`, else `./digilyft-data` when the platform has no data directory.
pub fn data_dir(explicit: Option<&Path>) -> PathBuf {
    if let Some(dir) = explicit {
        return dir.to_path_buf();
    }
    if let Some(dir) = std::env::var_os(DATA_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir().map_or_else(|| PathBuf::from("digilyft-data"), |d| d.join("digilyft"))
}

/// The store file inside `dir`.
pub fn store_file(dir: &Path) -> PathBuf {
    dir.join(STORE_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_directory_wins() {
        let dir = data_dir(Some(Path::new("/tmp/x")));
        assert_eq!(dir, PathBuf::from("/tmp/x"));
        assert_eq!(store_file(&dir), PathBuf::from("/tmp/x/digilyft.sqlite"));
    }
}
