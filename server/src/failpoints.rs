//! Test-only failpoints (sync.md §3.1, fault scenario F1): compiled in only with the cargo
//! feature `failpoints` (off by default, so a release build has none), armed by the environment
//! variable [`ENV`] when the server starts.
//!
//! ```text
//! DIGILYFT_FAILPOINTS=push:before_commit=abort               the first mutation written aborts
//!                                                             before its transaction commits
//! DIGILYFT_FAILPOINTS=push:mid_batch(2)=abort                item 2 (0-based, device-seq order)
//!                                                             aborts before its commit; 0 and 1 stay
//! DIGILYFT_FAILPOINTS=push:after_commit_before_response=abort a push that stored something aborts
//!                                                             after its commits, before any response
//! ```
//!
//! Several are separated by `;`. `abort` is the only action: the process dies at once (as a
//! crash or `kill -9` would), no destructor, no flush, no response. Core only reports the
//! points ([`sync::push_observed`]); this module decides to die there and reads the environment.

use digilyft_core::api::sync::wire::{PushRequest, PushResponse};
use digilyft_core::api::sync::{self, PushPoint, Rights};
use digilyft_core::api::{ApiError, Context, Workspace};

/// The environment variable naming the armed failpoints.
pub const ENV: &str = "DIGILYFT_FAILPOINTS";

/// Where a push stops the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failpoint {
    /// Before the commit of the first mutation a push writes.
    BeforeCommit,
    /// Before the commit of the batch item at this index (device-seq order).
    MidBatch(usize),
    /// After a push committed at least one mutation, before its response is written.
    AfterCommitBeforeResponse,
}

/// The armed failpoints (empty: none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Failpoints {
    armed: Vec<Failpoint>,
}

/// A failpoint specification that cannot be understood; the server refuses to start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{ENV}: {spec:?} is not a failpoint: {rule}")]
pub struct BadFailpoint {
    /// The offending part.
    pub spec: String,
    /// What it should look like.
    pub rule: &'static str,
}

impl Failpoints {
    /// Reads [`ENV`]; unset or empty arms nothing.
    pub fn from_env() -> Result<Self, BadFailpoint> {
        Self::parse(&std::env::var(ENV).unwrap_or_default())
    }

    /// Parses `push:<point>=abort[;…]` (module docs).
    pub fn parse(text: &str) -> Result<Self, BadFailpoint> {
        let mut armed = Vec::new();
        for spec in text.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            let bad = |rule| BadFailpoint {
                spec: spec.to_string(),
                rule,
            };
            let (point, action) = spec
                .split_once('=')
                .ok_or_else(|| bad("expected push:<point>=abort"))?;
            if action.trim() != "abort" {
                return Err(bad("the only action is abort"));
            }
            let point = point
                .trim()
                .strip_prefix("push:")
                .ok_or_else(|| bad("only push:<point> failpoints exist"))?;
            armed.push(match point {
                "before_commit" => Failpoint::BeforeCommit,
                "after_commit_before_response" => Failpoint::AfterCommitBeforeResponse,
                p => {
                    let index = p
                        .strip_prefix("mid_batch(")
                        .and_then(|r| r.strip_suffix(')'))
                        .and_then(|n| n.trim().parse::<usize>().ok())
                        .ok_or_else(|| {
                            bad(
                                "points are before_commit, after_commit_before_response, mid_batch(<index>)",
                            )
                        })?;
                    Failpoint::MidBatch(index)
                }
            });
        }
        Ok(Failpoints { armed })
    }

    /// The armed points.
    pub fn armed(&self) -> &[Failpoint] {
        &self.armed
    }

    fn has(&self, f: Failpoint) -> bool {
        self.armed.contains(&f)
    }

    /// [`sync::push`], dying at the armed points.
    pub fn push(
        &self,
        ws: &mut Workspace,
        ctx: &Context<'_>,
        device_id: &str,
        batch: &PushRequest,
        rights: Rights,
    ) -> Result<PushResponse, ApiError> {
        let mut committed = false;
        let mut at = |p: PushPoint| match p {
            PushPoint::BeforeCommit { index } => {
                if self.has(Failpoint::BeforeCommit) || self.has(Failpoint::MidBatch(index)) {
                    die(&format!("before the commit of item {index}"));
                }
            }
            PushPoint::AfterCommit { .. } => committed = true,
        };
        let reply = sync::push_observed(ws, ctx, device_id, batch, rights, &mut at)?;
        if committed && self.has(Failpoint::AfterCommitBeforeResponse) {
            die("after the commit, before the response");
        }
        Ok(reply)
    }
}

/// Stops the process at once, as a crash would.
fn die(at: &str) -> ! {
    eprintln!("digilyft-server: failpoint: aborting {at}");
    std::process::abort()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specifications_parse_or_name_the_rule() {
        let ok = |s: &str| Failpoints::parse(s).expect(s).armed;
        assert_eq!(ok(""), vec![]);
        assert_eq!(
            ok("push:before_commit=abort"),
            vec![Failpoint::BeforeCommit]
        );
        assert_eq!(
            ok(" push:mid_batch(3)=abort ; push:after_commit_before_response=abort"),
            vec![Failpoint::MidBatch(3), Failpoint::AfterCommitBeforeResponse]
        );
        for (bad, rule) in [
            ("push:before_commit", "expected push:<point>=abort"),
            ("push:before_commit=panic", "the only action is abort"),
            (
                "pull:before_commit=abort",
                "only push:<point> failpoints exist",
            ),
            (
                "push:mid_batch(x)=abort",
                "points are before_commit, after_commit_before_response, mid_batch(<index>)",
            ),
            (
                "push:sometime=abort",
                "points are before_commit, after_commit_before_response, mid_batch(<index>)",
            ),
        ] {
            assert_eq!(Failpoints::parse(bad).expect_err(bad).rule, rule, "{bad}");
        }
    }
}
