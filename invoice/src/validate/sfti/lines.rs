//! SFTI rules on invoice lines: line amount arithmetic, allowances/charges on lines, item tax
//! categories and rates, units, and lines without a description.

use super::eval::{
    X, decimal, double_to_decimal, exists, number, number_of, operand, path, single, swedish_rate,
    untyped_vs, verdict, within,
};
use super::tax::{category_matches_subtotal_rate, exempt_subtotal_exists, percent_rules};
use super::{CAC, CBC, doc_invoice, invoice};
use crate::validate::xpath;
use crate::validate::{Ctx, Sink};
use crate::xml::Element;

const LINE: &[(&str, &str)] = &[(CAC, "InvoiceLine")];
const PRICE: &[(&str, &str)] = &[(CAC, "Item"), (CAC, "BasePrice"), (CBC, "PriceAmount")];
const BASE_QTY: &[(&str, &str)] = &[(CAC, "Item"), (CAC, "BasePrice"), (CBC, "BaseQuantity")];
const QTY: &[(&str, &str)] = &[(CBC, "InvoicedQuantity")];
const AC_AMOUNT: &[(&str, &str)] = &[(CAC, "AllowanceCharge"), (CBC, "Amount")];
const LEA: &[(&str, &str)] = &[(CBC, "LineExtensionAmount")];

fn lines<'d>(cx: &Ctx<'d>) -> Vec<Element<'d>> {
    doc_invoice(cx).map_or_else(Vec::new, |inv| path(inv, LINE).collect())
}

/// Whether some `cac:AllowanceCharge/cbc:ChargeIndicator` of the line reads `a` or `b`.
fn indicator(line: Element<'_>, a: &str, b: &str) -> bool {
    path(line, &[(CAC, "AllowanceCharge"), (CBC, "ChargeIndicator")]).any(|c| {
        let v = c.string_value();
        v == a || v == b
    })
}

/// Which of the six line-amount formulas (R-11 … R-20) a line's context matches.
struct LineShape {
    base_price: bool,
    base_qty: bool,
    amount: bool,
    allowance: bool,
    charge: bool,
}

fn shape(line: Element<'_>) -> LineShape {
    LineShape {
        base_price: exists(line, &[(CAC, "Item"), (CAC, "BasePrice")]),
        base_qty: exists(line, BASE_QTY),
        amount: exists(line, AC_AMOUNT),
        allowance: indicator(line, "false", "0"),
        charge: indicator(line, "true", "1"),
    }
}

/// `number(price) * number(qty) [div number(base)] [∓ number(ac)] - number(lea)`, in the
/// official order of operations.
fn line_difference(line: Element<'_>, divide: bool, ac_sign: f64) -> X<f64> {
    let mut x = number(line, PRICE)? * number(line, QTY)?;
    if divide {
        x /= number(line, BASE_QTY)?;
    }
    if ac_sign != 0.0 {
        let ac = number(line, AC_AMOUNT)?;
        x = if ac_sign < 0.0 { x - ac } else { x + ac };
    }
    Ok(x - number(line, LEA)?)
}

fn line_rule(
    cx: &Ctx<'_>,
    sink: &mut Sink<'_>,
    applies: impl Fn(&LineShape) -> bool,
    divide: bool,
    ac_sign: f64,
) {
    for line in lines(cx) {
        if applies(&shape(line)) {
            verdict(
                sink,
                line,
                line_difference(line, divide, ac_sign).map(|d| within(d, 0.5)),
            );
        }
    }
}

/// R-11: line amount = price × quantity ÷ base quantity − allowance (±0.5).
pub(super) fn r_11(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    line_rule(
        cx,
        sink,
        |s| s.base_price && s.allowance && s.amount && s.base_qty,
        true,
        -1.0,
    );
}

/// R-13: line amount = price × quantity − allowance (±0.5), no base quantity.
pub(super) fn r_13(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    line_rule(
        cx,
        sink,
        |s| s.base_price && s.allowance && s.amount && !s.base_qty,
        false,
        -1.0,
    );
}

/// R-12: line amount = price × quantity ÷ base quantity + charge (±0.5).
pub(super) fn r_12(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    line_rule(
        cx,
        sink,
        |s| s.base_price && s.charge && s.amount && s.base_qty,
        true,
        1.0,
    );
}

/// R-14: line amount = price × quantity + charge (±0.5), no base quantity.
pub(super) fn r_14(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    line_rule(
        cx,
        sink,
        |s| s.base_price && s.charge && s.amount && !s.base_qty,
        false,
        1.0,
    );
}

/// R-15: line amount = price × quantity ÷ base quantity (±0.5), no allowance amount.
pub(super) fn r_15(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    line_rule(
        cx,
        sink,
        |s| s.base_price && s.base_qty && !s.amount,
        true,
        0.0,
    );
}

/// R-20: line amount = price × quantity (±0.5), no base quantity, no allowance amount.
pub(super) fn r_20(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    line_rule(
        cx,
        sink,
        |s| s.base_price && !s.base_qty && !s.amount,
        false,
        0.0,
    );
}

/// `xs:decimal(qty * price [div base])` with XPath arithmetic on untyped values: `None` when an
/// operand is absent (the empty sequence).
fn base_amount_expected(line: Element<'_>, divide: bool) -> X<Option<rust_decimal::Decimal>> {
    let qty = operand(line, QTY)?;
    let price = operand(line, PRICE)?;
    let base = if divide {
        operand(line, BASE_QTY)?
    } else {
        Some(1.0)
    };
    match (qty, price, base) {
        (Some(q), Some(p), Some(b)) => {
            let x = if divide { q * p / b } else { q * p };
            double_to_decimal(x).map(Some)
        }
        _ => Ok(None),
    }
}

fn base_amount_rule(cx: &Ctx<'_>, sink: &mut Sink<'_>, with_base_qty: bool) {
    let acba = [(CAC, "AllowanceCharge"), (CAC, "AllowanceChargeBaseAmount")];
    for line in lines(cx) {
        if !(exists(line, QTY)
            && exists(line, &[(CAC, "Item"), (CAC, "BasePrice")])
            && exists(line, BASE_QTY) == with_base_qty
            && exists(line, &acba))
        {
            continue;
        }
        let test = (|| {
            let given = decimal(line, &acba)?;
            let expected = base_amount_expected(line, with_base_qty)?;
            let limit = rust_decimal::Decimal::new(1, 2);
            Ok(matches!((given, expected), (Some(g), Some(e)) if (g - e).abs() < limit))
        })();
        verdict(sink, line, test);
    }
}

/// R-104 (warning): the line allowance base = quantity × price ÷ base quantity (±0.01).
pub(super) fn r_104(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    base_amount_rule(cx, sink, true);
}

/// R-103 (warning): the line allowance base = quantity × price (±0.01), no base quantity.
pub(super) fn r_103(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    base_amount_rule(cx, sink, false);
}

fn line_allowances<'d>(cx: &Ctx<'d>) -> Vec<Element<'d>> {
    lines(cx)
        .into_iter()
        .flat_map(|l| path(l, &[(CAC, "AllowanceCharge")]).collect::<Vec<_>>())
        .collect()
}

/// a line allowance/charge has an amount.
pub(super) fn r_72(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in line_allowances(cx) {
        verdict(sink, ac, Ok(exists(ac, &[(CBC, "Amount")])));
    }
}

/// a line allowance/charge amount is not negative.
pub(super) fn r_74(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in line_allowances(cx) {
        for amount in path(ac, &[(CBC, "Amount")]) {
            verdict(sink, amount, Ok(number_of(amount) >= 0.0));
        }
    }
}

/// a line charge indicator reads exactly `true` or `false`.
pub(super) fn r_73(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in line_allowances(cx) {
        for ci in path(ac, &[(CBC, "ChargeIndicator")]) {
            let v = ci.string_value();
            verdict(sink, ci, Ok(v == "true" || v == "false"));
        }
    }
}

fn items<'d>(cx: &Ctx<'d>) -> Vec<Element<'d>> {
    lines(cx)
        .into_iter()
        .flat_map(|l| path(l, &[(CAC, "Item")]).collect::<Vec<_>>())
        .collect()
}

fn item_categories<'d>(cx: &Ctx<'d>) -> Vec<Element<'d>> {
    items(cx)
        .into_iter()
        .flat_map(|i| path(i, &[(CAC, "TaxCategory")]).collect::<Vec<_>>())
        .collect()
}

/// an item's tax scheme, when given, is VAT.
pub(super) fn r_75(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let scheme = [(CAC, "TaxCategory"), (CAC, "TaxScheme"), (CAC, "ID")];
    for item in items(cx) {
        let test = if exists(item, &scheme) {
            single(item, &scheme)
                .map(|id| id.is_some_and(|id| xpath::normalized_eq(&id.string_value(), "VAT")))
        } else {
            Ok(true)
        };
        verdict(sink, item, test);
    }
}

/// the base quantity's unit is the invoiced quantity's unit.
pub(super) fn r_78(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for line in lines(cx) {
        let units: Vec<&str> = path(line, QTY)
            .filter_map(|q| q.attr("quantityUnitCode"))
            .collect();
        for bq in path(line, BASE_QTY) {
            let ok = match bq.attr("quantityUnitCode") {
                Some(u) => units.is_empty() || units.contains(&u),
                None => units.is_empty(),
            };
            verdict(sink, bq, Ok(ok));
        }
    }
}

/// an item's tax category is S or E (`upper-case(normalize-space(cac:ID))`).
pub(super) fn r_76(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for cat in item_categories(cx) {
        let test = single(cat, &[(CAC, "ID")]).map(|id| {
            let v = id
                .map(|e| e.string_value().into_owned())
                .unwrap_or_default();
            xpath::normalized_upper_eq(&v, "E") || xpath::normalized_upper_eq(&v, "S")
        });
        verdict(sink, cat, test);
    }
}

/// an exempt item (E) has rate 0.
pub(super) fn r_77(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for cat in item_categories(cx) {
        percent_rules(cat, sink, "E");
    }
}

/// R-97 (warning): a standard-rated item (S) has a rate other than 0.
pub(super) fn r_97(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for cat in item_categories(cx) {
        percent_rules(cat, sink, "S");
    }
}

/// `cac:TaxCategory[cac:ID = 'S']` (some ID reads exactly `S`).
pub(super) fn category_is(cat: Element<'_>, code: &str) -> bool {
    path(cat, &[(CAC, "ID")]).any(|id| id.string_value() == code)
}

/// R-7 (warning): a standard-rated item has rate 6, 12 or 25 %.
pub(super) fn r_7(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for cat in item_categories(cx) {
        if category_is(cat, "S") {
            verdict(
                sink,
                cat,
                number(cat, &[(CBC, "Percent")]).map(swedish_rate),
            );
        }
    }
}

/// `sfti:Invoice/cac:InvoiceLine/cac:Item/cac:TaxCategory` (relative context).
fn item_categories_relative<'d>(cx: &Ctx<'d>) -> Vec<Element<'d>> {
    let Some(inv) = invoice(cx) else {
        return Vec::new();
    };
    path(
        inv,
        &[(CAC, "InvoiceLine"), (CAC, "Item"), (CAC, "TaxCategory")],
    )
    .collect()
}

/// R-90, line part: an exempt item needs an exempt subtotal.
pub(super) fn r_90_lines(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for cat in item_categories_relative(cx) {
        if category_is(cat, "E") {
            verdict(sink, cat, Ok(exempt_subtotal_exists(cx)));
        }
    }
}

/// a standard-rated item's rate appears in a standard-rated subtotal.
pub(super) fn r_106(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for cat in item_categories_relative(cx) {
        if category_is(cat, "S") {
            verdict(sink, cat, category_matches_subtotal_rate(cx, cat));
        }
    }
}

/// R-102 (warning): a line without note or description has amount 0.
pub(super) fn r_102(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = invoice(cx) else { return };
    for line in path(inv, LINE) {
        if exists(line, &[(CBC, "Note")]) || exists(line, &[(CAC, "Item"), (CBC, "Description")]) {
            continue;
        }
        for lea in path(line, LEA) {
            verdict(
                sink,
                lea,
                untyped_vs(&lea.string_value(), 0.0).map(|o| o.is_eq()),
            );
        }
    }
}
