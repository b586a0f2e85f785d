//! BR-CO-03 … BR-CO-26: calculations and conditions.
//!
//! The totals rules compare with XPath `xs:decimal` arithmetic and the official two-decimal
//! rounding `round(x * 10 * 10) div 100` (half toward positive infinity), see
//! [`xpath::round2`]. An absent amount is the empty sequence: arithmetic on it gives the empty
//! sequence and a comparison with it is false, so the rule fires.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::super::{Ctx, RuleSetId, Sink, xpath};
use super::br::{has_reason, periods, subtotals};
use super::contexts::{
    CAC, CBC, cac, document_allowance_charges, indicator_is, invoice_root, is_vat,
    line_allowance_charges, lines, parent,
};
use super::values::{DynError, X, assert, decimal, decimal_of, has, kids};
use crate::xml::{Element, ns};

/// BR-CO-03: Value added tax point date (BT-7) and its code (BT-8) are mutually exclusive.
pub(super) fn br_co_03(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(r) = invoice_root(cx) {
        let both = has(r, CBC, "TaxPointDate")
            && xpath::exists(r, &[(CAC, "InvoicePeriod"), (CBC, "DescriptionCode")]);
        assert(sink, r, Ok(!both));
    }
}

/// BR-CO-04: every line has an Invoiced item VAT category code (BT-151).
pub(super) fn br_co_04(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for l in lines(cx) {
        let ok = l
            .children_named(CAC, "Item")
            .flat_map(|i| kids(i, CAC, "ClassifiedTaxCategory"))
            .any(|c| is_vat(c) && has(c, CBC, "ID"));
        assert(sink, l, Ok(ok));
    }
}

/// BR-CO-05, -06, -07, -08: reason code and reason text describe the same allowance or charge.
/// The official test is `true()` — the meaning of a free text cannot be checked by machine — so
/// these rules never fire, exactly as in the official artefacts.
pub(super) fn br_co_05(_: &Ctx<'_>, _: &mut Sink<'_>) {}

/// BR-CO-06: see [`br_co_05`]; the official test is `true()`.
pub(super) fn br_co_06(_: &Ctx<'_>, _: &mut Sink<'_>) {}

/// BR-CO-07: see [`br_co_05`]; the official test is `true()`.
pub(super) fn br_co_07(_: &Ctx<'_>, _: &mut Sink<'_>) {}

/// BR-CO-08: see [`br_co_05`]; the official test is `true()`.
pub(super) fn br_co_08(_: &Ctx<'_>, _: &mut Sink<'_>) {}

/// The ISO 3166-1 alpha-2 codes (plus `EL` for Greece and `1A` for Kosovo) of BR-CO-09, as the
/// official list literal; the test is a plain substring test of the first two characters.
const VAT_PREFIXES: &str = " 1A AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF \
BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW \
CX CY CZ DE DJ DK DM DO DZ EC EE EG EH EL ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL \
GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG \
KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO \
MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM \
PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY \
SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS \
XI YE YT ZA ZM ZW ";

/// BR-CO-09: VAT identifiers (BT-31, BT-48, BT-63) start with an ISO 3166-1 country prefix
/// (`EL` for Greece). Context: every `cac:PartyTaxScheme` whose tax scheme is VAT.
pub(super) fn br_co_09(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for s in cac(cx, "PartyTaxScheme").filter(|s| is_vat(*s)) {
        let test = super::values::single(s, CBC, "CompanyID").map(|id| {
            let value = id.map(|i| i.string_value());
            let value = value.as_deref().unwrap_or("");
            let prefix_end = value.char_indices().nth(2).map_or(value.len(), |(i, _)| i);
            VAT_PREFIXES.contains(&value[..prefix_end])
        });
        assert(sink, s, test);
    }
}

/// `sum(nodes/xs:decimal(.))`, an error when a value does not cast.
fn sum<'d>(nodes: impl Iterator<Item = Element<'d>>) -> X<Decimal> {
    nodes
        .map(decimal_of)
        .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v?).ok_or(DynError))
}

/// `a = b` between an optional decimal (the empty sequence when absent) and a value.
fn eq(a: Option<Decimal>, b: Decimal) -> bool {
    a == Some(b)
}

/// `a + b` etc. with the empty sequence propagating.
fn add(a: Option<Decimal>, b: Option<Decimal>) -> Option<Decimal> {
    a?.checked_add(b?)
}

fn sub(a: Option<Decimal>, b: Option<Decimal>) -> Option<Decimal> {
    a?.checked_sub(b?)
}

/// BR-CO-10: Sum of Invoice line net amount (BT-106) = Σ Invoice line net amount (BT-131).
pub(super) fn br_co_10(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let mut total: Option<X<Decimal>> = None;
    for t in cac(cx, "LegalMonetaryTotal") {
        let lines_total = *total.get_or_insert_with(|| {
            sum(lines(cx).flat_map(|l| kids(l, CBC, "LineExtensionAmount")))
        });
        let test = (|| {
            Ok(eq(
                decimal(t, "LineExtensionAmount")?,
                xpath::round2(lines_total?),
            ))
        })();
        assert(sink, t, test);
    }
}

/// BR-CO-11 / BR-CO-12: the document level allowance (charge) total equals the sum of the
/// document level allowances (charges) — siblings of the totals — or both are absent.
fn allowance_total(cx: &Ctx<'_>, sink: &mut Sink<'_>, charge: bool) {
    let local = if charge {
        "ChargeTotalAmount"
    } else {
        "AllowanceTotalAmount"
    };
    for t in cac(cx, "LegalMonetaryTotal") {
        // `../cac:AllowanceCharge[cbc:ChargeIndicator = b]`: the predicate alone, no
        // first-match exclusion (this is an expression, not a rule context).
        let items = || {
            parent(cx, t)
                .into_iter()
                .flat_map(|p| kids(p, CAC, "AllowanceCharge"))
                .filter(move |ac| indicator_is(*ac, charge))
        };
        let test = (|| {
            let total = decimal(t, local)?;
            let amounts = sum(items().flat_map(|ac| kids(ac, CBC, "Amount")))?;
            Ok(eq(total, xpath::round2(amounts))
                || (!has(t, CBC, local) && items().next().is_none()))
        })();
        assert(sink, t, test);
    }
}

/// BR-CO-11: Sum of allowances on document level (BT-107) = Σ allowance amounts (BT-92).
pub(super) fn br_co_11(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    allowance_total(cx, sink, false);
}

/// BR-CO-12: Sum of charges on document level (BT-108) = Σ charge amounts (BT-99).
pub(super) fn br_co_12(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    allowance_total(cx, sink, true);
}

/// BR-CO-13: Invoice total without VAT (BT-109) = Σ line net amounts (BT-106) − allowances
/// (BT-107) + charges (BT-108).
pub(super) fn br_co_13(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for t in cac(cx, "LegalMonetaryTotal") {
        let test = (|| {
            let charges = has(t, CBC, "ChargeTotalAmount");
            let allowances = has(t, CBC, "AllowanceTotalAmount");
            let tea = decimal(t, "TaxExclusiveAmount")?;
            let lea = decimal(t, "LineExtensionAmount")?;
            let expected = match (charges, allowances) {
                (true, true) => sub(
                    add(lea, decimal(t, "ChargeTotalAmount")?),
                    decimal(t, "AllowanceTotalAmount")?,
                )
                .map(xpath::round2),
                (false, true) => sub(lea, decimal(t, "AllowanceTotalAmount")?).map(xpath::round2),
                (true, false) => add(lea, decimal(t, "ChargeTotalAmount")?).map(xpath::round2),
                (false, false) => lea,
            };
            Ok(expected.is_some_and(|e| eq(tea, e)))
        })();
        assert(sink, t, test);
    }
}

/// BR-CO-14: Invoice total VAT amount (BT-110) = Σ VAT category tax amounts (BT-117), for each
/// `TaxTotal` of the invoice that has a breakdown.
pub(super) fn br_co_14(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(root) = invoice_root(cx) else {
        return;
    };
    for tt in kids(root, CAC, "TaxTotal") {
        if !has(tt, CAC, "TaxSubtotal") {
            continue;
        }
        let test = (|| {
            let total = decimal(tt, "TaxAmount")?;
            let parts = sum(tt
                .children_named(CAC, "TaxSubtotal")
                .flat_map(|s| kids(s, CBC, "TaxAmount")))?;
            Ok(eq(total, xpath::round2(parts)))
        })();
        assert(sink, tt, test);
    }
}

/// BR-CO-15: Invoice total with VAT (BT-112) = total without VAT (BT-109) + total VAT amount
/// (BT-110), where the VAT total is the one `TaxTotal/TaxAmount` in the document currency.
pub(super) fn br_co_15(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(r) = invoice_root(cx) else {
        return;
    };
    let test =
        r.children_named(CBC, "DocumentCurrencyCode")
            .try_fold(true, |ok, code| -> X<bool> {
                if !ok {
                    return Ok(false);
                }
                let code = code.string_value();
                let mut vat = r
                    .children_named(CAC, "TaxTotal")
                    .flat_map(|tt| kids(tt, CBC, "TaxAmount"))
                    .filter(|ta| ta.attr("currencyID") == Some(&*code));
                let Some(first) = vat.next() else {
                    return Ok(false);
                };
                let vat_value = decimal_of(first)?;
                if let Some(other) = vat.next() {
                    // count(...) = 1 fails; the values still must cast.
                    decimal_of(other)?;
                    return Ok(false);
                }
                let totals = || kids(r, CAC, "LegalMonetaryTotal");
                let mut exclusive = totals().flat_map(|t| kids(t, CBC, "TaxExclusiveAmount"));
                let tea = match (exclusive.next(), exclusive.next()) {
                    (None, _) => return Ok(false),
                    (Some(e), None) => decimal_of(e)?,
                    (Some(_), Some(_)) => return Err(DynError),
                };
                let expected = xpath::round2(tea.checked_add(vat_value).ok_or(DynError)?);
                let mut found = false;
                for tia in totals().flat_map(|t| kids(t, CBC, "TaxInclusiveAmount")) {
                    found |= decimal_of(tia)? == expected;
                }
                Ok(found)
            });
    assert(sink, r, test);
}

/// BR-CO-16: Amount due for payment (BT-115) = total with VAT (BT-112) − paid amount (BT-113)
/// + rounding amount (BT-114).
pub(super) fn br_co_16(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for t in cac(cx, "LegalMonetaryTotal") {
        let test = (|| {
            let prepaid = has(t, CBC, "PrepaidAmount");
            let rounding = has(t, CBC, "PayableRoundingAmount");
            let payable = decimal(t, "PayableAmount")?;
            let inclusive = decimal(t, "TaxInclusiveAmount")?;
            let ok = match (prepaid, rounding) {
                (true, false) => {
                    let due = sub(inclusive, decimal(t, "PrepaidAmount")?).map(xpath::round2);
                    due.is_some_and(|d| eq(payable, d))
                }
                (false, false) => inclusive.is_some_and(|i| eq(payable, i)),
                (true, true) => {
                    let left =
                        sub(payable, decimal(t, "PayableRoundingAmount")?).map(xpath::round2);
                    let right = sub(inclusive, decimal(t, "PrepaidAmount")?).map(xpath::round2);
                    left.is_some() && left == right
                }
                (false, true) => {
                    let left =
                        sub(payable, decimal(t, "PayableRoundingAmount")?).map(xpath::round2);
                    left.is_some() && left == inclusive
                }
            };
            Ok(ok)
        })();
        assert(sink, t, test);
    }
}

/// BR-CO-17: VAT category tax amount (BT-117) = taxable amount (BT-116) × rate (BT-119) / 100,
/// rounded to two decimals, within ±1.
pub(super) fn br_co_17(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for s in subtotals(cx) {
        let test = (|| {
            // `cac:TaxCategory[VAT]/xs:decimal(cbc:Percent)`: one value at most for round().
            let mut rates = s
                .children_named(CAC, "TaxCategory")
                .filter(|c| is_vat(*c))
                .flat_map(|c| kids(c, CBC, "Percent"));
            let rate = match (rates.next(), rates.next()) {
                (None, _) => None,
                (Some(p), None) => Some(decimal_of(p)?),
                (Some(_), Some(_)) => return Err(DynError),
            };
            let tax = decimal(s, "TaxAmount")?;
            let taxable = decimal(s, "TaxableAmount")?;
            let zero = Decimal::ZERO;
            let Some(rate) = rate else {
                return Ok(tax.is_some_and(|t| xpath::round(t) == zero));
            };
            if xpath::round(rate) == zero {
                return Ok(tax.is_some_and(|t| xpath::round(t) == zero));
            }
            let (Some(tax), Some(taxable)) = (tax, taxable) else {
                return Ok(false);
            };
            let product = taxable
                .abs()
                .checked_mul(rate / Decimal::ONE_HUNDRED)
                .ok_or(DynError)?;
            let expected = xpath::round2(product);
            let tax = tax.abs();
            Ok(tax - Decimal::ONE < expected && tax + Decimal::ONE > expected)
        })();
        assert(sink, s, test);
    }
}

/// BR-CO-18: at least one VAT breakdown (BG-23).
pub(super) fn br_co_18(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(r) = invoice_root(cx) {
        let ok = xpath::exists(r, &[(CAC, "TaxTotal"), (CAC, "TaxSubtotal")]);
        assert(sink, r, Ok(ok));
    }
}

/// BR-CO-19: an Invoicing period (BG-14) has a start date (BT-73), an end date (BT-74) or a
/// VAT point date code (BT-8).
pub(super) fn br_co_19(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for p in periods(cx, false) {
        let ok =
            has(p, CBC, "StartDate") || has(p, CBC, "EndDate") || has(p, CBC, "DescriptionCode");
        assert(sink, p, Ok(ok));
    }
}

/// BR-CO-20: an Invoice line period (BG-26) has a start date (BT-134) or an end date (BT-135).
pub(super) fn br_co_20(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for p in periods(cx, true) {
        assert(
            sink,
            p,
            Ok(has(p, CBC, "StartDate") || has(p, CBC, "EndDate")),
        );
    }
}

/// BR-CO-21: Document level allowance reason (BT-97) or reason code (BT-98).
pub(super) fn br_co_21(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in document_allowance_charges(cx, false) {
        assert(sink, ac, Ok(has_reason(ac)));
    }
}

/// BR-CO-22: Document level charge reason (BT-104) or reason code (BT-105).
pub(super) fn br_co_22(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in document_allowance_charges(cx, true) {
        assert(sink, ac, Ok(has_reason(ac)));
    }
}

/// BR-CO-23: Invoice line allowance reason (BT-139) or reason code (BT-140).
pub(super) fn br_co_23(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in line_allowance_charges(cx, false) {
        assert(sink, ac, Ok(has_reason(ac)));
    }
}

/// BR-CO-24: Invoice line charge reason (BT-144) or reason code (BT-145).
pub(super) fn br_co_24(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in line_allowance_charges(cx, true) {
        assert(sink, ac, Ok(has_reason(ac)));
    }
}

/// BR-CO-25 (CEN 1.3.14.1 only): a positive Amount due for payment (BT-115) needs a Payment
/// due date (BT-9) or Payment terms (BT-20). Invoices only (`/ubl:Invoice/…`).
pub(super) fn br_co_25(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if !cx.root.is(ns::UBL_INVOICE, "Invoice") {
        return;
    }
    let has_terms = || {
        cx.named_ns(CBC, "DueDate").next().is_some()
            || cac(cx, "PaymentTerms").any(|t| has(t, CBC, "Note"))
    };
    for t in kids(cx.root, CAC, "LegalMonetaryTotal") {
        for due in kids(t, CBC, "PayableAmount") {
            // `. > 0` and `. <= 0`, compared as the official processor does.
            let test = xpath::untyped_cmp(&due.string_value(), 0.0)
                .ok_or(DynError)
                .map(|o| o != Ordering::Greater || has_terms());
            assert(sink, due, test);
        }
    }
}

/// BR-CO-26: the seller is identified by a Seller identifier (BT-29), legal registration
/// identifier (BT-30) or VAT identifier (BT-31). From CEN 1.3.16 a BT-29 with scheme `SEPA`
/// (a creditor id) does not count.
pub(super) fn br_co_26(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let sepa_excluded = sink.release() != RuleSetId::Cen1_3_14_1;
    for s in cac(cx, "AccountingSupplierParty") {
        let parties = || kids(s, CAC, "Party");
        let vat = parties()
            .flat_map(|p| kids(p, CAC, "PartyTaxScheme"))
            .any(|t| is_vat(t) && has(t, CBC, "CompanyID"));
        let id = parties()
            .flat_map(|p| kids(p, CAC, "PartyIdentification"))
            .flat_map(|i| kids(i, CBC, "ID"))
            .any(|id| !sepa_excluded || id.attr("schemeID") != Some("SEPA"));
        let legal = parties()
            .flat_map(|p| kids(p, CAC, "PartyLegalEntity"))
            .any(|l| has(l, CBC, "CompanyID"));
        assert(sink, s, Ok(vat || id || legal));
    }
}
