//! The structure check: compares every aggregate's children with the UBL 2.1 element sequence of
//! its type (`schema_data.rs`, generated from the OASIS XSD) and records unknown, misplaced and
//! wrongly repeated elements as findings. Leaf (`cbc:`) content and extensions are not checked.

use crate::read::{Finding, FindingKind};
use crate::xml::{Element, ns};

use super::schema_data;

/// The namespace of a child element in a sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    Cac,
    Cbc,
    Ext,
    Other,
}

/// One child element of a UBL sequence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Child {
    pub(crate) ns: Ns,
    pub(crate) name: &'static str,
    pub(crate) many: bool,
}

fn ns_of(e: Element<'_>) -> Ns {
    match e.namespace() {
        ns::CAC => Ns::Cac,
        ns::CBC => Ns::Cbc,
        ns::EXT => Ns::Ext,
        _ => Ns::Other,
    }
}

fn prefix(n: Ns) -> &'static str {
    match n {
        Ns::Cac => "cac:",
        Ns::Cbc => "cbc:",
        Ns::Ext => "ext:",
        Ns::Other => "",
    }
}

/// Checks the whole document below `root` (an `Invoice` or a `CreditNote`).
pub(crate) fn check(root: Element<'_>, credit_note: bool, findings: &mut Vec<Finding>) {
    let seq = if credit_note {
        schema_data::CREDIT_NOTE
    } else {
        schema_data::INVOICE
    };
    check_children(root, seq, findings);
}

fn check_children(parent: Element<'_>, seq: &[Child], findings: &mut Vec<Finding>) {
    // Index in `seq` of the previous child, and whether it has been seen more than once.
    let mut last: Option<usize> = None;
    for child in parent.children() {
        let cns = ns_of(child);
        let local = child.local_name();
        let matches = |c: &Child| c.ns == cns && c.name == local;
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
                    "<{}> is not defined in <{}> by UBL 2.1; it was ignored",
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
                    "<{}> must come before <{}{}> in <{}>",
                    child.qualified_name(),
                    prefix(seq[prev].ns),
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
        if cns == Ns::Cac
            && let Some(sub) = schema_data::aggregate(local)
        {
            check_children(child, sub, findings);
        }
    }
}
