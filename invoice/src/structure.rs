//! The one walker behind both structure checks (UBL 2.1 and Svefaktura 1.0): compares every
//! aggregate's children with the element sequence its schema type allows, and records unknown,
//! misplaced and wrongly repeated elements as findings. The two syntaxes differ only in their
//! generated tables (`ubl/schema_data.rs`, `svefaktura/schema_data.rs`), in how a child's
//! namespace is classified and in how an aggregate's own sequence is found: that is the
//! [`Grammar`] each implements.

use crate::read::{Finding, FindingKind};
use crate::xml::Element;

/// One syntax's content model.
pub(crate) trait Grammar {
    /// One entry of a sequence (a child element the schema allows).
    type Entry: 'static;
    /// The namespace class of an element; `None` when the grammar knows no such namespace.
    type Ns: Copy + PartialEq;
    /// The standard, as named in findings (`UBL 2.1`).
    const STANDARD: &'static str;

    /// The namespace class of `e`.
    fn ns_of(e: Element<'_>) -> Option<Self::Ns>;
    /// The namespace class and local name an entry stands for.
    fn key(entry: &Self::Entry) -> (Self::Ns, &'static str);
    /// May the entry repeat?
    fn many(entry: &Self::Entry) -> bool;
    /// The entry as written in a finding (`cac:Party`, or just `Party`).
    fn label(entry: &Self::Entry) -> String;
    /// The sequence of `child` (described by `entry`) when it is an aggregate to descend into.
    fn sub(entry: &Self::Entry, child: Element<'_>) -> Option<&'static [Self::Entry]>;
}

/// Checks the children of `parent` against `seq`, recursively.
pub(crate) fn check<G: Grammar>(
    parent: Element<'_>,
    seq: &'static [G::Entry],
    findings: &mut Vec<Finding>,
) {
    // Index in `seq` of the furthest child seen so far.
    let mut last: Option<usize> = None;
    for child in parent.children() {
        let cns = G::ns_of(child);
        let local = child.local_name();
        let matches = |c: &G::Entry| {
            let (ns, name) = G::key(c);
            Some(ns) == cns && name == local
        };
        // Documents are nearly always in order: search forward from the previous position first.
        let from = last.unwrap_or(0);
        let found = seq[from..]
            .iter()
            .position(matches)
            .map(|i| i + from)
            .or_else(|| seq[..from].iter().position(matches));
        let Some(index) = found else {
            findings.push(Finding::at(
                FindingKind::UnknownElement,
                child,
                format!(
                    "<{}> is not defined in <{}> by {}; it was ignored",
                    child.qualified_name(),
                    parent.qualified_name(),
                    G::STANDARD
                ),
            ));
            continue;
        };
        match last {
            Some(prev) if index < prev => findings.push(Finding::at(
                FindingKind::OutOfOrder,
                child,
                format!(
                    "<{}> must come before <{}> in <{}>",
                    child.qualified_name(),
                    G::label(&seq[prev]),
                    parent.qualified_name()
                ),
            )),
            Some(prev) if index == prev && !G::many(&seq[index]) => findings.push(Finding::at(
                FindingKind::Repeated,
                child,
                format!(
                    "<{}> may occur only once in <{}>",
                    child.qualified_name(),
                    parent.qualified_name()
                ),
            )),
            _ => {}
        }
        if last.is_none_or(|prev| index > prev) {
            last = Some(index);
        }
        if let Some(sub) = G::sub(&seq[index], child) {
            check::<G>(child, sub, findings);
        }
    }
}
