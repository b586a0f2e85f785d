//! Injected time and ids.
//!
//! Domain code never reads the wall clock nor draws random ids itself: the front ends pass a
//! [`Clock`] (and make decision ids), so tests and benchmarks are reproducible.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, TimeZone, Utc};

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The operating system's clock. Only front ends (CLI, desktop, server) construct it.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// The system clock's time of day on a chosen date: "today" fixed for tests and for re-running a
/// day (`DIGILYFT_TODAY`), while instants of one run still follow each other.
#[derive(Debug, Clone, Copy)]
pub struct DayClock {
    day: chrono::NaiveDate,
}

impl DayClock {
    /// A clock whose date is `day`.
    pub fn new(day: chrono::NaiveDate) -> Self {
        DayClock { day }
    }
}

impl Clock for DayClock {
    fn now(&self) -> DateTime<Utc> {
        let time = Utc::now().time();
        self.day.and_time(time).and_utc()
    }
}

/// A clock that returns a fixed instant, which tests may move forward.
#[derive(Debug)]
pub struct FixedClock {
    secs: AtomicI64,
}

impl FixedClock {
    /// A clock standing at `at`.
    pub fn at(at: DateTime<Utc>) -> Self {
        FixedClock {
            secs: AtomicI64::new(at.timestamp()),
        }
    }

    /// A clock at 08:00 UTC of the given date; `None` when the date is impossible.
    pub fn on(year: i32, month: u32, day: u32) -> Option<Self> {
        Utc.with_ymd_and_hms(year, month, day, 8, 0, 0)
            .single()
            .map(Self::at)
    }

    /// Moves the clock forward by `secs` seconds.
    pub fn advance(&self, secs: i64) {
        self.secs.fetch_add(secs, Ordering::SeqCst);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        let s = self.secs.load(Ordering::SeqCst);
        Utc.timestamp_opt(s, 0)
            .single()
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    }
}
