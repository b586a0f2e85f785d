//! Peak heap memory of one `digilyft_invoice::read` per document, exactly, in bytes.
//!
//! A counting global allocator (`peak_alloc`) records the heap high-water mark; for each file the
//! mark is reset, one document is read into the EN 16931 model (XML tree, structure check, model,
//! findings), and the peak above the heap in use before the call is reported next to the input
//! size. The input bytes themselves are not counted (the caller owns them). Target (issue 3):
//! under 20× the document size.
//!
//! `cargo bench -p digilyft-invoice --bench memory [-- FILES...]` (default: the official
//! examples measured in BENCHMARKS.md). Exits non-zero when a document exceeds 20×.

use std::path::PathBuf;
use std::process::ExitCode;

use peak_alloc::PeakAlloc;

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

const DEFAULT: &[&str] = &[
    "peppol-bis3/rules/examples/base-example.xml",
    "peppol-bis3/rules/examples/vat-category-E.xml",
    "peppol-bis3/rules/examples/Allowance-example.xml",
    "cen-en16931/test/testfiles/Invoice-Max_content.xml",
    "svefaktura/samples/svefaktura.xml",
];

fn main() -> ExitCode {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/official");
    let args: Vec<PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    let files: Vec<PathBuf> = if args.is_empty() {
        DEFAULT.iter().map(|f| fixtures.join(f)).collect()
    } else {
        args
    };
    println!(
        "{:<52} {:>9} {:>12} {:>8}",
        "file", "size (B)", "peak heap (B)", "× size"
    );
    let mut over = false;
    for file in &files {
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{}: {e}", file.display());
                return ExitCode::from(2);
            }
        };
        // One warm-up read so lazily built tables (code lists, rule indexes) are not counted.
        drop(digilyft_invoice::read(&bytes));
        let before = ALLOC.current_usage();
        ALLOC.reset_peak_usage();
        let read = digilyft_invoice::read(&bytes);
        let peak = ALLOC.peak_usage().saturating_sub(before);
        drop(read);
        let ratio = peak as f64 / bytes.len() as f64;
        over |= ratio >= 20.0;
        let name = file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        println!("{name:<52} {:>9} {peak:>12} {ratio:>8.1}", bytes.len());
    }
    if over {
        eprintln!("a document needed 20× its size or more");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
