//! Saving user-facing files and folders: atomically, never over an existing file unless asked,
//! never through a symbolic link.
//!
//! Every file Digilyft writes for a person (a template, a ledger, a report, answers, a converted
//! invoice, an archive package) goes through [`save_file`] or [`save_folder`]:
//!
//! * the bytes go to a temporary file in the target's own directory, are flushed to disk
//!   (`fsync`), and only then take the target's name with one `rename` (or `link`), so a crash,
//!   `kill -9` or a full disk leaves either no file or the whole old file, never half of one;
//! * an existing target is kept unless [`Overwrite::Replace`] is given (the `--force` flag), and
//!   even then the check and the replacement cannot race with another writer into a half file;
//! * a target that is a symbolic link (or a folder) is refused: writing "through" a link would
//!   change a file somewhere else;
//! * a temporary file or folder a killed run left behind never blocks the next run: names carry
//!   the process id and a counter, and leftovers of processes that are gone are removed.
//!
//! Invariant: nothing here leaves a target partly written.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Whether an existing target may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Refuse when the target exists (the default of every command).
    Never,
    /// Replace an existing regular file (the `--force` flag). Links and folders are still
    /// refused.
    Replace,
}

impl Overwrite {
    /// [`Overwrite::Replace`] when `force`, else [`Overwrite::Never`].
    pub fn when(force: bool) -> Self {
        if force {
            Overwrite::Replace
        } else {
            Overwrite::Never
        }
    }
}

/// Why a file or folder was not saved. The target was not changed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SaveError {
    /// The target exists and replacing it was not asked for.
    #[error("{0} already exists; it was not changed (give --force to replace it)")]
    Exists(PathBuf),
    /// The target is a symbolic link.
    #[error("{0} is a symbolic link; Digilyft does not write through links (name the real file)")]
    Symlink(PathBuf),
    /// The target is a folder (or another non-file).
    #[error("{0} is a folder or a special file, not a file that can be replaced")]
    NotAFile(PathBuf),
    /// The file system refused.
    #[error("cannot write {path}: {reason}; it was not changed")]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// The operating system's reason.
        reason: String,
        /// Its kind (permissions, a full disk, ...).
        kind: std::io::ErrorKind,
    },
}

fn io(path: &Path, e: &std::io::Error) -> SaveError {
    SaveError::Io {
        path: path.to_path_buf(),
        reason: e.to_string(),
        kind: e.kind(),
    }
}

/// Marker in the names of temporary files and folders.
const TEMP_MARK: &str = ".digilyft-tmp-";

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A fresh temporary name for `target` in its directory:
/// `.<name>.digilyft-tmp-<pid>-<n>`.
fn temp_name(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    target.with_file_name(format!(".{name}{TEMP_MARK}{}-{n}", std::process::id()))
}

/// Removes temporary files and folders of `target` left by processes that no longer run. Only
/// where running processes can be told (Linux `/proc`); elsewhere leftovers are just ignored.
fn clean_leftovers(target: &Path) {
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    if !Path::new("/proc/self").exists() {
        return;
    }
    let prefix = format!(".{}{TEMP_MARK}", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(rest) = file.to_str().and_then(|f| f.strip_prefix(&prefix)) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid == std::process::id() || Path::new("/proc").join(pid.to_string()).exists() {
            continue;
        }
        let path = entry.path();
        let _ = match entry.file_type() {
            Ok(t) if t.is_dir() => fs::remove_dir_all(&path),
            _ => fs::remove_file(&path),
        };
    }
}

/// Checks the target before anything is written: refused when it is a link, a folder, or an
/// existing file without [`Overwrite::Replace`].
fn check_target(target: &Path, overwrite: Overwrite, folder: bool) -> Result<(), SaveError> {
    match fs::symlink_metadata(target) {
        Ok(m) if m.file_type().is_symlink() => Err(SaveError::Symlink(target.to_path_buf())),
        Ok(_) if folder => Err(SaveError::Exists(target.to_path_buf())),
        Ok(m) if !m.is_file() => Err(SaveError::NotAFile(target.to_path_buf())),
        Ok(_) if overwrite == Overwrite::Never => Err(SaveError::Exists(target.to_path_buf())),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io(target, &e)),
    }
}

/// The target's directory. It must exist: whether a missing folder is created is the caller's
/// choice (the CLI creates `-o`'s folders; the desktop answers a chosen path in a missing folder
/// `not-found`).
fn target_dir(target: &Path) -> Result<PathBuf, SaveError> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::metadata(&dir).map_err(|e| io(target, &e))?;
    Ok(dir)
}

/// Flushes a directory's entries to disk (best effort: not every platform can open one).
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Gives the finished temporary `tmp` the name `target`. With [`Overwrite::Never`] a hard link
/// is made first, which fails when the target appeared meanwhile (no race with another writer);
/// a file system without links falls back to a checked rename.
fn put_in_place(tmp: &Path, target: &Path, overwrite: Overwrite) -> Result<(), SaveError> {
    if overwrite == Overwrite::Never {
        match fs::hard_link(tmp, target) {
            Ok(()) => {
                let _ = fs::remove_file(tmp);
                return Ok(());
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(SaveError::Exists(target.to_path_buf()));
            }
            Err(_) => check_target(target, overwrite, false)?,
        }
    } else {
        // A link put there since the first check is refused, not replaced.
        check_target(target, overwrite, false)?;
    }
    fs::rename(tmp, target).map_err(|e| io(target, &e))
}

/// Saves `bytes` as the file `target` (see the module documentation): atomically, refusing an
/// existing file unless `overwrite` is [`Overwrite::Replace`], never through a link. The
/// target's folder must exist (a missing one is an `io` error of kind `NotFound`).
pub fn save_file(target: &Path, bytes: &[u8], overwrite: Overwrite) -> Result<(), SaveError> {
    check_target(target, overwrite, false)?;
    let dir = target_dir(target)?;
    clean_leftovers(target);
    let tmp = temp_name(target);
    let written = (|| {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(|e| io(target, &e))?;
        f.write_all(bytes).map_err(|e| io(target, &e))?;
        f.sync_all().map_err(|e| io(target, &e))?;
        drop(f);
        put_in_place(&tmp, target, overwrite)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written?;
    sync_dir(&dir);
    Ok(())
}

/// A folder being built by [`save_folder`]: files are written into a temporary folder next to
/// the target, which takes the target's name only when everything is written.
#[derive(Debug)]
pub struct FolderBuild {
    tmp: PathBuf,
}

impl FolderBuild {
    /// Writes one file `name` (a plain file name, no folders) into the folder being built.
    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<(), SaveError> {
        let path = self.tmp.join(name);
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| io(&path, &e))?;
        f.write_all(bytes).map_err(|e| io(&path, &e))?;
        f.sync_all().map_err(|e| io(&path, &e))
    }

    /// Where the folder is being built (its files are not final yet).
    pub fn path(&self) -> &Path {
        &self.tmp
    }
}

/// Builds the new folder `target` with `build` and puts it in place with one rename. An
/// existing target (folder, file or link) is never replaced; a temporary folder from a killed
/// run never blocks the next one. When `build` fails nothing is left behind.
pub fn save_folder<T, E>(
    target: &Path,
    build: impl FnOnce(&FolderBuild) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<SaveError>,
{
    check_target(target, Overwrite::Never, true)?;
    let dir = target_dir(target)?;
    clean_leftovers(target);
    let tmp = temp_name(target);
    fs::create_dir(&tmp).map_err(|e| io(target, &e))?;
    let folder = FolderBuild { tmp };
    let done = build(&folder).and_then(|value| {
        sync_dir(&folder.tmp);
        match fs::symlink_metadata(target) {
            Ok(_) => return Err(SaveError::Exists(target.to_path_buf()).into()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(target, &e).into()),
        }
        fs::rename(&folder.tmp, target).map_err(|e| io(target, &e))?;
        Ok(value)
    });
    if done.is_err() {
        let _ = fs::remove_dir_all(&folder.tmp);
    }
    sync_dir(&dir);
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_is_written_and_an_existing_one_kept_without_replace() {
        let dir = tempfile::tempdir().expect("tmp");
        let target = dir.path().join("sub").join("answers.csv");
        fs::create_dir(dir.path().join("sub")).expect("sub");
        save_file(&target, b"real answers", Overwrite::Never).expect("new file");
        let err = save_file(&target, b"synthetic", Overwrite::Never).expect_err("exists");
        assert!(matches!(err, SaveError::Exists(_)), "{err}");
        assert!(err.to_string().contains("--force"), "{err}");
        assert_eq!(fs::read(&target).expect("read"), b"real answers");
        save_file(&target, b"replaced", Overwrite::Replace).expect("forced");
        assert_eq!(fs::read(&target).expect("read"), b"replaced");
        let names: Vec<_> = fs::read_dir(target.parent().expect("dir"))
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["answers.csv"], "no temporary file is left");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_refused_even_with_replace_and_its_target_untouched() {
        let dir = tempfile::tempdir().expect("tmp");
        let real = dir.path().join("real.xlsx");
        fs::write(&real, b"filled workbook").expect("write");
        let link = dir.path().join("ledger.xlsx");
        std::os::unix::fs::symlink(&real, &link).expect("link");
        for overwrite in [Overwrite::Never, Overwrite::Replace] {
            let err = save_file(&link, b"ledger", overwrite).expect_err("refused");
            assert!(matches!(err, SaveError::Symlink(_)), "{err}");
        }
        assert_eq!(fs::read(&real).expect("read"), b"filled workbook");
        let dangling = dir.path().join("dangling.xlsx");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).expect("link");
        assert!(matches!(
            save_file(&dangling, b"x", Overwrite::Never),
            Err(SaveError::Symlink(_))
        ));
        assert!(!dir.path().join("nowhere").exists());
    }

    #[test]
    fn a_folder_is_built_aside_and_renamed_and_leftovers_do_not_block() {
        let dir = tempfile::tempdir().expect("tmp");
        let target = dir.path().join("1-F-1");
        // What a killed run leaves: a temporary folder of a process that is gone.
        let leftover = dir.path().join(format!(".1-F-1{TEMP_MARK}999999999-0"));
        fs::create_dir(&leftover).expect("leftover");
        fs::write(leftover.join("original.xml"), b"half").expect("half");
        let failed: Result<(), SaveError> = save_folder(&target, |f| {
            f.write("a", b"1")?;
            Err(SaveError::NotAFile(PathBuf::from("simulated failure")))
        });
        assert!(failed.is_err());
        assert!(!target.exists(), "a failed build leaves no package");
        save_folder(&target, |f| {
            f.write("a", b"1")?;
            f.write("b", b"2")
        })
        .expect("built");
        assert_eq!(fs::read(target.join("b")).expect("b"), b"2");
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        if Path::new("/proc/self").exists() {
            assert_eq!(names, ["1-F-1"], "the leftover was cleaned up");
        }
        let again: Result<(), SaveError> = save_folder(&target, |_| Ok(()));
        assert!(matches!(again, Err(SaveError::Exists(_))));
    }
}
