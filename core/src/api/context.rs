//! What every use case receives from its front end: the clock, the id generator and the acting
//! person. Nothing in core reads the wall clock or draws ids itself, so a server can stamp its own
//! time, a test can fix the day and a replayed decision keeps its id.

use chrono::{DateTime, NaiveDate, Utc};

use super::error::{ApiError, ErrorCode, Result};
use crate::clock::Clock;

/// Makes the ids the API mints (decision ids: the idempotency keys of spec §4.2).
pub trait IdGen: Send + Sync {
    /// A new, globally unique decision id.
    fn decision_id(&self) -> String;
}

/// UUIDv7 ids (time-ordered, random): what the front ends use.
#[derive(Debug, Clone, Copy, Default)]
pub struct UuidV7Ids;

impl IdGen for UuidV7Ids {
    fn decision_id(&self) -> String {
        uuid::Uuid::now_v7().to_string()
    }
}

/// `prefix-1`, `prefix-2`, …: reproducible ids for tests and the demo.
#[derive(Debug, Default)]
pub struct SequenceIds {
    prefix: String,
    next: std::sync::atomic::AtomicU64,
}

impl SequenceIds {
    /// Ids `prefix-1`, `prefix-2`, ….
    pub fn new(prefix: &str) -> Self {
        SequenceIds {
            prefix: prefix.to_string(),
            next: std::sync::atomic::AtomicU64::new(1),
        }
    }
}

impl IdGen for SequenceIds {
    fn decision_id(&self) -> String {
        let n = self.next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        format!("{}-{n}", self.prefix)
    }
}

/// The request's surroundings: time, ids and who acts.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The clock (the front end's; a server's own for received times).
    pub clock: &'a dyn Clock,
    /// The id generator.
    pub ids: &'a dyn IdGen,
    /// The acting person (`person_id` of the attestförteckning), when the use case has one, as
    /// the front end gave it; use cases read it through [`Context::actor`], which normalises it.
    pub actor: Option<&'a str>,
}

impl std::fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("now", &self.clock.now())
            .field("actor", &self.actor)
            .finish()
    }
}

impl<'a> Context<'a> {
    /// A context without an acting person.
    pub fn new(clock: &'a dyn Clock, ids: &'a dyn IdGen) -> Self {
        Context {
            clock,
            ids,
            actor: None,
        }
    }

    /// The same context acting as `actor`.
    pub fn acting_as(self, actor: &'a str) -> Self {
        Context {
            actor: Some(actor),
            ..self
        }
    }

    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Today's date (UTC).
    pub fn today(&self) -> NaiveDate {
        self.clock.now().date_naive()
    }

    /// The acting person in the one normalised form of [`crate::person_id::normalise`] (so
    /// `--as " U210"` is `u210`), or a `precondition` error saying that the use case needs one.
    pub fn actor(&self) -> Result<String> {
        self.actor
            .map(crate::person_id::normalise)
            .filter(|a| !a.is_empty())
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::Precondition,
                    "who is acting? give the person's id (e.g. --as ID)",
                )
            })
    }

    /// The acting person normalised, or `default` when there is none.
    pub fn actor_or(&self, default: &str) -> String {
        self.actor().unwrap_or_else(|_| default.to_string())
    }
}
