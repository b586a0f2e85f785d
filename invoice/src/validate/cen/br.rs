//! BR-01 … BR-67: the core EN 16931 business rules (presence, cardinality, simple conditions).

use super::super::{Ctx, Sink, xpath};
use super::contexts::{
    CAC, CBC, cac, document_allowance_charges, has_ancestors, invoice_root, is_line, is_vat,
    line_allowance_charges, lines, parent, parent_is,
};
use super::values::{DynError, X, assert, date, filled, filled_path, has, kids, single};
use crate::xml::Element;

// --- /ubl:Invoice | /cn:CreditNote ------------------------------------------------------------

/// Runs `test` on the invoice root, when the root is a UBL invoice or credit note.
fn on_root(cx: &Ctx<'_>, sink: &mut Sink<'_>, test: impl Fn(Element<'_>) -> X<bool>) {
    if let Some(root) = invoice_root(cx) {
        assert(sink, root, test(root));
    }
}

/// BR-01: Specification identifier (BT-24).
pub(super) fn br_01(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    on_root(cx, sink, |r| filled(r, CBC, "CustomizationID"));
}

/// BR-02: Invoice number (BT-1).
pub(super) fn br_02(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    on_root(cx, sink, |r| filled(r, CBC, "ID"));
}

/// BR-03: Invoice issue date (BT-2).
pub(super) fn br_03(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    on_root(cx, sink, |r| filled(r, CBC, "IssueDate"));
}

/// BR-04: Invoice type code (BT-3).
pub(super) fn br_04(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    on_root(cx, sink, |r| {
        Ok(filled(r, CBC, "InvoiceTypeCode")? || filled(r, CBC, "CreditNoteTypeCode")?)
    });
}

/// BR-05: Invoice currency code (BT-5).
pub(super) fn br_05(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    on_root(cx, sink, |r| filled(r, CBC, "DocumentCurrencyCode"));
}

const SELLER_PARTY: [(&str, &str); 2] = [(CAC, "AccountingSupplierParty"), (CAC, "Party")];
const BUYER_PARTY: [(&str, &str); 2] = [(CAC, "AccountingCustomerParty"), (CAC, "Party")];

/// BR-06: Seller name (BT-27).
pub(super) fn br_06(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    on_root(cx, sink, |r| {
        filled_path(
            r,
            &[
                SELLER_PARTY[0],
                SELLER_PARTY[1],
                (CAC, "PartyLegalEntity"),
                (CBC, "RegistrationName"),
            ],
        )
    });
}

/// BR-07: Buyer name (BT-44).
pub(super) fn br_07(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    on_root(cx, sink, |r| {
        filled_path(
            r,
            &[
                BUYER_PARTY[0],
                BUYER_PARTY[1],
                (CAC, "PartyLegalEntity"),
                (CBC, "RegistrationName"),
            ],
        )
    });
}

/// BR-08: Seller postal address (BG-5).
pub(super) fn br_08(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    on_root(cx, sink, |r| {
        Ok(xpath::exists(
            r,
            &[SELLER_PARTY[0], SELLER_PARTY[1], (CAC, "PostalAddress")],
        ))
    });
}

/// BR-10: Buyer postal address (BG-8).
pub(super) fn br_10(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    on_root(cx, sink, |r| {
        Ok(xpath::exists(
            r,
            &[BUYER_PARTY[0], BUYER_PARTY[1], (CAC, "PostalAddress")],
        ))
    });
}

/// BR-16: at least one Invoice line (BG-25).
pub(super) fn br_16(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    on_root(cx, sink, |r| {
        Ok(has(r, CAC, "InvoiceLine") || has(r, CAC, "CreditNoteLine"))
    });
}

/// BR-53: every VAT accounting currency code (BT-6) has its total VAT amount in that currency
/// (BT-111): `every $c in cbc:TaxCurrencyCode satisfies
/// exists(//cac:TaxTotal/cbc:TaxAmount[@currencyID = $c])` (plain string comparison).
pub(super) fn br_53(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    on_root(cx, sink, |r| {
        Ok(kids(r, CBC, "TaxCurrencyCode").all(|code| {
            let code = code.string_value();
            cac(cx, "TaxTotal").any(|tt| {
                kids(tt, CBC, "TaxAmount").any(|ta| ta.attr("currencyID") == Some(&*code))
            })
        }))
    });
}

/// BR-66 (CEN 1.3.14.1 only): at most one Payment card account (BG-18).
pub(super) fn br_66(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    on_root(cx, sink, |r| {
        Ok(xpath::select(r, &[(CAC, "PaymentMeans"), (CAC, "CardAccount")]).count() <= 1)
    });
}

/// BR-67 (CEN 1.3.14.1 only): at most one Payment mandate (BG-19).
pub(super) fn br_67(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    on_root(cx, sink, |r| {
        Ok(xpath::select(r, &[(CAC, "PaymentMeans"), (CAC, "PaymentMandate")]).count() <= 1)
    });
}

// --- Parties and addresses ---------------------------------------------------------------------

/// `normalize-space(cac:Country/cbc:IdentificationCode) != ''` on every `cac:PostalAddress`
/// that is a child of `owner` (a chain of ancestors).
fn country_filled(cx: &Ctx<'_>, sink: &mut Sink<'_>, local: &str, owner: &[(&str, &str)]) {
    for a in cac(cx, local) {
        if has_ancestors(cx, a, owner) {
            assert(
                sink,
                a,
                filled_path(a, &[(CAC, "Country"), (CBC, "IdentificationCode")]),
            );
        }
    }
}

/// BR-09: Seller country code (BT-40).
pub(super) fn br_09(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    country_filled(cx, sink, "PostalAddress", &SELLER_PARTY);
}

/// BR-11: Buyer country code (BT-55).
pub(super) fn br_11(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    country_filled(cx, sink, "PostalAddress", &BUYER_PARTY);
}

/// BR-20: Tax representative country code (BT-69).
pub(super) fn br_20(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    country_filled(
        cx,
        sink,
        "PostalAddress",
        &[(CAC, "TaxRepresentativeParty")],
    );
}

/// BR-57: Deliver to country code (BT-80): `exists(cac:Country/cbc:IdentificationCode)`.
pub(super) fn br_57(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for a in cac(cx, "Address") {
        if has_ancestors(cx, a, &[(CAC, "Delivery"), (CAC, "DeliveryLocation")]) {
            assert(
                sink,
                a,
                Ok(xpath::exists(
                    a,
                    &[(CAC, "Country"), (CBC, "IdentificationCode")],
                )),
            );
        }
    }
}

/// BR-17: a Payee (BG-10) different from the seller has a Payee name (BT-59).
pub(super) fn br_17(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for payee in cac(cx, "PayeeParty") {
        let names = || xpath::select(payee, &[(CAC, "PartyName"), (CBC, "Name")]);
        let seller = parent(cx, payee)
            .into_iter()
            .flat_map(|p| kids(p, CAC, "AccountingSupplierParty"))
            .flat_map(|s| kids(s, CAC, "Party"));
        let mut same_name = false;
        let mut same_id = false;
        for party in seller {
            for n in xpath::select(party, &[(CAC, "PartyName"), (CBC, "Name")]) {
                let v = n.string_value();
                same_name |= names().any(|m| m.string_value() == v);
            }
            for i in xpath::select(party, &[(CAC, "PartyIdentification"), (CBC, "ID")]) {
                let v = i.string_value();
                same_id |= xpath::select(payee, &[(CAC, "PartyIdentification"), (CBC, "ID")])
                    .any(|m| m.string_value() == v);
            }
        }
        assert(
            sink,
            payee,
            Ok(names().next().is_some() && !same_name && !same_id),
        );
    }
}

/// The `cac:TaxRepresentativeParty` elements.
fn tax_representatives<'c, 'd>(cx: &'c Ctx<'d>) -> impl Iterator<Item = Element<'d>> + 'c {
    cac(cx, "TaxRepresentativeParty")
}

/// BR-18: Seller tax representative name (BT-62).
pub(super) fn br_18(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for t in tax_representatives(cx) {
        assert(
            sink,
            t,
            filled_path(t, &[(CAC, "PartyName"), (CBC, "Name")]),
        );
    }
}

/// BR-19: Seller tax representative postal address (BG-12).
pub(super) fn br_19(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for t in tax_representatives(cx) {
        assert(sink, t, Ok(has(t, CAC, "PostalAddress")));
    }
}

/// BR-56: Seller tax representative VAT identifier (BT-63).
pub(super) fn br_56(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for t in tax_representatives(cx) {
        let ok = t
            .children_named(CAC, "PartyTaxScheme")
            .any(|s| is_vat(s) && has(s, CBC, "CompanyID"));
        assert(sink, t, Ok(ok));
    }
}

/// An electronic address `cac:<party>/cac:Party/cbc:EndpointID` has a scheme (`@schemeID`).
fn endpoint_has_scheme(cx: &Ctx<'_>, sink: &mut Sink<'_>, party: &[(&str, &str)]) {
    for e in cx.named_ns(CBC, "EndpointID") {
        if has_ancestors(cx, e, party) {
            assert(sink, e, Ok(e.attr("schemeID").is_some()));
        }
    }
}

/// BR-62: Seller electronic address (BT-34) has a scheme identifier.
pub(super) fn br_62(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    endpoint_has_scheme(cx, sink, &SELLER_PARTY);
}

/// BR-63: Buyer electronic address (BT-49) has a scheme identifier.
pub(super) fn br_63(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    endpoint_has_scheme(cx, sink, &BUYER_PARTY);
}

// --- Totals ------------------------------------------------------------------------------------

/// `exists(cbc:local)` on every `cac:LegalMonetaryTotal`.
fn total_present(cx: &Ctx<'_>, sink: &mut Sink<'_>, local: &str) {
    for t in cac(cx, "LegalMonetaryTotal") {
        assert(sink, t, Ok(has(t, CBC, local)));
    }
}

/// BR-12: Sum of Invoice line net amount (BT-106).
pub(super) fn br_12(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    total_present(cx, sink, "LineExtensionAmount");
}

/// BR-13: Invoice total amount without VAT (BT-109).
pub(super) fn br_13(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    total_present(cx, sink, "TaxExclusiveAmount");
}

/// BR-14: Invoice total amount with VAT (BT-112).
pub(super) fn br_14(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    total_present(cx, sink, "TaxInclusiveAmount");
}

/// BR-15: Amount due for payment (BT-115).
pub(super) fn br_15(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    total_present(cx, sink, "PayableAmount");
}

// --- Lines -------------------------------------------------------------------------------------

/// BR-21: Invoice line identifier (BT-126).
pub(super) fn br_21(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for l in lines(cx) {
        assert(sink, l, filled(l, CBC, "ID"));
    }
}

/// BR-22: Invoiced quantity (BT-129).
pub(super) fn br_22(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for l in lines(cx) {
        let ok = has(l, CBC, "InvoicedQuantity") || has(l, CBC, "CreditedQuantity");
        assert(sink, l, Ok(ok));
    }
}

/// BR-23: Invoiced quantity unit of measure code (BT-130).
pub(super) fn br_23(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for l in lines(cx) {
        let ok = l
            .children()
            .filter(|q| {
                q.namespace() == CBC
                    && matches!(q.local_name(), "InvoicedQuantity" | "CreditedQuantity")
            })
            .any(|q| q.attr("unitCode").is_some());
        assert(sink, l, Ok(ok));
    }
}

/// BR-24: Invoice line net amount (BT-131).
pub(super) fn br_24(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for l in lines(cx) {
        assert(sink, l, Ok(has(l, CBC, "LineExtensionAmount")));
    }
}

/// BR-25: Item name (BT-153).
pub(super) fn br_25(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for l in lines(cx) {
        assert(sink, l, filled_path(l, &[(CAC, "Item"), (CBC, "Name")]));
    }
}

/// BR-26: Item net price (BT-146).
pub(super) fn br_26(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for l in lines(cx) {
        let ok = xpath::exists(l, &[(CAC, "Price"), (CBC, "PriceAmount")]);
        assert(sink, l, Ok(ok));
    }
}

/// `path >= 0` as a general comparison: some node's value is ≥ 0 when compared as the official
/// processor does ([`xpath::untyped_cmp`]: `-0.00` counts as negative, `NaN` as not).
fn some_non_negative(from: Element<'_>, path: &[(&str, &str)]) -> X<bool> {
    let mut any = false;
    for n in xpath::select(from, path) {
        let order = xpath::untyped_cmp(&n.string_value(), 0.0).ok_or(DynError)?;
        any |= order != std::cmp::Ordering::Less;
    }
    Ok(any)
}

/// BR-27: the Item net price (BT-146) is not negative.
pub(super) fn br_27(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for l in lines(cx) {
        assert(
            sink,
            l,
            some_non_negative(l, &[(CAC, "Price"), (CBC, "PriceAmount")]),
        );
    }
}

/// BR-28: the Item gross price (BT-148) is not negative.
pub(super) fn br_28(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    const PATH: [(&str, &str); 3] = [
        (CAC, "Price"),
        (CAC, "AllowanceCharge"),
        (CBC, "BaseAmount"),
    ];
    for l in lines(cx) {
        let test = if xpath::exists(l, &PATH) {
            some_non_negative(l, &PATH)
        } else {
            Ok(true)
        };
        assert(sink, l, test);
    }
}

// --- Periods -----------------------------------------------------------------------------------

/// The period test of BR-29/BR-30: when both dates are present, end ≥ start.
fn period_ordered(p: Element<'_>) -> X<bool> {
    let (Some(_), Some(_)) = (p.child(CBC, "StartDate"), p.child(CBC, "EndDate")) else {
        return Ok(true);
    };
    let (start, end) = (date(p, "StartDate")?, date(p, "EndDate")?);
    match (start, end) {
        (Some(s), Some(e)) => Ok(e >= s),
        _ => Err(DynError),
    }
}

/// `cac:InvoicePeriod` elements: those of a line (`line = true`) or all others.
pub(super) fn periods<'c, 'd>(
    cx: &'c Ctx<'d>,
    line: bool,
) -> impl Iterator<Item = Element<'d>> + 'c {
    cac(cx, "InvoicePeriod").filter(move |p| parent(cx, *p).is_some_and(is_line) == line)
}

/// BR-29: Invoicing period end date (BT-74) not before its start date (BT-73).
pub(super) fn br_29(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for p in periods(cx, false) {
        assert(sink, p, period_ordered(p));
    }
}

/// BR-30: Invoice line period end date (BT-135) not before its start date (BT-134).
pub(super) fn br_30(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for p in periods(cx, true) {
        assert(sink, p, period_ordered(p));
    }
}

// --- Allowances and charges --------------------------------------------------------------------

/// `exists(cbc:AllowanceChargeReason) or exists(cbc:AllowanceChargeReasonCode)`.
pub(super) fn has_reason(ac: Element<'_>) -> bool {
    has(ac, CBC, "AllowanceChargeReason") || has(ac, CBC, "AllowanceChargeReasonCode")
}

/// `exists(cac:TaxCategory[VAT]/cbc:ID)`.
fn has_vat_category(ac: Element<'_>) -> bool {
    kids(ac, CAC, "TaxCategory").any(|c| is_vat(c) && has(c, CBC, "ID"))
}

/// BR-31: Document level allowance amount (BT-92).
pub(super) fn br_31(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in document_allowance_charges(cx, false) {
        assert(sink, ac, Ok(has(ac, CBC, "Amount")));
    }
}

/// BR-32: Document level allowance VAT category code (BT-95).
pub(super) fn br_32(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in document_allowance_charges(cx, false) {
        assert(sink, ac, Ok(has_vat_category(ac)));
    }
}

/// BR-33: Document level allowance reason (BT-97) or reason code (BT-98).
pub(super) fn br_33(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in document_allowance_charges(cx, false) {
        assert(sink, ac, Ok(has_reason(ac)));
    }
}

/// BR-36: Document level charge amount (BT-99).
pub(super) fn br_36(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in document_allowance_charges(cx, true) {
        assert(sink, ac, Ok(has(ac, CBC, "Amount")));
    }
}

/// BR-37: Document level charge VAT category code (BT-102).
pub(super) fn br_37(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in document_allowance_charges(cx, true) {
        assert(sink, ac, Ok(has_vat_category(ac)));
    }
}

/// BR-38: Document level charge reason (BT-104) or reason code (BT-105).
pub(super) fn br_38(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in document_allowance_charges(cx, true) {
        assert(sink, ac, Ok(has_reason(ac)));
    }
}

/// BR-41: Invoice line allowance amount (BT-136).
pub(super) fn br_41(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in line_allowance_charges(cx, false) {
        assert(sink, ac, Ok(has(ac, CBC, "Amount")));
    }
}

/// BR-42: Invoice line allowance reason (BT-139) or reason code (BT-140).
pub(super) fn br_42(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in line_allowance_charges(cx, false) {
        assert(sink, ac, Ok(has_reason(ac)));
    }
}

/// BR-43: Invoice line charge amount (BT-141).
pub(super) fn br_43(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in line_allowance_charges(cx, true) {
        assert(sink, ac, Ok(has(ac, CBC, "Amount")));
    }
}

/// BR-44: Invoice line charge reason (BT-144) or reason code (BT-145).
pub(super) fn br_44(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for ac in line_allowance_charges(cx, true) {
        assert(sink, ac, Ok(has_reason(ac)));
    }
}

// --- VAT breakdown -----------------------------------------------------------------------------

/// `cac:TaxTotal/cac:TaxSubtotal` anywhere.
pub(super) fn subtotals<'c, 'd>(cx: &'c Ctx<'d>) -> impl Iterator<Item = Element<'d>> + 'c {
    cac(cx, "TaxSubtotal").filter(move |s| parent_is(cx, *s, CAC, "TaxTotal"))
}

/// BR-45: VAT category taxable amount (BT-116).
pub(super) fn br_45(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for s in subtotals(cx) {
        assert(sink, s, Ok(has(s, CBC, "TaxableAmount")));
    }
}

/// BR-46: VAT category tax amount (BT-117).
pub(super) fn br_46(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for s in subtotals(cx) {
        assert(sink, s, Ok(has(s, CBC, "TaxAmount")));
    }
}

/// BR-47: VAT category code (BT-118).
pub(super) fn br_47(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for s in subtotals(cx) {
        assert(sink, s, Ok(has_vat_category(s)));
    }
}

/// BR-48: VAT category rate (BT-119), except for category O (not subject to VAT):
/// `exists(cac:TaxCategory[VAT]/cbc:Percent) or (cac:TaxCategory[VAT]/normalize-space(cbc:ID) = 'O')`.
pub(super) fn br_48(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for s in subtotals(cx) {
        let categories = || kids(s, CAC, "TaxCategory").filter(|c| is_vat(*c));
        let test = if categories().any(|c| has(c, CBC, "Percent")) {
            Ok(true)
        } else {
            categories().try_fold(false, |found, c| {
                let id = single(c, CBC, "ID")?;
                Ok(found || id.is_some_and(|i| xpath::normalized_eq(&i.string_value(), "O")))
            })
        };
        assert(sink, s, test);
    }
}

// --- Payment -----------------------------------------------------------------------------------

/// BR-49: Payment means type code (BT-81).
pub(super) fn br_49(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for pm in cac(cx, "PaymentMeans") {
        assert(sink, pm, Ok(has(pm, CBC, "PaymentMeansCode")));
    }
}

/// BR-50: Payment account identifier (BT-84) for credit transfers (`cac:PaymentMeans` with
/// code `30` or `58`, compared as plain strings).
pub(super) fn br_50(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for a in cac(cx, "PayeeFinancialAccount") {
        let transfer = parent(cx, a).is_some_and(|pm| {
            pm.is(CAC, "PaymentMeans")
                && pm
                    .children_named(CBC, "PaymentMeansCode")
                    .any(|c| matches!(&*c.string_value(), "30" | "58"))
        });
        if transfer {
            assert(sink, a, filled(a, CBC, "ID"));
        }
    }
}

/// BR-51 (warning): a card number (BT-87) shows at most 10 characters.
pub(super) fn br_51(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for n in cx.named_ns(CBC, "PrimaryAccountNumberID") {
        if has_ancestors(cx, n, &[(CAC, "PaymentMeans"), (CAC, "CardAccount")]) {
            let len = xpath::string_length(&xpath::normalize_space(&n.string_value()));
            assert(sink, n, Ok(len <= 10));
        }
    }
}

/// BR-61: a credit transfer (code 30 or 58) has a Payment account identifier (BT-84).
pub(super) fn br_61(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for pm in cac(cx, "PaymentMeans") {
        let test = single(pm, CBC, "PaymentMeansCode").map(|code| {
            let code = code.map(|c| c.string_value());
            let code = code.as_deref().unwrap_or("");
            let transfer = xpath::normalized_eq(code, "30") || xpath::normalized_eq(code, "58");
            !transfer || xpath::exists(pm, &[(CAC, "PayeeFinancialAccount"), (CBC, "ID")])
        });
        assert(sink, pm, test);
    }
}

// --- References and items ----------------------------------------------------------------------

/// BR-52: Supporting document reference (BT-122).
pub(super) fn br_52(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for d in cac(cx, "AdditionalDocumentReference") {
        assert(sink, d, filled(d, CBC, "ID"));
    }
}

/// BR-54: Item attribute name (BT-160) and value (BT-161).
pub(super) fn br_54(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for p in cac(cx, "AdditionalItemProperty") {
        assert(sink, p, Ok(has(p, CBC, "Name") && has(p, CBC, "Value")));
    }
}

/// BR-55: Preceding Invoice reference (BT-25).
pub(super) fn br_55(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for b in cac(cx, "BillingReference") {
        let ok = xpath::exists(b, &[(CAC, "InvoiceDocumentReference"), (CBC, "ID")]);
        assert(sink, b, Ok(ok));
    }
}

/// `cac:InvoiceLine/cac:Item/<mid>/cbc:<leaf>` (or a credit note line).
fn item_leaves<'c, 'd>(
    cx: &'c Ctx<'d>,
    mid: &'static str,
    leaf: &'static str,
) -> impl Iterator<Item = Element<'d>> + 'c {
    cx.named_ns(CBC, leaf).filter(move |e| {
        parent(cx, *e)
            .filter(|m| m.is(CAC, mid))
            .and_then(|m| parent(cx, m))
            .filter(|i| i.is(CAC, "Item"))
            .and_then(|i| parent(cx, i))
            .is_some_and(is_line)
    })
}

/// BR-64: Item standard identifier (BT-157) has a scheme identifier.
pub(super) fn br_64(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for e in item_leaves(cx, "StandardItemIdentification", "ID") {
        assert(sink, e, Ok(e.attr("schemeID").is_some()));
    }
}

/// BR-65: Item classification identifier (BT-158) has a scheme identifier.
pub(super) fn br_65(cx: &Ctx<'_>, sink: &mut Sink<'_>) {
    for e in item_leaves(cx, "CommodityClassification", "ItemClassificationCode") {
        assert(sink, e, Ok(e.attr("listID").is_some()));
    }
}
