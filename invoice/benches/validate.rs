//! Validation speed: parse + full validation of the PEPPOL BIS 3 base example (9 KB).
//!
//! Target (issue 4): ≥ 12,000 invoices/s on one core for parse + the default rule sets
//! (`cen-1.3.16` + `peppol-2026.5`). Run with
//! `cargo bench -p digilyft-invoice --bench validate`.
//!
//! With `DIGILYFT_BENCH_LINES=1` it prints instead the time per invoice line of parse + default
//! validation for the base example grown to 1, 10, 100, 1,000 and 10,000 lines, and the time per
//! element for a ~48 MB document of 2.2 million small elements (issue 13: linear time, per-line
//! time flat within 20 %).
//!
//! With `DIGILYFT_PROFILE_RULES=1` the bench first prints the twenty slowest rules of the default
//! sets on that document (mean time per call), to show where the time goes.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group};
use digilyft_invoice::validate::{Ctx, RuleSetId, Sink, ruleset, validate};
use digilyft_invoice::xml::Document;

#[path = "../tests/common/large.rs"]
mod large;

const BASE_EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/fixtures/official/peppol-bis3/rules/examples/base-example.xml"
);

fn read_example() -> Vec<u8> {
    std::fs::read(BASE_EXAMPLE).unwrap_or_else(|e| panic!("cannot read {BASE_EXAMPLE}: {e}"))
}

fn bench_validate(c: &mut Criterion) {
    let bytes = read_example();
    let mut group = c.benchmark_group("base-example");
    group.throughput(Throughput::Elements(1));
    group.bench_function("parse", |b| {
        b.iter(|| Document::parse(black_box(&bytes)).map(|d| d.len()))
    });
    let cases: [(&str, &[RuleSetId]); 3] = [
        ("parse+cen-1.3.16", &[RuleSetId::Cen1_3_16]),
        ("parse+peppol-2026.5", &[RuleSetId::Peppol2026_5]),
        (
            "parse+validate default (cen-1.3.16 + peppol-2026.5)",
            &[RuleSetId::Cen1_3_16, RuleSetId::Peppol2026_5],
        ),
    ];
    for (name, sets) in cases {
        group.bench_function(name, |b| {
            b.iter(|| {
                let doc = Document::parse(black_box(&bytes)).ok()?;
                Some(validate(doc.root(), sets).fired.len())
            })
        });
    }
    group.finish();
}

/// Prints the slowest rules of the default sets on the base example, in CPU time. Each rule
/// runs `ROUNDS` times, each time on a fresh context (so per-document caches are rebuilt, as in
/// `validate`) whose name index is built first; the cost of that context setup is measured on
/// its own and subtracted.
fn profile_rules() {
    let bytes = read_example();
    let Ok(doc) = Document::parse(&bytes) else {
        return;
    };
    const ROUNDS: u32 = 2000;
    let setup = || {
        let cx = Ctx::new(doc.root());
        black_box(cx.named("ID").count());
        cx
    };
    let cpu = || thread_cpu().unwrap_or_default();
    let t0 = cpu();
    for _ in 0..ROUNDS {
        black_box(setup());
    }
    let base = (cpu() - t0) / ROUNDS;
    let mut times = Vec::new();
    for set in RuleSetId::default_ubl() {
        for (rule, severity) in ruleset::rules_of(set) {
            let mut fired = Vec::new();
            let t0 = cpu();
            for _ in 0..ROUNDS {
                let cx = setup();
                let mut sink = Sink::new(rule, *severity, set, &mut fired);
                (rule.check)(&cx, &mut sink);
                fired.clear();
            }
            let spent = ((cpu() - t0) / ROUNDS).saturating_sub(base);
            times.push((spent, rule.id, set));
        }
    }
    times.sort_by_key(|t| std::cmp::Reverse(t.0));
    let total: std::time::Duration = times.iter().map(|t| t.0).sum();
    println!(
        "context + name index {base:?}; {} rules, sum of rule CPU times {total:?} per document",
        times.len()
    );
    let mut by_family: std::collections::BTreeMap<String, std::time::Duration> =
        std::collections::BTreeMap::new();
    for (t, id, _) in &times {
        let fam = id.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-');
        *by_family.entry(fam.to_string()).or_default() += *t;
    }
    for (fam, t) in &by_family {
        println!("  family {fam:<20} {t:>10.2?}");
    }
    for (t, id, set) in times.iter().take(25) {
        println!("{t:>10.2?}  {id:<24} {set}");
    }
}

/// `DIGILYFT_PROFILE_FAMILIES=1`: CPU time per rule family on the base example — each family's
/// rules run together on a fresh context per document (so shared caches are built once per
/// document, as in `validate`); the context setup alone is measured and subtracted.
fn profile_families() {
    let bytes = read_example();
    let Ok(doc) = Document::parse(&bytes) else {
        return;
    };
    const ROUNDS: u32 = 3000;
    let cpu = || thread_cpu().unwrap_or_default();
    let family = |id: &str| {
        id.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-')
            .to_string()
    };
    let mut families: std::collections::BTreeMap<String, Vec<_>> = Default::default();
    for set in RuleSetId::default_ubl() {
        for (rule, severity) in ruleset::rules_of(set) {
            families
                .entry(family(rule.id))
                .or_default()
                .push((*rule, *severity, set));
        }
    }
    let t0 = cpu();
    for _ in 0..ROUNDS {
        let cx = Ctx::new(doc.root());
        black_box(cx.named("ID").count());
    }
    let base = (cpu() - t0) / ROUNDS;
    let mut total = std::time::Duration::ZERO;
    let mut rows = Vec::new();
    for (fam, rules) in &families {
        let mut fired = Vec::new();
        let t0 = cpu();
        for _ in 0..ROUNDS {
            let cx = Ctx::new(doc.root());
            black_box(cx.named("ID").count());
            for (rule, severity, set) in rules {
                let mut sink = Sink::new(rule, *severity, *set, &mut fired);
                (rule.check)(&cx, &mut sink);
            }
            fired.clear();
        }
        let t = ((cpu() - t0) / ROUNDS).saturating_sub(base);
        total += t;
        rows.push((t, fam.clone(), rules.len()));
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.0));
    println!("context + name index {base:?}; all families {total:?} per document");
    for (t, fam, n) in rows {
        println!("  {fam:<20} {n:>4} rules {t:>10.2?}");
    }
}

/// CPU time this thread has run, from Linux `/proc/thread-self/schedstat` (nanoseconds), so
/// that throughput per core can be measured on a machine shared with other work.
fn thread_cpu() -> Option<std::time::Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(std::time::Duration::from_nanos(ns))
}

/// `DIGILYFT_BENCH_ITERS=N`: parse alone, then parse + each rule-set choice, N times each in a
/// plain loop on one thread; prints wall time and this thread's CPU time (invoices per CPU
/// second is the one-core throughput even when other processes compete for the cores).
fn plain_loop(n: u32) {
    let bytes = read_example();
    let cases: [(&str, &[RuleSetId]); 4] = [
        ("parse only", &[]),
        ("parse + cen-1.3.16", &[RuleSetId::Cen1_3_16]),
        ("parse + peppol-2026.5", &[RuleSetId::Peppol2026_5]),
        (
            "parse + cen-1.3.16 + peppol-2026.5 (default)",
            &[RuleSetId::Cen1_3_16, RuleSetId::Peppol2026_5],
        ),
    ];
    for (name, sets) in cases {
        let (wall0, cpu0) = (Instant::now(), thread_cpu());
        let mut fired = 0usize;
        for _ in 0..n {
            if let Ok(doc) = Document::parse(black_box(&bytes)) {
                fired += validate(doc.root(), sets).fired.len();
            }
        }
        let wall = wall0.elapsed();
        let cpu = thread_cpu().zip(cpu0).map(|(b, a)| b - a);
        let per_cpu = cpu.map_or(String::from("n/a"), |c| {
            format!("{:.0}", f64::from(n) / c.as_secs_f64())
        });
        println!(
            "{name:<46} {:>8.1} µs/invoice CPU, {per_cpu:>7} invoices per CPU-second \
             ({:.0}/s wall, {fired} firings)",
            cpu.map_or(f64::NAN, |c| c.as_secs_f64() * 1e6 / f64::from(n)),
            f64::from(n) / wall.as_secs_f64()
        );
    }
}

/// One parse + default validation of `bytes`, `rounds` times: the mean CPU time of this thread
/// per round (the kernel's per-thread clock is too coarse for one short round), the best wall
/// time of a round, and the number of firings.
fn per_round(bytes: &[u8], rounds: u32) -> (std::time::Duration, std::time::Duration, usize) {
    let sets = RuleSetId::default_ubl();
    let mut best = std::time::Duration::MAX;
    let mut fired = 0;
    let cpu0 = thread_cpu().unwrap_or_default();
    for _ in 0..rounds {
        let t0 = Instant::now();
        if let Ok(doc) = Document::parse(black_box(bytes)) {
            fired = validate(doc.root(), &sets).fired.len();
        }
        best = best.min(t0.elapsed());
    }
    let cpu = thread_cpu().unwrap_or_default().saturating_sub(cpu0) / rounds;
    (cpu, best, fired)
}

/// `DIGILYFT_BENCH_LINES=1`: time per line over 1…10,000 lines, and per element over a 48 MB
/// document of small elements.
fn per_line() {
    println!(
        "{:>7} {:>12} {:>14} {:>12} {:>14} {:>8}",
        "lines", "bytes", "CPU/document", "CPU/line", "best wall/line", "firings"
    );
    for lines in [1usize, 10, 100, 1_000, 10_000] {
        let xml = large::with_lines(lines, "");
        // About two CPU-seconds per size, at least five rounds.
        let rounds = (200_000 / lines).clamp(5, 20_000) as u32;
        let (cpu, wall, fired) = per_round(xml.as_bytes(), rounds);
        let per_line = |d: std::time::Duration| d.as_secs_f64() * 1e6 / lines as f64;
        println!(
            "{lines:>7} {:>12} {:>14.2?} {:>9.2} µs {:>11.2} µs {fired:>8}",
            xml.len(),
            cpu,
            per_line(cpu),
            per_line(wall)
        );
    }
    let elements = 2_200_000;
    let xml = large::with_root_children(elements, "<cbc:Note>x</cbc:Note>");
    let (cpu, wall, fired) = per_round(xml.as_bytes(), 3);
    println!(
        "{} bytes, {elements} small elements: {cpu:.2?} CPU ({:.0} ns/element), best wall \
         {wall:.2?}, {fired} firings",
        xml.len(),
        cpu.as_secs_f64() * 1e9 / elements as f64
    );
}

criterion_group!(benches, bench_validate);

fn main() {
    if std::env::var_os("DIGILYFT_BENCH_LINES").is_some() {
        per_line();
        return;
    }
    if let Some(n) = std::env::var("DIGILYFT_BENCH_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        plain_loop(n);
        return;
    }
    if std::env::var_os("DIGILYFT_PROFILE_FAMILIES").is_some() {
        profile_families();
        return;
    }
    if std::env::var_os("DIGILYFT_PROFILE_RULES").is_some() {
        profile_rules();
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
