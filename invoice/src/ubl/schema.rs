//! The structure check: compares every aggregate's children with the UBL 2.1 element sequence of
//! its type (`schema_data.rs`, generated from the OASIS XSD) and records unknown, misplaced and
//! wrongly repeated elements as findings. Leaf (`cbc:`) content and extensions are not checked.

use crate::read::Finding;
use crate::structure::{self, Grammar};
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

/// UBL 2.1's content model for [`structure::check`].
struct Ubl;

impl Grammar for Ubl {
    type Entry = Child;
    type Ns = Ns;
    const STANDARD: &'static str = "UBL 2.1";

    fn ns_of(e: Element<'_>) -> Option<Ns> {
        Some(match e.namespace() {
            ns::CAC => Ns::Cac,
            ns::CBC => Ns::Cbc,
            ns::EXT => Ns::Ext,
            _ => Ns::Other,
        })
    }

    fn key(entry: &Child) -> (Ns, &'static str) {
        (entry.ns, entry.name)
    }

    fn many(entry: &Child) -> bool {
        entry.many
    }

    fn label(entry: &Child) -> String {
        let prefix = match entry.ns {
            Ns::Cac => "cac:",
            Ns::Cbc => "cbc:",
            Ns::Ext => "ext:",
            Ns::Other => "",
        };
        format!("{prefix}{}", entry.name)
    }

    /// Only `cac:` aggregates are descended into (leaf content and extensions are not checked).
    fn sub(entry: &Child, _child: Element<'_>) -> Option<&'static [Child]> {
        (entry.ns == Ns::Cac)
            .then(|| schema_data::aggregate(entry.name))
            .flatten()
    }
}

/// Checks the whole document below `root` (an `Invoice` or a `CreditNote`).
pub(crate) fn check(root: Element<'_>, credit_note: bool, findings: &mut Vec<Finding>) {
    let seq = if credit_note {
        schema_data::CREDIT_NOTE
    } else {
        schema_data::INVOICE
    };
    structure::check::<Ubl>(root, seq, findings);
}
