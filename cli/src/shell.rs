//! What every command shares: where the data lives, the clock ("today", fixable with `--today`
//! or `DIGILYFT_TODAY`), the id generator, and how an API error becomes an exit code.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use digilyft_core::api::files::{self, Overwrite};
use digilyft_core::api::{ApiError, Clock, Context, DayClock, SystemClock, UuidV7Ids, Workspace};
use digilyft_core::paths;

/// Where the store lives.
#[derive(Debug, clap::Args)]
pub struct DataArg {
    /// Data directory (default: $DIGILYFT_DATA, else the user's data directory).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
}

impl DataArg {
    /// The chosen data directory.
    pub fn dir(&self) -> PathBuf {
        paths::data_dir(self.data.as_deref())
    }

    /// Whether the data directory is in connected mode (`digilyft login` enrolled a device in
    /// it), unless `local` forces the local store.
    pub fn connected(&self, local: bool) -> Result<bool> {
        Ok(!local && digilyft_core::api::connected::is_connected(&self.dir())?)
    }

    /// Opens the workspace (the store) in the chosen data directory.
    pub fn open(&self) -> Result<Workspace> {
        let dir = paths::data_dir(self.data.as_deref());
        Ok(Workspace::open(&dir)?)
    }
}

/// The clock and ids of one run of `digilyft`.
#[derive(Debug)]
pub struct Shell {
    clock: Box<dyn ClockDebug>,
    ids: UuidV7Ids,
}

/// A clock that can be printed in `Debug` output.
pub trait ClockDebug: Clock + std::fmt::Debug {}
impl<T: Clock + std::fmt::Debug> ClockDebug for T {}

impl Shell {
    /// The system clock, or the system's time of day on `today` when given.
    pub fn new(today: Option<chrono::NaiveDate>) -> Self {
        let clock: Box<dyn ClockDebug> = match today {
            Some(day) => Box::new(DayClock::new(day)),
            None => Box::new(SystemClock),
        };
        Shell {
            clock,
            ids: UuidV7Ids,
        }
    }

    /// A shell on `clock` (tests).
    #[cfg(test)]
    pub fn with_clock(clock: Box<dyn ClockDebug>) -> Self {
        Shell {
            clock,
            ids: UuidV7Ids,
        }
    }

    /// A context without an acting person.
    pub fn ctx(&self) -> Context<'_> {
        Context::new(self.clock.as_ref(), &self.ids)
    }

    /// A context acting as `actor`.
    pub fn as_actor<'a>(&'a self, actor: &'a str) -> Context<'a> {
        self.ctx().acting_as(actor)
    }

    /// The clock.
    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }
}

/// Exit code 1 ("faults found") for an API refusal the user can act on (a hard rule, bad
/// input); other errors propagate (exit 2).
pub fn refusal(err: &ApiError) -> bool {
    use digilyft_core::api::ErrorCode;
    matches!(err.code, ErrorCode::Validation | ErrorCode::Forbidden) && !err.faults.is_empty()
}

/// Saves `bytes` as `path` through core's one file writer: atomically (temporary file, fsync,
/// rename), creating its folder, refusing a link, and refusing an existing file unless `force`.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    use anyhow::Context as _;
    // `-o out/2026/f.xlsx` creates its folders, as it always has; the file itself is saved by
    // the one rule of every front end (atomic, never over an existing file without --force).
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    Ok(files::save_file(path, bytes, Overwrite::when(force))?)
}

/// The `--force` flag of every command that writes a file.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct ForceArg {
    /// Replace the output file if it exists (it is never written through a link).
    #[arg(long)]
    pub force: bool,
}

/// Exit code 0 or, when `faults`, 1.
pub fn exit(faults: bool) -> ExitCode {
    if faults {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
