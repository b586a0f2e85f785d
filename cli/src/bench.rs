//! `digilyft bench …`: throughput measurements on one core, printed per file.
//!
//! `bench parse [FILES]` measures `digilyft_invoice::read` (XML tree + format detection + model,
//! findings included) on each file: invoices/s (wall clock and per CPU-second of this thread, from
//! `/proc/thread-self/schedstat`, which discounts waiting for a busy core) and MB/s over at least `--seconds` of repeated
//! single-threaded parsing after a warm-up, and the peak memory of one parse. Peak memory is
//! measured in a fresh child process: after a warm-up parse of a minimal document of the same
//! format (so code pages and allocator set-up do not count), `VmHWM` minus the resident size just
//! before parsing, from `/proc/self/status` (Linux only, else reported as unknown). It is the
//! resident memory a parse really touches, in whole 4 KiB pages, so an upper bound for small
//! documents. Without files it measures the official PEPPOL `base-example.xml`.
//!
//! Exit codes: 0 measured, 2 error.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// Benchmark commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Measure throughput on one core.
    #[command(subcommand)]
    Bench(Bench),
}

/// What to measure.
#[derive(Debug, clap::Subcommand)]
pub enum Bench {
    /// Parse invoices into the EN 16931 model: invoices/s, MB/s and peak memory per file.
    Parse(ParseArgs),
    /// Parse + validate invoices with the default rule sets: invoices/s on one core.
    Validate(crate::validate::BenchArgs),
}

/// Arguments of `digilyft bench parse`.
#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// Invoice files (default: tests/fixtures/official/peppol-bis3/rules/examples/base-example.xml).
    files: Vec<PathBuf>,
    /// Minimum measuring time per file, in seconds.
    #[arg(long, default_value_t = 2.0)]
    seconds: f64,
    /// Internal: parse FILE once and print the peak memory in bytes (used in a child process).
    #[arg(long, hide = true, value_name = "FILE")]
    memory_probe: Option<PathBuf>,
}

const DEFAULT_FILE: &str = "tests/fixtures/official/peppol-bis3/rules/examples/base-example.xml";

/// Runs a benchmark command.
pub fn run(cmd: Command) -> anyhow::Result<ExitCode> {
    match cmd {
        Command::Bench(Bench::Parse(args)) => bench_parse(&args),
        Command::Bench(Bench::Validate(args)) => crate::validate::bench(&args),
    }
}

fn bench_parse(args: &ParseArgs) -> anyhow::Result<ExitCode> {
    if let Some(file) = &args.memory_probe {
        let bytes = std::fs::read(file).with_context(|| format!("{}", file.display()))?;
        // Warm up on a minimal document of the same format, so that code pages and allocator
        // set-up are not counted as the document's memory.
        black_box(digilyft_invoice::read(warm_up_for(&bytes)).ok());
        let before = proc_status_kib("VmRSS")?;
        let read = digilyft_invoice::read(&bytes)?;
        let peak = proc_status_kib("VmHWM")?;
        black_box(&read);
        println!("{}", peak.saturating_sub(before) * 1024);
        return Ok(ExitCode::SUCCESS);
    }
    if args.seconds.is_nan() || args.seconds <= 0.0 {
        bail!("--seconds must be positive");
    }
    let files = if args.files.is_empty() {
        vec![PathBuf::from(DEFAULT_FILE)]
    } else {
        args.files.clone()
    };
    println!(
        "{:<48} {:>9} {:>13} {:>13} {:>9} {:>12} {:>8}",
        "file", "size (B)", "invoices/s", "per CPU-s", "MB/s", "peak mem", "× size"
    );
    for file in &files {
        let bytes =
            std::fs::read(file).with_context(|| format!("{}: cannot read", file.display()))?;
        // Fail early and clearly on a file that does not read.
        digilyft_invoice::read_named(&file.display().to_string(), &bytes)?;
        let (iterations, elapsed, cpu) = measure(&bytes, Duration::from_secs_f64(args.seconds));
        let per_second = iterations as f64 / elapsed.as_secs_f64();
        let per_cpu_second = cpu.filter(|c| !c.is_zero()).map_or("–".to_string(), |c| {
            format!("{:.0}", iterations as f64 / c.as_secs_f64())
        });
        let mb_per_second = per_second * bytes.len() as f64 / 1e6;
        let peak = peak_memory(file);
        let (peak_text, ratio) = match peak {
            Some(p) => (
                format!("{:.0} KiB", p as f64 / 1024.0),
                format!("{:.1}", p as f64 / bytes.len() as f64),
            ),
            None => ("unknown".to_string(), "–".to_string()),
        };
        println!(
            "{:<48} {:>9} {:>13.0} {:>13} {:>9.1} {:>12} {:>8}",
            short(file),
            bytes.len(),
            per_second,
            per_cpu_second,
            mb_per_second,
            peak_text,
            ratio
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A minimal document of the format of `bytes` (UBL invoice, UBL credit note or Svefaktura).
fn warm_up_for(bytes: &[u8]) -> &'static [u8] {
    let head = &bytes[..bytes.len().min(4096)];
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if has(b"urn:sfti:documents:BasicInvoice:1:0") {
        br#"<Invoice xmlns="urn:sfti:documents:BasicInvoice:1:0" xmlns:cbc="urn:oasis:names:tc:ubl:CommonBasicComponents:1:0"><ID>1</ID><cbc:IssueDate>2026-01-01</cbc:IssueDate></Invoice>"#
    } else if has(b"CreditNote-2") {
        br#"<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>1</cbc:ID></CreditNote>"#
    } else {
        br#"<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>1</cbc:ID></Invoice>"#
    }
}

/// This thread's CPU time so far (`/proc/thread-self/schedstat`, first field, nanoseconds).
fn thread_cpu() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Parses `bytes` repeatedly on this thread: a short warm-up, then at least `min` of timed runs.
/// Returns the iterations, the wall time and (on Linux) this thread's CPU time.
fn measure(bytes: &[u8], min: Duration) -> (u64, Duration, Option<Duration>) {
    let warm = Instant::now();
    while warm.elapsed() < Duration::from_millis(200) {
        black_box(digilyft_invoice::read(black_box(bytes)).ok());
    }
    let start = Instant::now();
    let cpu_start = thread_cpu();
    let mut iterations = 0u64;
    loop {
        for _ in 0..64 {
            black_box(digilyft_invoice::read(black_box(bytes)).ok());
        }
        iterations += 64;
        let elapsed = start.elapsed();
        if elapsed >= min {
            let cpu = thread_cpu().zip(cpu_start).map(|(end, start)| end - start);
            return (iterations, elapsed, cpu);
        }
    }
}

/// Peak memory of one parse of `file`, measured in a child process.
fn peak_memory(file: &Path) -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let out = std::process::Command::new(exe)
        .args(["bench", "parse", "--memory-probe"])
        .arg(file)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// A `kB` field of `/proc/self/status`, in KiB.
fn proc_status_kib(field: &str) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")
        .context("/proc/self/status is not available (Linux only)")?;
    status
        .lines()
        .find_map(|l| {
            let rest = l.strip_prefix(field)?.strip_prefix(':')?;
            rest.trim().trim_end_matches("kB").trim().parse().ok()
        })
        .with_context(|| format!("no {field} in /proc/self/status"))
}

fn short(path: &Path) -> String {
    let s = path.display().to_string();
    match s.char_indices().rev().nth(46) {
        Some((i, _)) => format!("…{}", &s[i..]),
        None => s,
    }
}
