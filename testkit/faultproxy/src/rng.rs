//! The proxy's one seeded random source (SplitMix64): every probability draw, jitter and
//! reorder permutation comes from it, so a run is reproduced by its seed (printed at start).

/// A small deterministic generator; not for cryptography.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0; 0 gives 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// True with probability `p` (clamped to 0..=1), drawn in millionths.
    pub fn chance(&mut self, p: f64) -> bool {
        let millionths = (p.clamp(0.0, 1.0) * 1_000_000.0).round() as u64;
        self.below(1_000_000) < millionths
    }

    /// A permutation of `0..n` that differs from the identity whenever `n` ≥ 2 (a reorder
    /// window must reorder: an identity draw is reversed).
    pub fn permutation(&mut self, n: usize) -> Vec<usize> {
        let mut p: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = self.below(i as u64 + 1) as usize;
            p.swap(i, j);
        }
        if n >= 2 && p.iter().enumerate().all(|(i, &v)| i == v) {
            p.reverse();
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_draws() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(Rng::new(8).next_u64(), xs[0]);
    }

    #[test]
    fn permutations_are_permutations_and_never_the_identity() {
        let mut r = Rng::new(1);
        for n in 0..12 {
            for _ in 0..50 {
                let p = r.permutation(n);
                let mut sorted = p.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>());
                if n >= 2 {
                    assert!(p.iter().enumerate().any(|(i, &v)| i != v), "{p:?}");
                }
            }
        }
    }

    #[test]
    fn chance_respects_the_bounds() {
        let mut r = Rng::new(3);
        assert!((0..1000).all(|_| r.chance(1.0)));
        assert!((0..1000).all(|_| !r.chance(0.0)));
        let hits = (0..10_000).filter(|_| r.chance(0.3)).count();
        assert!((2_500..3_500).contains(&hits), "{hits}");
    }
}
