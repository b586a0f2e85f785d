//! The Schematron rule contexts of the CEN `UBL-model` pattern, as element selectors.
//!
//! A context without a leading `/` matches at any depth (XSLT match patterns); `/ubl:Invoice/…`
//! is anchored at the root of the validated document. Within the pattern a node is judged only
//! by the **first** rule whose context it matches; the selectors below apply that where two
//! contexts can match one node (an allowance/charge with both a `false` and a `true`
//! `cbc:ChargeIndicator`, and a line's `cac:InvoicePeriod`).

use super::super::Ctx;
use super::super::xpath;
use super::values::kids;
use crate::xml::{Element, ns};

pub(super) const CAC: &str = ns::CAC;
pub(super) const CBC: &str = ns::CBC;

/// `e`'s parent within the validated document (the root has none, even inside a test file).
pub(super) fn parent<'d>(cx: &Ctx<'d>, e: Element<'d>) -> Option<Element<'d>> {
    if e == cx.root { None } else { e.parent() }
}

/// True when `e`'s parent is `ns`:`local`.
pub(super) fn parent_is<'d>(cx: &Ctx<'d>, e: Element<'d>, ns: &str, local: &str) -> bool {
    parent(cx, e).is_some_and(|p| p.is(ns, local))
}

/// `/ubl:Invoice | /cn:CreditNote`: the root, when it is a UBL invoice or credit note.
pub(super) fn invoice_root<'d>(cx: &Ctx<'d>) -> Option<Element<'d>> {
    cx.is_ubl().then_some(cx.root)
}

/// `cac:X` anywhere in the document.
pub(super) fn cac<'c, 'd>(cx: &'c Ctx<'d>, local: &str) -> impl Iterator<Item = Element<'d>> + 'c {
    cx.named_ns(CAC, local)
}

/// `[cbc:ChargeIndicator = b]`: some `cbc:ChargeIndicator` child casts to `xs:boolean` `b` (a
/// value that does not cast makes the pattern not match, as in XSLT 2.0).
pub(super) fn indicator_is(ac: Element<'_>, b: bool) -> bool {
    kids(ac, CBC, "ChargeIndicator").any(|c| xpath::boolean(&c.string_value()) == Some(b))
}

/// Allowances (`charge = false`) or charges (`true`) whose parent satisfies `parent_ok`,
/// judged by the first-matching rule: an element that is both is an allowance only.
fn allowance_charges<'c, 'd>(
    cx: &'c Ctx<'d>,
    charge: bool,
    parent_ok: impl Fn(Element<'d>) -> bool + 'c,
) -> impl Iterator<Item = Element<'d>> + 'c {
    cac(cx, "AllowanceCharge").filter(move |ac| {
        parent(cx, *ac).is_some_and(&parent_ok)
            && indicator_is(*ac, charge)
            && (!charge || !indicator_is(*ac, false))
    })
}

/// `/ubl:Invoice/cac:AllowanceCharge[cbc:ChargeIndicator = b]` (document level).
pub(super) fn document_allowance_charges<'c, 'd>(
    cx: &'c Ctx<'d>,
    charge: bool,
) -> impl Iterator<Item = Element<'d>> + 'c {
    let ubl = cx.is_ubl();
    let root = cx.root;
    allowance_charges(cx, charge, move |p| ubl && p == root)
}

/// `//cac:InvoiceLine/cac:AllowanceCharge[cbc:ChargeIndicator = b]` (and credit note lines).
pub(super) fn line_allowance_charges<'c, 'd>(
    cx: &'c Ctx<'d>,
    charge: bool,
) -> impl Iterator<Item = Element<'d>> + 'c {
    allowance_charges(cx, charge, is_line)
}

/// `cac:InvoiceLine | cac:CreditNoteLine`.
pub(super) fn is_line(e: Element<'_>) -> bool {
    e.namespace() == CAC && matches!(e.local_name(), "InvoiceLine" | "CreditNoteLine")
}

/// Every `cac:InvoiceLine` and `cac:CreditNoteLine` anywhere in the document.
pub(super) fn lines<'c, 'd>(cx: &'c Ctx<'d>) -> impl Iterator<Item = Element<'d>> + 'c {
    cac(cx, "InvoiceLine").chain(cac(cx, "CreditNoteLine"))
}

/// `cac:X/cac:Y/…/leaf` ending at `e`: `e` is `leaf` and its ancestors are the given chain
/// (innermost last), all within the validated document.
pub(super) fn has_ancestors<'d>(cx: &Ctx<'d>, e: Element<'d>, chain: &[(&str, &str)]) -> bool {
    let mut at = e;
    for (ns, local) in chain.iter().rev() {
        match parent(cx, at) {
            Some(p) if p.is(ns, local) => at = p,
            _ => return false,
        }
    }
    true
}

/// `[cac:TaxScheme/normalize-space(upper-case(cbc:ID)) = 'VAT']` on a tax category.
pub(super) fn is_vat(category: Element<'_>) -> bool {
    kids(category, CAC, "TaxScheme").any(|s| {
        s.child(CBC, "ID")
            .is_some_and(|id| xpath::normalized_upper_eq(&id.string_value(), "VAT"))
    })
}
