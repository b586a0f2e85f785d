//! Retry timing: full-jitter capped exponential backoff (sync.md §2.8, AWS "Exponential backoff
//! and jitter"), with `Retry-After` honoured, over an injected random source and sleeper so tests
//! neither wait nor depend on chance.

use std::time::Duration;

/// The longest `Retry-After` we obey (a server asking for more is waited on for this long, then
/// asked again).
pub const RETRY_AFTER_MAX: Duration = Duration::from_secs(3600);

/// A source of uniformly distributed integers (injected: tests use a fixed sequence).
pub trait Rng {
    /// A value in `0..=bound`.
    fn up_to(&mut self, bound: u64) -> u64;
}

/// Waits (injected: tests record the waits instead).
pub trait Sleeper {
    /// Sleeps for `d`.
    fn sleep(&self, d: Duration);
}

/// `sleep = rand(0, min(cap, base · 2^attempt))`, at least `Retry-After` when the server sent one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The first ceiling (1 s).
    pub base: Duration,
    /// The largest ceiling (5 min).
    pub cap: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            base: Duration::from_secs(1),
            cap: Duration::from_secs(300),
        }
    }
}

impl Backoff {
    /// The ceiling of attempt `attempt` (0 = the first retry): `min(cap, base · 2^attempt)`.
    pub fn ceiling(&self, attempt: u32) -> Duration {
        let factor = 1u32.checked_shl(attempt.min(31)).unwrap_or(u32::MAX);
        self.base
            .checked_mul(factor)
            .map_or(self.cap, |d| d.min(self.cap))
    }

    /// How long to wait before retry `attempt`: a uniformly random point up to the ceiling, but
    /// never less than the server's `Retry-After` (itself at most [`RETRY_AFTER_MAX`]).
    pub fn delay(
        &self,
        attempt: u32,
        rng: &mut dyn Rng,
        retry_after: Option<Duration>,
    ) -> Duration {
        let ceiling = u64::try_from(self.ceiling(attempt).as_millis()).unwrap_or(u64::MAX);
        let jitter = Duration::from_millis(rng.up_to(ceiling).min(ceiling));
        match retry_after {
            Some(ra) => jitter.max(ra.min(RETRY_AFTER_MAX)),
            None => jitter,
        }
    }
}

/// A small, fast generator (SplitMix64) seeded from the operating system: jitter needs spread, not
/// cryptographic strength.
#[derive(Debug, Clone)]
pub struct SplitMix(u64);

impl SplitMix {
    /// Seeded from the OS (falls back to a fixed seed if the OS has none to give).
    pub fn from_os() -> Self {
        let mut seed = [0u8; 8];
        let _ = getrandom::fill(&mut seed);
        SplitMix(u64::from_le_bytes(seed))
    }

    /// A fixed seed (tests, reproducible runs).
    pub fn seeded(seed: u64) -> Self {
        SplitMix(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl Rng for SplitMix {
    fn up_to(&mut self, bound: u64) -> u64 {
        match bound.checked_add(1) {
            Some(n) => self.next() % n,
            None => self.next(),
        }
    }
}

/// The thread's real sleep.
#[derive(Debug, Clone, Copy, Default)]
pub struct ThreadSleeper;

impl Sleeper for ThreadSleeper {
    fn sleep(&self, d: Duration) {
        std::thread::sleep(d);
    }
}

/// Parses `Retry-After`: delay-seconds, or an HTTP date (then relative to `now`).
pub fn parse_retry_after(value: &str, now: chrono::DateTime<chrono::Utc>) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    let ms = (at.with_timezone(&chrono::Utc) - now)
        .num_milliseconds()
        .max(0);
    Some(Duration::from_millis(u64::try_from(ms).unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Always the largest value allowed, or always zero.
    struct Edge(bool);
    impl Rng for Edge {
        fn up_to(&mut self, bound: u64) -> u64 {
            if self.0 { bound } else { 0 }
        }
    }

    #[test]
    fn the_ceiling_doubles_from_the_base_and_stops_at_the_cap() {
        let b = Backoff::default();
        let table = [
            (0, 1),
            (1, 2),
            (2, 4),
            (5, 32),
            (8, 256),
            (9, 300),
            (30, 300),
            (31, 300),
            (200, 300),
        ];
        for (attempt, secs) in table {
            assert_eq!(
                b.ceiling(attempt),
                Duration::from_secs(secs),
                "attempt {attempt}"
            );
        }
    }

    #[test]
    fn the_delay_stays_within_zero_and_the_ceiling() {
        let b = Backoff::default();
        let mut rng = SplitMix::seeded(7);
        for attempt in 0..40 {
            for _ in 0..50 {
                let d = b.delay(attempt, &mut rng, None);
                assert!(d <= b.ceiling(attempt), "attempt {attempt}: {d:?}");
            }
        }
        assert_eq!(b.delay(3, &mut Edge(true), None), Duration::from_secs(8));
        assert_eq!(b.delay(3, &mut Edge(false), None), Duration::ZERO);
    }

    #[test]
    fn the_jitter_is_spread_over_the_range() {
        let b = Backoff::default();
        let mut rng = SplitMix::seeded(42);
        let ds: Vec<_> = (0..200).map(|_| b.delay(4, &mut rng, None)).collect();
        let low = ds.iter().filter(|d| **d < Duration::from_secs(4)).count();
        let high = ds.iter().filter(|d| **d >= Duration::from_secs(12)).count();
        assert!(low > 20 && high > 20, "low {low}, high {high}");
    }

    #[test]
    fn retry_after_is_a_floor_and_is_itself_bounded() {
        let b = Backoff::default();
        let ra = Some(Duration::from_secs(30));
        assert_eq!(b.delay(0, &mut Edge(true), ra), Duration::from_secs(30));
        assert_eq!(b.delay(0, &mut Edge(false), ra), Duration::from_secs(30));
        // A larger jitter wins over a smaller Retry-After.
        assert_eq!(
            b.delay(9, &mut Edge(true), Some(Duration::from_secs(2))),
            Duration::from_secs(300)
        );
        // Retry-After above the cap is obeyed, up to RETRY_AFTER_MAX.
        assert_eq!(
            b.delay(0, &mut Edge(false), Some(Duration::from_secs(900))),
            Duration::from_secs(900)
        );
        assert_eq!(
            b.delay(0, &mut Edge(false), Some(Duration::from_secs(86_400))),
            RETRY_AFTER_MAX
        );
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-12-04T21:40:00Z")
            .expect("t")
            .with_timezone(&chrono::Utc);
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Fri, 04 Dec 2026 21:41:30 GMT", now),
            Some(Duration::from_secs(90))
        );
        assert_eq!(
            parse_retry_after("Fri, 04 Dec 2026 21:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
