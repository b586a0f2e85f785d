//! Scoring speed: 100,000 respondents × 50 questions (the `dmos-open` model: 49 items and the
//! outcome question) in one wave over a municipality org tree. Target: under 1 s.
//!
//! Run: `cargo bench -p digilyft-survey --bench scoring`

use criterion::{Criterion, criterion_group, criterion_main};
use digilyft_survey::synth::{SynthOptions, generate};
use digilyft_survey::{ScoreOptions, bundled, score};

fn scoring(c: &mut Criterion) {
    let model = match bundled::load("dmos-open") {
        Ok(m) => m,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(model.questions.len(), 50);
    let answers = generate(&model, &SynthOptions::municipality(1, 100_000, &["2026"]));
    let mut group = c.benchmark_group("survey");
    group.sample_size(10);
    group.bench_function("score 100k respondents x 50 questions", |b| {
        b.iter(|| score(&model, &answers, &ScoreOptions::default()).map(|r| r.respondents.included))
    });
    let two_waves = generate(
        &model,
        &SynthOptions::municipality(1, 50_000, &["2025", "2026"]),
    );
    group.bench_function("score 2 waves x 50k respondents x 50 questions", |b| {
        b.iter(|| {
            score(&model, &two_waves, &ScoreOptions::default()).map(|r| r.respondents.included)
        })
    });
    group.finish();
}

criterion_group!(benches, scoring);
criterion_main!(benches);
