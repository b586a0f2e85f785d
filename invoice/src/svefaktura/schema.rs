//! The Svefaktura structure check: compares every aggregate's children with the SFTI
//! BasicInvoice 1.0 sequence of its type (`schema_data.rs`, generated from the SFTI XSD) and
//! records unknown, misplaced and wrongly repeated elements as findings.

use crate::read::{Finding, FindingKind};
use crate::xml::{Element, ns};

use super::schema_data;

/// The namespace of a child element in a sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ns {
    /// `urn:sfti:documents:BasicInvoice:1:0` (the root's own namespace).
    Root,
    /// `urn:sfti:CommonAggregateComponents:1:0`.
    Cac,
    /// UBL 1.0 common basic components.
    Cbc,
}

/// One child element of an SFTI sequence, with the sequence of its own children if it is an
/// aggregate.
#[derive(Debug, Clone, Copy)]
pub(super) struct Child {
    pub(super) ns: Ns,
    pub(super) name: &'static str,
    pub(super) many: bool,
    pub(super) sub: Option<&'static [Child]>,
}

fn ns_of(e: Element<'_>) -> Option<Ns> {
    match e.namespace() {
        ns::SFTI_INVOICE => Some(Ns::Root),
        ns::SFTI_CAC => Some(Ns::Cac),
        ns::UBL1_CBC => Some(Ns::Cbc),
        _ => None,
    }
}

/// Checks the whole Svefaktura document below `root`.
pub(super) fn check(root: Element<'_>, findings: &mut Vec<Finding>) {
    check_children(root, schema_data::INVOICE, findings);
}

fn check_children(parent: Element<'_>, seq: &[Child], findings: &mut Vec<Finding>) {
    let mut last: Option<usize> = None;
    for child in parent.children() {
        let cns = ns_of(child);
        let local = child.local_name();
        let matches = |c: &Child| Some(c.ns) == cns && c.name == local;
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
                    "<{}> is not defined in <{}> by Svefaktura 1.0; it was ignored",
                    child.qualified_name(),
                    parent.qualified_name()
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
                    seq[prev].name,
                    parent.qualified_name()
                ),
            )),
            Some(prev) if index == prev && !seq[index].many => findings.push(Finding::at(
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
        if let Some(sub) = seq[index].sub {
            check_children(child, sub, findings);
        }
    }
}
