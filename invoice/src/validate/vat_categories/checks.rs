//! The ten numbered rules of every VAT category family, written once over a [`Category`].
//!
//! Each function mirrors the official XPath of its rule number; what differs between families
//! comes from the category's row in [`super::table::CATEGORIES`].

use rust_decimal::Decimal;

use super::super::xpath::{double, round2};
use super::super::{Ctx, Sink};
use super::index::{
    Doc, Named, allowance_contexts, breakdown_categories, charge_is, code_is, decimal_child,
    document_of, id_raw_is, ids_reading, line_contexts, single, subtotal_amount, sum_of,
    tax_scheme_is_vat, vat_code_is, with_index,
};
use super::table::{Breakdown, Buyer, Category, Parties, PartyTest, Pred, Rate, Tax, Taxable};
use crate::xml::{Element, ns};

impl Pred {
    /// Whether the category element `cat` passes this test for `code_lit`.
    fn holds(self, cat: Element<'_>, code_lit: &str) -> bool {
        match self {
            Pred::Code => code_is(cat, code_lit),
            Pred::VatCode => vat_code_is(cat, code_lit),
            Pred::Raw => id_raw_is(cat, code_lit),
            Pred::RawVat => id_raw_is(cat, code_lit) && tax_scheme_is_vat(cat),
        }
    }
}

/// Rule 01: the category's use and the VAT breakdown agree (see [`Breakdown`]).
pub(super) fn breakdown_agrees(cx: &Ctx<'_>, s: &mut Sink<'_>, cat: &Category) {
    match cat.breakdown {
        Breakdown::ExactlyOne => exactly_one_breakdown(cx, s, cat.code),
        Breakdown::UsedIffPresent {
            used,
            present,
            absent,
        } => used_iff_present(cx, s, cat.code, used, present, absent),
    }
}

/// When any (line or other) VAT category has the code, the VAT breakdown holds exactly one
/// category id with it: `count(…/cbc:ID[…]) = 1`.
fn exactly_one_breakdown(cx: &Ctx<'_>, s: &mut Sink<'_>, code_lit: &str) {
    if !cx.is_ubl() {
        return;
    }
    let ok = with_index(cx, |d| {
        let used = d
            .tax_categories()
            .any(|c| tax_scheme_is_vat(c) && ids_reading(c, code_lit) > 0)
            || d.classified()
                .any(|c| tax_scheme_is_vat(c) && ids_reading(c, code_lit) > 0);
        let in_breakdown: usize = d
            .breakdown()
            .filter(|c| tax_scheme_is_vat(*c))
            .map(|c| ids_reading(c, code_lit))
            .sum();
        !used || in_breakdown == 1
    });
    s.check(cx.root, ok);
}

/// Lines, allowances or charges of the category need a breakdown of it, and a breakdown needs
/// one of them; each of the three counts has its own test.
fn used_iff_present(
    cx: &Ctx<'_>,
    s: &mut Sink<'_>,
    code_lit: &str,
    used: Pred,
    present: Pred,
    absent: Pred,
) {
    if !cx.is_ubl() {
        return;
    }
    let (used, present, absent) = with_index(cx, |d| {
        let n = d
            .allowance_categories()
            .filter(|c| used.holds(*c, code_lit))
            .count()
            + d.classified().filter(|c| used.holds(*c, code_lit)).count();
        let p = d
            .breakdown()
            .filter(|c| present.holds(*c, code_lit))
            .count();
        let a = d.breakdown().filter(|c| absent.holds(*c, code_lit)).count();
        (n, p, a)
    });
    s.check(
        cx.root,
        (used > 0 && present > 0) || (used == 0 && absent == 0),
    );
}

/// Which categories rules 02 (lines), 03 (allowances) and 04 (charges) select.
#[derive(Clone, Copy)]
pub(super) enum Where {
    /// `//cac:ClassifiedTaxCategory`
    Lines,
    /// `//cac:AllowanceCharge[cbc:ChargeIndicator = false()]/cac:TaxCategory`
    Allowances,
    /// `//cac:AllowanceCharge[cbc:ChargeIndicator = true()]/cac:TaxCategory`
    Charges,
}

/// Whether a category of `w` (document level only with `document_level`) passes `pred`.
fn any_category(
    d: &Doc<'_, '_>,
    w: Where,
    document_level: bool,
    pred: impl Fn(Element<'_>) -> bool,
) -> bool {
    let charge = match w {
        Where::Lines => return d.classified().any(pred),
        Where::Allowances => false,
        Where::Charges => true,
    };
    if document_level {
        d.cx.root
            .named(ns::CAC, "AllowanceCharge")
            .filter(|ac| charge_is(*ac, charge))
            .flat_map(|ac| ac.named(ns::CAC, "TaxCategory"))
            .any(pred)
    } else {
        d.allowance_categories_where(charge).any(pred)
    }
}

/// Rules 02–04: `(exists(<w>[present]) and <parties>) or not(exists(<w>[guard]))`.
pub(super) fn parties_identified(cx: &Ctx<'_>, s: &mut Sink<'_>, cat: &Category, w: Where) {
    if !cx.is_ubl() {
        return;
    }
    let PartyTest {
        present,
        guard,
        document_level,
    } = cat.party_tests[w as usize];
    let code_lit = cat.code;
    let ok = with_index(cx, |d| {
        let has = any_category(d, w, document_level, |c| present.holds(c, code_lit));
        let guarded = any_category(d, w, document_level, |c| guard.holds(c, code_lit));
        let parties_ok = || match cat.parties {
            Parties::Identified {
                seller_vat_only,
                buyer,
            } => {
                d.seller_or_representative(seller_vat_only)
                    && match buyer {
                        Buyer::None => true,
                        Buyer::VatId => d.buyer_vat_id(),
                        Buyer::VatOrLegalId => d.buyer_vat_id() || d.buyer_legal_id(),
                    }
            }
            Parties::NoVatIds => {
                !d.seller_company_id(true) && !d.tax_representative_vat_id() && !d.buyer_vat_id()
            }
        };
        (has && parties_ok()) || !guarded
    });
    s.check(cx.root, ok);
}

/// Rule 05: the rate of every line item category with the code.
pub(super) fn line_rate_of(cx: &Ctx<'_>, s: &mut Sink<'_>, cat: &Category) {
    line_rate(cx, s, cat.code, cat.rate);
}

/// Rules 06 (`charge = false`) and 07: the rate of every allowance (charge) category.
pub(super) fn allowance_rate_of(cx: &Ctx<'_>, s: &mut Sink<'_>, cat: &Category, charge: bool) {
    allowance_rate(cx, s, cat.code, charge, cat.rate);
}

/// Rule 08: the breakdown's taxable amount (see [`Taxable`]).
pub(super) fn taxable_amount(cx: &Ctx<'_>, s: &mut Sink<'_>, cat: &Category) {
    match cat.taxable {
        Taxable::Exact => taxable_amount_exact(cx, s, cat.code),
        Taxable::PerRate { lines_of_rate } => {
            taxable_amount_per_rate(cx, s, cat.code, lines_of_rate)
        }
    }
}

/// Rule 09: the breakdown's VAT amount (see [`Tax`]).
pub(super) fn tax_amount(cx: &Ctx<'_>, s: &mut Sink<'_>, cat: &Category) {
    match cat.tax {
        Tax::Zero => tax_amount_zero(cx, s, cat.code),
        Tax::FromRate => tax_amount_from_rate(cx, s, cat.code),
    }
}

/// Rule 10: an exemption reason (text or code) is required or forbidden.
pub(super) fn exemption_reason_of(cx: &Ctx<'_>, s: &mut Sink<'_>, cat: &Category) {
    exemption_reason(cx, s, cat.code, cat.exemption_reason_required);
}

/// Rule 08, [`Taxable::Exact`]: the breakdown's taxable amount equals the sum of the lines of
/// that category plus charges minus allowances of that category (exactly).
fn taxable_amount_exact(cx: &Ctx<'_>, s: &mut Sink<'_>, code_lit: &'static str) {
    let any_il = || exists_anywhere(cx, "InvoiceLine");
    let any_cn = || exists_anywhere(cx, "CreditNoteLine");
    for cat in breakdown_categories(cx, code_lit) {
        let Ok(taxable) = subtotal_amount(cat, "TaxableAmount") else {
            continue;
        };
        let Some(doc) = document_of(cat) else {
            continue;
        };
        let lines = |line: &'static str| {
            sum_of(
                doc.named(ns::CAC, line).filter(|l| {
                    l.named(ns::CAC, "Item")
                        .flat_map(|i| i.named(ns::CAC, "ClassifiedTaxCategory"))
                        .any(|c| code_is(c, code_lit))
                }),
                ns::CBC,
                "LineExtensionAmount",
            )
        };
        let allowances = |charge: bool| {
            sum_of(
                doc.named(ns::CAC, "AllowanceCharge").filter(|ac| {
                    charge_is(*ac, charge)
                        && ac
                            .named(ns::CAC, "TaxCategory")
                            .any(|c| code_is(c, code_lit))
                }),
                ns::CBC,
                "Amount",
            )
        };
        let (Some(charges), Some(allows)) = (allowances(true), allowances(false)) else {
            continue;
        };
        let matches = |line: &'static str| match (taxable, lines(line)) {
            (Some(t), Some(l)) => Some(t == l + charges - allows),
            (None, Some(_)) => Some(false),
            _ => None,
        };
        let a = if any_il() {
            matches("InvoiceLine")
        } else {
            Some(false)
        };
        let b = if any_cn() {
            matches("CreditNoteLine")
        } else {
            Some(false)
        };
        let ok = match (a, b) {
            (Some(true), _) | (_, Some(true)) => true,
            (Some(false), Some(false)) => false,
            _ => continue,
        };
        s.check(cat, ok);
    }
}

/// `exists(//cac:<local>)`
fn exists_anywhere(cx: &Ctx<'_>, local: &str) -> bool {
    with_index(cx, |d| match local {
        "InvoiceLine" => d.ix.any_invoice_line,
        "CreditNoteLine" => d.ix.any_credit_note_line,
        _ => false,
    })
}

/// `xs:decimal(x ± 1)` where `x` is untyped: the arithmetic happens in `xs:double`, and the
/// result is cast back to `xs:decimal` exactly. `Err` on a dynamic error, `Ok(None)` when absent.
fn double_shifted(st: Element<'_>, local: &'static str, delta: f64) -> Result<Option<Decimal>, ()> {
    match single(st, ns::CBC, local)? {
        None => Ok(None),
        Some(x) => {
            let v = double(&x.string_value()).ok_or(())? + delta;
            if !v.is_finite() {
                return Err(());
            }
            Decimal::from_f64_retain(v).map(Some).ok_or(())
        }
    }
}

/// Rule 08, [`Taxable::PerRate`]: for the breakdown's rate, the taxable amount lies within ±1 of the sum
/// of lines plus charges minus allowances of that category and rate.
fn taxable_amount_per_rate(
    cx: &Ctx<'_>,
    s: &mut Sink<'_>,
    code_lit: &'static str,
    lines_of_rate: bool,
) {
    for cat in breakdown_categories(cx, code_lit) {
        let Some(doc) = document_of(cat) else {
            continue;
        };
        let Some(st) = cat.parent() else { continue };
        // every $rate in xs:decimal(cbc:Percent)
        let rate = match decimal_child(cat, ns::CBC, "Percent") {
            Ok(Some(r)) => r,
            Ok(None) => continue, // vacuously true
            Err(()) => continue,
        };
        let (Ok(low), Ok(high)) = (
            double_shifted(st, "TaxableAmount", -1.0),
            double_shifted(st, "TaxableAmount", 1.0),
        ) else {
            continue;
        };
        let cat_matches = |c: Element<'_>| -> bool { code_is(c, code_lit) };
        let rate_matches = |c: Element<'_>| -> bool {
            matches!(decimal_child(c, ns::CBC, "Percent"), Ok(Some(p)) if p == rate)
        };
        let line_ok = |line: Element<'_>| {
            let cats = || {
                line.named(ns::CAC, "Item")
                    .flat_map(|i| i.named(ns::CAC, "ClassifiedTaxCategory"))
            };
            cats().any(cat_matches) && cats().any(rate_matches)
        };
        let ac_ok = |ac: Element<'_>| {
            let cats = || ac.named(ns::CAC, "TaxCategory");
            cats().any(cat_matches) && cats().any(rate_matches)
        };
        let doc_acs = |charge: bool| {
            sum_of(
                doc.named(ns::CAC, "AllowanceCharge")
                    .filter(|ac| charge_is(*ac, charge) && ac_ok(*ac)),
                ns::CBC,
                "Amount",
            )
        };
        let (Some(charges), Some(allows)) = (doc_acs(true), doc_acs(false)) else {
            continue;
        };
        let within = |line: &'static str| -> Option<bool> {
            let sum = sum_of(
                doc.named(ns::CAC, line).filter(|l| line_ok(*l)),
                ns::CBC,
                "LineExtensionAmount",
            )?;
            let total = sum + charges - allows;
            Some(low.is_some_and(|l| l < total) && high.is_some_and(|h| h > total))
        };
        let ok = if lines_of_rate {
            // exists(//cac:InvoiceLine[…][…]) or exists(//cac:AllowanceCharge[…][…])
            let (il, cn, ac) = with_index(cx, |d| {
                let ac = d.allowance_charges().any(ac_ok);
                let lines = |local: &str| {
                    d.classified()
                        .filter_map(|c| c.parent()?.parent())
                        .filter(|l| l.is(ns::CAC, local))
                        .any(line_ok)
                };
                let il = d.ix.any_invoice_line && lines("InvoiceLine");
                let cn = d.ix.any_credit_note_line && lines("CreditNoteLine");
                (il, cn, ac)
            });
            let a = if il || ac {
                within("InvoiceLine")
            } else {
                Some(false)
            };
            let b = if cn || ac {
                within("CreditNoteLine")
            } else {
                Some(false)
            };
            match (a, b) {
                (Some(true), _) | (_, Some(true)) => true,
                (Some(false), Some(false)) => false,
                _ => continue,
            }
        } else {
            let a = if exists_anywhere(cx, "InvoiceLine") {
                within("InvoiceLine")
            } else {
                Some(false)
            };
            let b = if exists_anywhere(cx, "CreditNoteLine") {
                within("CreditNoteLine")
            } else {
                Some(false)
            };
            match (a, b) {
                (Some(true), _) | (_, Some(true)) => true,
                (Some(false), Some(false)) => false,
                _ => continue,
            }
        };
        s.check(cat, ok);
    }
}

/// Rule 09, [`Tax::Zero`]: `xs:decimal(../cbc:TaxAmount) = 0`.
fn tax_amount_zero(cx: &Ctx<'_>, s: &mut Sink<'_>, code_lit: &'static str) {
    for cat in breakdown_categories(cx, code_lit) {
        match subtotal_amount(cat, "TaxAmount") {
            Ok(v) => s.check(cat, v == Some(Decimal::ZERO)),
            Err(()) => continue,
        }
    }
}

/// Rule 09, [`Tax::FromRate`]: the breakdown's tax amount is within ±1 of taxable amount × rate,
/// rounded to two decimals.
fn tax_amount_from_rate(cx: &Ctx<'_>, s: &mut Sink<'_>, code_lit: &'static str) {
    for cat in breakdown_categories(cx, code_lit) {
        let (Ok(tax), Ok(taxable), Ok(rate)) = (
            subtotal_amount(cat, "TaxAmount"),
            subtotal_amount(cat, "TaxableAmount"),
            decimal_child(cat, ns::CBC, "Percent"),
        ) else {
            continue;
        };
        let ok = match (tax, taxable, rate) {
            (Some(tax), Some(taxable), Some(rate)) => {
                let expected = taxable
                    .abs()
                    .checked_mul(rate / Decimal::ONE_HUNDRED)
                    .map(round2);
                match expected {
                    Some(e) => {
                        let t = tax.abs();
                        t - Decimal::ONE < e && t + Decimal::ONE > e
                    }
                    None => continue,
                }
            }
            _ => false,
        };
        s.check(cat, ok);
    }
}

/// Rule 10 for `code_lit`.
fn exemption_reason(cx: &Ctx<'_>, s: &mut Sink<'_>, code_lit: &'static str, required: bool) {
    for cat in breakdown_categories(cx, code_lit) {
        let has = cat.child(ns::CBC, "TaxExemptionReason").is_some()
            || cat.child(ns::CBC, "TaxExemptionReasonCode").is_some();
        s.check(cat, has == required);
    }
}

fn rate_ok(cat: Element<'_>, rate: Rate) -> Option<bool> {
    let percents = || cat.named(ns::CBC, "Percent");
    let doubles = || percents().map(|p| double(&p.string_value()));
    Some(match rate {
        Rate::Zero => match decimal_child(cat, ns::CBC, "Percent") {
            Ok(v) => v == Some(Decimal::ZERO),
            Err(()) => return None,
        },
        Rate::Positive => {
            if doubles().any(|d| d.is_none()) {
                return None;
            }
            doubles().flatten().any(|d| d > 0.0)
        }
        Rate::NonNegative => {
            if doubles().any(|d| d.is_none()) {
                return None;
            }
            doubles().flatten().any(|d| d >= 0.0)
        }
        Rate::Absent => percents().next().is_none(),
    })
}

/// Rule 05: the rate of every line item category with the code.
fn line_rate(cx: &Ctx<'_>, s: &mut Sink<'_>, code_lit: &'static str, rate: Rate) {
    let fails: Vec<u32> = with_index(cx, |d| {
        line_contexts(d, code_lit)
            .filter(|c| rate_ok(*c, rate) == Some(false))
            .map(|c| c.id() as u32)
            .collect()
    });
    fire_all(cx, s, &fails);
}

/// Rules 06 (`charge = false`) and 07: the rate of every allowance (charge) category with the
/// code.
fn allowance_rate(
    cx: &Ctx<'_>,
    s: &mut Sink<'_>,
    code_lit: &'static str,
    charge: bool,
    rate: Rate,
) {
    let fails: Vec<u32> = with_index(cx, |d| {
        allowance_contexts(d, code_lit, charge)
            .filter(|c| rate_ok(*c, rate) == Some(false))
            .map(|c| c.id() as u32)
            .collect()
    });
    fire_all(cx, s, &fails);
}

fn fire_all(cx: &Ctx<'_>, s: &mut Sink<'_>, ids: &[u32]) {
    let doc = cx.root.document();
    for id in ids {
        if let Some(e) = doc.element(*id as usize) {
            s.fire(e);
        }
    }
}
