//! The outcome of a validation run: which rules fired, where, and from which release.

use std::fmt;

use super::RuleSetId;
use crate::xml::Position;

/// A rule's flag, as Schematron's `flag` attribute gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The document must be rejected.
    Fatal,
    /// The document is acceptable but should be corrected.
    Warning,
    /// For information only (SFTI rules).
    Information,
}

impl Severity {
    /// The lower-case name used in reports and JSON: `fatal`, `warning`, `information`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Fatal => "fatal",
            Severity::Warning => "warning",
            Severity::Information => "information",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One firing of one rule on one context element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fired {
    /// Official rule id.
    pub id: &'static str,
    /// Flag under the release that judged (may differ from the rule's base flag).
    pub severity: Severity,
    /// The release the rule came from.
    pub set: RuleSetId,
    /// Business terms involved.
    pub bt: &'static [&'static str],
    /// XPath of the context element, e.g. `/Invoice/cac:InvoiceLine[2]`.
    pub location: String,
    /// Line and column of the context element in the input.
    pub position: Position,
    /// English message.
    pub en: &'static str,
    /// Swedish message.
    pub sv: &'static str,
}

/// All firings of one validation run, in rule order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The releases that ran.
    pub sets: Vec<RuleSetId>,
    /// Every firing.
    pub fired: Vec<Fired>,
}

impl Report {
    /// True when at least one fatal rule fired.
    pub fn has_fatal(&self) -> bool {
        self.fired.iter().any(|f| f.severity == Severity::Fatal)
    }

    /// How many times rule `id` fired.
    pub fn count(&self, id: &str) -> usize {
        self.fired.iter().filter(|f| f.id == id).count()
    }
}
