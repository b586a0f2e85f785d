//! SFTI rules on VAT: tax totals and subtotals, categories and rates (also on header
//! allowances/charges), VAT arithmetic, tax-currency conversion, and the seller's VAT number.

use super::eval::{
    X, decimal, decimal_as_double, exists, number, path, single, sum, swedish_rate, verdict,
    within, within_incl,
};
use super::header::{tax_in_invoice_currency, tax_in_other_currency};
use super::lines::category_is;
use super::{CAC, CBC, SFTI, doc_invoice, invoice};
use crate::validate::xpath;
use crate::validate::{Ctx, Sink};
use crate::xml::Element;

const SUBTOTAL: &[(&str, &str)] = &[(CAC, "TaxTotal"), (CAC, "TaxSubTotal")];

/// R-18 (warning): `TaxCategory/cac:ID` is written normalised.
pub(super) fn r_18(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    normalised_ids(cx, sink, "TaxCategory");
}

/// R-19 (warning): `TaxScheme/cac:ID` is written normalised.
pub(super) fn r_19(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    normalised_ids(cx, sink, "TaxScheme");
}

fn normalised_ids(cx: &Ctx<'_>, sink: &mut Sink<'_>, parent: &str) {
    if doc_invoice(cx).is_none() {
        return;
    }
    for id in cx.named_ns(CAC, "ID") {
        if id.parent().is_some_and(|p| p.is(CAC, parent)) {
            let v = id.string_value();
            verdict(sink, id, Ok(xpath::normalize_space(&v) == v));
        }
    }
}

fn subtotals<'d>(cx: &Ctx<'d>) -> Vec<Element<'d>> {
    doc_invoice(cx).map_or_else(Vec::new, |inv| path(inv, SUBTOTAL).collect())
}

fn subtotal_categories<'d>(cx: &Ctx<'d>) -> Vec<Element<'d>> {
    subtotals(cx)
        .into_iter()
        .flat_map(|s| path(s, &[(CAC, "TaxCategory")]).collect::<Vec<_>>())
        .collect()
}

/// tax-currency VAT in a subtotal if and only if a tax currency is given.
pub(super) fn r_68(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    let tcc = exists(inv, &[(SFTI, "TaxCurrencyCode")]);
    for st in subtotals(cx) {
        let converted = exists(st, &[(CAC, "TaxCurrencyTaxAmount")]);
        verdict(sink, st, Ok(converted == tcc));
    }
}

/// a subtotal's category is S or E.
pub(super) fn r_59(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for cat in subtotal_categories(cx) {
        for id in path(cat, &[(CAC, "ID")]) {
            let v = id.string_value();
            let ok = xpath::normalized_eq(&v, "E") || xpath::normalized_eq(&v, "S");
            verdict(sink, id, Ok(ok));
        }
    }
}

/// R-91 (warning): an exempt subtotal gives the exemption reason.
pub(super) fn r_91(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for cat in subtotal_categories(cx) {
        let reason = exists(cat, &[(CBC, "ExemptionReason")]);
        for id in path(cat, &[(CAC, "ID")]) {
            verdict(
                sink,
                id,
                Ok(!xpath::normalized_eq(&id.string_value(), "E") || reason),
            );
        }
    }
}

/// The `cbc:Percent` asserts of a tax category with code `code`: for E the rate is 0 (R-61,
/// ), for S it is not 0. `normalize-space(../cac:ID)` is an error
/// when the category has several IDs.
pub(super) fn percent_rules(cat: Element<'_>, sink: &mut Sink<'_>, code: &str) {
    for percent in path(cat, &[(CBC, "Percent")]) {
        let test = (|| {
            let id = single(cat, &[(CAC, "ID")])?;
            let id = id
                .map(|e| e.string_value().into_owned())
                .unwrap_or_default();
            if !xpath::normalized_eq(&id, code) {
                return Ok(true);
            }
            let rate = super::eval::decimal_of(percent)?;
            Ok(if code == "E" {
                rate.is_zero()
            } else {
                !rate.is_zero()
            })
        })();
        verdict(sink, percent, test);
    }
}

/// an exempt subtotal has rate 0.
pub(super) fn r_95(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for cat in subtotal_categories(cx) {
        percent_rules(cat, sink, "E");
    }
}

/// R-96 (warning): a standard-rated subtotal has a rate other than 0.
pub(super) fn r_96(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for cat in subtotal_categories(cx) {
        percent_rules(cat, sink, "S");
    }
}

/// R-16 (warning): a standard-rated subtotal has rate 6, 12 or 25 %.
pub(super) fn r_16(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for cat in subtotal_categories(cx) {
        if category_is(cat, "S") {
            verdict(
                sink,
                cat,
                number(cat, &[(CBC, "Percent")]).map(swedish_rate),
            );
        }
    }
}

/// the total VAT equals the sum of the subtotals' VAT (±0.5).
pub(super) fn r_67(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    for total in path(inv, &[(CAC, "TaxTotal")]) {
        for amount in path(total, &[(CBC, "TotalTaxAmount")]) {
            let test = (|| {
                let parts = sum(path(total, &[(CAC, "TaxSubTotal"), (CBC, "TaxAmount")]))?;
                Ok(within_incl(decimal_as_double(amount)? - parts, 0.5))
            })();
            verdict(sink, amount, test);
        }
    }
}

/// a subtotal's VAT = taxable amount × rate ÷ 100 (±0.5), when VAT is in the invoice
/// currency.
pub(super) fn r_4(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    if !tax_in_invoice_currency(inv) {
        return;
    }
    for st in subtotals(cx) {
        let test = (|| {
            let taxable = number(st, &[(CBC, "TaxableAmount")])?;
            let rate = number(st, &[(CAC, "TaxCategory"), (CBC, "Percent")])?;
            let vat = number(st, &[(CBC, "TaxAmount")])?;
            Ok(within(taxable * rate / 100.0 - vat, 0.5))
        })();
        verdict(sink, st, test);
    }
}

/// the tax-currency VAT = VAT × exchange rate (±0.5).
pub(super) fn r_3(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    let rate_path = [(CAC, "ExchangeRate"), (CBC, "CalculationRate")];
    if !(tax_in_other_currency(inv) && exists(inv, &rate_path)) {
        return;
    }
    for total in path(inv, &[(CAC, "TaxTotal")]) {
        let test = (|| {
            let converted = sum(path(
                total,
                &[(CAC, "TaxSubTotal"), (CAC, "TaxCurrencyTaxAmount")],
            ))?;
            let vat = sum(path(total, &[(CAC, "TaxSubTotal"), (CBC, "TaxAmount")]))?;
            let rate = number(inv, &rate_path)?;
            Ok(within(converted - vat * rate, 0.5))
        })();
        verdict(sink, total, test);
    }
}

/// VAT information needs the seller's VAT number.
pub(super) fn r_88(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = invoice(cx) else { return };
    let vat_scheme =
        |scheme: Element<'_>| path(scheme, &[(CAC, "ID")]).any(|i| i.string_value() == "VAT");
    let seller_vat = cx.named_ns(CAC, "SellerParty").any(|sp| {
        path(sp, &[(CAC, "Party"), (CAC, "PartyTaxScheme")]).any(|pts| {
            path(pts, &[(CAC, "TaxScheme")]).any(vat_scheme) && exists(pts, &[(CAC, "CompanyID")])
        })
    });
    for total in path(inv, &[(CAC, "TaxTotal")]) {
        let vat = path(
            total,
            &[
                (CAC, "TaxSubTotal"),
                (CAC, "TaxCategory"),
                (CAC, "TaxScheme"),
            ],
        )
        .any(vat_scheme);
        if vat {
            verdict(sink, total, Ok(seller_vat));
        }
    }
}

/// `//cac:TaxSubTotal/cac:TaxCategory/cac:ID = 'E'` anywhere in the document.
pub(super) fn exempt_subtotal_exists(cx: &Ctx<'_>) -> bool {
    cx.named_ns(CAC, "TaxSubTotal")
        .any(|st| path(st, &[(CAC, "TaxCategory"), (CAC, "ID")]).any(|id| id.string_value() == "E"))
}

/// `//cac:TaxSubTotal/cac:TaxCategory[cac:ID='S']/xs:decimal(cbc:Percent) =
/// xs:decimal(./cbc:Percent)` for the category `cat`.
pub(super) fn category_matches_subtotal_rate(cx: &Ctx<'_>, cat: Element<'_>) -> X<bool> {
    let Some(own) = decimal(cat, &[(CBC, "Percent")])? else {
        return Ok(false);
    };
    for st in cx.named_ns(CAC, "TaxSubTotal") {
        for sc in path(st, &[(CAC, "TaxCategory")]) {
            if category_is(sc, "S") && decimal(sc, &[(CBC, "Percent")])? == Some(own) {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

fn header_allowances<'d>(cx: &Ctx<'d>) -> Vec<Element<'d>> {
    doc_invoice(cx).map_or_else(Vec::new, |inv| {
        path(inv, &[(SFTI, "AllowanceCharge")]).collect()
    })
}

fn header_categories<'d>(cx: &Ctx<'d>) -> Vec<Element<'d>> {
    header_allowances(cx)
        .into_iter()
        .flat_map(|a| path(a, &[(CAC, "TaxCategory")]).collect::<Vec<_>>())
        .collect()
}

/// R-55 (warning): a header allowance/charge needs `TaxExclusiveTotalAmount`.
pub(super) fn r_55(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    let total = exists(
        inv,
        &[(CAC, "LegalTotal"), (CBC, "TaxExclusiveTotalAmount")],
    );
    for ac in header_allowances(cx) {
        verdict(sink, ac, Ok(total));
    }
}

/// a header allowance/charge's tax scheme is VAT.
pub(super) fn r_56(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in header_allowances(cx) {
        let test = single(ac, &[(CAC, "TaxCategory"), (CAC, "TaxScheme"), (CAC, "ID")])
            .map(|id| id.is_some_and(|id| xpath::normalized_eq(&id.string_value(), "VAT")));
        verdict(sink, ac, test);
    }
}

/// a header allowance/charge reason code is `ZZZ`.
pub(super) fn r_57(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in header_allowances(cx) {
        for code in path(ac, &[(CAC, "ReasonCode")]) {
            verdict(sink, code, Ok(code.string_value() == "ZZZ"));
        }
    }
}

/// a header allowance/charge's tax category has a rate.
pub(super) fn r_58(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for cat in header_categories(cx) {
        verdict(sink, cat, Ok(exists(cat, &[(CBC, "Percent")])));
    }
}

/// R-60 (warning): an exempt header allowance/charge needs an exemption reason in a subtotal.
pub(super) fn r_60(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    let reason = exists(
        inv,
        &[
            (CAC, "TaxTotal"),
            (CAC, "TaxSubTotal"),
            (CAC, "TaxCategory"),
            (CBC, "ExemptionReason"),
        ],
    );
    for cat in header_categories(cx) {
        for id in path(cat, &[(CAC, "ID")]) {
            verdict(
                sink,
                id,
                Ok(!xpath::normalized_eq(&id.string_value(), "E") || reason),
            );
        }
    }
}

/// an exempt header allowance/charge has rate 0.
pub(super) fn r_61(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for cat in header_categories(cx) {
        percent_rules(cat, sink, "E");
    }
}

/// R-62 (warning): a standard-rated header allowance/charge has a rate other than 0.
pub(super) fn r_62(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for cat in header_categories(cx) {
        percent_rules(cat, sink, "S");
    }
}

/// R-6 (warning): a standard-rated header allowance/charge has rate 6, 12 or 25 %.
pub(super) fn r_6(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for cat in header_categories(cx) {
        if category_is(cat, "S") {
            verdict(
                sink,
                cat,
                number(cat, &[(CBC, "Percent")]).map(swedish_rate),
            );
        }
    }
}

/// `sfti:Invoice/sfti:AllowanceCharge/cac:TaxCategory` (relative context).
fn header_categories_relative<'d>(cx: &Ctx<'d>) -> Vec<Element<'d>> {
    let Some(inv) = invoice(cx) else {
        return Vec::new();
    };
    path(inv, &[(SFTI, "AllowanceCharge"), (CAC, "TaxCategory")]).collect()
}

/// R-90, allowance/charge part: an exempt allowance/charge needs an exempt subtotal.
pub(super) fn r_90_allowances(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for cat in header_categories_relative(cx) {
        if category_is(cat, "E") {
            verdict(sink, cat, Ok(exempt_subtotal_exists(cx)));
        }
    }
}

/// a standard-rated allowance/charge's rate appears in a standard-rated subtotal.
pub(super) fn r_89(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for cat in header_categories_relative(cx) {
        if category_is(cat, "S") {
            verdict(sink, cat, category_matches_subtotal_rate(cx, cat));
        }
    }
}
