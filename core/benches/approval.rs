//! Benchmarks of the approval store (criterion).
//!
//! * `import/10000`: parse + validate + store + route 10,000 synthetic PEPPOL BIS 3 invoices into
//!   a fresh on-disk store (WAL) with the sample attestförteckning active. Target ≥ 2,000/s on
//!   2 cores.
//! * `inbox/100000`: one attestant's inbox query in a store of 100,000 routed invoices spread over
//!   200 attestants. Target < 10 ms. The 100k store is built once (through the same import path)
//!   and cached under the target directory.
//!
//! Run: `cargo bench -p digilyft-core --bench approval`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use digilyft_core::approval::StepKind;
use digilyft_core::clock::{Clock, FixedClock};
use digilyft_core::import::import_documents;
use digilyft_core::store::Store;
use digilyft_core::synth::{SynthInvoice, batch, ubl};
use digilyft_core::workbook::{
    self, CodePattern, Flow, FlowRule, Grant, RuleSet, TemplateRow, sample,
};
use rust_decimal::Decimal;

fn clock() -> FixedClock {
    FixedClock::on(2026, 11, 20).expect("clock")
}

fn store_with(path: &std::path::Path, rules: &RuleSet, clock: &FixedClock) -> Store {
    let _ = std::fs::remove_file(path);
    let _ = std::fs::remove_file(path.with_extension("sqlite-wal"));
    let _ = std::fs::remove_file(path.with_extension("sqlite-shm"));
    let mut store = Store::open(path).expect("store");
    let wb = workbook::write(rules).expect("workbook");
    let v = store
        .add_ruleset("bench.xlsx", &wb, rules, "bench", "bench", clock)
        .expect("add");
    store.activate_ruleset(v, "bench", clock).expect("activate");
    store
}

fn bench_import(c: &mut Criterion) {
    let clock = clock();
    let docs = batch(10_000, NaiveDate::from_ymd_opt(2026, 10, 1).expect("date"));
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("import.sqlite");
    let rules = sample::sample_rules();
    let mut g = c.benchmark_group("import");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(60))
        .throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("10000", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let mut store = store_with(&path, &rules, &clock);
                let t = Instant::now();
                let out = import_documents(&mut store, docs.clone(), &clock).expect("import");
                total += t.elapsed();
                assert_eq!(out.len(), docs.len());
            }
            total
        })
    });
    g.finish();
}

/// 200 attestants, each with a GRANSKNING reviewer and a BESLUT right on their own ansvar.
fn many_attestants() -> RuleSet {
    let base = sample::sample_rules();
    let proto_grant = base.grants[2].clone();
    let proto_flow: FlowRule = base.flows[1].clone();
    let proto_tmpl: TemplateRow = base.templates[1].clone();
    let mut rules = RuleSet {
        managers: base.managers.clone(),
        ..RuleSet::default()
    };
    for i in 0..200u32 {
        let ansvar = format!("5{i:03}");
        rules.grants.push(Grant {
            rad_id: format!("B-{i}"),
            person_id: format!("p{i:03}"),
            ansvar: CodePattern::parse(&ansvar).expect("p"),
            konto: CodePattern::default(),
            grans_per_rad: Decimal::from(1_000_000),
            grans_per_faktura: Decimal::from(1_000_000),
            row: i + 2,
            ..proto_grant.clone()
        });
        rules.grants.push(Grant {
            rad_id: format!("G-{i}"),
            attesttyp: StepKind::Granskning,
            person_id: format!("g{i:03}"),
            ansvar: CodePattern::parse(&ansvar).expect("p"),
            konto: CodePattern::default(),
            grans_per_rad: Decimal::from(1_000_000),
            grans_per_faktura: Decimal::from(1_000_000),
            row: i + 202,
            ..proto_grant.clone()
        });
        rules.flows.push(FlowRule {
            prio: i as i64 + 1,
            referenskod: CodePattern::parse(&ansvar).expect("p"),
            granskare_person_id: Some(format!("g{i:03}")),
            konteringsforslag_id: Some(format!("KF-{i}")),
            steg: Flow::Steps(vec![StepKind::Granskning, StepKind::Beslut]),
            row: i + 2,
            ..proto_flow.clone()
        });
        rules.templates.push(TemplateRow {
            kf_id: format!("KF-{i}"),
            ansvar,
            row: i + 2,
            ..proto_tmpl.clone()
        });
    }
    rules
}

fn big_store(clock: &FixedClock) -> (Store, PathBuf) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-inbox-100k.sqlite");
    let path = std::env::var_os("CARGO_TARGET_DIR")
        .map_or(path, |d| PathBuf::from(d).join("bench-inbox-100k.sqlite"));
    if let Ok(store) = Store::open(&path)
        && store.list_invoices().map(|l| l.len()).unwrap_or(0) == 100_000
    {
        return (store, path);
    }
    let rules = many_attestants();
    let mut store = store_with(&path, &rules, clock);
    let start = NaiveDate::from_ymd_opt(2026, 9, 1).expect("date");
    let t = Instant::now();
    for chunk in 0..20 {
        let docs: Vec<(String, Vec<u8>)> = (0..5_000)
            .map(|j| {
                let i = chunk * 5_000 + j;
                let issue = start
                    .checked_add_days(chrono::Days::new((i % 80) as u64))
                    .unwrap_or(start);
                let inv = SynthInvoice {
                    supplier_orgnr: "5561234567".into(),
                    supplier_name: "Kontorsvaror i Norr AB".into(),
                    number: format!("B{i:07}"),
                    issue_date: issue,
                    due_date: issue
                        .checked_add_days(chrono::Days::new(30))
                        .unwrap_or(issue),
                    buyer_reference: format!("5{:03}", i % 200),
                    contract: None,
                    credit_note: false,
                    preceding: None,
                    lines: vec![(
                        "Tjänst".into(),
                        Decimal::new((i as i64 * 7919) % 5_000_000 + 10_000, 2),
                    )],
                };
                (format!("b{i}.xml"), ubl(&inv).into_bytes())
            })
            .collect();
        import_documents(&mut store, docs, clock).expect("import");
    }
    eprintln!("built the 100k store in {:.1} s", t.elapsed().as_secs_f64());
    (store, path)
}

fn bench_inbox(c: &mut Criterion) {
    let clock = clock();
    let (store, _) = big_store(&clock);
    let day = clock.now().date_naive();
    let n = store.inbox("g042", day).expect("inbox").len();
    assert!(n > 0, "the reviewer has open steps");
    let mut g = c.benchmark_group("inbox");
    g.bench_function("100000", |b| {
        b.iter(|| store.inbox("g042", day).expect("inbox"))
    });
    g.finish();
    eprintln!("inbox of g042 holds {n} open steps");
}

/// Where import time goes: preparing (parse, validate, read the model) vs storing and routing.
fn bench_parts(c: &mut Criterion) {
    let clock = clock();
    let docs = batch(1_000, NaiveDate::from_ymd_opt(2026, 10, 1).expect("date"));
    let mut g = c.benchmark_group("import-parts");
    g.sample_size(10)
        .throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("prepare-1000-one-core", |b| {
        b.iter(|| {
            docs.iter()
                .map(|(n, d)| digilyft_core::import::prepare(n, d.clone()))
                .collect::<Vec<_>>()
        })
    });
    let prepared: Vec<_> = docs
        .iter()
        .map(|(n, d)| digilyft_core::import::prepare(n, d.clone()))
        .collect();
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("parts.sqlite");
    let rules = sample::sample_rules();
    g.bench_function("store-route-1000", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let mut store = store_with(&path, &rules, &clock);
                let t = Instant::now();
                for chunk in prepared.chunks(250) {
                    store.store_batch(chunk, &clock).expect("store");
                }
                total += t.elapsed();
            }
            total
        })
    });
    g.finish();
}

criterion_group!(benches, bench_parts, bench_import, bench_inbox);
criterion_main!(benches);
