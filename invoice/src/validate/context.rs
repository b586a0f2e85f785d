//! What a rule sees: the document under judgement, and where it reports failures.

use super::report::{Fired, Severity};
use super::{RuleDef, RuleSetId};
use crate::xml::{Element, ns};

/// Which kind of document the root element is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// UBL 2.1 `Invoice`.
    UblInvoice,
    /// UBL 2.1 `CreditNote`.
    UblCreditNote,
    /// Svefaktura 1.0 `Invoice`.
    Svefaktura,
    /// Anything else: rules find nothing to judge.
    Other,
}

/// The document (or fragment) under judgement. Rules navigate from [`Ctx::root`].
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'d> {
    /// The root element of the document under judgement (may be inside a larger XML file).
    pub root: Element<'d>,
    /// Which kind of document `root` is.
    pub kind: DocKind,
}

impl<'d> Ctx<'d> {
    /// A context for the document rooted at `root`.
    pub fn new(root: Element<'d>) -> Ctx<'d> {
        let kind = if root.is(ns::UBL_INVOICE, "Invoice") {
            DocKind::UblInvoice
        } else if root.is(ns::UBL_CREDIT_NOTE, "CreditNote") {
            DocKind::UblCreditNote
        } else if root.is(ns::SFTI_INVOICE, "Invoice") {
            DocKind::Svefaktura
        } else {
            DocKind::Other
        };
        Ctx { root, kind }
    }

    /// True for UBL `Invoice` and `CreditNote` roots.
    pub fn is_ubl(&self) -> bool {
        matches!(self.kind, DocKind::UblInvoice | DocKind::UblCreditNote)
    }

    /// Every element of the document in document order, the root first.
    pub fn all(&self) -> impl Iterator<Item = Element<'d>> + 'd {
        std::iter::once(self.root).chain(self.root.descendants())
    }
}

/// Where one rule reports the context elements on which it fails.
#[derive(Debug)]
pub struct Sink<'a> {
    rule: &'static RuleDef,
    severity: Severity,
    set: RuleSetId,
    out: &'a mut Vec<Fired>,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(
        rule: &'static RuleDef,
        severity: Severity,
        set: RuleSetId,
        out: &'a mut Vec<Fired>,
    ) -> Sink<'a> {
        Sink {
            rule,
            severity,
            set,
            out,
        }
    }

    /// Records one failure of the rule with `at` as its Schematron context node.
    pub fn fire(&mut self, at: Element<'_>) {
        self.out.push(Fired {
            id: self.rule.id,
            severity: self.severity,
            set: self.set,
            bt: self.rule.bt,
            location: at.xpath(),
            position: at.position(),
            en: self.rule.en,
            sv: self.rule.sv,
        });
    }

    /// The release this rule runs under, for the few rules whose test changed between releases
    /// (e.g. PEPPOL-EN16931-R004, whose 2026.5 text also rejects `::`).
    pub fn release(&self) -> RuleSetId {
        self.set
    }

    /// Records a failure when `failed` is true; convenience for one-assert-per-context rules.
    pub fn check(&mut self, at: Element<'_>, ok: bool) {
        if !ok {
            self.fire(at);
        }
    }
}
