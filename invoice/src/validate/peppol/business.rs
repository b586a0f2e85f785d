//! PEPPOL-EN16931-R* — the PEPPOL BIS 3 business rules (document, parties, allowances and
//! charges, payment, currency, line amounts and periods), as in the official pattern where each
//! node is judged only by the first rule whose context matches it.

use rust_decimal::Decimal;

use super::facts::{
    Profile, cac, cac_child, cbc, cbc_child, first, has_cbc, is_credit_note, is_invoice, is_ubl,
    kids, profile,
};
use crate::validate::xpath::{self, decimal, decimal_of, normalize_space, normalized_eq, select};
use crate::validate::{Ctx, RuleSetId, Sink};
use crate::xml::Element;
use crate::xml::ns::{CAC, CBC};

/// PEPPOL-EN16931-R008: no element may be empty (no child elements and only whitespace text).
pub(super) fn peppol_en16931_r008(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for e in cx.all() {
        if e.children().next().is_none() && !xpath::has_content(e.text()) {
            sink.fire(e);
        }
    }
}

/// PEPPOL-EN16931-R080: a credit note has at most one project reference (BT-11, document type 50).
pub(super) fn peppol_en16931_r080(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let root = cx.root;
    if !is_credit_note(root) {
        return;
    }
    let projects = kids(root, CAC, "AdditionalDocumentReference")
        .filter(|r| kids(*r, CBC, "DocumentTypeCode").any(|c| c.text() == "50"))
        .count();
    sink.check(root, projects <= 1);
}

/// The document-level rule context (`ubl-creditnote:CreditNote | ubl-invoice:Invoice`).
fn document<'d>(cx: &Ctx<'d>) -> Option<Element<'d>> {
    is_ubl(cx.root).then_some(cx.root)
}

/// PEPPOL-EN16931-R001: BT-23 business process (ProfileID) must be given.
pub(super) fn peppol_en16931_r001(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(doc) = document(cx) {
        sink.check(doc, has_cbc(doc, "ProfileID"));
    }
}

/// PEPPOL-EN16931-R007: BT-23 must have the PEPPOL process format.
pub(super) fn peppol_en16931_r007(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(doc) = document(cx) {
        sink.check(doc, profile(doc, sink.release()) != Profile::Unknown);
    }
}

/// PEPPOL-EN16931-R002: at most one document note (BT-22) unless seller and buyer are German.
pub(super) fn peppol_en16931_r002(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(doc) = document(cx) {
        let ok = kids(doc, CBC, "Note").nth(1).is_none() || super::facts::both_german(doc);
        sink.check(doc, ok);
    }
}

/// PEPPOL-EN16931-R003: a buyer reference (BT-10) or an order reference (BT-13) must be given.
pub(super) fn peppol_en16931_r003(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(doc) = document(cx) {
        let ok = has_cbc(doc, "BuyerReference")
            || xpath::exists(doc, &[cac("OrderReference"), cbc("ID")]);
        sink.check(doc, ok);
    }
}

/// PEPPOL-EN16931-R004: BT-24 specification identifier must start with the PEPPOL BIS 3 id
/// (2026.5: and must not contain `::`).
pub(super) fn peppol_en16931_r004(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    const ID: &str = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
    if let Some(doc) = document(cx) {
        let value = cbc_child(doc, "CustomizationID").map_or("", |c| c.text());
        let value = normalize_space(value);
        let mut ok = value.starts_with(ID);
        if sink.release() == RuleSetId::Peppol2026_5 {
            ok = ok && !value.contains("::");
        }
        sink.check(doc, ok);
    }
}

/// PEPPOL-EN16931-R053: exactly one tax total with tax subtotals (BG-23).
pub(super) fn peppol_en16931_r053(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(doc) = document(cx) {
        let n = kids(doc, CAC, "TaxTotal")
            .filter(|t| cac_child(*t, "TaxSubtotal").is_some())
            .count();
        sink.check(doc, n == 1);
    }
}

/// PEPPOL-EN16931-R054: one tax total without subtotals (BT-111) exactly when BT-6 is given.
pub(super) fn peppol_en16931_r054(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    if let Some(doc) = document(cx) {
        let n = kids(doc, CAC, "TaxTotal")
            .filter(|t| cac_child(*t, "TaxSubtotal").is_none())
            .count();
        let want = usize::from(has_cbc(doc, "TaxCurrencyCode"));
        sink.check(doc, n == want);
    }
}

/// PEPPOL-EN16931-R055: BT-110 and BT-111 must have the same sign.
pub(super) fn peppol_en16931_r055(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let Some(doc) = document(cx) else { return };
    let Some(tax_currency) = cbc_child(doc, "TaxCurrencyCode") else {
        return;
    };
    let tax_currency = normalize_space(tax_currency.text());
    let doc_currency =
        normalize_space(cbc_child(doc, "DocumentCurrencyCode").map_or("", |c| c.text()));
    // `cac:TaxTotal/cbc:TaxAmount[@currencyID = X] <= 0`: existential over the amounts.
    let amounts = |currency: &str, pred: fn(f64) -> bool| {
        select(doc, &[cac("TaxTotal"), cbc("TaxAmount")])
            .filter(|a| a.attr("currencyID") == Some(currency))
            .any(|a| pred(xpath::number(a.text())))
    };
    let le = |x: f64| x <= 0.0;
    let ge = |x: f64| x >= 0.0;
    let ok = (amounts(&tax_currency, le) && amounts(&doc_currency, le))
        || (amounts(&tax_currency, ge) && amounts(&doc_currency, ge));
    sink.check(doc, ok);
}

/// PEPPOL-EN16931-R005: BT-6 VAT accounting currency must differ from BT-5 invoice currency.
pub(super) fn peppol_en16931_r005(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for e in cx.named_ns(CBC, "TaxCurrencyCode") {
        let doc_currency = e
            .parent()
            .and_then(|p| cbc_child(p, "DocumentCurrencyCode"))
            .map_or("", |c| c.text());
        let same = normalize_space(e.text()) == normalize_space(doc_currency);
        sink.check(e, !same);
    }
}

/// Every `cac:<party>/cac:Party` in the document (the rule contexts match anywhere).
fn parties<'c, 'd>(cx: &'c Ctx<'d>, role: &'static str) -> impl Iterator<Item = Element<'d>> + 'c {
    cx.named_ns(CAC, "Party")
        .filter(move |e| e.parent().is_some_and(|p| p.is(CAC, role)))
}

/// PEPPOL-EN16931-R010: the buyer electronic address (BT-49) must be given.
pub(super) fn peppol_en16931_r010(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for party in parties(cx, "AccountingCustomerParty") {
        sink.check(party, has_cbc(party, "EndpointID"));
    }
}

/// PEPPOL-EN16931-R020: the seller electronic address (BT-34) must be given.
pub(super) fn peppol_en16931_r020(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for party in parties(cx, "AccountingSupplierParty") {
        sink.check(party, has_cbc(party, "EndpointID"));
    }
}

/// Document- and line-level allowances/charges (BG-20, BG-21, BG-27, BG-28): the rule contexts
/// `Invoice/cac:AllowanceCharge | Invoice/cac:InvoiceLine/cac:AllowanceCharge` and the credit
/// note equivalents.
fn allowance_charges<'d>(cx: &Ctx<'d>) -> impl Iterator<Item = Element<'d>> + 'd {
    let root = cx.root;
    let line = if is_invoice(root) {
        "InvoiceLine"
    } else {
        "CreditNoteLine"
    };
    let ubl = is_ubl(root);
    let doc_level = kids(root, CAC, "AllowanceCharge");
    let line_level = kids(root, CAC, line).flat_map(|l| kids(l, CAC, "AllowanceCharge"));
    doc_level.chain(line_level).filter(move |_| ubl)
}

/// Which of the three allowance/charge rules of the pattern judges this node.
#[derive(PartialEq, Eq)]
enum AllowanceRule {
    /// Percentage without base amount (R041).
    PercentOnly,
    /// Base amount without percentage (R042).
    BaseOnly,
    /// Both or neither (R040, R043).
    Other,
}

fn allowance_rule(ac: Element<'_>) -> AllowanceRule {
    match (
        has_cbc(ac, "MultiplierFactorNumeric"),
        has_cbc(ac, "BaseAmount"),
    ) {
        (true, false) => AllowanceRule::PercentOnly,
        (false, true) => AllowanceRule::BaseOnly,
        _ => AllowanceRule::Other,
    }
}

/// PEPPOL-EN16931-R041: an allowance/charge percentage (BT-94, BT-101, BT-138, BT-143) needs a
/// base amount (BT-93, BT-100, BT-137, BT-142).
pub(super) fn peppol_en16931_r041(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in allowance_charges(cx) {
        if allowance_rule(ac) == AllowanceRule::PercentOnly {
            sink.fire(ac);
        }
    }
}

/// PEPPOL-EN16931-R042: an allowance/charge base amount needs a percentage.
pub(super) fn peppol_en16931_r042(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in allowance_charges(cx) {
        if allowance_rule(ac) == AllowanceRule::BaseOnly {
            sink.fire(ac);
        }
    }
}

/// `u:slack(exp, val, slack)`: `exp + slack >= val and exp - slack <= val`.
pub(super) fn slack(exp: Decimal, val: Decimal, slack: Decimal) -> bool {
    exp + slack >= val && exp - slack <= val
}

/// Two hundredths, the PEPPOL rounding tolerance.
const TOLERANCE: Decimal = Decimal::from_parts(2, 0, 0, false, 2);

/// PEPPOL-EN16931-R040: allowance/charge amount = base amount × percentage / 100 (±0.02).
pub(super) fn peppol_en16931_r040(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in allowance_charges(cx) {
        if allowance_rule(ac) != AllowanceRule::Other {
            continue;
        }
        let (Some(base), Some(factor)) = (
            cbc_child(ac, "BaseAmount"),
            cbc_child(ac, "MultiplierFactorNumeric"),
        ) else {
            continue;
        };
        let amount = match cbc_child(ac, "Amount") {
            Some(a) => decimal(a.text()),
            None => Some(Decimal::ZERO),
        };
        let (Some(amount), Some(base), Some(factor)) =
            (amount, decimal(base.text()), decimal(factor.text()))
        else {
            continue; // the official processor stops with a cast error
        };
        let Some(expected) = base.checked_mul(factor) else {
            continue;
        };
        sink.check(
            ac,
            slack(amount, expected / Decimal::ONE_HUNDRED, TOLERANCE),
        );
    }
}

/// PEPPOL-EN16931-R043: the charge indicator (BG-20/21/27/28) must be `true` or `false`.
pub(super) fn peppol_en16931_r043(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in allowance_charges(cx) {
        if allowance_rule(ac) != AllowanceRule::Other {
            continue;
        }
        let v = normalize_space(cbc_child(ac, "ChargeIndicator").map_or("", |c| c.text()));
        sink.check(ac, v == "true" || v == "false");
    }
}

/// PEPPOL-EN16931-R061: direct debit (payment means 49 or 59) needs a mandate reference (BT-89).
pub(super) fn peppol_en16931_r061(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for pm in cx.named_ns(CAC, "PaymentMeans") {
        let Some(code) = super::facts::norm_single(pm, &[cbc("PaymentMeansCode")]) else {
            continue;
        };
        if code == "49" || code == "59" {
            sink.check(pm, xpath::exists(pm, &[cac("PaymentMandate"), cbc("ID")]));
        }
    }
}

/// The amount elements of the R051 context.
const AMOUNTS: [&str; 12] = [
    "Amount",
    "BaseAmount",
    "PriceAmount",
    "TaxableAmount",
    "LineExtensionAmount",
    "TaxExclusiveAmount",
    "TaxInclusiveAmount",
    "AllowanceTotalAmount",
    "ChargeTotalAmount",
    "PrepaidAmount",
    "PayableRoundingAmount",
    "PayableAmount",
];

/// True for an element of R051's context: an amount, or a `cbc:TaxAmount` of a tax total with
/// subtotals or of a subtotal (but not BT-111).
fn is_r051_amount(e: Element<'_>) -> bool {
    if e.namespace() != CBC {
        return false;
    }
    let name = e.local_name();
    if name == "TaxAmount" {
        return e.parent().is_some_and(|p| {
            p.is(CAC, "TaxSubtotal")
                || (p.is(CAC, "TaxTotal") && cac_child(p, "TaxSubtotal").is_some())
        });
    }
    AMOUNTS.contains(&name)
}

/// PEPPOL-EN16931-R051: every amount's currency must be BT-5, except BT-111.
pub(super) fn peppol_en16931_r051(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let root = cx.root;
    let doc_currencies = || kids(root, CBC, "DocumentCurrencyCode");
    for e in super::code_lists::amounts(cx).filter(|e| is_r051_amount(*e)) {
        let ok = e
            .attr("currencyID")
            .is_some_and(|c| doc_currencies().any(|d| d.string_value() == c));
        sink.check(e, ok);
    }
}

/// The line-period dates of R110/R111: `Invoice[cac:InvoicePeriod/cbc:X]/cac:InvoiceLine/
/// cac:InvoicePeriod/cbc:X`, with the document's date.
fn line_period_dates<'d>(
    cx: &Ctx<'d>,
    which: &'static str,
) -> impl Iterator<Item = (Element<'d>, Element<'d>)> + 'd {
    let root = cx.root;
    let line = if is_invoice(root) {
        Some("InvoiceLine")
    } else if is_credit_note(root) {
        Some("CreditNoteLine")
    } else {
        None
    };
    let doc_date = first(root, &[cac("InvoicePeriod"), (CBC, which)]);
    line.zip(doc_date).into_iter().flat_map(move |(line, d)| {
        kids(root, CAC, line)
            .flat_map(|l| kids(l, CAC, "InvoicePeriod"))
            .flat_map(move |p| kids(p, CBC, which))
            .map(move |e| (e, d))
    })
}

/// PEPPOL-EN16931-R110: a line period start (BT-134) lies within the invoice period (BT-73).
pub(super) fn peppol_en16931_r110(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for (line, doc) in line_period_dates(cx, "StartDate") {
        if let Some(ok) = period_compare(line, doc, |a, b| a >= b) {
            sink.check(line, ok);
        }
    }
}

/// PEPPOL-EN16931-R111: a line period end (BT-135) lies within the invoice period (BT-74).
pub(super) fn peppol_en16931_r111(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for (line, doc) in line_period_dates(cx, "EndDate") {
        if let Some(ok) = period_compare(line, doc, |a, b| a <= b) {
            sink.check(line, ok);
        }
    }
}

/// `xs:date(text()) OP xs:date(doc)`: false when the line date has no text (the empty sequence
/// compares false), `None` when a date is not castable (the official processor stops).
fn period_compare(
    line: Element<'_>,
    doc: Element<'_>,
    op: fn(&xpath::XDate, &xpath::XDate) -> bool,
) -> Option<bool> {
    if line.text().is_empty() {
        return Some(false);
    }
    let a = xpath::date(line.text())?;
    let b = xpath::date(&doc.string_value())?;
    Some(op(&a, &b))
}

/// Every `cac:InvoiceLine | cac:CreditNoteLine` (BG-25).
fn lines<'c, 'd>(cx: &'c Ctx<'d>) -> impl Iterator<Item = Element<'d>> + 'c {
    cx.named_ns(CAC, "InvoiceLine")
        .chain(cx.named_ns(CAC, "CreditNoteLine"))
}

/// `round(sum(cac:AllowanceCharge[normalize-space(cbc:ChargeIndicator) = flag]/cbc:Amount) * 100)
/// div 100`, or 0 when there is no such allowance/charge; `None` on a cast failure.
fn line_allowances(line: Element<'_>, flag: &str) -> Option<Decimal> {
    let mut any = false;
    let mut total = Decimal::ZERO;
    for ac in kids(line, CAC, "AllowanceCharge") {
        let indicator = cbc_child(ac, "ChargeIndicator").map_or("", |c| c.text());
        if !normalized_eq(indicator, flag) {
            continue;
        }
        any = true;
        for amount in kids(ac, CBC, "Amount") {
            total = total.checked_add(decimal(amount.text())?)?;
        }
    }
    Some(if any {
        xpath::round2(total)
    } else {
        Decimal::ZERO
    })
}

/// PEPPOL-EN16931-R120: line net amount (BT-131) = quantity × (net price / base quantity) +
/// line charges − line allowances (±0.02).
pub(super) fn peppol_en16931_r120(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let quantity_name = if is_invoice(cx.root) {
        "InvoicedQuantity"
    } else {
        "CreditedQuantity"
    };
    for line in lines(cx) {
        let Some(ok) = r120_holds(line, quantity_name) else {
            continue;
        };
        sink.check(line, ok);
    }
}

fn r120_holds(line: Element<'_>, quantity_name: &str) -> Option<bool> {
    let or = |e: Option<Element<'_>>, default: Decimal| match e {
        Some(e) => decimal(e.text()),
        None => Some(default),
    };
    let net = or(cbc_child(line, "LineExtensionAmount"), Decimal::ZERO)?;
    let quantity = or(cbc_child(line, quantity_name), Decimal::ONE)?;
    let price = or(
        first(line, &[cac("Price"), cbc("PriceAmount")]),
        Decimal::ZERO,
    )?;
    let base = match first(line, &[cac("Price"), cbc("BaseQuantity")]) {
        Some(b) => {
            let b = decimal(b.text())?;
            if b.is_zero() { Decimal::ONE } else { b }
        }
        None => Decimal::ONE,
    };
    let allowances = line_allowances(line, "false")?;
    let charges = line_allowances(line, "true")?;
    let unit = price.checked_div(base)?;
    let computed = quantity
        .checked_mul(unit)?
        .checked_add(charges)?
        .checked_sub(allowances)?;
    Some(slack(net, computed, TOLERANCE))
}

/// PEPPOL-EN16931-R121: a price base quantity (BT-149) must be above zero.
pub(super) fn peppol_en16931_r121(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for line in lines(cx) {
        match first(line, &[cac("Price"), cbc("BaseQuantity")]) {
            None => {}
            Some(b) => {
                if let Some(v) = decimal(b.text()) {
                    sink.check(line, v > Decimal::ZERO);
                }
            }
        }
    }
}

/// PEPPOL-EN16931-R100: at most one invoiced object (BT-128) per line.
pub(super) fn peppol_en16931_r100(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for line in lines(cx) {
        sink.check(line, kids(line, CAC, "DocumentReference").nth(1).is_none());
    }
}

/// PEPPOL-EN16931-R101: a line document reference may only be an invoiced object (type 130).
pub(super) fn peppol_en16931_r101(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for line in lines(cx) {
        let mut refs = kids(line, CAC, "DocumentReference").peekable();
        if refs.peek().is_none() {
            continue;
        }
        let ok = select(line, &[cac("DocumentReference"), cbc("DocumentTypeCode")])
            .any(|c| c.text() == "130");
        sink.check(line, ok);
    }
}

/// `cac:Price/cac:AllowanceCharge` — the price discount (BT-147).
fn price_allowances<'c, 'd>(cx: &'c Ctx<'d>) -> impl Iterator<Item = Element<'d>> + 'c {
    cx.named_ns(CAC, "AllowanceCharge")
        .filter(|e| e.parent().is_some_and(|p| p.is(CAC, "Price")))
}

/// PEPPOL-EN16931-R044: a price-level allowance must have charge indicator `false`.
pub(super) fn peppol_en16931_r044(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in price_allowances(cx) {
        let v = cbc_child(ac, "ChargeIndicator").map_or("", |c| c.text());
        sink.check(ac, normalized_eq(v, "false"));
    }
}

/// PEPPOL-EN16931-R046: net price (BT-146) = gross price (BT-148) − price discount (BT-147).
pub(super) fn peppol_en16931_r046(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in price_allowances(cx) {
        let Some(gross) = cbc_child(ac, "BaseAmount") else {
            continue;
        };
        let net = ac.parent().and_then(|p| cbc_child(p, "PriceAmount"));
        let discount = cbc_child(ac, "Amount");
        let ok = match (decimal_of(net), decimal(gross.text()), decimal_of(discount)) {
            (Some(n), Some(g), Some(d)) => g.checked_sub(d) == Some(n),
            _ => false,
        };
        sink.check(ac, ok);
    }
}

/// PEPPOL-EN16931-R130: the unit of the price base quantity (BT-150) equals the invoiced
/// quantity's unit (BT-130).
pub(super) fn peppol_en16931_r130(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    let quantity_name = if is_invoice(cx.root) {
        "InvoicedQuantity"
    } else {
        "CreditedQuantity"
    };
    for bq in cx.named_ns(CBC, "BaseQuantity") {
        let Some(unit) = bq.attr("unitCode") else {
            continue;
        };
        let Some(price) = bq.parent().filter(|p| p.is(CAC, "Price")) else {
            continue;
        };
        let Some(line) = price.parent() else { continue };
        let has_quantity = has_cbc(line, "InvoicedQuantity") || has_cbc(line, "CreditedQuantity");
        let ok = !has_quantity
            || kids(line, CBC, quantity_name).any(|q| q.attr("unitCode") == Some(unit));
        sink.check(bq, ok);
    }
}
