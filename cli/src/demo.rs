//! `digilyft demo`: the main job on bundled sample data, start to finish, into `./digilyft-demo/`.
//!
//! The demo is a sequence of steps, each a function taking the [`Demo`] and printing what it did:
//!
//! 1. [`fresh_store`]: a new SQLite store in the output directory (an earlier demo's is replaced);
//! 2. [`import_samples`]: every `*.xml` in `assets/samples/` through core's import (detect format,
//!    validate, store);
//! 3. [`approval_story`]: the sample attestförteckning activated, invoices routed, a few
//!    decisions by the sample people, the audit chain verified (`digilyft_core::demo`);
//! 4. [`export_listing`]: the stored invoices with their attest state as an Excel workbook
//!    (core's ledger export);
//! 5. [`survey_report`]: the bundled sample maturity answers scored with `dmos-open`, report
//!    workbook (with charts) and JSON score bundle.
//!
//! Later areas add their step as one more function and one more line in [`run`]. Everything goes
//! through the same public API of `digilyft-core` as the other commands; no SQL here.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use digilyft_core::clock::{Clock, SystemClock};
use digilyft_core::store::{ImportOutcome, Store};

/// The `demo` command.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Run the main job on the bundled samples: import, validate, route and attest the sample
    /// invoices in a fresh store, export the ledger and score a sample maturity survey, all under
    /// the output directory.
    Demo {
        /// Where the demo writes its store and reports.
        #[arg(long, default_value = "digilyft-demo")]
        out: PathBuf,
        /// The folder of sample invoices to import.
        #[arg(long, default_value = DEFAULT_SAMPLES)]
        samples: PathBuf,
    },
}

/// `assets/samples/` of the workspace this binary was built from, so the demo runs from any
/// working directory.
const DEFAULT_SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/samples");

/// File name of the listing workbook in the output directory.
pub const LISTING_FILE: &str = "fakturor.xlsx";

/// What the steps share: the output directory, the open store and the clock.
#[derive(Debug)]
pub struct Demo {
    /// The output directory.
    pub out: PathBuf,
    /// The demo's store (`<out>/digilyft.sqlite`).
    pub store: Store,
    /// The one clock of the run.
    pub clock: SystemClock,
}

/// Runs the demo's steps in order.
pub fn run(cmd: Command) -> anyhow::Result<ExitCode> {
    let Command::Demo { out, samples } = cmd;
    let mut demo = fresh_store(&out)?;
    import_samples(&mut demo, &samples)?;
    approval_story(&mut demo)?;
    export_listing(&demo)?;
    survey_report(&demo)?;
    println!("\nKlart. Allt ligger i {}", demo.out.display());
    Ok(ExitCode::SUCCESS)
}

/// Step: approval. The sample attestförteckning is imported and activated (routing the invoices
/// already imported), a few sample invoices are added and routed, the sample people decide a few
/// steps (see `digilyft_core::demo`); the next step exports the resulting ledger.
pub fn approval_story(demo: &mut Demo) -> anyhow::Result<()> {
    println!("\nAttest:");
    let story = digilyft_core::demo::approval_demo(&mut demo.store, &demo.clock, Vec::new())
        .context("the approval demo")?;
    for line in &story.log {
        println!("  {line}");
    }
    Ok(())
}

/// Step 1: a new, empty store in `out`. The files of an earlier demo store there are removed
/// first, so the demo always shows the same result; nothing else in `out` is touched.
pub fn fresh_store(out: &Path) -> anyhow::Result<Demo> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let store_path = digilyft_core::paths::store_file(out);
    for suffix in ["", "-wal", "-shm"] {
        let mut name = store_path.clone().into_os_string();
        name.push(suffix);
        let file = PathBuf::from(name);
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => {
                return Err(err).with_context(|| {
                    format!("cannot remove the earlier demo store {}", file.display())
                });
            }
        }
    }
    let store = Store::open(&store_path)
        .with_context(|| format!("cannot open the store {}", store_path.display()))?;
    println!("1. Nytt lager: {}", store_path.display());
    Ok(Demo {
        out: out.to_path_buf(),
        store,
        clock: SystemClock,
    })
}

/// Step 2: imports every `*.xml` in `samples` (not recursing: the folder holds other sample data
/// too) and prints one line per file. Returns how many were stored.
pub fn import_samples(demo: &mut Demo, samples: &Path) -> anyhow::Result<usize> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(samples)
        .with_context(|| format!("cannot read the sample folder {}", samples.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .with_context(|| format!("cannot list {}", samples.display()))?;
    files.retain(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml")));
    files.sort();
    anyhow::ensure!(
        !files.is_empty(),
        "no sample invoices (*.xml) in {}",
        samples.display()
    );

    println!(
        "2. Importerar {} exempelfakturor från {}",
        files.len(),
        samples.display()
    );
    let outcomes =
        digilyft_core::import::import_files(&mut demo.store, &files, &demo.clock, &mut |_, _| {})
            .context("importing the sample invoices")?;
    let mut stored = 0;
    for file in &outcomes {
        let name = file.path.file_name().map_or_else(
            || file.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let what = match &file.outcome {
            ImportOutcome::Stored { id, state } => {
                stored += 1;
                format!("lagrad som nr {id} ({state})")
            }
            ImportOutcome::NeedsAction { id, reason } => {
                stored += 1;
                format!("lagrad som nr {id}, behöver åtgärd: {reason}")
            }
            ImportOutcome::Duplicate { existing, kind } => {
                format!("dubblett av nr {existing} ({}), inte lagrad", kind.as_str())
            }
        };
        println!("   {name}: {what}");
    }
    Ok(stored)
}

/// Step 3: writes every stored invoice, with its attest state after the approval step, to
/// `<out>/fakturor.xlsx` with core's ledger export (real Excel numbers and dates, filters, frozen
/// header).
pub fn export_listing(demo: &Demo) -> anyhow::Result<PathBuf> {
    let entries = demo.store.ledger().context("reading the ledger")?;
    let today = demo.clock.now().date_naive();
    let anchor = demo
        .store
        .audit_head()
        .context("reading the audit log's head")?;
    let bytes = digilyft_core::ledger::write_ledger(&entries, today, anchor.as_ref())
        .context("writing the invoice listing")?;
    let path = demo.out.join(LISTING_FILE);
    std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    println!(
        "3. Fakturalista ({} fakturor): {}",
        entries.len(),
        path.display()
    );
    Ok(path)
}

/// Step 4: the bundled sample answers of a maturity self-assessment (synthetic data) scored with
/// the `dmos-open` model; the report workbook and the JSON score bundle go into `out`.
pub fn survey_report(demo: &Demo) -> anyhow::Result<Vec<PathBuf>> {
    let written = crate::survey::demo(&demo.out)?;
    println!("\nMognadsmätning (syntetiska exempelsvar, modell dmos-open):");
    for path in &written {
        println!("   {}", path.display());
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The steps do real work on the real samples: both files exist afterwards and the store
    /// lists every sample invoice. A second run starts afresh instead of finding duplicates.
    #[test]
    fn demo_imports_the_samples_and_writes_the_listing() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let out = tmp.path().join("digilyft-demo");
        let samples = Path::new(DEFAULT_SAMPLES);
        let xml_count = std::fs::read_dir(samples)
            .unwrap_or_else(|e| panic!("{e}"))
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "xml"))
            })
            .count();
        assert!(xml_count >= 2, "assets/samples holds sample invoices");

        for _ in 0..2 {
            let mut demo = fresh_store(&out).unwrap_or_else(|e| panic!("{e:#}"));
            let stored = import_samples(&mut demo, samples).unwrap_or_else(|e| panic!("{e:#}"));
            assert_eq!(stored, xml_count, "every sample is stored once");
            let listing = export_listing(&demo).unwrap_or_else(|e| panic!("{e:#}"));
            let bytes = std::fs::read(&listing).unwrap_or_else(|e| panic!("{e}"));
            assert!(bytes.starts_with(b"PK"), "an .xlsx is a zip file");
            let listed = demo.store.list_invoices().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(listed.len(), xml_count);
        }
        assert!(out.join("digilyft.sqlite").is_file());
    }

    #[test]
    fn a_missing_sample_folder_is_named() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut demo = fresh_store(tmp.path()).unwrap_or_else(|e| panic!("{e:#}"));
        let missing = tmp.path().join("no-such-folder");
        let err = import_samples(&mut demo, &missing).expect_err("must fail");
        assert!(format!("{err:#}").contains("no-such-folder"), "{err:#}");
    }
}
