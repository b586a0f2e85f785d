//! `digilyft demo`: the main job on bundled sample data, start to finish, into `./digilyft-demo/`.
//!
//! The demo is a sequence of steps, each a function taking the [`Demo`] and printing what it did:
//!
//! 1. [`fresh_store`]: a new SQLite store in the output directory (an earlier demo's is replaced);
//! 2. [`import_samples`]: every `*.xml` of `assets/samples/` (embedded in the binary) through
//!    core's import (detect format, validate, store);
//! 3. [`approval_story`]: the sample attestförteckning activated, invoices routed, a few
//!    decisions by the sample people, the audit chain verified;
//! 4. [`export_listing`]: the stored invoices with their attest state as an Excel workbook
//!    (core's ledger export);
//! 5. [`survey_report`]: the bundled sample maturity answers scored with `dmos-open`, report
//!    workbook (with charts) and JSON score bundle.
//!
//! Later areas add their step as one more function and one more line in [`run`]. Everything goes
//! through the same public API of `digilyft-core` as the other commands; no SQL here.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use digilyft_core::api::approval::{self, DecideRequest};
use digilyft_core::api::invoices::{self, ImportOutcome, ListQuery};
use digilyft_core::api::rules::{self, RulesImport};
use digilyft_core::api::{Context, Decision, SequenceIds, StepState, Workspace, audit, samples};

use crate::shell::Shell;

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
        /// A folder of sample invoices (*.xml) to import instead of those built into the
        /// program.
        #[arg(long)]
        samples: Option<PathBuf>,
    },
}

/// File name of the listing workbook in the output directory.
pub const LISTING_FILE: &str = "fakturor.xlsx";

/// What the steps share: the output directory, the open workspace, the clock and the demo's
/// reproducible decision ids.
#[derive(Debug)]
pub struct Demo<'s> {
    /// The output directory.
    pub out: PathBuf,
    /// The demo's store (`<out>/digilyft.sqlite`).
    pub ws: Workspace,
    /// The run's clock.
    pub shell: &'s Shell,
    /// Decision ids `demo-1`, `demo-2`, ….
    pub ids: SequenceIds,
}

/// The demo's context: its clock and its reproducible ids (a macro, so that the borrow of the
/// clock and ids stays apart from a mutable borrow of the workspace).
macro_rules! ctx {
    ($demo:expr) => {
        Context::new($demo.shell.clock(), &$demo.ids)
    };
}

/// Runs the demo's steps in order.
pub fn run(cmd: Command, shell: &Shell) -> anyhow::Result<ExitCode> {
    let Command::Demo { out, samples } = cmd;
    let mut demo = fresh_store(&out, shell)?;
    import_samples(&mut demo, samples.as_deref())?;
    approval_story(&mut demo)?;
    export_listing(&demo)?;
    survey_report(&demo)?;
    println!("\nKlart. Allt ligger i {}", demo.out.display());
    Ok(ExitCode::SUCCESS)
}

/// Step: approval. The sample attestförteckning is imported and activated by u300 (routing the
/// invoices already imported), the sample invoices are added and routed, the sample people decide
/// a few steps (review, a substitute's decision, a jäv redirect, a dispute, a return), and the
/// audit chain is verified. Returns the story's lines, which it also prints.
pub fn approval_story(demo: &mut Demo<'_>) -> anyhow::Result<Vec<String>> {
    println!("\nAttest:");
    let mut log = Vec::new();
    let today = ctx!(demo).today();
    let wb = samples::attestforteckning()?;
    let imported = {
        let ctx = ctx!(demo).acting_as("u300");
        rules::import_workbook(
            &mut demo.ws,
            &ctx,
            "attestforteckning.xlsx",
            &wb,
            "KS 2024-12-04 § 112",
            true,
        )?
    };
    let RulesImport::Stored {
        version, routed, ..
    } = imported
    else {
        anyhow::bail!("the bundled sample attestförteckning does not import");
    };
    log.push(format!(
        "Attestförteckningen (version {version}) aktiverad av u300; {} väntande fakturor routade",
        routed.unwrap_or(0)
    ));
    let outcomes = invoices::import_bytes(&mut demo.ws, &ctx!(demo), samples::invoices(today))?;
    let count = |f: fn(&ImportOutcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
    log.push(format!(
        "Importerade {} dokument: {} lagrade, {} dubbletter, {} kräver åtgärd",
        outcomes.len(),
        count(|o| matches!(o, ImportOutcome::Stored { .. })),
        count(|o| matches!(o, ImportOutcome::Duplicate { .. })),
        count(|o| matches!(o, ImportOutcome::NeedsAction { .. })),
    ));
    let story = [
        ("KN-2041", Decision::Attest, "u230"),
        ("KN-2041", Decision::Attest, "u240"),
        ("OP-118", Decision::Attest, "u230"),
        ("OP-118", Decision::Attest, "u210"),
        ("OP-118", Decision::Attest, "u200"),
        ("KG-77", Decision::Attest, "u230"),
        ("KG-77", Decision::Attest, "u200"),
        ("KG-77", Decision::Attest, "u200"),
        ("KG-77", Decision::Attest, "u100"),
        ("KG-78", Decision::Dispute, "u230"),
        ("KN-2042", Decision::Attest, "u310"),
        ("KN-2042", Decision::Return, "u320"),
    ];
    for (number, decision, actor) in story {
        let Ok(view) = invoices::detail(&demo.ws, number) else {
            continue;
        };
        if !view.steps.iter().any(|s| s.state == StepState::Open) {
            continue;
        }
        let req = DecideRequest {
            invoice: number.to_string(),
            step: None,
            decision,
            comment: None,
            acting_for: None,
            decision_id: None,
        };
        let r = {
            let ctx = ctx!(demo).acting_as(actor);
            approval::decide(&mut demo.ws, &ctx, &req)?
        };
        let who = match &r.acting_for {
            Some(f) => format!("{actor} (ersättare för {f})"),
            None => actor.to_string(),
        };
        log.push(format!(
            "{number} {} {decision} av {who}: {} — {} → {}",
            r.step,
            r.outcome.as_str(),
            r.reason,
            r.invoice_state
        ));
    }
    let all = invoices::list(
        &demo.ws,
        &ListQuery {
            limit: usize::MAX,
            ..ListQuery::default()
        },
    )?;
    for s in all.rows.iter().rev() {
        log.push(format!(
            "  faktura {:>3} {:<24} {:<9} {:>12} {} {}",
            s.id, s.supplier, s.number, s.amount, s.currency, s.state
        ));
    }
    let report = audit::verify(&demo.ws, &[])?;
    match (&report.chain, report.intact()) {
        (Ok(n), true) => log.push(format!(
            "Granskningsloggen: {n} händelser, hashkedjan är hel, ankare {}",
            report.head.as_ref().map(|a| a.short()).unwrap_or_default()
        )),
        (Err(b), _) => log.push(format!("Granskningsloggen är bruten: {b}")),
        (Ok(_), false) => log.push("Granskningsloggen stämmer inte med sitt ankare".into()),
    }
    for line in &log {
        println!("  {line}");
    }
    Ok(log)
}

/// Step 1: a new, empty store in `out`. The files of an earlier demo store there (the store,
/// its WAL files and its audit anchor) are removed first, so the demo always shows the same
/// result; nothing else in `out` is touched.
pub fn fresh_store<'s>(out: &Path, shell: &'s Shell) -> anyhow::Result<Demo<'s>> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let store_path = digilyft_core::paths::store_file(out);
    let anchor = Workspace::anchor_file_of(&store_path);
    for suffix in ["", "-wal", "-shm", "anchor"] {
        let mut name = store_path.clone().into_os_string();
        name.push(suffix);
        let file = if suffix == "anchor" {
            anchor.clone()
        } else {
            PathBuf::from(name)
        };
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
    let ws = Workspace::open_file(&store_path)?;
    println!("1. Nytt lager: {}", store_path.display());
    Ok(Demo {
        out: out.to_path_buf(),
        ws,
        shell,
        ids: SequenceIds::new("demo"),
    })
}

/// Step 2: imports the sample invoices and prints one line per file: those embedded in the
/// binary (`assets/samples/*.xml`, so the demo runs wherever the binary was copied), or every
/// `*.xml` in `samples` when a folder is given (not recursing: it may hold other sample data
/// too). Returns how many were stored.
pub fn import_samples(demo: &mut Demo<'_>, samples: Option<&Path>) -> anyhow::Result<usize> {
    let docs: Vec<(String, Vec<u8>)> = match samples {
        None => samples::bundled_invoice_files(),
        Some(folder) => read_sample_folder(folder)?,
    };
    let from = samples.map_or_else(
        || "programmet (inbyggda)".to_string(),
        |f| f.display().to_string(),
    );
    println!("2. Importerar {} exempelfakturor från {from}", docs.len());
    let names: Vec<String> = docs.iter().map(|(n, _)| n.clone()).collect();
    let outcomes = invoices::import_bytes(&mut demo.ws, &ctx!(demo), docs)
        .context("importing the sample invoices")?;
    let mut stored = 0;
    for (name, outcome) in names.iter().zip(&outcomes) {
        let what = match outcome {
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
            ImportOutcome::Unreadable { reason } => format!("oläslig, inte lagrad: {reason}"),
        };
        println!("   {name}: {what}");
    }
    Ok(stored)
}

/// Every `*.xml` of `folder` (name, bytes), sorted by name.
fn read_sample_folder(folder: &Path) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .with_context(|| format!("cannot read the sample folder {}", folder.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .with_context(|| format!("cannot list {}", folder.display()))?;
    files.retain(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml")));
    files.sort();
    anyhow::ensure!(
        !files.is_empty(),
        "no sample invoices (*.xml) in {}",
        folder.display()
    );
    files
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
            let name = p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            Ok((name, bytes))
        })
        .collect()
}

/// Step 3: writes every stored invoice, with its attest state after the approval step, to
/// `<out>/fakturor.xlsx` with core's ledger export (real Excel numbers and dates, filters, frozen
/// header).
pub fn export_listing(demo: &Demo<'_>) -> anyhow::Result<PathBuf> {
    let bytes = audit::ledger(&demo.ws, &ctx!(demo)).context("writing the invoice listing")?;
    let path = demo.out.join(LISTING_FILE);
    // The demo folder is the demo's own: the listing is replaced on every run.
    crate::shell::write_file(&path, &bytes, true)?;
    let n = invoices::list(&demo.ws, &ListQuery::default())?.total;
    println!("3. Fakturalista ({n} fakturor): {}", path.display());
    Ok(path)
}

/// Step 4: the bundled sample answers of a maturity self-assessment (synthetic data) scored with
/// the `dmos-open` model; the report workbook and the JSON score bundle go into `out`.
pub fn survey_report(demo: &Demo<'_>) -> anyhow::Result<Vec<PathBuf>> {
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
    use digilyft_core::api::{FixedClock, InvoiceState};

    fn shell() -> Shell {
        Shell::new(None)
    }

    /// The steps do real work on the real samples: both files exist afterwards and the store
    /// lists every sample invoice. A second run starts afresh instead of finding duplicates.
    #[test]
    fn demo_imports_the_samples_and_writes_the_listing() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let out = tmp.path().join("digilyft-demo");
        let samples = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/samples"));
        let xml_count = std::fs::read_dir(samples)
            .unwrap_or_else(|e| panic!("{e}"))
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "xml"))
            })
            .count();
        assert!(xml_count >= 2, "assets/samples holds sample invoices");
        let shell = shell();
        for from in [None, Some(samples)] {
            let mut demo = fresh_store(&out, &shell).unwrap_or_else(|e| panic!("{e:#}"));
            let stored = import_samples(&mut demo, from).unwrap_or_else(|e| panic!("{e:#}"));
            assert_eq!(stored, xml_count, "every sample is stored once");
            let listing = export_listing(&demo).unwrap_or_else(|e| panic!("{e:#}"));
            let bytes = std::fs::read(&listing).unwrap_or_else(|e| panic!("{e}"));
            assert!(bytes.starts_with(b"PK"), "an .xlsx is a zip file");
            let listed =
                invoices::list(&demo.ws, &ListQuery::default()).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(listed.total, xml_count);
        }
        assert!(out.join("digilyft.sqlite").is_file());
    }

    #[test]
    fn a_missing_sample_folder_is_named() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let shell = shell();
        let mut demo = fresh_store(tmp.path(), &shell).unwrap_or_else(|e| panic!("{e:#}"));
        let missing = tmp.path().join("no-such-folder");
        let err = import_samples(&mut demo, Some(&missing)).expect_err("must fail");
        assert!(format!("{err:#}").contains("no-such-folder"), "{err:#}");
    }

    /// The approval story ends as the sample municipality's day should: attested, disputed,
    /// unrouted and returned invoices, and a jäv redirect on the way.
    #[test]
    fn the_demo_tells_its_story() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let shell = Shell::with_clock(Box::new(FixedClock::on(2026, 11, 20).expect("clock")));
        let mut demo = fresh_store(tmp.path(), &shell).unwrap_or_else(|e| panic!("{e:#}"));
        let log = approval_story(&mut demo).unwrap_or_else(|e| panic!("{e:#}"));
        let rows = invoices::list(&demo.ws, &ListQuery::default())
            .expect("list")
            .rows;
        let state = |n: &str| rows.iter().find(|r| r.number == n).map(|r| r.state);
        for (number, expected) in [
            ("KN-2041", InvoiceState::Attested),
            ("OP-118", InvoiceState::Attested),
            ("KG-77", InvoiceState::Attested),
            ("KG-78", InvoiceState::Disputed),
            ("TB-2611", InvoiceState::Attested),
            ("KN-2043", InvoiceState::Unrouted),
            ("KN-2042", InvoiceState::Returned),
        ] {
            assert_eq!(state(number), Some(expected), "{number}: {log:#?}");
        }
        assert!(
            log.iter()
                .any(|l| l.contains("jav-supplier") || l.contains("jävig")),
            "{log:#?}"
        );
    }
}
