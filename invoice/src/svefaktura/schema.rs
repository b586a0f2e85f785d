//! The Svefaktura structure check: compares every aggregate's children with the SFTI
//! BasicInvoice 1.0 sequence of its type (`schema_data.rs`, generated from the SFTI XSD) and
//! records unknown, misplaced and wrongly repeated elements as findings.

use crate::read::Finding;
use crate::structure::{self, Grammar};
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

/// Svefaktura 1.0's content model for [`structure::check`].
struct Sfti;

impl Grammar for Sfti {
    type Entry = Child;
    type Ns = Ns;
    const STANDARD: &'static str = "Svefaktura 1.0";

    fn ns_of(e: Element<'_>) -> Option<Ns> {
        match e.namespace() {
            ns::SFTI_INVOICE => Some(Ns::Root),
            ns::SFTI_CAC => Some(Ns::Cac),
            ns::UBL1_CBC => Some(Ns::Cbc),
            _ => None,
        }
    }

    fn key(entry: &Child) -> (Ns, &'static str) {
        (entry.ns, entry.name)
    }

    fn many(entry: &Child) -> bool {
        entry.many
    }

    fn label(entry: &Child) -> String {
        entry.name.to_string()
    }

    fn sub(entry: &Child, _child: Element<'_>) -> Option<&'static [Child]> {
        entry.sub
    }
}

/// Checks the whole Svefaktura document below `root`.
pub(super) fn check(root: Element<'_>, findings: &mut Vec<Finding>) {
    structure::check::<Sfti>(root, schema_data::INVOICE, findings);
}
