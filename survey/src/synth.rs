//! Synthetic answer sets for demos, samples and benchmarks. Fully deterministic: the same
//! options give the same answers on every platform (integer PRNG, no transcendental functions).
//!
//! The data has structure worth analysing — category levels that differ, units with effects,
//! improvement between waves, reverse items answered consistently, "don't know" answers, an
//! outcome question correlated more with some categories than others — but it is *not* real data
//! and is labelled as such wherever it is written.

use crate::answers::{Answer, AnswerSet, Respondent};
use crate::model::{MissingCode, Model};

/// A small deterministic generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// Seeds the generator.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Approximately standard normal (Irwin–Hall sum of four uniforms, rescaled).
    pub fn normal(&mut self) -> f64 {
        (self.unit() + self.unit() + self.unit() + self.unit() - 2.0) * 3f64.sqrt()
    }
}

/// One unit of the synthetic organisation.
#[derive(Debug, Clone)]
pub struct SynthUnit {
    /// Unit path `A/B`.
    pub path: String,
    /// Relative share of respondents.
    pub weight: f64,
    /// Effect on every score, in points.
    pub effect: f64,
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct SynthOptions {
    /// PRNG seed.
    pub seed: u64,
    /// Respondents per wave.
    pub respondents: usize,
    /// Wave labels, oldest first.
    pub waves: Vec<String>,
    /// The org tree.
    pub units: Vec<SynthUnit>,
}

impl SynthOptions {
    /// A mid-sized Swedish municipality with administrations and a few sub-units; one small
    /// unit that the anonymity rules must hide.
    pub fn municipality(seed: u64, respondents: usize, waves: &[&str]) -> SynthOptions {
        let u = |path: &str, weight: f64, effect: f64| SynthUnit {
            path: path.into(),
            weight,
            effect,
        };
        SynthOptions {
            seed,
            respondents,
            waves: waves.iter().map(|w| (*w).to_owned()).collect(),
            units: vec![
                u("Kommunledningsförvaltningen", 4.0, 6.0),
                u("Kommunledningsförvaltningen/IT-enheten", 5.0, 10.0),
                u("Kommunledningsförvaltningen/Ekonomienheten", 4.0, 2.0),
                u("Socialförvaltningen/Hemtjänst", 10.0, -8.0),
                u("Socialförvaltningen/Individ- och familjeomsorg", 7.0, -5.0),
                u("Barn- och utbildningsförvaltningen", 14.0, -3.0),
                u("Samhällsbyggnadsförvaltningen", 9.0, 5.0),
                u("Kultur- och fritidsförvaltningen", 1.2, 0.0),
            ],
        }
    }
}

/// Generates an answer set for `model`.
pub fn generate(model: &Model, opts: &SynthOptions) -> AnswerSet {
    let mut rng = Rng::new(opts.seed);
    let mut set = AnswerSet::new();
    let total_weight: f64 = opts.units.iter().map(|u| u.weight).sum();
    let nc = model.categories.len();
    // Category levels between 40 and 70, fixed per model position.
    let level: Vec<f64> = (0..nc)
        .map(|c| 40.0 + 30.0 * (((c * 7) % 11) as f64 / 10.0))
        .collect();
    // How strongly each category drives the outcome.
    let drive: Vec<f64> = (0..nc)
        .map(|c| [0.9, 0.2, 0.6, 0.3, 0.8, 0.1][c % 6])
        .collect();
    let role_weights: Vec<f64> = (0..model.roles.len())
        .map(|r| [1.0, 2.0, 5.0, 3.0, 3.0, 6.0][r % 6])
        .collect();
    let role_total: f64 = role_weights.iter().sum();
    for (wi, wave) in opts.waves.iter().enumerate() {
        let wave_ix = set.wave(wave);
        for i in 0..opts.respondents {
            let mut pick = rng.unit() * total_weight;
            let unit = opts
                .units
                .iter()
                .find(|u| {
                    pick -= u.weight;
                    pick < 0.0
                })
                .or(opts.units.last());
            let (path, effect) = unit.map_or(("", 0.0), |u| (u.path.as_str(), u.effect));
            let unit_ix = set.unit(path);
            let role = if model.roles.is_empty() {
                None
            } else {
                let mut p = rng.unit() * role_total;
                Some(
                    role_weights
                        .iter()
                        .position(|w| {
                            p -= w;
                            p < 0.0
                        })
                        .unwrap_or(model.roles.len() - 1),
                )
            };
            let person = rng.normal() * 9.0;
            let cat_latent: Vec<f64> = (0..nc)
                .map(|c| level[c] + effect + person + 3.0 * wi as f64 + rng.normal() * 6.0)
                .collect();
            let mut answers = vec![Answer::Blank; model.questions.len()];
            for (q, question) in model.questions.iter().enumerate() {
                if !question.applies_to(role) {
                    continue;
                }
                let scale = &model.scales[question.scale];
                let r = rng.unit();
                if r < 0.02 {
                    continue;
                }
                let dk_rate = if question.category.is_some_and(|c| c % 3 == 1) {
                    0.09
                } else {
                    0.04
                };
                if r < 0.02 + dk_rate && scale.missing_codes.contains(&MissingCode::DontKnow) {
                    answers[q] = Answer::Missing(MissingCode::DontKnow);
                    continue;
                }
                let latent = match question.category {
                    Some(c) => cat_latent[c] + ((q * 13) % 9) as f64 - 4.0 + rng.normal() * 12.0,
                    None => {
                        let (mut s, mut w) = (0.0, 0.0);
                        for c in 0..nc {
                            s += drive[c] * cat_latent[c];
                            w += drive[c];
                        }
                        s / w + rng.normal() * 8.0
                    }
                };
                let score = if question.reverse {
                    100.0 - latent
                } else {
                    latent
                }
                .clamp(0.0, 100.0);
                let span = f64::from(scale.max - scale.min);
                let point = scale.min + (score / 100.0 * span).round() as i32;
                answers[q] = Answer::Point(point.clamp(scale.min, scale.max) as i16);
            }
            let id = format!("{}-{:05}", wave, i + 1);
            let r = Respondent {
                id,
                unit: unit_ix,
                role,
                wave: wave_ix,
                answers: answers.into(),
            };
            // Ids are unique by construction.
            let _ = set.push(r, "synthetic");
        }
    }
    set
}
