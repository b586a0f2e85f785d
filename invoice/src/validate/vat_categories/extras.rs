//! The rules of the VAT category families outside the ten-rule pattern: BR-IC-11/12 (delivery
//! facts of an intra-community supply), BR-O-11 to BR-O-14 (category O excludes every other)
//! and BR-B-01/02 (split payment, Italy).

use super::super::{Ctx, RuleSetId, Sink, xpath};
use super::index::{
    Doc, Named, code_is_not, id_raw_is, ids_reading, root_breakdown, tax_scheme_is_vat, with_index,
};
use crate::xml::{Element, ns};

/// Whether the root's VAT breakdown has a VAT category id reading K.
fn has_k_breakdown(cx: &Ctx<'_>) -> bool {
    root_breakdown(cx).any(|c| tax_scheme_is_vat(c) && ids_reading(c, "K") > 0)
}

/// `string-length(path)` of a path that must select at most one element: `None` on several.
fn string_length_of(from: Element<'_>, path: &[(&str, &str)]) -> Option<usize> {
    let mut it = xpath::select(from, path);
    let first = it.next();
    if it.next().is_some() {
        return None;
    }
    Some(first.map_or(0, |e| e.string_value().chars().count()))
}

pub(super) fn br_ic_11(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() || !has_k_breakdown(cx) {
        return;
    }
    let Some(len) = string_length_of(
        cx.root,
        &[(ns::CAC, "Delivery"), (ns::CBC, "ActualDeliveryDate")],
    ) else {
        return;
    };
    let period = cx
        .root
        .named(ns::CAC, "InvoicePeriod")
        .any(|p| p.children().next().is_some());
    s.check(cx.root, len > 1 || period);
}

pub(super) fn br_ic_12(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() || !has_k_breakdown(cx) {
        return;
    }
    let path = [
        (ns::CAC, "Delivery"),
        (ns::CAC, "DeliveryLocation"),
        (ns::CAC, "Address"),
        (ns::CAC, "Country"),
        (ns::CBC, "IdentificationCode"),
    ];
    let Some(len) = string_length_of(cx.root, &path) else {
        return;
    };
    s.check(cx.root, len > 1);
}

/// Whether the root's VAT breakdown has a VAT category id reading O.
fn has_o_breakdown(cx: &Ctx<'_>) -> bool {
    root_breakdown(cx).any(|c| tax_scheme_is_vat(c) && ids_reading(c, "O") > 0)
}

pub(super) fn br_o_11(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() || !has_o_breakdown(cx) {
        return;
    }
    let others = root_breakdown(cx).any(|c| code_is_not(c, "O") && tax_scheme_is_vat(c));
    s.check(cx.root, !others);
}

pub(super) fn br_o_12(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() || !has_o_breakdown(cx) {
        return;
    }
    let others = with_index(cx, |d| {
        d.classified()
            .any(|c| code_is_not(c, "O") && tax_scheme_is_vat(c))
    });
    s.check(cx.root, !others);
}

pub(super) fn br_o_13(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() || !has_o_breakdown(cx) {
        return;
    }
    let others = with_index(cx, |d| {
        d.allowance_categories_where(false)
            .any(|c| code_is_not(c, "O") && tax_scheme_is_vat(c))
    });
    s.check(cx.root, !others);
}

pub(super) fn br_o_14(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() || !has_o_breakdown(cx) {
        return;
    }
    let others = with_index(cx, |d| {
        d.allowance_categories_where(true)
            .any(|c| code_is_not(c, "O") && tax_scheme_is_vat(c))
    });
    s.check(cx.root, !others);
}

/// `//cac:TaxCategory/cbc:ID = code or //cac:ClassifiedTaxCategory/cbc:ID = code`
fn any_raw_code(d: &Doc<'_, '_>, code_lit: &str) -> bool {
    d.tax_categories().any(|c| id_raw_is(c, code_lit))
        || d.classified().any(|c| id_raw_is(c, code_lit))
}

pub(super) fn br_b_01(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    if !cx.is_ubl() {
        return;
    }
    let ok = with_index(cx, |d| {
        let split = any_raw_code(d, "B");
        !split || !d.identification_code_other_than_italy()
    });
    s.check(cx.root, ok);
}

/// BR-B-02's test: `breakdown` says which breakdown path the "S" half reads (1.3.16:
/// `cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID`; 1.3.14.1 wrote
/// `cac:TaxTotal/cac:TaxSubtotal/cbc:ID`, which never matches a category).
fn split_payment_not_standard(cx: &Ctx<'_>, s: &mut Sink<'_>, s_in_breakdown_category: bool) {
    if !cx.is_ubl() {
        return;
    }
    let uses = |code_lit: &str, breakdown: bool| {
        breakdown && root_breakdown(cx).any(|c| id_raw_is(c, code_lit))
            || cx
                .root
                .named(ns::CAC, "AllowanceCharge")
                .flat_map(|ac| ac.named(ns::CAC, "TaxCategory"))
                .any(|c| id_raw_is(c, code_lit))
            || with_index(cx, |d| d.classified().any(|c| id_raw_is(c, code_lit)))
    };
    let s_breakdown = if s_in_breakdown_category {
        true
    } else {
        // `cac:TaxTotal/cac:TaxSubtotal/cbc:ID = 'S'`
        cx.root
            .named(ns::CAC, "TaxTotal")
            .flat_map(|tt| tt.named(ns::CAC, "TaxSubtotal"))
            .flat_map(|st| st.named(ns::CBC, "ID"))
            .any(|id| id.string_value() == "S")
    };
    let b = uses("B", true);
    let standard = if s_in_breakdown_category {
        uses("S", true)
    } else {
        s_breakdown || uses("S", false)
    };
    s.check(cx.root, !b || !standard);
}

/// BR-B-02; CEN 1.3.14.1 wrote its "S" breakdown test against `cac:TaxSubtotal/cbc:ID`.
pub(super) fn br_b_02(cx: &Ctx<'_>, s: &mut Sink<'_>) {
    let fixed = s.release() != RuleSetId::Cen1_3_14_1;
    split_payment_not_standard(cx, s, fixed);
}
