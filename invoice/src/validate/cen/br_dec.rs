//! BR-DEC-01 … BR-DEC-28: at most two decimals in amounts.
//!
//! The official test is `string-length(substring-after(AMOUNT, '.')) <= 2`: the characters after
//! the first point, whatever they are, so `1.2 ` (trailing space) counts three.

use super::super::{Ctx, Sink};
use super::br::subtotals;
use super::contexts::{
    CBC, cac, document_allowance_charges, invoice_root, line_allowance_charges, lines,
};
use super::values::{X, assert, at_most_two_decimals, decimals_ok, kids};
use crate::xml::Element;

fn check_all<'d>(sink: &mut Sink<'_>, contexts: impl Iterator<Item = Element<'d>>, local: &str) {
    for e in contexts {
        assert(sink, e, at_most_two_decimals(e, local));
    }
}

/// BR-DEC-01: Document level allowance amount (BT-92).
pub(super) fn br_dec_01(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    check_all(sink, document_allowance_charges(cx, false), "Amount");
}

/// BR-DEC-02: Document level allowance base amount (BT-93).
pub(super) fn br_dec_02(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    check_all(sink, document_allowance_charges(cx, false), "BaseAmount");
}

/// BR-DEC-05: Document level charge amount (BT-99).
pub(super) fn br_dec_05(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    check_all(sink, document_allowance_charges(cx, true), "Amount");
}

/// BR-DEC-06: Document level charge base amount (BT-100).
pub(super) fn br_dec_06(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    check_all(sink, document_allowance_charges(cx, true), "BaseAmount");
}

/// BR-DEC-09: Sum of Invoice line net amount (BT-106).
pub(super) fn br_dec_09(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    check_all(sink, cac(cx, "LegalMonetaryTotal"), "LineExtensionAmount");
}

/// BR-DEC-10: Sum of allowances on document level (BT-107).
pub(super) fn br_dec_10(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    check_all(sink, cac(cx, "LegalMonetaryTotal"), "AllowanceTotalAmount");
}

/// BR-DEC-11: Sum of charges on document level (BT-108).
pub(super) fn br_dec_11(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    check_all(sink, cac(cx, "LegalMonetaryTotal"), "ChargeTotalAmount");
}

/// BR-DEC-12: Invoice total amount without VAT (BT-109).
pub(super) fn br_dec_12(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    check_all(sink, cac(cx, "LegalMonetaryTotal"), "TaxExclusiveAmount");
}

/// The test of BR-DEC-13/15, written literally: `//cac:TaxTotal/cbc:TaxAmount[@currencyID =
/// cbc:X]` looks for a `cbc:X` *child of the TaxAmount* (which UBL never has), so in practice
/// the node set is empty and the rule holds; we mirror the expression exactly.
fn tax_total_in_code(cx: &Ctx<'_>, code_local: &str) -> X<bool> {
    let mut matching = cac(cx, "TaxTotal")
        .flat_map(|tt| kids(tt, CBC, "TaxAmount"))
        .filter(|ta| {
            let cur = ta.attr("currencyID");
            kids(*ta, CBC, code_local).any(|c| cur == Some(&*c.string_value()))
        });
    let Some(first) = matching.next() else {
        return Ok(true);
    };
    if matching.next().is_some() {
        return Err(super::values::DynError);
    }
    Ok(decimals_ok(&first.string_value()))
}

/// BR-DEC-13: Invoice total VAT amount (BT-110).
pub(super) fn br_dec_13(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(r) = invoice_root(cx) {
        assert(sink, r, tax_total_in_code(cx, "DocumentCurrencyCode"));
    }
}

/// BR-DEC-14: Invoice total amount with VAT (BT-112).
pub(super) fn br_dec_14(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    check_all(sink, cac(cx, "LegalMonetaryTotal"), "TaxInclusiveAmount");
}

/// BR-DEC-15: Invoice total VAT amount in accounting currency (BT-111).
pub(super) fn br_dec_15(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(r) = invoice_root(cx) {
        assert(sink, r, tax_total_in_code(cx, "TaxCurrencyCode"));
    }
}

/// BR-DEC-16: Paid amount (BT-113).
pub(super) fn br_dec_16(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    check_all(sink, cac(cx, "LegalMonetaryTotal"), "PrepaidAmount");
}

/// BR-DEC-17: Rounding amount (BT-114).
pub(super) fn br_dec_17(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    check_all(sink, cac(cx, "LegalMonetaryTotal"), "PayableRoundingAmount");
}

/// BR-DEC-18: Amount due for payment (BT-115).
pub(super) fn br_dec_18(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    check_all(sink, cac(cx, "LegalMonetaryTotal"), "PayableAmount");
}

/// BR-DEC-19: VAT category taxable amount (BT-116).
pub(super) fn br_dec_19(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    check_all(sink, subtotals(cx), "TaxableAmount");
}

/// BR-DEC-20: VAT category tax amount (BT-117).
pub(super) fn br_dec_20(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    check_all(sink, subtotals(cx), "TaxAmount");
}

/// BR-DEC-23: Invoice line net amount (BT-131).
pub(super) fn br_dec_23(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    check_all(sink, lines(cx), "LineExtensionAmount");
}

/// BR-DEC-24: Invoice line allowance amount (BT-136).
pub(super) fn br_dec_24(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    check_all(sink, line_allowance_charges(cx, false), "Amount");
}

/// BR-DEC-25: Invoice line allowance base amount (BT-137).
pub(super) fn br_dec_25(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    check_all(sink, line_allowance_charges(cx, false), "BaseAmount");
}

/// BR-DEC-27: Invoice line charge amount (BT-141).
pub(super) fn br_dec_27(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    check_all(sink, line_allowance_charges(cx, true), "Amount");
}

/// BR-DEC-28: Invoice line charge base amount (BT-142).
pub(super) fn br_dec_28(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    check_all(sink, line_allowance_charges(cx, true), "BaseAmount");
}
