//! Report writing speed and memory: the workbook (every sheet, item table and charts) for a
//! scored set of 100,000 respondents × 50 questions. Target: under 10 s with bounded memory —
//! the report holds aggregates only, so its size does not grow with the number of respondents.
//!
//! Run: `cargo bench -p digilyft-core --bench maturity`

use criterion::{Criterion, criterion_group, criterion_main};
use digilyft_core::maturity::write_report;
use digilyft_survey::synth::{SynthOptions, generate};
use digilyft_survey::{ScoreOptions, bundled, score};

/// Peak resident memory of this process in KiB (Linux), for the record.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn report(c: &mut Criterion) {
    let model = match bundled::load("dmos-open") {
        Ok(m) => m,
        Err(e) => panic!("{e}"),
    };
    let mut group = c.benchmark_group("maturity");
    group.sample_size(10);
    for n in [10_000usize, 100_000] {
        let answers = generate(&model, &SynthOptions::municipality(1, n, &["2026"]));
        let scored = match score(&model, &answers, &ScoreOptions::default()) {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        };
        drop(answers);
        let bytes = write_report(&scored).map(|b| b.len()).unwrap_or(0);
        eprintln!(
            "report for {n} respondents: {bytes} bytes, {} items; peak RSS so far {} KiB",
            scored.items.len(),
            peak_rss_kib().unwrap_or(0)
        );
        group.bench_function(
            format!("write report ({n} respondents x 50 questions)"),
            |b| b.iter(|| write_report(&scored).map(|v| v.len())),
        );
    }
    group.bench_function("score and write report (100k x 50)", |b| {
        let answers = generate(&model, &SynthOptions::municipality(1, 100_000, &["2026"]));
        b.iter(|| {
            let r = score(&model, &answers, &ScoreOptions::default()).ok()?;
            write_report(&r).ok().map(|v| v.len())
        })
    });
    group.finish();
    eprintln!(
        "peak RSS after all runs: {} KiB",
        peak_rss_kib().unwrap_or(0)
    );
}

criterion_group!(benches, report);
criterion_main!(benches);
