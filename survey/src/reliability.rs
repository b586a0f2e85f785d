//! Cronbach's alpha, corrected item–total correlations and "alpha if item deleted", from a
//! running covariance matrix of complete cases (one pass, O(k²) memory per category).

/// Sums needed for the covariance matrix of k items.
#[derive(Debug, Clone)]
pub(crate) struct CovAcc {
    k: usize,
    n: u64,
    sum: Vec<f64>,
    cross: Vec<f64>,
}

/// Alpha and item statistics of one category.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AlphaResult {
    pub n: u64,
    pub alpha: Option<f64>,
    pub item_total: Vec<Option<f64>>,
    pub alpha_if_deleted: Vec<Option<f64>>,
}

impl CovAcc {
    pub(crate) fn new(k: usize) -> CovAcc {
        CovAcc {
            k,
            n: 0,
            sum: vec![0.0; k],
            cross: vec![0.0; k * k],
        }
    }

    /// Adds one complete case (`row.len() == k`).
    pub(crate) fn add(&mut self, row: &[f64]) {
        debug_assert_eq!(row.len(), self.k);
        self.n += 1;
        for (i, (&x, s)) in row.iter().zip(self.sum.iter_mut()).enumerate() {
            *s += x;
            let cross = &mut self.cross[i * self.k + i..(i + 1) * self.k];
            for (c, &y) in cross.iter_mut().zip(&row[i..]) {
                *c += x * y;
            }
        }
    }

    fn cov(&self, i: usize, j: usize) -> f64 {
        let (i, j) = if i <= j { (i, j) } else { (j, i) };
        let n = self.n as f64;
        (self.cross[i * self.k + j] - self.sum[i] * self.sum[j] / n) / (n - 1.0)
    }

    /// Computes the statistics; alpha is `None` below `min_cases` complete cases or when the
    /// total has no variance.
    pub(crate) fn finish(&self, min_cases: u64) -> AlphaResult {
        let k = self.k;
        let none = AlphaResult {
            n: self.n,
            alpha: None,
            item_total: vec![None; k],
            alpha_if_deleted: vec![None; k],
        };
        if self.n < min_cases.max(2) || k < 2 {
            return none;
        }
        let var: Vec<f64> = (0..k).map(|i| self.cov(i, i)).collect();
        // cov(i, total) = Σ_j cov(i, j)
        let cov_total: Vec<f64> = (0..k)
            .map(|i| (0..k).map(|j| self.cov(i, j)).sum())
            .collect();
        let var_total: f64 = cov_total.iter().sum();
        if var_total <= 1e-12 {
            return none;
        }
        let kf = k as f64;
        let alpha = kf / (kf - 1.0) * (1.0 - var.iter().sum::<f64>() / var_total);
        let mut item_total = Vec::with_capacity(k);
        let mut if_deleted = Vec::with_capacity(k);
        for i in 0..k {
            let var_rest = var_total - 2.0 * cov_total[i] + var[i];
            let cov_rest = cov_total[i] - var[i];
            item_total.push(
                (var[i] > 1e-12 && var_rest > 1e-12).then(|| cov_rest / (var[i] * var_rest).sqrt()),
            );
            if_deleted.push((k >= 3 && var_rest > 1e-12).then(|| {
                let k1 = kf - 1.0;
                k1 / (k1 - 1.0) * (1.0 - (var.iter().sum::<f64>() - var[i]) / var_rest)
            }));
        }
        AlphaResult {
            n: self.n,
            alpha: Some(alpha),
            item_total,
            alpha_if_deleted: if_deleted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alpha_by_hand() {
        // Items (columns) over 4 respondents:
        //   x1 = 1 2 3 4, x2 = 2 2 4 4, x3 = 1 3 3 5
        // var: x1 = 1.6667, x2 = 1.3333, x3 = 2.6667 → Σ = 5.6667
        // totals 4 7 10 13 → var 15 ⇒ α = 3/2 · (1 − 5.6667/15) = 0.93333
        let mut acc = CovAcc::new(3);
        for row in [
            [1.0, 2.0, 1.0],
            [2.0, 2.0, 3.0],
            [3.0, 4.0, 3.0],
            [4.0, 4.0, 5.0],
        ] {
            acc.add(&row);
        }
        let r = acc.finish(3);
        assert!((r.alpha.expect("alpha") - 0.933_333).abs() < 1e-5, "{r:?}");
        // Without x3: x1 + x2 = 3 4 7 8, var 17/3 → α = 2 · (1 − 3/(17/3)) = 0.941176
        assert!((r.alpha_if_deleted[2].expect("k ≥ 3") - 0.941_176).abs() < 1e-5);
        // Item 1 vs rest (x2 + x3 = 3 5 7 9): perfectly correlated → 1.0
        assert!((r.item_total[0].expect("r") - 1.0).abs() < 1e-9);
    }

    #[test]
    fn too_few_cases_gives_no_alpha() {
        let mut acc = CovAcc::new(3);
        acc.add(&[1.0, 2.0, 3.0]);
        assert_eq!(acc.finish(30).alpha, None);
    }
}
