//! What the proxy does to a request: a [`Mode`] (sync.md §3.1), chosen by the first [`Rule`]
//! whose method and path prefix match, whose `limit` is not used up and whose probability draw
//! succeeds; no rule → [`Mode::Pass`]. Rules are JSON on the admin API and the command line:
//!
//! ```json
//! [{"method": "POST", "path_prefix": "/v1/sync/mutations", "probability": 0.3,
//!   "mode": "forward_then_drop_response"},
//!  {"path_prefix": "/v1/sync/changes", "mode": "delay", "ms": 2000, "jitter_ms": 1000}]
//! ```

use serde::{Deserialize, Serialize};

/// How duplicates are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DupOrder {
    /// All copies at once (each on its own upstream connection).
    Concurrent,
    /// One after another, each after the previous one's response.
    Sequential,
}

/// One fault (or none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Mode {
    /// Forward unchanged.
    Pass,
    /// Wait `ms` ± a uniform draw of up to `jitter_ms`, then forward.
    Delay {
        /// The mean delay.
        ms: u64,
        /// The largest deviation either way.
        #[serde(default)]
        jitter_ms: u64,
    },
    /// Close the client's connection without forwarding anything.
    DropRequest,
    /// The lost ack: forward, let the upstream request complete, then close the client's
    /// connection without a response.
    ForwardThenDropResponse,
    /// Send the request upstream `k` times in all; the client gets the first copy's response.
    Duplicate {
        /// Copies in all (1 = no duplicate).
        k: u32,
        /// Concurrent or sequential copies.
        order: DupOrder,
    },
    /// Hold matching requests (of every client) until `window` are held or `max_hold_ms`
    /// passed, then forward them one at a time in a seeded order that is never the arrival
    /// order (for two or more).
    HoldAndReorder {
        /// Requests per window.
        window: usize,
        /// Longest a request is held for a window to fill.
        #[serde(default = "default_max_hold_ms")]
        max_hold_ms: u64,
    },
    /// Forward; answer with the upstream's status and `Content-Length`, but only the first
    /// half of the body, then close the connection.
    TruncateBody,
    /// As [`Mode::TruncateBody`], but the connection is reset (TCP RST) after the half body.
    ResetMidStream,
    /// Answer `status` (with `Retry-After: retry_after_secs` when given) without forwarding.
    InjectStatus {
        /// The status code.
        status: u16,
        /// The `Retry-After` seconds.
        #[serde(default)]
        retry_after_secs: Option<u64>,
    },
    /// Accept the request and never answer; the connection is closed after `hold_ms` (bounded,
    /// so no test hangs for ever).
    Blackhole {
        /// How long the request is held.
        #[serde(default = "default_blackhole_ms")]
        hold_ms: u64,
    },
}

fn default_max_hold_ms() -> u64 {
    2_000
}

fn default_blackhole_ms() -> u64 {
    60_000
}

fn default_prefix() -> String {
    "/".into()
}

fn default_probability() -> f64 {
    1.0
}

/// When a mode applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    /// The request method (any when absent), compared case-insensitively.
    #[serde(default)]
    pub method: Option<String>,
    /// The path prefix (`/` = every request).
    #[serde(default = "default_prefix")]
    pub path_prefix: String,
    /// The chance (0–1) the rule applies to a matching request.
    #[serde(default = "default_probability")]
    pub probability: f64,
    /// At most this many applications (unlimited when absent).
    #[serde(default)]
    pub limit: Option<u64>,
    /// The fault.
    #[serde(flatten)]
    pub mode: Mode,
}

/// A rule that cannot be applied; names the rule's position and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("rule {index}: {message}")]
pub struct BadRule {
    /// The rule's position (0-based).
    pub index: usize,
    /// What is wrong.
    pub message: String,
}

/// The most copies [`Mode::Duplicate`] sends.
pub const MAX_COPIES: u32 = 16;
/// The largest reorder window.
pub const MAX_WINDOW: usize = 1024;
/// The longest hold of [`Mode::Blackhole`] and [`Mode::HoldAndReorder`].
pub const MAX_HOLD_MS: u64 = 600_000;

impl Rule {
    /// A rule for every request.
    pub fn all(mode: Mode) -> Self {
        Rule {
            method: None,
            path_prefix: default_prefix(),
            probability: 1.0,
            limit: None,
            mode,
        }
    }

    /// A rule for `method` requests under `path_prefix`.
    pub fn on(method: &str, path_prefix: &str, mode: Mode) -> Self {
        Rule {
            method: Some(method.to_string()),
            path_prefix: path_prefix.to_string(),
            ..Rule::all(mode)
        }
    }

    /// The same rule, applied with probability `p`.
    pub fn with_probability(self, p: f64) -> Self {
        Rule {
            probability: p,
            ..self
        }
    }

    /// The same rule, applied at most `n` times.
    pub fn with_limit(self, n: u64) -> Self {
        Rule {
            limit: Some(n),
            ..self
        }
    }

    /// True when the rule concerns a `method` request for `path`.
    pub fn matches(&self, method: &str, path: &str) -> bool {
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && path.starts_with(&self.path_prefix)
    }

    fn problem(&self) -> Option<String> {
        if !(0.0..=1.0).contains(&self.probability) {
            return Some(format!(
                "probability {} is not within 0..=1",
                self.probability
            ));
        }
        if !self.path_prefix.starts_with('/') {
            return Some(format!(
                "path_prefix {:?} does not start with /",
                self.path_prefix
            ));
        }
        match self.mode {
            Mode::Duplicate { k, .. } if !(1..=MAX_COPIES).contains(&k) => {
                Some(format!("duplicate k = {k} is not within 1..={MAX_COPIES}"))
            }
            Mode::HoldAndReorder {
                window,
                max_hold_ms,
            } if !(1..=MAX_WINDOW).contains(&window) || max_hold_ms > MAX_HOLD_MS => Some(format!(
                "hold_and_reorder needs 1 ≤ window ≤ {MAX_WINDOW} and max_hold_ms ≤ {MAX_HOLD_MS}"
            )),
            Mode::Blackhole { hold_ms } if hold_ms > MAX_HOLD_MS => {
                Some(format!("blackhole hold_ms {hold_ms} is over {MAX_HOLD_MS}"))
            }
            Mode::InjectStatus { status, .. } if !(100..=599).contains(&status) => {
                Some(format!("status {status} is not an HTTP status"))
            }
            _ => None,
        }
    }
}

/// Checks every rule; the first bad one is named.
pub fn validate(rules: &[Rule]) -> Result<(), BadRule> {
    for (index, r) in rules.iter().enumerate() {
        if let Some(message) = r.problem() {
            return Err(BadRule { index, message });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_from_json_with_their_defaults() {
        let rules: Vec<Rule> = serde_json::from_str(
            r#"[{"method": "POST", "path_prefix": "/v1/sync/mutations", "probability": 0.3,
                 "mode": "forward_then_drop_response"},
                {"mode": "delay", "ms": 2000},
                {"mode": "duplicate", "k": 3, "order": "concurrent"},
                {"mode": "inject_status", "status": 503, "retry_after_secs": 2}]"#,
        )
        .expect("rules");
        assert_eq!(
            rules[0],
            Rule::on("POST", "/v1/sync/mutations", Mode::ForwardThenDropResponse)
                .with_probability(0.3)
        );
        assert_eq!(
            rules[1],
            Rule::all(Mode::Delay {
                ms: 2000,
                jitter_ms: 0
            })
        );
        assert!(validate(&rules).is_ok());
    }

    #[test]
    fn matching_is_by_method_and_path_prefix() {
        let r = Rule::on("post", "/v1/sync/mutations", Mode::DropRequest);
        assert!(r.matches("POST", "/v1/sync/mutations"));
        assert!(r.matches("POST", "/v1/sync/mutations/0190"));
        assert!(!r.matches("GET", "/v1/sync/mutations"));
        assert!(!r.matches("POST", "/v1/sync/changes"));
        assert!(Rule::all(Mode::Pass).matches("GET", "/anything"));
    }

    #[test]
    fn bad_rules_are_named_by_position() {
        let bad = [
            Rule::all(Mode::Pass).with_probability(1.5),
            Rule::all(Mode::Duplicate {
                k: 0,
                order: DupOrder::Sequential,
            }),
            Rule::all(Mode::HoldAndReorder {
                window: 0,
                max_hold_ms: 10,
            }),
            Rule::all(Mode::Blackhole {
                hold_ms: MAX_HOLD_MS + 1,
            }),
            Rule::all(Mode::InjectStatus {
                status: 42,
                retry_after_secs: None,
            }),
            Rule::on("GET", "v1", Mode::Pass),
        ];
        for b in bad {
            let e = validate(&[Rule::all(Mode::Pass), b.clone()]).expect_err("bad");
            assert_eq!(e.index, 1, "{b:?}");
        }
    }
}
