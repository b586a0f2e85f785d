//! SFTI rules on the legal totals: line total, totals without and with VAT (±0.5, or exact with
//! a rounding amount), non-negative invoice total, and VAT base agreement.

use super::eval::{
    X, decimal_as_double, number, number_of, path, sum, untyped_vs, verdict, within, within_incl,
};
use super::{CAC, CBC, SFTI, doc_invoice, invoice};
use crate::validate::{Ctx, Sink};
use crate::xml::Element;

fn totals<'d>(cx: &Ctx<'d>, name: &'static str) -> Vec<Element<'d>> {
    doc_invoice(cx).map_or_else(Vec::new, |inv| {
        path(inv, &[(CAC, "LegalTotal"), (CBC, name)]).collect()
    })
}

/// `sum(../../cac:InvoiceLine/cbc:LineExtensionAmount)`.
fn lines_sum(inv: Element<'_>) -> X<f64> {
    sum(path(
        inv,
        &[(CAC, "InvoiceLine"), (CBC, "LineExtensionAmount")],
    ))
}

/// `sum(../../sfti:AllowanceCharge[cbc:ChargeIndicator = a or = b]/cbc:Amount)`.
fn header_sum(inv: Element<'_>, a: &str, b: &str) -> X<f64> {
    sum(path(inv, &[(SFTI, "AllowanceCharge")])
        .filter(|ac| {
            path(*ac, &[(CBC, "ChargeIndicator")]).any(|c| {
                let v = c.string_value();
                v == a || v == b
            })
        })
        .flat_map(|ac| path(ac, &[(CBC, "Amount")]).collect::<Vec<_>>()))
}

/// `xs:decimal(.) - lines - charges + allowances` (the R-70 difference).
fn without_vat_difference(inv: Element<'_>, total: Element<'_>) -> X<f64> {
    Ok(
        decimal_as_double(total)? - lines_sum(inv)? - header_sum(inv, "true", "1")?
            + header_sum(inv, "false", "0")?,
    )
}

/// The difference: R-70's minus the VAT totals and the rounding amount.
fn with_vat_difference(inv: Element<'_>, total: Element<'_>) -> X<f64> {
    let vat = sum(path(inv, &[(CAC, "TaxTotal"), (CBC, "TotalTaxAmount")]))?;
    let round_off = total
        .parent()
        .map_or(Ok(0.0), |lt| sum(path(lt, &[(CAC, "RoundOffAmount")])))?;
    Ok(without_vat_difference(inv, total)? - vat - round_off)
}

/// the line total equals the sum of the line amounts (±0.5).
pub(super) fn r_69(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    for t in totals(cx, "LineExtensionTotalAmount") {
        let test = (|| Ok(within_incl(decimal_as_double(t)? - lines_sum(inv)?, 0.5)))();
        verdict(sink, t, test);
    }
}

/// the total without VAT = lines + charges − allowances (±0.5).
pub(super) fn r_70(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    for t in totals(cx, "TaxExclusiveTotalAmount") {
        verdict(
            sink,
            t,
            without_vat_difference(inv, t).map(|d| within_incl(d, 0.5)),
        );
    }
}

/// the total with VAT = lines + charges − allowances + VAT + rounding (±0.5).
pub(super) fn r_71(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    for t in totals(cx, "TaxInclusiveTotalAmount") {
        verdict(
            sink,
            t,
            with_vat_difference(inv, t).map(|d| within_incl(d, 0.5)),
        );
    }
}

/// the total with VAT is not negative (compared as a number).
pub(super) fn r_105(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for t in totals(cx, "TaxInclusiveTotalAmount") {
        verdict(
            sink,
            t,
            untyped_vs(&t.string_value(), 0.0).map(|o| o.is_ge()),
        );
    }
}

/// R-92 (warning): with a non-zero rounding amount the total with VAT is exact (±0.001).
pub(super) fn r_92(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = invoice(cx) else { return };
    for lt in path(inv, &[(CAC, "LegalTotal")]) {
        if path(lt, &[(CAC, "RoundOffAmount")]).next().is_none() {
            continue;
        }
        // `number()` of two rounding amounts is a type error; in a match pattern the official
        // processor treats that as "no match", so the rule does not apply.
        if number(lt, &[(CAC, "RoundOffAmount")]).is_ok_and(|r| r != 0.0) {
            for t in path(lt, &[(CBC, "TaxInclusiveTotalAmount")]) {
                verdict(
                    sink,
                    t,
                    with_vat_difference(inv, t).map(|d| within(d, 0.001)),
                );
            }
        }
    }
}

/// the total without VAT equals the sum of the VAT bases (±0.5).
pub(super) fn r_10(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    let bases = [
        (CAC, "TaxTotal"),
        (CAC, "TaxSubTotal"),
        (CBC, "TaxableAmount"),
    ];
    if path(inv, &bases).next().is_none() {
        return;
    }
    for t in totals(cx, "TaxExclusiveTotalAmount") {
        let test = sum(path(inv, &bases)).map(|s| within(number_of(t) - s, 0.5));
        verdict(sink, t, test);
    }
}
