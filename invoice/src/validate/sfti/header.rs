//! Document-level SFTI rules: line count, type code, currencies, exchange rate, invoicing period,
//! requisitionist reference, processing instructions and schema locations.

use super::eval::{
    X, before_t, date, date_at, date_time, exists, number_of, path, single, untyped_vs, verdict,
};
use super::{CAC, CBC, SFTI, doc_invoice};
use crate::validate::{Ctx, Sink};
use crate::xml::Element;

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// `/sfti:Invoice` has a `LineItemCountNumeric`.
pub(super) fn r_1(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(inv) = doc_invoice(cx) {
        verdict(
            sink,
            inv,
            Ok(exists(inv, &[(SFTI, "LineItemCountNumeric")])),
        );
    }
}

/// at most one `TaxTotal`.
pub(super) fn r_17(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(inv) = doc_invoice(cx) {
        verdict(sink, inv, Ok(path(inv, &[(CAC, "TaxTotal")]).count() < 2));
    }
}

/// no `xsi:schemaLocation` anywhere.
pub(super) fn r_21(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(inv) = doc_invoice(cx) {
        let any = cx.all().any(|e| e.attr_ns(XSI, "schemaLocation").is_some());
        verdict(sink, inv, Ok(!any));
    }
}

/// no `xml-stylesheet` processing instruction at document level.
pub(super) fn r_83(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(inv) = doc_invoice(cx) {
        let any = inv
            .document()
            .top_level_pi_targets()
            .any(|t| t == "xml-stylesheet");
        verdict(sink, inv, Ok(!any));
    }
}

/// `InvoiceTypeCode = 380 or = 381`, compared as numbers.
pub(super) fn r_22(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    for code in path(inv, &[(SFTI, "InvoiceTypeCode")]) {
        let v = code.string_value();
        let test = (|| Ok(untyped_vs(&v, 380.0)?.is_eq() || untyped_vs(&v, 381.0)?.is_eq()))();
        verdict(sink, code, test);
    }
}

/// a credit note (`InvoiceTypeCode = '381'`) refers to the invoice it credits, or gives a
/// complete invoicing period.
pub(super) fn r_2(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    for code in path(inv, &[(SFTI, "InvoiceTypeCode")]) {
        if code.string_value() != "381" {
            continue;
        }
        let referred = exists(
            inv,
            &[(SFTI, "InitialInvoiceDocumentReference"), (CAC, "ID")],
        ) || path(inv, &[(SFTI, "InvoicingPeriod")])
            .any(|p| exists(p, &[(CBC, "StartDateTime")]) && exists(p, &[(CBC, "EndDateTime")]));
        verdict(sink, code, Ok(referred));
    }
}

/// `a = b` between two node sequences: some pair has equal text.
fn any_equal<'d>(
    a: impl Iterator<Item = Element<'d>>,
    b: impl Iterator<Item = Element<'d>> + Clone,
) -> bool {
    a.map(|x| x.string_value())
        .any(|x| b.clone().any(|y| y.string_value() == x))
}

/// `a != b` between two node sequences: some pair has different text.
fn any_different<'d>(
    a: impl Iterator<Item = Element<'d>>,
    b: impl Iterator<Item = Element<'d>> + Clone,
) -> bool {
    a.map(|x| x.string_value())
        .any(|x| b.clone().any(|y| y.string_value() != x))
}

/// the tax currency differs from the invoice currency.
pub(super) fn r_5(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    let icc = path(inv, &[(SFTI, "InvoiceCurrencyCode")]);
    let tcc = path(inv, &[(SFTI, "TaxCurrencyCode")]);
    if icc.clone().next().is_some() && tcc.clone().next().is_some() {
        verdict(sink, inv, Ok(any_different(icc, tcc)));
    }
}

/// Shared by: the invoice's tax currency is absent or equal to the invoice currency.
pub(super) fn tax_in_invoice_currency(inv: Element<'_>) -> bool {
    let tcc = path(inv, &[(SFTI, "TaxCurrencyCode")]);
    let icc = path(inv, &[(SFTI, "InvoiceCurrencyCode")]);
    tcc.clone().next().is_none() || any_equal(tcc, icc)
}

/// `/sfti:Invoice[TaxCurrencyCode][TaxCurrencyCode != InvoiceCurrencyCode]` (R-3's context).
pub(super) fn tax_in_other_currency(inv: Element<'_>) -> bool {
    let tcc = path(inv, &[(SFTI, "TaxCurrencyCode")]);
    let icc = path(inv, &[(SFTI, "InvoiceCurrencyCode")]);
    tcc.clone().next().is_some() && any_different(tcc, icc)
}

fn each_tax_currency(cx: &Ctx<'_>, sink: &mut Sink<'_>, test: impl Fn(Element<'_>) -> bool) {
    let Some(inv) = doc_invoice(cx) else { return };
    for tcc in path(inv, &[(SFTI, "TaxCurrencyCode")]) {
        verdict(sink, tcc, Ok(test(inv)));
    }
}

/// a tax currency needs an exchange rate.
pub(super) fn r_23(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    each_tax_currency(cx, sink, |inv| exists(inv, &[(CAC, "ExchangeRate")]));
}

/// a tax currency needs tax subtotals.
pub(super) fn r_24(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    each_tax_currency(cx, sink, |inv| {
        exists(inv, &[(CAC, "TaxTotal"), (CAC, "TaxSubTotal")])
    });
}

/// a tax currency needs the VAT in that currency in a subtotal.
pub(super) fn r_25(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    each_tax_currency(cx, sink, |inv| {
        exists(
            inv,
            &[
                (CAC, "TaxTotal"),
                (CAC, "TaxSubTotal"),
                (CAC, "TaxCurrencyTaxAmount"),
            ],
        )
    });
}

/// a tax currency needs the invoice currency.
pub(super) fn r_26(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    each_tax_currency(cx, sink, |inv| {
        exists(inv, &[(SFTI, "InvoiceCurrencyCode")])
    });
}

/// `LineItemCountNumeric` equals the number of lines (compared as numbers).
pub(super) fn r_27(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    let lines = path(inv, &[(CAC, "InvoiceLine")]).count() as f64;
    for n in path(inv, &[(SFTI, "LineItemCountNumeric")]) {
        verdict(
            sink,
            n,
            untyped_vs(&n.string_value(), lines).map(|o| o.is_eq()),
        );
    }
}

/// R-29 (fatal): `LineItemCountNumeric` is positive. (The id R-29 is also used, as
/// information, by [`super::references::r_29_scheme`]; both run from one rule entry.)
pub(super) fn r_29_count(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    for n in path(inv, &[(SFTI, "LineItemCountNumeric")]) {
        verdict(sink, n, Ok(number_of(n) > 0.0));
    }
}

fn each_source_currency(cx: &Ctx<'_>, sink: &mut Sink<'_>, test: impl Fn(Element<'_>) -> bool) {
    let Some(inv) = doc_invoice(cx) else { return };
    for s in path(inv, &[(CAC, "ExchangeRate"), (CAC, "SourceCurrencyCode")]) {
        verdict(sink, s, Ok(test(inv)));
    }
}

/// an exchange rate needs the invoice currency.
pub(super) fn r_63(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    each_source_currency(cx, sink, |inv| {
        exists(inv, &[(SFTI, "InvoiceCurrencyCode")])
    });
}

/// an exchange rate needs the tax currency.
pub(super) fn r_64(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    each_source_currency(cx, sink, |inv| exists(inv, &[(SFTI, "TaxCurrencyCode")]));
}

/// an exchange rate needs its calculation rate.
pub(super) fn r_65(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    each_source_currency(cx, sink, |inv| {
        exists(inv, &[(CAC, "ExchangeRate"), (CBC, "CalculationRate")])
    });
}

/// the calculation rate is positive.
pub(super) fn r_66(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    for r in path(inv, &[(CAC, "ExchangeRate"), (CBC, "CalculationRate")]) {
        verdict(sink, r, Ok(number_of(r) > 0.0));
    }
}

/// the requisitionist reference is not empty (only spaces are ignored).
pub(super) fn r_79(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    for id in path(
        inv,
        &[(SFTI, "RequisitionistDocumentReference"), (CAC, "ID")],
    ) {
        verdict(sink, id, Ok(id.string_value().chars().any(|c| c != ' ')));
    }
}

fn each_period(
    cx: &Ctx<'_>,
    sink: &mut Sink<'_>,
    test: impl Fn(Element<'_>, Element<'_>) -> X<bool>,
) {
    let Some(inv) = doc_invoice(cx) else { return };
    for p in path(inv, &[(SFTI, "InvoicingPeriod")]) {
        verdict(sink, p, test(inv, p));
    }
}

/// an invoicing period has both a start and an end.
pub(super) fn r_80(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    each_period(cx, sink, |_, p| {
        Ok(exists(p, &[(CBC, "StartDateTime")]) && exists(p, &[(CBC, "EndDateTime")]))
    });
}

/// the period does not end before it starts (`xs:dateTime` comparison).
pub(super) fn r_81(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    each_period(cx, sink, |_, p| {
        let end = single(p, &[(CBC, "EndDateTime")])?;
        let start = single(p, &[(CBC, "StartDateTime")])?;
        let end = end.map(|e| date_time(&e.string_value())).transpose()?;
        let start = start.map(|e| date_time(&e.string_value())).transpose()?;
        Ok(matches!((end, start), (Some(e), Some(s)) if e >= s))
    });
}

/// the period ends on or before the issue date.
pub(super) fn r_82(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    each_period(cx, sink, |inv, p| {
        let end = single(p, &[(CBC, "EndDateTime")])?;
        let end_text = end
            .map(|e| e.string_value().into_owned())
            .unwrap_or_default();
        let end = date(before_t(&end_text))?;
        let issue = date_at(inv, &[(CBC, "IssueDate")])?;
        Ok(issue.is_some_and(|i| end <= i))
    });
}

/// every amount (except the tax-currency VAT) is in the invoice currency, when one is
/// given.
pub(super) fn r_100(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    let currencies = path(inv, &[(SFTI, "InvoiceCurrencyCode")]);
    if currencies.clone().next().is_none() {
        return;
    }
    for e in cx.all() {
        let Some(cur) = e.attr("amountCurrencyID") else {
            continue;
        };
        if e.is(CAC, "TaxCurrencyTaxAmount") {
            continue;
        }
        let same = currencies.clone().any(|c| c.string_value() == cur);
        verdict(sink, e, Ok(same));
    }
}

/// the delivery is not later than the issue date.
pub(super) fn r_47(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(inv) = doc_invoice(cx) else { return };
    for d in path(inv, &[(CAC, "Delivery"), (CBC, "ActualDeliveryDateTime")]) {
        let test = (|| {
            let issue = date_at(inv, &[(CBC, "IssueDate")])?;
            let delivered = date(before_t(&d.string_value()))?;
            Ok(issue.is_some_and(|i| i >= delivered))
        })();
        verdict(sink, d, test);
    }
}
