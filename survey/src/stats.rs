//! Small, dependency-free statistics: summaries with t-based confidence intervals, Welch
//! differences with Cohen's d, Pearson correlation, and the Student t quantile behind them.

use serde::Serialize;

/// Running sums for one group on one measure. Adding is O(1), so groups can be built from
/// atoms and merged up an org tree.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Acc {
    /// Number of values.
    pub n: u64,
    /// Sum of values.
    pub sum: f64,
    /// Sum of squared values.
    pub sum_sq: f64,
}

impl Acc {
    /// Adds one value.
    pub fn add(&mut self, x: f64) {
        self.n += 1;
        self.sum += x;
        self.sum_sq += x * x;
    }

    /// Adds another accumulator.
    pub fn merge(&mut self, o: &Acc) {
        self.n += o.n;
        self.sum += o.sum;
        self.sum_sq += o.sum_sq;
    }

    /// Mean, if any value.
    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }

    /// Sample variance (n − 1), if at least two values.
    pub fn variance(&self) -> Option<f64> {
        if self.n < 2 {
            return None;
        }
        let n = self.n as f64;
        Some(((self.sum_sq - self.sum * self.sum / n) / (n - 1.0)).max(0.0))
    }
}

/// A mean with its uncertainty.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    /// Number of values.
    pub n: u64,
    /// Mean (0–100 for scores).
    pub mean: f64,
    /// Sample standard deviation (0 when n = 1).
    pub sd: f64,
    /// Lower confidence limit (equal to the mean when n = 1).
    pub ci_low: f64,
    /// Upper confidence limit.
    pub ci_high: f64,
}

impl Summary {
    /// Summarises `acc` at `level` (e.g. 0.95), with the finite-population correction when the
    /// population size is known and larger than n. `None` when `acc` is empty.
    pub fn from_acc(acc: &Acc, level: f64, population: Option<u64>) -> Option<Summary> {
        let mean = acc.mean()?;
        let sd = acc.variance().unwrap_or(0.0).sqrt();
        let half = if acc.n >= 2 {
            let n = acc.n as f64;
            let mut se = sd / n.sqrt();
            if let Some(big_n) = population.filter(|&p| p > 1) {
                let big_n = big_n.max(acc.n) as f64;
                se *= ((big_n - n) / (big_n - 1.0)).max(0.0).sqrt();
            }
            t_quantile(0.5 + level / 2.0, n - 1.0) * se
        } else {
            0.0
        };
        Some(Summary {
            n: acc.n,
            mean,
            sd,
            ci_low: mean - half,
            ci_high: mean + half,
        })
    }

    /// The summary at published precision: mean, SD and interval limits rounded to
    /// [`PUBLISHED_DECIMALS`] decimals (the report's `0.0` format). Rounding is a disclosure
    /// control (docs/anonymity.md): a published n·mean is then known only to ±n·0.05, so
    /// near-exact differences of large groups no longer pin down one person's score. It costs at
    /// most 0.05 points per figure.
    pub fn published(self) -> Summary {
        Summary {
            n: self.n,
            mean: round_to(self.mean, PUBLISHED_DECIMALS),
            sd: round_to(self.sd, PUBLISHED_DECIMALS),
            ci_low: round_to(self.ci_low, PUBLISHED_DECIMALS),
            ci_high: round_to(self.ci_high, PUBLISHED_DECIMALS),
        }
    }

    /// Half-width of the interval.
    pub fn half_width(&self) -> f64 {
        (self.ci_high - self.ci_low) / 2.0
    }
}

/// Decimals of every published score, SD and interval limit (0–100 scale).
pub const PUBLISHED_DECIMALS: i32 = 1;

/// `x` rounded half away from zero to `decimals` places.
pub fn round_to(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

/// A difference between two group means.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Difference {
    /// `a − b`.
    pub diff: f64,
    /// Welch confidence interval of the difference.
    pub ci_low: f64,
    /// Upper limit.
    pub ci_high: f64,
    /// Cohen's d with the pooled standard deviation (`None` when it is 0).
    pub cohens_d: Option<f64>,
}

/// Welch's difference of two means with Cohen's d. Needs n ≥ 2 in both groups.
pub fn welch(a: &Summary, b: &Summary, level: f64) -> Option<Difference> {
    if a.n < 2 || b.n < 2 {
        return None;
    }
    let (na, nb) = (a.n as f64, b.n as f64);
    let (va, vb) = (a.sd * a.sd / na, b.sd * b.sd / nb);
    let se = (va + vb).sqrt();
    let diff = a.mean - b.mean;
    let half = if se > 0.0 {
        let df = (va + vb).powi(2) / (va * va / (na - 1.0) + vb * vb / (nb - 1.0));
        t_quantile(0.5 + level / 2.0, df) * se
    } else {
        0.0
    };
    let pooled = (((na - 1.0) * a.sd * a.sd + (nb - 1.0) * b.sd * b.sd) / (na + nb - 2.0)).sqrt();
    let cohens_d = (pooled > 0.0).then(|| diff / pooled);
    Some(Difference {
        diff,
        ci_low: diff - half,
        ci_high: diff + half,
        cohens_d,
    })
}

/// Pearson correlation from paired values; `None` with fewer than 3 pairs or no variance.
pub fn pearson(pairs: impl Iterator<Item = (f64, f64)>) -> Option<(f64, u64)> {
    let (mut n, mut sx, mut sy, mut sxx, mut syy, mut sxy) = (0u64, 0.0, 0.0, 0.0, 0.0, 0.0);
    for (x, y) in pairs {
        n += 1;
        sx += x;
        sy += y;
        sxx += x * x;
        syy += y * y;
        sxy += x * y;
    }
    if n < 3 {
        return None;
    }
    let nf = n as f64;
    let cov = sxy - sx * sy / nf;
    let vx = sxx - sx * sx / nf;
    let vy = syy - sy * sy / nf;
    if vx <= 1e-12 || vy <= 1e-12 {
        return None;
    }
    Some(((cov / (vx * vy).sqrt()).clamp(-1.0, 1.0), n))
}

/// The `p` quantile of Student's t distribution with `df` degrees of freedom (df may be
/// fractional, as in Welch's test). Found by bisection on the exact CDF, accurate to ~1e-10.
pub fn t_quantile(p: f64, df: f64) -> f64 {
    if !(p > 0.0 && p < 1.0) || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if p < 0.5 {
        return -t_quantile(1.0 - p, df);
    }
    if p == 0.5 {
        return 0.0;
    }
    if df > 200.0 {
        // Cornish–Fisher expansion around the normal quantile; error far below 1e-9 here, and
        // it avoids a slow continued fraction for large samples.
        let z = normal_quantile(p);
        let (z2, v) = (z * z, df);
        let g1 = (z2 + 1.0) * z / 4.0;
        let g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
        let g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
        let g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
        return z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v);
    }
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    while t_cdf(hi, df) < p {
        hi *= 2.0;
        if hi > 1e12 {
            return f64::INFINITY;
        }
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if t_cdf(mid, df) < p {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-12 * hi.max(1.0) {
            break;
        }
    }
    0.5 * (lo + hi)
}

/// The `p` quantile of the standard normal distribution (Acklam's rational approximation,
/// relative error below 1.2e-9).
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    if !(p > 0.0 && p < 1.0) {
        return f64::NAN;
    }
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < 0.02425 {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - 0.02425 {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// CDF of Student's t.
pub fn t_cdf(t: f64, df: f64) -> f64 {
    let x = df / (df + t * t);
    let tail = 0.5 * inc_beta(df / 2.0, 0.5, x);
    if t >= 0.0 { 1.0 - tail } else { tail }
}

/// Regularised incomplete beta function I_x(a, b).
fn inc_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    let front = ln_front.exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_cf(a, b, x) / a
    } else {
        1.0 - front * beta_cf(b, a, 1.0 - x) / b
    }
}

/// Continued fraction for the incomplete beta (modified Lentz).
fn beta_cf(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..100_000 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let del = d * c;
        h *= del;
        if (del - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

/// ln Γ(x) for x > 0 (Lanczos approximation, g = 7, n = 9).
fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        return (std::f64::consts::PI / (std::f64::consts::PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + G + 0.5;
    for (i, c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles_match_tables() {
        // Values from standard t tables (two-sided 95 %).
        for (df, want) in [
            (1.0, 12.7062),
            (4.0, 2.7764),
            (9.0, 2.2622),
            (29.0, 2.0452),
            (1e6, 1.9600),
        ] {
            let got = t_quantile(0.975, df);
            assert!((got - want).abs() < 5e-4, "df {df}: {got} vs {want}");
        }
        assert!((t_quantile(0.95, 10.0) - 1.8125).abs() < 5e-4);
        // The large-df expansion agrees with the exact CDF where they meet.
        for df in [201.0, 500.0, 5000.0] {
            let t = t_quantile(0.975, df);
            assert!((t_cdf(t, df) - 0.975).abs() < 1e-8, "df {df}");
        }
        assert!((normal_quantile(0.975) - 1.959_963_985).abs() < 1e-8);
    }

    #[test]
    fn summary_by_hand() {
        // 40, 60, 80: mean 60, sd 20, se 11.547, t(0.975, 2) = 4.3027 → half-width 49.68.
        let mut a = Acc::default();
        for x in [40.0, 60.0, 80.0] {
            a.add(x);
        }
        let s = Summary::from_acc(&a, 0.95, None).expect("n > 0");
        assert_eq!(s.mean, 60.0);
        assert!((s.sd - 20.0).abs() < 1e-12);
        assert!((s.half_width() - 49.683).abs() < 1e-3, "{}", s.half_width());
        // With a population of 4, FPC = sqrt(1/3).
        let f = Summary::from_acc(&a, 0.95, Some(4)).expect("n > 0");
        assert!((f.half_width() - 49.683 / 3f64.sqrt()).abs() < 1e-3);
    }

    #[test]
    fn welch_by_hand() {
        let a = Summary {
            n: 10,
            mean: 70.0,
            sd: 10.0,
            ci_low: 0.0,
            ci_high: 0.0,
        };
        let b = Summary {
            n: 10,
            mean: 60.0,
            sd: 10.0,
            ci_low: 0.0,
            ci_high: 0.0,
        };
        let d = welch(&a, &b, 0.95).expect("n ≥ 2");
        // se = sqrt(20) = 4.4721, df = 18, t = 2.1009 → half 9.3954; d = 1.0
        assert!((d.ci_high - d.diff - 9.3954).abs() < 1e-3, "{d:?}");
        assert_eq!(d.cohens_d, Some(1.0));
    }

    #[test]
    fn pearson_by_hand() {
        let (r, n) = pearson([(1.0, 2.0), (2.0, 4.0), (3.0, 5.0)].into_iter()).expect("3 pairs");
        assert_eq!(n, 3);
        assert!((r - 0.981_980_506).abs() < 1e-8, "{r}");
    }
}
